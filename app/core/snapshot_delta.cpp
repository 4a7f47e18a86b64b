// Deltas between snapshots of one center (see snapshot_delta.h).
#include "snapshot_delta.h"

#include "counting.h"
#include "tz.h"

#include <algorithm>

namespace cb {
namespace {

// How far agents' open spells advance between two snapshots of one day: the engine counts open
// spells up to now, never past the end of the day.
int64_t OpenSpellAdvance(int64_t day_end, int64_t before_now_ms, int64_t after_now_ms) {
    return std::max<int64_t>(0, std::min(after_now_ms, day_end) - std::min(before_now_ms, day_end));
}

int64_t DayEnd(const Snapshot& s) { return s.day_end_ms > s.day_start_ms ? s.day_end_ms : s.day_start_ms + kMsPerDay; }

}  // namespace

int32_t LocalOffsetMin(const Snapshot& s, int64_t utc_ms) {
    int32_t offset = s.tz_offset_min;
    for (const auto& [from, minutes] : s.tz_offsets) {
        if (from > utc_ms) break;
        offset = minutes;
    }
    if (!s.tz_offsets.empty() && utc_ms < s.tz_offsets.front().first) offset = s.tz_offsets.front().second;
    return offset;
}

void AccrueOpenSpell(AgentLive* a, int64_t ms) {
    const AgentState st = a->state;
    if (st == AgentState::LoggedOut || ms <= 0) return;
    a->state_ms_today[static_cast<int>(st)] += ms;
    if (st == AgentState::NotReady) a->reason_ms_today[static_cast<int>(a->reason)] += ms;
    AddStateTime(&a->today, st, ms);
}

bool SameShape(const Snapshot& a, const Snapshot& b) {
    return a.directory.queues.size() == b.directory.queues.size() &&
           a.directory.teams.size() == b.directory.teams.size() &&
           a.directory.agents.size() == b.directory.agents.size() &&
           a.day_start_ms == b.day_start_ms && a.day_end_ms == b.day_end_ms && a.interval_minutes == b.interval_minutes &&
           a.tz_offset_min == b.tz_offset_min && a.tz_name == b.tz_name && a.tz_offsets == b.tz_offsets &&
           a.source == b.source && a.schedule == b.schedule &&
           a.agents.size() == b.agents.size() && a.intervals.size() == b.intervals.size();
}

SnapshotDelta MakeDelta(const Snapshot& before, const Snapshot& after) {
    SnapshotDelta d;
    d.base_version = before.version;
    d.version = after.version;
    d.now_ms = after.now_ms;
    d.day_start_ms = after.day_start_ms;
    d.demo = after.demo;
    // An agent whose only change is its open spell ticking on is left out: the client
    // advances it the same way (ApplyDelta).
    const int64_t advance = OpenSpellAdvance(DayEnd(after), before.now_ms, after.now_ms);
    for (uint32_t i = 0; i < after.agents.size(); ++i) {
        if (i < before.agents.size()) {
            AgentLive predicted = before.agents[i];
            AccrueOpenSpell(&predicted, advance);
            if (predicted == after.agents[i]) continue;
        }
        d.agents.emplace_back(i, after.agents[i]);
    }
    d.queues = after.queues;
    d.teams = after.teams;
    d.interval_first_row.resize(after.intervals.size());
    d.interval_rows.resize(after.intervals.size());
    for (size_t q = 0; q < after.intervals.size(); ++q) {
        const auto& old_rows = q < before.intervals.size() ? before.intervals[q] : std::vector<IntervalRow>{};
        const auto& new_rows = after.intervals[q];
        size_t first = 0;
        while (first < new_rows.size() && first < old_rows.size() && old_rows[first] == new_rows[first]) ++first;
        d.interval_first_row[q] = static_cast<uint32_t>(first);
        d.interval_rows[q].assign(new_rows.begin() + static_cast<std::ptrdiff_t>(first), new_rows.end());
    }
    return d;
}

bool ApplyDelta(const SnapshotDelta& d, Snapshot* s) {
    if (d.base_version != s->version || d.day_start_ms != s->day_start_ms) return false;
    if (d.queues.size() != s->queues.size() || d.teams.size() != s->teams.size()) return false;
    if (d.interval_rows.size() != s->intervals.size() || d.interval_first_row.size() != s->intervals.size()) return false;
    for (const auto& [index, agent] : d.agents)
        if (index >= s->agents.size()) return false;
    for (size_t q = 0; q < d.interval_rows.size(); ++q)
        if (d.interval_first_row[q] > s->intervals[q].size()) return false;
    const int64_t advance = OpenSpellAdvance(DayEnd(*s), s->now_ms, d.now_ms);
    for (AgentLive& agent : s->agents) AccrueOpenSpell(&agent, advance);
    s->version = d.version;
    s->now_ms = d.now_ms;
    s->demo = d.demo;
    for (const auto& [index, agent] : d.agents) s->agents[index] = agent;
    s->queues = d.queues;
    s->teams = d.teams;
    for (size_t q = 0; q < d.interval_rows.size(); ++q) {
        auto& rows = s->intervals[q];
        rows.resize(d.interval_first_row[q]);
        rows.insert(rows.end(), d.interval_rows[q].begin(), d.interval_rows[q].end());
    }
    return true;
}

}  // namespace cb
