// The rules of a scheduled report (schedule.h).
#include "core/report/schedule.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace cb {
namespace {

bool ValidFolder(const std::string& f) {
    if (f.empty() || f.size() > 64) return false;
    for (char c : f)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
    return true;
}

// A queue or team key as the directory keeps them: 1-64 characters, no space or separator.
bool ValidKey(const std::string& k) {
    if (k.empty() || k.size() > 64) return false;
    for (char c : k)
        if (static_cast<unsigned char>(c) <= ' ' || c == ',' || c == '/' || c == '"' || c == '\\') return false;
    return true;
}

bool ValidAddress(const std::string& a) {
    const size_t at = a.find('@');
    return !a.empty() && a.size() <= 254 && at != std::string::npos && at > 0 && at + 1 < a.size() &&
           a.find_first_of("<>()[],;:\\\" \t\r\n") == std::string::npos;
}

}  // namespace

std::optional<ScheduleProblem> ParseScheduleAt(std::string_view t, int* minutes) {
    const ScheduleProblem bad{"at", "'" + std::string(t) + "' is not a local time HH:MM from 00:00 to 23:59"};
    if (t.size() != 5 || t[2] != ':') return bad;
    for (size_t i : {0u, 1u, 3u, 4u})
        if (t[i] < '0' || t[i] > '9') return bad;
    const int h = (t[0] - '0') * 10 + (t[1] - '0');
    const int m = (t[3] - '0') * 10 + (t[4] - '0');
    if (h > 23 || m > 59) return bad;
    *minutes = h * 60 + m;
    return std::nullopt;
}

std::string FormatScheduleAt(int minutes) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
    return buf;
}

bool ParseRecipients(const std::string& text, std::vector<std::string>* out, std::string* error) {
    out->clear();
    if (text.find_first_not_of(' ') == std::string::npos) return true;
    size_t start = 0;
    while (true) {
        const size_t end = std::min(text.find(',', start), text.size());
        std::string a = text.substr(start, end - start);
        const size_t first = a.find_first_not_of(' '), last = a.find_last_not_of(' ');
        a = first == std::string::npos ? "" : a.substr(first, last - first + 1);
        if (!ValidAddress(a)) {
            *error = a.empty() ? "an empty address in the list" : "'" + a + "' is not a mail address";
            return false;
        }
        out->push_back(a);
        if (end == text.size()) break;
        start = end + 1;
    }
    if (out->size() > kMaxScheduleRecipients) {
        *error = "at most " + std::to_string(kMaxScheduleRecipients) + " recipients";
        return false;
    }
    return true;
}

std::vector<ScheduleProblem> CheckScheduleAll(const ScheduleSpec& s) {
    std::vector<ScheduleProblem> out;
    auto bad = [&](const char* field, std::string why) { out.push_back({field, std::move(why)}); };
    if (s.name.empty() || s.name.size() > kMaxScheduleName) bad("name", "must be 1-200 characters");
    if (s.kind != "daily" && s.kind != "weekly" && s.kind != "monthly") bad("kind", "'" + s.kind + "' is not daily, weekly or monthly");
    if (s.at_min < 0 || s.at_min >= 1440) bad("at", "must be a local time HH:MM from 00:00 to 23:59");
    if (s.first_weekday < 0 || s.first_weekday > 6) bad("first_weekday", "must be monday ... sunday");
    if (s.day_of_month < 1 || s.day_of_month > kMaxScheduleDayOfMonth)
        bad("day_of_month", std::to_string(s.day_of_month) + " is not a day from 1 to 28 (every month has it)");
    if (s.format != "pdf" && s.format != "csv") bad("format", "'" + s.format + "' is not pdf or csv");
    if (s.lang != "zh" && s.lang != "en") bad("lang", "'" + s.lang + "' is not zh or en");
    if (!s.queue.empty() && !s.team.empty()) bad("team", "a schedule is limited to one queue or one team, not both");
    if (!s.queue.empty() && !ValidKey(s.queue)) bad("queue", "'" + s.queue + "' is not a queue key");
    if (!s.team.empty() && !ValidKey(s.team)) bad("team", "'" + s.team + "' is not a team key");
    if (!ValidFolder(s.folder)) bad("folder", "'" + s.folder + "' must be 1-64 letters, digits, '_' or '-' (a sub-folder of the reports folder)");
    std::vector<std::string> to;
    std::string error;
    if (!ParseRecipients(s.recipients, &to, &error)) bad("recipients", error);
    return out;
}

std::optional<ScheduleProblem> CheckSchedule(const ScheduleSpec& s) {
    std::vector<ScheduleProblem> all = CheckScheduleAll(s);
    if (all.empty()) return std::nullopt;
    return all.front();
}

std::optional<int64_t> NextMailAttempt(int attempts, int64_t last_ms) {
    if (attempts < 1 || attempts >= kMaxMailAttempts) return std::nullopt;
    return last_ms + static_cast<int64_t>(kMailRetryMinutes[attempts - 1]) * 60'000;
}

}  // namespace cb
