// The administration page's controller (admin_state.h, docs/views.md "Administration"): turns
// the page's commands into API requests (checked first with the same rules as the server,
// core/account_rules.h, so most mistakes show at once next to their field and no password
// leaves for nothing), and the answers into the lists, a notice, or a refusal by its field.
#pragma once
#include "api_tags.h"
#include <functional>
#include <string>
#include <string_view>
#include <vector>
#include "admin_state.h"
#include "client/transport.h"

namespace cb {

class AdminController {
public:
    // Tags of its requests (ApiRequest::tag): [kFirstTag, kLastTag].
    static constexpr int kFirstTag = api_tags::kAdmin.first, kLastTag = api_tags::kAdmin.last;
    static bool OwnsTag(int tag) { return tag >= kFirstTag && tag <= kLastTag; }

    using Send = std::function<void(ApiRequest)>;
    explicit AdminController(Send send) : m_send(std::move(send)) {}

    AdminState& state() { return m_state; }
    const AdminState& state() const { return m_state; }

    void Open();                       // the page opens: fetch both lists
    void Command(AdminCommand command);
    void Select(int row);              // a row of the section shown: fills its form
    void OnAnswer(const TransportMessage& answer);
    void Clear();                      // signed out: forget everything, passwords wiped first

private:
    void Fetch();
    void Request(int tag, std::string method, std::string path, std::string body = {});
    void Refuse(AdminForm form, std::string field, std::string code, std::string message = {});
    void Done(std::string notice, std::string arg);
    void CreateUser();
    void SaveUser();
    void ResetPassword();
    void ToggleDisabled();
    void DeleteUser();
    void CreateTeam();
    void RenameTeam();
    const AdminUser* SelectedUser() const;
    const AdminTeam* SelectedTeam() const;
    // Checks a role and a teams text for a user; fills *role (the API's key) and *teams.
    bool CheckRoleAndTeams(AdminForm form, const char* role_text, const char* teams_text, std::string* role,
                           std::vector<std::string>* teams);

    Send m_send;
    AdminState m_state;
};

// The API's role key for what was typed: a key ("lead") or a role's name in either language
// ("Team lead", "组长"), any case; "" when none matches.
std::string ParseRoleText(std::string_view text);
// Team keys typed as "a, b" (commas, Chinese commas or spaces between), in order, no repeats.
std::vector<std::string> ParseTeamsText(std::string_view text);

}  // namespace cb
