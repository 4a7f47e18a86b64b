// The simulator's own random numbers and distributions: known values, accuracy of Log/Exp,
// and the means the distributions promise.
#include <doctest/doctest.h>
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include "core/sim/sim_random.h"

using namespace cb::sim;

TEST_CASE("splitmix64 gives the reference sequence") {
    uint64_t state = 0;
    CHECK(SplitMix64(&state) == 0xE220A8397B1DCDAFull);
    CHECK(SplitMix64(&state) == 0x6E789E6AA1B965F4ull);
    CHECK(SplitMix64(&state) == 0x06C45D188009454Full);
}

TEST_CASE("Log and Exp match libm to 1e-15 relative") {
    for (double x : {1e-300, 1e-9, 0.001, 0.5, 0.70710678, 0.9999, 1.0, 1.0001, 2.0, 3.14159, 1234.5, 1e12, 1e300}) {
        CHECK(Log(x) == doctest::Approx(std::log(x)).epsilon(1e-15));
    }
    CHECK(Log(1.0) == 0.0);
    CHECK(Log(0.0) == -1e308);
    for (double x : {-700.0, -20.0, -1.0, -0.3, 0.0, 1e-8, 0.3466, 1.0, 5.5, 30.0, 700.0}) {
        CHECK(Exp(x) == doctest::Approx(std::exp(x)).epsilon(1e-15));
    }
    CHECK(Exp(0.0) == 1.0);
    CHECK(Exp(-800.0) == 0.0);
}

TEST_CASE("same seed same stream, different seed different stream") {
    Rng a(42), b(42), c(43);
    bool differs = false;
    for (int i = 0; i < 100; ++i) {
        const uint64_t x = a.Next();
        CHECK(x == b.Next());
        differs = differs || (x != c.Next());
    }
    CHECK(differs);
    CHECK(StreamSeed(1, 2) != StreamSeed(1, 3));
    CHECK(StreamSeed(1, 2) != StreamSeed(2, 2));
}

TEST_CASE("distributions have the promised means") {
    Rng rng(7);
    constexpr int kN = 200000;
    double u_sum = 0, exp_sum = 0, n_sum = 0, n_sq = 0, ln_sum = 0, med_below = 0;
    int64_t between_min = 100, between_max = -100;
    for (int i = 0; i < kN; ++i) {
        const double u = rng.Uniform();
        CHECK_UNARY(u >= 0.0 && u < 1.0);
        u_sum += u;
        exp_sum += rng.Exponential(120.0);
        const double z = rng.Normal();
        n_sum += z;
        n_sq += z * z;
        ln_sum += rng.LogNormalMean(180.0, 0.6);
        med_below += rng.LogNormalMedian(300.0, 0.7) < 300.0 ? 1.0 : 0.0;
        const int64_t k = rng.Between(-3, 4);
        between_min = std::min(between_min, k);
        between_max = std::max(between_max, k);
    }
    CHECK(u_sum / kN == doctest::Approx(0.5).epsilon(0.01));
    CHECK(exp_sum / kN == doctest::Approx(120.0).epsilon(0.01));
    CHECK(std::fabs(n_sum / kN) < 0.01);
    CHECK(n_sq / kN == doctest::Approx(1.0).epsilon(0.015));
    CHECK(ln_sum / kN == doctest::Approx(180.0).epsilon(0.01));
    CHECK(med_below / kN == doctest::Approx(0.5).epsilon(0.01));
    CHECK(between_min == -3);
    CHECK(between_max == 4);
}
