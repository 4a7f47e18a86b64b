// Shift selection (docs/wfm.md): how many agents start each shift type on each day so that every
// period is covered at least as its requirement says, at least cost, within the concurrency
// limits - the first step of a roster (pyworkforce's MinRequiredResources problem; cases in
// shared/reference/wfm_cases.md). Stated as a MIP (mip.h) and checked independently of any
// solver; an impossible problem is explained (which period cannot be covered and why).
#pragma once
#include <string>
#include <vector>
#include "mip.h"

namespace cb::wfm {

struct ShiftType {
    std::string name;
    std::vector<int> periods;  // the periods of a day it covers
    double cost = 1;           // per agent started
};

struct ShiftSelectionProblem {
    int periods_per_day = 24;
    std::vector<std::vector<int>> required;  // [day][period]: agents needed
    std::vector<ShiftType> shifts;
    int max_period_concurrency = 1000000;    // at most this many agents in any period
    int max_shift_concurrency = 1000000;     // at most this many agents start one shift on one day
};

// What is wrong with the problem's shape (empty, periods out of range, negative needs), or "".
std::string ValidateShiftSelection(const ShiftSelectionProblem& p);
// Variable (day * shifts + shift) = agents starting that shift that day.
MipModel BuildShiftSelection(const ShiftSelectionProblem& p);

struct ShiftSelection {
    std::vector<std::vector<int>> starts;  // [day][shift]
    int agents = 0;
    double cost = 0;
};
ShiftSelection ReadShiftSelection(const ShiftSelectionProblem& p, const MipSolution& s);
// Coverage of each period by a selection: [day][period].
std::vector<std::vector<int>> Coverage(const ShiftSelectionProblem& p, const ShiftSelection& s);
// Every rule the selection breaks, in words (empty: it is feasible). Independent of the MIP.
std::vector<std::string> CheckShiftSelection(const ShiftSelectionProblem& p, const ShiftSelection& s);
// Why no selection can exist, naming the period and the limit, or "" when none of these simple
// reasons applies (then the solver's word stands).
std::string ExplainShiftSelectionInfeasible(const ShiftSelectionProblem& p);

}  // namespace cb::wfm
