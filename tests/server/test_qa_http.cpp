// /api/qa/... against a real server on a loopback port: the role matrix of every endpoint (admin,
// manager, lead of team a, qa, trainer, wallboard), a lead's team scope, clear 400s that change
// nothing, acknowledgement and disputes, blind calibration and its results.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <thread>
#include "server/auth/crypto.h"
#include "server/base/log.h"
#include "server/http/http_server.h"
#include "server/http/routes_qa.h"
#include "server/store/store.h"
#include "server/store/store_accounts.h"
#include "server/store/store_qa.h"
#include "server_test_util.h"

namespace {

using nlohmann::json;

const std::string kPassword = "a-long-password";
constexpr int64_t kT = 1767582000000;

// Team a: agents 1001 and 1003; team b: agent 1002.
cb::Snapshot Center() {
    cb::Snapshot s = cbtest::SmallCenter(1);
    s.source = "api";
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

// Call 1 answered by 1001 (team a), call 2 by 1002 (team b).
std::vector<cb::StoredEvent> Calls() {
    using K = cb::EventKind;
    return {{"1o", E(K::CallOffered, kT, 1)},          {"1a", E(K::CallAnswered, kT + 20000, 1, 0, 20000)},
            {"1c", E(K::CallCompleted, kT + 140000, 1, 0)}, {"2o", E(K::CallOffered, kT + 60000, 2)},
            {"2a", E(K::CallAnswered, kT + 90000, 2, 1, 30000)}, {"2c", E(K::CallCompleted, kT + 150000, 2, 1)}};
}

const json kForm = json::parse(R"({"name":"Service","sections":[
  {"id":"open","title":"Opening","weight":40,"questions":[{"id":"greet","text":"Greets"},{"id":"verify","text":"Verifies"}]},
  {"id":"end","title":"Ending","weight":20,"questions":[{"id":"close","text":"Closes","auto_fail":true}]}]})");

json Answers(const char* greet, const char* verify, const char* close) {
    return json::array({{{"question", "greet"}, {"choice", greet}, {"comment", "by name"}},
                        {{"question", "verify"}, {"choice", verify}},
                        {{"question", "close"}, {"choice", close}}});
}

struct QaServer {
    cbtest::TempDir dir;
    std::string db = dir.path() + "/center.db";
    std::unique_ptr<cb::SqliteAccountStore> accounts;
    std::unique_ptr<cb::QaStore> qa;
    cb::QaApi api;
    int64_t now = 1767585600000;
    std::unique_ptr<cb::AuthService> auth;
    cb::Broadcaster broadcaster;
    std::unique_ptr<cb::HttpServer> http;
    std::thread thread;
    std::map<std::string, std::string> tokens;

    QaServer() {
        cb::SetLogEnabled(false);
        {
            auto store = cb::Store::Open(db, cb::DataKind::Real);
            REQUIRE(store.ok());
            const cb::Snapshot center = Center();
            REQUIRE(store.value()->SaveDirectory(center.directory).ok());
            REQUIRE(store.value()->Append("api", center.directory, Calls()).ok());
        }
        accounts = std::move(cb::SqliteAccountStore::Open(db).value());
        qa = std::move(cb::QaStore::Open(db).value());
        api.store.store(qa.get());
        auth = std::make_unique<cb::AuthService>(accounts.get(), [] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        });
        Add("root", cb::Role::Admin);
        Add("mona", cb::Role::Manager);
        Add("wang", cb::Role::Lead, {"a"});
        Add("qiu", cb::Role::Qa);
        Add("qin", cb::Role::Qa);
        Add("tina", cb::Role::Trainer);
        Add("tv", cb::Role::Wallboard);
        broadcaster.Publish(Center());
        cb::HttpConfig config;
        config.max_streams = 4;
        config.api_threads = 4;
        config.auth.service = auth.get();
        config.qa = &api;
        http = std::make_unique<cb::HttpServer>(&broadcaster, config);
        REQUIRE(http->Bind("127.0.0.1", 0).ok());
        thread = std::thread([this] { http->Run(); });
    }
    ~QaServer() {
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
        auto it = tokens.find(user);
        if (it != tokens.end()) return it->second;
        httplib::Client client("127.0.0.1", http->port());
        auto res = client.Post("/api/login", json{{"user", user}, {"password", kPassword}, {"client", "desktop"}}.dump(), "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        return tokens[user] = json::parse(res->body)["token"].get<std::string>();
    }
    std::pair<int, json> Call(const std::string& method, const std::string& path, const std::string& user, const json& body = nullptr) {
        httplib::Client client("127.0.0.1", http->port());
        client.set_read_timeout(5);
        httplib::Headers headers{{"Authorization", "Bearer " + Token(user)}};
        httplib::Result res = method == "GET"    ? client.Get(path, headers)
                              : method == "PUT"  ? client.Put(path, headers, body.dump(), "application/json")
                                                 : client.Post(path, headers, body.dump(), "application/json");
        REQUIRE(res);
        return {res->status, json::parse(res->body, nullptr, false)};
    }
};

}  // namespace

TEST_CASE("/api/qa role matrix: who may do what") {
    QaServer s;
    // Forms: administrators build them; everyone who works with QA reads them.
    for (const char* u : {"mona", "wang", "qiu", "tina", "tv"}) CHECK(s.Call("POST", "/api/qa/forms", u, kForm).first == 403);
    auto [created, form] = s.Call("POST", "/api/qa/forms", "root", kForm);
    REQUIRE(created == 201);
    CHECK(form == json{{"id", 1}, {"version", 1}});
    for (const char* u : {"root", "mona", "wang", "qiu"}) CHECK(s.Call("GET", "/api/qa/forms", u).first == 200);
    for (const char* u : {"tina", "tv"}) {
        CHECK(s.Call("GET", "/api/qa/forms", u).first == 403);
        CHECK(s.Call("GET", "/api/qa/evaluations", u).first == 403);
        CHECK(s.Call("GET", "/api/qa/calibrations", u).first == 403);
        CHECK(s.Call("GET", "/api/qa/report", u).first == 403);
        CHECK(s.Call("GET", "/api/qa/agreement", u).first == 403);
    }
    for (const char* u : {"root", "mona", "wang", "qiu"}) CHECK(s.Call("GET", "/api/qa/agreement", u).first == 200);
    CHECK(s.Call("PUT", "/api/qa/forms/1", "qiu", kForm).first == 403);

    // Evaluating: qa, admin and a lead for their own team; managers do not score calls.
    const json team_a{{"form", 1}, {"source", "api"}, {"call", "1"}, {"answers", Answers("yes", "no", "yes")}};
    const json team_b{{"form", 1}, {"source", "api"}, {"call", "2"}, {"answers", Answers("yes", "yes", "yes")}};
    CHECK(s.Call("POST", "/api/qa/evaluations", "mona", team_a).first == 403);
    CHECK(s.Call("POST", "/api/qa/evaluations", "tina", team_a).first == 403);
    auto [lead_b, lead_b_body] = s.Call("POST", "/api/qa/evaluations", "wang", team_b);
    CHECK(lead_b == 403);
    CHECK(lead_b_body["error"] == "not allowed for role 'lead' on team 'b'");
    auto [ok_a, eval_a] = s.Call("POST", "/api/qa/evaluations", "qiu", team_a);
    REQUIRE(ok_a == 201);
    CHECK(eval_a["score"]["percent"].get<double>() == doctest::Approx(60));
    CHECK(eval_a["call"]["agent"] == "1001");
    CHECK(eval_a["call"]["team"] == "a");
    CHECK(eval_a["call"]["talk_ms"] == 120000);
    CHECK(eval_a["answers"][0]["comment"] == "by name");
    REQUIRE(s.Call("POST", "/api/qa/evaluations", "qiu", team_b).first == 201);

    // Scope: the lead of team a sees team a's evaluation only, and not team b's by id.
    CHECK(s.Call("GET", "/api/qa/evaluations", "qiu").second["evaluations"].size() == 2);
    CHECK(s.Call("GET", "/api/qa/evaluations", "mona").second["evaluations"].size() == 2);
    auto lead_list = s.Call("GET", "/api/qa/evaluations", "wang").second["evaluations"];
    REQUIRE(lead_list.size() == 1);
    CHECK(lead_list[0]["call"]["agent"] == "1001");
    CHECK(s.Call("GET", "/api/qa/evaluations/2", "wang").first == 403);
    CHECK(s.Call("GET", "/api/qa/evaluations?team=b", "wang").first == 403);
    CHECK(s.Call("GET", "/api/qa/evaluations/1", "wang").first == 200);
    auto report = s.Call("GET", "/api/qa/report?group=agent", "wang").second;
    REQUIRE(report["rows"].size() == 1);
    CHECK(report["rows"][0]["key"] == "1001");
    CHECK(s.Call("GET", "/api/qa/report?group=team", "root").second["rows"].size() == 2);

    // Acknowledge and dispute: leads (own team), managers, admins; not qa, not trainers.
    CHECK(s.Call("POST", "/api/qa/evaluations/1/acknowledge", "qiu", json{{"as", "lead"}}).first == 403);
    CHECK(s.Call("POST", "/api/qa/evaluations/2/acknowledge", "wang", json{{"as", "lead"}}).first == 403);
    auto [ack, acked] = s.Call("POST", "/api/qa/evaluations/1/acknowledge", "wang", json{{"as", "lead"}});
    CHECK(ack == 200);
    CHECK(acked["lead_ack_by"] == "wang");
    CHECK(s.Call("POST", "/api/qa/evaluations/1/acknowledge", "wang", json{{"as", "lead"}}).first == 409);
    CHECK(s.Call("POST", "/api/qa/evaluations/1/acknowledge", "wang", json{{"as", "agent"}}).first == 200);
    CHECK(s.Call("POST", "/api/qa/evaluations/1/dispute", "qiu", json{{"reason", "x"}}).first == 403);
    CHECK(s.Call("POST", "/api/qa/evaluations/1/dispute", "wang", json{{"reason", "verified by SMS"}}).first == 200);
    // Resolving: evaluators and administrators, not the lead who disputed.
    const json rescore{{"answers", Answers("yes", "yes", "yes")}, {"note", "SMS counts"}};
    CHECK(s.Call("POST", "/api/qa/evaluations/1/resolve", "wang", rescore).first == 403);
    auto [resolved, after] = s.Call("POST", "/api/qa/evaluations/1/resolve", "qiu", rescore);
    CHECK(resolved == 200);
    CHECK(after["status"] == "resolved");
    CHECK(after["score"]["percent"].get<double>() == doctest::Approx(100));
    CHECK(after["disputes"][0]["percent_before"].get<double>() == doctest::Approx(60));

    // Calibration: qa and admins run sessions.
    const json session{{"form", 1}, {"source", "api"}, {"call", "1"}, {"evaluators", {"qiu", "qin", "root"}},
                       {"reference", "root"}, {"due_ms", 4102444800000}};
    for (const char* u : {"mona", "wang", "tina"}) CHECK(s.Call("POST", "/api/qa/calibrations", u, session).first == 403);
    CHECK(s.Call("POST", "/api/qa/calibrations", "qiu", session).first == 201);
}

TEST_CASE("/api/qa: bad input is a 400 that says what and where, and changes nothing") {
    QaServer s;
    json bad = kForm;
    bad["sections"][1]["questions"][0]["points"] = 0;
    auto [st, body] = s.Call("POST", "/api/qa/forms", "root", bad);
    CHECK(st == 400);
    CHECK(body["error"] == "sections[1].questions[0].points: must be greater than 0");
    bad = kForm;
    bad["colour"] = "red";
    CHECK(s.Call("POST", "/api/qa/forms", "root", bad).first == 400);
    REQUIRE(s.Call("POST", "/api/qa/forms", "root", kForm).first == 201);
    json e{{"form", 1}, {"source", "api"}, {"call", "1"}, {"answers", Answers("yes", "maybe", "yes")}};
    auto [st2, b2] = s.Call("POST", "/api/qa/evaluations", "qiu", e);
    CHECK(st2 == 400);
    CHECK(b2["error"] == "answers[1].choice: must be \"yes\", \"no\", \"value\" or \"na\"");
    e["answers"] = Answers("yes", "na", "yes");
    CHECK(s.Call("POST", "/api/qa/evaluations", "qiu", e).second["error"] ==
          "answers[1] (question \"verify\"): N/A is not allowed for this question");
    e["answers"] = Answers("yes", "yes", "yes");
    e["call"] = "12x";
    CHECK(s.Call("POST", "/api/qa/evaluations", "qiu", e).second["error"] ==
          "call: must be a call key as GET /api/calls lists it (digits)");
    e["call"] = "77";
    CHECK(s.Call("POST", "/api/qa/evaluations", "qiu", e).second["error"] == "call api/77: no such stored call");
    CHECK(s.Call("GET", "/api/qa/report?group=queue", "root").second["error"] == "group: 'queue' is not agent, team, form or question");
    CHECK(s.Call("GET", "/api/qa/evaluations?colour=red", "root").first == 400);
    CHECK(s.Call("GET", "/api/qa/evaluations", "root").second["evaluations"].empty());
    CHECK(cbtest::Query(s.db, "SELECT COUNT(*) FROM qa_evaluations") == "0\n");
}

TEST_CASE("/api/qa/calibrations: blind until complete, then deviations and agreement") {
    QaServer s;
    REQUIRE(s.Call("POST", "/api/qa/forms", "root", kForm).first == 201);
    const json session{{"form", 1}, {"source", "api"}, {"call", "1"}, {"evaluators", {"root", "qiu", "qin"}},
                       {"reference", "root"}, {"due_ms", 4102444800000}};
    auto [created, ses] = s.Call("POST", "/api/qa/calibrations", "qiu", session);
    REQUIRE(created == 201);
    CHECK(ses["status"] == "open");
    const int64_t id = ses["id"].get<int64_t>();
    const std::string path = "/api/qa/calibrations/" + std::to_string(id);
    CHECK(s.Call("POST", path + "/evaluations", "mona", json{{"answers", Answers("yes", "yes", "yes")}}).first == 403);
    REQUIRE(s.Call("POST", path + "/evaluations", "root", json{{"answers", Answers("yes", "no", "yes")}}).first == 200);
    REQUIRE(s.Call("POST", path + "/evaluations", "qiu", json{{"answers", Answers("yes", "yes", "yes")}}).first == 200);
    // Blind: qiu sees their own answers, nobody sees anyone else's or a result.
    auto mid = s.Call("GET", path, "qiu").second;
    CHECK(mid["status"] == "open");
    CHECK(mid["mine"][1]["choice"] == "yes");
    CHECK_FALSE(mid.contains("entries"));
    CHECK_FALSE(mid.contains("result"));
    auto admin_mid = s.Call("GET", path, "root").second;
    CHECK(admin_mid["mine"][1]["choice"] == "no");
    CHECK_FALSE(admin_mid.contains("result"));
    CHECK(s.Call("GET", path, "qin").second.contains("mine") == false);
    REQUIRE(s.Call("POST", path + "/evaluations", "qin", json{{"answers", Answers("no", "no", "yes")}}).first == 200);
    auto done = s.Call("GET", path, "mona").second;
    CHECK(done["status"] == "complete");
    REQUIRE(done["result"]["evaluators"].size() == 3);
    CHECK(done["result"]["evaluators"][0]["reference"] == true);
    CHECK(done["result"]["evaluators"][1]["total_deviation"].get<double>() == doctest::Approx(40));
    CHECK(done["result"]["evaluators"][2]["total_deviation"].get<double>() == doctest::Approx(-40));  // 20 % against 60 %
    CHECK(done["result"]["fleiss_kappa_yes_no"]["subjects"] == 3);
    CHECK(done["result"]["krippendorff_alpha"]["level"] == "ordinal");
    CHECK(s.Call("POST", path + "/evaluations", "qin", json{{"answers", Answers("yes", "yes", "yes")}}).first == 409);
    // Calibration stays out of agents' results.
    CHECK(s.Call("GET", "/api/qa/report?group=agent", "root").second["rows"].empty());
    auto agreement = s.Call("GET", "/api/qa/agreement", "root").second;
    CHECK(agreement["sessions"].size() == 1);
    CHECK(agreement["drift"].size() == 2);
}
