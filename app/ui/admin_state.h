// The administration page's state (view_admin.cpp draws it, AdminController changes it): the
// accounts and teams as the server listed them, the forms (edited in place by the view, like
// the login form; kept across stream reconnects), the last refusal next to its field, and
// what the last change did.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "client/admin_api.h"

namespace cb {

enum class AdminSection : uint8_t { Users, Teams };
enum class AdminForm : uint8_t { None, NewUser, EditUser, Password, NewTeam, RenameTeam };
// What a button (or Enter in a form's field) asks for: UiAction::Kind::AdminCommand's value.
enum class AdminCommand : int {
    ShowUsers, ShowTeams, Refresh,
    CreateUser, SaveUser, ResetPassword, ToggleDisabled, DeleteUser, CancelDelete,
    CreateTeam, RenameTeam, DismissKiosk
};

// Text fields as the view's inputs write them. Passwords are wiped once sent.
struct AdminForms {
    char name[72] = {};          // new user
    char role[48] = {};
    char teams[256] = {};
    char password[512] = {};
    char repeat[512] = {};
    char edit_role[48] = {};     // the selected user
    char edit_teams[256] = {};
    char edit_password[512] = {};
    char edit_repeat[512] = {};
    char team_key[72] = {};      // new team
    char team_zh[256] = {};
    char team_en[256] = {};
    char rename_zh[256] = {};    // the selected team
    char rename_en[256] = {};
};

struct AdminState {
    AdminSection section = AdminSection::Users;
    std::vector<AdminUser> users;
    std::vector<AdminTeam> teams;
    bool users_loaded = false;
    bool teams_loaded = false;
    ApiError load_error;                      // a list could not be read (code empty = fine)
    int pending = 0;                          // requests on their way
    std::string selected_user;                // the edit form's user ("" = none)
    std::string selected_team;                // the rename form's team
    bool confirm_delete = false;              // "Delete" was pressed once: press again to delete
    AdminForms forms;
    AdminForm error_form = AdminForm::None;   // the form the last refusal belongs to
    ApiError error;                           // its field, code and message
    AdminForm focus_form = AdminForm::None;   // the next frame puts the keyboard focus on ...
    std::string focus_field;                  // ... this field of that form
    std::string notice;                       // what the last change did (a code the view translates) ...
    std::string notice_arg;                   // ... and to whom
    std::string kiosk_user;                   // a new wallboard account ...
    std::string kiosk_token;                  // ... and its sign-in token, shown once
};

}  // namespace cb
