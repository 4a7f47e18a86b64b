// Live staffing and the break what-if (docs/wfm.md, "Live staffing and the break what-if"), all
// functions of a snapshot: the load of each queue's last 30 minutes (QueueLive::recent), who is on
// queue now, queue membership and the published schedule. Erlang C (erlang.h) throughout:
//   - agents needed now: the fewest agents on the phones meeting the queue's target (e.g. 80 %
//     within 20 s) at the load of the last 30 minutes;
//   - predicted service level for now, the next 15 and the next 30 minutes: the load of the last 30
//     minutes held flat, the agents on queue following the schedule: each agent keeps what it does
//     now (on queue or not) until its next scheduled change, then does what is scheduled; an
//     agent without a schedule keeps what it does. A multi-skilled agent's time is split between
//     its queues by their load (AgentShares), so each agent counts once over the center;
//   - "if this break is approved, SL goes from X to Y": the same with the agent's share taken off
//     every queue it serves.
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

// The load of a queue's last 30 minutes in Erlangs (calls / window x AHT), or a negative value
// when it is not known (under 5 minutes seen, or calls but none handled yet).
double RecentErlangs(const RecentLoad& recent);

// How a multi-skilled agent's time is split between its queues (the one rule, docs/wfm.md "Live
// staffing"): in proportion to each queue's offered load A = calls per second x AHT of the last
// 30 minutes (RecentErlangs; a queue whose load is not known counts 0) among the queues the agent
// is a member of; when all of them have no load, equally. Parallel to `loads` (one per queue,
// queues 0-31 by the membership bits); the shares of the agent's queues add up to 1, the others
// are 0; all 0 when the agent is a member of no queue.
std::vector<double> AgentShares(uint32_t member_of, const std::vector<double>& loads);
// Every queue's load for AgentShares (RecentErlangs, 0 when not known).
std::vector<double> QueueLoads(const Snapshot& s);

// Erlang C's service level within t_s with a fractional number of agents n at `erlangs` and
// handle time aht_s: linear between the whole numbers around n (floor(n) and floor(n) + 1), a
// count of agents no larger than the Erlangs counting 0; stable when n > the Erlangs. With no
// load, 1 (no calls in the window: nobody is predicted to wait).
SlOutlook SlAt(double erlangs, double aht_s, double t_s, double n);

// When the agent is on queue within [from_ms, to_ms) (from_ms >= the snapshot's now), by the rule
// above: spans in time order, not touching.
std::vector<std::pair<int64_t, int64_t>> AgentOnQueueSpans(const Snapshot& s, uint32_t agent, int64_t from_ms, int64_t to_ms);

// Agents on queue in [from_ms, to_ms) per queue (parallel to the queues; queues 0-31, by the
// agents' membership), each agent for its share of the queue (AgentShares with QueueLoads), as
// steps: the first at from_ms, then one wherever the count changes.
std::vector<std::vector<AgentsStep>> ProjectAgents(const Snapshot& s, int64_t from_ms, int64_t to_ms);

// Erlang C over [from_ms, to_ms) with the agents of `steps` (the step in force at from_ms holds
// from there), at `erlangs` with handle time aht_s and answer time t_s.
SlOutlook OutlookOf(double erlangs, double aht_s, double t_s, const std::vector<AgentsStep>& steps, int64_t from_ms,
                    int64_t to_ms);

// `steps` with `spans` taken away: `share` agents fewer during each span (never below 0).
std::vector<AgentsStep> WithoutAgent(const std::vector<AgentsStep>& steps,
                                     const std::vector<std::pair<int64_t, int64_t>>& spans, double share = 1.0);

// One queue's figures from its load, its definition and its projected agents (steps from now
// over the next 30 minutes); members_on_queue: the members on queue now counted whole.
LiveStaffing LiveStaffingOf(const QueueInfo& queue, const RecentLoad& recent, std::vector<AgentsStep> steps, int64_t now_ms,
                            int32_t members_on_queue = -1);

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
    double share = 0;       // the agent's share of this queue (AgentShares): what the break takes off it
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
// queue then (its share of each queue taken off that queue). start_ms runs from the snapshot's now to the end of its day. A break ending within
// the next 30 minutes uses the steps the snapshot carries (so a lead's snapshot, which lists only
// the lead's teams, gives the same answer as the whole center's); a later one projects the agents
// itself, which needs the whole center's snapshot (the server's).
BreakWhatIf WhatIfBreak(const Snapshot& s, uint32_t agent, int64_t start_ms, int64_t duration_ms = kDefaultBreakMs);

}  // namespace cb::wfm
