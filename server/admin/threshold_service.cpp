#include "server/admin/threshold_service.h"

#include <algorithm>
#include <cstdio>

namespace cb {
namespace {

using K = AdminOutcome::Kind;

std::string Number(double value, bool seconds) {
    char text[32];
    if (seconds) std::snprintf(text, sizeof text, "%lld", static_cast<long long>(value));
    else std::snprintf(text, sizeof text, "%g", value);
    return text;
}

AdminOutcome Refused(const ThresholdError& e, const std::string& prefix = {}) {
    AdminOutcome o;
    o.kind = K::Invalid;
    o.code = e.code;
    o.field = e.field;
    o.message = prefix + e.message;
    return o;
}

bool FullScope(const Caller& c) {
    return c.local || c.role == Role::Admin || c.role == Role::Manager || c.role == Role::Qa || c.role == Role::Trainer;
}

}  // namespace

std::string ThresholdChanges(const Thresholds& before, const Thresholds& after) {
    std::string out;
    for (const ThresholdField& f : ThresholdFields()) {
        const double a = ThresholdValue(before, f), b = ThresholdValue(after, f);
        if (a == b) continue;
        out += (out.empty() ? "" : ", ") + std::string(f.key) + " " + Number(a, f.seconds) + " -> " + Number(b, f.seconds);
    }
    return out;
}

std::string OverrideChanges(const ThresholdOverride& before, const ThresholdOverride& after) {
    std::string out;
    const auto fields = ThresholdFields();
    for (size_t i = 0; i < fields.size(); ++i) {
        const ThresholdField& f = fields[i];
        const bool had = before.Sets(i), has = after.Sets(i);
        const std::string a = had ? Number(ThresholdValue(before.values, f), f.seconds) : "center";
        const std::string b = has ? Number(ThresholdValue(after.values, f), f.seconds) : "center";
        if (a == b) continue;
        out += (out.empty() ? "" : ", ") + std::string(f.key) + " " + a + " -> " + b;
    }
    return out;
}

ThresholdService::ThresholdService(Broadcaster* broadcaster, Clock clock)
    : m_broadcaster(broadcaster), m_clock(std::move(clock)) {}

Status ThresholdService::Attach(SqliteAdminStore* store) {
    Result<ThresholdSets> loaded = store->LoadThresholds();
    if (!loaded.ok()) return loaded.status();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_store = store;
        loaded.value().version = m_current->version + 1;
        m_current = std::make_shared<const ThresholdSets>(std::move(loaded.value()));
    }
    if (m_broadcaster) m_broadcaster->NotifySideEvent();
    return Status::Ok();
}

void ThresholdService::Detach() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_store = nullptr;
}

bool ThresholdService::ready() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_store != nullptr;
}

std::shared_ptr<const ThresholdSets> ThresholdService::Current() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_current;
}

ThresholdsDoc ThresholdService::DocumentFor(const ThresholdSets& sets, const Caller& caller) {
    ThresholdsDoc doc;
    doc.sets.version = sets.version;
    doc.sets.center = sets.center;
    doc.sets.center_by = sets.center_by;
    doc.sets.center_ms = sets.center_ms;
    const Role role = caller.local ? Role::Admin : caller.role;
    for (const TeamThresholds& t : sets.teams)
        if (FullScope(caller) || (role == Role::Lead && MayEditTeamThresholds(role, caller.teams, t.team)))
            doc.sets.teams.push_back(t);
    doc.applied = role == Role::Lead ? AppliedThresholds(sets, caller.teams, &doc.applied_team) : sets.center;
    doc.may_edit_center = RoleMay(role, Action::EditCenterThresholds);
    doc.may_edit_all_teams = RoleMay(role, Action::EditTeamThresholds) && role != Role::Lead;
    if (role == Role::Lead) doc.editable_teams = caller.teams;
    return doc;
}

AdminOutcome ThresholdService::Store(const std::string& team, const ThresholdSets& next, const Caller& caller,
                                     const std::string& address, const std::string& detail) {
    const int64_t now = m_clock();
    const std::string by = caller.local ? std::string("(local)") : caller.user;  // no account name has "("
    AuditEntry audit{0, now, caller.local ? std::string("-") : caller.user, "thresholds_set", detail, address, true};
    auto stored = std::make_shared<ThresholdSets>(next);
    Status status = Status::Ok();
    if (team.empty()) {
        stored->center_by = by;
        stored->center_ms = now;
        status = m_store->SaveCenterThresholds(next.center, by, now, audit);
    } else {
        const TeamThresholds* t = next.Team(team);
        ThresholdOverride values = t ? t->values : ThresholdOverride{};
        for (TeamThresholds& s : stored->teams)
            if (s.team == team) {
                s.updated_by = by;
                s.updated_ms = now;
            }
        status = m_store->SaveTeamThresholds(team, values, by, now, audit);
    }
    if (!status.ok()) return AdminOutcome::Fail(K::Failed, "store", "", "cannot store the thresholds: " + status.message());
    stored->version = m_current->version + 1;
    m_current = std::move(stored);
    return AdminOutcome::Ok();
}

AdminOutcome ThresholdService::SetCenter(std::string_view body, const Caller& caller, const std::string& address) {
    const Role role = caller.local ? Role::Admin : caller.role;
    if (!RoleMay(role, Action::EditCenterThresholds))
        return AdminOutcome::Fail(K::Forbidden, "forbidden", "", "not allowed for role '" + std::string(RoleName(role)) + "'");
    AdminOutcome outcome;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_store) return AdminOutcome::Fail(K::Failed, "not_ready", "", "the thresholds are not loaded yet");
        ThresholdSets next = *m_current;
        ThresholdError error;
        if (!ThresholdsFromJson(body, &next.center, &error, /*strict=*/true)) return Refused(error);
        for (const TeamThresholds& t : next.teams)
            if (!ValidateThresholds(MergeThresholds(next.center, t.values), &error))
                return Refused(error, "team '" + t.team + "' has its own limits that would not fit: ");
        const std::string changes = ThresholdChanges(m_current->center, next.center);
        if (changes.empty()) return AdminOutcome::Ok();
        outcome = Store("", next, caller, address, "center: " + changes);
    }
    if (outcome.ok() && m_broadcaster) m_broadcaster->NotifySideEvent();
    return outcome;
}

AdminOutcome ThresholdService::SetTeam(const std::string& team, std::string_view body, const Caller& caller,
                                       const std::string& address) {
    const Role role = caller.local ? Role::Admin : caller.role;
    if (!RoleMay(role, Action::EditTeamThresholds) || !MayEditTeamThresholds(role, caller.teams, team))
        return AdminOutcome::Fail(K::Forbidden, "forbidden", "",
                                  role == Role::Lead ? "a lead changes the thresholds of their own teams only"
                                                     : "not allowed for role '" + std::string(RoleName(role)) + "'");
    AdminOutcome outcome;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_store) return AdminOutcome::Fail(K::Failed, "not_ready", "", "the thresholds are not loaded yet");
        Result<bool> exists = m_store->TeamExists(team);
        if (!exists.ok()) return AdminOutcome::Fail(K::Failed, "store", "", "cannot read the teams: " + exists.status().message());
        if (!exists.value()) return AdminOutcome::Fail(K::NotFound, "no_such_team", "", "no team '" + team + "'");
        ThresholdOverride values;
        ThresholdError error;
        if (!OverrideFromJson(body, &values, &error)) return Refused(error);
        if (!ValidateThresholds(MergeThresholds(m_current->center, values), &error))
            return Refused(error, "with the center's other limits: ");
        ThresholdSets next = *m_current;
        const TeamThresholds* old = next.Team(team);
        const ThresholdOverride before = old ? old->values : ThresholdOverride{};
        const std::string changes = OverrideChanges(before, values);
        if (changes.empty()) return AdminOutcome::Ok();
        next.teams.erase(std::remove_if(next.teams.begin(), next.teams.end(), [&](const TeamThresholds& t) { return t.team == team; }),
                         next.teams.end());
        if (!values.empty()) {
            next.teams.push_back(TeamThresholds{team, values, "", 0});
            std::sort(next.teams.begin(), next.teams.end(), [](const TeamThresholds& a, const TeamThresholds& b) { return a.team < b.team; });
        }
        outcome = Store(team, next, caller, address, "team " + team + ": " + changes);
    }
    if (outcome.ok() && m_broadcaster) m_broadcaster->NotifySideEvent();
    return outcome;
}

}  // namespace cb
