// The event engine: turns a stream of events into live state and interval statistics.
// Deterministic: the same events (in any order within the reorder window, with duplicates)
// always give the same numbers. No I/O, no clock reads: time comes from events and AdvanceTo.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include "directory.h"
#include "events.h"
#include "snapshot.h"
#include "tz.h"
#include "wfm/schedule.h"

namespace cb {

struct EngineConfig {
    int interval_minutes = 15;        // 15, 30 or 60
    int32_t tz_offset_min = 0;        // center time zone as a fixed offset, when zone is not set
    int64_t reorder_window_ms = 2000; // events may arrive this late and still be applied in order
    int64_t dedup_window_ms = 600000; // ids remembered this long (event time) to drop duplicates
    // The center's time zone (an IANA zone with daylight saving time: days of 23 h and 25 h);
    // unset: a fixed offset of tz_offset_min.
    std::optional<TimeZone> zone = std::nullopt;
    TimeZone Zone() const { return zone ? *zone : TimeZone::Fixed(tz_offset_min); }
};

struct EngineStats {
    uint64_t applied = 0;
    uint64_t duplicates = 0;          // dropped: id seen before
    uint64_t too_late = 0;            // dropped: older than the reorder window allows
    uint64_t invalid = 0;             // dropped: index out of range or impossible for the state
};

class Engine {
public:
    Engine(Directory directory, EngineConfig config);
    ~Engine();
    Engine(Engine&&) noexcept;
    Engine& operator=(Engine&&) noexcept;

    // Starts from saved Tracker states (tracker.h; one per source, merged) instead of an empty
    // center: who is logged in, in which state and queues, calls waiting or in progress at the
    // start of the day the first AdvanceTo or event opens. Call it before anything else. False
    // with why for a damaged state (then nothing changes).
    bool Restore(const std::vector<std::string>& tracker_states, std::string* error);

    // Buffers one event; it is applied once the clock passes t_ms + reorder window.
    void Push(const Event& event);
    // Moves the clock to now_ms: applies due events in (t_ms, id) order and accrues time-based
    // counts (time in state, staffing). Time never goes backwards; an earlier now_ms is ignored.
    void AdvanceTo(int64_t now_ms);
    // Applies every buffered event regardless of the window (end of an import).
    void Flush();
    // The published schedule (wfm/schedule.h): each agent's scheduled activities by agent key and
    // the adherence thresholds. Replaces the previous one; activities of any day may be given and
    // each day's are used on that day. Snapshots then carry today's activities, each agent's live
    // adherence, and queue staffing that follows the schedule (wfm/live.h); agents not listed are
    // unscheduled. False with *error, and nothing changes, for bad input (wfm::ResolveSchedule);
    // with `skipped` given, agents the directory lacks are left out and listed there instead.
    bool SetSchedule(const wfm::Schedule& schedule, std::string* error, std::vector<std::string>* skipped = nullptr);
    // No schedule any more: snapshots carry no adherence and staffing keeps agents as they are.
    void ClearSchedule();

    // A copy of the current state. Cost grows with agents and intervals, not with history.
    Snapshot TakeSnapshot() const;
    const Directory& directory() const;
    const EngineStats& stats() const;
    uint64_t version() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace cb
