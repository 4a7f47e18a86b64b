// The client's side of the administration API (docs/api.md, "Administration"): the accounts
// and teams as listed, the request bodies, and the error a refusal carries. Pure: JSON in and
// out, no I/O.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cb {

struct AdminUser {
    std::string name;
    std::string role;                 // admin, manager, lead, qa, trainer, wallboard
    std::vector<std::string> teams;   // a lead's teams
    bool disabled = false;
    int64_t created_ms = 0;
};

struct AdminTeam {
    std::string key;
    std::string name_en;
    std::string name_zh;
    int64_t agents = 0;
    std::vector<std::string> leads;   // lead accounts of this team
    std::string lead_agent;           // the directory's lead agent key; empty = none
    std::string names_from;           // "callboard" (renamable on the page), "config" or "simulator"
};

// A refusal: {"error","code","field"}; status 0 = the server could not be reached.
struct ApiError {
    int status = 0;
    std::string code;
    std::string field;
    std::string message;
};

// GET /api/admin/users -> {"users":[...]}; GET /api/admin/teams -> {"teams":[...]}.
bool AdminUsersFromJson(std::string_view body, std::vector<AdminUser>* out, std::string* error);
bool AdminTeamsFromJson(std::string_view body, std::vector<AdminTeam>* out, std::string* error);
ApiError ApiErrorFromJson(int status, std::string_view body);
// The kiosk token of a POST /api/admin/users answer for a wallboard ("" when none).
std::string KioskTokenFromJson(std::string_view body);

std::string NewUserJson(std::string_view name, std::string_view role, const std::vector<std::string>& teams,
                        std::string_view password);
std::string UserChangeJson(std::string_view role, const std::vector<std::string>& teams);
std::string UserDisabledJson(bool disabled);
std::string PasswordJson(std::string_view password);
std::string NewTeamJson(std::string_view key, std::string_view name_en, std::string_view name_zh);
std::string TeamNamesJson(std::string_view name_en, std::string_view name_zh);

}  // namespace cb
