#include "server/cli/user_commands.h"

#include <termios.h>
#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include "core/account_rules.h"
#include "server/admin/account_admin.h"
#include "server/admin/team_admin.h"
#include "server/auth/audit_format.h"
#include "server/auth/crypto.h"
#include "server/cli/cli_password.h"
#include "server/cli/cli_user.h"
#include "server/live/broadcaster.h"
#include "server/store/store_accounts.h"
#include "server/store/store_admin.h"

namespace cb {
namespace {

struct AccountArgs {
    std::string verb;
    std::string name;
    std::string db = "callboard.db";
    std::string role;
    std::vector<std::string> teams;
    std::string password_file;
    std::string format = "csv";
    std::string name_en;              // team add
    std::string name_zh;
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
    if (std::string_view problem = CheckPassword(password); !problem.empty()) return Status::Error(ProblemText(problem));
    return password;
}

Status ParseArgs(const std::vector<std::string_view>& args, AccountArgs* a) {
    if (args.size() < 2) return Status::Error(std::string(args[0]) + ": missing subcommand");
    a->verb = std::string(args[0]) + " " + std::string(args[1]);
    size_t i = 2;
    const bool named = a->verb == "user add" || a->verb == "user disable" || a->verb == "user passwd" || a->verb == "team add";
    if (named) {
        if (i >= args.size() || args[i].rfind("-", 0) == 0)
            return Status::Error(a->verb + (a->verb == "team add" ? ": missing team key" : ": missing account name"));
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
        else if (arg == "--name-en" && a->verb == "team add") a->name_en = value;
        else if (arg == "--name-zh" && a->verb == "team add") a->name_zh = value;
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

// Exit code of an outcome: 0 done, 2 a mistake in what was asked, 1 anything else.
int Finish(const AdminOutcome& outcome) {
    if (outcome.ok()) return 0;
    std::fprintf(stderr, "callboard: %s\n", outcome.message.c_str());
    return outcome.kind == AdminOutcome::Kind::Invalid ? 2 : 1;
}

Actor CliActor() { return Actor{CliAuditUser(), "cli", 0}; }

AccountAdmin::TeamKeys TeamKeysOf(SqliteAdminStore& admin) {
    return [&admin]() -> Result<std::vector<std::string>> {
        Result<std::vector<TeamRecord>> teams = admin.ListTeams();
        if (!teams.ok()) return teams.status();
        std::vector<std::string> keys;
        for (const TeamRecord& t : teams.value()) keys.push_back(t.key);
        return keys;
    };
}

int UserAdd(AccountAdmin& admin, const AccountArgs& a) {
    NewAccount request;
    request.name = a.name;
    request.role = a.role;
    request.teams = a.teams;
    Role role = Role::Manager;
    if (!ParseRole(a.role, &role))
        return Usage("--role: '" + a.role + "' is not one of admin, manager, lead, qa, trainer, wallboard");
    if (role == Role::Lead && a.teams.empty()) return Usage("a lead needs at least one --team KEY");
    // Refuse what the arguments get wrong before asking for a password.
    if (AdminOutcome teams = admin.CheckTeams(a.teams); !teams.ok()) return Finish(teams);
    if (role != Role::Wallboard) {
        Result<std::string> password = NewPassword(a);
        if (!password.ok()) return Fail(password.status().message());
        request.password = password.value();
    }
    AddedAccount added;
    if (int code = Finish(admin.Add(request, CliActor(), &added)); code != 0) return code;
    std::printf("added %s (%s)\n", a.name.c_str(), std::string(RoleName(added.account.role)).c_str());
    if (!added.kiosk_token.empty()) {
        std::printf("kiosk token (shown once; sign the wallboard in with it): %s\n", added.kiosk_token.c_str());
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

int UserDisable(AccountAdmin& admin, const AccountArgs& a) {
    AccountChange change;
    change.disabled = true;
    if (int code = Finish(admin.Change(a.name, change, CliActor())); code != 0) return code;
    std::printf("disabled %s and ended its sessions\n", a.name.c_str());
    return 0;
}

int UserPasswd(SqliteAccountStore& store, AccountAdmin& admin, const AccountArgs& a) {
    Result<std::optional<Account>> account = store.FindAccount(a.name);
    if (!account.ok()) return Fail(account.status().message());
    if (!account.value()) return Fail("no account '" + a.name + "'");
    if (account.value()->role == Role::Wallboard) return Fail("wallboard accounts have a kiosk token, not a password");
    Result<std::string> password = NewPassword(a);
    if (!password.ok()) return Fail(password.status().message());
    if (int code = Finish(admin.SetPassword(a.name, password.value(), CliActor())); code != 0) return code;
    std::printf("changed the password of %s and ended its sessions\n", a.name.c_str());
    return 0;
}

int TeamAdd(TeamAdmin& teams, const AccountArgs& a) {
    if (int code = Finish(teams.Create(a.name, a.name_en, a.name_zh, CliActor())); code != 0) return code;
    std::printf("added team %s\n", a.name.c_str());
    return 0;
}

int TeamListing(TeamAdmin& teams) {
    Result<std::vector<TeamView>> list = teams.List();
    if (!list.ok()) return Fail(list.status().message());
    std::printf("%-16s %-6s %-20s %-20s %s\n", "KEY", "AGENTS", "NAME_EN", "NAME_ZH", "LEADS");
    for (const TeamView& t : list.value()) {
        std::printf("%-16s %-6lld %-20s %-20s %s\n", t.team.key.c_str(), static_cast<long long>(t.team.agents),
                    t.team.name_en.c_str(), t.team.name_zh.c_str(), TeamList(t.leads).c_str());
    }
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
    return !args.empty() && (args[0] == "user" || args[0] == "audit" || args[0] == "team");
}

int RunAccountCommand(const std::vector<std::string_view>& args) {
    AccountArgs a;
    if (Status status = ParseArgs(args, &a); !status.ok()) return Usage(status.message());
    const bool known = a.verb == "user add" || a.verb == "user list" || a.verb == "user disable" ||
                       a.verb == "user passwd" || a.verb == "audit export" || a.verb == "team add" ||
                       a.verb == "team list";
    if (!known) return Usage("unknown command '" + a.verb + "'; try 'callboard --help'");
    Result<std::unique_ptr<SqliteAccountStore>> store = SqliteAccountStore::Open(a.db);
    if (!store.ok()) return Fail(store.status().message());
    Result<std::unique_ptr<SqliteAdminStore>> admin_store = SqliteAdminStore::Open(a.db);
    if (!admin_store.ok()) return Fail(admin_store.status().message());
    SqliteAccountStore& s = *store.value();
    AccountAdmin accounts(WallClockMs);
    accounts.Attach(&s, TeamKeysOf(*admin_store.value()));
    TeamAdmin teams(WallClockMs);
    teams.Attach(admin_store.value().get(), &s, nullptr, TeamOwners{});
    if (a.verb == "user add") return UserAdd(accounts, a);
    if (a.verb == "user list") return UserList(s);
    if (a.verb == "user disable") return UserDisable(accounts, a);
    if (a.verb == "user passwd") return UserPasswd(s, accounts, a);
    if (a.verb == "team add") return TeamAdd(teams, a);
    if (a.verb == "team list") return TeamListing(teams);
    return AuditExport(s, a);
}

}  // namespace cb
