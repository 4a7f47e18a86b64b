// Thresholds panel: the limits behind the wallboard's colors and the floor map's flags, edited
// as a draft (ctx.settings_draft) and applied as a whole by the controller, which saves them.
#include <cstdio>
#include <imgui.h>
#include "views.h"

namespace cb {
namespace {

// Starts a row: the label, then the value cell sized to its column; writes the widget id.
void BeginRow(const ViewContext& ctx, Str label, const char* id, char (&widget)[64]) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(ctx.tr(label));
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    std::snprintf(widget, sizeof widget, "##%s", id);
}

// One row: label, an integer field in seconds; reports settings.<id>.
void SecondsRow(const ViewContext& ctx, Str label, const char* id, int* value) {
    char widget[64];
    BeginRow(ctx, label, id, widget);
    ImGui::InputInt(widget, value, 5, 60);
    ReportLastItem(ctx, std::string("settings.") + id, std::to_string(*value));
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", ctx.tr(Str::UnitSeconds));
}

// One row for a share shown and edited in percent.
void PercentRow(const ViewContext& ctx, Str label, const char* id, double* share) {
    char widget[64];
    BeginRow(ctx, label, id, widget);
    double percent = *share * 100.0;
    if (ImGui::InputDouble(widget, &percent, 1.0, 5.0, "%.1f")) *share = percent / 100.0;
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", *share * 100.0);
    ReportLastItem(ctx, std::string("settings.") + id, text);
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%%");
}

void Section(const ViewContext& ctx, Str title) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", ctx.tr(title));
}

}  // namespace

void DrawSettings(const ViewContext& ctx, const Fonts& fonts) {
    Thresholds* t = ctx.settings_draft;
    if (!t) return;
    ImGui::TextUnformatted(ctx.tr(Str::SettingsTitle));
    ImGui::TextWrapped("%s", ctx.tr(Str::SettingsHelp));
    if (ImGui::BeginTable("settings", 3, ImGuiTableFlags_SizingFixedFit, ImVec2(620, 0))) {
        ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, 360);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed, 180);
        ImGui::TableSetupColumn("unit", ImGuiTableColumnFlags_WidthFixed, 40);
        Section(ctx, Str::TabWallboard);
        SecondsRow(ctx, Str::SetOldestWaitWarn, "oldest_wait_warn_s", &t->oldest_wait_warn_s);
        SecondsRow(ctx, Str::SetOldestWaitBad, "oldest_wait_bad_s", &t->oldest_wait_bad_s);
        PercentRow(ctx, Str::SetSlMargin, "sl_warn_margin", &t->sl_warn_margin);
        PercentRow(ctx, Str::SetAbandonWarn, "abandon_warn", &t->abandon_warn);
        PercentRow(ctx, Str::SetAbandonBad, "abandon_bad", &t->abandon_bad);
        SecondsRow(ctx, Str::SetAsaWarn, "asa_warn_s", &t->asa_warn_s);
        SecondsRow(ctx, Str::SetAsaBad, "asa_bad_s", &t->asa_bad_s);
        Section(ctx, Str::TabFloor);
        SecondsRow(ctx, Str::SetCallLong, "call_long_s", &t->call_long_s);
        SecondsRow(ctx, Str::SetWrapLong, "wrap_long_s", &t->wrap_long_s);
        SecondsRow(ctx, Str::SetBreakLong, "break_long_s", &t->break_long_s);
        SecondsRow(ctx, Str::SetLunchLong, "lunch_long_s", &t->lunch_long_s);
        SecondsRow(ctx, Str::SetPlannedLong, "planned_long_s", &t->planned_long_s);
        SecondsRow(ctx, Str::SetNotReadyLong, "not_ready_long_s", &t->not_ready_long_s);
        Section(ctx, Str::TvMode);
        SecondsRow(ctx, Str::SetTvCycle, "tv_cycle_s", &t->tv_cycle_s);
        ImGui::EndTable();
    }
    if (ctx.settings_error && !ctx.settings_error->empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, HealthColor(Health::Bad));
        ImGui::TextWrapped("%s %s", ctx.tr(Str::SettingsInvalid), ctx.settings_error->c_str());
        ImGui::PopStyleColor();
        ReportLastItem(ctx, "settings.error", *ctx.settings_error);
    }
    if (ImGui::Button(ctx.tr(Str::SettingsApply))) ctx.actions->push_back({UiAction::Kind::ApplySettings, 0});
    ReportLastItem(ctx, "button.settings_apply", ctx.tr(Str::SettingsApply));
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr(Str::SettingsDefaults))) ctx.actions->push_back({UiAction::Kind::ApplySettings, 1});
    ReportLastItem(ctx, "button.settings_defaults", ctx.tr(Str::SettingsDefaults));
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr(Str::SettingsClose))) ctx.actions->push_back({UiAction::Kind::OpenSettings, 0});
    ReportLastItem(ctx, "button.settings_close", ctx.tr(Str::SettingsClose));
    (void)fonts;
}

}  // namespace cb
