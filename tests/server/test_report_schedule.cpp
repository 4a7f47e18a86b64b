// Scheduled reports (server/export/report_schedule.h) over the hand-made center, driven by an
// injected clock (no sleeps): when each kind is due, the PDF written to its folder once per
// period, the download list, input checks, and mail through a real SMTP conversation with a sink
// this test runs on loopback (EHLO, AUTH, MAIL, RCPT, DATA, QUIT): the message and its PDF
// attachment arrive byte for byte, and the relay's password appears in no log line.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include "server/base/log.h"
#include "server/config/config.h"
#include "server/export/mailer.h"
#include "server/export/report_schedule.h"
#include "server/store/store_reports.h"
#include "server/store/store_schedules.h"
#include "report_fixture.h"
#include "server_test_util.h"
#include "smtp_sink.h"

namespace {

using cbtest::SmtpSink;

std::string Base64Decode(const std::string& in) {
    std::string out;
    int bits = 0, value = 0;
    for (char ch : in) {
        const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        const char* p = std::strchr(k, ch);
        if (!p || ch == 0) continue;  // CR, LF, '='
        value = (value << 6) | static_cast<int>(p - k);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((value >> bits) & 0xFF);
        }
    }
    return out;
}

std::string Run(const std::string& command) {
    std::string out;
    FILE* p = popen(command.c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
}

std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Captures what the server logs (stderr) while fn runs.
template <typename Fn>
std::string CaptureLog(const std::string& path, Fn fn) {
    fflush(stderr);
    const int saved = dup(2);
    const int f = open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
    dup2(f, 2);
    cb::SetLogEnabled(true);
    fn();
    cb::SetLogEnabled(false);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(f);
    return ReadAll(path);
}

struct Fixture {
    cbtest::TempDir dir;
    std::string db = dir.path() + "/center.db";
    std::string folder = dir.path() + "/reports";
    cbtest::ReportDb data;
    cb::ReportStore report_store;
    cb::ScheduleStore schedule_store;
    int64_t now = cbtest::BerlinMs({2026, 3, 29}, 5, 59);
    cb::ReportService reports{[this] { return now; }};
    cb::Caller admin, manager, lead, wallboard;
    const cb::Actor actor{"mona", "127.0.0.1", 2};
    Fixture() {
        cb::SetLogEnabled(false);
        data = cbtest::OpenReportDb(db, cbtest::BerlinMs({2026, 1, 1}, 0, 0));
        REQUIRE(report_store.Open(db).ok());
        REQUIRE(schedule_store.Open(db).ok());
        reports.Attach(&report_store, cbtest::Berlin(), 15);
        admin.local = true;
        manager.user = "mona";
        manager.role = cb::Role::Manager;
        lead.user = "wang";
        lead.role = cb::Role::Lead;
        lead.teams = {"a"};
        wallboard.role = cb::Role::Wallboard;
    }
    ~Fixture() { cb::SetLogEnabled(true); }
    std::unique_ptr<cb::ReportScheduler> Scheduler(cb::SmtpSettings smtp = {}) {
        return std::make_unique<cb::ReportScheduler>(&reports, &schedule_store, folder, smtp, [this] { return now; });
    }
    cb::ScheduleRow Daily(const std::string& recipients = "") {
        cb::ScheduleRow s;
        s.name = "每日报告";
        s.kind = "daily";
        s.at_min = 6 * 60;
        s.lang = "zh";
        s.folder = "daily";
        s.recipients = recipients;
        return s;
    }
};

}  // namespace

TEST_CASE("when each kind of schedule is due, on the center's clock") {
    const cb::TimeZone berlin = cbtest::Berlin();
    cb::ScheduleRow s;
    s.kind = "daily";
    s.at_min = 6 * 60 + 30;
    // Before 06:30 the last run was yesterday's (for the day before); at 06:30 today's.
    cb::ScheduleRun r = cb::LastRun(s, berlin, cbtest::BerlinMs({2026, 3, 29}, 6, 29));
    CHECK(r.run_date == cb::CivilDate{2026, 3, 28});
    CHECK(r.from == cb::CivilDate{2026, 3, 27});
    r = cb::LastRun(s, berlin, cbtest::BerlinMs({2026, 3, 29}, 6, 30));
    CHECK(r.run_date == cb::CivilDate{2026, 3, 29});
    CHECK(r.from == cb::CivilDate{2026, 3, 28});
    CHECK(r.due_ms == cbtest::BerlinMs({2026, 3, 29}, 6, 30));  // 23 h day: 06:30 CEST
    s.kind = "weekly";
    s.first_weekday = 0;
    r = cb::LastRun(s, berlin, cbtest::BerlinMs({2026, 3, 29}, 12, 0));  // a Sunday
    CHECK(r.run_date == cb::CivilDate{2026, 3, 23});
    CHECK(r.from == cb::CivilDate{2026, 3, 16});
    CHECK(r.to == cb::CivilDate{2026, 3, 22});
    r = cb::LastRun(s, berlin, cbtest::BerlinMs({2026, 3, 30}, 6, 29));  // Monday before 06:30
    CHECK(r.from == cb::CivilDate{2026, 3, 16});
    r = cb::LastRun(s, berlin, cbtest::BerlinMs({2026, 3, 30}, 6, 30));
    CHECK(r.from == cb::CivilDate{2026, 3, 23});
    CHECK(r.to == cb::CivilDate{2026, 3, 29});
    s.kind = "monthly";
    r = cb::LastRun(s, berlin, cbtest::BerlinMs({2026, 3, 1}, 6, 0));
    CHECK(r.from == cb::CivilDate{2026, 1, 1});
    CHECK(r.to == cb::CivilDate{2026, 1, 31});
    r = cb::LastRun(s, berlin, cbtest::BerlinMs({2026, 4, 1}, 7, 0));
    CHECK(r.from == cb::CivilDate{2026, 3, 1});
    CHECK(r.to == cb::CivilDate{2026, 3, 31});
    r = cb::LastRun(s, berlin, cbtest::BerlinMs({2026, 1, 1}, 0, 0));
    CHECK(r.from == cb::CivilDate{2025, 11, 1});
}

TEST_CASE("schedules: only admins and managers keep them, every field is checked, changes are audited") {
    Fixture f;
    auto scheduler = f.Scheduler();
    cb::ScheduleRow out;
    CHECK(scheduler->Add(f.Daily(), f.lead, f.actor, &out).kind == cb::AdminOutcome::Kind::Forbidden);
    CHECK(scheduler->Add(f.Daily(), f.wallboard, f.actor, &out).kind == cb::AdminOutcome::Kind::Forbidden);
    auto bad = [&](auto change, const std::string& field) {
        cb::ScheduleRow s = f.Daily();
        change(s);
        const cb::AdminOutcome o = scheduler->Add(s, f.manager, f.actor, &out);
        CHECK(o.kind == cb::AdminOutcome::Kind::Invalid);
        CHECK(o.field == field);
    };
    bad([](cb::ScheduleRow& s) { s.name = ""; }, "name");
    bad([](cb::ScheduleRow& s) { s.kind = "hourly"; }, "kind");
    bad([](cb::ScheduleRow& s) { s.at_min = 1440; }, "at");
    bad([](cb::ScheduleRow& s) { s.lang = "fr"; }, "lang");
    bad([](cb::ScheduleRow& s) { s.folder = "../etc"; }, "folder");
    bad([](cb::ScheduleRow& s) { s.folder = "a/b"; }, "folder");
    bad([](cb::ScheduleRow& s) { s.recipients = "boss@example.org, not-an-address"; }, "recipients");
    bad([](cb::ScheduleRow& s) { s.recipients = "a@example.org,,b@example.org"; }, "recipients");
    std::vector<cb::ScheduleRow> list;
    REQUIRE(scheduler->List(f.manager, &list).ok());
    CHECK(list.empty());  // nothing stored by the refused requests

    REQUIRE(scheduler->Add(f.Daily("boss@example.org"), f.manager, f.actor, &out).ok());
    CHECK(out.id > 0);
    CHECK(out.created_by == "mona");
    cb::ScheduleRow changed = out;
    changed.lang = "en";
    changed.enabled = false;
    REQUIRE(scheduler->Update(changed, f.admin, f.actor, &out).ok());
    CHECK(out.lang == "en");
    CHECK_FALSE(out.enabled);
    CHECK(out.created_by == "mona");
    changed.id = 999;
    CHECK(scheduler->Update(changed, f.admin, f.actor, &out).kind == cb::AdminOutcome::Kind::NotFound);
    REQUIRE(scheduler->Delete(out.id, f.manager, f.actor).ok());
    CHECK(scheduler->Delete(out.id, f.manager, f.actor).kind == cb::AdminOutcome::Kind::NotFound);
    CHECK(cbtest::Query(f.db, "SELECT action, detail FROM audit WHERE action LIKE 'report_schedule%' ORDER BY id") ==
          "report_schedule_add|schedule 1\nreport_schedule_edit|schedule 1\nreport_schedule_delete|schedule 1\n");
}

TEST_CASE("the server writes each due report once, lists it for download and mails it through the relay") {
    Fixture f;
    SmtpSink sink;
    cb::SmtpSettings smtp;
    smtp.url = "smtp://127.0.0.1:" + std::to_string(sink.port());
    smtp.from = "callboard@example.org";
    smtp.user = "relay";
    smtp.password = "relay-secret-4711";
    auto scheduler = f.Scheduler(smtp);
    cb::ScheduleRow daily;
    REQUIRE(scheduler->Add(f.Daily("boss@example.org, ops@example.org"), f.manager, f.actor, &daily).ok());

    // 05:59 on Sunday: the last run was Saturday's (for Friday, a day without calls): written at once.
    CHECK(scheduler->Tick() == 1);
    CHECK(scheduler->Tick() == 0);  // once per period
    f.now += 30 * 1000;
    CHECK(scheduler->Tick() == 0);
    // 06:00: Saturday's report.
    f.now = cbtest::BerlinMs({2026, 3, 29}, 6, 0);
    CHECK(scheduler->Tick() == 1);
    CHECK(scheduler->Tick() == 0);

    std::vector<cb::ReportFileRow> files;
    REQUIRE(scheduler->Files(f.lead, &files).ok());  // every reader of reports sees the list
    REQUIRE(files.size() == 2);
    CHECK(files[0].file_name == "daily_2026-03-28_zh.pdf");
    CHECK(files[0].period_from == "2026-03-28");
    CHECK(files[0].schedule_name == "每日报告");
    CHECK(files[0].mail == "sent to 2");
    CHECK(files[1].file_name == "daily_2026-03-27_zh.pdf");
    const std::string path = f.folder + "/daily/daily_2026-03-28_zh.pdf";
    const std::string pdf = ReadAll(path);
    CHECK(pdf.starts_with("%PDF-"));
    CHECK(files[0].bytes == static_cast<int64_t>(pdf.size()));
    cb::ReportFileRow row;
    std::string bytes;
    REQUIRE(scheduler->ReadFile(files[0].id, f.lead, &row, &bytes).ok());
    CHECK(bytes == pdf);
    CHECK(scheduler->ReadFile(files[0].id, f.wallboard, &row, &bytes).kind == cb::AdminOutcome::Kind::Forbidden);
    CHECK(scheduler->ReadFile(999, f.lead, &row, &bytes).kind == cb::AdminOutcome::Kind::NotFound);
    // Its text: Saturday's four calls.
    CHECK(Run("pdftotext -layout '" + path + "' - | tr -s ' ' | grep -c '进线 4 0 +4'") == "1\n");

    // The relay got two messages, each with the envelope, the credentials and the PDF attached.
    const std::vector<SmtpSink::Mail> mails = sink.mails();
    REQUIRE(mails.size() == 2);
    const SmtpSink::Mail& m = mails[1];
    CHECK(m.commands[0].rfind("EHLO ", 0) == 0);
    const auto has = [&](const std::string& c) { return std::find(m.commands.begin(), m.commands.end(), c) != m.commands.end(); };
    CHECK(has("MAIL FROM:<callboard@example.org>"));
    CHECK(has("RCPT TO:<boss@example.org>"));
    CHECK(has("RCPT TO:<ops@example.org>"));
    CHECK(has("DATA"));
    CHECK(has("QUIT"));
    bool authed = false;
    for (const std::string& c : m.commands) {
        const std::string creds = c.rfind("AUTH PLAIN ", 0) == 0 ? c.substr(11) : c.rfind("(credentials) ", 0) == 0 ? c.substr(14) : "";
        if (!creds.empty()) authed = Base64Decode(creds) == std::string("\0relay\0relay-secret-4711", 24);
    }
    CHECK(authed);
    CHECK(m.data.find("To: boss@example.org, ops@example.org\r\n") != std::string::npos);
    CHECK(m.data.find("From: callboard@example.org\r\n") != std::string::npos);
    CHECK(m.data.find("Subject: =?UTF-8?B?") != std::string::npos);
    const std::string marker = "Content-Disposition: attachment; filename=\"daily_2026-03-28_zh.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    const size_t at = m.data.find(marker);
    REQUIRE(at != std::string::npos);
    const size_t end = m.data.find("--callboard-", at);
    REQUIRE(end != std::string::npos);
    CHECK(Base64Decode(m.data.substr(at + marker.size(), end - at - marker.size())) == pdf);

    // A disabled schedule writes nothing; a weekly one writes last week's report.
    cb::ScheduleRow weekly = f.Daily();
    weekly.kind = "weekly";
    weekly.lang = "en";
    weekly.folder = "weekly";
    REQUIRE(scheduler->Add(weekly, f.admin, f.actor, &weekly).ok());
    daily.enabled = false;
    REQUIRE(scheduler->Update(daily, f.admin, f.actor, &daily).ok());
    f.now = cbtest::BerlinMs({2026, 3, 30}, 6, 0);
    CHECK(scheduler->Tick() == 1);
    CHECK(std::filesystem::exists(f.folder + "/weekly/weekly_2026-03-23_2026-03-29_en.pdf"));
    CHECK_FALSE(std::filesystem::exists(f.folder + "/daily/daily_2026-03-29_zh.pdf"));
}

TEST_CASE("a relay that cannot be reached: the file is kept, the failure recorded, the password in no log") {
    Fixture f;
    cb::SmtpSettings smtp;
    smtp.url = "smtp://127.0.0.1:" + std::to_string(cbtest::FreePort());
    smtp.from = "callboard@example.org";
    smtp.user = "relay";
    smtp.password = "relay-secret-4711";
    auto scheduler = f.Scheduler(smtp);
    cb::ScheduleRow s;
    REQUIRE(scheduler->Add(f.Daily("boss@example.org"), f.manager, f.actor, &s).ok());
    int written = 0;
    const std::string log = CaptureLog(f.dir.path() + "/log.txt", [&] { written = scheduler->Tick(); });
    CHECK(written == 1);
    CHECK(log.find("scheduled report 1: wrote daily/daily_2026-03-27_zh.pdf") != std::string::npos);
    CHECK(log.find("mail not sent") != std::string::npos);
    CHECK(log.find("relay-secret-4711") == std::string::npos);
    std::vector<cb::ReportFileRow> files;
    REQUIRE(scheduler->Files(f.manager, &files).ok());
    REQUIRE(files.size() == 1);
    CHECK(files[0].mail.rfind("failed: mail not sent", 0) == 0);
    CHECK(files[0].mail.find("relay-secret-4711") == std::string::npos);
    CHECK(std::filesystem::exists(f.folder + "/daily/daily_2026-03-27_zh.pdf"));

    // Without a folder configured nothing is written.
    cb::ReportScheduler none(&f.reports, &f.schedule_store, "", smtp, [&] { return f.now; });
    f.now += 86400000;
    CHECK(none.Tick() == 0);
}

TEST_CASE("the configuration's scheduled_reports: folder and relay, each mistake named") {
    cbtest::TempDir dir;
    auto parse = [&](const std::string& text) { return cb::ParseConfig(text, "callboard.json", dir.path()); };
    cb::Result<cb::Config> c = parse(R"({"scheduled_reports":{"folder":"reports","smtp":{"url":"smtp://127.0.0.1:2525",
        "from":"callboard@example.org","user":"relay","password":"relay-secret-4711"}}})");
    REQUIRE(c.ok());
    CHECK(c.value().reports_folder == dir.path() + "/reports");
    CHECK(c.value().smtp.url == "smtp://127.0.0.1:2525");
    CHECK(c.value().smtp.password == "relay-secret-4711");
    {
        std::ofstream(dir.path() + "/smtp.password") << "from-a-file\n";
    }
    c = parse(R"({"scheduled_reports":{"smtp":{"url":"smtps://mail.example.org","from":"a@example.org","user":"u","password_file":"smtp.password"}}})");
    REQUIRE(c.ok());
    CHECK(c.value().smtp.password == "from-a-file");
    CHECK(c.value().reports_folder.empty());
    const auto error = [&](const std::string& text) { return parse(text).status().message(); };
    CHECK(error(R"({"scheduled_reports":{"smtp":{"url":"http://x","from":"a@example.org"}}})") ==
          "callboard.json: scheduled_reports.smtp.url: must start with smtp:// or smtps://");
    CHECK(error(R"({"scheduled_reports":{"smtp":{"url":"smtp://x"}}})") ==
          "callboard.json: scheduled_reports.smtp.from: is required (the sender's address)");
    CHECK(error(R"({"scheduled_reports":{"smtp":{"url":"smtp://x","from":"a@example.org","password":"p"}}})") ==
          "callboard.json: scheduled_reports.smtp.user: is required with a password");
    CHECK(error(R"({"scheduled_reports":{"folder":"r","mail":true}})") == "callboard.json: scheduled_reports.mail: unknown setting");
    // An error never repeats the password.
    CHECK(error(R"({"scheduled_reports":{"smtp":{"url":"smtp://x","from":"a@example.org","password":"relay-secret-4711","password_file":"f"}}})")
              .find("relay-secret-4711") == std::string::npos);
}
