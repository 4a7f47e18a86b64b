// The auth layer without HTTP: roles and the permission matrix, password hashes and tokens,
// throttling, sessions with an injected clock (absolute and idle expiry, logout), audit lines.
#include <doctest/doctest.h>

#include "server/auth/audit_format.h"
#include "server/auth/auth_service.h"
#include "server/auth/crypto.h"
#include "server/store/store_accounts.h"

namespace {

struct Fixture {
    std::unique_ptr<cb::SqliteAccountStore> store = std::move(cb::SqliteAccountStore::Open(":memory:").value());
    int64_t now = 1'000'000;
    cb::AuthService auth{store.get(), [this] { return now; }};

    void Add(const std::string& name, cb::Role role, const std::string& password, std::vector<std::string> teams = {}) {
        cb::Account a;
        a.name = name;
        a.role = role;
        a.teams = std::move(teams);
        a.password_hash = cb::HashPassword(password).value();
        REQUIRE(store->AddAccount(a).ok());
    }
    cb::LoginResult Login(const std::string& user, const std::string& password, const std::string& address = "10.0.0.9") {
        cb::LoginRequest request;
        request.user = user;
        request.password = password;
        request.address = address;
        return auth.Login(request);
    }
    std::vector<std::string> Actions() {
        std::vector<std::string> actions;
        const cb::Result<std::vector<cb::AuditEntry>> audit = store->ListAudit(0, INT64_MAX, 1000);
        REQUIRE(audit.ok());
        for (const cb::AuditEntry& e : audit.value()) actions.push_back(e.action);
        return actions;
    }
};

}  // namespace

TEST_CASE("role names round-trip; the permission matrix") {
    for (cb::Role role : {cb::Role::Admin, cb::Role::Manager, cb::Role::Lead, cb::Role::Qa, cb::Role::Trainer,
                          cb::Role::Wallboard}) {
        cb::Role parsed = cb::Role::Admin;
        REQUIRE(cb::ParseRole(cb::RoleName(role), &parsed));
        CHECK(parsed == role);
        CHECK(cb::RoleMay(role, cb::Action::ViewLive));
        CHECK(cb::RoleMay(role, cb::Action::ViewAudit) == (role == cb::Role::Admin));
        CHECK(cb::RoleMay(role, cb::Action::ManageAccounts) == (role == cb::Role::Admin));
        CHECK(cb::RoleMay(role, cb::Action::ViewAgentDetail) == (role != cb::Role::Wallboard));
        CHECK(cb::RoleSeesPhoneNumbers(role) == (role == cb::Role::Admin || role == cb::Role::Qa));
        CHECK(cb::RoleDemoOnly(role) == (role == cb::Role::Trainer));
    }
    cb::Role unused;
    CHECK(!cb::ParseRole("supervisor", &unused));
    CHECK(!cb::ParseRole("", &unused));
}

TEST_CASE("argon2id hashes verify only their password; tokens are 256-bit hex, hashed for storage") {
    auto hash = cb::HashPassword("correct horse");
    REQUIRE(hash.ok());
    CHECK(hash.value().rfind("$argon2id$", 0) == 0);
    CHECK(cb::VerifyPassword(hash.value(), "correct horse"));
    CHECK(!cb::VerifyPassword(hash.value(), "correct hors"));
    CHECK(!cb::VerifyPassword("", "x"));
    CHECK(!cb::VerifyPassword("not a hash", "not a hash"));
    CHECK(cb::HashPassword("correct horse").value() != hash.value());  // salted

    const std::string token = cb::RandomToken();
    CHECK(token.size() == 64);
    CHECK(token.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(cb::RandomToken() != token);
    // BLAKE2b-256 of "abc" (RFC 7693 parameters, 32-byte output).
    CHECK(cb::TokenHash("abc") == "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
    CHECK(cb::ConstantTimeEquals("abc", "abc"));
    CHECK(!cb::ConstantTimeEquals("abc", "abd"));
    CHECK(!cb::ConstantTimeEquals("abc", "abcd"));
    CHECK(!cb::ConstantTimeEquals("", "a"));
    CHECK(cb::ConstantTimeEquals("", ""));
}

TEST_CASE("throttle: 5 failures per account or 20 per address in 15 minutes, then a wait") {
    cb::LoginThrottle throttle;
    const int64_t t0 = 1'000'000;
    for (int i = 0; i < 5; ++i) {
        CHECK(throttle.RetryAfterS("wang", "1.1.1.1", t0 + i * 1000) == 0);
        throttle.RecordFailure("wang", "1.1.1.1", t0 + i * 1000);
    }
    // The first failure (t0) leaves the window at t0 + 900 s.
    CHECK(throttle.RetryAfterS("wang", "1.1.1.1", t0 + 5000) == 895);
    CHECK(throttle.RetryAfterS("wang", "2.2.2.2", t0 + 5000) == 895);  // per account, from anywhere
    CHECK(throttle.RetryAfterS("li", "1.1.1.1", t0 + 5000) == 0);      // the address has 5 of 20
    CHECK(throttle.RetryAfterS("wang", "1.1.1.1", t0 + 899'500) == 1);  // rounded up
    CHECK(throttle.RetryAfterS("wang", "1.1.1.1", t0 + 900'000) == 0);

    cb::LoginThrottle by_address;
    for (int i = 0; i < 20; ++i) {
        CHECK(by_address.RetryAfterS("someone", "1.1.1.1", t0 + i * 1000) == 0);
        by_address.RecordFailure("user" + std::to_string(i), "1.1.1.1", t0 + i * 1000);
    }
    CHECK(by_address.RetryAfterS("someone", "1.1.1.1", t0 + 20'000) == 880);  // 20 from this address
    CHECK(by_address.RetryAfterS("someone", "3.3.3.3", t0 + 20'000) == 0);

    cb::LoginThrottle forgiving;
    for (int i = 0; i < 4; ++i) forgiving.RecordFailure("wang", "1.1.1.1", t0);
    forgiving.RecordSuccess("wang");
    forgiving.RecordFailure("wang", "1.1.1.1", t0);
    CHECK(forgiving.RetryAfterS("wang", "1.1.1.1", t0) == 0);
}

TEST_CASE("sign-in: right password gives a session; wrong ones the same answer, then 429; all audited") {
    Fixture f;
    CHECK(!f.auth.AccountsMode());
    f.Add("wang", cb::Role::Lead, "s3cret-pass", {"a"});
    CHECK(f.auth.AccountsMode());

    cb::LoginResult ok = f.Login("wang", "s3cret-pass");
    REQUIRE(ok.kind == cb::LoginResult::Kind::Ok);
    CHECK(ok.token.size() == 64);
    CHECK(ok.caller.user == "wang");
    CHECK(ok.caller.role == cb::Role::Lead);
    CHECK(ok.caller.teams == std::vector<std::string>{"a"});
    CHECK(ok.caller.csrf.size() == 64);
    CHECK(ok.caller.expires_at_ms == 1'000'000 + 12 * 3600 * 1000);
    // Only the hash is stored.
    CHECK(!f.store->FindSession(ok.token).value());
    CHECK(f.store->FindSession(cb::TokenHash(ok.token)).value());

    CHECK(f.Login("wang", "wrong").kind == cb::LoginResult::Kind::WrongCredentials);
    CHECK(f.Login("nobody", "s3cret-pass").kind == cb::LoginResult::Kind::WrongCredentials);
    for (int i = 0; i < 4; ++i) CHECK(f.Login("wang", "wrong").kind == cb::LoginResult::Kind::WrongCredentials);
    cb::LoginResult throttled = f.Login("wang", "s3cret-pass");  // even the right password now
    CHECK(throttled.kind == cb::LoginResult::Kind::Throttled);
    CHECK(throttled.retry_after_s == 900);
    f.now += 900'000;
    CHECK(f.Login("wang", "s3cret-pass").kind == cb::LoginResult::Kind::Ok);

    const std::vector<std::string> expected = {"login", "login_failed", "login_failed", "login_failed", "login_failed",
                                               "login_failed", "login_failed", "login_throttled", "login"};
    CHECK(f.Actions() == expected);
    const auto entries = f.store->ListAudit(0, INT64_MAX, 100).value();
    CHECK(entries[0].address == "10.0.0.9");
    CHECK(entries[0].detail == "lead, web");
    CHECK(entries[2].user == "nobody");
    CHECK(!entries[2].ok);
}

TEST_CASE("sessions end 12 h after sign-in, after 2 h idle, on logout and when the account is disabled") {
    Fixture f;
    f.Add("wang", cb::Role::Manager, "pw-12345678");
    const std::string token = f.Login("wang", "pw-12345678").token;
    REQUIRE(f.auth.Authenticate(token));
    CHECK(!f.auth.Authenticate(token + "0"));
    CHECK(!f.auth.Authenticate(""));

    // Idle: used every 1 h 59 min it stays alive...
    for (int i = 0; i < 6; ++i) {
        f.now += 2 * 3600 * 1000 - 60'000;
        REQUIRE(f.auth.Authenticate(token));
    }
    // ... until 12 h after sign-in (now at 11 h 54 min).
    f.now = 1'000'000 + 12 * 3600 * 1000 - 1;
    CHECK(f.auth.Authenticate(token));
    f.now += 1;
    CHECK(!f.auth.Authenticate(token));
    CHECK(!f.store->FindSession(cb::TokenHash(token)).value());  // removed once seen expired

    const std::string idle = f.Login("wang", "pw-12345678").token;
    f.now += 2 * 3600 * 1000 - 1;
    CHECK(f.auth.Authenticate(idle));
    f.now += 2 * 3600 * 1000;  // last seen was refreshed just above: 2 h later it is idle
    CHECK(!f.auth.Authenticate(idle));

    const std::string out = f.Login("wang", "pw-12345678").token;
    auto caller = f.auth.Authenticate(out);
    REQUIRE(caller);
    f.auth.Logout(*caller, "10.0.0.9");
    CHECK(!f.auth.Authenticate(out));
    CHECK(f.Actions().back() == "logout");

    const std::string disabled = f.Login("wang", "pw-12345678").token;
    REQUIRE(f.store->SetDisabled("wang", true).ok());
    CHECK(!f.auth.Authenticate(disabled));
    CHECK(f.Login("wang", "pw-12345678").kind == cb::LoginResult::Kind::WrongCredentials);
}

TEST_CASE("wallboards sign in with their kiosk token only") {
    Fixture f;
    cb::Account tv;
    tv.name = "tv1";
    tv.role = cb::Role::Wallboard;
    const std::string kiosk = cb::RandomToken();
    tv.kiosk_hash = cb::TokenHash(kiosk);
    REQUIRE(f.store->AddAccount(tv).ok());
    cb::LoginRequest request;
    request.kiosk_token = kiosk;
    cb::LoginResult ok = f.auth.Login(request);
    REQUIRE(ok.kind == cb::LoginResult::Kind::Ok);
    CHECK(ok.caller.user == "tv1");
    CHECK(ok.caller.scope().kind == cb::Scope::Kind::Wallboard);
    request.kiosk_token = cb::RandomToken();
    CHECK(f.auth.Login(request).kind == cb::LoginResult::Kind::WrongCredentials);
    // No password works for an account without one.
    CHECK(f.Login("tv1", "").kind == cb::LoginResult::Kind::WrongCredentials);
}

TEST_CASE("audit lines as JSON and CSV") {
    std::vector<cb::AuditEntry> entries(2);
    entries[0] = {1, 1767585600123, "wang", "login", "lead, web", "10.0.0.9", true};
    entries[1] = {2, 1767585601000, "-", "login_failed", "=cmd(),\"x\"", "10.0.0.9", false};
    CHECK(cb::AuditToJson(entries) ==
          R"({"entries":[{"action":"login","address":"10.0.0.9","detail":"lead, web","id":1,"ok":true,)"
          R"("t_ms":1767585600123,"user":"wang"},{"action":"login_failed","address":"10.0.0.9",)"
          R"("detail":"=cmd(),\"x\"","id":2,"ok":false,"t_ms":1767585601000,"user":"-"}]})");
    CHECK(cb::AuditToCsv(entries) ==
          "id,t_ms,time_utc,user,action,detail,address,ok\r\n"
          "1,1767585600123,2026-01-05T04:00:00.123Z,wang,login,\"lead, web\",10.0.0.9,1\r\n"
          "2,1767585601000,2026-01-05T04:00:01.000Z,'-,login_failed,\"'=cmd(),\"\"x\"\"\",10.0.0.9,0\r\n");
}
