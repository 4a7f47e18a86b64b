// A whole DashboardApp driven headless for the thresholds and administration tests: a
// transport that records every request (the alerts' periodic poll apart) (the test plays the server's answers into its inbox),
// frames with scripted mouse and keys (Tab, Enter, arrows, typed text), and reading the report.
#pragma once
#include <doctest/doctest.h>
#include <imgui.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>
#include "client/transport.h"
#include "gallery.h"
#include "ui/dashboard_app.h"

namespace cb::test {

struct RecordingTransport final : Transport {
    struct Log {
        int starts = 0, stops = 0, fetches = 0;
        std::vector<std::string> logins;
        std::vector<ApiRequest> sent;         // every request but the alerts' poll
        std::vector<ApiRequest> alert_polls;  // GET api/alerts, asked every 2 s while signed in
        std::vector<std::pair<std::string, std::string>> demo_commands;  // (body, csrf)
        std::vector<TransportMessage> inbox;
    };
    explicit RecordingTransport(std::shared_ptr<Log> log) : m_log(std::move(log)) {}
    void Start() override { ++m_log->starts; }
    void Drain(std::vector<TransportMessage>* inbox) override {
        for (auto& m : m_log->inbox) inbox->push_back(std::move(m));
        m_log->inbox.clear();
    }
    void Resync() override {}
    void StopStream() override { ++m_log->stops; }
    void FetchSession() override { ++m_log->fetches; }
    void Login(std::string body) override { m_log->logins.push_back(std::move(body)); }
    void Logout(std::string) override {}
    void DemoControl(std::string body, std::string csrf) override { m_log->demo_commands.emplace_back(std::move(body), std::move(csrf)); }
    void Send(ApiRequest request) override {
        if (request.method == "GET" && request.path == "api/alerts") return m_log->alert_polls.push_back(std::move(request));
        m_log->sent.push_back(std::move(request));
    }
    std::shared_ptr<Log> m_log;
};

struct Keys {
    float mouse_x = -1, mouse_y = -1;
    bool mouse_down = false;
    bool enter = false, tab = false, up = false, down = false;
    bool select_all = false;      // Ctrl+A
    const char* type = nullptr;   // characters typed this frame
};

inline constexpr int kKeyEnter = 257, kKeyTab = 258, kKeyUp = 259, kKeyDown = 260, kKeyA = 261;

inline void BeginInput(const Keys& k) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Enter] = kKeyEnter;
    io.KeyMap[ImGuiKey_Tab] = kKeyTab;
    io.KeyMap[ImGuiKey_UpArrow] = kKeyUp;
    io.KeyMap[ImGuiKey_DownArrow] = kKeyDown;
    io.KeyMap[ImGuiKey_A] = kKeyA;
    io.DeltaTime = 1.0f / 60.0f;
    io.MousePos = ImVec2(k.mouse_x, k.mouse_y);
    io.MouseDown[0] = k.mouse_down;
    io.KeysDown[kKeyEnter] = k.enter;
    io.KeysDown[kKeyTab] = k.tab;
    io.KeysDown[kKeyUp] = k.up;
    io.KeysDown[kKeyDown] = k.down;
    io.KeysDown[kKeyA] = k.select_all;
    io.KeyCtrl = k.select_all;
    if (k.type) io.AddInputCharactersUTF8(k.type);
}

struct AppView {
    const UiReport* report;
    const ReportItem* Find(const std::string& id) const {
        for (const ReportItem& it : report->items)
            if (it.id == id) return &it;
        return nullptr;
    }
    std::string Text(const std::string& id) const {
        const ReportItem* it = Find(id);
        return it ? it->text : "<missing " + id + ">";
    }
};

inline AppView Step(DashboardApp& app, const Keys& keys = {}) {
    BeginInput(keys);
    ImGui::NewFrame();
    app.Frame(kWall);
    ImGui::Render();
    return AppView{&app.report()};
}

// Clicks the item's center: hover, press, release, move away.
inline void ClickItem(DashboardApp& app, const std::string& id) {
    AppView f = Step(app);
    const ReportItem* it = f.Find(id);
    REQUIRE_MESSAGE(it != nullptr, "no item " << id);
    Keys k;
    k.mouse_x = it->x + it->w / 2;
    k.mouse_y = it->y + it->h / 2;
    Step(app, k);
    k.mouse_down = true;
    Step(app, k);
    k.mouse_down = false;
    Step(app, k);
    Step(app);
}

inline void Type(DashboardApp& app, const char* text) {
    Keys k;
    k.type = text;
    Step(app, k);
    Step(app);
}

// Presses and releases one key (enter, tab, up or down).
inline void Press(DashboardApp& app, bool Keys::*key) {
    Keys k;
    k.*key = true;
    Step(app, k);
    Step(app);
}

// Replaces what a text field holds, as a user would: click into it, Ctrl+A, type.
inline void Fill(DashboardApp& app, const std::string& id, const char* text) {
    ClickItem(app, id);
    Press(app, &Keys::select_all);
    Type(app, text);
}

inline TransportMessage ApiAnswer(int tag, int status, std::string body) {
    TransportMessage m{TransportMessage::Kind::Api, std::move(body), kWall, status, 0};
    m.tag = tag;
    return m;
}

}  // namespace cb::test
