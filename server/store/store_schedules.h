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
#include "server/auth/account_store.h"
#include "server/base/status.h"
#include "server/store/sqlite_db.h"

namespace cb {

struct ScheduleRow {
    int64_t id = 0;
    std::string name;
    std::string kind;                 // daily, weekly, monthly
    int at_min = 0;                   // local time of day it is written, minutes after midnight
    std::string lang;                 // zh, en
    int first_weekday = 0;            // weeks start on (0 = Monday); weekly reports run that day
    std::string folder;               // sub-folder of the configured reports folder
    std::string recipients;           // mail addresses separated by ','; empty: no mail
    bool enabled = true;
    std::string created_by;
    int64_t created_ms = 0;
    std::string last_period;          // first date of the last period written ("" none)
    bool operator==(const ScheduleRow&) const = default;
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
    std::string mail;                 // "", "sent to N", "failed: why"
};

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
    Status SetFileMail(int64_t file_id, const std::string& mail);
    Result<std::vector<ReportFileRow>> Files(int limit);
    Result<std::optional<ReportFileRow>> File(int64_t id);

private:
    std::mutex m_mutex;
    std::unique_ptr<sql::Db> m_db;
};

}  // namespace cb
