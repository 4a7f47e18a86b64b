// The scheduled reports' page (views.h DrawReportFiles, docs/reports.md "Scheduled reports"):
// the schedules (when each runs, its scope, format, language and recipients; New, Edit, Enable /
// Disable and Delete for the roles the server allows, with each mistake beside its field), then
// one row per file the server wrote, newest first: the period, the kind, the language, the
// schedule, when it was written, its size, its mail (sent, retrying at HH:MM, failed after N
// attempts; hovering lists every attempt) and Download.
#include <algorithm>
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

std::string MailText(const ViewContext& ctx, const ReportFileEntry& f) {
    char buf[128];
    int n = 0;
    switch (MailStatusOf(f)) {
    case MailStatus::Sent:
        if (std::sscanf(f.mail.c_str(), "sent to %d", &n) != 1) n = 0;
        std::snprintf(buf, sizeof buf, ctx.tr(Str::RfMailSentFmt), n);
        return buf;
    case MailStatus::Retrying:
        std::snprintf(buf, sizeof buf, ctx.tr(Str::RfMailRetryingFmt), FormatClock(f.mail_next_ms, ctx.snapshot.tz_offset_min, false).c_str());
        return buf;
    case MailStatus::Failed:
        if (f.mail_attempts <= 0) return ctx.tr(Str::RfMailFailed);
        std::snprintf(buf, sizeof buf, ctx.tr(Str::RfMailFailedFmt), f.mail_attempts);
        return buf;
    case MailStatus::None: break;
    }
    return ctx.tr(Str::RfNoMail);
}

// Every attempt with its time and the relay's answer.
std::string MailLog(const ViewContext& ctx, const ReportFileEntry& f) {
    std::string out;
    char buf[640];
    for (const ReportFileEntry::Attempt& a : f.mail_log) {
        std::snprintf(buf, sizeof buf, ctx.tr(Str::RfAttemptFmt), a.attempt, FormatDateTime(a.t_ms, ctx.snapshot.tz_offset_min).c_str(),
                      a.error.empty() ? ctx.tr(Str::RfAttemptSent) : a.error.c_str());
        out += (out.empty() ? "" : "\n") + std::string(buf);
    }
    return out.empty() ? f.mail : out;
}

// A section's heading over a line (ImGui 1.86 has no SeparatorText).
void Heading(const char* text) {
    ImGui::Spacing();
    ImGui::TextUnformatted(text);
    ImGui::Separator();
}

constexpr Str kWeekdays[] = {Str::RepMon, Str::RepTue, Str::RepWed, Str::RepThu, Str::RepFri, Str::RepSat, Str::RepSun};

std::string RunsText(const ViewContext& ctx, const ScheduleSpec& s) {
    char buf[160];
    const std::string at = FormatScheduleAt(s.at_min);
    if (s.kind == "weekly")
        std::snprintf(buf, sizeof buf, ctx.tr(Str::RfWeeklyAtFmt), ctx.tr(kWeekdays[std::clamp(s.first_weekday, 0, 6)]), at.c_str());
    else if (s.kind == "monthly") std::snprintf(buf, sizeof buf, ctx.tr(Str::RfMonthlyAtFmt), s.day_of_month, at.c_str());
    else std::snprintf(buf, sizeof buf, ctx.tr(Str::RfDailyAtFmt), at.c_str());
    return buf;
}

std::string ScopeText(const ViewContext& ctx, const ScheduleSpec& s) {
    char buf[160];
    if (!s.queue.empty()) std::snprintf(buf, sizeof buf, ctx.tr(Str::RfScopeQueueFmt), s.queue.c_str());
    else if (!s.team.empty()) std::snprintf(buf, sizeof buf, ctx.tr(Str::RfScopeTeamFmt), s.team.c_str());
    else return ctx.tr(Str::RepCenter);
    return buf;
}

// A field's problem in the page's language: the rule's own words in English, the field's
// translated rule in Chinese.
std::string ProblemText(const ViewContext& ctx, const ScheduleProblem& p) {
    if (ctx.ui.lang == Lang::En) return p.message;
    const std::string& f = p.field;
    if (f == "name") return ctx.tr(Str::RfErrName);
    if (f == "at") return ctx.tr(Str::RfErrAt);
    if (f == "day_of_month") return ctx.tr(Str::RfErrDay);
    if (f == "folder") return ctx.tr(Str::RfErrFolder);
    if (f == "recipients") return ctx.tr(Str::RfErrRecipients);
    if (f == "queue" || f == "team") return ctx.tr(Str::RfErrScope);
    return ctx.tr(Str::RfErrOther);
}

void FieldProblem(const ViewContext& ctx, const ScheduleForm& form, const char* field) {
    const ScheduleProblem* p = ProblemFor(form, field);
    if (!p) return;
    ImGui::SameLine();
    const std::string text = ProblemText(ctx, *p);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad)), "%s", text.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p->message.c_str());
    ReportLastItem(ctx, std::string("schedule.form.") + field + ".error", text);
}

void Command(const ViewContext& ctx, ScheduleCommand c, int arg = 0) {
    ctx.actions->push_back({UiAction::Kind::ReportScheduleCommand, PackScheduleCommand(c, arg)});
}

// A schedule's newest mailed file: its state (sent, retrying at HH:MM, failed after N attempts),
// the last error under it, and every attempt when opened.
void LastMailCell(const ViewContext& ctx, const ScheduleEntry& e, bool shown, int index, const std::string& row) {
    if (!e.last_mail) {
        ImGui::TextDisabled("%s", ctx.tr(Str::RfNoMail));
        return;
    }
    const ReportFileEntry& m = *e.last_mail;
    const MailStatus status = MailStatusOf(m);
    const std::string text = MailText(ctx, m);
    const bool colored = status == MailStatus::Failed || status == MailStatus::Retrying;
    if (colored) ImGui::PushStyleColor(ImGuiCol_Text, HealthColor(status == MailStatus::Failed ? Health::Bad : Health::Warning));
    ImGui::SetNextItemOpen(shown, ImGuiCond_Always);
    const bool open = ImGui::TreeNodeEx("##last_mail", ImGuiTreeNodeFlags_SpanAvailWidth, "%s", text.c_str());
    if (colored) ImGui::PopStyleColor();
    if (ImGui::IsItemToggledOpen()) Command(ctx, ScheduleCommand::ShowMail, index);
    ReportLastItem(ctx, row + ".mail", text);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", m.file.c_str(), MailLog(ctx, m).c_str());
    if (!m.last_error.empty() && status != MailStatus::Sent) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", m.last_error.c_str());
        ImGui::PopTextWrapPos();
        ReportLastItem(ctx, row + ".mail.last_error", m.last_error);
    }
    if (!open) return;
    char buf[640];
    for (size_t k = 0; k < m.mail_log.size(); ++k) {
        const ReportFileEntry::Attempt& a = m.mail_log[k];
        std::snprintf(buf, sizeof buf, ctx.tr(Str::RfAttemptFmt), a.attempt, FormatDateTime(a.t_ms, ctx.snapshot.tz_offset_min).c_str(),
                      a.error.empty() ? ctx.tr(Str::RfAttemptSent) : a.error.c_str());
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(buf);
        ImGui::PopTextWrapPos();
        ReportLastItem(ctx, row + ".mail.attempt." + std::to_string(k), buf);
    }
    ImGui::TreePop();
}

void DrawScheduleForm(const ViewContext& ctx, ScheduleForm& f) {
    char heading[128];
    if (f.id == 0) std::snprintf(heading, sizeof heading, "%s", ctx.tr(Str::RfNewSchedule));
    else std::snprintf(heading, sizeof heading, ctx.tr(Str::RfEditingFmt), static_cast<long long>(f.id));
    Heading(heading);
    ReportLastItem(ctx, "schedule.form.heading", heading);
    const float label_w = ImGui::GetFontSize() * 9;
    const float field_w = ImGui::GetFontSize() * 16;
    auto label = [&](Str s) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(ctx.tr(s));
        ImGui::SameLine(label_w);
        ImGui::SetNextItemWidth(field_w);
    };
    auto text_field = [&](Str s, const char* field, char* buf, size_t size, const char* hint = nullptr) {
        label(s);
        const std::string id = std::string("##schedule.") + field;
        if (hint ? ImGui::InputTextWithHint(id.c_str(), hint, buf, size) : ImGui::InputText(id.c_str(), buf, size)) {}
        ReportLastItem(ctx, std::string("schedule.form.") + field, buf);
        FieldProblem(ctx, f, field);
    };
    auto combo = [&](Str s, const char* field, int* value, std::initializer_list<Str> items) {
        label(s);
        const std::string id = std::string("##schedule.") + field;
        const Str* list = items.begin();
        const int n = static_cast<int>(items.size());
        if (ImGui::BeginCombo(id.c_str(), ctx.tr(list[std::clamp(*value, 0, n - 1)]))) {
            for (int i = 0; i < n; ++i) {
                if (ImGui::Selectable(ctx.tr(list[i]), *value == i)) *value = i;
                ReportLastItem(ctx, std::string("schedule.form.") + field + "." + std::to_string(i), ctx.tr(list[i]));
            }
            ImGui::EndCombo();
        }
        ReportLastItem(ctx, std::string("schedule.form.") + field, ctx.tr(list[std::clamp(*value, 0, n - 1)]));
        FieldProblem(ctx, f, field);
    };
    text_field(Str::RepName, "name", f.name, sizeof f.name);
    combo(Str::RfKind, "kind", &f.kind, {Str::RepDaily, Str::RepWeekly, Str::RepMonthly});
    text_field(Str::RfAt, "at", f.at, sizeof f.at, "06:00");
    if (f.kind == 1) combo(Str::RfWeekday, "first_weekday", &f.weekday, {Str::RepMon, Str::RepTue, Str::RepWed, Str::RepThu, Str::RepFri, Str::RepSat, Str::RepSun});
    if (f.kind == 2) {
        label(Str::RfDayOfMonth);
        ImGui::InputInt("##schedule.day_of_month", &f.day_of_month);
        ReportLastItem(ctx, "schedule.form.day_of_month", std::to_string(f.day_of_month));
        FieldProblem(ctx, f, "day_of_month");
    }
    combo(Str::RfFormat, "format", &f.format, {Str::RfPdf, Str::RfCsv});
    combo(Str::RfLanguage, "lang", &f.lang, {Str::RfLangZh, Str::RfLangEn});
    text_field(Str::RfOnlyQueue, "queue", f.queue, sizeof f.queue, ctx.tr(Str::RfKeyHint));
    text_field(Str::RfOnlyTeam, "team", f.team, sizeof f.team, ctx.tr(Str::RfKeyHint));
    text_field(Str::RfRecipients, "recipients", f.recipients, sizeof f.recipients, ctx.tr(Str::RfRecipientsHint));
    text_field(Str::RfFolder, "folder", f.folder, sizeof f.folder);
    label(Str::RfEnabled);
    ImGui::Checkbox("##schedule.enabled", &f.enabled);
    ReportLastItem(ctx, "schedule.form.enabled", f.enabled ? "1" : "0");
    ImGui::BeginDisabled(f.saving);
    if (ImGui::Button(ctx.tr(f.saving ? Str::IcSaving : Str::FcSdSave))) Command(ctx, ScheduleCommand::Save);
    ImGui::EndDisabled();
    ReportLastItem(ctx, "schedule.form.save", ctx.tr(Str::FcSdSave));
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr(Str::AdminCancel))) Command(ctx, ScheduleCommand::Cancel);
    ReportLastItem(ctx, "schedule.form.cancel", ctx.tr(Str::AdminCancel));
    if (!f.error.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad)), "%s", f.error.c_str());
        ReportLastItem(ctx, "schedule.form.error", f.error);
    }
}

void DrawSchedules(const ViewContext& ctx, ReportFilesState& s) {
    Heading(ctx.tr(Str::RfSchedules));
    ReportLastItem(ctx, "schedules.title", ctx.tr(Str::RfSchedules));
    const ImVec4 bad = ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad));
    if (!s.schedule_error.message.empty()) {
        const std::string text = s.schedule_error.status == 403 ? ctx.tr(Str::ErrForbidden) : s.schedule_error.message;
        ImGui::TextColored(bad, "%s", text.c_str());
        ReportLastItem(ctx, "schedules.error", text);
    }
    if (s.may_edit) {
        ImGui::BeginDisabled(s.form.open);
        if (ImGui::Button(ctx.tr(Str::RfNewSchedule))) Command(ctx, ScheduleCommand::New);
        ImGui::EndDisabled();
        ReportLastItem(ctx, "schedules.new", ctx.tr(Str::RfNewSchedule));
    } else if (s.schedules_loaded) {
        ImGui::TextDisabled("%s", ctx.tr(Str::RfReadOnly));
        ReportLastItem(ctx, "schedules.read_only", ctx.tr(Str::RfReadOnly));
    }
    if (s.schedules_loaded && s.schedules.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::RfNoSchedules));
        ReportLastItem(ctx, "schedules.none", ctx.tr(Str::RfNoSchedules));
    } else if (!s.schedules.empty()) {
        const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                      ImGuiTableFlags_SizingStretchProp;
        const int columns = s.may_edit ? 9 : 8;
        if (ImGui::BeginTable("schedules.table", columns, flags)) {
            const Str headers[] = {Str::RepName,     Str::RfRuns,       Str::RfScope,    Str::RfFormat,
                                   Str::RfLanguage, Str::RfRecipients, Str::RfLastMail, Str::RfEnabled};
            const float widths[] = {1.4f, 1.6f, 0.9f, 0.5f, 0.7f, 1.4f, 1.8f, 0.6f};
            for (size_t i = 0; i < std::size(headers); ++i) ImGui::TableSetupColumn(ctx.tr(headers[i]), ImGuiTableColumnFlags_WidthStretch, widths[i]);
            if (s.may_edit) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.6f);
            ImGui::TableHeadersRow();
            for (size_t i = 0; i < s.schedules.size(); ++i) {
                const ScheduleEntry& e = s.schedules[i];
                const std::string row = "schedules.row." + std::to_string(i);
                ImGui::TableNextRow();
                ImGui::PushID(static_cast<int>(e.id));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(e.name.c_str());
                ReportLastItem(ctx, row + ".name", e.name);
                ImGui::TableNextColumn();
                const std::string runs = RunsText(ctx, e);
                ImGui::TextUnformatted(runs.c_str());
                ReportLastItem(ctx, row + ".runs", runs);
                ImGui::TableNextColumn();
                const std::string scope = ScopeText(ctx, e);
                ImGui::TextUnformatted(scope.c_str());
                ReportLastItem(ctx, row + ".scope", scope);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(ctx.tr(e.format == "csv" ? Str::RfCsv : Str::RfPdf));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(ctx.tr(e.lang == "en" ? Str::RfLangEn : Str::RfLangZh));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(e.recipients.empty() ? ctx.tr(Str::RfNoMail) : e.recipients.c_str());
                ImGui::TableNextColumn();
                LastMailCell(ctx, e, s.mail_open == e.id, static_cast<int>(i), row);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(ctx.tr(e.enabled ? Str::RfEnabled : Str::StatusDisabled));
                ReportLastItem(ctx, row + ".enabled", ctx.tr(e.enabled ? Str::RfEnabled : Str::StatusDisabled));
                if (s.may_edit) {
                    ImGui::TableNextColumn();
                    ImGui::BeginDisabled(s.busy || s.form.open);
                    if (ImGui::SmallButton(ctx.tr(Str::IcEdit))) Command(ctx, ScheduleCommand::Edit, static_cast<int>(i));
                    ReportLastItem(ctx, row + ".edit", ctx.tr(Str::IcEdit));
                    ImGui::SameLine();
                    if (ImGui::SmallButton(ctx.tr(e.enabled ? Str::AdminDisable : Str::AdminEnable))) Command(ctx, ScheduleCommand::Toggle, static_cast<int>(i));
                    ReportLastItem(ctx, row + ".toggle", ctx.tr(e.enabled ? Str::AdminDisable : Str::AdminEnable));
                    ImGui::SameLine();
                    if (ImGui::SmallButton(ctx.tr(Str::AdminDelete))) Command(ctx, ScheduleCommand::Delete, static_cast<int>(i));
                    ReportLastItem(ctx, row + ".delete", ctx.tr(Str::AdminDelete));
                    ImGui::EndDisabled();
                }
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        for (const ScheduleEntry& e : s.schedules) {
            if (e.id != s.confirm_delete) continue;
            char line[400];
            std::snprintf(line, sizeof line, ctx.tr(Str::RfConfirmDeleteFmt), e.name.c_str());
            ImGui::TextColored(bad, "%s", line);
            ReportLastItem(ctx, "schedules.confirm_delete", line);
            ImGui::SameLine();
            if (ImGui::SmallButton(ctx.tr(Str::AdminCancel))) Command(ctx, ScheduleCommand::CancelDelete);
        }
    }
    if (s.form.open && s.may_edit) DrawScheduleForm(ctx, s.form);
    ImGui::Spacing();
}

}  // namespace

bool MayDownloadReports(const ViewContext& ctx) {
    if (!ctx.report_files || !ctx.session) return false;
    const SessionPhase phase = ctx.session->phase();
    return phase == SessionPhase::Local || (phase == SessionPhase::SignedIn && ctx.session->info().role != "wallboard");
}

void DrawReportFiles(const ViewContext& ctx, const Fonts& fonts) {
    ReportFilesState& s = *ctx.report_files;
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
    DrawSchedules(ctx, s);
    Heading(ctx.tr(Str::RfFiles));
    ReportLastItem(ctx, "files.heading", ctx.tr(Str::RfFiles));
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
    const float widths[] = {2.0f, 0.8f, 0.8f, 1.6f, 1.4f, 0.7f, 1.4f};
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
        const std::string mail = MailText(ctx, f);
        const MailStatus status = MailStatusOf(f);
        if (status == MailStatus::Failed) ImGui::TextColored(bad, "%s", mail.c_str());
        else if (status == MailStatus::Retrying) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Warning)), "%s", mail.c_str());
        else ImGui::TextUnformatted(mail.c_str());
        if (status != MailStatus::None && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", MailLog(ctx, f).c_str());
        ReportLastItem(ctx, "files.row." + std::to_string(i) + ".mail", mail);
        ImGui::TableNextColumn();
        if (ImGui::SmallButton(ctx.tr(Str::RfDownload))) ctx.actions->push_back({UiAction::Kind::ReportFileDownload, static_cast<int>(i)});
        ReportLastItem(ctx, "files.row." + std::to_string(i) + ".download", f.file);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace cb
