// Browser facts the web platform layer reads through JS.
#pragma once
#include <cstdint>
#include <string>

namespace cb {
int64_t WebNowMs();                          // Date.now()
std::string WebQueryParam(const char* name); // ?name=value of the page URL, "" if absent
std::string WebBrowserLanguage();            // navigator.language
void WebCanvasCssSize(int* width, int* height);
void WebPublishReport(const std::string& json);  // window.__callboard = JSON.parse(json)
}
