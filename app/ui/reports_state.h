// The Reports area's state (view_reports.cpp draws it, ReportsController changes it): the form
// (range, cadence, grouping, filters; edited in place by the view), the table's sort, the charts'
// choices, whether a request is out, what went wrong, and the last report as the server sent it.
#pragma once
#include <array>
#include <cstdint>
#include "client/admin_api.h"
#include "core/report/report_json.h"
#include "core/report/report_views.h"

namespace cb {

// The date-range picker: named ranges by the center's clock (resolved by the server) or dates.
enum class ReportRange : uint8_t { Today, Yesterday, ThisWeek, LastWeek, ThisMonth, LastMonth, Custom, kCount };
std::string_view ReportRangeName(ReportRange r);  // "today" ... "last_month", "custom"

enum class ReportsError : uint8_t { None, BadDate, Reversed, TooLong, Server, Unreachable };

// What the trend chart follows.
enum class TrendKpi : uint8_t { ServiceLevel, AbandonRate, Asa, Occupancy, kCount };
ReportKpi TrendReportKpi(TrendKpi k);

// The daily, weekly and monthly report pages: yesterday, last week, last month, each from four
// reports: the center by the hour (summary, worst intervals, longest waits, abandon spikes), the
// center over the previous period (the change), and the period's totals per queue and per team.
enum class ReportPage : uint8_t { Explore, Daily, Weekly, Monthly, kCount };
enum class PagePart : uint8_t { Now, Before, Queues, Teams, kCount };
inline constexpr size_t kPageParts = size_t(PagePart::kCount);

struct ReportPageState {
    ReportPage page = ReportPage::Explore;
    std::array<bool, kPageParts> loading{};
    std::array<bool, kPageParts> has{};
    std::array<Report, kPageParts> reports;
    ReportsError error = ReportsError::None;
    ApiError server_error;
};

struct ReportsState {
    ReportRange range = ReportRange::Today;   // today so far, by the hour
    char from[16] = {};               // Custom: YYYY-MM-DD, edited in place by the view
    char to[16] = {};
    ReportGranularity granularity = ReportGranularity::Minutes60;
    ReportGroup group = ReportGroup::Center;
    char queues[160] = {};            // filters: keys, "a, b"; empty = all
    char teams[160] = {};
    char agents[160] = {};
    // The table's sort (a header click): a column and its direction. Until the first click: the
    // report's own order (group by group, periods in time order).
    bool sorted = false;
    ReportColumn sort{ReportColumn::Kind::Period, 0};
    bool descending = false;
    // Charts: which group (index into report.groups), which KPI, volume or service level.
    int chart_group = 0;
    TrendKpi trend = TrendKpi::ServiceLevel;
    HeatmapMetric heatmap = HeatmapMetric::Volume;

    bool loading = false;
    ReportsError error = ReportsError::None;
    ApiError server_error;            // ReportsError::Server: the refusal as the server said it
    bool has_report = false;          // a report arrived (kept while the next one loads)
    Report report;
    std::vector<size_t> order;        // report.rows in the table's order (SortReportRows)
    std::vector<size_t> totals_order; // report.totals in the table's order
    ReportPageState page;             // the report pages (ReportPage::Explore: the form above)
};

}  // namespace cb
