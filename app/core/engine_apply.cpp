// Applying one event to the live state and today's counts (counting rules: docs/metrics.md).
// Every event either changes state (stats.applied) or is impossible here (stats.invalid).
#include <algorithm>
#include <bit>

#include "engine_impl.h"

namespace cb {

using engine_detail::AgentRt;
using engine_detail::CallHome;
using engine_detail::QueueRt;
using engine_detail::WaitingCall;

namespace {

bool IsBusy(AgentState s) {
    return s == AgentState::Ringing || s == AgentState::OnCall || s == AgentState::OnHold ||
           s == AgentState::WrapUp;
}
bool IsTalking(AgentState s) { return s == AgentState::OnCall || s == AgentState::OnHold; }

const ServiceLevelDef kDefaultSl{};

}  // namespace

const ServiceLevelDef& Engine::Impl::SlOf(uint16_t queue) const {
    return queue < dir.queues.size() ? dir.queues[queue].sl : kDefaultSl;
}

// Closes the agent's time up to t into today's state/reason/busy/available/staffed totals.
void Engine::Impl::AccrueAgent(AgentRt& a, int64_t t) {
    const int64_t d = t - a.accrued_until_ms;
    if (d <= 0) return;
    a.accrued_until_ms = t;
    const AgentState s = a.live.state;
    if (s == AgentState::LoggedOut) return;
    a.live.state_ms_today[static_cast<int>(s)] += d;
    a.live.today.staffed_ms += d;
    if (s == AgentState::NotReady) a.live.reason_ms_today[static_cast<int>(a.live.reason)] += d;
    if (IsBusy(s)) a.live.today.busy_ms += d;
    if (s == AgentState::Available) a.live.today.available_ms += d;
}

// Adds (staffed agents x time) from staffed_since to t into the queue's interval rows.
void Engine::Impl::AccrueStaffing(QueueRt& q, int64_t t) {
    int64_t since = std::max(q.staffed_since_ms, day_start_ms);
    if (q.staffed > 0) {
        const int64_t end = std::min(t, day_start_ms + kDayMs);
        while (since < end) {
            const int r = RowOf(since);
            const int64_t row_end = std::min(end, day_start_ms + (r + 1) * interval_ms);
            q.rows[static_cast<size_t>(r)].counts.staffed_ms += q.staffed * (row_end - since);
            since = row_end;
        }
    }
    q.staffed_since_ms = std::max(q.staffed_since_ms, t);
}

void Engine::Impl::SetState(uint32_t agent, AgentState state, NotReadyReason reason, int64_t t) {
    AgentRt& a = agents[agent];
    AccrueAgent(a, t);
    const bool was_in = a.live.state != AgentState::LoggedOut;
    const bool is_in = state != AgentState::LoggedOut;
    if (was_in != is_in) {
        for (uint32_t mask = a.queue_mask; mask != 0; mask &= mask - 1) {
            QueueRt& q = queues[static_cast<size_t>(std::countr_zero(mask))];
            AccrueStaffing(q, t);
            q.staffed += is_in ? 1 : -1;
        }
        a.live.logged_in_since_ms = is_in ? t : 0;
        a.accrued_until_ms = t;
    }
    a.live.state = state;
    a.live.reason = state == AgentState::NotReady ? reason : NotReadyReason::None;
    a.live.state_since_ms = t;
}

// The day and interval a call's counts belong to, from its queue entry time.
CallHome Engine::Impl::HomeFor(uint64_t call, uint16_t queue, int64_t entry_ms) {
    CallHome h;
    h.call = call;
    h.queue = queue;
    h.day_start_ms = DayStartOf(entry_ms);
    h.row = static_cast<int16_t>(h.day_start_ms == day_start_ms ? RowOf(entry_ms) : 0);
    return h;
}

KpiCounts* Engine::Impl::RowCounts(const CallHome& home) {
    if (home.queue >= queues.size() || home.day_start_ms != day_start_ms) return nullptr;
    rows_visible = std::max(rows_visible, home.row + 1);
    return &queues[home.queue].rows[static_cast<size_t>(home.row)].counts;
}

KpiCounts* Engine::Impl::AgentCounts(AgentRt& a, const CallHome& home) {
    return home.day_start_ms == day_start_ms ? &a.live.today : nullptr;
}

// Ends the agent's wrap-up at t: the call is handled; its talk, hold and wrap are counted.
void Engine::Impl::FinishWrap(uint32_t agent, int64_t t) {
    AgentRt& a = agents[agent];
    const engine_detail::AgentCall& c = a.cur;
    const int64_t wrap = std::max<int64_t>(0, t - c.completed_ms);
    for (KpiCounts* k : {AgentCounts(a, c.home), RowCounts(c.home)}) {
        if (k == nullptr) continue;
        ++k->handled;
        k->talk_ms += c.talk_ms;
        k->hold_ms += c.hold_ms;
        k->wrap_ms += wrap;
        k->longest_talk_ms = std::max(k->longest_talk_ms, c.talk_ms);
    }
    a.last = c.home;
    a.cur = engine_detail::AgentCall{};
    a.live.call = 0;
    a.live.call_queue = kNoQueue;
    a.live.call_since_ms = 0;
}

// Drops answered/abandoned callers from the front of the queue's arrival list.
void Engine::Impl::TakeFromQueue(uint64_t call, int64_t t, uint32_t answering_agent, engine_detail::CallHome* home, int64_t* wait) {
    const WaitingCall* w = waiting.Find(call);
    *home = CallHome{call, w->day_start_ms, w->queue, w->row};
    *wait = std::max<int64_t>(0, t - w->entry_ms);
    const uint32_t ringing = w->ringing_agent;
    waiting.Erase(call);
    --queues[home->queue].waiting;
    CleanQueueFront(home->queue);
    if (ringing != kNoAgent && ringing != answering_agent && agents[ringing].live.state == AgentState::Ringing &&
        agents[ringing].live.call == call) {
        agents[ringing].cur = engine_detail::AgentCall{};
        agents[ringing].live.call = 0;
        agents[ringing].live.call_queue = kNoQueue;
        SetState(ringing, AgentState::Available, NotReadyReason::None, t);
    }
}

void Engine::Impl::CleanQueueFront(uint16_t queue) {
    QueueRt& q = queues[queue];
    while (q.fifo_head < q.fifo.size()) {
        const auto& [entry, call] = q.fifo[q.fifo_head];
        const WaitingCall* w = waiting.Find(call);
        if (w != nullptr && w->entry_ms == entry && w->queue == queue) break;
        ++q.fifo_head;
    }
    if (q.fifo_head == q.fifo.size()) {
        q.fifo.clear();
        q.fifo_head = 0;
    } else if (q.fifo_head > 1024 && q.fifo_head * 2 > q.fifo.size()) {
        q.fifo.erase(q.fifo.begin(), q.fifo.begin() + static_cast<std::ptrdiff_t>(q.fifo_head));
        q.fifo_head = 0;
    }
}

void Engine::Impl::Apply(const Event& e) {
    const int64_t t = e.t_ms;
    const bool agent_ok = e.agent < agents.size();
    const bool queue_ok = e.queue < queues.size();
    AgentRt* a = agent_ok ? &agents[e.agent] : nullptr;
    const AgentState st = a != nullptr ? a->live.state : AgentState::LoggedOut;
    // The event's call is the agent's current one (call 0 on agent events means "current").
    const bool on_this_call = a != nullptr && a->live.call != 0 && (e.call == 0 || e.call == a->live.call);
    bool ok = true;

    switch (e.kind) {
    case EventKind::CallOffered: {
        if (!queue_ok || e.call == 0) { ok = false; break; }
        bool inserted = false;
        WaitingCall& w = waiting.Insert(e.call, &inserted);
        if (!inserted) { ok = false; break; }  // already waiting somewhere
        w.entry_ms = t;
        w.day_start_ms = day_start_ms;
        w.queue = e.queue;
        w.row = static_cast<int16_t>(RowOf(t));
        QueueRt& q = queues[e.queue];
        ++q.waiting;
        q.fifo.emplace_back(t, e.call);
        ++queues[e.queue].rows[static_cast<size_t>(w.row)].counts.offered;
        rows_visible = std::max(rows_visible, w.row + 1);
        break;
    }
    case EventKind::AgentRinging: {
        if (a == nullptr || e.call == 0 || IsTalking(st)) { ok = false; break; }
        if (st == AgentState::WrapUp) FinishWrap(e.agent, t);
        WaitingCall* w = waiting.Find(e.call);
        if (w != nullptr) w->ringing_agent = e.agent;
        a->cur = engine_detail::AgentCall{};
        a->cur.home = w != nullptr ? CallHome{e.call, w->day_start_ms, w->queue, w->row}
                                   : HomeFor(e.call, queue_ok ? e.queue : kNoQueue, t);
        SetState(e.agent, AgentState::Ringing, NotReadyReason::None, t);
        a->live.call = e.call;
        a->live.call_queue = a->cur.home.queue;
        a->live.call_since_ms = 0;
        break;
    }
    case EventKind::RingNoAnswer: {
        if (a == nullptr) { ok = false; break; }
        const WaitingCall* w = e.call != 0 ? waiting.Find(e.call) : nullptr;
        CallHome home = w != nullptr ? CallHome{e.call, w->day_start_ms, w->queue, w->row}
                        : (st == AgentState::Ringing && on_this_call) ? a->cur.home
                                                                       : HomeFor(e.call, queue_ok ? e.queue : kNoQueue, t);
        for (KpiCounts* k : {AgentCounts(*a, home), RowCounts(home)})
            if (k != nullptr) ++k->ring_noanswer;
        if (st == AgentState::Ringing && on_this_call) {
            a->cur = engine_detail::AgentCall{};
            a->live.call = 0;
            a->live.call_queue = kNoQueue;
            SetState(e.agent, AgentState::Available, NotReadyReason::None, t);
        }
        if (w != nullptr && w->ringing_agent == e.agent) waiting.Find(e.call)->ringing_agent = kNoAgent;
        break;
    }
    case EventKind::CallAnswered: {
        if (a == nullptr || e.call == 0 || IsTalking(st)) { ok = false; break; }
        if (st == AgentState::WrapUp) FinishWrap(e.agent, t);
        const WaitingCall* w = waiting.Find(e.call);
        CallHome home;
        int64_t wait = 0;
        if (w != nullptr) {
            TakeFromQueue(e.call, t, e.agent, &home, &wait);  // another agent ringing for it stops
        } else {
            // No CallOffered seen (e.g. a source without queue entry): entry = answer - stated wait.
            wait = std::max<int64_t>(0, e.wait_ms);
            home = HomeFor(e.call, queue_ok ? e.queue : kNoQueue, t - wait);
            if (KpiCounts* k = RowCounts(home)) ++k->offered;
        }
        const bool within = wait <= int64_t{SlOf(home.queue).threshold_s} * 1000;
        for (KpiCounts* k : {AgentCounts(*a, home), RowCounts(home)}) {
            if (k == nullptr) continue;
            ++k->answered;
            if (within) ++k->answered_within_t;
            k->wait_answered_ms += wait;
            k->longest_wait_ms = std::max(k->longest_wait_ms, wait);
        }
        a->cur = engine_detail::AgentCall{};
        a->cur.home = home;
        a->cur.spell_since_ms = t;
        SetState(e.agent, AgentState::OnCall, NotReadyReason::None, t);
        a->live.call = e.call;
        a->live.call_queue = home.queue;
        a->live.call_since_ms = t;
        break;
    }
    case EventKind::CallHold:
        if (!(on_this_call && st == AgentState::OnCall)) { ok = false; break; }
        a->cur.talk_ms += t - a->cur.spell_since_ms;
        a->cur.spell_since_ms = t;
        SetState(e.agent, AgentState::OnHold, NotReadyReason::None, t);
        break;
    case EventKind::CallResume:
        if (!(on_this_call && st == AgentState::OnHold)) { ok = false; break; }
        a->cur.hold_ms += t - a->cur.spell_since_ms;
        a->cur.spell_since_ms = t;
        SetState(e.agent, AgentState::OnCall, NotReadyReason::None, t);
        break;
    case EventKind::CallTransferred:
    case EventKind::CallCompleted: {
        if (!(on_this_call && IsTalking(st))) { ok = false; break; }
        (st == AgentState::OnCall ? a->cur.talk_ms : a->cur.hold_ms) += t - a->cur.spell_since_ms;
        a->cur.completed_ms = t;
        if (e.kind == EventKind::CallTransferred) {
            for (KpiCounts* k : {AgentCounts(*a, a->cur.home), RowCounts(a->cur.home)})
                if (k != nullptr) ++k->transferred;
        }
        SetState(e.agent, AgentState::WrapUp, NotReadyReason::None, t);
        if (const uint16_t q = a->cur.home.queue; q < dir.queues.size() && dir.queues[q].wrap_up_s > 0)
            wrap_deadlines.push({t + int64_t{dir.queues[q].wrap_up_s} * 1000, e.agent, a->live.call});
        break;
    }
    case EventKind::CallAbandoned:
    case EventKind::CallExited: {
        const WaitingCall* w = e.call != 0 ? waiting.Find(e.call) : nullptr;
        if (w == nullptr && !queue_ok) { ok = false; break; }
        CallHome home;
        int64_t wait = 0;
        if (w != nullptr) {
            TakeFromQueue(e.call, t, kNoAgent, &home, &wait);  // an agent ringing for it stops
        } else {
            wait = std::max<int64_t>(0, e.wait_ms);
            home = HomeFor(e.call, e.queue, t - wait);
        }
        KpiCounts* k = RowCounts(home);
        if (k == nullptr) break;
        if (w == nullptr) ++k->offered;
        k->longest_wait_ms = std::max(k->longest_wait_ms, wait);
        if (e.kind == EventKind::CallExited) {
            ++k->exited;
            break;
        }
        const ServiceLevelDef& sl = SlOf(home.queue);
        ++k->abandoned;
        if (wait <= int64_t{sl.threshold_s} * 1000) ++k->abandoned_within_t;
        if (wait <= int64_t{sl.short_abandon_s} * 1000) ++k->short_abandoned;
        k->wait_abandoned_ms += wait;
        break;
    }
    case EventKind::WrapUpEnded:
        if (a == nullptr || st != AgentState::WrapUp) { ok = false; break; }
        FinishWrap(e.agent, t);
        SetState(e.agent, AgentState::Available, NotReadyReason::None, t);
        break;
    case EventKind::AgentLogin:
        if (a == nullptr || st != AgentState::LoggedOut) { ok = false; break; }
        SetState(e.agent, AgentState::NotReady, NotReadyReason::None, t);
        break;
    case EventKind::AgentLogout:
        if (a == nullptr || st == AgentState::LoggedOut) { ok = false; break; }
        if (IsTalking(st)) {  // logged out mid-call: the call ends here with no wrap-up
            (st == AgentState::OnCall ? a->cur.talk_ms : a->cur.hold_ms) += t - a->cur.spell_since_ms;
            a->cur.completed_ms = t;
            FinishWrap(e.agent, t);
        } else if (st == AgentState::WrapUp) {
            FinishWrap(e.agent, t);
        } else if (st == AgentState::Ringing) {
            if (WaitingCall* w = waiting.Find(a->live.call); w != nullptr && w->ringing_agent == e.agent)
                w->ringing_agent = kNoAgent;
            a->cur = engine_detail::AgentCall{};
            a->live.call = 0;
            a->live.call_queue = kNoQueue;
        }
        SetState(e.agent, AgentState::LoggedOut, NotReadyReason::None, t);
        break;
    case EventKind::AgentReady:
    case EventKind::AgentNotReady: {
        if (a == nullptr || IsTalking(st) || st == AgentState::Ringing) { ok = false; break; }
        if (st == AgentState::WrapUp) FinishWrap(e.agent, t);  // source without WrapUpEnded
        const bool ready = e.kind == EventKind::AgentReady;
        if (ready && st == AgentState::Available) break;  // already available: spell continues
        SetState(e.agent, ready ? AgentState::Available : AgentState::NotReady,
                 ready ? NotReadyReason::None : e.reason, t);
        break;
    }
    case EventKind::OutcomeTagged: {
        CallHome home;
        if (a != nullptr && a->live.call != 0 && a->live.call == e.call) home = a->cur.home;
        else if (a != nullptr && a->last.call != 0 && a->last.call == e.call) home = a->last;
        else home = HomeFor(e.call, queue_ok ? e.queue : kNoQueue, t);
        if (a == nullptr && home.queue == kNoQueue) { ok = false; break; }
        KpiCounts* agent_counts = a != nullptr ? AgentCounts(*a, home) : nullptr;
        for (KpiCounts* k : {agent_counts, RowCounts(home)}) {
            if (k == nullptr) continue;
            if (e.outcome == Outcome::Order) {
                ++k->orders;
                k->order_value_cents += e.value_cents;
            } else if (e.outcome == Outcome::Complaint) {
                ++k->complaints;
            }
        }
        break;
    }
    case EventKind::kCount:
        ok = false;
        break;
    }

    if (ok) {
        ++stats.applied;
        ++version;
    } else {
        ++stats.invalid;
    }
}

}  // namespace cb
