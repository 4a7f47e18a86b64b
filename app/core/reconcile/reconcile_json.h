// Reconciliation <-> JSON: the body of GET /api/reconcile and of `callboard reconcile --json`
// (docs/api.md, "Reconciliation"), read back by the dashboard. Decoding never throws (the web
// build has no exceptions) and says what was wrong.
#pragma once
#include <string>
#include <string_view>
#include <vector>
#include "reconcile.h"

namespace cb {

// What the report was asked for, echoed in the answer.
struct ReconRequest {
    std::string from, to;              // local dates, YYYY-MM-DD, inclusive
    std::string time_zone;             // the zone the dates are in ("Asia/Shanghai", "UTC+08:00")
    std::vector<std::string> queues;   // queue keys; empty = every queue
    bool operator==(const ReconRequest&) const = default;
};

std::string ReconReportToJson(const ReconRequest& request, const ReconReport& report);
bool ReconReportFromJson(std::string_view json, ReconRequest* request, ReconReport* report, std::string* error);

}  // namespace cb
