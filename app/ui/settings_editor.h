// The thresholds panel's state and rules (view_settings.cpp draws it, DashboardApp owns it):
// which set is edited (the whole center's or a team's own limits), the draft, and why it was
// not applied. Connected to a server, the draft goes there (docs/api.md, "Thresholds") and the
// server's answer becomes what is shown; the offline demos keep a set of their own.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include "client/transport.h"
#include "core/thresholds.h"
#include "core/thresholds_doc.h"

namespace cb {

struct SettingsEditor {
    std::string team;         // "" = the whole center's set; else the key of the team edited
    Thresholds draft;         // the values shown (a team: its own, and the center's where it has none)
    uint32_t own = 0;         // a team's draft: the fields it sets itself (bit i = ThresholdFields()[i])
    ThresholdError error;     // why the draft was not applied; error.code empty = none
    bool sending = false;     // a change is on its way to the server
    bool saved = false;       // the server took the last change
    Thresholds loaded;        // the draft and own fields as last loaded: unchanged since, the
    uint32_t loaded_own = 0;  // panel follows changes pushed by the server
};

// The panel shows `team`'s set ("" = the center's) as stored in `doc` (null: local, `local`).
void LoadSettingsDraft(SettingsEditor* editor, const ThresholdsDoc* doc, const Thresholds& local, std::string team);
// A new document from the server (pushed by the stream): the panel shows it unless the user
// has changed the draft since it was loaded (then what they typed stays).
void OnSettingsPushed(SettingsEditor* editor, const ThresholdsDoc& doc);
// May the user change the set the editor shows? Always with no server.
bool SettingsEditable(const SettingsEditor& editor, const ThresholdsDoc* doc);
// The team a screen's panel opens on: a lead's first team they may edit, else the center.
std::string DefaultSettingsTeam(const ThresholdsDoc* doc);
// Checks the draft as the server will (a team's with the center's other limits). Fills
// editor->error and returns false when it would be refused.
bool CheckSettingsDraft(SettingsEditor* editor, const ThresholdsDoc* doc);
// The request carrying the checked draft to the server (PUT the center's set or a team's own
// limits; DELETE when the team sets none itself). tag is returned with the answer.
ApiRequest SettingsRequest(const SettingsEditor& editor, int tag);
// The server's answer to that request: 200 with the caller's new document (returned, the
// draft reloaded from it), or an error shown by the field it names.
std::optional<ThresholdsDoc> OnSettingsAnswer(SettingsEditor* editor, int status, std::string_view body);

}  // namespace cb
