// Workforce-management speed (docs/wfm.md): staffing 672 intervals x 10 queues (one week of
// 15-minute intervals) with Erlang C and Erlang A, and a forecast of 10 queues from two years of
// 15-minute history - the core's plan alone (grid series in memory: back-test of the three
// methods, handle time, patience, 18 weeks ahead) and the whole path of GET /api/wfm/staffing
// and `callboard forecast` (MakePlan: reading 10 x 2 years of interval_counts rows from SQLite,
// laying them on the local days, planning, laying out and staffing the week asked for).
// Fixed seed; generation and writing the database are not timed; each measure is run 5 times and
// the median and best are reported.
// Usage: bench_wfm [--queues N] [--weeks N] [--db DIR]. Results: bench/results/wfm.md.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>
#include <time.h>
#include <unistd.h>

#include "core/tz.h"
#include "core/wfm/plan.h"
#include "core/wfm/plan_report.h"
#include "server/store/store.h"
#include "server/store/store_wfm.h"
#include "server/wfm/plan_service.h"

namespace {

using namespace cb;
using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

// Wall time, and the thread's CPU time (what the measure costs when the shared machine's other
// work keeps it waiting for a core).
double CpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct Stat {
    double median = 0, best = 0, cpu_median = 0;
};
template <typename F>
Stat Time(int runs, F&& f) {
    std::vector<double> t, cpu;
    for (int i = 0; i < runs; ++i) {
        const auto a = Clock::now();
        const double c = CpuMs();
        f();
        t.push_back(Ms(a, Clock::now()));
        cpu.push_back(CpuMs() - c);
    }
    std::sort(t.begin(), t.end());
    std::sort(cpu.begin(), cpu.end());
    return {t[t.size() / 2], t.front(), cpu[cpu.size() / 2]};
}

// Expected calls in a 15-minute slot: open 07:00-22:00, two peaks, weekday factor, queue size.
double Profile(int q, int weekday, int slot96) {
    const double h = slot96 / 4.0;
    if (h < 7 || h >= 22) return 0;
    static constexpr double kWeekday[7] = {1.0, 0.95, 0.92, 0.92, 0.88, 0.55, 0.4};
    const double shape = 0.35 + std::exp(-(h - 10.5) * (h - 10.5) / 3) + 0.7 * std::exp(-(h - 15) * (h - 15) / 4);
    return (20.0 + 25.0 * q) * kWeekday[weekday] * shape;
}

}  // namespace

int main(int argc, char** argv) {
    int queues = 10, weeks = 104;
    std::string dir = "/tmp";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--queues")) queues = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--weeks")) weeks = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--db")) dir = argv[i + 1];
    }
    std::mt19937_64 rng(20261207);

    // ---- Staffing: 672 intervals x queues ----
    {
        std::vector<std::vector<double>> calls(static_cast<size_t>(queues), std::vector<double>(672));
        for (int q = 0; q < queues; ++q)
            for (int i = 0; i < 672; ++i) calls[size_t(q)][size_t(i)] = Profile(q, i / 96, i % 96);
        double erlangs_max = 0;
        for (auto& c : calls)
            for (double v : c) erlangs_max = std::max(erlangs_max, v * 240.0 / 900.0);
        for (int model = 0; model < 2; ++model) {
            wfm::Target target;
            target.service_level = 0.8;
            target.t_s = 20;
            target.max_occupancy = 0.9;
            target.shrinkage = 0.3;
            target.patience_s = model == 1 ? 120 : 0;
            int64_t agents = 0;
            const Stat s = Time(5, [&] {
                agents = 0;
                for (int q = 0; q < queues; ++q)
                    for (int i = 0; i < 672; ++i) {
                        const wfm::IntervalStaffing st = wfm::StaffInterval(calls[size_t(q)][size_t(i)], 900, 240, target);
                        if (st.ok) agents += st.agents;
                    }
            });
            std::printf("staffing %d intervals x %d queues, %s (80/20, max occupancy 90 %%, shrinkage 30 %%, AHT 240 s, "
                        "up to %.0f Erlangs): median %.2f ms, best %.2f ms, CPU %.2f ms (agent-intervals %lld)\n",
                        672, queues, model == 1 ? "Erlang A, patience 120 s" : "Erlang C", erlangs_max, s.median, s.best, s.cpu_median,
                        static_cast<long long>(agents));
        }
    }

    // ---- Forecast: queues x weeks of 15-minute history ----
    const TimeZone zone = TimeZone::Fixed(480);
    CivilDate first;
    ParseCivilDate("2024-12-09", &first);  // a Monday
    const int history_days = 7 * weeks;
    const int64_t now_days = DaysFromCivil(first) + history_days;  // "today": the Monday after the history
    std::vector<wfm::QueueSeries> series(static_cast<size_t>(queues));
    std::vector<std::vector<wfm::IntervalHistory>> rows(static_cast<size_t>(queues));
    {
        const wfm::DayGrid grid(zone, first, history_days, 15);
        for (int q = 0; q < queues; ++q) {
            wfm::QueueSeries& s = series[size_t(q)];
            const size_t n = size_t(history_days) * 96;
            s.offered.assign(n, 0);
            s.handled.assign(n, 0);
            s.handle_s.assign(n, 0);
            s.abandoned.assign(n, 0);
            s.wait_s.assign(n, 0);
            s.staffed_agents.assign(n, 0);
            for (int d = 0; d < history_days; ++d) {
                const double trend = 1.0 + 0.15 * d / history_days;
                for (int k = 0; k < 96; ++k) {
                    const size_t i = size_t(d) * 96 + size_t(k);
                    std::poisson_distribution<int> pd(std::max(1e-9, Profile(q, d % 7, k) * trend));
                    const int offered = Profile(q, d % 7, k) > 0 ? pd(rng) : 0;
                    const int abandoned = offered / 12;
                    s.offered[i] = offered;
                    s.handled[i] = offered - abandoned;
                    s.handle_s[i] = (offered - abandoned) * 240.0;
                    s.abandoned[i] = abandoned;
                    s.wait_s[i] = offered * 15.0;
                    wfm::IntervalHistory h;
                    h.offered = offered;
                    h.answered = h.handled = offered - abandoned;
                    h.handle_ms = h.handled * 240000;
                    h.abandoned = abandoned;
                    h.wait_ms = offered * 15000;
                    rows[size_t(q)].push_back(h);
                }
            }
        }
        const int horizon = 7 * 18;
        const std::vector<double> factors(size_t(horizon), 1.0);
        std::string methods;
        const Stat s = Time(5, [&] {
            methods.clear();
            for (int q = 0; q < queues; ++q) {
                const wfm::QueuePlan plan = wfm::PlanQueue(series[size_t(q)], 96, history_days, horizon, factors, std::nullopt);
                methods += std::string(wfm::MethodName(plan.method)) + " ";
            }
        });
        std::printf("forecast core: %d queues x %d weeks of 15-minute history, 18 weeks ahead, method by back-test: "
                    "median %.0f ms, best %.0f ms, CPU %.0f ms (methods: %s)\n",
                    queues, weeks, s.median, s.best, s.cpu_median, methods.c_str());
    }

    // The whole path from SQLite.
    char path_template[4096];
    std::snprintf(path_template, sizeof path_template, "%s/bench_wfm_XXXXXX", dir.c_str());
    if (!mkdtemp(path_template)) {
        std::perror("mkdtemp");
        return 1;
    }
    const std::string db = std::string(path_template) + "/center.db";
    {
        auto opened = Store::Open(db, DataKind::Real);
        if (!opened.ok()) {
            std::fprintf(stderr, "%s\n", opened.status().message().c_str());
            return 1;
        }
        std::unique_ptr<Store> store = std::move(opened.value());
        Directory directory;
        for (int q = 0; q < queues; ++q) {
            QueueInfo qi;
            qi.key = "q" + std::to_string(q);
            qi.name_en = qi.key;
            qi.name_zh = qi.key;
            directory.queues.push_back(qi);
        }
        if (!store->SaveDirectory(directory).ok()) return 1;
        const wfm::DayGrid grid(zone, first, history_days, 15);
        std::vector<IntervalDay> batch;
        for (int d = 0; d < history_days; ++d) {
            IntervalDay day;
            day.day_start_ms = grid.DayStart(d);
            day.day_end_ms = d + 1 < history_days ? grid.DayStart(d + 1) : grid.end_ms();
            day.interval_minutes = 15;
            for (int q = 0; q < queues; ++q) {
                for (const wfm::DayGrid::Interval& iv : grid.Intervals(d)) {
                    const wfm::IntervalHistory& h = rows[size_t(q)][size_t(d) * 96 + size_t(iv.slot)];
                    if (h.offered == 0) continue;
                    KpiCounts c;
                    c.offered = h.offered;
                    c.answered = h.answered;
                    c.handled = h.handled;
                    c.talk_ms = h.handle_ms;
                    c.abandoned = h.abandoned;
                    c.wait_answered_ms = h.wait_ms;
                    day.rows.push_back({0, directory.queues[size_t(q)].key, iv.start_ms, c});
                }
            }
            batch.push_back(std::move(day));
            if (batch.size() == 28 || d + 1 == history_days) {
                if (!store->WriteIntervalDays(batch).ok()) return 1;
                batch.clear();
            }
        }
    }
    WfmStore store;
    if (!store.Open(db, true).ok()) return 1;
    wfm::PlanAsk ask;
    ask.from = FormatCivilDate(CivilFromDays(now_days));
    ask.weeks = 1;
    ask.sl_fraction = 0.8;
    ask.sl_t_s = 20;
    ask.shrinkage = 0.3;
    const int64_t now_ms = zone.StartOfDate(CivilFromDays(now_days)) + 3600000;
    size_t intervals = 0;
    std::string error;
    const Stat s = Time(5, [&] {
        wfm::PlanReport report;
        const WfmOutcome o = MakePlan(store, zone, now_ms, ask, true, &report);
        if (!o.ok()) error = o.message;
        intervals = 0;
        for (const auto& q : report.queues)
            for (const auto& d : q.days) intervals += d.intervals.size();
    });
    if (!error.empty()) {
        std::fprintf(stderr, "plan failed: %s\n", error.c_str());
        return 1;
    }
    std::printf("forecast + staffing from SQLite (MakePlan, as GET /api/wfm/staffing): %d queues x %d weeks of "
                "15-minute rows, next week staffed (%zu intervals): median %.0f ms, best %.0f ms, CPU %.0f ms\n",
                queues, weeks, intervals, s.median, s.best, s.cpu_median);
    store.Close();
    std::remove(db.c_str());
    std::remove((db + "-wal").c_str());
    std::remove((db + "-shm").c_str());
    rmdir(path_template);
    return 0;
}
