// Solving a roster (core/wfm/roster.h) with COIN-OR CBC, and placing its breaks (roster_breaks.h):
// contracts no roster can meet are explained before solving; a horizon of one week is solved
// whole; a longer one week by week (each week carrying the rest and the nights and weekend shifts
// of the weeks before), then the whole horizon's LP relaxation is the proven lower bound, so the
// gap reported is the gap of the whole roster (-1 when the bound was not reached in time) (docs/wfm.md, bench/results/wfm_roster.md).
#pragma once
#include <string>
#include <vector>
#include "core/wfm/roster.h"
#include "core/wfm/roster_breaks.h"
#include "core/wfm/roster_json.h"

namespace cb::wfm {

struct RosterSolveOptions {
    double max_seconds = 60;     // wall-clock limit for the whole solve
    double relative_gap = 0.005; // stop a part proven within this of its optimum
    int threads = 1;
    int max_whole_days = 7;      // longer horizons are solved week by week
};

struct RosterSolution {
    bool ok = false;             // a roster was found
    Roster roster;
    RosterSolveInfo info;
    // Why there is none: the contracts or fixed days that cannot be met (ExplainRosterInfeasible),
    // or the solver's word.
    std::vector<std::string> why;
};

RosterSolution SolveRoster(const RosterProblem& p, const RosterSolveOptions& options = {});

// Places the breaks of every day of a roster (one small program per day). Returns the placed
// breaks; a day whose program finds no plan keeps none, and *why says which.
std::vector<PlacedBreak> PlaceRosterBreaks(const RosterProblem& p, const Roster& r, std::vector<std::string>* why = nullptr,
                                           double seconds_per_day = 5);
// The same for one day only (a hand edit changes one day).
std::vector<PlacedBreak> PlaceDayBreaks(const RosterProblem& p, const Roster& r, int day, std::string* why = nullptr,
                                        double seconds = 5);

}  // namespace cb::wfm
