// Theme and fonts (theme.h).
#include "theme.h"

#include <set>
#include <string>
#include <vector>
#include "font_data.h"
#include "i18n.h"

namespace cb {
namespace {

// Codepoints of a UTF-8 string (invalid bytes skipped).
void CollectCodepoints(const char* s, std::set<unsigned>* out) {
    const auto* p = reinterpret_cast<const unsigned char*>(s);
    while (*p) {
        unsigned c = *p, n = 0;
        if (c < 0x80) n = 0;
        else if ((c & 0xE0) == 0xC0) { c &= 0x1F; n = 1; }
        else if ((c & 0xF0) == 0xE0) { c &= 0x0F; n = 2; }
        else { ++p; continue; }
        ++p;
        for (unsigned i = 0; i < n && (*p & 0xC0) == 0x80; ++i, ++p) c = (c << 6) | (*p & 0x3F);
        out->insert(c);
    }
}

}  // namespace

Fonts LoadFonts(float ui_scale) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the data is a compiled-in constant
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    Fonts fonts;
    void* data = const_cast<unsigned char*>(kUiFontData);
    const int size = static_cast<int>(kUiFontSize);
    fonts.regular = io.Fonts->AddFontFromMemoryTTF(data, size, 16.0f * ui_scale, &cfg,
                                                   reinterpret_cast<const ImWchar*>(kUiFontGlyphRanges));

    // The large face only needs what tiles show in large type: Latin, digits and UI strings.
    static std::vector<ImWchar> large_ranges;  // must outlive the atlas build
    std::set<unsigned> cps;
    for (unsigned c = 0x20; c < 0x7F; ++c) cps.insert(c);
    for (Lang lang : {Lang::En, Lang::Zh}) {
        I18n tr{lang};
        for (int i = 0; i < static_cast<int>(Str::kCount); ++i) CollectCodepoints(tr(static_cast<Str>(i)), &cps);
    }
    large_ranges.clear();
    for (unsigned c : cps) {
        if (c > 0xFFFF) continue;
        if (!large_ranges.empty() && large_ranges.back() + 1 == c) large_ranges.back() = static_cast<ImWchar>(c);
        else { large_ranges.push_back(static_cast<ImWchar>(c)); large_ranges.push_back(static_cast<ImWchar>(c)); }
    }
    large_ranges.push_back(0);
    fonts.large = io.Fonts->AddFontFromMemoryTTF(data, size, 34.0f * ui_scale, &cfg, large_ranges.data());
    // The huge face (TV mode) only draws figures: digits, %, -, ., :, ¥, and durations in words in
    // both languages ("5 min 8 s", "5 分 8 秒", format.h).
    static std::vector<ImWchar> huge_ranges;
    std::set<unsigned> figure_cps = {0x20, 0x25, 0xA5};
    for (unsigned c = 0x2D; c <= 0x3A; ++c) figure_cps.insert(c);
    for (Lang lang : {Lang::En, Lang::Zh}) {
        I18n tr{lang};
        for (Str id : {Str::DurSecondsFmt, Str::DurMinutesSecondsFmt, Str::DurMinutesFmt, Str::DurHoursMinutesFmt, Str::DurHoursFmt})
            CollectCodepoints(tr(id), &figure_cps);
    }
    huge_ranges.clear();
    for (unsigned c : figure_cps) {
        if (c > 0xFFFF) continue;
        if (!huge_ranges.empty() && huge_ranges.back() + 1 == c) huge_ranges.back() = static_cast<ImWchar>(c);
        else { huge_ranges.push_back(static_cast<ImWchar>(c)); huge_ranges.push_back(static_cast<ImWchar>(c)); }
    }
    huge_ranges.push_back(0);
    fonts.huge = io.Fonts->AddFontFromMemoryTTF(data, size, 72.0f * ui_scale, &cfg, huge_ranges.data());
    io.FontDefault = fonts.regular;
    return fonts;
}

ImFont* FigureFont(const Fonts& fonts, bool tv_mode) {
    return (tv_mode && fonts.huge) ? fonts.huge : fonts.large;
}

void ApplyTheme() {
    ImGui::StyleColorsDark();
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowRounding = 0.0f;
    s.FrameRounding = 4.0f;
    s.ChildRounding = 6.0f;
    s.TabRounding = 4.0f;
    s.ItemSpacing = ImVec2(8, 6);
    s.WindowPadding = ImVec2(10, 8);
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.10f, 0.12f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.13f, 0.14f, 0.17f, 1.0f);
    c[ImGuiCol_Tab] = ImVec4(0.16f, 0.20f, 0.26f, 1.0f);
    c[ImGuiCol_TabActive] = ImVec4(0.20f, 0.38f, 0.60f, 1.0f);
    c[ImGuiCol_TabHovered] = ImVec4(0.26f, 0.46f, 0.70f, 1.0f);
}

ImU32 StateColor(AgentState s) {
    switch (s) {
    case AgentState::Available: return IM_COL32(46, 160, 67, 255);
    case AgentState::Ringing: return IM_COL32(120, 200, 240, 255);
    case AgentState::OnCall: return IM_COL32(56, 120, 220, 255);
    case AgentState::OnHold: return IM_COL32(150, 90, 210, 255);
    case AgentState::WrapUp: return IM_COL32(220, 170, 40, 255);
    case AgentState::NotReady: return IM_COL32(200, 70, 60, 255);
    case AgentState::LoggedOut:
    case AgentState::kCount: break;
    }
    return IM_COL32(70, 74, 82, 255);
}

ImU32 HealthColor(Health h) {
    switch (h) {
    case Health::Good: return IM_COL32(46, 160, 67, 255);
    case Health::Warning: return IM_COL32(225, 170, 40, 255);
    case Health::Bad: return IM_COL32(215, 60, 55, 255);
    case Health::Unknown: break;
    }
    return IM_COL32(110, 115, 125, 255);
}

}  // namespace cb
