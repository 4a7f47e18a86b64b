// Records of accounts, sessions and the audit log, and the AccountStore interface the auth
// layer uses to keep them (implemented on SQLite by server/store/store_accounts.h). Every
// implementation must be safe to call from many HTTP worker threads at once.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "server/auth/roles.h"
#include "server/base/status.h"

namespace cb {

struct Account {
    int64_t id = 0;
    std::string name;               // sign-in name, unique
    Role role = Role::Manager;
    std::vector<std::string> teams; // team keys (what a lead leads)
    std::string password_hash;      // argon2id string; empty for wallboard accounts
    std::string kiosk_hash;         // TokenHash of the kiosk token; wallboard accounts only
    bool disabled = false;
    int64_t created_ms = 0;
};

// A signed-in session. Only the token's hash is stored; the CSRF token is not a credential on
// its own (it is useless without the session cookie), so it is kept as issued.
struct SessionRecord {
    std::string token_hash;
    int64_t account_id = 0;
    std::string csrf;
    std::string client;             // "web" or "desktop"
    std::string address;            // where it signed in from
    int64_t created_ms = 0;
    int64_t last_seen_ms = 0;
    int64_t expires_ms = 0;         // absolute end (created + 12 h)
};

// One audit line: who did what, when, from where, and whether it worked.
struct AuditEntry {
    int64_t id = 0;
    int64_t t_ms = 0;
    std::string user;       // account name, "-" when unknown, "cli:<login>" for the command line
    std::string action;     // "login", "login_failed", "logout", "user_add", "user_disable", ... (docs/auth.md)
    std::string detail;     // free text, never a password, token or full phone number
    std::string address;    // client address, "cli" for the command line
    bool ok = true;
};

class AccountStore {
public:
    virtual ~AccountStore() = default;

    // Adds an account; fails if the name is taken. Returns its id.
    virtual Result<int64_t> AddAccount(const Account& account) = 0;
    virtual Result<std::optional<Account>> FindAccount(const std::string& name) = 0;
    virtual Result<std::optional<Account>> FindAccountById(int64_t id) = 0;
    virtual Result<std::optional<Account>> FindAccountByKioskHash(const std::string& kiosk_hash) = 0;
    virtual Result<std::vector<Account>> ListAccounts() = 0;  // by name
    // Fail with "no account 'x'" when the name is unknown.
    virtual Status SetPasswordHash(const std::string& name, const std::string& hash) = 0;
    virtual Status SetDisabled(const std::string& name, bool disabled) = 0;
    // Replaces the role and the teams (one transaction).
    virtual Status SetRoleAndTeams(const std::string& name, Role role, const std::vector<std::string>& teams) = 0;
    // Removes the account with its teams and sessions (the audit log keeps its name).
    virtual Status DeleteAccount(const std::string& name) = 0;
    virtual Result<int64_t> CountAccounts() = 0;       // all, disabled included
    virtual Result<int64_t> CountActiveAdmins() = 0;   // enabled admin accounts

    virtual Status PutSession(const SessionRecord& session) = 0;
    virtual Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash) = 0;
    virtual Status TouchSession(const std::string& token_hash, int64_t last_seen_ms) = 0;
    virtual Status DeleteSession(const std::string& token_hash) = 0;
    virtual Status DeleteSessionsOf(int64_t account_id) = 0;
    // Removes sessions past their absolute or idle end; returns how many.
    virtual Result<int64_t> DeleteExpiredSessions(int64_t now_ms, int64_t idle_ms) = 0;

    virtual Status AppendAudit(const AuditEntry& entry) = 0;
    // Entries with from_ms <= t_ms < to_ms, oldest first, at most limit of them (the newest
    // `limit` when there are more).
    virtual Result<std::vector<AuditEntry>> ListAudit(int64_t from_ms, int64_t to_ms, int64_t limit) = 0;
};

}  // namespace cb
