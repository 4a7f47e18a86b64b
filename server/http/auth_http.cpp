#include "server/http/auth_http.h"

#include <httplib.h>
#include "server/auth/crypto.h"
#include "server/http/respond.h"

namespace cb {
namespace {

std::string Trim(std::string_view text) {
    const size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const size_t last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

bool ChangesState(const std::string& method) {
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

Caller LocalCaller() {
    Caller caller;
    caller.local = true;
    caller.role = Role::Admin;
    return caller;
}

}  // namespace

std::string ClientAddress(const httplib::Request& req, bool trust_proxy) {
    if (trust_proxy && req.has_header("X-Forwarded-For")) {
        const std::string header = req.get_header_value("X-Forwarded-For");
        const size_t comma = header.rfind(',');
        std::string last = Trim(comma == std::string::npos ? header : std::string_view(header).substr(comma + 1));
        if (!last.empty()) return last;
    }
    return req.remote_addr;
}

std::string RequestToken(const httplib::Request& req, bool* via_cookie) {
    *via_cookie = false;
    const std::string authorization = req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization.size() > kBearer.size() && authorization.compare(0, kBearer.size(), kBearer) == 0) {
        return Trim(std::string_view(authorization).substr(kBearer.size()));
    }
    const std::string cookies = req.get_header_value("Cookie");
    size_t at = 0;
    while (at < cookies.size()) {
        size_t end = cookies.find(';', at);
        if (end == std::string::npos) end = cookies.size();
        const std::string pair = Trim(std::string_view(cookies).substr(at, end - at));
        if (pair.rfind("cb_session=", 0) == 0) {
            *via_cookie = true;
            return pair.substr(11);
        }
        at = end + 1;
    }
    return {};
}

bool IsPublicRequest(const httplib::Request& req) {
    if (req.path == "/healthz") return true;
    if (req.path == "/api/login") return req.method == "POST";
    if (req.path == "/api/events") return true;  // machine ingest with its own bearer token
    return req.path.rfind("/api/", 0) != 0;      // the web app's files (or 404)
}

bool GateRequest(const httplib::Request& req, httplib::Response& res, const AuthHttp& auth) {
    if (!auth.service || IsPublicRequest(req) || !auth.service->AccountsMode()) return false;
    bool via_cookie = false;
    const std::string token = RequestToken(req, &via_cookie);
    std::optional<Caller> caller = auth.service->Authenticate(token);
    if (!caller) {
        RespondError(res, 401, "sign in required", req.path);
        return true;
    }
    if (via_cookie && ChangesState(req.method) &&
        !ConstantTimeEquals(req.get_header_value("X-CSRF-Token"), caller->csrf)) {
        auth.service->Audit(caller->user, "csrf_rejected", req.method + " " + req.path,
                            ClientAddress(req, auth.trust_proxy), false);
        RespondError(res, 403, "CSRF token missing or wrong", req.path);
        return true;
    }
    return false;
}

std::optional<Caller> RequireCaller(const httplib::Request& req, httplib::Response& res, const AuthHttp& auth) {
    if (!auth.service || !auth.service->AccountsMode()) return LocalCaller();
    bool via_cookie = false;
    std::optional<Caller> caller = auth.service->Authenticate(RequestToken(req, &via_cookie));
    if (!caller) RespondError(res, 401, "sign in required", req.path);
    return caller;
}

std::optional<Caller> RequireAction(const httplib::Request& req, httplib::Response& res, const AuthHttp& auth,
                                    Action action) {
    std::optional<Caller> caller = RequireCaller(req, res, auth);
    if (caller && !RoleMay(caller->role, action)) {
        RespondError(res, 403, "not allowed for role '" + std::string(RoleName(caller->role)) + "'", req.path);
        return std::nullopt;
    }
    return caller;
}

bool RefuseRealDataToDemoOnly(const httplib::Request& req, httplib::Response& res, const Caller& caller,
                              const std::string& source) {
    if (!RoleDemoOnly(caller.role) || source.rfind("demo:", 0) == 0) return false;
    RespondError(res, 403, "trainers see demo data only; this server has real data", req.path);
    return true;
}

std::string SessionCookie(const std::string& token, int64_t max_age_s, bool secure) {
    return "cb_session=" + token + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" + std::to_string(max_age_s) +
           (secure ? "; Secure" : "");
}

std::string ClearedSessionCookie(bool secure) { return SessionCookie("", 0, secure); }

}  // namespace cb
