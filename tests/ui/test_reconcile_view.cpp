// The reconciliation page, headless over a whole DashboardApp: offered to every signed-in role
// but wallboard (and in local mode), never in the offline demo; opening it asks GET
// /api/reconcile for the center's today; the table shows each tool's figure, the net difference
// and, on hover, the tool's definition; dates checked before anything is sent; the server's
// refusal shown; both languages.
#include <doctest/doctest.h>

#include <string>
#include "core/reconcile/reconcile_json.h"
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

// A day of three calls: one completed, one transferred (2 s over T), one abandoned.
std::string Answer() {
    const int64_t from = 1767571200000;
    Reconciler r({ServiceLevelDef{}}, from, from + 86400000);
    const auto leg = [&](uint64_t call, int64_t at, LegEnd end, int64_t wait_s) {
        ReconLeg l;
        l.leg.call = call;
        l.leg.home_ms = from + at;
        l.leg.queue = 0;
        l.leg.wait_ms = wait_s * 1000;
        l.leg.end = end;
        if (end != LegEnd::Abandoned) {
            l.leg.answered_ms = l.leg.home_ms + wait_s * 1000;
            l.leg.talk_ms = 60000;
            l.leg.wrap_ms = 0;
        }
        l.leg.ended_ms = l.leg.home_ms + wait_s * 1000 + (end == LegEnd::Abandoned ? 0 : 60000);
        return l;
    };
    r.Add(leg(1, 1000, LegEnd::Completed, 10));
    r.Add(leg(2, 2000, LegEnd::Transferred, 22));
    r.Add(leg(3, 3000, LegEnd::Abandoned, 40));
    return ReconReportToJson(ReconRequest{"2026-01-05", "2026-01-05", "Asia/Shanghai", {}}, r.Finish());
}

}  // namespace

TEST_CASE("reconciliation is offered to a signed-in lead and in local mode, not to a wallboard or the offline demo") {
    CHECK(Step(*Screen(kLead).app).Find("button.reconcile") != nullptr);
    CHECK(Step(*Screen(kLocal).app).Find("button.reconcile") != nullptr);
    CHECK(Step(*Screen(kWallboard).app).Find("button.reconcile") == nullptr);
    CHECK(Step(*Screen(kLead, Lang::Zh).app).Text("button.reconcile") == "对账");
    DashboardApp demo{DashboardOptions{}};
    demo.SetFonts(Harness::Get().fonts());
    CHECK(Step(demo).Find("button.reconcile") == nullptr);
    demo.Apply({UiAction::Kind::OpenReconcile, 1});
    CHECK_FALSE(demo.ui().reconcile_open);
}

TEST_CASE("opening the page compares today; the table shows every tool, the differences and their definitions") {
    Screen screen(kLead);
    ClickItem(*screen.app, "button.reconcile");
    REQUIRE(screen.app->ui().reconcile_open);
    REQUIRE(screen.log->sent.size() == 1);
    const ApiRequest request = screen.log->sent.back();
    CHECK(request.method == "GET");
    const std::string today = screen.app->reconcile().from;
    CHECK(today.size() == 10);
    CHECK(request.path == "api/reconcile?from=" + today + "&to=" + today);
    AppView f = Step(*screen.app);
    CHECK(f.Text("reconcile.loading") == "Counting…");
    CHECK(f.Find("reconcile.table") == nullptr);

    screen.log->inbox.push_back(ApiAnswer(request.tag, 200, Answer()));
    f = Step(*screen.app);
    CHECK(f.Find("reconcile.loading") == nullptr);
    CHECK(f.Text("reconcile.summary") == "2026-01-05 to 2026-01-05, all queues · 3 calls entered · dates in Asia/Shanghai");
    CHECK(f.Text("reconcile.row.answered") == "Answered");
    CHECK(f.Text("reconcile.cell.answered.callboard") == "2");
    CHECK(f.Text("reconcile.cell.answered.asterisk") == "2");
    CHECK(f.Text("reconcile.cell.answered.asternic") == "1  (-1)");
    CHECK(f.Text("reconcile.diff.answered.asternic") == "transfer:-1");
    CHECK(f.Text("reconcile.cell.answered.wazo") == "2");
    CHECK(f.Text("reconcile.cell.talk.asternic") == "60 s  (-60 s)");
    CHECK(f.Text("reconcile.cell.timed_out.asterisk") == "-");
    // Service level: Callboard's default 1 of 3 offered; Asterisk 1 of 2 answered.
    CHECK(f.Text("reconcile.cell.service_level.callboard") == "33.3% (1/3)");
    CHECK(f.Text("reconcile.cell.service_level.asterisk") == "50.0% (1/2)");
    CHECK(f.Text("reconcile.diff.service_level.asterisk") == "d.abandon:-1");
    CHECK(f.Text("reconcile.cell.service_level2.asterisk") == "33.3% (1/3)");

    // Hovering a cell shows the tool's definition.
    const ReportItem* cell = f.Find("reconcile.cell.answered.asternic");
    REQUIRE(cell != nullptr);
    Keys hover;
    hover.mouse_x = cell->x + 4;
    hover.mouse_y = cell->y + cell->h / 2;
    Step(*screen.app, hover);
    f = Step(*screen.app, hover);
    CHECK(f.Text("reconcile.tooltip") ==
          "Asternic: COMPLETEAGENT / COMPLETECALLER rows; calls ended in a transfer are dropped.");

    // Another range and a queue, typed in and compared.
    Fill(*screen.app, "reconcile.from", "2026-01-01");
    Fill(*screen.app, "reconcile.queues", "sales，support");
    ClickItem(*screen.app, "reconcile.run");
    REQUIRE(screen.log->sent.size() == 2);
    CHECK(screen.log->sent.back().path == "api/reconcile?from=2026-01-01&to=" + today + "&queue=sales&queue=support");
}

TEST_CASE("reconciliation: dates checked before sending, the server's refusal shown, in Chinese too") {
    Screen screen(kLead, Lang::Zh);
    ClickItem(*screen.app, "button.reconcile");
    REQUIRE(screen.log->sent.size() == 1);
    CHECK(Step(*screen.app).Text("reconcile.title") == "与其他统计工具对账");
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent.back().tag, 400,
                                          R"j({"error":"queue: 'x' is not a known queue (known: sales)","where":"query"})j"));
    CHECK(Step(*screen.app).Text("reconcile.error") == "服务器拒绝：queue: 'x' is not a known queue (known: sales)");

    Fill(*screen.app, "reconcile.to", "2026-02-30");
    ClickItem(*screen.app, "reconcile.run");
    CHECK(screen.log->sent.size() == 1);  // nothing sent
    CHECK(Step(*screen.app).Text("reconcile.error") == "请按 YYYY-MM-DD 格式输入日期。");
    Fill(*screen.app, "reconcile.from", "2026-03-01");
    Fill(*screen.app, "reconcile.to", "2026-02-01");
    ClickItem(*screen.app, "reconcile.run");
    CHECK(Step(*screen.app).Text("reconcile.error") == "结束日期早于开始日期。");
    Fill(*screen.app, "reconcile.from", "2025-01-01");
    ClickItem(*screen.app, "reconcile.run");
    CHECK(Step(*screen.app).Text("reconcile.error") == "一次最多 92 天。");
    CHECK(screen.log->sent.size() == 1);

    // A good range in Chinese: the table's labels are Chinese.
    Fill(*screen.app, "reconcile.from", "2026-01-05");
    Fill(*screen.app, "reconcile.to", "2026-01-05");
    ClickItem(*screen.app, "reconcile.run");
    REQUIRE(screen.log->sent.size() == 2);
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent.back().tag, 200, Answer()));
    AppView f = Step(*screen.app);
    CHECK(f.Find("reconcile.error") == nullptr);
    CHECK(f.Text("reconcile.row.answered") == "接通量");
    CHECK(f.Text("reconcile.cell.talk.asternic") == "60 秒  (-60 秒)");
    // Signing out forgets the page.
    screen.app->Apply({UiAction::Kind::SignOut, 0});
    Step(*screen.app);
    CHECK_FALSE(screen.app->ui().reconcile_open);
    CHECK(std::string(screen.app->reconcile().from).empty());
}
