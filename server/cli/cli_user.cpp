#include "server/cli/cli_user.h"

#include <pwd.h>
#include <unistd.h>
#include <cstdlib>
#include <vector>

namespace cb {

std::string FormatCliAuditUser(const char* login, unsigned long uid, const char* sudo_user) {
    std::string user = "cli:";
    user += login && *login ? std::string(login) : "uid " + std::to_string(uid);
    if (sudo_user && *sudo_user) user += std::string(" (sudo: ") + sudo_user + ")";
    return user;
}

std::string CliAuditUser() {
    const uid_t uid = geteuid();
    passwd entry{};
    passwd* found = nullptr;
    std::vector<char> buffer(16384);
    const bool known = getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found;
    return FormatCliAuditUser(known ? found->pw_name : nullptr, uid, std::getenv("SUDO_USER"));
}

}  // namespace cb
