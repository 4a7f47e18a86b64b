// The Reports area, headless over a whole DashboardApp: offered to every signed-in role but
// wallboard (and in local mode), never in the offline demo; opening it asks GET /api/reports for
// yesterday; the answer decoded by the core and shown as totals, rows and charts; ranges, custom
// dates and filters make the request's URL; a header click sorts; hovering a number shows its
// formula, counts and definition; the form and the report survive a stream reconnect; dates
// checked before anything is sent; the server's refusal shown; both languages.
#include <doctest/doctest.h>

#include <string>
#include "core/report/report_json.h"
#include "core/snapshot_json.h"
#include "scripted_app.h"

using namespace cb;
using namespace cb::test;

namespace {

using K = TransportMessage::Kind;

const char* kLead = R"({"mode":"accounts","user":"wang","role":"lead","teams":["team_1"],"csrf":"w","expires_at_ms":0})";
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

int64_t Utc(int y, int m, int d) { return DaysFromCivil({y, m, d}) * 86400000; }

KpiCounts Counts(int64_t offered, int64_t answered, int64_t within, int64_t abandoned, int64_t short_ab) {
    KpiCounts c;
    c.offered = offered;
    c.answered = answered;
    c.answered_within_t = within;
    c.abandoned = abandoned;
    c.short_abandoned = short_ab;
    c.handled = answered;
    c.talk_ms = answered * 120000;
    c.wait_answered_ms = answered * 15000;
    return c;
}

// Two queues over two days (UTC). Sales uses definition 1 (answered over offered, 20 s, 80 %);
// on the second day its counts used two definitions (T changed): mixed.
std::string Answer() {
    Report r;
    r.query.from = {2026, 3, 2};
    r.query.to = {2026, 3, 3};
    r.query.group = ReportGroup::Queue;
    r.zone = "UTC";
    r.from_ms = Utc(2026, 3, 2);
    r.to_ms = Utc(2026, 3, 4);
    r.generated_ms = r.to_ms;
    r.buckets = {{Utc(2026, 3, 2), Utc(2026, 3, 3), {2026, 3, 2}, {2026, 3, 2}, 0, false, "2026-03-02"},
                 {Utc(2026, 3, 3), Utc(2026, 3, 4), {2026, 3, 3}, {2026, 3, 3}, 0, false, "2026-03-03"}};
    r.groups = {{"sales", "Sales", "销售", ""}, {"billing", "Billing", "账务", ""}};
    DefinitionVersion d1;
    d1.id = 1;
    d1.queue = "sales";
    d1.valid_to_ms = Utc(2026, 3, 3) + 3600000;
    d1.sl = ServiceLevelDef{SlVariant::AnsweredOverOffered, 20, 0.8, 5};
    DefinitionVersion d2 = d1;
    d2.id = 2;
    d2.valid_from_ms = d1.valid_to_ms;
    d2.valid_to_ms = INT64_MAX;
    d2.sl.threshold_s = 30;
    r.definitions = {d1, d2};
    // Sales: 40/50 = 80.0 %, then 30/60 = 50.0 % (mixed); billing (built-in definition,
    // answered within T over offered less short abandons): 9/(10-1) = 100 %, 0 offered.
    r.rows = {ReportRow{0, 0, Counts(50, 45, 40, 5, 1), {}, {1}, 1, false},
              ReportRow{0, 1, Counts(60, 40, 30, 20, 2), {}, {1, 2}, 2, true},
              ReportRow{1, 0, Counts(10, 9, 9, 1, 1), {}, {0}, 0, false},
              ReportRow{1, 1, Counts(0, 0, 0, 0, 0), {}, {0}, 0, false}};
    r.totals = {ReportRow{0, -1, Counts(110, 85, 70, 25, 3), {}, {1, 2}, 2, true},
                ReportRow{1, -1, Counts(10, 9, 9, 1, 1), {}, {0}, 0, false}};
    return ReportToJson(r);
}

}  // namespace

TEST_CASE("reports are offered to a signed-in lead and in local mode, not to a wallboard or the offline demo") {
    CHECK(Step(*Screen(kLead).app).Find("button.reports") != nullptr);
    CHECK(Step(*Screen(kLocal).app).Find("button.reports") != nullptr);
    CHECK(Step(*Screen(kWallboard).app).Find("button.reports") == nullptr);
    CHECK(Step(*Screen(kLead, Lang::Zh).app).Text("button.reports") == "报表");
    DashboardApp demo{DashboardOptions{}};
    demo.SetFonts(Harness::Get().fonts());
    CHECK(Step(demo).Find("button.reports") == nullptr);
    demo.Apply({UiAction::Kind::OpenReports, 1});
    CHECK_FALSE(demo.ui().reports_open);
}

TEST_CASE("the request's URL from the range, cadence, grouping and filters") {
    ReportsState s;
    s.range = ReportRange::LastWeek;
    CHECK(ReportsPath(s) == "api/reports?range=last_week&granularity=60min&group=center");
    s.range = ReportRange::Custom;
    std::snprintf(s.from, sizeof s.from, "2026-03-01");
    std::snprintf(s.to, sizeof s.to, "2026-03-31");
    s.granularity = ReportGranularity::Minutes30;
    s.group = ReportGroup::Agent;
    std::snprintf(s.teams, sizeof s.teams, "a，b");
    std::snprintf(s.agents, sizeof s.agents, "1001 王 伟");
    CHECK(ReportsPath(s) ==
          "api/reports?from=2026-03-01&to=2026-03-31&granularity=30min&group=agent&team=a&team=b&agent=1001"
          "&agent=%E7%8E%8B&agent=%E4%BC%9F");
    s.range = ReportRange::ThisMonth;
    s.granularity = ReportGranularity::Week;
    s.group = ReportGroup::Queue;
    s.teams[0] = s.agents[0] = '\0';
    std::snprintf(s.queues, sizeof s.queues, "sales");
    CHECK(ReportsPath(s) == "api/reports?range=this_month&granularity=week&group=queue&queue=sales");
}

TEST_CASE("opening reports asks for today by the hour; the answer shows totals, rows, charts and the formulas on hover") {
    Screen screen(kLead);
    ClickItem(*screen.app, "button.reports");
    REQUIRE(screen.app->ui().reports_open);
    REQUIRE(screen.log->sent.size() == 1);
    ApiRequest request = screen.log->sent.back();
    CHECK(request.method == "GET");
    CHECK(request.path == "api/reports?range=today&granularity=60min&group=center");
    AppView f = Step(*screen.app);
    CHECK(f.Text("reports.loading") == "Counting…");
    CHECK(f.Find("reports.rows.0.offered") == nullptr);

    // Last week, by the range button: a new request; the older answer is ignored.
    ClickItem(*screen.app, "reports.range.last_week");
    REQUIRE(screen.log->sent.size() == 2);
    CHECK(screen.log->sent.back().path == "api/reports?range=last_week&granularity=60min&group=center");
    screen.log->inbox.push_back(ApiAnswer(request.tag, 200, Answer()));
    f = Step(*screen.app);
    CHECK(f.Text("reports.loading") == "Counting…");
    request = screen.log->sent.back();
    screen.log->inbox.push_back(ApiAnswer(request.tag, 200, Answer()));
    f = Step(*screen.app);
    CHECK(f.Find("reports.loading") == nullptr);
    CHECK(f.Text("reports.summary") == "2026-03-02 to 2026-03-03 · Queues · Day · 4 rows · dates in UTC");
    // Totals, in group order.
    CHECK(f.Text("reports.totals.0.name") == "Sales");
    CHECK(f.Text("reports.totals.0.offered") == "110");
    CHECK(f.Text("reports.totals.0.service_level") == "63.6% *");  // 70/110, mixed definitions
    CHECK(f.Text("reports.totals.1.service_level") == "100.0%");    // 9/(10-1)
    // Rows, in time order per group.
    CHECK(f.Text("reports.rows.0.period") == "2026-03-02");
    CHECK(f.Text("reports.rows.0.service_level") == "80.0%");
    CHECK(f.Text("reports.rows.1.service_level") == "50.0% *");
    CHECK(f.Text("reports.rows.1.abandon_rate") == "31.0%");  // (20-2)/(60-2)
    CHECK(f.Text("reports.rows.1.asa_ms") == "15 s");
    CHECK(f.Text("reports.rows.3.service_level") == "-");     // nothing offered
    // Charts of the first group: two periods, both with a service level; 110 offered; the target.
    CHECK(f.Text("reports.chart_group") == "Sales");
    CHECK(f.Text("reports.chart.trend") == "2/2");
    CHECK(f.Text("reports.chart.trend.target") == "80%");
    CHECK(f.Text("reports.chart.bars") == "110");
    CHECK(f.Text("reports.chart.heatmap") == "7x1");

    // Hover the mixed service level: the formula, the counts and both definitions.
    const ReportItem* cell = f.Find("reports.rows.1.service_level");
    REQUIRE(cell != nullptr);
    Keys hover;
    hover.mouse_x = cell->x + 4;
    hover.mouse_y = cell->y + cell->h / 2;
    Step(*screen.app, hover);
    f = Step(*screen.app, hover);
    CHECK(f.Text("reports.tooltip") == "answered_within_t / offered");
    CHECK(f.Text("reports.tooltip.definition") ==
          "Definition v2: answered_over_offered, T = 30 s, target 80%, short abandon 5 s");
    CHECK(f.Text("reports.tooltip.mixed").rfind("Mixed definitions", 0) == 0);
    // A count: what it is.
    cell = f.Find("reports.rows.2.offered");
    REQUIRE(cell != nullptr);
    hover.mouse_x = cell->x + 4;
    hover.mouse_y = cell->y + cell->h / 2;
    Step(*screen.app, hover);
    f = Step(*screen.app, hover);
    CHECK(f.Text("reports.tooltip") == "Count of the stored calls, summed over the period.");
    CHECK(f.Text("reports.tooltip.definition") ==
          "Definition v0: answered_over_offered_less_short, T = 20 s, target 80%, short abandon 5 s (built-in default)");
}

TEST_CASE("a header click sorts the table, again the other way; the report survives a stream reconnect") {
    Screen screen(kLocal);
    ClickItem(*screen.app, "button.reports");
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent.back().tag, 200, Answer()));
    Step(*screen.app);
    // Offered: 50, 60, 10, 0; biggest first on the first click.
    ClickItem(*screen.app, "reports.rows.col.offered");
    AppView f = Step(*screen.app);
    CHECK(f.Text("reports.rows.col.offered") == "Offered v");
    CHECK_FALSE(screen.app->ui().report_files_open);  // a sort opens no other page
    CHECK(screen.app->ui().reports_open);
    CHECK(f.Text("reports.rows.0.offered") == "60");
    CHECK(f.Text("reports.rows.1.offered") == "50");
    CHECK(f.Text("reports.rows.3.offered") == "0");
    CHECK(f.Text("reports.totals.0.offered") == "110");
    ClickItem(*screen.app, "reports.rows.col.offered");
    f = Step(*screen.app);
    CHECK(f.Text("reports.rows.col.offered") == "Offered ^");
    CHECK(f.Text("reports.rows.0.offered") == "0");
    CHECK(f.Text("reports.rows.3.offered") == "60");
    // Service level, lowest first on the second click; the row without one stays last.
    ClickItem(*screen.app, "reports.rows.col.service_level");
    ClickItem(*screen.app, "reports.rows.col.service_level");
    f = Step(*screen.app);
    CHECK(f.Text("reports.rows.0.service_level") == "50.0% *");
    CHECK(f.Text("reports.rows.2.service_level") == "100.0%");
    CHECK(f.Text("reports.rows.3.service_level") == "-");
    // By name: Billing before Sales.
    ClickItem(*screen.app, "reports.totals.col.name");
    f = Step(*screen.app);
    CHECK(f.Text("reports.totals.0.name") == "Billing");
    CHECK(f.Text("reports.rows.0.name") == "Billing");

    // The stream drops and comes back: the report, its sort and the range stay; nothing is re-asked.
    const size_t sent = screen.log->sent.size();
    screen.log->inbox.push_back({K::Disconnected, "stream error", kWall, 0, 0});
    Step(*screen.app);
    screen.log->inbox.push_back({K::Connected, "", kWall, 0, 0});
    screen.log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
    f = Step(*screen.app);
    CHECK(screen.app->ui().reports_open);
    CHECK(f.Text("reports.rows.0.name") == "Billing");
    CHECK(f.Text("reports.totals.0.offered") == "10");
    CHECK(screen.log->sent.size() == sent);
    // Closing and opening again keeps the report shown without asking again.
    ClickItem(*screen.app, "reports.close");
    CHECK_FALSE(screen.app->ui().reports_open);
    ClickItem(*screen.app, "button.reports");
    CHECK(screen.log->sent.size() == sent);
    CHECK(Step(*screen.app).Text("reports.totals.0.name") == "Billing");
}

TEST_CASE("reports: custom dates checked before sending, the server's refusal and a bad answer shown, in Chinese") {
    Screen screen(kLead, Lang::Zh);
    ClickItem(*screen.app, "button.reports");
    REQUIRE(screen.log->sent.size() == 1);
    AppView f = Step(*screen.app);
    CHECK(f.Text("reports.title") == "历史报表");
    CHECK(f.Text("reports.range.last_week") == "上周");
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent.back().tag, 400,
                                          R"j({"error":"queue: unknown queue 'x' (queues: sales)","where":"query"})j"));
    CHECK(Step(*screen.app).Text("reports.error") == "服务器拒绝：queue: unknown queue 'x' (queues: sales)");

    ClickItem(*screen.app, "reports.range.custom");
    CHECK(screen.log->sent.size() == 1);  // a custom range waits for its dates
    Fill(*screen.app, "reports.to", "2026-02-30");
    ClickItem(*screen.app, "reports.run");
    CHECK(screen.log->sent.size() == 1);
    CHECK(Step(*screen.app).Text("reports.error") == "请按 YYYY-MM-DD 格式输入日期。");
    Fill(*screen.app, "reports.from", "2026-03-01");
    Fill(*screen.app, "reports.to", "2026-02-01");
    ClickItem(*screen.app, "reports.run");
    CHECK(Step(*screen.app).Text("reports.error") == "结束日期早于开始日期。");
    Fill(*screen.app, "reports.from", "2025-12-01");
    Fill(*screen.app, "reports.to", "2026-01-01");
    ClickItem(*screen.app, "reports.run");
    CHECK(Step(*screen.app).Text("reports.error") == "此粒度一次最多 31 天。");  // hours: 32 days is one too many
    CHECK(screen.log->sent.size() == 1);
    Fill(*screen.app, "reports.from", "2025-12-02");
    ClickItem(*screen.app, "reports.run");
    REQUIRE(screen.log->sent.size() == 2);
    CHECK(screen.log->sent.back().path == "api/reports?from=2025-12-02&to=2026-01-01&granularity=60min&group=center");
    // An answer that is not a report says where it is wrong.
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent.back().tag, 200, R"({"format":"callboard.report/1"})"));
    f = Step(*screen.app);
    CHECK(f.Text("reports.error").rfind("服务器拒绝：", 0) == 0);
    CHECK(f.Find("reports.summary") == nullptr);
}

namespace {

// A week of the center by the hour (three hours with calls) and the totals of the week before.
std::string PageNow() {
    Report r;
    r.query.from = {2026, 3, 2};
    r.query.to = {2026, 3, 8};
    r.query.granularity = ReportGranularity::Minutes60;
    r.zone = "UTC";
    r.from_ms = Utc(2026, 3, 2);
    r.to_ms = Utc(2026, 3, 9);
    r.groups = {{"", "", "", ""}};
    for (int h = 9; h < 12; ++h) {
        char label[40];
        std::snprintf(label, sizeof label, "2026-03-02 %02d:00 +00:00", h);
        const int64_t start = Utc(2026, 3, 2) + h * 3600000LL;
        r.buckets.push_back({start, start + 3600000, {2026, 3, 2}, {2026, 3, 2}, 0, false, label});
    }
    KpiCounts a = Counts(10, 9, 8, 1, 0), b = Counts(20, 12, 6, 8, 1), c = Counts(5, 5, 5, 0, 0);
    a.longest_wait_ms = 40000;
    b.longest_wait_ms = 200000;
    c.longest_wait_ms = 15000;
    r.rows = {ReportRow{0, 0, a, {}, {0}, 0, false}, ReportRow{0, 1, b, {}, {0}, 0, false}, ReportRow{0, 2, c, {}, {0}, 0, false}};
    KpiCounts t = Counts(35, 26, 19, 9, 1);
    t.wait_answered_ms = 26 * 20000;
    r.totals = {ReportRow{0, -1, t, {}, {0}, 0, false}};
    return ReportToJson(r);
}

std::string PageTotals(const ReportGroupInfo& group, CivilDate from, CivilDate to, ReportGroup by, KpiCounts counts) {
    Report r;
    r.query.from = from;
    r.query.to = to;
    r.query.granularity = ReportGranularity::Range;
    r.query.group = by;
    r.zone = "UTC";
    r.from_ms = Utc(from.year, from.month, from.day);
    r.to_ms = Utc(to.year, to.month, to.day) + 86400000;
    r.groups = {group};
    r.buckets = {{r.from_ms, r.to_ms, from, to, 0, false, FormatCivilDate(from) + "/" + FormatCivilDate(to)}};
    r.rows = {ReportRow{0, 0, counts, {}, {0}, 0, false}};
    r.totals = {ReportRow{0, -1, counts, {}, {0}, 0, false}};
    return ReportToJson(r);
}

}  // namespace

TEST_CASE("the weekly report page: summary against the week before, per queue and team, worst hours, waits, spikes") {
    Screen screen(kLead);
    ClickItem(*screen.app, "button.reports");
    const size_t before = screen.log->sent.size();
    ClickItem(*screen.app, "reports.page.weekly");
    REQUIRE(screen.log->sent.size() == before + 3);
    const ApiRequest now = screen.log->sent[before], queues = screen.log->sent[before + 1], teams = screen.log->sent[before + 2];
    CHECK(now.path == "api/reports?range=last_week&granularity=60min&group=center");
    CHECK(queues.path == "api/reports?range=last_week&granularity=range&group=queue");
    CHECK(teams.path == "api/reports?range=last_week&granularity=range&group=team");
    CHECK(Step(*screen.app).Text("reports.page.loading") == "Counting…");

    screen.log->inbox.push_back(ApiAnswer(now.tag, 200, PageNow()));
    AppView f = Step(*screen.app);
    // The week's dates are known: the week before is asked.
    REQUIRE(screen.log->sent.size() == before + 4);
    const ApiRequest prev = screen.log->sent.back();
    CHECK(prev.path == "api/reports?from=2026-02-23&to=2026-03-01&granularity=range&group=center");
    CHECK(f.Text("reports.page.now.offered") == "35");
    CHECK(f.Text("reports.page.before.offered") == "…");

    KpiCounts week_before = Counts(30, 27, 24, 3, 0);
    week_before.wait_answered_ms = 27 * 10000;
    screen.log->inbox.push_back(ApiAnswer(prev.tag, 200, PageTotals({"", "", "", ""}, {2026, 2, 23}, {2026, 3, 1}, ReportGroup::Center, week_before)));
    screen.log->inbox.push_back(ApiAnswer(queues.tag, 200, PageTotals({"sales", "Sales", "销售", ""}, {2026, 3, 2}, {2026, 3, 8},
                                                                      ReportGroup::Queue, Counts(35, 26, 19, 9, 1))));
    screen.log->inbox.push_back(ApiAnswer(teams.tag, 200, PageTotals({"team_1", "Team 1", "一组", ""}, {2026, 3, 2}, {2026, 3, 8},
                                                                     ReportGroup::Team, Counts(26, 26, 19, 0, 0))));
    f = Step(*screen.app);
    CHECK(f.Text("reports.page.title") == "2026-03-02 to 2026-03-08 (dates in UTC) · compared with 2026-02-23 to 2026-03-01");
    CHECK(f.Text("reports.page.change.offered") == "+5 (+16.7%)");          // 35 against 30
    CHECK(f.Text("reports.page.now.service_level") == "55.9%");             // 19 / (35 - 1)
    CHECK(f.Text("reports.page.before.service_level") == "80.0%");          // 24 / 30
    CHECK(f.Text("reports.page.change.service_level") == "-24.1 pts");
    CHECK(f.Text("reports.page.change.asa_ms") == "+10 s (+100.0%)");       // 20 s against 10 s
    CHECK(f.Text("reports.page.queues.sales.service_level") == "55.9%");
    CHECK(f.Text("reports.page.teams.team_1.service_level") == "73.1%");    // teams: 19 of 26 answered
    // Worst hours: 10:00 with 6 of 19, then 09:00 with 8 of 10.
    CHECK(f.Text("reports.page.worst.0.period") == "2026-03-02 10:00 +00:00");
    CHECK(f.Text("reports.page.worst.0.value") == "31.6% (6/19)");
    CHECK(f.Text("reports.page.worst.1.value") == "80.0% (8/10)");
    CHECK(f.Text("reports.page.waits.0.value") == "3 min 20 s");
    CHECK(f.Text("reports.page.waits.1.value") == "40 s");
    // Abandons without the short ones: 1, 7, 0 (mean 2.67): 10:00 is a spike.
    CHECK(f.Text("reports.page.spikes.count") == "1");
    CHECK(f.Text("reports.page.spikes.0.value") == "7");

    // Back to the form: the report there is as it was.
    ClickItem(*screen.app, "reports.page.explore");
    CHECK(Step(*screen.app).Find("reports.run") != nullptr);
}
