// Time zones: civil dates, POSIX rules (the same rules a TZif file's footer carries), local
// midnights on 23 h and 25 h days, local times skipped and repeated. TZif files themselves are
// read in tests/server/test_time_zone.cpp (the system's zoneinfo).
#include <doctest/doctest.h>

#include "core/tz.h"

using namespace cb;

namespace {
int64_t Utc(int y, int m, int d, int h = 0, int mi = 0) {
    return (DaysFromCivil({y, m, d}) * 86400 + h * 3600 + mi * 60) * 1000;
}
TimeZone Posix(const char* name, const char* rule) {
    TimeZone z;
    std::string error;
    REQUIRE(TimeZone::FromPosix(name, rule, &z, &error));
    return z;
}
}  // namespace

TEST_CASE("civil dates: days, weekdays, parsing") {
    CHECK(DaysFromCivil({1970, 1, 1}) == 0);
    CHECK(DaysFromCivil({2000, 3, 1}) == 11017);
    CHECK(DaysFromCivil({1969, 12, 31}) == -1);
    CHECK(CivilFromDays(11017) == CivilDate{2000, 3, 1});
    CHECK(CivilFromDays(-1) == CivilDate{1969, 12, 31});
    for (int64_t d = -800000; d < 800000; d += 997) CHECK(DaysFromCivil(CivilFromDays(d)) == d);
    CHECK(WeekdayOf({1970, 1, 1}) == 3);   // Thursday
    CHECK(WeekdayOf({2026, 12, 7}) == 0);  // Monday
    CHECK(WeekdayOf({1999, 1, 1}) == 4);   // Friday
    CivilDate d;
    CHECK(ParseCivilDate("2024-02-29", &d));
    CHECK(d == CivilDate{2024, 2, 29});
    CHECK_FALSE(ParseCivilDate("2023-02-29", &d));
    CHECK_FALSE(ParseCivilDate("2023-13-01", &d));
    CHECK_FALSE(ParseCivilDate("2023-1-01", &d));
    CHECK_FALSE(ParseCivilDate("yesterday", &d));
    CHECK(FormatCivilDate({1999, 3, 7}) == "1999-03-07");
}

TEST_CASE("fixed offsets: a day is always 24 h") {
    const TimeZone z = TimeZone::Fixed(480);
    CHECK(z.name() == "UTC+08:00");
    CHECK(TimeZone::Fixed(-330).name() == "UTC-05:30");
    CHECK(z.DayStart(Utc(2026, 1, 5, 3)) == Utc(2026, 1, 4, 16));
    CHECK(z.NextDayStart(Utc(2026, 1, 4, 16)) == Utc(2026, 1, 5, 16));
    CHECK(z.ToUtc({{2026, 1, 5}, 8, 0, 0, 0}) == Utc(2026, 1, 5, 0));
    CHECK(z.ToCivil(Utc(2026, 1, 5, 0)).hour == 8);
    CHECK(z.ChangesIn(Utc(2026, 1, 1), Utc(2027, 1, 1)).empty());
    CHECK(TimeZone().DayStart(Utc(1970, 1, 1, 5)) == 0);
}

TEST_CASE("a central European rule: 23 h in March, 25 h in October, skipped and repeated hours") {
    const TimeZone z = Posix("Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3");
    // 2026: daylight time from Sunday March 29 01:00 UTC to Sunday October 25 01:00 UTC.
    CHECK(z.OffsetMinutesAt(Utc(2026, 3, 29, 0, 59)) == 60);
    CHECK(z.OffsetMinutesAt(Utc(2026, 3, 29, 1, 0)) == 120);
    CHECK(z.OffsetMinutesAt(Utc(2026, 10, 25, 0, 59)) == 120);
    CHECK(z.OffsetMinutesAt(Utc(2026, 10, 25, 1, 0)) == 60);
    const int64_t mar29 = z.StartOfDate({2026, 3, 29});
    CHECK(mar29 == Utc(2026, 3, 28, 23));
    CHECK(z.NextDayStart(mar29) - mar29 == 23 * 3600000LL);
    const int64_t oct25 = z.StartOfDate({2026, 10, 25});
    CHECK(oct25 == Utc(2026, 10, 24, 22));
    CHECK(z.NextDayStart(oct25) - oct25 == 25 * 3600000LL);
    CHECK(z.DayStart(Utc(2026, 10, 25, 22, 59)) == oct25);
    CHECK(z.DayStart(Utc(2026, 10, 25, 23, 0)) == z.StartOfDate({2026, 10, 26}));
    // 02:30 on March 29 does not exist: the first instant after the gap (03:00 CEST).
    CHECK(z.ToUtc({{2026, 3, 29}, 2, 30, 0, 0}) == Utc(2026, 3, 29, 1));
    // 02:30 on October 25 exists twice: the earlier (CEST).
    CHECK(z.ToUtc({{2026, 10, 25}, 2, 30, 0, 0}) == Utc(2026, 10, 25, 0, 30));
    CHECK(z.ToCivil(Utc(2026, 10, 25, 1, 30)).hour == 2);  // the second 02:30 (CET)
    const auto changes = z.ChangesIn(Utc(2026, 1, 1), Utc(2027, 1, 1));
    REQUIRE(changes.size() == 2);
    CHECK(changes[0] == std::pair<int64_t, int32_t>{Utc(2026, 3, 29, 1), 120});
    CHECK(changes[1] == std::pair<int64_t, int32_t>{Utc(2026, 10, 25, 1), 60});
    // Far ahead: the rule still holds (last Sunday of March 2050 is the 27th).
    CHECK(z.OffsetMinutesAt(Utc(2050, 3, 27, 1, 0)) == 120);
    CHECK(z.OffsetMinutesAt(Utc(2050, 3, 27, 0, 59)) == 60);
}

TEST_CASE("southern hemisphere, US, half-hour and unusual rule times") {
    const TimeZone syd = Posix("Australia/Sydney", "AEST-10AEDT,M10.1.0,M4.1.0/3");
    CHECK(syd.OffsetMinutesAt(Utc(2026, 1, 15)) == 660);   // summer: daylight time
    CHECK(syd.OffsetMinutesAt(Utc(2026, 7, 15)) == 600);
    const int64_t apr5 = syd.StartOfDate({2026, 4, 5});   // daylight time ends at 03:00 local
    CHECK(syd.NextDayStart(apr5) - apr5 == 25 * 3600000LL);
    const TimeZone ny = Posix("America/New_York", "EST5EDT,M3.2.0,M11.1.0");
    const int64_t mar8 = ny.StartOfDate({2026, 3, 8});
    CHECK(mar8 == Utc(2026, 3, 8, 5));
    CHECK(ny.NextDayStart(mar8) - mar8 == 23 * 3600000LL);
    const TimeZone kolkata = Posix("Asia/Kolkata", "IST-5:30");
    CHECK(kolkata.StartOfDate({2026, 1, 5}) == Utc(2026, 1, 4, 18, 30));
    // Jerusalem: daylight time starts the Friday before the last Sunday of March at 02:00
    // (written as day 4 of week 4, 26:00 = the Friday).
    const TimeZone jer = Posix("Asia/Jerusalem", "IST-2IDT,M3.4.4/26,M10.5.0");
    CHECK(jer.OffsetMinutesAt(Utc(2026, 3, 27, 0, 30)) == 180);  // Friday March 27, 02:30 local
    CHECK(jer.OffsetMinutesAt(Utc(2026, 3, 26, 23, 30)) == 120);
    // A zone changing at midnight: the day starts when the gap ends (01:00).
    const TimeZone gap = Posix("Test/Midnight", "<-04>4<-03>,M9.1.6/24,M4.1.6/24");
    const int64_t start = gap.StartOfDate({2026, 9, 6});
    CHECK(gap.ToCivil(start).hour == 1);
    std::string error;
    TimeZone bad;
    CHECK_FALSE(TimeZone::FromPosix("x", "CET-1CEST,M13.5.0,M10.5.0", &bad, &error));
    CHECK(error.find("POSIX TZ rule") != std::string::npos);
    CHECK_FALSE(TimeZone::FromTzif("x", "not tzif", &bad, &error));
    CHECK(error == "time zone 'x': not TZif data");
}
