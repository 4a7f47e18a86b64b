// Every table's CSV over the hand-made center parses back to the numbers it was made from: the
// scorecard (figures, team totals, one column per previous period), the team comparison (with
// its Chinese names), the incident report and a queue report; each starts with the UTF-8
// byte-order mark so spreadsheet programs show the Chinese names.
#include <doctest/doctest.h>

#include <cstdlib>
#include "core/report/report_csv.h"
#include "server/admin/report_service.h"
#include "server/base/log.h"
#include "server/store/store_reports.h"
#include "report_fixture.h"
#include "server_test_util.h"

namespace {

struct Fixture {
    cbtest::TempDir dir;
    cbtest::ReportDb data;
    cb::ReportStore store;
    int64_t now = cbtest::BerlinMs({2026, 3, 30}, 12, 0);
    cb::ReportService reports{[this] { return now; }};
    cb::Caller admin;
    Fixture() {
        cb::SetLogEnabled(false);
        data = cbtest::OpenReportDb(dir.path() + "/center.db", cbtest::BerlinMs({2026, 1, 1}, 0, 0));
        REQUIRE(store.Open(dir.path() + "/center.db").ok());
        reports.Attach(&store, cbtest::Berlin(), 15);
        admin.local = true;
    }
    ~Fixture() { cb::SetLogEnabled(true); }
};

using Records = std::vector<std::vector<std::string>>;

Records Parse(const std::string& csv) {
    REQUIRE(csv.starts_with(cb::kUtf8Bom));
    Records rec;
    std::string error;
    REQUIRE_MESSAGE(cb::ParseCsv(csv, &rec, &error), error);
    for (const auto& r : rec) REQUIRE(r.size() == rec[0].size());
    return rec;
}

size_t Column(const Records& rec, const std::string& name) {
    for (size_t i = 0; i < rec[0].size(); ++i)
        if (rec[0][i] == name) return i;
    FAIL("no column " << name);
    return 0;
}

}  // namespace

TEST_CASE("a scorecard's CSV: every figure's value, team total and series parse back to the scorecard's numbers") {
    Fixture f;
    cb::Scorecard card;
    REQUIRE(f.reports.AgentScorecard("1001", {2026, 3, 28}, {2026, 3, 29}, 3, f.admin, &card).ok());
    const Records rec = Parse(cb::ScorecardToCsv(card));
    const auto& defs = cb::ScoreFigures();
    REQUIRE(rec.size() == 1 + defs.size());
    REQUIRE(rec[0].size() == 10 + card.periods.size());
    CHECK(rec[0][10] == "2026-03-22/2026-03-23");  // the oldest previous period of two days
    int checked = 0;
    for (size_t i = 0; i < defs.size(); ++i) {
        const cb::ScorecardEntry& e = card.figures[i];
        CHECK(rec[1 + i][0] == defs[i].id);
        const std::string& value = rec[1 + i][2];
        if (!e.value.valid) {
            CHECK(value.empty());
            continue;
        }
        if (defs[i].average) CHECK(std::strtod(value.c_str(), nullptr) == doctest::Approx(e.value.value).epsilon(1e-6));
        else CHECK(std::strtoll(value.c_str(), nullptr, 10) == e.value.total);
        for (size_t p = 0; p < e.series.size(); ++p) {
            const std::string& cell = rec[1 + i][10 + p];
            if (!e.series[p].valid) CHECK(cell.empty());
            else if (!defs[i].average) CHECK(std::strtoll(cell.c_str(), nullptr, 10) == e.series[p].total);
        }
        ++checked;
    }
    CHECK(checked >= 10);
    // Anna answered and handled Saturday's calls with an order: the numbers behind the parse.
    const size_t handled = Column(rec, "value");
    CHECK(rec[1][0] == "calls_handled");
    CHECK(rec[1][handled] == std::to_string(card.figures[0].value.total));
    CHECK(card.figures[0].value.total > 0);
}

TEST_CASE("team comparison, incident and queue report CSVs parse back to the same numbers") {
    Fixture f;
    cb::TeamComparison team;
    REQUIRE(f.reports.CompareTeam("a", {2026, 3, 28}, {2026, 3, 29}, f.admin, &team).ok());
    Records rec = Parse(cb::TeamComparisonToCsv(team));
    REQUIRE(rec.size() == 1 + team.agents.size() + 2);
    const size_t handled = Column(rec, "calls_handled");
    for (size_t a = 0; a < team.agents.size(); ++a) {
        CHECK(rec[1 + a][Column(rec, "key")] == team.agents[a].key);
        CHECK(rec[1 + a][Column(rec, "name_zh")] == team.agents[a].name_zh);
        CHECK(std::strtoll(rec[1 + a][handled].c_str(), nullptr, 10) == team.values[a][0].total);
    }
    CHECK_FALSE(team.agents[0].name_zh.empty());

    cb::IncidentQuery q;
    q.date = {2026, 3, 28};
    q.from_min = 8 * 60;
    q.to_min = 9 * 60;
    q.weeks = 2;
    cb::IncidentReport incident;
    REQUIRE(f.reports.Incident(q, f.admin, &incident).ok());
    rec = Parse(cb::IncidentReportToCsv(incident));
    REQUIRE(rec.size() == 1 + incident.intervals.size() + 1);
    const size_t offered = Column(rec, "offered.now"), sl = Column(rec, "service_level.now");
    double sum = 0;
    for (size_t i = 0; i < incident.intervals.size(); ++i) {
        CHECK(std::strtod(rec[1 + i][offered].c_str(), nullptr) == incident.intervals[i].figures[0].now.value);
        sum += std::strtod(rec[1 + i][offered].c_str(), nullptr);
    }
    CHECK(rec.back()[0] == "window");
    CHECK(std::strtod(rec.back()[offered].c_str(), nullptr) == sum);
    CHECK(sum == 4);
    CHECK(std::strtod(rec.back()[sl].c_str(), nullptr) == doctest::Approx(incident.window.figures[4].now.value).epsilon(1e-6));

    cb::ReportQuery rq;
    rq.from = {2026, 3, 28};
    rq.to = {2026, 3, 29};
    rq.group = cb::ReportGroup::Queue;
    cb::Report report;
    REQUIRE(f.reports.RunReport(rq, f.admin, &report).ok());
    rec = Parse(cb::ReportToCsv(report));
    const size_t off = Column(rec, "offered"), wait = Column(rec, "wait_answered_ms"), asa = Column(rec, "asa_ms"),
                 name_zh = Column(rec, "name_zh");
    size_t totals = 0;
    for (size_t r = 1; r < rec.size(); ++r) {
        if (rec[r][0] != "total") continue;
        const cb::ReportRow& t = report.totals[totals++];
        CHECK(std::strtoll(rec[r][off].c_str(), nullptr, 10) == t.counts.offered);
        CHECK(std::strtoll(rec[r][wait].c_str(), nullptr, 10) == t.counts.wait_answered_ms);
        CHECK(rec[r][name_zh] == report.groups[static_cast<size_t>(t.group)].name_zh);
        if (t.counts.answered > 0)
            CHECK(std::strtod(rec[r][asa].c_str(), nullptr) ==
                  doctest::Approx(static_cast<double>(t.counts.wait_answered_ms) / static_cast<double>(t.counts.answered)));
        else
            CHECK(rec[r][asa].empty());
    }
    CHECK(totals == report.totals.size());
    CHECK(rec[1][name_zh] == "销售");
}
