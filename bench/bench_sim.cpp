// Simulator benchmark: how long one simulated day takes for the demo center (39 agents) and
// for a large one (154 teams, about 2,000 agents), in one RunUntil call and in the 100 ms steps
// a live demo uses. Results: bench/results/sim.md.
#include <chrono>
#include <cstdio>
#include <vector>
#include "core/sim/simulator.h"

namespace {

double RunDay(int teams, int64_t step_ms, size_t* events_out, size_t* agents_out) {
    cb::SimConfig config;
    config.teams = teams;
    cb::Simulator sim(config);
    *agents_out = sim.directory().agents.size();
    std::vector<cb::Event> events;
    events.reserve(1 << 20);
    const int64_t end = sim.now_ms() + 12 * 3600 * 1000LL;  // 08:00 to 20:00
    const auto t0 = std::chrono::steady_clock::now();
    size_t total = 0;
    for (int64_t t = sim.now_ms(); t < end;) {
        t = step_ms ? std::min(end, t + step_ms) : end;
        sim.RunUntil(t, &events);
        total += events.size();
        events.clear();
    }
    *events_out = total;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main() {
    struct Case { const char* name; int teams; int64_t step_ms; };
    const Case cases[] = {{"demo center, one call", 3, 0}, {"demo center, 100 ms steps", 3, 100},
                          {"2,000 agents, one call", 154, 0}, {"2,000 agents, 100 ms steps", 154, 100}};
    for (const Case& c : cases) {
        double best = 1e9;
        size_t events = 0, agents = 0;
        for (int run = 0; run < 3; ++run) best = std::min(best, RunDay(c.teams, c.step_ms, &events, &agents));
        std::printf("%-28s %5zu agents  %8zu events  %7.3f s  (%.2f M events/s, best of 3)\n", c.name, agents, events,
                    best, double(events) / best / 1e6);
    }
    return 0;
}
