// The alerts as this screen shows them (docs/alerts.md): the alerts routed to the signed-in user
// (the banner, with acknowledge / snooze / resolve when they may act), the center's active
// alerts they may see (the wallboard panel) and the alert history page. Filled by
// AlertsController from GET /api/alerts (asked every 2 s) and GET /api/alerts/history.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "core/alert/alert_rule.h"

namespace cb {

struct AlertItem {
    int64_t rule_id = 0;
    std::string rule_name;
    std::string kind;        // center, queue, team, agent
    std::string key;         // the queue, team or agent key
    std::string team;
    std::string state;       // firing, acknowledged
    std::string severity;    // warning, critical
    double value = 0;        // the rule's first condition's value (seconds, count or percent)
    std::string metric;      // of that condition (from the rules list; empty when unknown)
    int64_t since_ms = 0;
    int64_t snoozed_until_ms = 0;
    std::string by;
    bool flapping = false;
    bool sound = false;
    bool may_act = false;
};

struct AlertHistoryItem {
    int64_t at_ms = 0;
    std::string rule_name, kind, key, from, to, severity, user, note;
    double value = 0;
};

// The banner's buttons (UiAction::AlertCommand: value = index in `mine` * 4 + command).
enum class AlertCommand : int { Acknowledge = 0, Snooze = 1, Resolve = 2 };

// The rule form's buttons (UiAction::AlertRuleCommand: value = index * 8 + command; the index is
// the rule's in `rules` for Edit and Delete, the condition's for RemoveCondition).
enum class AlertRuleCommand : int { New = 0, Edit = 1, Delete = 2, Save = 3, Cancel = 4, AddCondition = 5, RemoveCondition = 6 };

// The rule being added or changed, edited in place by the alerts page. Checked with the core's
// ValidateRule (alert::RuleFromJson) before it is sent; the server checks it again.
struct AlertRuleForm {
    bool open = false;
    int64_t id = 0;                  // 0: a new rule
    char name[alert::kMaxRuleName + 1] = "";
    int scope = 0;                   // alert::ScopeKind
    char scope_key[64] = "";         // empty: each queue, team or agent
    bool enabled = true;
    bool sound = true;
    int pending_s = alert::kDefaultPendingS;
    int cooldown_s = alert::kDefaultCooldownS;
    struct Cond {
        int metric = 1;              // alert::Metric (oldest wait)
        int comparator = 0;          // alert::Comparator
        double warning = 60, critical = 120, clear = 45;
        int state = 0;               // AgentStateTime: 0 any, else AgentState
    };
    Cond conds[alert::kMaxConditions];
    int n_conds = 1;
    bool saving = false;
    std::string error_field;         // "conditions[0].clear"; empty: none or the rule as a whole
    std::string error;               // why it was not saved (checked here or refused by the server)
};

struct AlertsState {
    bool available = false;          // the server answered GET /api/alerts (the role sees alerts)
    uint64_t version = 0;
    std::vector<AlertItem> mine;     // the banner
    std::vector<AlertItem> center;   // the wallboard panel
    bool sound = true;               // play a sound when an alert with sound on fires here
    std::string action_error;        // why the last acknowledge / snooze / resolve was refused
    // The rules (the alerts page; everyone who sees alerts reads them, managers and admins edit).
    bool rules_loading = false;
    bool may_edit_rules = false;
    std::string rules_error;
    std::vector<alert::Rule> rules;
    AlertRuleForm form;
    // The history page.
    bool history_loading = false;
    std::string history_error;
    std::vector<AlertHistoryItem> history;
};

}  // namespace cb
