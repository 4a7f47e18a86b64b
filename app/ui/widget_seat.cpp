// Seat rules and formatting (widget_seat.h).
#include "widget_seat.h"

#include <cstdio>

namespace cb {

SeatCheck CheckSeat(const AgentLive& a, int64_t now_ms, const Thresholds& th) {
    SeatCheck c;
    auto judge = [&](SeatFlag flag, int64_t since_ms, int limit_s) {
        const int64_t elapsed = now_ms - since_ms;
        const int64_t limit = int64_t(limit_s) * 1000;
        if (since_ms > 0 && elapsed > limit) c = {flag, elapsed, limit};
    };
    switch (a.state) {
    case AgentState::OnCall:
    case AgentState::OnHold: judge(SeatFlag::LongCall, a.call_since_ms ? a.call_since_ms : a.state_since_ms, th.call_long_s); break;
    case AgentState::WrapUp: judge(SeatFlag::LongWrap, a.state_since_ms, th.wrap_long_s); break;
    case AgentState::NotReady:
        switch (a.reason) {
        case NotReadyReason::Break: judge(SeatFlag::LongBreak, a.state_since_ms, th.break_long_s); break;
        case NotReadyReason::Lunch: judge(SeatFlag::LongLunch, a.state_since_ms, th.lunch_long_s); break;
        case NotReadyReason::Training:
        case NotReadyReason::Meeting:
        case NotReadyReason::Coaching: judge(SeatFlag::LongPlanned, a.state_since_ms, th.planned_long_s); break;
        default: judge(SeatFlag::LongNotReady, a.state_since_ms, th.not_ready_long_s); break;
        }
        break;
    default: break;
    }
    return c;
}

Str FlagLabel(SeatFlag flag) {
    switch (flag) {
    case SeatFlag::LongCall: return Str::FlagLongCall;
    case SeatFlag::LongWrap: return Str::FlagLongWrap;
    case SeatFlag::LongBreak: return Str::FlagLongBreak;
    case SeatFlag::LongLunch: return Str::FlagLongLunch;
    case SeatFlag::LongPlanned: return Str::FlagLongPlanned;
    case SeatFlag::LongNotReady: return Str::FlagLongNotReady;
    case SeatFlag::None:
    case SeatFlag::kCount: break;
    }
    return Str::KpiNoData;
}

std::string_view FlagName(SeatFlag flag) {
    switch (flag) {
    case SeatFlag::LongCall: return "long_call";
    case SeatFlag::LongWrap: return "long_wrap_up";
    case SeatFlag::LongBreak: return "long_break";
    case SeatFlag::LongLunch: return "long_lunch";
    case SeatFlag::LongPlanned: return "long_planned";
    case SeatFlag::LongNotReady: return "long_not_ready";
    case SeatFlag::None:
    case SeatFlag::kCount: break;
    }
    return "none";
}

// White stands apart from every state color (theme.cpp), red not ready included.
ImU32 FlagColor() { return IM_COL32(255, 255, 255, 255); }

}  // namespace cb
