// Helpers shared by the views (views.h).
#include <imgui.h>
#include "views.h"

namespace cb {

void ReportLastItem(const ViewContext& ctx, const std::string& id, const std::string& text) {
    if (!ctx.report) return;
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ctx.report->Add(id, text, a.x, a.y, b.x - a.x, b.y - a.y);
}

void KpiTooltip(const ViewContext& ctx, const char* title, const char* definition, const std::string& counts) {
    if (!ImGui::IsItemHovered()) return;
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(title);
    ImGui::Separator();
    ImGui::TextDisabled("%s", ctx.tr(Str::DefinitionTitle));
    ImGui::TextUnformatted(definition);
    if (!counts.empty()) ImGui::TextUnformatted(counts.c_str());
    ImGui::EndTooltip();
}

const char* Name(const ViewContext& ctx, const QueueInfo& q) {
    return (ctx.tr.lang == Lang::Zh && !q.name_zh.empty()) ? q.name_zh.c_str() : q.name_en.c_str();
}
const char* Name(const ViewContext& ctx, const TeamInfo& t) {
    return (ctx.tr.lang == Lang::Zh && !t.name_zh.empty()) ? t.name_zh.c_str() : t.name_en.c_str();
}
const char* Name(const ViewContext& ctx, const AgentInfo& a) {
    return (ctx.tr.lang == Lang::Zh && !a.name_zh.empty()) ? a.name_zh.c_str() : a.name_en.c_str();
}

}  // namespace cb
