// Look and feel: the style, state colors and the fonts (regular and a large face for tiles and
// TV mode). LoadFonts must run before the renderer builds the font atlas.
#pragma once
#include <imgui.h>
#include "core/snapshot.h"

namespace cb {

struct Fonts {
    ImFont* regular = nullptr;   // 16 px, every glyph of the subset (Chinese names render)
    ImFont* large = nullptr;     // 34 px, digits, Latin and the UI strings' characters
    ImFont* huge = nullptr;      // 72 px, figures only (digits, % : . - s): TV mode, read across a room
};

// The face for big figures: huge in TV mode, large otherwise.
ImFont* FigureFont(const Fonts& fonts, bool tv_mode);

// Adds the fonts to io.Fonts. ui_scale multiplies sizes (high-DPI screens).
Fonts LoadFonts(float ui_scale);
void ApplyTheme();

ImU32 StateColor(AgentState s);
enum class Health { Good, Warning, Bad, Unknown };
ImU32 HealthColor(Health h);

}  // namespace cb
