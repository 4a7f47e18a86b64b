// Deltas between two snapshots of the same center, so the live stream sends only what
// changed (a few agents, the queue and team tiles, the current interval) after the first
// full snapshot.
#pragma once
#include <cstdint>
#include <vector>
#include "snapshot.h"

namespace cb {

struct SnapshotDelta {
    uint64_t base_version = 0;     // applies to a snapshot with exactly this version
    uint64_t version = 0;          // the version after applying
    int64_t now_ms = 0;
    int64_t day_start_ms = 0;
    DemoClock demo;                                       // the demo's clock after the change
    std::vector<std::pair<uint32_t, AgentLive>> agents;   // changed agents by index
    std::vector<QueueLive> queues;                        // all queues (small)
    std::vector<TeamLive> teams;                          // all teams (small)
    // Per queue: rows from index first_changed_row on replace the client's rows.
    std::vector<uint32_t> interval_first_row;
    std::vector<std::vector<IntervalRow>> interval_rows;
};

// The delta that turns `before` into `after`. Both must share the same directory; when they
// don't (new agents, a new day), callers send a full snapshot instead (see SameShape).
SnapshotDelta MakeDelta(const Snapshot& before, const Snapshot& after);
// True when a delta can express the change from a to b (same directory sizes and day).
bool SameShape(const Snapshot& a, const Snapshot& b);
// Applies a delta; returns false (and changes nothing) if it does not fit: wrong base
// version or sizes. The client then waits for the next full snapshot.
bool ApplyDelta(const SnapshotDelta& delta, Snapshot* snapshot);

}  // namespace cb
