// The command line's account and team commands, run as the real binary: a lead for a team that
// does not exist is refused (and made once the team exists), `team add` / `team list`, the
// last admin kept, and the audit log naming the operating-system user ("cli:<login>" from the
// effective uid, sudo's SUDO_USER as extra information) instead of "cli:unknown".
#include <doctest/doctest.h>

#include <pwd.h>
#include <unistd.h>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include "server/cli/cli_user.h"
#include "server/store/store_accounts.h"
#include "server_test_util.h"

namespace {

const std::string kBin = CB_CALLBOARD_BIN;

struct Cli {
    cbtest::TempDir dir;
    std::string db = dir.path() + "/cli.db";
    std::string password_file = dir.path() + "/pw";
    Cli() { std::ofstream(password_file) << "a-long-password\n"; }

    // Runs `callboard ARGS --db DB`; returns the exit code, stdout in *out and stderr in *err.
    int Run(const std::string& args, std::string* out = nullptr, std::string* err = nullptr, const std::string& env = "") {
        const std::string out_file = dir.path() + "/out", err_file = dir.path() + "/err";
        const std::string command = env + (env.empty() ? "" : " ") + kBin + " " + args + " --db " + db + " > " + out_file +
                                    " 2> " + err_file + " < /dev/null";
        const int status = std::system(command.c_str());
        auto read = [](const std::string& path) {
            std::stringstream text;
            text << std::ifstream(path).rdbuf();
            return text.str();
        };
        if (out) *out = read(out_file);
        if (err) *err = read(err_file);
        return WEXITSTATUS(status);
    }
    std::vector<cb::AuditEntry> Audit() {
        auto store = std::move(cb::SqliteAccountStore::Open(db).value());
        return store->ListAudit(0, INT64_MAX, 1000).value();
    }
};

std::string Me() {
    passwd* entry = getpwuid(geteuid());
    REQUIRE(entry);
    return entry->pw_name;
}

}  // namespace

TEST_CASE("the audit user of a command-line change: the effective user's login, sudo's user as extra") {
    CHECK(cb::FormatCliAuditUser("alice", 1000, nullptr) == "cli:alice");
    CHECK(cb::FormatCliAuditUser("root", 0, "alice") == "cli:root (sudo: alice)");
    CHECK(cb::FormatCliAuditUser("root", 0, "") == "cli:root");
    CHECK(cb::FormatCliAuditUser(nullptr, 4242, nullptr) == "cli:uid 4242");
    // The environment alone does not name the user.
    setenv("USER", "mallory", 1);
    setenv("LOGNAME", "mallory", 1);
    CHECK(cb::CliAuditUser().rfind("cli:" + Me(), 0) == 0);
}

TEST_CASE("a lead for a team that does not exist is refused; once the team exists it is made") {
    Cli cli;
    std::string out, err;
    REQUIRE(cli.Run("user add boss --role admin --password-file " + cli.password_file) == 0);
    CHECK(cli.Run("user add wang --role lead --team night --password-file " + cli.password_file, &out, &err) == 2);
    CHECK(err == "callboard: teams: team 'night' does not exist (no team exists yet); create it first on the administration "
                 "page or with 'callboard team add'\n");
    CHECK(cli.Run("user add wang --role lead --password-file " + cli.password_file, &out, &err) == 2);
    CHECK(err == "callboard: a lead needs at least one --team KEY\n");

    REQUIRE(cli.Run("team add night --name-en 'Night shift' --name-zh 夜班", &out, &err) == 0);
    CHECK(out == "added team night\n");
    CHECK(cli.Run("team add night --name-en Again", &out, &err) == 1);
    CHECK(err == "callboard: key: a team 'night' exists already\n");
    CHECK(cli.Run("team add 'bad key'", &out, &err) == 2);
    CHECK(err == "callboard: key: expected 1 to 64 letters, digits or . _ -\n");
    CHECK(cli.Run("user add wang --role lead --team night --team day --password-file " + cli.password_file, &out, &err) == 2);
    CHECK(err == "callboard: teams: team 'day' does not exist (known teams: night); create it first on the administration "
                 "page or with 'callboard team add'\n");
    REQUIRE(cli.Run("user add wang --role lead --team night --password-file " + cli.password_file, &out, &err) == 0);
    CHECK(out == "added wang (lead)\n");
    REQUIRE(cli.Run("team list", &out, &err) == 0);
    CHECK(out.find("night") != std::string::npos);
    CHECK(out.find("Night shift") != std::string::npos);
    CHECK(out.find("wang") != std::string::npos);

    // Only leads have teams; the first account is an admin.
    CHECK(cli.Run("user add mona --role manager --team night --password-file " + cli.password_file, &out, &err) == 2);
    CHECK(err == "callboard: teams: only a team lead has teams\n");
}

TEST_CASE("command-line changes name the operating-system user in the audit log") {
    Cli cli;
    const std::string me = Me();
    REQUIRE(cli.Run("user add boss --role admin --password-file " + cli.password_file, nullptr, nullptr, "USER=mallory") == 0);
    REQUIRE(cli.Run("team add night --name-en Night") == 0);
    REQUIRE(cli.Run("user add ops --role admin --password-file " + cli.password_file, nullptr, nullptr, "SUDO_USER=alice") == 0);
    REQUIRE(cli.Run("user passwd boss --password-file " + cli.password_file) == 0);
    REQUIRE(cli.Run("user disable ops") == 0);
    const std::vector<cb::AuditEntry> audit = cli.Audit();
    REQUIRE(audit.size() == 5);
    CHECK(audit[0].user == "cli:" + me);
    CHECK(audit[0].action == "user_add");
    CHECK(audit[0].detail == "boss (admin)");
    CHECK(audit[0].address == "cli");
    CHECK(audit[1].user == "cli:" + me);
    CHECK(audit[1].action == "team_add");
    CHECK(audit[2].user == "cli:" + me + " (sudo: alice)");
    CHECK(audit[3].action == "user_passwd");
    CHECK(audit[4].action == "user_disable");
    for (const cb::AuditEntry& e : audit) CHECK(e.user.find("unknown") == std::string::npos);

    // The last enabled admin stays.
    std::string err;
    CHECK(cli.Run("user disable boss", nullptr, &err) == 1);
    CHECK(err == "callboard: disabled: 'boss' is the last enabled admin; make another admin first\n");
}

TEST_CASE("the first account made on the command line is an admin") {
    Cli cli;
    std::string err;
    CHECK(cli.Run("user add mona --role manager --password-file " + cli.password_file, nullptr, &err) == 1);
    CHECK(err == "callboard: role: the first account must be an admin (nobody could manage accounts otherwise)\n");
}
