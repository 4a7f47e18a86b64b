// Reconciliation in the core (core/reconcile): each tool's rules on single legs, Wazo's pairing
// losing a second entry of one call id in the same second, hold and wrap-up in talk, the
// differences adding up (and Balanced catching a cell that does not), the range of local dates
// (23 h day, bad input) and the JSON round trip.
#include <doctest/doctest.h>

#include "core/reconcile/reconcile_json.h"

namespace {

using namespace cb;

constexpr int64_t kFrom = 1767571200000;  // 2026-01-05 00:00 UTC
constexpr int64_t kTo = kFrom + 86400000;

ReconLeg Leg(uint64_t call, int64_t entered, LegEnd end, int64_t wait_s, int64_t talk_s = 0) {
    ReconLeg l;
    l.leg.call = call;
    l.leg.home_ms = entered;
    l.leg.queue = 0;
    l.leg.wait_ms = wait_s * 1000;
    l.leg.end = end;
    if (end == LegEnd::Completed || end == LegEnd::Transferred) {
        l.leg.answered_ms = entered + wait_s * 1000;
        l.leg.ended_ms = l.leg.answered_ms + talk_s * 1000;
        l.leg.talk_ms = talk_s * 1000;
        l.leg.wrap_ms = 0;  // handled
    } else if (end != LegEnd::None) {
        l.leg.ended_ms = entered + wait_s * 1000;
    }
    return l;
}

ReconReport Run(const std::vector<ReconLeg>& legs) {
    Reconciler r({ServiceLevelDef{}}, kFrom, kTo);
    for (const ReconLeg& l : legs) r.Add(l);
    return r.Finish();
}

const ReconCell& Cell(const ReconReport& r, ReconRow row, ReconTool tool) { return r.rows[size_t(row)].cells[size_t(tool)]; }

}  // namespace

TEST_CASE("reconcile: Wazo's pairing loses a second entry of one call id in the same second") {
    // Call 7 times out of queue 0 at once and enters again in the same second, then abandons:
    // two legs entered in one second (event API times, milliseconds apart).
    ReconLeg first = Leg(7, kFrom + 3600000, LegEnd::Exited, 0);
    first.leg.exit_reason = ExitReason::Timeout;
    ReconLeg second = Leg(7, kFrom + 3600400, LegEnd::Abandoned, 30);
    ReconLeg other_call = Leg(8, kFrom + 3600400, LegEnd::Abandoned, 30);
    const ReconReport r = Run({first, second, other_call});
    CHECK(Cell(r, ReconRow::Abandoned, ReconTool::Callboard).value.value == 2);
    CHECK(Cell(r, ReconRow::Abandoned, ReconTool::Wazo).value.value == 1);
    CHECK(Cell(r, ReconRow::Abandoned, ReconTool::Wazo).value.diffs ==
          std::vector<ReconDiff>{{ReconReason::SameSecond, -1, 1}});
    CHECK(Cell(r, ReconRow::TimedOut, ReconTool::Wazo).value.value == 1);  // the first entry stays
    CHECK(Cell(r, ReconRow::Abandoned, ReconTool::Asternic).value.value == 2);
    std::string why;
    CHECK_MESSAGE(r.Balanced(&why), why);
    // A second later it is a new second: nothing lost.
    second.leg.home_ms = kFrom + 3601000;
    CHECK(Cell(Run({first, second}), ReconRow::Abandoned, ReconTool::Wazo).value.value == 1);
}

TEST_CASE("reconcile: talk as the tools read it from the end line: hold included, before wrap-up ends") {
    ReconLeg held = Leg(1, kFrom, LegEnd::Completed, 5, 100);
    held.leg.hold_ms = 30000;            // talk 100 s excludes 30 s of hold
    ReconLeg wrapping = Leg(2, kFrom + 1000, LegEnd::Completed, 5, 50);
    wrapping.leg.wrap_ms = -1;           // not handled yet
    const ReconReport r = Run({held, wrapping});
    CHECK(Cell(r, ReconRow::Talk, ReconTool::Callboard).value.value == 100000);
    CHECK(Cell(r, ReconRow::Talk, ReconTool::Wazo).value.value == 180000);
    CHECK(Cell(r, ReconRow::Talk, ReconTool::Wazo).value.diffs ==
          std::vector<ReconDiff>{{ReconReason::WrapOpen, 50000, 1}, {ReconReason::Hold, 30000, 1}});
    CHECK(r.Balanced(nullptr));
}

TEST_CASE("reconcile: a leg placed by its end line moves between days, in both directions") {
    // Entered 23:59:50 the day before, completed 00:02 in the range; entered 23:59 in the range,
    // completed after it.
    const ReconLeg early = Leg(1, kFrom - 10000, LegEnd::Completed, 10, 120);
    const ReconLeg late = Leg(2, kTo - 60000, LegEnd::Completed, 10, 120);
    const ReconReport r = Run({early, late});
    CHECK(Cell(r, ReconRow::Answered, ReconTool::Callboard).value.value == 1);
    CHECK(Cell(r, ReconRow::Answered, ReconTool::Asterisk).value.value == 1);
    CHECK(Cell(r, ReconRow::Answered, ReconTool::Asterisk).value.diffs ==
          std::vector<ReconDiff>{{ReconReason::EnteredBefore, 1, 1}, {ReconReason::EndsAfter, -1, 1}});
    // Asternic's service level follows the CONNECT line: the late call was answered in the range.
    CHECK(Cell(r, ReconRow::ServiceLevel, ReconTool::Asternic).denominator.value == 2);
    CHECK(Cell(r, ReconRow::ServiceLevel, ReconTool::Asternic).denominator.diffs ==
          std::vector<ReconDiff>{{ReconReason::EnteredBefore, 1, 1}});
    CHECK(Cell(r, ReconRow::Answered, ReconTool::Wazo).value.value == 1);
    CHECK(Cell(r, ReconRow::Answered, ReconTool::Wazo).value.diffs.empty());
    CHECK(r.legs == 2);
    CHECK(r.legs_in_range == 1);
}

TEST_CASE("reconcile: Balanced names the cell whose differences do not add up") {
    ReconReport r = Run({Leg(1, kFrom, LegEnd::Transferred, 5, 60)});
    std::string why;
    CHECK(r.Balanced(&why));
    r.rows[size_t(ReconRow::Answered)].cells[size_t(ReconTool::Asternic)].value.diffs.clear();
    CHECK_FALSE(r.Balanced(&why));
    CHECK(why == "answered value of asternic: callboard 1 + differences = 1, not 0");
}

TEST_CASE("reconcile: the range of local dates, 23-hour days and bad input") {
    TimeZone berlin;
    std::string error;
    REQUIRE(TimeZone::FromPosix("Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3", &berlin, &error));
    int64_t from = 0, to = 0;
    REQUIRE(ReconRangeOf("2026-03-29", "2026-03-29", berlin, &from, &to, &error));
    CHECK(to - from == 23 * 3600000);  // daylight saving time starts
    CHECK(from == 1774738800000);      // 2026-03-29 00:00 +01:00
    CHECK_FALSE(ReconRangeOf("2026-3-29", "2026-03-29", berlin, &from, &to, &error));
    CHECK(error == "from: '2026-3-29' is not a date (YYYY-MM-DD)");
    CHECK_FALSE(ReconRangeOf("2026-03-29", "2026-03-28", berlin, &from, &to, &error));
    CHECK(error == "to: 2026-03-28 is before from (2026-03-29)");
    CHECK(ReconRangeOf("2026-01-01", "2026-04-02", TimeZone(), &from, &to, &error));
    CHECK_FALSE(ReconRangeOf("2026-01-01", "2026-04-03", TimeZone(), &from, &to, &error));
    CHECK(error == "to: 2026-01-01 to 2026-04-03 is 93 days; at most 92 days at once");
}

TEST_CASE("reconcile JSON: round trip, and what is wrong with a damaged answer") {
    ReconLeg timeout = Leg(3, kFrom + 5000, LegEnd::Exited, 60);
    timeout.leg.exit_reason = ExitReason::Timeout;
    const ReconReport r = Run({Leg(1, kFrom, LegEnd::Transferred, 5, 60), Leg(2, kFrom + 100, LegEnd::Abandoned, 3), timeout});
    const ReconRequest request{"2026-01-05", "2026-01-05", "UTC", {"sales"}};
    const std::string json = ReconReportToJson(request, r);
    ReconRequest back_request;
    ReconReport back;
    std::string error;
    REQUIRE_MESSAGE(ReconReportFromJson(json, &back_request, &back, &error), error);
    CHECK(back_request == request);
    CHECK(back == r);
    CHECK_FALSE(ReconReportFromJson("[1]", &back_request, &back, &error));
    CHECK(error == "not a JSON object");
    std::string bad = json;
    bad.replace(bad.find("\"transfer\""), 10, "\"teleport\"");
    CHECK_FALSE(ReconReportFromJson(bad, &back_request, &back, &error));
    CHECK(error == "rows[0].cells[2].differences[0].reason: unknown value 'teleport'");
}
