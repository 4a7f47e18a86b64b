// ReportToJson (report_json.h).
#include "report_json.h"

#include <nlohmann/json.hpp>

namespace cb {

std::string ReportToJson(const UiReport& report, const UiState& ui) {
    static constexpr const char* kTabs[] = {"wallboard", "floor", "intraday"};
    nlohmann::json items = nlohmann::json::array();
    for (const ReportItem& it : report.items)
        items.push_back({{"id", it.id}, {"text", it.text}, {"x", it.x}, {"y", it.y}, {"w", it.w}, {"h", it.h}});
    nlohmann::json root{{"language", LangCode(ui.lang)}, {"tab", kTabs[int(ui.tab) % 3]}, {"tv_mode", ui.tv_mode},
                        {"selected_agent", ui.selected_agent == kNoAgent ? nlohmann::json(nullptr) : nlohmann::json(ui.selected_agent)},
                        {"speed", ui.speed}, {"items", items}};
    return root.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace cb
