// The Reports area's tables, charts and pages from a Report (report_views.h).
#include "core/report/report_views.h"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <tuple>

namespace cb {

namespace {

bool SameGroup(const ReportRow& r, int32_t group) { return r.group == group; }

// A row's value in a column; false when it has none (a KPI without a denominator).
bool ColumnValue(const Report& report, const ReportRow& row, ReportColumn column, double* out) {
    switch (column.kind) {
    case ReportColumn::Kind::Period: *out = double(row.bucket); return true;
    case ReportColumn::Kind::Group: *out = double(row.group); return true;
    case ReportColumn::Kind::Count: {
        const auto fields = KpiCountFields();
        if (column.index < 0 || size_t(column.index) >= fields.size()) return false;
        *out = double(row.counts.*(fields[size_t(column.index)].member));
        return true;
    }
    case ReportColumn::Kind::Kpi: {
        if (column.index < 0 || column.index >= int(ReportKpi::kCount)) return false;
        const KpiFigure f = ComputeReportKpi(static_cast<ReportKpi>(column.index), row.counts, report.HeadlineSl(row),
                                             report.BucketMs(row));
        *out = f.value;
        return f.valid;
    }
    }
    return false;
}

const std::string& GroupName(const Report& report, int32_t group) {
    static const std::string kEmpty;
    return group >= 0 && size_t(group) < report.groups.size() ? report.groups[size_t(group)].name_en : kEmpty;
}
const std::string& GroupKey(const Report& report, int32_t group) {
    static const std::string kEmpty;
    return group >= 0 && size_t(group) < report.groups.size() ? report.groups[size_t(group)].key : kEmpty;
}

}  // namespace

std::vector<size_t> SortReportRows(const Report& report, const std::vector<ReportRow>& rows, ReportColumn column,
                                   bool descending) {
    std::vector<size_t> order(rows.size());
    std::iota(order.begin(), order.end(), size_t{0});
    if (column.kind == ReportColumn::Kind::Group) {
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            const ReportRow& x = rows[a];
            const ReportRow& y = rows[b];
            const auto kx = std::tie(GroupName(report, x.group), GroupKey(report, x.group));
            const auto ky = std::tie(GroupName(report, y.group), GroupKey(report, y.group));
            return descending ? ky < kx : kx < ky;
        });
        return order;
    }
    std::vector<double> value(rows.size(), 0.0);
    std::vector<char> has(rows.size(), 0);
    for (size_t i = 0; i < rows.size(); ++i) has[i] = ColumnValue(report, rows[i], column, &value[i]) ? 1 : 0;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (has[a] != has[b]) return has[a] > has[b];  // no value: last either way
        if (!has[a]) return false;
        return descending ? value[a] > value[b] : value[a] < value[b];
    });
    return order;
}

std::vector<TrendPoint> ReportTrend(const Report& report, int32_t group, ReportKpi kpi) {
    std::vector<TrendPoint> out;
    for (const ReportRow& row : report.rows) {
        if (!SameGroup(row, group)) continue;
        const ServiceLevelDef sl = report.HeadlineSl(row);
        const KpiFigure f = ComputeReportKpi(kpi, row.counts, sl, report.BucketMs(row));
        out.push_back({row.bucket, f.valid, f.value, f.numerator, f.denominator, sl.target});
    }
    return out;
}

std::vector<VolumeBar> ReportVolumeBars(const Report& report, int32_t group) {
    std::vector<VolumeBar> out;
    for (const ReportRow& row : report.rows)
        if (SameGroup(row, group))
            out.push_back({row.bucket, row.counts.offered, row.counts.answered, row.counts.abandoned});
    return out;
}

Heatmap ReportHeatmap(const Report& report, int32_t group, HeatmapMetric metric) {
    Heatmap map;
    map.metric = metric;
    // The slot of each bucket: how many buckets of the same local date come before it.
    std::vector<int> slot(report.buckets.size(), 0);
    const bool intervals = GranularityMinutes(report.query.granularity) > 0;
    for (size_t b = 0; b < report.buckets.size(); ++b) {
        slot[b] = intervals && b > 0 && report.buckets[b - 1].first_date == report.buckets[b].first_date ? slot[b - 1] + 1 : 0;
        map.slots = std::max(map.slots, slot[b] + 1);
    }
    map.slot_labels.assign(size_t(map.slots), std::string());
    if (intervals) {
        // "08:00" from the bucket's label ("2026-03-29 08:00 +02:00"), first seen wins.
        for (size_t b = 0; b < report.buckets.size(); ++b) {
            std::string& label = map.slot_labels[size_t(slot[b])];
            const std::string& l = report.buckets[b].label;
            if (label.empty() && l.size() >= 16) label = l.substr(11, 5);
        }
    }
    map.cells.assign(size_t(7) * size_t(map.slots), HeatCell{});
    for (const ReportRow& row : report.rows) {
        if (!SameGroup(row, group) || row.bucket < 0 || size_t(row.bucket) >= report.buckets.size()) continue;
        const ReportBucket& b = report.buckets[size_t(row.bucket)];
        HeatCell& cell = map.cells[size_t(WeekdayOf(b.first_date)) * size_t(map.slots) + size_t(slot[size_t(row.bucket)])];
        if (metric == HeatmapMetric::Volume) {
            cell.numerator += row.counts.offered;
            cell.denominator += 1;
        } else {
            const KpiFigure f = ComputeReportKpi(ReportKpi::ServiceLevel, row.counts, report.HeadlineSl(row), report.BucketMs(row));
            cell.numerator += f.numerator;
            cell.denominator += f.denominator;
        }
    }
    for (HeatCell& cell : map.cells) {
        if (metric == HeatmapMetric::Volume) {
            cell.valid = cell.denominator > 0;
            cell.value = double(cell.numerator);
        } else {
            cell.valid = cell.denominator > 0;
            cell.value = cell.valid ? double(cell.numerator) / double(cell.denominator) : 0.0;
        }
        if (cell.valid) map.max_value = std::max(map.max_value, cell.value);
    }
    return map;
}

namespace {

const ReportRow* TotalOf(const Report& r, int32_t group) {
    for (const ReportRow& row : r.totals)
        if (row.group == group) return &row;
    return nullptr;
}

}  // namespace

std::vector<PeriodChange> ComparePeriods(const Report& now, const Report& before, int32_t group) {
    std::vector<PeriodChange> out;
    const ReportRow* a = TotalOf(now, group);
    const ReportRow* b = TotalOf(before, group);
    const auto finish = [&](PeriodChange c) {
        if (c.now_valid && c.before_valid) {
            c.change = c.now - c.before;
            if (!c.ratio && c.before != 0.0) {
                c.change_pct = c.change / c.before;
                c.change_pct_valid = true;
            }
        }
        out.push_back(std::move(c));
    };
    for (const char* name : {"offered", "answered", "abandoned"}) {
        PeriodChange c;
        c.id = name;
        for (const KpiCountField& f : KpiCountFields()) {
            if (f.name != name) continue;
            if (a) { c.now = double(a->counts.*f.member); c.now_valid = true; }
            if (b) { c.before = double(b->counts.*f.member); c.before_valid = true; }
        }
        finish(std::move(c));
    }
    for (ReportKpi k : {ReportKpi::ServiceLevel, ReportKpi::AbandonRate, ReportKpi::Asa, ReportKpi::Aht, ReportKpi::Occupancy}) {
        PeriodChange c;
        c.id = std::string(ReportKpiName(k));
        c.ratio = IsRatioKpi(k);
        if (a) {
            const KpiFigure f = ComputeReportKpi(k, a->counts, now.HeadlineSl(*a), now.BucketMs(*a));
            c.now_valid = f.valid;
            c.now = f.value;
        }
        if (b) {
            const KpiFigure f = ComputeReportKpi(k, b->counts, before.HeadlineSl(*b), before.BucketMs(*b));
            c.before_valid = f.valid;
            c.before = f.value;
        }
        finish(std::move(c));
    }
    return out;
}

void PreviousPeriod(const CivilDate& from, const CivilDate& to, CivilDate* prev_from, CivilDate* prev_to) {
    const bool whole_months = from.day == 1 && CivilFromDays(DaysFromCivil(to) + 1).day == 1;
    if (whole_months) {
        const int months = (to.year - from.year) * 12 + (to.month - from.month) + 1;
        int y = from.year, m = from.month - months;
        while (m < 1) { m += 12; --y; }
        *prev_from = CivilDate{y, m, 1};
        *prev_to = CivilFromDays(DaysFromCivil(from) - 1);
        return;
    }
    const int64_t days = DaysFromCivil(to) - DaysFromCivil(from) + 1;
    *prev_to = CivilFromDays(DaysFromCivil(from) - 1);
    *prev_from = CivilFromDays(DaysFromCivil(from) - days);
}

std::vector<size_t> WorstServiceLevelRows(const Report& report, int32_t group, size_t limit) {
    struct Pick { size_t row; double sl; int64_t offered; };
    std::vector<Pick> picks;
    for (size_t i = 0; i < report.rows.size(); ++i) {
        const ReportRow& row = report.rows[i];
        if (!SameGroup(row, group) || row.counts.offered <= 0) continue;
        const KpiFigure f = ComputeReportKpi(ReportKpi::ServiceLevel, row.counts, report.HeadlineSl(row), report.BucketMs(row));
        if (f.valid) picks.push_back({i, f.value, row.counts.offered});
    }
    std::stable_sort(picks.begin(), picks.end(), [](const Pick& a, const Pick& b) {
        if (a.sl != b.sl) return a.sl < b.sl;
        return a.offered > b.offered;
    });
    std::vector<size_t> out;
    for (size_t i = 0; i < picks.size() && out.size() < limit; ++i) out.push_back(picks[i].row);
    return out;
}

std::vector<size_t> LongestWaitRows(const Report& report, int32_t group, size_t limit) {
    std::vector<size_t> picks;
    for (size_t i = 0; i < report.rows.size(); ++i) {
        const ReportRow& row = report.rows[i];
        if (SameGroup(row, group) && row.counts.offered > 0 && row.counts.longest_wait_ms > 0) picks.push_back(i);
    }
    std::stable_sort(picks.begin(), picks.end(), [&](size_t a, size_t b) {
        return report.rows[a].counts.longest_wait_ms > report.rows[b].counts.longest_wait_ms;
    });
    if (picks.size() > limit) picks.resize(limit);
    return picks;
}

namespace {
int64_t LongAbandons(const KpiCounts& c) { return c.abandoned - c.short_abandoned; }
}  // namespace

double MeanAbandons(const Report& report, int32_t group) {
    int64_t sum = 0, n = 0;
    for (const ReportRow& row : report.rows) {
        if (!SameGroup(row, group) || row.counts.offered <= 0) continue;
        sum += LongAbandons(row.counts);
        ++n;
    }
    return n > 0 ? double(sum) / double(n) : 0.0;
}

std::vector<size_t> AbandonSpikeRows(const Report& report, int32_t group, size_t limit) {
    const double mean = MeanAbandons(report, group);
    std::vector<size_t> picks;
    for (size_t i = 0; i < report.rows.size(); ++i) {
        const ReportRow& row = report.rows[i];
        if (!SameGroup(row, group) || row.counts.offered <= 0) continue;
        const int64_t n = LongAbandons(row.counts);
        if (n >= 3 && double(n) >= 2.0 * mean) picks.push_back(i);
    }
    std::stable_sort(picks.begin(), picks.end(), [&](size_t a, size_t b) {
        return LongAbandons(report.rows[a].counts) > LongAbandons(report.rows[b].counts);
    });
    if (picks.size() > limit) picks.resize(limit);
    return picks;
}

}  // namespace cb
