// The event engine's public face, clock and day (engine.h). Event application is in
// engine_apply.cpp, snapshot copying in engine_snapshot.cpp; counting rules in docs/metrics.md.
#include <algorithm>

#include "engine_impl.h"

namespace cb {

using engine_detail::AgentRt;
using engine_detail::QueueRt;

Engine::Impl::Impl(Directory directory, EngineConfig config)
    : dir(std::move(directory)), cfg(config), tracker(dir, config.Zone(), nullptr), intake(config.dedup_window_ms) {
    if (cfg.interval_minutes <= 0 || 1440 % cfg.interval_minutes != 0) cfg.interval_minutes = 15;
    if (cfg.reorder_window_ms < 0) cfg.reorder_window_ms = 0;
    interval_ms = int64_t{cfg.interval_minutes} * 60000;
    rows_per_day = 1440 / cfg.interval_minutes;
    tracker.set_sink(this);
    agents.resize(dir.agents.size());
    queues.resize(std::min<size_t>(dir.queues.size(), kNoQueue));
    for (QueueRt& q : queues) q.rows.resize(static_cast<size_t>(rows_per_day));
}

// Intervals are aligned to local midnight and run to the next one: 96 of 15 minutes on most
// days, 92 or 100 when daylight saving time starts or ends (the last one shorter if the day
// is not a whole number of intervals long).
void Engine::Impl::StartRows(int64_t day_start) {
    day_start_ms = day_start;
    day_end_ms = tracker.zone().NextDayStart(day_start);
    rows_per_day = static_cast<int>((day_end_ms - day_start_ms + interval_ms - 1) / interval_ms);
    for (QueueRt& q : queues) {
        q.rows.assign(static_cast<size_t>(rows_per_day), IntervalRow{});
        for (int r = 0; r < rows_per_day; ++r) q.rows[static_cast<size_t>(r)].start_ms = day_start_ms + r * interval_ms;
        q.since_ms = day_start_ms;
    }
    schedule_today = wfm::ScheduleOfDay(schedule, day_start_ms, day_end_ms);
}

int Engine::Impl::RowOf(int64_t t) const {
    const int64_t row = (t - day_start_ms) / interval_ms;
    return static_cast<int>(std::clamp<int64_t>(row, 0, rows_per_day - 1));
}

void Engine::Impl::EnsureDay(int64_t t) {
    if (!has_time) {
        has_time = true;
        first_ms = t;
        StartRows(DayStartOf(t));
        tracker.StartDay(day_start_ms);
        for (AgentRt& a : agents) a.accrued_until_ms = day_start_ms;
        now_ms = std::max(now_ms, t);
    } else if (t >= day_end_ms) {
        Rollover(DayStartOf(t));
    }
    rows_visible = std::max(rows_visible, RowOf(t) + 1);
}

// A new day: yesterday's open spells are closed at midnight into yesterday (then discarded
// with the rest of yesterday), today's counters and intervals start at zero. Live state
// (who is waiting, agent states, calls in progress, membership) carries over.
void Engine::Impl::Rollover(int64_t new_day_start) {
    const int64_t old_end = day_end_ms;
    for (size_t i = 0; i < agents.size(); ++i) {
        AgentRt& a = agents[i];
        const TrackedAgent& t = tracker.agent(static_cast<uint32_t>(i));
        AccrueAgent(a, t.state, t.reason, std::min(old_end, new_day_start));
        a.live.today = KpiCounts{};
        std::fill(std::begin(a.live.state_ms_today), std::end(a.live.state_ms_today), 0);
        std::fill(std::begin(a.live.reason_ms_today), std::end(a.live.reason_ms_today), 0);
        a.accrued_until_ms = new_day_start;
    }
    StartRows(new_day_start);
    rows_visible = 1;
    tracker.StartDay(new_day_start);
    ++version;
}

// Ends wrap-ups whose allowance ran out by up_to_ms, in time order, one day at a time so that
// a wrap-up ending after midnight is counted in the new day.
void Engine::Impl::FireWrapDeadlines(int64_t up_to_ms) {
    while (true) {
        const int64_t next = tracker.next_deadline_ms();
        if (next > up_to_ms) break;
        EnsureDay(next);
        const uint64_t told_before = told;
        tracker.FireWrapDeadlines(std::min(up_to_ms, day_end_ms - 1));
        if (told != told_before) ++version;
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
        if (tracker.Apply(e)) {
            ++stats.applied;
            ++version;
        } else {
            ++stats.invalid;
        }
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

bool Engine::Restore(const std::vector<std::string>& tracker_states, std::string* error) {
    Impl& m = *m_impl;
    Tracker restored(m.dir, m.cfg.Zone(), nullptr);
    for (const std::string& saved : tracker_states) {
        if (!restored.Load(saved, error, true)) return false;
    }
    restored.set_sink(&m);
    m.tracker = std::move(restored);
    for (QueueRt& q : m.queues) {
        std::fill(std::begin(q.in_state), std::end(q.in_state), 0);
        q.time = StateTime{};
    }
    for (uint32_t i = 0; i < m.agents.size(); ++i) {
        const TrackedAgent& a = m.tracker.agent(i);
        if (a.state == AgentState::LoggedOut) continue;
        const StateTime time = StateTimeOf(a.state);
        for (uint16_t q : a.queues) {
            ++m.queues[q].in_state[static_cast<int>(a.state)];
            m.queues[q].time.staffed += time.staffed;
            m.queues[q].time.busy += time.busy;
            m.queues[q].time.available += time.available;
        }
    }
    ++m.version;
    return true;
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
    } else if (watermark >= m.day_end_ms) {
        m.EnsureDay(watermark);
    }
    m.now_ms = now;
    if (now >= m.day_start_ms && now < m.day_end_ms)
        m.rows_visible = std::max(m.rows_visible, m.RowOf(now) + 1);
    if (moves) ++m.version;
}

void Engine::Flush() {
    Impl& m = *m_impl;
    m.ApplyDue(INT64_MAX);
    if (m.has_time) m.now_ms = std::max(m.now_ms, m.last_applied_ms);
    m.FireWrapDeadlines(m.now_ms);  // wrap-ups that ended by the last event's time
}

bool Engine::SetSchedule(const wfm::Schedule& schedule, std::string* error, std::vector<std::string>* skipped) {
    Impl& m = *m_impl;
    wfm::DaySchedule resolved;
    if (!wfm::ResolveSchedule(m.dir, schedule, &resolved, error, skipped != nullptr, skipped)) return false;
    m.schedule = std::move(resolved);
    m.schedule_today = wfm::ScheduleOfDay(m.schedule, m.day_start_ms, m.day_end_ms);
    ++m.version;
    return true;
}

void Engine::ClearSchedule() {
    Impl& m = *m_impl;
    m.schedule = wfm::DaySchedule{};
    m.schedule_today = wfm::DaySchedule{};
    ++m.version;
}

const Directory& Engine::directory() const { return m_impl->dir; }
const EngineStats& Engine::stats() const { return m_impl->stats; }
uint64_t Engine::version() const { return m_impl->version; }

}  // namespace cb
