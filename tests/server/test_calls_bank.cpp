// The real "Anonymous Bank" months (January-March 1999, docs/datasets.md) through `callboard
// import calls --format anonymous_bank` with the documented configuration, against totals that
// tests/scripts/anonymous_bank_totals.py counts from the raw files without Callboard's code:
// the import's summary per month and per queue, the stored calls and the interval counts per
// month and queue, and the tables docs/datasets.md shows. Then `callboard serve` over that
// database: the live dashboard of a center whose whole history is from 1999.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include "server_test_util.h"

namespace {

using nlohmann::json;
const std::string kBin = CB_CALLBOARD_BIN;
const std::string kBank = CB_DATASETS_DIR "/anonymous_bank";
const std::vector<std::string> kMonths = {kBank + "/january.txt", kBank + "/february.txt", kBank + "/march.txt"};

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string Shell(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buf[65536];
    size_t n = 0;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    REQUIRE(pclose(pipe) == 0);
    return out;
}

std::string Script(const std::string& args) {
    std::string command = "/usr/bin/python3 " CB_TEST_SCRIPTS_DIR "/anonymous_bank_totals.py " + args;
    for (const std::string& m : kMonths) command += " '" + m + "'";
    return Shell(command);
}

const char* const kCountFields[] = {"rows", "answered", "answered_without_queue", "abandoned", "hung_up_before_queue",
                                    "ignored", "rejected", "answered_within_t", "abandoned_within_t",
                                    "wait_answered_ms", "wait_abandoned_ms", "talk_ms"};

// The counts of one import summary entry against the script's.
void CheckCounts(const json& ours, const json& theirs, const std::string& what) {
    for (const char* field : kCountFields) {
        INFO(what << " " << field);
        CHECK(ours[field] == theirs[field]);
    }
}

}  // namespace

TEST_CASE("the Anonymous Bank's three months: import totals equal an independent count; the dashboard serves 1999") {
    REQUIRE_MESSAGE(std::filesystem::exists(kMonths[0]), "the bank's data is not at " << kBank);
    cbtest::TempDir dir;
    std::filesystem::copy_file(CB_DOCS_DIR "/examples/anonymous_bank.json", dir.path() + "/bank.json");
    const std::string db = dir.path() + "/bank.db";
    const std::string out = dir.path() + "/summary.json";
    std::string command = kBin + " import calls";
    for (const std::string& m : kMonths) command += " '" + m + "'";
    command += " --format anonymous_bank --config '" + dir.path() + "/bank.json' --db '" + db + "' --json > '" + out + "'";
    cbtest::Child import("/bin/sh", {"-c", command});
    REQUIRE_MESSAGE(import.Wait(120000) == 0, import.Stderr());
    const json ours = json::parse(ReadFile(out));
    const json theirs = json::parse(Script(""));

    // Per month (file), per queue and in total: every category, the reasons, the notes.
    REQUIRE(ours["per_file"].size() == 3);
    for (const json& file : ours["per_file"]) {
        const std::string name = std::filesystem::path(file["file"].get<std::string>()).filename();
        const json& expected = theirs["per_file"][name];
        CheckCounts(file, expected, name);
        CHECK(file["outcome_values"] == expected["outcome_values"]);
        CHECK(file["rejected_by_reason"] == expected["rejected_by_reason"]);
        CHECK(file["notes_by_kind"] == expected["notes_by_kind"]);
    }
    REQUIRE(ours["per_queue"].size() == theirs["per_queue"].size());
    for (const json& q : ours["per_queue"]) CheckCounts(q, theirs["per_queue"][q["queue"].get<std::string>()], q["queue"]);
    CheckCounts(ours["total"], theirs["total"], "total");
    CHECK(ours["total"]["rows"] == 31599 + 33344 + 38801);
    CHECK(ours["rejected"].size() == ours["total"]["rejected"]);  // every refused row is listed
    CHECK(ours["stored"] == ours["events"]);
    CHECK(ours["first_local"] == "1999-01-01 00:00:08");  // AA0106 34054 joined queue PS

    // What the store holds: calls by local month of entry and queue, and the interval counts.
    std::string expected_calls, expected_intervals;
    for (const auto& [month, queues] : theirs["stored_by_month"].items()) {
        for (const auto& [queue, c] : queues.items()) {
            const int64_t answered = c["answered"].get<int64_t>() + c["answered_without_queue"].get<int64_t>();
            const int64_t offered = answered + c["abandoned"].get<int64_t>();
            expected_calls += month + "|" + queue + "|" + std::to_string(answered) + "|" + c["abandoned"].dump() + "|" +
                              c["talk_ms"].dump() + "|" + c["wait_answered_ms"].dump() + "|" +
                              c["answered_within_t"].dump() + "|" + c["wait_abandoned_ms"].dump() + "\n";
            expected_intervals += month + "|" + queue + "|" + std::to_string(offered) + "|" + std::to_string(answered) +
                                  "|" + c["answered_within_t"].dump() + "|" + c["abandoned"].dump() + "|" +
                                  c["abandoned_within_t"].dump() + "|" + c["talk_ms"].dump() + "|" +
                                  c["wait_answered_ms"].dump() + "\n";
        }
    }
    CHECK(cbtest::Query(db,
                        "SELECT strftime('%Y-%m', (entered_ms + 7200000) / 1000, 'unixepoch') AS month, queue, "
                        "sum(category = 'answered'), sum(category = 'abandoned'), "
                        "sum(CASE WHEN category = 'answered' THEN talk_ms ELSE 0 END), "
                        "sum(CASE WHEN category = 'answered' THEN wait_ms ELSE 0 END), "
                        "sum(category = 'answered' AND wait_ms <= 20000), "
                        "sum(CASE WHEN category = 'abandoned' THEN wait_ms ELSE 0 END) "
                        "FROM calls WHERE source = 'calls' GROUP BY month, queue ORDER BY month, queue") == expected_calls);
    CHECK(cbtest::Query(db,
                        "SELECT strftime('%Y-%m', (start_ms + 7200000) / 1000, 'unixepoch') AS month, key, sum(offered), "
                        "sum(answered), sum(answered_within_t), sum(abandoned), sum(abandoned_within_t), sum(talk_ms), "
                        "sum(wait_answered_ms) FROM interval_counts WHERE scope = 'queue' GROUP BY month, key "
                        "ORDER BY month, key") == expected_intervals);
    CHECK(cbtest::Query(db, "SELECT count(*) FROM calls WHERE category NOT IN ('answered', 'abandoned')") == "0\n");
    // No agent time is made up: agents are on a call or logged out, never available.
    CHECK(cbtest::Query(db, "SELECT DISTINCT state FROM agent_states ORDER BY state") == "on_call\nwrap_up\n");
    CHECK(cbtest::Query(db, "SELECT sum(available_ms), sum(wrap_ms), sum(busy_ms) = sum(talk_ms) FROM interval_counts "
                            "WHERE scope = 'agent'") == "0|0|1\n");

    // The documented totals are the script's.
    const std::string tables = Script("--markdown"), doc = ReadFile(CB_DOCS_DIR "/datasets.md");
    const size_t gap = tables.find("\n\n");
    REQUIRE(gap != std::string::npos);
    for (const std::string& table : {tables.substr(0, gap + 1), tables.substr(gap + 2)})
        CHECK_MESSAGE(doc.find(table) != std::string::npos, "docs/datasets.md does not show this table:\n" << table);

    // The dashboard over a database holding only 1999: it starts, everyone is logged out, today
    // is empty, and the queues carry the configured names.
    const int port = cbtest::FreePort();
    cbtest::Child serve(kBin, {"serve", "--port", std::to_string(port), "--config", dir.path() + "/bank.json", "--db", db,
                               "--api-threads", "4", "--max-streams", "4"},
                        dir.path());
    REQUIRE_MESSAGE(serve.WaitHealthy(port, 30000), serve.Stderr());
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(10);
    auto res = client.Get("/api/snapshot");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const json s = json::parse(res->body);
    CHECK(s["source"] == "history");  // real data served with no live source configured
    CHECK(s["directory"]["agents"].size() == ours["agents"]);
    for (const json& a : s["agents"]) CHECK(a["state"] == "logged_out");
    int queues_named = 0;
    for (size_t i = 0; i < s["queues"].size(); ++i) {
        CHECK(s["queues"][i]["today"]["offered"] == 0);
        CHECK(s["queues"][i]["waiting"] == 0);
        queues_named += s["directory"]["queues"][i]["key"] == "PS" && s["directory"]["queues"][i]["name_zh"] == "常规业务";
    }
    CHECK(queues_named == 1);
    // Its history is there: a day of January 1999 through the calls API.
    res = client.Get("/api/calls?from=915141600000&to=915228000000&limit=5");  // 1999-01-01 local
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(json::parse(res->body)["calls"].size() == 5);
    serve.Signal(SIGTERM);
    CHECK(serve.Wait(20000) == 0);
}
