// The published schedule by agent index, checked (schedule.h).
#include "schedule.h"

#include <algorithm>
#include <climits>
#include <unordered_map>

namespace cb::wfm {
namespace {

std::string Where(const AgentSchedule& a, size_t i) {
    return "agent '" + a.agent + "', activity " + std::to_string(i + 1);
}

}  // namespace

bool ResolveSchedule(const Directory& directory, const Schedule& schedule, DaySchedule* out, std::string* error,
                     bool skip_unknown, std::vector<std::string>* skipped) {
    auto fail = [&](const std::string& why) {
        if (error) *error = why;
        return false;
    };
    const AdherenceOptions& o = schedule.options;
    if (o.exception_threshold_ms < 0) return fail("exception threshold: must be at least 0 s");
    if (o.severe_threshold_ms < o.exception_threshold_ms)
        return fail("severe threshold: must be at least the exception threshold");
    std::unordered_map<std::string, uint32_t> index;
    index.reserve(directory.agents.size());
    for (uint32_t i = 0; i < directory.agents.size(); ++i) index.emplace(directory.agents[i].key, i);

    DaySchedule resolved;
    resolved.set = true;
    resolved.options = o;
    resolved.agents.resize(directory.agents.size());
    std::vector<bool> seen(directory.agents.size(), false);
    for (const AgentSchedule& a : schedule.agents) {
        const auto it = index.find(a.agent);
        if (it == index.end()) {
            if (skip_unknown) {
                if (skipped) skipped->push_back(a.agent);
                continue;
            }
            return fail("agent '" + a.agent + "': not in the directory");
        }
        if (seen[it->second]) return fail("agent '" + a.agent + "': listed twice");
        seen[it->second] = true;
        std::vector<size_t> order(a.activities.size());
        for (size_t i = 0; i < order.size(); ++i) {
            const Planned& p = a.activities[i];
            order[i] = i;
            if (p.end_ms <= p.start_ms) return fail(Where(a, i) + ": ends at or before it starts");
            if (p.activity == Activity::Off || p.activity >= Activity::kCount)
                return fail(Where(a, i) + ": the activity must be on_queue, break, lunch, meeting, training or other");
        }
        std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
            return a.activities[x].start_ms < a.activities[y].start_ms;
        });
        std::vector<Planned>& sorted = resolved.agents[it->second];
        for (size_t k = 0; k < order.size(); ++k) {
            const Planned& p = a.activities[order[k]];
            if (k > 0 && p.start_ms < sorted.back().end_ms) {
                return fail(Where(a, order[k]) + ": overlaps activity " + std::to_string(order[k - 1] + 1));
            }
            sorted.push_back(p);
        }
    }
    *out = std::move(resolved);
    return true;
}

DaySchedule ScheduleOfDay(const DaySchedule& all, int64_t day_start_ms, int64_t day_end_ms) {
    DaySchedule day;
    day.set = all.set;
    day.options = all.options;
    day.agents.resize(all.agents.size());
    for (size_t i = 0; i < all.agents.size(); ++i) {
        for (const Planned& p : all.agents[i]) {
            if (p.end_ms > day_start_ms && p.start_ms < day_end_ms) day.agents[i].push_back(p);
        }
    }
    return day;
}

Activity ScheduledAt(const std::vector<Planned>& sorted, int64_t t) {
    // The last activity starting at or before t holds t if it has not ended (no overlaps).
    auto it = std::upper_bound(sorted.begin(), sorted.end(), t, [](int64_t v, const Planned& p) { return v < p.start_ms; });
    if (it == sorted.begin()) return Activity::Off;
    --it;
    return t < it->end_ms ? it->activity : Activity::Off;
}

int64_t NextScheduledChange(const std::vector<Planned>& sorted, int64_t t) {
    const Activity now = ScheduledAt(sorted, t);
    // Every start and end after t, in time order (the activities do not overlap): the first at
    // which the scheduled activity differs.
    auto it = std::upper_bound(sorted.begin(), sorted.end(), t, [](int64_t v, const Planned& p) { return v < p.start_ms; });
    if (it != sorted.begin() && (it - 1)->end_ms > t) --it;  // the activity holding t: its end
    for (; it != sorted.end(); ++it) {
        for (const int64_t at : {it->start_ms, it->end_ms}) {
            if (at > t && ScheduledAt(sorted, at) != now) return at;
        }
    }
    return INT64_MAX;
}

}  // namespace cb::wfm
