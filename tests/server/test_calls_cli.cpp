// `callboard import calls` as a child process over a hand-made per-call CSV (header, commas,
// quoted fields, full timestamps in Europe/Berlin on both 2025 clock-change days, bad rows):
// the summary's exact counts and listed rows, the stored calls' times in UTC, a re-import that
// stores nothing, and the errors a user meets first.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include "server/cli/options.h"
#include "server_test_util.h"

namespace {

using nlohmann::json;
const std::string kBin = CB_CALLBOARD_BIN;

const std::string kMapping = R"({
  "delimiter": "comma",
  "header": true,
  "columns": {"call_id": "id", "queue": "queue", "agent": "agent", "outcome": "result",
              "queue_entry": "queued", "queue_exit": "dequeued", "answer": "answered", "end": "ended"},
  "time_format": "%Y-%m-%d %H:%M:%S",
  "time_zone": "Europe/Berlin",
  "outcomes": {"ANSWERED": "answered", "ABANDONED": "abandoned", "TEST": "ignore"}
})";

// Line numbers in the comments (the header is line 1).
const std::string kCsv =
    "id,queue,agent,result,queued,dequeued,answered,ended\n"
    // 2: clocks go forward at 02:00: queued 01:59:50 CET, answered 03:00:10 CEST: 20 s, talk 5 min
    "c1,sales,anna,ANSWERED,2025-03-30 01:59:50,2025-03-30 03:00:10,2025-03-30 03:00:10,2025-03-30 03:05:10\n"
    // 3: clocks go back at 03:00: queued 02:50 CEST, hung up at 02:10 CET: 20 min
    "c2,sales,,ABANDONED,2025-10-26 02:50:00,2025-10-26 02:10:00,,\n"
    // 4: no queue: served 02:30-02:40 in the first (CEST) pass of the repeated hour
    "c3,support,bob,ANSWERED,,,2025-10-26 02:30:00,2025-10-26 02:40:00\n"
    // 5: 02:30 on 30 March does not exist in Berlin
    "c4,support,anna,ANSWERED,2025-03-30 02:30:00,2025-03-30 03:31:00,2025-03-30 03:31:00,2025-03-30 03:35:00\n"
    "c5,support,bob,TEST,2025-01-15 08:00:00,,,\n"                                                    // 6: ignored
    "\n"                                                                                              // 7: blank
    "c6,support,carl,ANSWERED,2025-01-15 09:00:00,2025-01-15 09:00:45,2025-01-15 09:00:45,2025-01-15 09:10:45\n"  // 8
    "c7,support,carl,ANSWERED,,,2025-01-15 09:05:00,2025-01-15 09:06:00\n"            // 9: carl is busy with c6
    "c8,support,dave,NOPE,2025-01-15 09:20:00,,,\n"                                   // 10: unknown outcome
    "c9,support,dave,ANSWERED,2025-01-15 09:20:00,,2025-01-15 9:21,2025-01-15 09:25:00\n"   // 11: bad time
    "\"c10\",sales,\"Eve, the second\",ANSWERED,2025-01-15 10:00:00,2025-01-15 10:00:05,"
    "2025-01-15 10:00:05,2025-01-15 10:01:05\n"                                       // 12: quoted fields
    "c6,support,carl,ANSWERED,2025-01-15 09:00:00,2025-01-15 09:00:45,2025-01-15 09:00:45,2025-01-15 09:10:45\n"  // 13
    "c11,support,dave,ANSWERED,2025-01-15 11:00:00\n"                                  // 14: too few fields
    "c12,support,,ABANDONED,2025-01-15 11:00:00,2025-01-15 10:59:00,,\n"              // 15: left before entering
    "c13,support,dave,ANSWERED,2025-01-15 11:00:00,,2025-01-15 11:00:10,2025-01-15 11:00:05\n"  // 16: ends before start
    "c14,sales,,ANSWERED,2025-01-15 11:00:00,,2025-01-15 11:00:10,2025-01-15 11:02:00\n"        // 17: no agent
    "c15,sales,,ABANDONED,,,,\n";                                                     // 18: hung up before a queue

struct Run {
    int code = -1;
    std::string out, err;
};

// Runs callboard with args; stdout and stderr captured.
Run Callboard(const cbtest::TempDir& dir, const std::vector<std::string>& args) {
    const std::string out_path = dir.path() + "/stdout.txt";
    std::vector<std::string> sh = {"-c", "exec \"$0\" \"$@\" > '" + out_path + "'", kBin};
    sh.insert(sh.end(), args.begin(), args.end());
    cbtest::Child child("/bin/sh", sh, dir.path());
    Run run;
    run.code = child.Wait(60000);
    run.err = child.Stderr();
    std::ifstream in(out_path);
    run.out.assign(std::istreambuf_iterator<char>(in), {});
    return run;
}

}  // namespace

TEST_CASE("import calls: command lines") {
    auto ok = cb::ParseCommandLine({"import", "calls", "a.csv", "b.csv", "--map", "m.json", "--time-zone=Europe/Berlin", "--json"});
    REQUIRE(ok.ok());
    CHECK(ok.value().ingest.format == "calls");
    CHECK(ok.value().ingest.calls_map == "m.json");
    CHECK(ok.value().ingest.time_zone == "Europe/Berlin");
    CHECK(ok.value().ingest.files == std::vector<std::string>{"a.csv", "b.csv"});
    auto bank = cb::ParseCommandLine({"import", "calls", "january.txt", "--format", "anonymous_bank", "--db", "bank.db"});
    REQUIRE(bank.ok());
    CHECK(bank.value().ingest.calls_format == "anonymous_bank");
    auto message = [](std::vector<std::string_view> args) { return cb::ParseCommandLine(args).status().message(); };
    CHECK(message({"import", "calls", "a.csv"}) == "import calls: give --format anonymous_bank or --map MAPPING.json");
    CHECK(message({"import", "calls", "a.csv", "--format", "anonymous_bank", "--map", "m.json"}) ==
          "import calls: give --format or --map, not both (argument 4)");
    CHECK(message({"import", "calls", "a.csv", "--format", "cisco"}) ==
          "--format: 'cisco' is not a built-in format (anonymous_bank) (argument 4)");
    CHECK(message({"import", "calls", "a.csv", "--map", "m.json", "--time-zone", "Berlin time"}) ==
          "--time-zone: 'Berlin time' is not an IANA time zone name (like Europe/Berlin) (argument 6)");
    CHECK(message({"import", "queue_log", "q.log", "--map", "m.json"}) == "--map is for 'import calls' (argument 4)");
    CHECK(message({"tail", "calls", "a.csv"}) ==
          "tail: unknown format 'calls' (known: queue_log; per-call records are imported, not followed) (argument 2)");
}

TEST_CASE("import calls: a hand-made CSV in Europe/Berlin with its clock changes and bad rows") {
    cbtest::TempDir dir;
    std::ofstream(dir.path() + "/map.json") << kMapping;
    std::ofstream(dir.path() + "/calls.csv") << kCsv;
    const std::string db = dir.path() + "/cb.db";
    Run run = Callboard(dir, {"import", "calls", "calls.csv", "--map", "map.json", "--db", db, "--json"});
    REQUIRE_MESSAGE(run.code == 0, run.err);
    const json s = json::parse(run.out);  // stdout is the JSON document alone
    // stderr: the center's days (no --config: UTC) are not Berlin's, then the done line.
    CHECK(run.err.find("callboard: note: the center's days are cut at midnight of the configuration's time zone, "
                       "which is not midnight in Europe/Berlin") == 0);
    CHECK(run.err.find("\ncalls.csv: 5 calls in 0:0") != std::string::npos);
    CHECK(s["time_zone"] == "Europe/Berlin");
    CHECK(s["lines"] == 18);
    CHECK(s["header_lines"] == 1);
    CHECK(s["blank_lines"] == 1);
    const json& t = s["total"];
    CHECK(t["rows"] == 16);
    CHECK(t["answered"] == 3);                 // c1, c6, c10
    CHECK(t["answered_without_queue"] == 1);   // c3
    CHECK(t["abandoned"] == 1);                // c2
    CHECK(t["hung_up_before_queue"] == 1);     // c15
    CHECK(t["ignored"] == 1);                  // c5
    CHECK(t["rejected"] == 9);
    CHECK(t["answered_within_t"] == 3);        // c1 (20 s), c3 (no queue), c10 (5 s); c6 waited 45 s
    CHECK(t["wait_answered_ms"] == (20 + 0 + 45 + 5) * 1000);
    CHECK(t["wait_abandoned_ms"] == 1200 * 1000);
    CHECK(t["talk_ms"] == (300 + 600 + 600 + 60) * 1000);
    CHECK(s["events"] == 4 * 4 + 2);
    CHECK(s["stored"] == 18);
    CHECK(s["duplicates"] == 0);
    CHECK(s["first_local"] == "2025-01-15 09:00:00");
    CHECK(s["last_time"] == "2025-10-26T01:10:00Z");
    std::string rejected;
    for (const json& r : s["rejected"]) {
        rejected += std::to_string(r["line"].get<int>()) + " " + r["reason"].get<std::string>() + ": " +
                    r["detail"].get<std::string>() + "\n";
    }
    CHECK(rejected ==
          "5 nonexistent_time: queued 2025-03-30 02:30:00 does not exist in Europe/Berlin (clocks moved forward)\n"
          "9 agent_busy: carl was still serving the call on calls.csv line 8 until 2025-01-15 09:10:45\n"
          "10 unknown_outcome: result 'NOPE' is not in the mapping's outcomes\n"
          "11 bad_time: answered '2025-01-15 9:21' is not a time in %Y-%m-%d %H:%M:%S\n"
          "13 duplicate_call_id: the same call id is on calls.csv line 8 at an overlapping time\n"
          "14 fields: 8 fields expected, 5 found\n"
          "15 queue_exit_before_entry: dequeued is 60 s before queued\n"
          "16 service_end_before_start: ended is 5 s before answered\n"
          "17 answered_without_agent: answered, but agent is ''\n");
    CHECK(s["rejected_by_reason"]["agent_busy"] == 1);

    // The stored calls, in UTC: the waits and talk across the clock changes are real durations.
    CHECK(cbtest::Query(db, "SELECT queue, agent, entered_ms, answered_ms, ended_ms, wait_ms, talk_ms, wrap_ms, category "
                            "FROM calls ORDER BY entered_ms") ==
          "support|carl|1736928000000|1736928045000|1736928645000|45000|600000|0|answered\n"
          "sales|Eve, the second|1736931600000|1736931605000|1736931665000|5000|60000|0|answered\n"
          "sales|anna|1743296390000|1743296410000|1743296710000|20000|300000|0|answered\n"
          "support|bob|1761438600000|1761438600000|1761439200000|0|600000|0|answered\n"
          "sales|null|1761439800000|null|1761441000000|1200000|null|null|abandoned\n");
    // Agent time is only the calls themselves: logged out between them.
    CHECK(cbtest::Query(db, "SELECT agent, state, count(*), sum(end_ms - start_ms) FROM agent_states "
                            "GROUP BY agent, state ORDER BY agent, state") ==
          "Eve, the second|on_call|1|60000\nEve, the second|wrap_up|1|0\n"
          "anna|on_call|1|300000\nanna|wrap_up|1|0\n"
          "bob|on_call|1|600000\nbob|wrap_up|1|0\n"
          "carl|on_call|1|600000\ncarl|wrap_up|1|0\n");
    CHECK(cbtest::Query(db, "SELECT sum(offered), sum(answered), sum(answered_within_t), sum(abandoned), sum(talk_ms), "
                            "sum(available_ms) FROM interval_counts WHERE scope = 'queue'") ==
          "5|4|3|1|1560000|0\n");

    // Again: the file is unchanged and was stored completely, so nothing is offered to the store.
    Run again = Callboard(dir, {"import", "calls", "calls.csv", "--map", "map.json", "--db", db, "--json"});
    REQUIRE_MESSAGE(again.code == 0, again.err);
    const json s2 = json::parse(again.out);
    CHECK(s2["stored"] == 0);
    CHECK(s2["skipped_events"] == 18);
    CHECK(s2["skipped_files"] == json::array({"calls.csv"}));
    CHECK(s2["total"] == s["total"]);
    // Stopped before its progress was recorded: every event is offered, every key is known.
    cbtest::Query(db, "DELETE FROM ingest_files");
    Run third = Callboard(dir, {"import", "calls", "calls.csv", "--map", "map.json", "--db", db});
    REQUIRE_MESSAGE(third.code == 0, third.err);
    CHECK(third.out.find("0 events stored, 18 already stored; 5 calls, 4 agents, 2 queues") != std::string::npos);
    CHECK(cbtest::Query(db, "SELECT count(*) FROM events WHERE source = 'calls'") == "18\n");
    CHECK(cbtest::Query(db, "SELECT count(*) FROM calls") == "5\n");
}

TEST_CASE("import calls: the errors a user meets first") {
    cbtest::TempDir dir;
    std::ofstream(dir.path() + "/calls.csv") << kCsv;
    std::string no_zone = kMapping;
    no_zone.replace(no_zone.find("\"time_zone\": \"Europe/Berlin\","), std::string("\"time_zone\": \"Europe/Berlin\",").size(), "");
    std::ofstream(dir.path() + "/nozone.json") << no_zone;
    Run run = Callboard(dir, {"import", "calls", "calls.csv", "--map", "nozone.json", "--db", "x.db"});
    CHECK(run.code == 1);
    CHECK(run.err.find("callboard: the time zone of the files' times is not known: give --time-zone ZONE (an IANA "
                       "name, like Europe/Berlin) or time_zone in nozone.json") != std::string::npos);
    // --time-zone gives it (and overrides a mapping's).
    run = Callboard(dir, {"import", "calls", "calls.csv", "--map", "nozone.json", "--time-zone", "Europe/Berlin", "--db", "x.db", "--json"});
    REQUIRE_MESSAGE(run.code == 0, run.err);
    CHECK(json::parse(run.out)["total"]["answered"] == 3);
    run = Callboard(dir, {"import", "calls", "calls.csv", "--map", "missing.json", "--db", "y.db"});
    CHECK(run.code == 1);
    CHECK(run.err.find("callboard: missing.json: cannot read the mapping file") != std::string::npos);
    // A header without a mapped column names it; nothing of the file is stored.
    std::ofstream(dir.path() + "/other.csv") << "id,queue,agent,result,queued,dequeued,answer_time,ended\n";
    run = Callboard(dir, {"import", "calls", "other.csv", "--map", "nozone.json", "--time-zone", "UTC", "--db", "y.db"});
    CHECK(run.code == 1);
    CHECK(run.err.find("callboard: other.csv: line 1: the header row has no column 'answered' (answer); its columns: "
                       "id, queue, agent, result, queued, dequeued, answer_time, ended") != std::string::npos);
    run = Callboard(dir, {"import", "calls", "calls.csv", "--map", "nozone.json", "--time-zone", "Europe/Atlantis", "--db", "y.db"});
    CHECK(run.code == 1);
    CHECK(run.err.find("Europe/Atlantis") != std::string::npos);
}
