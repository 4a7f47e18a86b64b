// Number and time formatting shared by the views. Pure functions, tested headless. Every
// duration on screen goes through FormatDuration / FormatDurationTo, in the UI's language.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include "core/kpi.h"
#include "i18n.h"

namespace cb {

enum class DurationStyle : uint8_t {
    Timer,   // a running clock: "0:42", "12:05", "1:02:03" (time in state, a call, a wait)
    Words,   // an amount or a limit: "42 s", "5 min 8 s", "1 h 2 min" / "42 秒", "5 分 8 秒", "1 小时 2 分"
};

// The one duration format. Negative durations print as zero; Words rounds to the second and
// leaves out the seconds from an hour on.
std::string FormatDuration(int64_t ms, const I18n& tr, DurationStyle style = DurationStyle::Words);
// The same into buf (no allocation: the floor formats thousands of seats a frame).
void FormatDurationTo(char* buf, size_t size, int64_t ms, const I18n& tr, DurationStyle style);
// A mean of milliseconds (ASA, AHT, averages) in words, or "-" when it has no calls behind it.
std::string FormatMeanDuration(const Mean& m, const I18n& tr);
std::string FormatPercent(const Ratio& r);       // "81.9%" or "-" when not valid
std::string FormatClock(int64_t utc_ms, int32_t tz_offset_min, bool seconds = true);  // "12:04:11"
std::string FormatMoney(int64_t cents);          // "¥12,345"
std::string FormatDateTime(int64_t utc_ms, int32_t tz_offset_min);  // "2026-01-05 12:04"

}  // namespace cb
