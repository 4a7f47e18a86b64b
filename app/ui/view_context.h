// What every view receives: the snapshot to draw, the clocks, the language, the shared UI
// state (read-only for views), and where to put the user's intents and what was drawn.
// Views read nothing else: no network, no SQL, no clock, no hidden static state.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "client/live_model.h"
#include "client/session.h"
#include "core/demo_run.h"
#include "core/snapshot.h"
#include "i18n.h"

namespace cb {

enum class Tab : uint8_t { Wallboard, Floor, Intraday, kCount };

// Where figures turn amber (warn) or red (bad), and when an agent on the floor is flagged.
// Views read every color decision from here; nothing is hard-coded in a view. Defaults are
// documented in docs/views.md. Seconds unless the name says otherwise.
struct Thresholds {
    // Wallboard
    int oldest_wait_warn_s = 20;      // oldest caller waiting longer than this: amber
    int oldest_wait_bad_s = 60;       // ... longer than this: red
    double sl_warn_margin = 0.05;     // SL below target by at most this (0.05 = 5 points): amber, more: red
    double abandon_warn = 0.05;       // abandon rate above this: amber
    double abandon_bad = 0.10;        // ... above this: red
    int asa_warn_s = 20;              // ASA above this: amber
    int asa_bad_s = 40;               // ... above this: red
    // Floor map outliers
    int call_long_s = 600;            // one call (talk + hold) longer than 10 min
    int wrap_long_s = 120;            // wrap-up longer than 2 min
    int break_long_s = 900;           // break over its 15 min allowance
    int lunch_long_s = 3600;          // lunch over its 60 min allowance
    int planned_long_s = 7200;        // training, meeting or coaching longer than 2 h
    int not_ready_long_s = 600;       // any other not-ready reason longer than 10 min
    // TV mode
    int tv_cycle_s = 15;              // wall seconds each page (center, then each team) stays up
};

// UI state shared across views, changed only by the controller in response to actions.
struct UiState {
    Lang lang = Lang::En;
    Tab tab = Tab::Wallboard;
    bool tv_mode = false;
    int tv_team = -1;                 // TV mode: -1 = cycle through center and teams, else stay on this team
    int64_t tv_since_wall_ms = 0;     // wall time TV mode was entered (the cycle starts there)
    uint32_t selected_agent = kNoAgent;  // agent card open for this agent
    int speed = 0;                    // the demo's speed (local or the server's); 0 for real data
    // The trainer's controls show (scenario, pause, restart, jumps, speed): an in-process demo,
    // or a server's demo when the session may control it (docs/auth.md). Set by the controller.
    bool demo_controls = false;
    Thresholds thresholds;
    bool settings_open = false;       // the thresholds panel is shown
};

// A user's intent, returned by views and carried out by the controller.
// SelectAgent: value = agent index, or -1 to close the agent card.
// SetTvMode: value 1 enters (the cycle restarts at the whole center), 0 leaves.
// SignIn: send the login form's user and password. SignOut: end the session.
struct UiAction {
    // StartDemo: run the simulator in this process instead of the server's stream (value =
    // scenario); offered to trainers, whose role sees demo data only.
    // OpenSettings: show (1) or hide (0) the thresholds panel. ApplySettings: the panel's draft
    // becomes the thresholds in use (and is saved); value 1 resets the draft to the defaults.
    // ControlDemo: carry out `demo` on the demo in this process, or send it to the server's.
    enum class Kind { SetLanguage, SetTab, SetTvMode, SelectAgent, SignIn, SignOut, StartDemo,
                      OpenSettings, ApplySettings, ControlDemo };
    Kind kind;
    int value = 0;
    DemoCommand demo{};
};

// Why the last demo command did not take effect, shown beside the trainer's controls.
enum class DemoNotice : uint8_t {
    None,
    BadTime,       // the time to jump to is not HH:MM
    NotAllowed,    // 403: the role may not control the server's demo
    RealData,      // 409: the server shows real data
    Unreachable,   // the server could not be reached
    Failed         // any other answer (demo_notice_status has the HTTP status)
};

// The trainer's controls' own fields, owned by the controller (ImGui edits the buffer in place).
struct DemoForm {
    char time[8] = "12:00";           // the time of day to jump to, HH:MM
    DemoNotice notice = DemoNotice::None;
    int notice_status = 0;
};

// What the UI drew this frame, published for tests (window.__callboard in the browser, a JSON
// file from the desktop app): stable ids, the text shown and the screen rectangle.
struct ReportItem {
    std::string id;
    std::string text;
    float x = 0, y = 0, w = 0, h = 0;
};
struct UiReport {
    std::vector<ReportItem> items;
    void Add(std::string id, std::string text, float x, float y, float w, float h) {
        items.push_back({std::move(id), std::move(text), x, y, w, h});
    }
};

// The login form's fields, owned by the controller; the login view edits them in place (Dear
// ImGui's text inputs write into caller-owned buffers). The controller wipes the password once
// it is sent.
struct LoginForm {
    char user[64] = {};
    char password[128] = {};
    bool focus_user = true;           // the next frame puts the keyboard focus on the user field
};

struct ViewContext {
    const Snapshot& snapshot;
    int64_t center_now_ms = 0;        // the center's clock, extrapolated between messages
    int64_t wall_now_ms = 0;          // for freshness only
    Freshness freshness;
    I18n tr;
    const UiState& ui;
    std::vector<UiAction>* actions = nullptr;
    UiReport* report = nullptr;       // may be null
    const ClientSession* session = nullptr;  // null: no server session (in-process demo)
    LoginForm* login = nullptr;       // the login form; null when there is none
    Thresholds* settings_draft = nullptr;  // the thresholds panel edits this copy in place
    const std::string* settings_error = nullptr;  // why the draft was not applied, if it was not
    DemoForm* demo_form = nullptr;    // the trainer's controls' fields; null: no controls
};

}  // namespace cb
