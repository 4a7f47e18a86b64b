// Reading a secret on the command line: from the terminal without echo, or from stdin when it is
// not a terminal (a pipe from a password manager). Never from the command line itself.
#pragma once
#include <string>
#include "server/base/status.h"

namespace cb {

// One line from stdin; with echo off, after `prompt` on stderr, when stdin is a terminal.
bool ReadSecretLine(const char* prompt, std::string* out);
// An existing account's password: the first line of password_file, else ReadSecretLine.
Result<std::string> ReadAccountPassword(const std::string& password_file);

}  // namespace cb
