// Forecast and staffing (docs/api.md, "Forecast and staffing"; docs/wfm.md):
//   GET /api/wfm/forecast?from&weeks&interval&queue&method&history_weeks
//   GET /api/wfm/staffing?... &sl|asa&max_occupancy&shrinkage&model&patience
//   GET /api/wfm/special-days?from&to
//   PUT, DELETE /api/wfm/special-days/{YYYY-MM-DD}?queue=KEY   (PUT body {"kind","factor","note"})
// Reading: admins, managers, leads (every queue: queue figures only) and trainers on demo data;
// changing special days: admins and managers (docs/auth.md). Thin: plan_service.h has the rules.
#include <httplib.h>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include "core/wfm/plan_report.h"
#include "server/base/time_zone.h"
#include "server/http/admin_http.h"
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"
#include "server/wfm/plan_service.h"

namespace cb {

namespace {

int StatusOf(WfmOutcome::Kind kind) {
    switch (kind) {
    case WfmOutcome::Kind::Ok: return 200;
    case WfmOutcome::Kind::Invalid: return 400;
    case WfmOutcome::Kind::NotFound: return 404;
    case WfmOutcome::Kind::Failed: return 500;
    }
    return 500;
}

void RespondWfm(httplib::Response& res, const WfmOutcome& outcome, std::string_view path, std::string_view where) {
    nlohmann::json body = {{"error", outcome.message}, {"path", path}};
    if (!outcome.field.empty()) {
        body["field"] = outcome.field;
        body["where"] = where;
    }
    res.status = StatusOf(outcome.kind);
    res.body.clear();
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

// The live snapshot, for the center's zone and clock; answers 503 before the first one.
std::shared_ptr<const Publication> Live(Broadcaster* broadcaster, WfmStore* store, const httplib::Request& req,
                                        httplib::Response& res) {
    std::shared_ptr<const Publication> current = broadcaster->Current();
    if (!current || !store || !store->is_open()) {
        res.set_header("Retry-After", "1");
        RespondError(res, 503, "no data yet: the live source is starting", req.path);
        return nullptr;
    }
    return current;
}

int64_t CenterNow(const Snapshot& s) { return s.now_ms > 0 ? s.now_ms : WallClockMs(); }

// The plan's options from the query (the names of core/wfm/plan.h); answers 400 and returns
// false for a bad one.
bool ReadAsk(const httplib::Request& req, httplib::Response& res, bool staffing, wfm::PlanAsk* ask) {
    for (std::string_view name : wfm::PlanAskOptionNames()) {
        const bool staffing_option = name == "sl" || name == "asa" || name == "max_occupancy" || name == "shrinkage" ||
                                     name == "model" || name == "patience";
        if (staffing_option && !staffing) continue;
        const std::string key(name);
        const size_t n = req.get_param_value_count(key.c_str());
        for (size_t i = 0; i < n; ++i) {
            std::string why;
            if (!wfm::SetPlanAskOption(ask, name, req.get_param_value(key.c_str(), i), &why)) {
                RespondError(res, 400, why, req.path, "query");
                return false;
            }
        }
    }
    std::string why;
    if (!wfm::CheckPlanAsk(*ask, &why)) {
        RespondError(res, 400, why, req.path, "query");
        return false;
    }
    return true;
}

WfmActor ActorOf(const Caller& caller, const httplib::Request& req, const AuthHttp& auth) {
    return WfmActor{caller.local ? std::string() : caller.user, ClientAddress(req, auth.trust_proxy)};
}

void RespondSpecialDays(httplib::Response& res, WfmStore& store, const httplib::Request& req, const std::string& from,
                        const std::string& to) {
    Result<std::vector<wfm::SpecialDay>> days = store.SpecialDays(from, to);
    if (!days.ok()) {
        RespondError(res, 500, days.status().message(), req.path);
        return;
    }
    res.set_header("Cache-Control", "no-store");
    RespondJson(res, 200, wfm::SpecialDaysToJson(days.value()));
}

}  // namespace

void AddWfmRoutes(httplib::Server& server, const RouteContext& context) {
    Broadcaster* broadcaster = context.broadcaster;
    WfmStore* store = context.wfm;
    const AuthHttp auth = context.auth;

    auto plan = [broadcaster, store, auth](bool staffing) {
        return [broadcaster, store, auth, staffing](const httplib::Request& req, httplib::Response& res) {
            if (staffing ? !CheckQueryParams(req, res, {"from", "weeks", "interval", "queue", "method", "history_weeks", "sl",
                                                        "asa", "max_occupancy", "shrinkage", "model", "patience"})
                         : !CheckQueryParams(req, res, {"from", "weeks", "interval", "queue", "method", "history_weeks"}))
                return;
            std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewForecast);
            if (!caller) return;
            std::shared_ptr<const Publication> current = Live(broadcaster, store, req, res);
            if (!current) return;
            const Snapshot& snapshot = current->snapshot();
            if (RefuseRealDataToDemoOnly(req, res, *caller, snapshot.source)) return;
            wfm::PlanAsk ask;
            if (!ReadAsk(req, res, staffing, &ask)) return;
            wfm::PlanReport report;
            const WfmOutcome outcome = MakePlan(*store, CenterZoneOf(snapshot.tz_name, snapshot.tz_offset_min),
                                                CenterNow(snapshot), ask, staffing, &report);
            if (!outcome.ok()) {
                RespondWfm(res, outcome, req.path, "query");
                return;
            }
            res.set_header("Cache-Control", "no-store");
            RespondJson(res, 200, wfm::PlanReportToJson(report));
        };
    };
    server.Get("/api/wfm/forecast", plan(false));
    RefuseOtherMethods(server, "/api/wfm/forecast", {"GET"});
    server.Get("/api/wfm/staffing", plan(true));
    RefuseOtherMethods(server, "/api/wfm/staffing", {"GET"});

    server.Get("/api/wfm/special-days", [broadcaster, store, auth](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"from", "to"})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewForecast);
        if (!caller) return;
        std::shared_ptr<const Publication> current = Live(broadcaster, store, req, res);
        if (!current || RefuseRealDataToDemoOnly(req, res, *caller, current->snapshot().source)) return;
        std::string range[2];
        const char* names[2] = {"from", "to"};
        for (int i = 0; i < 2; ++i) {
            if (!req.has_param(names[i])) continue;
            range[i] = req.get_param_value(names[i]);
            CivilDate date;
            if (!ParseCivilDate(range[i], &date)) {
                RespondError(res, 400, std::string(names[i]) + ": '" + range[i] + "' is not a date YYYY-MM-DD", req.path, "query");
                return;
            }
        }
        RespondSpecialDays(res, *store, req, range[0], range[1]);
    });
    RefuseOtherMethods(server, "/api/wfm/special-days", {"GET"});

    const std::string day_path = R"(/api/wfm/special-days/([^/]+))";
    auto change = [broadcaster, store, auth](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::EditSpecialDays);
        if (!caller) return;
        std::shared_ptr<const Publication> current = Live(broadcaster, store, req, res);
        if (!current || RefuseRealDataToDemoOnly(req, res, *caller, current->snapshot().source)) return;
        std::optional<nlohmann::json> body;
        if (req.method == "PUT") {
            body = ReadJsonBody(req, res, {"kind", "factor", "note"});
            if (!body) return;
        }
        if (!CheckQueryParams(req, res, {"queue"})) return;
        const std::string date = req.matches[1].str();
        const std::string queue = req.has_param("queue") ? req.get_param_value("queue") : std::string();
        const int64_t now = WallClockMs();
        WfmOutcome outcome;
        if (req.method == "DELETE") {
            outcome = RemoveSpecialDay(*store, date, queue, ActorOf(*caller, req, auth), now);
        } else {
            wfm::SpecialDay day;
            day.date = date;
            day.queue = queue;
            const auto kind = body->find("kind");
            if (kind == body->end() || !kind->is_string() || !wfm::ParseSpecialKind(kind->get<std::string>(), &day.kind)) {
                RespondWfm(res, WfmOutcome::Fail(WfmOutcome::Kind::Invalid, "kind", "required: \"holiday\" or \"campaign\""),
                           req.path, "body");
                return;
            }
            const auto factor = body->find("factor");
            if (factor != body->end() && !factor->is_null()) {
                if (!factor->is_number()) {
                    RespondWfm(res, WfmOutcome::Fail(WfmOutcome::Kind::Invalid, "factor",
                                                     "a number from 0 to 10, or null to leave the history out only"),
                               req.path, "body");
                    return;
                }
                day.factor = factor->get<double>();
            }
            std::optional<std::string> note = StringField(*body, "note", res, req.path);
            if (!note) return;
            day.note = *note;
            outcome = SetSpecialDay(*store, day, ActorOf(*caller, req, auth), now);
        }
        if (!outcome.ok()) {
            // The date and the queue are in the path and the query; the rest in the body.
            const std::string_view where = outcome.field == "date" ? "path" : outcome.field == "queue" ? "query" : "body";
            RespondWfm(res, outcome, req.path, where);
            return;
        }
        RespondSpecialDays(res, *store, req, "", "");
    };
    server.Put(day_path, change);
    server.Delete(day_path, change);
    RefuseOtherMethods(server, day_path, {"PUT", "DELETE"});
}

}  // namespace cb
