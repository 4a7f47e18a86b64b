// callboard-desk: the dashboard in a native window (GLFW + OpenGL3). With --server it shows a
// Callboard server's live data (after signing in when the server has accounts); without, it
// runs the demo center in-process.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <string>
#include "client/session_token_file.h"
#include "http_transport.h"
#include "ui/report_json.h"
#include "ui/dashboard_app.h"

namespace {

struct Args {
    std::string server;
    cb::Scenario scenario = cb::Scenario::NormalDay;
    int speed = 1;
    uint64_t seed = 1;
    cb::Lang lang = cb::Lang::En;
    double exit_after_s = 0;   // 0 = run until closed
    std::string report_file;   // write what the UI drew (JSON) before exiting
    bool tv = false;           // start in TV mode (full screen wallboard for a floor TV)
    std::string open;          // a page to start with open: settings, admin, reconcile, forecast,
                               // roster, scorecards, incident, reports, files or qa
    std::string agent;         // start on the floor with this agent's card open (by key)
    int width = 1400, height = 860;
};

void PrintHelp() {
    std::puts(
        "usage: callboard-desk [options]\n"
        "  --server URL        show a Callboard server's live data (e.g. http://127.0.0.1:8080); a\n"
        "                      server with accounts asks to sign in, and the session is kept in\n"
        "                      $XDG_CONFIG_HOME/callboard/token (~/.config/...) until signing out\n"
        "  --demo SCENARIO     run a demo in-process when no --server is given: normal, monday_peak,\n"
        "                      outage, new_hires, lunch_gap (default normal)\n"
        "  --speed N           demo speed, 1-60 (default 1)\n"
        "  --seed N            demo seed (default 1)\n"
        "  --lang en|zh        interface language (default from LANG)\n"
        "  --size WxH          window size (default 1400x860)\n"
        "  --exit-after SEC    close after SEC seconds (smoke tests)\n"
        "  --tv                start in TV mode: the wallboard full screen, cycling through teams\n"
        "  --open PAGE         start with a page open: settings (thresholds), admin, reconcile,\n"
        "                      roster, forecast, scorecards, incident, reports, files, qa or alerts\n"
        "                      (alerts: the alert rules and history)\n"
        "                      (administration: accounts and teams; admins only)\n"
        "  --agent KEY         start on the floor with this agent's card open (with --open\n"
        "                      scorecards: that agent's scorecard, an agent of the first team)\n"
        "  --report FILE       on exit, write what the UI showed as JSON\n"
        "  --help, --version");
}

bool ParseArgs(int argc, char** argv, Args* a) {
    const char* env_lang = std::getenv("LC_ALL");
    if (!env_lang || !*env_lang) env_lang = std::getenv("LANG");
    a->lang = cb::LangFromLocale(env_lang ? env_lang : "");
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&](const char* name) -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "callboard-desk: %s needs a value\n", name);
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") { PrintHelp(); std::exit(0); }
        else if (arg == "--version") { std::printf("callboard-desk %s\n", CALLBOARD_VERSION); std::exit(0); }
        else if (arg == "--server") a->server = value("--server");
        else if (arg == "--demo") {
            const char* v = value("--demo");
            if (!cb::ParseScenario(v, &a->scenario)) {
                std::fprintf(stderr, "callboard-desk: --demo: unknown scenario '%s' (normal, monday_peak, outage, new_hires, lunch_gap)\n", v);
                return false;
            }
        } else if (arg == "--speed") {
            a->speed = std::atoi(value("--speed"));
            if (a->speed < 1 || a->speed > 60) { std::fprintf(stderr, "callboard-desk: --speed: expected 1-60\n"); return false; }
        } else if (arg == "--seed") a->seed = std::strtoull(value("--seed"), nullptr, 10);
        else if (arg == "--lang") {
            std::string v = value("--lang");
            if (v != "en" && v != "zh") { std::fprintf(stderr, "callboard-desk: --lang: expected en or zh\n"); return false; }
            a->lang = v == "zh" ? cb::Lang::Zh : cb::Lang::En;
        } else if (arg == "--size") {
            if (std::sscanf(value("--size"), "%dx%d", &a->width, &a->height) != 2 || a->width < 320 || a->height < 240) {
                std::fprintf(stderr, "callboard-desk: --size: expected WxH, at least 320x240\n");
                return false;
            }
        } else if (arg == "--exit-after") a->exit_after_s = std::atof(value("--exit-after"));
        else if (arg == "--report") a->report_file = value("--report");
        else if (arg == "--tv") a->tv = true;
        else if (arg == "--agent") a->agent = value("--agent");
        else if (arg == "--open") {
            a->open = value("--open");
            if (a->open != "settings" && a->open != "admin" && a->open != "reconcile" && a->open != "forecast" &&
                a->open != "scorecards" && a->open != "incident" && a->open != "reports" &&
                a->open != "files" && a->open != "roster" && a->open != "qa" && a->open != "alerts") {
                std::fprintf(stderr, "callboard-desk: --open: expected settings, admin, reconcile, roster, forecast, scorecards, incident, reports, files, qa or alerts\n");
                return false;
            }
        }
        else {
            std::fprintf(stderr, "callboard-desk: unknown option '%s' (see --help)\n", arg.c_str());
            return false;
        }
    }
    return true;
}

// The offline demo's thresholds live beside the session tokens (with --server the server's apply):
// $XDG_CONFIG_HOME/callboard/settings.json (else ~/.config/callboard/settings.json).
std::string SettingsPath() {
    const std::string token_path = cb::DefaultTokenPath();
    const size_t slash = token_path.rfind('/');
    return slash == std::string::npos ? std::string() : token_path.substr(0, slash) + "/settings.json";
}

// A downloaded report goes to $CALLBOARD_DOWNLOADS, else ~/Downloads (created when missing);
// returns the file's path, "" when it could not be written. The name comes from the server's list
// and is reduced to a plain file name.
std::string SaveDownload(const std::string& name, const std::string& bytes) {
    std::string file;
    for (char c : name) file += (c == '/' || c == '\\' || c == '\0') ? '_' : c;
    if (file.empty() || file[0] == '.') return {};
    const char* env = std::getenv("CALLBOARD_DOWNLOADS");
    const char* home = std::getenv("HOME");
    std::string dir = env && *env ? env : std::string(home && *home ? home : ".") + "/Downloads";
    mkdir(dir.c_str(), 0755);
    const std::string path = dir + "/" + file;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return out.good() ? path : std::string();
}

std::string LoadSettings(const std::string& path) {
    std::ifstream in(path);
    if (!in) return {};
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Writes through a temporary file and a rename, so a crash never leaves half a file.
void SaveSettings(const std::string& path, const std::string& json) {
    if (path.empty()) return;
    const std::string dir = path.substr(0, path.rfind('/'));
    ::mkdir(dir.c_str(), 0700);  // may exist already
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << json << "\n";
        if (!out) {
            std::fprintf(stderr, "callboard-desk: cannot save settings to %s\n", path.c_str());
            return;
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        std::fprintf(stderr, "callboard-desk: cannot save settings to %s\n", path.c_str());
}

// The window's place before it went full screen, to come back to.
struct WindowedPlace {
    int x = 0, y = 0, w = 0, h = 0;
};

void SetFullscreen(GLFWwindow* window, bool on, WindowedPlace* place) {
    if (on) {
        glfwGetWindowPos(window, &place->x, &place->y);
        glfwGetWindowSize(window, &place->w, &place->h);
        GLFWmonitor* monitor = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
        if (mode) glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else if (place->w > 0) {
        glfwSetWindowMonitor(window, nullptr, place->x, place->y, place->w, place->h, 0);
    }
}

int64_t WallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
    Args args;
    if (!ParseArgs(argc, argv, &args)) return 2;

    glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "callboard-desk: GLFW %d: %s\n", code, text); });
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 2);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    GLFWwindow* window = glfwCreateWindow(args.width, args.height, "Callboard", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "callboard-desk: cannot open a window (is a display available?)\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    float xscale = 1.0f, yscale = 1.0f;
    glfwGetWindowContentScale(window, &xscale, &yscale);
    cb::Fonts fonts = cb::LoadFonts(xscale > 0 ? xscale : 1.0f);
    cb::ApplyTheme();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 150");

    cb::DashboardOptions options;
    options.lang = args.lang;
    const std::string settings_path = SettingsPath();
    options.settings_json = LoadSettings(settings_path);
    options.save_settings = [settings_path](const std::string& json) { SaveSettings(settings_path, json); };
    options.save_file = SaveDownload;
    // The alert sound on the desktop: the terminal bell (BEL on stderr; a floor PC's terminal or
    // window rings or flashes it; a journal shows the character).
    options.play_alert_sound = [] {
        std::fputs("\a", stderr);
        std::fflush(stderr);
    };
    if (!args.server.empty()) {
        // Accounts mode: the session token is kept per server in the user's config folder.
        options.transport = std::make_unique<cb::HttpTransport>(args.server, cb::DefaultTokenPath());
        options.desktop_client = true;
    } else {
        options.demo.scenario = args.scenario;
        options.demo.speed = args.speed;
        options.demo.seed = args.seed;
        options.demo.start_ms = cb::DemoStartFor(WallMs(), options.demo.tz_offset_min);
    }
    cb::DashboardApp app(std::move(options));
    app.SetFonts(fonts);
    if (!app.settings_error().empty())
        std::fprintf(stderr, "callboard-desk: %s (%s)\n", app.settings_error().c_str(), settings_path.c_str());

    if (args.tv) app.Apply({cb::UiAction::Kind::SetTvMode, 1});
    bool open_pending = !args.open.empty();
    bool agent_pending = !args.agent.empty();
    bool tv_fullscreen = false;
    WindowedPlace windowed;
    const int64_t started = WallMs();
    int64_t last_input = started;
    while (!glfwWindowShouldClose(window)) {
        // Redraw at up to 60 fps while the user interacts, 10 fps otherwise: clocks tick and
        // data arrives at most a few times a second, so an idle dashboard stays cheap.
        const bool recent_input = WallMs() - last_input < 2000;
        glfwWaitEventsTimeout(recent_input ? 1.0 / 60.0 : 0.1);
        ImGuiIO& io = ImGui::GetIO();
        if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseDown[0] || io.InputQueueCharacters.Size)
            last_input = WallMs();

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        app.Frame(WallMs());
        // --open: once the dashboard shows (signed in, first data), open the page asked for.
        if (open_pending && app.report().items.size() > 0 && app.model().has_data() &&
            (!app.session() || app.session()->MayStream())) {
            open_pending = false;
            app.Apply({args.open == "admin"       ? cb::UiAction::Kind::OpenAdmin
                       : args.open == "reconcile" ? cb::UiAction::Kind::OpenReconcile
                       : args.open == "roster"    ? cb::UiAction::Kind::OpenRoster
                       : args.open == "forecast"  ? cb::UiAction::Kind::OpenWfmForecast
                       : args.open == "scorecards" ? cb::UiAction::Kind::OpenScorecards
                       : args.open == "incident"   ? cb::UiAction::Kind::OpenIncident
                       : args.open == "reports"   ? cb::UiAction::Kind::OpenReports
                       : args.open == "files"     ? cb::UiAction::Kind::OpenReportFiles
                       : args.open == "qa"        ? cb::UiAction::Kind::OpenQa
                       : args.open == "alerts"    ? cb::UiAction::Kind::OpenAlertHistory
                                                  : cb::UiAction::Kind::OpenSettings,
                       1});
        }
        // --agent with --open scorecards: once the team's table is in, that agent's scorecard.
        if (agent_pending && args.open == "scorecards" && !open_pending && app.scorecards().has_table) {
            const std::vector<cb::ReportGroupInfo>& rows = app.scorecards().table.agents;
            agent_pending = false;
            for (size_t i = 0; i < rows.size(); ++i) {
                if (rows[i].key == args.agent)
                    app.Apply({cb::UiAction::Kind::ScorecardCommand,
                               cb::PackScorecardCommand(cb::ScorecardCommandKind::OpenAgent, static_cast<int>(i))});
            }
        }
        // --agent: once the agent is in the data, the floor with its card.
        if (agent_pending && args.open != "scorecards" && app.model().has_data()) {
            const cb::Directory& dir = app.model().snapshot().directory;
            for (size_t i = 0; i < dir.agents.size(); ++i) {
                if (dir.agents[i].key != args.agent) continue;
                agent_pending = false;
                app.Apply({cb::UiAction::Kind::SetTab, static_cast<int>(cb::Tab::Floor)});
                app.Apply({cb::UiAction::Kind::SelectAgent, static_cast<int>(i)});
            }
        }
        if (app.ui().tv_mode != tv_fullscreen) {  // TV mode fills the monitor the window is on
            tv_fullscreen = app.ui().tv_mode;
            SetFullscreen(window, tv_fullscreen, &windowed);
        }
        ImGui::Render();
        int w, h;
        glfwGetFramebufferSize(window, &w, &h);
        glViewport(0, 0, w, h);
        glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window);

        if (args.exit_after_s > 0 && WallMs() - started > int64_t(args.exit_after_s * 1000)) break;
    }
    if (!args.report_file.empty()) {
        std::ofstream out(args.report_file);
        out << cb::ReportToJson(app.report(), app.drawn_ui());
        if (!out) std::fprintf(stderr, "callboard-desk: cannot write %s\n", args.report_file.c_str());
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
