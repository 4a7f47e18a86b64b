// Snapshot and delta wire format: round trips, delta application, and errors that say where.
#include <doctest/doctest.h>

#include "core/snapshot_delta.h"
#include "core/snapshot_json.h"

namespace {

cb::Snapshot SmallCenter() {
    cb::Snapshot s;
    s.version = 7;
    s.now_ms = 1767585600000;  // 2026-01-05 04:00 UTC = 12:00 in UTC+8
    s.tz_offset_min = 480;
    s.interval_minutes = 15;
    s.day_start_ms = 1767542400000;
    s.source = "demo:normal";
    s.directory.queues.push_back({"orders", "Orders", "订单", {cb::SlVariant::AnsweredOverOffered, 20, 0.8, 5}});
    s.directory.teams.push_back({"a", "Team A", "一组", 0});
    s.directory.agents.push_back({"1001", "Wang Fang", "王芳", 0, 0, 1, 14, 1});
    s.directory.agents.push_back({"1002", "Li Na", "李娜", 0, 0, 2, 2, 1});
    s.queues.resize(1);
    s.queues[0].waiting = 3;
    s.queues[0].oldest_wait_since_ms = s.now_ms - 42000;
    s.queues[0].today.offered = 503;
    s.queues[0].today.answered_within_t = 412;
    s.teams.resize(1);
    s.teams[0].agents_logged_in = 2;
    s.agents.resize(2);
    s.agents[0].state = cb::AgentState::OnCall;
    s.agents[0].call = 99;
    s.agents[0].call_queue = 0;
    s.agents[0].state_ms_today[static_cast<int>(cb::AgentState::Available)] = 60000;
    s.agents[1].state = cb::AgentState::NotReady;
    s.agents[1].reason = cb::NotReadyReason::Lunch;
    s.agents[1].reason_ms_today[static_cast<int>(cb::NotReadyReason::Lunch)] = 1800000;
    s.intervals.resize(1);
    s.intervals[0].push_back({s.day_start_ms + 8 * 3600000, {}, 12.5});
    s.intervals[0][0].counts.offered = 40;
    return s;
}

}  // namespace

TEST_CASE("a snapshot survives a JSON round trip field for field") {
    cb::Snapshot s = SmallCenter();
    cb::Snapshot back;
    std::string error;
    REQUIRE(cb::SnapshotFromJson(cb::SnapshotToJson(s), &back, &error));
    CHECK(back.version == 7);
    CHECK(back.source == "demo:normal");
    CHECK(back.directory.agents[0].name_zh == "王芳");
    CHECK(back.directory.queues[0].sl.variant == cb::SlVariant::AnsweredOverOffered);
    CHECK(back.queues[0] == s.queues[0]);
    CHECK(back.agents[0] == s.agents[0]);
    CHECK(back.agents[1] == s.agents[1]);
    CHECK(back.agents[1].reason == cb::NotReadyReason::Lunch);
    CHECK(back.intervals[0][0] == s.intervals[0][0]);
    CHECK(back.directory.teams[0].lead == 0);
}

TEST_CASE("a delta carries only changed agents and changed interval rows") {
    cb::Snapshot before = SmallCenter();
    cb::Snapshot after = before;
    after.version = 8;
    after.now_ms += 1000;
    cb::AccrueOpenSpell(&after.agents[0], 1000);  // still on call: its clocks tick on
    after.agents[1].state = cb::AgentState::Available;
    after.agents[1].reason = cb::NotReadyReason::None;
    after.intervals[0].push_back({before.intervals[0][0].start_ms + 900000, {}, 13.0});
    REQUIRE(cb::SameShape(before, after));
    cb::SnapshotDelta d = cb::MakeDelta(before, after);
    REQUIRE(d.agents.size() == 1);
    CHECK(d.agents[0].first == 1);
    CHECK(d.interval_first_row[0] == 1);
    CHECK(d.interval_rows[0].size() == 1);

    cb::SnapshotDelta wire;
    std::string error;
    REQUIRE(cb::DeltaFromJson(cb::DeltaToJson(d), &wire, &error));
    cb::Snapshot client = before;
    REQUIRE(cb::ApplyDelta(wire, &client));
    CHECK(client.version == 8);
    CHECK(client.agents[1] == after.agents[1]);
    CHECK(client.intervals[0] == after.intervals[0]);
    CHECK(client.now_ms == after.now_ms);
}

TEST_CASE("a delta for another base version is refused and changes nothing") {
    cb::Snapshot before = SmallCenter();
    cb::Snapshot after = before;
    after.version = 9;
    after.agents[0].state = cb::AgentState::WrapUp;
    cb::SnapshotDelta d = cb::MakeDelta(before, after);
    cb::Snapshot client = before;
    client.version = 6;  // the client missed a message
    CHECK_FALSE(cb::ApplyDelta(d, &client));
    CHECK(client.agents[0].state == cb::AgentState::OnCall);
    CHECK(client.version == 6);
}

TEST_CASE("a new day or new agents cannot be expressed as a delta") {
    cb::Snapshot a = SmallCenter();
    cb::Snapshot b = a;
    b.day_start_ms += 86400000;
    CHECK_FALSE(cb::SameShape(a, b));
    cb::Snapshot c = a;
    c.directory.agents.push_back({"1003", "Zhang Wei", "张伟", 0, 1, 0, 30, 1});
    c.agents.emplace_back();
    CHECK_FALSE(cb::SameShape(a, c));
}

TEST_CASE("malformed snapshot JSON is reported with the path of the problem") {
    cb::Snapshot out;
    std::string error;
    CHECK_FALSE(cb::SnapshotFromJson("{not json", &out, &error));
    CHECK(error == "not valid JSON");
    CHECK_FALSE(cb::SnapshotFromJson("[1,2]", &out, &error));
    CHECK(error == "expected a JSON object");

    std::string text = cb::SnapshotToJson(SmallCenter());
    std::string bad_state = text;
    bad_state.replace(bad_state.find("\"on_call\""), 9, "\"dancing\"");
    CHECK_FALSE(cb::SnapshotFromJson(bad_state, &out, &error));
    CHECK(error == "snapshot.agents[0].state: unknown value 'dancing'");

    std::string bad_type = text;
    bad_type.replace(bad_type.find("\"waiting\":3"), 11, "\"waiting\":\"3\"");
    CHECK_FALSE(cb::SnapshotFromJson(bad_type, &out, &error));
    CHECK(error == "snapshot.queues[0].waiting: expected an integer");
}

TEST_CASE("agents whose clocks only tick on are left out of a delta and advanced by the client") {
    cb::Snapshot before = SmallCenter();
    before.agents[0].state_since_ms = before.now_ms - 60000;
    cb::Snapshot after = before;
    after.version = 8;
    after.now_ms = before.now_ms + 2000;
    cb::AccrueOpenSpell(&after.agents[0], 2000);  // on call: time on call, busy and staffed grow
    cb::AccrueOpenSpell(&after.agents[1], 2000);  // at lunch: not-ready and lunch time grow
    CHECK(after.agents[0].state_ms_today[static_cast<int>(cb::AgentState::OnCall)] == 2000);
    CHECK(after.agents[0].today.busy_ms == 2000);
    CHECK(after.agents[1].reason_ms_today[static_cast<int>(cb::NotReadyReason::Lunch)] == 1802000);
    CHECK(after.agents[1].today.busy_ms == 0);

    cb::SnapshotDelta d = cb::MakeDelta(before, after);
    CHECK(d.agents.empty());
    cb::Snapshot client = before;
    REQUIRE(cb::ApplyDelta(d, &client));
    CHECK(client.agents[0] == after.agents[0]);
    CHECK(client.agents[1] == after.agents[1]);

    // A real change (the call ends) is sent.
    after.agents[0].state = cb::AgentState::WrapUp;
    d = cb::MakeDelta(before, after);
    REQUIRE(d.agents.size() == 1);
    CHECK(d.agents[0].first == 0);
}
