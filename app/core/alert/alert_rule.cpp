#include "core/alert/alert_rule.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace cb::alert {
namespace {

constexpr std::string_view kMetricNames[] = {"waiting", "oldest_wait_s", "service_level_pct", "abandon_rate_pct",
                                             "agents_available", "agent_state_s", "agent_call_s", "stale_source_s"};
constexpr std::string_view kScopeNames[] = {"center", "queue", "team", "agent"};
constexpr std::string_view kComparatorNames[] = {"above", "below"};

template <size_t N, typename E>
bool ParseName(const std::string_view (&names)[N], std::string_view name, E* out) {
    for (size_t i = 0; i < N; ++i) {
        if (names[i] == name) {
            *out = static_cast<E>(i);
            return true;
        }
    }
    return false;
}

bool Fail(RuleError* e, std::string field, std::string code, const std::string& reason) {
    if (e) {
        e->message = field.empty() ? reason : field + ": " + reason;
        e->field = std::move(field);
        e->code = std::move(code);
    }
    return false;
}

bool IsPercent(Metric m) { return m == Metric::ServiceLevel || m == Metric::AbandonRate; }

bool MetricAllowed(Metric m, ScopeKind s) {
    switch (m) {
    case Metric::Waiting:
    case Metric::OldestWait:
    case Metric::ServiceLevel:
    case Metric::AbandonRate: return s == ScopeKind::Center || s == ScopeKind::Queue;
    case Metric::AgentsAvailable: return s != ScopeKind::Agent;
    case Metric::AgentStateTime:
    case Metric::AgentCallTime: return true;
    case Metric::StaleSource: return s == ScopeKind::Center;
    default: return false;
    }
}

bool KnownState(std::string_view name) {
    for (int i = 0; i < static_cast<int>(AgentState::kCount); ++i) {
        if (AgentStateName(static_cast<AgentState>(i)) == name) return true;
    }
    return false;
}

}  // namespace

std::string_view MetricName(Metric m) { return m < Metric::kCount ? kMetricNames[static_cast<int>(m)] : "?"; }
bool ParseMetric(std::string_view name, Metric* out) { return ParseName(kMetricNames, name, out); }
std::string_view ScopeKindName(ScopeKind s) { return s < ScopeKind::kCount ? kScopeNames[static_cast<int>(s)] : "?"; }
bool ParseScopeKind(std::string_view name, ScopeKind* out) { return ParseName(kScopeNames, name, out); }
std::string_view ComparatorName(Comparator c) {
    return c < Comparator::kCount ? kComparatorNames[static_cast<int>(c)] : "?";
}
bool ParseComparator(std::string_view name, Comparator* out) { return ParseName(kComparatorNames, name, out); }
std::string_view SeverityName(Severity s) { return s == Severity::Critical ? "critical" : "warning"; }
bool IsAgentMetric(Metric m) { return m == Metric::AgentStateTime || m == Metric::AgentCallTime; }

bool ValidateRule(const Rule& r, RuleError* error) {
    if (r.name.empty() || r.name.size() > kMaxRuleName) {
        return Fail(error, "name", "name", "a name of 1-120 characters is required");
    }
    if (r.scope >= ScopeKind::kCount) return Fail(error, "scope", "scope", "must be center, queue, team or agent");
    if (r.scope == ScopeKind::Center && !r.scope_key.empty()) {
        return Fail(error, "scope_key", "scope", "a center-wide rule names no queue, team or agent");
    }
    if (r.scope_key.size() > 64) return Fail(error, "scope_key", "scope", "at most 64 characters");
    if (r.conditions.empty() || r.conditions.size() > kMaxConditions) {
        return Fail(error, "conditions", "conditions", "1-4 conditions are required");
    }
    const bool agent_subject = IsAgentMetric(r.conditions[0].metric);
    for (size_t i = 0; i < r.conditions.size(); ++i) {
        const Condition& c = r.conditions[i];
        const std::string at = "conditions[" + std::to_string(i) + "]";
        if (c.metric >= Metric::kCount) return Fail(error, at + ".metric", "metric", "unknown metric");
        if (c.comparator >= Comparator::kCount) {
            return Fail(error, at + ".comparator", "comparator", "must be above or below");
        }
        if (!MetricAllowed(c.metric, r.scope)) {
            return Fail(error, at + ".metric", "scope_metric",
                        std::string(MetricName(c.metric)) + " cannot be measured for a " +
                            std::string(ScopeKindName(r.scope)) + " scope");
        }
        if (IsAgentMetric(c.metric) != agent_subject) {
            return Fail(error, at + ".metric", "mixed_subjects",
                        "an agent's metric cannot be combined with a queue, team or center metric");
        }
        const double limit = IsPercent(c.metric) ? 100.0 : 86400.0;
        for (auto [name, v] : {std::pair{"warning", c.warning}, {"critical", c.critical}, {"clear", c.clear}}) {
            if (!std::isfinite(v)) return Fail(error, at + "." + name, "number", "must be a number");
            if (v < 0 || v > limit) {
                return Fail(error, at + "." + name, "range",
                            IsPercent(c.metric) ? "must be 0-100 (percent)" : "must be 0-86400");
            }
        }
        if (c.comparator == Comparator::Above) {
            if (c.critical < c.warning) return Fail(error, at + ".critical", "order", "must be at least the warning threshold");
            if (c.clear > c.warning) return Fail(error, at + ".clear", "order", "must be at most the warning threshold");
        } else {
            if (c.critical > c.warning) return Fail(error, at + ".critical", "order", "must be at most the warning threshold");
            if (c.clear < c.warning) return Fail(error, at + ".clear", "order", "must be at least the warning threshold");
        }
        if (!c.state.empty() && (c.metric != Metric::AgentStateTime || !KnownState(c.state))) {
            return Fail(error, at + ".state", "state",
                        c.metric != Metric::AgentStateTime ? "only agent_state_s measures a state"
                                                           : "unknown agent state");
        }
    }
    if (r.pending_s < 0 || r.pending_s > 3600) return Fail(error, "pending_s", "range", "must be 0-3600");
    if (r.cooldown_s < 0 || r.cooldown_s > 86400) return Fail(error, "cooldown_s", "range", "must be 0-86400");
    if (r.flap_sample_s < 1 || r.flap_sample_s > 3600) return Fail(error, "flap_sample_s", "range", "must be 1-3600");
    if (!(r.flap_low >= 0 && r.flap_low <= 100)) return Fail(error, "flap_low", "range", "must be 0-100");
    if (!(r.flap_high >= 0 && r.flap_high <= 100)) return Fail(error, "flap_high", "range", "must be 0-100");
    if (r.flap_low > r.flap_high) return Fail(error, "flap_low", "order", "must be at most flap_high");
    return true;
}

namespace {

nlohmann::json ToJson(const Rule& r) {
    nlohmann::json conds = nlohmann::json::array();
    for (const Condition& c : r.conditions) {
        nlohmann::json j{{"metric", std::string(MetricName(c.metric))},
                         {"comparator", std::string(ComparatorName(c.comparator))},
                         {"warning", c.warning}, {"critical", c.critical}, {"clear", c.clear}};
        if (!c.state.empty()) j["state"] = c.state;
        conds.push_back(std::move(j));
    }
    return {{"id", r.id}, {"name", r.name}, {"enabled", r.enabled},
            {"scope", std::string(ScopeKindName(r.scope))}, {"scope_key", r.scope_key},
            {"conditions", std::move(conds)}, {"pending_s", r.pending_s}, {"cooldown_s", r.cooldown_s},
            {"flap_sample_s", r.flap_sample_s}, {"flap_high", r.flap_high}, {"flap_low", r.flap_low},
            {"sound", r.sound}};
}

bool ReadNumber(const nlohmann::json& j, const char* key, const std::string& at, double* out, RuleError* e) {
    auto it = j.find(key);
    if (it == j.end()) return true;
    if (!it->is_number()) return Fail(e, at + key, "number", "must be a number");
    *out = it->get<double>();
    return true;
}

bool ReadInt(const nlohmann::json& j, const char* key, int* out, RuleError* e) {
    auto it = j.find(key);
    if (it == j.end()) return true;
    if (!it->is_number_integer()) return Fail(e, key, "number", "must be a whole number");
    const int64_t v = it->get<int64_t>();
    if (v < -1000000 || v > 1000000) return Fail(e, key, "range", "out of range");
    *out = static_cast<int>(v);
    return true;
}

}  // namespace

std::string RuleToJson(const Rule& r) { return ToJson(r).dump(); }

std::string RulesToJson(const std::vector<Rule>& rules) {
    nlohmann::json a = nlohmann::json::array();
    for (const Rule& r : rules) a.push_back(ToJson(r));
    return a.dump();
}

bool RuleFromJson(std::string_view text, Rule* out, RuleError* error) {
    const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (!j.is_object()) return Fail(error, "", "not_object", "the rule must be a JSON object");
    Rule r;
    r.id = out->id;
    if (auto it = j.find("name"); it != j.end()) {
        if (!it->is_string()) return Fail(error, "name", "name", "must be text");
        r.name = it->get<std::string>();
    }
    if (auto it = j.find("enabled"); it != j.end()) {
        if (!it->is_boolean()) return Fail(error, "enabled", "number", "must be true or false");
        r.enabled = it->get<bool>();
    }
    if (auto it = j.find("sound"); it != j.end()) {
        if (!it->is_boolean()) return Fail(error, "sound", "number", "must be true or false");
        r.sound = it->get<bool>();
    }
    if (auto it = j.find("scope"); it != j.end()) {
        if (!it->is_string() || !ParseScopeKind(it->get<std::string>(), &r.scope)) {
            return Fail(error, "scope", "scope", "must be center, queue, team or agent");
        }
    }
    if (auto it = j.find("scope_key"); it != j.end()) {
        if (!it->is_string()) return Fail(error, "scope_key", "scope", "must be text");
        r.scope_key = it->get<std::string>();
    }
    auto conds = j.find("conditions");
    if (conds == j.end() || !conds->is_array()) {
        return Fail(error, "conditions", "conditions", "a list of 1-4 conditions is required");
    }
    for (size_t i = 0; i < conds->size(); ++i) {
        const nlohmann::json& cj = (*conds)[i];
        const std::string at = "conditions[" + std::to_string(i) + "].";
        if (!cj.is_object()) return Fail(error, at.substr(0, at.size() - 1), "not_object", "must be an object");
        Condition c;
        auto m = cj.find("metric");
        if (m == cj.end() || !m->is_string() || !ParseMetric(m->get<std::string>(), &c.metric)) {
            return Fail(error, at + "metric", "metric",
                        "must be one of waiting, oldest_wait_s, service_level_pct, abandon_rate_pct, "
                        "agents_available, agent_state_s, agent_call_s, stale_source_s");
        }
        if (auto cmp = cj.find("comparator"); cmp != cj.end()) {
            if (!cmp->is_string() || !ParseComparator(cmp->get<std::string>(), &c.comparator)) {
                return Fail(error, at + "comparator", "comparator", "must be above or below");
            }
        }
        if (!cj.contains("warning")) return Fail(error, at + "warning", "number", "is required");
        if (!ReadNumber(cj, "warning", at, &c.warning, error)) return false;
        c.critical = c.warning;
        c.clear = c.warning;
        if (!ReadNumber(cj, "critical", at, &c.critical, error)) return false;
        if (!ReadNumber(cj, "clear", at, &c.clear, error)) return false;
        if (auto st = cj.find("state"); st != cj.end()) {
            if (!st->is_string()) return Fail(error, at + "state", "state", "must be text");
            c.state = st->get<std::string>();
        }
        r.conditions.push_back(std::move(c));
    }
    if (!ReadInt(j, "pending_s", &r.pending_s, error) || !ReadInt(j, "cooldown_s", &r.cooldown_s, error) ||
        !ReadInt(j, "flap_sample_s", &r.flap_sample_s, error)) {
        return false;
    }
    if (!ReadNumber(j, "flap_high", "", &r.flap_high, error) || !ReadNumber(j, "flap_low", "", &r.flap_low, error)) {
        return false;
    }
    if (!ValidateRule(r, error)) return false;
    *out = std::move(r);
    return true;
}

}  // namespace cb::alert
