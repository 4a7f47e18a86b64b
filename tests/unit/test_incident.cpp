// Incident reports: the window cut into stored intervals, the same weekday and local time of the
// previous weeks (across a daylight saving change too), typical values from summed counts and
// medians of the weekly values, weeks without data left out; JSON and CSV read back.
#include <doctest/doctest.h>

#include "core/report/incident.h"
#include "core/report/report_csv.h"
#include "core/report/report_json.h"

using namespace cb;

namespace {

int64_t Utc(int y, int m, int d, int h = 0, int mi = 0) {
    return (DaysFromCivil({y, m, d}) * 86400 + h * 3600 + mi * 60) * 1000;
}

size_t Fig(std::string_view id) {
    const auto& f = IncidentFigures();
    for (size_t i = 0; i < f.size(); ++i) {
        if (f[i].id == id) return i;
    }
    FAIL("no figure " << id);
    return 0;
}

KpiCounts Calls(int64_t offered, int64_t within, int64_t abandoned, int64_t short_abandoned, int64_t agents) {
    KpiCounts c;
    c.offered = offered;
    c.answered = offered - abandoned;
    c.answered_within_t = within;
    c.abandoned = abandoned;
    c.short_abandoned = short_abandoned;
    c.wait_answered_ms = c.answered * 20000;
    c.longest_wait_ms = 90000;
    c.staffed_ms = agents * 900000;
    return c;
}

}  // namespace

TEST_CASE("clock times and incident queries are checked") {
    int m = 0;
    CHECK(ParseClockTime("10:30", &m));
    CHECK(m == 630);
    CHECK(ParseClockTime("24:00", &m));
    CHECK(m == 1440);
    CHECK_FALSE(ParseClockTime("24:30", &m));
    CHECK_FALSE(ParseClockTime("9:30", &m));
    CHECK_FALSE(ParseClockTime("10:60", &m));
    CHECK(FormatClockTime(705) == "11:45");
    IncidentQuery q;
    q.date = {2026, 3, 10};
    q.from_min = 705;
    q.to_min = 630;
    auto p = CheckIncidentQuery(q);
    REQUIRE(p);
    CHECK(p->message == "to: 10:30 is not after from (11:45)");
    q.to_min = 720;
    q.weeks = 13;
    CHECK(CheckIncidentQuery(q)->field == "weeks");
    q.weeks = 4;
    CHECK_FALSE(CheckIncidentQuery(q));
}

TEST_CASE("an incident window against the same weekday and time of the previous weeks") {
    const TimeZone z = TimeZone::Fixed(480);
    IncidentQuery q;
    q.date = {2026, 3, 10};  // a Tuesday
    q.from_min = 10 * 60 + 30;
    q.to_min = 11 * 60 + 45;
    q.weeks = 4;
    const IncidentSpan span = IncidentWindow(z, q.date, q.from_min, q.to_min, 15);
    CHECK(span.from_ms == Utc(2026, 3, 10, 2, 30));
    CHECK(span.to_ms == Utc(2026, 3, 10, 3, 45));
    // 10:40-11:50 widens to whole intervals: 10:30-12:00.
    const IncidentSpan wide = IncidentWindow(z, q.date, 640, 710, 15);
    CHECK(wide.from_ms == Utc(2026, 3, 10, 2, 30));
    CHECK(wide.to_ms == Utc(2026, 3, 10, 4, 0));

    IncidentSource src;
    src.interval_minutes = 15;
    // The incident: 30 calls at 10:30, 10 within T, 10 abandoned (2 short), 3 agents.
    src.rows.push_back({Utc(2026, 3, 10, 2, 30), Calls(30, 10, 10, 2, 3)});
    src.rows.push_back({Utc(2026, 3, 10, 2, 45), Calls(4, 4, 0, 0, 3)});
    // Previous Tuesdays at 10:30: 10 / 12 / 14 calls, 9 / 10 / 11 within T, 4 / 5 / 6 agents;
    // the fourth week has no data at all (before history started).
    src.rows.push_back({Utc(2026, 3, 3, 2, 30), Calls(10, 9, 0, 0, 4)});
    src.rows.push_back({Utc(2026, 2, 24, 2, 30), Calls(12, 10, 0, 0, 5)});
    src.rows.push_back({Utc(2026, 2, 17, 2, 30), Calls(14, 11, 0, 0, 6)});
    src.rows.push_back({Utc(2026, 2, 17, 1, 30), Calls(99, 0, 0, 0, 9)});  // 09:30: outside the window
    src.week_has_data = {true, true, true, false};
    const IncidentReport r = BuildIncidentReport(q, z, src);
    REQUIRE(r.weeks.size() == 4);
    CHECK(r.weeks[0] == CivilDate{2026, 3, 3});
    CHECK(r.weeks[3] == CivilDate{2026, 2, 10});
    REQUIRE(r.intervals.size() == 5);
    CHECK(r.intervals[0].label == "10:30 +08:00");
    CHECK(r.intervals[4].label == "11:30 +08:00");

    const IncidentInterval& first = r.intervals[0];
    const IncidentFigure& offered = first.figures[Fig("offered")];
    CHECK(offered.now.value == 30);
    CHECK(offered.typical.value == doctest::Approx(12.0));  // (10 + 12 + 14) / 3 weeks with data
    CHECK(offered.typical.numerator == 36);
    CHECK(offered.typical.denominator == 3);
    CHECK(offered.median == 12);
    REQUIRE(offered.weeks.size() == 4);
    CHECK(offered.weeks[1].value == 12);
    CHECK_FALSE(offered.weeks[3].valid);
    // Service level with the built-in default (answered within T / (offered - short abandons)):
    // now 10 / 28; typical from summed counts 30 / 36; median of 0.9, 0.833, 0.786 = 0.833.
    const IncidentFigure& sl = first.figures[Fig("service_level")];
    CHECK(sl.now.numerator == 10);
    CHECK(sl.now.denominator == 28);
    CHECK(sl.typical.value == doctest::Approx(30.0 / 36.0));
    CHECK(sl.median == doctest::Approx(10.0 / 12.0));
    const IncidentFigure& staffed = first.figures[Fig("agents_staffed")];
    CHECK(staffed.now.value == doctest::Approx(3.0));
    CHECK(staffed.typical.value == doctest::Approx(5.0));
    CHECK(first.figures[Fig("abandon_rate")].now.value == doctest::Approx(8.0 / 28.0));
    CHECK(first.figures[Fig("longest_wait_ms")].typical.value == doctest::Approx(90000));
    // The whole window: 34 calls now; the weeks' 10:30-11:45 hold only the 10:30 calls.
    CHECK(r.window.figures[Fig("offered")].now.value == 34);
    CHECK(r.window.figures[Fig("offered")].typical.value == doctest::Approx(12.0));
    CHECK(r.window.figures[Fig("agents_staffed")].now.value == doctest::Approx(6.0 * 900000 / (75 * 60000.0)));
    CHECK(r.headline_definition == 0);

    const std::string json = IncidentReportToJson(r);
    IncidentReport back;
    std::string error;
    REQUIRE_MESSAGE(IncidentReportFromJson(json, &back, &error), error);
    CHECK(back == r);
    std::vector<std::vector<std::string>> rec;
    REQUIRE(ParseCsv(IncidentReportToCsv(r), &rec, &error));
    REQUIRE(rec.size() == 1 + 5 + 1);
    CHECK(rec[1][4] == "30.000");   // offered.now
    CHECK(rec[1][5] == "12.000");   // offered.typical
    CHECK(rec[6][0] == "window");
}

TEST_CASE("the compared weeks use the same local clock time across a daylight saving change") {
    TimeZone berlin;
    std::string error;
    REQUIRE(TimeZone::FromPosix("Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3", &berlin, &error));
    IncidentQuery q;
    q.date = {2026, 4, 2};  // the Thursday after clocks went forward
    q.from_min = 600;
    q.to_min = 615;
    q.weeks = 1;
    IncidentSource src;
    KpiCounts seven;
    seven.offered = 7;
    KpiCounts decoy;
    decoy.offered = 99;
    src.rows.push_back({Utc(2026, 3, 26, 9), seven});  // 10:00 CET on March 26
    src.rows.push_back({Utc(2026, 3, 26, 8), decoy});  // 09:00 CET: the same UTC time as 10:00 CEST
    src.week_has_data = {true};
    const IncidentReport r = BuildIncidentReport(q, berlin, src);
    REQUIRE(r.intervals.size() == 1);
    CHECK(r.from_ms == Utc(2026, 4, 2, 8));
    CHECK(r.intervals[0].label == "10:00 +02:00");
    CHECK(r.intervals[0].figures[Fig("offered")].typical.value == doctest::Approx(7.0));
}

TEST_CASE("incident notes read back from JSON") {
    std::vector<IncidentNote> notes(2);
    notes[0] = {4, 1000, 2000, "Trunk to the carrier down 10:38-11:20; 王芳 escalated", "wang", 1500, "li", 1600, 2};
    notes[1].id = 5;
    notes[1].text = "second";
    std::vector<IncidentNote> back;
    std::string error;
    REQUIRE(IncidentNotesFromJson(IncidentNotesToJson(notes), &back, &error));
    CHECK(back == notes);
}
