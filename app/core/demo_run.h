// A running demo center: the simulator feeding the engine at a chosen speed. The one piece the
// server, the desktop app and the browser's offline demo all use to "play" a scenario.
// No clock reads: the caller says how much wall time passed.
#pragma once
#include <cstdint>
#include <vector>
#include "engine.h"
#include "sim/simulator.h"

namespace cb {

struct DemoConfig {
    Scenario scenario = Scenario::NormalDay;
    uint64_t seed = 1;
    int speed = 1;                 // simulated seconds per wall second, 1..60
    int32_t tz_offset_min = 480;   // the demo center is in UTC+8
    int interval_minutes = 15;
    // Simulated "now" at start (UTC ms); the day is replayed from 08:00 local up to it.
    // 0 = the simulator's fixed reference day (reproducible tests). See DemoStartFor.
    int64_t start_ms = 0;
};

// A simulated start time for a demo opened at wall time `wall_now_ms`: the same local time of
// day when the center is open (08:00-20:00 local), else 09:30 local, so a demo is never empty.
int64_t DemoStartFor(int64_t wall_now_ms, int32_t tz_offset_min);

class DemoRun {
public:
    explicit DemoRun(const DemoConfig& config);

    // Advances simulated time by wall_elapsed_ms x speed and applies the events.
    void Advance(int64_t wall_elapsed_ms);
    void SetSpeed(int speed);      // clamped to 1..60
    int speed() const { return m_speed; }
    Snapshot TakeSnapshot() const;  // source = "demo:<scenario>"
    const Engine& engine() const { return m_engine; }
    uint64_t version() const { return m_engine.version(); }
    // Events produced by the last Advance (for storing them); cleared on the next Advance.
    const std::vector<Event>& last_events() const { return m_events; }

private:
    Simulator m_sim;
    Engine m_engine;
    Scenario m_scenario;
    int m_speed;
    int64_t m_sim_now_ms;
    std::vector<Event> m_events;
};

}  // namespace cb
