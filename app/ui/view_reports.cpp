// The Reports area (views.h DrawReports, docs/reports.md "Views"): a range picker (today ...
// last month, custom dates), cadence, grouping and filters; the charts of one group (a KPI's trend
// with the target band, offered / answered / abandoned per period, an interval-by-weekday heatmap);
// then the range's totals and the rows per period, sortable by a click on any column header.
// Hovering any number shows its formula, the counts behind it and the definition it used.
#include <cinttypes>
#include <cstdio>
#include <imgui.h>
#include "chart_report.h"
#include "view_reports_page.h"
#include "views.h"

namespace cb {

namespace {

struct Column {
    const char* id;
    Str label;
    ReportColumn column;
};

int CountIndex(std::string_view name) {
    const auto fields = KpiCountFields();
    for (size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == name) return int(i);
    return 0;
}

const std::vector<Column>& Columns() {
    using K = ReportColumn::Kind;
    static const std::vector<Column> kColumns = {
        {"period", Str::RepPeriod, {K::Period, 0}},
        {"name", Str::RepName, {K::Group, 0}},
        {"offered", Str::KpiOffered, {K::Count, CountIndex("offered")}},
        {"answered", Str::KpiAnswered, {K::Count, CountIndex("answered")}},
        {"abandoned", Str::KpiAbandoned, {K::Count, CountIndex("abandoned")}},
        {"service_level", Str::KpiServiceLevel, {K::Kpi, int(ReportKpi::ServiceLevel)}},
        {"abandon_rate", Str::KpiAbandonRate, {K::Kpi, int(ReportKpi::AbandonRate)}},
        {"asa_ms", Str::KpiAsa, {K::Kpi, int(ReportKpi::Asa)}},
        {"aht_ms", Str::KpiAht, {K::Kpi, int(ReportKpi::Aht)}},
        {"occupancy", Str::KpiOccupancy, {K::Kpi, int(ReportKpi::Occupancy)}},
        {"agents_staffed", Str::RepAgentsStaffed, {K::Kpi, int(ReportKpi::AgentsStaffed)}},
    };
    return kColumns;
}

const char* GroupName(const ViewContext& ctx, const Report& r, int32_t g) {
    if (g < 0 || size_t(g) >= r.groups.size()) return "";
    const ReportGroupInfo& info = r.groups[size_t(g)];
    if (info.key.empty()) return ctx.tr(Str::RepCenter);
    if (ctx.tr.lang == Lang::Zh && !info.name_zh.empty()) return info.name_zh.c_str();
    return info.name_en.empty() ? info.key.c_str() : info.name_en.c_str();
}

// "Definition v3: answered_over_offered, T = 20 s, target 80%, short abandon 5 s".
std::string DefinitionLine(const ViewContext& ctx, const Report& r, int64_t id, const ServiceLevelDef& sl) {
    char line[256];
    std::snprintf(line, sizeof line, ctx.tr(Str::RepDefinitionFmt), static_cast<long long>(id),
                  std::string(SlVariantName(sl.variant)).c_str(), sl.threshold_s, sl.target * 100.0, sl.short_abandon_s);
    std::string out = line;
    if (id == 0 || !r.Definition(id)) out += std::string(" (") + ctx.tr(Str::RepBuiltIn) + ")";
    return out;
}

// The counts a figure is made of, by name: "answered_within_t = 412 · offered = 503".
std::string PartCounts(const KpiCounts& c, KpiParts parts, const KpiFigure& f) {
    const auto count = [&](std::string_view expr, int64_t value) {
        std::string out;
        const auto fields = KpiCountFields();
        for (const KpiCountField& field : fields)
            if (field.name == expr) return std::string(expr) + " = " + std::to_string(c.*field.member);
        // An expression of counts ("offered - short_abandoned"): its value.
        out = std::string(expr) + " = " + std::to_string(value);
        return out;
    };
    return count(parts.numerator, f.numerator) + "  ·  " + count(parts.denominator, f.denominator);
}

void CellTooltip(const ViewContext& ctx, const Report& r, const ReportRow& row, const Column& col) {
    if (!ImGui::IsItemHovered()) return;
    const ServiceLevelDef sl = r.HeadlineSl(row);
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
    const char* bucket = row.bucket >= 0 && size_t(row.bucket) < r.buckets.size() ? r.buckets[size_t(row.bucket)].label.c_str()
                                                                                  : ctx.tr(Str::RepTotals);
    ImGui::Text("%s · %s · %s", ctx.tr(col.label), GroupName(ctx, r, row.group), bucket);
    ImGui::Separator();
    std::string formula;
    if (col.column.kind == ReportColumn::Kind::Kpi) {
        const ReportKpi k = static_cast<ReportKpi>(col.column.index);
        const KpiFigure f = ComputeReportKpi(k, row.counts, sl, r.BucketMs(row));
        formula = ReportKpiFormula(k, sl.variant);
        ImGui::Text("%s %s", ctx.tr(Str::RepFormula), formula.c_str());
        const KpiParts parts = k == ReportKpi::AgentsStaffed ? KpiParts{"staffed_ms", "period_ms"} : ReportKpiParts(k, sl.variant);
        ImGui::Text("%s %s", ctx.tr(Str::RepCounts), PartCounts(row.counts, parts, f).c_str());
    } else {
        formula = ctx.tr(Str::RepCountOf);
        ImGui::TextUnformatted(formula.c_str());
        const KpiCountField& field = KpiCountFields()[size_t(col.column.index)];
        ImGui::Text("%s %s = %lld", ctx.tr(Str::RepCounts), std::string(field.name).c_str(),
                    static_cast<long long>(row.counts.*field.member));
    }
    if (ctx.report) ctx.report->Add("reports.tooltip", formula, 0, 0, 0, 0);
    ImGui::Spacing();
    const std::string headline = DefinitionLine(ctx, r, row.headline_definition, sl);
    ImGui::TextDisabled("%s", headline.c_str());
    if (ctx.report) ctx.report->Add("reports.tooltip.definition", headline, 0, 0, 0, 0);
    for (int64_t id : row.definitions) {
        if (id == row.headline_definition) continue;
        const DefinitionVersion* d = r.Definition(id);
        if (d) ImGui::TextDisabled("%s", DefinitionLine(ctx, r, id, d->sl).c_str());
    }
    if (row.mixed_definitions) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Warning)), "%s", ctx.tr(Str::RepMixed));
        if (ctx.report) ctx.report->Add("reports.tooltip.mixed", ctx.tr(Str::RepMixed), 0, 0, 0, 0);
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

std::string CellText(const ViewContext& ctx, const Report& r, const ReportRow& row, const Column& col) {
    switch (col.column.kind) {
    case ReportColumn::Kind::Period:
        return row.bucket >= 0 && size_t(row.bucket) < r.buckets.size()
                   ? r.buckets[size_t(row.bucket)].label + (r.buckets[size_t(row.bucket)].partial ? std::string(" ") + ctx.tr(Str::RepPartial) : "")
                   : ctx.tr(Str::RepTotals);
    case ReportColumn::Kind::Group: return GroupName(ctx, r, row.group);
    case ReportColumn::Kind::Count:
        return std::to_string(row.counts.*(KpiCountFields()[size_t(col.column.index)].member));
    case ReportColumn::Kind::Kpi: {
        const ReportKpi k = static_cast<ReportKpi>(col.column.index);
        const KpiFigure f = ComputeReportKpi(k, row.counts, r.HeadlineSl(row), r.BucketMs(row));
        return FormatReportKpi(ctx, k, f.valid, f.value) + (k == ReportKpi::ServiceLevel && row.mixed_definitions ? " *" : "");
    }
    }
    return "";
}

// One table: header cells that sort on click, then the rows in the state's order.
void Table(const ViewContext& ctx, const ReportsState& s, const char* id, const std::vector<ReportRow>& rows,
           const std::vector<size_t>& order, bool with_period, float height) {
    const Report& r = s.report;
    std::vector<const Column*> cols;
    for (const Column& c : Columns())
        if (with_period || c.column.kind != ReportColumn::Kind::Period) cols.push_back(&c);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable(id, int(cols.size()), flags, ImVec2(0, height))) return;
    for (const Column* c : cols)
        ImGui::TableSetupColumn(ctx.tr(c->label), ImGuiTableColumnFlags_WidthStretch,
                                c->column.kind == ReportColumn::Kind::Period ? 1.8f
                                : c->column.kind == ReportColumn::Kind::Group ? 1.4f : 1.0f);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (size_t i = 0; i < cols.size(); ++i) {
        ImGui::TableSetColumnIndex(int(i));
        const bool sorted = s.sorted && cols[i]->column == s.sort;
        char label[128];
        std::snprintf(label, sizeof label, "%s%s###%s.%s", ctx.tr(cols[i]->label), sorted ? (s.descending ? " v" : " ^") : "", id,
                      cols[i]->id);
        ImGui::TableHeader(label);
        if (ImGui::IsItemClicked())
            ctx.actions->push_back({UiAction::Kind::ReportsSort, int(cols[i]->column.kind) * 256 + cols[i]->column.index});
        ReportLastItem(ctx, std::string(id) + ".col." + cols[i]->id,
                       std::string(ctx.tr(cols[i]->label)) + (sorted ? (s.descending ? " v" : " ^") : ""));
    }
    ImGuiListClipper clipper;
    clipper.Begin(int(order.size()));
    while (clipper.Step()) {
        for (int pos = clipper.DisplayStart; pos < clipper.DisplayEnd; ++pos) {
            const ReportRow& row = rows[order[size_t(pos)]];
            ImGui::TableNextRow();
            for (const Column* c : cols) {
                ImGui::TableNextColumn();
                const std::string text = CellText(ctx, r, row, *c);
                ImGui::TextUnformatted(text.c_str());
                ReportLastItem(ctx, std::string(id) + "." + std::to_string(pos) + "." + c->id, text);
                if (c->column.kind == ReportColumn::Kind::Count || c->column.kind == ReportColumn::Kind::Kpi)
                    CellTooltip(ctx, r, row, *c);
            }
        }
    }
    ImGui::EndTable();
}

const char* GranularityLabel(const ViewContext& ctx, ReportGranularity g) {
    constexpr Str kLabels[] = {Str::Rep15min, Str::Rep30min, Str::Rep60min, Str::RepDay, Str::RepWeek, Str::RepMonth,
                               Str::RepWholeRange};
    return ctx.tr(kLabels[size_t(g) < std::size(kLabels) ? size_t(g) : 3]);
}

const char* GroupLabel(const ViewContext& ctx, ReportGroup g) {
    constexpr Str kLabels[] = {Str::RepCenter, Str::RepQueues, Str::RepTeams, Str::RepAgent};
    return ctx.tr(kLabels[size_t(g) < std::size(kLabels) ? size_t(g) : 0]);
}

void Form(const ViewContext& ctx, ReportsState& s) {
    constexpr Str kRanges[] = {Str::RepToday, Str::RepYesterday, Str::RepThisWeek, Str::RepLastWeek,
                               Str::RepThisMonth, Str::RepLastMonth, Str::RepCustom};
    static_assert(std::size(kRanges) == size_t(ReportRange::kCount));
    const ImVec4 active = ImGui::GetStyle().Colors[ImGuiCol_ButtonActive];
    for (size_t i = 0; i < std::size(kRanges); ++i) {
        if (i) ImGui::SameLine();
        const bool on = size_t(s.range) == i;
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, active);
        char label[96];
        std::snprintf(label, sizeof label, "%s###reports.range.%zu", ctx.tr(kRanges[i]), i);
        if (ImGui::Button(label)) ctx.actions->push_back({UiAction::Kind::ReportsRange, int(i)});
        if (on) ImGui::PopStyleColor();
        ReportLastItem(ctx, "reports.range." + std::string(ReportRangeName(static_cast<ReportRange>(i))), ctx.tr(kRanges[i]));
    }
    bool run = false;
    const float date_w = ImGui::CalcTextSize("0000-00-00").x + ImGui::GetStyle().FramePadding.x * 2 + 8;
    const auto field = [&](Str label, const char* id, char* buffer, size_t size, float width, const char* hint) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(ctx.tr(label));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(width);
        char imgui_id[48];
        std::snprintf(imgui_id, sizeof imgui_id, "##%s", id);
        run |= hint ? ImGui::InputTextWithHint(imgui_id, hint, buffer, size, ImGuiInputTextFlags_EnterReturnsTrue)
                    : ImGui::InputText(imgui_id, buffer, size, ImGuiInputTextFlags_EnterReturnsTrue);
        ReportLastItem(ctx, id, buffer);
        ImGui::SameLine(0, 16);
    };
    if (s.range == ReportRange::Custom) {
        ImGui::SameLine(0, 16);
        field(Str::RepFrom, "reports.from", s.from, sizeof s.from, date_w, nullptr);
        field(Str::RepTo, "reports.to", s.to, sizeof s.to, date_w, nullptr);
        ImGui::NewLine();
    }
    // Cadence and grouping: combos that change the form (sent with "Show").
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ctx.tr(Str::RepCadence));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize(ctx.tr(Str::RepWholeRange)).x + 48);
    if (ImGui::BeginCombo("##reports.cadence", GranularityLabel(ctx, s.granularity))) {
        for (int g = 0; g < int(ReportGranularity::kCount); ++g) {
            const auto gran = static_cast<ReportGranularity>(g);
            if (ImGui::Selectable(GranularityLabel(ctx, gran), gran == s.granularity)) {
                s.granularity = gran;
                run = true;
            }
        }
        ImGui::EndCombo();
    }
    ReportLastItem(ctx, "reports.cadence", std::string(ReportGranularityName(s.granularity)));
    ImGui::SameLine(0, 16);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ctx.tr(Str::RepGroup));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize(ctx.tr(Str::RepCenter)).x + 64);
    if (ImGui::BeginCombo("##reports.group", GroupLabel(ctx, s.group))) {
        for (int g = 0; g < int(ReportGroup::kCount); ++g) {
            const auto group = static_cast<ReportGroup>(g);
            if (ImGui::Selectable(GroupLabel(ctx, group), group == s.group)) {
                s.group = group;
                run = true;
            }
        }
        ImGui::EndCombo();
    }
    ReportLastItem(ctx, "reports.group", std::string(ReportGroupName(s.group)));
    ImGui::SameLine(0, 16);
    field(Str::RepQueues, "reports.queues", s.queues, sizeof s.queues, 120, ctx.tr(Str::RepAll));
    field(Str::RepTeams, "reports.teams", s.teams, sizeof s.teams, 120, ctx.tr(Str::RepAll));
    field(Str::RepAgent, "reports.agents", s.agents, sizeof s.agents, 120, ctx.tr(Str::RepAll));
    ImGui::BeginDisabled(s.loading);
    run |= ImGui::Button(ctx.tr(Str::RepRun));
    ImGui::EndDisabled();
    ReportLastItem(ctx, "reports.run", ctx.tr(Str::RepRun));
    if (run) ctx.actions->push_back({UiAction::Kind::ReportsRun, 0});
}

void Charts(const ViewContext& ctx, ReportsState& s) {
    const Report& r = s.report;
    if (r.groups.empty()) return;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ctx.tr(Str::RepChartGroup));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(180);
    if (ImGui::BeginCombo("##reports.chart_group", GroupName(ctx, r, s.chart_group))) {
        for (int g = 0; g < int(r.groups.size()); ++g)
            if (ImGui::Selectable(GroupName(ctx, r, g), g == s.chart_group)) s.chart_group = g;
        ImGui::EndCombo();
    }
    ReportLastItem(ctx, "reports.chart_group", GroupName(ctx, r, s.chart_group));
    ImGui::SameLine(0, 16);
    constexpr Str kTrend[] = {Str::KpiServiceLevel, Str::KpiAbandonRate, Str::KpiAsa, Str::KpiOccupancy};
    ImGui::SetNextItemWidth(160);
    if (ImGui::BeginCombo("##reports.trend_kpi", ctx.tr(kTrend[size_t(s.trend)]))) {
        for (int k = 0; k < int(TrendKpi::kCount); ++k)
            if (ImGui::Selectable(ctx.tr(kTrend[k]), k == int(s.trend))) s.trend = static_cast<TrendKpi>(k);
        ImGui::EndCombo();
    }
    ImGui::SameLine(0, 16);
    if (ImGui::RadioButton(ctx.tr(Str::RepHeatVolume), s.heatmap == HeatmapMetric::Volume)) s.heatmap = HeatmapMetric::Volume;
    ReportLastItem(ctx, "reports.heatmap.volume", ctx.tr(Str::RepHeatVolume));
    ImGui::SameLine();
    if (ImGui::RadioButton(ctx.tr(Str::RepHeatSl), s.heatmap == HeatmapMetric::ServiceLevel)) s.heatmap = HeatmapMetric::ServiceLevel;
    ReportLastItem(ctx, "reports.heatmap.sl", ctx.tr(Str::RepHeatSl));

    const float w = ImGui::GetContentRegionAvail().x;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float h = 150;
    const float third = (w - gap * 2) / 3;
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", ctx.tr(Str::RepTrendTitle));
    DrawReportTrend(ctx, r, s.chart_group, TrendReportKpi(s.trend), ImVec2(third, h));
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", ctx.tr(Str::RepBarsTitle));
    DrawReportBars(ctx, r, s.chart_group, ImVec2(third, h));
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", ctx.tr(Str::RepHeatTitle));
    DrawReportHeatmap(ctx, r, s.chart_group, s.heatmap, ImVec2(third, h));
    ImGui::EndGroup();
}

}  // namespace

void DrawReports(const ViewContext& ctx, const Fonts& fonts) {
    ReportsState& s = *ctx.reports;
    ImGui::PushFont(fonts.large);
    ImGui::TextUnformatted(ctx.tr(Str::RepTitle));
    ImGui::PopFont();
    ReportLastItem(ctx, "reports.title", ctx.tr(Str::RepTitle));
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(ctx.tr(Str::SettingsClose)).x -
                    ImGui::GetStyle().FramePadding.x * 2);
    if (ImGui::Button(ctx.tr(Str::SettingsClose))) ctx.actions->push_back({UiAction::Kind::OpenReports, 0});
    ReportLastItem(ctx, "reports.close", ctx.tr(Str::SettingsClose));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", ctx.tr(Str::RepHelp));
    ImGui::PopTextWrapPos();
    // The free form, or a report page.
    constexpr Str kPages[] = {Str::RepExplore, Str::RepDaily, Str::RepWeekly, Str::RepMonthly};
    constexpr const char* kPageIds[] = {"explore", "daily", "weekly", "monthly"};
    static_assert(std::size(kPages) == size_t(ReportPage::kCount));
    for (size_t i = 0; i < std::size(kPages); ++i) {
        if (i) ImGui::SameLine();
        const bool on = size_t(s.page.page) == i;
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_TabActive]);
        char label[96];
        std::snprintf(label, sizeof label, "%s###reports.page.%s", ctx.tr(kPages[i]), kPageIds[i]);
        if (ImGui::Button(label)) ctx.actions->push_back({UiAction::Kind::ReportsPage, int(i)});
        if (on) ImGui::PopStyleColor();
        ReportLastItem(ctx, std::string("reports.page.") + kPageIds[i], ctx.tr(kPages[i]));
    }
    ImGui::Separator();
    if (s.page.page != ReportPage::Explore) {
        DrawReportPage(ctx, s);
        return;
    }
    Form(ctx, s);

    const ImVec4 bad = ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad));
    char message[512] = "";
    switch (s.error) {
    case ReportsError::BadDate: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::RepErrDate)); break;
    case ReportsError::Reversed: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::RepErrOrder)); break;
    case ReportsError::TooLong:
        std::snprintf(message, sizeof message, ctx.tr(Str::RepErrLimitFmt),
                      GranularityMinutes(s.granularity) > 0 ? kMaxIntervalReportDays : kMaxReportDays);
        break;
    case ReportsError::Unreachable: std::snprintf(message, sizeof message, "%s", ctx.tr(Str::LoginUnreachable)); break;
    case ReportsError::Server:
        if (s.server_error.status == 403) std::snprintf(message, sizeof message, "%s", ctx.tr(Str::ErrForbidden));
        else std::snprintf(message, sizeof message, ctx.tr(Str::ErrServerFmt), s.server_error.message.c_str());
        break;
    case ReportsError::None: break;
    }
    if (message[0]) {
        ImGui::TextColored(bad, "%s", message);
        ReportLastItem(ctx, "reports.error", message);
    } else if (s.loading) {
        ImGui::TextDisabled("%s", ctx.tr(Str::RepLoading));
        ReportLastItem(ctx, "reports.loading", ctx.tr(Str::RepLoading));
    }
    if (!s.has_report) return;

    const Report& r = s.report;
    char summary[512];
    std::snprintf(summary, sizeof summary, ctx.tr(Str::RepSummaryFmt), FormatCivilDate(r.query.from).c_str(),
                  FormatCivilDate(r.query.to).c_str(), GroupLabel(ctx, r.query.group), GranularityLabel(ctx, r.query.granularity),
                  int(r.rows.size()), r.zone.c_str());
    ImGui::TextUnformatted(summary);
    ReportLastItem(ctx, "reports.summary", summary);
    if (!r.pending_days.empty()) {
        char pending[160];
        std::snprintf(pending, sizeof pending, ctx.tr(Str::RepPendingFmt), int(r.pending_days.size()));
        ImGui::SameLine(0, 16);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Warning)), "%s", pending);
        ReportLastItem(ctx, "reports.pending", pending);
    }
    Charts(ctx, s);
    ImGui::Spacing();
    const float line = ImGui::GetFrameHeightWithSpacing();
    ImGui::TextDisabled("%s", ctx.tr(Str::RepTotals));
    const float totals_h = line * float(std::min<size_t>(r.totals.size(), 4) + 1) + 4;
    Table(ctx, s, "reports.totals", r.totals, s.totals_order, false, totals_h);
    ImGui::TextDisabled("%s", ctx.tr(Str::RepRows));
    const float rest = ImGui::GetContentRegionAvail().y - 4;
    Table(ctx, s, "reports.rows", r.rows, s.order, true, std::max(rest, line * 6));
}

}  // namespace cb
