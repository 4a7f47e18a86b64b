// The published schedule as the live engine takes it (Engine::SetSchedule) and as snapshots carry
// it, and the plain data of live adherence (docs/wfm.md, "Live adherence"). What an agent was
// scheduled to do is a list of activities (on queue, break, lunch, meeting, training, other) with
// their times; time outside every activity is "off" (not working). The rules that compare it with
// what the agent does are adherence.h's; the live staffing that follows it is live.h's.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "core/directory.h"

namespace cb::wfm {

enum class Activity : uint8_t { OnQueue, Break, Lunch, Meeting, Training, Other, Off, kCount };
std::string_view ActivityName(Activity a);  // "on_queue", "break", ...
bool ParseActivity(std::string_view name, Activity* out);
bool IsOnQueue(Activity a);

// One scheduled activity, [start_ms, end_ms).
struct Planned {
    int64_t start_ms = 0, end_ms = 0;
    Activity activity = Activity::OnQueue;
    bool operator==(const Planned&) const = default;
};

// Impact of a deviation: positive (on queue instead of off it), negative (off queue when scheduled
// on it, or working when scheduled off), neutral (one off-queue activity for another).
enum class Impact : uint8_t { None, Positive, Negative, Neutral };
std::string_view ImpactName(Impact i);  // "none", "positive", ...
bool ParseImpact(std::string_view name, Impact* out);

struct AdherenceOptions {
    int64_t exception_threshold_ms = 60000;  // shorter deviations are not exceptions
    int64_t severe_threshold_ms = 600000;
    // Working (on queue) outside the scheduled shift counts as an exception too, and its time
    // as scheduled time (wfm_cases.md's second variant: 71.43 % instead of 83.33 %).
    bool count_outside_shift = false;
    bool operator==(const AdherenceOptions&) const = default;
};

// Real time: where an agent stands now against its schedule.
enum class LiveStatus : uint8_t { InAdherence, OutOfAdherence, Unscheduled, Unknown };
std::string_view LiveStatusName(LiveStatus s);  // "in_adherence", ...
bool ParseLiveStatus(std::string_view name, LiveStatus* out);
struct LiveAdherence {
    LiveStatus status = LiveStatus::Unknown;
    Impact impact = Impact::None;
    Activity scheduled = Activity::Off, actual = Activity::Off;
    int64_t since_ms = 0;   // the current deviation (or agreement) began
    bool counted = false;   // out of adherence for at least the exception threshold
    bool severe = false;    // out of adherence for at least the severe threshold
    bool operator==(const LiveAdherence&) const = default;
};

// ---- The schedule the engine is given (by the published roster, or the simulator) ----

// One agent's scheduled activities, by the agent's key (Directory::agents[i].key): any order,
// not overlapping, each ending after it starts. Activities of several days may be given.
struct AgentSchedule {
    std::string agent;
    std::vector<Planned> activities;
};
// Agents not listed are unscheduled. options: the thresholds of live adherence.
struct Schedule {
    std::vector<AgentSchedule> agents;
    AdherenceOptions options;
};

// The same by agent index (parallel to the directory's agents), each agent's activities sorted
// by start: what the engine keeps and what snapshots carry (today's activities only: those that
// overlap the day). set == false: no schedule was given (adherence is not shown at all).
struct DaySchedule {
    bool set = false;
    std::vector<std::vector<Planned>> agents;
    AdherenceOptions options;
    bool operator==(const DaySchedule&) const = default;
};

// Checks a schedule against the directory and gives it by agent index. False with *error naming
// the agent (and the activity by its position) for an unknown agent (unless skip_unknown: then
// its key is added to *skipped and it is left out), an agent listed twice, an activity that does
// not end after it starts or is "off", overlapping activities, or thresholds that are negative or
// a severe threshold below the exception threshold. Nothing is written to *out then.
bool ResolveSchedule(const Directory& directory, const Schedule& schedule, DaySchedule* out, std::string* error,
                     bool skip_unknown = false, std::vector<std::string>* skipped = nullptr);

// The activities of `all` that overlap [day_start_ms, day_end_ms) (whole, not cut at midnight).
DaySchedule ScheduleOfDay(const DaySchedule& all, int64_t day_start_ms, int64_t day_end_ms);

// The scheduled activity at t (Off when none), of activities sorted by start.
Activity ScheduledAt(const std::vector<Planned>& sorted, int64_t t_ms);
// The first time after t_ms at which the scheduled activity differs from the one at t_ms
// (INT64_MAX when it never changes again).
int64_t NextScheduledChange(const std::vector<Planned>& sorted, int64_t t_ms);

}  // namespace cb::wfm
