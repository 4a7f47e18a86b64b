// `callboard forecast [--db FILE] [--queue KEY]... [--from YYYY-MM-DD] [--weeks N] [--interval 15|30]
// [--method M] [--history-weeks N] [staffing: --sl P/S | --asa S, --max-occupancy P, --shrinkage P,
// --model M, --patience S, --staffing] [--config FILE | --time-zone ZONE] [--json | --csv]`
// (docs/wfm.md): each stored queue's forecast per interval from its history, the method the
// back-test chose and every method's accuracy, and with a target the agents each interval needs.
// Reads only: a mistake changes nothing.
#pragma once
#include <string_view>
#include <vector>

namespace cb {

bool IsForecastCommand(const std::vector<std::string_view>& args);
// Exit code: 0 done, 1 the database could not be read, 2 a mistake on the command line (an
// unknown queue or option, a bad value, a history counted in longer intervals than asked).
int RunForecastCommand(const std::vector<std::string_view>& args);

}  // namespace cb
