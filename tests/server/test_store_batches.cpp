// Store schema v5 and batch writes: calls and agent state rows built per batch equal the rows
// of one event per batch; queue_log keys rewritten with their event time; interval rebuilds
// that find states longer than a day, and the days a call or state changed after midnight
// marks again; schema v6 call keys.
#include <doctest/doctest.h>
#include <fstream>

#include "server/ingest/queue_log.h"
#include "server/ingest/queue_log_feed.h"
#include "server/store/migrations.h"
#include "server/store/sqlite_db.h"
#include "server/store/store.h"
#include "server_test_util.h"

namespace {

constexpr int64_t kT0 = 1767571200000;  // 2026-01-05 00:00:00 UTC = 08:00 in UTC+8
constexpr int64_t kDay = 86400000;

using cbtest::Ev;

// Two agents, three calls: one answered by 1001 with hold and wrap-up, one that rings 1002 out
// and is answered by 1001, one abandoned; a not-ready with a reason and an order tagged.
std::vector<cb::StoredEvent> Calls() {
    using K = cb::EventKind;
    std::vector<cb::StoredEvent> v = {
        Ev("l1", K::AgentLogin, kT0 - 60000, 0, 0),        Ev("l2", K::AgentLogin, kT0 - 50000, 0, 1),
        Ev("r1", K::AgentReady, kT0 - 30000, 0, 0),        Ev("r2", K::AgentReady, kT0 - 20000, 0, 1),
        Ev("o7", K::CallOffered, kT0, 7, cb::kNoAgent, 0), Ev("g7", K::AgentRinging, kT0 + 10000, 7, 0, 0),
        Ev("a7", K::CallAnswered, kT0 + 12000, 7, 0, 0),   Ev("h7", K::CallHold, kT0 + 30000, 7, 0, 0),
        Ev("o8", K::CallOffered, kT0 + 35000, 8, cb::kNoAgent, 0),
        Ev("g8", K::AgentRinging, kT0 + 36000, 8, 1, 0),   Ev("v7", K::CallResume, kT0 + 40000, 7, 0, 0),
        Ev("n8", K::RingNoAnswer, kT0 + 51000, 8, 1, 0),   Ev("d7", K::CallCompleted, kT0 + 72000, 7, 0, 0),
        Ev("t7", K::OutcomeTagged, kT0 + 73000, 7, 0, 0),  Ev("w7", K::WrapUpEnded, kT0 + 80000, 0, 0),
        Ev("x2", K::AgentNotReady, kT0 + 81000, 0, 1),     Ev("G8", K::AgentRinging, kT0 + 82000, 8, 0, 0),
        Ev("A8", K::CallAnswered, kT0 + 84000, 8, 0, 0),   Ev("o9", K::CallOffered, kT0 + 90000, 9, cb::kNoAgent, 0),
        Ev("b9", K::CallAbandoned, kT0 + 94000, 9, cb::kNoAgent, 0),
        Ev("D8", K::CallTransferred, kT0 + 120000, 8, 0, 0), Ev("W8", K::WrapUpEnded, kT0 + 130000, 0, 0),
        Ev("q2", K::AgentLogout, kT0 + 140000, 0, 1),
    };
    v[13].event.outcome = cb::Outcome::Order;
    v[13].event.value_cents = 1250;
    v[15].event.reason = cb::NotReadyReason::Lunch;
    return v;
}

using cbtest::Query;

const char* kCallsSql =
    "SELECT call, queue, agent, entered_ms, answered_ms, ended_ms, wait_ms, talk_ms, hold_ms, hold_since_ms,"
    " wrap_ms, ring_noanswer, end_kind, exit_reason, outcome, value_cents, category FROM calls ORDER BY call";
const char* kStatesSql = "SELECT id, agent, state, reason, call, start_ms, end_ms FROM agent_states ORDER BY id";
const char* kIntervalsSql = "SELECT * FROM interval_counts ORDER BY scope, key, start_ms";

}  // namespace

TEST_CASE("calls and state intervals built per batch equal one event per batch, whatever the batch size") {
    cbtest::TempDir dir;
    const cb::Directory directory = cbtest::SmallCenter(1).directory;
    const std::vector<cb::StoredEvent> events = Calls();
    std::vector<std::string> calls, states, intervals;
    for (size_t batch : {size_t{1}, size_t{2}, size_t{5}, events.size()}) {
        const std::string path = dir.path() + "/b" + std::to_string(batch) + ".db";
        auto opened = cb::Store::Open(path, cb::DataKind::Real);
        REQUIRE(opened.ok());
        cb::Store& store = *opened.value();
        store.SetDerivedConfig({15, 480});
        REQUIRE(store.SaveDirectory(directory).ok());
        for (size_t i = 0; i < events.size(); i += batch) {
            const size_t n = std::min(batch, events.size() - i);
            auto stored = store.Append("api", directory, std::span(events).subspan(i, n));
            REQUIRE(stored.ok());
            CHECK(stored.value().inserted == static_cast<int64_t>(n));
        }
        REQUIRE(store.RebuildIntervals(kT0 + 900000).ok());
        opened.value().reset();
        calls.push_back(Query(path, kCallsSql, 17));
        states.push_back(Query(path, kStatesSql, 7));
        intervals.push_back(Query(path, kIntervalsSql, 27));
    }
    // The rows as hand-computed from the events (times relative to kT0 in the comments):
    // call 7: wait 12 s, hold 30-40 s, talk 72-12-10 = 50 s, wrap 72-80 s = 8 s, order 12.50.
    // call 8: rings 1002 out, answered by 1001 at 84 s (wait 49 s), transferred at 120 s (talk 36 s).
    const std::string t = std::to_string(kT0);
    CHECK(calls[0] == "7|orders|1001|" + t + "|" + std::to_string(kT0 + 12000) + "|" + std::to_string(kT0 + 72000) +
                          "|12000|50000|10000|null|8000|0|completed|null|order|1250|answered\n"
                          "8|orders|1001|" + std::to_string(kT0 + 35000) + "|" + std::to_string(kT0 + 84000) + "|" +
                          std::to_string(kT0 + 120000) + "|49000|36000|0|null|10000|1|transferred|null|null|null|transferred\n"
                          "9|orders|null|" + std::to_string(kT0 + 90000) + "|null|" + std::to_string(kT0 + 94000) +
                          "|4000|null|0|null|null|0|abandoned|null|null|null|abandoned\n");
    CHECK(states[0].find("|1002|not_ready|lunch|null|" + std::to_string(kT0 + 81000) + "|" +
                         std::to_string(kT0 + 140000) + "\n") != std::string::npos);
    for (size_t i = 1; i < calls.size(); ++i) {
        CAPTURE(i);
        CHECK(calls[i] == calls[0]);
        CHECK(states[i] == states[0]);
        CHECK(intervals[i] == intervals[0]);
    }
    CHECK(std::count(states[0].begin(), states[0].end(), '\n') == 17);
}

TEST_CASE("schema v5 puts the event time in front of stored queue_log keys; re-importing finds them") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/v1.db";
    {
        cbtest::CreateV1Database(path);
        cb::sql::Db db;
        REQUIRE(db.Open(path).ok());
        // Events of two sources in it.
        REQUIRE(db.Exec("INSERT INTO events (source, idem_key, t_ms, kind, call, queue, inserted_at) VALUES"
                        " ('queue_log', 'ql1:00000000000000ab:0', 1767571200000, 'call_offered', 5, 'orders', 0),"
                        " ('queue_log', 'ql1:00000000000000ab:0/1', 1767571201000, 'call_abandoned', 5, 'orders', 0),"
                        " ('queue_log', 'qlfin:10:0', 1767571202000, 'call_exited', 6, 'orders', 0),"
                        " ('api', 'ql1:00000000000000ab:0', 1767571200000, 'call_offered', 9, 'orders', 0);")
                    .ok());
    }
    {
        auto opened = cb::Store::Open(path, cb::DataKind::Real);
        REQUIRE(opened.ok());
        CHECK(opened.value()->schema_version() == cb::LatestSchemaVersion());
        // The same events under the keys QueueLogFeed writes now: all already stored.
        const cb::Directory directory = cbtest::SmallCenter(1).directory;
        const std::vector<cb::StoredEvent> again = {
            Ev("1767571200000:ql1:00000000000000ab:0", cb::EventKind::CallOffered, kT0, 5, cb::kNoAgent, 0),
            Ev("1767571201000:ql1:00000000000000ab:0/1", cb::EventKind::CallAbandoned, kT0 + 1000, 5, cb::kNoAgent, 0),
            Ev("qlfin:10:0", cb::EventKind::CallExited, kT0 + 2000, 6, cb::kNoAgent, 0)};
        auto stored = opened.value()->Append("queue_log", directory, again);
        REQUIRE(stored.ok());
        CHECK(stored.value().inserted == 0);
        CHECK(stored.value().duplicates == 3);
    }
    CHECK(Query(path, "SELECT source, idem_key FROM events ORDER BY id", 2) ==
          "queue_log|1767571200000:ql1:00000000000000ab:0\n"
          "queue_log|1767571201000:ql1:00000000000000ab:0/1\n"
          "queue_log|qlfin:10:0\n"
          "api|ql1:00000000000000ab:0\n");
    // v5's index for rebuilds; v6 replaced interval_counts_by_start by the table's key.
    CHECK(Query(path, "SELECT name FROM sqlite_master WHERE name IN ('interval_counts_by_start',"
                      " 'agent_states_open_or_long') ORDER BY name", 1) ==
          "agent_states_open_or_long\n");
    CHECK(Query(path, "SELECT name FROM pragma_index_info('sqlite_autoindex_interval_counts_1') ORDER BY seqno", 1) ==
          "start_ms\nscope\nkey\n");
}

TEST_CASE("an agent state longer than a day is counted in every day it covers") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/long.db";
    auto center = cbtest::OpenSmallCenterStore(path, 480);
    cb::Store& store = *center.store;
    const cb::Directory& directory = center.directory;
    using K = cb::EventKind;
    // 1001 logs in at 08:00 local on day 1, is ready from 08:00:01 until 08:00:02 on day 3.
    const std::vector<cb::StoredEvent> events = {Ev("in", K::AgentLogin, kT0, 0, 0),
                                                 Ev("ready", K::AgentReady, kT0 + 1000, 0, 0),
                                                 Ev("away", K::AgentNotReady, kT0 + 2 * kDay + 2000, 0, 0)};
    REQUIRE(store.Append("api", directory, events).ok());
    // Days 1 and 3 hold events; day 2 lies inside the ready state that the last event closed.
    CHECK(store.RebuildIntervals(kT0 + 3 * kDay).value() == 3);
    center.store.reset();
    const int64_t day2 = kT0 + kDay - 8 * 3600000;
    CHECK(Query(path, "SELECT COUNT(*), SUM(available_ms), SUM(staffed_ms) FROM interval_counts WHERE scope = 'agent'"
                      " AND start_ms >= " + std::to_string(day2) + " AND start_ms < " + std::to_string(day2 + kDay), 3) ==
          "96|86400000|86400000\n");
    // Day 3 starts at local midnight (kT0 + 2 days - 8 h): available in every interval up to
    // 08:00, then 2 s of the 08:00 interval, and not ready up to the last event.
    const int64_t day3 = kT0 + 2 * kDay - 8 * 3600000;
    const std::string sql = "SELECT (start_ms - " + std::to_string(day3) + ") / 900000, available_ms, staffed_ms"
                            " FROM interval_counts WHERE scope = 'agent' AND start_ms >= " + std::to_string(day3) +
                            " AND available_ms != 900000";
    CHECK(Query(path, sql, 3) == "32|2000|2000\n");
    CHECK(Query(path, "SELECT COUNT(*), SUM(staffed_ms) FROM interval_counts WHERE scope = 'agent' AND start_ms >= " +
                          std::to_string(day3) + " AND available_ms = 900000", 2) ==
          "32|28800000\n");
}

TEST_CASE("schema v6: a new database keys queue_log calls in time order; one holding calls keeps hashed keys") {
    cbtest::TempDir dir;
    const std::string log = dir.path() + "/queue_log";
    {
        std::ofstream out(log);
        out << "1600000000|1600000000.7|q1|NONE|ENTERQUEUE||100|1\n"
               "1600000005|1600000000.7|q1|NONE|ABANDON|1|1|5\n";
    }
    auto import = [&](const std::string& db) {
        auto opened = cb::Store::Open(db, cb::DataKind::Real);
        REQUIRE(opened.ok());
        cb::QueueLogFeed feed(opened.value().get(), cb::QueueLogMapperConfig{});
        REQUIRE(feed.Open(log).ok());
        REQUIRE(feed.Poll(1000, false).ok());
        REQUIRE(feed.Finish(false).ok());
    };
    const std::string keys_sql = "SELECT value FROM meta WHERE key = 'queue_log_call_keys'";
    const std::string fresh = dir.path() + "/fresh.db";
    import(fresh);
    CHECK(Query(fresh, keys_sql, 1) == "time\n");
    CHECK(Query(fresh, "SELECT call, category FROM calls", 2) ==
          std::to_string(static_cast<int64_t>(cb::QueueLogCallKey("1600000000.7"))) + "|abandoned\n");

    // A database from before v6 with a queue_log call stored: the migration keeps hashed keys
    // (its events are derived again by v7's rules, with the same keys).
    const std::string older = dir.path() + "/v5.db";
    {
        cb::sql::Db db;
        REQUIRE(db.Open(older).ok());
        int version = 0;
        REQUIRE(cb::Migrate(db, &version, 5).ok());
        REQUIRE(db.Exec("INSERT INTO meta (key, value) VALUES ('data_kind', 'real');"
                        "INSERT INTO calls (source, call, queue, entered_ms) VALUES ('queue_log', 12345, 'q1', 1500000000000);")
                    .ok());
    }
    import(older);
    CHECK(Query(older, keys_sql, 1) == "hash\n");
    CHECK(Query(older, "SELECT call, category FROM calls", 2) ==
          std::to_string(static_cast<int64_t>(cb::QueueLogHash("1600000000.7"))) + "|abandoned\n");
}

TEST_CASE("a call completed after midnight marks the day it entered again") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/midnight.db";
    auto center = cbtest::OpenSmallCenterStore(path, 480);
    cb::Store& store = *center.store;
    const cb::Directory& directory = center.directory;
    using K = cb::EventKind;
    const int64_t midnight = kT0 + 16 * 3600000;  // 00:00 local (UTC+8) after kT0's day
    // Offered at 23:58, answered at 23:59 by 1001; the day is rebuilt before the completion.
    REQUIRE(store.Append("api", directory,
                         std::vector<cb::StoredEvent>{Ev("l", K::AgentLogin, midnight - 600000, 0, 0),
                                                      Ev("o", K::CallOffered, midnight - 120000, 7, cb::kNoAgent, 0),
                                                      Ev("a", K::CallAnswered, midnight - 60000, 7, 0, 0)})
                .ok());
    CHECK(store.RebuildIntervals(midnight + kDay).value() == 1);
    const std::string sql = "SELECT SUM(offered), SUM(answered), SUM(handled), SUM(talk_ms) FROM interval_counts"
                            " WHERE scope = 'queue' AND start_ms < " + std::to_string(midnight);
    CHECK(Query(path, sql, 4) == "1|1|0|0\n");
    // Completed at 00:02: both days are rebuilt; handled once its wrap-up ends (00:02:30), and
    // the call's talk counts where it entered.
    REQUIRE(store.Append("api", directory, std::vector<cb::StoredEvent>{Ev("c", K::CallCompleted, midnight + 120000, 7, 0, 0)})
                .ok());
    CHECK(store.RebuildIntervals(midnight + kDay).value() == 2);
    CHECK(Query(path, sql, 4) == "1|1|0|0\n");
    REQUIRE(store.Append("api", directory, std::vector<cb::StoredEvent>{Ev("w", K::WrapUpEnded, midnight + 150000, 0, 0)})
                .ok());
    CHECK(store.RebuildIntervals(midnight + kDay).value() == 2);
    CHECK(Query(path, sql, 4) == "1|1|1|180000\n");
}

TEST_CASE("deriving an upgraded database again from its events gives the rows the import gave") {
    cbtest::TempDir dir;
    const std::string log = dir.path() + "/queue_log";
    const std::string db = dir.path() + "/cb.db";
    REQUIRE(cbtest::WriteSimulatedQueueLog(log, 30) > 10000);  // 300 agents over midnight
    cb::Directory directory;
    {
        auto opened = cb::Store::Open(db, cb::DataKind::Real);
        REQUIRE(opened.ok());
        opened.value()->SetDerivedConfig({15, 480});
        cb::QueueLogFeed feed(opened.value().get(), cb::QueueLogMapperConfig{}, "queue_log", 997);
        REQUIRE(feed.Open(log).ok());
        REQUIRE(feed.Poll(1u << 30, false).ok());
        REQUIRE(feed.Finish(false).ok());
        REQUIRE(opened.value()->RebuildIntervals(INT64_MAX).ok());
        // As `callboard` derives again (DeriveAgainIfNeeded): the stored directory through the
        // queue_log mapper, which marks every queue's wrap-up as ended by Asterisk.
        cb::QueueLogMapperConfig mapper;
        mapper.directory = opened.value()->LoadDirectory().value();
        directory = cb::QueueLogMapper(mapper).directory();
    }
    const std::vector<std::pair<std::string, std::string>> tables = {
        {"calls", "source, call, entered_ms, queue, agent, answered_ms, ended_ms, wait_ms, talk_ms, hold_ms, wrap_ms,"
                  " ring_noanswer, end_kind, exit_reason, target_queue, outcome, value_cents"},
        {"agent_states", "source, agent, state, reason, call, start_ms, end_ms, queues"},
        {"ring_noanswers", "source, t_ms, agent, call, queue, home_ms, ring_ms"},
        {"call_outcomes", "source, t_ms, agent, call, queue, home_ms, outcome, value_cents"},
        {"interval_counts", "*"},
        {"tracker_days", "source, day_start_ms, hex(state)"},
    };
    std::vector<std::string> imported;
    for (const auto& [table, columns] : tables) imported.push_back(cbtest::DumpTable(db, table, columns, columns == "*" ? "1, 2, 3" : columns));
    CHECK(cbtest::Query(db, "SELECT COUNT(*) FROM tracker_days", 1) == "1\n");  // the import crossed one midnight
    CHECK(cbtest::Query(db, "SELECT COUNT(*) > 100 FROM ring_noanswers", 1) == "1\n");  // 540
    {
        cb::sql::Db raw;
        REQUIRE(raw.Open(db).ok());
        REQUIRE(raw.Exec("UPDATE meta SET value = '0' WHERE key = 'derived_rules'").ok());
    }
    auto opened = cb::Store::Open(db, cb::DataKind::Real);
    REQUIRE(opened.ok());
    CHECK(opened.value()->rederive_pending());
    opened.value()->SetDerivedConfig({15, 480});
    REQUIRE(opened.value()->RederiveIfNeeded(directory).ok());
    REQUIRE(opened.value()->RebuildIntervals(INT64_MAX).ok());
    opened.value().reset();
    for (size_t i = 0; i < tables.size(); ++i) {
        CAPTURE(tables[i].first);
        const std::string& columns = tables[i].second;
        CHECK(cbtest::DumpTable(db, tables[i].first, columns, columns == "*" ? "1, 2, 3" : columns) == imported[i]);
    }
}
