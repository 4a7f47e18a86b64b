// Where figures turn amber (warn) or red (bad), and when an agent on the floor is flagged: a
// center's policy. The one owner of the limits, their defaults (docs/views.md), their JSON
// names, their validation, and how a team's override combines with the center's set. The
// server keeps the sets (docs/api.md, "Thresholds"); the views read every color decision from
// here. Seconds unless the name says otherwise. Pure: no I/O, never throws.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace cb {

struct Thresholds {
    // Wallboard
    int oldest_wait_warn_s = 20;      // oldest caller waiting longer than this: amber
    int oldest_wait_bad_s = 60;       // ... longer than this: red
    double sl_warn_margin = 0.05;     // SL below target by at most this (0.05 = 5 points): amber, more: red
    double abandon_warn = 0.05;       // abandon rate above this: amber
    double abandon_bad = 0.10;        // ... above this: red
    int asa_warn_s = 20;              // ASA above this: amber
    int asa_bad_s = 40;               // ... above this: red
    // Floor map outliers
    int call_long_s = 600;            // one call (talk + hold) longer than 10 min
    int wrap_long_s = 120;            // wrap-up longer than 2 min
    int break_long_s = 900;           // break over its 15 min allowance
    int lunch_long_s = 3600;          // lunch over its 60 min allowance
    int planned_long_s = 7200;        // training, meeting or coaching longer than 2 h
    int not_ready_long_s = 600;       // any other not-ready reason longer than 10 min
    // TV mode
    int tv_cycle_s = 15;              // wall seconds each page (center, then each team) stays up

    bool operator==(const Thresholds&) const = default;
};

// One threshold: its JSON key and where it lives. Exactly one of seconds / share is set.
struct ThresholdField {
    const char* key;
    int Thresholds::*seconds;     // whole seconds, 1-86400
    double Thresholds::*share;    // a share from 0 to 1 (shown in percent)
};
// Every threshold, in the order the thresholds panel shows them.
std::span<const ThresholdField> ThresholdFields();
// Index of the field with this JSON key, or -1.
int ThresholdFieldIndex(std::string_view key);
// The field's value as a number (seconds or share), and set from one.
double ThresholdValue(const Thresholds& t, const ThresholdField& f);
void SetThresholdValue(Thresholds* t, const ThresholdField& f, double value);

// A team's own limits: the fields whose bit is set in `set` (bit i = ThresholdFields()[i])
// replace the center's; the others follow the center's set, also when it changes later.
struct ThresholdOverride {
    uint32_t set = 0;
    Thresholds values;
    bool Sets(size_t field) const { return (set >> field) & 1u; }
    bool empty() const { return set == 0; }
    bool operator==(const ThresholdOverride& o) const;  // same fields set to the same values
};
// The center's set with the team's fields in place.
Thresholds MergeThresholds(const Thresholds& center, const ThresholdOverride& team);

// {"oldest_wait_warn_s":20,...}: every key.
std::string ThresholdsToJson(const Thresholds& t);
// Only the keys the override sets ({} when none).
std::string OverrideToJson(const ThresholdOverride& o);

// Why a set or a JSON text was refused: the key at fault (empty when the text as a whole is),
// a code front-ends translate ("not_object", "not_threshold", "whole_seconds",
// "seconds_range", "number", "share_range", "above_bad"; for "above_bad", `other` is the red
// limit's key) and one English line "key: reason".
struct ThresholdError {
    std::string field;
    std::string code;
    std::string other;
    std::string message;
};

// Every limit within its range, each amber limit at most its red one.
bool ValidateThresholds(const Thresholds& t, ThresholdError* error);
// Reads a JSON object into *out: keys present replace *out's values, missing keys keep them.
// Fails on malformed JSON, a wrong type, a value out of range or a set ValidateThresholds
// refuses; with `strict`, also on a key that is not a threshold. *out is unchanged on failure.
bool ThresholdsFromJson(std::string_view json, Thresholds* out, ThresholdError* error, bool strict = false);
// Reads a team's override: exactly the keys given (always strict). Each value is checked on its
// own; whether it fits the center's set is for the caller to check (MergeThresholds, then
// ValidateThresholds).
bool OverrideFromJson(std::string_view json, ThresholdOverride* out, ThresholdError* error);

}  // namespace cb
