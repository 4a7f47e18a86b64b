// AdminController (admin_controller.h).
#include "admin_controller.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>
#include "core/account_rules.h"
#include "i18n.h"

namespace cb {
namespace {

enum Tag : int {
    kUsers = 100, kTeams = 101,
    kCreateUser = 110, kSaveUser = 111, kPassword = 112, kToggle = 113, kDelete = 114,
    kCreateTeam = 120, kRenameTeam = 121,
};

struct RoleDef { const char* key; Str name; };
constexpr RoleDef kRoles[] = {{"admin", Str::RoleAdmin}, {"manager", Str::RoleManager}, {"lead", Str::RoleLead},
                              {"qa", Str::RoleQa},       {"trainer", Str::RoleTrainer}, {"wallboard", Str::RoleWallboard}};

std::string Trim(std::string_view text) {
    const size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

std::string Lower(std::string text) {
    for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

template <size_t N>
void Wipe(char (&buffer)[N]) {
    std::fill(std::begin(buffer), std::end(buffer), '\0');
}

template <size_t N>
void Put(char (&buffer)[N], std::string_view text) {
    Wipe(buffer);
    std::memcpy(buffer, text.data(), std::min(text.size(), N - 1));
}

std::string Join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

}  // namespace

std::string ParseRoleText(std::string_view text) {
    const std::string t = Lower(Trim(text));
    if (t.empty()) return {};
    for (const RoleDef& r : kRoles) {
        if (t == r.key || t == Lower(I18n{Lang::En}(r.name)) || t == I18n{Lang::Zh}(r.name)) return r.key;
    }
    return {};
}

std::vector<std::string> ParseTeamsText(std::string_view text) {
    std::string s(text);
    for (const char* sep : {"，", "、"}) {  // Chinese commas count as commas
        for (size_t at = s.find(sep); at != std::string::npos; at = s.find(sep)) s.replace(at, std::strlen(sep), ",");
    }
    std::vector<std::string> teams;
    std::string current;
    auto flush = [&] {
        if (!current.empty() && std::find(teams.begin(), teams.end(), current) == teams.end()) teams.push_back(current);
        current.clear();
    };
    for (char c : s) {
        if (c == ',' || c == ' ' || c == '\t' || c == ';') flush();
        else current += c;
    }
    flush();
    return teams;
}

void AdminController::Request(int tag, std::string method, std::string path, std::string body) {
    ++m_state.pending;
    ApiRequest r;
    r.tag = tag;
    r.method = std::move(method);
    r.path = std::move(path);
    r.body = std::move(body);
    m_send(std::move(r));
}

void AdminController::Fetch() {
    Request(kUsers, "GET", "api/admin/users");
    Request(kTeams, "GET", "api/admin/teams");
}

void AdminController::Open() {
    m_state.load_error = {};
    Fetch();
}

void AdminController::Clear() {
    AdminForms& f = m_state.forms;
    Wipe(f.password);
    Wipe(f.repeat);
    Wipe(f.edit_password);
    Wipe(f.edit_repeat);
    m_state = AdminState{};
}

void AdminController::Refuse(AdminForm form, std::string field, std::string code, std::string message) {
    m_state.error_form = form;
    m_state.error = ApiError{0, std::move(code), field, std::move(message)};
    m_state.focus_form = form;
    m_state.focus_field = std::move(field);
    m_state.notice.clear();
}

void AdminController::Done(std::string notice, std::string arg) {
    m_state.error_form = AdminForm::None;
    m_state.error = {};
    m_state.notice = std::move(notice);
    m_state.notice_arg = std::move(arg);
}

const AdminUser* AdminController::SelectedUser() const {
    for (const AdminUser& u : m_state.users)
        if (u.name == m_state.selected_user) return &u;
    return nullptr;
}

const AdminTeam* AdminController::SelectedTeam() const {
    for (const AdminTeam& t : m_state.teams)
        if (t.key == m_state.selected_team) return &t;
    return nullptr;
}

void AdminController::Select(int row) {
    m_state.confirm_delete = false;
    if (m_state.section == AdminSection::Users) {
        if (row < 0 || size_t(row) >= m_state.users.size()) return;
        const AdminUser& u = m_state.users[size_t(row)];
        if (u.name == m_state.selected_user) return;  // keep what is being typed
        m_state.selected_user = u.name;
        Put(m_state.forms.edit_role, u.role);
        Put(m_state.forms.edit_teams, Join(u.teams));
        Wipe(m_state.forms.edit_password);
        Wipe(m_state.forms.edit_repeat);
        if (m_state.error_form == AdminForm::EditUser || m_state.error_form == AdminForm::Password) m_state.error_form = AdminForm::None;
        return;
    }
    if (row < 0 || size_t(row) >= m_state.teams.size()) return;
    const AdminTeam& t = m_state.teams[size_t(row)];
    if (t.key == m_state.selected_team) return;
    m_state.selected_team = t.key;
    Put(m_state.forms.rename_zh, t.name_zh);
    Put(m_state.forms.rename_en, t.name_en);
    if (m_state.error_form == AdminForm::RenameTeam) m_state.error_form = AdminForm::None;
}

bool AdminController::CheckRoleAndTeams(AdminForm form, const char* role_text, const char* teams_text, std::string* role,
                                        std::vector<std::string>* teams) {
    *role = ParseRoleText(role_text);
    if (role->empty()) {
        Refuse(form, "role", "bad_role");
        return false;
    }
    *teams = ParseTeamsText(teams_text);
    if (*role == "lead" && teams->empty()) {
        Refuse(form, "teams", "lead_needs_team");
        return false;
    }
    if (*role != "lead" && !teams->empty()) {
        Refuse(form, "teams", "teams_for_leads");
        return false;
    }
    if (m_state.teams_loaded)
        for (const std::string& key : *teams) {
            const bool known = std::any_of(m_state.teams.begin(), m_state.teams.end(), [&](const AdminTeam& t) { return t.key == key; });
            if (!known) {
                Refuse(form, "teams", "unknown_team", key);
                return false;
            }
        }
    return true;
}

void AdminController::CreateUser() {
    AdminForms& f = m_state.forms;
    const std::string name = Trim(f.name);
    if (std::string_view p = CheckAccountName(name); !p.empty()) return Refuse(AdminForm::NewUser, "name", std::string(p));
    if (std::any_of(m_state.users.begin(), m_state.users.end(), [&](const AdminUser& u) { return u.name == name; }))
        return Refuse(AdminForm::NewUser, "name", "name_taken", name);
    std::string role;
    std::vector<std::string> teams;
    if (!CheckRoleAndTeams(AdminForm::NewUser, f.role, f.teams, &role, &teams)) return;
    std::string password;
    if (role != "wallboard") {
        if (std::string_view p = CheckPassword(f.password); !p.empty()) return Refuse(AdminForm::NewUser, "password", std::string(p));
        if (std::strcmp(f.password, f.repeat) != 0) return Refuse(AdminForm::NewUser, "repeat", "password_mismatch");
        password = f.password;
    }
    Request(kCreateUser, "POST", "api/admin/users", NewUserJson(name, role, teams, password));
    std::fill(password.begin(), password.end(), '\0');
    Wipe(f.password);  // once sent, the password has no business staying in memory
    Wipe(f.repeat);
}

void AdminController::SaveUser() {
    const AdminUser* user = SelectedUser();
    if (!user) return;
    std::string role;
    std::vector<std::string> teams;
    if (!CheckRoleAndTeams(AdminForm::EditUser, m_state.forms.edit_role, m_state.forms.edit_teams, &role, &teams)) return;
    Request(kSaveUser, "PATCH", "api/admin/users/" + user->name, UserChangeJson(role, teams));
}

void AdminController::ResetPassword() {
    const AdminUser* user = SelectedUser();
    if (!user) return;
    AdminForms& f = m_state.forms;
    if (user->role == "wallboard") return Refuse(AdminForm::Password, "password", "wallboard_password");
    if (std::string_view p = CheckPassword(f.edit_password); !p.empty()) return Refuse(AdminForm::Password, "password", std::string(p));
    if (std::strcmp(f.edit_password, f.edit_repeat) != 0) return Refuse(AdminForm::Password, "repeat", "password_mismatch");
    Request(kPassword, "PUT", "api/admin/users/" + user->name + "/password", PasswordJson(f.edit_password));
    Wipe(f.edit_password);
    Wipe(f.edit_repeat);
}

void AdminController::ToggleDisabled() {
    if (const AdminUser* user = SelectedUser())
        Request(kToggle, "PATCH", "api/admin/users/" + user->name, UserDisabledJson(!user->disabled));
}

void AdminController::DeleteUser() {
    const AdminUser* user = SelectedUser();
    if (!user) return;
    if (!m_state.confirm_delete) {  // first press: ask again
        m_state.confirm_delete = true;
        return;
    }
    m_state.confirm_delete = false;
    Request(kDelete, "DELETE", "api/admin/users/" + user->name);
}

void AdminController::CreateTeam() {
    AdminForms& f = m_state.forms;
    const std::string key = Trim(f.team_key), zh = Trim(f.team_zh), en = Trim(f.team_en);
    if (std::string_view p = CheckTeamKey(key); !p.empty()) return Refuse(AdminForm::NewTeam, "key", std::string(p));
    if (std::any_of(m_state.teams.begin(), m_state.teams.end(), [&](const AdminTeam& t) { return t.key == key; }))
        return Refuse(AdminForm::NewTeam, "key", "team_exists", key);
    if (zh.empty() && en.empty()) return Refuse(AdminForm::NewTeam, "name_zh", "bad_team_name");
    if (!zh.empty())
        if (std::string_view p = CheckTeamName(zh); !p.empty()) return Refuse(AdminForm::NewTeam, "name_zh", std::string(p));
    if (!en.empty())
        if (std::string_view p = CheckTeamName(en); !p.empty()) return Refuse(AdminForm::NewTeam, "name_en", std::string(p));
    Request(kCreateTeam, "POST", "api/admin/teams", NewTeamJson(key, en, zh));
}

void AdminController::RenameTeam() {
    const AdminTeam* team = SelectedTeam();
    if (!team) return;
    if (team->names_from == "config") return Refuse(AdminForm::RenameTeam, "", "names_from_config", team->key);
    if (team->names_from == "simulator") return Refuse(AdminForm::RenameTeam, "", "names_from_simulator", team->key);
    AdminForms& f = m_state.forms;
    const std::string zh = Trim(f.rename_zh), en = Trim(f.rename_en);
    if (zh.empty() && en.empty()) return Refuse(AdminForm::RenameTeam, "name_zh", "bad_team_name");
    if (!zh.empty())
        if (std::string_view p = CheckTeamName(zh); !p.empty()) return Refuse(AdminForm::RenameTeam, "name_zh", std::string(p));
    if (!en.empty())
        if (std::string_view p = CheckTeamName(en); !p.empty()) return Refuse(AdminForm::RenameTeam, "name_en", std::string(p));
    Request(kRenameTeam, "PATCH", "api/admin/teams/" + team->key, TeamNamesJson(en, zh));
}

void AdminController::Command(AdminCommand command) {
    switch (command) {
    case AdminCommand::ShowUsers: m_state.section = AdminSection::Users; break;
    case AdminCommand::ShowTeams: m_state.section = AdminSection::Teams; break;
    case AdminCommand::Refresh: Open(); break;
    case AdminCommand::CreateUser: CreateUser(); break;
    case AdminCommand::SaveUser: SaveUser(); break;
    case AdminCommand::ResetPassword: ResetPassword(); break;
    case AdminCommand::ToggleDisabled: ToggleDisabled(); break;
    case AdminCommand::DeleteUser: DeleteUser(); break;
    case AdminCommand::CancelDelete: m_state.confirm_delete = false; break;
    case AdminCommand::CreateTeam: CreateTeam(); break;
    case AdminCommand::RenameTeam: RenameTeam(); break;
    case AdminCommand::DismissKiosk:
        std::fill(m_state.kiosk_token.begin(), m_state.kiosk_token.end(), '\0');
        m_state.kiosk_token.clear();
        m_state.kiosk_user.clear();
        break;
    }
}

void AdminController::OnAnswer(const TransportMessage& m) {
    if (m.kind != TransportMessage::Kind::Api || !OwnsTag(m.tag)) return;
    if (m_state.pending > 0) --m_state.pending;
    const bool ok = m.status >= 200 && m.status < 300;
    std::string why;
    switch (m.tag) {
    case kUsers:
    case kTeams:
        if (ok && (m.tag == kUsers ? AdminUsersFromJson(m.data, &m_state.users, &why)
                                   : AdminTeamsFromJson(m.data, &m_state.teams, &why))) {
            (m.tag == kUsers ? m_state.users_loaded : m_state.teams_loaded) = true;
            if (m.tag == kUsers && !SelectedUser()) m_state.selected_user.clear();
            if (m.tag == kTeams && !SelectedTeam()) m_state.selected_team.clear();
        } else {
            m_state.load_error = ok ? ApiError{m.status, "server", "", why} : ApiErrorFromJson(m.status, m.data);
        }
        return;
    default: break;
    }
    const AdminForm form = m.tag == kCreateUser ? AdminForm::NewUser
                         : m.tag == kSaveUser || m.tag == kToggle || m.tag == kDelete ? AdminForm::EditUser
                         : m.tag == kPassword ? AdminForm::Password
                         : m.tag == kCreateTeam ? AdminForm::NewTeam
                                                : AdminForm::RenameTeam;
    if (!ok) {
        ApiError e = ApiErrorFromJson(m.status, m.data);
        if (e.status == 403 && e.code.empty()) e.code = "forbidden";
        if (e.status == 0) e.code = "unreachable";
        Refuse(form, e.field, e.code, e.message);
        m_state.error.status = e.status;
        return;
    }
    AdminForms& f = m_state.forms;
    switch (m.tag) {
    case kCreateUser: {
        const std::string name = Trim(f.name);
        m_state.kiosk_token = KioskTokenFromJson(m.data);
        m_state.kiosk_user = m_state.kiosk_token.empty() ? std::string() : name;
        Done("user_added", name);
        Wipe(f.name);
        Wipe(f.role);
        Wipe(f.teams);
        m_state.focus_form = AdminForm::NewUser;
        m_state.focus_field = "name";
        break;
    }
    case kSaveUser: Done("user_saved", m_state.selected_user); break;
    case kPassword: Done("password_set", m_state.selected_user); break;
    case kToggle: {
        const AdminUser* user = SelectedUser();
        Done(user && !user->disabled ? "user_disabled" : "user_enabled", m_state.selected_user);
        break;
    }
    case kDelete:
        Done("user_deleted", m_state.selected_user);
        m_state.selected_user.clear();
        break;
    case kCreateTeam:
        Done("team_added", Trim(f.team_key));
        Wipe(f.team_key);
        Wipe(f.team_zh);
        Wipe(f.team_en);
        m_state.focus_form = AdminForm::NewTeam;
        m_state.focus_field = "key";
        break;
    case kRenameTeam: Done("team_renamed", m_state.selected_team); break;
    default: break;
    }
    Fetch();  // the lists as the server has them now
}

}  // namespace cb
