// What each event does to calls and agents (tracker.h; the state table and counting rules are
// in docs/metrics.md). Every event either changes state (stats.applied) or is impossible in the
// state it finds (stats.invalid) and changes nothing.
#include "tracker.h"

#include <algorithm>

#include "tracker_impl.h"

namespace cb {

using tracker_detail::QueueWaiting;
using tracker_detail::Waiting;

Tracker::Impl::Impl(const Directory& directory, TimeZone z, TrackerSink* s)
    : dir(directory), zone(std::move(z)), sink(s), waiting(4096) {
    agents.resize(dir.agents.size());
    queues.resize(std::min<size_t>(dir.queues.size(), kNoQueue));
    // Configured skills are an agent's membership until events say otherwise.
    for (size_t i = 0; i < agents.size(); ++i) {
        const uint32_t skills = dir.agents[i].skills;
        for (uint16_t q = 0; q < queues.size() && q < 32; ++q) {
            if ((skills >> q) & 1u) agents[i].queues.push_back(q);
        }
    }
    for (QueueWaiting& q : queues) q.fifo.reserve(256);
}

int64_t Tracker::Impl::DayStartOf(int64_t t) const {
    if (t >= cached_day_start && t < cached_day_end) return cached_day_start;
    cached_day_start = zone.DayStart(t);
    cached_day_end = zone.NextDayStart(cached_day_start);
    return cached_day_start;
}

void Tracker::Impl::StartDay(int64_t day_start) {
    if (day_start <= day_start_ms) return;
    const bool first = day_start_ms == INT64_MIN;
    day_start_ms = day_start;
    if (first) return;
    // Callers still "waiting" from before the previous day lost their end event: forget them so
    // the open-call table stays bounded. Their legs stay offered and unanswered.
    const int64_t stale_before = DayStartOf(day_start - 1);  // the previous day's start
    waiting.EraseIf([&](uint64_t, const Waiting& w) {
        if (w.leg.home_ms >= stale_before) return false;
        if (w.leg.queue < queues.size()) --queues[w.leg.queue].waiting;
        return true;
    });
    for (uint16_t q = 0; q < queues.size(); ++q) CleanQueueFront(q);
}

void Tracker::Impl::SetState(uint32_t agent, AgentState state, NotReadyReason reason, uint64_t call, int64_t t) {
    TrackedAgent& a = agents[agent];
    StateChange c;
    c.agent = agent;
    c.t_ms = t;
    c.from = a.state;
    c.from_reason = a.reason;
    c.to = state;
    c.to_reason = state == AgentState::NotReady ? reason : NotReadyReason::None;
    c.call = call;
    if (sink) sink->OnState(c);
    const bool was_in = a.state != AgentState::LoggedOut;
    const bool is_in = state != AgentState::LoggedOut;
    if (was_in != is_in) a.logged_in_since_ms = is_in ? t : 0;
    a.state = state;
    a.reason = c.to_reason;
    a.state_since_ms = t;
    a.call = call;
}

void Tracker::Impl::Join(uint32_t agent, uint16_t queue, int64_t t) {
    if (queue >= queues.size()) return;
    std::vector<uint16_t>& qs = agents[agent].queues;
    auto it = std::lower_bound(qs.begin(), qs.end(), queue);
    if (it != qs.end() && *it == queue) return;
    if (sink) sink->OnMembership(agent, queue, true, t);
    qs.insert(it, queue);
}

void Tracker::Impl::Leave(uint32_t agent, uint16_t queue, int64_t t) {
    std::vector<uint16_t>& qs = agents[agent].queues;
    auto it = std::lower_bound(qs.begin(), qs.end(), queue);
    if (it == qs.end() || *it != queue) return;
    if (sink) sink->OnMembership(agent, queue, false, t);
    qs.erase(it);
}

void Tracker::Impl::ChangeLeg(CallLeg* leg, const CallLeg& after) {
    if (sink) sink->OnLeg(leg, after);
    *leg = after;
}

// Ends the talk of an answered leg at t: the open talk or hold spell is closed.
void Tracker::Impl::EndTalk(CallLeg* leg, int64_t t, LegEnd end) {
    CallLeg after = *leg;
    const int64_t spell = std::max<int64_t>(0, t - after.spell_since_ms);
    (after.on_hold ? after.hold_ms : after.talk_ms) += spell;
    after.spell_since_ms = -1;
    after.on_hold = false;
    after.ended_ms = t;
    after.end = end;
    ChangeLeg(leg, after);
}

// Ends the agent's wrap-up at t: its leg is handled (wrap-up = t - end of talk).
void Tracker::Impl::FinishWrap(uint32_t agent, int64_t t) {
    TrackedAgent& a = agents[agent];
    CallLeg after = a.leg;
    after.wrap_ms = std::max<int64_t>(0, t - std::max<int64_t>(after.ended_ms, 0));
    ChangeLeg(&a.leg, after);
    a.last = LegRef{a.leg.call, a.leg.queue, a.leg.home_ms, a.leg.origin};
    a.leg = CallLeg{};
    a.call = 0;
    a.call_since_ms = 0;
}

void Tracker::Impl::StopRinging(uint32_t agent, int64_t t) {
    TrackedAgent& a = agents[agent];
    a.ringing = LegRef{};
    SetState(agent, AgentState::Available, NotReadyReason::None, 0, t);
}

// Takes a waiting call (which must be in `waiting`) out of its queue into *leg; an agent other
// than answering_agent ringing for it goes back to available.
void Tracker::Impl::TakeFromQueue(uint64_t call, int64_t t, uint32_t answering_agent, CallLeg* leg) {
    const Waiting* w = waiting.Find(call);
    *leg = w->leg;
    const uint32_t ringing = w->ringing_agent;
    waiting.Erase(call);
    if (leg->queue < queues.size()) {
        --queues[leg->queue].waiting;
        CleanQueueFront(leg->queue);
    }
    if (ringing != kNoAgent && ringing != answering_agent && ringing < agents.size() &&
        agents[ringing].state == AgentState::Ringing && agents[ringing].call == call) {
        StopRinging(ringing, t);
    }
}

// Drops answered and abandoned callers from the front of the queue's arrival list.
void Tracker::Impl::CleanQueueFront(uint16_t queue) {
    QueueWaiting& q = queues[queue];
    while (q.fifo_head < q.fifo.size()) {
        const auto& [entry, call] = q.fifo[q.fifo_head];
        const Waiting* w = waiting.Find(call);
        if (w != nullptr && w->leg.home_ms == entry && w->leg.queue == queue) break;
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

// The leg of a call leaving its queue at e.t_ms (answered by answering_agent, or abandoned or
// exited): the waiting leg (its value before goes to *before), or, when the call was not seen
// entering (a source without queue entry), a new leg that entered at e.t_ms - the stated wait.
// Its wait is set.
CallLeg Tracker::Impl::LeaveQueue(const Event& e, uint32_t answering_agent, bool was_waiting, CallLeg* before) {
    CallLeg after;
    if (was_waiting) {
        TakeFromQueue(e.call, e.t_ms, answering_agent, before);
        after = *before;
        after.wait_ms = std::max<int64_t>(0, e.t_ms - before->home_ms);
    } else {
        const int64_t wait = std::max<int64_t>(0, e.wait_ms);
        after.call = e.call;
        after.origin = e.id;
        after.home_ms = e.t_ms - wait;
        after.queue = e.queue < queues.size() ? e.queue : kNoQueue;
        after.wait_ms = wait;
    }
    return after;
}

LegRef Tracker::Impl::RefAt(uint64_t call, uint16_t queue, int64_t t) const {
    return LegRef{call, queue < queues.size() ? queue : kNoQueue, t};
}

void Tracker::Impl::FireWrapDeadlines(int64_t up_to_ms) {
    while (!deadlines.empty() && deadlines.top().at_ms <= up_to_ms) {
        const tracker_detail::WrapDeadline d = deadlines.top();
        deadlines.pop();
        if (d.agent >= agents.size()) continue;
        const TrackedAgent& a = agents[d.agent];
        if (a.state != AgentState::WrapUp || a.call != d.call) continue;  // ended otherwise already
        FinishWrap(d.agent, d.at_ms);
        SetState(d.agent, AgentState::Available, NotReadyReason::None, 0, d.at_ms);
    }
}

bool Tracker::Impl::Apply(const Event& e) {
    const int64_t t = e.t_ms;
    const bool queue_ok = e.queue < queues.size();
    TrackedAgent* a = e.agent < agents.size() ? &agents[e.agent] : nullptr;
    const AgentState st = a != nullptr ? a->state : AgentState::LoggedOut;
    // The event's call is the agent's current one (call 0 on agent events means "current").
    const bool on_this_call = a != nullptr && a->call != 0 && (e.call == 0 || e.call == a->call);
    bool ok = true;

    switch (e.kind) {
    case EventKind::CallOffered: {
        if (!queue_ok || e.call == 0) { ok = false; break; }
        bool inserted = false;
        Waiting& w = waiting.Insert(e.call, &inserted);
        if (!inserted) { ok = false; break; }  // already waiting somewhere
        w.ringing_agent = kNoAgent;
        w.leg = CallLeg{};
        CallLeg leg;
        leg.call = e.call;
        leg.origin = e.id;
        leg.home_ms = t;
        leg.queue = e.queue;
        if (sink) sink->OnLeg(nullptr, leg);
        w.leg = leg;
        QueueWaiting& q = queues[e.queue];
        ++q.waiting;
        q.fifo.emplace_back(t, e.call);
        break;
    }
    case EventKind::AgentRinging: {
        if (a == nullptr || e.call == 0 || IsTalkingState(st)) { ok = false; break; }
        if (st == AgentState::WrapUp) FinishWrap(e.agent, t);
        Waiting* w = waiting.Find(e.call);
        if (w != nullptr) w->ringing_agent = e.agent;
        const LegRef ref = w != nullptr ? LegRef{e.call, w->leg.queue, w->leg.home_ms, w->leg.origin}
                                        : RefAt(e.call, queue_ok ? e.queue : kNoQueue, t);
        SetState(e.agent, AgentState::Ringing, NotReadyReason::None, e.call, t);
        a->ringing = ref;
        a->call_since_ms = 0;
        Join(e.agent, ref.queue, t);
        break;
    }
    case EventKind::RingNoAnswer: {
        if (a == nullptr) { ok = false; break; }
        Waiting* w = e.call != 0 ? waiting.Find(e.call) : nullptr;
        const bool ringing_it = st == AgentState::Ringing && on_this_call;
        const LegRef ref = w != nullptr ? LegRef{e.call, w->leg.queue, w->leg.home_ms, w->leg.origin}
                           : ringing_it ? a->ringing
                                        : RefAt(e.call, queue_ok ? e.queue : kNoQueue, t);
        if (sink) sink->OnRingMiss(RingMiss{e.call, e.agent, ref.queue, ref.home_ms, t, e.ring_ms});
        if (w != nullptr) {
            CallLeg after = w->leg;
            ++after.ring_noanswer;
            ChangeLeg(&w->leg, after);
            if (w->ringing_agent == e.agent) w->ringing_agent = kNoAgent;
        }
        if (ringing_it) StopRinging(e.agent, t);
        Join(e.agent, ref.queue, t);
        break;
    }
    case EventKind::CallAnswered: {
        if (a == nullptr || e.call == 0 || IsTalkingState(st)) { ok = false; break; }
        if (st == AgentState::WrapUp) FinishWrap(e.agent, t);
        CallLeg before;
        const bool was_waiting = waiting.Find(e.call) != nullptr;
        CallLeg after = LeaveQueue(e, e.agent, was_waiting, &before);  // another agent ringing for it stops
        after.agent = e.agent;
        after.answered_ms = t;
        after.spell_since_ms = t;
        after.on_hold = false;
        if (sink) sink->OnLeg(was_waiting ? &before : nullptr, after);
        SetState(e.agent, AgentState::OnCall, NotReadyReason::None, e.call, t);
        a->leg = after;
        a->ringing = LegRef{};
        a->call_since_ms = t;
        Join(e.agent, after.queue, t);
        break;
    }
    case EventKind::CallHold:
    case EventKind::CallResume: {
        const bool hold = e.kind == EventKind::CallHold;
        if (!(on_this_call && st == (hold ? AgentState::OnCall : AgentState::OnHold))) { ok = false; break; }
        CallLeg after = a->leg;
        (hold ? after.talk_ms : after.hold_ms) += std::max<int64_t>(0, t - after.spell_since_ms);
        after.spell_since_ms = t;
        after.on_hold = hold;
        ChangeLeg(&a->leg, after);
        SetState(e.agent, hold ? AgentState::OnHold : AgentState::OnCall, NotReadyReason::None, a->call, t);
        break;
    }
    case EventKind::CallTransferred:
    case EventKind::CallCompleted: {
        if (!(on_this_call && IsTalkingState(st))) { ok = false; break; }
        const bool transfer = e.kind == EventKind::CallTransferred;
        if (transfer && e.target_queue < queues.size()) {
            CallLeg target = a->leg;
            target.target_queue = e.target_queue;
            a->leg = target;  // told with the end below
        }
        EndTalk(&a->leg, t, transfer ? LegEnd::Transferred : LegEnd::Completed);
        SetState(e.agent, AgentState::WrapUp, NotReadyReason::None, a->call, t);
        if (const uint16_t q = a->leg.queue; q < dir.queues.size()) {
            const QueueInfo& info = dir.queues[q];
            if (info.wrap_up_s > 0) {
                deadlines.push({t + int64_t{info.wrap_up_s} * 1000, e.agent, a->call});
            } else if (info.wrap_up_by_system) {  // no wrap-up: the agent is free at once
                FinishWrap(e.agent, t);
                SetState(e.agent, AgentState::Available, NotReadyReason::None, 0, t);
            }
        }
        break;
    }
    case EventKind::CallAbandoned:
    case EventKind::CallExited: {
        const bool was_waiting = e.call != 0 && waiting.Find(e.call) != nullptr;
        if (!was_waiting && !queue_ok) { ok = false; break; }
        CallLeg before;
        CallLeg after = LeaveQueue(e, kNoAgent, was_waiting, &before);  // an agent ringing for it stops
        after.ended_ms = t;
        if (e.kind == EventKind::CallExited) {
            after.end = LegEnd::Exited;
            after.exit_reason = e.exit_reason == ExitReason::None ? ExitReason::Other : e.exit_reason;
        } else {
            after.end = LegEnd::Abandoned;
        }
        if (sink) sink->OnLeg(was_waiting ? &before : nullptr, after);
        break;
    }
    case EventKind::WrapUpEnded:
        if (a == nullptr || st != AgentState::WrapUp) { ok = false; break; }
        FinishWrap(e.agent, t);
        SetState(e.agent, AgentState::Available, NotReadyReason::None, 0, t);
        break;
    case EventKind::AgentLogin:
        if (a == nullptr || st != AgentState::LoggedOut) { ok = false; break; }
        SetState(e.agent, AgentState::NotReady, NotReadyReason::None, 0, t);
        if (queue_ok) Join(e.agent, e.queue, t);
        break;
    case EventKind::AgentLogout:
        if (a == nullptr || st == AgentState::LoggedOut) { ok = false; break; }
        if (IsTalkingState(st)) {  // logged out mid-call: the call ends here with no wrap-up
            EndTalk(&a->leg, t, LegEnd::Completed);
            FinishWrap(e.agent, t);
        } else if (st == AgentState::WrapUp) {
            FinishWrap(e.agent, t);
        } else if (st == AgentState::Ringing) {
            if (Waiting* w = waiting.Find(a->call); w != nullptr && w->ringing_agent == e.agent)
                w->ringing_agent = kNoAgent;
            a->ringing = LegRef{};
        }
        SetState(e.agent, AgentState::LoggedOut, NotReadyReason::None, 0, t);
        break;
    case EventKind::AgentReady:
    case EventKind::AgentNotReady: {
        if (a == nullptr || IsTalkingState(st) || st == AgentState::Ringing) { ok = false; break; }
        if (st == AgentState::WrapUp) FinishWrap(e.agent, t);  // source without WrapUpEnded
        const bool ready = e.kind == EventKind::AgentReady;
        if (!(ready && st == AgentState::Available)) {  // already available: the spell continues
            SetState(e.agent, ready ? AgentState::Available : AgentState::NotReady,
                     ready ? NotReadyReason::None : e.reason, 0, t);
        }
        if (queue_ok) Join(e.agent, e.queue, t);
        break;
    }
    case EventKind::OutcomeTagged: {
        LegRef ref;
        if (a != nullptr && a->call != 0 && a->call == e.call) {
            ref = st == AgentState::Ringing ? a->ringing : LegRef{a->leg.call, a->leg.queue, a->leg.home_ms, a->leg.origin};
        } else if (a != nullptr && a->last.call != 0 && a->last.call == e.call) {
            ref = a->last;
        } else {
            ref = RefAt(e.call, queue_ok ? e.queue : kNoQueue, t);
        }
        if (a == nullptr && ref.queue == kNoQueue) { ok = false; break; }
        OutcomeTag tag;
        tag.call = e.call;
        tag.agent = a != nullptr ? e.agent : kNoAgent;
        tag.queue = ref.queue;
        tag.home_ms = ref.home_ms;
        tag.origin = ref.origin;
        tag.t_ms = t;
        tag.outcome = e.outcome;
        tag.value_cents = e.value_cents;
        if (sink) sink->OnOutcomeTag(tag);
        break;
    }
    case EventKind::MemberAdded:
    case EventKind::MemberRemoved:
        if (a == nullptr || !queue_ok) { ok = false; break; }
        if (e.kind == EventKind::MemberAdded) Join(e.agent, e.queue, t);
        else Leave(e.agent, e.queue, t);
        break;
    case EventKind::kCount:
        ok = false;
        break;
    }

    if (ok) {
        ++stats.applied;
        last_event_ms = std::max(last_event_ms, t);
    } else {
        ++stats.invalid;
    }
    return ok;
}

Tracker::Tracker(const Directory& directory, TimeZone zone, TrackerSink* sink)
    : m_impl(std::make_unique<Impl>(directory, std::move(zone), sink)) {}
Tracker::~Tracker() = default;
Tracker::Tracker(Tracker&&) noexcept = default;
Tracker& Tracker::operator=(Tracker&&) noexcept = default;

void Tracker::set_sink(TrackerSink* sink) { m_impl->sink = sink; }
void Tracker::FireWrapDeadlines(int64_t up_to_ms) { m_impl->FireWrapDeadlines(up_to_ms); }
void Tracker::StartDay(int64_t day_start_ms) { m_impl->StartDay(day_start_ms); }
int64_t Tracker::DayStartOf(int64_t t_ms) const { return m_impl->DayStartOf(t_ms); }
const TimeZone& Tracker::zone() const { return m_impl->zone; }
bool Tracker::Apply(const Event& event) { return m_impl->Apply(event); }

bool Tracker::Step(const Event& event) {
    m_impl->FireWrapDeadlines(event.t_ms);
    m_impl->StartDay(m_impl->DayStartOf(event.t_ms));
    return m_impl->Apply(event);
}

const TrackedAgent& Tracker::agent(uint32_t index) const { return m_impl->agents[index]; }
size_t Tracker::agent_count() const { return m_impl->agents.size(); }

int32_t Tracker::waiting(uint16_t queue) const {
    return queue < m_impl->queues.size() ? m_impl->queues[queue].waiting : 0;
}

int64_t Tracker::oldest_waiting_since(uint16_t queue) const {
    if (queue >= m_impl->queues.size()) return 0;
    const QueueWaiting& q = m_impl->queues[queue];
    return q.fifo_head < q.fifo.size() ? q.fifo[q.fifo_head].first : 0;
}

bool Tracker::IsMember(uint32_t agent, uint16_t queue) const {
    if (agent >= m_impl->agents.size()) return false;
    const std::vector<uint16_t>& qs = m_impl->agents[agent].queues;
    return std::binary_search(qs.begin(), qs.end(), queue);
}

const TrackerStats& Tracker::stats() const { return m_impl->stats; }
int64_t Tracker::last_event_ms() const { return m_impl->last_event_ms; }
int64_t Tracker::day_start_ms() const { return m_impl->day_start_ms; }
int64_t Tracker::next_deadline_ms() const {
    return m_impl->deadlines.empty() ? INT64_MAX : m_impl->deadlines.top().at_ms;
}

}  // namespace cb
