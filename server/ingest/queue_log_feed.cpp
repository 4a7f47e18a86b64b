#include "server/ingest/queue_log_feed.h"

#include <sys/stat.h>
#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cinttypes>
#include <deque>
#include <mutex>
#include <thread>
#include "server/ingest/queue_log.h"

namespace cb {
namespace {

constexpr size_t kIdentityBytes = 4096;

bool ReadHead(const std::string& path, size_t n, std::string* out) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    out->assign(n, '\0');
    const size_t got = std::fread(out->data(), 1, n, f);
    std::fclose(f);
    out->resize(got);
    return true;
}

std::string Hex(uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
    return buf;
}

// The idempotency key of a line's i-th event: the event time (epoch ms, 13 digits, so keys
// sort by time and the store's key index grows at its end), ':', the mapper's line key, and
// "/i" after the first. Schema v5 rewrote stored keys the same way (printf('%013d:', t_ms)).
std::string EventKey(const std::string& line_key, size_t i, int64_t t_ms) {
    char time[32];
    const int n = std::snprintf(time, sizeof time, "%013" PRId64 ":", t_ms);
    std::string key;
    key.reserve(static_cast<size_t>(n) + line_key.size() + 4);
    key.append(time, static_cast<size_t>(n));
    key.append(line_key);
    if (i > 0) {
        key.push_back('/');
        key.append(std::to_string(i));
    }
    return key;
}

}  // namespace

std::string FileIdentity(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return {};
    std::string head;
    if (!ReadHead(path, kIdentityBytes, &head)) return {};
    return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" + std::to_string(head.size()) + ":" +
           Hex(QueueLogHash(head));
}

bool SameFile(const std::string& path, const std::string& identity) {
    // device:inode:n:hash
    size_t a = identity.find(':');
    size_t b = a == std::string::npos ? a : identity.find(':', a + 1);
    size_t c = b == std::string::npos ? b : identity.find(':', b + 1);
    if (c == std::string::npos) return false;
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return false;
    if (identity.substr(0, b) != std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino)) return false;
    const size_t n = std::stoul(identity.substr(b + 1, c - b - 1));
    std::string head;
    if (!ReadHead(path, n, &head) || head.size() != n) return false;
    return identity.substr(c + 1) == Hex(QueueLogHash(head));
}

namespace {

// The mapper's configuration with the store's call key scheme (schema v6 meta
// "queue_log_call_keys": "hash" for databases that stored queue_log calls before v6).
QueueLogMapperConfig WithStoredCallKeys(Store* store, QueueLogMapperConfig config, std::string* error) {
    if (!store) return config;
    Result<std::string> keys = store->Meta("queue_log_call_keys");
    if (!keys.ok()) {
        *error = "reading the call key scheme failed: " + keys.status().message();
        return config;
    }
    config.call_keys = keys.value() == "hash" ? QueueLogCallKeys::Hashed : QueueLogCallKeys::TimeOrdered;
    return config;
}

}  // namespace

QueueLogFeed::QueueLogFeed(Store* store, QueueLogMapperConfig mapper, std::string source, size_t batch_events,
                           bool pipelined)
    : m_store(store),
      m_mapper(WithStoredCallKeys(store, std::move(mapper), &m_setup_error)),
      m_source(std::move(source)),
      m_batch_events(batch_events),
      m_pipelined(pipelined) {
    m_batch.reserve(batch_events + 64);
}

QueueLogFeed::~QueueLogFeed() = default;

uint64_t QueueLogFeed::consumed_bytes() const { return m_reader ? m_reader->consumed_bytes() : 0; }

Status QueueLogFeed::Open(const std::string& path) {
    if (!m_setup_error.empty()) return Status::Error(path + ": " + m_setup_error);
    auto reader = std::make_unique<QueueLogReader>(kQueueLogMaxLineBytes);
    if (!reader->Open(path)) return Status::Error(path + ": " + reader->error());
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return Status::Error(path + ": cannot stat the file");
    m_reader = std::move(reader);
    m_error.clear();
    m_path = path;
    m_dev = st.st_dev;
    m_ino = st.st_ino;
    m_identity = FileIdentity(path);
    m_resume_offset = 0;
    if (m_store) {
        Result<FileProgress> progress = m_store->GetFileProgress(path);
        if (!progress.ok()) return Status::Error(path + ": reading import progress failed: " + progress.status().message());
        // The same file as last time (same inode and first bytes): resume after its stored lines.
        if (!progress.value().identity.empty() && SameFile(path, progress.value().identity)) {
            m_resume_offset = progress.value().offset;
            m_identity = progress.value().identity;
        }
    }
    return Status::Ok();
}

void QueueLogFeed::AddLine(std::string_view line, uint64_t consumed_after) {
    m_events.clear();
    const QueueLogLineResult result = m_mapper.MapLine(line, &m_events);
    m_batch_consumed = consumed_after;
    if (static_cast<int64_t>(consumed_after) <= m_skip_until) return;  // stored by an earlier run
    const size_t first = m_batch.size();
    for (size_t i = 0; i < m_events.size(); ++i) m_batch.push_back(StoredEvent{EventKey(result.key, i, m_events[i].t_ms), m_events[i]});
    AttachCaller(result, first);
}

// Gives the caller number of an ENTERQUEUE to its call's CallOffered: usually one of this
// line's events; under an Exclude policy a later line's (held until the call ended).
void QueueLogFeed::AttachCaller(const QueueLogLineResult& result, size_t first) {
    bool attached = result.caller_call == 0;
    for (size_t i = first; !attached && i < m_batch.size(); ++i) {
        StoredEvent& stored = m_batch[i];
        if (stored.event.kind == EventKind::CallOffered && stored.event.call == result.caller_call) {
            stored.caller_number = result.caller_number;
            attached = true;
        }
    }
    if (!attached) m_callers[result.caller_call] = result.caller_number;
    if (m_callers.empty()) return;
    for (size_t i = first; i < m_batch.size(); ++i) {
        StoredEvent& stored = m_batch[i];
        if (stored.event.kind != EventKind::CallOffered || !stored.caller_number.empty()) continue;
        auto it = m_callers.find(stored.event.call);
        if (it == m_callers.end()) continue;
        stored.caller_number = std::move(it->second);
        m_callers.erase(it);
    }
}

QueueLogFeed::Cut QueueLogFeed::TakeBatch() {
    Cut cut;
    cut.events.swap(m_batch);
    // The next batch fills a vector a stored batch left (its events freed here, on the thread
    // that made them), else a new one.
    m_batch.swap(m_spare);
    m_batch.clear();
    m_batch.reserve(m_batch_events + 64);
    cut.consumed = m_batch_consumed;
    // Plain files: up to the last line; gzip: the compressed bytes inflated so far.
    cut.file_bytes = m_reader && m_reader->gzip() ? m_reader->file_bytes() : m_batch_consumed;
    cut.lines = static_cast<int64_t>(m_reader ? m_reader->line_number() : 0);
    if (!m_directory || m_mapper.directory_revision() != m_directory_revision) {
        m_directory = std::make_shared<const Directory>(m_mapper.directory());
        m_directory_revision = m_mapper.directory_revision();
    }
    cut.directory = m_directory;
    cut.revision = m_directory_revision;
    for (const StoredEvent& e : cut.events) cut.last_t_ms = std::max(cut.last_t_ms, e.event.t_ms);
    return cut;
}

Status QueueLogFeed::StoreCut(Cut& cut, QueueLogBatchReport* report, bool collect) {
    if (!m_store) return Status::Ok();
    if (cut.revision != m_saved_revision) {
        if (Status status = m_store->SaveDirectory(*cut.directory); !status.ok()) return status;
        m_saved_revision = cut.revision;
    }
    FileProgress progress{m_path, m_identity, static_cast<int64_t>(cut.consumed), cut.lines};
    const bool record_progress = static_cast<int64_t>(cut.consumed) > m_resume_offset;
    if (cut.events.empty() && !record_progress) return Status::Ok();
    Result<AppendSummary> stored =
        m_store->Append(m_source, *cut.directory, cut.events, record_progress ? &progress : nullptr);
    if (!stored.ok()) return stored.status();
    report->stored += stored.value().inserted;
    report->duplicates += stored.value().duplicates;
    ++report->batches;
    if (collect) {
        // Event ids become the stored row ids, as when the live engine replays the day from the
        // store: events of one millisecond are applied in the order the store applied them.
        const AppendSummary& summary = stored.value();
        for (size_t k = 0; k < summary.fresh.size(); ++k) {
            Event e = cut.events[summary.fresh[k]].event;
            e.id = summary.fresh_ids[k];
            report->fresh.push_back(e);
        }
    }
    if (record_progress) m_resume_offset = static_cast<int64_t>(cut.consumed);
    if (m_after_batch) return m_after_batch(QueueLogStoredBatch{cut.consumed, cut.file_bytes, cut.lines, cut.last_t_ms});
    return Status::Ok();
}

Status QueueLogFeed::Flush(QueueLogBatchReport* report, bool collect) {
    Cut cut = TakeBatch();
    return StoreCut(cut, report, collect);
}

Status QueueLogFeed::ReadLines(size_t max_lines, QueueLogBatchReport* report,
                               const std::function<Status(Cut&)>& ready) {
    std::string_view line;
    while (report->lines < max_lines) {
        const QueueLogReadStatus status = m_reader->Next(&line);
        if (status == QueueLogReadStatus::End) break;
        if (status == QueueLogReadStatus::Error) {
            m_error = m_reader->error();
            break;
        }
        ++report->lines;
        if (status == QueueLogReadStatus::TooLong) {
            m_events.clear();
            const QueueLogLineResult result = m_mapper.Reject("", QueueLogStatus::TooLong);
            (void)result;
            m_batch_consumed = m_reader->consumed_bytes();
            continue;
        }
        AddLine(line, m_reader->consumed_bytes());
        if (m_batch.size() >= m_batch_events) {
            Cut cut = TakeBatch();
            if (Status s = ready(cut); !s.ok()) return s;
        }
    }
    Cut last = TakeBatch();  // the rest, and the progress of lines without events
    return ready(last);
}

// After reading: a damaged file goes into the report, any other reading error is the result.
Status QueueLogFeed::ReadError(QueueLogBatchReport* report) const {
    if (m_error.empty()) return Status::Ok();
    if (m_reader && m_reader->damaged()) {
        report->damaged = m_path + ": " + m_error;
        return Status::Ok();
    }
    return Status::Error(m_path + ": " + m_error);
}

Result<QueueLogBatchReport> QueueLogFeed::Poll(size_t max_lines, bool collect) {
    if (!m_reader) return Status::Error("no file open");
    m_skip_until = m_resume_offset;
    if (m_pipelined && m_store) return PollPipelined(max_lines, collect);
    QueueLogBatchReport report;
    Status status = ReadLines(max_lines, &report, [&](Cut& cut) {
        Status stored = StoreCut(cut, &report, collect);
        m_spare = std::move(cut.events);
        return stored;
    });
    if (!status.ok()) return status;
    if (Status s = ReadError(&report); !s.ok()) return s;
    return report;
}

// This thread stores the batches that a reading thread (reader, mapper, keys) cuts; at most
// kQueued wait, so memory stays bounded. The reader touches only the reader, the mapper and the
// batch being filled; this thread only the store and the progress.
Result<QueueLogBatchReport> QueueLogFeed::PollPipelined(size_t max_lines, bool collect) {
    constexpr size_t kQueued = 2;
    std::mutex mu;
    std::condition_variable cv;
    std::deque<Cut> queue;
    std::vector<std::vector<StoredEvent>> spent;  // stored batches' events, freed by the reader
    bool done = false, stop = false;
    Status read_status = Status::Ok();
    uint64_t lines = 0;
    std::thread reading([&] {
        QueueLogBatchReport counts;
        Status status = ReadLines(max_lines, &counts, [&](Cut& cut) {
            std::vector<std::vector<StoredEvent>> freed;
            std::unique_lock lock(mu);
            cv.wait(lock, [&] { return queue.size() < kQueued || stop; });
            if (stop) return Status::Error("stopped: storing failed");
            queue.push_back(std::move(cut));
            cv.notify_all();
            freed.swap(spent);
            lock.unlock();
            if (!freed.empty()) {
                m_spare = std::move(freed.back());
                freed.pop_back();
            }
            return Status::Ok();
        });
        std::lock_guard lock(mu);
        read_status = status;
        lines = counts.lines;
        done = true;
        cv.notify_all();
    });
    QueueLogBatchReport report;
    Status store_status = Status::Ok();
    while (true) {
        Cut cut;
        {
            std::unique_lock lock(mu);
            cv.wait(lock, [&] { return !queue.empty() || done; });
            if (queue.empty()) break;
            cut = std::move(queue.front());
            queue.pop_front();
            cv.notify_all();
        }
        store_status = StoreCut(cut, &report, collect);
        std::lock_guard lock(mu);
        if (!store_status.ok()) {
            stop = true;
            cv.notify_all();
            break;
        }
        spent.push_back(std::move(cut.events));
    }
    reading.join();
    if (!store_status.ok()) return store_status;
    if (!read_status.ok()) return read_status;
    report.lines = lines;
    if (Status s = ReadError(&report); !s.ok()) return s;
    return report;
}

Result<QueueLogBatchReport> QueueLogFeed::Finish(bool collect) {
    QueueLogBatchReport report;
    std::string_view line;
    if (m_reader && m_reader->TakePartial(&line)) {
        ++report.lines;
        // A line without its newline: stored, but progress stays before it (it may still grow).
        const int64_t keep = m_resume_offset;
        m_events.clear();
        const QueueLogLineResult result = m_mapper.MapLine(line, &m_events);
        const size_t first = m_batch.size();
        for (size_t i = 0; i < m_events.size(); ++i) m_batch.push_back(StoredEvent{EventKey(result.key, i, m_events[i].t_ms), m_events[i]});
        AttachCaller(result, first);
        m_resume_offset = keep;
    }
    m_events.clear();
    m_mapper.Finish(&m_events);
    // Closing events depend on everything read: key them by the last line's position.
    const std::string prefix = "qlfin:" + std::to_string(m_mapper.summary().lines_read) + ":";
    const size_t first = m_batch.size();
    for (const Event& e : m_events) m_batch.push_back(StoredEvent{prefix + std::to_string(m_finish_count++), e});
    AttachCaller(QueueLogLineResult{}, first);  // held calls released at the close
    m_callers.clear();                          // the rest belong to calls the policy dropped
    if (Status s = Flush(&report, collect); !s.ok()) return s;
    return report;
}

Result<QueueLogBatchReport> QueueLogFeed::CheckReplaced(bool collect, std::string* what) {
    what->clear();
    struct stat st {};
    if (stat(m_path.c_str(), &st) != 0) return QueueLogBatchReport{};  // rotated away, new one not there yet
    const bool rotated = static_cast<uint64_t>(st.st_dev) != m_dev || static_cast<uint64_t>(st.st_ino) != m_ino;
    const bool truncated = !rotated && static_cast<uint64_t>(st.st_size) < consumed_bytes();
    if (!rotated && !truncated) return QueueLogBatchReport{};
    *what = rotated ? "rotated" : "truncated";
    QueueLogBatchReport report;
    if (rotated) {  // the old file may have lines written after our last read
        Result<QueueLogBatchReport> rest = Poll(SIZE_MAX, collect);
        if (!rest.ok()) return rest;
        report = std::move(rest.value());
    }
    const std::string path = m_path;
    if (Status s = Open(path); !s.ok()) return s;
    m_resume_offset = 0;  // a new file: every line is new (known keys are still skipped)
    m_identity = FileIdentity(path);
    return report;
}

}  // namespace cb
