// Who may do what: the roles of docs/auth.md and the permission matrix every route consults.
// Pure: no I/O. Scoping of live data by role and teams is in scope.h.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cb {

enum class Role : uint8_t { Admin, Manager, Lead, Qa, Trainer, Wallboard };

std::string_view RoleName(Role role);               // "admin", "manager", "lead", "qa", "trainer", "wallboard"
bool ParseRole(std::string_view name, Role* out);   // false for an unknown name

// What a request asks to do. Each route names one.
enum class Action : uint8_t {
    ViewLive,         // GET /api/snapshot, /api/stream (scoped, see scope.h)
    ViewAgentDetail,  // GET /api/agents/{key} (scoped)
    ViewAudit,        // GET /api/audit
    ManageAccounts,   // accounts and teams: the administration page, its API and the command line
    ControlDemo,      // POST /api/demo: scenario, pause, restart, jumps, speed of the server's demo
    EditCenterThresholds,  // PUT /api/thresholds/center
    EditTeamThresholds,    // a team's thresholds (a lead: own teams only, see MayEditTeamThresholds)
    ViewReports,      // GET /api/reports..., /api/scorecards..., /api/incidents... (scoped: docs/reports.md)
    WriteIncidentNotes,  // POST/PUT /api/incidents/notes: a supervisor's notes about an incident

    ViewReconciliation,    // GET /api/reconcile: queue totals as Callboard and other tools count them
    ViewForecast,          // GET /api/wfm/forecast, /api/wfm/staffing, /api/wfm/special-days: planning
    EditSpecialDays,       // PUT and DELETE /api/wfm/special-days/{date}: holidays and campaigns
    ManageReportSchedules, // /api/reports/schedules: which reports the server writes and mails

    // Quality (docs/qa.md). Team scoping applies on top (QaSeesTeam).
    ViewQa,                // GET /api/qa/...: forms, evaluations, reports, calibration sessions
    ManageQaForms,         // POST/PUT /api/qa/forms: build forms and their versions
    EvaluateCalls,         // POST/PUT /api/qa/evaluations, resolving a dispute with a re-score
    AcknowledgeQa,         // acknowledging an evaluation (as lead, or for the agent) and disputing it
    RunCalibration,        // POST /api/qa/calibrations: sessions of several evaluators on one call
    ResolveQaDispute,      // POST /api/qa/evaluations/{id}/resolve: the re-score of a disputed evaluation
    ViewAlerts,            // GET /api/alerts, /api/alerts/history (routed: core/alert Reaches)
    ActOnAlerts,           // POST /api/alerts/ack, snooze, resolve (a lead: own teams' alerts)
    ManageAlertRules,      // /api/alerts/rules: what raises alerts
};

// The permission matrix (docs/auth.md, "Roles"). Scoping still applies to what is allowed.
bool RoleMay(Role role, Action action);
// EditTeamThresholds for this team: admins and managers any team, a lead the teams they lead.
bool MayEditTeamThresholds(Role role, const std::vector<std::string>& teams, std::string_view team);
// Quality: whether the role sees and acts on evaluations of an agent of `team`: a lead the teams
// they lead, admins, managers and the qa role (the evaluators) every team.
bool QaSeesTeam(Role role, const std::vector<std::string>& teams, std::string_view team);
// True when the role sees customer phone numbers unmasked (admin and qa).
bool RoleSeesPhoneNumbers(Role role);
// True when the role may only ever see simulated (demo) data.
bool RoleDemoOnly(Role role);

}  // namespace cb
