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
    "id, name, kind, at_min, lang, first_weekday, folder, recipients, enabled, created_by, created_ms, last_period";

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
    return s;
}

constexpr const char* kFileColumns =
    "f.id, f.schedule_id, COALESCE(s.name, ''), f.kind, f.period_from, f.period_to, f.lang, f.folder, f.file_name, f.bytes,"
    " f.created_ms, f.mail";

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
    return f;
}

}  // namespace

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
            "INSERT INTO report_schedules (name, kind, at_min, lang, first_weekday, folder, recipients, enabled, created_by,"
            " created_ms, last_period) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, '') RETURNING id",
            &s);
        if (!st.ok()) return st;
        s.BindText(1, row.name);
        s.BindText(2, row.kind);
        s.BindInt(3, row.at_min);
        s.BindText(4, row.lang);
        s.BindInt(5, row.first_weekday);
        s.BindText(6, row.folder);
        s.BindText(7, row.recipients);
        s.BindInt(8, row.enabled ? 1 : 0);
        s.BindText(9, row.created_by);
        s.BindInt(10, row.created_ms);
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
            " recipients = ?8, enabled = ?9 WHERE id = ?1",
            &s);
        if (!st.ok()) return st;
        s.BindInt(1, row.id);
        s.BindText(2, row.name);
        s.BindText(3, row.kind);
        s.BindInt(4, row.at_min);
        s.BindText(5, row.lang);
        s.BindInt(6, row.first_weekday);
        s.BindText(7, row.folder);
        s.BindText(8, row.recipients);
        s.BindInt(9, row.enabled ? 1 : 0);
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
            "INSERT INTO report_files (schedule_id, kind, period_from, period_to, lang, folder, file_name, bytes, created_ms, mail)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
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

Status ScheduleStore::SetFileMail(int64_t file_id, const std::string& mail) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare("UPDATE report_files SET mail = ?2 WHERE id = ?1", &s);
    if (!status.ok()) return status;
    s.BindInt(1, file_id);
    s.BindText(2, mail);
    return s.Run();
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
