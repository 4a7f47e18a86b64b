// Reports over stored history (docs/reports.md): the query (local dates in the center's time
// zone, cadence, grouping, filters), the period buckets of a zone (23 h and 25 h days right),
// the rows (summed KpiCounts and not-ready time by reason per group and bucket), the versioned
// service-level definitions the numbers used, and every KPI of docs/metrics.md computed from the
// summed counts with its parts and formula id. Pure: the store reads the rows, the server checks
// who may see what, the API, the command line and both front-ends share these types and their
// JSON (report_json.h) and CSV (report_csv.h). Compiles to WebAssembly.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "core/events.h"
#include "core/kpi.h"
#include "core/snapshot.h"
#include "core/tz.h"

namespace cb {

// ---------------------------------------------------------------------------------------------
// The query

// How finely a report cuts its range. Intervals are aligned to local midnight and counted in
// elapsed time, as stored (docs/metrics.md): a 23 h day has 92 intervals of 15 minutes.
enum class ReportGranularity : uint8_t { Minutes15, Minutes30, Minutes60, Day, Week, Month, Range, kCount };
std::string_view ReportGranularityName(ReportGranularity g);  // "15min", "30min", "60min", "day", "week", "month", "range"
bool ParseReportGranularity(std::string_view name, ReportGranularity* out);
// 15, 30 or 60 for the interval granularities, 0 for the others.
int GranularityMinutes(ReportGranularity g);

// What one row of a report is about.
enum class ReportGroup : uint8_t { Center, Queue, Team, Agent, kCount };
std::string_view ReportGroupName(ReportGroup g);  // "center", "queue", "team", "agent"
bool ParseReportGroup(std::string_view name, ReportGroup* out);

// "monday" ... "sunday" (0 = Monday, as WeekdayOf).
std::string_view WeekdayName(int weekday);
bool ParseWeekday(std::string_view name, int* out);

struct ReportQuery {
    CivilDate from;                   // first local date, inclusive
    CivilDate to;                     // last local date, inclusive
    ReportGranularity granularity = ReportGranularity::Day;
    ReportGroup group = ReportGroup::Center;
    int first_weekday = 0;            // weeks start on this day: 0 = Monday (ISO weeks) ... 6 = Sunday
    // Filters by key; empty = all. Which apply to which grouping: CheckReportQuery.
    std::vector<std::string> queues;
    std::vector<std::string> teams;
    std::vector<std::string> agents;
    bool operator==(const ReportQuery&) const = default;
};

// Limits of one report (docs/reports.md, "Limits").
inline constexpr int kMaxReportDays = 732;          // day, week, month, range: two years
inline constexpr int kMaxIntervalReportDays = 31;   // 15/30/60-minute intervals: a month
inline constexpr int64_t kMaxReportCells = 50000;   // groups x buckets

// What is wrong with a request: the field at fault ("from", "to", "granularity", "queue"...) and
// one English line that names it first ("to: 2026-03-01 is before from (2026-03-31)").
struct ReportProblem {
    std::string field;
    std::string message;
};

// Checks a query against the rules that need no stored data: from <= to, the range within its
// limit, an interval granularity no finer than the stored intervals (stored_interval_minutes)
// and a multiple of them, a first weekday 0-6, filters that fit the grouping (center: at most
// one kind; queue rows: queues only; team rows: teams only; agent rows: agents and teams), no
// empty key. Unknown keys are checked by whoever holds the directory.
std::optional<ReportProblem> CheckReportQuery(const ReportQuery& q, int stored_interval_minutes);

// Named ranges for pickers and the command line, relative to `today` (a local date):
// "today", "yesterday", "this_week", "last_week" (weeks starting on first_weekday),
// "this_month", "last_month". False for another name.
bool ResolveReportRange(std::string_view name, const CivilDate& today, int first_weekday, CivilDate* from,
                        CivilDate* to);

int64_t DaysInRange(const CivilDate& from, const CivilDate& to);  // inclusive: the same date is 1

// ---------------------------------------------------------------------------------------------
// Buckets: the periods of a report

struct ReportBucket {
    int64_t start_ms = 0;             // UTC, the bucket is [start_ms, end_ms)
    int64_t end_ms = 0;
    CivilDate first_date;             // the local dates it covers (an interval: its date twice)
    CivilDate last_date;
    int32_t offset_min = 0;           // the zone's UTC offset at start_ms
    bool partial = false;             // a week or month cut short by the range's ends
    // "2026-03-29 02:00 +01:00" (interval), "2026-03-29" (day), "2026-W13" (ISO week),
    // "2026-03-29/2026-04-04" (a week starting on another day), "2026-03" (month),
    // "2026-03-01/2026-03-31" (range).
    std::string label;
    bool operator==(const ReportBucket&) const = default;
};

// The buckets of a query's range in `zone`, in time order. Days run from local midnight to the
// next (23 h or 25 h on daylight saving days); intervals are cut from each local midnight in
// elapsed time, so a 25 h day has 100 intervals of 15 minutes and its repeated hour shows twice
// (with two offsets). Weeks and months are cut to the range (partial). The query must pass
// CheckReportQuery.
std::vector<ReportBucket> MakeReportBuckets(const TimeZone& zone, const ReportQuery& q);

// The UTC span of a query's range: local midnight of `from` to local midnight after `to`.
int64_t RangeStartMs(const TimeZone& zone, const ReportQuery& q);
int64_t RangeEndMs(const TimeZone& zone, const ReportQuery& q);

// ---------------------------------------------------------------------------------------------
// Definitions: versioned service-level definitions

// The key of the center's default definition, which gives the variant and target of the center's,
// the teams' and the agents' rows ("*" never names a queue: queue keys come from phone systems).
inline constexpr std::string_view kCenterDefinitionKey = "*";

// One version of a queue's (or the center's) service-level definition, valid from valid_from_ms
// until the next version of the same key. Interval counts are computed with the version valid
// when each call entered its queue; a late rebuild of an old day uses the old version.
struct DefinitionVersion {
    int64_t id = 0;                   // stable id (0: the built-in default, never stored)
    std::string queue;                // queue key, or kCenterDefinitionKey
    int64_t valid_from_ms = INT64_MIN;  // INT64_MIN: from the beginning
    int64_t valid_to_ms = INT64_MAX;  // the next version's valid_from_ms; INT64_MAX: still valid
    ServiceLevelDef sl;
    int64_t recorded_ms = 0;          // when it was stored
    bool operator==(const DefinitionVersion&) const = default;
};

// Sets valid_to_ms of each version from the next version of the same key and sorts by (key, valid_from_ms).
void LinkDefinitionVersions(std::vector<DefinitionVersion>* versions);
// The version of `queue` valid at t_ms, or null when the key has none.
const DefinitionVersion* DefinitionAt(const std::vector<DefinitionVersion>& versions, std::string_view queue,
                                      int64_t t_ms);

// ---------------------------------------------------------------------------------------------
// Rows

inline constexpr size_t kNotReadyReasonCount = static_cast<size_t>(NotReadyReason::kCount);

// What a report row counts besides KpiCounts: not-ready time by reason (agents, teams, the
// center, and queues for their members' time) and the callbacks agents promised and kept
// (outcome tags, counted like orders: for the tagging agent, its team and the leg's queue).
struct ReportExtras {
    std::array<int64_t, kNotReadyReasonCount> not_ready_ms{};  // by NotReadyReason (none, break, ...)
    int64_t callbacks_promised = 0;
    int64_t callbacks_kept = 0;

    void Add(const ReportExtras& other);
    int64_t NotReadyTotal() const;
    bool Empty() const;
    bool operator==(const ReportExtras&) const = default;
};

// The counting rules of the extras (one owner, like counting.h for KpiCounts): an outcome tag
// adds a callback promised or kept; a spell of agent time in not_ready adds its time to its reason.
ReportExtras OutcomeTagExtras(Outcome outcome);
void AddNotReadyTime(ReportExtras* into, AgentState state, NotReadyReason reason, int64_t ms);

// A group a report shows: a queue, team or agent (center: key "").
struct ReportGroupInfo {
    std::string key;
    std::string name_en;
    std::string name_zh;
    std::string team;                 // agents: their team's key (now)
    bool operator==(const ReportGroupInfo&) const = default;
};

// What the store read for a query: counts per stored day or interval, already mapped onto the
// report's groups (several stored keys may add to one group, e.g. the center of two queues).
struct ReportSource {
    int interval_minutes = 15;        // the stored intervals' length
    std::vector<ReportGroupInfo> groups;
    struct Row {
        uint32_t group = 0;           // index into groups
        int64_t start_ms = 0;         // a stored day's or interval's start
        KpiCounts counts;
        ReportExtras extras;
    };
    std::vector<Row> rows;
    std::vector<DefinitionVersion> definitions;  // every stored version (LinkDefinitionVersions applied)
    // The queues whose definitions the counts of each group used: per group, queue keys.
    std::vector<std::vector<std::string>> group_queues;
    std::vector<CivilDate> pending_days;  // days of the range still to be counted again
};

struct ReportRow {
    int32_t group = 0;                // index into Report::groups
    int32_t bucket = -1;              // index into Report::buckets; -1 = the whole range (totals)
    KpiCounts counts;
    ReportExtras extras;
    // The definition versions (ids) whose T and short-abandon threshold the counts used, and the
    // one whose variant and target the headline service level uses.
    std::vector<int64_t> definitions;
    int64_t headline_definition = 0;
    bool mixed_definitions = false;   // the counts used more than one (T, short-abandon) pair
    bool operator==(const ReportRow&) const = default;
};

struct Report {
    ReportQuery query;
    std::string zone;                 // the center's time zone: "Europe/Berlin", "UTC+08:00"
    int interval_minutes = 15;        // the stored intervals' length
    int64_t from_ms = 0;              // the range in UTC
    int64_t to_ms = 0;
    int64_t generated_ms = 0;
    std::vector<ReportBucket> buckets;
    std::vector<ReportGroupInfo> groups;
    std::vector<ReportRow> rows;      // every (group, bucket), group by group, buckets in time order
    std::vector<ReportRow> totals;    // one per group, the whole range (bucket -1)
    std::vector<DefinitionVersion> definitions;  // every version a row refers to, by key then time
    std::vector<CivilDate> pending_days;  // days whose counts are waiting to be counted again
    bool operator==(const Report&) const = default;

    const DefinitionVersion* Definition(int64_t id) const;
    // The definition of a row's headline service level (variant, T, target).
    ServiceLevelDef HeadlineSl(const ReportRow& row) const;
    int64_t BucketMs(const ReportRow& row) const;  // the row's length in ms (totals: the range)
};

// Builds the report of a query from what the store read. Buckets from the zone; rows for every
// (group, bucket) in order, empty ones included; totals per group; the definitions used.
Report BuildReport(const ReportQuery& query, const TimeZone& zone, const ReportSource& source, int64_t generated_ms);

// ---------------------------------------------------------------------------------------------
// KPIs of a row, each with its parts and a formula id (docs/metrics.md, docs/reports.md)

enum class ReportKpi : uint8_t {
    ServiceLevel,                     // the headline: the row's definition's variant
    SlAnsweredOverOffered,            // the six variants side by side, with the counts' T
    SlAnsweredOverAnswered,
    SlRemovedOverQueued,
    SlAnsweredAndAbandonedWithinT,
    SlAnsweredOverOfferedLessShort,
    SlAnsweredOverAnsweredPlusLateAbandons,
    AbandonRate,
    Occupancy,
    Utilization,
    Asa,
    Aht,
    AverageTalk,
    AverageHold,
    AverageWrap,
    AverageAbandonWait,
    AverageOrderValue,
    AgentsStaffed,                    // staffed_ms / the bucket's length
    kCount
};

struct KpiFigure {
    ReportKpi kpi = ReportKpi::ServiceLevel;
    bool ratio = true;                // a ratio (numerator / denominator) or a mean (total / count)
    int64_t numerator = 0;            // a mean's total
    int64_t denominator = 0;          // a mean's count
    bool valid = false;               // false: no denominator, show "-"
    double value = 0.0;               // ratios 0..1; means in the unit of the total (ms, cents)
    SlVariant variant = SlVariant::kCount;  // service levels: which variant
};

// Stable machine names ("service_level", "sl_answered_over_offered", "abandon_rate",
// "occupancy", "utilization", "asa_ms", "aht_ms", "avg_talk_ms", "avg_hold_ms", "avg_wrap_ms",
// "avg_abandon_wait_ms", "avg_order_value_cents", "agents_staffed").
std::string_view ReportKpiName(ReportKpi k);
bool ParseReportKpi(std::string_view name, ReportKpi* out);
// A KPI's parts in count names: the numerator (a mean's total) and the denominator (its count),
// e.g. {"wait_answered_ms", "answered"}; the headline service level's depend on its variant.
struct KpiParts {
    std::string_view numerator;
    std::string_view denominator;
};
KpiParts ReportKpiParts(ReportKpi k, SlVariant headline_variant = SlVariant::kCount);
KpiParts SlVariantParts(SlVariant v);
// The formula: "wait_answered_ms / answered", "(abandoned - short_abandoned) / (offered - short_abandoned)".
std::string ReportKpiFormula(ReportKpi k, SlVariant headline_variant = SlVariant::kCount);
bool IsRatioKpi(ReportKpi k);
// One KPI from summed counts. headline: the definition of ServiceLevel; bucket_ms: AgentsStaffed's count.
KpiFigure ComputeReportKpi(ReportKpi k, const KpiCounts& c, const ServiceLevelDef& headline, int64_t bucket_ms);
// Every KPI of a report row.
std::vector<KpiFigure> ReportRowKpis(const Report& report, const ReportRow& row);

}  // namespace cb
