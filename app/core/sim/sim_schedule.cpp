// The simulated center's published schedule (sim_model.h): the plan of each agent's day as a
// workforce planner would publish it, before anything happens.
#include <algorithm>
#include "sim_model.h"

namespace cb::sim {
namespace {

bool ScheduledActivity(NotReadyReason reason, wfm::Activity* out) {
    switch (reason) {
    case NotReadyReason::Break: *out = wfm::Activity::Break; return true;
    case NotReadyReason::Lunch: *out = wfm::Activity::Lunch; return true;
    case NotReadyReason::Training:
    case NotReadyReason::Coaching: *out = wfm::Activity::Training; return true;
    case NotReadyReason::Meeting: *out = wfm::Activity::Meeting; return true;
    default: return false;  // personal minutes, escalations: not planned
    }
}

}  // namespace

wfm::Schedule PublishedSchedule(const SimModel& model, int64_t day, const std::vector<AgentDayPlan>& plans) {
    wfm::Schedule schedule;
    const int64_t day_start = LocalDayStartMs(day, model.config.tz_offset_min);
    for (size_t i = 0; i < plans.size() && i < model.directory.agents.size(); ++i) {
        const AgentDayPlan& plan = plans[i];
        if (!plan.works) continue;
        const int64_t shift_start = day_start + model.profiles[i].shift_start_min * kMinuteMs;
        const int64_t shift_end = shift_start + model.profiles[i].shift_minutes * kMinuteMs;
        wfm::AgentSchedule agent;
        agent.agent = model.directory.agents[i].key;
        int64_t t = shift_start;
        for (const Activity& act : plan.activities) {
            wfm::Activity activity;
            if (!ScheduledActivity(act.reason, &activity)) continue;
            // Planned on the minute; the plan's start carries up to a minute of human delay.
            const int64_t start = std::max(t, act.start_ms - (act.start_ms - day_start) % kMinuteMs);
            const int64_t end = std::min(shift_end, start + act.duration_ms);
            if (end <= start) continue;
            if (start > t) agent.activities.push_back({t, start, wfm::Activity::OnQueue});
            agent.activities.push_back({start, end, activity});
            t = end;
        }
        if (shift_end > t) agent.activities.push_back({t, shift_end, wfm::Activity::OnQueue});
        schedule.agents.push_back(std::move(agent));
    }
    return schedule;
}

}  // namespace cb::sim
