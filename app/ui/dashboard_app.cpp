// DashboardApp (dashboard_app.h).
#include "dashboard_app.h"

#include "api_tags.h"

#include <algorithm>
#include <iterator>
#include <imgui.h>
#include "core/tz.h"
#include "views.h"

namespace cb {
namespace {
constexpr int kSettingsTag = api_tags::kSettings;  // the thresholds panel's requests; the admin page has its own range
}

DashboardApp::DashboardApp(DashboardOptions options)
    : m_transport(std::move(options.transport)), m_save_settings(std::move(options.save_settings)),
      m_play_alert_sound(std::move(options.play_alert_sound)) {
    m_ui.lang = options.lang;
    m_report_files.SetPlatform(std::move(options.open_url), std::move(options.save_file));
    // A server keeps the thresholds of everyone connected to it; the saved set is the offline demo's.
    if (!options.settings_json.empty() && !m_transport) {
        ThresholdError error;
        Thresholds saved;
        if (ThresholdsFromJson(options.settings_json, &saved, &error)) m_ui.thresholds = saved;
        else m_settings_error = "saved settings ignored: " + error.message;
    }
    if (m_transport) {
        // The stream opens once the server says local mode or a session holds.
        m_session.emplace(std::move(options.kiosk_token), options.desktop_client);
        Run(m_session->Begin());
    } else {
        m_demo.emplace(options.demo);
    }
}

void DashboardApp::Run(const SessionEffects& e) {
    if (e.stop_stream) m_transport->StopStream();
    if (e.clear_data) {
        m_model.Reset();
        m_ui.selected_agent = kNoAgent;
        m_ui.tv_mode = false;
        m_login.focus_user = true;
        // The thresholds and the administration belonged to the last user too.
        m_thresholds_doc.reset();
        m_ui.thresholds = Thresholds{};
        m_settings = SettingsEditor{};
        m_ui.settings_open = false;
        m_ui.admin_open = false;
        m_admin.Clear();
        m_ui.reconcile_open = false;
        m_reconcile.Clear();
        m_ui.roster_open = false;
        m_roster.Clear();
        m_ui.qa_open = false;
        m_qa.Clear();
        m_ui.forecast_open = false;
        m_wfm_forecast.Clear();
        m_ui.scorecards_open = false;
        m_scorecards.Clear();
        m_ui.incident_open = false;
        m_incident.Clear();
        m_ui.reports_open = false;
        m_reports.Clear();
        m_ui.report_files_open = false;
        m_report_files.Clear();
        m_ui.alert_history_open = false;
        m_alerts.Clear();
    }
    if (e.logout) m_transport->Logout(e.logout_csrf);
    if (!e.login_body.empty()) {
        m_transport->Login(e.login_body);
        // Once sent, the password has no business staying in memory.
        std::fill(std::begin(m_login.password), std::end(m_login.password), '\0');
    }
    if (e.fetch_session) m_transport->FetchSession();
    if (e.start_stream) m_transport->Start();
    if (e.enter_tv_mode) Apply({UiAction::Kind::SetTvMode, 1});
}

void DashboardApp::SendApi(ApiRequest request) {
    if (!m_transport) return;
    if (m_session) request.csrf = m_session->info().csrf;
    m_transport->Send(std::move(request));
}

void DashboardApp::OnThresholds(const std::string& json) {
    ThresholdsDoc doc;
    std::string error;
    if (!ThresholdsDocFromJson(json, &doc, &error)) {
        m_settings_error = error;
        return;
    }
    m_ui.thresholds = doc.applied;
    if (m_ui.settings_open) OnSettingsPushed(&m_settings, doc);
    m_thresholds_doc = std::move(doc);
}

void DashboardApp::OnApiAnswer(const TransportMessage& m, int64_t wall_now_ms) {
    if (m.status == 401 && m_session) {  // the session ended meanwhile
        Run(m_session->OnStreamLost(401, wall_now_ms));
        return;
    }
    if (AdminController::OwnsTag(m.tag)) {
        m_admin.OnAnswer(m);
        return;
    }
    if (ReconcileController::OwnsTag(m.tag)) {
        m_reconcile.OnAnswer(m);
        return;
    }
    if (RosterController::OwnsTag(m.tag)) {
        m_roster.OnAnswer(m);
        return;
    }
    if (QaController::OwnsTag(m.tag)) {
        m_qa.OnAnswer(m);
        return;
    }
    if (WfmForecastController::OwnsTag(m.tag)) {
        m_wfm_forecast.OnAnswer(m);
        return;
    }
    if (ScorecardController::OwnsTag(m.tag)) {
        m_scorecards.OnAnswer(m);
        return;
    }
    if (IncidentController::OwnsTag(m.tag)) {
        m_incident.OnAnswer(m);
        return;
    }
    if (ReportsController::OwnsTag(m.tag)) {
        m_reports.OnAnswer(m);
        return;
    }
    if (ReportFilesController::OwnsTag(m.tag)) {
        m_report_files.OnAnswer(m);
        return;
    }
    if (AlertsController::OwnsTag(m.tag)) {
        m_alerts.OnAnswer(m);
        return;
    }
    if (m.tag == kSettingsTag) {
        if (std::optional<ThresholdsDoc> doc = OnSettingsAnswer(&m_settings, m.status, m.data)) {
            m_ui.thresholds = doc->applied;
            m_thresholds_doc = std::move(*doc);
        }
    }
}

void DashboardApp::ApplySettings(bool defaults) {
    const ThresholdsDoc* doc = server_thresholds();
    if (defaults) {  // the center's defaults; a team: follow the center's set in every field
        if (doc && !m_settings.team.empty()) {
            m_settings.own = 0;
            m_settings.draft = doc->sets.center;
        } else {
            m_settings.draft = Thresholds{};
        }
        m_settings.error = {};
        m_settings.saved = false;
        return;
    }
    if (!SettingsEditable(m_settings, doc) || m_settings.sending) return;
    m_settings.saved = false;
    if (!CheckSettingsDraft(&m_settings, doc)) return;
    if (doc && m_transport) {
        m_settings.sending = true;
        SendApi(SettingsRequest(m_settings, kSettingsTag));
        return;
    }
    m_ui.thresholds = m_settings.draft;
    m_settings_error.clear();
    if (m_save_settings) m_save_settings(ThresholdsToJson(m_ui.thresholds));
}

void DashboardApp::PullData(int64_t wall_now_ms) {
    if (m_transport && !m_demo) {
        m_inbox.clear();
        m_transport->Drain(&m_inbox);
        bool resyncing = false;
        for (const TransportMessage& m : m_inbox) {
            using K = TransportMessage::Kind;
            if (m.kind == K::Session || m.kind == K::Login || m.kind == K::Logout) {
                Run(m_session->OnAnswer(m, wall_now_ms));
                continue;
            }
            if (m.kind == K::DemoControl) {
                OnDemoAnswer(m);
                continue;
            }
            if (m.kind == K::Api) {
                OnApiAnswer(m, wall_now_ms);
                continue;
            }
            if (resyncing || !m_session->MayStream()) continue;  // a stream closed since: stale
            if (m.kind == K::Thresholds) {
                OnThresholds(m.data);
                continue;
            }
            if (!m_model.Apply(m)) {
                m_transport->Resync();  // a delta did not fit: start over from a full snapshot
                resyncing = true;
                continue;
            }
            if (m.kind == K::Disconnected) Run(m_session->OnStreamLost(m.status, wall_now_ms));
        }
        Run(m_session->Tick(wall_now_ms));
        // Alerts: asked every 2 s while the session may stream (the server routes them by role).
        if (m_session->MayStream()) m_alerts.Poll(wall_now_ms);
        if (m_alerts.TakeSound() && m_play_alert_sound) m_play_alert_sound();
        return;
    }
    if (m_last_wall_ms) m_demo->Advance(std::clamp<int64_t>(wall_now_ms - m_last_wall_ms, 0, 1000));
    m_last_wall_ms = wall_now_ms;
    if (m_demo->version() != m_demo_version || !m_model.has_data()) {
        m_demo_version = m_demo->version();
        m_model.SetLocal(m_demo->TakeSnapshot(), wall_now_ms);
    }
}

void DashboardApp::OnDemoAnswer(const TransportMessage& m) {
    m_demo_form.notice_status = m.status;
    m_demo_form.notice = m.status == 200   ? DemoNotice::None
                         : m.status == 0   ? DemoNotice::Unreachable
                         : m.status == 403 ? DemoNotice::NotAllowed
                         : m.status == 409 ? DemoNotice::RealData
                         : m.status == 400 && m.data.find("\"time") != std::string::npos ? DemoNotice::BadTime
                                           : DemoNotice::Failed;
}

void DashboardApp::ControlDemo(const DemoCommand& command) {
    std::string error;
    if (!DemoCommandValid(command, &error)) {
        m_demo_form.notice = command.kind == DemoCommand::Kind::JumpTo ? DemoNotice::BadTime : DemoNotice::Failed;
        m_demo_form.notice_status = 0;
        return;
    }
    m_demo_form.notice = DemoNotice::None;
    if (m_demo) {
        m_demo->Apply(command, &error);
        return;
    }
    // The server's demo: every screen, this one included, follows through the stream.
    if (m_transport && m_session && m_ui.demo_controls)
        m_transport->DemoControl(DemoCommandToJson(command), m_session->info().csrf);
}

void DashboardApp::Frame(int64_t wall_now_ms) {
    m_frame_wall_ms = wall_now_ms;
    if (m_ui.tv_mode && m_ui.tv_since_wall_ms == 0) m_ui.tv_since_wall_ms = wall_now_ms;  // entered before the first frame
    PullData(wall_now_ms);
    // The one rule for the trainer's controls: a demo here, or the server's demo when this
    // session may run it (the server decides, docs/auth.md); never for real data.
    const Snapshot& shown = m_model.snapshot();
    m_ui.speed = shown.demo.speed;
    m_ui.demo_controls = m_demo.has_value() ||
                         (m_session && m_session->MayStream() && m_session->info().may_control_demo && shown.demo.speed > 0);
    m_report.items.clear();
    m_drawn_ui = m_ui;
    m_actions.clear();
    ViewContext ctx{m_model.snapshot(), m_model.CenterNowMs(wall_now_ms), wall_now_ms, m_model.FreshnessAt(wall_now_ms),
                    I18n{m_ui.lang}, m_ui, &m_actions, &m_report, session(), &m_login, &m_settings,
                    server_thresholds(), m_transport ? &m_admin.state() : nullptr,
                    m_ui.demo_controls ? &m_demo_form : nullptr};
    if (m_transport) ctx.reconcile = &m_reconcile.state();
    if (m_transport) ctx.roster = &m_roster.state();
    if (m_transport) ctx.qa = &m_qa.state();
    if (m_transport) ctx.wfm_forecast = &m_wfm_forecast.state();
    if (m_transport) ctx.scorecards = &m_scorecards.state();
    if (m_transport) ctx.incident = &m_incident.state();
    if (m_transport) ctx.reports = &m_reports.state();
    if (m_transport) ctx.report_files = &m_report_files.state();
    if (m_transport) ctx.alerts = &m_alerts.state();
    DrawDashboard(ctx, m_fonts);
    for (const UiAction& a : m_actions) Apply(a);
}

void DashboardApp::CloseOtherPages(bool* keep) {
    for (bool* page : {&m_ui.settings_open, &m_ui.admin_open, &m_ui.reconcile_open, &m_ui.forecast_open, &m_ui.scorecards_open,
                        &m_ui.incident_open, &m_ui.reports_open, &m_ui.report_files_open,
                        &m_ui.roster_open, &m_ui.qa_open, &m_ui.alert_history_open})
        if (page != keep) *page = false;
}

std::string DashboardApp::CenterToday() const {
    const Snapshot& s = m_model.snapshot();
    const int64_t now = m_model.CenterNowMs(m_frame_wall_ms);
    return FormatCivilDate(TimeZone::Fixed(s.tz_offset_min).DateOf(now > 0 ? now : m_frame_wall_ms));
}

std::vector<const TeamInfo*> DashboardApp::OfferedTeams() const {
    return ScorecardTeams(m_model.snapshot().directory.teams, m_session ? &m_session->info() : nullptr);
}

void DashboardApp::Apply(const UiAction& a) {
    switch (a.kind) {
    case UiAction::Kind::SetLanguage: m_ui.lang = a.value == int(Lang::Zh) ? Lang::Zh : Lang::En; break;
    case UiAction::Kind::SetTab:
        if (a.value >= 0 && a.value < int(Tab::kCount)) m_ui.tab = static_cast<Tab>(a.value);
        break;
    case UiAction::Kind::SetTvMode:
        if (a.value != 0 && !m_ui.tv_mode) m_ui.tv_since_wall_ms = m_frame_wall_ms;
        m_ui.tv_mode = a.value != 0;
        break;
    case UiAction::Kind::SelectAgent:
        m_ui.selected_agent = (a.value >= 0 && size_t(a.value) < m_model.snapshot().agents.size()) ? uint32_t(a.value) : kNoAgent;
        break;
    case UiAction::Kind::SignIn:
        if (m_session) Run(m_session->SignIn(m_login.user, m_login.password, m_frame_wall_ms));
        break;
    case UiAction::Kind::SignOut:
        if (m_session) Run(m_session->SignOut());
        break;
    case UiAction::Kind::OpenSettings:
        m_ui.settings_open = a.value != 0;
        if (m_ui.settings_open) {
            CloseOtherPages(&m_ui.settings_open);
            m_settings.sending = false;
            LoadSettingsDraft(&m_settings, server_thresholds(), m_ui.thresholds, DefaultSettingsTeam(server_thresholds()));
        }
        break;
    case UiAction::Kind::ApplySettings: ApplySettings(a.value == 1); break;
    case UiAction::Kind::SettingsScope: {
        const auto& teams = m_model.snapshot().directory.teams;
        std::string team = a.value >= 0 && size_t(a.value) < teams.size() ? teams[size_t(a.value)].key : std::string();
        if (server_thresholds()) LoadSettingsDraft(&m_settings, server_thresholds(), m_ui.thresholds, std::move(team));
        break;
    }
    case UiAction::Kind::SettingsOwn: {
        const ThresholdsDoc* doc = server_thresholds();
        const auto fields = ThresholdFields();
        if (!doc || m_settings.team.empty() || a.value < 0 || size_t(a.value) >= fields.size()) break;
        if (!SettingsEditable(m_settings, doc)) break;
        m_settings.own ^= 1u << a.value;
        if (!((m_settings.own >> a.value) & 1u))  // follows the center again: show the center's value
            SetThresholdValue(&m_settings.draft, fields[size_t(a.value)], ThresholdValue(doc->sets.center, fields[size_t(a.value)]));
        m_settings.saved = false;
        break;
    }
    case UiAction::Kind::OpenAdmin:
        m_ui.admin_open = a.value != 0 && m_transport != nullptr;
        if (m_ui.admin_open) {
            CloseOtherPages(&m_ui.admin_open);
            m_admin.Open();
        }
        break;
    case UiAction::Kind::OpenReconcile:
        m_ui.reconcile_open = a.value != 0 && m_transport != nullptr;
        if (m_ui.reconcile_open) {
            CloseOtherPages(&m_ui.reconcile_open);
            // Today in the center's zone, by the live clock.
            const Snapshot& s = m_model.snapshot();
            const int64_t now = m_model.CenterNowMs(m_frame_wall_ms);
            m_reconcile.Open(FormatCivilDate(TimeZone::Fixed(s.tz_offset_min).DateOf(now > 0 ? now : m_frame_wall_ms)));
        }
        break;
    case UiAction::Kind::ReconcileRun: m_reconcile.Run(); break;
    case UiAction::Kind::OpenRoster:
        m_ui.roster_open = a.value != 0 && m_transport != nullptr;
        if (m_ui.roster_open) {
            CloseOtherPages(&m_ui.roster_open);
            // The first team the user leads (a lead), else the first of the directory; today in
            // the center's zone.
            const Snapshot& s = m_model.snapshot();
            std::string team;
            if (session() && !session()->info().teams.empty()) team = session()->info().teams.front();
            else if (!s.directory.teams.empty()) team = s.directory.teams.front().key;
            const int64_t now = m_model.CenterNowMs(m_frame_wall_ms);
            m_roster.Open(team, FormatCivilDate(TimeZone::Fixed(s.tz_offset_min).DateOf(now > 0 ? now : m_frame_wall_ms)));
        }
        break;
    case UiAction::Kind::RosterCommand: m_roster.Command(static_cast<RosterCommand>(a.value)); break;
    case UiAction::Kind::OpenQa:
        m_ui.qa_open = a.value != 0 && m_transport != nullptr;
        if (m_ui.qa_open) {
            CloseOtherPages(&m_ui.qa_open);
            m_qa.Open(session() && !session()->info().user.empty() ? session()->info().user : "local");
        }
        break;
    case UiAction::Kind::QaCommand: m_qa.Command(static_cast<QaCommand>(a.value & 0xFF), a.value >> 8, m_frame_wall_ms); break;
    case UiAction::Kind::RosterEdit: {
        int agent = 0, day = 0, shift = 0;
        RosterController::FromEditValue(a.value, &agent, &day, &shift);
        m_roster.Edit(agent, day, shift);
        break;
    }
    case UiAction::Kind::RosterDecide: m_roster.Decide(a.value / 2, a.value % 2 == 1); break;
    case UiAction::Kind::OpenWfmForecast:
        m_ui.forecast_open = a.value != 0 && m_transport != nullptr;
        if (m_ui.forecast_open) {
            CloseOtherPages(&m_ui.forecast_open);
            const Snapshot& s = m_model.snapshot();
            const int64_t now = m_model.CenterNowMs(m_frame_wall_ms);
            m_wfm_forecast.Open(FormatCivilDate(TimeZone::Fixed(s.tz_offset_min).DateOf(now > 0 ? now : m_frame_wall_ms)));
        }
        break;
    case UiAction::Kind::WfmForecastCommand:
        m_wfm_forecast.Command(static_cast<WfmForecastCommand>(a.value & 0xFF), a.value >> 8);
        break;
    case UiAction::Kind::OpenScorecards:
        m_ui.scorecards_open = a.value != 0 && m_transport != nullptr;
        if (m_ui.scorecards_open) {
            CloseOtherPages(&m_ui.scorecards_open);
            const std::vector<const TeamInfo*> teams = OfferedTeams();
            m_scorecards.Open(CenterToday(), teams.empty() ? std::string() : teams.front()->key);
        }
        break;
    case UiAction::Kind::ScorecardCommand: m_scorecards.Command(a.value, OfferedTeams()); break;
    case UiAction::Kind::OpenIncident:
        m_ui.incident_open = a.value != 0 && m_transport != nullptr;
        if (m_ui.incident_open) {
            CloseOtherPages(&m_ui.incident_open);
            const Snapshot& s = m_model.snapshot();
            const int64_t now = m_model.CenterNowMs(m_frame_wall_ms);
            const int64_t local_ms = (now > 0 ? now : m_frame_wall_ms) + int64_t(s.tz_offset_min) * 60000;
            const int now_min = int(((local_ms % 86400000) + 86400000) % 86400000 / 60000);
            m_incident.Open(CenterToday(), now_min, s.interval_minutes > 0 ? s.interval_minutes : 15);
        }
        break;
    case UiAction::Kind::IncidentCommand: m_incident.Command(a.value); break;
    case UiAction::Kind::OpenReports:
        m_ui.reports_open = a.value != 0 && m_transport != nullptr;
        if (m_ui.reports_open) {
            CloseOtherPages(&m_ui.reports_open);
            const Snapshot& s = m_model.snapshot();
            const int64_t now = m_model.CenterNowMs(m_frame_wall_ms);
            m_reports.Open(FormatCivilDate(TimeZone::Fixed(s.tz_offset_min).DateOf(now > 0 ? now : m_frame_wall_ms)));
        }
        break;
    case UiAction::Kind::ReportsRun: m_reports.Run(); break;
    case UiAction::Kind::ReportsRange: m_reports.SetRange(static_cast<ReportRange>(a.value)); break;
    case UiAction::Kind::ReportsPage: m_reports.OpenPage(static_cast<ReportPage>(a.value)); break;
    case UiAction::Kind::ReportsSort:
        m_reports.Sort({static_cast<ReportColumn::Kind>(a.value / 256), a.value % 256});
        break;
    case UiAction::Kind::OpenReportFiles:
        m_ui.report_files_open = a.value != 0 && m_transport != nullptr;
        if (m_ui.report_files_open) {
            CloseOtherPages(&m_ui.report_files_open);  // else Reports or QA, drawn first, would hide it
            m_report_files.Refresh();
        }
        break;
    case UiAction::Kind::ReportFilesRefresh: m_report_files.Refresh(); break;
    case UiAction::Kind::ReportScheduleCommand:
        // A team lead's new schedule starts with their team (the server requires one of theirs).
        m_report_files.SetDefaultTeam(session() && session()->info().role == "lead" && !session()->info().teams.empty()
                                          ? session()->info().teams.front()
                                          : std::string());
        m_report_files.Command(a.value);
        break;
    case UiAction::Kind::ReportFileDownload:
        if (a.value >= 0) m_report_files.Download(static_cast<size_t>(a.value));
        break;
    case UiAction::Kind::AlertCommand: m_alerts.Command(a.value); break;
    case UiAction::Kind::OpenAlertHistory:
        m_ui.alert_history_open = a.value != 0 && m_transport != nullptr;
        if (m_ui.alert_history_open) {
            CloseOtherPages(&m_ui.alert_history_open);
            m_alerts.OpenHistory();
        }
        break;
    case UiAction::Kind::AlertSound: m_alerts.state().sound = a.value != 0; break;
    case UiAction::Kind::AlertRuleCommand: m_alerts.RuleCommand(a.value); break;
    case UiAction::Kind::AdminCommand: m_admin.Command(static_cast<AdminCommand>(a.value)); break;
    case UiAction::Kind::AdminSelect: m_admin.Select(a.value); break;
    case UiAction::Kind::StartDemo: {
        if (m_demo) break;
        if (m_transport) m_transport->StopStream();
        DemoConfig demo;
        if (a.value >= 0 && a.value < int(Scenario::kCount)) demo.scenario = static_cast<Scenario>(a.value);
        demo.start_ms = DemoStartFor(m_frame_wall_ms, demo.tz_offset_min);
        m_demo.emplace(demo);
        m_model.Reset();
        m_last_wall_ms = 0;
        break;
    }
    case UiAction::Kind::ControlDemo: ControlDemo(a.demo); break;
    }
}

}  // namespace cb
