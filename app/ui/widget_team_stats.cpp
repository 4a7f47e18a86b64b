// Team comparisons (widget_team_stats.h).
#include "widget_team_stats.h"

#include <algorithm>

namespace cb {

std::optional<double> Median(std::vector<double> values) {
    if (values.empty()) return std::nullopt;
    const size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + long(mid), values.end());
    const double upper = values[mid];
    if (values.size() % 2) return upper;
    const double lower = *std::max_element(values.begin(), values.begin() + long(mid));
    return (lower + upper) / 2.0;
}

void TeamPeers(const Snapshot& s, uint16_t team, std::vector<uint32_t>* out) {
    out->clear();
    for (size_t i = 0; i < s.directory.agents.size() && i < s.agents.size(); ++i) {
        if (s.directory.agents[i].team != team) continue;
        const AgentLive& a = s.agents[i];
        if (a.state != AgentState::LoggedOut || a.today.staffed_ms > 0) out->push_back(uint32_t(i));
    }
}

void StateTimesToday(const Snapshot& s, const AgentLive& a, int64_t now_ms, int64_t out[static_cast<int>(AgentState::kCount)]) {
    for (int i = 0; i < static_cast<int>(AgentState::kCount); ++i) out[i] = a.state_ms_today[i];
    if (a.state != AgentState::LoggedOut && a.state_since_ms) {
        const int64_t from = std::max(a.state_since_ms, s.day_start_ms);
        if (now_ms > from) out[static_cast<int>(a.state)] += now_ms - from;
    }
}

}  // namespace cb
