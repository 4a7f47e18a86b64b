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
    CHECK(ScoreFigures().size() == 8 + kNotReadyReasonCount + 6);
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
