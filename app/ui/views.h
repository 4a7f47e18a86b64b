// The views. Each draws from the ViewContext and pushes the user's intents into ctx.actions.
#pragma once
#include "theme.h"
#include "view_context.h"

namespace cb {

// The whole dashboard for one frame: header (freshness, language, tabs) and the active tab,
// filling the main viewport.
void DrawDashboard(const ViewContext& ctx, const Fonts& fonts);

void DrawHeader(const ViewContext& ctx, const Fonts& fonts);
void DrawWallboard(const ViewContext& ctx, const Fonts& fonts);
void DrawFloor(const ViewContext& ctx, const Fonts& fonts);
void DrawIntraday(const ViewContext& ctx, const Fonts& fonts);

// Helpers shared by views (view_common.cpp).
// Adds a report item for the last drawn ImGui item.
void ReportLastItem(const ViewContext& ctx, const std::string& id, const std::string& text);
// Shows a KPI's definition and the counts behind it as a tooltip when the last item is hovered.
void KpiTooltip(const ViewContext& ctx, const char* title, const char* definition, const std::string& counts);
const char* Name(const ViewContext& ctx, const QueueInfo& q);
const char* Name(const ViewContext& ctx, const TeamInfo& t);
const char* Name(const ViewContext& ctx, const AgentInfo& a);

}  // namespace cb
