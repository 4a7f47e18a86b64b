#include "core/alert/alert_engine.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace cb::alert {
namespace {

constexpr std::string_view kStateNames[] = {"normal", "pending", "firing", "acknowledged", "resolved"};

bool Breached(const Condition& c, double v, double limit) {
    return c.comparator == Comparator::Above ? v > limit : v < limit;
}
bool Cleared(const Condition& c, double v) {
    return c.comparator == Comparator::Above ? v < c.clear : v > c.clear;
}

int FindQueue(const Snapshot& s, const std::string& key) {
    for (size_t i = 0; i < s.directory.queues.size(); ++i) {
        if (s.directory.queues[i].key == key) return static_cast<int>(i);
    }
    return -1;
}
int FindTeam(const Snapshot& s, const std::string& key) {
    for (size_t i = 0; i < s.directory.teams.size(); ++i) {
        if (s.directory.teams[i].key == key) return static_cast<int>(i);
    }
    return -1;
}
int FindAgent(const Snapshot& s, const std::string& key) {
    for (size_t i = 0; i < s.directory.agents.size(); ++i) {
        if (s.directory.agents[i].key == key) return static_cast<int>(i);
    }
    return -1;
}

double OldestWaitS(const QueueLive& q, int64_t now_ms) {
    if (q.waiting <= 0 || q.oldest_wait_since_ms <= 0) return 0;
    return std::max<int64_t>(0, now_ms - q.oldest_wait_since_ms) / 1000.0;
}

Change MakeChange(const Instance& i, State from, int64_t at_ms) {
    Change c;
    c.at_ms = at_ms;
    c.rule_id = i.rule_id;
    c.rule_name = i.rule_name;
    c.subject = i.subject;
    c.from = from;
    c.to = i.state;
    c.severity = i.severity;
    c.value = i.value;
    c.flapping = i.flapping;
    return c;
}

}  // namespace

std::string_view StateName(State s) { return kStateNames[static_cast<int>(s)]; }
bool ParseState(std::string_view name, State* out) {
    for (int i = 0; i < 5; ++i) {
        if (kStateNames[i] == name) {
            *out = static_cast<State>(i);
            return true;
        }
    }
    return false;
}

double FlapPercent(const std::vector<bool>& all) {
    const size_t skip = all.size() > kFlapSamples ? all.size() - kFlapSamples : 0;
    const std::vector<bool> samples(all.begin() + static_cast<std::ptrdiff_t>(skip), all.end());
    if (samples.size() < 2) return 0;
    // Transition j (between samples j and j+1) of n-1 is aligned so that the newest has weight
    // index 19 (1.18) whatever the number of samples kept so far.
    const size_t transitions = samples.size() - 1;
    double sum = 0;
    for (size_t j = 0; j < transitions; ++j) {
        if (samples[j] == samples[j + 1]) continue;
        const size_t index = (kFlapSamples - 1) - transitions + j;
        sum += 0.80 + 0.02 * static_cast<double>(index);
    }
    return sum / static_cast<double>(kFlapSamples - 1) * 100.0;
}

bool Reaches(const Instance& a, const Audience& who) {
    switch (who.kind) {
    case Audience::Kind::Supervisor: return a.subject.team.empty();
    case Audience::Kind::Lead:
        return !a.subject.team.empty() &&
               std::find(who.teams.begin(), who.teams.end(), a.subject.team) != who.teams.end();
    case Audience::Kind::Wallboard: return true;
    default: return false;
    }
}

bool MayAct(const Instance& a, const Audience& who) {
    if (who.kind == Audience::Kind::Supervisor) return true;
    if (who.kind == Audience::Kind::Lead) return Reaches(a, who);
    return false;
}

std::vector<Subject> Subjects(const Rule& r, const Snapshot& s) {
    std::vector<Subject> out;
    const bool agent_metric = !r.conditions.empty() && IsAgentMetric(r.conditions[0].metric);
    if (agent_metric) {
        int queue = -1, team = -1;
        if (r.scope == ScopeKind::Queue && !r.scope_key.empty() && (queue = FindQueue(s, r.scope_key)) < 0) return out;
        if (r.scope == ScopeKind::Team && !r.scope_key.empty() && (team = FindTeam(s, r.scope_key)) < 0) return out;
        for (size_t i = 0; i < s.directory.agents.size() && i < s.agents.size(); ++i) {
            const AgentInfo& a = s.directory.agents[i];
            if (s.agents[i].state == AgentState::LoggedOut) continue;
            if (r.scope == ScopeKind::Agent && !r.scope_key.empty() && a.key != r.scope_key) continue;
            if (r.scope == ScopeKind::Team && team >= 0 && a.team != team) continue;
            if (r.scope == ScopeKind::Queue) {
                const uint32_t mask = queue >= 0 ? (1u << queue) : 0xFFFFFFFFu;
                if ((a.skills & mask) == 0) continue;
            }
            Subject sub{ScopeKind::Agent, a.key, a.team < s.directory.teams.size() ? s.directory.teams[a.team].key : ""};
            out.push_back(std::move(sub));
        }
        return out;
    }
    switch (r.scope) {
    case ScopeKind::Center: out.push_back({ScopeKind::Center, "", ""}); break;
    case ScopeKind::Queue:
        for (const QueueInfo& q : s.directory.queues) {
            if (r.scope_key.empty() || q.key == r.scope_key) out.push_back({ScopeKind::Queue, q.key, ""});
        }
        break;
    case ScopeKind::Team:
        for (const TeamInfo& t : s.directory.teams) {
            if (r.scope_key.empty() || t.key == r.scope_key) out.push_back({ScopeKind::Team, t.key, t.key});
        }
        break;
    default: break;
    }
    return out;
}

std::optional<double> MetricValue(const Condition& c, const Subject& sub, const Inputs& in) {
    const Snapshot& s = *in.snapshot;
    const int64_t now = s.now_ms;
    int q = -1, t = -1, a = -1;
    if (sub.kind == ScopeKind::Queue && (q = FindQueue(s, sub.key)) < 0) return std::nullopt;
    if (sub.kind == ScopeKind::Team && (t = FindTeam(s, sub.key)) < 0) return std::nullopt;
    if (sub.kind == ScopeKind::Agent && (a = FindAgent(s, sub.key)) < 0) return std::nullopt;
    if (q >= static_cast<int>(s.queues.size()) || t >= static_cast<int>(s.teams.size()) ||
        a >= static_cast<int>(s.agents.size())) {
        return std::nullopt;
    }
    switch (c.metric) {
    case Metric::Waiting: {
        if (q >= 0) return s.queues[q].waiting;
        double sum = 0;
        for (const QueueLive& ql : s.queues) sum += ql.waiting;
        return sum;
    }
    case Metric::OldestWait: {
        if (q >= 0) return OldestWaitS(s.queues[q], now);
        double worst = 0;
        for (const QueueLive& ql : s.queues) worst = std::max(worst, OldestWaitS(ql, now));
        return worst;
    }
    case Metric::ServiceLevel:
    case Metric::AbandonRate: {
        int64_t num = 0, den = 0;
        for (size_t i = 0; i < s.queues.size() && i < s.directory.queues.size(); ++i) {
            if (q >= 0 && static_cast<int>(i) != q) continue;
            const Ratio r = c.metric == Metric::ServiceLevel ? ServiceLevel(s.queues[i].today, s.directory.queues[i].sl)
                                                             : AbandonRate(s.queues[i].today);
            num += r.numerator;
            den += r.denominator;
        }
        if (den <= 0) return std::nullopt;
        return 100.0 * static_cast<double>(num) / static_cast<double>(den);
    }
    case Metric::AgentsAvailable: {
        if (q >= 0) return s.queues[q].agents_available;
        if (t >= 0) return s.teams[t].agents_available;
        double n = 0;
        for (const AgentLive& al : s.agents) n += al.state == AgentState::Available ? 1 : 0;
        return n;
    }
    case Metric::AgentStateTime: {
        if (a < 0) return std::nullopt;
        const AgentLive& al = s.agents[a];
        const bool match = c.state.empty() ? (al.state != AgentState::Available && al.state != AgentState::LoggedOut)
                                           : AgentStateName(al.state) == c.state;
        if (!match) return 0.0;
        return std::max<int64_t>(0, now - al.state_since_ms) / 1000.0;
    }
    case Metric::AgentCallTime: {
        if (a < 0) return std::nullopt;
        const AgentLive& al = s.agents[a];
        if ((al.state != AgentState::OnCall && al.state != AgentState::OnHold) || al.call_since_ms <= 0) return 0.0;
        return std::max<int64_t>(0, now - al.call_since_ms) / 1000.0;
    }
    case Metric::StaleSource:
        if (in.source_age_ms < 0) return std::nullopt;
        return in.source_age_ms / 1000.0;
    default: return std::nullopt;
    }
}

std::vector<Change> Engine::SetRules(std::vector<Rule> rules, int64_t now_ms) {
    std::vector<Change> out;
    for (auto it = m_instances.begin(); it != m_instances.end();) {
        Instance& inst = it->second;
        auto same = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.id == inst.rule_id; });
        auto old = std::find_if(m_rules.begin(), m_rules.end(), [&](const Rule& r) { return r.id == inst.rule_id; });
        const bool keep = same != rules.end() && old != m_rules.end() && *same == *old;
        if (keep) {
            ++it;
            continue;
        }
        if (inst.state == State::Firing || inst.state == State::Acknowledged) {
            const State from = inst.state;
            inst.state = State::Resolved;
            Change c = MakeChange(inst, from, now_ms);
            c.note = "rules changed";
            out.push_back(std::move(c));
        }
        it = m_instances.erase(it);
    }
    m_rules = std::move(rules);
    return out;
}

void Engine::Step(const Rule& rule, Instance& inst, const std::vector<std::optional<double>>& values,
                  const Inputs& in, std::vector<Change>* out) {
    const int64_t now = in.now_ms;
    inst.latched.resize(rule.conditions.size(), false);
    bool active = true;
    bool critical = true;
    for (size_t i = 0; i < rule.conditions.size(); ++i) {
        const Condition& c = rule.conditions[i];
        if (!values[i]) {
            inst.latched[i] = false;
        } else if (!inst.latched[i]) {
            inst.latched[i] = Breached(c, *values[i], c.warning);
        } else if (Cleared(c, *values[i])) {
            inst.latched[i] = false;
        }
        active = active && inst.latched[i];
        critical = critical && values[i] && Breached(c, *values[i], c.critical);
    }
    inst.value = values.empty() || !values[0] ? 0 : *values[0];

    // Flap history: one sample of the (hysteresis) state every flap_sample_s.
    if (now >= inst.next_sample_ms) {
        inst.samples.push_back(active);
        if (inst.samples.size() > kFlapSamples) inst.samples.erase(inst.samples.begin());
        inst.next_sample_ms = now + static_cast<int64_t>(rule.flap_sample_s) * 1000;
        inst.flap_percent = FlapPercent(inst.samples);
        if (!inst.flapping && inst.flap_percent >= rule.flap_high) inst.flapping = true;
        else if (inst.flapping && inst.flap_percent < rule.flap_low) inst.flapping = false;
    }

    auto fire = [&](State from, const char* note) {
        inst.state = State::Firing;
        inst.since_ms = now;
        inst.snoozed_until_ms = 0;
        inst.by.clear();
        inst.severity = critical ? Severity::Critical : Severity::Warning;
        Change c = MakeChange(inst, from, now);
        const bool cooled = inst.last_notified_ms < 0 || now - inst.last_notified_ms >= rule.cooldown_s * 1000LL;
        c.notify = cooled && !inst.flapping;
        c.note = inst.flapping ? "flapping" : (!cooled ? "cooldown" : note);
        if (c.notify) inst.last_notified_ms = now;
        out->push_back(std::move(c));
    };
    auto move = [&](State to, const char* note) {
        const State from = inst.state;
        inst.state = to;
        inst.since_ms = now;
        Change c = MakeChange(inst, from, now);
        c.note = note;
        if (to == State::Resolved) c.notify = inst.last_notified_ms >= 0 && !inst.flapping;
        out->push_back(std::move(c));
    };

    switch (inst.state) {
    case State::Normal:
    case State::Resolved:
        if (inst.rearm && !active) inst.rearm = false;
        if (!active || inst.rearm) break;
        inst.pending_since_ms = now;
        if (rule.pending_s == 0) {
            fire(inst.state, "");
        } else {
            move(State::Pending, "");
        }
        break;
    case State::Pending:
        if (!active) {
            move(State::Normal, "");
        } else if (now - inst.pending_since_ms >= rule.pending_s * 1000LL) {
            fire(State::Pending, "");
        }
        break;
    case State::Firing:
        if (!active) {
            move(State::Resolved, "");
        } else if (critical && inst.severity == Severity::Warning) {
            inst.severity = Severity::Critical;
            Change c = MakeChange(inst, State::Firing, now);
            c.note = "critical";
            c.notify = !inst.flapping;
            if (c.notify) inst.last_notified_ms = now;
            out->push_back(std::move(c));
        }
        break;
    case State::Acknowledged:
        if (!active) {
            move(State::Resolved, "");
        } else if (inst.snoozed_until_ms > 0 && now >= inst.snoozed_until_ms) {
            fire(State::Acknowledged, "snooze ended");
        }
        break;
    }
}

std::vector<Change> Engine::Evaluate(const Inputs& in) {
    std::vector<Change> out;
    if (!in.snapshot) return out;
    for (auto& [key, inst] : m_instances) inst.seen = false;
    for (const Rule& rule : m_rules) {
        if (!rule.enabled) continue;
        for (Subject& sub : Subjects(rule, *in.snapshot)) {
            Key key{rule.id, static_cast<int>(sub.kind), sub.key};
            auto [it, inserted] = m_instances.try_emplace(key);
            Instance& inst = it->second;
            if (inserted) {
                inst.rule_id = rule.id;
                inst.subject = sub;
                inst.since_ms = in.now_ms;
                inst.next_sample_ms = in.now_ms;
            }
            inst.rule_name = rule.name;
            inst.sound = rule.sound;
            inst.metric = rule.conditions.empty() ? Metric::OldestWait : rule.conditions[0].metric;
            inst.subject.team = sub.team;
            inst.seen = true;
            std::vector<std::optional<double>> values;
            for (const Condition& c : rule.conditions) values.push_back(MetricValue(c, sub, in));
            Step(rule, inst, values, in, &out);
        }
    }
    // Subjects that left the scope (an agent logged out, a rule disabled): an active alert resolves.
    for (auto it = m_instances.begin(); it != m_instances.end();) {
        Instance& inst = it->second;
        if (inst.seen) {
            ++it;
            continue;
        }
        if (inst.state == State::Firing || inst.state == State::Acknowledged) {
            const State from = inst.state;
            inst.state = State::Resolved;
            Change c = MakeChange(inst, from, in.now_ms);
            c.note = "out of scope";
            c.notify = inst.last_notified_ms >= 0 && !inst.flapping;
            out.push_back(std::move(c));
        }
        it = m_instances.erase(it);
    }
    return out;
}

Instance* Engine::FindActive(int64_t rule_id, const Subject& s, std::string* error) {
    auto it = m_instances.find(Key{rule_id, static_cast<int>(s.kind), s.key});
    if (it == m_instances.end() ||
        (it->second.state != State::Firing && it->second.state != State::Acknowledged)) {
        if (error) *error = "no active alert of rule " + std::to_string(rule_id) + " for " +
                            std::string(ScopeKindName(s.kind)) + (s.key.empty() ? "" : " " + s.key);
        return nullptr;
    }
    return &it->second;
}

const Instance* Engine::Find(int64_t rule_id, const Subject& s) const {
    auto it = m_instances.find(Key{rule_id, static_cast<int>(s.kind), s.key});
    return it == m_instances.end() ? nullptr : &it->second;
}

bool Engine::Acknowledge(int64_t rule_id, const Subject& s, const std::string& user, int64_t now_ms, Change* out,
                         std::string* error) {
    Instance* inst = FindActive(rule_id, s, error);
    if (!inst) return false;
    const State from = inst->state;
    inst->state = State::Acknowledged;
    inst->since_ms = now_ms;
    inst->snoozed_until_ms = 0;
    inst->by = user;
    *out = MakeChange(*inst, from, now_ms);
    out->user = user;
    return true;
}

bool Engine::Snooze(int64_t rule_id, const Subject& s, int minutes, const std::string& user, int64_t now_ms,
                    Change* out, std::string* error) {
    if (minutes < 1 || minutes > 24 * 60) {
        if (error) *error = "minutes: must be 1-1440";
        return false;
    }
    Instance* inst = FindActive(rule_id, s, error);
    if (!inst) return false;
    const State from = inst->state;
    inst->state = State::Acknowledged;
    inst->since_ms = now_ms;
    inst->snoozed_until_ms = now_ms + minutes * 60000LL;
    inst->by = user;
    *out = MakeChange(*inst, from, now_ms);
    out->user = user;
    out->note = "snoozed " + std::to_string(minutes) + " min";
    return true;
}

bool Engine::Resolve(int64_t rule_id, const Subject& s, const std::string& user, int64_t now_ms, Change* out,
                     std::string* error) {
    Instance* inst = FindActive(rule_id, s, error);
    if (!inst) return false;
    const State from = inst->state;
    inst->state = State::Resolved;
    inst->since_ms = now_ms;
    inst->snoozed_until_ms = 0;
    inst->by = user;
    inst->rearm = true;
    *out = MakeChange(*inst, from, now_ms);
    out->user = user;
    return true;
}

std::vector<Instance> Engine::Active() const {
    std::vector<Instance> out;
    for (const auto& [key, inst] : m_instances) {
        if (inst.state == State::Firing || inst.state == State::Acknowledged) out.push_back(inst);
    }
    std::stable_sort(out.begin(), out.end(), [](const Instance& a, const Instance& b) {
        if (a.severity != b.severity) return a.severity > b.severity;
        return a.since_ms < b.since_ms;
    });
    return out;
}

namespace {
nlohmann::json SubjectJson(const Subject& s) {
    return {{"kind", std::string(ScopeKindName(s.kind))}, {"key", s.key}, {"team", s.team}};
}
}  // namespace

std::string InstancesToJson(const std::vector<Instance>& alerts) {
    nlohmann::json a = nlohmann::json::array();
    for (const Instance& i : alerts) {
        a.push_back({{"rule_id", i.rule_id}, {"rule_name", i.rule_name}, {"subject", SubjectJson(i.subject)},
                     {"state", std::string(StateName(i.state))}, {"severity", std::string(SeverityName(i.severity))},
                     {"value", i.value}, {"metric", std::string(MetricName(i.metric))}, {"since_ms", i.since_ms}, {"snoozed_until_ms", i.snoozed_until_ms},
                     {"by", i.by}, {"flapping", i.flapping}, {"flap_percent", i.flap_percent}, {"sound", i.sound}});
    }
    return a.dump();
}

std::string ChangeToJson(const Change& c) {
    return nlohmann::json{{"at_ms", c.at_ms}, {"rule_id", c.rule_id}, {"rule_name", c.rule_name},
                          {"subject", SubjectJson(c.subject)}, {"from", std::string(StateName(c.from))},
                          {"to", std::string(StateName(c.to))}, {"severity", std::string(SeverityName(c.severity))},
                          {"value", c.value}, {"user", c.user}, {"notify", c.notify}, {"flapping", c.flapping},
                          {"note", c.note}}
        .dump();
}

}  // namespace cb::alert
