// End-to-end durable import speed: generates a queue_log of a simulated 300-agent center with
// the queue_log writer (bench/results/import.md), then runs the real import pipeline (reader ->
// mapper -> store, batches of 20,000 events, WAL, synchronous=NORMAL) into a fresh database
// and reports lines/s and peak RSS. Usage:
// bench_import [--lines N] [--batch EVENTS] [--dir DIR] [--keep] [--single-thread] [--teams]
// --teams maps each simulated agent to its simulated team (20 teams) and each queue to its
// service-level definition, as a configuration file would; bench_reports uses such a database.
#include <sys/resource.h>
#include <sys/stat.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>
#include "core/sim/simulator.h"
#include "server/ingest/queue_log_writer.h"
#include "server/live/broadcaster.h"
#include "server/ingest/queue_log_feed.h"
#include "server/store/interval_rebuilder.h"
#include "server/store/store.h"
#include "server/store/wal_checkpointer.h"

namespace {

using Clock = std::chrono::steady_clock;

long PeakRssKb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

cb::SimConfig CenterConfig() {
    cb::SimConfig config;
    config.teams = 20;
    config.agents_per_team = 15;  // 14/15/16 per team: ~300 agents
    return config;
}

// The mapping a configuration file would give: the simulated teams, agents and queues.
cb::QueueLogMapperConfig TeamsMapping() {
    cb::Simulator sim(CenterConfig());
    const cb::Directory& d = sim.directory();
    cb::QueueLogMapperConfig config;
    for (const cb::TeamInfo& t : d.teams) config.teams.push_back({t.key, t.name_en, t.name_zh});
    for (const cb::AgentInfo& a : d.agents) {
        cb::QueueLogAgentMap map;
        map.member = cb::QueueLogWriterOptions{}.member_prefix + a.key;
        map.key = a.key;
        map.name_en = a.name_en;
        map.name_zh = a.name_zh;
        map.team = d.teams[a.team].key;
        config.agents.push_back(map);
    }
    for (const cb::QueueInfo& q : d.queues) {
        cb::QueueLogQueueMap map;
        map.name = map.key = q.key;
        map.name_en = q.name_en;
        map.name_zh = q.name_zh;
        map.sl = q.sl;
        config.queues.push_back(map);
    }
    return config;
}

// Writes simulated days until `target` lines; returns lines written.
size_t Generate(const std::string& path, size_t target) {
    cb::Simulator sim(CenterConfig());
    cb::QueueLogWriter writer(sim.directory());
    FILE* out = std::fopen(path.c_str(), "wb");
    if (!out) return 0;
    size_t lines = 0;
    std::vector<cb::Event> events;
    std::string text;
    while (lines < target) {
        events.clear();
        sim.RunUntil(sim.now_ms() + 3600000, &events);
        text.clear();
        for (const cb::Event& e : events) {
            lines += static_cast<size_t>(writer.Write(e, &text));
            if (lines >= target) break;
        }
        std::fwrite(text.data(), 1, text.size(), out);
    }
    std::fclose(out);
    return lines;
}

}  // namespace

int main(int argc, char** argv) {
    size_t target = 5000000;
    std::string dir = "/tmp";
    bool keep = false;
    bool pipelined = true;  // as `callboard import`
    bool teams = false;
    size_t batch_events = 20000;  // as `callboard import`
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--lines") && i + 1 < argc) target = std::stoull(argv[++i]);
        else if (!std::strcmp(argv[i], "--dir") && i + 1 < argc) dir = argv[++i];
        else if (!std::strcmp(argv[i], "--batch") && i + 1 < argc) batch_events = std::stoull(argv[++i]);
        else if (!std::strcmp(argv[i], "--keep")) keep = true;
        else if (!std::strcmp(argv[i], "--single-thread")) pipelined = false;
        else if (!std::strcmp(argv[i], "--teams")) teams = true;
    }
    const std::string log = dir + "/bench_import.queue_log";
    const std::string db = dir + "/bench_import.db";
    auto t0 = Clock::now();
    const size_t lines = Generate(log, target);
    struct stat st {};
    stat(log.c_str(), &st);
    std::printf("generated %zu lines (%.1f MB) in %.1f s\n", lines, st.st_size / 1e6,
                std::chrono::duration<double>(Clock::now() - t0).count());
    const long rss_before = PeakRssKb();
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((db + suffix).c_str());

    t0 = Clock::now();
    auto opened = cb::Store::Open(db, cb::DataKind::Real);
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", opened.status().message().c_str());
        return 1;
    }
    cb::Store& store = *opened.value();
    store.SetDerivedConfig({15, 480});
    cb::QueueLogFeed feed(&store, teams ? TeamsMapping() : cb::QueueLogMapperConfig{}, "queue_log", batch_events, pipelined);
    if (cb::Status s = feed.Open(log); !s.ok()) {
        std::fprintf(stderr, "%s\n", s.message().c_str());
        return 1;
    }
    // As `callboard import`: days the import moved past are counted on a second connection
    // meanwhile, and written between polls; the log is checkpointed on a third.
    std::unique_ptr<cb::IntervalRebuilder> rebuilder;
    std::unique_ptr<cb::WalCheckpointer> checkpointer;
    long long max_wal = 0;  // write-ahead log size, sampled after each batch
    if (pipelined) {
        auto started = cb::IntervalRebuilder::Start(db, cb::DataKind::Real, store.derived_config());
        auto checkpointing = cb::WalCheckpointer::Start(db);
        if (!started.ok() || !checkpointing.ok()) {
            std::fprintf(stderr, "%s\n", (started.ok() ? checkpointing.status() : started.status()).message().c_str());
            return 1;
        }
        rebuilder = std::move(started.value());
        checkpointer = std::move(checkpointing.value());
    }
    int64_t stored = 0, days_early = 0;
    feed.SetAfterBatch([&](const cb::QueueLogStoredBatch& batch) {
        struct stat wal {};
        if (stat((db + "-wal").c_str(), &wal) == 0) max_wal = std::max<long long>(max_wal, wal.st_size);
        if (!rebuilder || batch.last_t_ms == 0) return cb::Status::Ok();
        rebuilder->Allow(cb::DerivedDayStart(store.derived_config(), batch.last_t_ms));
        auto written = store.WriteIntervalDays(rebuilder->Take());
        if (!written.ok()) return written.status();
        days_early += written.value();
        return cb::Status::Ok();
    });
    auto polled = feed.Poll(SIZE_MAX, false);
    if (!polled.ok()) {
        std::fprintf(stderr, "%s\n", polled.status().message().c_str());
        return 1;
    }
    stored += polled.value().stored;
    rebuilder.reset();
    checkpointer.reset();
    auto last = feed.Finish(false);
    stored += last.ok() ? last.value().stored : 0;
    const double store_s = std::chrono::duration<double>(Clock::now() - t0).count();
    const auto t1 = Clock::now();
    auto days = store.RebuildIntervals(cb::WallClockMs());
    const double rebuild_s = std::chrono::duration<double>(Clock::now() - t1).count();
    const double total_s = std::chrono::duration<double>(Clock::now() - t0).count();
    const auto& summary = feed.mapper().summary();
    opened.value().reset();
    struct stat db_st {};
    stat(db.c_str(), &db_st);
    std::printf("imported %llu lines, %lld events stored, %llu calls\n",
                static_cast<unsigned long long>(summary.lines_read), static_cast<long long>(stored),
                static_cast<unsigned long long>(summary.calls));
    std::printf("store (durable batches): %.2f s = %.0f lines/s\n", store_s, summary.lines_read / store_s);
    std::printf("interval counts: %lld days during the import, %lld days after it in %.2f s\n",
                static_cast<long long>(days_early), static_cast<long long>(days.ok() ? days.value() : -1), rebuild_s);
    std::printf("end to end: %.2f s = %.0f lines/s\n", total_s, summary.lines_read / total_s);
    std::printf("peak RSS: %.1f MB (%.1f MB before the import, generator included)\n", PeakRssKb() / 1024.0,
                rss_before / 1024.0);
    std::printf("write-ahead log: at most %.1f MB (sampled after each batch)\n", max_wal / 1e6);
    std::printf("database: %.1f MB (%.0f bytes per line)\n", db_st.st_size / 1e6,
                static_cast<double>(db_st.st_size) / static_cast<double>(summary.lines_read));
    if (!keep) {
        std::remove(log.c_str());
        for (const char* suffix : {"", "-wal", "-shm"}) std::remove((db + suffix).c_str());
    }
    return 0;
}
