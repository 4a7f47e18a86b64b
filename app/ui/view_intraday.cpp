// Queues and intraday: per queue and interval, offered / answered / abandoned, service level
// and ASA against the target, agents staffed.
#include <cstdio>
#include <imgui.h>
#include "format.h"
#include "views.h"

namespace cb {

void DrawIntraday(const ViewContext& ctx, const Fonts& fonts) {
    const Snapshot& s = ctx.snapshot;
    for (size_t q = 0; q < s.directory.queues.size(); ++q) {
        const QueueInfo& info = s.directory.queues[q];
        if (!ImGui::CollapsingHeader(Name(ctx, info), ImGuiTreeNodeFlags_DefaultOpen)) continue;
        if (!ImGui::BeginTable(info.key.c_str(), 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) continue;
        ImGui::TableSetupColumn(ctx.tr(Str::CenterTime));
        ImGui::TableSetupColumn(ctx.tr(Str::KpiOffered));
        ImGui::TableSetupColumn(ctx.tr(Str::KpiAnswered));
        ImGui::TableSetupColumn(ctx.tr(Str::KpiAbandoned));
        ImGui::TableSetupColumn(ctx.tr(Str::KpiServiceLevel));
        ImGui::TableSetupColumn(ctx.tr(Str::KpiAsa));
        ImGui::TableHeadersRow();
        for (const IntervalRow& r : s.intervals[q]) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(FormatClock(r.start_ms, s.tz_offset_min, false).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%lld", (long long)r.counts.offered);
            ImGui::TableNextColumn();
            ImGui::Text("%lld", (long long)r.counts.answered);
            ImGui::TableNextColumn();
            ImGui::Text("%lld", (long long)r.counts.abandoned);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(FormatPercent(ServiceLevel(r.counts, info.sl)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(FormatSeconds(Asa(r.counts)).c_str());
        }
        ImGui::EndTable();
    }
    (void)fonts;
}

}  // namespace cb
