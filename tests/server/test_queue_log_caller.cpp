// Caller numbers from queue_log to the calls table: the mapper names ENTERQUEUE's number and
// its call, the feed stores it with the call (also when an Exclude policy holds the call back),
// rejected lines list it masked, and migration v4 keeps the calls stored before it.
#include <doctest/doctest.h>

#include <fstream>
#include "server/ingest/queue_log_mapper.h"
#include "server/live/queue_log_feed.h"
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

TEST_CASE("migration v4 adds caller_number and keeps the calls stored before it") {
    cbtest::TempDir dir;
    const std::string db = dir.path() + "/old.db";
    Directory d;
    d.queues.push_back({"support", "Support", "客服", {}});
    d.teams.push_back({"a", "Team A", "一组", kNoAgent});
    d.agents.push_back({"8001", "Wang Fang", "王芳", 0, 0, 0, 0, 0});
    {
        Result<std::unique_ptr<Store>> store = Store::Open(db, DataKind::Real);
        REQUIRE(store.ok());
        REQUIRE(store.value()->SaveDirectory(d).ok());
        Event offered;
        offered.t_ms = kT * 1000;
        offered.call = 7;
        offered.queue = 0;
        Event answered = offered;
        answered.kind = EventKind::CallAnswered;
        answered.t_ms += 4000;
        answered.agent = 0;
        answered.wait_ms = 4000;
        const std::vector<StoredEvent> events = {{"e1", offered}, {"e2", answered}};
        REQUIRE(store.value()->Append("api", d, events).ok());
    }
    {
        // Back to a v3 database: no caller_number, no schema rows past 3, no index a later
        // migration creates (every index is dropped; the migrations recreate theirs).
        sql::Db raw;
        REQUIRE(raw.Open(db).ok());
        sql::Statement names;
        REQUIRE(raw.Prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL", &names).ok());
        std::vector<std::string> indexes;
        bool has_row = false;
        while (names.Step(&has_row) && has_row) indexes.push_back(names.ColumnText(0));
        names.Reset();
        for (const std::string& index : indexes) REQUIRE(raw.Exec("DROP INDEX \"" + index + "\"").ok());
        REQUIRE(raw.Exec("ALTER TABLE calls DROP COLUMN caller_number").ok());
        REQUIRE(raw.Exec("ALTER TABLE dirty_days DROP COLUMN generation").ok());  // v6's
        REQUIRE(raw.Exec("DROP TABLE thresholds").ok());                         // the thresholds migration's
        REQUIRE(raw.Exec("DELETE FROM schema_version WHERE version >= 4").ok());
    }
    Result<std::unique_ptr<Store>> reopened = Store::Open(db, DataKind::Real);
    REQUIRE(reopened.ok());
    CHECK(reopened.value()->schema_version() >= 4);
    CHECK(reopened.value()->CountRows("calls").value() == 1);
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
    CHECK(calls[0] == expected);
}
