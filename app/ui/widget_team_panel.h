// One team on a page (TV mode): its agents by state, as counts and as name chips grouped by
// state, and the team's KPIs today with their definitions on hover.
#pragma once
#include <cstddef>
#include "theme.h"
#include "view_context.h"

namespace cb {

// Draws team `team` (index into directory.teams) filling the remaining content region.
// font_scale enlarges regular text (TV mode). Reports "tv.team.<key>.<figure>".
void DrawTeamPanel(const ViewContext& ctx, const Fonts& fonts, size_t team, float font_scale);

}  // namespace cb
