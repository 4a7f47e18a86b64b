// Browser facts the web platform layer reads through JS.
#pragma once
#include <cstdint>
#include <string>

namespace cb {
int64_t WebNowMs();                          // Date.now()
std::string WebQueryParam(const char* name); // ?name=value of the page URL, "" if absent
std::string WebBrowserLanguage();            // navigator.language
void WebCanvasCssSize(int* width, int* height);
void WebPublishReport(const std::string& json);
// Full screen for TV mode (the browser allows it shortly after the user's click).
void WebSetFullscreen(bool on);
std::string WebLoadSetting(const char* key);                         // localStorage, "" if absent
void WebSaveSetting(const char* key, const std::string& value);  // window.__callboard = JSON.parse(json)
// Lets the browser download a file of the server (a path like "/api/reports/files/3"; the
// session's cookie goes with it).
void WebDownload(const std::string& path);
// The alert sound: a short double beep through WebAudio (docs/alerts.md).
void WebBeep();
}
