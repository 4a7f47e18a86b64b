// Scorecards: every figure of an agent, the team's median and spread, the modified z-score
// outlier rule in both directions (also when most agents have the same value), previous periods,
// and JSON/CSV that read back. Values worked out by hand in the comments.
#include <doctest/doctest.h>

#include "core/report/report_csv.h"
#include "core/report/report_json.h"
#include "core/report/scorecard.h"

using namespace cb;

namespace {

size_t Fig(std::string_view id) {
    const int i = FindScoreFigure(id);
    REQUIRE(i >= 0);
    return static_cast<size_t>(i);
}

AgentPeriodCounts Agent(const std::string& key, int64_t handled, int64_t talk_ms, int64_t orders, int64_t value_cents,
                        int64_t complaints = 0) {
    AgentPeriodCounts a;
    a.agent = key;
    a.counts.handled = a.counts.answered = handled;
    a.counts.talk_ms = talk_ms;
    a.counts.orders = orders;
    a.counts.order_value_cents = value_cents;
    a.counts.complaints = complaints;
    a.counts.staffed_ms = 8 * 3600000LL;
    return a;
}

}  // namespace

TEST_CASE("every scorecard figure reads its counts: totals and averages with their parts") {
    KpiCounts c;
    c.handled = 4;
    c.talk_ms = 400000;
    c.hold_ms = 20000;
    c.wrap_ms = 60000;
    c.transferred = 1;
    c.orders = 2;
    c.order_value_cents = 3500;
    c.complaints = 1;
    ReportExtras e;
    e.not_ready_ms[static_cast<size_t>(NotReadyReason::Lunch)] = 1800000;
    e.callbacks_promised = 3;
    e.callbacks_kept = 1;
    CHECK(ScoreFigureValue(Fig("calls_handled"), c, e).value == 4);
    CHECK(ScoreFigureValue(Fig("talk_avg_ms"), c, e).value == doctest::Approx(100000));
    CHECK(ScoreFigureValue(Fig("talk_avg_ms"), c, e).total == 400000);
    CHECK(ScoreFigureValue(Fig("talk_avg_ms"), c, e).count == 4);
    CHECK(ScoreFigureValue(Fig("hold_ms"), c, e).value == 20000);
    CHECK(ScoreFigureValue(Fig("wrap_avg_ms"), c, e).value == doctest::Approx(15000));
    CHECK(ScoreFigureValue(Fig("transfers"), c, e).value == 1);
    CHECK(ScoreFigureValue(Fig("not_ready_ms.lunch"), c, e).value == 1800000);
    CHECK(ScoreFigureValue(Fig("not_ready_ms.break"), c, e).value == 0);
    CHECK(ScoreFigureValue(Fig("order_value_avg_cents"), c, e).value == doctest::Approx(1750));
    CHECK(ScoreFigureValue(Fig("callbacks_kept"), c, e).value == 1);
    CHECK(ScoreFigureValue(Fig("callbacks_promised"), c, e).value == 3);
    CHECK_FALSE(ScoreFigureValue(Fig("order_value_avg_cents"), {}, {}).valid);  // no orders: "-"
    CHECK(ScoreFigures().size() == 8 + kNotReadyReasonCount + 8);
    CHECK(FindScoreFigure("score") == -1);  // there is no composite score
}

TEST_CASE("robust statistics and the modified z-score rule mark outliers in both directions") {
    // 1, 2, 3, 4, 100: median 3; deviations 2, 1, 0, 1, 97 -> MAD 1.
    RobustStats s = RobustOf({100, 2, 4, 1, 3});
    CHECK(s.n == 5);
    CHECK(s.median == 3);
    CHECK(s.mad == 1);
    CHECK(ModifiedZ(100, s) == doctest::Approx(0.6745 * 97));
    CHECK(OutlierOf(100, s) == Outlier::Above);
    CHECK(OutlierOf(1, s) == Outlier::None);   // z = -1.349
    CHECK(OutlierOf(-3, s) == Outlier::Below);  // z = 0.6745 x -6 = -4.05
    // Even count: median of 2, 4, 6, 8 is 5; deviations 3, 1, 1, 3 -> MAD 2.
    s = RobustOf({8, 2, 6, 4});
    CHECK(s.median == 5);
    CHECK(s.mad == 2);
    // Most agents equal (MAD 0): the mean absolute deviation takes over. 0, 0, 0, 0, 2: mean AD
    // 0.4, z(2) = 2 / (1.253314 x 0.4) = 3.99 -> above. 0, 0, 0, 2, 2: mean AD 0.8, z = 1.99.
    s = RobustOf({0, 0, 0, 0, 2});
    CHECK(s.mad == 0);
    CHECK(s.mean_ad == doctest::Approx(0.4));
    CHECK(ModifiedZ(2, s) == doctest::Approx(2 / (1.253314 * 0.4)));
    CHECK(OutlierOf(2, s) == Outlier::Above);
    s = RobustOf({0, 0, 0, 2, 2});
    CHECK(OutlierOf(2, s) == Outlier::None);
    // All equal, or too few agents: nothing is marked.
    CHECK(OutlierOf(5, RobustOf({5, 5, 5, 5})) == Outlier::None);
    CHECK(OutlierOf(1000, RobustOf({1, 2, 3})) == Outlier::None);
}

TEST_CASE("a team comparison: every figure per agent, medians over active agents, no rank") {
    ReportGroupInfo team{"a", "Team A", "一组", ""};
    std::vector<ReportGroupInfo> agents = {{"1001", "Wang", "王", "a"}, {"1002", "Li", "李", "a"},
                                           {"1003", "Zhang", "张", "a"}, {"1004", "Zhao", "赵", "a"},
                                           {"1005", "Chen", "陈", "a"},  {"1006", "Sun", "孙", "a"}};
    // 1001 sold 20,000 in one order, 1002 15,000 in five: both figures show, neither "wins".
    std::vector<AgentPeriodCounts> period = {
        Agent("1001", 40, 40 * 200000, 1, 2000000), Agent("1002", 42, 42 * 210000, 5, 1500000),
        Agent("1003", 38, 38 * 190000, 2, 400000),  Agent("1004", 41, 41 * 205000, 3, 600000, 4),
        Agent("1005", 39, 39 * 900000, 2, 500000)};
    // 1006 is on leave (never logged in): listed, not part of the medians.
    const TeamComparison t = BuildTeamComparison(team, agents, period, {2026, 3, 1}, {2026, 3, 31}, "Asia/Shanghai");
    REQUIRE(t.values.size() == 6);
    CHECK_FALSE(t.active[5]);
    const size_t orders = Fig("orders"), value = Fig("order_value_cents"), avg = Fig("order_value_avg_cents");
    CHECK(t.values[0][orders].value == 1);
    CHECK(t.values[0][value].value == 2000000);
    CHECK(t.values[0][avg].value == doctest::Approx(2000000));
    CHECK(t.values[1][orders].value == 5);
    CHECK(t.values[1][avg].value == doctest::Approx(300000));
    // Orders 1, 5, 2, 3, 2 -> median 2; handled 40, 42, 38, 41, 39 -> median 40.
    CHECK(t.stats[orders].n == 5);
    CHECK(t.stats[orders].median == 2);
    CHECK(t.stats[Fig("calls_handled")].median == 40);
    CHECK(t.team_total[value].total == 5000000);
    CHECK(t.team_total[avg].value == doctest::Approx(5000000.0 / 13.0));  // from summed counts
    // Talk averages 200, 210, 190, 205, 900 s: median 205 s; deviations 5, 5, 15, 0, 695 s ->
    // MAD 5 s; 900 s is far above (z = 0.6745 x 695 / 5 = 93.8).
    const size_t talk = Fig("talk_avg_ms");
    CHECK(t.stats[talk].median == doctest::Approx(205000));
    CHECK(t.stats[talk].mad == doctest::Approx(5000));
    CHECK(t.z[4][talk] == doctest::Approx(0.6745 * 139));
    CHECK(t.outliers[4][talk] == Outlier::Above);
    CHECK(t.outliers[0][talk] == Outlier::None);
    // Complaints 0, 0, 0, 4, 0: MAD 0, mean AD 0.8, z = 4 / (1.253314 x 0.8) = 3.99: above.
    CHECK(t.outliers[3][Fig("complaints")] == Outlier::Above);
    CHECK(t.outliers[5][talk] == Outlier::None);  // inactive agents are not judged

    const std::string json = TeamComparisonToJson(t);
    TeamComparison back;
    std::string error;
    REQUIRE_MESSAGE(TeamComparisonFromJson(json, &back, &error), error);
    CHECK(back.values == t.values);
    CHECK(back.outliers == t.outliers);
    CHECK(back.stats == t.stats);
    CHECK(back.agents == t.agents);
    CHECK(json.find("\"score\"") == std::string::npos);
    CHECK(json.find("\"rank\"") == std::string::npos);

    std::vector<std::vector<std::string>> rec;
    REQUIRE(ParseCsv(TeamComparisonToCsv(t), &rec, &error));
    REQUIRE(rec.size() == 1 + 6 + 2);
    CHECK(rec[1][0] == "agent");
    CHECK(rec[1][1] == "1001");
    CHECK(rec[1][3] == "王");
    size_t order_col = 0;
    for (size_t i = 0; i < rec[0].size(); ++i) {
        if (rec[0][i] == "order_value_cents") order_col = i;
    }
    REQUIRE(order_col > 0);
    CHECK(rec[1][order_col] == "2000000");
    CHECK(rec[2][order_col] == "1500000");
    CHECK(rec[7][0] == "median");
    CHECK(rec[8][0] == "team_total");
    CHECK(rec[8][order_col] == "5000000");
}

TEST_CASE("previous periods: the same number of days back to back, or whole calendar months") {
    auto p = PreviousPeriods({2026, 3, 9}, {2026, 3, 15}, 2);
    REQUIRE(p.size() == 2);
    CHECK(p[0].first == CivilDate{2026, 2, 23});
    CHECK(p[0].second == CivilDate{2026, 3, 1});
    CHECK(p[1].first == CivilDate{2026, 3, 2});
    CHECK(p[1].second == CivilDate{2026, 3, 8});
    p = PreviousPeriods({2026, 3, 1}, {2026, 3, 31}, 3);
    REQUIRE(p.size() == 3);
    CHECK(p[0].first == CivilDate{2025, 12, 1});
    CHECK(p[0].second == CivilDate{2025, 12, 31});
    CHECK(p[2].first == CivilDate{2026, 2, 1});
    CHECK(p[2].second == CivilDate{2026, 2, 28});
    p = PreviousPeriods({2026, 1, 1}, {2026, 3, 31}, 1);  // a quarter: the previous quarter
    REQUIRE(p.size() == 1);
    CHECK(p[0].first == CivilDate{2025, 10, 1});
    CHECK(p[0].second == CivilDate{2025, 12, 31});
}

TEST_CASE("an agent's scorecard: each figure against the team median and the agent's own series") {
    std::vector<ReportGroupInfo> agents = {{"1001", "Wang", "王", "a"}, {"1002", "Li", "李", "a"},
                                           {"1003", "Zhang", "张", "a"}, {"1004", "Zhao", "赵", "a"}};
    std::vector<AgentPeriodCounts> period = {Agent("1001", 10, 10 * 300000, 0, 0), Agent("1002", 20, 20 * 100000, 0, 0),
                                             Agent("1003", 22, 22 * 110000, 0, 0), Agent("1004", 18, 18 * 120000, 0, 0)};
    const TeamComparison t =
        BuildTeamComparison({"a", "Team A", "一组", ""}, agents, period, {2026, 3, 9}, {2026, 3, 15}, "UTC");
    const auto previous = PreviousPeriods({2026, 3, 9}, {2026, 3, 15}, 2);
    const std::vector<AgentPeriodCounts> history = {Agent("1001", 30, 30 * 100000, 0, 0), Agent("1001", 25, 25 * 150000, 0, 0)};
    const Scorecard card = BuildScorecard(t, 0, previous, history);
    CHECK(card.agent.key == "1001");
    CHECK(card.periods.size() == 3);
    const ScorecardEntry& handled = card.figures[Fig("calls_handled")];
    CHECK(handled.value.value == 10);
    CHECK(handled.team.median == 19);  // 10, 18, 20, 22
    REQUIRE(handled.series.size() == 3);
    CHECK(handled.series[0].value == 30);
    CHECK(handled.series[1].value == 25);
    CHECK(handled.series[2].value == 10);
    const ScorecardEntry& talk = card.figures[Fig("talk_avg_ms")];
    CHECK(talk.value.value == doctest::Approx(300000));
    CHECK(talk.series[0].value == doctest::Approx(100000));
    // Talk averages 300, 100, 110, 120 s: median 115 s, deviations 185, 15, 5, 5 -> MAD 10 s;
    // z = 0.6745 x 185 / 10 = 12.5: above the team.
    CHECK(talk.team.median == doctest::Approx(115000));
    CHECK(talk.outlier == Outlier::Above);
    CHECK(talk.z == doctest::Approx(0.6745 * 18.5));

    const std::string json = ScorecardToJson(card);
    Scorecard back;
    std::string error;
    REQUIRE_MESSAGE(ScorecardFromJson(json, &back, &error), error);
    CHECK(back == card);
}

namespace {
// A period's schedule figures (summed as the store sums days).
wfm::AdherenceFigure Adh(int64_t scheduled_ms, int64_t exception_ms, int64_t scheduled_on_queue_ms, int64_t on_queue_ms) {
    wfm::AdherenceFigure raw;
    raw.scheduled_ms = scheduled_ms;
    raw.exception_ms = exception_ms;
    raw.scheduled_on_queue_ms = scheduled_on_queue_ms;
    raw.actual_on_queue_ms = on_queue_ms;
    raw.days = 1;
    wfm::AdherenceFigure f;
    wfm::AddFigure(&f, raw);
    return f;
}
AgentPeriodCounts WithAdh(AgentPeriodCounts a, wfm::AdherenceFigure f) {
    a.adherence = f;
    return a;
}
constexpr int64_t kMinMs = 60000;
}  // namespace

TEST_CASE("adherence and conformance on scorecards: summed minutes, team median, outliers both ways, no schedule") {
    const size_t adh = Fig("adherence_pct"), conf = Fig("conformance_pct");
    CHECK(ScoreFigures()[adh].needs_schedule);
    CHECK(ScoreFigures()[adh].unit == "percent");
    CHECK_FALSE(ScoreFigures()[Fig("calls_handled")].needs_schedule);
    std::vector<ReportGroupInfo> agents;
    for (const char* k : {"1001", "1002", "1003", "1004", "1005", "1006", "1007"}) agents.push_back({k, k, k, "a"});
    // 480 min scheduled each, 420 of them on queue. 1001's period comes in two days: 60 min with
    // 24 min of exceptions, then 420 min with none: (480 - 24) / 480 = 95 % (the mean of the
    // days' 60 % and 100 % would be 80 %). 1006 was scheduled and never came (not active, 0 %);
    // 1007 had nothing scheduled.
    std::vector<AgentPeriodCounts> period = {
        WithAdh(Agent("1001", 10, 10 * 100000, 0, 0), Adh(60 * kMinMs, 24 * kMinMs, 0, 0)),
        WithAdh(Agent("1001", 0, 0, 0, 0), Adh(420 * kMinMs, 0, 420 * kMinMs, 420 * kMinMs)),
        WithAdh(Agent("1002", 10, 10 * 100000, 0, 0), Adh(480 * kMinMs, 1728000, 420 * kMinMs, 24696000)),     // 94 %, 98 %
        WithAdh(Agent("1003", 10, 10 * 100000, 0, 0), Adh(480 * kMinMs, 1152000, 420 * kMinMs, 25704000)),     // 96 %, 102 %
        WithAdh(Agent("1004", 10, 10 * 100000, 0, 0), Adh(480 * kMinMs, 24 * kMinMs, 420 * kMinMs, 420 * kMinMs)),  // 95 %, 100 %
        WithAdh(Agent("1005", 10, 10 * 100000, 0, 0), Adh(480 * kMinMs, 192 * kMinMs, 420 * kMinMs, 630 * kMinMs)), // 60 %, 150 %
        WithAdh(AgentPeriodCounts{"1006", {}, {}, {}}, Adh(480 * kMinMs, 480 * kMinMs, 420 * kMinMs, 0)),           // 0 %, 0 %
        Agent("1007", 10, 10 * 100000, 0, 0)};
    const TeamComparison t = BuildTeamComparison({"a", "Team A", "一组", ""}, agents, period, {2026, 3, 9}, {2026, 3, 15}, "UTC");
    CHECK(t.values[0][adh].value == doctest::Approx(95.0));
    CHECK(t.values[0][adh].total == 456 * kMinMs);
    CHECK(t.values[0][adh].count == 480 * kMinMs);
    CHECK(t.values[0][conf].value == doctest::Approx(100.0));
    CHECK(t.values[1][adh].value == doctest::Approx(94.0));
    CHECK(t.values[4][conf].value == doctest::Approx(150.0));
    CHECK(t.values[5][adh].value == 0.0);
    CHECK(t.values[5][adh].valid);  // scheduled, absent: 0 %, a real figure
    CHECK_FALSE(t.active[5]);
    CHECK_FALSE(t.values[6][adh].valid);  // nothing scheduled: "no schedule", not 0
    CHECK_FALSE(t.values[6][conf].valid);
    // Adherence 95, 94, 96, 95, 60, 0: median 94.5; deviations 0.5, 0.5, 1.5, 0.5, 34.5, 94.5 ->
    // MAD 1.0; 1005: z = 0.6745 x -34.5 = -23.3, 1006: -63.7, both below; 1003: +1.0, within.
    CHECK(t.stats[adh].n == 6);
    CHECK(t.stats[adh].median == doctest::Approx(94.5));
    CHECK(t.stats[adh].mad == doctest::Approx(1.0));
    CHECK(t.outliers[4][adh] == Outlier::Below);
    CHECK(t.outliers[5][adh] == Outlier::Below);
    CHECK(t.outliers[2][adh] == Outlier::None);
    CHECK(t.z[4][adh] == doctest::Approx(0.6745 * -34.5));
    // Conformance 100, 98, 102, 100, 150, 0: median 100, MAD 2; 1005 above (z 16.9), 1006 below.
    CHECK(t.stats[conf].median == doctest::Approx(100.0));
    CHECK(t.stats[conf].mad == doctest::Approx(2.0));
    CHECK(t.outliers[4][conf] == Outlier::Above);
    CHECK(t.outliers[5][conf] == Outlier::Below);
    // The team's total: every minute summed: exceptions 24+28.8+19.2+24+192+480 = 768 of 2880.
    CHECK(t.team_total[adh].count == 2880 * kMinMs);
    CHECK(t.team_total[adh].value == doctest::Approx(100.0 * (2880 - 768) / 2880));

    // 1005's card: the series over its previous periods like every figure.
    const auto previous = PreviousPeriods({2026, 3, 9}, {2026, 3, 15}, 2);
    const std::vector<AgentPeriodCounts> history = {
        WithAdh(Agent("1005", 10, 10 * 100000, 0, 0), Adh(480 * kMinMs, 48 * kMinMs, 420 * kMinMs, 420 * kMinMs)),
        Agent("1005", 10, 10 * 100000, 0, 0)};  // nothing scheduled that week
    const Scorecard card = BuildScorecard(t, 4, previous, history);
    const ScorecardEntry& e = card.figures[adh];
    CHECK(e.outlier == Outlier::Below);
    REQUIRE(e.series.size() == 3);
    CHECK(e.series[0].value == doctest::Approx(90.0));
    CHECK_FALSE(e.series[1].valid);
    CHECK(e.series[2].value == doctest::Approx(60.0));
    // Exports: CSV with the minutes and "no_schedule", JSON that reads back.
    const std::string csv = ScorecardToCsv(card);
    CHECK(csv.find("adherence_pct,percent,60.000,94.500,") != std::string::npos);
    CHECK(csv.find(",below,17280000,28800000,,90.000,,60.000") != std::string::npos);
    const std::string table_csv = TeamComparisonToCsv(t);
    CHECK(table_csv.find("adherence_pct,adherence_pct.outlier,adherence_pct.total_ms,adherence_pct.count_ms,adherence_pct.status") !=
          std::string::npos);
    CHECK(table_csv.find(",,,,,no_schedule") != std::string::npos);
    Scorecard back;
    std::string error;
    REQUIRE_MESSAGE(ScorecardFromJson(ScorecardToJson(card), &back, &error), error);
    CHECK(back == card);
}
