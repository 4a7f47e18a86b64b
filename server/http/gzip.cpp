#include "server/http/gzip.h"

#include <httplib.h>
#include <cctype>

namespace cb {

// httplib::detail's codec is part of the library's exported ABI (0.11.4) and wraps zlib with
// gzip framing; using it avoids linking zlib separately.
std::string GzipCompress(std::string_view data) {
    httplib::detail::gzip_compressor compressor;
    std::string out;
    compressor.compress(data.data(), data.size(), true, [&](const char* chunk, size_t n) {
        out.append(chunk, n);
        return true;
    });
    return out;
}

bool GzipInflate(std::string_view gzip_data, std::string* out) {
    httplib::detail::gzip_decompressor decompressor;
    out->clear();
    if (!decompressor.is_valid()) return false;
    return decompressor.decompress(gzip_data.data(), gzip_data.size(), [&](const char* chunk, size_t n) {
        out->append(chunk, n);
        return true;
    });
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

}  // namespace cb
