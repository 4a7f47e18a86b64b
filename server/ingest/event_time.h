// The times an event may have, whatever brings it in (the event API, queue_log files and
// realtime exports): from 1970-01-01T00:00:00Z up to, not including, 2100-01-01T00:00:00Z
// (docs/ingest.md, "Event times"). Archives go back decades; a time past 2099 is a unit
// mistake (microseconds for milliseconds) or a clock gone wrong, not a call.
#pragma once
#include <cstdint>
#include <string_view>

namespace cb {

inline constexpr int64_t kEventTimeMinMs = 0;              // 1970-01-01T00:00:00Z
inline constexpr int64_t kEventTimeEndMs = 4102444800000;  // 2100-01-01T00:00:00Z, not included
inline constexpr std::string_view kEventTimeRangeText = "1970-01-01T00:00:00Z to 2099-12-31T23:59:59.999Z";

// The longest wait or ring time an event may state: one day. The event API refuses more; a
// queue_log line stating more is taken as one day.
inline constexpr int64_t kMaxStatedDurationMs = 86400000;

constexpr bool EventTimeAccepted(int64_t t_ms) { return t_ms >= kEventTimeMinMs && t_ms < kEventTimeEndMs; }
// The same for whole seconds (queue_log's epoch), without overflowing on huge numbers.
constexpr bool EventSecondsAccepted(int64_t t_s) { return t_s >= 0 && t_s < kEventTimeEndMs / 1000; }

}  // namespace cb
