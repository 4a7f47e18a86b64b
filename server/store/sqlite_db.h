// Thin RAII wrappers over the SQLite C API used only inside server/store: a connection and a
// prepared statement. Every call reports failure as a Status carrying SQLite's message.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include "server/base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace cb::sql {

class Statement;

class Db {
public:
    Db() = default;
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    // Opens (creating if missing) the file read-write; ":memory:" gives a private in-memory db.
    Status Open(const std::string& path);
    // Runs one or more statements without results.
    Status Exec(std::string_view sql);
    // Runs body in one write transaction (BEGIN IMMEDIATE): committed when body and the commit
    // succeed, else rolled back; answers the first failure.
    Status Transaction(const std::function<Status()>& body);
    // Prepares one statement; it must not outlive this Db.
    Status Prepare(std::string_view sql, Statement* out);
    std::string LastError() const;
    // A passive WAL checkpoint: copies the committed frames no reader still needs into the
    // database file (syncing per the synchronous setting), without blocking writers or readers.
    // Ok also when another connection is checkpointing at the moment (nothing done).
    Status CheckpointPassive();
    bool IsReadOnly() const;
    int64_t Changes() const;  // rows changed by the last INSERT/UPDATE/DELETE  // opened, but the file cannot be written
    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

class Statement {
public:
    Statement() = default;
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Binds are 1-based, like SQLite's.
    void BindInt(int index, int64_t value);
    void BindDouble(int index, double value);
    void BindText(int index, std::string_view value);
    // Like BindText without a copy: value must stay valid until the next Reset() or Run().
    void BindTextNoCopy(int index, std::string_view value);
    void BindBlob(int index, std::string_view value);  // copied
    void BindNull(int index);
    // Runs one step. Returns true with *has_row set, or false on error (see error()).
    bool Step(bool* has_row);
    // Runs to completion (INSERT/UPDATE); Ok or the error.
    Status Run();
    void Reset();  // ready to bind and run again; bindings cleared
    int ColumnCount() const;             // of the result rows
    int64_t ColumnInt(int index) const;  // 0-based
    double ColumnDouble(int index) const;
    std::string ColumnText(int index) const;
    // The column's text without a copy: valid until the next Step() or Reset(); empty for NULL.
    std::string_view ColumnView(int index) const;
    std::string ColumnBlob(int index) const;  // the bytes of a BLOB (or TEXT) column
    bool ColumnIsNull(int index) const;
    std::string error() const;

private:
    friend class Db;
    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
};

}  // namespace cb::sql
