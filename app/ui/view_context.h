// What every view receives: the snapshot to draw, the clocks, the language, the shared UI
// state (read-only for views), and where to put the user's intents and what was drawn.
// Views read nothing else: no network, no SQL, no clock, no hidden static state.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "client/live_model.h"
#include "client/session.h"
#include "admin_state.h"
#include "reconcile_state.h"
#include "qa_state.h"
#include "roster_state.h"
#include "wfm_forecast_state.h"
#include "incident_state.h"
#include "scorecard_state.h"
#include "reports_state.h"
#include "report_files.h"
#include "alerts_state.h"
#include "core/demo_run.h"
#include "core/snapshot.h"
#include "core/thresholds.h"
#include "core/thresholds_doc.h"
#include "i18n.h"
#include "settings_editor.h"

namespace cb {

enum class Tab : uint8_t { Wallboard, Floor, Intraday, kCount };

// The thresholds (where figures turn amber or red, when an agent is flagged) are the
// center's policy, owned by core/thresholds.h and kept on the server (core/thresholds_doc.h).

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
    Thresholds thresholds;            // the set this screen uses (the server's, or the offline demo's own)
    bool settings_open = false;       // the thresholds panel is shown
    bool admin_open = false;          // the administration page is shown (admins only)
    bool reconcile_open = false;      // the reconciliation page is shown (connected to a server)
    bool roster_open = false;         // the roster page is shown (connected to a server)
    bool forecast_open = false;       // the "Forecast & staffing" page is shown (connected to a server)

    bool scorecards_open = false;     // the agent scorecards page is shown (connected to a server)
    bool incident_open = false;       // the incident report page is shown (connected to a server)
    bool reports_open = false;        // the Reports area is shown (connected to a server)
    bool report_files_open = false;   // the scheduled reports' download list is shown
    bool qa_open = false;             // the QA page is shown (connected to a server)
    bool alert_history_open = false;  // the alerts page (rules and history) is shown
};

// A user's intent, returned by views and carried out by the controller.
// SelectAgent: value = agent index, or -1 to close the agent card.
// SetTvMode: value 1 enters (the cycle restarts at the whole center), 0 leaves.
// SignIn: send the login form's user and password. SignOut: end the session.
struct UiAction {
    // StartDemo: run the simulator in this process instead of the server's stream (value =
    // scenario); offered to trainers, whose role sees demo data only.
    // OpenSettings: show (1) or hide (0) the thresholds panel. ApplySettings: the panel's draft
    // becomes the thresholds in use (sent to the server, or saved by the offline demo); value 1
    // resets the draft to the defaults (a team's: back to the center's).
    // ControlDemo: carry out `demo` on the demo in this process, or send it to the server's.
    // SettingsScope: edit the whole center's set (-1) or the team with this directory index.
    // SettingsOwn: a team's draft sets the field with this index (ThresholdFields) itself, or
    // follows the center's again (toggles).
    // OpenAdmin: show (1) or hide (0) the administration page. AdminCommand: value is an
    // AdminCommand (admin_state.h). AdminSelect: the row with this index of the section shown.
    // OpenReconcile: show (1) or hide (0) the reconciliation page. ReconcileRun: compare the
    // form's dates and queues.
    // OpenWfmForecast: show (1) or hide (0) the "Forecast & staffing" page. WfmForecastCommand:
    // value & 0xFF is a WfmForecastCommand (wfm_forecast_state.h), value >> 8 its row.
    // OpenScorecards / OpenIncident: show (1) or hide (0) those pages. ScorecardCommand /
    // IncidentCommand: value packs a command of the page (scorecard_state.h, incident_state.h).
    // OpenReports: show (1) or hide (0) the Reports area. ReportsRun: ask for the form's report.
    // ReportsRange: a range button (value: ReportRange). ReportsSort: a header click (value:
    // column kind * 256 + index, ReportColumn). ReportsPage: a report page (value: ReportPage).
    enum class Kind { SetLanguage, SetTab, SetTvMode, SelectAgent, SignIn, SignOut, StartDemo,
                      OpenSettings, ApplySettings, ControlDemo, SettingsScope, SettingsOwn, OpenAdmin,
                      AdminCommand, AdminSelect, OpenReconcile, ReconcileRun,
                      OpenWfmForecast, WfmForecastCommand,
                      OpenScorecards, ScorecardCommand, OpenIncident, IncidentCommand,
                      OpenReports, ReportsRun, ReportsRange, ReportsSort, ReportsPage,

                      // OpenReportFiles: show (1) or hide (0) the scheduled reports' list;
                      // ReportFilesRefresh: ask again; ReportFileDownload: the file at index value;
                      // ReportScheduleCommand: a ScheduleCommand (PackScheduleCommand).
                      OpenReportFiles, ReportFilesRefresh, ReportFileDownload, ReportScheduleCommand,

                      // The roster page: show (1) or hide (0); a RosterCommand; a hand edit
                      // (RosterController::EditValue); a break request decided (index * 2 + approve).
                      OpenRoster, RosterCommand, RosterEdit, RosterDecide,

                      // The QA page: show (1) or hide (0); a QaCommand (QaCommandValue: value &
                      // 0xFF the command, value >> 8 its row).
                      OpenQa, QaCommand,
                      // Alerts: a banner button (value: index * 4 + AlertCommand); the alert
                      // history page shown (1) or hidden (0); the alert sound on (1) or off (0).
                      // the rules' form: index * 8 + AlertRuleCommand.
                      AlertCommand, OpenAlertHistory, AlertSound, AlertRuleCommand };
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
    SettingsEditor* settings = nullptr;     // the thresholds panel edits its draft in place
    const ThresholdsDoc* thresholds = nullptr;  // the server's thresholds; null: the offline demo's own
    AdminState* admin = nullptr;            // the administration page (its forms are edited in place)
    DemoForm* demo_form = nullptr;    // the trainer's controls' fields; null: no controls
    ReconcileState* reconcile = nullptr;  // the reconciliation page (its form is edited in place); null: no server
    RosterPageState* roster = nullptr;    // the roster page (its form is edited in place); null: no server
    WfmForecastState* wfm_forecast = nullptr;  // the "Forecast & staffing" page; null: no server

    ScorecardState* scorecards = nullptr; // the agent scorecards page; null: no server
    IncidentState* incident = nullptr;    // the incident report page (form and note edited in place); null: no server
    ReportsState* reports = nullptr;  // the Reports area (its form is edited in place); null: no server
    ReportFilesState* report_files = nullptr;  // the scheduled reports' page (its schedule form is edited in place); null: no server
    QaPageState* qa = nullptr;        // the QA page (answers and the form builder edited in place); null: no server
    AlertsState* alerts = nullptr;  // the alerts routed here, the center's, the rules (form edited in place); null: no server
};

}  // namespace cb
