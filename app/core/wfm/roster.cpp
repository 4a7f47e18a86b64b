// Rosters (roster.h).
#include "roster.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace cb::wfm {
namespace {

bool Has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

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

int Before(const std::vector<int>& v, size_t agent) { return agent < v.size() ? v[agent] : 0; }
int ShiftBefore(const RosterProblem& p, size_t agent) {
    const int s = agent < p.before.shift_day_before.size() ? p.before.shift_day_before[agent] : -1;
    return s >= 0 && s < static_cast<int>(p.shifts.size()) ? s : -1;
}

// "9 h", "10.5 h".
std::string HoursText(int minutes) {
    char buf[24];
    if (minutes % 60 == 0) std::snprintf(buf, sizeof buf, "%d h", minutes / 60);
    else std::snprintf(buf, sizeof buf, "%.1f h", minutes / 60.0);
    return buf;
}

std::string DayText(const RosterProblem& p, int day) {
    return "day " + std::to_string(day) + " (" + WeekdayName(p.weekday(day)) + ")";
}

// Which pin (index into p.fixed) fixes agent a on day d, or -1.
std::vector<int> PinIndex(const RosterProblem& p) {
    std::vector<int> pin(p.agents.size() * static_cast<size_t>(std::max(0, p.days)), -1);
    for (size_t i = 0; i < p.fixed.size(); ++i) {
        const RosterPin& f = p.fixed[i];
        if (f.agent < 0 || f.agent >= static_cast<int>(p.agents.size()) || f.day < 0 || f.day >= p.days) continue;
        pin[static_cast<size_t>(f.agent) * static_cast<size_t>(p.days) + static_cast<size_t>(f.day)] = static_cast<int>(i);
    }
    return pin;
}

// The agents who may work a kind of shift at all (the spread of that kind is among them).
template <typename Counts>
std::vector<char> Eligible(const RosterProblem& p, Counts counts) {
    std::vector<char> e(p.agents.size(), 0);
    for (size_t a = 0; a < p.agents.size(); ++a) {
        for (int d = 0; d < p.days && !e[a]; ++d) {
            for (int s = 0; s < static_cast<int>(p.shifts.size()); ++s) {
                if (counts(d, s) && RosterAllowed(p, static_cast<int>(a), d, s)) {
                    e[a] = 1;
                    break;
                }
            }
        }
    }
    return e;
}

bool NightShift(const RosterProblem& p, int, int s) { return p.shifts[static_cast<size_t>(s)].night; }

// The smallest total of at most `days` shifts (any templates) that is at least `min_h`, and the
// largest that is at most `max_h`, in hours; -1 when there is none.
std::pair<double, double> ReachableHours(const RosterProblem& p, int days, double min_h, double max_h) {
    const int cap = days * 1440;
    // reach[m] = fewest shifts adding up to exactly m minutes.
    std::vector<int> reach(static_cast<size_t>(cap) + 1, 1 << 20);
    reach[0] = 0;
    for (int m = 0; m <= cap; ++m) {
        if (reach[static_cast<size_t>(m)] >= days) continue;
        for (const RosterShift& s : p.shifts) {
            const int next = m + s.length_min;
            if (next <= cap) reach[static_cast<size_t>(next)] = std::min(reach[static_cast<size_t>(next)], reach[static_cast<size_t>(m)] + 1);
        }
    }
    double lo = -1, hi = -1;
    for (int m = 0; m <= cap; ++m) {
        if (reach[static_cast<size_t>(m)] > days) continue;
        const double h = m / 60.0;
        if (lo < 0 && h + 1e-9 >= min_h && h <= max_h + 1e-9) lo = h;
        if (h <= max_h + 1e-9 && h + 1e-9 >= min_h) hi = h;
    }
    return {lo, hi};
}

}  // namespace

const char* WeekdayName(int weekday) {
    static const char* const kNames[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    return weekday >= 0 && weekday < 7 ? kNames[weekday] : "?";
}

const char* WeekdayShort(int weekday) {
    static const char* const kNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    return weekday >= 0 && weekday < 7 ? kNames[weekday] : "?";
}

std::string ClockText(int minutes) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
    return buf;
}

std::string ShiftText(const RosterShift& s) {
    return s.name + " (" + ClockText(s.start_min) + "-" + ClockText((s.start_min + s.length_min) % 1440) + ")";
}

bool RosterAllowed(const RosterProblem& p, int agent, int day, int shift) {
    const RosterAgent& a = p.agents[static_cast<size_t>(agent)];
    const RosterShift& s = p.shifts[static_cast<size_t>(shift)];
    if (std::find(a.days_off.begin(), a.days_off.end(), day) != a.days_off.end()) return false;
    if (a.available_by_weekday.empty()) return true;
    const auto [from, to] = a.available_by_weekday[static_cast<size_t>(p.weekday(day))];
    return s.start_min >= from && s.start_min + s.length_min <= to;
}

std::string ValidateRoster(const RosterProblem& p) {
    if (p.days <= 0 || p.days > 366) return "days: must be 1-366";
    if (p.first_weekday < 0 || p.first_weekday > 6) return "first_weekday: must be 0 (Monday) to 6 (Sunday)";
    if (p.interval_min != 15 && p.interval_min != 30 && p.interval_min != 60) return "interval_min: must be 15, 30 or 60";
    if (p.shifts.empty()) return "shifts: none given";
    if (p.agents.empty()) return "agents: none given";
    if (p.min_rest_min < 0 || p.min_rest_min > 1440) return "min_rest: must be 0-24 h";
    std::set<std::string> names;
    for (size_t i = 0; i < p.shifts.size(); ++i) {
        const RosterShift& s = p.shifts[i];
        const std::string where = "shifts[" + std::to_string(i) + "]";
        if (s.name.empty()) return where + ".name: empty";
        if (!names.insert(s.name).second) return where + ".name: '" + s.name + "' given twice";
        if (s.start_min < 0 || s.start_min >= 1440) return where + ".start: must be 00:00-23:59";
        if (s.length_min <= 0 || s.length_min > 1440) return where + ".hours: must be more than 0 and at most 24";
        if (s.start_min % p.interval_min != 0 || s.length_min % p.interval_min != 0) {
            return where + " (" + s.name + "): starts and lengths must be whole intervals of " + std::to_string(p.interval_min) + " min";
        }
        int used = 0;
        for (size_t b = 0; b < s.breaks.size(); ++b) {
            const ShiftBreak& br = s.breaks[b];
            const std::string bw = where + ".breaks[" + std::to_string(b) + "]";
            if (br.name.empty()) return bw + ".name: empty";
            if (br.length_min <= 0 || br.length_min % 15 != 0) return bw + ".minutes: must be a whole number of 15-minute periods";
            if (br.after_min < 0 || br.after_min % 15 != 0 || br.before_end_min < 0 || br.before_end_min % 15 != 0) {
                return bw + ": after_min and before_end_min must be whole 15-minute periods, 0 or more";
            }
            if (br.after_min + br.length_min + br.before_end_min > s.length_min) {
                return bw + " (" + br.name + "): " + std::to_string(br.after_min) + " min in + " + std::to_string(br.length_min) +
                       " min + " + std::to_string(br.before_end_min) + " min before the end does not fit in the " +
                       std::to_string(s.length_min) + "-minute shift";
            }
            used += br.length_min;
        }
        if (used >= s.length_min) return where + ".breaks: longer than the shift";
    }
    std::set<std::string> keys;
    for (size_t i = 0; i < p.agents.size(); ++i) {
        const RosterAgent& a = p.agents[i];
        const std::string where = "agents[" + std::to_string(i) + "]";
        if (a.key.empty()) return where + ".key: empty";
        if (!keys.insert(a.key).second) return where + ".key: '" + a.key + "' given twice";
        if (a.min_hours_week < 0 || a.max_hours_week < a.min_hours_week || a.max_hours_week > 168) {
            return where + " (" + a.key + "): contracted hours must satisfy 0 <= min_hours_week <= max_hours_week <= 168";
        }
        for (int d : a.days_off) {
            if (d < 0 || d >= p.days) return where + ".days_off: day " + std::to_string(d) + " is not in the horizon";
        }
        if (!a.available_by_weekday.empty()) {
            if (a.available_by_weekday.size() != 7) return where + ".availability: give 7 windows (Monday to Sunday)";
            for (const auto& [from, to] : a.available_by_weekday) {
                if (from < 0 || to < from || to > 2880) return where + ".availability: a window must be 00:00 <= from <= to <= 48:00";
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
    // Days fixed by hand: a real agent, day and shift; allowed; one per agent and day; rest kept
    // between fixed days that follow each other.
    std::vector<int> seen(p.agents.size() * static_cast<size_t>(p.days), -1);
    for (size_t i = 0; i < p.fixed.size(); ++i) {
        const RosterPin& f = p.fixed[i];
        const std::string where = "fixed[" + std::to_string(i) + "]";
        if (f.agent < 0 || f.agent >= static_cast<int>(p.agents.size())) return where + ".agent: not an agent of the problem";
        if (f.day < 0 || f.day >= p.days) return where + ".day: day " + std::to_string(f.day) + " is not in the horizon";
        if (f.shift < -1 || f.shift >= static_cast<int>(p.shifts.size())) return where + ".shift: not a shift of the problem";
        const RosterAgent& a = p.agents[static_cast<size_t>(f.agent)];
        int& slot = seen[static_cast<size_t>(f.agent) * static_cast<size_t>(p.days) + static_cast<size_t>(f.day)];
        if (slot >= 0) {
            return where + ": agent '" + a.key + "' has " + DayText(p, f.day) + " fixed already (fixed[" + std::to_string(slot) +
                   "]): at most one shift a day";
        }
        slot = static_cast<int>(i);
        if (f.shift < 0) continue;
        const RosterShift& s = p.shifts[static_cast<size_t>(f.shift)];
        if (std::find(a.days_off.begin(), a.days_off.end(), f.day) != a.days_off.end()) {
            return where + ": agent '" + a.key + "' has " + DayText(p, f.day) + " off and cannot work " + ShiftText(s);
        }
        if (!RosterAllowed(p, f.agent, f.day, f.shift)) {
            const auto [from, to] = a.available_by_weekday[static_cast<size_t>(p.weekday(f.day))];
            return where + ": " + ShiftText(s) + " on " + DayText(p, f.day) + " is outside agent '" + a.key + "''s availability (" +
                   (to > from ? ClockText(from) + "-" + ClockText(to) : std::string("not available")) + " on " +
                   WeekdayName(p.weekday(f.day)) + "s)";
        }
    }
    for (size_t i = 0; i < p.fixed.size(); ++i) {
        const RosterPin& f = p.fixed[i];
        if (f.shift < 0) continue;
        const RosterShift& s2 = p.shifts[static_cast<size_t>(f.shift)];
        int prev_shift = -1;
        std::string prev_where;
        if (f.day == 0) {
            prev_shift = ShiftBefore(p, static_cast<size_t>(f.agent));
            prev_where = "the day before the roster";
        } else {
            const int j = seen[static_cast<size_t>(f.agent) * static_cast<size_t>(p.days) + static_cast<size_t>(f.day - 1)];
            if (j >= 0) {
                prev_shift = p.fixed[static_cast<size_t>(j)].shift;
                prev_where = "fixed[" + std::to_string(j) + "]";
            }
        }
        if (prev_shift < 0) continue;
        const RosterShift& s1 = p.shifts[static_cast<size_t>(prev_shift)];
        const int rest = RestBetween(s1, s2);
        if (rest < p.min_rest_min) {
            const std::string& key = p.agents[static_cast<size_t>(f.agent)].key;
            const std::string what = rest < 0 ? " overlaps " : " leaves " + HoursText(rest) + " of rest after ";
            return "fixed[" + std::to_string(i) + "]: agent '" + key + "''s " + ShiftText(s2) + " on " + DayText(p, f.day) + what +
                   ShiftText(s1) + " the day before (" + prev_where + "); at least " + HoursText(p.min_rest_min) + " are needed";
        }
    }
    return "";
}

std::vector<std::string> ExplainRosterInfeasible(const RosterProblem& p) {
    std::vector<std::string> out;
    const size_t n = p.shifts.size();
    const std::vector<int> pins = PinIndex(p);
    for (size_t ai = 0; ai < p.agents.size(); ++ai) {
        const RosterAgent& a = p.agents[ai];
        for (const Week& w : Weeks(p)) {
            // The fewest and most hours the agent can work in the week: one shift a day, rest
            // kept, fixed days as fixed (DP over the shift of the previous day). The first week
            // starts from what came before the horizon; later weeks from a day off (the most
            // lenient start: no rest limit on their first day).
            std::vector<double> most(n + 1, -1.0), least(n + 1, -1.0);  // index n: previous day off
            const int start = w.from == 0 ? ShiftBefore(p, ai) : -1;
            most[start >= 0 ? static_cast<size_t>(start) : n] = 0;
            least[start >= 0 ? static_cast<size_t>(start) : n] = 0;
            for (int d = w.from; d < w.to; ++d) {
                std::vector<double> next_most(n + 1, -1.0), next_least(n + 1, 1e18);
                const int pin = pins[ai * static_cast<size_t>(p.days) + static_cast<size_t>(d)];
                const int fixed_shift = pin >= 0 ? p.fixed[static_cast<size_t>(pin)].shift : -2;
                for (size_t prev = 0; prev <= n; ++prev) {
                    if (most[prev] < 0) continue;
                    if (fixed_shift == -2 || fixed_shift == -1) {
                        next_most[n] = std::max(next_most[n], most[prev]);
                        next_least[n] = std::min(next_least[n], least[prev]);
                    }
                    for (size_t s = 0; s < n; ++s) {
                        if (fixed_shift >= 0 && static_cast<int>(s) != fixed_shift) continue;
                        if (fixed_shift == -1) continue;
                        if (!RosterAllowed(p, static_cast<int>(ai), d, static_cast<int>(s))) continue;
                        if (prev < n && RestBetween(p.shifts[prev], p.shifts[s]) < p.min_rest_min) continue;
                        const double h = p.shifts[s].length_min / 60.0;
                        next_most[s] = std::max(next_most[s], most[prev] + h);
                        next_least[s] = std::min(next_least[s], least[prev] + h);
                    }
                }
                for (size_t s = 0; s <= n; ++s) {
                    if (next_most[s] < 0) next_least[s] = -1;
                }
                most = next_most;
                least = next_least;
            }
            double hi = -1, lo = 1e18;
            for (size_t s = 0; s <= n; ++s) {
                if (most[s] < 0) continue;
                hi = std::max(hi, most[s]);
                lo = std::min(lo, least[s]);
            }
            const double need = a.min_hours_week * w.share, cap = a.max_hours_week * w.share;
            char buf[400];
            if (ReachableHours(p, w.to - w.from, need, cap).first < 0) {
                std::string lengths;
                for (const RosterShift& s : p.shifts) lengths += (lengths.empty() ? "" : ", ") + HoursText(s.length_min);
                std::snprintf(buf, sizeof buf, "agent '%s': contracted for %.1f-%.1f h in days %d-%d, but no number of shifts (%s) adds up to that",
                              a.key.c_str(), need, cap, w.from, w.to - 1, lengths.c_str());
                out.emplace_back(buf);
            } else if (hi < 0) {
                std::snprintf(buf, sizeof buf, "agent '%s': the days fixed in days %d-%d cannot all be kept with %s of rest",
                              a.key.c_str(), w.from, w.to - 1, HoursText(p.min_rest_min).c_str());
                out.emplace_back(buf);
            } else if (hi + 1e-9 < need) {
                bool has_fixed = false;
                for (int d = w.from; d < w.to; ++d) has_fixed |= pins[ai * static_cast<size_t>(p.days) + static_cast<size_t>(d)] >= 0;
                std::snprintf(buf, sizeof buf,
                              "agent '%s': contracted for at least %.1f h in days %d-%d, but its availability, days off%s "
                              "and %d h rest allow at most %.1f h",
                              a.key.c_str(), need, w.from, w.to - 1, has_fixed ? ", fixed days" : "", p.min_rest_min / 60, hi);
                out.emplace_back(buf);
            } else if (lo - 1e-9 > cap) {
                std::snprintf(buf, sizeof buf,
                              "agent '%s': contracted for at most %.1f h in days %d-%d, but the days fixed by hand already "
                              "come to %.1f h",
                              a.key.c_str(), cap, w.from, w.to - 1, lo);
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
    const std::vector<int> pins = PinIndex(p);
    // x[a][d][s] for the allowed combinations only; -1 otherwise.
    std::vector<int> var(static_cast<size_t>(na * days * ns), -1);
    auto at = [&](int a, int d, int s) -> int& { return var[static_cast<size_t>((a * days + d) * ns + s)]; };
    for (int a = 0; a < na; ++a) {
        const RosterAgent& ag = p.agents[static_cast<size_t>(a)];
        const int before = ShiftBefore(p, static_cast<size_t>(a));
        for (int d = 0; d < days; ++d) {
            const int pin = pins[static_cast<size_t>(a) * static_cast<size_t>(days) + static_cast<size_t>(d)];
            for (int s = 0; s < ns; ++s) {
                const RosterShift& sh = p.shifts[static_cast<size_t>(s)];
                if (!RosterAllowed(p, a, d, s)) continue;
                double cost = wt.staffed_hour * sh.length_min / 60.0;
                if (Has(ag.avoided_shifts, sh.name)) cost += wt.preference;
                if (!ag.preferred_shifts.empty() && !Has(ag.preferred_shifts, sh.name)) cost += wt.preference;
                double lower = 0, upper = 1;
                if (pin >= 0) {
                    const int fixed = p.fixed[static_cast<size_t>(pin)].shift;
                    lower = upper = fixed == s ? 1 : 0;
                }
                // The shift worked the day before the horizon leaves too little rest.
                if (d == 0 && before >= 0 && RestBetween(p.shifts[static_cast<size_t>(before)], sh) < p.min_rest_min) upper = 0;
                if (lower > upper) lower = upper;
                at(a, d, s) = mip.AddVar("x " + ag.key + " day " + std::to_string(d) + " " + sh.name, lower, upper, cost);
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
            // The bounds tightened to the hours the shifts can add up to (with 8-hour shifts, 36-40 h
            // is 40 h): the same integer roster, a much stronger LP relaxation.
            const auto [lo, hi] = ReachableHours(p, w.to - w.from, ag.min_hours_week * w.share, ag.max_hours_week * w.share);
            mip.AddRow("contracted hours: " + ag.key + " days " + std::to_string(w.from) + "-" + std::to_string(w.to - 1),
                       lo >= 0 ? lo : ag.min_hours_week * w.share, hi >= 0 ? hi : ag.max_hours_week * w.share, hours);
        }
    }
    // Coverage per skill, and in total (an agent with two skills is one person). Segments: the
    // runs of intervals where the same shift-days work. One row per segment sums them into a
    // coverage variable; each interval compares that variable with its need (intervals of a
    // segment with the same need share one understaffing variable, its cost times their number).
    const int horizon = p.horizon_intervals();
    std::vector<int> cuts{0, horizon};
    for (int d = 0; d < days; ++d) {
        for (const RosterShift& sh : p.shifts) {
            const auto [first, last] = Covered(p, d, sh);
            if (first < horizon) {
                cuts.push_back(first);
                cuts.push_back(last);
            }
        }
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    const int segments = static_cast<int>(cuts.size()) - 1;
    std::vector<int> segment_of(static_cast<size_t>(horizon), 0);
    for (int k = 0; k < segments; ++k)
        for (int t = cuts[static_cast<size_t>(k)]; t < cuts[static_cast<size_t>(k + 1)]; ++t) segment_of[static_cast<size_t>(t)] = k;
    // The assignment variables working in each segment.
    std::vector<std::vector<size_t>> working(static_cast<size_t>(segments));
    for (size_t i = 0; i < m.x.size(); ++i) {
        const RosterModel::Assignment& as = m.x[i];
        const auto [first, last] = Covered(p, as.day, p.shifts[static_cast<size_t>(as.shift)]);
        if (first >= last) continue;
        for (int k = segment_of[static_cast<size_t>(first)]; k < segments && cuts[static_cast<size_t>(k)] < last; ++k) working[static_cast<size_t>(k)].push_back(i);
    }
    auto cover = [&](const std::string& what, const std::vector<int>& need, auto has_skill) {
        for (int k = 0; k < segments; ++k) {
            const int from = cuts[static_cast<size_t>(k)], to = cuts[static_cast<size_t>(k + 1)];
            std::map<int, int> needs;  // need -> intervals of the segment with it
            for (int t = from; t < to; ++t) {
                if (need[static_cast<size_t>(t)] > 0) ++needs[need[static_cast<size_t>(t)]];
            }
            if (needs.empty()) continue;
            std::vector<std::pair<int, double>> sum;
            for (size_t i : working[static_cast<size_t>(k)]) {
                if (has_skill(m.x[i].agent)) sum.emplace_back(static_cast<int>(i), 1.0);
            }
            int coverage = -1;
            if (!sum.empty()) {
                coverage = mip.AddVar("coverage " + what + " from interval " + std::to_string(from), 0, kInf, 0, false);
                sum.emplace_back(coverage, -1.0);
                mip.AddRow("coverage " + what + " intervals " + std::to_string(from) + "-" + std::to_string(to - 1), 0, 0, sum);
            }
            for (const auto& [r, count] : needs) {
                const int under = mip.AddVar("understaffed " + what + " from interval " + std::to_string(from) + " need " + std::to_string(r),
                                             0, kInf, wt.understaffed * count, false);
                std::vector<std::pair<int, double>> row{{under, 1.0}};
                if (coverage >= 0) row.emplace_back(coverage, 1.0);
                mip.AddRow("need " + std::to_string(r) + " " + what + " intervals " + std::to_string(from) + "-" + std::to_string(to - 1), r,
                           kInf, row);
            }
        }
    };
    std::vector<int> total_need(static_cast<size_t>(horizon), 0);
    for (const auto& entry : p.required) {
        const std::string& skill = entry.first;
        for (int t = 0; t < horizon; ++t) total_need[static_cast<size_t>(t)] += std::max(0, entry.second[static_cast<size_t>(t)]);
        cover(skill, entry.second, [&](int agent) { return Has(p.agents[static_cast<size_t>(agent)].skills, skill); });
    }
    if (p.required.size() > 1) cover("total", total_need, [](int) { return true; });
    // Fairness: the spread between the agents with the most and the fewest nights (weekend
    // shifts), over the agents who can work them at all, counting what came before.
    auto spread = [&](const char* what, double weight, const std::vector<int>& before, auto counts_shift) {
        if (weight <= 0) return;
        const std::vector<char> eligible = Eligible(p, counts_shift);
        int n_eligible = 0;
        for (char e : eligible) n_eligible += e;
        if (n_eligible < 2) return;
        std::vector<std::vector<std::pair<int, double>>> per_agent(static_cast<size_t>(na));
        for (size_t i = 0; i < m.x.size(); ++i) {
            const RosterModel::Assignment& as = m.x[i];
            if (counts_shift(as.day, as.shift)) per_agent[static_cast<size_t>(as.agent)].emplace_back(static_cast<int>(i), 1.0);
        }
        // Integer: counts are whole, and branching on them proves a spread of 1 quickly.
        const int most = mip.AddVar(std::string("most ") + what, 0, kInf, weight, true);
        const int fewest = mip.AddVar(std::string("fewest ") + what, 0, kInf, -weight, true);
        for (int a = 0; a < na; ++a) {
            if (!eligible[static_cast<size_t>(a)]) continue;
            const double had = Before(before, static_cast<size_t>(a));
            auto row = per_agent[static_cast<size_t>(a)];
            auto hi = row;
            hi.emplace_back(most, -1.0);
            mip.AddRow(std::string(what) + " at most: " + p.agents[static_cast<size_t>(a)].key, -kInf, -had, hi);
            row.emplace_back(fewest, -1.0);
            mip.AddRow(std::string(what) + " at least: " + p.agents[static_cast<size_t>(a)].key, -had, kInf, row);
        }
    };
    spread("nights", wt.night_spread, p.before.nights, [&](int d, int s) { return NightShift(p, d, s); });
    spread("weekend shifts", wt.weekend_spread, p.before.weekend_shifts, [&](int d, int) { return p.weekend(d); });
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
    st.total_required.assign(static_cast<size_t>(horizon), 0);
    for (const auto& [skill, need] : p.required) {
        st.coverage[skill].assign(static_cast<size_t>(horizon), 0);
        for (int t = 0; t < horizon && t < static_cast<int>(need.size()); ++t) st.total_required[static_cast<size_t>(t)] += std::max(0, need[static_cast<size_t>(t)]);
    }
    const std::vector<Week> weeks = Weeks(p);
    st.weeks = static_cast<int>(weeks.size());
    st.hours_per_week.assign(p.agents.size() * weeks.size(), 0.0);
    st.nights.assign(p.agents.size(), 0);
    st.weekend_shifts.assign(p.agents.size(), 0);
    for (size_t a = 0; a < p.agents.size() && a < r.shift.size(); ++a) {
        const RosterAgent& ag = p.agents[a];
        for (int d = 0; d < p.days && d < static_cast<int>(r.shift[a].size()); ++d) {
            const int s = r.shift[a][static_cast<size_t>(d)];
            if (s < 0 || s >= static_cast<int>(p.shifts.size())) continue;
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
    if (p.required.size() > 1) {
        for (int t = 0; t < horizon; ++t) {
            st.understaffed_total += std::max(0, st.total_required[static_cast<size_t>(t)] - st.total_coverage[static_cast<size_t>(t)]);
        }
    }
    return st;
}

double RosterObjective(const RosterProblem& p, const Roster& r) {
    const RosterStats st = Evaluate(p, r);
    const RosterWeights& wt = p.weights;
    double cost = 0;
    for (size_t a = 0; a < p.agents.size() && a < r.shift.size(); ++a) {
        for (int d = 0; d < p.days && d < static_cast<int>(r.shift[a].size()); ++d) {
            const int s = r.shift[a][static_cast<size_t>(d)];
            if (s >= 0 && s < static_cast<int>(p.shifts.size())) cost += wt.staffed_hour * p.shifts[static_cast<size_t>(s)].length_min / 60.0;
        }
    }
    cost += wt.preference * st.preference_misses;
    cost += wt.understaffed * static_cast<double>(st.understaffed_agent_intervals + st.understaffed_total);
    auto spread = [&](double weight, const std::vector<int>& counts, const std::vector<int>& before, const std::vector<char>& eligible) {
        if (weight <= 0) return 0.0;
        int most = 0, fewest = 0, n = 0;
        for (size_t a = 0; a < p.agents.size(); ++a) {
            if (!eligible[a]) continue;
            const int c = counts[a] + Before(before, a);
            most = n == 0 ? c : std::max(most, c);
            fewest = n == 0 ? c : std::min(fewest, c);
            ++n;
        }
        return n < 2 ? 0.0 : weight * (most - fewest);
    };
    cost += spread(wt.night_spread, st.nights, p.before.nights, Eligible(p, [&](int d, int s) { return NightShift(p, d, s); }));
    cost += spread(wt.weekend_spread, st.weekend_shifts, p.before.weekend_shifts, Eligible(p, [&](int d, int) { return p.weekend(d); }));
    return cost;
}

std::vector<std::string> CheckRoster(const RosterProblem& p, const Roster& r) {
    std::vector<std::string> broken;
    if (r.shift.size() != p.agents.size()) {
        broken.push_back("the roster has " + std::to_string(r.shift.size()) + " agents, the problem " + std::to_string(p.agents.size()));
        return broken;
    }
    for (const auto& row : r.shift) {
        if (static_cast<int>(row.size()) != p.days) {
            broken.push_back("an agent's row has " + std::to_string(row.size()) + " days, the problem " + std::to_string(p.days));
            return broken;
        }
        for (int s : row) {
            if (s < -1 || s >= static_cast<int>(p.shifts.size())) {
                broken.push_back("a shift index is not a shift");
                return broken;
            }
        }
    }
    const std::vector<Week> weeks = Weeks(p);
    const RosterStats st = Evaluate(p, r);
    for (size_t a = 0; a < p.agents.size(); ++a) {
        const RosterAgent& ag = p.agents[a];
        for (int d = 0; d < p.days; ++d) {
            const int s = r.shift[a][static_cast<size_t>(d)];
            if (s < 0) continue;
            const RosterShift& sh = p.shifts[static_cast<size_t>(s)];
            if (!RosterAllowed(p, static_cast<int>(a), d, s)) {
                broken.push_back(ag.key + " " + DayText(p, d) + ": " + ShiftText(sh) + " outside availability or on a day off");
            }
            const int prev = d > 0 ? r.shift[a][static_cast<size_t>(d - 1)] : ShiftBefore(p, a);
            if (prev >= 0 && RestBetween(p.shifts[static_cast<size_t>(prev)], sh) < p.min_rest_min) {
                const int rest = RestBetween(p.shifts[static_cast<size_t>(prev)], sh);
                broken.push_back(ag.key + " " + DayText(p, d) + ": " + ShiftText(sh) +
                                 (rest < 0 ? " overlaps " : " leaves " + HoursText(rest) + " of rest after ") +
                                 p.shifts[static_cast<size_t>(prev)].name + ", less than " + HoursText(p.min_rest_min));
            }
        }
        for (size_t w = 0; w < weeks.size(); ++w) {
            const double h = st.hours_per_week[a * weeks.size() + w];
            if (h + 1e-6 < ag.min_hours_week * weeks[w].share || h - 1e-6 > ag.max_hours_week * weeks[w].share) {
                char buf[200];
                std::snprintf(buf, sizeof buf, "%s week %zu: %.1f h, contracted %.1f-%.1f h", ag.key.c_str(), w + 1, h,
                              ag.min_hours_week * weeks[w].share, ag.max_hours_week * weeks[w].share);
                broken.emplace_back(buf);
            }
        }
    }
    for (const RosterPin& f : p.fixed) {
        if (f.agent < 0 || f.agent >= static_cast<int>(p.agents.size()) || f.day < 0 || f.day >= p.days) continue;
        const int got = r.shift[static_cast<size_t>(f.agent)][static_cast<size_t>(f.day)];
        if (got != f.shift) {
            broken.push_back(p.agents[static_cast<size_t>(f.agent)].key + " " + DayText(p, f.day) + ": fixed to " +
                             (f.shift < 0 ? std::string("off") : p.shifts[static_cast<size_t>(f.shift)].name) + ", rostered " +
                             (got < 0 ? std::string("off") : p.shifts[static_cast<size_t>(got)].name));
        }
    }
    return broken;
}

RosterProblem RosterPart(const RosterProblem& p, int from, int to, const Roster& done) {
    RosterProblem q = p;
    from = std::clamp(from, 0, p.days);
    to = std::clamp(to, from, p.days);
    q.days = to - from;
    q.first_weekday = p.weekday(from);
    q.start_date.clear();
    const int ipd = p.intervals_per_day();
    for (auto& [skill, need] : q.required) {
        const std::vector<int>& all = p.required.at(skill);
        need.assign(all.begin() + from * ipd, all.begin() + to * ipd);
    }
    for (RosterAgent& a : q.agents) {
        std::vector<int> off;
        for (int d : a.days_off) {
            if (d >= from && d < to) off.push_back(d - from);
        }
        a.days_off = off;
    }
    q.fixed.clear();
    for (const RosterPin& f : p.fixed) {
        if (f.day >= from && f.day < to) q.fixed.push_back({f.agent, f.day - from, f.shift});
    }
    const size_t na = p.agents.size();
    q.before.shift_day_before.assign(na, -1);
    q.before.nights.assign(na, 0);
    q.before.weekend_shifts.assign(na, 0);
    for (size_t a = 0; a < na; ++a) {
        q.before.nights[a] = Before(p.before.nights, a);
        q.before.weekend_shifts[a] = Before(p.before.weekend_shifts, a);
        q.before.shift_day_before[a] = from == 0 ? ShiftBefore(p, a) : -1;
        if (a >= done.shift.size()) continue;
        for (int d = 0; d < from && d < static_cast<int>(done.shift[a].size()); ++d) {
            const int s = done.shift[a][static_cast<size_t>(d)];
            if (s < 0) continue;
            if (p.shifts[static_cast<size_t>(s)].night) ++q.before.nights[a];
            if (p.weekend(d)) ++q.before.weekend_shifts[a];
        }
        if (from > 0 && from - 1 < static_cast<int>(done.shift[a].size())) q.before.shift_day_before[a] = done.shift[a][static_cast<size_t>(from - 1)];
    }
    return q;
}

}  // namespace cb::wfm
