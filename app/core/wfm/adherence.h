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

namespace cb::wfm {

enum class Activity : uint8_t { OnQueue, Break, Lunch, Meeting, Training, Other, Off, kCount };
std::string_view ActivityName(Activity a);  // "on_queue", "break", ...
bool ParseActivity(std::string_view name, Activity* out);
bool IsOnQueue(Activity a);
// What an agent in a state is doing: available, ringing, talking, holding or wrapping up is on
// queue; not ready by reason (break, lunch, meeting, training and coaching as training, other);
// logged out is off.
Activity ActivityOf(AgentState state, NotReadyReason reason);

struct Planned {
    int64_t start_ms = 0, end_ms = 0;
    Activity activity = Activity::OnQueue;
};
struct Spell {
    int64_t start_ms = 0, end_ms = 0;
    AgentState state = AgentState::LoggedOut;
    NotReadyReason reason = NotReadyReason::None;
};

enum class Impact : uint8_t { None, Positive, Negative, Neutral };
std::string_view ImpactName(Impact i);
Impact ImpactOf(Activity scheduled, Activity actual);

struct Deviation {
    int64_t start_ms = 0, end_ms = 0;
    Activity scheduled = Activity::Off, actual = Activity::Off;
    Impact impact = Impact::None;
    bool counted = false;  // at least the exception threshold long
    bool severe = false;   // at least the severe threshold long
};

struct AdherenceOptions {
    int64_t exception_threshold_ms = 60000;  // shorter deviations are not exceptions
    int64_t severe_threshold_ms = 600000;
    // Working (on queue) outside the scheduled shift counts as an exception too, and its time
    // as scheduled time (wfm_cases.md's second variant: 71.43 % instead of 83.33 %).
    bool count_outside_shift = false;
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

// Real time: where an agent stands now.
enum class LiveStatus : uint8_t { InAdherence, OutOfAdherence, Unscheduled, Unknown };
std::string_view LiveStatusName(LiveStatus s);
struct LiveAdherence {
    LiveStatus status = LiveStatus::Unknown;
    Impact impact = Impact::None;
    Activity scheduled = Activity::Off, actual = Activity::Off;
    int64_t since_ms = 0;   // the current deviation (or agreement) began
    bool counted = false;   // out of adherence for at least the exception threshold
    bool severe = false;
};
// known: whether the agent's state is known (a source that reports states).
LiveAdherence LiveStatusOf(const std::vector<Planned>& schedule, AgentState state, NotReadyReason reason,
                           int64_t state_since_ms, int64_t now_ms, bool known, const AdherenceOptions& options = {});

}  // namespace cb::wfm
