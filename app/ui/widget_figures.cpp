// Shared figures (widget_figures.h).
#include "widget_figures.h"

#include <cstdio>
#include <imgui.h>
#include "format.h"
#include "views.h"

namespace cb {

Health SlHealth(const Ratio& sl, double target, const Thresholds& th) {
    if (!sl.valid) return Health::Unknown;
    if (sl.value >= target) return Health::Good;
    if (sl.value >= target - th.sl_warn_margin) return Health::Warning;
    return Health::Bad;
}

Health OldestWaitHealth(int64_t oldest_wait_ms, const Thresholds& th) {
    if (oldest_wait_ms > int64_t(th.oldest_wait_bad_s) * 1000) return Health::Bad;
    if (oldest_wait_ms > int64_t(th.oldest_wait_warn_s) * 1000) return Health::Warning;
    return Health::Good;
}

Health AbandonHealth(const Ratio& abandon_rate, const Thresholds& th) {
    if (!abandon_rate.valid) return Health::Unknown;
    if (abandon_rate.value > th.abandon_bad) return Health::Bad;
    if (abandon_rate.value > th.abandon_warn) return Health::Warning;
    return Health::Good;
}

Health AsaHealth(const Mean& asa, const Thresholds& th) {
    if (!asa.valid) return Health::Unknown;
    if (asa.value > th.asa_bad_s * 1000.0) return Health::Bad;
    if (asa.value > th.asa_warn_s * 1000.0) return Health::Warning;
    return Health::Good;
}

std::string CountsText(const ViewContext& ctx, const Ratio& r) {
    char buf[96];
    std::snprintf(buf, sizeof buf, ctx.tr(Str::CountsBehindFmt), (long long)r.numerator, (long long)r.denominator);
    return buf;
}

std::string SecondsRuleText(const ViewContext& ctx, int warn_s, int bad_s) {
    char buf[160];
    std::snprintf(buf, sizeof buf, ctx.tr(Str::ColorRuleFmt), FormatDuration(int64_t(warn_s) * 1000, ctx.tr).c_str(),
                  FormatDuration(int64_t(bad_s) * 1000, ctx.tr).c_str());
    return buf;
}

void BigFigure(const ViewContext& ctx, const Fonts& fonts, const char* label, const char* value, Health h,
               const char* report_id, float max_w) {
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", label);
    ImGui::PushFont(FigureFont(fonts, ctx.ui.tv_mode));
    const ImU32 color = h == Health::Unknown ? ImGui::GetColorU32(ImGuiCol_Text) : HealthColor(h);
    const float size = ImGui::GetFontSize();
    const ImVec2 full = ImGui::CalcTextSize(value);
    const float fit = (max_w > 0 && full.x > max_w) ? size * max_w / full.x : size;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    // Smaller figures sit on the same baseline area, centred in the line the full size takes.
    ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), fit, ImVec2(p.x, p.y + (size - fit) * 0.5f), color, value);
    ImGui::Dummy(ImVec2(full.x * fit / size, full.y));
    ImGui::PopFont();
    ImGui::EndGroup();
    ReportLastItem(ctx, report_id, value);
}

void AgentCounts(const ViewContext& ctx, int available, int on_call, int wrap, int not_ready) {
    struct Part { Str label; int n; AgentState state; };
    const Part parts[] = {{Str::KpiAgentsAvailable, available, AgentState::Available},
                          {Str::KpiAgentsOnCall, on_call, AgentState::OnCall},
                          {Str::KpiAgentsWrapUp, wrap, AgentState::WrapUp},
                          {Str::KpiAgentsNotReady, not_ready, AgentState::NotReady}};
    for (const Part& p : parts) {
        if (&p != parts) ImGui::SameLine(0, 14);
        ImVec2 c = ImGui::GetCursorScreenPos();
        float h = ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(c.x, c.y + h * 0.2f), ImVec2(c.x + h * 0.6f, c.y + h * 0.8f),
                                                  StateColor(p.state), 2.0f);
        ImGui::Dummy(ImVec2(h * 0.6f, h));
        ImGui::SameLine(0, 4);
        ImGui::Text("%s %d", ctx.tr(p.label), p.n);
    }
}

}  // namespace cb
