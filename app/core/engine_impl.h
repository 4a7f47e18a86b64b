// Engine internals shared by engine.cpp (clock, day, intake), engine_apply.cpp (one event at
// a time) and engine_snapshot.cpp (copying out). Flat vectors indexed by agent and queue and
// one hash map of calls waiting in a queue: nothing on the per-event path allocates once the
// buffers have grown to the stream's working size.
#pragma once
#include <cstdint>
#include <functional>
#include <queue>
#include <vector>
#include "engine.h"
#include "engine_flat_map.h"
#include "engine_intake.h"

namespace cb {

inline constexpr int64_t kDayMs = 86400000;

namespace engine_detail {

// A caller waiting in a queue (possibly ringing an agent). Removed when answered, abandoned
// or exited.
struct WaitingCall {
    int64_t entry_ms = 0;
    int64_t day_start_ms = 0;       // the day the call entered (its counts belong to that day)
    uint32_t ringing_agent = kNoAgent;
    uint16_t queue = kNoQueue;
    int16_t row = 0;                // interval of entry within that day
};

// Where a call's counts go: its queue and the interval (of its day) in which it entered.
struct CallHome {
    uint64_t call = 0;
    int64_t day_start_ms = 0;
    uint16_t queue = kNoQueue;
    int16_t row = 0;
};

// The call an agent is ringing, talking on, holding or wrapping up.
struct AgentCall {
    CallHome home;
    int64_t spell_since_ms = 0;     // start of the current talk or hold spell
    int64_t completed_ms = 0;       // when talk ended (wrap-up start)
    int64_t talk_ms = 0;
    int64_t hold_ms = 0;
};

struct AgentRt {
    AgentLive live;                 // today/state_ms/reason_ms hold closed spells only
    int64_t accrued_until_ms = 0;   // time-in-state accrued up to here
    uint32_t queue_mask = 0;        // queues the agent counts for (skills, or all when 0)
    AgentCall cur;                  // valid while live.call != 0
    CallHome last;                  // the last finished call, for late outcome tags
};

// When an agent's wrap-up ends by itself (QueueInfo::wrap_up_s): fired in time order.
struct WrapDeadline {
    int64_t at_ms = 0;
    uint32_t agent = 0;
    uint64_t call = 0;              // the call the wrap-up belongs to (a later call cancels it)
    bool operator>(const WrapDeadline& o) const { return at_ms != o.at_ms ? at_ms > o.at_ms : agent > o.agent; }
};

struct QueueRt {
    int32_t waiting = 0;
    std::vector<std::pair<int64_t, uint64_t>> fifo;  // (entry, call) in entry order; lazily cleaned
    size_t fifo_head = 0;
    int32_t staffed = 0;            // logged-in agents with the skill now
    int64_t staffed_since_ms = 0;   // staffing accrued into rows up to here
    std::vector<IntervalRow> rows;  // the whole day; rows[i].counts.staffed_ms = agent-ms staffed
};

}  // namespace engine_detail

struct Engine::Impl {
    Impl(Directory directory, EngineConfig config);

    // engine.cpp: clock and day
    int64_t DayStartOf(int64_t t) const;
    int RowOf(int64_t t) const;            // interval index of t within the current day, clamped
    void EnsureDay(int64_t t);             // starts the first day or rolls over when t is past today
    void Rollover(int64_t new_day_start);
    void ApplyDue(int64_t watermark);
    void FireWrapDeadlines(int64_t up_to_ms);  // ends wrap-ups due at or before up_to_ms

    // engine_apply.cpp: one event
    void Apply(const Event& e);
    void AccrueAgent(engine_detail::AgentRt& a, int64_t t);
    void AccrueStaffing(engine_detail::QueueRt& q, int64_t t);
    void SetState(uint32_t agent, AgentState state, NotReadyReason reason, int64_t t);
    void FinishWrap(uint32_t agent, int64_t t);
    void CleanQueueFront(uint16_t queue);
    // Removes a waiting call (which must be in `waiting`) from its queue: where it counts and
    // how long it waited until t; an agent other than answering_agent ringing for it goes back
    // to available.
    void TakeFromQueue(uint64_t call, int64_t t, uint32_t answering_agent, engine_detail::CallHome* home, int64_t* wait);
    KpiCounts* RowCounts(const engine_detail::CallHome& home);
    KpiCounts* AgentCounts(engine_detail::AgentRt& a, const engine_detail::CallHome& home);
    engine_detail::CallHome HomeFor(uint64_t call, uint16_t queue, int64_t entry_ms);
    const ServiceLevelDef& SlOf(uint16_t queue) const;

    Directory dir;
    EngineConfig cfg;
    EngineStats stats;
    uint64_t version = 0;
    bool has_time = false;
    int64_t now_ms = 0;
    int64_t last_applied_ms = INT64_MIN;
    int64_t day_start_ms = 0;
    int64_t interval_ms = 15 * 60000;
    int rows_per_day = 96;
    int rows_visible = 0;
    engine_detail::EventIntake intake;
    engine_detail::FlatMap<engine_detail::WaitingCall> waiting;
    std::priority_queue<engine_detail::WrapDeadline, std::vector<engine_detail::WrapDeadline>,
                        std::greater<engine_detail::WrapDeadline>> wrap_deadlines;
    std::vector<engine_detail::AgentRt> agents;
    std::vector<engine_detail::QueueRt> queues;
};

}  // namespace cb
