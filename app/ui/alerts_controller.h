// AlertsController: the alerts' requests and answers (alerts_state.h). While signed in to a
// server it asks GET /api/alerts every 2 seconds (the server evaluates the rules once a second);
// the banner's buttons send POST /api/alerts/ack, snooze (15 minutes) or resolve; the history
// page asks GET /api/alerts/history. A newly firing alert with sound on asks the platform for a
// sound (TakeSound).
#pragma once
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include "alerts_state.h"
#include "api_tags.h"
#include "client/transport.h"

namespace cb {

class AlertsController {
public:
    static constexpr int kFirstTag = api_tags::kAlerts.first, kLastTag = api_tags::kAlerts.last;
    static bool OwnsTag(int tag) { return tag >= kFirstTag && tag <= kLastTag; }
    static constexpr int64_t kPollMs = 2000;

    using Send = std::function<void(ApiRequest)>;
    explicit AlertsController(Send send) : m_send(std::move(send)) {}

    AlertsState& state() { return m_state; }
    const AlertsState& state() const { return m_state; }

    // Asks for the alerts when kPollMs passed since the last ask and none is outstanding.
    void Poll(int64_t wall_now_ms);
    void Command(int packed);  // index * 4 + AlertCommand
    void OpenHistory();        // the alerts page: the rules and the history
    void RuleCommand(int packed);  // index * 8 + AlertRuleCommand
    void OnAnswer(const TransportMessage& answer);
    void Clear();              // signed out
    // True once per newly firing alert (with sound on) since the last call.
    bool TakeSound();

private:
    int NextTag();

    Send m_send;
    AlertsState m_state;
    int m_tag = kFirstTag + 10;
    int m_poll_tag = 0;
    int m_history_tag = 0;
    int m_rules_tag = 0;
    int m_save_tag = 0;
    int m_delete_tag = 0;
    void LoadRules();
    void SaveRule();
    int64_t m_last_poll_ms = 0;
    bool m_first = true;
    bool m_sound = false;
    std::set<std::string> m_firing;  // rule/kind/key/since of the firing alerts seen
};

// Parses GET /api/alerts' body; false when it is not the contract's object.
bool AlertsFromJson(std::string_view body, AlertsState* out);
bool AlertHistoryFromJson(std::string_view body, std::vector<AlertHistoryItem>* out);
// The rules list's body ({"rules":[...],"may_edit":bool}); false when it is not that.
bool AlertRulesFromJson(std::string_view body, std::vector<alert::Rule>* rules, bool* may_edit);
// The form as a rule and back.
alert::Rule RuleFromForm(const AlertRuleForm& f);
void FormFromRule(const alert::Rule& r, AlertRuleForm* f);
// The action's body: {"rule_id":1,"subject":{"kind":"queue","key":"orders"}[,"minutes":15]}.
std::string AlertActionJson(const AlertItem& a, AlertCommand c);

}  // namespace cb
