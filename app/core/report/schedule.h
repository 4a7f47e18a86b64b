// The rules of a scheduled report (docs/reports.md, "Scheduled reports"), in one place for the
// server (which checks every schedule it is given) and the dashboard (which checks the form
// before sending it and shows each problem beside its field): the fields and their defaults,
// what is valid, the mail addresses, and when a failed mail is tried again.
#pragma once
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cb {

inline constexpr size_t kMaxScheduleName = 200;
inline constexpr size_t kMaxScheduleRecipients = 20;
inline constexpr int kMaxScheduleDayOfMonth = 28;  // every month has it

// A schedule as a manager gives it. kind: daily (every day, for the day before), weekly (on
// first_weekday, for the week before), monthly (on day_of_month, for the calendar month
// before). scope: the whole center (queue and team empty), one queue, or one team.
struct ScheduleSpec {
    std::string name;
    std::string kind = "daily";       // daily, weekly, monthly
    int at_min = 6 * 60;              // local time of day it is written, minutes after midnight
    std::string lang = "zh";          // zh, en
    int first_weekday = 0;            // 0 = Monday; weeks start on it and weekly reports run on it
    int day_of_month = 1;             // monthly reports run on this day (1-28)
    std::string format = "pdf";       // pdf, csv
    std::string folder = "reports";   // sub-folder of the configured reports folder
    std::string recipients;           // mail addresses separated by ','; empty: not mailed
    std::string queue;                // scope: one queue's key ("" not limited)
    std::string team;                 // scope: one team's key ("" not limited)
    bool enabled = true;
    bool operator==(const ScheduleSpec&) const = default;
};

// A mistake in a schedule: the field (as the API names it) and what is wrong.
struct ScheduleProblem {
    std::string field;
    std::string message;
};

// Every field in the order the form shows them; the first problem found.
std::optional<ScheduleProblem> CheckSchedule(const ScheduleSpec& s);
// Every problem, one per field (a form marks each field at once).
std::vector<ScheduleProblem> CheckScheduleAll(const ScheduleSpec& s);

// "06:00" -> 360; a problem naming `at` otherwise.
std::optional<ScheduleProblem> ParseScheduleAt(std::string_view text, int* minutes);
std::string FormatScheduleAt(int minutes);

// "a@b.example, c@d.example" -> addresses (empty text: none); false with *error naming the bad one.
bool ParseRecipients(const std::string& text, std::vector<std::string>* out, std::string* error);

// A failed mail is tried again 1, 5 and 15 minutes after the attempt before, then given up:
// after `attempts` attempts, the last at last_ms, the time of the next one, or nullopt when
// there is none (the mail has failed for good).
inline constexpr int kMailRetryMinutes[] = {1, 5, 15};
inline constexpr int kMaxMailAttempts = 1 + static_cast<int>(std::size(kMailRetryMinutes));
std::optional<int64_t> NextMailAttempt(int attempts, int64_t last_ms);

}  // namespace cb
