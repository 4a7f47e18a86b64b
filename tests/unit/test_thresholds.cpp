// The thresholds (core/thresholds.h, core/thresholds_doc.h) and the account text rules
// (core/account_rules.h): JSON both ways, validation with the field and a code, a team's
// override over the center's set, the set a screen uses, and the document's round trip.
#include <doctest/doctest.h>

#include <string>
#include "core/account_rules.h"
#include "core/thresholds.h"
#include "core/thresholds_doc.h"

using namespace cb;

TEST_CASE("thresholds survive a JSON round trip and missing keys keep their values") {
    Thresholds t;
    t.oldest_wait_warn_s = 30;
    t.abandon_bad = 0.12;
    t.tv_cycle_s = 20;
    Thresholds back;
    ThresholdError error;
    REQUIRE(ThresholdsFromJson(ThresholdsToJson(t), &back, &error, true));
    CHECK(back == t);

    Thresholds partial;
    REQUIRE(ThresholdsFromJson(R"({"wrap_long_s":180})", &partial, &error));
    CHECK(partial.wrap_long_s == 180);
    CHECK(partial.call_long_s == Thresholds{}.call_long_s);
    // Unknown keys: ignored in a saved file, refused where strict (the API).
    REQUIRE(ThresholdsFromJson(R"({"wrap_long_s":200,"later_key":1})", &partial, &error));
    CHECK(partial.wrap_long_s == 200);
    CHECK_FALSE(ThresholdsFromJson(R"({"later_key":1})", &partial, &error, true));
    CHECK(error.field == "later_key");
    CHECK(error.code == "not_threshold");
}

TEST_CASE("bad thresholds are refused with the field, a code and the reason, and nothing changes") {
    Thresholds t;
    ThresholdError e;
    CHECK_FALSE(ThresholdsFromJson("[1]", &t, &e));
    CHECK(e.message == "not a JSON object");
    CHECK(e.field.empty());
    CHECK_FALSE(ThresholdsFromJson(R"({"asa_warn_s":"20"})", &t, &e));
    CHECK(e.message == "asa_warn_s: expected whole seconds");
    CHECK(e.code == "whole_seconds");
    CHECK_FALSE(ThresholdsFromJson(R"({"oldest_wait_warn_s":90,"oldest_wait_bad_s":60})", &t, &e));
    CHECK(e.message == "oldest_wait_warn_s: above oldest_wait_bad_s (60)");
    CHECK(e.field == "oldest_wait_warn_s");
    CHECK(e.code == "above_bad");
    CHECK(e.other == "oldest_wait_bad_s");
    CHECK_FALSE(ThresholdsFromJson(R"({"abandon_warn":0.2})", &t, &e));
    CHECK(e.message == "abandon_warn: above abandon_bad (0.1)");
    CHECK_FALSE(ThresholdsFromJson(R"({"abandon_warn":1.5})", &t, &e));
    CHECK(e.message == "abandon_warn: expected a share from 0 to 1");
    CHECK(e.code == "share_range");
    CHECK_FALSE(ThresholdsFromJson(R"({"tv_cycle_s":0})", &t, &e));
    CHECK(e.message == "tv_cycle_s: expected 1 to 86400 seconds");
    CHECK_FALSE(ThresholdsFromJson(R"({"tv_cycle_s":9999999999})", &t, &e));
    CHECK(e.code == "seconds_range");
    CHECK(t == Thresholds{});
}

TEST_CASE("a team's override replaces exactly its fields and follows the center's set for the others") {
    ThresholdOverride team;
    ThresholdError e;
    REQUIRE(OverrideFromJson(R"({"break_long_s":1200,"abandon_warn":0.08})", &team, &e));
    CHECK(team.Sets(size_t(ThresholdFieldIndex("break_long_s"))));
    CHECK(team.Sets(size_t(ThresholdFieldIndex("abandon_warn"))));
    CHECK_FALSE(team.Sets(size_t(ThresholdFieldIndex("call_long_s"))));
    CHECK(OverrideToJson(team) == R"({"abandon_warn":0.08,"break_long_s":1200})");
    Thresholds center;
    center.call_long_s = 900;
    center.break_long_s = 600;
    const Thresholds merged = MergeThresholds(center, team);
    CHECK(merged.break_long_s == 1200);
    CHECK(merged.abandon_warn == doctest::Approx(0.08));
    CHECK(merged.call_long_s == 900);

    ThresholdOverride none;
    REQUIRE(OverrideFromJson("{}", &none, &e));
    CHECK(none.empty());
    CHECK(OverrideToJson(none) == "{}");
    CHECK_FALSE(OverrideFromJson(R"({"break":1})", &none, &e));
    CHECK(e.message == "break: not a threshold");
    CHECK_FALSE(OverrideFromJson(R"({"wrap_long_s":-5})", &none, &e));
    CHECK(e.message == "wrap_long_s: expected 1 to 86400 seconds");
    // Equal overrides compare equal whatever the values of the fields they do not set.
    ThresholdOverride a = team, b = team;
    b.values.call_long_s = 1;
    CHECK(a == b);
    b.values.break_long_s = 1;
    CHECK_FALSE(a == b);
}

TEST_CASE("the set a screen uses: the center's, with the first of its teams' overrides (by key)") {
    ThresholdSets sets;
    sets.center.break_long_s = 600;
    ThresholdError e;
    TeamThresholds b{"b", {}, "mona", 1};
    REQUIRE(OverrideFromJson(R"({"break_long_s":700})", &b.values, &e));
    TeamThresholds c{"c", {}, "mona", 1};
    REQUIRE(OverrideFromJson(R"({"break_long_s":800})", &c.values, &e));
    sets.teams = {b, c};
    std::string team;
    CHECK(AppliedThresholds(sets, {"c", "b"}, &team).break_long_s == 700);
    CHECK(team == "b");
    CHECK(AppliedThresholds(sets, {"a", "c"}, &team).break_long_s == 800);
    CHECK(team == "c");
    CHECK(AppliedThresholds(sets, {"a"}, &team).break_long_s == 600);
    CHECK(team.empty());
    CHECK(AppliedThresholds(sets, {}, &team).break_long_s == 600);
}

TEST_CASE("the thresholds document: JSON round trip, nulls when never changed, bad documents refused") {
    ThresholdsDoc doc;
    doc.sets.version = 7;
    doc.sets.center.asa_bad_s = 45;
    doc.sets.center_by = "li";
    doc.sets.center_ms = 1767585600000;
    TeamThresholds a{"a", {}, "wang", 1767585700000};
    ThresholdError e;
    REQUIRE(OverrideFromJson(R"({"lunch_long_s":4000})", &a.values, &e));
    doc.sets.teams.push_back(a);
    doc.applied = MergeThresholds(doc.sets.center, a.values);
    doc.applied_team = "a";
    doc.editable_teams = {"a"};
    const std::string json = ThresholdsDocToJson(doc);
    ThresholdsDoc back;
    std::string error;
    REQUIRE_MESSAGE(ThresholdsDocFromJson(json, &back, &error), error);
    CHECK(back.sets.version == 7);
    CHECK(back.sets.center == doc.sets.center);
    CHECK(back.sets.center_by == "li");
    CHECK(back.sets.center_ms == 1767585600000);
    REQUIRE(back.sets.teams.size() == 1);
    CHECK(back.sets.teams[0].values == a.values);
    CHECK(back.sets.teams[0].updated_by == "wang");
    CHECK(back.applied == doc.applied);
    CHECK(back.applied_team == "a");
    CHECK_FALSE(back.may_edit_center);
    CHECK(back.MayEditTeam("a"));
    CHECK_FALSE(back.MayEditTeam("b"));
    CHECK(json.find(R"("defaults":{"abandon_bad":0.1,)") != std::string::npos);

    ThresholdsDoc fresh;
    const std::string never = ThresholdsDocToJson(fresh);
    CHECK(never.find(R"("updated_by":null,"updated_ms":null)") != std::string::npos);
    CHECK(never.find(R"("applied":{"team":null,)") != std::string::npos);
    REQUIRE(ThresholdsDocFromJson(never, &back, &error));
    CHECK(back.sets.center_by.empty());

    CHECK_FALSE(ThresholdsDocFromJson("{}", &back, &error));
    CHECK(error == "thresholds document: version: expected a whole number");
    CHECK_FALSE(ThresholdsDocFromJson(R"({"version":1,"center":{"values":{"asa_warn_s":99}},"teams":[],"applied":{"values":{}},"may_edit":{}})",
                                      &back, &error));
    CHECK(error == "thresholds document: center: asa_warn_s: above asa_bad_s (40)");
}

TEST_CASE("account text rules: names, passwords, team keys and names") {
    CHECK(CheckAccountName("wang.fang-2@floor") == "");
    CHECK(CheckAccountName("") == "bad_name");
    CHECK(CheckAccountName("li wei") == "bad_name");
    CHECK(CheckAccountName("王芳") == "bad_name");
    CHECK(CheckAccountName(std::string(65, 'a')) == "bad_name");
    CHECK(CheckPassword("0123456789") == "");
    CHECK(CheckPassword("012345678") == "password_short");
    CHECK(CheckPassword("密码密码密码密码密码") == "");          // ten characters, thirty bytes
    CHECK(CheckPassword(std::string(121, 'x')) == "password_long");
    CHECK(CheckTeamKey("team_1") == "");
    CHECK(CheckTeamKey("team 1") == "bad_team_key");
    CHECK(CheckTeamKey("a@b") == "bad_team_key");
    CHECK(CheckTeamName("夜班") == "");
    CHECK(CheckTeamName("   ") == "bad_team_name");
    CHECK(CheckTeamName("a\tb") == "bad_team_name");
    CHECK(CheckTeamName(std::string(61, 'x')) == "bad_team_name");
    CHECK(CheckTeamName("\xff") == "bad_team_name");
    CHECK(ProblemText("password_short") == "a password needs at least 10 characters");
    CHECK(Utf8Length("夜班a") == 3);
    CHECK(Utf8Length("\xe5\xa4") == -1);
}
