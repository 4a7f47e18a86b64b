// Floor map, outliers and the agent card, headless, over the gallery snapshots.
#include <doctest/doctest.h>
#include "gallery.h"
#include "ui/widget_seat.h"
#include "ui/widget_team_stats.h"

using namespace cb;
using namespace cb::test;

namespace {
UiState FloorUi(Lang lang = Lang::En) {
    UiState ui;
    ui.tab = Tab::Floor;
    ui.lang = lang;
    return ui;
}
}  // namespace

TEST_CASE("outlier rules: strictly over each threshold") {
    Thresholds th;
    AgentLive a;
    a.state = AgentState::WrapUp;
    a.state_since_ms = kNow - 120 * kSec;
    CHECK(CheckSeat(a, kNow, th).flag == SeatFlag::None);
    CHECK(CheckSeat(a, kNow + 1, th).flag == SeatFlag::LongWrap);
    a.state = AgentState::OnHold;           // a call is measured from its answer, hold included
    a.call_since_ms = kNow - 601 * kSec;
    a.state_since_ms = kNow - 10 * kSec;
    const SeatCheck c = CheckSeat(a, kNow, th);
    CHECK(c.flag == SeatFlag::LongCall);
    CHECK(c.elapsed_ms == 601 * kSec);
    CHECK(c.limit_ms == 600 * kSec);
    a = AgentLive{};
    a.state = AgentState::NotReady;
    a.reason = NotReadyReason::Lunch;
    a.state_since_ms = kNow - 59 * kMin;
    CHECK(CheckSeat(a, kNow, th).flag == SeatFlag::None);
    a.reason = NotReadyReason::Break;
    CHECK(CheckSeat(a, kNow, th).flag == SeatFlag::LongBreak);
    a.reason = NotReadyReason::Meeting;
    CHECK(CheckSeat(a, kNow, th).flag == SeatFlag::None);
    a.reason = NotReadyReason::Personal;
    CHECK(CheckSeat(a, kNow, th).flag == SeatFlag::LongNotReady);
    th.not_ready_long_s = 3600;
    CHECK(CheckSeat(a, kNow, th).flag == SeatFlag::None);
    a.state = AgentState::Available;
    CHECK(CheckSeat(a, kNow, th).flag == SeatFlag::None);
}

TEST_CASE("median of a team's figures") {
    CHECK_FALSE(Median({}).has_value());
    CHECK(*Median({3, 1, 2}) == 2.0);
    CHECK(*Median({4, 1, 3, 2}) == 2.5);
    CHECK(*Median({10, 20, 30, 40, 0}) == 20.0);
}

TEST_CASE("every seat is drawn with its state, and the flagged agents are summed up") {
    const Frame f = Harness::Get().Run(NormalSnapshot(), FloorUi());
    CHECK(f.Count("seat.") == 10);
    CHECK(f.Text("seat.1001") == "on_call");
    CHECK(f.Text("seat.1004") == "not_ready");
    CHECK(f.Text("seat.1006") == "logged_out");
    // long call (1001), long wrap-up (1002), break over allowance (1004), long not ready (2002);
    // lunch 40 min and training 30 min are within their allowances.
    CHECK(f.Text("floor.flagged") == "4");
    CHECK(f.Count("flag.") == 4);
    CHECK(f.Text("flag.1001") == "long_call");
    CHECK(f.Text("flag.1002") == "long_wrap_up");
    CHECK(f.Text("flag.1004") == "long_break");
    CHECK(f.Text("flag.2002") == "long_not_ready");
    CHECK(f.Find("flag.1005") == nullptr);
    CHECK(f.Find("floor.legend") != nullptr);
    // Seats of one team lie as on the floor: 1002 right of 1001, 1004 below 1001.
    const ReportItem* a = f.Find("seat.1001");
    const ReportItem* b = f.Find("seat.1002");
    const ReportItem* c = f.Find("seat.1004");
    REQUIRE((a && b && c));
    CHECK(b->x > a->x);
    CHECK(b->y == a->y);
    CHECK(c->y > a->y);
    CHECK(c->x == a->x);
}

TEST_CASE("raising a threshold unflags agents") {
    UiState ui = FloorUi();
    ui.thresholds.break_long_s = 30 * 60;
    ui.thresholds.call_long_s = 20 * 60;
    const Frame f = Harness::Get().Run(NormalSnapshot(), ui);
    CHECK(f.Text("floor.flagged") == "2");
    CHECK(f.Find("flag.1001") == nullptr);
}

TEST_CASE("clicking a seat selects that agent; clicking a flagged name too") {
    const std::vector<UiAction> a = Harness::Get().Click(NormalSnapshot(), FloorUi(), "seat.1003");
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == UiAction::Kind::SelectAgent);
    CHECK(a[0].value == 2);
    const std::vector<UiAction> b = Harness::Get().Click(NormalSnapshot(), FloorUi(), "flag.2002");
    REQUIRE(b.size() == 1);
    CHECK(b[0].kind == UiAction::Kind::SelectAgent);
    CHECK(b[0].value == 7);
}

TEST_CASE("the tab buttons switch tabs") {
    const std::vector<UiAction> a = Harness::Get().Click(NormalSnapshot(), UiState{}, "tab.floor");
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == UiAction::Kind::SetTab);
    CHECK(a[0].value == int(Tab::Floor));
}

TEST_CASE("agent card: each figure next to the team median") {
    UiState ui = FloorUi();
    ui.selected_agent = 0;
    const Frame f = Harness::Get().Run(NormalSnapshot(), ui);
    CHECK(f.Text("card.name") == "Li Na");
    CHECK(f.Text("card.state") == "on_call");
    CHECK(f.Text("card.call") == "12:00");
    CHECK(f.Text("card.flag") == "long_call");
    // Team Alpha today, 5 agents logged in (1006 never logged in): handled 10, 20, 30, 40, 0.
    CHECK(f.Text("card.calls") == "10");
    CHECK(f.Text("card.calls.median") == "20");
    CHECK(f.Text("card.talk_total") == "30 min");
    CHECK(f.Text("card.talk_total.median") == "40 min");
    // averages over agents with calls: 3:00, 2:00, 1:40, 1:30 -> median 1:50
    CHECK(f.Text("card.talk_avg") == "3 min");
    CHECK(f.Text("card.talk_avg.median") == "1 min 50 s");
    CHECK(f.Text("card.wrap_avg") == "30 s");
    CHECK(f.Text("card.hold_avg") == "10 s");
    CHECK(f.Text("card.transfers") == "1");
    CHECK(f.Text("card.transfers.median") == "0");
    CHECK(f.Text("card.orders") == "2");
    CHECK(f.Text("card.orders.median") == "0");
    CHECK(f.Text("card.order_value") == "\xC2\xA5" "20,000");
    CHECK(f.Text("card.order_value.median") == "\xC2\xA5" "0");
    // 30 min available + 60 min on call closed, plus the open 12 min call
    CHECK(f.Text("card.state_bar") == "1 h 42 min");

    const std::vector<UiAction> close = Harness::Get().Click(NormalSnapshot(), ui, "button.close_card");
    REQUIRE(close.size() == 1);
    CHECK(close[0].kind == UiAction::Kind::SelectAgent);
    CHECK(close[0].value == -1);
    Input esc;
    esc.escape = true;
    const Frame e = Harness::Get().Run(NormalSnapshot(), ui, esc);
    Harness::Get().Run(NormalSnapshot(), ui);
    REQUIRE(e.actions.size() == 1);
    CHECK(e.actions[0].value == -1);
}

TEST_CASE("agent card in Chinese") {
    UiState ui = FloorUi(Lang::Zh);
    ui.selected_agent = 7;
    const Frame f = Harness::Get().Run(NormalSnapshot(), ui);
    CHECK(f.Text("card.name") == "黄丽");
    CHECK(f.Text("card.flag") == "long_not_ready");
    CHECK(f.Text("button.close_card") == "关闭");
    // Team Bravo: handled 12, 8, 16, 4 -> median 10
    CHECK(f.Text("card.calls") == "8");
    CHECK(f.Text("card.calls.median") == "10");
}

TEST_CASE("empty floor says so") {
    const Frame f = Harness::Get().Run(Snapshot{}, FloorUi());
    CHECK(f.Find("floor.empty") != nullptr);
    CHECK(f.Count("seat.") == 0);
}

TEST_CASE("2,000 agents: only the visible seats are drawn and reported") {
    const Snapshot s = BigSnapshot(2000);
    const Frame f = Harness::Get().Run(s, FloorUi());
    const int seats = f.Count("seat.");
    CHECK(seats > 40);
    CHECK(seats < 400);
    for (const ReportItem& it : f.report.items)
        if (it.id.rfind("seat.", 0) == 0) CHECK(it.y < 900);
    CHECK(f.Find("seat.10000") != nullptr);
    CHECK(f.Find("seat.11999") == nullptr);
}
