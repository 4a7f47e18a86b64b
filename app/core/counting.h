// Counting rules: what one call leg, one missed ring, one outcome tag and one spell of agent time
// add to a queue's, an agent's and a team's counts (docs/metrics.md, "Counting rules"). The
// live engine (engine*.cpp) and the store's history (server/store/store_intervals.cpp) both
// count through these functions and nothing else, so history counts exactly as the live floor.
// The facts themselves (legs, rings, tags, spells) come from the Tracker (tracker.h).
#pragma once
#include <cstdint>
#include <string_view>
#include "events.h"
#include "kpi.h"
#include "snapshot.h"

namespace cb {

// How a leg ended. A leg ends waiting (abandoned, exited) or talking (completed, transferred;
// an agent logging out mid-call completes it there).
enum class LegEnd : uint8_t { None, Completed, Transferred, Abandoned, Exited, kCount };
std::string_view LegEndName(LegEnd end);  // stable machine name: "", "completed", "transferred", ...
bool ParseLegEnd(std::string_view name, LegEnd* out);

// One call's stay in one queue and its handling by the agent who answered it. A call that is
// transferred into another queue starts a second leg there (same call key, later home time).
// Times are Unix epoch ms; -1 = not (yet) known.
struct CallLeg {
    uint64_t call = 0;             // call key (0: the source named no call)
    // The id of the event that started the leg: with the call key, it tells two legs of one call
    // apart even when they start in the same millisecond (a caller timing out of one queue into
    // another within a second of a flat queue_log).
    uint64_t origin = 0;
    // Where the leg's counts belong: the time it entered its queue; for a source that never
    // says so, the answer (or abandon/exit) time minus the stated wait. Never changes.
    int64_t home_ms = 0;
    uint16_t queue = kNoQueue;     // the queue it entered (kNoQueue: unknown; counts for no queue)
    uint16_t target_queue = kNoQueue;  // a transfer's target queue, if stated
    uint32_t agent = kNoAgent;     // the agent who answered
    int64_t answered_ms = -1;
    int64_t wait_ms = -1;          // queue wait; set when answered, abandoned or exited
    int64_t ended_ms = -1;         // end of waiting (abandon/exit) or of talk (completed/transferred)
    LegEnd end = LegEnd::None;
    ExitReason exit_reason = ExitReason::None;
    int64_t talk_ms = 0;           // closed talk spells (hold excluded)
    int64_t hold_ms = 0;           // closed hold spells
    int64_t spell_since_ms = -1;   // start of the open talk or hold spell (answered, not ended)
    bool on_hold = false;          // the open spell is a hold spell
    int64_t wrap_ms = -1;          // after-call work; set when it ends: the leg is then handled
    int32_t ring_noanswer = 0;     // rings agents let time out while it waited

    bool answered() const { return answered_ms >= 0; }
    bool handled() const { return wrap_ms >= 0; }
    bool operator==(const CallLeg&) const = default;
};

// A ring an agent let time out, counted for that agent and for the queue and interval of the
// call it rang for (its home; the ring's own time when the call is unknown).
struct RingMiss {
    uint64_t call = 0;
    uint32_t agent = kNoAgent;
    uint16_t queue = kNoQueue;
    int64_t home_ms = 0;
    int64_t t_ms = 0;
    int64_t ring_ms = -1;          // how long it rang, if stated
};

// An outcome tagged by an agent on a call (during it, in wrap-up or after it), counted for the
// agent and for the queue and interval of the call's leg.
struct OutcomeTag {
    uint64_t call = 0;
    uint64_t origin = 0;           // the leg's origin (CallLeg::origin); 0 when no leg is known
    uint32_t agent = kNoAgent;
    uint16_t queue = kNoQueue;
    int64_t home_ms = 0;
    int64_t t_ms = 0;
    Outcome outcome = Outcome::None;
    int64_t value_cents = 0;
};

// What a leg adds to its queue's counts in its home interval: offered; answered (within T,
// wait); abandoned (within T, short, wait) or exited; transferred; handled with its talk, hold
// and wrap-up once its wrap-up ended; the longest wait and talk.
KpiCounts LegQueueCounts(const CallLeg& leg, const ServiceLevelDef& sl);
// What a leg adds to the answering agent's (and team's) counts: the queue's counts without
// offered and without anything about callers who never reached an agent.
KpiCounts LegAgentCounts(const CallLeg& leg, const ServiceLevelDef& sl);
// The same from the leg's queue counts (LegQueueCounts(leg, sl)), without counting them again.
inline KpiCounts LegAgentShare(const CallLeg& leg, const KpiCounts& queue_counts) {
    if (!leg.answered()) return KpiCounts{};
    KpiCounts c = queue_counts;
    c.offered = 0;  // agents answer calls; offers belong to queues
    return c;
}
// A missed ring and an outcome tag: the same for the agent and the queue.
KpiCounts RingMissCounts();
KpiCounts OutcomeTagCounts(const OutcomeTag& tag);

// Adds after - before to *into: every additive field by difference, the two longest_* fields by
// max (a leg's longest values only grow). How the live engine keeps a row equal to the sum of
// LegQueueCounts over the legs it holds while the legs change.
void AddChange(KpiCounts* into, const KpiCounts& before, const KpiCounts& after);

// Agent states: what counts as busy, available and staffed time.
inline bool IsBusyState(AgentState s) {  // ringing, on call, on hold, wrap-up
    return s == AgentState::Ringing || s == AgentState::OnCall || s == AgentState::OnHold || s == AgentState::WrapUp;
}
inline bool IsTalkingState(AgentState s) { return s == AgentState::OnCall || s == AgentState::OnHold; }
// Which of staffed, busy and available time a state's time is (1) or is not (0).
struct StateTime {
    int32_t staffed = 0, busy = 0, available = 0;
};
inline StateTime StateTimeOf(AgentState s) {
    StateTime t;
    if (s == AgentState::LoggedOut || s == AgentState::kCount) return t;
    t.staffed = 1;
    t.busy = IsBusyState(s) ? 1 : 0;
    t.available = s == AgentState::Available ? 1 : 0;
    return t;
}
// Adds the time of several agents at once: agents.staffed x ms to staffed_ms, and so on (the
// sums of StateTimeOf over the agents).
inline void AddStateTime(KpiCounts* into, const StateTime& agents, int64_t ms) {
    into->staffed_ms += agents.staffed * ms;
    into->busy_ms += agents.busy * ms;
    into->available_ms += agents.available * ms;
}
// Adds ms spent in state s to staffed_ms, busy_ms and available_ms of *into.
inline void AddStateTime(KpiCounts* into, AgentState s, int64_t ms) {
    if (ms > 0) AddStateTime(into, StateTimeOf(s), ms);
}

// Time a state spell still open is counted up to, when history is counted: the center's clock,
// but not past the last event stored for that day (an imported day without logouts must not look
// staffed until midnight). The live engine counts up to its own clock.
int64_t OpenSpellEnd(int64_t last_event_ms, int64_t now_ms);

}  // namespace cb
