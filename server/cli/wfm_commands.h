// Workforce-management commands for planners' scripts (docs/wfm.md):
//   callboard staffing --calls N --interval MINUTES --aht SECONDS --sl PERCENT/SECONDS
//       [--asa SECONDS] [--agents N] [--max-occupancy PERCENT] [--shrinkage PERCENT]
//       [--patience SECONDS] [--json]
#pragma once
#include <string_view>
#include <vector>

namespace cb {

bool IsWfmCommand(const std::vector<std::string_view>& args);
// Exit code: 0, 2 for a command-line mistake (said on stderr), 1 when the target cannot be met.
int RunWfmCommand(const std::vector<std::string_view>& args);

}  // namespace cb
