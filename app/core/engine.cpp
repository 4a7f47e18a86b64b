// The event engine's public face, clock and day (engine.h). Event application is in
// engine_apply.cpp, snapshot copying in engine_snapshot.cpp; counting rules in docs/metrics.md.
#include <algorithm>

#include "engine_impl.h"

namespace cb {

using engine_detail::AgentRt;
using engine_detail::QueueRt;

Engine::Impl::Impl(Directory directory, EngineConfig config)
    : dir(std::move(directory)), cfg(config), intake(config.dedup_window_ms), waiting(4096) {
    if (cfg.interval_minutes <= 0 || 1440 % cfg.interval_minutes != 0) cfg.interval_minutes = 15;
    if (cfg.reorder_window_ms < 0) cfg.reorder_window_ms = 0;
    interval_ms = int64_t{cfg.interval_minutes} * 60000;
    rows_per_day = 1440 / cfg.interval_minutes;
    const uint16_t n_queues = static_cast<uint16_t>(std::min<size_t>(dir.queues.size(), kNoQueue));
    const uint32_t all_queues = n_queues >= 32 ? 0xFFFFFFFFu : ((1u << n_queues) - 1u);
    agents.resize(dir.agents.size());
    for (size_t i = 0; i < agents.size(); ++i) {
        const uint32_t skills = dir.agents[i].skills;
        agents[i].queue_mask = skills == 0 ? all_queues : (skills & all_queues);
    }
    queues.resize(n_queues);
    for (QueueRt& q : queues) {
        q.rows.resize(static_cast<size_t>(rows_per_day));
        q.fifo.reserve(256);
    }
}

int64_t Engine::Impl::DayStartOf(int64_t t) const {
    const int64_t offset = int64_t{cfg.tz_offset_min} * 60000;
    const int64_t local = t + offset;
    int64_t day = local / kDayMs;
    if (local % kDayMs < 0) --day;  // floor for times before 1970
    return day * kDayMs - offset;
}

int Engine::Impl::RowOf(int64_t t) const {
    const int64_t row = (t - day_start_ms) / interval_ms;
    return static_cast<int>(std::clamp<int64_t>(row, 0, rows_per_day - 1));
}

void Engine::Impl::EnsureDay(int64_t t) {
    if (!has_time) {
        has_time = true;
        day_start_ms = DayStartOf(t);
        for (QueueRt& q : queues) {
            q.staffed_since_ms = day_start_ms;
            for (int r = 0; r < rows_per_day; ++r) q.rows[static_cast<size_t>(r)].start_ms = day_start_ms + r * interval_ms;
        }
        now_ms = std::max(now_ms, t);
    } else if (t >= day_start_ms + kDayMs) {
        Rollover(DayStartOf(t));
    }
    rows_visible = std::max(rows_visible, RowOf(t) + 1);
}

// A new day: yesterday's open spells are closed at midnight into yesterday (then discarded
// with the rest of yesterday), today's counters and intervals start at zero. Live state
// (who is waiting, agent states, calls in progress) carries over.
void Engine::Impl::Rollover(int64_t new_day_start) {
    const int64_t old_end = day_start_ms + kDayMs;
    for (AgentRt& a : agents) {
        AccrueAgent(a, std::min(old_end, new_day_start));
        a.live.today = KpiCounts{};
        std::fill(std::begin(a.live.state_ms_today), std::end(a.live.state_ms_today), 0);
        std::fill(std::begin(a.live.reason_ms_today), std::end(a.live.reason_ms_today), 0);
        a.accrued_until_ms = new_day_start;
    }
    day_start_ms = new_day_start;
    for (QueueRt& q : queues) {
        for (int r = 0; r < rows_per_day; ++r) {
            IntervalRow& row = q.rows[static_cast<size_t>(r)];
            row = IntervalRow{};
            row.start_ms = day_start_ms + r * interval_ms;
        }
        q.staffed_since_ms = day_start_ms;
    }
    rows_visible = 1;
    // Callers still "waiting" from before yesterday lost their end event: forget them so the
    // open-call table stays bounded.
    const int64_t stale_before = new_day_start - kDayMs;
    waiting.EraseIf([&](uint64_t, const engine_detail::WaitingCall& w) {
        if (w.entry_ms >= stale_before) return false;
        --queues[w.queue].waiting;
        return true;
    });
    for (uint16_t q = 0; q < queues.size(); ++q) CleanQueueFront(q);
    ++version;
}

// Ends wrap-ups whose allowance (QueueInfo::wrap_up_s) ran out by up_to_ms, in time order. A
// deadline whose agent has since left wrap-up, or is wrapping up another call, is stale.
void Engine::Impl::FireWrapDeadlines(int64_t up_to_ms) {
    while (!wrap_deadlines.empty() && wrap_deadlines.top().at_ms <= up_to_ms) {
        const engine_detail::WrapDeadline d = wrap_deadlines.top();
        wrap_deadlines.pop();
        engine_detail::AgentRt& a = agents[d.agent];
        if (a.live.state != AgentState::WrapUp || a.live.call != d.call) continue;
        EnsureDay(d.at_ms);
        FinishWrap(d.agent, d.at_ms);
        SetState(d.agent, AgentState::Available, NotReadyReason::None, d.at_ms);
        last_applied_ms = std::max(last_applied_ms, d.at_ms);
        ++version;
    }
}

// Applies buffered events with t_ms <= watermark, in (t_ms, id) order, ending wrap-ups that
// fall due in between at their own time.
void Engine::Impl::ApplyDue(int64_t watermark) {
    while (!intake.Empty() && intake.Top().t_ms <= watermark) {
        FireWrapDeadlines(intake.Top().t_ms);
        const Event e = intake.PopTop();
        if (has_time && e.t_ms < day_start_ms) {  // buffered across a day close
            ++stats.too_late;
            continue;
        }
        EnsureDay(e.t_ms);
        Apply(e);
        last_applied_ms = std::max(last_applied_ms, e.t_ms);
    }
    if (watermark != INT64_MAX) FireWrapDeadlines(watermark);
}

Engine::Engine(Directory directory, EngineConfig config)
    : m_impl(std::make_unique<Impl>(std::move(directory), config)) {}
Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

// Dropped as too late: older than the last applied event (its place in the order is gone) or
// before the start of the current day (that day is closed).
void Engine::Push(const Event& event) {
    Impl& m = *m_impl;
    if (m.intake.IsDuplicate(event)) {
        ++m.stats.duplicates;
        return;
    }
    if (event.t_ms < m.last_applied_ms || (m.has_time && event.t_ms < m.day_start_ms)) {
        ++m.stats.too_late;
        return;
    }
    m.intake.Buffer(event);
}

void Engine::AdvanceTo(int64_t now_ms) {
    Impl& m = *m_impl;
    const bool moves = !m.has_time || now_ms > m.now_ms;
    const int64_t now = m.has_time ? std::max(now_ms, m.now_ms) : now_ms;
    // An event is due once the clock has passed it by the reorder window; the day closes
    // on the same rule, so a late event from 23:59:59 still lands in its day.
    const int64_t watermark = now - m.cfg.reorder_window_ms;
    m.ApplyDue(watermark);
    if (!m.has_time) {
        m.EnsureDay(now);
    } else if (watermark >= m.day_start_ms + kDayMs) {
        m.EnsureDay(watermark);
    }
    m.now_ms = now;
    if (now >= m.day_start_ms && now < m.day_start_ms + kDayMs)
        m.rows_visible = std::max(m.rows_visible, m.RowOf(now) + 1);
    if (moves) ++m.version;
}

void Engine::Flush() {
    Impl& m = *m_impl;
    m.ApplyDue(INT64_MAX);
    if (m.has_time) m.now_ms = std::max(m.now_ms, m.last_applied_ms);
    m.FireWrapDeadlines(m.now_ms);  // wrap-ups that ended by the last event's time
}

const Directory& Engine::directory() const { return m_impl->dir; }
const EngineStats& Engine::stats() const { return m_impl->stats; }
uint64_t Engine::version() const { return m_impl->version; }

}  // namespace cb
