// The HTTP side of docs/auth.md: who is asking (session cookie or Bearer token), the gate
// every request passes before routing (sign-in required in accounts mode, CSRF for
// cookie-authenticated changes), the client's address (X-Forwarded-For only with
// --trust-proxy) and the session cookie.
#pragma once
#include <optional>
#include <string>
#include "server/auth/auth_service.h"

namespace httplib {
struct Request;
struct Response;
}

namespace cb {

struct AuthHttp {
    AuthService* service = nullptr;  // null: no account store, always local mode (tests)
    bool secure_cookies = false;     // TLS: the cookie gets Secure
    bool trust_proxy = false;        // take the client address from X-Forwarded-For
};

// The client's address: the connection's peer, or with trust_proxy the last address in
// X-Forwarded-For (the one the proxy itself appended).
std::string ClientAddress(const httplib::Request& req, bool trust_proxy);
// The session token: "Authorization: Bearer <t>" first, else the cb_session cookie.
// *via_cookie tells which (CSRF applies to the cookie only).
std::string RequestToken(const httplib::Request& req, bool* via_cookie);

// Runs before routing. In accounts mode, answers 401 for a request to a non-public path
// without a valid session, and 403 for a state-changing request authenticated by the cookie
// without the right X-CSRF-Token. Returns true when it answered.
bool GateRequest(const httplib::Request& req, httplib::Response& res, const AuthHttp& auth);
// True for what anyone may reach: /healthz, the web app's files, POST /api/login, and the
// event API (which checks its own ingest token).
bool IsPublicRequest(const httplib::Request& req);

// The caller of a handler: the local admin in local mode, else the session's account.
// Answers 401 and returns none when there is no valid session.
std::optional<Caller> RequireCaller(const httplib::Request& req, httplib::Response& res, const AuthHttp& auth);
// RequireCaller plus the permission matrix (403 "not allowed for role 'x'").
std::optional<Caller> RequireAction(const httplib::Request& req, httplib::Response& res, const AuthHttp& auth,
                                    Action action);
// 403 for a trainer when the live data is not simulated. Returns true when it answered.
bool RefuseRealDataToDemoOnly(const httplib::Request& req, httplib::Response& res, const Caller& caller,
                              const std::string& source);

// Set-Cookie values: a session valid for max_age_s seconds, and the clearing one.
std::string SessionCookie(const std::string& token, int64_t max_age_s, bool secure);
std::string ClearedSessionCookie(bool secure);

}  // namespace cb
