// The scope filter: a lead's snapshot holds only their teams' agents (re-indexed, leads
// re-mapped), the wallboard's has no per-agent counters, queues and team totals stay whole.
#include <doctest/doctest.h>

#include "core/snapshot_json.h"
#include "server/auth/phone.h"
#include "server/auth/scope.h"
#include "server_test_util.h"

namespace {

// Teams a (agents 0, 2), b (agent 1, its lead), c (agent 3, its lead).
cb::Snapshot ThreeTeams() {
    cb::Snapshot s = cbtest::SmallCenter(5);
    s.directory.teams[0].lead = 2;
    s.directory.teams.push_back({"b", "Team B", "B组", 1});
    s.directory.teams.push_back({"c", "Team C", "C组", 3});
    s.teams.resize(3);
    s.teams[1].agents_logged_in = 7;
    s.directory.agents[1].team = 1;
    s.directory.agents.push_back({"1003", "Zhang Wei", "张伟", 0, 1, 1, 30, 1});
    s.directory.agents.push_back({"1004", "Liu Yang", "刘洋", 2, 0, 0, 3, 1});
    s.agents.resize(4);
    s.agents[2].today.handled = 9;
    s.agents[2].state = cb::AgentState::OnCall;
    s.agents[2].call = 77;
    s.agents[2].call_queue = 0;
    s.agents[2].state_ms_today[static_cast<int>(cb::AgentState::OnCall)] = 1234;
    s.agents[3].reason_ms_today[1] = 50;
    return s;
}

}  // namespace

TEST_CASE("scope keys are stable and equal for equal scopes") {
    CHECK(cb::ScopeFor(cb::Role::Admin, {"a"}).Key() == "full");
    CHECK(cb::ScopeFor(cb::Role::Manager, {}).Key() == "full");
    CHECK(cb::ScopeFor(cb::Role::Qa, {}).Key() == "full");
    CHECK(cb::ScopeFor(cb::Role::Trainer, {}).Key() == "full");
    CHECK(cb::ScopeFor(cb::Role::Wallboard, {"a"}).Key() == "wallboard");
    CHECK(cb::ScopeFor(cb::Role::Lead, {"c", "a", "c"}).Key() == "teams:a,c");
    CHECK(cb::ScopeFor(cb::Role::Lead, {}).Key() == "teams:");
}

TEST_CASE("full scope: an identical snapshot") {
    const cb::Snapshot s = ThreeTeams();
    CHECK(cb::SnapshotToJson(cb::ScopeSnapshot(s, cb::Scope())) == cb::SnapshotToJson(s));
}

TEST_CASE("a lead's scope keeps their teams' agents only, re-indexed, with leads re-mapped") {
    const cb::Snapshot s = ThreeTeams();
    const cb::Snapshot a = cb::ScopeSnapshot(s, cb::ScopeFor(cb::Role::Lead, {"a"}));
    REQUIRE(a.directory.agents.size() == 2);
    REQUIRE(a.agents.size() == 2);
    CHECK(a.directory.agents[0].key == "1001");
    CHECK(a.directory.agents[1].key == "1003");
    CHECK(a.agents[1].today.handled == 9);
    CHECK(a.agents[1].call == 77);
    CHECK(a.directory.teams.size() == 3);       // every team's total stays
    CHECK(a.teams[1].agents_logged_in == 7);
    CHECK(a.directory.teams[0].lead == 1);      // 1003 was agent 2, now 1
    CHECK(a.directory.teams[1].lead == 0xFFFFFFFFu);  // b's lead is not in scope
    CHECK(a.directory.teams[2].lead == 0xFFFFFFFFu);
    CHECK(a.queues == s.queues);
    CHECK(a.intervals == s.intervals);
    CHECK(a.version == 5);
    CHECK(a.source == "test");
    CHECK(a.now_ms == s.now_ms);
    CHECK(cb::FindAgent(a, "1002") == -1);
    CHECK(cb::FindAgent(a, "1003") == 1);

    const cb::Snapshot bc = cb::ScopeSnapshot(s, cb::ScopeFor(cb::Role::Lead, {"c", "b"}));
    REQUIRE(bc.directory.agents.size() == 2);
    CHECK(bc.directory.agents[0].key == "1002");
    CHECK(bc.directory.agents[1].key == "1004");
    CHECK(bc.agents[1].reason_ms_today[1] == 50);
    CHECK(bc.directory.teams[0].lead == 0xFFFFFFFFu);
    CHECK(bc.directory.teams[1].lead == 0);
    CHECK(bc.directory.teams[2].lead == 1);

    const cb::Snapshot none = cb::ScopeSnapshot(s, cb::ScopeFor(cb::Role::Lead, {"zz"}));
    CHECK(none.directory.agents.empty());
    CHECK(none.agents.empty());
    CHECK(none.teams.size() == 3);
}

TEST_CASE("the wallboard's scope has every agent's name and state but no counters") {
    const cb::Snapshot s = ThreeTeams();
    const cb::Snapshot w = cb::ScopeSnapshot(s, cb::ScopeFor(cb::Role::Wallboard, {}));
    REQUIRE(w.agents.size() == 4);
    CHECK(w.directory.agents.size() == 4);
    CHECK(w.directory.agents[2].name_en == "Zhang Wei");
    CHECK(w.agents[2].state == cb::AgentState::OnCall);
    CHECK(w.agents[2].call_queue == 0);
    CHECK(w.agents[2].call == 0);  // no call keys on a kiosk
    CHECK(w.agents[2].today == cb::KpiCounts{});
    CHECK(w.agents[2].state_ms_today[static_cast<int>(cb::AgentState::OnCall)] == 0);
    CHECK(w.agents[3].reason_ms_today[1] == 0);
    CHECK(w.teams[1].agents_logged_in == 7);
    CHECK(w.queues == s.queues);
}

TEST_CASE("adherence: a lead sees their own team's schedule and adherence only, the wallboard none") {
    cb::Snapshot s = ThreeTeams();
    s.schedule.set = true;
    s.schedule.options.severe_threshold_ms = 900000;
    s.schedule.agents.resize(4);
    for (uint32_t i = 0; i < 4; ++i) {
        s.schedule.agents[i] = {{1000 * i, 1000 * i + 500, cb::wfm::Activity::OnQueue}};
        s.agents[i].adherence.status = cb::wfm::LiveStatus::OutOfAdherence;
        s.agents[i].adherence.impact = cb::wfm::Impact::Negative;
        s.agents[i].adherence.since_ms = 100 + i;
    }
    s.queues[0].staffing.known = true;
    s.queues[0].staffing.agents_needed = 6;
    s.queues[0].staffing.steps = {{5, 3}};

    // Team a: agents 0 and 2, each with its own schedule and adherence, nobody else's.
    const cb::Snapshot a = cb::ScopeSnapshot(s, cb::ScopeFor(cb::Role::Lead, {"a"}));
    REQUIRE(a.schedule.set);
    REQUIRE(a.schedule.agents.size() == 2);
    CHECK(a.schedule.agents[0] == s.schedule.agents[0]);
    CHECK(a.schedule.agents[1] == s.schedule.agents[2]);
    CHECK(a.schedule.options.severe_threshold_ms == 900000);
    CHECK(a.agents[0].adherence.since_ms == 100);
    CHECK(a.agents[1].adherence.since_ms == 102);
    // The queue's staffing counts the whole center (a lead approving a break needs it).
    CHECK(a.queues[0].staffing == s.queues[0].staffing);

    // No schedule set: none in the lead's snapshot either.
    cb::Snapshot none = s;
    none.schedule = {};
    CHECK_FALSE(cb::ScopeSnapshot(none, cb::ScopeFor(cb::Role::Lead, {"a"})).schedule.set);

    // The wallboard: every agent's state, no schedule, no adherence; queue staffing whole.
    const cb::Snapshot w = cb::ScopeSnapshot(s, cb::ScopeFor(cb::Role::Wallboard, {}));
    CHECK_FALSE(w.schedule.set);
    REQUIRE(w.agents.size() == 4);
    for (const cb::AgentLive& agent : w.agents) CHECK(agent.adherence == cb::wfm::LiveAdherence{});
    CHECK(w.queues[0].staffing == s.queues[0].staffing);
}

TEST_CASE("phone numbers keep their first 3 and last 4 digits") {
    CHECK(cb::MaskPhone("13812345678") == "138****5678");
    CHECK(cb::MaskPhone("+86 138-1234-5678") == "+86 1**-****-5678");
    CHECK(cb::MaskPhone("02155551234") == "021****1234");
    CHECK(cb::MaskPhone("12345678") == "123*5678");
    CHECK(cb::MaskPhone("1234567") == "*******");
    CHECK(cb::MaskPhone("") == "");
    CHECK(cb::MaskPhone("anonymous") == "anonymous");
}

TEST_CASE("every scope keeps the demo's clock, so a lead's and a wallboard's screens follow a pause") {
    cb::Snapshot s = ThreeTeams();
    s.demo = cb::DemoClock{10, true};
    CHECK(cb::ScopeSnapshot(s, cb::ScopeFor(cb::Role::Lead, {"a"})).demo == cb::DemoClock{10, true});
    CHECK(cb::ScopeSnapshot(s, cb::ScopeFor(cb::Role::Wallboard, {})).demo == cb::DemoClock{10, true});
}
