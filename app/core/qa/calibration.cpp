#include "core/qa/calibration.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace cb::qa {

namespace {
const Answer* FindAnswer(const std::vector<Answer>& answers, const std::string& id) {
    for (const auto& a : answers)
        if (a.question == id) return &a;
    return nullptr;
}
double Share(const QuestionScore& q) { return q.possible > 0 ? q.earned / q.possible : 0.0; }
}  // namespace

CalibrationResult Calibrate(const Form& form, const std::vector<CalibrationEntry>& entries, size_t reference) {
    CalibrationResult r;
    if (entries.size() < 2) {
        r.error = "entries: a calibration needs at least two evaluations";
        return r;
    }
    if (reference >= entries.size()) {
        r.error = "reference: no such evaluation";
        return r;
    }
    std::set<std::string> names;
    for (size_t i = 0; i < entries.size(); ++i) {
        if (!names.insert(entries[i].evaluator).second) {
            r.error = "entries[" + std::to_string(i) + "]: evaluator \"" + entries[i].evaluator + "\" appears twice";
            return r;
        }
        const std::string bad = ValidateAnswers(form, entries[i].answers);
        if (!bad.empty()) {
            r.error = "entries[" + std::to_string(i) + "]: " + bad;
            return r;
        }
    }
    r.reference = reference;
    for (const auto& s : form.sections)
        for (const auto& q : s.questions) r.question_ids.push_back(q.id);
    for (const auto& e : entries) {
        EvaluatorDeviation d;
        d.evaluator = e.evaluator;
        d.score = ScoreEvaluation(form, e.answers);
        r.evaluators.push_back(std::move(d));
    }
    r.evaluators[reference].reference = true;
    const EvaluationScore& ref = r.evaluators[reference].score;
    const size_t nq = r.question_ids.size();
    for (size_t e = 0; e < entries.size(); ++e) {
        EvaluatorDeviation& d = r.evaluators[e];
        d.total_deviation = d.score.percent - ref.percent;
        double abs_sum = 0;
        for (size_t q = 0; q < nq; ++q) {
            const QuestionScore& mine = d.score.questions[q];
            const QuestionScore& theirs = ref.questions[q];
            const Answer* a = FindAnswer(entries[e].answers, r.question_ids[q]);
            const Answer* b = FindAnswer(entries[reference].answers, r.question_ids[q]);
            const bool differ = (a == nullptr) != (b == nullptr) ||
                                (a && b && (a->choice != b->choice || (a->choice == Choice::Value && a->value != b->value)));
            if (differ) ++d.choices_differing;
            if (mine.na || theirs.na) {
                d.question_deviation.push_back(std::nullopt);
                continue;
            }
            const double dev = 100.0 * (Share(mine) - Share(theirs));
            d.question_deviation.push_back(dev);
            abs_sum += std::fabs(dev);
            ++d.questions_compared;
        }
        d.mean_abs_question = d.questions_compared > 0 ? abs_sum / static_cast<double>(d.questions_compared) : 0.0;
    }
    // Fleiss' kappa over yes/no questions every evaluator answered yes or no.
    std::vector<std::vector<int64_t>> counts;
    std::vector<std::vector<std::optional<double>>> shares;
    std::vector<std::vector<double>> complete;
    size_t qi = 0;
    for (const auto& s : form.sections)
        for (const auto& q : s.questions) {
            std::vector<int64_t> row(2, 0);
            bool all_yes_no = true, all_scored = true;
            std::vector<std::optional<double>> unit;
            std::vector<double> full;
            for (size_t e = 0; e < entries.size(); ++e) {
                const Answer* a = FindAnswer(entries[e].answers, q.id);
                if (!a || (a->choice != Choice::Yes && a->choice != Choice::No)) all_yes_no = false;
                else ++row[a->choice == Choice::Yes ? 0 : 1];
                const QuestionScore& qs = r.evaluators[e].score.questions[qi];
                if (qs.na) {
                    unit.push_back(std::nullopt);
                    all_scored = false;
                } else {
                    unit.push_back(Share(qs));
                    full.push_back(Share(qs));
                }
            }
            if (q.kind == AnswerKind::YesNo && all_yes_no) counts.push_back(row);
            shares.push_back(std::move(unit));
            if (all_scored) complete.push_back(std::move(full));
            ++qi;
        }
    r.yes_no = FleissKappa(counts);
    r.ordinal = KrippendorffAlpha(shares, Level::Ordinal);
    r.questions = Icc(complete);
    return r;
}

TotalsAgreement AgreementOfTotals(const std::vector<SessionTotals>& sessions) {
    TotalsAgreement out;
    if (sessions.empty()) return out;
    std::map<std::string, size_t> seen;
    for (const auto& s : sessions) {
        std::set<std::string> here;
        for (const auto& [name, v] : s.totals) here.insert(name);
        for (const auto& n : here) ++seen[n];
    }
    for (const auto& [name, n] : seen)
        if (n == sessions.size()) out.evaluators.push_back(name);
    std::vector<std::vector<double>> table;
    for (const auto& s : sessions) {
        std::vector<double> row;
        for (const auto& name : out.evaluators)
            for (const auto& [n, v] : s.totals)
                if (n == name) {
                    row.push_back(v);
                    break;
                }
        table.push_back(std::move(row));
        out.sessions.push_back(s.session);
    }
    out.icc = Icc(table);
    return out;
}

std::vector<Drift> EvaluatorDrift(const std::vector<SessionTotals>& sessions) {
    std::map<std::string, Drift> by;
    for (const auto& s : sessions)
        for (const auto& [name, dev] : s.deviations) {
            Drift& d = by[name];
            d.evaluator = name;
            d.points.emplace_back(s.completed_ms, dev);
        }
    std::vector<Drift> out;
    constexpr double kMonthMs = 30.0 * 86400000.0;
    for (auto& [name, d] : by) {
        std::sort(d.points.begin(), d.points.end());
        d.sessions = static_cast<int64_t>(d.points.size());
        double sx = 0, sy = 0, sa = 0;
        for (const auto& [t, v] : d.points) {
            sx += static_cast<double>(t) / kMonthMs;
            sy += v;
            sa += std::fabs(v);
        }
        const double n = static_cast<double>(d.sessions);
        d.mean_deviation = sy / n;
        d.mean_abs_deviation = sa / n;
        const double mx = sx / n;
        double sxx = 0, sxy = 0;
        for (const auto& [t, v] : d.points) {
            const double x = static_cast<double>(t) / kMonthMs - mx;
            sxx += x * x;
            sxy += x * (v - d.mean_deviation);
        }
        const bool two_days = d.points.size() >= 2 && d.points.back().first - d.points.front().first >= 86400000;
        if (two_days && sxx > 0) {
            d.slope_valid = true;
            d.slope_per_30d = sxy / sxx;
        }
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace cb::qa
