// What a sign-in name, a password, a team key and a team name may be: the one owner of these
// rules, checked by the server (command line and administration API) and by the
// administration page before it sends anything. Each check returns "" when the text is fine,
// else a problem code that the API sends as "code" and the page translates (docs/api.md,
// "Administration"); ProblemText gives the English line. Pure.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace cb {

inline constexpr size_t kMinPasswordLength = 10;   // characters (UTF-8 code points)
inline constexpr size_t kMaxPasswordLength = 120;
inline constexpr size_t kMaxAccountNameLength = 64;
inline constexpr size_t kMaxTeamKeyLength = 64;
inline constexpr size_t kMaxTeamNameLength = 60;    // characters

// 1-64 of A-Z a-z 0-9 . _ - @            -> "" or "bad_name"
std::string_view CheckAccountName(std::string_view name);
// 10-120 characters                    -> "" or "password_short", "password_long"
std::string_view CheckPassword(std::string_view password);
// 1-64 of A-Z a-z 0-9 . _ -              -> "" or "bad_team_key"
std::string_view CheckTeamKey(std::string_view key);
// 1-60 characters, valid UTF-8, not blank, no control characters -> "" or "bad_team_name"
std::string_view CheckTeamName(std::string_view name);

// The English line for a problem code of these checks ("" for an unknown code).
std::string ProblemText(std::string_view code);

// Code points in valid UTF-8 text, or -1 when it is not valid UTF-8.
long Utf8Length(std::string_view text);

}  // namespace cb
