// The gallery of fixed snapshots every view is tested against (empty, normal, overloaded,
// disconnected, big), and a headless Dear ImGui harness: no backend, a real font atlas, the
// real DrawDashboard, scripted mouse and keys.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "ui/view_context.h"
#include "ui/theme.h"

namespace cb::test {

inline constexpr int64_t kNow = 1767578400000;        // 2026-01-05 10:00:00 center time (UTC+8)
inline constexpr int64_t kDayStart = 1767542400000;   // 2026-01-05 00:00 center time
inline constexpr int64_t kWall = 1700000000000;       // an arbitrary wall clock
inline constexpr int64_t kSec = 1000, kMin = 60000;

// Two queues, two teams of 6 and 4 seats; every figure hand-computed in test_views.cpp.
Snapshot NormalSnapshot();
// Normal, with a long queue: inquiries 25 waiting for 3:00, SL 50 %.
Snapshot OverloadedSnapshot();
// A synthetic center of `agents` agents in teams of 40 (8 x 5 seats), deterministic.
Snapshot BigSnapshot(int agents);

struct Frame {
    UiReport report;
    std::vector<UiAction> actions;
    const ReportItem* Find(const std::string& id) const;   // first item with that id, or null
    std::string Text(const std::string& id) const;         // its text, or "<missing id>"
    int Count(const std::string& prefix) const;            // items whose id starts with prefix
};

// Input for one frame: mouse position and button, Escape key.
struct Input {
    float mouse_x = -1, mouse_y = -1;
    bool mouse_down = false;
    bool escape = false;
};

class Harness {
public:
    static Harness& Get();    // one ImGui context and font atlas for the whole test run
    // Draws one dashboard frame of `snapshot` with `ui`; freshness Live unless given.
    Frame Run(const Snapshot& snapshot, const UiState& ui, Input input = {}, int64_t wall_ms = kWall,
              Freshness freshness = {LinkState::Live, 500, 0});
    // Clicks the center of item `id` as found in a first frame: hover, press, release. Returns
    // the actions of the press and release frames.
    std::vector<UiAction> Click(const Snapshot& snapshot, const UiState& ui, const std::string& id);
    const Fonts& fonts() const { return m_fonts; }

private:
    Harness();
    Fonts m_fonts;
};

}  // namespace cb::test
