#include "core/qa/form.h"

#include <cctype>
#include <cmath>
#include <set>
#include <unordered_map>

namespace cb::qa {

std::string_view AnswerKindName(AnswerKind k) { return k == AnswerKind::Scale ? "scale" : "yes_no"; }

bool ParseAnswerKind(std::string_view name, AnswerKind* out) {
    if (name == "yes_no") *out = AnswerKind::YesNo;
    else if (name == "scale") *out = AnswerKind::Scale;
    else return false;
    return true;
}

std::string_view ChoiceName(Choice c) {
    switch (c) {
        case Choice::Yes: return "yes";
        case Choice::No: return "no";
        case Choice::Value: return "value";
        case Choice::NotApplicable: return "na";
    }
    return "yes";
}

bool ParseChoice(std::string_view name, Choice* out) {
    for (Choice c : {Choice::Yes, Choice::No, Choice::Value, Choice::NotApplicable})
        if (ChoiceName(c) == name) {
            *out = c;
            return true;
        }
    return false;
}

namespace {
bool ValidId(const std::string& id) {
    if (id.empty() || id.size() > 40) return false;
    for (char c : id)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
    return true;
}
}  // namespace

std::string ValidateForm(const Form& form) {
    if (form.name.empty()) return "name: must not be empty";
    if (form.name.size() > 120) return "name: at most 120 bytes";
    if (form.description.size() > kMaxTextLength) return "description: at most 500 bytes";
    if (form.sections.empty()) return "sections: a form needs at least one section";
    std::set<std::string> sections, questions;
    for (size_t s = 0; s < form.sections.size(); ++s) {
        const Section& sec = form.sections[s];
        const std::string at = "sections[" + std::to_string(s) + "]";
        if (!ValidId(sec.id)) return at + ".id: 1 to 40 letters, digits, '_' or '-'";
        if (!sections.insert(sec.id).second) return at + ".id: \"" + sec.id + "\" is used twice";
        if (sec.title.empty()) return at + ".title: must not be empty";
        if (sec.title.size() > kMaxTextLength) return at + ".title: at most 500 bytes";
        if (!std::isfinite(sec.weight) || sec.weight <= 0) return at + ".weight: must be greater than 0";
        if (sec.questions.empty()) return at + ".questions: a section needs at least one question";
        for (size_t q = 0; q < sec.questions.size(); ++q) {
            const Question& qu = sec.questions[q];
            const std::string qat = at + ".questions[" + std::to_string(q) + "]";
            if (!ValidId(qu.id)) return qat + ".id: 1 to 40 letters, digits, '_' or '-'";
            if (!questions.insert(qu.id).second) return qat + ".id: \"" + qu.id + "\" is used twice";
            if (qu.text.empty()) return qat + ".text: must not be empty";
            if (qu.text.size() > kMaxTextLength) return qat + ".text: at most 500 bytes";
            if (!std::isfinite(qu.points) || qu.points <= 0) return qat + ".points: must be greater than 0";
            if (qu.kind == AnswerKind::Scale && (qu.scale_max < 1 || qu.scale_max > kMaxScale))
                return qat + ".scale_max: must be 1 to 10";
        }
    }
    return {};
}

const Question* FindQuestion(const Form& form, std::string_view id) {
    for (const auto& s : form.sections)
        for (const auto& q : s.questions)
            if (q.id == id) return &q;
    return nullptr;
}

size_t QuestionCount(const Form& form) {
    size_t n = 0;
    for (const auto& s : form.sections) n += s.questions.size();
    return n;
}

std::string ValidateAnswers(const Form& form, const std::vector<Answer>& answers) {
    std::set<std::string> seen;
    for (size_t i = 0; i < answers.size(); ++i) {
        const Answer& a = answers[i];
        const std::string at = "answers[" + std::to_string(i) + "] (question \"" + a.question + "\")";
        const Question* q = FindQuestion(form, a.question);
        if (!q) return at + ": no such question in this form version";
        if (!seen.insert(a.question).second) return at + ": answered twice";
        if (a.comment.size() > kMaxTextLength) return at + ".comment: at most 500 bytes";
        switch (a.choice) {
            case Choice::NotApplicable:
                if (!q->allow_na) return at + ": N/A is not allowed for this question";
                break;
            case Choice::Yes:
            case Choice::No:
                if (q->kind != AnswerKind::YesNo) return at + ": a scale question takes a value, not yes/no";
                break;
            case Choice::Value:
                if (q->kind != AnswerKind::Scale) return at + ": a yes/no question takes yes or no, not a value";
                if (a.value < 0 || a.value > q->scale_max)
                    return at + ".value: must be 0 to " + std::to_string(q->scale_max);
                break;
        }
    }
    for (const auto& s : form.sections)
        for (const auto& q : s.questions)
            if (!seen.count(q.id)) return "answers: question \"" + q.id + "\" is not answered";
    return {};
}

EvaluationScore ScoreEvaluation(const Form& form, const std::vector<Answer>& answers) {
    std::unordered_map<std::string, const Answer*> by_id;
    for (const auto& a : answers) by_id.emplace(a.question, &a);
    EvaluationScore out;
    double crit_earned = 0, crit_possible = 0;
    for (const auto& sec : form.sections) {
        SectionScore ss;
        ss.id = sec.id;
        ss.weight = sec.weight;
        for (const auto& q : sec.questions) {
            QuestionScore qs;
            qs.id = q.id;
            qs.section = sec.id;
            qs.critical = q.critical;
            auto it = by_id.find(q.id);
            const Answer* a = it == by_id.end() ? nullptr : it->second;
            if (!a || a->choice == Choice::NotApplicable) {
                qs.na = true;
            } else {
                qs.possible = q.points;
                if (a->choice == Choice::Yes) qs.earned = q.points;
                else if (a->choice == Choice::Value && q.scale_max > 0)
                    qs.earned = q.points * static_cast<double>(a->value) / static_cast<double>(q.scale_max);
                const bool failing = a->choice == Choice::No || (a->choice == Choice::Value && a->value == 0);
                qs.failed = q.auto_fail && failing;
            }
            ss.earned += qs.earned;
            ss.possible += qs.possible;
            if (qs.failed) ss.auto_failed = true;
            if (q.critical && !qs.na) {
                out.has_critical = true;
                crit_earned += qs.earned * sec.weight;
                crit_possible += qs.possible * sec.weight;
            }
            out.questions.push_back(std::move(qs));
        }
        ss.scored = ss.possible > 0;
        ss.percent = ss.scored && !ss.auto_failed ? 100.0 * ss.earned / ss.possible : 0.0;
        out.weighted_earned += ss.earned * sec.weight;
        out.weighted_possible += ss.possible * sec.weight;
        if (ss.auto_failed) out.auto_failed = true;
        out.sections.push_back(std::move(ss));
    }
    out.scored = out.weighted_possible > 0;
    out.percent = out.scored && !out.auto_failed ? 100.0 * out.weighted_earned / out.weighted_possible : 0.0;
    out.critical_percent = out.has_critical && !out.auto_failed && crit_possible > 0
                               ? 100.0 * crit_earned / crit_possible : 0.0;
    return out;
}

}  // namespace cb::qa
