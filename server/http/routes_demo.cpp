// POST /api/demo: a trainer's command to the server's demo (docs/api.md): pick the scenario,
// pause and resume, restart, jump the simulated clock, set the speed. Allowed to the roles
// with Action::ControlDemo (docs/auth.md), audited; refused with 409 when the server shows
// real data. Every stream follows through the broadcaster.
#include <httplib.h>
#include <nlohmann/json.hpp>
#include "core/sim/simulator.h"
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"
#include "server/live/demo_control.h"

namespace cb {
namespace {

nlohmann::json StatusJson(const DemoStatus& s) {
    return {{"scenario", std::string(ScenarioName(s.scenario))}, {"speed", s.speed}, {"paused", s.paused},
            {"now_ms", s.sim_now_ms}};
}

}  // namespace

void AddDemoRoutes(httplib::Server& server, const RouteContext& context) {
    DemoApi* demo = context.demo;
    const AuthHttp auth = context.auth;
    server.Post("/api/demo", [demo, auth](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireCaller(req, res, auth);
        if (!caller) return;
        const std::string who = caller->local ? "local" : caller->user;
        const std::string address = ClientAddress(req, auth.trust_proxy);
        auto audit = [&](const std::string& detail, bool ok) {
            if (auth.service) auth.service->Audit(who, "demo_control", detail, address, ok);
        };
        if (!RoleMay(caller->role, Action::ControlDemo)) {
            audit("refused: role " + std::string(RoleName(caller->role)), false);
            RespondError(res, 403, "not allowed for role '" + std::string(RoleName(caller->role)) + "'", req.path);
            return;
        }
        DemoController* target = demo ? demo->target.load() : nullptr;
        if (!target) {
            RespondError(res, 409, "this server shows real data: there is no simulation to control", req.path);
            return;
        }
        DemoCommand command;
        std::string error;
        if (!DemoCommandFromJson(req.body, &command, &error)) {
            audit("refused: " + error, false);
            RespondError(res, 400, error, req.path, "body");
            return;
        }
        const std::string detail = DemoCommandToJson(command);
        if (!target->Control(command, &error)) {
            audit(detail + " refused: " + error, false);
            RespondError(res, 400, error, req.path, "body");
            return;
        }
        audit(detail, true);
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, StatusJson(target->GetStatus()).dump());
    });
}

}  // namespace cb
