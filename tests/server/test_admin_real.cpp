// Teams on a server with real data (the `callboard` binary with a configuration): a team made on
// the administration page shows in the live directory at once and survives a restart; the
// configuration file's teams keep the names it gives them; thresholds survive a restart too.
#include <doctest/doctest.h>

#include <httplib.h>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>
#include "server_test_util.h"

namespace {

using nlohmann::json;

const std::string kBin = CB_CALLBOARD_BIN;

struct RealServer {
    int port = cbtest::FreePort();
    std::unique_ptr<cbtest::Child> child;
    RealServer(const std::string& dir, const std::string& config, const std::string& db) {
        child = std::make_unique<cbtest::Child>(
            kBin, std::vector<std::string>{"serve", "--port", std::to_string(port), "--config", config, "--db", db,
                                           "--api-threads", "4", "--max-streams", "4"},
            dir);
        REQUIRE_MESSAGE(child->WaitHealthy(port, 20000), child->Stderr());
    }
    ~RealServer() {
        child->Signal(SIGTERM);
        child->Wait(20000);
    }
    httplib::Client Client() const {
        httplib::Client client("127.0.0.1", port);
        client.set_read_timeout(10);
        return client;
    }
    // The live directory's team names by key, "key=en/zh;..." in directory order.
    std::string LiveTeams() const {
        auto res = Client().Get("/api/snapshot");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        std::string out;
        const json snapshot = json::parse(res->body);
        for (const json& t : snapshot["directory"]["teams"])
            out += t["key"].get<std::string>() + "=" + t["name_en"].get<std::string>() + "/" + t["name_zh"].get<std::string>() + ";";
        return out;
    }
};

}  // namespace

TEST_CASE("real data: a team made on the administration page is live at once and stays; configured names stay the file's") {
    cbtest::TempDir dir;
    const std::string config = dir.path() + "/callboard.json", db = dir.path() + "/real.db";
    std::ofstream(config) << R"({"tz_offset_min": 480, "ingest_token": "admin-real-test-token-0123456789",
        "teams": [{"key": "north", "name_en": "North Team", "name_zh": "北组"}]})";
    {
        RealServer server(dir.path(), config, db);
        // No agent yet: no "unassigned" team either (an empty team is nothing to show).
        CHECK(server.LiveTeams() == "north=North Team/北组;");
        // Local mode: the local admin administers.
        auto made = server.Client().Post("/api/admin/teams", R"({"key":"south","name_en":"South","name_zh":"南组"})",
                                         "application/json");
        REQUIRE(made);
        CHECK(made->status == 201);
        CHECK(server.LiveTeams() == "north=North Team/北组;south=South/南组;");
        auto renamed = server.Client().Patch("/api/admin/teams/south", R"({"name_en":"South Team"})", "application/json");
        REQUIRE(renamed);
        CHECK(renamed->status == 200);
        CHECK(server.LiveTeams() == "north=North Team/北组;south=South Team/南组;");
        auto refused = server.Client().Patch("/api/admin/teams/north", R"({"name_en":"Nord"})", "application/json");
        REQUIRE(refused);
        CHECK(refused->status == 409);
        CHECK(json::parse(refused->body)["error"] ==
              "team 'north' takes its names from the configuration file; change them there");
        auto list = server.Client().Get("/api/admin/teams");
        REQUIRE(list);
        std::string from;
        const json teams = json::parse(list->body);
        for (const json& t : teams["teams"]) from += t["key"].get<std::string>() + ":" + t["names_from"].get<std::string>() + " ";
        CHECK(from == "north:config south:callboard ");
        auto set = server.Client().Put("/api/thresholds/teams/south", R"({"wrap_long_s":90})", "application/json");
        REQUIRE(set);
        CHECK(set->status == 200);
    }
    RealServer again(dir.path(), config, db);
    CHECK(again.LiveTeams() == "north=North Team/北组;south=South Team/南组;");
    auto doc = again.Client().Get("/api/thresholds");
    REQUIRE(doc);
    CHECK(json::parse(doc->body)["teams"][0]["values"] == json::parse(R"({"wrap_long_s":90})"));
}
