#include "server/auth/roles.h"

namespace cb {

std::string_view RoleName(Role role) {
    switch (role) {
    case Role::Admin: return "admin";
    case Role::Manager: return "manager";
    case Role::Lead: return "lead";
    case Role::Qa: return "qa";
    case Role::Trainer: return "trainer";
    case Role::Wallboard: return "wallboard";
    }
    return "unknown";
}

bool ParseRole(std::string_view name, Role* out) {
    for (Role role : {Role::Admin, Role::Manager, Role::Lead, Role::Qa, Role::Trainer, Role::Wallboard}) {
        if (RoleName(role) == name) {
            *out = role;
            return true;
        }
    }
    return false;
}

bool RoleMay(Role role, Action action) {
    switch (action) {
    case Action::ViewLive: return true;  // everyone, scoped; trainers on demo data only (RoleDemoOnly)
    case Action::ViewAgentDetail: return role != Role::Wallboard;  // a kiosk shows names and states only
    case Action::ViewAudit:
    case Action::ManageAccounts: return role == Role::Admin;
    // Running the simulation is a trainer's job; an admin owns the server. Everyone else only
    // watches it: one trainer's pause or jump moves every screen.
    case Action::ControlDemo: return role == Role::Admin || role == Role::Trainer;
    case Action::EditCenterThresholds: return role == Role::Admin || role == Role::Manager;
    case Action::EditTeamThresholds: return role == Role::Admin || role == Role::Manager || role == Role::Lead;
    // History is for the people who run and judge the floor; a kiosk shows the live floor only.
    case Action::ViewReports: return role != Role::Wallboard;
    // Those who run the floor write down what happened during an incident.
    case Action::WriteIncidentNotes: return role == Role::Admin || role == Role::Manager || role == Role::Lead;

    // Queue totals, like every queue's figures on the live floor (a lead sees every queue): no
    // agent detail and no caller. A kiosk shows the live floor only.
    case Action::ViewReconciliation: return role != Role::Wallboard;
    // Planning the floor: who leads it and who runs the center (and a trainer on the demo's data);
    // the center's special days are set by its managers.
    case Action::ViewForecast:
        return role == Role::Admin || role == Role::Manager || role == Role::Lead || role == Role::Trainer;
    case Action::EditSpecialDays: return role == Role::Admin || role == Role::Manager;
    // Scheduled reports: those who run the center, and a lead for their own teams only.
    case Action::ManageReportSchedules: return role == Role::Admin || role == Role::Manager || role == Role::Lead;

    // Quality checks (docs/qa.md): the qa role is the evaluators' role. Those who run the floor
    // and score calls see the results; trainers and kiosks do not. Forms are an administrator's;
    // evaluators and leads score calls (a lead their own team); leads and managers acknowledge
    // and dispute; evaluators and administrators run calibration sessions.
    case Action::ViewQa:
        return role == Role::Admin || role == Role::Manager || role == Role::Lead || role == Role::Qa;
    case Action::ManageQaForms: return role == Role::Admin;
    case Action::EvaluateCalls: return role == Role::Admin || role == Role::Qa || role == Role::Lead;
    case Action::AcknowledgeQa: return role == Role::Admin || role == Role::Manager || role == Role::Lead;
    case Action::RunCalibration: return role == Role::Admin || role == Role::Qa;
    // A dispute is settled by an evaluator or an administrator, never by the lead who raised it.
    case Action::ResolveQaDispute: return role == Role::Admin || role == Role::Qa;
    // Alerts reach those who run the floor (a lead their teams', docs/alerts.md); a kiosk shows
    // the center's active alerts and acts on none; the rules are the center's managers'.
    case Action::ViewAlerts: return role != Role::Qa && role != Role::Trainer;
    case Action::ActOnAlerts: return role == Role::Admin || role == Role::Manager || role == Role::Lead;
    case Action::ManageAlertRules: return role == Role::Admin || role == Role::Manager;
    }
    return false;
}

bool MayEditTeamThresholds(Role role, const std::vector<std::string>& teams, std::string_view team) {
    if (role == Role::Admin || role == Role::Manager) return true;
    if (role != Role::Lead) return false;
    for (const std::string& t : teams)
        if (t == team) return true;
    return false;
}

bool QaSeesTeam(Role role, const std::vector<std::string>& teams, std::string_view team) {
    if (role == Role::Admin || role == Role::Manager || role == Role::Qa) return true;
    if (role != Role::Lead) return false;
    for (const std::string& t : teams)
        if (t == team) return true;
    return false;
}

bool RoleSeesPhoneNumbers(Role role) { return role == Role::Admin || role == Role::Qa; }

bool RoleDemoOnly(Role role) { return role == Role::Trainer; }

}  // namespace cb
