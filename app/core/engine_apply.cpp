// The engine's side of the tracker (tracker.h): what it tells is counted into today's interval
// rows and the agents' today counts, with the counting rules of counting.h (docs/metrics.md).
// A leg's counts are kept equal to LegQueueCounts / LegAgentCounts of its latest value by adding
// each change's difference, so a call counts live exactly as it counts in stored history.
#include <algorithm>

#include "engine_impl.h"
#include "wfm/adherence.h"

namespace cb {

using engine_detail::AgentRt;
using engine_detail::QueueRt;

namespace {
const ServiceLevelDef kDefaultSl{};
}  // namespace

const ServiceLevelDef& Engine::Impl::SlOf(uint16_t queue) const {
    return queue < dir.queues.size() ? dir.queues[queue].sl : kDefaultSl;
}

KpiCounts* Engine::Impl::RowCounts(uint16_t queue, int64_t home_ms) {
    if (queue >= queues.size() || home_ms < day_start_ms || home_ms >= day_end_ms) return nullptr;
    const int row = RowOf(home_ms);
    rows_visible = std::max(rows_visible, row + 1);
    return &queues[queue].rows[static_cast<size_t>(row)].counts;
}

KpiCounts* Engine::Impl::AgentCounts(uint32_t agent, int64_t home_ms) {
    if (agent >= agents.size() || home_ms < day_start_ms || home_ms >= day_end_ms) return nullptr;
    return &agents[agent].live.today;
}

// Minutes older than the ring holds (a newer minute sits in their slot) are out of every window
// still to come and are dropped.
void Engine::Impl::AddRecent(uint16_t queue, int64_t t, int64_t offered, int64_t handled, int64_t handle_ms) {
    if (queue >= queues.size()) return;
    const int64_t minute = engine_detail::MinuteOf(t);
    engine_detail::RecentMinute& slot = queues[queue].recent[engine_detail::RecentSlot(minute)];
    if (slot.minute > minute) return;
    if (slot.minute < minute) slot = engine_detail::RecentMinute{minute, 0, 0, 0};
    slot.offered += offered;
    slot.handled += handled;
    slot.handle_ms += handle_ms;
}

void Engine::Impl::Told(int64_t t) {
    ++told;
    last_applied_ms = std::max(last_applied_ms, t);
}

// Closes the agent's time in (state, reason) up to t into today's totals.
void Engine::Impl::AccrueAgent(AgentRt& a, AgentState state, NotReadyReason reason, int64_t t) {
    const int64_t d = t - a.accrued_until_ms;
    if (d <= 0) return;
    a.accrued_until_ms = t;
    if (state == AgentState::LoggedOut) return;
    a.live.state_ms_today[static_cast<int>(state)] += d;
    if (state == AgentState::NotReady) a.live.reason_ms_today[static_cast<int>(reason)] += d;
    AddStateTime(&a.live.today, state, d);
}

// Adds the member agents' time from since_ms to t into the queue's interval rows.
void Engine::Impl::AccrueQueue(QueueRt& q, int64_t t) {
    int64_t since = std::max(q.since_ms, day_start_ms);
    const int64_t end = std::min(t, day_end_ms);
    while (since < end) {
        const int r = RowOf(since);
        const int64_t row_end = std::min(end, day_start_ms + (r + 1) * interval_ms);
        AddStateTime(&q.rows[static_cast<size_t>(r)].counts, q.time, row_end - since);
        since = row_end;
    }
    q.since_ms = std::max(q.since_ms, t);
}

void Engine::Impl::OnLeg(const CallLeg* before, const CallLeg& after) {
    Told(std::max({after.home_ms, after.answered_ms, after.ended_ms}));
    const ServiceLevelDef& sl = SlOf(after.queue);
    const KpiCounts queue_before = before ? LegQueueCounts(*before, sl) : KpiCounts{};
    const KpiCounts queue_after = LegQueueCounts(after, sl);
    if (KpiCounts* row = RowCounts(after.queue, after.home_ms)) AddChange(row, queue_before, queue_after);
    // The last 30 minutes' load: an arrival at its entry, a handled call when its wrap-up ended.
    if (queue_after.offered != queue_before.offered) AddRecent(after.queue, after.home_ms, queue_after.offered - queue_before.offered, 0, 0);
    if (queue_after.handled != queue_before.handled) {
        const int64_t handle = (queue_after.talk_ms + queue_after.hold_ms + queue_after.wrap_ms) -
                               (queue_before.talk_ms + queue_before.hold_ms + queue_before.wrap_ms);
        const int64_t done = after.ended_ms >= 0 ? after.ended_ms + std::max<int64_t>(0, after.wrap_ms) : last_applied_ms;
        AddRecent(after.queue, done, 0, queue_after.handled - queue_before.handled, handle);
    }
    if (after.answered()) {
        if (KpiCounts* agent = AgentCounts(after.agent, after.home_ms)) {
            AddChange(agent, before ? LegAgentShare(*before, queue_before) : KpiCounts{}, LegAgentShare(after, queue_after));
        }
    }
}

void Engine::Impl::OnRingMiss(const RingMiss& miss) {
    Told(miss.t_ms);
    const KpiCounts c = RingMissCounts();
    if (KpiCounts* k = AgentCounts(miss.agent, miss.home_ms)) k->Add(c);
    if (KpiCounts* k = RowCounts(miss.queue, miss.home_ms)) k->Add(c);
}

void Engine::Impl::OnOutcomeTag(const OutcomeTag& tag) {
    Told(tag.t_ms);
    const KpiCounts c = OutcomeTagCounts(tag);
    if (KpiCounts* k = AgentCounts(tag.agent, tag.home_ms)) k->Add(c);
    if (KpiCounts* k = RowCounts(tag.queue, tag.home_ms)) k->Add(c);
}

void Engine::Impl::OnState(const StateChange& c) {
    Told(c.t_ms);
    AgentRt& a = agents[c.agent];
    AccrueAgent(a, c.from, c.from_reason, c.t_ms);
    if (wfm::ActivityOf(c.from, c.from_reason) != wfm::ActivityOf(c.to, c.to_reason)) a.activity_since_ms = c.t_ms;
    const StateTime from = StateTimeOf(c.from), to = StateTimeOf(c.to);
    for (uint16_t qi : tracker.agent(c.agent).queues) {
        QueueRt& q = queues[qi];
        AccrueQueue(q, c.t_ms);
        if (c.from != AgentState::LoggedOut) --q.in_state[static_cast<int>(c.from)];
        if (c.to != AgentState::LoggedOut) ++q.in_state[static_cast<int>(c.to)];
        q.time.staffed += to.staffed - from.staffed;
        q.time.busy += to.busy - from.busy;
        q.time.available += to.available - from.available;
    }
    a.accrued_until_ms = std::max(a.accrued_until_ms, c.t_ms);
}

void Engine::Impl::OnMembership(uint32_t agent, uint16_t queue, bool member, int64_t t) {
    Told(t);
    const AgentState s = tracker.agent(agent).state;
    QueueRt& q = queues[queue];
    AccrueQueue(q, t);
    if (s == AgentState::LoggedOut) return;
    const int32_t sign = member ? 1 : -1;
    const StateTime time = StateTimeOf(s);
    q.in_state[static_cast<int>(s)] += sign;
    q.time.staffed += sign * time.staffed;
    q.time.busy += sign * time.busy;
    q.time.available += sign * time.available;
}

}  // namespace cb
