// The trainer's controls over the simulation, through a whole DashboardApp headless: on the
// demo in this process (the desktop's and the browser's offline demo), and on a server's demo
// through a scripted transport (sent as POST /api/demo; shown only when the session may).
#include <doctest/doctest.h>
#include <imgui.h>

#include <memory>
#include "core/snapshot_json.h"
#include "gallery.h"
#include "ui/dashboard_app.h"

using namespace cb;
using namespace cb::test;

namespace {

using K = TransportMessage::Kind;

struct Recorded {
    int starts = 0;
    std::vector<std::pair<std::string, std::string>> demo;  // (body, csrf)
    std::vector<ApiRequest> sent;
    std::vector<TransportMessage> inbox;
};

struct FakeTransport final : Transport {
    explicit FakeTransport(std::shared_ptr<Recorded> r) : m(std::move(r)) {}
    void Start() override { ++m->starts; }
    void Drain(std::vector<TransportMessage>* inbox) override {
        for (auto& x : m->inbox) inbox->push_back(std::move(x));
        m->inbox.clear();
    }
    void Resync() override {}
    void StopStream() override {}
    void FetchSession() override {}
    void Login(std::string) override {}
    void Logout(std::string) override {}
    void DemoControl(std::string body, std::string csrf) override { m->demo.emplace_back(std::move(body), std::move(csrf)); }
    void Send(ApiRequest request) override { m->sent.push_back(std::move(request)); }
    std::shared_ptr<Recorded> m;
};

// Drives an app frame by frame with its own wall clock (ms per frame) and a mouse.
struct Driver {
    DashboardApp& app;
    int64_t wall = kWall;
    int64_t step_ms = 0;

    const UiReport& Step(float x = -1, float y = -1, bool down = false, const char* type = nullptr) {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = ImVec2(x, y);
        io.MouseDown[0] = down;
        if (type) io.AddInputCharactersUTF8(type);
        wall += step_ms;
        ImGui::NewFrame();
        app.Frame(wall);
        ImGui::Render();
        return app.report();
    }
    const ReportItem* Find(const std::string& id) {
        for (const ReportItem& it : app.report().items)
            if (it.id == id) return &it;
        return nullptr;
    }
    std::string Text(const std::string& id) {
        const ReportItem* it = Find(id);
        return it ? it->text : "<missing " + id + ">";
    }
    void Click(const std::string& id) {
        Step();
        const ReportItem* it = Find(id);
        REQUIRE_MESSAGE(it != nullptr, "no item " << id);
        const float x = it->x + it->w / 2, y = it->y + it->h / 2;
        Step(x, y);
        Step(x, y, true);
        Step(x, y, false);
        Step();
    }
};

// On the heap: a DashboardApp's controllers call back into it, so it is never copied or moved.
std::unique_ptr<DashboardApp> LocalDemo() {
    DashboardOptions options;  // no transport: the demo in this process, the reference day 08:00
    options.demo.speed = 10;
    auto app = std::make_unique<DashboardApp>(std::move(options));
    app->SetFonts(Harness::Get().fonts());
    return app;
}

}  // namespace

TEST_CASE("in-process demo: pause, jumps, jump to a time, restart, scenario and speed from the UI") {
    std::unique_ptr<DashboardApp> demo_app = LocalDemo();
    DashboardApp& app = *demo_app;
    Driver d{app};
    d.Step();
    d.Step();
    REQUIRE(d.Find("demo.controls") != nullptr);
    CHECK(d.Text("demo.scenario") == "normal");
    CHECK(d.Text("center_clock") == "08:00:00");
    CHECK(d.Text("demo.state") == "running");

    d.Click("demo.pause");
    CHECK(d.Text("demo.state") == "paused");
    CHECK(d.Text("demo.pause") == "Resume");
    d.step_ms = 1000;
    d.Step();
    d.Step();
    CHECK(d.Text("center_clock") == "08:00:00");  // paused: wall time passes, the center's does not

    d.step_ms = 0;
    d.Click("demo.jump.60");
    CHECK(d.Text("center_clock") == "09:00:00");
    d.Click("demo.jump.15");
    CHECK(d.Text("center_clock") == "09:15:00");
    d.Click("demo.jump_to");  // the field holds 12:00
    CHECK(d.Text("center_clock") == "12:00:00");
    CHECK(d.Text("demo.jump_to.time") == "12:00");

    d.Click("demo.restart");
    CHECK(d.Text("center_clock") == "08:00:00");
    CHECK(d.Text("demo.state") == "paused");

    d.Click("demo.scenario");
    d.Click("demo.scenario.outage");
    CHECK(d.Text("source") == "demo:outage");
    CHECK(d.Text("demo.scenario") == "outage");

    d.Click("speed.60");
    d.Click("demo.pause");
    CHECK(d.Text("demo.state") == "running");
    d.step_ms = 1000;
    d.Step();
    d.Step();
    CHECK(d.Text("center_clock") == "08:02:00");  // two wall seconds at x60
}

TEST_CASE("a time that is not HH:MM is refused with a message in the UI's language") {
    std::unique_ptr<DashboardApp> demo_app = LocalDemo();
    DashboardApp& app = *demo_app;
    Driver d{app};
    d.Click("demo.jump_to.time");
    d.Step(-1, -1, false, "x");
    d.Step();
    CHECK(d.Text("demo.jump_to.time") == "12:x00");  // typed where the click put the cursor
    d.Click("demo.jump_to");
    CHECK(d.Text("demo.notice") == "Enter the time as HH:MM, e.g. 14:30.");
    CHECK(d.Text("center_clock") == "08:00:00");
    app.Apply({UiAction::Kind::SetLanguage, int(Lang::Zh)});
    d.Step();
    CHECK(d.Text("demo.notice") == "请按 HH:MM 输入时间，例如 14:30。");
    CHECK(d.Text("demo.pause") == "暂停");
}

TEST_CASE("a server's demo: the controls send POST /api/demo when the session may; the stream shows the result") {
    auto rec = std::make_shared<Recorded>();
    DashboardOptions options;
    options.transport = std::make_unique<FakeTransport>(rec);
    DashboardApp app(std::move(options));
    app.SetFonts(Harness::Get().fonts());
    Driver d{app};
    rec->inbox.push_back({K::Session, R"({"mode":"accounts","user":"tina","role":"trainer","teams":[],"csrf":"c5rf","expires_at_ms":0,"may_control_demo":true})", kWall, 200, 0});
    d.Step();
    REQUIRE(rec->starts == 1);
    Snapshot s = NormalSnapshot();
    s.demo = DemoClock{10, false};
    rec->inbox.push_back({K::Connected, "", kWall, 0, 0});
    rec->inbox.push_back({K::Snapshot, SnapshotToJson(s), kWall, 0, 0});
    d.Step();
    REQUIRE(d.Find("demo.controls") != nullptr);

    d.Click("demo.pause");
    REQUIRE(rec->demo.size() == 1);
    CHECK(rec->demo[0].first == R"({"action":"pause"})");
    CHECK(rec->demo[0].second == "c5rf");
    CHECK(d.Text("demo.state") == "running");  // until the server's stream says otherwise
    rec->inbox.push_back({K::DemoControl, R"({"scenario":"normal","speed":10,"paused":true,"now_ms":0})", kWall, 200, 0});
    s.version = 8;
    s.demo.paused = true;
    rec->inbox.push_back({K::Snapshot, SnapshotToJson(s), kWall, 0, 0});
    d.Step();
    CHECK(d.Text("demo.state") == "paused");
    CHECK(d.Text("freshness") == "Live · simulation paused");
    d.wall += 60000;  // a paused demo sends nothing new: not stale, and the clock stands still
    d.Step();
    CHECK(d.Text("freshness") == "Live · simulation paused");
    CHECK(d.Text("center_clock") == "10:00:00");

    d.Click("demo.jump.15");
    CHECK(rec->demo.back().first == R"({"action":"jump","minutes":15})");
    d.Click("demo.scenario");
    d.Click("demo.scenario.monday_peak");
    CHECK(rec->demo.back().first == R"({"action":"scenario","scenario":"monday_peak"})");
    // Refused by the server: said in the UI's language.
    rec->inbox.push_back({K::DemoControl, R"({"error":"not allowed for role 'lead'"})", kWall, 403, 0});
    d.Step();
    CHECK(d.Text("demo.notice") == "Your role may not control this server's simulation.");
}

TEST_CASE("no controls for a session that may not run the demo, nor for real data") {
    auto make = [](const char* session, DemoClock demo) {
        auto rec = std::make_shared<Recorded>();
        DashboardOptions options;
        options.transport = std::make_unique<FakeTransport>(rec);
        auto app = std::make_unique<DashboardApp>(std::move(options));
        app->SetFonts(Harness::Get().fonts());
        rec->inbox.push_back({K::Session, session, kWall, 200, 0});
        Snapshot s = NormalSnapshot();
        s.demo = demo;
        rec->inbox.push_back({K::Connected, "", kWall, 0, 0});
        rec->inbox.push_back({K::Snapshot, SnapshotToJson(s), kWall, 0, 0});
        return std::make_pair(std::move(app), rec);
    };
    const char* lead = R"({"mode":"accounts","user":"wang","role":"lead","teams":["team_1"],"csrf":"c","expires_at_ms":0,"may_control_demo":false})";
    const char* local = R"({"mode":"local","user":null,"role":"admin","teams":[],"may_control_demo":true})";
    auto [a, ra] = make(lead, DemoClock{10, false});
    Driver da{*a};
    da.Step();
    da.Step();
    CHECK(da.Find("center.waiting") != nullptr);
    CHECK(da.Find("demo.controls") == nullptr);
    a->Apply({UiAction::Kind::ControlDemo, 0});  // even asked directly, nothing is sent
    CHECK(ra->demo.empty());

    auto [b, rb] = make(local, DemoClock{});  // a real source: no simulation
    Driver db{*b};
    db.Step();
    db.Step();
    CHECK(db.Find("center.waiting") != nullptr);
    CHECK(db.Find("demo.controls") == nullptr);
    CHECK(db.Find("speed.10") == nullptr);

    auto [c, rc] = make(local, DemoClock{1, false});  // local mode on a demo server: the local admin may
    Driver dc{*c};
    dc.Step();
    dc.Step();
    CHECK(dc.Find("demo.controls") != nullptr);
}
