// Adherence and conformance: the worked example of shared/reference/wfm_cases.md, thresholds,
// impact, and the live status.
#include <doctest/doctest.h>

#include "core/wfm/adherence.h"

using namespace cb;
using namespace cb::wfm;

namespace {
constexpr int64_t kMin = 60000;
}

TEST_CASE("scheduled 60 min on queue, 10 min late, 50 min worked, 10 min extra (wfm_cases.md)") {
    const std::vector<Planned> schedule{{0, 60 * kMin, Activity::OnQueue}};
    const std::vector<Spell> spells{{10 * kMin, 70 * kMin, AgentState::Available}};
    const AdherenceResult r = Adherence(schedule, spells, 0, 120 * kMin);
    CHECK(r.valid);
    CHECK(r.scheduled_ms == 60 * kMin);
    CHECK(r.exception_ms == 10 * kMin);
    CHECK(r.adherence * 100 == doctest::Approx(83.33).epsilon(1e-3));
    CHECK(r.conformance * 100 == doctest::Approx(100.0));
    REQUIRE(r.deviations.size() == 2);
    CHECK(r.deviations[0].impact == Impact::Negative);  // late: off queue when scheduled on it
    CHECK(r.deviations[1].impact == Impact::Positive);  // stayed on: on queue when scheduled off
    AdherenceOptions outside;
    outside.count_outside_shift = true;
    const AdherenceResult o = Adherence(schedule, spells, 0, 120 * kMin, outside);
    CHECK(o.adherence * 100 == doctest::Approx(71.43).epsilon(1e-3));  // 1 - 20/70
    CHECK(o.conformance * 100 == doctest::Approx(100.0));
}

TEST_CASE("deviations under the threshold do not count; long ones are severe; neutral swaps") {
    // On queue 09:00-10:00 with a break 09:30-09:45 planned.
    const std::vector<Planned> schedule{{0, 30 * kMin, Activity::OnQueue},
                                        {30 * kMin, 45 * kMin, Activity::Break},
                                        {45 * kMin, 60 * kMin, Activity::OnQueue}};
    // 40 s late from the break (under 60 s), a 12-minute meeting instead of training later.
    const std::vector<Spell> spells{{0, 30 * kMin, AgentState::OnCall},
                                    {30 * kMin, 45 * kMin + 40000, AgentState::NotReady, NotReadyReason::Break},
                                    {45 * kMin + 40000, 60 * kMin, AgentState::Available}};
    const AdherenceResult r = Adherence(schedule, spells, 0, 60 * kMin);
    REQUIRE(r.deviations.size() == 1);
    CHECK_FALSE(r.deviations[0].counted);
    CHECK(r.exception_ms == 0);
    CHECK(r.adherence == doctest::Approx(1.0));
    CHECK(r.conformance == doctest::Approx((45.0 * 60 - 40) / (45.0 * 60)));
    const std::vector<Planned> training{{0, 30 * kMin, Activity::Training}};
    const std::vector<Spell> meeting{{0, 30 * kMin, AgentState::NotReady, NotReadyReason::Meeting}};
    const AdherenceResult n = Adherence(training, meeting, 0, 30 * kMin);
    REQUIRE(n.deviations.size() == 1);
    CHECK(n.deviations[0].impact == Impact::Neutral);
    CHECK(n.deviations[0].severe);
    CHECK(n.adherence == doctest::Approx(0.0));
    CHECK(ActivityOf(AgentState::NotReady, NotReadyReason::Coaching) == Activity::Training);
    CHECK(ActivityOf(AgentState::WrapUp, NotReadyReason::None) == Activity::OnQueue);
}

TEST_CASE("live adherence: in, out after the threshold, severe, unscheduled, unknown") {
    const std::vector<Planned> schedule{{0, 60 * kMin, Activity::OnQueue}, {60 * kMin, 75 * kMin, Activity::Break}};
    LiveAdherence l = LiveStatusOf(schedule, AgentState::OnCall, NotReadyReason::None, 5 * kMin, 20 * kMin, true);
    CHECK(l.status == LiveStatus::InAdherence);
    l = LiveStatusOf(schedule, AgentState::NotReady, NotReadyReason::Personal, 20 * kMin, 20 * kMin + 30000, true);
    CHECK(l.status == LiveStatus::OutOfAdherence);
    CHECK(l.impact == Impact::Negative);
    CHECK_FALSE(l.counted);
    l = LiveStatusOf(schedule, AgentState::NotReady, NotReadyReason::Personal, 20 * kMin, 31 * kMin, true);
    CHECK(l.counted);
    CHECK(l.severe);
    // Still on a call when the break should have started two minutes ago: positive impact.
    l = LiveStatusOf(schedule, AgentState::OnCall, NotReadyReason::None, 55 * kMin, 62 * kMin, true);
    CHECK(l.status == LiveStatus::OutOfAdherence);
    CHECK(l.impact == Impact::Positive);
    CHECK(l.since_ms == 60 * kMin);
    CHECK(LiveStatusOf({}, AgentState::Available, NotReadyReason::None, 0, kMin, true).status == LiveStatus::Unscheduled);
    CHECK(LiveStatusOf(schedule, AgentState::Available, NotReadyReason::None, 0, kMin, false).status == LiveStatus::Unknown);
}
