// Formatting (format.h).
#include "format.h"

#include <cstdio>

namespace cb {

std::string FormatDuration(int64_t ms) {
    if (ms < 0) ms = 0;
    int64_t s = ms / 1000;
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", (long long)(s / 3600), (long long)(s / 60 % 60), (long long)(s % 60));
    else std::snprintf(buf, sizeof buf, "%lld:%02lld", (long long)(s / 60), (long long)(s % 60));
    return buf;
}

std::string FormatPercent(const Ratio& r) {
    if (!r.valid) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", r.value * 100.0);
    return buf;
}

std::string FormatSeconds(const Mean& m) {
    if (!m.valid) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f s", m.value / 1000.0);
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
