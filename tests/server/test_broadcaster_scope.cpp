// Per-scope encoding: each publication is cut and encoded once per distinct scope, shared by
// every caller of that scope; scoped deltas apply to the scoped snapshot before them.
#include <doctest/doctest.h>

#include "core/snapshot_delta.h"
#include "core/snapshot_json.h"
#include "server/auth/scope.h"
#include "server/live/broadcaster.h"
#include "server_test_util.h"

namespace {

// Two teams: agents 0 and 2 in team "a", agent 1 in team "b".
cb::Snapshot TwoTeams(uint64_t version) {
    cb::Snapshot s = cbtest::SmallCenter(version);
    s.directory.teams.push_back({"b", "Team B", "B组", 1});
    s.teams.emplace_back();
    s.directory.agents[1].team = 1;
    s.agents[1].state = cb::AgentState::OnCall;  // steady: only 1003's counter moves between versions
    s.directory.agents.push_back({"1003", "Zhang Wei", "张伟", 0, 1, 1, 30, 1});
    s.agents.emplace_back();
    s.agents[2].state = cb::AgentState::Available;
    s.agents[2].state_since_ms = 100;
    s.agents[2].today.handled = static_cast<int32_t>(version);
    return s;
}

cb::Scope LeadOf(std::vector<std::string> teams) { return cb::ScopeFor(cb::Role::Lead, teams); }

}  // namespace

TEST_CASE("the full scope is the publication itself; other scopes are encoded once and shared") {
    cb::Broadcaster broadcaster;
    broadcaster.Publish(TwoTeams(1));
    auto pub = broadcaster.Current();
    CHECK(pub->ForScope(cb::Scope()).get() == pub.get());
    CHECK(pub->scoped_count() == 0);

    auto lead_a = pub->ForScope(LeadOf({"a"}));
    CHECK(lead_a.get() == pub->ForScope(LeadOf({"a"})).get());
    CHECK(lead_a.get() != pub->ForScope(LeadOf({"b"})).get());
    CHECK(pub->ForScope(cb::ScopeFor(cb::Role::Wallboard, {})).get() ==
          pub->ForScope(cb::ScopeFor(cb::Role::Wallboard, {"a"})).get());
    CHECK(pub->scoped_count() == 3);
    CHECK(lead_a->seq() == pub->seq());
    CHECK(lead_a->version() == 1);
    CHECK(lead_a->publish_ms() == pub->publish_ms());
    CHECK(*lead_a->Json() == cb::SnapshotToJson(cb::ScopeSnapshot(TwoTeams(1), LeadOf({"a"}))));
    // Team b's agent is not in lead a's encoding at all, not even its key.
    CHECK(lead_a->Json()->find("\"1002\"") == std::string::npos);
    CHECK(pub->Json()->find("\"1002\"") != std::string::npos);
    CHECK(lead_a->DeltaFrameFrom(0) == nullptr);
}

TEST_CASE("a scoped delta turns the scoped snapshot before into the scoped snapshot after") {
    cb::Broadcaster broadcaster;
    broadcaster.Publish(TwoTeams(1));
    broadcaster.Publish(TwoTeams(2));
    auto pub = broadcaster.Current();
    for (const cb::Scope& scope : {LeadOf({"a"}), LeadOf({"b"}), cb::ScopeFor(cb::Role::Wallboard, {})}) {
        CAPTURE(scope.Key());
        auto scoped = pub->ForScope(scope);
        auto frame = scoped->DeltaFrameFrom(1);
        REQUIRE(frame);
        const std::string prefix = ": t=" + std::to_string(pub->publish_ms()) + "\nevent: delta\nid: 2\ndata: ";
        REQUIRE(frame->rfind(prefix, 0) == 0);
        cb::SnapshotDelta delta;
        std::string error;
        REQUIRE(cb::DeltaFromJson(frame->substr(prefix.size(), frame->size() - prefix.size() - 2), &delta, &error));
        cb::Snapshot before = cb::ScopeSnapshot(TwoTeams(1), scope);
        REQUIRE(cb::ApplyDelta(delta, &before));
        CHECK(cb::SnapshotToJson(before) == cb::SnapshotToJson(cb::ScopeSnapshot(TwoTeams(2), scope)));
    }
    // 1003's counters reach lead a (where it is agent 1) but never the wallboard.
    CHECK(pub->ForScope(cb::ScopeFor(cb::Role::Wallboard, {}))->DeltaFrameFrom(1)->find("\"handled\":2") ==
          std::string::npos);
    CHECK(pub->ForScope(LeadOf({"a"}))->DeltaFrameFrom(1)->find("\"handled\":2") != std::string::npos);
    CHECK(pub->ForScope(LeadOf({"a"}))->DeltaFrameFrom(1)->find("\"index\":1") != std::string::npos);
}

TEST_CASE("when an agent moves between teams a scope gets a full snapshot, not a delta") {
    cb::Broadcaster broadcaster;
    broadcaster.Publish(TwoTeams(1));
    cb::Snapshot moved = TwoTeams(2);
    moved.directory.agents[0].team = 1;  // 1001 joins b; b still has... now 1001 and 1002
    moved.directory.agents[1].team = 0;  // 1002 joins a: a has 1002 and 1003 (same count, other agents)
    broadcaster.Publish(moved);
    auto pub = broadcaster.Current();
    REQUIRE(pub->DeltaFrameFrom(1));  // the full scope's shape is unchanged
    CHECK(pub->ForScope(LeadOf({"a"}))->DeltaFrameFrom(1) == nullptr);
    CHECK(pub->ForScope(LeadOf({"a"}))->FullFrame()->find("\"1002\"") != std::string::npos);
}
