// The alert engine (docs/alerts.md): evaluates every rule against the live snapshot, once a
// second on the server, for every subject of its scope (the center, each queue, team or agent),
// and moves each (rule, subject) through normal -> pending -> firing -> acknowledged ->
// resolved with hysteresis, a pending period, a cooldown between notifications and flap
// detection. All timing is on the clock passed in (no sleeps, no wall clock). Who an alert
// reaches is decided here too (Reaches). Pure: no I/O, never throws.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>
#include "core/alert/alert_rule.h"
#include "core/snapshot.h"

namespace cb::alert {

enum class State : uint8_t { Normal, Pending, Firing, Acknowledged, Resolved };
std::string_view StateName(State s);  // "normal", "pending", "firing", "acknowledged", "resolved"
bool ParseState(std::string_view name, State* out);

// The flap percentage of a series of samples, oldest first (at most the last 21 are used):
// each of the 20 transitions that changed state is weighted from 0.80 (oldest) to 1.18 (newest,
// 0.02 apart); percent = sum of the weights of the changes / 20 x 100.
inline constexpr size_t kFlapSamples = 21;
double FlapPercent(const std::vector<bool>& samples);

struct Subject {
    ScopeKind kind = ScopeKind::Center;
    std::string key;   // queue, team or agent key; empty for the center
    std::string team;  // the team concerned (team and agent subjects), empty otherwise
    bool operator==(const Subject&) const = default;
};

// One (rule, subject) and where it stands.
struct Instance {
    int64_t rule_id = 0;
    std::string rule_name;
    Subject subject;
    State state = State::Normal;
    Severity severity = Severity::Warning;
    double value = 0;              // the first condition's value at the last evaluation
    Metric metric = Metric::OldestWait;  // the first condition's metric (the value's unit)
    bool sound = true;
    int64_t since_ms = 0;          // when the state began
    int64_t pending_since_ms = 0;
    int64_t last_notified_ms = -1; // -1: never
    int64_t snoozed_until_ms = 0;  // acknowledged by a snooze: fires again then if still bad
    std::string by;                // who acknowledged, snoozed or resolved it
    bool flapping = false;
    double flap_percent = 0;
    // internal
    std::vector<bool> latched;     // per condition, with hysteresis
    std::vector<bool> samples;     // flap history, oldest first (at most 21)
    int64_t next_sample_ms = 0;
    bool rearm = false;            // resolved by hand while still bad: wait for it to clear first
    bool seen = false;
};

// One state change: what the history stores and what notifications are sent for.
struct Change {
    int64_t at_ms = 0;
    int64_t rule_id = 0;
    std::string rule_name;
    Subject subject;
    State from = State::Normal;
    State to = State::Normal;
    Severity severity = Severity::Warning;
    double value = 0;
    std::string user;              // empty: the engine
    bool notify = false;           // send it to screens' sound, webhooks and mail
    bool flapping = false;
    std::string note;              // "snoozed 15 min", "cooldown", "flapping", "critical"
};

struct Inputs {
    const Snapshot* snapshot = nullptr;
    int64_t now_ms = 0;            // the engine's clock
    int64_t source_age_ms = -1;    // since the live source last delivered data; -1 unknown
};

// Who is looking: supervisors (admins, managers) get center-wide alerts (center and queue
// subjects); a lead gets the alerts of the teams they lead (team and agent subjects); a
// wallboard shows every active alert and acts on none.
struct Audience {
    enum class Kind : uint8_t { Supervisor, Lead, Wallboard, None } kind = Kind::None;
    std::vector<std::string> teams;  // a lead's teams
};
bool Reaches(const Instance& alert, const Audience& who);
// May act (acknowledge, snooze, resolve) on it: supervisors any alert, a lead their teams'.
bool MayAct(const Instance& alert, const Audience& who);

class Engine {
public:
    // Replaces the rules. Instances of rules that are gone or changed are dropped (an active one
    // is resolved by "rules changed" first, returned as changes).
    std::vector<Change> SetRules(std::vector<Rule> rules, int64_t now_ms);
    const std::vector<Rule>& rules() const { return m_rules; }

    // One evaluation of every enabled rule; returns the state changes in order.
    std::vector<Change> Evaluate(const Inputs& in);

    // A user's actions on an active alert (firing or acknowledged). False with *error when there
    // is no such active alert.
    bool Acknowledge(int64_t rule_id, const Subject& s, const std::string& user, int64_t now_ms, Change* out,
                     std::string* error);
    bool Snooze(int64_t rule_id, const Subject& s, int minutes, const std::string& user, int64_t now_ms,
                Change* out, std::string* error);
    bool Resolve(int64_t rule_id, const Subject& s, const std::string& user, int64_t now_ms, Change* out,
                 std::string* error);

    // Firing and acknowledged alerts, most severe and oldest first.
    std::vector<Instance> Active() const;
    const Instance* Find(int64_t rule_id, const Subject& s) const;

private:
    using Key = std::tuple<int64_t, int, std::string>;
    Instance* FindActive(int64_t rule_id, const Subject& s, std::string* error);
    void Step(const Rule& rule, Instance& inst, const std::vector<std::optional<double>>& values,
              const Inputs& in, std::vector<Change>* out);

    std::vector<Rule> m_rules;
    std::map<Key, Instance> m_instances;
};

// The value of one metric for one subject; nullopt when there is nothing to measure (no calls
// yet for a rate, an unknown key, a source age not known).
std::optional<double> MetricValue(const Condition& c, const Subject& s, const Inputs& in);
// The subjects a rule is evaluated for in this snapshot.
std::vector<Subject> Subjects(const Rule& r, const Snapshot& s);

std::string InstancesToJson(const std::vector<Instance>& alerts);
std::string ChangeToJson(const Change& c);

}  // namespace cb::alert
