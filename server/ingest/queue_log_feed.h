// The queue_log pipeline shared by `callboard import`, `callboard tail` and the server's
// follower: reader -> mapper -> store, in batches, each batch one transaction that also
// records the file's progress (docs/ingest.md). A file is always mapped from its first line
// (the mapper's call state and idempotency keys depend on everything before), but lines
// before the stored progress of the same file are not stored again: a re-run resumes.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>
#include "server/ingest/queue_log_mapper.h"
#include "server/ingest/queue_log_reader.h"
#include "server/store/store.h"

namespace cb {

struct QueueLogBatchReport {
    uint64_t lines = 0;        // lines read by this call
    int64_t stored = 0;        // events newly stored
    int64_t duplicates = 0;    // events whose key was already stored
    int64_t batches = 0;       // transactions committed
    std::vector<Event> fresh;  // the newly stored events, when asked for (the live engine); ids = row ids
    // The file is damaged (gzip data corrupt or cut short): "<path>: what and where". Its
    // complete lines before the damage are stored, its cut line is not; nothing more is read.
    std::string damaged;
};

// How far the stored lines of the current file reach, after a batch is stored.
struct QueueLogStoredBatch {
    uint64_t consumed = 0;  // bytes of the file's lines read up to the batch's end
    uint64_t file_bytes = 0;  // bytes of the file as on disk (compressed for gzip) read by then
    int64_t lines = 0;      // lines of the file read up to the batch's end
    int64_t last_t_ms = 0;  // latest event time of the batch (0: no events)
};

class QueueLogFeed {
public:
    // store must outlive the feed. source: the events' source name in the store.
    // pipelined: Poll reads and maps lines on a second thread while this one stores the
    // batches before (`callboard import`: the store is the slower half, bench/results/import.md);
    // the same batches, keys and transactions as without.
    QueueLogFeed(Store* store, QueueLogMapperConfig mapper, std::string source = "queue_log",
                 size_t batch_events = 20000, bool pipelined = false);
    ~QueueLogFeed();

    // Starts reading `path` (keeping the mapper's state from earlier files). Fails when the
    // file cannot be opened or its stored progress cannot be read.
    Status Open(const std::string& path);
    // Reads the complete lines available now (at most max_lines), storing batches as they
    // fill and the rest at the end. collect: return the stored events in report.fresh. A
    // damaged file is not an error (report.damaged); failing to read or store is.
    Result<QueueLogBatchReport> Poll(size_t max_lines, bool collect);
    // End of an import: maps a last line without newline and closes open calls (mapper Finish).
    Result<QueueLogBatchReport> Finish(bool collect);
    // Following: when the path now names another file (rotated) or the file shrank
    // (truncated), drains the old file, then reads the new one from its start. *what says
    // which ("" when nothing happened).
    Result<QueueLogBatchReport> CheckReplaced(bool collect, std::string* what);

    // Called on the storing thread after each batch is stored (`callboard import`: progress and
    // interval counts between batches, without ending a pipelined Poll). An error ends the Poll.
    void SetAfterBatch(std::function<Status(const QueueLogStoredBatch&)> fn) { m_after_batch = std::move(fn); }

    const QueueLogMapper& mapper() const { return m_mapper; }
    const std::string& path() const { return m_path; }
    uint64_t consumed_bytes() const;   // of the current file (decompressed)
    bool resumed() const { return m_resume_offset > 0; }
    int64_t resume_offset() const { return m_resume_offset; }
    const std::string& error() const { return m_error; }

private:
    // A batch cut from the lines read: its events, where its last line ends, the reader's line
    // count there, and the directory the events refer to (a copy made when the mapper's changed).
    struct Cut {
        std::vector<StoredEvent> events;
        uint64_t consumed = 0;
        uint64_t file_bytes = 0;
        int64_t lines = 0;
        std::shared_ptr<const Directory> directory;
        uint64_t revision = 0;
        int64_t last_t_ms = 0;
    };
    Cut TakeBatch();
    Status StoreCut(Cut& cut, QueueLogBatchReport* report, bool collect);
    Status Flush(QueueLogBatchReport* report, bool collect);
    // Reads up to max_lines, handing each full batch to `ready` (the last partial one too).
    Status ReadLines(size_t max_lines, QueueLogBatchReport* report, const std::function<Status(Cut&)>& ready);
    Result<QueueLogBatchReport> PollPipelined(size_t max_lines, bool collect);
    Status ReadError(QueueLogBatchReport* report) const;
    void AddLine(std::string_view line, uint64_t consumed_after);
    void AttachCaller(const QueueLogLineResult& result, size_t first);

    Store* m_store;
    std::string m_setup_error;        // set while constructing m_mapper: Open() reports it
    QueueLogMapper m_mapper;
    std::string m_source;
    size_t m_batch_events;
    bool m_pipelined = false;
    std::function<Status(const QueueLogStoredBatch&)> m_after_batch;
    std::shared_ptr<const Directory> m_directory;  // the mapper's directory at m_directory_revision
    uint64_t m_directory_revision = UINT64_MAX;
    int64_t m_skip_until = 0;         // the reading thread's copy of m_resume_offset
    std::unique_ptr<QueueLogReader> m_reader;
    std::string m_path;
    std::string m_identity;
    uint64_t m_dev = 0, m_ino = 0;
    int64_t m_resume_offset = 0;      // lines ending at or before it were stored by an earlier run
    uint64_t m_saved_revision = UINT64_MAX;
    std::vector<Event> m_events;      // scratch for one line
    std::vector<StoredEvent> m_batch;
    std::vector<StoredEvent> m_spare;  // a stored batch's vector, reused for the next one
    uint64_t m_batch_consumed = 0;
    uint64_t m_finish_count = 0;
    std::string m_error;
    // Caller numbers of calls whose CallOffered is held back by an Exclude policy (call key ->
    // number), until a later line releases it. Calls the policy drops leave theirs until Finish.
    std::unordered_map<uint64_t, std::string> m_callers;
};

// "<device>:<inode>:<n>:<hash of the first n bytes>" of a file (n <= 4096), or empty.
std::string FileIdentity(const std::string& path);
// True when `identity` (from FileIdentity) still describes the file at path.
bool SameFile(const std::string& path, const std::string& identity);

}  // namespace cb
