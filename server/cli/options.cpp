#include "server/cli/options.h"

#include <charconv>
#include "core/sim/simulator.h"
#include "server/base/time_zone.h"
#include "server/ingest/cdr_mapping.h"

namespace cb {
namespace {

std::string Where(size_t index) { return " (argument " + std::to_string(index + 1) + ")"; }

template <typename T>
bool ParseNumber(std::string_view text, T min, T max, T* out) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) return false;
    *out = value;
    return true;
}

Status BadValue(std::string_view option, std::string_view value, std::string_view expected, size_t index) {
    return Status::Error(std::string(option) + ": '" + std::string(value) + "' is not " +
                         std::string(expected) + Where(index));
}

Status ParseServe(const std::vector<std::string_view>& args, size_t first, ServeOptions* options) {
    for (size_t i = first; i < args.size(); ++i) {
        std::string_view arg = args[i];
        std::string_view value;
        bool has_inline_value = false;
        if (arg.rfind("--", 0) == 0) {
            if (const size_t eq = arg.find('='); eq != std::string_view::npos) {
                value = arg.substr(eq + 1);
                arg = arg.substr(0, eq);
                has_inline_value = true;
            }
        }
        const bool known = arg == "--bind" || arg == "--port" || arg == "--db" || arg == "--demo" ||
                           arg == "--speed" || arg == "--seed" || arg == "--max-streams" ||
                           arg == "--api-threads" || arg == "--config" || arg == "--tls-cert" ||
                           arg == "--tls-key" || arg == "--trust-proxy";
        if (arg == "--trust-proxy" && !has_inline_value) {  // a flag: takes no value
            options->trust_proxy = true;
            continue;
        }
        if (!known) {
            if (arg.rfind("-", 0) == 0) return Status::Error("unknown option '" + std::string(arg) + "'" + Where(i));
            return Status::Error("unexpected argument '" + std::string(arg) + "'" + Where(i));
        }
        const size_t option_index = i;
        if (!has_inline_value) {
            if (i + 1 >= args.size()) return Status::Error(std::string(arg) + ": missing value" + Where(i));
            value = args[++i];
        }
        if (arg == "--trust-proxy") {
            return Status::Error("--trust-proxy takes no value" + Where(option_index));
        } else if (arg == "--tls-cert" || arg == "--tls-key") {
            if (value.empty()) return BadValue(arg, value, "a file path", option_index);
            (arg == "--tls-cert" ? options->tls_cert : options->tls_key) = std::string(value);
        } else if (arg == "--bind") {
            if (value.empty()) return BadValue(arg, value, "an address", option_index);
            options->bind = std::string(value);
        } else if (arg == "--port") {
            if (!ParseNumber(value, 0, 65535, &options->port))
                return BadValue(arg, value, "a port number 0-65535", option_index);
        } else if (arg == "--db") {
            if (value.empty()) return BadValue(arg, value, "a file path", option_index);
            options->db = std::string(value);
        } else if (arg == "--demo") {
            Scenario scenario;
            if (!ParseScenario(value, &scenario))
                return BadValue(arg, value, "a scenario (normal, monday_peak, outage, new_hires, lunch_gap)",
                                option_index);
            options->demo = std::string(value);
            options->demo_given = true;
        } else if (arg == "--speed") {
            if (!ParseNumber(value, 1, 60, &options->speed))
                return BadValue(arg, value, "a whole number 1-60", option_index);
        } else if (arg == "--seed") {
            if (!ParseNumber<uint64_t>(value, 0, UINT64_MAX, &options->seed))
                return BadValue(arg, value, "a non-negative whole number", option_index);
        } else if (arg == "--max-streams") {
            if (!ParseNumber(value, 1, 20000, &options->max_streams))
                return BadValue(arg, value, "a whole number 1-20000", option_index);
        } else if (arg == "--config") {
            if (value.empty()) return BadValue(arg, value, "a file path", option_index);
            options->config = std::string(value);
        } else if (arg == "--api-threads") {
            if (!ParseNumber(value, 2, 1024, &options->api_threads))
                return BadValue(arg, value, "a whole number 2-1024", option_index);
        }
    }
    return Status::Ok();
}

// import/tail: the format word, files, then --db, --config and (import) --json; import calls
// also --format or --map, and --time-zone.
Status ParseIngest(const std::vector<std::string_view>& args, bool is_import, IngestOptions* options) {
    const std::string command = is_import ? "import" : "tail";
    if (args.size() < 2 || args[1].rfind("-", 0) == 0) {
        return Status::Error(command + ": missing format; try 'callboard " + command + " queue_log FILE'" +
                             (is_import ? " or 'callboard import calls FILE --format anonymous_bank'" : ""));
    }
    const bool calls = is_import && args[1] == "calls";
    if (args[1] != "queue_log" && !calls) {
        return Status::Error(command + ": unknown format '" + std::string(args[1]) + "' (known: queue_log" +
                             (is_import ? ", calls)" : "; per-call records are imported, not followed)") + Where(1));
    }
    options->format = std::string(args[1]);
    size_t format_index = 0;
    for (size_t i = 2; i < args.size(); ++i) {
        std::string_view arg = args[i];
        std::string_view value;
        bool has_inline_value = false;
        if (arg.rfind("--", 0) == 0) {
            if (const size_t eq = arg.find('='); eq != std::string_view::npos) {
                value = arg.substr(eq + 1);
                arg = arg.substr(0, eq);
                has_inline_value = true;
            }
        }
        if (is_import && arg == "--json") {
            if (has_inline_value) return Status::Error("--json takes no value" + Where(i));
            options->json = true;
            continue;
        }
        const bool calls_option = arg == "--format" || arg == "--map" || arg == "--time-zone";
        if (arg == "--db" || arg == "--config" || (calls && calls_option)) {
            const size_t option_index = i;
            if (!has_inline_value) {
                if (i + 1 >= args.size()) return Status::Error(std::string(arg) + ": missing value" + Where(i));
                value = args[++i];
            }
            if (arg == "--format") {
                if (BuiltInCdrMappingJson(value).empty())
                    return BadValue(arg, value, "a built-in format (anonymous_bank)", option_index);
                options->calls_format = std::string(value);
                format_index = option_index;
            } else if (arg == "--time-zone") {
                if (!IsTimeZoneName(value)) return BadValue(arg, value, "an IANA time zone name (like Europe/Berlin)", option_index);
                options->time_zone = std::string(value);
            } else {
                if (value.empty()) return BadValue(arg, value, "a file path", option_index);
                (arg == "--db" ? options->db : arg == "--config" ? options->config : options->calls_map) = std::string(value);
            }
            continue;
        }
        if (calls_option) return Status::Error(std::string(arg) + " is for 'import calls'" + Where(i));
        if (arg.rfind("-", 0) == 0 && arg != "-") return Status::Error("unknown option '" + std::string(arg) + "'" + Where(i));
        options->files.emplace_back(arg);
    }
    if (options->files.empty()) return Status::Error(command + ": missing FILE");
    if (!is_import && options->files.size() > 1) return Status::Error("tail: follows one FILE" + Where(3));
    if (calls && options->calls_format.empty() == options->calls_map.empty()) {
        return Status::Error(options->calls_map.empty()
                                 ? "import calls: give --format anonymous_bank or --map MAPPING.json"
                                 : "import calls: give --format or --map, not both" + Where(format_index));
    }
    return Status::Ok();
}

}  // namespace

Result<Command> ParseCommandLine(const std::vector<std::string_view>& args) {
    Command command;
    if (args.empty()) return Status::Error("missing command; try 'callboard --help'");
    const std::string_view first = args[0];
    if (first == "--help" || first == "-h" || first == "help") {
        command.kind = CommandKind::Help;
        return command;
    }
    if (first == "--version" || first == "-V") {
        command.kind = CommandKind::Version;
        return command;
    }
    if (first == "import" || first == "tail") {
        command.kind = first == "import" ? CommandKind::Import : CommandKind::Tail;
        for (size_t i = 1; i < args.size(); ++i) {
            if (args[i] == "--help" || args[i] == "-h") {
                command.kind = CommandKind::Help;
                return command;
            }
        }
        Status status = ParseIngest(args, first == "import", &command.ingest);
        if (!status.ok()) return status;
        return command;
    }
    if (first != "serve") {
        if (first.rfind("-", 0) == 0) return Status::Error("unknown option '" + std::string(first) + "'" + Where(0));
        return Status::Error("unknown command '" + std::string(first) + "'" + Where(0) + "; try 'callboard --help'");
    }
    command.kind = CommandKind::Serve;
    for (size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--help" || args[i] == "-h") {
            command.kind = CommandKind::Help;
            return command;
        }
    }
    Status status = ParseServe(args, 1, &command.serve);
    if (!status.ok()) return status;
    return command;
}

std::string VersionText() { return std::string("callboard ") + CALLBOARD_VERSION; }

std::string HelpText() {
    return VersionText() + R"( - live dashboard for call-center supervisors

Usage:
  callboard serve [options]   serve the dashboard, its API and the live stream
  callboard import queue_log FILE... [--db FILE] [--config FILE] [--json]
                              store a queue_log (plain or .gz) durably; resumes; prints a summary
  callboard import calls FILE... (--format NAME | --map MAPPING.json) [--time-zone ZONE]
                         [--db FILE] [--config FILE] [--json]
                              store per-call records (one row per call, plain or .gz): a
                              built-in format (anonymous_bank) or your column mapping; the
                              zone of the times (IANA, e.g. Europe/Berlin) if the mapping
                              lacks it; prints a summary with every refused row
  callboard tail queue_log FILE [--db FILE] [--config FILE]
                              follow a live queue_log (rotation, truncation), store each batch
  callboard reconcile --from YYYY-MM-DD --to YYYY-MM-DD [--db FILE] [--queue KEY]...
                    [--config FILE | --time-zone ZONE] [--json]
                              the stored calls of those local dates as Callboard, Asterisk,
                              Asternic and Wazo count them, each difference with its reason
                              (at most 92 days; docs/reconciliation.md)
  callboard roster FILE [--json] [--time-limit S] [--breaks]
                              solve a roster problem file with CBC (docs/wfm.md)
  callboard forecast [--db FILE] [--queue KEY]... [--from YYYY-MM-DD] [--weeks N]
                    [--interval 15|30] [--method M] [--sl P/S] [--shrinkage P] [--json|--csv]
                              each queue's calls and handle time per interval from its
                              stored history, and the agents needed (callboard forecast --help)
  callboard staffing --calls N --interval MINUTES --aht SECONDS (--sl P/S | --asa S)
                    [--agents N] [--max-occupancy P] [--shrinkage P] [--patience S] [--json]
                              agents needed by Erlang C (Erlang A with --patience), or what
                              N agents give (callboard staffing --help)
  callboard --help            show this help
  callboard --version         show the version

Options of serve:
  --bind ADDR          address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces)
  --port N             TCP port, 0 = any free port (default 8080)
  --db FILE            SQLite database file, created if missing (default callboard.db)
  --demo SCENARIO      simulated center: normal, monday_peak, outage, new_hires, lunch_gap
                       (default normal)
  --speed N            simulated seconds per real second, 1-60 (default 1)
  --seed N             simulator seed (default 1)
  --max-streams N      open live streams allowed; more are refused with 503 (default 1000)
  --api-threads N      workers for pages and API besides the streams (default 32)
  --config FILE        configuration (time zone, intervals, ingest token, queue_log to follow,
                       queue and member mapping); with a real source configured the server
                       shows real data instead of the demo (docs/operations.md)
  --tls-cert FILE      PEM certificate (chain); with --tls-key the server speaks HTTPS only
  --tls-key FILE       PEM private key of --tls-cert
  --trust-proxy        take the client address from X-Forwarded-For (only behind your own
                       reverse proxy; see docs/operations.md)

Accounts (docs/auth.md; with no account the server serves the loopback address only):
  callboard user add NAME --role ROLE [--team KEY]... [--db FILE] [--password-file FILE]
                       ROLE: admin, manager, lead, qa, trainer, wallboard (prints a kiosk
                       token once). The password is asked on the terminal without echo, or
                       read from --password-file, or from stdin when it is not a terminal.
  callboard user list [--db FILE]
  callboard user disable NAME [--db FILE]
  callboard user passwd NAME [--db FILE] [--password-file FILE]
  callboard team add KEY [--name-en NAME] [--name-zh NAME] [--db FILE]
                       a team for leads (a lead's --team must exist); also on the
                       administration page of the dashboard
  callboard team list [--db FILE]
  callboard audit export [--db FILE] [--format csv|json] [--from MS] [--to MS]

Reports over the stored history (docs/reports.md; the API's numbers):
  callboard report --db FILE (--from DATE [--to DATE] | --range NAME) [--by BY]...
                   [--queue KEY]... [--team KEY]... [--agent KEY]... [--first-weekday DAY]
                   [--json | --csv]
                       BY: center, queue, team, agent (rows) and interval, 15min, 30min, 60min,
                       day, week, month, range (periods); NAME: today, yesterday, this_week,
                       last_week, this_month, last_month; DATE: YYYY-MM-DD in the center's zone
  callboard report scorecard AGENT --db FILE (--from DATE [--to DATE] | --range NAME)
                   [--periods N] [--json | --csv]
  callboard report team TEAM --db FILE (--from DATE [--to DATE] | --range NAME) [--json | --csv]
  callboard report incident --db FILE [--date DATE] --from HH:MM --to HH:MM [--weeks N]
                   [--queue KEY]... [--json | --csv]
  callboard report definitions --db FILE [--json]
                       every report command also takes --config FILE or --tz ZONE (when the
                       database has counted no day yet) and --user NAME [--password-file FILE]
                       to run as that account, scoped to its role (a lead: its teams' agents)

Stop with Ctrl-C (SIGINT) or SIGTERM. Logs go to stderr. See docs/operations.md.
)";
}

}  // namespace cb
