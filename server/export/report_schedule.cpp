#include "server/export/report_schedule.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include "server/base/log.h"
#include "server/export/mailer.h"

namespace cb {
namespace {

using K = AdminOutcome::Kind;

AdminOutcome Bad(const std::string& field, const std::string& why) { return AdminOutcome::Fail(K::Invalid, "invalid", field, why); }
AdminOutcome StoreFailure(const Status& s) { return AdminOutcome::Fail(K::Failed, "store", "", s.message()); }

int64_t DueAt(const TimeZone& zone, const CivilDate& date, int at_min) {
    CivilTime t;
    t.date = date;
    t.hour = at_min / 60;
    t.minute = at_min % 60;
    return zone.ToUtc(t);
}

std::string AuditUser(const Actor& actor) { return actor.user.empty() ? "-" : actor.user; }

// "daily_2026-03-28_zh.pdf"; a scoped schedule's: "daily_2026-03-28_queue-sales_en.csv".
std::string FileNameFor(const PeriodDocument& doc, const std::string& lang, const std::string& format) {
    std::string name = PeriodFileName(doc, format);
    name.resize(name.size() - format.size() - 1);
    if (!doc.queue.empty()) name += "_queue-" + doc.queue;
    if (!doc.team.empty()) name += "_team-" + doc.team;
    return name + "_" + lang + "." + format;
}

AdminOutcome Problem(const std::optional<ScheduleProblem>& p) { return Bad(p->field, p->message); }

std::string Joined(const std::vector<std::string>& v) {
    std::string out;
    for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

}  // namespace

ScheduleRun LastRun(const ScheduleRow& s, const TimeZone& zone, int64_t now_ms) {
    PeriodKind kind = PeriodKind::Daily;
    ParsePeriodKind(s.kind, &kind);
    const CivilDate today = zone.DateOf(now_ms);
    const int64_t day = DaysFromCivil(today);
    CivilDate run;
    switch (kind) {
    case PeriodKind::Daily:
        run = now_ms >= DueAt(zone, today, s.at_min) ? today : CivilFromDays(day - 1);
        break;
    case PeriodKind::Weekly: {
        int64_t d = day - ((WeekdayOf(today) - s.first_weekday + 7) % 7);
        if (now_ms < DueAt(zone, CivilFromDays(d), s.at_min)) d -= 7;
        run = CivilFromDays(d);
        break;
    }
    case PeriodKind::Monthly: {
        const int dom = std::clamp(s.day_of_month, 1, kMaxScheduleDayOfMonth);
        run = CivilDate{today.year, today.month, dom};
        if (now_ms < DueAt(zone, run, s.at_min)) run = today.month == 1 ? CivilDate{today.year - 1, 12, dom} : CivilDate{today.year, today.month - 1, dom};
        break;
    }
    }
    ScheduleRun r;
    r.run_date = run;
    r.due_ms = DueAt(zone, run, s.at_min);
    // The day before the run (daily, weekly); the last day of the month before (monthly).
    r.period_date = kind == PeriodKind::Monthly ? CivilFromDays(DaysFromCivil(CivilDate{run.year, run.month, 1}) - 1)
                                                : CivilFromDays(DaysFromCivil(run) - 1);
    CivilDate pf, pt;
    PeriodOf(kind, r.period_date, s.first_weekday, &r.from, &r.to, &pf, &pt);
    return r;
}

ReportScheduler::ReportScheduler(ReportService* reports, ScheduleStore* store, std::string folder, SmtpSettings smtp, Clock clock)
    : m_reports(reports), m_store(store), m_folder(std::move(folder)), m_smtp(std::move(smtp)), m_clock(std::move(clock)) {}

AdminOutcome ReportScheduler::Gate(const Caller& caller, Action action) {
    if (!RoleMay(caller.role, action))
        return AdminOutcome::Fail(K::Forbidden, "forbidden", "", "not allowed for role '" + std::string(RoleName(caller.role)) + "'");
    // Trainers and every other reader: the same rule as the reports (demo data only for trainers).
    if (action == Action::ViewReports) {
        std::vector<DefinitionVersion> defs;
        if (AdminOutcome o = m_reports->Definitions(caller, &defs); !o.ok()) return o;
    }
    return AdminOutcome::Ok();
}

bool ReportScheduler::Visible(const ScheduleRow& row, const Caller& caller) const {
    if (caller.local || caller.role != Role::Lead) return true;
    return !row.team.empty() && std::find(caller.teams.begin(), caller.teams.end(), row.team) != caller.teams.end();
}

// A lead's schedule is one of their teams'; a scope's queue or team must exist and be readable by
// the caller (the reports' own check, on a one-day report).
AdminOutcome ReportScheduler::CheckScope(const ScheduleRow& row, const Caller& caller) {
    if (!caller.local && caller.role == Role::Lead && !Visible(row, caller))
        return Bad("team", "a team lead's schedule is limited to one of their teams (" + Joined(caller.teams) + ")");
    if (row.queue.empty() && row.team.empty()) return AdminOutcome::Ok();
    if (!m_reports->ready()) return AdminOutcome::Ok();  // nothing to check against yet
    ReportQuery q;
    q.from = q.to = m_reports->Today();
    q.group = ReportGroup::Center;
    q.granularity = ReportGranularity::Range;
    if (!row.queue.empty()) q.queues = {row.queue};
    if (!row.team.empty()) q.teams = {row.team};
    Report report;
    AdminOutcome o = m_reports->RunReport(q, caller, &report);
    if (o.ok()) return o;
    const std::string field = row.queue.empty() ? "team" : "queue";
    if (o.kind != K::Invalid && o.kind != K::Forbidden) return o;
    // The report's own message names its field already ("queue: unknown queue ...").
    std::string why = o.message;
    if (why.rfind(field + ": ", 0) == 0) why.erase(0, field.size() + 2);
    else if (why.rfind(o.field + ": ", 0) == 0 && !o.field.empty()) why.erase(0, o.field.size() + 2);
    return Bad(field, why);
}

bool ReportScheduler::MayEdit(const Caller& caller) { return caller.local || RoleMay(caller.role, Action::ManageReportSchedules); }

bool ReportScheduler::FileVisible(const ReportFileRow& file, const Caller& caller) const {
    if (caller.local || caller.role != Role::Lead || file.team.empty()) return true;
    return std::find(caller.teams.begin(), caller.teams.end(), file.team) != caller.teams.end();
}

AdminOutcome ReportScheduler::WithAttempts(ReportFileRow* file) {
    if (file->mail_attempts == 0) return AdminOutcome::Ok();
    Result<std::vector<MailAttemptRow>> attempts = m_store->MailAttempts(file->id);
    if (!attempts.ok()) return StoreFailure(attempts.status());
    file->attempts = std::move(attempts.value());
    return AdminOutcome::Ok();
}

AdminOutcome ReportScheduler::List(const Caller& caller, std::vector<ScheduleRow>* out, std::map<int64_t, ReportFileRow>* last_mail) {
    if (AdminOutcome o = Gate(caller, Action::ViewReports); !o.ok()) return o;
    Result<std::vector<ScheduleRow>> rows = m_store->List();
    if (!rows.ok()) return StoreFailure(rows.status());
    out->clear();
    for (ScheduleRow& r : rows.value())
        if (Visible(r, caller)) out->push_back(std::move(r));
    if (!last_mail) return AdminOutcome::Ok();
    last_mail->clear();
    Result<std::vector<ReportFileRow>> mails = m_store->LastMails();
    if (!mails.ok()) return StoreFailure(mails.status());
    for (ReportFileRow& f : mails.value()) {
        const bool listed = std::any_of(out->begin(), out->end(), [&](const ScheduleRow& r) { return r.id == f.schedule_id; });
        if (!listed) continue;
        if (AdminOutcome o = WithAttempts(&f); !o.ok()) return o;
        (*last_mail)[f.schedule_id] = std::move(f);
    }
    return AdminOutcome::Ok();
}

AdminOutcome ReportScheduler::Add(ScheduleRow row, const Caller& caller, const Actor& actor, ScheduleRow* out) {
    if (AdminOutcome o = Gate(caller, Action::ManageReportSchedules); !o.ok()) return o;
    if (std::optional<ScheduleProblem> p = CheckSchedule(row)) return Problem(p);
    if (AdminOutcome o = CheckScope(row, caller); !o.ok()) return o;
    row.created_by = caller.user;
    row.created_ms = m_clock();
    row.last_period.clear();
    const AuditEntry audit{0, row.created_ms, AuditUser(actor), "report_schedule_add", "", actor.address, true};
    Result<int64_t> id = m_store->Add(row, audit);
    if (!id.ok()) return StoreFailure(id.status());
    row.id = id.value();
    *out = row;
    if (m_on_change) m_on_change();
    return AdminOutcome::Ok();
}

AdminOutcome ReportScheduler::Update(ScheduleRow row, const Caller& caller, const Actor& actor, ScheduleRow* out) {
    if (AdminOutcome o = Gate(caller, Action::ManageReportSchedules); !o.ok()) return o;
    Result<std::optional<ScheduleRow>> before = m_store->Get(row.id);
    if (!before.ok()) return StoreFailure(before.status());
    if (!before.value() || !Visible(*before.value(), caller))
        return AdminOutcome::Fail(K::NotFound, "no_such_schedule", "", "no schedule " + std::to_string(row.id));
    if (std::optional<ScheduleProblem> p = CheckSchedule(row)) return Problem(p);
    if (AdminOutcome o = CheckScope(row, caller); !o.ok()) return o;
    const AuditEntry audit{0, m_clock(), AuditUser(actor), "report_schedule_edit", "", actor.address, true};
    Result<bool> changed = m_store->Update(row, audit);
    if (!changed.ok()) return StoreFailure(changed.status());
    if (!changed.value()) return AdminOutcome::Fail(K::NotFound, "no_such_schedule", "", "no schedule " + std::to_string(row.id));
    Result<std::optional<ScheduleRow>> stored = m_store->Get(row.id);
    if (!stored.ok() || !stored.value()) return StoreFailure(stored.ok() ? Status::Error("schedule vanished") : stored.status());
    *out = *stored.value();
    if (m_on_change) m_on_change();
    return AdminOutcome::Ok();
}

AdminOutcome ReportScheduler::Delete(int64_t id, const Caller& caller, const Actor& actor) {
    if (AdminOutcome o = Gate(caller, Action::ManageReportSchedules); !o.ok()) return o;
    Result<std::optional<ScheduleRow>> before = m_store->Get(id);
    if (!before.ok()) return StoreFailure(before.status());
    if (!before.value() || !Visible(*before.value(), caller))
        return AdminOutcome::Fail(K::NotFound, "no_such_schedule", "", "no schedule " + std::to_string(id));
    const AuditEntry audit{0, m_clock(), AuditUser(actor), "report_schedule_delete", "", actor.address, true};
    Result<bool> deleted = m_store->Delete(id, audit);
    if (!deleted.ok()) return StoreFailure(deleted.status());
    if (!deleted.value()) return AdminOutcome::Fail(K::NotFound, "no_such_schedule", "", "no schedule " + std::to_string(id));
    return AdminOutcome::Ok();
}

AdminOutcome ReportScheduler::Files(const Caller& caller, std::vector<ReportFileRow>* out) {
    if (AdminOutcome o = Gate(caller, Action::ViewReports); !o.ok()) return o;
    Result<std::vector<ReportFileRow>> rows = m_store->Files(kMaxListedFiles);
    if (!rows.ok()) return StoreFailure(rows.status());
    out->clear();
    for (ReportFileRow& f : rows.value()) {
        if (!FileVisible(f, caller)) continue;
        if (AdminOutcome o = WithAttempts(&f); !o.ok()) return o;
        out->push_back(std::move(f));
    }
    return AdminOutcome::Ok();
}

AdminOutcome ReportScheduler::ReadFile(int64_t id, const Caller& caller, ReportFileRow* row, std::string* bytes) {
    if (AdminOutcome o = Gate(caller, Action::ViewReports); !o.ok()) return o;
    Result<std::optional<ReportFileRow>> found = m_store->File(id);
    if (!found.ok()) return StoreFailure(found.status());
    if (!found.value() || !FileVisible(*found.value(), caller))
        return AdminOutcome::Fail(K::NotFound, "no_such_file", "", "no report file " + std::to_string(id));
    *row = *found.value();
    const std::string path = m_folder + "/" + row->folder + "/" + row->file_name;
    std::ifstream in(path, std::ios::binary);
    if (m_folder.empty() || !in)
        return AdminOutcome::Fail(K::NotFound, "file_gone", "", "the file " + row->folder + "/" + row->file_name + " is no longer in the reports folder");
    std::ostringstream s;
    s << in.rdbuf();
    *bytes = s.str();
    return AdminOutcome::Ok();
}

void ReportScheduler::Mail(const ScheduleRow& s, const ReportFileRow& file, const std::string& bytes, int attempt, int64_t now) {
    std::vector<std::string> to;
    std::string bad;
    Status sent = Status::Ok();
    if (!ParseRecipients(s.recipients, &to, &bad)) sent = Status::Error("recipients: " + bad);
    else if (to.empty()) sent = Status::Error("the schedule has no recipients any more");
    else if (!m_smtp.configured()) sent = Status::Error("no SMTP relay is configured");
    else {
        PdfLanguage lang = PdfLanguage::Zh;
        ParsePdfLanguage(file.lang, &lang);
        PeriodDocument doc;  // what the title needs: kind, period, scope
        ParsePeriodKind(file.kind, &doc.kind);
        ParseCivilDate(file.period_from, &doc.from);
        ParseCivilDate(file.period_to, &doc.to);
        doc.queue = file.queue;
        doc.team = file.team;
        MailMessage m;
        m.to = to;
        m.subject = "Callboard " + PeriodTitle(doc, lang);
        m.text = PeriodTitle(doc, lang) + "\r\n\r\n" + (lang == PdfLanguage::Zh ? "报告见附件 " : "The report is attached: ") + file.file_name + "\r\n";
        m.attachment_name = file.file_name;
        m.attachment = bytes;
        sent = SendMail(m_smtp, m, now);
    }
    std::string mail;
    int64_t next = 0;
    if (sent.ok()) {
        mail = "sent to " + std::to_string(to.size());
    } else if (std::optional<int64_t> at = NextMailAttempt(attempt, now); at && m_smtp.configured() && !to.empty()) {
        mail = "retrying: " + sent.message();
        next = *at;
    } else {
        mail = "failed: " + sent.message();
    }
    if (!sent.ok())
        LogWarn("scheduled report " + std::to_string(s.id) + ": mail attempt " + std::to_string(attempt) + " of " + file.file_name + ": " + sent.message());
    const Status st = m_store->RecordMailAttempt({file.id, attempt, now, sent.ok() ? "" : sent.message()}, mail, next);
    if (!st.ok()) LogWarn("scheduled report " + std::to_string(s.id) + ": " + st.message());
}

int ReportScheduler::Tick() {
    std::lock_guard<std::mutex> lock(m_tick);
    if (m_folder.empty() || !m_reports->ready()) return 0;
    Result<std::vector<ScheduleRow>> schedules = m_store->List();
    if (!schedules.ok()) {
        LogWarn("scheduled reports: " + schedules.status().message());
        return 0;
    }
    const int64_t now = m_clock();
    const TimeZone zone = m_reports->zone();
    Caller server;
    server.local = true;
    server.role = Role::Admin;
    int written = 0;
    for (const ScheduleRow& s : schedules.value()) {
        if (!s.enabled) continue;
        const ScheduleRun run = LastRun(s, zone, now);
        const std::string period = FormatCivilDate(run.from);
        if (period == s.last_period) continue;
        PeriodKind kind = PeriodKind::Daily;
        PdfLanguage lang = PdfLanguage::Zh;
        ParsePeriodKind(s.kind, &kind);
        ParsePdfLanguage(s.lang, &lang);
        PeriodDocument doc;
        AdminOutcome o = BuildPeriodDocument(*m_reports, kind, run.period_date, s.first_weekday, server, &doc, s.queue, s.team);
        if (!o.ok()) {
            LogWarn("scheduled report " + std::to_string(s.id) + ": " + o.message);
            continue;
        }
        // Days still being counted: wait for them (the next tick, within a minute).
        if (!doc.center.pending_days.empty() || !doc.by_queue.pending_days.empty()) continue;
        std::string pdf, error;
        if (s.format == "csv") pdf = PeriodCsv(doc);
        else if (!RenderPeriodPdf(doc, lang, &pdf, &error)) {
            LogWarn("scheduled report " + std::to_string(s.id) + ": " + error);
            continue;
        }
        const std::string dir = m_folder + "/" + s.folder;
        const std::string name = FileNameFor(doc, s.lang, s.format);
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        const std::string tmp = dir + "/." + name + ".part";
        {
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            out.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
            if (!out.good()) ec = std::make_error_code(std::errc::io_error);
        }
        if (!ec) std::filesystem::rename(tmp, dir + "/" + name, ec);
        if (ec) {
            std::filesystem::remove(tmp, ec);
            LogWarn("scheduled report " + std::to_string(s.id) + ": cannot write " + dir + "/" + name);
            continue;
        }
        ReportFileRow file;
        file.schedule_id = s.id;
        file.kind = s.kind;
        file.period_from = FormatCivilDate(doc.from);
        file.period_to = FormatCivilDate(doc.to);
        file.lang = s.lang;
        file.folder = s.folder;
        file.file_name = name;
        file.bytes = static_cast<int64_t>(pdf.size());
        file.created_ms = now;
        file.queue = s.queue;
        file.team = s.team;
        Result<int64_t> id = m_store->RecordFile(file, period);
        if (!id.ok()) {
            LogWarn("scheduled report " + std::to_string(s.id) + ": " + id.status().message());
            continue;
        }
        ++written;
        LogInfo("scheduled report " + std::to_string(s.id) + ": wrote " + s.folder + "/" + name);
        file.id = id.value();
        if (s.recipients.find_first_not_of(' ') != std::string::npos) Mail(s, file, pdf, 1, now);
    }
    // Mails to try again.
    Result<std::vector<ReportFileRow>> due = m_store->MailsDue(now);
    if (!due.ok()) LogWarn("scheduled reports: " + due.status().message());
    for (const ReportFileRow& file : due.ok() ? due.value() : std::vector<ReportFileRow>{}) {
        const int attempt = file.mail_attempts + 1;
        const ScheduleRow* schedule = nullptr;
        for (const ScheduleRow& s : schedules.value())
            if (s.id == file.schedule_id) schedule = &s;
        std::ifstream in(m_folder + "/" + file.folder + "/" + file.file_name, std::ios::binary);
        if (!schedule || !in) {
            const std::string why = !schedule ? "the schedule was deleted" : "the file is no longer in the reports folder";
            m_store->RecordMailAttempt({file.id, attempt, now, why}, "failed: " + why, 0);
            continue;
        }
        std::ostringstream bytes;
        bytes << in.rdbuf();
        Mail(*schedule, file, bytes.str(), attempt, now);
    }
    return written;
}

}  // namespace cb
