#include "server/export/alert_service.h"

#include <algorithm>
#include "server/base/log.h"

namespace cb {
namespace {

using K = AdminOutcome::Kind;

AdminOutcome Gate(const Caller& caller, Action action) {
    if (!RoleMay(caller.role, action)) {
        return AdminOutcome::Fail(K::Forbidden, "forbidden", "", "not allowed for role '" + std::string(RoleName(caller.role)) + "'");
    }
    return AdminOutcome::Ok();
}

AuditEntry Audit(const Actor& actor, const char* action, int64_t now_ms) {
    AuditEntry e;
    e.t_ms = now_ms;
    e.user = actor.user.empty() ? "-" : actor.user;
    e.action = action;
    e.address = actor.address;
    return e;
}

std::string UserOf(const Actor& actor) { return actor.user.empty() ? "local" : actor.user; }

}  // namespace

alert::Audience AudienceOf(const Caller& caller) {
    alert::Audience a;
    switch (caller.role) {
    case Role::Admin:
    case Role::Manager: a.kind = alert::Audience::Kind::Supervisor; break;
    case Role::Lead:
        a.kind = alert::Audience::Kind::Lead;
        a.teams = caller.teams;
        break;
    case Role::Wallboard: a.kind = alert::Audience::Kind::Wallboard; break;
    default: a.kind = alert::Audience::Kind::None; break;
    }
    return a;
}

bool VisibleTo(const alert::Instance& a, const alert::Audience& who) {
    switch (who.kind) {
    case alert::Audience::Kind::Supervisor:
    case alert::Audience::Kind::Wallboard: return true;
    case alert::Audience::Kind::Lead: return a.subject.team.empty() || alert::Reaches(a, who);
    default: return false;
    }
}

AlertService::AlertService(AlertStore* store, const Broadcaster* broadcaster, AlertNotifier* notifier, Clock wall_clock)
    : m_store(store), m_broadcaster(broadcaster), m_notifier(notifier), m_clock(std::move(wall_clock)) {}

int64_t AlertService::EngineNow(const Publication* p) const {
    // A demo's alerts run on its simulated clock (the one its screens show); real data on the
    // server's clock, which keeps running when the source stops (stale data).
    if (p && p->snapshot().demo.speed > 0) return p->snapshot().now_ms;
    return m_clock();
}

Status AlertService::Load() {
    Result<std::vector<alert::Rule>> rules = m_store->Rules();
    if (!rules.ok()) return rules.status();
    std::shared_ptr<const Publication> p = m_broadcaster->Current();
    std::lock_guard<std::mutex> lock(m_mutex);
    m_engine.SetRules(std::move(rules.value()), EngineNow(p.get()));
    ++m_version;
    return Status::Ok();
}

std::vector<alert::Change> AlertService::Tick() {
    std::shared_ptr<const Publication> p = m_broadcaster->Current();
    if (!p) return {};
    std::vector<alert::Change> changes;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        alert::Inputs in;
        in.snapshot = &p->snapshot();
        in.now_ms = EngineNow(p.get());
        in.source_age_ms = std::max<int64_t>(0, m_clock() - p->publish_ms());
        changes = m_engine.Evaluate(in);
        if (!changes.empty()) ++m_version;
    }
    if (!changes.empty()) {
        if (Status s = m_store->AppendHistory(changes); !s.ok()) LogWarn("alert history: " + s.message());
        if (m_notifier) m_notifier->Send(changes);
    }
    return changes;
}

AdminOutcome AlertService::View(const Caller& caller, AlertView* out) {
    if (AdminOutcome o = Gate(caller, Action::ViewAlerts); !o.ok()) return o;
    const alert::Audience who = AudienceOf(caller);
    std::lock_guard<std::mutex> lock(m_mutex);
    *out = {};
    out->version = m_version;
    for (alert::Instance& a : m_engine.Active()) {
        if (alert::Reaches(a, who) && who.kind != alert::Audience::Kind::Wallboard) {
            out->mine.push_back(a);
            out->may_act.push_back(alert::MayAct(a, who));
        }
        if (VisibleTo(a, who)) out->center.push_back(std::move(a));
    }
    return AdminOutcome::Ok();
}

AdminOutcome AlertService::Act(std::string_view action, int64_t rule_id, const alert::Subject& subject, int minutes,
                               const Caller& caller, const Actor& actor, alert::Change* out) {
    if (AdminOutcome o = Gate(caller, Action::ActOnAlerts); !o.ok()) return o;
    if (action != "ack" && action != "snooze" && action != "resolve") {
        return AdminOutcome::Fail(K::NotFound, "no_such_action", "", "no alert action '" + std::string(action) + "'");
    }
    std::shared_ptr<const Publication> p = m_broadcaster->Current();
    std::string error;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        const alert::Instance* inst = m_engine.Find(rule_id, subject);
        if (!inst || (inst->state != alert::State::Firing && inst->state != alert::State::Acknowledged)) {
            return AdminOutcome::Fail(K::NotFound, "no_such_alert", "", "no active alert of rule " +
                                                                            std::to_string(rule_id) + " for " +
                                                                            std::string(alert::ScopeKindName(subject.kind)) +
                                                                            (subject.key.empty() ? "" : " " + subject.key));
        }
        if (!alert::MayAct(*inst, AudienceOf(caller))) {
            return AdminOutcome::Fail(K::Forbidden, "not_your_team", "",
                                      "this alert concerns team '" + inst->subject.team + "', not one you lead");
        }
        const int64_t now = EngineNow(p.get());
        bool ok = false;
        if (action == "ack") {
            ok = m_engine.Acknowledge(rule_id, subject, UserOf(actor), now, out, &error);
        } else if (action == "snooze") {
            if (minutes < 1 || minutes > 1440) {
                return AdminOutcome::Fail(K::Invalid, "range", "minutes", "must be 1-1440");
            }
            ok = m_engine.Snooze(rule_id, subject, minutes, UserOf(actor), now, out, &error);
        } else {
            ok = m_engine.Resolve(rule_id, subject, UserOf(actor), now, out, &error);
        }
        if (!ok) return AdminOutcome::Fail(K::NotFound, "no_such_alert", "", error);
        ++m_version;
    }
    AuditEntry entry = Audit(actor, action == "ack" ? "alert_ack" : action == "snooze" ? "alert_snooze" : "alert_resolve", out->at_ms);
    entry.t_ms = m_clock();
    entry.detail = "alert rule " + std::to_string(rule_id) + " " + std::string(alert::ScopeKindName(subject.kind)) +
                   (subject.key.empty() ? "" : " " + subject.key);
    if (Status s = m_store->AppendAction(*out, entry); !s.ok()) {
        return AdminOutcome::Fail(K::Failed, "store", "", s.message());
    }
    return AdminOutcome::Ok();
}

AdminOutcome AlertService::Rules(const Caller& caller, std::vector<alert::Rule>* out) {
    if (AdminOutcome o = Gate(caller, Action::ViewAlerts); !o.ok()) return o;
    std::lock_guard<std::mutex> lock(m_mutex);
    *out = m_engine.rules();
    return AdminOutcome::Ok();
}

AdminOutcome AlertService::Reload(int64_t now_ms) {
    Result<std::vector<alert::Rule>> rules = m_store->Rules();
    if (!rules.ok()) return AdminOutcome::Fail(K::Failed, "store", "", rules.status().message());
    std::vector<alert::Change> changes;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        changes = m_engine.SetRules(std::move(rules.value()), now_ms);
        ++m_version;
    }
    if (Status s = m_store->AppendHistory(changes); !s.ok()) LogWarn("alert history: " + s.message());
    return AdminOutcome::Ok();
}

namespace {
AdminOutcome Invalid(const alert::RuleError& e) {
    return AdminOutcome::Fail(K::Invalid, e.code, e.field, e.field.empty() ? e.message : e.message.substr(e.field.size() + 2));
}
}  // namespace

AdminOutcome AlertService::AddRule(std::string_view json, const Caller& caller, const Actor& actor, alert::Rule* out) {
    if (AdminOutcome o = Gate(caller, Action::ManageAlertRules); !o.ok()) return o;
    alert::Rule rule;
    alert::RuleError e;
    if (!alert::RuleFromJson(json, &rule, &e)) return Invalid(e);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_engine.rules().size() >= alert::kMaxRules) {
            return AdminOutcome::Fail(K::Conflict, "too_many", "", "at most 200 alert rules");
        }
    }
    const int64_t now = m_clock();
    Result<int64_t> id = m_store->AddRule(rule, Audit(actor, "alert_rule_add", now), now);
    if (!id.ok()) return AdminOutcome::Fail(K::Failed, "store", "", id.status().message());
    rule.id = id.value();
    *out = rule;
    std::shared_ptr<const Publication> p = m_broadcaster->Current();
    return Reload(EngineNow(p.get()));
}

AdminOutcome AlertService::UpdateRule(int64_t id, std::string_view json, const Caller& caller, const Actor& actor,
                                      alert::Rule* out) {
    if (AdminOutcome o = Gate(caller, Action::ManageAlertRules); !o.ok()) return o;
    alert::Rule rule;
    rule.id = id;
    alert::RuleError e;
    if (!alert::RuleFromJson(json, &rule, &e)) return Invalid(e);
    const int64_t now = m_clock();
    Result<bool> changed = m_store->UpdateRule(rule, Audit(actor, "alert_rule_change", now), now);
    if (!changed.ok()) return AdminOutcome::Fail(K::Failed, "store", "", changed.status().message());
    if (!changed.value()) return AdminOutcome::Fail(K::NotFound, "no_such_rule", "", "no alert rule " + std::to_string(id));
    *out = rule;
    std::shared_ptr<const Publication> p = m_broadcaster->Current();
    return Reload(EngineNow(p.get()));
}

AdminOutcome AlertService::DeleteRule(int64_t id, const Caller& caller, const Actor& actor) {
    if (AdminOutcome o = Gate(caller, Action::ManageAlertRules); !o.ok()) return o;
    const int64_t now = m_clock();
    Result<bool> deleted = m_store->DeleteRule(id, Audit(actor, "alert_rule_delete", now));
    if (!deleted.ok()) return AdminOutcome::Fail(K::Failed, "store", "", deleted.status().message());
    if (!deleted.value()) return AdminOutcome::Fail(K::NotFound, "no_such_rule", "", "no alert rule " + std::to_string(id));
    std::shared_ptr<const Publication> p = m_broadcaster->Current();
    return Reload(EngineNow(p.get()));
}

AdminOutcome AlertService::History(const Caller& caller, int64_t from_ms, int64_t to_ms, int limit,
                                   std::vector<AlertHistoryRow>* out) {
    if (AdminOutcome o = Gate(caller, Action::ViewAlerts); !o.ok()) return o;
    if (caller.role == Role::Wallboard) {
        return AdminOutcome::Fail(K::Forbidden, "forbidden", "", "not allowed for role 'wallboard'");
    }
    const alert::Audience who = AudienceOf(caller);
    AlertHistoryQuery q;
    q.from_ms = from_ms;
    q.to_ms = to_ms;
    q.limit = limit;
    q.all = who.kind == alert::Audience::Kind::Supervisor;
    q.center_too = true;  // a lead sees the center-wide alerts' history too, as on the wallboard panel
    q.teams = who.teams;
    Result<std::vector<AlertHistoryRow>> rows = m_store->History(q);
    if (!rows.ok()) return AdminOutcome::Fail(K::Failed, "store", "", rows.status().message());
    *out = std::move(rows.value());
    return AdminOutcome::Ok();
}

}  // namespace cb
