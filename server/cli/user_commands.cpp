#include "server/cli/user_commands.h"

#include <termios.h>
#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include "server/auth/audit_format.h"
#include "server/auth/crypto.h"
#include "server/live/broadcaster.h"
#include "server/store/store_accounts.h"

namespace cb {
namespace {

constexpr size_t kMinPasswordLength = 10;

struct AccountArgs {
    std::string verb;
    std::string name;
    std::string db = "callboard.db";
    std::string role;
    std::vector<std::string> teams;
    std::string password_file;
    std::string format = "csv";
    int64_t from_ms = 0;
    int64_t to_ms = INT64_MAX;
};

int Usage(const std::string& message) {
    std::fprintf(stderr, "callboard: %s\n", message.c_str());
    return 2;
}

int Fail(const std::string& message) {
    std::fprintf(stderr, "callboard: %s\n", message.c_str());
    return 1;
}

std::string CliUser() {
    const char* login = getlogin();
    if (!login) login = std::getenv("USER");
    return std::string("cli:") + (login ? login : "unknown");
}

// One line from stdin; with echo off when it is a terminal.
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

// The new password: from --password-file (first line), a terminal (asked twice) or stdin.
Result<std::string> NewPassword(const AccountArgs& a) {
    std::string password;
    if (!a.password_file.empty()) {
        std::ifstream file(a.password_file);
        if (!file || !std::getline(file, password)) return Status::Error("cannot read --password-file '" + a.password_file + "'");
        if (!password.empty() && password.back() == '\r') password.pop_back();
    } else if (isatty(STDIN_FILENO)) {
        std::string again;
        if (!ReadSecretLine("Password: ", &password) || !ReadSecretLine("Repeat password: ", &again))
            return Status::Error("no password given");
        if (password != again) return Status::Error("the passwords differ");
    } else if (!ReadSecretLine("", &password)) {
        return Status::Error("no password on stdin");
    }
    if (password.size() < kMinPasswordLength)
        return Status::Error("the password needs at least " + std::to_string(kMinPasswordLength) + " characters");
    return password;
}

Status ParseArgs(const std::vector<std::string_view>& args, AccountArgs* a) {
    if (args.size() < 2) return Status::Error(std::string(args[0]) + ": missing subcommand");
    a->verb = std::string(args[0]) + " " + std::string(args[1]);
    size_t i = 2;
    const bool named = a->verb == "user add" || a->verb == "user disable" || a->verb == "user passwd";
    if (named) {
        if (i >= args.size() || args[i].rfind("-", 0) == 0) return Status::Error(a->verb + ": missing account name");
        a->name = std::string(args[i++]);
    }
    for (; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (i + 1 >= args.size()) return Status::Error(std::string(arg) + ": missing value (argument " + std::to_string(i + 1) + ")");
        const std::string value(args[++i]);
        if (arg == "--db") a->db = value;
        else if (arg == "--role" && a->verb == "user add") a->role = value;
        else if (arg == "--team" && a->verb == "user add") a->teams.push_back(value);
        else if (arg == "--password-file" && (a->verb == "user add" || a->verb == "user passwd")) a->password_file = value;
        else if (arg == "--format" && a->verb == "audit export") a->format = value;
        else if ((arg == "--from" || arg == "--to") && a->verb == "audit export") {
            try {
                (arg == "--from" ? a->from_ms : a->to_ms) = std::stoll(value);
            } catch (...) {
                return Status::Error(std::string(arg) + ": '" + value + "' is not Unix milliseconds");
            }
        } else return Status::Error("unknown option '" + std::string(arg) + "' for " + a->verb);
    }
    return Status::Ok();
}

int UserAdd(SqliteAccountStore& store, const AccountArgs& a) {
    Account account;
    account.name = a.name;
    if (!ParseRole(a.role, &account.role))
        return Usage("--role: '" + a.role + "' is not one of admin, manager, lead, qa, trainer, wallboard");
    if (account.role == Role::Lead && a.teams.empty()) return Usage("a lead needs at least one --team KEY");
    account.teams = a.teams;
    account.created_ms = WallClockMs();
    std::string kiosk;
    if (account.role == Role::Wallboard) {
        kiosk = RandomToken();
        account.kiosk_hash = TokenHash(kiosk);
    } else {
        Result<std::string> password = NewPassword(a);
        if (!password.ok()) return Fail(password.status().message());
        Result<std::string> hash = HashPassword(password.value());
        if (!hash.ok()) return Fail(hash.status().message());
        account.password_hash = hash.value();
    }
    Result<int64_t> id = store.AddAccount(account);
    if (!id.ok()) return Fail(id.status().message());
    std::string teams;
    for (const std::string& t : a.teams) teams += (teams.empty() ? "" : ",") + t;
    AuditEntry entry{0, WallClockMs(), CliUser(), "user_add",
                     a.name + " (" + std::string(RoleName(account.role)) + (teams.empty() ? "" : ", teams " + teams) + ")",
                     "cli", true};
    store.AppendAudit(entry);
    std::printf("added %s (%s)\n", a.name.c_str(), std::string(RoleName(account.role)).c_str());
    if (!kiosk.empty()) {
        std::printf("kiosk token (shown once; sign the wallboard in with it): %s\n", kiosk.c_str());
    }
    return 0;
}

int UserList(SqliteAccountStore& store) {
    Result<std::vector<Account>> accounts = store.ListAccounts();
    if (!accounts.ok()) return Fail(accounts.status().message());
    std::printf("%-20s %-10s %-9s %s\n", "NAME", "ROLE", "STATUS", "TEAMS");
    for (const Account& account : accounts.value()) {
        std::string teams;
        for (const std::string& t : account.teams) teams += (teams.empty() ? "" : ",") + t;
        std::printf("%-20s %-10s %-9s %s\n", account.name.c_str(), std::string(RoleName(account.role)).c_str(),
                    account.disabled ? "disabled" : "active", teams.c_str());
    }
    return 0;
}

int UserDisable(SqliteAccountStore& store, const AccountArgs& a) {
    Result<std::optional<Account>> account = store.FindAccount(a.name);
    if (!account.ok()) return Fail(account.status().message());
    if (!account.value()) return Fail("no account '" + a.name + "'");
    if (Status status = store.SetDisabled(a.name, true); !status.ok()) return Fail(status.message());
    store.DeleteSessionsOf(account.value()->id);  // signed out everywhere at once
    store.AppendAudit({0, WallClockMs(), CliUser(), "user_disable", a.name, "cli", true});
    std::printf("disabled %s and ended its sessions\n", a.name.c_str());
    return 0;
}

int UserPasswd(SqliteAccountStore& store, const AccountArgs& a) {
    Result<std::optional<Account>> account = store.FindAccount(a.name);
    if (!account.ok()) return Fail(account.status().message());
    if (!account.value()) return Fail("no account '" + a.name + "'");
    if (account.value()->role == Role::Wallboard) return Fail("wallboard accounts have a kiosk token, not a password");
    Result<std::string> password = NewPassword(a);
    if (!password.ok()) return Fail(password.status().message());
    Result<std::string> hash = HashPassword(password.value());
    if (!hash.ok()) return Fail(hash.status().message());
    if (Status status = store.SetPasswordHash(a.name, hash.value()); !status.ok()) return Fail(status.message());
    store.DeleteSessionsOf(account.value()->id);
    store.AppendAudit({0, WallClockMs(), CliUser(), "user_passwd", a.name, "cli", true});
    std::printf("changed the password of %s and ended its sessions\n", a.name.c_str());
    return 0;
}

int AuditExport(SqliteAccountStore& store, const AccountArgs& a) {
    if (a.format != "csv" && a.format != "json") return Usage("--format: '" + a.format + "' is not csv or json");
    Result<std::vector<AuditEntry>> entries = store.ListAudit(a.from_ms, a.to_ms, INT64_MAX);
    if (!entries.ok()) return Fail(entries.status().message());
    const std::string out = a.format == "csv" ? AuditToCsv(entries.value()) : AuditToJson(entries.value()) + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

}  // namespace

bool IsAccountCommand(const std::vector<std::string_view>& args) {
    return !args.empty() && (args[0] == "user" || args[0] == "audit");
}

int RunAccountCommand(const std::vector<std::string_view>& args) {
    AccountArgs a;
    if (Status status = ParseArgs(args, &a); !status.ok()) return Usage(status.message());
    const bool known = a.verb == "user add" || a.verb == "user list" || a.verb == "user disable" ||
                       a.verb == "user passwd" || a.verb == "audit export";
    if (!known) return Usage("unknown command '" + a.verb + "'; try 'callboard --help'");
    Result<std::unique_ptr<SqliteAccountStore>> store = SqliteAccountStore::Open(a.db);
    if (!store.ok()) return Fail(store.status().message());
    SqliteAccountStore& s = *store.value();
    if (a.verb == "user add") return UserAdd(s, a);
    if (a.verb == "user list") return UserList(s);
    if (a.verb == "user disable") return UserDisable(s, a);
    if (a.verb == "user passwd") return UserPasswd(s, a);
    return AuditExport(s, a);
}

}  // namespace cb
