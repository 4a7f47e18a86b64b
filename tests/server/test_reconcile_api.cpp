// GET /api/reconcile against a real server on a loopback port, over a database filled by
// `callboard import` with the worked comparison's queue_log: who may ask (every role but
// wallboard, a lead included: queue totals only; a trainer on demo data only), what the answer
// holds, and bad input refused with 400 naming the parameter while nothing stored changes.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <thread>
#include "core/reconcile/reconcile_json.h"
#include "server/auth/crypto.h"
#include "server/base/log.h"
#include "server/http/http_server.h"
#include "server/store/store_accounts.h"
#include "server/store/store_reconcile.h"
#include "server_test_util.h"

namespace {

using nlohmann::json;

const std::string kBin = CB_CALLBOARD_BIN;
const std::string kPassword = "a-long-password";

struct ReconcileServer {
    cbtest::TempDir dir;
    std::string db = dir.path() + "/center.db";
    std::unique_ptr<cb::SqliteAccountStore> accounts;
    cb::ReconcileQuery query;
    int64_t now = 1767614400000;  // 2026-01-05 12:00 UTC
    std::unique_ptr<cb::AuthService> auth;
    cb::Broadcaster broadcaster;
    std::unique_ptr<cb::HttpServer> http;
    std::thread thread;
    std::string kiosk = cb::RandomToken();

    explicit ReconcileServer(const std::string& source = "queue_log") {
        cb::SetLogEnabled(false);
        cbtest::Child import(kBin, {"import", "queue_log", CB_TEST_DATA_DIR "/queue_log/reconcile_worked.log", "--db", db});
        REQUIRE(import.Wait(30000) == 0);
        accounts = std::move(cb::SqliteAccountStore::Open(db).value());
        auth = std::make_unique<cb::AuthService>(accounts.get(), [this] { return now; });
        REQUIRE(query.Open(db).ok());
        Add("root", cb::Role::Admin);
        Add("mona", cb::Role::Manager);
        Add("wang", cb::Role::Lead, {"unassigned"});
        Add("qiu", cb::Role::Qa);
        Add("tina", cb::Role::Trainer);
        cb::Account tv;
        tv.name = "tv";
        tv.role = cb::Role::Wallboard;
        tv.kiosk_hash = cb::TokenHash(kiosk);
        REQUIRE(accounts->AddAccount(tv).ok());
        cb::Snapshot center = cbtest::SmallCenter(1);
        center.source = source;
        center.tz_offset_min = 0;
        broadcaster.Publish(center);
        cb::HttpConfig config;
        config.max_streams = 4;
        config.api_threads = 4;
        config.assets = {};
        config.auth.service = auth.get();
        config.reconcile = &query;
        http = std::make_unique<cb::HttpServer>(&broadcaster, config);
        REQUIRE(http->Bind("127.0.0.1", 0).ok());
        thread = std::thread([this] { http->Run(); });
    }
    ~ReconcileServer() {
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
        a.password_hash = cb::HashPassword(kPassword).value();
        REQUIRE(accounts->AddAccount(a).ok());
    }
    std::string Token(const std::string& user) {
        httplib::Client client("127.0.0.1", http->port());
        json body = user == "tv" ? json{{"kiosk_token", kiosk}, {"client", "desktop"}}
                                 : json{{"user", user}, {"password", kPassword}, {"client", "desktop"}};
        auto res = client.Post("/api/login", body.dump(), "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        return json::parse(res->body)["token"].get<std::string>();
    }
    std::pair<int, std::string> Get(const std::string& path, const std::string& user) {
        httplib::Client client("127.0.0.1", http->port());
        client.set_read_timeout(10);
        httplib::Headers headers;
        if (!user.empty()) headers = {{"Authorization", "Bearer " + Token(user)}};
        auto res = client.Get(path, headers);
        REQUIRE(res);
        return {res->status, res->body};
    }
};

const std::string kDay = "/api/reconcile?from=2026-01-05&to=2026-01-05";

}  // namespace

TEST_CASE("/api/reconcile: the worked comparison for an admin, every difference adding up") {
    ReconcileServer server;
    auto [status, body] = server.Get(kDay, "root");
    REQUIRE(status == 200);
    cb::ReconRequest request;
    cb::ReconReport report;
    std::string error;
    REQUIRE_MESSAGE(cb::ReconReportFromJson(body, &request, &report, &error), error);
    CHECK(request.from == "2026-01-05");
    CHECK(request.to == "2026-01-05");
    CHECK(request.time_zone == "UTC+00:00");
    CHECK(request.queues.empty());
    CHECK(report.legs_in_range == 13);
    CHECK(report.Balanced(&error));
    const json j = json::parse(body);
    CHECK(j["balanced"] == true);
    CHECK(j["rows"][0]["row"] == "answered");
    CHECK(j["rows"][0]["unit"] == "calls");
    CHECK(j["rows"][0]["cells"][0] == json{{"tool", "callboard"}, {"reported", true}, {"value", 7}});
    CHECK(j["rows"][0]["cells"][2] ==
          json{{"tool", "asternic"}, {"reported", true}, {"value", 4},
               {"differences", json::array({{{"reason", "transfer"}, {"delta", -3}, {"calls", 3}}})}});
    CHECK(j["rows"][3]["row"] == "service_level");
    CHECK(j["rows"][3]["cells"][1]["numerator"] == 5);
    CHECK(j["rows"][3]["cells"][1]["denominator"] == 7);
    CHECK(j["rows"][3]["cells"][3] == json{{"tool", "wazo"}, {"reported", false}});
    // The same as the command line reads from the same database.
    cbtest::Child cli("/bin/sh", {"-c", kBin + " reconcile --db " + server.db +
                                           " --from 2026-01-05 --to 2026-01-05 --time-zone UTC --json > " +
                                           server.dir.path() + "/cli.json"});
    REQUIRE(cli.Wait(30000) == 0);
    cb::ReconRequest cli_request;
    cb::ReconReport cli_report;
    std::ifstream in(server.dir.path() + "/cli.json");
    const std::string cli_body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE(cb::ReconReportFromJson(cli_body, &cli_request, &cli_report, &error));
    CHECK(cli_report == report);
}

TEST_CASE("/api/reconcile role matrix: queue totals for every role but wallboard; trainers on demo data") {
    ReconcileServer server;
    const std::string admin = server.Get(kDay, "root").second;
    // Manager, qa and lead get exactly the admin's answer: queue totals, no agent, no caller.
    for (const char* user : {"mona", "qiu", "wang"}) {
        auto [status, body] = server.Get(kDay, user);
        CHECK_MESSAGE(status == 200, user);
        CHECK_MESSAGE(body == admin, user);
    }
    CHECK(admin.find("13800000") == std::string::npos);  // no caller number
    CHECK(admin.find("SIP/") == std::string::npos);      // no agent
    auto [tv_status, tv] = server.Get(kDay, "tv");
    CHECK(tv_status == 403);
    CHECK(json::parse(tv)["error"] == "not allowed for role 'wallboard'");
    auto [trainer_status, trainer] = server.Get(kDay, "tina");
    CHECK(trainer_status == 403);
    CHECK(json::parse(trainer)["error"] == "trainers see demo data only; this server has real data");
    CHECK(server.Get(kDay, "").first == 401);
}

TEST_CASE("/api/reconcile on demo data: a trainer may ask") {
    ReconcileServer server("demo:normal");
    CHECK(server.Get(kDay, "tina").first == 200);
}

TEST_CASE("/api/reconcile: bad input gets 400 naming the parameter, and nothing stored changes") {
    ReconcileServer server;
    const std::string before = cbtest::DumpTable(server.db, "events", "idem_key", "idem_key") +
                               cbtest::DumpTable(server.db, "calls", "*", "call");
    const auto refused = [&](const std::string& query, const std::string& message) {
        auto [status, body] = server.Get("/api/reconcile" + query, "root");
        CHECK_MESSAGE(status == 400, query);
        const json j = json::parse(body, nullptr, false);
        CHECK_MESSAGE(j["error"] == message, body);
    };
    refused("", "from: required, a local date YYYY-MM-DD");
    refused("?from=2026-01-05", "to: required, a local date YYYY-MM-DD");
    refused("?from=2026-02-30&to=2026-03-01", "from: '2026-02-30' is not a date (YYYY-MM-DD)");
    refused("?from=2026-01-05&to=yesterday", "to: 'yesterday' is not a date (YYYY-MM-DD)");
    refused("?from=2026-01-05&to=2026-01-04", "to: 2026-01-04 is before from (2026-01-05)");
    refused("?from=2025-01-01&to=2026-01-05", "to: 2025-01-01 to 2026-01-05 is 370 days; at most 92 days at once");
    refused(kDay.substr(14) + "&queue=sales,nope", "queue: 'nope' is not a known queue (known: sales)");
    auto [extra_status, extra] = server.Get(kDay + "&agent=1001", "root");
    CHECK(extra_status == 400);
    // A queue asked for by key, twice or as a list, is the same answer.
    auto [one_status, one] = server.Get(kDay + "&queue=sales", "root");
    REQUIRE(one_status == 200);
    CHECK(json::parse(one)["queues"] == json::array({"sales"}));
    CHECK(server.Get(kDay + "&queue=sales&queue=sales", "root").second == one);
    CHECK(cbtest::DumpTable(server.db, "events", "idem_key", "idem_key") +
              cbtest::DumpTable(server.db, "calls", "*", "call") ==
          before);
}
