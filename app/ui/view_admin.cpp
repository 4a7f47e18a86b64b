// The administration page (admins only): accounts (list, create with an initial password,
// change role and teams, reset a password, disable or enable, delete) and teams (list with
// their agents and lead accounts, create, rename). Forms are filled with the keyboard: Tab
// moves through the fields in order, Enter in a field submits its form, Up/Down in a role
// field cycles the roles; a refusal shows under the field it names, which gets the focus.
// The forms live in AdminState (ctx.admin), edited in place like the login form.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <imgui.h>
#include <iterator>
#include <string>
#include <vector>
#include "admin_controller.h"
#include "core/account_rules.h"
#include "format.h"
#include "views.h"

namespace cb {
namespace {

struct RoleChip { const char* key; Str name; };
constexpr RoleChip kRoleChips[] = {{"admin", Str::RoleAdmin}, {"manager", Str::RoleManager}, {"lead", Str::RoleLead},
                                   {"qa", Str::RoleQa},       {"trainer", Str::RoleTrainer}, {"wallboard", Str::RoleWallboard}};

constexpr float kFieldWidth = 300.0f;

const char* FormId(AdminForm form) {
    switch (form) {
    case AdminForm::NewUser: return "new_user";
    case AdminForm::EditUser: return "edit_user";
    case AdminForm::Password: return "password";
    case AdminForm::NewTeam: return "new_team";
    case AdminForm::RenameTeam: return "rename_team";
    case AdminForm::None: break;
    }
    return "none";
}

// The subject of a refusal: what the page itself named, or the quoted part of the server's line.
std::string ErrorArg(const ApiError& e) {
    if (e.status == 0) return e.message;
    const size_t a = e.message.find('\'');
    const size_t b = a == std::string::npos ? a : e.message.find('\'', a + 1);
    return b == std::string::npos ? std::string() : e.message.substr(a + 1, b - a - 1);
}

std::string ErrorText(const ViewContext& ctx, const ApiError& e) {
    char buf[320];
    const std::string arg = ErrorArg(e);
    auto with_arg = [&](Str fmt) {
        if (arg.empty() && e.status != 0) {  // the server's words when they name nothing
            std::snprintf(buf, sizeof buf, ctx.tr(Str::ErrServerFmt), e.message.c_str());
            return std::string(buf);
        }
        std::snprintf(buf, sizeof buf, ctx.tr(fmt), arg.c_str());
        return std::string(buf);
    };
    const std::string& c = e.code;
    if (c == "bad_name") return ctx.tr(Str::ErrBadName);
    if (c == "password_short") {
        std::snprintf(buf, sizeof buf, ctx.tr(Str::ErrPasswordShortFmt), int(kMinPasswordLength));
        return buf;
    }
    if (c == "password_long") {
        std::snprintf(buf, sizeof buf, ctx.tr(Str::ErrPasswordLongFmt), int(kMaxPasswordLength));
        return buf;
    }
    if (c == "password_mismatch") return ctx.tr(Str::ErrPasswordMismatch);
    if (c == "bad_role") return ctx.tr(Str::ErrBadRole);
    if (c == "lead_needs_team") return ctx.tr(Str::ErrLeadNeedsTeam);
    if (c == "teams_for_leads") return ctx.tr(Str::ErrTeamsForLeads);
    if (c == "unknown_team") return with_arg(Str::ErrUnknownTeamFmt);
    if (c == "name_taken") return with_arg(Str::ErrNameTakenFmt);
    if (c == "first_must_be_admin") return ctx.tr(Str::ErrFirstAdmin);
    if (c == "last_admin") return ctx.tr(Str::ErrLastAdmin);
    if (c == "own_account") return ctx.tr(Str::ErrOwnAccount);
    if (c == "wallboard_password") return ctx.tr(Str::ErrWallboardPassword);
    if (c == "wallboard_role") return ctx.tr(Str::ErrWallboardRole);
    if (c == "bad_team_key") return ctx.tr(Str::ErrBadTeamKey);
    if (c == "team_exists") return with_arg(Str::ErrTeamExistsFmt);
    if (c == "bad_team_name") return ctx.tr(Str::ErrBadTeamName);
    if (c == "names_from_config") return with_arg(Str::ErrNamesFromConfigFmt);
    if (c == "names_from_simulator") return with_arg(Str::ErrNamesFromSimulatorFmt);
    if (c == "no_such_user" || c == "no_such_team") return ctx.tr(Str::ErrGone);
    if (c == "forbidden") return ctx.tr(Str::ErrForbidden);
    if (c == "unreachable") return ctx.tr(Str::LoginUnreachable);
    std::snprintf(buf, sizeof buf, ctx.tr(Str::ErrServerFmt), e.message.c_str());
    return buf;
}

void Red(const ViewContext& ctx, const std::string& text, const std::string& report_id) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad)));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + kFieldWidth + 160);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ReportLastItem(ctx, report_id, text);
}

// Up/Down in a role field: the previous or next role.
int CycleRole(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag != ImGuiInputTextFlags_CallbackHistory) return 0;
    const std::string current = ParseRoleText(std::string_view(data->Buf, size_t(data->BufTextLen)));
    const int n = int(std::size(kRoleChips));
    int at = -1;
    for (int i = 0; i < n; ++i)
        if (current == kRoleChips[i].key) at = i;
    at = data->EventKey == ImGuiKey_UpArrow ? (at <= 0 ? n - 1 : at - 1) : (at + 1) % n;
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, kRoleChips[at].key);
    return 0;
}

struct Form {
    const ViewContext& ctx;
    AdminState& state;
    AdminForm form;
    bool submit = false;

    bool HasError(const char* field) const {
        return state.error_form == form && !state.error.code.empty() && state.error.field == field;
    }
    // A labelled text field; Enter submits the form. Reports admin.<form>.<field> (passwords
    // as one * per character) and its refusal as admin.<form>.<field>.error.
    void Field(Str label, const char* field, char* buffer, size_t size, ImGuiInputTextFlags flags = 0,
               ImGuiInputTextCallback callback = nullptr) {
        ImGui::TextUnformatted(ctx.tr(label));
        ImGui::SetNextItemWidth(kFieldWidth);
        if (state.focus_form == form && state.focus_field == field) {
            ImGui::SetKeyboardFocusHere();
            state.focus_form = AdminForm::None;
            state.focus_field.clear();
        }
        char id[64];
        std::snprintf(id, sizeof id, "##%s.%s", FormId(form), field);
        submit |= ImGui::InputText(id, buffer, size, flags | ImGuiInputTextFlags_EnterReturnsTrue, callback);
        const std::string report = std::string("admin.") + FormId(form) + "." + field;
        const bool secret = (flags & ImGuiInputTextFlags_Password) != 0;
        ReportLastItem(ctx, report, secret ? std::string(std::strlen(buffer), '*') : std::string(buffer));
        if (HasError(field)) Red(ctx, ErrorText(ctx, state.error), report + ".error");
    }
    // The form's refusal that names no field shown in it.
    void OtherError(std::initializer_list<const char*> fields) {
        if (state.error_form != form || state.error.code.empty()) return;
        for (const char* f : fields)
            if (state.error.field == f) return;
        Red(ctx, ErrorText(ctx, state.error), std::string("admin.") + FormId(form) + ".error");
    }
};

// Role names to click into a role field.
void RoleChips(const ViewContext& ctx, char* buffer, size_t size, const char* form) {
    for (const RoleChip& r : kRoleChips) {
        if (&r != kRoleChips) ImGui::SameLine(0, 4);
        char label[96];
        std::snprintf(label, sizeof label, "%s###%s.role.%s", ctx.tr(r.name), form, r.key);
        const bool chosen = ParseRoleText(buffer) == r.key;
        if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
        if (ImGui::SmallButton(label)) {
            std::memset(buffer, 0, size);
            std::strncpy(buffer, r.key, size - 1);
        }
        if (chosen) ImGui::PopStyleColor();
        ReportLastItem(ctx, std::string("admin.") + form + ".role." + r.key, ctx.tr(r.name));
    }
    ImGui::TextDisabled("%s", ctx.tr(Str::FieldRoleHint));
}

// Team keys to click into (or out of) a teams field.
void TeamChips(const ViewContext& ctx, const AdminState& state, char* buffer, size_t size, const char* form) {
    std::vector<std::string> chosen = ParseTeamsText(buffer);
    bool first = true;
    for (const AdminTeam& t : state.teams) {
        if (!first) ImGui::SameLine(0, 4);
        first = false;
        const auto it = std::find(chosen.begin(), chosen.end(), t.key);
        const bool on = it != chosen.end();
        char label[160];
        std::snprintf(label, sizeof label, "%s###%s.team.%s", t.key.c_str(), form, t.key.c_str());
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
        if (ImGui::SmallButton(label)) {
            if (on) chosen.erase(it);
            else chosen.push_back(t.key);
            std::string text;
            for (const std::string& k : chosen) text += (text.empty() ? "" : ", ") + k;
            std::memset(buffer, 0, size);
            std::strncpy(buffer, text.c_str(), size - 1);
        }
        if (on) ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s / %s", t.name_zh.c_str(), t.name_en.c_str());
        ReportLastItem(ctx, std::string("admin.") + form + ".team." + t.key, t.key);
    }
}

bool Button(const ViewContext& ctx, Str label, const char* report_id, bool enabled = true) {
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::Button(ctx.tr(label));
    ImGui::EndDisabled();
    ReportLastItem(ctx, report_id, ctx.tr(label));
    return pressed;
}

void Command(const ViewContext& ctx, AdminCommand c) { ctx.actions->push_back({UiAction::Kind::AdminCommand, int(c)}); }

std::string TeamsText(const std::vector<std::string>& teams) {
    std::string out;
    for (const std::string& t : teams) out += (out.empty() ? "" : ", ") + t;
    return out;
}

void UsersTable(const ViewContext& ctx, const AdminState& s) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    const float height = std::min(260.0f, ImGui::GetTextLineHeightWithSpacing() * float(s.users.size() + 2) + 8);
    if (!ImGui::BeginTable("admin.users", 5, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.tr(Str::ColName));
    ImGui::TableSetupColumn(ctx.tr(Str::ColRole));
    ImGui::TableSetupColumn(ctx.tr(Str::ColTeams));
    ImGui::TableSetupColumn(ctx.tr(Str::ColStatus));
    ImGui::TableSetupColumn(ctx.tr(Str::ColCreated));
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < s.users.size(); ++i) {
        const AdminUser& u = s.users[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        char label[128];
        std::snprintf(label, sizeof label, "%s###user.%s", u.name.c_str(), u.name.c_str());
        if (ImGui::Selectable(label, s.selected_user == u.name, ImGuiSelectableFlags_SpanAllColumns))
            ctx.actions->push_back({UiAction::Kind::AdminSelect, int(i)});
        ReportLastItem(ctx, "admin.user." + u.name, std::string(u.role) + (u.disabled ? " disabled" : ""));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(RoleName(ctx, u.role));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(TeamsText(u.teams).c_str());
        ImGui::TableNextColumn();
        if (u.disabled) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad)), "%s", ctx.tr(Str::StatusDisabled));
        else ImGui::TextUnformatted(ctx.tr(Str::StatusActive));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(u.created_ms ? FormatDateTime(u.created_ms, LocalOffsetMin(ctx.snapshot, u.created_ms)).c_str() : "-");
    }
    ImGui::EndTable();
}

void TeamsTable(const ViewContext& ctx, const AdminState& s) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    const float height = std::min(260.0f, ImGui::GetTextLineHeightWithSpacing() * float(s.teams.size() + 2) + 8);
    if (!ImGui::BeginTable("admin.teams", 6, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.tr(Str::ColKey));
    ImGui::TableSetupColumn(ctx.tr(Str::ColNameZh));
    ImGui::TableSetupColumn(ctx.tr(Str::ColNameEn));
    ImGui::TableSetupColumn(ctx.tr(Str::ColAgents));
    ImGui::TableSetupColumn(ctx.tr(Str::ColLeads));
    ImGui::TableSetupColumn(ctx.tr(Str::ColNamesFrom));
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < s.teams.size(); ++i) {
        const AdminTeam& t = s.teams[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        char label[128];
        std::snprintf(label, sizeof label, "%s###team.%s", t.key.c_str(), t.key.c_str());
        if (ImGui::Selectable(label, s.selected_team == t.key, ImGuiSelectableFlags_SpanAllColumns))
            ctx.actions->push_back({UiAction::Kind::AdminSelect, int(i)});
        ReportLastItem(ctx, "admin.team." + t.key, ctx.tr.lang == Lang::Zh ? t.name_zh : t.name_en);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(t.name_zh.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(t.name_en.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(t.agents));
        ReportLastItem(ctx, "admin.team." + t.key + ".agents", std::to_string(t.agents));
        ImGui::TableNextColumn();
        const std::string leads = t.leads.empty() ? "-" : TeamsText(t.leads);
        ImGui::TextUnformatted(leads.c_str());
        ReportLastItem(ctx, "admin.team." + t.key + ".leads", leads);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ctx.tr(t.names_from == "config"      ? Str::NamesFromConfig
                                      : t.names_from == "simulator" ? Str::NamesFromSimulator
                                                                    : Str::NamesFromCallboard));
    }
    ImGui::EndTable();
}

void NewUserForm(const ViewContext& ctx, AdminState& s) {
    AdminForms& f = s.forms;
    Form form{ctx, s, AdminForm::NewUser};
    ImGui::TextDisabled("%s", ctx.tr(Str::AdminNewUser));
    form.Field(Str::FieldName, "name", f.name, sizeof f.name);
    form.Field(Str::FieldRole, "role", f.role, sizeof f.role, ImGuiInputTextFlags_CallbackHistory, CycleRole);
    RoleChips(ctx, f.role, sizeof f.role, "new_user");
    const std::string role = ParseRoleText(f.role);
    if (role == "lead" || f.teams[0]) {
        form.Field(Str::FieldTeams, "teams", f.teams, sizeof f.teams);
        TeamChips(ctx, s, f.teams, sizeof f.teams, "new_user");
    }
    if (role == "wallboard") {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + kFieldWidth + 100);
        ImGui::TextDisabled("%s", ctx.tr(Str::AdminWallboardNote));
        ImGui::PopTextWrapPos();
    } else {
        form.Field(Str::FieldPassword, "password", f.password, sizeof f.password, ImGuiInputTextFlags_Password);
        form.Field(Str::FieldRepeat, "repeat", f.repeat, sizeof f.repeat, ImGuiInputTextFlags_Password);
    }
    form.OtherError({"name", "role", "teams", "password", "repeat"});
    if (Button(ctx, Str::AdminCreateUser, "admin.create_user") || form.submit) Command(ctx, AdminCommand::CreateUser);
}

void EditUserForm(const ViewContext& ctx, AdminState& s) {
    const AdminUser* user = nullptr;
    for (const AdminUser& u : s.users)
        if (u.name == s.selected_user) user = &u;
    if (!user) {
        ImGui::TextDisabled("%s", ctx.tr(Str::AdminPickUser));
        return;
    }
    AdminForms& f = s.forms;
    char title[160];
    std::snprintf(title, sizeof title, ctx.tr(Str::AdminUserFmt), user->name.c_str());
    ImGui::TextDisabled("%s", title);
    ReportLastItem(ctx, "admin.edit_user.title", title);
    Form edit{ctx, s, AdminForm::EditUser};
    if (user->role != "wallboard") {
        edit.Field(Str::FieldRole, "role", f.edit_role, sizeof f.edit_role, ImGuiInputTextFlags_CallbackHistory, CycleRole);
        RoleChips(ctx, f.edit_role, sizeof f.edit_role, "edit_user");
        if (ParseRoleText(f.edit_role) == "lead" || f.edit_teams[0]) {
            edit.Field(Str::FieldTeams, "teams", f.edit_teams, sizeof f.edit_teams);
            TeamChips(ctx, s, f.edit_teams, sizeof f.edit_teams, "edit_user");
        }
        edit.OtherError({"role", "teams"});
        if (Button(ctx, Str::AdminSaveUser, "admin.save_user") || edit.submit) Command(ctx, AdminCommand::SaveUser);

        ImGui::Dummy(ImVec2(0, 6));
        Form pw{ctx, s, AdminForm::Password};
        pw.Field(Str::AdminNewPassword, "password", f.edit_password, sizeof f.edit_password, ImGuiInputTextFlags_Password);
        pw.Field(Str::FieldRepeat, "repeat", f.edit_repeat, sizeof f.edit_repeat, ImGuiInputTextFlags_Password);
        pw.OtherError({"password", "repeat"});
        if (Button(ctx, Str::AdminSetPassword, "admin.set_password") || pw.submit) Command(ctx, AdminCommand::ResetPassword);
    } else {
        edit.OtherError({});
    }
    ImGui::Dummy(ImVec2(0, 6));
    if (Button(ctx, user->disabled ? Str::AdminEnable : Str::AdminDisable, "admin.toggle_disabled"))
        Command(ctx, AdminCommand::ToggleDisabled);
    ImGui::SameLine();
    if (Button(ctx, Str::AdminDelete, "admin.delete_user")) Command(ctx, AdminCommand::DeleteUser);
    if (s.confirm_delete) {
        ImGui::SameLine();
        if (Button(ctx, Str::AdminCancel, "admin.cancel_delete")) Command(ctx, AdminCommand::CancelDelete);
        char confirm[200];
        std::snprintf(confirm, sizeof confirm, ctx.tr(Str::AdminDeleteConfirmFmt), user->name.c_str());
        Red(ctx, confirm, "admin.delete_confirm");
    }
}

void NewTeamForm(const ViewContext& ctx, AdminState& s) {
    AdminForms& f = s.forms;
    Form form{ctx, s, AdminForm::NewTeam};
    ImGui::TextDisabled("%s", ctx.tr(Str::AdminNewTeam));
    form.Field(Str::FieldKey, "key", f.team_key, sizeof f.team_key);
    form.Field(Str::FieldNameZh, "name_zh", f.team_zh, sizeof f.team_zh);
    form.Field(Str::FieldNameEn, "name_en", f.team_en, sizeof f.team_en);
    form.OtherError({"key", "name_zh", "name_en"});
    if (Button(ctx, Str::AdminCreateTeam, "admin.create_team") || form.submit) Command(ctx, AdminCommand::CreateTeam);
}

void RenameTeamForm(const ViewContext& ctx, AdminState& s) {
    const AdminTeam* team = nullptr;
    for (const AdminTeam& t : s.teams)
        if (t.key == s.selected_team) team = &t;
    if (!team) {
        ImGui::TextDisabled("%s", ctx.tr(Str::AdminPickTeam));
        return;
    }
    AdminForms& f = s.forms;
    char title[160];
    std::snprintf(title, sizeof title, ctx.tr(Str::AdminTeamFmt), team->key.c_str());
    ImGui::TextDisabled("%s", title);
    ReportLastItem(ctx, "admin.rename_team.title", title);
    Form form{ctx, s, AdminForm::RenameTeam};
    const bool fixed = team->names_from == "config" || team->names_from == "simulator";
    if (fixed) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + kFieldWidth + 100);
        ApiError why{0, team->names_from == "config" ? "names_from_config" : "names_from_simulator", "", team->key};
        ImGui::TextDisabled("%s", ErrorText(ctx, why).c_str());
        ReportLastItem(ctx, "admin.rename_team.fixed", ErrorText(ctx, why));
        ImGui::PopTextWrapPos();
        return;
    }
    form.Field(Str::FieldNameZh, "name_zh", f.rename_zh, sizeof f.rename_zh);
    form.Field(Str::FieldNameEn, "name_en", f.rename_en, sizeof f.rename_en);
    form.OtherError({"name_zh", "name_en"});
    if (Button(ctx, Str::AdminRename, "admin.rename_team") || form.submit) Command(ctx, AdminCommand::RenameTeam);
}

const char* NoticeFormat(const ViewContext& ctx, const std::string& notice) {
    if (notice == "user_added") return ctx.tr(Str::NoticeUserAdded);
    if (notice == "user_saved") return ctx.tr(Str::NoticeUserSaved);
    if (notice == "password_set") return ctx.tr(Str::NoticePasswordSet);
    if (notice == "user_disabled") return ctx.tr(Str::NoticeUserDisabled);
    if (notice == "user_enabled") return ctx.tr(Str::NoticeUserEnabled);
    if (notice == "user_deleted") return ctx.tr(Str::NoticeUserDeleted);
    if (notice == "team_added") return ctx.tr(Str::NoticeTeamAdded);
    if (notice == "team_renamed") return ctx.tr(Str::NoticeTeamRenamed);
    return "%s";
}

}  // namespace

void DrawAdmin(const ViewContext& ctx, const Fonts& fonts) {
    if (!ctx.admin) return;
    AdminState& s = *ctx.admin;
    ImGui::TextUnformatted(ctx.tr(Str::AdminTitle));
    ReportLastItem(ctx, "admin.title", ctx.tr(Str::AdminTitle));
    ImGui::SameLine(0, 24);
    struct SectionDef { AdminSection section; Str label; AdminCommand command; const char* id; };
    static constexpr SectionDef kSections[] = {{AdminSection::Users, Str::AdminUsers, AdminCommand::ShowUsers, "admin.tab.users"},
                                               {AdminSection::Teams, Str::AdminTeams, AdminCommand::ShowTeams, "admin.tab.teams"}};
    for (const SectionDef& d : kSections) {
        if (&d != kSections) ImGui::SameLine();
        const bool active = s.section == d.section;
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_TabActive]);
        if (ImGui::Button(ctx.tr(d.label))) Command(ctx, d.command);
        if (active) ImGui::PopStyleColor();
        ReportLastItem(ctx, d.id, ctx.tr(d.label));
    }
    ImGui::SameLine(0, 24);
    if (Button(ctx, Str::AdminRefresh, "admin.refresh")) Command(ctx, AdminCommand::Refresh);
    ImGui::SameLine();
    if (Button(ctx, Str::SettingsClose, "admin.close")) ctx.actions->push_back({UiAction::Kind::OpenAdmin, 0});
    if (s.pending > 0) {
        ImGui::SameLine(0, 16);
        ImGui::TextDisabled("%s", ctx.tr(Str::AdminLoading));
    }

    if (!s.load_error.code.empty() || !s.load_error.message.empty()) {
        char buf[320];
        std::snprintf(buf, sizeof buf, ctx.tr(Str::AdminLoadFailedFmt), ErrorText(ctx, s.load_error).c_str());
        Red(ctx, buf, "admin.load_error");
    }
    if (!s.notice.empty()) {
        char buf[240];
        std::snprintf(buf, sizeof buf, NoticeFormat(ctx, s.notice), s.notice_arg.c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Good)));
        ImGui::TextUnformatted(buf);
        ImGui::PopStyleColor();
        ReportLastItem(ctx, "admin.notice", buf);
    }
    if (!s.kiosk_token.empty()) {
        char buf[240];
        std::snprintf(buf, sizeof buf, ctx.tr(Str::AdminKioskFmt), s.kiosk_user.c_str());
        ImGui::TextUnformatted(buf);
        // Read-only text field: the token can be selected and copied.
        ImGui::SetNextItemWidth(560);
        ImGui::InputText("##admin.kiosk_token", s.kiosk_token.data(), s.kiosk_token.size() + 1, ImGuiInputTextFlags_ReadOnly);
        ReportLastItem(ctx, "admin.kiosk_token", s.kiosk_token);
        ImGui::SameLine();
        if (Button(ctx, Str::AdminKioskDone, "admin.kiosk_done")) Command(ctx, AdminCommand::DismissKiosk);
    }
    ImGui::Separator();

    const bool users = s.section == AdminSection::Users;
    if ((users && !s.users_loaded) || (!users && !s.teams_loaded)) {
        ImGui::TextDisabled("%s", ctx.tr(Str::AdminLoading));
        return;
    }
    if (users && s.users.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Warning)));
        ImGui::TextWrapped("%s", ctx.tr(Str::AdminNoAccounts));
        ImGui::PopStyleColor();
        ReportLastItem(ctx, "admin.no_accounts", ctx.tr(Str::AdminNoAccounts));
    } else if (users) {
        UsersTable(ctx, s);
    } else {
        TeamsTable(ctx, s);
    }
    ImGui::Dummy(ImVec2(0, 6));
    if (ImGui::BeginTable("admin.forms", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (users) NewUserForm(ctx, s);
        else NewTeamForm(ctx, s);
        ImGui::TableNextColumn();
        if (users) EditUserForm(ctx, s);
        else RenameTeamForm(ctx, s);
        ImGui::EndTable();
    }
    (void)fonts;
}

}  // namespace cb
