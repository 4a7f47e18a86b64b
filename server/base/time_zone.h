// The center's time zone from the system's time zone database (Debian's tzdata):
// /usr/share/zoneinfo/<IANA name>, parsed by the core (app/core/tz.h).
#pragma once
#include <string>
#include <string_view>
#include "core/tz.h"
#include "server/base/status.h"

namespace cb {

inline constexpr const char* kZoneinfoDir = "/usr/share/zoneinfo";

// An IANA zone name as the database spells it ("Asia/Shanghai", "Europe/Berlin", "UTC"):
// letters, digits, '_', '-', '+' and '/' between parts, no empty, '.' or '..' part.
bool IsTimeZoneName(std::string_view name);

// Reads the zone `name` from zoneinfo_dir. Fails with one line naming the zone and the reason:
// not a zone name, not in the database (with the folder), or damaged data.
Result<TimeZone> LoadTimeZone(std::string_view name, const std::string& zoneinfo_dir = kZoneinfoDir);

// The center's zone as a live snapshot names it (Snapshot::tz_name, tz_offset_min): the IANA zone
// from the system's database when the name is one that loads, else the fixed offset.
TimeZone CenterZoneOf(std::string_view name, int32_t offset_min);

}  // namespace cb
