#include "server/store/store_accounts.h"

#include <sqlite3.h>
#include "server/store/migrations.h"

namespace cb {
namespace {

constexpr const char* kAccountColumns = "id, name, role, password_hash, kiosk_hash, disabled, created_ms";

Account AccountFromRow(const sql::Statement& row) {
    Account account;
    account.id = row.ColumnInt(0);
    account.name = row.ColumnText(1);
    ParseRole(row.ColumnText(2), &account.role);
    account.password_hash = row.ColumnIsNull(3) ? std::string() : row.ColumnText(3);
    account.kiosk_hash = row.ColumnIsNull(4) ? std::string() : row.ColumnText(4);
    account.disabled = row.ColumnInt(5) != 0;
    account.created_ms = row.ColumnInt(6);
    return account;
}

}  // namespace

// v3: accounts with their teams, signed-in sessions (token hashes only) and the audit log.
const char* AccountsSchemaV3() {
    return R"sql(
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL,
    password_hash TEXT,
    kiosk_hash    TEXT    UNIQUE,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_ms    INTEGER NOT NULL
);
CREATE TABLE account_teams (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    team_key   TEXT    NOT NULL,
    PRIMARY KEY (account_id, team_key)
) WITHOUT ROWID;
CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    csrf         TEXT    NOT NULL,
    client       TEXT    NOT NULL,
    address      TEXT    NOT NULL,
    created_ms   INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL,
    expires_ms   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_account ON sessions (account_id);
CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    t_ms    INTEGER NOT NULL,
    user    TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    detail  TEXT    NOT NULL,
    address TEXT    NOT NULL,
    ok      INTEGER NOT NULL
);
CREATE INDEX audit_by_time ON audit (t_ms);
)sql";
}

Status AppendAuditRow(sql::Db& db, const AuditEntry& entry) {
    sql::Statement insert;
    Status status = db.Prepare("INSERT INTO audit (t_ms, user, action, detail, address, ok) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               &insert);
    if (!status.ok()) return status;
    insert.BindInt(1, entry.t_ms);
    insert.BindText(2, entry.user);
    insert.BindText(3, entry.action);
    insert.BindText(4, entry.detail);
    insert.BindText(5, entry.address);
    insert.BindInt(6, entry.ok ? 1 : 0);
    return insert.Run();
}

Result<std::unique_ptr<SqliteAccountStore>> SqliteAccountStore::Open(const std::string& path) {
    std::unique_ptr<SqliteAccountStore> store(new SqliteAccountStore());
    const auto fail = [&path](const std::string& why) {
        return Status::Error("database '" + path + "': " + why);
    };
    Status status = store->m_db.Open(path);
    if (!status.ok()) return fail("cannot open or create it (" + status.message() + ")");
    status = store->m_db.Exec("PRAGMA busy_timeout = 5000");
    if (status.ok()) status = store->m_db.Exec("PRAGMA foreign_keys = ON");
    if (status.ok() && path != ":memory:") status = store->m_db.Exec("PRAGMA journal_mode = WAL");
    if (!status.ok()) return fail(status.message());
    int version = 0;
    status = Migrate(store->m_db, &version);
    if (!status.ok()) return fail(status.message());
    return store;
}

SqliteAccountStore::~SqliteAccountStore() = default;

Status SqliteAccountStore::Run(const std::string& sql, const std::function<void(sql::Statement&)>& bind,
                               int64_t* changes) {
    sql::Statement statement;
    Status status = m_db.Prepare(sql, &statement);
    if (!status.ok()) return status;
    bind(statement);
    status = statement.Run();
    if (status.ok() && changes) *changes = m_db.Changes();
    return status;
}

Status SqliteAccountStore::LoadTeams(Account* account) {
    sql::Statement teams;
    Status status = m_db.Prepare("SELECT team_key FROM account_teams WHERE account_id = ?1 ORDER BY team_key", &teams);
    if (!status.ok()) return status;
    teams.BindInt(1, account->id);
    bool has_row = false;
    while (true) {
        if (!teams.Step(&has_row)) return Status::Error(teams.error());
        if (!has_row) return Status::Ok();
        account->teams.push_back(teams.ColumnText(0));
    }
}

Result<int64_t> SqliteAccountStore::AddAccount(const Account& account) {
    std::lock_guard<std::mutex> lock(m_mutex);
    Status status = m_db.Exec("BEGIN IMMEDIATE");
    if (!status.ok()) return status;
    status = Run("INSERT INTO accounts (name, role, password_hash, kiosk_hash, disabled, created_ms) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                 [&](sql::Statement& s) {
                     s.BindText(1, account.name);
                     s.BindText(2, RoleName(account.role));
                     if (account.password_hash.empty()) s.BindNull(3);
                     else s.BindText(3, account.password_hash);
                     if (account.kiosk_hash.empty()) s.BindNull(4);
                     else s.BindText(4, account.kiosk_hash);
                     s.BindInt(5, account.disabled ? 1 : 0);
                     s.BindInt(6, account.created_ms);
                 });
    const int64_t id = status.ok() ? sqlite3_last_insert_rowid(m_db.handle()) : 0;
    for (size_t i = 0; status.ok() && i < account.teams.size(); ++i) {
        status = Run("INSERT OR IGNORE INTO account_teams (account_id, team_key) VALUES (?1, ?2)",
                     [&](sql::Statement& s) {
                         s.BindInt(1, id);
                         s.BindText(2, account.teams[i]);
                     });
    }
    if (!status.ok()) {
        m_db.Exec("ROLLBACK");
        if (status.message().find("UNIQUE") != std::string::npos && status.message().find("name") != std::string::npos)
            return Status::Error("an account named '" + account.name + "' exists already");
        return status;
    }
    status = m_db.Exec("COMMIT");
    if (!status.ok()) return status;
    return id;
}

Result<std::optional<Account>> SqliteAccountStore::FindWhere(const char* where, const std::string* text,
                                                             int64_t number) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement find;
    Status status = m_db.Prepare(std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE " + where, &find);
    if (!status.ok()) return status;
    if (text) find.BindText(1, *text);
    else find.BindInt(1, number);
    bool has_row = false;
    if (!find.Step(&has_row)) return Status::Error(find.error());
    if (!has_row) return std::optional<Account>();
    Account account = AccountFromRow(find);
    status = LoadTeams(&account);
    if (!status.ok()) return status;
    return std::optional<Account>(std::move(account));
}

Result<std::optional<Account>> SqliteAccountStore::FindAccount(const std::string& name) {
    return FindWhere("name = ?1", &name, 0);
}

Result<std::optional<Account>> SqliteAccountStore::FindAccountById(int64_t id) {
    return FindWhere("id = ?1", nullptr, id);
}

Result<std::optional<Account>> SqliteAccountStore::FindAccountByKioskHash(const std::string& kiosk_hash) {
    return FindWhere("kiosk_hash = ?1", &kiosk_hash, 0);
}

Result<std::vector<Account>> SqliteAccountStore::ListAccounts() {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement list;
    Status status = m_db.Prepare(std::string("SELECT ") + kAccountColumns + " FROM accounts ORDER BY name", &list);
    if (!status.ok()) return status;
    std::vector<Account> accounts;
    bool has_row = false;
    while (true) {
        if (!list.Step(&has_row)) return Status::Error(list.error());
        if (!has_row) break;
        accounts.push_back(AccountFromRow(list));
    }
    for (Account& account : accounts) {
        if (status = LoadTeams(&account); !status.ok()) return status;
    }
    return accounts;
}

Status SqliteAccountStore::SetPasswordHash(const std::string& name, const std::string& hash) {
    std::lock_guard<std::mutex> lock(m_mutex);
    int64_t changes = 0;
    Status status = Run("UPDATE accounts SET password_hash = ?2 WHERE name = ?1",
                        [&](sql::Statement& s) {
                            s.BindText(1, name);
                            s.BindText(2, hash);
                        },
                        &changes);
    if (status.ok() && changes == 0) return Status::Error("no account '" + name + "'");
    return status;
}

Status SqliteAccountStore::SetDisabled(const std::string& name, bool disabled) {
    std::lock_guard<std::mutex> lock(m_mutex);
    int64_t changes = 0;
    Status status = Run("UPDATE accounts SET disabled = ?2 WHERE name = ?1",
                        [&](sql::Statement& s) {
                            s.BindText(1, name);
                            s.BindInt(2, disabled ? 1 : 0);
                        },
                        &changes);
    if (status.ok() && changes == 0) return Status::Error("no account '" + name + "'");
    return status;
}

Status SqliteAccountStore::SetRoleAndTeams(const std::string& name, Role role, const std::vector<std::string>& teams) {
    std::lock_guard<std::mutex> lock(m_mutex);
    Status status = m_db.Exec("BEGIN IMMEDIATE");
    if (!status.ok()) return status;
    int64_t changes = 0;
    status = Run("UPDATE accounts SET role = ?2 WHERE name = ?1",
                 [&](sql::Statement& s) {
                     s.BindText(1, name);
                     s.BindText(2, RoleName(role));
                 },
                 &changes);
    if (status.ok() && changes == 0) status = Status::Error("no account '" + name + "'");
    if (status.ok())
        status = Run("DELETE FROM account_teams WHERE account_id = (SELECT id FROM accounts WHERE name = ?1)",
                     [&](sql::Statement& s) { s.BindText(1, name); });
    for (size_t i = 0; status.ok() && i < teams.size(); ++i) {
        status = Run("INSERT OR IGNORE INTO account_teams (account_id, team_key)"
                     " SELECT id, ?2 FROM accounts WHERE name = ?1",
                     [&](sql::Statement& s) {
                         s.BindText(1, name);
                         s.BindText(2, teams[i]);
                     });
    }
    if (status.ok()) status = m_db.Exec("COMMIT");
    if (!status.ok()) m_db.Exec("ROLLBACK");
    return status;
}

Status SqliteAccountStore::DeleteAccount(const std::string& name) {
    std::lock_guard<std::mutex> lock(m_mutex);
    int64_t changes = 0;
    Status status = Run("DELETE FROM accounts WHERE name = ?1", [&](sql::Statement& s) { s.BindText(1, name); }, &changes);
    if (status.ok() && changes == 0) return Status::Error("no account '" + name + "'");
    return status;
}

namespace {
Result<int64_t> CountQuery(sql::Db& db, const char* sql_text) {
    sql::Statement count;
    Status status = db.Prepare(sql_text, &count);
    if (!status.ok()) return status;
    bool has_row = false;
    if (!count.Step(&has_row) || !has_row) return Status::Error(count.error());
    return count.ColumnInt(0);
}
}  // namespace

Result<int64_t> SqliteAccountStore::CountAccounts() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return CountQuery(m_db, "SELECT COUNT(*) FROM accounts");
}

Result<int64_t> SqliteAccountStore::CountActiveAdmins() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return CountQuery(m_db, "SELECT COUNT(*) FROM accounts WHERE role = 'admin' AND disabled = 0");
}

Status SqliteAccountStore::PutSession(const SessionRecord& session) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return Run("INSERT INTO sessions (token_hash, account_id, csrf, client, address, created_ms, last_seen_ms, "
               "expires_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
               [&](sql::Statement& s) {
                   s.BindText(1, session.token_hash);
                   s.BindInt(2, session.account_id);
                   s.BindText(3, session.csrf);
                   s.BindText(4, session.client);
                   s.BindText(5, session.address);
                   s.BindInt(6, session.created_ms);
                   s.BindInt(7, session.last_seen_ms);
                   s.BindInt(8, session.expires_ms);
               });
}

Result<std::optional<SessionRecord>> SqliteAccountStore::FindSession(const std::string& token_hash) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement find;
    Status status = m_db.Prepare("SELECT token_hash, account_id, csrf, client, address, created_ms, last_seen_ms, "
                                 "expires_ms FROM sessions WHERE token_hash = ?1",
                                 &find);
    if (!status.ok()) return status;
    find.BindText(1, token_hash);
    bool has_row = false;
    if (!find.Step(&has_row)) return Status::Error(find.error());
    if (!has_row) return std::optional<SessionRecord>();
    SessionRecord session;
    session.token_hash = find.ColumnText(0);
    session.account_id = find.ColumnInt(1);
    session.csrf = find.ColumnText(2);
    session.client = find.ColumnText(3);
    session.address = find.ColumnText(4);
    session.created_ms = find.ColumnInt(5);
    session.last_seen_ms = find.ColumnInt(6);
    session.expires_ms = find.ColumnInt(7);
    return std::optional<SessionRecord>(std::move(session));
}

Status SqliteAccountStore::TouchSession(const std::string& token_hash, int64_t last_seen_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return Run("UPDATE sessions SET last_seen_ms = MAX(last_seen_ms, ?2) WHERE token_hash = ?1",
               [&](sql::Statement& s) {
                   s.BindText(1, token_hash);
                   s.BindInt(2, last_seen_ms);
               });
}

Status SqliteAccountStore::DeleteSession(const std::string& token_hash) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return Run("DELETE FROM sessions WHERE token_hash = ?1", [&](sql::Statement& s) { s.BindText(1, token_hash); });
}

Status SqliteAccountStore::DeleteSessionsOf(int64_t account_id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return Run("DELETE FROM sessions WHERE account_id = ?1", [&](sql::Statement& s) { s.BindInt(1, account_id); });
}

Result<int64_t> SqliteAccountStore::DeleteExpiredSessions(int64_t now_ms, int64_t idle_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    int64_t changes = 0;
    Status status = Run("DELETE FROM sessions WHERE expires_ms <= ?1 OR last_seen_ms <= ?1 - ?2",
                        [&](sql::Statement& s) {
                            s.BindInt(1, now_ms);
                            s.BindInt(2, idle_ms);
                        },
                        &changes);
    if (!status.ok()) return status;
    return changes;
}

Status SqliteAccountStore::AppendAudit(const AuditEntry& entry) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return AppendAuditRow(m_db, entry);
}

Result<std::vector<AuditEntry>> SqliteAccountStore::ListAudit(int64_t from_ms, int64_t to_ms, int64_t limit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement list;
    // The newest `limit` in the range, returned oldest first.
    Status status = m_db.Prepare("SELECT id, t_ms, user, action, detail, address, ok FROM ("
                                 " SELECT * FROM audit WHERE t_ms >= ?1 AND t_ms < ?2 ORDER BY id DESC LIMIT ?3"
                                 ") ORDER BY id",
                                 &list);
    if (!status.ok()) return status;
    list.BindInt(1, from_ms);
    list.BindInt(2, to_ms);
    list.BindInt(3, limit);
    std::vector<AuditEntry> entries;
    bool has_row = false;
    while (true) {
        if (!list.Step(&has_row)) return Status::Error(list.error());
        if (!has_row) break;
        AuditEntry e;
        e.id = list.ColumnInt(0);
        e.t_ms = list.ColumnInt(1);
        e.user = list.ColumnText(2);
        e.action = list.ColumnText(3);
        e.detail = list.ColumnText(4);
        e.address = list.ColumnText(5);
        e.ok = list.ColumnInt(6) != 0;
        entries.push_back(std::move(e));
    }
    return entries;
}

}  // namespace cb
