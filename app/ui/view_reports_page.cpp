// The report pages (view_reports_page.h).
#include "view_reports_page.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <imgui.h>
#include "chart_report.h"
#include "format.h"
#include "views.h"

namespace cb {

namespace {

const char* GroupName(const ViewContext& ctx, const Report& r, int32_t g) {
    if (g < 0 || size_t(g) >= r.groups.size()) return "";
    const ReportGroupInfo& info = r.groups[size_t(g)];
    if (info.key.empty()) return ctx.tr(Str::RepCenter);
    if (ctx.tr.lang == Lang::Zh && !info.name_zh.empty()) return info.name_zh.c_str();
    return info.name_en.empty() ? info.key.c_str() : info.name_en.c_str();
}

Str ChangeLabel(const std::string& id) {
    if (id == "offered") return Str::KpiOffered;
    if (id == "answered") return Str::KpiAnswered;
    if (id == "abandoned") return Str::KpiAbandoned;
    if (id == "service_level") return Str::KpiServiceLevel;
    if (id == "abandon_rate") return Str::KpiAbandonRate;
    if (id == "asa_ms") return Str::KpiAsa;
    if (id == "aht_ms") return Str::KpiAht;
    return Str::KpiOccupancy;
}

std::string Value(const ViewContext& ctx, const PeriodChange& c, bool valid, double v) {
    if (!valid) return "-";
    ReportKpi k;
    if (ParseReportKpi(c.id, &k)) return FormatReportKpi(ctx, k, true, v);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(v)));
    return buf;
}

std::string Change(const ViewContext& ctx, const PeriodChange& c) {
    if (!c.now_valid || !c.before_valid) return "-";
    char buf[64];
    if (c.ratio) {
        std::snprintf(buf, sizeof buf, "%+.1f %s", c.change * 100.0, ctx.tr(Str::RepPoints));
    } else if (c.change_pct_valid) {
        ReportKpi k;
        const bool duration = ParseReportKpi(c.id, &k);
        const std::string amount = duration ? FormatDuration(static_cast<int64_t>(std::llround(std::fabs(c.change))), ctx.tr)
                                            : std::to_string(std::llround(std::fabs(c.change)));
        std::snprintf(buf, sizeof buf, "%s%s (%+.1f%%)", c.change < 0 ? "-" : "+", amount.c_str(), c.change_pct * 100.0);
    } else {
        std::snprintf(buf, sizeof buf, "%+lld", static_cast<long long>(std::llround(c.change)));
    }
    return buf;
}

void Summary(const ViewContext& ctx, const ReportsState& s) {
    const ReportPageState& p = s.page;
    const Report& now = p.reports[size_t(PagePart::Now)];
    const Report& before = p.reports[size_t(PagePart::Before)];
    ImGui::TextDisabled("%s", ctx.tr(Str::RepPageSummary));
    const std::vector<PeriodChange> changes = ComparePeriods(now, p.has[size_t(PagePart::Before)] ? before : Report{}, 0);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("reports.page.summary", 4, flags)) return;
    ImGui::TableSetupColumn(ctx.tr(Str::ReconFigure));
    char period[64];
    std::snprintf(period, sizeof period, "%s", FormatCivilDate(now.query.from).c_str());
    ImGui::TableSetupColumn(ctx.tr(Str::RepThisPeriod));
    ImGui::TableSetupColumn(ctx.tr(Str::RepPrevPeriod));
    ImGui::TableSetupColumn(ctx.tr(Str::RepChange));
    ImGui::TableHeadersRow();
    for (const PeriodChange& c : changes) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ctx.tr(ChangeLabel(c.id)));
        ImGui::TableNextColumn();
        const std::string a = Value(ctx, c, c.now_valid, c.now);
        ImGui::TextUnformatted(a.c_str());
        ReportLastItem(ctx, "reports.page.now." + c.id, a);
        ImGui::TableNextColumn();
        const std::string b = p.has[size_t(PagePart::Before)] ? Value(ctx, c, c.before_valid, c.before) : "…";
        ImGui::TextUnformatted(b.c_str());
        ReportLastItem(ctx, "reports.page.before." + c.id, b);
        ImGui::TableNextColumn();
        const std::string d = p.has[size_t(PagePart::Before)] ? Change(ctx, c) : "…";
        ImGui::TextUnformatted(d.c_str());
        ReportLastItem(ctx, "reports.page.change." + c.id, d);
    }
    ImGui::EndTable();
}

// The period's totals per queue or team.
void Groups(const ViewContext& ctx, const Report& r, const char* id, Str title) {
    ImGui::TextDisabled("%s", ctx.tr(title));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp;
    constexpr ReportKpi kKpis[] = {ReportKpi::ServiceLevel, ReportKpi::AbandonRate, ReportKpi::Asa, ReportKpi::Aht};
    constexpr Str kKpiLabels[] = {Str::KpiServiceLevel, Str::KpiAbandonRate, Str::KpiAsa, Str::KpiAht};
    if (!ImGui::BeginTable(id, 4 + int(std::size(kKpis)), flags)) return;
    ImGui::TableSetupColumn(ctx.tr(Str::RepName), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    for (Str l : {Str::KpiOffered, Str::KpiAnswered, Str::KpiAbandoned}) ImGui::TableSetupColumn(ctx.tr(l));
    for (Str l : kKpiLabels) ImGui::TableSetupColumn(ctx.tr(l));
    ImGui::TableHeadersRow();
    for (const ReportRow& row : r.totals) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(GroupName(ctx, r, row.group));
        const std::string key = std::string(id) + "." + (size_t(row.group) < r.groups.size() ? r.groups[size_t(row.group)].key : "");
        for (int64_t v : {row.counts.offered, row.counts.answered, row.counts.abandoned}) {
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(v));
        }
        for (size_t k = 0; k < std::size(kKpis); ++k) {
            ImGui::TableNextColumn();
            const KpiFigure f = ComputeReportKpi(kKpis[k], row.counts, r.HeadlineSl(row), r.BucketMs(row));
            const std::string text = FormatReportKpi(ctx, kKpis[k], f.valid, f.value);
            ImGui::TextUnformatted(text.c_str());
            if (ImGui::IsItemHovered()) {
                const KpiParts parts = ReportKpiParts(kKpis[k], r.HeadlineSl(row).variant);
                ImGui::SetTooltip("%s %s\n%s %s = %lld · %s = %lld", ctx.tr(Str::RepFormula),
                                  ReportKpiFormula(kKpis[k], r.HeadlineSl(row).variant).c_str(), ctx.tr(Str::RepCounts),
                                  std::string(parts.numerator).c_str(), static_cast<long long>(f.numerator),
                                  std::string(parts.denominator).c_str(), static_cast<long long>(f.denominator));
            }
            ReportLastItem(ctx, key + "." + std::string(ReportKpiName(kKpis[k])), text);
        }
    }
    ImGui::EndTable();
}

// Intervals picked by a rule: period, the figure that picked it, offered.
void Picks(const ViewContext& ctx, const Report& r, const std::vector<size_t>& rows, const char* id, Str title, Str figure,
           int kind) {
    ImGui::TextDisabled("%s", ctx.tr(title));
    ReportLastItem(ctx, std::string(id) + ".count", std::to_string(rows.size()));
    if (rows.empty()) {
        ImGui::TextUnformatted(ctx.tr(Str::RepNoneFound));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(id, 3, flags)) return;
    ImGui::TableSetupColumn(ctx.tr(Str::RepPeriod), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(ctx.tr(figure));
    ImGui::TableSetupColumn(ctx.tr(Str::KpiOffered));
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < rows.size(); ++i) {
        const ReportRow& row = r.rows[rows[i]];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.bucket >= 0 && size_t(row.bucket) < r.buckets.size() ? r.buckets[size_t(row.bucket)].label.c_str() : "");
        ReportLastItem(ctx, std::string(id) + "." + std::to_string(i) + ".period",
                       row.bucket >= 0 && size_t(row.bucket) < r.buckets.size() ? r.buckets[size_t(row.bucket)].label : "");
        ImGui::TableNextColumn();
        std::string text;
        if (kind == 0) {
            const KpiFigure f = ComputeReportKpi(ReportKpi::ServiceLevel, row.counts, r.HeadlineSl(row), r.BucketMs(row));
            char buf[64];
            std::snprintf(buf, sizeof buf, "%s (%lld/%lld)", FormatReportKpi(ctx, ReportKpi::ServiceLevel, f.valid, f.value).c_str(),
                          static_cast<long long>(f.numerator), static_cast<long long>(f.denominator));
            text = buf;
        } else if (kind == 1) {
            text = FormatDuration(row.counts.longest_wait_ms, ctx.tr);
        } else {
            text = std::to_string(row.counts.abandoned - row.counts.short_abandoned);
        }
        ImGui::TextUnformatted(text.c_str());
        ReportLastItem(ctx, std::string(id) + "." + std::to_string(i) + ".value", text);
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(row.counts.offered));
    }
    ImGui::EndTable();
}

}  // namespace

void DrawReportPage(const ViewContext& ctx, const ReportsState& s) {
    const ReportPageState& p = s.page;
    if (p.error != ReportsError::None) {
        char message[512];
        if (p.error == ReportsError::Unreachable) std::snprintf(message, sizeof message, "%s", ctx.tr(Str::LoginUnreachable));
        else if (p.server_error.status == 403) std::snprintf(message, sizeof message, "%s", ctx.tr(Str::ErrForbidden));
        else std::snprintf(message, sizeof message, ctx.tr(Str::ErrServerFmt), p.server_error.message.c_str());
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(HealthColor(Health::Bad)), "%s", message);
        ReportLastItem(ctx, "reports.page.error", message);
    }
    if (!p.has[size_t(PagePart::Now)]) {
        ImGui::TextDisabled("%s", ctx.tr(Str::RepLoading));
        ReportLastItem(ctx, "reports.page.loading", ctx.tr(Str::RepLoading));
        return;
    }
    const Report& now = p.reports[size_t(PagePart::Now)];
    char title[160];
    std::snprintf(title, sizeof title, ctx.tr(Str::RepPageTitleFmt), FormatCivilDate(now.query.from).c_str(),
                  FormatCivilDate(now.query.to).c_str(), now.zone.c_str());
    if (p.has[size_t(PagePart::Before)]) {
        const Report& b = p.reports[size_t(PagePart::Before)];
        char prev[96];
        std::snprintf(prev, sizeof prev, ctx.tr(Str::RepPrevFmt), FormatCivilDate(b.query.from).c_str(), FormatCivilDate(b.query.to).c_str());
        std::snprintf(title + std::strlen(title), sizeof title - std::strlen(title), " · %s", prev);
    }
    ImGui::TextUnformatted(title);
    ReportLastItem(ctx, "reports.page.title", title);
    ImGui::BeginChild("##reports.page", ImVec2(0, 0));
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    ImGui::BeginGroup();
    ImGui::PushItemWidth(half);
    ImGui::BeginChild("##reports.page.left", ImVec2(half, 0));
    Summary(ctx, s);
    ImGui::Spacing();
    if (p.has[size_t(PagePart::Queues)]) Groups(ctx, p.reports[size_t(PagePart::Queues)], "reports.page.queues", Str::RepPerQueue);
    ImGui::Spacing();
    if (p.has[size_t(PagePart::Teams)]) Groups(ctx, p.reports[size_t(PagePart::Teams)], "reports.page.teams", Str::RepPerTeam);
    ImGui::EndChild();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginChild("##reports.page.right", ImVec2(0, 0));
    Picks(ctx, now, WorstServiceLevelRows(now, 0, 5), "reports.page.worst", Str::RepWorst, Str::KpiServiceLevel, 0);
    ImGui::Spacing();
    Picks(ctx, now, LongestWaitRows(now, 0, 5), "reports.page.waits", Str::RepLongestWaits, Str::RepLongestWait, 1);
    ImGui::Spacing();
    Picks(ctx, now, AbandonSpikeRows(now, 0, 5), "reports.page.spikes", Str::RepSpikes, Str::RepLongAbandons, 2);
    char rule[160];
    std::snprintf(rule, sizeof rule, ctx.tr(Str::RepSpikeRuleFmt), MeanAbandons(now, 0));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", rule);
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::EndChild();
}

}  // namespace cb
