// Report PDFs (report_pdf.h): cairo's PDF surface, pango for every piece of text.
#include "server/export/report_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>
#include "core/report/report_csv.h"
#include "server/base/time_zone.h"

namespace cb {
namespace {

// ---- labels: the PDF's own text in both languages (the UI's are in app/ui/i18n_strings.h) ----
struct Label {
    const char* en;
    const char* zh;
};
enum class L {
    Daily, Weekly, Monthly, Incident, Period, Previous, Zone, Generated, Summary, Figure, Now, Before, Change,
    ByQueue, ByTeam, WorstIntervals, Trend, Bars, Offered, Answered, Abandoned, Sl, AbandonRate, Asa, Aht,
    Occupancy, Staffed, LongestWait, Definitions, Target, Interval, Typical, Median, Window, Notes, NoNotes,
    Group, NoData, Definition, Page, Weeks, Compared, Exited, AvgAbandonWait, kCount
};
constexpr Label kLabels[] = {
    {"Daily report", "日报"},
    {"Weekly report", "周报"},
    {"Monthly report", "月报"},
    {"Incident report", "事件报告"},
    {"Period", "期间"},
    {"Previous period", "上一期间"},
    {"Time zone", "时区"},
    {"Generated", "生成时间"},
    {"Summary", "概要"},
    {"Figure", "指标"},
    {"Now", "本期"},
    {"Before", "上期"},
    {"Change", "变化"},
    {"By queue", "按队列"},
    {"By team", "按团队"},
    {"Worst intervals (lowest service level)", "最差时段（服务水平最低）"},
    {"Service level trend and target band", "服务水平趋势与目标区间"},
    {"Calls per interval: offered / answered / abandoned", "各时段来电：进线 / 接通 / 放弃"},
    {"Offered", "进线"},
    {"Answered", "接通"},
    {"Abandoned", "放弃"},
    {"Service level", "服务水平"},
    {"Abandon rate", "放弃率"},
    {"ASA", "平均应答速度"},
    {"AHT", "平均处理时长"},
    {"Occupancy", "占用率"},
    {"Agents staffed", "在线坐席"},
    {"Longest wait", "最长等待"},
    {"Definitions used", "所用定义"},
    {"target", "目标"},
    {"Interval", "时段"},
    {"Typical", "往常"},
    {"Median", "中位数"},
    {"Whole window", "整个时段"},
    {"Notes", "备注"},
    {"No notes for this window.", "该时段没有备注。"},
    {"Group", "分组"},
    {"no data", "无数据"},
    {"Definition", "定义"},
    {"Page", "页"},
    {"Compared with the same weekday and time of previous weeks", "与前几周同一星期几同一时间比较"},
    {"Compared weeks", "比较的周"},
    {"Exited", "其他退出"},
    {"Avg abandon wait", "平均放弃等待"},
};
static_assert(sizeof(kLabels) / sizeof(kLabels[0]) == static_cast<size_t>(L::kCount));

const char* T(PdfLanguage lang, L l) {
    const Label& x = kLabels[static_cast<size_t>(l)];
    return lang == PdfLanguage::Zh ? x.zh : x.en;
}

std::string Fmt(const char* f, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

std::string Percent(const KpiFigure& k) { return k.valid ? Fmt("%.1f%%", k.value * 100.0) : "-"; }
std::string Seconds(double ms) { return Fmt("%.1f s", ms / 1000.0); }

// ---- the page: A4 portrait in points, a cursor moving down, new pages as needed ----
constexpr double kPageW = 595.0, kPageH = 842.0, kMargin = 40.0;
constexpr const char* kFont = "Noto Sans CJK SC";

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

class Page {
public:
    Page(std::string* out, PdfLanguage lang, std::string footer)
        : m_lang(lang), m_footer(std::move(footer)) {
        m_surface = cairo_pdf_surface_create_for_stream(AppendBytes, out, kPageW, kPageH);
        m_cr = cairo_create(m_surface);
        m_y = kMargin;
    }
    ~Page() {
        if (m_cr) cairo_destroy(m_cr);
        if (m_surface) cairo_surface_destroy(m_surface);
    }
    bool Finish(std::string* error) {
        Footer();
        cairo_surface_finish(m_surface);
        cairo_status_t s = cairo_surface_status(m_surface);
        if (s != CAIRO_STATUS_SUCCESS) {
            *error = std::string("cairo: ") + cairo_status_to_string(s);
            return false;
        }
        return true;
    }
    cairo_t* cr() { return m_cr; }
    PdfLanguage lang() const { return m_lang; }
    double y() const { return m_y; }
    void Advance(double dy) { m_y += dy; }

    // Text at (x, y) in a box of width w (0: no wrapping); returns its height.
    double Text(double x, double y, const std::string& text, double size, bool bold = false, double w = 0,
                PangoAlignment align = PANGO_ALIGN_LEFT, double gray = 0.0, bool one_line = false) {
        PangoLayout* layout = pango_cairo_create_layout(m_cr);
        PangoFontDescription* font = pango_font_description_new();
        pango_font_description_set_family(font, kFont);
        pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(layout, font);
        if (w > 0) {
            pango_layout_set_width(layout, static_cast<int>(w * PANGO_SCALE));
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
            pango_layout_set_alignment(layout, align);
            if (one_line) pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
        }
        pango_layout_set_text(layout, text.c_str(), -1);
        cairo_set_source_rgb(m_cr, gray, gray, gray);
        cairo_move_to(m_cr, x, y);
        pango_cairo_show_layout(m_cr, layout);
        int pw = 0, ph = 0;
        pango_layout_get_size(layout, &pw, &ph);
        pango_font_description_free(font);
        g_object_unref(layout);
        return static_cast<double>(ph) / PANGO_SCALE;
    }
    // A paragraph across the page's width at the cursor.
    void Para(const std::string& text, double size, bool bold = false, double gray = 0.0) {
        Need(size * 2);
        m_y += Text(kMargin, m_y, text, size, bold, kPageW - 2 * kMargin, PANGO_ALIGN_LEFT, gray) + 2;
    }
    void Heading(const std::string& text) {
        Need(60);
        m_y += 6;
        m_y += Text(kMargin, m_y, text, 12, true) + 4;
    }
    // Starts a new page when less than h points are left.
    void Need(double h) {
        if (m_y + h <= kPageH - kMargin) return;
        Footer();
        cairo_show_page(m_cr);
        ++m_page;
        m_y = kMargin;
    }
    // A table: a header row and rows of cells; the first column left-aligned, the others right.
    void Table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
               const std::vector<double>& widths) {
        auto draw_row = [&](const std::vector<std::string>& cells, bool bold, bool shade) {
            // Header cells may wrap onto two lines; body cells stay on one (ellipsized).
            const double row_h = bold ? 22 : 14;
            Need(row_h + 2);
            if (shade) {
                cairo_set_source_rgb(m_cr, 0.93, 0.94, 0.97);
                cairo_rectangle(m_cr, kMargin, m_y, kPageW - 2 * kMargin, row_h);
                cairo_fill(m_cr);
            }
            double x = kMargin;
            for (size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
                Text(x + 2, m_y + 1, cells[i], 7.5, bold, widths[i] - 4, i == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT, 0.0, !bold);
                x += widths[i];
            }
            m_y += row_h;
        };
        draw_row(header, true, true);
        for (size_t r = 0; r < rows.size(); ++r) draw_row(rows[r], false, r % 2 == 1);
        m_y += 6;
    }

private:
    void Footer() {
        Text(kMargin, kPageH - kMargin + 12, m_footer + "  ·  " + T(m_lang, L::Page) + " " + std::to_string(m_page), 7,
             false, kPageW - 2 * kMargin, PANGO_ALIGN_RIGHT, 0.4);
    }
    cairo_surface_t* m_surface = nullptr;
    cairo_t* m_cr = nullptr;
    PdfLanguage m_lang;
    std::string m_footer;
    double m_y = 0;
    int m_page = 1;
};

std::string GroupName(const ReportGroupInfo& g, PdfLanguage lang) {
    const std::string& n = lang == PdfLanguage::Zh ? (g.name_zh.empty() ? g.name_en : g.name_zh)
                                                   : (g.name_en.empty() ? g.name_zh : g.name_en);
    return n.empty() ? g.key : n;
}

// The zone a report names: an IANA zone from the system's database, or "UTC+08:00".
TimeZone ZoneNamed(const std::string& name) {
    Result<TimeZone> z = LoadTimeZone(name);
    if (z.ok()) return z.value();
    int h = 0, m = 0;
    char sign = '+';
    if (std::sscanf(name.c_str(), "UTC%c%d:%d", &sign, &h, &m) == 3) return TimeZone::Fixed((sign == '-' ? -1 : 1) * (h * 60 + m));
    return TimeZone();
}

std::string FormatTime(const TimeZone& zone, int64_t ms) {
    const CivilTime t = zone.ToCivil(ms);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", t.date.year, t.date.month, t.date.day, t.hour, t.minute);
    return buf;
}

// The summary figures of a row: label, value text, and the numeric value (for the change).
struct SummaryFigure {
    L label;
    std::string now, before, change;
};

std::string Signed(double d, const char* f) {
    std::string s = Fmt(f, d);
    return d > 0 ? "+" + s : s;
}

// Values of a row's headline KPIs.
struct RowValues {
    KpiFigure sl, abandon, asa, aht, occ, staffed;
};
RowValues ValuesOf(const Report& r, const ReportRow& row) {
    RowValues v;
    const ServiceLevelDef def = r.HeadlineSl(row);
    const int64_t ms = r.BucketMs(row);
    v.sl = ComputeReportKpi(ReportKpi::ServiceLevel, row.counts, def, ms);
    v.abandon = ComputeReportKpi(ReportKpi::AbandonRate, row.counts, def, ms);
    v.asa = ComputeReportKpi(ReportKpi::Asa, row.counts, def, ms);
    v.aht = ComputeReportKpi(ReportKpi::Aht, row.counts, def, ms);
    v.occ = ComputeReportKpi(ReportKpi::Occupancy, row.counts, def, ms);
    v.staffed = ComputeReportKpi(ReportKpi::AgentsStaffed, row.counts, def, ms);
    return v;
}

std::string MeanS(const KpiFigure& k) { return k.valid ? Seconds(k.value) : "-"; }

std::string DefinitionText(const DefinitionVersion& d, PdfLanguage lang) {
    std::string key = d.queue == kCenterDefinitionKey ? (lang == PdfLanguage::Zh ? "中心" : "center") : d.queue;
    char buf[256];
    std::snprintf(buf, sizeof buf, "#%lld %s: %s = %s, T = %d s, %s %.0f%%, short abandon %d s", static_cast<long long>(d.id),
                  key.c_str(), std::string(SlVariantName(d.sl.variant)).c_str(),
                  std::string(SlVariantFormula(d.sl.variant)).c_str(), d.sl.threshold_s, T(lang, L::Target),
                  d.sl.target * 100.0, d.sl.short_abandon_s);
    return buf;
}

// The definitions of every KPI the PDF shows, named once.
void KpiDefinitions(Page& p, const std::vector<DefinitionVersion>& defs) {
    p.Heading(T(p.lang(), L::Definitions));
    const std::pair<L, ReportKpi> kpis[] = {{L::AbandonRate, ReportKpi::AbandonRate}, {L::Asa, ReportKpi::Asa},
                                            {L::Aht, ReportKpi::Aht},           {L::Occupancy, ReportKpi::Occupancy},
                                            {L::Staffed, ReportKpi::AgentsStaffed}};
    p.Para(std::string(T(p.lang(), L::Sl)) + " (service_level): " +
               (p.lang() == PdfLanguage::Zh ? "按每行的定义编号（#）计算，各定义见下" : "by the definition numbered (#) on each row, listed below"),
           8);
    for (const auto& [label, k] : kpis)
        p.Para(std::string(T(p.lang(), label)) + " (" + std::string(ReportKpiName(k)) + "): " + ReportKpiFormula(k), 8);
    for (const DefinitionVersion& d : defs) p.Para(DefinitionText(d, p.lang()), 8, false, 0.25);
}

// ---- charts ----
// A service-level line over the buckets with the band from the target to 100 % shaded.
void TrendChart(Page& p, const Report& trend) {
    const double h = 150, x0 = kMargin + 30, w = kPageW - 2 * kMargin - 40;
    p.Need(h + 40);
    cairo_t* cr = p.cr();
    const double y0 = p.y() + 6;
    double target = 0.8;
    if (!trend.totals.empty()) target = trend.HeadlineSl(trend.totals.front()).target;
    auto Y = [&](double v) { return y0 + h - v * h; };
    // Target band: target .. 100 %.
    cairo_set_source_rgb(cr, 0.85, 0.95, 0.85);
    cairo_rectangle(cr, x0, Y(1.0), w, Y(target) - Y(1.0));
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.2, 0.6, 0.2);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, x0, Y(target));
    cairo_line_to(cr, x0 + w, Y(target));
    cairo_stroke(cr);
    // Axes and grid.
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.5);
    for (int i = 0; i <= 4; ++i) {
        cairo_move_to(cr, x0, Y(i / 4.0));
        cairo_line_to(cr, x0 + w, Y(i / 4.0));
        cairo_stroke(cr);
        p.Text(kMargin, Y(i / 4.0) - 5, std::to_string(i * 25) + "%", 6.5, false, 26, PANGO_ALIGN_RIGHT, 0.35);
    }
    p.Text(x0 + w - 120, Y(target) - 11, std::string(T(p.lang(), L::Target)) + " " + Fmt("%.0f%%", target * 100), 7, true, 118,
           PANGO_ALIGN_RIGHT, 0.0);
    const size_t n = trend.rows.size();
    if (n > 0) {
        const double step = w / static_cast<double>(n);
        cairo_set_source_rgb(cr, 0.12, 0.35, 0.75);
        cairo_set_line_width(cr, 1.6);
        bool pen = false;
        for (size_t i = 0; i < n; ++i) {
            const KpiFigure sl = ValuesOf(trend, trend.rows[i]).sl;
            const double x = x0 + step * (i + 0.5);
            if (!sl.valid) {
                pen = false;
                continue;
            }
            if (pen) cairo_line_to(cr, x, Y(sl.value));
            else cairo_move_to(cr, x, Y(sl.value));
            pen = true;
        }
        cairo_stroke(cr);
        for (size_t i = 0; i < n; ++i) {
            const KpiFigure sl = ValuesOf(trend, trend.rows[i]).sl;
            if (!sl.valid) continue;
            cairo_arc(cr, x0 + step * (i + 0.5), Y(sl.value), 1.8, 0, 2 * M_PI);
            cairo_fill(cr);
        }
        // Labels: first, middle, last bucket.
        for (size_t i : {size_t{0}, n / 2, n - 1}) {
            std::string label = trend.buckets[trend.rows[i].bucket].label;
            if (label.size() > 16) label = label.substr(0, 16);
            p.Text(x0 + step * i - 10, y0 + h + 2, label, 6.5, false, 0, PANGO_ALIGN_LEFT, 0.35);
        }
    }
    p.Advance(h + 22);
}

// Offered, answered and abandoned per bucket, side by side.
void BarChart(Page& p, const Report& trend) {
    const double h = 120, x0 = kMargin + 30, w = kPageW - 2 * kMargin - 40;
    p.Need(h + 44);
    cairo_t* cr = p.cr();
    const double y0 = p.y() + 14;
    int64_t top = 1;
    for (const ReportRow& r : trend.rows) top = std::max(top, r.counts.offered);
    auto Y = [&](double v) { return y0 + h - v / static_cast<double>(top) * h; };
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, x0, y0 + h);
    cairo_line_to(cr, x0 + w, y0 + h);
    cairo_stroke(cr);
    p.Text(kMargin, Y(static_cast<double>(top)) - 5, std::to_string(top), 6.5, false, 26, PANGO_ALIGN_RIGHT, 0.35);
    p.Text(kMargin, y0 + h - 5, "0", 6.5, false, 26, PANGO_ALIGN_RIGHT, 0.35);
    const double colors[3][3] = {{0.55, 0.65, 0.85}, {0.2, 0.6, 0.3}, {0.85, 0.3, 0.25}};
    const size_t n = trend.rows.size();
    if (n > 0) {
        const double step = w / static_cast<double>(n);
        const double bw = std::max(0.5, step * 0.8 / 3);
        for (size_t i = 0; i < n; ++i) {
            const KpiCounts& c = trend.rows[i].counts;
            const int64_t v[3] = {c.offered, c.answered, c.abandoned};
            for (int k = 0; k < 3; ++k) {
                cairo_set_source_rgb(cr, colors[k][0], colors[k][1], colors[k][2]);
                cairo_rectangle(cr, x0 + step * i + step * 0.1 + bw * k, Y(static_cast<double>(v[k])), bw,
                                y0 + h - Y(static_cast<double>(v[k])));
                cairo_fill(cr);
            }
        }
    }
    // Legend.
    const L names[3] = {L::Offered, L::Answered, L::Abandoned};
    double lx = x0;
    for (int k = 0; k < 3; ++k) {
        cairo_set_source_rgb(cr, colors[k][0], colors[k][1], colors[k][2]);
        cairo_rectangle(cr, lx, p.y() + 2, 8, 8);
        cairo_fill(cr);
        p.Text(lx + 11, p.y() + 0, T(p.lang(), names[k]), 7, false);
        lx += 70;
    }
    p.Advance(h + 24);
}

// One table row of headline KPIs for a group.
std::vector<std::string> KpiCells(const Report& r, const ReportRow& row, const std::string& first) {
    const RowValues v = ValuesOf(r, row);
    const ServiceLevelDef def = r.HeadlineSl(row);
    return {first,
            std::to_string(row.counts.offered),
            std::to_string(row.counts.answered),
            std::to_string(row.counts.abandoned),
            Percent(v.sl) + (v.sl.valid ? " / " + Fmt("%.0f%%", def.target * 100) : ""),
            Percent(v.abandon),
            MeanS(v.asa),
            MeanS(v.aht),
            Percent(v.occ),
            "#" + std::to_string(row.headline_definition) + (row.mixed_definitions ? "*" : "")};
}
std::vector<std::string> KpiHeader(PdfLanguage lang, L first) {
    return {T(lang, first),          T(lang, L::Offered), T(lang, L::Answered),  T(lang, L::Abandoned),
            std::string(T(lang, L::Sl)) + " / " + T(lang, L::Target), T(lang, L::AbandonRate), T(lang, L::Asa),
            T(lang, L::Aht),         T(lang, L::Occupancy), T(lang, L::Definition)};
}
const std::vector<double> kKpiWidths = {95, 40, 44, 44, 70, 48, 50, 50, 48, 26};

L KindLabel(PeriodKind k) {
    switch (k) {
    case PeriodKind::Daily: return L::Daily;
    case PeriodKind::Weekly: return L::Weekly;
    case PeriodKind::Monthly: return L::Monthly;
    }
    return L::Daily;
}

std::string RangeText(const CivilDate& from, const CivilDate& to) {
    return from == to ? FormatCivilDate(from) : FormatCivilDate(from) + " – " + FormatCivilDate(to);
}

}  // namespace

std::string_view PeriodKindName(PeriodKind k) {
    switch (k) {
    case PeriodKind::Daily: return "daily";
    case PeriodKind::Weekly: return "weekly";
    case PeriodKind::Monthly: return "monthly";
    }
    return "daily";
}
bool ParsePeriodKind(std::string_view name, PeriodKind* out) {
    for (PeriodKind k : {PeriodKind::Daily, PeriodKind::Weekly, PeriodKind::Monthly}) {
        if (name == PeriodKindName(k)) {
            *out = k;
            return true;
        }
    }
    return false;
}
std::string_view PdfLanguageName(PdfLanguage l) { return l == PdfLanguage::Zh ? "zh" : "en"; }
bool ParsePdfLanguage(std::string_view name, PdfLanguage* out) {
    if (name == "zh") *out = PdfLanguage::Zh;
    else if (name == "en") *out = PdfLanguage::En;
    else return false;
    return true;
}

void PeriodOf(PeriodKind kind, const CivilDate& date, int first_weekday, CivilDate* from, CivilDate* to,
              CivilDate* prev_from, CivilDate* prev_to) {
    const int64_t day = DaysFromCivil(date);
    switch (kind) {
    case PeriodKind::Daily:
        *from = *to = date;
        *prev_from = *prev_to = CivilFromDays(day - 1);
        return;
    case PeriodKind::Weekly: {
        const int64_t start = day - ((WeekdayOf(date) - first_weekday + 7) % 7);
        *from = CivilFromDays(start);
        *to = CivilFromDays(start + 6);
        *prev_from = CivilFromDays(start - 7);
        *prev_to = CivilFromDays(start - 1);
        return;
    }
    case PeriodKind::Monthly: {
        *from = CivilDate{date.year, date.month, 1};
        const CivilDate next = date.month == 12 ? CivilDate{date.year + 1, 1, 1} : CivilDate{date.year, date.month + 1, 1};
        *to = CivilFromDays(DaysFromCivil(next) - 1);
        *prev_to = CivilFromDays(DaysFromCivil(*from) - 1);
        *prev_from = CivilDate{prev_to->year, prev_to->month, 1};
        return;
    }
    }
}

AdminOutcome BuildPeriodDocument(ReportService& service, PeriodKind kind, const CivilDate& date, int first_weekday,
                                 const Caller& caller, PeriodDocument* out, const std::string& scope_queue,
                                 const std::string& scope_team) {
    PeriodDocument doc;
    doc.kind = kind;
    doc.queue = scope_queue;
    doc.team = scope_team;
    PeriodOf(kind, date, first_weekday, &doc.from, &doc.to, &doc.prev_from, &doc.prev_to);
    auto run = [&](const CivilDate& from, const CivilDate& to, ReportGroup group, ReportGranularity g, Report* r) {
        ReportQuery q;
        q.from = from;
        q.to = to;
        q.group = group;
        q.granularity = g;
        q.first_weekday = first_weekday;
        if (!scope_queue.empty()) q.queues = {scope_queue};
        if (!scope_team.empty()) q.teams = {scope_team};
        if (std::optional<ReportProblem> p = CheckReportQuery(q, service.interval_minutes()))
            return AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "invalid", p->field, p->message);
        return service.RunReport(q, caller, r);
    };
    // 60-minute intervals need stored intervals that divide an hour; otherwise days.
    const ReportGranularity hourly = 60 % service.interval_minutes() == 0 ? ReportGranularity::Minutes60 : ReportGranularity::Day;
    AdminOutcome o = run(doc.from, doc.to, ReportGroup::Center, ReportGranularity::Range, &doc.center);
    if (o.ok()) o = run(doc.prev_from, doc.prev_to, ReportGroup::Center, ReportGranularity::Range, &doc.previous);
    // A queue takes no team filter and a team no queue filter: that table stays empty.
    if (o.ok() && scope_team.empty()) o = run(doc.from, doc.to, ReportGroup::Queue, ReportGranularity::Range, &doc.by_queue);
    if (o.ok() && scope_queue.empty()) o = run(doc.from, doc.to, ReportGroup::Team, ReportGranularity::Range, &doc.by_team);
    if (o.ok())
        o = run(doc.from, doc.to, ReportGroup::Center, kind == PeriodKind::Daily ? hourly : ReportGranularity::Day, &doc.trend);
    if (o.ok()) o = run(doc.from, doc.to, ReportGroup::Center, hourly, &doc.intervals);
    if (!o.ok()) return o;
    *out = std::move(doc);
    return AdminOutcome::Ok();
}

std::string PeriodTitle(const PeriodDocument& doc, PdfLanguage lang) {
    std::string title = std::string(T(lang, KindLabel(doc.kind))) + "  " + RangeText(doc.from, doc.to);
    if (!doc.queue.empty()) title += std::string("  ·  ") + (lang == PdfLanguage::Zh ? "队列 " : "Queue ") + doc.queue;
    if (!doc.team.empty()) title += std::string("  ·  ") + (lang == PdfLanguage::Zh ? "班组 " : "Team ") + doc.team;
    return title;
}

std::string PeriodCsv(const PeriodDocument& doc) {
    std::string out = ReportToCsv(doc.center);
    for (const Report* r : {&doc.by_queue, &doc.by_team}) {
        if (r->rows.empty() && r->totals.empty()) continue;
        const std::string csv = ReportToCsv(*r);
        const size_t header_end = csv.find("\r\n");
        if (header_end != std::string::npos) out += csv.substr(header_end + 2);
    }
    return out;
}

bool RenderPeriodPdf(const PeriodDocument& doc, PdfLanguage lang, std::string* pdf, std::string* error) {
    pdf->clear();
    const std::string title = PeriodTitle(doc, lang);
    Page p(pdf, lang, "Callboard  ·  " + title);
    p.Para(title, 18, true);
    p.Para(std::string(T(lang, L::Previous)) + ": " + RangeText(doc.prev_from, doc.prev_to) + "    " + T(lang, L::Zone) +
               ": " + doc.center.zone + "    " + T(lang, L::Generated) + ": " +
               FormatTime(ZoneNamed(doc.center.zone), doc.center.generated_ms),
           8.5, false, 0.3);

    // Summary with the change against the previous period.
    p.Heading(T(lang, L::Summary));
    if (!doc.center.totals.empty() && !doc.previous.totals.empty()) {
        const ReportRow& now = doc.center.totals.front();
        const ReportRow& before = doc.previous.totals.front();
        const RowValues a = ValuesOf(doc.center, now), b = ValuesOf(doc.previous, before);
        auto count_row = [&](L label, int64_t x, int64_t y) {
            return std::vector<std::string>{T(lang, label), std::to_string(x), std::to_string(y),
                                            Signed(static_cast<double>(x - y), "%.0f")};
        };
        auto pct_row = [&](L label, const KpiFigure& x, const KpiFigure& y, const std::string& def) {
            return std::vector<std::string>{
                std::string(T(lang, label)) + def, Percent(x) + (x.valid && label != L::Occupancy ? Fmt(" (%.0f", static_cast<double>(x.numerator)) +
                                                                             Fmt("/%.0f)", static_cast<double>(x.denominator))
                                                                       : ""),
                Percent(y), x.valid && y.valid ? Signed((x.value - y.value) * 100.0, "%.1f") + " pt" : "-"};
        };
        auto sec_row = [&](L label, const KpiFigure& x, const KpiFigure& y) {
            return std::vector<std::string>{T(lang, label), MeanS(x), MeanS(y),
                                            x.valid && y.valid ? Signed((x.value - y.value) / 1000.0, "%.1f") + " s" : "-"};
        };
        const std::string def = " #" + std::to_string(now.headline_definition);
        std::vector<std::vector<std::string>> rows = {
            count_row(L::Offered, now.counts.offered, before.counts.offered),
            count_row(L::Answered, now.counts.answered, before.counts.answered),
            count_row(L::Abandoned, now.counts.abandoned, before.counts.abandoned),
            pct_row(L::Sl, a.sl, b.sl, def),
            pct_row(L::AbandonRate, a.abandon, b.abandon, ""),
            sec_row(L::Asa, a.asa, b.asa),
            sec_row(L::Aht, a.aht, b.aht),
            pct_row(L::Occupancy, a.occ, b.occ, ""),
            {T(lang, L::Staffed), a.staffed.valid ? Fmt("%.1f", a.staffed.value) : "-",
             b.staffed.valid ? Fmt("%.1f", b.staffed.value) : "-",
             a.staffed.valid && b.staffed.valid ? Signed(a.staffed.value - b.staffed.value, "%.1f") : "-"},
            {T(lang, L::LongestWait), Seconds(static_cast<double>(now.counts.longest_wait_ms)),
             Seconds(static_cast<double>(before.counts.longest_wait_ms)),
             Signed(static_cast<double>(now.counts.longest_wait_ms - before.counts.longest_wait_ms) / 1000.0, "%.1f") + " s"},
        };
        p.Table({T(lang, L::Figure), T(lang, L::Now), T(lang, L::Before), T(lang, L::Change)}, rows, {175, 130, 100, 110});
    }

    // Charts.
    p.Heading(T(lang, L::Trend));
    TrendChart(p, doc.trend);
    p.Heading(T(lang, L::Bars));
    BarChart(p, doc.trend);

    // Per queue and per team.
    const std::pair<L, const Report*> tables[] = {{L::ByQueue, &doc.by_queue}, {L::ByTeam, &doc.by_team}};
    for (const auto& [label, r] : tables) {
        p.Heading(T(lang, label));
        std::vector<std::vector<std::string>> rows;
        for (const ReportRow& row : r->totals) rows.push_back(KpiCells(*r, row, GroupName(r->groups[row.group], lang)));
        p.Table(KpiHeader(lang, L::Group), rows, kKpiWidths);
    }

    // Worst intervals: lowest headline service level among intervals with calls.
    p.Heading(T(lang, L::WorstIntervals));
    std::vector<const ReportRow*> worst;
    for (const ReportRow& row : doc.intervals.rows)
        if (ValuesOf(doc.intervals, row).sl.valid) worst.push_back(&row);
    std::stable_sort(worst.begin(), worst.end(), [&](const ReportRow* x, const ReportRow* y) {
        return ValuesOf(doc.intervals, *x).sl.value < ValuesOf(doc.intervals, *y).sl.value;
    });
    if (worst.size() > 8) worst.resize(8);
    std::vector<std::vector<std::string>> rows;
    for (const ReportRow* row : worst) rows.push_back(KpiCells(doc.intervals, *row, doc.intervals.buckets[row->bucket].label));
    if (rows.empty()) rows.push_back({T(lang, L::NoData)});
    p.Table(KpiHeader(lang, L::Interval), rows, kKpiWidths);

    std::vector<DefinitionVersion> defs = doc.center.definitions;
    for (const Report* r : {&doc.by_queue, &doc.previous})
        for (const DefinitionVersion& d : r->definitions)
            if (std::none_of(defs.begin(), defs.end(), [&](const DefinitionVersion& e) { return e.id == d.id; })) defs.push_back(d);
    KpiDefinitions(p, defs);
    return p.Finish(error);
}

bool RenderIncidentPdf(const IncidentReport& r, PdfLanguage lang, std::string* pdf, std::string* error) {
    pdf->clear();
    const std::string title = std::string(T(lang, L::Incident)) + "  " + FormatCivilDate(r.query.date) + " " +
                              FormatClockTime(r.query.from_min) + "–" + FormatClockTime(r.query.to_min);
    Page p(pdf, lang, "Callboard  ·  " + title);
    p.Para(title, 18, true);
    std::string weeks;
    for (size_t i = 0; i < r.weeks.size(); ++i) {
        weeks += (i ? ", " : "") + FormatCivilDate(r.weeks[i]);
        if (i < r.week_has_data.size() && !r.week_has_data[i]) weeks += std::string(" (") + T(lang, L::NoData) + ")";
    }
    p.Para(std::string(T(lang, L::Zone)) + ": " + r.zone + "    " + T(lang, L::Compared) + ": " + weeks, 8.5, false, 0.3);
    p.Para(T(lang, L::Weeks), 8.5, false, 0.3);

    const std::vector<IncidentFigureDef>& figs = IncidentFigures();
    auto label_of = [&](std::string_view id) -> std::string {
        const std::pair<std::string_view, L> names[] = {
            {"offered", L::Offered},    {"answered", L::Answered},       {"abandoned", L::Abandoned},
            {"exited", L::Exited},      {"service_level", L::Sl},        {"abandon_rate", L::AbandonRate},
            {"asa_ms", L::Asa},         {"avg_abandon_wait_ms", L::AvgAbandonWait}, {"longest_wait_ms", L::LongestWait},
            {"agents_staffed", L::Staffed}, {"occupancy", L::Occupancy}};
        for (const auto& [n, l] : names)
            if (n == id) return T(lang, l);
        return std::string(id);
    };
    auto value_text = [&](const IncidentFigureDef& f, bool valid, double v) -> std::string {
        if (!valid) return "-";
        if (f.kind == IncidentFigureKind::Ratio) return Fmt("%.1f%%", v * 100);
        if (f.id.ends_with("_ms")) return Seconds(v);
        if (f.kind == IncidentFigureKind::Count) return Fmt(v == std::floor(v) ? "%.0f" : "%.2f", v);
        return Fmt("%.1f", v);
    };

    // Whole window: every figure now, typical and median.
    p.Heading(T(lang, L::Window));
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < figs.size() && i < r.window.figures.size(); ++i) {
        const IncidentFigure& f = r.window.figures[i];
        std::string now = value_text(figs[i], f.now.valid, f.now.value);
        if (figs[i].kind == IncidentFigureKind::Ratio && f.now.valid)
            now += " (" + std::to_string(f.now.numerator) + "/" + std::to_string(f.now.denominator) + ")";
        rows.push_back({label_of(figs[i].id), now, value_text(figs[i], f.typical.valid, f.typical.value),
                        value_text(figs[i], f.median_valid, f.median), std::string(figs[i].formula)});
    }
    p.Table({T(lang, L::Figure), T(lang, L::Now), T(lang, L::Typical), T(lang, L::Median), T(lang, L::Definition)}, rows,
            {95, 85, 60, 60, 215});

    // Charts from the intervals: offered now against typical, service level now against typical.
    {
        const double h = 120, x0 = kMargin + 30, w = kPageW - 2 * kMargin - 40;
        p.Heading(T(lang, L::Bars));
        p.Need(h + 30);
        cairo_t* cr = p.cr();
        const double y0 = p.y() + 4;
        double top = 1;
        for (const IncidentInterval& iv : r.intervals)
            for (size_t k : {size_t{0}, size_t{1}, size_t{2}})
                top = std::max({top, iv.figures[k].now.value, iv.figures[k].typical.value});
        const size_t n = r.intervals.size();
        const double colors[3][3] = {{0.55, 0.65, 0.85}, {0.2, 0.6, 0.3}, {0.85, 0.3, 0.25}};
        for (size_t i = 0; i < n; ++i) {
            const double step = w / static_cast<double>(n), bw = step * 0.8 / 3;
            for (size_t k = 0; k < 3; ++k) {
                const IncidentFigure& f = r.intervals[i].figures[k];
                const double bh = f.now.value / top * h;
                cairo_set_source_rgb(cr, colors[k][0], colors[k][1], colors[k][2]);
                cairo_rectangle(cr, x0 + step * i + step * 0.1 + bw * k, y0 + h - bh, bw, bh);
                cairo_fill(cr);
                // The typical week as a dark tick.
                const double ty = y0 + h - f.typical.value / top * h;
                cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
                cairo_set_line_width(cr, 1.2);
                cairo_move_to(cr, x0 + step * i + step * 0.1 + bw * k, ty);
                cairo_line_to(cr, x0 + step * i + step * 0.1 + bw * (k + 1), ty);
                cairo_stroke(cr);
            }
            if (n <= 12 || i % (n / 6 + 1) == 0) p.Text(x0 + step * i, y0 + h + 2, r.intervals[i].label.substr(0, 5), 6.5, false, 0,
                                                       PANGO_ALIGN_LEFT, 0.35);
        }
        cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
        cairo_set_line_width(cr, 0.5);
        cairo_move_to(cr, x0, y0 + h);
        cairo_line_to(cr, x0 + w, y0 + h);
        cairo_stroke(cr);
        p.Text(kMargin, y0 - 5, Fmt("%.0f", top), 6.5, false, 26, PANGO_ALIGN_RIGHT, 0.35);
        p.Advance(h + 20);
        p.Para(std::string("▬ ") + T(lang, L::Typical), 7, false, 0.2);
    }

    // Per interval.
    p.Heading(T(lang, L::Interval));
    rows.clear();
    for (const IncidentInterval& iv : r.intervals) {
        std::vector<std::string> row{iv.label};
        for (size_t k : {size_t{0}, size_t{1}, size_t{2}, size_t{4}, size_t{6}}) {
            if (k >= figs.size()) continue;
            const IncidentFigure& f = iv.figures[k];
            row.push_back(value_text(figs[k], f.now.valid, f.now.value) + " / " + value_text(figs[k], f.typical.valid, f.typical.value));
        }
        rows.push_back(row);
    }
    std::vector<std::string> header{T(lang, L::Interval)};
    for (size_t k : {size_t{0}, size_t{1}, size_t{2}, size_t{4}, size_t{6}})
        if (k < figs.size()) header.push_back(label_of(figs[k].id) + " " + T(lang, L::Now) + "/" + T(lang, L::Typical));
    p.Table(header, rows, {85, 86, 86, 86, 86, 86});

    // Notes.
    p.Heading(T(lang, L::Notes));
    const TimeZone zone = ZoneNamed(r.zone);
    if (r.notes.empty()) p.Para(T(lang, L::NoNotes), 8.5, false, 0.3);
    for (const IncidentNote& note : r.notes) {
        p.Para(FormatTime(zone, note.from_ms) + " – " + FormatTime(zone, note.to_ms) + "  ·  " +
                   (note.author.empty() ? std::string("admin") : note.author),
               8, true, 0.25);
        p.Para(note.text, 9);
    }
    KpiDefinitions(p, r.definitions);
    return p.Finish(error);
}

std::string PeriodFileName(const PeriodDocument& doc, std::string_view extension) {
    std::string name(PeriodKindName(doc.kind));
    if (doc.kind == PeriodKind::Daily) name += "_" + FormatCivilDate(doc.from);
    else if (doc.kind == PeriodKind::Weekly) name += "_" + FormatCivilDate(doc.from) + "_" + FormatCivilDate(doc.to);
    else name += "_" + FormatCivilDate(doc.from).substr(0, 7);
    return name + "." + std::string(extension);
}

std::string IncidentFileName(const IncidentQuery& q, std::string_view extension) {
    std::string from = FormatClockTime(q.from_min), to = FormatClockTime(q.to_min);
    std::erase(from, ':');
    std::erase(to, ':');
    return "incident_" + FormatCivilDate(q.date) + "_" + from + "-" + to + "." + std::string(extension);
}

}  // namespace cb
