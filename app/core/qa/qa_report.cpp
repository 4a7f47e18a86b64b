#include "core/qa/qa_report.h"

#include <algorithm>
#include <map>

namespace cb::qa {

std::string_view QaGroupName(QaGroup g) {
    switch (g) {
        case QaGroup::Agent: return "agent";
        case QaGroup::Team: return "team";
        case QaGroup::Form: return "form";
        case QaGroup::Question: return "question";
    }
    return "agent";
}

bool ParseQaGroup(std::string_view name, QaGroup* out) {
    for (QaGroup g : {QaGroup::Agent, QaGroup::Team, QaGroup::Form, QaGroup::Question})
        if (QaGroupName(g) == name) {
            *out = g;
            return true;
        }
    return false;
}

std::vector<QaReportRow> BuildQaReport(const std::vector<QaRecord>& records, QaGroup group) {
    std::map<std::string, QaReportRow> rows;
    std::map<std::string, std::pair<double, double>> sums;  // question: earned, possible
    for (const QaRecord& r : records) {
        if (group == QaGroup::Question) {
            for (const QuestionScore& q : r.score.questions) {
                QaReportRow& row = rows[q.id];
                row.key = q.id;
                ++row.evaluations;
                if (q.na) continue;
                ++row.scored;
                if (q.failed) ++row.auto_failed;
                sums[q.id].first += q.earned;
                sums[q.id].second += q.possible;
            }
            continue;
        }
        const std::string& key = group == QaGroup::Agent ? r.agent : group == QaGroup::Team ? r.team : r.form;
        QaReportRow& row = rows[key];
        row.key = key;
        ++row.evaluations;
        if (r.score.auto_failed) ++row.auto_failed;
        if (!r.score.scored) continue;
        const double p = r.score.percent;
        if (row.scored == 0) row.min_percent = row.max_percent = p;
        row.min_percent = std::min(row.min_percent, p);
        row.max_percent = std::max(row.max_percent, p);
        ++row.scored;
        sums[key].first += p;
    }
    std::vector<QaReportRow> out;
    for (auto& [key, row] : rows) {
        if (row.scored > 0) {
            const auto& s = sums[key];
            row.percent = group == QaGroup::Question ? (s.second > 0 ? 100.0 * s.first / s.second : 0.0)
                                                     : s.first / static_cast<double>(row.scored);
        }
        out.push_back(row);
    }
    return out;
}

}  // namespace cb::qa
