// GET /api/reconcile?from=YYYY-MM-DD&to=YYYY-MM-DD[&queue=KEY]...: the stored calls of a range of
// local dates counted as Callboard, Asterisk, Asternic and Wazo count them, with the reasons for
// every difference (docs/reconciliation.md, docs/api.md). Queue totals only: every role but
// wallboard, a lead included (docs/auth.md); trainers on demo data only.
#include <httplib.h>
#include <algorithm>
#include <optional>
#include <string>
#include <vector>
#include "core/reconcile/reconcile_json.h"
#include "server/base/time_zone.h"
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"
#include "server/store/store_reconcile.h"

namespace cb {

namespace {

// Queue keys from repeated `queue` parameters, each possibly "a,b"; no repeats, in order.
std::vector<std::string> QueueParams(const httplib::Request& req) {
    std::vector<std::string> keys;
    const size_t n = req.get_param_value_count("queue");
    for (size_t i = 0; i < n; ++i) {
        const std::string value = req.get_param_value("queue", i);
        size_t start = 0;
        while (start <= value.size()) {
            size_t comma = value.find(',', start);
            if (comma == std::string::npos) comma = value.size();
            std::string key = value.substr(start, comma - start);
            if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
            start = comma + 1;
        }
    }
    return keys;
}

}  // namespace

void AddReconcileRoutes(httplib::Server& server, const RouteContext& context) {
    Broadcaster* broadcaster = context.broadcaster;
    ReconcileQuery* query = context.reconcile;
    const AuthHttp auth = context.auth;
    server.Get("/api/reconcile", [broadcaster, query, auth](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"from", "to", "queue"})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReconciliation);
        if (!caller) return;
        std::shared_ptr<const Publication> current = broadcaster->Current();
        if (!current || !query || !query->is_open()) {
            res.set_header("Retry-After", "1");
            RespondError(res, 503, "no calls yet: the live source is starting", req.path);
            return;
        }
        const Snapshot& snapshot = current->snapshot();
        if (RefuseRealDataToDemoOnly(req, res, *caller, snapshot.source)) return;

        ReconRequest request;
        for (const char* name : {"from", "to"}) {
            if (!req.has_param(name)) {
                RespondError(res, 400, std::string(name) + ": required, a local date YYYY-MM-DD", req.path, "query");
                return;
            }
        }
        request.from = req.get_param_value("from");
        request.to = req.get_param_value("to");
        const TimeZone zone = CenterZoneOf(snapshot.tz_name, snapshot.tz_offset_min);
        request.time_zone = zone.name();
        int64_t from_ms = 0, to_ms = 0;
        std::string error;
        if (!ReconRangeOf(request.from, request.to, zone, &from_ms, &to_ms, &error)) {
            RespondError(res, 400, error, req.path, "query");
            return;
        }
        request.queues = QueueParams(req);
        Result<ReconReport> report = query->Reconcile(from_ms, to_ms, request.queues);
        if (!report.ok()) {
            const bool unknown_queue = report.status().message().rfind("queue: ", 0) == 0;
            RespondError(res, unknown_queue ? 400 : 500, report.status().message(), req.path,
                         unknown_queue ? "query" : "");
            return;
        }
        if (!report.value().Balanced(&error)) {
            RespondError(res, 500, "the differences do not add up: " + error, req.path);
            return;
        }
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, ReconReportToJson(request, report.value()));
    });
}

}  // namespace cb
