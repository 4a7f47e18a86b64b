// The simulator's event stream: reproducible from the seed, independent of how RunUntil is
// stepped, and well-formed (valid indices, ordered, unique ids and keys, legal agent states,
// every answered call offered and rung first).
#include <doctest/doctest.h>
#include "test_sim_util.h"

using namespace cb;
using namespace cb::simtest;

namespace {

bool SameEvents(const std::vector<Event>& a, const std::vector<Event>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (!SameEvent(a[i], b[i])) return false;
    }
    return true;
}

void RequireWellFormed(const Directory& dir, const std::vector<Event>& events, bool day_over) {
    const CheckResult r = CheckEvents(dir, events);
    for (const std::string& e : r.errors) MESSAGE(e);
    CHECK(r.errors.empty());
    if (!day_over) return;
    for (size_t i = 0; i < r.final_state.size(); ++i) CHECK(r.final_state[i] == St::Out);
    for (const auto& [key, c] : r.calls) {
        const bool resolved = c.abandoned || c.exited || c.ended_ms >= 0;
        CHECK(resolved);
    }
}

}  // namespace

TEST_CASE("same seed gives identical events; another seed differs") {
    SimConfig config;
    const std::vector<Event> a = RunDays(config, 1);
    const std::vector<Event> b = RunDays(config, 1);
    CHECK(a.size() > 10000);
    CHECK(SameEvents(a, b));
    CHECK(a.back().id == a.size());
    config.seed = 2;
    const std::vector<Event> c = RunDays(config, 1);
    CHECK_FALSE(SameEvents(a, c));
}

TEST_CASE("stepping RunUntil in 100 ms or 1 min steps gives the same events as one call") {
    SimConfig config;
    Simulator whole(config);
    std::vector<Event> all;
    const int64_t start = whole.now_ms();
    whole.RunUntil(start + 3 * kHourMs, &all);

    Simulator fine(config);
    std::vector<Event> stepped;
    for (int64_t t = start; t <= start + 3 * kHourMs; t += 100) {
        fine.RunUntil(t, &stepped);
        CHECK(fine.now_ms() == t);
    }
    CHECK(SameEvents(all, stepped));

    Simulator day_whole(config), day_steps(config);
    std::vector<Event> one, many;
    day_whole.RunUntil(start + sim::kDayMs, &one);
    for (int64_t t = start; t <= start + sim::kDayMs; t += sim::kMinuteMs) day_steps.RunUntil(t, &many);
    CHECK(SameEvents(one, many));
}

TEST_CASE("start: 2026-01-05 08:00 by default; agents on shift log in and get ready at the start") {
    SimConfig config;
    Simulator sim(config);
    CHECK(sim.now_ms() == 1767571200000);
    std::vector<Event> events;
    sim.RunUntil(sim.now_ms() - 1, &events);
    CHECK(events.empty());
    sim.RunUntil(sim.now_ms(), &events);
    REQUIRE(!events.empty());
    int logins = 0, readies = 0;
    for (const Event& e : events) {
        CHECK(e.t_ms == 1767571200000);
        logins += e.kind == EventKind::AgentLogin;
        readies += e.kind == EventKind::AgentReady;
    }
    CHECK(logins >= 10);  // the 08:00 shift
    CHECK(readies == logins);
    CHECK(events[0].id == 1);

    // Starting mid-afternoon: every agent on shift is logged in at once, with the start time.
    SimConfig later;
    later.start_ms = 1767571200000 + 6 * kHourMs;  // 14:00
    Simulator afternoon(later);
    std::vector<Event> first;
    afternoon.RunUntil(later.start_ms, &first);
    int logged_in = 0;
    for (const Event& e : first) logged_in += e.kind == EventKind::AgentLogin;
    const sim::SimModel model = sim::BuildSimModel(later);
    int on_shift = 0;
    for (const sim::AgentDayPlan& p : sim::PlanDay(model, sim::LocalDay(later.start_ms, 480))) {
        on_shift += p.login_ms <= later.start_ms && later.start_ms < p.logout_ms;
    }
    CHECK(logged_in == on_shift);
    CHECK(on_shift >= 30);
    Directory dir = afternoon.directory();
    afternoon.RunUntil(later.start_ms + 10 * kHourMs, &first);
    RequireWellFormed(dir, first, true);
}

TEST_CASE("every scenario's events are well-formed over two days") {
    int kinds[static_cast<int>(EventKind::kCount)] = {};
    for (int s = 0; s < static_cast<int>(Scenario::kCount); ++s) {
        CAPTURE(s);
        SimConfig config;
        config.scenario = static_cast<Scenario>(s);
        config.seed = 11 + static_cast<uint64_t>(s);
        Directory dir;
        const std::vector<Event> events = RunDays(config, 2, &dir);
        RequireWellFormed(dir, events, true);
        for (const Event& e : events) kinds[static_cast<int>(e.kind)]++;
    }
    for (int k = 0; k < static_cast<int>(EventKind::kCount); ++k) {
        CAPTURE(EventKindName(static_cast<EventKind>(k)));
        // Every kind of event occurs, but membership changes: the simulated agents' queues are
        // their configured skills.
        const auto kind = static_cast<EventKind>(k);
        if (kind == EventKind::MemberAdded || kind == EventKind::MemberRemoved) CHECK(kinds[k] == 0);
        else CHECK(kinds[k] > 0);
    }
}

TEST_CASE("a 2,000-agent center runs a full day, well-formed") {
    SimConfig config;
    config.teams = 154;
    Directory dir;
    const std::vector<Event> events = RunDays(config, 1, &dir);
    CHECK(dir.agents.size() == 2001);
    RequireWellFormed(dir, events, true);
    int offered = 0;
    for (const Event& e : events) offered += e.kind == EventKind::CallOffered;
    CHECK(offered > 100000);
}
