// Reading secrets on the command line (cli_password.h).
#include "server/cli/cli_password.h"

#include <termios.h>
#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <iostream>

namespace cb {

bool ReadSecretLine(const char* prompt, std::string* out) {
    const bool tty = isatty(STDIN_FILENO);
    termios saved{};
    if (tty) {
        std::fprintf(stderr, "%s", prompt);
        std::fflush(stderr);
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    const bool ok = static_cast<bool>(std::getline(std::cin, *out));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
    if (!out->empty() && out->back() == '\r') out->pop_back();
    return ok;
}

Result<std::string> ReadAccountPassword(const std::string& password_file) {
    std::string password;
    if (!password_file.empty()) {
        std::ifstream file(password_file);
        if (!file || !std::getline(file, password)) return Status::Error("cannot read --password-file '" + password_file + "'");
        if (!password.empty() && password.back() == '\r') password.pop_back();
        return password;
    }
    if (!ReadSecretLine(isatty(STDIN_FILENO) ? "Password: " : "", &password)) return Status::Error("no password given");
    return password;
}

}  // namespace cb
