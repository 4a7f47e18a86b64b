// The Reports area's charts, drawn with ImDrawList from the core's series (core/report/
// report_views.h): a KPI's trend per period with the target band, offered / answered / abandoned
// bars per period, and an interval-by-weekday heatmap of volume or service level. Hovering a
// period or a cell shows its value and the counts behind it.
#pragma once
#include <imgui.h>
#include <string>
#include "core/report/report_views.h"
#include "view_context.h"

namespace cb {

// Reports "reports.chart.trend" (valid points / periods, e.g. "6/7"), "reports.chart.trend.target"
// (the latest target, "80%") and, while hovered, "reports.chart.trend.hover" (the period's label).
void DrawReportTrend(const ViewContext& ctx, const Report& r, int32_t group, ReportKpi kpi, ImVec2 size);
// Reports "reports.chart.bars" (offered summed over the periods) and "reports.chart.bars.hover".
void DrawReportBars(const ViewContext& ctx, const Report& r, int32_t group, ImVec2 size);
// Reports "reports.chart.heatmap" ("7x<slots>") and "reports.chart.heatmap.hover" ("<weekday> <slot>").
void DrawReportHeatmap(const ViewContext& ctx, const Report& r, int32_t group, HeatmapMetric metric, ImVec2 size);

// A KPI's value as shown: ratios "81.9%", durations in words, staffing "12.5"; "-" when not valid.
std::string FormatReportKpi(const ViewContext& ctx, ReportKpi kpi, bool valid, double value);

}  // namespace cb
