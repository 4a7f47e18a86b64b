// Rosters (roster.h).
#include "roster.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace cb::wfm {
namespace {

bool Has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

int WeekdayOfDay(const RosterProblem& p, int day) { return (p.first_weekday + day) % 7; }

bool Allowed(const RosterProblem& p, const RosterAgent& a, int day, const RosterShift& s) {
    if (std::find(a.days_off.begin(), a.days_off.end(), day) != a.days_off.end()) return false;
    if (a.available_by_weekday.empty()) return true;
    const auto [from, to] = a.available_by_weekday[static_cast<size_t>(WeekdayOfDay(p, day))];
    return s.start_min >= from && s.start_min + s.length_min <= to;
}

// Minutes between the end of s1 on one day and the start of s2 on the next.
int RestBetween(const RosterShift& s1, const RosterShift& s2) { return 1440 + s2.start_min - s1.start_min - s1.length_min; }

// The horizon's weeks: [first day, last day + 1) and the share of a full week it is.
struct Week {
    int from, to;
    double share;
};
std::vector<Week> Weeks(const RosterProblem& p) {
    std::vector<Week> w;
    for (int d = 0; d < p.days; d += 7) {
        const int to = std::min(p.days, d + 7);
        w.push_back({d, to, (to - d) / 7.0});
    }
    return w;
}

// The intervals of the horizon a shift on a day covers, [first, last).
std::pair<int, int> Covered(const RosterProblem& p, int day, const RosterShift& s) {
    const int ipd = p.intervals_per_day();
    const int first = day * ipd + s.start_min / p.interval_min;
    const int last = std::min(p.horizon_intervals(), first + s.length_min / p.interval_min);
    return {first, last};
}

}  // namespace

std::string ValidateRoster(const RosterProblem& p) {
    if (p.days <= 0 || p.days > 366) return "days: must be 1-366";
    if (p.first_weekday < 0 || p.first_weekday > 6) return "first_weekday: must be 0 (Monday) to 6 (Sunday)";
    if (p.interval_min != 15 && p.interval_min != 30 && p.interval_min != 60) return "interval_min: must be 15, 30 or 60";
    if (p.shifts.empty()) return "shifts: none given";
    if (p.agents.empty()) return "agents: none given";
    if (p.min_rest_min < 0) return "min_rest_min: must be at least 0";
    std::set<std::string> names;
    for (size_t i = 0; i < p.shifts.size(); ++i) {
        const RosterShift& s = p.shifts[i];
        const std::string where = "shifts[" + std::to_string(i) + "]";
        if (s.name.empty()) return where + ".name: empty";
        if (!names.insert(s.name).second) return where + ".name: '" + s.name + "' given twice";
        if (s.start_min < 0 || s.start_min >= 1440) return where + ".start_min: must be 0-1439";
        if (s.length_min <= 0 || s.length_min > 1440) return where + ".length_min: must be 1-1440";
        if (s.start_min % p.interval_min != 0 || s.length_min % p.interval_min != 0) {
            return where + ": starts and lengths must be whole intervals of " + std::to_string(p.interval_min) + " min";
        }
    }
    std::set<std::string> keys;
    for (size_t i = 0; i < p.agents.size(); ++i) {
        const RosterAgent& a = p.agents[i];
        const std::string where = "agents[" + std::to_string(i) + "]";
        if (a.key.empty()) return where + ".key: empty";
        if (!keys.insert(a.key).second) return where + ".key: '" + a.key + "' given twice";
        if (a.min_hours_week < 0 || a.max_hours_week < a.min_hours_week || a.max_hours_week > 168) {
            return where + ": contracted hours must satisfy 0 <= min <= max <= 168";
        }
        for (int d : a.days_off) {
            if (d < 0 || d >= p.days) return where + ".days_off: day " + std::to_string(d) + " is not in the horizon";
        }
        if (!a.available_by_weekday.empty()) {
            if (a.available_by_weekday.size() != 7) return where + ".available_by_weekday: give 7 windows (Monday to Sunday)";
            for (const auto& [from, to] : a.available_by_weekday) {
                if (from < 0 || to < from || to > 2880) return where + ".available_by_weekday: a window must be 0 <= from <= to <= 2880";
            }
        }
        for (const std::string& s : a.preferred_shifts) {
            if (!names.count(s)) return where + ".preferred_shifts: '" + s + "' is not a shift";
        }
        for (const std::string& s : a.avoided_shifts) {
            if (!names.count(s)) return where + ".avoided_shifts: '" + s + "' is not a shift";
        }
    }
    for (const auto& [skill, need] : p.required) {
        if (static_cast<int>(need.size()) != p.horizon_intervals()) {
            return "required['" + skill + "']: " + std::to_string(need.size()) + " intervals, not " + std::to_string(p.horizon_intervals());
        }
        for (size_t t = 0; t < need.size(); ++t) {
            if (need[t] < 0) return "required['" + skill + "'][" + std::to_string(t) + "]: negative";
        }
    }
    return "";
}

std::vector<std::string> ExplainRosterInfeasible(const RosterProblem& p) {
    std::vector<std::string> out;
    const size_t n = p.shifts.size();
    for (const RosterAgent& a : p.agents) {
        for (const Week& w : Weeks(p)) {
            // The most hours the agent can work in the week: one shift a day, rest kept (DP over
            // the shift of the previous day).
            std::vector<double> best(n + 1, 0.0);  // index n: previous day off
            for (int d = w.from; d < w.to; ++d) {
                std::vector<double> next(n + 1, -1.0);
                for (size_t prev = 0; prev <= n; ++prev) {
                    if (best[prev] < 0) continue;
                    next[n] = std::max(next[n], best[prev]);
                    for (size_t s = 0; s < n; ++s) {
                        if (!Allowed(p, a, d, p.shifts[s])) continue;
                        if (prev < n && d > w.from && RestBetween(p.shifts[prev], p.shifts[s]) < p.min_rest_min) continue;
                        next[s] = std::max(next[s], best[prev] + p.shifts[s].length_min / 60.0);
                    }
                }
                best = next;
            }
            const double most = *std::max_element(best.begin(), best.end());
            const double need = a.min_hours_week * w.share;
            if (most + 1e-9 < need) {
                char buf[320];
                std::snprintf(buf, sizeof buf,
                              "agent '%s': contracted for at least %.1f h in days %d-%d, but its availability, days off "
                              "and %d h rest allow at most %.1f h",
                              a.key.c_str(), need, w.from, w.to - 1, p.min_rest_min / 60, most);
                out.emplace_back(buf);
            }
        }
    }
    return out;
}

RosterModel BuildRoster(const RosterProblem& p) {
    RosterModel m;
    MipModel& mip = m.mip;
    const int days = p.days, na = static_cast<int>(p.agents.size()), ns = static_cast<int>(p.shifts.size());
    const RosterWeights& wt = p.weights;
    // x[a][d][s] for the allowed combinations only; -1 otherwise.
    std::vector<int> var(static_cast<size_t>(na * days * ns), -1);
    auto at = [&](int a, int d, int s) -> int& { return var[static_cast<size_t>((a * days + d) * ns + s)]; };
    for (int a = 0; a < na; ++a) {
        const RosterAgent& ag = p.agents[static_cast<size_t>(a)];
        for (int d = 0; d < days; ++d) {
            for (int s = 0; s < ns; ++s) {
                const RosterShift& sh = p.shifts[static_cast<size_t>(s)];
                if (!Allowed(p, ag, d, sh)) continue;
                double cost = wt.staffed_hour * sh.length_min / 60.0;
                if (Has(ag.avoided_shifts, sh.name)) cost += wt.preference;
                if (!ag.preferred_shifts.empty() && !Has(ag.preferred_shifts, sh.name)) cost += wt.preference;
                at(a, d, s) = mip.AddVar("x " + ag.key + " day " + std::to_string(d) + " " + sh.name, 0, 1, cost);
                m.x.push_back({a, d, s});
            }
        }
    }
    for (int a = 0; a < na; ++a) {
        const RosterAgent& ag = p.agents[static_cast<size_t>(a)];
        for (int d = 0; d < days; ++d) {
            std::vector<std::pair<int, double>> day;
            for (int s = 0; s < ns; ++s) {
                if (at(a, d, s) >= 0) day.emplace_back(at(a, d, s), 1.0);
            }
            if (day.size() > 1) mip.AddRow("one shift a day: " + ag.key + " day " + std::to_string(d), -kInf, 1, day);
            // Rest: a shift today excludes yesterday's shifts ending too late.
            if (d == 0) continue;
            for (int s2 = 0; s2 < ns; ++s2) {
                if (at(a, d, s2) < 0) continue;
                std::vector<std::pair<int, double>> row{{at(a, d, s2), 1.0}};
                for (int s1 = 0; s1 < ns; ++s1) {
                    if (at(a, d - 1, s1) >= 0 &&
                        RestBetween(p.shifts[static_cast<size_t>(s1)], p.shifts[static_cast<size_t>(s2)]) < p.min_rest_min) {
                        row.emplace_back(at(a, d - 1, s1), 1.0);
                    }
                }
                if (row.size() > 1) {
                    mip.AddRow("rest " + std::to_string(p.min_rest_min / 60) + " h: " + ag.key + " before day " + std::to_string(d) +
                                   " " + p.shifts[static_cast<size_t>(s2)].name,
                               -kInf, 1, row);
                }
            }
        }
        for (const Week& w : Weeks(p)) {
            std::vector<std::pair<int, double>> hours;
            for (int d = w.from; d < w.to; ++d) {
                for (int s = 0; s < ns; ++s) {
                    if (at(a, d, s) >= 0) hours.emplace_back(at(a, d, s), p.shifts[static_cast<size_t>(s)].length_min / 60.0);
                }
            }
            mip.AddRow("contracted hours: " + ag.key + " days " + std::to_string(w.from) + "-" + std::to_string(w.to - 1),
                       ag.min_hours_week * w.share, ag.max_hours_week * w.share, hours);
        }
    }
    // Coverage per skill, and in total (an agent with two skills is one person).
    const int horizon = p.horizon_intervals();
    std::vector<std::vector<std::pair<int, double>>> covering(static_cast<size_t>(horizon));
    std::vector<std::vector<int>> covering_agent(static_cast<size_t>(horizon));
    for (const RosterModel::Assignment& as : m.x) {
        const auto [first, last] = Covered(p, as.day, p.shifts[static_cast<size_t>(as.shift)]);
        for (int t = first; t < last; ++t) {
            covering[static_cast<size_t>(t)].emplace_back(at(as.agent, as.day, as.shift), 1.0);
            covering_agent[static_cast<size_t>(t)].push_back(as.agent);
        }
    }
    std::vector<int> total_need(static_cast<size_t>(horizon), 0);
    for (const auto& [skill, need] : p.required) {
        for (int t = 0; t < horizon; ++t) {
            const int r = need[static_cast<size_t>(t)];
            if (r <= 0) continue;
            total_need[static_cast<size_t>(t)] += r;
            std::vector<std::pair<int, double>> row;
            const auto& vars = covering[static_cast<size_t>(t)];
            const auto& agents = covering_agent[static_cast<size_t>(t)];
            for (size_t i = 0; i < vars.size(); ++i) {
                if (Has(p.agents[static_cast<size_t>(agents[i])].skills, skill)) row.push_back(vars[i]);
            }
            const int under = mip.AddVar("understaffed " + skill + " " + std::to_string(t), 0, kInf, wt.understaffed, false);
            row.emplace_back(under, 1.0);
            mip.AddRow("coverage " + skill + " interval " + std::to_string(t), r, kInf, row);
        }
    }
    if (p.required.size() > 1) {
        for (int t = 0; t < horizon; ++t) {
            if (total_need[static_cast<size_t>(t)] <= 0) continue;
            std::vector<std::pair<int, double>> row = covering[static_cast<size_t>(t)];
            const int under = mip.AddVar("understaffed total " + std::to_string(t), 0, kInf, wt.understaffed, false);
            row.emplace_back(under, 1.0);
            mip.AddRow("coverage total interval " + std::to_string(t), total_need[static_cast<size_t>(t)], kInf, row);
        }
    }
    // Fairness: the spread between the agents with the most and the fewest nights (weekend
    // shifts), over the agents who can work them at all.
    auto spread = [&](const char* what, double weight, auto counts_shift) {
        if (weight <= 0) return;
        std::vector<std::vector<std::pair<int, double>>> per_agent(static_cast<size_t>(na));
        for (const RosterModel::Assignment& as : m.x) {
            if (counts_shift(as)) per_agent[static_cast<size_t>(as.agent)].emplace_back(at(as.agent, as.day, as.shift), 1.0);
        }
        int eligible = 0;
        for (const auto& v : per_agent) eligible += !v.empty();
        if (eligible < 2) return;
        const int most = mip.AddVar(std::string("most ") + what, 0, kInf, weight, false);
        const int fewest = mip.AddVar(std::string("fewest ") + what, 0, kInf, -weight, false);
        for (int a = 0; a < na; ++a) {
            auto row = per_agent[static_cast<size_t>(a)];
            if (row.empty()) continue;
            auto hi = row;
            hi.emplace_back(most, -1.0);
            mip.AddRow(std::string(what) + " at most: " + p.agents[static_cast<size_t>(a)].key, -kInf, 0, hi);
            row.emplace_back(fewest, -1.0);
            mip.AddRow(std::string(what) + " at least: " + p.agents[static_cast<size_t>(a)].key, 0, kInf, row);
        }
    };
    spread("nights", wt.night_spread, [&](const RosterModel::Assignment& as) { return p.shifts[static_cast<size_t>(as.shift)].night; });
    spread("weekend shifts", wt.weekend_spread, [&](const RosterModel::Assignment& as) { return p.weekend(as.day); });
    return m;
}

Roster ReadRoster(const RosterProblem& p, const RosterModel& model, const MipSolution& s) {
    Roster r;
    r.shift.assign(p.agents.size(), std::vector<int>(static_cast<size_t>(p.days), -1));
    if (!s.has_solution()) return r;
    for (size_t i = 0; i < model.x.size(); ++i) {
        if (s.values[i] > 0.5) r.shift[static_cast<size_t>(model.x[i].agent)][static_cast<size_t>(model.x[i].day)] = model.x[i].shift;
    }
    return r;
}

RosterStats Evaluate(const RosterProblem& p, const Roster& r) {
    RosterStats st;
    const int horizon = p.horizon_intervals();
    st.total_coverage.assign(static_cast<size_t>(horizon), 0);
    for (const auto& [skill, need] : p.required) st.coverage[skill].assign(static_cast<size_t>(horizon), 0);
    const std::vector<Week> weeks = Weeks(p);
    st.hours_per_week.assign(p.agents.size() * weeks.size(), 0.0);
    st.nights.assign(p.agents.size(), 0);
    st.weekend_shifts.assign(p.agents.size(), 0);
    for (size_t a = 0; a < p.agents.size() && a < r.shift.size(); ++a) {
        const RosterAgent& ag = p.agents[a];
        for (int d = 0; d < p.days; ++d) {
            const int s = r.shift[a][static_cast<size_t>(d)];
            if (s < 0) continue;
            const RosterShift& sh = p.shifts[static_cast<size_t>(s)];
            const auto [first, last] = Covered(p, d, sh);
            for (int t = first; t < last; ++t) {
                ++st.total_coverage[static_cast<size_t>(t)];
                for (auto& [skill, cover] : st.coverage) {
                    if (Has(ag.skills, skill)) ++cover[static_cast<size_t>(t)];
                }
            }
            st.hours_per_week[a * weeks.size() + static_cast<size_t>(d / 7)] += sh.length_min / 60.0;
            if (sh.night) ++st.nights[a];
            if (p.weekend(d)) ++st.weekend_shifts[a];
            if (Has(ag.avoided_shifts, sh.name)) ++st.preference_misses;
            if (!ag.preferred_shifts.empty() && !Has(ag.preferred_shifts, sh.name)) ++st.preference_misses;
        }
    }
    for (const auto& [skill, need] : p.required) {
        for (int t = 0; t < horizon; ++t) {
            st.understaffed_agent_intervals += std::max(0, need[static_cast<size_t>(t)] - st.coverage[skill][static_cast<size_t>(t)]);
        }
    }
    return st;
}

std::vector<std::string> CheckRoster(const RosterProblem& p, const Roster& r) {
    std::vector<std::string> broken;
    if (r.shift.size() != p.agents.size()) {
        broken.push_back("the roster has " + std::to_string(r.shift.size()) + " agents, the problem " + std::to_string(p.agents.size()));
        return broken;
    }
    const std::vector<Week> weeks = Weeks(p);
    for (const auto& row : r.shift) {
        for (int s : row) {
            if (s >= static_cast<int>(p.shifts.size())) {
                broken.push_back("a shift index is not a shift");
                return broken;
            }
        }
    }
    const RosterStats st = Evaluate(p, r);
    for (size_t a = 0; a < p.agents.size(); ++a) {
        const RosterAgent& ag = p.agents[a];
        for (int d = 0; d < p.days; ++d) {
            const int s = r.shift[a][static_cast<size_t>(d)];
            if (s < 0) continue;
            if (s >= static_cast<int>(p.shifts.size())) {
                broken.push_back(ag.key + " day " + std::to_string(d) + ": no such shift");
                continue;
            }
            const RosterShift& sh = p.shifts[static_cast<size_t>(s)];
            if (!Allowed(p, ag, d, sh)) broken.push_back(ag.key + " day " + std::to_string(d) + ": " + sh.name + " outside availability or on a day off");
            if (d > 0) {
                const int prev = r.shift[a][static_cast<size_t>(d - 1)];
                if (prev >= 0 && RestBetween(p.shifts[static_cast<size_t>(prev)], sh) < p.min_rest_min) {
                    broken.push_back(ag.key + " day " + std::to_string(d) + ": " +
                                     std::to_string(RestBetween(p.shifts[static_cast<size_t>(prev)], sh)) + " min rest after " +
                                     p.shifts[static_cast<size_t>(prev)].name + ", less than " + std::to_string(p.min_rest_min));
                }
            }
        }
        for (size_t w = 0; w < weeks.size(); ++w) {
            const double h = st.hours_per_week[a * weeks.size() + w];
            if (h + 1e-6 < ag.min_hours_week * weeks[w].share || h - 1e-6 > ag.max_hours_week * weeks[w].share) {
                char buf[200];
                std::snprintf(buf, sizeof buf, "%s week %zu: %.1f h, contracted %.1f-%.1f h", ag.key.c_str(), w, h,
                              ag.min_hours_week * weeks[w].share, ag.max_hours_week * weeks[w].share);
                broken.emplace_back(buf);
            }
        }
    }
    return broken;
}

}  // namespace cb::wfm
