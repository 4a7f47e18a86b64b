// The administration API's JSON (admin_api.h). Never throws: types are checked before reads.
#include "admin_api.h"

#include <nlohmann/json.hpp>

namespace cb {
namespace {

using nlohmann::json;

std::string Text(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> Texts(const json& j, const char* key) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it != j.end() && it->is_array())
        for (const json& v : *it)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

int64_t Number(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

bool List(std::string_view body, const char* key, json* out, std::string* error) {
    json j = json::parse(body.begin(), body.end(), nullptr, false);
    if (!j.is_object() || !j.contains(key) || !j.at(key).is_array()) {
        *error = std::string("expected {\"") + key + "\":[...]}";
        return false;
    }
    *out = j.at(key);
    return true;
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

bool AdminUsersFromJson(std::string_view body, std::vector<AdminUser>* out, std::string* error) {
    json list;
    if (!List(body, "users", &list, error)) return false;
    std::vector<AdminUser> users;
    for (const json& u : list) {
        if (!u.is_object() || Text(u, "name").empty()) {
            *error = "a user without a name";
            return false;
        }
        auto disabled = u.find("disabled");
        users.push_back({Text(u, "name"), Text(u, "role"), Texts(u, "teams"),
                         disabled != u.end() && disabled->is_boolean() && disabled->get<bool>(), Number(u, "created_ms")});
    }
    *out = std::move(users);
    return true;
}

bool AdminTeamsFromJson(std::string_view body, std::vector<AdminTeam>* out, std::string* error) {
    json list;
    if (!List(body, "teams", &list, error)) return false;
    std::vector<AdminTeam> teams;
    for (const json& t : list) {
        if (!t.is_object() || Text(t, "key").empty()) {
            *error = "a team without a key";
            return false;
        }
        teams.push_back({Text(t, "key"), Text(t, "name_en"), Text(t, "name_zh"), Number(t, "agents"), Texts(t, "leads"),
                         Text(t, "lead_agent"), Text(t, "names_from")});
    }
    *out = std::move(teams);
    return true;
}

ApiError ApiErrorFromJson(int status, std::string_view body) {
    ApiError e;
    e.status = status;
    json j = json::parse(body.begin(), body.end(), nullptr, false);
    if (j.is_object()) {
        e.code = Text(j, "code");
        e.field = Text(j, "field");
        e.message = Text(j, "error");
    }
    if (e.message.empty()) e.message = status == 0 ? "the server cannot be reached" : "HTTP " + std::to_string(status);
    return e;
}

std::string KioskTokenFromJson(std::string_view body) {
    json j = json::parse(body.begin(), body.end(), nullptr, false);
    return j.is_object() ? Text(j, "kiosk_token") : std::string();
}

std::string NewUserJson(std::string_view name, std::string_view role, const std::vector<std::string>& teams,
                        std::string_view password) {
    json j{{"name", std::string(name)}, {"role", std::string(role)}, {"teams", teams}};
    if (!password.empty()) j["password"] = std::string(password);
    return Dump(j);
}

std::string UserChangeJson(std::string_view role, const std::vector<std::string>& teams) {
    return Dump(json{{"role", std::string(role)}, {"teams", teams}});
}

std::string UserDisabledJson(bool disabled) { return Dump(json{{"disabled", disabled}}); }

std::string PasswordJson(std::string_view password) { return Dump(json{{"password", std::string(password)}}); }

std::string NewTeamJson(std::string_view key, std::string_view name_en, std::string_view name_zh) {
    return Dump(json{{"key", std::string(key)}, {"name_en", std::string(name_en)}, {"name_zh", std::string(name_zh)}});
}

std::string TeamNamesJson(std::string_view name_en, std::string_view name_zh) {
    return Dump(json{{"name_en", std::string(name_en)}, {"name_zh", std::string(name_zh)}});
}

}  // namespace cb
