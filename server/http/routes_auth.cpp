// POST /api/login, POST /api/logout, GET /api/session (docs/auth.md). Thin over AuthService.
#include <httplib.h>
#include <nlohmann/json.hpp>
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"

namespace cb {
namespace {

nlohmann::json SessionJson(const Caller& caller) {
    const bool may_control_demo = RoleMay(caller.role, Action::ControlDemo);
    if (caller.local) {
        return {{"mode", "local"}, {"user", nullptr}, {"role", "admin"}, {"teams", nlohmann::json::array()},
                {"may_control_demo", may_control_demo}};
    }
    return {{"mode", "accounts"}, {"user", caller.user}, {"role", RoleName(caller.role)}, {"teams", caller.teams},
            {"csrf", caller.csrf}, {"expires_at_ms", caller.expires_at_ms}, {"may_control_demo", may_control_demo}};
}

std::string StringField(const nlohmann::json& body, const char* name) {
    auto it = body.find(name);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

void AddAuthRoutes(httplib::Server& server, const RouteContext& context) {
    const AuthHttp auth = context.auth;
    server.Post("/api/login", [auth](const httplib::Request& req, httplib::Response& res) {
        if (!auth.service || !auth.service->AccountsMode()) {
            RespondError(res, 409, "no account exists: this server runs in local mode", req.path);
            return;
        }
        nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
        if (!body.is_object()) {
            RespondError(res, 400, "body: expected a JSON object", req.path);
            return;
        }
        LoginRequest login;
        login.user = StringField(body, "user");
        login.password = StringField(body, "password");
        login.kiosk_token = StringField(body, "kiosk_token");
        login.client = StringField(body, "client") == "desktop" ? "desktop" : "web";
        login.address = ClientAddress(req, auth.trust_proxy);
        if (login.kiosk_token.empty() && login.user.empty()) {
            RespondError(res, 400, "body: \"user\" and \"password\", or \"kiosk_token\", required", req.path);
            return;
        }
        LoginResult result = auth.service->Login(login);
        switch (result.kind) {
        case LoginResult::Kind::Ok: break;
        case LoginResult::Kind::WrongCredentials: RespondError(res, 401, "wrong user or password", req.path); return;
        case LoginResult::Kind::Throttled:
            res.set_header("Retry-After", std::to_string(result.retry_after_s));
            RespondError(res, 429, "too many failed sign-ins; try again later", req.path);
            return;
        case LoginResult::Kind::Failed: RespondError(res, 500, "cannot sign in: " + result.error, req.path); return;
        }
        nlohmann::json answer = SessionJson(result.caller);
        if (login.client == "desktop") answer["token"] = result.token;
        const int64_t max_age_s = (result.caller.expires_at_ms - auth.service->now_ms()) / 1000;
        res.set_header("Set-Cookie", SessionCookie(result.token, max_age_s, auth.secure_cookies));
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, answer.dump());
    });
    server.Post("/api/logout", [auth](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireCaller(req, res, auth);
        if (!caller) return;
        if (auth.service) auth.service->Logout(*caller, ClientAddress(req, auth.trust_proxy));
        res.set_header("Set-Cookie", ClearedSessionCookie(auth.secure_cookies));
        res.status = 204;
    });
    server.Get("/api/session", [auth](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireCaller(req, res, auth);
        if (!caller) return;
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, SessionJson(*caller).dump());
    });
}

}  // namespace cb
