// Roster solving speed (bench/results/wfm_roster.md): a week for 14 agents (target <= 5 s) and
// four weeks for 200 agents (target <= 60 s, the optimality gap reported), on deterministic
// synthetic centers, solved by COIN-OR CBC as `callboard roster` and the API solve them. Every
// roster found is checked by the independent checker (hard rules) and its objective recomputed
// from the roster alone.
//
//   bench_wfm_roster [--case small|large|all] [--seconds S] [--whole] [--threads N] [--write FILE]
//
// --whole solves the large case as one program instead of week by week (for comparison);
// --write FILE writes the large case as a problem file for `callboard roster`.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include "core/wfm/roster.h"
#include "core/wfm/roster_json.h"
#include "server/wfm/roster_solver.h"

using namespace cb::wfm;

namespace {

std::vector<ShiftBreak> Breaks() {
    return {{"break", false, 15, 90, 240}, {"lunch", true, 30, 180, 150}, {"break", false, 15, 300, 60}};
}

// 14 agents, a week, 30-minute intervals; early / late / night shifts of 8 h; two skills.
RosterProblem Small() {
    RosterProblem p;
    p.days = 7;
    p.start_date = "2026-01-05";  // a Monday
    p.interval_min = 30;
    p.shifts = {{"early", 7 * 60, 8 * 60, false, Breaks()}, {"late", 14 * 60, 8 * 60, false, Breaks()}, {"night", 22 * 60, 8 * 60, true, Breaks()}};
    for (int i = 0; i < 14; ++i) {
        RosterAgent a;
        a.key = "a" + std::to_string(i);
        a.skills = i < 9 ? std::vector<std::string>{"phone"} : std::vector<std::string>{"phone", "vip"};
        a.min_hours_week = 32;
        a.max_hours_week = 40;
        if (i == 3) a.avoided_shifts = {"night"};
        if (i == 4) a.preferred_shifts = {"early"};
        if (i == 5) a.days_off = {2, 3};
        if (i == 6) {
            a.available_by_weekday.assign(7, {0, 0});
            for (int d = 0; d < 5; ++d) a.available_by_weekday[static_cast<size_t>(d)] = {14 * 60, 24 * 60};
            a.min_hours_week = 24;
        }
        p.agents.push_back(a);
    }
    const int ipd = p.intervals_per_day();
    std::vector<int> phone(static_cast<size_t>(p.horizon_intervals()), 0), vip(phone.size(), 0);
    for (int d = 0; d < 7; ++d) {
        for (int t = 0; t < ipd; ++t) {
            const double hour = t / 2.0;
            int base = hour >= 8 && hour < 20 ? (d >= 5 ? 2 : 4) : 1;
            if ((hour >= 6 && hour < 7) || (d == 0 && hour < 7)) base = 0;
            phone[static_cast<size_t>(d * ipd + t)] = base;
            vip[static_cast<size_t>(d * ipd + t)] = hour >= 9 && hour < 17 ? 1 : 0;
        }
    }
    p.required["phone"] = phone;
    p.required["vip"] = vip;
    return p;
}

// 200 agents, 4 weeks, 30-minute intervals, five 8-hour shifts, three skills, full- and
// part-time contracts, limited availability, fixed days off, preferences.
RosterProblem Large() {
    RosterProblem p;
    p.days = 28;
    p.start_date = "2026-01-05";
    p.interval_min = 30;
    p.shifts = {{"early", 7 * 60, 480, false, Breaks()},  {"day", 9 * 60, 480, false, Breaks()},
                {"mid", 12 * 60, 480, false, Breaks()},   {"late", 14 * 60, 480, false, Breaks()},
                {"night", 22 * 60, 480, true, Breaks()}};
    for (int i = 0; i < 200; ++i) {
        RosterAgent a;
        a.key = "agent" + std::to_string(1000 + i);
        a.skills = {"general"};
        if (i % 3 == 0) a.skills.push_back("billing");
        if (i % 10 == 0) a.skills.push_back("vip");
        if (i < 160) {
            a.min_hours_week = 36;
            a.max_hours_week = 40;
        } else {
            a.min_hours_week = 16;
            a.max_hours_week = 24;
        }
        if (i >= 160 && i < 180) {  // office hours on weekdays
            a.available_by_weekday.assign(7, {0, 0});
            for (int d = 0; d < 5; ++d) a.available_by_weekday[static_cast<size_t>(d)] = {9 * 60, 17 * 60};
        } else if (i >= 180) {  // evenings, any day
            a.available_by_weekday.assign(7, {14 * 60, 24 * 60});
        } else if (i % 7 == 3) {  // no nights
            a.available_by_weekday.assign(7, {6 * 60, 24 * 60});
        }
        if (i % 11 == 0) a.days_off = {2, 9, 16};
        if (i % 5 == 1) a.preferred_shifts = {"early", "day"};
        if (i % 6 == 2) a.avoided_shifts = {"night"};
        p.agents.push_back(a);
    }
    const int ipd = p.intervals_per_day();
    std::vector<int> general(static_cast<size_t>(p.horizon_intervals()), 0), billing(general.size(), 0), vip(general.size(), 0);
    for (int d = 0; d < p.days; ++d) {
        const bool weekend = p.weekend(d);
        for (int t = 0; t < ipd; ++t) {
            const int h = t / 2;
            int need = h < 6 ? 5 : h < 7 ? 0 : h < 9 ? 30 : h < 12 ? 52 : h < 17 ? 56 : h < 20 ? 40 : h < 22 ? 26 : 6;
            if (d == 0 && h < 7) need = 0;  // nobody works the night before the horizon
            if (weekend && h >= 7) need = need * 6 / 10;
            // A little variation from week to week (deterministic).
            if (h >= 9 && h < 17) need += ((d * 7 + h) % 5) - 2;
            general[static_cast<size_t>(d * ipd + t)] = need;
            billing[static_cast<size_t>(d * ipd + t)] = h >= 8 && h < 20 ? need / 4 : 0;
            vip[static_cast<size_t>(d * ipd + t)] = !weekend && h >= 9 && h < 17 ? 5 : 0;
        }
    }
    p.required["general"] = general;
    p.required["billing"] = billing;
    p.required["vip"] = vip;
    return p;
}

void Run(const char* name, const RosterProblem& p, const RosterSolveOptions& o) {
    const RosterModel model = BuildRoster(p);
    size_t nonzeros = 0;
    for (const auto& r : model.mip.rows) nonzeros += r.terms.size();
    std::printf("%s: %zu agents x %d days, %zu shifts, %zu skills; program %zu variables (%zu shift choices), %zu rows, %zu nonzeros\n",
                name, p.agents.size(), p.days, p.shifts.size(), p.required.size(), model.mip.vars.size(), model.x.size(),
                model.mip.rows.size(), nonzeros);
    const auto t0 = std::chrono::steady_clock::now();
    const RosterSolution s = SolveRoster(p, o);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!s.ok) {
        std::printf("  no roster (%s): %s\n", s.info.status.c_str(), s.why.empty() ? "" : s.why[0].c_str());
        return;
    }
    const RosterStats st = Evaluate(p, s.roster);
    const std::vector<std::string> broken = CheckRoster(p, s.roster);
    int64_t need = 0;
    for (const auto& [skill, v] : p.required)
        for (int x : v) need += x;
    int most = 0, fewest = 1 << 20;
    for (size_t a = 0; a < p.agents.size(); ++a) {
        most = std::max(most, st.nights[a]);
        fewest = std::min(fewest, st.nights[a]);
    }
    std::printf("  status %s, %d part%s, wall %.2f s (solver %.2f s)\n", s.info.status.c_str(), s.info.parts, s.info.parts == 1 ? "" : "s",
                wall, s.info.seconds);
    if (s.info.gap < 0) std::printf("  objective %.2f, no lower bound proven in the time left\n", s.info.objective);
    else std::printf("  objective %.2f, proven lower bound %.2f, gap %.3f %%\n", s.info.objective, s.info.best_bound, s.info.gap * 100);
    std::printf("  objective recomputed from the roster: %.2f; hard rules broken: %zu\n", RosterObjective(p, s.roster), broken.size());
    std::printf("  understaffed agent-intervals %lld of %lld needed (%.2f %%), total row %lld; preference misses %d; nights %d-%d per agent\n",
                static_cast<long long>(st.understaffed_agent_intervals), static_cast<long long>(need),
                need ? 100.0 * static_cast<double>(st.understaffed_agent_intervals) / static_cast<double>(need) : 0.0,
                static_cast<long long>(st.understaffed_total), st.preference_misses, fewest, most);
    for (size_t i = 0; i < broken.size() && i < 5; ++i) std::printf("    broken: %s\n", broken[i].c_str());
    const auto tb = std::chrono::steady_clock::now();
    std::vector<std::string> why;
    const std::vector<PlacedBreak> breaks = PlaceRosterBreaks(p, s.roster, &why);
    std::printf("  breaks: %zu placed over %d days in %.2f s, %zu rule(s) broken, %zu day(s) without a plan\n", breaks.size(), p.days,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - tb).count(),
                CheckRosterBreaks(p, s.roster, breaks).size(), why.size());
}

}  // namespace

int main(int argc, char** argv) {
    std::string which = "all", write;
    RosterSolveOptions o;
    o.max_seconds = 60;
    bool whole = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--case" && i + 1 < argc) which = argv[++i];
        else if (a == "--seconds" && i + 1 < argc) o.max_seconds = std::atof(argv[++i]);
        else if (a == "--threads" && i + 1 < argc) o.threads = std::atoi(argv[++i]);
        else if (a == "--whole") whole = true;
        else if (a == "--write" && i + 1 < argc) write = argv[++i];
        else {
            std::fprintf(stderr, "usage: bench_wfm_roster [--case small|large|all] [--seconds S] [--whole] [--threads N] [--write FILE]\n");
            return 2;
        }
    }
    if (!write.empty()) {
        std::ofstream(write) << RosterProblemToJson(Large()) << "\n";
        std::printf("wrote %s\n", write.c_str());
        return 0;
    }
    if (which == "small" || which == "all") {
        RosterSolveOptions small = o;
        small.max_seconds = std::min(o.max_seconds, 5.0);
        Run("14 agents x 1 week", Small(), small);
    }
    if (which == "large" || which == "all") {
        RosterSolveOptions large = o;
        if (whole) large.max_whole_days = 366;
        Run(whole ? "200 agents x 4 weeks (one program)" : "200 agents x 4 weeks (week by week)", Large(), large);
    }
    return 0;
}
