// The trainer's controls over the simulation, under the header: scenario, pause and resume,
// restart, jumps of the simulated clock (+15 min, +1 h, to a time of day) and the speed. Shown
// when UiState::demo_controls (an in-process demo, or the server's demo for a session that may
// run it); the controller carries the commands out (UiAction::ControlDemo).
#include <algorithm>
#include <cstdio>
#include <string>
#include <imgui.h>
#include "views.h"

namespace cb {
namespace {

void Push(const ViewContext& ctx, DemoCommand::Kind kind, int64_t value = 0) {
    UiAction a{UiAction::Kind::ControlDemo, 0};
    a.demo = DemoCommand{kind, value};
    ctx.actions->push_back(a);
}

const char* NoticeText(const ViewContext& ctx, const DemoForm& form, char* buf, size_t size) {
    switch (form.notice) {
    case DemoNotice::None: return nullptr;
    case DemoNotice::BadTime: return ctx.tr(Str::DemoBadTime);
    case DemoNotice::NotAllowed: return ctx.tr(Str::DemoNotAllowed);
    case DemoNotice::RealData: return ctx.tr(Str::DemoRealData);
    case DemoNotice::Unreachable: return ctx.tr(Str::LoginUnreachable);
    case DemoNotice::Failed: std::snprintf(buf, size, ctx.tr(Str::DemoFailedFmt), form.notice_status); return buf;
    }
    return nullptr;
}

}  // namespace

void DrawDemoControls(const ViewContext& ctx) {
    if (!ctx.ui.demo_controls || !ctx.demo_form) return;
    const Snapshot& s = ctx.snapshot;
    DemoForm& form = *ctx.demo_form;
    Scenario current = Scenario::NormalDay;
    const bool known = s.source.rfind("demo:", 0) == 0 && ParseScenario(std::string_view(s.source).substr(5), &current);
    char label[128];

    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", ctx.tr(Str::DemoControls));
    ReportLastItem(ctx, "demo.controls", ctx.tr(Str::DemoControls));
    ImGui::SameLine();
    float widest = 0;
    for (int i = 0; i < int(Scenario::kCount); ++i) widest = std::max(widest, ImGui::CalcTextSize(ctx.tr.Scenario(i)).x);
    ImGui::SetNextItemWidth(widest + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2);
    std::snprintf(label, sizeof label, "##demo.scenario");
    if (ImGui::BeginCombo(label, known ? ctx.tr.Scenario(int(current)) : "-")) {
        for (int i = 0; i < int(Scenario::kCount); ++i) {
            std::snprintf(label, sizeof label, "%s###scenario%d", ctx.tr.Scenario(i), i);
            if (ImGui::Selectable(label, known && int(current) == i)) Push(ctx, DemoCommand::Kind::Scenario, i);
            ReportLastItem(ctx, "demo.scenario." + std::string(ScenarioName(static_cast<Scenario>(i))), ctx.tr.Scenario(i));
        }
        ImGui::EndCombo();
    }
    ReportLastItem(ctx, "demo.scenario", known ? std::string(ScenarioName(current)) : std::string());

    ImGui::SameLine(0, 16);
    const bool paused = s.demo.paused;
    std::snprintf(label, sizeof label, "%s###demo.pause", ctx.tr(paused ? Str::DemoResume : Str::DemoPause));
    if (ImGui::Button(label)) Push(ctx, paused ? DemoCommand::Kind::Resume : DemoCommand::Kind::Pause);
    ReportLastItem(ctx, "demo.pause", ctx.tr(paused ? Str::DemoResume : Str::DemoPause));
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr(Str::DemoRestart))) Push(ctx, DemoCommand::Kind::Restart);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr(Str::DemoRestartHelp));
    ReportLastItem(ctx, "demo.restart", ctx.tr(Str::DemoRestart));

    ImGui::SameLine(0, 16);
    if (ImGui::Button(ctx.tr(Str::DemoJump15))) Push(ctx, DemoCommand::Kind::JumpBy, 15);
    ReportLastItem(ctx, "demo.jump.15", ctx.tr(Str::DemoJump15));
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr(Str::DemoJump60))) Push(ctx, DemoCommand::Kind::JumpBy, 60);
    ReportLastItem(ctx, "demo.jump.60", ctx.tr(Str::DemoJump60));
    ImGui::SameLine(0, 12);
    ImGui::TextUnformatted(ctx.tr(Str::DemoJumpTo));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("00:00").x + ImGui::GetStyle().FramePadding.x * 2 + 4);
    const bool enter = ImGui::InputText("##demo.time", form.time, sizeof form.time,
                                        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsNoBlank);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr(Str::DemoJumpToHelp));
    ReportLastItem(ctx, "demo.jump_to.time", form.time);
    ImGui::SameLine();
    std::snprintf(label, sizeof label, "%s###demo.jump_to", ctx.tr(Str::DemoGo));
    if (ImGui::Button(label) || enter) {
        int minutes = -1;
        if (!ParseTimeOfDay(form.time, &minutes)) minutes = -1;  // refused by the controller, which says why
        Push(ctx, DemoCommand::Kind::JumpTo, minutes);
    }
    ReportLastItem(ctx, "demo.jump_to", ctx.tr(Str::DemoGo));

    ImGui::SameLine(0, 16);
    ImGui::TextDisabled("%s", ctx.tr(Str::Speed));
    for (int speed : {1, 10, 60}) {
        ImGui::SameLine();
        std::snprintf(label, sizeof label, "x%d", speed);
        if (ImGui::RadioButton(label, s.demo.speed == speed)) Push(ctx, DemoCommand::Kind::Speed, speed);
        ReportLastItem(ctx, "speed." + std::to_string(speed), label);
    }
    if (paused) {
        ImGui::SameLine(0, 16);
        ImGui::PushStyleColor(ImGuiCol_Text, HealthColor(Health::Warning));
        ImGui::TextUnformatted(ctx.tr(Str::DemoPaused));
        ImGui::PopStyleColor();
    }
    ReportLastItem(ctx, "demo.state", paused ? "paused" : "running");
    char buf[160];
    if (const char* notice = NoticeText(ctx, form, buf, sizeof buf)) {
        ImGui::SameLine(0, 16);
        ImGui::PushStyleColor(ImGuiCol_Text, HealthColor(Health::Bad));
        ImGui::TextUnformatted(notice);
        ImGui::PopStyleColor();
        ReportLastItem(ctx, "demo.notice", notice);
    }
}

}  // namespace cb
