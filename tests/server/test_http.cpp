// HTTP against a real server on a loopback port: every endpoint, errors (404, 405, 400, 503),
// security headers, embedded files (gzip or identity, ETag and 304) and the stream framing.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <thread>
#include "core/snapshot_json.h"
#include "server/base/log.h"
#include "server/base/gzip.h"
#include "server/http/http_server.h"
#include "server_test_util.h"

namespace {

const std::string kIndexHtml = "<!doctype html><title>Callboard</title><canvas id=c></canvas>\n";
const std::string kAppJs = "console.log('callboard');\n";

// A server with a hand-fed broadcaster and a two-file web app.
struct TestServer {
    std::string index_gz = cb::GzipCompress(kIndexHtml);
    std::string js_gz = cb::GzipCompress(kAppJs);
    std::vector<cb::EmbeddedAsset> assets;
    cb::Broadcaster broadcaster;
    std::unique_ptr<cb::HttpServer> http;
    std::thread thread;

    explicit TestServer(int max_streams = 8) {
        cb::SetLogEnabled(false);
        assets = {
            {"/index.html", "text/html; charset=utf-8", "0123456789abcdef",
             reinterpret_cast<const unsigned char*>(index_gz.data()), index_gz.size(), kIndexHtml.size()},
            {"/app.js", "text/javascript; charset=utf-8", "fedcba9876543210",
             reinterpret_cast<const unsigned char*>(js_gz.data()), js_gz.size(), kAppJs.size()},
        };
        cb::HttpConfig config;
        config.max_streams = max_streams;
        config.api_threads = 4;
        config.assets = assets;
        http = std::make_unique<cb::HttpServer>(&broadcaster, config);
        REQUIRE(http->Bind("127.0.0.1", 0).ok());
        thread = std::thread([this] { http->Run(); });
    }
    ~TestServer() {
        broadcaster.Shutdown();
        http->Stop();
        thread.join();
        cb::SetLogEnabled(true);
    }
    httplib::Client Client() const {
        httplib::Client client("127.0.0.1", http->port());
        client.set_decompress(false);
        client.set_read_timeout(5);
        return client;
    }
};

nlohmann::json Json(const httplib::Result& res) { return nlohmann::json::parse(res->body); }

}  // namespace

TEST_CASE("healthz and version answer with JSON and security headers") {
    TestServer server;
    auto client = server.Client();
    auto health = client.Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(health->get_header_value("Content-Type") == "application/json");
    CHECK(Json(health)["status"] == "ok");
    CHECK(Json(health)["uptime_s"].is_number_integer());
    CHECK(Json(health)["snapshot_version"] == 0);
    CHECK(health->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(health->get_header_value("Content-Security-Policy") ==
          "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; "
          "style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:");

    auto version = client.Get("/api/version");
    REQUIRE(version);
    CHECK(version->status == 200);
    CHECK(Json(version) == nlohmann::json{{"name", "callboard"}, {"version", CALLBOARD_VERSION}});
}

TEST_CASE("unknown routes are 404 JSON, wrong methods 405, unknown or bad query parameters 400") {
    TestServer server;
    auto client = server.Client();
    auto missing = client.Get("/api/nothing?token=secret");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(Json(missing) == nlohmann::json{{"error", "not found"}, {"path", "/api/nothing"}});

    auto post = client.Post("/api/snapshot", "{}", "application/json");
    REQUIRE(post);
    CHECK(post->status == 405);
    CHECK(post->get_header_value("Allow") == "GET, HEAD");
    CHECK(Json(post) == nlohmann::json{{"error", "method POST not allowed"}, {"path", "/api/snapshot"}});
    auto del = client.Delete("/index.html");
    REQUIRE(del);
    CHECK(del->status == 405);
    auto post_unknown = client.Post("/nowhere", "", "text/plain");
    REQUIRE(post_unknown);
    CHECK(post_unknown->status == 404);

    auto bad_param = client.Get("/api/snapshot?pretty=1");
    REQUIRE(bad_param);
    CHECK(bad_param->status == 400);
    CHECK(Json(bad_param) ==
          nlohmann::json{{"error", "unknown query parameter 'pretty'"}, {"path", "/api/snapshot"}, {"where", "query"}});
    auto bad_value = client.Get("/api/stream?heartbeat=abc");
    REQUIRE(bad_value);
    CHECK(bad_value->status == 400);
    CHECK(Json(bad_value)["error"] == "heartbeat: 'abc' is not a whole number of seconds 1-60");
    auto out_of_range = client.Get("/api/stream?heartbeat=0");
    REQUIRE(out_of_range);
    CHECK(out_of_range->status == 400);
}

TEST_CASE("snapshot: 503 before the first publish, then the JSON, gzip when accepted") {
    TestServer server;
    auto client = server.Client();
    auto early = client.Get("/api/snapshot");
    REQUIRE(early);
    CHECK(early->status == 503);
    CHECK(Json(early)["error"] == "no snapshot yet: the live source is starting");

    server.broadcaster.Publish(cbtest::SmallCenter(5));
    const std::string expected = cb::SnapshotToJson(cbtest::SmallCenter(5));
    auto identity = client.Get("/api/snapshot", {{"Accept-Encoding", "identity"}});
    REQUIRE(identity);
    CHECK(identity->status == 200);
    CHECK(identity->get_header_value("Content-Type") == "application/json");
    CHECK(!identity->has_header("Content-Encoding"));
    CHECK(identity->get_header_value("X-Snapshot-Version") == "5");
    CHECK(identity->body == expected);

    auto gzip = client.Get("/api/snapshot", {{"Accept-Encoding", "gzip, deflate, br"}});
    REQUIRE(gzip);
    CHECK(gzip->status == 200);
    CHECK(gzip->get_header_value("Content-Encoding") == "gzip");
    std::string inflated;
    REQUIRE(cb::GzipInflate(gzip->body, &inflated));
    CHECK(inflated == expected);
    CHECK(gzip->body.size() < expected.size());

    auto health = client.Get("/healthz");
    CHECK(Json(health)["snapshot_version"] == 5);
}

TEST_CASE("embedded files: gzip as stored or inflated, content types, ETag and 304") {
    TestServer server;
    auto client = server.Client();
    auto root = client.Get("/", {{"Accept-Encoding", "gzip"}});
    REQUIRE(root);
    CHECK(root->status == 200);
    CHECK(root->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(root->get_header_value("Content-Encoding") == "gzip");
    CHECK(root->get_header_value("ETag") == "\"0123456789abcdef\"");
    CHECK(root->get_header_value("Cache-Control") == "no-cache");
    CHECK(root->body == server.index_gz);  // the stored bytes, not recompressed

    auto plain = client.Get("/index.html", {{"Accept-Encoding", "gzip;q=0, identity"}});
    REQUIRE(plain);
    CHECK(plain->status == 200);
    CHECK(!plain->has_header("Content-Encoding"));
    CHECK(plain->body == kIndexHtml);

    auto js = client.Get("/app.js");
    REQUIRE(js);
    CHECK(js->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(js->body == kAppJs);

    auto cached = client.Get("/app.js", {{"If-None-Match", "\"fedcba9876543210\""}});
    REQUIRE(cached);
    CHECK(cached->status == 304);
    CHECK(cached->body.empty());
    CHECK(cached->get_header_value("ETag") == "\"fedcba9876543210\"");
    auto stale = client.Get("/app.js", {{"If-None-Match", "\"0000000000000000\""}});
    REQUIRE(stale);
    CHECK(stale->status == 200);
}

TEST_CASE("a build without the web app says so at /") {
    cb::SetLogEnabled(false);
    cb::Broadcaster broadcaster;
    cb::HttpConfig config;
    config.assets = {};
    config.max_streams = 2;
    config.api_threads = 2;
    cb::HttpServer http(&broadcaster, config);
    REQUIRE(http.Bind("127.0.0.1", 0).ok());
    std::thread thread([&] { http.Run(); });
    httplib::Client client("127.0.0.1", http.port());
    auto root = client.Get("/");
    REQUIRE(root);
    CHECK(root->status == 503);
    CHECK(root->body.find("built without the web app") != std::string::npos);
    broadcaster.Shutdown();
    http.Stop();
    thread.join();
    cb::SetLogEnabled(true);
}

TEST_CASE("the stream sends a full snapshot, then deltas with increasing ids, with SSE headers") {
    TestServer server;
    server.broadcaster.Publish(cbtest::SmallCenter(1));
    std::thread publisher([&] {
        for (uint64_t v = 2; v <= 4; ++v) {
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
            server.broadcaster.Publish(cbtest::SmallCenter(v));
        }
    });
    httplib::Headers headers;
    auto events = cbtest::ReadSse(
        server.http->port(), "/api/stream", 5000,
        [](const std::vector<cbtest::SseEventRead>& got) { return got.size() >= 2; }, nullptr, &headers);
    publisher.join();
    REQUIRE(events.size() >= 2);
    CHECK(events[0].event == "snapshot");
    CHECK(events[0].id == "1");
    CHECK(events[0].data == cb::SnapshotToJson(cbtest::SmallCenter(1)));
    CHECK(events[0].comments.size() == 1);
    CHECK(events[0].comments[0].rfind("t=", 0) == 0);
    CHECK(events[1].event == "delta");
    CHECK(events[1].id == "2");
    cb::SnapshotDelta delta;
    std::string error;
    REQUIRE(cb::DeltaFromJson(events[1].data, &delta, &error));
    CHECK(delta.base_version == 1);
    CHECK(delta.version == 2);
    CHECK(headers.find("Content-Type")->second == "text/event-stream");
    CHECK(headers.find("Cache-Control")->second == "no-cache");
    CHECK(headers.find("X-Accel-Buffering")->second == "no");
}

TEST_CASE("an idle stream gets heartbeat comments") {
    TestServer server;
    server.broadcaster.Publish(cbtest::SmallCenter(1));
    std::string raw;
    cbtest::ReadSse(
        server.http->port(), "/api/stream?heartbeat=1", 2500,
        [&](const std::vector<cbtest::SseEventRead>&) { return false; }, &raw);
    // raw holds everything read before the timeout: retry hint, snapshot, then heartbeats.
    CHECK(raw.rfind("retry: 3000\n\n: t=", 0) == 0);
    CHECK(raw.find(": heartbeat\n\n") != std::string::npos);
}

TEST_CASE("streams beyond the cap get 503 while API requests keep answering") {
    TestServer server(2);
    server.broadcaster.Publish(cbtest::SmallCenter(1));
    std::atomic<bool> stop{false};
    std::vector<std::thread> holders;
    for (int i = 0; i < 2; ++i) {
        holders.emplace_back([&] {
            cbtest::ReadSse(server.http->port(), "/api/stream", 10000,
                            [&](const std::vector<cbtest::SseEventRead>&) { return stop.load(); });
        });
    }
    for (int i = 0; i < 100 && server.broadcaster.open_streams() < 2; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE(server.broadcaster.open_streams() == 2);
    auto client = server.Client();
    auto refused = client.Get("/api/stream");
    REQUIRE(refused);
    CHECK(refused->status == 503);
    CHECK(Json(refused)["error"] == "too many open streams");
    auto snapshot = client.Get("/api/snapshot");
    REQUIRE(snapshot);
    CHECK(snapshot->status == 200);
    stop = true;
    server.broadcaster.Publish(cbtest::SmallCenter(2));  // wakes the readers so they notice stop
    for (auto& t : holders) t.join();
}
