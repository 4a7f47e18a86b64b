#include "server/store/store_admin.h"

#include <functional>
#include "server/store/migrations.h"
#include "server/store/store_accounts.h"

namespace cb {
namespace {

constexpr const char* kCenterScope = "center";
constexpr const char* kTeamPrefix = "team:";

bool Unique(const Status& status) { return status.message().find("UNIQUE") != std::string::npos; }

}  // namespace

// Thresholds kept on the server (docs/api.md, "Thresholds"): one row for the whole center
// ('center') and one per team with its own limits ('team:<key>'), each a JSON object of
// threshold keys (core/thresholds.h: every key for the center, the team's own keys for a
// team), with who changed it last. No row for the center: the defaults apply.
const char* ThresholdsSchema() {
    return R"sql(
CREATE TABLE thresholds (
    scope      TEXT    PRIMARY KEY CHECK (scope = 'center' OR scope LIKE 'team:_%'),
    settings   TEXT    NOT NULL,
    updated_by TEXT    NOT NULL,
    updated_ms INTEGER NOT NULL
) WITHOUT ROWID;
)sql";
}

Result<std::unique_ptr<SqliteAdminStore>> SqliteAdminStore::Open(const std::string& path) {
    std::unique_ptr<SqliteAdminStore> store(new SqliteAdminStore());
    const auto fail = [&path](const std::string& why) { return Status::Error("database '" + path + "': " + why); };
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

SqliteAdminStore::~SqliteAdminStore() = default;

Status SqliteAdminStore::InTransaction(const std::function<Status()>& body) {
    return m_db.Transaction(body);
}

Result<ThresholdSets> SqliteAdminStore::LoadThresholds() {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement rows;
    Status status = m_db.Prepare("SELECT scope, settings, updated_by, updated_ms FROM thresholds ORDER BY scope", &rows);
    if (!status.ok()) return status;
    ThresholdSets sets;
    bool has_row = false;
    while (true) {
        if (!rows.Step(&has_row)) return Status::Error(rows.error());
        if (!has_row) break;
        const std::string scope = rows.ColumnText(0);
        const std::string text = rows.ColumnText(1);
        ThresholdError error;
        if (scope == kCenterScope) {
            Thresholds center;
            if (!ThresholdsFromJson(text, &center, &error, true))
                return Status::Error("stored thresholds of the center do not read: " + error.message);
            sets.center = center;
            sets.center_by = rows.ColumnText(2);
            sets.center_ms = rows.ColumnInt(3);
            continue;
        }
        TeamThresholds team;
        team.team = scope.substr(std::string_view(kTeamPrefix).size());
        if (!OverrideFromJson(text, &team.values, &error))
            return Status::Error("stored thresholds of team '" + team.team + "' do not read: " + error.message);
        // The team's own values must fit the center's set: checked where they are changed.
        team.updated_by = rows.ColumnText(2);
        team.updated_ms = rows.ColumnInt(3);
        if (!team.values.empty()) sets.teams.push_back(std::move(team));
    }
    return sets;
}

Status SqliteAdminStore::Audit(const AuditEntry& entry) { return AppendAuditRow(m_db, entry); }

Status SqliteAdminStore::SaveCenterThresholds(const Thresholds& center, const std::string& by, int64_t t_ms,
                                              const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return InTransaction([&]() -> Status {
        sql::Statement put;
        Status status = m_db.Prepare(
            "INSERT INTO thresholds (scope, settings, updated_by, updated_ms) VALUES (?1, ?2, ?3, ?4)"
            " ON CONFLICT (scope) DO UPDATE SET settings = excluded.settings, updated_by = excluded.updated_by,"
            " updated_ms = excluded.updated_ms",
            &put);
        if (!status.ok()) return status;
        put.BindText(1, kCenterScope);
        put.BindText(2, ThresholdsToJson(center));
        put.BindText(3, by);
        put.BindInt(4, t_ms);
        status = put.Run();
        return status.ok() ? Audit(audit) : status;
    });
}

Status SqliteAdminStore::SaveTeamThresholds(const std::string& team, const ThresholdOverride& values,
                                            const std::string& by, int64_t t_ms, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return InTransaction([&]() -> Status {
        sql::Statement put;
        Status status = values.empty()
                            ? m_db.Prepare("DELETE FROM thresholds WHERE scope = ?1", &put)
                            : m_db.Prepare(
                                  "INSERT INTO thresholds (scope, settings, updated_by, updated_ms) VALUES (?1, ?2, ?3, ?4)"
                                  " ON CONFLICT (scope) DO UPDATE SET settings = excluded.settings,"
                                  " updated_by = excluded.updated_by, updated_ms = excluded.updated_ms",
                                  &put);
        if (!status.ok()) return status;
        put.BindText(1, kTeamPrefix + team);
        if (!values.empty()) {
            put.BindText(2, OverrideToJson(values));
            put.BindText(3, by);
            put.BindInt(4, t_ms);
        }
        status = put.Run();
        return status.ok() ? Audit(audit) : status;
    });
}

Result<std::vector<TeamRecord>> SqliteAdminStore::ListTeams() {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement list;
    Status status = m_db.Prepare(
        "SELECT t.key, t.name_en, t.name_zh, (SELECT COUNT(*) FROM agents a WHERE a.team_id = t.id),"
        " COALESCE(t.lead_key, '') FROM teams t ORDER BY t.id",
        &list);
    if (!status.ok()) return status;
    std::vector<TeamRecord> teams;
    bool has_row = false;
    while (true) {
        if (!list.Step(&has_row)) return Status::Error(list.error());
        if (!has_row) break;
        teams.push_back({list.ColumnText(0), list.ColumnText(1), list.ColumnText(2), list.ColumnInt(3), list.ColumnText(4)});
    }
    return teams;
}

Result<bool> SqliteAdminStore::TeamExists(const std::string& key) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement find;
    Status status = m_db.Prepare("SELECT 1 FROM teams WHERE key = ?1", &find);
    if (!status.ok()) return status;
    find.BindText(1, key);
    bool has_row = false;
    if (!find.Step(&has_row)) return Status::Error(find.error());
    return has_row;
}

Status SqliteAdminStore::AddTeam(const std::string& key, const std::string& name_en, const std::string& name_zh) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement add;
    Status status = m_db.Prepare("INSERT INTO teams (key, name_en, name_zh) VALUES (?1, ?2, ?3)", &add);
    if (!status.ok()) return status;
    add.BindText(1, key);
    add.BindText(2, name_en);
    add.BindText(3, name_zh);
    status = add.Run();
    if (!status.ok() && Unique(status)) return Status::Error("a team '" + key + "' exists already");
    return status;
}

Status SqliteAdminStore::RenameTeam(const std::string& key, const std::string& name_en, const std::string& name_zh) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement rename;
    Status status = m_db.Prepare("UPDATE teams SET name_en = ?2, name_zh = ?3 WHERE key = ?1", &rename);
    if (!status.ok()) return status;
    rename.BindText(1, key);
    rename.BindText(2, name_en);
    rename.BindText(3, name_zh);
    status = rename.Run();
    if (status.ok() && m_db.Changes() == 0) return Status::Error("no team '" + key + "'");
    return status;
}

}  // namespace cb
