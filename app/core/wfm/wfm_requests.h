// Break requests and historical adherence as stored and served (docs/api.md, "Breaks" and
// "Adherence"): the plain data, its JSON (one owner for the server and the dashboard), and the
// allowance rule. The what-if a lead sees when deciding (live.h's WhatIfBreak) is kept with the
// decision, so the request shows what approving it was expected to cost at the time.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "core/wfm/adherence.h"

namespace cb::wfm {

// The predicted service level of one queue during the break, declined and approved.
struct BreakImpactQueue {
    std::string queue;
    bool known = false;           // the queue's load was known (else no figures)
    double erlangs = 0;
    bool stable_without = false, stable_with = false;  // N > A throughout (else no SL: the queue grows)
    double sl_without = 0, sl_with = 0;                // 0..1
    bool operator==(const BreakImpactQueue&) const = default;
};
struct BreakImpact {
    bool computed = false;        // a live snapshot was there to compute it
    int64_t at_ms = 0;            // when it was computed
    std::string problem;          // WhatIfProblemName when it could not be (e.g. "bad_start")
    std::vector<BreakImpactQueue> queues;
    bool operator==(const BreakImpact&) const = default;
};

struct BreakRequest {
    int64_t id = 0;
    std::string agent, team;
    int64_t start_ms = 0;
    int minutes = 15;
    std::string kind = "break";   // "break" or "lunch"
    std::string status = "requested";  // "requested", "approved", "declined"
    std::string note;             // the agent's reason, short
    std::string requested_by, decided_by;
    int64_t requested_ms = 0, decided_ms = 0;
    BreakImpact impact;           // at request time, then at decision time
    bool operator==(const BreakRequest&) const = default;
};

// An agent's allowance of requested break time per local day, and what is used of it.
struct BreakAllowance {
    std::string agent;
    int minutes_per_day = 30;
    int used_minutes = 0;         // approved requests starting that day
    bool operator==(const BreakAllowance&) const = default;
};
// "" when approving `minutes` more keeps within the allowance, else why not.
std::string AllowanceProblem(const BreakAllowance& a, int minutes);

// Checks a request's fields: kind, 1-240 minutes. "" or "field: why".
std::string ValidateBreakRequest(const BreakRequest& r);

std::string BreakRequestsToJson(const std::vector<BreakRequest>& list, const std::vector<BreakAllowance>& allowances);
bool BreakRequestsFromJson(std::string_view text, std::vector<BreakRequest>* list, std::vector<BreakAllowance>* allowances,
                           std::string* error);
std::string BreakImpactToJson(const BreakImpact& impact);
bool BreakImpactFromJson(std::string_view text, BreakImpact* impact);

// One agent's day: the schedule (published roster, its breaks, approved requests), the state
// spells, and adherence (adherence.h) with the thresholds used.
struct AgentDayAdherence {
    std::string agent;
    std::string shift;            // the shift's name, "" when off
    std::vector<Planned> planned;
    std::vector<Spell> spells;
    AdherenceResult result;
};
struct AdherenceDay {
    std::string team, date;
    int64_t day_start_ms = 0, day_end_ms = 0;   // the local day in UTC ms
    int64_t roster_id = 0;        // the published roster used; 0 = none
    AdherenceOptions options;
    std::vector<AgentDayAdherence> agents;
};
std::string AdherenceDayToJson(const AdherenceDay& day);
bool AdherenceDayFromJson(std::string_view text, AdherenceDay* day, std::string* error);

// Adherence over several days summed: 1 - sum exceptions / sum scheduled (not a mean of days),
// conformance likewise. valid when anything was scheduled.
struct AdherenceFigure {
    int64_t scheduled_ms = 0, exception_ms = 0, scheduled_on_queue_ms = 0, actual_on_queue_ms = 0;
    int days = 0;                 // days with something scheduled
    double adherence = 0, conformance = 0;
    bool valid = false;
};
void AddDay(AdherenceFigure* f, const AdherenceResult& day);
// Two ranges' figures together (their minutes summed, the percentages recomputed from the sums).
void AddFigure(AdherenceFigure* f, const AdherenceFigure& other);

}  // namespace cb::wfm
