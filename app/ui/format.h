// Number and time formatting shared by the views. Pure functions, tested headless.
#pragma once
#include <cstdint>
#include <string>
#include "core/kpi.h"

namespace cb {

std::string FormatDuration(int64_t ms);          // "42 s" style compact: "0:42", "12:05", "1:02:03"
std::string FormatPercent(const Ratio& r);       // "81.9 %" or "-" when not valid
std::string FormatSeconds(const Mean& m);        // mean of ms as seconds: "37 s" or "-"
std::string FormatClock(int64_t utc_ms, int32_t tz_offset_min, bool seconds = true);  // "12:04:11"
std::string FormatMoney(int64_t cents);          // "¥12,345"
std::string FormatDateTime(int64_t utc_ms, int32_t tz_offset_min);  // "2026-01-05 12:04"

}  // namespace cb
