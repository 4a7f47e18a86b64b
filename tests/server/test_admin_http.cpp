// The administration API against a real server on a loopback port: admins only (each role x
// each endpoint), accounts created, changed, disabled, re-enabled, given a new password and
// deleted, the rules (a lead's teams must exist, the last admin stays, not one's own account,
// the first account is an admin), teams listed, created and renamed (names owned elsewhere
// refused), an audit line for every change, and the errors naming the field.
#include <doctest/doctest.h>

#include "admin_server.h"

using cbtest::AdminServer;
using cbtest::Answer;
using cbtest::Call;

namespace {

std::string NewUser(const std::string& name, const std::string& role, const std::string& teams = "[]",
                    const std::string& password = cbtest::kAdminPassword) {
    return R"({"name":")" + name + R"(","role":")" + role + R"(","teams":)" + teams + R"(,"password":")" + password + "\"}";
}

void CheckRefused(const Answer& a, int status, const std::string& code, const std::string& field, const std::string& error) {
    CHECK(a.status == status);
    CHECK(a.body["code"] == code);
    CHECK(a.body.value("field", std::string()) == field);
    CHECK(a.body["error"] == error);
}

}  // namespace

TEST_CASE("administration: only admins, each role x each endpoint") {
    AdminServer server;
    struct Endpoint {
        const char* method;
        std::string path;
        std::string body;
        int admin_status;
    };
    // Each admin call changes something new, so every one of them succeeds.
    int n = 0;
    auto endpoints = [&n]() {
        ++n;
        const std::string i = std::to_string(n);
        return std::vector<Endpoint>{
            {"GET", "/api/admin/users", "", 200},
            {"POST", "/api/admin/users", NewUser("u" + i, "qa"), 201},
            {"PATCH", "/api/admin/users/u" + std::to_string(n), R"({"role":"manager"})", 200},
            {"PUT", "/api/admin/users/u" + i + "/password", R"({"password":"another-long-password"})", 204},
            {"DELETE", "/api/admin/users/u" + i, "", 204},
            {"GET", "/api/admin/teams", "", 200},
            {"POST", "/api/admin/teams", R"({"key":"t)" + i + R"(","name_en":"T","name_zh":"组"})", 201},
            {"PATCH", "/api/admin/teams/t" + i, R"({"name_en":"Renamed )" + i + "\"}", 200},
        };
    };
    for (const char* user : {"mona", "wang", "qiu", "tina", "tv", ""}) {
        CAPTURE(user);
        const std::string token = *user ? server.Token(user) : std::string();
        for (const Endpoint& e : endpoints()) {
            CAPTURE(e.method);
            CAPTURE(e.path);
            const Answer a = Call(server, e.method, e.path, token, e.body);
            CHECK(a.status == (*user ? 403 : 401));
        }
    }
    const std::string root = server.Token("root");
    for (const Endpoint& e : endpoints()) {
        CAPTURE(e.method);
        CAPTURE(e.path);
        CHECK(Call(server, e.method, e.path, root, e.body).status == e.admin_status);
    }
    // Only the admin's calls changed anything.
    CHECK(server.Audit("user_add").size() == 1);
    CHECK(server.Audit("team_add").size() == 1);
}

TEST_CASE("accounts: created, listed, changed, disabled, re-enabled, new password, deleted; each audited") {
    AdminServer server;
    const std::string root = server.Token("root");
    server.now = 1767585700000;

    Answer created = Call(server, "POST", "/api/admin/users", root, NewUser("li", "lead", R"(["b","a","b"])"));
    REQUIRE(created.status == 201);
    CHECK(created.body["user"] == nlohmann::json::parse(
                                      R"({"name":"li","role":"lead","teams":["a","b"],"disabled":false,"created_ms":1767585700000})"));
    CHECK_FALSE(created.body.contains("kiosk_token"));
    const std::string li = server.Token("li");  // signs in with the initial password

    Answer list = Call(server, "GET", "/api/admin/users", root);
    REQUIRE(list.status == 200);
    std::vector<std::string> names;
    for (const auto& u : list.body["users"]) names.push_back(u["name"]);
    CHECK(names == std::vector<std::string>{"li", "mona", "qiu", "root", "tina", "tv", "wang"});

    Answer changed = Call(server, "PATCH", "/api/admin/users/li", root, R"({"teams":["b"]})");
    REQUIRE(changed.status == 200);
    CHECK(changed.body["user"]["teams"] == nlohmann::json::parse(R"(["b"])"));
    changed = Call(server, "PATCH", "/api/admin/users/li", root, R"({"role":"manager"})");  // a lead's teams go with the role
    REQUIRE(changed.status == 200);
    CHECK(changed.body["user"]["role"] == "manager");
    CHECK(changed.body["user"]["teams"].empty());
    CHECK(Call(server, "GET", "/api/session", li).body["role"] == "manager");  // at the next request

    REQUIRE(Call(server, "PATCH", "/api/admin/users/li", root, R"({"disabled":true})").status == 200);
    CHECK(Call(server, "GET", "/api/session", li).status == 401);  // signed out everywhere
    REQUIRE(Call(server, "PATCH", "/api/admin/users/li", root, R"({"disabled":false})").status == 200);
    const std::string li2 = server.Token("li");
    REQUIRE(Call(server, "PUT", "/api/admin/users/li/password", root, R"({"password":"a-new-password-for-li"})").status == 204);
    CHECK(Call(server, "GET", "/api/session", li2).status == 401);
    server.Token("li", "a-new-password-for-li");
    REQUIRE(Call(server, "DELETE", "/api/admin/users/li", root).status == 204);
    CHECK(Call(server, "DELETE", "/api/admin/users/li", root).status == 404);

    const std::vector<std::pair<std::string, std::string>> expected = {
        {"user_add", "li (lead, teams a,b)"},
        {"user_update", "li: teams a,b -> b"},
        {"user_update", "li: role lead -> manager, teams b -> -"},
        {"user_disable", "li"},
        {"user_enable", "li"},
        {"user_passwd", "li"},
        {"user_delete", "li (manager)"},
    };
    std::vector<std::pair<std::string, std::string>> got;
    const cb::Result<std::vector<cb::AuditEntry>> audit = server.accounts->ListAudit(0, INT64_MAX, 1000);
    for (const cb::AuditEntry& e : audit.value()) {
        if (e.action.rfind("user_", 0) != 0) continue;
        got.emplace_back(e.action, e.detail);
        CHECK(e.user == "root");
        CHECK(e.address == "127.0.0.1");
    }
    CHECK(got == expected);
}

TEST_CASE("accounts: bad input answers 400 naming the field; conflicts 409; nothing is stored") {
    AdminServer server;
    const std::string root = server.Token("root");
    auto post = [&](const std::string& body) { return Call(server, "POST", "/api/admin/users", root, body); };
    CheckRefused(post(NewUser("li wei", "qa")), 400, "bad_name", "name", "name: expected 1 to 64 letters, digits or . _ - @");
    CheckRefused(post(NewUser("li", "boss")), 400, "bad_role", "role",
                 "role: 'boss' is not one of admin, manager, lead, qa, trainer, wallboard");
    CheckRefused(post(NewUser("li", "qa", "[]", "short")), 400, "password_short", "password",
                 "password: a password needs at least 10 characters");
    CheckRefused(post(NewUser("li", "lead")), 400, "lead_needs_team", "teams", "teams: a lead needs at least one team");
    CheckRefused(post(NewUser("li", "lead", R"(["a","night"])")), 400, "unknown_team", "teams",
                 "teams: team 'night' does not exist (known teams: a, b); create it first on the administration page "
                 "or with 'callboard team add'");
    CheckRefused(post(NewUser("li", "qa", R"(["a"])")), 400, "teams_for_leads", "teams", "teams: only a team lead has teams");
    CheckRefused(post(NewUser("wang", "qa")), 409, "name_taken", "name", "name: an account named 'wang' exists already");
    CheckRefused(post(R"({"name":"li","role":"qa","password":"a-long-password","admin":true})"), 400, "unknown_field", "admin",
                 "admin: not a field of this request");
    CheckRefused(post(R"({"name":7})"), 400, "bad_type", "name", "name: expected a string");
    CheckRefused(post(R"({"name":"li","role":"lead","teams":"a"})"), 400, "bad_type", "teams", "teams: expected an array of team keys");
    CheckRefused(post("not json"), 400, "not_object", "", "body: expected a JSON object");
    httplib::Client client = server.Client();
    auto form = client.Post("/api/admin/users", cbtest::Bearer(root), NewUser("li", "qa"), "application/x-www-form-urlencoded");
    REQUIRE(form);
    CHECK(form->status == 415);
    auto wrong = client.Put("/api/admin/users", cbtest::Bearer(root), "{}", "application/json");
    REQUIRE(wrong);
    CHECK(wrong->status == 405);
    CHECK(wrong->get_header_value("Allow") == "GET, HEAD, POST");

    CheckRefused(Call(server, "PATCH", "/api/admin/users/wang", root, R"({"teams":["zz"]})"), 400, "unknown_team", "teams",
                 "teams: team 'zz' does not exist (known teams: a, b); create it first on the administration page or with "
                 "'callboard team add'");
    CheckRefused(Call(server, "PATCH", "/api/admin/users/wang", root, R"({"teams":[]})"), 400, "lead_needs_team", "teams",
                 "teams: a lead needs at least one team");
    CheckRefused(Call(server, "PATCH", "/api/admin/users/tv", root, R"({"role":"manager"})"), 400, "wallboard_role", "role",
                 "role: a wallboard signs in with a kiosk token and other roles with a password: create a new account instead");
    CheckRefused(Call(server, "PATCH", "/api/admin/users/nobody", root, R"({"disabled":true})"), 404, "no_such_user", "",
                 "no account 'nobody'");
    CheckRefused(Call(server, "PUT", "/api/admin/users/tv/password", root, R"({"password":"a-long-password"})"), 400,
                 "wallboard_password", "password", "password: wallboard accounts have a kiosk token, not a password");
    // Not one's own account, and never the last enabled admin.
    CheckRefused(Call(server, "PATCH", "/api/admin/users/root", root, R"({"role":"manager"})"), 409, "own_account", "role",
                 "role: you cannot disable or demote your own account; another admin can");
    CheckRefused(Call(server, "DELETE", "/api/admin/users/root", root), 409, "own_account", "",
                 "you cannot delete your own account; another admin can");
    REQUIRE(Call(server, "POST", "/api/admin/users", root, NewUser("ada", "admin")).status == 201);
    const std::string ada = server.Token("ada");
    REQUIRE(Call(server, "PATCH", "/api/admin/users/root", ada, R"({"disabled":true})").status == 200);
    CheckRefused(Call(server, "PATCH", "/api/admin/users/ada", ada, R"({"disabled":true})"), 409, "own_account", "disabled",
                 "disabled: you cannot disable or demote your own account; another admin can");

    std::vector<std::string> names;
    const cb::Result<std::vector<cb::Account>> accounts = server.accounts->ListAccounts();
    for (const cb::Account& a : accounts.value()) names.push_back(a.name);
    CHECK(names == std::vector<std::string>{"ada", "mona", "qiu", "root", "tina", "tv", "wang"});
    CHECK(server.accounts->FindAccount("wang").value()->teams == std::vector<std::string>{"a"});
}

TEST_CASE("the last enabled admin stays, whoever asks (the command line's rules are the same)") {
    AdminServer server;
    cb::Actor cli{"cli:ops", "cli", 0};
    cb::AccountChange demote;
    demote.role = "manager";
    const cb::AdminOutcome refused = server.account_admin.Change("root", demote, cli);
    CHECK(refused.kind == cb::AdminOutcome::Kind::Conflict);
    CHECK(refused.message == "role: 'root' is the last enabled admin; make another admin first");
    CHECK(server.account_admin.Remove("root", cli).code == "last_admin");
    cb::AccountChange disable;
    disable.disabled = true;
    CHECK(server.account_admin.Change("root", disable, cli).code == "last_admin");
    CHECK(server.accounts->CountActiveAdmins().value() == 1);
}

TEST_CASE("a wallboard account gets a kiosk token once, which signs the screen in") {
    AdminServer server;
    const std::string root = server.Token("root");
    Answer created = Call(server, "POST", "/api/admin/users", root, R"({"name":"tv2","role":"wallboard"})");
    REQUIRE(created.status == 201);
    const std::string token = created.body["kiosk_token"];
    CHECK(token.size() == 64);
    auto login = server.Client().Post("/api/login", nlohmann::json{{"kiosk_token", token}}.dump(), "application/json");
    REQUIRE(login);
    CHECK(login->status == 200);
    CHECK(nlohmann::json::parse(login->body)["role"] == "wallboard");
    CHECK(server.Audit("user_add").back().detail == "tv2 (wallboard)");
    CHECK(server.Audit("user_add").back().detail.find(token) == std::string::npos);
}

TEST_CASE("local mode: the first account must be an admin, and creating it turns sign-in on") {
    AdminServer server(false);
    CheckRefused(Call(server, "POST", "/api/admin/users", "", NewUser("wang", "lead", R"(["a"])")), 409, "first_must_be_admin",
                 "role", "role: the first account must be an admin (nobody could manage accounts otherwise)");
    REQUIRE(Call(server, "POST", "/api/admin/users", "", NewUser("boss", "admin")).status == 201);
    CHECK(Call(server, "GET", "/api/admin/users", "").status == 401);  // accounts mode from now on
    CHECK(server.Audit("user_add").back().user == "-");
    const std::string boss = server.Token("boss");
    CHECK(Call(server, "GET", "/api/admin/users", boss).status == 200);
}

TEST_CASE("a cookie session needs the CSRF token to change anything") {
    AdminServer server;
    auto login = server.Client().Post("/api/login", nlohmann::json{{"user", "root"}, {"password", cbtest::kAdminPassword}}.dump(),
                                      "application/json");
    REQUIRE(login);
    const std::string cookie = login->get_header_value("Set-Cookie").substr(0, login->get_header_value("Set-Cookie").find(';'));
    const std::string csrf = nlohmann::json::parse(login->body)["csrf"];
    httplib::Client client = server.Client();
    auto without = client.Post("/api/admin/teams", {{"Cookie", cookie}}, R"({"key":"x","name_en":"X"})", "application/json");
    REQUIRE(without);
    CHECK(without->status == 403);
    auto with = client.Post("/api/admin/teams", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, R"({"key":"x","name_en":"X"})",
                            "application/json");
    REQUIRE(with);
    CHECK(with->status == 201);
}

TEST_CASE("teams: listed with agents and lead accounts, created, renamed; names owned elsewhere are refused") {
    AdminServer server;
    const std::string root = server.Token("root");
    Answer list = Call(server, "GET", "/api/admin/teams", root);
    REQUIRE(list.status == 200);
    CHECK(list.body["teams"] == nlohmann::json::parse(R"([
        {"key":"a","name_en":"Team A","name_zh":"一组","agents":2,"lead_agent":"1001","leads":["wang"],"names_from":"simulator"},
        {"key":"b","name_en":"Team B","name_zh":"B组","agents":1,"lead_agent":"1002","leads":[],"names_from":"callboard"}])"));

    Answer created = Call(server, "POST", "/api/admin/teams", root, R"({"key":"night","name_zh":"夜班"})");
    REQUIRE(created.status == 201);
    CHECK(created.body["team"] == nlohmann::json::parse(
        R"({"key":"night","name_en":"夜班","name_zh":"夜班","agents":0,"lead_agent":null,"leads":[],"names_from":"callboard"})"));
    // Now a lead can be made for it.
    REQUIRE(Call(server, "POST", "/api/admin/users", root, NewUser("zhou", "lead", R"(["night"])")).status == 201);
    Answer renamed = Call(server, "PATCH", "/api/admin/teams/night", root, R"({"name_en":"Night shift"})");
    REQUIRE(renamed.status == 200);
    CHECK(renamed.body["team"]["name_en"] == "Night shift");
    CHECK(renamed.body["team"]["name_zh"] == "夜班");
    CHECK(renamed.body["team"]["leads"] == nlohmann::json::parse(R"(["zhou"])"));

    CheckRefused(Call(server, "POST", "/api/admin/teams", root, R"({"key":"night","name_en":"N"})"), 409, "team_exists", "key",
                 "key: a team 'night' exists already");
    CheckRefused(Call(server, "POST", "/api/admin/teams", root, R"({"key":"day shift","name_en":"D"})"), 400, "bad_team_key", "key",
                 "key: expected 1 to 64 letters, digits or . _ -");
    CheckRefused(Call(server, "POST", "/api/admin/teams", root, R"({"key":"day"})"), 400, "bad_team_name", "name_en",
                 "name_en: give the team a name (English or Chinese)");
    CheckRefused(Call(server, "POST", "/api/admin/teams", root, R"({"key":"day","name_en":"   "})"), 400, "bad_team_name", "name_en",
                 "name_en: expected 1 to 60 characters, not blank, no control characters");
    CheckRefused(Call(server, "PATCH", "/api/admin/teams/a", root, R"({"name_en":"Alpha"})"), 409, "names_from_simulator", "",
                 "team 'a' is part of the simulated demo center; its names are fixed");
    CheckRefused(Call(server, "PATCH", "/api/admin/teams/zz", root, R"({"name_en":"Z"})"), 404, "no_such_team", "", "no team 'zz'");

    const auto added = server.Audit("team_add");
    REQUIRE(added.size() == 1);
    CHECK(added[0].detail == "night (夜班 / 夜班)");
    CHECK(added[0].user == "root");
    const auto renames = server.Audit("team_rename");
    REQUIRE(renames.size() == 1);
    CHECK(renames[0].detail == "night: 夜班 / 夜班 -> Night shift / 夜班");
    CHECK(server.admin_store->ListTeams().value().size() == 3);
}
