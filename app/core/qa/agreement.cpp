#include "core/qa/agreement.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace cb::qa {

FleissResult FleissKappa(const std::vector<std::vector<int64_t>>& counts) {
    FleissResult r;
    if (counts.empty() || counts[0].empty()) return r;
    const size_t cats = counts[0].size();
    int64_t n = -1;
    for (const auto& row : counts) {
        if (row.size() != cats) return r;
        int64_t s = 0;
        for (int64_t c : row) {
            if (c < 0) return r;
            s += c;
        }
        if (n < 0) n = s;
        if (s != n) return r;
    }
    if (n < 2) return r;
    const double N = static_cast<double>(counts.size());
    const double nn = static_cast<double>(n);
    std::vector<double> col(cats, 0.0);
    double p_sum = 0;
    for (const auto& row : counts) {
        double sq = 0;
        for (size_t j = 0; j < cats; ++j) {
            sq += static_cast<double>(row[j]) * static_cast<double>(row[j]);
            col[j] += static_cast<double>(row[j]);
        }
        p_sum += (sq - nn) / (nn * (nn - 1));
    }
    r.p_bar = p_sum / N;
    for (double c : col) {
        const double p = c / (N * nn);
        r.pe_bar += p * p;
    }
    r.subjects = static_cast<int64_t>(counts.size());
    r.raters = n;
    if (std::fabs(1.0 - r.pe_bar) < 1e-15) return r;
    r.kappa = (r.p_bar - r.pe_bar) / (1.0 - r.pe_bar);
    r.valid = true;
    return r;
}

IccResult Icc(const std::vector<std::vector<double>>& x) {
    IccResult r;
    const size_t n = x.size();
    if (n < 2) return r;
    const size_t k = x[0].size();
    if (k < 2) return r;
    for (const auto& row : x)
        if (row.size() != k) return r;
    double grand = 0;
    std::vector<double> rowm(n, 0), colm(k, 0);
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < k; ++j) {
            grand += x[i][j];
            rowm[i] += x[i][j];
            colm[j] += x[i][j];
        }
    grand /= static_cast<double>(n * k);
    for (auto& v : rowm) v /= static_cast<double>(k);
    for (auto& v : colm) v /= static_cast<double>(n);
    double ss_total = 0, ss_rows = 0, ss_cols = 0;
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < k; ++j) ss_total += (x[i][j] - grand) * (x[i][j] - grand);
    for (double v : rowm) ss_rows += static_cast<double>(k) * (v - grand) * (v - grand);
    for (double v : colm) ss_cols += static_cast<double>(n) * (v - grand) * (v - grand);
    const double dn = static_cast<double>(n), dk = static_cast<double>(k);
    r.targets = static_cast<int64_t>(n);
    r.judges = static_cast<int64_t>(k);
    r.bms = ss_rows / (dn - 1);
    r.jms = ss_cols / (dk - 1);
    r.wms = (ss_total - ss_rows) / (dn * (dk - 1));
    r.ems = (ss_total - ss_rows - ss_cols) / ((dn - 1) * (dk - 1));
    if (r.bms <= 0) return r;
    r.icc1_1 = (r.bms - r.wms) / (r.bms + (dk - 1) * r.wms);
    r.icc2_1 = (r.bms - r.ems) / (r.bms + (dk - 1) * r.ems + dk * (r.jms - r.ems) / dn);
    r.icc3_1 = (r.bms - r.ems) / (r.bms + (dk - 1) * r.ems);
    r.icc1_k = (r.bms - r.wms) / r.bms;
    r.icc2_k = (r.bms - r.ems) / (r.bms + (r.jms - r.ems) / dn);
    r.icc3_k = (r.bms - r.ems) / r.bms;
    r.valid = true;
    return r;
}

std::string_view LevelName(Level l) {
    switch (l) {
        case Level::Nominal: return "nominal";
        case Level::Ordinal: return "ordinal";
        case Level::Interval: return "interval";
        case Level::Ratio: return "ratio";
    }
    return "nominal";
}

bool ParseLevel(std::string_view name, Level* out) {
    for (Level l : {Level::Nominal, Level::Ordinal, Level::Interval, Level::Ratio})
        if (LevelName(l) == name) {
            *out = l;
            return true;
        }
    return false;
}

AlphaResult KrippendorffAlpha(const std::vector<std::vector<std::optional<double>>>& ratings, Level level) {
    AlphaResult r;
    // The distinct values, sorted, and the coincidence matrix o[c][k].
    std::vector<double> values;
    for (const auto& unit : ratings)
        for (const auto& v : unit)
            if (v) values.push_back(*v);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    const size_t V = values.size();
    auto index = [&](double v) {
        return static_cast<size_t>(std::lower_bound(values.begin(), values.end(), v) - values.begin());
    };
    std::vector<std::vector<double>> o(V, std::vector<double>(V, 0.0));
    for (const auto& unit : ratings) {
        std::vector<size_t> idx;
        for (const auto& v : unit)
            if (v) idx.push_back(index(*v));
        const size_t m = idx.size();
        if (m < 2) continue;
        ++r.units;
        r.pairable += static_cast<int64_t>(m);
        for (size_t a = 0; a < m; ++a)
            for (size_t b = 0; b < m; ++b)
                if (a != b) o[idx[a]][idx[b]] += 1.0 / static_cast<double>(m - 1);
    }
    if (r.pairable < 2) return r;
    std::vector<double> nc(V, 0.0);
    for (size_t c = 0; c < V; ++c)
        for (size_t k = 0; k < V; ++k) nc[c] += o[c][k];
    auto d2 = [&](size_t c, size_t k) -> double {
        if (c == k) return 0.0;
        switch (level) {
            case Level::Nominal: return 1.0;
            case Level::Ordinal: {
                const size_t lo = std::min(c, k), hi = std::max(c, k);
                double s = 0;
                for (size_t g = lo; g <= hi; ++g) s += nc[g];
                s -= (nc[lo] + nc[hi]) / 2.0;
                return s * s;
            }
            case Level::Interval: return (values[c] - values[k]) * (values[c] - values[k]);
            case Level::Ratio: {
                const double sum = values[c] + values[k];
                if (sum == 0) return 0.0;
                const double q = (values[c] - values[k]) / sum;
                return q * q;
            }
        }
        return 1.0;
    };
    double observed = 0, expected = 0;
    for (size_t c = 0; c < V; ++c)
        for (size_t k = 0; k < V; ++k) {
            const double d = d2(c, k);
            observed += o[c][k] * d;
            expected += nc[c] * nc[k] * d;
        }
    if (expected <= 0) return r;
    const double n = static_cast<double>(r.pairable);
    r.alpha = 1.0 - (n - 1.0) * observed / expected;
    r.valid = true;
    return r;
}

Band KooLiBand(double v) {
    if (v < 0.50) return Band::Poor;
    if (v < 0.75) return Band::Moderate;
    if (v <= 0.90) return Band::Good;
    return Band::Excellent;
}

std::string_view BandName(Band b) {
    switch (b) {
        case Band::Poor: return "poor";
        case Band::Moderate: return "moderate";
        case Band::Good: return "good";
        case Band::Excellent: return "excellent";
    }
    return "poor";
}

}  // namespace cb::qa
