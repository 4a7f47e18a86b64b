// Agent scorecards (docs/reports.md, "Scorecards"): every figure of an agent over a range, each
// against the team's median and the agent's own previous periods, outliers marked in both
// directions by a robust rule. Never one number: no composite score, no rank. Pure; the store
// reads each agent's summed counts, the server decides who may see which team.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "core/kpi.h"
#include "core/report/report.h"
#include "core/wfm/wfm_requests.h"

namespace cb {

// One figure of a scorecard: a total or an average of an agent's counts over a period.
struct ScoreFigureDef {
    std::string_view id;              // stable machine name, e.g. "talk_avg_ms", "not_ready_ms.lunch"
    std::string_view unit;            // "count", "ms", "cents" or "percent" (total / count x 100)
    bool average = false;             // total / count (else a total)
    std::string_view formula;         // in count names, e.g. "talk_ms / handled"
    // From the published schedule (adherence, conformance): an agent with nothing scheduled in
    // the period has no value ("no schedule", never 0), and is judged against the team whenever
    // it was scheduled, logged in or not (a scheduled agent who never came is an outlier).
    bool needs_schedule = false;
};
// Every figure, in the order scorecards and comparison tables show them: calls handled, talk,
// hold and wrap-up (total and average), transfers, not-ready time by reason (every reason),
// orders, order value, average order value, complaints, callbacks promised and kept, schedule
// adherence and conformance (wfm_cases.md, from the period's summed minutes: adherence =
// (scheduled - exception) / scheduled x 100, floored at 0; conformance = on queue / scheduled on
// queue x 100, may exceed 100).
const std::vector<ScoreFigureDef>& ScoreFigures();
// Index of a figure id in ScoreFigures(), or -1.
int FindScoreFigure(std::string_view id);

// A figure's value for one agent and period, with its parts.
struct ScoreValue {
    bool valid = false;               // false: an average without a count ("-")
    double value = 0.0;               // the total, or total / count
    int64_t total = 0;
    int64_t count = 0;                // averages: the count divided by; totals: 1
    bool operator==(const ScoreValue&) const = default;
};
ScoreValue ScoreFigureValue(size_t figure, const KpiCounts& counts, const ReportExtras& extras,
                            const wfm::AdherenceFigure& adherence = {});

// Median and spread of a figure over a team's agents (robust statistics).
struct RobustStats {
    size_t n = 0;                     // agents with a valid value
    double median = 0.0;
    double mad = 0.0;                 // median absolute deviation from the median
    double mean_ad = 0.0;             // mean absolute deviation from the median (used when MAD is 0)
    bool operator==(const RobustStats&) const = default;
};
RobustStats RobustOf(std::vector<double> values);

// The outlier rule (Iglewicz and Hoaglin's modified z-score): z = 0.6745 (x - median) / MAD, or
// (x - median) / (1.2533 mean_ad) when MAD is 0; |z| > 3.5 marks the value, above or below the
// team. Needs at least kMinAgentsForOutliers valid values; with every value equal nothing is
// marked. Direction only: whether higher is better is not judged here.
inline constexpr double kOutlierZ = 3.5;
inline constexpr size_t kMinAgentsForOutliers = 4;
enum class Outlier : uint8_t { None, Above, Below };
std::string_view OutlierName(Outlier o);  // "", "above", "below"
bool ParseOutlier(std::string_view name, Outlier* out);
// The modified z-score of x (0 when there is no spread or too few values).
double ModifiedZ(double x, const RobustStats& s);
Outlier OutlierOf(double x, const RobustStats& s);

// One agent's counts over one period, as the store sums them.
struct AgentPeriodCounts {
    std::string agent;
    KpiCounts counts;
    ReportExtras extras;
    wfm::AdherenceFigure adherence;   // against the published schedule over the period (summed minutes)
    // Active in the period: logged in at some time or handled a call. Only active agents count
    // in a team's median (an agent on leave is not a zero).
    bool Active() const { return counts.staffed_ms > 0 || counts.handled > 0 || counts.answered > 0; }
};

// The team comparison table: one row per agent, every figure, with the team's median, spread
// and total, and each value's outlier mark. Sortable by any column (the values carry no rank).
struct TeamComparison {
    ReportGroupInfo team;
    CivilDate from, to;
    std::string zone;
    std::vector<ReportGroupInfo> agents;       // the team's agents (now), in directory order
    std::vector<bool> active;                  // per agent
    std::vector<std::vector<ScoreValue>> values;   // [agent][figure]
    std::vector<std::vector<Outlier>> outliers;    // [agent][figure]
    std::vector<std::vector<double>> z;            // [agent][figure] modified z-score
    std::vector<RobustStats> stats;            // per figure, over the active agents
    std::vector<ScoreValue> team_total;        // per figure, from the team's summed counts
    bool operator==(const TeamComparison&) const = default;
};

// periods: the team's agents' counts over the range (agents missing from it counted as zero).
TeamComparison BuildTeamComparison(const ReportGroupInfo& team, const std::vector<ReportGroupInfo>& agents,
                                   const std::vector<AgentPeriodCounts>& period, const CivilDate& from,
                                   const CivilDate& to, std::string zone);

// The periods before a range that a scorecard's series shows: the same number of days back to
// back, or whole calendar months when the range is whole calendar months. Oldest first.
std::vector<std::pair<CivilDate, CivilDate>> PreviousPeriods(const CivilDate& from, const CivilDate& to, int count);

// One agent's scorecard: each figure's value, the team's median and total, the outlier mark,
// and the series over the previous periods (oldest first, this period last).
struct ScorecardEntry {
    ScoreValue value;
    RobustStats team;                 // the team's active agents this period
    ScoreValue team_total;
    double z = 0.0;
    Outlier outlier = Outlier::None;
    std::vector<ScoreValue> series;   // previous periods, then this one
    bool operator==(const ScorecardEntry&) const = default;
};

// The agent's QA score over the scorecard's range (docs/qa.md, "Scoring"): the mean score of the
// regular evaluations of the agent's calls in the range (an auto-failed one counts 0); calibration
// evaluations never count. available: the server keeps QA evaluations (false: not shown).
struct ScorecardQa {
    bool available = false;
    int64_t evaluations = 0;
    int64_t scored = 0;               // with points possible (not all N/A)
    int64_t auto_failed = 0;
    double percent = 0.0;             // valid when scored > 0
    bool operator==(const ScorecardQa&) const = default;
};

struct Scorecard {
    ReportGroupInfo agent;
    ReportGroupInfo team;
    CivilDate from, to;
    std::string zone;
    bool active = false;
    std::vector<std::pair<CivilDate, CivilDate>> periods;  // the series' periods, oldest first, this one last
    std::vector<ScorecardEntry> figures;                   // parallel to ScoreFigures()
    ScorecardQa qa;
    bool operator==(const Scorecard&) const = default;
};

// history: the agent's counts per previous period (PreviousPeriods order), then this period's.
Scorecard BuildScorecard(const TeamComparison& comparison, size_t agent_index,
                         const std::vector<std::pair<CivilDate, CivilDate>>& previous,
                         const std::vector<AgentPeriodCounts>& history);

}  // namespace cb
