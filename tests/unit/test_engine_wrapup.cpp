// Wrap-up that ends by itself: queues whose phone system allows a fixed after-call time
// (Asterisk's wrapuptime) and never reports the end of wrap-up.
#include <doctest/doctest.h>

#include "test_engine_util.h"

using namespace cb;
using namespace cbtest;

namespace {

int64_t WrapStateMs(const AgentLive& a, AgentState s) { return a.state_ms_today[static_cast<int>(s)]; }

Directory CenterWithWrapUp(int32_t sales_wrap_up_s) {
    Directory d = SmallCenter();
    d.queues[0].wrap_up_s = sales_wrap_up_s;
    return d;
}

}  // namespace

TEST_CASE("a queue's wrap-up allowance ends wrap-up by itself and the call counts as handled") {
    Engine engine(CenterWithWrapUp(30), TestConfig());
    Stream s;
    s.Login(kB, 0);
    s.Ready(kB, 0);
    s.Offered(kB + 10 * kS, 5, 0);
    s.Answered(kB + 14 * kS, 5, 0, 0);
    s.Completed(kB + 134 * kS, 5, 0);  // 120 s talk, then 30 s allowed wrap-up
    Snapshot mid = Run(engine, s, kB + 150 * kS);
    CHECK(mid.agents[0].state == AgentState::WrapUp);
    CHECK(mid.queues[0].today.handled == 0);

    engine.AdvanceTo(kB + 200 * kS);
    Snapshot after = engine.TakeSnapshot();
    const AgentLive& a = after.agents[0];
    CHECK(a.state == AgentState::Available);
    CHECK(a.state_since_ms == kB + 164 * kS);  // completion + 30 s, not when the clock got there
    CHECK(a.call == 0);
    CHECK(a.today.handled == 1);
    CHECK(a.today.talk_ms == 120 * kS);
    CHECK(a.today.wrap_ms == 30 * kS);
    CHECK(after.queues[0].today.handled == 1);
    CHECK(WrapStateMs(a, AgentState::WrapUp) == 30 * kS);
    CHECK(WrapStateMs(a, AgentState::Available) == (14 + 36) * kS);
}

TEST_CASE("an earlier end of wrap-up or a next state wins, and a stale allowance changes nothing") {
    Engine engine(CenterWithWrapUp(60), TestConfig());
    Stream s;
    s.Login(kB, 0);
    s.Ready(kB, 0);
    s.Offered(kB + 1 * kS, 1, 0);
    s.Answered(kB + 2 * kS, 1, 0, 0);
    s.Completed(kB + 62 * kS, 1, 0);              // allowance would end at 122 s
    s.NotReady(kB + 70 * kS, 0, NotReadyReason::Break);  // the agent goes on break first
    s.Ready(kB + 100 * kS, 0);
    s.Offered(kB + 110 * kS, 2, 0);
    s.Answered(kB + 111 * kS, 2, 0, 0);           // on the next call when the old allowance runs out
    Snapshot snap = Run(engine, s, kB + 130 * kS);
    const AgentLive& a = snap.agents[0];
    CHECK(a.state == AgentState::OnCall);
    CHECK(a.call == 2);
    CHECK(a.today.handled == 1);
    CHECK(a.today.wrap_ms == 8 * kS);
}

TEST_CASE("queues without an allowance keep wrap-up until the source says otherwise") {
    Engine engine(CenterWithWrapUp(0), TestConfig());
    Stream s;
    s.Login(kB, 0);
    s.Ready(kB, 0);
    s.Offered(kB + 1 * kS, 1, 0);
    s.Answered(kB + 2 * kS, 1, 0, 0);
    s.Completed(kB + 62 * kS, 1, 0);
    Snapshot snap = Run(engine, s, kB + 3600 * kS);
    CHECK(snap.agents[0].state == AgentState::WrapUp);
    CHECK(snap.agents[0].today.handled == 0);
}

TEST_CASE("a phone system that ends wrap-up itself with no allowance frees the agent as the call ends") {
    // Asterisk's default (wrapuptime=0): queue_log never reports wrap-up, and the idle time until
    // the agent's next line is not after-call work.
    Directory d = CenterWithWrapUp(0);
    d.queues[0].wrap_up_by_system = true;
    Engine engine(d, TestConfig());
    Stream s;
    s.Login(kB, 0);
    s.Ready(kB, 0);
    s.Offered(kB + 1 * kS, 1, 0);
    s.Answered(kB + 2 * kS, 1, 0, 0);
    s.Completed(kB + 62 * kS, 1, 0);
    Snapshot snap = Run(engine, s, kB + 3600 * kS);
    const AgentLive& a = snap.agents[0];
    CHECK(a.state == AgentState::Available);
    CHECK(a.state_since_ms == kB + 62 * kS);
    CHECK(a.today.handled == 1);
    CHECK(a.today.talk_ms == 60 * kS);
    CHECK(a.today.wrap_ms == 0);
    CHECK(snap.queues[0].today.handled == 1);
    CHECK(WrapStateMs(a, AgentState::WrapUp) == 0);
}

TEST_CASE("a phone system that ends wrap-up itself counts exactly its allowance") {
    Directory d = CenterWithWrapUp(15);
    d.queues[0].wrap_up_by_system = true;
    Engine engine(d, TestConfig());
    Stream s;
    s.Login(kB, 0);
    s.Ready(kB, 0);
    s.Offered(kB + 1 * kS, 1, 0);
    s.Answered(kB + 2 * kS, 1, 0, 0);
    s.Completed(kB + 62 * kS, 1, 0);
    s.NotReady(kB + 900 * kS, 0, NotReadyReason::Break);  // long after the allowance
    Snapshot snap = Run(engine, s, kB + 1000 * kS);
    const AgentLive& a = snap.agents[0];
    CHECK(a.today.handled == 1);
    CHECK(a.today.wrap_ms == 15 * kS);
    CHECK(WrapStateMs(a, AgentState::Available) == (2 + 900 - 77) * kS);
}

TEST_CASE("Flush ends the wrap-ups whose allowance ran out by the last event") {
    Engine engine(CenterWithWrapUp(20), TestConfig());
    Stream s;
    s.Login(kB, 0);
    s.Ready(kB, 0);
    s.Login(kB, 2);
    s.Ready(kB, 2);
    s.Offered(kB + 1 * kS, 1, 0);
    s.Answered(kB + 2 * kS, 1, 0, 0);
    s.Completed(kB + 10 * kS, 1, 0);              // allowance ends at 30 s
    s.Offered(kB + 40 * kS, 2, 0);
    s.Answered(kB + 41 * kS, 2, 2, 0);            // the import's last event
    for (const Event& e : s.events) engine.Push(e);
    engine.Flush();
    Snapshot snap = engine.TakeSnapshot();
    CHECK(snap.agents[0].state == AgentState::Available);
    CHECK(snap.agents[0].today.wrap_ms == 20 * kS);
    CHECK(snap.agents[2].state == AgentState::OnCall);
}
