// Scorecards (scorecard.h): figures of an agent's counts, robust team statistics, the outlier
// rule, previous periods, the team comparison table and one agent's card.
#include "core/report/scorecard.h"

#include <algorithm>
#include <cmath>

namespace cb {
namespace {

constexpr double kMadScale = 0.6745;      // Iglewicz and Hoaglin: z = 0.6745 (x - median) / MAD
constexpr double kMeanAdScale = 1.253314; // when MAD is 0: z = (x - median) / (1.253314 mean_ad)

// Which counts a figure reads.
enum class Source : uint8_t {
    Handled, Talk, TalkAvg, Hold, HoldAvg, Wrap, WrapAvg, Transfers, NotReady, Orders, OrderValue,
    OrderValueAvg, Complaints, CallbacksPromised, CallbacksKept, Adherence, Conformance
};

struct FigureSource {
    Source source;
    size_t reason = 0;  // NotReady: the reason's index
};

struct FigureTable {
    std::vector<ScoreFigureDef> defs;
    std::vector<FigureSource> sources;  // parallel to defs
};

const FigureTable& Table() {
    static const FigureTable table = [] {
        FigureTable t;
        auto add = [&](std::string_view id, std::string_view unit, bool average, std::string_view formula, Source src,
                       size_t reason = 0) {
            t.defs.push_back({id, unit, average, formula, src == Source::Adherence || src == Source::Conformance});
            t.sources.push_back({src, reason});
        };
        add("calls_handled", "count", false, "handled", Source::Handled);
        add("talk_ms", "ms", false, "talk_ms", Source::Talk);
        add("talk_avg_ms", "ms", true, "talk_ms / handled", Source::TalkAvg);
        add("hold_ms", "ms", false, "hold_ms", Source::Hold);
        add("hold_avg_ms", "ms", true, "hold_ms / handled", Source::HoldAvg);
        add("wrap_ms", "ms", false, "wrap_ms", Source::Wrap);
        add("wrap_avg_ms", "ms", true, "wrap_ms / handled", Source::WrapAvg);
        add("transfers", "count", false, "transferred", Source::Transfers);
        static const std::string_view kReasonIds[] = {
            "not_ready_ms.none",     "not_ready_ms.break",    "not_ready_ms.lunch",
            "not_ready_ms.training", "not_ready_ms.meeting",  "not_ready_ms.coaching",
            "not_ready_ms.personal", "not_ready_ms.escalation", "not_ready_ms.other"};
        static const std::string_view kReasonFormulas[] = {
            "not_ready_ms[none]",     "not_ready_ms[break]",    "not_ready_ms[lunch]",
            "not_ready_ms[training]", "not_ready_ms[meeting]",  "not_ready_ms[coaching]",
            "not_ready_ms[personal]", "not_ready_ms[escalation]", "not_ready_ms[other]"};
        static_assert(std::size(kReasonIds) == kNotReadyReasonCount);
        for (size_t r = 0; r < kNotReadyReasonCount; ++r) add(kReasonIds[r], "ms", false, kReasonFormulas[r], Source::NotReady, r);
        add("orders", "count", false, "orders", Source::Orders);
        add("order_value_cents", "cents", false, "order_value_cents", Source::OrderValue);
        add("order_value_avg_cents", "cents", true, "order_value_cents / orders", Source::OrderValueAvg);
        add("complaints", "count", false, "complaints", Source::Complaints);
        add("callbacks_promised", "count", false, "callbacks_promised", Source::CallbacksPromised);
        add("callbacks_kept", "count", false, "callbacks_kept", Source::CallbacksKept);
        add("adherence_pct", "percent", true, "(scheduled_ms - exception_ms) / scheduled_ms x 100", Source::Adherence);
        add("conformance_pct", "percent", true, "on_queue_ms / scheduled_on_queue_ms x 100", Source::Conformance);
        return t;
    }();
    return table;
}

ScoreValue Total(int64_t v) {
    ScoreValue s;
    s.valid = true;
    s.total = v;
    s.count = 1;
    s.value = static_cast<double>(v);
    return s;
}

ScoreValue Average(const Mean& m) {
    ScoreValue s;
    s.valid = m.valid;
    s.total = m.total;
    s.count = m.count;
    s.value = m.value;
    return s;
}

double MedianOfSorted(const std::vector<double>& v) {
    if (v.empty()) return 0.0;
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

CivilDate AddDays(const CivilDate& d, int64_t days) { return CivilFromDays(DaysFromCivil(d) + days); }
CivilDate PrevMonthStart(const CivilDate& d) {
    return d.month == 1 ? CivilDate{d.year - 1, 12, 1} : CivilDate{d.year, d.month - 1, 1};
}

}  // namespace

const std::vector<ScoreFigureDef>& ScoreFigures() { return Table().defs; }

int FindScoreFigure(std::string_view id) {
    const auto& f = ScoreFigures();
    for (size_t i = 0; i < f.size(); ++i) {
        if (f[i].id == id) return static_cast<int>(i);
    }
    return -1;
}

ScoreValue ScoreFigureValue(size_t figure, const KpiCounts& c, const ReportExtras& e, const wfm::AdherenceFigure& adh) {
    if (figure >= Table().sources.size()) return ScoreValue{};
    const FigureSource& s = Table().sources[figure];
    switch (s.source) {
    case Source::Handled: return Total(c.handled);
    case Source::Talk: return Total(c.talk_ms);
    case Source::TalkAvg: return Average(AverageTalk(c));
    case Source::Hold: return Total(c.hold_ms);
    case Source::HoldAvg: return Average(AverageHold(c));
    case Source::Wrap: return Total(c.wrap_ms);
    case Source::WrapAvg: return Average(AverageWrap(c));
    case Source::Transfers: return Total(c.transferred);
    case Source::NotReady: return Total(e.not_ready_ms[s.reason]);
    case Source::Orders: return Total(c.orders);
    case Source::OrderValue: return Total(c.order_value_cents);
    case Source::OrderValueAvg: return Average(AverageOrderValue(c));
    case Source::Complaints: return Total(c.complaints);
    case Source::CallbacksPromised: return Total(e.callbacks_promised);
    case Source::CallbacksKept: return Total(e.callbacks_kept);
    case Source::Adherence: {
        // The minutes in adherence of the minutes scheduled (the rule of wfm_requests.h's AddDay).
        ScoreValue v;
        v.valid = adh.valid && adh.scheduled_ms > 0;
        if (!v.valid) return v;
        v.total = std::max<int64_t>(0, adh.scheduled_ms - adh.exception_ms);
        v.count = adh.scheduled_ms;
        v.value = adh.adherence * 100.0;
        return v;
    }
    case Source::Conformance: {
        ScoreValue v;
        v.valid = adh.scheduled_on_queue_ms > 0;
        if (!v.valid) return v;
        v.total = adh.actual_on_queue_ms;
        v.count = adh.scheduled_on_queue_ms;
        v.value = adh.conformance * 100.0;
        return v;
    }
    }
    return ScoreValue{};
}

RobustStats RobustOf(std::vector<double> values) {
    RobustStats s;
    s.n = values.size();
    if (values.empty()) return s;
    std::sort(values.begin(), values.end());
    s.median = MedianOfSorted(values);
    std::vector<double> dev;
    dev.reserve(values.size());
    double sum = 0.0;
    for (double v : values) {
        dev.push_back(std::fabs(v - s.median));
        sum += dev.back();
    }
    std::sort(dev.begin(), dev.end());
    s.mad = MedianOfSorted(dev);
    s.mean_ad = sum / static_cast<double>(dev.size());
    return s;
}

std::string_view OutlierName(Outlier o) {
    switch (o) {
    case Outlier::Above: return "above";
    case Outlier::Below: return "below";
    case Outlier::None: break;
    }
    return "";
}

bool ParseOutlier(std::string_view name, Outlier* out) {
    if (name.empty()) *out = Outlier::None;
    else if (name == "above") *out = Outlier::Above;
    else if (name == "below") *out = Outlier::Below;
    else return false;
    return true;
}

double ModifiedZ(double x, const RobustStats& s) {
    if (s.n < kMinAgentsForOutliers) return 0.0;
    if (s.mad > 0.0) return kMadScale * (x - s.median) / s.mad;
    if (s.mean_ad > 0.0) return (x - s.median) / (kMeanAdScale * s.mean_ad);
    return 0.0;
}

Outlier OutlierOf(double x, const RobustStats& s) {
    const double z = ModifiedZ(x, s);
    if (z > kOutlierZ) return Outlier::Above;
    if (z < -kOutlierZ) return Outlier::Below;
    return Outlier::None;
}

TeamComparison BuildTeamComparison(const ReportGroupInfo& team, const std::vector<ReportGroupInfo>& agents,
                                   const std::vector<AgentPeriodCounts>& period, const CivilDate& from,
                                   const CivilDate& to, std::string zone) {
    const size_t n_figures = ScoreFigures().size();
    TeamComparison t;
    t.team = team;
    t.from = from;
    t.to = to;
    t.zone = std::move(zone);
    t.agents = agents;
    KpiCounts team_counts;
    ReportExtras team_extras;
    wfm::AdherenceFigure team_adherence;
    std::vector<AgentPeriodCounts> counts(agents.size());
    for (size_t a = 0; a < agents.size(); ++a) {
        counts[a].agent = agents[a].key;
        for (const AgentPeriodCounts& p : period) {
            if (p.agent != agents[a].key) continue;
            counts[a].counts.Add(p.counts);
            counts[a].extras.Add(p.extras);
            wfm::AddFigure(&counts[a].adherence, p.adherence);
        }
        team_counts.Add(counts[a].counts);
        team_extras.Add(counts[a].extras);
        wfm::AddFigure(&team_adherence, counts[a].adherence);
        t.active.push_back(counts[a].Active());
        std::vector<ScoreValue> row;
        for (size_t f = 0; f < n_figures; ++f)
            row.push_back(ScoreFigureValue(f, counts[a].counts, counts[a].extras, counts[a].adherence));
        t.values.push_back(std::move(row));
    }
    const auto& defs = ScoreFigures();
    // Who a figure judges: the active agents with a value; for a schedule's figure, every agent
    // with something scheduled (logged in or not).
    auto judged = [&](size_t a, size_t f) { return (defs[f].needs_schedule || t.active[a]) && t.values[a][f].valid; };
    for (size_t f = 0; f < n_figures; ++f) {
        std::vector<double> values;
        for (size_t a = 0; a < agents.size(); ++a) {
            if (judged(a, f)) values.push_back(t.values[a][f].value);
        }
        t.stats.push_back(RobustOf(std::move(values)));
        t.team_total.push_back(ScoreFigureValue(f, team_counts, team_extras, team_adherence));
    }
    for (size_t a = 0; a < agents.size(); ++a) {
        std::vector<Outlier> marks;
        std::vector<double> zs;
        for (size_t f = 0; f < n_figures; ++f) {
            const ScoreValue& v = t.values[a][f];
            const bool judge = judged(a, f);
            zs.push_back(judge ? ModifiedZ(v.value, t.stats[f]) : 0.0);
            marks.push_back(judge ? OutlierOf(v.value, t.stats[f]) : Outlier::None);
        }
        t.outliers.push_back(std::move(marks));
        t.z.push_back(std::move(zs));
    }
    return t;
}

std::vector<std::pair<CivilDate, CivilDate>> PreviousPeriods(const CivilDate& from, const CivilDate& to, int count) {
    std::vector<std::pair<CivilDate, CivilDate>> out;
    if (count <= 0 || to < from) return out;
    const bool whole_months = from.day == 1 && AddDays(to, 1).day == 1;
    if (whole_months) {
        const int months = (to.year - from.year) * 12 + (to.month - from.month) + 1;
        CivilDate start = from;
        for (int i = 0; i < count; ++i) {
            CivilDate first = start;
            for (int m = 0; m < months; ++m) first = PrevMonthStart(first);
            out.push_back({first, AddDays(start, -1)});
            start = first;
        }
    } else {
        const int64_t days = DaysInRange(from, to);
        for (int i = 1; i <= count; ++i) {
            out.push_back({AddDays(from, -days * i), AddDays(to, -days * i)});
        }
    }
    std::reverse(out.begin(), out.end());
    return out;
}

Scorecard BuildScorecard(const TeamComparison& comparison, size_t agent_index,
                         const std::vector<std::pair<CivilDate, CivilDate>>& previous,
                         const std::vector<AgentPeriodCounts>& history) {
    Scorecard card;
    if (agent_index >= comparison.agents.size()) return card;
    card.agent = comparison.agents[agent_index];
    card.team = comparison.team;
    card.from = comparison.from;
    card.to = comparison.to;
    card.zone = comparison.zone;
    card.active = comparison.active[agent_index];
    card.periods = previous;
    card.periods.push_back({comparison.from, comparison.to});
    const size_t n_figures = ScoreFigures().size();
    for (size_t f = 0; f < n_figures; ++f) {
        ScorecardEntry e;
        e.value = comparison.values[agent_index][f];
        e.team = comparison.stats[f];
        e.team_total = comparison.team_total[f];
        e.z = comparison.z[agent_index][f];
        e.outlier = comparison.outliers[agent_index][f];
        for (size_t p = 0; p < previous.size(); ++p) {
            const AgentPeriodCounts* h = p < history.size() ? &history[p] : nullptr;
            e.series.push_back(h ? ScoreFigureValue(f, h->counts, h->extras, h->adherence) : ScoreFigureValue(f, {}, {}));
        }
        e.series.push_back(e.value);
        card.figures.push_back(std::move(e));
    }
    return card;
}

}  // namespace cb
