// Figures shared by the wallboard, TV mode and the floor: health rules driven by the
// Thresholds in UiState, a big labelled figure, and agent counts by state.
#pragma once
#include <cstdint>
#include <string>
#include "core/kpi.h"
#include "theme.h"
#include "view_context.h"

namespace cb {

// Health of a figure against the thresholds. Unknown when there is nothing to judge
// (a ratio with no denominator).
Health SlHealth(const Ratio& sl, double target, const Thresholds& th);
Health OldestWaitHealth(int64_t oldest_wait_ms, const Thresholds& th);
Health AbandonHealth(const Ratio& abandon_rate, const Thresholds& th);
Health AsaHealth(const Mean& asa, const Thresholds& th);

// "412 of 503" in the active language.
std::string CountsText(const ViewContext& ctx, const Ratio& r);
// "amber above 0:20, red above 1:00" for a pair of second thresholds.
std::string SecondsRuleText(const ViewContext& ctx, int warn_s, int bad_s);

// A label over a figure in the large face, colored by health (Unknown: the text color).
// Reports the group under report_id with the figure as text. A figure wider than max_w (its
// column; 0 = no limit) is drawn smaller to fit, never over the next column.
void BigFigure(const ViewContext& ctx, const Fonts& fonts, const char* label, const char* value, Health h,
               const char* report_id, float max_w = 0);

// "■ Available 3  ■ On call 5  ■ Wrap-up 1  ■ Not ready 2" with state swatches.
void AgentCounts(const ViewContext& ctx, int available, int on_call, int wrap, int not_ready);

}  // namespace cb
