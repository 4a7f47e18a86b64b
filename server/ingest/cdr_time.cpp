#include "server/ingest/cdr_time.h"

#include <algorithm>
#include <cstdio>

namespace cb {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Quoted(std::string_view text) {
    std::string out = "'";
    out.append(text);
    out.push_back('\'');
    return out;
}

// Reads between min_digits and max_digits digits at text[*at].
bool ReadDigits(std::string_view text, size_t* at, size_t min_digits, size_t max_digits, int64_t* value,
                size_t* count = nullptr) {
    size_t n = 0;
    int64_t v = 0;
    while (n < max_digits && *at + n < text.size() && IsDigit(text[*at + n])) {
        v = v * 10 + (text[*at + n] - '0');
        ++n;
    }
    if (n < min_digits) return false;
    *at += n;
    *value = v;
    if (count) *count = n;
    return true;
}

}  // namespace

bool CdrTimeFormat::Compile(std::string_view pattern, CdrTimeFormat* out, std::string* error) {
    CdrTimeFormat f;
    f.m_pattern = std::string(pattern);
    std::string seen;
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%') {
            f.m_tokens.push_back(Token{0, pattern[i]});
            continue;
        }
        if (i + 1 >= pattern.size()) {
            *error = Quoted(pattern) + " ends with a lone '%'";
            return false;
        }
        const char d = pattern[++i];
        if (d == '%') {
            f.m_tokens.push_back(Token{0, '%'});
            continue;
        }
        if (std::string_view("YymdHMSf").find(d) == std::string_view::npos) {
            *error = Quoted(pattern) + ": %" + std::string(1, d) +
                     " is not a known directive (%Y %y %m %d %H %M %S %f %%)";
            return false;
        }
        const char kind = d == 'y' ? 'Y' : d;
        if (seen.find(kind) != std::string::npos) {
            *error = Quoted(pattern) + " gives %" + std::string(1, d) + " (or the year) twice";
            return false;
        }
        seen.push_back(kind);
        f.m_tokens.push_back(Token{d, 0});
    }
    auto has = [&](char c) { return seen.find(c) != std::string::npos; };
    f.m_has_date = has('Y') && has('m') && has('d');
    f.m_has_time = has('H') && has('M');
    f.m_any_date = has('Y') || has('m') || has('d');
    f.m_any_time = has('H') || has('M') || has('S') || has('f');
    *out = std::move(f);
    return true;
}

bool CdrTimeFormat::Parse(std::string_view text, CivilTime* out) const {
    CivilTime t = *out;
    size_t at = 0;
    for (size_t k = 0; k < m_tokens.size(); ++k) {
        const Token& token = m_tokens[k];
        if (token.directive == 0) {
            if (at >= text.size() || text[at] != token.literal) return false;
            ++at;
            continue;
        }
        // 1-2 digit fields take exactly 2 next to another directive (no separator between).
        const bool packed = (k + 1 < m_tokens.size() && m_tokens[k + 1].directive != 0) ||
                            (k > 0 && m_tokens[k - 1].directive != 0);
        int64_t v = 0;
        switch (token.directive) {
        case 'Y':
            if (!ReadDigits(text, &at, 4, 4, &v)) return false;
            t.date.year = static_cast<int32_t>(v);
            break;
        case 'y':
            if (!ReadDigits(text, &at, 2, 2, &v)) return false;
            t.date.year = static_cast<int32_t>(v >= 70 ? 1900 + v : 2000 + v);
            break;
        case 'f': {
            size_t n = 0;
            if (!ReadDigits(text, &at, 1, 9, &v, &n)) return false;
            while (n > 3) {
                v /= 10;
                --n;
            }
            while (n < 3) {
                v *= 10;
                ++n;
            }
            t.ms = static_cast<int32_t>(v);
            break;
        }
        default:
            if (!ReadDigits(text, &at, packed ? 2 : 1, 2, &v)) return false;
            if (token.directive == 'm') t.date.month = static_cast<int32_t>(v);
            else if (token.directive == 'd') t.date.day = static_cast<int32_t>(v);
            else if (token.directive == 'H') t.hour = static_cast<int32_t>(v);
            else if (token.directive == 'M') t.minute = static_cast<int32_t>(v);
            else t.second = static_cast<int32_t>(v);
            break;
        }
    }
    if (at != text.size()) return false;
    if (t.date.month < 1 || t.date.month > 12 || t.date.day < 1 || t.date.day > 31) return false;
    if (m_any_date && CivilFromDays(DaysFromCivil(t.date)) != t.date) return false;  // 31 April, 29 Feb 1999
    if (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 59) return false;
    *out = t;
    return true;
}

std::vector<int64_t> LocalInstants(const TimeZone& zone, const CivilTime& local) {
    // The wall clock read as if it were UTC; an instant showing it lies within the largest offset
    // (under 26 hours) of it, so the offsets in force around it name every candidate.
    const int64_t naive = DaysFromCivil(local.date) * kMsPerDay +
                          ((int64_t{local.hour} * 60 + local.minute) * 60 + local.second) * 1000 + local.ms;
    constexpr int64_t kSpan = int64_t{26} * 3600 * 1000;
    std::vector<int64_t> found;
    for (int64_t probe : {naive - kSpan, naive, naive + kSpan}) {
        const int64_t candidate = naive - int64_t{zone.OffsetSecondsAt(probe)} * 1000;
        if (zone.ToCivil(candidate) == local) found.push_back(candidate);
    }
    for (const auto& [at, offset_min] : zone.ChangesIn(naive - kSpan, naive + kSpan)) {
        (void)at;
        const int64_t candidate = naive - int64_t{offset_min} * 60000;
        if (zone.ToCivil(candidate) == local) found.push_back(candidate);
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

std::string FormatCivilTime(const CivilTime& t) {
    char buf[48];
    if (t.ms != 0) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%03d", t.date.year, t.date.month, t.date.day,
                      t.hour, t.minute, t.second, t.ms);
    } else {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", t.date.year, t.date.month, t.date.day, t.hour,
                      t.minute, t.second);
    }
    return buf;
}

}  // namespace cb
