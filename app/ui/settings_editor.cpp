// The thresholds panel's rules (settings_editor.h).
#include "settings_editor.h"

#include <nlohmann/json.hpp>

namespace cb {

void LoadSettingsDraft(SettingsEditor* editor, const ThresholdsDoc* doc, const Thresholds& local, std::string team) {
    editor->team = doc ? std::move(team) : std::string();
    editor->own = 0;
    editor->error = {};
    editor->saved = false;
    if (!doc) {
        editor->draft = local;
    } else {
        editor->draft = doc->sets.center;
        if (!editor->team.empty())
            if (const TeamThresholds* t = doc->sets.Team(editor->team)) {
                editor->draft = MergeThresholds(doc->sets.center, t->values);
                editor->own = t->values.set;
            }
    }
    editor->loaded = editor->draft;
    editor->loaded_own = editor->own;
}

void OnSettingsPushed(SettingsEditor* editor, const ThresholdsDoc& doc) {
    if (editor->sending || !(editor->draft == editor->loaded) || editor->own != editor->loaded_own) return;
    const bool saved = editor->saved;
    LoadSettingsDraft(editor, &doc, {}, editor->team);
    editor->saved = saved;
}

bool SettingsEditable(const SettingsEditor& editor, const ThresholdsDoc* doc) {
    if (!doc) return true;
    return editor.team.empty() ? doc->may_edit_center : doc->MayEditTeam(editor.team);
}

std::string DefaultSettingsTeam(const ThresholdsDoc* doc) {
    if (!doc || doc->may_edit_center || doc->editable_teams.empty()) return {};
    return doc->editable_teams.front();
}

bool CheckSettingsDraft(SettingsEditor* editor, const ThresholdsDoc* doc) {
    Thresholds merged = editor->draft;
    if (doc && !editor->team.empty()) merged = MergeThresholds(doc->sets.center, ThresholdOverride{editor->own, editor->draft});
    ThresholdError error;
    if (!ValidateThresholds(merged, &error)) {
        editor->error = error;
        return false;
    }
    editor->error = {};
    return true;
}

ApiRequest SettingsRequest(const SettingsEditor& editor, int tag) {
    ApiRequest r;
    r.tag = tag;
    if (editor.team.empty()) {
        r.method = "PUT";
        r.path = "api/thresholds/center";
        r.body = ThresholdsToJson(editor.draft);
    } else if (editor.own == 0) {
        r.method = "DELETE";
        r.path = "api/thresholds/teams/" + editor.team;
    } else {
        r.method = "PUT";
        r.path = "api/thresholds/teams/" + editor.team;
        r.body = OverrideToJson(ThresholdOverride{editor.own, editor.draft});
    }
    return r;
}

std::optional<ThresholdsDoc> OnSettingsAnswer(SettingsEditor* editor, int status, std::string_view body) {
    editor->sending = false;
    if (status == 200) {
        ThresholdsDoc doc;
        std::string why;
        if (ThresholdsDocFromJson(body, &doc, &why)) {
            LoadSettingsDraft(editor, &doc, {}, editor->team);
            editor->saved = true;
            return doc;
        }
        editor->error = ThresholdError{"", "server", "", why};
        return std::nullopt;
    }
    // {"error","code","field"} (docs/api.md); anything else: the status.
    nlohmann::json j = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
    ThresholdError error;
    error.code = "server";
    error.message = "HTTP " + std::to_string(status);
    if (status == 0) error.code = "unreachable";
    if (j.is_object()) {
        auto text = [&](const char* key) {
            auto it = j.find(key);
            return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        if (!text("error").empty()) error.message = text("error");
        if (!text("code").empty()) error.code = text("code");
        error.field = text("field");
    }
    if (status == 403) error.code = "forbidden";
    editor->error = error;
    return std::nullopt;
}

}  // namespace cb
