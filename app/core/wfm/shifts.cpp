// Shift selection (shifts.h).
#include "shifts.h"

#include <algorithm>

namespace cb::wfm {
namespace {

bool Covers(const ShiftType& s, int period) { return std::find(s.periods.begin(), s.periods.end(), period) != s.periods.end(); }

std::string Where(int day, int period) { return "day " + std::to_string(day) + " period " + std::to_string(period); }

}  // namespace

std::string ValidateShiftSelection(const ShiftSelectionProblem& p) {
    if (p.periods_per_day <= 0) return "periods_per_day must be above 0";
    if (p.required.empty()) return "required: no day given";
    if (p.shifts.empty()) return "shifts: none given";
    if (p.max_period_concurrency < 0 || p.max_shift_concurrency < 0) return "concurrency limits must be at least 0";
    for (size_t d = 0; d < p.required.size(); ++d) {
        if (static_cast<int>(p.required[d].size()) != p.periods_per_day) {
            return "required[" + std::to_string(d) + "]: " + std::to_string(p.required[d].size()) + " periods, not " +
                   std::to_string(p.periods_per_day);
        }
        for (size_t t = 0; t < p.required[d].size(); ++t) {
            if (p.required[d][t] < 0) return "required[" + std::to_string(d) + "][" + std::to_string(t) + "] is negative";
        }
    }
    for (size_t s = 0; s < p.shifts.size(); ++s) {
        const ShiftType& shift = p.shifts[s];
        if (shift.name.empty()) return "shifts[" + std::to_string(s) + "]: no name";
        if (shift.periods.empty()) return "shift '" + shift.name + "' covers no period";
        if (shift.cost < 0) return "shift '" + shift.name + "': cost below 0";
        for (int t : shift.periods) {
            if (t < 0 || t >= p.periods_per_day) return "shift '" + shift.name + "': period " + std::to_string(t) + " is not in a day";
        }
    }
    return "";
}

MipModel BuildShiftSelection(const ShiftSelectionProblem& p) {
    MipModel m;
    const size_t days = p.required.size(), shifts = p.shifts.size();
    for (size_t d = 0; d < days; ++d) {
        for (size_t s = 0; s < shifts; ++s) {
            m.AddVar("start " + p.shifts[s].name + " day " + std::to_string(d), 0, p.max_shift_concurrency, p.shifts[s].cost);
        }
    }
    for (size_t d = 0; d < days; ++d) {
        for (int t = 0; t < p.periods_per_day; ++t) {
            std::vector<std::pair<int, double>> terms;
            for (size_t s = 0; s < shifts; ++s) {
                if (Covers(p.shifts[s], t)) terms.emplace_back(static_cast<int>(d * shifts + s), 1.0);
            }
            m.AddRow("coverage " + Where(static_cast<int>(d), t), p.required[d][static_cast<size_t>(t)],
                     p.max_period_concurrency, std::move(terms));
        }
    }
    return m;
}

ShiftSelection ReadShiftSelection(const ShiftSelectionProblem& p, const MipSolution& sol) {
    ShiftSelection out;
    const size_t shifts = p.shifts.size();
    out.starts.assign(p.required.size(), std::vector<int>(shifts, 0));
    if (!sol.has_solution()) return out;
    for (size_t d = 0; d < p.required.size(); ++d) {
        for (size_t s = 0; s < shifts; ++s) {
            const double v = sol.values[d * shifts + s];
            const int n = static_cast<int>(v + 0.5);
            out.starts[d][s] = n;
            out.agents += n;
            out.cost += n * p.shifts[s].cost;
        }
    }
    return out;
}

std::vector<std::vector<int>> Coverage(const ShiftSelectionProblem& p, const ShiftSelection& s) {
    std::vector<std::vector<int>> cover(p.required.size(), std::vector<int>(static_cast<size_t>(p.periods_per_day), 0));
    for (size_t d = 0; d < s.starts.size() && d < cover.size(); ++d) {
        for (size_t k = 0; k < s.starts[d].size() && k < p.shifts.size(); ++k) {
            for (int t : p.shifts[k].periods) cover[d][static_cast<size_t>(t)] += s.starts[d][k];
        }
    }
    return cover;
}

std::vector<std::string> CheckShiftSelection(const ShiftSelectionProblem& p, const ShiftSelection& s) {
    std::vector<std::string> broken;
    if (s.starts.size() != p.required.size()) broken.push_back("the selection has another number of days");
    const auto cover = Coverage(p, s);
    for (size_t d = 0; d < s.starts.size() && d < p.required.size(); ++d) {
        for (size_t k = 0; k < s.starts[d].size(); ++k) {
            if (s.starts[d][k] < 0) broken.push_back("day " + std::to_string(d) + " shift " + p.shifts[k].name + ": negative");
            if (s.starts[d][k] > p.max_shift_concurrency) {
                broken.push_back("day " + std::to_string(d) + " shift " + p.shifts[k].name + ": " +
                                 std::to_string(s.starts[d][k]) + " starts, more than " + std::to_string(p.max_shift_concurrency));
            }
        }
        for (int t = 0; t < p.periods_per_day; ++t) {
            const int c = cover[d][static_cast<size_t>(t)], need = p.required[d][static_cast<size_t>(t)];
            if (c < need) broken.push_back(Where(static_cast<int>(d), t) + ": " + std::to_string(c) + " agents, needs " + std::to_string(need));
            if (c > p.max_period_concurrency) {
                broken.push_back(Where(static_cast<int>(d), t) + ": " + std::to_string(c) + " agents, more than " +
                                 std::to_string(p.max_period_concurrency));
            }
        }
    }
    return broken;
}

std::string ExplainShiftSelectionInfeasible(const ShiftSelectionProblem& p) {
    for (size_t d = 0; d < p.required.size(); ++d) {
        for (int t = 0; t < p.periods_per_day; ++t) {
            const int need = p.required[d][static_cast<size_t>(t)];
            if (need > p.max_period_concurrency) {
                return Where(static_cast<int>(d), t) + " needs " + std::to_string(need) +
                       " agents, more than the most allowed in a period (" + std::to_string(p.max_period_concurrency) + ")";
            }
            int most = 0;
            std::string names;
            for (const ShiftType& s : p.shifts) {
                if (!Covers(s, t)) continue;
                most += p.max_shift_concurrency;
                names += (names.empty() ? "" : ", ") + s.name;
            }
            if (most < need) {
                return Where(static_cast<int>(d), t) + " needs " + std::to_string(need) + " agents, but the shifts covering it (" +
                       (names.empty() ? std::string("none") : names) + ") can start at most " + std::to_string(most) +
                       " (at most " + std::to_string(p.max_shift_concurrency) + " a shift)";
            }
        }
    }
    return "";
}

}  // namespace cb::wfm
