#include "server/live/demo_clock.h"

namespace cb {

int64_t DemoStartMs(int64_t wall_ms, int32_t tz_offset_min) {
    constexpr int64_t kDayMs = 86400000;
    constexpr int64_t kHourMs = 3600000;
    const int64_t offset_ms = static_cast<int64_t>(tz_offset_min) * 60000;
    const int64_t local_ms = wall_ms + offset_ms;
    int64_t local_day = local_ms / kDayMs;
    if (local_ms % kDayMs < 0) local_day -= 1;  // before 1970: floor, not truncate
    const int64_t day_start_utc = local_day * kDayMs - offset_ms;
    const int64_t time_of_day = local_ms - local_day * kDayMs;
    if (time_of_day >= kDemoOpenHour * kHourMs && time_of_day < kDemoCloseHour * kHourMs) {
        return wall_ms - wall_ms % 1000;
    }
    return day_start_utc + kDemoOpenHour * kHourMs;
}

}  // namespace cb
