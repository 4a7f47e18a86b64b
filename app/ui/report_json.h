// What the UI drew, as JSON, for tests: window.__callboard in the browser, --report in the
// desktop app. {"language":"zh","tab":"wallboard","items":[{"id","text","x","y","w","h"}...]}
#pragma once
#include <string>
#include "view_context.h"

namespace cb {
std::string ReportToJson(const UiReport& report, const UiState& ui);
}
