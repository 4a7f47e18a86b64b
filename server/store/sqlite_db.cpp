#include "server/store/sqlite_db.h"

#include <sqlite3.h>

namespace cb::sql {

Db::~Db() {
    if (m_db) sqlite3_close_v2(m_db);
}

Status Db::Open(const std::string& path) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return Status::Error(message);
    }
    sqlite3_extended_result_codes(m_db, 1);
    return Status::Ok();
}

Status Db::Transaction(const std::function<Status()>& body) {
    Status status = Exec("BEGIN IMMEDIATE");
    if (!status.ok()) return status;
    status = body();
    if (status.ok()) status = Exec("COMMIT");
    if (!status.ok()) Exec("ROLLBACK");
    return status;
}

Status Db::Exec(std::string_view sql) {
    char* err = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string message = err ? err : LastError();
        sqlite3_free(err);
        return Status::Error(message);
    }
    return Status::Ok();
}

Status Db::Prepare(std::string_view sql, Statement* out) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
        return Status::Error(LastError());
    }
    *out = Statement();
    out->m_stmt = stmt;
    out->m_db = m_db;
    return Status::Ok();
}

Status Db::CheckpointPassive() {
    const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    // Busy: another connection is checkpointing right now; the next call goes on from there.
    if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY) return Status::Error(LastError());
    return Status::Ok();
}

std::string Db::LastError() const { return m_db ? sqlite3_errmsg(m_db) : "database not open"; }

bool Db::IsReadOnly() const { return m_db && sqlite3_db_readonly(m_db, "main") == 1; }
int64_t Db::Changes() const { return m_db ? sqlite3_changes64(m_db) : 0; }

Statement::~Statement() {
    if (m_stmt) sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept : m_stmt(other.m_stmt), m_db(other.m_db) {
    other.m_stmt = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        if (m_stmt) sqlite3_finalize(m_stmt);
        m_stmt = other.m_stmt;
        m_db = other.m_db;
        other.m_stmt = nullptr;
    }
    return *this;
}

void Statement::BindInt(int index, int64_t value) { sqlite3_bind_int64(m_stmt, index, value); }
void Statement::BindDouble(int index, double value) { sqlite3_bind_double(m_stmt, index, value); }
void Statement::BindText(int index, std::string_view value) {
    sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}
void Statement::BindTextNoCopy(int index, std::string_view value) {
    sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
}
void Statement::BindBlob(int index, std::string_view value) {
    sqlite3_bind_blob(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}
void Statement::BindNull(int index) { sqlite3_bind_null(m_stmt, index); }

bool Statement::Step(bool* has_row) {
    const int rc = sqlite3_step(m_stmt);
    *has_row = rc == SQLITE_ROW;
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

Status Statement::Run() {
    bool has_row = false;
    bool ok = true;
    do {
        ok = Step(&has_row);
    } while (ok && has_row);
    Status status = ok ? Status::Ok() : Status::Error(error());
    Reset();
    return status;
}

void Statement::Reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int64_t Statement::ColumnInt(int index) const { return sqlite3_column_int64(m_stmt, index); }
double Statement::ColumnDouble(int index) const { return sqlite3_column_double(m_stmt, index); }
int Statement::ColumnCount() const { return m_stmt ? sqlite3_column_count(m_stmt) : 0; }
std::string Statement::ColumnText(int index) const {
    const unsigned char* text = sqlite3_column_text(m_stmt, index);
    return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
}
std::string_view Statement::ColumnView(int index) const {
    const unsigned char* text = sqlite3_column_text(m_stmt, index);
    if (!text) return {};
    return {reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(m_stmt, index))};
}
std::string Statement::ColumnBlob(int index) const {
    const void* data = sqlite3_column_blob(m_stmt, index);
    if (!data) return {};
    return std::string(static_cast<const char*>(data), static_cast<size_t>(sqlite3_column_bytes(m_stmt, index)));
}
bool Statement::ColumnIsNull(int index) const {
    return sqlite3_column_type(m_stmt, index) == SQLITE_NULL;
}
std::string Statement::error() const { return m_db ? sqlite3_errmsg(m_db) : "no statement"; }

}  // namespace cb::sql
