#include "server/auth/scope.h"

#include <algorithm>

namespace cb {

std::string Scope::Key() const {
    switch (kind) {
    case Kind::Full: return "full";
    case Kind::Wallboard: return "wallboard";
    case Kind::Teams: break;
    }
    std::string key = "teams:";
    for (size_t i = 0; i < teams.size(); ++i) key += (i ? "," : "") + teams[i];
    return key;
}

Scope ScopeFor(Role role, const std::vector<std::string>& teams) {
    Scope scope;
    if (role == Role::Wallboard) {
        scope.kind = Scope::Kind::Wallboard;
    } else if (role == Role::Lead) {
        scope.kind = Scope::Kind::Teams;
        scope.teams = teams;
        std::sort(scope.teams.begin(), scope.teams.end());
        scope.teams.erase(std::unique(scope.teams.begin(), scope.teams.end()), scope.teams.end());
    }
    return scope;
}

Snapshot ScopeSnapshot(const Snapshot& snapshot, const Scope& scope) {
    if (scope.kind == Scope::Kind::Full) return snapshot;
    Snapshot out;
    out.version = snapshot.version;
    out.now_ms = snapshot.now_ms;
    out.tz_offset_min = snapshot.tz_offset_min;
    out.tz_name = snapshot.tz_name;
    out.tz_offsets = snapshot.tz_offsets;
    out.day_end_ms = snapshot.day_end_ms;
    out.interval_minutes = snapshot.interval_minutes;
    out.day_start_ms = snapshot.day_start_ms;
    out.source = snapshot.source;
    out.demo = snapshot.demo;  // every screen follows the demo's clock
    out.directory.queues = snapshot.directory.queues;
    out.directory.teams = snapshot.directory.teams;
    out.queues = snapshot.queues;
    out.teams = snapshot.teams;
    out.intervals = snapshot.intervals;

    const Directory& dir = snapshot.directory;
    if (scope.kind == Scope::Kind::Wallboard) {
        out.directory.agents = dir.agents;
        out.agents.reserve(snapshot.agents.size());
        for (const AgentLive& agent : snapshot.agents) {
            AgentLive seen;
            seen.state = agent.state;
            seen.reason = agent.reason;
            seen.state_since_ms = agent.state_since_ms;
            seen.call_queue = agent.call_queue;
            seen.logged_in_since_ms = agent.logged_in_since_ms;
            out.agents.push_back(seen);
        }
        return out;
    }

    // Teams: which team indices are in scope.
    std::vector<bool> team_in(dir.teams.size(), false);
    for (size_t t = 0; t < dir.teams.size(); ++t) {
        team_in[t] = std::binary_search(scope.teams.begin(), scope.teams.end(), dir.teams[t].key);
    }
    constexpr uint32_t kNone = 0xFFFFFFFFu;
    std::vector<uint32_t> new_index(dir.agents.size(), kNone);
    for (size_t a = 0; a < dir.agents.size(); ++a) {
        const uint16_t team = dir.agents[a].team;
        if (team >= team_in.size() || !team_in[team]) continue;
        new_index[a] = static_cast<uint32_t>(out.directory.agents.size());
        out.directory.agents.push_back(dir.agents[a]);
        if (a < snapshot.agents.size()) out.agents.push_back(snapshot.agents[a]);
    }
    // The schedule of the agents kept (queue staffing, computed over the whole center, stays whole).
    if (snapshot.schedule.set) {
        out.schedule.set = true;
        out.schedule.options = snapshot.schedule.options;
        for (size_t a = 0; a < dir.agents.size(); ++a) {
            if (new_index[a] != kNone && a < snapshot.schedule.agents.size()) out.schedule.agents.push_back(snapshot.schedule.agents[a]);
            else if (new_index[a] != kNone) out.schedule.agents.emplace_back();
        }
    }
    for (TeamInfo& team : out.directory.teams) {
        team.lead = team.lead < new_index.size() ? new_index[team.lead] : kNone;
    }
    return out;
}

int FindAgent(const Snapshot& snapshot, std::string_view key) {
    for (size_t i = 0; i < snapshot.directory.agents.size(); ++i) {
        if (snapshot.directory.agents[i].key == key) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace cb
