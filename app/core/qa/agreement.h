// Agreement between raters (docs/qa.md, "Agreement"): Fleiss' kappa, the six intraclass
// correlations of Shrout & Fleiss (1979), Krippendorff's alpha at four levels of measurement and
// the Koo & Li (2016) bands. Pure math over plain tables; calibration (calibration.h) decides
// which numbers go in. Each function says when it has no value (too few ratings, no variance)
// instead of returning a number.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace cb::qa {

// Fleiss' kappa. counts[i][j]: raters putting subject i in category j; every subject needs the
// same number n >= 2 of raters. P_i = (sum_j n_ij^2 - n) / (n (n - 1)), P-bar = mean P_i,
// p_j = sum_i n_ij / (N n), Pe-bar = sum_j p_j^2, kappa = (P-bar - Pe-bar) / (1 - Pe-bar).
struct FleissResult {
    bool valid = false;      // false: no subjects, unequal rater counts, n < 2 or Pe-bar == 1
    double p_bar = 0;
    double pe_bar = 0;
    double kappa = 0;
    int64_t subjects = 0;
    int64_t raters = 0;
};
FleissResult FleissKappa(const std::vector<std::vector<int64_t>>& counts);

// Intraclass correlations of a complete table x[target][judge] (n >= 2 targets, k >= 2 judges),
// from the two-way ANOVA mean squares BMS (targets), JMS (judges), WMS (within targets), EMS
// (residual): ICC(1,1) = (BMS-WMS)/(BMS+(k-1)WMS), ICC(2,1) = (BMS-EMS)/(BMS+(k-1)EMS+k(JMS-EMS)/n),
// ICC(3,1) = (BMS-EMS)/(BMS+(k-1)EMS), ICC(1,k) = (BMS-WMS)/BMS,
// ICC(2,k) = (BMS-EMS)/(BMS+(JMS-EMS)/n), ICC(3,k) = (BMS-EMS)/BMS.
struct IccResult {
    bool valid = false;      // false: fewer than 2 targets or judges, ragged rows, or BMS == 0
    int64_t targets = 0;
    int64_t judges = 0;
    double bms = 0, jms = 0, wms = 0, ems = 0;
    double icc1_1 = 0, icc2_1 = 0, icc3_1 = 0;
    double icc1_k = 0, icc2_k = 0, icc3_k = 0;
};
IccResult Icc(const std::vector<std::vector<double>>& x);

// Krippendorff's alpha from the coincidence matrix: alpha = 1 - (n - 1) sum o_ck d2_ck /
// sum n_c n_k d2_ck over pairable values (units with at least two ratings). ratings[unit][coder];
// nullopt = missing. Difference functions: nominal (c != k), ordinal ((sum_{g=c..k} n_g -
// (n_c + n_k)/2)^2), interval ((c - k)^2), ratio (((c - k)/(c + k))^2).
enum class Level : uint8_t { Nominal, Ordinal, Interval, Ratio };
std::string_view LevelName(Level l);  // "nominal", "ordinal", "interval", "ratio"
bool ParseLevel(std::string_view name, Level* out);
struct AlphaResult {
    bool valid = false;      // false: fewer than 2 pairable values or no disagreement expected
    double alpha = 0;
    int64_t pairable = 0;    // n: values in units with >= 2 ratings
    int64_t units = 0;       // units with >= 2 ratings
};
AlphaResult KrippendorffAlpha(const std::vector<std::vector<std::optional<double>>>& ratings, Level level);

// Koo & Li (2016) bands for reliability coefficients: < 0.50 poor, 0.50 to 0.75 moderate,
// 0.75 to 0.90 good, > 0.90 excellent (a value on a boundary takes the upper band, except 0.90,
// which is good: "greater than 0.90" is excellent).
enum class Band : uint8_t { Poor, Moderate, Good, Excellent };
Band KooLiBand(double value);
std::string_view BandName(Band b);  // "poor", "moderate", "good", "excellent"

}  // namespace cb::qa
