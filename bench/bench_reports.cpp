// Report speed on a year of a 300-agent center (bench/results/reports.md): a database made by
// `bench_import --lines N --keep --teams`. Measures what GET /api/reports does (the report
// service, then the JSON) for
//   - any month by queue, by team and by agent (per day, and the month as one period): every
//     whole month of the data; target <= 300 ms;
//   - a 12-month trend by month (the center, and by queue): target <= 1 s;
//   - one day by 15-minute interval (the center, by queue, by agent): target <= 50 ms;
// each the first query after opening the database (a new connection, and the database file's
// pages dropped from the operating system's cache with posix_fadvise, so they are read from
// disk) and warm (the median of --repeat runs on an open connection). Prints peak RSS.
// Usage: bench_reports --db FILE [--repeat N]
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>
#include "core/report/report_json.h"
#include "server/admin/report_service.h"
#include "server/live/broadcaster.h"
#include "server/store/store_reports.h"

namespace {

using Clock = std::chrono::steady_clock;

long PeakRssKb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// Drops the database's pages from the operating system's cache (this file only).
void DropFileCache(const std::string& db) {
    for (const char* suffix : {"", "-wal"}) {
        const int fd = open((db + suffix).c_str(), O_RDONLY);
        if (fd < 0) continue;
        fdatasync(fd);
        posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        close(fd);
    }
}

struct Session {
    cb::ReportStore store;
    cb::ReportService service{cb::WallClockMs};
};

std::unique_ptr<Session> OpenSession(const std::string& db, const cb::TimeZone& zone, int minutes) {
    auto s = std::make_unique<Session>();
    if (cb::Status st = s->store.Open(db); !st.ok()) {
        std::fprintf(stderr, "%s\n", st.message().c_str());
        std::exit(1);
    }
    s->service.Attach(&s->store, zone, minutes);
    return s;
}

struct Timing {
    double report_ms = 0;  // the service
    double total_ms = 0;   // the service and the JSON
    size_t rows = 0;
    size_t bytes = 0;
};

Timing RunOnce(Session& s, const cb::ReportQuery& q) {
    cb::Caller admin;
    admin.local = true;
    cb::Report report;
    const auto t0 = Clock::now();
    const cb::AdminOutcome o = s.service.RunReport(q, admin, &report);
    const auto t1 = Clock::now();
    if (!o.ok()) {
        std::fprintf(stderr, "report failed: %s\n", o.message.c_str());
        std::exit(1);
    }
    const std::string json = cb::ReportToJson(report);
    const auto t2 = Clock::now();
    Timing t;
    t.report_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    t.total_ms = std::chrono::duration<double, std::milli>(t2 - t0).count();
    t.rows = report.rows.size();
    t.bytes = json.size();
    return t;
}

double Median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

struct Case {
    std::string name;
    cb::ReportQuery query;
    double target_ms;
};

cb::ReportQuery Q(cb::CivilDate from, cb::CivilDate to, cb::ReportGroup group, cb::ReportGranularity g) {
    cb::ReportQuery q;
    q.from = from;
    q.to = to;
    q.group = group;
    q.granularity = g;
    return q;
}

cb::CivilDate AddDays(const cb::CivilDate& d, int64_t n) { return cb::CivilFromDays(cb::DaysFromCivil(d) + n); }
cb::CivilDate NextMonth(const cb::CivilDate& d) { return d.month == 12 ? cb::CivilDate{d.year + 1, 1, 1} : cb::CivilDate{d.year, d.month + 1, 1}; }

}  // namespace

int main(int argc, char** argv) {
    std::string db;
    int repeat = 7;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--db") && i + 1 < argc) db = argv[++i];
        else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    }
    if (db.empty()) {
        std::fprintf(stderr, "usage: bench_reports --db FILE [--repeat N] (a database of bench_import --keep --teams)\n");
        return 2;
    }
    // The zone and the days the database holds.
    cb::TimeZone zone;
    int minutes = 15;
    std::vector<int64_t> days;
    {
        cb::ReportStore probe;
        if (cb::Status st = probe.Open(db); !st.ok()) {
            std::fprintf(stderr, "%s\n", st.message().c_str());
            return 1;
        }
        cb::Result<cb::StoredLayout> layout = probe.ReadLayout();
        if (!layout.ok() || !layout.value().known || !layout.value().zone.empty()) {
            std::fprintf(stderr, "expected a database of bench_import (a fixed offset)\n");
            return 1;
        }
        zone = cb::TimeZone::Fixed(layout.value().tz_offset_min);
        minutes = layout.value().interval_minutes;
        days = probe.DaysWithData(INT64_MIN, INT64_MAX).value();
        cb::Result<cb::ReportDirectory> dir = probe.ReadDirectory();
        std::printf("database %s: %zu days (%s to %s), %zu queues, %zu teams, %zu agents, zone %s\n", db.c_str(), days.size(),
                    days.empty() ? "-" : cb::FormatCivilDate(zone.DateOf(days.front())).c_str(),
                    days.empty() ? "-" : cb::FormatCivilDate(zone.DateOf(days.back())).c_str(), dir.value().queues.size(),
                    dir.value().teams.size(), dir.value().agents.size(), zone.name().c_str());
    }
    if (days.size() < 60) {
        std::fprintf(stderr, "the database holds too few days\n");
        return 1;
    }
    const cb::CivilDate first = zone.DateOf(days.front()), last = zone.DateOf(days.back());
    // Whole months of the data.
    std::vector<std::pair<cb::CivilDate, cb::CivilDate>> months;
    for (cb::CivilDate m = first.day == 1 ? first : NextMonth({first.year, first.month, 1});; m = NextMonth(m)) {
        const cb::CivilDate end = AddDays(NextMonth(m), -1);
        if (last < end) break;
        months.push_back({m, end});
    }
    std::vector<Case> cases;
    using G = cb::ReportGroup;
    using R = cb::ReportGranularity;
    for (const auto& [from, to] : months) {
        char label[32];
        std::snprintf(label, sizeof label, "%04d-%02d", from.year, from.month);
        for (auto [group, gname] : {std::pair{G::Queue, "queue"}, std::pair{G::Team, "team"}, std::pair{G::Agent, "agent"}}) {
            cases.push_back({std::string("month ") + label + " by " + gname + ", per day", Q(from, to, group, R::Day), 300});
            cases.push_back({std::string("month ") + label + " by " + gname + ", whole month", Q(from, to, group, R::Range), 300});
        }
    }
    if (months.size() >= 12) {
        const cb::CivilDate from = months[months.size() - 12].first, to = months.back().second;
        cases.push_back({"12 months by month, center", Q(from, to, G::Center, R::Month), 1000});
        cases.push_back({"12 months by month, by queue", Q(from, to, G::Queue, R::Month), 1000});
        cases.push_back({"12 months by month, by team", Q(from, to, G::Team, R::Month), 1000});
    }
    for (int64_t k = 0; k < 5; ++k) {
        const cb::CivilDate day = zone.DateOf(days[static_cast<size_t>((days.size() - 1) * k / 4)]);
        const std::string d = cb::FormatCivilDate(day);
        cases.push_back({"day " + d + " by 15 min, center", Q(day, day, G::Center, R::Minutes15), 50});
        cases.push_back({"day " + d + " by 15 min, by queue", Q(day, day, G::Queue, R::Minutes15), 50});
        cases.push_back({"day " + d + " by 15 min, by team", Q(day, day, G::Team, R::Minutes15), 50});
        cases.push_back({"day " + d + " by 15 min, by agent", Q(day, day, G::Agent, R::Minutes15), 50});
    }

    std::printf("\n| query | rows | JSON | first after opening: report / with JSON | warm (median of %d): report / with JSON | target |\n",
                repeat);
    std::printf("|---|---|---|---|---|---|\n");
    double worst_cold[3] = {0, 0, 0}, worst_warm[3] = {0, 0, 0};  // month, trend, day (with JSON)
    int over = 0;
    for (const Case& c : cases) {
        DropFileCache(db);
        std::unique_ptr<Session> cold = OpenSession(db, zone, minutes);
        const Timing first_run = RunOnce(*cold, c.query);
        std::vector<double> report_ms, total_ms;
        Timing t;
        for (int r = 0; r < repeat; ++r) {
            t = RunOnce(*cold, c.query);
            report_ms.push_back(t.report_ms);
            total_ms.push_back(t.total_ms);
        }
        const double warm_total = Median(total_ms);
        const int kind = c.target_ms == 300 ? 0 : c.target_ms == 1000 ? 1 : 2;
        worst_cold[kind] = std::max(worst_cold[kind], first_run.total_ms);
        worst_warm[kind] = std::max(worst_warm[kind], warm_total);
        const bool ok = first_run.total_ms <= c.target_ms && warm_total <= c.target_ms;
        over += ok ? 0 : 1;
        std::printf("| %s | %zu | %.0f kB | %.1f / %.1f ms | %.1f / %.1f ms | %s %.0f ms |\n", c.name.c_str(), t.rows,
                    t.bytes / 1024.0, first_run.report_ms, first_run.total_ms, Median(report_ms), warm_total, ok ? "<=" : "OVER",
                    c.target_ms);
    }
    std::printf("\nworst, with JSON: month %.1f ms first / %.1f ms warm (<= 300); 12-month trend %.1f / %.1f ms (<= 1000); "
                "day by 15 min %.1f / %.1f ms (<= 50)\n",
                worst_cold[0], worst_warm[0], worst_cold[1], worst_warm[1], worst_cold[2], worst_warm[2]);
    std::printf("%zu queries, %d over their target; peak RSS %.1f MB\n", cases.size(), over, PeakRssKb() / 1024.0);
    return over == 0 ? 0 : 3;
}
