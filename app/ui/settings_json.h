// The thresholds (view_context.h) as JSON, as the platforms save them, and their validation.
// {"oldest_wait_warn_s":20,"oldest_wait_bad_s":60,...}; missing keys keep their defaults.
#pragma once
#include <string>
#include <string_view>
#include "view_context.h"

namespace cb {

std::string ThresholdsToJson(const Thresholds& t);
// Fails (false, *error says which key and why) on malformed JSON, a wrong type or a value that
// ValidateThresholds refuses; *out is then unchanged.
bool ThresholdsFromJson(std::string_view json, Thresholds* out, std::string* error);
// Every limit positive, each amber limit at most its red one, ratios within 0..1.
bool ValidateThresholds(const Thresholds& t, std::string* error);

}  // namespace cb
