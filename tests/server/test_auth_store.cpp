// Accounts, sessions and the audit log on SQLite (schema v3), through the AccountStore interface.
#include <doctest/doctest.h>

#include "server/store/migrations.h"
#include "server/store/store.h"
#include "server/store/store_accounts.h"
#include "server_test_util.h"

namespace {

std::unique_ptr<cb::SqliteAccountStore> OpenMemory() {
    auto store = cb::SqliteAccountStore::Open(":memory:");
    REQUIRE(store.ok());
    return std::move(store.value());
}

cb::Account Lead(const std::string& name) {
    cb::Account a;
    a.name = name;
    a.role = cb::Role::Lead;
    a.teams = {"b", "a"};
    a.password_hash = "$argon2id$x";
    a.created_ms = 1000;
    return a;
}

}  // namespace

TEST_CASE("accounts: add, find by name, id and kiosk hash, list, disable, change password") {
    auto store = OpenMemory();
    CHECK(store->CountAccounts().value() == 0);
    auto id = store->AddAccount(Lead("wang"));
    REQUIRE(id.ok());
    CHECK(id.value() == 1);
    auto again = store->AddAccount(Lead("wang"));
    REQUIRE(!again.ok());
    CHECK(again.status().message() == "an account named 'wang' exists already");

    cb::Account tv;
    tv.name = "tv1";
    tv.role = cb::Role::Wallboard;
    tv.kiosk_hash = "abc";
    REQUIRE(store->AddAccount(tv).ok());

    auto found = store->FindAccount("wang");
    REQUIRE(found.ok());
    REQUIRE(found.value());
    CHECK(found.value()->role == cb::Role::Lead);
    CHECK(found.value()->teams == std::vector<std::string>{"a", "b"});
    CHECK(found.value()->password_hash == "$argon2id$x");
    CHECK(found.value()->kiosk_hash.empty());
    CHECK(found.value()->created_ms == 1000);
    CHECK(!store->FindAccount("nobody").value());
    CHECK(store->FindAccountById(2).value()->name == "tv1");
    CHECK(store->FindAccountByKioskHash("abc").value()->name == "tv1");
    CHECK(!store->FindAccountByKioskHash("abd").value());

    auto list = store->ListAccounts();
    REQUIRE(list.value().size() == 2);
    CHECK(list.value()[0].name == "tv1");
    CHECK(list.value()[1].name == "wang");

    CHECK(store->CountActiveAdmins().value() == 0);
    cb::Account admin;
    admin.name = "root";
    admin.role = cb::Role::Admin;
    admin.password_hash = "h";
    REQUIRE(store->AddAccount(admin).ok());
    CHECK(store->CountActiveAdmins().value() == 1);
    REQUIRE(store->SetDisabled("root", true).ok());
    CHECK(store->CountActiveAdmins().value() == 0);
    CHECK(store->FindAccount("root").value()->disabled);
    CHECK(store->SetDisabled("ghost", true).message() == "no account 'ghost'");
    REQUIRE(store->SetPasswordHash("wang", "new").ok());
    CHECK(store->FindAccount("wang").value()->password_hash == "new");
    CHECK(store->CountAccounts().value() == 3);
}

TEST_CASE("sessions: stored by token hash, touched, deleted one by one, per account and when expired") {
    auto store = OpenMemory();
    const int64_t id = store->AddAccount(Lead("wang")).value();
    cb::SessionRecord s;
    s.token_hash = "h1";
    s.account_id = id;
    s.csrf = "c1";
    s.client = "web";
    s.address = "10.0.0.5";
    s.created_ms = 1000;
    s.last_seen_ms = 1000;
    s.expires_ms = 1000 + 43200000;
    REQUIRE(store->PutSession(s).ok());
    s.token_hash = "h2";
    s.last_seen_ms = 5000;
    REQUIRE(store->PutSession(s).ok());

    auto found = store->FindSession("h1");
    REQUIRE(found.value());
    CHECK(found.value()->csrf == "c1");
    CHECK(found.value()->address == "10.0.0.5");
    CHECK(found.value()->expires_ms == 43201000);
    REQUIRE(store->TouchSession("h1", 9000).ok());
    CHECK(store->FindSession("h1").value()->last_seen_ms == 9000);
    REQUIRE(store->TouchSession("h1", 8000).ok());  // never moves back
    CHECK(store->FindSession("h1").value()->last_seen_ms == 9000);

    // Idle limit 5000 at now 10000: h2 (seen 5000) has been idle 5000 ms, h1 (9000) only 1000.
    CHECK(store->DeleteExpiredSessions(10000, 5000).value() == 1);
    CHECK(!store->FindSession("h2").value());
    REQUIRE(store->DeleteSession("h1").ok());
    CHECK(!store->FindSession("h1").value());

    s.token_hash = "h3";
    REQUIRE(store->PutSession(s).ok());
    REQUIRE(store->DeleteSessionsOf(id).ok());
    CHECK(!store->FindSession("h3").value());
}

TEST_CASE("audit: appended in order, listed by time range, the newest `limit` oldest first") {
    auto store = OpenMemory();
    for (int i = 1; i <= 5; ++i) {
        cb::AuditEntry e;
        e.t_ms = i * 100;
        e.user = "wang";
        e.action = "login";
        e.detail = "n" + std::to_string(i);
        e.address = "127.0.0.1";
        e.ok = i != 3;
        REQUIRE(store->AppendAudit(e).ok());
    }
    auto all = store->ListAudit(0, 1000, 100).value();
    REQUIRE(all.size() == 5);
    CHECK(all[0].detail == "n1");
    CHECK(!all[2].ok);
    auto range = store->ListAudit(200, 500, 100).value();  // 200, 300, 400
    REQUIRE(range.size() == 3);
    CHECK(range.front().t_ms == 200);
    CHECK(range.back().t_ms == 400);
    auto newest = store->ListAudit(0, 1000, 2).value();
    REQUIRE(newest.size() == 2);
    CHECK(newest[0].detail == "n4");
    CHECK(newest[1].detail == "n5");
}

TEST_CASE("the accounts tables live in the same file as the live data, whoever opens it first") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/cb.db";
    {
        auto accounts = cb::SqliteAccountStore::Open(path);
        REQUIRE(accounts.ok());
        REQUIRE(accounts.value()->AddAccount(Lead("wang")).ok());
    }
    auto store = cb::Store::Open(path, cb::DataKind::Demo);
    REQUIRE(store.ok());
    CHECK(store.value()->schema_version() == cb::LatestSchemaVersion());
    auto accounts = cb::SqliteAccountStore::Open(path);
    REQUIRE(accounts.ok());
    CHECK(accounts.value()->FindAccount("wang").value()->teams.size() == 2);
}
