// QA reports (docs/qa.md, "Reports"): evaluations grouped per agent, team, form or question.
// Only regular evaluations go in (the store never hands calibration evaluations to a report).
// QA score of a group = mean of its scored evaluations' percents (an auto-failed evaluation
// counts 0); per question = sum earned / sum possible over the evaluations that scored it (N/A
// left out), with the auto-fail count.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "core/qa/form.h"

namespace cb::qa {

struct QaRecord {
    int64_t id = 0;
    std::string agent, team, form;  // form: its name
    int64_t t_ms = 0;               // the call's time
    EvaluationScore score;
};

enum class QaGroup : uint8_t { Agent, Team, Form, Question };
std::string_view QaGroupName(QaGroup g);  // "agent", "team", "form", "question"
bool ParseQaGroup(std::string_view name, QaGroup* out);

struct QaReportRow {
    std::string key;                // agent key, team key, form name or question id
    int64_t evaluations = 0;        // evaluations in the group (question: answered, N/A included)
    int64_t scored = 0;             // with points possible (question: not N/A)
    double percent = 0;             // see above; valid when scored > 0
    int64_t auto_failed = 0;
    double min_percent = 0, max_percent = 0;  // agent/team/form: of the scored evaluations
    bool operator==(const QaReportRow&) const = default;
};

// Rows sorted by key.
std::vector<QaReportRow> BuildQaReport(const std::vector<QaRecord>& records, QaGroup group);

inline constexpr std::string_view kQaScoreDefinition =
    "qa_score = mean over scored evaluations of sum(earned x weight) / sum(possible x weight); N/A = 0 of 0; "
    "auto-fail = 0; calibration evaluations excluded";

}  // namespace cb::qa
