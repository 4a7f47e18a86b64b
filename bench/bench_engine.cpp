// Event engine throughput: a synthetic center (2,000 agents, 24 queues, 40 teams; several days,
// about 5 M events; fixed seed) delivered slightly out of order with a few duplicates. Measures
// events per second through Push + AdvanceTo on one core, and TakeSnapshot time at full size.
// Each agent-day has a published schedule (shift on queue, a 15-minute break 2 h in, a 40-minute
// lunch 4 h in) that the engine is given, so snapshots carry live adherence and staffing that
// follows it; --schedule 0 leaves it out.
// Usage: bench_engine [--days N] [--agents N] [--schedule 0|1]. Results: bench/results/engine.md.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <new>
#include <vector>

#include "core/engine.h"

// Counts heap allocations, to show the per-event path does not allocate once warmed up.
static uint64_t g_allocations = 0;
void* operator new(std::size_t n) {
    ++g_allocations;
    if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using namespace cb;

constexpr int64_t kS = 1000;
constexpr int64_t kMin = 60 * kS;
constexpr int64_t kH = 60 * kMin;
constexpr int64_t kDay = 24 * kH;
constexpr int32_t kTz = 480;                                   // UTC+8
constexpr int64_t kDay0 = 1772409600000 - kTz * kMin;          // 2026-03-02 00:00 local
constexpr int kQueues = 24;
constexpr int kTeams = 40;

// Deterministic helpers on the raw generator (distributions are not portable across libraries).
struct Rng {
    std::mt19937_64 g{20260302};
    double Uniform() { return static_cast<double>(g() >> 11) * (1.0 / 9007199254740992.0); }
    int64_t Range(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(g() % static_cast<uint64_t>(hi - lo + 1)); }
    int64_t Exp(double mean_ms) { return static_cast<int64_t>(-mean_ms * std::log(1.0 - Uniform())); }
    bool Chance(double p) { return Uniform() < p; }
};

std::string Name(const char* prefix, int i) {
    std::string s = prefix;
    s += std::to_string(i);
    return s;
}

Directory MakeCenter(int n_agents, Rng& rng) {
    Directory d;
    for (int q = 0; q < kQueues; ++q) {
        QueueInfo qi;
        qi.key = Name("q", q);
        qi.name_en = Name("Queue ", q);
        qi.name_zh = Name("队列", q);
        qi.sl = {static_cast<SlVariant>(q % static_cast<int>(SlVariant::kCount)), q % 3 == 0 ? 30 : 20, 0.8, 5};
        d.queues.push_back(qi);
    }
    for (int t = 0; t < kTeams; ++t) d.teams.push_back({Name("t", t), Name("Team ", t), Name("组", t), 0xFFFFFFFFu});
    for (int a = 0; a < n_agents; ++a) {
        AgentInfo ai;
        ai.key = Name("", 10000 + a);
        ai.name_en = Name("Agent ", a);
        ai.name_zh = Name("坐席", a);
        ai.team = static_cast<uint16_t>(a % kTeams);
        ai.seat_row = static_cast<uint16_t>((a / kTeams) / 10);
        ai.seat_col = static_cast<uint16_t>((a / kTeams) % 10);
        ai.tenure_months = static_cast<uint16_t>(rng.Range(1, 120));
        if (!rng.Chance(0.05)) {  // 5 % are generalists with skills 0 (all queues)
            const int n = static_cast<int>(rng.Range(1, 4));
            for (int k = 0; k < n; ++k) ai.skills |= 1u << rng.Range(0, kQueues - 1);
        }
        d.agents.push_back(ai);
    }
    return d;
}

struct Generator {
    Rng& rng;
    const Directory& dir;
    std::vector<Event> events;
    wfm::Schedule schedule;  // the published schedule of every agent-day, by agent
    uint64_t next_id = 1;
    uint64_t next_call = 1;

    Event& Add(EventKind kind, int64_t t, uint64_t call = 0, uint32_t agent = kNoAgent, uint16_t queue = kNoQueue) {
        Event e;
        e.id = next_id++;
        e.kind = kind;
        e.t_ms = t;
        e.call = call;
        e.agent = agent;
        e.queue = queue;
        events.push_back(e);
        return events.back();
    }

    uint16_t PickQueue(uint32_t skills) {
        if (skills == 0) return static_cast<uint16_t>(rng.Range(0, kQueues - 1));
        std::vector<uint16_t> qs;
        for (int q = 0; q < kQueues; ++q)
            if (skills & (1u << q)) qs.push_back(static_cast<uint16_t>(q));
        return qs[static_cast<size_t>(rng.Range(0, static_cast<int64_t>(qs.size()) - 1))];
    }

    // A caller who gives up (or times out) without being answered.
    void LostCall(int64_t t, uint16_t queue) {
        const uint64_t call = next_call++;
        Add(EventKind::CallOffered, t, call, kNoAgent, queue);
        const int64_t wait = std::min<int64_t>(rng.Exp(45 * kS), 10 * kMin);
        if (rng.Chance(0.1)) Add(EventKind::CallExited, t + wait, call, kNoAgent, queue).exit_reason = ExitReason::Timeout;
        else Add(EventKind::CallAbandoned, t + wait, call, kNoAgent, queue);
    }

    // One agent's shift: login, calls, breaks, lunch, logout.
    void Shift(uint32_t agent, int64_t day_start) {
        const uint32_t skills = dir.agents[agent].skills;
        int64_t t = day_start + 7 * kH + rng.Range(0, 4 * 60) * kMin + rng.Range(0, 59) * kS;
        const int64_t end = t + 8 * kH;
        std::vector<wfm::Planned>& plan = schedule.agents[agent].activities;
        plan.push_back({t, t + 2 * kH, wfm::Activity::OnQueue});
        plan.push_back({t + 2 * kH, t + 2 * kH + 15 * kMin, wfm::Activity::Break});
        plan.push_back({t + 2 * kH + 15 * kMin, t + 4 * kH, wfm::Activity::OnQueue});
        plan.push_back({t + 4 * kH, t + 4 * kH + 40 * kMin, wfm::Activity::Lunch});
        plan.push_back({t + 4 * kH + 40 * kMin, end, wfm::Activity::OnQueue});
        Add(EventKind::AgentLogin, t, 0, agent);
        t += rng.Range(30, 180) * kS;
        Add(EventKind::AgentReady, t, 0, agent);
        bool had_break = false, had_lunch = false;
        const int64_t start = t;
        while (t < end) {
            if (!had_break && t > start + 2 * kH) {
                had_break = true;
                Add(EventKind::AgentNotReady, t, 0, agent).reason = NotReadyReason::Break;
                t += rng.Range(10, 20) * kMin;
                Add(EventKind::AgentReady, t, 0, agent);
            } else if (!had_lunch && t > start + 4 * kH) {
                had_lunch = true;
                Add(EventKind::AgentNotReady, t, 0, agent).reason = NotReadyReason::Lunch;
                t += rng.Range(30, 45) * kMin;
                Add(EventKind::AgentReady, t, 0, agent);
            }
            t += rng.Exp(30 * kS) + 1;  // idle, available
            const uint16_t queue = PickQueue(skills);
            if (rng.Chance(0.12)) LostCall(t - rng.Range(0, 60) * kS, queue);
            const uint64_t call = next_call++;
            const int64_t ring = rng.Range(2, 8) * kS;
            const int64_t wait = std::min<int64_t>(rng.Exp(10 * kS), 5 * kMin);
            Add(EventKind::CallOffered, t - wait, call, kNoAgent, queue);
            if (rng.Chance(0.04)) {  // rings out once, then is answered by the same agent
                Add(EventKind::AgentRinging, t, call, agent);
                t += 15 * kS;
                Add(EventKind::RingNoAnswer, t, call, agent).ring_ms = 15 * kS;
                t += rng.Range(5, 20) * kS;
            }
            Add(EventKind::AgentRinging, t, call, agent);
            t += ring;
            Add(EventKind::CallAnswered, t, call, agent, queue).ring_ms = ring;
            int64_t talk = rng.Range(40, 420) * kS + rng.Exp(60 * kS);
            if (rng.Chance(0.2)) {
                const int64_t before = talk / 2;
                Add(EventKind::CallHold, t + before, call, agent);
                const int64_t hold = rng.Range(10, 90) * kS;
                Add(EventKind::CallResume, t + before + hold, call, agent);
                talk += hold;
            }
            const double r = rng.Uniform();
            if (r < 0.25) Add(EventKind::OutcomeTagged, t + talk - 5 * kS, call, agent).outcome = Outcome::Order,
                          events.back().value_cents = rng.Range(1000, 500000);
            else if (r < 0.28) Add(EventKind::OutcomeTagged, t + talk - 5 * kS, call, agent).outcome = Outcome::Complaint;
            t += talk;
            if (rng.Chance(0.05)) Add(EventKind::CallTransferred, t, call, agent).target_queue = PickQueue(0);
            else Add(EventKind::CallCompleted, t, call, agent);
            t += rng.Range(5, 60) * kS;
            Add(EventKind::WrapUpEnded, t, 0, agent);
        }
        Add(EventKind::AgentLogout, t + rng.Range(1, 60) * kS, 0, agent);
    }
};

struct Arrival {
    int64_t at;
    Event e;
};

double Seconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

struct RunResult {
    double seconds = 0;
    uint64_t allocations = 0;       // heap allocations while replaying, snapshots excluded
    EngineStats stats;
    Snapshot last;
    Snapshot at_eleven;             // the last day's 11:00 snapshot (when snapshots are taken)
};

// Pushes every arrival and moves the clock: after each event, or once per `tick_ms` of arrival time.
RunResult Replay(const Directory& dir, const std::vector<Arrival>& arrivals, int64_t tick_ms,
                 std::vector<double>* snapshot_ms, const wfm::Schedule* schedule) {
    EngineConfig cfg;
    cfg.tz_offset_min = kTz;
    cfg.interval_minutes = 15;
    Engine engine(dir, cfg);
    std::string error;
    if (schedule && !engine.SetSchedule(*schedule, &error)) {
        std::fprintf(stderr, "schedule refused: %s\n", error.c_str());
        std::exit(1);
    }
    RunResult r;
    auto t0 = std::chrono::steady_clock::now();
    const uint64_t alloc0 = g_allocations;
    uint64_t snapshot_allocations = 0;
    int64_t next_tick = arrivals.front().at;
    // Snapshot timing points: local 11:00 of each day (busy floor).
    int64_t next_snap = kDay0 + 11 * kH;
    for (const Arrival& a : arrivals) {
        engine.Push(a.e);
        if (tick_ms == 0) {
            engine.AdvanceTo(a.at);
        } else if (a.at >= next_tick) {
            engine.AdvanceTo(a.at);
            next_tick = a.at + tick_ms;
        }
        if (snapshot_ms != nullptr && a.at >= next_snap) {
            const auto s0 = std::chrono::steady_clock::now();
            const uint64_t a0 = g_allocations;
            constexpr int kSnapReps = 20;
            for (int i = 0; i < kSnapReps; ++i) {
                Snapshot s = engine.TakeSnapshot();
                if (s.agents.size() != dir.agents.size()) std::abort();
                if (i == 0) r.at_eleven = std::move(s);
            }
            const auto s1 = std::chrono::steady_clock::now();
            snapshot_allocations += g_allocations - a0;
            snapshot_ms->push_back(Seconds(s1 - s0) * 1000.0 / kSnapReps);
            t0 += s1 - s0;  // keep snapshot time out of the throughput figure
            next_snap += kDay;
        }
    }
    engine.Flush();
    r.seconds = Seconds(std::chrono::steady_clock::now() - t0);
    r.allocations = g_allocations - alloc0 - snapshot_allocations;
    r.stats = engine.stats();
    r.last = engine.TakeSnapshot();
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    int days = 7;
    int n_agents = 2000;
    bool with_schedule = true;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--days") == 0) days = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--agents") == 0) n_agents = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--schedule") == 0) with_schedule = std::atoi(argv[i + 1]) != 0;
    }
    Rng rng;
    const Directory dir = MakeCenter(n_agents, rng);

    // Generate, then deliver in arrival order: each event up to 500 ms late (window 2 s), and
    // 0.5 % of events delivered twice up to 5 s apart.
    const auto g0 = std::chrono::steady_clock::now();
    Generator gen{rng, dir, {}, {}};
    for (const AgentInfo& a : dir.agents) gen.schedule.agents.push_back({a.key, {}});
    gen.events.reserve(static_cast<size_t>(days) * static_cast<size_t>(n_agents) * 480);
    for (int d = 0; d < days; ++d)
        for (uint32_t a = 0; a < static_cast<uint32_t>(n_agents); ++a) gen.Shift(a, kDay0 + d * kDay);
    std::vector<Arrival> arrivals;
    arrivals.reserve(gen.events.size() + gen.events.size() / 100);
    size_t dups = 0;
    for (const Event& e : gen.events) {
        arrivals.push_back({e.t_ms + rng.Range(0, 500), e});
        if (rng.Chance(0.005)) {
            arrivals.push_back({e.t_ms + rng.Range(0, 5000), e});
            ++dups;
        }
    }
    std::stable_sort(arrivals.begin(), arrivals.end(), [](const Arrival& a, const Arrival& b) {
        return a.at != b.at ? a.at < b.at : a.e.id < b.e.id;
    });
    const double gen_s = Seconds(std::chrono::steady_clock::now() - g0);
    std::printf("center: %d agents, %d queues, %d teams; %d days\n", n_agents, kQueues, kTeams, days);
    std::printf("events: %zu generated + %zu duplicates = %zu delivered (generation %.1f s, not timed)\n",
                gen.events.size(), dups, arrivals.size(), gen_s);
    size_t planned = 0;
    for (const wfm::AgentSchedule& a : gen.schedule.agents) planned += a.activities.size();
    std::printf("schedule: %s (%zu activities of %zu agents over %d days)\n", with_schedule ? "published" : "none", planned,
                gen.schedule.agents.size(), days);
    const wfm::Schedule* schedule = with_schedule ? &gen.schedule : nullptr;

    // Each mode kReps times on a fresh engine (the machine is shared): median and best.
    constexpr int kReps = 5;
    std::vector<double> snap_ms;
    std::vector<double> each_s, batched_s;
    RunResult each, batched;
    Snapshot eleven;
    for (int rep = 0; rep < kReps; ++rep) {
        each = Replay(dir, arrivals, 0, rep == 0 ? &snap_ms : nullptr, schedule);
        if (rep == 0) eleven = std::move(each.at_eleven);  // snapshots are taken in the first run only
        each_s.push_back(each.seconds);
        batched = Replay(dir, arrivals, 100, nullptr, schedule);
        batched_s.push_back(batched.seconds);
    }
    std::sort(each_s.begin(), each_s.end());
    std::sort(batched_s.begin(), batched_s.end());
    const double n = static_cast<double>(arrivals.size());
    std::printf("Push + AdvanceTo after every event: median %.2f s = %.2f M events/s (best %.2f M/s)\n", each_s[kReps / 2],
                n / each_s[kReps / 2] / 1e6, n / each_s[0] / 1e6);
    std::printf("Push + AdvanceTo every 100 ms:      median %.2f s = %.2f M events/s (best %.2f M/s)\n", batched_s[kReps / 2],
                n / batched_s[kReps / 2] / 1e6, n / batched_s[0] / 1e6);
    std::printf("stats: applied %llu, duplicates %llu, too_late %llu, invalid %llu\n",
                static_cast<unsigned long long>(each.stats.applied), static_cast<unsigned long long>(each.stats.duplicates),
                static_cast<unsigned long long>(each.stats.too_late), static_cast<unsigned long long>(each.stats.invalid));
    std::printf("heap allocations while replaying (buffers growing to working size): %llu, %.6f per event\n",
                static_cast<unsigned long long>(each.allocations), static_cast<double>(each.allocations) / n);
    std::sort(snap_ms.begin(), snap_ms.end());
    if (!snap_ms.empty())
        std::printf("TakeSnapshot at %d agents (11:00 each day): median %.3f ms, max %.3f ms over %zu days\n", n_agents,
                    snap_ms[snap_ms.size() / 2], snap_ms.back(), snap_ms.size());
    // Last day's totals, to show the stream is realistic.
    KpiCounts day;
    for (const QueueLive& q : each.last.queues) day.Add(q.today);
    const ServiceLevelDef sl{SlVariant::AnsweredOverOfferedLessShort, 20, 0.8, 5};
    std::printf("last day: offered %lld, answered %lld, abandoned %lld, handled %lld, SL(q0 def) %.1f %%, ASA %.1f s, AHT %.1f s\n",
                static_cast<long long>(day.offered), static_cast<long long>(day.answered), static_cast<long long>(day.abandoned),
                static_cast<long long>(day.handled), ServiceLevel(day, sl).value * 100.0, Asa(day).value / 1000.0,
                Aht(day).value / 1000.0);
    {
        const Snapshot& s = eleven;
        int scheduled = 0, out = 0, severe = 0;
        for (const AgentLive& a : s.agents) {
            scheduled += a.adherence.status == wfm::LiveStatus::InAdherence || a.adherence.status == wfm::LiveStatus::OutOfAdherence;
            out += a.adherence.status == wfm::LiveStatus::OutOfAdherence && a.adherence.counted;
            severe += a.adherence.severe;
        }
        const wfm::LiveStaffing& q0 = s.queues[0].staffing;
        std::printf("last day 11:00: %d agents out of adherence (%d severe) of %d scheduled; queue q0: %.1f Erlangs, needs %d, "
                    "%.1f on queue, SL now %.1f %%, next 15 min %.1f %%, next 30 min %.1f %%, %zu steps\n",
                    out, severe, scheduled, q0.erlangs, q0.agents_needed, q0.agents_on_queue, q0.now.service_level * 100,
                    q0.next15.service_level * 100, q0.next30.service_level * 100, q0.steps.size());
    }
    const bool same = each.stats.applied == batched.stats.applied;
    std::printf("both delivery modes applied the same events: %s\n", same ? "yes" : "NO");
    return same ? 0 : 1;
}
