// The administration API (admin only; docs/api.md "Administration"): accounts at
// /api/admin/users, teams at /api/admin/teams. Thin over AccountAdmin and TeamAdmin, which own
// the rules and write the audit log.
#include <httplib.h>
#include "server/admin/account_admin.h"
#include "server/admin/team_admin.h"
#include "server/http/admin_http.h"
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"

namespace cb {
namespace {

using nlohmann::json;

json UserJson(const Account& a) {
    return {{"name", a.name}, {"role", RoleName(a.role)}, {"teams", a.teams}, {"disabled", a.disabled}, {"created_ms", a.created_ms}};
}

json TeamJson(const TeamView& t) {
    return {{"key", t.team.key},
            {"name_en", t.team.name_en},
            {"name_zh", t.team.name_zh},
            {"agents", t.team.agents},
            {"lead_agent", t.team.lead_agent.empty() ? json(nullptr) : json(t.team.lead_agent)},
            {"leads", t.leads},
            {"names_from", t.names_from}};
}

Actor ActorOf(const Caller& caller, const httplib::Request& req, const AuthHttp& auth) {
    return Actor{caller.local ? std::string() : caller.user, ClientAddress(req, auth.trust_proxy), caller.account_id};
}

// Teams of a request body: absent -> none; else an array of strings (answers 400 otherwise).
bool ReadTeams(const json& body, std::optional<std::vector<std::string>>* out, httplib::Response& res, std::string_view path) {
    auto it = body.find("teams");
    if (it == body.end()) return true;
    std::vector<std::string> teams;
    bool ok = it->is_array();
    for (size_t i = 0; ok && i < it->size(); ++i) {
        ok = (*it)[i].is_string();
        if (ok) teams.push_back((*it)[i].get<std::string>());
    }
    if (!ok) {
        RespondOutcome(res, AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "bad_type", "teams", "expected an array of team keys"), path);
        return false;
    }
    *out = std::move(teams);
    return true;
}

bool Ready(bool ready, const httplib::Request& req, httplib::Response& res) {
    if (ready) return true;
    res.set_header("Retry-After", "1");
    RespondError(res, 503, "the administration is not open yet", req.path);
    return false;
}

}  // namespace

void AddAdminRoutes(httplib::Server& server, const RouteContext& context) {
    const AuthHttp auth = context.auth;
    AccountAdmin* accounts = context.account_admin;
    TeamAdmin* teams = context.team_admin;

    // ---- accounts ----
    server.Get("/api/admin/users", [auth, accounts](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        if (!RequireAction(req, res, auth, Action::ManageAccounts)) return;
        if (!Ready(accounts && auth.service, req, res)) return;
        Result<std::vector<Account>> list = auth.service->store().ListAccounts();
        if (!list.ok()) {
            RespondError(res, 500, "cannot read the accounts: " + list.status().message(), req.path);
            return;
        }
        json users = json::array();
        for (const Account& a : list.value()) users.push_back(UserJson(a));
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, json{{"users", users}}.dump(-1, ' ', false, json::error_handler_t::replace));
    });
    server.Post("/api/admin/users", [auth, accounts](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ManageAccounts);
        if (!caller || !Ready(accounts != nullptr, req, res)) return;
        std::optional<json> body = ReadJsonBody(req, res, {"name", "role", "teams", "password"});
        if (!body || !CheckQueryParams(req, res, {})) return;
        NewAccount request;
        std::optional<std::string> name = StringField(*body, "name", res, req.path);
        if (!name) return;
        std::optional<std::string> role = StringField(*body, "role", res, req.path);
        if (!role) return;
        std::optional<std::string> password = StringField(*body, "password", res, req.path);
        if (!password) return;
        std::optional<std::vector<std::string>> team_list;
        if (!ReadTeams(*body, &team_list, res, req.path)) return;
        request.name = *name;
        request.role = *role;
        request.password = *password;
        if (team_list) request.teams = *team_list;
        AddedAccount added;
        const AdminOutcome outcome = accounts->Add(request, ActorOf(*caller, req, auth), &added);
        if (!outcome.ok()) {
            RespondOutcome(res, outcome, req.path);
            return;
        }
        json answer = {{"user", UserJson(added.account)}};
        if (!added.kiosk_token.empty()) answer["kiosk_token"] = added.kiosk_token;
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 201, answer.dump());
    });
    RefuseOtherMethods(server, "/api/admin/users", {"GET", "POST"});

    const std::string user_path = R"(/api/admin/users/([^/]+))";
    server.Patch(user_path, [auth, accounts](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ManageAccounts);
        if (!caller || !Ready(accounts && auth.service, req, res)) return;
        std::optional<json> body = ReadJsonBody(req, res, {"role", "teams", "disabled"});
        if (!body || !CheckQueryParams(req, res, {})) return;
        AccountChange change;
        if (body->contains("role")) {
            std::optional<std::string> role = StringField(*body, "role", res, req.path);
            if (!role) return;
            change.role = *role;
        }
        if (!ReadTeams(*body, &change.teams, res, req.path)) return;
        if (auto it = body->find("disabled"); it != body->end()) {
            if (!it->is_boolean()) {
                RespondOutcome(res, AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "bad_type", "disabled", "expected true or false"),
                               req.path);
                return;
            }
            change.disabled = it->get<bool>();
        }
        const std::string name = req.matches[1].str();
        const AdminOutcome outcome = accounts->Change(name, change, ActorOf(*caller, req, auth));
        if (!outcome.ok()) {
            RespondOutcome(res, outcome, req.path);
            return;
        }
        Result<std::optional<Account>> account = auth.service->store().FindAccount(name);
        if (!account.ok() || !account.value()) {
            RespondError(res, 500, "the account changed but cannot be read back", req.path);
            return;
        }
        RespondJson(res, 200, json{{"user", UserJson(*account.value())}}.dump());
    });
    server.Delete(user_path, [auth, accounts](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ManageAccounts);
        if (!caller || !Ready(accounts != nullptr, req, res)) return;
        const AdminOutcome outcome = accounts->Remove(req.matches[1].str(), ActorOf(*caller, req, auth));
        if (!outcome.ok()) {
            RespondOutcome(res, outcome, req.path);
            return;
        }
        res.status = 204;
    });
    RefuseOtherMethods(server, user_path, {"PATCH", "DELETE"});

    const std::string password_path = R"(/api/admin/users/([^/]+)/password)";
    server.Put(password_path, [auth, accounts](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ManageAccounts);
        if (!caller || !Ready(accounts != nullptr, req, res)) return;
        std::optional<json> body = ReadJsonBody(req, res, {"password"});
        if (!body || !CheckQueryParams(req, res, {})) return;
        std::optional<std::string> password = StringField(*body, "password", res, req.path);
        if (!password) return;
        const AdminOutcome outcome = accounts->SetPassword(req.matches[1].str(), *password, ActorOf(*caller, req, auth));
        if (!outcome.ok()) {
            RespondOutcome(res, outcome, req.path);
            return;
        }
        res.status = 204;
    });
    RefuseOtherMethods(server, password_path, {"PUT"});

    // ---- teams ----
    auto find_team = [teams](const std::string& key) -> std::optional<TeamView> {
        Result<std::vector<TeamView>> list = teams->List();
        if (!list.ok()) return std::nullopt;
        for (TeamView& t : list.value())
            if (t.team.key == key) return std::move(t);
        return std::nullopt;
    };
    server.Get("/api/admin/teams", [auth, teams](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        if (!RequireAction(req, res, auth, Action::ManageAccounts)) return;
        if (!Ready(teams != nullptr, req, res)) return;
        Result<std::vector<TeamView>> list = teams->List();
        if (!list.ok()) {
            RespondError(res, 500, "cannot read the teams: " + list.status().message(), req.path);
            return;
        }
        json out = json::array();
        for (const TeamView& t : list.value()) out.push_back(TeamJson(t));
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, json{{"teams", out}}.dump(-1, ' ', false, json::error_handler_t::replace));
    });
    server.Post("/api/admin/teams", [auth, teams, find_team](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ManageAccounts);
        if (!caller || !Ready(teams != nullptr, req, res)) return;
        std::optional<json> body = ReadJsonBody(req, res, {"key", "name_en", "name_zh"});
        if (!body || !CheckQueryParams(req, res, {})) return;
        std::optional<std::string> key = StringField(*body, "key", res, req.path);
        if (!key) return;
        std::optional<std::string> name_en = StringField(*body, "name_en", res, req.path);
        if (!name_en) return;
        std::optional<std::string> name_zh = StringField(*body, "name_zh", res, req.path);
        if (!name_zh) return;
        const AdminOutcome outcome = teams->Create(*key, *name_en, *name_zh, ActorOf(*caller, req, auth));
        if (!outcome.ok()) {
            RespondOutcome(res, outcome, req.path);
            return;
        }
        std::optional<TeamView> team = find_team(*key);
        if (!team) {
            RespondError(res, 500, "the team was added but cannot be read back", req.path);
            return;
        }
        RespondJson(res, 201, json{{"team", TeamJson(*team)}}.dump(-1, ' ', false, json::error_handler_t::replace));
    });
    RefuseOtherMethods(server, "/api/admin/teams", {"GET", "POST"});

    const std::string team_path = R"(/api/admin/teams/([^/]+))";
    server.Patch(team_path, [auth, teams, find_team](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ManageAccounts);
        if (!caller || !Ready(teams != nullptr, req, res)) return;
        std::optional<json> body = ReadJsonBody(req, res, {"name_en", "name_zh"});
        if (!body || !CheckQueryParams(req, res, {})) return;
        const std::string key = req.matches[1].str();
        std::optional<TeamView> before = find_team(key);
        std::optional<std::string> name_en =
            StringField(*body, "name_en", res, req.path, before ? before->team.name_en : std::string());
        if (!name_en) return;
        std::optional<std::string> name_zh =
            StringField(*body, "name_zh", res, req.path, before ? before->team.name_zh : std::string());
        if (!name_zh) return;
        const AdminOutcome outcome = teams->Rename(key, *name_en, *name_zh, ActorOf(*caller, req, auth));
        if (!outcome.ok()) {
            RespondOutcome(res, outcome, req.path);
            return;
        }
        std::optional<TeamView> team = find_team(key);
        if (!team) {
            RespondError(res, 500, "the team was renamed but cannot be read back", req.path);
            return;
        }
        RespondJson(res, 200, json{{"team", TeamJson(*team)}}.dump(-1, ' ', false, json::error_handler_t::replace));
    });
    RefuseOtherMethods(server, team_path, {"PATCH"});
}

}  // namespace cb
