// Floor map and wallboard frame cost at 2,000 agents: the real DrawDashboard, headless (Dear
// ImGui with no backend), CPU time per frame from NewFrame to Render. Synthetic and
// deterministic: 50 teams of 40 seats (8 x 5), states cycling, times in state ticking.
// usage: bench_floor [frames=500] [agents=2000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>
#include <imgui.h>
#include "ui/theme.h"
#include "ui/views.h"

namespace {

using namespace cb;

constexpr int64_t kNow = 1767578400000;  // 2026-01-05 10:00 center time

Snapshot MakeCenter(int agents) {
    Snapshot s;
    s.now_ms = kNow;
    s.tz_offset_min = 480;
    s.day_start_ms = kNow - 10 * 3600 * 1000LL;
    s.source = "synthetic";
    for (int q = 0; q < 4; ++q) {
        QueueInfo qi;
        qi.key = "queue_" + std::to_string(q);
        qi.name_en = "Queue " + std::to_string(q);
        qi.name_zh = "队列" + std::to_string(q);
        s.directory.queues.push_back(qi);
        QueueLive ql;
        ql.waiting = q * 3;
        ql.oldest_wait_since_ms = q ? kNow - q * 20000 : 0;
        ql.today.offered = 1000 + q;
        ql.today.answered = 900;
        ql.today.answered_within_t = 700;
        ql.today.wait_answered_ms = 900 * 15000;
        s.queues.push_back(ql);
        s.intervals.emplace_back();
    }
    const int per_team = 40;
    const int teams = (agents + per_team - 1) / per_team;
    for (int t = 0; t < teams; ++t) {
        s.directory.teams.push_back({"team_" + std::to_string(t), "Team " + std::to_string(t), "第" + std::to_string(t) + "组", 0});
        s.teams.emplace_back();
    }
    static constexpr AgentState kStates[] = {AgentState::OnCall, AgentState::Available, AgentState::WrapUp, AgentState::NotReady,
                                             AgentState::OnCall, AgentState::OnHold, AgentState::Ringing};
    static constexpr NotReadyReason kReasons[] = {NotReadyReason::Break, NotReadyReason::Lunch, NotReadyReason::Other, NotReadyReason::Training};
    uint32_t rng = 12345;
    for (int i = 0; i < agents; ++i) {
        rng = rng * 1664525u + 1013904223u;
        AgentInfo a;
        a.key = std::to_string(100000 + i);
        a.name_en = "Agent " + std::to_string(i);
        a.name_zh = "座席" + std::to_string(i);
        a.team = uint16_t(i / per_team);
        a.seat_row = uint16_t((i % per_team) / 8);
        a.seat_col = uint16_t(i % 8);
        s.directory.agents.push_back(a);
        AgentLive l;
        l.state = kStates[rng % 7];
        l.reason = l.state == AgentState::NotReady ? kReasons[(rng >> 8) % 4] : NotReadyReason::None;
        l.state_since_ms = kNow - int64_t((rng >> 12) % 1800) * 1000;
        if (l.state == AgentState::OnCall || l.state == AgentState::OnHold) l.call_since_ms = l.state_since_ms - 5000;
        s.agents.push_back(l);
        s.teams[a.team].agents_logged_in++;
    }
    return s;
}

struct Stats { double mean, p50, p99, max; };

Stats Measure(const Snapshot& s, UiState ui, const Fonts& fonts, int frames) {
    std::vector<double> ms;
    ms.reserve(size_t(frames));
    UiReport report;
    std::vector<UiAction> actions;
    ImGuiIO& io = ImGui::GetIO();
    for (int f = 0; f < frames + 20; ++f) {  // 20 warm-up frames
        const auto t0 = std::chrono::steady_clock::now();
        io.DeltaTime = 1.0f / 60.0f;
        report.items.clear();
        actions.clear();
        ImGui::NewFrame();
        // Time moves on every frame, as it does live: every visible seat reformats its clock.
        ViewContext ctx{s, kNow + f * 100, 1700000000000 + f * 16, Freshness{LinkState::Live, 300, 0}, I18n{ui.lang}, ui, &actions, &report};
        DrawDashboard(ctx, fonts);
        ImGui::Render();
        const auto t1 = std::chrono::steady_clock::now();
        if (f >= 20) ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    double sum = 0;
    for (double v : ms) sum += v;
    return {sum / double(ms.size()), sorted[sorted.size() / 2], sorted[std::min(sorted.size() - 1, sorted.size() * 99 / 100)], sorted.back()};
}

}  // namespace

int main(int argc, char** argv) {
    const int frames = argc > 1 ? std::max(1, std::atoi(argv[1])) : 500;
    const int agents = argc > 2 ? std::max(1, std::atoi(argv[2])) : 2000;
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1920, 1080);
    const Fonts fonts = LoadFonts(1.0f);
    ApplyTheme();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);

    const Snapshot s = MakeCenter(agents);
    std::printf("agents %d, teams %zu, display 1920x1080, %d frames (+20 warm-up)\n", agents, s.directory.teams.size(), frames);
    std::printf("%-28s %8s %8s %8s %8s\n", "view", "mean ms", "p50 ms", "p99 ms", "max ms");
    struct Case { const char* name; Tab tab; bool tv; uint32_t selected; Lang lang; };
    const Case cases[] = {{"floor (en)", Tab::Floor, false, kNoAgent, Lang::En},
                          {"floor (zh)", Tab::Floor, false, kNoAgent, Lang::Zh},
                          {"floor + agent card (en)", Tab::Floor, false, 5, Lang::En},
                          {"wallboard (en)", Tab::Wallboard, false, kNoAgent, Lang::En},
                          {"tv mode, center page (en)", Tab::Wallboard, true, kNoAgent, Lang::En}};
    for (const Case& c : cases) {
        UiState ui;
        ui.tab = c.tab;
        ui.tv_mode = c.tv;
        ui.tv_since_wall_ms = 1700000000000 - 1;  // stays on page 0 for the run
        ui.thresholds.tv_cycle_s = 3600;
        ui.selected_agent = c.selected;
        ui.lang = c.lang;
        const Stats st = Measure(s, ui, fonts, frames);
        std::printf("%-28s %8.3f %8.3f %8.3f %8.3f\n", c.name, st.mean, st.p50, st.p99, st.max);
    }
    ImGui::DestroyContext();
    return 0;
}
