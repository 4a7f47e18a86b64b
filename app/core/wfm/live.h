// Live staffing and the break what-if (docs/wfm.md, "Live staffing and the break what-if"), all
// functions of a snapshot: the load of each queue's last 30 minutes (QueueLive::recent), who is on
// queue now, queue membership and the published schedule. Erlang C (erlang.h) throughout:
//   - agents needed now: the fewest agents on the phones meeting the queue's target (e.g. 80 %
//     within 20 s) at the load of the last 30 minutes;
//   - predicted service level for now, the next 15 and the next 30 minutes: the load of the last 30
//     minutes held flat, the agents on queue following the schedule: each agent keeps what it does
//     now (on queue or not) until its next scheduled change, then does what is scheduled; an
//     agent without a schedule keeps what it does. A multi-skilled agent counts in each of its
//     queues (as the queue tiles count agents);
//   - "if this break is approved, SL goes from X to Y": the same with the agent off queue.
// The live engine fills every queue's figures into each snapshot (FillLiveStaffing).
#pragma once
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>
#include "core/snapshot.h"
#include "core/wfm/live_staffing.h"

namespace cb::wfm {

// The agent is on queue now: available, ringing, on a call, on hold or in wrap-up.
bool CountsOnQueue(const AgentLive& agent);

// When the agent is on queue within [from_ms, to_ms) (from_ms >= the snapshot's now), by the rule
// above: spans in time order, not touching.
std::vector<std::pair<int64_t, int64_t>> AgentOnQueueSpans(const Snapshot& s, uint32_t agent, int64_t from_ms, int64_t to_ms);

// Agents on queue in [from_ms, to_ms) per queue (parallel to the queues; queues 0-31, by the
// agents' membership), as steps: the first at from_ms, then one wherever the count changes.
std::vector<std::vector<AgentsStep>> ProjectAgents(const Snapshot& s, int64_t from_ms, int64_t to_ms);

// Erlang C over [from_ms, to_ms) with the agents of `steps` (the step in force at from_ms holds
// from there), at `erlangs` with handle time aht_s and answer time t_s.
SlOutlook OutlookOf(double erlangs, double aht_s, double t_s, const std::vector<AgentsStep>& steps, int64_t from_ms,
                    int64_t to_ms);

// `steps` with `spans` taken away: one agent fewer during each span (never below 0).
std::vector<AgentsStep> WithoutAgent(const std::vector<AgentsStep>& steps,
                                     const std::vector<std::pair<int64_t, int64_t>>& spans);

// One queue's figures from its load, its definition and its projected agents (steps from now
// over the next 30 minutes).
LiveStaffing LiveStaffingOf(const QueueInfo& queue, const RecentLoad& recent, std::vector<AgentsStep> steps, int64_t now_ms);

// Every queue's live staffing into s->queues[i].staffing, from the rest of the snapshot.
void FillLiveStaffing(Snapshot* s);

// Live figures need live data: a server that serves stored history only (source "history",
// no live source configured) has no calls arriving and no agents working now, so its snapshots
// carry no live staffing (ClearLiveStaffing) and the what-if answers NoLiveData instead of
// predicting from an empty queue.
bool HasLiveData(const Snapshot& s);
// Every queue's staffing back to "not known" (no figures, no steps).
void ClearLiveStaffing(Snapshot* s);

// ---- The break what-if ----

enum class WhatIfProblem : uint8_t {
    None,
    UnknownAgent,   // no such agent in the snapshot
    BadStart,       // before the snapshot's now, or not today
    BadDuration,    // under 1 minute or over 4 hours
    NoQueue,        // the agent is a member of no queue
    NoLiveData,     // the snapshot has no live data (HasLiveData)
};
std::string_view WhatIfProblemName(WhatIfProblem p);  // "unknown_agent", ...
inline constexpr int64_t kMaxWhatIfBreakMs = 4 * 3600000;

struct QueueWhatIf {
    uint16_t queue = 0;
    bool known = false;     // the queue's load is known (LiveStaffing::known): else no figures
    bool on_queue = false;  // the agent would be on this queue during part of the break (else nothing changes)
    double erlangs = 0;
    SlOutlook without;      // the predicted SL during the break if it is declined
    SlOutlook with;         // ... and if it is approved
};

struct BreakWhatIf {
    WhatIfProblem problem = WhatIfProblem::None;
    uint32_t agent = 0;
    int64_t start_ms = 0, end_ms = 0;
    std::vector<QueueWhatIf> queues;  // every queue the agent is a member of
};

// "If this break is approved, SL goes from X to Y": for each queue the agent is a member of, the
// predicted service level during [start_ms, start_ms + duration_ms) without and with the agent off
// queue then. start_ms runs from the snapshot's now to the end of its day. A break ending within
// the next 30 minutes uses the steps the snapshot carries (so a lead's snapshot, which lists only
// the lead's teams, gives the same answer as the whole center's); a later one projects the agents
// itself, which needs the whole center's snapshot (the server's).
BreakWhatIf WhatIfBreak(const Snapshot& s, uint32_t agent, int64_t start_ms, int64_t duration_ms = kDefaultBreakMs);

}  // namespace cb::wfm
