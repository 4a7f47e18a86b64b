// The thresholds panel, headless: the offline demo's own set (saved by the platform), and a
// screen connected to a server: the server's set in use as soon as it arrives on the stream,
// the panel editing the server's values (the whole center's or a team's own limits) and
// sending them, a refusal shown by its field in the user's language, read-only for roles that
// may not change them, and who changed them last.
#include <doctest/doctest.h>

#include <string>
#include "core/snapshot_json.h"
#include "core/thresholds_doc.h"
#include "scripted_app.h"

using namespace cb;
using namespace cb::test;

namespace {

using K = TransportMessage::Kind;

const char* kManager = R"({"mode":"accounts","user":"mona","role":"manager","teams":[],"csrf":"m0na","expires_at_ms":0})";
const char* kLead = R"({"mode":"accounts","user":"wang","role":"lead","teams":["team_1"],"csrf":"w4ng","expires_at_ms":0})";
const char* kQa = R"({"mode":"accounts","user":"qiu","role":"qa","teams":[],"csrf":"q","expires_at_ms":0})";

// The server's document for a role: the center changed by li at 2026-01-05 12:04 center time,
// team_1 with its own break limit.
ThresholdsDoc Doc(const std::string& role) {
    ThresholdsDoc doc;
    doc.sets.version = 3;
    doc.sets.center.call_long_s = 900;
    doc.sets.center_by = "li";
    doc.sets.center_ms = 1767585840000;  // 2026-01-05 12:04 UTC+8
    TeamThresholds team;
    team.team = "team_1";
    team.values.set = 1u << ThresholdFieldIndex("break_long_s");
    team.values.values.break_long_s = 1200;
    team.updated_by = "wang";
    team.updated_ms = 1767585900000;
    doc.sets.teams.push_back(team);
    doc.applied = doc.sets.center;
    if (role == "lead") {
        doc.applied = MergeThresholds(doc.sets.center, team.values);
        doc.applied_team = "team_1";
        doc.editable_teams = {"team_1"};
    }
    doc.may_edit_center = role == "manager";
    doc.may_edit_all_teams = role == "manager";
    return doc;
}

// A signed-in screen with the normal center on the stream and the server's thresholds.
struct Screen {
    std::shared_ptr<RecordingTransport::Log> log = std::make_shared<RecordingTransport::Log>();
    std::unique_ptr<DashboardApp> app;
    Screen(const char* session, const std::string& role, Lang lang = Lang::En, std::string saved = {}) {
        DashboardOptions options;
        options.transport = std::make_unique<RecordingTransport>(log);
        options.lang = lang;
        options.settings_json = std::move(saved);
        app = std::make_unique<DashboardApp>(std::move(options));
        app->SetFonts(Harness::Get().fonts());
        log->inbox.push_back({K::Session, session, kWall, 200, 0});
        Step(*app);
        log->inbox.push_back({K::Connected, "", kWall, 0, 0});
        log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
        log->inbox.push_back({K::Thresholds, ThresholdsDocToJson(Doc(role)), kWall, 0, 0});
        Step(*app);
    }
};

}  // namespace

TEST_CASE("offline demo: applying settings changes the thresholds in use and saves them; bad ones are refused") {
    std::string saved;
    DashboardOptions options;
    options.settings_json = R"({"call_long_s":900})";
    options.save_settings = [&](const std::string& json) { saved = json; };
    DashboardApp app(std::move(options));
    app.SetFonts(Harness::Get().fonts());
    CHECK(app.ui().thresholds.call_long_s == 900);  // loaded from the saved settings

    app.Apply({UiAction::Kind::OpenSettings, 1});
    CHECK(app.ui().settings_open);
    AppView f = Step(app);
    CHECK(f.Text("settings.call_long_s") == "900");
    CHECK(f.Find("settings.scope.center") == nullptr);   // no server: one set, no teams
    CHECK(f.Find("settings.own.call_long_s") == nullptr);
    app.Apply({UiAction::Kind::ApplySettings, 1});  // draft back to the defaults
    app.Apply({UiAction::Kind::ApplySettings, 0});
    CHECK(app.ui().thresholds.call_long_s == Thresholds{}.call_long_s);
    Thresholds stored;
    ThresholdError error;
    REQUIRE(ThresholdsFromJson(saved, &stored, &error));
    CHECK(stored.call_long_s == Thresholds{}.call_long_s);

    DashboardOptions broken;
    broken.settings_json = "{oops";
    DashboardApp app2(std::move(broken));
    CHECK(app2.settings_error() == "saved settings ignored: not a JSON object");
    CHECK(app2.ui().thresholds.call_long_s == Thresholds{}.call_long_s);
}

TEST_CASE("connected: the server's thresholds apply as they arrive; the saved offline set does not") {
    Screen screen(kLead, "lead", Lang::En, R"({"break_long_s":60})");
    DashboardApp& app = *screen.app;
    // The lead's screen uses team_1's own break limit and the center's call limit.
    CHECK(app.ui().thresholds.break_long_s == 1200);
    CHECK(app.ui().thresholds.call_long_s == 900);
    REQUIRE(app.server_thresholds());
    CHECK(app.server_thresholds()->applied_team == "team_1");

    // A change pushed later (another screen changed it) applies at once.
    ThresholdsDoc later = Doc("lead");
    later.sets.version = 4;
    later.applied.break_long_s = 1500;
    screen.log->inbox.push_back({K::Thresholds, ThresholdsDocToJson(later), kWall, 0, 0});
    Step(app);
    CHECK(app.ui().thresholds.break_long_s == 1500);
}

TEST_CASE("a manager edits the whole center's set on the server, sees who changed it last, and gets the answer") {
    Screen screen(kManager, "manager");
    DashboardApp& app = *screen.app;
    ClickItem(app, "button.settings");
    AppView f = Step(app);
    CHECK(f.Text("settings.call_long_s") == "900");
    CHECK(f.Text("settings.last_changed") == "Last changed by li, 2026-01-05 12:04 (center time)");
    CHECK(f.Text("settings.applies") == "This screen uses the whole center's limits.");
    CHECK(f.Find("settings.read_only") == nullptr);
    CHECK(f.Find("settings.scope.team_1") != nullptr);
    CHECK(f.Find("settings.scope.team_2") != nullptr);
    CHECK(f.Find("settings.own.call_long_s") == nullptr);  // the center's set has every value

    // Typed with the keyboard: an amber limit above its red one is refused before anything is
    // sent, by its field.
    ClickItem(app, "settings.asa_warn_s");
    Type(app, "50");
    f = Step(app);
    CHECK(f.Text("settings.asa_warn_s") == "50");
    app.Apply({UiAction::Kind::ApplySettings, 0});
    CHECK(screen.log->sent.empty());
    f = Step(app);
    CHECK(f.Text("settings.error") == "Must not be above the red limit (ASA: red above).");
    CHECK(f.Find("settings.error")->y > f.Find("settings.asa_warn_s")->y);
}

TEST_CASE("applying sends the draft; a refusal shows by its field in the user's language; the answer becomes what is shown") {
    Screen screen(kManager, "manager", Lang::Zh);
    DashboardApp& app = *screen.app;
    app.Apply({UiAction::Kind::OpenSettings, 1});
    Step(app);
    app.Apply({UiAction::Kind::ApplySettings, 0});
    REQUIRE(screen.log->sent.size() == 1);
    ApiRequest put = screen.log->sent[0];
    CHECK(put.method == "PUT");
    CHECK(put.path == "api/thresholds/center");
    CHECK(put.csrf == "m0na");
    Thresholds body;
    ThresholdError error;
    REQUIRE(ThresholdsFromJson(put.body, &body, &error, true));
    CHECK(body.call_long_s == 900);
    AppView f = Step(app);
    CHECK(f.Text("settings.status") == "正在保存…");
    app.Apply({UiAction::Kind::ApplySettings, 0});
    CHECK(screen.log->sent.size() == 1);  // not twice while the first is on its way

    // The server refuses (another team's own limits would not fit): by the field, in Chinese.
    screen.log->inbox.push_back(ApiAnswer(put.tag, 400,
        R"j({"error":"team 'team_2' has its own limits that would not fit: asa_warn_s: above asa_bad_s (30)",)j"
        R"j("path":"/api/thresholds/center","code":"above_bad","field":"asa_warn_s","where":"body"})j"));
    f = Step(app);
    CHECK(f.Text("settings.error") == "不能高于红色界限（平均应答速度：超过即红色）。");
    const ReportItem* field = f.Find("settings.asa_warn_s");
    const ReportItem* message = f.Find("settings.error");
    REQUIRE(field);
    REQUIRE(message);
    CHECK(message->y > field->y);                 // right under its field
    CHECK(message->y < f.Find("settings.asa_bad_s")->y);

    // Accepted: the answer's document is what the screen uses and the panel shows.
    app.Apply({UiAction::Kind::ApplySettings, 0});
    REQUIRE(screen.log->sent.size() == 2);
    ThresholdsDoc answer = Doc("manager");
    answer.sets.version = 5;
    answer.sets.center.call_long_s = 1000;
    answer.sets.center_by = "mona";
    answer.applied = answer.sets.center;
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent[1].tag, 200, ThresholdsDocToJson(answer)));
    f = Step(app);
    CHECK(app.ui().thresholds.call_long_s == 1000);
    CHECK(f.Text("settings.call_long_s") == "1000");
    CHECK(f.Text("settings.status") == "已保存：所有屏幕已显示新阈值。");
    CHECK(f.Text("settings.last_changed").rfind("最近由 mona 修改", 0) == 0);
    CHECK(f.Find("settings.error") == nullptr);
}

TEST_CASE("a lead edits their team's own limits: a box per row, the rest follows the center") {
    Screen screen(kLead, "lead");
    DashboardApp& app = *screen.app;
    app.Apply({UiAction::Kind::OpenSettings, 1});
    AppView f = Step(app);
    // The panel opens on the lead's team, which they may change; the center's set they may not.
    CHECK(f.Text("settings.scope.team_1") == "Alpha");
    CHECK(f.Find("settings.scope.team_2") == nullptr);
    CHECK(f.Text("settings.own.break_long_s") == "1");
    CHECK(f.Text("settings.own.call_long_s") == "0");
    CHECK(f.Text("settings.break_long_s") == "1200");
    CHECK(f.Text("settings.call_long_s") == "900");   // the center's, shown
    CHECK(f.Text("settings.applies") == "This screen uses the limits of Alpha (the center's where the team has none).");
    CHECK(f.Find("settings.read_only") == nullptr);
    CHECK(f.Text("button.settings_defaults") == "Follow the center");

    // Its own call limit too: click the row's box, then apply.
    ClickItem(app, "settings.own.call_long_s");
    CHECK(Step(app).Text("settings.own.call_long_s") == "1");
    app.Apply({UiAction::Kind::ApplySettings, 0});
    REQUIRE(screen.log->sent.size() == 1);
    CHECK(screen.log->sent[0].method == "PUT");
    CHECK(screen.log->sent[0].path == "api/thresholds/teams/team_1");
    CHECK(screen.log->sent[0].body == R"({"break_long_s":1200,"call_long_s":900})");
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent[0].tag, 200, ThresholdsDocToJson(Doc("lead"))));
    Step(app);

    // "Follow the center" clears every own value: applying removes the team's limits.
    app.Apply({UiAction::Kind::ApplySettings, 1});
    CHECK(Step(app).Text("settings.own.break_long_s") == "0");
    app.Apply({UiAction::Kind::ApplySettings, 0});
    REQUIRE(screen.log->sent.size() == 2);
    CHECK(screen.log->sent[1].method == "DELETE");
    CHECK(screen.log->sent[1].path == "api/thresholds/teams/team_1");

    // The center's set: shown read-only to a lead.
    ClickItem(app, "settings.scope.center");
    f = Step(app);
    CHECK(f.Text("settings.read_only") ==
          "Read only: administrators and managers change the center's limits, a team lead those of their team.");
    CHECK(f.Find("button.settings_apply") == nullptr);
    app.Apply({UiAction::Kind::ApplySettings, 0});
    CHECK(screen.log->sent.size() == 2);
}

TEST_CASE("roles that may not change thresholds see them read-only, in both languages") {
    for (Lang lang : {Lang::En, Lang::Zh}) {
        Screen screen(kQa, "qa", lang);
        DashboardApp& app = *screen.app;
        app.Apply({UiAction::Kind::OpenSettings, 1});
        AppView f = Step(app);
        CHECK(f.Find("settings.read_only") != nullptr);
        CHECK(f.Find("button.settings_apply") == nullptr);
        CHECK(f.Find("button.settings_defaults") == nullptr);
        CHECK(f.Find("button.settings_close") != nullptr);
        CHECK(f.Text("settings.title") == (lang == Lang::Zh ? "颜色与提醒阈值" : "Thresholds for colors and flags"));
        app.Apply({UiAction::Kind::ApplySettings, 0});
        CHECK(screen.log->sent.empty());
    }
}

TEST_CASE("an answer of 401 while saving means the session ended: back to the login screen") {
    Screen screen(kManager, "manager");
    DashboardApp& app = *screen.app;
    app.Apply({UiAction::Kind::OpenSettings, 1});
    app.Apply({UiAction::Kind::ApplySettings, 0});
    REQUIRE(screen.log->sent.size() == 1);
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent[0].tag, 401, R"({"error":"sign in required"})"));
    AppView f = Step(app);
    CHECK(f.Find("login.user") != nullptr);
    CHECK(app.server_thresholds() == nullptr);  // the last user's
    CHECK_FALSE(app.ui().settings_open);
}

TEST_CASE("an open panel follows changes pushed by the server, unless the user changed the draft") {
    Screen screen(kLead, "lead");
    DashboardApp& app = *screen.app;
    app.Apply({UiAction::Kind::OpenSettings, 1});
    CHECK(Step(app).Text("settings.call_long_s") == "900");
    ThresholdsDoc pushed = Doc("lead");
    pushed.sets.version = 4;
    pushed.sets.center.call_long_s = 1000;
    pushed.applied.call_long_s = 1000;
    screen.log->inbox.push_back({K::Thresholds, ThresholdsDocToJson(pushed), kWall, 0, 0});
    CHECK(Step(app).Text("settings.call_long_s") == "1000");  // someone else's change shows at once

    // Once the lead typed something, a push does not take it away.
    Fill(app, "settings.break_long_s", "1500");
    pushed.sets.version = 5;
    pushed.sets.center.call_long_s = 1100;
    pushed.applied.call_long_s = 1100;
    screen.log->inbox.push_back({K::Thresholds, ThresholdsDocToJson(pushed), kWall, 0, 0});
    AppView f = Step(app);
    CHECK(f.Text("settings.break_long_s") == "1500");
    CHECK(app.ui().thresholds.call_long_s == 1100);  // the screen itself uses the new set
}
