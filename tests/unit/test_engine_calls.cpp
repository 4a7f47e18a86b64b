// Engine: call counting rules (docs/metrics.md) with hand-computed numbers.
#include <doctest/doctest.h>

#include "core/engine.h"
#include "test_engine_util.h"

using namespace cb;
using namespace cbtest;

TEST_CASE("a call's wait, talk, hold and wrap-up are split and counted once handled") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Staff(kB, 0);                      // not ready 0 s: login and ready at the same moment
    s.Offered(kB + 100 * kS, 1, 0);
    s.Ringing(kB + 105 * kS, 1, 0);
    s.Answered(kB + 115 * kS, 1, 0, 0);  // wait 15 s
    s.Hold(kB + 175 * kS, 1, 0);         // talk 60 s
    s.Resume(kB + 205 * kS, 1, 0);       // hold 30 s
    s.Completed(kB + 315 * kS, 1, 0);    // talk 110 s more
    s.WrapEnded(kB + 345 * kS, 0);       // wrap 30 s

    // Streaming: look at the live state along the way.
    size_t next = 0;
    auto until = [&](int64_t now) {
        while (next < s.events.size() && s.events[next].t_ms <= now) engine.Push(s.events[next++]);
        engine.AdvanceTo(now);
        return engine.TakeSnapshot();
    };
    Snapshot ringing = until(kB + 110 * kS);
    CHECK(ringing.queues[0].waiting == 1);
    CHECK(ringing.queues[0].oldest_wait_since_ms == kB + 100 * kS);
    CHECK(ringing.agents[0].state == AgentState::Ringing);
    CHECK(ringing.agents[0].call == 1);
    CHECK(ringing.queues[0].agents_on_call == 1);

    Snapshot talking = until(kB + 180 * kS);
    CHECK(talking.queues[0].waiting == 0);
    CHECK(talking.queues[0].oldest_wait_since_ms == 0);
    CHECK(talking.agents[0].state == AgentState::OnHold);
    CHECK(talking.agents[0].call_since_ms == kB + 115 * kS);
    CHECK(talking.agents[0].call_queue == 0);
    CHECK(talking.agents[0].today.handled == 0);   // not handled until wrap-up ends
    CHECK(talking.agents[0].today.talk_ms == 0);
    CHECK(talking.queues[0].today.answered == 1);

    Snapshot wrap = until(kB + 330 * kS);
    CHECK(wrap.agents[0].state == AgentState::WrapUp);
    CHECK(wrap.agents[0].call == 1);

    const Snapshot snap = until(kB + 401 * kS);
    const AgentLive& a = snap.agents[0];
    CHECK(a.state == AgentState::Available);
    CHECK(a.state_since_ms == kB + 345 * kS);
    CHECK(a.call == 0);
    CHECK(a.today.answered == 1);
    CHECK(a.today.answered_within_t == 1);
    CHECK(a.today.wait_answered_ms == 15 * kS);
    CHECK(a.today.handled == 1);
    CHECK(a.today.talk_ms == 170 * kS);
    CHECK(a.today.hold_ms == 30 * kS);
    CHECK(a.today.wrap_ms == 30 * kS);
    CHECK(a.today.longest_talk_ms == 170 * kS);
    CHECK(a.today.longest_wait_ms == 15 * kS);
    CHECK(Aht(a.today).value == doctest::Approx(230000.0));
    CHECK(AverageTalk(a.today).value == doctest::Approx(170000.0));
    // Time in state, open Available spell included up to now (kB + 400 s).
    CHECK(a.state_ms_today[static_cast<int>(AgentState::NotReady)] == 0);
    CHECK(a.state_ms_today[static_cast<int>(AgentState::Available)] == (105 + 55 + 1) * kS);
    CHECK(a.state_ms_today[static_cast<int>(AgentState::Ringing)] == 10 * kS);
    CHECK(a.state_ms_today[static_cast<int>(AgentState::OnCall)] == 170 * kS);
    CHECK(a.state_ms_today[static_cast<int>(AgentState::OnHold)] == 30 * kS);
    CHECK(a.state_ms_today[static_cast<int>(AgentState::WrapUp)] == 30 * kS);
    CHECK(a.today.staffed_ms == 401 * kS);
    CHECK(a.today.busy_ms == 240 * kS);
    CHECK(a.today.available_ms == 161 * kS);

    const QueueLive& q = snap.queues[0];
    CHECK(q.today.offered == 1);
    CHECK(q.today.answered == 1);
    CHECK(q.today.handled == 1);
    CHECK(q.today.talk_ms == 170 * kS);
    CHECK(q.today.hold_ms == 30 * kS);
    CHECK(q.today.wrap_ms == 30 * kS);
    CHECK(q.agents_available == 1);
    CHECK(q.today.busy_ms == 240 * kS);
    CHECK(snap.teams[0].today.handled == 1);
    CHECK(snap.teams[0].agents_logged_in == 1);
    CHECK(snap.teams[1].today.handled == 0);
    // 08:00 is row 32; rows exist up to the interval containing now.
    REQUIRE(snap.intervals[0].size() == 33);
    CHECK(snap.intervals[0][32].start_ms == kB);
    CHECK(snap.intervals[0][32].counts.offered == 1);
    CHECK(snap.intervals[0][31].counts.offered == 0);
    CHECK(snap.intervals[1][32].counts.offered == 0);
}

TEST_CASE("a call spanning an interval boundary is counted once, in its entry interval") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Staff(kB, 0);
    s.Offered(kB + 14 * kMin + 50 * kS, 1, 0);
    s.Offered(kB + 14 * kMin + 55 * kS, 2, 0);
    s.Answered(kB + 15 * kMin + 10 * kS, 1, 0, 0);  // wait 20 s: within T (<= 20 s)
    s.Abandoned(kB + 15 * kMin + 30 * kS, 2, 0);    // wait 35 s
    s.Completed(kB + 20 * kMin, 1, 0);              // talk 4 min 50 s
    s.WrapEnded(kB + 21 * kMin, 0);
    s.Staff(kB + 22 * kMin + 30 * kS, 3);           // second agent with the skill, half of row 33
    const Snapshot snap = Run(engine, s, kB + 31 * kMin);

    const auto& rows = snap.intervals[0];
    REQUIRE(rows.size() == 35);
    const KpiCounts& r32 = rows[32].counts;
    CHECK(r32.offered == 2);
    CHECK(r32.answered == 1);
    CHECK(r32.answered_within_t == 1);
    CHECK(r32.abandoned == 1);
    CHECK(r32.abandoned_within_t == 0);
    CHECK(r32.short_abandoned == 0);
    CHECK(r32.wait_abandoned_ms == 35 * kS);
    CHECK(r32.handled == 1);
    CHECK(r32.talk_ms == 290 * kS);
    CHECK(r32.wrap_ms == 60 * kS);
    CHECK(r32.longest_wait_ms == 35 * kS);
    const KpiCounts& r33 = rows[33].counts;
    CHECK(r33.offered == 0);
    CHECK(r33.answered == 0);
    CHECK(r33.abandoned == 0);
    CHECK(r33.handled == 0);
    CHECK(snap.queues[0].today.offered == 2);
    CHECK(snap.queues[0].today.answered == 1);
    CHECK(ServiceLevel(snap.queues[0].today, snap.directory.queues[0].sl).value == doctest::Approx(0.5));
    // Staffing: one agent all of row 32; one plus a half in row 33; two for the first minute of row 34.
    CHECK(rows[32].agents_staffed == doctest::Approx(1.0));
    CHECK(rows[33].agents_staffed == doctest::Approx(1.5));
    CHECK(rows[34].agents_staffed == doctest::Approx(2.0));
    CHECK(rows[31].agents_staffed == doctest::Approx(0.0));
    CHECK(rows[33].counts.staffed_ms == 1350 * kS);
    // Agent 3 also has support; agent 0 does not.
    CHECK(snap.intervals[1][33].agents_staffed == doctest::Approx(0.5));
}

TEST_CASE("short abandons are excluded from abandon rate and the less-short service level") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Staff(kB, 0);
    s.Staff(kB, 3);
    s.Offered(kB + 0 * kS, 1, 0);
    s.Offered(kB + 1 * kS, 2, 0);
    s.Offered(kB + 2 * kS, 3, 0);
    s.Offered(kB + 3 * kS, 4, 0);
    s.Abandoned(kB + 3 * kS, 1, 0);    // 3 s: short
    s.Abandoned(kB + 6 * kS, 2, 0);    // 5 s: short (<= threshold)
    s.Offered(kB + 10 * kS, 5, 0);
    s.Offered(kB + 11 * kS, 6, 0);
    s.Abandoned(kB + 14 * kS, 3, 0);   // 12 s: within T, not short
    s.Answered(kB + 25 * kS, 5, 0, 0); // 15 s: within T
    s.Answered(kB + 41 * kS, 6, 3, 0); // 30 s: late
    s.Abandoned(kB + 43 * kS, 4, 0);   // 40 s: after T

    size_t next = 0;
    auto until = [&](int64_t now) {
        while (next < s.events.size() && s.events[next].t_ms <= now) engine.Push(s.events[next++]);
        engine.AdvanceTo(now);
        return engine.TakeSnapshot();
    };
    Snapshot early = until(kB + 5 * kS);  // applied up to kB + 4 s
    CHECK(early.queues[0].waiting == 3);
    CHECK(early.queues[0].oldest_wait_since_ms == kB + 1 * kS);
    Snapshot mid = until(kB + 12 * kS);
    CHECK(mid.queues[0].waiting == 4);
    CHECK(mid.queues[0].oldest_wait_since_ms == kB + 2 * kS);
    const Snapshot snap = until(kB + 60 * kS);
    CHECK(snap.queues[0].waiting == 0);

    const KpiCounts& c = snap.queues[0].today;
    CHECK(c.offered == 6);
    CHECK(c.answered == 2);
    CHECK(c.answered_within_t == 1);
    CHECK(c.abandoned == 4);
    CHECK(c.abandoned_within_t == 3);
    CHECK(c.short_abandoned == 2);
    CHECK(c.wait_abandoned_ms == 60 * kS);
    CHECK(c.wait_answered_ms == 45 * kS);
    CHECK(c.longest_wait_ms == 40 * kS);
    CHECK(AbandonRate(c).numerator == 2);
    CHECK(AbandonRate(c).denominator == 4);
    const Ratio sl = ServiceLevel(c, snap.directory.queues[0].sl);  // answered within T / (offered - short)
    CHECK(sl.numerator == 1);
    CHECK(sl.denominator == 4);
    CHECK(Asa(c).value == doctest::Approx(22500.0));
}

TEST_CASE("exits and ring-no-answer are counted for the queue and the agent") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Staff(kB, 0);
    s.Staff(kB, 3);
    s.Offered(kB, 1, 0);
    s.Ringing(kB + 5 * kS, 1, 0);
    s.RingNoAnswer(kB + 20 * kS, 1, 0);
    s.Answered(kB + 30 * kS, 1, 3, 0);
    s.Offered(kB + 40 * kS, 2, 1);
    s.Exited(kB + 100 * kS, 2, 1);
    const Snapshot snap = Run(engine, s, kB + 120 * kS);
    CHECK(snap.agents[0].state == AgentState::Available);
    CHECK(snap.agents[0].state_since_ms == kB + 20 * kS);
    CHECK(snap.agents[0].today.ring_noanswer == 1);
    CHECK(snap.queues[0].today.ring_noanswer == 1);
    CHECK(snap.teams[0].today.ring_noanswer == 1);
    CHECK(snap.agents[3].today.answered == 1);
    CHECK(snap.agents[3].today.answered_within_t == 0);  // 30 s > 20 s
    CHECK(snap.queues[0].today.wait_answered_ms == 30 * kS);
    CHECK(snap.queues[1].today.offered == 1);
    CHECK(snap.queues[1].today.exited == 1);
    CHECK(snap.queues[1].today.abandoned == 0);
    CHECK(snap.queues[1].today.longest_wait_ms == 60 * kS);
    CHECK(snap.queues[1].waiting == 0);
}

TEST_CASE("a transfer counts for the transferring agent and queue; the new leg for the target queue") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Staff(kB, 0);
    s.Staff(kB, 1);
    s.Offered(kB, 1, 0);
    s.Answered(kB + 10 * kS, 1, 0, 0);
    s.Transferred(kB + 70 * kS, 1, 0, 1);
    s.Offered(kB + 71 * kS, 1, 1);
    s.Answered(kB + 75 * kS, 1, 1, 1);
    s.WrapEnded(kB + 80 * kS, 0);
    s.Completed(kB + 135 * kS, 1, 1);
    s.WrapEnded(kB + 140 * kS, 1);
    const Snapshot snap = Run(engine, s, kB + 200 * kS);
    const KpiCounts& a0 = snap.agents[0].today;
    CHECK(a0.transferred == 1);
    CHECK(a0.handled == 1);
    CHECK(a0.talk_ms == 60 * kS);
    CHECK(a0.wrap_ms == 10 * kS);
    const KpiCounts& q0 = snap.queues[0].today;
    CHECK(q0.offered == 1);
    CHECK(q0.answered == 1);
    CHECK(q0.transferred == 1);
    CHECK(q0.handled == 1);
    const KpiCounts& q1 = snap.queues[1].today;
    CHECK(q1.offered == 1);
    CHECK(q1.answered == 1);
    CHECK(q1.wait_answered_ms == 4 * kS);
    CHECK(q1.transferred == 0);
    CHECK(q1.handled == 1);
    CHECK(q1.talk_ms == 60 * kS);
    CHECK(q1.wrap_ms == 5 * kS);
    CHECK(snap.agents[1].today.transferred == 0);
    const KpiCounts& team = snap.teams[0].today;
    CHECK(team.transferred == 1);
    CHECK(team.handled == 2);
    CHECK(team.answered == 2);
    CHECK(team.talk_ms == 120 * kS);
}

TEST_CASE("orders and complaints count for the agent, the team and the queue of the call") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Staff(kB, 0);
    s.Staff(kB, 3);
    s.Offered(kB, 1, 0);
    s.Answered(kB + 10 * kS, 1, 0, 0);
    s.Tag(kB + 50 * kS, 1, 0, Outcome::Order, 2000000);     // during the call
    s.Completed(kB + 60 * kS, 1, 0);
    s.WrapEnded(kB + 70 * kS, 0);
    s.Tag(kB + 80 * kS, 1, 0, Outcome::Order, 500000);      // after wrap-up: still the call's queue
    s.Tag(kB + 90 * kS, 1, 0, Outcome::Complaint);
    s.Tag(kB + 95 * kS, 1, 0, Outcome::Resolved);           // recorded, no count
    s.Offered(kB + 5 * kS, 2, 1);
    s.Answered(kB + 20 * kS, 2, 3, 1);
    s.Tag(kB + 30 * kS, 2, 3, Outcome::Order, 70000);
    const Snapshot snap = Run(engine, s, kB + 120 * kS);
    CHECK(snap.agents[0].today.orders == 2);
    CHECK(snap.agents[0].today.order_value_cents == 2500000);
    CHECK(snap.agents[0].today.complaints == 1);
    CHECK(snap.queues[0].today.orders == 2);
    CHECK(snap.queues[0].today.order_value_cents == 2500000);
    CHECK(snap.queues[0].today.complaints == 1);
    CHECK(snap.intervals[0][32].counts.orders == 2);
    CHECK(snap.teams[0].today.orders == 2);
    CHECK(snap.teams[0].today.order_value_cents == 2500000);
    CHECK(snap.teams[1].today.orders == 1);
    CHECK(snap.teams[1].today.order_value_cents == 70000);
    CHECK(snap.teams[1].today.complaints == 0);
    CHECK(snap.queues[1].today.orders == 1);
    CHECK(snap.queues[1].today.order_value_cents == 70000);
    CHECK(engine.stats().applied == s.events.size());
}

TEST_CASE("a source without WrapUpEnded or CallOffered: the next state change ends the wrap-up") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Staff(kB - 10 * kS, 0);
    s.Answered(kB, 1, 0, 0);                                // no entry seen, no wait stated: wait 0
    s.Completed(kB + 100 * kS, 1, 0);
    s.Ready(kB + 120 * kS, 0);                              // wrap 20 s
    s.Answered(kB + 200 * kS, 2, 0, 0).wait_ms = 0;
    s.Completed(kB + 300 * kS, 2, 0);
    s.Answered(kB + 310 * kS, 3, 0, 0).wait_ms = 25000;     // ends wrap of call 2: 10 s
    s.Completed(kB + 400 * kS, 3, 0);
    s.NotReady(kB + 450 * kS, 0, NotReadyReason::Break);    // wrap 50 s
    const Snapshot snap = Run(engine, s, kB + 500 * kS);
    const KpiCounts& a = snap.agents[0].today;
    CHECK(a.handled == 3);
    CHECK(a.wrap_ms == 80 * kS);
    CHECK(a.talk_ms == 290 * kS);
    CHECK(a.answered == 3);
    CHECK(a.answered_within_t == 2);
    CHECK(Aht(a).total == 370 * kS);
    CHECK(snap.agents[0].state == AgentState::NotReady);
    CHECK(snap.agents[0].reason == NotReadyReason::Break);
    const KpiCounts& q = snap.queues[0].today;
    CHECK(q.offered == 3);  // counted at answer when no CallOffered was seen
    CHECK(q.answered == 3);
    CHECK(q.answered_within_t == 2);
    CHECK(q.wait_answered_ms == 25000);
    CHECK(q.handled == 3);
    // Call 3 entered 25 s before its answer: still row 32 (08:05:10 - 25 s).
    CHECK(snap.intervals[0][32].counts.offered == 3);
    CHECK(engine.stats().invalid == 0);
}
