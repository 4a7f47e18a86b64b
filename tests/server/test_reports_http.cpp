// The report endpoints on a real HTTP server over the hand-made center (report_fixture.cpp):
// the same numbers as the service, CSV that parses back to them, every bad input answered 400
// with what and where (and nothing stored), scoping by role (a lead cannot read another team's
// scorecard or comparison; wallboards and trainers on real data get 403), saved reports, and
// incident notes with their revisions and an audit without their text; scheduled reports (scope per
// schedule, a lead's own team only, each schedule's last mail, another team's file refused).
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>
#include "core/report/report_csv.h"
#include "core/report/report_json.h"
#include "server/admin/report_service.h"
#include "server/auth/crypto.h"
#include "server/base/log.h"
#include "server/export/report_schedule.h"
#include "server/http/http_server.h"
#include "server/store/store_accounts.h"
#include "server/store/store_reports.h"
#include "report_fixture.h"
#include "server_test_util.h"

namespace {

using nlohmann::json;

const std::string kPassword = "a-long-password";

struct ReportServer {
    cbtest::TempDir dir;
    std::string db = dir.path() + "/center.db";
    cbtest::ReportDb data;
    std::unique_ptr<cb::SqliteAccountStore> accounts;
    int64_t now = cbtest::BerlinMs({2026, 3, 30}, 12, 0);
    std::unique_ptr<cb::AuthService> auth;
    cb::ReportStore report_store;
    cb::ReportService reports{[this] { return now; }};
    cb::ScheduleStore schedule_store;
    std::unique_ptr<cb::ReportScheduler> scheduler;
    cb::Broadcaster broadcaster;
    std::unique_ptr<cb::HttpServer> http;
    std::thread thread;
    std::string kiosk = cb::RandomToken();

    // files: a reports folder and a relay on a loopback port nothing listens on (every mail refused).
    explicit ReportServer(bool files = false) {
        cb::SetLogEnabled(false);
        data = cbtest::OpenReportDb(db, cbtest::BerlinMs({2026, 1, 1}, 0, 0));
        accounts = std::move(cb::SqliteAccountStore::Open(db).value());
        auth = std::make_unique<cb::AuthService>(accounts.get(), [this] { return now; });
        REQUIRE(report_store.Open(db).ok());
        reports.Attach(&report_store, cbtest::Berlin(), 15);
        REQUIRE(schedule_store.Open(db).ok());
        cb::SmtpSettings smtp;
        if (files) {
            smtp.url = "smtp://127.0.0.1:1";
            smtp.from = "callboard@example.org";
            smtp.user = "relay";
            smtp.password = "relay-secret-4711";
        }
        scheduler = std::make_unique<cb::ReportScheduler>(&reports, &schedule_store, files ? dir.path() + "/reports" : "", smtp,
                                                          [this] { return now; });
        Add("root", cb::Role::Admin);
        Add("mona", cb::Role::Manager);
        Add("wang", cb::Role::Lead, {"a"});
        Add("li", cb::Role::Lead, {"b"});
        Add("qiu", cb::Role::Qa);
        Add("tina", cb::Role::Trainer);
        cb::Account tv;
        tv.name = "tv";
        tv.role = cb::Role::Wallboard;
        tv.kiosk_hash = cb::TokenHash(kiosk);
        REQUIRE(accounts->AddAccount(tv).ok());
        cb::HttpConfig config;
        config.max_streams = 4;
        config.api_threads = 4;
        config.assets = {};
        config.auth.service = auth.get();
        config.reports = &reports;
        config.schedules = scheduler.get();
        http = std::make_unique<cb::HttpServer>(&broadcaster, config);
        REQUIRE(http->Bind("127.0.0.1", 0).ok());
        thread = std::thread([this] { http->Run(); });
    }
    ~ReportServer() {
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
    httplib::Headers As(const std::string& user) {
        httplib::Client client("127.0.0.1", http->port());
        json body = user == "tv" ? json{{"kiosk_token", kiosk}, {"client", "desktop"}}
                                 : json{{"user", user}, {"password", kPassword}, {"client", "desktop"}};
        auto res = client.Post("/api/login", body.dump(), "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        return {{"Authorization", "Bearer " + json::parse(res->body)["token"].get<std::string>()}};
    }
    httplib::Result Get(const std::string& path, const std::string& user) {
        httplib::Client client("127.0.0.1", http->port());
        client.set_read_timeout(10);
        auto res = client.Get(path, As(user));
        REQUIRE(res);
        return res;
    }
    httplib::Result Send(const std::string& method, const std::string& path, const std::string& user, const json& body) {
        httplib::Client client("127.0.0.1", http->port());
        client.set_read_timeout(10);
        httplib::Result res = method == "POST"  ? client.Post(path, As(user), body.dump(), "application/json")
                              : method == "PUT" ? client.Put(path, As(user), body.dump(), "application/json")
                                                : client.Delete(path, As(user));
        REQUIRE(res);
        return res;
    }
};

json Body(const httplib::Result& res) { return json::parse(res->body, nullptr, false); }

}  // namespace

TEST_CASE("GET /api/reports answers the service's numbers as JSON, and as CSV that parses back") {
    ReportServer server;
    auto res = server.Get("/api/reports?from=2026-03-28&to=2026-03-29&group=queue&granularity=day", "root");
    REQUIRE(res->status == 200);
    cb::Report report;
    std::string error;
    REQUIRE_MESSAGE(cb::ReportFromJson(res->body, &report, &error), error);
    cb::ReportQuery q;
    q.from = {2026, 3, 28};
    q.to = {2026, 3, 29};
    q.group = cb::ReportGroup::Queue;
    cb::Caller admin;
    admin.local = true;
    cb::Report direct;
    REQUIRE(server.reports.RunReport(q, admin, &direct).ok());
    CHECK(report == direct);
    CHECK(report.totals[0].counts.offered == 4);
    const json body = Body(res);
    CHECK(body["zone"] == "Europe/Berlin");
    // Each row: its counts and every KPI's value; the catalogue says how each is made.
    CHECK(body["totals"][0]["kpis"]["service_level"] == 0.25);
    CHECK(body["totals"][0]["sl_variant"] == "answered_over_offered");
    CHECK(body["totals"][0]["sl_target"] == 0.8);
    CHECK(body["totals"][0]["kpis"]["asa_ms"] == 22500.0);
    CHECK(body["totals"][0]["counts"]["wait_answered_ms"] == 45000);
    // Sunday: no sales call, nothing at all: the row says so instead of listing zeros.
    CHECK(body["rows"][1] == json{{"group", 0}, {"bucket", 1}, {"empty", true}, {"definitions", json::array({1})},
                                  {"headline_definition", 1}, {"mixed_definitions", false}});
    CHECK(body["kpis"][10] == json{{"id", "asa_ms"}, {"kind", "mean"}, {"formula", "wait_answered_ms / answered"},
                                   {"numerator", "wait_answered_ms"}, {"denominator", "answered"}});
    CHECK(body["sl_variants"][0] == json{{"variant", "answered_over_offered"}, {"formula", "answered_within_t / offered"},
                                         {"numerator", "answered_within_t"}, {"denominator", "offered"}});

    auto csv = server.Get("/api/reports?from=2026-03-28&to=2026-03-29&group=queue&format=csv", "root");
    REQUIRE(csv->status == 200);
    CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8");
    CHECK(csv->get_header_value("Content-Disposition") ==
          "attachment; filename=\"report_queue_day_2026-03-28_2026-03-29.csv\"");
    CHECK(csv->body.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(csv->body == cb::ReportToCsv(direct));
    std::vector<std::vector<std::string>> rec;
    REQUIRE(cb::ParseCsv(csv->body, &rec, &error));
    const std::vector<std::string> columns = cb::ReportCsvColumns();
    auto col = [&](const std::string& name) { return static_cast<size_t>(std::find(columns.begin(), columns.end(), name) - columns.begin()); };
    REQUIRE(rec.size() == 1 + 4 + 2);
    CHECK(rec[1][col("key")] == "sales");
    CHECK(rec[1][col("name_zh")] == "销售");
    for (const cb::KpiCountField& f : cb::KpiCountFields()) {
        CHECK(std::stoll(rec[1][col(std::string(f.name))]) == direct.rows[0].counts.*f.member);
        CHECK(std::stoll(rec[5][col(std::string(f.name))]) == direct.totals[0].counts.*f.member);
    }
    CHECK(std::stod(rec[1][col("service_level")]) == doctest::Approx(0.25));
    CHECK(rec[1][col("callbacks_promised")] == "1");

    // A named range and the interval cadence; the definitions list.
    res = server.Get("/api/reports?range=last_week&granularity=interval", "mona");
    REQUIRE(res->status == 200);
    CHECK(Body(res)["query"]["from"] == "2026-03-23");
    CHECK(Body(res)["buckets"].size() == 7 * 96 - 4);  // Sunday the 29th has 92 intervals
    res = server.Get("/api/reports/definitions", "qiu");
    REQUIRE(res->status == 200);
    std::vector<cb::DefinitionVersion> defs;
    REQUIRE(cb::DefinitionsFromJson(res->body, &defs, &error));
    CHECK(defs.size() == 3);  // *, sales, support
}

TEST_CASE("bad report requests get 400 with what and where, and change nothing") {
    ReportServer server;
    struct Case {
        std::string query;
        std::string error;
        std::string field;
    };
    const Case cases[] = {
        {"from=2026-03-29&to=2026-03-28", "to: 2026-03-28 is before from (2026-03-29)", "to"},
        {"from=2026-3-28", "from: '2026-3-28' is not a date (YYYY-MM-DD)", "from"},
        {"to=2026-03-28", "from: missing (a date YYYY-MM-DD, or range=last_week ...)", "from"},
        {"from=2026-01-01&to=2026-03-01&granularity=15min",
         "to: the range 2026-01-01 to 2026-03-01 is 60 days; 15-minute reports cover at most 31 days", "to"},
        {"from=2024-01-01&to=2026-03-01", "to: the range 2024-01-01 to 2026-03-01 is 791 days; reports cover at most 732 days", "to"},
        {"from=2026-03-28&group=queue&queue=billing", "queue: unknown queue 'billing' (queues: sales, support)", "queue"},
        {"from=2026-03-28&group=floor", "group: 'floor' is not one of center, queue, team, agent", "group"},
        {"from=2026-03-28&group=queue&team=a", "team: queue rows cannot be filtered by team (group by team, or filter by queue)", "team"},
        {"from=2026-03-28&range=today", "range: give either range or from and to, not both", "range"},
        {"from=2026-03-28&from=2026-03-29", "from: given more than once", "from"},
        {"from=2026-03-28&sort=asc", "sort: unknown parameter", "sort"},
        {"from=2026-03-28&format=xml", "format: 'xml' is not json or csv", "format"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.query);
        auto res = server.Get("/api/reports?" + c.query, "root");
        CHECK(res->status == 400);
        const json body = Body(res);
        CHECK(body["error"] == c.error);
        CHECK(body["field"] == c.field);
        CHECK(body["where"] == "query");
        CHECK(body["path"] == "/api/reports");
    }
    auto res = server.Get("/api/incidents?date=2026-03-28&from=09:00&to=08:00", "root");
    CHECK(res->status == 400);
    CHECK(Body(res)["error"] == "to: 08:00 is not after from (09:00)");
    res = server.Get("/api/scorecards/1001?from=2026-03-28&periods=13", "root");
    CHECK(res->status == 400);
    CHECK(Body(res)["field"] == "periods");
    res = server.Get("/api/scorecards?from=2026-03-28", "root");
    CHECK(Body(res)["error"] == "team: missing (a team key)");
    // Writes refused: nothing stored.
    res = server.Send("POST", "/api/incidents/notes", "root", json{{"from_ms", 10}, {"to_ms", 5}, {"text", "x"}});
    CHECK(res->status == 400);
    CHECK(Body(res)["field"] == "to_ms");
    res = server.Send("POST", "/api/incidents/notes", "root", json{{"from_ms", 1}, {"to_ms", 5}, {"text", std::string(10001, 'x')}});
    CHECK(Body(res)["error"] == "text: longer than 10000 characters (10001)");
    res = server.Send("POST", "/api/reports/saved", "root", json{{"name", "bad"}, {"query", {{"from", "2026-03-29"}, {"to", "2026-03-28"}}}});
    CHECK(res->status == 400);
    CHECK(Body(res)["error"] == "to: 2026-03-28 is before from (2026-03-29)");
    CHECK(cbtest::Query(server.db, "SELECT COUNT(*) FROM incident_notes") == "0\n");
    CHECK(cbtest::Query(server.db, "SELECT COUNT(*) FROM saved_reports") == "0\n");
}

TEST_CASE("report scoping: a lead reads every queue and team total but only their own team's agents") {
    ReportServer server;
    // Another team's scorecard: 404 like an unknown agent; another team's table: 403.
    auto res = server.Get("/api/scorecards/1003?from=2026-03-28&to=2026-03-29", "wang");
    CHECK(res->status == 404);
    CHECK(Body(res)["error"] == "no agent '1003'");
    CHECK(server.Get("/api/scorecards/9999?from=2026-03-28", "wang")->status == 404);
    res = server.Get("/api/scorecards?team=b&from=2026-03-28&to=2026-03-29", "wang");
    CHECK(res->status == 403);
    CHECK(Body(res)["error"] == "team: team 'b' is not one of your teams");
    res = server.Get("/api/scorecards?team=a&from=2026-03-28&to=2026-03-29&format=csv", "wang");
    CHECK(res->status == 200);
    CHECK(res->body.find("1003") == std::string::npos);
    res = server.Get("/api/scorecards/1001?from=2026-03-28&to=2026-03-29", "wang");
    REQUIRE(res->status == 200);
    cb::Scorecard card;
    std::string error;
    REQUIRE(cb::ScorecardFromJson(res->body, &card, &error));
    CHECK(card.agent.key == "1001");
    // Their own team and everyone's totals are fine; agents of other teams are not listed.
    res = server.Get("/api/reports?from=2026-03-28&to=2026-03-29&group=agent", "wang");
    REQUIRE(res->status == 200);
    cb::Report report;
    REQUIRE(cb::ReportFromJson(res->body, &report, &error));
    REQUIRE(report.groups.size() == 2);
    CHECK(report.groups[0].key == "1001");
    CHECK(report.groups[1].key == "1002");
    res = server.Get("/api/reports?from=2026-03-28&to=2026-03-29&group=agent&agent=1003", "wang");
    CHECK(res->status == 400);
    CHECK(Body(res)["error"] == "agent: unknown agent '1003'");
    res = server.Get("/api/reports?from=2026-03-28&to=2026-03-29&group=team", "wang");
    CHECK(res->status == 200);
    CHECK(Body(res)["groups"].size() == 2);
    // The other lead sees 1003; managers and QA see everyone.
    CHECK(server.Get("/api/scorecards/1003?from=2026-03-28", "li")->status == 200);
    CHECK(server.Get("/api/scorecards/1003?from=2026-03-28", "qiu")->status == 200);
    CHECK(server.Get("/api/scorecards?team=b&from=2026-03-28", "mona")->status == 200);
    // Wallboards see no history; trainers see demo data only.
    res = server.Get("/api/reports?from=2026-03-28", "tv");
    CHECK(res->status == 403);
    CHECK(Body(res)["error"] == "not allowed for role 'wallboard'");
    res = server.Get("/api/reports?from=2026-03-28", "tina");
    CHECK(res->status == 403);
    CHECK(Body(res)["error"] == "trainers see demo data only; this server has real data");
    // Without a session: 401.
    httplib::Client anonymous("127.0.0.1", server.http->port());
    CHECK(anonymous.Get("/api/reports?from=2026-03-28")->status == 401);
}

TEST_CASE("saved reports keep what was computed; only their owner (or an admin or manager) sees them") {
    ReportServer server;
    const json query = {{"from", "2026-03-28"}, {"to", "2026-03-29"}, {"group", "agent"}, {"granularity", "range"}};
    auto res = server.Send("POST", "/api/reports/saved", "wang", json{{"name", "Weekend, team A"}, {"query", query}});
    REQUIRE(res->status == 201);
    cb::SavedReport saved;
    std::string error;
    REQUIRE_MESSAGE(cb::SavedReportFromJson(res->body, &saved, &error), error);
    CHECK(saved.owner == "wang");
    CHECK(saved.report.groups.size() == 2);  // computed with the lead's scope
    const std::string path = "/api/reports/saved/" + std::to_string(saved.id);
    res = server.Get("/api/reports/saved", "wang");
    REQUIRE(res->status == 200);
    CHECK(Body(res)["saved"].size() == 1);
    CHECK(Body(res)["saved"][0]["query"]["group"] == "agent");
    CHECK(Body(res)["saved"][0]["name"] == "Weekend, team A");
    CHECK(Body(server.Get("/api/reports/saved", "li"))["saved"].empty());
    CHECK(Body(server.Get("/api/reports/saved", "mona"))["saved"].size() == 1);
    CHECK(server.Get(path, "li")->status == 404);
    res = server.Get(path, "root");
    REQUIRE(res->status == 200);
    cb::SavedReport reread;
    REQUIRE(cb::SavedReportFromJson(res->body, &reread, &error));
    CHECK(reread.report == saved.report);
    res = server.Get(path + "?format=csv", "wang");
    CHECK(res->body == cb::ReportToCsv(saved.report));
    CHECK(server.Send("DELETE", path, "li", json())->status == 404);
    CHECK(server.Send("DELETE", path, "wang", json())->status == 204);
    CHECK(server.Get(path, "wang")->status == 404);
    CHECK(cbtest::Query(server.db, "SELECT user, action, detail FROM audit WHERE action LIKE 'report_%' ORDER BY id") ==
          "wang|report_save|report " + std::to_string(saved.id) + "\nwang|report_delete|report " + std::to_string(saved.id) + "\n");
}

TEST_CASE("incident reports and notes over HTTP: stored, revised, audited without their text") {
    ReportServer server;
    const int64_t from = cbtest::BerlinMs({2026, 3, 28}, 8, 0), to = cbtest::BerlinMs({2026, 3, 28}, 9, 0);
    const std::string text = "Trunk down 08:25-08:45, customer 13812345678 complained";
    auto res = server.Send("POST", "/api/incidents/notes", "wang", json{{"from_ms", from}, {"to_ms", to}, {"text", text}});
    REQUIRE(res->status == 201);
    const int64_t id = Body(res)["id"];
    CHECK(Body(res)["author"] == "wang");
    const std::string note_path = "/api/incidents/notes/" + std::to_string(id);
    res = server.Send("PUT", note_path, "li", json{{"text", "not mine"}});
    CHECK(res->status == 403);
    res = server.Send("PUT", note_path, "wang", json{{"text", text + "; fixed"}});
    REQUIRE(res->status == 200);
    CHECK(Body(res)["revision"] == 2);
    CHECK(server.Send("POST", "/api/incidents/notes", "qiu", json{{"from_ms", from}, {"to_ms", to}, {"text", "x"}})->status == 403);
    res = server.Get(note_path, "qiu");
    REQUIRE(res->status == 200);
    CHECK(Body(res)["revisions"].size() == 2);
    CHECK(Body(res)["revisions"][0]["text"] == text);
    res = server.Get("/api/incidents/notes?from_ms=" + std::to_string(from) + "&to_ms=" + std::to_string(to), "mona");
    CHECK(Body(res)["notes"].size() == 1);

    res = server.Get("/api/incidents?date=2026-03-28&from=08:00&to=09:00&weeks=2", "wang");
    REQUIRE(res->status == 200);
    cb::IncidentReport report;
    std::string error;
    REQUIRE_MESSAGE(cb::IncidentReportFromJson(res->body, &report, &error), error);
    CHECK(report.intervals.size() == 4);
    CHECK(report.window.figures[0].now.value == 4);  // offered
    REQUIRE(report.notes.size() == 1);
    CHECK(report.notes[0].text == text + "; fixed");
    res = server.Get("/api/incidents?date=2026-03-28&from=08:00&to=09:00&format=csv", "wang");
    CHECK(res->status == 200);
    CHECK(res->body == cb::IncidentReportToCsv(report));
    // The audit names the note, never its text (which may hold personal data).
    const std::string audit = cbtest::Query(server.db, "SELECT action, detail FROM audit WHERE action LIKE 'incident%' ORDER BY id");
    CHECK(audit == "incident_note_add|note " + std::to_string(id) + "\nincident_note_edit|note " + std::to_string(id) + ", revision 2\n");
    CHECK(cbtest::Query(server.db, "SELECT COUNT(*) FROM audit WHERE detail LIKE '%13812345678%'") == "0\n");
}

TEST_CASE("GET /api/reports/pdf and /api/incidents/pdf: PDF files, scoped like the reports, bad input 400") {
    ReportServer server;
    auto res = server.Get("/api/reports/pdf?kind=daily&date=2026-03-28&lang=en", "wang");
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/pdf");
    CHECK(res->get_header_value("Content-Disposition") == "attachment; filename=\"daily_2026-03-28.pdf\"");
    CHECK(res->body.starts_with("%PDF-"));
    CHECK(res->body.size() > 10000);  // fonts and charts embedded
    res = server.Get("/api/reports/pdf?kind=weekly&date=2026-03-28", "qiu");
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Content-Disposition") == "attachment; filename=\"weekly_2026-03-23_2026-03-29.pdf\"");
    res = server.Get("/api/incidents/pdf?date=2026-03-28&from=08:00&to=09:00&weeks=2&lang=zh", "mona");
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Content-Disposition") == "attachment; filename=\"incident_2026-03-28_0800-0900.pdf\"");
    CHECK(res->body.starts_with("%PDF-"));

    CHECK(server.Get("/api/reports/pdf?kind=daily", "tv")->status == 403);
    CHECK(server.Get("/api/reports/pdf?kind=daily", "tina")->status == 403);  // trainers: demo data only
    res = server.Get("/api/reports/pdf?kind=hourly", "root");
    CHECK(res->status == 400);
    CHECK(Body(res)["field"] == "kind");
    CHECK(Body(res)["error"] == "kind: 'hourly' is not daily, weekly or monthly");
    res = server.Get("/api/reports/pdf?kind=daily&date=2026-02-30", "root");
    CHECK(res->status == 400);
    CHECK(Body(res)["field"] == "date");
    CHECK(server.Get("/api/reports/pdf?lang=fr", "root")->status == 400);
    CHECK(server.Get("/api/reports/pdf?colour=red", "root")->status == 400);
    res = server.Get("/api/incidents/pdf?date=2026-03-28&from=09:00&to=08:00", "root");
    CHECK(res->status == 400);
    CHECK(server.Get("/api/incidents/pdf?date=2026-03-28&from=08:00&to=09:00&lang=de", "root")->status == 400);
}

TEST_CASE("scheduled reports over HTTP: scope per schedule, a lead keeps their own team's, every field checked") {
    ReportServer server;
    // A manager: a queue's weekly CSV on Tuesdays at 07:30, mailed.
    auto res = server.Send("POST", "/api/reports/schedules", "mona",
                           json{{"name", "Sales weekly"}, {"kind", "weekly"}, {"at", "07:30"}, {"first_weekday", "tuesday"},
                                {"format", "csv"}, {"lang", "en"}, {"queue", "sales"}, {"recipients", {"boss@example.org"}}});
    REQUIRE(res->status == 201);
    json sales = Body(res);
    CHECK(sales["queue"] == "sales");
    CHECK(sales["team"].is_null());
    CHECK(sales["format"] == "csv");
    CHECK(sales["first_weekday"] == "tuesday");
    CHECK(sales["at"] == "07:30");
    CHECK(sales["day_of_month"] == 1);
    // Defaults: daily at 06:00, zh, PDF, the whole center.
    res = server.Send("POST", "/api/reports/schedules", "mona", json{{"name", "每日"}});
    REQUIRE(res->status == 201);
    const json center = Body(res);
    CHECK(center["kind"] == "daily");
    CHECK(center["at"] == "06:00");
    CHECK(center["format"] == "pdf");
    CHECK(center["lang"] == "zh");
    CHECK(center["queue"].is_null());
    // Mistakes: 400 naming the field, as the dashboard's form shows them.
    const std::pair<json, std::string> bad[] = {
        {json{{"name", "x"}, {"at", "25:00"}}, "at"},
        {json{{"name", "x"}, {"kind", "monthly"}, {"day_of_month", 31}}, "day_of_month"},
        {json{{"name", "x"}, {"day_of_month", "3"}}, "day_of_month"},
        {json{{"name", "x"}, {"format", "xls"}}, "format"},
        {json{{"name", "x"}, {"queue", "billing"}}, "queue"},
        {json{{"name", "x"}, {"queue", 3}}, "queue"},
        {json{{"name", "x"}, {"team", "a"}, {"queue", "sales"}}, "team"},
    };
    for (const auto& [body, field] : bad) {
        res = server.Send("POST", "/api/reports/schedules", "mona", body);
        CHECK(res->status == 400);
        CHECK(Body(res)["field"] == field);
    }
    res = server.Send("POST", "/api/reports/schedules", "mona", json{{"name", "x"}, {"queue", "billing"}});
    CHECK(Body(res)["error"] == "queue: unknown queue 'billing' (queues: sales, support)");
    // A lead: only their own team's schedules.
    res = server.Send("POST", "/api/reports/schedules", "wang", json{{"name", "mine"}});
    CHECK(res->status == 400);
    CHECK(Body(res)["field"] == "team");
    res = server.Send("POST", "/api/reports/schedules", "wang", json{{"name", "theirs"}, {"team", "b"}});
    CHECK(res->status == 400);
    CHECK(Body(res)["field"] == "team");
    res = server.Send("POST", "/api/reports/schedules", "wang",
                      json{{"name", "Team a monthly"}, {"kind", "monthly"}, {"day_of_month", 3}, {"team", "a"}});
    REQUIRE(res->status == 201);
    const json mine = Body(res);
    CHECK(mine["day_of_month"] == 3);
    res = server.Get("/api/reports/schedules", "wang");
    REQUIRE(res->status == 200);
    REQUIRE(Body(res)["schedules"].size() == 1);
    CHECK(Body(res)["schedules"][0]["name"] == "Team a monthly");
    CHECK(server.Get("/api/reports/schedules", "li")->status == 200);
    CHECK(Body(server.Get("/api/reports/schedules", "li"))["schedules"].empty());
    CHECK(Body(server.Get("/api/reports/schedules", "mona"))["schedules"].size() == 3);
    const std::string center_path = "/api/reports/schedules/" + std::to_string(center["id"].get<int64_t>());
    CHECK(server.Send("PUT", center_path, "wang", json{{"enabled", false}})->status == 404);
    CHECK(server.Send("DELETE", center_path, "li", json())->status == 404);
    const std::string mine_path = "/api/reports/schedules/" + std::to_string(mine["id"].get<int64_t>());
    CHECK(server.Send("PUT", mine_path, "li", json{{"enabled", false}})->status == 404);  // the other team's lead
    res = server.Send("PUT", mine_path, "wang", json{{"enabled", false}, {"team", "b"}});
    CHECK(res->status == 400);
    res = server.Send("PUT", mine_path, "wang", json{{"enabled", false}});
    REQUIRE(res->status == 200);
    CHECK(Body(res)["enabled"] == false);
    CHECK(Body(res)["team"] == "a");
    // Others read them (QA: all of them) but may not change them.
    res = server.Get("/api/reports/schedules", "qiu");
    REQUIRE(res->status == 200);
    CHECK(Body(res)["may_edit"] == false);
    CHECK(Body(res)["schedules"].size() == 3);
    CHECK(Body(server.Get("/api/reports/schedules", "wang"))["may_edit"] == true);
    CHECK(server.Send("POST", "/api/reports/schedules", "qiu", json{{"name", "x"}})->status == 403);
    CHECK(server.Send("DELETE", mine_path, "qiu", json())->status == 403);
    CHECK(server.Get("/api/reports/schedules", "tv")->status == 403);
    CHECK(server.Send("DELETE", mine_path, "wang", json())->status == 204);
    CHECK(Body(server.Get("/api/reports/schedules", "mona"))["schedules"].size() == 2);
}

TEST_CASE("scheduled reports over HTTP: a schedule's last mail with every attempt; a lead never lists or downloads another team's file") {
    ReportServer server(true);
    server.now = cbtest::BerlinMs({2026, 3, 29}, 6, 0);  // Saturday's daily reports are due
    auto res = server.Send("POST", "/api/reports/schedules", "mona", json{{"name", "每日报告"}, {"recipients", {"boss@example.org"}}});
    REQUIRE(res->status == 201);
    const int64_t daily = Body(res)["id"].get<int64_t>();
    REQUIRE(server.Send("POST", "/api/reports/schedules", "mona",
                        json{{"name", "team b"}, {"team", "b"}, {"format", "csv"}, {"folder", "team_b"}})
                ->status == 201);
    REQUIRE(server.Send("POST", "/api/reports/schedules", "wang", json{{"name", "team a"}, {"team", "a"}, {"folder", "team_a"}})->status ==
            201);
    CHECK(server.scheduler->Tick() == 3);

    res = server.Get("/api/reports/schedules", "mona");
    REQUIRE(res->status == 200);
    CHECK(res->body.find("relay-secret-4711") == std::string::npos);
    json mail;
    const json schedules = Body(res);
    for (const json& s : schedules["schedules"]) {
        if (s["id"] == daily) mail = s["last_mail"];
        else CHECK(s["last_mail"].is_null());  // never mailed
    }
    REQUIRE(mail.is_object());
    CHECK(mail["file"] == "daily_2026-03-28_zh.pdf");
    CHECK(mail["mail"].get<std::string>().rfind("retrying: mail not sent", 0) == 0);
    CHECK(mail["mail_attempts"] == 1);
    CHECK(mail["mail_next_ms"] == server.now + 60'000);
    REQUIRE(mail["mail_log"].size() == 1);
    CHECK(mail["mail_log"][0]["attempt"] == 1);
    CHECK(mail["mail_log"][0]["t_ms"] == server.now);
    CHECK(mail["last_error"] == mail["mail_log"][0]["error"]);
    CHECK(mail["last_error"].get<std::string>().rfind("mail not sent", 0) == 0);

    // Files: the manager lists all three; the lead of team a not team b's, and cannot fetch it.
    res = server.Get("/api/reports/files", "mona");
    REQUIRE(res->status == 200);
    REQUIRE(Body(res)["files"].size() == 3);
    int64_t team_b_file = 0;
    const json all = Body(res);
    for (const json& f : all["files"])
        if (f["team"] == "b") team_b_file = f["id"].get<int64_t>();
    REQUIRE(team_b_file > 0);
    res = server.Get("/api/reports/files", "wang");
    REQUIRE(res->status == 200);
    std::vector<std::string> names;
    const json theirs = Body(res);
    for (const json& f : theirs["files"]) names.push_back(f["file"].get<std::string>());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"daily_2026-03-28_team-a_zh.pdf", "daily_2026-03-28_zh.pdf"});
    const std::string path = "/api/reports/files/" + std::to_string(team_b_file);
    CHECK(server.Get(path, "wang")->status == 404);
    res = server.Get(path, "li");  // team b's own lead
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "text/csv; charset=utf-8");
    CHECK(res->body.rfind("\xEF\xBB\xBF", 0) == 0);
}
