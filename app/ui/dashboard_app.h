// The dashboard as a whole, shared by the desktop and the browser: owns the live model, the
// data source (a server's stream through a Transport, or an in-process demo), the session with
// the server (local mode or signed in; docs/auth.md), the UI state and the views. The platform layer owns the window and calls Frame() once per frame between the
// backend's NewFrame and Render.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include "client/live_model.h"
#include "client/session.h"
#include "client/transport.h"
#include "admin_controller.h"
#include "reconcile_controller.h"
#include "qa_controller.h"
#include "roster_controller.h"
#include "wfm_forecast_controller.h"
#include "incident_controller.h"
#include "scorecard_controller.h"
#include "reports_controller.h"
#include "report_files.h"
#include "alerts_controller.h"
#include "core/demo_run.h"
#include "core/thresholds_doc.h"
#include "settings_editor.h"
#include "theme.h"
#include "view_context.h"

namespace cb {

struct DashboardOptions {
    std::unique_ptr<Transport> transport;   // null: run the demo in-process
    DemoConfig demo;                        // used when transport is null
    Lang lang = Lang::En;
    std::string kiosk_token;                // a wallboard link: sign in with it, open TV mode
    bool desktop_client = false;            // ask the server for a session token (Bearer)
    // The offline demo's own thresholds (core/thresholds.h JSON), as the platform saved them;
    // empty: defaults. Connected to a server, the server's thresholds apply instead.
    std::string settings_json;
    // Called with the offline demo's thresholds as JSON whenever the user applies new ones (the
    // platform keeps them: a file on the desktop, localStorage in the browser). May be empty.
    std::function<void(const std::string&)> save_settings;
    // Downloads of the scheduled reports' PDFs: the browser opens the file's URL itself
    // (open_url); the desktop saves the fetched bytes and returns where ("" on failure).
    std::function<void(const std::string& url)> open_url;
    std::function<std::string(const std::string& name, const std::string& bytes)> save_file;
    // Plays the alert sound (a newly firing alert routed to this user, docs/alerts.md): a beep
    // through WebAudio in the browser, the terminal bell on the desktop. May be empty.
    std::function<void()> play_alert_sound;
};

class DashboardApp {
public:
    explicit DashboardApp(DashboardOptions options);
    DashboardApp(const DashboardApp&) = delete;  // its controllers call back into it
    DashboardApp& operator=(const DashboardApp&) = delete;

    void SetFonts(const Fonts& fonts) { m_fonts = fonts; }
    // Drains the transport or advances the demo, draws every view and carries out the user's
    // intents. Call inside an ImGui frame.
    void Frame(int64_t wall_now_ms);

    const UiState& ui() const { return m_ui; }
    // Color and outlier thresholds (a center's own policy); defaults in core/thresholds.h.
    void SetThresholds(const Thresholds& thresholds) { m_ui.thresholds = thresholds; }
    // The server's thresholds as this screen last received them (stream or an answer); null
    // before any, and with no server.
    const ThresholdsDoc* server_thresholds() const { return m_thresholds_doc ? &*m_thresholds_doc : nullptr; }
    const SettingsEditor& settings_editor() const { return m_settings; }
    const AdminState& admin() const { return m_admin.state(); }
    const ReconcileState& reconcile() const { return m_reconcile.state(); }
    const WfmForecastState& wfm_forecast() const { return m_wfm_forecast.state(); }

    const ScorecardState& scorecards() const { return m_scorecards.state(); }
    const IncidentState& incident() const { return m_incident.state(); }
    const ReportsState& reports() const { return m_reports.state(); }
    const ReportFilesState& report_files() const { return m_report_files.state(); }
    const AlertsState& alerts() const { return m_alerts.state(); }
    // Why the last thresholds could not be applied or loaded; empty when they were.
    const std::string& settings_error() const { return m_settings_error; }
    const UiReport& report() const { return m_report; }
    // The UI state the last frame was drawn with (the report describes that frame; actions
    // taken in it show from the next frame on).
    const UiState& drawn_ui() const { return m_drawn_ui; }
    const LiveModel& model() const { return m_model; }
    // The session with the server; null for an in-process demo (no login).
    const ClientSession* session() const { return m_session ? &*m_session : nullptr; }
    // Applies an intent as if the user made it (platform hooks, tests).
    void Apply(const UiAction& action);

private:
    void PullData(int64_t wall_now_ms);
    // Carries out what the session model asked for (session.h), in its order.
    void Run(const SessionEffects& effects);
    // A trainer's command: on the demo in this process, or sent to the server's demo.
    void ControlDemo(const DemoCommand& command);
    void OnDemoAnswer(const TransportMessage& answer);
    // A JSON API request with the session's CSRF token (thresholds, administration).
    void SendApi(ApiRequest request);
    void OnThresholds(const std::string& json);
    void OnApiAnswer(const TransportMessage& answer, int64_t wall_now_ms);
    void ApplySettings(bool defaults);
    // Shows one page over the tabs (settings, admin, reconcile, scorecards, incident): the others close.
    void CloseOtherPages(bool* keep);
    std::string CenterToday() const;  // the center's local date by the live clock
    std::vector<const TeamInfo*> OfferedTeams() const;

    std::unique_ptr<Transport> m_transport;
    std::optional<ClientSession> m_session;   // with a transport only
    LoginForm m_login;
    DemoForm m_demo_form;
    std::optional<DemoRun> m_demo;
    SettingsEditor m_settings;
    std::optional<ThresholdsDoc> m_thresholds_doc;
    std::string m_settings_error;
    AdminController m_admin{[this](ApiRequest r) { SendApi(std::move(r)); }};
    ReconcileController m_reconcile{[this](ApiRequest r) { SendApi(std::move(r)); }};
    RosterController m_roster{[this](ApiRequest r) { SendApi(std::move(r)); }};
    QaController m_qa{[this](ApiRequest r) { SendApi(std::move(r)); }};
    WfmForecastController m_wfm_forecast{[this](ApiRequest r) { SendApi(std::move(r)); }};

    ScorecardController m_scorecards{[this](ApiRequest r) { SendApi(std::move(r)); }};
    IncidentController m_incident{[this](ApiRequest r) { SendApi(std::move(r)); }};
    ReportsController m_reports{[this](ApiRequest r) { SendApi(std::move(r)); }};
    ReportFilesController m_report_files{[this](ApiRequest r) { SendApi(std::move(r)); }, nullptr, nullptr};
    AlertsController m_alerts{[this](ApiRequest r) { SendApi(std::move(r)); }};
    std::function<void(const std::string&)> m_save_settings;
    std::function<void()> m_play_alert_sound;
    int64_t m_last_wall_ms = 0;
    int64_t m_frame_wall_ms = 0;      // wall time of the frame being drawn (TV cycle start)
    uint64_t m_demo_version = 0;
    LiveModel m_model;
    UiState m_ui;
    UiReport m_report;
    UiState m_drawn_ui;
    Fonts m_fonts;
    std::vector<TransportMessage> m_inbox;
    std::vector<UiAction> m_actions;
};

}  // namespace cb
