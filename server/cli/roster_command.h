// `callboard roster FILE [--json] [--time-limit S] [--breaks]`: solves the roster problem file
// (docs/wfm.md, "The roster problem file") with COIN-OR CBC and prints the roster, coverage and
// what could not be met; planners' scripts read --json. Reads only the file: nothing is stored.
#pragma once
#include <string_view>
#include <vector>

namespace cb {

bool IsRosterCommand(const std::vector<std::string_view>& args);
// Exit code: 0 a roster found; 1 no roster (infeasible: which constraint; or no roster in time);
// 2 a mistake on the command line or in the file (said on stderr, with where).
int RunRosterCommand(const std::vector<std::string_view>& args);

}  // namespace cb
