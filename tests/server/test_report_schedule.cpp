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
#include <map>
#include <sstream>
#include <thread>
#include "server/base/log.h"
#include "server/config/config.h"
#include "server/export/mailer.h"
#include "core/report/report_csv.h"
#include "server/export/report_schedule.h"
#include "server/store/migrations.h"
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

TEST_CASE("monthly schedules run on their day of the month, for the calendar month before") {
    const cb::TimeZone berlin = cbtest::Berlin();
    cb::ScheduleRow s;
    s.kind = "monthly";
    s.day_of_month = 5;
    s.at_min = 7 * 60;
    cb::ScheduleRun r = cb::LastRun(s, berlin, cbtest::BerlinMs({2026, 4, 5}, 6, 59));  // before: March 5th's run
    CHECK(r.run_date == cb::CivilDate{2026, 3, 5});
    CHECK(r.from == cb::CivilDate{2026, 2, 1});
    CHECK(r.to == cb::CivilDate{2026, 2, 28});
    r = cb::LastRun(s, berlin, cbtest::BerlinMs({2026, 4, 5}, 7, 0));
    CHECK(r.run_date == cb::CivilDate{2026, 4, 5});
    CHECK(r.due_ms == cbtest::BerlinMs({2026, 4, 5}, 7, 0));
    CHECK(r.from == cb::CivilDate{2026, 3, 1});
    CHECK(r.to == cb::CivilDate{2026, 3, 31});
    r = cb::LastRun(s, berlin, cbtest::BerlinMs({2026, 1, 20}, 12, 0));
    CHECK(r.run_date == cb::CivilDate{2026, 1, 5});
    CHECK(r.from == cb::CivilDate{2025, 12, 1});
    CHECK(r.to == cb::CivilDate{2025, 12, 31});
}

TEST_CASE("schedules: admins and managers keep them, every field is checked, changes are audited") {
    Fixture f;
    auto scheduler = f.Scheduler();
    cb::ScheduleRow out;
    // A lead only with one of their teams (below); a wallboard never.
    CHECK(scheduler->Add(f.Daily(), f.lead, f.actor, &out).field == "team");
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
    bad([](cb::ScheduleRow& s) { s.format = "xlsx"; }, "format");
    bad([](cb::ScheduleRow& s) { s.day_of_month = 29; }, "day_of_month");
    bad([](cb::ScheduleRow& s) { s.queue = "billing"; }, "queue");
    bad([](cb::ScheduleRow& s) { s.team = "z"; }, "team");
    bad([](cb::ScheduleRow& s) {
        s.queue = "sales";
        s.team = "a";
    }, "team");
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
    cb::ScheduleRow s = f.Daily("boss@example.org");
    s.at_min = 23 * 60;  // the next run is hours away: only the mail is tried again below
    REQUIRE(scheduler->Add(s, f.manager, f.actor, &s).ok());
    int written = 0;
    const std::string log = CaptureLog(f.dir.path() + "/log.txt", [&] { written = scheduler->Tick(); });
    CHECK(written == 1);
    CHECK(log.find("scheduled report 1: wrote daily/daily_2026-03-27_zh.pdf") != std::string::npos);
    CHECK(log.find("mail attempt 1 of daily_2026-03-27_zh.pdf: mail not sent") != std::string::npos);
    std::vector<cb::ReportFileRow> files;
    REQUIRE(scheduler->Files(f.manager, &files).ok());
    REQUIRE(files.size() == 1);
    CHECK(files[0].mail.rfind("retrying: mail not sent", 0) == 0);
    CHECK(files[0].mail_next_ms == f.now + 60'000);
    // Tried again after 1, 5 and 15 minutes, then given up.
    const int64_t first = f.now;
    for (int64_t at : {first + 60'000, first + 6 * 60'000, first + 21 * 60'000}) {
        f.now = at;
        CHECK(scheduler->Tick() == 0);
    }
    const std::string log2 = CaptureLog(f.dir.path() + "/log2.txt", [&] { CHECK(scheduler->Tick() == 0); });
    CHECK(log2.find("mail attempt") == std::string::npos);  // given up: no fifth attempt
    REQUIRE(scheduler->Files(f.manager, &files).ok());
    CHECK(files[0].mail.rfind("failed: mail not sent", 0) == 0);
    CHECK(files[0].mail_attempts == 4);
    CHECK(files[0].mail_next_ms == 0);
    REQUIRE(files[0].attempts.size() == 4);
    CHECK(files[0].attempts[0].t_ms == first);
    CHECK(files[0].attempts[3].t_ms == first + 21 * 60'000);
    for (const cb::MailAttemptRow& a : files[0].attempts) {
        CHECK(a.error.rfind("mail not sent", 0) == 0);
        CHECK(a.error.find("relay-secret-4711") == std::string::npos);
    }
    CHECK(files[0].mail.find("relay-secret-4711") == std::string::npos);
    CHECK(log.find("relay-secret-4711") == std::string::npos);
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

TEST_CASE("a refused mail is tried again 1 and 5 minutes later and then sent; every attempt is kept") {
    Fixture f;
    SmtpSink sink;
    sink.Refuse(2);
    cb::SmtpSettings smtp;
    smtp.url = "smtp://127.0.0.1:" + std::to_string(sink.port());
    smtp.from = "callboard@example.org";
    smtp.user = "relay";
    smtp.password = "relay-secret-4711";
    auto scheduler = f.Scheduler(smtp);
    cb::ScheduleRow daily = f.Daily("boss@example.org");
    daily.at_min = 23 * 60;  // Sunday 05:59: the last run was Saturday 23:00 (for Friday); the next is hours away
    REQUIRE(scheduler->Add(daily, f.manager, f.actor, &daily).ok());
    const int64_t first = f.now;
    CHECK(scheduler->Tick() == 1);
    std::vector<cb::ReportFileRow> files;
    REQUIRE(scheduler->Files(f.manager, &files).ok());
    REQUIRE(files.size() == 1);
    CHECK(files[0].mail_attempts == 1);
    CHECK(files[0].mail_next_ms == first + 60'000);
    CHECK(files[0].mail.find("retrying: mail not sent") == 0);
    f.now = first + 59'000;  // not yet
    CHECK(scheduler->Tick() == 0);
    REQUIRE(scheduler->Files(f.manager, &files).ok());
    CHECK(files[0].mail_attempts == 1);
    f.now = first + 60'000;  // the second attempt: refused again, the next in 5 minutes
    CHECK(scheduler->Tick() == 0);
    REQUIRE(scheduler->Files(f.manager, &files).ok());
    CHECK(files[0].mail_attempts == 2);
    CHECK(files[0].mail_next_ms == first + 6 * 60'000);
    f.now = first + 6 * 60'000;  // the third: accepted
    CHECK(scheduler->Tick() == 0);
    REQUIRE(scheduler->Files(f.manager, &files).ok());
    CHECK(files[0].mail == "sent to 1");
    CHECK(files[0].mail_attempts == 3);
    CHECK(files[0].mail_next_ms == 0);
    REQUIRE(files[0].attempts.size() == 3);
    CHECK(files[0].attempts[0].t_ms == first);
    CHECK(files[0].attempts[0].error.find("421") != std::string::npos);
    CHECK(files[0].attempts[1].t_ms == first + 60'000);
    CHECK_FALSE(files[0].attempts[1].error.empty());
    CHECK(files[0].attempts[2] == cb::MailAttemptRow{files[0].id, 3, first + 6 * 60'000, ""});
    // The schedule shows its newest mailed file with every attempt.
    std::vector<cb::ScheduleRow> listed;
    std::map<int64_t, cb::ReportFileRow> last_mail;
    REQUIRE(scheduler->List(f.manager, &listed, &last_mail).ok());
    REQUIRE(last_mail.count(daily.id) == 1);
    CHECK(last_mail[daily.id].id == files[0].id);
    CHECK(last_mail[daily.id].mail == "sent to 1");
    CHECK(last_mail[daily.id].attempts.size() == 3);
    // The relay got one whole message, with the file attached.
    const std::vector<SmtpSink::Mail> mails = sink.mails();
    REQUIRE(mails.size() == 1);
    CHECK(mails[0].data.find("filename=\"daily_2026-03-27_zh.pdf\"") != std::string::npos);
    f.now = first + 30 * 60'000;
    CHECK(scheduler->Tick() == 0);
    CHECK(sink.mails().size() == 1);  // sent once
}

TEST_CASE("a schedule limited to a queue or a team: its report holds that queue or team; a lead keeps their teams' only") {
    Fixture f;
    auto scheduler = f.Scheduler();
    cb::ScheduleRow sales = f.Daily(), team_a = f.Daily(), team_a_lead, center;
    sales.name = "sales";
    sales.queue = "sales";
    sales.format = "csv";
    sales.folder = "sales";
    REQUIRE(scheduler->Add(sales, f.manager, f.actor, &sales).ok());
    team_a.name = "team a";
    team_a.team = "a";
    team_a.format = "csv";
    team_a.lang = "en";
    team_a.folder = "team_a";
    REQUIRE(scheduler->Add(team_a, f.lead, f.actor, &team_a_lead).ok());  // the lead of team a
    CHECK(team_a_lead.team == "a");
    center = f.Daily();
    REQUIRE(scheduler->Add(center, f.manager, f.actor, &center).ok());
    // Another team: refused beside the field, nothing stored.
    cb::ScheduleRow team_b = team_a;
    team_b.team = "b";
    cb::ScheduleRow out;
    cb::AdminOutcome o = scheduler->Add(team_b, f.lead, f.actor, &out);
    CHECK(o.kind == cb::AdminOutcome::Kind::Invalid);
    CHECK(o.field == "team");
    CHECK(o.message == "team: a team lead's schedule is limited to one of their teams (a)");
    // The lead lists their team's schedule only; the center's is "no schedule" to them.
    std::vector<cb::ScheduleRow> list;
    REQUIRE(scheduler->List(f.lead, &list).ok());
    REQUIRE(list.size() == 1);
    CHECK(list[0].id == team_a_lead.id);
    REQUIRE(scheduler->List(f.manager, &list).ok());
    CHECK(list.size() == 3);
    CHECK(scheduler->Delete(center.id, f.lead, f.actor).kind == cb::AdminOutcome::Kind::NotFound);
    center.name = "taken over";
    CHECK(scheduler->Update(center, f.lead, f.actor, &out).kind == cb::AdminOutcome::Kind::NotFound);
    // Moving their schedule to another team is refused too.
    team_b = team_a_lead;
    team_b.team = "b";
    CHECK(scheduler->Update(team_b, f.lead, f.actor, &out).field == "team");

    // Saturday's reports: four sales calls, all for team a (Anna and Ben).
    f.now = cbtest::BerlinMs({2026, 3, 29}, 6, 0);
    CHECK(scheduler->Tick() == 3);
    auto csv_rows = [&](const std::string& file) {
        std::vector<std::vector<std::string>> records;
        std::string error, text = ReadAll(f.folder + "/" + file);
        REQUIRE(text.starts_with(cb::kUtf8Bom));
        REQUIRE(cb::ParseCsv(text.substr(cb::kUtf8Bom.size()), &records, &error));
        return records;
    };
    auto column = [](const std::vector<std::vector<std::string>>& records, const std::string& name) {
        const auto it = std::find(records[0].begin(), records[0].end(), name);
        REQUIRE(it != records[0].end());
        return static_cast<size_t>(it - records[0].begin());
    };
    auto q = csv_rows("sales/daily_2026-03-28_queue-sales_zh.csv");
    const size_t group = column(q, "group"), key = column(q, "key"), offered = column(q, "offered"), kind = column(q, "row_kind");
    // The center row (the sum of the sales queue) and the per queue table's sales row; no team table.
    std::vector<std::string> seen;
    for (size_t i = 1; i < q.size(); ++i)
        if (q[i][kind] == "total") seen.push_back(q[i][group] + ":" + q[i][key] + ":" + q[i][offered]);
    CHECK(seen == std::vector<std::string>{"center::4", "queue:sales:4"});
    auto t = csv_rows("team_a/daily_2026-03-28_team-a_en.csv");
    seen.clear();
    for (size_t i = 1; i < t.size(); ++i)
        if (t[i][kind] == "total") seen.push_back(t[i][group] + ":" + t[i][key] + ":" + t[i][column(t, "answered")]);
    CHECK(seen == std::vector<std::string>{"center::2", "team:a:2"});
    CHECK(std::filesystem::exists(f.folder + "/daily/daily_2026-03-28_zh.pdf"));

    // A schedule of team b (a manager's): its file is not listed for the lead of team a, and is
    // "no file" to them; the manager lists it, and every file keeps its scope.
    cb::ScheduleRow b = f.Daily();
    b.name = "team b";
    b.team = "b";
    b.folder = "team_b";
    b.format = "csv";
    REQUIRE(scheduler->Add(b, f.manager, f.actor, &b).ok());
    CHECK(scheduler->Tick() == 1);
    std::vector<cb::ReportFileRow> files;
    REQUIRE(scheduler->Files(f.manager, &files).ok());
    REQUIRE(files.size() == 4);
    int64_t b_file = 0;
    std::vector<std::string> scopes;
    for (const cb::ReportFileRow& file : files) {
        scopes.push_back(file.file_name + "|" + file.queue + "|" + file.team);
        if (file.team == "b") b_file = file.id;
    }
    std::sort(scopes.begin(), scopes.end());
    CHECK(scopes == std::vector<std::string>{"daily_2026-03-28_queue-sales_zh.csv|sales|", "daily_2026-03-28_team-a_en.csv||a",
                                             "daily_2026-03-28_team-b_zh.csv||b", "daily_2026-03-28_zh.pdf||"});
    REQUIRE(b_file > 0);
    REQUIRE(scheduler->Files(f.lead, &files).ok());
    CHECK(files.size() == 3);
    for (const cb::ReportFileRow& file : files) CHECK(file.team != "b");
    cb::ReportFileRow row;
    std::string bytes;
    CHECK(scheduler->ReadFile(b_file, f.lead, &row, &bytes).kind == cb::AdminOutcome::Kind::NotFound);
    CHECK(bytes.empty());
    REQUIRE(scheduler->ReadFile(b_file, f.manager, &row, &bytes).ok());
    CHECK(bytes.starts_with(cb::kUtf8Bom));
}

TEST_CASE("schema v14 keeps the schedules and files stored before it") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/old.db";
    {
        cb::sql::Db db;
        REQUIRE(db.Open(path).ok());
        int version = 0;
        REQUIRE(cb::Migrate(db, &version, 13).ok());
        REQUIRE(version == 13);
        REQUIRE(db.Exec("INSERT INTO report_schedules (name, kind, at_min, lang, first_weekday, folder, recipients, enabled,"
                        " created_by, created_ms, last_period) VALUES ('月报', 'monthly', 420, 'en', 2, 'm', 'boss@example.org', 1,"
                        " 'mona', 1000, '2026-02-01')")
                    .ok());
        REQUIRE(db.Exec("INSERT INTO report_files (schedule_id, kind, period_from, period_to, lang, folder, file_name, bytes,"
                        " created_ms, mail) VALUES (1, 'monthly', '2026-02-01', '2026-02-28', 'en', 'm', 'monthly_2026-02_en.pdf',"
                        " 1234, 2000, 'sent to 1')")
                    .ok());
    }
    cb::ScheduleStore store;
    REQUIRE(store.Open(path).ok());
    auto list = store.List();
    REQUIRE(list.ok());
    REQUIRE(list.value().size() == 1);
    const cb::ScheduleRow& s = list.value()[0];
    CHECK(s.name == "月报");
    CHECK(s.kind == "monthly");
    CHECK(s.at_min == 420);
    CHECK(s.first_weekday == 2);
    CHECK(s.recipients == "boss@example.org");
    CHECK(s.last_period == "2026-02-01");
    CHECK(s.day_of_month == 1);  // what it did before: the 1st, PDF, the whole center
    CHECK(s.format == "pdf");
    CHECK(s.queue.empty());
    CHECK(s.team.empty());
    auto files = store.Files(10);
    REQUIRE(files.ok());
    REQUIRE(files.value().size() == 1);
    CHECK(files.value()[0].mail == "sent to 1");
    CHECK(files.value()[0].mail_attempts == 1);
    CHECK(files.value()[0].mail_next_ms == 0);
}

TEST_CASE("a mailed file is attached with its own type: CSV as text/csv, PDF as application/pdf") {
    cb::MailMessage m;
    m.to = {"boss@example.org"};
    m.subject = "Callboard";
    m.text = "x";
    m.attachment_name = "daily_2026-03-28_queue-sales_en.csv";
    m.attachment = "a,b\r\n";
    std::string wire = cb::ComposeMail(m, "callboard@example.org", 0, "b");
    CHECK(wire.find("Content-Type: text/csv; charset=utf-8; name=\"daily_2026-03-28_queue-sales_en.csv\"\r\n") != std::string::npos);
    CHECK(wire.find("application/pdf") == std::string::npos);
    m.attachment_name = "daily_2026-03-28_zh.pdf";
    wire = cb::ComposeMail(m, "callboard@example.org", 0, "b");
    CHECK(wire.find("Content-Type: application/pdf; name=\"daily_2026-03-28_zh.pdf\"\r\n") != std::string::npos);
}
