// Copying the engine's state out as a Snapshot (engine.h). Agent times include the open
// spell up to now_ms, so a snapshot taken at any moment shows time in state ticking live;
// team and queue totals are summed from those agent numbers and from the interval rows.
#include <algorithm>

#include "engine_impl.h"
#include "wfm/adherence.h"
#include "wfm/live.h"

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

// The 30 whole minutes before the current one and the current minute so far, or less when the
// engine has not seen that much.
wfm::RecentLoad Engine::Impl::RecentOf(const QueueRt& q) const {
    wfm::RecentLoad r;
    if (!has_time) return r;
    const int64_t now_minute = engine_detail::MinuteOf(now_ms);
    const int64_t first_minute = now_minute - wfm::kRecentWindowMs / 60000;
    const int64_t from = std::max(first_minute * 60000, first_ms);
    r.window_ms = std::max<int64_t>(0, now_ms - from);
    for (const engine_detail::RecentMinute& m : q.recent) {
        if (m.minute < first_minute || m.minute > now_minute) continue;
        r.offered += m.offered;
        r.handled += m.handled;
        r.handle_ms += m.handle_ms;
    }
    return r;
}

Snapshot Engine::TakeSnapshot() const {
    const Impl& m = *m_impl;
    Snapshot s;
    s.version = m.version;
    s.now_ms = m.now_ms;
    const TimeZone& zone = m.tracker.zone();
    s.tz_name = zone.name();
    s.tz_offset_min = zone.OffsetMinutesAt(m.now_ms);
    s.day_end_ms = m.day_end_ms;
    // The offsets during today: from midnight, and where daylight saving time changes it.
    s.tz_offsets.emplace_back(m.day_start_ms, zone.OffsetMinutesAt(m.day_start_ms));
    for (const auto& change : zone.ChangesIn(m.day_start_ms, m.day_end_ms)) s.tz_offsets.push_back(change);
    s.interval_minutes = m.cfg.interval_minutes;
    s.day_start_ms = m.day_start_ms;
    s.directory = m.dir;
    // Open spells are counted up to now, but never past the end of the current day (the
    // clock may run up to one reorder window into the next day before the day closes).
    const int64_t accrue_to = std::min(m.now_ms, m.day_end_ms);

    s.agents.resize(m.agents.size());
    for (size_t i = 0; i < m.agents.size(); ++i) {
        const AgentRt& a = m.agents[i];
        const TrackedAgent& t = m.tracker.agent(static_cast<uint32_t>(i));
        AgentLive& out = s.agents[i];
        out = a.live;
        out.state = t.state;
        out.reason = t.reason;
        out.state_since_ms = t.state_since_ms;
        out.call = t.call;
        out.call_queue = t.state == AgentState::Ringing ? t.ringing.queue : t.leg.call != 0 ? t.leg.queue : kNoQueue;
        if (t.call == 0) out.call_queue = kNoQueue;
        out.call_since_ms = t.call_since_ms;
        out.logged_in_since_ms = t.logged_in_since_ms;
        if (accrue_to > a.accrued_until_ms) AccrueOpenSpell(&out, accrue_to - a.accrued_until_ms);
        out.member_of = 0;
        for (uint16_t q : t.queues)
            if (q < 32) out.member_of |= 1u << q;
        if (m.schedule_today.set && i < m.schedule_today.agents.size()) {
            const int64_t activity_since = a.activity_since_ms ? a.activity_since_ms : t.state_since_ms;
            out.adherence = wfm::LiveStatusOf(m.schedule_today.agents[i], t.state, t.reason, activity_since, m.now_ms, true,
                                              m.schedule_today.options);
        }
    }
    s.schedule = m.schedule_today;

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
        // Per-queue agent counts follow membership (docs/metrics.md).
        for (uint16_t q : m.tracker.agent(static_cast<uint32_t>(i)).queues) {
            if (q < s.queues.size()) CountState(s.queues[q], live.state);
        }
    }

    const size_t rows = static_cast<size_t>(std::max(m.rows_visible, 0));
    s.intervals.resize(m.queues.size());
    for (size_t qi = 0; qi < m.queues.size(); ++qi) {
        const QueueRt& q = m.queues[qi];
        QueueLive& out = s.queues[qi];
        out.waiting = m.tracker.waiting(static_cast<uint16_t>(qi));
        out.oldest_wait_since_ms = m.tracker.oldest_waiting_since(static_cast<uint16_t>(qi));
        std::vector<IntervalRow>& iv = s.intervals[qi];
        iv.assign(q.rows.begin(), q.rows.begin() + static_cast<std::ptrdiff_t>(rows));
        // Member agents' time: closed up to since_ms in the rows, plus the open part up to now,
        // over the elapsed part of each interval.
        KpiCounts today;
        for (IntervalRow& r : iv) {
            const int64_t end = r.start_ms + m.interval_ms;
            const int64_t open_from = std::max(q.since_ms, r.start_ms);
            const int64_t open_to = std::min(accrue_to, end);
            if (open_to > open_from) AddStateTime(&r.counts, q.time, open_to - open_from);
            const int64_t elapsed = std::min(accrue_to, end) - r.start_ms;
            r.agents_staffed = elapsed > 0 ? static_cast<double>(r.counts.staffed_ms) / static_cast<double>(elapsed)
                                           : static_cast<double>(q.time.staffed);
            today.Add(r.counts);
        }
        out.today = today;  // calls and member agents' time today = the sum of its rows
        out.recent = m.RecentOf(q);
    }
    wfm::FillLiveStaffing(&s);
    return s;
}

}  // namespace cb
