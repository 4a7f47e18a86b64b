#include "server/base/time_zone.h"

#include <fstream>
#include <sstream>

namespace cb {

bool IsTimeZoneName(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    size_t part = 0;
    for (size_t i = 0; i <= name.size(); ++i) {
        if (i == name.size() || name[i] == '/') {
            const std::string_view p = name.substr(part, i - part);
            if (p.empty() || p == "." || p == "..") return false;
            part = i + 1;
            continue;
        }
        const char c = name[i];
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                        c == '-' || c == '+';
        if (!ok) return false;
    }
    return true;
}

Result<TimeZone> LoadTimeZone(std::string_view name, const std::string& zoneinfo_dir) {
    const std::string zone(name);
    if (!IsTimeZoneName(name)) {
        return Status::Error("time zone '" + zone + "': not an IANA time zone name (e.g. Asia/Shanghai, Europe/Berlin)");
    }
    const std::string path = zoneinfo_dir + "/" + zone;
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::Error("time zone '" + zone + "': not in the time zone database (" + zoneinfo_dir + ")");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    TimeZone tz;
    std::string error;
    if (!TimeZone::FromTzif(zone, bytes.str(), &tz, &error)) return Status::Error(error);
    return tz;
}

TimeZone CenterZoneOf(std::string_view name, int32_t offset_min) {
    if (IsTimeZoneName(name)) {
        Result<TimeZone> zone = LoadTimeZone(name);
        if (zone.ok()) return zone.value();
    }
    return TimeZone::Fixed(offset_min);
}

}  // namespace cb
