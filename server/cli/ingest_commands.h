// `callboard import queue_log FILE...` and `callboard tail queue_log FILE` (docs/ingest.md):
// durable, resumable, idempotent storing of queue_log files. Each returns the exit code
// (0 done, 1 failed: file, configuration or database problem; import: kImportDamagedExit).
#pragma once
#include <string>
#include "server/cli/options.h"
#include "server/ingest/queue_log_mapper.h"

namespace cb {

// Done, but a file was damaged (gzip corrupt or cut short): its complete lines are imported.
// (2 is a command-line mistake, docs/operations.md.)
inline constexpr int kImportDamagedExit = 3;
int RunImport(const IngestOptions& options);
// Runs until SIGINT or SIGTERM (blocked in the calling thread and taken with sigtimedwait).
int RunTail(const IngestOptions& options);

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
