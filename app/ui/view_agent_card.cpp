// Agent card: one agent's day next to the team median (never one number alone): calls, talk
// (total and average), wrap-up, hold, transfers, orders and their value, time in each state,
// and what the agent is doing now. Opened by clicking a seat; Close or Escape clears it.
#include <cstdio>
#include <string>
#include <vector>
#include <imgui.h>
#include "applies.h"
#include "format.h"
#include "views.h"
#include "widget_live_staffing.h"
#include "widget_seat.h"
#include "widget_team_stats.h"

namespace cb {
namespace {

enum class Unit { Count, Duration, Money };
enum class Needs { Nothing, Orders, Hold };  // the source figure a metric needs (applies.h)

struct Metric {
    Str label;
    const char* key;
    Unit unit;
    Needs needs;
    // The agent's figure; nullopt when it has no meaning yet (an average of no calls).
    std::optional<double> (*value)(const KpiCounts&);
};

std::optional<double> MeanValue(const Mean& m) { return m.valid ? std::optional<double>(m.value) : std::nullopt; }

const Metric kMetrics[] = {
    {Str::CardCalls, "calls", Unit::Count, Needs::Nothing, [](const KpiCounts& c) { return std::optional<double>(double(c.handled)); }},
    {Str::CardTalkTotal, "talk_total", Unit::Duration, Needs::Nothing, [](const KpiCounts& c) { return std::optional<double>(double(c.talk_ms)); }},
    {Str::CardTalkAvg, "talk_avg", Unit::Duration, Needs::Nothing, [](const KpiCounts& c) { return MeanValue(AverageTalk(c)); }},
    {Str::CardWrapAvg, "wrap_avg", Unit::Duration, Needs::Nothing, [](const KpiCounts& c) { return MeanValue(AverageWrap(c)); }},
    {Str::CardHoldAvg, "hold_avg", Unit::Duration, Needs::Hold, [](const KpiCounts& c) { return MeanValue(AverageHold(c)); }},
    {Str::CardTransfers, "transfers", Unit::Count, Needs::Nothing, [](const KpiCounts& c) { return std::optional<double>(double(c.transferred)); }},
    {Str::CardOrders, "orders", Unit::Count, Needs::Orders, [](const KpiCounts& c) { return std::optional<double>(double(c.orders)); }},
    {Str::CardOrderValue, "order_value", Unit::Money, Needs::Orders, [](const KpiCounts& c) { return std::optional<double>(double(c.order_value_cents)); }},
};

std::string FormatValue(const ViewContext& ctx, const std::optional<double>& v, Unit unit) {
    if (!v) return "-";
    char buf[32];
    switch (unit) {
    case Unit::Count:
        std::snprintf(buf, sizeof buf, "%g", *v);  // medians of counts may end in .5
        return buf;
    case Unit::Duration: return FormatDuration(int64_t(*v + 0.5), ctx.tr);
    case Unit::Money: return FormatMoney(int64_t(*v + 0.5));
    }
    return "-";
}

void StateBar(const ViewContext& ctx, const AgentLive& live) {
    int64_t ms[static_cast<int>(AgentState::kCount)];
    StateTimesToday(ctx.snapshot, live, ctx.center_now_ms, ms);
    int64_t total = 0;
    for (int i = 1; i < static_cast<int>(AgentState::kCount); ++i) total += ms[i];  // logged-out time left out
    ImGui::TextDisabled("%s", ctx.tr(Str::CardTimeInState));
    const float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("state_bar", ImVec2(w, h));
    ReportLastItem(ctx, "card.state_bar", FormatDuration(total, ctx.tr));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), StateColor(AgentState::LoggedOut), 3.0f);
    if (total <= 0) return;
    float x = p.x;
    const float mouse_x = ImGui::GetIO().MousePos.x;
    int hovered = -1;
    for (int i = 1; i < static_cast<int>(AgentState::kCount); ++i) {
        if (!ms[i]) continue;
        const float seg = w * float(double(ms[i]) / double(total));
        dl->AddRectFilled(ImVec2(x, p.y), ImVec2(x + seg, p.y + h), StateColor(static_cast<AgentState>(i)));
        if (mouse_x >= x && mouse_x < x + seg) hovered = i;
        x += seg;
    }
    if (ImGui::IsItemHovered() && hovered > 0) {
        ImGui::BeginTooltip();
        ImGui::Text("%s %s", ctx.tr.State(static_cast<AgentState>(hovered)), FormatDuration(ms[hovered], ctx.tr).c_str());
        ImGui::EndTooltip();
    }
    // The figures behind the bar, two to a line.
    int shown = 0;
    const float half = ImGui::GetContentRegionAvail().x / 2;
    for (int i = 1; i < static_cast<int>(AgentState::kCount); ++i) {
        if (!ms[i]) continue;
        if (shown++ % 2) ImGui::SameLine(half);
        const ImVec2 c = ImGui::GetCursorScreenPos();
        const float lh = ImGui::GetTextLineHeight();
        dl->AddRectFilled(ImVec2(c.x, c.y + lh * 0.2f), ImVec2(c.x + lh * 0.6f, c.y + lh * 0.8f), StateColor(static_cast<AgentState>(i)), 2.0f);
        ImGui::Dummy(ImVec2(lh * 0.6f, lh));
        ImGui::SameLine(0, 4);
        ImGui::Text("%s %s", ctx.tr.State(static_cast<AgentState>(i)), FormatDuration(ms[i], ctx.tr).c_str());
    }
}

}  // namespace

void DrawAgentCard(const ViewContext& ctx, const Fonts& fonts) {
    const Snapshot& s = ctx.snapshot;
    const uint32_t ai = ctx.ui.selected_agent;
    if (ai >= s.agents.size() || ai >= s.directory.agents.size()) return;
    const AgentInfo& info = s.directory.agents[ai];
    const AgentLive& live = s.agents[ai];
    ImGui::PushID("agent_card");

    // Title: name, key, team, tenure; Close on the right.
    ImGui::Text("%s  (%s)", Name(ctx, info), info.key.c_str());
    ReportLastItem(ctx, "card.name", Name(ctx, info));
    const char* close = ctx.tr(Str::CardClose);
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(close).x - ImGui::GetStyle().FramePadding.x * 2);
    if (ImGui::SmallButton(close)) ctx.actions->push_back({UiAction::Kind::SelectAgent, -1});
    ReportLastItem(ctx, "button.close_card", close);
    const SourceFigures figures = FiguresOf(s);
    char line[192];
    const char* team = info.team < s.directory.teams.size() ? Name(ctx, s.directory.teams[info.team]) : "-";
    if (figures.tenure) std::snprintf(line, sizeof line, ctx.tr(Str::CardTenureFmt), team, int(info.tenure_months));
    else std::snprintf(line, sizeof line, "%s", team);
    ImGui::TextDisabled("%s", line);
    ReportLastItem(ctx, "card.team", line);

    // Now: state (reason) for how long, and the current call.
    char dur[32];
    FormatDurationTo(dur, sizeof dur, ctx.center_now_ms - live.state_since_ms, ctx.tr, DurationStyle::Timer);
    const char* state = ctx.tr.State(live.state);
    if (live.state == AgentState::NotReady) std::snprintf(line, sizeof line, "%s · %s  %s", state, ctx.tr.Reason(live.reason), dur);
    else if (live.state == AgentState::LoggedOut || !live.state_since_ms) std::snprintf(line, sizeof line, "%s", state);
    else std::snprintf(line, sizeof line, "%s  %s", state, dur);
    const ImVec2 c = ImGui::GetCursorScreenPos();
    const float lh = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(c.x, c.y + lh * 0.15f), ImVec2(c.x + lh * 0.7f, c.y + lh * 0.85f), StateColor(live.state), 2.0f);
    ImGui::Dummy(ImVec2(lh * 0.7f, lh));
    ImGui::SameLine(0, 6);
    ImGui::Text("%s: %s", ctx.tr(Str::CardNow), line);
    ReportLastItem(ctx, "card.state", std::string(AgentStateName(live.state)));
    const SeatCheck check = CheckSeat(live, ctx.center_now_ms, ctx.ui.thresholds);
    if (check.flag != SeatFlag::None) {
        char limit[32];
        FormatDurationTo(limit, sizeof limit, check.limit_ms, ctx.tr, DurationStyle::Words);
        ImGui::PushStyleColor(ImGuiCol_Text, HealthColor(Health::Bad));
        ImGui::Text(ctx.tr(Str::FlagOverFmt), ctx.tr(FlagLabel(check.flag)), limit);
        ImGui::PopStyleColor();
        ReportLastItem(ctx, "card.flag", std::string(FlagName(check.flag)));
    }
    const bool in_call = live.call_since_ms && (live.state == AgentState::OnCall || live.state == AgentState::OnHold);
    if (in_call) {
        FormatDurationTo(dur, sizeof dur, ctx.center_now_ms - live.call_since_ms, ctx.tr, DurationStyle::Timer);
        const char* queue = live.call_queue < s.directory.queues.size() ? Name(ctx, s.directory.queues[live.call_queue]) : "-";
        ImGui::Text("%s: %s · %s", ctx.tr(Str::CardCurrentCall), dur, queue);
        ReportLastItem(ctx, "card.call", dur);
    } else {
        ImGui::Text("%s: %s", ctx.tr(Str::CardCurrentCall), ctx.tr(Str::CardNoCall));
    }
    // Against the published schedule, and what a break now would cost.
    AgentAdherence(ctx, ai);
    BreakWhatIfSection(ctx, ai);

    // Today against the team median.
    std::vector<uint32_t> peers;
    TeamPeers(s, info.team, &peers);
    std::snprintf(line, sizeof line, ctx.tr(Str::CardMedianOfFmt), int(peers.size()));
    if (ImGui::BeginTable("card_metrics", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn(ctx.tr(Str::CardToday));
        ImGui::TableSetupColumn(ctx.tr(Str::CardAgent));
        ImGui::TableSetupColumn(ctx.tr(Str::CardTeamMedian));
        ImGui::TableHeadersRow();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", line);
        std::vector<double> values;
        char id[64];
        for (const Metric& m : kMetrics) {
            if ((m.needs == Needs::Orders && !figures.orders) || (m.needs == Needs::Hold && !figures.hold)) continue;
            values.clear();
            for (uint32_t p : peers)
                if (const std::optional<double> v = m.value(s.agents[p].today)) values.push_back(*v);
            const std::string mine = FormatValue(ctx, m.value(live.today), m.unit);
            const std::string median = FormatValue(ctx, Median(values), m.unit);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ctx.tr(m.label));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(mine.c_str());
            std::snprintf(id, sizeof id, "card.%s", m.key);
            ReportLastItem(ctx, id, mine);
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", median.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", line);
            std::snprintf(id, sizeof id, "card.%s.median", m.key);
            ReportLastItem(ctx, id, median);
        }
        ImGui::EndTable();
    }
    StateBar(ctx, live);
    ImGui::PopID();
    (void)fonts;
}

}  // namespace cb
