#include "server/cli/roster_command.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "core/wfm/roster.h"
#include "core/wfm/roster_breaks.h"
#include "core/wfm/roster_json.h"
#include "server/wfm/roster_solver.h"

namespace cb {
namespace {

constexpr const char* kRosterHelp =
    "usage: callboard roster FILE [--json] [--time-limit SECONDS] [--breaks]\n"
    "\n"
    "Solves the roster problem in FILE (JSON: shift templates, agents with skills, contracted\n"
    "hours, availability and days off, the requirement per skill and interval, days fixed by hand;\n"
    "format in docs/wfm.md) as an integer program with COIN-OR CBC: which agent works which shift\n"
    "on which day, keeping at most one shift a day, the minimum rest, availability, days off and\n"
    "contracted hours, covering the requirement where the staff allows and spreading nights,\n"
    "weekend shifts and preferences fairly. Prints each agent's week, the understaffed intervals\n"
    "and how the solve went (optimal, or feasible with the gap to the proven bound).\n"
    "--time-limit  wall-clock limit for the solver (default 60 s)\n"
    "--breaks      also place each shift's breaks and lunches\n"
    "--json        print one JSON object instead\n"
    "Exit code 0 with a roster; 1 when no roster exists (the constraint that cannot be met is\n"
    "named) or none was found in time; 2 for a mistake on the command line or in the file.\n"
    "Example: callboard roster week.json --time-limit 10 --json\n";

int Usage(const std::string& why) {
    std::fprintf(stderr, "callboard roster: %s\n", why.c_str());
    return 2;
}

void PrintText(const wfm::RosterProblem& p, const wfm::RosterSolution& s, const std::vector<wfm::PlacedBreak>& breaks) {
    const wfm::RosterStats st = wfm::Evaluate(p, s.roster);
    std::printf("Roster: %zu agents x %d days from %s, %zu shift templates\n", p.agents.size(), p.days,
                p.start_date.empty() ? wfm::WeekdayName(p.first_weekday) : p.start_date.c_str(), p.shifts.size());
    if (s.info.gap < 0) {
        std::printf("Solve: %s in %.2f s, objective %.2f, no lower bound proven in time (gap unknown)%s\n", s.info.status.c_str(),
                    s.info.seconds, s.info.objective, s.info.parts > 1 ? " (solved week by week)" : "");
    } else {
        std::printf("Solve: %s in %.2f s, objective %.2f, proven lower bound %.2f, gap %.2f %%%s\n", s.info.status.c_str(), s.info.seconds,
                    s.info.objective, s.info.best_bound, s.info.gap * 100, s.info.parts > 1 ? " (solved week by week)" : "");
    }
    size_t width = 5;
    for (const auto& a : p.agents) width = std::max(width, a.key.size());
    std::printf("%-*s", static_cast<int>(width), "agent");
    for (int d = 0; d < p.days; ++d) std::printf(" %-5s", wfm::WeekdayShort(p.weekday(d)));
    std::printf("  hours  nights  weekends\n");
    for (size_t a = 0; a < p.agents.size(); ++a) {
        std::printf("%-*s", static_cast<int>(width), p.agents[a].key.c_str());
        double hours = 0;
        for (int d = 0; d < p.days; ++d) {
            const int sh = s.roster.shift[a][static_cast<size_t>(d)];
            if (sh >= 0) hours += p.shifts[static_cast<size_t>(sh)].length_min / 60.0;
            std::printf(" %-5.5s", sh < 0 ? "-" : p.shifts[static_cast<size_t>(sh)].name.c_str());
        }
        std::printf("  %5.1f  %6d  %8d\n", hours, st.nights[a], st.weekend_shifts[a]);
    }
    std::printf("Understaffed: %lld agent-intervals over the skills", static_cast<long long>(st.understaffed_agent_intervals));
    const int ipd = p.intervals_per_day();
    int listed = 0;
    for (const auto& [skill, need] : p.required) {
        const auto& have = st.coverage.at(skill);
        for (size_t t = 0; t < need.size(); ++t) {
            if (have[t] >= need[t]) continue;
            if (listed == 0) std::printf(":\n");
            if (++listed > 20) continue;
            std::printf("  %s day %d %s: need %d, have %d\n", skill.c_str(), static_cast<int>(t) / ipd,
                        wfm::ClockText((static_cast<int>(t) % ipd) * p.interval_min).c_str(), need[t], have[t]);
        }
    }
    if (listed > 20) std::printf("  ... and %d more intervals (--json lists them all)\n", listed - 20);
    if (listed == 0) std::printf("\n");
    std::printf("Preference misses: %d\n", st.preference_misses);
    if (!breaks.empty()) std::printf("Breaks placed: %zu\n", breaks.size());
}

}  // namespace

bool IsRosterCommand(const std::vector<std::string_view>& args) { return !args.empty() && args[0] == "roster"; }

int RunRosterCommand(const std::vector<std::string_view>& args) {
    std::string file;
    bool json = false, with_breaks = false;
    double limit = 60;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (a == "--help" || a == "-h") {
            std::fputs(kRosterHelp, stdout);
            return 0;
        }
        if (a == "--json") {
            json = true;
        } else if (a == "--breaks") {
            with_breaks = true;
        } else if (a == "--time-limit") {
            if (i + 1 >= args.size()) return Usage("--time-limit: needs a value in seconds (callboard roster --help)");
            const std::string v(args[++i]);
            char* end = nullptr;
            limit = std::strtod(v.c_str(), &end);
            if (v.empty() || end != v.c_str() + v.size() || !std::isfinite(limit) || limit < 0.1 || limit > 86400)
                return Usage("--time-limit: '" + v + "' is not a number of seconds from 0.1 to 86400");
        } else if (!a.empty() && a[0] == '-') {
            return Usage(std::string(a) + ": not an option of callboard roster (callboard roster --help)");
        } else if (file.empty()) {
            file = std::string(a);
        } else {
            return Usage("one problem file only ('" + file + "' and '" + std::string(a) + "')");
        }
    }
    if (file.empty()) return Usage("a problem file is required (callboard roster --help)");
    std::ifstream in(file, std::ios::binary);
    if (!in) return Usage(file + ": cannot be read");
    std::stringstream buf;
    buf << in.rdbuf();
    wfm::RosterProblem p;
    std::string error;
    if (!wfm::RosterProblemFromJson(buf.str(), &p, &error)) return Usage(file + ": " + error);
    error = wfm::ValidateRoster(p);
    if (!error.empty()) return Usage(file + ": " + error);
    wfm::RosterSolveOptions options;
    options.max_seconds = limit;
    const wfm::RosterSolution s = wfm::SolveRoster(p, options);
    if (!s.ok) {
        if (json) {
            std::printf("%s\n", nlohmann::json{{"status", s.info.status}, {"why", s.why}}.dump(2).c_str());
        } else {
            std::fprintf(stderr, "callboard roster: no roster (%s):\n", s.info.status.c_str());
            for (const std::string& w : s.why) std::fprintf(stderr, "  %s\n", w.c_str());
        }
        return 1;
    }
    std::vector<wfm::PlacedBreak> breaks;
    std::vector<std::string> break_why;
    if (with_breaks) breaks = wfm::PlaceRosterBreaks(p, s.roster, &break_why);
    if (json) {
        nlohmann::json out = nlohmann::json::parse(wfm::RosterResultJson(p, s.roster, s.info));
        if (with_breaks) {
            wfm::RosterDoc doc;
            doc.problem = p;
            doc.roster = s.roster;
            doc.breaks = breaks;
            doc.solve = s.info;
            out["breaks"] = nlohmann::json::parse(wfm::RosterDocToJson(doc, {}))["breaks"];
            out["break_problems"] = break_why;
        }
        std::printf("%s\n", out.dump(2).c_str());
    } else {
        PrintText(p, s, breaks);
        for (const std::string& w : break_why) std::printf("Breaks: %s\n", w.c_str());
    }
    return 0;
}

}  // namespace cb
