// The agent scorecards and the incident report, headless over a whole DashboardApp: offered like
// the reconciliation page; a lead is offered their own teams only and the server's refusal shows
// as it says; the team table's requests, decoding, sorting by any column, medians and outlier
// marks; an agent's scorecard with its formula, counts and own previous periods; the incident
// window's request, its table and the supervisor's note: checked before sending, kept through a
// reconnect and a refusal, saved (POST) and edited (PUT); both languages.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include "core/report/report_json.h"
#include "core/snapshot_json.h"
#include "scripted_app.h"
#include "ui/incident_controller.h"
#include "ui/scorecard_controller.h"

using namespace cb;
using namespace cb::test;

namespace {

using K = TransportMessage::Kind;

const char* kLead = R"({"mode":"accounts","user":"wang","role":"lead","teams":["team_1"],"csrf":"w","expires_at_ms":0})";
const char* kQa = R"({"mode":"accounts","user":"qa1","role":"qa","teams":[],"csrf":"q","expires_at_ms":0})";
const char* kWallboard = R"({"mode":"accounts","user":"tv","role":"wallboard","teams":[],"csrf":"t","expires_at_ms":0})";
const char* kLocal = R"({"mode":"local","user":null,"role":"admin","teams":[]})";

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
    ApiRequest Last() const { return log->sent.back(); }
    void Answer(int status, std::string body) {
        log->inbox.push_back(ApiAnswer(log->sent.back().tag, status, std::move(body)));
    }
};

AgentPeriodCounts Agent(const std::string& key, int64_t handled, int64_t talk_avg_s, int64_t orders, int64_t value_cents) {
    AgentPeriodCounts a;
    a.agent = key;
    a.counts.handled = a.counts.answered = handled;
    a.counts.talk_ms = handled * talk_avg_s * 1000;
    a.counts.orders = orders;
    a.counts.order_value_cents = value_cents;
    a.counts.staffed_ms = handled > 0 ? 8 * 3600000LL : 0;
    return a;
}

// Team 1 in March: talk averages 200, 210, 190, 205 and 900 s (median 205 s, MAD 5 s: 900 s is
// marked above); 1006 is on leave (not active). 1002 sold one order of 20,000, 1003 five of 3,000.
TeamComparison Table() {
    const ReportGroupInfo team{"team_1", "Alpha", "一组", ""};
    std::vector<ReportGroupInfo> agents;
    for (const char* k : {"1001", "1002", "1003", "1004", "1005", "1006"})
        agents.push_back({k, std::string("Agent ") + k, std::string("座席") + k, "team_1"});
    std::vector<AgentPeriodCounts> period = {Agent("1001", 10, 200, 1, 500000), Agent("1002", 12, 210, 1, 2000000),
                                             Agent("1003", 8, 190, 5, 1500000), Agent("1004", 11, 205, 0, 0),
                                             Agent("1005", 9, 900, 2, 100000), Agent("1006", 0, 0, 0, 0)};
    return BuildTeamComparison(team, agents, period, {2026, 3, 1}, {2026, 3, 31}, "Asia/Shanghai");
}

Scorecard Card() {
    const TeamComparison t = Table();
    const auto previous = PreviousPeriods({2026, 3, 1}, {2026, 3, 31}, 2);
    std::vector<AgentPeriodCounts> history = {Agent("1005", 10, 300, 1, 10000), Agent("1005", 10, 600, 1, 10000),
                                              Agent("1005", 9, 900, 2, 100000)};
    return BuildScorecard(t, 4, previous, history);
}

// 2026-03-10 (a Tuesday) 10:30-11:00 at +08:00 against two previous Tuesdays.
IncidentReport Incident(std::vector<IncidentNote> notes = {}) {
    const auto utc = [](int d, int h, int m) { return (DaysFromCivil({2026, 3, d}) * 86400 + h * 3600 + m * 60) * 1000LL; };
    const auto calls = [](int64_t offered, int64_t within, int64_t abandoned) {
        KpiCounts c;
        c.offered = offered;
        c.answered = offered - abandoned;
        c.answered_within_t = within;
        c.abandoned = abandoned;
        c.staffed_ms = 3 * 900000LL;
        return c;
    };
    IncidentQuery q;
    q.date = {2026, 3, 10};
    q.from_min = 630;
    q.to_min = 660;
    q.weeks = 2;
    IncidentSource src;
    src.rows = {{utc(10, 2, 30), calls(30, 10, 10)}, {utc(10, 2, 45), calls(4, 4, 0)},
                {utc(3, 2, 30), calls(10, 9, 0)},    {utc(3, 2, 45), calls(6, 6, 0)}};
    src.week_has_data = {true, false};
    IncidentReport r = BuildIncidentReport(q, TimeZone::Fixed(480), src);
    r.notes = std::move(notes);
    return r;
}

}  // namespace

TEST_CASE("scorecards and incidents are offered like reconciliation; a lead is offered their own team only") {
    CHECK(Step(*Screen(kLead).app).Find("button.scorecards") != nullptr);
    CHECK(Step(*Screen(kLocal).app).Find("button.incident") != nullptr);
    CHECK(Step(*Screen(kWallboard).app).Find("button.scorecards") == nullptr);
    CHECK(Step(*Screen(kWallboard).app).Find("button.incident") == nullptr);
    CHECK(Step(*Screen(kLead, Lang::Zh).app).Text("button.scorecards") == "评分卡");
    CHECK(Step(*Screen(kLead, Lang::Zh).app).Text("button.incident") == "事件复盘");
    DashboardApp demo{DashboardOptions{}};
    demo.SetFonts(Harness::Get().fonts());
    CHECK(Step(demo).Find("button.scorecards") == nullptr);
    demo.Apply({UiAction::Kind::OpenScorecards, 1});
    CHECK_FALSE(demo.ui().scorecards_open);

    Screen lead(kLead);
    ClickItem(*lead.app, "button.scorecards");
    REQUIRE(lead.app->ui().scorecards_open);
    CHECK(Step(*lead.app).Text("scorecards.teams_offered") == "team_1");
    REQUIRE(lead.log->sent.size() == 1);
    const std::string today = lead.app->scorecards().to;
    CHECK(lead.Last().method == "GET");
    CHECK(lead.Last().path == "api/scorecards?team=team_1&from=" + today.substr(0, 8) + "01&to=" + today);

    Screen local(kLocal);
    ClickItem(*local.app, "button.scorecards");
    CHECK(Step(*local.app).Text("scorecards.teams_offered") == "team_1,team_2");
    // Opening another page closes this one.
    ClickItem(*local.app, "button.incident");
    CHECK(local.app->ui().incident_open);
    CHECK_FALSE(local.app->ui().scorecards_open);
}

TEST_CASE("scope: the team list of a lead, and the pure helpers") {
    std::vector<TeamInfo> teams = {{"a", "A", "甲", 0}, {"b", "B", "乙", 0}};
    SessionInfo lead;
    lead.accounts = true;
    lead.role = "lead";
    lead.teams = {"b"};
    REQUIRE(ScorecardTeams(teams, &lead).size() == 1);
    CHECK(ScorecardTeams(teams, &lead)[0]->key == "b");
    SessionInfo manager = lead;
    manager.role = "manager";
    CHECK(ScorecardTeams(teams, &manager).size() == 2);
    CHECK(ScorecardTeams(teams, nullptr).size() == 2);
    CHECK(ScorecardPath("SIP/8007", "2026-03-01", "2026-03-31", 6) == "api/scorecards/SIP%2F8007?from=2026-03-01&to=2026-03-31&periods=6");
    CHECK(TeamComparisonPath("a b", "2026-03-01", "2026-03-31") == "api/scorecards?team=a%20b&from=2026-03-01&to=2026-03-31");
    CHECK(IncidentPath("2026-03-10", "10:30", "11:45", 4, "sales, vip") ==
          "api/incidents?date=2026-03-10&from=10%3A30&to=11%3A45&weeks=4&queue=sales&queue=vip");
    CHECK(Utf8Chars("王芳 ok") == 5);
    CHECK(nlohmann::json::parse(NewNoteJson(1, 2, "断线 \"x\"")) == nlohmann::json{{"from_ms", 1}, {"to_ms", 2}, {"text", "断线 \"x\""}});

    // Sorting: by a figure largest first, "-" (no count) last either way; by name A to Z.
    const TeamComparison t = Table();
    const auto keys = [&](const std::vector<size_t>& order) {
        std::string out;
        for (size_t i : order) out += (out.empty() ? "" : ",") + t.agents[i].key;
        return out;
    };
    const int talk_avg = 1 + FindScoreFigure("talk_avg_ms");
    CHECK(keys(SortedAgents(t, talk_avg, true, false)) == "1005,1002,1004,1001,1003,1006");
    CHECK(keys(SortedAgents(t, talk_avg, false, false)) == "1003,1001,1004,1002,1005,1006");
    CHECK(keys(SortedAgents(t, 1 + FindScoreFigure("order_value_cents"), true, false)) == "1002,1003,1001,1005,1004,1006");
    CHECK(keys(SortedAgents(t, 0, true, false)) == "1006,1005,1004,1003,1002,1001");
}

TEST_CASE("the team table: decoded, medians, outliers both ways, sortable by any column; an agent's scorecard") {
    Screen screen(kLead);
    ClickItem(*screen.app, "button.scorecards");
    CHECK(Step(*screen.app).Text("scorecards.loading") == "Loading…");
    screen.Answer(200, TeamComparisonToJson(Table()));
    AppView f = Step(*screen.app);
    CHECK(f.Find("scorecards.loading") == nullptr);
    CHECK(f.Text("scorecards.summary") == "Alpha · 2026-03-01 to 2026-03-31 · 6 agents, 5 active · dates in Asia/Shanghai");
    CHECK(f.Text("scorecards.cell.1005.talk_avg_ms") == "15 min ▲");
    CHECK(f.Text("scorecards.cell.1002.talk_avg_ms") == "3 min 30 s");
    CHECK(f.Text("scorecards.cell.1006.talk_avg_ms") == "-");
    CHECK(f.Text("scorecards.cell.1002.order_value_cents") == "¥20,000");
    CHECK(f.Text("scorecards.cell.1003.orders") == "5");
    CHECK(f.Text("scorecards.median.talk_avg_ms") == "3 min 25 s");
    CHECK(f.Text("scorecards.total.calls_handled") == "50");
    CHECK(f.Text("scorecards.agent.1006") == "Agent 1006 (not active)");
    CHECK(f.Text("scorecards.order") == "1001,1002,1003,1004,1005,1006");

    // Sorting by a column, then the other way.
    ClickItem(*screen.app, "scorecards.sort.talk_avg_ms");
    f = Step(*screen.app);
    CHECK(f.Text("scorecards.order") == "1005,1002,1004,1001,1003,1006");
    CHECK(f.Text("scorecards.sort.talk_avg_ms") == "Average talk ▼");
    ClickItem(*screen.app, "scorecards.sort.talk_avg_ms");
    CHECK(Step(*screen.app).Text("scorecards.order") == "1003,1001,1004,1002,1005,1006");
    CHECK(screen.log->sent.size() == 1);  // sorting asks nothing

    // Hover a marked number: its formula, counts and the rule.
    f = Step(*screen.app);
    const ReportItem* cell = f.Find("scorecards.cell.1005.talk_avg_ms");
    REQUIRE(cell != nullptr);
    Keys hover;
    hover.mouse_x = cell->x + 4;
    hover.mouse_y = cell->y + cell->h / 2;
    Step(*screen.app, hover);
    f = Step(*screen.app, hover);
    const std::string tip = f.Text("scorecards.tooltip");
    CHECK(tip.find("Formula: talk_ms / handled") != std::string::npos);
    CHECK(tip.find("= 8100000 / 9 = 15 min") != std::string::npos);
    CHECK(tip.find("Team (5 active agents): median 3 min 25 s") != std::string::npos);
    CHECK(tip.find("|z| > 3.5") != std::string::npos);
    CHECK(tip.find("▲ above the team") != std::string::npos);

    // Clicking an agent opens the scorecard over the same dates.
    ClickItem(*screen.app, "scorecards.agent.1005");
    REQUIRE(screen.log->sent.size() == 2);
    const std::string from = screen.app->scorecards().from, to = screen.app->scorecards().to;
    CHECK(screen.Last().path == "api/scorecards/1005?from=" + from + "&to=" + to + "&periods=6");
    screen.Answer(200, ScorecardToJson(Card()));
    f = Step(*screen.app);
    CHECK(f.Text("scorecard.summary") == "Agent 1005 (Alpha) · 2026-03-01 to 2026-03-31 · dates in Asia/Shanghai");
    CHECK(f.Text("scorecard.value.talk_avg_ms") == "15 min");
    CHECK(f.Text("scorecard.median.talk_avg_ms") == "3 min 25 s");
    CHECK(f.Text("scorecard.outlier.talk_avg_ms") == "above");
    CHECK(f.Text("scorecard.outlier.calls_handled") == "");
    CHECK(f.Text("scorecard.series.talk_avg_ms") == "5 min,10 min,15 min");
    CHECK(f.Text("scorecard.value.order_value_avg_cents") == "¥500");
    ClickItem(*screen.app, "scorecard.back");
    CHECK(Step(*screen.app).Find("scorecards.cell.1005.talk_avg_ms") != nullptr);
}

TEST_CASE("scorecards: dates checked first; the server's refusal shown clearly; Chinese") {
    Screen screen(kLocal, Lang::Zh);
    ClickItem(*screen.app, "button.scorecards");
    REQUIRE(screen.log->sent.size() == 1);
    CHECK(Step(*screen.app).Text("scorecards.title") == "座席评分卡");
    screen.Answer(403, R"j({"error":"team: team 'team_1' is not one of your teams","code":"forbidden","field":"team"})j");
    AppView f = Step(*screen.app);
    CHECK(f.Text("scorecards.error") == "您的角色无权查看：team: team 'team_1' is not one of your teams");
    CHECK(f.Find("scorecards.summary") == nullptr);
    Fill(*screen.app, "scorecards.to", "2026-02-30");
    ClickItem(*screen.app, "scorecards.run");
    CHECK(screen.log->sent.size() == 1);
    CHECK(Step(*screen.app).Text("scorecards.error") == "请按 YYYY-MM-DD 格式输入日期。");
    Fill(*screen.app, "scorecards.from", "2026-03-31");
    Fill(*screen.app, "scorecards.to", "2026-03-01");
    ClickItem(*screen.app, "scorecards.run");
    CHECK(Step(*screen.app).Text("scorecards.error") == "结束日期早于开始日期。");
    CHECK(screen.log->sent.size() == 1);
    Fill(*screen.app, "scorecards.from", "2026-03-01");
    Fill(*screen.app, "scorecards.to", "2026-03-31");
    ClickItem(*screen.app, "scorecards.run");
    REQUIRE(screen.log->sent.size() == 2);
    CHECK(screen.Last().path == "api/scorecards?team=team_1&from=2026-03-01&to=2026-03-31");
    screen.Answer(200, TeamComparisonToJson(Table()));
    f = Step(*screen.app);
    CHECK(f.Find("scorecards.error") == nullptr);
    CHECK(f.Text("scorecards.agent.1001") == "座席1001");
    CHECK(f.Text("scorecards.cell.1005.talk_avg_ms") == "15 分钟 ▲");
    CHECK(f.Text("scorecards.sort.complaints") == "投诉数");
}

TEST_CASE("the incident report: the window asked, the table and chart, checked before sending") {
    Screen screen(kLead);
    ClickItem(*screen.app, "button.incident");
    REQUIRE(screen.app->ui().incident_open);
    REQUIRE(screen.log->sent.size() == 1);
    const IncidentState& s = screen.app->incident();
    CHECK(screen.Last().path == std::string("api/incidents?date=") + s.date + "&from=" + std::string(s.from).replace(2, 1, "%3A") +
                                    "&to=" + std::string(s.to).replace(2, 1, "%3A") + "&weeks=4");
    screen.Answer(200, IncidentReportToJson(Incident()));
    AppView f = Step(*screen.app);
    CHECK(f.Text("incident.summary") == "2026-03-10 10:30 to 11:00, whole center · against 2026-03-03, 2026-02-24 (no data)");
    CHECK(f.Text("incident.cell.0.offered") == "30 | typ 10 · med 10");
    CHECK(f.Text("incident.cell.window.offered") == "34 | typ 16 · med 16");
    CHECK(f.Text("incident.chart") == "30,4");
    CHECK(f.Text("incident.no_notes") == "No note about this window yet.");

    Fill(*screen.app, "incident.from", "11:00");
    Fill(*screen.app, "incident.to", "10:30");
    ClickItem(*screen.app, "incident.run");
    CHECK(Step(*screen.app).Text("incident.error") == "The end time must be after the start time.");
    Fill(*screen.app, "incident.to", "25:00");
    ClickItem(*screen.app, "incident.run");
    CHECK(Step(*screen.app).Text("incident.error") == "Enter the times as HH:MM (00:00 to 24:00).");
    CHECK(screen.log->sent.size() == 1);
    Fill(*screen.app, "incident.date", "2026-03-10");
    Fill(*screen.app, "incident.from", "10:30");
    Fill(*screen.app, "incident.to", "11:00");
    Fill(*screen.app, "incident.queues", "sales");
    ClickItem(*screen.app, "incident.run");
    REQUIRE(screen.log->sent.size() == 2);
    CHECK(screen.Last().path == "api/incidents?date=2026-03-10&from=10%3A30&to=11%3A00&weeks=4&queue=sales");
}

TEST_CASE("an incident note: checked, kept through a reconnect and a refusal, saved, then edited") {
    Screen screen(kLead);
    ClickItem(*screen.app, "button.incident");
    screen.Answer(200, IncidentReportToJson(Incident()));
    Step(*screen.app);
    const IncidentReport shown = Incident();

    ClickItem(*screen.app, "incident.note_save");
    CHECK(Step(*screen.app).Text("incident.note_error") == "Write the note first: it is empty.");
    CHECK(screen.log->sent.size() == 1);

    ClickItem(*screen.app, "incident.note_text");
    Type(*screen.app, "Trunk down 10:38");
    CHECK(std::string(screen.app->incident().note) == "Trunk down 10:38");
    // The stream drops and comes back: the text stays.
    screen.log->inbox.push_back({K::Disconnected, "gone", kWall, 0, 0});
    Step(*screen.app);
    screen.log->inbox.push_back({K::Connected, "", kWall, 0, 0});
    screen.log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
    Step(*screen.app);
    CHECK(Step(*screen.app).Text("incident.note_text") == "Trunk down 10:38");

    ClickItem(*screen.app, "incident.note_save");
    REQUIRE(screen.log->sent.size() == 2);
    CHECK(screen.Last().method == "POST");
    CHECK(screen.Last().path == "api/incidents/notes");
    CHECK(screen.Last().csrf == "w");
    CHECK(nlohmann::json::parse(screen.Last().body) ==
          nlohmann::json{{"from_ms", shown.from_ms}, {"to_ms", shown.to_ms}, {"text", "Trunk down 10:38"}});
    // Refused: said next to the field, the text kept.
    screen.Answer(400, R"j({"error":"text: at most 10000 characters","code":"invalid","field":"text"})j");
    AppView f = Step(*screen.app);
    CHECK(f.Text("incident.note_error") == "The server refused: text: at most 10000 characters");
    CHECK(f.Text("incident.note_text") == "Trunk down 10:38");

    ClickItem(*screen.app, "incident.note_save");
    REQUIRE(screen.log->sent.size() == 3);
    IncidentNote saved{7, shown.from_ms, shown.to_ms, "Trunk down 10:38", "wang", kWall, "wang", kWall, 1};
    screen.Answer(201, IncidentNoteToJson(saved));
    f = Step(*screen.app);
    CHECK(f.Text("incident.note.7") == "Trunk down 10:38");
    CHECK(f.Text("incident.note_text") == "");
    CHECK(f.Text("incident.note_saved") == "Saved. Every revision is kept and the change is audited.");

    // Edit it: the text comes into the field, PUT with the new text.
    ClickItem(*screen.app, "incident.note.7.edit");
    f = Step(*screen.app);
    CHECK(f.Text("incident.note_heading") == "Editing note #7");
    CHECK(f.Text("incident.note_text") == "Trunk down 10:38");
    ClickItem(*screen.app, "incident.note_text");
    Type(*screen.app, "-11:20");
    ClickItem(*screen.app, "incident.note_save");
    REQUIRE(screen.log->sent.size() == 4);
    CHECK(screen.Last().method == "PUT");
    CHECK(screen.Last().path == "api/incidents/notes/7");
    CHECK(nlohmann::json::parse(screen.Last().body) == nlohmann::json{{"text", "Trunk down 10:38-11:20"}});
    saved.text = "Trunk down 10:38-11:20";
    saved.revision = 2;
    // The report is asked again meanwhile: the field and the answer both arrive intact.
    screen.Answer(200, IncidentNoteToJson(saved));
    f = Step(*screen.app);
    CHECK(f.Text("incident.note.7") == "Trunk down 10:38-11:20");
    CHECK(f.Text("incident.note.7.meta").find("revision 2") != std::string::npos);
    CHECK(f.Text("incident.note_heading") == "New note about this window");
}

TEST_CASE("incident notes: read-only roles see no editor; Chinese labels") {
    Screen qa(kQa, Lang::Zh);
    ClickItem(*qa.app, "button.incident");
    IncidentNote n{3, 0, 1, "系统故障，王芳已上报", "li", kWall, "li", kWall, 1};
    qa.Answer(200, IncidentReportToJson(Incident({n})));
    AppView f = Step(*qa.app);
    CHECK(f.Text("incident.title") == "事件复盘报告");
    CHECK(f.Text("incident.note.3") == "系统故障，王芳已上报");
    CHECK(f.Find("incident.note.3.edit") == nullptr);
    CHECK(f.Find("incident.note_text") == nullptr);
    CHECK(f.Text("incident.notes_read_only") == "您的角色可以查看但不能填写这些记录。");
    CHECK(f.Text("incident.cell.0.offered") == "30 | 典 10 · 中 10");
    // A lead may edit only their own notes.
    Screen lead(kLead);
    ClickItem(*lead.app, "button.incident");
    IncidentNote mine{4, 0, 1, "mine", "wang", kWall, "wang", kWall, 1};
    lead.Answer(200, IncidentReportToJson(Incident({n, mine})));
    f = Step(*lead.app);
    CHECK(f.Find("incident.note.3.edit") == nullptr);
    CHECK(f.Find("incident.note.4.edit") != nullptr);
}
