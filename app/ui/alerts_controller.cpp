// AlertsController (alerts_controller.h).
#include "alerts_controller.h"

#include <cstring>
#include <nlohmann/json.hpp>

namespace cb {
namespace {

using nlohmann::json;

bool ReadItem(const json& j, AlertItem* a) {
    if (!j.is_object() || !j.contains("subject") || !j["subject"].is_object()) return false;
    a->rule_id = j.value("rule_id", int64_t{0});
    a->rule_name = j.value("rule_name", "");
    a->kind = j["subject"].value("kind", "");
    a->key = j["subject"].value("key", "");
    a->team = j["subject"].value("team", "");
    a->state = j.value("state", "");
    a->severity = j.value("severity", "");
    a->value = j.value("value", 0.0);
    a->metric = j.value("metric", "");
    a->since_ms = j.value("since_ms", int64_t{0});
    a->snoozed_until_ms = j.value("snoozed_until_ms", int64_t{0});
    a->by = j.value("by", "");
    a->flapping = j.value("flapping", false);
    a->sound = j.value("sound", false);
    a->may_act = j.value("may_act", false);
    return true;
}

}  // namespace

bool AlertsFromJson(std::string_view body, AlertsState* out) {
    const json j = json::parse(body.begin(), body.end(), nullptr, false);
    if (!j.is_object() || !j.contains("alerts") || !j["alerts"].is_array() || !j.contains("center") ||
        !j["center"].is_array()) {
        return false;
    }
    std::vector<AlertItem> mine, center;
    for (const json& a : j["alerts"]) {
        AlertItem item;
        if (!ReadItem(a, &item)) return false;
        mine.push_back(std::move(item));
    }
    for (const json& a : j["center"]) {
        AlertItem item;
        if (!ReadItem(a, &item)) return false;
        center.push_back(std::move(item));
    }
    out->mine = std::move(mine);
    out->center = std::move(center);
    out->version = j.value("version", uint64_t{0});
    return true;
}

bool AlertHistoryFromJson(std::string_view body, std::vector<AlertHistoryItem>* out) {
    const json j = json::parse(body.begin(), body.end(), nullptr, false);
    if (!j.is_object() || !j.contains("history") || !j["history"].is_array()) return false;
    out->clear();
    for (const json& h : j["history"]) {
        if (!h.is_object() || !h.contains("subject")) return false;
        AlertHistoryItem i;
        i.at_ms = h.value("at_ms", int64_t{0});
        i.rule_name = h.value("rule_name", "");
        i.kind = h["subject"].value("kind", "");
        i.key = h["subject"].value("key", "");
        i.from = h.value("from", "");
        i.to = h.value("to", "");
        i.severity = h.value("severity", "");
        i.user = h.value("user", "");
        i.note = h.value("note", "");
        i.value = h.value("value", 0.0);
        out->push_back(std::move(i));
    }
    return true;
}

bool AlertRulesFromJson(std::string_view body, std::vector<alert::Rule>* rules, bool* may_edit) {
    const json j = json::parse(body.begin(), body.end(), nullptr, false);
    if (!j.is_object() || !j.contains("rules") || !j["rules"].is_array()) return false;
    std::vector<alert::Rule> out;
    for (const json& r : j["rules"]) {
        alert::Rule rule;
        rule.id = r.is_object() ? r.value("id", int64_t{0}) : 0;
        alert::RuleError e;
        if (!alert::RuleFromJson(r.dump(), &rule, &e)) return false;
        out.push_back(std::move(rule));
    }
    *rules = std::move(out);
    *may_edit = j.value("may_edit", false);
    return true;
}

alert::Rule RuleFromForm(const AlertRuleForm& f) {
    alert::Rule r;
    r.id = f.id;
    r.name = f.name;
    r.scope = static_cast<alert::ScopeKind>(f.scope);
    r.scope_key = r.scope == alert::ScopeKind::Center ? "" : f.scope_key;
    r.enabled = f.enabled;
    r.sound = f.sound;
    r.pending_s = f.pending_s;
    r.cooldown_s = f.cooldown_s;
    for (int i = 0; i < f.n_conds; ++i) {
        const AlertRuleForm::Cond& c = f.conds[i];
        alert::Condition cond;
        cond.metric = static_cast<alert::Metric>(c.metric);
        cond.comparator = static_cast<alert::Comparator>(c.comparator);
        cond.warning = c.warning;
        cond.critical = c.critical;
        cond.clear = c.clear;
        if (cond.metric == alert::Metric::AgentStateTime && c.state > 0)
            cond.state = std::string(AgentStateName(static_cast<AgentState>(c.state)));
        r.conditions.push_back(std::move(cond));
    }
    return r;
}

void FormFromRule(const alert::Rule& r, AlertRuleForm* f) {
    *f = AlertRuleForm{};
    f->open = true;
    f->id = r.id;
    std::snprintf(f->name, sizeof f->name, "%s", r.name.c_str());
    f->scope = static_cast<int>(r.scope);
    std::snprintf(f->scope_key, sizeof f->scope_key, "%s", r.scope_key.c_str());
    f->enabled = r.enabled;
    f->sound = r.sound;
    f->pending_s = r.pending_s;
    f->cooldown_s = r.cooldown_s;
    f->n_conds = 0;
    for (const alert::Condition& c : r.conditions) {
        if (f->n_conds >= int(alert::kMaxConditions)) break;
        AlertRuleForm::Cond& d = f->conds[f->n_conds++];
        d.metric = static_cast<int>(c.metric);
        d.comparator = static_cast<int>(c.comparator);
        d.warning = c.warning;
        d.critical = c.critical;
        d.clear = c.clear;
        d.state = 0;
        for (int s = 1; s < int(AgentState::kCount); ++s)
            if (c.state == AgentStateName(static_cast<AgentState>(s))) d.state = s;
    }
    if (f->n_conds == 0) f->n_conds = 1;
}

std::string AlertActionJson(const AlertItem& a, AlertCommand c) {
    json j{{"rule_id", a.rule_id}, {"subject", {{"kind", a.kind}, {"key", a.key}}}};
    if (c == AlertCommand::Snooze) j["minutes"] = 15;
    return j.dump();
}

int AlertsController::NextTag() {
    if (++m_tag > kLastTag) m_tag = kFirstTag + 10;
    return m_tag;
}

void AlertsController::Poll(int64_t wall_now_ms) {
    if (m_poll_tag != 0 && wall_now_ms - m_last_poll_ms < 10000) return;  // one outstanding (10 s: lost)
    if (m_last_poll_ms != 0 && wall_now_ms - m_last_poll_ms < kPollMs) return;
    m_last_poll_ms = wall_now_ms;
    m_poll_tag = NextTag();
    m_send(ApiRequest{"GET", "api/alerts", "", "", m_poll_tag});
}

void AlertsController::Command(int packed) {
    const size_t index = static_cast<size_t>(packed / 4);
    const int c = packed % 4;
    if (packed < 0 || index >= m_state.mine.size() || c > 2) return;
    const AlertItem& a = m_state.mine[index];
    if (!a.may_act) return;
    static constexpr const char* kPaths[] = {"api/alerts/ack", "api/alerts/snooze", "api/alerts/resolve"};
    m_send(ApiRequest{"POST", kPaths[c], AlertActionJson(a, static_cast<AlertCommand>(c)), "", NextTag()});
    m_state.action_error.clear();
}

void AlertsController::LoadRules() {
    m_state.rules_loading = true;
    m_state.rules_error.clear();
    m_rules_tag = NextTag();
    m_send(ApiRequest{"GET", "api/alerts/rules", "", "", m_rules_tag});
}

void AlertsController::SaveRule() {
    AlertRuleForm& f = m_state.form;
    if (f.saving) return;
    // Checked here with the core's rules first (the same check the server makes), so a mistake
    // is shown under its field before anything is sent.
    const alert::Rule rule = RuleFromForm(f);
    json body = json::parse(alert::RuleToJson(rule));
    body.erase("id");
    alert::Rule checked;
    alert::RuleError e;
    if (!alert::RuleFromJson(body.dump(), &checked, &e)) {
        f.error_field = e.field;
        f.error = e.message;
        return;
    }
    f.error_field.clear();
    f.error.clear();
    f.saving = true;
    m_save_tag = NextTag();
    if (f.id == 0) m_send(ApiRequest{"POST", "api/alerts/rules", body.dump(), "", m_save_tag});
    else m_send(ApiRequest{"PUT", "api/alerts/rules/" + std::to_string(f.id), body.dump(), "", m_save_tag});
}

void AlertsController::RuleCommand(int packed) {
    if (packed < 0) return;
    const size_t index = static_cast<size_t>(packed / 8);
    AlertRuleForm& f = m_state.form;
    switch (static_cast<AlertRuleCommand>(packed % 8)) {
    case AlertRuleCommand::New:
        if (!m_state.may_edit_rules) return;
        f = AlertRuleForm{};
        f.open = true;
        return;
    case AlertRuleCommand::Edit:
        if (!m_state.may_edit_rules || index >= m_state.rules.size()) return;
        FormFromRule(m_state.rules[index], &f);
        return;
    case AlertRuleCommand::Delete:
        if (!m_state.may_edit_rules || index >= m_state.rules.size()) return;
        m_state.rules_error.clear();
        m_delete_tag = NextTag();
        m_send(ApiRequest{"DELETE", "api/alerts/rules/" + std::to_string(m_state.rules[index].id), "", "", m_delete_tag});
        return;
    case AlertRuleCommand::Save: SaveRule(); return;
    case AlertRuleCommand::Cancel: f = AlertRuleForm{}; return;
    case AlertRuleCommand::AddCondition:
        if (f.n_conds < int(alert::kMaxConditions)) f.conds[f.n_conds++] = AlertRuleForm::Cond{};
        return;
    case AlertRuleCommand::RemoveCondition:
        if (f.n_conds <= 1 || index >= size_t(f.n_conds)) return;
        for (int i = int(index); i + 1 < f.n_conds; ++i) f.conds[i] = f.conds[i + 1];
        --f.n_conds;
        return;
    }
}

void AlertsController::OpenHistory() {
    LoadRules();
    m_state.history_loading = true;
    m_state.history_error.clear();
    m_history_tag = NextTag();
    m_send(ApiRequest{"GET", "api/alerts/history?limit=200", "", "", m_history_tag});
}

void AlertsController::OnAnswer(const TransportMessage& m) {
    if (m.tag == m_poll_tag) {
        m_poll_tag = 0;
        if (m.status != 200) {
            m_state.available = false;
            return;
        }
        if (!AlertsFromJson(m.data, &m_state)) return;
        m_state.available = true;
        std::set<std::string> firing;
        for (const AlertItem& a : m_state.mine) {
            if (a.state != "firing") continue;
            std::string key = std::to_string(a.rule_id) + "/" + a.kind + "/" + a.key + "/" + std::to_string(a.since_ms);
            if (!m_first && a.sound && !m_firing.count(key)) m_sound = true;
            firing.insert(std::move(key));
        }
        m_firing = std::move(firing);
        m_first = false;
        return;
    }
    if (m.tag == m_history_tag) {
        m_history_tag = 0;
        m_state.history_loading = false;
        if (m.status != 200 || !AlertHistoryFromJson(m.data, &m_state.history)) {
            m_state.history_error = m.status == 0 ? "unreachable" : "HTTP " + std::to_string(m.status);
        }
        return;
    }
    if (m.tag == m_rules_tag) {
        m_rules_tag = 0;
        m_state.rules_loading = false;
        if (m.status != 200 || !AlertRulesFromJson(m.data, &m_state.rules, &m_state.may_edit_rules)) {
            m_state.rules_error = m.status == 0 ? "unreachable" : "HTTP " + std::to_string(m.status);
        }
        return;
    }
    if (m.tag == m_save_tag || m.tag == m_delete_tag) {
        const bool save = m.tag == m_save_tag;
        (save ? m_save_tag : m_delete_tag) = 0;
        if (save) m_state.form.saving = false;
        if (m.status == 200 || m.status == 201 || m.status == 204) {
            if (save) m_state.form = AlertRuleForm{};
            LoadRules();
            m_last_poll_ms = 0;
            return;
        }
        // A refusal: the server's field and reason (docs/api.md, errors), or the HTTP status.
        const json j = json::parse(m.data, nullptr, false);
        const std::string why = j.is_object() && j.contains("error") && j["error"].is_string()
                                    ? j["error"].get<std::string>()
                                    : (m.status == 0 ? "unreachable" : "HTTP " + std::to_string(m.status));
        if (save) {
            m_state.form.error_field = j.is_object() && j.contains("field") && j["field"].is_string() ? j["field"].get<std::string>() : "";
            m_state.form.error = m_state.form.error_field.empty() ? why : m_state.form.error_field + ": " + why;
        } else {
            m_state.rules_error = why;
        }
        return;
    }
    // An action's answer: show a refusal; in any case ask for the alerts again at once.
    if (m.status != 200) {
        const json j = json::parse(m.data, nullptr, false);
        m_state.action_error = j.is_object() ? j.value("error", "HTTP " + std::to_string(m.status))
                                             : "HTTP " + std::to_string(m.status);
    }
    m_last_poll_ms = 0;
}

void AlertsController::Clear() {
    m_state = AlertsState{};
    m_poll_tag = 0;
    m_history_tag = 0;
    m_rules_tag = 0;
    m_save_tag = 0;
    m_delete_tag = 0;
    m_last_poll_ms = 0;
    m_first = true;
    m_sound = false;
    m_firing.clear();
}

bool AlertsController::TakeSound() {
    const bool s = m_sound && m_state.sound;
    m_sound = false;
    return s;
}

}  // namespace cb
