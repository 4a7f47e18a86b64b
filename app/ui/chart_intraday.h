// Intraday charts of one queue, drawn with ImDrawList: calls per interval (offered, answered,
// abandoned as bars, agents staffed as a line) and service level and ASA per interval as lines
// against the target (dashed). Hovering an interval shows its raw counts.
#pragma once
#include <cstddef>
#include <imgui.h>
#include "view_context.h"

namespace cb {

// Both charts of queue `q` side by side (or stacked when narrow), each `height` tall.
// Reports "intraday.<key>.volume" (offered summed over the intervals), "intraday.<key>.sl"
// (service level of the summed counts) and, while hovered, "intraday.<key>.hover" (the
// interval's start, center time).
void DrawQueueCharts(const ViewContext& ctx, size_t q, float height);

// Index of the interval slot under screen x in a plot spanning [x0, x1] with `slots` slots,
// or -1 outside. Pure (tested).
int SlotAt(float x, float x0, float x1, int slots);

}  // namespace cb
