// Reports in the core: buckets of a zone (23 h and 25 h days in Europe/Berlin and New York),
// weeks with different first weekdays, months, ratios from summed counts, versioned
// definitions on rows, every KPI with its parts, the query checks, JSON and CSV that read back
// to the same numbers. Values are worked out by hand in the comments.
#include <doctest/doctest.h>

#include <cmath>

#include "core/report/report.h"
#include "core/report/report_csv.h"
#include "core/report/report_json.h"

using namespace cb;

namespace {

int64_t Utc(int y, int m, int d, int h = 0, int mi = 0) {
    return (DaysFromCivil({y, m, d}) * 86400 + h * 3600 + mi * 60) * 1000;
}

TimeZone Posix(const char* name, const char* rule) {
    TimeZone z;
    std::string error;
    REQUIRE(TimeZone::FromPosix(name, rule, &z, &error));
    return z;
}

TimeZone Berlin() { return Posix("Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3"); }
TimeZone NewYork() { return Posix("America/New_York", "EST5EDT,M3.2.0,M11.1.0"); }

ReportQuery Query(CivilDate from, CivilDate to, ReportGranularity g, ReportGroup group = ReportGroup::Center) {
    ReportQuery q;
    q.from = from;
    q.to = to;
    q.granularity = g;
    q.group = group;
    return q;
}

DefinitionVersion Def(int64_t id, std::string queue, int64_t from, SlVariant v, int t, double target = 0.8, int short_s = 5) {
    DefinitionVersion d;
    d.id = id;
    d.queue = std::move(queue);
    d.valid_from_ms = from;
    d.sl = ServiceLevelDef{v, t, target, short_s};
    d.recorded_ms = 1000 * id;
    return d;
}

const KpiFigure& Kpi(const std::vector<KpiFigure>& figures, ReportKpi k) { return figures[static_cast<size_t>(k)]; }

}  // namespace

TEST_CASE("intervals of 23 h and 25 h days in Europe/Berlin are cut from local midnight in elapsed time") {
    const TimeZone berlin = Berlin();
    const auto spring = MakeReportBuckets(berlin, Query({2026, 3, 29}, {2026, 3, 29}, ReportGranularity::Minutes15));
    REQUIRE(spring.size() == 92);  // 23 h x 4
    CHECK(spring[0].start_ms == Utc(2026, 3, 28, 23));
    CHECK(spring[0].label == "2026-03-29 00:00 +01:00");
    CHECK(spring[7].label == "2026-03-29 01:45 +01:00");
    CHECK(spring[8].start_ms == Utc(2026, 3, 29, 1));
    CHECK(spring[8].label == "2026-03-29 03:00 +02:00");  // 02:00-03:00 does not exist
    CHECK(spring[8].offset_min == 120);
    CHECK(spring[91].label == "2026-03-29 23:45 +02:00");
    CHECK(spring[91].end_ms == Utc(2026, 3, 29, 22));

    const auto autumn = MakeReportBuckets(berlin, Query({2026, 10, 25}, {2026, 10, 25}, ReportGranularity::Minutes15));
    REQUIRE(autumn.size() == 100);  // 25 h x 4
    CHECK(autumn[8].label == "2026-10-25 02:00 +02:00");
    CHECK(autumn[12].label == "2026-10-25 02:00 +01:00");  // the repeated hour, with its own offset
    CHECK(autumn[12].start_ms - autumn[8].start_ms == 3600000);
    CHECK(autumn[99].end_ms == Utc(2026, 10, 25, 23));

    const auto hours = MakeReportBuckets(berlin, Query({2026, 10, 24}, {2026, 10, 26}, ReportGranularity::Minutes60));
    CHECK(hours.size() == 24 + 25 + 24);

    const auto days = MakeReportBuckets(berlin, Query({2026, 3, 28}, {2026, 3, 30}, ReportGranularity::Day));
    REQUIRE(days.size() == 3);
    CHECK(days[0].end_ms - days[0].start_ms == 24 * 3600000LL);
    CHECK(days[1].end_ms - days[1].start_ms == 23 * 3600000LL);
    CHECK(days[1].label == "2026-03-29");
    CHECK(days[2].end_ms - days[2].start_ms == 24 * 3600000LL);
    const auto march = MakeReportBuckets(berlin, Query({2026, 3, 1}, {2026, 3, 31}, ReportGranularity::Month));
    REQUIRE(march.size() == 1);
    CHECK(march[0].end_ms - march[0].start_ms == (31 * 24 - 1) * 3600000LL);
    CHECK_FALSE(march[0].partial);
    CHECK(march[0].label == "2026-03");
}

TEST_CASE("New York's daylight saving days: 23 and 25 hourly intervals") {
    const TimeZone ny = NewYork();
    const auto spring = MakeReportBuckets(ny, Query({2026, 3, 8}, {2026, 3, 8}, ReportGranularity::Minutes60));
    REQUIRE(spring.size() == 23);
    CHECK(spring[0].start_ms == Utc(2026, 3, 8, 5));
    CHECK(spring[2].label == "2026-03-08 03:00 -04:00");
    const auto autumn = MakeReportBuckets(ny, Query({2026, 11, 1}, {2026, 11, 1}, ReportGranularity::Minutes30));
    REQUIRE(autumn.size() == 50);
    CHECK(autumn[2].label == "2026-11-01 01:00 -04:00");
    CHECK(autumn[4].label == "2026-11-01 01:00 -05:00");
    CHECK(autumn[49].end_ms == Utc(2026, 11, 2, 5));
}

TEST_CASE("weeks start on the configured weekday; ISO weeks are labelled by ISO year and number") {
    const TimeZone utc = TimeZone::Fixed(0);
    // March 2026 begins on a Sunday and ends on a Tuesday.
    ReportQuery q = Query({2026, 3, 1}, {2026, 3, 31}, ReportGranularity::Week);
    auto weeks = MakeReportBuckets(utc, q);
    REQUIRE(weeks.size() == 6);
    CHECK(weeks[0].label == "2026-W09");
    CHECK(weeks[0].partial);
    CHECK(weeks[0].first_date == CivilDate{2026, 3, 1});
    CHECK(weeks[0].last_date == CivilDate{2026, 3, 1});
    CHECK(weeks[1].label == "2026-W10");
    CHECK(weeks[1].first_date == CivilDate{2026, 3, 2});
    CHECK(weeks[1].last_date == CivilDate{2026, 3, 8});
    CHECK_FALSE(weeks[1].partial);
    CHECK(weeks[5].label == "2026-W14");
    CHECK(weeks[5].last_date == CivilDate{2026, 3, 31});
    CHECK(weeks[5].partial);

    q.first_weekday = 6;  // Sunday
    weeks = MakeReportBuckets(utc, q);
    REQUIRE(weeks.size() == 5);
    CHECK(weeks[0].label == "2026-03-01/2026-03-07");
    CHECK_FALSE(weeks[0].partial);
    CHECK(weeks[4].label == "2026-03-29/2026-04-04");
    CHECK(weeks[4].partial);

    // 2026 has 53 ISO weeks (it begins on a Thursday); 2027's first week starts on January 4.
    weeks = MakeReportBuckets(utc, Query({2026, 12, 28}, {2027, 1, 10}, ReportGranularity::Week));
    REQUIRE(weeks.size() == 2);
    CHECK(weeks[0].label == "2026-W53");
    CHECK(weeks[1].label == "2027-W01");
}

TEST_CASE("months are cut to the range") {
    const auto months = MakeReportBuckets(TimeZone::Fixed(480), Query({2026, 1, 15}, {2026, 3, 10}, ReportGranularity::Month));
    REQUIRE(months.size() == 3);
    CHECK(months[0].label == "2026-01");
    CHECK(months[0].partial);
    CHECK(months[0].start_ms == Utc(2026, 1, 14, 16));
    CHECK(months[1].label == "2026-02");
    CHECK_FALSE(months[1].partial);
    CHECK(months[1].end_ms - months[1].start_ms == 28 * 86400000LL);
    CHECK(months[2].last_date == CivilDate{2026, 3, 10});
    const auto range = MakeReportBuckets(TimeZone::Fixed(480), Query({2026, 1, 15}, {2026, 3, 10}, ReportGranularity::Range));
    REQUIRE(range.size() == 1);
    CHECK(range[0].label == "2026-01-15/2026-03-10");
}

TEST_CASE("named ranges: today, yesterday, this and last week or month") {
    CivilDate from, to;
    const CivilDate today{2026, 3, 11};  // a Wednesday
    REQUIRE(ResolveReportRange("yesterday", today, 0, &from, &to));
    CHECK(from == CivilDate{2026, 3, 10});
    CHECK(to == CivilDate{2026, 3, 10});
    REQUIRE(ResolveReportRange("this_week", today, 0, &from, &to));
    CHECK(from == CivilDate{2026, 3, 9});
    CHECK(to == CivilDate{2026, 3, 15});
    REQUIRE(ResolveReportRange("this_week", today, 6, &from, &to));
    CHECK(from == CivilDate{2026, 3, 8});
    REQUIRE(ResolveReportRange("last_week", today, 0, &from, &to));
    CHECK(from == CivilDate{2026, 3, 2});
    CHECK(to == CivilDate{2026, 3, 8});
    REQUIRE(ResolveReportRange("last_month", today, 0, &from, &to));
    CHECK(from == CivilDate{2026, 2, 1});
    CHECK(to == CivilDate{2026, 2, 28});
    REQUIRE(ResolveReportRange("this_month", {2024, 2, 10}, 0, &from, &to));
    CHECK(to == CivilDate{2024, 2, 29});
    CHECK_FALSE(ResolveReportRange("fortnight", today, 0, &from, &to));
}

TEST_CASE("a query is checked: reversed dates, ranges over the limit, intervals finer than stored, filters") {
    ReportQuery q = Query({2026, 3, 31}, {2026, 3, 1}, ReportGranularity::Day);
    auto problem = CheckReportQuery(q, 15);
    REQUIRE(problem);
    CHECK(problem->field == "to");
    CHECK(problem->message == "to: 2026-03-01 is before from (2026-03-31)");

    q = Query({2026, 1, 1}, {2026, 2, 1}, ReportGranularity::Minutes15);  // 32 days
    problem = CheckReportQuery(q, 15);
    REQUIRE(problem);
    CHECK(problem->message == "to: the range 2026-01-01 to 2026-02-01 is 32 days; 15-minute reports cover at most 31 days");
    q.to = {2026, 1, 31};
    CHECK_FALSE(CheckReportQuery(q, 15));
    problem = CheckReportQuery(q, 30);
    REQUIRE(problem);
    CHECK(problem->field == "granularity");
    q.granularity = ReportGranularity::Minutes60;
    CHECK_FALSE(CheckReportQuery(q, 30));

    q = Query({2024, 1, 1}, {2026, 1, 2}, ReportGranularity::Month);  // 733 days
    problem = CheckReportQuery(q, 15);
    REQUIRE(problem);
    CHECK(problem->field == "to");
    q.to = {2026, 1, 1};  // 732 days
    CHECK_FALSE(CheckReportQuery(q, 15));

    q = Query({2026, 3, 1}, {2026, 3, 1}, ReportGranularity::Day, ReportGroup::Queue);
    q.teams = {"a"};
    problem = CheckReportQuery(q, 15);
    REQUIRE(problem);
    CHECK(problem->field == "team");
    q = Query({2026, 3, 1}, {2026, 3, 1}, ReportGranularity::Day, ReportGroup::Agent);
    q.teams = {"a"};
    q.agents = {"1001"};
    CHECK_FALSE(CheckReportQuery(q, 15));  // agents of team a, only 1001
    q.queues = {"sales"};
    CHECK(CheckReportQuery(q, 15)->field == "queue");
    q = Query({2026, 3, 1}, {2026, 3, 1}, ReportGranularity::Day);
    q.queues = {"sales"};
    q.teams = {"a"};
    CHECK(CheckReportQuery(q, 15));  // the center sums one kind
    q.teams.clear();
    q.queues = {""};
    CHECK(CheckReportQuery(q, 15)->message == "queue: an empty key");
    q = Query({1969, 12, 31}, {1970, 1, 1}, ReportGranularity::Day);
    CHECK(CheckReportQuery(q, 15)->field == "from");
}

TEST_CASE("report rows sum stored counts; ratios come from the summed counts, never averaged percentages") {
    const TimeZone berlin = Berlin();
    ReportQuery q = Query({2026, 3, 28}, {2026, 3, 29}, ReportGranularity::Day, ReportGroup::Queue);
    ReportSource src;
    src.groups = {{"sales", "Sales", "销售", ""}, {"support", "Support", "客服", ""}};
    src.group_queues = {{"sales"}, {"support"}};
    // Day 1: 3 of 6 answered within T (50 %); day 2: 96 of 96 (100 %).
    KpiCounts a, b;
    a.offered = a.answered = 6;
    a.answered_within_t = 3;
    a.wait_answered_ms = 6 * 30000;
    a.longest_wait_ms = 50000;
    b.offered = b.answered = b.answered_within_t = 96;
    b.wait_answered_ms = 96 * 10000;
    b.longest_wait_ms = 20000;
    b.staffed_ms = 2 * 23 * 3600000LL;  // two agents all of the 23 h day
    ReportExtras lunch;
    lunch.not_ready_ms[static_cast<size_t>(NotReadyReason::Lunch)] = 1800000;
    src.rows.push_back({0, berlin.StartOfDate({2026, 3, 28}), a, {}});
    src.rows.push_back({0, berlin.StartOfDate({2026, 3, 29}), b, lunch});
    // The sales definition changed T from 20 s to 30 s at noon on the 29th.
    src.definitions = {Def(1, "sales", INT64_MIN, SlVariant::AnsweredOverOffered, 20),
                       Def(2, "sales", Utc(2026, 3, 29, 10), SlVariant::AnsweredOverOffered, 30, 0.9),
                       Def(3, "*", INT64_MIN, SlVariant::AnsweredOverOfferedLessShort, 20)};
    LinkDefinitionVersions(&src.definitions);
    const Report r = BuildReport(q, berlin, src, 123);
    REQUIRE(r.buckets.size() == 2);
    REQUIRE(r.rows.size() == 4);
    REQUIRE(r.totals.size() == 2);
    CHECK(r.rows[0].counts == a);
    CHECK(r.rows[1].counts == b);
    CHECK(r.rows[2].counts == KpiCounts{});  // support, day 1: present, empty
    KpiCounts sum = a;
    sum.Add(b);
    CHECK(r.totals[0].counts == sum);
    CHECK(r.totals[0].counts.longest_wait_ms == 50000);
    CHECK(r.totals[0].extras.not_ready_ms[static_cast<size_t>(NotReadyReason::Lunch)] == 1800000);

    // Definitions: day 1 used T = 20 s only; day 2 both (mixed); the headline is the latest.
    CHECK(r.rows[0].definitions == std::vector<int64_t>{1});
    CHECK(r.rows[0].headline_definition == 1);
    CHECK_FALSE(r.rows[0].mixed_definitions);
    CHECK(r.rows[1].definitions == std::vector<int64_t>{1, 2});
    CHECK(r.rows[1].mixed_definitions);
    CHECK(r.rows[1].headline_definition == 2);
    CHECK(r.totals[0].headline_definition == 2);
    CHECK(r.rows[2].headline_definition == 0);  // support has no stored definition: the built-in
    REQUIRE(r.definitions.size() == 3);          // built-in, 1, 2 (3 is not used by queue rows)
    CHECK(r.definitions[0].id == 0);
    CHECK(r.definitions[1].valid_to_ms == Utc(2026, 3, 29, 10));

    const auto day1 = ReportRowKpis(r, r.rows[0]);
    CHECK(Kpi(day1, ReportKpi::ServiceLevel).numerator == 3);
    CHECK(Kpi(day1, ReportKpi::ServiceLevel).denominator == 6);
    CHECK(Kpi(day1, ReportKpi::ServiceLevel).value == doctest::Approx(0.5));
    const auto total = ReportRowKpis(r, r.totals[0]);
    const KpiFigure& sl = Kpi(total, ReportKpi::ServiceLevel);
    CHECK(sl.numerator == 99);
    CHECK(sl.denominator == 102);
    CHECK(sl.value == doctest::Approx(99.0 / 102.0));  // 97.06 %, not the 75 % of averaged days
    CHECK(sl.variant == SlVariant::AnsweredOverOffered);
    CHECK(r.HeadlineSl(r.totals[0]).target == doctest::Approx(0.9));
    // The six variants side by side.
    CHECK(Kpi(total, ReportKpi::SlAnsweredOverAnswered).value == doctest::Approx(99.0 / 102.0));
    CHECK(Kpi(total, ReportKpi::SlRemovedOverQueued).numerator == 99);
    const KpiFigure& asa = Kpi(total, ReportKpi::Asa);
    CHECK(asa.numerator == 6 * 30000 + 96 * 10000);
    CHECK(asa.denominator == 102);
    CHECK(ReportKpiFormula(ReportKpi::Asa) == "wait_answered_ms / answered");
    CHECK(ReportKpiFormula(ReportKpi::ServiceLevel, SlVariant::AnsweredOverOfferedLessShort) ==
          "answered_within_t / (offered - short_abandoned)");
    // Two agents staffed all of the 23 h day: 2.0 on average.
    CHECK(Kpi(ReportRowKpis(r, r.rows[1]), ReportKpi::AgentsStaffed).value == doctest::Approx(2.0));
    CHECK_FALSE(Kpi(ReportRowKpis(r, r.rows[2]), ReportKpi::Asa).valid);
}

TEST_CASE("center, team and agent rows: the center's definition, and answered-over-answered for agents") {
    const TimeZone z = TimeZone::Fixed(480);
    ReportSource src;
    src.groups = {{"1001", "Wang Fang", "王芳", "a"}};
    src.group_queues = {{"sales", "support"}};
    KpiCounts c;
    c.answered = 4;
    c.answered_within_t = 3;
    c.handled = 4;
    src.rows.push_back({0, z.StartOfDate({2026, 1, 5}), c, {}});
    src.definitions = {Def(1, "sales", INT64_MIN, SlVariant::AnsweredOverOffered, 20),
                       Def(2, "support", INT64_MIN, SlVariant::AnsweredOverOffered, 30),
                       Def(5, "*", INT64_MIN, SlVariant::AnsweredOverOfferedLessShort, 20, 0.85)};
    LinkDefinitionVersions(&src.definitions);
    const Report r = BuildReport(Query({2026, 1, 5}, {2026, 1, 5}, ReportGranularity::Day, ReportGroup::Agent), z, src, 0);
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].definitions == std::vector<int64_t>{1, 2});
    CHECK(r.rows[0].mixed_definitions);  // T = 20 s for sales calls, 30 s for support calls
    CHECK(r.rows[0].headline_definition == 5);
    const KpiFigure sl = Kpi(ReportRowKpis(r, r.rows[0]), ReportKpi::ServiceLevel);
    CHECK(sl.variant == SlVariant::AnsweredOverAnswered);
    CHECK(sl.value == doctest::Approx(0.75));
    CHECK(r.HeadlineSl(r.rows[0]).target == doctest::Approx(0.85));
}

TEST_CASE("a 30-minute report adds the stored 15-minute intervals in pairs") {
    const TimeZone z = TimeZone::Fixed(0);
    ReportSource src;
    src.groups = {{"", "", "", ""}};
    src.group_queues = {{}};
    const int64_t day = Utc(2026, 1, 5);
    for (int i = 0; i < 4; ++i) {
        KpiCounts c;
        c.offered = i + 1;
        src.rows.push_back({0, day + i * 900000LL, c, {}});
    }
    const Report r = BuildReport(Query({2026, 1, 5}, {2026, 1, 5}, ReportGranularity::Minutes30), z, src, 0);
    REQUIRE(r.rows.size() == 48);
    CHECK(r.rows[0].counts.offered == 3);
    CHECK(r.rows[1].counts.offered == 7);
    CHECK(r.rows[2].counts.offered == 0);
    CHECK(r.totals[0].counts.offered == 10);
    CHECK(r.definitions.size() == 1);  // the built-in default for the center's headline
}

TEST_CASE("report JSON and CSV read back to the same numbers") {
    const TimeZone berlin = Berlin();
    ReportQuery q = Query({2026, 10, 24}, {2026, 10, 25}, ReportGranularity::Day, ReportGroup::Team);
    q.teams = {"a", "b"};
    ReportSource src;
    src.groups = {{"a", "Team A, early", "一组", ""}, {"b", "Team \"B\"", "二组", ""}};
    src.group_queues = {{"sales"}, {"sales"}};
    KpiCounts c;
    c.answered = 7;
    c.answered_within_t = 5;
    c.handled = 6;
    c.talk_ms = 1234567;
    c.order_value_cents = 2000000;
    c.orders = 1;
    c.busy_ms = 100;
    c.available_ms = 300;
    c.staffed_ms = 25 * 3600000LL;
    ReportExtras e;
    e.not_ready_ms[1] = 600000;
    e.callbacks_promised = 3;
    e.callbacks_kept = 2;
    src.rows.push_back({1, berlin.StartOfDate({2026, 10, 25}), c, e});
    src.definitions = {Def(7, "sales", INT64_MIN, SlVariant::AnsweredOverOffered, 20)};
    LinkDefinitionVersions(&src.definitions);
    src.pending_days = {{2026, 10, 25}};
    const Report r = BuildReport(q, berlin, src, 1767571200000);

    const std::string json = ReportToJson(r);
    Report back;
    std::string error;
    REQUIRE_MESSAGE(ReportFromJson(json, &back, &error), error);
    CHECK(back == r);
    CHECK(json.find("\"formula\":\"wait_answered_ms / answered\"") != std::string::npos);
    CHECK(json.find("\"valid_from_ms\":null") != std::string::npos);

    CHECK_FALSE(ReportFromJson("{\"format\":\"callboard.report/1\"}", &back, &error));
    CHECK(error == "query: missing");
    std::string broken = json;
    broken.replace(broken.find("\"offered\":0"), 11, "\"offered\":\"x\"");
    CHECK_FALSE(ReportFromJson(broken, &back, &error));
    CHECK(error == "rows[3].counts.offered: expected an integer");  // rows 0-2 have no count: "empty"

    const std::string csv = ReportToCsv(r);
    CHECK(csv.rfind("\xEF\xBB\xBF" "row_kind,bucket,", 0) == 0);
    std::vector<std::vector<std::string>> records;
    REQUIRE_MESSAGE(ParseCsv(csv, &records, &error), error);
    const std::vector<std::string> columns = ReportCsvColumns();
    REQUIRE(records.size() == 1 + 4 + 2);  // header, 2 teams x 2 days, 2 totals
    CHECK(records[0] == columns);
    auto col = [&](const std::string& name) {
        for (size_t i = 0; i < columns.size(); ++i) {
            if (columns[i] == name) return i;
        }
        FAIL("no column " << name);
        return size_t{0};
    };
    const std::vector<std::string>& row = records[4];  // team b, 2026-10-25
    CHECK(row[col("row_kind")] == "row");
    CHECK(row[col("bucket")] == "2026-10-25");
    CHECK(row[col("key")] == "b");
    CHECK(row[col("name_en")] == "Team \"B\"");
    CHECK(row[col("name_zh")] == "二组");
    for (const KpiCountField& f : KpiCountFields()) CHECK(std::stoll(row[col(std::string(f.name))]) == c.*f.member);
    CHECK(row[col("not_ready_ms.break")] == "600000");
    CHECK(row[col("callbacks_kept")] == "2");
    CHECK(row[col("definitions")] == "7");
    CHECK(row[col("service_level_variant")] == "answered_over_answered");
    CHECK(std::stod(row[col("service_level")]) == doctest::Approx(5.0 / 7.0).epsilon(1e-6));
    CHECK(std::stod(row[col("agents_staffed")]) == doctest::Approx(1.0));  // 25 h staffed in a 25 h day
    CHECK(std::stod(row[col("avg_order_value_cents")]) == doctest::Approx(2000000.0));
    CHECK(row[col("asa_ms")] == "0.000");               // no wait stated: 0 ms / 7 answered
    CHECK(records[1][col("service_level")].empty());    // team a has no calls: no ratio
    CHECK(records[2][col("name_en")] == "Team A, early");
    CHECK(records[6][col("row_kind")] == "total");
    CHECK(records[6][col("bucket")] == "2026-10-24/2026-10-25");

    std::string query_error;
    ReportQuery parsed;
    REQUIRE(ReportQueryFromJson(ReportQueryToJson(q), &parsed, &query_error));
    CHECK(parsed == q);
    CHECK_FALSE(ReportQueryFromJson("{\"from\":\"2026-02-30\",\"to\":\"2026-03-01\"}", &parsed, &query_error));
    CHECK(query_error == "from: '2026-02-30' is not a date (YYYY-MM-DD)");
    CHECK_FALSE(ReportQueryFromJson("{\"from\":\"2026-03-01\",\"to\":\"2026-03-01\",\"group\":\"floor\"}", &parsed, &query_error));
    CHECK(query_error == "group: 'floor' is not one of center, queue, team, agent");
}

TEST_CASE("CSV fields are quoted when they must be, and parse back") {
    CHECK(CsvField("plain") == "plain");
    CHECK(CsvField("a,b") == "\"a,b\"");
    CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
    std::vector<std::vector<std::string>> rec;
    std::string error;
    REQUIRE(ParseCsv("\xEF\xBB\xBF" "a,\"b,\"\"c\"\"\",\r\n\"multi\nline\",x\n", &rec, &error));
    REQUIRE(rec.size() == 2);
    CHECK(rec[0] == std::vector<std::string>{"a", "b,\"c\"", ""});
    CHECK(rec[1] == std::vector<std::string>{"multi\nline", "x"});
    CHECK_FALSE(ParseCsv("a,\"open\n", &rec, &error));
    CHECK(error == "line 1: a quoted field is not closed");
}
