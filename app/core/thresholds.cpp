// Thresholds: fields, merging, JSON and validation (thresholds.h). Never throws (the web build
// has no exceptions): every value's type is checked before it is read.
#include "thresholds.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace cb {
namespace {

constexpr ThresholdField kFields[] = {
    {"oldest_wait_warn_s", &Thresholds::oldest_wait_warn_s, nullptr},
    {"oldest_wait_bad_s", &Thresholds::oldest_wait_bad_s, nullptr},
    {"sl_warn_margin", nullptr, &Thresholds::sl_warn_margin},
    {"abandon_warn", nullptr, &Thresholds::abandon_warn},
    {"abandon_bad", nullptr, &Thresholds::abandon_bad},
    {"asa_warn_s", &Thresholds::asa_warn_s, nullptr},
    {"asa_bad_s", &Thresholds::asa_bad_s, nullptr},
    {"call_long_s", &Thresholds::call_long_s, nullptr},
    {"wrap_long_s", &Thresholds::wrap_long_s, nullptr},
    {"break_long_s", &Thresholds::break_long_s, nullptr},
    {"lunch_long_s", &Thresholds::lunch_long_s, nullptr},
    {"planned_long_s", &Thresholds::planned_long_s, nullptr},
    {"not_ready_long_s", &Thresholds::not_ready_long_s, nullptr},
    {"tv_cycle_s", &Thresholds::tv_cycle_s, nullptr},
};
static_assert(std::size(kFields) <= 32, "ThresholdOverride::set has 32 bits");

constexpr int64_t kMaxSeconds = 86400;

bool Fail(ThresholdError* error, std::string field, const char* code, const std::string& reason, std::string other = {}) {
    error->message = field.empty() ? reason : field + ": " + reason;
    error->field = std::move(field);
    error->code = code;
    error->other = std::move(other);
    return false;
}

// Reads one JSON value into field f of *t (range of the value itself only).
bool ReadField(const nlohmann::json& v, const ThresholdField& f, Thresholds* t, ThresholdError* error) {
    if (f.seconds) {
        if (!v.is_number_integer()) return Fail(error, f.key, "whole_seconds", "expected whole seconds");
        const int64_t n = v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX) ? INT64_MAX : v.get<int64_t>();
        if (n < 1 || n > kMaxSeconds) return Fail(error, f.key, "seconds_range", "expected 1 to 86400 seconds");
        t->*f.seconds = static_cast<int>(n);
        return true;
    }
    if (!v.is_number()) return Fail(error, f.key, "number", "expected a number");
    const double share = v.get<double>();
    if (!(share >= 0.0 && share <= 1.0)) return Fail(error, f.key, "share_range", "expected a share from 0 to 1");
    t->*f.share = share;
    return true;
}

nlohmann::json ParseObject(std::string_view text, ThresholdError* error) {
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        Fail(error, "", "not_object", "not a JSON object");
        return nlohmann::json();
    }
    return j;
}

bool CheckKeys(const nlohmann::json& j, ThresholdError* error) {
    for (const auto& [key, value] : j.items()) {
        (void)value;
        if (ThresholdFieldIndex(key) < 0) return Fail(error, key, "not_threshold", "not a threshold");
    }
    return true;
}

}  // namespace

std::span<const ThresholdField> ThresholdFields() { return kFields; }

int ThresholdFieldIndex(std::string_view key) {
    for (size_t i = 0; i < std::size(kFields); ++i)
        if (key == kFields[i].key) return int(i);
    return -1;
}

double ThresholdValue(const Thresholds& t, const ThresholdField& f) {
    return f.seconds ? double(t.*f.seconds) : t.*f.share;
}

void SetThresholdValue(Thresholds* t, const ThresholdField& f, double value) {
    if (f.seconds) t->*f.seconds = static_cast<int>(value);
    else t->*f.share = value;
}

bool ThresholdOverride::operator==(const ThresholdOverride& o) const {
    if (set != o.set) return false;
    for (size_t i = 0; i < std::size(kFields); ++i)
        if (Sets(i) && ThresholdValue(values, kFields[i]) != ThresholdValue(o.values, kFields[i])) return false;
    return true;
}

Thresholds MergeThresholds(const Thresholds& center, const ThresholdOverride& team) {
    Thresholds t = center;
    for (size_t i = 0; i < std::size(kFields); ++i)
        if (team.Sets(i)) SetThresholdValue(&t, kFields[i], ThresholdValue(team.values, kFields[i]));
    return t;
}

std::string ThresholdsToJson(const Thresholds& t) {
    nlohmann::json j = nlohmann::json::object();
    for (const ThresholdField& f : kFields) {
        if (f.seconds) j[f.key] = t.*f.seconds;
        else j[f.key] = t.*f.share;
    }
    return j.dump();
}

std::string OverrideToJson(const ThresholdOverride& o) {
    nlohmann::json j = nlohmann::json::object();
    for (size_t i = 0; i < std::size(kFields); ++i) {
        if (!o.Sets(i)) continue;
        const ThresholdField& f = kFields[i];
        if (f.seconds) j[f.key] = o.values.*f.seconds;
        else j[f.key] = o.values.*f.share;
    }
    return j.dump();
}

bool ValidateThresholds(const Thresholds& t, ThresholdError* error) {
    for (const ThresholdField& f : kFields) {
        if (f.seconds && (t.*f.seconds < 1 || t.*f.seconds > kMaxSeconds))
            return Fail(error, f.key, "seconds_range", "expected 1 to 86400 seconds");
        if (f.share && !(t.*f.share >= 0.0 && t.*f.share <= 1.0))
            return Fail(error, f.key, "share_range", "expected a share from 0 to 1");
    }
    if (t.oldest_wait_warn_s > t.oldest_wait_bad_s)
        return Fail(error, "oldest_wait_warn_s", "above_bad", "above oldest_wait_bad_s (" + std::to_string(t.oldest_wait_bad_s) + ")",
                    "oldest_wait_bad_s");
    if (t.asa_warn_s > t.asa_bad_s)
        return Fail(error, "asa_warn_s", "above_bad", "above asa_bad_s (" + std::to_string(t.asa_bad_s) + ")", "asa_bad_s");
    if (t.abandon_warn > t.abandon_bad) {
        char bad[32];
        std::snprintf(bad, sizeof bad, "%g", t.abandon_bad);
        return Fail(error, "abandon_warn", "above_bad", std::string("above abandon_bad (") + bad + ")", "abandon_bad");
    }
    return true;
}

bool ThresholdsFromJson(std::string_view text, Thresholds* out, ThresholdError* error, bool strict) {
    nlohmann::json j = ParseObject(text, error);
    if (!j.is_object()) return false;
    if (strict && !CheckKeys(j, error)) return false;
    Thresholds t = *out;
    for (const ThresholdField& f : kFields) {
        auto it = j.find(f.key);
        if (it != j.end() && !ReadField(*it, f, &t, error)) return false;
    }
    if (!ValidateThresholds(t, error)) return false;
    *out = t;
    return true;
}

bool OverrideFromJson(std::string_view text, ThresholdOverride* out, ThresholdError* error) {
    nlohmann::json j = ParseObject(text, error);
    if (!j.is_object() || !CheckKeys(j, error)) return false;
    ThresholdOverride o;
    for (size_t i = 0; i < std::size(kFields); ++i) {
        auto it = j.find(kFields[i].key);
        if (it == j.end()) continue;
        if (!ReadField(*it, kFields[i], &o.values, error)) return false;
        o.set |= 1u << i;
    }
    *out = o;
    return true;
}

}  // namespace cb
