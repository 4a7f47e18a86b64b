// Calibration (docs/qa.md, "Calibration"): several evaluators score the same call blind; one
// evaluation is the reference. The result shows each evaluator's deviation from the reference
// per question and in total, and the agreement of the session: Fleiss' kappa over the yes/no
// questions, Krippendorff's alpha (ordinal, N/A = missing) over every question's earned share,
// ICC(2,1) over the questions every evaluator scored. Across complete sessions, ICC(2,1) of the
// totals and each evaluator's drift. Calibration scores never enter agents' results: the store
// keeps them apart; nothing here writes anywhere.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "core/qa/agreement.h"
#include "core/qa/form.h"

namespace cb::qa {

struct CalibrationEntry {
    std::string evaluator;
    std::vector<Answer> answers;   // passed ValidateAnswers for the session's form
};

struct EvaluatorDeviation {
    std::string evaluator;
    bool reference = false;
    EvaluationScore score;
    // Per question in form order: this evaluator's earned share minus the reference's, in
    // percentage points (100 x (earned/possible - ref earned/ref possible)); nullopt when either
    // answered N/A.
    std::vector<std::optional<double>> question_deviation;
    double total_deviation = 0;    // score.percent - reference percent (points)
    double mean_abs_question = 0;  // mean |question deviation| over questions both scored
    int64_t questions_compared = 0;
    int64_t choices_differing = 0; // questions answered differently from the reference
};

struct CalibrationResult {
    std::string error;             // empty when valid
    size_t reference = 0;
    std::vector<std::string> question_ids;  // form order
    std::vector<EvaluatorDeviation> evaluators;
    FleissResult yes_no;           // subjects = yes/no questions all evaluators answered yes or no
    AlphaResult ordinal;           // units = questions, values = earned share, N/A missing
    IccResult questions;           // targets = questions every evaluator scored, value = earned share
};

// entries.size() >= 2, reference < entries.size(), evaluators distinct.
CalibrationResult Calibrate(const Form& form, const std::vector<CalibrationEntry>& entries, size_t reference);

// The totals of one complete session, evaluator -> percent.
struct SessionTotals {
    int64_t session = 0;
    int64_t completed_ms = 0;
    std::vector<std::pair<std::string, double>> totals;
    std::vector<std::pair<std::string, double>> deviations;  // from the reference, reference excluded
};

// ICC over sessions (targets) x the evaluators who scored every one of them (judges).
struct TotalsAgreement {
    std::vector<std::string> evaluators;
    std::vector<int64_t> sessions;
    IccResult icc;
};
TotalsAgreement AgreementOfTotals(const std::vector<SessionTotals>& sessions);

// An evaluator's deviation from the reference over time: least-squares slope in points per 30
// days (valid with at least two sessions on different days), mean and mean absolute deviation.
struct Drift {
    std::string evaluator;
    int64_t sessions = 0;
    double mean_deviation = 0;
    double mean_abs_deviation = 0;
    bool slope_valid = false;
    double slope_per_30d = 0;
    std::vector<std::pair<int64_t, double>> points;  // (completed_ms, deviation), by time
};
std::vector<Drift> EvaluatorDrift(const std::vector<SessionTotals>& sessions);

}  // namespace cb::qa
