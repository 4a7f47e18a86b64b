// The dashboard in a browser tab: Emscripten's GLFW on a WebGL2 canvas, the same views as the
// desktop app. Streams from the server that served the page, or runs an offline demo in the
// tab with ?demo=SCENARIO (&speed=N&seed=N). ?lang=zh|en overrides the browser's language.
// ?kiosk=TOKEN: a wallboard screen that signs in with its kiosk token and opens TV mode.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include "platform_web.h"
#include "text_input.h"
#include "ui/dashboard_app.h"
#include "ui/report_json.h"
#include "web_transport.h"

namespace {

struct WebApp {
    GLFWwindow* window = nullptr;
    std::unique_ptr<cb::DashboardApp> app;
    int64_t last_report_ms = 0;
    bool tv_mode = false;
};
WebApp g_web;  // owned by the browser's main loop for the page's lifetime

void Frame() {
    int w = 0, h = 0;
    cb::WebCanvasCssSize(&w, &h);
    int cur_w = 0, cur_h = 0;
    glfwGetWindowSize(g_web.window, &cur_w, &cur_h);
    if (w != cur_w || h != cur_h) glfwSetWindowSize(g_web.window, w, h);

    const int64_t now = cb::WebNowMs();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    g_web.app->Frame(now);
    if (g_web.app->ui().tv_mode != g_web.tv_mode) {  // TV mode fills the screen
        g_web.tv_mode = g_web.app->ui().tv_mode;
        cb::WebSetFullscreen(g_web.tv_mode);
    }
    ImGui::Render();
    cb::WebTextInputSync(ImGui::GetIO().WantTextInput);  // input methods reach the focused field
    int fw, fh;
    glfwGetFramebufferSize(g_web.window, &fw, &fh);
    glViewport(0, 0, fw, fh);
    glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    if (now - g_web.last_report_ms >= 200) {  // what the UI shows, for end-to-end tests
        g_web.last_report_ms = now;
        cb::WebPublishReport(cb::ReportToJson(g_web.app->report(), g_web.app->drawn_ui()));
    }
}

}  // namespace

int main() {
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    int w = 1280, h = 800;
    cb::WebCanvasCssSize(&w, &h);
    g_web.window = glfwCreateWindow(w, h, "Callboard", nullptr, nullptr);
    if (!g_web.window) return 1;
    glfwMakeContextCurrent(g_web.window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    cb::Fonts fonts = cb::LoadFonts(1.0f);
    cb::ApplyTheme();
    ImGui_ImplGlfw_InitForOpenGL(g_web.window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    cb::WebTextInputInit();

    cb::DashboardOptions options;
    // The offline demo's own thresholds (with a server, the server's apply).
    options.settings_json = cb::WebLoadSetting("callboard.thresholds");
    options.save_settings = [](const std::string& json) { cb::WebSaveSetting("callboard.thresholds", json); };
    options.open_url = [](const std::string& url) { cb::WebDownload(url); };
    options.play_alert_sound = [] { cb::WebBeep(); };
    std::string lang = cb::WebQueryParam("lang");
    options.lang = cb::LangFromLocale(lang.empty() ? cb::WebBrowserLanguage() : lang);
    std::string demo = cb::WebQueryParam("demo");
    cb::Scenario scenario;
    if (!demo.empty() && cb::ParseScenario(demo, &scenario)) {
        options.demo.scenario = scenario;
        options.demo.speed = std::atoi(cb::WebQueryParam("speed").c_str());
        if (options.demo.speed < 1) options.demo.speed = 1;
        std::string seed = cb::WebQueryParam("seed");
        options.demo.seed = seed.empty() ? 1 : std::strtoull(seed.c_str(), nullptr, 10);
        options.demo.start_ms = cb::DemoStartFor(cb::WebNowMs(), options.demo.tz_offset_min);
    } else {
        if (!demo.empty()) std::fprintf(stderr, "callboard: unknown demo scenario '%s'; showing the server's data\n", demo.c_str());
        options.transport = std::make_unique<cb::WebTransport>();
        // A wallboard screen's link signs in by itself and opens TV mode.
        options.kiosk_token = cb::WebQueryParam("kiosk");
    }
    g_web.app = std::make_unique<cb::DashboardApp>(std::move(options));
    g_web.app->SetFonts(fonts);
    emscripten_set_main_loop(Frame, 0, true);
    return 0;
}
