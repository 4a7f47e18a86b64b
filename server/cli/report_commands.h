// `callboard report ...` (docs/reports.md, "Command line"): the reports of the API from the
// command line, for scripts and cron, with the same numbers (the same ReportService):
//   callboard report --db FILE (--from DATE [--to DATE] | --range NAME) [--by GROUP|CADENCE]...
//                    [--queue K]... [--team K]... [--agent K]... [--first-weekday DAY] [--json|--csv]
//   callboard report scorecard AGENT ... [--periods N]
//   callboard report team TEAM ...
//   callboard report incident --db FILE [--date DATE] --from HH:MM --to HH:MM [--weeks N] [--queue K]...
//   callboard report definitions --db FILE
// Common: [--config FILE | --tz ZONE] [--user NAME [--password-file FILE]]. Days still waiting to
// be counted are counted first (as the server does every minute); bad input changes nothing.
#pragma once
#include <string_view>
#include <vector>

namespace cb {

bool IsReportCommand(const std::vector<std::string_view>& args);
// Returns the exit code: 0 done; 2 a mistake in what was asked (nothing changed); 1 anything
// else (no database, sign-in refused, not allowed, unknown agent, store failure).
int RunReportCommand(const std::vector<std::string_view>& args);

}  // namespace cb
