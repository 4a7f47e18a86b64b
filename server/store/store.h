// Callboard's SQLite store: all SQL of the server lives in server/store. One file per
// database (--db): WAL journal, foreign keys on, a busy timeout, numbered migrations.
// A database holds either demo (simulated) or real data, never both: opening it for the
// other kind fails. Not thread-safe: one owner thread (the live source) uses it.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include "core/directory.h"
#include "core/events.h"
#include "server/store/status.h"

namespace cb {

enum class DataKind { Demo, Real };
std::string_view DataKindName(DataKind kind);  // "demo" or "real"

// One raw event as stored: the event plus its idempotency key within its source.
struct StoredEvent {
    std::string idem_key;
    Event event;
};

class Store {
public:
    // Opens or creates the database at path (":memory:" for a private in-memory one), applies
    // migrations and checks/records the data kind. Fails with one line naming the file and the
    // reason: cannot create or open it, not a database, read-only, newer schema, or holding
    // the other kind of data.
    static Result<std::unique_ptr<Store>> Open(const std::string& path, DataKind kind);
    ~Store();

    int schema_version() const;
    DataKind data_kind() const;

    // Value of a meta key ("created_at", "product_version", "data_kind"); empty if missing.
    Result<std::string> Meta(std::string_view key);

    // Inserts or updates queues, teams and agents by key, in one transaction.
    Status SaveDirectory(const Directory& directory);

    // Appends events of one source in one transaction. Agents and queues are stored by their
    // directory keys. An event whose (source, idem_key) is already stored is skipped.
    // Returns how many rows were inserted.
    Result<int64_t> AppendEvents(std::string_view source, const Directory& directory,
                                 std::span<const StoredEvent> events);

    // Counts for tests and the log: events of one source (all sources when empty).
    Result<int64_t> CountEvents(std::string_view source);
    Result<int64_t> CountRows(std::string_view table);  // "queues", "teams" or "agents"

    struct Impl;  // defined in store_impl.h, private to server/store

private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace cb
