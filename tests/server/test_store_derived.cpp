// Store schema v2: migrating a v1 file, the calls / agent state / interval tables derived in
// the batch's transaction, replays that change nothing, and import progress.
#include <doctest/doctest.h>

#include "server/store/migrations.h"
#include "server/store/sqlite_db.h"
#include "server/store/store.h"
#include "server_test_util.h"

namespace {

constexpr int64_t kT0 = 1767571200000;  // 2026-01-05 00:00:00 UTC = 08:00 in UTC+8

using cbtest::Ev;

// One call: offered 08:00:00, rings 1001 at :10, answered at :12, held :30-:40, completed
// 09:02:12 (talk 50 s), wrap-up to :20; a second call abandons after 4 s.
std::vector<cb::StoredEvent> Day() {
    using K = cb::EventKind;
    std::vector<cb::StoredEvent> v = {
        Ev("login", K::AgentLogin, kT0 - 60000, 0, 0),
        Ev("ready", K::AgentReady, kT0 - 30000, 0, 0),
        Ev("offer", K::CallOffered, kT0, 7, cb::kNoAgent, 0),
        Ev("ring", K::AgentRinging, kT0 + 10000, 7, 0, 0),
        Ev("answer", K::CallAnswered, kT0 + 12000, 7, 0, 0),
        Ev("hold", K::CallHold, kT0 + 30000, 7, 0, 0),
        Ev("resume", K::CallResume, kT0 + 40000, 7, 0, 0),
        Ev("done", K::CallCompleted, kT0 + 72000, 7, 0, 0),
        Ev("wrapped", K::WrapUpEnded, kT0 + 80000, 0, 0),
        Ev("offer2", K::CallOffered, kT0 + 100000, 8, cb::kNoAgent, 0),
        Ev("gone2", K::CallAbandoned, kT0 + 104000, 8, cb::kNoAgent, 0),
    };
    return v;
}

using cbtest::Query;

}  // namespace

TEST_CASE("a v1 database is migrated to v2 and keeps its events") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/v1.db";
    {
        cbtest::CreateV1Database(path);
        cb::sql::Db db;
        REQUIRE(db.Open(path).ok());
        // One stored event in it.
        REQUIRE(db.Exec("INSERT INTO events (source, idem_key, t_ms, kind, call, queue, inserted_at)"
                        " VALUES ('api', 'k1', 1767571200000, 'call_offered', 5, 'orders', 0);")
                    .ok());
    }
    auto opened = cb::Store::Open(path, cb::DataKind::Real);
    REQUIRE(opened.ok());
    CHECK(opened.value()->schema_version() == cb::LatestSchemaVersion());
    CHECK(opened.value()->CountEvents("api").value() == 1);
    CHECK(opened.value()->CountRows("calls").value() == 0);
    CHECK(opened.value()->CountRows("agent_states").value() == 0);
    opened.value().reset();
    CHECK(Query(path, "SELECT version FROM schema_version WHERE version <= 2 ORDER BY version", 1) == "1\n2\n");
}

TEST_CASE("calls, agent state intervals and interval counts follow the stored events; a replay changes nothing") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/real.db";
    auto center = cbtest::OpenSmallCenterStore(path, 480);
    cb::Store& store = *center.store;
    const cb::Directory& directory = center.directory;
    std::vector<cb::StoredEvent> day = Day();
    auto first = store.Append("api", directory, day);
    REQUIRE(first.ok());
    CHECK(first.value().inserted == 11);
    CHECK(first.value().duplicates == 0);
    CHECK(store.CountRows("dirty_days").value() == 1);
    CHECK(store.RebuildIntervals(kT0 + 900000).value() == 1);

    const std::string calls_sql =
        "SELECT call, queue, agent, entered_ms - 1767571200000, answered_ms - 1767571200000, ended_ms - 1767571200000,"
        " wait_ms, talk_ms, hold_ms, wrap_ms, category FROM calls ORDER BY call";
    const std::string calls = Query(path, calls_sql, 11);
    CHECK(calls ==
          "7|orders|1001|0|12000|72000|12000|50000|10000|8000|answered\n"
          "8|orders|null|100000|null|104000|4000|null|0|null|abandoned\n");
    const std::string states_sql =
        "SELECT agent, state, COALESCE(reason, '-'), COALESCE(call, 0), start_ms - 1767571200000,"
        " COALESCE(end_ms - 1767571200000, -1) FROM agent_states ORDER BY id";
    const std::string states = Query(path, states_sql, 6);
    CHECK(states ==
          "1001|not_ready|-|0|-60000|-30000\n"
          "1001|available|-|0|-30000|10000\n"
          "1001|ringing|-|7|10000|12000\n"
          "1001|on_call|-|7|12000|30000\n"
          "1001|on_hold|-|7|30000|40000\n"
          "1001|on_call|-|7|40000|72000\n"
          "1001|wrap_up|-|7|72000|80000\n"
          "1001|available|-|0|80000|-1\n");
    // 08:00-08:15 local. Queue: 2 offered, 1 answered within 20 s, 1 abandoned (short: 4 s <= 5 s).
    // Agent 1001: logged in at 07:59 (the 07:45 interval: 60 s staffed, 30 s available), then
    // from 08:00 to the last event (104 s): busy 10..80 s = 70 s, available 10 s + 24 s. The
    // agent took an orders call, so its time counts for orders too (it is a member now).
    const std::string intervals_sql =
        "SELECT scope, key, start_ms - 1767571200000, offered, answered, answered_within_t, abandoned,"
        " short_abandoned, handled, wait_answered_ms, talk_ms, hold_ms, wrap_ms, busy_ms, available_ms, staffed_ms"
        " FROM interval_counts ORDER BY scope, key, start_ms";
    const std::string intervals = Query(path, intervals_sql, 16);
    CHECK(intervals ==
          "agent|1001|-900000|0|0|0|0|0|0|0|0|0|0|0|30000|60000\n"
          "agent|1001|0|0|1|1|0|0|1|12000|50000|10000|8000|70000|34000|104000\n"
          "queue|orders|-900000|0|0|0|0|0|0|0|0|0|0|0|30000|60000\n"
          "queue|orders|0|2|1|1|1|1|1|12000|50000|10000|8000|70000|34000|104000\n"
          "team|a|-900000|0|0|0|0|0|0|0|0|0|0|0|30000|60000\n"
          "team|a|0|0|1|1|0|0|1|12000|50000|10000|8000|70000|34000|104000\n");

    // The same batch again, and again shuffled: nothing new, derived tables unchanged.
    auto replay = store.Append("api", directory, day);
    CHECK(replay.value().inserted == 0);
    CHECK(replay.value().duplicates == 11);
    std::reverse(day.begin(), day.end());
    CHECK(store.Append("api", directory, day).value().inserted == 0);
    CHECK(store.CountRows("dirty_days").value() == 0);
    CHECK(Query(path, calls_sql, 11) == calls);
    CHECK(Query(path, states_sql, 6) == states);
    CHECK(Query(path, intervals_sql, 16) == intervals);
}

TEST_CASE("file progress is stored with its batch and read back") {
    auto opened = cb::Store::Open(":memory:", cb::DataKind::Real);
    REQUIRE(opened.ok());
    cb::Store& store = *opened.value();
    CHECK(store.GetFileProgress("/var/log/asterisk/queue_log").value().offset == 0);
    const cb::Directory directory = cbtest::SmallCenter(1).directory;
    const std::vector<cb::StoredEvent> batch = {Day()[2]};
    cb::FileProgress progress{"/var/log/asterisk/queue_log", "1:2:10:abc", 4096, 52};
    CHECK(store.Append("queue_log", directory, batch, &progress).value().inserted == 1);
    const cb::FileProgress back = store.GetFileProgress("/var/log/asterisk/queue_log").value();
    CHECK(back.identity == "1:2:10:abc");
    CHECK(back.offset == 4096);
    CHECK(back.lines == 52);
    // Stored directory round trip.
    REQUIRE(store.SaveDirectory(directory).ok());
    const cb::Directory loaded = store.LoadDirectory().value();
    REQUIRE(loaded.agents.size() == 2);
    CHECK(loaded.agents[1].key == "1002");
    CHECK(loaded.agents[1].name_zh == "李娜");
    CHECK(loaded.teams[0].lead == 0);
    CHECK(loaded.queues[0].sl.threshold_s == 20);
}

TEST_CASE("history: a transferred call's talk is handled, and a missed ring counts for the agent who let it ring") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/transfer.db";
    auto center = cbtest::OpenSmallCenterStore(path, 480);
    cb::Store& store = *center.store;
    using K = cb::EventKind;
    // 1001 lets call 7 ring out; 1002 answers it, talks 40 s, transfers it out and wraps up 10 s.
    const std::vector<cb::StoredEvent> events = {
        Ev("l1", K::AgentLogin, kT0 - 60000, 0, 0), Ev("r1", K::AgentReady, kT0 - 60000, 0, 0),
        Ev("l2", K::AgentLogin, kT0 - 60000, 0, 1), Ev("r2", K::AgentReady, kT0 - 60000, 0, 1),
        Ev("offer", K::CallOffered, kT0, 7, cb::kNoAgent, 0),
        Ev("ring1", K::AgentRinging, kT0 + 1000, 7, 0, 0),
        Ev("miss1", K::RingNoAnswer, kT0 + 16000, 7, 0, 0),
        Ev("ring2", K::AgentRinging, kT0 + 17000, 7, 1, 0),
        Ev("answer", K::CallAnswered, kT0 + 20000, 7, 1, 0),
        Ev("transfer", K::CallTransferred, kT0 + 60000, 7, 1, 0),
        Ev("wrapped", K::WrapUpEnded, kT0 + 70000, 0, 1),
    };
    REQUIRE(store.Append("api", center.directory, events).ok());
    REQUIRE(store.RebuildIntervals(kT0 + 900000).ok());
    center.store.reset();
    const std::string sql =
        "SELECT scope, key, SUM(handled), SUM(transferred), SUM(talk_ms), SUM(wrap_ms), SUM(ring_noanswer)"
        " FROM interval_counts GROUP BY scope, key ORDER BY scope, key";
    CHECK(Query(path, sql, 7) ==
          "agent|1001|0|0|0|0|1\n"
          "agent|1002|1|1|40000|10000|0\n"
          "queue|orders|1|1|40000|10000|1\n"
          "team|a|1|1|40000|10000|1\n");
    CHECK(Query(path, "SELECT agent, queue, call, home_ms - 1767571200000 FROM ring_noanswers", 4) == "1001|orders|7|0\n");
}
