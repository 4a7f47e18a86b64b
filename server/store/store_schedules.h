// Scheduled reports as stored (docs/reports.md, "Scheduled reports"): the schedules managers
// edit (report_schedules) and the files the server wrote for them (report_files). Opens its own
// connection like ReportStore and serialises its statements; changes are audited in the same
// transaction. The rules (what is valid, when a report is due) are server/export's.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>
#include "core/report/schedule.h"
#include "server/auth/account_store.h"
#include "server/base/status.h"
#include "server/store/sqlite_db.h"

namespace cb {

// A schedule as stored: the manager's fields (core/report/schedule.h) and what the server keeps.
struct ScheduleRow : ScheduleSpec {
    int64_t id = 0;
    std::string created_by;
    int64_t created_ms = 0;
    std::string last_period;          // first date of the last period written ("" none)
    bool operator==(const ScheduleRow&) const = default;
};

// One attempt to mail a file: when, and why it failed ("" sent).
struct MailAttemptRow {
    int64_t file_id = 0;
    int attempt = 0;                  // 1, 2, ...
    int64_t t_ms = 0;
    std::string error;
    bool operator==(const MailAttemptRow&) const = default;
};

struct ReportFileRow {
    int64_t id = 0;
    int64_t schedule_id = 0;
    std::string schedule_name;
    std::string kind;
    std::string period_from, period_to;
    std::string lang;
    std::string folder;
    std::string file_name;
    int64_t bytes = 0;
    int64_t created_ms = 0;
    // The mail: "" (not mailed), "sent to N", "retrying: why" (mail_next_ms says when),
    // "failed: why" (given up after mail_attempts attempts).
    std::string mail;
    int mail_attempts = 0;
    int64_t mail_next_ms = 0;         // the next attempt (retrying), else 0
    std::string queue, team;          // the scope it was written for ("" the whole center)
    std::vector<MailAttemptRow> attempts;  // filled by ReportScheduler::Files and List
};

// v14 (migrations.cpp): per-schedule day of the month, format and scope; mail attempts.
const char* SchedulesSchemaV14();

class ScheduleStore {
public:
    ScheduleStore();
    ~ScheduleStore();
    Status Open(const std::string& path);

    Result<std::vector<ScheduleRow>> List();
    Result<std::optional<ScheduleRow>> Get(int64_t id);
    Result<int64_t> Add(const ScheduleRow& row, const AuditEntry& audit);
    // Changes everything but id, created_by, created_ms and last_period; false when no such id.
    Result<bool> Update(const ScheduleRow& row, const AuditEntry& audit);
    Result<bool> Delete(int64_t id, const AuditEntry& audit);
    // Records a written file and the schedule's last period, in one transaction.
    Result<int64_t> RecordFile(const ReportFileRow& file, const std::string& last_period);
    // Records one mail attempt and the file's mail state after it (mail, next_ms), in one transaction.
    Status RecordMailAttempt(const MailAttemptRow& attempt, const std::string& mail, int64_t next_ms);
    // The files whose mail is to be tried again at or before now_ms.
    Result<std::vector<ReportFileRow>> MailsDue(int64_t now_ms);
    Result<std::vector<MailAttemptRow>> MailAttempts(int64_t file_id);
    // Each schedule's newest file that was mailed (or tried), one per schedule.
    Result<std::vector<ReportFileRow>> LastMails();
    Result<std::vector<ReportFileRow>> Files(int limit);
    Result<std::optional<ReportFileRow>> File(int64_t id);

private:
    std::mutex m_mutex;
    std::unique_ptr<sql::Db> m_db;
};

}  // namespace cb
