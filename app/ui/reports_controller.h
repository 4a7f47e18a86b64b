// The Reports area (view_reports.cpp, docs/reports.md "Views"): turns the form into GET
// /api/reports (the server scopes a lead to their teams), decodes the answer with the core's
// ReportFromJson and keeps the table's sort. Custom dates are checked here first (format, order,
// the range limit of core/report), so most mistakes show at once; the server checks everything
// again and its refusal is shown as it says. Lives beside the live stream: a reconnect of the
// stream leaves the form and the report as they are.
#pragma once
#include "api_tags.h"
#include <functional>
#include <string>
#include "client/transport.h"
#include "reports_state.h"

namespace cb {

class ReportsController {
public:
    // Tags of its requests (ApiRequest::tag): [kFirstTag, kLastTag].
    static constexpr int kFirstTag = api_tags::kReports.first, kLastTag = api_tags::kReports.last;
    static bool OwnsTag(int tag) { return tag >= kFirstTag && tag <= kLastTag; }

    using Send = std::function<void(ApiRequest)>;
    explicit ReportsController(Send send) : m_send(std::move(send)) {}

    ReportsState& state() { return m_state; }
    const ReportsState& state() const { return m_state; }

    // The area opens: custom dates default to `today` (the center's local date) when empty; the
    // first opening asks for the form's report at once, later ones keep the report shown.
    void Open(const std::string& today);
    void Run();                       // checks the form and asks the server
    void SetRange(ReportRange r);     // a range button: asks at once unless Custom
    void Sort(ReportColumn column);   // a header click: by this column; again: the other direction
    // A report page: asks its four reports (the previous period's once the period's dates are
    // known); Explore goes back to the form.
    void OpenPage(ReportPage page);
    void OnAnswer(const TransportMessage& answer);
    void Clear();                     // signed out: forget the form and the report

private:
    void Resort();
    int NextTag();
    void SendPagePart(PagePart part, std::string path);
    void OnPageAnswer(size_t part, const TransportMessage& m);
    Send m_send;
    ReportsState m_state;
    int m_counter = kFirstTag;
    int m_next_tag = 0;               // the form's request; answers of older requests are ignored
    std::array<int, kPageParts> m_page_tags{};  // the page's requests
};

// The API path of a form, e.g. "api/reports?range=last_week&granularity=day&group=queue&queue=sales"
// or "api/reports?from=2026-03-01&to=2026-03-31&granularity=week&group=agent&team=a"; filter keys
// separated by commas, Chinese commas or spaces, percent-encoded.
std::string ReportsPath(const ReportsState& s);
// A page's requests: "api/reports?range=yesterday&granularity=60min&group=center" (Now), the
// same range with granularity=range and group=queue / team; Before: from/to of the previous period.
std::string ReportPagePath(ReportPage page, PagePart part, const Report* now);

}  // namespace cb
