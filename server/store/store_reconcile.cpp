// Reading the legs of a range for reconciliation (store_reconcile.h).
#include "server/store/store_reconcile.h"

#include <algorithm>
#include <unordered_map>
#include "server/base/event_names.h"
#include "server/store/migrations.h"

namespace cb {

namespace {

struct StoredQueue {
    std::string key;
    ServiceLevelDef sl;
};

Result<std::vector<StoredQueue>> ReadQueues(sql::Db& db) {
    sql::Statement select;
    Status status = db.Prepare(
        "SELECT key, sl_variant, sl_threshold_s, sl_target, short_abandon_s FROM queues ORDER BY id", &select);
    if (!status.ok()) return Status::Error("reading queues failed: " + status.message());
    std::vector<StoredQueue> queues;
    while (true) {
        bool has_row = false;
        if (!select.Step(&has_row)) return Status::Error("reading queues failed: " + select.error());
        if (!has_row) break;
        StoredQueue q;
        q.key = select.ColumnText(0);
        ParseSlVariant(select.ColumnView(1), &q.sl.variant);
        q.sl.threshold_s = static_cast<int>(select.ColumnInt(2));
        q.sl.target = select.ColumnDouble(3);
        q.sl.short_abandon_s = static_cast<int>(select.ColumnInt(4));
        queues.push_back(std::move(q));
    }
    return queues;
}

std::string KnownList(const std::vector<StoredQueue>& queues) {
    std::string list;
    for (const StoredQueue& q : queues) list += (list.empty() ? "" : ", ") + q.key;
    return list.empty() ? "none stored yet" : list;
}

}  // namespace

ReconcileQuery::ReconcileQuery() = default;
ReconcileQuery::~ReconcileQuery() = default;

Status ReconcileQuery::Open(const std::string& path) {
    const auto fail = [&path](const std::string& why) { return Status::Error("database '" + path + "': " + why); };
    auto db = std::make_unique<sql::Db>();
    Status status = db->Open(path);
    if (!status.ok()) return fail("cannot open or create it (" + status.message() + ")");
    status = db->Exec("PRAGMA busy_timeout = 5000");
    if (!status.ok()) return fail(status.message());
    int version = 0;
    status = Migrate(*db, &version);
    if (!status.ok()) return fail(status.message());
    status = db->Exec("PRAGMA query_only = ON");
    if (!status.ok()) return fail(status.message());
    std::lock_guard<std::mutex> lock(m_mutex);
    m_db = std::move(db);
    return Status::Ok();
}

void ReconcileQuery::Close() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_db.reset();
}

bool ReconcileQuery::is_open() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_db != nullptr;
}

Result<std::vector<std::string>> ReconcileQuery::QueueKeys() {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_db) return Status::Error("the reconciliation store is not open");
    Result<std::vector<StoredQueue>> queues = ReadQueues(*m_db);
    if (!queues.ok()) return queues.status();
    std::vector<std::string> keys;
    for (const StoredQueue& q : queues.value()) keys.push_back(q.key);
    return keys;
}

Result<ReconReport> ReconcileQuery::Reconcile(int64_t from_ms, int64_t to_ms, const std::vector<std::string>& wanted) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_db) return Status::Error("the reconciliation store is not open");
    // One read transaction: the queues and the legs are of the same moment.
    Status status = m_db->Exec("BEGIN");
    if (!status.ok()) return Status::Error("reading calls failed: " + status.message());
    struct EndRead {
        sql::Db* db;
        ~EndRead() { db->Exec("COMMIT"); }
    } end_read{m_db.get()};

    Result<std::vector<StoredQueue>> queues = ReadQueues(*m_db);
    if (!queues.ok()) return queues.status();
    std::unordered_map<std::string, uint16_t> index;
    std::vector<ServiceLevelDef> sls;
    for (const StoredQueue& q : queues.value()) {
        index.emplace(q.key, static_cast<uint16_t>(sls.size()));
        sls.push_back(q.sl);
    }
    for (const std::string& key : wanted) {
        if (!index.count(key))
            return Status::Error("queue: '" + key + "' is not a known queue (known: " + KnownList(queues.value()) + ")");
    }

    // In order of entry, through calls_by_entry. A leg's end was written by its source unless
    // Callboard closed it: the queue_log mapper marks such ends with the exit reason `other`
    // (no queue_log line ends a call with it), and ends made at the end of an import have
    // idempotency keys starting with "qlfin:" (docs/reconciliation.md, "Calls with no end line").
    std::string sql =
        "SELECT c.source, c.call, c.entered_ms, c.queue, c.answered_ms, c.ended_ms, c.wait_ms, c.talk_ms,"
        " c.hold_ms, c.wrap_ms, c.ring_noanswer, c.end_kind, c.exit_reason,"
        " c.source = 'queue_log' AND c.end_kind IS NOT NULL AND EXISTS (SELECT 1 FROM events e"
        "  WHERE e.t_ms = c.ended_ms AND e.source = c.source AND e.call = c.call"
        "  AND e.kind IN ('call_completed', 'call_exited', 'call_abandoned')"
        "  AND (e.exit_reason = 'other' OR e.idem_key LIKE 'qlfin:%'))"
        " FROM calls c INDEXED BY calls_by_entry WHERE c.entered_ms >= ?1 AND c.entered_ms < ?2";
    if (!wanted.empty()) {
        sql += " AND c.queue IN (";
        for (size_t i = 0; i < wanted.size(); ++i) sql += (i ? ", ?" : "?") + std::to_string(3 + i);
        sql += ")";
    }
    sql += " ORDER BY c.entered_ms";
    sql::Statement select;
    status = m_db->Prepare(sql, &select);
    if (!status.ok()) return Status::Error("reading calls failed: " + status.message());
    select.BindInt(1, from_ms - kReconcileLookbackMs);
    select.BindInt(2, to_ms);
    for (size_t i = 0; i < wanted.size(); ++i) select.BindText(static_cast<int>(3 + i), wanted[i]);

    Reconciler reconciler(std::move(sls), from_ms, to_ms);
    std::unordered_map<std::string, uint32_t> sources;
    const auto nullable = [&select](int column) { return select.ColumnIsNull(column) ? int64_t{-1} : select.ColumnInt(column); };
    while (true) {
        bool has_row = false;
        if (!select.Step(&has_row)) return Status::Error("reading calls failed: " + select.error());
        if (!has_row) break;
        ReconLeg r;
        r.source = sources.emplace(select.ColumnText(0), static_cast<uint32_t>(sources.size())).first->second;
        CallLeg& leg = r.leg;
        leg.call = static_cast<uint64_t>(select.ColumnInt(1));
        leg.home_ms = select.ColumnInt(2);
        if (!select.ColumnIsNull(3)) {
            auto it = index.find(select.ColumnText(3));
            if (it != index.end()) leg.queue = it->second;
        }
        leg.answered_ms = nullable(4);
        leg.ended_ms = nullable(5);
        leg.wait_ms = nullable(6);
        leg.talk_ms = std::max<int64_t>(0, nullable(7));
        leg.hold_ms = select.ColumnInt(8);
        leg.wrap_ms = nullable(9);
        leg.ring_noanswer = static_cast<int32_t>(select.ColumnInt(10));
        if (!select.ColumnIsNull(11)) ParseLegEnd(select.ColumnView(11), &leg.end);
        if (!select.ColumnIsNull(12)) ParseExitReason(select.ColumnView(12), &leg.exit_reason);
        r.end_line = select.ColumnInt(13) == 0;
        reconciler.Add(r);
    }
    return reconciler.Finish();
}

}  // namespace cb
