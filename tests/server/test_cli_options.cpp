// The command line: defaults, every option, and errors that say what and where.
#include <doctest/doctest.h>

#include "server/cli/options.h"

namespace {

cb::Result<cb::Command> Parse(std::vector<std::string_view> args) { return cb::ParseCommandLine(args); }

}  // namespace

TEST_CASE("serve with no options uses the documented defaults") {
    auto parsed = Parse({"serve"});
    REQUIRE(parsed.ok());
    const cb::ServeOptions& o = parsed.value().serve;
    CHECK(parsed.value().kind == cb::CommandKind::Serve);
    CHECK(o.bind == "127.0.0.1");
    CHECK(o.port == 8080);
    CHECK(o.db == "callboard.db");
    CHECK(o.demo == "normal");
    CHECK(o.speed == 1);
    CHECK(o.seed == 1);
    CHECK(o.max_streams == 1000);
}

TEST_CASE("every serve option is read, in both --opt value and --opt=value forms") {
    auto parsed = Parse({"serve", "--bind", "0.0.0.0", "--port=9090", "--db", "/tmp/x.db", "--demo", "outage",
                         "--speed", "60", "--seed=42", "--max-streams", "20", "--api-threads=4"});
    REQUIRE(parsed.ok());
    const cb::ServeOptions& o = parsed.value().serve;
    CHECK(o.bind == "0.0.0.0");
    CHECK(o.port == 9090);
    CHECK(o.db == "/tmp/x.db");
    CHECK(o.demo == "outage");
    CHECK(o.speed == 60);
    CHECK(o.seed == 42);
    CHECK(o.max_streams == 20);
    CHECK(o.api_threads == 4);
}

TEST_CASE("help and version") {
    CHECK(Parse({"--help"}).value().kind == cb::CommandKind::Help);
    CHECK(Parse({"serve", "--help"}).value().kind == cb::CommandKind::Help);
    CHECK(Parse({"--version"}).value().kind == cb::CommandKind::Version);
    CHECK(cb::VersionText() == std::string("callboard ") + CALLBOARD_VERSION);
    CHECK(cb::HelpText().find("--speed N") != std::string::npos);
    // Every command is listed.
    for (const char* command : {"serve", "import queue_log", "import calls", "tail queue_log", "reconcile", "roster",
                                "forecast", "staffing", "user add", "team add", "audit export", "report scorecard"}) {
        CAPTURE(command);
        CHECK(cb::HelpText().find(std::string("  callboard ") + command + " ") != std::string::npos);
    }
}

TEST_CASE("errors name the option, the value and the argument position") {
    CHECK(Parse({}).status().message() == "missing command; try 'callboard --help'");
    CHECK(Parse({"run"}).status().message() == "unknown command 'run' (argument 1); try 'callboard --help'");
    CHECK(Parse({"serve", "--colour", "red"}).status().message() == "unknown option '--colour' (argument 2)");
    CHECK(Parse({"serve", "--port", "80a"}).status().message() ==
          "--port: '80a' is not a port number 0-65535 (argument 2)");
    CHECK(Parse({"serve", "--port", "70000"}).status().message() ==
          "--port: '70000' is not a port number 0-65535 (argument 2)");
    CHECK(Parse({"serve", "--db", "a.db", "--speed", "61"}).status().message() ==
          "--speed: '61' is not a whole number 1-60 (argument 4)");
    CHECK(Parse({"serve", "--speed=0"}).status().message() == "--speed: '0' is not a whole number 1-60 (argument 2)");
    CHECK(Parse({"serve", "--demo", "chaos"}).status().message() ==
          "--demo: 'chaos' is not a scenario (normal, monday_peak, outage, new_hires, lunch_gap) (argument 2)");
    CHECK(Parse({"serve", "--seed", "-1"}).status().message() ==
          "--seed: '-1' is not a non-negative whole number (argument 2)");
    CHECK(Parse({"serve", "--port"}).status().message() == "--port: missing value (argument 2)");
    CHECK(Parse({"serve", "extra"}).status().message() == "unexpected argument 'extra' (argument 2)");
}
