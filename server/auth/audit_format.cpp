#include "server/auth/audit_format.h"

#include <ctime>
#include <nlohmann/json.hpp>

namespace cb {
namespace {

std::string CsvCell(const std::string& value) {
    std::string cell = value;
    if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@')) cell = "'" + cell;
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string IsoUtc(int64_t t_ms) {
    const std::time_t seconds = static_cast<std::time_t>(t_ms / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
    char millis[8];
    std::snprintf(millis, sizeof millis, ".%03dZ", static_cast<int>(t_ms % 1000));
    return std::string(text) + millis;
}

}  // namespace

std::string AuditToJson(const std::vector<AuditEntry>& entries) {
    nlohmann::json list = nlohmann::json::array();
    for (const AuditEntry& e : entries) {
        list.push_back({{"id", e.id}, {"t_ms", e.t_ms}, {"user", e.user}, {"action", e.action},
                        {"detail", e.detail}, {"address", e.address}, {"ok", e.ok}});
    }
    return nlohmann::json{{"entries", list}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string AuditToCsv(const std::vector<AuditEntry>& entries) {
    std::string out = "id,t_ms,time_utc,user,action,detail,address,ok\r\n";
    for (const AuditEntry& e : entries) {
        out += std::to_string(e.id) + "," + std::to_string(e.t_ms) + "," + IsoUtc(e.t_ms) + "," + CsvCell(e.user) +
               "," + CsvCell(e.action) + "," + CsvCell(e.detail) + "," + CsvCell(e.address) + "," +
               (e.ok ? "1" : "0") + "\r\n";
    }
    return out;
}

}  // namespace cb
