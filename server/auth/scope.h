// What part of the live state a caller may see, and the pure filter that cuts a Snapshot down
// to it before anything leaves the server (docs/auth.md, "Roles"). The set of distinct scopes
// is small (full, each lead's team set, wallboard), so the broadcaster encodes once per scope.
#pragma once
#include <string>
#include <vector>
#include "core/snapshot.h"
#include "server/auth/roles.h"

namespace cb {

struct Scope {
    enum class Kind : uint8_t {
        Full,       // everything (admin, manager, qa, trainer, local mode)
        Teams,      // every queue and team total; agents of `teams` only (lead)
        Wallboard,  // every queue and team total; agents' names and states, no per-agent counters
    };
    Kind kind = Kind::Full;
    std::vector<std::string> teams;  // team keys, sorted and unique (Teams only)

    // A stable name, equal for equal scopes: "full", "wallboard", "teams:a,b".
    std::string Key() const;
    bool operator==(const Scope&) const = default;
};

// The scope of a role with its teams (teams matter for a lead only).
Scope ScopeFor(Role role, const std::vector<std::string>& teams);

// The snapshot `scope` may see. Teams: agents outside the teams are removed from
// directory.agents and agents (the rest keep their order, so indices are re-numbered), and a
// team's lead index is re-mapped (or none when the lead was removed), and the schedule keeps
// those agents' lists. Wallboard: every agent stays but its counters (today, time in state, time
// by reason), its schedule and its adherence are left out. Queues (with their live staffing),
// teams, their totals and intervals are kept whole. Full: an identical copy.
Snapshot ScopeSnapshot(const Snapshot& snapshot, const Scope& scope);

// Index of the agent with `key` in snapshot.directory.agents, or -1.
int FindAgent(const Snapshot& snapshot, std::string_view key);

}  // namespace cb
