// Reconciliation end to end: hand-made queue_logs imported with `callboard import` (the real import
// path), then counted with `callboard reconcile --json` and GET /api/reconcile. The worked
// comparison of the tools (docs/reconciliation.md): 13 calls with every outcome, Asternic 4
// answered / 2 abandoned / 670 s talk, Wazo 7 / 2 / 895 s, Asterisk SL 5/7 and SL2 8/12 computed
// by hand; calls across midnight, calls with no end line (an Asterisk restart and the end of the
// log); every difference adding up; bad input refused with exit code 2 or 400 and nothing changed;
// the role matrix of the API.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include "core/reconcile/reconcile_json.h"
#include "server/auth/crypto.h"
#include "server/base/log.h"
#include "server/http/http_server.h"
#include "server/store/store_accounts.h"
#include "server/store/store_reconcile.h"
#include "server_test_util.h"

namespace {

using nlohmann::json;

const std::string kBin = CB_CALLBOARD_BIN;
const std::string kWorkedLog = CB_TEST_DATA_DIR "/queue_log/reconcile_worked.log";
const std::string kMidnightLog = CB_TEST_DATA_DIR "/queue_log/reconcile_midnight.log";
const std::string kPassword = "a-long-password";

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Imports a queue_log with `callboard import` into a new database in dir.
std::string Import(const cbtest::TempDir& dir, const std::string& log) {
    const std::string db = dir.path() + "/center.db";
    cbtest::Child import(kBin, {"import", "queue_log", log, "--db", db});
    REQUIRE(import.Wait(30000) == 0);
    return db;
}

struct Run {
    int code = -1;
    std::string out, err;
};
// `callboard reconcile ARGS` with stdout captured.
Run Reconcile(const cbtest::TempDir& dir, const std::string& args) {
    const std::string out = dir.path() + "/out.txt";
    cbtest::Child child("/bin/sh", {"-c", kBin + " reconcile " + args + " > " + out});
    Run r;
    r.code = child.Wait(30000);
    r.out = ReadFile(out);
    r.err = child.Stderr();
    return r;
}

struct Parsed {
    cb::ReconRequest request;
    cb::ReconReport report;
};
Parsed Parse(const std::string& text) {
    Parsed p;
    std::string error;
    REQUIRE_MESSAGE(cb::ReconReportFromJson(text, &p.request, &p.report, &error), error);
    return p;
}

const cb::ReconCell& Cell(const cb::ReconReport& r, cb::ReconRow row, cb::ReconTool tool) {
    return r.rows[size_t(row)].cells[size_t(tool)];
}
int64_t Value(const cb::ReconReport& r, cb::ReconRow row, cb::ReconTool tool) { return Cell(r, row, tool).value.value; }
// "reason:delta:calls" of each difference, in order.
std::vector<std::string> Diffs(const std::vector<cb::ReconDiff>& diffs) {
    std::vector<std::string> out;
    for (const cb::ReconDiff& d : diffs)
        out.push_back(std::string(cb::ReconReasonName(d.reason)) + ":" + std::to_string(d.delta) + ":" + std::to_string(d.calls));
    return out;
}
using V = std::vector<std::string>;
using R = cb::ReconRow;
using T = cb::ReconTool;

}  // namespace

TEST_CASE("reconcile: the worked comparison of 13 calls, every outcome, as each tool counts it") {
    cbtest::TempDir dir;
    const std::string db = Import(dir, kWorkedLog);
    const Run run = Reconcile(dir, "--db " + db + " --from 2026-01-05 --to 2026-01-05 --json");
    REQUIRE_MESSAGE(run.code == 0, run.err);
    const Parsed p = Parse(run.out);
    const cb::ReconReport& r = p.report;
    CHECK(p.request.time_zone == "UTC");
    CHECK(r.legs_in_range == 13);
    std::string why;
    CHECK_MESSAGE(r.Balanced(&why), why);
    CHECK(json::parse(run.out)["balanced"] == true);

    // Truth (Callboard): answered 7 (4 completed + 3 transferred), abandoned 2, talk 895 s.
    CHECK(Value(r, R::Answered, T::Callboard) == 7);
    CHECK(Value(r, R::Abandoned, T::Callboard) == 2);
    CHECK(Value(r, R::TimedOut, T::Callboard) == 1);
    CHECK(Value(r, R::Talk, T::Callboard) == 895000);
    CHECK(Value(r, R::WaitAnswered, T::Callboard) == 110000);  // 10+25+20+5+8+30+12
    CHECK(Value(r, R::RingNoAnswer, T::Callboard) == 1);
    // Asternic: answered 4, abandoned 2, talk 670 s; transfers dropped.
    CHECK(Value(r, R::Answered, T::Asternic) == 4);
    CHECK(Value(r, R::Abandoned, T::Asternic) == 2);
    CHECK(Value(r, R::Talk, T::Asternic) == 670000);
    CHECK(Value(r, R::WaitAnswered, T::Asternic) == 60000);
    CHECK(Value(r, R::RingNoAnswer, T::Asternic) == 0);
    CHECK(Diffs(Cell(r, R::Answered, T::Asternic).value.diffs) == V{"transfer:-3:3"});
    CHECK(Diffs(Cell(r, R::Talk, T::Asternic).value.diffs) == V{"transfer:-225000:3"});
    CHECK(Diffs(Cell(r, R::RingNoAnswer, T::Asternic).value.diffs) == V{"ring_noanswer_dropped:-1:1"});
    // Wazo: answered 7 (transfers included), abandoned 2, talk 895 s; no difference.
    CHECK(Value(r, R::Answered, T::Wazo) == 7);
    CHECK(Value(r, R::Abandoned, T::Wazo) == 2);
    CHECK(Value(r, R::Talk, T::Wazo) == 895000);
    CHECK(Cell(r, R::Answered, T::Wazo).value.diffs.empty());
    CHECK_FALSE(Cell(r, R::ServiceLevel, T::Wazo).reported);
    // Asterisk: 7 completed; abandoned = ABANDON 2 + EXITWITHTIMEOUT + EXITEMPTY + WITHDRAW (not
    // EXITWITHKEY) = 5.
    CHECK(Value(r, R::Answered, T::Asterisk) == 7);
    CHECK(Value(r, R::Abandoned, T::Asterisk) == 5);
    CHECK(Diffs(Cell(r, R::Abandoned, T::Asterisk).value.diffs) == V{"timeout:1:1", "exit_empty:1:1", "withdraw:1:1"});
    CHECK_FALSE(Cell(r, R::TimedOut, T::Asterisk).reported);
    CHECK_FALSE(Cell(r, R::Talk, T::Asterisk).reported);

    // Service level, T = 20 s. Waits of the answered: 10, 25, 20, 5, 8, 30, 12 -> 5 within T.
    // Callboard (default: answered within T / (offered - short abandons)): 5 / (13 - 1).
    const cb::ReconCell& cb_sl = Cell(r, R::ServiceLevel, T::Callboard);
    CHECK(cb_sl.numerator.value == 5);
    CHECK(cb_sl.denominator.value == 12);
    // Asterisk SL = callscompletedinsl / callscompleted = 5 / 7.
    const cb::ReconCell& ast_sl = Cell(r, R::ServiceLevel, T::Asterisk);
    CHECK(ast_sl.numerator.value == 5);
    CHECK(ast_sl.denominator.value == 7);
    CHECK(ast_sl.ratio().value == doctest::Approx(5.0 / 7.0));
    CHECK(Diffs(ast_sl.denominator.diffs) ==
          V{"abandon:-1:1", "timeout:-1:1", "exit_empty:-1:1", "exit_key:-1:1", "withdraw:-1:1"});
    // Asterisk SL2 = (abandoned within T: ABANDON 3 s, EXITEMPTY 15 s, WITHDRAW 12 s = 3, + 5) /
    // (5 abandoned + 7 completed) = 8 / 12.
    const cb::ReconCell& ast_sl2 = Cell(r, R::ServiceLevel2, T::Asterisk);
    CHECK(ast_sl2.numerator.value == 8);
    CHECK(ast_sl2.denominator.value == 12);
    CHECK(Diffs(ast_sl2.numerator.diffs) == V{"short_abandon:1:1", "exit_empty:1:1", "withdraw:1:1"});
    CHECK(Diffs(ast_sl2.denominator.diffs) == V{"short_abandon:1:1", "exit_key:-1:1"});
    // Asternic: every CONNECT, transfers included: 5 / 7.
    CHECK(Cell(r, R::ServiceLevel, T::Asternic).numerator.value == 5);
    CHECK(Cell(r, R::ServiceLevel, T::Asternic).denominator.value == 7);

    // The text form says the same.
    const Run text = Reconcile(dir, "--db " + db + " --from 2026-01-05 --to 2026-01-05");
    REQUIRE(text.code == 0);
    CHECK(text.out.find("Answered          7                      7                      4                      7") !=
          std::string::npos);
    CHECK(text.out.find("-3  transfer: ended in a transfer") != std::string::npos);
    CHECK(text.out.find("66.7 % (8/12)") != std::string::npos);

    // One queue asked for by key; the day before holds nothing.
    const Parsed sales = Parse(Reconcile(dir, "--db " + db + " --from 2026-01-05 --to 2026-01-05 --queue sales --json").out);
    CHECK(sales.request.queues == V{"sales"});
    CHECK(sales.report.rows == r.rows);
    const Parsed before = Parse(Reconcile(dir, "--db " + db + " --from 2026-01-04 --to 2026-01-04 --json").out);
    CHECK(Value(before.report, R::Answered, T::Callboard) == 0);
    CHECK(Value(before.report, R::Answered, T::Asterisk) == 0);
}

TEST_CASE("reconcile: calls across midnight and calls with no end line, in the center's time zone") {
    cbtest::TempDir dir;
    const std::string db = Import(dir, kMidnightLog);
    // 2026-01-05 in Asia/Shanghai: call 1 entered 23:59:30 the day before and abandoned at
    // 00:00:20; call 2 answered, then Asterisk restarted (QUEUESTART); call 3 waiting and call 4
    // answered when the log ended; call 5 entered 23:58 and completed at 00:03 the next day.
    const Run run = Reconcile(dir, "--db " + db + " --from 2026-01-05 --to 2026-01-05 --time-zone Asia/Shanghai --json");
    REQUIRE_MESSAGE(run.code == 0, run.err);
    const Parsed p = Parse(run.out);
    const cb::ReconReport& r = p.report;
    CHECK(p.request.time_zone == "Asia/Shanghai");
    CHECK(r.from_ms == 1767542400000);  // 2026-01-05 00:00 +08:00
    CHECK(r.to_ms == 1767628800000);
    CHECK(r.legs_in_range == 4);
    CHECK(r.legs == 5);
    std::string why;
    CHECK_MESSAGE(r.Balanced(&why), why);

    CHECK(Value(r, R::Answered, T::Callboard) == 3);  // calls 2 and 4 closed by Callboard, and 5
    CHECK(Value(r, R::Answered, T::Asterisk) == 0);
    CHECK(Diffs(Cell(r, R::Answered, T::Asterisk).value.diffs) == V{"no_end_line:-2:2", "ends_after:-1:1"});
    CHECK(Value(r, R::Answered, T::Asternic) == 0);
    CHECK(Value(r, R::Answered, T::Wazo) == 1);  // Wazo counts at the ENTERQUEUE: call 5 stays
    CHECK(Diffs(Cell(r, R::Answered, T::Wazo).value.diffs) == V{"no_end_line:-2:2"});
    // Call 1 belongs to the day before for Callboard and Wazo, to this day for the tools that
    // count it at its ABANDON line.
    CHECK(Value(r, R::Abandoned, T::Callboard) == 0);
    CHECK(Value(r, R::Abandoned, T::Asterisk) == 1);
    CHECK(Diffs(Cell(r, R::Abandoned, T::Asterisk).value.diffs) == V{"entered_before:1:1"});
    CHECK(Value(r, R::Abandoned, T::Asternic) == 1);
    CHECK(Value(r, R::Abandoned, T::Wazo) == 0);
    // The waiting call closed at the end of the log counts in Callboard's denominator only.
    CHECK(Cell(r, R::ServiceLevel, T::Callboard).denominator.value == 4);
    CHECK(Diffs(Cell(r, R::ServiceLevel, T::Asterisk).denominator.diffs) == V{"no_end_line:-3:3", "ends_after:-1:1"});
    // Talk: call 5's wrap-up ended with the call (its queue has no wrapuptime), so Callboard
    // counts its talk as the tools do. Callboard also counts the talk of the calls it closed:
    // call 2 until the restart (95 s), call 4 until the log's last line (28,870 s).
    CHECK(Value(r, R::Talk, T::Wazo) == 290000);
    CHECK(Value(r, R::Talk, T::Callboard) == 29255000);
    CHECK(Diffs(Cell(r, R::Talk, T::Wazo).value.diffs) == V{"no_end_line:-28965000:2"});

    // The next day: Asterisk and Asternic count call 5 there.
    const Parsed next =
        Parse(Reconcile(dir, "--db " + db + " --from 2026-01-06 --to 2026-01-06 --time-zone Asia/Shanghai --json").out);
    CHECK(Value(next.report, R::Answered, T::Callboard) == 0);
    CHECK(Value(next.report, R::Answered, T::Asterisk) == 1);
    CHECK(Diffs(Cell(next.report, R::Answered, T::Asterisk).value.diffs) == V{"entered_before:1:1"});
    // Both days together: only the calls with no end line differ for Asterisk.
    const Parsed both =
        Parse(Reconcile(dir, "--db " + db + " --from 2026-01-05 --to 2026-01-06 --time-zone Asia/Shanghai --json").out);
    CHECK(Diffs(Cell(both.report, R::Answered, T::Asterisk).value.diffs) == V{"no_end_line:-2:2"});
    // In UTC the same log gives other days: call 5 entered 15:58 UTC.
    const Parsed utc = Parse(Reconcile(dir, "--db " + db + " --from 2026-01-05 --to 2026-01-05 --json").out);
    CHECK(Value(utc.report, R::Answered, T::Asterisk) == 1);
}

TEST_CASE("reconcile command line: bad input is refused with what and where, and changes nothing") {
    cbtest::TempDir dir;
    const std::string db = Import(dir, kWorkedLog);
    const std::string before = cbtest::DumpTable(db, "events", "idem_key", "idem_key") + cbtest::DumpTable(db, "calls", "*", "call");
    const auto refused = [&](const std::string& args, const std::string& message) {
        const Run r = Reconcile(dir, args);
        CHECK_MESSAGE(r.code == 2, args);
        CHECK_MESSAGE(r.err == "callboard reconcile: " + message + "\n", r.err);
        CHECK(r.out.empty());
    };
    refused("--db " + db + " --from 2026-13-01 --to 2026-01-05", "from: '2026-13-01' is not a date (YYYY-MM-DD)");
    refused("--db " + db + " --from 2026-01-05 --to 5.1.2026", "to: '5.1.2026' is not a date (YYYY-MM-DD)");
    refused("--db " + db + " --from 2026-01-05 --to 2026-01-04", "to: 2026-01-04 is before from (2026-01-05)");
    refused("--db " + db + " --from 2026-01-05", "--to: required, a local date YYYY-MM-DD");
    CHECK(cbtest::DumpTable(db, "events", "idem_key", "idem_key") + cbtest::DumpTable(db, "calls", "*", "call") == before);
}

TEST_CASE("reconcile command line: limits, unknown queues and zones, missing database") {
    cbtest::TempDir dir;
    const std::string db = Import(dir, kWorkedLog);
    const std::string before = cbtest::DumpTable(db, "events", "idem_key", "idem_key");
    const auto refused = [&](const std::string& args, const std::string& message) {
        const Run r = Reconcile(dir, args);
        CHECK_MESSAGE(r.code == 2, args);
        CHECK_MESSAGE(r.err == "callboard reconcile: " + message + "\n", r.err);
    };
    // 92 days is the limit: 2026-01-01 .. 2026-04-02 is 92 days, one more is refused.
    CHECK(Reconcile(dir, "--db " + db + " --from 2026-01-01 --to 2026-04-02 --json").code == 0);
    refused("--db " + db + " --from 2026-01-01 --to 2026-04-03",
            "to: 2026-01-01 to 2026-04-03 is 93 days; at most 92 days at once");
    refused("--db " + db + " --from 2026-01-05 --to 2026-01-05 --queue nope",
            "--queue: 'nope' is not a known queue (known: sales)");
    refused("--db " + db + " --from 2026-01-05 --to 2026-01-05 --time-zone Mars/Olympus",
            "--time-zone: time zone 'Mars/Olympus': not in the time zone database (/usr/share/zoneinfo)");
    refused("--db " + db + " --from 2026-01-05 --to 2026-01-05 --time-zone UTC --config x.json",
            "--config and --time-zone: give one of them (the time zone of the dates)");
    refused("--db " + db + " --from 2026-01-05 --to 2026-01-05 --verbose",
            "argument 8 '--verbose': unknown option (reconcile takes --db, --from, --to, --queue, --config, "
            "--time-zone, --json)");
    refused("--db " + dir.path() + "/missing.db --from 2026-01-05 --to 2026-01-05",
            "--db: '" + dir.path() + "/missing.db' is not a database file");
    for (const std::string& name : dir.List()) CHECK_MESSAGE(name.rfind("missing", 0) != 0, name);  // nothing created
    CHECK(cbtest::DumpTable(db, "events", "idem_key", "idem_key") == before);
}
