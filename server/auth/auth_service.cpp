#include "server/auth/auth_service.h"

#include "server/auth/crypto.h"
#include "server/base/log.h"

namespace cb {
namespace {

// Verified against when the user is unknown, so a wrong name costs as long as a wrong password.
const std::string& DummyHash() {
    static const std::string hash = [] {
        Result<std::string> made = HashPassword(RandomToken());
        return made.ok() ? made.value() : std::string();
    }();
    return hash;
}

Caller CallerOf(const Account& account, const SessionRecord& session) {
    Caller caller;
    caller.account_id = account.id;
    caller.user = account.name;
    caller.role = account.role;
    caller.teams = account.teams;
    caller.csrf = session.csrf;
    caller.token_hash = session.token_hash;
    caller.expires_at_ms = session.expires_ms;
    return caller;
}

}  // namespace

bool SessionAlive(const SessionRecord& session, int64_t now_ms) {
    return now_ms < session.expires_ms && now_ms - session.last_seen_ms < kSessionIdleMs;
}

AuthService::AuthService(AccountStore* store, Clock clock, ThrottleLimits limits)
    : m_store(store), m_clock(std::move(clock)), m_throttle(limits) {}

bool AuthService::AccountsMode() {
    Result<int64_t> count = m_store->CountAccounts();
    return !count.ok() || count.value() > 0;
}

void AuthService::Audit(const std::string& user, const std::string& action, const std::string& detail,
                        const std::string& address, bool ok) {
    AuditEntry entry;
    entry.t_ms = m_clock();
    entry.user = user.empty() ? "-" : user;
    entry.action = action;
    entry.detail = detail;
    entry.address = address;
    entry.ok = ok;
    if (Status status = m_store->AppendAudit(entry); !status.ok()) {
        LogError("audit: cannot record " + action + ": " + status.message());
    }
}

LoginResult AuthService::Login(const LoginRequest& request) {
    LoginResult result;
    const int64_t now = m_clock();
    const bool kiosk = !request.kiosk_token.empty();
    // Kiosk tokens are throttled per address only (they name no account).
    const std::string throttle_key = kiosk ? std::string() : "user:" + request.user;
    if (const int64_t wait_s = m_throttle.RetryAfterS(throttle_key, request.address, now); wait_s > 0) {
        result.kind = LoginResult::Kind::Throttled;
        result.retry_after_s = wait_s;
        Audit(request.user, "login_throttled", "retry after " + std::to_string(wait_s) + " s", request.address, false);
        return result;
    }

    Result<std::optional<Account>> found = kiosk ? m_store->FindAccountByKioskHash(TokenHash(request.kiosk_token))
                                                 : m_store->FindAccount(request.user);
    if (!found.ok()) {
        result.error = found.status().message();
        return result;
    }
    bool good = false;
    const std::optional<Account>& account = found.value();
    if (kiosk) {
        good = account && account->role == Role::Wallboard;
    } else {
        const std::string& hash = account && !account->password_hash.empty() ? account->password_hash : DummyHash();
        good = VerifyPassword(hash, request.password) && account && !account->password_hash.empty();
    }
    good = good && !account->disabled;
    if (!good) {
        m_throttle.RecordFailure(throttle_key, request.address, now);
        result.kind = LoginResult::Kind::WrongCredentials;
        Audit(kiosk ? "-" : request.user, "login_failed", kiosk ? "kiosk token" : "password", request.address, false);
        return result;
    }
    if (!kiosk) m_throttle.RecordSuccess(throttle_key);

    SessionRecord session;
    const std::string token = RandomToken();
    session.token_hash = TokenHash(token);
    session.account_id = account->id;
    session.csrf = RandomToken();
    session.client = request.client == "desktop" ? "desktop" : "web";
    session.address = request.address;
    session.created_ms = now;
    session.last_seen_ms = now;
    session.expires_ms = now + kSessionAbsoluteMs;
    if (Status status = m_store->PutSession(session); !status.ok()) {
        result.error = status.message();
        return result;
    }
    // Opportunistic sweep so the table holds live sessions only.
    m_store->DeleteExpiredSessions(now, kSessionIdleMs);
    result.kind = LoginResult::Kind::Ok;
    result.caller = CallerOf(*account, session);
    result.token = token;
    Audit(account->name, "login", std::string(RoleName(account->role)) + ", " + session.client, request.address);
    return result;
}

std::optional<Caller> AuthService::Authenticate(const std::string& token) {
    if (token.empty()) return std::nullopt;
    const int64_t now = m_clock();
    const std::string hash = TokenHash(token);
    Result<std::optional<SessionRecord>> session = m_store->FindSession(hash);
    if (!session.ok() || !session.value()) return std::nullopt;
    const SessionRecord& record = *session.value();
    if (!SessionAlive(record, now)) {
        m_store->DeleteSession(hash);
        return std::nullopt;
    }
    Result<std::optional<Account>> account = m_store->FindAccountById(record.account_id);
    if (!account.ok() || !account.value() || account.value()->disabled) return std::nullopt;
    if (now - record.last_seen_ms >= kSessionTouchMs) m_store->TouchSession(hash, now);
    return CallerOf(*account.value(), record);
}

void AuthService::Logout(const Caller& caller, const std::string& address) {
    if (caller.local) return;
    m_store->DeleteSession(caller.token_hash);
    Audit(caller.user, "logout", "", address);
}

}  // namespace cb
