// KPI math from summed counts: every ratio and mean against hand-computed values.
#include <doctest/doctest.h>

#include "core/kpi.h"

using namespace cb;

namespace {

ServiceLevelDef Def(SlVariant v) {
    ServiceLevelDef d;
    d.variant = v;
    return d;
}

// One set of counts used for every SL variant:
// 100 offered, 80 answered (60 within T), 15 abandoned (6 within T, 4 short), 5 exited.
KpiCounts SampleCounts() {
    KpiCounts c;
    c.offered = 100;
    c.answered = 80;
    c.answered_within_t = 60;
    c.abandoned = 15;
    c.abandoned_within_t = 6;
    c.short_abandoned = 4;
    c.exited = 5;
    return c;
}

}  // namespace

TEST_CASE("service level is computed from summed counts, never by averaging percentages") {
    // Interval A: 3 of 6 within T (50 %); interval B: 96 of 96 (100 %).
    KpiCounts a;
    a.offered = 6;
    a.answered = 6;
    a.answered_within_t = 3;
    KpiCounts b;
    b.offered = 96;
    b.answered = 96;
    b.answered_within_t = 96;
    const ServiceLevelDef def = Def(SlVariant::AnsweredOverOffered);
    CHECK(ServiceLevel(a, def).value == doctest::Approx(0.5));
    CHECK(ServiceLevel(b, def).value == doctest::Approx(1.0));
    KpiCounts day = a;
    day.Add(b);
    const Ratio sl = ServiceLevel(day, def);
    CHECK(sl.valid);
    CHECK(sl.numerator == 99);
    CHECK(sl.denominator == 102);
    CHECK(sl.value == doctest::Approx(0.970588).epsilon(1e-6));  // 97.06 %, not the 75 % mean

    // 2 calls at 50 % and 100 calls at 100 %: 101 / 102 = 99.02 %.
    KpiCounts two;
    two.offered = 2;
    two.answered_within_t = 1;
    KpiCounts hundred;
    hundred.offered = 100;
    hundred.answered_within_t = 100;
    two.Add(hundred);
    CHECK(ServiceLevel(two, def).numerator == 101);
    CHECK(ServiceLevel(two, def).denominator == 102);
    CHECK(ServiceLevel(two, def).value == doctest::Approx(101.0 / 102.0));
}

TEST_CASE("every service-level variant on one set of counts") {
    const KpiCounts c = SampleCounts();
    struct Case {
        SlVariant v;
        int64_t num;
        int64_t den;
    };
    const Case cases[] = {
        {SlVariant::AnsweredOverOffered, 60, 100},
        {SlVariant::AnsweredOverAnswered, 60, 80},
        {SlVariant::RemovedOverQueued, 66, 100},
        {SlVariant::AnsweredAndAbandonedWithinT, 66, 95},
        {SlVariant::AnsweredOverOfferedLessShort, 60, 96},
        {SlVariant::AnsweredOverAnsweredPlusLateAbandons, 60, 89},
    };
    for (const Case& k : cases) {
        CAPTURE(SlVariantName(k.v));
        const Ratio r = ServiceLevel(c, Def(k.v));
        CHECK(r.valid);
        CHECK(r.numerator == k.num);
        CHECK(r.denominator == k.den);
        CHECK(r.value == doctest::Approx(static_cast<double>(k.num) / static_cast<double>(k.den)));
    }
    CHECK(ServiceLevel(c, Def(SlVariant::kCount)).valid == false);
}

TEST_CASE("ratios are invalid with a zero or negative denominator") {
    const KpiCounts empty;
    for (int i = 0; i < static_cast<int>(SlVariant::kCount); ++i) {
        const Ratio r = ServiceLevel(empty, Def(static_cast<SlVariant>(i)));
        CHECK_FALSE(r.valid);
        CHECK(r.value == 0.0);
    }
    CHECK_FALSE(AbandonRate(empty).valid);
    CHECK_FALSE(Occupancy(empty).valid);
    CHECK_FALSE(Asa(empty).valid);
    CHECK_FALSE(Aht(empty).valid);
    CHECK_FALSE(AverageTalk(empty).valid);
    CHECK_FALSE(AverageHold(empty).valid);
    CHECK_FALSE(AverageWrap(empty).valid);

    // Inconsistent counts (more short abandons than offered) never give a ratio.
    KpiCounts odd;
    odd.short_abandoned = 2;
    odd.abandoned = 2;
    odd.offered = 1;
    const Ratio r = ServiceLevel(odd, Def(SlVariant::AnsweredOverOfferedLessShort));
    CHECK(r.denominator == -1);
    CHECK_FALSE(r.valid);
    CHECK_FALSE(AbandonRate(odd).valid);
}

TEST_CASE("abandon rate excludes short abandons from both sides") {
    const Ratio r = AbandonRate(SampleCounts());
    CHECK(r.valid);
    CHECK(r.numerator == 11);   // 15 abandoned - 4 short
    CHECK(r.denominator == 96); // 100 offered - 4 short
    CHECK(r.value == doctest::Approx(11.0 / 96.0));
}

TEST_CASE("occupancy, ASA, AHT and its parts") {
    KpiCounts c;
    c.busy_ms = 2700000;       // 45 min on calls or wrap-up
    c.available_ms = 900000;   // 15 min idle
    c.answered = 4;
    c.wait_answered_ms = 50000;
    c.handled = 4;
    c.talk_ms = 720000;
    c.hold_ms = 60000;
    c.wrap_ms = 120000;
    const Ratio occ = Occupancy(c);
    CHECK(occ.numerator == 2700000);
    CHECK(occ.denominator == 3600000);
    CHECK(occ.value == doctest::Approx(0.75));
    const Mean asa = Asa(c);
    CHECK(asa.valid);
    CHECK(asa.total == 50000);
    CHECK(asa.count == 4);
    CHECK(asa.value == doctest::Approx(12500.0));
    const Mean aht = Aht(c);
    CHECK(aht.total == 900000);
    CHECK(aht.count == 4);
    CHECK(aht.value == doctest::Approx(225000.0));
    CHECK(AverageTalk(c).value == doctest::Approx(180000.0));
    CHECK(AverageHold(c).value == doctest::Approx(15000.0));
    CHECK(AverageWrap(c).value == doctest::Approx(30000.0));
}

TEST_CASE("Add sums every count and keeps the larger of the max fields") {
    KpiCounts a = SampleCounts();
    a.transferred = 1;
    a.handled = 2;
    a.wait_answered_ms = 3;
    a.wait_abandoned_ms = 4;
    a.talk_ms = 5;
    a.hold_ms = 6;
    a.wrap_ms = 7;
    a.ring_noanswer = 8;
    a.orders = 9;
    a.order_value_cents = 10;
    a.complaints = 11;
    a.busy_ms = 12;
    a.available_ms = 13;
    a.staffed_ms = 14;
    a.longest_wait_ms = 90000;
    a.longest_talk_ms = 1000;
    KpiCounts b = a;
    b.longest_wait_ms = 30000;
    b.longest_talk_ms = 5000;
    a.Add(b);
    CHECK(a.offered == 200);
    CHECK(a.answered == 160);
    CHECK(a.answered_within_t == 120);
    CHECK(a.abandoned == 30);
    CHECK(a.abandoned_within_t == 12);
    CHECK(a.short_abandoned == 8);
    CHECK(a.exited == 10);
    CHECK(a.transferred == 2);
    CHECK(a.handled == 4);
    CHECK(a.wait_answered_ms == 6);
    CHECK(a.wait_abandoned_ms == 8);
    CHECK(a.talk_ms == 10);
    CHECK(a.hold_ms == 12);
    CHECK(a.wrap_ms == 14);
    CHECK(a.ring_noanswer == 16);
    CHECK(a.orders == 18);
    CHECK(a.order_value_cents == 20);
    CHECK(a.complaints == 22);
    CHECK(a.busy_ms == 24);
    CHECK(a.available_ms == 26);
    CHECK(a.staffed_ms == 28);
    CHECK(a.longest_wait_ms == 90000);
    CHECK(a.longest_talk_ms == 5000);
}
