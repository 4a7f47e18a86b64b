// Placing breaks and lunches (docs/wfm.md): each agent's breaks inside the windows its shift
// allows, never overlapping one another, so that in every period the agents on break are at
// most the agents scheduled minus the minimum coverage (pyworkforce's BreakScheduler semantics,
// shared/reference/wfm_cases.md). Stated as an integer program (mip.h); the earliest allowed
// start is preferred a little, so the plan is stable and readable.
#pragma once
#include <string>
#include <vector>
#include "mip.h"

namespace cb::wfm {

struct BreakRule {
    std::string name;          // "break", "lunch"
    int length = 1;            // periods
    int min_start_after = 2;   // it starts at least this many periods into the shift
    int max_end_before = 2;    // and ends at least this many periods before the shift ends
};

struct BreakShift {
    std::string agent;
    int start = 0, end = 0;    // periods [start, end) of the day
    std::vector<BreakRule> breaks;  // in the order they should come
};

struct BreakProblem {
    int periods = 96;
    std::vector<BreakShift> shifts;
    std::vector<int> min_coverage;  // [period]: agents that must stay on the phones
    // 0: the minimum coverage is a hard rule (no plan when it cannot be kept). Above 0: a period
    // may fall short of it at this cost per missing agent (a roster that is understaffed still
    // gets its breaks, placed where they cost least).
    double shortfall_cost = 0;
};

std::string ValidateBreaks(const BreakProblem& p);
struct BreakModel {
    MipModel mip;
    struct Option {
        int shift, rule, start;
    };
    std::vector<Option> options;  // variable i = break `rule` of `shift` starts at `start`
};
BreakModel BuildBreaks(const BreakProblem& p);

struct BreakPlan {
    std::vector<std::vector<int>> start;  // [shift][rule] period the break starts, -1 = not placed
};
BreakPlan ReadBreaks(const BreakProblem& p, const BreakModel& m, const MipSolution& s);
std::vector<int> OnPhones(const BreakProblem& p, const BreakPlan& plan);  // [period]
// Sum over periods of max(0, minimum - on the phones), where someone is scheduled.
int BreakShortfall(const BreakProblem& p, const BreakPlan& plan);
// Every rule the plan breaks (windows, overlaps, order, and coverage when it is a hard rule), in
// words.
std::vector<std::string> CheckBreaks(const BreakProblem& p, const BreakPlan& plan);

}  // namespace cb::wfm
