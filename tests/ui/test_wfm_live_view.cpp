// Live staffing, the break what-if and live adherence on the floor, the agent card, the wallboard
// and TV mode, headless. The center: one queue (80 % within 20 s), 100 calls in the last 30
// minutes handled in 180 s each = 10 Erlangs, 14 agents on queue. Erlang C at 10 Erlangs, T = 20 s
// (shared/reference/erlang_cases.md): 14 agents give 88.835 %, 13 give 79.55948 %.
#include <doctest/doctest.h>

#include "gallery.h"
#include "core/wfm/adherence.h"
#include "core/wfm/live.h"

using namespace cb;
using namespace cb::test;

namespace {

// Agents k0-k15 of team "floor", all members of "orders":
//  - k0-k10, k12, k13, k15 available (14 on queue); k0-k10 and k15 unscheduled;
//  - k11 on a break, scheduled on queue all day, for 12 minutes: out, negative, severe;
//  - k12 available during its scheduled break (since 20 minutes): out, positive, severe;
//  - k13 scheduled on queue, then a break at +15 to +30 minutes;
//  - k14 at lunch as scheduled: in adherence.
// So 14 on queue now and for the next 15 minutes, 13 from +15: SL now 88.8 %, next 15 min
// 88.8 %, next 30 min (88.835 + 79.55948) / 2 = 84.2 %; a break now: 88.8 % -> 79.6 %.
Snapshot LiveCenter() {
    Snapshot s;
    s.version = 3;
    s.now_ms = kNow;
    s.tz_offset_min = 480;
    s.interval_minutes = 15;
    s.day_start_ms = kDayStart;
    s.day_end_ms = kDayStart + 24 * 60 * kMin;
    s.source = "api";
    QueueInfo q{"orders", "Orders", "订单", {}};
    q.sl.variant = SlVariant::AnsweredOverOffered;
    q.sl.threshold_s = 20;
    q.sl.target = 0.80;
    s.directory.queues = {q};
    s.directory.teams = {TeamInfo{"floor", "Floor", "一组", 0}};
    s.queues.resize(1);
    s.teams.resize(1);
    s.intervals.resize(1);
    s.schedule.set = true;
    for (int i = 0; i < 16; ++i) {
        const std::string key = "k" + std::to_string(i);
        s.directory.agents.push_back(AgentInfo{key, "Agent " + std::to_string(i), "座席" + std::to_string(i), 0, uint16_t(i / 4),
                                               uint16_t(i % 4), 12, 1});
        AgentLive a;
        a.state = AgentState::Available;
        a.state_since_ms = kNow - 40 * kMin;
        a.logged_in_since_ms = kNow - 60 * kMin;
        a.member_of = 1;
        s.agents.push_back(a);
        s.teams[0].agents_logged_in++;
    }
    s.schedule.agents.resize(16);
    s.agents[11].state = AgentState::NotReady;
    s.agents[11].reason = NotReadyReason::Break;
    s.agents[11].state_since_ms = kNow - 12 * kMin;
    s.schedule.agents[11] = {{kDayStart, s.day_end_ms, wfm::Activity::OnQueue}};
    s.schedule.agents[12] = {{kNow - 60 * kMin, kNow - 20 * kMin, wfm::Activity::OnQueue},
                             {kNow - 20 * kMin, kNow + 10 * kMin, wfm::Activity::Break},
                             {kNow + 10 * kMin, kNow + 200 * kMin, wfm::Activity::OnQueue}};
    s.schedule.agents[13] = {{kNow - 60 * kMin, kNow + 15 * kMin, wfm::Activity::OnQueue},
                             {kNow + 15 * kMin, kNow + 30 * kMin, wfm::Activity::Break},
                             {kNow + 30 * kMin, kNow + 200 * kMin, wfm::Activity::OnQueue}};
    s.agents[14].state = AgentState::NotReady;
    s.agents[14].reason = NotReadyReason::Lunch;
    s.agents[14].state_since_ms = kNow - 10 * kMin;
    s.schedule.agents[14] = {{kNow - 10 * kMin, kNow + 30 * kMin, wfm::Activity::Lunch}};
    for (size_t i = 0; i < s.agents.size(); ++i) {
        const AgentLive& a = s.agents[i];
        s.agents[i].adherence = wfm::LiveStatusOf(s.schedule.agents[i], a.state, a.reason, a.state_since_ms, kNow, true, s.schedule.options);
    }
    s.queues[0].recent = wfm::RecentLoad{30 * kMin, 100, 100, 100 * 180000};
    wfm::FillLiveStaffing(&s);
    return s;
}

UiState Ui(Tab tab, Lang lang = Lang::En) {
    UiState ui;
    ui.tab = tab;
    ui.lang = lang;
    return ui;
}

}  // namespace

TEST_CASE("the center of these tests: staffing and adherence as the core gives them") {
    const Snapshot s = LiveCenter();
    const wfm::LiveStaffing& l = s.queues[0].staffing;
    REQUIRE(l.known);
    CHECK(l.agents_on_queue == 14);
    CHECK(l.next30.min_agents == 13);
    CHECK(s.agents[11].adherence.status == wfm::LiveStatus::OutOfAdherence);
    CHECK(s.agents[11].adherence.impact == wfm::Impact::Negative);
    CHECK(s.agents[11].adherence.severe);
    CHECK(s.agents[12].adherence.impact == wfm::Impact::Positive);
    CHECK(s.agents[12].adherence.severe);
    CHECK(s.agents[14].adherence.status == wfm::LiveStatus::InAdherence);
    CHECK(s.agents[0].adherence.status == wfm::LiveStatus::Unscheduled);
}

TEST_CASE("floor: agents needed now vs on queue and the predicted service level per queue") {
    const Frame f = Harness::Get().Run(LiveCenter(), Ui(Tab::Floor));
    CHECK(f.Text("floor.staffing") == "Staffing now");
    CHECK(f.Text("staffing.orders.needed") == "14");     // 13 give 79.6 % < 80 %
    CHECK(f.Text("staffing.orders.on_queue") == "14.0");
    CHECK(f.Text("staffing.orders.sl_now") == "88.8%");
    CHECK(f.Text("staffing.orders.sl_next15") == "88.8%");
    CHECK(f.Text("staffing.orders.sl_next30") == "84.2%");
    const Frame zh = Harness::Get().Run(LiveCenter(), Ui(Tab::Floor, Lang::Zh));
    CHECK(zh.Text("floor.staffing") == "当前人力");
    CHECK(zh.Text("staffing.orders.sl_next30") == "84.2%");
}

TEST_CASE("floor: who is out of adherence, severe first, with impact; the seats carry it") {
    const Frame f = Harness::Get().Run(LiveCenter(), Ui(Tab::Floor));
    CHECK(f.Text("floor.adherence") == "2");
    CHECK(f.Count("adh.") == 2);
    CHECK(f.Text("adh.k11") == "out_of_adherence:negative:severe");
    CHECK(f.Text("adh.k12") == "out_of_adherence:positive:severe");
    CHECK(f.Find("adh.k14") == nullptr);
    CHECK(f.Count("seat_adh.") == 2);
    CHECK(f.Text("seat_adh.k11") == "negative:severe");
    CHECK(f.Text("seat_adh.k12") == "positive:severe");
    CHECK(f.Find("floor.legend.adherence") != nullptr);
    // The longer deviation first (both severe): k12 since 20 minutes, k11 since 12.
    const ReportItem* k11 = f.Find("adh.k11");
    const ReportItem* k12 = f.Find("adh.k12");
    REQUIRE((k11 && k12));
    CHECK(k12->y < k11->y);
    // Clicking one opens its card.
    const std::vector<UiAction> acts = Harness::Get().Click(LiveCenter(), Ui(Tab::Floor), "adh.k11");
    REQUIRE_FALSE(acts.empty());
    CHECK(acts.back().kind == UiAction::Kind::SelectAgent);
    CHECK(acts.back().value == 11);
}

TEST_CASE("no schedule published: no adherence anywhere, staffing still shown") {
    Snapshot s = LiveCenter();
    s.schedule = {};
    for (AgentLive& a : s.agents) a.adherence = {};
    UiState ui = Ui(Tab::Floor);
    ui.selected_agent = 11;
    const Frame f = Harness::Get().Run(s, ui);
    CHECK(f.Find("floor.adherence") == nullptr);
    CHECK(f.Count("seat_adh.") == 0);
    CHECK(f.Find("card.adherence") == nullptr);
    CHECK(f.Find("floor.legend.adherence") == nullptr);
    CHECK(f.Text("staffing.orders.needed") == "14");
}

TEST_CASE("agent card: adherence and the break what-if, SL from X to Y") {
    UiState ui = Ui(Tab::Floor);
    ui.selected_agent = 0;  // unscheduled, on queue: a break now takes one of 14 for 15 minutes
    Frame f = Harness::Get().Run(LiveCenter(), ui);
    CHECK(f.Text("card.adherence") == "unscheduled");
    CHECK(f.Text("card.whatif.orders") == "88.8% → 79.6%");
    ui.selected_agent = 13;  // on queue until its break at +15: the same 15 minutes
    f = Harness::Get().Run(LiveCenter(), ui);
    CHECK(f.Text("card.adherence") == "in_adherence");
    CHECK(f.Text("card.adherence.activities") == "on_queue/on_queue");
    CHECK(f.Text("card.whatif.orders") == "88.8% → 79.6%");
    ui.selected_agent = 14;  // at lunch: a break changes nothing
    f = Harness::Get().Run(LiveCenter(), ui);
    CHECK(f.Text("card.adherence") == "in_adherence");
    CHECK(f.Text("card.whatif.orders") == "no_change");
    ui.selected_agent = 11;
    f = Harness::Get().Run(LiveCenter(), ui);
    CHECK(f.Text("card.adherence") == "out_of_adherence:negative:severe");
    CHECK(f.Text("card.adherence.activities") == "on_queue/break");
    // A member of no queue.
    Snapshot s = LiveCenter();
    s.agents[3].member_of = 0;
    ui.selected_agent = 3;
    f = Harness::Get().Run(s, ui);
    CHECK(f.Text("card.whatif") == "no_queue");
    // Too little seen yet: no figures, said so.
    s = LiveCenter();
    s.queues[0].recent.window_ms = 2 * kMin;
    wfm::FillLiveStaffing(&s);
    ui.selected_agent = 0;
    f = Harness::Get().Run(s, ui);
    CHECK(f.Text("card.whatif.orders") == "not_known");
    CHECK(f.Text("staffing.orders.needed") == "-");
    CHECK(f.Text("staffing.orders.sl_now") == "-");
}

TEST_CASE("wallboard and TV mode: needed vs on queue, predicted SL, one more break now") {
    UiState ui = Ui(Tab::Wallboard);
    for (bool tv : {false, true}) {
        ui.tv_mode = tv;
        ui.tv_team = -1;
        const Frame f = Harness::Get().Run(LiveCenter(), ui, {}, tv ? ui.tv_since_wall_ms : kWall);
        CHECK(f.Text("queue.orders.needed") == "14");
        CHECK(f.Text("queue.orders.on_queue") == "14.0");
        CHECK(f.Text("queue.orders.sl_next15") == "88.8%");
        CHECK(f.Text("queue.orders.sl_next30") == "84.2%");
        if (tv) {  // one line read across the room: no SL now, no break line
            CHECK(f.Find("queue.orders.sl_now") == nullptr);
            CHECK(f.Find("queue.orders.break_now") == nullptr);
        } else {
            CHECK(f.Text("queue.orders.sl_now") == "88.8%");
            CHECK(f.Text("queue.orders.break_now") == "88.8% → 79.6%");
        }
    }
    // The queue grows: no SL, said so.
    Snapshot s = LiveCenter();
    s.queues[0].recent.offered = 300;  // 30 Erlangs for 14 agents
    s.queues[0].recent.handled = 300;
    s.queues[0].recent.handle_ms = 300 * 180000;
    wfm::FillLiveStaffing(&s);
    const Frame g = Harness::Get().Run(s, Ui(Tab::Wallboard));
    CHECK(g.Text("queue.orders.sl_now") == "grows");
    CHECK(g.Text("queue.orders.needed") == "35");  // 34 give 75.9 %, 35 give 83.7 %
    const Frame gz = Harness::Get().Run(s, Ui(Tab::Wallboard, Lang::Zh));
    CHECK(gz.Text("queue.orders.sl_now") == "持续积压");
}

TEST_CASE("history only: no live data, so no figures and no what-if, never fake numbers") {
    Snapshot s = LiveCenter();
    s.source = "history";
    wfm::ClearLiveStaffing(&s);
    Frame f = Harness::Get().Run(s, Ui(Tab::Wallboard));
    CHECK(f.Text("queue.orders.live") == "no_live_data");
    CHECK(f.Find("queue.orders.needed") == nullptr);
    CHECK(f.Find("queue.orders.break_now") == nullptr);
    UiState ui = Ui(Tab::Floor);
    ui.selected_agent = 0;
    f = Harness::Get().Run(s, ui);
    CHECK(f.Find("staffing.no_live_data") != nullptr);
    CHECK(f.Find("staffing.orders.needed") == nullptr);
    CHECK(f.Text("card.whatif") == "no_live_data");
    CHECK(f.Find("card.whatif.orders") == nullptr);
    // Even a snapshot still carrying figures shows none once it says history only.
    Snapshot stale = LiveCenter();
    stale.source = "history";
    f = Harness::Get().Run(stale, Ui(Tab::Wallboard));
    CHECK(f.Text("queue.orders.live") == "no_live_data");
}
