// Alerts (docs/api.md "Alerts", docs/alerts.md): GET /api/alerts (the alerts routed to the
// caller and the center's active alerts they may see), POST /api/alerts/ack, /snooze and
// /resolve (a lead on their own teams' alerts), GET /api/alerts/history, and the rules
// (GET/POST /api/alerts/rules, PUT/DELETE /api/alerts/rules/{id}: managers and admins). Thin over
// AlertService, which routes, checks and audits.
#include <httplib.h>
#include <charconv>
#include "core/alert/alert_engine.h"
#include "server/export/alert_service.h"
#include "server/http/admin_http.h"
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"

namespace cb {
namespace {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

bool Ready(AlertService* s, const httplib::Request& req, httplib::Response& res) {
    if (s) return true;
    res.set_header("Retry-After", "1");
    RespondError(res, 503, "alerts are not open yet", req.path);
    return false;
}

bool ReadId(const std::string& text, int64_t* id) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *id);
    return ec == std::errc() && end == text.data() + text.size() && *id > 0;
}

Actor ActorOf(const Caller& caller, const httplib::Request& req, const AuthHttp& auth) {
    return Actor{caller.local ? std::string() : caller.user, ClientAddress(req, auth.trust_proxy), caller.account_id};
}

#define CB_RULE_FIELDS                                                                                          \
    {"name", "enabled", "scope", "scope_key", "conditions", "pending_s", "cooldown_s", "flap_sample_s", "flap_high", \
     "flap_low", "sound"}

}  // namespace

void AddAlertRoutes(httplib::Server& server, const RouteContext& context) {
    const AuthHttp auth = context.auth;
    AlertService* alerts = context.alerts;

    server.Get("/api/alerts", [auth, alerts](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewAlerts);
        if (!caller || !Ready(alerts, req, res)) return;
        AlertView view;
        if (AdminOutcome o = alerts->View(*caller, &view); !o.ok()) return RespondOutcome(res, o, req.path);
        json mine = json::parse(alert::InstancesToJson(view.mine));
        for (size_t i = 0; i < mine.size(); ++i) mine[i]["may_act"] = static_cast<bool>(view.may_act[i]);
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, Dump(json{{"version", view.version}, {"alerts", mine},
                                        {"center", json::parse(alert::InstancesToJson(view.center))}}));
    });
    RefuseOtherMethods(server, "/api/alerts", {"GET"});

    server.Post(R"(/api/alerts/(ack|snooze|resolve))", [auth, alerts](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ActOnAlerts);
        if (!caller || !Ready(alerts, req, res)) return;
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<json> body = ReadJsonBody(req, res, {"rule_id", "subject", "minutes"});
        if (!body) return;
        auto bad = [&](const char* field, const std::string& why) {
            RespondOutcome(res, AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "bad_type", field, why), req.path);
        };
        if (!body->contains("rule_id") || !(*body)["rule_id"].is_number_integer()) return bad("rule_id", "a rule id is required");
        alert::Subject subject;
        auto s = body->find("subject");
        if (s == body->end() || !s->is_object()) return bad("subject", "an object {\"kind\",\"key\"} is required");
        if (!s->contains("kind") || !(*s)["kind"].is_string() ||
            !alert::ParseScopeKind((*s)["kind"].get<std::string>(), &subject.kind)) {
            return bad("subject.kind", "must be center, queue, team or agent");
        }
        if (s->contains("key")) {
            if (!(*s)["key"].is_string()) return bad("subject.key", "must be text");
            subject.key = (*s)["key"].get<std::string>();
        }
        int minutes = alert::kDefaultSnoozeMin;
        if (body->contains("minutes")) {
            if (!(*body)["minutes"].is_number_integer()) return bad("minutes", "must be a whole number");
            const int64_t m = (*body)["minutes"].get<int64_t>();
            minutes = m < 0 || m > 100000 ? -1 : static_cast<int>(m);
        }
        alert::Change change;
        AdminOutcome o = alerts->Act(std::string(req.matches[1]), (*body)["rule_id"].get<int64_t>(), subject, minutes,
                                     *caller, ActorOf(*caller, req, auth), &change);
        if (!o.ok()) return RespondOutcome(res, o, req.path);
        RespondJson(res, 200, alert::ChangeToJson(change));
    });
    RefuseOtherMethods(server, R"(/api/alerts/(ack|snooze|resolve))", {"POST"});

    server.Get("/api/alerts/history", [auth, alerts](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"from_ms", "to_ms", "limit"})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewAlerts);
        if (!caller || !Ready(alerts, req, res)) return;
        int64_t from = 0, to = INT64_MAX, limit = 500;
        if (!ReadIntParam(req, res, "from_ms", 0, INT64_MAX, &from) || !ReadIntParam(req, res, "to_ms", 0, INT64_MAX, &to) ||
            !ReadIntParam(req, res, "limit", 1, 5000, &limit)) {
            return;
        }
        std::vector<AlertHistoryRow> rows;
        if (AdminOutcome o = alerts->History(*caller, from, to, static_cast<int>(limit), &rows); !o.ok()) {
            return RespondOutcome(res, o, req.path);
        }
        json list = json::array();
        for (const AlertHistoryRow& r : rows) {
            json j = json::parse(alert::ChangeToJson(r.change));
            j["id"] = r.id;
            list.push_back(std::move(j));
        }
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, Dump(json{{"history", list}}));
    });
    RefuseOtherMethods(server, "/api/alerts/history", {"GET"});

    server.Get("/api/alerts/rules", [auth, alerts](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewAlerts);
        if (!caller || !Ready(alerts, req, res)) return;
        std::vector<alert::Rule> rules;
        if (AdminOutcome o = alerts->Rules(*caller, &rules); !o.ok()) return RespondOutcome(res, o, req.path);
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, "{\"rules\":" + alert::RulesToJson(rules) +
                                  ",\"may_edit\":" + (RoleMay(caller->role, Action::ManageAlertRules) ? "true" : "false") + "}");
    });
    server.Post("/api/alerts/rules", [auth, alerts](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ManageAlertRules);
        if (!caller || !Ready(alerts, req, res)) return;
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<json> body = ReadJsonBody(req, res, CB_RULE_FIELDS);
        if (!body) return;
        alert::Rule rule;
        if (AdminOutcome o = alerts->AddRule(body->dump(), *caller, ActorOf(*caller, req, auth), &rule); !o.ok()) {
            return RespondOutcome(res, o, req.path);
        }
        RespondJson(res, 201, alert::RuleToJson(rule));
    });
    RefuseOtherMethods(server, "/api/alerts/rules", {"GET", "POST"});

    server.Put(R"(/api/alerts/rules/([^/]+))", [auth, alerts](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ManageAlertRules);
        if (!caller || !Ready(alerts, req, res)) return;
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<json> body = ReadJsonBody(req, res, CB_RULE_FIELDS);
        if (!body) return;
        int64_t id = 0;
        if (!ReadId(req.matches[1], &id)) {
            return RespondOutcome(res, AdminOutcome::Fail(AdminOutcome::Kind::NotFound, "no_such_rule", "",
                                                          "no alert rule '" + std::string(req.matches[1]) + "'"),
                                  req.path);
        }
        alert::Rule rule;
        if (AdminOutcome o = alerts->UpdateRule(id, body->dump(), *caller, ActorOf(*caller, req, auth), &rule); !o.ok()) {
            return RespondOutcome(res, o, req.path);
        }
        RespondJson(res, 200, alert::RuleToJson(rule));
    });
    server.Delete(R"(/api/alerts/rules/([^/]+))", [auth, alerts](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ManageAlertRules);
        if (!caller || !Ready(alerts, req, res)) return;
        if (!CheckQueryParams(req, res, {})) return;
        int64_t id = 0;
        AdminOutcome o = ReadId(req.matches[1], &id) ? alerts->DeleteRule(id, *caller, ActorOf(*caller, req, auth))
                                                     : AdminOutcome::Fail(AdminOutcome::Kind::NotFound, "no_such_rule", "",
                                                                          "no alert rule '" + std::string(req.matches[1]) + "'");
        if (!o.ok()) return RespondOutcome(res, o, req.path);
        res.status = 204;
    });
    RefuseOtherMethods(server, R"(/api/alerts/rules/([^/]+))", {"PUT", "DELETE"});
}

}  // namespace cb
