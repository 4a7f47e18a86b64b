// Administering accounts: the rules the command line (`callboard user ...`) and the
// administration API (/api/admin/users, docs/api.md) share, so both refuse the same things with
// the same words and write the same audit lines. A lead needs teams that exist; only leads have
// teams; the first account is an admin; the last enabled admin stays; nobody disables,
// demotes or deletes their own account. Thread-safe: changes are serialised, so two requests
// cannot each remove one of the last two admins.
#pragma once
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>
#include "server/admin/admin_outcome.h"
#include "server/auth/account_store.h"

namespace cb {

struct NewAccount {
    std::string name;
    std::string role;                 // admin, manager, lead, qa, trainer, wallboard
    std::vector<std::string> teams;   // a lead's teams (required for a lead, refused for others)
    std::string password;             // not for a wallboard (it gets a kiosk token)
};

// What to change; unset fields stay. A new role other than lead clears the teams.
struct AccountChange {
    std::optional<std::string> role;
    std::optional<std::vector<std::string>> teams;
    std::optional<bool> disabled;
};

struct AddedAccount {
    Account account;
    std::string kiosk_token;          // a wallboard's sign-in token, shown once; else empty
};

class AccountAdmin {
public:
    using TeamKeys = std::function<Result<std::vector<std::string>>()>;  // keys of the teams that exist
    using Clock = std::function<int64_t()>;                               // Unix ms

    explicit AccountAdmin(Clock clock);
    // For a server that opens its database after binding its port: attached once, before the
    // first request is served. Until then every call fails (Failed, "not ready").
    void Attach(AccountStore* store, TeamKeys team_keys);

    AdminOutcome Add(const NewAccount& request, const Actor& actor, AddedAccount* added);
    AdminOutcome Change(const std::string& name, const AccountChange& change, const Actor& actor);
    // Sets a new password and ends the account's sessions.
    AdminOutcome SetPassword(const std::string& name, const std::string& password, const Actor& actor);
    AdminOutcome Remove(const std::string& name, const Actor& actor);

    // "team 'x' does not exist (known teams: a, b); create it first on the administration page
    // or with 'callboard team add'", or Ok when every team exists.
    AdminOutcome CheckTeams(const std::vector<std::string>& teams);

private:
    AdminOutcome Find(const std::string& name, Account* out);
    void Audit(const Actor& actor, const std::string& action, const std::string& detail);

    std::mutex m_mutex;
    Clock m_clock;
    AccountStore* m_store = nullptr;
    TeamKeys m_team_keys;
};

// "a,b" or "-" for an audit line.
std::string TeamList(const std::vector<std::string>& teams);

}  // namespace cb
