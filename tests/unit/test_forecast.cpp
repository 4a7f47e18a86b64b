// Forecasting against shared/reference/wfm_cases.md: accuracy definitions, the Poisson noise
// floor, a weekly-repeating series forecast exactly, and the back-test's choice on synthetic
// Poisson data with a known weekly x intraday profile.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "core/wfm/forecast.h"

using namespace cb::wfm;

namespace {
constexpr int kSlots = 48;             // half-hours
constexpr int kWeek = 7 * kSlots;

// Expected calls per half-hour: an intraday curve times a weekday factor, scaled to `level`.
double Profile(int slot, double level) {
    const int day = slot / kSlots, t = slot % kSlots;
    const double hour = t / 2.0;
    const double intraday = hour < 7 || hour >= 21 ? 0.2 : 1.0 + 0.6 * std::sin((hour - 7) / 14.0 * 3.14159265);
    static constexpr double kWeekday[7] = {1.25, 1.1, 1.0, 1.0, 0.95, 0.6, 0.4};
    return level * intraday * kWeekday[day];
}
}  // namespace

TEST_CASE("accuracy: WAPE, MAPE over non-zero actuals, sMAPE, bias (wfm_cases.md)") {
    const Accuracy a = Measure({100, 120, 80, 0, 50}, {110, 100, 90, 5, 50});
    CHECK(a.n == 5);
    CHECK(a.wape == doctest::Approx(45.0 / 350.0).epsilon(1e-9));
    CHECK(a.wape * 100 == doctest::Approx(12.8571).epsilon(1e-5));
    CHECK(a.mape * 100 == doctest::Approx(9.7917).epsilon(1e-4));
    CHECK(a.smape * 100 == doctest::Approx(47.8941).epsilon(1e-4));
    CHECK(a.bias == doctest::Approx(5.0 / 350.0).epsilon(1e-9));
    CHECK_FALSE(Measure({}, {}).valid());
}

TEST_CASE("the Poisson noise floor of a perfect forecast (Koole)") {
    CHECK(PoissonWapeFloor(10) == doctest::Approx(0.2502).epsilon(1e-3));
    CHECK(PoissonWapeFloor(25) == doctest::Approx(0.1590).epsilon(1e-3));
    CHECK(PoissonWapeFloor(50) == doctest::Approx(0.1127).epsilon(1e-3));
    CHECK(PoissonWapeFloor(100) == doctest::Approx(0.0797).epsilon(1e-3));
    CHECK(PoissonWapeFloor(400) == doctest::Approx(0.0399).epsilon(1e-3));
    CHECK(PoissonWapeFloor(1000) == doctest::Approx(0.0252).epsilon(1e-3));
}

TEST_CASE("a series that repeats exactly every week is forecast with no error by every method") {
    std::vector<double> h;
    for (int w = 0; w < 12; ++w)
        for (int s = 0; s < kWeek; ++s) h.push_back(std::round(Profile(s, 100)));
    std::vector<double> truth;
    for (int w = 0; w < 18; ++w)
        for (int s = 0; s < kWeek; ++s) truth.push_back(std::round(Profile(s, 100)));
    for (Method m : {Method::SeasonalNaive, Method::WeeklyAverage, Method::HoltWinters}) {
        CAPTURE(MethodName(m));
        const std::vector<double> f = Forecast(m, h, kSlots, 18 * kWeek);  // 18 weeks ahead
        REQUIRE(f.size() == truth.size());
        CHECK(Measure(truth, f).wape < 1e-9);
    }
}

TEST_CASE("Poisson data with a weekly profile: the chosen method is within 1.10 x the noise floor") {
    std::mt19937_64 rng(20261207);
    // ~100 calls per busy interval; 12 weeks of history, then 4 weeks to forecast.
    std::vector<double> all, mean;
    for (int w = 0; w < 16; ++w) {
        for (int s = 0; s < kWeek; ++s) {
            const double lambda = Profile(s, 90);
            std::poisson_distribution<int> poisson(lambda);
            all.push_back(poisson(rng));
            mean.push_back(lambda);
        }
    }
    const std::vector<double> history(all.begin(), all.begin() + 12 * kWeek);
    const std::vector<double> future(all.begin() + 12 * kWeek, all.end());
    const std::vector<double> perfect(mean.begin() + 12 * kWeek, mean.end());
    const double floor = Measure(future, perfect).wape;  // what a perfect forecast gets here
    const Backtest b = ChooseMethod(history, kSlots, 4);
    REQUIRE(b.origins == 4);
    CAPTURE(MethodName(b.best));
    const Accuracy chosen = Measure(future, Forecast(b.best, history, kSlots, 4 * kWeek));
    const Accuracy naive = Measure(future, Forecast(Method::SeasonalNaive, history, kSlots, 4 * kWeek));
    MESSAGE("floor " << floor << ", chosen " << MethodName(b.best) << " " << chosen.wape << ", seasonal naive " << naive.wape);
    CHECK(chosen.wape <= 1.10 * floor);
    CHECK(chosen.wape < naive.wape);
    CHECK(b.best != Method::SeasonalNaive);
    CHECK(std::fabs(chosen.bias) < 0.02);
}

TEST_CASE("missing history (special days left out) is skipped") {
    std::vector<double> h;
    for (int w = 0; w < 9; ++w)
        for (int s = 0; s < kWeek; ++s) h.push_back(Profile(s, 50));
    // A holiday in the last week: its Monday is missing; the forecast for Monday uses earlier weeks.
    for (int s = 8 * kWeek; s < 8 * kWeek + kSlots; ++s) h[static_cast<size_t>(s)] = std::nan("");
    for (Method m : {Method::SeasonalNaive, Method::WeeklyAverage, Method::HoltWinters}) {
        CAPTURE(MethodName(m));
        const std::vector<double> f = Forecast(m, h, kSlots, kWeek);
        CHECK(f[20] == doctest::Approx(Profile(20, 50)).epsilon(1e-6));
    }
    Method parsed;
    CHECK(ParseMethod("holt_winters", &parsed));
    CHECK(parsed == Method::HoltWinters);
    CHECK_FALSE(ParseMethod("prophet", &parsed));
}
