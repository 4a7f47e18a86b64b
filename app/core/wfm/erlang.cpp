// Erlang B, C and A (erlang.h).
#include "erlang.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace cb::wfm {
namespace {

// B(n, a) by the recursion B(k) = a B(k-1) / (k + a B(k-1)), B(0) = 1: stable for any size.
double ErlangBFrom(int64_t from, double b, int64_t to, double a) {
    for (int64_t k = from + 1; k <= to; ++k) b = a * b / (static_cast<double>(k) + a * b);
    return b;
}

QueueResult ErlangCFromB(int64_t n, double a, double b, double aht_s, double t_s) {
    QueueResult r;
    const double nd = static_cast<double>(n);
    if (!(nd > a) || aht_s <= 0) return r;  // unstable: the queue grows without bound
    r.stable = true;
    r.p_wait = nd * b / (nd - a * (1.0 - b));
    r.service_level = 1.0 - r.p_wait * std::exp(-(nd - a) * t_s / aht_s);
    r.asa_s = r.p_wait * aht_s / (nd - a);
    r.occupancy = a / nd;
    return r;
}

// The stationary distribution of the M/M/n+M chain (birth lambda, death min(k, n) mu +
// max(k - n, 0) theta), normalised, from state 0 until the tail is negligible.
std::vector<double> StationaryErlangA(int64_t n, double lambda, double mu, double theta) {
    // Unnormalised terms by the ratio of neighbours, in linear space (no log or exp per state);
    // rescaled whenever they grow past 1e200, so thousands of Erlangs neither overflow nor
    // lose the small terms that matter.
    std::vector<double> p{1.0};
    double max_p = 1.0;
    for (int64_t k = 1;; ++k) {
        const double death = static_cast<double>(std::min(k, n)) * mu + static_cast<double>(std::max<int64_t>(k - n, 0)) * theta;
        double next = p.back() * (lambda / death);
        if (next > 1e200) {
            for (double& v : p) v *= 1e-200;
            max_p *= 1e-200;
            next *= 1e-200;
        }
        p.push_back(next);
        max_p = std::max(max_p, next);
        // Past the agents and decreasing: stop once a term is below 1e-17 of the largest.
        if (k > n && lambda < death && next < max_p * 1.2e-17) break;
        if (k > n + 10000000) break;  // a patience so long the chain never thins: cut
    }
    double sum = 0;
    for (double v : p) sum += v;
    for (double& v : p) v /= sum;
    return p;
}

// G[j] = P(a caller with j callers ahead is answered within t): it moves up at rate
// n mu + j theta (an agent frees or someone ahead abandons) and abandons itself at rate theta.
// Uniformization of that absorbing chain for every j at once.
std::vector<double> AnsweredWithin(int64_t n, double mu, double theta, size_t positions, double t) {
    std::vector<double> g(positions, 0.0);
    if (positions == 0 || t <= 0) return g;
    const double lambda_u = static_cast<double>(n) * mu + static_cast<double>(positions) * theta;  // >= every outflow
    const double m = lambda_u * t;
    const int64_t steps = static_cast<int64_t>(m + 10.0 * std::sqrt(m) + 50.0);
    std::vector<double> v(positions, 0.0), next(positions, 0.0), advance(positions), stay(positions);
    for (size_t j = 0; j < positions; ++j) {
        const double out = static_cast<double>(n) * mu + static_cast<double>(j) * theta;
        advance[j] = out / lambda_u;
        stay[j] = (lambda_u - out - theta) / lambda_u;
    }
    // Poisson(k; m) weights: w_k = w_{k-1} m / k from w_0 = exp(-m); in log space when exp(-m)
    // would underflow (busy centers): log w_k = -m + k log m - log k!.
    const bool linear = m < 600;
    const double log_m = std::log(m);
    double log_w = -m, w = std::exp(-m), mass = w;
    for (int64_t k = 1; k <= steps; ++k) {
        if (linear) {
            w *= m / static_cast<double>(k);
        } else {
            log_w += log_m - std::log(static_cast<double>(k));
            w = std::exp(log_w);
        }
        double ahead = 1.0;  // served once it reaches an agent
        for (size_t j = 0; j < positions; ++j) {
            next[j] = advance[j] * ahead + stay[j] * v[j];
            ahead = v[j];
            g[j] += w * next[j];
        }
        v.swap(next);
        // Past the mode, once the Poisson weights left sum to less than 1e-14 (v <= 1): done.
        mass += w;
        if (static_cast<double>(k) > m && 1.0 - mass < 1e-14) break;
    }
    return g;
}

}  // namespace

double ErlangB(int64_t n, double a) {
    if (n < 0 || a < 0) return 1.0;
    return ErlangBFrom(0, 1.0, n, a);
}

QueueResult ErlangC(int64_t n, const Load& load, double t_s) {
    const double a = load.erlangs();
    return ErlangCFromB(n, a, ErlangB(n, a), load.aht_s, t_s);
}

std::vector<QueueResult> ErlangCRange(int64_t n_from, int64_t n_to, const Load& load, double t_s) {
    std::vector<QueueResult> out;
    if (n_from < 0 || n_to < n_from) return out;
    out.reserve(static_cast<size_t>(n_to - n_from) + 1);
    const double a = load.erlangs();
    double b = ErlangB(n_from, a);
    for (int64_t n = n_from; n <= n_to; ++n) {
        if (n > n_from && a >= 0) b = ErlangBFrom(n - 1, b, n, a);  // one step of the same recursion
        out.push_back(ErlangCFromB(n, a, b, load.aht_s, t_s));
    }
    return out;
}

QueueResult ErlangA(int64_t n, const Load& load, double patience_s, double t_s) {
    QueueResult r;
    const double lambda = load.arrivals_per_s();
    if (n <= 0 || lambda <= 0 || load.aht_s <= 0 || patience_s <= 0) return r;
    const double mu = 1.0 / load.aht_s, theta = 1.0 / patience_s;
    const std::vector<double> p = StationaryErlangA(n, lambda, mu, theta);
    r.stable = true;
    double wait = 0, queue = 0, served_at_once = 0;
    for (size_t k = 0; k < p.size(); ++k) {
        if (static_cast<int64_t>(k) >= n) {
            wait += p[k];
            queue += static_cast<double>(static_cast<int64_t>(k) - n) * p[k];
        } else {
            served_at_once += p[k];
        }
    }
    r.p_wait = wait;
    r.p_abandon = theta * queue / lambda;
    r.occupancy = lambda * (1.0 - r.p_abandon) / (static_cast<double>(n) * mu);
    r.asa_s = queue / lambda;
    // Waiting positions whose probability (with every one behind them) is below 1e-15 cannot
    // change the service level by more than that: the uniformization leaves them out.
    size_t positions = p.size() > static_cast<size_t>(n) ? p.size() - static_cast<size_t>(n) : 0;
    for (double tail = 0; positions > 0; --positions) {
        tail += p[static_cast<size_t>(n) + positions - 1];
        if (tail > 1e-15) break;
    }
    const std::vector<double> g = AnsweredWithin(n, mu, theta, positions, t_s);
    double sl = served_at_once;
    for (size_t j = 0; j < positions; ++j) sl += p[static_cast<size_t>(n) + j] * g[j];
    r.service_level = std::min(1.0, sl);
    return r;
}

namespace {

bool Meets(const QueueResult& r, const Target& t) {
    if (!r.stable) return false;
    if (r.occupancy > t.max_occupancy + 1e-12) return false;
    return t.kind == Target::Kind::ServiceLevel ? r.service_level >= t.service_level - 1e-12 : r.asa_s <= t.asa_s + 1e-12;
}

}  // namespace

Staffing RequiredAgents(const Load& load, const Target& target) {
    Staffing s;
    const double a = load.erlangs();
    if (!(load.calls >= 0) || !(load.interval_s > 0) || !(load.aht_s > 0)) {
        s.why = "the load needs calls >= 0, an interval and a handle time above 0";
        return s;
    }
    if (!(target.max_occupancy > 0 && target.max_occupancy <= 1)) {
        s.why = "maximum occupancy must be above 0 % and at most 100 %";
        return s;
    }
    if (!(target.shrinkage >= 0 && target.shrinkage < 1)) {
        s.why = "shrinkage must be at least 0 % and below 100 %";
        return s;
    }
    if (target.kind == Target::Kind::ServiceLevel && !(target.service_level >= 0 && target.service_level < 1 + 1e-12)) {
        s.why = "the service level must be 0-100 %";
        return s;
    }
    if (target.kind == Target::Kind::ServiceLevel && !(target.t_s >= 0)) {
        s.why = "the answer time T must be at least 0 s";
        return s;
    }
    if (target.kind == Target::Kind::Asa && !(target.asa_s > 0)) {
        s.why = "the average speed of answer must be above 0 s";
        return s;
    }
    if (target.kind == Target::Kind::ServiceLevel && target.service_level >= 1.0 && target.patience_s > 0) {
        s.why = "100 % is out of reach when callers abandon";
        return s;
    }
    auto finish = [&](int64_t n, const QueueResult& r) {
        s.ok = true;
        s.raw_agents = n;
        s.agents = static_cast<int64_t>(std::ceil(static_cast<double>(n) / (1.0 - target.shrinkage) - 1e-9));
        s.at_raw = r;
        return s;
    };
    if (load.calls == 0) return finish(0, QueueResult{true, 0, 1, 0, 0, 0});
    if (target.patience_s > 0) {
        // Erlang A: every figure improves with each agent, so the smallest n meeting the target
        // is bracketed by galloping from a first guess (Erlang C's answer for the same target:
        // cheap, and usually within an agent or two) and then halved. Each evaluation is costly
        // (the chain and the uniformization), so the fewer the better.
        auto eval = [&](int64_t n) { return ErlangA(n, load, target.patience_s, target.t_s); };
        int64_t guess = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(a)));
        if (target.kind == Target::Kind::Asa || target.service_level < 1.0) {
            Target c = target;
            c.patience_s = 0;
            c.shrinkage = 0;
            const Staffing erlang_c = RequiredAgents(load, c);
            if (erlang_c.ok) guess = std::max<int64_t>(1, erlang_c.raw_agents);
        }
        int64_t lo = 0, hi = 0;  // lo does not meet (0 agents answer nobody), hi meets
        QueueResult at_hi = eval(guess);
        if (Meets(at_hi, target)) {
            hi = guess;
            for (int64_t step = 1;; step *= 2) {
                const int64_t n = std::max<int64_t>(0, hi - step);
                if (n == 0) break;
                const QueueResult r = eval(n);
                if (!Meets(r, target)) {
                    lo = n;
                    break;
                }
                hi = n;
                at_hi = r;
            }
        } else {
            lo = guess;
            for (int64_t step = 1;; step *= 2) {
                if (lo > static_cast<int64_t>(a) * 4 + 100000) {
                    s.why = "no number of agents reaches the target";
                    return s;
                }
                const QueueResult r = eval(lo + step);
                if (Meets(r, target)) {
                    hi = lo + step;
                    at_hi = r;
                    break;
                }
                lo += step;
            }
        }
        while (hi - lo > 1) {
            const int64_t mid = lo + (hi - lo) / 2;
            const QueueResult r = eval(mid);
            if (Meets(r, target)) {
                hi = mid;
                at_hi = r;
            } else {
                lo = mid;
            }
        }
        return finish(hi, at_hi);
    }
    // Erlang C: from the first stable count upwards, B carried along.
    int64_t n = static_cast<int64_t>(std::floor(a)) + 1;
    n = std::max<int64_t>(n, static_cast<int64_t>(std::ceil(a / target.max_occupancy - 1e-9)));
    n = std::max<int64_t>(n, 1);
    double b = ErlangB(n, a);
    if (target.kind == Target::Kind::ServiceLevel && target.service_level >= 1.0) {
        s.why = "100 % within T is out of reach for a queue (some callers always wait)";
        return s;
    }
    for (int64_t tries = 0; tries < 1000000; ++tries) {
        const QueueResult r = ErlangCFromB(n, a, b, load.aht_s, target.t_s);
        if (Meets(r, target)) return finish(n, r);
        b = ErlangBFrom(n, b, n + 1, a);
        ++n;
    }
    s.why = "no number of agents reaches the target";
    return s;
}

bool ParseServiceLevelTarget(const std::string& text, double* fraction, double* t_s, std::string* why) {
    int percent = 0, seconds = 0, used = 0;
    if (std::sscanf(text.c_str(), "%d/%d%n", &percent, &seconds, &used) != 2 || used != static_cast<int>(text.size()) ||
        percent < 0 || percent > 100 || seconds < 0 || seconds > 86400) {
        if (why) *why = "'" + text + "' is not PERCENT/SECONDS (e.g. 80/20: 80 % within 20 s)";
        return false;
    }
    *fraction = percent / 100.0;
    *t_s = seconds;
    return true;
}

}  // namespace cb::wfm
