// /api/qa/... (docs/api.md, "Quality"): thin handlers over QaStore (store_qa.h) and the core's QA
// rules (core/qa). Who may: the permission matrix (ViewQa, ManageQaForms, EvaluateCalls,
// AcknowledgeQa, ResolveQaDispute, RunCalibration) and QaSeesTeam: a lead sees and acts on the
// evaluations of their own teams' agents only. Calibration results stay hidden from everyone
// until every evaluator has submitted. Every change is audited with who and where from.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/qa/calibration.h"
#include "core/qa/qa_json.h"
#include "core/qa/qa_report.h"
#include "server/http/admin_http.h"
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"
#include "server/http/routes_qa.h"
#include "server/store/store_qa.h"

namespace cb {
namespace {

using nlohmann::json;

int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
std::string UserOf(const Caller& c) { return c.local ? "local" : c.user; }

struct Ctx {
    QaApi* api;
    AuthHttp auth;

    QaStore* Store(const httplib::Request& req, httplib::Response& res) const {
        QaStore* s = api ? api->store.load() : nullptr;
        if (!s) {
            res.set_header("Retry-After", "1");
            RespondError(res, 503, "the database is not open yet", req.path);
        }
        return s;
    }
    AuditEntry Audit(const httplib::Request& req, const Caller& c, const std::string& action) const {
        AuditEntry e;
        e.t_ms = NowMs();
        e.user = UserOf(c);
        e.action = action;
        e.address = ClientAddress(req, auth.trust_proxy);
        return e;
    }
};

void Fail(httplib::Response& res, const Status& status, const httplib::Request& req, int code = 400) {
    RespondError(res, code, status.message(), req.path);
}

bool ForbidTeam(httplib::Response& res, const httplib::Request& req, const Caller& c, const std::string& team) {
    if (QaSeesTeam(c.role, c.teams, team)) return false;
    RespondError(res, 403, "not allowed for role '" + std::string(RoleName(c.role)) + "' on team '" + team + "'", req.path);
    return true;
}

bool ReadPathId(const std::string& text, int64_t* id) {
    if (text.empty() || text.size() > 15) return false;
    int64_t v = 0;
    for (char ch : text) {
        if (ch < '0' || ch > '9') return false;
        v = v * 10 + (ch - '0');
    }
    *id = v;
    return v > 0;
}

// Call keys are unsigned 64-bit, written as strings as GET /api/calls writes them.
std::string CallKey(int64_t stored) { return std::to_string(static_cast<uint64_t>(stored)); }

json CallJson(const QaCall& c) {
    return json{{"source", c.source}, {"call", CallKey(c.call)},   {"t_ms", c.t_ms},         {"queue", c.queue},
                {"agent", c.agent},   {"team", c.team},   {"talk_ms", c.talk_ms},  {"category", c.category},
                {"outcome", c.outcome}};
}

json EvaluationJson(const QaEvaluation& e) {
    json disputes = json::array();
    for (const QaDispute& d : e.disputes)
        disputes.push_back({{"id", d.id}, {"reason", d.reason}, {"raised_by", d.raised_by}, {"raised_ms", d.raised_ms},
                            {"resolved", d.resolved}, {"resolved_by", d.resolved_by}, {"resolved_ms", d.resolved_ms},
                            {"note", d.note}, {"percent_before", d.percent_before}, {"percent_after", d.percent_after}});
    return json{{"id", e.id},
                {"form", e.form_id},
                {"version", e.version},
                {"form_name", e.form_name},
                {"call", CallJson(e.call)},
                {"evaluator", e.evaluator},
                {"status", e.status},
                {"answers", json::parse(qa::AnswersToJson(e.answers))},
                {"score", json::parse(qa::ScoreToJson(e.score))},
                {"created_ms", e.created_ms},
                {"updated_ms", e.updated_ms},
                {"lead_ack_by", e.lead_ack_by},
                {"lead_ack_ms", e.lead_ack_ms},
                {"agent_ack_by", e.agent_ack_by},
                {"agent_ack_ms", e.agent_ack_ms},
                {"disputes", disputes}};
}

json SessionJson(const QaSession& s, int64_t now_ms) {
    return json{{"id", s.id},
                {"form", s.form_id},
                {"version", s.version},
                {"form_name", s.form_name},
                {"call", CallJson(s.call)},
                {"evaluators", s.evaluators},
                {"reference", s.reference},
                {"submitted", s.submitted},
                {"created_by", s.created_by},
                {"created_ms", s.created_ms},
                {"due_ms", s.due_ms},
                {"completed_ms", s.completed_ms},
                {"status", s.StatusAt(now_ms)}};
}

// The answers field of a body: a list, decoded by the core.
std::optional<std::vector<qa::Answer>> AnswersField(const json& body, httplib::Response& res, const httplib::Request& req) {
    auto it = body.find("answers");
    if (it == body.end()) {
        RespondError(res, 400, "answers: required", req.path, "answers");
        return std::nullopt;
    }
    std::vector<qa::Answer> out;
    std::string error;
    if (!qa::AnswersFromJson(Dump(*it), &out, &error)) {
        RespondError(res, 400, error, req.path, "answers");
        return std::nullopt;
    }
    return out;
}

std::optional<int64_t> IntField(const json& body, const char* name, httplib::Response& res, const httplib::Request& req,
                                bool required, int64_t fallback = 0) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        if (!required) return fallback;
        RespondError(res, 400, std::string(name) + ": required", req.path, name);
        return std::nullopt;
    }
    if (!it->is_number_integer()) {
        RespondError(res, 400, std::string(name) + ": must be a whole number", req.path, name);
        return std::nullopt;
    }
    return it->get<int64_t>();
}

// The call field: its key as GET /api/calls lists it (a string of digits; a number is taken too).
std::optional<int64_t> CallField(const json& body, httplib::Response& res, const httplib::Request& req) {
    auto it = body.find("call");
    const char* bad = "call: must be a call key as GET /api/calls lists it (digits)";
    if (it == body.end() || it->is_null()) {
        RespondError(res, 400, "call: required", req.path, "call");
        return std::nullopt;
    }
    if (it->is_number_unsigned()) return static_cast<int64_t>(it->get<uint64_t>());
    if (it->is_number_integer() && it->get<int64_t>() >= 0) return it->get<int64_t>();
    if (!it->is_string()) {
        RespondError(res, 400, bad, req.path, "call");
        return std::nullopt;
    }
    const std::string text = it->get<std::string>();
    uint64_t v = 0;
    if (text.empty() || text.size() > 20) {
        RespondError(res, 400, bad, req.path, "call");
        return std::nullopt;
    }
    for (char ch : text) {
        if (ch < '0' || ch > '9' || v > (UINT64_MAX - 9) / 10) {
            RespondError(res, 400, bad, req.path, "call");
            return std::nullopt;
        }
        v = v * 10 + static_cast<uint64_t>(ch - '0');
    }
    return static_cast<int64_t>(v);
}

// A session is shown to a lead when it scores one of their agents or they are one of its evaluators.
bool SeesSession(const Caller& c, const QaSession& s) {
    if (QaSeesTeam(c.role, c.teams, s.call.team)) return true;
    return std::find(s.evaluators.begin(), s.evaluators.end(), UserOf(c)) != s.evaluators.end();
}

}  // namespace

void AddQaRoutes(httplib::Server& server, const RouteContext& context) {
    const Ctx ctx{context.qa, context.auth};

    // ---- Forms ----
    server.Get("/api/qa/forms", [ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::ViewQa);
        if (!caller || !CheckQueryParams(req, res, {})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        auto forms = store->ListForms();
        if (!forms.ok()) return Fail(res, forms.status(), req, 500);
        json list = json::array();
        for (const QaFormInfo& f : forms.value())
            list.push_back({{"id", f.id}, {"name", f.name}, {"version", f.latest_version}, {"updated_by", f.updated_by},
                            {"updated_ms", f.updated_ms}});
        RespondJson(res, 200, Dump(json{{"forms", list}}));
    });
    server.Post("/api/qa/forms", [ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::ManageQaForms);
        if (!caller || !CheckQueryParams(req, res, {})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        std::optional<json> body = ReadJsonBody(req, res, {"name", "description", "sections"});
        if (!body) return;
        qa::Form form;
        std::string error;
        if (!qa::FormFromJson(Dump(*body), &form, &error)) return RespondError(res, 400, error, req.path);
        auto id = store->CreateForm(form, ctx.Audit(req, *caller, "qa_form_create"));
        if (!id.ok()) return Fail(res, id.status(), req);
        RespondJson(res, 201, Dump(json{{"id", id.value()}, {"version", 1}}));
    });
    RefuseOtherMethods(server, "/api/qa/forms", {"GET", "POST"});
    server.Get(R"(/api/qa/forms/([^/]+))", [ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::ViewQa);
        if (!caller || !CheckQueryParams(req, res, {"version"})) return;
        int64_t id = 0, version = 0;
        if (!ReadPathId(req.matches[1], &id)) return RespondError(res, 404, "no form '" + std::string(req.matches[1]) + "'", req.path);
        if (!ReadIntParam(req, res, "version", 1, 1000000, &version)) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        auto f = store->LoadForm(id, static_cast<int>(version));
        if (!f.ok()) return Fail(res, f.status(), req, 500);
        if (!f.value()) return RespondError(res, 404, "no form " + std::to_string(id) + (version ? " v" + std::to_string(version) : ""), req.path);
        RespondJson(res, 200, Dump(json{{"id", id}, {"version", f.value()->version}, {"created_by", f.value()->created_by},
                                        {"created_ms", f.value()->created_ms}, {"form", json::parse(qa::FormToJson(f.value()->form))}}));
    });
    server.Put(R"(/api/qa/forms/([^/]+))", [ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::ManageQaForms);
        if (!caller || !CheckQueryParams(req, res, {})) return;
        int64_t id = 0;
        if (!ReadPathId(req.matches[1], &id)) return RespondError(res, 404, "no form '" + std::string(req.matches[1]) + "'", req.path);
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        std::optional<json> body = ReadJsonBody(req, res, {"name", "description", "sections"});
        if (!body) return;
        qa::Form form;
        std::string error;
        if (!qa::FormFromJson(Dump(*body), &form, &error)) return RespondError(res, 400, error, req.path);
        auto v = store->SaveFormVersion(id, form, ctx.Audit(req, *caller, "qa_form_version"));
        if (!v.ok()) return Fail(res, v.status(), req, v.status().message().find("no such form") != std::string::npos ? 404 : 400);
        RespondJson(res, 200, Dump(json{{"id", id}, {"version", v.value()}}));
    });
    RefuseOtherMethods(server, R"(/api/qa/forms/([^/]+))", {"GET", "PUT"});

    // ---- Evaluations ----
    server.Get("/api/qa/evaluations", [ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::ViewQa);
        if (!caller || !CheckQueryParams(req, res, {"agent", "team", "form", "from_ms", "to_ms", "evaluator", "limit"})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        QaEvaluationFilter f;
        if (!ReadIntParam(req, res, "from_ms", 0, INT64_MAX, &f.from_ms) || !ReadIntParam(req, res, "to_ms", 0, INT64_MAX, &f.to_ms) ||
            !ReadIntParam(req, res, "form", 1, INT64_MAX, &f.form_id) || !ReadIntParam(req, res, "limit", 1, 5000, &f.limit))
            return;
        f.agent = req.get_param_value("agent");
        f.evaluator = req.get_param_value("evaluator");
        const std::string team = req.get_param_value("team");
        if (!team.empty()) {
            if (ForbidTeam(res, req, *caller, team)) return;
            f.teams = {team};
        } else if (caller->role == Role::Lead) {
            f.teams = caller->teams;
            if (f.teams.empty()) return RespondJson(res, 200, Dump(json{{"evaluations", json::array()}}));
        }
        auto list = store->ListEvaluations(f);
        if (!list.ok()) return Fail(res, list.status(), req, 500);
        json out = json::array();
        for (const QaEvaluation& e : list.value()) out.push_back(EvaluationJson(e));
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, Dump(json{{"evaluations", out}, {"definition", qa::kQaScoreDefinition}}));
    });
    server.Post("/api/qa/evaluations", [ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::EvaluateCalls);
        if (!caller || !CheckQueryParams(req, res, {})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        std::optional<json> body = ReadJsonBody(req, res, {"form", "version", "source", "call", "answers"});
        if (!body) return;
        auto form = IntField(*body, "form", res, req, true);
        if (!form) return;
        auto version = IntField(*body, "version", res, req, false, 0);
        if (!version) return;
        auto call = CallField(*body, res, req);
        if (!call) return;
        std::optional<std::string> source = StringField(*body, "source", res, req.path, "");
        if (!source) return;
        if (source->empty()) return RespondError(res, 400, "source: required", req.path, "source");
        auto answers = AnswersField(*body, res, req);
        if (!answers) return;
        auto c = store->LoadCall(*source, *call);
        if (!c.ok()) return Fail(res, c.status(), req, 500);
        if (c.value() && ForbidTeam(res, req, *caller, c.value()->team)) return;
        auto id = store->AddEvaluation(*form, static_cast<int>(*version), *source, *call, UserOf(*caller), *answers,
                                       ctx.Audit(req, *caller, "qa_evaluation_add"));
        if (!id.ok()) return Fail(res, id.status(), req);
        auto e = store->LoadEvaluation(id.value());
        if (!e.ok() || !e.value()) return Fail(res, e.ok() ? Status::Error("lost") : e.status(), req, 500);
        RespondJson(res, 201, Dump(EvaluationJson(*e.value())));
    });
    RefuseOtherMethods(server, "/api/qa/evaluations", {"GET", "POST"});

    // The evaluation of the path, in the caller's scope; answers 404/403 otherwise.
    auto load = [ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller, QaStore* store) -> std::optional<QaEvaluation> {
        int64_t id = 0;
        if (!ReadPathId(req.matches[1], &id)) {
            RespondError(res, 404, "no evaluation '" + std::string(req.matches[1]) + "'", req.path);
            return std::nullopt;
        }
        auto e = store->LoadEvaluation(id);
        if (!e.ok()) {
            Fail(res, e.status(), req, 500);
            return std::nullopt;
        }
        if (!e.value() || e.value()->kind != "regular") {
            RespondError(res, 404, "no evaluation " + std::to_string(id), req.path);
            return std::nullopt;
        }
        if (ForbidTeam(res, req, caller, e.value()->call.team)) return std::nullopt;
        return *e.value();
    };
    server.Get(R"(/api/qa/evaluations/([^/]+))", [ctx, load](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::ViewQa);
        if (!caller || !CheckQueryParams(req, res, {})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        auto e = load(req, res, *caller, store);
        if (!e) return;
        auto form = store->LoadForm(e->form_id, e->version);
        json out = EvaluationJson(*e);
        if (form.ok() && form.value()) out["form_doc"] = json::parse(qa::FormToJson(form.value()->form));
        RespondJson(res, 200, Dump(out));
    });
    server.Put(R"(/api/qa/evaluations/([^/]+))", [ctx, load](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::EvaluateCalls);
        if (!caller || !CheckQueryParams(req, res, {})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        auto e = load(req, res, *caller, store);
        if (!e) return;
        if (e->evaluator != UserOf(*caller) && caller->role != Role::Admin)
            return RespondError(res, 403, "only its evaluator (" + e->evaluator + ") changes evaluation " + std::to_string(e->id), req.path);
        std::optional<json> body = ReadJsonBody(req, res, {"answers"});
        if (!body) return;
        auto answers = AnswersField(*body, res, req);
        if (!answers) return;
        Status st = store->UpdateEvaluation(e->id, *answers, ctx.Audit(req, *caller, "qa_evaluation_change"));
        if (!st.ok()) return Fail(res, st, req, st.message().find(" is ") != std::string::npos ? 409 : 400);
        RespondJson(res, 200, Dump(EvaluationJson(*store->LoadEvaluation(e->id).value())));
    });
    RefuseOtherMethods(server, R"(/api/qa/evaluations/([^/]+))", {"GET", "PUT"});

    server.Post(R"(/api/qa/evaluations/([^/]+)/acknowledge)", [ctx, load](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::AcknowledgeQa);
        if (!caller || !CheckQueryParams(req, res, {})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        auto e = load(req, res, *caller, store);
        if (!e) return;
        std::optional<json> body = ReadJsonBody(req, res, {"as"});
        if (!body) return;
        std::optional<std::string> as = StringField(*body, "as", res, req.path, "lead");
        if (!as) return;
        Status st = store->Acknowledge(e->id, *as, UserOf(*caller), ctx.Audit(req, *caller, "qa_acknowledge"));
        if (!st.ok()) return Fail(res, st, req, st.message().find("already") != std::string::npos ? 409 : 400);
        RespondJson(res, 200, Dump(EvaluationJson(*store->LoadEvaluation(e->id).value())));
    });
    server.Post(R"(/api/qa/evaluations/([^/]+)/dispute)", [ctx, load](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::AcknowledgeQa);
        if (!caller || !CheckQueryParams(req, res, {})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        auto e = load(req, res, *caller, store);
        if (!e) return;
        std::optional<json> body = ReadJsonBody(req, res, {"reason"});
        if (!body) return;
        std::optional<std::string> reason = StringField(*body, "reason", res, req.path, "");
        if (!reason) return;
        Status st = store->Dispute(e->id, *reason, UserOf(*caller), ctx.Audit(req, *caller, "qa_dispute"));
        if (!st.ok()) return Fail(res, st, req, st.message().find("already") != std::string::npos ? 409 : 400);
        RespondJson(res, 200, Dump(EvaluationJson(*store->LoadEvaluation(e->id).value())));
    });
    server.Post(R"(/api/qa/evaluations/([^/]+)/resolve)", [ctx, load](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::ResolveQaDispute);
        if (!caller || !CheckQueryParams(req, res, {})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        auto e = load(req, res, *caller, store);
        if (!e) return;
        std::optional<json> body = ReadJsonBody(req, res, {"answers", "note"});
        if (!body) return;
        auto answers = AnswersField(*body, res, req);
        if (!answers) return;
        std::optional<std::string> note = StringField(*body, "note", res, req.path, "");
        if (!note) return;
        Status st = store->ResolveDispute(e->id, *answers, *note, UserOf(*caller), ctx.Audit(req, *caller, "qa_dispute_resolve"));
        if (!st.ok()) return Fail(res, st, req, st.message().find("no open dispute") != std::string::npos ? 409 : 400);
        RespondJson(res, 200, Dump(EvaluationJson(*store->LoadEvaluation(e->id).value())));
    });

    // ---- Reports ----
    server.Get("/api/qa/report", [ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::ViewQa);
        if (!caller || !CheckQueryParams(req, res, {"group", "from_ms", "to_ms", "team", "agent", "form"})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        qa::QaGroup group = qa::QaGroup::Agent;
        const std::string g = req.has_param("group") ? req.get_param_value("group") : "agent";
        if (!qa::ParseQaGroup(g, &group))
            return RespondError(res, 400, "group: '" + g + "' is not agent, team, form or question", req.path, "group");
        QaEvaluationFilter f;
        f.limit = 100000;
        if (!ReadIntParam(req, res, "from_ms", 0, INT64_MAX, &f.from_ms) || !ReadIntParam(req, res, "to_ms", 0, INT64_MAX, &f.to_ms) ||
            !ReadIntParam(req, res, "form", 1, INT64_MAX, &f.form_id))
            return;
        f.agent = req.get_param_value("agent");
        const std::string team = req.get_param_value("team");
        if (!team.empty()) {
            if (ForbidTeam(res, req, *caller, team)) return;
            f.teams = {team};
        } else if (caller->role == Role::Lead) {
            f.teams = caller->teams.empty() ? std::vector<std::string>{""} : caller->teams;
        }
        auto recs = store->Records(f);
        if (!recs.ok()) return Fail(res, recs.status(), req, 500);
        json rows = json::array();
        for (const qa::QaReportRow& r : qa::BuildQaReport(recs.value(), group))
            rows.push_back({{"key", r.key}, {"evaluations", r.evaluations}, {"scored", r.scored},
                            {"percent", r.scored > 0 ? json(r.percent) : json(nullptr)}, {"auto_failed", r.auto_failed},
                            {"min_percent", r.scored > 0 ? json(r.min_percent) : json(nullptr)},
                            {"max_percent", r.scored > 0 ? json(r.max_percent) : json(nullptr)}});
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, Dump(json{{"group", qa::QaGroupName(group)}, {"rows", rows}, {"definition", qa::kQaScoreDefinition}}));
    });

    // ---- Calibration ----
    server.Get("/api/qa/calibrations", [ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::ViewQa);
        if (!caller || !CheckQueryParams(req, res, {})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        auto list = store->ListSessions();
        if (!list.ok()) return Fail(res, list.status(), req, 500);
        const int64_t now = NowMs();
        json out = json::array();
        for (const QaSession& s : list.value())
            if (SeesSession(*caller, s)) out.push_back(SessionJson(s, now));
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, Dump(json{{"sessions", out}}));
    });
    server.Post("/api/qa/calibrations", [ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::RunCalibration);
        if (!caller || !CheckQueryParams(req, res, {})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        std::optional<json> body = ReadJsonBody(req, res, {"form", "version", "source", "call", "evaluators", "reference", "due_ms"});
        if (!body) return;
        auto form = IntField(*body, "form", res, req, true);
        if (!form) return;
        auto version = IntField(*body, "version", res, req, false, 0);
        if (!version) return;
        auto call = CallField(*body, res, req);
        if (!call) return;
        auto due = IntField(*body, "due_ms", res, req, true);
        if (!due) return;
        std::optional<std::string> source = StringField(*body, "source", res, req.path, "");
        if (!source) return;
        if (source->empty()) return RespondError(res, 400, "source: required", req.path, "source");
        std::optional<std::string> reference = StringField(*body, "reference", res, req.path, "");
        if (!reference) return;
        std::vector<std::string> evaluators;
        auto it = body->find("evaluators");
        if (it == body->end() || !it->is_array()) return RespondError(res, 400, "evaluators: must be a list of account names", req.path, "evaluators");
        for (size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_string())
                return RespondError(res, 400, "evaluators[" + std::to_string(i) + "]: must be an account name", req.path, "evaluators");
            evaluators.push_back((*it)[i].get<std::string>());
        }
        auto id = store->CreateSession(*form, static_cast<int>(*version), *source, *call, evaluators, *reference, *due,
                                       ctx.Audit(req, *caller, "qa_calibration_create"));
        if (!id.ok()) return Fail(res, id.status(), req);
        RespondJson(res, 201, Dump(SessionJson(*store->LoadSession(id.value()).value(), NowMs())));
    });
    RefuseOtherMethods(server, "/api/qa/calibrations", {"GET", "POST"});

    server.Get(R"(/api/qa/calibrations/([^/]+))", [ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::ViewQa);
        if (!caller || !CheckQueryParams(req, res, {})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        int64_t id = 0;
        if (!ReadPathId(req.matches[1], &id)) return RespondError(res, 404, "no calibration '" + std::string(req.matches[1]) + "'", req.path);
        auto s = store->LoadSession(id);
        if (!s.ok()) return Fail(res, s.status(), req, 500);
        if (!s.value() || !SeesSession(*caller, *s.value())) return RespondError(res, 404, "no calibration " + std::to_string(id), req.path);
        const QaSession& ses = *s.value();
        const int64_t now = NowMs();
        json out = SessionJson(ses, now);
        auto form = store->LoadForm(ses.form_id, ses.version);
        if (!form.ok() || !form.value()) return Fail(res, form.ok() ? Status::Error("form version missing") : form.status(), req, 500);
        out["form_doc"] = json::parse(qa::FormToJson(form.value()->form));
        auto entries = store->SessionEntries(id);
        if (!entries.ok()) return Fail(res, entries.status(), req, 500);
        const std::string me = UserOf(*caller);
        if (ses.StatusAt(now) == "complete") {
            json ent = json::array();
            for (const auto& e : entries.value())
                ent.push_back({{"evaluator", e.evaluator}, {"answers", json::parse(qa::AnswersToJson(e.answers))}});
            out["entries"] = ent;
            const auto& ev = ses.evaluators;
            const size_t ref = static_cast<size_t>(std::find(ev.begin(), ev.end(), ses.reference) - ev.begin());
            out["result"] = json::parse(qa::CalibrationToJson(qa::Calibrate(form.value()->form, entries.value(), ref)));
        } else {
            // Blind: only the caller's own evaluation, nobody else's.
            for (const auto& e : entries.value())
                if (e.evaluator == me) out["mine"] = json::parse(qa::AnswersToJson(e.answers));
        }
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, Dump(out));
    });
    server.Post(R"(/api/qa/calibrations/([^/]+)/evaluations)", [ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::ViewQa);
        if (!caller || !CheckQueryParams(req, res, {})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        int64_t id = 0;
        if (!ReadPathId(req.matches[1], &id)) return RespondError(res, 404, "no calibration '" + std::string(req.matches[1]) + "'", req.path);
        auto s = store->LoadSession(id);
        if (!s.ok()) return Fail(res, s.status(), req, 500);
        if (!s.value() || !SeesSession(*caller, *s.value())) return RespondError(res, 404, "no calibration " + std::to_string(id), req.path);
        const std::string me = UserOf(*caller);
        const auto& ev = s.value()->evaluators;
        if (std::find(ev.begin(), ev.end(), me) == ev.end())
            return RespondError(res, 403, "'" + me + "' is not an evaluator of calibration " + std::to_string(id), req.path);
        std::optional<json> body = ReadJsonBody(req, res, {"answers"});
        if (!body) return;
        auto answers = AnswersField(*body, res, req);
        if (!answers) return;
        const int64_t now = NowMs();
        Status st = store->SubmitCalibration(id, me, *answers, now, ctx.Audit(req, *caller, "qa_calibration_submit"));
        if (!st.ok()) return Fail(res, st, req, st.message().find("no more evaluations") != std::string::npos ? 409 : 400);
        RespondJson(res, 200, Dump(SessionJson(*store->LoadSession(id).value(), now)));
    });
    server.Get("/api/qa/agreement", [ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, ctx.auth, Action::ViewQa);
        if (!caller || !CheckQueryParams(req, res, {"from_ms", "to_ms"})) return;
        QaStore* store = ctx.Store(req, res);
        if (!store) return;
        int64_t from = 0, to = INT64_MAX;
        if (!ReadIntParam(req, res, "from_ms", 0, INT64_MAX, &from) || !ReadIntParam(req, res, "to_ms", 0, INT64_MAX, &to)) return;
        auto totals = store->CompleteSessionTotals(from, to);
        if (!totals.ok()) return Fail(res, totals.status(), req, 500);
        json out = json::parse(qa::AgreementToJson(qa::AgreementOfTotals(totals.value()), qa::EvaluatorDrift(totals.value())));
        out["sessions_totals"] = json::parse(qa::SessionTotalsToJson(totals.value()));
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, Dump(out));
    });
}

}  // namespace cb
