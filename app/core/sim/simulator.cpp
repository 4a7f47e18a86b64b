// The simulator's event loop: timers, arrivals (non-homogeneous Poisson by thinning), skill
// routing to the longest-idle agent, and the call flow ring -> talk (hold) -> end -> wrap-up.
#include <algorithm>
#include "sim_impl.h"

namespace cb {

using sim::GetQueueParams;
using sim::kQueueCount;

Simulator::Simulator(SimConfig config) : m_impl(std::make_unique<Impl>(config)) {}
Simulator::~Simulator() = default;
Simulator::Simulator(Simulator&&) noexcept = default;
Simulator& Simulator::operator=(Simulator&&) noexcept = default;
const Directory& Simulator::directory() const { return m_impl->model.directory; }
void Simulator::RunUntil(int64_t t_ms, std::vector<Event>* out) { m_impl->RunUntil(t_ms, out); }
int64_t Simulator::now_ms() const { return m_impl->now; }
wfm::Schedule Simulator::ScheduleOn(int64_t t_ms) const {
    const sim::SimModel& model = m_impl->model;
    const int64_t day = sim::LocalDay(t_ms, model.config.tz_offset_min);
    // A fresh plan (the event loop trims the spells already under way when it starts mid-day).
    return sim::PublishedSchedule(model, day, sim::PlanDay(model, day));
}

Simulator::Impl::Impl(const SimConfig& config)
    : model(sim::BuildSimModel(config)),
      arrivals_rng(sim::StreamSeed(config.seed, 2)),
      calls_rng(sim::StreamSeed(config.seed, 3)) {
    now = model.config.start_ms;
    agents.resize(model.directory.agents.size());
    StartDay(sim::LocalDay(now, model.config.tz_offset_min), true);
    ScheduleNextArrival(now);
}

void Simulator::Impl::RunUntil(int64_t t_ms, std::vector<Event>* sink) {
    out = sink;
    while (!timers.empty() && timers.top().t <= t_ms) {
        const SimTimerItem timer = timers.top();
        timers.pop();
        now = timer.t;
        Dispatch(timer);
    }
    if (t_ms > now) now = t_ms;
    out = nullptr;
}

void Simulator::Impl::Schedule(int64_t t, SimTimer type, uint32_t a, uint32_t b, int64_t c) {
    SimTimerItem timer;
    timer.t = std::max(t, now);
    timer.seq = next_seq++;
    timer.type = type;
    timer.a = a;
    timer.b = b;
    timer.c = c;
    timers.push(timer);
}

void Simulator::Impl::Dispatch(const SimTimerItem& tm) {
    switch (tm.type) {
    case SimTimer::DayBegin: StartDay(tm.c, false); break;
    case SimTimer::Arrival: OnArrival(); break;
    case SimTimer::CallDeadline: OnCallDeadline(tm.a, tm.b, tm.c); break;
    case SimTimer::RingEnd: OnRingEnd(tm.a, tm.b != 0); break;
    case SimTimer::HoldStart: OnHoldStart(tm.a); break;
    case SimTimer::HoldEnd: OnHoldEnd(tm.a); break;
    case SimTimer::TalkEnd: OnTalkEnd(tm.a); break;
    case SimTimer::WrapEnd: OnWrapEnd(tm.a); break;
    case SimTimer::Login: OnLogin(tm.a, tm.c); break;
    case SimTimer::Ready: OnReady(tm.a, tm.c); break;
    case SimTimer::ShiftEnd: OnShiftEnd(tm.a, tm.c); break;
    case SimTimer::ActivityStart: OnActivityStart(tm.a, tm.b, tm.c); break;
    case SimTimer::ActivityEnd: OnActivityEnd(tm.a, tm.b); break;
    case SimTimer::PauseEnd: OnPauseEnd(tm.a, tm.b); break;
    case SimTimer::EscalationEnd: OnEscalationEnd(tm.a); break;
    }
}

Event Simulator::Impl::MakeEvent(EventKind kind, uint32_t agent, uint64_t call, uint16_t queue) {
    Event e;
    e.kind = kind;
    e.agent = agent;
    e.call = call;
    e.queue = queue;
    return e;
}

void Simulator::Impl::Push(const Event& e) {
    Event stamped = e;
    stamped.id = ++next_event_id;
    stamped.t_ms = now;
    if (out) out->push_back(stamped);
}

// ---- Arrivals ----

void Simulator::Impl::ScheduleNextArrival(int64_t from_ms) {
    const int32_t tz = model.config.tz_offset_min;
    int64_t t = from_ms;
    for (;;) {
        t += static_cast<int64_t>(arrivals_rng.Exponential(1000.0 / model.rate_bound_per_s)) + 1;
        const double minute = sim::MinuteOfDay(t, tz);
        if (minute >= sim::kOpenMinute && minute < sim::kCloseMinute) break;
        // Closed: the process is memoryless, so restart it at the next opening.
        int64_t day = sim::LocalDay(t, tz);
        if (minute >= sim::kCloseMinute) ++day;
        t = sim::LocalDayStartMs(day, tz) + sim::kOpenMinute * sim::kMinuteMs;
    }
    Schedule(t, SimTimer::Arrival);
}

void Simulator::Impl::OnArrival() {
    const double rate = sim::ArrivalRatePerSecond(model, now);
    if (arrivals_rng.Uniform() * model.rate_bound_per_s < rate) {
        double shares[kQueueCount];
        sim::QueueShares(model.config.scenario, sim::MinuteOfDay(now, model.config.tz_offset_min), shares);
        double u = arrivals_rng.Uniform();
        uint16_t queue = kQueueCount - 1;
        for (uint16_t q = 0; q < kQueueCount; ++q) {
            if (u < shares[q]) {
                queue = q;
                break;
            }
            u -= shares[q];
        }
        OfferCall(queue, arrivals_rng);
    }
    ScheduleNextArrival(now);
}

uint32_t Simulator::Impl::AllocCall() {
    if (!free_calls.empty()) {
        const uint32_t slot = free_calls.back();
        free_calls.pop_back();
        const uint32_t gen = calls[slot].gen + 1;
        calls[slot] = SimCall();
        calls[slot].gen = gen;
        return slot;
    }
    calls.emplace_back();
    return static_cast<uint32_t>(calls.size() - 1);
}

void Simulator::Impl::FreeCall(uint32_t slot) {
    calls[slot].gen++;
    calls[slot].waiting = false;
    free_calls.push_back(slot);
}

void Simulator::Impl::OfferCall(uint16_t queue, sim::Rng& rng) {
    const sim::QueueParams& p = GetQueueParams(queue);
    const uint32_t slot = AllocCall();
    SimCall& c = calls[slot];
    c.key = ++next_call_key;
    c.queue = queue;
    c.offered_ms = now;
    c.patience_ms = static_cast<int64_t>(rng.Exponential(p.patience_mean_s * 1000.0));
    c.timeout_ms = static_cast<int64_t>(p.timeout_s * 1000.0);
    Push(MakeEvent(EventKind::CallOffered, kNoAgent, c.key, queue));
    Route(slot, false);
}

// ---- Queues and routing ----

void Simulator::Impl::Route(uint32_t slot, bool front) {
    const uint16_t q = calls[slot].queue;
    if (skilled_logged_in[q] == 0) {  // nobody logged in who could take it
        Event e = MakeEvent(EventKind::CallExited, kNoAgent, calls[slot].key, q);
        e.exit_reason = ExitReason::Empty;
        e.wait_ms = now - calls[slot].offered_ms;
        Push(e);
        FreeCall(slot);
        return;
    }
    if (!idle[q].empty()) {
        Ring(idle[q].begin()->second, slot);  // longest idle agent with the skill
        return;
    }
    Enqueue(slot, front);
}

void Simulator::Impl::Enqueue(uint32_t slot, bool front) {
    SimCall& c = calls[slot];
    c.waiting = true;
    c.enq_ms = now;
    if (front) {
        waiting[c.queue].emplace_front(slot, c.gen);
    } else {
        waiting[c.queue].emplace_back(slot, c.gen);
    }
    waiting_count[c.queue]++;
    const int64_t patience_left = c.patience_ms - c.queued_ms;
    const int64_t timeout_left = c.timeout_ms - c.queued_ms;
    if (patience_left <= timeout_left) {
        Schedule(now + patience_left, SimTimer::CallDeadline, slot, c.gen, 0);
    } else {
        Schedule(now + timeout_left, SimTimer::CallDeadline, slot, c.gen, 1);
    }
}

void Simulator::Impl::OnCallDeadline(uint32_t slot, uint32_t gen, int64_t kind) {
    SimCall& c = calls[slot];
    if (c.gen != gen || !c.waiting) return;
    c.waiting = false;
    waiting_count[c.queue]--;
    Event e = MakeEvent(kind == 0 ? EventKind::CallAbandoned : EventKind::CallExited, kNoAgent, c.key, c.queue);
    if (kind != 0) e.exit_reason = ExitReason::Timeout;
    e.wait_ms = now - c.offered_ms;
    Push(e);
    FreeCall(slot);
}

void Simulator::Impl::FlushQueue(uint16_t queue) {
    for (const auto& [slot, gen] : waiting[queue]) {
        SimCall& c = calls[slot];
        if (c.gen != gen || !c.waiting) continue;
        c.waiting = false;
        Event e = MakeEvent(EventKind::CallExited, kNoAgent, c.key, queue);
        e.exit_reason = ExitReason::Empty;
        e.wait_ms = now - c.offered_ms;
        Push(e);
        FreeCall(slot);
    }
    waiting[queue].clear();
    waiting_count[queue] = 0;
}

void Simulator::Impl::InsertIdle(uint32_t agent) {
    const uint32_t skills = model.directory.agents[agent].skills;
    for (int q = 0; q < kQueueCount; ++q) {
        if (skills & (1u << q)) idle[q].emplace(agents[agent].idle_since, agent);
    }
    agents[agent].in_idle = true;
}

void Simulator::Impl::RemoveIdle(uint32_t agent) {
    if (!agents[agent].in_idle) return;
    const uint32_t skills = model.directory.agents[agent].skills;
    for (int q = 0; q < kQueueCount; ++q) {
        if (skills & (1u << q)) idle[q].erase({agents[agent].idle_since, agent});
    }
    agents[agent].in_idle = false;
}

// The agent is ready: take the most urgent waiting call it is skilled for (longest wait plus
// the queue's priority bonus), or wait in the idle sets.
void Simulator::Impl::MakeAvailable(uint32_t agent) {
    SimAgent& a = agents[agent];
    a.mode = SimMode::Available;
    a.idle_since = now;
    const uint32_t skills = model.directory.agents[agent].skills;
    uint32_t best = kNoSlot;
    double best_score = 0;
    for (int q = 0; q < kQueueCount; ++q) {
        if (!(skills & (1u << q)) || waiting_count[q] == 0) continue;
        auto& list = waiting[q];
        while (!list.empty() && (calls[list.front().first].gen != list.front().second || !calls[list.front().first].waiting)) {
            list.pop_front();
        }
        if (list.empty()) continue;
        const SimCall& c = calls[list.front().first];
        const double score = static_cast<double>(now - c.offered_ms) + GetQueueParams(q).priority_bonus_s * 1000.0;
        if (best == kNoSlot || score > best_score) {
            best = list.front().first;
            best_score = score;
        }
    }
    if (best != kNoSlot) {
        Ring(agent, best);
    } else {
        InsertIdle(agent);
    }
}

// ---- Call flow ----

void Simulator::Impl::Ring(uint32_t agent, uint32_t slot) {
    RemoveIdle(agent);
    SimCall& c = calls[slot];
    if (c.waiting) {
        c.waiting = false;
        waiting_count[c.queue]--;
        c.queued_ms += now - c.enq_ms;
        c.gen++;  // drops the queue entry and the deadline timer
    }
    c.ring_start_ms = now;
    SimAgent& a = agents[agent];
    a.mode = SimMode::Ringing;
    a.call = slot;
    a.call_key = c.key;
    a.call_queue = c.queue;
    Push(MakeEvent(EventKind::AgentRinging, agent, c.key, c.queue));
    const int tenure = model.directory.agents[agent].tenure_months;
    if (calls_rng.Chance(sim::RingNoAnswerProb(tenure))) {
        Schedule(now + sim::kRingTimeoutMs, SimTimer::RingEnd, agent, 0);
    } else {
        Schedule(now + calls_rng.Between(2000, 8000), SimTimer::RingEnd, agent, 1);
    }
}

void Simulator::Impl::OnRingEnd(uint32_t agent, bool answered) {
    SimAgent& a = agents[agent];
    const uint32_t slot = a.call;
    SimCall& c = calls[slot];
    if (!answered) {
        Event e = MakeEvent(EventKind::RingNoAnswer, agent, c.key, c.queue);
        e.ring_ms = now - c.ring_start_ms;
        Push(e);
        a.call = kNoSlot;
        a.call_key = 0;
        // The agent is paused (the phone system does this after a missed ring); the caller
        // goes back to the head of the queue with the patience left.
        Event nr = MakeEvent(EventKind::AgentNotReady, agent);
        nr.reason = NotReadyReason::Other;
        Push(nr);
        a.mode = SimMode::NotReady;
        const int64_t pause = calls_rng.Chance(0.4) ? calls_rng.Between(60000, 240000) : calls_rng.Between(5000, 20000);
        StartPause(agent, pause);
        Route(slot, true);
        return;
    }
    Event e = MakeEvent(EventKind::CallAnswered, agent, c.key, c.queue);
    e.wait_ms = c.ring_start_ms - c.offered_ms;
    e.ring_ms = now - c.ring_start_ms;
    Push(e);
    a.mode = SimMode::OnCall;

    const sim::QueueParams& p = GetQueueParams(c.queue);
    const int tenure = model.directory.agents[agent].tenure_months;
    c.handle_factor = sim::ScenarioHandleFactor(model.config.scenario, sim::MinuteOfDay(now, model.config.tz_offset_min));
    const double talk_mean = p.talk_mean_s * sim::TalkFactor(tenure) * c.handle_factor;
    c.talk_ms = std::max<int64_t>(1000, static_cast<int64_t>(calls_rng.LogNormalMean(talk_mean, p.talk_sigma) * 1000.0));
    const double hold_prob = p.hold_prob * sim::HoldProbFactor(tenure) * (c.handle_factor > 1.0 ? 1.5 : 1.0);
    if (calls_rng.Chance(hold_prob)) {
        c.hold_at_ms = static_cast<int64_t>(static_cast<double>(c.talk_ms) * calls_rng.Uniform(0.25, 0.75));
        const double hold_mean = p.hold_mean_s * (tenure <= 3 ? 1.3 : 1.0);
        c.hold_ms = std::max<int64_t>(1000, static_cast<int64_t>(calls_rng.LogNormalMean(hold_mean, 0.5) * 1000.0));
        Schedule(now + c.hold_at_ms, SimTimer::HoldStart, agent);
    } else {
        c.hold_at_ms = -1;
        Schedule(now + c.talk_ms, SimTimer::TalkEnd, agent);
    }
}

void Simulator::Impl::OnHoldStart(uint32_t agent) {
    SimAgent& a = agents[agent];
    const SimCall& c = calls[a.call];
    Push(MakeEvent(EventKind::CallHold, agent, c.key, c.queue));
    a.mode = SimMode::OnHold;
    Schedule(now + c.hold_ms, SimTimer::HoldEnd, agent);
}

void Simulator::Impl::OnHoldEnd(uint32_t agent) {
    SimAgent& a = agents[agent];
    const SimCall& c = calls[a.call];
    Push(MakeEvent(EventKind::CallResume, agent, c.key, c.queue));
    a.mode = SimMode::OnCall;
    Schedule(now + (c.talk_ms - c.hold_at_ms), SimTimer::TalkEnd, agent);
}

void Simulator::Impl::TagOutcome(uint32_t agent, uint64_t key, uint16_t queue, Outcome outcome, int64_t value_cents) {
    Event e = MakeEvent(EventKind::OutcomeTagged, agent, key, queue);
    e.outcome = outcome;
    e.value_cents = value_cents;
    Push(e);
}

// Conversation over: completed, transferred to another queue, or (complaints) escalated to
// the team lead. Then wrap-up.
void Simulator::Impl::OnTalkEnd(uint32_t agent) {
    SimAgent& a = agents[agent];
    const uint32_t slot = a.call;
    const SimCall c = calls[slot];
    const AgentInfo& info = model.directory.agents[agent];
    const int tenure = info.tenure_months;
    const sim::QueueParams& p = GetQueueParams(c.queue);
    a.call = kNoSlot;
    FreeCall(slot);
    const int64_t wrap_ms = static_cast<int64_t>(
        calls_rng.LogNormalMean(p.wrap_mean_s * sim::TalkFactor(tenure) * (c.handle_factor > 1.0 ? 1.4 : 1.0), p.wrap_sigma) *
        1000.0);
    auto yuan = [&](double median_yuan) {
        return static_cast<int64_t>(calls_rng.LogNormalMedian(median_yuan, 0.7) + 0.5) * 100;
    };

    if (c.queue == sim::kComplaints) {
        const uint32_t lead = model.directory.teams[info.team].lead;
        const bool wants_lead = lead != agent && calls_rng.Chance(sim::EscalationProb(tenure));
        if (wants_lead && LeadIsFree(lead)) {
            Event e = MakeEvent(EventKind::CallTransferred, agent, c.key, c.queue);
            Push(e);  // target_queue stays kNoQueue: straight to the lead, not to a queue
            TagOutcome(agent, c.key, c.queue, Outcome::Complaint);
            StartEscalation(lead, c.key);
            StartWrapUp(agent, wrap_ms);
            return;
        }
        Push(MakeEvent(EventKind::CallCompleted, agent, c.key, c.queue));
        TagOutcome(agent, c.key, c.queue, Outcome::Complaint);
        if (wants_lead) TagOutcome(agent, c.key, c.queue, Outcome::CallbackPromised);  // lead busy: call back
        StartWrapUp(agent, wrap_ms);
        return;
    }
    if ((c.queue == sim::kInquiries || c.queue == sim::kOrders) && calls_rng.Chance(sim::TransferProb(tenure))) {
        uint16_t target = sim::kComplaints;
        if (c.queue == sim::kInquiries && calls_rng.Chance(0.6)) target = sim::kOrders;
        if (c.queue == sim::kOrders && calls_rng.Chance(0.5)) target = sim::kInquiries;
        Event e = MakeEvent(EventKind::CallTransferred, agent, c.key, c.queue);
        e.target_queue = target;
        Push(e);
        StartWrapUp(agent, calls_rng.Between(10000, 30000));
        OfferCall(target, calls_rng);  // the caller's next leg, a new call key in the target queue
        return;
    }
    Push(MakeEvent(EventKind::CallCompleted, agent, c.key, c.queue));
    if (c.queue == sim::kOrders) {
        if (calls_rng.Chance(sim::OrderConversion(tenure))) TagOutcome(agent, c.key, c.queue, Outcome::Order, yuan(300));
    } else if (c.queue == sim::kInquiries) {
        if (calls_rng.Chance(0.05)) {
            TagOutcome(agent, c.key, c.queue, Outcome::Order, yuan(150));
        } else if (calls_rng.Chance(0.7)) {
            TagOutcome(agent, c.key, c.queue, Outcome::Resolved);
        }
    } else {  // VIP
        if (calls_rng.Chance(0.3)) {
            TagOutcome(agent, c.key, c.queue, Outcome::Order, yuan(800));
        } else {
            TagOutcome(agent, c.key, c.queue, Outcome::Resolved);
        }
    }
    StartWrapUp(agent, wrap_ms);
}

void Simulator::Impl::StartWrapUp(uint32_t agent, int64_t wrap_ms) {
    agents[agent].mode = SimMode::WrapUp;
    Schedule(now + std::max<int64_t>(1000, wrap_ms), SimTimer::WrapEnd, agent);
}

void Simulator::Impl::OnWrapEnd(uint32_t agent) {
    SimAgent& a = agents[agent];
    Push(MakeEvent(EventKind::WrapUpEnded, agent, a.call_key, a.call_queue));
    a.call_key = 0;
    a.call_queue = kNoQueue;
    AgentFree(agent, false);
}

}  // namespace cb
