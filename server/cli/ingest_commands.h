// `callboard import queue_log FILE...` and `callboard tail queue_log FILE` (docs/ingest.md):
// durable, resumable, idempotent storing of queue_log files. Each returns the exit code
// (0 done, 1 failed: file, configuration or database problem; import: kImportDamagedExit).
#pragma once
#include <memory>
#include <string>
#include "server/cli/options.h"
#include "server/config/config.h"
#include "server/ingest/queue_log_mapper.h"
#include "server/store/store.h"

namespace cb {

// Done, but a file was damaged (gzip corrupt or cut short): its complete lines are imported.
// (2 is a command-line mistake, docs/operations.md.)
inline constexpr int kImportDamagedExit = 3;
int RunImport(const IngestOptions& options);
// Runs until SIGINT or SIGTERM (blocked in the calling thread and taken with sigtimedwait).
int RunTail(const IngestOptions& options);

// What every import starts from (queue_log and calls): the configuration (--config), the
// database opened for real data with the configuration's days and intervals and derived again
// first if an older version wrote it (progress on stderr), and the configuration's queue and
// agent mapping with the stored directory to start from.
struct ImportSetup {
    Config config;
    std::unique_ptr<Store> store;
    QueueLogMapperConfig mapper;
};
Status PrepareImport(const IngestOptions& options, ImportSetup* out);

// The import summary, for people and (json) for machines. Exposed for tests.
struct ImportDamage {
    std::string file;
    std::string error;  // what and where, without the file name
};
struct ImportTotals {
    int64_t stored = 0, duplicates = 0;
    double seconds = 0;
    std::vector<std::string> files;
    std::vector<ImportDamage> damaged;  // gzip files corrupt or cut short
};
std::string ImportSummaryText(const QueueLogSummary& s, const Directory& d, const ImportTotals& t);
std::string ImportSummaryJson(const QueueLogSummary& s, const Directory& d, const ImportTotals& t);

}  // namespace cb
