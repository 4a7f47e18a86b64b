// The client's side of accounts and sessions (docs/auth.md): whether the server runs in local
// mode or with accounts, who is signed in (user, role, teams, CSRF token), and why the login
// screen shows (wrong password, too many attempts, unreachable, expired). Pure: it reads server
// answers and user intents and says what the controller must do next (SessionEffects); it does
// no I/O and reads no clock.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "transport.h"

namespace cb {

enum class SessionPhase {
    Checking,    // asking the server (GET /api/session); nothing shown yet
    SignedOut,   // accounts mode: the login screen
    SigningIn,   // a login request is on its way
    SignedIn,    // accounts mode, streaming as the user
    Local        // local mode (or a server without accounts): no login at all
};

// Why the login screen shows, or what went wrong with the last request.
enum class SessionNotice {
    None,
    WrongCredentials,   // 401 on login
    TooManyAttempts,    // 429 on login: wait RetryAfterLeftS()
    Unreachable,        // the server could not be reached
    Expired,            // the session ended (401 from the stream or the session check)
    KioskRejected,      // the kiosk link's token was refused
    ServerError,        // any other answer; notice_status() has the HTTP status
    EmptyFields         // sign-in asked with an empty user or password
};

struct SessionInfo {
    bool accounts = false;            // false: local mode
    std::string user;                 // "" in local mode
    std::string role;                 // admin, manager, lead, qa, trainer, wallboard
    std::vector<std::string> teams;   // team keys the user leads (lead), else empty
    std::string csrf;                 // X-CSRF-Token for POSTs made with the cookie
    std::string token;                // session token (answers to "client":"desktop" only)
    int64_t expires_at_ms = 0;
    bool may_control_demo = false;    // may run the server's simulation (POST /api/demo)
};

// Parses a 200 answer of GET /api/session or POST /api/login. Returns false (and says why in
// *error) when the body is not the contract's JSON object.
bool SessionInfoFromJson(std::string_view body, SessionInfo* info, std::string* error);
// The body of POST /api/login: {"user","password"[,"client":"desktop"]}, JSON-escaped.
std::string LoginRequestJson(std::string_view user, std::string_view password, bool desktop_client);
// {"kiosk_token":"..."[,"client":"desktop"]}.
std::string KioskLoginJson(std::string_view kiosk_token, bool desktop_client);

// What the controller must do after a session input, in this order.
struct SessionEffects {
    bool stop_stream = false;     // close the live stream
    bool clear_data = false;      // forget the data on screen (it belonged to the last user)
    bool logout = false;          // POST /api/logout with the old CSRF token (logout_csrf)
    std::string logout_csrf;
    std::string login_body;       // non-empty: POST /api/login with this body
    bool fetch_session = false;   // GET /api/session
    bool start_stream = false;    // open the live stream
    bool enter_tv_mode = false;   // a kiosk just signed in: TV mode directly
};

class ClientSession {
public:
    // kiosk_token non-empty: a wallboard link that signs in by itself (no login form).
    // desktop_client: ask for the session token in the login answer.
    explicit ClientSession(std::string kiosk_token = {}, bool desktop_client = false);

    // First step: ask the server which mode it runs in.
    SessionEffects Begin();
    // An answer of kind Session, Login or Logout (other kinds are ignored).
    SessionEffects OnAnswer(const TransportMessage& answer, int64_t now_ms);
    // The live stream dropped. status 401 (when the platform can tell) means the session has
    // ended; any other drop while signed in asks the server whether the session still holds
    // (at most once every kProbeEveryMs).
    SessionEffects OnStreamLost(int status, int64_t now_ms);
    // The user pressed Sign in. Ignored while a request is on its way or Retry-After runs.
    SessionEffects SignIn(std::string_view user, std::string_view password, int64_t now_ms);
    // The user pressed Sign out: the stream closes and the data goes at once.
    SessionEffects SignOut();
    // Called every frame: retries the mode check while the server is unreachable.
    SessionEffects Tick(int64_t now_ms);

    SessionPhase phase() const { return m_phase; }
    bool ShowsLogin() const { return m_phase == SessionPhase::SignedOut || m_phase == SessionPhase::SigningIn; }
    bool MayStream() const { return m_phase == SessionPhase::SignedIn || m_phase == SessionPhase::Local; }
    bool kiosk() const { return !m_kiosk_token.empty(); }
    const SessionInfo& info() const { return m_info; }
    SessionNotice notice() const { return m_notice; }
    int notice_status() const { return m_notice_status; }
    // Seconds left before another sign-in may be tried (429 Retry-After), rounded up; 0 when free.
    int RetryAfterLeftS(int64_t now_ms) const;

    static constexpr int64_t kProbeEveryMs = 2000;       // session checks after stream drops
    static constexpr int64_t kRecheckUnreachableMs = 2000;  // mode check retries

private:
    SessionEffects OnSessionAnswer(const TransportMessage& m, int64_t now_ms);
    SessionEffects OnLoginAnswer(const TransportMessage& m, int64_t now_ms);
    SessionEffects SignedOutBecause(SessionNotice notice, int status);

    std::string m_kiosk_token;
    bool m_desktop_client = false;
    SessionPhase m_phase = SessionPhase::Checking;
    SessionInfo m_info;
    SessionNotice m_notice = SessionNotice::None;
    int m_notice_status = 0;
    int64_t m_retry_until_ms = 0;
    bool m_probe_pending = false;
    int64_t m_last_probe_ms = -kProbeEveryMs;
    bool m_check_failed = false;     // the mode check could not reach the server
    int64_t m_check_failed_at_ms = 0;
    bool m_kiosk_tried = false;      // the kiosk token was sent since the last success
};

}  // namespace cb
