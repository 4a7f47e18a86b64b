// `callboard import` and `callboard tail` as child processes: the summary (text and --json)
// with exact counts, a re-import that stores nothing, gzip input, and tail following a file
// that grows (with a partial last line), is truncated and is rotated.
#include <doctest/doctest.h>

#include <signal.h>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>
#include "server/cli/options.h"
#include "server/base/gzip.h"
#include "server/store/migrations.h"
#include "server/store/store.h"
#include "server/store/sqlite_db.h"
#include "server_test_util.h"

namespace {

const std::string kBin = CB_CALLBOARD_BIN;

// Two queues. support: c1 answered and completed, c2 abandoned after 12 s, c3 times out,
// c4 still waiting at the end (left open). sales: c5 answered, never completed.
const std::string kLog =
    "1767571200|NONE|NONE|NONE|QUEUESTART|\n"
    "1767571201|c1|support|PJSIP/1001|ENTERQUEUE||5550001|1\n"
    "1767571205|c1|support|PJSIP/1001|CONNECT|4|m1|2\n"
    "1767571265|c1|support|PJSIP/1001|COMPLETECALLER|4|60|1\n"
    "1767571270|c2|support|NONE|ENTERQUEUE||5550002|1\n"
    "1767571282|c2|support|NONE|ABANDON|1|1|12\n"
    "1767571290|c3|support|NONE|ENTERQUEUE||5550003|1\n"
    "1767571390|c3|support|NONE|EXITWITHTIMEOUT|1|1|100\n"
    "1767571300|c5|sales|PJSIP/1002|ENTERQUEUE||5550005|1\n"
    "1767571303|c5|sales|PJSIP/1002|CONNECT|3|m2|1\n"
    "not a queue_log line\n"
    "1767571400|c4|support|NONE|ENTERQUEUE||5550004|1\n";

std::string Sql(const std::string& db_path, const std::string& sql) {
    cb::sql::Db db;
    REQUIRE(db.Open(db_path).ok());
    db.Exec("PRAGMA busy_timeout = 2000");
    cb::sql::Statement s;
    REQUIRE(db.Prepare(sql, &s).ok());
    bool has_row = false;
    REQUIRE(s.Step(&has_row));
    return has_row ? s.ColumnText(0) : "";
}

// Like Sql, but "" while the database or its tables do not exist yet (a child creates them).
std::string TrySql(const std::string& db_path, const std::string& sql) {
    cb::sql::Db db;
    if (!db.Open(db_path).ok()) return "";
    db.Exec("PRAGMA busy_timeout = 2000");
    cb::sql::Statement s;
    if (!db.Prepare(sql, &s).ok()) return "";
    bool has_row = false;
    return s.Step(&has_row) && has_row ? s.ColumnText(0) : "";
}

std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

bool WaitFor(const std::function<bool()>& done, int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return done();
}

}  // namespace

TEST_CASE("import and tail command lines") {
    auto import = cb::ParseCommandLine({"import", "queue_log", "a.log", "b.log.gz", "--db=x.db", "--json"});
    REQUIRE(import.ok());
    CHECK(import.value().kind == cb::CommandKind::Import);
    CHECK(import.value().ingest.files == std::vector<std::string>{"a.log", "b.log.gz"});
    CHECK(import.value().ingest.db == "x.db");
    CHECK(import.value().ingest.json);
    CHECK(cb::ParseCommandLine({"import", "cdr", "a"}).status().message() ==
          "import: unknown format 'cdr' (known: queue_log, calls) (argument 2)");
    CHECK(cb::ParseCommandLine({"import", "queue_log"}).status().message() == "import: missing FILE");
    CHECK(cb::ParseCommandLine({"tail", "queue_log", "a", "b"}).status().message() == "tail: follows one FILE (argument 4)");
    CHECK(cb::ParseCommandLine({"tail", "queue_log", "a", "--json"}).status().message() ==
          "unknown option '--json' (argument 4)");
    auto serve = cb::ParseCommandLine({"serve", "--config", "c.json"});
    REQUIRE(serve.ok());
    CHECK(serve.value().serve.config == "c.json");
    CHECK(!serve.value().serve.demo_given);
}

TEST_CASE("import prints the summary; --json gives exact counts; a re-import stores nothing") {
    cbtest::TempDir dir;
    const std::string log = dir.path() + "/queue_log";
    std::ofstream(log) << kLog;
    const std::string db = dir.path() + "/cb.db";
    const std::string out = dir.path() + "/out.json";
    cbtest::Child import("/bin/sh", {"-c", kBin + " import queue_log " + log + " --db " + db + " --json > " + out});
    REQUIRE(import.Wait(30000) == 0);
    const auto json = nlohmann::json::parse(ReadFile(out));
    CHECK(json["lines_read"] == 12);
    CHECK(json["lines_rejected"] == 1);
    CHECK(json["rejected"][0]["line"] == 11);
    CHECK(json["calls"] == 5);
    CHECK(json["agents"] == 2);
    CHECK(json["queues"] == 2);
    CHECK(json["first_time"] == "2026-01-05T00:00:00Z");
    CHECK(json["last_time"] == "2026-01-05T00:03:20Z");
    const auto& total = json["total"];
    CHECK(total["entered"] == 5);
    CHECK(total["answered"] == 2);
    CHECK(total["abandoned"] == 1);
    CHECK(total["timed_out"] == 1);
    CHECK(total["left_open"] == 1);
    CHECK(total["answered_no_completion"] == 1);
    CHECK(json["duplicates"] == 0);
    const int64_t stored = json["stored"];
    CHECK(stored == std::stoll(Sql(db, "SELECT COUNT(*) FROM events")));
    CHECK(Sql(db, "SELECT group_concat(category, ',') FROM (SELECT category FROM calls ORDER BY entered_ms)") ==
          "answered,abandoned,timed_out,answered,other_exit");

    cbtest::Child text(kBin, {"import", "queue_log", log, "--db", db});
    REQUIRE(text.Wait(30000) == 0);
    CHECK(Sql(db, "SELECT COUNT(*) FROM events") == std::to_string(stored));
    // gzip input gives the same events (all already stored under the same keys).
    const std::string gz = dir.path() + "/queue_log.1.gz";
    std::ofstream(gz, std::ios::binary) << cb::GzipCompress(kLog);
    cbtest::Child gzip_import("/bin/sh", {"-c", kBin + " import queue_log " + gz + " --db " + db + " --json > " + out});
    REQUIRE(gzip_import.Wait(30000) == 0);
    const auto again = nlohmann::json::parse(ReadFile(out));
    CHECK(again["lines_read"] == 12);
    CHECK(again["stored"] == 0);
    CHECK(again["duplicates"] == stored);
}

TEST_CASE("tail follows a growing file with a partial last line, truncation and rotation") {
    cbtest::TempDir dir;
    const std::string log = dir.path() + "/queue_log";
    const std::string db = dir.path() + "/cb.db";
    std::ofstream(log) << "1767571201|c1|support|PJSIP/1001|ENTERQUEUE||5550001|1\n";
    cbtest::Child tail(kBin, {"tail", "queue_log", log, "--db", db});
    auto events = [&] {
        return TrySql(db, "SELECT COUNT(*) FROM events WHERE kind NOT IN ('call_exited', 'member_added', 'member_removed')");
    };
    REQUIRE(WaitFor([&] { return events() == "1"; }, 10000));
    {
        std::ofstream append(log, std::ios::app);
        append << "1767571205|c1|support|PJSIP/1001|CONNECT|4|m1|2\n1767571265|c1|support|PJSIP/10";  // partial
    }
    REQUIRE(WaitFor([&] { return events() == "2"; }, 10000));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(events() == "2");  // the partial line waits for its newline
    { std::ofstream(log, std::ios::app) << "01|COMPLETECALLER|4|60|1\n"; }
    REQUIRE(WaitFor([&] { return events() == "3"; }, 10000));
    CHECK(Sql(db, "SELECT category FROM calls") == "answered");

    std::ofstream(log, std::ios::trunc) << "1767571300|c2|support|NONE|ENTERQUEUE||5550002|1\n";  // truncated
    REQUIRE(WaitFor([&] { return events() == "4"; }, 10000));
    std::rename(log.c_str(), (log + ".1").c_str());  // rotated: a new file under the old name
    { std::ofstream(log + ".1", std::ios::app) << "1767571310|c2|support|NONE|ABANDON|1|1|10\n"; }
    std::ofstream(log) << "1767571400|c3|support|NONE|ENTERQUEUE||5550003|1\n";
    REQUIRE(WaitFor([&] { return events() == "6"; }, 10000));
    CHECK(Sql(db, "SELECT group_concat(category, ',') FROM (SELECT category FROM calls ORDER BY entered_ms)") ==
          "answered,abandoned,open");
    tail.Signal(SIGTERM);
    CHECK(tail.Wait(10000) == 0);
}

TEST_CASE("import --json: a call still open at an Asterisk restart is counted once, in one category") {
    // support: c1 waiting and sales: c2 answered when Asterisk restarts (QUEUESTART); both ids
    // turn up again after it (c1 answered and completed, c2 abandoned), and so does c4, which
    // was waiting too (a second ENTERQUEUE). c3 is an ordinary abandoned call after the restart,
    // c5 an ordinary one that times out in support and then enters sales (a second queue entry).
    cbtest::TempDir dir;
    const std::string log = dir.path() + "/queue_log";
    std::ofstream(log) << "1767571200|NONE|NONE|NONE|QUEUESTART|\n"
                          "1767571201|c1|support|NONE|ENTERQUEUE||5550001|1\n"
                          "1767571202|c2|sales|NONE|ENTERQUEUE||5550002|1\n"
                          "1767571203|c4|support|NONE|ENTERQUEUE||5550004|2\n"
                          "1767571205|c2|sales|PJSIP/1002|CONNECT|3|m2|1\n"
                          "1767571300|NONE|NONE|NONE|QUEUESTART|\n"
                          "1767571310|c1|support|PJSIP/1001|CONNECT|109|m1|1\n"
                          "1767571320|c2|sales|NONE|ABANDON|1|1|118\n"
                          "1767571370|c1|support|PJSIP/1001|COMPLETEAGENT|109|60|1\n"
                          "1767571330|c4|support|NONE|ENTERQUEUE||5550004|1\n"
                          "1767571400|c3|support|NONE|ENTERQUEUE||5550003|1\n"
                          "1767571410|c3|support|NONE|ABANDON|1|1|10\n"
                          "1767571500|c5|support|NONE|ENTERQUEUE||5550005|1\n"
                          "1767571530|c5|support|NONE|EXITWITHTIMEOUT|1|1|30\n"
                          "1767571531|c5|sales|NONE|ENTERQUEUE||5550005|1\n"
                          "1767571540|c5|sales|PJSIP/1002|CONNECT|9|m3|1\n"
                          "1767571600|c5|sales|PJSIP/1002|COMPLETECALLER|9|60|1\n";
    const std::string db = dir.path() + "/cb.db";
    const std::string out = dir.path() + "/out.json";
    cbtest::Child import("/bin/sh", {"-c", kBin + " import queue_log " + log + " --db " + db + " --json > " + out});
    REQUIRE(import.Wait(30000) == 0);
    const auto json = nlohmann::json::parse(ReadFile(out));
    CHECK(json["calls"] == 5);
    CHECK(json["queue_starts"] == 2);
    CHECK(json["out_of_sequence"] == 4);  // c1's CONNECT and COMPLETEAGENT, c2's ABANDON, c4's ENTERQUEUE
    // Every queue entry in exactly one category; c5 entered two queues, the others one.
    auto categories_add_up = [](const nlohmann::json& c) {
        CHECK(c["entered"].get<int>() == c["answered"].get<int>() + c["abandoned"].get<int>() +
                                             c["timed_out"].get<int>() + c["other_exits"].get<int>() +
                                             c["left_open"].get<int>());
        CHECK(c["answered"].get<int>() ==
              c["completed"].get<int>() + c["transferred"].get<int>() + c["answered_no_completion"].get<int>());
    };
    int entered = 0;
    std::map<std::string, nlohmann::json> queue;
    for (const auto& q : json["per_queue"]) {
        entered += q["entered"].get<int>();
        categories_add_up(q);
        queue[q["queue"]] = q;
    }
    CHECK(entered == 6);  // 5 calls, one of them (c5) in two queues
    CHECK(json["total"]["entered"] == 6);
    categories_add_up(json["total"]);
    CHECK(queue["support"]["entered"] == 4);
    CHECK(queue["support"]["left_open"] == 2);  // c1, c4: closed by the restart
    CHECK(queue["support"]["abandoned"] == 1);  // c3
    CHECK(queue["support"]["timed_out"] == 1);  // c5
    CHECK(queue["support"]["answered"] == 0);
    CHECK(queue["sales"]["entered"] == 2);
    CHECK(queue["sales"]["answered"] == 2);
    CHECK(queue["sales"]["answered_no_completion"] == 1);  // c2: closed by the restart
    CHECK(queue["sales"]["completed"] == 1);               // c5
    CHECK(queue["sales"]["abandoned"] == 0);
    // The store agrees: one row per queue entry (c5 timed out of support, then was answered in
    // sales: two legs), the restart's close is its end.
    CHECK(Sql(db, "SELECT group_concat(category, ',') FROM (SELECT category FROM calls ORDER BY entered_ms)") ==
          "other_exit,answered,other_exit,abandoned,timed_out,answered");
    CHECK(Sql(db, "SELECT COUNT(*) FROM calls") == std::to_string(json["total"]["entered"].get<int>()));
}

TEST_CASE("import: a gzip file cut short is reported, its complete lines imported, its cut line not") {
    // 1000 calls, each an ENTERQUEUE and an ABANDON line, gzip-compressed and cut inside an
    // ENTERQUEUE line's caller number (so the cut line would parse as a valid, wrong line).
    std::string plain;
    for (int i = 0; i < 1000; ++i) {
        const std::string t = std::to_string(1767571200 + 2 * i);
        plain += t + "|k" + std::to_string(i) + "|support|NONE|ENTERQUEUE||55512345" + std::to_string(i) + "|1\n";
        plain += std::to_string(1767571201 + 2 * i) + "|k" + std::to_string(i) + "|support|NONE|ABANDON|1|1|1\n";
    }
    const std::string gz = cb::GzipCompress(plain);
    size_t cut = gz.size() / 2;
    std::string prefix;
    for (;; ++cut) {
        REQUIRE(cut < gz.size());
        prefix.clear();
        cb::GzipInflater inflater;
        REQUIRE(inflater.Feed(gz.data(), cut, &prefix));
        const std::string last = prefix.substr(prefix.rfind('\n') + 1);
        if (last.size() > 40 && last.find("|ENTERQUEUE||5551234") != std::string::npos) break;
    }
    const std::string complete = prefix.substr(0, prefix.rfind('\n') + 1);
    const int lines = static_cast<int>(std::count(complete.begin(), complete.end(), '\n'));
    int entered = 0, abandoned = 0;
    for (size_t at = 0; (at = complete.find("|ENTERQUEUE|", at)) != std::string::npos; ++at) ++entered;
    for (size_t at = 0; (at = complete.find("|ABANDON|", at)) != std::string::npos; ++at) ++abandoned;
    REQUIRE(entered == abandoned);  // the cut line is an ENTERQUEUE: the complete ones end in an ABANDON

    cbtest::TempDir dir;
    const std::string cut_gz = dir.path() + "/queue_log.2.gz";
    std::ofstream(cut_gz, std::ios::binary) << gz.substr(0, cut);
    // The next file, plain, its last line without a newline: imported (docs/queue_log.md).
    const std::string next = dir.path() + "/queue_log.1";
    std::ofstream(next) << "1767575000|z1|sales|NONE|ENTERQUEUE||5559999|1\n1767575010|z1|sales|NONE|ABANDON|1|1|10";
    const std::string db = dir.path() + "/cb.db";
    const std::string out = dir.path() + "/out.json";
    cbtest::Child import("/bin/sh",
                         {"-c", kBin + " import queue_log " + cut_gz + " " + next + " --db " + db + " --json > " + out});
    CHECK(import.Wait(30000) == 3);
    const std::string where = cut_gz + ": gzip data cut short: the file ends at byte " + std::to_string(cut) +
                              ", inside the compressed data; the " + std::to_string(lines) +
                              " complete lines before are read, line " + std::to_string(lines + 1) + " is cut";
    CHECK(import.Stderr().find("callboard: " + where) != std::string::npos);
    const auto json = nlohmann::json::parse(ReadFile(out));
    REQUIRE(json["damaged_files"].size() == 1);
    CHECK(json["damaged_files"][0]["file"] == cut_gz);
    CHECK(json["damaged_files"][0]["error"].get<std::string>().rfind(where.substr(cut_gz.size() + 2), 0) == 0);
    CHECK(json["lines_read"] == lines + 2);
    CHECK(json["lines_rejected"] == 0);
    CHECK(json["total"]["entered"] == entered + 1);
    CHECK(json["total"]["abandoned"] == abandoned + 1);
    CHECK(json["total"]["left_open"] == 0);
    CHECK(Sql(db, "SELECT COUNT(*) FROM events WHERE kind = 'call_offered'") == std::to_string(entered + 1));
    CHECK(Sql(db, "SELECT COUNT(*) FROM events") == std::to_string(2 * (entered + 1)));
    CHECK(Sql(db, "SELECT COUNT(*) FROM calls WHERE category = 'abandoned'") == std::to_string(abandoned + 1));
    CHECK(json["stored"] == 2 * (entered + 1));
    // The text summary says it too.
    cbtest::Child text(kBin, {"import", "queue_log", cut_gz, "--db", db});
    CHECK(text.Wait(30000) == 3);
    CHECK(text.Stderr().find("callboard: " + where) != std::string::npos);
}

TEST_CASE("import progress off a terminal: plain lines on stderr, stdout pure JSON") {
    cbtest::TempDir dir;
    const std::string a = dir.path() + "/queue_log.1.gz";
    const std::string b = dir.path() + "/queue_log";
    std::ofstream(a, std::ios::binary) << cb::GzipCompress(kLog);
    std::ofstream(b) << "1767575000|z1|sales|NONE|ENTERQUEUE||5559999|1\n";
    const std::string out = dir.path() + "/out.json";
    // stderr goes to a file (Child): not a terminal.
    cbtest::Child import("/bin/sh", {"-c", kBin + " import queue_log " + a + " " + b + " --db " + dir.path() +
                                               "/cb.db --json > " + out});
    REQUIRE(import.Wait(30000) == 0);
    const std::string err = import.Stderr();
    // A small import ends before the first periodic line: only the done line, no terminal codes.
    CHECK(err.rfind("2 files: 13 lines in 0:00, ", 0) == 0);
    CHECK(err.size() > 30);
    CHECK(err.substr(err.size() - 8) == "lines/s\n");
    CHECK(std::count(err.begin(), err.end(), '\n') == 1);
    CHECK(err.find('\r') == std::string::npos);
    CHECK(err.find('\033') == std::string::npos);
    const std::string json = ReadFile(out);
    CHECK(nlohmann::json::parse(json)["lines_read"] == 13);  // all of stdout is the JSON document
    CHECK(json.front() == '{');
    CHECK(json.substr(json.size() - 2) == "}\n");
}

TEST_CASE("import into a database of an older version derives its calls again first, then imports") {
    cbtest::TempDir dir;
    const std::string db = dir.path() + "/v6.db";
    {
        // Schema v6 with one stored queue_log call (entered, abandoned after 8 s) and no derived rows.
        cb::sql::Db raw;
        REQUIRE(raw.Open(db).ok());
        int version = 0;
        REQUIRE(cb::Migrate(raw, &version, 6).ok());
        REQUIRE(raw.Exec("INSERT INTO meta (key, value) VALUES ('data_kind', 'real');"
                         "INSERT INTO queues (key, name_en, name_zh, sl_variant, sl_threshold_s, sl_target, short_abandon_s)"
                         " VALUES ('support', 'support', 'support', 'answered_over_offered', 20, 0.8, 5);"
                         "INSERT INTO events (source, idem_key, t_ms, kind, call, queue, inserted_at) VALUES"
                         " ('queue_log', 'k1', 1767571100000, 'call_offered', 99, 'support', 0),"
                         " ('queue_log', 'k2', 1767571108000, 'call_abandoned', 99, 'support', 0);")
                    .ok());
    }
    const std::string log = dir.path() + "/queue_log";
    std::ofstream(log) << "1767571201|c1|support|NONE|ENTERQUEUE||5550001|1\n"
                          "1767571205|c1|support|NONE|ABANDON|1|1|4\n";
    cbtest::Child import(kBin, {"import", "queue_log", log, "--db", db});
    REQUIRE(import.Wait(30000) == 0);
    CHECK(import.Stderr().find("written by an older version: deriving its calls and agent states again") != std::string::npos);
    CHECK(import.Stderr().find("derived 2 of 2 events") != std::string::npos);
    CHECK(Sql(db, "SELECT COUNT(*) || '|' || SUM(category = 'abandoned') FROM calls") == "2|2");
    CHECK(Sql(db, "SELECT value FROM meta WHERE key = 'derived_rules'") == cb::Store::DerivedRulesVersion());
    CHECK(Sql(db, "SELECT SUM(offered) || '|' || SUM(abandoned) FROM interval_counts WHERE scope = 'queue'") == "2|2");
}
