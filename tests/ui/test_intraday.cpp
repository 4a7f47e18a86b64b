// Queues and intraday charts, headless.
#include <doctest/doctest.h>
#include "gallery.h"
#include "ui/chart_intraday.h"

using namespace cb;
using namespace cb::test;

TEST_CASE("slot under the mouse") {
    CHECK(SlotAt(100, 100, 500, 4) == 0);
    CHECK(SlotAt(199.9f, 100, 500, 4) == 0);
    CHECK(SlotAt(200, 100, 500, 4) == 1);
    CHECK(SlotAt(499, 100, 500, 4) == 3);
    CHECK(SlotAt(500, 100, 500, 4) == -1);
    CHECK(SlotAt(99, 100, 500, 4) == -1);
    CHECK(SlotAt(150, 100, 500, 0) == -1);
}

TEST_CASE("intraday: per-queue charts from the interval rows; SL from summed counts") {
    UiState ui;
    ui.tab = Tab::Intraday;
    const Frame f = Harness::Get().Run(NormalSnapshot(), ui);
    CHECK(f.Text("intraday.inquiries") == "Inquiries");
    CHECK(f.Text("intraday.inquiries.volume") == "100");
    // (24 + 26 + 22) within T / (100 offered - 4 short) = 75.0 % (the mean of the three
    // interval percentages would be 75.6 %)
    CHECK(f.Text("intraday.inquiries.sl") == "75.0%");
    CHECK(f.Find("intraday.orders.empty") != nullptr);
    CHECK(f.Find("intraday.inquiries.hover") == nullptr);
}

TEST_CASE("hovering an interval shows its raw counts; the empty 08:30 slot shows nothing") {
    UiState ui;
    ui.tab = Tab::Intraday;
    Harness& h = Harness::Get();
    const Snapshot s = NormalSnapshot();
    const Frame f = h.Run(s, ui);
    const ReportItem* chart = f.Find("intraday.inquiries.volume");
    REQUIRE(chart);
    // The chart holds 4 slots (08:00, 08:15, 08:30 empty, 08:45) inside its axis margins;
    // probe across the chart and collect what is hovered.
    std::vector<std::string> seen;
    for (float x = chart->x + 1; x < chart->x + chart->w; x += 8) {
        Input in;
        in.mouse_x = x;
        in.mouse_y = chart->y + chart->h / 2;
        const Frame g = h.Run(s, ui, in);
        const std::string t = g.Find("intraday.inquiries.hover") ? g.Text("intraday.inquiries.hover") : "";
        if (!t.empty() && (seen.empty() || seen.back() != t)) seen.push_back(t);
    }
    h.Run(s, ui);
    CHECK(seen == std::vector<std::string>{"08:00", "08:15", "08:45"});
}

TEST_CASE("intraday in Chinese") {
    UiState ui;
    ui.tab = Tab::Intraday;
    ui.lang = Lang::Zh;
    const Frame f = Harness::Get().Run(NormalSnapshot(), ui);
    CHECK(f.Text("intraday.inquiries") == "咨询");
    CHECK(f.Text("tab.intraday") == "队列与日内趋势");
}
