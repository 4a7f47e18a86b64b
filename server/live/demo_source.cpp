#include "server/live/demo_source.h"

#include <chrono>
#include <vector>
#include "server/cli/log.h"
#include "server/live/demo_clock.h"

namespace cb {

DemoSource::DemoSource(DemoConfig config, Store* store, Broadcaster* broadcaster)
    : m_config(config), m_store(store), m_broadcaster(broadcaster) {}

DemoSource::~DemoSource() { Stop(); }

std::string DemoSource::name() const { return "demo:" + std::string(ScenarioName(m_config.scenario)); }

Status DemoSource::Start() {
    if (m_thread.joinable()) return Status::Error("demo source already started");
    m_start_ms = m_config.start_ms != 0 ? m_config.start_ms : DemoStartMs(WallClockMs(), m_config.tz_offset_min);
    SimConfig sim;
    sim.scenario = m_config.scenario;
    sim.seed = m_config.seed;
    sim.start_ms = m_start_ms;
    sim.tz_offset_min = m_config.tz_offset_min;
    m_simulator = std::make_unique<Simulator>(sim);
    EngineConfig engine;
    engine.tz_offset_min = m_config.tz_offset_min;
    m_engine = std::make_unique<Engine>(m_simulator->directory(), engine);
    if (m_store) {
        Status status = m_store->SaveDirectory(m_simulator->directory());
        if (!status.ok()) return status;
    }
    {
        std::lock_guard<std::mutex> lock(m_stop_mutex);
        m_stop = false;
    }
    m_thread = std::thread([this] { Run(); });
    return Status::Ok();
}

void DemoSource::Stop() {
    {
        std::lock_guard<std::mutex> lock(m_stop_mutex);
        m_stop = true;
    }
    m_stop_cv.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void DemoSource::Run() {
    using Clock = std::chrono::steady_clock;
    const std::string source = name();
    const std::string key_prefix = std::to_string(m_start_ms) + ":" + std::to_string(m_config.seed) + ":";
    const Clock::time_point wall_start = Clock::now();
    std::vector<Event> events;
    std::vector<StoredEvent> batch;
    bool published_once = false;
    uint64_t published_version = 0;
    uint64_t store_failures = 0;
    Clock::time_point next_tick = wall_start;

    while (true) {
        const int64_t elapsed_ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - wall_start).count();
        const int64_t sim_now = DemoSimTime(m_start_ms, elapsed_ms, m_config.speed);
        events.clear();
        m_simulator->RunUntil(sim_now, &events);
        batch.clear();
        for (const Event& event : events) {
            m_engine->Push(event);
            if (m_store) batch.push_back(StoredEvent{key_prefix + std::to_string(event.id), event});
        }
        m_engine->AdvanceTo(sim_now);
        if (m_store && !batch.empty()) {
            Result<int64_t> stored = m_store->AppendEvents(source, m_engine->directory(), batch);
            if (stored.ok()) {
                m_events_stored.fetch_add(static_cast<uint64_t>(stored.value()));
            } else if (store_failures++ % 100 == 0) {  // keep running live; say so, not 4x a second
                LogWarn("demo events not stored: " + stored.status().message());
            }
        }
        if (!published_once || m_engine->version() != published_version) {
            Snapshot snapshot = m_engine->TakeSnapshot();
            snapshot.source = source;
            published_version = snapshot.version;
            published_once = true;
            m_broadcaster->Publish(std::move(snapshot));
        }

        next_tick += std::chrono::milliseconds(m_config.tick_ms);
        if (next_tick < Clock::now()) next_tick = Clock::now();  // fell behind: do not burst
        std::unique_lock<std::mutex> lock(m_stop_mutex);
        if (m_stop_cv.wait_until(lock, next_tick, [this] { return m_stop; })) break;
    }
}

}  // namespace cb
