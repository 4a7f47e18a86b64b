// GET /api/wfm/forecast, /api/wfm/staffing, /api/wfm/special-days and PUT/DELETE
// /api/wfm/special-days/{date} against a real server on a loopback port over a database with ten
// weeks of queue history: who may read (admins, managers, leads; trainers on demo data only) and
// who may change special days (admins and managers); the answer is the plan the service makes;
// bad input refused with 400 naming the parameter or field, nothing stored changing.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <thread>
#include "core/wfm/plan_report.h"
#include "server/auth/crypto.h"
#include "server/base/log.h"
#include "server/http/http_server.h"
#include "server/store/store_accounts.h"
#include "server/store/store_wfm.h"
#include "server/wfm/plan_service.h"
#include "server_test_util.h"
#include "wfm_test_util.h"

namespace {

using nlohmann::json;
using namespace cb;
const std::string kPassword = "a-long-password";
const int64_t kNow = 1762776000000;  // 2025-11-10 12:00 UTC, a Monday

struct WfmServer {
    cbtest::TempDir dir;
    std::string db = dir.path() + "/center.db";
    std::unique_ptr<SqliteAccountStore> accounts;
    WfmStore store;
    std::unique_ptr<AuthService> auth;
    Broadcaster broadcaster;
    std::unique_ptr<HttpServer> http;
    std::thread thread;
    std::string kiosk = RandomToken();

    explicit WfmServer(const std::string& source = "queue_log") {
        SetLogEnabled(false);
        {
            auto opened = Store::Open(db, DataKind::Real);
            REQUIRE(opened.ok());
            REQUIRE(opened.value()->SaveDirectory(cbtest::WfmDirectory()).ok());
            CivilDate first;
            REQUIRE(ParseCivilDate("2025-09-01", &first));
            cbtest::WriteHistory(*opened.value(), TimeZone::Fixed(0), first, 10 * 7, 15, [](size_t q, int day, int slot, int64_t) {
                const int64_t n = std::llround(cbtest::WfmProfile(day % 7, slot, q == 0 ? 60 : 20));
                return cbtest::Row(n, q == 0 ? 180 : 300, n / 10, 40, 12);
            });
        }
        accounts = std::move(SqliteAccountStore::Open(db).value());
        auth = std::make_unique<AuthService>(accounts.get(), [] { return kNow; });
        REQUIRE(store.Open(db).ok());
        Add("root", Role::Admin);
        Add("mona", Role::Manager);
        Add("wang", Role::Lead, {"a"});
        Add("qiu", Role::Qa);
        Add("tina", Role::Trainer);
        Account tv;
        tv.name = "tv";
        tv.role = Role::Wallboard;
        tv.kiosk_hash = TokenHash(kiosk);
        REQUIRE(accounts->AddAccount(tv).ok());
        Snapshot center = cbtest::SmallCenter(1);
        center.source = source;
        center.tz_offset_min = 0;
        center.tz_name = "";
        center.now_ms = kNow;
        broadcaster.Publish(center);
        HttpConfig config;
        config.max_streams = 4;
        config.api_threads = 4;
        config.assets = {};
        config.auth.service = auth.get();
        config.wfm = &store;
        http = std::make_unique<HttpServer>(&broadcaster, config);
        REQUIRE(http->Bind("127.0.0.1", 0).ok());
        thread = std::thread([this] { http->Run(); });
    }
    ~WfmServer() {
        broadcaster.Shutdown();
        http->Stop();
        thread.join();
        SetLogEnabled(true);
    }
    void Add(const std::string& name, Role role, std::vector<std::string> teams = {}) {
        Account a;
        a.name = name;
        a.role = role;
        a.teams = std::move(teams);
        a.password_hash = HashPassword(kPassword).value();
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
    std::pair<int, std::string> Call(const std::string& method, const std::string& path, const std::string& user,
                                     const std::string& body = "", const std::string& type = "application/json") {
        httplib::Client client("127.0.0.1", http->port());
        client.set_read_timeout(30);
        httplib::Headers headers{{"Authorization", "Bearer " + Token(user)}};
        httplib::Result res = method == "GET"      ? client.Get(path, headers)
                              : method == "PUT"    ? client.Put(path, headers, body, type.c_str())
                              : method == "DELETE" ? client.Delete(path, headers)
                                                   : client.Post(path, headers, body, type.c_str());
        REQUIRE(res);
        return {res->status, res->body};
    }
};

}  // namespace

TEST_CASE("/api/wfm/forecast and /staffing: the plan for admins, managers and leads; refused to qa, wallboards and trainers on real data") {
    WfmServer server;
    for (const char* user : {"root", "mona", "wang"}) {
        CAPTURE(user);
        auto [status, body] = server.Call("GET", "/api/wfm/forecast?queue=sales", user);
        CHECK(status == 200);
    }
    for (const char* user : {"qiu", "tv", "tina"}) {
        CAPTURE(user);
        CHECK(server.Call("GET", "/api/wfm/staffing", user).first == 403);
        CHECK(server.Call("GET", "/api/wfm/special-days", user).first == 403);
    }
    // The answer is the service's plan for the center's zone and clock: next week by default.
    auto [status, body] = server.Call("GET", "/api/wfm/staffing?shrinkage=30&max_occupancy=85&interval=30", "wang");
    REQUIRE(status == 200);
    wfm::PlanReport report;
    std::string error;
    REQUIRE_MESSAGE(wfm::PlanReportFromJson(body, &report, &error), error);
    CHECK(report.from == "2025-11-17");
    CHECK(report.time_zone == "UTC+00:00");
    CHECK(report.staffing);
    REQUIRE(report.queues.size() == 2);
    wfm::PlanAsk ask;
    REQUIRE(wfm::SetPlanAskOption(&ask, "shrinkage", "30", &error));
    REQUIRE(wfm::SetPlanAskOption(&ask, "max_occupancy", "85", &error));
    REQUIRE(wfm::SetPlanAskOption(&ask, "interval", "30", &error));
    wfm::PlanReport direct;
    REQUIRE(MakePlan(server.store, TimeZone::Fixed(0), kNow, ask, true, &direct).ok());
    CHECK(body == wfm::PlanReportToJson(direct));
    const wfm::PlanInterval& busy = report.queues[0].days[0].intervals[28];  // Monday 14:00
    CHECK(busy.time == "14:00");
    REQUIRE(busy.staffing.ok);
    CHECK(busy.staffing.agents > busy.staffing.raw_agents);
    CHECK(busy.staffing.at_raw.occupancy <= 0.85);
    CHECK(report.queues[0].target.shrinkage == doctest::Approx(0.3));
    CHECK(report.queues[0].model == wfm::StaffModel::ErlangA);  // abandons in the history
}

TEST_CASE("a trainer plans on the demo's data") {
    WfmServer server("demo:normal");
    CHECK(server.Call("GET", "/api/wfm/forecast", "tina").first == 200);
    CHECK(server.Call("GET", "/api/wfm/forecast", "qiu").first == 403);
}

TEST_CASE("/api/wfm/...: bad options refused with 400 naming them") {
    WfmServer server;
    const std::pair<std::string, std::string> bad[] = {
        {"/api/wfm/forecast?weeks=0", "weeks: '0' is not a whole number from 1 to 26"},
        {"/api/wfm/forecast?interval=60", "interval: '60' is not 15 or 30 (minutes)"},
        {"/api/wfm/forecast?sl=80/20", "unknown query parameter 'sl'"},
        {"/api/wfm/forecast?queue=billing", "queue: 'billing' is not a known queue (known: sales, care)"},
        {"/api/wfm/staffing?sl=80/20&asa=20", "sl and asa: give one target, a service level or an average speed of answer"},
        {"/api/wfm/staffing?model=erlang_b", "model: 'erlang_b' is not auto, erlang_c or erlang_a"},
        {"/api/wfm/special-days?from=yesterday", "from: 'yesterday' is not a date YYYY-MM-DD"},
    };
    for (const auto& [path, message] : bad) {
        CAPTURE(path);
        auto [status, body] = server.Call("GET", path, "root");
        CHECK(status == 400);
        const json j = json::parse(body);
        CHECK(j["error"] == message);
        CHECK(j["where"] == "query");
    }
    CHECK(server.Call("POST", "/api/wfm/forecast", "root", "{}").first == 405);
}

TEST_CASE("special days: managers set and remove them, audited; leads read; bad ones refused, nothing stored") {
    WfmServer server;
    const std::string day = "/api/wfm/special-days/2025-11-19";
    CHECK(server.Call("PUT", day, "wang", R"({"kind":"holiday","factor":0})").first == 403);
    auto [status, body] = server.Call("PUT", day, "mona", R"({"kind":"holiday","factor":0.5,"note":"城市运动会"})");
    REQUIRE(status == 200);
    json j = json::parse(body);
    REQUIRE(j["special_days"].size() == 1);
    CHECK(j["special_days"][0]["date"] == "2025-11-19");
    CHECK(j["special_days"][0]["queue"] == "");
    CHECK(j["special_days"][0]["factor"] == 0.5);
    CHECK(j["special_days"][0]["updated_by"] == "mona");
    REQUIRE(server.Call("PUT", day + "?queue=care", "root", R"({"kind":"campaign","factor":null})").first == 200);
    std::tie(status, body) = server.Call("GET", "/api/wfm/special-days?from=2025-11-01&to=2025-11-30", "wang");
    REQUIRE(status == 200);
    std::vector<wfm::SpecialDay> days;
    std::string error;
    REQUIRE(wfm::SpecialDaysFromJson(body, &days, &error));
    REQUIRE(days.size() == 2);
    CHECK(days[1].queue == "care");
    CHECK_FALSE(days[1].factor);
    // The forecast of that Wednesday: sales at half (every queue), care unchanged (its own day).
    std::tie(status, body) = server.Call("GET", "/api/wfm/forecast", "wang");
    wfm::PlanReport report;
    REQUIRE(wfm::PlanReportFromJson(body, &report, &error));
    CHECK(report.queues[0].days[2].special == "holiday");
    CHECK(report.queues[0].days[2].factor == 0.5);
    CHECK(report.queues[1].days[2].special == "campaign");
    CHECK_FALSE(report.queues[1].days[2].factor);

    const std::tuple<std::string, std::string, std::string, std::string> bad[] = {
        {day, R"({"kind":"birthday"})", "kind", "kind: required: \"holiday\" or \"campaign\""},
        {day, R"({"kind":"holiday","factor":"half"})", "factor", "factor: a number from 0 to 10, or null to leave the history out only"},
        {day, R"({"kind":"holiday","factor":12})", "factor", "factor: 12 is not a factor from 0 to 10 (0: closed, 1: a normal day)"},
        {day, R"({"kind":"holiday","colour":"red"})", "colour", "colour: not a field of this request"},
        {day + "?queue=billing", R"({"kind":"holiday"})", "queue", "queue: 'billing' is not a known queue (known: sales, care)"},
        {"/api/wfm/special-days/2025-11-31", R"({"kind":"holiday"})", "date", "date: '2025-11-31' is not a date YYYY-MM-DD"},
    };
    for (const auto& [path, request, field, message] : bad) {
        CAPTURE(request);
        std::tie(status, body) = server.Call("PUT", path, "mona", request);
        CHECK(status == 400);
        j = json::parse(body);
        CHECK(j["error"] == message);
        CHECK(j["field"] == field);
    }
    CHECK(server.Call("PUT", day, "mona", R"({"kind":"holiday"})", "text/plain").first == 415);
    CHECK(cbtest::Query(server.db, "SELECT COUNT(*) FROM wfm_special_days") == "2\n");

    CHECK(server.Call("DELETE", day + "?queue=care", "wang").first == 403);
    REQUIRE(server.Call("DELETE", day + "?queue=care", "mona").first == 200);
    std::tie(status, body) = server.Call("DELETE", day + "?queue=care", "mona");
    CHECK(status == 404);
    CHECK(json::parse(body)["error"] == "no special day on 2025-11-19, queue care");
    CHECK(cbtest::Query(server.db, "SELECT user, action, detail FROM audit WHERE action LIKE 'special_day%' ORDER BY id") ==
          "mona|special_day_set|2025-11-19, every queue: holiday, factor 0.5; with a note\n"
          "root|special_day_set|2025-11-19, queue care: campaign, history left out only\n"
          "mona|special_day_delete|2025-11-19, queue care: campaign, history left out only\n");
}
