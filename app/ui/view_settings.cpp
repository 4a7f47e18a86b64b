// Thresholds panel: the limits behind the wallboard's colors and the floor map's flags, edited
// as a draft (ctx.settings) and applied as a whole by the controller. Connected to a server
// (ctx.thresholds) it edits the server's sets: the whole center's, or a team's own limits
// (a "Team's own" box per row; without it the row follows the center), shows who changed
// them last, and is read-only for roles that may not change them. The offline demos edit a
// set of their own.
#include <cstdio>
#include <cstring>
#include <imgui.h>
#include <iterator>
#include "format.h"
#include "views.h"

namespace cb {
namespace {

struct RowDef {
    Str label;
    const char* key;
};
// Sections and rows in ThresholdFields() order.
constexpr RowDef kRows[] = {
    {Str::SetOldestWaitWarn, "oldest_wait_warn_s"}, {Str::SetOldestWaitBad, "oldest_wait_bad_s"},
    {Str::SetSlMargin, "sl_warn_margin"},           {Str::SetAbandonWarn, "abandon_warn"},
    {Str::SetAbandonBad, "abandon_bad"},            {Str::SetAsaWarn, "asa_warn_s"},
    {Str::SetAsaBad, "asa_bad_s"},                  {Str::SetCallLong, "call_long_s"},
    {Str::SetWrapLong, "wrap_long_s"},              {Str::SetBreakLong, "break_long_s"},
    {Str::SetLunchLong, "lunch_long_s"},            {Str::SetPlannedLong, "planned_long_s"},
    {Str::SetNotReadyLong, "not_ready_long_s"},     {Str::SetTvCycle, "tv_cycle_s"},
};

Str LabelOf(std::string_view key) {
    for (const RowDef& r : kRows)
        if (key == r.key) return r.label;
    return Str::Settings;
}

// The refusal in the user's language (the server's English words when the code is unknown).
std::string ErrorText(const ViewContext& ctx, const ThresholdError& e) {
    char buf[256];
    if (e.code == "whole_seconds") return ctx.tr(Str::ErrWholeSeconds);
    if (e.code == "seconds_range") return ctx.tr(Str::ErrSecondsRange);
    if (e.code == "share_range" || e.code == "number") return ctx.tr(Str::ErrShareRange);
    if (e.code == "above_bad") {
        std::string other = e.other;
        if (other.empty()) {  // from the server: the red limit of this amber one
            other = e.field;
            if (const size_t at = other.find("warn"); at != std::string::npos) other.replace(at, 4, "bad");
        }
        std::snprintf(buf, sizeof buf, ctx.tr(Str::ErrAboveBadFmt), ctx.tr(LabelOf(other)));
        return buf;
    }
    if (e.code == "forbidden") return ctx.tr(Str::ErrForbidden);
    if (e.code == "unreachable") return ctx.tr(Str::LoginUnreachable);
    std::snprintf(buf, sizeof buf, ctx.tr(Str::ErrServerFmt), e.message.c_str());
    return buf;
}

void ErrorLine(const ViewContext& ctx, const std::string& text, const char* report_id) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad)));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    ReportLastItem(ctx, report_id, text);
}

const char* TeamName(const ViewContext& ctx, const std::string& key) {
    for (const TeamInfo& t : ctx.snapshot.directory.teams)
        if (t.key == key) return Name(ctx, t);
    return key.c_str();
}

std::string WhoText(const ViewContext& ctx, const std::string& by) {
    return by == "(local)" ? std::string(ctx.tr(Str::SettingsLocalUser)) : by;
}

// The team picker: the whole center, then the teams this user may change or whose own limits
// they may see.
void ScopePicker(const ViewContext& ctx, const ThresholdsDoc& doc, const SettingsEditor& editor) {
    ImGui::TextUnformatted(ctx.tr(Str::SettingsScope));
    ImGui::SameLine();
    if (ImGui::RadioButton(ctx.tr(Str::WallboardCenter), editor.team.empty()))
        ctx.actions->push_back({UiAction::Kind::SettingsScope, -1});
    ReportLastItem(ctx, "settings.scope.center", ctx.tr(Str::WallboardCenter));
    const auto& teams = ctx.snapshot.directory.teams;
    for (size_t i = 0; i < teams.size(); ++i) {
        if (!doc.MayEditTeam(teams[i].key) && !doc.sets.Team(teams[i].key)) continue;
        ImGui::SameLine();
        char label[160];
        std::snprintf(label, sizeof label, "%s%s###scope.%s", Name(ctx, teams[i]), doc.sets.Team(teams[i].key) ? " *" : "",
                      teams[i].key.c_str());
        if (ImGui::RadioButton(label, editor.team == teams[i].key)) ctx.actions->push_back({UiAction::Kind::SettingsScope, int(i)});
        ReportLastItem(ctx, "settings.scope." + teams[i].key, Name(ctx, teams[i]));
    }
}

// One row: label, the team's "own" box (team scope), the value (seconds, or a share shown in
// percent), the unit, and the refusal under it when it names this row.
void Row(const ViewContext& ctx, SettingsEditor& editor, size_t index, bool team_scope, bool editable, const Thresholds& center) {
    const ThresholdField& f = ThresholdFields()[index];
    const RowDef& def = kRows[index];
    const bool own = !team_scope || ((editor.own >> index) & 1u);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(ctx.tr(def.label));
    ImGui::TableNextColumn();
    if (team_scope) {
        bool checked = own;
        ImGui::BeginDisabled(!editable);
        char id[64];
        std::snprintf(id, sizeof id, "##own.%s", f.key);
        if (ImGui::Checkbox(id, &checked)) ctx.actions->push_back({UiAction::Kind::SettingsOwn, int(index)});
        ImGui::EndDisabled();
        ReportLastItem(ctx, std::string("settings.own.") + f.key, own ? "1" : "0");
    }
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    char widget[64];
    std::snprintf(widget, sizeof widget, "##%s", f.key);
    ImGui::BeginDisabled(!editable || !own);
    Thresholds shown_center = center;
    Thresholds& values = own ? editor.draft : shown_center;  // a row that follows the center shows its value
    char text[32];
    if (f.seconds) {
        ImGui::InputInt(widget, &(values.*f.seconds), 5, 60);
        std::snprintf(text, sizeof text, "%d", values.*f.seconds);
    } else {
        double percent = values.*f.share * 100.0;
        if (ImGui::InputDouble(widget, &percent, 1.0, 5.0, "%.1f")) values.*f.share = percent / 100.0;
        std::snprintf(text, sizeof text, "%.1f", values.*f.share * 100.0);
    }
    ImGui::EndDisabled();
    ReportLastItem(ctx, std::string("settings.") + f.key, text);
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", f.seconds ? ctx.tr(Str::UnitSeconds) : "%");
    if (!editor.error.code.empty() && editor.error.field == f.key) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        ErrorLine(ctx, ErrorText(ctx, editor.error), "settings.error");
    }
}

void Section(const ViewContext& ctx, Str title) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", ctx.tr(title));
}

}  // namespace

void DrawSettings(const ViewContext& ctx, const Fonts& fonts) {
    if (!ctx.settings) return;
    SettingsEditor& editor = *ctx.settings;
    const ThresholdsDoc* doc = ctx.thresholds;
    const bool team_scope = doc && !editor.team.empty();
    const bool editable = SettingsEditable(editor, doc);
    ImGui::TextUnformatted(ctx.tr(Str::SettingsTitle));
    ReportLastItem(ctx, "settings.title", ctx.tr(Str::SettingsTitle));
    ImGui::TextWrapped("%s", ctx.tr(doc ? Str::SettingsHelpServer : Str::SettingsHelp));

    if (doc) {
        ScopePicker(ctx, *doc, editor);
        // Who changed the set shown last, and what this screen uses.
        std::string last;
        const int32_t tz = ctx.snapshot.tz_offset_min;
        char buf[256];
        if (team_scope) {
            const TeamThresholds* t = doc->sets.Team(editor.team);
            if (t) {
                std::snprintf(buf, sizeof buf, ctx.tr(Str::SettingsLastFmt), WhoText(ctx, t->updated_by).c_str(),
                              FormatDateTime(t->updated_ms, tz).c_str());
                last = buf;
            } else {
                last = ctx.tr(Str::SettingsTeamFollows);
            }
        } else if (!doc->sets.center_by.empty()) {
            std::snprintf(buf, sizeof buf, ctx.tr(Str::SettingsLastFmt), WhoText(ctx, doc->sets.center_by).c_str(),
                          FormatDateTime(doc->sets.center_ms, tz).c_str());
            last = buf;
        } else {
            last = ctx.tr(Str::SettingsNeverChanged);
        }
        ImGui::TextDisabled("%s", last.c_str());
        ReportLastItem(ctx, "settings.last_changed", last);
        std::string uses = ctx.tr(Str::SettingsUsesCenter);
        if (!doc->applied_team.empty()) {
            std::snprintf(buf, sizeof buf, ctx.tr(Str::SettingsUsesTeamFmt), TeamName(ctx, doc->applied_team));
            uses = buf;
        }
        ImGui::TextDisabled("%s", uses.c_str());
        ReportLastItem(ctx, "settings.applies", uses);
        if (!editable) {
            ImGui::TextWrapped("%s", ctx.tr(Str::SettingsReadOnly));
            ReportLastItem(ctx, "settings.read_only", ctx.tr(Str::SettingsReadOnly));
        }
    } else {
        ImGui::TextDisabled("%s", ctx.tr(Str::SettingsOffline));
    }

    const Thresholds center = doc ? doc->sets.center : editor.draft;
    if (ImGui::BeginTable("settings", 4, ImGuiTableFlags_SizingFixedFit, ImVec2(720, 0))) {
        ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, 380);
        ImGui::TableSetupColumn("own", ImGuiTableColumnFlags_WidthFixed, team_scope ? 90.0f : 1.0f);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed, 180);
        ImGui::TableSetupColumn("unit", ImGuiTableColumnFlags_WidthFixed, 40);
        if (team_scope) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", ctx.tr(Str::SettingsOwn));
        }
        for (size_t i = 0; i < std::size(kRows); ++i) {
            if (i == 0) Section(ctx, Str::TabWallboard);
            if (std::strcmp(kRows[i].key, "call_long_s") == 0) Section(ctx, Str::TabFloor);
            if (std::strcmp(kRows[i].key, "tv_cycle_s") == 0) Section(ctx, Str::TvMode);
            Row(ctx, editor, i, team_scope, editable, center);
        }
        ImGui::EndTable();
    }
    if (!editor.error.code.empty() && ThresholdFieldIndex(editor.error.field) < 0) {
        ErrorLine(ctx, ctx.tr(Str::SettingsInvalid) + std::string(" ") + ErrorText(ctx, editor.error), "settings.error");
    }
    if (editor.sending) {
        ImGui::TextDisabled("%s", ctx.tr(Str::SettingsSending));
        ReportLastItem(ctx, "settings.status", ctx.tr(Str::SettingsSending));
    } else if (editor.saved) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Good)));
        ImGui::TextUnformatted(ctx.tr(Str::SettingsSaved));
        ImGui::PopStyleColor();
        ReportLastItem(ctx, "settings.status", ctx.tr(Str::SettingsSaved));
    }
    if (editable) {
        ImGui::BeginDisabled(editor.sending);
        if (ImGui::Button(ctx.tr(Str::SettingsApply))) ctx.actions->push_back({UiAction::Kind::ApplySettings, 0});
        ReportLastItem(ctx, "button.settings_apply", ctx.tr(Str::SettingsApply));
        ImGui::SameLine();
        const char* reset = team_scope ? ctx.tr(Str::SettingsFollowAll) : ctx.tr(Str::SettingsDefaults);
        if (ImGui::Button(reset)) ctx.actions->push_back({UiAction::Kind::ApplySettings, 1});
        ReportLastItem(ctx, "button.settings_defaults", reset);
        ImGui::EndDisabled();
        ImGui::SameLine();
    }
    if (ImGui::Button(ctx.tr(Str::SettingsClose))) ctx.actions->push_back({UiAction::Kind::OpenSettings, 0});
    ReportLastItem(ctx, "button.settings_close", ctx.tr(Str::SettingsClose));
    (void)fonts;
}

}  // namespace cb
