// Scheduled reports (docs/reports.md, "Scheduled reports"): managers and admins keep a list of
// schedules (a daily report every day at a set local time, a weekly one on the first day of the
// week, a monthly one on the first of the month; each in Chinese or English, into a sub-folder
// of the configured folder, optionally mailed); the server, on its clock, writes each report
// that is due as a PDF, records it for the download list and mails it through the configured
// SMTP relay. Every input is checked (what and where); changes are audited.
#pragma once
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>
#include "server/admin/admin_outcome.h"
#include "server/admin/report_service.h"
#include "server/config/config.h"
#include "server/export/report_pdf.h"
#include "server/store/store_schedules.h"

namespace cb {

inline constexpr size_t kMaxScheduleName = 200;
inline constexpr int kMaxListedFiles = 500;

// The run of a schedule due last at or before now_ms: the local date it runs on (at at_min) and
// the period it reports (the day, week or month before that run). Runs: daily every day; weekly
// on first_weekday (the week before); monthly on the 1st (the month before).
struct ScheduleRun {
    int64_t due_ms = 0;
    CivilDate run_date;
    CivilDate period_date;            // a date in the period reported (the day before run_date)
    CivilDate from, to;               // the period
};
ScheduleRun LastRun(const ScheduleRow& s, const TimeZone& zone, int64_t now_ms);

// Checks a schedule as given by a manager: name 1-200 characters, kind, at "HH:MM", lang,
// first_weekday, folder ([A-Za-z0-9_-], 1-64 characters), recipients. Invalid naming the field.
AdminOutcome CheckSchedule(const ScheduleRow& s);

class ReportScheduler {
public:
    using Clock = std::function<int64_t()>;
    // reports: attached; folder: the configured root (empty: nothing is written, schedules can
    // still be kept); smtp: the relay (not configured: no mail).
    ReportScheduler(ReportService* reports, ScheduleStore* store, std::string folder, SmtpSettings smtp, Clock clock);

    AdminOutcome List(const Caller& caller, std::vector<ScheduleRow>* out);
    AdminOutcome Add(ScheduleRow row, const Caller& caller, const Actor& actor, ScheduleRow* out);
    AdminOutcome Update(ScheduleRow row, const Caller& caller, const Actor& actor, ScheduleRow* out);
    AdminOutcome Delete(int64_t id, const Caller& caller, const Actor& actor);

    // The files written, newest first (at most kMaxListedFiles), and one file's bytes: for every
    // role that reads reports (they hold center, queue and team rows only, no agent's).
    AdminOutcome Files(const Caller& caller, std::vector<ReportFileRow>* out);
    AdminOutcome ReadFile(int64_t id, const Caller& caller, ReportFileRow* row, std::string* bytes);

    // Writes every enabled schedule's report that is due and not yet written (at most the latest
    // run of each: a server down for three days writes the last day's daily report once).
    // Returns how many files were written; failures are logged and retried at the next tick.
    int Tick();
    bool writes_files() const { return !m_folder.empty(); }
    // Called after a schedule is added or changed (the server then looks at once rather than at
    // its next tick). Set before serving.
    void SetOnChange(std::function<void()> on_change) { m_on_change = std::move(on_change); }

private:
    AdminOutcome Gate(const Caller& caller, Action action);

    ReportService* m_reports;
    ScheduleStore* m_store;
    std::string m_folder;
    SmtpSettings m_smtp;
    Clock m_clock;
    std::mutex m_tick;
    std::function<void()> m_on_change;
};

}  // namespace cb
