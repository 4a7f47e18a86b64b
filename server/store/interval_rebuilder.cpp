#include "server/store/interval_rebuilder.h"

#include <chrono>

namespace cb {
namespace {

int64_t NowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

constexpr size_t kDaysPerRead = 2;  // days computed in one read transaction

}  // namespace

Result<std::unique_ptr<IntervalRebuilder>> IntervalRebuilder::Start(const std::string& path, DataKind kind,
                                                                    const DerivedConfig& config) {
    if (path == ":memory:") return Status::Error("interval rebuilds on a second connection need a database file");
    Result<std::unique_ptr<Store>> store = Store::Open(path, kind);
    if (!store.ok()) return store.status();
    store.value()->SetDerivedConfig(config);
    std::unique_ptr<IntervalRebuilder> rebuilder(new IntervalRebuilder(std::move(store.value())));
    rebuilder->m_thread = std::thread([r = rebuilder.get()] { r->Run(); });
    return rebuilder;
}

IntervalRebuilder::IntervalRebuilder(std::unique_ptr<Store> store) : m_store(std::move(store)) {}

IntervalRebuilder::~IntervalRebuilder() {
    {
        std::lock_guard lock(m_mu);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void IntervalRebuilder::Allow(int64_t before_ms) {
    {
        std::lock_guard lock(m_mu);
        if (before_ms <= m_allowed) return;
        m_allowed = before_ms;
        m_more = true;
    }
    m_cv.notify_all();
}

std::vector<IntervalDay> IntervalRebuilder::Take() {
    std::vector<IntervalDay> out;
    {
        std::lock_guard lock(m_mu);
        out.swap(m_ready);
        if (!out.empty()) m_more = true;
    }
    m_cv.notify_all();
    return out;
}

std::string IntervalRebuilder::error() {
    std::lock_guard lock(m_mu);
    return m_error;
}

void IntervalRebuilder::Run() {
    std::unique_lock lock(m_mu);
    while (true) {
        m_cv.wait(lock, [this] { return m_stop || (m_more && m_ready.size() < kMaxReady); });
        if (m_stop) return;
        const int64_t before = m_allowed;
        const std::vector<std::pair<int64_t, int64_t>> skip = m_handed;
        lock.unlock();
        Result<std::vector<IntervalDay>> days = m_store->ComputeDirtyDays(before, NowMs(), kDaysPerRead, skip);
        lock.lock();
        if (!days.ok()) {
            m_error = days.status().message();
            return;
        }
        if (days.value().empty()) {
            m_more = false;  // nothing before `before` now: wait for Allow or Take
            continue;
        }
        for (IntervalDay& day : days.value()) {
            m_handed.emplace_back(day.day_start_ms, day.generation);
            m_ready.push_back(std::move(day));
        }
    }
}

}  // namespace cb
