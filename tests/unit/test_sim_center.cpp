// The simulated center's directory, roster, demand curves and scenario names.
#include <doctest/doctest.h>
#include <cctype>
#include <set>
#include <utility>
#include "core/sim/sim_model.h"
#include "core/sim/simulator.h"

using namespace cb;

TEST_CASE("scenario names round-trip and unknown names are rejected") {
    const char* names[] = {"normal", "monday_peak", "outage", "new_hires", "lunch_gap"};
    for (int i = 0; i < static_cast<int>(Scenario::kCount); ++i) {
        CHECK(ScenarioName(static_cast<Scenario>(i)) == names[i]);
        Scenario parsed = Scenario::kCount;
        CHECK(ParseScenario(names[i], &parsed));
        CHECK(parsed == static_cast<Scenario>(i));
    }
    Scenario untouched = Scenario::MondayPeak;
    CHECK_FALSE(ParseScenario("Normal", &untouched));
    CHECK_FALSE(ParseScenario("", &untouched));
    CHECK(untouched == Scenario::MondayPeak);
}

TEST_CASE("four queues with their service-level definitions") {
    Simulator sim(SimConfig{});
    const Directory& dir = sim.directory();
    REQUIRE(dir.queues.size() == 4);
    const char* keys[] = {"inquiries", "orders", "complaints", "vip"};
    const char* zh[] = {"咨询", "订单", "投诉", "VIP客户"};
    const int threshold[] = {20, 20, 30, 15};
    const double target[] = {0.80, 0.80, 0.80, 0.90};
    for (size_t q = 0; q < 4; ++q) {
        CHECK(dir.queues[q].key == keys[q]);
        CHECK(dir.queues[q].name_zh == zh[q]);
        CHECK(dir.queues[q].sl.threshold_s == threshold[q]);
        CHECK(dir.queues[q].sl.target == target[q]);
        CHECK(dir.queues[q].sl.short_abandon_s == 5);
    }
}

TEST_CASE("three teams of 12-14 with a lead, names, seats in two rows, skills") {
    Simulator sim(SimConfig{});
    const Directory& dir = sim.directory();
    REQUIRE(dir.teams.size() == 3);
    CHECK(dir.agents.size() == 39);
    CHECK(dir.teams[0].name_zh == "一组");
    CHECK(dir.teams[1].name_en == "Team B");
    CHECK(dir.teams[2].name_zh == "三组");
    const size_t sizes[] = {12, 13, 14};
    std::set<std::string> keys;
    for (size_t t = 0; t < 3; ++t) {
        std::set<std::pair<int, int>> seats;
        size_t members = 0, complaints = 0, vip = 0;
        for (const AgentInfo& a : dir.agents) {
            if (a.team != t) continue;
            ++members;
            CHECK(seats.insert({a.seat_row, a.seat_col}).second);
            CHECK(a.seat_row <= 1);
            CHECK(a.seat_col <= 6);
            CHECK((a.skills & 3u) == 3u);  // everyone takes inquiries and orders
            complaints += (a.skills >> 2) & 1u;
            vip += (a.skills >> 3) & 1u;
        }
        CHECK(members == sizes[t]);
        CHECK(complaints * 100 >= members * 35);
        CHECK(vip >= 2);
        CHECK(vip < members / 2);
        const uint32_t lead = dir.teams[t].lead;
        REQUIRE(lead < dir.agents.size());
        CHECK(dir.agents[lead].team == t);
        CHECK(dir.agents[lead].skills == 0xFu);
        CHECK(dir.agents[lead].tenure_months >= 36);
    }
    for (const AgentInfo& a : dir.agents) {
        CHECK(keys.insert(a.key).second);
        // Surname + one or two given-name characters: 2-3 CJK characters of 3 bytes in UTF-8.
        CHECK((a.name_zh.size() == 6 || a.name_zh.size() == 9));
        const size_t space = a.name_en.find(' ');
        REQUIRE(space != std::string::npos);
        CHECK(std::isupper(static_cast<unsigned char>(a.name_en[0])));
        CHECK(std::isupper(static_cast<unsigned char>(a.name_en[space + 1])));
    }
    CHECK(dir.agents[0].key == "1001");
}

TEST_CASE("the directory is deterministic from the seed") {
    SimConfig a, b, c;
    c.seed = 2;
    const Directory da = Simulator(a).directory();
    const Directory db = Simulator(b).directory();
    const Directory dc = Simulator(c).directory();
    bool names_differ = false;
    for (size_t i = 0; i < da.agents.size(); ++i) {
        CHECK(da.agents[i].name_zh == db.agents[i].name_zh);
        CHECK(da.agents[i].skills == db.agents[i].skills);
        names_differ = names_differ || da.agents[i].name_zh != dc.agents[i].name_zh;
    }
    CHECK(names_differ);
}

TEST_CASE("large centers scale teams and arrivals") {
    SimConfig big;
    big.teams = 154;
    const sim::SimModel large = sim::BuildSimModel(big);
    const sim::SimModel small = sim::BuildSimModel(SimConfig{});
    CHECK(large.directory.agents.size() == 51 * 39 + 12);
    CHECK(large.directory.teams[153].name_zh == "一百五十四组");
    CHECK(large.directory.teams[153].name_en == "Team 154");
    const double ratio = large.base_rate_per_s / small.base_rate_per_s;
    CHECK(ratio > 45.0);  // ~51x the staff; bigger groups run slightly leaner
    CHECK(ratio < 58.0);
}

TEST_CASE("Chinese numerals") {
    CHECK(sim::ChineseNumber(1) == "一");
    CHECK(sim::ChineseNumber(10) == "十");
    CHECK(sim::ChineseNumber(12) == "十二");
    CHECK(sim::ChineseNumber(20) == "二十");
    CHECK(sim::ChineseNumber(101) == "一百零一");
    CHECK(sim::ChineseNumber(110) == "一百一十");
    CHECK(sim::ChineseNumber(999) == "九百九十九");
}

TEST_CASE("intraday, weekday and scenario curves") {
    CHECK(sim::IntradayShape(7 * 60 + 59) == 0.0);
    CHECK(sim::IntradayShape(8 * 60) == 0.45);
    CHECK(sim::IntradayShape(10 * 60) == 1.0);
    CHECK(sim::IntradayShape(10 * 60 + 15) == doctest::Approx(0.99));
    CHECK(sim::IntradayShape(12 * 60 + 30) == doctest::Approx(0.58));  // lunch dip
    CHECK(sim::IntradayShape(14 * 60 + 45) == doctest::Approx(0.97));  // afternoon peak
    CHECK(sim::IntradayShape(20 * 60) == 0.0);
    CHECK(sim::WeekdayFactor(0) == 1.10);
    for (int d = 1; d < 7; ++d) CHECK(sim::WeekdayFactor(d) < sim::WeekdayFactor(0));
    CHECK(sim::ScenarioVolumeFactor(Scenario::NormalDay, 600) == 1.0);
    CHECK(sim::ScenarioVolumeFactor(Scenario::MondayPeak, 600) == doctest::Approx(1.55));
    CHECK(sim::ScenarioVolumeFactor(Scenario::MondayPeak, 14 * 60) == 1.0);
    CHECK(sim::ScenarioVolumeFactor(Scenario::SystemOutage, 10 * 60 + 30) == doctest::Approx(1.9));
    CHECK(sim::ScenarioHandleFactor(Scenario::SystemOutage, 10 * 60 + 30) == 1.7);
    CHECK(sim::ScenarioHandleFactor(Scenario::SystemOutage, 13 * 60) == 1.0);
    CHECK(sim::TalkFactor(2) == 1.30);
    CHECK(sim::TalkFactor(50) == 0.95);
}

TEST_CASE("local time helpers: 2026-01-05 is a Monday and the default start is 08:00 there") {
    const int64_t start = sim::DefaultStartMs(480);
    CHECK(start == 1767571200000);  // 2026-01-05T00:00:00Z = 08:00 in UTC+8
    CHECK(sim::WeekdayOfDay(sim::LocalDay(start, 480)) == 0);
    CHECK(sim::MinuteOfDay(start, 480) == 480.0);
    CHECK(sim::MinuteOfDay(start, 0) == 0.0);
    CHECK(sim::LocalDay(-1, 0) == -1);
}

TEST_CASE("every agent's plan: shift inside opening hours, spells inside the shift, not overlapping") {
    const sim::SimModel model = sim::BuildSimModel(SimConfig{});
    const int64_t day = sim::LocalDay(model.config.start_ms, 480);
    const std::vector<sim::AgentDayPlan> plans = sim::PlanDay(model, day);
    const int64_t day_start = sim::LocalDayStartMs(day, 480);
    int lunches = 0, breaks = 0, full_shifts = 0;
    for (size_t i = 0; i < plans.size(); ++i) {
        const sim::AgentDayPlan& p = plans[i];
        REQUIRE(p.works);  // Monday: everyone works
        full_shifts += model.profiles[i].shift_minutes == sim::kShiftMinutes;
        CHECK(p.login_ms >= day_start + 7 * 60 * sim::kMinuteMs);
        CHECK(p.login_ms < p.ready_ms);
        CHECK(p.logout_ms <= day_start + (20 * 60 + 5) * sim::kMinuteMs);
        int64_t prev_end = p.login_ms;
        for (const sim::Activity& a : p.activities) {
            CHECK(a.start_ms >= prev_end);
            CHECK(a.start_ms + a.duration_ms < p.logout_ms);
            prev_end = a.start_ms + a.duration_ms;
            lunches += a.reason == NotReadyReason::Lunch;
            breaks += a.reason == NotReadyReason::Break;
        }
    }
    CHECK(lunches == full_shifts);  // everyone on a full shift lunches, leads included
    CHECK(full_shifts >= 30);
    CHECK(breaks >= 2 * (full_shifts - 3) + (39 - full_shifts));  // two per full shift, one per part-time
}
