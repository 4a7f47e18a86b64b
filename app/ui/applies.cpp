// What applies (applies.h).
#include "applies.h"

namespace cb {

bool TeamShown(const Snapshot& s, size_t team) {
    for (const AgentInfo& a : s.directory.agents)
        if (a.team == team) return true;
    return false;
}

std::vector<size_t> ShownTeams(const Snapshot& s) {
    std::vector<char> has(s.directory.teams.size(), 0);
    for (const AgentInfo& a : s.directory.agents)
        if (a.team < has.size()) has[a.team] = 1;
    std::vector<size_t> out;
    for (size_t t = 0; t < has.size(); ++t)
        if (has[t]) out.push_back(t);
    return out;
}

std::vector<size_t> TvTeams(const Snapshot& s) {
    std::vector<size_t> out;
    for (size_t t : ShownTeams(s)) {
        if (t >= s.teams.size()) continue;
        const TeamLive& live = s.teams[t];
        if (live.agents_logged_in > 0 || live.today.staffed_ms > 0 || live.today.handled > 0) out.push_back(t);
    }
    return out;
}

SourceFigures FiguresOf(const Snapshot& s) {
    // Queue and team totals are whole in every scope (docs/auth.md), so every role decides alike.
    SourceFigures f;
    auto add = [&f](const KpiCounts& c) {
        f.orders = f.orders || c.orders > 0 || c.order_value_cents > 0;
        f.hold = f.hold || c.hold_ms > 0;
    };
    for (const QueueLive& q : s.queues) add(q.today);
    for (const TeamLive& t : s.teams) add(t.today);
    for (const AgentLive& a : s.agents) f.hold = f.hold || a.state == AgentState::OnHold;
    for (const AgentInfo& a : s.directory.agents) f.tenure = f.tenure || a.tenure_months > 0;
    return f;
}

}  // namespace cb
