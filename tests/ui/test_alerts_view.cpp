// Alerts on screen, headless over a whole DashboardApp (docs/alerts.md): the alerts asked every
// 2 s while signed in; the banner of the alerts routed to the user with acknowledge / snooze /
// resolve when they may act (the request's body checked); the sound asked once per newly firing
// alert; the wallboard's panel; the alerts page with its rules (a manager adds one through the
// form: a mistake shown before anything is sent, the server's refusal under the form, the
// request's JSON checked) and the history; both languages.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include "core/snapshot_json.h"
#include "scripted_app.h"

using namespace cb;
using namespace cb::test;

namespace {

using K = TransportMessage::Kind;
using nlohmann::json;

const char* kLead = R"({"mode":"accounts","user":"wang","role":"lead","teams":["team_1"],"csrf":"w","expires_at_ms":0})";
const char* kManager = R"({"mode":"accounts","user":"mona","role":"manager","teams":[],"csrf":"m","expires_at_ms":0})";
const char* kQa = R"({"mode":"accounts","user":"qiu","role":"qa","teams":[],"csrf":"q","expires_at_ms":0})";

// One alert routed to wang (agent 1004 of team_1 not ready) and the center's queue alert.
std::string Alerts(int64_t since) {
    return R"({"version":3,"alerts":[{"rule_id":2,"rule_name":"Not ready too long","subject":{"kind":"agent","key":"1004","team":"team_1"},
      "state":"firing","severity":"critical","value":1200,"metric":"agent_state_s","since_ms":)" +
           std::to_string(since) + R"(,"snoozed_until_ms":0,"by":"","flapping":false,"flap_percent":0,"sound":true,"may_act":true}],
     "center":[{"rule_id":1,"rule_name":"Callers wait","subject":{"kind":"queue","key":"orders","team":""},
      "state":"acknowledged","severity":"warning","value":75,"metric":"oldest_wait_s","since_ms":)" +
           std::to_string(since) + R"(,"snoozed_until_ms":0,"by":"mona","flapping":false,"flap_percent":0,"sound":true},
     {"rule_id":2,"rule_name":"Not ready too long","subject":{"kind":"agent","key":"1004","team":"team_1"},
      "state":"firing","severity":"critical","value":1200,"metric":"agent_state_s","since_ms":)" +
           std::to_string(since) + R"(,"snoozed_until_ms":0,"by":"","flapping":false,"flap_percent":0,"sound":true}]})";
}

const char* kRules = R"({"may_edit":true,"rules":[{"id":1,"name":"Callers wait","enabled":true,"scope":"queue","scope_key":"orders",
  "conditions":[{"metric":"oldest_wait_s","comparator":"above","warning":60,"critical":120,"clear":45}],
  "pending_s":30,"cooldown_s":300,"flap_sample_s":30,"flap_high":50,"flap_low":25,"sound":true}]})";

const char* kHistory = R"({"history":[{"id":5,"at_ms":1700000000000,"rule_id":1,"rule_name":"Callers wait",
  "subject":{"kind":"queue","key":"orders","team":""},"from":"firing","to":"acknowledged","severity":"warning",
  "value":75,"user":"mona","note":"","notify":false,"flapping":false}]})";

struct Screen {
    std::shared_ptr<RecordingTransport::Log> log = std::make_shared<RecordingTransport::Log>();
    std::unique_ptr<DashboardApp> app;
    int sounds = 0;
    Screen(const char* session, Lang lang) {
        DashboardOptions options;
        options.transport = std::make_unique<RecordingTransport>(log);
        options.lang = lang;
        options.play_alert_sound = [this] { ++sounds; };
        app = std::make_unique<DashboardApp>(std::move(options));
        app->SetFonts(Harness::Get().fonts());
        log->inbox.push_back({K::Session, session, kWall, 200, 0});
        Step(*app);
        log->inbox.push_back({K::Connected, "", kWall, 0, 0});
        log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
        Step(*app);
    }
    // One frame at a later wall time (the poll asks again 2 s after the last ask).
    void StepAt(int64_t wall) {
        BeginInput(Keys{});
        ImGui::NewFrame();
        app->Frame(wall);
        ImGui::Render();
    }
    // Answers the outstanding alerts poll.
    void AnswerPoll(int status, const std::string& body) {
        REQUIRE(!log->alert_polls.empty());
        log->inbox.push_back(ApiAnswer(log->alert_polls.back().tag, status, body));
        Step(*app);
    }
};

}  // namespace

TEST_CASE("the banner shows the alerts routed to a lead; acknowledge sends the alert's rule and subject") {
    Screen screen(kLead, Lang::En);
    REQUIRE(screen.log->alert_polls.size() == 1);
    CHECK(screen.log->alert_polls[0].path == "api/alerts");
    screen.AnswerPoll(200, Alerts(kNow - 20 * 60000));
    AppView f = Step(*screen.app);
    REQUIRE(f.Find("alert.banner") != nullptr);
    CHECK(f.Text("alert.banner") == "1");
    const std::string line = f.Text("alert.0");
    CHECK(line.find("[Critical] Not ready too long") == 0);
    CHECK(line.find("Liu Yang · Agent's time in a state (s) = 1200 s") != std::string::npos);
    CHECK(line.find("Firing since") != std::string::npos);
    CHECK(f.Text("button.alert_ack.0") == "Acknowledge");
    CHECK(screen.sounds == 0);  // the alerts already firing when the screen opened make no sound

    ClickItem(*screen.app, "button.alert_ack.0");
    REQUIRE(screen.log->sent.size() == 1);
    const ApiRequest ack = screen.log->sent.back();
    CHECK(ack.method == "POST");
    CHECK(ack.path == "api/alerts/ack");
    CHECK(json::parse(ack.body) == json::parse(R"({"rule_id":2,"subject":{"kind":"agent","key":"1004"}})"));
    // A refusal is shown on the banner.
    screen.log->inbox.push_back(ApiAnswer(ack.tag, 403, R"({"error":"this alert concerns team 'team_2', not one you lead"})"));
    f = Step(*screen.app);
    CHECK(f.Text("alert.error") == "this alert concerns team 'team_2', not one you lead");

    ClickItem(*screen.app, "button.alert_snooze.0");
    REQUIRE(screen.log->sent.size() == 2);
    CHECK(screen.log->sent.back().path == "api/alerts/snooze");
    CHECK(json::parse(screen.log->sent.back().body)["minutes"] == 15);
    ClickItem(*screen.app, "button.alert_resolve.0");
    CHECK(screen.log->sent.back().path == "api/alerts/resolve");
}

TEST_CASE("a newly firing alert asks for the sound once; the panel's button turns it off") {
    Screen screen(kManager, Lang::En);
    screen.AnswerPoll(200, R"({"version":1,"alerts":[],"center":[]})");
    CHECK(screen.sounds == 0);
    screen.StepAt(kWall + 1000);
    CHECK(screen.log->alert_polls.size() == 1);  // not yet: every 2 s
    screen.StepAt(kWall + 2000);
    REQUIRE(screen.log->alert_polls.size() == 2);
    screen.AnswerPoll(200, Alerts(kNow));
    Step(*screen.app);
    CHECK(screen.sounds == 1);
    // The same alert again: no second sound.
    screen.StepAt(kWall + 4000);
    REQUIRE(screen.log->alert_polls.size() == 3);
    screen.AnswerPoll(200, Alerts(kNow));
    CHECK(screen.sounds == 1);
    // The wallboard's panel lists the center's alerts.
    AppView f = Step(*screen.app);
    CHECK(f.Text("alerts.panel") == "Active alerts: 2");
    CHECK(f.Text("alerts.panel.0").find("[Warning] Callers wait · Orders · Oldest wait (s) = 75 s · Acknowledged") == 0);
    CHECK(f.Text("alerts.panel.0").find("by mona") != std::string::npos);
    ClickItem(*screen.app, "button.alert_sound");
    CHECK_FALSE(screen.app->alerts().sound);
    CHECK(Step(*screen.app).Text("button.alert_sound") == "Sound: off");
    // TV mode (a kiosk's wallboard): the active alerts on every page.
    ClickItem(*screen.app, "button.tv");
    REQUIRE(screen.app->ui().tv_mode);
    f = Step(*screen.app);
    CHECK(f.Text("tv.alert.1").find("[Critical] Not ready too long · Liu Yang") == 0);
    CHECK(f.Find("alerts.panel") == nullptr);
    ClickItem(*screen.app, "button.exit_tv");
    // A new firing alert with the sound off: silent.
    screen.StepAt(kWall + 6000);
    REQUIRE(screen.log->alert_polls.size() == 4);
    screen.AnswerPoll(200, Alerts(kNow + 5000));
    CHECK(screen.sounds == 1);
}

TEST_CASE("roles without alerts: the server's 403 leaves no banner, no panel and no alerts page") {
    Screen screen(kQa, Lang::En);
    screen.AnswerPoll(403, R"({"error":"not allowed for role 'qa'"})");
    AppView f = Step(*screen.app);
    CHECK(f.Find("alert.banner") == nullptr);
    CHECK(f.Find("alerts.panel") == nullptr);
    CHECK(f.Find("button.alert_history") == nullptr);
}

TEST_CASE("the alerts page: a manager adds a rule through the form, checked before sending; the history") {
    Screen screen(kManager, Lang::En);
    screen.AnswerPoll(200, R"({"version":1,"alerts":[],"center":[]})");
    ClickItem(*screen.app, "button.alert_history");
    REQUIRE(screen.app->ui().alert_history_open);
    REQUIRE(screen.log->sent.size() == 2);
    CHECK(screen.log->sent[0].path == "api/alerts/rules");
    CHECK(screen.log->sent[1].path == "api/alerts/history?limit=200");
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent[0].tag, 200, kRules));
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent[1].tag, 200, kHistory));
    AppView f = Step(*screen.app);
    CHECK(f.Text("alert_rules.row.0") ==
          "Callers wait|Orders|Oldest wait (s) above 60 (critical 120, clears 45)|pending 30 s · notify at most every 300 s");
    CHECK(f.Text("alert_history.row.0").find("|Callers wait|Orders|firing>acknowledged|mona") != std::string::npos);

    ClickItem(*screen.app, "button.alert_rule_new");
    REQUIRE(screen.app->alerts().form.open);
    Fill(*screen.app, "alert_rule.name", "Long calls");
    // A clear threshold above the warning one: refused here, under the form, nothing sent.
    Fill(*screen.app, "alert_rule.cond.0.clear", "90");
    ClickItem(*screen.app, "button.alert_rule_save");
    CHECK(screen.log->sent.size() == 2);
    f = Step(*screen.app);
    CHECK(f.Text("alert_rule.error") == "conditions[0].clear: must be at most the warning threshold");
    Fill(*screen.app, "alert_rule.cond.0.clear", "50");
    ClickItem(*screen.app, "button.alert_rule_add_condition");
    CHECK(screen.app->alerts().form.n_conds == 2);
    ClickItem(*screen.app, "button.alert_rule_save");
    REQUIRE(screen.log->sent.size() == 3);
    const ApiRequest add = screen.log->sent.back();
    CHECK(add.method == "POST");
    CHECK(add.path == "api/alerts/rules");
    const json body = json::parse(add.body);
    CHECK(body["name"] == "Long calls");
    CHECK(body["scope"] == "center");
    CHECK(body["conditions"].size() == 2);
    CHECK(body["conditions"][0]["clear"] == 50);
    CHECK(body["conditions"][0]["warning"] == 60);
    CHECK_FALSE(body.contains("id"));
    // The server refuses: its field and reason shown, the form kept.
    screen.log->inbox.push_back(ApiAnswer(add.tag, 400, R"({"error":"at most 200 alert rules","field":""})"));
    f = Step(*screen.app);
    CHECK(f.Text("alert_rule.error") == "at most 200 alert rules");
    CHECK(f.Text("alert_rule.name") == "Long calls");
    ClickItem(*screen.app, "button.alert_rule_save");
    REQUIRE(screen.log->sent.size() == 4);
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent.back().tag, 201, R"({"id":2})"));
    Step(*screen.app);
    CHECK_FALSE(screen.app->alerts().form.open);
    REQUIRE(screen.log->sent.size() == 5);
    CHECK(screen.log->sent.back().path == "api/alerts/rules");  // the list asked again

    // Edit the stored rule: PUT with its id; delete: DELETE.
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent.back().tag, 200, kRules));
    Step(*screen.app);
    ClickItem(*screen.app, "button.alert_rule_edit.0");
    CHECK(Step(*screen.app).Text("alert_rule.name") == "Callers wait");
    CHECK(Step(*screen.app).Text("alert_rule.scope_key") == "Orders");
    ClickItem(*screen.app, "button.alert_rule_save");
    CHECK(screen.log->sent.back().method == "PUT");
    CHECK(screen.log->sent.back().path == "api/alerts/rules/1");
    ClickItem(*screen.app, "button.alert_rule_delete.0");
    CHECK(screen.log->sent.back().method == "DELETE");
    CHECK(screen.log->sent.back().path == "api/alerts/rules/1");
}

TEST_CASE("the alerts page in Chinese; a lead reads the rules without the form") {
    Screen screen(kLead, Lang::Zh);
    screen.AnswerPoll(200, R"({"version":1,"alerts":[],"center":[]})");
    CHECK(Step(*screen.app).Text("button.alert_history") == "告警");
    ClickItem(*screen.app, "button.alert_history");
    REQUIRE(screen.log->sent.size() == 2);
    std::string rules = kRules;
    rules.replace(rules.find("\"may_edit\":true"), 15, "\"may_edit\":false");
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent[0].tag, 200, rules));
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent[1].tag, 200, kHistory));
    AppView f = Step(*screen.app);
    CHECK(f.Text("alert_rules.title") == "告警规则");
    CHECK(f.Text("alert_rules.row.0") == "Callers wait|订单|最长等待（秒）高于 60（紧急 120，解除 45）|等待 30 秒 · 通知间隔至少 300 秒");
    CHECK(f.Find("button.alert_rule_new") == nullptr);
    CHECK(f.Find("button.alert_rule_edit.0") == nullptr);
    CHECK(f.Text("alert_history.title") == "告警历史");
    // Another page closes the alerts page (one page at a time).
    ClickItem(*screen.app, "button.report_files");
    CHECK_FALSE(screen.app->ui().alert_history_open);
}
