// Masking of customer phone numbers for roles that do not need them (docs/auth.md).
#pragma once
#include <string>
#include <string_view>

namespace cb {

// Keeps the first 3 and the last 4 digits and replaces every digit between with '*';
// other characters (+, spaces, dashes) stay where they are. "13812345678" -> "138****5678",
// "+86 138-1234-5678" -> "+86 1**-****-5678". A number of 7 digits or fewer is all '*'
// (keeping 3 + 4 of it would reveal it whole).
std::string MaskPhone(std::string_view number);

}  // namespace cb
