// The live state of a center at one moment: what every view draws from and what the server
// sends to browsers and desktop apps. Plain data; produced by Engine, carried as JSON
// (snapshot_json.h), patched by deltas (snapshot_delta.h).
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "directory.h"
#include "events.h"
#include "kpi.h"
#include "wfm/live_staffing.h"
#include "wfm/schedule.h"

namespace cb {

enum class AgentState : uint8_t {
    LoggedOut, Available, Ringing, OnCall, OnHold, WrapUp, NotReady, kCount
};
std::string_view AgentStateName(AgentState s);  // stable machine name, e.g. "wrap_up"

struct AgentLive {
    AgentState state = AgentState::LoggedOut;
    NotReadyReason reason = NotReadyReason::None;  // when NotReady
    int64_t state_since_ms = 0;     // when the current state began
    uint64_t call = 0;              // current call key (Ringing/OnCall/OnHold/WrapUp), else 0
    uint16_t call_queue = kNoQueue; // queue of the current call
    int64_t call_since_ms = 0;      // when the current call was answered
    int64_t logged_in_since_ms = 0;
    KpiCounts today;                // the agent's calls and time today
    int64_t state_ms_today[static_cast<int>(AgentState::kCount)] = {};  // time in each state today (closed spells + the open one up to now_ms)
    int64_t reason_ms_today[static_cast<int>(NotReadyReason::kCount)] = {};  // not-ready time by reason (same rule)
    uint32_t member_of = 0;         // bit i: a member of queue i now (queues 0-31), whether logged in or not
    wfm::LiveAdherence adherence;   // against today's schedule (status Unknown when no schedule is set)

    bool operator==(const AgentLive&) const = default;
};

// Adds ms of the agent's current (open) spell to its time counters: time in state, time by
// not-ready reason, staffed, available and busy time. The engine's snapshots and the stream's
// deltas both use it, so a client can advance an agent's clocks exactly as the engine would.
void AccrueOpenSpell(AgentLive* agent, int64_t ms);

struct QueueLive {
    int32_t waiting = 0;            // callers waiting now
    int64_t oldest_wait_since_ms = 0;  // entry time of the oldest waiting caller (0 if none)
    int32_t agents_available = 0;   // logged-in agents with the skill, by state
    int32_t agents_on_call = 0;     // ringing, on call or on hold
    int32_t agents_wrap_up = 0;
    int32_t agents_not_ready = 0;
    KpiCounts today;
    wfm::RecentLoad recent;         // the last 30 minutes' calls and handle time
    wfm::LiveStaffing staffing;     // agents needed and predicted service level (wfm/live.h)

    bool operator==(const QueueLive&) const = default;
};

struct TeamLive {
    int32_t agents_logged_in = 0;
    int32_t agents_available = 0;
    int32_t agents_on_call = 0;
    int32_t agents_wrap_up = 0;
    int32_t agents_not_ready = 0;
    KpiCounts today;
};

// One interval (15/30/60 min) of one queue: the counts of calls that entered in it, and the
// staffing seen during it.
struct IntervalRow {
    int64_t start_ms = 0;
    KpiCounts counts;
    double agents_staffed = 0.0;    // mean number of logged-in agents with the skill

    bool operator==(const IntervalRow&) const = default;
};

// The simulation behind a demo's data (source "demo:<scenario>"): how fast its clock runs and
// whether a trainer paused it. speed 0: real data, the clock runs in real time.
struct DemoClock {
    int32_t speed = 0;              // simulated seconds per wall second (1-60); 0 = not a demo
    bool paused = false;            // the simulated clock stands still

    bool operator==(const DemoClock&) const = default;
};

struct Snapshot;
// The center's offset from UTC at utc_ms (minutes; local = UTC + offset), for showing a time of
// today: tz_offsets, else tz_offset_min.
int32_t LocalOffsetMin(const Snapshot& s, int64_t utc_ms);

struct Snapshot {
    uint64_t version = 0;           // increases with every change
    int64_t now_ms = 0;             // the center's clock (simulated time in a demo)
    int32_t tz_offset_min = 0;      // center local time = UTC + offset, at now_ms
    std::string tz_name;            // the center's time zone: an IANA name, or "UTC+08:00"
    // The offsets of today: (from, offset in minutes) from day_start_ms on, one more entry where
    // daylight saving time changes it. LocalOffsetMin reads it.
    std::vector<std::pair<int64_t, int32_t>> tz_offsets;
    int32_t interval_minutes = 15;
    int64_t day_start_ms = 0;       // start of "today" in the center's time zone
    int64_t day_end_ms = 0;         // its end: the next local midnight (23 h or 25 h later on DST days)
    std::string source;             // "demo:normal", "queue_log", "api", ...
    DemoClock demo;                 // a demo's clock; speed 0 for real data
    Directory directory;
    std::vector<QueueLive> queues;  // parallel to directory.queues
    std::vector<TeamLive> teams;    // parallel to directory.teams
    std::vector<AgentLive> agents;  // parallel to directory.agents
    std::vector<std::vector<IntervalRow>> intervals;  // per queue, today's intervals in time order
    // Today's published schedule per agent (parallel to agents) and the adherence thresholds;
    // schedule.set is false when none was given.
    wfm::DaySchedule schedule;
};

}  // namespace cb
