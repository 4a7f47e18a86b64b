// The demo live source: a Simulator and an Engine on one thread. Every tick (250 ms of wall
// time) it simulates up to start + elapsed x speed, pushes the events into the engine,
// stores them (one transaction per tick, idempotent keys), advances the engine clock and,
// when the engine's version changed, publishes a snapshot with source "demo:<scenario>".
#pragma once
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <cstdint>
#include <string>
#include <thread>
#include "core/engine.h"
#include "core/sim/simulator.h"
#include "server/live/broadcaster.h"
#include "server/live/live_source.h"
#include "server/store/store.h"

namespace cb {

struct DemoConfig {
    Scenario scenario = Scenario::NormalDay;
    uint64_t seed = 1;
    int speed = 1;                // simulated ms per wall ms
    int64_t start_ms = 0;         // simulated start (Unix ms); 0 = DemoStartMs(now)
    int tick_ms = 250;            // wall time between steps
    int32_t tz_offset_min = 480;  // the simulated center's time zone
};

class DemoSource : public LiveSource {
public:
    // store may be null (nothing is stored). Both must outlive the source.
    DemoSource(DemoConfig config, Store* store, Broadcaster* broadcaster);
    ~DemoSource() override;

    Status Start() override;
    void Stop() override;
    std::string name() const override;

    uint64_t events_stored() const { return m_events_stored.load(); }

private:
    void Run();

    DemoConfig m_config;
    Store* m_store;
    Broadcaster* m_broadcaster;
    std::unique_ptr<Simulator> m_simulator;
    std::unique_ptr<Engine> m_engine;
    int64_t m_start_ms = 0;
    std::thread m_thread;
    std::mutex m_stop_mutex;
    std::condition_variable m_stop_cv;
    bool m_stop = false;
    std::atomic<uint64_t> m_events_stored{0};
};

}  // namespace cb
