// The rules of a scheduled report (core/report/schedule.h), shared by the server and the
// dashboard's form: every field's check with its message, the time of day, the recipients, and
// when a failed mail is tried again.
#include <doctest/doctest.h>

#include "core/report/schedule.h"

namespace {

cb::ScheduleSpec Valid() {
    cb::ScheduleSpec s;
    s.name = "每日报告";
    return s;
}

std::vector<std::string> Fields(const cb::ScheduleSpec& s) {
    std::vector<std::string> out;
    for (const cb::ScheduleProblem& p : cb::CheckScheduleAll(s)) out.push_back(p.field);
    return out;
}

}  // namespace

TEST_CASE("schedule rules: the defaults are valid; each mistake names its field") {
    CHECK_FALSE(cb::CheckSchedule(Valid()).has_value());
    const cb::ScheduleSpec d;
    CHECK(d.kind == "daily");
    CHECK(d.at_min == 360);
    CHECK(d.format == "pdf");
    CHECK(d.lang == "zh");
    CHECK(d.folder == "reports");
    CHECK(Fields(d) == std::vector<std::string>{"name"});
    cb::ScheduleSpec s = Valid();
    s.name = std::string(201, 'x');
    s.kind = "hourly";
    s.at_min = 1440;
    s.first_weekday = 7;
    s.day_of_month = 29;
    s.format = "xlsx";
    s.lang = "fr";
    s.folder = "../etc";
    s.recipients = "a@example.org, b";
    CHECK(Fields(s) == std::vector<std::string>{"name", "kind", "at", "first_weekday", "day_of_month", "format", "lang", "folder", "recipients"});
    const std::vector<cb::ScheduleProblem> all = cb::CheckScheduleAll(s);
    CHECK(all[1].message == "'hourly' is not daily, weekly or monthly");
    CHECK(all[4].message == "29 is not a day from 1 to 28 (every month has it)");
    CHECK(all[5].message == "'xlsx' is not pdf or csv");
    CHECK(all[8].message == "'b' is not a mail address");
    CHECK(cb::CheckSchedule(s)->field == "name");  // the first

    s = Valid();
    s.queue = "sales";
    CHECK_FALSE(cb::CheckSchedule(s).has_value());
    s.team = "a";
    CHECK(cb::CheckSchedule(s)->message == "a schedule is limited to one queue or one team, not both");
    s.queue.clear();
    s.team = "a b";
    CHECK(cb::CheckSchedule(s)->message == "'a b' is not a team key");
    s.team.clear();
    s.day_of_month = 28;
    s.first_weekday = 6;
    s.format = "csv";
    s.lang = "en";
    CHECK_FALSE(cb::CheckSchedule(s).has_value());
}

TEST_CASE("schedule rules: a time HH:MM, recipients, at most 20") {
    int m = -1;
    CHECK_FALSE(cb::ParseScheduleAt("07:30", &m).has_value());
    CHECK(m == 450);
    CHECK_FALSE(cb::ParseScheduleAt("00:00", &m).has_value());
    CHECK(m == 0);
    CHECK_FALSE(cb::ParseScheduleAt("23:59", &m).has_value());
    CHECK(m == 1439);
    for (const char* bad : {"24:00", "7:30", "07:60", "0730", "", "ab:cd"}) {
        const std::optional<cb::ScheduleProblem> p = cb::ParseScheduleAt(bad, &m);
        REQUIRE(p.has_value());
        CHECK(p->field == "at");
        CHECK(p->message == "'" + std::string(bad) + "' is not a local time HH:MM from 00:00 to 23:59");
    }
    CHECK(cb::FormatScheduleAt(450) == "07:30");
    CHECK(cb::FormatScheduleAt(0) == "00:00");

    std::vector<std::string> to;
    std::string error;
    CHECK(cb::ParseRecipients(" boss@example.org ,ops@example.org", &to, &error));
    CHECK(to == std::vector<std::string>{"boss@example.org", "ops@example.org"});
    CHECK(cb::ParseRecipients("", &to, &error));
    CHECK(to.empty());
    CHECK_FALSE(cb::ParseRecipients("a@example.org,,b@example.org", &to, &error));
    CHECK(error == "an empty address in the list");
    CHECK_FALSE(cb::ParseRecipients("<a@example.org>", &to, &error));
    std::string many;
    for (int i = 0; i < 21; ++i) many += (i ? "," : "") + std::string("p") + std::to_string(i) + "@example.org";
    CHECK_FALSE(cb::ParseRecipients(many, &to, &error));
    CHECK(error == "at most 20 recipients");
}

TEST_CASE("a failed mail is tried again after 1, 5 and 15 minutes, then given up") {
    const int64_t t = 1'000'000;
    CHECK(cb::kMaxMailAttempts == 4);
    CHECK(cb::NextMailAttempt(1, t) == t + 60'000);
    CHECK(cb::NextMailAttempt(2, t) == t + 5 * 60'000);
    CHECK(cb::NextMailAttempt(3, t) == t + 15 * 60'000);
    CHECK_FALSE(cb::NextMailAttempt(4, t).has_value());
    CHECK_FALSE(cb::NextMailAttempt(0, t).has_value());
}
