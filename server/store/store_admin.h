// What the administration pages change besides accounts, on SQLite: the thresholds (the whole
// center's set and each team's override, table `thresholds`, docs/api.md) and the teams
// (table `teams` of the directory: listed with their agents, created and renamed). Like the
// account store it opens its own connection to the database file (WAL lets it share the file
// with the live source's Store) and serialises its statements with a mutex, so HTTP workers
// and the command line may all use it.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>
#include "core/thresholds_doc.h"
#include "server/auth/account_store.h"
#include "server/store/sqlite_db.h"
#include "server/base/status.h"

namespace cb {

// The SQL of the thresholds migration (listed in migrations.cpp).
const char* ThresholdsSchema();

// A team as stored in the directory, with how many agents it has and its lead agent.
struct TeamRecord {
    std::string key;
    std::string name_en;
    std::string name_zh;
    int64_t agents = 0;
    std::string lead_agent;         // the lead's agent key; empty = none known
    bool operator==(const TeamRecord&) const = default;
};

class SqliteAdminStore {
public:
    // Opens or creates the database at path and migrates it. Fails with one line naming the
    // file and the reason.
    static Result<std::unique_ptr<SqliteAdminStore>> Open(const std::string& path);
    ~SqliteAdminStore();

    // Every stored set (version 0; the center's defaults when never changed). A row that does
    // not read as thresholds fails, naming it.
    Result<ThresholdSets> LoadThresholds();
    // Stores the center's set, and appends `audit` to the audit log, in one transaction.
    Status SaveCenterThresholds(const Thresholds& center, const std::string& by, int64_t t_ms, const AuditEntry& audit);
    // Stores a team's override (an empty one removes the team's row), and appends `audit`, in
    // one transaction.
    Status SaveTeamThresholds(const std::string& team, const ThresholdOverride& values, const std::string& by,
                              int64_t t_ms, const AuditEntry& audit);

    // Every team, in directory order (the order they were first stored).
    Result<std::vector<TeamRecord>> ListTeams();
    Result<bool> TeamExists(const std::string& key);
    // Adds a team with no agents; fails with "a team 'x' exists already".
    Status AddTeam(const std::string& key, const std::string& name_en, const std::string& name_zh);
    // Renames a team; fails with "no team 'x'".
    Status RenameTeam(const std::string& key, const std::string& name_en, const std::string& name_zh);

private:
    SqliteAdminStore() = default;
    Status InTransaction(const std::function<Status()>& body);
    Status Audit(const AuditEntry& entry);

    std::mutex m_mutex;
    sql::Db m_db;
};

}  // namespace cb
