// GET / and the embedded web app files: stored gzip bytes to clients that accept gzip, the
// inflated file otherwise; ETag + If-None-Match -> 304; no-cache so a new build shows at once.
#include <httplib.h>
#include <memory>
#include <mutex>
#include <string>
#include <vector>
#include "server/base/gzip.h"
#include "server/http/respond.h"
#include "server/http/routes.h"

namespace cb {
namespace {

const EmbeddedAsset* FindAsset(std::span<const EmbeddedAsset> assets, std::string_view path) {
    if (path == "/") path = "/index.html";
    for (const EmbeddedAsset& asset : assets) {
        if (path == asset.url) return &asset;
    }
    return nullptr;
}

// Inflated copies for clients without gzip, made once per asset on first use.
class InflatedCache {
public:
    explicit InflatedCache(size_t count) : m_entries(count) {}
    std::shared_ptr<const std::string> Get(size_t index, const EmbeddedAsset& asset) {
        Entry& entry = m_entries[index];
        std::call_once(entry.once, [&] {
            std::string raw;
            if (GzipInflate(std::string_view(reinterpret_cast<const char*>(asset.gzip_data), asset.gzip_size), &raw)) {
                entry.data = std::make_shared<const std::string>(std::move(raw));
            }
        });
        return entry.data;
    }

private:
    struct Entry {
        std::once_flag once;
        std::shared_ptr<const std::string> data;
    };
    std::vector<Entry> m_entries;
};

bool EtagMatches(std::string_view if_none_match, std::string_view quoted_etag) {
    if (if_none_match == "*") return true;
    size_t pos = 0;
    while (pos < if_none_match.size()) {
        size_t end = if_none_match.find(',', pos);
        if (end == std::string_view::npos) end = if_none_match.size();
        std::string_view tag = if_none_match.substr(pos, end - pos);
        while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
        if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
        if (tag == quoted_etag) return true;
        pos = end + 1;
    }
    return false;
}

void ServeAsset(const httplib::Request& req, httplib::Response& res, std::span<const EmbeddedAsset> assets,
                InflatedCache& cache) {
    const EmbeddedAsset* asset = FindAsset(assets, req.path);
    if (!asset) {
        if (assets.empty() && (req.path == "/" || req.path == "/index.html")) {
            res.status = 503;
            res.set_content("This callboard was built without the web app (CALLBOARD_WEB=OFF).\n"
                            "The API and the live stream work: /api/snapshot, /api/stream, /healthz.\n",
                            "text/plain; charset=utf-8");
            return;
        }
        RespondError(res, 404, "not found", req.path);
        return;
    }
    std::string quoted_etag = "\"";  // built by appends: GCC 12 warns falsely on "x" + string + "x"
    quoted_etag += asset->etag;
    quoted_etag += '"';
    res.set_header("ETag", quoted_etag);
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Vary", "Accept-Encoding");
    if (EtagMatches(req.get_header_value("If-None-Match"), quoted_etag)) {
        res.status = 304;
        return;
    }
    if (AcceptsGzip(req.get_header_value("Accept-Encoding"))) {
        // The embedded table is static: no copy, no ownership.
        const char* data = reinterpret_cast<const char*>(asset->gzip_data);
        res.set_header("Content-Encoding", "gzip");
        res.set_content_provider(asset->gzip_size, asset->content_type,
                                 [data](size_t offset, size_t length, httplib::DataSink& sink) {
                                     return sink.write(data + offset, length);
                                 });
        return;
    }
    std::shared_ptr<const std::string> raw = cache.Get(static_cast<size_t>(asset - assets.data()), *asset);
    if (!raw) {
        RespondError(res, 500, "embedded file is corrupt", req.path);
        return;
    }
    RespondShared(res, std::move(raw), asset->content_type, {});
}

}  // namespace

bool IsKnownPath(std::string_view path, std::span<const EmbeddedAsset> assets) {
    static constexpr std::string_view kApiPaths[] = {"/", "/healthz", "/api/version", "/api/snapshot", "/api/stream"};
    for (std::string_view known : kApiPaths) {
        if (path == known) return true;
    }
    return FindAsset(assets, path) != nullptr;
}

void AddAssetRoutes(httplib::Server& server, const RouteContext& context) {
    auto cache = std::make_shared<InflatedCache>(context.assets.size());
    const std::span<const EmbeddedAsset> assets = context.assets;
    auto handler = [assets, cache](const httplib::Request& req, httplib::Response& res) {
        ServeAsset(req, res, assets, *cache);
    };
    server.Get("/", handler);
    for (const EmbeddedAsset& asset : assets) server.Get(asset.url, handler);
}

}  // namespace cb
