// The agent scorecards page (views.h DrawScorecards, docs/reports.md "Scorecards"): dates and a
// team (a lead is offered their own teams only), then the team comparison table (every figure per
// agent, sortable by any column, the team's medians and totals, outliers marked both ways) or one
// agent's scorecard (each figure against the team's median and total, its outlier mark and a
// sparkline of the agent's own previous periods). No composite score, no rank. Hovering a number
// gives its formula, its counts and the outlier rule.
#include <cmath>
#include <cstdio>
#include <imgui.h>
#include "format.h"
#include "scorecard_controller.h"
#include "views.h"

namespace cb {

namespace {

std::string FigureLabel(const ViewContext& ctx, std::string_view id) {
    struct Label { std::string_view id; Str label; };
    static constexpr Label kLabels[] = {
        {"calls_handled", Str::ScCallsHandled}, {"talk_ms", Str::ScTalk},       {"talk_avg_ms", Str::ScTalkAvg},
        {"hold_ms", Str::ScHold},               {"hold_avg_ms", Str::ScHoldAvg}, {"wrap_ms", Str::ScWrap},
        {"wrap_avg_ms", Str::ScWrapAvg},        {"transfers", Str::ScTransfers}, {"orders", Str::ScOrders},
        {"order_value_cents", Str::ScOrderValue}, {"order_value_avg_cents", Str::ScOrderValueAvg},
        {"complaints", Str::ScComplaints},      {"callbacks_promised", Str::ScCallbacksPromised},
        {"callbacks_kept", Str::ScCallbacksKept}, {"adherence_pct", Str::ScAdherence},
        {"conformance_pct", Str::ScConformance}};
    for (const Label& l : kLabels)
        if (l.id == id) return ctx.tr(l.label);
    constexpr std::string_view kNotReady = "not_ready_ms.";
    if (id.substr(0, kNotReady.size()) == kNotReady) {
        const std::string_view reason = id.substr(kNotReady.size());
        for (size_t r = 0; r < kNotReadyReasonCount; ++r) {
            const NotReadyReason nr = static_cast<NotReadyReason>(r);
            if (reason == NotReadyReasonName(nr)) {
                char buf[128];
                std::snprintf(buf, sizeof buf, ctx.tr(Str::ScNotReadyFmt),
                              nr == NotReadyReason::None ? ctx.tr(Str::ScNoReason) : ctx.tr.Reason(nr));
                return buf;
            }
        }
    }
    return std::string(id);
}

// A figure's amount in its unit: a count, a duration in words, money.
std::string Amount(const ViewContext& ctx, std::string_view unit, double v) {
    if (unit == "ms") return FormatDuration(std::llround(v), ctx.tr);
    if (unit == "cents") return FormatMoney(std::llround(v));
    char buf[48];
    if (unit == "percent") {
        std::snprintf(buf, sizeof buf, "%.1f%%", v);
        return buf;
    }
    if (std::fabs(v - std::round(v)) < 1e-9) std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(v)));
    else std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string ValueText(const ViewContext& ctx, const ScoreFigureDef& def, const ScoreValue& v) {
    if (!v.valid) return def.needs_schedule ? ctx.tr(Str::ScNoSchedule) : "-";
    return Amount(ctx, def.unit, v.value);
}

// The parts of an average: counts as numbers, a percentage of time as durations.
std::string PartText(const ViewContext& ctx, const ScoreFigureDef& def, int64_t part) {
    return def.unit == "percent" ? FormatDuration(part, ctx.tr) : std::to_string(part);
}

const char* Mark(Outlier o) { return o == Outlier::Above ? " ▲" : o == Outlier::Below ? " ▼" : ""; }

// The formula and the counts behind a value: "talk_ms / handled = 3600000 / 20".
void FormulaLines(const ViewContext& ctx, const ScoreFigureDef& def, const ScoreValue& v, std::string* report) {
    char line[256];
    std::snprintf(line, sizeof line, ctx.tr(Str::ScFormulaFmt), std::string(def.formula).c_str());
    ImGui::TextUnformatted(line);
    *report += line;
    if (def.average) {
        if (v.valid) {
            std::snprintf(line, sizeof line, ctx.tr(Str::ScCountsFmt), PartText(ctx, def, v.total).c_str(),
                          PartText(ctx, def, v.count).c_str());
            std::string shown = std::string(line) + " = " + Amount(ctx, def.unit, v.value);
            ImGui::TextUnformatted(shown.c_str());
            *report += "\n" + shown;
        } else {
            const char* why = ctx.tr(def.needs_schedule ? Str::ScNoScheduleDef : Str::ScNoValue);
            ImGui::TextDisabled("%s", why);
            *report += std::string("\n") + why;
        }
        if (def.needs_schedule) {
            ImGui::TextDisabled("%s", ctx.tr(Str::ScScheduleDef));
            *report += std::string("\n") + ctx.tr(Str::ScScheduleDef);
        }
    } else {
        const std::string shown = "= " + std::to_string(v.total);
        ImGui::TextUnformatted(shown.c_str());
        *report += "\n" + shown;
    }
}

// judged: the value is compared with the team (a value, and an active agent or a schedule's figure).
void TeamLines(const ViewContext& ctx, const ScoreFigureDef& def, const RobustStats& team, const ScoreValue& total,
               bool judged, double z, Outlier outlier, std::string* report) {
    char line[512];
    std::snprintf(line, sizeof line, ctx.tr(def.needs_schedule ? Str::ScTeamStatsSchedFmt : Str::ScTeamStatsFmt), int(team.n), Amount(ctx, def.unit, team.median).c_str(),
                  Amount(ctx, def.unit, team.mad).c_str(), ValueText(ctx, def, total).c_str());
    ImGui::TextUnformatted(line);
    *report += std::string("\n") + line;
    ImGui::Spacing();
    ImGui::TextDisabled("%s", ctx.tr(Str::ScRule));
    *report += std::string("\n") + ctx.tr(Str::ScRule);
    if (team.n < kMinAgentsForOutliers) {
        std::snprintf(line, sizeof line, ctx.tr(Str::ScNoOutliersFmt), int(team.n));
    } else if (!judged) {
        std::snprintf(line, sizeof line, "%s", ctx.tr(Str::ScNotJudged));
    } else {
        char zline[64];
        std::snprintf(zline, sizeof zline, ctx.tr(Str::ScZFmt), z);
        std::snprintf(line, sizeof line, "%s · %s", zline,
                      ctx.tr(outlier == Outlier::Above   ? Str::ScAbove
                             : outlier == Outlier::Below ? Str::ScBelow
                                                         : Str::ScWithinTeam));
    }
    ImGui::TextUnformatted(line);
    *report += std::string("\n") + line;
}

void ValueTooltip(const ViewContext& ctx, const std::string& title, const ScoreFigureDef& def, const ScoreValue& v,
                  const RobustStats& team, const ScoreValue& total, bool judged, double z, Outlier outlier) {
    if (!ImGui::IsItemHovered()) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34);
    ImGui::TextUnformatted(title.c_str());
    ImGui::Separator();
    std::string report;
    FormulaLines(ctx, def, v, &report);
    TeamLines(ctx, def, team, total, judged, z, outlier, &report);
    if (ctx.report) ctx.report->Add("scorecards.tooltip", report, 0, 0, 0, 0);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void Message(const ViewContext& ctx, const ScorecardState& s) {
    char message[512] = "";
    switch (s.error) {
    case ScorecardError::BadDate: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::ReconErrDate)); break;
    case ScorecardError::Reversed: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::ReconErrOrder)); break;
    case ScorecardError::NoTeam: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::ScErrTeam)); break;
    case ScorecardError::Unreachable: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::LoginUnreachable)); break;
    case ScorecardError::Server:
        if (s.server_error.status == 403)
            std::snprintf(message, sizeof message, ctx.tr(Str::ScErrForbiddenFmt), s.server_error.message.c_str());
        else std::snprintf(message, sizeof message, ctx.tr(Str::ErrServerFmt), s.server_error.message.c_str());
        break;
    case ScorecardError::None: break;
    }
    if (message[0]) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad)), "%s", message);
        ReportLastItem(ctx, "scorecards.error", message);
    } else if (s.loading) {
        ImGui::TextDisabled("%s", ctx.tr(Str::ScLoading));
        ReportLastItem(ctx, "scorecards.loading", ctx.tr(Str::ScLoading));
    }
}

const char* GroupName(const ViewContext& ctx, const ReportGroupInfo& g) {
    if (ctx.tr.lang == Lang::Zh && !g.name_zh.empty()) return g.name_zh.c_str();
    if (!g.name_en.empty()) return g.name_en.c_str();
    return g.key.c_str();
}

void DrawTeamTable(const ViewContext& ctx, const ScorecardState& s) {
    const TeamComparison& t = s.table;
    const auto& figures = ScoreFigures();
    int active = 0;
    for (bool a : t.active) active += a ? 1 : 0;
    char summary[512];
    std::snprintf(summary, sizeof summary, ctx.tr(Str::ScTableSummaryFmt), GroupName(ctx, t.team), FormatCivilDate(t.from).c_str(),
                  FormatCivilDate(t.to).c_str(), int(t.agents.size()), active, t.zone.c_str());
    ImGui::TextUnformatted(summary);
    ReportLastItem(ctx, "scorecards.summary", summary);

    const std::vector<size_t> order = SortedAgents(t, s.sort_column, s.sort_descending, ctx.tr.lang == Lang::Zh);
    std::string keys;
    for (size_t i : order) keys += (keys.empty() ? "" : ",") + t.agents[i].key;
    if (ctx.report) ctx.report->Add("scorecards.order", keys, 0, 0, 0, 0);

    const int columns = 1 + int(figures.size());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    const float height = ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() * 3;
    if (!ImGui::BeginTable("scorecards.table", columns, flags, ImVec2(0, height > 120 ? height : 120))) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("agent", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9);
    for (size_t f = 0; f < figures.size(); ++f)
        ImGui::TableSetupColumn(std::string(figures[f].id).c_str(), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7);
    // Headers as buttons: a click sorts by that column (again: the other way).
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < columns; ++c) {
        ImGui::TableSetColumnIndex(c);
        const std::string label = c == 0 ? ctx.tr(Str::ScAgent) : FigureLabel(ctx, figures[size_t(c - 1)].id);
        const char* arrow = s.sort_column == c ? (s.sort_descending ? " ▼" : " ▲") : "";
        const std::string shown = label + arrow + "##sort" + std::to_string(c);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
        if (ImGui::Selectable(shown.c_str(), s.sort_column == c, 0, ImVec2(0, ImGui::GetTextLineHeight() * 2)))
            ctx.actions->push_back({UiAction::Kind::ScorecardCommand, PackScorecardCommand(ScorecardCommandKind::SortBy, c)});
        ImGui::PopTextWrapPos();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", label.c_str());
        ReportLastItem(ctx, "scorecards.sort." + (c == 0 ? std::string("agent") : std::string(figures[size_t(c - 1)].id)),
                       label + arrow);
    }
    const ImVec4 marked = ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Warning));
    for (size_t i : order) {
        const ReportGroupInfo& a = t.agents[i];
        const bool is_active = i < t.active.size() && t.active[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        std::string name = std::string(GroupName(ctx, a)) + (is_active ? "" : std::string(" ") + ctx.tr(Str::ScInactive));
        if (ImGui::Selectable((name + "##agent" + a.key).c_str(), false))
            ctx.actions->push_back({UiAction::Kind::ScorecardCommand, PackScorecardCommand(ScorecardCommandKind::OpenAgent, int(i))});
        ReportLastItem(ctx, "scorecards.agent." + a.key, name);
        for (size_t f = 0; f < figures.size(); ++f) {
            ImGui::TableNextColumn();
            const ScoreValue v = i < t.values.size() && f < t.values[i].size() ? t.values[i][f] : ScoreValue{};
            const Outlier o = i < t.outliers.size() && f < t.outliers[i].size() ? t.outliers[i][f] : Outlier::None;
            const double z = i < t.z.size() && f < t.z[i].size() ? t.z[i][f] : 0.0;
            const std::string text = ValueText(ctx, figures[f], v) + Mark(o);
            if (o != Outlier::None) ImGui::TextColored(marked, "%s", text.c_str());
            else if (!is_active) ImGui::TextDisabled("%s", text.c_str());
            else ImGui::TextUnformatted(text.c_str());
            ReportLastItem(ctx, "scorecards.cell." + a.key + "." + std::string(figures[f].id), text);
            ValueTooltip(ctx, name + " · " + FigureLabel(ctx, figures[f].id), figures[f], v,
                         f < t.stats.size() ? t.stats[f] : RobustStats{}, f < t.team_total.size() ? t.team_total[f] : ScoreValue{},
                         v.valid && (is_active || figures[f].needs_schedule), z, o);
        }
    }
    // The team's medians (over active agents) and totals (from the team's summed counts).
    for (int row = 0; row < 2; ++row) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", ctx.tr(row == 0 ? Str::ScTeamMedian : Str::ScTeamTotal));
        for (size_t f = 0; f < figures.size(); ++f) {
            ImGui::TableNextColumn();
            std::string text;
            if (row == 0) text = f < t.stats.size() && t.stats[f].n > 0 ? Amount(ctx, figures[f].unit, t.stats[f].median) : "-";
            else text = f < t.team_total.size() ? ValueText(ctx, figures[f], t.team_total[f]) : "-";
            ImGui::TextDisabled("%s", text.c_str());
            ReportLastItem(ctx, std::string(row == 0 ? "scorecards.median." : "scorecards.total.") + std::string(figures[f].id), text);
        }
    }
    ImGui::EndTable();
}

// The agent's own periods as a line, this period's point marked; the team's median as a dashed level.
void Sparkline(const ViewContext& ctx, const Scorecard& card, size_t f, const ScoreFigureDef& def) {
    const ScorecardEntry& e = card.figures[f];
    const ImVec2 size(ImGui::GetFontSize() * 9, ImGui::GetTextLineHeight());
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    double lo = 0, hi = 0;
    bool any = false;
    for (const ScoreValue& v : e.series) {
        if (!v.valid) continue;
        lo = any ? std::min(lo, v.value) : v.value;
        hi = any ? std::max(hi, v.value) : v.value;
        any = true;
    }
    if (e.team.n > 0) {
        lo = any ? std::min(lo, e.team.median) : e.team.median;
        hi = any ? std::max(hi, e.team.median) : e.team.median;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const auto y_of = [&](double v) {
        const double span = hi - lo;
        const double t = span > 0 ? (v - lo) / span : 0.5;
        return p.y + size.y - 2 - float(t) * (size.y - 4);
    };
    const size_t n = e.series.size();
    const auto x_of = [&](size_t i) { return p.x + 3 + (n > 1 ? float(i) / float(n - 1) : 0.5f) * (size.x - 6); };
    if (e.team.n > 0) {
        const float y = y_of(e.team.median);
        for (float x = p.x; x < p.x + size.x; x += 6) dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + 3, p.x + size.x), y), IM_COL32(150, 150, 150, 160));
    }
    const ImU32 line = ImGui::GetColorU32(ImGuiCol_PlotLines);
    bool has_prev = false;
    ImVec2 prev;
    for (size_t i = 0; i < n; ++i) {
        if (!e.series[i].valid) {
            has_prev = false;
            continue;
        }
        const ImVec2 pt(x_of(i), y_of(e.series[i].value));
        if (has_prev) dl->AddLine(prev, pt, line, 1.5f);
        if (i + 1 == n) dl->AddCircleFilled(pt, 3.0f, e.outlier != Outlier::None ? HealthColor(Health::Warning) : line);
        prev = pt;
        has_prev = true;
    }
    std::string series;
    for (const ScoreValue& v : e.series) series += (series.empty() ? "" : ",") + ValueText(ctx, def, v);
    ReportLastItem(ctx, "scorecard.series." + std::string(def.id), series);
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(ctx.tr(Str::ScSeriesTitle));
        for (size_t i = 0; i < n && i < card.periods.size(); ++i)
            ImGui::Text("%s – %s   %s", FormatCivilDate(card.periods[i].first).c_str(), FormatCivilDate(card.periods[i].second).c_str(),
                        ValueText(ctx, def, e.series[i]).c_str());
        ImGui::EndTooltip();
    }
}

void DrawCard(const ViewContext& ctx, const ScorecardState& s) {
    const Scorecard& c = s.card;
    const auto& figures = ScoreFigures();
    if (ImGui::Button(ctx.tr(Str::ScBack)))
        ctx.actions->push_back({UiAction::Kind::ScorecardCommand, PackScorecardCommand(ScorecardCommandKind::BackToTeam)});
    ReportLastItem(ctx, "scorecard.back", ctx.tr(Str::ScBack));
    if (!s.has_card) return;
    char summary[512];
    std::snprintf(summary, sizeof summary, ctx.tr(Str::ScCardSummaryFmt), GroupName(ctx, c.agent), GroupName(ctx, c.team),
                  FormatCivilDate(c.from).c_str(), FormatCivilDate(c.to).c_str(), c.zone.c_str());
    ImGui::TextUnformatted(summary);
    ReportLastItem(ctx, "scorecard.summary", summary);
    if (!c.active) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Warning)), "%s", ctx.tr(Str::ScNotActive));
        ReportLastItem(ctx, "scorecard.inactive", ctx.tr(Str::ScNotActive));
    }
    if (c.qa.available) {
        // The QA score of the range (docs/qa.md): calibration evaluations never count.
        char qa[256];
        if (c.qa.scored > 0)
            std::snprintf(qa, sizeof qa, ctx.tr(Str::QaCardFmt), c.qa.percent, static_cast<long long>(c.qa.scored),
                          static_cast<long long>(c.qa.auto_failed));
        else
            std::snprintf(qa, sizeof qa, "%s", ctx.tr(Str::QaCardNone));
        ImGui::TextUnformatted(qa);
        ReportLastItem(ctx, "scorecard.qa", qa);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr(Str::QaCardDefinition));
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    const float height = ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() * 3;
    if (!ImGui::BeginTable("scorecard.table", 6, flags, ImVec2(0, height > 120 ? height : 120))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.tr(Str::ScFigure), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(ctx.tr(Str::ScValue), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ctx.tr(Str::ScTeamMedian), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ctx.tr(Str::ScTeamTotal), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ctx.tr(Str::ScVsTeam), ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn(ctx.tr(Str::ScTrend), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableHeadersRow();
    const ImVec4 marked = ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Warning));
    for (size_t f = 0; f < figures.size() && f < c.figures.size(); ++f) {
        const ScoreFigureDef& def = figures[f];
        const ScorecardEntry& e = c.figures[f];
        const std::string label = FigureLabel(ctx, def.id);
        const std::string id(def.id);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(label.c_str());
        ImGui::TableNextColumn();
        // Compared with the team: as BuildTeamComparison judges (scorecard.h, needs_schedule).
        const bool judged = e.value.valid && (c.active || def.needs_schedule);
        const std::string value = ValueText(ctx, def, e.value);
        if (e.outlier != Outlier::None) ImGui::TextColored(marked, "%s", value.c_str());
        else ImGui::TextUnformatted(value.c_str());
        ReportLastItem(ctx, "scorecard.value." + id, value);
        ValueTooltip(ctx, label, def, e.value, e.team, e.team_total, judged, e.z, e.outlier);
        ImGui::TableNextColumn();
        const std::string median = e.team.n > 0 ? Amount(ctx, def.unit, e.team.median) : "-";
        ImGui::TextUnformatted(median.c_str());
        ReportLastItem(ctx, "scorecard.median." + id, median);
        ImGui::TableNextColumn();
        const std::string total = ValueText(ctx, def, e.team_total);
        ImGui::TextUnformatted(total.c_str());
        ImGui::TableNextColumn();
        const char* vs = e.team.n < kMinAgentsForOutliers || !judged ? "" : ctx.tr(e.outlier == Outlier::Above   ? Str::ScAbove
                                                                        : e.outlier == Outlier::Below ? Str::ScBelow
                                                                                                      : Str::ScWithinTeam);
        if (e.outlier != Outlier::None) ImGui::TextColored(marked, "%s", vs);
        else ImGui::TextDisabled("%s", vs);
        ReportLastItem(ctx, "scorecard.outlier." + id, std::string(OutlierName(e.outlier)));
        ValueTooltip(ctx, label, def, e.value, e.team, e.team_total, judged, e.z, e.outlier);
        ImGui::TableNextColumn();
        Sparkline(ctx, c, f, def);
    }
    ImGui::EndTable();
}

}  // namespace

void DrawScorecards(const ViewContext& ctx, const Fonts& fonts) {
    ScorecardState& s = *ctx.scorecards;
    ImGui::PushFont(fonts.large);
    ImGui::TextUnformatted(ctx.tr(Str::ScTitle));
    ImGui::PopFont();
    ReportLastItem(ctx, "scorecards.title", ctx.tr(Str::ScTitle));
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(ctx.tr(Str::SettingsClose)).x -
                    ImGui::GetStyle().FramePadding.x * 2);
    if (ImGui::Button(ctx.tr(Str::SettingsClose))) ctx.actions->push_back({UiAction::Kind::OpenScorecards, 0});
    ReportLastItem(ctx, "scorecards.close", ctx.tr(Str::SettingsClose));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", ctx.tr(Str::ScHelp));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();

    // The form: dates and a team; a lead is offered their own teams only.
    bool run = false;
    const float date_w = ImGui::CalcTextSize("0000-00-00").x + ImGui::GetStyle().FramePadding.x * 2 + 8;
    const auto field = [&](Str label, const char* id, char* buffer, size_t size) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(ctx.tr(label));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(date_w);
        run |= ImGui::InputText((std::string("##") + id).c_str(), buffer, size, ImGuiInputTextFlags_EnterReturnsTrue);
        ReportLastItem(ctx, id, buffer);
        ImGui::SameLine(0, 16);
    };
    field(Str::ScFrom, "scorecards.from", s.from, sizeof s.from);
    field(Str::ScTo, "scorecards.to", s.to, sizeof s.to);
    const std::vector<const TeamInfo*> teams =
        ScorecardTeams(ctx.snapshot.directory.teams, ctx.session && ctx.session->phase() == SessionPhase::SignedIn ? &ctx.session->info() : nullptr);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ctx.tr(Str::ScTeam));
    ImGui::SameLine();
    const TeamInfo* current = nullptr;
    for (const TeamInfo* t : teams)
        if (t->key == s.team) current = t;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::BeginCombo("##scorecards.team", current ? Name(ctx, *current) : "")) {
        for (size_t i = 0; i < teams.size(); ++i) {
            if (ImGui::Selectable(Name(ctx, *teams[i]), teams[i] == current))
                ctx.actions->push_back({UiAction::Kind::ScorecardCommand, PackScorecardCommand(ScorecardCommandKind::PickTeam, int(i))});
            ReportLastItem(ctx, "scorecards.team_option." + teams[i]->key, Name(ctx, *teams[i]));
        }
        ImGui::EndCombo();
    }
    ReportLastItem(ctx, "scorecards.team", s.team);
    std::string offered;
    for (const TeamInfo* t : teams) offered += (offered.empty() ? "" : ",") + t->key;
    if (ctx.report) ctx.report->Add("scorecards.teams_offered", offered, 0, 0, 0, 0);
    ImGui::SameLine(0, 16);
    ImGui::BeginDisabled(s.loading);
    run |= ImGui::Button(ctx.tr(Str::ScShow));
    ImGui::EndDisabled();
    ReportLastItem(ctx, "scorecards.run", ctx.tr(Str::ScShow));
    if (run) ctx.actions->push_back({UiAction::Kind::ScorecardCommand, PackScorecardCommand(ScorecardCommandKind::Run)});
    if (teams.empty()) {
        ImGui::TextDisabled("%s", ctx.tr(Str::ScNoTeams));
        ReportLastItem(ctx, "scorecards.no_teams", ctx.tr(Str::ScNoTeams));
    }
    Message(ctx, s);
    ImGui::Spacing();
    if (s.screen == ScorecardScreen::Agent) DrawCard(ctx, s);
    else if (s.has_table) DrawTeamTable(ctx, s);
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", ctx.tr(Str::ScFooter));
    ImGui::PopTextWrapPos();
}

}  // namespace cb
