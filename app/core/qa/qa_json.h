// JSON of QA forms, answers, scores and calibration results (docs/qa.md, "API"). Decoding checks
// every type before reading it and names the place of the first problem, never throws (the web
// build has no exceptions). The server stores and sends these documents; the views decode the
// forms, answers and session totals and compute scores and agreement with the same core code.
#pragma once
#include <string>
#include <string_view>
#include <vector>
#include "core/qa/calibration.h"
#include "core/qa/form.h"

namespace cb::qa {

std::string FormToJson(const Form& form);
// Decodes and validates (ValidateForm); false with *error = "sections[0].weight: ..." etc.
bool FormFromJson(std::string_view json, Form* out, std::string* error);

std::string AnswersToJson(const std::vector<Answer>& answers);
// Decodes the list (shape only; ValidateAnswers checks it against a form).
bool AnswersFromJson(std::string_view json, std::vector<Answer>* out, std::string* error);

std::string ScoreToJson(const EvaluationScore& score);
std::string CalibrationToJson(const CalibrationResult& r);

std::string SessionTotalsToJson(const std::vector<SessionTotals>& sessions);
bool SessionTotalsFromJson(std::string_view json, std::vector<SessionTotals>* out, std::string* error);
std::string AgreementToJson(const TotalsAgreement& a, const std::vector<Drift>& drift);

}  // namespace cb::qa
