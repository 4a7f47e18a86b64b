#include "server/base/event_names.h"

namespace cb {
namespace {

template <typename E, typename NameFn>
bool ParseByName(std::string_view name, int count, NameFn name_of, E* out) {
    for (int i = 0; i < count; ++i) {
        if (name_of(static_cast<E>(i)) == name) {
            *out = static_cast<E>(i);
            return true;
        }
    }
    return false;
}

}  // namespace

bool ParseEventKind(std::string_view name, EventKind* out) {
    return ParseByName(name, static_cast<int>(EventKind::kCount), EventKindName, out);
}
bool ParseNotReadyReason(std::string_view name, NotReadyReason* out) {
    return ParseByName(name, static_cast<int>(NotReadyReason::kCount), NotReadyReasonName, out);
}
bool ParseExitReason(std::string_view name, ExitReason* out) {
    return ParseByName(name, static_cast<int>(ExitReason::Other) + 1, ExitReasonName, out);
}
bool ParseOutcome(std::string_view name, Outcome* out) {
    return ParseByName(name, static_cast<int>(Outcome::kCount), OutcomeName, out);
}

}  // namespace cb

namespace cb {

bool ParseAgentStateName(std::string_view name, AgentState* out) {
    return ParseByName(name, static_cast<int>(AgentState::kCount), AgentStateName, out);
}

}  // namespace cb
