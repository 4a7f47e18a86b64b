// gzip with zlib: whole buffers (snapshot JSON for clients that accept gzip, embedded assets
// for clients that do not) and a streaming inflater for queue_log files that tells a complete
// stream from one cut short.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace cb {

std::string GzipCompress(std::string_view data);
// Inflates gzip data; false when it is corrupt or cut short (then *out holds what came before).
bool GzipInflate(std::string_view gzip_data, std::string* out);
// True when an Accept-Encoding header value allows gzip ("gzip", "*", not "gzip;q=0").
bool AcceptsGzip(std::string_view accept_encoding);

// Inflates a gzip file chunk by chunk (bounded memory). Concatenated gzip members read as one
// stream, as gzip -d reads them; zero bytes padding the end are ignored.
class GzipInflater {
public:
    GzipInflater();
    ~GzipInflater();
    GzipInflater(const GzipInflater&) = delete;
    GzipInflater& operator=(const GzipInflater&) = delete;

    // Inflates the next bytes of the file, appending what they decompress to *out. False when
    // the data is corrupt (not gzip, bad checksum, ...): corrupt_at() says where; the inflater
    // is done then.
    bool Feed(const char* data, size_t n, std::string* out);
    // The bytes fed so far end exactly at the end of a gzip member: nothing was cut off. False
    // before any input and in the middle of a member (a file cut short ends there).
    bool complete() const;
    uint64_t input_bytes() const;  // bytes fed so far
    uint64_t corrupt_at() const;   // offset in the input of the corrupt data (after a false Feed)

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace cb
