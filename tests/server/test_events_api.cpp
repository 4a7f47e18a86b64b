// POST /api/events against a real server with a real-data store: good batches, mixed good
// and bad lines (422 with line numbers), the bearer token (401), CSV, the size limit (413),
// replays, the live engine fed by the API, and the live state restored after a restart.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include "server/base/log.h"
#include "server/cli/serve.h"
#include "server_test_util.h"

namespace {

const std::string kToken = "test-token-0123456789";

struct RealServer {
    cb::ServeApp app;
    std::string db;
    RealServer(const std::string& dir, const std::string& db_name = "real.db") {
        cb::SetLogEnabled(false);
        const std::string config = dir + "/callboard.json";
        std::ofstream(config) << R"({"tz_offset_min": )" << cbtest::NoonOffsetMin()
                              << R"(, "interval_minutes": 15, "ingest_token": ")" << kToken
                              << R"(", "queues": [{"key": "orders", "name_en": "Orders", "name_zh": "订单",
                                  "sl": {"variant": "answered_over_offered", "threshold_s": 20}}]})";
        cb::ServeOptions options;
        options.port = 0;
        options.db = dir + "/" + db_name;
        options.config = config;
        options.api_threads = 4;
        options.max_streams = 4;
        db = options.db;
        cb::HttpConfig http;
        http.assets = {};
        REQUIRE(app.Start(options, http).ok());
    }
    ~RealServer() {
        app.Stop();
        cb::SetLogEnabled(true);
    }
    httplib::Client Client() const {
        httplib::Client client("127.0.0.1", app.port());
        client.set_read_timeout(10);
        client.set_bearer_token_auth(kToken.c_str());
        return client;
    }
};

// A minute ago, so the engine (2 s reorder window) has applied everything.
int64_t Base() { return cb::WallClockMs() - 60000; }

std::string Line(const std::string& id, const std::string& type, int64_t t, const std::string& extra) {
    return R"({"id":")" + id + R"(","type":")" + type + R"(","time":)" + std::to_string(t) + extra + "}\n";
}

// Agent 1001 logs in, gets ready and answers call c1 of orders (still talking); 1002 at lunch.
std::string Morning(int64_t t) {
    return Line("e1", "agent_login", t, R"(,"agent":"1001")") + Line("e2", "agent_ready", t + 1000, R"(,"agent":"1001")") +
           Line("e3", "call_offered", t + 2000, R"(,"call":"c1","queue":"orders")") +
           Line("e4", "agent_ringing", t + 3000, R"(,"call":"c1","agent":"1001","queue":"orders")") +
           Line("e5", "call_answered", t + 4000, R"(,"call":"c1","agent":"1001","queue":"orders","wait_ms":2000)") +
           Line("e6", "agent_login", t + 5000, R"(,"agent":"1002")") +
           Line("e7", "agent_not_ready", t + 6000, R"(,"agent":"1002","reason":"lunch")");
}

nlohmann::json Snapshot(const RealServer& server) {
    auto res = server.Client().Get("/api/snapshot");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return nlohmann::json::parse(res->body);
}

// index of an agent key in the snapshot's directory, -1 if missing
int AgentIndex(const nlohmann::json& snapshot, const std::string& key) {
    const auto& agents = snapshot["directory"]["agents"];
    for (size_t i = 0; i < agents.size(); ++i) {
        if (agents[i]["key"] == key) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace

TEST_CASE("a good batch is stored and shown live; the same batch again only counts duplicates") {
    cbtest::TempDir dir;
    RealServer server(dir.path());
    auto res = server.Client().Post("/api/events", Morning(Base()), "application/x-ndjson");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(nlohmann::json::parse(res->body) ==
          nlohmann::json::parse(R"({"stored":7,"duplicates":0,"rejected":0,"errors":[]})"));
    const auto snapshot = Snapshot(server);
    CHECK(snapshot["source"] == "api");
    const int a1 = AgentIndex(snapshot, "1001"), a2 = AgentIndex(snapshot, "1002");
    REQUIRE(a1 >= 0);
    REQUIRE(a2 >= 0);
    CHECK(snapshot["agents"][a1]["state"] == "on_call");
    CHECK(snapshot["agents"][a2]["state"] == "not_ready");
    CHECK(snapshot["agents"][a2]["reason"] == "lunch");
    CHECK(snapshot["queues"][0]["today"]["offered"] == 1);
    CHECK(snapshot["queues"][0]["today"]["answered"] == 1);

    auto again = server.Client().Post("/api/events", Morning(Base()), "application/x-ndjson");
    REQUIRE(again);
    CHECK(again->status == 200);
    CHECK(nlohmann::json::parse(again->body)["stored"] == 0);
    CHECK(nlohmann::json::parse(again->body)["duplicates"] == 7);
    CHECK(Snapshot(server)["queues"][0]["today"]["offered"] == 1);
}

TEST_CASE("mixed good and bad lines: 422 lists each bad line; the good ones are stored") {
    cbtest::TempDir dir;
    RealServer server(dir.path());
    const int64_t t = Base();
    const std::string body = Line("g1", "agent_login", t, R"(,"agent":"1001")") +  // 1 good
                             "{not json\n" +                                           // 2
                             "\n" +                                                    // 3 blank: skipped
                             Line("b1", "call_teleported", t, R"(,"call":"x")") +     // 4
                             R"({"type":"agent_ready","time":1767571200000,"agent":"1001"})" "\n" +  // 5 no id
                             Line("b3", "call_offered", t, R"(,"call":"c9")") +       // 6 no queue
                             R"({"id":"b4","type":"agent_ready","time":"yesterday","agent":"1001"})" "\n" +  // 7
                             Line("g2", "agent_ready", t + 1000, R"(,"agent":"1001","wait_ms":-5)");  // 8
    auto res = server.Client().Post("/api/events", body, "application/x-ndjson");
    REQUIRE(res);
    CHECK(res->status == 422);
    const auto json = nlohmann::json::parse(res->body);
    CHECK(json["stored"] == 1);
    CHECK(json["rejected"] == 6);
    REQUIRE(json["errors"].size() == 6);
    const std::vector<std::pair<int, std::string>> expected = {
        {2, "not valid JSON"},
        {4, "type: 'call_teleported' is not an event type"},
        {5, "id: required (the event's idempotency key)"},
        {6, "queue: required for call_offered"},
        {7, "time: 'yesterday' is neither RFC 3339 nor epoch milliseconds"},
        {8, "wait_ms: '-5' is not a whole number of milliseconds 0-86400000"},
    };
    for (size_t i = 0; i < expected.size(); ++i) {
        CHECK(json["errors"][i]["line"] == expected[i].first);
        CHECK(json["errors"][i]["reason"] == expected[i].second);
    }
    const auto snapshot = Snapshot(server);
    CHECK(snapshot["agents"][AgentIndex(snapshot, "1001")]["state"] == "not_ready");
}

TEST_CASE("events from 1970-01-01 on are stored with their time; earlier and from 2100 on are refused") {
    cbtest::TempDir dir;
    RealServer server(dir.path());
    const std::string body =
        R"({"id":"y1","type":"agent_login","time":"1999-03-01T08:30:00+08:00","agent":"1001"})" "\n"  // 1
        R"({"id":"y2","type":"agent_logout","time":920248260000,"agent":"1001"})" "\n"                  // 2
        R"({"id":"n1","type":"agent_login","time":"1969-12-31T23:59:59.999Z","agent":"1001"})" "\n"     // 3
        R"({"id":"n2","type":"agent_login","time":-1,"agent":"1001"})" "\n"                             // 4
        R"({"id":"y3","type":"agent_login","time":"1970-01-01T00:00:00Z","agent":"1002"})" "\n"         // 5
        R"({"id":"y4","type":"agent_logout","time":"4102444799999","agent":"1002"})" "\n"               // 6
        R"({"id":"n3","type":"agent_login","time":"2100-01-01T00:00:00Z","agent":"1002"})" "\n"         // 7
        R"({"id":"n4","type":"agent_login","time":4102444800000,"agent":"1002"})" "\n";                 // 8
    auto res = server.Client().Post("/api/events", body, "application/x-ndjson");
    REQUIRE(res);
    CHECK(res->status == 422);
    const auto json = nlohmann::json::parse(res->body);
    CHECK(json["stored"] == 4);
    const std::string range = " is outside 1970-01-01T00:00:00Z to 2099-12-31T23:59:59.999Z";
    CHECK(json["errors"] == nlohmann::json::array({
                                {{"line", 3}, {"reason", "time: '1969-12-31T23:59:59.999Z'" + range}},
                                {{"line", 4}, {"reason", "time: '-1'" + range}},
                                {{"line", 7}, {"reason", "time: '2100-01-01T00:00:00Z'" + range}},
                                {{"line", 8}, {"reason", "time: '4102444800000'" + range}},
                            }));
    // 1999-03-01T08:30:00+08:00 is 1999-03-01T00:30:00Z.
    CHECK(cbtest::Query(server.db, "SELECT idem_key, t_ms FROM events ORDER BY t_ms") ==
          "y3|0\ny1|920248200000\ny2|920248260000\ny4|4102444799999\n");
    // CSV rows go through the same rule.
    auto csv = server.Client().Post("/api/events",
                                    "id,time,type,agent\r\nc1,1999-12-31T23:59:59Z,agent_login,1003\r\n"
                                    "c2,1969-07-20T20:17:40Z,agent_login,1003\r\n",
                                    "text/csv");
    REQUIRE(csv);
    CHECK(nlohmann::json::parse(csv->body)["errors"] ==
          nlohmann::json::parse(R"([{"line":3,"reason":"time: '1969-07-20T20:17:40Z')" + range + R"("}])"));
    CHECK(cbtest::Query(server.db, "SELECT t_ms FROM events WHERE idem_key = 'c1'") == "946684799000\n");
}

TEST_CASE("the bearer token is required and compared exactly") {
    cbtest::TempDir dir;
    RealServer server(dir.path());
    httplib::Client anonymous("127.0.0.1", server.app.port());
    auto none = anonymous.Post("/api/events", Morning(Base()), "application/x-ndjson");
    REQUIRE(none);
    CHECK(none->status == 401);
    CHECK(none->get_header_value("WWW-Authenticate") == "Bearer");
    CHECK(nlohmann::json::parse(none->body)["error"] == "missing or wrong bearer token");
    httplib::Client wrong("127.0.0.1", server.app.port());
    wrong.set_bearer_token_auth((kToken.substr(0, kToken.size() - 1) + "X").c_str());
    auto bad = wrong.Post("/api/events", Morning(Base()), "application/x-ndjson");
    REQUIRE(bad);
    CHECK(bad->status == 401);
    httplib::Client shorter("127.0.0.1", server.app.port());
    shorter.set_bearer_token_auth(kToken.substr(0, 5).c_str());
    CHECK(shorter.Post("/api/events", Morning(Base()), "application/x-ndjson")->status == 401);
    // Nothing was stored by the refused requests.
    CHECK(Snapshot(server)["directory"]["agents"].size() == 0);
}

TEST_CASE("CSV with a header row, RFC 3339 times and quoted cells") {
    cbtest::TempDir dir;
    RealServer server(dir.path());
    const std::string body =
        "id,time,type,call,queue,agent,reason\r\n"
        "c1,2026-01-05T08:00:00+08:00,agent_login,,,\"Li, Na\",\r\n"
        "c2,2026-01-05T00:00:01.250Z,agent_not_ready,,,\"Li, Na\",training\r\n"
        "c3,2026-01-05T08:00:02+08:00,call_offered,77,orders,,\r\n"
        "c4,2026-01-05T08:00:03+08:00,agent_ready,,,,\r\n";
    auto res = server.Client().Post("/api/events", body, "text/csv; charset=utf-8");
    REQUIRE(res);
    CHECK(res->status == 422);
    const auto json = nlohmann::json::parse(res->body);
    CHECK(json["stored"] == 3);
    CHECK(json["errors"] == nlohmann::json::parse(R"([{"line":5,"reason":"agent: required for agent_ready"}])"));
    auto missing_header = server.Client().Post("/api/events", "", "text/csv");
    REQUIRE(missing_header);
    CHECK(missing_header->status == 400);
    auto unsupported = server.Client().Post("/api/events", "x", "text/plain");
    REQUIRE(unsupported);
    CHECK(unsupported->status == 415);
}

TEST_CASE("a body over 16 MiB is refused with 413 and nothing is stored") {
    cbtest::TempDir dir;
    RealServer server(dir.path());
    std::string body;
    const std::string line = Line("x", "agent_login", Base(), R"(,"agent":"1001","reason":")" + std::string(900, 'a') + "\"");
    while (body.size() <= 16 * 1024 * 1024) body += line;
    auto res = server.Client().Post("/api/events", body, "application/x-ndjson");
    REQUIRE(res);
    CHECK(res->status == 413);
    CHECK(Snapshot(server)["directory"]["agents"].size() == 0);
}

TEST_CASE("after a restart the snapshot shows the same agent states and the call still in progress") {
    cbtest::TempDir dir;
    nlohmann::json before;
    {
        RealServer server(dir.path());
        auto res = server.Client().Post("/api/events", Morning(Base()), "application/x-ndjson");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        before = Snapshot(server);
    }
    RealServer again(dir.path());
    const auto after = Snapshot(again);
    CHECK(after["directory"]["agents"] == before["directory"]["agents"]);
    const int a1 = AgentIndex(after, "1001"), a2 = AgentIndex(after, "1002");
    REQUIRE(a1 >= 0);
    CHECK(after["agents"][a1]["state"] == "on_call");
    CHECK(after["agents"][a1]["call"] == before["agents"][a1]["call"]);
    CHECK(after["agents"][a1]["call"] != 0);
    CHECK(after["agents"][a1]["call_since_ms"] == before["agents"][a1]["call_since_ms"]);
    CHECK(after["agents"][a2]["state"] == "not_ready");
    CHECK(after["agents"][a2]["reason"] == "lunch");
    CHECK(after["queues"][0]["today"]["answered"] == 1);
    // The call goes on after the restart: completing it is applied to the restored state.
    auto done = again.Client().Post("/api/events",
                                    Line("e8", "call_completed", Base() + 30000, R"(,"call":"c1","agent":"1001")"),
                                    "application/x-ndjson");
    REQUIRE(done);
    CHECK(done->status == 200);
    const auto later = Snapshot(again);
    CHECK(later["agents"][a1]["state"] == "wrap_up");
    CHECK(later["queues"][0]["today"]["handled"] == 0);  // handled once wrap-up ends
}

TEST_CASE("without a token in the configuration the event API is not there") {
    cbtest::TempDir dir;
    cb::SetLogEnabled(false);
    cb::ServeApp app;
    cb::ServeOptions options;
    options.port = 0;
    options.db = dir.path() + "/demo.db";
    options.api_threads = 4;
    options.max_streams = 4;
    cb::HttpConfig http;
    http.assets = {};
    REQUIRE(app.Start(options, http).ok());
    httplib::Client client("127.0.0.1", app.port());
    client.set_bearer_token_auth(kToken.c_str());
    auto res = client.Post("/api/events", "{}", "application/json");
    REQUIRE(res);
    CHECK(res->status == 404);
    app.Stop();
    cb::SetLogEnabled(true);
}

TEST_CASE("member_added and member_removed through the event API decide which queues count an agent") {
    cbtest::TempDir dir;
    RealServer server(dir.path());
    const int64_t t = Base();
    const std::string body =
        Line("m0", "call_offered", t, R"(,"call":"s1","queue":"support")") +     // adds queue support
        Line("m1", "agent_login", t + 1000, R"(,"agent":"1001")") +
        Line("m2", "agent_ready", t + 2000, R"(,"agent":"1001")") +
        Line("m3", "member_added", t + 3000, R"(,"agent":"1001","queue":"orders")") +
        Line("m4", "member_added", t + 3000, R"(,"agent":"1001","queue":"support")") +
        Line("m5", "member_removed", t + 4000, R"(,"agent":"1001","queue":"support")") +
        Line("m6", "member_added", t + 5000, R"(,"agent":"1001")");                 // no queue
    auto res = server.Client().Post("/api/events", body, "application/x-ndjson");
    REQUIRE(res);
    CHECK(res->status == 422);
    const auto json = nlohmann::json::parse(res->body);
    CHECK(json["stored"] == 6);
    REQUIRE(json["errors"].size() == 1);
    CHECK(json["errors"][0]["line"] == 7);
    CHECK(json["errors"][0]["reason"] == "queue: required for member_added");
    const auto snapshot = Snapshot(server);
    const auto& queues = snapshot["directory"]["queues"];
    REQUIRE(queues.size() == 2);
    for (size_t q = 0; q < queues.size(); ++q) {
        CAPTURE(queues[q]["key"]);
        CHECK(snapshot["queues"][q]["agents_available"] == (queues[q]["key"] == "orders" ? 1 : 0));
    }
}
