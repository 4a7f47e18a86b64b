// Engine: the intake. Duplicates and events out of order within the reorder window give the
// same snapshots as the clean stream; late events are counted and dropped; versions move.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/engine.h"
#include "core/engine_intake.h"
#include "test_engine_util.h"

using namespace cb;
using namespace cbtest;

namespace {

// A busy few minutes on both queues with every kind of event.
Stream Scenario() {
    Stream s;
    s.Staff(kB, 0);
    s.Staff(kB, 1);
    s.Staff(kB + 500, 2);
    s.Staff(kB + 700, 3);
    for (uint64_t i = 0; i < 12; ++i) {
        const int64_t t = kB + 2 * kS + static_cast<int64_t>(i) * 7 * kS;
        const uint32_t agent = static_cast<uint32_t>(i % 4);
        const uint16_t queue = static_cast<uint16_t>(agent == 1 ? 1 : (i % 3 == 0 ? 1 : 0));
        const uint64_t call = 100 + i;
        s.Offered(t, call, queue);
        if (i % 5 == 4) {
            s.Abandoned(t + 3 * kS + 300 * static_cast<int64_t>(i), call, queue);
            continue;
        }
        const int64_t answer = t + 4 * kS + 250 * static_cast<int64_t>(i);
        s.Ringing(answer - 1500, call, (agent + 1) % 4);  // a colleague rings first and lets it ring out
        s.RingNoAnswer(answer - 700, call, (agent + 1) % 4);
        s.Ringing(answer - 600, call, agent);
        s.Answered(answer, call, agent, queue);
        s.Hold(answer + 5 * kS, call, agent);
        s.Resume(answer + 9 * kS, call, agent);
        if (i % 3 == 1) s.Tag(answer + 10 * kS, call, agent, Outcome::Order, 1000 * static_cast<int64_t>(i));
        s.Completed(answer + 20 * kS + 100 * static_cast<int64_t>(i), call, agent);
        s.WrapEnded(answer + 24 * kS + 50 * static_cast<int64_t>(i), agent);
        if (i == 6) s.NotReady(answer + 25 * kS, agent, NotReadyReason::Coaching);
        if (i == 7) s.Ready(answer + 26 * kS, agent);  // only valid for agent 3, else harmless
    }
    std::stable_sort(s.events.begin(), s.events.end(),
                     [](const Event& a, const Event& b) { return a.t_ms < b.t_ms; });
    return s;
}

struct Arrival {
    int64_t at;
    Event e;
};

}  // namespace

TEST_CASE("duplicates and out-of-order events within the window give the clean stream's snapshots") {
    const Stream s = Scenario();
    const EngineConfig cfg = TestConfig();
    // Clean: every event arrives when it happens. Messy: each arrives up to half a window late
    // (so the order changes) and every third one is delivered a second time up to 30 s later.
    std::vector<Arrival> clean, messy;
    uint64_t rng = 12345;
    auto next = [&rng]() {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        return rng >> 33;
    };
    size_t dups = 0;
    for (size_t i = 0; i < s.events.size(); ++i) {
        const Event& e = s.events[i];
        clean.push_back({e.t_ms, e});
        messy.push_back({e.t_ms + static_cast<int64_t>(next() % (cfg.reorder_window_ms / 2)), e});
        if (i % 3 == 0) {
            messy.push_back({e.t_ms + static_cast<int64_t>(next() % 30000), e});
            ++dups;
        }
    }
    std::stable_sort(messy.begin(), messy.end(), [](const Arrival& a, const Arrival& b) { return a.at < b.at; });
    REQUIRE(messy.front().e.id != clean.front().e.id + 1000);  // sanity: the streams are built

    Engine a(SmallCenter(), cfg), b(SmallCenter(), cfg);
    size_t ia = 0, ib = 0;
    const int64_t end = s.events.back().t_ms + 40 * kS;
    int compared = 0;
    bool reordered = false;
    for (size_t i = 1; i < messy.size(); ++i) reordered |= messy[i].e.t_ms < messy[i - 1].e.t_ms;
    CHECK(reordered);
    for (int64_t tick = kB; tick <= end; tick += 250) {
        while (ia < clean.size() && clean[ia].at <= tick) a.Push(clean[ia++].e);
        while (ib < messy.size() && messy[ib].at <= tick) b.Push(messy[ib++].e);
        a.AdvanceTo(tick);
        b.AdvanceTo(tick);
        const std::string diff = Diff(a.TakeSnapshot(), b.TakeSnapshot());
        CAPTURE(tick - kB);
        REQUIRE(diff == "");
        ++compared;
    }
    CHECK(compared > 100);
    CHECK(a.stats().applied == b.stats().applied);
    CHECK(a.stats().invalid == b.stats().invalid);
    CHECK(b.stats().duplicates == dups);
    CHECK(b.stats().too_late == 0);
    CHECK(a.stats().duplicates == 0);
    const Snapshot final_snap = a.TakeSnapshot();
    CHECK(final_snap.queues[0].today.offered + final_snap.queues[1].today.offered == 12);
    CHECK(final_snap.teams[0].today.handled + final_snap.teams[1].today.handled == 10);
}

TEST_CASE("events older than the last applied one are counted too late and dropped") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Offered(kB, 1, 0);
    s.Offered(kB + 3 * kS, 2, 0);
    Run(engine, s, kB + 5 * kS);
    CHECK(engine.stats().applied == 2);
    Event late;
    late.id = 50;
    late.kind = EventKind::CallOffered;
    late.t_ms = kB + 2 * kS;  // before the last applied event
    late.call = 3;
    late.queue = 0;
    engine.Push(late);
    engine.Push(s.events[0]);  // a repeat of an applied event is a duplicate, not "too late"
    engine.AdvanceTo(kB + 10 * kS);
    CHECK(engine.stats().too_late == 1);
    CHECK(engine.stats().duplicates == 1);
    CHECK(engine.stats().applied == 2);
    CHECK(engine.TakeSnapshot().queues[0].waiting == 2);
    // Still within the window and not older than the last applied event: applied in order.
    late.id = 51;
    late.t_ms = kB + 9 * kS + 500;
    engine.Push(late);
    engine.AdvanceTo(kB + 11 * kS);
    CHECK(engine.stats().applied == 3);
    CHECK(engine.TakeSnapshot().queues[0].waiting == 3);
}

TEST_CASE("events wait for the reorder window; Flush applies everything") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Offered(kB, 1, 0);
    for (const Event& e : s.events) engine.Push(e);
    engine.AdvanceTo(kB + 999);
    CHECK(engine.stats().applied == 0);
    CHECK(engine.TakeSnapshot().queues[0].waiting == 0);
    engine.AdvanceTo(kB + 1000);
    CHECK(engine.stats().applied == 1);
    Event e2 = s.events[0];
    e2.id = 2;
    e2.call = 2;
    e2.t_ms = kB + 60 * kS;
    engine.Push(e2);
    engine.Flush();
    const Snapshot snap = engine.TakeSnapshot();
    CHECK(snap.queues[0].waiting == 2);
    CHECK(snap.now_ms == kB + 60 * kS);  // the clock is never behind an applied event
}

TEST_CASE("the version moves with every applied event and every clock move") {
    Engine engine(SmallCenter(), TestConfig());
    const uint64_t v0 = engine.version();
    engine.AdvanceTo(kB);
    const uint64_t v1 = engine.version();
    CHECK(v1 > v0);
    engine.AdvanceTo(kB);  // no move
    CHECK(engine.version() == v1);
    engine.AdvanceTo(kB - kS);  // backwards: ignored
    CHECK(engine.version() == v1);
    CHECK(engine.TakeSnapshot().now_ms == kB);
    Stream s;
    s.Login(kB + kS, 0);
    s.Hold(kB + kS, 9, 0);  // invalid: no change
    for (const Event& e : s.events) engine.Push(e);
    engine.AdvanceTo(kB + 3 * kS);
    CHECK(engine.version() == v1 + 2);  // one applied event, one clock move
    CHECK(engine.TakeSnapshot().version == engine.version());
    CHECK(engine.stats().invalid == 1);
    CHECK(engine.TakeSnapshot().source.empty());
    CHECK(engine.TakeSnapshot().interval_minutes == 15);
    CHECK(engine.TakeSnapshot().directory.agents.size() == 4);
}

TEST_CASE("the duplicate filter's memory is bounded by the dedup window") {
    engine_detail::EventIntake intake(1000);
    Event e;
    for (uint64_t i = 1; i <= 100000; ++i) {
        e.id = i;
        e.t_ms = static_cast<int64_t>(i);
        CHECK_FALSE(intake.IsDuplicate(e));
    }
    CHECK(intake.RememberedIds() <= 1001);
    e.id = 99500;
    e.t_ms = 99500;
    CHECK(intake.IsDuplicate(e));
    e.id = 5;  // forgotten long ago
    e.t_ms = 5;
    CHECK_FALSE(intake.IsDuplicate(e));
    e.id = 0;  // no id: never a duplicate
    CHECK_FALSE(intake.IsDuplicate(e));
    CHECK_FALSE(intake.IsDuplicate(e));
}

TEST_CASE("events with unknown agents or queues are counted invalid and change nothing") {
    Engine engine(SmallCenter(), TestConfig());
    Stream s;
    s.Offered(kB, 1, 7);                   // no queue 7
    s.Login(kB, 42);                       // no agent 42
    s.Offered(kB, 0, 0);                   // call key 0
    s.Add(EventKind::kCount, kB);          // not an event kind
    s.Staff(kB, 0);
    s.Ringing(kB + kS, 2, 0);
    s.events.back().queue = 9;             // unknown queue on a ring: kept, without a queue
    const Snapshot snap = Run(engine, s, kB + 10 * kS);
    CHECK(engine.stats().invalid == 4);
    CHECK(engine.stats().applied == 3);
    CHECK(snap.queues[0].waiting == 0);
    CHECK(snap.queues[0].today.offered == 0);
    CHECK(snap.agents[0].state == AgentState::Ringing);
    CHECK(snap.agents[0].call_queue == kNoQueue);
}
