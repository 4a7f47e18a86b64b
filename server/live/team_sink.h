// Where the administration page's team changes go when a live source owns the directory: the
// real-data source keeps the directory it streams in memory and stores it, so a team created
// or renamed elsewhere would be overwritten by its next save. It takes the change itself,
// stores it and publishes a full snapshot with it (docs/api.md, "Administration").
#pragma once
#include "core/directory.h"
#include "server/base/status.h"

namespace cb {

class TeamSink {
public:
    virtual ~TeamSink() = default;
    // Adds the team (no agents yet) or renames the one with its key: stored in the directory,
    // and on screens from the next publication.
    virtual Status PutTeam(const TeamInfo& team) = 0;
};

}  // namespace cb
