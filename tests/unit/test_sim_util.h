// Helpers for the simulator tests: run a simulation, and check an event stream against the
// rules a phone system obeys (an agent state machine and a call lifecycle), collecting per-call
// facts the statistical tests need. Independent of the engine on purpose.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>
#include "core/sim/sim_model.h"
#include "core/sim/simulator.h"

namespace cb::simtest {

inline constexpr int64_t kHourMs = 3600000;

// Runs the simulator from its start (08:00 by default) to local midnight `days` days later.
inline std::vector<Event> RunDays(const SimConfig& config, int days, Directory* dir = nullptr) {
    Simulator sim(config);
    std::vector<Event> events;
    const int64_t first_day = sim::LocalDay(sim.now_ms(), config.tz_offset_min);
    sim.RunUntil(sim::LocalDayStartMs(first_day + days, config.tz_offset_min), &events);
    if (dir) *dir = sim.directory();
    return events;
}

enum class St : uint8_t { Out, NotReady, Available, Ringing, OnCall, OnHold, WrapUp };

struct CallFacts {
    uint16_t queue = kNoQueue;
    int64_t offered_ms = -1;
    int64_t answered_ms = -1;
    int64_t ended_ms = -1;        // completed or transferred
    int64_t hold_ms = 0;
    int64_t hold_since = -1;
    int64_t rna_ring_ms = 0;      // time spent ringing agents who did not answer
    int64_t wait_ms = -1;         // queue wait stated at answer / abandon / exit
    uint32_t agent = kNoAgent;    // who answered
    uint32_t ringing_agent = kNoAgent;
    bool abandoned = false;
    bool exited = false;
    bool transferred = false;
    bool transferred_to_queue = false;
};

// Field by field (Event has padding bytes, so memcmp would compare garbage).
inline bool SameEvent(const Event& a, const Event& b) {
    return a.id == b.id && a.t_ms == b.t_ms && a.call == b.call && a.agent == b.agent && a.queue == b.queue &&
           a.kind == b.kind && a.reason == b.reason && a.exit_reason == b.exit_reason && a.outcome == b.outcome &&
           a.target_queue == b.target_queue && a.wait_ms == b.wait_ms && a.ring_ms == b.ring_ms &&
           a.value_cents == b.value_cents;
}

struct CheckResult {
    std::vector<std::string> errors;           // empty when the stream is well-formed
    std::unordered_map<uint64_t, CallFacts> calls;
    std::vector<St> final_state;
};

// Replays events; every violated rule adds an error (first 20 kept).
inline CheckResult CheckEvents(const Directory& dir, const std::vector<Event>& events) {
    CheckResult r;
    const size_t n = dir.agents.size();
    std::vector<St> st(n, St::Out);
    std::vector<uint64_t> agent_call(n, 0);
    std::vector<int64_t> lead_escalations(n, 0);  // transfers to the lead not yet taken
    auto fail = [&](const Event& e, const std::string& what) {
        if (r.errors.size() < 20) {
            r.errors.push_back("event " + std::to_string(e.id) + " " + std::string(EventKindName(e.kind)) + ": " + what);
        }
    };
    uint64_t last_id = 0;
    int64_t last_t = INT64_MIN;
    for (const Event& e : events) {
        if (e.id <= last_id) fail(e, "id not increasing");
        if (e.t_ms < last_t) fail(e, "time goes backwards");
        last_id = e.id;
        last_t = e.t_ms;
        const bool agent_ok = e.agent < n;
        const bool queue_ok = e.queue < dir.queues.size();
        St* s = agent_ok ? &st[e.agent] : nullptr;
        CallFacts* c = nullptr;
        if (e.kind != EventKind::CallOffered && e.call != 0) {
            auto it = r.calls.find(e.call);
            if (it == r.calls.end()) {
                fail(e, "call never offered");
            } else {
                c = &it->second;
            }
        }
        switch (e.kind) {
        case EventKind::CallOffered:
            if (!queue_ok || e.call == 0) fail(e, "bad queue or call");
            if (r.calls.count(e.call)) fail(e, "call key reused");
            r.calls[e.call].queue = e.queue;
            r.calls[e.call].offered_ms = e.t_ms;
            break;
        case EventKind::AgentRinging:
            if (!s || *s != St::Available) { fail(e, "agent not available"); break; }
            if (!c || c->answered_ms >= 0 || c->abandoned || c->exited || c->ringing_agent != kNoAgent) {
                fail(e, "call not waiting");
                break;
            }
            if (e.queue != c->queue || !(dir.agents[e.agent].skills & (1u << e.queue))) fail(e, "queue or skill");
            *s = St::Ringing;
            agent_call[e.agent] = e.call;
            c->ringing_agent = e.agent;
            break;
        case EventKind::RingNoAnswer:
            if (!s || *s != St::Ringing || agent_call[e.agent] != e.call || !c) { fail(e, "not ringing"); break; }
            if (e.ring_ms != sim::kRingTimeoutMs) fail(e, "ring time");
            c->rna_ring_ms += e.ring_ms;
            c->ringing_agent = kNoAgent;
            *s = St::Available;
            agent_call[e.agent] = 0;
            break;
        case EventKind::CallAnswered:
            if (!s || *s != St::Ringing || agent_call[e.agent] != e.call || !c) { fail(e, "answer without ring"); break; }
            if (e.ring_ms < 2000 || e.ring_ms > 8000) fail(e, "ring time");
            if (e.wait_ms < 0 || c->offered_ms + e.wait_ms + e.ring_ms != e.t_ms) fail(e, "wait + ring != answer time");
            *s = St::OnCall;
            c->answered_ms = e.t_ms;
            c->wait_ms = e.wait_ms;
            c->agent = e.agent;
            c->ringing_agent = kNoAgent;
            break;
        case EventKind::CallHold:
            if (!s || *s != St::OnCall || agent_call[e.agent] != e.call || !c) { fail(e, "hold not on call"); break; }
            *s = St::OnHold;
            c->hold_since = e.t_ms;
            break;
        case EventKind::CallResume:
            if (!s || *s != St::OnHold || agent_call[e.agent] != e.call || !c) { fail(e, "resume not on hold"); break; }
            *s = St::OnCall;
            c->hold_ms += e.t_ms - c->hold_since;
            break;
        case EventKind::CallCompleted:
        case EventKind::CallTransferred:
            if (!s || *s != St::OnCall || agent_call[e.agent] != e.call || !c) { fail(e, "end not on call"); break; }
            *s = St::WrapUp;
            c->ended_ms = e.t_ms;
            if (e.kind == EventKind::CallTransferred) {
                c->transferred = true;
                if (e.target_queue != kNoQueue) {
                    c->transferred_to_queue = true;
                } else {
                    lead_escalations[dir.teams[dir.agents[e.agent].team].lead]++;
                }
            }
            break;
        case EventKind::CallAbandoned:
        case EventKind::CallExited:
            if (!c || c->answered_ms >= 0 || c->abandoned || c->exited || c->ringing_agent != kNoAgent) {
                fail(e, "call not waiting");
                break;
            }
            if (e.wait_ms != e.t_ms - c->offered_ms) fail(e, "wait");
            if (e.kind == EventKind::CallExited && e.exit_reason == ExitReason::None) fail(e, "exit reason");
            c->abandoned = e.kind == EventKind::CallAbandoned;
            c->exited = e.kind == EventKind::CallExited;
            c->wait_ms = e.wait_ms;
            break;
        case EventKind::WrapUpEnded:
            if (!s || *s != St::WrapUp) { fail(e, "not in wrap-up"); break; }
            *s = St::Available;
            agent_call[e.agent] = 0;
            break;
        case EventKind::AgentLogin:
            if (!s || *s != St::Out) { fail(e, "login twice"); break; }
            *s = St::NotReady;
            break;
        case EventKind::AgentLogout:
            if (!s || (*s != St::Available && *s != St::NotReady)) { fail(e, "logout while busy"); break; }
            *s = St::Out;
            break;
        case EventKind::AgentReady:
            if (!s || (*s != St::NotReady && *s != St::WrapUp)) { fail(e, "ready from wrong state"); break; }
            *s = St::Available;
            break;
        case EventKind::AgentNotReady:
            if (!s || (*s != St::Available && *s != St::NotReady && *s != St::WrapUp)) {
                fail(e, "not ready from wrong state");
                break;
            }
            if (e.reason == NotReadyReason::None) fail(e, "no reason");
            if (e.reason == NotReadyReason::Escalation) {
                if (lead_escalations[e.agent] == 0) fail(e, "escalation without a transfer to this lead");
                else lead_escalations[e.agent]--;
            }
            *s = St::NotReady;
            break;
        case EventKind::OutcomeTagged:
            if (!agent_ok || !c || c->answered_ms < 0) fail(e, "outcome for a call not answered");
            if (e.outcome == Outcome::Order && e.value_cents <= 0) fail(e, "order without value");
            break;
        case EventKind::MemberAdded:
        case EventKind::MemberRemoved: fail(e, "the simulator's membership is its agents' skills"); break;
        case EventKind::kCount: fail(e, "bad kind"); break;
        }
    }
    r.final_state = st;
    return r;
}

// Fresh arrivals (not transfer legs) by local hour of day, summed over days. A transferred
// caller's new leg is the CallOffered right after the CallTransferred to its queue.
inline std::vector<double> ArrivalsByHour(const std::vector<Event>& events, int32_t tz) {
    std::vector<double> hours(24, 0.0);
    bool after_transfer = false;
    for (const Event& e : events) {
        if (e.kind == EventKind::CallOffered && !after_transfer) {
            hours[static_cast<size_t>(sim::MinuteOfDay(e.t_ms, tz) / 60.0)] += 1.0;
        }
        after_transfer = e.kind == EventKind::CallTransferred && e.target_queue != kNoQueue;
    }
    return hours;
}

}  // namespace cb::simtest
