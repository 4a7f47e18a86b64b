#include "server/wfm/roster_solver.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include "server/wfm/mip_solver.h"

namespace cb::wfm {
namespace {

double Since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string NoRosterWhy(const MipSolution& s, double seconds) {
    if (s.status == MipSolution::Status::Infeasible)
        return "no roster keeps every hard rule at once (one shift a day, rest, availability, days off, contracted hours, "
               "fixed days); loosen the contracts or the fixed days";
    if (s.status == MipSolution::Status::NoSolution) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "no roster found within %.0f s; allow more time", seconds);
        return buf;
    }
    return "the solver failed: " + s.message;
}

}  // namespace

RosterSolution SolveRoster(const RosterProblem& p, const RosterSolveOptions& options) {
    RosterSolution out;
    const auto start = std::chrono::steady_clock::now();
    out.why = ExplainRosterInfeasible(p);
    if (!out.why.empty()) {
        out.info.status = "infeasible";
        return out;
    }
    if (p.days <= options.max_whole_days) {
        const RosterModel model = BuildRoster(p);
        const MipSolution s = SolveMip(model.mip, MipOptions{options.max_seconds, options.relative_gap, options.threads});
        out.info.status = MipStatusName(s.status);
        out.info.seconds = Since(start);
        if (!s.has_solution()) {
            out.why.push_back(NoRosterWhy(s, options.max_seconds));
            return out;
        }
        out.ok = true;
        out.roster = ReadRoster(p, model, s);
        out.info.objective = s.objective;
        out.info.best_bound = s.best_bound;
        out.info.gap = s.gap;
        return out;
    }
    // Week by week, each part given an equal share of the time left (a fifth kept for the bound).
    Roster done;
    done.shift.assign(p.agents.size(), std::vector<int>(static_cast<size_t>(p.days), -1));
    const int parts = (p.days + 6) / 7;
    for (int w = 0; w < parts; ++w) {
        const int from = w * 7, to = std::min(p.days, from + 7);
        const RosterProblem part = RosterPart(p, from, to, done);
        const double left = options.max_seconds * 0.8 - Since(start);
        const double budget = std::max(1.0, left / (parts - w));
        const RosterModel model = BuildRoster(part);
        const MipSolution s = SolveMip(model.mip, MipOptions{budget, options.relative_gap, options.threads});
        if (!s.has_solution()) {
            out.info.status = MipStatusName(s.status);
            out.info.seconds = Since(start);
            out.why.push_back("days " + std::to_string(from) + "-" + std::to_string(to - 1) + ": " + NoRosterWhy(s, budget));
            return out;
        }
        const Roster r = ReadRoster(part, model, s);
        for (size_t a = 0; a < p.agents.size(); ++a)
            for (int d = from; d < to; ++d) done.shift[a][static_cast<size_t>(d)] = r.shift[a][static_cast<size_t>(d - from)];
    }
    out.ok = true;
    out.roster = std::move(done);
    out.info.parts = parts;
    out.info.objective = RosterObjective(p, out.roster);
    // The LP relaxation of the whole horizon bounds its optimum from below: the gap is that of
    // the whole roster. Without it in the time left the gap is unknown (-1), the status feasible.
    const MipSolution lp = SolveLpRelaxation(BuildRoster(p).mip, std::max(1.0, options.max_seconds - Since(start)));
    if (lp.has_solution()) {
        out.info.best_bound = lp.objective;
        out.info.gap = std::max(0.0, out.info.objective - lp.objective) / std::max(1.0, std::fabs(out.info.objective));
        out.info.status = out.info.gap < 1e-9 ? "optimal" : "feasible";
    } else {
        out.info.best_bound = 0;
        out.info.gap = -1;
        out.info.status = "feasible";
    }
    out.info.seconds = Since(start);
    return out;
}

std::vector<PlacedBreak> PlaceDayBreaks(const RosterProblem& p, const Roster& r, int day, std::string* why, double seconds) {
    const DayBreakProblem d = RosterDayBreaks(p, r, day);
    if (d.problem.shifts.empty()) return {};
    const std::string invalid = ValidateBreaks(d.problem);
    if (!invalid.empty()) {
        if (why) *why = "day " + std::to_string(day) + ": " + invalid;
        return {};
    }
    const BreakModel m = BuildBreaks(d.problem);
    const MipSolution s = SolveMip(m.mip, MipOptions{seconds, 0.01, 1});
    if (!s.has_solution()) {
        if (why) *why = "day " + std::to_string(day) + ": no break plan (" + std::string(MipStatusName(s.status)) + ")";
        return {};
    }
    return PlacedBreaksOf(p, d, day, ReadBreaks(d.problem, m, s));
}

std::vector<PlacedBreak> PlaceRosterBreaks(const RosterProblem& p, const Roster& r, std::vector<std::string>* why, double seconds_per_day) {
    std::vector<PlacedBreak> all;
    for (int day = 0; day < p.days; ++day) {
        std::string problem;
        std::vector<PlacedBreak> placed = PlaceDayBreaks(p, r, day, &problem, seconds_per_day);
        if (!problem.empty() && why) why->push_back(problem);
        all.insert(all.end(), placed.begin(), placed.end());
    }
    return all;
}

}  // namespace cb::wfm
