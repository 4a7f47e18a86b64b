// GET /api/calls?from=&to=&queue=&agent=&outcome=&limit=: recent calls from the store, newest
// first, cut to the caller's scope, caller numbers masked for roles that do not need them
// (docs/api.md, docs/auth.md).
#include <httplib.h>
#include <charconv>
#include <climits>
#include <nlohmann/json.hpp>
#include "server/auth/phone.h"
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"
#include "server/store/store.h"
#include "server/store/store_calls_query.h"

namespace cb {
namespace {

constexpr int64_t kDayMs = 86400000;

nlohmann::json KeyOrNull(const std::string& key) { return key.empty() ? nlohmann::json(nullptr) : nlohmann::json(key); }
nlohmann::json MsOrNull(int64_t ms) { return ms < 0 ? nlohmann::json(nullptr) : nlohmann::json(ms); }

}  // namespace

void AddCallsRoutes(httplib::Server& server, const RouteContext& context) {
    Broadcaster* broadcaster = context.broadcaster;
    CallsQuery* calls = context.calls;
    const AuthHttp auth = context.auth;
    server.Get("/api/calls", [broadcaster, calls, auth](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"from", "to", "queue", "agent", "outcome", "limit"})) return;
        // Call records are per-agent detail: the same permission (every role but wallboard).
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewAgentDetail);
        if (!caller) return;
        std::shared_ptr<const Publication> current = broadcaster->Current();
        if (!current || !calls || !calls->is_open()) {
            res.set_header("Retry-After", "1");
            RespondError(res, 503, "no calls yet: the live source is starting", req.path);
            return;
        }
        const Snapshot& snapshot = current->snapshot();
        if (RefuseRealDataToDemoOnly(req, res, *caller, snapshot.source)) return;

        // Default: today in the center's time zone, by the live clock.
        CallFilter filter;
        filter.from_ms = snapshot.day_start_ms;
        filter.to_ms = snapshot.day_end_ms > snapshot.day_start_ms ? snapshot.day_end_ms : snapshot.day_start_ms + kDayMs;
        if (!ReadIntParam(req, res, "from", 0, INT64_MAX, &filter.from_ms) ||
            !ReadIntParam(req, res, "to", 0, INT64_MAX, &filter.to_ms) ||
            !ReadIntParam(req, res, "limit", 1, 1000, &filter.limit))
            return;
        if (filter.from_ms >= filter.to_ms) {
            RespondError(res, 400,
                         "from: " + std::to_string(filter.from_ms) + " is not before to (" +
                             std::to_string(filter.to_ms) + ")",
                         req.path, "query");
            return;
        }
        filter.queue = req.get_param_value("queue");
        filter.agent = req.get_param_value("agent");
        filter.outcome = req.get_param_value("outcome");
        if (!filter.outcome.empty() && !IsCallCategory(filter.outcome)) {
            RespondError(res, 400,
                         "outcome: '" + filter.outcome +
                             "' is not one of answered, transferred, abandoned, timed_out, other_exit, "
                             "answered_open, open",
                         req.path, "query");
            return;
        }
        const Scope scope = caller->scope();
        if (scope.kind == Scope::Kind::Teams) {
            filter.teams_only = true;
            filter.teams = scope.teams;
        }

        Result<std::vector<CallRow>> rows = calls->Recent(filter);
        if (!rows.ok()) {
            RespondError(res, 500, "cannot read calls: " + rows.status().message(), req.path);
            return;
        }
        const bool masked = !RoleSeesPhoneNumbers(caller->role);
        nlohmann::json list = nlohmann::json::array();
        for (const CallRow& row : rows.value()) {
            nlohmann::json number = nullptr;
            if (!row.caller_number.empty()) number = masked ? MaskPhone(row.caller_number) : row.caller_number;
            list.push_back({
                {"source", row.source},
                {"call", std::to_string(row.call)},  // 64-bit: a string, exact in JavaScript
                {"t_ms", row.t_ms},
                {"queue", KeyOrNull(row.queue)},
                {"agent", KeyOrNull(row.agent)},
                {"wait_ms", MsOrNull(row.wait_ms)},
                {"talk_ms", MsOrNull(row.talk_ms)},
                {"outcome", row.outcome},
                {"caller", number},
            });
        }
        const nlohmann::json body = {
            {"from_ms", filter.from_ms},
            {"to_ms", filter.to_ms},
            {"caller_masked", masked},
            {"calls", std::move(list)},
        };
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    });
}

}  // namespace cb
