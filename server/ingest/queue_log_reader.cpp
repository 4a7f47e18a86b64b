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
    bool skipping = false;       // inside an over-long line: drop bytes until its newline
    std::unique_ptr<GzipInflater> inflater;
    std::string buf;             // decompressed bytes not yet returned
    size_t pos = 0;              // start of the next line in buf
    std::string partial;         // TakePartial's copy
    uint64_t line_number = 0;
    uint64_t consumed = 0;
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
            }
            std::clearerr(file);  // following: a later call sees appended data
            return false;
        }
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
            failed = true;
            error = "gzip: corrupt compressed data";
            return buf.size() > before;
        }
        return true;
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
uint64_t QueueLogReader::line_number() const { return m_impl->line_number; }
uint64_t QueueLogReader::consumed_bytes() const { return m_impl->consumed; }
const std::string& QueueLogReader::error() const { return m_impl->error; }

}  // namespace cb
