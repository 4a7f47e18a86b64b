// `callboard`: parses the command line (server/cli/options.h) and runs the command.
#include <cstdio>
#include <string_view>
#include <vector>
#include "server/cli/calls_import.h"
#include "server/cli/forecast_command.h"
#include "server/cli/ingest_commands.h"
#include "server/cli/options.h"
#include "server/cli/report_commands.h"
#include "server/cli/reconcile_command.h"
#include "server/cli/roster_command.h"
#include "server/cli/serve.h"
#include "server/cli/user_commands.h"
#include "server/cli/wfm_commands.h"

int main(int argc, char** argv) {
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    if (cb::IsAccountCommand(args)) return cb::RunAccountCommand(args);
    if (cb::IsReportCommand(args)) return cb::RunReportCommand(args);
    if (cb::IsWfmCommand(args)) return cb::RunWfmCommand(args);
    if (cb::IsRosterCommand(args)) return cb::RunRosterCommand(args);
    if (cb::IsReconcileCommand(args)) return cb::RunReconcileCommand(args);
    if (cb::IsForecastCommand(args)) return cb::RunForecastCommand(args);
    cb::Result<cb::Command> command = cb::ParseCommandLine(args);
    if (!command.ok()) {
        std::fprintf(stderr, "callboard: %s\n", command.status().message().c_str());
        return 2;
    }
    switch (command.value().kind) {
    case cb::CommandKind::Help: std::fputs(cb::HelpText().c_str(), stdout); return 0;
    case cb::CommandKind::Version: std::printf("%s\n", cb::VersionText().c_str()); return 0;
    case cb::CommandKind::Serve: return cb::RunServe(command.value().serve);
    case cb::CommandKind::Import:
        return command.value().ingest.format == "calls" ? cb::RunImportCalls(command.value().ingest)
                                                        : cb::RunImport(command.value().ingest);
    case cb::CommandKind::Tail: return cb::RunTail(command.value().ingest);
    }
    return 2;
}
