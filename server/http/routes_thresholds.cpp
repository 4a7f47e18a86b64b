// GET /api/thresholds, PUT /api/thresholds/center, PUT and DELETE /api/thresholds/teams/{key}
// (docs/api.md, "Thresholds"). Thin over ThresholdService: who may change what, validation,
// audit and the push to every stream happen there.
#include <httplib.h>
#include "core/thresholds_doc.h"
#include "server/admin/threshold_service.h"
#include "server/http/admin_http.h"
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"

namespace cb {
namespace {

bool Ready(ThresholdService* service, const httplib::Request& req, httplib::Response& res) {
    if (service && service->ready()) return true;
    res.set_header("Retry-After", "1");
    RespondError(res, 503, "the thresholds are not loaded yet", req.path);
    return false;
}

void RespondDocument(httplib::Response& res, ThresholdService& service, const Caller& caller) {
    res.set_header("Cache-Control", "no-store");
    RespondJson(res, 200, ThresholdsDocToJson(ThresholdService::DocumentFor(*service.Current(), caller)));
}

std::string ThresholdKeys() {
    std::string keys;
    for (const ThresholdField& f : ThresholdFields()) keys += (keys.empty() ? "" : ", ") + std::string(f.key);
    return keys;
}

}  // namespace

void AddThresholdRoutes(httplib::Server& server, const RouteContext& context) {
    const AuthHttp auth = context.auth;
    ThresholdService* service = context.thresholds;

    server.Get("/api/thresholds", [auth, service](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewLive);
        if (!caller || !Ready(service, req, res)) return;
        RespondDocument(res, *service, *caller);
    });
    RefuseOtherMethods(server, "/api/thresholds", {"GET"});

    server.Put("/api/thresholds/center", [auth, service](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::EditCenterThresholds);
        if (!caller || !Ready(service, req, res)) return;
        const std::string type = req.get_header_value("Content-Type");
        if (type.rfind("application/json", 0) != 0) {
            ReadJsonBody(req, res, {});  // answers 415
            return;
        }
        if (!CheckQueryParams(req, res, {})) return;
        const AdminOutcome outcome = service->SetCenter(req.body, *caller, ClientAddress(req, auth.trust_proxy));
        if (!outcome.ok()) {
            AdminOutcome shown = outcome;
            if (outcome.code == "not_threshold") shown.message += " (thresholds: " + ThresholdKeys() + ")";
            RespondOutcome(res, shown, req.path);
            return;
        }
        RespondDocument(res, *service, *caller);
    });
    RefuseOtherMethods(server, "/api/thresholds/center", {"PUT"});

    const std::string team_path = R"(/api/thresholds/teams/([^/]+))";
    auto set_team = [auth, service](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::EditTeamThresholds);
        if (!caller || !Ready(service, req, res)) return;
        std::string body = "{}";  // DELETE: the team follows the center again
        if (req.method == "PUT") {
            if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
                ReadJsonBody(req, res, {});  // answers 415
                return;
            }
            body = req.body;
        }
        if (!CheckQueryParams(req, res, {})) return;
        const AdminOutcome outcome =
            service->SetTeam(req.matches[1].str(), body, *caller, ClientAddress(req, auth.trust_proxy));
        if (!outcome.ok()) {
            AdminOutcome shown = outcome;
            if (outcome.code == "not_threshold") shown.message += " (thresholds: " + ThresholdKeys() + ")";
            RespondOutcome(res, shown, req.path);
            return;
        }
        RespondDocument(res, *service, *caller);
    };
    server.Put(team_path, set_team);
    server.Delete(team_path, set_team);
    RefuseOtherMethods(server, team_path, {"PUT", "DELETE"});
}

}  // namespace cb
