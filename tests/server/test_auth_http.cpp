// Accounts mode against a real server on a loopback port: the authorization matrix (each role
// x each endpoint and the stream, a lead asking for another team's agent), sign-in required,
// cookies and CSRF, throttling over HTTP, trainers and real data, audit entries, local mode.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <thread>
#include "server/auth/crypto.h"
#include "server/base/log.h"
#include "server/http/http_server.h"
#include "server/store/store_accounts.h"
#include "server_test_util.h"

namespace {

const std::string kPassword = "a-long-password";

// Team a: agents 1001 and 1003; team b: agent 1002.
cb::Snapshot Center(uint64_t version, const std::string& source) {
    cb::Snapshot s = cbtest::SmallCenter(version);
    s.source = source;
    s.directory.teams.push_back({"b", "Team B", "B组", 1});
    s.teams.emplace_back();
    s.directory.agents[1].team = 1;
    s.directory.agents.push_back({"1003", "Zhang Wei", "张伟", 0, 1, 1, 30, 1});
    s.agents.emplace_back();
    s.agents[2].today.handled = 42;
    return s;
}

struct AuthServer {
    std::unique_ptr<cb::SqliteAccountStore> store = std::move(cb::SqliteAccountStore::Open(":memory:").value());
    int64_t now = 1767585600000;
    cb::AuthService auth{store.get(), [this] { return now; }};
    cb::Broadcaster broadcaster;
    std::unique_ptr<cb::HttpServer> http;
    std::thread thread;
    std::string kiosk = cb::RandomToken();
    bool tls = false;

    explicit AuthServer(bool with_accounts = true, const std::string& source = "demo:normal", std::string cert = "",
                        std::string key = "") {
        cb::SetLogEnabled(false);
        if (with_accounts) {
            Add("root", cb::Role::Admin);
            Add("mona", cb::Role::Manager);
            Add("wang", cb::Role::Lead, {"a"});
            Add("qiu", cb::Role::Qa);
            Add("tina", cb::Role::Trainer);
            cb::Account tv;
            tv.name = "tv";
            tv.role = cb::Role::Wallboard;
            tv.kiosk_hash = cb::TokenHash(kiosk);
            REQUIRE(store->AddAccount(tv).ok());
        }
        broadcaster.Publish(Center(1, source));
        cb::HttpConfig config;
        config.max_streams = 8;
        config.api_threads = 4;
        config.assets = {};
        config.auth.service = &auth;
        config.tls_cert = cert;
        config.tls_key = key;
        tls = !cert.empty();
        http = std::make_unique<cb::HttpServer>(&broadcaster, config);
        REQUIRE(http->Bind("127.0.0.1", 0).ok());
        thread = std::thread([this] { http->Run(); });
    }
    ~AuthServer() {
        broadcaster.Shutdown();
        http->Stop();
        thread.join();
        cb::SetLogEnabled(true);
    }
    void Add(const std::string& name, cb::Role role, std::vector<std::string> teams = {}) {
        cb::Account a;
        a.name = name;
        a.role = role;
        a.teams = std::move(teams);
        a.password_hash = cb::HashPassword(kPassword).value();
        REQUIRE(store->AddAccount(a).ok());
    }
    httplib::Client Client() const {
        httplib::Client client("127.0.0.1", http->port());
        client.set_read_timeout(5);
        return client;
    }
    // Signs in as a desktop and returns the bearer token.
    std::string Token(const std::string& user) {
        nlohmann::json body = user == "tv" ? nlohmann::json{{"kiosk_token", kiosk}, {"client", "desktop"}}
                                           : nlohmann::json{{"user", user}, {"password", kPassword}, {"client", "desktop"}};
        auto res = Client().Post("/api/login", body.dump(), "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        return nlohmann::json::parse(res->body)["token"].get<std::string>();
    }
    std::vector<std::string> AuditActions() {
        std::vector<std::string> actions;
        for (const cb::AuditEntry& e : store->ListAudit(0, INT64_MAX, 1000).value()) actions.push_back(e.action);
        return actions;
    }
};

httplib::Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// Status of GET path with the token, and the body (for the stream: up to the first event).
std::pair<int, std::string> Get(AuthServer& server, const std::string& path, const std::string& token) {
    httplib::Client client = server.Client();
    std::string body;
    auto res = client.Get(path, token.empty() ? httplib::Headers() : Bearer(token),
                          [&](const char* data, size_t n) {
                              body.append(data, n);
                              return body.find("\n\n", body.find("event: ")) == std::string::npos;
                          });
    if (!res && res.error() == httplib::Error::Canceled) return {200, body};  // we stopped reading the stream
    REQUIRE(res);
    return {res->status, body};
}

}  // namespace

TEST_CASE("authorization matrix: each role x each endpoint and the stream") {
    AuthServer server;
    struct Row {
        const char* user;
        int snapshot, stream, own_agent, other_agent, audit, session;
    };
    // own_agent: 1001 (team a); other_agent: 1002 (team b).
    const Row rows[] = {
        {"root", 200, 200, 200, 200, 200, 200},
        {"mona", 200, 200, 200, 200, 403, 200},
        {"wang", 200, 200, 200, 404, 403, 200},
        {"qiu", 200, 200, 200, 200, 403, 200},
        {"tina", 200, 200, 200, 200, 403, 200},
        {"tv", 200, 200, 403, 403, 403, 200},
        {"", 401, 401, 401, 401, 401, 401},  // signed out
    };
    for (const Row& row : rows) {
        CAPTURE(row.user);
        const std::string token = *row.user ? server.Token(row.user) : std::string();
        auto snapshot = Get(server, "/api/snapshot", token);
        CHECK(snapshot.first == row.snapshot);
        auto stream = Get(server, "/api/stream", token);
        CHECK(stream.first == row.stream);
        CHECK(Get(server, "/api/agents/1001", token).first == row.own_agent);
        CHECK(Get(server, "/api/agents/1002", token).first == row.other_agent);
        CHECK(Get(server, "/api/audit", token).first == row.audit);
        CHECK(Get(server, "/api/session", token).first == row.session);
        CHECK(Get(server, "/api/version", token).first == (*row.user ? 200 : 401));
        CHECK(Get(server, "/healthz", token).first == 200);
        if (row.snapshot != 200) {
            CHECK(nlohmann::json::parse(snapshot.second)["error"] == "sign in required");
            continue;
        }
        const nlohmann::json snap = nlohmann::json::parse(snapshot.second);
        const bool lead = std::string(row.user) == "wang";
        const bool kiosk = std::string(row.user) == "tv";
        CHECK(snap["directory"]["agents"].size() == (lead ? 2u : 3u));
        // Not even in the stream: the lead's encoding holds no trace of team b's agent.
        CHECK((snapshot.second.find("\"1002\"") == std::string::npos) == lead);
        CHECK((stream.second.find("\"1002\"") == std::string::npos) == lead);
        CHECK(stream.second.find("event: snapshot") != std::string::npos);
        const nlohmann::json agent_1003 = snap["agents"][lead ? 1 : 2];
        CHECK(agent_1003["today"]["handled"] == (kiosk ? 0 : 42));
    }
}

TEST_CASE("agent detail: live state and today's counts, scoped; unknown agents 404") {
    AuthServer server;
    const std::string lead = server.Token("wang");
    auto [status, body] = Get(server, "/api/agents/1003", lead);
    REQUIRE(status == 200);
    const nlohmann::json detail = nlohmann::json::parse(body);
    CHECK(detail["agent"]["key"] == "1003");
    CHECK(detail["agent"]["name_en"] == "Zhang Wei");
    CHECK(detail["team"]["key"] == "a");
    CHECK(detail["live"]["today"]["handled"] == 42);
    CHECK(detail["live"]["state"] == "logged_out");
    CHECK(detail["version"] == 1);
    auto other = Get(server, "/api/agents/1002", lead);
    CHECK(nlohmann::json::parse(other.second)["error"] == "no agent '1002'");
    CHECK(Get(server, "/api/agents/9999", server.Token("mona")).first == 404);
}

TEST_CASE("a web sign-in sets the session cookie; changes need the CSRF token; logout ends the session") {
    AuthServer server;
    httplib::Client client = server.Client();
    auto login = client.Post("/api/login", R"({"user":"wang","password":")" + kPassword + "\"}", "application/json");
    REQUIRE(login);
    REQUIRE(login->status == 200);
    const nlohmann::json body = nlohmann::json::parse(login->body);
    CHECK(body["user"] == "wang");
    CHECK(body["role"] == "lead");
    CHECK(body["teams"] == nlohmann::json::array({"a"}));
    CHECK(body["expires_at_ms"] == server.now + 43200000);
    CHECK(!body.contains("token"));  // web clients keep it in the HttpOnly cookie only
    const std::string cookie = login->get_header_value("Set-Cookie");
    const std::string token = cookie.substr(11, 64);
    CHECK(cookie == "cb_session=" + token + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200");
    const std::string csrf = body["csrf"];

    const httplib::Headers with_cookie = {{"Cookie", "theme=dark; cb_session=" + token}};
    auto session = client.Get("/api/session", with_cookie);
    CHECK(session->status == 200);
    CHECK(nlohmann::json::parse(session->body)["csrf"] == csrf);

    auto no_csrf = client.Post("/api/logout", with_cookie, "", "application/json");
    CHECK(no_csrf->status == 403);
    CHECK(nlohmann::json::parse(no_csrf->body)["error"] == "CSRF token missing or wrong");
    httplib::Headers wrong = with_cookie;
    wrong.emplace("X-CSRF-Token", std::string(64, '0'));
    CHECK(client.Post("/api/logout", wrong, "", "application/json")->status == 403);
    CHECK(client.Get("/api/session", with_cookie)->status == 200);  // still signed in

    httplib::Headers right = with_cookie;
    right.emplace("X-CSRF-Token", csrf);
    auto logout = client.Post("/api/logout", right, "", "application/json");
    CHECK(logout->status == 204);
    CHECK(logout->get_header_value("Set-Cookie") == "cb_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    CHECK(client.Get("/api/session", with_cookie)->status == 401);

    // A bearer client carries no ambient credential and needs no CSRF token.
    const std::string bearer = server.Token("mona");
    CHECK(client.Post("/api/logout", Bearer(bearer), "", "application/json")->status == 204);
    CHECK(Get(server, "/api/snapshot", bearer).first == 401);

    const std::vector<std::string> expected = {"login", "csrf_rejected", "csrf_rejected", "logout", "login", "logout"};
    CHECK(server.AuditActions() == expected);
}

TEST_CASE("wrong passwords: one answer for wrong user and wrong password, then 429 with Retry-After") {
    AuthServer server;
    httplib::Client client = server.Client();
    auto unknown = client.Post("/api/login", R"({"user":"nobody","password":"x"})", "application/json");
    CHECK(unknown->status == 401);
    CHECK(nlohmann::json::parse(unknown->body)["error"] == "wrong user or password");
    for (int i = 0; i < 5; ++i) {
        auto wrong = client.Post("/api/login", R"({"user":"wang","password":"x"})", "application/json");
        CHECK(wrong->status == 401);
        CHECK(wrong->body == unknown->body);
    }
    auto throttled = client.Post("/api/login", R"({"user":"wang","password":")" + kPassword + "\"}", "application/json");
    CHECK(throttled->status == 429);
    CHECK(throttled->get_header_value("Retry-After") == "900");
    server.now += 900'000;
    CHECK(client.Post("/api/login", R"({"user":"wang","password":")" + kPassword + "\"}", "application/json")->status ==
          200);
    CHECK(client.Post("/api/login", "not json", "application/json")->status == 400);
    const auto entries = server.store->ListAudit(0, INT64_MAX, 100).value();
    REQUIRE(entries.size() == 8);
    CHECK(entries[0].action == "login_failed");
    CHECK(entries[0].user == "nobody");
    CHECK(entries[0].address == "127.0.0.1");
    CHECK(entries[6].action == "login_throttled");
    CHECK(entries[7].action == "login");
}

TEST_CASE("sessions expire over HTTP with the injected clock") {
    AuthServer server;
    const std::string token = server.Token("mona");
    server.now += 2 * 3600 * 1000;  // idle 2 h
    CHECK(Get(server, "/api/snapshot", token).first == 401);
}

TEST_CASE("a trainer on a real-data server gets 403 for the snapshot and the stream") {
    AuthServer server(true, "queue_log");
    const std::string trainer = server.Token("tina");
    auto snapshot = Get(server, "/api/snapshot", trainer);
    CHECK(snapshot.first == 403);
    CHECK(nlohmann::json::parse(snapshot.second)["error"] == "trainers see demo data only; this server has real data");
    CHECK(Get(server, "/api/stream", trainer).first == 403);
    CHECK(Get(server, "/api/agents/1001", trainer).first == 403);
    CHECK(Get(server, "/api/snapshot", server.Token("mona")).first == 200);
}

TEST_CASE("the audit API: admin only, time range and limit") {
    AuthServer server;
    const std::string root = server.Token("root");
    server.now += 1000;
    server.Token("wang");
    auto [status, body] = Get(server, "/api/audit?limit=1", root);
    REQUIRE(status == 200);
    const nlohmann::json newest = nlohmann::json::parse(body)["entries"];
    REQUIRE(newest.size() == 1);
    CHECK(newest[0]["user"] == "wang");
    CHECK(newest[0]["action"] == "login");
    CHECK(newest[0]["address"] == "127.0.0.1");
    const std::string to = std::to_string(server.now);
    auto before = nlohmann::json::parse(Get(server, "/api/audit?from=0&to=" + to, root).second)["entries"];
    REQUIRE(before.size() == 1);
    CHECK(before[0]["user"] == "root");
    CHECK(Get(server, "/api/audit?limit=0", root).first == 400);
    CHECK(Get(server, "/api/audit?user=x", root).first == 400);
}

TEST_CASE("local mode: no account, no sign-in; the session says so") {
    AuthServer server(false);
    auto [status, body] = Get(server, "/api/session", "");
    REQUIRE(status == 200);
    CHECK(nlohmann::json::parse(body) ==
          nlohmann::json::parse(R"({"mode":"local","user":null,"role":"admin","teams":[],"may_control_demo":true})"));
    CHECK(Get(server, "/api/snapshot", "").first == 200);
    CHECK(Get(server, "/api/agents/1002", "").first == 200);
    CHECK(server.Client().Post("/api/login", R"({"user":"a","password":"b"})", "application/json")->status == 409);
    // The first account switches the running server to accounts mode.
    server.Add("root", cb::Role::Admin);
    CHECK(Get(server, "/api/snapshot", "").first == 401);
}

TEST_CASE("TLS on a loopback port with a throwaway self-signed certificate; the cookie is Secure") {
    cbtest::TempDir dir;
    const std::string cert = dir.path() + "/cert.pem", key = dir.path() + "/key.pem";
    const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout '" +
                                key + "' -out '" + cert + "' 2>/dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    AuthServer server(true, "demo:normal", cert, key);
    httplib::SSLClient client("127.0.0.1", server.http->port());
    client.enable_server_certificate_verification(false);
    client.set_read_timeout(5);
    auto health = client.Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
    auto login = client.Post("/api/login", R"({"user":"wang","password":")" + kPassword + "\"}", "application/json");
    REQUIRE(login);
    CHECK(login->get_header_value("Set-Cookie").find("; Secure") != std::string::npos);
    // Plain HTTP to the TLS port gets no answer.
    httplib::Client plain("127.0.0.1", server.http->port());
    plain.set_read_timeout(2);
    auto refused = plain.Get("/healthz");
    CHECK((!refused || refused->status != 200));

    cb::HttpConfig bad;
    bad.assets = {};
    bad.tls_cert = dir.path() + "/missing.pem";
    bad.tls_key = key;
    cb::Broadcaster broadcaster;
    cb::HttpServer broken(&broadcaster, bad);
    const cb::Status status = broken.Bind("127.0.0.1", 0);
    CHECK(status.message() == "cannot load the TLS certificate '" + bad.tls_cert + "' or key '" + key + "'");
}

TEST_CASE("the binary refuses a network address with no admin account, with a clear line") {
    cbtest::TempDir dir;
    cbtest::Child child(CB_CALLBOARD_BIN, {"serve", "--bind", "0.0.0.0", "--port", "0", "--db", dir.path() + "/cb.db"});
    CHECK(child.Wait(10000) == 1);
    CHECK(child.Stderr().find("refusing to serve on 0.0.0.0 with no admin account") != std::string::npos);
}
