// Store: deriving calls, agent state spells, missed rings, outcome tags and interval counts again
// from the stored events, when the database was written by older counting rules (an upgrade;
// docs/operations.md, "Upgrading"). Raw events and caller numbers are never touched.
#include <chrono>
#include <string>
#include <vector>
#include "server/store/store.h"
#include "server/store/store_impl.h"

namespace cb {
namespace {

// The rules the derived tables were made with. Raise it when what the Tracker or the counting
// rules (app/core/tracker.h, counting.h) write into them changes: databases made before are
// derived again from their events.
constexpr const char* kDerivedRules = "3";  // 2: calls rows keyed by the leg's origin; 3: wrap-up ended by the phone system (QueueInfo::wrap_up_by_system)
constexpr int64_t kChunk = 50000;  // events per transaction while deriving again

int64_t NowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Status ExecAll(sql::Db& db, std::initializer_list<const char*> statements) {
    for (const char* sql : statements) {
        if (Status status = db.Exec(sql); !status.ok()) return status;
    }
    return Status::Ok();
}

Status SetMeta(sql::Db& db, const char* key, const std::string& value) {
    sql::Statement put;
    Status status = db.Prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", &put);
    if (!status.ok()) return status;
    put.BindText(1, key);
    put.BindText(2, value);
    return put.Run();
}

// One chunk of a source's events, in (t_ms, id) order after (after_t, after_id).
Status ReadChunk(sql::Db& db, const EventRowReader& reader, const std::string& source, int64_t after_t,
                 int64_t after_id, std::vector<StoredEvent>* out) {
    sql::Statement select;
    // Walks events_by_time (t_ms, then the row id) from the last position; "+source" keeps
    // SQLite from taking the (source, key) index instead and sorting the whole source per chunk.
    Status status = db.Prepare(std::string("SELECT ") + EventRowReader::kColumns +
                                   " FROM events WHERE +source = ?1 AND t_ms >= ?2 AND NOT (t_ms = ?2 AND id <= ?3)"
                                   " ORDER BY t_ms, id LIMIT ?4",
                               &select);
    if (!status.ok()) return status;
    select.BindText(1, source);
    select.BindInt(2, after_t);
    select.BindInt(3, after_id);
    select.BindInt(4, kChunk);
    out->clear();
    while (true) {
        bool has_row = false;
        if (!select.Step(&has_row)) return Status::Error(select.error());
        if (!has_row) break;
        StoredEvent stored;
        if (!reader.Read(select, &stored.event)) {
            // A kind this callboard does not know: kept in events, passed over here, but the
            // position still moves past it.
            stored.event.kind = EventKind::kCount;
            stored.event.id = static_cast<uint64_t>(select.ColumnInt(0));
            stored.event.t_ms = select.ColumnInt(1);
        }
        out->push_back(std::move(stored));
    }
    return Status::Ok();
}

}  // namespace

const char* Store::DerivedRulesVersion() { return kDerivedRules; }

Status CheckDerivedRules(Store::Impl& impl) {
    sql::Statement get;
    Status status = impl.db.Prepare("SELECT value FROM meta WHERE key = 'derived_rules'", &get);
    if (!status.ok()) return status;
    bool has_row = false;
    if (!get.Step(&has_row)) return Status::Error(get.error());
    const std::string rules = has_row ? get.ColumnText(0) : std::string();
    get.Reset();
    if (rules == kDerivedRules) return Status::Ok();
    sql::Statement any;
    if (!(status = impl.db.Prepare("SELECT EXISTS (SELECT 1 FROM events)", &any)).ok()) return status;
    if (!any.Step(&has_row) || !has_row) return Status::Error(any.error());
    const bool has_events = any.ColumnInt(0) != 0;
    any.Reset();
    if (has_events) {
        impl.rederive_pending = true;
        return Status::Ok();
    }
    return SetMeta(impl.db, "derived_rules", kDerivedRules);  // nothing to derive
}

bool Store::rederive_pending() const { return m_impl->rederive_pending; }

Status Store::RederiveIfNeeded(const Directory& directory, const std::function<void(int64_t, int64_t)>& progress) {
    Impl& impl = *m_impl;
    if (!impl.rederive_pending) return Status::Ok();
    auto fail = [](const Status& status) {
        return Status::Error("deriving calls and agent states again from the stored events failed: " + status.message());
    };
    int64_t total = 0;
    std::vector<std::string> sources;
    {
        sql::Statement count;
        Status status = impl.db.Prepare("SELECT COUNT(*) FROM events", &count);
        bool has_row = false;
        if (status.ok() && (!count.Step(&has_row) || !has_row)) status = Status::Error(count.error());
        if (!status.ok()) return fail(status);
        total = count.ColumnInt(0);
        sql::Statement names;
        status = impl.db.Prepare("SELECT DISTINCT source FROM events ORDER BY source", &names);
        if (!status.ok()) return fail(status);
        while (true) {
            if (!names.Step(&has_row)) return fail(Status::Error(names.error()));
            if (!has_row) break;
            sources.push_back(names.ColumnText(0));
        }
    }
    Status status = impl.db.Exec("BEGIN IMMEDIATE");
    if (status.ok()) {
        status = ExecAll(impl.db, {"DELETE FROM calls", "DELETE FROM agent_states", "DELETE FROM ring_noanswers",
                                   "DELETE FROM call_outcomes", "DELETE FROM tracker_state", "DELETE FROM tracker_days",
                                   "DELETE FROM interval_counts", "DELETE FROM dirty_days"});
    }
    if (status.ok()) status = impl.db.Exec("COMMIT");
    if (!status.ok()) {
        impl.db.Exec("ROLLBACK");
        return fail(status);
    }
    const EventRowReader reader(directory);
    int64_t done = 0;
    std::vector<StoredEvent> chunk;
    std::vector<uint32_t> order;
    std::vector<int64_t> days, ids;
    for (const std::string& source : sources) {
        int64_t after_t = INT64_MIN, after_id = INT64_MIN;
        while (true) {
            if (!(status = ReadChunk(impl.db, reader, source, after_t, after_id, &chunk)).ok()) return fail(status);
            if (chunk.empty()) break;
            after_t = chunk.back().event.t_ms;
            after_id = static_cast<int64_t>(chunk.back().event.id);
            order.clear();
            days.clear();
            ids.clear();
            for (const StoredEvent& stored : chunk) ids.push_back(static_cast<int64_t>(stored.event.id));
            for (uint32_t i = 0; i < chunk.size(); ++i) {
                if (chunk[i].event.kind == EventKind::kCount) continue;
                order.push_back(i);
                const int64_t day = DerivedDayStart(impl.derived, chunk[i].event.t_ms);
                if (days.empty() || days.back() != day) days.push_back(day);
            }
            status = impl.db.Exec("BEGIN IMMEDIATE");
            if (status.ok()) status = ApplyDerived(impl, source, directory, chunk, order, ids, &days);
            if (status.ok()) status = MarkDays(impl, &days);
            if (status.ok()) status = impl.db.Exec("COMMIT");
            if (!status.ok()) {
                impl.db.Exec("ROLLBACK");
                return fail(status);
            }
            done += static_cast<int64_t>(chunk.size());
            if (progress) progress(done, total);
        }
    }
    if (!(status = SetMeta(impl.db, "derived_rules", kDerivedRules)).ok()) return fail(status);
    impl.rederive_pending = false;
    Result<int64_t> rebuilt = RebuildIntervals(NowMs());
    return rebuilt.ok() ? Status::Ok() : fail(rebuilt.status());
}

Result<std::vector<std::pair<std::string, std::string>>> Store::TrackerStatesAt(int64_t day_start_ms) {
    // A source's state at that midnight; or, for a source with no event since, its latest state
    // (the engine ends the wrap-ups due before midnight itself).
    sql::Statement select;
    Status status = m_impl->db.Prepare(
        "SELECT source, state FROM tracker_days WHERE day_start_ms = ?1"
        " UNION ALL SELECT source, state FROM tracker_state WHERE last_event_ms < ?1"
        " AND source NOT IN (SELECT source FROM tracker_days WHERE day_start_ms = ?1)"
        " ORDER BY source",
        &select);
    if (!status.ok()) return status;
    select.BindInt(1, day_start_ms);
    std::vector<std::pair<std::string, std::string>> out;
    while (true) {
        bool has_row = false;
        if (!select.Step(&has_row)) return Status::Error("reading tracker states failed: " + select.error());
        if (!has_row) break;
        out.emplace_back(select.ColumnText(0), select.ColumnBlob(1));
    }
    return out;
}

}  // namespace cb
