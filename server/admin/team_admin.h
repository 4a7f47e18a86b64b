// Administering teams (/api/admin/teams, `callboard team ...`, docs/api.md "Administration"):
// the teams of the directory with their agents and lead accounts, creating a team, renaming
// one. A team's names have one owner: the configuration file for the teams it lists, the
// simulator for a demo's teams, else this page (renaming the others is refused, naming the
// owner). With a real-data source running, changes go through it (TeamSink) so the live
// directory shows them at once; otherwise they are stored directly. Thread-safe.
#pragma once
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>
#include "server/admin/admin_outcome.h"
#include "server/auth/account_store.h"
#include "server/live/team_sink.h"
#include "server/store/store_admin.h"

namespace cb {

struct TeamView {
    TeamRecord team;
    std::vector<std::string> leads;   // accounts with the lead role for this team, by name
    std::string names_from;           // "callboard" (renamable here), "config" or "simulator"
};

struct TeamOwners {
    std::vector<std::string> config;     // keys of the teams the configuration file names
    std::vector<std::string> simulated;  // keys of the demo's simulated teams
};

class TeamAdmin {
public:
    using Clock = std::function<int64_t()>;
    explicit TeamAdmin(Clock clock);
    // Attached once the database is open (sink: the real-data source, or null).
    void Attach(SqliteAdminStore* store, AccountStore* accounts, TeamSink* sink, TeamOwners owners);

    Result<std::vector<TeamView>> List();
    // name_zh or name_en may be empty (then the other is used), not both.
    AdminOutcome Create(const std::string& key, std::string name_en, std::string name_zh, const Actor& actor);
    AdminOutcome Rename(const std::string& key, std::string name_en, std::string name_zh, const Actor& actor);

private:
    std::string NamesFrom(const std::string& key) const;

    std::mutex m_mutex;
    Clock m_clock;
    SqliteAdminStore* m_store = nullptr;
    AccountStore* m_accounts = nullptr;
    TeamSink* m_sink = nullptr;
    TeamOwners m_owners;
};

}  // namespace cb
