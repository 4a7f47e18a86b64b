// Rosters (docs/wfm.md): which agent works which shift on which day. Hard rules: at most one
// shift a day, a minimum rest between shifts (11 h by default), availability and fixed days off,
// contracted hours per week, and the requirement per interval and skill (met where the staff
// allows; what cannot be met is understaffing, reported per interval). Soft rules: nights,
// weekend shifts and disliked shifts spread evenly, preferred shifts honoured. Stated as an
// integer program (mip.h) solved outside the core (COIN-OR CBC, server/wfm); checked by an
// independent checker; impossible contracts are explained before any solving.
#pragma once
#include <map>
#include <string>
#include <vector>
#include "mip.h"

namespace cb::wfm {

struct RosterShift {
    std::string name;         // "early", "late", "night"
    int start_min = 480;      // from local midnight of its day, 0-1439
    int length_min = 480;     // may run past midnight into the next day
    bool night = false;       // counts as a night shift for fairness
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

struct RosterProblem {
    int days = 7;
    int first_weekday = 0;                   // weekday of day 0 (0 = Monday)
    int interval_min = 30;                   // requirement granularity: 15, 30 or 60
    std::vector<RosterShift> shifts;
    std::vector<RosterAgent> agents;
    // Agents needed per skill: [skill][interval of the horizon] (days x intervals a day; the last
    // day's shifts may spill past the horizon: not counted).
    std::map<std::string, std::vector<int>> required;
    int min_rest_min = 660;
    RosterWeights weights;

    int intervals_per_day() const { return 1440 / interval_min; }
    int horizon_intervals() const { return days * intervals_per_day(); }
    bool weekend(int day) const { return (first_weekday + day) % 7 >= 5; }
};

// Shape and rule errors that make the problem meaningless, with where ("agents[3].days_off: day 9
// is not in the horizon"), or "".
std::string ValidateRoster(const RosterProblem& p);
// Contracts that no roster can meet whatever the requirement: an agent contracted for more hours
// than its availability, days off and rest allow. One message per agent; empty when none.
std::vector<std::string> ExplainRosterInfeasible(const RosterProblem& p);

// The integer program and how to read it back.
struct RosterModel {
    MipModel mip;
    struct Assignment {
        int agent, day, shift;
    };
    std::vector<Assignment> x;  // variable i < x.size() = agent works shift on day
};
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
    int64_t understaffed_agent_intervals = 0;          // sum over skills and intervals of max(0, need - have)
    std::vector<double> hours_per_week;                // [agent * weeks + week]
    std::vector<int> nights, weekend_shifts;           // per agent
    int preference_misses = 0;                         // avoided shifts given + preferred not given
};
RosterStats Evaluate(const RosterProblem& p, const Roster& r);
// Every hard rule the roster breaks, in words (empty: feasible). Independent of the program.
std::vector<std::string> CheckRoster(const RosterProblem& p, const Roster& r);

}  // namespace cb::wfm
