// The Reports area's data (core/report/report_views.h) on a hand-made report: two queues, two
// Mondays with two hourly intervals each, the built-in definition (answered within T over
// offered less short abandons, target 80 %). Every expected value is worked out in the comments.
#include <doctest/doctest.h>

#include <cstdio>

#include "core/report/report_views.h"

using namespace cb;

namespace {

int64_t Utc(int y, int m, int d, int h = 0) { return (DaysFromCivil({y, m, d}) * 86400 + h * 3600) * 1000; }

KpiCounts Counts(int64_t offered, int64_t answered, int64_t within, int64_t abandoned, int64_t short_ab,
                 int64_t longest_wait_ms = 0, int64_t wait_answered_ms = 0) {
    KpiCounts c;
    c.offered = offered;
    c.answered = answered;
    c.answered_within_t = within;
    c.abandoned = abandoned;
    c.short_abandoned = short_ab;
    c.longest_wait_ms = longest_wait_ms;
    c.wait_answered_ms = wait_answered_ms;
    return c;
}

// Buckets: 2026-03-02 (a Monday) 08:00 and 09:00, 2026-03-09 (the next Monday) 08:00 and 09:00.
Report Sample() {
    Report r;
    r.query.from = {2026, 3, 2};
    r.query.to = {2026, 3, 9};
    r.query.granularity = ReportGranularity::Minutes60;
    r.query.group = ReportGroup::Queue;
    r.zone = "UTC";
    r.interval_minutes = 15;
    const auto bucket = [](int d, int h) {
        char label[40];
        std::snprintf(label, sizeof label, "2026-03-%02d %02d:00 +00:00", d, h);
        return ReportBucket{Utc(2026, 3, d, h), Utc(2026, 3, d, h + 1), {2026, 3, d}, {2026, 3, d}, 0, false, label};
    };
    r.buckets = {bucket(2, 8), bucket(2, 9), bucket(9, 8), bucket(9, 9)};
    r.groups = {{"sales", "Sales", "销售", ""}, {"billing", "Billing", "账务", ""}};
    const KpiCounts sales[] = {Counts(10, 8, 6, 2, 0, 90000), Counts(20, 12, 10, 8, 2, 300000), Counts(0, 0, 0, 0, 0),
                               Counts(5, 5, 5, 0, 0, 10000)};
    const KpiCounts billing[] = {Counts(4, 4, 2, 0, 0), Counts(1, 1, 1, 0, 0), Counts(2, 1, 1, 1, 1), Counts(0, 0, 0, 0, 0)};
    for (int b = 0; b < 4; ++b) r.rows.push_back(ReportRow{0, b, sales[b], {}, {0}, 0, false});
    for (int b = 0; b < 4; ++b) r.rows.push_back(ReportRow{1, b, billing[b], {}, {0}, 0, false});
    // Totals of sales: 35 offered, 25 answered, 21 within T, 10 abandoned (2 short), ASA 10 s.
    r.totals.push_back(ReportRow{0, -1, Counts(35, 25, 21, 10, 2, 300000, 250000), {}, {0}, 0, false});
    r.totals.push_back(ReportRow{1, -1, Counts(7, 6, 4, 1, 1), {}, {0}, 0, false});
    r.from_ms = Utc(2026, 3, 2);
    r.to_ms = Utc(2026, 3, 10);
    return r;
}

}  // namespace

TEST_CASE("a report table sorts by any column; rows without a value come last both ways") {
    const Report r = Sample();
    // Service level (6/10, 10/18, -, 5/5 | 2/4, 1/1, 1/(2-1), -).
    const ReportColumn sl{ReportColumn::Kind::Kpi, int(ReportKpi::ServiceLevel)};
    CHECK(SortReportRows(r, r.rows, sl, false) == std::vector<size_t>{4, 1, 0, 3, 5, 6, 2, 7});
    CHECK(SortReportRows(r, r.rows, sl, true) == std::vector<size_t>{3, 5, 6, 0, 1, 4, 2, 7});
    // Offered: 10, 20, 0, 5 | 4, 1, 2, 0.
    const ReportColumn offered{ReportColumn::Kind::Count, 0};
    CHECK(SortReportRows(r, r.rows, offered, true) == std::vector<size_t>{1, 0, 3, 4, 6, 5, 2, 7});
    // Groups by English name: Billing before Sales; each keeps its time order.
    CHECK(SortReportRows(r, r.rows, {ReportColumn::Kind::Group, 0}, false) == std::vector<size_t>{4, 5, 6, 7, 0, 1, 2, 3});
    CHECK(SortReportRows(r, r.rows, {ReportColumn::Kind::Group, 0}, true) == std::vector<size_t>{0, 1, 2, 3, 4, 5, 6, 7});
    CHECK(SortReportRows(r, r.rows, {ReportColumn::Kind::Period, 0}, true) == std::vector<size_t>{3, 7, 2, 6, 1, 5, 0, 4});
    CHECK(SortReportRows(r, r.totals, sl, false) == std::vector<size_t>{0, 1});  // 21/33 = 0.636 < 4/(7-1) = 0.667
}

TEST_CASE("trend, volume bars and the interval-by-weekday heatmap from summed counts") {
    const Report r = Sample();
    const std::vector<TrendPoint> trend = ReportTrend(r, 0, ReportKpi::ServiceLevel);
    REQUIRE(trend.size() == 4);
    CHECK(trend[0].valid);
    CHECK(trend[0].value == doctest::Approx(0.6));
    CHECK(trend[1].numerator == 10);
    CHECK(trend[1].denominator == 18);  // 20 offered - 2 short abandons
    CHECK(trend[1].value == doctest::Approx(10.0 / 18.0));
    CHECK_FALSE(trend[2].valid);
    CHECK(trend[3].value == doctest::Approx(1.0));
    CHECK(trend[3].target == doctest::Approx(0.8));

    const std::vector<VolumeBar> bars = ReportVolumeBars(r, 0);
    REQUIRE(bars.size() == 4);
    CHECK(bars[1].offered == 20);
    CHECK(bars[1].answered == 12);
    CHECK(bars[1].abandoned == 8);
    CHECK(bars[2].offered == 0);

    // Both dates are Mondays: a Monday cell sums both.
    const Heatmap volume = ReportHeatmap(r, 0, HeatmapMetric::Volume);
    REQUIRE(volume.slots == 2);
    CHECK(volume.slot_labels == std::vector<std::string>{"08:00", "09:00"});
    CHECK(volume.at(0, 0).value == 10);  // 10 + 0
    CHECK(volume.at(0, 0).denominator == 2);
    CHECK(volume.at(0, 1).value == 25);  // 20 + 5
    CHECK_FALSE(volume.at(1, 0).valid);  // no Tuesday in the range
    CHECK(volume.max_value == 25);
    const Heatmap sl = ReportHeatmap(r, 0, HeatmapMetric::ServiceLevel);
    CHECK(sl.at(0, 0).value == doctest::Approx(0.6));  // 6/10 + 0/0
    // (10 + 5) / (18 + 5) = 0.652, not the mean of 0.556 and 1.0.
    CHECK(sl.at(0, 1).numerator == 15);
    CHECK(sl.at(0, 1).denominator == 23);
    CHECK(sl.at(0, 1).value == doctest::Approx(15.0 / 23.0));

    // A day cadence: one slot per weekday.
    Report days = r;
    days.query.granularity = ReportGranularity::Day;
    CHECK(ReportHeatmap(days, 0, HeatmapMetric::Volume).slots == 1);
}

TEST_CASE("report pages: worst intervals, longest waits, abandon spikes, change against the previous period") {
    const Report r = Sample();
    CHECK(WorstServiceLevelRows(r, 0, 2) == std::vector<size_t>{1, 0});  // 0.556, 0.6
    CHECK(WorstServiceLevelRows(r, 1, 5) == std::vector<size_t>{4, 6, 5});  // 0.5, then two at 1.0: 2 offered before 1
    CHECK(LongestWaitRows(r, 0, 5) == std::vector<size_t>{1, 0, 3});  // 300 s, 90 s, 10 s
    CHECK(LongestWaitRows(r, 0, 1) == std::vector<size_t>{1});
    // Abandons without the short ones: 2, 6, 0 over 3 intervals with calls: mean 8/3; a spike has
    // at least 3 and twice the mean (5.33): the 09:00 interval with 6.
    CHECK(MeanAbandons(r, 0) == doctest::Approx(8.0 / 3.0));
    CHECK(AbandonSpikeRows(r, 0, 5) == std::vector<size_t>{1});
    CHECK(AbandonSpikeRows(r, 1, 5).empty());

    Report before = r;
    before.totals[0].counts = Counts(28, 20, 18, 8, 0, 0, 300000);
    const std::vector<PeriodChange> c = ComparePeriods(r, before, 0);
    REQUIRE(c.size() == 8);
    CHECK(c[0].id == "offered");
    CHECK(c[0].change == 7);
    CHECK(c[0].change_pct == doctest::Approx(0.25));  // 35 against 28
    CHECK(c[3].id == "service_level");
    CHECK(c[3].ratio);
    CHECK(c[3].now == doctest::Approx(21.0 / 33.0));
    CHECK(c[3].before == doctest::Approx(18.0 / 28.0));
    CHECK(c[3].change == doctest::Approx(21.0 / 33.0 - 18.0 / 28.0));
    CHECK_FALSE(c[3].change_pct_valid);  // percentage points, not a percentage of a percentage
    CHECK(c[4].id == "abandon_rate");
    CHECK(c[4].now == doctest::Approx(8.0 / 33.0));
    CHECK(c[5].id == "asa_ms");
    CHECK(c[5].now == doctest::Approx(10000));
    CHECK(c[5].before == doctest::Approx(15000));
    CHECK(c[5].change_pct == doctest::Approx(-1.0 / 3.0));
    CHECK(c[7].id == "occupancy");
    CHECK_FALSE(c[7].now_valid);  // no agent time in these counts
}

TEST_CASE("the previous period of a day, a week, a month and a quarter") {
    CivilDate f, t;
    PreviousPeriod({2026, 3, 10}, {2026, 3, 10}, &f, &t);
    CHECK(f == CivilDate{2026, 3, 9});
    CHECK(t == CivilDate{2026, 3, 9});
    PreviousPeriod({2026, 3, 2}, {2026, 3, 8}, &f, &t);
    CHECK(f == CivilDate{2026, 2, 23});
    CHECK(t == CivilDate{2026, 3, 1});
    PreviousPeriod({2026, 3, 1}, {2026, 3, 31}, &f, &t);  // March: all of February
    CHECK(f == CivilDate{2026, 2, 1});
    CHECK(t == CivilDate{2026, 2, 28});
    PreviousPeriod({2026, 1, 1}, {2026, 1, 31}, &f, &t);
    CHECK(f == CivilDate{2025, 12, 1});
    CHECK(t == CivilDate{2025, 12, 31});
    PreviousPeriod({2026, 1, 1}, {2026, 3, 31}, &f, &t);  // a quarter: the previous quarter
    CHECK(f == CivilDate{2025, 10, 1});
    CHECK(t == CivilDate{2025, 12, 31});
}
