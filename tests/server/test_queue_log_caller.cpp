// Caller numbers from queue_log to the calls table: the mapper names ENTERQUEUE's number and
// its call, the feed stores it with the call (also when an Exclude policy holds the call back),
// rejected lines list it masked, and migration v4 keeps the calls stored before it.
#include <doctest/doctest.h>

#include <fstream>
#include "server/ingest/queue_log_mapper.h"
#include "server/ingest/queue_log_feed.h"
#include "server/store/migrations.h"
#include "server/store/sqlite_db.h"
#include "server/store/store.h"
#include "server/store/store_calls_query.h"
#include "server_test_util.h"

using namespace cb;

namespace {

// 2026-01-05 11:00:00 +08:00.
constexpr int64_t kT = 1767582000;

std::string L(int64_t dt, const std::string& rest) { return std::to_string(kT + dt) + "|" + rest; }

// Call c1 from 13812345678: waits 5 s, 8001 talks 120 s. Call c2 without a number: abandoned.
// Call c3 from "Anonymous": waits, then 8001 takes it.
std::string Log() {
    return L(0, "c1|support|NONE|ENTERQUEUE||13812345678|1\n") +
           L(5, "c1|support|SIP/8001|CONNECT|5|c1.2|2\n") +
           L(10, "c2|support|NONE|ENTERQUEUE|||1\n") +
           L(40, "c2|support|NONE|ABANDON|1|1|30\n") +
           L(60, "c3|support|NONE|ENTERQUEUE||Anonymous|1\n") +
           L(125, "c1|support|SIP/8001|COMPLETECALLER|5|120|1\n") +
           L(130, "c3|support|SIP/8001|CONNECT|70|c3.2|1\n") +
           L(190, "c3|support|SIP/8001|COMPLETEAGENT|70|60|1\n");
}

std::vector<CallRow> StoredCalls(const std::string& db) {
    CallsQuery query;
    REQUIRE(query.Open(db).ok());
    Result<std::vector<CallRow>> rows = query.Recent(CallFilter{});
    REQUIRE(rows.ok());
    return rows.value();
}

std::vector<CallRow> Import(const std::string& dir, QueueLogMapperConfig config) {
    const std::string log = dir + "/queue_log", db = dir + "/calls.db";
    std::ofstream(log) << Log();
    {
        Result<std::unique_ptr<Store>> store = Store::Open(db, DataKind::Real);
        REQUIRE(store.ok());
        QueueLogFeed feed(store.value().get(), std::move(config));
        REQUIRE(feed.Open(log).ok());
        REQUIRE(feed.Poll(SIZE_MAX, false).ok());
        REQUIRE(feed.Finish(false).ok());
    }
    return StoredCalls(db);
}

}  // namespace

TEST_CASE("the mapper names the caller number of the ENTERQUEUE that starts a call") {
    QueueLogMapper m{QueueLogMapperConfig{}};
    std::vector<Event> out;
    const QueueLogLineResult enter = m.MapLine(L(0, "c1|support|NONE|ENTERQUEUE||13812345678|1"), &out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == EventKind::CallOffered);
    CHECK(enter.caller_call == m.CallKey("c1"));
    CHECK(enter.caller_call == out[0].call);
    CHECK(enter.caller_number == "13812345678");

    // A repeated ENTERQUEUE of a waiting call is out of sequence: no second number.
    out.clear();
    const QueueLogLineResult again = m.MapLine(L(1, "c1|support|NONE|ENTERQUEUE||13900000000|1"), &out);
    CHECK(out.empty());
    CHECK(again.caller_call == 0);
    CHECK(again.caller_number.empty());

    // Other lines and an ENTERQUEUE without a number carry none.
    const QueueLogLineResult connect = m.MapLine(L(5, "c1|support|SIP/8001|CONNECT|5|c1.2|2"), &out);
    CHECK(connect.caller_call == 0);
    const QueueLogLineResult unknown = m.MapLine(L(6, "c2|support|NONE|ENTERQUEUE|||1"), &out);
    CHECK(unknown.kind == QueueLogLineKind::Mapped);
    CHECK(unknown.caller_call == 0);
    CHECK(unknown.caller_number.empty());
}

TEST_CASE("a rejected ENTERQUEUE line is listed with its caller number masked") {
    QueueLogMapper m{QueueLogMapperConfig{}};
    std::vector<Event> out;
    m.MapLine("yesterday|c1|support|NONE|ENTERQUEUE||13812345678|1", &out);
    m.MapLine("1767582000|c2|support|NONE|ENTERQUEUE||+86 139-8765-4321|x", &out);
    m.MapLine("soon|c3|support|SIP/8001|CONNECT|13812345678|c3.2|1", &out);
    const QueueLogSummary& s = m.summary();
    REQUIRE(s.rejected.size() == 3);
    CHECK(s.rejected[0].text == "yesterday|c1|support|NONE|ENTERQUEUE||138****5678|1");
    CHECK(s.rejected[1].text == "1767582000|c2|support|NONE|ENTERQUEUE||+86 1**-****-4321|x");
    // Not an ENTERQUEUE: no caller field, nothing masked.
    CHECK(s.rejected[2].text == "soon|c3|support|SIP/8001|CONNECT|13812345678|c3.2|1");
}

TEST_CASE("an imported queue_log keeps each call's caller number in the calls table") {
    cbtest::TempDir dir;
    const std::vector<CallRow> calls = Import(dir.path(), QueueLogMapperConfig{});
    REQUIRE(calls.size() == 3);
    // Newest first: c3 (entered at +60 s), c2 (+10 s), c1 (+0 s).
    CHECK(calls[0].t_ms == (kT + 60) * 1000);
    CHECK(calls[0].caller_number.empty());  // "Anonymous" is not a number
    CHECK(calls[0].outcome == "answered");
    CHECK(calls[1].t_ms == (kT + 10) * 1000);
    CHECK(calls[1].caller_number.empty());
    CHECK(calls[1].outcome == "abandoned");
    CHECK(calls[2].t_ms == kT * 1000);
    CHECK(calls[2].caller_number == "13812345678");
    CHECK(calls[2].queue == "support");
    CHECK(calls[2].agent == "SIP/8001");  // no agent map: the member is the key
    CHECK(calls[2].wait_ms == 5000);
    CHECK(calls[2].talk_ms == 120000);
    CHECK(calls[2].outcome == "answered");
}

TEST_CASE("a call held back by an Exclude policy gets its number when its events are released") {
    cbtest::TempDir dir;
    QueueLogMapperConfig config;
    config.answered_open = QueueLogAnsweredOpen::Exclude;
    config.waiting_open = QueueLogWaitingOpen::Exclude;
    const std::vector<CallRow> calls = Import(dir.path(), config);
    REQUIRE(calls.size() == 3);
    CHECK(calls[2].caller_number == "13812345678");
    CHECK(calls[2].talk_ms == 120000);
    CHECK(calls[0].caller_number.empty());
}

TEST_CASE("IsCallerNumber keeps phone numbers and refuses names, URIs and the empty text") {
    CHECK(IsCallerNumber("13812345678"));
    CHECK(IsCallerNumber("+86 138-1234-5678"));
    CHECK(IsCallerNumber("(010) 6552.1234"));
    CHECK(IsCallerNumber("1"));
    CHECK_FALSE(IsCallerNumber(""));
    CHECK_FALSE(IsCallerNumber("Anonymous"));
    CHECK_FALSE(IsCallerNumber("unknown"));
    CHECK_FALSE(IsCallerNumber("sip:13812345678@pbx"));
    CHECK_FALSE(IsCallerNumber("+-() ."));
    CHECK_FALSE(IsCallerNumber(std::string(33, '1')));
    CHECK(IsCallerNumber(std::string(32, '1')));
}

TEST_CASE("schema v7 keeps the caller numbers of a v6 database and derives its calls again from its events") {
    cbtest::TempDir dir;
    const std::string db = dir.path() + "/v6.db";
    Directory d;
    d.queues.push_back({"support", "Support", "客服", {}});
    d.teams.push_back({"a", "Team A", "一组", kNoAgent});
    d.agents.push_back({"8001", "Wang Fang", "王芳", 0, 0, 0, 0, 0});
    {
        // A database as schema v6 left it: two stored events of one call, its calls row with
        // the caller's number (v4-v6 kept it there) and a stale interval row.
        sql::Db raw;
        REQUIRE(raw.Open(db).ok());
        int version = 0;
        REQUIRE(Migrate(raw, &version, 6).ok());
        REQUIRE(version == 6);
        const std::string t = std::to_string(kT * 1000);
        const std::string t4 = std::to_string(kT * 1000 + 4000);
        REQUIRE(raw.Exec("INSERT INTO meta (key, value) VALUES ('data_kind', 'real');"
                         "INSERT INTO events (source, idem_key, t_ms, kind, call, queue, inserted_at) VALUES"
                         " ('api', 'e1', " + t + ", 'call_offered', 7, 'support', 0);"
                         "INSERT INTO events (source, idem_key, t_ms, kind, call, agent, queue, wait_ms, inserted_at) VALUES"
                         " ('api', 'e2', " + t4 + ", 'call_answered', 7, '8001', 'support', 4000, 0);"
                         "INSERT INTO calls (source, call, queue, agent, entered_ms, answered_ms, wait_ms, caller_number)"
                         " VALUES ('api', 7, 'support', '8001', " + t + ", " + t4 + ", 4000, '13812345678');"
                         "INSERT INTO interval_counts VALUES ('queue', 'support', " + t + ", 15, 9, 9, 9, 0, 0, 0, 0, 0,"
                         " 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)")
                    .ok());
    }
    Result<std::unique_ptr<Store>> reopened = Store::Open(db, DataKind::Real);
    REQUIRE(reopened.ok());
    Store& store = *reopened.value();
    CHECK(store.schema_version() == LatestSchemaVersion());
    CHECK(store.rederive_pending());
    CHECK(store.CountRows("callers").value() == 1);
    CHECK(store.CountRows("calls").value() == 0);  // dropped with the old shape; derived again below
    REQUIRE(store.SaveDirectory(d).ok());
    std::vector<std::pair<int64_t, int64_t>> progress;
    REQUIRE(store.RederiveIfNeeded(d, [&](int64_t done, int64_t total) { progress.emplace_back(done, total); }).ok());
    CHECK_FALSE(store.rederive_pending());
    CHECK(progress == std::vector<std::pair<int64_t, int64_t>>{{2, 2}});
    CHECK(store.CountEvents("api").value() == 2);
    CHECK(store.CountRows("calls").value() == 1);
    reopened.value().reset();
    const std::vector<CallRow> calls = StoredCalls(db);
    REQUIRE(calls.size() == 1);
    CallRow expected;
    expected.source = "api";
    expected.call = 7;
    expected.t_ms = kT * 1000;
    expected.queue = "support";
    expected.agent = "8001";
    expected.wait_ms = 4000;
    expected.talk_ms = -1;
    expected.outcome = "answered_open";
    expected.caller_number = "13812345678";
    CHECK(calls[0] == expected);
    // The interval counts are counted again from the events: one offered, not nine.
    CHECK(cbtest::Query(db, "SELECT offered, answered FROM interval_counts WHERE scope = 'queue'", 2) == "1|1\n");
    // Opening it again finds nothing to do.
    auto again = Store::Open(db, DataKind::Real);
    REQUIRE(again.ok());
    CHECK_FALSE(again.value()->rederive_pending());
}

