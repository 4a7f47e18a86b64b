#include "server/admin/account_admin.h"

#include <algorithm>
#include "core/account_rules.h"
#include "server/auth/crypto.h"
#include "server/base/log.h"

namespace cb {
namespace {

using K = AdminOutcome::Kind;

std::vector<std::string> SortedUnique(std::vector<std::string> teams) {
    std::sort(teams.begin(), teams.end());
    teams.erase(std::unique(teams.begin(), teams.end()), teams.end());
    return teams;
}

AdminOutcome StoreFailure(const Status& status) {
    return AdminOutcome::Fail(K::Failed, "store", "", "cannot change the accounts: " + status.message());
}

std::string Describe(const Account& a) {
    return a.name + " (" + std::string(RoleName(a.role)) + (a.teams.empty() ? "" : ", teams " + TeamList(a.teams)) + ")";
}

}  // namespace

std::string TeamList(const std::vector<std::string>& teams) {
    if (teams.empty()) return "-";
    std::string out;
    for (const std::string& t : teams) out += (out.empty() ? "" : ",") + t;
    return out;
}

AccountAdmin::AccountAdmin(Clock clock) : m_clock(std::move(clock)) {}

void AccountAdmin::Attach(AccountStore* store, TeamKeys team_keys) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_store = store;
    m_team_keys = std::move(team_keys);
}

void AccountAdmin::Audit(const Actor& actor, const std::string& action, const std::string& detail) {
    AuditEntry entry{0, m_clock(), actor.user.empty() ? "-" : actor.user, action, detail, actor.address, true};
    if (Status status = m_store->AppendAudit(entry); !status.ok()) LogError("audit: cannot record " + action + ": " + status.message());
}

AdminOutcome AccountAdmin::Find(const std::string& name, Account* out) {
    Result<std::optional<Account>> found = m_store->FindAccount(name);
    if (!found.ok()) return StoreFailure(found.status());
    if (!found.value()) return AdminOutcome::Fail(K::NotFound, "no_such_user", "", "no account '" + name + "'");
    *out = *found.value();
    return AdminOutcome::Ok();
}

AdminOutcome AccountAdmin::CheckTeams(const std::vector<std::string>& teams) {
    if (teams.empty()) return AdminOutcome::Ok();
    Result<std::vector<std::string>> known = m_team_keys ? m_team_keys() : Result<std::vector<std::string>>(std::vector<std::string>{});
    if (!known.ok()) return StoreFailure(known.status());
    for (const std::string& team : teams) {
        if (std::find(known.value().begin(), known.value().end(), team) != known.value().end()) continue;
        std::string list;
        for (const std::string& k : known.value()) list += (list.empty() ? "" : ", ") + k;
        return AdminOutcome::Fail(K::Invalid, "unknown_team", "teams",
                                  "team '" + team + "' does not exist (" +
                                      (list.empty() ? std::string("no team exists yet") : "known teams: " + list) +
                                      "); create it first on the administration page or with 'callboard team add'");
    }
    return AdminOutcome::Ok();
}

AdminOutcome AccountAdmin::Add(const NewAccount& request, const Actor& actor, AddedAccount* added) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_store) return AdminOutcome::Fail(K::Failed, "not_ready", "", "the accounts are not open yet");
    if (std::string_view problem = CheckAccountName(request.name); !problem.empty())
        return AdminOutcome::Fail(K::Invalid, std::string(problem), "name", ProblemText(problem));
    Account account;
    account.name = request.name;
    if (!ParseRole(request.role, &account.role))
        return AdminOutcome::Fail(K::Invalid, "bad_role", "role",
                                  "'" + request.role + "' is not one of admin, manager, lead, qa, trainer, wallboard");
    account.teams = SortedUnique(request.teams);
    if (account.role == Role::Lead && account.teams.empty())
        return AdminOutcome::Fail(K::Invalid, "lead_needs_team", "teams", "a lead needs at least one team");
    if (account.role != Role::Lead && !account.teams.empty())
        return AdminOutcome::Fail(K::Invalid, "teams_for_leads", "teams", "only a team lead has teams");
    if (AdminOutcome teams = CheckTeams(account.teams); !teams.ok()) return teams;
    Result<int64_t> count = m_store->CountAccounts();
    if (!count.ok()) return StoreFailure(count.status());
    if (count.value() == 0 && account.role != Role::Admin)
        return AdminOutcome::Fail(K::Conflict, "first_must_be_admin", "role",
                                  "the first account must be an admin (nobody could manage accounts otherwise)");
    std::string kiosk;
    if (account.role == Role::Wallboard) {
        if (!request.password.empty())
            return AdminOutcome::Fail(K::Invalid, "wallboard_password", "password",
                                      "a wallboard signs in with a kiosk token, not a password");
        kiosk = RandomToken();
        account.kiosk_hash = TokenHash(kiosk);
    } else {
        if (std::string_view problem = CheckPassword(request.password); !problem.empty())
            return AdminOutcome::Fail(K::Invalid, std::string(problem), "password", ProblemText(problem));
        Result<std::string> hash = HashPassword(request.password);
        if (!hash.ok()) return StoreFailure(hash.status());
        account.password_hash = hash.value();
    }
    account.created_ms = m_clock();
    Result<int64_t> id = m_store->AddAccount(account);
    if (!id.ok()) {
        if (id.status().message().find("exists already") != std::string::npos)
            return AdminOutcome::Fail(K::Conflict, "name_taken", "name", "an account named '" + account.name + "' exists already");
        return StoreFailure(id.status());
    }
    account.id = id.value();
    Audit(actor, "user_add", Describe(account));
    if (added) {
        added->account = account;
        added->account.password_hash.clear();
        added->account.kiosk_hash.clear();
        added->kiosk_token = kiosk;
    }
    return AdminOutcome::Ok();
}

AdminOutcome AccountAdmin::Change(const std::string& name, const AccountChange& change, const Actor& actor) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_store) return AdminOutcome::Fail(K::Failed, "not_ready", "", "the accounts are not open yet");
    Account before;
    if (AdminOutcome found = Find(name, &before); !found.ok()) return found;
    Account after = before;
    if (change.role && !ParseRole(*change.role, &after.role))
        return AdminOutcome::Fail(K::Invalid, "bad_role", "role",
                                  "'" + *change.role + "' is not one of admin, manager, lead, qa, trainer, wallboard");
    if (change.teams) after.teams = SortedUnique(*change.teams);
    else if (after.role != Role::Lead) after.teams.clear();  // a lead's teams go with the role
    if (after.role == Role::Lead && after.teams.empty())
        return AdminOutcome::Fail(K::Invalid, "lead_needs_team", "teams", "a lead needs at least one team");
    if (after.role != Role::Lead && !after.teams.empty())
        return AdminOutcome::Fail(K::Invalid, "teams_for_leads", "teams", "only a team lead has teams");
    if ((after.role == Role::Wallboard) != (before.role == Role::Wallboard))
        return AdminOutcome::Fail(K::Invalid, "wallboard_role", "role",
                                  "a wallboard signs in with a kiosk token and other roles with a password: create a new account instead");
    if (change.teams && after.teams != before.teams) {
        std::vector<std::string> added;
        for (const std::string& t : after.teams)
            if (std::find(before.teams.begin(), before.teams.end(), t) == before.teams.end()) added.push_back(t);
        if (AdminOutcome teams = CheckTeams(added); !teams.ok()) return teams;
    }
    if (change.disabled) after.disabled = *change.disabled;
    const bool was_admin = before.role == Role::Admin && !before.disabled;
    const bool is_admin = after.role == Role::Admin && !after.disabled;
    if (was_admin && !is_admin) {
        if (actor.account_id != 0 && actor.account_id == before.id)
            return AdminOutcome::Fail(K::Conflict, "own_account", change.disabled && *change.disabled ? "disabled" : "role",
                                      "you cannot disable or demote your own account; another admin can");
        Result<int64_t> admins = m_store->CountActiveAdmins();
        if (!admins.ok()) return StoreFailure(admins.status());
        if (admins.value() <= 1)
            return AdminOutcome::Fail(K::Conflict, "last_admin", change.disabled && *change.disabled ? "disabled" : "role",
                                      "'" + name + "' is the last enabled admin; make another admin first");
    }
    if (after.disabled && actor.account_id != 0 && actor.account_id == before.id)
        return AdminOutcome::Fail(K::Conflict, "own_account", "disabled", "you cannot disable your own account; another admin can");

    if (after.role != before.role || after.teams != before.teams) {
        if (Status s = m_store->SetRoleAndTeams(name, after.role, after.teams); !s.ok()) return StoreFailure(s);
        std::string detail = name + ":";
        if (after.role != before.role)
            detail += " role " + std::string(RoleName(before.role)) + " -> " + std::string(RoleName(after.role));
        if (after.teams != before.teams)
            detail += std::string(after.role != before.role ? "," : "") + " teams " + TeamList(before.teams) + " -> " +
                      TeamList(after.teams);
        Audit(actor, "user_update", detail);
    }
    if (after.disabled != before.disabled) {
        if (Status s = m_store->SetDisabled(name, after.disabled); !s.ok()) return StoreFailure(s);
        if (after.disabled) m_store->DeleteSessionsOf(before.id);  // signed out everywhere at once
        Audit(actor, after.disabled ? "user_disable" : "user_enable", name);
    }
    return AdminOutcome::Ok();
}

AdminOutcome AccountAdmin::SetPassword(const std::string& name, const std::string& password, const Actor& actor) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_store) return AdminOutcome::Fail(K::Failed, "not_ready", "", "the accounts are not open yet");
    Account account;
    if (AdminOutcome found = Find(name, &account); !found.ok()) return found;
    if (account.role == Role::Wallboard)
        return AdminOutcome::Fail(K::Invalid, "wallboard_password", "password",
                                  "wallboard accounts have a kiosk token, not a password");
    if (std::string_view problem = CheckPassword(password); !problem.empty())
        return AdminOutcome::Fail(K::Invalid, std::string(problem), "password", ProblemText(problem));
    Result<std::string> hash = HashPassword(password);
    if (!hash.ok()) return StoreFailure(hash.status());
    if (Status s = m_store->SetPasswordHash(name, hash.value()); !s.ok()) return StoreFailure(s);
    m_store->DeleteSessionsOf(account.id);
    Audit(actor, "user_passwd", name);
    return AdminOutcome::Ok();
}

AdminOutcome AccountAdmin::Remove(const std::string& name, const Actor& actor) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_store) return AdminOutcome::Fail(K::Failed, "not_ready", "", "the accounts are not open yet");
    Account account;
    if (AdminOutcome found = Find(name, &account); !found.ok()) return found;
    if (actor.account_id != 0 && actor.account_id == account.id)
        return AdminOutcome::Fail(K::Conflict, "own_account", "", "you cannot delete your own account; another admin can");
    if (account.role == Role::Admin && !account.disabled) {
        Result<int64_t> admins = m_store->CountActiveAdmins();
        if (!admins.ok()) return StoreFailure(admins.status());
        if (admins.value() <= 1)
            return AdminOutcome::Fail(K::Conflict, "last_admin", "", "'" + name + "' is the last enabled admin; make another admin first");
    }
    if (Status s = m_store->DeleteAccount(name); !s.ok()) return StoreFailure(s);
    Audit(actor, "user_delete", Describe(account));
    return AdminOutcome::Ok();
}

}  // namespace cb
