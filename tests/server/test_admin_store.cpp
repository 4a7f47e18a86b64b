// The administration store (server/store/store_admin.h): the thresholds migration on a fresh
// and on an existing database, the thresholds as stored (with their audit line in the same
// transaction), and the teams as the administration page lists, adds and renames them.
#include <doctest/doctest.h>

#include "server/store/migrations.h"
#include "server/store/sqlite_db.h"
#include "server/store/store.h"
#include "server/store/store_accounts.h"
#include "server/store/store_admin.h"
#include "server_test_util.h"

namespace {

std::unique_ptr<cb::SqliteAdminStore> OpenAdmin(const std::string& path) {
    cb::Result<std::unique_ptr<cb::SqliteAdminStore>> store = cb::SqliteAdminStore::Open(path);
    REQUIRE_MESSAGE(store.ok(), store.status().message());
    return std::move(store.value());
}

cb::AuditEntry Entry(const std::string& user, const std::string& detail) {
    return cb::AuditEntry{0, 1767585600000, user, "thresholds_set", detail, "127.0.0.1", true};
}

}  // namespace

TEST_CASE("the thresholds table comes with the migrations, on a new and on an existing database") {
    cbtest::TempDir dir;
    const std::string fresh = dir.path() + "/fresh.db";
    OpenAdmin(fresh);
    CHECK(cbtest::Query(fresh, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'thresholds'") == "thresholds\n");
    CHECK(cbtest::Query(fresh, "SELECT MAX(version) FROM schema_version") == std::to_string(cb::LatestSchemaVersion()) + "\n");

    // A database from before: its rows stay, the table is added, the migration recorded.
    const std::string old = dir.path() + "/old.db";
    cbtest::CreateV1Database(old);
    cbtest::Query(old, "INSERT INTO teams (key, name_en, name_zh) VALUES ('t1', 'Team 1', '一组')");
    OpenAdmin(old);
    CHECK(cbtest::Query(old, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'thresholds'") == "thresholds\n");
    CHECK(cbtest::Query(old, "SELECT key, name_zh FROM teams") == "t1|一组\n");
    CHECK(cbtest::Query(old, "SELECT MAX(version) FROM schema_version") == std::to_string(cb::LatestSchemaVersion()) + "\n");
    // Scopes other than the center or a team are refused by the table itself.
    CHECK(cbtest::Query(old, "SELECT COUNT(*) FROM thresholds") == "0\n");
    cb::sql::Db db;
    REQUIRE(db.Open(old).ok());
    CHECK_FALSE(db.Exec("INSERT INTO thresholds VALUES ('everyone', '{}', 'x', 1)").ok());
    CHECK_FALSE(db.Exec("INSERT INTO thresholds VALUES ('team:', '{}', 'x', 1)").ok());
}

TEST_CASE("stored thresholds: defaults until changed, the center's set and teams' overrides, each with its audit line") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/t.db";
    std::unique_ptr<cb::SqliteAdminStore> store = OpenAdmin(path);
    cb::ThresholdSets sets = store->LoadThresholds().value();
    CHECK(sets.center == cb::Thresholds{});
    CHECK(sets.center_by.empty());
    CHECK(sets.teams.empty());

    cb::Thresholds center;
    center.asa_warn_s = 25;
    center.abandon_bad = 0.12;
    REQUIRE(store->SaveCenterThresholds(center, "mona", 1767585600000, Entry("mona", "center: asa_warn_s 20 -> 25")).ok());
    cb::ThresholdOverride team;
    team.set = 1u << cb::ThresholdFieldIndex("break_long_s");
    team.values.break_long_s = 1200;
    REQUIRE(store->SaveTeamThresholds("a", team, "wang", 1767585601000, Entry("wang", "team a: break_long_s center -> 1200")).ok());

    // What another connection (a restarted server) reads.
    std::unique_ptr<cb::SqliteAdminStore> again = OpenAdmin(path);
    sets = again->LoadThresholds().value();
    CHECK(sets.center.asa_warn_s == 25);
    CHECK(sets.center.abandon_bad == doctest::Approx(0.12));
    CHECK(sets.center.call_long_s == cb::Thresholds{}.call_long_s);
    CHECK(sets.center_by == "mona");
    CHECK(sets.center_ms == 1767585600000);
    REQUIRE(sets.teams.size() == 1);
    CHECK(sets.teams[0].team == "a");
    CHECK(sets.teams[0].values == team);
    CHECK(sets.teams[0].updated_by == "wang");
    CHECK(cbtest::Query(path, "SELECT scope, settings, updated_by FROM thresholds ORDER BY scope") ==
          "center|" + cb::ThresholdsToJson(center) + "|mona\nteam:a|{\"break_long_s\":1200}|wang\n");
    CHECK(cbtest::Query(path, "SELECT user, action, detail FROM audit ORDER BY id") ==
          "mona|thresholds_set|center: asa_warn_s 20 -> 25\nwang|thresholds_set|team a: break_long_s center -> 1200\n");

    // An empty override removes the team's row: it follows the center again.
    REQUIRE(again->SaveTeamThresholds("a", {}, "root", 1767585602000, Entry("root", "team a: break_long_s 1200 -> center")).ok());
    CHECK(again->LoadThresholds().value().teams.empty());
    CHECK(cbtest::Query(path, "SELECT COUNT(*) FROM thresholds WHERE scope = 'team:a'") == "0\n");
    CHECK(cbtest::Query(path, "SELECT COUNT(*) FROM audit") == "3\n");
}

TEST_CASE("a stored row that does not read as thresholds fails the load, naming it") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/t.db";
    std::unique_ptr<cb::SqliteAdminStore> store = OpenAdmin(path);
    cbtest::Query(path, "INSERT INTO thresholds VALUES ('team:night', '{\"asa_warn_s\":\"soon\"}', 'x', 1)");
    cb::Result<cb::ThresholdSets> sets = store->LoadThresholds();
    REQUIRE_FALSE(sets.ok());
    CHECK(sets.status().message() == "stored thresholds of team 'night' do not read: asa_warn_s: expected whole seconds");
}

TEST_CASE("teams as the administration page sees them: agents counted, added, renamed") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/t.db";
    cbtest::SmallCenterStore center = cbtest::OpenSmallCenterStore(path, 480);
    std::unique_ptr<cb::SqliteAdminStore> store = OpenAdmin(path);
    std::vector<cb::TeamRecord> teams = store->ListTeams().value();
    REQUIRE(teams.size() == 1);
    CHECK(teams[0] == cb::TeamRecord{"a", "Team A", "一组", 2, "1001"});
    CHECK(store->TeamExists("a").value());
    CHECK_FALSE(store->TeamExists("night").value());

    REQUIRE(store->AddTeam("night", "Night shift", "夜班").ok());
    cb::Status twice = store->AddTeam("night", "Night", "夜");
    CHECK(twice.message() == "a team 'night' exists already");
    REQUIRE(store->RenameTeam("night", "Nights", "夜间组").ok());
    CHECK(store->RenameTeam("day", "Day", "日班").message() == "no team 'day'");
    teams = store->ListTeams().value();
    REQUIRE(teams.size() == 2);
    CHECK(teams[1] == cb::TeamRecord{"night", "Nights", "夜间组", 0, ""});
    // The live source's store sees it as part of the directory.
    cb::Directory loaded = center.store->LoadDirectory().value();
    REQUIRE(loaded.teams.size() == 2);
    CHECK(loaded.teams[1].name_zh == "夜间组");
}
