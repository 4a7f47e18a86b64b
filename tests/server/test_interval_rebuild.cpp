// The import as `callboard import` runs it (reading and mapping on a second thread, interval
// counts of finished days computed on a second connection and written between batches) stores
// exactly what the plain single-threaded import followed by one rebuild stores; the log
// checkpointer copies pages while the log is written.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <chrono>
#include <thread>
#include "server/live/broadcaster.h"
#include "server/ingest/queue_log_feed.h"
#include "server/store/interval_rebuilder.h"
#include "server/store/wal_checkpointer.h"
#include "server/store/store.h"
#include "server_test_util.h"

namespace {

constexpr int kCenterOffsetMin = 480;  // UTC+8

// Every stored row but the insertion times.
std::string Dump(const std::string& db) {
    return cbtest::DumpTable(db, "events",
                             "id, source, idem_key, t_ms, kind, call, agent, queue, reason, exit_reason, outcome,"
                             " target_queue, wait_ms, ring_ms, value_cents",
                             "id") +
           cbtest::DumpTable(db, "calls", "*", "source, call") + cbtest::DumpTable(db, "agent_states", "*", "id") +
           cbtest::DumpTable(db, "interval_counts", "*", "start_ms, scope, key") +
           cbtest::DumpTable(db, "dirty_days", "*", "day_start_ms") +
           cbtest::DumpTable(db, "ingest_files", "identity, offset, lines", "path");
}

}  // namespace

TEST_CASE("an import with a reading thread and intervals counted meanwhile equals a plain import") {
    cbtest::TempDir dir;
    const std::string log = dir.path() + "/queue_log";
    REQUIRE(cbtest::WriteSimulatedQueueLog(log, 80) > 100000);
    const int64_t now = cb::WallClockMs();

    const std::string plain = dir.path() + "/plain.db";
    {
        auto store = cb::Store::Open(plain, cb::DataKind::Real);
        REQUIRE(store.ok());
        store.value()->SetDerivedConfig({15, kCenterOffsetMin});
        cb::QueueLogFeed feed(store.value().get(), cb::QueueLogMapperConfig{});
        REQUIRE(feed.Open(log).ok());
        REQUIRE(feed.Poll(SIZE_MAX, false).ok());
        REQUIRE(feed.Finish(false).ok());
        CHECK(store.value()->RebuildIntervals(now).value() == 4);  // 80 hours touch 4 local days
    }

    const std::string piped = dir.path() + "/piped.db";
    {
        auto store = cb::Store::Open(piped, cb::DataKind::Real);
        REQUIRE(store.ok());
        store.value()->SetDerivedConfig({15, kCenterOffsetMin});
        auto rebuilder = cb::IntervalRebuilder::Start(piped, cb::DataKind::Real, store.value()->derived_config());
        REQUIRE(rebuilder.ok());
        cb::QueueLogFeed feed(store.value().get(), cb::QueueLogMapperConfig{}, "queue_log", 5000, /*pipelined=*/true);
        REQUIRE(feed.Open(log).ok());
        int64_t written = 0;
        auto write_computed = [&] {
            auto days = store.value()->WriteIntervalDays(rebuilder.value()->Take());
            REQUIRE(days.ok());
            written += days.value();
        };
        // As `callboard import`: between stored batches, finished days are allowed and the
        // counts computed meanwhile written.
        int64_t batches = 0;
        feed.SetAfterBatch([&](const cb::QueueLogStoredBatch& batch) {
            ++batches;
            CHECK(batch.lines > 0);
            rebuilder.value()->Allow(cb::DerivedDayStart(store.value()->derived_config(), batch.last_t_ms));
            write_computed();
            return cb::Status::Ok();
        });
        auto polled = feed.Poll(SIZE_MAX, false);
        REQUIRE(polled.ok());
        CHECK(batches == polled.value().batches);
        CHECK(batches > 20);
        // The days before the last one were finished: wait for their counts (computed meanwhile).
        for (int i = 0; i < 500 && written < 3; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            write_computed();
        }
        CHECK(written >= 3);
        CHECK(rebuilder.value()->error().empty());
        REQUIRE(feed.Finish(false).ok());
        rebuilder.value().reset();
        // The last day, and the days the closing events marked again.
        CHECK(store.value()->RebuildIntervals(now).value() >= 1);
    }
    const std::string expected = Dump(plain);
    CHECK(expected.size() > 1000000);
    CHECK(Dump(piped) == expected);
}

TEST_CASE("interval counts computed before a batch marked the day again keep the mark") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/marks.db";
    auto center = cbtest::OpenSmallCenterStore(path, 0);
    cb::Store& store = *center.store;
    const cb::Directory& directory = center.directory;
    constexpr int64_t kT0 = 1767614400000;  // 2026-01-05 12:00 UTC
    auto offered = [](const std::string& key, int64_t t, uint64_t call) {
        return cbtest::Ev(key, cb::EventKind::CallOffered, t, call, cb::kNoAgent, 0);
    };
    REQUIRE(store.Append("api", directory, std::vector<cb::StoredEvent>{offered("a", kT0, 1)}).ok());

    auto reader = cb::Store::Open(path, cb::DataKind::Real);
    REQUIRE(reader.ok());
    reader.value()->SetDerivedConfig({15, 0});
    auto computed = reader.value()->ComputeDirtyDays(INT64_MAX, kT0 + 3600000, 10);
    REQUIRE(computed.ok());
    REQUIRE(computed.value().size() == 1);
    CHECK(computed.value()[0].generation == 0);
    // Computed again with the mark left out: nothing.
    const std::pair<int64_t, int64_t> mark{computed.value()[0].day_start_ms, 0};
    CHECK(reader.value()->ComputeDirtyDays(INT64_MAX, kT0 + 3600000, 10, {&mark, 1}).value().empty());

    // A second call the same day arrives before the counts are written: the mark stays.
    REQUIRE(store.Append("api", directory, std::vector<cb::StoredEvent>{offered("b", kT0 + 60000, 2)}).ok());
    CHECK(store.WriteIntervalDays(computed.value()).value() == 1);
    CHECK(store.CountRows("dirty_days").value() == 1);
    const std::string offered_sql = "SUM(offered)";
    CHECK(cbtest::DumpTable(path, "interval_counts", offered_sql, "1") == "1\n");  // the stale count
    CHECK(store.RebuildIntervals(kT0 + 3600000).value() == 1);
    CHECK(store.CountRows("dirty_days").value() == 0);
    CHECK(cbtest::DumpTable(path, "interval_counts", offered_sql, "1") == "2\n");
}

TEST_CASE("the checkpointer copies committed pages into the database file while the log is written") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/wal.db";
    auto center = cbtest::OpenSmallCenterStore(path, 0);
    cb::Store& store = *center.store;
    const cb::Directory& directory = center.directory;
    auto file_size = [](const std::string& p) {
        struct stat st {};
        return stat(p.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : -1;
    };
    auto append = [&](int from) {
        std::vector<cb::StoredEvent> batch;
        for (int i = from; i < from + 5000; ++i) {
            cb::StoredEvent e{"k" + std::to_string(i), {}};
            e.event.kind = cb::EventKind::AgentReady;
            e.event.t_ms = 1767614400000 + i;
            e.event.agent = static_cast<uint32_t>(i % 2);
            batch.push_back(e);
        }
        REQUIRE(store.Append("api", directory, batch).ok());
    };
    // Below the auto-checkpoint limit the pages stay in the log.
    const int64_t before = file_size(path);
    append(0);
    CHECK(file_size(path) == before);
    CHECK(file_size(path + "-wal") > 1000000);

    auto checkpointer = cb::WalCheckpointer::Start(path);
    REQUIRE(checkpointer.ok());
    append(5000);
    int64_t after = before;
    for (int i = 0; i < 500 && after <= before + 1000000; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        after = file_size(path);
    }
    CHECK(after > before + 1000000);
    CHECK(checkpointer.value()->error().empty());
    checkpointer.value().reset();
    CHECK(store.CountEvents("api").value() == 10000);
}
