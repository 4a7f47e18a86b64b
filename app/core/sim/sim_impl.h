// Internal state of the simulator's event loop, shared by simulator.cpp (timers, arrivals,
// routing, the call flow) and sim_agents.cpp (the agent's day: login, spells, escalations).
// Every change happens in a timer handler; timers run in (time, scheduling order), so a run is
// the same whether RunUntil is called once or in many small steps.
#pragma once
#include <deque>
#include <queue>
#include <set>
#include <utility>
#include <vector>
#include "sim_model.h"

namespace cb {

enum class SimTimer : uint8_t {
    DayBegin, Arrival, CallDeadline, RingEnd, HoldStart, HoldEnd, TalkEnd, WrapEnd,
    Login, Ready, ShiftEnd, ActivityStart, ActivityEnd, PauseEnd, EscalationEnd
};

struct SimTimerItem {
    int64_t t = 0;
    uint64_t seq = 0;
    SimTimer type = SimTimer::DayBegin;
    uint32_t a = 0;  // agent or call slot
    uint32_t b = 0;  // generation, activity index or flag
    int64_t c = 0;   // plan day or kind
};

struct SimTimerLater {
    bool operator()(const SimTimerItem& x, const SimTimerItem& y) const {
        return x.t != y.t ? x.t > y.t : x.seq > y.seq;
    }
};

// What the simulator believes an agent is doing (mirrors the states the events imply).
enum class SimMode : uint8_t { LoggedOut, NotReady, Available, Ringing, OnCall, OnHold, WrapUp, Escalation };

inline constexpr uint32_t kNoSlot = 0xFFFFFFFFu;

struct SimAgent {
    SimMode mode = SimMode::LoggedOut;
    int64_t idle_since = 0;
    bool in_idle = false;          // listed in the idle sets of its skills
    uint32_t call = kNoSlot;       // call slot while ringing or talking
    uint64_t call_key = 0;         // call of the current contact (also in wrap-up / escalation)
    uint16_t call_queue = kNoQueue;
    int32_t activity = -1;         // plan activity in progress (NotReady spell)
    std::vector<int32_t> pending;  // activities that came due while busy, oldest first
    int32_t resume_activity = -1;  // lead: spell to return to after an escalation
    bool ready_pending = false;    // logged in, first AgentReady not yet given
    bool logout_pending = false;   // shift over: log out when free
    uint32_t act_gen = 0;          // invalidates ActivityEnd timers
    uint32_t pause_gen = 0;        // invalidates PauseEnd timers
};

struct SimCall {
    uint64_t key = 0;
    uint16_t queue = 0;
    uint32_t gen = 0;              // invalidates deadline timers and stale queue entries
    bool waiting = false;
    int64_t offered_ms = 0;
    int64_t enq_ms = 0;            // when it last (re-)entered the queue
    int64_t queued_ms = 0;         // time spent in queue before the last enqueue (patience used)
    int64_t ring_start_ms = 0;
    int64_t patience_ms = 0;
    int64_t timeout_ms = 0;
    int64_t talk_ms = 0;           // planned talk (hold excluded)
    int64_t hold_at_ms = -1;       // talk time before the hold, -1 = no hold
    int64_t hold_ms = 0;
    double handle_factor = 1.0;
};

struct Simulator::Impl {
    explicit Impl(const SimConfig& config);

    void RunUntil(int64_t t_ms, std::vector<Event>* out);

    // simulator.cpp: timers, events, arrivals, routing, call flow.
    void Schedule(int64_t t, SimTimer type, uint32_t a = 0, uint32_t b = 0, int64_t c = 0);
    void Dispatch(const SimTimerItem& timer);
    Event MakeEvent(EventKind kind, uint32_t agent = kNoAgent, uint64_t call = 0, uint16_t queue = kNoQueue);
    void Push(const Event& e);
    void ScheduleNextArrival(int64_t from_ms);
    void OnArrival();
    void OfferCall(uint16_t queue, sim::Rng& rng);
    uint32_t AllocCall();
    void FreeCall(uint32_t slot);
    void Route(uint32_t slot, bool front);
    void Enqueue(uint32_t slot, bool front);
    void OnCallDeadline(uint32_t slot, uint32_t gen, int64_t kind);
    void FlushQueue(uint16_t queue);
    void Ring(uint32_t agent, uint32_t slot);
    void OnRingEnd(uint32_t agent, bool answered);
    void OnHoldStart(uint32_t agent);
    void OnHoldEnd(uint32_t agent);
    void OnTalkEnd(uint32_t agent);
    void OnWrapEnd(uint32_t agent);
    void StartWrapUp(uint32_t agent, int64_t wrap_ms);
    void TagOutcome(uint32_t agent, uint64_t key, uint16_t queue, Outcome outcome, int64_t value_cents = 0);
    void MakeAvailable(uint32_t agent);
    void InsertIdle(uint32_t agent);
    void RemoveIdle(uint32_t agent);

    // sim_agents.cpp: the agent's day.
    void StartDay(int64_t day, bool first);
    void OnLogin(uint32_t agent, int64_t day);
    void OnReady(uint32_t agent, int64_t day);
    void OnShiftEnd(uint32_t agent, int64_t day);
    void OnActivityStart(uint32_t agent, uint32_t index, int64_t day);
    void OnActivityEnd(uint32_t agent, uint32_t gen);
    void OnPauseEnd(uint32_t agent, uint32_t gen);
    void StartActivity(uint32_t agent, int32_t index);
    void StartPause(uint32_t agent, int64_t length_ms);
    bool LeadIsFree(uint32_t lead) const;
    void StartEscalation(uint32_t lead, uint64_t key);
    void OnEscalationEnd(uint32_t lead);
    void AgentFree(uint32_t agent, bool emit_ready);
    void Logout(uint32_t agent);

    sim::SimModel model;
    sim::Rng arrivals_rng;  // arrival times, queues, caller patience
    sim::Rng calls_rng;     // everything that happens to a call once offered
    int64_t now = 0;
    uint64_t next_event_id = 0;
    uint64_t next_call_key = 0;
    uint64_t next_seq = 0;
    std::vector<Event>* out = nullptr;
    std::priority_queue<SimTimerItem, std::vector<SimTimerItem>, SimTimerLater> timers;

    int64_t plan_day = 0;
    std::vector<sim::AgentDayPlan> plans;
    std::vector<SimAgent> agents;
    std::vector<SimCall> calls;
    std::vector<uint32_t> free_calls;
    // Per queue: callers waiting (slot, gen; stale entries skipped), count, idle agents by idle
    // time, and logged-in agents with the skill.
    std::deque<std::pair<uint32_t, uint32_t>> waiting[sim::kQueueCount];
    int32_t waiting_count[sim::kQueueCount] = {};
    std::set<std::pair<int64_t, uint32_t>> idle[sim::kQueueCount];
    int32_t skilled_logged_in[sim::kQueueCount] = {};
};

}  // namespace cb
