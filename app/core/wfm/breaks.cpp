// Placing breaks (breaks.h).
#include "breaks.h"

#include <algorithm>

namespace cb::wfm {
namespace {

// The first and last allowed start of a rule in a shift (last < first: none).
std::pair<int, int> Window(const BreakShift& s, const BreakRule& r) {
    return {s.start + r.min_start_after, s.end - r.max_end_before - r.length};
}

}  // namespace

std::string ValidateBreaks(const BreakProblem& p) {
    if (p.periods <= 0) return "periods: must be above 0";
    if (static_cast<int>(p.min_coverage.size()) != p.periods) return "min_coverage: give one value per period";
    for (size_t i = 0; i < p.shifts.size(); ++i) {
        const BreakShift& s = p.shifts[i];
        const std::string where = "shifts[" + std::to_string(i) + "] (" + s.agent + ")";
        if (s.start < 0 || s.end > p.periods || s.end <= s.start) return where + ": the shift must lie in the day";
        int total = 0;
        for (const BreakRule& r : s.breaks) {
            if (r.length <= 0 || r.min_start_after < 0 || r.max_end_before < 0) return where + ": break '" + r.name + "' has a bad length or window";
            const auto [first, last] = Window(s, r);
            if (last < first) return where + ": break '" + r.name + "' does not fit in its window";
            total += r.length;
        }
        if (total > s.end - s.start) return where + ": the breaks are longer than the shift";
    }
    return "";
}

BreakModel BuildBreaks(const BreakProblem& p) {
    BreakModel m;
    std::vector<std::vector<std::pair<int, double>>> on_break(static_cast<size_t>(p.periods));
    for (size_t si = 0; si < p.shifts.size(); ++si) {
        const BreakShift& s = p.shifts[si];
        std::vector<std::vector<int>> vars(s.breaks.size());
        for (size_t ri = 0; ri < s.breaks.size(); ++ri) {
            const BreakRule& r = s.breaks[ri];
            const auto [first, last] = Window(s, r);
            std::vector<std::pair<int, double>> once;
            for (int t = first; t <= last; ++t) {
                // A little cost for lateness keeps the plan stable (earliest fitting start).
                const int v = m.mip.AddVar(s.agent + " " + r.name + " at " + std::to_string(t), 0, 1, 0.001 * (t - first));
                m.options.push_back({static_cast<int>(si), static_cast<int>(ri), t});
                once.emplace_back(v, 1.0);
                vars[ri].push_back(v);
                for (int k = t; k < t + r.length; ++k) on_break[static_cast<size_t>(k)].emplace_back(v, 1.0);
            }
            m.mip.AddRow(s.agent + ": one " + r.name, 1, 1, once);
        }
        // One agent's breaks neither overlap nor change order: break r+1 starts after break r ends.
        for (size_t ri = 0; ri + 1 < s.breaks.size(); ++ri) {
            const int len = s.breaks[ri].length;
            std::vector<std::pair<int, double>> row;
            const auto [f1, l1] = Window(s, s.breaks[ri]);
            const auto [f2, l2] = Window(s, s.breaks[ri + 1]);
            for (int t = f1; t <= l1; ++t) row.emplace_back(vars[ri][static_cast<size_t>(t - f1)], t + len);
            for (int t = f2; t <= l2; ++t) row.emplace_back(vars[ri + 1][static_cast<size_t>(t - f2)], -t);
            m.mip.AddRow(s.agent + ": " + s.breaks[ri + 1].name + " after " + s.breaks[ri].name, -kInf, 0, row);
        }
    }
    // Coverage: scheduled - on break >= minimum, i.e. on break <= scheduled - minimum.
    std::vector<int> scheduled(static_cast<size_t>(p.periods), 0);
    for (const BreakShift& s : p.shifts)
        for (int t = s.start; t < s.end; ++t) ++scheduled[static_cast<size_t>(t)];
    for (int t = 0; t < p.periods; ++t) {
        if (on_break[static_cast<size_t>(t)].empty()) continue;
        const int room = scheduled[static_cast<size_t>(t)] - p.min_coverage[static_cast<size_t>(t)];
        std::vector<std::pair<int, double>> row = on_break[static_cast<size_t>(t)];
        if (p.shortfall_cost > 0) {
            // Missing agents below the minimum: those already missing (scheduled < minimum) cost
            // the same whatever the plan, so only the breaks' share is priced.
            if (room >= static_cast<int>(row.size())) continue;  // every break fits
            const int short_by = m.mip.AddVar("short period " + std::to_string(t), 0, kInf, p.shortfall_cost, false);
            row.emplace_back(short_by, -1.0);
            m.mip.AddRow("coverage period " + std::to_string(t), -kInf, std::max(0, room), row);
            continue;
        }
        m.mip.AddRow("coverage period " + std::to_string(t), -kInf, room, row);
    }
    return m;
}

BreakPlan ReadBreaks(const BreakProblem& p, const BreakModel& m, const MipSolution& s) {
    BreakPlan plan;
    for (const BreakShift& sh : p.shifts) plan.start.emplace_back(sh.breaks.size(), -1);
    if (!s.has_solution()) return plan;
    for (size_t i = 0; i < m.options.size(); ++i) {
        if (s.values[i] > 0.5) plan.start[static_cast<size_t>(m.options[i].shift)][static_cast<size_t>(m.options[i].rule)] = m.options[i].start;
    }
    return plan;
}

std::vector<int> OnPhones(const BreakProblem& p, const BreakPlan& plan) {
    std::vector<int> on(static_cast<size_t>(p.periods), 0);
    for (size_t si = 0; si < p.shifts.size(); ++si) {
        const BreakShift& s = p.shifts[si];
        for (int t = s.start; t < s.end; ++t) ++on[static_cast<size_t>(t)];
        for (size_t ri = 0; ri < s.breaks.size() && si < plan.start.size(); ++ri) {
            const int b = plan.start[si][ri];
            if (b < 0) continue;
            for (int t = b; t < b + s.breaks[ri].length && t < p.periods; ++t) --on[static_cast<size_t>(t)];
        }
    }
    return on;
}

int BreakShortfall(const BreakProblem& p, const BreakPlan& plan) {
    const std::vector<int> on = OnPhones(p, plan);
    int total = 0;
    for (int t = 0; t < p.periods; ++t) {
        int scheduled = 0;
        for (const BreakShift& s : p.shifts) scheduled += s.start <= t && t < s.end;
        if (scheduled > 0) total += std::max(0, p.min_coverage[static_cast<size_t>(t)] - on[static_cast<size_t>(t)]);
    }
    return total;
}

std::vector<std::string> CheckBreaks(const BreakProblem& p, const BreakPlan& plan) {
    std::vector<std::string> broken;
    for (size_t si = 0; si < p.shifts.size(); ++si) {
        const BreakShift& s = p.shifts[si];
        int prev_end = -1;
        for (size_t ri = 0; ri < s.breaks.size(); ++ri) {
            const BreakRule& r = s.breaks[ri];
            const int b = si < plan.start.size() && ri < plan.start[si].size() ? plan.start[si][ri] : -1;
            if (b < 0) {
                broken.push_back(s.agent + ": " + r.name + " not placed");
                continue;
            }
            const auto [first, last] = Window(s, r);
            if (b < first || b > last) broken.push_back(s.agent + ": " + r.name + " at " + std::to_string(b) + " outside its window");
            if (b < prev_end) broken.push_back(s.agent + ": " + r.name + " overlaps or comes before the break before it");
            prev_end = b + r.length;
        }
    }
    if (p.shortfall_cost > 0) return broken;  // coverage is priced, not a rule
    const std::vector<int> on = OnPhones(p, plan);
    for (int t = 0; t < p.periods; ++t) {
        int scheduled = 0;
        for (const BreakShift& s : p.shifts) scheduled += s.start <= t && t < s.end;
        if (scheduled > 0 && on[static_cast<size_t>(t)] < p.min_coverage[static_cast<size_t>(t)] &&
            on[static_cast<size_t>(t)] < scheduled) {
            broken.push_back("period " + std::to_string(t) + ": " + std::to_string(on[static_cast<size_t>(t)]) + " on the phones, minimum " +
                             std::to_string(p.min_coverage[static_cast<size_t>(t)]));
        }
    }
    return broken;
}

}  // namespace cb::wfm
