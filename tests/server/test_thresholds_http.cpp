// Thresholds kept on the server, against a real server on a loopback port: who may read and
// change which set (each role x each endpoint), 400s naming the field with nothing stored,
// the audit line of every change, a lead's document, the push to every open stream within a
// second, and the sets surviving a restart.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include "admin_server.h"
#include "core/thresholds_doc.h"

using cbtest::AdminServer;
using cbtest::Call;

namespace {

cb::ThresholdsDoc Document(const nlohmann::json& body) {
    cb::ThresholdsDoc doc;
    std::string error;
    REQUIRE_MESSAGE(cb::ThresholdsDocFromJson(body.dump(), &doc, &error), error);
    return doc;
}

}  // namespace

TEST_CASE("thresholds: each role x each endpoint") {
    AdminServer server;
    struct Row {
        const char* user;
        int get, put_center, put_own_team, put_other_team, delete_own_team;
    };
    // wang leads team a; team b is another team.
    const Row rows[] = {
        {"root", 200, 200, 200, 200, 200},
        {"mona", 200, 200, 200, 200, 200},
        {"wang", 200, 403, 200, 403, 200},
        {"qiu", 200, 403, 403, 403, 403},
        {"tina", 200, 403, 403, 403, 403},
        {"tv", 200, 403, 403, 403, 403},
        {"", 401, 401, 401, 401, 401},
    };
    int value = 100;
    for (const Row& row : rows) {
        CAPTURE(row.user);
        const std::string token = *row.user ? server.Token(row.user) : std::string();
        ++value;  // every allowed change is a change
        CHECK(Call(server, "GET", "/api/thresholds", token).status == row.get);
        CHECK(Call(server, "PUT", "/api/thresholds/center", token, "{\"asa_bad_s\":" + std::to_string(value) + "}").status ==
              row.put_center);
        CHECK(Call(server, "PUT", "/api/thresholds/teams/a", token, "{\"break_long_s\":" + std::to_string(value) + "}").status ==
              row.put_own_team);
        CHECK(Call(server, "PUT", "/api/thresholds/teams/b", token, "{\"wrap_long_s\":" + std::to_string(value) + "}").status ==
              row.put_other_team);
        CHECK(Call(server, "DELETE", "/api/thresholds/teams/a", token).status == row.delete_own_team);
    }
    // A refused change leaves no trace; each allowed one left one audit line.
    const auto lines = server.Audit("thresholds_set");
    CHECK(lines.size() == 10);  // center: root, mona; team b: root, mona; team a: root, mona, wang, each set and removed
    for (const cb::AuditEntry& e : lines) CHECK((e.user == "root" || e.user == "mona" || e.user == "wang"));
}

TEST_CASE("bad thresholds answer 400 naming the field, and nothing is stored") {
    AdminServer server;
    const std::string token = server.Token("mona");
    auto refused = [&](const std::string& path, const std::string& body, int status, const std::string& field,
                       const std::string& code, const std::string& error) {
        CAPTURE(body);
        cbtest::Answer a = Call(server, "PUT", path, token, body);
        CHECK(a.status == status);
        CHECK(a.body["code"] == code);
        CHECK(a.body.value("field", std::string()) == field);
        CHECK(a.body["error"] == error);
        CHECK(a.body["path"] == path);
    };
    refused("/api/thresholds/center", R"({"asa_warn_s":50})", 400, "asa_warn_s", "above_bad", "asa_warn_s: above asa_bad_s (40)");
    refused("/api/thresholds/center", R"({"asa_warn_s":"20"})", 400, "asa_warn_s", "whole_seconds", "asa_warn_s: expected whole seconds");
    refused("/api/thresholds/center", R"({"tv_cycle_s":0})", 400, "tv_cycle_s", "seconds_range", "tv_cycle_s: expected 1 to 86400 seconds");
    refused("/api/thresholds/center", R"({"abandon_warn":1.5})", 400, "abandon_warn", "share_range",
            "abandon_warn: expected a share from 0 to 1");
    refused("/api/thresholds/center", R"({"asa_warn":20})", 400, "asa_warn", "not_threshold",
            "asa_warn: not a threshold (thresholds: oldest_wait_warn_s, oldest_wait_bad_s, sl_warn_margin, abandon_warn, "
            "abandon_bad, asa_warn_s, asa_bad_s, call_long_s, wrap_long_s, break_long_s, lunch_long_s, planned_long_s, "
            "not_ready_long_s, tv_cycle_s)");
    refused("/api/thresholds/center", "[1]", 400, "", "not_object", "not a JSON object");
    // A team's own limit must fit the center's others.
    refused("/api/thresholds/teams/a", R"({"oldest_wait_warn_s":90})", 400, "oldest_wait_warn_s", "above_bad",
            "with the center's other limits: oldest_wait_warn_s: above oldest_wait_bad_s (60)");
    refused("/api/thresholds/teams/night", R"({"wrap_long_s":90})", 404, "", "no_such_team", "no team 'night'");
    // A change of the center's set that a team's own limits would not fit.
    REQUIRE(Call(server, "PUT", "/api/thresholds/teams/b", token, R"({"asa_bad_s":30})").status == 200);
    refused("/api/thresholds/center", R"({"asa_warn_s":35})", 400, "asa_warn_s", "above_bad",
            "team 'b' has its own limits that would not fit: asa_warn_s: above asa_bad_s (30)");
    // Only JSON is taken (another site's page cannot send it without the browser asking first).
    httplib::Client client = server.Client();
    auto plain = client.Put("/api/thresholds/center", cbtest::Bearer(token), R"({"asa_warn_s":25})", "text/plain");
    REQUIRE(plain);
    CHECK(plain->status == 415);
    auto wrong_method = client.Post("/api/thresholds/center", cbtest::Bearer(token), "{}", "application/json");
    REQUIRE(wrong_method);
    CHECK(wrong_method->status == 405);
    CHECK(wrong_method->get_header_value("Allow") == "PUT");

    const cb::ThresholdsDoc doc = Document(Call(server, "GET", "/api/thresholds", token).body);
    CHECK(doc.sets.center == cb::Thresholds{});
    CHECK(doc.sets.center_by.empty());
    CHECK(server.Audit("thresholds_set").size() == 1);  // team b's change only
}

TEST_CASE("every change is audited: who, what, old -> new; an unchanged set writes nothing") {
    AdminServer server;
    const std::string mona = server.Token("mona"), wang = server.Token("wang"), root = server.Token("root");
    server.now = 1767585700000;
    cbtest::Answer a = Call(server, "PUT", "/api/thresholds/center", mona, R"({"asa_warn_s":25,"abandon_bad":0.12})");
    REQUIRE(a.status == 200);
    cb::ThresholdsDoc doc = Document(a.body);
    CHECK(doc.sets.center.asa_warn_s == 25);
    CHECK(doc.sets.center_by == "mona");
    CHECK(doc.sets.center_ms == 1767585700000);
    CHECK(Call(server, "PUT", "/api/thresholds/center", mona, R"({"asa_warn_s":25})").status == 200);  // no change
    REQUIRE(Call(server, "PUT", "/api/thresholds/teams/a", wang, R"({"break_long_s":1200})").status == 200);
    REQUIRE(Call(server, "DELETE", "/api/thresholds/teams/a", root).status == 200);
    const auto lines = server.Audit("thresholds_set");
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].user == "mona");
    CHECK(lines[0].detail == "center: abandon_bad 0.1 -> 0.12, asa_warn_s 20 -> 25");
    CHECK(lines[0].address == "127.0.0.1");
    CHECK(lines[0].t_ms == 1767585700000);
    CHECK(lines[1].user == "wang");
    CHECK(lines[1].detail == "team a: break_long_s center -> 1200");
    CHECK(lines[2].user == "root");
    CHECK(lines[2].detail == "team a: break_long_s 1200 -> center");
}

TEST_CASE("a lead's document: the center's set, their own teams' limits, and the set their screen uses") {
    AdminServer server;
    const std::string mona = server.Token("mona");
    REQUIRE(Call(server, "PUT", "/api/thresholds/center", mona, R"({"call_long_s":900})").status == 200);
    REQUIRE(Call(server, "PUT", "/api/thresholds/teams/a", mona, R"({"break_long_s":1200})").status == 200);
    REQUIRE(Call(server, "PUT", "/api/thresholds/teams/b", mona, R"({"break_long_s":600})").status == 200);

    const cb::ThresholdsDoc lead = Document(Call(server, "GET", "/api/thresholds", server.Token("wang")).body);
    CHECK_FALSE(lead.may_edit_center);
    CHECK_FALSE(lead.may_edit_all_teams);
    CHECK(lead.editable_teams == std::vector<std::string>{"a"});
    REQUIRE(lead.sets.teams.size() == 1);  // team b's limits are not theirs
    CHECK(lead.sets.teams[0].team == "a");
    CHECK(lead.applied_team == "a");
    CHECK(lead.applied.break_long_s == 1200);
    CHECK(lead.applied.call_long_s == 900);  // the center's where the team has none

    const cb::ThresholdsDoc manager = Document(Call(server, "GET", "/api/thresholds", mona).body);
    CHECK(manager.may_edit_center);
    CHECK(manager.may_edit_all_teams);
    CHECK(manager.sets.teams.size() == 2);
    CHECK(manager.applied_team.empty());
    CHECK(manager.applied.break_long_s == cb::Thresholds{}.break_long_s);

    const cb::ThresholdsDoc wallboard = Document(Call(server, "GET", "/api/thresholds", server.Token("tv")).body);
    CHECK(wallboard.sets.teams.empty());
    CHECK(wallboard.applied.call_long_s == 900);
    CHECK_FALSE(wallboard.may_edit_center);
}

TEST_CASE("a change reaches every open stream within a second, cut to each caller") {
    AdminServer server;
    const std::string lead = server.Token("wang"), manager = server.Token("mona");
    using Clock = std::chrono::steady_clock;
    Clock::time_point sent_at{}, received_at{};
    std::thread changer;
    size_t seen = 0;
    int thresholds_events = 0;
    std::vector<std::string> order;
    cbtest::ReadSse(server.http->port(), "/api/stream?heartbeat=1", 8000,
        [&](const std::vector<cbtest::SseEventRead>& got) {
            for (; seen < got.size(); ++seen) {
                const cbtest::SseEventRead& e = got[seen];
                order.push_back(e.event);
                if (e.event != "thresholds") continue;
                cb::ThresholdsDoc doc;
                std::string error;
                REQUIRE(cb::ThresholdsDocFromJson(e.data, &doc, &error));
                if (++thresholds_events == 1) {  // on connecting: now a manager changes team a's limits
                    CHECK(doc.applied.break_long_s == cb::Thresholds{}.break_long_s);
                    CHECK(e.id.empty());  // the stream's ids stay snapshot versions
                    changer = std::thread([&] {
                        sent_at = Clock::now();
                        CHECK(Call(server, "PUT", "/api/thresholds/teams/a", manager, R"({"break_long_s":1300})").status == 200);
                    });
                    continue;
                }
                received_at = Clock::now();
                CHECK(doc.applied_team == "a");
                CHECK(doc.applied.break_long_s == 1300);
                CHECK(doc.sets.teams.size() == 1);
                CHECK_FALSE(doc.may_edit_center);
                return true;
            }
            return false;
        },
        nullptr, nullptr, cbtest::Bearer(lead));
    if (changer.joinable()) changer.join();
    REQUIRE(thresholds_events == 2);
    CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(received_at - sent_at).count() < 1000);
    REQUIRE(order.size() >= 2);
    CHECK(order[0] == "snapshot");  // a stream still opens with the snapshot
    CHECK(order[1] == "thresholds");
}

TEST_CASE("the sets outlive the server: a new service on the same database loads them") {
    std::string db;
    cbtest::TempDir keep;
    {
        AdminServer server(false);  // local mode: the local admin may change everything
        REQUIRE(Call(server, "PUT", "/api/thresholds/center", "", R"({"lunch_long_s":4000})").status == 200);
        REQUIRE(Call(server, "PUT", "/api/thresholds/teams/b", "", R"({"lunch_long_s":4200})").status == 200);
        const auto lines = server.Audit("thresholds_set");
        REQUIRE(lines.size() == 2);
        CHECK(lines[0].user == "-");
        db = keep.path() + "/copy.db";
        REQUIRE(server.admin_store->LoadThresholds().ok());
        cbtest::Query(server.db, "VACUUM INTO '" + db + "'");
    }
    std::unique_ptr<cb::SqliteAdminStore> store = std::move(cb::SqliteAdminStore::Open(db).value());
    cb::Broadcaster broadcaster;
    cb::ThresholdService service(&broadcaster, [] { return int64_t(0); });
    REQUIRE(service.Attach(store.get()).ok());
    CHECK(service.Current()->center.lunch_long_s == 4000);
    CHECK(service.Current()->center_by == "(local)");
    REQUIRE(service.Current()->Team("b"));
    CHECK(service.Current()->Team("b")->values.values.lunch_long_s == 4200);
    CHECK(broadcaster.side_events() == 1);  // announced to the streams
}
