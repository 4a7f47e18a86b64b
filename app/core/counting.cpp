// Counting rules (counting.h, docs/metrics.md): the one place that decides what a leg, a missed
// ring, an outcome tag and a spell of agent time count as.
#include "counting.h"

#include <algorithm>

namespace cb {

namespace {
constexpr std::string_view kLegEndNames[] = {"", "completed", "transferred", "abandoned", "exited"};
}  // namespace

std::string_view LegEndName(LegEnd end) {
    const auto i = static_cast<size_t>(end);
    return i < std::size(kLegEndNames) ? kLegEndNames[i] : "";
}

bool ParseLegEnd(std::string_view name, LegEnd* out) {
    for (size_t i = 0; i < std::size(kLegEndNames); ++i) {
        if (kLegEndNames[i] == name) {
            *out = static_cast<LegEnd>(i);
            return true;
        }
    }
    return false;
}

KpiCounts LegQueueCounts(const CallLeg& leg, const ServiceLevelDef& sl) {
    KpiCounts c;
    const int64_t t_ms = int64_t{sl.threshold_s} * 1000;
    const int64_t wait = std::max<int64_t>(0, leg.wait_ms);
    c.offered = 1;
    if (leg.answered()) {
        c.answered = 1;
        c.answered_within_t = wait <= t_ms;  // "within T" is wait <= T
        c.wait_answered_ms = wait;
        c.longest_wait_ms = wait;
    } else if (leg.end == LegEnd::Abandoned) {
        c.abandoned = 1;
        c.abandoned_within_t = wait <= t_ms;
        c.short_abandoned = wait <= int64_t{sl.short_abandon_s} * 1000;
        c.wait_abandoned_ms = wait;
        c.longest_wait_ms = wait;
    } else if (leg.end == LegEnd::Exited) {
        c.exited = 1;
        c.longest_wait_ms = wait;
    }
    if (leg.end == LegEnd::Transferred) c.transferred = 1;
    if (leg.answered() && leg.handled()) {
        c.handled = 1;
        c.talk_ms = leg.talk_ms;
        c.hold_ms = leg.hold_ms;
        c.wrap_ms = leg.wrap_ms;
        c.longest_talk_ms = leg.talk_ms;
    }
    return c;
}

KpiCounts LegAgentCounts(const CallLeg& leg, const ServiceLevelDef& sl) {
    if (!leg.answered()) return KpiCounts{};
    return LegAgentShare(leg, LegQueueCounts(leg, sl));
}

KpiCounts RingMissCounts() {
    KpiCounts c;
    c.ring_noanswer = 1;
    return c;
}

KpiCounts OutcomeTagCounts(const OutcomeTag& tag) {
    KpiCounts c;
    if (tag.outcome == Outcome::Order) {
        c.orders = 1;
        c.order_value_cents = tag.value_cents;
    } else if (tag.outcome == Outcome::Complaint) {
        c.complaints = 1;
    }
    return c;
}

void AddChange(KpiCounts* into, const KpiCounts& b, const KpiCounts& a) {
    KpiCounts& k = *into;
    k.offered += a.offered - b.offered;
    k.answered += a.answered - b.answered;
    k.answered_within_t += a.answered_within_t - b.answered_within_t;
    k.abandoned += a.abandoned - b.abandoned;
    k.abandoned_within_t += a.abandoned_within_t - b.abandoned_within_t;
    k.short_abandoned += a.short_abandoned - b.short_abandoned;
    k.exited += a.exited - b.exited;
    k.transferred += a.transferred - b.transferred;
    k.handled += a.handled - b.handled;
    k.wait_answered_ms += a.wait_answered_ms - b.wait_answered_ms;
    k.wait_abandoned_ms += a.wait_abandoned_ms - b.wait_abandoned_ms;
    k.talk_ms += a.talk_ms - b.talk_ms;
    k.hold_ms += a.hold_ms - b.hold_ms;
    k.wrap_ms += a.wrap_ms - b.wrap_ms;
    k.ring_noanswer += a.ring_noanswer - b.ring_noanswer;
    k.orders += a.orders - b.orders;
    k.order_value_cents += a.order_value_cents - b.order_value_cents;
    k.complaints += a.complaints - b.complaints;
    k.busy_ms += a.busy_ms - b.busy_ms;
    k.available_ms += a.available_ms - b.available_ms;
    k.staffed_ms += a.staffed_ms - b.staffed_ms;
    k.longest_wait_ms = std::max(k.longest_wait_ms, a.longest_wait_ms);
    k.longest_talk_ms = std::max(k.longest_talk_ms, a.longest_talk_ms);
}

int64_t OpenSpellEnd(int64_t last_event_ms, int64_t now_ms) { return std::min(last_event_ms, now_ms); }

}  // namespace cb
