// DemoRun: the simulator driving the engine (demo_run.h).
#include "demo_run.h"

#include <algorithm>
#include <string>

namespace cb {
namespace {

constexpr int64_t kDayMs = 86400000;
constexpr int64_t kHourMs = 3600000;

// The simulated center opens at 08:00 local on the day of start_ms; the demo replays the
// day from there so "today" already has a morning behind it.
int64_t OpeningOf(int64_t t_ms, int32_t tz_offset_min) {
    const int64_t offset_ms = static_cast<int64_t>(tz_offset_min) * 60000;
    const int64_t local = t_ms + offset_ms;
    const int64_t local_midnight = local - ((local % kDayMs) + kDayMs) % kDayMs;
    return local_midnight + 8 * kHourMs - offset_ms;
}

SimConfig MakeSimConfig(const DemoConfig& c) {
    SimConfig s;
    s.scenario = c.scenario;
    s.seed = c.seed;
    s.start_ms = c.start_ms ? std::min(c.start_ms, OpeningOf(c.start_ms, c.tz_offset_min)) : 0;
    s.tz_offset_min = c.tz_offset_min;
    return s;
}

EngineConfig MakeEngineConfig(const DemoConfig& c) {
    EngineConfig e;
    e.interval_minutes = c.interval_minutes;
    e.tz_offset_min = c.tz_offset_min;
    e.reorder_window_ms = 0;  // the simulator emits events in time order
    return e;
}

}  // namespace

int64_t DemoStartFor(int64_t wall_now_ms, int32_t tz_offset_min) {
    const int64_t offset_ms = static_cast<int64_t>(tz_offset_min) * 60000;
    const int64_t local = wall_now_ms + offset_ms;
    const int64_t local_midnight = local - ((local % kDayMs) + kDayMs) % kDayMs;
    const int64_t time_of_day = local - local_midnight;
    int64_t start_local = local;
    if (time_of_day < 8 * kHourMs || time_of_day >= 20 * kHourMs)
        start_local = local_midnight + 9 * kHourMs + 30 * 60000;
    return start_local - offset_ms;
}

DemoRun::DemoRun(const DemoConfig& config)
    : m_sim(MakeSimConfig(config)),
      m_engine(m_sim.directory(), MakeEngineConfig(config)),
      m_scenario(config.scenario),
      m_speed(std::clamp(config.speed, 1, 60)),
      m_sim_now_ms(config.start_ms ? config.start_ms : m_sim.now_ms()) {
    m_sim.RunUntil(m_sim_now_ms, &m_events);
    for (const Event& e : m_events) m_engine.Push(e);
    m_engine.AdvanceTo(m_sim_now_ms);
}

void DemoRun::Advance(int64_t wall_elapsed_ms) {
    m_events.clear();
    if (wall_elapsed_ms <= 0) return;
    m_sim_now_ms += wall_elapsed_ms * m_speed;
    m_sim.RunUntil(m_sim_now_ms, &m_events);
    for (const Event& e : m_events) m_engine.Push(e);
    m_engine.AdvanceTo(m_sim_now_ms);
}

void DemoRun::SetSpeed(int speed) { m_speed = std::clamp(speed, 1, 60); }

Snapshot DemoRun::TakeSnapshot() const {
    Snapshot s = m_engine.TakeSnapshot();
    s.source = "demo:" + std::string(ScenarioName(m_scenario));
    return s;
}

}  // namespace cb
