// When a demo's simulated day starts. The simulated center is open 08:00-20:00 center local
// time (UTC+8). Started during opening hours, the demo runs on the real local time of day so
// the dashboard's clock matches the wall; started outside them, it starts at today's 08:00.
#pragma once
#include <cstdint>

namespace cb {

inline constexpr int kDemoOpenHour = 8;
inline constexpr int kDemoCloseHour = 20;

// wall_ms: now, Unix ms (UTC). Returns the simulated start time, Unix ms (UTC), whole seconds.
int64_t DemoStartMs(int64_t wall_ms, int32_t tz_offset_min);
// Simulated time after `elapsed_wall_ms` of real time at `speed` x.
inline int64_t DemoSimTime(int64_t start_ms, int64_t elapsed_wall_ms, int speed) {
    return start_ms + elapsed_wall_ms * speed;
}

}  // namespace cb
