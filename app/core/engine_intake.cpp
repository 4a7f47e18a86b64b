// Duplicate filter and reorder buffer of the engine (engine_intake.h).
#include "engine_intake.h"

#include <algorithm>

namespace cb::engine_detail {

namespace {
// Heap order: std::push_heap keeps the "largest" on top, so "later" compares as smaller.
bool Later(const Event& a, const Event& b) {
    if (a.t_ms != b.t_ms) return a.t_ms > b.t_ms;
    return a.id > b.id;
}
}  // namespace

EventIntake::EventIntake(int64_t dedup_window_ms) : m_dedup_window_ms(dedup_window_ms) {
    m_fifo.reserve(1024);
    m_heap.reserve(1024);
}

bool EventIntake::IsDuplicate(const Event& event) {
    if (event.id == 0) return false;
    bool inserted = false;
    int64_t& t = m_seen.Insert(event.id, &inserted);
    if (!inserted) return true;
    t = event.t_ms;
    m_fifo.push_back({event.t_ms, event.id});
    m_max_seen_t = std::max(m_max_seen_t, event.t_ms);
    Evict();
    return false;
}

// Forgets ids remembered in arrival order while they are older than the newest event time
// minus the window. Arrival order is nearly time order, so memory stays about
// (event rate x (dedup window + reorder slack)).
void EventIntake::Evict() {
    const int64_t horizon = m_max_seen_t - m_dedup_window_ms;
    while (m_fifo_head < m_fifo.size() && m_fifo[m_fifo_head].t_ms < horizon) {
        const SeenId& s = m_fifo[m_fifo_head];
        const int64_t* t = m_seen.Find(s.id);
        if (t != nullptr && *t == s.t_ms) m_seen.Erase(s.id);
        ++m_fifo_head;
    }
    // Compact once the consumed prefix dominates, keeping the vector's capacity.
    if (m_fifo_head > 4096 && m_fifo_head * 2 > m_fifo.size()) {
        m_fifo.erase(m_fifo.begin(), m_fifo.begin() + static_cast<std::ptrdiff_t>(m_fifo_head));
        m_fifo_head = 0;
    }
}

void EventIntake::Buffer(const Event& event) {
    m_heap.push_back(event);
    std::push_heap(m_heap.begin(), m_heap.end(), Later);
}

Event EventIntake::PopTop() {
    std::pop_heap(m_heap.begin(), m_heap.end(), Later);
    Event e = m_heap.back();
    m_heap.pop_back();
    return e;
}

}  // namespace cb::engine_detail
