// A roster's breaks and the schedule that results (roster_breaks.h).
#include "roster_breaks.h"

#include <algorithm>
#include "core/tz.h"

namespace cb::wfm {

DayBreakProblem RosterDayBreaks(const RosterProblem& p, const Roster& r, int day, double shortfall_cost) {
    DayBreakProblem d;
    BreakProblem& bp = d.problem;
    constexpr int kPeriodsPerDay = 1440 / kBreakPeriodMin;
    bp.periods = 2 * kPeriodsPerDay;
    bp.shortfall_cost = shortfall_cost;
    bp.min_coverage.assign(static_cast<size_t>(bp.periods), 0);
    const int ipd = p.intervals_per_day();
    for (int t = 0; t < bp.periods; ++t) {
        const int interval = day * ipd + (t * kBreakPeriodMin) / p.interval_min;
        if (interval >= p.horizon_intervals()) break;
        int need = 0;
        for (const auto& [skill, req] : p.required) need += std::max(0, req[static_cast<size_t>(interval)]);
        bp.min_coverage[static_cast<size_t>(t)] = need;
    }
    for (size_t a = 0; a < p.agents.size() && a < r.shift.size(); ++a) {
        if (day < 0 || day >= static_cast<int>(r.shift[a].size())) continue;
        const int s = r.shift[a][static_cast<size_t>(day)];
        if (s < 0 || s >= static_cast<int>(p.shifts.size())) continue;
        const RosterShift& sh = p.shifts[static_cast<size_t>(s)];
        BreakShift b;
        b.agent = p.agents[a].key;
        b.start = sh.start_min / kBreakPeriodMin;
        b.end = std::min(bp.periods, (sh.start_min + sh.length_min) / kBreakPeriodMin);
        for (const ShiftBreak& rule : sh.breaks) {
            b.breaks.push_back({rule.name, rule.length_min / kBreakPeriodMin, rule.after_min / kBreakPeriodMin,
                                rule.before_end_min / kBreakPeriodMin});
        }
        bp.shifts.push_back(std::move(b));
        d.agent_of.push_back(static_cast<int>(a));
        d.shift_of.push_back(s);
    }
    return d;
}

std::vector<PlacedBreak> PlacedBreaksOf(const RosterProblem& p, const DayBreakProblem& d, int day, const BreakPlan& plan) {
    std::vector<PlacedBreak> out;
    for (size_t i = 0; i < d.problem.shifts.size() && i < plan.start.size(); ++i) {
        const RosterShift& sh = p.shifts[static_cast<size_t>(d.shift_of[i])];
        for (size_t k = 0; k < plan.start[i].size() && k < sh.breaks.size(); ++k) {
            if (plan.start[i][k] < 0) continue;
            const ShiftBreak& rule = sh.breaks[k];
            out.push_back({d.agent_of[i], day, static_cast<int>(k), plan.start[i][k] * kBreakPeriodMin, rule.length_min, rule.lunch, rule.name});
        }
    }
    return out;
}

std::vector<std::string> CheckRosterBreaks(const RosterProblem& p, const Roster& r, const std::vector<PlacedBreak>& breaks) {
    std::vector<std::string> broken;
    for (size_t a = 0; a < p.agents.size() && a < r.shift.size(); ++a) {
        for (int day = 0; day < p.days && day < static_cast<int>(r.shift[a].size()); ++day) {
            const int s = r.shift[a][static_cast<size_t>(day)];
            std::vector<const PlacedBreak*> mine;
            for (const PlacedBreak& b : breaks) {
                if (b.agent == static_cast<int>(a) && b.day == day) mine.push_back(&b);
            }
            const std::string who = p.agents[a].key + " day " + std::to_string(day);
            if (s < 0) {
                if (!mine.empty()) broken.push_back(who + ": a break on a day off");
                continue;
            }
            const RosterShift& sh = p.shifts[static_cast<size_t>(s)];
            std::sort(mine.begin(), mine.end(), [](const PlacedBreak* x, const PlacedBreak* y) { return x->rule < y->rule; });
            int prev_end = -1;
            for (size_t k = 0; k < sh.breaks.size(); ++k) {
                const ShiftBreak& rule = sh.breaks[k];
                const PlacedBreak* b = nullptr;
                for (const PlacedBreak* m : mine) {
                    if (m->rule == static_cast<int>(k)) b = b ? b : m;
                }
                if (!b) {
                    broken.push_back(who + ": " + rule.name + " not placed");
                    continue;
                }
                const int first = sh.start_min + rule.after_min;
                const int last_end = sh.start_min + sh.length_min - rule.before_end_min;
                if (b->start_min < first || b->start_min + b->length_min > last_end) {
                    broken.push_back(who + ": " + rule.name + " at " + ClockText(b->start_min) + " outside its window " + ClockText(first) +
                                     "-" + ClockText(last_end));
                }
                if (b->length_min != rule.length_min) broken.push_back(who + ": " + rule.name + " is not " + std::to_string(rule.length_min) + " min");
                if (b->start_min < prev_end) broken.push_back(who + ": " + rule.name + " overlaps or comes before the break before it");
                prev_end = b->start_min + b->length_min;
            }
            if (mine.size() > sh.breaks.size()) broken.push_back(who + ": more breaks than the shift has");
        }
    }
    return broken;
}

int64_t RosterInstant(const TimeZone& zone, const CivilDate& day0, int day, int minute) {
    const int64_t days = DaysFromCivil(day0) + day + minute / 1440;
    CivilTime local;
    local.date = CivilFromDays(days);
    local.hour = (minute % 1440) / 60;
    local.minute = minute % 60;
    return zone.ToUtc(local);
}

std::vector<Planned> Overlay(std::vector<Planned> base, const std::vector<Planned>& over) {
    for (const Planned& o : over) {
        if (o.end_ms <= o.start_ms) continue;
        std::vector<Planned> next;
        for (const Planned& b : base) {
            if (b.end_ms <= o.start_ms || b.start_ms >= o.end_ms) {
                next.push_back(b);
                continue;
            }
            if (b.start_ms < o.start_ms) next.push_back({b.start_ms, o.start_ms, b.activity});
            if (b.end_ms > o.end_ms) next.push_back({o.end_ms, b.end_ms, b.activity});
        }
        next.push_back(o);
        base = std::move(next);
    }
    std::sort(base.begin(), base.end(), [](const Planned& a, const Planned& b) { return a.start_ms < b.start_ms; });
    return base;
}

std::vector<Planned> AgentDayPlan(const RosterProblem& p, const Roster& r, const std::vector<PlacedBreak>& breaks, int agent,
                                  int day, const TimeZone& zone, const CivilDate& day0, const std::vector<Planned>& extra) {
    std::vector<Planned> plan;
    if (agent < 0 || agent >= static_cast<int>(r.shift.size()) || day < 0 || day >= static_cast<int>(r.shift[static_cast<size_t>(agent)].size())) return plan;
    const int s = r.shift[static_cast<size_t>(agent)][static_cast<size_t>(day)];
    if (s < 0 || s >= static_cast<int>(p.shifts.size())) return plan;
    const RosterShift& sh = p.shifts[static_cast<size_t>(s)];
    const int64_t start = RosterInstant(zone, day0, day, sh.start_min);
    const int64_t end = start + int64_t{sh.length_min} * 60000;
    plan.push_back({start, end, Activity::OnQueue});
    std::vector<Planned> away;
    for (const PlacedBreak& b : breaks) {
        if (b.agent != agent || b.day != day) continue;
        const int64_t from = start + int64_t{b.start_min - sh.start_min} * 60000;
        away.push_back({from, from + int64_t{b.length_min} * 60000, b.lunch ? Activity::Lunch : Activity::Break});
    }
    plan = Overlay(std::move(plan), away);
    return Overlay(std::move(plan), extra);
}

}  // namespace cb::wfm
