// The scheduled reports' download list (views.h DrawReportFiles, docs/reports.md "Scheduled
// reports"): one row per PDF the server wrote, newest first: the period, the kind, the
// language, the schedule, when it was written, its size, whether it was mailed, and Download.
#include <cstdio>
#include <iterator>
#include <imgui.h>
#include "format.h"
#include "views.h"

namespace cb {

namespace {

Str KindLabel(const std::string& kind) {
    return kind == "weekly" ? Str::RepWeekly : kind == "monthly" ? Str::RepMonthly : Str::RepDaily;
}

std::string MailText(const ViewContext& ctx, const std::string& mail) {
    char buf[96];
    int n = 0;
    if (std::sscanf(mail.c_str(), "sent to %d", &n) == 1) {
        std::snprintf(buf, sizeof buf, ctx.tr(Str::RfMailSentFmt), n);
        return buf;
    }
    if (mail.rfind("failed", 0) == 0) return ctx.tr(Str::RfMailFailed);
    return ctx.tr(Str::RfNoMail);
}

}  // namespace

bool MayDownloadReports(const ViewContext& ctx) {
    if (!ctx.report_files || !ctx.session) return false;
    const SessionPhase phase = ctx.session->phase();
    return phase == SessionPhase::Local || (phase == SessionPhase::SignedIn && ctx.session->info().role != "wallboard");
}

void DrawReportFiles(const ViewContext& ctx, const Fonts& fonts) {
    const ReportFilesState& s = *ctx.report_files;
    ImGui::PushFont(fonts.large);
    ImGui::TextUnformatted(ctx.tr(Str::RfTitle));
    ImGui::PopFont();
    ReportLastItem(ctx, "files.title", ctx.tr(Str::RfTitle));
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(ctx.tr(Str::SettingsClose)).x -
                    ImGui::CalcTextSize(ctx.tr(Str::RfRefresh)).x - ImGui::GetStyle().FramePadding.x * 4 -
                    ImGui::GetStyle().ItemSpacing.x);
    ImGui::BeginDisabled(s.loading);
    if (ImGui::Button(ctx.tr(Str::RfRefresh))) ctx.actions->push_back({UiAction::Kind::ReportFilesRefresh, 0});
    ImGui::EndDisabled();
    ReportLastItem(ctx, "files.refresh", ctx.tr(Str::RfRefresh));
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr(Str::SettingsClose))) ctx.actions->push_back({UiAction::Kind::OpenReportFiles, 0});
    ReportLastItem(ctx, "files.close", ctx.tr(Str::SettingsClose));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", ctx.tr(Str::RfHelp));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();

    const ImVec4 bad = ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad));
    char line[512];
    if (s.unreachable) {
        ImGui::TextColored(bad, "%s", ctx.tr(Str::RfUnreachable));
        ReportLastItem(ctx, "files.error", ctx.tr(Str::RfUnreachable));
    } else if (!s.error.message.empty()) {
        ImGui::TextColored(bad, "%s", s.error.message.c_str());
        ReportLastItem(ctx, "files.error", s.error.message);
    }
    if (!s.saved_to.empty()) {
        std::snprintf(line, sizeof line, ctx.tr(Str::RfSavedFmt), s.saved_to.c_str());
        ImGui::TextUnformatted(line);
        ReportLastItem(ctx, "files.saved", line);
    } else if (!s.save_failed.empty()) {
        std::snprintf(line, sizeof line, ctx.tr(Str::RfSaveFailedFmt), s.save_failed.c_str());
        ImGui::TextColored(bad, "%s", line);
        ReportLastItem(ctx, "files.saved", line);
    }
    if (s.loading && !s.loaded) {
        ImGui::TextDisabled("%s", ctx.tr(Str::RfLoading));
        return;
    }
    if (s.loaded && s.files.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::RfNone));
        ReportLastItem(ctx, "files.none", ctx.tr(Str::RfNone));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("files.table", 8, flags)) return;
    const Str headers[] = {Str::RepPeriod, Str::RfKind, Str::RfLanguage, Str::RfSchedule, Str::RfWritten, Str::RfSize, Str::RfMail};
    const float widths[] = {2.0f, 0.8f, 0.8f, 1.6f, 1.4f, 0.7f, 1.0f};
    for (size_t i = 0; i < std::size(headers); ++i) ImGui::TableSetupColumn(ctx.tr(headers[i]), ImGuiTableColumnFlags_WidthStretch, widths[i]);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    const int32_t offset = ctx.snapshot.tz_offset_min;
    for (size_t i = 0; i < s.files.size(); ++i) {
        const ReportFileEntry& f = s.files[i];
        ImGui::TableNextRow();
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextColumn();
        const std::string period = f.from == f.to ? f.from : f.from + " – " + f.to;
        ImGui::TextUnformatted(period.c_str());
        ReportLastItem(ctx, "files.row." + std::to_string(i) + ".period", period);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.file.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ctx.tr(KindLabel(f.kind)));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ctx.tr(f.lang == "en" ? Str::RfLangEn : Str::RfLangZh));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(f.schedule.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(FormatDateTime(f.created_ms, offset).c_str());
        ImGui::TableNextColumn();
        std::snprintf(line, sizeof line, ctx.tr(Str::RfKbFmt), static_cast<double>(f.bytes) / 1024.0);
        ImGui::TextUnformatted(line);
        ImGui::TableNextColumn();
        const std::string mail = MailText(ctx, f.mail);
        if (f.mail.rfind("failed", 0) == 0) {
            ImGui::TextColored(bad, "%s", mail.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.mail.c_str());
        } else {
            ImGui::TextUnformatted(mail.c_str());
        }
        ImGui::TableNextColumn();
        if (ImGui::SmallButton(ctx.tr(Str::RfDownload))) ctx.actions->push_back({UiAction::Kind::ReportFileDownload, static_cast<int>(i)});
        ReportLastItem(ctx, "files.row." + std::to_string(i) + ".download", f.file);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace cb
