// The QA page (views.h DrawQa, docs/qa.md "Views"): evaluations with acknowledge and dispute,
// evaluating a call from the call list, calibration sessions (blind scoring; a complete session's
// deviations and agreement with their bands) and the form builder. Scores are computed by the
// core (qa::ScoreEvaluation, qa::Calibrate), as on the server.
#include <cmath>
#include <cstdio>
#include <imgui.h>
#include "core/qa/agreement.h"
#include "format.h"
#include "views.h"

namespace cb {

namespace {

std::string Role(const ViewContext& ctx) {
    if (!ctx.session) return "";
    if (ctx.session->phase() == SessionPhase::Local) return "admin";
    return ctx.session->info().role;
}
bool MayEvaluate(const ViewContext& ctx) {
    const std::string r = Role(ctx);
    return r == "admin" || r == "qa" || r == "lead";
}
bool MayAcknowledge(const ViewContext& ctx) {
    const std::string r = Role(ctx);
    return r == "admin" || r == "manager" || r == "lead";
}
bool MayBuildForms(const ViewContext& ctx) { return Role(ctx) == "admin"; }
// Resolving a dispute with a re-score: an evaluator (qa) or an administrator, never a lead.
bool MayResolve(const ViewContext& ctx) {
    const std::string r = Role(ctx);
    return r == "admin" || r == "qa";
}
bool MayRunCalibration(const ViewContext& ctx) {
    const std::string r = Role(ctx);
    return r == "admin" || r == "qa";
}

// A section heading: a rule, then the title (Dear ImGui 1.86 has no SeparatorText).
void Heading(const char* title) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted(title);
}

void Push(const ViewContext& ctx, QaCommand c, int row = 0) {
    ctx.actions->push_back({UiAction::Kind::QaCommand, QaCommandValue(c, row)});
}

Str BandStr(double v) {
    switch (qa::KooLiBand(v)) {
        case qa::Band::Poor: return Str::QaBandPoor;
        case qa::Band::Moderate: return Str::QaBandModerate;
        case qa::Band::Good: return Str::QaBandGood;
        case qa::Band::Excellent: return Str::QaBandExcellent;
    }
    return Str::QaBandPoor;
}

std::string PercentText(double p) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f%%", p);
    return b;
}

std::string ScoreText(const ViewContext& ctx, bool scored, bool auto_failed, double percent) {
    if (auto_failed) return PercentText(0) + " (" + ctx.tr(Str::QaAutoFailed) + ")";
    if (!scored) return ctx.tr(Str::QaUnscored);
    return PercentText(percent);
}

void Error(const ViewContext& ctx, const QaPageState& s) {
    const ImVec4 bad = ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad));
    if (s.error.status == -1) {
        ImGui::TextColored(bad, "%s", ctx.tr(Str::QaUnreachable));
        ReportLastItem(ctx, "qa.error", ctx.tr(Str::QaUnreachable));
    } else if (!s.error.message.empty()) {
        ImGui::TextColored(bad, "%s", s.error.message.c_str());
        ReportLastItem(ctx, "qa.error", s.error.message);
    }
    if (!s.notice.empty()) {
        char line[160];
        std::snprintf(line, sizeof line, ctx.tr(Str::QaDoneFmt), s.notice.c_str());
        ImGui::TextUnformatted(line);
        ReportLastItem(ctx, "qa.notice", line);
    }
}

// The questions of a form with their answers, edited in place; returns true when every question
// has an answer.
bool DrawAnswers(const ViewContext& ctx, const qa::Form& form, std::vector<QaAnswerDraft>& answers, const char* scope) {
    if (answers.size() != qa::QuestionCount(form)) answers.assign(qa::QuestionCount(form), QaAnswerDraft{});
    size_t i = 0;
    bool complete = true;
    std::vector<qa::Answer> given;
    for (const auto& sec : form.sections) {
        char head[200];
        char weight[48];
        std::snprintf(weight, sizeof weight, ctx.tr(Str::QaWeightFmt), sec.weight);
        std::snprintf(head, sizeof head, "%s  (%s)", sec.title.c_str(), weight);
        Heading(head);
        for (const auto& q : sec.questions) {
            QaAnswerDraft& a = answers[i];
            ImGui::PushID(static_cast<int>(i));
            std::string label = q.text;
            if (q.critical) label += std::string("  [") + ctx.tr(Str::QaCritical) + "]";
            if (q.auto_fail) label += std::string("  [") + ctx.tr(Str::QaAutoFailed) + "]";
            ImGui::TextUnformatted(label.c_str());
            ReportLastItem(ctx, std::string(scope) + ".q." + q.id, label);
            ImGui::Indent();
            if (q.kind == qa::AnswerKind::YesNo) {
                if (ImGui::RadioButton(ctx.tr(Str::QaYes), a.choice == static_cast<int>(qa::Choice::Yes))) a.choice = static_cast<int>(qa::Choice::Yes);
                ReportLastItem(ctx, std::string(scope) + ".q." + q.id + ".yes", ctx.tr(Str::QaYes));
                ImGui::SameLine();
                if (ImGui::RadioButton(ctx.tr(Str::QaNo), a.choice == static_cast<int>(qa::Choice::No))) a.choice = static_cast<int>(qa::Choice::No);
                ReportLastItem(ctx, std::string(scope) + ".q." + q.id + ".no", ctx.tr(Str::QaNo));
            } else {
                int v = a.choice == static_cast<int>(qa::Choice::Value) ? a.value : 0;
                ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
                if (ImGui::SliderInt("##v", &v, 0, q.scale_max)) {
                    a.choice = static_cast<int>(qa::Choice::Value);
                    a.value = v;
                }
                if (ImGui::IsItemClicked()) a.choice = static_cast<int>(qa::Choice::Value);
                ReportLastItem(ctx, std::string(scope) + ".q." + q.id + ".value", std::to_string(v));
            }
            if (q.allow_na) {
                ImGui::SameLine();
                if (ImGui::RadioButton(ctx.tr(Str::QaNa), a.choice == static_cast<int>(qa::Choice::NotApplicable)))
                    a.choice = static_cast<int>(qa::Choice::NotApplicable);
                ReportLastItem(ctx, std::string(scope) + ".q." + q.id + ".na", ctx.tr(Str::QaNa));
            }
            ImGui::SameLine();
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
            ImGui::InputTextWithHint("##c", ctx.tr(Str::QaComment), a.comment, sizeof a.comment);
            ImGui::Unindent();
            ImGui::PopID();
            if (a.choice < 0) complete = false;
            else given.push_back({q.id, static_cast<qa::Choice>(a.choice), a.value, a.comment});
            ++i;
        }
    }
    // The score these answers give, by the core's rule (unanswered questions count as N/A).
    const qa::EvaluationScore sc = qa::ScoreEvaluation(form, given);
    char line[160];
    std::snprintf(line, sizeof line, ctx.tr(Str::QaScoreSoFarFmt), ScoreText(ctx, sc.scored, sc.auto_failed, sc.percent).c_str());
    ImGui::Spacing();
    ImGui::TextUnformatted(line);
    ReportLastItem(ctx, std::string(scope) + ".score", line);
    return complete;
}

// Resolving a dispute: the evaluation's answers (its own form version) to change or keep, a note.
void DrawRescore(const ViewContext& ctx, QaPageState& s) {
    char title[320];
    std::snprintf(title, sizeof title, ctx.tr(Str::QaRescoreTitleFmt), static_cast<long long>(s.rescore_id), s.rescore_reason.c_str());
    Heading(title);
    ReportLastItem(ctx, "qa.rescore.title", title);
    ImGui::TextDisabled("%s", ctx.tr(Str::QaRescoreHelp));
    const bool complete = DrawAnswers(ctx, s.rescore_form, s.answers, "qa.rescore");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
    ImGui::InputText(ctx.tr(Str::QaResolveNote), s.rescore_note, sizeof s.rescore_note);
    ReportLastItem(ctx, "qa.rescore.note", s.rescore_note);
    ImGui::BeginDisabled(s.loading || !complete);
    if (ImGui::Button(ctx.tr(Str::QaResolve))) Push(ctx, QaCommand::Resolve);
    ImGui::EndDisabled();
    ReportLastItem(ctx, "qa.rescore.resolve", ctx.tr(Str::QaResolve));
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr(Str::QaCancel))) Push(ctx, QaCommand::CancelRescore);
    ReportLastItem(ctx, "qa.rescore.cancel", ctx.tr(Str::QaCancel));
}

void DrawEvaluations(const ViewContext& ctx, QaPageState& s) {
    if (s.rescore_id > 0) {
        DrawRescore(ctx, s);
        return;
    }
    if (s.evaluations.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::QaNone));
        ReportLastItem(ctx, "qa.evaluations.none", ctx.tr(Str::QaNone));
        return;
    }
    const bool ack = MayAcknowledge(ctx);
    const bool resolve = MayResolve(ctx);
    if (ack) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
        ImGui::InputTextWithHint("##reason", ctx.tr(Str::QaDisputeReason), s.dispute_reason, sizeof s.dispute_reason);
        ReportLastItem(ctx, "qa.dispute_reason", s.dispute_reason);
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("qa.evaluations", ack || resolve ? 8 : 7, flags)) return;
    ImGui::TableSetupColumn(ctx.tr(Str::QaCallTime));
    ImGui::TableSetupColumn(ctx.tr(Str::WfmAgent));
    ImGui::TableSetupColumn(ctx.tr(Str::WfmTeam));
    ImGui::TableSetupColumn(ctx.tr(Str::QaForm));
    ImGui::TableSetupColumn(ctx.tr(Str::QaEvaluator));
    ImGui::TableSetupColumn(ctx.tr(Str::QaScore));
    ImGui::TableSetupColumn(ctx.tr(Str::WfmStatus));
    if (ack || resolve) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < s.evaluations.size(); ++i) {
        const QaEvaluationRow& e = s.evaluations[i];
        const std::string id = "qa.evaluation." + std::to_string(i);
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatDateTime(e.call_ms, ctx.snapshot.tz_offset_min).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(e.agent.c_str());
        ReportLastItem(ctx, id + ".agent", e.agent);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(e.team.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%s v%d", e.form_name.c_str(), e.version);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(e.evaluator.c_str());
        ImGui::TableNextColumn();
        const std::string score = ScoreText(ctx, e.scored, e.auto_failed, e.percent);
        ImGui::TextUnformatted(score.c_str());
        ReportLastItem(ctx, id + ".score", score);
        ImGui::TableNextColumn();
        std::string status = ctx.tr(e.status == "disputed" ? Str::QaStatusDisputed : e.status == "resolved" ? Str::QaStatusResolved : Str::QaStatusSubmitted);
        if (!e.lead_ack_by.empty()) status += std::string(" · ") + ctx.tr(Str::QaAcked) + " (" + e.lead_ack_by + ")";
        if (!e.agent_ack_by.empty()) status += std::string(" · ") + ctx.tr(Str::QaAckAgent);
        ImGui::TextUnformatted(status.c_str());
        ReportLastItem(ctx, id + ".status", status);
        if (ack || resolve) ImGui::TableNextColumn();
        if (resolve && e.status == "disputed") {
            ImGui::BeginDisabled(s.loading);
            if (ImGui::SmallButton(ctx.tr(Str::QaRescore))) Push(ctx, QaCommand::Rescore, static_cast<int>(i));
            ImGui::EndDisabled();
            ReportLastItem(ctx, id + ".rescore", ctx.tr(Str::QaRescore));
            if (ack) ImGui::SameLine();
        }
        if (ack) {
            ImGui::BeginDisabled(s.loading);
            if (e.lead_ack_by.empty()) {
                if (ImGui::SmallButton(ctx.tr(Str::QaAckLead))) Push(ctx, QaCommand::AckLead, static_cast<int>(i));
                ReportLastItem(ctx, id + ".ack_lead", ctx.tr(Str::QaAckLead));
                ImGui::SameLine();
            }
            if (e.agent_ack_by.empty()) {
                if (ImGui::SmallButton(ctx.tr(Str::QaAckAgent))) Push(ctx, QaCommand::AckAgent, static_cast<int>(i));
                ReportLastItem(ctx, id + ".ack_agent", ctx.tr(Str::QaAckAgent));
                ImGui::SameLine();
            }
            if (e.status != "disputed") {
                if (ImGui::SmallButton(ctx.tr(Str::QaDispute))) Push(ctx, QaCommand::Dispute, static_cast<int>(i));
                ReportLastItem(ctx, id + ".dispute", ctx.tr(Str::QaDispute));
            }
            ImGui::EndDisabled();
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void DrawEvaluate(const ViewContext& ctx, QaPageState& s) {
    if (s.forms.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::QaNoForms));
        ReportLastItem(ctx, "qa.no_forms", ctx.tr(Str::QaNoForms));
        return;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
    const std::string current = s.form >= 0 ? s.forms[static_cast<size_t>(s.form)].name + " v" + std::to_string(s.form_version) : "";
    if (ImGui::BeginCombo(ctx.tr(Str::QaPickForm), current.c_str())) {
        for (size_t i = 0; i < s.forms.size(); ++i)
            if (ImGui::Selectable(s.forms[i].name.c_str(), static_cast<int>(i) == s.form)) Push(ctx, QaCommand::SelectForm, static_cast<int>(i));
        ImGui::EndCombo();
    }
    ReportLastItem(ctx, "qa.form", current);
    const float list_h = ImGui::GetTextLineHeightWithSpacing() * 9;
    ImGui::TextUnformatted(ctx.tr(Str::QaCalls));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (ImGui::BeginTable("qa.calls", 5, flags, ImVec2(0, list_h))) {
        ImGui::TableSetupColumn(ctx.tr(Str::QaCallTime));
        ImGui::TableSetupColumn(ctx.tr(Str::LsQueue));
        ImGui::TableSetupColumn(ctx.tr(Str::WfmAgent));
        ImGui::TableSetupColumn(ctx.tr(Str::QaTalk));
        ImGui::TableSetupColumn(ctx.tr(Str::QaOutcome));
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < s.calls.size(); ++i) {
            const QaCallRow& c = s.calls[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string when = FormatDateTime(c.t_ms, ctx.snapshot.tz_offset_min);
            if (ImGui::Selectable((when + "##call" + std::to_string(i)).c_str(), static_cast<int>(i) == s.call, ImGuiSelectableFlags_SpanAllColumns))
                Push(ctx, QaCommand::SelectCall, static_cast<int>(i));
            ReportLastItem(ctx, "qa.call." + std::to_string(i), c.agent + " " + when);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.queue.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.agent.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.talk_ms >= 0 ? FormatDuration(c.talk_ms, ctx.tr, DurationStyle::Timer).c_str() : "-");
            ImGui::TableNextColumn();
            // The call's outcome category (GET /api/calls): those an agent answered and ended.
            const std::string outcome = c.outcome == "answered"      ? ctx.tr(Str::QaOutcomeAnswered)
                                        : c.outcome == "transferred" ? ctx.tr(Str::QaOutcomeTransferred)
                                                                     : c.outcome;
            ImGui::TextUnformatted(outcome.c_str());
            ReportLastItem(ctx, "qa.call." + std::to_string(i) + ".outcome", outcome);
        }
        ImGui::EndTable();
    }
    if (s.call < 0 || s.form < 0) {
        ImGui::TextDisabled("%s", ctx.tr(Str::QaPickCall));
        return;
    }
    const bool complete = DrawAnswers(ctx, s.form_doc, s.answers, "qa.evaluate");
    ImGui::BeginDisabled(s.loading || !complete);
    if (ImGui::Button(ctx.tr(Str::QaSubmit))) Push(ctx, QaCommand::SubmitEvaluation);
    ImGui::EndDisabled();
    ReportLastItem(ctx, "qa.submit", ctx.tr(Str::QaSubmit));
}

void DrawCoefficient(const ViewContext& ctx, const char* id, Str label, bool valid, double value) {
    ImGui::TextUnformatted(ctx.tr(label));
    ImGui::SameLine(ImGui::GetFontSize() * 22);
    char line[96];
    if (std::fabs(value) < 0.0005) value = 0;  // no "-0.000"
    if (valid) std::snprintf(line, sizeof line, "%.3f  %s", value, ctx.tr(BandStr(value)));
    else std::snprintf(line, sizeof line, "%s", ctx.tr(Str::QaNoValue));
    ImGui::TextUnformatted(line);
    ReportLastItem(ctx, id, line);
}

void DrawNewSession(const ViewContext& ctx, QaPageState& s);

// Across complete sessions: ICC(2,1) of the totals with its band, and each evaluator's drift
// from the reference (GET /api/qa/agreement).
void DrawAcross(const ViewContext& ctx, const QaPageState& s) {
    Heading(ctx.tr(Str::QaAcross));
    DrawCoefficient(ctx, "qa.icc_totals", Str::QaIccTotals, s.across_icc_valid, s.across_icc2_1);
    if (s.drift.empty()) return;
    ImGui::Spacing();
    ImGui::TextUnformatted(ctx.tr(Str::QaDrift));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", ctx.tr(Str::QaDriftHelp));
    ImGui::PopTextWrapPos();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("qa.drift", 5, flags)) return;
    ImGui::TableSetupColumn(ctx.tr(Str::QaEvaluator));
    ImGui::TableSetupColumn(ctx.tr(Str::QaSessions));
    ImGui::TableSetupColumn(ctx.tr(Str::QaMeanDeviation));
    ImGui::TableSetupColumn(ctx.tr(Str::QaMeanAbsDeviation));
    ImGui::TableSetupColumn(ctx.tr(Str::QaTrend));
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < s.drift.size(); ++i) {
        const QaDriftRow& d = s.drift[i];
        const std::string id = "qa.drift." + std::to_string(i);
        char b[64];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(d.evaluator.c_str());
        ReportLastItem(ctx, id + ".evaluator", d.evaluator);
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(d.sessions));
        ImGui::TableNextColumn();
        std::snprintf(b, sizeof b, ctx.tr(Str::QaPointsFmt), d.mean_deviation);
        ImGui::TextUnformatted(b);
        ReportLastItem(ctx, id + ".mean", b);
        ImGui::TableNextColumn();
        std::snprintf(b, sizeof b, "%.1f", d.mean_abs_deviation);
        ImGui::TextUnformatted(b);
        ImGui::TableNextColumn();
        if (d.slope_valid) std::snprintf(b, sizeof b, ctx.tr(Str::QaPointsFmt), d.slope_per_30d);
        else std::snprintf(b, sizeof b, "%s", ctx.tr(Str::QaTrendNone));
        ImGui::TextUnformatted(b);
        ReportLastItem(ctx, id + ".trend", b);
    }
    ImGui::EndTable();
}

void DrawCalibration(const ViewContext& ctx, QaPageState& s) {
    if (s.sessions.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::QaNone));
        ReportLastItem(ctx, "qa.sessions.none", ctx.tr(Str::QaNone));
        DrawAcross(ctx, s);
        if (MayRunCalibration(ctx)) DrawNewSession(ctx, s);
        return;
    }
    ImGui::TextUnformatted(ctx.tr(Str::QaSessions));
    for (size_t i = 0; i < s.sessions.size(); ++i) {
        const QaSessionRow& r = s.sessions[i];
        char line[256];
        std::snprintf(line, sizeof line, ctx.tr(Str::QaSessionFmt), static_cast<long long>(r.id), r.form_name.c_str(), r.agent.c_str());
        char count[64];
        std::snprintf(count, sizeof count, ctx.tr(Str::QaSubmittedFmt), static_cast<int>(r.submitted.size()), static_cast<int>(r.evaluators.size()));
        const Str st = r.status == "complete" ? Str::QaComplete : r.status == "expired" ? Str::QaExpired : Str::QaOpen;
        const std::string text = std::string(line) + "  ·  " + count + "  ·  " + ctx.tr(st) + "  ·  " + ctx.tr(Str::QaDue) + " " +
                                 FormatDateTime(r.due_ms, ctx.snapshot.tz_offset_min);
        // Clicking the selected session again closes it (back to the new-session form).
        if (ImGui::Selectable((text + "##s" + std::to_string(i)).c_str(), static_cast<int>(i) == s.session))
            Push(ctx, QaCommand::SelectSession, static_cast<int>(i) == s.session ? static_cast<int>(s.sessions.size()) : static_cast<int>(i));
        ReportLastItem(ctx, "qa.session." + std::to_string(i), text);
    }
    if (s.session < 0 || s.session >= static_cast<int>(s.sessions.size())) {
        DrawAcross(ctx, s);
        if (MayRunCalibration(ctx)) DrawNewSession(ctx, s);
        return;
    }
    const QaSessionRow& ses = s.sessions[static_cast<size_t>(s.session)];
    ImGui::Separator();
    if (!s.session_complete) {
        ImGui::TextDisabled("%s", ctx.tr(Str::QaBlind));
        ReportLastItem(ctx, "qa.blind", ctx.tr(Str::QaBlind));
        bool mine = false;
        for (const auto& e : ses.evaluators) mine = mine || e == s.user;
        if (!mine || ses.status != "open" || s.session_form.sections.empty()) return;
        const bool complete = DrawAnswers(ctx, s.session_form, s.answers, "qa.calibrate");
        ImGui::BeginDisabled(s.loading || !complete);
        if (ImGui::Button(ctx.tr(Str::QaSubmitCalibration))) Push(ctx, QaCommand::SubmitCalibration);
        ImGui::EndDisabled();
        ReportLastItem(ctx, "qa.submit_calibration", ctx.tr(Str::QaSubmitCalibration));
        return;
    }
    const qa::CalibrationResult& r = s.session_result;
    if (!r.error.empty()) {
        ImGui::TextUnformatted(r.error.c_str());
        return;
    }
    // Each evaluator against the reference: total, mean per question, answers differing, and the
    // deviation per question (percentage points of the question's points).
    const int cols = 5 + static_cast<int>(r.question_ids.size());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollX;
    // As tall as its rows (a scrolling table would take the whole page and hide the agreement).
    const float rows_h = ImGui::GetFrameHeightWithSpacing() * static_cast<float>(r.evaluators.size() + 1) +
                         ImGui::GetStyle().ScrollbarSize + ImGui::GetStyle().CellPadding.y * 2;
    if (ImGui::BeginTable("qa.calibration", cols, flags, ImVec2(0, rows_h))) {
        ImGui::TableSetupColumn(ctx.tr(Str::QaEvaluator));
        ImGui::TableSetupColumn(ctx.tr(Str::QaScore));
        ImGui::TableSetupColumn(ctx.tr(Str::QaTotalDeviation));
        ImGui::TableSetupColumn(ctx.tr(Str::QaMeanAbsQuestion));
        ImGui::TableSetupColumn(ctx.tr(Str::QaDiffering));
        for (const auto& q : r.question_ids) ImGui::TableSetupColumn(q.c_str());
        ImGui::TableHeadersRow();
        for (size_t e = 0; e < r.evaluators.size(); ++e) {
            const qa::EvaluatorDeviation& d = r.evaluators[e];
            const std::string id = "qa.result." + std::to_string(e);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            std::string who = d.evaluator;
            if (d.reference) who += std::string(" (") + ctx.tr(Str::QaReference) + ")";
            ImGui::TextUnformatted(who.c_str());
            ReportLastItem(ctx, id + ".evaluator", who);
            ImGui::TableNextColumn();
            const std::string score = ScoreText(ctx, d.score.scored, d.score.auto_failed, d.score.percent);
            ImGui::TextUnformatted(score.c_str());
            char b[64];
            ImGui::TableNextColumn();
            std::snprintf(b, sizeof b, ctx.tr(Str::QaPointsFmt), d.total_deviation);
            ImGui::TextUnformatted(b);
            ReportLastItem(ctx, id + ".deviation", b);
            ImGui::TableNextColumn();
            std::snprintf(b, sizeof b, "%.1f", d.mean_abs_question);
            ImGui::TextUnformatted(b);
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(d.choices_differing));
            for (const auto& qd : d.question_deviation) {
                ImGui::TableNextColumn();
                if (qd) {
                    std::snprintf(b, sizeof b, "%+.0f", *qd);
                    ImGui::TextUnformatted(b);
                } else {
                    ImGui::TextDisabled("%s", ctx.tr(Str::QaNa));
                }
            }
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    Heading(ctx.tr(Str::QaAgreement));
    DrawCoefficient(ctx, "qa.fleiss", Str::QaFleiss, r.yes_no.valid, r.yes_no.kappa);
    DrawCoefficient(ctx, "qa.alpha", Str::QaAlpha, r.ordinal.valid, r.ordinal.alpha);
    DrawCoefficient(ctx, "qa.icc", Str::QaIcc, r.questions.valid, r.questions.icc2_1);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", ctx.tr(Str::QaBands));
    ImGui::PopTextWrapPos();
}

// A new calibration session (admin, qa): a form, a call from the list, the evaluators (the
// reference first) and the hours until it is due.
void DrawNewSession(const ViewContext& ctx, QaPageState& s) {
    Heading(ctx.tr(Str::QaNewSession));
    ReportLastItem(ctx, "qa.new_session", ctx.tr(Str::QaNewSession));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", ctx.tr(Str::QaSessionHelp));
    ImGui::PopTextWrapPos();
    if (s.forms.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::QaNoForms));
        return;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
    const std::string current = s.form >= 0 ? s.forms[static_cast<size_t>(s.form)].name + " v" + std::to_string(s.form_version) : "";
    if (ImGui::BeginCombo(ctx.tr(Str::QaPickForm), current.c_str())) {
        for (size_t i = 0; i < s.forms.size(); ++i)
            if (ImGui::Selectable(s.forms[i].name.c_str(), static_cast<int>(i) == s.form)) Push(ctx, QaCommand::SelectForm, static_cast<int>(i));
        ImGui::EndCombo();
    }
    ReportLastItem(ctx, "qa.session_form", current);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (ImGui::BeginTable("qa.session_calls", 4, flags, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 6))) {
        ImGui::TableSetupColumn(ctx.tr(Str::QaCallTime));
        ImGui::TableSetupColumn(ctx.tr(Str::LsQueue));
        ImGui::TableSetupColumn(ctx.tr(Str::WfmAgent));
        ImGui::TableSetupColumn(ctx.tr(Str::QaTalk));
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < s.calls.size(); ++i) {
            const QaCallRow& c = s.calls[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string when = FormatDateTime(c.t_ms, ctx.snapshot.tz_offset_min);
            if (ImGui::Selectable((when + "##scall" + std::to_string(i)).c_str(), static_cast<int>(i) == s.session_call,
                                  ImGuiSelectableFlags_SpanAllColumns))
                Push(ctx, QaCommand::SelectSessionCall, static_cast<int>(i));
            ReportLastItem(ctx, "qa.session_call." + std::to_string(i), c.agent + " " + when);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.queue.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.agent.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.talk_ms >= 0 ? FormatDuration(c.talk_ms, ctx.tr, DurationStyle::Timer).c_str() : "-");
        }
        ImGui::EndTable();
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
    ImGui::InputText(ctx.tr(Str::QaEvaluators), s.session_evaluators, sizeof s.session_evaluators);
    ReportLastItem(ctx, "qa.session_evaluators", s.session_evaluators);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::InputInt(ctx.tr(Str::QaDueHours), &s.session_due_hours);
    if (s.session_due_hours < 1) s.session_due_hours = 1;
    if (s.session_due_hours > 24 * 30) s.session_due_hours = 24 * 30;
    ReportLastItem(ctx, "qa.session_due", std::to_string(s.session_due_hours));
    ImGui::BeginDisabled(s.loading || s.session_call < 0 || s.form < 0);
    if (ImGui::Button(ctx.tr(Str::QaCreateSession))) Push(ctx, QaCommand::NewSession);
    ImGui::EndDisabled();
    ReportLastItem(ctx, "qa.create_session", ctx.tr(Str::QaCreateSession));
}

void DrawReports(const ViewContext& ctx, QaPageState& s) {
    const Str groups[] = {Str::QaPerAgent, Str::RepPerTeam, Str::QaPerForm, Str::QaPerQuestion};
    ImGui::TextUnformatted(ctx.tr(Str::RepGroup));
    for (int g = 0; g < 4; ++g) {
        ImGui::SameLine();
        if (ImGui::RadioButton(ctx.tr(groups[g]), s.report_group == g)) Push(ctx, QaCommand::ReportGroup, g);
        ReportLastItem(ctx, "qa.report.group." + std::to_string(g), ctx.tr(groups[g]));
    }
    struct PeriodDef { int days; Str label; };
    const PeriodDef periods[] = {{7, Str::QaLast7}, {30, Str::QaLast30}, {0, Str::QaAllTime}};
    ImGui::TextUnformatted(ctx.tr(Str::RepPeriod));
    for (const PeriodDef& p : periods) {
        ImGui::SameLine();
        if (ImGui::RadioButton(ctx.tr(p.label), s.report_days == p.days)) Push(ctx, QaCommand::ReportPeriod, p.days);
        ReportLastItem(ctx, "qa.report.period." + std::to_string(p.days), ctx.tr(p.label));
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", ctx.tr(Str::QaPeriodHelp));
    ImGui::TextDisabled("%s", ctx.tr(s.report_group == 3 ? Str::QaQuestionDefinition : Str::QaCardDefinition));
    ImGui::TextDisabled("%s", ctx.tr(Str::QaReportScope));
    ImGui::PopTextWrapPos();
    if (s.report_rows.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::QaNone));
        ReportLastItem(ctx, "qa.report.none", ctx.tr(Str::QaNone));
        return;
    }
    const bool question = s.report_group == 3;
    const Str key[] = {Str::WfmAgent, Str::WfmTeam, Str::QaForm, Str::QaQuestion};
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("qa.report", question ? 5 : 7, flags)) return;
    ImGui::TableSetupColumn(ctx.tr(key[s.report_group]));
    ImGui::TableSetupColumn(ctx.tr(Str::QaTabEvaluations));
    ImGui::TableSetupColumn(ctx.tr(Str::QaScored));
    ImGui::TableSetupColumn(ctx.tr(Str::QaScore));
    ImGui::TableSetupColumn(ctx.tr(Str::QaAutoFailed));
    if (!question) {
        ImGui::TableSetupColumn(ctx.tr(Str::QaLowest));
        ImGui::TableSetupColumn(ctx.tr(Str::QaHighest));
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < s.report_rows.size(); ++i) {
        const QaReportRowUi& r = s.report_rows[i];
        const std::string id = "qa.report." + std::to_string(i);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.key.c_str());
        ReportLastItem(ctx, id + ".key", r.key);
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(r.evaluations));
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(r.scored));
        ImGui::TableNextColumn();
        const std::string pct = r.scored > 0 ? PercentText(r.percent) : std::string("-");
        ImGui::TextUnformatted(pct.c_str());
        ReportLastItem(ctx, id + ".percent", pct);
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(r.auto_failed));
        if (!question) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.scored > 0 ? PercentText(r.min_percent).c_str() : "-");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.scored > 0 ? PercentText(r.max_percent).c_str() : "-");
        }
    }
    ImGui::EndTable();
}

void DrawForms(const ViewContext& ctx, QaPageState& s) {
    const bool build = MayBuildForms(ctx);
    for (size_t i = 0; i < s.forms.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const std::string line = s.forms[i].name + "  v" + std::to_string(s.forms[i].version);
        ImGui::TextUnformatted(line.c_str());
        ReportLastItem(ctx, "qa.forms." + std::to_string(i), line);
        if (build) {
            ImGui::SameLine();
            if (ImGui::SmallButton(ctx.tr(Str::QaEdit))) Push(ctx, QaCommand::SelectForm, static_cast<int>(i));
            ReportLastItem(ctx, "qa.forms." + std::to_string(i) + ".edit", ctx.tr(Str::QaEdit));
        }
        ImGui::PopID();
    }
    if (!build) return;
    if (ImGui::Button(ctx.tr(Str::QaNewForm))) Push(ctx, QaCommand::NewForm);
    ReportLastItem(ctx, "qa.new_form", ctx.tr(Str::QaNewForm));
    if (s.draft.empty()) return;
    ImGui::Separator();
    ImGui::TextDisabled("%s", ctx.tr(Str::QaFormsHelp));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
    ImGui::InputText(ctx.tr(Str::QaFormName), s.draft_name, sizeof s.draft_name);
    ReportLastItem(ctx, "qa.draft.name", s.draft_name);
    const char* kinds[] = {ctx.tr(Str::QaKindYesNo), ctx.tr(Str::QaKindScale)};
    for (size_t si = 0; si < s.draft.size(); ++si) {
        QaSectionDraft& sec = s.draft[si];
        ImGui::PushID(static_cast<int>(si));
        Heading(sec.id.c_str());
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
        ImGui::InputText(ctx.tr(Str::QaSectionTitle), sec.title, sizeof sec.title);
        ReportLastItem(ctx, "qa.draft.s" + std::to_string(si) + ".title", sec.title);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
        ImGui::InputFloat(ctx.tr(Str::QaWeight), &sec.weight, 0, 0, "%g");
        for (size_t qi = 0; qi < sec.questions.size(); ++qi) {
            QaQuestionDraft& q = sec.questions[qi];
            ImGui::PushID(static_cast<int>(qi));
            const std::string qid = "qa.draft.s" + std::to_string(si) + ".q" + std::to_string(qi);
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
            ImGui::InputTextWithHint("##text", ctx.tr(Str::QaQuestion), q.text, sizeof q.text);
            ReportLastItem(ctx, qid + ".text", q.text);
            ImGui::SameLine();
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
            ImGui::Combo("##kind", &q.kind, kinds, 2);
            ImGui::SameLine();
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.5f);
            ImGui::InputFloat(ctx.tr(Str::QaPoints), &q.points, 0, 0, "%g");
            if (q.kind == static_cast<int>(qa::AnswerKind::Scale)) {
                ImGui::SameLine();
                ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
                ImGui::SliderInt(ctx.tr(Str::QaScaleMax), &q.scale_max, 1, qa::kMaxScale);
            }
            ImGui::SameLine();
            ImGui::Checkbox(ctx.tr(Str::QaAllowNa), &q.allow_na);
            ImGui::SameLine();
            ImGui::Checkbox(ctx.tr(Str::QaCriticalBox), &q.critical);
            ImGui::SameLine();
            ImGui::Checkbox(ctx.tr(Str::QaAutoFail), &q.auto_fail);
            ImGui::SameLine();
            if (ImGui::SmallButton(ctx.tr(Str::QaRemove))) Push(ctx, QaCommand::RemoveQuestion, static_cast<int>((si << 8) | qi));
            ImGui::PopID();
        }
        if (ImGui::SmallButton(ctx.tr(Str::QaAddQuestion))) Push(ctx, QaCommand::AddQuestion, static_cast<int>(si));
        ReportLastItem(ctx, "qa.draft.s" + std::to_string(si) + ".add_question", ctx.tr(Str::QaAddQuestion));
        ImGui::PopID();
    }
    if (ImGui::Button(ctx.tr(Str::QaAddSection))) Push(ctx, QaCommand::AddSection);
    ReportLastItem(ctx, "qa.draft.add_section", ctx.tr(Str::QaAddSection));
    ImGui::SameLine();
    ImGui::BeginDisabled(s.loading);
    if (ImGui::Button(ctx.tr(Str::QaSaveForm))) Push(ctx, QaCommand::SaveForm);
    ImGui::EndDisabled();
    ReportLastItem(ctx, "qa.draft.save", ctx.tr(Str::QaSaveForm));
}

}  // namespace

bool MayQa(const ViewContext& ctx) {
    if (!ctx.qa || !ctx.session) return false;
    const SessionPhase phase = ctx.session->phase();
    if (phase == SessionPhase::Local) return true;
    if (phase != SessionPhase::SignedIn) return false;
    const std::string& role = ctx.session->info().role;
    return role == "admin" || role == "manager" || role == "lead" || role == "qa";
}

void DrawQa(const ViewContext& ctx, const Fonts& fonts) {
    QaPageState& s = *ctx.qa;
    ImGui::PushFont(fonts.large);
    ImGui::TextUnformatted(ctx.tr(Str::QaTitle));
    ImGui::PopFont();
    ReportLastItem(ctx, "qa.title", ctx.tr(Str::QaTitle));
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(ctx.tr(Str::SettingsClose)).x -
                    ImGui::CalcTextSize(ctx.tr(Str::RfRefresh)).x - ImGui::GetStyle().FramePadding.x * 4 - ImGui::GetStyle().ItemSpacing.x);
    ImGui::BeginDisabled(s.loading);
    if (ImGui::Button(ctx.tr(Str::RfRefresh))) Push(ctx, QaCommand::Refresh);
    ImGui::EndDisabled();
    ReportLastItem(ctx, "qa.refresh", ctx.tr(Str::RfRefresh));
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr(Str::SettingsClose))) ctx.actions->push_back({UiAction::Kind::OpenQa, 0});
    ReportLastItem(ctx, "qa.close", ctx.tr(Str::SettingsClose));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", ctx.tr(Str::QaHelp));
    ImGui::PopTextWrapPos();

    struct TabDef { QaTab tab; QaCommand cmd; Str label; const char* id; bool shown; };
    const TabDef tabs[] = {{QaTab::Evaluations, QaCommand::TabEvaluations, Str::QaTabEvaluations, "qa.tab.evaluations", true},
                           {QaTab::Evaluate, QaCommand::TabEvaluate, Str::QaTabEvaluate, "qa.tab.evaluate", MayEvaluate(ctx)},
                           {QaTab::Calibration, QaCommand::TabCalibration, Str::QaTabCalibration, "qa.tab.calibration", true},
                           {QaTab::Forms, QaCommand::TabForms, Str::QaTabForms, "qa.tab.forms", true},
                           {QaTab::Reports, QaCommand::TabReports, Str::QaTabReports, "qa.tab.reports", true}};
    bool first = true;
    for (const TabDef& t : tabs) {
        if (!t.shown) continue;
        if (!first) ImGui::SameLine();
        first = false;
        const bool on = s.tab == t.tab;
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button(ctx.tr(t.label))) Push(ctx, t.cmd);
        if (on) ImGui::PopStyleColor();
        ReportLastItem(ctx, t.id, ctx.tr(t.label));
    }
    // On the tabs' line, so that nothing below moves while a request is out.
    if (s.loading) {
        ImGui::SameLine(0, 24);
        ImGui::TextDisabled("%s", ctx.tr(Str::QaLoading));
    }
    ImGui::Spacing();
    Error(ctx, s);
    ImGui::BeginChild("qa.body");
    switch (s.tab) {
    case QaTab::Evaluations: DrawEvaluations(ctx, s); break;
    case QaTab::Evaluate: DrawEvaluate(ctx, s); break;
    case QaTab::Calibration: DrawCalibration(ctx, s); break;
    case QaTab::Forms: DrawForms(ctx, s); break;
    case QaTab::Reports: DrawReports(ctx, s); break;
    }
    ImGui::EndChild();
}

}  // namespace cb
