// Shift selection solved by COIN-OR CBC: pyworkforce's instance from
// shared/reference/wfm_cases.md, checked by the independent checker (never one particular
// vector), and the infeasible variant explained.
#include <doctest/doctest.h>

#include "core/wfm/shifts.h"
#include "server/wfm/mip_solver.h"

using namespace cb::wfm;

namespace {

ShiftSelectionProblem Instance(int max_period, int max_shift) {
    ShiftSelectionProblem p;
    p.periods_per_day = 24;
    p.required = {{9, 11, 17, 9, 7, 12, 5, 11, 8, 9, 18, 17, 8, 12, 16, 8, 7, 12, 11, 10, 13, 19, 16, 7},
                  {13, 13, 12, 15, 18, 20, 13, 16, 17, 8, 13, 11, 6, 19, 11, 20, 19, 17, 10, 13, 14, 23, 16, 8}};
    auto range = [](int from, int to) {
        std::vector<int> v;
        for (int t = from; t <= to; ++t) v.push_back(t);
        return v;
    };
    std::vector<int> night = range(0, 4);
    for (int t : range(21, 23)) night.push_back(t);
    p.shifts = {{"Morning", range(5, 12)}, {"Afternoon", range(13, 20)}, {"Night", night}, {"Mixed", range(9, 16)}};
    p.max_period_concurrency = max_period;
    p.max_shift_concurrency = max_shift;
    return p;
}

}  // namespace

TEST_CASE("shift selection: pyworkforce's instance has optimum 113 agents, checked independently") {
    const ShiftSelectionProblem p = Instance(27, 25);
    REQUIRE(ValidateShiftSelection(p).empty());
    const MipModel model = BuildShiftSelection(p);
    CHECK(model.vars.size() == 8);
    CHECK(model.rows.size() == 48);
    const MipSolution s = SolveMip(model, MipOptions{30, 0, 1});
    REQUIRE(s.status == MipSolution::Status::Optimal);
    CHECK(s.objective == doctest::Approx(113));
    CHECK(s.gap == 0);
    const ShiftSelection sel = ReadShiftSelection(p, s);
    CHECK(sel.agents == 113);
    CHECK(CheckShiftSelection(p, sel).empty());
    int day0 = 0, day1 = 0;
    for (int n : sel.starts[0]) day0 += n;
    for (int n : sel.starts[1]) day1 += n;
    CHECK(day0 == 50);
    CHECK(day1 == 63);
    // The checker is not a rubber stamp: one agent fewer on the night shift breaks coverage.
    ShiftSelection worse = sel;
    --worse.starts[1][2];
    CHECK_FALSE(CheckShiftSelection(p, worse).empty());
}

TEST_CASE("shift selection: max 25 a period and 20 a shift is infeasible, and says why") {
    const ShiftSelectionProblem p = Instance(25, 20);
    const MipSolution s = SolveMip(BuildShiftSelection(p), MipOptions{30, 0, 1});
    CHECK(s.status == MipSolution::Status::Infeasible);
    CHECK_FALSE(s.has_solution());
    CHECK(ExplainShiftSelectionInfeasible(p) ==
          "day 1 period 21 needs 23 agents, but the shifts covering it (Night) can start at most 20 (at most 20 a shift)");
    CHECK(ExplainShiftSelectionInfeasible(Instance(27, 25)).empty());
    ShiftSelectionProblem bad = Instance(27, 25);
    bad.shifts[0].periods.push_back(24);
    CHECK(ValidateShiftSelection(bad) == "shift 'Morning': period 24 is not in a day");
}
