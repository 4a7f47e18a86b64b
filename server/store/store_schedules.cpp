#include "server/store/store_schedules.h"

#include <functional>
#include "server/store/migrations.h"
#include "server/store/store_accounts.h"

namespace cb {
namespace {

template <typename Fn>
Status Each(sql::Statement& s, Fn fn) {
    while (true) {
        bool has_row = false;
        if (!s.Step(&has_row)) return Status::Error(s.error());
        if (!has_row) return Status::Ok();
        fn(s);
    }
}

constexpr const char* kScheduleColumns =
    "id, name, kind, at_min, lang, first_weekday, folder, recipients, enabled, created_by, created_ms, last_period,"
    " day_of_month, format, queue, team";

ScheduleRow ReadSchedule(const sql::Statement& r) {
    ScheduleRow s;
    s.id = r.ColumnInt(0);
    s.name = r.ColumnText(1);
    s.kind = r.ColumnText(2);
    s.at_min = static_cast<int>(r.ColumnInt(3));
    s.lang = r.ColumnText(4);
    s.first_weekday = static_cast<int>(r.ColumnInt(5));
    s.folder = r.ColumnText(6);
    s.recipients = r.ColumnText(7);
    s.enabled = r.ColumnInt(8) != 0;
    s.created_by = r.ColumnText(9);
    s.created_ms = r.ColumnInt(10);
    s.last_period = r.ColumnText(11);
    s.day_of_month = static_cast<int>(r.ColumnInt(12));
    s.format = r.ColumnText(13);
    s.queue = r.ColumnText(14);
    s.team = r.ColumnText(15);
    return s;
}

constexpr const char* kFileColumns =
    "f.id, f.schedule_id, COALESCE(s.name, ''), f.kind, f.period_from, f.period_to, f.lang, f.folder, f.file_name, f.bytes,"
    " f.created_ms, f.mail, f.mail_attempts, f.mail_next_ms, f.queue, f.team";

ReportFileRow ReadFile(const sql::Statement& r) {
    ReportFileRow f;
    f.id = r.ColumnInt(0);
    f.schedule_id = r.ColumnInt(1);
    f.schedule_name = r.ColumnText(2);
    f.kind = r.ColumnText(3);
    f.period_from = r.ColumnText(4);
    f.period_to = r.ColumnText(5);
    f.lang = r.ColumnText(6);
    f.folder = r.ColumnText(7);
    f.file_name = r.ColumnText(8);
    f.bytes = r.ColumnInt(9);
    f.created_ms = r.ColumnInt(10);
    f.mail = r.ColumnText(11);
    f.mail_attempts = static_cast<int>(r.ColumnInt(12));
    f.mail_next_ms = r.ColumnInt(13);
    f.queue = r.ColumnText(14);
    f.team = r.ColumnText(15);
    return f;
}

void BindSpec(sql::Statement& s, const ScheduleRow& row) {
    s.BindText(2, row.name);
    s.BindText(3, row.kind);
    s.BindInt(4, row.at_min);
    s.BindText(5, row.lang);
    s.BindInt(6, row.first_weekday);
    s.BindText(7, row.folder);
    s.BindText(8, row.recipients);
    s.BindInt(9, row.enabled ? 1 : 0);
    s.BindInt(10, row.day_of_month);
    s.BindText(11, row.format);
    s.BindText(12, row.queue);
    s.BindText(13, row.team);
}

}  // namespace

// v14: monthly reports on a chosen day, CSV or PDF, limited to a queue or a team (kept on each
// file too, so a file keeps its scope when its schedule changes); a failed mail is tried again
// (report_files.mail_attempts, mail_next_ms) and every attempt is kept.
// Existing schedules keep what they did: the 1st, PDF, the whole center.
const char* SchedulesSchemaV14() {
    return R"sql(
ALTER TABLE report_schedules ADD COLUMN day_of_month INTEGER NOT NULL DEFAULT 1;
ALTER TABLE report_schedules ADD COLUMN format TEXT NOT NULL DEFAULT 'pdf';
ALTER TABLE report_schedules ADD COLUMN queue TEXT NOT NULL DEFAULT '';
ALTER TABLE report_schedules ADD COLUMN team TEXT NOT NULL DEFAULT '';
ALTER TABLE report_files ADD COLUMN mail_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_files ADD COLUMN mail_next_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_files ADD COLUMN queue TEXT NOT NULL DEFAULT '';
ALTER TABLE report_files ADD COLUMN team TEXT NOT NULL DEFAULT '';
UPDATE report_files SET mail_attempts = 1 WHERE mail <> '';
CREATE TABLE report_mail_attempts (
    file_id INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    t_ms    INTEGER NOT NULL,
    error   TEXT    NOT NULL,
    PRIMARY KEY (file_id, attempt)
) WITHOUT ROWID;
CREATE INDEX report_files_mail_due ON report_files (mail_next_ms) WHERE mail_next_ms > 0;
)sql";
}

ScheduleStore::ScheduleStore() = default;
ScheduleStore::~ScheduleStore() = default;

#define CB_REQUIRE_OPEN() \
    if (!m_db) return Status::Error("the schedule store is not open")

Status ScheduleStore::Open(const std::string& path) {
    auto db = std::make_unique<sql::Db>();
    Status status = db->Open(path);
    if (status.ok()) status = db->Exec("PRAGMA busy_timeout = 5000");
    int version = 0;
    if (status.ok()) status = Migrate(*db, &version);
    if (!status.ok()) return Status::Error("database '" + path + "': " + status.message());
    std::lock_guard<std::mutex> lock(m_mutex);
    m_db = std::move(db);
    return Status::Ok();
}

Result<std::vector<ScheduleRow>> ScheduleStore::List() {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare(std::string("SELECT ") + kScheduleColumns + " FROM report_schedules ORDER BY id", &s);
    if (!status.ok()) return status;
    std::vector<ScheduleRow> out;
    status = Each(s, [&](const sql::Statement& r) { out.push_back(ReadSchedule(r)); });
    if (!status.ok()) return status;
    return out;
}

Result<std::optional<ScheduleRow>> ScheduleStore::Get(int64_t id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare(std::string("SELECT ") + kScheduleColumns + " FROM report_schedules WHERE id = ?1", &s);
    if (!status.ok()) return status;
    s.BindInt(1, id);
    std::optional<ScheduleRow> out;
    status = Each(s, [&](const sql::Statement& r) { out = ReadSchedule(r); });
    if (!status.ok()) return status;
    return out;
}

Result<int64_t> ScheduleStore::Add(const ScheduleRow& row, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    int64_t id = 0;
    Status status = m_db->Transaction([&]() -> Status {
        sql::Statement s;
        Status st = m_db->Prepare(
            "INSERT INTO report_schedules (name, kind, at_min, lang, first_weekday, folder, recipients, enabled, day_of_month,"
            " format, queue, team, created_by, created_ms, last_period)"
            " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, '') RETURNING id",
            &s);
        if (!st.ok()) return st;
        BindSpec(s, row);
        s.BindText(14, row.created_by);
        s.BindInt(15, row.created_ms);
        bool has_row = false;
        if (!s.Step(&has_row) || !has_row) return Status::Error(s.error());
        id = s.ColumnInt(0);
        s.Reset();
        AuditEntry entry = audit;
        entry.detail = "schedule " + std::to_string(id);
        return AppendAuditRow(*m_db, entry);
    });
    if (!status.ok()) return Status::Error("saving the schedule failed: " + status.message());
    return id;
}

Result<bool> ScheduleStore::Update(const ScheduleRow& row, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    bool changed = false;
    Status status = m_db->Transaction([&]() -> Status {
        sql::Statement s;
        Status st = m_db->Prepare(
            "UPDATE report_schedules SET name = ?2, kind = ?3, at_min = ?4, lang = ?5, first_weekday = ?6, folder = ?7,"
            " recipients = ?8, enabled = ?9, day_of_month = ?10, format = ?11, queue = ?12, team = ?13 WHERE id = ?1",
            &s);
        if (!st.ok()) return st;
        s.BindInt(1, row.id);
        BindSpec(s, row);
        st = s.Run();
        if (!st.ok()) return st;
        changed = m_db->Changes() > 0;
        AuditEntry entry = audit;
        entry.detail = "schedule " + std::to_string(row.id);
        return changed ? AppendAuditRow(*m_db, entry) : Status::Ok();
    });
    if (!status.ok()) return Status::Error("changing the schedule failed: " + status.message());
    return changed;
}

Result<bool> ScheduleStore::Delete(int64_t id, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    bool deleted = false;
    Status status = m_db->Transaction([&]() -> Status {
        sql::Statement s;
        Status st = m_db->Prepare("DELETE FROM report_schedules WHERE id = ?1", &s);
        if (!st.ok()) return st;
        s.BindInt(1, id);
        st = s.Run();
        if (!st.ok()) return st;
        deleted = m_db->Changes() > 0;
        AuditEntry entry = audit;
        entry.detail = "schedule " + std::to_string(id);
        return deleted ? AppendAuditRow(*m_db, entry) : Status::Ok();
    });
    if (!status.ok()) return Status::Error("deleting the schedule failed: " + status.message());
    return deleted;
}

Result<int64_t> ScheduleStore::RecordFile(const ReportFileRow& f, const std::string& last_period) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    int64_t id = 0;
    Status status = m_db->Transaction([&]() -> Status {
        sql::Statement s;
        Status st = m_db->Prepare(
            "INSERT INTO report_files (schedule_id, kind, period_from, period_to, lang, folder, file_name, bytes, created_ms, mail,"
            " mail_attempts, mail_next_ms, queue, team) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
            " RETURNING id",
            &s);
        if (!st.ok()) return st;
        s.BindInt(1, f.schedule_id);
        s.BindText(2, f.kind);
        s.BindText(3, f.period_from);
        s.BindText(4, f.period_to);
        s.BindText(5, f.lang);
        s.BindText(6, f.folder);
        s.BindText(7, f.file_name);
        s.BindInt(8, f.bytes);
        s.BindInt(9, f.created_ms);
        s.BindText(10, f.mail);
        s.BindInt(11, f.mail_attempts);
        s.BindInt(12, f.mail_next_ms);
        s.BindText(13, f.queue);
        s.BindText(14, f.team);
        bool has_row = false;
        if (!s.Step(&has_row) || !has_row) return Status::Error(s.error());
        id = s.ColumnInt(0);
        s.Reset();
        sql::Statement u;
        st = m_db->Prepare("UPDATE report_schedules SET last_period = ?2 WHERE id = ?1", &u);
        if (!st.ok()) return st;
        u.BindInt(1, f.schedule_id);
        u.BindText(2, last_period);
        return u.Run();
    });
    if (!status.ok()) return Status::Error("recording the report file failed: " + status.message());
    return id;
}

Status ScheduleStore::RecordMailAttempt(const MailAttemptRow& attempt, const std::string& mail, int64_t next_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    return m_db->Transaction([&]() -> Status {
        sql::Statement s;
        Status st = m_db->Prepare("INSERT OR REPLACE INTO report_mail_attempts (file_id, attempt, t_ms, error) VALUES (?1, ?2, ?3, ?4)", &s);
        if (!st.ok()) return st;
        s.BindInt(1, attempt.file_id);
        s.BindInt(2, attempt.attempt);
        s.BindInt(3, attempt.t_ms);
        s.BindText(4, attempt.error);
        if (st = s.Run(); !st.ok()) return st;
        sql::Statement u;
        st = m_db->Prepare("UPDATE report_files SET mail = ?2, mail_attempts = ?3, mail_next_ms = ?4 WHERE id = ?1", &u);
        if (!st.ok()) return st;
        u.BindInt(1, attempt.file_id);
        u.BindText(2, mail);
        u.BindInt(3, attempt.attempt);
        u.BindInt(4, next_ms);
        return u.Run();
    });
}

Result<std::vector<ReportFileRow>> ScheduleStore::MailsDue(int64_t now_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare(std::string("SELECT ") + kFileColumns +
                                      " FROM report_files f LEFT JOIN report_schedules s ON s.id = f.schedule_id"
                                      " WHERE f.mail_next_ms > 0 AND f.mail_next_ms <= ?1 ORDER BY f.mail_next_ms, f.id",
                                  &s);
    if (!status.ok()) return status;
    s.BindInt(1, now_ms);
    std::vector<ReportFileRow> out;
    status = Each(s, [&](const sql::Statement& r) { out.push_back(ReadFile(r)); });
    if (!status.ok()) return status;
    return out;
}

Result<std::vector<MailAttemptRow>> ScheduleStore::MailAttempts(int64_t file_id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare("SELECT file_id, attempt, t_ms, error FROM report_mail_attempts WHERE file_id = ?1 ORDER BY attempt", &s);
    if (!status.ok()) return status;
    s.BindInt(1, file_id);
    std::vector<MailAttemptRow> out;
    status = Each(s, [&](const sql::Statement& r) {
        out.push_back({r.ColumnInt(0), static_cast<int>(r.ColumnInt(1)), r.ColumnInt(2), r.ColumnText(3)});
    });
    if (!status.ok()) return status;
    return out;
}

Result<std::vector<ReportFileRow>> ScheduleStore::LastMails() {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare(std::string("SELECT ") + kFileColumns +
                                      " FROM report_files f LEFT JOIN report_schedules s ON s.id = f.schedule_id"
                                      " WHERE f.id IN (SELECT MAX(id) FROM report_files WHERE mail_attempts > 0 GROUP BY schedule_id)"
                                      " ORDER BY f.id",
                                  &s);
    if (!status.ok()) return status;
    std::vector<ReportFileRow> out;
    status = Each(s, [&](const sql::Statement& r) { out.push_back(ReadFile(r)); });
    if (!status.ok()) return status;
    return out;
}

Result<std::vector<ReportFileRow>> ScheduleStore::Files(int limit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare(std::string("SELECT ") + kFileColumns +
                                      " FROM report_files f LEFT JOIN report_schedules s ON s.id = f.schedule_id"
                                      " ORDER BY f.created_ms DESC, f.id DESC LIMIT ?1",
                                  &s);
    if (!status.ok()) return status;
    s.BindInt(1, limit);
    std::vector<ReportFileRow> out;
    status = Each(s, [&](const sql::Statement& r) { out.push_back(ReadFile(r)); });
    if (!status.ok()) return status;
    return out;
}

Result<std::optional<ReportFileRow>> ScheduleStore::File(int64_t id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare(std::string("SELECT ") + kFileColumns +
                                      " FROM report_files f LEFT JOIN report_schedules s ON s.id = f.schedule_id WHERE f.id = ?1",
                                  &s);
    if (!status.ok()) return status;
    s.BindInt(1, id);
    std::optional<ReportFileRow> out;
    status = Each(s, [&](const sql::Statement& r) { out = ReadFile(r); });
    if (!status.ok()) return status;
    return out;
}

}  // namespace cb
