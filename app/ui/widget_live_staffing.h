// Live staffing, the break what-if and live adherence as the floor, the agent card, the
// wallboard and TV mode show them (docs/wfm.md "Live staffing and the break what-if", "Live
// adherence"). The figures come from the snapshot (core/wfm/live.h fills them in the engine);
// the what-if of one agent is core/wfm/live.h's WhatIfBreak. Every figure explains its
// definition and inputs on hover.
#pragma once
#include <cstdint>
#include <string>
#include "core/wfm/live.h"
#include "theme.h"
#include "view_context.h"

namespace cb {

// A predicted service level: "87.3%", or "grows" when the queue is not stable.
std::string OutlookText(const ViewContext& ctx, const wfm::SlOutlook& o);
// Its color against the queue's target (the service level's rule): unstable is bad.
Health OutlookHealth(const ViewContext& ctx, const wfm::SlOutlook& o, double target);
// "on queue", "break", ...
const char* ActivityLabel(const ViewContext& ctx, wfm::Activity a);

// The definition and the inputs of queue qi's live staffing as a tooltip, when the last item is
// hovered.
void LiveStaffingTooltip(const ViewContext& ctx, size_t qi);

// Two or three lines for the queue's wallboard tile: needed now vs on queue; predicted SL now,
// next 15 and 30 minutes; one more break now. Reports under "<prefix>.needed", ".on_queue",
// ".sl_now", ".sl_next15", ".sl_next30", ".break_now" (or ".live" with why there are no figures).
void LiveStaffingLines(const ViewContext& ctx, size_t qi, const std::string& prefix);
// How many lines LiveStaffingLines draws (for the tile's height): in TV mode one (needed vs on
// queue, the next 15 and 30 minutes' SL; no sl_now or break_now), else three.
int LiveStaffingLineCount(bool tv);

// The floor's table: a row per queue (needed, on queue, SL now, next 15, next 30). Reports
// "staffing.<queue>.<column>".
void LiveStaffingTable(const ViewContext& ctx);

// The agent card's adherence line (nothing when no schedule is set). Reports "card.adherence".
void AgentAdherence(const ViewContext& ctx, uint32_t agent);
// The agent card's break what-if. Reports "card.whatif.<queue>" ("X → Y") or "card.whatif".
void BreakWhatIfSection(const ViewContext& ctx, uint32_t agent);

// The seat's adherence marker color; 0 when no marker (in adherence, not scheduled, or a
// deviation still under the exception threshold).
ImU32 AdherenceMarkerColor(const wfm::LiveAdherence& a);
// The impact's color (amber negative, blue positive, grey neutral), whether severe or not.
ImU32 AdherenceImpactColor(const wfm::LiveAdherence& a);
// The seat's strip along [x0, x1] ending at y (bottom edge): dark backing, the impact's color,
// a red right end when severe. Nothing when AdherenceMarkerColor gives 0.
void DrawAdherenceStrip(ImDrawList* dl, const wfm::LiveAdherence& a, float x0, float x1, float y);
// One line for a tooltip: "Out of adherence · negative impact · severe · for 12:03".
std::string AdherenceText(const ViewContext& ctx, const wfm::LiveAdherence& a);

// The floor's list of agents out of adherence (counted), most severe and longest first;
// clicking one opens its card. Nothing when no schedule is set. Reports "floor.adherence" and
// "adh.<agent>".
void AdherenceList(const ViewContext& ctx);

}  // namespace cb
