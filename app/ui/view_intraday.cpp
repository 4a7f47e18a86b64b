// Queues and intraday: per queue, today's totals and, per interval, offered / answered /
// abandoned (bars), agents staffed, service level and ASA against the target (lines); the raw
// counts of an interval on hover, and the same numbers as a table on demand.
#include <cstdio>
#include <imgui.h>
#include "chart_intraday.h"
#include "format.h"
#include "views.h"
#include "widget_figures.h"

namespace cb {
namespace {

void IntervalTable(const ViewContext& ctx, size_t q) {
    const Snapshot& s = ctx.snapshot;
    const QueueInfo& info = s.directory.queues[q];
    if (!ImGui::BeginTable(info.key.c_str(), 7, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) return;
    ImGui::TableSetupColumn(ctx.tr(Str::ChartInterval));
    ImGui::TableSetupColumn(ctx.tr(Str::KpiOffered));
    ImGui::TableSetupColumn(ctx.tr(Str::KpiAnswered));
    ImGui::TableSetupColumn(ctx.tr(Str::KpiAbandoned));
    ImGui::TableSetupColumn(ctx.tr(Str::KpiServiceLevel));
    ImGui::TableSetupColumn(ctx.tr(Str::KpiAsa));
    ImGui::TableSetupColumn(ctx.tr(Str::ChartStaffed));
    ImGui::TableHeadersRow();
    for (const IntervalRow& r : s.intervals[q]) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatClock(r.start_ms, LocalOffsetMin(s, r.start_ms), false).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%lld", (long long)r.counts.offered);
        ImGui::TableNextColumn();
        ImGui::Text("%lld", (long long)r.counts.answered);
        ImGui::TableNextColumn();
        ImGui::Text("%lld", (long long)r.counts.abandoned);
        ImGui::TableNextColumn();
        const Ratio sl = ServiceLevel(r.counts, info.sl);
        ImGui::Text("%s (%lld / %lld)", FormatPercent(sl).c_str(), (long long)sl.numerator, (long long)sl.denominator);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatMeanDuration(Asa(r.counts), ctx.tr).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%.1f", r.agents_staffed);
    }
    ImGui::EndTable();
}

}  // namespace

void DrawIntraday(const ViewContext& ctx, const Fonts& fonts) {
    const Snapshot& s = ctx.snapshot;
    const Thresholds& th = ctx.ui.thresholds;
    const float chart_h = ImGui::GetTextLineHeight() * 11;
    ImGui::BeginChild("intraday", ImVec2(0, 0), false);
    for (size_t q = 0; q < s.directory.queues.size(); ++q) {
        const QueueInfo& info = s.directory.queues[q];
        ImGui::PushID(int(q));
        char header[160];
        std::snprintf(header, sizeof header, "%s###queue", Name(ctx, info));
        const bool open = ImGui::CollapsingHeader(header, ImGuiTreeNodeFlags_DefaultOpen);
        ReportLastItem(ctx, "intraday." + info.key, Name(ctx, info));
        if (open) {
            // Today's totals from summed counts, with the target.
            const KpiCounts& today = s.queues[q].today;
            const Ratio sl = ServiceLevel(today, info.sl);
            const Mean asa = Asa(today);
            ImGui::Text("%s %lld   %s %lld   %s %lld", ctx.tr(Str::KpiOffered), (long long)today.offered, ctx.tr(Str::KpiAnswered),
                        (long long)today.answered, ctx.tr(Str::KpiAbandoned), (long long)today.abandoned);
            ImGui::SameLine(0, 24);
            const Health slh = SlHealth(sl, info.sl.target, th);
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(slh == Health::Unknown ? ImGui::GetColorU32(ImGuiCol_Text) : HealthColor(slh)),
                               "%s %s (%s %.0f%%)", ctx.tr(Str::KpiServiceLevel), FormatPercent(sl).c_str(), ctx.tr(Str::KpiTarget),
                               info.sl.target * 100.0);
            KpiTooltip(ctx, ctx.tr(Str::KpiServiceLevel), ctx.tr.Variant(info.sl.variant), CountsText(ctx, sl));
            ImGui::SameLine(0, 24);
            ImGui::Text("%s %s", ctx.tr(Str::KpiAsa), FormatMeanDuration(asa, ctx.tr).c_str());
            KpiTooltip(ctx, ctx.tr(Str::KpiAsa), ctx.tr(Str::DefAsa), FormatDuration(asa.total, ctx.tr) + " / " + std::to_string(asa.count));
            DrawQueueCharts(ctx, q, chart_h);
            if (!s.intervals.empty() && q < s.intervals.size() && !s.intervals[q].empty() && ImGui::TreeNode("interval_table", "%s", ctx.tr(Str::ChartInterval))) {
                IntervalTable(ctx, q);
                ImGui::TreePop();
            }
            ImGui::Spacing();
        }
        ImGui::PopID();
    }
    ImGui::EndChild();
    (void)fonts;
}

}  // namespace cb
