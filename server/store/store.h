// Callboard's SQLite store: all SQL of the server lives in server/store. One file per
// database (--db): WAL journal, foreign keys on, a busy timeout, numbered migrations.
// A database holds either demo (simulated) or real data, never both: opening it for the
// other kind fails. Not thread-safe: one owner thread (the live source) uses it.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include "core/directory.h"
#include "core/events.h"
#include "core/kpi.h"
#include "core/report/report.h"
#include "core/tz.h"
#include "server/base/status.h"

namespace cb {

enum class DataKind { Demo, Real };
std::string_view DataKindName(DataKind kind);  // "demo" or "real"

// One raw event as stored: the event plus its idempotency key within its source.
struct StoredEvent {
    std::string idem_key;
    Event event;
    // CallOffered: the caller's phone number, as the source wrote it; empty = none. Kept in
    // calls.caller_number (schema v4) when it looks like a number (IsCallerNumber in
    // store_calls_query.h); never in the events table. Logs show it masked only (MaskPhone).
    std::string caller_number = {};
};

// How derived tables cut time: the center's time zone and the interval length. Set it before
// appending real events (the default is UTC, 15 minutes).
struct DerivedConfig {
    int interval_minutes = 15;   // 15, 30 or 60
    int32_t tz_offset_min = 0;   // center local time = UTC + offset, when zone is not set
    // The center's time zone (IANA, with daylight saving time); unset: tz_offset_min.
    std::optional<TimeZone> zone = std::nullopt;
    TimeZone Zone() const { return zone ? *zone : TimeZone::Fixed(tz_offset_min); }
};

// Local midnight (as UTC ms) of the day holding t_ms, and of the next day, in config's zone.
int64_t DerivedDayStart(const DerivedConfig& config, int64_t t_ms);
int64_t DerivedNextDayStart(const DerivedConfig& config, int64_t day_start_ms);

// Import progress of one file: where the next unread line starts and which file that was
// (identity: device, inode and a hash of the first bytes, so a rotated or replaced file is
// read from the start again).
struct FileProgress {
    std::string path;
    std::string identity;
    int64_t offset = 0;   // bytes of whole lines consumed
    int64_t lines = 0;    // lines consumed
};

// One day's interval counts as computed from calls and agent_states (Store::ComputeDirtyDays),
// for Store::WriteIntervalDays: computing only reads, so another connection can do it while
// this one imports (bench/results/import.md).
struct IntervalDay {
    int64_t day_start_ms = 0;
    int64_t day_end_ms = 0;  // the next local midnight
    int64_t generation = 0;  // of the day's dirty mark when computed; a newer mark stays
    int interval_minutes = 15;
    struct Row {
        int scope = 0;  // 0 queue, 1 agent, 2 team (interval_counts), 3 the center (center_intervals, key "")
        std::string key;
        int64_t start_ms = 0;
        KpiCounts counts;
    };
    std::vector<Row> rows;
    // Not-ready time by reason and callbacks per interval (interval_extras), where not all zero.
    struct ExtraRow {
        int scope = 0;
        std::string key;
        int64_t start_ms = 0;
        ReportExtras extras;
    };
    std::vector<ExtraRow> extras;
    // The day's totals per queue, agent, team and the center (day_totals).
    struct DayRow {
        int scope = 0;
        std::string key;
        KpiCounts counts;
        ReportExtras extras;
    };
    std::vector<DayRow> days;
};

struct AppendSummary {
    int64_t inserted = 0;     // new rows in events
    int64_t duplicates = 0;   // skipped: (source, idem_key) already stored
    std::vector<uint32_t> fresh;  // indices (into the batch) of the events inserted now
    // Their row ids, parallel to fresh: unique, increasing in the order they were stored. The
    // live engine uses them as event ids, as it does when it replays the day from the store, so
    // events of the same millisecond are applied in the order the store applied them.
    std::vector<uint64_t> fresh_ids;
};

class Store {
public:
    // Opens or creates the database at path (":memory:" for a private in-memory one), applies
    // migrations and checks/records the data kind. Fails with one line naming the file and the
    // reason: cannot create or open it, not a database, read-only, newer schema, or holding
    // the other kind of data.
    static Result<std::unique_ptr<Store>> Open(const std::string& path, DataKind kind);
    // The kind of data an existing database file was made for; nullopt when the file does not
    // exist or is not (yet) a Callboard database. Reads only; creates nothing.
    static std::optional<DataKind> StoredDataKind(const std::string& path);
    ~Store();

    int schema_version() const;
    DataKind data_kind() const;

    // Value of a meta key ("created_at", "product_version", "data_kind"); empty if missing.
    Result<std::string> Meta(std::string_view key);

    // Inserts or updates queues, teams and agents by key, in one transaction. A queue whose
    // service-level definition (variant, T, target, short-abandon threshold) differs from its
    // latest stored version gets a new version valid from now_ms (-1: the wall clock); a queue's
    // first version is valid from the beginning (docs/reports.md, "Definitions").
    Status SaveDirectory(const Directory& directory, int64_t now_ms = -1);
    // Records the center's default definition (the variant and target of the center's, teams'
    // and agents' report rows) the same way, as the version of key "*".
    Status SaveCenterDefinition(const ServiceLevelDef& sl, int64_t now_ms = -1);

    // Appends events of one source in one transaction. Agents and queues are stored by their
    // directory keys. An event whose (source, idem_key) is already stored is skipped.
    // Returns how many rows were inserted.
    Result<int64_t> AppendEvents(std::string_view source, const Directory& directory,
                                 std::span<const StoredEvent> events);

    // AppendEvents plus, in the same transaction: the calls and agent_states rows updated from
    // the newly inserted events only (in time order), their days marked for an interval
    // rebuild, and, when progress is given, that file's progress recorded. Either all of it
    // is committed or nothing is: a replayed batch finds every key stored and changes nothing.
    Result<AppendSummary> Append(std::string_view source, const Directory& directory,
                                 std::span<const StoredEvent> events, const FileProgress* progress = nullptr);

    void SetDerivedConfig(const DerivedConfig& config);
    const DerivedConfig& derived_config() const;

    // Whether the derived tables (calls, agent_states, ring_noanswers, call_outcomes, interval
    // counts) were made by older counting rules than this callboard's (an upgraded database).
    bool rederive_pending() const;
    // The version of the counting rules this callboard derives with (meta derived_rules).
    static const char* DerivedRulesVersion();
    // If pending: derives them again from the stored events, source by source in time order, with
    // this callboard's rules and the directory given (its queues' wrap-up allowances), then counts
    // every day's intervals again. Raw events and caller numbers are not touched. Commits per
    // chunk of events; if interrupted, it starts again at the next call. progress(done, total)
    // is called after each chunk. Append calls it first, without progress, when pending.
    Status RederiveIfNeeded(const Directory& directory,
                            const std::function<void(int64_t done, int64_t total)>& progress = {});

    // The core Tracker's saved state (tracker.h, Tracker::Save) of each source at the start of
    // the day day_start_ms, for sources that had one: the live engine starts a restored day from
    // them. (source, state) pairs.
    Result<std::vector<std::pair<std::string, std::string>>> TrackerStatesAt(int64_t day_start_ms);

    // Rebuilds interval_counts of every day marked by Append (queue, agent and team scopes,
    // from calls and agent_states) and clears the marks, in one transaction. Returns the
    // number of days rebuilt. now_ms closes agent state intervals still open.
    Result<int64_t> RebuildIntervals(int64_t now_ms);

    // RebuildIntervals in two halves. ComputeDirtyDays reads (one snapshot) the marked days that
    // start before before_ms, oldest first, at most max_days, leaving out the (day, generation)
    // marks in skip, and computes their counts; it writes nothing. WriteIntervalDays replaces those
    // days' rows in one transaction and clears each mark unless a later batch marked the day again
    // (then the day is computed again later). Returns the number of days written.
    Result<std::vector<IntervalDay>> ComputeDirtyDays(int64_t before_ms, int64_t now_ms, size_t max_days,
                                                      std::span<const std::pair<int64_t, int64_t>> skip = {});
    Result<int64_t> WriteIntervalDays(std::span<const IntervalDay> days);

    // Stored progress of a file path; offset 0 and an empty identity when never imported.
    Result<FileProgress> GetFileProgress(const std::string& path);

    // The stored directory (queues, teams, agents), in id order.
    Result<Directory> LoadDirectory();

    // Calls `fn` with every stored event of `source` with from_ms <= t_ms < to_ms, in time
    // order, mapped onto `directory` by key (unknown keys become kNoAgent / kNoQueue).
    // Event::id is the event's row id: unique and stable, so replays dedupe in the engine.
    Status ForEachEvent(std::string_view source, const Directory& directory, int64_t from_ms, int64_t to_ms,
                        const std::function<void(const Event&)>& fn);

    // Counts for tests and the log: events of one source (all sources when empty).
    Result<int64_t> CountEvents(std::string_view source);
    // "queues", "teams", "agents", "calls", "agent_states", "interval_counts", "dirty_days".
    Result<int64_t> CountRows(std::string_view table);

    struct Impl;  // defined in store_impl.h, private to server/store

private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace cb
