#include "server/export/report_schedule.h"

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

bool ValidFolder(const std::string& f) {
    if (f.empty() || f.size() > 64) return false;
    for (char c : f)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
    return true;
}

std::string FileNameFor(const PeriodDocument& doc, const std::string& lang) {
    std::string name = PeriodFileName(doc, "pdf");
    return name.substr(0, name.size() - 4) + "_" + lang + ".pdf";
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
        run = CivilDate{today.year, today.month, 1};
        if (now_ms < DueAt(zone, run, s.at_min)) run = today.month == 1 ? CivilDate{today.year - 1, 12, 1} : CivilDate{today.year, today.month - 1, 1};
        break;
    }
    }
    ScheduleRun r;
    r.run_date = run;
    r.due_ms = DueAt(zone, run, s.at_min);
    r.period_date = CivilFromDays(DaysFromCivil(run) - 1);
    CivilDate pf, pt;
    PeriodOf(kind, r.period_date, s.first_weekday, &r.from, &r.to, &pf, &pt);
    return r;
}

AdminOutcome CheckSchedule(const ScheduleRow& s) {
    PeriodKind kind;
    PdfLanguage lang;
    if (s.name.empty() || s.name.size() > kMaxScheduleName) return Bad("name", "must be 1-200 characters");
    if (!ParsePeriodKind(s.kind, &kind)) return Bad("kind", "'" + s.kind + "' is not daily, weekly or monthly");
    if (s.at_min < 0 || s.at_min >= 1440) return Bad("at", "must be a local time HH:MM from 00:00 to 23:59");
    if (!ParsePdfLanguage(s.lang, &lang)) return Bad("lang", "'" + s.lang + "' is not zh or en");
    if (s.first_weekday < 0 || s.first_weekday > 6) return Bad("first_weekday", "must be monday ... sunday");
    if (!ValidFolder(s.folder)) return Bad("folder", "'" + s.folder + "' must be 1-64 letters, digits, '_' or '-' (a sub-folder of the reports folder)");
    std::vector<std::string> to;
    std::string error;
    if (!ParseRecipients(s.recipients, &to, &error)) return Bad("recipients", error);
    return AdminOutcome::Ok();
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

AdminOutcome ReportScheduler::List(const Caller& caller, std::vector<ScheduleRow>* out) {
    if (AdminOutcome o = Gate(caller, Action::ManageReportSchedules); !o.ok()) return o;
    Result<std::vector<ScheduleRow>> rows = m_store->List();
    if (!rows.ok()) return StoreFailure(rows.status());
    *out = std::move(rows.value());
    return AdminOutcome::Ok();
}

AdminOutcome ReportScheduler::Add(ScheduleRow row, const Caller& caller, const Actor& actor, ScheduleRow* out) {
    if (AdminOutcome o = Gate(caller, Action::ManageReportSchedules); !o.ok()) return o;
    if (AdminOutcome o = CheckSchedule(row); !o.ok()) return o;
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
    if (AdminOutcome o = CheckSchedule(row); !o.ok()) return o;
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
    *out = std::move(rows.value());
    return AdminOutcome::Ok();
}

AdminOutcome ReportScheduler::ReadFile(int64_t id, const Caller& caller, ReportFileRow* row, std::string* bytes) {
    if (AdminOutcome o = Gate(caller, Action::ViewReports); !o.ok()) return o;
    Result<std::optional<ReportFileRow>> found = m_store->File(id);
    if (!found.ok()) return StoreFailure(found.status());
    if (!found.value()) return AdminOutcome::Fail(K::NotFound, "no_such_file", "", "no report file " + std::to_string(id));
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
        AdminOutcome o = BuildPeriodDocument(*m_reports, kind, run.period_date, s.first_weekday, server, &doc);
        if (!o.ok()) {
            LogWarn("scheduled report " + std::to_string(s.id) + ": " + o.message);
            continue;
        }
        // Days still being counted: wait for them (the next tick, within a minute).
        if (!doc.center.pending_days.empty() || !doc.by_queue.pending_days.empty()) continue;
        std::string pdf, error;
        if (!RenderPeriodPdf(doc, lang, &pdf, &error)) {
            LogWarn("scheduled report " + std::to_string(s.id) + ": " + error);
            continue;
        }
        const std::string dir = m_folder + "/" + s.folder;
        const std::string name = FileNameFor(doc, s.lang);
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
        Result<int64_t> id = m_store->RecordFile(file, period);
        if (!id.ok()) {
            LogWarn("scheduled report " + std::to_string(s.id) + ": " + id.status().message());
            continue;
        }
        ++written;
        LogInfo("scheduled report " + std::to_string(s.id) + ": wrote " + s.folder + "/" + name);
        std::vector<std::string> to;
        std::string bad;
        if (s.recipients.empty() || !ParseRecipients(s.recipients, &to, &bad) || to.empty()) continue;
        std::string mail;
        if (!m_smtp.configured()) {
            mail = "failed: no SMTP relay is configured";
        } else {
            MailMessage m;
            m.to = to;
            m.subject = "Callboard " + PeriodTitle(doc, lang);
            m.text = PeriodTitle(doc, lang) + "\r\n\r\n" +
                     (lang == PdfLanguage::Zh ? "报告见附件 " : "The report is attached: ") + name + "\r\n";
            m.attachment_name = name;
            m.attachment = pdf;
            Status sent = SendMail(m_smtp, m, now);
            mail = sent.ok() ? "sent to " + std::to_string(to.size()) : "failed: " + sent.message();
        }
        if (mail.rfind("failed", 0) == 0) LogWarn("scheduled report " + std::to_string(s.id) + ": " + mail);
        m_store->SetFileMail(id.value(), mail);
    }
    return written;
}

}  // namespace cb
