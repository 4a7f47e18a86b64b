// Erlang B, C and A against the published cases of shared/reference/erlang_cases.md (to 1e-6
// where the source gives that many digits), exact rationals, and large centers.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <vector>

#include "core/wfm/erlang.h"

using namespace cb::wfm;

namespace {
const Load kCase{100, 1800, 180};  // 100 calls / 30 min, AHT 180 s: A = 10 Erlangs

// Erlang C by its textbook formula, summed in log space with long double: an independent check.
double ErlangCDirect(int64_t n, double a) {
    long double max_log = -1e300L;
    std::vector<long double> logs;
    for (int64_t k = 0; k < n; ++k) logs.push_back(k * std::log((long double)a) - std::lgamma((long double)k + 1));
    const long double last = n * std::log((long double)a) - std::lgamma((long double)n + 1) +
                             std::log((long double)n / ((long double)n - a));
    for (long double l : logs) max_log = std::max(max_log, l);
    max_log = std::max(max_log, last);
    long double sum = 0;
    for (long double l : logs) sum += std::exp(l - max_log);
    const long double top = std::exp(last - max_log);
    return static_cast<double>(top / (sum + top));
}
}

TEST_CASE("Erlang C: the published cases 1-4 and 7-10") {
    CHECK(kCase.erlangs() == doctest::Approx(10.0));
    const QueueResult n11 = ErlangC(11, kCase, 20);
    CHECK(n11.stable);
    CHECK(n11.p_wait == doctest::Approx(0.6821182).epsilon(1e-6));
    CHECK(n11.service_level == doctest::Approx(0.3896138).epsilon(1e-6));
    CHECK(n11.occupancy == doctest::Approx(0.9090909).epsilon(1e-6));
    const QueueResult n12 = ErlangC(12, kCase, 20);
    CHECK(n12.p_wait == doctest::Approx(0.4493882).epsilon(1e-6));
    CHECK(n12.service_level == doctest::Approx(0.640158).epsilon(1e-6));
    CHECK(n12.asa_s == doctest::Approx(40.445).epsilon(1e-5));
    const QueueResult n13 = ErlangC(13, kCase, 20);
    CHECK(n13.p_wait == doctest::Approx(0.2852705).epsilon(1e-6));
    CHECK(n13.service_level == doctest::Approx(0.7955948).epsilon(1e-6));
    CHECK(n13.asa_s == doctest::Approx(17.116).epsilon(1e-4));
    const QueueResult n14 = ErlangC(14, kCase, 20);
    CHECK(n14.p_wait == doctest::Approx(0.1741319).epsilon(1e-6));
    CHECK(n14.service_level == doctest::Approx(0.88835).epsilon(1e-5));
    CHECK(n14.asa_s == doctest::Approx(7.835937).epsilon(1e-6));
    CHECK(n14.occupancy == doctest::Approx(0.71428571).epsilon(1e-7));
    // 7, 8: 30 calls an hour.
    const QueueResult c7 = ErlangC(2, Load{30, 3600, 60}, 10);
    CHECK(c7.p_wait == doctest::Approx(0.1).epsilon(1e-9));
    CHECK(1 - c7.service_level == doctest::Approx(0.07788).epsilon(1e-4));
    const QueueResult c8 = ErlangC(2, Load{30, 3600, 80}, 10);
    CHECK(c8.p_wait == doctest::Approx(1.0 / 6.0).epsilon(1e-9));
    CHECK(1 - c8.service_level == doctest::Approx(0.14108).epsilon(1e-4));
    // 9: C(3, 2) = 4/9; 10: A = 2.5, exact rationals.
    CHECK(ErlangC(3, Load{2, 1, 1}, 0).p_wait == doctest::Approx(4.0 / 9.0).epsilon(1e-12));
    const Load a25{30, 3600, 300};
    CHECK(a25.erlangs() == doctest::Approx(2.5));
    CHECK(ErlangC(3, a25, 0).p_wait == doctest::Approx(125.0 / 178.0).epsilon(1e-12));
    CHECK(ErlangC(4, a25, 0).p_wait == doctest::Approx(625.0 / 1954.0).epsilon(1e-12));
    CHECK(ErlangC(5, a25, 0).p_wait == doctest::Approx(0.130371).epsilon(1e-5));
    CHECK(ErlangC(6, a25, 0).p_wait == doctest::Approx(0.047445).epsilon(1e-4));
    CHECK(ErlangC(7, a25, 0).p_wait == doctest::Approx(0.015443).epsilon(1e-4));
    // 13: as many agents as Erlangs, or fewer: unstable, no number.
    CHECK_FALSE(ErlangC(10, kCase, 20).stable);
    CHECK_FALSE(ErlangC(3, Load{100, 60, 60}, 20).stable);
    // Erlang B: B(1, 1) = 1/2, B(2, 1) = 1/5.
    CHECK(ErlangB(1, 1.0) == doctest::Approx(0.5));
    CHECK(ErlangB(2, 1.0) == doctest::Approx(0.2));
}

TEST_CASE("staffing: cases 5 and 6, ASA targets, what cannot be met") {
    Target t;
    t.service_level = 0.8;
    t.t_s = 20;
    t.max_occupancy = 0.85;
    t.shrinkage = 0.3;
    const Staffing s5 = RequiredAgents(kCase, t);
    REQUIRE(s5.ok);
    CHECK(s5.raw_agents == 14);
    CHECK(s5.agents == 20);
    t.max_occupancy = 0.70;
    const Staffing s6 = RequiredAgents(kCase, t);
    REQUIRE(s6.ok);
    CHECK(s6.raw_agents == 15);
    CHECK(s6.agents == 22);
    CHECK(s6.at_raw.service_level == doctest::Approx(0.941).epsilon(1e-3));
    CHECK(s6.at_raw.p_wait == doctest::Approx(0.102).epsilon(1e-2));
    Target asa;
    asa.kind = Target::Kind::Asa;
    asa.asa_s = 20;
    CHECK(RequiredAgents(kCase, asa).raw_agents == 13);  // ASA 17.1 s with 13, 40.4 s with 12
    Target bad = t;
    bad.shrinkage = 1.0;
    CHECK_FALSE(RequiredAgents(kCase, bad).ok);
    CHECK(RequiredAgents(kCase, bad).why == "shrinkage must be at least 0 % and below 100 %");
    bad = t;
    bad.service_level = 1.0;
    CHECK(RequiredAgents(kCase, bad).why == "100 % within T is out of reach for a queue (some callers always wait)");
    CHECK(RequiredAgents(Load{0, 1800, 180}, t).raw_agents == 0);
    double fraction = 0, t_s = 0;
    std::string why;
    CHECK(ParseServiceLevelTarget("80/20", &fraction, &t_s, &why));
    CHECK(fraction == doctest::Approx(0.8));
    CHECK(t_s == 20);
    CHECK_FALSE(ParseServiceLevelTarget("80%/20s", &fraction, &t_s, &why));
    CHECK(why == "'80%/20s' is not PERCENT/SECONDS (e.g. 80/20: 80 % within 20 s)");
}

TEST_CASE("Erlang A: case 11, and case 12 converging to Erlang C") {
    const QueueResult a = ErlangA(14, kCase, 300, 20);  // mean patience 5 min
    REQUIRE(a.stable);
    CHECK(a.p_wait == doctest::Approx(0.14526).epsilon(1e-5));
    CHECK(a.p_abandon == doctest::Approx(0.013984).epsilon(1e-5));
    CHECK(a.occupancy == doctest::Approx(0.704297).epsilon(1e-6));
    CHECK(a.asa_s / 60.0 == doctest::Approx(0.069919).epsilon(1e-5));
    CHECK(a.service_level == doctest::Approx(0.916792).epsilon(1e-6));
    const QueueResult patient = ErlangA(15, kCase, 1e9, 20);
    CHECK(patient.p_wait == doctest::Approx(0.102042).epsilon(1e-5));
    CHECK(patient.service_level == doctest::Approx(0.941453).epsilon(1e-5));
    // Erlang A needs fewer agents than Erlang C for the same target, and stays finite past
    // the load (abandons keep the queue bounded).
    Target t;
    t.service_level = 0.8;
    t.t_s = 20;
    Target ta = t;
    ta.patience_s = 300;
    CHECK(RequiredAgents(kCase, ta).raw_agents <= RequiredAgents(kCase, t).raw_agents);
    const QueueResult over = ErlangA(8, kCase, 300, 20);
    CHECK(over.stable);
    CHECK(over.p_abandon > 0.1);
    CHECK(over.occupancy < 1.0);
}

TEST_CASE("thousands of Erlangs: finite and accurate") {
    const Load big{50000, 1800, 180};  // 5,000 Erlangs
    CHECK(big.erlangs() == doctest::Approx(5000));
    const QueueResult just_above = ErlangC(5001, big, 20);
    CHECK(just_above.stable);
    CHECK(std::isfinite(just_above.p_wait));
    CHECK(just_above.p_wait == doctest::Approx(ErlangCDirect(5001, 5000)).epsilon(1e-9));
    CHECK(ErlangC(5100, big, 20).p_wait == doctest::Approx(ErlangCDirect(5100, 5000)).epsilon(1e-9));
    Target t;
    t.service_level = 0.8;
    t.t_s = 20;
    const Staffing s = RequiredAgents(big, t);
    REQUIRE(s.ok);
    CHECK(s.raw_agents > 5000);
    CHECK(s.raw_agents < 5100);  // large centers need only a little more than the load
    CHECK(s.at_raw.service_level >= 0.8);
    CHECK(ErlangC(s.raw_agents - 1, big, 20).service_level < 0.8);
    const QueueResult a = ErlangA(s.raw_agents, big, 300, 20);
    CHECK(std::isfinite(a.service_level));
    CHECK(a.service_level >= s.at_raw.service_level - 1e-9);
}
