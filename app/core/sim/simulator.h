// A realistic simulated contact center for demos and training: emits the same events real
// phone systems feed (events.h). Seeded and reproducible; runs in the server, the desktop app
// and the browser. No I/O, no clock reads: the caller drives time with RunUntil.
#pragma once
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>
#include "core/directory.h"
#include "core/events.h"
#include "core/wfm/schedule.h"

namespace cb {

enum class Scenario : uint8_t {
    NormalDay,        // an ordinary weekday
    MondayPeak,       // Monday-morning surge
    SystemOutage,     // back-end outage: surge of calls, long handle times
    NewHireTeam,      // one team is mostly new hires: slower, more transfers
    UnderstaffedLunch,// too many agents at lunch at once
    kCount
};
std::string_view ScenarioName(Scenario s);             // "normal", "monday_peak", "outage", "new_hires", "lunch_gap"
bool ParseScenario(std::string_view name, Scenario* out);

struct SimConfig {
    Scenario scenario = Scenario::NormalDay;
    uint64_t seed = 1;
    int64_t start_ms = 0;        // simulated start time (UTC ms), e.g. today 08:00 center time;
                                 // 0 = 2026-01-05 (a Monday) 08:00 center time, for reproducible runs
    int32_t tz_offset_min = 480; // the simulated center is in China (UTC+8)
    // Size of the center (optional; added for benchmarks). Teams get agents_per_team - 1,
    // agents_per_team, agents_per_team + 1 agents in turn (default: 12, 13, 14 = 39 agents);
    // arrivals scale with the staff. Clamped to 1-999 teams and 4-60 per team.
    int teams = 3;
    int agents_per_team = 13;
};

class Simulator {
public:
    explicit Simulator(SimConfig config);
    ~Simulator();
    Simulator(Simulator&&) noexcept;
    Simulator& operator=(Simulator&&) noexcept;

    const Directory& directory() const;  // queues, teams, agents of the simulated center
    // Simulates up to t_ms (simulated time) and appends the events that happened, in time order.
    void RunUntil(int64_t t_ms, std::vector<Event>* out);
    int64_t now_ms() const;
    // The published schedule of the local day holding t_ms: what the simulated agents are
    // scheduled to do that day (shifts, breaks, lunches, training, meetings), by agent key.
    wfm::Schedule ScheduleOn(int64_t t_ms) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace cb
