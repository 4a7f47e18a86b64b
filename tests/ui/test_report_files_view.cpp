// The scheduled reports' page, headless over a whole DashboardApp: offered to every signed-in
// role but wallboard, never in the offline demo; opening it asks GET /api/reports/files and
// /api/reports/schedules; the rows show the period, kind, language, schedule, size and mail
// (sent, retrying at HH:MM, failed after N attempts); Download fetches the PDF and hands it to the
// desktop's save hook, or lets the browser open the file's URL; the schedule form checks every
// field before sending (the core's rules), shows the server's refusal beside its field, and
// enable, disable and delete (confirmed) send what they say; read-only for roles that may not
// edit; both languages.
#include <doctest/doctest.h>

#include <string>
#include <nlohmann/json.hpp>
#include "core/snapshot_json.h"
#include "ui/format.h"
#include "scripted_app.h"

using namespace cb;
using namespace cb::test;

namespace {

using K = TransportMessage::Kind;

const char* kLead = R"({"mode":"accounts","user":"wang","role":"lead","teams":["team_1"],"csrf":"w","expires_at_ms":0})";
const char* kManager = R"({"mode":"accounts","user":"mona","role":"manager","teams":[],"csrf":"m","expires_at_ms":0})";
const char* kQa = R"({"mode":"accounts","user":"qiu","role":"qa","teams":[],"csrf":"q","expires_at_ms":0})";
const char* kWallboard = R"({"mode":"accounts","user":"tv","role":"wallboard","teams":[],"csrf":"t","expires_at_ms":0})";

const char* kFiles = R"({"files":[
 {"id":7,"schedule_id":2,"schedule":"每日报告","kind":"daily","from":"2026-03-28","to":"2026-03-28","lang":"zh","folder":"daily",
  "file":"daily_2026-03-28_zh.pdf","bytes":61440,"created_ms":1774760400000,"mail":"sent to 2","url":"/api/reports/files/7"},
 {"id":6,"schedule_id":3,"schedule":"Weekly","kind":"weekly","from":"2026-03-16","to":"2026-03-22","lang":"en","folder":"weekly",
  "file":"weekly_2026-03-16_2026-03-22_en.pdf","bytes":80000,"created_ms":1774240000000,"mail":"failed: mail not sent: refused","url":"/api/reports/files/6"}]})";

const char* kSchedules = R"({"may_edit":true,"writes_files":true,"schedules":[
 {"id":2,"name":"每日报告","kind":"daily","at":"06:00","lang":"zh","first_weekday":"monday","day_of_month":1,"format":"pdf",
  "queue":null,"team":null,"folder":"daily","recipients":["boss@example.org","ops@example.org"],"enabled":true,"created_by":"mona",
  "created_ms":1,"last_period":"2026-03-28"},
 {"id":3,"name":"Sales weekly","kind":"weekly","at":"07:30","lang":"en","first_weekday":"tuesday","day_of_month":1,"format":"csv",
  "queue":"sales","team":null,"folder":"weekly","recipients":[],"enabled":false,"created_by":"mona","created_ms":2,"last_period":null},
 {"id":4,"name":"Team a monthly","kind":"monthly","at":"05:00","lang":"zh","first_weekday":"monday","day_of_month":3,"format":"pdf",
  "queue":null,"team":"a","folder":"reports","recipients":[],"enabled":true,"created_by":"wang","created_ms":3,"last_period":null}]})";

struct Screen {
    std::shared_ptr<RecordingTransport::Log> log = std::make_shared<RecordingTransport::Log>();
    std::unique_ptr<DashboardApp> app;
    std::vector<std::pair<std::string, std::string>> saved;  // (name, bytes)
    std::vector<std::string> opened;
    Screen(const char* session, Lang lang, bool browser) {
        DashboardOptions options;
        options.transport = std::make_unique<RecordingTransport>(log);
        options.lang = lang;
        if (browser) options.open_url = [this](const std::string& url) { opened.push_back(url); };
        else options.save_file = [this](const std::string& name, const std::string& bytes) {
            saved.push_back({name, bytes});
            return "Downloads/" + name;
        };
        app = std::make_unique<DashboardApp>(std::move(options));
        app->SetFonts(Harness::Get().fonts());
        log->inbox.push_back({K::Session, session, kWall, 200, 0});
        Step(*app);
        log->inbox.push_back({K::Connected, "", kWall, 0, 0});
        log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
        Step(*app);
    }
    // The last request sent to this path (method too when given).
    ApiRequest Sent(const std::string& path, const std::string& method = "") const {
        for (auto it = log->sent.rbegin(); it != log->sent.rend(); ++it)
            if (it->path == path && (method.empty() || it->method == method)) return *it;
        FAIL("nothing sent to " << path);
        return {};
    }
    AppView Answer(const std::string& path, int status, const std::string& body) {
        log->inbox.push_back(ApiAnswer(Sent(path).tag, status, body));
        return Step(*app);
    }
    // Opens the page and answers both lists.
    AppView Open(const char* files, const char* schedules) {
        ClickItem(*app, "button.report_files");
        Answer("api/reports/files", 200, files);
        return Answer("api/reports/schedules", 200, schedules);
    }
};

}  // namespace

TEST_CASE("the report files are offered to a signed-in lead, not to a wallboard or the offline demo") {
    CHECK(Step(*Screen(kLead, Lang::En, false).app).Text("button.report_files") == "Report files");
    CHECK(Step(*Screen(kLead, Lang::Zh, false).app).Text("button.report_files") == "报告文件");
    CHECK(Step(*Screen(kWallboard, Lang::En, false).app).Find("button.report_files") == nullptr);
    DashboardApp demo{DashboardOptions{}};
    demo.SetFonts(Harness::Get().fonts());
    CHECK(Step(demo).Find("button.report_files") == nullptr);
}

TEST_CASE("opening the list asks the server, shows each file, and Download saves it on the desktop") {
    Screen screen(kLead, Lang::En, false);
    ClickItem(*screen.app, "button.report_files");
    REQUIRE(screen.app->ui().report_files_open);
    REQUIRE(screen.log->sent.size() == 2);
    CHECK(screen.log->sent[0].method == "GET");
    CHECK(screen.log->sent[0].path == "api/reports/files");
    CHECK(screen.log->sent[1].method == "GET");
    CHECK(screen.log->sent[1].path == "api/reports/schedules");
    AppView f = screen.Answer("api/reports/files", 200, kFiles);
    CHECK(f.Text("files.title") == "Scheduled reports");
    CHECK(f.Text("files.row.0.period") == "2026-03-28");
    CHECK(f.Text("files.row.1.period") == "2026-03-16 – 2026-03-22");
    CHECK(f.Text("files.row.0.download") == "daily_2026-03-28_zh.pdf");

    ClickItem(*screen.app, "files.row.0.download");
    REQUIRE(screen.log->sent.size() == 3);
    const ApiRequest get = screen.log->sent.back();
    CHECK(get.method == "GET");
    CHECK(get.path == "api/reports/files/7");
    screen.log->inbox.push_back(ApiAnswer(get.tag, 200, std::string("%PDF-1.5\0\x01\x02", 11)));
    f = Step(*screen.app);
    REQUIRE(screen.saved.size() == 1);
    CHECK(screen.saved[0].first == "daily_2026-03-28_zh.pdf");
    CHECK(screen.saved[0].second == std::string("%PDF-1.5\0\x01\x02", 11));
    CHECK(f.Text("files.saved") == "Saved to Downloads/daily_2026-03-28_zh.pdf");

    // A refusal is shown as the server says it.
    ClickItem(*screen.app, "files.row.1.download");
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent.back().tag, 404,
                                          R"({"error":"the file weekly/x.pdf is no longer in the reports folder","code":"file_gone"})"));
    f = Step(*screen.app);
    CHECK(f.Text("files.error") == "the file weekly/x.pdf is no longer in the reports folder");
}

TEST_CASE("in the browser Download opens the file's URL; Chinese labels; an empty list says so") {
    Screen screen(kLead, Lang::Zh, true);
    AppView f = screen.Open(kFiles, R"({"schedules":[],"may_edit":true})");
    CHECK(f.Text("files.title") == "定时报告");
    CHECK(f.Text("schedules.none") == "尚无报告计划。");
    ClickItem(*screen.app, "files.row.1.download");
    CHECK(screen.opened == std::vector<std::string>{"/api/reports/files/6"});
    CHECK(screen.log->sent.size() == 2);  // nothing fetched by the app itself
    ClickItem(*screen.app, "files.refresh");
    REQUIRE(screen.log->sent.size() == 4);
    f = screen.Answer("api/reports/files", 200, R"({"files":[]})");
    CHECK(f.Text("files.none") == "尚未生成任何定时报告。");
}

TEST_CASE("the mail column: sent, retrying at the next attempt's time, failed after N attempts; hovering lists them") {
    const int64_t next = 1774760460000;
    const std::string files = R"({"files":[
 {"id":9,"schedule":"a","kind":"daily","from":"2026-03-28","to":"2026-03-28","lang":"en","file":"a.pdf","bytes":1,"created_ms":1,
  "mail":"retrying: mail not sent: 421 busy","mail_attempts":1,"mail_next_ms":)" + std::to_string(next) + R"(,
  "mail_log":[{"attempt":1,"t_ms":1774760400000,"error":"mail not sent: 421 busy"}],"url":"/api/reports/files/9"},
 {"id":8,"schedule":"a","kind":"daily","from":"2026-03-27","to":"2026-03-27","lang":"en","file":"b.pdf","bytes":1,"created_ms":1,
  "mail":"failed: mail not sent: refused","mail_attempts":4,"mail_next_ms":null,"mail_log":[],"url":"/api/reports/files/8"},
 {"id":7,"schedule":"a","kind":"daily","from":"2026-03-26","to":"2026-03-26","lang":"en","file":"c.pdf","bytes":1,"created_ms":1,
  "mail":"sent to 3","mail_attempts":2,"url":"/api/reports/files/7"}]})";
    const std::string at = FormatClock(next, NormalSnapshot().tz_offset_min, false);
    Screen en(kLead, Lang::En, false);
    AppView f = en.Open(files.c_str(), R"({"schedules":[],"may_edit":true})");
    CHECK(f.Text("files.row.0.mail") == "retrying at " + at);
    CHECK(f.Text("files.row.1.mail") == "failed after 4 attempts");
    CHECK(f.Text("files.row.2.mail") == "sent to 3");
    Screen zh(kLead, Lang::Zh, false);
    f = zh.Open(files.c_str(), R"({"schedules":[],"may_edit":true})");
    CHECK(f.Text("files.row.0.mail") == "将于 " + at + " 重试");
    CHECK(f.Text("files.row.1.mail") == "尝试 4 次后失败");
    std::vector<ReportFileEntry> parsed;
    std::string error;
    REQUIRE(ReportFilesFromJson(files, &parsed, &error));
    REQUIRE(parsed[0].mail_log.size() == 1);
    CHECK(parsed[0].mail_log[0].error == "mail not sent: 421 busy");
    CHECK(MailStatusOf(parsed[0]) == MailStatus::Retrying);
    CHECK(MailStatusOf(parsed[1]) == MailStatus::Failed);
    CHECK(MailStatusOf(parsed[2]) == MailStatus::Sent);
}

TEST_CASE("the schedules: when each runs, its scope; read-only for a role that may not edit them") {
    Screen screen(kManager, Lang::En, false);
    AppView f = screen.Open(R"({"files":[]})", kSchedules);
    CHECK(f.Text("schedules.title") == "Report schedules");
    CHECK(f.Text("schedules.row.0.runs") == "every day at 06:00");
    CHECK(f.Text("schedules.row.0.scope") == "Whole center");
    CHECK(f.Text("schedules.row.1.runs") == "every Tue at 07:30");
    CHECK(f.Text("schedules.row.1.scope") == "queue sales");
    CHECK(f.Text("schedules.row.1.enabled") == "Disabled");
    CHECK(f.Text("schedules.row.2.runs") == "on day 3 of each month at 05:00");
    CHECK(f.Text("schedules.row.2.scope") == "team a");
    CHECK(f.Find("schedules.new") != nullptr);
    CHECK(f.Find("schedules.read_only") == nullptr);
    Screen zh(kManager, Lang::Zh, false);
    f = zh.Open(R"({"files":[]})", kSchedules);
    CHECK(f.Text("schedules.row.1.runs") == "每周二 07:30");
    CHECK(f.Text("schedules.row.2.runs") == "每月 3 日 05:00");
    CHECK(f.Text("schedules.row.2.scope") == "班组 a");
    const std::string read_only = std::string(kSchedules).replace(std::string(kSchedules).find("\"may_edit\":true"), 15, "\"may_edit\":false");
    Screen qa(kQa, Lang::En, false);
    f = qa.Open(R"({"files":[]})", read_only.c_str());
    CHECK(f.Text("schedules.read_only") == "Only admins, managers and team leads change schedules.");
    CHECK(f.Text("schedules.row.1.name") == "Sales weekly");
    CHECK(f.Find("schedules.new") == nullptr);
    CHECK(f.Find("schedules.row.0.edit") == nullptr);
    CHECK(f.Find("schedules.row.0.delete") == nullptr);
}

TEST_CASE("a new schedule: each mistake beside its field before anything is sent, the server's beside its own; saved") {
    Screen screen(kManager, Lang::En, false);
    screen.Open(R"({"files":[]})", R"({"schedules":[],"may_edit":true})");
    ClickItem(*screen.app, "schedules.new");
    AppView f = Step(*screen.app);
    CHECK(f.Text("schedule.form.heading") == "New schedule");
    CHECK(f.Text("schedule.form.at") == "06:00");
    CHECK(f.Text("schedule.form.folder") == "reports");
    Fill(*screen.app, "schedule.form.at", "25:00");
    Fill(*screen.app, "schedule.form.recipients", "boss@example.org, nobody");
    const size_t sent = screen.log->sent.size();
    ClickItem(*screen.app, "schedule.form.save");
    f = Step(*screen.app);
    CHECK(screen.log->sent.size() == sent);  // nothing sent
    CHECK(f.Text("schedule.form.name.error") == "must be 1-200 characters");
    CHECK(f.Text("schedule.form.at.error") == "'25:00' is not a local time HH:MM from 00:00 to 23:59");
    CHECK(f.Text("schedule.form.recipients.error") == "'nobody' is not a mail address");
    CHECK(f.Find("schedule.form.folder.error") == nullptr);

    Fill(*screen.app, "schedule.form.name", "Sales weekly");
    Fill(*screen.app, "schedule.form.at", "07:30");
    Fill(*screen.app, "schedule.form.recipients", "boss@example.org");
    ClickItem(*screen.app, "schedule.form.kind");
    ClickItem(*screen.app, "schedule.form.kind.1");  // weekly
    f = Step(*screen.app);
    CHECK(f.Text("schedule.form.kind") == "Weekly report");
    ClickItem(*screen.app, "schedule.form.first_weekday");
    ClickItem(*screen.app, "schedule.form.first_weekday.1");  // Tuesday
    ClickItem(*screen.app, "schedule.form.format");
    ClickItem(*screen.app, "schedule.form.format.1");  // CSV
    Fill(*screen.app, "schedule.form.queue", "billing");
    ClickItem(*screen.app, "schedule.form.save");
    const ApiRequest post = screen.Sent("api/reports/schedules", "POST");
    const nlohmann::json body = nlohmann::json::parse(post.body);
    CHECK(body["name"] == "Sales weekly");
    CHECK(body["kind"] == "weekly");
    CHECK(body["at"] == "07:30");
    CHECK(body["first_weekday"] == "tuesday");
    CHECK(body["format"] == "csv");
    CHECK(body["lang"] == "zh");
    CHECK(body["queue"] == "billing");
    CHECK(body["team"].is_null());
    CHECK(body["recipients"] == nlohmann::json::array({"boss@example.org"}));
    CHECK(body["enabled"] == true);
    // The server knows the queues: its refusal beside the field; the form stays.
    f = screen.Answer("api/reports/schedules", 400,
                      R"x({"error":"queue: unknown queue 'billing' (queues: sales, support)","code":"invalid","field":"queue"})x");
    CHECK(f.Text("schedule.form.queue.error") == "unknown queue 'billing' (queues: sales, support)");
    CHECK(f.Text("schedule.form.name") == "Sales weekly");
    Fill(*screen.app, "schedule.form.queue", "sales");
    ClickItem(*screen.app, "schedule.form.save");
    CHECK(nlohmann::json::parse(screen.Sent("api/reports/schedules", "POST").body)["queue"] == "sales");
    screen.log->inbox.push_back(ApiAnswer(screen.Sent("api/reports/schedules", "POST").tag, 201, R"({"id":3})"));
    f = Step(*screen.app);
    CHECK(f.Find("schedule.form.heading") == nullptr);  // closed; both lists asked again
    CHECK(screen.Sent("api/reports/schedules", "GET").tag > post.tag);
}

TEST_CASE("edit, disable and delete (after a second click); Chinese messages beside the fields") {
    Screen screen(kManager, Lang::Zh, false);
    screen.Open(R"({"files":[]})", kSchedules);
    ClickItem(*screen.app, "schedules.row.2.edit");
    AppView f = Step(*screen.app);
    CHECK(f.Text("schedule.form.heading") == "报告计划 4");
    CHECK(f.Text("schedule.form.name") == "Team a monthly");
    CHECK(f.Text("schedule.form.day_of_month") == "3");
    CHECK(f.Text("schedule.form.team") == "a");
    Fill(*screen.app, "schedule.form.name", "  ");  // only spaces: no name
    Fill(*screen.app, "schedule.form.folder", "../etc");
    ClickItem(*screen.app, "schedule.form.save");
    f = Step(*screen.app);
    CHECK(f.Text("schedule.form.name.error") == "请填写 1-200 个字符的名称。");
    CHECK(f.Text("schedule.form.folder.error") == "1-64 个字母、数字、_ 或 -。");
    Fill(*screen.app, "schedule.form.name", "班组 a 月报");
    Fill(*screen.app, "schedule.form.folder", "team_a");
    ClickItem(*screen.app, "schedule.form.save");
    const ApiRequest put = screen.Sent("api/reports/schedules/4", "PUT");
    const nlohmann::json body = nlohmann::json::parse(put.body);
    CHECK(body["name"] == "班组 a 月报");
    CHECK(body["kind"] == "monthly");
    CHECK(body["day_of_month"] == 3);
    CHECK(body["team"] == "a");
    CHECK(body["folder"] == "team_a");
    screen.log->inbox.push_back(ApiAnswer(put.tag, 200, "{}"));
    Step(*screen.app);
    screen.Answer("api/reports/schedules", 200, kSchedules);

    ClickItem(*screen.app, "schedules.row.0.toggle");
    const ApiRequest toggle = screen.Sent("api/reports/schedules/2", "PUT");
    CHECK(toggle.body == R"({"enabled":false})");
    screen.log->inbox.push_back(ApiAnswer(toggle.tag, 200, "{}"));
    Step(*screen.app);
    screen.Answer("api/reports/schedules", 200, kSchedules);

    const size_t before = screen.log->sent.size();
    ClickItem(*screen.app, "schedules.row.1.delete");
    f = Step(*screen.app);
    CHECK(screen.log->sent.size() == before);  // asks first
    CHECK(f.Text("schedules.confirm_delete") == "删除“Sales weekly”？请再次点击删除。");
    ClickItem(*screen.app, "schedules.row.1.delete");
    CHECK(screen.Sent("api/reports/schedules/3", "DELETE").method == "DELETE");
    // A refusal is shown above the list.
    screen.log->inbox.push_back(ApiAnswer(screen.Sent("api/reports/schedules/3").tag, 403, R"({"error":"not allowed for role 'qa'"})"));
    f = Step(*screen.app);
    CHECK(f.Text("schedules.error") == "您的角色无权执行此操作。");
}

TEST_CASE("a schedule's last mail: its state, the last error, and every attempt when opened; a lead's new schedule is their team's") {
    const std::string schedules = R"({"may_edit":true,"schedules":[
 {"id":2,"name":"每日报告","kind":"daily","at":"06:00","lang":"zh","first_weekday":"monday","day_of_month":1,"format":"pdf",
  "queue":null,"team":"team_1","folder":"daily","recipients":["boss@example.org"],"enabled":true,"last_period":"2026-03-28",
  "last_mail":{"id":9,"schedule_id":2,"schedule":"每日报告","kind":"daily","from":"2026-03-28","to":"2026-03-28","lang":"zh",
   "file":"daily_2026-03-28_team-team_1_zh.pdf","bytes":1,"created_ms":1774760400000,"mail":"failed: mail not sent: Connection refused",
   "mail_attempts":2,"mail_next_ms":null,"last_error":"mail not sent: Connection refused","url":"/api/reports/files/9",
   "mail_log":[{"attempt":1,"t_ms":1774760400000,"error":"mail not sent: 421 busy"},
               {"attempt":2,"t_ms":1774760460000,"error":"mail not sent: Connection refused"}]}},
 {"id":3,"name":"Weekly","kind":"weekly","at":"07:30","lang":"en","first_weekday":"tuesday","day_of_month":1,"format":"csv",
  "queue":null,"team":"team_1","folder":"weekly","recipients":[],"enabled":true,"last_period":null,"last_mail":null}]})";
    Screen en(kLead, Lang::En, false);
    AppView f = en.Open(R"({"files":[]})", schedules.c_str());
    CHECK(f.Text("schedules.row.0.mail") == "failed after 2 attempts");
    CHECK(f.Text("schedules.row.0.mail.last_error") == "mail not sent: Connection refused");
    CHECK(f.Find("schedules.row.0.mail.attempt.0") == nullptr);  // closed
    CHECK(f.Find("schedules.row.1.mail") == nullptr);            // never mailed
    ClickItem(*en.app, "schedules.row.0.mail");
    f = Step(*en.app);
    const int tz = NormalSnapshot().tz_offset_min;
    CHECK(f.Text("schedules.row.0.mail.attempt.0") == "Attempt 1, " + FormatDateTime(1774760400000, tz) + ": mail not sent: 421 busy");
    CHECK(f.Text("schedules.row.0.mail.attempt.1") == "Attempt 2, " + FormatDateTime(1774760460000, tz) + ": mail not sent: Connection refused");
    Screen zh(kLead, Lang::Zh, false);
    f = zh.Open(R"({"files":[]})", schedules.c_str());
    CHECK(f.Text("schedules.row.0.mail") == "尝试 2 次后失败");
    ClickItem(*zh.app, "schedules.row.0.mail");
    f = Step(*zh.app);
    CHECK(f.Text("schedules.row.0.mail.attempt.0") == "第 1 次，" + FormatDateTime(1774760400000, tz) + "：mail not sent: 421 busy");

    // A lead's New starts with their own team; a manager's with the whole center.
    ClickItem(*en.app, "schedules.new");
    f = Step(*en.app);
    CHECK(f.Text("schedule.form.team") == "team_1");
    Screen manager(kManager, Lang::En, false);
    manager.Open(R"({"files":[]})", schedules.c_str());
    ClickItem(*manager.app, "schedules.new");
    f = Step(*manager.app);
    CHECK(f.Text("schedule.form.team") == "");
    // A last_mail that is not a file is a bad answer, said above the list.
    ClickItem(*manager.app, "files.refresh");
    f = manager.Answer("api/reports/schedules", 200, R"({"schedules":[{"id":5,"name":"x","at":"06:00","last_mail":{"mail":"sent to 1"}}]})");
    CHECK(f.Text("schedules.error") == "schedules: a last_mail without id or url");
}
