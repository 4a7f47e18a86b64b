// `callboard reconcile --db DB --from YYYY-MM-DD --to YYYY-MM-DD [--queue KEY]...
// [--config FILE | --time-zone ZONE] [--json]` (docs/reconciliation.md): the stored calls of a
// range of local dates counted as Callboard, Asterisk, Asternic and Wazo count them, with the
// reasons for every difference. Reads only: a mistake changes nothing.
#pragma once
#include <string>
#include <string_view>
#include <vector>
#include "server/base/status.h"

namespace cb {

struct ReconcileOptions {
    std::string db = "callboard.db";
    std::string from, to;             // local dates, inclusive
    std::vector<std::string> queues;  // queue keys; empty = every queue
    std::string config;               // the center's time zone from the configuration file
    std::string time_zone;            // or an IANA zone name; neither: UTC
    bool json = false;
};

// True when args (without the program name) start with "reconcile".
bool IsReconcileCommand(const std::vector<std::string_view>& args);
// Parses the arguments after "reconcile"; an error names the argument.
Result<ReconcileOptions> ParseReconcileOptions(const std::vector<std::string_view>& args);
// Runs it; returns the exit code: 0 done, 1 the database could not be read, 2 a mistake in the
// command line (a bad or reversed date, a range over the limit, an unknown queue or zone).
int RunReconcileCommand(const std::vector<std::string_view>& args);

}  // namespace cb
