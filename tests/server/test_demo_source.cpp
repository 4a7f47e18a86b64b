// The server's demo source stores its events and counts them into interval_counts as it runs, so
// the Reports area over today shows the demo's calls, counted as the live floor counts them.
#include <doctest/doctest.h>

#include <string>
#include "server/live/broadcaster.h"
#include "server/live/demo_source.h"
#include "server/store/sqlite_db.h"
#include "server/store/store.h"
#include "server_test_util.h"

namespace {

int64_t SqlInt(const std::string& path, const std::string& sql) {
    cb::sql::Db db;
    REQUIRE(db.Open(path).ok());
    cb::sql::Statement s;
    REQUIRE(db.Prepare(sql, &s).ok());
    bool has_row = false;
    REQUIRE(s.Step(&has_row));
    REQUIRE(has_row);
    return s.ColumnInt(0);
}

}  // namespace

TEST_CASE("the demo source counts the replayed morning into interval_counts as the floor counts it") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/demo.db";
    auto opened = cb::Store::Open(path, cb::DataKind::Demo);
    REQUIRE(opened.ok());
    cb::Store& store = *opened.value();
    store.SetDerivedConfig({15, 480});
    cb::Broadcaster broadcaster;
    cb::DemoSourceConfig config;
    config.demo.tz_offset_min = 480;
    config.demo.start_ms = 1772416800000;  // 2026-03-02 10:00 local (UTC+8): two hours replayed
    config.rebuild_intervals_ms = 3600000;  // only the count at start in this test
    cb::DemoSource source(config, &store, &broadcaster);
    REQUIRE(source.Start().ok());
    source.Stop();

    const auto current = broadcaster.Current();
    REQUIRE(current != nullptr);
    int64_t live_offered = 0, live_answered = 0;
    for (const auto& q : current->snapshot().queues) {
        live_offered += q.today.offered;
        live_answered += q.today.answered;
    }
    REQUIRE(live_offered > 100);
    const std::string day = "start_ms >= 1772380800000 AND start_ms < 1772467200000";
    CHECK(SqlInt(path, "SELECT COALESCE(SUM(offered), 0) FROM interval_counts WHERE scope = 'queue' AND " + day) ==
          live_offered);
    CHECK(SqlInt(path, "SELECT COALESCE(SUM(answered), 0) FROM interval_counts WHERE scope = 'queue' AND " + day) ==
          live_answered);
    CHECK(SqlInt(path, "SELECT COUNT(*) FROM dirty_days") == 0);
}
