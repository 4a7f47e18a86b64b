// GET /api/calls against a real server on a loopback port: the authorization matrix (admin and
// qa see full caller numbers, manager, lead and trainer masked, a lead only their teams' calls,
// wallboard and trainer-on-real-data 403), filters, bad parameters, the event API's `caller`
// field stored and shown, and the server log never holding a full number.
#include <doctest/doctest.h>

#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>
#include "server/auth/crypto.h"
#include "server/base/log.h"
#include "server/http/http_server.h"
#include "server/store/store.h"
#include "server/store/store_accounts.h"
#include "server/store/store_calls_query.h"
#include "server_test_util.h"

namespace {

using nlohmann::json;

const std::string kPassword = "a-long-password";
const std::string kBin = CB_CALLBOARD_BIN;
constexpr int64_t kT = 1767582000000;  // 2026-01-05 11:00 +08:00; SmallCenter's clock is 12:00
constexpr int64_t kDay = 86400000;

// Team a: agents 1001 and 1003; team b: agent 1002 (as in test_auth_http.cpp).
cb::Snapshot Center(const std::string& source) {
    cb::Snapshot s = cbtest::SmallCenter(1);
    s.source = source;
    s.directory.teams.push_back({"b", "Team B", "B组", 1});
    s.teams.emplace_back();
    s.directory.agents[1].team = 1;
    s.directory.agents.push_back({"1003", "Zhang Wei", "张伟", 0, 1, 1, 30, 1});
    s.agents.emplace_back();
    return s;
}

cb::Event E(cb::EventKind kind, int64_t t, uint64_t call, uint32_t agent = cb::kNoAgent, int64_t wait = -1) {
    cb::Event e;
    e.kind = kind;
    e.t_ms = t;
    e.call = call;
    e.queue = 0;
    e.agent = agent;
    e.wait_ms = wait;
    return e;
}

// c1 (1001, team a) from 13812345678; c2 (1002, team b) from +86 139-8765-4321; c3 abandoned
// from 13700001111; c4 (1003, team a) without a number, still talking; c5 yesterday (1001).
std::vector<cb::StoredEvent> Calls() {
    using K = cb::EventKind;
    return {
        {"1o", E(K::CallOffered, kT, 1), "13812345678"},
        {"1a", E(K::CallAnswered, kT + 20000, 1, 0, 20000)},
        {"1c", E(K::CallCompleted, kT + 140000, 1, 0)},
        {"2o", E(K::CallOffered, kT + 60000, 2), "+86 139-8765-4321"},
        {"2a", E(K::CallAnswered, kT + 90000, 2, 1, 30000)},
        {"2c", E(K::CallCompleted, kT + 150000, 2, 1)},
        {"3o", E(K::CallOffered, kT + 120000, 3), "13700001111"},
        {"3x", E(K::CallAbandoned, kT + 165000, 3, cb::kNoAgent, 45000)},
        {"4o", E(K::CallOffered, kT + 180000, 4)},
        {"4a", E(K::CallAnswered, kT + 185000, 4, 2, 5000)},
        {"5o", E(K::CallOffered, kT - kDay, 5), "13611112222"},
        {"5a", E(K::CallAnswered, kT - kDay + 10000, 5, 0, 10000)},
        {"5c", E(K::CallCompleted, kT - kDay + 70000, 5, 0)},
    };
}

struct CallsServer {
    cbtest::TempDir dir;
    std::string db = dir.path() + "/center.db";
    std::unique_ptr<cb::SqliteAccountStore> accounts;
    cb::CallsQuery calls;
    int64_t now = 1767585600000;
    std::unique_ptr<cb::AuthService> auth;
    cb::Broadcaster broadcaster;
    std::unique_ptr<cb::HttpServer> http;
    std::thread thread;
    std::string kiosk = cb::RandomToken();

    explicit CallsServer(const std::string& source = "api") {
        cb::SetLogEnabled(false);
        {
            auto store = cb::Store::Open(db, source == "api" ? cb::DataKind::Real : cb::DataKind::Demo);
            REQUIRE(store.ok());
            const cb::Snapshot center = Center(source);
            REQUIRE(store.value()->SaveDirectory(center.directory).ok());
            REQUIRE(store.value()->Append(source, center.directory, Calls()).ok());
        }
        accounts = std::move(cb::SqliteAccountStore::Open(db).value());
        auth = std::make_unique<cb::AuthService>(accounts.get(), [this] { return now; });
        REQUIRE(calls.Open(db).ok());
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
        broadcaster.Publish(Center(source));
        cb::HttpConfig config;
        config.max_streams = 4;
        config.api_threads = 4;
        config.assets = {};
        config.auth.service = auth.get();
        config.calls = &calls;
        http = std::make_unique<cb::HttpServer>(&broadcaster, config);
        REQUIRE(http->Bind("127.0.0.1", 0).ok());
        thread = std::thread([this] { http->Run(); });
    }
    ~CallsServer() {
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
    std::pair<int, json> Get(const std::string& path, const std::string& user) {
        httplib::Client client("127.0.0.1", http->port());
        client.set_read_timeout(5);
        httplib::Headers headers;
        if (!user.empty()) headers = {{"Authorization", "Bearer " + Token(user)}};
        auto res = client.Get(path, headers);
        REQUIRE(res);
        return {res->status, json::parse(res->body, nullptr, false)};
    }
};

// "call key:caller" of each listed call, in order ("-" for none).
std::vector<std::string> Listed(const json& body) {
    std::vector<std::string> out;
    for (const json& c : body["calls"]) out.push_back(c["call"].get<std::string>() + ":" + (c["caller"].is_null() ? "-" : c["caller"].get<std::string>()));
    return out;
}

}  // namespace

TEST_CASE("/api/calls: today's calls newest first, with every field, for an admin") {
    CallsServer server;
    auto [status, body] = server.Get("/api/calls", "root");
    REQUIRE(status == 200);
    CHECK(body["from_ms"] == 1767542400000);  // local midnight of 2026-01-05 (+08:00)
    CHECK(body["to_ms"] == 1767542400000 + kDay);
    CHECK(body["caller_masked"] == false);
    CHECK(Listed(body) == std::vector<std::string>{"4:-", "3:13700001111", "2:+86 139-8765-4321", "1:13812345678"});
    const json& c4 = body["calls"][0];
    CHECK(c4 == json{{"source", "api"}, {"call", "4"}, {"t_ms", kT + 180000}, {"queue", "orders"}, {"agent", "1003"},
                     {"wait_ms", 5000}, {"talk_ms", nullptr}, {"outcome", "answered_open"}, {"caller", nullptr}});
    const json& c3 = body["calls"][1];
    CHECK(c3 == json{{"source", "api"}, {"call", "3"}, {"t_ms", kT + 120000}, {"queue", "orders"}, {"agent", nullptr},
                     {"wait_ms", 45000}, {"talk_ms", nullptr}, {"outcome", "abandoned"}, {"caller", "13700001111"}});
    const json& c1 = body["calls"][3];
    CHECK(c1 == json{{"source", "api"}, {"call", "1"}, {"t_ms", kT}, {"queue", "orders"}, {"agent", "1001"},
                     {"wait_ms", 20000}, {"talk_ms", 120000}, {"outcome", "answered"}, {"caller", "13812345678"}});
}

TEST_CASE("/api/calls authorization matrix: who sees which calls and which numbers") {
    CallsServer server;
    const std::vector<std::string> full = {"4:-", "3:13700001111", "2:+86 139-8765-4321", "1:13812345678"};
    const std::vector<std::string> masked = {"4:-", "3:137****1111", "2:+86 1**-****-4321", "1:138****5678"};

    auto [qa_status, qa] = server.Get("/api/calls", "qiu");
    CHECK(qa_status == 200);
    CHECK(Listed(qa) == full);
    CHECK(qa["caller_masked"] == false);

    auto [manager_status, manager] = server.Get("/api/calls", "mona");
    CHECK(manager_status == 200);
    CHECK(Listed(manager) == masked);
    CHECK(manager["caller_masked"] == true);

    // A lead of team a: calls answered by 1001 and 1003 only; unanswered calls belong to no team.
    auto [lead_status, lead] = server.Get("/api/calls", "wang");
    CHECK(lead_status == 200);
    CHECK(Listed(lead) == std::vector<std::string>{"4:-", "1:138****5678"});
    // Asking for another team's agent or for abandoned calls gives nothing, not an error.
    CHECK(Listed(server.Get("/api/calls?agent=1002", "wang").second).empty());
    CHECK(Listed(server.Get("/api/calls?outcome=abandoned", "wang").second).empty());

    auto [tv_status, tv] = server.Get("/api/calls", "tv");
    CHECK(tv_status == 403);
    CHECK(tv["error"] == "not allowed for role 'wallboard'");

    auto [trainer_status, trainer] = server.Get("/api/calls", "tina");
    CHECK(trainer_status == 403);
    CHECK(trainer["error"] == "trainers see demo data only; this server has real data");

    auto [anonymous_status, anonymous] = server.Get("/api/calls", "");
    CHECK(anonymous_status == 401);
}

TEST_CASE("/api/calls on demo data: a trainer sees the calls, numbers masked") {
    CallsServer server("demo:normal");
    auto [status, body] = server.Get("/api/calls", "tina");
    CHECK(status == 200);
    CHECK(Listed(body) == std::vector<std::string>{"4:-", "3:137****1111", "2:+86 1**-****-4321", "1:138****5678"});
}

TEST_CASE("/api/calls filters: time range, queue, agent, outcome, limit") {
    CallsServer server;
    const std::string yesterday = "from=" + std::to_string(1767542400000 - kDay) + "&to=1767542400000";
    CHECK(Listed(server.Get("/api/calls?" + yesterday, "root").second) == std::vector<std::string>{"5:13611112222"});
    CHECK(Listed(server.Get("/api/calls?from=" + std::to_string(kT + 60000) + "&to=" + std::to_string(kT + 120001), "root").second) ==
          std::vector<std::string>{"3:13700001111", "2:+86 139-8765-4321"});
    CHECK(Listed(server.Get("/api/calls?agent=1001", "root").second) == std::vector<std::string>{"1:13812345678"});
    CHECK(Listed(server.Get("/api/calls?outcome=abandoned", "root").second) == std::vector<std::string>{"3:13700001111"});
    CHECK(Listed(server.Get("/api/calls?outcome=answered&queue=orders", "root").second) ==
          std::vector<std::string>{"2:+86 139-8765-4321", "1:13812345678"});
    CHECK(Listed(server.Get("/api/calls?queue=sales", "root").second).empty());
    CHECK(Listed(server.Get("/api/calls?limit=1", "root").second) == std::vector<std::string>{"4:-"});
}

TEST_CASE("/api/calls answers 400 naming the parameter for bad ones") {
    CallsServer server;
    const std::pair<std::string, std::string> cases[] = {
        {"limit=0", "limit: '0' is not a whole number 1-1000"},
        {"limit=1001", "limit: '1001' is not a whole number 1-1000"},
        {"from=yesterday", "from: 'yesterday' is not a whole number 0-9223372036854775807"},
        {"to=-5", "to: '-5' is not a whole number 0-9223372036854775807"},
        {"from=200&to=100", "from: 200 is not before to (100)"},
        {"outcome=won",
         "outcome: 'won' is not one of answered, transferred, abandoned, timed_out, other_exit, answered_open, open"},
    };
    for (const auto& [query, message] : cases) {
        CAPTURE(query);
        auto [status, body] = server.Get("/api/calls?" + query, "root");
        CHECK(status == 400);
        CHECK(body["error"] == message);
        CHECK(body["where"] == "query");
        CHECK(body["path"] == "/api/calls");
    }
    auto [status, body] = server.Get("/api/calls?caller=138", "root");
    CHECK(status == 400);
}

TEST_CASE("the event API stores `caller`, /api/calls shows it, and the server log never has it in full") {
    cbtest::TempDir dir;
    const std::string config = dir.path() + "/callboard.json";
    std::ofstream(config) << R"({"tz_offset_min": )" << cbtest::NoonOffsetMin() << R"(, "ingest_token": "test-token-0123456789"})";
    const int port = cbtest::FreePort();
    cbtest::Child server(kBin, {"serve", "--port", std::to_string(port), "--db", dir.path() + "/real.db", "--config", config});
    REQUIRE(server.WaitHealthy(port, 10000));
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(10);
    client.set_bearer_token_auth("test-token-0123456789");
    const int64_t t = cb::WallClockMs() - 60000;
    const std::string body =
        R"({"id":"o1","type":"call_offered","time":)" + std::to_string(t) + R"(,"call":"x1","queue":"orders","caller":"13812345678"})" "\n" +
        R"({"id":"o2","type":"call_offered","time":)" + std::to_string(t + 1000) + R"(,"call":"x2","queue":"orders","caller":13912345678})" "\n" +
        R"({"id":"a1","type":"call_answered","time":)" + std::to_string(t + 2000) + R"(,"call":"x1","queue":"orders","agent":"1001","caller":"13812345678"})" "\n" +
        R"({"id":"o3","type":"call_offered","time":)" + std::to_string(t + 3000) + R"(,"call":"x3","queue":"orders","caller":"Anonymous 13700001111"})" "\n";
    auto posted = client.Post("/api/events", body, "application/x-ndjson");
    REQUIRE(posted);
    CHECK(posted->status == 422);
    const json answer = json::parse(posted->body);
    CHECK(answer["stored"] == 2);
    const json errors = json::array({
        json{{"line", 3}, {"reason", "caller: only for call_offered, not call_answered"}},
        json{{"line", 4}, {"reason", "caller: not a phone number (1-32 characters: digits, + - . ( ) and spaces)"}}});
    CHECK(answer["errors"] == errors);

    // Local mode: the caller is the local admin, who sees numbers in full.
    httplib::Client reader("127.0.0.1", port);
    reader.set_read_timeout(10);
    auto listed = reader.Get("/api/calls");
    REQUIRE(listed);
    REQUIRE(listed->status == 200);
    const json calls = json::parse(listed->body)["calls"];
    REQUIRE(calls.size() == 2);
    CHECK(calls[0]["caller"] == "13912345678");
    CHECK(calls[1]["caller"] == "13812345678");
    CHECK(calls[1]["outcome"] == "open");

    server.Signal(SIGTERM);
    CHECK(server.Wait(10000) == 0);
    const std::string log = server.Stderr();
    CHECK(log.find("GET /api/calls 200") != std::string::npos);
    CHECK(log.find("13812345678") == std::string::npos);
    CHECK(log.find("13912345678") == std::string::npos);
    CHECK(log.find("13700001111") == std::string::npos);
}

TEST_CASE("callboard import lists a rejected ENTERQUEUE line with the number masked") {
    cbtest::TempDir dir;
    const std::string log = dir.path() + "/queue_log", out = dir.path() + "/out.txt";
    std::ofstream(log) << "1767582000|c1|support|NONE|ENTERQUEUE||13812345678|1\n"
                          "later|c2|support|NONE|ENTERQUEUE||13912345678|1\n";
    cbtest::Child import("/bin/sh",
                         {"-c", kBin + " import queue_log " + log + " --db " + dir.path() + "/i.db --json > " + out});
    CHECK(import.Wait(30000) == 0);
    std::ifstream in(out);
    const std::string printed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string everything = printed + import.Stderr();
    const json summary = json::parse(printed, nullptr, false);
    REQUIRE(summary.contains("rejected"));
    REQUIRE(summary["rejected"].size() == 1);
    CHECK(summary["rejected"][0]["text"] == "later|c2|support|NONE|ENTERQUEUE||139****5678|1");
    CHECK(everything.find("13912345678") == std::string::npos);
    CHECK(everything.find("13812345678") == std::string::npos);
}
