// POST /api/demo against a real `callboard serve` (ServeApp) on a loopback port: a trainer's
// commands move the server's demo and every stream follows; who may send them (admin and
// trainer, local mode), the audit trail, bad bodies, and a real-data server that refuses.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include "core/snapshot_json.h"
#include "server/auth/crypto.h"
#include "server/base/log.h"
#include "server/cli/serve.h"
#include "server/store/store_accounts.h"
#include "server_test_util.h"

namespace {

const std::string kPassword = "a-long-password";

struct DemoServer {
    cbtest::TempDir dir;
    cb::ServeApp app;
    std::string db;
    explicit DemoServer(bool accounts, const std::string& config_json = "") {
        cb::SetLogEnabled(false);
        db = dir.path() + "/demo.db";
        if (accounts) {
            auto store = std::move(cb::SqliteAccountStore::Open(db).value());
            for (auto [name, role] : {std::pair{"root", cb::Role::Admin}, std::pair{"tina", cb::Role::Trainer},
                                      std::pair{"mona", cb::Role::Manager}, std::pair{"wang", cb::Role::Lead}}) {
                cb::Account a;
                a.name = name;
                a.role = role;
                if (role == cb::Role::Lead) a.teams = {"team_1"};
                a.password_hash = cb::HashPassword(kPassword).value();
                REQUIRE(store->AddAccount(a).ok());
            }
        }
        cb::ServeOptions options;
        options.port = 0;
        options.db = db;
        options.api_threads = 4;
        options.max_streams = 4;
        options.speed = 10;
        if (!config_json.empty()) {
            options.config = dir.path() + "/callboard.json";
            std::ofstream(options.config) << config_json;
        }
        cb::HttpConfig http;
        http.assets = {};
        REQUIRE(app.Start(options, http).ok());
    }
    ~DemoServer() {
        app.Stop();
        cb::SetLogEnabled(true);
    }
    httplib::Client Client() const {
        httplib::Client client("127.0.0.1", app.port());
        client.set_read_timeout(10);
        return client;
    }
    std::string Token(const std::string& user) {
        nlohmann::json body{{"user", user}, {"password", kPassword}, {"client", "desktop"}};
        auto res = Client().Post("/api/login", body.dump(), "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        return nlohmann::json::parse(res->body)["token"].get<std::string>();
    }
    std::pair<int, nlohmann::json> Post(const std::string& body, const std::string& token = "") {
        httplib::Headers headers;
        if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
        auto res = Client().Post("/api/demo", headers, body, "application/json");
        REQUIRE(res);
        return {res->status, nlohmann::json::parse(res->body, nullptr, false)};
    }
    cb::Snapshot Current() {
        std::string error;
        cb::Snapshot s;
        REQUIRE(cb::SnapshotFromJson(*app.broadcaster().Current()->Json(), &s, &error));
        return s;
    }
};

}  // namespace

TEST_CASE("local mode: pause, jumps, scenario and speed move the server's demo, and the stream follows") {
    DemoServer server(false);
    cb::Snapshot s = server.Current();
    CHECK(s.demo == cb::DemoClock{10, false});

    auto [status, body] = server.Post(R"({"action":"pause"})");
    REQUIRE(status == 200);
    CHECK(body["paused"] == true);
    CHECK(body["speed"] == 10);
    CHECK(body["scenario"] == "normal");
    s = server.Current();
    CHECK(s.demo.paused);
    const int64_t paused_at = s.now_ms;
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    CHECK(server.Current().now_ms == paused_at);  // the clock stands still

    REQUIRE(server.Post(R"({"action":"jump","minutes":60})").first == 200);
    s = server.Current();
    CHECK(s.now_ms == paused_at + 3600000);
    CHECK(s.demo.paused);

    REQUIRE(server.Post(R"({"action":"scenario","scenario":"outage"})").first == 200);
    CHECK(server.Current().source == "demo:outage");
    CHECK(server.app.source_name() == "demo:outage");
    REQUIRE(server.Post(R"({"action":"speed","speed":60})").first == 200);
    REQUIRE(server.Post(R"({"action":"resume"})").first == 200);
    s = server.Current();
    CHECK(s.demo == cb::DemoClock{60, false});

    // A stream opened now starts from the changed demo.
    auto events = cbtest::ReadSse(server.app.port(), "/api/stream", 5000,
                                  [](const std::vector<cbtest::SseEventRead>& e) { return !e.empty(); });
    REQUIRE_FALSE(events.empty());
    CHECK(events[0].data.find(R"("source":"demo:outage")") != std::string::npos);
    CHECK(events[0].data.find(R"("demo":{"paused":false,"speed":60})") != std::string::npos);

    // The events of the jumped hour were stored under the scenario that ran them.
    CHECK(std::stoll(cbtest::Query(server.db, "SELECT count(*) FROM events WHERE source = 'demo:normal'")) > 0);
    CHECK(std::stoll(cbtest::Query(server.db, "SELECT count(*) FROM events WHERE source = 'demo:outage'")) > 0);
}

TEST_CASE("bad commands are refused with what and where, and nothing changes") {
    DemoServer server(false);
    const uint64_t before = server.Current().version;
    auto [status, body] = server.Post(R"({"action":"jump","minutes":0})");
    CHECK(status == 400);
    CHECK(body["error"] == "minutes: expected a whole number of minutes 1-1440");
    CHECK(body["where"] == "body");
    CHECK(server.Post("not json").first == 400);
    CHECK(server.Post(R"({"action":"jump_to","time":"25:00"})").second["error"] ==
          "time: expected a time of day HH:MM, 00:00-23:59");
    CHECK_FALSE(server.Current().demo.paused);
    CHECK(server.Current().version >= before);
    auto get = server.Client().Get("/api/demo");
    REQUIRE(get);
    CHECK(get->status == 404);
}

TEST_CASE("accounts mode: admin and trainer may control the demo, other roles may not; all audited") {
    DemoServer server(true);
    CHECK(server.Post(R"({"action":"pause"})").first == 401);
    const std::string lead = server.Token("wang"), manager = server.Token("mona");
    CHECK(server.Post(R"({"action":"pause"})", lead).first == 403);
    auto [status, body] = server.Post(R"({"action":"pause"})", manager);
    CHECK(status == 403);
    CHECK(body["error"] == "not allowed for role 'manager'");
    CHECK_FALSE(server.Current().demo.paused);

    CHECK(server.Post(R"({"action":"pause"})", server.Token("tina")).first == 200);
    CHECK(server.Current().demo.paused);
    CHECK(server.Post(R"({"action":"resume"})", server.Token("root")).first == 200);
    CHECK_FALSE(server.Current().demo.paused);

    // The session tells the UI whether to show the controls.
    auto session = [&](const std::string& token) {
        auto res = server.Client().Get("/api/session", {{"Authorization", "Bearer " + token}});
        REQUIRE(res);
        return nlohmann::json::parse(res->body)["may_control_demo"].get<bool>();
    };
    CHECK(session(server.Token("tina")));
    CHECK_FALSE(session(lead));

    const std::string audit = cbtest::Query(server.db,
        "SELECT user || ' ' || action || ' ' || ok || ' ' || detail FROM audit WHERE action = 'demo_control' ORDER BY id");
    CHECK(audit ==
          "wang demo_control 0 refused: role lead\n"
          "mona demo_control 0 refused: role manager\n"
          "tina demo_control 1 {\"action\":\"pause\"}\n"
          "root demo_control 1 {\"action\":\"resume\"}\n");
}

TEST_CASE("a server with a real source has no simulation to control: 409") {
    DemoServer server(false, R"({"ingest_token": "test-token-0123456789", "tz_offset_min": 480})");
    REQUIRE(server.app.source_name() == "api");
    auto [status, body] = server.Post(R"({"action":"pause"})");
    CHECK(status == 409);
    CHECK(body["error"] == "this server shows real data: there is no simulation to control");
    CHECK(server.Current().demo.speed == 0);
}
