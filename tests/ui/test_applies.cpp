// Show only what applies (ui/applies.h): a lead's floor has only their own team, empty teams
// and TV pages with nothing on them are left out, and figures the source never produces
// (orders, hold, tenure: an Asterisk center) are hidden instead of showing 0.
#include <doctest/doctest.h>
#include "gallery.h"
#include "ui/applies.h"

using namespace cb;
using namespace cb::test;

namespace {

// NormalSnapshot as the server cuts it for the lead of team_1: every team's totals, team_1's
// agents only (docs/auth.md, "lead").
Snapshot LeadOfTeam1() {
    Snapshot s = NormalSnapshot();
    Snapshot out = s;
    out.directory.agents.clear();
    out.agents.clear();
    for (size_t i = 0; i < s.directory.agents.size(); ++i) {
        if (s.directory.agents[i].team != 0) continue;
        out.directory.agents.push_back(s.directory.agents[i]);
        out.agents.push_back(s.agents[i]);
    }
    return out;
}

// A center whose source tags no orders, puts no call on hold and knows no tenure (queue_log).
Snapshot AsteriskLike() {
    Snapshot s = NormalSnapshot();
    s.source = "queue_log";
    for (AgentInfo& a : s.directory.agents) a.tenure_months = 0;
    auto strip = [](KpiCounts& c) {
        c.orders = c.order_value_cents = c.complaints = 0;
        c.hold_ms = 0;
    };
    for (AgentLive& a : s.agents) strip(a.today);
    for (TeamLive& t : s.teams) strip(t.today);
    for (QueueLive& q : s.queues) strip(q.today);
    return s;
}

UiState Tv(int64_t since) {
    UiState ui;
    ui.tv_mode = true;
    ui.tv_since_wall_ms = since;
    return ui;
}

}  // namespace

TEST_CASE("a lead's floor shows only the lead's team, no header of another team") {
    UiState ui;
    ui.tab = Tab::Floor;
    const Frame all = Harness::Get().Run(NormalSnapshot(), ui);
    CHECK(all.Text("floor.team.team_1") == "Alpha");
    CHECK(all.Text("floor.team.team_2") == "Bravo");
    const Frame lead = Harness::Get().Run(LeadOfTeam1(), ui);
    CHECK(lead.Text("floor.team.team_1") == "Alpha");
    CHECK(lead.Find("floor.team.team_2") == nullptr);
    CHECK(lead.Count("seat.") == 6);
    CHECK(ShownTeams(LeadOfTeam1()) == std::vector<size_t>{0});
}

TEST_CASE("an empty team has no block on the floor and no TV page; nor has a team nobody worked in today") {
    Snapshot s = NormalSnapshot();
    s.directory.teams.push_back(TeamInfo{"unassigned", "Unassigned", "未分配", 0xFFFFFFFFu});
    s.teams.emplace_back();
    UiState floor;
    floor.tab = Tab::Floor;
    CHECK(Harness::Get().Run(s, floor).Find("floor.team.unassigned") == nullptr);
    CHECK(TvTeams(s) == std::vector<size_t>{0, 1});
    Frame f = Harness::Get().Run(s, Tv(kWall), {}, kWall);
    CHECK(f.Text("tv.pages") == "3");  // the center and two teams
    CHECK(Harness::Get().Run(s, Tv(kWall), {}, kWall + 45 * kSec).Text("tv.page") == "center");

    // Team Bravo all logged out, nobody in today: no page.
    for (size_t i = 6; i < 10; ++i) {
        s.agents[i] = AgentLive{};
    }
    s.teams[1] = TeamLive{};
    CHECK(TvTeams(s) == std::vector<size_t>{0});
    f = Harness::Get().Run(s, Tv(kWall), {}, kWall);
    CHECK(f.Text("tv.pages") == "2");
    CHECK(Harness::Get().Run(s, Tv(kWall), {}, kWall + 30 * kSec).Text("tv.page") == "center");
    // Its seats stay on the floor map (logged out).
    CHECK(Harness::Get().Run(s, floor).Text("floor.team.team_2") == "Bravo");
}

TEST_CASE("a lead's TV mode turns only through the lead's own team") {
    const Snapshot s = LeadOfTeam1();
    CHECK(Harness::Get().Run(s, Tv(kWall), {}, kWall).Text("tv.pages") == "2");
    CHECK(Harness::Get().Run(s, Tv(kWall), {}, kWall + 15 * kSec).Text("tv.page") == "team_1");
    CHECK(Harness::Get().Run(s, Tv(kWall), {}, kWall + 30 * kSec).Text("tv.page") == "center");
}

TEST_CASE("figures the source never produces are hidden: orders, order value, hold, tenure") {
    const SourceFigures demo = FiguresOf(NormalSnapshot());
    CHECK(demo.orders);
    CHECK(demo.hold);
    CHECK(demo.tenure);
    const Snapshot s = AsteriskLike();
    const SourceFigures asterisk = FiguresOf(s);
    CHECK_FALSE(asterisk.orders);
    CHECK_FALSE(asterisk.hold);
    CHECK_FALSE(asterisk.tenure);

    const Frame tv = Harness::Get().Run(s, Tv(kWall), {}, kWall + 15 * kSec);
    REQUIRE(tv.Text("tv.page") == "team_1");
    CHECK(tv.Find("tv.team.team_1.orders") == nullptr);
    CHECK(tv.Text("tv.team.team_1.transfers") == "1");

    UiState ui;
    ui.tab = Tab::Floor;
    ui.selected_agent = 0;
    const Frame card = Harness::Get().Run(s, ui);
    CHECK(card.Text("card.calls") == "10");
    CHECK(card.Find("card.orders") == nullptr);
    CHECK(card.Find("card.order_value") == nullptr);
    CHECK(card.Find("card.hold_avg") == nullptr);
    CHECK(card.Text("card.team") == "Alpha");
    const Frame demo_card = Harness::Get().Run(NormalSnapshot(), ui);
    CHECK(demo_card.Text("card.orders") == "2");
    CHECK(demo_card.Text("card.team") == "Alpha · tenure 12 months");

    // One order tagged anywhere in the center today and the figures are there for everyone.
    Snapshot first = s;
    first.queues[1].today.orders = 1;
    CHECK(FiguresOf(first).orders);
    CHECK(Harness::Get().Run(first, ui).Text("card.orders") == "0");
}
