// Per-call record import speed (bench/results/calls_import.md): the "Anonymous Bank" months
// (docs/datasets.md), as they are or copied into later years to make a bigger archive, imported
// the way `callboard import calls --format anonymous_bank` does it: every file read and its rows
// checked, then the events stored in batches of 20,000 (WAL, synchronous=NORMAL) with the
// interval counting and checkpointing connections beside, and the days left rebuilt at the end.
// Reports rows/s of reading, of storing and end to end, and peak RSS. Usage:
// bench_calls_import [--bank DIR] [--copies N] [--dir DIR] [--keep]
//   --copies N: the three months N times (years 1999, 2000, ...), as separate files
#include <sys/resource.h>
#include <sys/stat.h>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>
#include "server/base/time_zone.h"
#include "server/ingest/cdr_feed.h"
#include "server/ingest/cdr_import.h"
#include "server/live/broadcaster.h"
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

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The file with every row's date (6th tab-separated field, YYMMDD) moved `years` later.
bool WriteShifted(const std::string& from, const std::string& to, int years) {
    std::ifstream in(from, std::ios::binary);
    std::ofstream out(to, std::ios::binary);
    if (!in || !out) return false;
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (!header && years > 0) {
            size_t at = 0;
            for (int i = 0; i < 5 && at != std::string::npos; ++i) at = line.find('\t', at + (i > 0 ? 1 : 0));
            if (at != std::string::npos && at + 3 < line.size()) {
                const int yy = (std::stoi(line.substr(at + 1, 2)) + years) % 100;
                char buf[3];
                std::snprintf(buf, sizeof buf, "%02d", yy);
                line[at + 1] = buf[0];
                line[at + 2] = buf[1];
            }
        }
        header = false;
        out << line << '\n';
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::string bank = CB_DATASETS_DIR "/anonymous_bank", dir = "/tmp";
    int copies = 1;
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--bank" && i + 1 < argc) bank = argv[++i];
        else if (arg == "--copies" && i + 1 < argc) copies = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--dir" && i + 1 < argc) dir = argv[++i];
        else if (arg == "--keep") keep = true;
        else {
            std::fprintf(stderr, "usage: bench_calls_import [--bank DIR] [--copies N] [--dir DIR] [--keep]\n");
            return 2;
        }
    }
    std::vector<std::string> files;
    uint64_t bytes = 0;
    for (int k = 0; k < copies; ++k) {
        for (const char* month : {"january", "february", "march"}) {
            const std::string source = bank + "/" + month + ".txt";
            std::string path = source;
            if (copies > 1) {
                path = dir + "/bench_calls_" + std::to_string(1999 + k) + "_" + month + ".txt";
                if (!WriteShifted(source, path, k)) {
                    std::fprintf(stderr, "cannot read %s or write %s\n", source.c_str(), path.c_str());
                    return 1;
                }
            }
            struct stat st {};
            if (stat(path.c_str(), &st) != 0) {
                std::fprintf(stderr, "cannot read %s\n", path.c_str());
                return 1;
            }
            bytes += static_cast<uint64_t>(st.st_size);
            files.push_back(path);
        }
    }
    const std::string db = dir + "/bench_calls_import.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((db + suffix).c_str());

    const auto start = Clock::now();
    cb::Result<cb::CdrMapping> mapping = cb::BuiltInCdrMapping("anonymous_bank");
    cb::Result<cb::TimeZone> zone = cb::LoadTimeZone("Asia/Jerusalem");
    cb::Result<std::unique_ptr<cb::Store>> opened = cb::Store::Open(db, cb::DataKind::Real);
    if (!mapping.ok() || !zone.ok() || !opened.ok()) {
        std::fprintf(stderr, "setup failed\n");
        return 1;
    }
    cb::Store& store = *opened.value();
    cb::DerivedConfig derived;
    derived.tz_offset_min = 120;
    store.SetDerivedConfig(derived);
    cb::CdrImport import(cb::CdrRowReader(mapping.value(), zone.value()), cb::QueueLogMapperConfig{});
    for (const std::string& f : files) {
        if (cb::Status s = import.AddFile(f); !s.ok()) {
            std::fprintf(stderr, "%s\n", s.message().c_str());
            return 1;
        }
    }
    import.Finish();
    const double read_s = Since(start);
    const long read_rss = PeakRssKb();

    auto rebuilder = cb::IntervalRebuilder::Start(db, cb::DataKind::Real, derived);
    auto checkpointer = cb::WalCheckpointer::Start(db);
    if (!rebuilder.ok() || !checkpointer.ok()) return 1;
    const auto store_start = Clock::now();
    cb::Result<cb::CdrStoreReport> stored =
        cb::StoreCdrImport(store, import, 20000, [&](const cb::CdrStoredBatch& batch) {
            rebuilder.value()->Allow(cb::DerivedDayStart(derived, batch.last_t_ms));
            cb::Result<int64_t> written = store.WriteIntervalDays(rebuilder.value()->Take());
            return written.ok() ? cb::Status::Ok() : written.status();
        });
    if (!stored.ok()) {
        std::fprintf(stderr, "%s\n", stored.status().message().c_str());
        return 1;
    }
    rebuilder.value().reset();
    checkpointer.value().reset();
    cb::Result<int64_t> rebuilt = store.RebuildIntervals(cb::WallClockMs());
    if (!rebuilt.ok()) return 1;
    const double store_s = Since(store_start), total_s = Since(start);
    const cb::CdrSummary& s = import.summary();
    const uint64_t rows = s.total.rows;
    const uint64_t calls = s.total.answered + s.total.answered_without_queue + s.total.abandoned;
    struct stat st {};
    stat(db.c_str(), &st);
    std::printf("files %zu (%.1f MB), rows %llu, calls stored %llu, events %lld, rejected %llu\n", files.size(),
                static_cast<double>(bytes) / 1e6, static_cast<unsigned long long>(rows),
                static_cast<unsigned long long>(calls), static_cast<long long>(stored.value().stored),
                static_cast<unsigned long long>(s.total.rejected));
    std::printf("read and check: %.2f s (%.0f rows/s), peak RSS after it %ld MB\n", read_s, rows / read_s, read_rss / 1024);
    std::printf("store: %.2f s (%.0f events/s, %.0f calls/s)\n", store_s, stored.value().stored / store_s, calls / store_s);
    std::printf("end to end: %.2f s, %.0f rows/s; peak RSS %ld MB; database %.1f MB\n", total_s, rows / total_s,
                PeakRssKb() / 1024, static_cast<double>(st.st_size) / 1e6);
    if (!keep) {
        for (const char* suffix : {"", "-wal", "-shm"}) std::remove((db + suffix).c_str());
        if (copies > 1)
            for (const std::string& f : files) std::remove(f.c_str());
    }
    return 0;
}
