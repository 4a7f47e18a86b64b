// Parsing the stable machine names of core enums (core/names.cpp gives the names): used by
// the store to read events back and by the event API to read requests. Each returns false
// for a name it does not know and leaves *out unchanged.
#pragma once
#include <string_view>
#include "core/events.h"
#include "core/snapshot.h"

namespace cb {

bool ParseEventKind(std::string_view name, EventKind* out);
bool ParseNotReadyReason(std::string_view name, NotReadyReason* out);
bool ParseExitReason(std::string_view name, ExitReason* out);
bool ParseOutcome(std::string_view name, Outcome* out);
bool ParseAgentStateName(std::string_view name, AgentState* out);  // AgentStateName's names

}  // namespace cb
