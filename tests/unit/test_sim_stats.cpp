// Statistics of long seeded runs against the model the simulator claims: arrivals per hour
// follow the scenario's curve, caller patience matches the abandons, talk times match the
// configured lognormal means, and the normal day keeps the floor busy but on target.
#include <doctest/doctest.h>
#include <cmath>
#include "test_sim_util.h"

using namespace cb;
using namespace cb::simtest;

TEST_CASE("arrivals per hour follow the intraday and weekday curve (5 weekdays, 9 teams)") {
    SimConfig config;
    config.teams = 9;
    config.seed = 3;
    const sim::SimModel model = sim::BuildSimModel(config);
    const std::vector<Event> events = RunDays(config, 5);
    const std::vector<double> observed = ArrivalsByHour(events, config.tz_offset_min);
    const int64_t first_day = sim::LocalDayStartMs(sim::LocalDay(model.config.start_ms, 480), 480);
    double total_expected = 0, total_observed = 0;
    for (int h = 0; h < 24; ++h) {
        double expected = 0;
        for (int d = 0; d < 5; ++d) {
            const int64_t from = first_day + d * sim::kDayMs + h * kHourMs;
            expected += sim::ExpectedArrivals(model, from, from + kHourMs);
        }
        CAPTURE(h);
        CAPTURE(expected);
        CHECK(std::fabs(observed[static_cast<size_t>(h)] - expected) <= 4.0 * std::sqrt(expected) + 1.0);
        if (h < 8 || h >= 20) CHECK(observed[static_cast<size_t>(h)] == 0.0);
        total_expected += expected;
        total_observed += observed[static_cast<size_t>(h)];
    }
    CHECK(total_observed == doctest::Approx(total_expected).epsilon(0.02));
    // The shape a supervisor knows: 10:00 peak over the 08:00 opening and the 12:00 lunch dip.
    CHECK(observed[10] > 1.6 * observed[8]);
    CHECK(observed[10] > 1.3 * observed[12]);
    CHECK(observed[15] > 1.2 * observed[12]);
}

TEST_CASE("Monday is the busiest weekday") {
    SimConfig config;
    config.teams = 6;
    std::vector<Event> events = RunDays(config, 5);
    double per_day[5] = {};
    const int64_t day0 = sim::LocalDay(sim::DefaultStartMs(480), 480);
    for (const Event& e : events) {
        if (e.kind == EventKind::CallOffered) per_day[sim::LocalDay(e.t_ms, 480) - day0] += 1;
    }
    for (int d = 1; d < 5; ++d) CHECK(per_day[0] > per_day[d]);
    CHECK(per_day[0] / per_day[4] == doctest::Approx(1.10 / 0.95).epsilon(0.05));
}

TEST_CASE("abandons match the exponential patience of each queue") {
    // Exponential patience is memoryless, so its mean is estimated without bias by total time
    // callers spent in queue (answered, abandoned or exited alike) over the number of abandons.
    SimConfig config;
    config.teams = 6;
    config.scenario = Scenario::UnderstaffedLunch;  // enough abandons to measure
    Directory dir;
    const std::vector<Event> events = RunDays(config, 4, &dir);
    const CheckResult r = CheckEvents(dir, events);
    REQUIRE(r.errors.empty());
    double exposure_ms[4] = {}, abandons[4] = {}, offered[4] = {};
    for (const auto& [key, c] : r.calls) {
        offered[c.queue] += 1;
        if (c.wait_ms < 0) continue;
        exposure_ms[c.queue] += static_cast<double>(c.wait_ms - c.rna_ring_ms);
        abandons[c.queue] += c.abandoned ? 1 : 0;
    }
    for (int q = 0; q < 4; ++q) {
        CAPTURE(q);
        CAPTURE(abandons[q]);
        REQUIRE(abandons[q] >= 150);
        const double estimate_s = exposure_ms[q] / abandons[q] / 1000.0;
        const double tolerance = 4.0 / std::sqrt(abandons[q]);
        CHECK(estimate_s == doctest::Approx(sim::GetQueueParams(q).patience_mean_s).epsilon(tolerance));
        CHECK(abandons[q] / offered[q] < 0.5);
    }
}

TEST_CASE("mean talk time per queue matches the lognormal means (with tenure factors)") {
    SimConfig config;
    config.teams = 6;
    config.seed = 5;
    Directory dir;
    const std::vector<Event> events = RunDays(config, 3, &dir);
    const CheckResult r = CheckEvents(dir, events);
    REQUIRE(r.errors.empty());
    double talk_ms[4] = {}, expected_s[4] = {}, count[4] = {};
    for (const auto& [key, c] : r.calls) {
        if (c.ended_ms < 0) continue;
        talk_ms[c.queue] += static_cast<double>(c.ended_ms - c.answered_ms - c.hold_ms);
        expected_s[c.queue] += sim::GetQueueParams(c.queue).talk_mean_s * sim::TalkFactor(dir.agents[c.agent].tenure_months);
        count[c.queue] += 1;
    }
    for (int q = 0; q < 4; ++q) {
        CAPTURE(q);
        REQUIRE(count[q] > 1000);
        // Lognormal sigma 0.6: CV 0.66, so the mean of >1000 calls is within ~2% (1 sd).
        CHECK(talk_ms[q] / 1000.0 / count[q] == doctest::Approx(expected_s[q] / count[q]).epsilon(0.07));
    }
}

TEST_CASE("a normal day: busy but mostly on target") {
    SimConfig config;
    Directory dir;
    const std::vector<Event> events = RunDays(config, 1, &dir);
    const CheckResult r = CheckEvents(dir, events);
    REQUIRE(r.errors.empty());
    double offered = 0, answered = 0, within = 0, abandoned = 0, short_abandoned = 0;
    for (const auto& [key, c] : r.calls) {
        offered += 1;
        if (c.answered_ms >= 0) {
            answered += 1;
            within += c.wait_ms <= dir.queues[c.queue].sl.threshold_s * 1000 ? 1 : 0;
        }
        if (c.abandoned) {
            abandoned += 1;
            short_abandoned += c.wait_ms <= 5000 ? 1 : 0;
        }
    }
    // Occupancy from agent states: busy (ringing, talking, hold, wrap-up) over busy + idle.
    std::vector<St> st(dir.agents.size(), St::Out);
    std::vector<int64_t> since(dir.agents.size(), 0);
    double busy = 0, idle = 0;
    for (const Event& e : events) {
        if (e.agent == kNoAgent) continue;
        const double span = static_cast<double>(e.t_ms - since[e.agent]);
        if (st[e.agent] == St::Available) idle += span;
        if (st[e.agent] == St::Ringing || st[e.agent] == St::OnCall || st[e.agent] == St::OnHold ||
            st[e.agent] == St::WrapUp) {
            busy += span;
        }
        since[e.agent] = e.t_ms;
        switch (e.kind) {
        case EventKind::AgentRinging: st[e.agent] = St::Ringing; break;
        case EventKind::CallAnswered: st[e.agent] = St::OnCall; break;
        case EventKind::CallHold: st[e.agent] = St::OnHold; break;
        case EventKind::CallResume: st[e.agent] = St::OnCall; break;
        case EventKind::CallCompleted: case EventKind::CallTransferred: st[e.agent] = St::WrapUp; break;
        case EventKind::WrapUpEnded: case EventKind::AgentReady: case EventKind::RingNoAnswer: st[e.agent] = St::Available; break;
        case EventKind::AgentNotReady: case EventKind::AgentLogin: st[e.agent] = St::NotReady; break;
        case EventKind::AgentLogout: st[e.agent] = St::Out; break;
        default: break;
        }
    }
    const double occupancy = busy / (busy + idle);
    const double sl = within / (offered - short_abandoned);
    const double abandon_rate = (abandoned - short_abandoned) / (offered - short_abandoned);
    MESSAGE("offered " << offered << " occupancy " << occupancy << " SL " << sl << " abandon " << abandon_rate);
    CHECK(offered > 2000);
    CHECK(occupancy > 0.72);
    CHECK(occupancy < 0.90);
    CHECK(sl > 0.70);
    CHECK(abandon_rate < 0.08);
}
