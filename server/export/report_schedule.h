// Scheduled reports (docs/reports.md, "Scheduled reports"): managers and admins keep a list of
// schedules (a daily report every day at a set local time, a weekly one on the first day of the
// week, a monthly one on the first of the month; each in Chinese or English, into a sub-folder
// of the configured folder, optionally mailed); the server, on its clock, writes each report
// that is due as a PDF, records it for the download list and mails it through the configured
// SMTP relay. Every input is checked (what and where); changes are audited.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
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

inline constexpr int kMaxListedFiles = 500;

// The run of a schedule due last at or before now_ms: the local date it runs on (at at_min) and
// the period it reports (the day, week or month before that run). Runs: daily every day; weekly
// on first_weekday (the week before); monthly on day_of_month (the calendar month before).
struct ScheduleRun {
    int64_t due_ms = 0;
    CivilDate run_date;
    CivilDate period_date;            // a date in the period reported
    CivilDate from, to;               // the period
};
ScheduleRun LastRun(const ScheduleRow& s, const TimeZone& zone, int64_t now_ms);


class ReportScheduler {
public:
    using Clock = std::function<int64_t()>;
    // reports: attached; folder: the configured root (empty: nothing is written, schedules can
    // still be kept); smtp: the relay (not configured: no mail).
    ReportScheduler(ReportService* reports, ScheduleStore* store, std::string folder, SmtpSettings smtp, Clock clock);

    // Admins and managers keep every schedule; a team lead only schedules limited to one of their
    // teams (others are not listed and are "no schedule" to them). Every field is checked by
    // CheckSchedule (core/report/schedule.h); a scope's queue or team must exist. Every other
    // role that reads reports lists them read-only. last_mail (optional): per listed schedule
    // id, its newest file that was mailed or tried, with every attempt.
    AdminOutcome List(const Caller& caller, std::vector<ScheduleRow>* out, std::map<int64_t, ReportFileRow>* last_mail = nullptr);
    static bool MayEdit(const Caller& caller);
    AdminOutcome Add(ScheduleRow row, const Caller& caller, const Actor& actor, ScheduleRow* out);
    AdminOutcome Update(ScheduleRow row, const Caller& caller, const Actor& actor, ScheduleRow* out);
    AdminOutcome Delete(int64_t id, const Caller& caller, const Actor& actor);

    // The files written, newest first (at most kMaxListedFiles), and one file's bytes: for every
    // role that reads reports (they hold center, queue and team rows only, no agent's); a team
    // lead's list leaves out files limited to another team (and such a file is "no file" to them).
    AdminOutcome Files(const Caller& caller, std::vector<ReportFileRow>* out);
    AdminOutcome ReadFile(int64_t id, const Caller& caller, ReportFileRow* row, std::string* bytes);

    // Writes every enabled schedule's report that is due and not yet written (at most the latest
    // run of each: a server down for three days writes the last day's daily report once), then
    // tries again every mail that is due (NextMailAttempt: 1, 5, 15 minutes, then given up).
    // Returns how many files were written; failures are logged and retried at the next tick.
    int Tick();
    bool writes_files() const { return !m_folder.empty(); }
    // Called after a schedule is added or changed (the server then looks at once rather than at
    // its next tick). Set before serving.
    void SetOnChange(std::function<void()> on_change) { m_on_change = std::move(on_change); }

private:
    AdminOutcome Gate(const Caller& caller, Action action);
    AdminOutcome CheckScope(const ScheduleRow& row, const Caller& caller);
    bool Visible(const ScheduleRow& row, const Caller& caller) const;
    // A team lead reads the files of the whole center, of queues and of their own teams.
    bool FileVisible(const ReportFileRow& file, const Caller& caller) const;
    AdminOutcome WithAttempts(ReportFileRow* file);  // fills file->attempts
    // Sends a file's mail (attempt number `attempt`) and records the attempt and what follows.
    void Mail(const ScheduleRow& s, const ReportFileRow& file, const std::string& bytes, int attempt, int64_t now);

    ReportService* m_reports;
    ScheduleStore* m_store;
    std::string m_folder;
    SmtpSettings m_smtp;
    Clock m_clock;
    std::mutex m_tick;
    std::function<void()> m_on_change;
};

}  // namespace cb
