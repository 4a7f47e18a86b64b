// Rosters end to end in the solver layer: SolveRoster (whole and week by week) checked by the
// independent checker and the objective recomputed from the roster alone; days fixed by hand;
// the breaks of a roster; the problem file format and its errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "core/tz.h"
#include "core/wfm/roster.h"
#include "core/wfm/roster_breaks.h"
#include "core/wfm/roster_json.h"
#include "server/wfm/roster_solver.h"

using namespace cb::wfm;

namespace {

std::vector<ShiftBreak> TwoBreaks() { return {{"break", false, 15, 90, 240}, {"lunch", true, 30, 180, 150}}; }

// 10 agents on early / late shifts (8 h) over `days` days; 2 needed 07:00-22:00 every day.
RosterProblem Small(int days) {
    RosterProblem p;
    p.days = days;
    p.start_date = "2026-03-02";  // a Monday
    p.first_weekday = 0;
    p.interval_min = 30;
    p.shifts = {{"early", 7 * 60, 480, false, TwoBreaks()}, {"late", 14 * 60, 480, false, TwoBreaks()}};
    for (int i = 0; i < 10; ++i) {
        RosterAgent a;
        a.key = "a" + std::to_string(i);
        a.skills = {"phone"};
        a.min_hours_week = 16;
        a.max_hours_week = 40;
        p.agents.push_back(a);
    }
    std::vector<int> need(static_cast<size_t>(p.horizon_intervals()), 0);
    for (int d = 0; d < days; ++d)
        for (int t = 14; t < 44; ++t) need[static_cast<size_t>(d * 48 + t)] = 2;
    p.required["phone"] = need;
    return p;
}

// Hours each agent works in days [from, to).
double Hours(const RosterProblem& p, const Roster& r, size_t a, int from, int to) {
    double h = 0;
    for (int d = from; d < to; ++d) {
        const int s = r.shift[a][static_cast<size_t>(d)];
        if (s >= 0) h += p.shifts[static_cast<size_t>(s)].length_min / 60.0;
    }
    return h;
}

}  // namespace

TEST_CASE("SolveRoster: a week solved whole; the objective equals the one recomputed from the roster") {
    const RosterProblem p = Small(7);
    REQUIRE(ValidateRoster(p).empty());
    const RosterSolution s = SolveRoster(p, RosterSolveOptions{10, 0.0, 1, 7});
    REQUIRE(s.ok);
    CHECK(s.info.parts == 1);
    CHECK(s.info.status == "optimal");
    CHECK(CheckRoster(p, s.roster).empty());
    CHECK(s.info.objective == doctest::Approx(RosterObjective(p, s.roster)).epsilon(1e-6));
    const RosterStats st = Evaluate(p, s.roster);
    CHECK(st.understaffed_agent_intervals == 0);
    // 2 agents x 15 h a day need 4 shifts a day (each covers 8 h of the 15): 28 shifts, and the
    // contracts (16 h = 2 shifts each) ask for at least 20; the optimum staffs no more than needed.
    int shifts = 0;
    for (const auto& row : s.roster.shift)
        for (int x : row) shifts += x >= 0;
    CHECK(shifts >= 28);
    for (size_t a = 0; a < p.agents.size(); ++a) CHECK(Hours(p, s.roster, a, 0, 7) >= 16 - 1e-9);
    // The checker catches a roster that breaks a contract.
    Roster bad = s.roster;
    for (auto& x : bad.shift[0]) x = -1;
    CHECK_FALSE(CheckRoster(p, bad).empty());
}

TEST_CASE("SolveRoster: four weeks week by week carry the rest over; the gap is against the whole horizon's bound") {
    RosterProblem p = Small(28);
    // a0 works the late shift on Sunday of week 1: it cannot work the early on Monday of week 2
    // (9 h of rest), a rule between two parts of the solve.
    p.fixed.push_back({0, 6, 1});
    REQUIRE(ValidateRoster(p).empty());
    const RosterSolution s = SolveRoster(p, RosterSolveOptions{30, 0.0, 1, 7});
    REQUIRE(s.ok);
    CHECK(s.info.parts == 4);
    const std::vector<std::string> broken = CheckRoster(p, s.roster);
    for (const auto& b : broken) MESSAGE(b);
    CHECK(broken.empty());
    CHECK(s.roster.shift[0][6] == 1);
    CHECK(s.roster.shift[0][7] != 0);
    CHECK(s.info.objective == doctest::Approx(RosterObjective(p, s.roster)).epsilon(1e-6));
    CHECK(s.info.best_bound <= s.info.objective + 1e-6);
    CHECK(s.info.gap >= 0);
    CHECK(s.info.gap == doctest::Approx((s.info.objective - s.info.best_bound) / std::max(1.0, std::fabs(s.info.objective))));
    for (size_t a = 0; a < p.agents.size(); ++a)
        for (int w = 0; w < 4; ++w) CHECK(Hours(p, s.roster, a, 7 * w, 7 * w + 7) >= 16 - 1e-9);
}

TEST_CASE("SolveRoster: a contract no roster can meet is answered with which one, before solving") {
    RosterProblem p = Small(7);
    p.agents[3].available_by_weekday.assign(7, {0, 0});
    p.agents[3].available_by_weekday[2] = {7 * 60, 15 * 60};  // Wednesdays 07:00-15:00 only
    const RosterSolution s = SolveRoster(p);
    CHECK_FALSE(s.ok);
    CHECK(s.info.status == "infeasible");
    REQUIRE(s.why.size() == 1);
    CHECK(s.why[0] == "agent 'a3': contracted for at least 16.0 h in days 0-6, but its availability, days off and 11 h rest allow at most 8.0 h");
}

TEST_CASE("days fixed by hand: kept by the solver, and impossible ones named") {
    RosterProblem p = Small(7);
    p.fixed = {{2, 0, 1}, {2, 1, -1}, {5, 3, 0}};
    REQUIRE(ValidateRoster(p).empty());
    const RosterSolution s = SolveRoster(p, RosterSolveOptions{10, 0.0, 1, 7});
    REQUIRE(s.ok);
    CHECK(s.roster.shift[2][0] == 1);
    CHECK(s.roster.shift[2][1] == -1);
    CHECK(s.roster.shift[5][3] == 0);
    CHECK(CheckRoster(p, s.roster).empty());
    // A late then an early the next day: 9 h of rest.
    RosterProblem q = Small(7);
    q.fixed = {{4, 2, 1}, {4, 3, 0}};
    CHECK(ValidateRoster(q) ==
          "fixed[1]: agent 'a4''s early (07:00-15:00) on day 3 (Thursday) leaves 9 h of rest after late (14:00-22:00) the day before "
          "(fixed[0]); at least 11 h are needed");
    // Two shifts the same day.
    q.fixed = {{4, 2, 1}, {4, 2, 0}};
    CHECK(ValidateRoster(q).find("fixed[1]: agent 'a4' has day 2 (Wednesday) fixed already (fixed[0])") == 0);
}

TEST_CASE("a roster's breaks: every working agent gets its breaks inside the windows, in order") {
    const RosterProblem p = Small(7);
    const RosterSolution s = SolveRoster(p, RosterSolveOptions{10, 0.0, 1, 7});
    REQUIRE(s.ok);
    std::vector<std::string> why;
    const std::vector<PlacedBreak> breaks = PlaceRosterBreaks(p, s.roster, &why);
    CHECK(why.empty());
    int worked = 0;
    for (const auto& row : s.roster.shift)
        for (int x : row) worked += x >= 0;
    CHECK(breaks.size() == static_cast<size_t>(worked) * 2);
    CHECK(CheckRosterBreaks(p, s.roster, breaks).empty());
    // The checker is independent: a lunch moved to the shift's first minute is outside its window.
    std::vector<PlacedBreak> moved = breaks;
    auto lunch = std::find_if(moved.begin(), moved.end(), [](const PlacedBreak& b) { return b.lunch; });
    REQUIRE(lunch != moved.end());
    lunch->start_min = p.shifts[static_cast<size_t>(s.roster.shift[static_cast<size_t>(lunch->agent)][static_cast<size_t>(lunch->day)])].start_min;
    CHECK_FALSE(CheckRosterBreaks(p, s.roster, moved).empty());
}

TEST_CASE("an agent's day plan: the shift on queue, its breaks, approved requests laid over; in UTC across DST") {
    RosterProblem p = Small(7);
    p.start_date = "2026-03-23";  // Monday; Europe/Berlin moves to summer time on Sunday 29 March
    Roster r;
    r.shift.assign(p.agents.size(), std::vector<int>(7, -1));
    r.shift[0][6] = 0;  // the early on Sunday 29 March
    const std::vector<PlacedBreak> breaks = {{0, 6, 0, 9 * 60, 15, false, "break"}, {0, 6, 1, 11 * 60, 30, true, "lunch"}};
    cb::TimeZone zone;
    std::string err;
    REQUIRE(cb::TimeZone::FromPosix("Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3", &zone, &err));
    cb::CivilDate day0;
    REQUIRE(cb::ParseCivilDate(p.start_date, &day0));
    const int64_t start = RosterInstant(zone, day0, 6, 7 * 60);
    // 07:00 CEST = 05:00 UTC on 2026-03-29.
    CHECK(start == 1774760400000LL);
    const std::vector<Planned> extra = {{start + 4 * 3600000LL, start + 4 * 3600000LL + 15 * 60000, Activity::Break}};
    const std::vector<Planned> plan = AgentDayPlan(p, r, breaks, 0, 6, zone, day0, extra);
    REQUIRE(plan.size() == 6);
    CHECK(plan[0].start_ms == start);
    CHECK(plan[0].activity == Activity::OnQueue);
    CHECK(plan[1].start_ms == start + 2 * 3600000LL);
    CHECK(plan[1].activity == Activity::Break);
    CHECK(plan[3].activity == Activity::Break);  // the approved request at 11:00
    CHECK(plan[3].start_ms == start + 4 * 3600000LL);
    CHECK(plan[4].activity == Activity::Lunch);
    CHECK(plan[4].start_ms == start + 4 * 3600000LL + 15 * 60000);  // the lunch keeps what the request left
    CHECK(plan[5].activity == Activity::OnQueue);
    CHECK(plan[5].end_ms == start + 8 * 3600000LL);
    CHECK(AgentDayPlan(p, r, breaks, 1, 6, zone, day0).empty());
}

TEST_CASE("the problem file: read back as written; mistakes named by where they are") {
    RosterProblem p = Small(7);
    p.agents[1].days_off = {3};
    p.agents[2].available_by_weekday.assign(7, {0, 0});
    p.agents[2].available_by_weekday[0] = {7 * 60, 23 * 60};
    p.agents[4].preferred_shifts = {"early"};
    p.fixed = {{3, 2, 1}};
    const std::string text = RosterProblemToJson(p);
    RosterProblem q;
    std::string err;
    REQUIRE_MESSAGE(RosterProblemFromJson(text, &q, &err), err);
    CHECK(RosterProblemToJson(q) == text);
    CHECK(q.first_weekday == 0);
    CHECK(q.agents[2].available_by_weekday[0] == std::pair<int, int>{7 * 60, 23 * 60});
    CHECK(q.agents[2].available_by_weekday[1] == std::pair<int, int>{0, 0});
    CHECK(q.shifts[1].breaks.size() == 2);
    CHECK(q.required == p.required);

    auto error_of = [](const std::string& t) {
        RosterProblem x;
        std::string e;
        CHECK_FALSE(RosterProblemFromJson(t, &x, &e));
        return e;
    };
    const std::string shifts = R"("shifts": [{"name": "early", "start": "07:00", "hours": 8}])";
    const std::string agents = R"("agents": [{"key": "a1", "skills": ["phone"]}])";
    CHECK(error_of("{\"days\": 7,\n \"shifts\": [}") == "parse error at line 2, column 13: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal");
    CHECK(error_of(R"({"days": 7, "shifts": [{"name": "early", "start": "7am", "hours": 8}], )" + agents + "}") ==
          "shifts[0].start: '7am' is not a time 00:00-23:59");
    CHECK(error_of(R"({"days": 7, "shifts": [{"name": "early", "start": "07:00"}], )" + agents + "}") == "shifts[0].hours: required");
    CHECK(error_of(R"({"days": 7, )" + shifts + ", " + agents + R"(, "fixed": [{"agent": "zz", "day": 1, "shift": "early"}]})") ==
          "fixed[0].agent: 'zz' is not one of the agents");
    CHECK(error_of(R"({"days": 7, )" + shifts + ", " + agents + R"(, "fixed": [{"agent": "a1", "day": 1, "shift": "late"}]})") ==
          "fixed[0].shift: 'late' is not one of the shifts");
    CHECK(error_of(R"({"days": 7, )" + shifts + R"(, "agents": [{"key": "a1", "availability": {"mon": "7-15"}}]})") ==
          "agents[0].availability.mon: expected \"HH:MM-HH:MM\" (up to 48:00 past midnight), \"off\" or null");
    CHECK(error_of(R"({"days": 7, "shift": []})") ==
          "shift: not a known field (known: start_date, first_weekday, days, interval_min, min_rest_h, shifts, agents, required, weights, fixed)");
}
