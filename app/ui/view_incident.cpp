// The incident report page (views.h DrawIncident, docs/reports.md "Incidents"): a window of one
// day (date, from, to, weeks to compare, queues), then a chart of one figure per interval (now as
// bars, the typical previous week as a line, the median week as dots) drawn with ImDrawList, a
// table of every figure per interval and for the whole window (now, typical, median), and the
// supervisor's notes: the list, a new note or an edit, saved to the server, with what is wrong
// shown next to the field. Hovering a number gives its formula, its counts and each week.
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <imgui.h>
#include "format.h"
#include "incident_controller.h"
#include "views.h"

namespace cb {

namespace {

Str FigureLabel(std::string_view id) {
    struct Label { std::string_view id; Str label; };
    static constexpr Label kLabels[] = {
        {"offered", Str::IcOffered},         {"answered", Str::IcAnswered},     {"abandoned", Str::IcAbandoned},
        {"exited", Str::IcExited},           {"service_level", Str::IcSl},      {"abandon_rate", Str::IcAbandonRate},
        {"asa_ms", Str::IcAsa},              {"avg_abandon_wait_ms", Str::IcAbandonWait},
        {"longest_wait_ms", Str::IcLongestWait}, {"agents_staffed", Str::IcStaffed}, {"occupancy", Str::IcOccupancy}};
    for (const Label& l : kLabels)
        if (l.id == id) return l.label;
    return Str::IcOffered;
}

bool IsMs(const IncidentFigureDef& def) { return def.id.size() > 3 && def.id.substr(def.id.size() - 3) == "_ms"; }

std::string Amount(const ViewContext& ctx, const IncidentFigureDef& def, double v) {
    char buf[48];
    if (def.kind == IncidentFigureKind::Ratio) {
        std::snprintf(buf, sizeof buf, "%.1f%%", v * 100.0);
        return buf;
    }
    if (IsMs(def)) return FormatDuration(std::llround(v), ctx.tr);
    if (std::fabs(v - std::round(v)) < 1e-9) std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(v)));
    else std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string ValueText(const ViewContext& ctx, const IncidentFigureDef& def, const IncidentValue& v) {
    return v.valid ? Amount(ctx, def, v.value) : "-";
}

// "412 / 503" for ratios and means, the count for counts.
std::string Parts(const IncidentFigureDef& def, const IncidentValue& v) {
    if (def.kind == IncidentFigureKind::Count || def.kind == IncidentFigureKind::Max) return std::to_string(v.numerator);
    return std::to_string(v.numerator) + " / " + std::to_string(v.denominator);
}

std::string Formula(const ViewContext& ctx, const IncidentReport& r, const IncidentFigureDef& def) {
    if (def.id != "service_level") return std::string(def.formula);
    for (const DefinitionVersion& d : r.definitions) {
        if (d.id != r.headline_definition) continue;
        char buf[256];
        std::snprintf(buf, sizeof buf, ctx.tr(Str::IcSlDefFmt), ctx.tr.Variant(d.sl.variant), int(d.sl.threshold_s),
                      int(std::lround(d.sl.target * 100)));
        return buf;
    }
    return std::string(def.formula);
}

void CellTooltip(const ViewContext& ctx, const IncidentReport& r, const IncidentFigureDef& def, const IncidentFigure& f,
                 const std::string& where) {
    if (!ImGui::IsItemHovered()) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
    std::string report;
    const auto line = [&](const std::string& text, bool dim = false) {
        if (dim) ImGui::TextDisabled("%s", text.c_str());
        else ImGui::TextUnformatted(text.c_str());
        report += (report.empty() ? "" : "\n") + text;
    };
    line(std::string(ctx.tr(FigureLabel(def.id))) + " · " + where);
    ImGui::Separator();
    char buf[256];
    std::snprintf(buf, sizeof buf, ctx.tr(Str::ScFormulaFmt), Formula(ctx, r, def).c_str());
    line(buf);
    std::snprintf(buf, sizeof buf, ctx.tr(Str::IcNowFmt), (ValueText(ctx, def, f.now) + "  (" + Parts(def, f.now) + ")").c_str());
    line(buf);
    std::snprintf(buf, sizeof buf, ctx.tr(Str::IcTypicalFmt),
                  (ValueText(ctx, def, f.typical) + "  (" + Parts(def, f.typical) + ")").c_str());
    line(buf);
    std::snprintf(buf, sizeof buf, ctx.tr(Str::IcMedianFmt), f.median_valid ? Amount(ctx, def, f.median).c_str() : "-");
    line(buf);
    for (size_t w = 0; w < f.weeks.size() && w < r.weeks.size(); ++w) {
        const bool has = w < r.week_has_data.size() && r.week_has_data[w];
        std::snprintf(buf, sizeof buf, ctx.tr(Str::IcWeekFmt), FormatCivilDate(r.weeks[w]).c_str(),
                      has ? ValueText(ctx, def, f.weeks[w]).c_str() : ctx.tr(Str::IcNoData));
        line(buf, !has);
    }
    ImGui::Spacing();
    line(ctx.tr(Str::IcTypicalHow), true);
    if (ctx.report) ctx.report->Add("incident.tooltip", report, 0, 0, 0, 0);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// One figure per interval: now as bars, the typical week as a line, the median week as dots.
void Chart(const ViewContext& ctx, IncidentState& s) {
    const IncidentReport& r = s.report;
    const auto& figures = IncidentFigures();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ctx.tr(Str::IcChartFigure));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::BeginCombo("##incident.chart", ctx.tr(FigureLabel(figures[size_t(s.chart_figure)].id)))) {
        for (size_t f = 0; f < figures.size(); ++f) {
            if (ImGui::Selectable(ctx.tr(FigureLabel(figures[f].id)), int(f) == s.chart_figure)) s.chart_figure = int(f);
            ReportLastItem(ctx, "incident.chart_option." + std::string(figures[f].id), ctx.tr(FigureLabel(figures[f].id)));
        }
        ImGui::EndCombo();
    }
    ReportLastItem(ctx, "incident.chart_figure", std::string(figures[size_t(s.chart_figure)].id));
    // Legend.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 now_color = IM_COL32(66, 135, 245, 255), typ_color = IM_COL32(230, 230, 230, 255),
                med_color = IM_COL32(245, 166, 35, 255);
    const float lh = ImGui::GetTextLineHeight();
    for (int k = 0; k < 3; ++k) {
        ImGui::SameLine(0, 20);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float cy = p.y + ImGui::GetStyle().FramePadding.y + lh / 2;
        if (k == 0) dl->AddRectFilled(ImVec2(p.x, cy - 5), ImVec2(p.x + 10, cy + 5), now_color);
        if (k == 1) dl->AddLine(ImVec2(p.x, cy), ImVec2(p.x + 14, cy), typ_color, 2.0f);
        if (k == 2) dl->AddCircleFilled(ImVec2(p.x + 5, cy), 4.0f, med_color);
        ImGui::Dummy(ImVec2(16, lh));
        ImGui::SameLine();
        ImGui::TextUnformatted(ctx.tr(k == 0 ? Str::IcLegendNow : k == 1 ? Str::IcLegendTypical : Str::IcLegendMedian));
    }

    const size_t fi = size_t(s.chart_figure);
    const IncidentFigureDef& def = figures[fi];
    const size_t n = r.intervals.size();
    const float width = ImGui::GetContentRegionAvail().x, height = std::max(110.0f, lh * 7);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float axis_w = ImGui::CalcTextSize("00:00:00").x + 8, label_h = lh + 4;
    ImGui::Dummy(ImVec2(width, height));
    const ImVec2 plot_min(origin.x + axis_w, origin.y + 4), plot_max(origin.x + width - 8, origin.y + height - label_h);
    dl->AddRect(plot_min, plot_max, IM_COL32(90, 90, 90, 255));
    if (n == 0) return;
    double hi = def.kind == IncidentFigureKind::Ratio ? 1.0 : 0.0;
    for (const IncidentInterval& in : r.intervals) {
        const IncidentFigure& f = in.figures[fi];
        if (f.now.valid) hi = std::max(hi, f.now.value);
        if (f.typical.valid) hi = std::max(hi, f.typical.value);
        if (f.median_valid) hi = std::max(hi, f.median);
    }
    if (hi <= 0) hi = 1;
    const auto y_of = [&](double v) { return plot_max.y - float(v / hi) * (plot_max.y - plot_min.y - 4); };
    const float slot = (plot_max.x - plot_min.x) / float(n);
    // Axis: zero and the top value.
    const std::string top = Amount(ctx, def, hi);
    dl->AddText(ImVec2(origin.x, plot_min.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), top.c_str());
    dl->AddText(ImVec2(origin.x, plot_max.y - lh), ImGui::GetColorU32(ImGuiCol_TextDisabled), "0");
    bool has_prev = false;
    ImVec2 prev;
    const size_t label_every = std::max<size_t>(1, size_t(std::ceil(ImGui::CalcTextSize("00:00 ").x / slot)));
    int hovered = -1;
    for (size_t i = 0; i < n; ++i) {
        const IncidentFigure& f = r.intervals[i].figures[fi];
        const float x0 = plot_min.x + slot * float(i), x1 = x0 + slot;
        const float bar_l = x0 + slot * 0.2f, bar_r = x1 - slot * 0.2f;
        if (f.now.valid) dl->AddRectFilled(ImVec2(bar_l, y_of(f.now.value)), ImVec2(bar_r, plot_max.y), now_color);
        const float cx = (x0 + x1) / 2;
        if (f.typical.valid) {
            const ImVec2 pt(cx, y_of(f.typical.value));
            if (has_prev) dl->AddLine(prev, pt, typ_color, 2.0f);
            else dl->AddLine(ImVec2(bar_l, pt.y), ImVec2(bar_r, pt.y), typ_color, 2.0f);
            prev = pt;
            has_prev = true;
        } else {
            has_prev = false;
        }
        if (f.median_valid) dl->AddCircleFilled(ImVec2(cx, y_of(f.median)), 3.5f, med_color);
        if (i % label_every == 0) {
            const std::string label = r.intervals[i].label.substr(0, 5);
            dl->AddText(ImVec2(x0 + 2, plot_max.y + 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), label.c_str());
        }
        if (ImGui::IsMouseHoveringRect(ImVec2(x0, plot_min.y), ImVec2(x1, plot_max.y))) hovered = int(i);
    }
    if (ctx.report) {
        std::string bars;
        for (const IncidentInterval& in : r.intervals) bars += (bars.empty() ? "" : ",") + ValueText(ctx, def, in.figures[fi].now);
        ctx.report->Add("incident.chart", bars, plot_min.x, plot_min.y, plot_max.x - plot_min.x, plot_max.y - plot_min.y);
    }
    if (hovered >= 0) {
        // The chart's hover is the interval's cell: the same formula and counts.
        ImGui::SetCursorScreenPos(ImVec2(plot_min.x + slot * float(hovered), plot_min.y));
        ImGui::InvisibleButton("##incident.chart.hover", ImVec2(std::max(1.0f, slot), plot_max.y - plot_min.y));
        CellTooltip(ctx, r, def, r.intervals[size_t(hovered)].figures[fi], r.intervals[size_t(hovered)].label);
        ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height + ImGui::GetStyle().ItemSpacing.y));
        ImGui::Dummy(ImVec2(0, 0));
    }
}

void Table(const ViewContext& ctx, const IncidentState& s) {
    const IncidentReport& r = s.report;
    const auto& figures = IncidentFigures();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    const float rows = float(std::min<size_t>(r.intervals.size() + 1, 7));
    if (!ImGui::BeginTable("incident.table", 1 + int(figures.size()), flags,
                           ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 2.2f * rows + ImGui::GetTextLineHeight() * 2)))
        return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(ctx.tr(Str::IcInterval), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7);
    for (const IncidentFigureDef& def : figures)
        ImGui::TableSetupColumn(ctx.tr(FigureLabel(def.id)), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 10);
    ImGui::TableHeadersRow();
    const auto row = [&](const IncidentInterval& in, const std::string& label, const std::string& key) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(label.c_str());
        for (size_t f = 0; f < figures.size() && f < in.figures.size(); ++f) {
            ImGui::TableNextColumn();
            const IncidentFigure& fig = in.figures[f];
            const std::string now = ValueText(ctx, figures[f], fig.now);
            ImGui::BeginGroup();
            ImGui::TextUnformatted(now.c_str());
            char typ[128];
            std::snprintf(typ, sizeof typ, ctx.tr(Str::IcTypMedFmt), ValueText(ctx, figures[f], fig.typical).c_str(),
                          fig.median_valid ? Amount(ctx, figures[f], fig.median).c_str() : "-");
            ImGui::TextDisabled("%s", typ);
            ImGui::EndGroup();
            ReportLastItem(ctx, "incident.cell." + key + "." + std::string(figures[f].id), now + " | " + typ);
            CellTooltip(ctx, r, figures[f], fig, label);
        }
    };
    for (size_t i = 0; i < r.intervals.size(); ++i) row(r.intervals[i], r.intervals[i].label, std::to_string(i));
    row(r.window, ctx.tr(Str::IcWindow), "window");
    ImGui::EndTable();
}

bool MayWriteNotes(const ViewContext& ctx) {
    if (!ctx.session) return false;
    if (ctx.session->phase() == SessionPhase::Local) return true;
    const std::string& role = ctx.session->info().role;
    return role == "admin" || role == "manager" || role == "lead";
}

bool MayEdit(const ViewContext& ctx, const IncidentNote& n) {
    if (!MayWriteNotes(ctx)) return false;
    if (ctx.session->phase() == SessionPhase::Local) return true;
    const SessionInfo& who = ctx.session->info();
    return who.role == "admin" || who.role == "manager" || who.user == n.author;
}

void Notes(const ViewContext& ctx, IncidentState& s) {
    ImGui::TextUnformatted(ctx.tr(Str::IcNotes));
    ImGui::Separator();
    const int32_t off = ctx.snapshot.tz_offset_min;
    if (s.report.notes.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::IcNoNotes));
        ReportLastItem(ctx, "incident.no_notes", ctx.tr(Str::IcNoNotes));
    }
    for (size_t i = 0; i < s.report.notes.size(); ++i) {
        const IncidentNote& n = s.report.notes[i];
        char meta[512];
        std::snprintf(meta, sizeof meta, ctx.tr(Str::IcNoteMetaFmt), static_cast<long long>(n.id),
                      n.author.empty() ? ctx.tr(Str::IcLocalAdmin) : n.author.c_str(), FormatDateTime(n.created_ms, off).c_str(),
                      n.revision);
        std::string line = meta;
        if (n.revision > 1) {
            char edited[256];
            std::snprintf(edited, sizeof edited, ctx.tr(Str::IcNoteEditedFmt),
                          n.updated_by.empty() ? ctx.tr(Str::IcLocalAdmin) : n.updated_by.c_str(), FormatDateTime(n.updated_ms, off).c_str());
            line += edited;
        }
        ImGui::TextDisabled("%s", line.c_str());
        ReportLastItem(ctx, "incident.note." + std::to_string(n.id) + ".meta", line);
        if (MayEdit(ctx, n)) {
            ImGui::SameLine();
            ImGui::BeginDisabled(s.note_saving);
            if (ImGui::SmallButton((std::string(ctx.tr(Str::IcEdit)) + "##note" + std::to_string(n.id)).c_str()))
                ctx.actions->push_back({UiAction::Kind::IncidentCommand, PackIncidentCommand(IncidentCommandKind::EditNote, int(i))});
            ImGui::EndDisabled();
            ReportLastItem(ctx, "incident.note." + std::to_string(n.id) + ".edit", ctx.tr(Str::IcEdit));
        }
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(n.text.c_str());
        ImGui::PopTextWrapPos();
        ReportLastItem(ctx, "incident.note." + std::to_string(n.id), n.text);
        ImGui::Spacing();
    }
    if (!MayWriteNotes(ctx)) {
        ImGui::TextDisabled("%s", ctx.tr(Str::IcReadOnly));
        ReportLastItem(ctx, "incident.notes_read_only", ctx.tr(Str::IcReadOnly));
        return;
    }
    ImGui::Spacing();
    char heading[128];
    if (s.note_id == 0) std::snprintf(heading, sizeof heading, "%s", ctx.tr(Str::IcNewNote));
    else std::snprintf(heading, sizeof heading, ctx.tr(Str::IcEditingFmt), static_cast<long long>(s.note_id));
    ImGui::TextUnformatted(heading);
    ReportLastItem(ctx, "incident.note_heading", heading);
    const float field_w = std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 40);
    if (ImGui::InputTextMultiline("##incident.note_text", s.note, sizeof s.note, ImVec2(field_w, ImGui::GetTextLineHeight() * 5)))
        s.note_saved = false;
    ReportLastItem(ctx, "incident.note_text", s.note);
    // What is wrong, next to the field; the count of characters under it.
    ImGui::SameLine();
    ImGui::BeginGroup();
    const int chars = int(Utf8Chars(s.note));
    char message[512] = "";
    switch (s.note_error) {
    case NoteError::Empty: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::IcNoteEmpty)); break;
    case NoteError::TooLong: std::snprintf(message, sizeof message, ctx.tr(Str::IcNoteTooLongFmt), int(kMaxNoteChars), chars); break;
    case NoteError::NoWindow: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::IcNoteNoWindow)); break;
    case NoteError::Unreachable: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::LoginUnreachable)); break;
    case NoteError::Server:
        if (s.note_server_error.status == 403) std::snprintf(message, sizeof message, "%s", ctx.tr(Str::ErrForbidden));
        else std::snprintf(message, sizeof message, ctx.tr(Str::ErrServerFmt), s.note_server_error.message.c_str());
        break;
    case NoteError::None: break;
    }
    if (message[0]) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(160.0f, ImGui::GetContentRegionAvail().x - 8));
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad)), "%s", message);
        ImGui::PopTextWrapPos();
        ReportLastItem(ctx, "incident.note_error", message);
    } else if (s.note_saving) {
        ImGui::TextDisabled("%s", ctx.tr(Str::IcSaving));
    } else if (s.note_saved) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Good)), "%s", ctx.tr(Str::IcSaved));
        ReportLastItem(ctx, "incident.note_saved", ctx.tr(Str::IcSaved));
    }
    char count[64];
    std::snprintf(count, sizeof count, ctx.tr(Str::IcNoteCountFmt), chars, int(kMaxNoteChars));
    ImGui::TextDisabled("%s", count);
    ImGui::BeginDisabled(s.note_saving);
    if (ImGui::Button(ctx.tr(Str::IcSave)))
        ctx.actions->push_back({UiAction::Kind::IncidentCommand, PackIncidentCommand(IncidentCommandKind::SaveNote)});
    ReportLastItem(ctx, "incident.note_save", ctx.tr(Str::IcSave));
    if (s.note_id != 0 || s.note[0]) {
        ImGui::SameLine();
        if (ImGui::Button(ctx.tr(Str::IcCancel)))
            ctx.actions->push_back({UiAction::Kind::IncidentCommand, PackIncidentCommand(IncidentCommandKind::CancelNote)});
        ReportLastItem(ctx, "incident.note_cancel", ctx.tr(Str::IcCancel));
    }
    ImGui::EndDisabled();
    ImGui::EndGroup();
}

}  // namespace

void DrawIncident(const ViewContext& ctx, const Fonts& fonts) {
    IncidentState& s = *ctx.incident;
    ImGui::PushFont(fonts.large);
    ImGui::TextUnformatted(ctx.tr(Str::IcTitle));
    ImGui::PopFont();
    ReportLastItem(ctx, "incident.title", ctx.tr(Str::IcTitle));
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(ctx.tr(Str::SettingsClose)).x -
                    ImGui::GetStyle().FramePadding.x * 2);
    if (ImGui::Button(ctx.tr(Str::SettingsClose))) ctx.actions->push_back({UiAction::Kind::OpenIncident, 0});
    ReportLastItem(ctx, "incident.close", ctx.tr(Str::SettingsClose));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", ctx.tr(Str::IcHelp));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();

    ImGui::BeginChild("##incident.page", ImVec2(0, 0), false);
    bool run = false;
    const auto field = [&](Str label, const char* id, char* buffer, size_t size, float width, const char* hint) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(ctx.tr(label));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(width);
        const std::string imgui_id = std::string("##") + id;
        run |= hint ? ImGui::InputTextWithHint(imgui_id.c_str(), hint, buffer, size, ImGuiInputTextFlags_EnterReturnsTrue)
                    : ImGui::InputText(imgui_id.c_str(), buffer, size, ImGuiInputTextFlags_EnterReturnsTrue);
        ReportLastItem(ctx, id, buffer);
        ImGui::SameLine(0, 16);
    };
    const float pad = ImGui::GetStyle().FramePadding.x * 2 + 8;
    field(Str::IcDate, "incident.date", s.date, sizeof s.date, ImGui::CalcTextSize("0000-00-00").x + pad, nullptr);
    field(Str::IcFrom, "incident.from", s.from, sizeof s.from, ImGui::CalcTextSize("00:00").x + pad, nullptr);
    field(Str::IcTo, "incident.to", s.to, sizeof s.to, ImGui::CalcTextSize("00:00").x + pad, nullptr);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ctx.tr(Str::IcWeeks));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::InputInt("##incident.weeks", &s.weeks);
    ReportLastItem(ctx, "incident.weeks", std::to_string(s.weeks));
    ImGui::SameLine(0, 16);
    field(Str::IcQueues, "incident.queues", s.queues, sizeof s.queues, ImGui::GetFontSize() * 10, ctx.tr(Str::IcQueuesHint));
    ImGui::BeginDisabled(s.loading);
    run |= ImGui::Button(ctx.tr(Str::IcShow));
    ImGui::EndDisabled();
    ReportLastItem(ctx, "incident.run", ctx.tr(Str::IcShow));
    if (run) ctx.actions->push_back({UiAction::Kind::IncidentCommand, PackIncidentCommand(IncidentCommandKind::Run)});

    char message[512] = "";
    switch (s.error) {
    case IncidentError::BadDate: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::IcErrDate)); break;
    case IncidentError::BadTime: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::IcErrTime)); break;
    case IncidentError::Reversed: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::IcErrOrder)); break;
    case IncidentError::BadWeeks: std::snprintf(message, sizeof message, ctx.tr(Str::IcErrWeeksFmt), kMaxIncidentWeeks); break;
    case IncidentError::Unreachable: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::LoginUnreachable)); break;
    case IncidentError::Server:
        if (s.server_error.status == 403) std::snprintf(message, sizeof message, "%s", ctx.tr(Str::ErrForbidden));
        else std::snprintf(message, sizeof message, ctx.tr(Str::ErrServerFmt), s.server_error.message.c_str());
        break;
    case IncidentError::None: break;
    }
    if (message[0]) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad)), "%s", message);
        ReportLastItem(ctx, "incident.error", message);
    } else if (s.loading) {
        ImGui::TextDisabled("%s", ctx.tr(Str::IcLoading));
        ReportLastItem(ctx, "incident.loading", ctx.tr(Str::IcLoading));
    }
    if (s.has_report) {
        const IncidentReport& r = s.report;
        std::string weeks;
        for (size_t w = 0; w < r.weeks.size(); ++w) {
            weeks += (weeks.empty() ? "" : ", ") + FormatCivilDate(r.weeks[w]);
            if (w < r.week_has_data.size() && !r.week_has_data[w]) {
                char no_data[64];
                std::snprintf(no_data, sizeof no_data, ctx.tr(Str::IcParenFmt), ctx.tr(Str::IcNoData));
                weeks += no_data;
            }
        }
        std::string queues;
        for (const std::string& q : r.query.queues) queues += (queues.empty() ? "" : ", ") + q;
        char summary[1024];
        std::snprintf(summary, sizeof summary, ctx.tr(Str::IcSummaryFmt), FormatCivilDate(r.query.date).c_str(),
                      FormatClockTime(r.query.from_min).c_str(), FormatClockTime(r.query.to_min).c_str(),
                      queues.empty() ? ctx.tr(Str::IcQueuesHint) : queues.c_str(), weeks.c_str());
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(summary);
        ImGui::PopTextWrapPos();
        ReportLastItem(ctx, "incident.summary", summary);
        ImGui::Spacing();
        Chart(ctx, s);
        ImGui::Spacing();
        Table(ctx, s);
        ImGui::Spacing();
        Notes(ctx, s);
    }
    ImGui::EndChild();
}

}  // namespace cb
