// Alert rules (docs/alerts.md): what is measured (a metric of the live snapshot), where (the
// center, a queue, a team or an agent), when it is bad (a comparator with a warning and a
// critical threshold, and a separate clear threshold for hysteresis), for how long before it
// fires (pending period), how often it may notify (cooldown) and when it counts as flapping.
// The one owner of the rules' definitions, defaults, JSON names and validation. Pure: no I/O,
// never throws.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "core/snapshot.h"

namespace cb::alert {

enum class Metric : uint8_t {
    Waiting,          // callers waiting now (queue; center: all queues)
    OldestWait,       // seconds the oldest caller has waited (queue; center: the longest)
    ServiceLevel,     // service level so far today, percent (the queue's definition; center: summed parts)
    AbandonRate,      // abandon rate so far today, percent (kpi.h AbandonRate)
    AgentsAvailable,  // agents available now (queue: with the skill; team; center)
    AgentStateTime,   // seconds an agent has been in its current state (condition's `state`)
    AgentCallTime,    // seconds an agent has been on the current call (on call or on hold)
    StaleSource,      // seconds since the live source last delivered data (center only)
    kCount
};
enum class ScopeKind : uint8_t { Center, Queue, Team, Agent, kCount };
enum class Comparator : uint8_t { Above, Below, kCount };  // value > threshold / value < threshold
enum class Severity : uint8_t { Warning, Critical };

std::string_view MetricName(Metric m);          // "waiting", "oldest_wait_s", ...
bool ParseMetric(std::string_view name, Metric* out);
std::string_view ScopeKindName(ScopeKind s);    // "center", "queue", "team", "agent"
bool ParseScopeKind(std::string_view name, ScopeKind* out);
std::string_view ComparatorName(Comparator c);  // "above", "below"
bool ParseComparator(std::string_view name, Comparator* out);
std::string_view SeverityName(Severity s);      // "warning", "critical"
// The metric is about one agent (evaluated for every agent in the rule's scope).
bool IsAgentMetric(Metric m);

struct Condition {
    Metric metric = Metric::OldestWait;
    Comparator comparator = Comparator::Above;
    double warning = 60;    // breached beyond this: the condition holds
    double critical = 120;  // beyond this: critical
    double clear = 45;      // once held, it holds until the value is back beyond this (hysteresis)
    // AgentStateTime only: the state measured (AgentStateName: "not_ready", "wrap_up",
    // "on_hold", ...); empty = any state except available and logged out.
    std::string state;
    bool operator==(const Condition&) const = default;
};

// Defaults (docs/alerts.md).
inline constexpr int kDefaultPendingS = 30;
inline constexpr int kDefaultCooldownS = 300;
inline constexpr int kDefaultSnoozeMin = 15;
inline constexpr double kDefaultFlapHigh = 50.0;
inline constexpr double kDefaultFlapLow = 25.0;
inline constexpr int kDefaultFlapSampleS = 30;
inline constexpr size_t kMaxConditions = 4;
inline constexpr size_t kMaxRuleName = 120;
inline constexpr size_t kMaxRules = 200;

struct Rule {
    int64_t id = 0;
    std::string name;
    bool enabled = true;
    ScopeKind scope = ScopeKind::Center;
    // The queue, team or agent key; empty with a queue, team or agent scope: each of them.
    std::string scope_key;
    std::vector<Condition> conditions;   // all must hold (AND)
    int pending_s = kDefaultPendingS;    // the conditions hold this long before it fires
    int cooldown_s = kDefaultCooldownS;  // at most one notification per rule and subject per this
    int flap_sample_s = kDefaultFlapSampleS;  // one flap-history sample every this many seconds
    double flap_high = kDefaultFlapHigh; // flapping starts at or above this percent
    double flap_low = kDefaultFlapLow;   // ... and stops below this one
    bool sound = true;                   // screens play a sound when it fires
    bool operator==(const Rule&) const = default;
};

struct RuleError {
    std::string field;    // "conditions[1].clear", "scope_key", "" for the text as a whole
    std::string code;     // "not_object", "name", "metric", "scope", "comparator", "number",
                          // "order", "range", "state", "scope_metric", "mixed_subjects", "conditions"
    std::string message;  // one English line: "field: reason"
};

// Checks a rule: name 1-120 characters; 1-4 conditions measuring one kind of subject;
// thresholds in order (above: clear <= warning <= critical; below: clear >= warning >= critical);
// percent metrics 0-100, counts and seconds 0-86400; pending 0-3600 s, cooldown 0-86400 s, flap
// sample 1-3600 s, 0 <= flap_low <= flap_high <= 100; a metric allowed in its scope.
bool ValidateRule(const Rule& r, RuleError* error);

std::string RuleToJson(const Rule& r);
std::string RulesToJson(const std::vector<Rule>& rules);
// Reads one rule object; missing optional fields keep their defaults. False with *error saying
// what and where (then ValidateRule has also been applied).
bool RuleFromJson(std::string_view text, Rule* out, RuleError* error);

}  // namespace cb::alert
