#include "server/ingest/cdr_feed.h"

#include "server/ingest/queue_log_feed.h"

namespace cb {

std::string CdrProgressPath(const std::string& path) { return "calls:" + path; }

Result<CdrStoreReport> StoreCdrImport(Store& store, const CdrImport& import, size_t batch_events,
                                      const std::function<Status(const CdrStoredBatch&)>& after_batch) {
    CdrStoreReport report;
    const std::vector<CdrImport::File>& files = import.files();
    // Files stored completely before (same file, same size and lines): their events are skipped.
    std::vector<bool> skip(files.size(), false), recorded(files.size(), false);
    for (size_t f = 0; f < files.size(); ++f) {
        Result<FileProgress> progress = store.GetFileProgress(CdrProgressPath(files[f].path));
        if (!progress.ok()) return Status::Error(files[f].path + ": reading import progress failed: " + progress.status().message());
        const FileProgress& p = progress.value();
        if (!p.identity.empty() && p.identity == files[f].identity && SameFile(files[f].path, p.identity) &&
            p.offset == files[f].bytes && p.lines == files[f].lines) {
            skip[f] = true;
            recorded[f] = true;
            report.skipped_files.push_back(files[f].path);
        }
    }
    if (Status s = store.SaveDirectory(import.directory()); !s.ok()) return s;
    const size_t count = import.event_count();
    // Progress of every file whose events all lie before `done`, each in a transaction of its own.
    auto record_done = [&](size_t done) -> Status {
        for (size_t f = 0; f < files.size(); ++f) {
            if (recorded[f] || files[f].events_end > done) continue;
            FileProgress progress{CdrProgressPath(files[f].path), files[f].identity, files[f].bytes, files[f].lines};
            Result<AppendSummary> stored = store.Append(kCdrSource, import.directory(), {}, &progress);
            if (!stored.ok()) return stored.status();
            recorded[f] = true;
        }
        return Status::Ok();
    };
    std::vector<StoredEvent> batch;
    batch.reserve(batch_events);
    size_t i = 0;
    while (i < count) {
        batch.clear();
        int64_t last_t = 0;
        size_t end = i;
        while (end < count && batch.size() < batch_events) {
            if (skip[import.FileOfEvent(end)]) {
                ++report.skipped_events;
            } else {
                batch.push_back(import.Stored(end));
                last_t = std::max(last_t, import.EventTime(end));
            }
            ++end;
        }
        if (!batch.empty()) {
            Result<AppendSummary> stored = store.Append(kCdrSource, import.directory(), batch);
            if (!stored.ok()) return stored.status();
            report.stored += stored.value().inserted;
            report.duplicates += stored.value().duplicates;
            ++report.batches;
        }
        i = end;
        if (Status s = record_done(i); !s.ok()) return s;
        if (!batch.empty() && after_batch) {
            if (Status s = after_batch(CdrStoredBatch{i, import.FileOfEvent(i - 1), last_t}); !s.ok()) return s;
        }
    }
    if (Status s = record_done(count); !s.ok()) return s;
    return report;
}

}  // namespace cb
