// Dates and wall-clock times of per-call records (docs/ingest.md, "Per-call records"): a small
// strftime-like pattern ("%y%m%d", "%H:%M:%S", "%Y-%m-%d %H:%M:%S.%f") and the instants a local
// time names in an IANA zone (none in the hour skipped when daylight saving time starts, two in
// the hour repeated when it ends). No I/O.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "core/tz.h"

namespace cb {

// A compiled pattern. Directives: %Y (4-digit year), %y (2 digits: 70-99 are 1970-1999, 00-69
// are 2000-2069), %m, %d, %H, %M, %S (1 or 2 digits; exactly 2 next to another directive with
// no separator between), %f (1-9 digits of a second's fraction, kept to the millisecond), %% (a '%'). Any other
// character must appear as written.
class CdrTimeFormat {
public:
    // False with why for an unknown directive or a field given twice.
    static bool Compile(std::string_view pattern, CdrTimeFormat* out, std::string* error);

    bool has_date() const { return m_has_date; }  // %Y or %y, %m and %d
    bool has_time() const { return m_has_time; }  // %H and %M
    bool has_any_date_part() const { return m_any_date; }
    bool has_any_time_part() const { return m_any_time; }
    const std::string& pattern() const { return m_pattern; }

    // Parses text against the pattern. Parts the pattern lacks stay as in *out. False when the
    // text does not match or a value is out of range (month 13, 31 April, hour 24, minute 60).
    bool Parse(std::string_view text, CivilTime* out) const;

private:
    struct Token {
        char directive = 0;  // 0: the literal character
        char literal = 0;
    };
    std::string m_pattern;
    std::vector<Token> m_tokens;
    bool m_has_date = false, m_has_time = false, m_any_date = false, m_any_time = false;
};

// The UTC instants at which `zone` shows the local time `local`, earliest first: usually one;
// none when that local time is skipped (clocks moved forward); two when it is repeated (clocks
// moved back).
std::vector<int64_t> LocalInstants(const TimeZone& zone, const CivilTime& local);

// "1999-01-05 23:59:34" (seconds; ".250" when there are milliseconds).
std::string FormatCivilTime(const CivilTime& t);

}  // namespace cb
