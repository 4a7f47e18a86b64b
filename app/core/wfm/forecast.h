// Forecasting interval volumes (and handle time) from history (docs/wfm.md): seasonal naive, an
// N-week seasonal average and a double-seasonal (time of day x day of week) Holt-Winters with a
// damped trend; accuracy measures; and the choice of method per series by a rolling-origin
// back-test on WAPE. Pure math over regular series: one value per slot of a week (7 x
// slots_per_day) in local time, NaN where a value is missing or left out (special days).
#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace cb::wfm {

enum class Method : uint8_t { SeasonalNaive, WeeklyAverage, HoltWinters, kCount };
std::string_view MethodName(Method m);  // "seasonal_naive", "weekly_average", "holt_winters"
bool ParseMethod(std::string_view name, Method* out);

struct ForecastOptions {
    int average_weeks = 8;  // WeeklyAverage: weeks averaged (the most recent ones with a value)
    // HoltWinters smoothing (level, trend, daily, weekly) and trend damping; fitted on the
    // history when fit is true (a small grid minimising one-step-ahead squared error).
    bool fit = true;
    double alpha = 0.05, gamma = 0.01, delta = 0.10, omega = 0.10, phi = 0.98;
};

// `horizon` values following `history` (slots_per_day slots a day, weeks of 7 days; history
// starts at slot 0 of a week day 0, and the forecast continues its slot numbering). Values are
// never negative. Missing history (NaN) is skipped by every method.
std::vector<double> Forecast(Method method, const std::vector<double>& history, int slots_per_day, int horizon,
                             const ForecastOptions& options = {});

// Accuracy of a forecast against what happened (pairs with a NaN actual are left out).
struct Accuracy {
    double wape = 0;   // sum |a - f| / sum a
    double mape = 0;   // mean |a - f| / a over non-zero actuals
    double smape = 0;  // mean 2 |f - a| / (|a| + |f|), 0/0 = 0
    double bias = 0;   // sum (f - a) / sum a: above 0 forecasts too many
    int64_t n = 0;     // pairs counted
    bool valid() const { return n > 0; }
};
Accuracy Measure(const std::vector<double>& actual, const std::vector<double>& forecast);

// Rolling-origin back-test: for each of `origins` origins one week apart, ending with the last
// week of history, every method is fitted on the history before the origin and forecasts the
// week after it; accuracy is over all the weeks forecast. The best method has the lowest WAPE
// (ties: the simpler one). Needs at least weeks_needed(options) + origins weeks of history.
struct Backtest {
    std::array<Accuracy, static_cast<size_t>(Method::kCount)> by_method{};
    std::array<bool, static_cast<size_t>(Method::kCount)> ran{};
    Method best = Method::WeeklyAverage;
    int origins = 0;
};
Backtest ChooseMethod(const std::vector<double>& history, int slots_per_day, int origins,
                      const ForecastOptions& options = {});

// The noise floor of a perfect forecast of a Poisson count with mean lambda: E|N - lambda| /
// lambda (Koole), for comparing a method's WAPE with what is achievable.
double PoissonWapeFloor(double lambda);

}  // namespace cb::wfm
