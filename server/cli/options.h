// The `callboard` command line: what it accepts and how it is parsed. Parsing never exits or
// prints; errors come back as one line saying what was wrong and where (argument number).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "server/base/status.h"

namespace cb {

struct ServeOptions {
    std::string bind = "127.0.0.1";  // loopback unless asked otherwise
    int port = 8080;                 // 0 = any free port (the chosen one is logged)
    std::string db = "callboard.db";
    std::string demo = "normal";     // simulator scenario (core/sim/simulator.h names)
    int speed = 1;                   // simulated seconds per wall second, 1-60
    uint64_t seed = 1;
    int max_streams = 1000;          // open /api/stream connections; more get 503
    int api_threads = 32;            // workers for everything but streams
    std::string config;              // configuration file (docs/operations.md); empty = none
    bool demo_given = false;         // --demo was on the command line
    std::string tls_cert;            // PEM certificate (chain) and key: both set = HTTPS
    std::string tls_key;
    bool trust_proxy = false;        // client address from X-Forwarded-For (behind a reverse proxy)
};

// `callboard import queue_log FILE... [--db PATH] [--config FILE] [--json]`,
// `callboard import calls FILE... (--format NAME | --map FILE) [--time-zone ZONE] [--db PATH]
// [--config FILE] [--json]` and `callboard tail queue_log FILE [--db PATH] [--config FILE]`.
struct IngestOptions {
    std::string format = "queue_log";  // "queue_log" or "calls" (per-call records)
    std::vector<std::string> files;
    std::string db = "callboard.db";
    std::string config;
    bool json = false;               // import: the summary as JSON on stdout
    std::string calls_format;        // calls: a built-in mapping (--format), or
    std::string calls_map;           // calls: a mapping file (--map)
    std::string time_zone;           // calls: the zone of the files' wall-clock times (--time-zone)
};

enum class CommandKind { Serve, Help, Version, Import, Tail };

struct Command {
    CommandKind kind = CommandKind::Help;
    ServeOptions serve;
    IngestOptions ingest;
};

// args excludes the program name. Exit code 2 is expected on error.
Result<Command> ParseCommandLine(const std::vector<std::string_view>& args);
std::string HelpText();
std::string VersionText();  // "callboard 0.1.0"

}  // namespace cb
