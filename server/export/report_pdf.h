// Report documents as PDF files (docs/reports.md, "PDF"): the daily, weekly and monthly reports
// (summary with the change against the previous period, per queue and per team tables, the worst
// intervals, a service-level trend with the target band and offered / answered / abandoned bars
// per interval) and the incident report (every figure now against the typical previous weeks,
// with the supervisor's notes), in Chinese or English. Drawn with cairo, text set with pango in
// the CJK font the product already uses (Noto Sans CJK SC); each number names the definition it
// used. The documents are built through ReportService, so a PDF holds exactly what the caller
// may see in the API.
#pragma once
#include <string>
#include <string_view>
#include "core/report/incident.h"
#include "core/report/report.h"
#include "server/admin/admin_outcome.h"
#include "server/admin/report_service.h"

namespace cb {

enum class PeriodKind : uint8_t { Daily, Weekly, Monthly };
std::string_view PeriodKindName(PeriodKind k);  // "daily", "weekly", "monthly"
bool ParsePeriodKind(std::string_view name, PeriodKind* out);

enum class PdfLanguage : uint8_t { Zh, En };
std::string_view PdfLanguageName(PdfLanguage l);  // "zh", "en"
bool ParsePdfLanguage(std::string_view name, PdfLanguage* out);

// The period of a kind that holds `date`: the day; the week starting on first_weekday (0 =
// Monday); the calendar month. *prev_from/*prev_to: the period before it of the same kind.
void PeriodOf(PeriodKind kind, const CivilDate& date, int first_weekday, CivilDate* from, CivilDate* to,
              CivilDate* prev_from, CivilDate* prev_to);

// Everything a daily, weekly or monthly report shows, as the caller may see it.
struct PeriodDocument {
    PeriodKind kind = PeriodKind::Daily;
    CivilDate from, to, prev_from, prev_to;
    Report center;     // group center, one row for the period
    Report previous;   // the same for the previous period
    Report by_queue;   // one row per queue for the period
    Report by_team;    // one row per team for the period
    Report trend;      // the center per 60 minutes (daily) or per day (weekly, monthly)
    Report intervals;  // the center per 60 minutes over the period (the worst intervals)
    std::string queue, team;  // the scope: one queue or one team ("" the whole center)
};
// scope_queue / scope_team (at most one): filters every report as the Reports area's filters do
// (docs/reports.md, "The report query"): the center row is the queue's or the team's; the per
// queue table keeps that queue (a team has no per queue table) and the per team table that team
// (a queue has no per team table).
AdminOutcome BuildPeriodDocument(ReportService& service, PeriodKind kind, const CivilDate& date, int first_weekday,
                                 const Caller& caller, PeriodDocument* out, const std::string& scope_queue = "",
                                 const std::string& scope_team = "");
// The document as one CSV file (core/report/report_csv.h columns): the center's (or the scope's)
// row for the period, then one per queue and one per team, told apart by `group`.
std::string PeriodCsv(const PeriodDocument& doc);

// The PDF's bytes; false with *error when cairo fails (never for valid documents).
bool RenderPeriodPdf(const PeriodDocument& doc, PdfLanguage lang, std::string* pdf, std::string* error);
bool RenderIncidentPdf(const IncidentReport& report, PdfLanguage lang, std::string* pdf, std::string* error);

// "日报  2026-03-28" / "Weekly report  2026-03-23 – 2026-03-29": the PDF's title; a scoped
// document adds "  ·  队列 sales" / "  ·  Team a".
std::string PeriodTitle(const PeriodDocument& doc, PdfLanguage lang);

// The file name a download or a scheduled report uses: "daily_2026-03-28.pdf",
// "weekly_2026-03-23_2026-03-29.pdf", "monthly_2026-03.pdf", "incident_2026-03-10_1030-1145.pdf".
std::string PeriodFileName(const PeriodDocument& doc, std::string_view extension);
std::string IncidentFileName(const IncidentQuery& q, std::string_view extension);

}  // namespace cb
