// The account and team text rules (account_rules.h).
#include "account_rules.h"

namespace cb {
namespace {

bool NameChar(char c, bool at_allowed) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-' || (at_allowed && c == '@');
}

bool AllOf(std::string_view text, bool at_allowed) {
    for (char c : text)
        if (!NameChar(c, at_allowed)) return false;
    return true;
}

}  // namespace

long Utf8Length(std::string_view text) {
    long count = 0;
    for (size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > text.size()) return -1;
        for (size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return -1;
        i += len;
        ++count;
    }
    return count;
}

std::string_view CheckAccountName(std::string_view name) {
    if (name.empty() || name.size() > kMaxAccountNameLength || !AllOf(name, true)) return "bad_name";
    return "";
}

std::string_view CheckPassword(std::string_view password) {
    long n = Utf8Length(password);
    if (n < 0) n = long(password.size());  // not UTF-8 (a terminal in another encoding): count bytes
    if (size_t(n) > kMaxPasswordLength) return "password_long";
    if (size_t(n) < kMinPasswordLength) return "password_short";
    return "";
}

std::string_view CheckTeamKey(std::string_view key) {
    if (key.empty() || key.size() > kMaxTeamKeyLength || !AllOf(key, false)) return "bad_team_key";
    return "";
}

std::string_view CheckTeamName(std::string_view name) {
    const long n = Utf8Length(name);
    if (n <= 0 || size_t(n) > kMaxTeamNameLength) return "bad_team_name";
    bool blank = true;
    for (char c : name) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return "bad_team_name";
        blank = blank && c == ' ';
    }
    return blank ? "bad_team_name" : "";
}

std::string ProblemText(std::string_view code) {
    if (code == "bad_name") return "expected 1 to 64 letters, digits or . _ - @";
    if (code == "password_short")
        return "a password needs at least " + std::to_string(kMinPasswordLength) + " characters";
    if (code == "password_long") return "a password has at most " + std::to_string(kMaxPasswordLength) + " characters";
    if (code == "bad_team_key") return "expected 1 to 64 letters, digits or . _ -";
    if (code == "bad_team_name") return "expected 1 to 60 characters, not blank, no control characters";
    return "";
}

}  // namespace cb
