// Rosters, breaks and adherence over HTTP against a real server (admin_server.h: team a holds
// agents 1001 and 1003, team b agent 1002; wang leads a; the center is at UTC+8, now Monday
// 2026-01-05 12:00 local): who may, a week solved from the stored setup, hand edits with
// coverage recomputed and rules kept, publishing and versions, break requests with the what-if
// and allowances, and the adherence worked example of wfm_cases.md.
#include <doctest/doctest.h>

#include "admin_server.h"
#include "core/report/report_csv.h"
#include "core/report/report_json.h"
#include "server/admin/report_service.h"
#include "server/store/store_reports.h"
#include "server/store/sqlite_db.h"

using cbtest::AdminServer;
using cbtest::Answer;
using cbtest::Call;
using nlohmann::json;

namespace {

// Team a's setup: one 1-hour shift at 09:00, one agent needed 09:00-10:00 every day (hourly).
json Setup(const std::string& second_agent = "1003") {
    json need = json::array();
    for (int d = 0; d < 7; ++d) {
        std::vector<int> day(24, 0);
        day[9] = 1;
        need.push_back(day);
    }
    return {{"days", 7},
            {"first_weekday", "mon"},
            {"interval_min", 60},
            {"shifts", {{{"name", "short"}, {"start", "09:00"}, {"hours", 1}}, {{"name", "late"}, {"start", "14:00"}, {"hours", 1}}}},
            {"agents", {{{"key", "1001"}, {"skills", {"phone"}}, {"min_hours_week", 0}, {"max_hours_week", 40}},
                        {{"key", second_agent}, {"skills", {"phone"}}, {"min_hours_week", 0}, {"max_hours_week", 40}}}},
            {"required", {{"phone", need}}}};
}

constexpr int64_t kNine = 1767574800000;  // 2026-01-05 09:00 at UTC+8

}  // namespace

TEST_CASE("rosters over HTTP: who may, solved from the setup, edited by hand, published with versions, audited") {
    AdminServer server;
    const std::string root = server.Token("root"), wang = server.Token("wang"), mona = server.Token("mona");
    for (const char* user : {"qiu", "tina", "tv"}) {
        CAPTURE(user);
        CHECK(Call(server, "GET", "/api/wfm/rosters?team=a", server.Token(user)).status == 403);
    }
    CHECK(Call(server, "GET", "/api/wfm/rosters?team=a", "").status == 401);
    CHECK(Call(server, "GET", "/api/wfm/rosters?team=b", wang).status == 403);  // a lead: own team only
    CHECK(Call(server, "GET", "/api/wfm/rosters?team=b", mona).status == 200);

    // The setup: checked against the directory and the rules; nothing stored on a mistake.
    Answer a = Call(server, "PUT", "/api/wfm/setup?team=a", wang, Setup("1002").dump());
    CHECK(a.status == 400);
    CHECK(a.body["error"] == "agents[1].key: '1002' is not an agent of team 'a'");
    CHECK(Call(server, "GET", "/api/wfm/setup?team=a", wang).status == 404);
    json bad = Setup();
    bad["shifts"][0]["start"] = "9am";
    CHECK(Call(server, "PUT", "/api/wfm/setup?team=a", wang, bad.dump()).body["error"] == "shifts[0].start: '9am' is not a time 00:00-23:59");
    REQUIRE(Call(server, "PUT", "/api/wfm/setup?team=a", wang, Setup().dump()).status == 200);
    CHECK(Call(server, "GET", "/api/wfm/setup?team=a", wang).body["problem"]["agents"].size() == 2);
    CHECK(server.Audit("wfm_setup").size() == 1);

    // A day off by date, then a week solved: 1001 is off on Wednesday 7 January.
    REQUIRE(Call(server, "POST", "/api/wfm/days-off", wang, R"({"agent":"1001","date":"2026-01-07","note":""})").status == 200);
    CHECK(Call(server, "POST", "/api/wfm/days-off", wang, R"({"agent":"1002","date":"2026-01-07","note":""})").status == 403);
    a = Call(server, "POST", "/api/wfm/rosters", wang, R"({"team":"a","start_date":"2026-01-05","time_limit_s":10})");
    REQUIRE_MESSAGE(a.status == 201, a.body.dump());
    const int64_t id = a.body["id"];
    CHECK(a.body["status"] == "draft");
    CHECK(a.body["version"] == 1);
    CHECK(a.body["result"]["checks"].empty());
    CHECK(a.body["result"]["solve"]["status"] == "optimal");
    CHECK(a.body["result"]["understaffed_agent_intervals"] == 0);
    // Exactly one "short" a day (more costs staffed hours, fewer leaves 09:00 short), 1001 off Wednesday.
    std::vector<int> per_day(7, 0);
    for (const json& row : a.body["assignments"]) {
        for (int d = 0; d < 7; ++d) per_day[static_cast<size_t>(d)] += row["shifts"][static_cast<size_t>(d)] == "short";
        if (row["agent"] == "1001") CHECK(row["shifts"][2].is_null());
    }
    CHECK(per_day == std::vector<int>(7, 1));
    CHECK(a.body["result"]["coverage"]["total"][9] == 1);

    // Hand edits: 1001 works the short on Monday, 1003 is off; coverage follows at once.
    json edit{{"changes", {{{"agent", "1001"}, {"day", 0}, {"shift", "short"}}, {{"agent", "1003"}, {"day", 0}, {"shift", nullptr}}}}};
    a = Call(server, "PATCH", "/api/wfm/rosters/" + std::to_string(id) + "/assignments", wang, edit.dump());
    REQUIRE_MESSAGE(a.status == 200, a.body.dump());
    CHECK(a.body["result"]["coverage"]["total"][9] == 1);
    CHECK(a.body["result"]["solve"]["status"] == "hand");
    edit = {{"changes", {{{"agent", "1003"}, {"day", 0}, {"shift", "short"}}}}};
    a = Call(server, "PATCH", "/api/wfm/rosters/" + std::to_string(id) + "/assignments", wang, edit.dump());
    REQUIRE(a.status == 200);
    CHECK(a.body["result"]["coverage"]["total"][9] == 2);  // both at 09:00 on Monday
    // A rule an edit may not break: 1001's day off.
    edit = {{"changes", {{{"agent", "1001"}, {"day", 2}, {"shift", "short"}}}}};
    a = Call(server, "PATCH", "/api/wfm/rosters/" + std::to_string(id) + "/assignments", wang, edit.dump());
    CHECK(a.status == 422);
    CHECK(a.body["why"].size() == 1);
    edit = {{"changes", {{{"agent", "zz"}, {"day", 2}, {"shift", "short"}}}}};
    CHECK(Call(server, "PATCH", "/api/wfm/rosters/" + std::to_string(id) + "/assignments", wang, edit.dump()).body["error"] ==
          "changes[0].agent: 'zz' is not in this roster");
    edit = {{"changes", {{{"agent", "1003"}, {"day", 0}, {"shift", nullptr}}}}};
    REQUIRE(Call(server, "PATCH", "/api/wfm/rosters/" + std::to_string(id) + "/assignments", wang, edit.dump()).status == 200);

    // Published; a second version supersedes it when published.
    a = Call(server, "POST", "/api/wfm/rosters/" + std::to_string(id) + "/publish", wang);
    REQUIRE(a.status == 200);
    CHECK(a.body["status"] == "published");
    CHECK(a.body["published_by"] == "wang");
    CHECK(Call(server, "POST", "/api/wfm/rosters/" + std::to_string(id) + "/publish", wang).status == 409);
    const json log = a.body["log"];
    REQUIRE(log.size() == 5);
    CHECK(log[0]["action"] == "solve");
    CHECK(log[1]["detail"] == "1001 2026-01-05+0: off -> short; 1003 2026-01-05+0: short -> off");
    CHECK(log[4]["action"] == "publish");
    // The change log keeps fields, so each reader sees it in their language (the Roster page's
    // translation table); "detail" is the English line, as the audit log has it.
    CHECK(log[1]["fields"] == json::parse(R"({"start_date":"2026-01-05","changes":[{"agent":"1001","day":0,"from":null,"to":"short"},)"
                                          R"({"agent":"1003","day":0,"from":"short","to":null}]})"));
    CHECK(log[4]["fields"] == json{{"version", 1}});
    CHECK(log[4]["detail"] == "version 1 published");
    CHECK(log[0]["fields"]["team"] == "a");
    CHECK(log[0]["fields"]["start_date"] == "2026-01-05");
    const auto edits = server.Audit("wfm_roster_edit");
    REQUIRE(edits.size() == 3);
    CHECK(edits.front().detail == "roster " + std::to_string(id) + ": 1001 2026-01-05+0: off -> short; 1003 2026-01-05+0: short -> off");
    CHECK(edits.back().detail == "roster " + std::to_string(id) + ": 1003 2026-01-05+0: short -> off");
    {
        // A line stored before the fields were kept (English text): shown as it is.
        cb::sql::Db db;
        REQUIRE(db.Open(server.db).ok());
        REQUIRE(db.Exec("INSERT INTO wfm_roster_log (roster, t_ms, user, action, detail) VALUES (" + std::to_string(id) +
                        ", 9999999999999, 'old', 'edit', '1001 2026-01-05+1: off -> short')")
                    .ok());
    }
    const json old = Call(server, "GET", "/api/wfm/rosters/" + std::to_string(id), wang).body["log"].back();
    CHECK(old["detail"] == "1001 2026-01-05+1: off -> short");
    CHECK_FALSE(old.contains("fields"));
    a = Call(server, "POST", "/api/wfm/rosters", mona, R"({"team":"a","start_date":"2026-01-05"})");
    REQUIRE(a.status == 201);
    CHECK(a.body["version"] == 2);
    const int64_t id2 = a.body["id"];
    REQUIRE(Call(server, "POST", "/api/wfm/rosters/" + std::to_string(id2) + "/publish", mona).status == 200);
    a = Call(server, "GET", "/api/wfm/rosters?team=a", wang);
    REQUIRE(a.body["rosters"].size() == 2);
    CHECK(a.body["rosters"][0]["status"] == "published");
    CHECK(a.body["rosters"][1]["status"] == "superseded");
    CHECK(server.Audit("wfm_roster_edit").size() == 3);
    CHECK(server.Audit("wfm_roster_publish").size() == 2);
    CHECK(Call(server, "GET", "/api/wfm/rosters/" + std::to_string(id), server.Token("qiu")).status == 403);
}

TEST_CASE("break requests: the what-if kept at decision time, decided once, within the allowance") {
    AdminServer server;
    const std::string wang = server.Token("wang");
    const int64_t now = cbtest::TwoTeamCenter(1).now_ms;
    json req{{"agent", "1001"}, {"start_ms", now + 1800000}, {"minutes", 15}, {"kind", "break"}, {"note", "doctor"}};
    Answer a = Call(server, "POST", "/api/wfm/breaks", wang, req.dump());
    REQUIRE_MESSAGE(a.status == 201, a.body.dump());
    const int64_t id = a.body["id"];
    CHECK(a.body["status"] == "requested");
    CHECK(a.body["impact"]["computed"] == true);
    CHECK(a.body["impact"]["at_ms"] == cbtest::TwoTeamCenter(1).now_ms);
    req["agent"] = "1002";
    CHECK(Call(server, "POST", "/api/wfm/breaks", wang, req.dump()).status == 403);
    req["agent"] = "1001";
    req["minutes"] = 300;
    CHECK(Call(server, "POST", "/api/wfm/breaks", wang, req.dump()).body["error"] == "minutes: 300 is not from 1 to 240");

    a = Call(server, "POST", "/api/wfm/breaks/" + std::to_string(id) + "/approve", wang);
    REQUIRE_MESSAGE(a.status == 200, a.body.dump());
    CHECK(a.body["status"] == "approved");
    CHECK(a.body["decided_by"] == "wang");
    a = Call(server, "POST", "/api/wfm/breaks/" + std::to_string(id) + "/decline", wang);
    CHECK(a.status == 409);
    CHECK(a.body["error"] == "request " + std::to_string(id) + " is approved already");

    // 1003 may take 10 minutes a day: a 15-minute request is refused on approval, changing nothing.
    REQUIRE(Call(server, "PUT", "/api/wfm/allowances", wang, R"({"agent":"1003","minutes_per_day":10})").status == 200);
    req = {{"agent", "1003"}, {"start_ms", now + 3600000}, {"minutes", 15}, {"kind", "lunch"}, {"note", ""}};
    a = Call(server, "POST", "/api/wfm/breaks", wang, req.dump());
    REQUIRE(a.status == 201);
    const int64_t id2 = a.body["id"];
    a = Call(server, "POST", "/api/wfm/breaks/" + std::to_string(id2) + "/approve", wang);
    CHECK(a.status == 409);
    CHECK(a.body["error"] == "agent '1003' has 10 of 10 min of requested breaks left that day; this one is 15 min");
    REQUIRE(Call(server, "POST", "/api/wfm/breaks/" + std::to_string(id2) + "/decline", wang).status == 200);

    a = Call(server, "GET", "/api/wfm/breaks?team=a&date=2026-01-05", wang);
    REQUIRE(a.status == 200);
    REQUIRE(a.body["requests"].size() == 2);
    CHECK(a.body["requests"][0]["status"] == "approved");
    CHECK(a.body["requests"][1]["status"] == "declined");
    REQUIRE(a.body["allowances"].size() == 2);
    CHECK(a.body["allowances"][0] == json::parse(R"({"agent":"1001","minutes_per_day":30,"used_minutes":15})"));
    CHECK(a.body["allowances"][1] == json::parse(R"({"agent":"1003","minutes_per_day":10,"used_minutes":0})"));
    CHECK(Call(server, "GET", "/api/wfm/breaks?team=a&date=2026-01-06", wang).body["requests"].empty());
    CHECK(server.Audit("wfm_break_approve").size() == 1);
    CHECK(server.Audit("wfm_break_decline").size() == 1);
}

TEST_CASE("adherence over HTTP and for the scorecard: wfm_cases.md's worked example") {
    AdminServer server;
    const std::string wang = server.Token("wang");
    REQUIRE(Call(server, "PUT", "/api/wfm/setup?team=a", wang, Setup().dump()).status == 200);
    Answer a = Call(server, "POST", "/api/wfm/rosters", wang, R"({"team":"a","start_date":"2026-01-05"})");
    REQUIRE(a.status == 201);
    const int64_t id = a.body["id"];
    json edit{{"changes", {{{"agent", "1001"}, {"day", 0}, {"shift", "short"}}, {{"agent", "1003"}, {"day", 0}, {"shift", nullptr}}}}};
    REQUIRE(Call(server, "PATCH", "/api/wfm/rosters/" + std::to_string(id) + "/assignments", wang, edit.dump()).status == 200);
    // Not published yet: nothing is scheduled.
    a = Call(server, "GET", "/api/wfm/adherence?team=a&date=2026-01-05", wang);
    REQUIRE(a.status == 200);
    CHECK(a.body["roster_id"] == 0);
    REQUIRE(Call(server, "POST", "/api/wfm/rosters/" + std::to_string(id) + "/publish", wang).status == 200);
    // Scheduled 09:00-10:00 on queue; the agent starts 10 minutes late and stays 10 minutes extra.
    {
        cb::sql::Db db;
        REQUIRE(db.Open(server.db).ok());
        REQUIRE(db.Exec("INSERT INTO agent_states (source, agent, state, start_ms, end_ms) VALUES ('t', '1001', 'available', " +
                        std::to_string(kNine + 600000) + ", " + std::to_string(kNine + 4200000) + ")")
                    .ok());
    }
    a = Call(server, "GET", "/api/wfm/adherence?team=a&date=2026-01-05&threshold_s=60", wang);
    REQUIRE(a.status == 200);
    CHECK(a.body["roster_id"] == id);
    const json* agent = nullptr;
    for (const json& x : a.body["agents"])
        if (x["agent"] == "1001") agent = &x;
    REQUIRE(agent);
    CHECK((*agent)["shift"] == "short");
    CHECK((*agent)["scheduled_ms"] == 3600000);
    CHECK((*agent)["exception_ms"] == 600000);
    CHECK((*agent)["adherence"].get<double>() == doctest::Approx(0.833333).epsilon(1e-5));
    CHECK((*agent)["conformance"].get<double>() == doctest::Approx(1.0));
    REQUIRE((*agent)["planned"].size() == 1);
    CHECK((*agent)["planned"][0]["start_ms"] == kNine);
    // The threshold: a 10-minute deviation is no exception with a threshold of 15 minutes.
    a = Call(server, "GET", "/api/wfm/adherence?team=a&date=2026-01-05&threshold_s=900", wang);
    for (const json& x : a.body["agents"])
        if (x["agent"] == "1001") CHECK(x["adherence"].get<double>() == doctest::Approx(1.0));
    CHECK(Call(server, "GET", "/api/wfm/adherence?team=b&date=2026-01-05", wang).status == 403);

    // The scorecard's figure over a range: the other days of the week 1001 may or may not work;
    // the Monday's exception is all there is.
    a = Call(server, "GET", "/api/wfm/adherence/agent?agent=1001&from=2026-01-05&to=2026-01-05", wang);
    REQUIRE(a.status == 200);
    CHECK(a.body["adherence"].get<double>() == doctest::Approx(0.833333).epsilon(1e-5));
    CHECK(a.body["days"] == 1);
    const cb::Result<cb::wfm::AdherenceFigure> f =
        server.roster_store->AgentAdherence("1001", "2026-01-05", "2026-01-05", cb::TimeZone::Fixed(480));
    REQUIRE(f.ok());
    CHECK(f.value().exception_ms == 600000);
    CHECK(f.value().scheduled_ms == 3600000);
    CHECK(Call(server, "GET", "/api/wfm/adherence/agent?agent=1001&from=2026-01-06&to=2026-01-05", wang).body["error"] ==
          "to: 2026-01-05 is before from 2026-01-06");
}

TEST_CASE("adherence on the agent scorecard and the team comparison: from the published roster, summed minutes") {
    AdminServer server;
    const std::string wang = server.Token("wang");
    REQUIRE(Call(server, "PUT", "/api/wfm/setup?team=a", wang, Setup().dump()).status == 200);
    Answer a = Call(server, "POST", "/api/wfm/rosters", wang, R"({"team":"a","start_date":"2026-01-05"})");
    REQUIRE(a.status == 201);
    const int64_t id = a.body["id"];
    json edit{{"changes", {{{"agent", "1001"}, {"day", 0}, {"shift", "short"}}, {{"agent", "1003"}, {"day", 0}, {"shift", nullptr}}}}};
    REQUIRE(Call(server, "PATCH", "/api/wfm/rosters/" + std::to_string(id) + "/assignments", wang, edit.dump()).status == 200);
    REQUIRE(Call(server, "POST", "/api/wfm/rosters/" + std::to_string(id) + "/publish", wang).status == 200);
    {
        cb::sql::Db db;
        REQUIRE(db.Open(server.db).ok());
        REQUIRE(db.Exec("INSERT INTO agent_states (source, agent, state, start_ms, end_ms) VALUES ('t', '1001', 'available', " +
                        std::to_string(kNine + 600000) + ", " + std::to_string(kNine + 4200000) + ")")
                    .ok());
    }
    cb::ReportStore store;
    REQUIRE(store.Open(server.db).ok());
    cb::ReportService reports([&server] { return server.now; });
    const cb::TimeZone zone = cb::TimeZone::Fixed(480);
    reports.Attach(&store, zone, 15);
    cb::Caller admin;
    admin.local = true;
    const size_t adh = static_cast<size_t>(cb::FindScoreFigure("adherence_pct"));
    const size_t conf = static_cast<size_t>(cb::FindScoreFigure("conformance_pct"));
    REQUIRE(cb::ScoreFigures()[adh].needs_schedule);

    // Without a reader nobody has a schedule: no figure, never 0.
    cb::Scorecard card;
    REQUIRE(reports.AgentScorecard("1001", {2026, 1, 5}, {2026, 1, 5}, 2, admin, &card).ok());
    CHECK_FALSE(card.figures[adh].value.valid);

    reports.SetAdherenceReader([&server, zone](const std::string& agent, const cb::CivilDate& from, const cb::CivilDate& to) {
        return server.roster_store->AgentAdherence(agent, cb::FormatCivilDate(from), cb::FormatCivilDate(to), zone, {}, server.now);
    });
    REQUIRE(reports.AgentScorecard("1001", {2026, 1, 5}, {2026, 1, 5}, 2, admin, &card).ok());
    // wfm_cases.md: 60 min scheduled, 10 min late (an exception), 50 min worked + 10 min extra.
    const cb::ScorecardEntry& e = card.figures[adh];
    REQUIRE(e.value.valid);
    CHECK(e.value.value == doctest::Approx(83.3333).epsilon(1e-4));
    CHECK(e.value.total == 3000000);  // 50 min in adherence
    CHECK(e.value.count == 3600000);  // of 60 scheduled
    CHECK(card.figures[conf].value.value == doctest::Approx(100.0));
    CHECK(card.figures[conf].value.total == 3600000);
    CHECK(card.figures[conf].value.count == 3600000);
    // The team's median over the agents with something scheduled: 1003 has the Monday off.
    CHECK(e.team.n == 1);
    CHECK(e.team.median == doctest::Approx(83.3333).epsilon(1e-4));
    // The series: the two days before, before the roster: nothing scheduled.
    REQUIRE(e.series.size() == 3);
    CHECK_FALSE(e.series[0].valid);
    CHECK_FALSE(e.series[1].valid);
    CHECK(e.series[2] == e.value);

    cb::TeamComparison table;
    REQUIRE(reports.CompareTeam("a", {2026, 1, 5}, {2026, 1, 5}, admin, &table).ok());
    REQUIRE(table.agents.size() == 2);
    size_t i1001 = 0, i1003 = 0;
    for (size_t i = 0; i < table.agents.size(); ++i) (table.agents[i].key == "1001" ? i1001 : i1003) = i;
    CHECK(table.values[i1001][adh].value == doctest::Approx(83.3333).epsilon(1e-4));
    CHECK_FALSE(table.values[i1003][adh].valid);  // no schedule, not 0
    CHECK(table.team_total[adh].count == 3600000);
    // The exports carry the minutes and say "no_schedule".
    const std::string csv = cb::TeamComparisonToCsv(table);
    CHECK(csv.find("adherence_pct.total_ms") != std::string::npos);
    CHECK(csv.find(",3000000,3600000,") != std::string::npos);
    CHECK(csv.find("no_schedule") != std::string::npos);
    const std::string card_csv = cb::ScorecardToCsv(card);
    CHECK(card_csv.find("adherence_pct,percent,83.333,83.333,83.333,0.000,,3000000,3600000,") != std::string::npos);
    cb::Scorecard back;
    std::string error;
    REQUIRE_MESSAGE(cb::ScorecardFromJson(cb::ScorecardToJson(card), &back, &error), error);
    CHECK(back == card);
}
