// What the Reports area shows, computed from a decoded Report (report.h) by pure functions: the
// order of a table sorted by a column, the series of its charts (a KPI's trend against the
// target, offered / answered / abandoned per period, an interval-by-weekday heatmap of volume or
// service level) and the selections of the daily, weekly and monthly report pages (change
// against the previous period, worst intervals, longest waits, abandon spikes). Every value comes
// from summed counts, never from averaged percentages. Both front-ends draw these; the tests check
// them against hand-computed values (docs/reports.md, "Views").
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "core/report/report.h"

namespace cb {

// ---------------------------------------------------------------------------------------------
// Sorting a table

// A column of the report table: the period, the group's name, one of KpiCounts' fields (by its
// index in KpiCountFields()) or a KPI.
struct ReportColumn {
    enum class Kind : uint8_t { Period, Group, Count, Kpi };
    Kind kind = Kind::Period;
    int index = 0;                    // Count: index into KpiCountFields(); Kpi: a ReportKpi
    bool operator==(const ReportColumn&) const = default;
};

// The order in which to show `rows` (indexes into it) sorted by `column`: periods by time, groups
// by their English name (then key), counts and KPIs by value. Rows without a value (a KPI with no
// denominator) come last in both directions. Ties keep the rows' own order (group, then time).
std::vector<size_t> SortReportRows(const Report& report, const std::vector<ReportRow>& rows, ReportColumn column,
                                   bool descending);

// ---------------------------------------------------------------------------------------------
// Charts

// One KPI of one group per period, and the headline service level's target of each period (the
// definition valid in it), for a trend line with its target band.
struct TrendPoint {
    int32_t bucket = 0;
    bool valid = false;
    double value = 0.0;
    int64_t numerator = 0;
    int64_t denominator = 0;
    double target = 0.0;              // the row's headline target (0..1)
};
std::vector<TrendPoint> ReportTrend(const Report& report, int32_t group, ReportKpi kpi);

// Offered, answered and abandoned of one group per period.
struct VolumeBar {
    int32_t bucket = 0;
    int64_t offered = 0;
    int64_t answered = 0;
    int64_t abandoned = 0;
};
std::vector<VolumeBar> ReportVolumeBars(const Report& report, int32_t group);

// An interval-by-weekday heatmap: 7 rows (Monday ... Sunday) by the slots of a day (the n-th
// bucket since local midnight; a 25 h day has more). Each cell sums the counts of every date of
// that weekday in the range at that slot: volume = offered, service level = the headline variant's
// numerator over its denominator from the summed counts. A day (or coarser) cadence has one slot.
enum class HeatmapMetric : uint8_t { Volume, ServiceLevel };
struct HeatCell {
    int64_t numerator = 0;            // volume: offered
    int64_t denominator = 0;          // volume: 1 per date summed (the cell's days)
    bool valid = false;
    double value = 0.0;               // volume: offered summed; service level: 0..1
};
struct Heatmap {
    HeatmapMetric metric = HeatmapMetric::Volume;
    int slots = 0;                    // columns
    std::vector<std::string> slot_labels;  // "08:00" (interval cadences; from the first day's buckets), else ""
    std::vector<HeatCell> cells;      // 7 x slots, row-major (weekday * slots + slot)
    double max_value = 0.0;           // the largest valid value (volume scale)
    const HeatCell& at(int weekday, int slot) const { return cells[size_t(weekday) * size_t(slots) + size_t(slot)]; }
};
Heatmap ReportHeatmap(const Report& report, int32_t group, HeatmapMetric metric);

// ---------------------------------------------------------------------------------------------
// Report pages: daily, weekly, monthly

// A KPI (or a count) now and in the previous period of the same length, and the change.
struct PeriodChange {
    std::string id;                   // a count's name ("offered") or a KPI's ("service_level")
    bool ratio = false;               // a ratio KPI: the change is in percentage points
    bool now_valid = false, before_valid = false;
    double now = 0.0, before = 0.0;
    double change = 0.0;              // now - before (valid when both are)
    double change_pct = 0.0;          // (now - before) / before, when before != 0 (counts and means)
    bool change_pct_valid = false;
};
// The center's (or a group's) change between two reports' totals of group `group`: offered,
// answered, abandoned, then service_level, abandon_rate, asa_ms, aht_ms, occupancy.
std::vector<PeriodChange> ComparePeriods(const Report& now, const Report& before, int32_t group);

// The previous period of a page: a day before `from` for a day, the week before, the month
// before (whole calendar months), else the same number of days just before.
void PreviousPeriod(const CivilDate& from, const CivilDate& to, CivilDate* prev_from, CivilDate* prev_to);

// Interval rows of group `group` picked for a page, worst first, at most `limit`:
// - worst service level: rows with offered > 0 and a valid headline service level, lowest first
//   (ties: more offered first, then earlier);
// - longest waits: rows with a call, by longest_wait_ms descending (ties: earlier first);
// - abandon spikes: rows whose abandoned (short ones excluded) is at least 3 and at least twice
//   the mean of the group's rows with calls offered, most first (ties: earlier first).
std::vector<size_t> WorstServiceLevelRows(const Report& report, int32_t group, size_t limit);
std::vector<size_t> LongestWaitRows(const Report& report, int32_t group, size_t limit);
std::vector<size_t> AbandonSpikeRows(const Report& report, int32_t group, size_t limit);
// The mean of (abandoned - short_abandoned) over the group's rows with offered > 0 (the spike rule's base).
double MeanAbandons(const Report& report, int32_t group);

}  // namespace cb
