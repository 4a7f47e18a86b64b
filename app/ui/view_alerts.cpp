// Alerts on screen (docs/alerts.md): the banner of the alerts routed to this user, under the
// header on every page, with acknowledge / snooze / resolve when they may act; the wallboard's
// panel of the center's active alerts; and the alert history page.
#include <cstdio>
#include <imgui.h>
#include <iterator>
#include <utility>
#include <vector>
#include "format.h"
#include "theme.h"
#include "views.h"

namespace cb {
namespace {

std::string SubjectText(const ViewContext& ctx, const std::string& kind, const std::string& key) {
    const Directory& d = ctx.snapshot.directory;
    if (kind == "queue") {
        for (const QueueInfo& q : d.queues)
            if (q.key == key) return Name(ctx, q);
        return std::string(ctx.tr(Str::LsQueue)) + " " + key;
    }
    if (kind == "team") {
        for (const TeamInfo& t : d.teams)
            if (t.key == key) return Name(ctx, t);
        return std::string(ctx.tr(Str::WfmTeam)) + " " + key;
    }
    if (kind == "agent") {
        for (const AgentInfo& a : d.agents)
            if (a.key == key) return Name(ctx, a);
        return std::string(ctx.tr(Str::CardAgent)) + " " + key;
    }
    return ctx.tr(Str::WallboardCenter);
}

std::string ValueText(const ViewContext& ctx, const std::string& metric, double value) {
    char buf[48];
    const bool seconds = metric.size() > 2 && metric.compare(metric.size() - 2, 2, "_s") == 0;
    const bool percent = metric.size() > 4 && metric.compare(metric.size() - 4, 4, "_pct") == 0;
    std::snprintf(buf, sizeof buf, ctx.tr(seconds ? Str::AlSecondsFmt : percent ? Str::AlPercentFmt : Str::AlCountFmt), value);
    return buf;
}

const char* StateText(const ViewContext& ctx, const std::string& state) {
    if (state == "firing") return ctx.tr(Str::AlStateFiring);
    if (state == "acknowledged") return ctx.tr(Str::AlStateAcknowledged);
    if (state == "pending") return ctx.tr(Str::AlStatePending);
    if (state == "resolved") return ctx.tr(Str::AlStateResolved);
    return ctx.tr(Str::AlStateNormal);
}

const char* MetricLabel(const ViewContext& ctx, const std::string& metric);

// "[Critical] Callers wait · Orders · Oldest wait (s) = 75 s · Firing since 10:02:11 · by wang".
std::string AlertLine(const ViewContext& ctx, const AlertItem& a) {
    const int32_t off = LocalOffsetMin(ctx.snapshot, a.since_ms);
    char since[64];
    std::snprintf(since, sizeof since, ctx.tr(Str::AlSinceFmt), FormatClock(a.since_ms, off).c_str());
    std::string line = std::string("[") + ctx.tr(a.severity == "critical" ? Str::AlCritical : Str::AlWarning) + "] " +
                       a.rule_name + " · " + SubjectText(ctx, a.kind, a.key) + " · " + MetricLabel(ctx, a.metric) + " = " +
                       ValueText(ctx, a.metric, a.value) +
                       " · " + StateText(ctx, a.state) + " " + since;
    if (!a.by.empty()) {
        char by[96];
        std::snprintf(by, sizeof by, ctx.tr(Str::AlByFmt), a.by.c_str());
        line += std::string(" · ") + by;
    }
    if (a.snoozed_until_ms > 0) {
        char until[64];
        std::snprintf(until, sizeof until, ctx.tr(Str::AlSnoozedFmt),
                      FormatClock(a.snoozed_until_ms, LocalOffsetMin(ctx.snapshot, a.snoozed_until_ms), false).c_str());
        line += std::string(" · ") + until;
    }
    if (a.flapping) line += std::string(" · ") + ctx.tr(Str::AlFlapping);
    return line;
}

constexpr Str kMetricLabels[] = {Str::AlMetricWaiting,   Str::AlMetricOldestWait, Str::AlMetricSl,
                                 Str::AlMetricAbandon,   Str::AlMetricAvailable,  Str::AlMetricStateTime,
                                 Str::AlMetricCallTime,  Str::AlMetricStale};
static_assert(std::size(kMetricLabels) == size_t(alert::Metric::kCount));
constexpr Str kScopeLabels[] = {Str::WallboardCenter, Str::LsQueue, Str::WfmTeam, Str::CardAgent};
static_assert(std::size(kScopeLabels) == size_t(alert::ScopeKind::kCount));

const char* MetricLabel(const ViewContext& ctx, const std::string& metric) {
    alert::Metric m;
    return alert::ParseMetric(metric, &m) ? ctx.tr(kMetricLabels[size_t(m)]) : metric.c_str();
}

std::string Number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// "Oldest wait (s) above 60 (critical 120, clears 45)"; an agent state metric names the state.
std::string ConditionText(const ViewContext& ctx, const alert::Condition& c) {
    std::string metric = ctx.tr(kMetricLabels[size_t(c.metric)]);
    if (c.metric == alert::Metric::AgentStateTime) {
        const char* state = ctx.tr(Str::AlAnyState);
        for (int s = 1; s < int(AgentState::kCount); ++s)
            if (c.state == AgentStateName(AgentState(s))) state = ctx.tr.State(AgentState(s));
        metric += std::string(" [") + state + "]";
    }
    char buf[256];
    std::snprintf(buf, sizeof buf, ctx.tr(Str::AlCondFmt), metric.c_str(),
                  ctx.tr(c.comparator == alert::Comparator::Above ? Str::AlAbove : Str::AlBelow), Number(c.warning).c_str(),
                  Number(c.critical).c_str(), Number(c.clear).c_str());
    return buf;
}

std::string ScopeText(const ViewContext& ctx, const alert::Rule& r) {
    if (r.scope == alert::ScopeKind::Center) return ctx.tr(Str::WallboardCenter);
    if (r.scope_key.empty()) return std::string(ctx.tr(kScopeLabels[size_t(r.scope)])) + " " + ctx.tr(Str::AlEach);
    return SubjectText(ctx, std::string(alert::ScopeKindName(r.scope)), r.scope_key);
}

// A combo over (label, value) pairs; true when the choice changed.
bool Combo(const char* id, int* value, const std::vector<std::pair<std::string, int>>& options, float width) {
    const char* current = "-";
    for (const auto& o : options)
        if (o.second == *value) current = o.first.c_str();
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(id, current)) {
        for (const auto& o : options) {
            if (ImGui::Selectable(o.first.c_str(), o.second == *value)) {
                changed = o.second != *value;
                *value = o.second;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

// The scope's key: (each) or one queue, team or agent of the directory; a key the directory
// does not know (a rule made elsewhere) stays selectable as it is.
void ScopeKeyCombo(const ViewContext& ctx, AlertRuleForm& f, float width) {
    std::vector<std::pair<std::string, std::string>> options{{ctx.tr(Str::AlEach), ""}};
    const Directory& d = ctx.snapshot.directory;
    const auto kind = alert::ScopeKind(f.scope);
    if (kind == alert::ScopeKind::Queue)
        for (const QueueInfo& q : d.queues) options.emplace_back(Name(ctx, q), q.key);
    if (kind == alert::ScopeKind::Team)
        for (const TeamInfo& t : d.teams) options.emplace_back(Name(ctx, t), t.key);
    if (kind == alert::ScopeKind::Agent)
        for (const AgentInfo& a : d.agents) options.emplace_back(std::string(Name(ctx, a)) + " (" + a.key + ")", a.key);
    std::string current = f.scope_key;
    bool known = false;
    for (const auto& o : options) known = known || o.second == current;
    if (!known) options.emplace_back(current, current);
    const char* shown = "-";
    for (const auto& o : options)
        if (o.second == current) shown = o.first.c_str();
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("##alert_rule.scope_key", shown)) {
        for (const auto& o : options)
            if (ImGui::Selectable(o.first.c_str(), o.second == current))
                std::snprintf(f.scope_key, sizeof f.scope_key, "%s", o.second.c_str());
        ImGui::EndCombo();
    }
    ReportLastItem(ctx, "alert_rule.scope_key", shown);
}

void DrawRuleForm(const ViewContext& ctx) {
    AlertRuleForm& f = ctx.alerts->form;
    char title[96];
    if (f.id == 0) std::snprintf(title, sizeof title, "%s", ctx.tr(Str::AlNewRule));
    else std::snprintf(title, sizeof title, ctx.tr(Str::AlEditRuleFmt), static_cast<long long>(f.id));
    ImGui::TextUnformatted(title);
    ReportLastItem(ctx, "alert_rule.title", title);
    const float label_w = ImGui::CalcTextSize(ctx.tr(Str::AlCooldown)).x + 16;
    auto label = [&](Str s) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(ctx.tr(s));
        ImGui::SameLine(label_w);
    };
    label(Str::RepName);
    ImGui::SetNextItemWidth(320);
    ImGui::InputText("##alert_rule.name", f.name, sizeof f.name);
    ReportLastItem(ctx, "alert_rule.name", f.name);
    ImGui::SameLine();
    ImGui::Checkbox(ctx.tr(Str::AlEnabled), &f.enabled);
    ReportLastItem(ctx, "alert_rule.enabled", f.enabled ? "1" : "0");
    ImGui::SameLine();
    ImGui::Checkbox(ctx.tr(Str::AlRuleSound), &f.sound);
    ReportLastItem(ctx, "alert_rule.sound", f.sound ? "1" : "0");

    label(Str::AlScope);
    std::vector<std::pair<std::string, int>> scopes;
    for (int i = 0; i < int(alert::ScopeKind::kCount); ++i) scopes.emplace_back(ctx.tr(kScopeLabels[i]), i);
    if (Combo("##alert_rule.scope", &f.scope, scopes, 160)) f.scope_key[0] = 0;
    ReportLastItem(ctx, "alert_rule.scope", std::string(alert::ScopeKindName(alert::ScopeKind(f.scope))));
    if (alert::ScopeKind(f.scope) != alert::ScopeKind::Center) {
        ImGui::SameLine();
        ScopeKeyCombo(ctx, f, 220);
    }

    label(Str::AlPending);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("##alert_rule.pending_s", &f.pending_s, 5, 60);
    ReportLastItem(ctx, "alert_rule.pending_s", std::to_string(f.pending_s));
    label(Str::AlCooldown);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("##alert_rule.cooldown_s", &f.cooldown_s, 30, 300);
    ReportLastItem(ctx, "alert_rule.cooldown_s", std::to_string(f.cooldown_s));

    ImGui::TextUnformatted(ctx.tr(Str::AlConditions));
    std::vector<std::pair<std::string, int>> metrics, comparators{{ctx.tr(Str::AlAbove), 0}, {ctx.tr(Str::AlBelow), 1}},
        states{{ctx.tr(Str::AlAnyState), 0}};
    for (int i = 0; i < int(alert::Metric::kCount); ++i) metrics.emplace_back(ctx.tr(kMetricLabels[i]), i);
    for (int s = int(AgentState::Ringing); s < int(AgentState::kCount); ++s) states.emplace_back(ctx.tr.State(AgentState(s)), s);
    for (int i = 0; i < f.n_conds; ++i) {
        AlertRuleForm::Cond& c = f.conds[i];
        const std::string id = std::to_string(i);
        ImGui::PushID(i);
        ImGui::Bullet();
        ImGui::SameLine();
        Combo("##metric", &c.metric, metrics, 230);
        ReportLastItem(ctx, "alert_rule.cond." + id + ".metric", std::string(alert::MetricName(alert::Metric(c.metric))));
        if (alert::Metric(c.metric) == alert::Metric::AgentStateTime) {
            ImGui::SameLine();
            Combo("##state", &c.state, states, 170);
            ReportLastItem(ctx, "alert_rule.cond." + id + ".state", std::to_string(c.state));
        }
        ImGui::SameLine();
        Combo("##comparator", &c.comparator, comparators, 80);
        ReportLastItem(ctx, "alert_rule.cond." + id + ".comparator", c.comparator == 0 ? "above" : "below");
        struct Num { Str label; double* v; const char* name; };
        for (const Num& n : {Num{Str::AlWarningAt, &c.warning, "warning"}, Num{Str::AlCriticalAt, &c.critical, "critical"},
                             Num{Str::AlClearAt, &c.clear, "clear"}}) {
            ImGui::SameLine();
            ImGui::TextUnformatted(ctx.tr(n.label));
            ImGui::SameLine();
            ImGui::SetNextItemWidth(80);
            ImGui::InputDouble((std::string("##") + n.name).c_str(), n.v, 0, 0, "%g");
            ReportLastItem(ctx, "alert_rule.cond." + id + "." + n.name, Number(*n.v));
        }
        if (f.n_conds > 1) {
            ImGui::SameLine();
            if (ImGui::SmallButton(ctx.tr(Str::AlRemoveCondition)))
                ctx.actions->push_back({UiAction::Kind::AlertRuleCommand, i * 8 + int(AlertRuleCommand::RemoveCondition)});
            ReportLastItem(ctx, "button.alert_rule_remove_condition." + id, ctx.tr(Str::AlRemoveCondition));
        }
        ImGui::PopID();
    }
    if (f.n_conds < int(alert::kMaxConditions)) {
        if (ImGui::SmallButton(ctx.tr(Str::AlAddCondition)))
            ctx.actions->push_back({UiAction::Kind::AlertRuleCommand, int(AlertRuleCommand::AddCondition)});
        ReportLastItem(ctx, "button.alert_rule_add_condition", ctx.tr(Str::AlAddCondition));
    }
    ImGui::BeginDisabled(f.saving);
    if (ImGui::Button(ctx.tr(Str::FcSdSave))) ctx.actions->push_back({UiAction::Kind::AlertRuleCommand, int(AlertRuleCommand::Save)});
    ReportLastItem(ctx, "button.alert_rule_save", ctx.tr(Str::FcSdSave));
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr(Str::AdminCancel))) ctx.actions->push_back({UiAction::Kind::AlertRuleCommand, int(AlertRuleCommand::Cancel)});
    ReportLastItem(ctx, "button.alert_rule_cancel", ctx.tr(Str::AdminCancel));
    if (!f.error.empty()) {
        char why[512];
        std::snprintf(why, sizeof why, ctx.tr(Str::AlRuleRefusedFmt), f.error.c_str());
        ImGui::TextColored(ImVec4(0.95f, 0.35f, 0.35f, 1), "%s", why);
        ReportLastItem(ctx, "alert_rule.error", f.error);
    }
}

void DrawAlertRules(const ViewContext& ctx) {
    AlertsState& st = *ctx.alerts;
    ImGui::TextUnformatted(ctx.tr(Str::AlRulesTitle));
    ReportLastItem(ctx, "alert_rules.title", ctx.tr(Str::AlRulesTitle));
    if (st.may_edit_rules && !st.form.open) {
        ImGui::SameLine();
        if (ImGui::SmallButton(ctx.tr(Str::AlNewRule)))
            ctx.actions->push_back({UiAction::Kind::AlertRuleCommand, int(AlertRuleCommand::New)});
        ReportLastItem(ctx, "button.alert_rule_new", ctx.tr(Str::AlNewRule));
    }
    ImGui::TextWrapped("%s", ctx.tr(Str::AlRulesHelp));
    if (!st.rules_error.empty()) {
        ImGui::TextColored(ImVec4(0.95f, 0.35f, 0.35f, 1), "%s %s", ctx.tr(Str::AlRulesFailed), st.rules_error.c_str());
        ReportLastItem(ctx, "alert_rules.error", st.rules_error);
    }
    if (st.rules_loading) {
        ImGui::TextUnformatted(ctx.tr(Str::RfLoading));
    } else if (st.rules.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::AlRulesNone));
        ReportLastItem(ctx, "alert_rules.none", ctx.tr(Str::AlRulesNone));
    } else if (ImGui::BeginTable("##alert_rules", st.may_edit_rules ? 5 : 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) {
        for (Str h : {Str::AlColRule, Str::AlScope, Str::AlColConditions, Str::AlColTiming}) ImGui::TableSetupColumn(ctx.tr(h));
        if (st.may_edit_rules) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < st.rules.size(); ++i) {
            const alert::Rule& r = st.rules[i];
            const std::string id = std::to_string(i);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string name = r.enabled ? r.name : r.name + " " + ctx.tr(Str::AlDisabled);
            ImGui::TextUnformatted(name.c_str());
            ImGui::TableNextColumn();
            const std::string scope = ScopeText(ctx, r);
            ImGui::TextUnformatted(scope.c_str());
            ImGui::TableNextColumn();
            std::string conds;
            for (const alert::Condition& c : r.conditions) {
                const std::string line = ConditionText(ctx, c);
                ImGui::TextUnformatted(line.c_str());
                conds += (conds.empty() ? std::string() : std::string(" & ")) + line;
            }
            ImGui::TableNextColumn();
            char timing[128];
            std::snprintf(timing, sizeof timing, ctx.tr(Str::AlTimingFmt), r.pending_s, r.cooldown_s);
            ImGui::TextUnformatted(timing);
            if (ctx.report) ctx.report->Add("alert_rules.row." + id, name + "|" + scope + "|" + conds + "|" + timing, 0, 0, 0, 0);
            if (st.may_edit_rules) {
                ImGui::TableNextColumn();
                ImGui::PushID(int(i));
                if (ImGui::SmallButton(ctx.tr(Str::IcEdit)))
                    ctx.actions->push_back({UiAction::Kind::AlertRuleCommand, int(i) * 8 + int(AlertRuleCommand::Edit)});
                ReportLastItem(ctx, "button.alert_rule_edit." + id, ctx.tr(Str::IcEdit));
                ImGui::SameLine();
                if (ImGui::SmallButton(ctx.tr(Str::FcSdDelete)))
                    ctx.actions->push_back({UiAction::Kind::AlertRuleCommand, int(i) * 8 + int(AlertRuleCommand::Delete)});
                ReportLastItem(ctx, "button.alert_rule_delete." + id, ctx.tr(Str::FcSdDelete));
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    if (st.form.open && st.may_edit_rules) DrawRuleForm(ctx);
    ImGui::Separator();
}

}  // namespace

// By role alone, as the server decides (Action::ViewAlerts; the wallboard role has no page), not
// by whether the first GET /api/alerts has been answered: the header's buttons keep their places
// from the first frame instead of moving when the answer comes.
bool MayViewAlertHistory(const ViewContext& ctx) {
    if (!ctx.alerts || !ctx.session) return false;
    if (ctx.session->phase() == SessionPhase::Local) return true;
    if (ctx.session->phase() != SessionPhase::SignedIn) return false;
    const std::string& role = ctx.session->info().role;
    return role != "wallboard" && role != "qa" && role != "trainer";
}

void DrawAlertBanner(const ViewContext& ctx) {
    if (!ctx.alerts || ctx.alerts->mine.empty()) return;
    const AlertsState& st = *ctx.alerts;
    bool critical = false;
    for (const AlertItem& a : st.mine) critical = critical || a.severity == "critical";
    const ImU32 bg = critical ? IM_COL32(150, 30, 30, 255) : IM_COL32(150, 100, 10, 255);
    const float line_h = ImGui::GetFrameHeightWithSpacing();
    const float h = line_h * float(st.mine.size() + (st.action_error.empty() ? 0 : 1)) + ImGui::GetStyle().WindowPadding.y * 2;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, bg);
    ImGui::BeginChild("##alert_banner", ImVec2(0, h), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding);
    if (ctx.report) {
        const ImVec2 p = ImGui::GetWindowPos(), sz = ImGui::GetWindowSize();
        ctx.report->Add("alert.banner", std::to_string(st.mine.size()), p.x, p.y, sz.x, sz.y);
    }
    for (size_t i = 0; i < st.mine.size(); ++i) {
        const AlertItem& a = st.mine[i];
        const std::string id = std::to_string(i);
        ImGui::AlignTextToFramePadding();
        const std::string line = AlertLine(ctx, a);
        ImGui::TextColored(ImVec4(1, 1, 1, 1), "%s", line.c_str());
        ReportLastItem(ctx, "alert." + id, line);
        if (!a.may_act) continue;
        struct Btn { AlertCommand c; Str label; const char* name; };
        static constexpr Btn kButtons[] = {{AlertCommand::Acknowledge, Str::AlAcknowledge, "ack"},
                                           {AlertCommand::Snooze, Str::AlSnooze, "snooze"},
                                           {AlertCommand::Resolve, Str::AlResolve, "resolve"}};
        for (const Btn& b : kButtons) {
            if (b.c == AlertCommand::Acknowledge && a.state == "acknowledged" && a.snoozed_until_ms == 0) continue;
            ImGui::SameLine();
            char label[96];
            std::snprintf(label, sizeof label, "%s##%s%zu", ctx.tr(b.label), b.name, i);
            if (ImGui::SmallButton(label)) ctx.actions->push_back({UiAction::Kind::AlertCommand, int(i) * 4 + int(b.c)});
            ReportLastItem(ctx, std::string("button.alert_") + b.name + "." + id, ctx.tr(b.label));
        }
    }
    if (!st.action_error.empty()) {
        ImGui::TextColored(ImVec4(1, 1, 1, 1), "%s %s", ctx.tr(Str::AlRefused), st.action_error.c_str());
        ReportLastItem(ctx, "alert.error", st.action_error);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void DrawAlertPanel(const ViewContext& ctx) {
    if (!ctx.alerts || !ctx.alerts->available) return;
    const AlertsState& st = *ctx.alerts;
    char title[64];
    std::snprintf(title, sizeof title, ctx.tr(Str::AlActiveFmt), int(st.center.size()));
    ImGui::TextUnformatted(title);
    ReportLastItem(ctx, "alerts.panel", title);
    ImGui::SameLine();
    char sound[64];
    std::snprintf(sound, sizeof sound, "%s##alert_sound", ctx.tr(st.sound ? Str::AlSoundOn : Str::AlSoundOff));
    if (ImGui::SmallButton(sound)) ctx.actions->push_back({UiAction::Kind::AlertSound, st.sound ? 0 : 1});
    ReportLastItem(ctx, "button.alert_sound", ctx.tr(st.sound ? Str::AlSoundOn : Str::AlSoundOff));
    if (st.center.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::AlNoneActive));
        ReportLastItem(ctx, "alerts.panel.none", ctx.tr(Str::AlNoneActive));
    }
    for (size_t i = 0; i < st.center.size(); ++i) {
        const AlertItem& a = st.center[i];
        const ImVec4 color = a.severity == "critical" ? ImVec4(0.95f, 0.35f, 0.35f, 1) : ImVec4(0.95f, 0.7f, 0.2f, 1);
        const std::string line = AlertLine(ctx, a);
        ImGui::TextColored(color, "%s", line.c_str());
        ReportLastItem(ctx, "alerts.panel." + std::to_string(i), line);
    }
    ImGui::Separator();
}

void DrawAlertStrip(const ViewContext& ctx) {
    if (!ctx.alerts || !ctx.alerts->available || ctx.alerts->center.empty()) return;
    for (size_t i = 0; i < ctx.alerts->center.size(); ++i) {
        const AlertItem& a = ctx.alerts->center[i];
        const ImVec4 color = a.severity == "critical" ? ImVec4(0.95f, 0.35f, 0.35f, 1) : ImVec4(0.95f, 0.7f, 0.2f, 1);
        const std::string line = AlertLine(ctx, a);
        ImGui::TextColored(color, "%s", line.c_str());
        ReportLastItem(ctx, "tv.alert." + std::to_string(i), line);
    }
}

void DrawAlertHistory(const ViewContext& ctx, const Fonts& fonts) {
    (void)fonts;
    DrawAlertRules(ctx);
    const AlertsState& st = *ctx.alerts;
    ImGui::TextUnformatted(ctx.tr(Str::AlHistoryTitle));
    ReportLastItem(ctx, "alert_history.title", ctx.tr(Str::AlHistoryTitle));
    ImGui::SameLine();
    if (ImGui::SmallButton(ctx.tr(Str::RfRefresh))) ctx.actions->push_back({UiAction::Kind::OpenAlertHistory, 1});
    ReportLastItem(ctx, "button.alert_history_refresh", ctx.tr(Str::RfRefresh));
    ImGui::TextWrapped("%s", ctx.tr(Str::AlHistoryHelp));
    ImGui::TextWrapped("%s", ctx.tr(Str::AlUnitsHelp));
    if (st.history_loading) {
        ImGui::TextUnformatted(ctx.tr(Str::RfLoading));
        return;
    }
    if (!st.history_error.empty()) {
        ImGui::TextUnformatted(ctx.tr(Str::AlHistoryFailed));
        ReportLastItem(ctx, "alert_history.error", st.history_error);
        return;
    }
    if (st.history.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::AlHistoryNone));
        ReportLastItem(ctx, "alert_history.none", ctx.tr(Str::AlHistoryNone));
        return;
    }
    if (!ImGui::BeginTable("##alert_history", 7, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (Str h : {Str::WfmTime, Str::AlColRule, Str::AlColSubject, Str::AlColChange, Str::AlColSeverity, Str::LoginUser,
                  Str::FcSdNote})
        ImGui::TableSetupColumn(ctx.tr(h));
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < st.history.size(); ++i) {
        const AlertHistoryItem& h = st.history[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const std::string when = FormatClock(h.at_ms, LocalOffsetMin(ctx.snapshot, h.at_ms));
        ImGui::TextUnformatted(when.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(h.rule_name.c_str());
        ImGui::TableNextColumn();
        const std::string where = SubjectText(ctx, h.kind, h.key);
        ImGui::TextUnformatted(where.c_str());
        ImGui::TableNextColumn();
        const std::string change = std::string(StateText(ctx, h.from)) + " → " + StateText(ctx, h.to);
        ImGui::TextUnformatted(change.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ctx.tr(h.severity == "critical" ? Str::AlCritical : Str::AlWarning));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(h.user.empty() ? ctx.tr(Str::AlEngine) : h.user.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(h.note.c_str());
        if (ctx.report)
            ctx.report->Add("alert_history.row." + std::to_string(i),
                            when + "|" + h.rule_name + "|" + where + "|" + h.from + ">" + h.to + "|" + h.user, 0, 0, 0, 0);
    }
    ImGui::EndTable();
}

}  // namespace cb
