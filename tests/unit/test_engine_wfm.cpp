// The live engine's workforce figures: the last 30 minutes' load per queue, live staffing in every
// snapshot, the published schedule (Engine::SetSchedule) and live adherence; their JSON and deltas;
// the simulated center's schedule in the demo.
#include <doctest/doctest.h>

#include "core/demo_run.h"
#include "core/snapshot_delta.h"
#include "core/snapshot_json.h"
#include "core/sim/sim_model.h"
#include "core/wfm/live.h"
#include "test_engine_util.h"

using namespace cbtest;
using cb::AgentState;
using cb::NotReadyReason;
namespace wfm = cb::wfm;

namespace {

// Agents 0 and 3 (sales) staffed at kB; three sales calls: two handled in 180 s each (2 min talk
// and 1 min wrap-up), one still waiting.
Stream ThreeCalls() {
    Stream s;
    s.Staff(kB, 0);
    s.Staff(kB, 3);
    s.Offered(kB + 1 * kMin, 1, 0);
    s.Answered(kB + 1 * kMin, 1, 0, 0);
    s.Completed(kB + 3 * kMin, 1, 0);
    s.WrapEnded(kB + 4 * kMin, 0);
    s.Ready(kB + 4 * kMin, 0);
    s.Offered(kB + 2 * kMin, 2, 0);
    s.Answered(kB + 2 * kMin, 2, 3, 0);
    s.Completed(kB + 4 * kMin, 2, 3);
    s.WrapEnded(kB + 5 * kMin, 3);
    s.Ready(kB + 5 * kMin, 3);
    s.Offered(kB + 6 * kMin, 3, 0);
    return s;
}

wfm::Schedule BreakAt20(const std::string& agent = "1001") {
    wfm::Schedule schedule;
    schedule.agents.push_back({agent,
                               {{kB, kB + 20 * kMin, wfm::Activity::OnQueue},
                                {kB + 20 * kMin, kB + 35 * kMin, wfm::Activity::Break},
                                {kB + 35 * kMin, kB + 8 * kH, wfm::Activity::OnQueue}}});
    return schedule;
}

}  // namespace

TEST_CASE("engine: the last 30 minutes by the minute, from when the engine started") {
    cb::Engine engine(SmallCenter(), TestConfig());
    Stream s = ThreeCalls();
    s.Abandoned(kB + 6 * kMin + 30 * kS, 3, 0);
    cb::Snapshot snap = Run(engine, s, kB + 10 * kMin);
    const wfm::RecentLoad& r = snap.queues[0].recent;
    CHECK(r.window_ms == 10 * kMin);  // the engine's first event was at kB
    CHECK(r.offered == 3);
    CHECK(r.handled == 2);
    CHECK(r.handle_ms == 2 * 180 * kS);
    CHECK(snap.queues[1].recent == wfm::RecentLoad{10 * kMin, 0, 0, 0});
    // At kB + 31:30: the whole minutes kB+1 ... kB+30 and the half minute kB+31.
    engine.AdvanceTo(kB + 31 * kMin + 30 * kS);
    snap = engine.TakeSnapshot();
    CHECK(snap.queues[0].recent == wfm::RecentLoad{30 * kMin + 30 * kS, 3, 2, 360 * kS});
    // A minute later the first call (kB+1) is out; at kB+36 the handled calls (kB+4, kB+5) too.
    engine.AdvanceTo(kB + 32 * kMin);
    CHECK(engine.TakeSnapshot().queues[0].recent == wfm::RecentLoad{30 * kMin, 2, 2, 360 * kS});
    engine.AdvanceTo(kB + 36 * kMin);
    CHECK(engine.TakeSnapshot().queues[0].recent == wfm::RecentLoad{30 * kMin, 1, 0, 0});
    engine.AdvanceTo(kB + 37 * kMin);
    CHECK(engine.TakeSnapshot().queues[0].recent == wfm::RecentLoad{30 * kMin, 0, 0, 0});
}

TEST_CASE("engine: live staffing worked by hand (0.9 Erlangs, 2 agents on queue)") {
    cb::Engine engine(SmallCenter(), TestConfig());
    const cb::Snapshot snap = Run(engine, ThreeCalls(), kB + 10 * kMin);
    const wfm::LiveStaffing& l = snap.queues[0].staffing;
    REQUIRE(l.known);
    // 3 calls in 600 s at AHT 180 s: A = 0.9. Erlang B(1) = 0.9/1.9, B(2) = 0.175705; C(2) =
    // 2 B / (2 - A (1 - B)) = 0.279312; SL(20 s) = 1 - C e^{-(2 - 0.9) 20 / 180} = 0.752822.
    // Three agents: B(3) = 0.050072, C = 0.070029, SL = 0.944543 >= 80 %: 3 needed.
    CHECK(l.erlangs == doctest::Approx(0.9));
    CHECK(l.aht_s == doctest::Approx(180.0));
    CHECK(l.agents_on_queue == 2);
    CHECK(l.agents_needed == 3);
    CHECK(l.now.service_level == doctest::Approx(0.752822).epsilon(1e-5));
    CHECK(l.break_next15.service_level == doctest::Approx(0.109945).epsilon(1e-4));  // 1 agent: 1 - 0.9 e^{-0.1 x 20/180}
    CHECK(snap.agents[0].member_of == 0b01);
    CHECK(snap.agents[1].member_of == 0b10);
    CHECK(snap.agents[2].member_of == 0);
    CHECK(snap.agents[3].member_of == 0b11);
    // The support queue: agent 3 on queue but shared with sales, which has all the load (support
    // has no calls): its whole time counts for sales (2 agents there), none for support.
    CHECK(snap.queues[1].staffing.agents_on_queue == 0);
    CHECK(snap.queues[1].staffing.members_on_queue == 1);
    CHECK(l.members_on_queue == 2);
    CHECK(snap.queues[1].staffing.now.stable);  // no calls: nobody is predicted to wait
    CHECK(snap.queues[1].staffing.now.service_level == 1.0);
    CHECK(snap.queues[1].staffing.agents_needed == 0);
    // The engine's figures are the core's function of the snapshot.
    cb::Snapshot again = snap;
    wfm::FillLiveStaffing(&again);
    CHECK(again.queues[0].staffing == l);
}

TEST_CASE("engine: a published schedule gives live adherence and staffing that follows it") {
    cb::Engine engine(SmallCenter(), TestConfig());
    std::string error;
    REQUIRE(engine.SetSchedule(BreakAt20(), &error));
    Stream s = ThreeCalls();
    cb::Snapshot snap = Run(engine, s, kB + 10 * kMin);
    REQUIRE(snap.schedule.set);
    REQUIRE(snap.schedule.agents.size() == 4);
    CHECK(snap.schedule.agents[0].size() == 3);
    CHECK(snap.schedule.agents[1].empty());
    CHECK(snap.agents[0].adherence.status == wfm::LiveStatus::InAdherence);
    CHECK(snap.agents[1].adherence.status == wfm::LiveStatus::Unscheduled);
    // Sales: agent 0 leaves for its break at +20 and is back at +35 (within the 30-minute outlook).
    const std::vector<wfm::AgentsStep> steps{{kB + 10 * kMin, 2}, {kB + 20 * kMin, 1}, {kB + 35 * kMin, 2}};
    CHECK(snap.queues[0].staffing.steps == steps);

    // +21: still available when the break should have begun: out of adherence, positive, counted.
    engine.AdvanceTo(kB + 21 * kMin);
    snap = engine.TakeSnapshot();
    wfm::LiveAdherence a = snap.agents[0].adherence;
    CHECK(a.status == wfm::LiveStatus::OutOfAdherence);
    CHECK(a.impact == wfm::Impact::Positive);
    CHECK(a.scheduled == wfm::Activity::Break);
    CHECK(a.actual == wfm::Activity::OnQueue);
    CHECK(a.since_ms == kB + 20 * kMin);
    CHECK(a.counted);
    CHECK_FALSE(a.severe);
    // Taking a call and wrapping up is the same activity: the deviation does not restart.
    Stream more;
    more.next_id = 1000;
    more.Offered(kB + 21 * kMin, 9, 0);
    more.Answered(kB + 21 * kMin, 9, 0, 0);
    more.Completed(kB + 22 * kMin, 9, 0);
    snap = Run(engine, more, kB + 22 * kMin + 30 * kS);
    CHECK(snap.agents[0].state == AgentState::WrapUp);
    CHECK(snap.agents[0].adherence.since_ms == kB + 20 * kMin);
    // On break at +23 until +40: in adherence, then out (negative) from +35, severe at +45.
    Stream brk;
    brk.next_id = 2000;
    brk.WrapEnded(kB + 23 * kMin, 0);
    brk.NotReady(kB + 23 * kMin, 0, NotReadyReason::Break);
    snap = Run(engine, brk, kB + 30 * kMin);
    CHECK(snap.agents[0].adherence.status == wfm::LiveStatus::InAdherence);
    engine.AdvanceTo(kB + 35 * kMin + 30 * kS);
    a = engine.TakeSnapshot().agents[0].adherence;
    CHECK(a.status == wfm::LiveStatus::OutOfAdherence);
    CHECK(a.impact == wfm::Impact::Negative);
    CHECK_FALSE(a.counted);
    engine.AdvanceTo(kB + 45 * kMin);
    a = engine.TakeSnapshot().agents[0].adherence;
    CHECK(a.counted);
    CHECK(a.severe);
}

TEST_CASE("engine: a bad schedule is refused with where, and nothing changes") {
    cb::Engine engine(SmallCenter(), TestConfig());
    std::string error;
    REQUIRE(engine.SetSchedule(BreakAt20(), &error));
    engine.AdvanceTo(kB);
    const cb::Snapshot before = engine.TakeSnapshot();
    const uint64_t version = engine.version();
    CHECK_FALSE(engine.SetSchedule(BreakAt20("nobody"), &error));
    CHECK(error == "agent 'nobody': not in the directory");
    wfm::Schedule overlapping = BreakAt20();
    overlapping.agents[0].activities.push_back({kB + 30 * kMin, kB + 40 * kMin, wfm::Activity::Meeting});
    CHECK_FALSE(engine.SetSchedule(overlapping, &error));
    CHECK(error == "agent '1001', activity 4: overlaps activity 2");
    CHECK(engine.version() == version);
    CHECK(engine.TakeSnapshot().schedule == before.schedule);
    // Unknown agents can be skipped instead (a roster naming agents the phone system has not shown yet).
    std::vector<std::string> skipped;
    wfm::Schedule two = BreakAt20();
    two.agents.push_back({"nobody", {{kB, kB + kH, wfm::Activity::OnQueue}}});
    REQUIRE(engine.SetSchedule(two, &error, &skipped));
    CHECK(skipped == std::vector<std::string>{"nobody"});
    engine.ClearSchedule();
    const cb::Snapshot cleared = engine.TakeSnapshot();
    CHECK_FALSE(cleared.schedule.set);
    CHECK(cleared.agents[0].adherence == wfm::LiveAdherence{});
}

TEST_CASE("engine: each day's activities on that day") {
    cb::Engine engine(SmallCenter(), TestConfig());
    wfm::Schedule schedule;
    schedule.agents.push_back({"1001",
                               {{kB, kB + 8 * kH, wfm::Activity::OnQueue},
                                {kB + kDay, kB + kDay + 8 * kH, wfm::Activity::OnQueue},
                                {kB + kDay + 9 * kH, kB + kDay + 10 * kH, wfm::Activity::Training}}});
    std::string error;
    REQUIRE(engine.SetSchedule(schedule, &error));
    engine.AdvanceTo(kB);
    CHECK(engine.TakeSnapshot().schedule.agents[0] == std::vector<wfm::Planned>{{kB, kB + 8 * kH, wfm::Activity::OnQueue}});
    engine.AdvanceTo(kB + kDay);
    const cb::Snapshot next = engine.TakeSnapshot();
    REQUIRE(next.schedule.agents[0].size() == 2);
    CHECK(next.schedule.agents[0][1].activity == wfm::Activity::Training);
    CHECK(next.agents[0].adherence.status == wfm::LiveStatus::OutOfAdherence);  // logged out, scheduled on queue
    CHECK(next.agents[0].adherence.impact == wfm::Impact::Negative);
}

TEST_CASE("engine: schedule, adherence and staffing survive JSON and deltas") {
    cb::Engine engine(SmallCenter(), TestConfig());
    std::string error;
    REQUIRE(engine.SetSchedule(BreakAt20(), &error));
    const cb::Snapshot a = Run(engine, ThreeCalls(), kB + 20 * kMin + 30 * kS);
    cb::Snapshot back;
    REQUIRE(cb::SnapshotFromJson(cb::SnapshotToJson(a), &back, &error));
    CHECK(back.schedule == a.schedule);
    for (size_t i = 0; i < a.agents.size(); ++i) CHECK(back.agents[i] == a.agents[i]);
    for (size_t q = 0; q < a.queues.size(); ++q) CHECK(back.queues[q] == a.queues[q]);
    CHECK(back.agents[0].adherence.status == wfm::LiveStatus::OutOfAdherence);
    CHECK_FALSE(back.agents[0].adherence.counted);
    // A minute later the deviation counts: the agent is in the delta though only time passed.
    engine.AdvanceTo(kB + 21 * kMin + 30 * kS);
    const cb::Snapshot b = engine.TakeSnapshot();
    REQUIRE(cb::SameShape(a, b));
    const cb::SnapshotDelta d = cb::MakeDelta(a, b);
    bool agent0 = false;
    for (const auto& [index, live] : d.agents) agent0 |= index == 0 && live.adherence.counted;
    CHECK(agent0);
    cb::SnapshotDelta wire;
    REQUIRE(cb::DeltaFromJson(cb::DeltaToJson(d), &wire, &error));
    REQUIRE(cb::ApplyDelta(wire, &back));
    for (size_t i = 0; i < b.agents.size(); ++i) CHECK(back.agents[i] == b.agents[i]);
    for (size_t q = 0; q < b.queues.size(); ++q) CHECK(back.queues[q] == b.queues[q]);
    // A new schedule cannot be a delta: the next message is a full snapshot.
    wfm::Schedule other = BreakAt20();
    other.agents[0].activities[1].activity = wfm::Activity::Lunch;
    REQUIRE(engine.SetSchedule(other, &error));
    CHECK_FALSE(cb::SameShape(b, engine.TakeSnapshot()));
}

TEST_CASE("snapshot JSON: a schedule or adherence that is malformed is named; older snapshots without them read") {
    cb::Engine engine(SmallCenter(), TestConfig());
    std::string error;
    REQUIRE(engine.SetSchedule(BreakAt20(), &error));
    const std::string json = cb::SnapshotToJson(Run(engine, ThreeCalls(), kB + 10 * kMin));
    cb::Snapshot out;
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string text = json;
        const size_t at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
        return text;
    };
    CHECK_FALSE(cb::SnapshotFromJson(replaced("\"on_queue\"]", "\"napping\"]"), &out, &error));
    CHECK(error == "snapshot.schedule.agents[0][0]: expected [start_ms, end_ms, activity]");
    CHECK_FALSE(cb::SnapshotFromJson(replaced("\"status\":\"in_adherence\"", "\"status\":\"asleep\""), &out, &error));
    CHECK(error == "snapshot.agents[0].adherence.status: unknown value 'asleep'");
    CHECK_FALSE(cb::SnapshotFromJson(replaced("\"known\":true", "\"known\":1"), &out, &error));
    CHECK(error == "snapshot.queues[0].staffing.known: expected true or false");
    // A server from before: no schedule, adherence, staffing or membership at all.
    std::string old = replaced(",\"schedule\":{", ",\"ignored\":{");
    REQUIRE(cb::SnapshotFromJson(old, &out, &error));
    CHECK_FALSE(out.schedule.set);
}

TEST_CASE("demo: the simulated center publishes each day's schedule and the floor shows adherence") {
    for (int sc = 0; sc < static_cast<int>(cb::Scenario::kCount); ++sc) {
        const cb::sim::SimModel model = cb::sim::BuildSimModel(cb::SimConfig{static_cast<cb::Scenario>(sc)});
        const int64_t day = cb::sim::LocalDay(model.config.start_ms, model.config.tz_offset_min);
        const wfm::Schedule schedule = cb::sim::PublishedSchedule(model, day, cb::sim::PlanDay(model, day));
        wfm::DaySchedule resolved;
        std::string error;
        CHECK_MESSAGE(wfm::ResolveSchedule(model.directory, schedule, &resolved, &error), error);
        CHECK(schedule.agents.size() > model.directory.agents.size() / 2);
        // Each listed agent's activities cover its shift without a gap.
        for (const wfm::AgentSchedule& a : schedule.agents) {
            REQUIRE_FALSE(a.activities.empty());
            for (size_t i = 1; i < a.activities.size(); ++i) CHECK(a.activities[i].start_ms == a.activities[i - 1].end_ms);
        }
    }
    cb::DemoConfig config;
    cb::DemoRun run(config);
    std::string error;
    cb::DemoCommand jump{cb::DemoCommand::Kind::JumpTo, 10 * 60 + 30};
    REQUIRE(run.Apply(jump, &error));
    cb::Snapshot s = run.TakeSnapshot();
    REQUIRE(s.schedule.set);
    int in = 0, out = 0, scheduled_on_queue = 0, known = 0;
    for (int minute = 0; minute < 240; minute += 2) {
        run.Apply({cb::DemoCommand::Kind::JumpBy, 2}, &error);
        s = run.TakeSnapshot();
        for (const cb::AgentLive& a : s.agents) {
            in += a.adherence.status == wfm::LiveStatus::InAdherence;
            out += a.adherence.status == wfm::LiveStatus::OutOfAdherence && a.adherence.counted;
            scheduled_on_queue += a.adherence.scheduled == wfm::Activity::OnQueue;
        }
        for (const cb::QueueLive& q : s.queues) known += q.staffing.known;
    }
    CHECK(in > 10 * out);  // most of the floor keeps to the schedule ...
    CHECK(out > 0);        // ... and some do not (late, over-running breaks, personal minutes)
    CHECK(scheduled_on_queue > 0);
    CHECK(known > 0);
    // A restart replays the day into a new engine: the schedule comes with it.
    REQUIRE(run.Apply({cb::DemoCommand::Kind::Restart, 0}, &error));
    CHECK(run.TakeSnapshot().schedule.set);
}

TEST_CASE("engine: wfm_cases.md's worked example as it happens (10 min late, 50 min worked, 10 min extra) and its impacts") {
    // Agent 1001: on queue kB to kB + 60 min; logs in 10 minutes late, stays 10 minutes longer.
    // Agent 1002: a meeting kB to kB + 30 min, spent in training instead (neutral).
    cb::Engine engine(SmallCenter(), TestConfig());
    wfm::Schedule schedule;
    schedule.agents.push_back({"1001", {{kB, kB + 60 * kMin, wfm::Activity::OnQueue}}});
    schedule.agents.push_back({"1002", {{kB, kB + 30 * kMin, wfm::Activity::Meeting}}});
    std::string error;
    REQUIRE(engine.SetSchedule(schedule, &error));
    Stream s;
    s.Login(kB - 5 * kMin, 1);
    s.NotReady(kB - 5 * kMin, 1, NotReadyReason::Training);
    cb::Snapshot snap = Run(engine, s, kB + 30 * kS);
    // 30 s late: out of adherence, negative, under the 60 s exception threshold.
    wfm::LiveAdherence a = snap.agents[0].adherence;
    CHECK(a.status == wfm::LiveStatus::OutOfAdherence);
    CHECK(a.impact == wfm::Impact::Negative);
    CHECK(a.scheduled == wfm::Activity::OnQueue);
    CHECK(a.actual == wfm::Activity::Off);
    CHECK(a.since_ms == kB);
    CHECK_FALSE(a.counted);
    // Training instead of the meeting: one off-queue activity for another.
    a = snap.agents[1].adherence;
    CHECK(a.status == wfm::LiveStatus::OutOfAdherence);
    CHECK(a.impact == wfm::Impact::Neutral);
    CHECK(a.actual == wfm::Activity::Training);
    // 5 minutes late: counted; just under 10: not yet severe; at 10 (the severe threshold): severe.
    engine.AdvanceTo(kB + 5 * kMin);
    a = engine.TakeSnapshot().agents[0].adherence;
    CHECK(a.counted);
    CHECK_FALSE(a.severe);
    engine.AdvanceTo(kB + 10 * kMin - kS);
    CHECK_FALSE(engine.TakeSnapshot().agents[0].adherence.severe);
    engine.AdvanceTo(kB + 10 * kMin);
    CHECK(engine.TakeSnapshot().agents[0].adherence.severe);
    // Logs in at +10: in adherence from then on for the 50 minutes worked.
    Stream in;
    in.next_id = 100;
    in.Staff(kB + 10 * kMin, 0);
    snap = Run(engine, in, kB + 40 * kMin);
    CHECK(snap.agents[0].adherence.status == wfm::LiveStatus::InAdherence);
    CHECK(snap.agents[0].adherence.since_ms == kB + 10 * kMin);
    // 5 minutes after the shift still on queue: out of adherence, positive, counted, not severe.
    engine.AdvanceTo(kB + 65 * kMin);
    a = engine.TakeSnapshot().agents[0].adherence;
    CHECK(a.status == wfm::LiveStatus::OutOfAdherence);
    CHECK(a.impact == wfm::Impact::Positive);
    CHECK(a.scheduled == wfm::Activity::Off);
    CHECK(a.since_ms == kB + 60 * kMin);
    CHECK(a.counted);
    CHECK_FALSE(a.severe);
    // Logged out at +70: off when scheduled off, in adherence.
    Stream out;
    out.next_id = 200;
    out.Logout(kB + 70 * kMin, 0);
    snap = Run(engine, out, kB + 71 * kMin);
    CHECK(snap.agents[0].adherence.status == wfm::LiveStatus::InAdherence);
}
