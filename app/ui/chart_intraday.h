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
// (service level of the summed counts), each chart's axes ("<chart>.left", ".right": tick
// labels; ".left_unit", ".right_unit": captions) and, while hovered, "intraday.<key>.hover" (the
// interval's start, center time).
void DrawQueueCharts(const ViewContext& ctx, size_t q, float height);

// A value axis: ticks at 0, step, 2 x step, ... up to divisions x step.
struct Axis {
    double step = 1;
    int divisions = 1;
    double top() const { return step * divisions; }
};
// Ticks for values up to max: the smallest step of 1, 2 or 5 x 10^k (at least 1) that needs
// at most 6 divisions, at least 2. Pure (tested).
Axis NiceAxis(double max);
// A second axis on the same gridlines: `divisions` divisions of the smallest such step reaching max.
Axis NiceAxisWith(double max, int divisions);

// Index of the interval slot under screen x in a plot spanning [x0, x1] with `slots` slots,
// or -1 outside. Pure (tested).
int SlotAt(float x, float x0, float x1, int slots);

}  // namespace cb
