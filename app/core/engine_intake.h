// The engine's intake: drops duplicate event ids (bounded memory, evicted by event time) and
// buffers events in a min-heap so they leave in (t_ms, id) order once due. No allocation on
// the hot path once the buffers have grown to the stream's working size.
#pragma once
#include <cstdint>
#include <vector>
#include "engine_flat_map.h"
#include "events.h"

namespace cb::engine_detail {

class EventIntake {
public:
    explicit EventIntake(int64_t dedup_window_ms);

    // True when the event's id was seen within the dedup window (the event must be dropped);
    // otherwise remembers the id and returns false. Id 0 means "no id": never a duplicate.
    bool IsDuplicate(const Event& event);
    void Buffer(const Event& event);

    bool Empty() const { return m_heap.empty(); }
    const Event& Top() const { return m_heap.front(); }  // earliest (t_ms, id); requires !Empty()
    Event PopTop();
    size_t Buffered() const { return m_heap.size(); }
    size_t RememberedIds() const { return m_seen.size(); }

private:
    void Evict();

    struct SeenId {
        int64_t t_ms;
        uint64_t id;
    };
    int64_t m_dedup_window_ms;
    int64_t m_max_seen_t = INT64_MIN;
    FlatMap<int64_t> m_seen;          // id -> event time it was remembered with
    std::vector<SeenId> m_fifo;       // ids in arrival order, for eviction
    size_t m_fifo_head = 0;
    std::vector<Event> m_heap;        // min-heap on (t_ms, id)
};

}  // namespace cb::engine_detail
