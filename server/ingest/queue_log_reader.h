// Streaming line reader for queue_log files, plain or gzip (detected by content, not name).
// Bounded memory: reads in chunks, never the whole file. Follows a growing file: a last line
// without '\n' is kept back until its newline arrives (or TakePartial at the end of an import).
// A damaged gzip file (corrupt, or cut short: the file ends inside the compressed data) gives
// its complete lines, then Error saying what and where; its cut last line is never returned.
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace cb {

enum class QueueLogReadStatus : uint8_t {
    Line,        // *line holds the next complete line (no '\n', no trailing '\r')
    TooLong,     // a line longer than the limit was skipped; line_number() counts it
    End,         // no complete line available now (EOF; call again later when following)
    Error,       // read error, or a damaged gzip file (error() says which and where); the reader is done
};

class QueueLogReader {
public:
    explicit QueueLogReader(size_t max_line_bytes = 16384);
    ~QueueLogReader();
    QueueLogReader(const QueueLogReader&) = delete;
    QueueLogReader& operator=(const QueueLogReader&) = delete;

    // Opens a file. Returns false with error() set if it cannot be opened.
    bool Open(const std::string& path);
    // Next line; *line stays valid until the next call. Corrupted bytes are passed through (the
    // parser rejects that line and reading continues).
    QueueLogReadStatus Next(std::string_view* line);
    // The unterminated last line, if any (then it counts as read). For the end of an import.
    // Never after an Error: the bytes of a damaged file after its last newline are not a line.
    bool TakePartial(std::string_view* line);

    bool gzip() const;
    bool damaged() const;               // Error came from damaged gzip data (not from reading)
    uint64_t file_bytes() const;        // bytes read from the file so far (compressed, for gzip)
    uint64_t line_number() const;       // lines returned or skipped so far
    uint64_t consumed_bytes() const;    // (decompressed) bytes up to the end of the last complete line
    const std::string& error() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace cb
