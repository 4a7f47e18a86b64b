// Engine internals shared by engine.cpp (clock, day, intake), engine_apply.cpp (counting what
// the tracker tells) and engine_snapshot.cpp (copying out). What an event does to calls and
// agents is the Tracker's (tracker.h); what that counts as is counting.h's. The engine keeps
// today: per queue, one row of counts per interval; per agent, today's counts and time in state.
// Nothing on the per-event path allocates once the buffers have grown to the stream's size.
#pragma once
#include <array>
#include <cstdint>
#include <vector>
#include "counting.h"
#include "engine.h"
#include "engine_intake.h"
#include "tracker.h"
#include "wfm/live_staffing.h"
#include "wfm/schedule.h"

namespace cb {

namespace engine_detail {

struct AgentRt {
    AgentLive live;                 // today's counts; state_ms/reason_ms hold closed spells only
    int64_t accrued_until_ms = 0;   // time-in-state accrued up to here
    int64_t activity_since_ms = 0;  // when wfm::ActivityOf(state, reason) last changed (0: not seen)
};

// One minute of a queue's recent load (wfm/live_staffing.h): calls that entered in it, calls whose
// handling ended in it and their handle time. A ring of them covers the last 30 minutes.
struct RecentMinute {
    int64_t minute = INT64_MIN;     // minutes since the epoch this slot holds
    int64_t offered = 0, handled = 0, handle_ms = 0;
};
inline constexpr int64_t kRecentMinutes = 32;  // > 31: the 30 whole minutes before now and the current one
inline int64_t MinuteOf(int64_t t_ms) { return t_ms >= 0 ? t_ms / 60000 : (t_ms - 59999) / 60000; }
inline size_t RecentSlot(int64_t minute) { return static_cast<size_t>(((minute % kRecentMinutes) + kRecentMinutes) % kRecentMinutes); }

struct QueueRt {
    // Member agents now, by state (logged-out ones are not counted), and the sums of their
    // StateTimeOf: their time is accrued into the rows (staffed, busy, available) up to since_ms.
    int32_t in_state[static_cast<int>(AgentState::kCount)] = {};
    StateTime time;
    int64_t since_ms = 0;
    std::vector<IntervalRow> rows;  // the whole day
    std::array<RecentMinute, static_cast<size_t>(kRecentMinutes)> recent;  // by minute modulo kRecentMinutes
};

}  // namespace engine_detail

struct Engine::Impl final : TrackerSink {
    Impl(Directory directory, EngineConfig config);

    // engine.cpp: clock and day
    int64_t DayStartOf(int64_t t) const { return tracker.DayStartOf(t); }
    int RowOf(int64_t t) const;            // interval index of t within the current day, clamped
    void EnsureDay(int64_t t);             // starts the first day or rolls over when t is past today
    void Rollover(int64_t new_day_start);
    void StartRows(int64_t day_start);     // the day's bounds and empty interval rows
    void ApplyDue(int64_t watermark);
    void FireWrapDeadlines(int64_t up_to_ms);  // ends wrap-ups due at or before up_to_ms, day by day

    // engine_apply.cpp: what the tracker tells, counted into today
    void OnLeg(const CallLeg* before, const CallLeg& after) override;
    void OnRingMiss(const RingMiss& miss) override;
    void OnOutcomeTag(const OutcomeTag& tag) override;
    void OnState(const StateChange& change) override;
    void OnMembership(uint32_t agent, uint16_t queue, bool member, int64_t t_ms) override;
    void Told(int64_t t);                  // every sink call: counted, and the last applied time
    void AccrueAgent(engine_detail::AgentRt& a, AgentState state, NotReadyReason reason, int64_t t);
    void AccrueQueue(engine_detail::QueueRt& q, int64_t t);
    KpiCounts* RowCounts(uint16_t queue, int64_t home_ms);  // the row of today holding home_ms
    KpiCounts* AgentCounts(uint32_t agent, int64_t home_ms);  // the agent's today, if home_ms is today
    const ServiceLevelDef& SlOf(uint16_t queue) const;
    void AddRecent(uint16_t queue, int64_t t, int64_t offered, int64_t handled, int64_t handle_ms);
    wfm::RecentLoad RecentOf(const engine_detail::QueueRt& q) const;  // the last 30 minutes up to now_ms

    Directory dir;
    EngineConfig cfg;
    Tracker tracker;
    EngineStats stats;
    uint64_t version = 0;
    uint64_t told = 0;                     // sink calls so far (a fired wrap-up deadline changes the version)
    bool has_time = false;
    int64_t now_ms = 0;
    int64_t last_applied_ms = INT64_MIN;
    int64_t day_start_ms = 0;
    int64_t day_end_ms = kMsPerDay;        // the next local midnight (23 h or 25 h later on DST days)
    int64_t interval_ms = 15 * 60000;
    int rows_per_day = 96;                 // intervals of the current day (92 or 100 of 15 min on DST days)
    int rows_visible = 0;
    int64_t first_ms = INT64_MIN;          // the first time the engine saw (recent load counts from here)
    wfm::DaySchedule schedule;             // the published schedule (all days given), Engine::SetSchedule
    wfm::DaySchedule schedule_today;       // its activities overlapping the current day
    engine_detail::EventIntake intake;
    std::vector<engine_detail::AgentRt> agents;
    std::vector<engine_detail::QueueRt> queues;
};

}  // namespace cb
