// The Tracker follows calls and agents through events: the one owner of what an event does to a
// call (its legs: waiting, answered, on hold, ended, handled) and to an agent (the state table
// of docs/metrics.md, wrap-up allowances, queue membership). It decides and tells; it counts
// nothing. The live engine (engine.h) counts what it is told into today's rows; the store
// (server/store) writes it as calls, agent state spells, missed rings and outcome tags, and counts
// history from those rows with the same rules (counting.h). Both run this same code, so both
// see the same calls and the same agent states.
//
// Deterministic and free of I/O and clocks. Events must be applied in (t_ms, id) order; the
// caller ends wrap-ups that fall due before each event (FireWrapDeadlines) and starts each new
// day (StartDay). The state can be saved and loaded (Save / Load) by keys, so a store can carry
// it from one batch of events to the next and across restarts.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include "counting.h"
#include "directory.h"
#include "events.h"
#include "snapshot.h"
#include "tz.h"

namespace cb {

// A change of an agent's state, told before the agent's record changes.
struct StateChange {
    uint32_t agent = kNoAgent;
    int64_t t_ms = 0;
    AgentState from = AgentState::LoggedOut;
    NotReadyReason from_reason = NotReadyReason::None;
    AgentState to = AgentState::LoggedOut;
    NotReadyReason to_reason = NotReadyReason::None;
    uint64_t call = 0;  // the call of the new state (ringing, on call, on hold, wrap-up), else 0
};

// What the tracker tells. Every call comes with the time it happened; times never decrease.
class TrackerSink {
public:
    virtual ~TrackerSink() = default;
    // A leg was created (before == nullptr) or changed; after is its new value.
    virtual void OnLeg(const CallLeg* before, const CallLeg& after) = 0;
    virtual void OnRingMiss(const RingMiss& miss) = 0;
    virtual void OnOutcomeTag(const OutcomeTag& tag) = 0;
    virtual void OnState(const StateChange& change) = 0;
    // The agent joined (member = true) or left a queue's members at t_ms; told before it changes.
    virtual void OnMembership(uint32_t agent, uint16_t queue, bool member, int64_t t_ms) = 0;
};

// Where a call an agent rings for, or last handled, belongs (for missed rings and late tags).
struct LegRef {
    uint64_t call = 0;
    uint16_t queue = kNoQueue;
    int64_t home_ms = 0;
    uint64_t origin = 0;  // CallLeg::origin; 0 when the call has no known leg
    bool operator==(const LegRef&) const = default;
};

// One agent as the tracker sees it.
struct TrackedAgent {
    AgentState state = AgentState::LoggedOut;
    NotReadyReason reason = NotReadyReason::None;
    int64_t state_since_ms = 0;
    int64_t logged_in_since_ms = 0;
    uint64_t call = 0;              // current call (ringing, on call, on hold, wrap-up), else 0
    int64_t call_since_ms = 0;      // when it was answered (0 while ringing)
    LegRef ringing;                 // while ringing
    CallLeg leg;                    // while on call, on hold or in wrap-up (leg.call != 0)
    LegRef last;                    // the last leg it handled (outcome tags may come later)
    std::vector<uint16_t> queues;   // queues it is a member of, ascending
    bool operator==(const TrackedAgent&) const = default;
};

struct TrackerStats {
    uint64_t applied = 0;
    uint64_t invalid = 0;           // impossible in the state they found (docs/metrics.md)
};

class Tracker {
public:
    // The directory fixes the index spaces (agents, queues), each queue's wrap-up allowance
    // and each agent's configured skills (its membership until events say otherwise).
    // zone: the center's time zone (day boundaries, StartDay). sink may be null.
    Tracker(const Directory& directory, TimeZone zone, TrackerSink* sink);
    ~Tracker();
    Tracker(Tracker&&) noexcept;
    Tracker& operator=(Tracker&&) noexcept;

    void set_sink(TrackerSink* sink);

    // Ends the wrap-ups whose allowance ran out at or before up_to_ms, in time order.
    void FireWrapDeadlines(int64_t up_to_ms);
    // A new day starts at day_start_ms (local midnight): callers recorded as waiting since before
    // the previous day began lost their end event and are forgotten. Earlier days: nothing.
    void StartDay(int64_t day_start_ms);
    // Local midnight of the day holding t_ms, in the tracker's time zone.
    int64_t DayStartOf(int64_t t_ms) const;
    const TimeZone& zone() const;
    // Applies one event. False (and nothing changes) when it is impossible in the state it finds.
    bool Apply(const Event& event);
    // FireWrapDeadlines(e.t_ms), StartDay(DayStartOf(e.t_ms)), then Apply(e): how a stream of
    // events is followed when no clock runs between them (the store, an import).
    bool Step(const Event& event);

    const TrackedAgent& agent(uint32_t index) const;
    size_t agent_count() const;
    int32_t waiting(uint16_t queue) const;           // callers waiting in the queue now
    int64_t oldest_waiting_since(uint16_t queue) const;  // entry of the oldest caller waiting, 0 if none
    bool IsMember(uint32_t agent, uint16_t queue) const;
    const TrackerStats& stats() const;
    int64_t last_event_ms() const;                   // time of the last event applied (INT64_MIN: none)
    int64_t day_start_ms() const;                    // the current day (StartDay; INT64_MIN before the first)
    int64_t next_deadline_ms() const;                // earliest pending wrap-up deadline (INT64_MAX: none)

    // The state (agents, waiting callers, wrap-up deadlines, day), by agent and queue keys.
    std::string Save() const;
    // Loads a saved state, mapping keys onto this tracker's directory; agents and queues the
    // directory lacks are left out. Tells the sink nothing. Fails on a damaged state, with why,
    // and then changes nothing. merge: adds it to the current state instead of replacing it
    // (states of several sources): an agent takes the saved record when it is logged in there
    // or logged out here; memberships join; waiting callers and wrap-up deadlines are added.
    bool Load(std::string_view saved, std::string* error, bool merge = false);

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace cb
