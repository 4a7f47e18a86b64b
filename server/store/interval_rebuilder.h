// Computes the interval counts of days an import has moved past, on a second connection and a
// thread of its own, while the import goes on (bench/results/import.md): reading calls and
// agent states and counting them is most of a rebuild, and it needs no write lock. The
// importing thread writes what was computed between its batches (Take, then
// Store::WriteIntervalDays), and ends with Store::RebuildIntervals for the days left (the
// last ones, and any a later batch marked again).
#pragma once
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>
#include "server/store/store.h"

namespace cb {

class IntervalRebuilder {
public:
    // Opens its own connection to the database at path (a file: not ":memory:").
    static Result<std::unique_ptr<IntervalRebuilder>> Start(const std::string& path, DataKind kind,
                                                            const DerivedConfig& config);
    ~IntervalRebuilder();  // stops the thread

    // Days that start before before_ms may be computed now (the import read past them).
    void Allow(int64_t before_ms);
    // The days computed since the last call, oldest first.
    std::vector<IntervalDay> Take();
    // Why the thread stopped early (empty if it did not); the final rebuild covers its days.
    std::string error();

private:
    explicit IntervalRebuilder(std::unique_ptr<Store> store);
    void Run();

    static constexpr size_t kMaxReady = 8;  // days computed and not yet taken (memory bound)
    std::unique_ptr<Store> m_store;
    std::mutex m_mu;
    std::condition_variable m_cv;
    int64_t m_allowed = INT64_MIN;
    bool m_more = false;  // Allow moved on, or days were taken: look again
    bool m_stop = false;
    std::string m_error;
    std::vector<IntervalDay> m_ready;
    std::vector<std::pair<int64_t, int64_t>> m_handed;  // (day, generation) computed already
    std::thread m_thread;
};

}  // namespace cb
