// GET /healthz (liveness with uptime and stream count) and GET /api/version.
#include <httplib.h>
#include <nlohmann/json.hpp>
#include "server/http/respond.h"
#include "server/http/routes.h"

namespace cb {

void AddHealthRoutes(httplib::Server& server, const RouteContext& context) {
    server.Get("/healthz", [context](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        const auto uptime = std::chrono::steady_clock::now() - context.started;
        std::shared_ptr<const Publication> current = context.broadcaster->Current();
        nlohmann::json body = {
            {"status", "ok"},
            {"uptime_s", std::chrono::duration_cast<std::chrono::seconds>(uptime).count()},
            {"streams", context.broadcaster->open_streams()},
            {"snapshot_version", current ? current->version() : 0},
        };
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, body.dump());
    });
    server.Get("/api/version", [](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        nlohmann::json body = {{"name", "callboard"}, {"version", CALLBOARD_VERSION}};
        RespondJson(res, 200, body.dump());
    });
}

}  // namespace cb
