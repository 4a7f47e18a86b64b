// The "Forecast & staffing" page, headless over a whole DashboardApp: offered to admins,
// managers, leads and trainers (and in local mode), not to a QA analyst, a wallboard or the
// offline demo; opening it asks GET /api/wfm/staffing from the Monday of the center's week and
// the special days; the answer shows the method, every method's accuracy, the forecast's own
// accuracy so far, the staffing table with the target used and definitions on hover; the form
// and the special-day editor checked before anything is sent; changes sent as PUT/DELETE and the
// plan asked again; both languages.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include "core/snapshot_json.h"
#include "core/wfm/plan_report.h"
#include "scripted_app.h"

using namespace cb;
using namespace cb::test;

namespace {

using K = TransportMessage::Kind;

const char* kManager = R"({"mode":"accounts","user":"li","role":"manager","teams":[],"csrf":"m","expires_at_ms":0})";
const char* kLead = R"({"mode":"accounts","user":"wang","role":"lead","teams":["team_1"],"csrf":"w","expires_at_ms":0})";
const char* kQa = R"({"mode":"accounts","user":"zhao","role":"qa","teams":[],"csrf":"q","expires_at_ms":0})";
const char* kWallboard = R"({"mode":"accounts","user":"tv","role":"wallboard","teams":[],"csrf":"t","expires_at_ms":0})";
const char* kLocal = R"({"mode":"local","user":null,"role":"admin","teams":[]})";

struct Screen {
    std::shared_ptr<RecordingTransport::Log> log = std::make_shared<RecordingTransport::Log>();
    std::unique_ptr<DashboardApp> app;
    explicit Screen(const char* session, Lang lang = Lang::En) {
        DashboardOptions options;
        options.transport = std::make_unique<RecordingTransport>(log);
        options.lang = lang;
        app = std::make_unique<DashboardApp>(std::move(options));
        app->SetFonts(Harness::Get().fonts());
        log->inbox.push_back({K::Session, session, kWall, 200, 0});
        Step(*app);
        log->inbox.push_back({K::Connected, "", kWall, 0, 0});
        log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
        Step(*app);
    }
};

// A plan of one queue, one day of four 15-minute intervals: two over (actual 10 and 30 against
// a forecast of 12 and 30), two ahead; staffed for 80/20 with Erlang C.
std::string Plan() {
    wfm::PlanReport r;
    r.from = "2026-01-05";
    r.to = "2026-01-05";
    r.time_zone = "Asia/Shanghai";
    r.weeks = 1;
    r.history_from = "2024-01-08";
    r.history_to = "2026-01-04";
    r.made_ms = 1767571200000 + 30 * 60000;
    r.staffing = true;
    wfm::PlanQueueReport q;
    q.key = "inquiries";
    q.method = wfm::Method::WeeklyAverage;
    q.choice = wfm::PlanChoice::Backtest;
    q.origins = 4;
    q.ran = {true, true, true};
    q.accuracy[0] = {0.133, 0.15, 0.1, 0.01, 100};
    q.accuracy[1] = {0.096, 0.11, 0.09, -0.02, 100};
    q.accuracy[2] = {0.101, 0.12, 0.09, 0.005, 100};
    q.history_weeks = 104;
    q.noise_floor = 0.0906;
    q.model = wfm::StaffModel::ErlangC;
    q.target.service_level = 0.8;
    q.target.t_s = 20;
    q.target.shrinkage = 0.3;
    wfm::PlanDay d;
    d.date = "2026-01-05";
    d.weekday = 0;
    const double calls[4] = {12, 30, 100, 0}, actual[2] = {10, 30};
    for (int i = 0; i < 4; ++i) {
        wfm::PlanInterval p;
        p.start_ms = 1767571200000 + i * 15 * 60000;
        char t[8];
        std::snprintf(t, sizeof t, "00:%02d", i * 15);
        p.time = t;
        p.calls = calls[i];
        p.aht_s = 180;
        if (i < 2) {
            p.has_actual = true;
            p.actual_calls = actual[i];
            p.actual_aht_s = 170;
        }
        d.intervals.push_back(p);
    }
    q.days.push_back(d);
    wfm::StaffDays(900, &q);
    r.queues.push_back(q);
    return wfm::PlanReportToJson(r);
}

const char* kDays = R"({"special_days":[{"date":"2026-01-01","queue":"","kind":"holiday","factor":0,"note":"New Year","updated_by":"li","updated_ms":1}]})";

}  // namespace

TEST_CASE("the forecast page is offered to planners: admins, managers, leads, trainers, local mode") {
    CHECK(Step(*Screen(kManager).app).Find("button.forecast") != nullptr);
    CHECK(Step(*Screen(kLead).app).Find("button.forecast") != nullptr);
    CHECK(Step(*Screen(kLocal).app).Find("button.forecast") != nullptr);
    CHECK(Step(*Screen(kQa).app).Find("button.forecast") == nullptr);
    CHECK(Step(*Screen(kWallboard).app).Find("button.forecast") == nullptr);
    CHECK(Step(*Screen(kLead, Lang::Zh).app).Text("button.forecast") == "预测");
    DashboardApp demo{DashboardOptions{}};
    demo.SetFonts(Harness::Get().fonts());
    CHECK(Step(demo).Find("button.forecast") == nullptr);
    demo.Apply({UiAction::Kind::OpenWfmForecast, 1});
    CHECK_FALSE(demo.ui().forecast_open);
}

TEST_CASE("opening the page plans from this week's Monday; method, accuracy per method and so far, staffing with its target") {
    Screen screen(kManager);
    ClickItem(*screen.app, "button.forecast");
    REQUIRE(screen.app->ui().forecast_open);
    REQUIRE(screen.log->sent.size() == 2);
    const ApiRequest plan = screen.log->sent[0], days = screen.log->sent[1];
    // The center's date by the live clock (UTC+8) is Monday 2026-01-05: this week, with what
    // happened so far, and the next.
    CHECK(plan.method == "GET");
    CHECK(plan.path == "api/wfm/staffing?weeks=2&interval=15&from=2026-01-05");
    CHECK(days.path == "api/wfm/special-days");
    AppView f = Step(*screen.app);
    CHECK(f.Text("forecast.loading") == "Forecasting…");

    screen.log->inbox.push_back(ApiAnswer(plan.tag, 200, Plan()));
    screen.log->inbox.push_back(ApiAnswer(days.tag, 200, kDays));
    f = Step(*screen.app);
    CHECK(f.Find("forecast.loading") == nullptr);
    CHECK(f.Text("forecast.summary") ==
          "2026-01-05 to 2026-01-05 · 15-minute intervals · history 2024-01-08 to 2026-01-04 · times in Asia/Shanghai");
    CHECK(f.Text("forecast.queue.inquiries") == "Inquiries");
    CHECK(f.Text("forecast.method_used") == "weekly_average backtest");
    CHECK(f.Text("forecast.accuracy.weekly_average") == "8-week average  (used)");
    CHECK(f.Text("forecast.accuracy.weekly_average.wape") == "9.6 %");
    CHECK(f.Text("forecast.accuracy.seasonal_naive.wape") == "13.3 %");
    CHECK(f.Text("forecast.accuracy.holt_winters.bias") == "+0.5 %");
    // So far: |10-12| + |30-30| over 40 actual calls = 5.0 %; MAPE (0.2 + 0) / 2; bias +2/40.
    CHECK(f.Text("forecast.accuracy.so_far.wape") == "5.0 %");
    CHECK(f.Text("forecast.accuracy.so_far.mape") == "10.0 %");
    CHECK(f.Text("forecast.accuracy.so_far.bias") == "+5.0 %");
    CHECK(f.Text("forecast.staffing.target") ==
          "Target used: Erlang C, 80 % answered within 20 s, max occupancy 100 %, shrinkage 30 %");
    // 100 calls x 180 s in 15 minutes = 20 Erlangs: erlang.h's answer, raised for 30 % shrinkage.
    const wfm::IntervalStaffing st = wfm::StaffInterval(100, 900, 180, [] {
        wfm::Target t;
        t.shrinkage = 0.3;
        return t;
    }());
    REQUIRE(st.ok);
    CHECK(f.Text("forecast.staffing.2.1") == "100.0");
    CHECK(f.Text("forecast.staffing.2.4") == std::to_string(st.raw_agents));
    CHECK(f.Text("forecast.staffing.2.5") == std::to_string(st.agents));
    CHECK(st.agents == static_cast<int64_t>(std::ceil(double(st.raw_agents) / 0.7 - 1e-9)));
    CHECK(f.Text("forecast.staffing.0.3") == "10");
    CHECK(f.Text("forecast.staffing.3.3") == "-");
    CHECK(f.Text("forecast.special.0") == "2026-01-01 ");

    // Hovering a WAPE cell gives its formula.
    const ReportItem* cell = f.Find("forecast.accuracy.weekly_average.wape");
    REQUIRE(cell != nullptr);
    Keys hover;
    hover.mouse_x = cell->x + 4;
    hover.mouse_y = cell->y + cell->h / 2;
    Step(*screen.app, hover);
    Step(*screen.app, hover);

    // Another target, checked then sent.
    Fill(*screen.app, "forecast.sl", "90/15");
    Fill(*screen.app, "forecast.shrinkage", "25");
    ClickItem(*screen.app, "forecast.run");
    REQUIRE(screen.log->sent.size() == 3);
    CHECK(screen.log->sent.back().path == "api/wfm/staffing?weeks=2&interval=15&from=2026-01-05&sl=90%2F15&shrinkage=25");
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent.back().tag, 200, Plan()));
    Step(*screen.app);
    Fill(*screen.app, "forecast.sl", "90");
    ClickItem(*screen.app, "forecast.run");
    CHECK(screen.log->sent.size() == 3);  // nothing sent
    CHECK(Step(*screen.app).Text("forecast.error") ==
          "Target as PERCENT/SECONDS (e.g. 80/20), shrinkage 0-99, factor 0-10.");
}

TEST_CASE("special days: a manager stores and removes one, the plan asked again; a lead reads only; in Chinese") {
    Screen screen(kManager, Lang::Zh);
    ClickItem(*screen.app, "button.forecast");
    REQUIRE(screen.log->sent.size() == 2);
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent[0].tag, 200, Plan()));
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent[1].tag, 200, R"({"special_days":[]})"));
    AppView f = Step(*screen.app);
    CHECK(f.Text("forecast.title") == "预测与排班需求");
    CHECK(f.Text("forecast.special.none") == "尚未设置特殊日期。");

    Fill(*screen.app, "forecast.special.date", "2026-02-30");
    ClickItem(*screen.app, "forecast.special.save");
    CHECK(screen.log->sent.size() == 2);
    CHECK(Step(*screen.app).Text("forecast.special.error") == "日期请按 YYYY-MM-DD 格式输入。");
    Fill(*screen.app, "forecast.special.date", "2026-02-17");
    Fill(*screen.app, "forecast.special.factor", "11");
    ClickItem(*screen.app, "forecast.special.save");
    CHECK(screen.log->sent.size() == 2);
    Fill(*screen.app, "forecast.special.factor", "0.4");
    Fill(*screen.app, "forecast.special.queue", "inquiries");
    Fill(*screen.app, "forecast.special.note", "Spring Festival");
    ClickItem(*screen.app, "forecast.special.save");
    REQUIRE(screen.log->sent.size() == 3);
    const ApiRequest put = screen.log->sent.back();
    CHECK(put.method == "PUT");
    CHECK(put.path == "api/wfm/special-days/2026-02-17?queue=inquiries");
    CHECK(put.body == R"({"factor":0.4,"kind":"holiday","note":"Spring Festival"})");
    CHECK(put.csrf == "m");
    screen.log->inbox.push_back(ApiAnswer(
        put.tag, 200,
        R"({"special_days":[{"date":"2026-02-17","queue":"inquiries","kind":"holiday","factor":0.4,"note":"Spring Festival","updated_by":"li","updated_ms":2}]})"));
    f = Step(*screen.app);
    CHECK(f.Text("forecast.special.saved") == "已保存；正在重新预测。");
    CHECK(f.Text("forecast.special.0") == "2026-02-17 inquiries");
    REQUIRE(screen.log->sent.size() == 4);  // the plan asked again
    CHECK(screen.log->sent.back().path.rfind("api/wfm/staffing?", 0) == 0);

    ClickItem(*screen.app, "forecast.special.delete");
    REQUIRE(screen.log->sent.size() == 5);
    CHECK(screen.log->sent.back().method == "DELETE");
    CHECK(screen.log->sent.back().path == "api/wfm/special-days/2026-02-17?queue=inquiries");
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent.back().tag, 403, R"({"error":"forbidden"})"));
    CHECK(Step(*screen.app).Find("forecast.special.error") != nullptr);

    Screen lead(kLead);
    ClickItem(*lead.app, "button.forecast");
    REQUIRE(lead.log->sent.size() == 2);
    lead.log->inbox.push_back(ApiAnswer(lead.log->sent[1].tag, 200, kDays));
    f = Step(*lead.app);
    CHECK(f.Text("forecast.special.readonly") == "Managers and admins change special days.");
    CHECK(f.Find("forecast.special.save") == nullptr);

    // Signing out forgets the page.
    screen.app->Apply({UiAction::Kind::SignOut, 0});
    Step(*screen.app);
    CHECK_FALSE(screen.app->ui().forecast_open);
    CHECK(screen.app->wfm_forecast().special_days.empty());
}

TEST_CASE("the page's first day is the Monday of the center's week; the form's path") {
    std::vector<ApiRequest> sent;
    WfmForecastController c([&](ApiRequest r) { sent.push_back(std::move(r)); });
    c.Open("2026-01-08");  // a Thursday
    REQUIRE(sent.size() == 2);
    CHECK(sent[0].path == "api/wfm/staffing?weeks=2&interval=15&from=2026-01-05");
    CHECK(std::string(c.state().sd_date) == "2026-01-08");
    WfmForecastController sunday([&](ApiRequest r) { sent.push_back(std::move(r)); });
    sunday.Open("2026-01-11");
    CHECK(sent[2].path == "api/wfm/staffing?weeks=2&interval=15&from=2026-01-05");
    WfmForecastState s;
    std::snprintf(s.queues, sizeof s.queues, "sales，support");
    s.interval = 1;
    s.weeks = 4;
    s.method = 3;
    std::string path;
    WfmForecastError error;
    REQUIRE(WfmStaffingPath(s, &path, &error));
    CHECK(path == "api/wfm/staffing?weeks=4&interval=30&queue=sales&queue=support&method=holt_winters");
}
