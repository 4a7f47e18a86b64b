// A seat on the floor map: the outlier rules (long call, wrap-up, break, lunch, not ready,
// against UiState::thresholds) and drawing one seat into preformatted stack buffers, so the
// floor stays cheap at thousands of agents.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <imgui.h>
#include "i18n.h"
#include "view_context.h"

namespace cb {

enum class SeatFlag : uint8_t { None, LongCall, LongWrap, LongBreak, LongLunch, LongPlanned, LongNotReady, kCount };

struct SeatCheck {
    SeatFlag flag = SeatFlag::None;
    int64_t elapsed_ms = 0;   // how long the flagged call / wrap-up / not-ready has lasted
    int64_t limit_ms = 0;     // the threshold it passed
};

// Judges one agent at `now_ms`. A call is measured from its answer (talk + hold so far);
// wrap-up and not ready from the start of the state. Flags only strictly longer than the limit.
SeatCheck CheckSeat(const AgentLive& agent, int64_t now_ms, const Thresholds& th);
Str FlagLabel(SeatFlag flag);
std::string_view FlagName(SeatFlag flag);   // stable name for reports: "long_call", ...

// The color a flagged seat is outlined with, and the outline width.
ImU32 FlagColor();
inline constexpr float kFlagOutline = 3.0f;

}  // namespace cb
