// The demo live source: a DemoRun (core/demo_run.h: simulator + engine) on its own thread.
// Every tick (250 ms of wall time) it advances the run, stores the new events (one
// transaction per tick, idempotent keys) and, when the run's version changed, publishes a
// snapshot (source "demo:<scenario>") to the broadcaster; every rebuild_intervals_ms it counts
// the stored day into interval_counts, so reports over today show the demo's calls. A trainer's commands (POST
// /api/demo) are carried out between ticks, stored and published at once.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include "core/demo_run.h"
#include "server/live/broadcaster.h"
#include "server/live/demo_control.h"
#include "server/live/live_source.h"
#include "server/store/store.h"

namespace cb {

struct DemoSourceConfig {
    DemoConfig demo;      // scenario, seed, speed, time zone; start_ms 0 = DemoStartFor(now)
    int tick_ms = 250;    // wall time between steps
    int rebuild_intervals_ms = kIntervalRebuildMs;  // wall time between interval_counts refreshes
};

class DemoSource : public LiveSource, public DemoController {
public:
    // store may be null (nothing is stored). Both must outlive the source.
    DemoSource(DemoSourceConfig config, Store* store, Broadcaster* broadcaster);
    ~DemoSource() override;

    // Builds the run (replaying the simulated day from 08:00 up to the start time), stores the
    // directory and the morning's events, publishes the first snapshot and starts the thread.
    Status Start() override;
    void Stop() override;
    std::string name() const override;
    bool Control(const DemoCommand& command, std::string* error) override;
    DemoStatus GetStatus() override;

    int64_t start_ms() const { return m_start_ms; }
    uint64_t events_stored() const { return m_events_stored.load(); }

private:
    void Run();
    void StoreEvents(const std::vector<Event>& events);  // with m_run_mutex held
    void PublishIfChanged(bool force);                    // with m_run_mutex held
    void CountIntervals();                                // with m_run_mutex held

    DemoSourceConfig m_config;
    Store* m_store;
    Broadcaster* m_broadcaster;
    mutable std::mutex m_run_mutex;       // the run: ticks on the thread, commands from HTTP
    std::unique_ptr<DemoRun> m_run;
    int64_t m_start_ms = 0;
    uint64_t m_published_version = 0;
    uint64_t m_store_failures = 0;
    std::atomic<uint64_t> m_events_stored{0};
    std::thread m_thread;
    std::mutex m_stop_mutex;
    std::condition_variable m_stop_cv;
    bool m_stop = false;
};

}  // namespace cb
