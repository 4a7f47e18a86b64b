// Per-call record files turned into Callboard events (docs/ingest.md, "Per-call records"). Every
// file is read whole first (plain or gzip), row by row (cdr_rows.h); then the checks across rows
// (one agent serving two calls at once, one call id at two overlapping times), the directory
// (queues = the queue column's values, agents = the agent column's, through the configuration's
// mapping), and the events of each kept row, sorted by time so that they can be stored in
// batches in order. Row by row:
//   answered after a queue wait  CallOffered (queue entry), CallAnswered (answer, by the agent),
//                                CallCompleted (end), AgentLogout (end)
//   answered without a queue     the same, offered and answered at the answer (wait 0)
//   abandoned in the queue       CallOffered (queue entry), CallAbandoned (queue exit)
//   hung up before a queue, ignored, rejected: nothing
// The agent logs out as each call ends: per-call records say nothing about agents between calls,
// so no available, not-ready or wrap-up time is made up. No I/O except reading the files.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>
#include "core/directory.h"
#include "core/events.h"
#include "server/ingest/cdr_rows.h"
#include "server/ingest/queue_log_mapper.h"
#include "server/store/store.h"

namespace cb {

inline constexpr std::string_view kCdrSource = "calls";  // the events' source in the store

// Rows of one queue (or all) by what they became, and what the stored calls add up to.
struct CdrCounts {
    uint64_t rows = 0;                    // data rows (blank lines and headers not counted)
    uint64_t answered = 0;                // stored: served after waiting in the queue
    uint64_t answered_without_queue = 0;  // stored: served with no queue entry (wait 0)
    uint64_t abandoned = 0;               // stored: hung up while waiting in the queue
    uint64_t hung_up_before_queue = 0;    // not stored: never reached a queue
    uint64_t ignored = 0;                 // not stored: an outcome to ignore
    uint64_t rejected = 0;                // not stored: bad or contradictory (reasons listed)
    uint64_t answered_within_t = 0;       // of the answered (both kinds): wait <= the queue's T
    uint64_t abandoned_within_t = 0;
    int64_t wait_answered_ms = 0, wait_abandoned_ms = 0, talk_ms = 0;
    int threshold_s = 0;                  // T: the queue's service-level threshold (0 for the total)
    bool operator==(const CdrCounts&) const = default;
};

// A row named in the summary: rejected (reason) or kept with a note (reason = the note's kind).
struct CdrListedRow {
    std::string file;
    uint64_t line = 0;  // 1-based, the header row counts
    std::string reason;
    std::string detail;
};

// One file's rows (the bank's files are months).
struct CdrFileCounts {
    std::string file;
    CdrCounts counts;
    std::map<std::string, uint64_t> outcome_values, rejected_by_reason, notes_by_kind;
};

struct CdrSummary {
    std::vector<std::string> files;
    std::string mapping, time_zone;
    uint64_t lines = 0, header_lines = 0, blank_lines = 0;
    CdrCounts total;
    std::map<std::string, CdrCounts> per_queue;           // by the queue column's value
    std::vector<CdrFileCounts> per_file;                  // in the order given
    std::map<std::string, uint64_t> outcome_values;       // rows per outcome value as written
    std::map<std::string, uint64_t> rejected_by_reason;
    std::map<std::string, uint64_t> notes_by_kind;
    std::vector<CdrListedRow> rejected;                   // rejected rows (up to the limit per reason), in file order
    std::vector<CdrListedRow> notes;                      // notes (up to the limit per kind), in file order
    uint64_t events = 0;                                  // events of the kept rows
    uint64_t agents = 0, queues = 0;                      // distinct in the kept rows
    int64_t first_ms = -1, last_ms = -1;                  // time range of the events
};

class CdrImport {
public:
    // directory: the configuration's mapping of queue and agent values (QueueLogMapperConfig's
    // teams, agents, queues, default service level) with the stored directory to start from.
    // max_listed: rows listed per reason and per note kind in the summary (all are counted).
    CdrImport(CdrRowReader reader, QueueLogMapperConfig directory, size_t max_listed = 100000);
    ~CdrImport();

    // Reads a whole file. Fails (nothing of it kept) when it cannot be read, is a damaged gzip
    // file, or its header row lacks a column of the mapping.
    Status AddFile(const std::string& path);
    // After the last file: the checks across rows, the directory, the events in storing order
    // and the summary.
    void Finish();

    const CdrSummary& summary() const;
    const Directory& directory() const;
    // The events in storing order (each made when asked: a file's rows take little memory).
    size_t event_count() const;
    // Event i with its idempotency key: "<13-digit event time>:cdr1:<16 hex of the call's id and
    // start>:<kind: o offered, a answered, c completed, l logout, b abandoned>", the same for
    // the same row on every import.
    StoredEvent Stored(size_t i) const;
    int64_t EventTime(size_t i) const;
    // Files in the order given: path, identity (FileIdentity at reading), size and lines read,
    // and the position in the events after the file's last event (0 when it has none).
    struct File {
        std::string path, identity;
        int64_t bytes = 0, lines = 0;
        size_t events_end = 0;
    };
    const std::vector<File>& files() const;
    uint32_t FileOfEvent(size_t i) const;  // index into files()
    uint64_t RowsBefore(size_t i) const;   // stored calls whose events all come before event i

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace cb
