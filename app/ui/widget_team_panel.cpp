// Team panel (widget_team_panel.h).
#include "widget_team_panel.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <imgui.h>
#include "applies.h"
#include "format.h"
#include "views.h"
#include "widget_figures.h"

namespace cb {
namespace {

// Agents are shown in this order of state groups: on a call first, then wrap-up, waiting
// for calls, not ready.
bool InGroup(AgentState s, int group) {
    switch (group) {
    case 0: return s == AgentState::OnCall || s == AgentState::OnHold || s == AgentState::Ringing;
    case 1: return s == AgentState::WrapUp;
    case 2: return s == AgentState::Available;
    case 3: return s == AgentState::NotReady;
    default: return false;
    }
}

void StateFigure(const ViewContext& ctx, const Fonts& fonts, Str label, int n, AgentState state, const char* report_id) {
    char value[16];
    std::snprintf(value, sizeof value, "%d", n);
    ImGui::BeginGroup();
    const ImVec2 c = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(c.x, c.y + h * 0.2f), ImVec2(c.x + h * 0.6f, c.y + h * 0.8f), StateColor(state), 2.0f);
    ImGui::Dummy(ImVec2(h * 0.6f, h));
    ImGui::SameLine(0, 6);
    ImGui::TextDisabled("%s", ctx.tr(label));
    ImGui::PushFont(FigureFont(fonts, ctx.ui.tv_mode));
    ImGui::PushStyleColor(ImGuiCol_Text, state == AgentState::LoggedOut ? ImGui::GetColorU32(ImGuiCol_Text) : StateColor(state));
    ImGui::TextUnformatted(value);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::EndGroup();
    ReportLastItem(ctx, report_id, value);
}

}  // namespace

void DrawTeamPanel(const ViewContext& ctx, const Fonts& fonts, size_t team, float font_scale) {
    const Snapshot& s = ctx.snapshot;
    const TeamInfo& info = s.directory.teams[team];
    const TeamLive& live = s.teams[team];
    const std::string prefix = "tv.team." + info.key;
    char id[160];

    ImGui::BeginChild("team_panel", ImVec2(0, 0), false);
    ImGui::SetWindowFontScale(font_scale);
    // Team names can hold any Chinese character; the large face only has the UI's, so the
    // title is the regular face scaled up.
    ImGui::SetWindowFontScale(font_scale * 1.8f);
    ImGui::TextUnformatted(Name(ctx, info));
    ImGui::SetWindowFontScale(font_scale);
    std::snprintf(id, sizeof id, "%s.name", prefix.c_str());
    ReportLastItem(ctx, id, Name(ctx, info));

    // Agents by state.
    ImGui::TextDisabled("%s", ctx.tr(Str::TvAgentsByState));
    const float col = ImGui::GetContentRegionAvail().x / 5.0f;
    const float fig_w = col - ImGui::GetStyle().ItemSpacing.x;
    struct Fig { Str label; int n; AgentState state; const char* key; };
    const Fig figs[] = {{Str::AgentsLoggedIn, live.agents_logged_in, AgentState::LoggedOut, "logged_in"},
                        {Str::KpiAgentsAvailable, live.agents_available, AgentState::Available, "available"},
                        {Str::KpiAgentsOnCall, live.agents_on_call, AgentState::OnCall, "on_call"},
                        {Str::KpiAgentsWrapUp, live.agents_wrap_up, AgentState::WrapUp, "wrap_up"},
                        {Str::KpiAgentsNotReady, live.agents_not_ready, AgentState::NotReady, "not_ready"}};
    for (int i = 0; i < 5; ++i) {
        if (i) ImGui::SameLine(col * float(i));
        std::snprintf(id, sizeof id, "%s.%s", prefix.c_str(), figs[i].key);
        StateFigure(ctx, fonts, figs[i].label, figs[i].n, figs[i].state, id);
    }

    // Team KPIs today, each with its definition and counts.
    ImGui::Separator();
    ImGui::TextDisabled("%s", ctx.tr(Str::TvTeamToday));
    const KpiCounts& c = live.today;
    const Mean aht = Aht(c);
    const Ratio occ = Occupancy(c);
    const std::string handled = std::to_string(c.handled), aht_text = FormatMeanDuration(aht, ctx.tr), occ_text = FormatPercent(occ);
    const std::string transfers = std::to_string(c.transferred), orders = std::to_string(c.orders);
    std::snprintf(id, sizeof id, "%s.handled", prefix.c_str());
    BigFigure(ctx, fonts, ctx.tr(Str::KpiHandled), handled.c_str(), Health::Unknown, id, fig_w);
    ImGui::SameLine(col);
    std::snprintf(id, sizeof id, "%s.aht", prefix.c_str());
    BigFigure(ctx, fonts, ctx.tr(Str::KpiAht), aht_text.c_str(), Health::Unknown, id, fig_w);
    KpiTooltip(ctx, ctx.tr(Str::KpiAht), ctx.tr(Str::DefAht),
               FormatDuration(aht.total, ctx.tr) + " / " + std::to_string(aht.count) + " " + ctx.tr(Str::KpiHandled));
    ImGui::SameLine(col * 2);
    std::snprintf(id, sizeof id, "%s.occupancy", prefix.c_str());
    BigFigure(ctx, fonts, ctx.tr(Str::KpiOccupancy), occ_text.c_str(), Health::Unknown, id, fig_w);
    KpiTooltip(ctx, ctx.tr(Str::KpiOccupancy), ctx.tr(Str::DefOccupancy),
               FormatDuration(occ.numerator, ctx.tr) + " / " + FormatDuration(occ.denominator, ctx.tr));
    ImGui::SameLine(col * 3);
    std::snprintf(id, sizeof id, "%s.transfers", prefix.c_str());
    BigFigure(ctx, fonts, ctx.tr(Str::CardTransfers), transfers.c_str(), Health::Unknown, id, fig_w);
    if (FiguresOf(s).orders) {  // a center that never tags orders shows none (applies.h)
        ImGui::SameLine(col * 4);
        std::snprintf(id, sizeof id, "%s.orders", prefix.c_str());
        BigFigure(ctx, fonts, ctx.tr(Str::CardOrders), orders.c_str(), Health::Unknown, id, fig_w);
        KpiTooltip(ctx, ctx.tr(Str::CardOrders), ctx.tr(Str::CardOrderValue), FormatMoney(c.order_value_cents));
    }

    // Name chips grouped by state.
    ImGui::Separator();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    const float chip_w = 11.0f * line, chip_h = 2.0f * line + 10.0f, gap = 6.0f;
    const float avail_w = ImGui::GetContentRegionAvail().x;
    const int per_row = std::max(1, int((avail_w + gap) / (chip_w + gap)));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    int slot = 0;
    char text[96];
    for (int group = 0; group < 4; ++group) {
        for (size_t i = 0; i < s.directory.agents.size(); ++i) {
            const AgentInfo& a = s.directory.agents[i];
            const AgentLive& al = s.agents[i];
            if (a.team != team || !InGroup(al.state, group)) continue;
            const ImVec2 p(origin.x + float(slot % per_row) * (chip_w + gap), origin.y + float(slot / per_row) * (chip_h + gap));
            ++slot;
            dl->AddRectFilled(p, ImVec2(p.x + chip_w, p.y + chip_h), StateColor(al.state), 5.0f);
            dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(p.x + 6, p.y + 4), IM_COL32_WHITE, Name(ctx, a));
            const char* label = (al.state == AgentState::NotReady && al.reason != NotReadyReason::None)
                                    ? ctx.tr.Reason(al.reason) : ctx.tr.State(al.state);
            const std::string since = FormatDuration(ctx.center_now_ms - al.state_since_ms, ctx.tr, DurationStyle::Timer);
            std::snprintf(text, sizeof text, "%s  %s", label, since.c_str());
            dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(p.x + 6, p.y + 6 + line), IM_COL32(240, 240, 240, 255), text);
        }
    }
    const int rows = (slot + per_row - 1) / per_row;
    ImGui::Dummy(ImVec2(avail_w, float(rows) * (chip_h + gap)));
    std::snprintf(id, sizeof id, "%s.chips", prefix.c_str());
    ReportLastItem(ctx, id, std::to_string(slot));
    ImGui::EndChild();
}

}  // namespace cb
