// Report tables as CSV files (docs/reports.md, "CSV"): RFC 4180, UTF-8 with a byte-order mark so
// spreadsheet programs show Chinese names, CRLF line ends, one header row of documented column
// names. Counts are whole numbers as stored (ms, cents); KPI values are plain decimals (ratios
// 0..1 with 6 places, means with 3) and empty when there is no denominator. Pure formatting:
// the API, the command line and the front-ends' downloads produce the same bytes.
#pragma once
#include <string>
#include <string_view>
#include <vector>
#include "core/report/incident.h"
#include "core/report/report.h"
#include "core/report/scorecard.h"

namespace cb {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// One line per report row, then one per group's total (row_kind "total"). Columns: row_kind,
// bucket, bucket_start_ms, bucket_end_ms, first_date, last_date, group, key, name_en, name_zh,
// team, the 23 counts, not_ready_ms.<reason> for every reason, callbacks_promised,
// callbacks_kept, service_level_variant, service_level_target, definitions (ids separated by
// ';'), mixed_definitions, then every KPI's value by its ReportKpiName.
std::string ReportToCsv(const Report& report);
// The column names of ReportToCsv, in order.
std::vector<std::string> ReportCsvColumns();

// One line per agent (row_kind "agent": key, names, active, then per figure its value and its
// outlier mark "<id>.outlier"; a schedule's figure also "<id>.total_ms", "<id>.count_ms" and
// "<id>.status", "no_schedule" when nothing was scheduled), then the team's median ("median") and
// total ("team_total").
std::string TeamComparisonToCsv(const TeamComparison& t);

// One line per figure of an agent's scorecard: figure, unit, value, team_median, team_total, z,
// outlier, total and count (what an average divides; a schedule's percentages: ms), status
// ("no_value", "no_schedule" or empty), then the series, one column per period ("<from>/<to>",
// oldest first).
std::string ScorecardToCsv(const Scorecard& s);

// One line per interval of the window and one for the whole window ("window"): per figure its
// value now, typical and median ("<id>.now", "<id>.typical", "<id>.median").
std::string IncidentReportToCsv(const IncidentReport& r);

// A field quoted when it holds a comma, a quote, CR or LF (quotes doubled).
std::string CsvField(std::string_view text);
// Parses RFC 4180 text (a leading byte-order mark skipped; CRLF or LF line ends) into records.
// False with "line N: ..." for a quote left open or text after a closing quote.
bool ParseCsv(std::string_view text, std::vector<std::vector<std::string>>* records, std::string* error);

}  // namespace cb
