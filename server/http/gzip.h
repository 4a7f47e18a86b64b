// gzip for responses: compress (snapshot JSON) and inflate (embedded assets for clients that
// do not accept gzip). Uses the zlib codec inside cpp-httplib, the library we already link.
#pragma once
#include <string>
#include <string_view>

namespace cb {

std::string GzipCompress(std::string_view data);
// Inflates gzip data; returns false on corrupt input.
bool GzipInflate(std::string_view gzip_data, std::string* out);
// True when an Accept-Encoding header value allows gzip ("gzip", "*", not "gzip;q=0").
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace cb
