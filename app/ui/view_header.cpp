// Header bar: product name, data source, center clock, freshness, the signed-in user
// with a sign-out button, TV mode, language, tabs; or the login screen when signing in is due.
#include <cstdio>
#include <imgui.h>
#include "core/sim/simulator.h"
#include "core/wfm/live.h"
#include "format.h"
#include "views.h"

namespace cb {
namespace {

std::string FreshnessText(const ViewContext& ctx, Health* health) {
    const Freshness& f = ctx.freshness;
    char buf[128];
    switch (f.state) {
    case LinkState::LocalDemo:
        *health = Health::Good;
        return ctx.tr(Str::FreshLocalDemo);
    case LinkState::Connecting:
        *health = Health::Unknown;
        return ctx.tr(Str::FreshConnecting);
    case LinkState::Live:
        // A server of imported history only: connected, but nothing on it is live.
        if (!wfm::HasLiveData(ctx.snapshot)) {
            *health = Health::Unknown;
            return ctx.tr(Str::FreshHistoryOnly);
        }
        *health = Health::Good;
        // A paused demo sends nothing new: its data is current however old the last message.
        if (ctx.snapshot.demo.paused) return ctx.tr(Str::FreshLivePaused);
        if (f.age_ms < 2000) return ctx.tr(Str::FreshLive);
        std::snprintf(buf, sizeof buf, ctx.tr(Str::FreshAgeFmt), int(f.age_ms / 1000));
        return buf;
    case LinkState::Stale:
        *health = Health::Warning;
        std::snprintf(buf, sizeof buf, ctx.tr(Str::FreshStale), int(f.age_ms / 1000));
        return buf;
    case LinkState::Disconnected: {
        *health = Health::Bad;
        // Wall clock in the viewer's own zone is not known to the view: show the center's zone.
        std::string at = FormatClock(f.since_wall_ms, LocalOffsetMin(ctx.snapshot, f.since_wall_ms));
        std::snprintf(buf, sizeof buf, ctx.tr(Str::FreshDisconnected), at.c_str());
        return buf;
    }
    }
    return "";
}

}  // namespace

bool MayAdminister(const ViewContext& ctx) {
    if (!ctx.admin || !ctx.session) return false;
    const SessionPhase phase = ctx.session->phase();
    return phase == SessionPhase::Local || (phase == SessionPhase::SignedIn && ctx.session->info().role == "admin");
}

bool MayReconcile(const ViewContext& ctx) {
    if (!ctx.reconcile || !ctx.session) return false;
    const SessionPhase phase = ctx.session->phase();
    return phase == SessionPhase::Local || (phase == SessionPhase::SignedIn && ctx.session->info().role != "wallboard");
}

bool MayViewPeopleReports(const ViewContext& ctx) {
    return ctx.scorecards && ctx.incident && MayReconcile(ctx);  // the same roles read reports
}

bool MayReport(const ViewContext& ctx) {
    if (!ctx.reports || !ctx.session) return false;
    const SessionPhase phase = ctx.session->phase();
    return phase == SessionPhase::Local || (phase == SessionPhase::SignedIn && ctx.session->info().role != "wallboard");
}

void DrawHeader(const ViewContext& ctx, const Fonts& fonts) {
    const Snapshot& s = ctx.snapshot;
    ImGui::TextUnformatted(ctx.tr(Str::AppName));
    ImGui::SameLine(0, 24);
    ImGui::TextDisabled("%s", ctx.tr(Str::SourceLabel));
    ImGui::SameLine();
    // "demo:<scenario>", "queue_log", "api" and "history" read in the UI's language; the machine name
    // stays in the tooltip and the report ("source"; "source.label" is what is shown).
    Scenario scenario;
    char source[160];
    if (s.source.rfind("demo:", 0) == 0 && ParseScenario(std::string_view(s.source).substr(5), &scenario))
        std::snprintf(source, sizeof source, ctx.tr(Str::DemoSourceFmt), ctx.tr.Scenario(int(scenario)));
    else if (s.source == "queue_log")
        std::snprintf(source, sizeof source, "%s", ctx.tr(Str::SourceQueueLog));
    else if (s.source == "api")
        std::snprintf(source, sizeof source, "%s", ctx.tr(Str::SourceApi));
    else if (s.source == "history")
        std::snprintf(source, sizeof source, "%s", ctx.tr(Str::SourceHistory));
    else
        std::snprintf(source, sizeof source, "%s", s.source.empty() ? "-" : s.source.c_str());
    ImGui::TextUnformatted(source);
    if (ImGui::IsItemHovered() && !s.source.empty()) ImGui::SetTooltip("%s", s.source.c_str());
    ReportLastItem(ctx, "source", s.source);
    ReportLastItem(ctx, "source.label", source);
    ImGui::SameLine(0, 24);
    ImGui::TextDisabled("%s", ctx.tr(Str::CenterTime));
    ImGui::SameLine();
    std::string clock = ctx.center_now_ms ? FormatClock(ctx.center_now_ms, LocalOffsetMin(s, ctx.center_now_ms)) : "--:--:--";
    ImGui::TextUnformatted(clock.c_str());
    ReportLastItem(ctx, "center_clock", clock);

    ImGui::SameLine(0, 24);
    Health health = Health::Unknown;
    std::string fresh = FreshnessText(ctx, &health);
    ImVec2 p = ImGui::GetCursorScreenPos();
    float r = ImGui::GetTextLineHeight() * 0.3f;
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetTextLineHeight() * 0.5f), r, HealthColor(health));
    ImGui::Dummy(ImVec2(r * 2, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::TextUnformatted(fresh.c_str());
    ReportLastItem(ctx, "freshness", fresh);

    // Right side: the signed-in user with their role and a sign-out button (accounts mode), TV
    // mode and language.
    const char* lang_label = ctx.tr.lang == Lang::Zh ? ctx.tr(Str::LangEnglish) : ctx.tr(Str::LangChinese);
    const char* tv_label = ctx.tr(Str::TvMode);
    const char* settings_label = ctx.tr(Str::Settings);
    const char* admin_label = ctx.tr(Str::Admin);
    const char* reconcile_label = ctx.tr(Str::Reconcile);
    const char* roster_label = ctx.tr(Str::WfmRoster);
    const bool roster = MayRoster(ctx);
    const char* qa_label = ctx.tr(Str::RoleQa);
    const bool qa = MayQa(ctx);
    const char* forecast_label = ctx.tr(Str::Fc);
    const bool forecast = MayForecast(ctx);
    const bool admin = MayAdminister(ctx);
    const bool reconcile = MayReconcile(ctx);
    const char* reports_label = ctx.tr(Str::Reports);
    const bool reports = MayReport(ctx);
    const ImGuiStyle& style = ImGui::GetStyle();
    float w = ImGui::CalcTextSize(lang_label).x + ImGui::CalcTextSize(tv_label).x + ImGui::CalcTextSize(settings_label).x +
              style.FramePadding.x * 6 + style.ItemSpacing.x + 16;
    if (admin) w += ImGui::CalcTextSize(admin_label).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    if (reconcile) w += ImGui::CalcTextSize(reconcile_label).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    if (roster) w += ImGui::CalcTextSize(roster_label).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    if (qa) w += ImGui::CalcTextSize(qa_label).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    if (forecast) w += ImGui::CalcTextSize(forecast_label).x + style.FramePadding.x * 2 + style.ItemSpacing.x;

    const char* scorecards_label = ctx.tr(Str::Scorecards);
    const char* incident_label = ctx.tr(Str::Incident);
    const bool people = MayViewPeopleReports(ctx);
    if (people)
        w += ImGui::CalcTextSize(scorecards_label).x + ImGui::CalcTextSize(incident_label).x + style.FramePadding.x * 4 +
             style.ItemSpacing.x * 2;
    if (reports) w += ImGui::CalcTextSize(reports_label).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    const char* files_label = ctx.tr(Str::ReportFiles);
    const bool files = MayDownloadReports(ctx);
    if (files) w += ImGui::CalcTextSize(files_label).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    const char* alert_history_label = ctx.tr(Str::AlHistoryButton);
    const bool alert_history = MayViewAlertHistory(ctx);
    if (alert_history) w += ImGui::CalcTextSize(alert_history_label).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    const bool signed_in = ctx.session && ctx.session->phase() == SessionPhase::SignedIn;
    const SessionInfo* who = signed_in ? &ctx.session->info() : nullptr;
    const char* role = who ? RoleName(ctx, who->role) : "";
    const bool can_sign_out = signed_in && !ctx.session->kiosk();
    if (who) {
        w += ImGui::CalcTextSize(who->user.c_str()).x + ImGui::CalcTextSize(role).x + style.ItemSpacing.x * 2 + 24;
        if (can_sign_out) w += ImGui::CalcTextSize(ctx.tr(Str::SignOut)).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    }
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
    if (who) {
        ImGui::TextUnformatted(who->user.c_str());
        ReportLastItem(ctx, "header.user", who->user);
        ImGui::SameLine();
        ImGui::TextDisabled("%s", role);
        ReportLastItem(ctx, "header.role", role);
        if (can_sign_out) {
            ImGui::SameLine();
            if (ImGui::Button(ctx.tr(Str::SignOut))) ctx.actions->push_back({UiAction::Kind::SignOut, 0});
            ReportLastItem(ctx, "button.sign_out", ctx.tr(Str::SignOut));
        }
        ImGui::SameLine(0, 24);
    }
    if (qa) {
        if (ImGui::Button(qa_label)) ctx.actions->push_back({UiAction::Kind::OpenQa, ctx.ui.qa_open ? 0 : 1});
        ReportLastItem(ctx, "button.qa", qa_label);
        ImGui::SameLine();
    }
    if (roster) {
        if (ImGui::Button(roster_label)) ctx.actions->push_back({UiAction::Kind::OpenRoster, ctx.ui.roster_open ? 0 : 1});
        ReportLastItem(ctx, "button.roster", roster_label);
        ImGui::SameLine();
    }
    if (forecast) {
        if (ImGui::Button(forecast_label))
            ctx.actions->push_back({UiAction::Kind::OpenWfmForecast, ctx.ui.forecast_open ? 0 : 1});
        ReportLastItem(ctx, "button.forecast", forecast_label);
        ImGui::SameLine();
    }
    if (people) {
        if (ImGui::Button(scorecards_label))
            ctx.actions->push_back({UiAction::Kind::OpenScorecards, ctx.ui.scorecards_open ? 0 : 1});
        ReportLastItem(ctx, "button.scorecards", scorecards_label);
        ImGui::SameLine();
        if (ImGui::Button(incident_label)) ctx.actions->push_back({UiAction::Kind::OpenIncident, ctx.ui.incident_open ? 0 : 1});
        ReportLastItem(ctx, "button.incident", incident_label);
        ImGui::SameLine();
    }
    if (reports) {
        if (ImGui::Button(reports_label)) ctx.actions->push_back({UiAction::Kind::OpenReports, ctx.ui.reports_open ? 0 : 1});
        ReportLastItem(ctx, "button.reports", reports_label);
        ImGui::SameLine();
    }
    if (files) {
        if (ImGui::Button(files_label))
            ctx.actions->push_back({UiAction::Kind::OpenReportFiles, ctx.ui.report_files_open ? 0 : 1});
        ReportLastItem(ctx, "button.report_files", files_label);
        ImGui::SameLine();
    }
    if (alert_history) {
        if (ImGui::Button(alert_history_label))
            ctx.actions->push_back({UiAction::Kind::OpenAlertHistory, ctx.ui.alert_history_open ? 0 : 1});
        ReportLastItem(ctx, "button.alert_history", alert_history_label);
        ImGui::SameLine();
    }
    if (reconcile) {
        if (ImGui::Button(reconcile_label))
            ctx.actions->push_back({UiAction::Kind::OpenReconcile, ctx.ui.reconcile_open ? 0 : 1});
        ReportLastItem(ctx, "button.reconcile", reconcile_label);
        ImGui::SameLine();
    }
    if (admin) {
        if (ImGui::Button(admin_label)) ctx.actions->push_back({UiAction::Kind::OpenAdmin, ctx.ui.admin_open ? 0 : 1});
        ReportLastItem(ctx, "button.admin", admin_label);
        ImGui::SameLine();
    }
    if (ImGui::Button(settings_label)) ctx.actions->push_back({UiAction::Kind::OpenSettings, ctx.ui.settings_open ? 0 : 1});
    ReportLastItem(ctx, "button.settings", settings_label);
    ImGui::SameLine();
    if (ImGui::Button(tv_label)) ctx.actions->push_back({UiAction::Kind::SetTvMode, 1});
    ReportLastItem(ctx, "button.tv", tv_label);
    ImGui::SameLine();
    if (ImGui::Button(lang_label))
        ctx.actions->push_back({UiAction::Kind::SetLanguage, ctx.tr.lang == Lang::Zh ? int(Lang::En) : int(Lang::Zh)});
    ReportLastItem(ctx, "button.language", lang_label);
    (void)fonts;
}

void DrawDashboard(const ViewContext& ctx, const Fonts& fonts) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##dashboard", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    if (ctx.report) ctx.report->Add("language", std::string(LangCode(ctx.tr.lang)), 0, 0, 0, 0);
    if (ctx.session && ctx.session->ShowsLogin()) {
        // Before any data: the login screen, with only the language switch beside it.
        const char* lang_label = ctx.tr.lang == Lang::Zh ? ctx.tr(Str::LangEnglish) : ctx.tr(Str::LangChinese);
        ImGui::TextUnformatted(ctx.tr(Str::AppName));
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(lang_label).x -
                        ImGui::GetStyle().FramePadding.x * 2);
        if (ImGui::Button(lang_label))
            ctx.actions->push_back({UiAction::Kind::SetLanguage, ctx.tr.lang == Lang::Zh ? int(Lang::En) : int(Lang::Zh)});
        ReportLastItem(ctx, "button.language", lang_label);
        ImGui::Separator();
        DrawLogin(ctx, fonts);
        ImGui::End();
        return;
    }
    if (ctx.ui.tv_mode) {
        if (ImGui::SmallButton(ctx.tr(Str::ExitTvMode)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
            ctx.actions->push_back({UiAction::Kind::SetTvMode, 0});
        ReportLastItem(ctx, "button.exit_tv", ctx.tr(Str::ExitTvMode));
        DrawTvMode(ctx, fonts);
        ImGui::End();
        return;
    }
    DrawHeader(ctx, fonts);
    DrawDemoControls(ctx);
    ImGui::Separator();
    DrawAlertBanner(ctx);
    // A trainer's role sees demo data only: a real-data server refuses its stream, so offer
    // the simulator in this process instead of waiting forever.
    if (ctx.session && ctx.session->MayStream() && ctx.session->info().role == "trainer" &&
        ctx.freshness.state == LinkState::Disconnected &&
        ctx.snapshot.directory.queues.empty()) {
        ImGui::TextWrapped("%s", ctx.tr(Str::TrainerDemoOnly));
        ReportLastItem(ctx, "trainer.demo_only", ctx.tr(Str::TrainerDemoOnly));
        if (ImGui::Button(ctx.tr(Str::StartOfflineDemo))) ctx.actions->push_back({UiAction::Kind::StartDemo, 0});
        ReportLastItem(ctx, "button.start_demo", ctx.tr(Str::StartOfflineDemo));
        ImGui::End();
        return;
    }
    if (ctx.freshness.state == LinkState::Connecting && ctx.snapshot.directory.queues.empty()) {
        ImGui::TextUnformatted(ctx.tr(Str::WaitingForData));
        ReportLastItem(ctx, "waiting_for_data", ctx.tr(Str::WaitingForData));
        ImGui::End();
        return;
    }
    struct TabDef { Tab tab; Str label; const char* id; };
    static constexpr TabDef kTabs[] = {{Tab::Wallboard, Str::TabWallboard, "tab.wallboard"},
                                       {Tab::Floor, Str::TabFloor, "tab.floor"},
                                       {Tab::Intraday, Str::TabIntraday, "tab.intraday"}};
    // Tab bar as buttons so the controller owns which tab is active (and tests can click them).
    for (const TabDef& t : kTabs) {
        if (&t != kTabs) ImGui::SameLine();
        const bool active = ctx.ui.tab == t.tab;
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_TabActive]);
        char label[96];
        std::snprintf(label, sizeof label, "%s###%s", ctx.tr(t.label), t.id);
        if (ImGui::Button(label)) ctx.actions->push_back({UiAction::Kind::SetTab, int(t.tab)});
        if (active) ImGui::PopStyleColor();
        ReportLastItem(ctx, t.id, ctx.tr(t.label));
    }
    ImGui::Separator();
    if (ctx.ui.alert_history_open && MayViewAlertHistory(ctx)) {
        DrawAlertHistory(ctx, fonts);
        ImGui::End();
        return;
    }
    if (ctx.ui.admin_open && MayAdminister(ctx)) {
        DrawAdmin(ctx, fonts);
        ImGui::End();
        return;
    }
    if (ctx.ui.reports_open && MayReport(ctx)) {
        DrawReports(ctx, fonts);
        ImGui::End();
        return;
    }
    if (ctx.ui.qa_open && MayQa(ctx)) {
        DrawQa(ctx, fonts);
        ImGui::End();
        return;
    }
    if (ctx.ui.roster_open && MayRoster(ctx)) {
        DrawRosterPage(ctx, fonts);
        ImGui::End();
        return;
    }
    if (ctx.ui.reconcile_open && MayReconcile(ctx)) {
        DrawReconcile(ctx, fonts);
        ImGui::End();
        return;
    }
    if (ctx.ui.forecast_open && MayForecast(ctx)) {
        DrawWfmForecast(ctx, fonts);
        ImGui::End();
        return;
    }
    if ((ctx.ui.scorecards_open || ctx.ui.incident_open) && MayViewPeopleReports(ctx)) {
        if (ctx.ui.scorecards_open) DrawScorecards(ctx, fonts);
        else DrawIncident(ctx, fonts);
        ImGui::End();
        return;
    }
    if (ctx.ui.report_files_open && MayDownloadReports(ctx)) {
        DrawReportFiles(ctx, fonts);
        ImGui::End();
        return;
    }
    if (ctx.ui.settings_open && ctx.settings) {
        DrawSettings(ctx, fonts);
        ImGui::End();
        return;
    }
    switch (ctx.ui.tab) {
    case Tab::Wallboard: DrawWallboard(ctx, fonts); break;
    case Tab::Floor: DrawFloor(ctx, fonts); break;
    case Tab::Intraday: DrawIntraday(ctx, fonts); break;
    case Tab::kCount: break;
    }
    ImGui::End();
}

}  // namespace cb
