#include "server/store/wal_checkpointer.h"

#include <chrono>

namespace cb {
namespace {

// Between checkpoints. A checkpoint with nothing new to copy only reads the log's index.
constexpr auto kPause = std::chrono::milliseconds(5);

}  // namespace

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(const std::string& path) {
    if (path == ":memory:") return Status::Error("checkpoints on a second connection need a database file");
    std::unique_ptr<WalCheckpointer> checkpointer(new WalCheckpointer());
    Status status = checkpointer->m_db.Open(path);
    if (status.ok()) status = checkpointer->m_db.Exec("PRAGMA busy_timeout = 5000");
    if (status.ok()) status = checkpointer->m_db.Exec("PRAGMA synchronous = NORMAL");
    if (!status.ok()) return Status::Error(path + ": " + status.message());
    checkpointer->m_thread = std::thread([c = checkpointer.get()] { c->Run(); });
    return checkpointer;
}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(m_mu);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

std::string WalCheckpointer::error() {
    std::lock_guard lock(m_mu);
    return m_error;
}

void WalCheckpointer::Run() {
    std::unique_lock lock(m_mu);
    while (!m_stop) {
        lock.unlock();
        Status status = m_db.CheckpointPassive();
        lock.lock();
        if (!status.ok()) {
            m_error = status.message();
            return;
        }
        m_cv.wait_for(lock, kPause, [this] { return m_stop; });
    }
}

}  // namespace cb
