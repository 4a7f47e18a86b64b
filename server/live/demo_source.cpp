#include "server/live/demo_source.h"

#include <chrono>
#include <vector>
#include "server/base/log.h"

namespace cb {

DemoSource::DemoSource(DemoSourceConfig config, Store* store, Broadcaster* broadcaster)
    : m_config(config), m_store(store), m_broadcaster(broadcaster) {}

DemoSource::~DemoSource() { Stop(); }

std::string DemoSource::name() const {
    std::lock_guard<std::mutex> lock(m_run_mutex);
    return "demo:" + std::string(ScenarioName(m_run ? m_run->status().scenario : m_config.demo.scenario));
}

Status DemoSource::Start() {
    if (m_thread.joinable()) return Status::Error("demo source already started");
    DemoConfig demo = m_config.demo;
    if (demo.start_ms == 0) demo.start_ms = DemoStartFor(WallClockMs(), demo.tz_offset_min);
    m_start_ms = demo.start_ms;
    std::lock_guard<std::mutex> lock(m_run_mutex);
    m_run = std::make_unique<DemoRun>(demo);
    if (m_store) {
        Status status = m_store->SaveDirectory(m_run->engine().directory());
        if (!status.ok()) return status;
        StoreEvents(m_run->last_events());  // the replayed morning
        CountIntervals();
    }
    PublishIfChanged(true);
    {
        std::lock_guard<std::mutex> stop_lock(m_stop_mutex);
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

void DemoSource::StoreEvents(const std::vector<Event>& events) {
    if (!m_store || events.empty()) return;
    // The same scenario, seed and day give the same events: keyed by the day's opening, a
    // restart or a jump back that replays the day stores nothing twice.
    const std::string prefix = std::to_string(m_run->opening_ms()) + ":" + std::to_string(m_config.demo.seed) + ":";
    std::vector<StoredEvent> batch;
    batch.reserve(events.size());
    for (const Event& event : events) batch.push_back(StoredEvent{prefix + std::to_string(event.id), event});
    const std::string source = "demo:" + std::string(ScenarioName(m_run->status().scenario));
    Result<int64_t> stored = m_store->AppendEvents(source, m_run->engine().directory(), batch);
    if (stored.ok()) {
        m_events_stored.fetch_add(static_cast<uint64_t>(stored.value()));
    } else if (m_store_failures++ % 100 == 0) {  // keep the dashboard live; say so, not 4x a second
        LogWarn("demo events not stored: " + stored.status().message());
    }
}

void DemoSource::CountIntervals() {
    if (!m_store) return;
    // The simulated clock closes the agents' open state spells: a demo runs ahead of the wall.
    Result<int64_t> rebuilt = m_store->RebuildIntervals(m_run->status().sim_now_ms);
    if (!rebuilt.ok()) LogWarn("demo interval counts not written: " + rebuilt.status().message());
}

void DemoSource::PublishIfChanged(bool force) {
    if (!force && m_run->version() == m_published_version) return;
    Snapshot snapshot = m_run->TakeSnapshot();
    m_published_version = snapshot.version;
    m_broadcaster->Publish(std::move(snapshot));
}

bool DemoSource::Control(const DemoCommand& command, std::string* error) {
    std::lock_guard<std::mutex> lock(m_run_mutex);
    if (!m_run) {
        *error = "the demo is not running";
        return false;
    }
    if (!m_run->Apply(command, error)) return false;
    StoreEvents(m_run->last_events());  // a jump's span, or the replayed day
    PublishIfChanged(true);
    const DemoStatus status = m_run->status();
    LogInfo("demo " + std::string(DemoActionName(command.kind)) + ": " + std::string(ScenarioName(status.scenario)) +
            ", speed " + std::to_string(status.speed) + "x" + (status.paused ? ", paused" : ""));
    return true;
}

DemoStatus DemoSource::GetStatus() {
    std::lock_guard<std::mutex> lock(m_run_mutex);
    return m_run ? m_run->status() : DemoStatus{};
}

void DemoSource::Run() {
    using Clock = std::chrono::steady_clock;
    Clock::time_point last = Clock::now();
    Clock::time_point next_tick = last + std::chrono::milliseconds(m_config.tick_ms);
    Clock::time_point next_count = last + std::chrono::milliseconds(m_config.rebuild_intervals_ms);
    while (true) {
        {
            std::unique_lock<std::mutex> lock(m_stop_mutex);
            if (m_stop_cv.wait_until(lock, next_tick, [this] { return m_stop; })) break;
        }
        const Clock::time_point now = Clock::now();
        // Whole milliseconds only; the remainder carries to the next tick so no time is lost.
        const int64_t elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - last).count();
        last += std::chrono::milliseconds(elapsed_ms);
        {
            std::lock_guard<std::mutex> lock(m_run_mutex);
            m_run->Advance(elapsed_ms);
            StoreEvents(m_run->last_events());
            if (now >= next_count) {
                next_count = now + std::chrono::milliseconds(m_config.rebuild_intervals_ms);
                CountIntervals();
            }
            PublishIfChanged(false);
        }
        next_tick += std::chrono::milliseconds(m_config.tick_ms);
        if (next_tick < now) next_tick = now;  // fell behind: do not burst
    }
}

}  // namespace cb
