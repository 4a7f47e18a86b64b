// Storing a per-call record import (cdr_import.h): its events in order, in batches, each batch one
// transaction (Store::Append, source "calls"); a file whose events are all stored has its
// progress recorded, so importing the same unchanged file again does not even offer its events
// to the store. Any other re-run offers every event and the store skips the keys it holds:
// nothing is stored twice, and an import stopped half way completes (docs/ingest.md).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>
#include "server/ingest/cdr_import.h"
#include "server/store/store.h"

namespace cb {

struct CdrStoreReport {
    int64_t stored = 0;       // events newly stored
    int64_t duplicates = 0;   // events whose key was already stored
    int64_t batches = 0;
    uint64_t skipped_events = 0;             // of files stored completely before, not offered again
    std::vector<std::string> skipped_files;  // those files
};

// After each stored batch: where the import stands.
struct CdrStoredBatch {
    size_t events_done = 0;   // position in the import's events after the batch
    uint32_t file = 0;        // the file of the batch's last event
    int64_t last_t_ms = 0;    // the batch's latest event time
};

// The progress path of a file in the store's ingest_files table ("calls:" + path: apart from
// a queue_log import of the same path).
std::string CdrProgressPath(const std::string& path);

// Saves the import's directory, then stores its events. after_batch (may be empty) runs after
// each batch; an error from it, or from the store, ends the storing (what was committed stays).
Result<CdrStoreReport> StoreCdrImport(Store& store, const CdrImport& import, size_t batch_events,
                                      const std::function<Status(const CdrStoredBatch&)>& after_batch);

}  // namespace cb
