// Team comparisons for the agent card: "never one number alone" - each agent figure is shown
// next to the median of the same figure over the agent's team.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>
#include "core/snapshot.h"

namespace cb {

// Median of the values; the mean of the two middle values for an even count; nullopt when
// there are none.
std::optional<double> Median(std::vector<double> values);

// Indices of the agents of `team` who worked today: logged in now, or logged-in time today.
void TeamPeers(const Snapshot& snapshot, uint16_t team, std::vector<uint32_t>* out);

// Time in each state today including the open spell of the current state (from its start or
// the start of the day, whichever is later), in ms, indexed by AgentState.
void StateTimesToday(const Snapshot& snapshot, const AgentLive& agent, int64_t now_ms,
                     int64_t out[static_cast<int>(AgentState::kCount)]);

}  // namespace cb
