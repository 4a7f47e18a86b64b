#include "server/admin/team_admin.h"

#include <algorithm>
#include "core/account_rules.h"
#include "server/base/log.h"

namespace cb {
namespace {

using K = AdminOutcome::Kind;

AdminOutcome StoreFailure(const Status& status) {
    return AdminOutcome::Fail(K::Failed, "store", "", "cannot change the teams: " + status.message());
}

bool Contains(const std::vector<std::string>& list, const std::string& key) {
    return std::find(list.begin(), list.end(), key) != list.end();
}

// Checks both names; fills an empty one from the other.
AdminOutcome CheckNames(std::string* name_en, std::string* name_zh) {
    if (name_en->empty() && name_zh->empty())
        return AdminOutcome::Fail(K::Invalid, "bad_team_name", "name_en", "give the team a name (English or Chinese)");
    if (!name_en->empty())
        if (std::string_view p = CheckTeamName(*name_en); !p.empty())
            return AdminOutcome::Fail(K::Invalid, std::string(p), "name_en", ProblemText(p));
    if (!name_zh->empty())
        if (std::string_view p = CheckTeamName(*name_zh); !p.empty())
            return AdminOutcome::Fail(K::Invalid, std::string(p), "name_zh", ProblemText(p));
    if (name_en->empty()) *name_en = *name_zh;
    if (name_zh->empty()) *name_zh = *name_en;
    return AdminOutcome::Ok();
}

}  // namespace

TeamAdmin::TeamAdmin(Clock clock) : m_clock(std::move(clock)) {}

void TeamAdmin::Attach(SqliteAdminStore* store, AccountStore* accounts, TeamSink* sink, TeamOwners owners) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_store = store;
    m_accounts = accounts;
    m_sink = sink;
    m_owners = std::move(owners);
}

std::string TeamAdmin::NamesFrom(const std::string& key) const {
    if (Contains(m_owners.config, key)) return "config";
    if (Contains(m_owners.simulated, key)) return "simulator";
    return "callboard";
}

Result<std::vector<TeamView>> TeamAdmin::List() {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_store || !m_accounts) return Status::Error("the teams are not open yet");
    Result<std::vector<TeamRecord>> teams = m_store->ListTeams();
    if (!teams.ok()) return teams.status();
    Result<std::vector<Account>> accounts = m_accounts->ListAccounts();
    if (!accounts.ok()) return accounts.status();
    std::vector<TeamView> out;
    for (TeamRecord& t : teams.value()) {
        TeamView view;
        for (const Account& a : accounts.value())
            if (a.role == Role::Lead && Contains(a.teams, t.key)) view.leads.push_back(a.name);
        view.names_from = NamesFrom(t.key);
        view.team = std::move(t);
        out.push_back(std::move(view));
    }
    return out;
}

AdminOutcome TeamAdmin::Create(const std::string& key, std::string name_en, std::string name_zh, const Actor& actor) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_store) return AdminOutcome::Fail(K::Failed, "not_ready", "", "the teams are not open yet");
    if (std::string_view p = CheckTeamKey(key); !p.empty()) return AdminOutcome::Fail(K::Invalid, std::string(p), "key", ProblemText(p));
    if (AdminOutcome names = CheckNames(&name_en, &name_zh); !names.ok()) return names;
    Result<bool> exists = m_store->TeamExists(key);
    if (!exists.ok()) return StoreFailure(exists.status());
    if (exists.value()) return AdminOutcome::Fail(K::Conflict, "team_exists", "key", "a team '" + key + "' exists already");
    Status status = m_sink ? m_sink->PutTeam(TeamInfo{key, name_en, name_zh}) : m_store->AddTeam(key, name_en, name_zh);
    if (!status.ok()) return StoreFailure(status);
    if (m_accounts) {
        AuditEntry entry{0, m_clock(), actor.user.empty() ? "-" : actor.user, "team_add",
                         key + " (" + name_en + " / " + name_zh + ")", actor.address, true};
        if (Status s = m_accounts->AppendAudit(entry); !s.ok()) LogError("audit: cannot record team_add: " + s.message());
    }
    return AdminOutcome::Ok();
}

AdminOutcome TeamAdmin::Rename(const std::string& key, std::string name_en, std::string name_zh, const Actor& actor) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_store) return AdminOutcome::Fail(K::Failed, "not_ready", "", "the teams are not open yet");
    if (AdminOutcome names = CheckNames(&name_en, &name_zh); !names.ok()) return names;
    Result<std::vector<TeamRecord>> teams = m_store->ListTeams();
    if (!teams.ok()) return StoreFailure(teams.status());
    auto it = std::find_if(teams.value().begin(), teams.value().end(), [&](const TeamRecord& t) { return t.key == key; });
    if (it == teams.value().end()) return AdminOutcome::Fail(K::NotFound, "no_such_team", "", "no team '" + key + "'");
    const std::string from = NamesFrom(key);
    if (from == "config")
        return AdminOutcome::Fail(K::Conflict, "names_from_config", "",
                                  "team '" + key + "' takes its names from the configuration file; change them there");
    if (from == "simulator")
        return AdminOutcome::Fail(K::Conflict, "names_from_simulator", "",
                                  "team '" + key + "' is part of the simulated demo center; its names are fixed");
    if (it->name_en == name_en && it->name_zh == name_zh) return AdminOutcome::Ok();
    Status status = m_sink ? m_sink->PutTeam(TeamInfo{key, name_en, name_zh}) : m_store->RenameTeam(key, name_en, name_zh);
    if (!status.ok()) return StoreFailure(status);
    if (m_accounts) {
        AuditEntry entry{0, m_clock(), actor.user.empty() ? "-" : actor.user, "team_rename",
                         key + ": " + it->name_en + " / " + it->name_zh + " -> " + name_en + " / " + name_zh, actor.address, true};
        if (Status s = m_accounts->AppendAudit(entry); !s.ok()) LogError("audit: cannot record team_rename: " + s.message());
    }
    return AdminOutcome::Ok();
}

}  // namespace cb
