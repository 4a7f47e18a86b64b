// The Reports area's charts (chart_report.h).
#include "chart_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include "chart_intraday.h"
#include "format.h"
#include "views.h"

namespace cb {

namespace {

constexpr ImU32 kOffered = IM_COL32(120, 140, 170, 255);
constexpr ImU32 kAnswered = IM_COL32(46, 160, 67, 255);
constexpr ImU32 kAbandoned = IM_COL32(215, 60, 55, 255);
constexpr ImU32 kLine = IM_COL32(80, 150, 240, 255);
constexpr ImU32 kBand = IM_COL32(46, 160, 67, 40);
constexpr ImU32 kTarget = IM_COL32(46, 160, 67, 200);
constexpr ImU32 kGrid = IM_COL32(255, 255, 255, 28);
constexpr ImU32 kFrame = IM_COL32(0, 0, 0, 40);
constexpr ImU32 kAxisText = IM_COL32(200, 200, 200, 200);

const char* BucketLabel(const Report& r, int32_t bucket) {
    return bucket >= 0 && size_t(bucket) < r.buckets.size() ? r.buckets[size_t(bucket)].label.c_str() : "";
}

// The plot area inside a chart's rectangle: room on the left for tick labels, below for dates.
struct Plot {
    ImVec2 min, max;
    int slots = 1;
    float SlotW() const { return (max.x - min.x) / float(std::max(slots, 1)); }
    float X(int slot) const { return min.x + SlotW() * (float(slot) + 0.5f); }
    float Y(double v, double top) const { return max.y - float(top > 0 ? v / top : 0) * (max.y - min.y); }
};

Plot Frame(const char* id, ImVec2 size, int slots, float left, bool* hovered) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    *hovered = ImGui::IsItemHovered();
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), kFrame, 4.0f);
    const float line = ImGui::GetTextLineHeight();
    return Plot{ImVec2(p.x + left, p.y + line * 0.6f), ImVec2(p.x + size.x - 8, p.y + size.y - line * 1.4f), slots};
}

void Gridlines(const Plot& plot, const Axis& axis, bool percent) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i <= axis.divisions; ++i) {
        const double v = axis.step * i;
        const float y = plot.Y(v, axis.top());
        dl->AddLine(ImVec2(plot.min.x, y), ImVec2(plot.max.x, y), kGrid);
        char text[24];
        if (percent) std::snprintf(text, sizeof text, "%.0f%%", v * 100.0);
        else std::snprintf(text, sizeof text, "%g", v);
        const ImVec2 ts = ImGui::CalcTextSize(text);
        dl->AddText(ImVec2(plot.min.x - ts.x - 4, y - ts.y / 2), kAxisText, text);
    }
}

// First and last period labels under the plot.
void PeriodLabels(const Report& r, const Plot& plot, int32_t first, int32_t last) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float y = plot.max.y + 2;
    dl->AddText(ImVec2(plot.min.x, y), kAxisText, BucketLabel(r, first));
    if (last != first) {
        const char* l = BucketLabel(r, last);
        dl->AddText(ImVec2(plot.max.x - ImGui::CalcTextSize(l).x, y), kAxisText, l);
    }
}

ServiceLevelDef RowSl(const Report& r, int32_t group, int32_t bucket) {
    for (const ReportRow& row : r.rows)
        if (row.group == group && row.bucket == bucket) return r.HeadlineSl(row);
    return ServiceLevelDef{};
}

const char* WeekdayLabel(const ViewContext& ctx, int d) {
    constexpr Str kDays[] = {Str::RepMon, Str::RepTue, Str::RepWed, Str::RepThu, Str::RepFri, Str::RepSat, Str::RepSun};
    return ctx.tr(kDays[d >= 0 && d < 7 ? d : 0]);
}

}  // namespace

std::string FormatReportKpi(const ViewContext& ctx, ReportKpi kpi, bool valid, double value) {
    if (!valid) return "-";
    char buf[48];
    switch (kpi) {
    case ReportKpi::Asa: case ReportKpi::Aht: case ReportKpi::AverageTalk: case ReportKpi::AverageHold:
    case ReportKpi::AverageWrap: case ReportKpi::AverageAbandonWait:
        return FormatDuration(static_cast<int64_t>(std::llround(value)), ctx.tr);
    case ReportKpi::AverageOrderValue: return FormatMoney(static_cast<int64_t>(std::llround(value)));
    case ReportKpi::AgentsStaffed: std::snprintf(buf, sizeof buf, "%.1f", value); return buf;
    default: std::snprintf(buf, sizeof buf, "%.1f%%", value * 100.0); return buf;
    }
}

void DrawReportTrend(const ViewContext& ctx, const Report& r, int32_t group, ReportKpi kpi, ImVec2 size) {
    const std::vector<TrendPoint> points = ReportTrend(r, group, kpi);
    const bool ratio = IsRatioKpi(kpi);
    const bool sl = kpi == ReportKpi::ServiceLevel;
    double max = 0;
    int valid = 0;
    for (const TrendPoint& p : points) {
        if (p.valid) { max = std::max(max, p.value); ++valid; }
    }
    const Axis axis = ratio ? Axis{0.2, 5} : NiceAxis(kpi == ReportKpi::AgentsStaffed ? max : max / 1000.0);
    const double scale = ratio || kpi == ReportKpi::AgentsStaffed ? 1.0 : 1000.0;  // durations: seconds on the axis
    bool hovered = false;
    const Plot plot = Frame("##reports.trend", size, int(points.size()), ImGui::CalcTextSize("100%").x + 10, &hovered);
    ReportLastItem(ctx, "reports.chart.trend", std::to_string(valid) + "/" + std::to_string(points.size()));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // The target band: at or above each period's target (service level only).
    if (sl) {
        for (size_t i = 0; i < points.size(); ++i) {
            const float x0 = plot.min.x + plot.SlotW() * float(i), x1 = x0 + plot.SlotW();
            const float y = plot.Y(points[i].target, axis.top());
            dl->AddRectFilled(ImVec2(x0, plot.min.y), ImVec2(x1, y), kBand);
            dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), kTarget, 1.5f);
        }
        if (!points.empty()) {
            char target[32];
            std::snprintf(target, sizeof target, "%.0f%%", points.back().target * 100.0);
            ReportItem item{"reports.chart.trend.target", target, 0, 0, 0, 0};
            if (ctx.report) ctx.report->items.push_back(item);
            char caption[48];
            std::snprintf(caption, sizeof caption, ctx.tr(Str::RepTargetFmt), points.back().target * 100.0);
            dl->AddText(ImVec2(plot.max.x - ImGui::CalcTextSize(caption).x - 4, plot.min.y + 2), kTarget, caption);
        }
    }
    Gridlines(plot, axis, ratio);
    // The line, broken where a period has no value.
    const ImVec2* prev = nullptr;
    ImVec2 last;
    for (size_t i = 0; i < points.size(); ++i) {
        if (!points[i].valid) { prev = nullptr; continue; }
        const ImVec2 at(plot.X(int(i)), plot.Y(points[i].value / scale, axis.top()));
        if (prev) dl->AddLine(*prev, at, kLine, 2.0f);
        dl->AddCircleFilled(at, 2.5f, kLine);
        last = at;
        prev = &last;
    }
    if (!points.empty()) PeriodLabels(r, plot, points.front().bucket, points.back().bucket);
    if (!hovered) return;
    const int slot = SlotAt(ImGui::GetIO().MousePos.x, plot.min.x, plot.max.x, int(points.size()));
    if (slot < 0) return;
    const TrendPoint& p = points[size_t(slot)];
    dl->AddRectFilled(ImVec2(plot.min.x + plot.SlotW() * float(slot), plot.min.y),
                      ImVec2(plot.min.x + plot.SlotW() * float(slot + 1), plot.max.y), IM_COL32(255, 255, 255, 22));
    ReportItem item{"reports.chart.trend.hover", BucketLabel(r, p.bucket), 0, 0, 0, 0};
    if (ctx.report) ctx.report->items.push_back(item);
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(BucketLabel(r, p.bucket));
    ImGui::Separator();
    ImGui::Text("%s  (%lld / %lld)", FormatReportKpi(ctx, kpi, p.valid, p.value).c_str(), static_cast<long long>(p.numerator),
                static_cast<long long>(p.denominator));
    ImGui::TextDisabled("%s %s", ctx.tr(Str::RepFormula), ReportKpiFormula(kpi, RowSl(r, group, p.bucket).variant).c_str());
    if (sl) ImGui::TextDisabled(ctx.tr(Str::RepTargetFmt), p.target * 100.0);
    ImGui::EndTooltip();
}

void DrawReportBars(const ViewContext& ctx, const Report& r, int32_t group, ImVec2 size) {
    const std::vector<VolumeBar> bars = ReportVolumeBars(r, group);
    int64_t max = 0, offered = 0;
    for (const VolumeBar& b : bars) {
        max = std::max(max, b.offered);
        offered += b.offered;
    }
    const Axis axis = NiceAxis(double(max));
    bool hovered = false;
    char widest[24];
    std::snprintf(widest, sizeof widest, "%g", axis.top());
    const Plot plot = Frame("##reports.bars", size, int(bars.size()), ImGui::CalcTextSize(widest).x + 10, &hovered);
    ReportLastItem(ctx, "reports.chart.bars", std::to_string(offered));
    Gridlines(plot, axis, false);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = plot.SlotW();
    const float bar = std::max(1.0f, w * 0.8f / 3.0f);
    for (size_t i = 0; i < bars.size(); ++i) {
        const float x = plot.min.x + w * float(i) + w * 0.1f;
        const int64_t values[] = {bars[i].offered, bars[i].answered, bars[i].abandoned};
        const ImU32 colors[] = {kOffered, kAnswered, kAbandoned};
        for (int k = 0; k < 3; ++k) {
            if (values[k] <= 0) continue;
            dl->AddRectFilled(ImVec2(x + bar * float(k), plot.Y(double(values[k]), axis.top())),
                              ImVec2(x + bar * float(k + 1) - (bar > 3 ? 1 : 0), plot.max.y), colors[k]);
        }
    }
    if (!bars.empty()) PeriodLabels(r, plot, bars.front().bucket, bars.back().bucket);
    // Legend, top right.
    float lx = plot.max.x;
    const Str names[] = {Str::KpiAbandoned, Str::KpiAnswered, Str::KpiOffered};
    const ImU32 colors[] = {kAbandoned, kAnswered, kOffered};
    for (int k = 0; k < 3; ++k) {
        const char* t = ctx.tr(names[k]);
        lx -= ImGui::CalcTextSize(t).x + 18;
        dl->AddRectFilled(ImVec2(lx, plot.min.y + 5), ImVec2(lx + 9, plot.min.y + 14), colors[k]);
        dl->AddText(ImVec2(lx + 12, plot.min.y), kAxisText, t);
    }
    if (!hovered) return;
    const int slot = SlotAt(ImGui::GetIO().MousePos.x, plot.min.x, plot.max.x, int(bars.size()));
    if (slot < 0) return;
    const VolumeBar& b = bars[size_t(slot)];
    ReportItem item{"reports.chart.bars.hover", BucketLabel(r, b.bucket), 0, 0, 0, 0};
    if (ctx.report) ctx.report->items.push_back(item);
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(BucketLabel(r, b.bucket));
    ImGui::Separator();
    ImGui::Text("%s %lld · %s %lld · %s %lld", ctx.tr(Str::KpiOffered), static_cast<long long>(b.offered),
                ctx.tr(Str::KpiAnswered), static_cast<long long>(b.answered), ctx.tr(Str::KpiAbandoned),
                static_cast<long long>(b.abandoned));
    ImGui::EndTooltip();
}

void DrawReportHeatmap(const ViewContext& ctx, const Report& r, int32_t group, HeatmapMetric metric, ImVec2 size) {
    const Heatmap map = ReportHeatmap(r, group, metric);
    const float left = ImGui::CalcTextSize(WeekdayLabel(ctx, 2)).x + 12;
    bool hovered = false;
    const Plot plot = Frame("##reports.heatmap", size, std::max(map.slots, 1), left, &hovered);
    ReportLastItem(ctx, "reports.chart.heatmap", "7x" + std::to_string(map.slots));
    if (map.slots <= 0) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float cw = plot.SlotW(), ch = (plot.max.y - plot.min.y) / 7.0f;
    // The service level's colors against the latest target of the group.
    double target = 0.8;
    for (const ReportRow& t : r.totals)
        if (t.group == group) target = r.HeadlineSl(t).target;
    for (int d = 0; d < 7; ++d) {
        const char* day = WeekdayLabel(ctx, d);
        dl->AddText(ImVec2(plot.min.x - ImGui::CalcTextSize(day).x - 6, plot.min.y + ch * float(d) + (ch - ImGui::GetTextLineHeight()) / 2),
                    kAxisText, day);
        for (int s = 0; s < map.slots; ++s) {
            const HeatCell& c = map.at(d, s);
            const ImVec2 a(plot.min.x + cw * float(s), plot.min.y + ch * float(d));
            const ImVec2 b(a.x + cw - (cw > 4 ? 1 : 0), a.y + ch - 1);
            ImU32 color = IM_COL32(255, 255, 255, 10);
            if (c.valid && metric == HeatmapMetric::Volume) {
                const double f = map.max_value > 0 ? c.value / map.max_value : 0;
                color = IM_COL32(80, 150, 240, int(30 + 225 * f));
            } else if (c.valid) {
                // Red well under the target, amber near it, green at or above.
                color = c.value >= target ? IM_COL32(46, 160, 67, 230)
                        : c.value >= target - 0.1 ? IM_COL32(225, 170, 40, 230)
                                                  : IM_COL32(215, 60, 55, 230);
            }
            dl->AddRectFilled(a, b, color);
        }
    }
    // Slot labels: a few, never overlapping.
    if (!map.slot_labels.empty() && !map.slot_labels[0].empty()) {
        const float lw = ImGui::CalcTextSize("00:00").x + 8;
        const int every = std::max(1, int(std::ceil(lw / std::max(cw, 1.0f))));
        for (int s = 0; s < map.slots; s += every)
            dl->AddText(ImVec2(plot.min.x + cw * float(s), plot.max.y + 2), kAxisText, map.slot_labels[size_t(s)].c_str());
    }
    if (!hovered) return;
    const ImVec2 m = ImGui::GetIO().MousePos;
    const int s = SlotAt(m.x, plot.min.x, plot.max.x, map.slots);
    const int d = m.y >= plot.min.y && m.y < plot.max.y ? int((m.y - plot.min.y) / ch) : -1;
    if (s < 0 || d < 0 || d > 6) return;
    const HeatCell& c = map.at(d, s);
    const std::string where = std::string(WeekdayLabel(ctx, d)) + " " + map.slot_labels[size_t(s)];
    ReportItem item{"reports.chart.heatmap.hover", where, 0, 0, 0, 0};
    if (ctx.report) ctx.report->items.push_back(item);
    char value[64];
    if (!c.valid) std::snprintf(value, sizeof value, "%s", ctx.tr(Str::RepNoData));
    else if (metric == HeatmapMetric::Volume)
        std::snprintf(value, sizeof value, "%s %lld", ctx.tr(Str::KpiOffered), static_cast<long long>(c.numerator));
    else
        std::snprintf(value, sizeof value, "%.1f%% (%lld / %lld)", c.value * 100.0, static_cast<long long>(c.numerator),
                      static_cast<long long>(c.denominator));
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(where.c_str());
    ImGui::Separator();
    ImGui::TextUnformatted(value);
    if (c.valid && metric == HeatmapMetric::Volume) {
        char days[32];
        std::snprintf(days, sizeof days, ctx.tr(Str::RepDaysFmt), static_cast<long long>(c.denominator));
        ImGui::TextDisabled("%s", days);
    }
    ImGui::EndTooltip();
}

}  // namespace cb
