#include "server/cli/ingest_commands.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include "server/cli/import_progress.h"
#include "server/config/config.h"
#include "server/live/broadcaster.h"
#include "server/ingest/queue_log_feed.h"
#include "server/store/interval_rebuilder.h"
#include "server/store/store.h"
#include "server/store/wal_checkpointer.h"

namespace cb {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kLinesPerPoll = 100000;
constexpr size_t kImportBatchEvents = 20000;  // events per transaction (docs/ingest.md)

std::string UtcText(int64_t ms) {
    if (ms < 0) return "-";
    const std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}


struct Setup {
    Config config;
    std::unique_ptr<Store> store;
};

Status Prepare(const IngestOptions& options, Setup* setup) {
    if (!options.config.empty()) {
        Result<Config> config = LoadConfig(options.config);
        if (!config.ok()) return config.status();
        setup->config = std::move(config.value());
    }
    Result<std::unique_ptr<Store>> store = Store::Open(options.db, DataKind::Real);
    if (!store.ok()) return store.status();
    setup->store = std::move(store.value());
    DerivedConfig derived;
    derived.interval_minutes = setup->config.interval_minutes;
    derived.tz_offset_min = setup->config.tz_offset_min;
    derived.zone = setup->config.Zone();
    setup->store->SetDerivedConfig(derived);
    // The center's default definition, versioned like the queues' (docs/reports.md).
    return setup->store->SaveCenterDefinition(setup->config.default_sl);
}

QueueLogMapperConfig MapperFor(Setup& setup) {
    QueueLogMapperConfig mapper = setup.config.MapperConfig();
    Result<Directory> dir = setup.store->LoadDirectory();
    if (dir.ok()) mapper.directory = std::move(dir.value());
    return mapper;
}

// A database written by an older version has its calls, agent states and interval counts
// derived again from its stored events before anything is added (docs/ingest.md, "Upgrading"),
// with the configured queues' wrap-up allowances. Progress on stderr.
Status DeriveAgainIfNeeded(Setup& setup) {
    if (!setup.store->rederive_pending()) return Status::Ok();
    const Directory directory = QueueLogMapper(MapperFor(setup)).directory();
    std::fprintf(stderr, "callboard: the database was written by an older version: deriving its calls and agent states"
                         " again from its stored events\n");
    int last_tenth = -1;
    return setup.store->RederiveIfNeeded(directory, [&](int64_t done, int64_t total) {
        const int tenth = total > 0 ? static_cast<int>(done * 10 / total) : 10;
        if (tenth != last_tenth) {
            std::fprintf(stderr, "callboard: derived %s of %s events\n", GroupDigits(static_cast<uint64_t>(done)).c_str(),
                         GroupDigits(static_cast<uint64_t>(total)).c_str());
        }
        last_tenth = tenth;
    });
}

nlohmann::json CountsJson(const QueueLogCallCounts& c) {
    return {{"entered", c.entered},       {"answered", c.answered},
            {"completed", c.completed},   {"transferred", c.transferred},
            {"abandoned", c.abandoned},   {"timed_out", c.timed_out},
            {"other_exits", c.other_exits}, {"left_open", c.left_open},
            {"answered_no_completion", c.answered_no_completion}, {"excluded", c.excluded},
            {"ring_noanswer", c.ring_noanswer}, {"answered_earlier", c.answered_earlier}};
}

std::string CountsRow(const std::string& name, const QueueLogCallCounts& c) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "  %-16s %9s %9s %9s %9s %9s %9s %9s\n", name.substr(0, 16).c_str(),
                  GroupDigits(c.entered).c_str(), GroupDigits(c.answered).c_str(), GroupDigits(c.abandoned).c_str(),
                  GroupDigits(c.timed_out).c_str(), GroupDigits(c.other_exits).c_str(), GroupDigits(c.left_open).c_str(),
                  GroupDigits(c.answered_no_completion).c_str());
    return buf;
}

}  // namespace

std::string ImportSummaryJson(const QueueLogSummary& s, const Directory& d, const ImportTotals& t) {
    nlohmann::json queues = nlohmann::json::array();
    for (size_t i = 0; i < s.per_queue.size() && i < d.queues.size(); ++i) {
        if (s.per_queue[i] == QueueLogCallCounts{}) continue;
        nlohmann::json q = CountsJson(s.per_queue[i]);
        q["queue"] = d.queues[i].key;
        queues.push_back(std::move(q));
    }
    nlohmann::json rejected = nlohmann::json::array();
    for (const QueueLogRejectedLine& r : s.rejected) {
        rejected.push_back({{"line", r.line_number}, {"reason", r.reason}, {"text", r.text}});
    }
    nlohmann::json damaged = nlohmann::json::array();
    for (const ImportDamage& damage : t.damaged) damaged.push_back({{"file", damage.file}, {"error", damage.error}});
    nlohmann::json body = {
        {"files", t.files},
        {"lines_read", s.lines_read},
        {"lines_blank", s.lines_blank},
        {"lines_mapped", s.lines_mapped},
        {"lines_ignored", s.lines_ignored},
        {"lines_custom", s.lines_custom},
        {"lines_rejected", s.lines_rejected},
        {"out_of_sequence", s.out_of_sequence},
        {"queue_starts", s.queue_starts},
        {"events", s.events},
        {"stored", t.stored},
        {"duplicates", t.duplicates},
        {"calls", s.calls},
        {"agents", s.agents},
        {"queues", s.queues},
        {"first_time", UtcText(s.first_t_ms)},
        {"last_time", UtcText(s.last_t_ms)},
        {"seconds", t.seconds},
        {"total", CountsJson(s.total)},
        {"per_queue", queues},
        {"rejected", rejected},
        {"custom_events", s.custom_events},
        {"damaged_files", damaged},
    };
    return body.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string ImportSummaryText(const QueueLogSummary& s, const Directory& d, const ImportTotals& t) {
    std::string out;
    char buf[512];
    const double rate = t.seconds > 0 ? s.lines_read / t.seconds : 0;
    std::snprintf(buf, sizeof buf, "imported %zu file(s): %s lines in %.1f s (%s lines/s)\n", t.files.size(),
                  GroupDigits(s.lines_read).c_str(), t.seconds, GroupDigits(static_cast<uint64_t>(rate)).c_str());
    out += buf;
    std::snprintf(buf, sizeof buf, "  %s events stored, %s already stored; %s calls, %s agents, %s queues\n",
                  GroupDigits(static_cast<uint64_t>(t.stored)).c_str(), GroupDigits(static_cast<uint64_t>(t.duplicates)).c_str(),
                  GroupDigits(s.calls).c_str(), GroupDigits(s.agents).c_str(), GroupDigits(s.queues).c_str());
    out += buf;
    out += "  time range " + UtcText(s.first_t_ms) + " .. " + UtcText(s.last_t_ms) + "\n";
    std::snprintf(buf, sizeof buf,
                  "  lines: %s mapped, %s ignored (%s out of sequence), %s custom, %s blank, %s rejected; %s restarts\n",
                  GroupDigits(s.lines_mapped).c_str(), GroupDigits(s.lines_ignored).c_str(), GroupDigits(s.out_of_sequence).c_str(),
                  GroupDigits(s.lines_custom).c_str(), GroupDigits(s.lines_blank).c_str(), GroupDigits(s.lines_rejected).c_str(),
                  GroupDigits(s.queue_starts).c_str());
    out += buf;
    std::snprintf(buf, sizeof buf, "  %-16s %9s %9s %9s %9s %9s %9s %9s\n", "calls by queue", "entered", "answered",
                  "abandoned", "timed out", "other", "left open", "no compl.");
    out += buf;
    for (size_t i = 0; i < s.per_queue.size() && i < d.queues.size(); ++i) {
        if (!(s.per_queue[i] == QueueLogCallCounts{})) out += CountsRow(d.queues[i].key, s.per_queue[i]);
    }
    out += CountsRow("total", s.total);
    if (s.lines_rejected > 0) {
        out += "  rejected lines (" + GroupDigits(s.lines_rejected) + "):\n";
        for (const QueueLogRejectedLine& r : s.rejected) {
            out += "    line " + std::to_string(r.line_number) + ": " + r.reason + "\n";
        }
        if (s.rejected.size() < s.lines_rejected) out += "    ...\n";
    }
    if (!t.damaged.empty()) {
        out += "  damaged files (" + std::to_string(t.damaged.size()) + "): their complete lines are imported\n";
        for (const ImportDamage& damage : t.damaged) out += "    " + damage.file + ": " + damage.error + "\n";
    }
    return out;
}

Status PrepareImport(const IngestOptions& options, ImportSetup* out) {
    Setup setup;
    if (Status status = Prepare(options, &setup); !status.ok()) return status;
    if (Status status = DeriveAgainIfNeeded(setup); !status.ok()) return status;
    out->mapper = MapperFor(setup);
    out->config = std::move(setup.config);
    out->store = std::move(setup.store);
    return Status::Ok();
}

int RunImport(const IngestOptions& options) {
    const auto start = Clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
    ImportProgress progress(stderr, isatty(STDERR_FILENO) == 1);
    auto fail = [&](const std::string& message) {
        progress.Message("callboard: " + message);
        return 1;
    };
    Setup setup;
    if (Status status = Prepare(options, &setup); !status.ok()) return fail(status.message());
    if (Status status = DeriveAgainIfNeeded(setup); !status.ok()) return fail(status.message());
    // Reading and mapping on a second thread while this one stores (bench/results/import.md).
    QueueLogFeed feed(setup.store.get(), MapperFor(setup), "queue_log", kImportBatchEvents, /*pipelined=*/true);
    ImportTotals totals;
    totals.files = options.files;
    // Days the import moved past are counted on a second connection meanwhile and written
    // between polls; the final rebuild does the rest (bench/results/import.md). Without it (an
    // in-memory database) the final rebuild does all days.
    // The write-ahead log is copied into the database on a third connection, so this thread
    // does not wait for the disk at checkpoints.
    std::unique_ptr<IntervalRebuilder> rebuilder;
    std::unique_ptr<WalCheckpointer> checkpointer;
    if (options.db != ":memory:") {
        Result<std::unique_ptr<IntervalRebuilder>> started =
            IntervalRebuilder::Start(options.db, DataKind::Real, setup.store->derived_config());
        Result<std::unique_ptr<WalCheckpointer>> checkpointing = WalCheckpointer::Start(options.db);
        if (!started.ok() || !checkpointing.ok()) {
            return fail((started.ok() ? checkpointing.status() : started.status()).message());
        }
        rebuilder = std::move(started.value());
        checkpointer = std::move(checkpointing.value());
    }
    // Progress: bytes of all files as on disk (gzip: compressed), so percent and time left
    // cover the whole import.
    std::vector<uint64_t> sizes;
    uint64_t total_bytes = 0;
    for (const std::string& file : options.files) {
        struct stat st {};
        sizes.push_back(stat(file.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0);
        total_bytes += sizes.back();
    }
    size_t file_index = 0;
    uint64_t bytes_before = 0, lines_before = 0, lines_done = 0;  // before the current file; after it
    // Between stored batches, on the storing thread: the progress, and the interval counts
    // computed meanwhile (days before the batch's last event are finished).
    feed.SetAfterBatch([&](const QueueLogStoredBatch& batch) {
        progress.Update(options.files[file_index], file_index, options.files.size(),
                        ImportProgressSample{elapsed(), lines_before + static_cast<uint64_t>(batch.lines),
                                             bytes_before + batch.file_bytes, total_bytes});
        if (!rebuilder || batch.last_t_ms == 0) return Status::Ok();
        rebuilder->Allow(DerivedDayStart(setup.store->derived_config(), batch.last_t_ms));
        const std::vector<IntervalDay> days = rebuilder->Take();
        Result<int64_t> written = setup.store->WriteIntervalDays(days);
        return written.ok() ? Status::Ok() : written.status();
    });
    for (file_index = 0; file_index < options.files.size(); ++file_index) {
        const std::string& file = options.files[file_index];
        if (file_index > 0) {
            lines_before = lines_done;
            bytes_before += sizes[file_index - 1];
        }
        if (Status status = feed.Open(file); !status.ok()) return fail(status.message());
        // One poll per file: the reading thread never stops to wait for the store to catch up.
        Result<QueueLogBatchReport> batch = feed.Poll(SIZE_MAX, false);
        if (!batch.ok()) return fail(batch.status().message());
        totals.stored += batch.value().stored;
        totals.duplicates += batch.value().duplicates;
        if (!batch.value().damaged.empty()) {
            // Reported, and the import goes on with the next file: what is lost is lost either way.
            progress.Message("callboard: " + batch.value().damaged);
            totals.damaged.push_back({file, batch.value().damaged.substr(file.size() + 2)});
        }
        lines_done = feed.mapper().summary().lines_read;
    }
    file_index = options.files.size() - 1;  // Finish's batch belongs to the last file
    Result<QueueLogBatchReport> last = feed.Finish(false);
    if (!last.ok()) return fail(last.status().message());
    totals.stored += last.value().stored;
    totals.duplicates += last.value().duplicates;
    if (rebuilder && !rebuilder->error().empty()) {
        progress.Message("callboard: counting intervals during the import stopped (" + rebuilder->error() +
                         "); counting them now");
    }
    rebuilder.reset();  // days it computed and nobody wrote keep their marks: rebuilt below
    checkpointer.reset();
    Result<int64_t> rebuilt = setup.store->RebuildIntervals(WallClockMs());
    if (!rebuilt.ok()) return fail(rebuilt.status().message());
    totals.seconds = elapsed();
    progress.Done(options.files.size() == 1 ? options.files[0] : std::to_string(options.files.size()) + " files",
                  feed.mapper().summary().lines_read, totals.seconds);
    const std::string summary = options.json
                                    ? ImportSummaryJson(feed.mapper().summary(), feed.mapper().directory(), totals)
                                    : ImportSummaryText(feed.mapper().summary(), feed.mapper().directory(), totals);
    std::fputs(summary.c_str(), stdout);
    return totals.damaged.empty() ? 0 : kImportDamagedExit;
}

int RunTail(const IngestOptions& options) {
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    Setup setup;
    Status prepared = Prepare(options, &setup);
    if (prepared.ok()) prepared = DeriveAgainIfNeeded(setup);
    if (!prepared.ok()) {
        std::fprintf(stderr, "callboard: %s\n", prepared.message().c_str());
        return 1;
    }
    const std::string& file = options.files.front();
    QueueLogFeed feed(setup.store.get(), MapperFor(setup), "queue_log");
    if (Status status = feed.Open(file); !status.ok()) {
        std::fprintf(stderr, "callboard: %s\n", status.message().c_str());
        return 1;
    }
    std::printf("following %s%s\n", file.c_str(),
                feed.resumed() ? (" (resuming after byte " + std::to_string(feed.resume_offset()) + ")").c_str() : "");
    std::fflush(stdout);
    int exit_code = 0;
    while (true) {
        std::string replaced;
        Result<QueueLogBatchReport> rotated = feed.CheckReplaced(false, &replaced);
        Result<QueueLogBatchReport> batch = rotated.ok() ? feed.Poll(kLinesPerPoll, false) : rotated;
        if (!replaced.empty()) std::printf("%s was %s: reading it from the start\n", file.c_str(), replaced.c_str());
        if (!batch.ok() || !batch.value().damaged.empty()) {
            std::fprintf(stderr, "callboard: %s\n",
                         (batch.ok() ? batch.value().damaged : batch.status().message()).c_str());
            exit_code = 1;
            break;
        }
        const int64_t stored = batch.value().stored + (rotated.ok() ? rotated.value().stored : 0);
        const int64_t duplicates = batch.value().duplicates + (rotated.ok() ? rotated.value().duplicates : 0);
        const uint64_t lines = batch.value().lines + (rotated.ok() ? rotated.value().lines : 0);
        if (lines > 0) {
            std::printf("%s stored %lld events from %llu lines (%lld already stored), %llu lines so far\n",
                        UtcText(WallClockMs()).c_str(), static_cast<long long>(stored),
                        static_cast<unsigned long long>(lines), static_cast<long long>(duplicates),
                        static_cast<unsigned long long>(feed.mapper().summary().lines_read));
        }
        std::fflush(stdout);
        timespec wait{0, 200 * 1000 * 1000};
        if (sigtimedwait(&stop_signals, nullptr, &wait) > 0) break;
    }
    Result<int64_t> rebuilt = setup.store->RebuildIntervals(WallClockMs());
    if (!rebuilt.ok()) std::fprintf(stderr, "callboard: %s\n", rebuilt.status().message().c_str());
    std::printf("stopped\n");
    return exit_code;
}

}  // namespace cb
