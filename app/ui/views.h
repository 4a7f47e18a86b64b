// The views. Each draws from the ViewContext and pushes the user's intents into ctx.actions.
#pragma once
#include "theme.h"
#include "view_context.h"

namespace cb {

// The whole dashboard for one frame: header (freshness, language, tabs) and the active tab,
// filling the main viewport.
void DrawDashboard(const ViewContext& ctx, const Fonts& fonts);

void DrawHeader(const ViewContext& ctx, const Fonts& fonts);
// The trainer's controls (view_demo_controls.cpp): scenario, pause, restart, jumps, speed; a
// line under the header when ctx.ui.demo_controls.
void DrawDemoControls(const ViewContext& ctx);
// The login screen (view_login.cpp): user, password, sign in, the reason it shows. Needs
// ctx.session and ctx.login; Enter in either field or the button pushes UiAction::SignIn.
void DrawLogin(const ViewContext& ctx, const Fonts& fonts);
// The thresholds panel (colors and outlier flags), edited as a draft and applied as a whole.
void DrawSettings(const ViewContext& ctx, const Fonts& fonts);
// The administration page (accounts and teams; view_admin.cpp). Needs ctx.admin.
void DrawAdmin(const ViewContext& ctx, const Fonts& fonts);
// True when the header offers the administration page: an admin, or local mode.
bool MayAdminister(const ViewContext& ctx);
// The reconciliation page (view_reconcile.cpp; docs/reconciliation.md). Needs ctx.reconcile.
void DrawReconcile(const ViewContext& ctx, const Fonts& fonts);
// True when the header offers it: connected to a server, signed in (or local mode), any role but
// wallboard (the server refuses a trainer on real data and the page says so).
bool MayReconcile(const ViewContext& ctx);
// The roster page (view_wfm_roster.cpp; docs/wfm.md "Views"): rosters, break requests, adherence.
// Needs ctx.roster; offered to admins, managers and leads (MayRoster).
void DrawRosterPage(const ViewContext& ctx, const Fonts& fonts);
bool MayRoster(const ViewContext& ctx);
// The QA page (view_qa.cpp; docs/qa.md): evaluations, evaluating a call, calibration, forms. Needs
// ctx.qa; offered to admins, managers, leads and the qa role (MayQa).
void DrawQa(const ViewContext& ctx, const Fonts& fonts);
bool MayQa(const ViewContext& ctx);
// The "Forecast & staffing" page (view_wfm_forecast.cpp; docs/wfm.md). Needs ctx.wfm_forecast.
void DrawWfmForecast(const ViewContext& ctx, const Fonts& fonts);
// True when the header offers it: connected to a server, local mode or signed in as an admin,
// manager, lead or trainer (who may read plans, docs/auth.md).
bool MayForecast(const ViewContext& ctx);

// The agent scorecards page (view_scorecards.cpp) and the incident report (view_incident.cpp),
// docs/reports.md. Need ctx.scorecards / ctx.incident. Offered like the reconciliation page.
void DrawScorecards(const ViewContext& ctx, const Fonts& fonts);
void DrawIncident(const ViewContext& ctx, const Fonts& fonts);
bool MayViewPeopleReports(const ViewContext& ctx);
// The Reports area (view_reports.cpp; docs/reports.md "Views"). Needs ctx.reports.
void DrawReports(const ViewContext& ctx, const Fonts& fonts);
// True when the header offers it: as MayReconcile (the server scopes what each role sees).
bool MayReport(const ViewContext& ctx);
// The scheduled reports' download list (view_report_files.cpp). Needs ctx.report_files.
void DrawReportFiles(const ViewContext& ctx, const Fonts& fonts);
// True when the header offers it: connected to a server, any role but wallboard.
bool MayDownloadReports(const ViewContext& ctx);
// The display name of a role from the session ("lead" -> "Team lead"); unknown roles as given.
const char* RoleName(const ViewContext& ctx, const std::string& role);
void DrawWallboard(const ViewContext& ctx, const Fonts& fonts);
// Alerts (view_alerts.cpp, docs/alerts.md): the banner of the alerts routed to this user, the
// wallboard's panel of the center's active alerts, the alert history page.
void DrawAlertBanner(const ViewContext& ctx);
void DrawAlertPanel(const ViewContext& ctx);
// TV mode: the active alerts the screen may see, one line each, on every page (nothing when none).
void DrawAlertStrip(const ViewContext& ctx);
void DrawAlertHistory(const ViewContext& ctx, const Fonts& fonts);
bool MayViewAlertHistory(const ViewContext& ctx);
void DrawFloor(const ViewContext& ctx, const Fonts& fonts);
void DrawIntraday(const ViewContext& ctx, const Fonts& fonts);
// The agent card for ctx.ui.selected_agent (nothing when none); drawn beside the floor map.
void DrawAgentCard(const ViewContext& ctx, const Fonts& fonts);
// TV mode: full screen, large type; page 0 is the wallboard, page k the k-th team, turning every
// thresholds.tv_cycle_s wall seconds from ui.tv_since_wall_ms (or fixed on ui.tv_team >= 0).
void DrawTvMode(const ViewContext& ctx, const Fonts& fonts);
int TvPage(const ViewContext& ctx);

// Helpers shared by views (view_common.cpp).
// Adds a report item for the last drawn ImGui item.
void ReportLastItem(const ViewContext& ctx, const std::string& id, const std::string& text);
// Shows a KPI's definition and the counts behind it as a tooltip when the last item is hovered.
void KpiTooltip(const ViewContext& ctx, const char* title, const char* definition, const std::string& counts);
const char* Name(const ViewContext& ctx, const QueueInfo& q);
const char* Name(const ViewContext& ctx, const TeamInfo& t);
const char* Name(const ViewContext& ctx, const AgentInfo& a);

}  // namespace cb
