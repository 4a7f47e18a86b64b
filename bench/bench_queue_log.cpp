// queue_log parse throughput: a realistic log written by QueueLogWriter from a simulated
// multi-day center (default ~300 agents: 23 teams of 12-14, 100 days, ~5 M lines; fixed seed), held in memory.
// Measures lines/s for parse only (ParseQueueLogLine) and parse + map (QueueLogMapper::MapLine),
// best of 3 runs each, one core. Usage: bench_queue_log [--days N] [--teams N] [--file PATH]
// (--file also writes the log there, for the reader). Results: bench/results/queue_log.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/sim/simulator.h"
#include "server/ingest/queue_log.h"
#include "server/ingest/queue_log_mapper.h"
#include "server/ingest/queue_log_reader.h"
#include "server/ingest/queue_log_writer.h"

using namespace cb;

namespace {

double Seconds(std::chrono::steady_clock::time_point a) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
}

}  // namespace

int main(int argc, char** argv) {
    int days = 100;  // about 5 M lines (350 MB in memory)
    int teams = 23;  // 23 teams of 12, 13, 14 agents in turn: 299 agents
    const char* file = nullptr;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--days") == 0) days = std::atoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--teams") == 0) teams = std::atoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--file") == 0) file = argv[i + 1];
    }

    // Build the log: simulate, write. Lines are kept as one buffer plus offsets.
    auto t0 = std::chrono::steady_clock::now();
    SimConfig sc;
    sc.seed = 42;
    sc.teams = teams;
    sc.agents_per_team = 13;
    Simulator sim(sc);
    QueueLogWriter writer(sim.directory());
    std::string log;
    std::vector<Event> events;
    uint64_t sim_events = 0;
    for (int d = 0; d < days; ++d) {
        for (int h = 0; h < 24; ++h) {
            events.clear();
            sim.RunUntil(sim.now_ms() + 3600 * 1000LL, &events);
            sim_events += events.size();
            for (const Event& e : events) writer.Write(e, &log);
        }
    }
    std::vector<std::string_view> lines;
    for (size_t start = 0; start < log.size();) {
        const size_t nl = log.find('\n', start);
        lines.emplace_back(log.data() + start, nl - start);
        start = nl + 1;
    }
    std::printf("built: %zu agents, %d days, %llu simulator events -> %zu lines, %.1f MB (%.1f s)\n",
                sim.directory().agents.size(), days, static_cast<unsigned long long>(sim_events), lines.size(),
                static_cast<double>(log.size()) / 1e6, Seconds(t0));

    // Parse only.
    double best_parse = 1e9;
    uint64_t ok_lines = 0;
    for (int run = 0; run < 3; ++run) {
        auto t = std::chrono::steady_clock::now();
        QueueLogRecord rec;
        uint64_t ok = 0;
        for (std::string_view l : lines) ok += ParseQueueLogLine(l, &rec) == QueueLogStatus::Ok;
        best_parse = std::min(best_parse, Seconds(t));
        ok_lines = ok;
    }
    std::printf("parse only:  %.2f M lines/s (%.3f s, %llu ok)\n", static_cast<double>(lines.size()) / best_parse / 1e6,
                best_parse, static_cast<unsigned long long>(ok_lines));

    // Parse + map (directory from configuration, as a real import would have it).
    double best_map = 1e9;
    uint64_t out_events = 0;
    for (int run = 0; run < 3; ++run) {
        QueueLogMapperConfig cfg;
        cfg.directory = sim.directory();
        for (const AgentInfo& a : sim.directory().agents) cfg.agents.push_back({"PJSIP/" + a.key, a.key, "", "", ""});
        QueueLogMapper mapper(cfg);
        std::vector<Event> out;
        out.reserve(4096);
        uint64_t n = 0;
        auto t = std::chrono::steady_clock::now();
        for (std::string_view l : lines) {
            mapper.MapLine(l, &out);
            if (out.size() >= 4096) {
                n += out.size();
                out.clear();
            }
        }
        best_map = std::min(best_map, Seconds(t));
        out_events = n + out.size();
        if (run == 0)
            std::printf("summary: calls %llu, entered %llu, answered %llu, abandoned %llu, rejected %llu\n",
                        static_cast<unsigned long long>(mapper.summary().calls),
                        static_cast<unsigned long long>(mapper.summary().total.entered),
                        static_cast<unsigned long long>(mapper.summary().total.answered),
                        static_cast<unsigned long long>(mapper.summary().total.abandoned),
                        static_cast<unsigned long long>(mapper.summary().lines_rejected));
    }
    std::printf("parse + map: %.2f M lines/s (%.3f s, %llu events)\n", static_cast<double>(lines.size()) / best_map / 1e6,
                best_map, static_cast<unsigned long long>(out_events));

    if (file != nullptr) {
        FILE* f = std::fopen(file, "wb");
        if (f == nullptr) return 1;
        std::fwrite(log.data(), 1, log.size(), f);
        std::fclose(f);
        QueueLogReader reader;
        if (!reader.Open(file)) return 1;
        auto t = std::chrono::steady_clock::now();
        std::string_view line;
        uint64_t n = 0;
        while (reader.Next(&line) == QueueLogReadStatus::Line) ++n;
        const double s = Seconds(t);
        std::printf("reader (plain file): %.2f M lines/s (%llu lines, %.3f s)\n", static_cast<double>(n) / s / 1e6,
                    static_cast<unsigned long long>(n), s);
    }
    return 0;
}
