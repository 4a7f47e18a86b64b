// The administration page, headless over a whole DashboardApp: offered to admins only; the
// lists as the server answers them; a form filled with the keyboard alone (Tab between the
// fields, Up/Down through the roles, Enter to submit) sending the request the API expects;
// mistakes shown under their field before anything is sent; the server's refusals by their
// field in the user's language; what is typed kept across a stream reconnect.
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include "core/snapshot_json.h"
#include "scripted_app.h"
#include "ui/admin_controller.h"

using namespace cb;
using namespace cb::test;

namespace {

using K = TransportMessage::Kind;

const char* kRoot = R"({"mode":"accounts","user":"root","role":"admin","teams":[],"csrf":"r00t","expires_at_ms":0})";
const char* kManager = R"({"mode":"accounts","user":"mona","role":"manager","teams":[],"csrf":"m","expires_at_ms":0})";
const char* kLocal = R"({"mode":"local","user":null,"role":"admin","teams":[]})";

const char* kUsers = R"({"users":[
  {"name":"root","role":"admin","teams":[],"disabled":false,"created_ms":1767585600000},
  {"name":"wang","role":"lead","teams":["team_1"],"disabled":false,"created_ms":1767585600000},
  {"name":"tv","role":"wallboard","teams":[],"disabled":true,"created_ms":1767585600000}]})";
const char* kTeams = R"({"teams":[
  {"key":"team_1","name_en":"Alpha","name_zh":"一组","agents":6,"lead_agent":"1001","leads":["wang"],"names_from":"simulator"},
  {"key":"night","name_en":"Night","name_zh":"夜班","agents":0,"lead_agent":null,"leads":[],"names_from":"callboard"}]})";

struct Screen {
    std::shared_ptr<RecordingTransport::Log> log = std::make_shared<RecordingTransport::Log>();
    std::unique_ptr<DashboardApp> app;
    explicit Screen(const char* session, Lang lang = Lang::En) {
        DashboardOptions options;
        options.transport = std::make_unique<RecordingTransport>(log);
        options.lang = lang;
        app = std::make_unique<DashboardApp>(std::move(options));
        app->SetFonts(Harness::Get().fonts());
        log->inbox.push_back({K::Session, session, kWall, 200, 0});
        Step(*app);
        log->inbox.push_back({K::Connected, "", kWall, 0, 0});
        log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
        Step(*app);
    }
    // Opens the page and answers its two list requests.
    AppView Open() {
        ClickItem(*app, "button.admin");
        REQUIRE(log->sent.size() >= 2);
        const ApiRequest users = log->sent[log->sent.size() - 2], teams = log->sent.back();
        CHECK(users.method == "GET");
        CHECK(users.path == "api/admin/users");
        CHECK(teams.path == "api/admin/teams");
        log->inbox.push_back(ApiAnswer(users.tag, 200, kUsers));
        log->inbox.push_back(ApiAnswer(teams.tag, 200, kTeams));
        return Step(*app);
    }
};

}  // namespace

TEST_CASE("the administration page is offered to admins and in local mode only") {
    CHECK(Step(*Screen(kRoot).app).Find("button.admin") != nullptr);
    CHECK(Step(*Screen(kLocal).app).Find("button.admin") != nullptr);
    CHECK(Step(*Screen(kManager).app).Find("button.admin") == nullptr);
    Screen zh(kRoot, Lang::Zh);
    CHECK(Step(*zh.app).Text("button.admin") == "系统管理");
    // The offline demo has no server to administer.
    DashboardApp demo{DashboardOptions{}};
    demo.SetFonts(Harness::Get().fonts());
    CHECK(Step(demo).Find("button.admin") == nullptr);
    demo.Apply({UiAction::Kind::OpenAdmin, 1});
    CHECK_FALSE(demo.ui().admin_open);
}

TEST_CASE("the lists: accounts with role, teams and status; teams with agents, lead accounts and where their names come from") {
    Screen screen(kRoot);
    AppView f = screen.Open();
    CHECK(f.Text("admin.title") == "Accounts and teams");
    CHECK(f.Text("admin.user.root") == "admin");
    CHECK(f.Text("admin.user.wang") == "lead");
    CHECK(f.Text("admin.user.tv") == "wallboard disabled");
    CHECK(f.Find("center.waiting") == nullptr);  // the page replaces the dashboard while open
    ClickItem(*screen.app, "admin.tab.teams");
    f = Step(*screen.app);
    CHECK(f.Text("admin.team.team_1") == "Alpha");
    CHECK(f.Text("admin.team.team_1.agents") == "6");
    CHECK(f.Text("admin.team.team_1.leads") == "wang");
    CHECK(f.Text("admin.team.night.leads") == "-");
    // A simulated team's names are fixed: its form says so instead of offering a rename.
    ClickItem(*screen.app, "admin.team.team_1");
    f = Step(*screen.app);
    CHECK(f.Text("admin.rename_team.fixed") == "Team team_1 belongs to the demo simulator: its names are fixed.");
    CHECK(f.Find("admin.rename_team") == nullptr);
    ClickItem(*screen.app, "admin.close");
    CHECK_FALSE(screen.app->ui().admin_open);
    CHECK(Step(*screen.app).Find("center.waiting") != nullptr);
}

TEST_CASE("a new account filled with the keyboard alone: Tab between fields, Up/Down for the role, Enter to send") {
    Screen screen(kRoot);
    DashboardApp& app = *screen.app;
    screen.Open();
    const size_t before = screen.log->sent.size();
    ClickItem(app, "admin.new_user.name");  // the one click: into the first field
    Type(app, "li");
    Press(app, &Keys::tab);
    Type(app, "manager");
    Press(app, &Keys::down);   // manager -> lead
    AppView f = Step(app);
    CHECK(f.Text("admin.new_user.role") == "lead");
    REQUIRE(f.Find("admin.new_user.teams") != nullptr);  // a lead's teams field appears under the role
    CHECK(f.Find("admin.new_user.role")->y < f.Find("admin.new_user.teams")->y);
    Press(app, &Keys::tab);
    Type(app, "team_1, night");
    Press(app, &Keys::tab);
    Type(app, "a-long-password");
    Press(app, &Keys::tab);
    Type(app, "a-long-password");
    f = Step(app);
    CHECK(f.Text("admin.new_user.name") == "li");
    CHECK(f.Text("admin.new_user.teams") == "team_1, night");
    CHECK(f.Text("admin.new_user.password") == std::string(15, '*'));
    CHECK(f.Text("admin.new_user.repeat") == std::string(15, '*'));
    Press(app, &Keys::enter);
    REQUIRE(screen.log->sent.size() == before + 1);
    const ApiRequest post = screen.log->sent.back();
    CHECK(post.method == "POST");
    CHECK(post.path == "api/admin/users");
    CHECK(post.csrf == "r00t");
    CHECK(post.body == R"({"name":"li","password":"a-long-password","role":"lead","teams":["team_1","night"]})");
    f = Step(app);
    CHECK(f.Text("admin.new_user.password") == "");  // wiped once sent
    CHECK(f.Text("admin.new_user.repeat") == "");

    screen.log->inbox.push_back(ApiAnswer(post.tag, 201, R"({"user":{"name":"li","role":"lead","teams":["night","team_1"]}})"));
    f = Step(app);
    CHECK(f.Text("admin.notice") == "Account li created.");
    CHECK(f.Text("admin.new_user.name") == "");
    REQUIRE(screen.log->sent.size() == before + 3);  // the lists again
    CHECK(screen.log->sent[before + 1].path == "api/admin/users");
    CHECK(screen.log->sent[before + 2].path == "api/admin/teams");
}

TEST_CASE("mistakes show under their field, in the user's language, and nothing is sent") {
    Screen screen(kRoot, Lang::Zh);
    DashboardApp& app = *screen.app;
    screen.Open();
    const size_t before = screen.log->sent.size();
    auto submit = [&] {
        ClickItem(app, "admin.create_user");
        return Step(app);
    };
    Fill(app, "admin.new_user.name", "li wei");
    AppView f = submit();
    CHECK(f.Text("admin.new_user.name.error") == "请使用 1 至 64 个字母、数字或 . _ - @");
    Fill(app, "admin.new_user.name", "wang");
    CHECK(submit().Text("admin.new_user.name.error") == "账号 wang 已存在。");
    Fill(app, "admin.new_user.name", "li");
    Fill(app, "admin.new_user.role", "组长");  // a role's name in Chinese counts
    f = submit();
    CHECK(f.Text("admin.new_user.teams.error") == "组长至少需要一个班组。");
    Fill(app, "admin.new_user.teams", "team_9");
    CHECK(submit().Text("admin.new_user.teams.error") == "班组 team_9 不存在：请先在“班组”中创建。");
    Fill(app, "admin.new_user.teams", "team_1");
    Fill(app, "admin.new_user.password", "short");
    f = submit();
    CHECK(f.Text("admin.new_user.password.error") == "至少 10 个字符。");
    REQUIRE(f.Find("admin.new_user.password.error"));
    CHECK(f.Find("admin.new_user.password.error")->y > f.Find("admin.new_user.password")->y);
    CHECK(f.Find("admin.new_user.password.error")->y < f.Find("admin.new_user.repeat")->y);
    Fill(app, "admin.new_user.password", "a-long-password");
    Fill(app, "admin.new_user.repeat", "a-long-passw0rd");
    CHECK(submit().Text("admin.new_user.repeat.error") == "两次输入的密码不一致。");
    Fill(app, "admin.new_user.role", "boss");
    CHECK(submit().Text("admin.new_user.role.error") == "须为以下之一：管理员、经理、组长、质检、培训师、看板屏。");
    CHECK(screen.log->sent.size() == before);
    // The focus went to the field at fault: typing goes there.
    Type(app, "!");
    CHECK(Step(app).Text("admin.new_user.role") == "boss!");
}

TEST_CASE("the server's refusal shows by the field it names; what was typed survives a stream reconnect") {
    Screen screen(kRoot);
    DashboardApp& app = *screen.app;
    screen.Open();
    ClickItem(app, "admin.tab.teams");
    ClickItem(app, "admin.new_team.key");
    Type(app, "day");
    Press(app, &Keys::tab);
    Type(app, "日班");
    Press(app, &Keys::tab);
    Type(app, "Day shift");
    // The stream drops and comes back meanwhile: nothing typed is lost.
    screen.log->inbox.push_back({K::Disconnected, "stream error", kWall, 0, 0});
    Step(app);
    screen.log->inbox.push_back({K::Connected, "", kWall, 0, 0});
    screen.log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
    AppView f = Step(app);
    CHECK(f.Text("admin.new_team.key") == "day");
    CHECK(f.Text("admin.new_team.name_zh") == "日班");
    CHECK(f.Text("admin.new_team.name_en") == "Day shift");
    CHECK(app.ui().admin_open);
    Press(app, &Keys::enter);
    const ApiRequest post = screen.log->sent.back();
    CHECK(post.path == "api/admin/teams");
    CHECK(post.body == R"({"key":"day","name_en":"Day shift","name_zh":"日班"})");
    // Meanwhile someone else made it.
    screen.log->inbox.push_back(ApiAnswer(post.tag, 409,
        R"({"error":"key: a team 'day' exists already","path":"/api/admin/teams","code":"team_exists","field":"key","where":"body"})"));
    f = Step(app);
    CHECK(f.Text("admin.new_team.key.error") == "Team day exists already.");
    CHECK(f.Text("admin.new_team.name_en") == "Day shift");  // kept for another try
}

TEST_CASE("an account's role, teams and password; disable, and delete after a second press") {
    Screen screen(kRoot);
    DashboardApp& app = *screen.app;
    screen.Open();
    ClickItem(app, "admin.user.wang");
    AppView f = Step(app);
    CHECK(f.Text("admin.edit_user.title") == "Account wang");
    CHECK(f.Text("admin.edit_user.role") == "lead");
    CHECK(f.Text("admin.edit_user.teams") == "team_1");
    // Click a team to add it, then save.
    ClickItem(app, "admin.edit_user.team.night");
    CHECK(Step(app).Text("admin.edit_user.teams") == "team_1, night");
    ClickItem(app, "admin.save_user");
    ApiRequest r = screen.log->sent.back();
    CHECK(r.method == "PATCH");
    CHECK(r.path == "api/admin/users/wang");
    CHECK(r.body == R"({"role":"lead","teams":["team_1","night"]})");
    screen.log->inbox.push_back(ApiAnswer(r.tag, 200, R"({"user":{"name":"wang"}})"));
    CHECK(Step(app).Text("admin.notice") == "Account wang saved.");

    ClickItem(app, "admin.password.password");
    Type(app, "new-password-1");
    Press(app, &Keys::tab);
    Type(app, "new-password-1");
    Press(app, &Keys::enter);
    r = screen.log->sent.back();
    CHECK(r.method == "PUT");
    CHECK(r.path == "api/admin/users/wang/password");
    CHECK(r.body == R"({"password":"new-password-1"})");
    screen.log->inbox.push_back(ApiAnswer(r.tag, 204, ""));
    CHECK(Step(app).Text("admin.notice") == "Password of wang reset; its sessions were ended.");

    ClickItem(app, "admin.toggle_disabled");
    r = screen.log->sent.back();
    CHECK(r.body == R"({"disabled":true})");
    const size_t sent = screen.log->sent.size();
    ClickItem(app, "admin.delete_user");
    CHECK(screen.log->sent.size() == sent);  // asks first
    CHECK(Step(app).Text("admin.delete_confirm") == "Delete wang for good? Press Delete again.");
    ClickItem(app, "admin.delete_user");
    r = screen.log->sent.back();
    CHECK(r.method == "DELETE");
    CHECK(r.path == "api/admin/users/wang");

    // The server's own rules, in words the page knows.
    screen.log->inbox.push_back(ApiAnswer(r.tag, 409,
        R"({"error":"'wang' is the last enabled admin; make another admin first","code":"last_admin","path":"/x"})"));
    CHECK(Step(app).Text("admin.edit_user.error") == "This is the last active administrator.");
}

TEST_CASE("a new wallboard's kiosk token is shown once, then forgotten") {
    Screen screen(kRoot);
    DashboardApp& app = *screen.app;
    screen.Open();
    Fill(app, "admin.new_user.name", "tv2");
    Fill(app, "admin.new_user.role", "wallboard");
    AppView f = Step(app);
    CHECK(f.Find("admin.new_user.password") == nullptr);  // a wallboard has no password
    ClickItem(app, "admin.create_user");
    const ApiRequest r = screen.log->sent.back();
    CHECK(r.body == R"({"name":"tv2","role":"wallboard","teams":[]})");
    screen.log->inbox.push_back(ApiAnswer(r.tag, 201, R"({"user":{"name":"tv2"},"kiosk_token":")" + std::string(64, 'a') + "\"}"));
    f = Step(app);
    CHECK(f.Text("admin.kiosk_token") == std::string(64, 'a'));
    ClickItem(app, "admin.kiosk_done");
    CHECK(Step(app).Find("admin.kiosk_token") == nullptr);
    CHECK(app.admin().kiosk_token.empty());
}

TEST_CASE("role and teams typed as text: keys or names in either language") {
    CHECK(ParseRoleText(" Lead ") == "lead");
    CHECK(ParseRoleText("Team lead") == "lead");
    CHECK(ParseRoleText("组长") == "lead");
    CHECK(ParseRoleText("看板屏") == "wallboard");
    CHECK(ParseRoleText("boss").empty());
    CHECK(ParseTeamsText("a, b  c，d、a") == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(ParseTeamsText("  ").empty());
}

TEST_CASE("signing out forgets the administration page and what was typed") {
    Screen screen(kRoot);
    DashboardApp& app = *screen.app;
    screen.Open();
    ClickItem(app, "admin.new_user.name");
    Type(app, "li");
    app.Apply({UiAction::Kind::SignOut, 0});
    CHECK_FALSE(app.ui().admin_open);
    CHECK(app.admin().users.empty());
    CHECK(app.admin().forms.name[0] == '\0');
}

TEST_CASE("a server in local mode with no account yet says what the first account does") {
    Screen screen(kLocal, Lang::Zh);
    ClickItem(*screen.app, "button.admin");
    const size_t n = screen.log->sent.size();
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent[n - 2].tag, 200, R"({"users":[]})"));
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent[n - 1].tag, 200, kTeams));
    AppView f = Step(*screen.app);
    CHECK(f.Text("admin.no_accounts") ==
          "尚无账号：此服务器以本地模式运行，无需登录。第一个账号必须是管理员，创建后即需登录。");
    CHECK(f.Find("admin.new_user.name") != nullptr);
}
