// Tracker internals shared by tracker.cpp (events) and tracker_state.cpp (Save / Load).
#pragma once
#include <cstdint>
#include <queue>
#include <vector>
#include "engine_flat_map.h"
#include "tracker.h"

namespace cb {

namespace tracker_detail {

// A caller waiting in a queue (possibly ringing an agent): its leg until answered, abandoned
// or exited.
struct Waiting {
    CallLeg leg;
    uint32_t ringing_agent = kNoAgent;
};

// When an agent's wrap-up ends by itself (QueueInfo::wrap_up_s): fired in time order.
struct WrapDeadline {
    int64_t at_ms = 0;
    uint32_t agent = 0;
    uint64_t call = 0;  // the call the wrap-up belongs to (a later call makes it stale)
    bool operator>(const WrapDeadline& o) const { return at_ms != o.at_ms ? at_ms > o.at_ms : agent > o.agent; }
};

struct QueueWaiting {
    int32_t waiting = 0;
    std::vector<std::pair<int64_t, uint64_t>> fifo;  // (entry, call) in entry order; lazily cleaned
    size_t fifo_head = 0;
};

}  // namespace tracker_detail

struct Tracker::Impl {
    Impl(const Directory& directory, TimeZone zone, TrackerSink* sink);

    bool Apply(const Event& e);
    void FireWrapDeadlines(int64_t up_to_ms);
    void StartDay(int64_t day_start_ms);
    int64_t DayStartOf(int64_t t) const;

    void SetState(uint32_t agent, AgentState state, NotReadyReason reason, uint64_t call, int64_t t);
    void Join(uint32_t agent, uint16_t queue, int64_t t);
    void Leave(uint32_t agent, uint16_t queue, int64_t t);
    void ChangeLeg(CallLeg* leg, const CallLeg& after);
    void FinishWrap(uint32_t agent, int64_t t);
    void EndTalk(CallLeg* leg, int64_t t, LegEnd end);
    void StopRinging(uint32_t agent, int64_t t);
    void TakeFromQueue(uint64_t call, int64_t t, uint32_t answering_agent, CallLeg* leg);
    CallLeg LeaveQueue(const Event& e, uint32_t answering_agent, bool was_waiting, CallLeg* before);
    void CleanQueueFront(uint16_t queue);
    LegRef RefAt(uint64_t call, uint16_t queue, int64_t t) const;

    Directory dir;
    TimeZone zone;
    // The day of the last DayStartOf, so a stream of events computes its day once.
    mutable int64_t cached_day_start = 0, cached_day_end = 0;
    TrackerSink* sink = nullptr;
    TrackerStats stats;
    int64_t day_start_ms = INT64_MIN;
    int64_t last_event_ms = INT64_MIN;
    std::vector<TrackedAgent> agents;
    std::vector<tracker_detail::QueueWaiting> queues;
    engine_detail::FlatMap<tracker_detail::Waiting> waiting;
    std::priority_queue<tracker_detail::WrapDeadline, std::vector<tracker_detail::WrapDeadline>,
                        std::greater<tracker_detail::WrapDeadline>> deadlines;
};

}  // namespace cb
