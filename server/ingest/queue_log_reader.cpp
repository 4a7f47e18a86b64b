// Streaming queue_log line reader (queue_log_reader.h). gzip goes through zlib (GzipInflater),
// which keeps its z_stream across calls: the file is inflated chunk by chunk, never whole.
#include "server/ingest/queue_log_reader.h"

#include <cstring>
#include "server/base/gzip.h"

namespace cb {

struct QueueLogReader::Impl {
    size_t max_line = 16384;
    FILE* file = nullptr;
    bool gzip = false;
    bool sniffed = false;
    bool failed = false;
    bool damaged = false;        // gzip data corrupt or cut short
    bool skipping = false;       // inside an over-long line: drop bytes until its newline
    std::unique_ptr<GzipInflater> inflater;
    std::string buf;             // decompressed bytes not yet returned
    size_t pos = 0;              // start of the next line in buf
    std::string partial;         // TakePartial's copy
    uint64_t line_number = 0;
    uint64_t consumed = 0;
    uint64_t file_bytes = 0;     // read from the file
    std::string error;

    ~Impl() {
        if (file != nullptr) std::fclose(file);
    }

    // Appends more decompressed bytes to buf. False when nothing new is available now.
    bool Fill() {
        if (failed || file == nullptr) return false;
        char chunk[65536];
        const size_t n = std::fread(chunk, 1, sizeof chunk, file);
        if (n == 0) {
            if (std::ferror(file)) {
                failed = true;
                error = std::string("read error: ") + std::strerror(errno);
            } else if (gzip && !inflater->complete()) {
                // A gzip file ends with its stream (a file being followed is plain): this one
                // was cut short.
                Damaged("gzip data cut short: the file ends at byte " + std::to_string(file_bytes) +
                        ", inside the compressed data", false);
            }
            std::clearerr(file);  // following: a later call sees appended data
            return false;
        }
        file_bytes += n;
        if (!sniffed) {
            sniffed = true;
            gzip = n >= 2 && static_cast<unsigned char>(chunk[0]) == 0x1f && static_cast<unsigned char>(chunk[1]) == 0x8b;
            if (gzip) inflater = std::make_unique<GzipInflater>();
        }
        if (!gzip) {
            buf.append(chunk, n);
            return true;
        }
        const size_t before = buf.size();
        if (!inflater->Feed(chunk, n, &buf)) {
            // The complete lines it inflated before the damage are still returned.
            Damaged("gzip data corrupt at byte " + std::to_string(inflater->corrupt_at()) + " of the file", true);
            return buf.size() > before;
        }
        return true;
    }

    // The reader is done: the complete lines in buf are still returned, then Error. The bytes
    // after the last newline (a cut line) never are.
    void Damaged(const std::string& what, bool corrupt) {
        failed = true;
        damaged = true;
        const size_t last_nl = buf.rfind('\n');
        const size_t complete_end = last_nl == std::string::npos || last_nl < pos ? pos : last_nl + 1;
        uint64_t lines = line_number;
        for (size_t i = pos; i < complete_end; ++i) lines += buf[i] == '\n';
        const size_t cut = buf.size() - complete_end;
        buf.resize(complete_end);
        error = what + "; the " + std::to_string(lines) + " complete lines before" + (corrupt ? " it" : "") +
                " are read";
        if (cut > 0 && !skipping) {
            error += ", line " + std::to_string(lines + 1) + " is cut (" + std::to_string(cut) + " bytes) and is not";
        }
    }

    void Compact() {
        if (pos > 0 && (pos >= buf.size() || pos > 65536)) {
            buf.erase(0, pos);
            pos = 0;
        }
    }
};

QueueLogReader::QueueLogReader(size_t max_line_bytes) : m_impl(std::make_unique<Impl>()) {
    m_impl->max_line = max_line_bytes;
}
QueueLogReader::~QueueLogReader() = default;

bool QueueLogReader::Open(const std::string& path) {
    const size_t max_line = m_impl->max_line;
    m_impl = std::make_unique<Impl>();
    Impl& m = *m_impl;
    m.max_line = max_line;
    m.file = std::fopen(path.c_str(), "rb");
    if (m.file == nullptr) {
        m.error = "cannot open " + path + ": " + std::strerror(errno);
        return false;
    }
    return true;
}

QueueLogReadStatus QueueLogReader::Next(std::string_view* line) {
    Impl& m = *m_impl;
    m.Compact();
    while (true) {
        const size_t nl = m.buf.find('\n', m.pos);
        if (nl != std::string::npos) {
            const size_t start = m.pos;
            m.pos = nl + 1;
            m.consumed += nl + 1 - start;
            ++m.line_number;
            if (m.skipping || nl - start > m.max_line) {
                m.skipping = false;
                return QueueLogReadStatus::TooLong;
            }
            std::string_view l(m.buf.data() + start, nl - start);
            if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
            *line = l;
            return QueueLogReadStatus::Line;
        }
        if (m.buf.size() - m.pos > m.max_line) {
            // Bounded memory: drop the over-long line's bytes so far; the rest goes at its newline.
            m.consumed += m.buf.size() - m.pos;
            m.buf.clear();
            m.pos = 0;
            m.skipping = true;
        }
        m.Compact();
        if (!m.Fill()) return m.failed ? QueueLogReadStatus::Error : QueueLogReadStatus::End;
    }
}

bool QueueLogReader::TakePartial(std::string_view* line) {
    Impl& m = *m_impl;
    while (m.Fill()) {
    }
    if (m.failed) return false;
    if (m.pos >= m.buf.size()) return false;
    if (m.buf.find('\n', m.pos) != std::string::npos) return false;  // complete lines first (Next)
    m.partial.assign(m.buf, m.pos, std::string::npos);
    m.consumed += m.buf.size() - m.pos;
    m.buf.clear();
    m.pos = 0;
    ++m.line_number;
    if (m.skipping) {
        m.skipping = false;
        return false;
    }
    std::string_view l(m.partial);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    *line = l;
    return true;
}

bool QueueLogReader::gzip() const { return m_impl->gzip; }
bool QueueLogReader::damaged() const { return m_impl->damaged; }
uint64_t QueueLogReader::file_bytes() const { return m_impl->file_bytes; }
uint64_t QueueLogReader::line_number() const { return m_impl->line_number; }
uint64_t QueueLogReader::consumed_bytes() const { return m_impl->consumed; }
const std::string& QueueLogReader::error() const { return m_impl->error; }

}  // namespace cb
