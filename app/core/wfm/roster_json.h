// Rosters <-> JSON (docs/wfm.md, "The roster problem file"): the problem file `callboard roster
// FILE` reads, the problem kept with every stored roster, and the roster documents of the HTTP
// API (docs/api.md, "Rosters") that the dashboard reads back. One format, one owner. Reading never
// throws (the web build has no exceptions) and a mistake is named by where it is: "line 4, column
// 12: ..." for JSON syntax, "agents[3].min_hours_week: ..." or "fixed[1].agent: 'zz' is not one of
// the agents" for content.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "roster.h"
#include "roster_breaks.h"

namespace cb::wfm {

bool RosterProblemFromJson(std::string_view text, RosterProblem* out, std::string* error);
std::string RosterProblemToJson(const RosterProblem& p);

// "HH:MM" (00:00-48:00) to minutes; false when it is not one.
bool ParseClock(std::string_view text, int* minutes);

// How a roster was solved.
struct RosterSolveInfo {
    std::string status;        // MipStatusName: "optimal", "feasible", ... ; "hand" for a roster never solved
    double objective = 0;      // the program's objective of the roster as solved
    double best_bound = 0;     // a proven lower bound on the optimum
    double gap = 0;            // (objective - bound) / max(1, |objective|); -1: no bound was proven in time
    double seconds = 0;
    int parts = 1;             // solved whole (1) or week by week (weeks)
    bool operator==(const RosterSolveInfo&) const = default;
};

// A roster as stored and served: the problem it was made for (its requirement, contracts and
// shift templates at the time), who works what, the placed breaks, how it was solved, and its
// place in the team's history.
struct RosterDoc {
    int64_t id = 0;
    std::string team;
    int version = 0;              // per team and start date: 1, 2, ...
    std::string status;           // "draft", "published", "superseded"
    std::string created_by, updated_by, published_by;
    int64_t created_ms = 0, updated_ms = 0, published_ms = 0;
    RosterProblem problem;        // start_date set
    Roster roster;                // parallel to problem.agents
    std::vector<PlacedBreak> breaks;
    RosterSolveInfo solve;
};

// One hand change of an edit: the agent's day from one shift to another ("" = a day off).
struct RosterLogChange {
    std::string agent;
    int day = 0;                  // of the roster, 0 = its start date
    std::string from, to;         // shift names; "" = day off
    bool operator==(const RosterLogChange&) const = default;
};

// One line of a roster's change log: who, when, what. The what is kept as fields, so that each
// reader sees it in their language (the Roster page through the translation table; the audit
// log and the API's "detail" in English, RosterLogText):
//   solve: team, start_date, status, objective, gap (0-1); edit: start_date, changes;
//   publish: version.
// A line stored before the fields were kept has only its English text in `detail`, shown as is.
struct RosterLogEntry {
    int64_t t_ms = 0;
    std::string user;
    std::string action;           // "solve", "edit", "publish"
    std::string team, start_date, status;
    double objective = 0, gap = 0;
    int version = 0;
    std::vector<RosterLogChange> changes;
    std::string detail;           // an older line's English text; empty when the fields say it
    bool operator==(const RosterLogEntry&) const = default;
};

// The line in English: "solved a from 2026-01-05: optimal, objective 12.0, gap 0.00 %",
// "1001 2026-01-05+0: short -> off; ...", "version 2 published"; an older line's text as is.
std::string RosterLogText(const RosterLogEntry& e);
// The fields as the store keeps them (a JSON object in the log's detail column), and back: text
// that is not such an object is an older line's English text (into `detail`).
std::string RosterLogFieldsToJson(const RosterLogEntry& e);
void RosterLogFieldsFromJson(std::string_view stored, RosterLogEntry* e);

// The roster's figures as the server computed them with roster.h (coverage, understaffing, the
// independent checks, the objective recomputed from the roster alone).
std::string RosterDocToJson(const RosterDoc& doc, const std::vector<RosterLogEntry>& log);
bool RosterDocFromJson(std::string_view text, RosterDoc* doc, std::vector<RosterLogEntry>* log, std::string* error);

// What a roster gives, as JSON (the CLI's --json and the API): per agent its shifts, hours per
// week, nights and weekend shifts; coverage and understaffing per skill and interval; the checks.
std::string RosterResultJson(const RosterProblem& p, const Roster& r, const RosterSolveInfo& solve);

// The list of a team's rosters (GET /api/wfm/rosters).
struct RosterSummary {
    int64_t id = 0;
    std::string team, start_date, status;
    int days = 0, version = 0;
    std::string updated_by;
    int64_t updated_ms = 0;
    bool operator==(const RosterSummary&) const = default;
};
std::string RosterListToJson(const std::vector<RosterSummary>& list);
bool RosterListFromJson(std::string_view text, std::vector<RosterSummary>* list, std::string* error);

}  // namespace cb::wfm
