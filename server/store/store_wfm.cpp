// Workforce-management data on SQLite (store_wfm.h).
#include "server/store/store_wfm.h"

#include "server/store/migrations.h"
#include "server/store/store_accounts.h"

namespace cb {

namespace {

constexpr const char* kNotOpen = "the workforce-management store is not open";

Result<wfm::SpecialDay> ReadSpecialDay(sql::Statement& row) {
    wfm::SpecialDay d;
    d.date = row.ColumnText(0);
    d.queue = row.ColumnText(1);
    const std::string kind = row.ColumnText(2);
    if (!wfm::ParseSpecialKind(kind, &d.kind))
        return Status::Error("stored special day " + d.date + " has an unknown kind '" + kind + "'");
    if (!row.ColumnIsNull(3)) d.factor = row.ColumnDouble(3);
    d.note = row.ColumnText(4);
    d.updated_by = row.ColumnText(5);
    d.updated_ms = row.ColumnInt(6);
    return d;
}

constexpr const char* kSpecialColumns = "date, queue, kind, factor, note, updated_by, updated_ms";

}  // namespace

WfmStore::WfmStore() = default;
WfmStore::~WfmStore() = default;

Status WfmStore::Open(const std::string& path, bool read_only) {
    const auto fail = [&path](const std::string& why) { return Status::Error("database '" + path + "': " + why); };
    auto db = std::make_unique<sql::Db>();
    Status status = db->Open(path);
    if (!status.ok()) return fail("cannot open or create it (" + status.message() + ")");
    status = db->Exec("PRAGMA busy_timeout = 5000");
    if (status.ok() && path != ":memory:" && !read_only) status = db->Exec("PRAGMA journal_mode = WAL");
    if (!status.ok()) return fail(status.message());
    int version = 0;
    status = Migrate(*db, &version);
    if (!status.ok()) return fail(status.message());
    if (read_only) {
        status = db->Exec("PRAGMA query_only = ON");
        if (!status.ok()) return fail(status.message());
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_db = std::move(db);
    m_read_only = read_only;
    return Status::Ok();
}

void WfmStore::Close() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_db.reset();
}

bool WfmStore::is_open() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_db != nullptr;
}

Result<std::vector<WfmQueue>> WfmStore::Queues() {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_db) return Status::Error(kNotOpen);
    sql::Statement select;
    Status status = m_db->Prepare("SELECT key, name_en, name_zh, sl_target, sl_threshold_s FROM queues ORDER BY id", &select);
    if (!status.ok()) return Status::Error("reading queues failed: " + status.message());
    std::vector<WfmQueue> queues;
    while (true) {
        bool has_row = false;
        if (!select.Step(&has_row)) return Status::Error("reading queues failed: " + select.error());
        if (!has_row) break;
        queues.push_back({select.ColumnText(0), select.ColumnText(1), select.ColumnText(2), select.ColumnDouble(3),
                          static_cast<int>(select.ColumnInt(4))});
    }
    return queues;
}

Status WfmStore::ForEachQueueInterval(int64_t from_ms, int64_t to_ms, const IntervalFn& fn) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_db) return Status::Error(kNotOpen);
    Status status = m_db->Exec("BEGIN");
    if (!status.ok()) return Status::Error("reading interval history failed: " + status.message());
    struct EndRead {
        sql::Db* db;
        ~EndRead() { db->Exec("COMMIT"); }
    } end_read{m_db.get()};
    // interval_counts is keyed by (start_ms, scope, key): the range is one walk of the key.
    sql::Statement select;
    status = m_db->Prepare(
        "SELECT key, start_ms, interval_minutes, offered, handled, talk_ms + hold_ms + wrap_ms, answered, abandoned,"
        " wait_answered_ms + wait_abandoned_ms, staffed_ms FROM interval_counts"
        " WHERE start_ms >= ?1 AND start_ms < ?2 AND scope = 'queue' ORDER BY start_ms",
        &select);
    if (!status.ok()) return Status::Error("reading interval history failed: " + status.message());
    select.BindInt(1, from_ms);
    select.BindInt(2, to_ms);
    while (true) {
        bool has_row = false;
        if (!select.Step(&has_row)) return Status::Error("reading interval history failed: " + select.error());
        if (!has_row) break;
        wfm::IntervalHistory h;
        h.offered = select.ColumnInt(3);
        h.handled = select.ColumnInt(4);
        h.handle_ms = select.ColumnInt(5);
        h.answered = select.ColumnInt(6);
        h.abandoned = select.ColumnInt(7);
        h.wait_ms = select.ColumnInt(8);
        h.staffed_ms = select.ColumnInt(9);
        fn(select.ColumnView(0), select.ColumnInt(1), static_cast<int>(select.ColumnInt(2)), h);
    }
    return Status::Ok();
}

Result<std::vector<wfm::SpecialDay>> WfmStore::SpecialDays(const std::string& from, const std::string& to) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_db) return Status::Error(kNotOpen);
    sql::Statement select;
    Status status = m_db->Prepare(std::string("SELECT ") + kSpecialColumns +
                                      " FROM wfm_special_days WHERE (?1 = '' OR date >= ?1) AND (?2 = '' OR date <= ?2)"
                                      " ORDER BY date, queue",
                                  &select);
    if (!status.ok()) return Status::Error("reading special days failed: " + status.message());
    select.BindText(1, from);
    select.BindText(2, to);
    std::vector<wfm::SpecialDay> days;
    while (true) {
        bool has_row = false;
        if (!select.Step(&has_row)) return Status::Error("reading special days failed: " + select.error());
        if (!has_row) break;
        Result<wfm::SpecialDay> day = ReadSpecialDay(select);
        if (!day.ok()) return day.status();
        days.push_back(std::move(day.value()));
    }
    return days;
}

Result<std::optional<wfm::SpecialDay>> WfmStore::SpecialDay(const std::string& date, const std::string& queue) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_db) return Status::Error(kNotOpen);
    sql::Statement select;
    Status status = m_db->Prepare(std::string("SELECT ") + kSpecialColumns + " FROM wfm_special_days WHERE date = ?1 AND queue = ?2",
                                  &select);
    if (!status.ok()) return Status::Error("reading special days failed: " + status.message());
    select.BindText(1, date);
    select.BindText(2, queue);
    bool has_row = false;
    if (!select.Step(&has_row)) return Status::Error("reading special days failed: " + select.error());
    if (!has_row) return std::optional<wfm::SpecialDay>();
    Result<wfm::SpecialDay> day = ReadSpecialDay(select);
    if (!day.ok()) return day.status();
    return std::optional<wfm::SpecialDay>(std::move(day.value()));
}

Status WfmStore::InTransaction(const std::function<Status()>& body) {
    return m_db->Transaction(body);
}

Status WfmStore::PutSpecialDay(const wfm::SpecialDay& day, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_db) return Status::Error(kNotOpen);
    if (m_read_only) return Status::Error("the workforce-management store was opened to read only");
    return InTransaction([&]() -> Status {
        sql::Statement put;
        Status status = m_db->Prepare(
            "INSERT INTO wfm_special_days (date, queue, kind, factor, note, updated_by, updated_ms)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (date, queue) DO UPDATE SET kind = excluded.kind,"
            " factor = excluded.factor, note = excluded.note, updated_by = excluded.updated_by,"
            " updated_ms = excluded.updated_ms",
            &put);
        if (!status.ok()) return status;
        put.BindText(1, day.date);
        put.BindText(2, day.queue);
        put.BindText(3, wfm::SpecialKindName(day.kind));
        if (day.factor) put.BindDouble(4, *day.factor);
        else put.BindNull(4);
        put.BindText(5, day.note);
        put.BindText(6, day.updated_by);
        put.BindInt(7, day.updated_ms);
        status = put.Run();
        return status.ok() ? AppendAuditRow(*m_db, audit) : status;
    });
}

Result<bool> WfmStore::DeleteSpecialDay(const std::string& date, const std::string& queue, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_db) return Status::Error(kNotOpen);
    if (m_read_only) return Status::Error("the workforce-management store was opened to read only");
    bool removed = false;
    Status status = InTransaction([&]() -> Status {
        sql::Statement erase;
        Status s = m_db->Prepare("DELETE FROM wfm_special_days WHERE date = ?1 AND queue = ?2", &erase);
        if (!s.ok()) return s;
        erase.BindText(1, date);
        erase.BindText(2, queue);
        s = erase.Run();
        if (!s.ok()) return s;
        removed = m_db->Changes() > 0;
        return removed ? AppendAuditRow(*m_db, audit) : Status::Ok();
    });
    if (!status.ok()) return status;
    return removed;
}

}  // namespace cb
