// The web app compiled into the server: all three files, right types, and a download budget
// (README states the size; this keeps it honest).
#include <doctest/doctest.h>

#include <string>
#include "server/assets/embedded_assets.h"

TEST_CASE("the embedded web app has its page, script and module within the download budget") {
    auto assets = cb::EmbeddedAssets();
    if (assets.empty()) {
        MESSAGE("built without the web app (CALLBOARD_WEB=OFF): nothing embedded to check");
        return;
    }
    size_t total_gzip = 0;
    bool html = false, js = false, wasm = false;
    for (const cb::EmbeddedAsset& a : assets) {
        total_gzip += a.gzip_size;
        const std::string url = a.url;
        if (url == "/index.html") html = std::string(a.content_type).rfind("text/html", 0) == 0;
        if (url == "/callboard.js") js = std::string(a.content_type).rfind("text/javascript", 0) == 0;
        if (url == "/callboard.wasm") wasm = std::string(a.content_type) == "application/wasm";
        CHECK(a.gzip_size > 0);
        CHECK(a.gzip_size < a.raw_size + 64);
    }
    CHECK(html);
    CHECK(js);
    CHECK(wasm);
    // Page + script + WebAssembly (with the Chinese font subset compiled in), gzip.
    CHECK(total_gzip < 1400 * 1024);
}
