// Rosters solved by COIN-OR CBC: hard rules checked independently, coverage, fairness, and
// contracts that cannot be met explained before solving.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/wfm/breaks.h"
#include "core/wfm/roster.h"
#include "server/wfm/mip_solver.h"

using namespace cb::wfm;

namespace {

// 14 agents, a week, 30-minute intervals; early / late / night shifts of 8 h; two skills.
RosterProblem Week14() {
    RosterProblem p;
    p.days = 7;
    p.first_weekday = 0;
    p.interval_min = 30;
    p.shifts = {{"early", 7 * 60, 8 * 60, false, {}}, {"late", 14 * 60, 8 * 60, false, {}}, {"night", 22 * 60, 8 * 60, true, {}}};
    for (int i = 0; i < 14; ++i) {
        RosterAgent a;
        a.key = "a" + std::to_string(i);
        a.skills = i < 9 ? std::vector<std::string>{"phone"} : std::vector<std::string>{"phone", "vip"};
        a.min_hours_week = 32;
        a.max_hours_week = 40;
        if (i == 3) a.avoided_shifts = {"night"};
        if (i == 4) a.preferred_shifts = {"early"};
        if (i == 5) a.days_off = {2, 3};
        if (i == 6) {  // evenings only, Monday to Friday
            a.available_by_weekday.assign(7, {0, 0});
            for (int d = 0; d < 5; ++d) a.available_by_weekday[static_cast<size_t>(d)] = {14 * 60, 24 * 60};
            a.min_hours_week = 24;
        }
        p.agents.push_back(a);
    }
    const int ipd = p.intervals_per_day();
    std::vector<int> phone(static_cast<size_t>(p.horizon_intervals()), 0), vip(phone.size(), 0);
    for (int d = 0; d < 7; ++d) {
        for (int t = 0; t < ipd; ++t) {
            const double hour = t / 2.0;
            // No shift covers 06:00-07:00 (nights end at 06:00, earlies start at 07:00), nor the
            // first night before the week: nobody is needed then.
            int base = hour >= 8 && hour < 20 ? (d >= 5 ? 2 : 4) : 1;
            if ((hour >= 6 && hour < 7) || (d == 0 && hour < 7)) base = 0;
            phone[static_cast<size_t>(d * ipd + t)] = base;
            vip[static_cast<size_t>(d * ipd + t)] = hour >= 9 && hour < 17 ? 1 : 0;
        }
    }
    p.required["phone"] = phone;
    p.required["vip"] = vip;
    return p;
}

}  // namespace

TEST_CASE("a week for 14 agents: every hard rule kept, the requirement met, nights spread evenly") {
    const RosterProblem p = Week14();
    REQUIRE(ValidateRoster(p).empty());
    REQUIRE(ExplainRosterInfeasible(p).empty());
    const RosterModel model = BuildRoster(p);
    const MipSolution s = SolveMip(model.mip, MipOptions{5, 0.01, 1});  // within 1 % of the optimum, or 5 s
    REQUIRE(s.has_solution());
    MESSAGE("status " << std::string(MipStatusName(s.status)) << ", objective " << s.objective << ", gap " << s.gap
                      << ", " << s.seconds << " s");
    CHECK(s.seconds < 10);
    const Roster r = ReadRoster(p, model, s);
    const std::vector<std::string> broken = CheckRoster(p, r);
    for (const std::string& b : broken) MESSAGE(b);
    CHECK(broken.empty());
    const RosterStats st = Evaluate(p, r);
    CHECK(st.understaffed_agent_intervals == 0);
    // Nights: the agents who may work them share them within one night of each other.
    int most = 0, fewest = 1000;
    for (size_t a = 0; a < p.agents.size(); ++a) {
        if (a == 6) continue;  // evenings only: cannot work nights
        most = std::max(most, st.nights[a]);
        fewest = std::min(fewest, st.nights[a]);
    }
    CHECK(most - fewest <= 1);
    CHECK(st.nights[3] <= most);      // avoided, not forbidden
    for (int d = 0; d < 7; ++d) {
        CHECK(r.shift[5][static_cast<size_t>(d)] == (d == 2 || d == 3 ? -1 : r.shift[5][static_cast<size_t>(d)]));
        const int s6 = r.shift[6][static_cast<size_t>(d)];
        if (d >= 5) CHECK(s6 == -1);
        else if (s6 >= 0) CHECK(p.shifts[static_cast<size_t>(s6)].name == "late");
    }
    // The checker is not a rubber stamp: an early after a late breaks the 11 h rest.
    Roster bad = r;
    bad.shift[0][0] = 1;  // late on day 0
    bad.shift[0][1] = 0;  // early on day 1: 9 h rest
    CHECK_FALSE(CheckRoster(p, bad).empty());
}

TEST_CASE("a contract the availability cannot meet is explained; bad input names the field") {
    RosterProblem p = Week14();
    p.agents[2].available_by_weekday.assign(7, {0, 0});
    p.agents[2].available_by_weekday[0] = {7 * 60, 15 * 60};  // Mondays 07:00-15:00 only
    const std::vector<std::string> why = ExplainRosterInfeasible(p);
    REQUIRE(why.size() == 1);
    CHECK(why[0] == "agent 'a2': contracted for at least 32.0 h in days 0-6, but its availability, days off and 11 h rest allow at most 8.0 h");
    const MipSolution s = SolveMip(BuildRoster(p).mip, MipOptions{5, 0.0, 1});
    CHECK(s.status == MipSolution::Status::Infeasible);
    RosterProblem q = Week14();
    q.agents[1].days_off = {9};
    CHECK(ValidateRoster(q) == "agents[1].days_off: day 9 is not in the horizon");
    q = Week14();
    q.shifts[0].start_min = 7 * 60 + 10;
    CHECK(ValidateRoster(q) == "shifts[0] (early): starts and lengths must be whole intervals of 30 min");
}

TEST_CASE("breaks and lunches placed inside their windows keeping the minimum on the phones") {
    // 6 agents on 8-hour shifts (32 quarter-hours) starting every half hour from 08:00; two
    // breaks of 15 min and a lunch of 30 min each; at least 4 on the phones from 10:00 to 17:00.
    BreakProblem p;
    p.periods = 96;
    p.min_coverage.assign(96, 0);
    for (int t = 40; t < 68; ++t) p.min_coverage[static_cast<size_t>(t)] = 4;
    for (int i = 0; i < 6; ++i) {
        BreakShift s;
        s.agent = "a" + std::to_string(i);
        s.start = 32 + 2 * i;
        s.end = s.start + 32;
        s.breaks = {{"break", 1, 6, 20}, {"lunch", 2, 12, 12}, {"break", 1, 20, 4}};
        p.shifts.push_back(s);
    }
    REQUIRE(ValidateBreaks(p).empty());
    const BreakModel m = BuildBreaks(p);
    const MipSolution s = SolveMip(m.mip, MipOptions{10, 0.0, 1});
    REQUIRE(s.has_solution());
    const BreakPlan plan = ReadBreaks(p, m, s);
    CHECK(CheckBreaks(p, plan).empty());
    const std::vector<int> on = OnPhones(p, plan);
    for (int t = 40; t < 68; ++t) CHECK(on[static_cast<size_t>(t)] >= 4);
    // Asking for 6 of 6 on the phones at 12:00 leaves no room for the lunches: infeasible.
    BreakProblem tight = p;
    for (int t = 44; t < 56; ++t) tight.min_coverage[static_cast<size_t>(t)] = 6;
    CHECK(SolveMip(BuildBreaks(tight).mip, MipOptions{10, 0.0, 1}).status == MipSolution::Status::Infeasible);
    BreakProblem bad = p;
    bad.shifts[0].breaks[1].min_start_after = 40;
    CHECK(ValidateBreaks(bad) == "shifts[0] (a0): break 'lunch' does not fit in its window");
}
