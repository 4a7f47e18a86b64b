// A running demo center: the simulator feeding the engine at a chosen speed, and the controls
// a trainer has over it (scenario, pause and resume, restart, jumps of the simulated clock,
// speed). The one piece the server, the desktop app and the browser's offline demo all use to
// "play" a scenario. No clock reads: the caller says how much wall time passed.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
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

// One thing a trainer does to a running demo (the UI's controls, POST /api/demo). The rules
// (ranges, what each does) are DemoRun::Apply's; the JSON form is docs/api.md's.
struct DemoCommand {
    enum class Kind : uint8_t {
        Scenario,   // value = Scenario: switch, keeping the simulated time of day
        Pause,      // the simulated clock stands still
        Resume,
        Restart,    // the current scenario from the run's first start again
        JumpBy,     // value = simulated minutes forward, 1-1440
        JumpTo,     // value = minutes after local midnight, 0-1439: forward, or back by replaying the day
        Speed,      // value = 1-60 simulated seconds per wall second
    };
    Kind kind = Kind::Pause;
    int64_t value = 0;
    bool operator==(const DemoCommand&) const = default;
};

// The range rule of a command's value (shared by the JSON parser, the UI and DemoRun::Apply);
// false with *error naming the field, e.g. "minutes: expected a whole number of minutes 1-1440".
bool DemoCommandValid(const DemoCommand& command, std::string* error);
// {"action":"pause"}, {"action":"scenario","scenario":"outage"}, {"action":"jump","minutes":15},
// {"action":"jump_to","time":"14:30"}, {"action":"speed","speed":10}, ... Never throws.
std::string DemoCommandToJson(const DemoCommand& command);
// Parses and range-checks a command; false with *error naming the field and what is wrong.
bool DemoCommandFromJson(std::string_view json, DemoCommand* out, std::string* error);
// The action's name as in the JSON ("scenario", "pause", "resume", "restart", "jump",
// "jump_to", "speed"), for the audit log.
std::string_view DemoActionName(DemoCommand::Kind kind);
// "14:30" -> 870 minutes; false for anything but HH:MM with 00-23 and 00-59.
bool ParseTimeOfDay(std::string_view text, int* minutes);

// Where a demo stands: what the trainer's controls show.
struct DemoStatus {
    Scenario scenario = Scenario::NormalDay;
    int speed = 1;
    bool paused = false;
    int64_t sim_now_ms = 0;
};

class DemoRun {
public:
    explicit DemoRun(const DemoConfig& config);

    // Advances simulated time by wall_elapsed_ms x speed and applies the events (nothing while
    // paused).
    void Advance(int64_t wall_elapsed_ms);
    void SetSpeed(int speed);      // clamped to 1..60
    int speed() const { return m_speed; }
    // Carries out a trainer's command. false (nothing changed) with *error when a value is out
    // of range. A scenario switch, a restart and a jump back replay the simulated day into a
    // new engine; versions keep increasing across them.
    bool Apply(const DemoCommand& command, std::string* error);
    DemoStatus status() const;
    Snapshot TakeSnapshot() const;  // source = "demo:<scenario>", demo = speed and paused
    const Engine& engine() const { return m_engine; }
    uint64_t version() const { return m_version_base + m_engine.version(); }
    // When the simulated day this run plays began (the simulator's start, 08:00 local or the
    // reference day): runs with the same scenario, seed and opening produce the same events.
    int64_t opening_ms() const { return m_opening_ms; }
    // Events produced by the last Advance, jump or replay (for storing them); cleared on the
    // next one. A replay after a switch, restart or jump back starts at the day's opening.
    const std::vector<Event>& last_events() const { return m_events; }

private:
    void Rebuild(Scenario scenario, int64_t start_ms);
    void RunTo(int64_t sim_ms);
    void FollowSchedule();         // gives the engine the simulated day's published schedule once a day

    DemoConfig m_config;
    Simulator m_sim;
    Engine m_engine;
    Scenario m_scenario;
    int m_speed;
    bool m_paused = false;
    int64_t m_first_start_ms;      // the simulated time the run first started at (Restart)
    int64_t m_opening_ms;
    int64_t m_sim_now_ms;
    uint64_t m_version_base = 0;   // added to the engine's version (a rebuilt engine restarts at 0)
    int64_t m_schedule_day = INT64_MIN;  // local midnight of the day whose schedule the engine has
    std::vector<Event> m_events;
};

}  // namespace cb
