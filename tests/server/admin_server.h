// A real HTTP server on a loopback port with accounts, the thresholds and the administration
// services on one database file, for the thresholds and administration tests: teams a and b
// in the directory (a's names owned by the simulator, b's by the administration page), one account
// of each role (root admin, mona manager, wang lead of a, qiu qa, tina trainer, tv wallboard);
// the alerts service on the same database, evaluated when a test calls alerts.Tick().
#pragma once
#include <doctest/doctest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>
#include "server/admin/account_admin.h"
#include "server/admin/team_admin.h"
#include "server/admin/threshold_service.h"
#include "server/auth/crypto.h"
#include "server/export/alert_service.h"
#include "server/base/log.h"
#include "server/http/http_server.h"
#include "server/store/store.h"
#include "server/store/store_accounts.h"
#include "server/store/store_admin.h"
#include "server/http/routes_roster.h"
#include "server/store/store_roster.h"
#include "server_test_util.h"

namespace cbtest {

inline const std::string kAdminPassword = "a-long-password";

// Team a: agents 1001 and 1003; team b: agent 1002.
inline cb::Snapshot TwoTeamCenter(uint64_t version) {
    cb::Snapshot s = SmallCenter(version);
    s.source = "demo:normal";
    s.directory.teams.push_back({"b", "Team B", "B组", 1});
    s.teams.emplace_back();
    s.directory.agents[1].team = 1;
    s.directory.agents.push_back({"1003", "Zhang Wei", "张伟", 0, 1, 1, 30, 1});
    s.agents.emplace_back();
    return s;
}

struct AdminServer {
    TempDir dir;
    std::string db = dir.path() + "/admin.db";
    int64_t now = 1767585600000;
    std::unique_ptr<cb::Store> store;
    std::unique_ptr<cb::SqliteAccountStore> accounts;
    std::unique_ptr<cb::SqliteAdminStore> admin_store;
    std::unique_ptr<cb::RosterStore> roster_store;  // /api/wfm/setup, rosters, breaks, adherence
    cb::RosterApi roster_api;
    cb::AuthService auth{nullptr, [this] { return now; }};
    cb::Broadcaster broadcaster;
    cb::ThresholdService thresholds{&broadcaster, [this] { return now; }};
    cb::AccountAdmin account_admin{[this] { return now; }};
    cb::TeamAdmin team_admin{[this] { return now; }};
    cb::AlertStore alert_store;  // alerts on the engine's clock `now`, ticked by the tests
    cb::AlertService alerts{&alert_store, &broadcaster, nullptr, [this] { return now; }};
    std::unique_ptr<cb::HttpServer> http;
    std::thread thread;
    std::string kiosk = cb::RandomToken();

    explicit AdminServer(bool with_accounts = true) {
        cb::SetLogEnabled(false);
        store = std::move(cb::Store::Open(db, cb::DataKind::Demo).value());
        REQUIRE(store->SaveDirectory(TwoTeamCenter(1).directory).ok());
        accounts = std::move(cb::SqliteAccountStore::Open(db).value());
        admin_store = std::move(cb::SqliteAdminStore::Open(db).value());
        roster_store = std::move(cb::RosterStore::Open(db).value());
        roster_api.store.store(roster_store.get());
        auth.AttachStore(accounts.get());
        REQUIRE(thresholds.Attach(admin_store.get()).ok());
        cb::SqliteAdminStore* admin = admin_store.get();
        account_admin.Attach(accounts.get(), [admin]() -> cb::Result<std::vector<std::string>> {
            std::vector<std::string> keys;
            const cb::Result<std::vector<cb::TeamRecord>> teams = admin->ListTeams();
            for (const cb::TeamRecord& t : teams.value()) keys.push_back(t.key);
            return keys;
        });
        team_admin.Attach(admin_store.get(), accounts.get(), nullptr, cb::TeamOwners{{}, {"a"}});
        REQUIRE(alert_store.Open(db).ok());
        if (with_accounts) {
            Add("root", cb::Role::Admin);
            Add("mona", cb::Role::Manager);
            Add("wang", cb::Role::Lead, {"a"});
            Add("qiu", cb::Role::Qa);
            Add("tina", cb::Role::Trainer);
            cb::Account tv;
            tv.name = "tv";
            tv.role = cb::Role::Wallboard;
            tv.kiosk_hash = cb::TokenHash(kiosk);
            REQUIRE(accounts->AddAccount(tv).ok());
        }
        broadcaster.Publish(TwoTeamCenter(1));
        cb::HttpConfig config;
        config.max_streams = 8;
        config.api_threads = 4;
        config.assets = {};
        config.auth.service = &auth;
        config.thresholds = &thresholds;
        config.account_admin = &account_admin;
        config.team_admin = &team_admin;
        config.roster = &roster_api;
        config.alerts = &alerts;
        http = std::make_unique<cb::HttpServer>(&broadcaster, config);
        REQUIRE(http->Bind("127.0.0.1", 0).ok());
        thread = std::thread([this] { http->Run(); });
    }
    ~AdminServer() {
        broadcaster.Shutdown();
        http->Stop();
        thread.join();
        cb::SetLogEnabled(true);
    }
    void Add(const std::string& name, cb::Role role, std::vector<std::string> teams = {}) {
        cb::Account a;
        a.name = name;
        a.role = role;
        a.teams = std::move(teams);
        a.password_hash = cb::HashPassword(kAdminPassword).value();
        REQUIRE(accounts->AddAccount(a).ok());
    }
    httplib::Client Client() const {
        httplib::Client client("127.0.0.1", http->port());
        client.set_read_timeout(5);
        return client;
    }
    // Signs in as a desktop and returns the bearer token.
    std::string Token(const std::string& user, const std::string& password = kAdminPassword) {
        nlohmann::json body = user == "tv" ? nlohmann::json{{"kiosk_token", kiosk}, {"client", "desktop"}}
                                           : nlohmann::json{{"user", user}, {"password", password}, {"client", "desktop"}};
        auto res = Client().Post("/api/login", body.dump(), "application/json");
        REQUIRE(res);
        REQUIRE_MESSAGE(res->status == 200, user << ": " << res->body);
        return nlohmann::json::parse(res->body)["token"].get<std::string>();
    }
    // Audit entries with this action, oldest first.
    std::vector<cb::AuditEntry> Audit(const std::string& action) {
        std::vector<cb::AuditEntry> out;
        const cb::Result<std::vector<cb::AuditEntry>> all = accounts->ListAudit(0, INT64_MAX, 10000);
        for (const cb::AuditEntry& e : all.value())
            if (e.action == action) out.push_back(e);
        return out;
    }
};

inline httplib::Headers Bearer(const std::string& token) {
    return token.empty() ? httplib::Headers{} : httplib::Headers{{"Authorization", "Bearer " + token}};
}

struct Answer {
    int status = 0;
    nlohmann::json body;
};

// One request with a bearer token (empty: none) and a JSON body (empty: none).
inline Answer Call(const AdminServer& server, const std::string& method, const std::string& path,
                   const std::string& token, const std::string& body = "") {
    httplib::Client client = server.Client();
    httplib::Result res = method == "GET"     ? client.Get(path, Bearer(token))
                          : method == "POST"  ? client.Post(path, Bearer(token), body, "application/json")
                          : method == "PUT"   ? client.Put(path, Bearer(token), body, "application/json")
                          : method == "PATCH" ? client.Patch(path, Bearer(token), body, "application/json")
                                              : client.Delete(path, Bearer(token), body, "application/json");
    REQUIRE(res);
    Answer a;
    a.status = res->status;
    a.body = nlohmann::json::parse(res->body, nullptr, false);
    return a;
}

}  // namespace cbtest
