// The login screen: shown in accounts mode before any data, and again after signing out or
// when the session ends. The fields live in the controller's LoginForm.
#include <cstdio>
#include <cstring>
#include <imgui.h>
#include "views.h"

namespace cb {
namespace {

// The reason shown under the form, in the user's language ("" when there is none).
std::string NoticeText(const ViewContext& ctx, const ClientSession& session) {
    char buf[160];
    switch (session.notice()) {
    case SessionNotice::None: return "";
    case SessionNotice::WrongCredentials: return ctx.tr(Str::LoginWrong);
    case SessionNotice::TooManyAttempts: {
        const int left = session.RetryAfterLeftS(ctx.wall_now_ms);
        if (left <= 0) return "";
        std::snprintf(buf, sizeof buf, ctx.tr(Str::LoginTooManyFmt), left);
        return buf;
    }
    case SessionNotice::Unreachable: return ctx.tr(Str::LoginUnreachable);
    case SessionNotice::Expired: return ctx.tr(Str::LoginExpired);
    case SessionNotice::KioskRejected: return ctx.tr(Str::LoginKioskRejected);
    case SessionNotice::ServerError:
        std::snprintf(buf, sizeof buf, ctx.tr(Str::LoginServerErrorFmt), session.notice_status());
        return buf;
    case SessionNotice::EmptyFields: return ctx.tr(Str::LoginEmptyFields);
    }
    return "";
}

}  // namespace

const char* RoleName(const ViewContext& ctx, const std::string& role) {
    struct RoleDef { const char* key; Str name; };
    static constexpr RoleDef kRoles[] = {{"admin", Str::RoleAdmin},     {"manager", Str::RoleManager},
                                         {"lead", Str::RoleLead},       {"qa", Str::RoleQa},
                                         {"trainer", Str::RoleTrainer}, {"wallboard", Str::RoleWallboard}};
    for (const RoleDef& r : kRoles)
        if (role == r.key) return ctx.tr(r.name);
    return role.c_str();
}

void DrawLogin(const ViewContext& ctx, const Fonts& fonts) {
    if (!ctx.session || !ctx.login) return;
    const ClientSession& session = *ctx.session;
    LoginForm& form = *ctx.login;
    const bool busy = session.phase() == SessionPhase::SigningIn;
    const bool waiting = session.RetryAfterLeftS(ctx.wall_now_ms) > 0;

    const float width = 360.0f;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float left = ImGui::GetCursorPosX() + (avail.x > width ? (avail.x - width) * 0.5f : 0.0f);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (avail.y > 420 ? avail.y * 0.25f : 8.0f));

    if (fonts.large) ImGui::PushFont(fonts.large);
    ImGui::SetCursorPosX(left);
    ImGui::TextUnformatted(ctx.tr(Str::LoginTitle));
    ReportLastItem(ctx, "login.title", ctx.tr(Str::LoginTitle));
    if (fonts.large) ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, 8));

    if (session.kiosk() && busy) {  // a wallboard link signs in by itself: no form to fill
        ImGui::SetCursorPosX(left);
        ImGui::TextUnformatted(ctx.tr(Str::LoginSigningIn));
        ReportLastItem(ctx, "login.status", ctx.tr(Str::LoginSigningIn));
        return;
    }

    bool submit = false;
    const ImGuiInputTextFlags enter = ImGuiInputTextFlags_EnterReturnsTrue;
    ImGui::BeginDisabled(busy);
    ImGui::SetCursorPosX(left);
    ImGui::TextUnformatted(ctx.tr(Str::LoginUser));
    ImGui::SetCursorPosX(left);
    ImGui::SetNextItemWidth(width);
    if (form.focus_user) {
        ImGui::SetKeyboardFocusHere();
        form.focus_user = false;
    }
    submit |= ImGui::InputText("##login.user", form.user, sizeof form.user, enter);
    ReportLastItem(ctx, "login.user", form.user);

    ImGui::SetCursorPosX(left);
    ImGui::TextUnformatted(ctx.tr(Str::LoginPassword));
    ImGui::SetCursorPosX(left);
    ImGui::SetNextItemWidth(width);
    submit |= ImGui::InputText("##login.password", form.password, sizeof form.password,
                               enter | ImGuiInputTextFlags_Password);
    // Never publish the password: only as many stars as it has characters.
    ReportLastItem(ctx, "login.password", std::string(std::strlen(form.password), '*'));
    ImGui::EndDisabled();

    ImGui::Dummy(ImVec2(0, 4));
    ImGui::SetCursorPosX(left);
    ImGui::BeginDisabled(busy || waiting);
    const char* label = busy ? ctx.tr(Str::LoginSigningIn) : ctx.tr(Str::LoginSubmit);
    char button[96];
    std::snprintf(button, sizeof button, "%s###login.submit", label);
    submit |= ImGui::Button(button, ImVec2(width, 0));
    ImGui::EndDisabled();
    ReportLastItem(ctx, "login.submit", label);
    if (submit && !busy && !waiting) ctx.actions->push_back({UiAction::Kind::SignIn, 0});

    const std::string notice = NoticeText(ctx, session);
    if (!notice.empty()) {
        ImGui::Dummy(ImVec2(0, 4));
        ImGui::SetCursorPosX(left);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad)));
        ImGui::PushTextWrapPos(left + width);
        ImGui::TextUnformatted(notice.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ReportLastItem(ctx, "login.error", notice);
    }
}

}  // namespace cb
