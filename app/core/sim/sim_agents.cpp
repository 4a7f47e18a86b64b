// The agent's day in the event loop: login and first ready, planned not-ready spells (which
// wait for the current call and wrap-up to finish), short pauses after a missed ring, the team
// lead's escalations, and logout at shift end (after the last call's wrap-up).
#include "sim_impl.h"

namespace cb {

void Simulator::Impl::StartDay(int64_t day, bool first) {
    plans = sim::PlanDay(model, day);
    plan_day = day;
    for (uint32_t i = 0; i < plans.size(); ++i) {
        agents[i].pending.clear();
        sim::AgentDayPlan& plan = plans[i];
        if (!plan.works || plan.logout_ms <= now) continue;
        if (first && plan.login_ms <= now) {
            // Shift already under way at the start: logged in and ready now; a spell in progress
            // starts now for what is left of it.
            Schedule(now, SimTimer::Login, i, 0, day);
            Schedule(now, SimTimer::Ready, i, 0, day);
        } else {
            Schedule(plan.login_ms, SimTimer::Login, i, 0, day);
            Schedule(plan.ready_ms, SimTimer::Ready, i, 0, day);
        }
        Schedule(plan.logout_ms, SimTimer::ShiftEnd, i, 0, day);
        for (uint32_t k = 0; k < plan.activities.size(); ++k) {
            sim::Activity& act = plan.activities[k];
            const int64_t end = act.start_ms + act.duration_ms;
            if (end <= now) continue;
            if (act.start_ms < now) {
                act.duration_ms = end - now;
                act.start_ms = now;
            }
            Schedule(act.start_ms, SimTimer::ActivityStart, i, k, day);
        }
    }
    Schedule(sim::LocalDayStartMs(day + 1, model.config.tz_offset_min), SimTimer::DayBegin, 0, 0, day + 1);
}

void Simulator::Impl::OnLogin(uint32_t agent, int64_t day) {
    SimAgent& a = agents[agent];
    if (day != plan_day || a.mode != SimMode::LoggedOut) return;
    Push(MakeEvent(EventKind::AgentLogin, agent));
    a.mode = SimMode::NotReady;
    a.ready_pending = true;
    const uint32_t skills = model.directory.agents[agent].skills;
    for (int q = 0; q < sim::kQueueCount; ++q) {
        if (skills & (1u << q)) skilled_logged_in[q]++;
    }
}

void Simulator::Impl::OnReady(uint32_t agent, int64_t day) {
    SimAgent& a = agents[agent];
    if (day != plan_day || a.mode != SimMode::NotReady || !a.ready_pending) return;
    a.ready_pending = false;
    if (a.activity >= 0) return;  // in a spell (e.g. the lead's briefing): ready when it ends
    AgentFree(agent, true);
}

void Simulator::Impl::OnShiftEnd(uint32_t agent, int64_t day) {
    SimAgent& a = agents[agent];
    if (day != plan_day || a.mode == SimMode::LoggedOut) return;
    if (a.mode == SimMode::Available || a.mode == SimMode::NotReady) {
        Logout(agent);
    } else {
        a.logout_pending = true;  // on a call, in wrap-up or with an escalation: finish first
    }
}

void Simulator::Impl::OnActivityStart(uint32_t agent, uint32_t index, int64_t day) {
    SimAgent& a = agents[agent];
    if (day != plan_day) return;
    switch (a.mode) {
    case SimMode::LoggedOut: return;  // late or already gone
    case SimMode::Available: StartActivity(agent, static_cast<int32_t>(index)); return;
    case SimMode::NotReady:
        if (a.activity >= 0) {
            a.pending.push_back(static_cast<int32_t>(index));  // previous spell ran over
        } else {
            StartActivity(agent, static_cast<int32_t>(index));
        }
        return;
    default: a.pending.push_back(static_cast<int32_t>(index)); return;  // busy: after wrap-up
    }
}

void Simulator::Impl::StartActivity(uint32_t agent, int32_t index) {
    SimAgent& a = agents[agent];
    RemoveIdle(agent);
    const sim::Activity& act = plans[agent].activities[static_cast<size_t>(index)];
    Event e = MakeEvent(EventKind::AgentNotReady, agent);
    e.reason = act.reason;
    Push(e);
    a.mode = SimMode::NotReady;
    a.activity = index;
    a.ready_pending = false;
    a.pause_gen++;
    a.act_gen++;
    Schedule(now + act.duration_ms + act.overrun_ms, SimTimer::ActivityEnd, agent, a.act_gen);
}

void Simulator::Impl::OnActivityEnd(uint32_t agent, uint32_t gen) {
    SimAgent& a = agents[agent];
    if (gen != a.act_gen || a.activity < 0) return;
    if (a.mode == SimMode::Escalation) {  // the lead's coaching spell ended during an escalation
        if (a.resume_activity == a.activity) a.resume_activity = -1;
        a.activity = -1;
        return;
    }
    if (a.mode != SimMode::NotReady) return;
    a.activity = -1;
    AgentFree(agent, true);
}

void Simulator::Impl::StartPause(uint32_t agent, int64_t length_ms) {
    SimAgent& a = agents[agent];
    a.pause_gen++;
    Schedule(now + length_ms, SimTimer::PauseEnd, agent, a.pause_gen);
}

void Simulator::Impl::OnPauseEnd(uint32_t agent, uint32_t gen) {
    SimAgent& a = agents[agent];
    if (gen != a.pause_gen || a.mode != SimMode::NotReady || a.activity >= 0) return;
    AgentFree(agent, true);
}

// The lead can take an escalation when free or in a spell that can be interrupted.
bool Simulator::Impl::LeadIsFree(uint32_t lead) const {
    const SimAgent& a = agents[lead];
    if (a.logout_pending) return false;
    if (a.mode == SimMode::Available) return true;
    if (a.mode != SimMode::NotReady || a.activity < 0) return false;
    const NotReadyReason r = plans[lead].activities[static_cast<size_t>(a.activity)].reason;
    return r == NotReadyReason::Coaching || r == NotReadyReason::Meeting || r == NotReadyReason::Training;
}

// Escalation: the agent transferred the caller to the lead, who talks to them while not ready
// with reason Escalation (no CallAnswered: the queue already counted the call once).
void Simulator::Impl::StartEscalation(uint32_t lead, uint64_t key) {
    SimAgent& a = agents[lead];
    RemoveIdle(lead);
    a.resume_activity = a.mode == SimMode::NotReady ? a.activity : -1;
    Event e = MakeEvent(EventKind::AgentNotReady, lead);
    e.reason = NotReadyReason::Escalation;
    Push(e);
    a.mode = SimMode::Escalation;
    a.call_key = key;
    a.call_queue = sim::kComplaints;
    Schedule(now + static_cast<int64_t>(calls_rng.LogNormalMean(360.0, 0.5) * 1000.0), SimTimer::EscalationEnd, lead);
}

void Simulator::Impl::OnEscalationEnd(uint32_t lead) {
    SimAgent& a = agents[lead];
    TagOutcome(lead, a.call_key, sim::kComplaints,
               calls_rng.Chance(0.7) ? Outcome::Resolved : Outcome::CallbackPromised);
    a.call_key = 0;
    a.call_queue = kNoQueue;
    a.mode = SimMode::NotReady;
    if (a.resume_activity < 0) a.activity = -1;
    AgentFree(lead, true);
}

// The agent finished something (wrap-up, a spell, a pause, an escalation): log out if the
// shift is over, start a spell that came due, return to an interrupted spell, or take calls.
void Simulator::Impl::AgentFree(uint32_t agent, bool emit_ready) {
    SimAgent& a = agents[agent];
    const int32_t resume = a.resume_activity;
    a.resume_activity = -1;
    if (a.logout_pending) {
        Logout(agent);
        return;
    }
    if (!a.pending.empty()) {
        const int32_t index = a.pending.front();
        a.pending.erase(a.pending.begin());
        StartActivity(agent, index);
        return;
    }
    if (resume >= 0) {
        Event e = MakeEvent(EventKind::AgentNotReady, agent);
        e.reason = plans[agent].activities[static_cast<size_t>(resume)].reason;
        Push(e);
        a.mode = SimMode::NotReady;
        a.activity = resume;
        return;
    }
    if (emit_ready) Push(MakeEvent(EventKind::AgentReady, agent));
    MakeAvailable(agent);
}

void Simulator::Impl::Logout(uint32_t agent) {
    SimAgent& a = agents[agent];
    RemoveIdle(agent);
    Push(MakeEvent(EventKind::AgentLogout, agent));
    a.mode = SimMode::LoggedOut;
    a.activity = -1;
    a.resume_activity = -1;
    a.pending.clear();
    a.ready_pending = false;
    a.logout_pending = false;
    a.act_gen++;
    a.pause_gen++;
    const uint32_t skills = model.directory.agents[agent].skills;
    for (uint16_t q = 0; q < sim::kQueueCount; ++q) {
        if (!(skills & (1u << q))) continue;
        if (--skilled_logged_in[q] == 0) FlushQueue(q);
    }
}

}  // namespace cb
