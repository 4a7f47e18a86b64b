// DemoRun's trainer controls (core/demo_run.h): pause and resume, jumps of the simulated clock
// (forward, and back by replaying the day), scenario switch, restart, speed; the command JSON of
// POST /api/demo; and the demo clock carried by snapshots and deltas.
#include <doctest/doctest.h>
#include "core/demo_run.h"
#include "core/snapshot_delta.h"
#include "core/snapshot_json.h"

using namespace cb;

namespace {

constexpr int64_t kMin = 60000;
// 2026-01-05 10:00 center time (UTC+8): the reference day's morning, two hours after opening.
constexpr int64_t kTen = 1767578400000;

DemoRun TenOClock(Scenario scenario = Scenario::NormalDay, int speed = 10) {
    DemoConfig c;
    c.scenario = scenario;
    c.speed = speed;
    c.start_ms = kTen;
    return DemoRun(c);
}

int64_t Offered(const Snapshot& s) {
    int64_t n = 0;
    for (const QueueLive& q : s.queues) n += q.today.offered;
    return n;
}

bool Run(DemoRun& run, DemoCommand::Kind kind, int64_t value = 0) {
    std::string error;
    const bool ok = run.Apply(DemoCommand{kind, value}, &error);
    if (!ok) MESSAGE(error);
    return ok;
}

}  // namespace

TEST_CASE("pause stops the simulated clock, resume runs it again at the same speed") {
    DemoRun run = TenOClock();
    run.Advance(1000);
    CHECK(run.TakeSnapshot().now_ms == kTen + 10 * 1000);
    const uint64_t v = run.version();
    REQUIRE(Run(run, DemoCommand::Kind::Pause));
    CHECK(run.version() > v);  // clients must learn it is paused
    const Snapshot paused = run.TakeSnapshot();
    CHECK(paused.demo.paused);
    CHECK(paused.demo.speed == 10);
    run.Advance(5000);
    CHECK(run.TakeSnapshot().now_ms == paused.now_ms);
    CHECK(run.last_events().empty());
    REQUIRE(Run(run, DemoCommand::Kind::Resume));
    run.Advance(1000);
    CHECK(run.TakeSnapshot().now_ms == paused.now_ms + 10 * 1000);
    CHECK_FALSE(run.TakeSnapshot().demo.paused);
}

TEST_CASE("a jump forward runs the span at once: the same events as running there") {
    DemoRun jumped = TenOClock();
    DemoRun ran = TenOClock(Scenario::NormalDay, 60);
    const int64_t before = Offered(jumped.TakeSnapshot());
    REQUIRE(Run(jumped, DemoCommand::Kind::JumpBy, 60));
    for (int i = 0; i < 60; ++i) ran.Advance(1000);  // 60 wall seconds at x60 = one hour
    const Snapshot a = jumped.TakeSnapshot(), b = ran.TakeSnapshot();
    CHECK(a.now_ms == kTen + 60 * kMin);
    CHECK(b.now_ms == a.now_ms);
    CHECK(Offered(a) > before);
    CHECK(Offered(a) == Offered(b));
    CHECK_FALSE(jumped.last_events().empty());
    // Paused, a jump still moves the clock, and it stays paused.
    REQUIRE(Run(jumped, DemoCommand::Kind::Pause));
    REQUIRE(Run(jumped, DemoCommand::Kind::JumpBy, 15));
    CHECK(jumped.TakeSnapshot().now_ms == kTen + 75 * kMin);
    CHECK(jumped.status().paused);
}

TEST_CASE("jump to a time of day: forward runs, back replays the day up to it") {
    DemoRun run = TenOClock();
    REQUIRE(Run(run, DemoCommand::Kind::JumpTo, 14 * 60 + 30));
    const Snapshot afternoon = run.TakeSnapshot();
    CHECK(afternoon.now_ms == kTen + 270 * kMin);
    const uint64_t v = run.version();
    REQUIRE(Run(run, DemoCommand::Kind::JumpTo, 9 * 60));
    const Snapshot nine = run.TakeSnapshot();
    CHECK(nine.now_ms == kTen - 60 * kMin);
    CHECK(nine.version > v);  // versions keep increasing across the replay
    CHECK(Offered(nine) < Offered(afternoon));
    CHECK(Offered(nine) > 0);
    CHECK(run.opening_ms() == kTen - 120 * kMin);  // the replay starts at 08:00
    // The same as a run opened at 09:00.
    DemoConfig c;
    c.start_ms = kTen - 60 * kMin;
    DemoRun fresh(c);
    CHECK(Offered(fresh.TakeSnapshot()) == Offered(nine));
}

TEST_CASE("switching the scenario keeps the time of day; restart goes back to the first start") {
    DemoRun run = TenOClock();
    REQUIRE(Run(run, DemoCommand::Kind::JumpBy, 90));
    REQUIRE(Run(run, DemoCommand::Kind::Scenario, int64_t(Scenario::SystemOutage)));
    Snapshot s = run.TakeSnapshot();
    CHECK(s.source == "demo:outage");
    CHECK(s.now_ms == kTen + 90 * kMin);
    DemoRun outage = TenOClock(Scenario::SystemOutage);
    REQUIRE(Run(outage, DemoCommand::Kind::JumpBy, 90));
    CHECK(Offered(s) == Offered(outage.TakeSnapshot()));
    REQUIRE(Run(run, DemoCommand::Kind::Restart));
    s = run.TakeSnapshot();
    CHECK(s.source == "demo:outage");
    CHECK(s.now_ms == kTen);
    CHECK(Offered(s) == Offered(TenOClock(Scenario::SystemOutage).TakeSnapshot()));
}

TEST_CASE("out-of-range commands are refused and change nothing") {
    DemoRun run = TenOClock();
    const uint64_t v = run.version();
    std::string error;
    CHECK_FALSE(run.Apply({DemoCommand::Kind::JumpBy, 0}, &error));
    CHECK(error == "minutes: expected a whole number of minutes 1-1440");
    CHECK_FALSE(run.Apply({DemoCommand::Kind::JumpTo, 1440}, &error));
    CHECK_FALSE(run.Apply({DemoCommand::Kind::JumpTo, -1}, &error));
    CHECK(error == "time: expected a time of day HH:MM, 00:00-23:59");
    CHECK_FALSE(run.Apply({DemoCommand::Kind::Speed, 61}, &error));
    CHECK_FALSE(run.Apply({DemoCommand::Kind::Scenario, int64_t(Scenario::kCount)}, &error));
    CHECK(run.version() == v);
    REQUIRE(Run(run, DemoCommand::Kind::Speed, 60));
    CHECK(run.TakeSnapshot().demo.speed == 60);
}

TEST_CASE("demo commands as JSON: round trip, and errors that name the field") {
    const DemoCommand all[] = {{DemoCommand::Kind::Scenario, int64_t(Scenario::MondayPeak)}, {DemoCommand::Kind::Pause, 0},
                               {DemoCommand::Kind::Resume, 0}, {DemoCommand::Kind::Restart, 0},
                               {DemoCommand::Kind::JumpBy, 15}, {DemoCommand::Kind::JumpTo, 14 * 60 + 5},
                               {DemoCommand::Kind::Speed, 10}};
    for (const DemoCommand& c : all) {
        DemoCommand back;
        std::string error;
        REQUIRE_MESSAGE(DemoCommandFromJson(DemoCommandToJson(c), &back, &error), error);
        CHECK(back == c);
    }
    CHECK(DemoCommandToJson({DemoCommand::Kind::JumpTo, 14 * 60 + 5}) == R"({"action":"jump_to","time":"14:05"})");
    CHECK(DemoCommandToJson({DemoCommand::Kind::Scenario, int64_t(Scenario::MondayPeak)}) ==
          R"({"action":"scenario","scenario":"monday_peak"})");
    DemoCommand c;
    std::string error;
    CHECK_FALSE(DemoCommandFromJson("[]", &c, &error));
    CHECK(error.rfind("body:", 0) == 0);
    CHECK_FALSE(DemoCommandFromJson(R"({"action":"rewind"})", &c, &error));
    CHECK(error == "action: 'rewind' is not one of scenario, pause, resume, restart, jump, jump_to, speed");
    CHECK_FALSE(DemoCommandFromJson(R"({"action":"jump","minutes":"15"})", &c, &error));
    CHECK(error == "minutes: expected a whole number");
    CHECK_FALSE(DemoCommandFromJson(R"({"action":"jump","minutes":5000})", &c, &error));
    CHECK(error == "minutes: expected a whole number of minutes 1-1440");
    CHECK_FALSE(DemoCommandFromJson(R"({"action":"jump_to","time":"24:00"})", &c, &error));
    CHECK(error == "time: expected a time of day HH:MM, 00:00-23:59");
    CHECK_FALSE(DemoCommandFromJson(R"({"action":"scenario","scenario":"storm"})", &c, &error));
    CHECK(error == "scenario: expected one of normal, monday_peak, outage, new_hires, lunch_gap");
    int minutes = 0;
    CHECK(ParseTimeOfDay("00:00", &minutes));
    CHECK(minutes == 0);
    CHECK(ParseTimeOfDay("23:59", &minutes));
    CHECK(minutes == 1439);
    CHECK_FALSE(ParseTimeOfDay("9:30", &minutes));
    CHECK_FALSE(ParseTimeOfDay("12:60", &minutes));
}

TEST_CASE("the demo clock travels in snapshots and deltas; real data has none") {
    DemoRun run = TenOClock();
    Snapshot before = run.TakeSnapshot();
    Snapshot decoded;
    std::string error;
    REQUIRE(SnapshotFromJson(SnapshotToJson(before), &decoded, &error));
    CHECK(decoded.demo == DemoClock{10, false});
    std::string dummy;
    REQUIRE(run.Apply({DemoCommand::Kind::Pause, 0}, &dummy));
    const Snapshot after = run.TakeSnapshot();
    SnapshotDelta delta;
    REQUIRE(DeltaFromJson(DeltaToJson(MakeDelta(before, after)), &delta, &error));
    REQUIRE(ApplyDelta(delta, &decoded));
    CHECK(decoded.demo == DemoClock{10, true});

    Snapshot real = before;
    real.demo = DemoClock{};
    const std::string json = SnapshotToJson(real);
    CHECK(json.find(R"("demo":null)") != std::string::npos);
    REQUIRE(SnapshotFromJson(json, &decoded, &error));
    CHECK(decoded.demo.speed == 0);
    CHECK_FALSE(SnapshotFromJson(R"({"version":1,"now_ms":0,"tz_offset_min":0,"interval_minutes":15,"day_start_ms":0,"day_end_ms":86400000,"tz_name":"UTC","tz_offsets":[[0,0]],"source":"x","demo":{"speed":1,"paused":"no"},"directory":{"queues":[],"teams":[],"agents":[]},"queues":[],"teams":[],"agents":[],"intervals":[]})",
                                  &decoded, &error));
    CHECK(error == "snapshot.demo.paused: expected true or false");
}
