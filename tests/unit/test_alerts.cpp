// Alert rules and the alert engine (core/alert): the flap percentages of the reference, the
// hysteresis dead-band against a metric oscillating around its threshold, pending and cooldown
// timing on the engine's clock, acknowledge / snooze / resolve with the user, combined
// conditions, validation with the field at fault, and routing to the right lead only.
#include <doctest/doctest.h>

#include <string>
#include <vector>
#include "core/alert/alert_engine.h"
#include "core/alert/alert_rule.h"

using namespace cb;
using namespace cb::alert;

namespace {

// orders queue; teams north (agents a1, a2) and south (a3).
Snapshot Center() {
    Snapshot s;
    s.now_ms = 1'000'000'000;
    QueueInfo q;
    q.key = "orders";
    s.directory.queues.push_back(q);
    for (const char* key : {"north", "south"}) {
        TeamInfo t;
        t.key = key;
        s.directory.teams.push_back(t);
    }
    const char* keys[] = {"a1", "a2", "a3"};
    for (int i = 0; i < 3; ++i) {
        AgentInfo a;
        a.key = keys[i];
        a.team = i < 2 ? 0 : 1;
        a.skills = 1;
        s.directory.agents.push_back(a);
    }
    s.queues.resize(1);
    s.teams.resize(2);
    s.agents.resize(3);
    for (AgentLive& a : s.agents) {
        a.state = AgentState::Available;
        a.state_since_ms = s.now_ms;
    }
    return s;
}

void SetOldestWait(Snapshot* s, double seconds) {
    s->queues[0].waiting = seconds > 0 ? 1 : 0;
    s->queues[0].oldest_wait_since_ms = s->now_ms - static_cast<int64_t>(seconds * 1000);
}

Rule OldestWaitRule(double warning, double clear, int pending_s, int cooldown_s) {
    Rule r;
    r.id = 1;
    r.name = "oldest wait";
    r.scope = ScopeKind::Queue;
    r.scope_key = "orders";
    r.conditions.push_back({Metric::OldestWait, Comparator::Above, warning, warning * 2, clear, ""});
    r.pending_s = pending_s;
    r.cooldown_s = cooldown_s;
    return r;
}

int Count(const std::vector<Change>& changes, State to) {
    int n = 0;
    for (const Change& c : changes) n += c.to == to && c.from != to ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("flap detection reproduces the reference's three percentages exactly") {
    std::vector<bool> alternating;
    for (int i = 0; i < 21; ++i) alternating.push_back(i % 2 == 1);
    CHECK(FlapPercent(alternating) == doctest::Approx(99.00).epsilon(1e-12));

    std::vector<bool> one_change(21, false);
    one_change.back() = true;
    CHECK(FlapPercent(one_change) == doctest::Approx(5.90).epsilon(1e-12));

    // Steady for the first 10 samples, then alternating: the newest 11 transitions change
    // (the step into the alternation and the 10 alternations).
    std::vector<bool> late(10, false);
    for (int i = 0; i < 11; ++i) late.push_back(i % 2 == 0);
    CHECK(FlapPercent(late) == doctest::Approx(59.40).epsilon(1e-12));

    CHECK(FlapPercent(std::vector<bool>(21, true)) == 0.0);
    // Only the last 21 samples count.
    std::vector<bool> longer(30, false);
    longer.push_back(true);
    CHECK(FlapPercent(longer) == doctest::Approx(5.90).epsilon(1e-12));
}

TEST_CASE("a metric oscillating 1 % around its threshold for 10 minutes with a 5 % dead-band fires once at most") {
    Snapshot s = Center();
    Engine engine;
    Rule r = OldestWaitRule(100, 95, 30, 300);
    engine.SetRules({r}, s.now_ms);
    std::vector<Change> all;
    const int64_t start = s.now_ms;
    for (int t = 0; t <= 600; ++t) {  // every second for 10 minutes
        s.now_ms = start + t * 1000LL;
        const bool high = (t / 10) % 2 == 0;  // 101 s for 10 s, then 99 s for 10 s
        SetOldestWait(&s, high ? 101 : 99);
        for (Change& c : engine.Evaluate({&s, s.now_ms, -1})) all.push_back(std::move(c));
    }
    CHECK(Count(all, State::Firing) <= 1);
    CHECK(Count(all, State::Resolved) <= 1);
    CHECK(Count(all, State::Firing) == 1);  // it is bad and stays bad: one alert, not zero

    // The same without a dead-band never fires at all: it never holds for the 30 s pending period.
    Engine bare;
    bare.SetRules({OldestWaitRule(100, 100, 30, 300)}, start);
    int fired = 0;
    for (int t = 0; t <= 600; ++t) {
        s.now_ms = start + t * 1000LL;
        SetOldestWait(&s, (t / 10) % 2 == 0 ? 101 : 99);
        fired += Count(bare.Evaluate({&s, s.now_ms, -1}), State::Firing);
    }
    CHECK(fired == 0);
}

TEST_CASE("without pending or dead-band an oscillating metric is detected as flapping and stops notifying") {
    Snapshot s = Center();
    Engine engine;
    Rule r = OldestWaitRule(100, 100, 0, 0);
    r.flap_sample_s = 10;
    engine.SetRules({r}, s.now_ms);
    const int64_t start = s.now_ms;
    int notified = 0, fired = 0;
    bool flapped = false;
    for (int t = 0; t <= 600; ++t) {
        s.now_ms = start + t * 1000LL;
        SetOldestWait(&s, (t / 10) % 2 == 0 ? 101 : 99);
        for (const Change& c : engine.Evaluate({&s, s.now_ms, -1})) {
            if (c.to == State::Firing) ++fired;
            if (c.notify) ++notified;
            flapped = flapped || c.flapping;
        }
    }
    CHECK(fired == 31);
    CHECK(flapped);
    // Notifications until the history shows flapping (50 % after a few alternations), then none.
    CHECK(notified < 12);
    const Instance* inst = engine.Find(1, {ScopeKind::Queue, "orders", ""});
    REQUIRE(inst);
    CHECK(inst->flapping);
    CHECK(inst->flap_percent == doctest::Approx(99.0));
}

TEST_CASE("pending period and cooldown run on the engine's clock") {
    Snapshot s = Center();
    Engine engine;
    engine.SetRules({OldestWaitRule(60, 45, 30, 300)}, s.now_ms);
    const int64_t t0 = s.now_ms;
    auto at = [&](int64_t seconds, double wait) {
        s.now_ms = t0 + seconds * 1000;
        SetOldestWait(&s, wait);
        return engine.Evaluate({&s, s.now_ms, -1});
    };
    std::vector<Change> c = at(0, 61);
    REQUIRE(c.size() == 1);
    CHECK(c[0].to == State::Pending);
    CHECK(at(29, 70).empty());  // 29 s pending: not yet
    c = at(30, 70);
    REQUIRE(c.size() == 1);
    CHECK(c[0].from == State::Pending);
    CHECK(c[0].to == State::Firing);
    CHECK(c[0].notify);
    CHECK(c[0].value == doctest::Approx(70));
    CHECK(c[0].severity == Severity::Warning);
    // Hysteresis: below 60 but not below 45 stays firing.
    CHECK(at(40, 50).empty());
    c = at(41, 44);
    REQUIRE(c.size() == 1);
    CHECK(c[0].to == State::Resolved);
    CHECK(c[0].notify);
    // Bad again 100 s after the first notification: fires after its pending period, silently
    // (cooldown 300 s).
    at(100, 61);
    c = at(130, 61);
    REQUIRE(c.size() == 1);
    CHECK(c[0].to == State::Firing);
    CHECK_FALSE(c[0].notify);
    CHECK(c[0].note == "cooldown");
    // Escalation to critical (above 120) is a change of its own.
    c = at(131, 121);
    REQUIRE(c.size() == 1);
    CHECK(c[0].severity == Severity::Critical);
    CHECK(c[0].note == "critical");
    // Resolved and bad again after the cooldown: notifies again.
    at(140, 10);
    at(440, 61);
    c = at(470, 61);  // 339 s after the last notification (the escalation at 131 s)
    REQUIRE(c.size() == 1);
    CHECK(c[0].notify);
    // A condition that stops holding while pending goes back to normal.
    Engine e2;
    e2.SetRules({OldestWaitRule(60, 45, 30, 300)}, t0);
    s.now_ms = t0;
    SetOldestWait(&s, 61);
    e2.Evaluate({&s, s.now_ms, -1});
    s.now_ms = t0 + 10000;
    SetOldestWait(&s, 30);
    c = e2.Evaluate({&s, s.now_ms, -1});
    REQUIRE(c.size() == 1);
    CHECK(c[0].to == State::Normal);
}

TEST_CASE("acknowledge, snooze (15 min) and resolve record the user") {
    Snapshot s = Center();
    Engine engine;
    engine.SetRules({OldestWaitRule(60, 45, 0, 0)}, s.now_ms);
    const int64_t t0 = s.now_ms;
    SetOldestWait(&s, 90);
    REQUIRE(engine.Evaluate({&s, t0, -1}).size() == 1);
    const Subject orders{ScopeKind::Queue, "orders", ""};
    Change c;
    std::string error;
    REQUIRE(engine.Snooze(1, orders, kDefaultSnoozeMin, "lead.north", t0 + 1000, &c, &error));
    CHECK(c.to == State::Acknowledged);
    CHECK(c.user == "lead.north");
    CHECK(c.note == "snoozed 15 min");
    CHECK(engine.Active().at(0).by == "lead.north");
    CHECK(engine.Evaluate({&s, t0 + 1000 + 15 * 60000 - 1, -1}).empty());
    std::vector<Change> back = engine.Evaluate({&s, t0 + 1000 + 15 * 60000, -1});
    REQUIRE(back.size() == 1);
    CHECK(back[0].to == State::Firing);
    CHECK(back[0].note == "snooze ended");
    REQUIRE(engine.Acknowledge(1, orders, "sup", t0 + 2000000, &c, &error));
    CHECK(c.user == "sup");
    // Acknowledged stays acknowledged while bad.
    CHECK(engine.Evaluate({&s, t0 + 9000000, -1}).empty());
    REQUIRE(engine.Resolve(1, orders, "sup", t0 + 9001000, &c, &error));
    CHECK(c.to == State::Resolved);
    CHECK(c.user == "sup");
    // Resolved by hand while still bad: it does not fire again until it has cleared.
    CHECK(engine.Evaluate({&s, t0 + 9002000, -1}).empty());
    CHECK(engine.Active().empty());
    CHECK_FALSE(engine.Acknowledge(1, orders, "sup", t0 + 9003000, &c, &error));
    CHECK(error == "no active alert of rule 1 for queue orders");
    SetOldestWait(&s, 10);
    CHECK(engine.Evaluate({&s, t0 + 9004000, -1}).empty());
    SetOldestWait(&s, 90);
    CHECK(engine.Evaluate({&s, t0 + 9005000, -1}).at(0).to == State::Firing);
}

TEST_CASE("conditions combine with AND: oldest wait above 60 s and nobody available") {
    Snapshot s = Center();
    Rule r = OldestWaitRule(60, 45, 0, 0);
    r.conditions.push_back({Metric::AgentsAvailable, Comparator::Below, 1, 1, 1, ""});
    REQUIRE(ValidateRule(r, nullptr));
    Engine engine;
    engine.SetRules({r}, s.now_ms);
    SetOldestWait(&s, 90);
    s.queues[0].agents_available = 2;
    CHECK(engine.Evaluate({&s, s.now_ms, -1}).empty());
    s.queues[0].agents_available = 0;
    std::vector<Change> c = engine.Evaluate({&s, s.now_ms + 1000, -1});
    REQUIRE(c.size() == 1);
    CHECK(c[0].to == State::Firing);
}

TEST_CASE("agent rules: time in a state per agent of a team, and stale data at the center") {
    Snapshot s = Center();
    Rule stuck;
    stuck.id = 7;
    stuck.name = "stuck in wrap-up";
    stuck.scope = ScopeKind::Team;
    stuck.scope_key = "north";
    stuck.pending_s = 0;
    stuck.conditions.push_back({Metric::AgentStateTime, Comparator::Above, 120, 300, 120, "wrap_up"});
    Rule stale;
    stale.id = 8;
    stale.name = "no data";
    stale.pending_s = 0;
    stale.conditions.push_back({Metric::StaleSource, Comparator::Above, 120, 600, 120, ""});
    Engine engine;
    engine.SetRules({stuck, stale}, s.now_ms);
    s.agents[1].state = AgentState::WrapUp;
    s.agents[1].state_since_ms = s.now_ms - 200000;
    s.agents[2].state = AgentState::WrapUp;  // south: not in the rule's scope
    s.agents[2].state_since_ms = s.now_ms - 200000;
    std::vector<Change> c = engine.Evaluate({&s, s.now_ms, 30000});
    REQUIRE(c.size() == 1);
    CHECK(c[0].subject == Subject{ScopeKind::Agent, "a2", "north"});
    CHECK(c[0].value == doctest::Approx(200));
    c = engine.Evaluate({&s, s.now_ms + 1000, 130000});
    REQUIRE(c.size() == 1);
    CHECK(c[0].rule_id == 8);
    CHECK(c[0].subject.kind == ScopeKind::Center);
    // The agent logging out resolves their alert.
    s.agents[1].state = AgentState::LoggedOut;
    c = engine.Evaluate({&s, s.now_ms + 2000, 130000});
    REQUIRE(c.size() == 1);
    CHECK(c[0].to == State::Resolved);
    CHECK(c[0].note == "out of scope");
}

TEST_CASE("routing: a team's alert reaches that team's lead only, center-wide ones the supervisors") {
    Instance team_alert;
    team_alert.subject = {ScopeKind::Agent, "a2", "north"};
    Instance center_alert;
    center_alert.subject = {ScopeKind::Queue, "orders", ""};
    const Audience north{Audience::Kind::Lead, {"north"}};
    const Audience south{Audience::Kind::Lead, {"south"}};
    const Audience both{Audience::Kind::Lead, {"north", "south"}};
    const Audience supervisor{Audience::Kind::Supervisor, {}};
    const Audience wallboard{Audience::Kind::Wallboard, {}};
    const Audience qa{Audience::Kind::None, {}};
    CHECK(Reaches(team_alert, north));
    CHECK_FALSE(Reaches(team_alert, south));
    CHECK(Reaches(team_alert, both));
    CHECK_FALSE(Reaches(team_alert, supervisor));
    CHECK(Reaches(team_alert, wallboard));
    CHECK_FALSE(Reaches(team_alert, qa));
    CHECK(Reaches(center_alert, supervisor));
    CHECK_FALSE(Reaches(center_alert, north));
    CHECK(Reaches(center_alert, wallboard));
    CHECK(MayAct(team_alert, north));
    CHECK_FALSE(MayAct(team_alert, south));
    CHECK(MayAct(team_alert, supervisor));
    CHECK_FALSE(MayAct(center_alert, wallboard));
}

TEST_CASE("rules are validated with the field at fault and read from JSON") {
    Rule r;
    RuleError e;
    CHECK_FALSE(RuleFromJson("[1]", &r, &e));
    CHECK(e.code == "not_object");
    CHECK_FALSE(RuleFromJson(R"({"name":"x","conditions":[{"metric":"wait"}]})", &r, &e));
    CHECK(e.field == "conditions[0].metric");
    CHECK_FALSE(RuleFromJson(
        R"({"name":"x","scope":"queue","conditions":[{"metric":"oldest_wait_s","warning":60,"critical":120,"clear":70}]})",
        &r, &e));
    CHECK(e.field == "conditions[0].clear");
    CHECK(e.code == "order");
    CHECK(e.message == "conditions[0].clear: must be at most the warning threshold");
    CHECK_FALSE(RuleFromJson(R"({"name":"x","scope":"team","conditions":[{"metric":"waiting","warning":5}]})", &r, &e));
    CHECK(e.code == "scope_metric");
    CHECK_FALSE(RuleFromJson(R"({"name":"x","conditions":[{"metric":"service_level_pct","comparator":"below","warning":80,"critical":60,"clear":85},{"metric":"agent_call_s","warning":600}]})",
                             &r, &e));
    CHECK(e.code == "mixed_subjects");
    CHECK(e.field == "conditions[1].metric");
    CHECK_FALSE(RuleFromJson(R"({"name":"x","conditions":[{"metric":"abandon_rate_pct","warning":120}]})", &r, &e));
    CHECK(e.field == "conditions[0].warning");
    CHECK(e.code == "range");
    CHECK_FALSE(RuleFromJson(R"({"name":"","conditions":[{"metric":"waiting","warning":5}]})", &r, &e));
    CHECK(e.field == "name");
    CHECK_FALSE(RuleFromJson(R"({"name":"x","conditions":[{"metric":"agent_state_s","warning":5,"state":"asleep"}]})", &r, &e));
    CHECK(e.field == "conditions[0].state");

    r.id = 3;
    REQUIRE(RuleFromJson(R"({"name":"SL","scope":"queue","scope_key":"orders","pending_s":60,
        "conditions":[{"metric":"service_level_pct","comparator":"below","warning":80,"critical":60,"clear":85}]})",
                         &r, &e));
    CHECK(r.id == 3);
    CHECK(r.cooldown_s == kDefaultCooldownS);
    CHECK(r.conditions[0].comparator == Comparator::Below);
    Rule back;
    back.id = 3;
    REQUIRE(RuleFromJson(RuleToJson(r), &back, &e));
    CHECK(back == r);
}

TEST_CASE("service level and abandon rate so far, and the center's figures") {
    Snapshot s = Center();
    s.directory.queues[0].sl = ServiceLevelDef{SlVariant::AnsweredOverOffered, 20, 0.8, 5};
    s.queues[0].today.offered = 10;
    s.queues[0].today.answered = 8;
    s.queues[0].today.answered_within_t = 7;
    s.queues[0].today.abandoned = 2;
    Inputs in{&s, s.now_ms, -1};
    Condition sl{Metric::ServiceLevel, Comparator::Below, 80, 60, 85, ""};
    CHECK(*MetricValue(sl, {ScopeKind::Queue, "orders", ""}, in) == doctest::Approx(70));
    CHECK(*MetricValue(sl, {ScopeKind::Center, "", ""}, in) == doctest::Approx(70));
    Condition ab{Metric::AbandonRate, Comparator::Above, 5, 10, 4, ""};
    CHECK(*MetricValue(ab, {ScopeKind::Queue, "orders", ""}, in) == doctest::Approx(20));
    s.queues[0].today = {};
    CHECK_FALSE(MetricValue(sl, {ScopeKind::Queue, "orders", ""}, in).has_value());
    Condition avail{Metric::AgentsAvailable, Comparator::Below, 1, 1, 1, ""};
    CHECK(*MetricValue(avail, {ScopeKind::Center, "", ""}, in) == 3);
}
