// Copies a database's write-ahead log into the database file on a thread and connection of its
// own while an import writes (bench/results/import.md). Checkpoints sync the log and the
// database (synchronous = NORMAL), which made the importing thread wait on the disk when it ran
// them itself (auto-checkpoint every 10,000 pages). With this running, the importer's own
// auto-checkpoint finds almost everything copied, and the log restarts from its beginning as
// before, so it stays about as large as the auto-checkpoint limit. Durability is unchanged:
// a commit is the same write to the log, a checkpoint the same copy and syncs.
#pragma once
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include "server/store/sqlite_db.h"

namespace cb {

class WalCheckpointer {
public:
    // Opens its own connection to the database file at path and starts checkpointing.
    static Result<std::unique_ptr<WalCheckpointer>> Start(const std::string& path);
    ~WalCheckpointer();  // stops the thread

    // Why the thread stopped early (empty if it did not); the importer's auto-checkpoint
    // then does all the copying, as without this.
    std::string error();

private:
    WalCheckpointer() = default;
    void Run();

    sql::Db m_db;
    std::mutex m_mu;
    std::condition_variable m_cv;
    bool m_stop = false;
    std::string m_error;
    std::thread m_thread;
};

}  // namespace cb
