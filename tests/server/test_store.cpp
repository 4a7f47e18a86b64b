// The SQLite store: migrations (in memory and on disk), idempotent event appends, the
// directory, the demo/real guard, and files that are not databases or cannot be written.
#include <doctest/doctest.h>

#include <fstream>
#include "server/store/migrations.h"
#include "server/store/store.h"
#include "server_test_util.h"

namespace {

cb::Directory SmallDirectory() { return cbtest::SmallCenter(1).directory; }

cb::StoredEvent Offered(const std::string& key, int64_t t_ms, uint64_t call) {
    cb::Event e;
    e.id = call;
    e.t_ms = t_ms;
    e.kind = cb::EventKind::CallOffered;
    e.call = call;
    e.queue = 0;
    return {key, e};
}

}  // namespace

TEST_CASE("a new in-memory store is migrated to the latest schema and marked demo") {
    auto opened = cb::Store::Open(":memory:", cb::DataKind::Demo);
    REQUIRE(opened.ok());
    cb::Store& store = *opened.value();
    CHECK(store.schema_version() == cb::LatestSchemaVersion());
    CHECK(store.schema_version() == cb::LatestSchemaVersion());
    CHECK(store.Meta("data_kind").value() == "demo");
    CHECK(store.Meta("product_version").value() == CALLBOARD_VERSION);
    CHECK(!store.Meta("created_at").value().empty());
    CHECK(store.Meta("no_such_key").value() == "");
    CHECK(store.CountEvents("").value() == 0);
}

TEST_CASE("appending the same events twice stores them once; other sources are separate") {
    auto opened = cb::Store::Open(":memory:", cb::DataKind::Demo);
    REQUIRE(opened.ok());
    cb::Store& store = *opened.value();
    const cb::Directory directory = SmallDirectory();
    std::vector<cb::StoredEvent> batch = {Offered("k1", 1000, 1), Offered("k2", 2000, 2), Offered("k3", 3000, 3)};
    CHECK(store.AppendEvents("demo:normal", directory, batch).value() == 3);
    CHECK(store.AppendEvents("demo:normal", directory, batch).value() == 0);
    batch.push_back(Offered("k4", 4000, 4));
    CHECK(store.AppendEvents("demo:normal", directory, batch).value() == 1);
    CHECK(store.AppendEvents("queue_log", directory, batch).value() == 4);
    CHECK(store.CountEvents("demo:normal").value() == 4);
    CHECK(store.CountEvents("queue_log").value() == 4);
    CHECK(store.CountEvents("").value() == 8);
    CHECK(store.AppendEvents("demo:normal", directory, {}).value() == 0);
}

TEST_CASE("the directory is upserted by key") {
    auto opened = cb::Store::Open(":memory:", cb::DataKind::Demo);
    REQUIRE(opened.ok());
    cb::Store& store = *opened.value();
    cb::Directory directory = SmallDirectory();
    REQUIRE(store.SaveDirectory(directory).ok());
    REQUIRE(store.SaveDirectory(directory).ok());
    CHECK(store.CountRows("queues").value() == 1);
    CHECK(store.CountRows("teams").value() == 1);
    CHECK(store.CountRows("agents").value() == 2);
    directory.agents.push_back({"1003", "Zhang Wei", "张伟", 0, 1, 1, 30, 1});
    REQUIRE(store.SaveDirectory(directory).ok());
    CHECK(store.CountRows("agents").value() == 3);
    CHECK(!store.CountRows("events; DROP TABLE meta").ok());
    directory.agents.back().team = 7;  // no such team
    CHECK(store.SaveDirectory(directory).message() ==
          "storing the directory failed: agent '1003': team index out of range");
}

TEST_CASE("a database file keeps its data and kind across opens, and refuses the other kind") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/center.db";
    {
        auto opened = cb::Store::Open(path, cb::DataKind::Demo);
        REQUIRE(opened.ok());
        REQUIRE(opened.value()->AppendEvents("demo:normal", SmallDirectory(), std::vector{Offered("a", 1, 1)}).ok());
    }
    {
        auto reopened = cb::Store::Open(path, cb::DataKind::Demo);
        REQUIRE(reopened.ok());
        CHECK(reopened.value()->schema_version() == cb::LatestSchemaVersion());
        CHECK(reopened.value()->CountEvents("demo:normal").value() == 1);
    }
    auto as_real = cb::Store::Open(path, cb::DataKind::Real);
    REQUIRE(!as_real.ok());
    CHECK(as_real.status().message() ==
          "database '" + path + "': holds demo data and cannot be used for real data; choose another --db file");

    const std::string real_path = dir.path() + "/real.db";
    REQUIRE(cb::Store::Open(real_path, cb::DataKind::Real).ok());
    CHECK(cb::Store::Open(real_path, cb::DataKind::Demo).status().message() ==
          "database '" + real_path + "': holds real data and cannot be used for demo data; choose another --db file");
}

TEST_CASE("a file that is not a database, or a path that cannot be created, fails with one line") {
    cbtest::TempDir dir;
    const std::string text_path = dir.path() + "/notes.db";
    std::ofstream(text_path) << "these are not the tables you are looking for\n" << std::string(4096, 'x');
    auto not_db = cb::Store::Open(text_path, cb::DataKind::Demo);
    REQUIRE(!not_db.ok());
    CHECK(not_db.status().message() == "database '" + text_path + "': file is not a database");

    const std::string missing_dir = dir.path() + "/no/such/folder/x.db";
    auto cannot_create = cb::Store::Open(missing_dir, cb::DataKind::Demo);
    REQUIRE(!cannot_create.ok());
    CHECK(cannot_create.status().message() ==
          "database '" + missing_dir + "': cannot open or create it (unable to open database file)");

    auto is_dir = cb::Store::Open(dir.path(), cb::DataKind::Demo);
    CHECK(!is_dir.ok());
    CHECK(is_dir.status().message().find("database '" + dir.path() + "': ") == 0);
}

TEST_CASE("a database from a newer callboard is refused") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/future.db";
    REQUIRE(cb::Store::Open(path, cb::DataKind::Demo).ok());
    {
        cb::sql::Db db;
        REQUIRE(db.Open(path).ok());
        REQUIRE(db.Exec("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)").ok());
    }
    CHECK(cb::Store::Open(path, cb::DataKind::Demo).status().message() ==
          "database '" + path + "': database schema v99 is newer than this callboard understands (v" +
              std::to_string(cb::LatestSchemaVersion()) + ")");
}
