// KPI counts and definitions. Every ratio Callboard shows is computed here from summed counts
// (never by averaging percentages), and every ratio knows which definition it used so a view can
// say "412 of 503 answered within 20 s (answered-within-T / offered)".
// Definitions follow docs/metrics.md.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

namespace cb {

// Service-level variants (docs/metrics.md). Machine names are stable (config, API).
enum class SlVariant : uint8_t {
    AnsweredOverOffered,            // answered within T / offered (abandons count as misses)
    AnsweredOverAnswered,           // answered within T / answered (abandons ignored)
    RemovedOverQueued,              // (answered + abandoned within T) / offered
    AnsweredAndAbandonedWithinT,    // (answered + abandoned) within T / (answered + abandoned)
    AnsweredOverOfferedLessShort,   // answered within T / (offered - short abandons)
    AnsweredOverAnsweredPlusLateAbandons,  // answered within T / (answered + abandoned after T)
    kCount
};

struct ServiceLevelDef {
    SlVariant variant = SlVariant::AnsweredOverOfferedLessShort;
    int threshold_s = 20;           // T
    double target = 0.80;           // goal, e.g. 0.80 for 80/20
    int short_abandon_s = 5;        // abandons within this many seconds are "short"
    bool operator==(const ServiceLevelDef&) const = default;
};

// Summed counts for a queue, team or agent over a period (today, or one interval).
// Durations in milliseconds. All fields add: merging two periods is field-wise addition,
// except the two max fields.
struct KpiCounts {
    int64_t offered = 0;             // calls that entered the queue (counted in the interval they entered)
    int64_t answered = 0;
    int64_t answered_within_t = 0;   // answered with wait <= T of the queue's definition
    int64_t abandoned = 0;           // all abandons, short ones included
    int64_t abandoned_within_t = 0;  // abandoned with wait <= T
    int64_t short_abandoned = 0;     // abandoned with wait <= short-abandon threshold
    int64_t exited = 0;              // left unanswered for another reason (timeout, empty, key, withdraw)
    int64_t transferred = 0;         // calls transferred out by an agent
    int64_t handled = 0;             // answered calls whose handling finished (talk + wrap-up done)
    int64_t wait_answered_ms = 0;    // summed queue wait of answered calls (ASA numerator)
    int64_t wait_abandoned_ms = 0;   // summed wait of abandoned calls
    int64_t talk_ms = 0;             // summed talk of handled calls (hold excluded)
    int64_t hold_ms = 0;             // summed hold of handled calls
    int64_t wrap_ms = 0;             // summed after-call work of handled calls
    int64_t ring_noanswer = 0;       // rings an agent let time out
    int64_t orders = 0;              // calls tagged with an order
    int64_t order_value_cents = 0;
    int64_t complaints = 0;
    int64_t busy_ms = 0;             // agent time on calls or wrap-up (occupancy numerator)
    int64_t available_ms = 0;        // agent time ready and idle
    int64_t staffed_ms = 0;          // agent time logged in
    int64_t longest_wait_ms = 0;     // max over calls (not additive: merged by max)
    int64_t longest_talk_ms = 0;     // max over calls (not additive: merged by max)

    void Add(const KpiCounts& other);
    bool operator==(const KpiCounts&) const = default;
};

// KpiCounts' fields by stable machine name, in declaration order (the JSON names of docs/api.md
// and the columns of interval_counts and report CSV files).
struct KpiCountField {
    std::string_view name;
    int64_t KpiCounts::*member;
    bool max = false;  // merged by max (longest_*), not added
};
std::span<const KpiCountField> KpiCountFields();

// A ratio with the counts behind it. valid is false when the denominator is zero: show "-".
struct Ratio {
    int64_t numerator = 0;
    int64_t denominator = 0;
    bool valid = false;
    double value = 0.0;
};

// Mean with its parts, e.g. ASA = wait_answered_ms / answered.
struct Mean {
    int64_t total = 0;
    int64_t count = 0;
    bool valid = false;
    double value = 0.0;
};

Ratio ServiceLevel(const KpiCounts& c, const ServiceLevelDef& def);
Ratio AbandonRate(const KpiCounts& c);          // (abandoned - short) / (offered - short)
Ratio Occupancy(const KpiCounts& c);            // busy / (busy + available)
Mean Asa(const KpiCounts& c);                   // wait_answered_ms / answered, ms
Mean Aht(const KpiCounts& c);                   // (talk + hold + wrap) / handled, ms
Mean AverageTalk(const KpiCounts& c);           // talk_ms / handled
Mean AverageHold(const KpiCounts& c);           // hold_ms / handled
Mean AverageWrap(const KpiCounts& c);           // wrap_ms / handled
Mean AverageAbandonWait(const KpiCounts& c);    // wait_abandoned_ms / abandoned
Ratio Utilization(const KpiCounts& c);          // busy_ms / staffed_ms
Mean AverageOrderValue(const KpiCounts& c);     // order_value_cents / orders

std::string_view SlVariantName(SlVariant v);    // stable machine name, e.g. "answered_over_offered"
bool ParseSlVariant(std::string_view name, SlVariant* out);
// Human formula of a variant with T filled in, English, e.g. "answered within 20 s / offered".
// Views translate through the i18n table by variant; this is for logs, exports and the API.
std::string_view SlVariantFormula(SlVariant v);

}  // namespace cb
