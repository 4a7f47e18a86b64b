// Floor map: each team's seats as laid out on the floor, colored by state, with time in state.
#include <algorithm>
#include <cstdio>
#include <imgui.h>
#include "format.h"
#include "views.h"

namespace cb {

void DrawFloor(const ViewContext& ctx, const Fonts& fonts) {
    const Snapshot& s = ctx.snapshot;
    const float seat_w = 150, seat_h = 58;
    ImGui::BeginChild("floor", ImVec2(0, 0), false);
    for (size_t t = 0; t < s.directory.teams.size(); ++t) {
        ImGui::TextUnformatted(Name(ctx, s.directory.teams[t]));
        ImVec2 origin = ImGui::GetCursorScreenPos();
        int max_row = 0, max_col = 0;
        for (size_t i = 0; i < s.directory.agents.size(); ++i) {
            const AgentInfo& a = s.directory.agents[i];
            if (a.team != t) continue;
            max_row = std::max<int>(max_row, a.seat_row);
            max_col = std::max<int>(max_col, a.seat_col);
            const AgentLive& live = s.agents[i];
            ImVec2 p(origin.x + a.seat_col * (seat_w + 6), origin.y + a.seat_row * (seat_h + 6));
            ImGui::SetCursorScreenPos(p);
            ImGui::PushID(int(i));
            ImGui::InvisibleButton("seat", ImVec2(seat_w, seat_h));
            if (ImGui::IsItemClicked()) ctx.actions->push_back({UiAction::Kind::SelectAgent, int(i)});
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddRectFilled(p, ImVec2(p.x + seat_w, p.y + seat_h), StateColor(live.state), 5.0f);
            const char* label = live.state == AgentState::NotReady ? ctx.tr.Reason(live.reason) : ctx.tr.State(live.state);
            std::string time = live.state == AgentState::LoggedOut ? "" : FormatDuration(ctx.center_now_ms - live.state_since_ms);
            dl->AddText(ImVec2(p.x + 6, p.y + 4), IM_COL32_WHITE, Name(ctx, a));
            dl->AddText(ImVec2(p.x + 6, p.y + 22), IM_COL32(235, 235, 235, 255), label);
            dl->AddText(ImVec2(p.x + 6, p.y + 38), IM_COL32(235, 235, 235, 255), time.c_str());
            ReportLastItem(ctx, "seat." + a.key, std::string(AgentStateName(live.state)));
            ImGui::PopID();
        }
        ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + (max_row + 1) * (seat_h + 6) + 8));
    }
    ImGui::EndChild();
    (void)fonts;
}

}  // namespace cb
