// The thresholds panel: JSON round trip and validation, and applying a draft through the UI.
#include <doctest/doctest.h>

#include <string>
#include "ui/dashboard_app.h"
#include "ui/settings_json.h"

TEST_CASE("thresholds survive a JSON round trip and missing keys keep their defaults") {
    cb::Thresholds t;
    t.oldest_wait_warn_s = 30;
    t.abandon_bad = 0.12;
    t.tv_cycle_s = 20;
    cb::Thresholds back;
    std::string error;
    REQUIRE(cb::ThresholdsFromJson(cb::ThresholdsToJson(t), &back, &error));
    CHECK(back.oldest_wait_warn_s == 30);
    CHECK(back.abandon_bad == doctest::Approx(0.12));
    CHECK(back.tv_cycle_s == 20);

    cb::Thresholds partial;
    REQUIRE(cb::ThresholdsFromJson(R"({"wrap_long_s":180})", &partial, &error));
    CHECK(partial.wrap_long_s == 180);
    CHECK(partial.call_long_s == cb::Thresholds{}.call_long_s);
}

TEST_CASE("bad thresholds are refused with the key and the reason, and nothing changes") {
    cb::Thresholds t;
    std::string error;
    CHECK_FALSE(cb::ThresholdsFromJson("[1]", &t, &error));
    CHECK(error == "not a JSON object");
    CHECK_FALSE(cb::ThresholdsFromJson(R"({"asa_warn_s":"20"})", &t, &error));
    CHECK(error == "asa_warn_s: expected whole seconds");
    CHECK_FALSE(cb::ThresholdsFromJson(R"({"oldest_wait_warn_s":90,"oldest_wait_bad_s":60})", &t, &error));
    CHECK(error == "oldest_wait_warn_s: above oldest_wait_bad_s");
    CHECK_FALSE(cb::ThresholdsFromJson(R"({"abandon_warn":1.5})", &t, &error));
    CHECK(error == "abandon_warn: expected a share from 0 to 1");
    CHECK_FALSE(cb::ThresholdsFromJson(R"({"tv_cycle_s":0})", &t, &error));
    CHECK(error == "tv_cycle_s: expected 1 to 86400 seconds");
    CHECK(t.oldest_wait_warn_s == cb::Thresholds{}.oldest_wait_warn_s);
}

TEST_CASE("applying settings changes the thresholds in use and saves them; bad ones are refused") {
    std::string saved;
    cb::DashboardOptions options;
    options.settings_json = R"({"call_long_s":900})";
    options.save_settings = [&](const std::string& json) { saved = json; };
    cb::DashboardApp app(std::move(options));
    CHECK(app.ui().thresholds.call_long_s == 900);  // loaded from the saved settings

    app.Apply({cb::UiAction::Kind::OpenSettings, 1});
    CHECK(app.ui().settings_open);
    app.Apply({cb::UiAction::Kind::ApplySettings, 1});  // draft back to the defaults
    app.Apply({cb::UiAction::Kind::ApplySettings, 0});
    CHECK(app.ui().thresholds.call_long_s == cb::Thresholds{}.call_long_s);
    cb::Thresholds stored;
    std::string error;
    REQUIRE(cb::ThresholdsFromJson(saved, &stored, &error));
    CHECK(stored.call_long_s == cb::Thresholds{}.call_long_s);

    cb::DashboardOptions broken;
    broken.settings_json = "{oops";
    cb::DashboardApp app2(std::move(broken));
    CHECK(app2.settings_error() == "saved settings ignored: not a JSON object");
    CHECK(app2.ui().thresholds.call_long_s == cb::Thresholds{}.call_long_s);
}
