// Incident reports (docs/reports.md, "Incidents"): a window of one day (e.g. 10:30-11:45) cut
// into the stored intervals, each with its volume, service level, abandons, waits and staffing,
// against the same weekday and local time of the previous weeks (their typical value from summed
// counts, and their median), plus the supervisor's written notes about it. Pure.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "core/kpi.h"
#include "core/report/report.h"
#include "core/tz.h"

namespace cb {

struct IncidentQuery {
    CivilDate date;                   // the local date of the incident
    int from_min = 0;                 // local clock time the window starts, minutes after midnight (10:30 = 630)
    int to_min = 0;                   // local clock time it ends (exclusive; 24:00 = 1440)
    int weeks = 4;                    // previous weeks to compare with (1-12)
    std::vector<std::string> queues;  // empty: the whole center
    bool operator==(const IncidentQuery&) const = default;
};
inline constexpr int kMaxIncidentWeeks = 12;

// "10:30" <-> 630; "24:00" is 1440 (the end of the day). False for anything else.
bool ParseClockTime(std::string_view text, int* minutes);
std::string FormatClockTime(int minutes);

// from < to, 1 <= weeks <= 12, a date from 1970 to 2099, no empty queue key.
std::optional<ReportProblem> CheckIncidentQuery(const IncidentQuery& q);

// The window on its date in UTC, widened to whole stored intervals (a day's intervals are cut
// from local midnight in elapsed time).
struct IncidentSpan {
    int64_t from_ms = 0;
    int64_t to_ms = 0;
};
IncidentSpan IncidentWindow(const TimeZone& zone, const CivilDate& date, int from_min, int to_min, int interval_minutes);
// The dates compared with: date - 7 days, date - 14 days, ... (newest first).
std::vector<CivilDate> IncidentWeeks(const CivilDate& date, int weeks);

// What the incident report shows per interval.
enum class IncidentFigureKind : uint8_t { Count, Ratio, Mean, Max };
struct IncidentFigureDef {
    std::string_view id;              // "offered", "service_level", "asa_ms", "agents_staffed", ...
    IncidentFigureKind kind;
    std::string_view formula;         // in count names
};
const std::vector<IncidentFigureDef>& IncidentFigures();

struct IncidentValue {
    bool valid = false;
    double value = 0.0;
    int64_t numerator = 0;            // counts: the count; ratios and means: their parts
    int64_t denominator = 0;          // counts: 1; maxima: 1
    bool operator==(const IncidentValue&) const = default;
};

struct IncidentFigure {
    IncidentValue now;                // on the incident's date
    // The typical previous week: counts summed over the weeks with data and divided by their
    // number; ratios and means from the summed counts (never averaged percentages); maxima:
    // the mean of the weekly maxima.
    IncidentValue typical;
    bool median_valid = false;
    double median = 0.0;              // median of the weekly values
    std::vector<IncidentValue> weeks; // per compared week, newest first (invalid when the week has no data)
    bool operator==(const IncidentFigure&) const = default;
};

struct IncidentInterval {
    int64_t start_ms = 0;             // on the incident's date
    int64_t end_ms = 0;
    std::string label;                // local "10:30 +08:00"
    std::vector<IncidentFigure> figures;  // parallel to IncidentFigures()
    bool operator==(const IncidentInterval&) const = default;
};

// A supervisor's written note about an incident: stored, every edit kept with its author and
// time (GET /api/incidents/notes/{id} lists them), changes audited without their text.
struct IncidentNote {
    int64_t id = 0;
    int64_t from_ms = 0;              // the window it is about (UTC)
    int64_t to_ms = 0;
    std::string text;                 // 1-10,000 characters
    std::string author;               // account that wrote it ("" = the local admin)
    int64_t created_ms = 0;
    std::string updated_by;           // last edit
    int64_t updated_ms = 0;
    int revision = 1;                 // 1 = never edited
    bool operator==(const IncidentNote&) const = default;
};
inline constexpr size_t kMaxNoteChars = 10000;

struct IncidentReport {
    IncidentQuery query;
    std::string zone;
    int interval_minutes = 15;
    int64_t from_ms = 0;              // the window widened to intervals
    int64_t to_ms = 0;
    std::vector<CivilDate> weeks;     // the compared dates, newest first
    std::vector<bool> week_has_data;  // per compared date
    std::vector<IncidentInterval> intervals;
    IncidentInterval window;          // the whole window
    int64_t headline_definition = 0;  // the service level's definition (the center's, or the one queue's)
    std::vector<DefinitionVersion> definitions;
    std::vector<IncidentNote> notes;  // notes whose window overlaps this one
    bool operator==(const IncidentReport&) const = default;
};

// What the store read: counts per stored interval start (UTC) summed over the selected queues
// (or the center), on the incident's date and on each compared date.
struct IncidentSource {
    int interval_minutes = 15;
    std::vector<std::pair<int64_t, KpiCounts>> rows;
    std::vector<bool> week_has_data;  // per IncidentWeeks date: any stored counts that day
    std::vector<DefinitionVersion> definitions;  // every stored version (linked)
};

IncidentReport BuildIncidentReport(const IncidentQuery& query, const TimeZone& zone, const IncidentSource& source);

}  // namespace cb
