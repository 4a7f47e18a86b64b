// Rosters (docs/wfm.md): which agent works which shift on which day. Hard rules: at most one
// shift a day, a minimum rest between shifts (11 h by default), availability and fixed days off,
// contracted hours per week, shifts fixed by hand, and the requirement per interval and skill
// (met where the staff allows; what cannot be met is understaffing, reported per interval). Soft
// rules: nights, weekend shifts and disliked shifts spread evenly, preferred shifts honoured.
// Stated as an integer program (mip.h) solved outside the core (COIN-OR CBC, server/wfm);
// checked by an independent checker (rules and objective); impossible contracts and fixed shifts
// are explained before any solving.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>
#include "mip.h"

namespace cb::wfm {

// A break or lunch inside a shift (placed later, per day: roster_breaks.h).
struct ShiftBreak {
    std::string name = "break";  // shown to the agent: "break", "lunch", "tea"
    bool lunch = false;          // scheduled as lunch (else as a break)
    int length_min = 15;         // whole 15-minute periods
    int after_min = 60;          // starts at least this long into the shift
    int before_end_min = 60;     // and ends at least this long before the shift ends
};

struct RosterShift {
    std::string name;         // "early", "late", "night"
    int start_min = 480;      // from local midnight of its day, 0-1439
    int length_min = 480;     // may run past midnight into the next day
    bool night = false;       // counts as a night shift for fairness
    std::vector<ShiftBreak> breaks;  // in the order they come
};

struct RosterAgent {
    std::string key;
    std::vector<std::string> skills;         // the skills (queues) it can cover
    double min_hours_week = 0;               // contracted hours per 7 days (of the horizon)
    double max_hours_week = 40;
    std::vector<int> days_off;               // days of the horizon it must not work
    // Per weekday (0 = Monday ... 6 = Sunday): the minutes of the day it can work, [from, to);
    // empty: all day every day. A shift must lie inside (a shift past midnight: to = 1440+).
    std::vector<std::pair<int, int>> available_by_weekday;
    std::vector<std::string> preferred_shifts;
    std::vector<std::string> avoided_shifts;
};

struct RosterWeights {
    double understaffed = 1000;  // per missing agent-interval
    double staffed_hour = 1;     // per agent-hour rostered (avoid needless overstaffing)
    double night_spread = 20;    // per night of difference between the agents with the most and fewest
    double weekend_spread = 20;  // per weekend shift of that difference
    double preference = 5;       // per avoided shift given, and per preferred shift not given (day worked)
};

// A day fixed by hand: this agent works this shift (or, shift -1, is off) on this day.
struct RosterPin {
    int agent = 0;
    int day = 0;
    int shift = -1;
};

// What came before the horizon (a roster solved in parts, or the previous week's published
// roster): the shift each agent worked the day before day 0 (rest applies), and the nights and
// weekend shifts each already has (fairness counts them). Empty vectors: nothing.
struct RosterBefore {
    std::vector<int> shift_day_before;  // per agent, -1 = off
    std::vector<int> nights, weekend_shifts;
};

struct RosterProblem {
    int days = 7;
    int first_weekday = 0;                   // weekday of day 0 (0 = Monday)
    std::string start_date;                  // "YYYY-MM-DD" of day 0 when known (sets first_weekday)
    int interval_min = 30;                   // requirement granularity: 15, 30 or 60
    std::vector<RosterShift> shifts;
    std::vector<RosterAgent> agents;
    // Agents needed per skill: [skill][interval of the horizon] (days x intervals a day; the last
    // day's shifts may spill past the horizon: not counted).
    std::map<std::string, std::vector<int>> required;
    int min_rest_min = 660;
    RosterWeights weights;
    std::vector<RosterPin> fixed;
    RosterBefore before;

    int intervals_per_day() const { return 1440 / interval_min; }
    int horizon_intervals() const { return days * intervals_per_day(); }
    bool weekend(int day) const { return (first_weekday + day) % 7 >= 5; }
    int weekday(int day) const { return (first_weekday + day) % 7; }
};

// "Monday" ... "Sunday"; "mon" ... "sun".
const char* WeekdayName(int weekday);
const char* WeekdayShort(int weekday);
// "07:00", "22:30"; minutes past 24 h as "30:00".
std::string ClockText(int minutes);
// "night (22:00-06:00)".
std::string ShiftText(const RosterShift& s);

// Shape and rule errors that make the problem meaningless, with where ("agents[3].days_off: day 9
// is not in the horizon"; "fixed[2]: agent 'a1' is not available for night (22:00-06:00) on day
// 2, a Wednesday"), or "".
std::string ValidateRoster(const RosterProblem& p);
// Whether agent a may work shift s on day d (days off, availability by weekday).
bool RosterAllowed(const RosterProblem& p, int agent, int day, int shift);
// Contracts that no roster can meet whatever the requirement: an agent contracted for more hours
// than its availability, days off, fixed days and rest allow (or fixed for more than its maximum).
// One message per agent and week; empty when none.
std::vector<std::string> ExplainRosterInfeasible(const RosterProblem& p);

// The integer program and how to read it back.
struct RosterModel {
    MipModel mip;
    struct Assignment {
        int agent, day, shift;
    };
    std::vector<Assignment> x;  // variable i < x.size() = agent works shift on day
};
// Coverage is stated per segment (the intervals between two shift boundaries, where the same
// shifts work): one row sums the shifts, one small row per interval compares it with the need.
RosterModel BuildRoster(const RosterProblem& p);

struct Roster {
    // shift index per agent and day, -1 = off
    std::vector<std::vector<int>> shift;
};
Roster ReadRoster(const RosterProblem& p, const RosterModel& model, const MipSolution& s);

// What a roster gives: agents per skill and interval, understaffing, hours, nights, weekends.
struct RosterStats {
    std::map<std::string, std::vector<int>> coverage;  // [skill][interval]: agents working who have the skill
    std::vector<int> total_coverage;                   // [interval]: agents working
    std::vector<int> total_required;                   // [interval]: the skills' needs summed
    int64_t understaffed_agent_intervals = 0;          // sum over skills and intervals of max(0, need - have)
    int64_t understaffed_total = 0;                    // sum over intervals of max(0, summed need - working), 2+ skills
    std::vector<double> hours_per_week;                // [agent * weeks + week]
    std::vector<int> nights, weekend_shifts;           // per agent, in the horizon (before not included)
    int preference_misses = 0;                         // avoided shifts given + preferred not given
    int weeks = 0;
};
RosterStats Evaluate(const RosterProblem& p, const Roster& r);
// The program's objective for a roster, computed from the roster alone (not from the program):
// staffed hours, preferences, understaffing and the spreads of nights and weekend shifts (with
// the counts before the horizon). Equal to the solver's objective for the solver's roster.
double RosterObjective(const RosterProblem& p, const Roster& r);
// Every hard rule the roster breaks, in words (empty: feasible). Independent of the program.
std::vector<std::string> CheckRoster(const RosterProblem& p, const Roster& r);

// Days [from, to) of p as a problem of their own: requirement, days off, fixed days and weekdays
// cut to the part; the shifts of `done` before `from` carried as what came before (rest from
// the day before, nights and weekend shifts so far). For solving long horizons week by week.
RosterProblem RosterPart(const RosterProblem& p, int from, int to, const Roster& done);

}  // namespace cb::wfm
