// A roster's breaks and lunches (docs/wfm.md): each day's shifts get the breaks their template
// asks for, placed by the break program of breaks.h in 15-minute periods so that as many agents
// as the requirement asks stay on the phones (a shortfall is priced, not forbidden: an
// understaffed day still gets its breaks, where they cost least). And the schedule that results:
// what an agent is meant to be doing when, in time (adherence.h), from a date's shifts and breaks
// and the breaks a lead approved.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "adherence.h"
#include "breaks.h"
#include "roster.h"

namespace cb {
class TimeZone;
struct CivilDate;
}

namespace cb::wfm {

inline constexpr int kBreakPeriodMin = 15;

struct PlacedBreak {
    int agent = 0, day = 0;
    int rule = 0;              // index into the shift's breaks
    int start_min = 0;         // from local midnight of its day (past 1440 for a night shift's)
    int length_min = 15;
    bool lunch = false;
    std::string name;
    bool operator==(const PlacedBreak&) const = default;
};

// The break program of one day: the shifts starting that day, periods of 15 minutes from its
// local midnight over two days (a night shift's breaks fall after midnight), the minimum on the
// phones = the requirement summed over skills.
struct DayBreakProblem {
    BreakProblem problem;
    std::vector<int> agent_of;  // [problem shift] agent index
    std::vector<int> shift_of;  // [problem shift] roster shift index
};
DayBreakProblem RosterDayBreaks(const RosterProblem& p, const Roster& r, int day, double shortfall_cost = 10);
std::vector<PlacedBreak> PlacedBreaksOf(const RosterProblem& p, const DayBreakProblem& d, int day, const BreakPlan& plan);
// Every rule the day's breaks break: each working agent has each of its shift's breaks, inside
// the window, in order, not overlapping. Independent of the program.
std::vector<std::string> CheckRosterBreaks(const RosterProblem& p, const Roster& r, const std::vector<PlacedBreak>& breaks);

// One agent's planned activities on one day of a roster whose day 0 is `day0` in `zone`: the
// shift on queue from its local start for its length in elapsed time, its breaks and lunches
// (offsets from the shift's start), then `extra` (approved break requests) laid over it. Empty
// when the agent is off.
std::vector<Planned> AgentDayPlan(const RosterProblem& p, const Roster& r, const std::vector<PlacedBreak>& breaks, int agent,
                                  int day, const TimeZone& zone, const CivilDate& day0, const std::vector<Planned>& extra = {});
// The UTC instant of minute `minute` (may pass 1440) of day `day` after day0's local midnight:
// the local start of the shift's date plus the minutes as elapsed time.
int64_t RosterInstant(const TimeZone& zone, const CivilDate& day0, int day, int minute);
// Lays `over` on top of `base` (both non-overlapping lists): where they meet, `over` wins.
std::vector<Planned> Overlay(std::vector<Planned> base, const std::vector<Planned>& over);

}  // namespace cb::wfm
