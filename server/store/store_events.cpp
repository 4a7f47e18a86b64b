// Store: the append-only raw event log.
#include <algorithm>
#include <chrono>
#include <unordered_map>
#include <vector>
#include "server/base/event_names.h"
#include "server/store/store.h"
#include "server/store/store_calls_query.h"
#include "server/store/store_impl.h"

namespace cb {
namespace {

constexpr int kEventColumns = 15;
constexpr size_t kEventsPerInsert = 32;  // rows per multi-row INSERT (fewer statement runs)

int64_t NowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void BindKeyOrNull(sql::Statement& stmt, int index, const std::string* key) {
    if (key) stmt.BindTextNoCopy(index, *key);
    else stmt.BindNull(index);
}

const std::string* QueueKey(const Directory& d, uint16_t queue) {
    return queue < d.queues.size() ? &d.queues[queue].key : nullptr;
}

const std::string* AgentKey(const Directory& d, uint32_t agent) {
    return agent < d.agents.size() ? &d.agents[agent].key : nullptr;
}

}  // namespace

Status PrepareEventStatements(Store::Impl& impl) {
    const auto insert_sql = [](size_t rows) {
        std::string sql =
            "INSERT OR IGNORE INTO events (source, idem_key, t_ms, kind, call, agent, queue, reason,"
            " exit_reason, outcome, target_queue, wait_ms, ring_ms, value_cents, inserted_at) VALUES ";
        for (size_t r = 0; r < rows; ++r) sql += r ? ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        return sql;
    };
    Status status = impl.db.Prepare(insert_sql(1), &impl.insert_event);
    if (status.ok()) status = impl.db.Prepare(insert_sql(kEventsPerInsert), &impl.insert_events_many);
    if (status.ok()) status = impl.db.Prepare("SELECT MAX(id) FROM events", &impl.max_event_id);
    if (status.ok()) {
        status = impl.db.Prepare("SELECT id, idem_key FROM events WHERE id > ?1 ORDER BY id", &impl.event_keys_after);
    }
    if (status.ok()) status = impl.db.Prepare("SELECT COUNT(*) FROM events", &impl.count_events_all);
    if (status.ok()) {
        status = impl.db.Prepare("SELECT COUNT(*) FROM events WHERE source = ?1", &impl.count_events_source);
    }
    if (status.ok()) {
        status = impl.db.Prepare(
            "INSERT INTO ingest_files (path, identity, offset, lines, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)"
            " ON CONFLICT (path) DO UPDATE SET identity = excluded.identity, offset = excluded.offset,"
            " lines = excluded.lines, updated_at = excluded.updated_at",
            &impl.put_progress);
    }
    if (status.ok()) {
        status = impl.db.Prepare("SELECT identity, offset, lines FROM ingest_files WHERE path = ?1", &impl.get_progress);
    }
    if (status.ok()) {
        status = impl.db.Prepare("INSERT OR IGNORE INTO callers (source, call, number) VALUES (?1, ?2, ?3)",
                                 &impl.put_caller);
    }
    return status;
}

Result<int64_t> Store::AppendEvents(std::string_view source, const Directory& directory,
                                    std::span<const StoredEvent> events) {
    Result<AppendSummary> summary = Append(source, directory, events, nullptr);
    if (!summary.ok()) return summary.status();
    return summary.value().inserted;
}

namespace {

// Binds one event at parameters at+1..at+15 (the column order of the insert statements).
void BindEvent(sql::Statement& insert, int at, std::string_view source, const Directory& directory,
               const StoredEvent& stored, int64_t inserted_at) {
    const Event& e = stored.event;
    insert.BindTextNoCopy(at + 1, source);
    insert.BindTextNoCopy(at + 2, stored.idem_key);
    insert.BindInt(at + 3, e.t_ms);
    insert.BindTextNoCopy(at + 4, EventKindName(e.kind));
    if (e.call != 0) insert.BindInt(at + 5, static_cast<int64_t>(e.call));
    else insert.BindNull(at + 5);
    BindKeyOrNull(insert, at + 6, AgentKey(directory, e.agent));
    BindKeyOrNull(insert, at + 7, QueueKey(directory, e.queue));
    if (e.reason != NotReadyReason::None) insert.BindTextNoCopy(at + 8, NotReadyReasonName(e.reason));
    else insert.BindNull(at + 8);
    if (e.exit_reason != ExitReason::None) insert.BindTextNoCopy(at + 9, ExitReasonName(e.exit_reason));
    else insert.BindNull(at + 9);
    if (e.outcome != Outcome::None) insert.BindTextNoCopy(at + 10, OutcomeName(e.outcome));
    else insert.BindNull(at + 10);
    BindKeyOrNull(insert, at + 11, QueueKey(directory, e.target_queue));
    if (e.wait_ms >= 0) insert.BindInt(at + 12, e.wait_ms);
    else insert.BindNull(at + 12);
    if (e.ring_ms >= 0) insert.BindInt(at + 13, e.ring_ms);
    else insert.BindNull(at + 13);
    if (e.value_cents != 0) insert.BindInt(at + 14, e.value_cents);
    else insert.BindNull(at + 14);
    insert.BindInt(at + 15, inserted_at);
}

// Inserts the events (INSERT OR IGNORE) and sets row_id[i] for those stored now (0 for the
// others). Rows go in kEventsPerInsert at a time; new rows take the row ids after the largest,
// so when a statement stores fewer rows than it was given, the rows after the id it started
// from name the fresh ones.
Status InsertEvents(Store::Impl& impl, std::string_view source, const Directory& directory,
                    std::span<const StoredEvent> events, std::vector<int64_t>* row_id) {
    const int64_t inserted_at = NowMs();
    row_id->assign(events.size(), 0);
    bool has_row = false;
    if (!impl.max_event_id.Step(&has_row)) {
        Status error = Status::Error(impl.max_event_id.error());
        impl.max_event_id.Reset();
        return error;
    }
    int64_t last_id = has_row ? impl.max_event_id.ColumnInt(0) : 0;
    impl.max_event_id.Reset();
    for (size_t i = 0; i < events.size();) {
        const size_t n = events.size() - i >= kEventsPerInsert ? kEventsPerInsert : 1;
        sql::Statement& insert = n == 1 ? impl.insert_event : impl.insert_events_many;
        for (size_t k = 0; k < n; ++k) {
            BindEvent(insert, static_cast<int>(k) * kEventColumns, source, directory, events[i + k], inserted_at);
        }
        if (Status status = insert.Run(); !status.ok()) return status;
        const int64_t changes = impl.db.Changes();
        if (changes == static_cast<int64_t>(n)) {
            for (size_t k = 0; k < n; ++k) (*row_id)[i + k] = last_id + 1 + static_cast<int64_t>(k);
        } else if (changes > 0) {
            sql::Statement& keys = impl.event_keys_after;
            keys.BindInt(1, last_id);
            while (true) {
                if (!keys.Step(&has_row)) {
                    Status error = Status::Error(keys.error());
                    keys.Reset();
                    return error;
                }
                if (!has_row) break;
                const int64_t id = keys.ColumnInt(0);
                const std::string key = keys.ColumnText(1);
                for (size_t k = 0; k < n; ++k) {  // the first row with the key was stored
                    if (events[i + k].idem_key == key && (*row_id)[i + k] == 0) {
                        (*row_id)[i + k] = id;
                        break;
                    }
                }
            }
            keys.Reset();
        }
        last_id += changes;
        i += n;
    }
    return Status::Ok();
}

}  // namespace

Status MarkDays(Store::Impl& impl, std::vector<int64_t>* days) {
    std::sort(days->begin(), days->end());
    days->erase(std::unique(days->begin(), days->end()), days->end());
    for (int64_t day : *days) {
        impl.mark_day.BindInt(1, day);
        if (Status status = impl.mark_day.Run(); !status.ok()) return status;
    }
    return Status::Ok();
}

namespace {

Status InsertBatch(Store::Impl& impl, std::string_view source, const Directory& directory,
                   std::span<const StoredEvent> events, AppendSummary* summary) {
    std::vector<int64_t> row_id;
    if (Status status = InsertEvents(impl, source, directory, events, &row_id); !status.ok()) return status;
    std::vector<uint32_t> fresh;  // indices of the events inserted now
    fresh.reserve(events.size());
    std::vector<int64_t> days;
    for (size_t i = 0; i < events.size(); ++i) {
        if (row_id[i] != 0) {
            fresh.push_back(static_cast<uint32_t>(i));
            summary->fresh_ids.push_back(static_cast<uint64_t>(row_id[i]));
            const int64_t day = DerivedDayStart(impl.derived, events[i].event.t_ms);
            if (days.empty() || days.back() != day) days.push_back(day);
            // A caller's number is a raw fact of the call (never in the events table).
            const StoredEvent& stored = events[i];
            if (stored.event.kind == EventKind::CallOffered && stored.event.call != 0 &&
                IsCallerNumber(stored.caller_number)) {
                impl.put_caller.BindTextNoCopy(1, source);
                impl.put_caller.BindInt(2, static_cast<int64_t>(stored.event.call));
                impl.put_caller.BindTextNoCopy(3, stored.caller_number);
                if (Status status = impl.put_caller.Run(); !status.ok()) return status;
            }
        } else {
            ++summary->duplicates;
        }
    }
    summary->inserted = static_cast<int64_t>(fresh.size());
    summary->fresh = fresh;
    // Derived rows follow event time, not arrival order within the batch.
    std::stable_sort(fresh.begin(), fresh.end(),
                     [&](uint32_t a, uint32_t b) { return events[a].event.t_ms < events[b].event.t_ms; });
    if (Status status = ApplyDerived(impl, source, directory, events, fresh, row_id, &days); !status.ok()) return status;
    return MarkDays(impl, &days);
}

}  // namespace

Result<AppendSummary> Store::Append(std::string_view source, const Directory& directory,
                                    std::span<const StoredEvent> events, const FileProgress* progress) {
    AppendSummary summary;
    if (events.empty() && !progress) return summary;
    if (m_impl->rederive_pending) {
        if (Status status = RederiveIfNeeded(directory); !status.ok()) return status;
    }
    Status status = m_impl->db.Exec("BEGIN IMMEDIATE");
    if (!status.ok()) return Status::Error("storing events failed: " + status.message());
    status = InsertBatch(*m_impl, source, directory, events, &summary);
    if (status.ok() && progress) {
        sql::Statement& put = m_impl->put_progress;
        put.BindText(1, progress->path);
        put.BindText(2, progress->identity);
        put.BindInt(3, progress->offset);
        put.BindInt(4, progress->lines);
        put.BindInt(5, NowMs());
        status = put.Run();
    }
    if (status.ok()) status = m_impl->db.Exec("COMMIT");
    if (!status.ok()) {
        m_impl->db.Exec("ROLLBACK");
        return Status::Error("storing events failed: " + status.message());
    }
    return summary;
}

Result<FileProgress> Store::GetFileProgress(const std::string& path) {
    sql::Statement& get = m_impl->get_progress;
    get.BindText(1, path);
    bool has_row = false;
    FileProgress progress;
    progress.path = path;
    if (!get.Step(&has_row)) {
        Status error = Status::Error(get.error());
        get.Reset();
        return error;
    }
    if (has_row) {
        progress.identity = get.ColumnText(0);
        progress.offset = get.ColumnInt(1);
        progress.lines = get.ColumnInt(2);
    }
    get.Reset();
    return progress;
}

EventRowReader::EventRowReader(const Directory& directory) {
    for (uint32_t i = 0; i < directory.agents.size(); ++i) m_agents.emplace(directory.agents[i].key, i);
    for (uint16_t i = 0; i < directory.queues.size(); ++i) m_queues.emplace(directory.queues[i].key, i);
}

uint16_t EventRowReader::Queue(const sql::Statement& s, int column) const {
    if (s.ColumnIsNull(column)) return kNoQueue;
    auto it = m_queues.find(s.ColumnText(column));
    return it == m_queues.end() ? kNoQueue : it->second;
}

bool EventRowReader::Read(const sql::Statement& s, Event* out) const {
    Event e;
    e.id = static_cast<uint64_t>(s.ColumnInt(0));
    e.t_ms = s.ColumnInt(1);
    if (!ParseEventKind(s.ColumnText(2), &e.kind)) return false;
    e.call = s.ColumnIsNull(3) ? 0 : static_cast<uint64_t>(s.ColumnInt(3));
    if (!s.ColumnIsNull(4)) {
        auto it = m_agents.find(s.ColumnText(4));
        if (it != m_agents.end()) e.agent = it->second;
    }
    e.queue = Queue(s, 5);
    if (!s.ColumnIsNull(6)) ParseNotReadyReason(s.ColumnText(6), &e.reason);
    if (!s.ColumnIsNull(7)) ParseExitReason(s.ColumnText(7), &e.exit_reason);
    if (!s.ColumnIsNull(8)) ParseOutcome(s.ColumnText(8), &e.outcome);
    e.target_queue = Queue(s, 9);
    e.wait_ms = s.ColumnIsNull(10) ? -1 : s.ColumnInt(10);
    e.ring_ms = s.ColumnIsNull(11) ? -1 : s.ColumnInt(11);
    e.value_cents = s.ColumnIsNull(12) ? 0 : s.ColumnInt(12);
    *out = e;
    return true;
}

Status Store::ForEachEvent(std::string_view source, const Directory& directory, int64_t from_ms, int64_t to_ms,
                           const std::function<void(const Event&)>& fn) {
    const EventRowReader reader(directory);
    sql::Statement select;
    Status status = m_impl->db.Prepare(std::string("SELECT ") + EventRowReader::kColumns +
                                           " FROM events WHERE (?1 = '' OR source = ?1) AND t_ms >= ?2 AND t_ms < ?3"
                                           " ORDER BY t_ms, id",
                                       &select);
    if (!status.ok()) return status;
    select.BindText(1, source);
    select.BindInt(2, from_ms);
    select.BindInt(3, to_ms);
    while (true) {
        bool has_row = false;
        if (!select.Step(&has_row)) return Status::Error("reading events failed: " + select.error());
        if (!has_row) break;
        Event e;
        if (reader.Read(select, &e)) fn(e);
    }
    return Status::Ok();
}

Result<int64_t> Store::CountEvents(std::string_view source) {
    sql::Statement& count = source.empty() ? m_impl->count_events_all : m_impl->count_events_source;
    if (!source.empty()) count.BindText(1, source);
    bool has_row = false;
    const bool ok = count.Step(&has_row);
    const int64_t n = ok && has_row ? count.ColumnInt(0) : 0;
    Status error = ok ? Status::Ok() : Status::Error(count.error());
    count.Reset();
    if (!error.ok()) return error;
    return n;
}

}  // namespace cb
