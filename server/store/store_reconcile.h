// The legs of a range for reconciliation (core/reconcile/reconcile.h, docs/reconciliation.md):
// read from the calls table through its entry-time index, in order of entry, and counted by the
// core as Callboard, Asterisk, Asternic and Wazo count them. Like CallsQuery it opens its own
// read-only connection (WAL lets it read while the live source writes) and serialises its queries
// with a mutex, so HTTP workers and the command line may share it.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>
#include "core/reconcile/reconcile.h"
#include "server/base/status.h"
#include "server/store/sqlite_db.h"

namespace cb {

class ReconcileQuery {
public:
    ReconcileQuery();
    ~ReconcileQuery();

    // Opens the database at path (migrating it like every opener does), then reads only. Until
    // Open succeeds (and after Close) Reconcile fails with "not open". Fails with one line naming
    // the file and the reason.
    Status Open(const std::string& path);
    void Close();
    bool is_open();

    // The keys of the stored queues, in their order.
    Result<std::vector<std::string>> QueueKeys();

    // Reconciles the legs that entered in [from_ms, to_ms) (and, for the tools that count a call
    // at its end, those that entered up to kReconcileLookbackMs before and ended in it), of the
    // queues named (every queue when empty), each with its stored service-level definition.
    // Fails on an unknown queue key ("queue: 'x' is not a known queue (known: a, b)") or a
    // database error; reads only, so a failure changes nothing.
    Result<ReconReport> Reconcile(int64_t from_ms, int64_t to_ms, const std::vector<std::string>& queues);

private:
    std::mutex m_mutex;
    std::unique_ptr<sql::Db> m_db;
};

}  // namespace cb
