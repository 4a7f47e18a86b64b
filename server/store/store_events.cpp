// Store: the append-only raw event log.
#include <chrono>
#include "server/store/store.h"
#include "server/store/store_impl.h"

namespace cb {
namespace {

int64_t NowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void BindKeyOrNull(sql::Statement& stmt, int index, const std::string* key) {
    if (key) stmt.BindText(index, *key);
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
    Status status = impl.db.Prepare(
        "INSERT OR IGNORE INTO events (source, idem_key, t_ms, kind, call, agent, queue, reason,"
        " exit_reason, outcome, target_queue, wait_ms, ring_ms, value_cents, inserted_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        &impl.insert_event);
    if (status.ok()) status = impl.db.Prepare("SELECT COUNT(*) FROM events", &impl.count_events_all);
    if (status.ok()) {
        status = impl.db.Prepare("SELECT COUNT(*) FROM events WHERE source = ?1", &impl.count_events_source);
    }
    return status;
}

Result<int64_t> Store::AppendEvents(std::string_view source, const Directory& directory,
                                    std::span<const StoredEvent> events) {
    if (events.empty()) return int64_t{0};
    Status status = m_impl->db.Exec("BEGIN IMMEDIATE");
    if (!status.ok()) return status;
    sql::Statement& insert = m_impl->insert_event;
    const int64_t inserted_at = NowMs();
    int64_t inserted = 0;
    for (const StoredEvent& stored : events) {
        const Event& e = stored.event;
        insert.BindText(1, source);
        insert.BindText(2, stored.idem_key);
        insert.BindInt(3, e.t_ms);
        insert.BindText(4, EventKindName(e.kind));
        if (e.call != 0) insert.BindInt(5, static_cast<int64_t>(e.call));
        else insert.BindNull(5);
        BindKeyOrNull(insert, 6, AgentKey(directory, e.agent));
        BindKeyOrNull(insert, 7, QueueKey(directory, e.queue));
        if (e.reason != NotReadyReason::None) insert.BindText(8, NotReadyReasonName(e.reason));
        else insert.BindNull(8);
        if (e.exit_reason != ExitReason::None) insert.BindText(9, ExitReasonName(e.exit_reason));
        else insert.BindNull(9);
        if (e.outcome != Outcome::None) insert.BindText(10, OutcomeName(e.outcome));
        else insert.BindNull(10);
        BindKeyOrNull(insert, 11, QueueKey(directory, e.target_queue));
        if (e.wait_ms >= 0) insert.BindInt(12, e.wait_ms);
        else insert.BindNull(12);
        if (e.ring_ms >= 0) insert.BindInt(13, e.ring_ms);
        else insert.BindNull(13);
        if (e.value_cents != 0) insert.BindInt(14, e.value_cents);
        else insert.BindNull(14);
        insert.BindInt(15, inserted_at);
        status = insert.Run();
        if (!status.ok()) {
            m_impl->db.Exec("ROLLBACK");
            return Status::Error("storing events failed: " + status.message());
        }
        inserted += m_impl->db.Changes();
    }
    status = m_impl->db.Exec("COMMIT");
    if (!status.ok()) {
        m_impl->db.Exec("ROLLBACK");
        return Status::Error("storing events failed: " + status.message());
    }
    return inserted;
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
