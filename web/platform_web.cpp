// Browser facts through EM_JS (platform_web.h).
#include "platform_web.h"

#include <emscripten.h>
#include <cstdlib>

EM_JS(double, cb_js_now, (), { return Date.now(); });
EM_JS(char*, cb_js_query, (const char* name), {
    var v = new URLSearchParams(window.location.search).get(UTF8ToString(name)) || "";
    var len = lengthBytesUTF8(v) + 1;
    var p = _malloc(len);
    stringToUTF8(v, p, len);
    return p;
});
EM_JS(char*, cb_js_language, (), {
    var v = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
    var len = lengthBytesUTF8(v) + 1;
    var p = _malloc(len);
    stringToUTF8(v, p, len);
    return p;
});
EM_JS(int, cb_js_canvas_w, (), { return Math.max(1, Math.floor(Module.canvas.getBoundingClientRect().width)); });
EM_JS(int, cb_js_canvas_h, (), { return Math.max(1, Math.floor(Module.canvas.getBoundingClientRect().height)); });
EM_JS(char*, cb_js_load_setting, (const char* key), {
    var v = "";
    try { v = window.localStorage.getItem(UTF8ToString(key)) || ""; } catch (e) { v = ""; }
    var len = lengthBytesUTF8(v) + 1;
    var p = _malloc(len);
    stringToUTF8(v, p, len);
    return p;
});
EM_JS(void, cb_js_save_setting, (const char* key, const char* value), {
    try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) { console.warn("settings not saved: " + e); }
});
EM_JS(void, cb_js_fullscreen, (int on), {
    var d = document;
    try {
        if (on && !d.fullscreenElement && d.documentElement.requestFullscreen) {
            d.documentElement.requestFullscreen().catch(function (e) { console.warn("full screen refused: " + e); });
        } else if (!on && d.fullscreenElement && d.exitFullscreen) {
            d.exitFullscreen().catch(function () {});
        }
    } catch (e) { console.warn("full screen unavailable: " + e); }
});
EM_JS(void, cb_js_download, (const char* path), {
    var a = document.createElement("a");
    var p = UTF8ToString(path);
    while (p.charAt(0) == "/") p = p.substring(1);
    a.href = p;
    a.download = "";
    document.body.appendChild(a);
    a.click();
    a.remove();
});
// The alert sound: two short beeps from WebAudio (no file to fetch). Browsers start audio only
// after the user has interacted with the page; before that it stays silent and counts the beep
// in window.__callboardBeeps all the same (so tests can see that it was asked for).
EM_JS(void, cb_js_beep, (), {
    window.__callboardBeeps = (window.__callboardBeeps || 0) + 1;
    try {
        var Ctx = window.AudioContext || window.webkitAudioContext;
        if (!Ctx) return;
        if (!window.__callboardAudio) window.__callboardAudio = new Ctx();
        var ac = window.__callboardAudio;
        [0, 0.25].forEach(function(at) {
            var o = ac.createOscillator();
            var g = ac.createGain();
            o.frequency.value = 880;
            g.gain.value = 0.15;
            o.connect(g);
            g.connect(ac.destination);
            o.start(ac.currentTime + at);
            o.stop(ac.currentTime + at + 0.15);
        });
    } catch (e) { console.warn("alert sound unavailable: " + e); }
});
EM_JS(void, cb_js_publish, (const char* json), { window.__callboard = JSON.parse(UTF8ToString(json)); });

namespace cb {

int64_t WebNowMs() { return static_cast<int64_t>(cb_js_now()); }

static std::string TakeJsString(char* p) {
    std::string s = p ? p : "";
    std::free(p);
    return s;
}

std::string WebQueryParam(const char* name) { return TakeJsString(cb_js_query(name)); }
std::string WebBrowserLanguage() { return TakeJsString(cb_js_language()); }
void WebCanvasCssSize(int* width, int* height) {
    *width = cb_js_canvas_w();
    *height = cb_js_canvas_h();
}
void WebPublishReport(const std::string& json) { cb_js_publish(json.c_str()); }
void WebSetFullscreen(bool on) { cb_js_fullscreen(on ? 1 : 0); }
std::string WebLoadSetting(const char* key) { return TakeJsString(cb_js_load_setting(key)); }
void WebSaveSetting(const char* key, const std::string& value) { cb_js_save_setting(key, value.c_str()); }

void WebDownload(const std::string& path) { cb_js_download(path.c_str()); }

void WebBeep() { cb_js_beep(); }

}  // namespace cb
