// Plans from interval history (core/wfm/plan.h): the grid of local days across daylight saving
// time (92 and 100 intervals), history laid on it (a 25-hour day's repeated hour averaged, a day
// without data missing, special days left out), the forecast of a week that repeats exactly
// (zero error, across a DST change), Poisson data with a weekly x intraday profile (the chosen
// method within 1.10 x the noise floor and below seasonal naive), closed slots, handle time,
// the callers' patience, special-day factors, staffing an interval (erlang_cases.md row 5), the
// options of a plan, and the report's JSON.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "core/wfm/plan.h"
#include "core/wfm/plan_report.h"

using namespace cb;
using namespace cb::wfm;

namespace {

TimeZone Berlin() {
    TimeZone z;
    std::string error;
    REQUIRE(TimeZone::FromPosix("Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3", &z, &error));
    return z;
}

CivilDate Date(const char* text) {
    CivilDate d;
    REQUIRE(ParseCivilDate(text, &d));
    return d;
}

// Expected calls per 30-minute slot: closed before 08:00 and from 20:00, a curve over the day,
// a weekday factor; `level` calls at the busiest half-hour of a Monday.
double Profile(int weekday, int slot, double level, double night = 0) {
    const double hour = slot / 2.0;
    if (hour < 8 || hour >= 20) return night;
    static constexpr double kWeekday[7] = {1.0, 0.95, 0.92, 0.9, 0.85, 0.55, 0.4};
    return level * kWeekday[weekday] * (0.55 + 0.45 * std::sin((hour - 8) / 12.0 * 3.14159265));
}

// Every half-hour of every day of the grid as stored rows (two 15-minute rows each, the second
// holding the remainder) with `calls(day, slot)` offered, each handled in 200 s.
template <typename Calls>
void Fill(const DayGrid& grid, HistoryBuilder* b, int through_day, Calls calls) {
    for (int d = 0; d < through_day; ++d) {
        for (const DayGrid::Interval& iv : grid.Intervals(d)) {
            const int64_t n = calls(d, iv.slot);
            IntervalHistory first, second;
            first.offered = n / 2;
            second.offered = n - n / 2;
            first.handled = first.offered;
            second.handled = second.offered;
            first.handle_ms = first.handled * 200000;
            second.handle_ms = second.handled * 200000;
            b->Add(0, iv.start_ms, first);
            b->Add(0, iv.start_ms + 900000, second);
        }
    }
}

}  // namespace

TEST_CASE("the grid of local days: 92 and 100 intervals on the days daylight saving time starts and ends") {
    const TimeZone berlin = Berlin();
    const DayGrid grid(berlin, Date("2026-03-28"), 3, 15);  // Sat, Sun (23 h), Mon
    REQUIRE(grid.days() == 3);
    CHECK(grid.Intervals(0).size() == 96);
    CHECK(grid.Intervals(1).size() == 92);
    CHECK(grid.Intervals(2).size() == 96);
    CHECK(grid.slots_per_day() == 96);
    for (int slot = 8; slot < 12; ++slot) CHECK(grid.Occurrences(1, slot) == 0);  // 02:00-02:45 skipped
    CHECK(grid.Occurrences(1, 12) == 1);
    CHECK(grid.Intervals(1)[8].slot == 12);  // 03:00 follows 01:45
    const DayGrid autumn(berlin, Date("2026-10-25"), 1, 30);
    CHECK(autumn.Intervals(0).size() == 50);
    CHECK(autumn.Occurrences(0, 4) == 2);  // 02:00 twice
    CHECK(autumn.Occurrences(0, 5) == 2);
    CHECK(autumn.Occurrences(0, 6) == 1);
    int day = -1, interval = -1;
    CHECK(autumn.Locate(autumn.DayStart(0) + 6 * 1800000 + 1, &day, &interval));
    CHECK(day == 0);
    CHECK(interval == 6);
    CHECK(autumn.Intervals(0)[5].slot == 5);  // 02:30 summer time
    CHECK(autumn.Intervals(0)[6].slot == 4);  // 02:00 again, winter time
    CHECK_FALSE(autumn.Locate(autumn.end_ms(), &day, &interval));
}

TEST_CASE("history on the grid: 15-minute rows into 30-minute slots, a repeated hour averaged, missing days") {
    const TimeZone berlin = Berlin();
    const DayGrid grid(berlin, Date("2026-10-24"), 4, 30);  // Sat, Sun (25 h), Mon, Tue
    HistoryBuilder b(grid, 2);
    // Saturday: 10:00 gets 3 + 4 calls in its two quarter-hours.
    IntervalHistory three{3, 3, 3 * 100000, 3, 0, 30000, 900000};
    IntervalHistory four{4, 2, 2 * 100000, 2, 2, 40000, 0};
    b.Add(0, grid.DayStart(0) + 20 * 1800000, three);
    b.Add(0, grid.DayStart(0) + 20 * 1800000 + 900000, four);
    // Sunday: both 02:00 half-hours (elapsed intervals 4 and 6) hold calls: 10 and 20.
    b.Add(0, grid.DayStart(1) + 4 * 1800000, IntervalHistory{10, 10, 0, 10, 0, 0, 0});
    b.Add(0, grid.DayStart(1) + 6 * 1800000, IntervalHistory{20, 20, 0, 20, 0, 0, 0});
    // Queue 1 starts on Tuesday; Monday has no row of any queue.
    b.Add(1, grid.DayStart(3) + 18 * 1800000, IntervalHistory{5, 5, 0, 5, 0, 0, 0});
    const QueueSeries s = b.Series(0, 4);
    const size_t spd = 48;
    CHECK(s.offered[20] == 7);
    CHECK(s.handled[20] == 5);
    CHECK(s.handle_s[20] == doctest::Approx(500));
    CHECK(s.abandoned[20] == 2);
    CHECK(s.wait_s[20] == doctest::Approx(70));
    CHECK(s.staffed_agents[20] == doctest::Approx(0.5));  // 900 s of logged-in time in 1800 s
    CHECK(s.offered[19] == 0);                            // no row, but the day has data
    CHECK(s.offered[spd + 4] == doctest::Approx(15));     // (10 + 20) / 2
    CHECK(std::isnan(s.offered[2 * spd + 20]));           // Monday: no data at all
    CHECK(s.offered[3 * spd + 18] == 0);                  // Tuesday: data (queue 1), none for queue 0
    const QueueSeries s1 = b.Series(1, 4);
    CHECK(std::isnan(s1.offered[20]));                    // before queue 1's first row
    CHECK(s1.offered[3 * spd + 18] == 5);
    CHECK(std::isnan(b.Series(1, 3).offered[3 * spd + 18]));  // through_day cuts it
    CHECK(b.DaysWithData(0, 4) == 3);
    b.Exclude(0, 0);
    CHECK(std::isnan(b.Series(0, 4).offered[20]));
    CHECK(b.Series(1, 4).offered[3 * spd + 18] == 5);
}

TEST_CASE("a week that repeats exactly is forecast with zero error by every method, across daylight saving time") {
    const TimeZone berlin = Berlin();
    // 14 weeks of history from Monday 2026-10-05 (the 25-hour 2026-10-25 among them), then 18
    // weeks forecast (the 23-hour 2027-03-28 among them); a few calls at night too.
    const CivilDate first = Date("2026-10-05");
    const int history_days = 14 * 7, horizon_days = 18 * 7;
    const DayGrid grid(berlin, first, history_days + horizon_days, 30);
    REQUIRE(grid.Intervals(20).size() == 50);
    REQUIRE(grid.Intervals(history_days + 174 - 98).size() == 46);
    HistoryBuilder b(grid, 1);
    Fill(grid, &b, history_days, [&](int d, int slot) { return std::llround(Profile(d % 7, slot, 120, 3)); });
    const QueueSeries s = b.Series(0, history_days);
    for (auto m : {std::optional<Method>(), std::optional<Method>(Method::SeasonalNaive),
                   std::optional<Method>(Method::WeeklyAverage), std::optional<Method>(Method::HoltWinters)}) {
        CAPTURE(m ? MethodName(*m) : "auto");
        const QueuePlan plan = PlanQueue(s, 48, history_days, horizon_days, std::vector<double>(horizon_days, 1.0), m);
        REQUIRE(plan.calls.size() == size_t(horizon_days) * 48);
        double err = 0;
        for (int d = 0; d < horizon_days; ++d)
            for (int slot = 0; slot < 48; ++slot)
                err += std::fabs(plan.calls[size_t(d) * 48 + slot] - std::llround(Profile((history_days + d) % 7, slot, 120, 3)));
        CHECK(err < 1e-6);
        CHECK(plan.history_weeks == 14);
        CHECK(plan.missing_days == 0);
        CHECK(plan.aht_s[20] == doctest::Approx(200));
        if (!m) {
            CHECK(plan.choice == PlanChoice::Backtest);
            CHECK(plan.backtest.by_method[size_t(plan.method)].wape < 1e-9);
        }
    }
}

TEST_CASE("Poisson history with a weekly x intraday profile: the chosen method within 1.10 x the noise floor") {
    const TimeZone utc;
    std::mt19937_64 rng(12);
    const CivilDate first = Date("2025-09-01");  // a Monday
    const int history_days = 16 * 7, test_days = 4 * 7;
    const DayGrid grid(utc, first, history_days + test_days, 30);
    // About 100 calls in a busy half-hour.
    std::vector<int64_t> calls(size_t(history_days + test_days) * 48);
    for (size_t i = 0; i < calls.size(); ++i) {
        const double lambda = Profile(int(i / 48) % 7, int(i % 48), 115);
        calls[i] = lambda > 0 ? std::poisson_distribution<int64_t>(lambda)(rng) : 0;
    }
    HistoryBuilder b(grid, 1);
    Fill(grid, &b, history_days + test_days, [&](int d, int slot) { return calls[size_t(d) * 48 + slot]; });
    const QueueSeries s = b.Series(0, history_days + test_days);
    const std::vector<double> ones(test_days, 1.0);
    const QueuePlan chosen = PlanQueue(s, 48, history_days, test_days, ones, std::nullopt);
    const QueuePlan naive = PlanQueue(s, 48, history_days, test_days, ones, Method::SeasonalNaive);
    std::vector<double> actual, perfect;
    for (int d = history_days; d < history_days + test_days; ++d) {
        for (int slot = 0; slot < 48; ++slot) {
            actual.push_back(double(calls[size_t(d) * 48 + slot]));
            perfect.push_back(Profile(d % 7, slot, 115));
        }
    }
    const double floor = Measure(actual, perfect).wape;
    const Accuracy a = Measure(actual, chosen.calls);
    const Accuracy n = Measure(actual, naive.calls);
    MESSAGE("floor " << floor << ", chosen " << MethodName(chosen.method) << " " << a.wape << ", seasonal naive " << n.wape
                     << ", predicted floor " << chosen.noise_floor);
    CHECK(chosen.choice == PlanChoice::Backtest);
    CHECK(a.wape <= 1.10 * floor);
    CHECK(a.wape < n.wape);
    CHECK(chosen.noise_floor == doctest::Approx(floor).epsilon(0.1));
    CHECK(chosen.backtest.ran[size_t(Method::HoltWinters)]);
    CHECK(chosen.backtest.origins == kBacktestOrigins);
}

TEST_CASE("a center closed on Sundays and at night: those slots stay at zero whatever the method") {
    const TimeZone utc;
    const CivilDate first = Date("2025-09-01");
    const int history_days = 10 * 7;
    const DayGrid grid(utc, first, history_days + 7, 30);
    HistoryBuilder b(grid, 1);
    // No rows at all on Sundays (the center is closed): those days are missing, not zero.
    Fill(grid, &b, history_days, [&](int d, int slot) { return d % 7 == 6 ? 0 : std::llround(Profile(d % 7, slot, 40) * (1 + 0.02 * (d / 7))); });
    HistoryBuilder closed(grid, 1);
    for (int d = 0; d < history_days; ++d) {
        if (d % 7 == 6) continue;
        for (const DayGrid::Interval& iv : grid.Intervals(d)) {
            const int64_t n = std::llround(Profile(d % 7, iv.slot, 40) * (1 + 0.02 * (d / 7)));
            closed.Add(0, iv.start_ms, IntervalHistory{n, n, n * 150000, n, 0, 0, 0});
        }
    }
    const QueueSeries s = closed.Series(0, history_days);
    const QueuePlan plan = PlanQueue(s, 48, history_days, 7, std::vector<double>(7, 1.0), Method::HoltWinters);
    CHECK(plan.missing_days == 10);  // the Sundays
    for (int slot = 0; slot < 48; ++slot) CHECK(plan.calls[6 * 48 + size_t(slot)] == 0);
    for (int slot = 0; slot < 16; ++slot) CHECK(plan.calls[size_t(slot)] == 0);  // Monday before 08:00
    CHECK(plan.calls[20] > 30);
    CHECK(plan.aht_s[20] == doctest::Approx(150));
}

TEST_CASE("handle time per slot falls back to the time of day, then to the queue; patience from abandons") {
    const TimeZone utc;
    const DayGrid grid(utc, Date("2025-09-01"), 9 * 7 + 7, 30);
    HistoryBuilder b(grid, 1);
    for (int d = 0; d < 63; ++d) {
        // Monday 10:00: 20 calls at 100 s; every 14:00: 1 call at 400 s; Tuesday 16:00: 1 call at 50 s.
        const int64_t start = grid.DayStart(d);
        if (d % 7 == 0) b.Add(0, start + 20 * 1800000, IntervalHistory{20, 20, 20 * 100000, 20, 2, 20 * 30000, 0});
        b.Add(0, start + 28 * 1800000, IntervalHistory{1, 1, 400000, 1, 0, 0, 0});
        if (d % 7 == 1) b.Add(0, start + 32 * 1800000, IntervalHistory{1, 1, 50000, 1, 0, 0, 0});
    }
    const QueuePlan plan = PlanQueue(b.Series(0, 63), 48, 63, 7, std::vector<double>(7, 1.0), Method::WeeklyAverage);
    CHECK(plan.aht_s[20] == doctest::Approx(100));          // its own 8 x 20 calls
    CHECK(plan.aht_s[48 + 28] == doctest::Approx(400));     // Tuesday 14:00: 8 calls, so 14:00 of every day
    // Tuesday 16:00: 8 calls of its own, none at 16:00 otherwise: the whole queue's 8 weeks.
    const double queue_aht = (8 * 20 * 100.0 + 56 * 400.0 + 8 * 50.0) / (8 * 20 + 56 + 8);
    CHECK(plan.aht_s[48 + 32] == doctest::Approx(queue_aht));
    CHECK(plan.calls[48 + 32] == doctest::Approx(1));
    // Patience over the last 8 weeks: (wait of answered + abandoned) / abandons = 8 x 600 s / 16.
    CHECK(plan.patience.estimated);
    CHECK(plan.patience.abandons == 16);
    CHECK(plan.patience.mean_s == doctest::Approx(300));
    CHECK_FALSE(EstimatePatience(100, kMinPatienceAbandons - 1).estimated);
    CHECK(EstimatePatience(1000, 20).mean_s == doctest::Approx(50));
}

TEST_CASE("special days: their factor on the days forecast, one of the queue before one of every queue") {
    const TimeZone utc;
    const DayGrid grid(utc, Date("2025-09-01"), 9 * 7 + 7, 30);
    HistoryBuilder b(grid, 1);
    Fill(grid, &b, 63, [&](int d, int slot) { return std::llround(Profile(d % 7, slot, 50)); });
    std::vector<double> factors(7, 1.0);
    factors[2] = 1.5;
    factors[3] = 0;
    const QueuePlan plan = PlanQueue(b.Series(0, 63), 48, 63, 7, factors, Method::WeeklyAverage);
    CHECK(plan.calls[2 * 48 + 20] == doctest::Approx(1.5 * std::llround(Profile(2, 20, 50))));
    CHECK(plan.calls[3 * 48 + 20] == 0);
    CHECK(plan.calls[1 * 48 + 20] == doctest::Approx(std::llround(Profile(1, 20, 50))));

    std::vector<SpecialDay> days = {{"2025-11-03", "", SpecialKind::Holiday, 0.0, "", "", 0},
                                    {"2025-11-03", "sales", SpecialKind::Campaign, 1.4, "", "", 0}};
    CHECK(SpecialDayFor(days, "2025-11-03", "sales")->kind == SpecialKind::Campaign);
    CHECK(SpecialDayFor(days, "2025-11-03", "support")->kind == SpecialKind::Holiday);
    CHECK(SpecialDayFor(days, "2025-11-04", "sales") == nullptr);
    std::string field, why;
    SpecialDay bad{"2025-02-30", "", SpecialKind::Holiday, std::nullopt, "", "", 0};
    CHECK_FALSE(CheckSpecialDay(bad, &field, &why));
    CHECK(field == "date");
    bad.date = "2025-02-28";
    bad.factor = 11;
    CHECK_FALSE(CheckSpecialDay(bad, &field, &why));
    CHECK(field == "factor");
    CHECK(why == "11 is not a factor from 0 to 10 (0: closed, 1: a normal day)");
    bad.factor = 0.5;
    bad.queue = "no such/queue";
    CHECK_FALSE(CheckSpecialDay(bad, &field, &why));
    CHECK(field == "queue");
    bad.queue = "sales";
    bad.note = std::string(kMaxSpecialNote + 1, 'x');
    CHECK_FALSE(CheckSpecialDay(bad, &field, &why));
    CHECK(field == "note");
    bad.note = "国庆节";
    CHECK(CheckSpecialDay(bad, &field, &why));
}

TEST_CASE("too little history: the weekly average of what there is, said so; none at all: zero") {
    const TimeZone utc;
    const DayGrid grid(utc, Date("2025-09-01"), 3 * 7 + 7, 30);
    HistoryBuilder b(grid, 1);
    Fill(grid, &b, 21, [&](int d, int slot) { return std::llround(Profile(d % 7, slot, 50)); });
    const QueuePlan plan = PlanQueue(b.Series(0, 21), 48, 21, 7, std::vector<double>(7, 1.0), std::nullopt);
    CHECK(plan.choice == PlanChoice::ShortHistory);
    CHECK(plan.method == Method::WeeklyAverage);
    CHECK(plan.backtest.origins == 0);
    CHECK(plan.calls[20] == doctest::Approx(std::llround(Profile(0, 20, 50))));
    HistoryBuilder empty(grid, 1);
    const QueuePlan none = PlanQueue(empty.Series(0, 21), 48, 21, 7, std::vector<double>(7, 1.0), std::nullopt);
    CHECK(none.choice == PlanChoice::NoHistory);
    CHECK(none.calls[20] == 0);
    CHECK(std::isnan(none.aht_s[20]));
}

TEST_CASE("staffing an interval: erlang_cases.md row 5 and 6, no calls, no handle time") {
    Target t;
    t.service_level = 0.8;
    t.t_s = 20;
    t.max_occupancy = 0.85;
    t.shrinkage = 0.3;
    IntervalStaffing s = StaffInterval(100, 1800, 180, t);
    REQUIRE(s.ok);
    CHECK(s.raw_agents == 14);
    CHECK(s.agents == 20);
    t.max_occupancy = 0.7;
    s = StaffInterval(100, 1800, 180, t);
    CHECK(s.raw_agents == 15);
    CHECK(s.agents == 22);
    CHECK(s.at_raw.service_level == doctest::Approx(0.941).epsilon(1e-3));
    s = StaffInterval(0, 1800, std::nan(""), t);
    CHECK(s.ok);
    CHECK(s.raw_agents == 0);
    s = StaffInterval(3, 1800, std::nan(""), t);
    CHECK_FALSE(s.ok);
    CHECK(s.why == "no handle time stored for this queue");
}

TEST_CASE("the options of a plan: each value checked and named, the target from the queue or the ask") {
    PlanAsk ask;
    std::string why;
    CHECK(SetPlanAskOption(&ask, "weeks", "18", &why));
    CHECK(ask.weeks == 18);
    CHECK_FALSE(SetPlanAskOption(&ask, "weeks", "27", &why));
    CHECK(why == "weeks: '27' is not a whole number from 1 to 26");
    CHECK_FALSE(SetPlanAskOption(&ask, "interval", "20", &why));
    CHECK(why == "interval: '20' is not 15 or 30 (minutes)");
    CHECK_FALSE(SetPlanAskOption(&ask, "from", "2026-13-01", &why));
    CHECK(why == "from: '2026-13-01' is not a date YYYY-MM-DD");
    CHECK_FALSE(SetPlanAskOption(&ask, "method", "prophet", &why));
    CHECK(why == "method: 'prophet' is not auto, seasonal_naive, weekly_average or holt_winters");
    CHECK(SetPlanAskOption(&ask, "method", "holt_winters", &why));
    CHECK(ask.method == Method::HoltWinters);
    CHECK(SetPlanAskOption(&ask, "method", "auto", &why));
    CHECK_FALSE(ask.method);
    CHECK(SetPlanAskOption(&ask, "queue", "sales,vip", &why));
    CHECK(SetPlanAskOption(&ask, "queue", "sales", &why));
    CHECK(ask.queues == std::vector<std::string>{"sales", "vip"});
    CHECK_FALSE(SetPlanAskOption(&ask, "shrinkage", "100", &why));
    CHECK(why == "shrinkage: '100' is not a number from 0 to 99 %");
    CHECK_FALSE(SetPlanAskOption(&ask, "sl", "80", &why));
    CHECK(why.rfind("sl: '80' is not PERCENT/SECONDS", 0) == 0);
    CHECK_FALSE(SetPlanAskOption(&ask, "speed", "1", &why));
    CHECK_FALSE(AsksStaffing(ask));
    CHECK(SetPlanAskOption(&ask, "sl", "90/30", &why));
    CHECK(SetPlanAskOption(&ask, "asa", "15", &why));
    CHECK(AsksStaffing(ask));
    CHECK_FALSE(CheckPlanAsk(ask, &why));
    CHECK(why == "sl and asa: give one target, a service level or an average speed of answer");
    ask.asa_s.reset();
    CHECK(CheckPlanAsk(ask, &why));
    CHECK(SetPlanAskOption(&ask, "model", "erlang_c", &why));
    CHECK(SetPlanAskOption(&ask, "patience", "120", &why));
    CHECK_FALSE(CheckPlanAsk(ask, &why));

    // Targets: the queue's own service level unless asked; the model.
    PlanAsk plain;
    Target t;
    StaffModel model;
    const Patience estimated = EstimatePatience(6000, 40);  // 150 s
    REQUIRE(TargetFor(plain, 0.8, 20, estimated, &t, &model, &why));
    CHECK(t.kind == Target::Kind::ServiceLevel);
    CHECK(t.service_level == 0.8);
    CHECK(t.t_s == 20);
    CHECK(t.max_occupancy == 1.0);
    CHECK(t.shrinkage == 0.0);
    CHECK(model == StaffModel::ErlangA);
    CHECK(t.patience_s == doctest::Approx(150));
    REQUIRE(TargetFor(plain, 0.8, 20, EstimatePatience(0, 0), &t, &model, &why));
    CHECK(model == StaffModel::ErlangC);
    CHECK(t.patience_s == 0);
    PlanAsk a;
    REQUIRE(SetPlanAskOption(&a, "model", "erlang_a", &why));
    CHECK_FALSE(TargetFor(a, 0.8, 20, EstimatePatience(30, 3), &t, &model, &why));
    CHECK(why == "model erlang_a: fewer than 10 abandons in the last 8 weeks of history to estimate the callers' patience "
                 "from (3); give patience");
    REQUIRE(SetPlanAskOption(&a, "patience", "90", &why));
    REQUIRE(SetPlanAskOption(&a, "asa", "30", &why));
    REQUIRE(SetPlanAskOption(&a, "max_occupancy", "85", &why));
    REQUIRE(TargetFor(a, 0.8, 20, EstimatePatience(30, 3), &t, &model, &why));
    CHECK(model == StaffModel::ErlangA);
    CHECK(t.patience_s == 90);
    CHECK(t.kind == Target::Kind::Asa);
    CHECK(t.asa_s == 30);
    CHECK(t.max_occupancy == doctest::Approx(0.85));
}

TEST_CASE("next week by default: the Monday after today") {
    CHECK(DefaultForecastStart(Date("2026-01-07")) == Date("2026-01-12"));  // a Wednesday
    CHECK(DefaultForecastStart(Date("2026-01-05")) == Date("2026-01-12"));  // a Monday
    CHECK(DefaultForecastStart(Date("2026-01-11")) == Date("2026-01-12"));  // a Sunday
}

TEST_CASE("a report laid out on real intervals, staffed, through JSON and back") {
    const TimeZone berlin = Berlin();
    // History to Sunday 2026-10-18; the forecast week holds the 25-hour Sunday 2026-10-25.
    const int history_days = 9 * 7;
    const DayGrid grid(berlin, Date("2026-08-17"), history_days + 7, 30);
    HistoryBuilder b(grid, 1);
    Fill(grid, &b, history_days, [&](int d, int slot) { return std::llround(Profile(d % 7, slot, 60)); });
    // Monday of the forecast week already happened (the series has it; made_ms after it).
    for (const DayGrid::Interval& iv : grid.Intervals(history_days)) b.Add(0, iv.start_ms, IntervalHistory{7, 7, 7 * 200000, 7, 0, 0, 0});
    const QueueSeries s = b.Series(0, grid.days());
    std::vector<SpecialDay> special = {{"2026-10-21", "", SpecialKind::Holiday, 0.0, "", "", 0}};
    std::vector<double> factors(7, 1.0);
    factors[2] = 0;
    const QueuePlan plan = PlanQueue(s, 48, history_days, 7, factors, std::nullopt);
    PlanReport report;
    report.from = "2026-10-19";
    report.to = "2026-10-25";
    report.time_zone = berlin.name();
    report.interval_minutes = 30;
    report.history_from = "2026-08-17";
    report.history_to = "2026-10-18";
    report.made_ms = grid.DayStart(history_days + 1);
    report.staffing = true;
    PlanQueueReport q;
    q.key = "sales";
    q.method = plan.method;
    q.choice = plan.choice;
    q.origins = plan.backtest.origins;
    q.accuracy = plan.backtest.by_method;
    q.ran = plan.backtest.ran;
    q.history_weeks = plan.history_weeks;
    q.patience = plan.patience;
    q.target.service_level = 0.8;
    q.target.t_s = 20;
    LayOut(grid, history_days, history_days, history_days + 7, plan, s, report.made_ms, special, &q);
    StaffDays(1800, &q);
    REQUIRE(q.days.size() == 7);
    CHECK(q.days[0].date == "2026-10-19");
    CHECK(q.days[6].intervals.size() == 50);  // 25 hours
    CHECK(q.days[6].intervals[4].time == "02:00");
    CHECK(q.days[6].intervals[5].time == "02:30");
    CHECK(q.days[6].intervals[6].time == "02:00");
    CHECK(q.days[6].intervals[4].start_ms + 2 * 1800000 == q.days[6].intervals[6].start_ms);
    CHECK(q.days[2].special == "holiday");
    CHECK(q.days[2].factor == 0.0);
    CHECK(q.days[2].intervals[20].calls == 0);
    CHECK(q.days[0].intervals[20].has_actual);
    CHECK(q.days[0].intervals[20].actual_calls == 7);
    CHECK_FALSE(q.days[1].intervals[20].has_actual);
    const PlanInterval& busy = q.days[1].intervals[20];
    CHECK(busy.calls == doctest::Approx(std::llround(Profile(1, 20, 60))));
    REQUIRE(busy.staffing.ok);
    CHECK(busy.staffing.raw_agents == StaffInterval(busy.calls, 1800, 200, q.target).raw_agents);
    CHECK(busy.staffing.at_raw.service_level >= 0.8);
    report.queues.push_back(q);

    const std::string json = PlanReportToJson(report);
    PlanReport back;
    std::string error;
    REQUIRE_MESSAGE(PlanReportFromJson(json, &back, &error), error);
    CHECK(PlanReportToJson(back) == json);
    REQUIRE(back.queues.size() == 1);
    CHECK(back.queues[0].days[6].intervals.size() == 50);
    CHECK(back.queues[0].days[1].intervals[20].staffing.raw_agents == busy.staffing.raw_agents);
    CHECK(std::isnan(back.queues[0].days[1].intervals[0].actual_aht_s));
    CHECK_FALSE(PlanReportFromJson("{\"from\":1}", &back, &error));
    CHECK(error == "from: missing or not a string");

    const std::vector<SpecialDay> list = {{"2026-10-21", "", SpecialKind::Holiday, 0.0, "Reformation Day", "mona", 5},
                                          {"2026-11-02", "sales", SpecialKind::Campaign, std::nullopt, "", "root", 6}};
    std::vector<SpecialDay> read;
    REQUIRE(SpecialDaysFromJson(SpecialDaysToJson(list), &read, &error));
    CHECK(read == list);
}
