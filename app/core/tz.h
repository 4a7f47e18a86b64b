// The center's time zone: an IANA zone (Asia/Shanghai, Europe/Berlin) read from its TZif data,
// or a fixed offset. Days run from local midnight to the next local midnight, so a day is 23 h
// or 25 h long when daylight saving time starts or ends (docs/metrics.md, "Days, intervals and
// the time zone"). Plain computation on bytes the caller provides (the server reads them from
// the system's zoneinfo); no files, no clocks, no global state. Compiles to WebAssembly.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cb {

inline constexpr int64_t kMsPerDay = 86400000;

struct CivilDate {
    int32_t year = 1970;
    int32_t month = 1;  // 1-12
    int32_t day = 1;    // 1-31
    bool operator==(const CivilDate&) const = default;
    auto operator<=>(const CivilDate&) const = default;
};

struct CivilTime {
    CivilDate date;
    int32_t hour = 0, minute = 0, second = 0, ms = 0;
    bool operator==(const CivilTime&) const = default;
};

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
int64_t DaysFromCivil(const CivilDate& d);
CivilDate CivilFromDays(int64_t days);
int WeekdayOf(const CivilDate& d);  // 0 = Monday ... 6 = Sunday (ISO)
bool ParseCivilDate(std::string_view text, CivilDate* out);  // "YYYY-MM-DD", a real date
std::string FormatCivilDate(const CivilDate& d);            // "YYYY-MM-DD"

class TimeZone {
public:
    // UTC.
    TimeZone();
    // A fixed offset from UTC in minutes (local = UTC + offset), -1440 < offset < 1440.
    static TimeZone Fixed(int32_t offset_min);
    // An IANA zone from its TZif file's bytes (RFC 8536, versions 1-4; the footer's POSIX TZ
    // rule covers times after the last transition). False with why for damaged data.
    static bool FromTzif(std::string name, std::string_view tzif, TimeZone* out, std::string* error);
    // A zone from a POSIX TZ string alone ("CET-1CEST,M3.5.0,M10.5.0/3").
    static bool FromPosix(std::string name, std::string_view rule, TimeZone* out, std::string* error);

    // "Asia/Shanghai", or "UTC+08:00" for a fixed offset.
    const std::string& name() const { return m_name; }
    bool is_fixed() const { return m_fixed; }
    int32_t fixed_offset_min() const { return static_cast<int32_t>(m_fixed_offset_s / 60); }

    int32_t OffsetSecondsAt(int64_t utc_ms) const;  // local = UTC + offset
    int32_t OffsetMinutesAt(int64_t utc_ms) const { return OffsetSecondsAt(utc_ms) / 60; }
    CivilTime ToCivil(int64_t utc_ms) const;
    // The UTC instant of a local time. A local time that does not exist (the hour skipped when
    // daylight saving time starts) gives the first instant after the gap; one that exists twice
    // (the hour repeated when it ends) gives the earlier.
    int64_t ToUtc(const CivilTime& local) const;
    // The first instant of a local date (its midnight, or the end of a gap at midnight).
    int64_t StartOfDate(const CivilDate& date) const;
    // Local midnight (as UTC ms) of the local date holding utc_ms, and of the next date.
    int64_t DayStart(int64_t utc_ms) const;
    int64_t NextDayStart(int64_t day_start_ms) const;
    CivilDate DateOf(int64_t utc_ms) const { return ToCivil(utc_ms).date; }

    // Where the offset changes in [from_ms, to_ms): (instant, new offset in minutes), in order.
    std::vector<std::pair<int64_t, int32_t>> ChangesIn(int64_t from_ms, int64_t to_ms) const;

    // A POSIX TZ rule: standard offset, and optionally a daylight offset with the local dates
    // and times it starts and ends each year.
    struct RuleDate {
        char kind = 'M';       // 'M': month.week.weekday, 'J': Julian day 1-365, 'N': day 0-365
        int32_t month = 1, week = 1, weekday = 0, day = 0;
        int32_t time_s = 7200; // local time of the change, may be negative or past 24 h
    };
    struct Rule {
        int32_t std_offset_s = 0;
        bool has_dst = false;
        int32_t dst_offset_s = 0;
        RuleDate start, end;
    };

private:
    struct Transition {
        int64_t at_s = 0;
        int32_t offset_s = 0;
    };
    int32_t OffsetSecondsAtS(int64_t utc_s) const;
    int64_t NextChangeAfterS(int64_t utc_s) const;  // first change instant > utc_s, INT64_MAX if none

    std::string m_name = "UTC";
    bool m_fixed = true;
    int64_t m_fixed_offset_s = 0;
    int32_t m_initial_offset_s = 0;         // before the first transition
    std::vector<Transition> m_transitions;  // ascending
    bool m_has_rule = false;                // m_rule applies after the last transition
    Rule m_rule;
};

}  // namespace cb
