// Report model (report.h): query checks, named ranges, buckets of a zone, definition versions,
// building a report's rows from stored counts, and every KPI of a row from its summed counts.
#include "core/report/report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

namespace cb {
namespace {

constexpr std::string_view kGranularityNames[] = {"15min", "30min", "60min", "day", "week", "month", "range"};
constexpr std::string_view kGroupNames[] = {"center", "queue", "team", "agent"};
constexpr std::string_view kWeekdayNames[] = {"monday", "tuesday", "wednesday", "thursday",
                                              "friday", "saturday", "sunday"};
constexpr std::string_view kKpiNames[] = {
    "service_level",
    "sl_answered_over_offered",
    "sl_answered_over_answered",
    "sl_removed_over_queued",
    "sl_answered_and_abandoned_within_t",
    "sl_answered_over_offered_less_short",
    "sl_answered_over_answered_plus_late_abandons",
    "abandon_rate",
    "occupancy",
    "utilization",
    "asa_ms",
    "aht_ms",
    "avg_talk_ms",
    "avg_hold_ms",
    "avg_wrap_ms",
    "avg_abandon_wait_ms",
    "avg_order_value_cents",
    "agents_staffed",
};
static_assert(std::size(kKpiNames) == static_cast<size_t>(ReportKpi::kCount));

CivilDate AddDays(const CivilDate& d, int64_t days) { return CivilFromDays(DaysFromCivil(d) + days); }

std::string TwoDigits(int v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}

// "+01:00", "-05:30".
std::string OffsetText(int32_t offset_min) {
    const int32_t a = offset_min < 0 ? -offset_min : offset_min;
    return std::string(offset_min < 0 ? "-" : "+") + TwoDigits(a / 60) + ":" + TwoDigits(a % 60);
}

CivilDate WeekStart(const CivilDate& d, int first_weekday) {
    const int back = (WeekdayOf(d) - first_weekday + 7) % 7;
    return AddDays(d, -back);
}

// "2026-W13": the ISO year and week of the week starting on Monday `monday`.
std::string IsoWeekLabel(const CivilDate& monday) {
    const CivilDate thursday = AddDays(monday, 3);
    const int64_t day_of_year = DaysFromCivil(thursday) - DaysFromCivil(CivilDate{thursday.year, 1, 1});
    const int week = static_cast<int>(day_of_year / 7) + 1;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-W%02d", thursday.year, week);
    return buf;
}

CivilDate MonthStart(const CivilDate& d) { return CivilDate{d.year, d.month, 1}; }
CivilDate NextMonthStart(const CivilDate& d) {
    return d.month == 12 ? CivilDate{d.year + 1, 1, 1} : CivilDate{d.year, d.month + 1, 1};
}

bool IsIntervalGranularity(ReportGranularity g) { return GranularityMinutes(g) > 0; }

KpiFigure FromRatio(ReportKpi k, const Ratio& r) {
    KpiFigure f;
    f.kpi = k;
    f.ratio = true;
    f.numerator = r.numerator;
    f.denominator = r.denominator;
    f.valid = r.valid;
    f.value = r.value;
    return f;
}

KpiFigure FromMean(ReportKpi k, const Mean& m) {
    KpiFigure f;
    f.kpi = k;
    f.ratio = false;
    f.numerator = m.total;
    f.denominator = m.count;
    f.valid = m.valid;
    f.value = m.value;
    return f;
}

DefinitionVersion BuiltInDefault() {
    DefinitionVersion d;
    d.id = 0;
    d.queue = std::string(kCenterDefinitionKey);
    return d;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string_view ReportGranularityName(ReportGranularity g) {
    const auto i = static_cast<size_t>(g);
    return i < std::size(kGranularityNames) ? kGranularityNames[i] : "";
}

bool ParseReportGranularity(std::string_view name, ReportGranularity* out) {
    for (size_t i = 0; i < std::size(kGranularityNames); ++i) {
        if (kGranularityNames[i] == name) {
            *out = static_cast<ReportGranularity>(i);
            return true;
        }
    }
    return false;
}

int GranularityMinutes(ReportGranularity g) {
    switch (g) {
    case ReportGranularity::Minutes15: return 15;
    case ReportGranularity::Minutes30: return 30;
    case ReportGranularity::Minutes60: return 60;
    default: return 0;
    }
}

std::string_view ReportGroupName(ReportGroup g) {
    const auto i = static_cast<size_t>(g);
    return i < std::size(kGroupNames) ? kGroupNames[i] : "";
}

bool ParseReportGroup(std::string_view name, ReportGroup* out) {
    for (size_t i = 0; i < std::size(kGroupNames); ++i) {
        if (kGroupNames[i] == name) {
            *out = static_cast<ReportGroup>(i);
            return true;
        }
    }
    return false;
}

std::string_view WeekdayName(int weekday) {
    return weekday >= 0 && weekday < 7 ? kWeekdayNames[weekday] : "";
}

bool ParseWeekday(std::string_view name, int* out) {
    for (int i = 0; i < 7; ++i) {
        if (kWeekdayNames[i] == name) {
            *out = i;
            return true;
        }
    }
    return false;
}

int64_t DaysInRange(const CivilDate& from, const CivilDate& to) { return DaysFromCivil(to) - DaysFromCivil(from) + 1; }

std::optional<ReportProblem> CheckReportQuery(const ReportQuery& q, int stored_interval_minutes) {
    auto problem = [](std::string field, const std::string& message) {
        return ReportProblem{field, field + ": " + message};
    };
    if (q.from.year < 1970) return problem("from", FormatCivilDate(q.from) + " is before 1970-01-01");
    if (q.to.year > 2099) return problem("to", FormatCivilDate(q.to) + " is after 2099-12-31");
    if (q.to < q.from) {
        return problem("to", FormatCivilDate(q.to) + " is before from (" + FormatCivilDate(q.from) + ")");
    }
    if (q.granularity >= ReportGranularity::kCount) return problem("granularity", "unknown granularity");
    if (q.group >= ReportGroup::kCount) return problem("group", "unknown group");
    const int64_t days = DaysInRange(q.from, q.to);
    const int minutes = GranularityMinutes(q.granularity);
    const int64_t limit = minutes > 0 ? kMaxIntervalReportDays : kMaxReportDays;
    if (days > limit) {
        return problem("to", "the range " + FormatCivilDate(q.from) + " to " + FormatCivilDate(q.to) + " is " +
                                 std::to_string(days) + " days; " +
                                 (minutes > 0 ? std::to_string(minutes) + "-minute reports" : std::string("reports")) +
                                 " cover at most " + std::to_string(limit) + " days");
    }
    if (minutes > 0 && (minutes < stored_interval_minutes || minutes % stored_interval_minutes != 0)) {
        return problem("granularity", "intervals are stored as " + std::to_string(stored_interval_minutes) +
                                          " minutes; a report can cut multiples of them (" +
                                          (stored_interval_minutes == 15   ? std::string("15min, 30min, 60min")
                                           : stored_interval_minutes == 30 ? std::string("30min, 60min")
                                                                           : std::string("60min")) +
                                          "), not " + std::to_string(minutes) + " minutes");
    }
    if (q.first_weekday < 0 || q.first_weekday > 6) {
        return problem("first_weekday", std::to_string(q.first_weekday) + " is not a weekday (0 = Monday ... 6 = Sunday)");
    }
    struct Filter {
        const char* field;
        const std::vector<std::string>* keys;
    };
    const Filter filters[] = {{"queue", &q.queues}, {"team", &q.teams}, {"agent", &q.agents}};
    for (const Filter& f : filters) {
        for (const std::string& key : *f.keys) {
            if (key.empty()) return problem(f.field, "an empty key");
        }
    }
    const std::string group(ReportGroupName(q.group));
    switch (q.group) {
    case ReportGroup::Center: {
        int kinds = 0;
        for (const Filter& f : filters) kinds += f.keys->empty() ? 0 : 1;
        if (kinds > 1) {
            return problem(q.agents.empty() ? "team" : "agent",
                           "the center's row sums one kind of group: filter by queues, by teams or by agents, not several");
        }
        break;
    }
    case ReportGroup::Queue:
        if (!q.teams.empty()) return problem("team", "queue rows cannot be filtered by team (group by team, or filter by queue)");
        if (!q.agents.empty()) return problem("agent", "queue rows cannot be filtered by agent (group by agent, or filter by queue)");
        break;
    case ReportGroup::Team:
        if (!q.queues.empty()) return problem("queue", "team rows cannot be filtered by queue (teams answer every queue)");
        if (!q.agents.empty()) return problem("agent", "team rows cannot be filtered by agent (group by agent)");
        break;
    case ReportGroup::Agent:
        if (!q.queues.empty()) return problem("queue", "agent rows cannot be filtered by queue (agents answer every queue)");
        break;
    case ReportGroup::kCount: break;
    }
    return std::nullopt;
}

bool ResolveReportRange(std::string_view name, const CivilDate& today, int first_weekday, CivilDate* from,
                        CivilDate* to) {
    if (name == "today") {
        *from = *to = today;
    } else if (name == "yesterday") {
        *from = *to = AddDays(today, -1);
    } else if (name == "this_week") {
        *from = WeekStart(today, first_weekday);
        *to = AddDays(*from, 6);
    } else if (name == "last_week") {
        *from = AddDays(WeekStart(today, first_weekday), -7);
        *to = AddDays(*from, 6);
    } else if (name == "this_month") {
        *from = MonthStart(today);
        *to = AddDays(NextMonthStart(today), -1);
    } else if (name == "last_month") {
        *to = AddDays(MonthStart(today), -1);
        *from = MonthStart(*to);
    } else {
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------

int64_t RangeStartMs(const TimeZone& zone, const ReportQuery& q) { return zone.StartOfDate(q.from); }
int64_t RangeEndMs(const TimeZone& zone, const ReportQuery& q) { return zone.StartOfDate(AddDays(q.to, 1)); }

std::vector<ReportBucket> MakeReportBuckets(const TimeZone& zone, const ReportQuery& q) {
    std::vector<ReportBucket> out;
    auto bucket = [&](const CivilDate& first, const CivilDate& last, bool partial, std::string label) {
        ReportBucket b;
        b.start_ms = zone.StartOfDate(first);
        b.end_ms = zone.StartOfDate(AddDays(last, 1));
        b.first_date = first;
        b.last_date = last;
        b.offset_min = zone.OffsetMinutesAt(b.start_ms);
        b.partial = partial;
        b.label = std::move(label);
        out.push_back(std::move(b));
    };
    const int64_t first_day = DaysFromCivil(q.from);
    const int64_t last_day = DaysFromCivil(q.to);
    if (IsIntervalGranularity(q.granularity)) {
        const int64_t len = int64_t{GranularityMinutes(q.granularity)} * 60000;
        for (int64_t day = first_day; day <= last_day; ++day) {
            const CivilDate date = CivilFromDays(day);
            const int64_t start = zone.StartOfDate(date);
            const int64_t end = zone.StartOfDate(CivilFromDays(day + 1));
            for (int64_t t = start; t < end; t += len) {
                ReportBucket b;
                b.start_ms = t;
                b.end_ms = std::min(end, t + len);
                b.first_date = b.last_date = date;
                b.offset_min = zone.OffsetMinutesAt(t);
                const CivilTime local = zone.ToCivil(t);
                b.label = FormatCivilDate(local.date) + " " + TwoDigits(local.hour) + ":" + TwoDigits(local.minute) + " " +
                          OffsetText(b.offset_min);
                out.push_back(std::move(b));
            }
        }
        return out;
    }
    switch (q.granularity) {
    case ReportGranularity::Day:
        for (int64_t day = first_day; day <= last_day; ++day) {
            const CivilDate date = CivilFromDays(day);
            bucket(date, date, false, FormatCivilDate(date));
        }
        break;
    case ReportGranularity::Week:
        for (CivilDate w = WeekStart(q.from, q.first_weekday); w <= q.to; w = AddDays(w, 7)) {
            const CivilDate week_end = AddDays(w, 6);
            const CivilDate first = std::max(w, q.from);
            const CivilDate last = std::min(week_end, q.to);
            const std::string label = q.first_weekday == 0 ? IsoWeekLabel(w)
                                                           : FormatCivilDate(w) + "/" + FormatCivilDate(week_end);
            bucket(first, last, first != w || last != week_end, label);
        }
        break;
    case ReportGranularity::Month:
        for (CivilDate m = MonthStart(q.from); m <= q.to; m = NextMonthStart(m)) {
            const CivilDate month_end = AddDays(NextMonthStart(m), -1);
            const CivilDate first = std::max(m, q.from);
            const CivilDate last = std::min(month_end, q.to);
            char label[32];
            std::snprintf(label, sizeof label, "%04d-%02d", m.year, m.month);
            bucket(first, last, first != m || last != month_end, label);
        }
        break;
    case ReportGranularity::Range:
        bucket(q.from, q.to, false, FormatCivilDate(q.from) + "/" + FormatCivilDate(q.to));
        break;
    default: break;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------

void LinkDefinitionVersions(std::vector<DefinitionVersion>* versions) {
    auto& v = *versions;
    std::sort(v.begin(), v.end(), [](const DefinitionVersion& a, const DefinitionVersion& b) {
        if (a.queue != b.queue) return a.queue < b.queue;
        return a.valid_from_ms < b.valid_from_ms;
    });
    for (size_t i = 0; i < v.size(); ++i) {
        const bool has_next = i + 1 < v.size() && v[i + 1].queue == v[i].queue;
        v[i].valid_to_ms = has_next ? v[i + 1].valid_from_ms : INT64_MAX;
    }
}

const DefinitionVersion* DefinitionAt(const std::vector<DefinitionVersion>& versions, std::string_view queue,
                                      int64_t t_ms) {
    for (const DefinitionVersion& d : versions) {
        if (d.queue == queue && d.valid_from_ms <= t_ms && t_ms < d.valid_to_ms) return &d;
    }
    return nullptr;
}

void ReportExtras::Add(const ReportExtras& o) {
    for (size_t i = 0; i < not_ready_ms.size(); ++i) not_ready_ms[i] += o.not_ready_ms[i];
    callbacks_promised += o.callbacks_promised;
    callbacks_kept += o.callbacks_kept;
}

int64_t ReportExtras::NotReadyTotal() const {
    int64_t total = 0;
    for (int64_t ms : not_ready_ms) total += ms;
    return total;
}

bool ReportExtras::Empty() const { return *this == ReportExtras{}; }

ReportExtras OutcomeTagExtras(Outcome outcome) {
    ReportExtras e;
    if (outcome == Outcome::CallbackPromised) e.callbacks_promised = 1;
    if (outcome == Outcome::CallbackKept) e.callbacks_kept = 1;
    return e;
}

void AddNotReadyTime(ReportExtras* into, AgentState state, NotReadyReason reason, int64_t ms) {
    if (state != AgentState::NotReady || ms <= 0) return;
    const auto r = static_cast<size_t>(reason);
    if (r < kNotReadyReasonCount) into->not_ready_ms[r] += ms;
}

const DefinitionVersion* Report::Definition(int64_t id) const {
    for (const DefinitionVersion& d : definitions) {
        if (d.id == id) return &d;
    }
    return nullptr;
}

ServiceLevelDef Report::HeadlineSl(const ReportRow& row) const {
    const DefinitionVersion* d = Definition(row.headline_definition);
    ServiceLevelDef sl = d ? d->sl : ServiceLevelDef{};
    // Agents' and teams' counts hold only the calls they answered: the one service level that
    // applies to them is answered within T / answered.
    if (query.group == ReportGroup::Team || query.group == ReportGroup::Agent) sl.variant = SlVariant::AnsweredOverAnswered;
    return sl;
}

int64_t Report::BucketMs(const ReportRow& row) const {
    if (row.bucket >= 0 && static_cast<size_t>(row.bucket) < buckets.size()) {
        return buckets[row.bucket].end_ms - buckets[row.bucket].start_ms;
    }
    return to_ms - from_ms;
}

Report BuildReport(const ReportQuery& query, const TimeZone& zone, const ReportSource& source, int64_t generated_ms) {
    Report r;
    r.query = query;
    r.zone = zone.name();
    r.interval_minutes = source.interval_minutes;
    r.from_ms = RangeStartMs(zone, query);
    r.to_ms = RangeEndMs(zone, query);
    r.generated_ms = generated_ms;
    r.buckets = MakeReportBuckets(zone, query);
    r.groups = source.groups;
    r.pending_days = source.pending_days;
    const size_t n_buckets = r.buckets.size();
    const size_t n_groups = r.groups.size();
    r.rows.resize(n_groups * n_buckets);
    r.totals.resize(n_groups);
    for (size_t g = 0; g < n_groups; ++g) {
        for (size_t b = 0; b < n_buckets; ++b) {
            ReportRow& row = r.rows[g * n_buckets + b];
            row.group = static_cast<int32_t>(g);
            row.bucket = static_cast<int32_t>(b);
        }
        r.totals[g].group = static_cast<int32_t>(g);
        r.totals[g].bucket = -1;
    }
    // Each stored row lands in the bucket holding its start.
    for (const ReportSource::Row& in : source.rows) {
        if (in.group >= n_groups) continue;
        auto it = std::upper_bound(r.buckets.begin(), r.buckets.end(), in.start_ms,
                                   [](int64_t t, const ReportBucket& b) { return t < b.start_ms; });
        if (it == r.buckets.begin()) continue;
        --it;
        if (in.start_ms >= it->end_ms) continue;
        const size_t b = static_cast<size_t>(it - r.buckets.begin());
        ReportRow& row = r.rows[in.group * n_buckets + b];
        row.counts.Add(in.counts);
        row.extras.Add(in.extras);
        r.totals[in.group].counts.Add(in.counts);
        r.totals[in.group].extras.Add(in.extras);
    }

    // Definitions: the versions of each group's queues overlapping the row's period, and the
    // headline's (the queue's own for a queue row, the center's for the others).
    std::unordered_map<std::string, std::vector<const DefinitionVersion*>> by_key;
    for (const DefinitionVersion& d : source.definitions) by_key[d.queue].push_back(&d);
    std::set<int64_t> used;
    bool builtin_used = false;
    auto overlapping = [&](const std::string& key, int64_t from, int64_t to) {
        std::vector<const DefinitionVersion*> out;
        auto it = by_key.find(key);
        if (it == by_key.end()) return out;
        for (const DefinitionVersion* d : it->second) {
            if (d->valid_from_ms < to && from < d->valid_to_ms) out.push_back(d);
        }
        return out;
    };
    auto assign = [&](ReportRow& row, int64_t from, int64_t to) {
        const size_t g = static_cast<size_t>(row.group);
        std::set<std::pair<int, int>> thresholds;
        if (g < source.group_queues.size()) {
            for (const std::string& queue : source.group_queues[g]) {
                for (const DefinitionVersion* d : overlapping(queue, from, to)) {
                    row.definitions.push_back(d->id);
                    thresholds.insert({d->sl.threshold_s, d->sl.short_abandon_s});
                    used.insert(d->id);
                }
            }
        }
        std::sort(row.definitions.begin(), row.definitions.end());
        row.definitions.erase(std::unique(row.definitions.begin(), row.definitions.end()), row.definitions.end());
        row.mixed_definitions = thresholds.size() > 1;
        const std::string headline_key =
            query.group == ReportGroup::Queue ? r.groups[g].key : std::string(kCenterDefinitionKey);
        const std::vector<const DefinitionVersion*> headline = overlapping(headline_key, from, to);
        if (headline.empty()) {
            row.headline_definition = 0;
            builtin_used = true;
        } else {
            row.headline_definition = headline.back()->id;  // the latest version in the period
            used.insert(row.headline_definition);
        }
    };
    for (ReportRow& row : r.rows) assign(row, r.buckets[row.bucket].start_ms, r.buckets[row.bucket].end_ms);
    for (ReportRow& row : r.totals) assign(row, r.from_ms, r.to_ms);
    for (const DefinitionVersion& d : source.definitions) {
        if (used.count(d.id)) r.definitions.push_back(d);
    }
    if (builtin_used) r.definitions.insert(r.definitions.begin(), BuiltInDefault());
    return r;
}

// ---------------------------------------------------------------------------------------------

std::string_view ReportKpiName(ReportKpi k) {
    const auto i = static_cast<size_t>(k);
    return i < std::size(kKpiNames) ? kKpiNames[i] : "";
}

bool ParseReportKpi(std::string_view name, ReportKpi* out) {
    for (size_t i = 0; i < std::size(kKpiNames); ++i) {
        if (kKpiNames[i] == name) {
            *out = static_cast<ReportKpi>(i);
            return true;
        }
    }
    return false;
}

namespace {

SlVariant VariantOf(ReportKpi k) {
    const int i = static_cast<int>(k) - static_cast<int>(ReportKpi::SlAnsweredOverOffered);
    return i >= 0 && i < static_cast<int>(SlVariant::kCount) ? static_cast<SlVariant>(i) : SlVariant::kCount;
}

}  // namespace

KpiParts SlVariantParts(SlVariant v) {
    switch (v) {
    case SlVariant::AnsweredOverOffered: return {"answered_within_t", "offered"};
    case SlVariant::AnsweredOverAnswered: return {"answered_within_t", "answered"};
    case SlVariant::RemovedOverQueued: return {"answered_within_t + abandoned_within_t", "offered"};
    case SlVariant::AnsweredAndAbandonedWithinT: return {"answered_within_t + abandoned_within_t", "answered + abandoned"};
    case SlVariant::AnsweredOverOfferedLessShort: return {"answered_within_t", "offered - short_abandoned"};
    case SlVariant::AnsweredOverAnsweredPlusLateAbandons:
        return {"answered_within_t", "answered + abandoned - abandoned_within_t"};
    case SlVariant::kCount: break;
    }
    return {"", ""};
}

KpiParts ReportKpiParts(ReportKpi k, SlVariant headline_variant) {
    switch (k) {
    case ReportKpi::ServiceLevel: return SlVariantParts(headline_variant);
    case ReportKpi::AbandonRate: return {"abandoned - short_abandoned", "offered - short_abandoned"};
    case ReportKpi::Occupancy: return {"busy_ms", "busy_ms + available_ms"};
    case ReportKpi::Utilization: return {"busy_ms", "staffed_ms"};
    case ReportKpi::Asa: return {"wait_answered_ms", "answered"};
    case ReportKpi::Aht: return {"talk_ms + hold_ms + wrap_ms", "handled"};
    case ReportKpi::AverageTalk: return {"talk_ms", "handled"};
    case ReportKpi::AverageHold: return {"hold_ms", "handled"};
    case ReportKpi::AverageWrap: return {"wrap_ms", "handled"};
    case ReportKpi::AverageAbandonWait: return {"wait_abandoned_ms", "abandoned"};
    case ReportKpi::AverageOrderValue: return {"order_value_cents", "orders"};
    case ReportKpi::AgentsStaffed: return {"staffed_ms", "period_ms"};
    case ReportKpi::kCount: return {"", ""};
    default: return SlVariantParts(VariantOf(k));
    }
}

std::string ReportKpiFormula(ReportKpi k, SlVariant headline_variant) {
    const KpiParts p = ReportKpiParts(k, headline_variant);
    if (p.numerator.empty()) return "";
    auto wrap = [](std::string_view e) {
        return e.find(' ') == std::string_view::npos ? std::string(e) : "(" + std::string(e) + ")";
    };
    return wrap(p.numerator) + " / " + wrap(p.denominator);
}

bool IsRatioKpi(ReportKpi k) {
    switch (k) {
    case ReportKpi::Asa:
    case ReportKpi::Aht:
    case ReportKpi::AverageTalk:
    case ReportKpi::AverageHold:
    case ReportKpi::AverageWrap:
    case ReportKpi::AverageAbandonWait:
    case ReportKpi::AverageOrderValue:
    case ReportKpi::AgentsStaffed: return false;
    default: return true;
    }
}

KpiFigure ComputeReportKpi(ReportKpi k, const KpiCounts& c, const ServiceLevelDef& headline, int64_t bucket_ms) {
    switch (k) {
    case ReportKpi::ServiceLevel: {
        KpiFigure f = FromRatio(k, ServiceLevel(c, headline));
        f.variant = headline.variant;
        return f;
    }
    case ReportKpi::AbandonRate: return FromRatio(k, AbandonRate(c));
    case ReportKpi::Occupancy: return FromRatio(k, Occupancy(c));
    case ReportKpi::Utilization: return FromRatio(k, Utilization(c));
    case ReportKpi::Asa: return FromMean(k, Asa(c));
    case ReportKpi::Aht: return FromMean(k, Aht(c));
    case ReportKpi::AverageTalk: return FromMean(k, AverageTalk(c));
    case ReportKpi::AverageHold: return FromMean(k, AverageHold(c));
    case ReportKpi::AverageWrap: return FromMean(k, AverageWrap(c));
    case ReportKpi::AverageAbandonWait: return FromMean(k, AverageAbandonWait(c));
    case ReportKpi::AverageOrderValue: return FromMean(k, AverageOrderValue(c));
    case ReportKpi::AgentsStaffed: {
        Mean m;
        m.total = c.staffed_ms;
        m.count = bucket_ms;
        m.valid = bucket_ms > 0;
        m.value = m.valid ? static_cast<double>(c.staffed_ms) / static_cast<double>(bucket_ms) : 0.0;
        return FromMean(k, m);
    }
    case ReportKpi::kCount: return KpiFigure{};
    default: {
        ServiceLevelDef def = headline;
        def.variant = VariantOf(k);
        KpiFigure f = FromRatio(k, ServiceLevel(c, def));
        f.variant = def.variant;
        return f;
    }
    }
}

std::vector<KpiFigure> ReportRowKpis(const Report& report, const ReportRow& row) {
    const ServiceLevelDef headline = report.HeadlineSl(row);
    const int64_t ms = report.BucketMs(row);
    std::vector<KpiFigure> out;
    out.reserve(static_cast<size_t>(ReportKpi::kCount));
    for (int k = 0; k < static_cast<int>(ReportKpi::kCount); ++k) {
        out.push_back(ComputeReportKpi(static_cast<ReportKpi>(k), row.counts, headline, ms));
    }
    return out;
}

}  // namespace cb
