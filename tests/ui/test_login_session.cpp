// The client session model (client/session.h) and the desktop's token file
// (client/session_token_file.h): pure state changes on server answers, and file permissions.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include "client/session.h"
#include "client/session_token_file.h"

using namespace cb;

namespace {

using K = TransportMessage::Kind;
TransportMessage Answer(K kind, int status, std::string body = "", int retry_after_s = 0) {
    return TransportMessage{kind, std::move(body), 0, status, retry_after_s};
}
const char* kWang = R"({"user":"wang","role":"lead","teams":["a","b"],"csrf":"c5rf","expires_at_ms":1767621600000})";
const char* kLocal = R"({"mode":"local","user":null,"role":"admin","teams":[]})";

// A session signed in as wang (checked, 401, signed in).
ClientSession SignedInAsWang() {
    ClientSession s;
    s.Begin();
    s.OnAnswer(Answer(K::Session, 401, R"({"error":"sign in required"})"), 0);
    s.SignIn("wang", "secret", 0);
    s.OnAnswer(Answer(K::Login, 200, kWang), 0);
    return s;
}

}  // namespace

TEST_CASE("login request and answer JSON") {
    CHECK(LoginRequestJson("wang", "p\"w\\d", false) == R"({"password":"p\"w\\d","user":"wang"})");
    CHECK(LoginRequestJson("王", "x", true) == R"({"client":"desktop","password":"x","user":"王"})");
    CHECK(KioskLoginJson("k1", false) == R"({"kiosk_token":"k1"})");

    SessionInfo info;
    std::string error;
    REQUIRE(SessionInfoFromJson(kWang, &info, &error));
    CHECK(info.accounts);
    CHECK(info.user == "wang");
    CHECK(info.role == "lead");
    CHECK(info.teams == std::vector<std::string>{"a", "b"});
    CHECK(info.csrf == "c5rf");
    CHECK(info.expires_at_ms == 1767621600000);
    CHECK(info.token.empty());

    REQUIRE(SessionInfoFromJson(kLocal, &info, &error));
    CHECK_FALSE(info.accounts);
    CHECK(info.role == "admin");
    CHECK(info.user.empty());

    REQUIRE(SessionInfoFromJson(R"({"user":"li","role":"manager","teams":[],"csrf":"x","token":"t0k"})", &info, &error));
    CHECK(info.token == "t0k");

    CHECK_FALSE(SessionInfoFromJson("<html>", &info, &error));
    CHECK(error == "session answer is not a JSON object");
    CHECK_FALSE(SessionInfoFromJson(R"({"mode":"accounts","role":"lead"})", &info, &error));
    CHECK(error == "session answer in accounts mode names no user");
}

TEST_CASE("local mode: no login, the stream starts at once") {
    ClientSession s;
    SessionEffects e = s.Begin();
    CHECK(e.fetch_session);
    CHECK_FALSE(e.start_stream);
    CHECK(s.phase() == SessionPhase::Checking);
    CHECK_FALSE(s.ShowsLogin());
    CHECK_FALSE(s.MayStream());

    e = s.OnAnswer(Answer(K::Session, 200, kLocal), 0);
    CHECK(e.start_stream);
    CHECK_FALSE(e.clear_data);
    CHECK(s.phase() == SessionPhase::Local);
    CHECK_FALSE(s.ShowsLogin());
    CHECK(s.MayStream());
    CHECK_FALSE(s.info().accounts);
    // Sign-out does nothing in local mode.
    e = s.SignOut();
    CHECK_FALSE(e.stop_stream);
    CHECK(s.phase() == SessionPhase::Local);
}

TEST_CASE("a server from before accounts (404 on /api/session) is treated as local mode") {
    ClientSession s;
    s.Begin();
    SessionEffects e = s.OnAnswer(Answer(K::Session, 404, "Not Found"), 0);
    CHECK(e.start_stream);
    CHECK(s.phase() == SessionPhase::Local);
}

TEST_CASE("accounts mode: login screen, wrong password, then signed in") {
    ClientSession s;
    s.Begin();
    SessionEffects e = s.OnAnswer(Answer(K::Session, 401, R"({"error":"sign in required"})"), 0);
    CHECK_FALSE(e.start_stream);
    CHECK(s.phase() == SessionPhase::SignedOut);
    CHECK(s.ShowsLogin());
    CHECK(s.notice() == SessionNotice::None);

    e = s.SignIn("", "x", 0);
    CHECK(e.login_body.empty());
    CHECK(s.notice() == SessionNotice::EmptyFields);

    e = s.SignIn("wang", "wrong", 0);
    CHECK(e.login_body == R"({"password":"wrong","user":"wang"})");
    CHECK(s.phase() == SessionPhase::SigningIn);
    CHECK(s.notice() == SessionNotice::None);
    // A second press while the first is on its way sends nothing.
    CHECK(s.SignIn("wang", "wrong", 0).login_body.empty());

    e = s.OnAnswer(Answer(K::Login, 401, R"({"error":"wrong user or password"})"), 0);
    CHECK(s.phase() == SessionPhase::SignedOut);
    CHECK(s.notice() == SessionNotice::WrongCredentials);
    CHECK_FALSE(e.start_stream);

    s.SignIn("wang", "secret", 0);
    e = s.OnAnswer(Answer(K::Login, 200, kWang), 0);
    CHECK(e.start_stream);
    CHECK(e.clear_data);
    CHECK_FALSE(e.enter_tv_mode);
    CHECK(s.phase() == SessionPhase::SignedIn);
    CHECK(s.MayStream());
    CHECK_FALSE(s.ShowsLogin());
    CHECK(s.notice() == SessionNotice::None);
    CHECK(s.info().user == "wang");
    CHECK(s.info().csrf == "c5rf");
}

TEST_CASE("the desktop asks for a token in the login request") {
    ClientSession s({}, /*desktop_client=*/true);
    s.Begin();
    s.OnAnswer(Answer(K::Session, 401), 0);
    CHECK(s.SignIn("li", "pw", 0).login_body == R"({"client":"desktop","password":"pw","user":"li"})");
}

TEST_CASE("an existing session (cookie or kept token) streams without the login screen") {
    ClientSession s;
    s.Begin();
    SessionEffects e = s.OnAnswer(Answer(K::Session, 200, kWang), 0);
    CHECK(e.start_stream);
    CHECK(s.phase() == SessionPhase::SignedIn);
    CHECK(s.info().teams.size() == 2);
}

TEST_CASE("too many attempts: wait out Retry-After, counted down in whole seconds") {
    ClientSession s;
    s.Begin();
    s.OnAnswer(Answer(K::Session, 401), 1000);
    s.SignIn("wang", "x", 1000);
    s.OnAnswer(Answer(K::Login, 429, R"({"error":"too many attempts"})", 30), 1000);
    CHECK(s.notice() == SessionNotice::TooManyAttempts);
    CHECK(s.RetryAfterLeftS(1000) == 30);
    CHECK(s.RetryAfterLeftS(1001) == 30);   // 29.999 s rounds up
    CHECK(s.RetryAfterLeftS(30000) == 1);
    CHECK(s.RetryAfterLeftS(31000) == 0);
    CHECK(s.SignIn("wang", "x", 15000).login_body.empty());   // refused while waiting
    CHECK(s.phase() == SessionPhase::SignedOut);
    CHECK_FALSE(s.SignIn("wang", "x", 31000).login_body.empty());
}

TEST_CASE("the server cannot be reached: on login, and while checking the mode (retried)") {
    ClientSession s;
    s.Begin();
    SessionEffects e = s.OnAnswer(Answer(K::Session, 0), 5000);
    CHECK(s.phase() == SessionPhase::Checking);
    CHECK(s.notice() == SessionNotice::Unreachable);
    CHECK_FALSE(s.Tick(6999).fetch_session);
    CHECK(s.Tick(7000).fetch_session);
    CHECK_FALSE(s.Tick(9000).fetch_session);  // once per failure
    s.OnAnswer(Answer(K::Session, 401), 9000);
    s.SignIn("wang", "x", 9000);
    s.OnAnswer(Answer(K::Login, 0), 9000);
    CHECK(s.notice() == SessionNotice::Unreachable);
    CHECK(s.phase() == SessionPhase::SignedOut);
    s.SignIn("wang", "x", 9000);
    s.OnAnswer(Answer(K::Login, 500, "oops"), 9000);
    CHECK(s.notice() == SessionNotice::ServerError);
    CHECK(s.notice_status() == 500);
    (void)e;
}

TEST_CASE("sign-out closes the stream, drops the data and ends the session on the server") {
    ClientSession s = SignedInAsWang();
    SessionEffects e = s.SignOut();
    CHECK(e.stop_stream);
    CHECK(e.clear_data);
    CHECK(e.logout);
    CHECK(e.logout_csrf == "c5rf");
    CHECK_FALSE(e.start_stream);
    CHECK(s.phase() == SessionPhase::SignedOut);
    CHECK(s.ShowsLogin());
    CHECK(s.info().user.empty());
    CHECK(s.notice() == SessionNotice::None);
    // The logout answer changes nothing.
    e = s.OnAnswer(Answer(K::Logout, 204), 0);
    CHECK(s.phase() == SessionPhase::SignedOut);
    CHECK_FALSE(e.start_stream);
}

TEST_CASE("an expired session returns to the login screen with a message") {
    SUBCASE("the platform saw 401 on the stream") {
        ClientSession s = SignedInAsWang();
        SessionEffects e = s.OnStreamLost(401, 0);
        CHECK(e.stop_stream);
        CHECK(e.clear_data);
        CHECK_FALSE(e.logout);
        CHECK(s.ShowsLogin());
        CHECK(s.notice() == SessionNotice::Expired);
    }
    SUBCASE("the stream dropped; the session check says 401") {
        ClientSession s = SignedInAsWang();
        SessionEffects e = s.OnStreamLost(0, 10000);
        CHECK(e.fetch_session);
        CHECK_FALSE(e.stop_stream);
        CHECK(s.phase() == SessionPhase::SignedIn);
        CHECK_FALSE(s.OnStreamLost(0, 10500).fetch_session);   // one check at a time
        e = s.OnAnswer(Answer(K::Session, 401), 10600);
        CHECK(e.stop_stream);
        CHECK(e.clear_data);
        CHECK(s.notice() == SessionNotice::Expired);
        CHECK(s.phase() == SessionPhase::SignedOut);
    }
    SUBCASE("the stream dropped but the session holds: keep streaming, check again 2 s later at most") {
        ClientSession s = SignedInAsWang();
        CHECK(s.OnStreamLost(0, 10000).fetch_session);
        SessionEffects e = s.OnAnswer(Answer(K::Session, 200, kWang), 10100);
        CHECK_FALSE(e.stop_stream);
        CHECK_FALSE(e.start_stream);
        CHECK(s.phase() == SessionPhase::SignedIn);
        CHECK_FALSE(s.OnStreamLost(0, 11999).fetch_session);
        CHECK(s.OnStreamLost(0, 12000).fetch_session);
        // Server down: unreachable keeps the session; the stream reconnects by itself.
        e = s.OnAnswer(Answer(K::Session, 0), 12100);
        CHECK(s.phase() == SessionPhase::SignedIn);
        CHECK_FALSE(e.stop_stream);
    }
}

TEST_CASE("local mode turned into accounts mode while streaming: the login screen") {
    ClientSession s;
    s.Begin();
    s.OnAnswer(Answer(K::Session, 200, kLocal), 0);
    CHECK(s.OnStreamLost(0, 5000).fetch_session);
    SessionEffects e = s.OnAnswer(Answer(K::Session, 401), 5000);
    CHECK(e.stop_stream);
    CHECK(e.clear_data);
    CHECK(s.ShowsLogin());
}

TEST_CASE("kiosk: signs in with its token, opens TV mode, no sign-out, signs in again on expiry") {
    ClientSession s("K10SK");
    s.Begin();
    SessionEffects e = s.OnAnswer(Answer(K::Session, 401), 0);
    CHECK(e.login_body == R"({"kiosk_token":"K10SK"})");
    CHECK(s.phase() == SessionPhase::SigningIn);
    CHECK(s.kiosk());
    e = s.OnAnswer(Answer(K::Login, 200, R"({"user":"tv1","role":"wallboard","teams":[],"csrf":"z"})"), 0);
    CHECK(e.start_stream);
    CHECK(e.enter_tv_mode);
    CHECK(s.info().role == "wallboard");
    CHECK_FALSE(s.SignOut().stop_stream);   // read-only screen
    CHECK(s.phase() == SessionPhase::SignedIn);

    e = s.OnStreamLost(401, 1000);
    CHECK(e.stop_stream);
    CHECK(e.login_body == R"({"kiosk_token":"K10SK"})");
    CHECK(s.phase() == SessionPhase::SigningIn);
    e = s.OnAnswer(Answer(K::Login, 401, R"({"error":"wrong user or password"})"), 1000);
    CHECK(s.notice() == SessionNotice::KioskRejected);
    CHECK(s.phase() == SessionPhase::SignedOut);
    CHECK(e.login_body.empty());
}

TEST_CASE("kiosk in local mode: TV mode, no login") {
    ClientSession s("K10SK");
    s.Begin();
    SessionEffects e = s.OnAnswer(Answer(K::Session, 200, kLocal), 0);
    CHECK(e.start_stream);
    CHECK(e.enter_tv_mode);
    CHECK(e.login_body.empty());
}

TEST_CASE("token file: one token per server, 0600, deleted on sign-out") {
    char dir_template[] = "/tmp/cb-token-XXXXXX";
    const char* dir = ::mkdtemp(dir_template);
    REQUIRE(dir != nullptr);
    const std::string path = std::string(dir) + "/cfg/callboard/token";
    std::string error;

    CHECK(LoadToken(path, "http://a:8080") == "");
    const mode_t old_mask = ::umask(0);   // even a permissive umask gives 0600
    const bool saved = SaveToken(path, "http://a:8080/", "tokA", &error);
    ::umask(old_mask);
    REQUIRE(saved);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat((std::string(dir) + "/cfg/callboard").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);

    REQUIRE(SaveToken(path, "https://b", "tokB", &error));
    REQUIRE(SaveToken(path, "http://a:8080", "tokA2", &error));
    CHECK(LoadToken(path, "http://a:8080") == "tokA2");
    CHECK(LoadToken(path, "http://a:8080/") == "tokA2");
    CHECK(LoadToken(path, "https://b") == "tokB");
    {
        std::ifstream in(path);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        CHECK(text == "http://a:8080 tokA2\nhttps://b tokB\n");
    }
    CHECK_FALSE(SaveToken(path, "http://a", "has space", &error));

    REQUIRE(DeleteToken(path, "http://a:8080", &error));
    CHECK(LoadToken(path, "http://a:8080") == "");
    CHECK(LoadToken(path, "https://b") == "tokB");
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(DeleteToken(path, "https://b", &error));
    CHECK(::access(path.c_str(), F_OK) != 0);   // no token left: no file
    CHECK(DeleteToken(path, "https://b", &error));  // nothing to delete is fine

    ::rmdir((std::string(dir) + "/cfg/callboard").c_str());
    ::rmdir((std::string(dir) + "/cfg").c_str());
    ::rmdir(dir);
}

TEST_CASE("token path from the environment") {
    const char* old_xdg = std::getenv("XDG_CONFIG_HOME");
    const std::string saved_xdg = old_xdg ? old_xdg : "";
    ::setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
    CHECK(DefaultTokenPath() == "/x/cfg/callboard/token");
    ::unsetenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    if (home && *home) CHECK(DefaultTokenPath() == std::string(home) + "/.config/callboard/token");
    if (old_xdg) ::setenv("XDG_CONFIG_HOME", saved_xdg.c_str(), 1);
}
