// Forecasting (forecast.h).
#include "forecast.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cb::wfm {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::string_view kNames[] = {"seasonal_naive", "weekly_average", "holt_winters"};

// Calls fn(v) for the slot's most recent values in history (the slot of each week, newest
// first, missing ones skipped), at most `count` of them.
template <typename Fn>
void RecentValues(const std::vector<double>& h, size_t slot, size_t week, int count, Fn fn) {
    const size_t n = h.size();
    if (n == 0) return;
    const size_t diff = ((n - 1) % week + week - slot) % week;
    if (diff > n - 1) return;
    int found = 0;
    for (size_t i = n - 1 - diff;; i -= week) {
        if (!std::isnan(h[i])) {
            fn(h[i]);
            if (++found >= count) return;
        }
        if (i < week) return;
    }
}

// The same slot of the latest week that has it.
std::vector<double> SeasonalNaive(const std::vector<double>& h, size_t week, int horizon) {
    std::vector<double> out(static_cast<size_t>(horizon), 0.0);
    for (size_t k = 0; k < out.size(); ++k) RecentValues(h, (h.size() + k) % week, week, 1, [&](double v) { out[k] = v; });
    return out;
}

// The mean of the slot's most recent `weeks` values (a slot several weeks ahead uses the same
// ones: the average does not move beyond the data).
std::vector<double> WeeklyAverage(const std::vector<double>& h, size_t week, int horizon, int weeks) {
    std::vector<double> out(static_cast<size_t>(horizon), 0.0);
    for (size_t k = 0; k < out.size(); ++k) {
        double sum = 0;
        int count = 0;
        RecentValues(h, (h.size() + k) % week, week, weeks, [&](double v) {
            sum += v;
            ++count;
        });
        out[k] = count > 0 ? sum / count : 0.0;
    }
    return out;
}

struct HwState {
    double level = 0, trend = 0;
    std::vector<double> daily, weekly;
};

struct HwParams {
    double alpha, gamma, delta, omega, phi;
};

// Initial states from the first two weeks (or what there is): level = mean, no trend, daily
// and weekly indices as deviations from it.
bool HwInit(const std::vector<double>& y, size_t day, size_t week, HwState* s) {
    const size_t span = std::min(y.size(), 2 * week);
    double sum = 0;
    int count = 0;
    for (size_t i = 0; i < span; ++i) {
        if (!std::isnan(y[i])) {
            sum += y[i];
            ++count;
        }
    }
    if (count == 0) return false;
    s->level = sum / count;
    s->trend = 0;
    s->daily.assign(day, 0.0);
    s->weekly.assign(week, 0.0);
    std::vector<double> dsum(day, 0.0), wsum(week, 0.0);
    std::vector<int> dn(day, 0), wn(week, 0);
    for (size_t i = 0; i < span; ++i) {
        if (std::isnan(y[i])) continue;
        dsum[i % day] += y[i] - s->level;
        ++dn[i % day];
    }
    for (size_t j = 0; j < day; ++j) s->daily[j] = dn[j] ? dsum[j] / dn[j] : 0.0;
    for (size_t i = 0; i < span; ++i) {
        if (std::isnan(y[i])) continue;
        wsum[i % week] += y[i] - s->level - s->daily[i % day];
        ++wn[i % week];
    }
    for (size_t j = 0; j < week; ++j) s->weekly[j] = wn[j] ? wsum[j] / wn[j] : 0.0;
    return true;
}

// Runs the filter over y[from..); returns the sum of squared one-step errors after `warmup`.
double HwRun(const std::vector<double>& y, size_t from, size_t day, size_t week, const HwParams& p, HwState* s,
             size_t warmup) {
    double sse = 0;
    for (size_t t = from; t < y.size(); ++t) {
        const size_t i1 = t % day, i2 = t % week;
        const double prior_level = s->level + p.phi * s->trend;
        const double forecast = prior_level + s->daily[i1] + s->weekly[i2];
        const double obs = y[t];
        if (std::isnan(obs)) {  // missing: the states go on as forecast
            s->level = prior_level;
            s->trend *= p.phi;
            continue;
        }
        if (t >= from + warmup) sse += (obs - forecast) * (obs - forecast);
        const double level = p.alpha * (obs - s->daily[i1] - s->weekly[i2]) + (1 - p.alpha) * prior_level;
        s->trend = p.gamma * (level - s->level) + (1 - p.gamma) * p.phi * s->trend;
        const double old_daily = s->daily[i1];
        s->daily[i1] = p.delta * (obs - level - s->weekly[i2]) + (1 - p.delta) * old_daily;
        s->weekly[i2] = p.omega * (obs - level - old_daily) + (1 - p.omega) * s->weekly[i2];
        s->level = level;
    }
    return sse;
}

std::vector<double> HoltWinters(const std::vector<double>& h, size_t day, size_t week, int horizon,
                                const ForecastOptions& o) {
    if (h.size() < 2 * week) return WeeklyAverage(h, week, horizon, o.average_weeks);
    // Fit and run on the recent history only (12 weeks): enough for the states, and fast.
    const size_t keep = std::min(h.size(), 12 * week);
    const size_t offset = h.size() - keep;
    const size_t shift = offset % week == 0 ? offset : offset - offset % week;  // keep slot alignment
    const std::vector<double> y(h.begin() + static_cast<std::ptrdiff_t>(shift), h.end());
    HwParams best{o.alpha, o.gamma, o.delta, o.omega, o.phi};
    if (o.fit) {
        double best_sse = std::numeric_limits<double>::infinity();
        for (double alpha : {0.02, 0.05, 0.1, 0.2}) {
            for (double gamma : {0.0, 0.01}) {
                for (double delta : {0.0, 0.05, 0.15}) {
                    for (double omega : {0.05, 0.1, 0.2, 0.35}) {
                        HwState s;
                        if (!HwInit(y, day, week, &s)) return WeeklyAverage(h, week, horizon, o.average_weeks);
                        const HwParams p{alpha, gamma, delta, omega, o.phi};
                        const double sse = HwRun(y, 0, day, week, p, &s, 2 * week);
                        if (sse < best_sse) {
                            best_sse = sse;
                            best = p;
                        }
                    }
                }
            }
        }
    }
    HwState s;
    if (!HwInit(y, day, week, &s)) return WeeklyAverage(h, week, horizon, o.average_weeks);
    HwRun(y, 0, day, week, best, &s, 0);
    std::vector<double> out(static_cast<size_t>(horizon));
    double damp = 0, phi_k = 1;
    for (size_t k = 0; k < out.size(); ++k) {
        phi_k *= best.phi;
        damp += phi_k;
        const size_t t = y.size() + k;
        out[k] = std::max(0.0, s.level + damp * s.trend + s.daily[t % day] + s.weekly[t % week]);
    }
    return out;
}

}  // namespace

std::string_view MethodName(Method m) {
    const auto i = static_cast<size_t>(m);
    return i < std::size(kNames) ? kNames[i] : "unknown";
}

bool ParseMethod(std::string_view name, Method* out) {
    for (size_t i = 0; i < std::size(kNames); ++i) {
        if (kNames[i] == name) {
            *out = static_cast<Method>(i);
            return true;
        }
    }
    return false;
}

std::vector<double> Forecast(Method method, const std::vector<double>& history, int slots_per_day, int horizon,
                             const ForecastOptions& options) {
    if (slots_per_day <= 0 || horizon <= 0) return {};
    const size_t day = static_cast<size_t>(slots_per_day), week = 7 * day;
    std::vector<double> out;
    switch (method) {
    case Method::SeasonalNaive: out = SeasonalNaive(history, week, horizon); break;
    case Method::WeeklyAverage: out = WeeklyAverage(history, week, horizon, std::max(1, options.average_weeks)); break;
    case Method::HoltWinters: out = HoltWinters(history, day, week, horizon, options); break;
    case Method::kCount: out.assign(static_cast<size_t>(horizon), 0.0); break;
    }
    for (double& v : out) v = std::isfinite(v) ? std::max(0.0, v) : 0.0;
    return out;
}

Accuracy Measure(const std::vector<double>& actual, const std::vector<double>& forecast) {
    Accuracy a;
    double abs_err = 0, sum_actual = 0, signed_err = 0, ape = 0, sape = 0;
    int64_t nonzero = 0;
    for (size_t i = 0; i < actual.size() && i < forecast.size(); ++i) {
        const double y = actual[i], f = forecast[i];
        if (std::isnan(y) || std::isnan(f)) continue;
        ++a.n;
        abs_err += std::fabs(y - f);
        signed_err += f - y;
        sum_actual += y;
        if (y != 0) {
            ape += std::fabs(y - f) / std::fabs(y);
            ++nonzero;
        }
        const double denom = std::fabs(y) + std::fabs(f);
        sape += denom > 0 ? 2 * std::fabs(f - y) / denom : 0.0;
    }
    if (a.n == 0) return a;
    a.wape = sum_actual > 0 ? abs_err / sum_actual : 0;
    a.bias = sum_actual > 0 ? signed_err / sum_actual : 0;
    a.mape = nonzero > 0 ? ape / static_cast<double>(nonzero) : 0;
    a.smape = sape / static_cast<double>(a.n);
    return a;
}

Backtest ChooseMethod(const std::vector<double>& history, int slots_per_day, int origins, const ForecastOptions& options) {
    Backtest b;
    if (slots_per_day <= 0 || origins <= 0) return b;
    const size_t week = 7 * static_cast<size_t>(slots_per_day);
    const size_t weeks = history.size() / week;
    if (weeks < static_cast<size_t>(origins) + 2) return b;  // too short: keep the default
    b.origins = origins;
    for (size_t m = 0; m < static_cast<size_t>(Method::kCount); ++m) {
        std::vector<double> actual, forecast;
        for (int o = origins; o >= 1; --o) {
            const size_t cut = history.size() - static_cast<size_t>(o) * week;
            const std::vector<double> train(history.begin(), history.begin() + static_cast<std::ptrdiff_t>(cut));
            const std::vector<double> f = Forecast(static_cast<Method>(m), train, slots_per_day, static_cast<int>(week), options);
            actual.insert(actual.end(), history.begin() + static_cast<std::ptrdiff_t>(cut),
                          history.begin() + static_cast<std::ptrdiff_t>(cut + week));
            forecast.insert(forecast.end(), f.begin(), f.end());
        }
        b.by_method[m] = Measure(actual, forecast);
        b.ran[m] = true;
    }
    // The lowest WAPE; on a tie the simpler method (lower enum value).
    size_t best = static_cast<size_t>(Method::WeeklyAverage);
    for (size_t m = 0; m < static_cast<size_t>(Method::kCount); ++m) {
        if (b.by_method[m].valid() && b.by_method[m].wape < b.by_method[best].wape - 1e-12) best = m;
    }
    if (b.by_method[static_cast<size_t>(Method::SeasonalNaive)].valid() &&
        b.by_method[static_cast<size_t>(Method::SeasonalNaive)].wape <= b.by_method[best].wape + 1e-12) {
        best = static_cast<size_t>(Method::SeasonalNaive);
    }
    b.best = static_cast<Method>(best);
    return b;
}

double PoissonWapeFloor(double lambda) {
    if (lambda <= 0) return 0;
    // E|N - lambda| = 2 e^-lambda lambda^(k+1) / k!, k = floor(lambda) (the Poisson mean absolute deviation).
    const double k = std::floor(lambda);
    const double log_mad = std::log(2.0) - lambda + (k + 1) * std::log(lambda) - std::lgamma(k + 1);
    return std::exp(log_mad) / lambda;
}

}  // namespace cb::wfm
