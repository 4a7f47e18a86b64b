// Time zones read from the system's time zone database (tzdata): IANA names, DST days,
// historical offsets, and errors that say what and where.
#include <doctest/doctest.h>

#include "server/base/time_zone.h"

using namespace cb;

namespace {
int64_t Utc(int y, int m, int d, int h = 0, int mi = 0) {
    return (DaysFromCivil({y, m, d}) * 86400 + h * 3600 + mi * 60) * 1000;
}
TimeZone Load(const char* name) {
    Result<TimeZone> z = LoadTimeZone(name);
    const std::string why = z.ok() ? std::string() : z.status().message();
    INFO(why);
    REQUIRE(z.ok());
    return z.value();
}
}  // namespace

TEST_CASE("IANA zones from the system's database: offsets and day lengths") {
    const TimeZone berlin = Load("Europe/Berlin");
    CHECK(berlin.name() == "Europe/Berlin");
    CHECK_FALSE(berlin.is_fixed());
    const int64_t mar29 = berlin.StartOfDate({2026, 3, 29});
    CHECK(berlin.NextDayStart(mar29) - mar29 == 23 * 3600000LL);
    const int64_t oct25 = berlin.StartOfDate({2026, 10, 25});
    CHECK(berlin.NextDayStart(oct25) - oct25 == 25 * 3600000LL);
    CHECK(berlin.OffsetMinutesAt(Utc(2026, 7, 1)) == 120);
    CHECK(berlin.OffsetMinutesAt(Utc(2060, 7, 1)) == 120);  // past the table: the footer's rule
    CHECK(berlin.OffsetMinutesAt(Utc(2060, 1, 1)) == 60);
    const TimeZone shanghai = Load("Asia/Shanghai");
    CHECK(shanghai.OffsetMinutesAt(Utc(2026, 7, 1)) == 480);
    CHECK(shanghai.StartOfDate({2026, 1, 5}) == Utc(2026, 1, 4, 16));
    CHECK(shanghai.ChangesIn(Utc(2026, 1, 1), Utc(2027, 1, 1)).empty());
    CHECK(shanghai.OffsetMinutesAt(Utc(1988, 7, 1)) == 540);  // China kept daylight time 1986-1991
    // The bank data's zone in early 1999: standard time (+02:00); daylight time began April 2.
    const TimeZone jerusalem = Load("Asia/Jerusalem");
    CHECK(jerusalem.OffsetMinutesAt(Utc(1999, 2, 15)) == 120);
    CHECK(jerusalem.OffsetMinutesAt(Utc(1999, 7, 1)) == 180);
    const TimeZone ny = Load("America/New_York");
    CHECK(ny.ToUtc({{2026, 11, 1}, 1, 30, 0, 0}) == Utc(2026, 11, 1, 5, 30));  // the earlier 01:30 (EDT)
    CHECK(Load("UTC").OffsetMinutesAt(Utc(2026, 1, 1)) == 0);
}

TEST_CASE("time zone names are checked before anything is read") {
    CHECK(IsTimeZoneName("America/Argentina/Buenos_Aires"));
    CHECK(IsTimeZoneName("Etc/GMT+8"));
    CHECK_FALSE(IsTimeZoneName(""));
    CHECK_FALSE(IsTimeZoneName("/etc/passwd"));
    CHECK_FALSE(IsTimeZoneName("Europe/../../etc/passwd"));
    CHECK_FALSE(IsTimeZoneName("Europe/Berlin "));
    CHECK(LoadTimeZone("Mars/Olympus_Mons").status().message() ==
          "time zone 'Mars/Olympus_Mons': not in the time zone database (/usr/share/zoneinfo)");
    CHECK(LoadTimeZone("../shadow").status().message() ==
          "time zone '../shadow': not an IANA time zone name (e.g. Asia/Shanghai, Europe/Berlin)");
    CHECK(LoadTimeZone("Europe", "/usr/share/zoneinfo").status().message().find("time zone 'Europe': ") == 0);
}
