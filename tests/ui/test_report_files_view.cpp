// The scheduled reports' download list, headless over a whole DashboardApp: offered to every
// signed-in role but wallboard, never in the offline demo; opening it asks GET /api/reports/files;
// the rows show the period, kind, language, schedule, size and mail; Download fetches the PDF and
// hands it to the desktop's save hook, or lets the browser open the file's URL; both languages.
#include <doctest/doctest.h>

#include <string>
#include "core/snapshot_json.h"
#include "scripted_app.h"

using namespace cb;
using namespace cb::test;

namespace {

using K = TransportMessage::Kind;

const char* kLead = R"({"mode":"accounts","user":"wang","role":"lead","teams":["team_1"],"csrf":"w","expires_at_ms":0})";
const char* kWallboard = R"({"mode":"accounts","user":"tv","role":"wallboard","teams":[],"csrf":"t","expires_at_ms":0})";

const char* kFiles = R"({"files":[
 {"id":7,"schedule_id":2,"schedule":"每日报告","kind":"daily","from":"2026-03-28","to":"2026-03-28","lang":"zh","folder":"daily",
  "file":"daily_2026-03-28_zh.pdf","bytes":61440,"created_ms":1774760400000,"mail":"sent to 2","url":"/api/reports/files/7"},
 {"id":6,"schedule_id":3,"schedule":"Weekly","kind":"weekly","from":"2026-03-16","to":"2026-03-22","lang":"en","folder":"weekly",
  "file":"weekly_2026-03-16_2026-03-22_en.pdf","bytes":80000,"created_ms":1774240000000,"mail":"failed: mail not sent: refused","url":"/api/reports/files/6"}]})";

struct Screen {
    std::shared_ptr<RecordingTransport::Log> log = std::make_shared<RecordingTransport::Log>();
    std::unique_ptr<DashboardApp> app;
    std::vector<std::pair<std::string, std::string>> saved;  // (name, bytes)
    std::vector<std::string> opened;
    Screen(const char* session, Lang lang, bool browser) {
        DashboardOptions options;
        options.transport = std::make_unique<RecordingTransport>(log);
        options.lang = lang;
        if (browser) options.open_url = [this](const std::string& url) { opened.push_back(url); };
        else options.save_file = [this](const std::string& name, const std::string& bytes) {
            saved.push_back({name, bytes});
            return "Downloads/" + name;
        };
        app = std::make_unique<DashboardApp>(std::move(options));
        app->SetFonts(Harness::Get().fonts());
        log->inbox.push_back({K::Session, session, kWall, 200, 0});
        Step(*app);
        log->inbox.push_back({K::Connected, "", kWall, 0, 0});
        log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
        Step(*app);
    }
};

}  // namespace

TEST_CASE("the report files are offered to a signed-in lead, not to a wallboard or the offline demo") {
    CHECK(Step(*Screen(kLead, Lang::En, false).app).Text("button.report_files") == "Report files");
    CHECK(Step(*Screen(kLead, Lang::Zh, false).app).Text("button.report_files") == "报告文件");
    CHECK(Step(*Screen(kWallboard, Lang::En, false).app).Find("button.report_files") == nullptr);
    DashboardApp demo{DashboardOptions{}};
    demo.SetFonts(Harness::Get().fonts());
    CHECK(Step(demo).Find("button.report_files") == nullptr);
}

TEST_CASE("opening the list asks the server, shows each file, and Download saves it on the desktop") {
    Screen screen(kLead, Lang::En, false);
    ClickItem(*screen.app, "button.report_files");
    REQUIRE(screen.app->ui().report_files_open);
    REQUIRE(screen.log->sent.size() == 1);
    const ApiRequest list = screen.log->sent.back();
    CHECK(list.method == "GET");
    CHECK(list.path == "api/reports/files");
    screen.log->inbox.push_back(ApiAnswer(list.tag, 200, kFiles));
    AppView f = Step(*screen.app);
    CHECK(f.Text("files.title") == "Scheduled reports");
    CHECK(f.Text("files.row.0.period") == "2026-03-28");
    CHECK(f.Text("files.row.1.period") == "2026-03-16 – 2026-03-22");
    CHECK(f.Text("files.row.0.download") == "daily_2026-03-28_zh.pdf");

    ClickItem(*screen.app, "files.row.0.download");
    REQUIRE(screen.log->sent.size() == 2);
    const ApiRequest get = screen.log->sent.back();
    CHECK(get.method == "GET");
    CHECK(get.path == "api/reports/files/7");
    screen.log->inbox.push_back(ApiAnswer(get.tag, 200, std::string("%PDF-1.5\0\x01\x02", 11)));
    f = Step(*screen.app);
    REQUIRE(screen.saved.size() == 1);
    CHECK(screen.saved[0].first == "daily_2026-03-28_zh.pdf");
    CHECK(screen.saved[0].second == std::string("%PDF-1.5\0\x01\x02", 11));
    CHECK(f.Text("files.saved") == "Saved to Downloads/daily_2026-03-28_zh.pdf");

    // A refusal is shown as the server says it.
    ClickItem(*screen.app, "files.row.1.download");
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent.back().tag, 404,
                                          R"({"error":"the file weekly/x.pdf is no longer in the reports folder","code":"file_gone"})"));
    f = Step(*screen.app);
    CHECK(f.Text("files.error") == "the file weekly/x.pdf is no longer in the reports folder");
}

TEST_CASE("in the browser Download opens the file's URL; Chinese labels; an empty list says so") {
    Screen screen(kLead, Lang::Zh, true);
    ClickItem(*screen.app, "button.report_files");
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent.back().tag, 200, kFiles));
    AppView f = Step(*screen.app);
    CHECK(f.Text("files.title") == "定时报告");
    ClickItem(*screen.app, "files.row.1.download");
    CHECK(screen.opened == std::vector<std::string>{"/api/reports/files/6"});
    CHECK(screen.log->sent.size() == 1);  // nothing fetched by the app itself
    ClickItem(*screen.app, "files.refresh");
    REQUIRE(screen.log->sent.size() == 2);
    screen.log->inbox.push_back(ApiAnswer(screen.log->sent.back().tag, 200, R"({"files":[]})"));
    f = Step(*screen.app);
    CHECK(f.Text("files.none") == "尚未生成任何定时报告。");
}
