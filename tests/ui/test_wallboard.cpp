// Wallboard and TV mode, headless, over the gallery snapshots.
#include <doctest/doctest.h>
#include "gallery.h"
#include "ui/widget_figures.h"

using namespace cb;
using namespace cb::test;

TEST_CASE("wallboard shows the center and every queue from summed counts") {
    const Snapshot s = NormalSnapshot();
    const Frame f = Harness::Get().Run(s, UiState{});
    CHECK(f.Text("center.waiting") == "3");
    CHECK(f.Text("center.offered") == "150");
    CHECK(f.Text("center.oldest_wait") == "0:45");
    // (talk 17,520 s + wrap 4,200 s + hold 1,400 s) / 140 handled = 165.1 s
    CHECK(f.Text("center.aht") == "2 min 45 s");
    // inquiries: 72 within T / (100 offered - 4 short) = 75.0 %; abandons (11 - 4) / 96 = 7.3 %
    CHECK(f.Text("queue.inquiries.service_level") == "75.0%");
    CHECK(f.Text("queue.inquiries.abandon_rate") == "7.3%");
    CHECK(f.Text("queue.inquiries.asa") == "20 s");
    CHECK(f.Text("queue.inquiries.oldest_wait") == "0:45");
    CHECK(f.Text("queue.inquiries.answered") == "89");
    // orders: 48 / (50 - 1) = 97.96 %
    CHECK(f.Text("queue.orders.service_level") == "98.0%");
    CHECK(f.Text("queue.orders.oldest_wait") == "-");
    CHECK(f.Text("queue.orders.waiting") == "0");
    CHECK(f.Text("source") == "demo:normal");
    CHECK(f.Text("center_clock") == "10:00:00");
    CHECK(f.Text("freshness") == "Live");
    CHECK(f.Find("button.tv") != nullptr);
}

TEST_CASE("overloaded queue: long wait and low service level") {
    const Frame f = Harness::Get().Run(OverloadedSnapshot(), UiState{});
    CHECK(f.Text("center.waiting") == "25");
    CHECK(f.Text("queue.inquiries.oldest_wait") == "3:00");
    CHECK(f.Text("queue.inquiries.service_level") == "50.0%");
}

TEST_CASE("disconnected: the header says since when, the last data stays on screen") {
    Freshness fr{LinkState::Disconnected, 40000, kNow - 30 * kSec};
    const Frame f = Harness::Get().Run(NormalSnapshot(), UiState{}, {}, kWall, fr);
    CHECK(f.Text("freshness") == "Disconnected since 09:59:30");
    CHECK(f.Text("center.waiting") == "3");
    UiState zh;
    zh.lang = Lang::Zh;
    const Frame z = Harness::Get().Run(NormalSnapshot(), zh, {}, kWall, fr);
    CHECK(z.Text("freshness") == "自 09:59:30 起断开连接");
}

TEST_CASE("empty center: waiting for data while connecting, zeros once live") {
    const Frame connecting = Harness::Get().Run(Snapshot{}, UiState{}, {}, kWall, Freshness{});
    CHECK(connecting.Find("waiting_for_data") != nullptr);
    CHECK(connecting.Find("center.waiting") == nullptr);
    const Frame live = Harness::Get().Run(Snapshot{}, UiState{});
    CHECK(live.Text("center.waiting") == "0");
    CHECK(live.Text("center.offered") == "0");
    CHECK(live.Text("center.oldest_wait") == "-");
}

TEST_CASE("Chinese: labels and names in Chinese") {
    UiState ui;
    ui.lang = Lang::Zh;
    const Frame f = Harness::Get().Run(NormalSnapshot(), ui);
    CHECK(f.Text("language") == "zh");
    CHECK(f.Text("tab.wallboard") == "实时看板");
    CHECK(f.Text("tab.floor") == "座席分布");
    CHECK(f.Text("queue.inquiries.name") == "咨询");
    CHECK(f.Text("button.tv") == "电视模式");
    CHECK(f.Text("queue.inquiries.service_level") == "75.0%");
}

TEST_CASE("health follows the thresholds, not fixed numbers") {
    Thresholds th;  // defaults: SL margin 5 points, abandons 5 % / 10 %, oldest wait 20 s / 60 s, ASA 20 s / 40 s
    CHECK(SlHealth(Ratio{80, 100, true, 0.80}, 0.80, th) == Health::Good);
    CHECK(SlHealth(Ratio{75, 100, true, 0.75}, 0.80, th) == Health::Warning);
    CHECK(SlHealth(Ratio{74, 100, true, 0.74}, 0.80, th) == Health::Bad);
    CHECK(SlHealth(Ratio{}, 0.80, th) == Health::Unknown);
    CHECK(OldestWaitHealth(20 * kSec, th) == Health::Good);
    CHECK(OldestWaitHealth(45 * kSec, th) == Health::Warning);
    CHECK(OldestWaitHealth(61 * kSec, th) == Health::Bad);
    CHECK(AbandonHealth(Ratio{7, 96, true, 7.0 / 96}, th) == Health::Warning);
    CHECK(AbandonHealth(Ratio{11, 96, true, 11.0 / 96}, th) == Health::Bad);
    CHECK(AsaHealth(Mean{20000, 1, true, 20000.0}, th) == Health::Good);
    CHECK(AsaHealth(Mean{41000, 1, true, 41000.0}, th) == Health::Bad);
    th.sl_warn_margin = 0.10;
    th.oldest_wait_bad_s = 30;
    CHECK(SlHealth(Ratio{74, 100, true, 0.74}, 0.80, th) == Health::Warning);
    CHECK(OldestWaitHealth(45 * kSec, th) == Health::Bad);
}

TEST_CASE("the TV button asks for TV mode") {
    const std::vector<UiAction> a = Harness::Get().Click(NormalSnapshot(), UiState{}, "button.tv");
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == UiAction::Kind::SetTvMode);
    CHECK(a[0].value == 1);
}

TEST_CASE("TV mode cycles center, team 1, team 2 on the wall clock and leaves on Escape or the button") {
    const Snapshot s = NormalSnapshot();
    UiState ui;
    ui.tv_mode = true;
    ui.tv_since_wall_ms = kWall;
    Harness& h = Harness::Get();
    const Frame p0 = h.Run(s, ui, {}, kWall + 14 * kSec);
    CHECK(p0.Text("tv.page") == "center");
    CHECK(p0.Text("center.waiting") == "3");
    CHECK(p0.Find("tab.wallboard") == nullptr);  // full screen: no header or tabs
    CHECK(p0.Find("button.exit_tv") != nullptr);
    const Frame p1 = h.Run(s, ui, {}, kWall + 15 * kSec);
    CHECK(p1.Text("tv.page") == "team_1");
    CHECK(p1.Text("tv.team.team_1.name") == "Alpha");
    CHECK(p1.Text("tv.team.team_1.logged_in") == "5");
    CHECK(p1.Text("tv.team.team_1.on_call") == "1");
    CHECK(p1.Text("tv.team.team_1.not_ready") == "2");
    CHECK(p1.Text("tv.team.team_1.handled") == "100");
    CHECK(p1.Text("tv.team.team_1.orders") == "7");
    CHECK(p1.Text("tv.team.team_1.chips") == "5");   // logged-out agents are not shown
    const Frame p2 = h.Run(s, ui, {}, kWall + 30 * kSec);
    CHECK(p2.Text("tv.page") == "team_2");
    CHECK(h.Run(s, ui, {}, kWall + 45 * kSec).Text("tv.page") == "center");
    ui.thresholds.tv_cycle_s = 5;
    CHECK(h.Run(s, ui, {}, kWall + 5 * kSec).Text("tv.page") == "team_1");
    ui.tv_team = 1;  // pinned to a team
    CHECK(h.Run(s, ui, {}, kWall + 5 * kSec).Text("tv.page") == "team_2");

    Input esc;
    esc.escape = true;
    const Frame e = h.Run(s, ui, esc);
    h.Run(s, ui);
    REQUIRE(e.actions.size() == 1);
    CHECK(e.actions[0].kind == UiAction::Kind::SetTvMode);
    CHECK(e.actions[0].value == 0);
    const std::vector<UiAction> b = h.Click(s, ui, "button.exit_tv");
    REQUIRE(b.size() == 1);
    CHECK(b[0].kind == UiAction::Kind::SetTvMode);
    CHECK(b[0].value == 0);
}

TEST_CASE("after TV mode the wallboard's tiles are back to their normal type size") {
    const Snapshot s = NormalSnapshot();
    Harness& h = Harness::Get();
    const Frame before = h.Run(s, UiState{});
    UiState tv;
    tv.tv_mode = true;
    tv.tv_since_wall_ms = kWall;
    const Frame big = h.Run(s, tv, {}, kWall);
    const Frame after = h.Run(s, UiState{});
    REQUIRE(before.Find("center.offered") != nullptr);
    REQUIRE(big.Find("center.offered") != nullptr);
    CHECK(big.Find("center.offered")->h > before.Find("center.offered")->h);
    CHECK(after.Find("center.offered")->h == before.Find("center.offered")->h);
}

TEST_CASE("a long figure in TV mode shrinks to its column instead of running into the next") {
    Snapshot s = NormalSnapshot();
    // Team Alpha: AHT 12 min 34 s in words, the widest a duration gets under an hour.
    s.teams[0].today = KpiCounts{};
    s.teams[0].today.handled = 1;
    s.teams[0].today.talk_ms = 754 * kSec;
    UiState tv;
    tv.tv_mode = true;
    tv.tv_since_wall_ms = kWall;
    for (Lang lang : {Lang::En, Lang::Zh}) {
        tv.lang = lang;
        const Frame f = Harness::Get().Run(s, tv, {}, kWall + 15 * kSec);
        REQUIRE(f.Text("tv.page") == "team_1");
        const ReportItem* aht = f.Find("tv.team.team_1.aht");
        const ReportItem* occ = f.Find("tv.team.team_1.occupancy");
        REQUIRE((aht && occ));
        CHECK(aht->text == (lang == Lang::En ? "12 min 34 s" : "12 分 34 秒"));
        CHECK(aht->x + aht->w <= occ->x);
    }
}
