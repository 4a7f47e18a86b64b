// Workforce-management data on SQLite (docs/wfm.md): what forecasts read - the queues with their
// service-level definitions and their interval history (interval_counts, scope queue) - and the
// special days they take into account (table wfm_special_days, schema v11), each change stored
// with its audit line in one transaction. Like the other query stores it opens its own connection
// to the database file (WAL lets it read while the live source writes) and serialises its
// statements with a mutex, so HTTP workers and the command line may share it.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "core/wfm/plan.h"
#include "server/auth/account_store.h"
#include "server/base/status.h"
#include "server/store/sqlite_db.h"

namespace cb {

struct WfmQueue {
    std::string key;
    std::string name_en, name_zh;
    double sl_target = 0.8;   // fraction answered within the threshold
    int sl_threshold_s = 20;
};

class WfmStore {
public:
    WfmStore();
    ~WfmStore();

    // Opens the database at path (migrating it like every opener does). read_only: reads only
    // (the command line's forecast), and special days cannot be changed. Fails with one line
    // naming the file and the reason. Until Open succeeds (and after Close) every call fails with
    // "not open".
    Status Open(const std::string& path, bool read_only = false);
    void Close();
    bool is_open();

    // The stored queues, in directory order.
    Result<std::vector<WfmQueue>> Queues();

    // Calls fn for every stored queue interval starting in [from_ms, to_ms), in time order, with
    // the queue's key, the interval's start and length (minutes) and its counts. One read
    // transaction: the history is of one moment.
    using IntervalFn = std::function<void(std::string_view queue, int64_t start_ms, int minutes,
                                          const wfm::IntervalHistory& counts)>;
    Status ForEachQueueInterval(int64_t from_ms, int64_t to_ms, const IntervalFn& fn);

    // The special days dated from..to (inclusive, YYYY-MM-DD; empty: unbounded), by date then queue.
    Result<std::vector<wfm::SpecialDay>> SpecialDays(const std::string& from, const std::string& to);
    // The special day of (date, queue), if stored.
    Result<std::optional<wfm::SpecialDay>> SpecialDay(const std::string& date, const std::string& queue);
    // Stores the special day (replacing the one of its date and queue) and appends `audit`, in one
    // transaction.
    Status PutSpecialDay(const wfm::SpecialDay& day, const AuditEntry& audit);
    // Removes the special day of (date, queue) and appends `audit`, in one transaction; false when
    // there was none (nothing is written then).
    Result<bool> DeleteSpecialDay(const std::string& date, const std::string& queue, const AuditEntry& audit);

private:
    Status InTransaction(const std::function<Status()>& body);

    std::mutex m_mutex;
    std::unique_ptr<sql::Db> m_db;
    bool m_read_only = false;
};

}  // namespace cb
