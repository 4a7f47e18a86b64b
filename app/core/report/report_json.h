// JSON of reports, scorecards, team comparisons, incident reports and notes: the wire format of
// the report endpoints (docs/api.md, "Reports"), of `callboard report --json` and of saved
// reports, shared by the server (which encodes) and both front-ends (which decode). Layouts are
// in docs/reports.md. Encoding carries every KPI with its parts and formula; decoding reads the
// counts (KPIs are recomputed from them with report.h) and never throws: malformed input yields
// false and an error naming where ("rows[3].counts.offered: expected an integer").
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "core/report/incident.h"
#include "core/report/report.h"
#include "core/report/scorecard.h"

namespace cb {

// {"from":"2026-03-01","to":"2026-03-31","granularity":"day","group":"queue",
//  "first_weekday":"monday","queues":[],"teams":[],"agents":[]}; missing optional members
// decode to their defaults (granularity day, group center, Monday, no filters).
std::string ReportQueryToJson(const ReportQuery& q);
bool ReportQueryFromJson(std::string_view json, ReportQuery* out, std::string* error);

std::string ReportToJson(const Report& report);
bool ReportFromJson(std::string_view json, Report* out, std::string* error);

// {"definitions":[...]}: every stored version (GET /api/reports/definitions).
std::string DefinitionsToJson(const std::vector<DefinitionVersion>& versions);
bool DefinitionsFromJson(std::string_view json, std::vector<DefinitionVersion>* out, std::string* error);

// A saved report: the report as computed when it was saved, with its definitions.
struct SavedReport {
    int64_t id = 0;
    std::string name;                 // 1-200 characters
    std::string owner;                // account that saved it ("" = the local admin)
    int64_t created_ms = 0;
    Report report;
    bool operator==(const SavedReport&) const = default;
};
// {"id","name","owner","created_ms","report":{...}}
std::string SavedReportToJson(const SavedReport& saved);
bool SavedReportFromJson(std::string_view json, SavedReport* out, std::string* error);
// The list: {"saved":[{"id","name","owner","created_ms","query":{...}}]} (reports left out).
std::string SavedReportListToJson(const std::vector<SavedReport>& list);
bool SavedReportListFromJson(std::string_view json, std::vector<SavedReport>* out, std::string* error);

std::string TeamComparisonToJson(const TeamComparison& t);
bool TeamComparisonFromJson(std::string_view json, TeamComparison* out, std::string* error);
std::string ScorecardToJson(const Scorecard& s);
bool ScorecardFromJson(std::string_view json, Scorecard* out, std::string* error);

std::string IncidentReportToJson(const IncidentReport& r);
bool IncidentReportFromJson(std::string_view json, IncidentReport* out, std::string* error);
// {"notes":[{"id","from_ms","to_ms","text","author","created_ms","updated_by","updated_ms","revision"}]}
std::string IncidentNotesToJson(const std::vector<IncidentNote>& notes);
bool IncidentNotesFromJson(std::string_view json, std::vector<IncidentNote>* out, std::string* error);
std::string IncidentNoteToJson(const IncidentNote& note);

}  // namespace cb
