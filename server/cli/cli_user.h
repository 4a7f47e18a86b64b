// Who runs a command-line change, for the audit log: "cli:<login>" where the login is the
// account of the effective user id (getpwuid(geteuid())), never an environment variable alone
// (anyone can set those). Run through sudo, the invoking user that sudo states in SUDO_USER is
// added as extra information: "cli:root (sudo: alice)".
#pragma once
#include <string>

namespace cb {

std::string CliAuditUser();
// The pure part: login null when the uid has no passwd entry ("cli:uid 1234"); sudo_user null
// or empty when not run through sudo.
std::string FormatCliAuditUser(const char* login, unsigned long uid, const char* sudo_user);

}  // namespace cb
