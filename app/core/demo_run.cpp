// DemoRun: the simulator driving the engine, and a trainer's controls (demo_run.h).
#include "demo_run.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <nlohmann/json.hpp>

namespace cb {
namespace {

constexpr int64_t kDayMs = 86400000;
constexpr int64_t kHourMs = 3600000;
constexpr int64_t kMinuteMs = 60000;

int64_t LocalMidnight(int64_t t_ms, int32_t tz_offset_min) {
    const int64_t offset_ms = static_cast<int64_t>(tz_offset_min) * 60000;
    const int64_t local = t_ms + offset_ms;
    return local - ((local % kDayMs) + kDayMs) % kDayMs - offset_ms;
}

// The simulated center opens at 08:00 local on the day of start_ms; the demo replays the
// day from there so "today" already has a morning behind it.
int64_t OpeningOf(int64_t t_ms, int32_t tz_offset_min) { return LocalMidnight(t_ms, tz_offset_min) + 8 * kHourMs; }

SimConfig MakeSimConfig(const DemoConfig& c, Scenario scenario, int64_t start_ms) {
    SimConfig s;
    s.scenario = scenario;
    s.seed = c.seed;
    s.start_ms = start_ms ? std::min(start_ms, OpeningOf(start_ms, c.tz_offset_min)) : 0;
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

struct ActionName {
    DemoCommand::Kind kind;
    const char* name;
};
constexpr ActionName kActions[] = {
    {DemoCommand::Kind::Scenario, "scenario"}, {DemoCommand::Kind::Pause, "pause"},
    {DemoCommand::Kind::Resume, "resume"},     {DemoCommand::Kind::Restart, "restart"},
    {DemoCommand::Kind::JumpBy, "jump"},       {DemoCommand::Kind::JumpTo, "jump_to"},
    {DemoCommand::Kind::Speed, "speed"},
};

}  // namespace

bool DemoCommandValid(const DemoCommand& c, std::string* error) {
    auto fail = [&](const char* what) {
        if (error) *error = what;
        return false;
    };
    switch (c.kind) {
    case DemoCommand::Kind::Scenario:
        if (c.value < 0 || c.value >= static_cast<int64_t>(Scenario::kCount)) return fail("scenario: unknown scenario");
        return true;
    case DemoCommand::Kind::JumpBy:
        if (c.value < 1 || c.value > 1440) return fail("minutes: expected a whole number of minutes 1-1440");
        return true;
    case DemoCommand::Kind::JumpTo:
        if (c.value < 0 || c.value > 1439) return fail("time: expected a time of day HH:MM, 00:00-23:59");
        return true;
    case DemoCommand::Kind::Speed:
        if (c.value < 1 || c.value > 60) return fail("speed: expected a whole number 1-60");
        return true;
    case DemoCommand::Kind::Pause:
    case DemoCommand::Kind::Resume:
    case DemoCommand::Kind::Restart: return true;
    }
    return fail("action: unknown");
}

int64_t DemoStartFor(int64_t wall_now_ms, int32_t tz_offset_min) {
    const int64_t midnight = LocalMidnight(wall_now_ms, tz_offset_min);
    const int64_t time_of_day = wall_now_ms - midnight;
    if (time_of_day < 8 * kHourMs || time_of_day >= 20 * kHourMs) return midnight + 9 * kHourMs + 30 * kMinuteMs;
    return wall_now_ms;
}

std::string_view DemoActionName(DemoCommand::Kind kind) {
    for (const ActionName& a : kActions)
        if (a.kind == kind) return a.name;
    return "unknown";
}

bool ParseTimeOfDay(std::string_view text, int* minutes) {
    if (text.size() != 5 || text[2] != ':') return false;
    for (size_t i : {0, 1, 3, 4})
        if (text[i] < '0' || text[i] > '9') return false;
    const int h = (text[0] - '0') * 10 + (text[1] - '0');
    const int m = (text[3] - '0') * 10 + (text[4] - '0');
    if (h > 23 || m > 59) return false;
    *minutes = h * 60 + m;
    return true;
}

std::string DemoCommandToJson(const DemoCommand& c) {
    nlohmann::json j{{"action", std::string(DemoActionName(c.kind))}};
    switch (c.kind) {
    case DemoCommand::Kind::Scenario:
        j["scenario"] = c.value >= 0 && c.value < static_cast<int64_t>(Scenario::kCount)
                            ? std::string(ScenarioName(static_cast<Scenario>(c.value)))
                            : std::string("?");
        break;
    case DemoCommand::Kind::JumpBy: j["minutes"] = c.value; break;
    case DemoCommand::Kind::JumpTo: {
        char hhmm[16];
        std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", int(c.value / 60 % 100), int(c.value % 60));
        j["time"] = hhmm;
        break;
    }
    case DemoCommand::Kind::Speed: j["speed"] = c.value; break;
    default: break;
    }
    return j.dump();
}

bool DemoCommandFromJson(std::string_view text, DemoCommand* out, std::string* error) {
    const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) {
        *error = "body: expected a JSON object such as {\"action\":\"pause\"}";
        return false;
    }
    auto action = j.find("action");
    if (action == j.end() || !action->is_string()) {
        *error = "action: missing; one of scenario, pause, resume, restart, jump, jump_to, speed";
        return false;
    }
    DemoCommand c;
    const std::string name = action->get<std::string>();
    const ActionName* found = nullptr;
    for (const ActionName& a : kActions)
        if (name == a.name) found = &a;
    if (!found) {
        *error = "action: '" + name + "' is not one of scenario, pause, resume, restart, jump, jump_to, speed";
        return false;
    }
    c.kind = found->kind;
    auto integer = [&](const char* key, int64_t* value) {
        auto it = j.find(key);
        if (it == j.end() || !it->is_number_integer()) {
            *error = std::string(key) + ": expected a whole number";
            return false;
        }
        *value = it->get<int64_t>();
        return true;
    };
    switch (c.kind) {
    case DemoCommand::Kind::Scenario: {
        auto it = j.find("scenario");
        Scenario s;
        if (it == j.end() || !it->is_string() || !ParseScenario(it->get<std::string>(), &s)) {
            *error = "scenario: expected one of normal, monday_peak, outage, new_hires, lunch_gap";
            return false;
        }
        c.value = static_cast<int64_t>(s);
        break;
    }
    case DemoCommand::Kind::JumpBy:
        if (!integer("minutes", &c.value)) return false;
        break;
    case DemoCommand::Kind::Speed:
        if (!integer("speed", &c.value)) return false;
        break;
    case DemoCommand::Kind::JumpTo: {
        auto it = j.find("time");
        int minutes = 0;
        if (it == j.end() || !it->is_string() || !ParseTimeOfDay(it->get<std::string>(), &minutes)) {
            *error = "time: expected a time of day HH:MM, 00:00-23:59";
            return false;
        }
        c.value = minutes;
        break;
    }
    default: break;
    }
    if (!DemoCommandValid(c, error)) return false;
    *out = c;
    return true;
}

DemoRun::DemoRun(const DemoConfig& config)
    : m_config(config),
      m_sim(MakeSimConfig(config, config.scenario, config.start_ms)),
      m_engine(m_sim.directory(), MakeEngineConfig(config)),
      m_scenario(config.scenario),
      m_speed(std::clamp(config.speed, 1, 60)),
      m_first_start_ms(config.start_ms ? config.start_ms : m_sim.now_ms()),
      m_opening_ms(m_sim.now_ms()),
      m_sim_now_ms(m_first_start_ms) {
    RunTo(m_sim_now_ms);
}

void DemoRun::RunTo(int64_t sim_ms) {
    m_events.clear();
    m_sim_now_ms = sim_ms;
    m_sim.RunUntil(m_sim_now_ms, &m_events);
    for (const Event& e : m_events) m_engine.Push(e);
    m_engine.AdvanceTo(m_sim_now_ms);
    FollowSchedule();
}

// The simulated center publishes a schedule for each day (the simulator's plan, docs/simulator.md),
// so a demo shows live adherence and staffing that follows the schedule.
void DemoRun::FollowSchedule() {
    const int64_t day = LocalMidnight(m_sim_now_ms, m_config.tz_offset_min);
    if (day == m_schedule_day) return;
    m_schedule_day = day;
    std::string error;
    if (!m_engine.SetSchedule(m_sim.ScheduleOn(m_sim_now_ms), &error)) m_engine.ClearSchedule();
}

void DemoRun::Rebuild(Scenario scenario, int64_t start_ms) {
    m_version_base = version() + 1;
    m_scenario = scenario;
    m_sim = Simulator(MakeSimConfig(m_config, scenario, start_ms));
    m_engine = Engine(m_sim.directory(), MakeEngineConfig(m_config));
    m_schedule_day = INT64_MIN;
    m_opening_ms = m_sim.now_ms();
    RunTo(start_ms);
}

void DemoRun::Advance(int64_t wall_elapsed_ms) {
    m_events.clear();
    if (wall_elapsed_ms <= 0 || m_paused) return;
    RunTo(m_sim_now_ms + wall_elapsed_ms * m_speed);
}

void DemoRun::SetSpeed(int speed) { m_speed = std::clamp(speed, 1, 60); }

bool DemoRun::Apply(const DemoCommand& c, std::string* error) {
    if (!DemoCommandValid(c, error)) return false;
    switch (c.kind) {
    case DemoCommand::Kind::Scenario: Rebuild(static_cast<Scenario>(c.value), m_sim_now_ms); break;
    case DemoCommand::Kind::Pause: m_paused = true; break;
    case DemoCommand::Kind::Resume: m_paused = false; break;
    case DemoCommand::Kind::Restart: Rebuild(m_scenario, m_first_start_ms); break;
    case DemoCommand::Kind::JumpBy: RunTo(m_sim_now_ms + c.value * kMinuteMs); break;
    case DemoCommand::Kind::JumpTo: {
        const int64_t target = LocalMidnight(m_sim_now_ms, m_config.tz_offset_min) + c.value * kMinuteMs;
        if (target > m_sim_now_ms) RunTo(target);
        else if (target < m_sim_now_ms) Rebuild(m_scenario, target);
        break;
    }
    case DemoCommand::Kind::Speed: SetSpeed(static_cast<int>(c.value)); break;
    }
    ++m_version_base;  // every command is a change clients must see (pause and speed too)
    return true;
}

DemoStatus DemoRun::status() const { return DemoStatus{m_scenario, m_speed, m_paused, m_sim_now_ms}; }

Snapshot DemoRun::TakeSnapshot() const {
    Snapshot s = m_engine.TakeSnapshot();
    s.version += m_version_base;
    s.source = "demo:" + std::string(ScenarioName(m_scenario));
    s.demo.speed = m_speed;
    s.demo.paused = m_paused;
    return s;
}

}  // namespace cb
