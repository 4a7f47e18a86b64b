#include "server/base/gzip.h"

#include <zlib.h>
#include <cctype>

namespace cb {
namespace {

constexpr int kGzipWindowBits = 16 + MAX_WBITS;  // gzip framing, 32 KiB window

}  // namespace

std::string GzipCompress(std::string_view data) {
    z_stream z{};
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);  // deflateBound leaves room for all of it at once
    out.resize(rc == Z_STREAM_END ? z.total_out : 0);
    deflateEnd(&z);
    return out;
}

bool GzipInflate(std::string_view gzip_data, std::string* out) {
    out->clear();
    GzipInflater inflater;
    return inflater.Feed(gzip_data.data(), gzip_data.size(), out) && inflater.complete();
}

bool AcceptsGzip(std::string_view accept_encoding) {
    // Tokens separated by commas, each "coding[;q=value]".
    size_t pos = 0;
    while (pos <= accept_encoding.size()) {
        size_t end = accept_encoding.find(',', pos);
        if (end == std::string_view::npos) end = accept_encoding.size();
        std::string_view token = accept_encoding.substr(pos, end - pos);
        pos = end + 1;
        std::string lowered;
        for (char c : token) {
            if (c != ' ' && c != '\t') lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        const size_t semi = lowered.find(';');
        const std::string coding = lowered.substr(0, semi);
        if (coding != "gzip" && coding != "*") continue;
        if (semi != std::string::npos) {
            const std::string params = lowered.substr(semi + 1);
            if (params == "q=0" || params == "q=0.0" || params == "q=0.00" || params == "q=0.000") continue;
        }
        return true;
    }
    return false;
}

struct GzipInflater::Impl {
    z_stream z{};
    bool ready = false;      // inflateInit2 worked
    bool failed = false;
    bool in_member = false;  // inside a gzip member (its header, data or trailer)
    uint64_t members = 0;    // members read to their end
    uint64_t fed = 0;
    uint64_t corrupt_at = 0;
};

GzipInflater::GzipInflater() : m_impl(std::make_unique<Impl>()) {
    m_impl->ready = inflateInit2(&m_impl->z, kGzipWindowBits) == Z_OK;
}

GzipInflater::~GzipInflater() {
    if (m_impl->ready) inflateEnd(&m_impl->z);
}

bool GzipInflater::Feed(const char* data, size_t n, std::string* out) {
    Impl& m = *m_impl;
    if (m.failed || !m.ready) {
        m.failed = true;
        return false;
    }
    z_stream& z = m.z;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
    z.avail_in = static_cast<uInt>(n);
    char buf[65536];
    while (true) {
        if (!m.in_member) {
            // Between members: zero padding after the last one is ignored (as gzip -d does).
            while (m.members > 0 && z.avail_in > 0 && *z.next_in == 0) {
                ++z.next_in;
                --z.avail_in;
            }
            if (z.avail_in == 0) break;
            if (m.members > 0) inflateReset(&z);
            m.in_member = true;
        }
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        const int rc = inflate(&z, Z_NO_FLUSH);
        const size_t produced = sizeof buf - z.avail_out;
        out->append(buf, produced);
        if (rc == Z_STREAM_END) {
            m.in_member = false;
            ++m.members;
            continue;
        }
        if (rc == Z_OK) {
            if (z.avail_in == 0 && produced < sizeof buf) break;  // all input taken, no output pending
            continue;
        }
        if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // needs more input
        m.failed = true;
        m.corrupt_at = m.fed + (n - z.avail_in);
        m.fed += n;
        return false;
    }
    m.fed += n;
    return true;
}

bool GzipInflater::complete() const { return !m_impl->failed && m_impl->members > 0 && !m_impl->in_member; }
uint64_t GzipInflater::input_bytes() const { return m_impl->fed; }
uint64_t GzipInflater::corrupt_at() const { return m_impl->corrupt_at; }

}  // namespace cb
