// kill -9 during a large import loses nothing acknowledged and duplicates nothing: a real
// `callboard import` child is killed mid-way, re-run, and its database compared with a clean
// import of the same file (events, calls by category, agent state intervals, progress).
#include <doctest/doctest.h>

#include <signal.h>
#include <unistd.h>
#include <chrono>
#include <fstream>
#include <thread>
#include "server/store/sqlite_db.h"
#include "server_test_util.h"

namespace {

const std::string kBin = CB_CALLBOARD_BIN;

std::string Counts(const std::string& db_path) {
    cb::sql::Db db;
    REQUIRE(db.Open(db_path).ok());
    std::string out;
    for (const char* sql : {"SELECT COUNT(*) FROM events", "SELECT COUNT(DISTINCT idem_key) FROM events",
                            "SELECT COUNT(*) FROM calls", "SELECT COUNT(*) FROM agent_states",
                            "SELECT group_concat(category || '=' || n, ',') FROM"
                            " (SELECT category, COUNT(*) AS n FROM calls GROUP BY category ORDER BY category)",
                            "SELECT SUM(offered) || '/' || SUM(answered) || '/' || SUM(talk_ms) FROM interval_counts"
                            " WHERE scope = 'queue'",
                            "SELECT offset || '/' || lines FROM ingest_files"}) {
        cb::sql::Statement s;
        REQUIRE(db.Prepare(sql, &s).ok());
        bool has_row = false;
        REQUIRE(s.Step(&has_row));
        out += s.ColumnText(0) + "\n";
    }
    return out;
}

int64_t StoredEvents(const std::string& db_path) {
    cb::sql::Db db;
    if (!db.Open(db_path).ok()) return 0;
    db.Exec("PRAGMA busy_timeout = 2000");
    cb::sql::Statement s;
    if (!db.Prepare("SELECT COUNT(*) FROM events", &s).ok()) return 0;
    bool has_row = false;
    return s.Step(&has_row) && has_row ? s.ColumnInt(0) : 0;
}

}  // namespace

TEST_CASE("kill -9 in the middle of an import, then a re-run, equals a clean import") {
    cbtest::TempDir dir;
    const std::string log = dir.path() + "/queue_log";
    const size_t lines = cbtest::WriteSimulatedQueueLog(log, 48);
    REQUIRE(lines > 100000);

    const std::string clean_db = dir.path() + "/clean.db";
    cbtest::Child clean(kBin, {"import", "queue_log", log, "--db", clean_db});
    REQUIRE(clean.Wait(120000) == 0);
    const std::string expected = Counts(clean_db);

    const std::string db = dir.path() + "/killed.db";
    int64_t at_kill = 0;
    {
        cbtest::Child victim(kBin, {"import", "queue_log", log, "--db", db});
        // Kill once some batches are committed and the import is not finished.
        for (int i = 0; i < 2000 && victim.running(); ++i) {
            at_kill = StoredEvents(db);
            if (at_kill > 0) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        REQUIRE(victim.running());
        victim.Signal(SIGKILL);
        CHECK(victim.Wait(10000) == -SIGKILL);
    }
    const int64_t after_kill = StoredEvents(db);
    CHECK(after_kill >= at_kill);  // acknowledged (committed) batches survive the kill
    CHECK(after_kill < StoredEvents(clean_db));

    cbtest::Child rerun(kBin, {"import", "queue_log", log, "--db", db});
    REQUIRE(rerun.Wait(120000) == 0);
    CHECK(Counts(db) == expected);

    cbtest::Child third(kBin, {"import", "queue_log", log, "--db", db, "--json"});
    REQUIRE(third.Wait(120000) == 0);
    CHECK(Counts(db) == expected);  // a re-import changes nothing
}
