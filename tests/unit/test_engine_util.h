// Helpers for the engine tests: a small center, an event stream builder with increasing ids,
// and a field-by-field snapshot comparison that names the first difference.
#pragma once
#include <cstring>
#include <string>
#include <vector>

#include "core/engine.h"

namespace cbtest {

inline constexpr int64_t kS = 1000;
inline constexpr int64_t kMin = 60 * kS;
inline constexpr int64_t kH = 60 * kMin;
inline constexpr int64_t kDay = 24 * kH;
inline constexpr int64_t kT0 = 1772409600000;  // 2026-03-02 00:00 UTC
inline constexpr int64_t kB = kT0 + 8 * kH;    // 08:00 UTC, interval row 32 of 15 minutes

// Queues: 0 "sales" (80/20, short abandon 5 s), 1 "support" (80/30, short 10 s).
// Teams 0 and 1. Agents: 0 (team 0, sales), 1 (team 0, support), 2 (team 1, skills 0 = all),
// 3 (team 1, sales + support).
inline cb::Directory SmallCenter() {
    cb::Directory d;
    d.queues.push_back({"sales", "Sales", "销售", {cb::SlVariant::AnsweredOverOfferedLessShort, 20, 0.8, 5}});
    d.queues.push_back({"support", "Support", "支持", {cb::SlVariant::AnsweredOverOffered, 30, 0.8, 10}});
    d.teams.push_back({"a", "Team A", "一组", 0});
    d.teams.push_back({"b", "Team B", "二组", 2});
    d.agents.push_back({"1001", "Wang Fang", "王芳", 0, 0, 0, 12, 0b01});
    d.agents.push_back({"1002", "Li Na", "李娜", 0, 0, 1, 3, 0b10});
    d.agents.push_back({"1003", "Zhang Wei", "张伟", 1, 0, 0, 30, 0});
    d.agents.push_back({"1004", "Liu Yang", "刘洋", 1, 0, 1, 7, 0b11});
    return d;
}

inline cb::EngineConfig TestConfig(int32_t tz_offset_min = 0) {
    cb::EngineConfig c;
    c.interval_minutes = 15;
    c.tz_offset_min = tz_offset_min;
    c.reorder_window_ms = 1000;
    c.dedup_window_ms = 600000;
    return c;
}

// Builds events with increasing ids.
struct Stream {
    uint64_t next_id = 1;
    std::vector<cb::Event> events;

    cb::Event& Add(cb::EventKind kind, int64_t t, uint64_t call = 0, uint32_t agent = cb::kNoAgent,
                   uint16_t queue = cb::kNoQueue) {
        cb::Event e;
        e.id = next_id++;
        e.kind = kind;
        e.t_ms = t;
        e.call = call;
        e.agent = agent;
        e.queue = queue;
        events.push_back(e);
        return events.back();
    }
    void Offered(int64_t t, uint64_t call, uint16_t q) { Add(cb::EventKind::CallOffered, t, call, cb::kNoAgent, q); }
    void Ringing(int64_t t, uint64_t call, uint32_t a) { Add(cb::EventKind::AgentRinging, t, call, a); }
    void RingNoAnswer(int64_t t, uint64_t call, uint32_t a) { Add(cb::EventKind::RingNoAnswer, t, call, a); }
    cb::Event& Answered(int64_t t, uint64_t call, uint32_t a, uint16_t q) {
        return Add(cb::EventKind::CallAnswered, t, call, a, q);
    }
    void Hold(int64_t t, uint64_t call, uint32_t a) { Add(cb::EventKind::CallHold, t, call, a); }
    void Resume(int64_t t, uint64_t call, uint32_t a) { Add(cb::EventKind::CallResume, t, call, a); }
    void Completed(int64_t t, uint64_t call, uint32_t a) { Add(cb::EventKind::CallCompleted, t, call, a); }
    void Transferred(int64_t t, uint64_t call, uint32_t a, uint16_t target) {
        Add(cb::EventKind::CallTransferred, t, call, a).target_queue = target;
    }
    void WrapEnded(int64_t t, uint32_t a) { Add(cb::EventKind::WrapUpEnded, t, 0, a); }
    void Abandoned(int64_t t, uint64_t call, uint16_t q) { Add(cb::EventKind::CallAbandoned, t, call, cb::kNoAgent, q); }
    void Exited(int64_t t, uint64_t call, uint16_t q) {
        Add(cb::EventKind::CallExited, t, call, cb::kNoAgent, q).exit_reason = cb::ExitReason::Timeout;
    }
    void Login(int64_t t, uint32_t a) { Add(cb::EventKind::AgentLogin, t, 0, a); }
    void Logout(int64_t t, uint32_t a) { Add(cb::EventKind::AgentLogout, t, 0, a); }
    void Ready(int64_t t, uint32_t a) { Add(cb::EventKind::AgentReady, t, 0, a); }
    void NotReady(int64_t t, uint32_t a, cb::NotReadyReason r) { Add(cb::EventKind::AgentNotReady, t, 0, a).reason = r; }
    void Tag(int64_t t, uint64_t call, uint32_t a, cb::Outcome o, int64_t cents = 0) {
        cb::Event& e = Add(cb::EventKind::OutcomeTagged, t, call, a);
        e.outcome = o;
        e.value_cents = cents;
    }
    // Login and ready at t.
    void Staff(int64_t t, uint32_t a) {
        Login(t, a);
        Ready(t, a);
    }
};

// Pushes everything, applies it and moves the clock to now_ms.
inline cb::Snapshot Run(cb::Engine& engine, const Stream& s, int64_t now_ms) {
    for (const cb::Event& e : s.events) engine.Push(e);
    engine.AdvanceTo(now_ms);
    return engine.TakeSnapshot();
}

inline bool SameCounts(const cb::KpiCounts& a, const cb::KpiCounts& b) {
    static_assert(sizeof(cb::KpiCounts) == 23 * sizeof(int64_t), "KpiCounts: all int64 fields");
    return std::memcmp(&a, &b, sizeof a) == 0;
}

// "" when equal, else the first difference found.
inline std::string Diff(const cb::Snapshot& a, const cb::Snapshot& b) {
    if (a.version != b.version) return "version";
    if (a.now_ms != b.now_ms) return "now_ms";
    if (a.day_start_ms != b.day_start_ms) return "day_start_ms";
    if (a.queues.size() != b.queues.size() || a.agents.size() != b.agents.size() ||
        a.teams.size() != b.teams.size() || a.intervals.size() != b.intervals.size())
        return "sizes";
    for (size_t i = 0; i < a.queues.size(); ++i) {
        const cb::QueueLive &x = a.queues[i], &y = b.queues[i];
        if (x.waiting != y.waiting || x.oldest_wait_since_ms != y.oldest_wait_since_ms ||
            x.agents_available != y.agents_available || x.agents_on_call != y.agents_on_call ||
            x.agents_wrap_up != y.agents_wrap_up || x.agents_not_ready != y.agents_not_ready ||
            !SameCounts(x.today, y.today))
            return "queue " + std::to_string(i);
    }
    for (size_t i = 0; i < a.teams.size(); ++i) {
        const cb::TeamLive &x = a.teams[i], &y = b.teams[i];
        if (x.agents_logged_in != y.agents_logged_in || x.agents_available != y.agents_available ||
            x.agents_on_call != y.agents_on_call || x.agents_wrap_up != y.agents_wrap_up ||
            x.agents_not_ready != y.agents_not_ready || !SameCounts(x.today, y.today))
            return "team " + std::to_string(i);
    }
    for (size_t i = 0; i < a.agents.size(); ++i) {
        const cb::AgentLive &x = a.agents[i], &y = b.agents[i];
        if (x.state != y.state || x.reason != y.reason || x.state_since_ms != y.state_since_ms ||
            x.call != y.call || x.call_queue != y.call_queue || x.call_since_ms != y.call_since_ms ||
            x.logged_in_since_ms != y.logged_in_since_ms || !SameCounts(x.today, y.today) ||
            std::memcmp(x.state_ms_today, y.state_ms_today, sizeof x.state_ms_today) != 0 ||
            std::memcmp(x.reason_ms_today, y.reason_ms_today, sizeof x.reason_ms_today) != 0)
            return "agent " + std::to_string(i);
    }
    for (size_t q = 0; q < a.intervals.size(); ++q) {
        if (a.intervals[q].size() != b.intervals[q].size()) return "interval count of queue " + std::to_string(q);
        for (size_t r = 0; r < a.intervals[q].size(); ++r) {
            const cb::IntervalRow &x = a.intervals[q][r], &y = b.intervals[q][r];
            if (x.start_ms != y.start_ms || !SameCounts(x.counts, y.counts) || x.agents_staffed != y.agents_staffed)
                return "interval " + std::to_string(r) + " of queue " + std::to_string(q);
        }
    }
    return "";
}

}  // namespace cbtest
