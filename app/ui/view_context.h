// What every view receives: the snapshot to draw, the clocks, the language, the shared UI
// state (read-only for views), and where to put the user's intents and what was drawn.
// Views read nothing else: no network, no SQL, no clock, no hidden static state.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "client/live_model.h"
#include "core/snapshot.h"
#include "i18n.h"

namespace cb {

enum class Tab : uint8_t { Wallboard, Floor, Intraday, kCount };

// UI state shared across views, changed only by the controller in response to actions.
struct UiState {
    Lang lang = Lang::En;
    Tab tab = Tab::Wallboard;
    bool tv_mode = false;
    int tv_team = -1;                 // TV mode: -1 = whole center, else the team shown
    uint32_t selected_agent = kNoAgent;  // agent card open for this agent
    int speed = 1;                    // demo speed (local demo or the server's)
    bool speed_adjustable = false;    // only an in-process demo can change speed
};

// A user's intent, returned by views and carried out by the controller.
struct UiAction {
    enum class Kind { SetLanguage, SetTab, SetTvMode, SelectAgent, SetSpeed };
    Kind kind;
    int value = 0;
};

// What the UI drew this frame, published for tests (window.__callboard in the browser, a JSON
// file from the desktop app): stable ids, the text shown and the screen rectangle.
struct ReportItem {
    std::string id;
    std::string text;
    float x = 0, y = 0, w = 0, h = 0;
};
struct UiReport {
    std::vector<ReportItem> items;
    void Add(std::string id, std::string text, float x, float y, float w, float h) {
        items.push_back({std::move(id), std::move(text), x, y, w, h});
    }
};

struct ViewContext {
    const Snapshot& snapshot;
    int64_t center_now_ms = 0;        // the center's clock, extrapolated between messages
    int64_t wall_now_ms = 0;          // for freshness only
    Freshness freshness;
    I18n tr;
    const UiState& ui;
    std::vector<UiAction>* actions = nullptr;
    UiReport* report = nullptr;       // may be null
};

}  // namespace cb
