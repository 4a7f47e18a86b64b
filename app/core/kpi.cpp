// KPI math: merging counts and every ratio/mean from summed counts (docs/metrics.md).
#include "kpi.h"

#include <algorithm>

namespace cb {

void KpiCounts::Add(const KpiCounts& o) {
    offered += o.offered;
    answered += o.answered;
    answered_within_t += o.answered_within_t;
    abandoned += o.abandoned;
    abandoned_within_t += o.abandoned_within_t;
    short_abandoned += o.short_abandoned;
    exited += o.exited;
    transferred += o.transferred;
    handled += o.handled;
    wait_answered_ms += o.wait_answered_ms;
    wait_abandoned_ms += o.wait_abandoned_ms;
    talk_ms += o.talk_ms;
    hold_ms += o.hold_ms;
    wrap_ms += o.wrap_ms;
    ring_noanswer += o.ring_noanswer;
    orders += o.orders;
    order_value_cents += o.order_value_cents;
    complaints += o.complaints;
    busy_ms += o.busy_ms;
    available_ms += o.available_ms;
    staffed_ms += o.staffed_ms;
    longest_wait_ms = std::max(longest_wait_ms, o.longest_wait_ms);
    longest_talk_ms = std::max(longest_talk_ms, o.longest_talk_ms);
}

std::span<const KpiCountField> KpiCountFields() {
    static constexpr KpiCountField kFields[] = {
        {"offered", &KpiCounts::offered},
        {"answered", &KpiCounts::answered},
        {"answered_within_t", &KpiCounts::answered_within_t},
        {"abandoned", &KpiCounts::abandoned},
        {"abandoned_within_t", &KpiCounts::abandoned_within_t},
        {"short_abandoned", &KpiCounts::short_abandoned},
        {"exited", &KpiCounts::exited},
        {"transferred", &KpiCounts::transferred},
        {"handled", &KpiCounts::handled},
        {"wait_answered_ms", &KpiCounts::wait_answered_ms},
        {"wait_abandoned_ms", &KpiCounts::wait_abandoned_ms},
        {"talk_ms", &KpiCounts::talk_ms},
        {"hold_ms", &KpiCounts::hold_ms},
        {"wrap_ms", &KpiCounts::wrap_ms},
        {"ring_noanswer", &KpiCounts::ring_noanswer},
        {"orders", &KpiCounts::orders},
        {"order_value_cents", &KpiCounts::order_value_cents},
        {"complaints", &KpiCounts::complaints},
        {"busy_ms", &KpiCounts::busy_ms},
        {"available_ms", &KpiCounts::available_ms},
        {"staffed_ms", &KpiCounts::staffed_ms},
        {"longest_wait_ms", &KpiCounts::longest_wait_ms, true},
        {"longest_talk_ms", &KpiCounts::longest_talk_ms, true},
    };
    static_assert(sizeof(KpiCounts) == std::size(kFields) * sizeof(int64_t), "a KpiCounts field is missing here");
    return kFields;
}

namespace {

// A ratio is valid only with a positive denominator (a negative one means inconsistent counts).
Ratio MakeRatio(int64_t numerator, int64_t denominator) {
    Ratio r;
    r.numerator = numerator;
    r.denominator = denominator;
    r.valid = denominator > 0;
    r.value = r.valid ? static_cast<double>(numerator) / static_cast<double>(denominator) : 0.0;
    return r;
}

Mean MakeMean(int64_t total, int64_t count) {
    Mean m;
    m.total = total;
    m.count = count;
    m.valid = count > 0;
    m.value = m.valid ? static_cast<double>(total) / static_cast<double>(count) : 0.0;
    return m;
}

}  // namespace

Ratio ServiceLevel(const KpiCounts& c, const ServiceLevelDef& def) {
    switch (def.variant) {
    case SlVariant::AnsweredOverOffered:
        return MakeRatio(c.answered_within_t, c.offered);
    case SlVariant::AnsweredOverAnswered:
        return MakeRatio(c.answered_within_t, c.answered);
    case SlVariant::RemovedOverQueued:
        return MakeRatio(c.answered_within_t + c.abandoned_within_t, c.offered);
    case SlVariant::AnsweredAndAbandonedWithinT:
        return MakeRatio(c.answered_within_t + c.abandoned_within_t, c.answered + c.abandoned);
    case SlVariant::AnsweredOverOfferedLessShort:
        return MakeRatio(c.answered_within_t, c.offered - c.short_abandoned);
    case SlVariant::AnsweredOverAnsweredPlusLateAbandons:
        return MakeRatio(c.answered_within_t, c.answered + (c.abandoned - c.abandoned_within_t));
    case SlVariant::kCount:
        break;
    }
    return Ratio{};
}

Ratio AbandonRate(const KpiCounts& c) {
    return MakeRatio(c.abandoned - c.short_abandoned, c.offered - c.short_abandoned);
}

Ratio Occupancy(const KpiCounts& c) { return MakeRatio(c.busy_ms, c.busy_ms + c.available_ms); }

Mean Asa(const KpiCounts& c) { return MakeMean(c.wait_answered_ms, c.answered); }

Mean Aht(const KpiCounts& c) { return MakeMean(c.talk_ms + c.hold_ms + c.wrap_ms, c.handled); }

Mean AverageTalk(const KpiCounts& c) { return MakeMean(c.talk_ms, c.handled); }

Mean AverageHold(const KpiCounts& c) { return MakeMean(c.hold_ms, c.handled); }

Mean AverageWrap(const KpiCounts& c) { return MakeMean(c.wrap_ms, c.handled); }

Mean AverageAbandonWait(const KpiCounts& c) { return MakeMean(c.wait_abandoned_ms, c.abandoned); }

Ratio Utilization(const KpiCounts& c) { return MakeRatio(c.busy_ms, c.staffed_ms); }

Mean AverageOrderValue(const KpiCounts& c) { return MakeMean(c.order_value_cents, c.orders); }

}  // namespace cb
