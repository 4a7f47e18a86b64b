// Sign-in, sessions and the audit trail, independent of HTTP: the routes and the middleware
// (server/http/auth_http.h) are thin over this. Modes, expiry and throttling follow
// docs/auth.md. Thread-safe when its AccountStore is. The clock is injected for tests.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>
#include "server/auth/account_store.h"
#include "server/auth/scope.h"
#include "server/auth/throttle.h"

namespace cb {

constexpr int64_t kSessionAbsoluteMs = 12LL * 3600 * 1000;  // a session ends 12 h after sign-in
constexpr int64_t kSessionIdleMs = 2LL * 3600 * 1000;       // ... or after 2 h without a request
constexpr int64_t kSessionTouchMs = 60 * 1000;              // last-seen is written at most once a minute

// True while a session may be used at now_ms (before its absolute end, and seen within the idle limit).
bool SessionAlive(const SessionRecord& session, int64_t now_ms);

// Who is asking. In local mode (no account exists) everyone on the loopback is a local admin.
struct Caller {
    bool local = false;
    int64_t account_id = 0;
    std::string user;                 // empty in local mode
    Role role = Role::Admin;
    std::vector<std::string> teams;
    std::string csrf;                 // the session's CSRF token
    std::string token_hash;           // the session's key
    int64_t expires_at_ms = 0;        // absolute end of the session

    Scope scope() const { return ScopeFor(role, teams); }
};

struct LoginRequest {
    std::string user;
    std::string password;
    std::string kiosk_token;          // wallboard sign-in instead of user + password
    std::string client = "web";       // "web" or "desktop"
    std::string address;              // client address, for throttling and the audit log
};

struct LoginResult {
    enum class Kind { Ok, WrongCredentials, Throttled, Failed } kind = Kind::Failed;
    Caller caller;                    // Ok
    std::string token;                // Ok: the session token (the cookie's value)
    int64_t retry_after_s = 0;        // Throttled
    std::string error;                // Failed: what went wrong (store error)
};

class AuthService {
public:
    using Clock = std::function<int64_t()>;  // Unix ms
    AuthService(AccountStore* store, Clock clock, ThrottleLimits limits = ThrottleLimits());
    // For a server that opens its database after binding its port: the store is attached
    // once, before the first request is served.
    void AttachStore(AccountStore* store) { m_store = store; }

    // True once any account exists (accounts mode); false in local mode. A store error
    // counts as accounts mode (fail closed).
    bool AccountsMode();

    // Checks the credentials (argon2id, or the kiosk token's hash for a wallboard), applies
    // throttling, creates the session and writes the audit line (login / login_failed).
    LoginResult Login(const LoginRequest& request);
    // The caller holding `token` (from the cookie or the Authorization header), or none when
    // it is unknown, expired, idle too long or its account is disabled. Refreshes last-seen.
    std::optional<Caller> Authenticate(const std::string& token);
    // Ends the caller's session and writes the audit line.
    void Logout(const Caller& caller, const std::string& address);

    // Writes one audit line now (errors are logged, never thrown).
    void Audit(const std::string& user, const std::string& action, const std::string& detail,
               const std::string& address, bool ok = true);

    AccountStore& store() { return *m_store; }
    int64_t now_ms() const { return m_clock(); }

private:
    AccountStore* m_store;
    Clock m_clock;
    LoginThrottle m_throttle;
};

}  // namespace cb
