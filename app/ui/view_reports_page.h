// The daily, weekly and monthly report pages inside the Reports area (view_reports_page.cpp):
// summary with the change against the previous period, the period per queue and per team, the
// worst intervals, the longest waits and the abandon spikes (selected by core/report/report_views.h).
#pragma once
#include "reports_state.h"
#include "view_context.h"

namespace cb {
void DrawReportPage(const ViewContext& ctx, const ReportsState& s);
}
