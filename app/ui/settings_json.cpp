// Thresholds <-> JSON and validation (settings_json.h). Never throws (the web build has no
// exceptions): every value's type is checked before it is read.
#include "settings_json.h"

#include <nlohmann/json.hpp>

namespace cb {
namespace {

struct IntField { const char* key; int Thresholds::*field; };
struct RatioField { const char* key; double Thresholds::*field; };

constexpr IntField kInts[] = {
    {"oldest_wait_warn_s", &Thresholds::oldest_wait_warn_s}, {"oldest_wait_bad_s", &Thresholds::oldest_wait_bad_s},
    {"asa_warn_s", &Thresholds::asa_warn_s}, {"asa_bad_s", &Thresholds::asa_bad_s},
    {"call_long_s", &Thresholds::call_long_s}, {"wrap_long_s", &Thresholds::wrap_long_s},
    {"break_long_s", &Thresholds::break_long_s}, {"lunch_long_s", &Thresholds::lunch_long_s},
    {"planned_long_s", &Thresholds::planned_long_s}, {"not_ready_long_s", &Thresholds::not_ready_long_s},
    {"tv_cycle_s", &Thresholds::tv_cycle_s}};
constexpr RatioField kRatios[] = {{"sl_warn_margin", &Thresholds::sl_warn_margin},
                                  {"abandon_warn", &Thresholds::abandon_warn},
                                  {"abandon_bad", &Thresholds::abandon_bad}};

}  // namespace

std::string ThresholdsToJson(const Thresholds& t) {
    nlohmann::json j = nlohmann::json::object();
    for (const IntField& f : kInts) j[f.key] = t.*f.field;
    for (const RatioField& f : kRatios) j[f.key] = t.*f.field;
    return j.dump();
}

bool ValidateThresholds(const Thresholds& t, std::string* error) {
    for (const IntField& f : kInts)
        if (t.*f.field <= 0 || t.*f.field > 86400) {
            *error = std::string(f.key) + ": expected 1 to 86400 seconds";
            return false;
        }
    for (const RatioField& f : kRatios)
        if (!(t.*f.field >= 0.0 && t.*f.field <= 1.0)) {
            *error = std::string(f.key) + ": expected a share from 0 to 1";
            return false;
        }
    if (t.oldest_wait_warn_s > t.oldest_wait_bad_s) { *error = "oldest_wait_warn_s: above oldest_wait_bad_s"; return false; }
    if (t.asa_warn_s > t.asa_bad_s) { *error = "asa_warn_s: above asa_bad_s"; return false; }
    if (t.abandon_warn > t.abandon_bad) { *error = "abandon_warn: above abandon_bad"; return false; }
    return true;
}

bool ThresholdsFromJson(std::string_view text, Thresholds* out, std::string* error) {
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        *error = "not a JSON object";
        return false;
    }
    Thresholds t = *out;
    for (const IntField& f : kInts) {
        auto it = j.find(f.key);
        if (it == j.end()) continue;
        if (!it->is_number_integer()) { *error = std::string(f.key) + ": expected whole seconds"; return false; }
        const int64_t v = it->get<int64_t>();
        if (v < -1000000 || v > 1000000) { *error = std::string(f.key) + ": expected 1 to 86400 seconds"; return false; }
        t.*f.field = static_cast<int>(v);
    }
    for (const RatioField& f : kRatios) {
        auto it = j.find(f.key);
        if (it == j.end()) continue;
        if (!it->is_number()) { *error = std::string(f.key) + ": expected a number"; return false; }
        t.*f.field = it->get<double>();
    }
    if (!ValidateThresholds(t, error)) return false;
    *out = t;
    return true;
}

}  // namespace cb
