// `callboard staffing`: the published Erlang cases through the command line, its JSON, and
// clear errors.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "server_test_util.h"

namespace {
const std::string kBin = CB_CALLBOARD_BIN;

struct Run {
    int code;
    std::string out, err;
};

Run Staffing(const std::string& args) {
    cbtest::TempDir dir;
    const std::string out = dir.path() + "/out", err = dir.path() + "/err";
    const int status = std::system((kBin + " staffing " + args + " > " + out + " 2> " + err).c_str());
    auto read = [](const std::string& p) {
        std::FILE* f = std::fopen(p.c_str(), "rb");
        std::string s;
        char buf[4096];
        size_t n;
        while (f && (n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
        if (f) std::fclose(f);
        return s;
    };
    return {WEXITSTATUS(status), read(out), read(err)};
}
}  // namespace

TEST_CASE("callboard staffing: agents needed and what a number of agents gives") {
    Run r = Staffing("--calls 100 --interval 30 --aht 180 --sl 80/20 --max-occupancy 85 --shrinkage 30 --json");
    REQUIRE(r.code == 0);
    nlohmann::json j = nlohmann::json::parse(r.out);
    CHECK(j["model"] == "erlang_c");
    CHECK(j["erlangs"].get<double>() == doctest::Approx(10));
    CHECK(j["raw_agents"] == 14);
    CHECK(j["agents"] == 20);
    CHECK(j["result"]["p_wait"].get<double>() == doctest::Approx(0.1741319).epsilon(1e-6));
    r = Staffing("--calls 100 --interval 30 --aht 180 --sl 80/20 --patience 300 --agents 14 --json");
    REQUIRE(r.code == 0);
    j = nlohmann::json::parse(r.out);
    CHECK(j["model"] == "erlang_a");
    CHECK(j["result"]["service_level"].get<double>() == doctest::Approx(0.916792).epsilon(1e-6));
    CHECK(j["result"]["p_abandon"].get<double>() == doctest::Approx(0.013984).epsilon(1e-5));
    r = Staffing("--calls 100 --interval 30 --aht 180 --asa 20");
    REQUIRE(r.code == 0);
    CHECK(r.out.find("Agents needed: 13 on the phones, 13 scheduled") != std::string::npos);
    r = Staffing("--calls 100 --interval 30 --aht 180 --sl 80/20 --agents 10");
    REQUIRE(r.code == 0);
    CHECK(r.out.find("With 10 agents: not stable") != std::string::npos);
}

TEST_CASE("callboard staffing: mistakes are named, a target out of reach exits 1") {
    Run r = Staffing("--calls 100 --interval 30 --sl 80/20");
    CHECK(r.code == 2);
    CHECK(r.err == "callboard staffing: --calls, --interval and --aht are required (callboard staffing --help)\n");
    r = Staffing("--calls 100 --interval 30 --aht 180 --sl 80");
    CHECK(r.code == 2);
    CHECK(r.err == "callboard staffing: --sl: '80' is not PERCENT/SECONDS (e.g. 80/20: 80 % within 20 s)\n");
    r = Staffing("--calls -5 --interval 30 --aht 180 --sl 80/20");
    CHECK(r.code == 2);
    CHECK(r.err == "callboard staffing: --calls: '-5' is not a number from 0 to 1e+09\n");
    r = Staffing("--calls 100 --interval 30 --aht 180 --sl 100/20");
    CHECK(r.code == 1);
    CHECK(r.err.find("the target cannot be met: 100 % within T is out of reach") != std::string::npos);
    r = Staffing("--help");
    CHECK(r.code == 0);
    CHECK(r.out.find("usage: callboard staffing") == 0);
}
