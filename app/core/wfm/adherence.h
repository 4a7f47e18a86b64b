// Schedule adherence and conformance (docs/wfm.md): what an agent was scheduled to do against
// what its states say it did, with the formulas of shared/reference/wfm_cases.md:
//   adherence   = (1 - exception time / scheduled time) x 100, floored at 0;
//   conformance = actual on-queue time / scheduled on-queue time x 100 (may exceed 100).
// A deviation shorter than the exception threshold is not an exception; one longer than the
// severe threshold is severe. Impact: positive when the agent is on queue instead of off it,
// negative when off queue instead of on it, neutral when one off-queue activity replaces another.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>
#include "core/events.h"
#include "core/snapshot.h"
#include "core/wfm/schedule.h"

namespace cb::wfm {

// What an agent in a state is doing: available, ringing, talking, holding or wrapping up is on
// queue; not ready by reason (break, lunch, meeting, training and coaching as training, other);
// logged out is off.
Activity ActivityOf(AgentState state, NotReadyReason reason);

struct Spell {
    int64_t start_ms = 0, end_ms = 0;
    AgentState state = AgentState::LoggedOut;
    NotReadyReason reason = NotReadyReason::None;
};

Impact ImpactOf(Activity scheduled, Activity actual);

struct Deviation {
    int64_t start_ms = 0, end_ms = 0;
    Activity scheduled = Activity::Off, actual = Activity::Off;
    Impact impact = Impact::None;
    bool counted = false;  // at least the exception threshold long
    bool severe = false;   // at least the severe threshold long
};

struct AdherenceResult {
    int64_t scheduled_ms = 0;            // scheduled time (plus unscheduled work, see options)
    int64_t exception_ms = 0;            // deviations at least the threshold long
    int64_t scheduled_on_queue_ms = 0;
    int64_t actual_on_queue_ms = 0;      // on queue anywhere in the window (inside the shift or not)
    double adherence = 0;                // 0..1
    double conformance = 0;              // may exceed 1
    bool valid = false;                  // something was scheduled
    std::vector<Deviation> deviations;   // every mismatch, counted or not, in time order
};

// Over [from_ms, to_ms): the schedule (non-overlapping, any order) against the agent's state
// spells (any order; time not covered by a spell is logged out).
AdherenceResult Adherence(std::vector<Planned> schedule, std::vector<Spell> spells, int64_t from_ms, int64_t to_ms,
                          const AdherenceOptions& options = {});

// Real time: where an agent stands now (LiveAdherence, schedule.h).
// known: whether the agent's state is known (a source that reports states). state_since_ms:
// when the agent's current activity began (the live engine passes when ActivityOf last changed,
// so moving between on-queue states does not restart a deviation).
LiveAdherence LiveStatusOf(const std::vector<Planned>& schedule, AgentState state, NotReadyReason reason,
                           int64_t state_since_ms, int64_t now_ms, bool known, const AdherenceOptions& options = {});

}  // namespace cb::wfm
