// `callboard user add|list|disable|passwd`, `callboard team add|list` and `callboard audit
// export` (docs/auth.md, docs/operations.md). The rules are the administration API's
// (server/admin). Passwords come from the terminal without echo, from --password-file, or from
// stdin when it is not a terminal; never from the command line. Every change is written to the
// audit log as "cli:<login>" (cli_user.h).
#pragma once
#include <string_view>
#include <vector>

namespace cb {

// True when args (without the program name) start with "user", "team" or "audit".
bool IsAccountCommand(const std::vector<std::string_view>& args);
// Runs it; returns the exit code: 0 done, 1 failed (one line on stderr), 2 usage mistake.
int RunAccountCommand(const std::vector<std::string_view>& args);

}  // namespace cb
