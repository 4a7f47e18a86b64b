// Accounts, sessions and the audit log on SQLite (schema v3, docs/auth.md): the AccountStore
// of the auth layer. It opens its own connection to the database file (WAL lets it share the
// file with the live source's Store) and serialises its statements with a mutex, so HTTP
// workers and the command line may all use it.
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include "server/auth/account_store.h"
#include "server/store/sqlite_db.h"

namespace cb {

// The SQL of migration v3 (listed in migrations.cpp).
const char* AccountsSchemaV3();
// Inserts one audit line on `db` (inside the caller's transaction, if any).
Status AppendAuditRow(sql::Db& db, const AuditEntry& entry);

class SqliteAccountStore : public AccountStore {
public:
    // Opens or creates the database at path (":memory:" for a private one) and migrates it.
    // Fails with one line naming the file and the reason.
    static Result<std::unique_ptr<SqliteAccountStore>> Open(const std::string& path);
    ~SqliteAccountStore() override;

    Result<int64_t> AddAccount(const Account& account) override;
    Result<std::optional<Account>> FindAccount(const std::string& name) override;
    Result<std::optional<Account>> FindAccountById(int64_t id) override;
    Result<std::optional<Account>> FindAccountByKioskHash(const std::string& kiosk_hash) override;
    Result<std::vector<Account>> ListAccounts() override;
    Status SetPasswordHash(const std::string& name, const std::string& hash) override;
    Status SetDisabled(const std::string& name, bool disabled) override;
    Status SetRoleAndTeams(const std::string& name, Role role, const std::vector<std::string>& teams) override;
    Status DeleteAccount(const std::string& name) override;
    Result<int64_t> CountAccounts() override;
    Result<int64_t> CountActiveAdmins() override;

    Status PutSession(const SessionRecord& session) override;
    Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash) override;
    Status TouchSession(const std::string& token_hash, int64_t last_seen_ms) override;
    Status DeleteSession(const std::string& token_hash) override;
    Status DeleteSessionsOf(int64_t account_id) override;
    Result<int64_t> DeleteExpiredSessions(int64_t now_ms, int64_t idle_ms) override;

    Status AppendAudit(const AuditEntry& entry) override;
    Result<std::vector<AuditEntry>> ListAudit(int64_t from_ms, int64_t to_ms, int64_t limit) override;

private:
    SqliteAccountStore() = default;
    Result<std::optional<Account>> FindWhere(const char* where, const std::string* text, int64_t number);
    Status LoadTeams(Account* account);
    Status Run(const std::string& sql, const std::function<void(sql::Statement&)>& bind, int64_t* changes = nullptr);

    std::mutex m_mutex;
    sql::Db m_db;
};

}  // namespace cb
