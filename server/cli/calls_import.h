// `callboard import calls FILE... (--format NAME | --map FILE) [--time-zone ZONE] [--db PATH]
// [--config FILE] [--json]` (docs/ingest.md, "Per-call records"): per-call record files stored
// as events of the source "calls", idempotent, with a summary naming every refused row.
// Returns the exit code: 0 done (refused rows are in the summary), 1 a file, the mapping, the
// time zone, the configuration or the database failed (what was committed stays; re-run).
#pragma once
#include <string>
#include "server/cli/options.h"
#include "server/ingest/cdr_feed.h"
#include "server/ingest/cdr_import.h"

namespace cb {

int RunImportCalls(const IngestOptions& options);

// The summary, for people and (json) for machines. Exposed for tests.
struct CallsImportTotals {
    CdrStoreReport store;
    double seconds = 0;
};
std::string CallsSummaryText(const CdrSummary& s, const CallsImportTotals& t, const TimeZone& zone);
std::string CallsSummaryJson(const CdrSummary& s, const CallsImportTotals& t, const TimeZone& zone);

}  // namespace cb
