// The login screen and the header's user and sign-out button, headless; and the whole
// DashboardApp against a scripted transport: login, wrong password, streaming as the user,
// sign-out, an expired session.
#include <doctest/doctest.h>
#include <imgui.h>

#include <cstring>
#include <memory>
#include "client/session.h"
#include "core/snapshot_json.h"
#include "gallery.h"
#include "ui/dashboard_app.h"
#include "ui/views.h"

using namespace cb;
using namespace cb::test;

namespace {

using K = TransportMessage::Kind;
constexpr int kEnterKey = 257;
const char* kWang = R"({"user":"wang","role":"lead","teams":["team_1"],"csrf":"c5rf","expires_at_ms":0})";

struct Keys {
    float mouse_x = -1, mouse_y = -1;
    bool mouse_down = false;
    bool enter = false;
    const char* type = nullptr;   // characters typed this frame
};

void BeginInput(const Keys& k) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Enter] = kEnterKey;
    io.DeltaTime = 1.0f / 60.0f;
    io.MousePos = ImVec2(k.mouse_x, k.mouse_y);
    io.MouseDown[0] = k.mouse_down;
    io.KeysDown[kEnterKey] = k.enter;
    if (k.type) io.AddInputCharactersUTF8(k.type);
}

// One frame of the dashboard with a session and a login form.
Frame Draw(const ClientSession& session, LoginForm* form, const UiState& ui, const Keys& keys = {},
           const Snapshot& snapshot = Snapshot{}) {
    BeginInput(keys);
    Frame f;
    ImGui::NewFrame();
    ViewContext ctx{snapshot, snapshot.now_ms, kWall, Freshness{LinkState::Live, 500, 0}, I18n{ui.lang}, ui,
                    &f.actions, &f.report, &session, form};
    DrawDashboard(ctx, Harness::Get().fonts());
    ImGui::Render();
    return f;
}

ClientSession SignedOut() {
    ClientSession s;
    s.Begin();
    s.OnAnswer(TransportMessage{K::Session, R"({"error":"sign in required"})", 0, 401, 0}, 0);
    return s;
}

ClientSession SignedIn(std::string kiosk = {}) {
    ClientSession s(std::move(kiosk));
    s.Begin();
    s.OnAnswer(TransportMessage{K::Session, kWang, 0, 200, 0}, 0);
    return s;
}

// A transport that records requests; the test plays the server's answers into its inbox.
struct ScriptedTransport final : Transport {
    struct Log {
        int starts = 0, stops = 0, fetches = 0, resyncs = 0;
        std::vector<std::string> logins, logouts;
        std::vector<std::pair<std::string, std::string>> demo_commands;  // (body, csrf)
        std::vector<ApiRequest> sent;
        std::vector<TransportMessage> inbox;
    };
    explicit ScriptedTransport(std::shared_ptr<Log> log) : m_log(std::move(log)) {}
    void Start() override { ++m_log->starts; }
    void Drain(std::vector<TransportMessage>* inbox) override {
        for (auto& m : m_log->inbox) inbox->push_back(std::move(m));
        m_log->inbox.clear();
    }
    void Resync() override { ++m_log->resyncs; }
    void StopStream() override { ++m_log->stops; }
    void FetchSession() override { ++m_log->fetches; }
    void Login(std::string body) override { m_log->logins.push_back(std::move(body)); }
    void Logout(std::string csrf) override { m_log->logouts.push_back(std::move(csrf)); }
    void DemoControl(std::string body, std::string csrf) override { m_log->demo_commands.emplace_back(std::move(body), std::move(csrf)); }
    void Send(ApiRequest request) override { m_log->sent.push_back(std::move(request)); }
    std::shared_ptr<Log> m_log;
};

struct AppFrame {
    const UiReport* report;
    std::string Text(const std::string& id) const {
        for (const ReportItem& it : report->items)
            if (it.id == id) return it.text;
        return "<missing " + id + ">";
    }
    const ReportItem* Find(const std::string& id) const {
        for (const ReportItem& it : report->items)
            if (it.id == id) return &it;
        return nullptr;
    }
};

AppFrame Step(DashboardApp& app, const Keys& keys = {}) {
    BeginInput(keys);
    ImGui::NewFrame();
    app.Frame(kWall);
    ImGui::Render();
    return AppFrame{&app.report()};
}

// Clicks the item's center: hover, press, release, move away.
void ClickItem(DashboardApp& app, const std::string& id) {
    AppFrame f = Step(app);
    const ReportItem* it = f.Find(id);
    REQUIRE_MESSAGE(it != nullptr, "no item " << id);
    Keys k;
    k.mouse_x = it->x + it->w / 2;
    k.mouse_y = it->y + it->h / 2;
    Step(app, k);
    k.mouse_down = true;
    Step(app, k);
    k.mouse_down = false;
    Step(app, k);
    Step(app);
}

void Type(DashboardApp& app, const char* text) {
    Keys k;
    k.type = text;
    Step(app, k);
    Step(app);
}

void PressEnter(DashboardApp& app) {
    Keys k;
    k.enter = true;
    Step(app, k);
    k.enter = false;
    Step(app, k);
}

}  // namespace

TEST_CASE("signed out: the login screen and nothing else") {
    ClientSession s = SignedOut();
    LoginForm form;
    const Frame f = Draw(s, &form, UiState{});
    REQUIRE(f.Find("login.user") != nullptr);
    REQUIRE(f.Find("login.password") != nullptr);
    CHECK(f.Text("login.submit") == "Sign in");
    CHECK(f.Text("login.title") == "Sign in to Callboard");
    CHECK(f.Find("login.error") == nullptr);
    CHECK(f.Find("button.language") != nullptr);
    CHECK(f.Find("tab.wallboard") == nullptr);
    CHECK(f.Find("center.waiting") == nullptr);
    CHECK(f.Find("header.user") == nullptr);
    CHECK(f.Find("button.sign_out") == nullptr);
    // Fields stacked: user above password above the button.
    CHECK(f.Find("login.user")->y < f.Find("login.password")->y);
    CHECK(f.Find("login.password")->y < f.Find("login.submit")->y);
}

TEST_CASE("the password is never published, only its length") {
    ClientSession s = SignedOut();
    LoginForm form;
    std::strcpy(form.user, "wang");
    std::strcpy(form.password, "s3cret");
    const Frame f = Draw(s, &form, UiState{});
    CHECK(f.Text("login.user") == "wang");
    CHECK(f.Text("login.password") == "******");
}

TEST_CASE("errors in the user's language") {
    LoginForm form;
    UiState en, zh;
    zh.lang = Lang::Zh;
    auto answered = [](int status, int retry_after_s = 0) {
        ClientSession s = SignedOut();
        s.SignIn("wang", "x", kWall);
        s.OnAnswer(TransportMessage{K::Login, "", 0, status, retry_after_s}, kWall);
        return s;
    };
    ClientSession wrong = answered(401);
    CHECK(Draw(wrong, &form, en).Text("login.error") == "Wrong user or password.");
    CHECK(Draw(wrong, &form, zh).Text("login.error") == "用户名或密码错误。");
    CHECK(Draw(wrong, &form, zh).Text("login.submit") == "登录");

    ClientSession throttled = answered(429, 30);
    const Frame t = Draw(throttled, &form, en);
    CHECK(t.Text("login.error") == "Too many attempts. Try again in 30 s.");
    CHECK(Draw(throttled, &form, zh).Text("login.error") == "尝试次数过多，请 30 秒后再试。");

    ClientSession down = answered(0);
    CHECK(Draw(down, &form, en).Text("login.error") == "The server cannot be reached.");
    CHECK(Draw(down, &form, zh).Text("login.error") == "无法连接服务器。");

    ClientSession broken = answered(500);
    CHECK(Draw(broken, &form, en).Text("login.error") == "The server answered with an error (HTTP 500).");

    ClientSession expired = SignedIn();
    expired.OnStreamLost(401, kWall);
    CHECK(Draw(expired, &form, en).Text("login.error") == "Your session has ended. Please sign in again.");
    CHECK(Draw(expired, &form, zh).Text("login.error") == "登录已过期，请重新登录。");
}

TEST_CASE("while signing in the button says so and sends nothing more") {
    ClientSession s = SignedOut();
    s.SignIn("wang", "x", 0);
    LoginForm form;
    const Frame f = Draw(s, &form, UiState{});
    CHECK(f.Text("login.submit") == "Signing in…");
}

TEST_CASE("signed in: the header shows the user and role, and a sign-out button that signs out") {
    ClientSession s = SignedIn();
    LoginForm form;
    const Snapshot snap = NormalSnapshot();
    Frame f = Draw(s, &form, UiState{}, {}, snap);
    CHECK(f.Find("login.user") == nullptr);
    CHECK(f.Text("header.user") == "wang");
    CHECK(f.Text("header.role") == "Team lead");
    CHECK(f.Text("button.sign_out") == "Sign out");
    CHECK(f.Text("center.waiting") == "3");
    UiState zh;
    zh.lang = Lang::Zh;
    f = Draw(s, &form, zh, {}, snap);
    CHECK(f.Text("header.role") == "组长");
    CHECK(f.Text("button.sign_out") == "退出登录");
    // Everything on the right fits on the screen, sign-out left of TV mode.
    const ReportItem* out = f.Find("button.sign_out");
    const ReportItem* lang = f.Find("button.language");
    CHECK(out->x < f.Find("button.tv")->x);
    CHECK(lang->x + lang->w <= 1400);

    // Click sign-out: hover, press, release.
    Keys k;
    k.mouse_x = out->x + out->w / 2;
    k.mouse_y = out->y + out->h / 2;
    Draw(s, &form, zh, k, snap);
    k.mouse_down = true;
    Draw(s, &form, zh, k, snap);
    k.mouse_down = false;
    const Frame release = Draw(s, &form, zh, k, snap);
    REQUIRE(release.actions.size() == 1);
    CHECK(release.actions[0].kind == UiAction::Kind::SignOut);
    Draw(s, &form, zh, {}, snap);
}

TEST_CASE("a kiosk screen has no sign-out; local mode has no user and no login") {
    LoginForm form;
    const Snapshot snap = NormalSnapshot();
    ClientSession kiosk = SignedIn("K10SK");
    Frame f = Draw(kiosk, &form, UiState{}, {}, snap);
    CHECK(f.Text("header.user") == "wang");
    CHECK(f.Find("button.sign_out") == nullptr);

    ClientSession local;
    local.Begin();
    local.OnAnswer(TransportMessage{K::Session, R"({"mode":"local","user":null,"role":"admin","teams":[]})", 0, 200, 0}, 0);
    f = Draw(local, &form, UiState{}, {}, snap);
    CHECK(f.Find("login.user") == nullptr);
    CHECK(f.Find("header.user") == nullptr);
    CHECK(f.Find("button.sign_out") == nullptr);
    CHECK(f.Text("center.waiting") == "3");
}

TEST_CASE("the dashboard app: sign in (Enter and button), wrong password, stream as the user, sign out, expiry") {
    auto log = std::make_shared<ScriptedTransport::Log>();
    DashboardOptions options;
    options.transport = std::make_unique<ScriptedTransport>(log);
    DashboardApp app(std::move(options));
    app.SetFonts(Harness::Get().fonts());
    CHECK(log->fetches == 1);
    CHECK(log->starts == 0);   // nothing streams before the server said who may see what

    log->inbox.push_back({K::Session, R"({"error":"sign in required"})", kWall, 401, 0});
    AppFrame f = Step(app);
    REQUIRE(f.Find("login.user") != nullptr);
    CHECK(f.Find("waiting_for_data") == nullptr);

    // The user field has the focus: type the name, click the password field, type, Enter.
    Step(app);
    Type(app, "wang");
    CHECK(Step(app).Text("login.user") == "wang");
    ClickItem(app, "login.password");
    Type(app, "wrong");
    CHECK(Step(app).Text("login.password") == "*****");
    PressEnter(app);
    REQUIRE(log->logins.size() == 1);
    CHECK(log->logins[0] == R"({"password":"wrong","user":"wang"})");
    CHECK(Step(app).Text("login.password") == "");   // wiped once sent
    CHECK(app.session()->phase() == SessionPhase::SigningIn);

    log->inbox.push_back({K::Login, R"({"error":"wrong user or password"})", kWall, 401, 0});
    f = Step(app);
    CHECK(f.Text("login.error") == "Wrong user or password.");
    CHECK(log->starts == 0);

    ClickItem(app, "login.password");
    Type(app, "s3cret");
    ClickItem(app, "login.submit");
    REQUIRE(log->logins.size() == 2);
    CHECK(log->logins[1] == R"({"password":"s3cret","user":"wang"})");

    log->inbox.push_back({K::Login, kWang, kWall, 200, 0});
    Step(app);
    CHECK(log->starts == 1);
    log->inbox.push_back({K::Connected, "", kWall, 0, 0});
    log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
    f = Step(app);
    CHECK(f.Text("header.user") == "wang");
    CHECK(f.Text("center.waiting") == "3");
    CHECK(f.Find("login.user") == nullptr);

    ClickItem(app, "button.sign_out");
    CHECK(log->stops == 1);
    REQUIRE(log->logouts.size() == 1);
    CHECK(log->logouts[0] == "c5rf");
    f = Step(app);
    CHECK(f.Find("login.user") != nullptr);
    CHECK(f.Find("login.error") == nullptr);
    CHECK_FALSE(app.model().has_data());   // the last user's data is gone
    log->inbox.push_back({K::Logout, "", kWall, 204, 0});
    // A late message of the closed stream is dropped.
    log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
    Step(app);
    CHECK_FALSE(app.model().has_data());

    // Sign in again, then the stream says 401: back to the login screen with a message.
    // The focus is back on the user field, which still says wang: Enter with no password
    // asks for one and sends nothing.
    PressEnter(app);
    CHECK(log->logins.size() == 2);
    CHECK(Step(app).Text("login.error") == "Enter your user name and password.");
    ClickItem(app, "login.password");
    Type(app, "s3cret");
    PressEnter(app);
    REQUIRE(log->logins.size() == 3);
    CHECK(log->logins[2] == R"({"password":"s3cret","user":"wang"})");
    log->inbox.push_back({K::Login, kWang, kWall, 200, 0});
    log->inbox.push_back({K::Connected, "", kWall, 0, 0});
    log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
    Step(app);
    CHECK(log->starts == 2);
    log->inbox.push_back({K::Disconnected, "stream ended (HTTP 401)", kWall, 401, 0});
    f = Step(app);
    CHECK(f.Text("login.error") == "Your session has ended. Please sign in again.");
    CHECK(log->stops == 2);
    CHECK_FALSE(app.model().has_data());
}

TEST_CASE("the dashboard app in local mode streams at once and shows no login") {
    auto log = std::make_shared<ScriptedTransport::Log>();
    DashboardOptions options;
    options.transport = std::make_unique<ScriptedTransport>(log);
    DashboardApp app(std::move(options));
    app.SetFonts(Harness::Get().fonts());
    log->inbox.push_back({K::Session, R"({"mode":"local","user":null,"role":"admin","teams":[]})", kWall, 200, 0});
    Step(app);
    CHECK(log->starts == 1);
    log->inbox.push_back({K::Connected, "", kWall, 0, 0});
    log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
    AppFrame f = Step(app);
    CHECK(f.Text("center.waiting") == "3");
    CHECK(f.Find("login.user") == nullptr);
    CHECK(f.Find("button.sign_out") == nullptr);
}

TEST_CASE("a kiosk link signs in by itself and opens TV mode") {
    auto log = std::make_shared<ScriptedTransport::Log>();
    DashboardOptions options;
    options.transport = std::make_unique<ScriptedTransport>(log);
    options.kiosk_token = "K10SK";
    DashboardApp app(std::move(options));
    app.SetFonts(Harness::Get().fonts());
    log->inbox.push_back({K::Session, R"({"error":"sign in required"})", kWall, 401, 0});
    AppFrame f = Step(app);
    REQUIRE(log->logins.size() == 1);
    CHECK(log->logins[0] == R"({"kiosk_token":"K10SK"})");
    CHECK(f.Text("login.status") == "Signing in…");
    CHECK(f.Find("login.user") == nullptr);
    log->inbox.push_back({K::Login, R"({"user":"tv1","role":"wallboard","teams":[],"csrf":"z"})", kWall, 200, 0});
    log->inbox.push_back({K::Connected, "", kWall, 0, 0});
    log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
    Step(app);
    f = Step(app);
    CHECK(app.ui().tv_mode);
    CHECK(f.Find("tv.page") != nullptr);
    CHECK(f.Find("button.sign_out") == nullptr);
}

TEST_CASE("a trainer refused by a real-data server is offered the demo in this process") {
    auto log = std::make_shared<ScriptedTransport::Log>();
    DashboardOptions options;
    options.transport = std::make_unique<ScriptedTransport>(log);
    DashboardApp app(std::move(options));
    app.SetFonts(Harness::Get().fonts());
    log->inbox.push_back({K::Session, R"({"mode":"accounts","user":"zhao","role":"trainer","teams":[],"csrf":"c","expires_at_ms":0})", kWall, 200, 0});
    Step(app);
    REQUIRE(log->starts == 1);
    // The server answers the stream with 403: the browser only sees the stream drop.
    log->inbox.push_back({K::Disconnected, "stream error", kWall, 403, 0});
    AppFrame f = Step(app);
    REQUIRE(f.Find("button.start_demo") != nullptr);
    CHECK(f.Find("trainer.demo_only") != nullptr);

    ClickItem(app, "button.start_demo");
    CHECK(log->stops >= 1);
    f = Step(app);
    CHECK(f.Find("button.start_demo") == nullptr);
    CHECK(f.Text("freshness") == "Offline demo");
    CHECK(f.Text("source") == "demo:normal");
    CHECK(f.Find("center.waiting") != nullptr);
}

TEST_CASE("the header's freshness: live data reads Live, a server of stored history only says so") {
    LoginForm form;
    ClientSession local;
    local.Begin();
    local.OnAnswer(TransportMessage{K::Session, R"({"mode":"local","user":null,"role":"admin","teams":[]})", 0, 200, 0}, 0);
    Snapshot snap = NormalSnapshot();
    snap.source = "queue_log";
    CHECK(Draw(local, &form, UiState{}, {}, snap).Text("freshness") == "Live");
    snap.source = "history";
    CHECK(Draw(local, &form, UiState{}, {}, snap).Text("freshness") == "Stored history only · no live source");
    UiState zh;
    zh.lang = Lang::Zh;
    CHECK(Draw(local, &form, zh, {}, snap).Text("freshness") == "仅存储的历史数据 · 无实时数据源");
}
