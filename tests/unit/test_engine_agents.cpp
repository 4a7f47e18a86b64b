// Engine: agent state machine, time in state, occupancy, per-queue and per-team agent counts,
// and the day rollover.
#include <doctest/doctest.h>

#include "core/engine.h"
#include "test_engine_util.h"
#include "core/snapshot_json.h"

using namespace cb;
using namespace cbtest;

namespace {
int64_t StateMs(const AgentLive& a, AgentState s) { return a.state_ms_today[static_cast<int>(s)]; }
int64_t ReasonMs(const AgentLive& a, NotReadyReason r) { return a.reason_ms_today[static_cast<int>(r)]; }
}  // namespace

TEST_CASE("agent state machine: time in state and by not-ready reason, open spell up to now") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Login(kB, 1);                                        // not ready, no reason
    s.Ready(kB + 60 * kS, 1);
    s.NotReady(kB + 100 * kS, 1, NotReadyReason::Lunch);
    s.Ready(kB + 1900 * kS, 1);
    s.NotReady(kB + 2000 * kS, 1, NotReadyReason::Break);
    s.Hold(kB + 2100 * kS, 7, 1);                          // not on a call: invalid
    Snapshot snap = Run(engine, s, kB + 2300 * kS);
    const AgentLive& a = snap.agents[1];
    CHECK(a.state == AgentState::NotReady);
    CHECK(a.reason == NotReadyReason::Break);
    CHECK(a.state_since_ms == kB + 2000 * kS);
    CHECK(a.logged_in_since_ms == kB);
    CHECK(StateMs(a, AgentState::NotReady) == 2160 * kS);  // 60 + 1800 + 300 (open)
    CHECK(StateMs(a, AgentState::Available) == 140 * kS);
    CHECK(ReasonMs(a, NotReadyReason::None) == 60 * kS);
    CHECK(ReasonMs(a, NotReadyReason::Lunch) == 1800 * kS);
    CHECK(ReasonMs(a, NotReadyReason::Break) == 300 * kS);
    CHECK(a.today.staffed_ms == 2300 * kS);
    CHECK(a.today.available_ms == 140 * kS);
    CHECK(a.today.busy_ms == 0);
    CHECK(engine.stats().invalid == 1);
    CHECK(snap.teams[0].agents_logged_in == 1);
    CHECK(snap.teams[0].agents_not_ready == 1);
    CHECK(snap.queues[1].agents_not_ready == 1);
    CHECK(snap.queues[0].agents_not_ready == 0);  // agent 1 has no sales skill

    // Time keeps ticking without events; logging out closes the spell.
    engine.AdvanceTo(kB + 2350 * kS);
    CHECK(engine.TakeSnapshot().agents[1].today.staffed_ms == 2350 * kS);
    Stream out;
    out.next_id = 100;
    out.Logout(kB + 2400 * kS, 1);
    snap = Run(engine, out, kB + 3000 * kS);
    CHECK(snap.agents[1].state == AgentState::LoggedOut);
    CHECK(snap.agents[1].logged_in_since_ms == 0);
    CHECK(snap.agents[1].today.staffed_ms == 2400 * kS);
    CHECK(ReasonMs(snap.agents[1], NotReadyReason::Break) == 400 * kS);
    CHECK(StateMs(snap.agents[1], AgentState::LoggedOut) == 0);  // logged-out time is not accrued
    CHECK(snap.teams[0].agents_logged_in == 0);
}

TEST_CASE("occupancy of agent, team and queue comes from summed busy and available time") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Staff(kB, 0);
    s.Staff(kB, 1);
    s.Answered(kB + 100 * kS, 1, 0, 0).wait_ms = 5000;
    s.Completed(kB + 400 * kS, 1, 0);
    s.WrapEnded(kB + 460 * kS, 0);
    const Snapshot snap = Run(engine, s, kB + 600 * kS);
    const KpiCounts& a0 = snap.agents[0].today;
    CHECK(a0.busy_ms == 360 * kS);
    CHECK(a0.available_ms == 240 * kS);
    CHECK(Occupancy(a0).value == doctest::Approx(0.6));
    const KpiCounts& team = snap.teams[0].today;
    CHECK(team.busy_ms == 360 * kS);
    CHECK(team.available_ms == 840 * kS);
    CHECK(team.staffed_ms == 1200 * kS);
    CHECK(Occupancy(team).value == doctest::Approx(0.3));
    CHECK(Occupancy(snap.queues[0].today).value == doctest::Approx(0.6));
    CHECK(Occupancy(snap.queues[1].today).value == doctest::Approx(0.0));
    CHECK(Occupancy(snap.queues[1].today).valid);
    CHECK_FALSE(Occupancy(snap.teams[1].today).valid);  // nobody logged in
    // Each interval row carries its member agents' busy and available time, so occupancy per
    // interval comes from the same summed counts (the interval of kB holds all 600 s here).
    const size_t r = static_cast<size_t>((kB - snap.day_start_ms) / (15 * 60 * kS));
    REQUIRE(snap.intervals[0].size() > r);
    REQUIRE((kB + 600 * kS - snap.intervals[0][r].start_ms) <= 15 * 60 * kS);
    const KpiCounts& row = snap.intervals[0][r].counts;
    CHECK(row.busy_ms == 360 * kS);
    CHECK(row.available_ms == 240 * kS);
    CHECK(row.staffed_ms == 600 * kS);
    CHECK(Occupancy(row).value == doctest::Approx(0.6));
    const KpiCounts& support_row = snap.intervals[1][r].counts;  // agent 1 only (skills 0b10)
    CHECK(support_row.available_ms == 600 * kS);
    CHECK(support_row.staffed_ms == 600 * kS);
    // And the stream carries them: the JSON of a snapshot reads back equal.
    Snapshot back;
    std::string error;
    REQUIRE(SnapshotFromJson(SnapshotToJson(snap), &back, &error));
    CHECK(back.intervals[0][r].counts == row);
}

TEST_CASE("agents count for the queues they are members of: their skills, then what events say") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Staff(kB, 0);                                        // available, sales
    s.Login(kB, 1);                                        // not ready, support
    s.Staff(kB, 2);                                        // skills 0: a member of no queue yet
    s.Answered(kB + 10 * kS, 1, 2, 0);                     // takes a sales call: a sales member now
    s.Staff(kB, 3);                                        // wrap-up, sales + support
    s.Answered(kB + 10 * kS, 2, 3, 1);
    s.Completed(kB + 20 * kS, 2, 3);
    const Snapshot snap = Run(engine, s, kB + 30 * kS);
    const QueueLive& sales = snap.queues[0];
    CHECK(sales.agents_available == 1);
    CHECK(sales.agents_on_call == 1);
    CHECK(sales.agents_wrap_up == 1);
    CHECK(sales.agents_not_ready == 0);
    const QueueLive& support = snap.queues[1];
    CHECK(support.agents_available == 0);
    CHECK(support.agents_on_call == 0);                   // agent 2 never took a support call
    CHECK(support.agents_wrap_up == 1);
    CHECK(support.agents_not_ready == 1);
    CHECK(snap.teams[0].agents_logged_in == 2);
    CHECK(snap.teams[0].agents_available == 1);
    CHECK(snap.teams[0].agents_not_ready == 1);
    CHECK(snap.teams[1].agents_on_call == 1);
    CHECK(snap.teams[1].agents_wrap_up == 1);
    CHECK(snap.agents[3].state == AgentState::WrapUp);
    CHECK(snap.agents[3].call == 2);
    CHECK(snap.agents[3].call_queue == 1);
    // A member's time counts for the queue from the moment it joined: agent 2 from 10 s on.
    CHECK(sales.today.staffed_ms == (30 + 20 + 30) * kS);  // agents 0 and 3 all along, 2 from 10 s
    CHECK(support.today.staffed_ms == (30 + 30) * kS);     // agents 1 and 3
}

TEST_CASE("member_added and member_removed change which queues count an agent, from that moment") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Staff(kB, 0);                                        // available, sales
    s.Add(EventKind::MemberAdded, kB + 60 * kS, 0, 0, 1);  // joins support at 60 s
    s.Add(EventKind::MemberRemoved, kB + 120 * kS, 0, 0, 0);  // leaves sales at 120 s
    s.Add(EventKind::MemberAdded, kB + 130 * kS, 0, kNoAgent, 1);  // no agent: impossible
    const Snapshot snap = Run(engine, s, kB + 180 * kS);
    CHECK(snap.queues[0].agents_available == 0);
    CHECK(snap.queues[1].agents_available == 1);
    CHECK(snap.queues[0].today.available_ms == 120 * kS);
    CHECK(snap.queues[1].today.available_ms == 120 * kS);
    CHECK(snap.queues[0].today.staffed_ms == 120 * kS);
    CHECK(snap.queues[1].today.busy_ms == 0);
    CHECK(snap.agents[0].today.staffed_ms == 180 * kS);     // the agent's own time is unchanged
    CHECK(engine.stats().invalid == 1);
}

TEST_CASE("an agent seen on a call without a login is logged in from that moment") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Answered(kB, 1, 0, 0);
    s.Completed(kB + 60 * kS, 1, 0);
    s.WrapEnded(kB + 70 * kS, 0);
    const Snapshot snap = Run(engine, s, kB + 100 * kS);
    CHECK(snap.agents[0].logged_in_since_ms == kB);
    CHECK(snap.agents[0].today.staffed_ms == 100 * kS);
    CHECK(snap.agents[0].today.busy_ms == 70 * kS);
    CHECK(snap.agents[0].today.handled == 1);
}

TEST_CASE("day rollover at local midnight resets the day's counts and intervals") {
    // UTC+8: local midnight of 2026-03-03 is 2026-03-02 16:00 UTC.
    const int64_t d1 = kT0 - 8 * kH;
    const int64_t d2 = kT0 + 16 * kH;
    Engine engine(SmallCenter(), TestConfig(480));
    Stream s;
    s.Staff(d2 - kH, 0);
    s.Offered(d2 - 10 * kMin, 1, 0);
    s.Answered(d2 - 5 * kMin, 1, 0, 0);
    s.Completed(d2 + 5 * kMin, 1, 0);
    s.WrapEnded(d2 + 6 * kMin, 0);
    s.Offered(d2 + 10 * kMin, 2, 0);
    s.Answered(d2 + 11 * kMin, 2, 0, 0);
    s.Completed(d2 + 15 * kMin, 2, 0);
    s.WrapEnded(d2 + 16 * kMin, 0);
    size_t next = 0;
    auto until = [&](int64_t now) {
        while (next < s.events.size() && s.events[next].t_ms <= now) engine.Push(s.events[next++]);
        engine.AdvanceTo(now);
        return engine.TakeSnapshot();
    };
    Snapshot before = until(d2 - kMin);
    CHECK(before.day_start_ms == d1);
    CHECK(before.tz_offset_min == 480);
    CHECK(before.queues[0].today.offered == 1);
    CHECK(before.queues[0].today.answered == 1);
    CHECK(before.intervals[0].size() == 96);  // 23:59 local is the last row
    CHECK(before.agents[0].today.staffed_ms == 59 * kMin);

    // The day closes once the reorder window past midnight has elapsed, with no event needed.
    Snapshot midnight = until(d2 + 5 * kS);
    CHECK(midnight.day_start_ms == d2);
    CHECK(midnight.queues[0].today.offered == 0);
    CHECK(midnight.intervals[0].size() == 1);
    CHECK(midnight.intervals[0][0].start_ms == d2);
    CHECK(midnight.agents[0].today.staffed_ms == 5 * kS);
    CHECK(midnight.agents[0].state == AgentState::OnCall);  // live state carries over
    CHECK(midnight.agents[0].call == 1);

    const Snapshot snap = until(d2 + 20 * kMin);
    const KpiCounts& q = snap.queues[0].today;
    CHECK(q.offered == 1);   // only call 2; call 1 entered yesterday
    CHECK(q.answered == 1);
    CHECK(q.handled == 1);
    CHECK(q.talk_ms == 4 * kMin);
    const AgentLive& a = snap.agents[0];
    CHECK(a.today.handled == 1);
    CHECK(a.today.talk_ms == 4 * kMin);
    CHECK(a.today.staffed_ms == 20 * kMin);
    CHECK(StateMs(a, AgentState::OnCall) == 9 * kMin);    // 5 min of call 1 after midnight + 4 of call 2
    CHECK(StateMs(a, AgentState::WrapUp) == 2 * kMin);
    CHECK(StateMs(a, AgentState::Available) == 9 * kMin);
    CHECK(a.today.busy_ms == 11 * kMin);
    CHECK(snap.intervals[0].size() == 2);
    CHECK(snap.intervals[0][0].counts.offered == 1);
    CHECK(snap.intervals[0][0].agents_staffed == doctest::Approx(1.0));
    CHECK(snap.intervals[0][1].agents_staffed == doctest::Approx(1.0));
}

TEST_CASE("callers whose end never arrived are forgotten after a full day") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Offered(kB, 1, 0);                 // never answered or abandoned
    s.Offered(kB + kDay - kH, 2, 0);    // 07:00 the next day, still waiting
    Snapshot snap = Run(engine, s, kB + kDay);
    CHECK(snap.queues[0].waiting == 2);
    CHECK(snap.queues[0].oldest_wait_since_ms == kB);
    snap = Run(engine, Stream{}, kB + 2 * kDay - 8 * kH + 5 * kS);  // two midnights later
    CHECK(snap.queues[0].waiting == 1);
    CHECK(snap.queues[0].oldest_wait_since_ms == kB + kDay - kH);
}

TEST_CASE("daylight saving days: 92 and 100 intervals, calls where they entered, local labels") {
    TimeZone berlin;
    std::string error;
    REQUIRE(TimeZone::FromPosix("Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3", &berlin, &error));
    EngineConfig config = TestConfig();
    config.zone = berlin;
    const int64_t mar29 = berlin.StartOfDate({2026, 3, 29});  // 23 h: 02:00-03:00 never happens
    {
        Engine engine(SmallCenter(), config);
        Stream s;
        s.Staff(mar29 + 3600000, 0);                            // 01:00 local
        const int64_t at_0310 = berlin.ToUtc({{2026, 3, 29}, 3, 10, 0, 0});
        s.Offered(at_0310, 1, 0);
        s.Answered(at_0310 + 5000, 1, 0, 0);
        const Snapshot snap = Run(engine, s, at_0310 + 60000);
        CHECK(snap.day_start_ms == mar29);
        CHECK(snap.day_end_ms - snap.day_start_ms == 23 * 3600000LL);
        CHECK(snap.tz_name == "Europe/Berlin");
        REQUIRE(snap.tz_offsets.size() == 2);
        CHECK(snap.tz_offsets[0] == std::pair<int64_t, int32_t>{mar29, 60});
        CHECK(snap.tz_offsets[1].second == 120);
        CHECK(snap.tz_offset_min == 120);
        // 03:10 local is 2 h 10 min after midnight: the 9th interval, which shows as 03:00.
        REQUIRE(snap.intervals[0].size() == 9);
        const IntervalRow& row = snap.intervals[0][8];
        CHECK(row.counts.offered == 1);
        CHECK(row.start_ms == mar29 + 2 * 3600000 + 0);
        CHECK(berlin.ToCivil(row.start_ms).hour == 3);
        CHECK(LocalOffsetMin(snap, row.start_ms) == 120);
        CHECK(LocalOffsetMin(snap, mar29) == 60);
        // Staffed from 01:00 to 03:11 local: 1 h 11 min of time, the skipped hour not counted.
        CHECK(snap.agents[0].today.staffed_ms == (3600 + 11 * 60) * kS);
    }
    {
        const int64_t oct25 = berlin.StartOfDate({2026, 10, 25});  // 25 h: 02:00-03:00 twice
        Engine engine(SmallCenter(), config);
        Stream s;
        const int64_t second_0230 = oct25 + (3 * 3600 + 30 * 60) * kS;  // 02:30 CET, after 03:00 CEST
        s.Offered(second_0230, 1, 0);
        s.Abandoned(second_0230 + 3000, 1, 0);
        const int64_t late = oct25 + (24 * 3600 + 30 * 60) * kS;   // 23:30 local: the 99th interval
        s.Offered(late, 2, 0);
        const Snapshot snap = Run(engine, s, late + 1000);
        CHECK(snap.day_end_ms - snap.day_start_ms == 25 * 3600000LL);
        REQUIRE(snap.intervals[0].size() == 99);
        CHECK(snap.intervals[0][14].counts.abandoned == 1);
        CHECK(berlin.ToCivil(snap.intervals[0][14].start_ms).hour == 2);
        CHECK(LocalOffsetMin(snap, snap.intervals[0][14].start_ms) == 60);
        CHECK(LocalOffsetMin(snap, snap.intervals[0][10].start_ms) == 120);  // the first 02:30
        CHECK(snap.intervals[0][98].counts.offered == 1);
        // The day closes at the next local midnight, 25 h after this one.
        engine.AdvanceTo(oct25 + 25 * 3600000LL + 5000);
        CHECK(engine.TakeSnapshot().day_start_ms == oct25 + 25 * 3600000LL);
        CHECK(engine.TakeSnapshot().day_end_ms - engine.TakeSnapshot().day_start_ms == 24 * 3600000LL);
    }
}
