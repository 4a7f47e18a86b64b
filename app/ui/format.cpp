// Formatting (format.h).
#include "format.h"

#include <cstdio>

namespace cb {

void FormatDurationTo(char* buf, size_t size, int64_t ms, const I18n& tr, DurationStyle style) {
    if (ms < 0) ms = 0;
    if (style == DurationStyle::Timer) {
        const long long s = ms / 1000;
        if (s >= 3600) std::snprintf(buf, size, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
        else std::snprintf(buf, size, "%lld:%02lld", s / 60, s % 60);
        return;
    }
    const long long s = (ms + 500) / 1000;
    if (s < 60) std::snprintf(buf, size, tr(Str::DurSecondsFmt), s);
    else if (s < 3600 && s % 60) std::snprintf(buf, size, tr(Str::DurMinutesSecondsFmt), s / 60, s % 60);
    else if (s < 3600) std::snprintf(buf, size, tr(Str::DurMinutesFmt), s / 60);
    else if (s / 60 % 60) std::snprintf(buf, size, tr(Str::DurHoursMinutesFmt), s / 3600, s / 60 % 60);
    else std::snprintf(buf, size, tr(Str::DurHoursFmt), s / 3600);
}

std::string FormatDuration(int64_t ms, const I18n& tr, DurationStyle style) {
    char buf[64];
    FormatDurationTo(buf, sizeof buf, ms, tr, style);
    return buf;
}

std::string FormatMeanDuration(const Mean& m, const I18n& tr) {
    if (!m.valid) return "-";
    return FormatDuration(static_cast<int64_t>(m.value + 0.5), tr, DurationStyle::Words);
}

std::string FormatPercent(const Ratio& r) {
    if (!r.valid) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", r.value * 100.0);
    return buf;
}

std::string FormatClock(int64_t utc_ms, int32_t tz_offset_min, bool seconds) {
    const int64_t day = 86400;
    int64_t local_s = utc_ms / 1000 + int64_t(tz_offset_min) * 60;
    int64_t tod = ((local_s % day) + day) % day;
    char buf[16];
    if (seconds) std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", (long long)(tod / 3600), (long long)(tod / 60 % 60), (long long)(tod % 60));
    else std::snprintf(buf, sizeof buf, "%02lld:%02lld", (long long)(tod / 3600), (long long)(tod / 60 % 60));
    return buf;
}

std::string FormatDateTime(int64_t utc_ms, int32_t tz_offset_min) {
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    const int64_t local_s = utc_ms / 1000 + int64_t(tz_offset_min) * 60 - (utc_ms % 1000 < 0 ? 1 : 0);
    int64_t days = local_s >= 0 ? local_s / 86400 : (local_s - 86399) / 86400;
    const int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp + (mp < 10 ? 3 : -9);
    const int64_t y = yoe + era * 400 + (m <= 2);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %s", (long long)y, (long long)m, (long long)d,
                  FormatClock(utc_ms, tz_offset_min, false).c_str());
    return buf;
}

std::string FormatMoney(int64_t cents) {
    int64_t units = cents / 100;
    std::string digits = std::to_string(units < 0 ? -units : units);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return std::string(units < 0 ? "-" : "") + "\xC2\xA5" + out;  // ¥
}

}  // namespace cb
