// The roster page's controller: the week's roster found and loaded, a hand edit shown with its
// coverage at once and sent as one change, a refused edit answered with the rule and the roster
// as the server keeps it, break decisions and adherence requested with the page's fields.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include "core/wfm/roster_json.h"
#include "ui/roster_controller.h"

using namespace cb;

namespace {

wfm::RosterDoc Doc() {
    wfm::RosterDoc d;
    d.id = 7;
    d.team = "a";
    d.version = 1;
    d.status = "draft";
    wfm::RosterProblem& p = d.problem;
    p.days = 7;
    p.start_date = "2026-01-05";
    p.interval_min = 60;
    p.shifts = {{"early", 7 * 60, 480, false, {}}, {"late", 14 * 60, 480, false, {}}};
    for (const char* k : {"1001", "1003"}) {
        wfm::RosterAgent a;
        a.key = k;
        a.skills = {"phone"};
        a.max_hours_week = 40;
        p.agents.push_back(a);
    }
    p.required["phone"] = std::vector<int>(7 * 24, 0);
    for (int h = 7; h < 15; ++h) p.required["phone"][static_cast<size_t>(h)] = 1;
    d.roster.shift = {{0, -1, -1, -1, -1, -1, -1}, {-1, -1, -1, -1, -1, -1, -1}};
    d.solve.status = "optimal";
    return d;
}

TransportMessage Answer(int tag, int status, std::string body) {
    TransportMessage m;
    m.kind = TransportMessage::Kind::Api;
    m.tag = tag;
    m.status = status;
    m.data = std::move(body);
    return m;
}

}  // namespace

TEST_CASE("roster page: the week's roster loaded; a hand edit shows its coverage at once and is sent") {
    std::vector<ApiRequest> sent;
    RosterController c([&](ApiRequest r) { sent.push_back(std::move(r)); });
    c.Open("a", "2026-01-07");  // a Wednesday: the week from Monday 5 January
    CHECK(std::string(c.state().week) == "2026-01-05");
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].path == "api/wfm/rosters?team=a");
    c.OnAnswer(Answer(sent[0].tag, 200,
                      wfm::RosterListToJson({{6, "a", "2026-01-05", "draft", 7, 2, "li", 1}, {7, "a", "2026-01-05", "published", 7, 1, "li", 1},
                                             {8, "a", "2025-12-29", "published", 7, 1, "li", 1}})));
    REQUIRE(sent.size() == 2);
    CHECK(sent[1].path == "api/wfm/rosters/7");  // the published one of the week
    c.OnAnswer(Answer(sent[1].tag, 200, wfm::RosterDocToJson(Doc(), {})));
    REQUIRE(c.state().has_roster);
    CHECK(c.state().stats.total_coverage[7] == 1);
    CHECK(c.state().stats.total_coverage[15] == 0);

    c.Edit(1, 0, 1);  // 1003 works the late on Monday
    CHECK(c.state().stats.total_coverage[15] == 1);  // at once, before any answer
    CHECK(c.state().stats.total_coverage[21] == 1);
    REQUIRE(sent.size() == 3);
    CHECK(sent[2].method == "PATCH");
    CHECK(sent[2].path == "api/wfm/rosters/7/assignments");
    CHECK(nlohmann::json::parse(sent[2].body) == nlohmann::json::parse(R"({"changes":[{"agent":"1003","day":0,"shift":"late"}]})"));

    // Refused: the rule is shown and the roster is asked for again.
    c.OnAnswer(Answer(sent[2].tag, 422, R"({"error":"the edit breaks a rule: x","path":"/p","why":["x"]})"));
    CHECK(c.state().error.status == 422);
    CHECK(c.state().why == std::vector<std::string>{"x"});
    REQUIRE(sent.size() == 4);
    CHECK(sent[3].path == "api/wfm/rosters/7");
    c.OnAnswer(Answer(sent[3].tag, 200, wfm::RosterDocToJson(Doc(), {})));
    CHECK(c.state().stats.total_coverage[15] == 0);
    CHECK(c.state().error.status == 422);  // still said

    // An answer to an older request is ignored.
    c.Command(RosterCommand::Publish);
    const int stale = sent.back().tag - 1;
    c.OnAnswer(Answer(stale, 200, "{}"));
    CHECK(c.state().loading);
}

TEST_CASE("roster page: no roster for the week; breaks and adherence asked for the day; bad dates caught here") {
    std::vector<ApiRequest> sent;
    RosterController c([&](ApiRequest r) { sent.push_back(std::move(r)); });
    c.Open("a b", "2026-01-05");
    c.OnAnswer(Answer(sent[0].tag, 200, wfm::RosterListToJson({})));
    CHECK(c.state().no_roster);
    CHECK_FALSE(c.state().has_roster);
    CHECK(sent[0].path == "api/wfm/rosters?team=a%20b");
    c.Command(RosterCommand::TabBreaks);
    CHECK(sent.back().path == "api/wfm/breaks?team=a%20b&date=2026-01-05");
    c.OnAnswer(Answer(sent.back().tag, 200, wfm::BreakRequestsToJson({{3, "1001", "a", 1767585600000, 15, "break", "requested"}}, {})));
    REQUIRE(c.state().requests.size() == 1);
    c.Decide(0, true);
    CHECK(sent.back().path == "api/wfm/breaks/3/approve");
    CHECK(sent.back().method == "POST");
    c.OnAnswer(Answer(sent.back().tag, 200, "{}"));
    CHECK(sent.back().path == "api/wfm/breaks?team=a%20b&date=2026-01-05");  // reloaded
    std::snprintf(c.state().day, sizeof c.state().day, "%s", "5 Jan");
    const size_t before = sent.size();
    c.Command(RosterCommand::TabAdherence);
    CHECK(c.state().bad_date);
    CHECK(sent.size() == before);
}

TEST_CASE("the roster change log in the reader's language, from its fields; an older English line as it is") {
    const auto name = [](const std::string& key) { return key == "1001" ? std::string("Wang") : key; };
    wfm::RosterLogEntry edit;
    edit.action = "edit";
    edit.start_date = "2026-01-05";
    edit.changes = {{"1001", 0, "", "short"}, {"1003", 2, "short", ""}};
    wfm::RosterLogEntry solve;
    solve.action = "solve";
    solve.team = "a";
    solve.start_date = "2026-01-05";
    solve.status = "optimal";
    solve.objective = 12;
    solve.gap = 0.0125;
    wfm::RosterLogEntry publish;
    publish.action = "publish";
    publish.version = 2;
    I18n en, zh;
    zh.lang = Lang::Zh;
    CHECK(RosterLogLine(en, edit, name) == "Wang on 2026-01-05: day off → short; 1003 on 2026-01-07: short → day off");
    CHECK(RosterLogLine(zh, edit, name) == "Wang 2026-01-05：休 → short；1003 2026-01-07：short → 休");
    CHECK(RosterLogLine(en, solve, name) == "the week from 2026-01-05: optimal, objective 12.0, gap 1.25 %");
    CHECK(RosterLogLine(zh, solve, name) == "自 2026-01-05 起的一周：最优，目标值 12.0，差距 1.25 %");
    CHECK(RosterLogLine(en, publish, name) == "version 2");
    CHECK(RosterLogLine(zh, publish, name) == "第 2 版");
    CHECK(std::string(RosterLogAction(zh, "publish")) == "已发布");
    CHECK(std::string(RosterLogAction(zh, "edit")) == "已修改");
    // The English line of the audit log and the API, from the same fields.
    CHECK(wfm::RosterLogText(edit) == "1001 2026-01-05+0: off -> short; 1003 2026-01-05+2: short -> off");
    CHECK(wfm::RosterLogText(solve) == "solved a from 2026-01-05: optimal, objective 12.0, gap 1.25 %");
    // Stored as fields and read back; an older line's text stays as it is in every language.
    wfm::RosterLogEntry back;
    back.action = "edit";
    wfm::RosterLogFieldsFromJson(wfm::RosterLogFieldsToJson(edit), &back);
    CHECK(back == edit);
    wfm::RosterLogEntry old;
    old.action = "edit";
    wfm::RosterLogFieldsFromJson("1001 2026-01-05+0: off -> short", &old);
    CHECK(old.detail == "1001 2026-01-05+0: off -> short");
    CHECK(RosterLogLine(zh, old, name) == "1001 2026-01-05+0: off -> short");
    // Through the API's document: the fields travel, the page renders them.
    std::vector<wfm::RosterLogEntry> log;
    wfm::RosterDoc doc;
    std::string error;
    REQUIRE_MESSAGE(wfm::RosterDocFromJson(wfm::RosterDocToJson(Doc(), {edit, solve, publish, old}), &doc, &log, &error), error);
    REQUIRE(log.size() == 4);
    CHECK(log[0] == edit);
    CHECK(log[1] == solve);
    CHECK(log[2] == publish);
    CHECK(log[3].detail == old.detail);
}
