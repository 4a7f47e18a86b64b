// Scenario differences a trainer relies on, each against the normal day with the same seed:
// Monday-morning volume, outage handle times, the new-hire team, bunched lunches. Also the
// outcomes (orders, complaints, escalations to the lead).
#include <doctest/doctest.h>
#include "test_sim_util.h"

using namespace cb;
using namespace cb::simtest;

namespace {

struct DayRun {
    Directory dir;
    std::vector<Event> events;
    CheckResult check;
};

DayRun Run(Scenario s, int days = 1, uint64_t seed = 21) {
    SimConfig config;
    config.scenario = s;
    config.seed = seed;
    DayRun run;
    run.events = RunDays(config, days, &run.dir);
    run.check = CheckEvents(run.dir, run.events);
    REQUIRE(run.check.errors.empty());
    return run;
}

double MinuteOf(int64_t t_ms) { return sim::MinuteOfDay(t_ms, 480); }

// Mean handle time (talk + hold + wrap-up) of calls answered in [from_min, to_min) local.
double MeanHandleS(const DayRun& run, double from_min, double to_min) {
    std::unordered_map<uint64_t, int64_t> completed_at;
    std::unordered_map<uint64_t, int64_t> wrap_end;
    for (const Event& e : run.events) {
        if (e.kind == EventKind::WrapUpEnded) wrap_end[e.call] = e.t_ms;
    }
    double sum = 0, n = 0;
    for (const auto& [key, c] : run.check.calls) {
        if (c.ended_ms < 0 || MinuteOf(c.answered_ms) < from_min || MinuteOf(c.answered_ms) >= to_min) continue;
        auto it = wrap_end.find(key);
        if (it == wrap_end.end()) continue;
        sum += static_cast<double>(it->second - c.answered_ms) / 1000.0;
        n += 1;
    }
    return sum / n;
}

}  // namespace

TEST_CASE("monday_peak: much higher morning volume than a normal Monday") {
    const DayRun normal = Run(Scenario::NormalDay);
    const DayRun peak = Run(Scenario::MondayPeak);
    const std::vector<double> a = ArrivalsByHour(normal.events, 480);
    const std::vector<double> b = ArrivalsByHour(peak.events, 480);
    const double morning_normal = a[8] + a[9] + a[10] + a[11];
    const double morning_peak = b[8] + b[9] + b[10] + b[11];
    CHECK(morning_peak > 1.3 * morning_normal);
    const double afternoon_normal = a[14] + a[15] + a[16];
    const double afternoon_peak = b[14] + b[15] + b[16];
    CHECK(afternoon_peak == doctest::Approx(afternoon_normal).epsilon(0.12));
}

TEST_CASE("outage: a surge of calls and much longer handle times 10:00-11:30") {
    const DayRun normal = Run(Scenario::NormalDay);
    const DayRun outage = Run(Scenario::SystemOutage);
    const std::vector<double> a = ArrivalsByHour(normal.events, 480);
    const std::vector<double> b = ArrivalsByHour(outage.events, 480);
    CHECK(b[10] > 1.5 * a[10]);
    const double aht_normal = MeanHandleS(normal, 600, 705);
    const double aht_outage = MeanHandleS(outage, 600, 705);
    MESSAGE("AHT 10:00-11:45 normal " << aht_normal << " s, outage " << aht_outage << " s");
    CHECK(aht_outage > 1.4 * aht_normal);
    CHECK(MeanHandleS(outage, 480, 1200) > MeanHandleS(normal, 480, 1200));
    // Afternoon handle times are back to normal.
    CHECK(MeanHandleS(outage, 840, 1200) == doctest::Approx(MeanHandleS(normal, 840, 1200)).epsilon(0.1));
}

TEST_CASE("new_hires: one team mostly 0-3 months, slower, more transfers and holds") {
    const DayRun run = Run(Scenario::NewHireTeam, 2);
    const Directory& dir = run.dir;
    int new_in_team = 0, members = 0;
    for (const AgentInfo& a : dir.agents) {
        if (a.team != 2 || dir.teams[2].lead == static_cast<uint32_t>(&a - dir.agents.data())) continue;
        ++members;
        new_in_team += a.tenure_months <= 3;
    }
    CHECK(new_in_team * 10 >= members * 6);
    double talk[2] = {}, calls[2] = {}, transfers[2] = {}, holds[2] = {};
    for (const auto& [key, c] : run.check.calls) {
        if (c.ended_ms < 0 || c.queue > 1) continue;  // inquiries and orders: everyone takes them
        const int g = dir.agents[c.agent].team == 2 ? 1 : 0;
        talk[g] += static_cast<double>(c.ended_ms - c.answered_ms - c.hold_ms);
        calls[g] += 1;
        transfers[g] += c.transferred_to_queue ? 1 : 0;
        holds[g] += c.hold_ms > 0 ? 1 : 0;
    }
    CHECK(talk[1] / calls[1] > 1.15 * talk[0] / calls[0]);
    CHECK(transfers[1] / calls[1] > 1.5 * transfers[0] / calls[0]);
    CHECK(holds[1] / calls[1] > 1.4 * holds[0] / calls[0]);
}

TEST_CASE("lunch_gap: lunches bunched 12:00-13:00 and the queue builds") {
    auto lunch_minutes = [](const DayRun& run) {
        // Agent-minutes at lunch between 12:00 and 13:00, sampled each minute.
        std::vector<bool> at_lunch(run.dir.agents.size(), false);
        size_t next = 0;
        double total = 0;
        const int64_t day_start = sim::LocalDayStartMs(sim::LocalDay(run.events.front().t_ms, 480), 480);
        for (int m = 12 * 60; m < 13 * 60; ++m) {
            const int64_t t = day_start + m * sim::kMinuteMs;
            for (; next < run.events.size() && run.events[next].t_ms <= t; ++next) {
                const Event& e = run.events[next];
                if (e.agent == kNoAgent) continue;
                if (e.kind == EventKind::AgentNotReady) at_lunch[e.agent] = e.reason == NotReadyReason::Lunch;
                if (e.kind == EventKind::AgentReady || e.kind == EventKind::AgentLogout) at_lunch[e.agent] = false;
            }
            for (bool b : at_lunch) total += b ? 1 : 0;
        }
        return total / 60.0;
    };
    const DayRun normal = Run(Scenario::NormalDay);
    const DayRun gap = Run(Scenario::UnderstaffedLunch);
    const double lunch_normal = lunch_minutes(normal);
    const double lunch_gap = lunch_minutes(gap);
    MESSAGE("agents at lunch 12-13: normal " << lunch_normal << ", lunch_gap " << lunch_gap);
    CHECK(lunch_gap > 1.8 * lunch_normal);
    CHECK(lunch_gap > 0.6 * static_cast<double>(gap.dir.agents.size()));
    auto abandons_at_noon = [](const DayRun& run) {
        int n = 0;
        for (const Event& e : run.events) {
            n += e.kind == EventKind::CallAbandoned && MinuteOf(e.t_ms) >= 720 && MinuteOf(e.t_ms) < 800;
        }
        return n;
    };
    CHECK(abandons_at_noon(gap) > 3 * abandons_at_noon(normal));
}

TEST_CASE("outcomes: orders with values, complaints tagged, escalations taken by the lead") {
    const DayRun run = Run(Scenario::NormalDay, 2);
    double orders = 0, order_answered = 0, values_below_300 = 0, complaints = 0, complaint_calls = 0;
    int escalations = 0;
    for (const auto& [key, c] : run.check.calls) {
        if (c.queue == sim::kOrders && c.ended_ms >= 0 && !c.transferred) order_answered += 1;
        if (c.queue == sim::kComplaints && c.ended_ms >= 0) complaint_calls += 1;
    }
    for (size_t i = 0; i < run.events.size(); ++i) {
        const Event& e = run.events[i];
        if (e.kind == EventKind::OutcomeTagged && e.outcome == Outcome::Order && e.queue == sim::kOrders) {
            orders += 1;
            values_below_300 += e.value_cents < 30000 ? 1 : 0;
            CHECK(e.value_cents % 100 == 0);
        }
        if (e.kind == EventKind::OutcomeTagged && e.outcome == Outcome::Complaint) complaints += 1;
        if (e.kind == EventKind::AgentNotReady && e.reason == NotReadyReason::Escalation) {
            ++escalations;
            // The transfer to the lead came just before, from a member of the lead's team.
            REQUIRE(i >= 2);
            const Event& transfer = run.events[i - 2];
            CHECK(transfer.kind == EventKind::CallTransferred);
            CHECK(transfer.target_queue == kNoQueue);
            CHECK(transfer.queue == sim::kComplaints);
            CHECK(run.dir.teams[run.dir.agents[transfer.agent].team].lead == e.agent);
        }
    }
    CHECK(orders / order_answered == doctest::Approx(0.58).epsilon(0.1));
    CHECK(values_below_300 / orders == doctest::Approx(0.5).epsilon(0.15));  // median ¥300
    CHECK(complaints == complaint_calls);
    CHECK(escalations >= 5);
}
