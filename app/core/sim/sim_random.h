// The simulator's random numbers: xoshiro256** seeded through splitmix64, and the few
// distributions it needs, written out here so a seed gives the same numbers with every standard
// library and on every target (native and WebAssembly). Log and Exp are computed with plain
// arithmetic on purpose: libm results may differ in the last bit between platforms.
#pragma once
#include <cmath>
#include <cstdint>

namespace cb::sim {

// splitmix64 step: advances *state and returns the next output.
inline uint64_t SplitMix64(uint64_t* state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Natural logarithm of x > 0 (returns -1e308 for x <= 0). Relative error below 1e-15.
inline double Log(double x) {
    if (!(x > 0.0)) return -1e308;
    int e = 0;
    double m = std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1); exact
    if (m < 0.70710678118654752440) {
        m *= 2.0;
        e -= 1;
    }
    const double f = (m - 1.0) / (m + 1.0);  // |f| <= 0.1716
    const double s = f * f;
    double series = 1.0 / 23.0;
    for (int k = 21; k >= 1; k -= 2) series = 1.0 / k + s * series;
    constexpr double kLn2Hi = 6.93147180369123816490e-01;
    constexpr double kLn2Lo = 1.90821492927058770002e-10;
    return e * kLn2Hi + (e * kLn2Lo + 2.0 * f * series);
}

// e^x. Returns 0 below -745 and 1e308 above 709.
inline double Exp(double x) {
    if (x < -745.0) return 0.0;
    if (x > 709.0) return 1e308;
    constexpr double kInvLn2 = 1.44269504088896338700e+00;
    constexpr double kLn2Hi = 6.93147180369123816490e-01;
    constexpr double kLn2Lo = 1.90821492927058770002e-10;
    const double k = std::floor(x * kInvLn2 + 0.5);
    const double r = (x - k * kLn2Hi) - k * kLn2Lo;  // |r| <= 0.3466
    double p = 1.0;
    for (int n = 14; n >= 1; --n) p = 1.0 + p * r / n;
    return std::ldexp(p, static_cast<int>(k));
}

// xoshiro256** (Blackman & Vigna) with the distributions the simulator uses.
class Rng {
public:
    explicit Rng(uint64_t seed) {
        uint64_t sm = seed;
        for (uint64_t& word : m_s) word = SplitMix64(&sm);
    }

    uint64_t Next() {
        const uint64_t result = Rotl(m_s[1] * 5, 7) * 9;
        const uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = Rotl(m_s[3], 45);
        return result;
    }

    double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }  // [0, 1)
    double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
    // Integer in [0, n); n > 0. Modulo bias is below n / 2^64: irrelevant here.
    uint64_t Below(uint64_t n) { return Next() % n; }
    int64_t Between(int64_t lo, int64_t hi) {  // inclusive
        return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
    }
    bool Chance(double p) { return Uniform() < p; }

    // Exponential with the given mean.
    double Exponential(double mean) { return -mean * Log(1.0 - Uniform()); }

    // Standard normal, Marsaglia's polar method (needs only Log and sqrt, both exact-enough
    // and identical across platforms).
    double Normal() {
        for (;;) {
            const double u = 2.0 * Uniform() - 1.0;
            const double v = 2.0 * Uniform() - 1.0;
            const double s = u * u + v * v;
            if (s >= 1.0 || s == 0.0) continue;
            return u * std::sqrt(-2.0 * Log(s) / s);
        }
    }

    // Lognormal with the given arithmetic mean and log-space sigma: E[X] == mean.
    double LogNormalMean(double mean, double sigma) {
        return Exp(Log(mean) - 0.5 * sigma * sigma + sigma * Normal());
    }
    // Lognormal with the given median and log-space sigma.
    double LogNormalMedian(double median, double sigma) { return Exp(Log(median) + sigma * Normal()); }

private:
    static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t m_s[4];
};

// A seed for an independent stream derived from a base seed and a stream tag.
inline uint64_t StreamSeed(uint64_t seed, uint64_t tag) {
    uint64_t s = seed ^ (tag * 0xD1B54A32D192ED03ull);
    SplitMix64(&s);
    return SplitMix64(&s);
}

}  // namespace cb::sim
