// Floor map: each team's seats as laid out on the floor (teams side by side, wrapping to fit
// the width), colored by state, time in state ticking, reason, current call; outliers outlined
// and listed beside the map; clicking a seat opens the agent card. Only visible seats are
// drawn and reported, formatted into stack buffers: thousands of agents stay cheap.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>
#include <imgui.h>
#include "applies.h"
#include "format.h"
#include "views.h"
#include "widget_live_staffing.h"
#include "widget_seat.h"

namespace cb {
namespace {

struct TeamBlock {
    bool shown = false;        // the team has seats in this snapshot (ShownTeams)
    int cols = 0, rows = 0;    // seat grid size (max seat_col / seat_row + 1)
    float x = 0, y = 0;        // offset of the block within the map
    float w = 0, h = 0;
};

struct SeatMetrics {
    float line, seat_w, seat_h, gap, team_gap, title_h;
};

SeatMetrics Metrics() {
    const float line = ImGui::GetTextLineHeight();
    return {line, std::floor(line * 8.5f), std::floor(line * 3 + 10), 6.0f, std::floor(line * 1.5f), ImGui::GetTextLineHeightWithSpacing()};
}

// Lays out team blocks left to right, starting a new band when the width is used up.
// Returns the total size of the map.
ImVec2 LayoutTeams(const Snapshot& s, const SeatMetrics& m, float width, std::vector<TeamBlock>* blocks) {
    blocks->assign(s.directory.teams.size(), TeamBlock{});
    for (const AgentInfo& a : s.directory.agents) {
        if (a.team >= blocks->size()) continue;
        TeamBlock& b = (*blocks)[a.team];
        b.cols = std::max(b.cols, int(a.seat_col) + 1);
        b.rows = std::max(b.rows, int(a.seat_row) + 1);
    }
    float x = 0, y = 0, band_h = 0, total_w = 0;
    // Only teams with seats in this snapshot (applies.h): not a lead's other teams, nor an empty one.
    for (size_t t : ShownTeams(s)) {
        TeamBlock& b = (*blocks)[t];
        b.shown = true;
        b.w = std::max(1, b.cols) * (m.seat_w + m.gap) - m.gap;
        b.h = m.title_h + b.rows * (m.seat_h + m.gap);
        if (x > 0 && x + b.w > width) {
            y += band_h + m.team_gap;
            x = 0;
            band_h = 0;
        }
        b.x = x;
        b.y = y;
        x += b.w + m.team_gap;
        band_h = std::max(band_h, b.h);
        total_w = std::max(total_w, b.x + b.w);
    }
    return ImVec2(total_w, y + band_h);
}

void SeatTooltip(const ViewContext& ctx, const AgentInfo& a, const AgentLive& live, const SeatCheck& check) {
    ImGui::BeginTooltip();
    ImGui::Text("%s  (%s)", Name(ctx, a), a.key.c_str());
    char t[32];
    if (live.state == AgentState::LoggedOut || !live.state_since_ms) {
        ImGui::TextUnformatted(ctx.tr.State(live.state));
    } else {
        FormatDurationTo(t, sizeof t, ctx.center_now_ms - live.state_since_ms, ctx.tr, DurationStyle::Timer);
        ImGui::Text("%s %s", ctx.tr.State(live.state), t);
    }
    if (live.state == AgentState::NotReady) ImGui::TextUnformatted(ctx.tr.Reason(live.reason));
    if (live.call_since_ms && live.state != AgentState::NotReady && live.state != AgentState::Available) {
        FormatDurationTo(t, sizeof t, ctx.center_now_ms - live.call_since_ms, ctx.tr, DurationStyle::Timer);
        ImGui::Text(ctx.tr(Str::CallFmt), t);
        if (live.call_queue < ctx.snapshot.directory.queues.size())
            ImGui::TextDisabled("%s", Name(ctx, ctx.snapshot.directory.queues[live.call_queue]));
    }
    if (check.flag != SeatFlag::None) {
        char limit[32];
        FormatDurationTo(limit, sizeof limit, check.limit_ms, ctx.tr, DurationStyle::Words);
        ImGui::PushStyleColor(ImGuiCol_Text, HealthColor(Health::Bad));
        ImGui::Text(ctx.tr(Str::FlagOverFmt), ctx.tr(FlagLabel(check.flag)), limit);
        ImGui::PopStyleColor();
    }
    if (ctx.snapshot.schedule.set) ImGui::Text("%s: %s", ctx.tr(Str::AdhTitle), AdherenceText(ctx, live.adherence).c_str());
    ImGui::EndTooltip();
}

void DrawSeat(const ViewContext& ctx, size_t i, ImVec2 p, const SeatMetrics& m) {
    const AgentInfo& a = ctx.snapshot.directory.agents[i];
    const AgentLive& live = ctx.snapshot.agents[i];
    const SeatCheck check = CheckSeat(live, ctx.center_now_ms, ctx.ui.thresholds);
    ImGui::SetCursorScreenPos(p);
    ImGui::PushID(int(i));
    ImGui::InvisibleButton("seat", ImVec2(m.seat_w, m.seat_h));
    ImGui::PopID();
    if (ImGui::IsItemClicked()) ctx.actions->push_back({UiAction::Kind::SelectAgent, int(i)});
    const bool hovered = ImGui::IsItemHovered();
    const bool selected = ctx.ui.selected_agent == i;

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 q(p.x + m.seat_w, p.y + m.seat_h);
    dl->AddRectFilled(p, q, StateColor(live.state), 5.0f);
    if (check.flag != SeatFlag::None) {
        dl->AddRect(p, q, FlagColor(), 5.0f, 0, kFlagOutline);
        dl->AddTriangleFilled(ImVec2(q.x - m.line, p.y), ImVec2(q.x, p.y), ImVec2(q.x, p.y + m.line), HealthColor(Health::Bad));
    }
    if (selected || hovered) dl->AddRect(ImVec2(p.x - 2, p.y - 2), ImVec2(q.x + 2, q.y + 2), IM_COL32(255, 255, 255, selected ? 255 : 120), 6.0f, 0, 1.5f);

    dl->PushClipRect(p, q, true);
    const ImU32 text = IM_COL32(245, 245, 245, 255);
    dl->AddText(ImVec2(p.x + 6, p.y + 3), IM_COL32_WHITE, Name(ctx, a));
    char buf[96], dur[32];
    const char* label = (live.state == AgentState::NotReady && live.reason != NotReadyReason::None)
                            ? ctx.tr.Reason(live.reason) : ctx.tr.State(live.state);
    if (live.state != AgentState::LoggedOut) {
        FormatDurationTo(dur, sizeof dur, ctx.center_now_ms - live.state_since_ms, ctx.tr, DurationStyle::Timer);
        std::snprintf(buf, sizeof buf, "%s %s", label, dur);
        dl->AddText(ImVec2(p.x + 6, p.y + 5 + m.line), text, buf);
    } else {
        dl->AddText(ImVec2(p.x + 6, p.y + 5 + m.line), text, label);
    }
    const bool in_call = live.call_since_ms && (live.state == AgentState::OnCall || live.state == AgentState::OnHold);
    if (in_call) {
        // The call's queue and its duration (hold included), which differs from the time in
        // state once the agent has put the caller on hold.
        FormatDurationTo(dur, sizeof dur, ctx.center_now_ms - live.call_since_ms, ctx.tr, DurationStyle::Timer);
        const char* queue = live.call_queue < ctx.snapshot.directory.queues.size() ? Name(ctx, ctx.snapshot.directory.queues[live.call_queue]) : "";
        std::snprintf(buf, sizeof buf, "%s %s", queue, dur);
        dl->AddText(ImVec2(p.x + 6, p.y + 7 + 2 * m.line), text, buf);
    } else if (check.flag != SeatFlag::None) {
        dl->AddText(ImVec2(p.x + 6, p.y + 7 + 2 * m.line), IM_COL32_WHITE, ctx.tr(FlagLabel(check.flag)));
    }
    dl->PopClipRect();
    // Out of adherence (past the exception threshold): a strip along the seat's bottom edge,
    // colored by impact (red when severe).
    if (AdherenceMarkerColor(live.adherence)) {
        DrawAdherenceStrip(dl, live.adherence, p.x + 3, q.x - 3, q.y - 1);
        if (ctx.report) {
            std::string impact(wfm::ImpactName(live.adherence.impact));
            if (live.adherence.severe) impact += ":severe";
            ctx.report->Add("seat_adh." + a.key, impact, p.x, q.y - 7, m.seat_w, 6);
        }
    }

    if (hovered) SeatTooltip(ctx, a, live, check);
    if (ctx.report) {
        const ImVec2 mn = ImGui::GetItemRectMin();
        ctx.report->Add("seat." + a.key, std::string(AgentStateName(live.state)), mn.x, mn.y, m.seat_w, m.seat_h);
    }
}

void DrawMap(const ViewContext& ctx, const SeatMetrics& m) {
    const Snapshot& s = ctx.snapshot;
    std::vector<TeamBlock> blocks;
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 size = LayoutTeams(s, m, width, &blocks);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Team titles and which blocks are on screen at all.
    std::vector<char> visible(blocks.size(), 0);
    for (size_t t = 0; t < blocks.size(); ++t) {
        const TeamBlock& b = blocks[t];
        if (!b.shown) continue;
        const ImVec2 bmin(origin.x + b.x, origin.y + b.y);
        visible[t] = ImGui::IsRectVisible(bmin, ImVec2(bmin.x + b.w, bmin.y + b.h));
        if (!visible[t]) continue;
        const TeamLive& tl = s.teams[t];
        char title[160];
        std::snprintf(title, sizeof title, "%s  ·  %s %d", Name(ctx, s.directory.teams[t]), ctx.tr(Str::AgentsLoggedIn), tl.agents_logged_in);
        dl->AddText(bmin, ImGui::GetColorU32(ImGuiCol_Text), title);
        if (ctx.report) ctx.report->Add("floor.team." + s.directory.teams[t].key, Name(ctx, s.directory.teams[t]), bmin.x, bmin.y, b.w, m.title_h);
    }
    for (size_t i = 0; i < s.directory.agents.size(); ++i) {
        const AgentInfo& a = s.directory.agents[i];
        if (a.team >= blocks.size() || !visible[a.team]) continue;
        const TeamBlock& b = blocks[a.team];
        const ImVec2 p(origin.x + b.x + a.seat_col * (m.seat_w + m.gap), origin.y + b.y + m.title_h + a.seat_row * (m.seat_h + m.gap));
        if (!ImGui::IsRectVisible(p, ImVec2(p.x + m.seat_w, p.y + m.seat_h))) continue;
        DrawSeat(ctx, i, p, m);
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(size);
}

void DrawLegend(const ViewContext& ctx) {
    const float h = ImGui::GetTextLineHeight();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::TextDisabled("%s", ctx.tr(Str::FloorLegend));
    static constexpr AgentState kStates[] = {AgentState::Available, AgentState::Ringing, AgentState::OnCall, AgentState::OnHold,
                                             AgentState::WrapUp,    AgentState::NotReady, AgentState::LoggedOut};
    for (AgentState st : kStates) {
        ImGui::SameLine(0, 12);
        const ImVec2 c = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(ImVec2(c.x, c.y + h * 0.15f), ImVec2(c.x + h, c.y + h * 0.85f), StateColor(st), 2.0f);
        ImGui::Dummy(ImVec2(h, h));
        ImGui::SameLine(0, 4);
        ImGui::TextUnformatted(ctx.tr.State(st));
    }
    ImGui::SameLine(0, 12);
    const ImVec2 c = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(ImVec2(c.x, c.y + h * 0.15f), ImVec2(c.x + h, c.y + h * 0.85f), StateColor(AgentState::OnCall), 2.0f);
    dl->AddRect(ImVec2(c.x, c.y + h * 0.15f), ImVec2(c.x + h, c.y + h * 0.85f), FlagColor(), 2.0f, 0, 2.0f);
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine(0, 4);
    ImGui::TextUnformatted(ctx.tr(Str::FloorFlagOutline));
    ReportLastItem(ctx, "floor.legend", ctx.tr(Str::FloorLegend));
    if (ctx.snapshot.schedule.set) {
        // The adherence strip: negative, positive, severe.
        ImGui::SameLine(0, 12);
        const ImVec2 a = ImGui::GetCursorScreenPos();
        // Negative, positive, neutral, and a severe one.
        wfm::LiveAdherence out;
        out.status = wfm::LiveStatus::OutOfAdherence;
        out.counted = true;
        const wfm::Impact impacts[] = {wfm::Impact::Negative, wfm::Impact::Positive, wfm::Impact::Neutral, wfm::Impact::Negative};
        for (int k = 0; k < 4; ++k) {
            out.impact = impacts[k];
            out.severe = k == 3;
            const float x0 = a.x + h * 1.3f * float(k);
            DrawAdherenceStrip(dl, out, x0, x0 + h * 1.1f, a.y + h * 0.9f);
        }
        ImGui::Dummy(ImVec2(h * 5.1f, h));
        ImGui::SameLine(0, 4);
        ImGui::TextUnformatted(ctx.tr(Str::AdhLegend));
        ReportLastItem(ctx, "floor.legend.adherence", ctx.tr(Str::AdhLegend));
    }
}

struct Flagged {
    uint32_t agent;
    SeatCheck check;
};

// Every flagged agent, longest overrun first.
void CollectFlagged(const ViewContext& ctx, std::vector<Flagged>* out, int* logged_in) {
    const Snapshot& s = ctx.snapshot;
    *logged_in = 0;
    for (size_t i = 0; i < s.agents.size(); ++i) {
        if (s.agents[i].state != AgentState::LoggedOut) ++*logged_in;
        const SeatCheck c = CheckSeat(s.agents[i], ctx.center_now_ms, ctx.ui.thresholds);
        if (c.flag != SeatFlag::None) out->push_back({uint32_t(i), c});
    }
    std::sort(out->begin(), out->end(), [](const Flagged& x, const Flagged& y) {
        const int64_t ox = x.check.elapsed_ms - x.check.limit_ms, oy = y.check.elapsed_ms - y.check.limit_ms;
        return ox != oy ? ox > oy : x.agent < y.agent;
    });
}

void DrawFlaggedList(const ViewContext& ctx, const std::vector<Flagged>& flagged, int logged_in) {
    const Snapshot& s = ctx.snapshot;
    ImGui::TextUnformatted(ctx.tr(Str::FloorFlagged));
    char buf[160];
    std::snprintf(buf, sizeof buf, ctx.tr(Str::FloorFlaggedFmt), int(flagged.size()), logged_in);
    ImGui::TextDisabled("%s", buf);
    ReportLastItem(ctx, "floor.flagged", std::to_string(flagged.size()));
    if (flagged.empty()) {
        ImGui::TextUnformatted(ctx.tr(Str::FloorNoneFlagged));
        return;
    }
    ImGui::BeginChild("flagged_list", ImVec2(0, 0), false);
    ImGuiListClipper clipper;
    clipper.Begin(int(flagged.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Flagged& f = flagged[size_t(r)];
            const AgentInfo& a = s.directory.agents[f.agent];
            char over[32], label[256];
            FormatDurationTo(over, sizeof over, f.check.elapsed_ms, ctx.tr, DurationStyle::Timer);
            std::snprintf(label, sizeof label, "%s · %s  %s###flag%u", Name(ctx, a), ctx.tr(FlagLabel(f.check.flag)), over, f.agent);
            if (ImGui::Selectable(label, ctx.ui.selected_agent == f.agent))
                ctx.actions->push_back({UiAction::Kind::SelectAgent, int(f.agent)});
            if (ctx.report) {
                const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
                ctx.report->Add("flag." + a.key, std::string(FlagName(f.check.flag)), mn.x, mn.y, mx.x - mn.x, mx.y - mn.y);
            }
        }
    }
    ImGui::EndChild();
}

}  // namespace

void DrawFloor(const ViewContext& ctx, const Fonts& fonts) {
    const Snapshot& s = ctx.snapshot;
    if (ctx.ui.selected_agent != kNoAgent && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        ctx.actions->push_back({UiAction::Kind::SelectAgent, -1});
    DrawLegend(ctx);
    if (s.directory.agents.empty()) {
        ImGui::TextUnformatted(ctx.tr(Str::FloorNoAgents));
        ReportLastItem(ctx, "floor.empty", ctx.tr(Str::FloorNoAgents));
        return;
    }
    const SeatMetrics m = Metrics();
    const float side_w = std::floor(m.line * 22);
    const float avail_w = ImGui::GetContentRegionAvail().x;
    const bool side_by_side = avail_w > side_w * 2.2f;
    const float map_w = side_by_side ? avail_w - side_w - ImGui::GetStyle().ItemSpacing.x : avail_w;

    ImGui::BeginChild("floor_map", ImVec2(map_w, side_by_side ? 0.0f : ImGui::GetContentRegionAvail().y * 0.6f), false,
                      ImGuiWindowFlags_HorizontalScrollbar);
    DrawMap(ctx, m);
    ImGui::EndChild();
    if (side_by_side) ImGui::SameLine();

    std::vector<Flagged> flagged;
    int logged_in = 0;
    CollectFlagged(ctx, &flagged, &logged_in);
    ImGui::BeginChild("floor_side", ImVec2(0, 0), true);
    if (ctx.ui.selected_agent < s.agents.size()) {
        DrawAgentCard(ctx, fonts);
        ImGui::Separator();
    }
    LiveStaffingTable(ctx);
    ImGui::Separator();
    if (s.schedule.set) {
        AdherenceList(ctx);
        ImGui::Separator();
    }
    DrawFlaggedList(ctx, flagged, logged_in);
    ImGui::EndChild();
}

}  // namespace cb
