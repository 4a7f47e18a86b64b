// The real `callboard` binary as a child process: help/version/usage errors, a live demo
// stream, port in use, bad database files, SIGTERM/SIGINT, and the binary alone in an
// empty folder serving everything while creating only its database file.
#include <doctest/doctest.h>

#include <signal.h>
#include <algorithm>
#include <sys/stat.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include "server_test_util.h"

namespace {

const std::string kBin = CB_CALLBOARD_BIN;

int LineCount(const std::string& text) {
    int lines = 0;
    for (char c : text) lines += c == '\n';
    return lines;
}

}  // namespace

TEST_CASE("--help and --version exit 0; usage errors exit 2 with one line") {
    cbtest::Child help(kBin, {"--help"});
    CHECK(help.Wait(5000) == 0);
    cbtest::Child version(kBin, {"--version"});
    CHECK(version.Wait(5000) == 0);
    cbtest::Child bad(kBin, {"serve", "--speed", "100"});
    CHECK(bad.Wait(5000) == 2);
    CHECK(bad.Stderr() == "callboard: --speed: '100' is not a whole number 1-60 (argument 2)\n");
    cbtest::Child unknown(kBin, {"serve", "--verbose"});
    CHECK(unknown.Wait(5000) == 2);
    CHECK(unknown.Stderr() == "callboard: unknown option '--verbose' (argument 2)\n");
}

TEST_CASE("serve streams a snapshot then a newer delta; SIGTERM stops it with exit 0") {
    cbtest::TempDir dir;
    const int port = cbtest::FreePort();
    cbtest::Child server(kBin, {"serve", "--port", std::to_string(port), "--db", dir.path() + "/cb.db", "--speed",
                                "60", "--demo", "monday_peak"});
    REQUIRE(server.WaitHealthy(port, 15000));
    auto all = cbtest::ReadSse(port, "/api/stream", 5000, [](const std::vector<cbtest::SseEventRead>& got) {
        return got.size() >= 3;
    });
    // The live data; the thresholds come as their own event after the first snapshot.
    std::vector<cbtest::SseEventRead> events;
    for (const auto& e : all)
        if (e.event != "thresholds") events.push_back(e);
    REQUIRE(all.size() >= 3);
    CHECK(all[1].event == "thresholds");
    REQUIRE(events.size() >= 2);
    CHECK(events[0].event == "snapshot");
    const auto snapshot = nlohmann::json::parse(events[0].data);
    CHECK(snapshot["source"] == "demo:monday_peak");
    CHECK(events[1].event == "delta");
    CHECK(std::stoull(events[1].id) > std::stoull(events[0].id));
    const auto delta = nlohmann::json::parse(events[1].data);
    CHECK(delta["base_version"] == snapshot["version"]);

    httplib::Client client("127.0.0.1", port);
    auto api = client.Get("/api/snapshot");
    REQUIRE(api);
    CHECK(api->status == 200);
    CHECK(nlohmann::json::parse(api->body)["source"] == "demo:monday_peak");

    server.Signal(SIGTERM);
    CHECK(server.Wait(10000) == 0);
    const std::string log = server.Stderr();
    CHECK(log.find("received SIGTERM, stopping") != std::string::npos);
    CHECK(log.find(" info stopped\n") != std::string::npos);
}

TEST_CASE("SIGINT also stops cleanly") {
    cbtest::TempDir dir;
    const int port = cbtest::FreePort();
    cbtest::Child server(kBin, {"serve", "--port", std::to_string(port), "--db", dir.path() + "/cb.db"});
    REQUIRE(server.WaitHealthy(port, 15000));
    server.Signal(SIGINT);
    CHECK(server.Wait(10000) == 0);
}

TEST_CASE("a port in use gives one clear line and a non-zero exit") {
    cbtest::TempDir dir;
    const int port = cbtest::FreePort();
    cbtest::Child first(kBin, {"serve", "--port", std::to_string(port), "--db", dir.path() + "/a.db"});
    REQUIRE(first.WaitHealthy(port, 15000));
    cbtest::Child second(kBin, {"serve", "--port", std::to_string(port), "--db", dir.path() + "/b.db"});
    const int code = second.Wait(10000);
    CHECK(code != 0);
    CHECK(code != -1);
    const std::string err = second.Stderr();
    CHECK(LineCount(err) == 1);
    CHECK(err.find("cannot listen on 127.0.0.1:" + std::to_string(port) + ": Address already in use") !=
          std::string::npos);
    const auto files = dir.List();
    CHECK(std::find(files.begin(), files.end(), "b.db") == files.end());  // nothing created
    first.Signal(SIGTERM);
    CHECK(first.Wait(10000) == 0);
}

TEST_CASE("an unwritable or non-SQLite database gives one clear line and a non-zero exit") {
    cbtest::TempDir dir;
    const std::string missing = dir.path() + "/missing/folder/cb.db";
    cbtest::Child cannot_create(kBin, {"serve", "--port", std::to_string(cbtest::FreePort()), "--db", missing});
    CHECK(cannot_create.Wait(10000) == 1);
    CHECK(LineCount(cannot_create.Stderr()) == 1);
    CHECK(cannot_create.Stderr().find("database '" + missing + "': cannot open or create it") != std::string::npos);

    const std::string text = dir.path() + "/notes.txt";
    std::ofstream(text) << std::string(8192, 'n');
    cbtest::Child not_db(kBin, {"serve", "--port", std::to_string(cbtest::FreePort()), "--db", text});
    CHECK(not_db.Wait(10000) == 1);
    CHECK(LineCount(not_db.Stderr()) == 1);
    CHECK(not_db.Stderr().find("database '" + text + "': file is not a database") != std::string::npos);
}

TEST_CASE("the binary alone in an empty folder serves, and creates only its database file") {
    cbtest::TempDir dir;
    const std::string copy = dir.path() + "/callboard";
    {
        std::ifstream in(kBin, std::ios::binary);
        std::ofstream out(copy, std::ios::binary);
        out << in.rdbuf();
    }
    chmod(copy.c_str(), 0755);
    const int port = cbtest::FreePort();
    cbtest::Child server(copy, {"serve", "--port", std::to_string(port)}, dir.path());
    REQUIRE(server.WaitHealthy(port, 15000));
    httplib::Client client("127.0.0.1", port);
    auto root = client.Get("/");
    REQUIRE(root);
    // Full build: the dashboard (200). Build without the web app: the 503 that says so.
    CHECK((root->status == 200 || root->status == 503));
    auto snapshot = client.Get("/api/snapshot");
    REQUIRE(snapshot);
    CHECK(snapshot->status == 200);
    server.Signal(SIGTERM);
    REQUIRE(server.Wait(10000) == 0);
    CHECK(dir.List() == std::vector<std::string>{"callboard", "callboard.db"});
}
