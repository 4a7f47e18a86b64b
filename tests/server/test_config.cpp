// The configuration file: defaults, every setting, and errors that say what and where.
#include <doctest/doctest.h>

#include <fstream>
#include "server/config/config.h"
#include "server_test_util.h"

namespace {

cb::Result<cb::Config> Parse(const std::string& text, const std::string& base = "") {
    return cb::ParseConfig(text, "callboard.json", base);
}

}  // namespace

TEST_CASE("a full configuration is read") {
    auto parsed = Parse(R"({
      "tz_offset_min": 480, "interval_minutes": 30, "ingest_token": "0123456789abcdef",
      "queue_log": {"follow": "/var/log/asterisk/queue_log", "answered_open": "exclude", "waiting_open": "abandoned"},
      "default_sl": {"variant": "answered_over_answered", "threshold_s": 30, "target": 0.9, "short_abandon_s": 3},
      "teams": [{"key": "t1", "name_en": "Team 1", "name_zh": "一组"}],
      "agents": [{"member": "SIP/8007", "key": "8007", "name_en": "Wang Fang", "team": "t1", "queues": ["support"]}],
      "queues": [{"name": "support", "key": "sup", "sl": {"threshold_s": 15}}, {"name": "sales"}]
    })");
    REQUIRE(parsed.ok());
    const cb::Config& c = parsed.value();
    CHECK(c.tz_offset_min == 480);
    CHECK(c.interval_minutes == 30);
    CHECK(c.api_enabled);
    CHECK(c.has_real_source());
    CHECK(c.queue_log_follow == "/var/log/asterisk/queue_log");
    CHECK(c.answered_open == cb::QueueLogAnsweredOpen::Exclude);
    CHECK(c.waiting_open == cb::QueueLogWaitingOpen::Abandoned);
    CHECK(c.default_sl.variant == cb::SlVariant::AnsweredOverAnswered);
    CHECK(c.SlFor("sup").threshold_s == 15);
    CHECK(c.SlFor("sup").variant == cb::SlVariant::AnsweredOverAnswered);  // the rest from default_sl
    CHECK(c.SlFor("sales").threshold_s == 30);
    CHECK(c.SlFor("unknown").target == 0.9);
    REQUIRE(c.agents.size() == 1);
    CHECK(c.agents[0].member == "SIP/8007");
    CHECK(c.agents[0].queues == std::vector<std::string>{"support"});
    CHECK(c.MapperConfig().queues.size() == 2);
    CHECK(c.MapperConfig().queues[0].key == "sup");
    CHECK(c.MapperConfig().queues[0].name == "support");
}

TEST_CASE("the center's time zone: an IANA name from the system's database, or a fixed offset") {
    auto berlin = Parse(R"({"time_zone": "Europe/Berlin"})");
    REQUIRE(berlin.ok());
    REQUIRE(berlin.value().zone.has_value());
    CHECK(berlin.value().Zone().name() == "Europe/Berlin");
    const int64_t mar29 = berlin.value().Zone().StartOfDate({2026, 3, 29});
    CHECK(berlin.value().Zone().NextDayStart(mar29) - mar29 == 23 * 3600000LL);
    auto fixed = Parse(R"({"tz_offset_min": 480})");
    REQUIRE(fixed.ok());
    CHECK(fixed.value().Zone().name() == "UTC+08:00");
    CHECK(Parse(R"({"time_zone": "Europe/Berlin", "tz_offset_min": 60})").status().message() ==
          "callboard.json: time_zone: give time_zone or tz_offset_min, not both");
    CHECK(Parse(R"({"time_zone": "Mars/Base"})").status().message() ==
          "callboard.json: time_zone: time zone 'Mars/Base': not in the time zone database (/usr/share/zoneinfo)");
    CHECK(Parse(R"({"time_zone": ""})").status().message() == "callboard.json: time_zone: must be a non-empty string");
}

TEST_CASE("an empty configuration means the demo") {
    auto parsed = Parse("{}");
    REQUIRE(parsed.ok());
    CHECK(!parsed.value().has_real_source());
    CHECK(parsed.value().interval_minutes == 15);
}

TEST_CASE("errors name the file, the setting and what is wrong") {
    CHECK(Parse("{\n  \"tz_offset_min\": 480,\n  oops\n}").status().message() ==
          "callboard.json: line 3, column 3: not valid JSON");
    CHECK(Parse("[]").status().message() == "callboard.json: must be a JSON object");
    CHECK(Parse(R"({"tz_offset": 480})").status().message() == "callboard.json: tz_offset: unknown setting");
    CHECK(Parse(R"({"tz_offset_min": 900})").status().message() ==
          "callboard.json: tz_offset_min: must be a whole number -720 to 840");
    CHECK(Parse(R"({"interval_minutes": 20})").status().message() ==
          "callboard.json: interval_minutes: must be 15, 30 or 60");
    CHECK(Parse(R"({"ingest_token": "short"})").status().message() ==
          "callboard.json: ingest_token: the token must be at least 16 characters");
    CHECK(Parse(R"({"queues": [{"name": "a"}, {"name": "b", "sl": {"target": 80}}]})").status().message() ==
          "callboard.json: queues[1].sl.target: must be a number above 0 and at most 1 (0.8 for 80 %)");
    CHECK(Parse(R"({"queues": [{"name": "a", "sl": {"variant": "fast"}}]})").status().message() ==
          "callboard.json: queues[0].sl.variant: 'fast' is not a service-level variant (docs/metrics.md)");
    CHECK(Parse(R"({"agents": [{"member": "SIP/1", "team": "t9"}]})").status().message() ==
          "callboard.json: agents[0].team: 't9' is not a key in teams");
    CHECK(Parse(R"({"agents": [{"key": "1"}]})").status().message() == "callboard.json: agents[0].member: is required");
    CHECK(Parse(R"({"agents": [{"member": "SIP/1", "queues": "q1"}]})").status().message() ==
          "callboard.json: agents[0].queues: must be a list of queue names");
    CHECK(Parse(R"({"agents": [{"member": "SIP/1", "queues": ["q1", ""]}]})").status().message() ==
          "callboard.json: agents[0].queues[1]: must be a non-empty string");
    CHECK(Parse(R"({"queue_log": {"answered_open": "drop"}})").status().message() ==
          "callboard.json: queue_log.answered_open: 'drop' is not complete_at_close or exclude");
    CHECK(Parse(R"({"ingest_token": "0123456789abcdef", "ingest_token_file": "t"})").status().message() ==
          "callboard.json: ingest_token_file: give ingest_token or ingest_token_file, not both");
    CHECK(cb::LoadConfig("/no/such/callboard.json").status().message() ==
          "/no/such/callboard.json: cannot read the configuration file");
}

TEST_CASE("the token file and the followed file are relative to the configuration file") {
    cbtest::TempDir dir;
    std::ofstream(dir.path() + "/token") << "abcdefghijklmnopqrstuvwxyz\n";
    std::ofstream(dir.path() + "/callboard.json") << R"({"ingest_token_file": "token", "queue_log": {"follow": "q.log"}})";
    auto loaded = cb::LoadConfig(dir.path() + "/callboard.json");
    REQUIRE(loaded.ok());
    CHECK(loaded.value().ingest_token == "abcdefghijklmnopqrstuvwxyz");
    CHECK(loaded.value().queue_log_follow == dir.path() + "/q.log");
    std::ofstream(dir.path() + "/empty") << "\n";
    CHECK(Parse(R"({"ingest_token_file": "empty"})", dir.path()).status().message() ==
          "callboard.json: ingest_token_file: '" + dir.path() + "/empty' holds no token on its first line");
}

TEST_CASE("wrap-up allowances: per queue, a default for the rest, and limits") {
    auto parsed = Parse(R"({"default_wrap_up_s": 15,
      "queues": [{"name": "support", "wrap_up_s": 45}, {"name": "sales"}]})");
    REQUIRE(parsed.ok());
    const cb::Config& c = parsed.value();
    CHECK(c.WrapUpFor("support") == 45);
    CHECK(c.WrapUpFor("sales") == 15);
    CHECK(c.WrapUpFor("never_listed") == 15);
    CHECK(c.MapperConfig().default_wrap_up_s == 15);
    CHECK(c.MapperConfig().queues[0].wrap_up_s == 45);

    auto bad = Parse(R"({"queues": [{"name": "support", "wrap_up_s": 7200}]})");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().message().find("queues[0].wrap_up_s") != std::string::npos);
}
