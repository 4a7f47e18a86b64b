// A real center end to end: the `callboard serve --config` binary follows an Asterisk queue_log
// that grows line by line (a partial line written in two parts, a rotation by rename + new
// file, a member nobody configured), maps members to named agents and teams, and shows the
// queues, agent states, waiting counts and today's counts the lines imply; SIGTERM stops it
// with 0 and a restart restores the live state and resumes the file. The event API of another
// system feeds the same snapshot.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/stat.h>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <thread>
#include "server_test_util.h"

namespace {

using nlohmann::json;

const std::string kBin = CB_CALLBOARD_BIN;
const std::string kToken = "follow-test-token-0123456789";

using cbtest::NoonOffsetMin;

std::string Config(int tz_offset_min, const std::string& extra) {
    return R"({"tz_offset_min": )" + std::to_string(tz_offset_min) + extra + R"(,
  "teams": [{"key": "north", "name_en": "North Team", "name_zh": "北组"}],
  "agents": [
    {"member": "PJSIP/8001", "key": "8001", "name_en": "Wang Fang", "name_zh": "王芳", "team": "north"},
    {"member": "PJSIP/8002", "key": "8002", "name_en": "Li Na", "name_zh": "李娜", "team": "north"},
    {"member": "Local/8003@agents/n", "key": "8003", "name_en": "Zhang Wei", "name_zh": "张伟", "team": "north"}
  ],
  "queues": [
    {"name": "support", "key": "support", "name_en": "Support", "name_zh": "客服",
     "sl": {"variant": "answered_over_offered", "threshold_s": 20, "target": 0.8}},
    {"name": "sales", "key": "sales_q", "name_en": "Sales", "name_zh": "销售"}
  ]})";
}

void Append(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::app | std::ios::binary);
    out << text;
}

// "epoch|rest\n"
std::string L(int64_t epoch, const std::string& rest) { return std::to_string(epoch) + "|" + rest + "\n"; }

struct Server {
    int port = cbtest::FreePort();
    std::unique_ptr<cbtest::Child> child;
    Server(const std::string& dir, const std::string& config, const std::string& db) {
        child = std::make_unique<cbtest::Child>(
            kBin, std::vector<std::string>{"serve", "--port", std::to_string(port), "--config", config, "--db", db,
                                           "--api-threads", "4", "--max-streams", "4"},
            dir);
        REQUIRE_MESSAGE(child->WaitHealthy(port, 20000), child->Stderr());
    }
    json Snapshot() const {
        httplib::Client client("127.0.0.1", port);
        client.set_read_timeout(10);
        auto res = client.Get("/api/snapshot");
        if (!res || res->status != 200) return json();
        return json::parse(res->body, nullptr, false);
    }
    // Polls the snapshot until want() holds (true) or timeout; *out = the last snapshot.
    bool WaitFor(const std::function<bool(const json&)>& want, json* out, int timeout_ms = 10000) const {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        while (true) {
            *out = Snapshot();
            bool ok = false;
            if (out->is_object()) {
                try {
                    ok = want(*out);
                } catch (const json::exception&) {
                    ok = false;  // a field not there yet
                }
            }
            if (ok) return true;
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    int Stop() {
        child->Signal(SIGTERM);
        return child->Wait(20000);
    }
};

int Index(const json& list, const std::string& key) {
    for (size_t i = 0; i < list.size(); ++i) {
        if (list[i]["key"] == key) return static_cast<int>(i);
    }
    return -1;
}
int Q(const json& s, const std::string& key) { return Index(s["directory"]["queues"], key); }
int A(const json& s, const std::string& key) { return Index(s["directory"]["agents"], key); }

// The state of an agent ("" when the agent is not there).
std::string State(const json& s, const std::string& key) {
    const int a = A(s, key);
    return a < 0 ? "" : s["agents"][a]["state"].get<std::string>();
}
std::string Reason(const json& s, const std::string& key) {
    const int a = A(s, key);
    return a < 0 ? "" : s["agents"][a]["reason"].get<std::string>();
}
json Today(const json& s, const std::string& queue) { return s["queues"][Q(s, queue)]["today"]; }
int Waiting(const json& s, const std::string& queue) {
    const int q = Q(s, queue);
    return q < 0 ? -1 : s["queues"][q]["waiting"].get<int>();
}

// What a supervisor reads off a queue: waiting and today's call counts (the time counters
// move with the clock and are left out).
json QueueFigures(const json& s, const std::string& queue) {
    const json t = Today(s, queue);
    return json{{"waiting", Waiting(s, queue)},         {"offered", t["offered"]},
                {"answered", t["answered"]},           {"answered_within_t", t["answered_within_t"]},
                {"abandoned", t["abandoned"]},         {"abandoned_within_t", t["abandoned_within_t"]},
                {"short_abandoned", t["short_abandoned"]}, {"exited", t["exited"]}};
}
json Figures(int waiting, int offered, int answered, int within, int abandoned, int abandoned_within, int short_ab,
             int exited) {
    return json{{"waiting", waiting},     {"offered", offered},
                {"answered", answered},   {"answered_within_t", within},
                {"abandoned", abandoned}, {"abandoned_within_t", abandoned_within},
                {"short_abandoned", short_ab}, {"exited", exited}};
}

void CheckMappedAgent(const json& s, const std::string& key, const std::string& en, const std::string& zh) {
    const int a = A(s, key);
    REQUIRE_MESSAGE(a >= 0, "agent " << key << " missing");
    const json& agent = s["directory"]["agents"][a];
    CHECK(agent["name_en"] == en);
    CHECK(agent["name_zh"] == zh);
    const int team = agent["team"].get<int>();
    REQUIRE(team >= 0);
    CHECK(s["directory"]["teams"][team]["key"] == "north");
}

}  // namespace

TEST_CASE("serve follows a growing, rotated queue_log and shows the center; a restart restores it") {
    cbtest::TempDir dir;
    const int tz = NoonOffsetMin();
    const std::string log = dir.path() + "/queue_log";
    const std::string config = dir.path() + "/callboard.json";
    const std::string db = dir.path() + "/center.db";
    std::ofstream(config) << Config(tz, R"(, "queue_log": {"follow": "queue_log"})");
    const int64_t t = static_cast<int64_t>(std::time(nullptr)) - 1200;  // 20 minutes ago

    // Before the server starts: the morning so far (a historical part of the file).
    Append(log, L(t, "NONE|NONE|NONE|QUEUESTART|") +
                    L(t + 1, "NONE|support|PJSIP/8001|ADDMEMBER|") + L(t + 1, "NONE|sales|PJSIP/8001|ADDMEMBER|") +
                    L(t + 2, "NONE|support|PJSIP/8002|ADDMEMBER|") +
                    L(t + 3, "NONE|support|Local/8003@agents/n|ADDMEMBER|") +
                    L(t + 10, "c1|support|NONE|ENTERQUEUE||13800000001|1") +
                    L(t + 15, "c1|support|PJSIP/8001|CONNECT|5|m1|2"));  // waited 5 s: within 20

    Server server(dir.path(), config, db);
    json s;
    CHECK(server.WaitFor([](const json& snap) { return State(snap, "8001") == "on_call"; }, &s));
    CHECK(s["source"] == "queue_log");
    CHECK(s["tz_offset_min"] == tz);
    // The configured queues, by key, with their names and service levels; the mapped agents.
    REQUIRE(Q(s, "support") >= 0);
    REQUIRE(Q(s, "sales_q") >= 0);
    CHECK(Q(s, "sales") == -1);
    CHECK(s["directory"]["queues"][Q(s, "support")]["name_zh"] == "客服");
    CHECK(s["directory"]["queues"][Q(s, "support")]["sl"]["threshold_s"] == 20);
    CHECK(s["directory"]["queues"][Q(s, "sales_q")]["name_en"] == "Sales");
    CheckMappedAgent(s, "8001", "Wang Fang", "王芳");
    CheckMappedAgent(s, "8002", "Li Na", "李娜");
    CheckMappedAgent(s, "8003", "Zhang Wei", "张伟");
    CHECK(A(s, "PJSIP/8001") == -1);
    CHECK(State(s, "8002") == "available");
    CHECK(State(s, "8003") == "available");
    CHECK(QueueFigures(s, "support") == Figures(0, 1, 1, 1, 0, 0, 0, 0));

    // Live lines: a second answer beyond 20 s, a completion, an abandon in sales (8 s: within
    // 20, not short), a lunch pause written per queue, two callers waiting.
    Append(log, L(t + 20, "c2|support|NONE|ENTERQUEUE||13800000002|1") +
                    L(t + 50, "c2|support|PJSIP/8002|CONNECT|30|m2|3") +
                    L(t + 100, "c1|support|PJSIP/8001|COMPLETEAGENT|5|85|1") +
                    L(t + 110, "c3|sales|NONE|ENTERQUEUE||13800000003|1") + L(t + 118, "c3|sales|NONE|ABANDON|1|1|8") +
                    L(t + 120, "NONE|support|PJSIP/8001|PAUSE|Lunch") + L(t + 120, "NONE|sales|PJSIP/8001|PAUSE|Lunch") +
                    L(t + 130, "c4|support|NONE|ENTERQUEUE||13800000004|1") +
                    L(t + 131, "c5|support|NONE|ENTERQUEUE||13800000005|2"));
    CHECK(server.WaitFor([](const json& snap) { return Waiting(snap, "support") == 2; }, &s));
    CHECK(State(s, "8001") == "not_ready");
    CHECK(Reason(s, "8001") == "lunch");
    CHECK(State(s, "8002") == "on_call");
    CHECK(State(s, "8003") == "available");
    CHECK(QueueFigures(s, "support") == Figures(2, 4, 2, 1, 0, 0, 0, 0));
    CHECK(QueueFigures(s, "sales_q") == Figures(0, 1, 0, 0, 1, 1, 0, 0));
    // Every member so far is configured with a team: no empty "unassigned" team is made.
    for (const json& team : s["directory"]["teams"]) CHECK(team["key"] != "unassigned");

    // A line written in two parts: nothing happens until its newline arrives.
    const std::string connect = L(t + 140, "c4|support|Local/8003@agents/n|CONNECT|10|m4|4");
    Append(log, connect.substr(0, 22));
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // several follow ticks
    s = server.Snapshot();
    CHECK(Waiting(s, "support") == 2);
    CHECK(State(s, "8003") == "available");
    Append(log, connect.substr(22) + L(t + 150, "NONE|support|PJSIP/8001|UNPAUSE|") +
                    L(t + 150, "NONE|sales|PJSIP/8001|UNPAUSE|"));
    CHECK(server.WaitFor([](const json& snap) { return State(snap, "8001") == "available"; }, &s));
    CHECK(State(s, "8003") == "on_call");
    CHECK(QueueFigures(s, "support") == Figures(1, 4, 3, 2, 0, 0, 0, 0));

    // Rotation: a last line in the old file, rename, a new file. The old file's rest is read
    // first; the new file from its start. A member nobody configured joins.
    Append(log, L(t + 155, "c2|support|PJSIP/8002|COMPLETECALLER|30|105|3"));
    REQUIRE(std::rename(log.c_str(), (log + ".1").c_str()) == 0);
    Append(log, L(t + 160, "c5|support|NONE|ABANDON|2|2|29") + L(t + 170, "NONE|support|PJSIP/8002|PAUSE|培训") +
                    L(t + 175, "c6|sales|NONE|ENTERQUEUE||13800000006|1") + L(t + 180, "NONE|sales|PJSIP/8009|ADDMEMBER|"));
    CHECK(server.WaitFor([](const json& snap) { return State(snap, "PJSIP/8009") == "available"; }, &s));
    CHECK(State(s, "8001") == "available");
    CHECK(State(s, "8002") == "not_ready");
    CHECK(Reason(s, "8002") == "training");
    CHECK(State(s, "8003") == "on_call");
    CHECK(QueueFigures(s, "support") == Figures(0, 4, 3, 2, 1, 0, 0, 0));
    CHECK(QueueFigures(s, "sales_q") == Figures(1, 2, 0, 0, 1, 1, 0, 0));
    {
        const json& unknown = s["directory"]["agents"][A(s, "PJSIP/8009")];
        CHECK(unknown["name_en"] == "PJSIP/8009");
        CHECK(s["directory"]["teams"][unknown["team"].get<int>()]["key"] == "unassigned");
    }
    // Configured names survive the directory growing (the engine is rebuilt for the new agent).
    CheckMappedAgent(s, "8001", "Wang Fang", "王芳");
    CheckMappedAgent(s, "8003", "Zhang Wei", "张伟");
    const json before = s;

    // SIGTERM: a clean stop with 0; a restart shows the same center.
    CHECK(server.Stop() == 0);
    Server again(dir.path(), config, db);
    CHECK(again.WaitFor([](const json& snap) { return Q(snap, "support") >= 0 && A(snap, "PJSIP/8009") >= 0; }, &s));
    for (const char* key : {"8001", "8002", "8003", "PJSIP/8009"}) {
        CAPTURE(key);
        CHECK(State(s, key) == State(before, key));
        CHECK(Reason(s, key) == Reason(before, key));
        CHECK(s["directory"]["agents"][A(s, key)] == before["directory"]["agents"][A(before, key)]);
    }
    CHECK(s["agents"][A(s, "8003")]["call"] == before["agents"][A(before, "8003")]["call"]);
    CHECK(s["agents"][A(s, "8003")]["call_since_ms"] == (t + 140) * 1000);
    CHECK(QueueFigures(s, "support") == QueueFigures(before, "support"));
    CHECK(QueueFigures(s, "sales_q") == QueueFigures(before, "sales_q"));
    CHECK(s["queues"][Q(s, "sales_q")]["oldest_wait_since_ms"] == (t + 175) * 1000);

    // The file goes on after the restart: resumed, nothing counted twice.
    Append(log, L(t + 190, "c6|sales|PJSIP/8001|CONNECT|15|m6|2") + L(t + 200, "NONE|support|PJSIP/8002|UNPAUSE|"));
    CHECK(again.WaitFor([](const json& snap) { return State(snap, "8002") == "available"; }, &s));
    CHECK(State(s, "8001") == "on_call");
    CHECK(State(s, "8003") == "on_call");
    CHECK(QueueFigures(s, "sales_q") == Figures(0, 2, 1, 1, 1, 1, 0, 0));
    CHECK(QueueFigures(s, "support") == Figures(0, 4, 3, 2, 1, 0, 0, 0));
    CHECK(again.Stop() == 0);
    CHECK(again.child->Stderr().find("resuming after byte") != std::string::npos);
}

// After a restart the followed file is mapped from its first line, so what the mapper learnt
// from the rotated file is gone. A COMPLETE for a call answered before the rotation still ends
// the restored call (same call key), and removing the agent from its queues logs it out although
// the mapper never saw the ADDMEMBERs (docs/queue_log.md, "Lines without context").
TEST_CASE("after a restart, lines about calls and members from before a rotation still apply") {
    cbtest::TempDir dir;
    const std::string log = dir.path() + "/queue_log";
    const std::string config = dir.path() + "/callboard.json";
    const std::string db = dir.path() + "/center.db";
    std::ofstream(config) << Config(NoonOffsetMin(), R"(, "queue_log": {"follow": "queue_log"})");
    const int64_t t = static_cast<int64_t>(std::time(nullptr)) - 600;
    Append(log, L(t, "NONE|support|PJSIP/8001|ADDMEMBER|") + L(t, "NONE|sales|PJSIP/8001|ADDMEMBER|") +
                    L(t + 10, "c1|support|NONE|ENTERQUEUE||13800000001|1") +
                    L(t + 15, "c1|support|PJSIP/8001|CONNECT|5|m1|2"));
    json s;
    {
        Server server(dir.path(), config, db);
        CHECK(server.WaitFor([](const json& snap) { return State(snap, "8001") == "on_call"; }, &s));
        REQUIRE(std::rename(log.c_str(), (log + ".1").c_str()) == 0);
        Append(log, L(t + 20, "c2|sales|NONE|ENTERQUEUE||13800000002|1"));
        CHECK(server.WaitFor([](const json& snap) { return Waiting(snap, "sales_q") == 1; }, &s));
        CHECK(server.Stop() == 0);
    }
    Server again(dir.path(), config, db);
    CHECK(again.WaitFor([](const json& snap) { return State(snap, "8001") == "on_call"; }, &s));
    Append(log, L(t + 100, "c1|support|PJSIP/8001|COMPLETEAGENT|5|85|1"));
    // No wrapuptime: Asterisk frees the agent when the call ends.
    CHECK(again.WaitFor([](const json& snap) { return State(snap, "8001") == "available"; }, &s, 3000));
    Append(log, L(t + 110, "NONE|sales|PJSIP/8001|REMOVEMEMBER|") + L(t + 110, "NONE|support|PJSIP/8001|REMOVEMEMBER|") +
                    L(t + 111, "c2|sales|NONE|ABANDON|1|1|91"));
    CHECK(again.WaitFor([](const json& snap) { return Waiting(snap, "sales_q") == 0; }, &s));
    CHECK(State(s, "8001") == "logged_out");
    CHECK(again.Stop() == 0);
}

TEST_CASE("another system's events through POST /api/events show in the same center") {
    cbtest::TempDir dir;
    const int tz = NoonOffsetMin();
    const std::string config = dir.path() + "/callboard.json";
    const std::string token_file = dir.path() + "/ingest.token";
    std::ofstream(token_file) << kToken << "\n";
    chmod(token_file.c_str(), 0600);
    std::ofstream(config) << Config(tz, R"(, "ingest_token_file": "ingest.token")");
    Server server(dir.path(), config, dir.path() + "/api.db");
    const int64_t t = (static_cast<int64_t>(std::time(nullptr)) - 600) * 1000;
    auto line = [](const std::string& id, const std::string& type, int64_t ms, const std::string& extra) {
        return R"({"id":")" + id + R"(","type":")" + type + R"(","time":)" + std::to_string(ms) + extra + "}\n";
    };
    const std::string body =
        line("x1", "agent_login", t, R"(,"agent":"8001")") + line("x2", "agent_ready", t + 1000, R"(,"agent":"8001")") +
        line("x3", "agent_login", t + 1000, R"(,"agent":"8002")") +
        line("x4", "agent_not_ready", t + 2000, R"(,"agent":"8002","reason":"lunch")") +
        line("x5", "call_offered", t + 3000, R"(,"call":"A-1","queue":"support")") +
        line("x6", "call_answered", t + 28000, R"(,"call":"A-1","agent":"8001","queue":"support")") +
        line("x7", "call_offered", t + 30000, R"(,"call":"A-2","queue":"support")") +
        line("x8", "call_offered", t + 31000, R"(,"call":"A-3","queue":"chat")") +
        line("x9", "call_abandoned", t + 34000, R"(,"call":"A-3","queue":"chat")");
    httplib::Client client("127.0.0.1", server.port);
    client.set_read_timeout(10);
    auto refused = client.Post("/api/events", body, "application/x-ndjson");
    REQUIRE(refused);
    CHECK(refused->status == 401);
    client.set_bearer_token_auth(kToken.c_str());
    auto res = client.Post("/api/events", body, "application/x-ndjson");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(json::parse(res->body) == json::parse(R"({"stored":9,"duplicates":0,"rejected":0,"errors":[]})"));

    json s;
    CHECK(server.WaitFor([](const json& snap) { return Q(snap, "chat") >= 0 && Waiting(snap, "support") == 1; }, &s));
    CHECK(s["source"] == "api");
    CHECK(State(s, "8001") == "on_call");
    CHECK(State(s, "8002") == "not_ready");
    CHECK(Reason(s, "8002") == "lunch");
    // The configured keys carry the configured names and team.
    CheckMappedAgent(s, "8001", "Wang Fang", "王芳");
    CheckMappedAgent(s, "8002", "Li Na", "李娜");
    // A-1 waited 25 s: beyond the support queue's 20 s.
    CHECK(QueueFigures(s, "support") == Figures(1, 2, 1, 0, 0, 0, 0, 0));
    CHECK(s["directory"]["queues"][Q(s, "chat")]["name_en"] == "chat");
    CHECK(QueueFigures(s, "chat") == Figures(0, 1, 0, 0, 1, 1, 1, 0));

    // CSV from the same system: the waiting caller is answered by 8002 back from lunch.
    const std::string csv = "id,time,type,call,queue,agent\r\n"
                            "x10," + std::to_string(t + 40000) + ",agent_ready,,,8002\r\n"
                            "x11," + std::to_string(t + 45000) + ",call_answered,A-2,support,8002\r\n";
    auto csv_res = client.Post("/api/events", csv, "text/csv");
    REQUIRE(csv_res);
    CHECK(csv_res->status == 200);
    CHECK(server.WaitFor([](const json& snap) { return State(snap, "8002") == "on_call"; }, &s));
    CHECK(QueueFigures(s, "support") == Figures(0, 2, 2, 1, 0, 0, 0, 0));
    CHECK(server.Stop() == 0);
}
