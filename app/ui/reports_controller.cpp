// ReportsController (reports_controller.h).
#include "reports_controller.h"

#include <cstdio>
#include "admin_controller.h"
#include "core/tz.h"

namespace cb {

namespace {

std::string PercentEncode(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

}  // namespace

std::string_view ReportRangeName(ReportRange r) {
    constexpr std::string_view kNames[] = {"today", "yesterday", "this_week", "last_week", "this_month", "last_month", "custom"};
    return size_t(r) < std::size(kNames) ? kNames[size_t(r)] : "custom";
}

ReportKpi TrendReportKpi(TrendKpi k) {
    switch (k) {
    case TrendKpi::AbandonRate: return ReportKpi::AbandonRate;
    case TrendKpi::Asa: return ReportKpi::Asa;
    case TrendKpi::Occupancy: return ReportKpi::Occupancy;
    default: return ReportKpi::ServiceLevel;
    }
}

std::string ReportsPath(const ReportsState& s) {
    std::string path = "api/reports?";
    if (s.range == ReportRange::Custom)
        path += "from=" + PercentEncode(s.from) + "&to=" + PercentEncode(s.to);
    else
        path += "range=" + std::string(ReportRangeName(s.range));
    path += "&granularity=" + std::string(ReportGranularityName(s.granularity));
    path += "&group=" + std::string(ReportGroupName(s.group));
    for (const std::string& key : ParseTeamsText(s.queues)) path += "&queue=" + PercentEncode(key);
    for (const std::string& key : ParseTeamsText(s.teams)) path += "&team=" + PercentEncode(key);
    for (const std::string& key : ParseTeamsText(s.agents)) path += "&agent=" + PercentEncode(key);
    return path;
}

void ReportsController::Open(const std::string& today) {
    if (m_state.from[0] == '\0') std::snprintf(m_state.from, sizeof m_state.from, "%s", today.c_str());
    if (m_state.to[0] == '\0') std::snprintf(m_state.to, sizeof m_state.to, "%s", today.c_str());
    if (!m_state.has_report && !m_state.loading) Run();
}

void ReportsController::SetRange(ReportRange r) {
    if (size_t(r) >= size_t(ReportRange::kCount)) return;
    m_state.range = r;
    if (r != ReportRange::Custom) Run();
}

void ReportsController::Run() {
    m_state.server_error = {};
    if (m_state.range == ReportRange::Custom) {
        CivilDate from, to;
        if (!ParseCivilDate(m_state.from, &from) || !ParseCivilDate(m_state.to, &to)) {
            m_state.error = ReportsError::BadDate;
            return;
        }
        if (to < from) {
            m_state.error = ReportsError::Reversed;
            return;
        }
        const int limit = GranularityMinutes(m_state.granularity) > 0 ? kMaxIntervalReportDays : kMaxReportDays;
        if (DaysInRange(from, to) > limit) {
            m_state.error = ReportsError::TooLong;
            return;
        }
    }
    m_state.error = ReportsError::None;
    m_state.loading = true;
    // A new request makes every older answer stale.
    m_next_tag = NextTag();
    ApiRequest r;
    r.method = "GET";
    r.path = ReportsPath(m_state);
    r.tag = m_next_tag;
    m_send(std::move(r));
}

void ReportsController::Sort(ReportColumn column) {
    if (m_state.sorted && column == m_state.sort) {
        m_state.descending = !m_state.descending;
    } else {
        m_state.sort = column;
        // Figures open biggest first; the period and the names in their natural order.
        m_state.descending = column.kind == ReportColumn::Kind::Count || column.kind == ReportColumn::Kind::Kpi;
    }
    m_state.sorted = true;
    Resort();
}

void ReportsController::Resort() {
    if (!m_state.sorted) {
        m_state.order.resize(m_state.report.rows.size());
        m_state.totals_order.resize(m_state.report.totals.size());
        for (size_t i = 0; i < m_state.order.size(); ++i) m_state.order[i] = i;
        for (size_t i = 0; i < m_state.totals_order.size(); ++i) m_state.totals_order[i] = i;
        return;
    }
    m_state.order = SortReportRows(m_state.report, m_state.report.rows, m_state.sort, m_state.descending);
    m_state.totals_order = SortReportRows(m_state.report, m_state.report.totals, m_state.sort, m_state.descending);
}

int ReportsController::NextTag() {
    m_counter = m_counter >= kLastTag ? kFirstTag : m_counter + 1;
    return m_counter;
}

std::string ReportPagePath(ReportPage page, PagePart part, const Report* now) {
    const char* range = page == ReportPage::Daily ? "yesterday" : page == ReportPage::Weekly ? "last_week" : "last_month";
    switch (part) {
    case PagePart::Now: return std::string("api/reports?range=") + range + "&granularity=60min&group=center";
    case PagePart::Queues: return std::string("api/reports?range=") + range + "&granularity=range&group=queue";
    case PagePart::Teams: return std::string("api/reports?range=") + range + "&granularity=range&group=team";
    default: {
        if (!now) return "";
        CivilDate from, to;
        PreviousPeriod(now->query.from, now->query.to, &from, &to);
        return "api/reports?from=" + FormatCivilDate(from) + "&to=" + FormatCivilDate(to) + "&granularity=range&group=center";
    }
    }
}

void ReportsController::SendPagePart(PagePart part, std::string path) {
    const size_t i = size_t(part);
    m_page_tags[i] = NextTag();
    m_state.page.loading[i] = true;
    ApiRequest r;
    r.method = "GET";
    r.path = std::move(path);
    r.tag = m_page_tags[i];
    m_send(std::move(r));
}

void ReportsController::OpenPage(ReportPage page) {
    if (size_t(page) >= size_t(ReportPage::kCount)) return;
    ReportPageState& p = m_state.page;
    p = ReportPageState{};
    p.page = page;
    m_page_tags = {};
    if (page == ReportPage::Explore) return;
    for (PagePart part : {PagePart::Now, PagePart::Queues, PagePart::Teams}) SendPagePart(part, ReportPagePath(page, part, nullptr));
}

void ReportsController::OnPageAnswer(size_t part, const TransportMessage& m) {
    ReportPageState& p = m_state.page;
    p.loading[part] = false;
    m_page_tags[part] = 0;
    if (m.status == 0) {
        p.error = ReportsError::Unreachable;
        return;
    }
    Report report;
    std::string why;
    if (m.status != 200) {
        p.error = ReportsError::Server;
        p.server_error = ApiErrorFromJson(m.status, m.data);
        return;
    }
    if (!ReportFromJson(m.data, &report, &why)) {
        p.error = ReportsError::Server;
        p.server_error = ApiError{m.status, "server", "", why};
        return;
    }
    p.reports[part] = std::move(report);
    p.has[part] = true;
    // The period's dates are known: ask for the one before.
    if (part == size_t(PagePart::Now))
        SendPagePart(PagePart::Before, ReportPagePath(p.page, PagePart::Before, &p.reports[part]));
}

void ReportsController::OnAnswer(const TransportMessage& m) {
    if (m.kind != TransportMessage::Kind::Api || !OwnsTag(m.tag)) return;
    for (size_t i = 0; i < kPageParts; ++i) {
        if (m_page_tags[i] != 0 && m.tag == m_page_tags[i]) {
            OnPageAnswer(i, m);
            return;
        }
    }
    if (m.tag != m_next_tag || !m_state.loading) return;
    m_state.loading = false;
    if (m.status == 0) {
        m_state.error = ReportsError::Unreachable;
        return;
    }
    if (m.status != 200) {
        m_state.error = ReportsError::Server;
        m_state.server_error = ApiErrorFromJson(m.status, m.data);
        return;
    }
    Report report;
    std::string why;
    if (!ReportFromJson(m.data, &report, &why)) {
        m_state.error = ReportsError::Server;
        m_state.server_error = ApiError{m.status, "server", "", why};
        return;
    }
    m_state.error = ReportsError::None;
    m_state.report = std::move(report);
    m_state.has_report = true;
    if (m_state.chart_group < 0 || size_t(m_state.chart_group) >= m_state.report.groups.size()) m_state.chart_group = 0;
    Resort();
}

void ReportsController::Clear() {
    m_state = ReportsState{};
    m_page_tags = {};
}

}  // namespace cb
