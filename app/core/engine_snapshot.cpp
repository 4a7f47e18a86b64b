// Copying the engine's state out as a Snapshot (engine.h). Agent times include the open
// spell up to now_ms, so a snapshot taken at any moment shows time in state ticking live;
// team and queue totals are summed from those agent numbers and from the interval rows.
#include <algorithm>
#include <bit>

#include "engine_impl.h"

namespace cb {

using engine_detail::AgentRt;
using engine_detail::QueueRt;

namespace {

template <typename Live>
void CountState(Live& live, AgentState s) {
    switch (s) {
    case AgentState::Available: ++live.agents_available; break;
    case AgentState::Ringing:
    case AgentState::OnCall:
    case AgentState::OnHold: ++live.agents_on_call; break;
    case AgentState::WrapUp: ++live.agents_wrap_up; break;
    case AgentState::NotReady: ++live.agents_not_ready; break;
    case AgentState::LoggedOut:
    case AgentState::kCount: break;
    }
}

}  // namespace

Snapshot Engine::TakeSnapshot() const {
    const Impl& m = *m_impl;
    Snapshot s;
    s.version = m.version;
    s.now_ms = m.now_ms;
    s.tz_offset_min = m.cfg.tz_offset_min;
    s.interval_minutes = m.cfg.interval_minutes;
    s.day_start_ms = m.day_start_ms;
    s.directory = m.dir;
    // Open spells are counted up to now, but never past the end of the current day (the
    // clock may run up to one reorder window into the next day before the day closes).
    const int64_t accrue_to = std::min(m.now_ms, m.day_start_ms + kDayMs);

    s.agents.resize(m.agents.size());
    for (size_t i = 0; i < m.agents.size(); ++i) {
        const AgentRt& a = m.agents[i];
        AgentLive& out = s.agents[i];
        out = a.live;
        if (accrue_to > a.accrued_until_ms) AccrueOpenSpell(&out, accrue_to - a.accrued_until_ms);
    }

    s.teams.resize(m.dir.teams.size());
    s.queues.resize(m.dir.queues.size());
    for (size_t i = 0; i < m.agents.size(); ++i) {
        const AgentLive& live = s.agents[i];
        const uint16_t team = m.dir.agents[i].team;
        if (team < s.teams.size()) {
            TeamLive& t = s.teams[team];
            if (live.state != AgentState::LoggedOut) ++t.agents_logged_in;
            CountState(t, live.state);
            t.today.Add(live.today);
        }
        for (uint32_t mask = m.agents[i].queue_mask; mask != 0; mask &= mask - 1) {
            QueueLive& q = s.queues[static_cast<size_t>(std::countr_zero(mask))];
            CountState(q, live.state);
            q.today.busy_ms += live.today.busy_ms;
            q.today.available_ms += live.today.available_ms;
            q.today.staffed_ms += live.today.staffed_ms;
        }
    }

    const size_t rows = static_cast<size_t>(std::max(m.rows_visible, 0));
    s.intervals.resize(m.queues.size());
    for (size_t qi = 0; qi < m.queues.size(); ++qi) {
        const QueueRt& q = m.queues[qi];
        QueueLive& out = s.queues[qi];
        out.waiting = q.waiting;
        out.oldest_wait_since_ms = q.fifo_head < q.fifo.size() ? q.fifo[q.fifo_head].first : 0;
        std::vector<IntervalRow>& iv = s.intervals[qi];
        iv.assign(q.rows.begin(), q.rows.begin() + static_cast<std::ptrdiff_t>(rows));
        // Calls of the queue today = the sum of its rows; agent time comes from the agents.
        KpiCounts calls;
        for (const IntervalRow& r : iv) calls.Add(r.counts);
        calls.busy_ms = out.today.busy_ms;
        calls.available_ms = out.today.available_ms;
        calls.staffed_ms = out.today.staffed_ms;
        out.today = calls;
        // Staffing: closed agent-ms plus the open part up to now, over the elapsed interval.
        for (IntervalRow& r : iv) {
            const int64_t end = r.start_ms + m.interval_ms;
            const int64_t open_from = std::max(q.staffed_since_ms, r.start_ms);
            const int64_t open_to = std::min(accrue_to, end);
            if (q.staffed > 0 && open_to > open_from) r.counts.staffed_ms += q.staffed * (open_to - open_from);
            const int64_t elapsed = std::min(accrue_to, end) - r.start_ms;
            r.agents_staffed = elapsed > 0 ? static_cast<double>(r.counts.staffed_ms) / static_cast<double>(elapsed)
                                           : static_cast<double>(q.staffed);
        }
    }
    return s;
}

}  // namespace cb
