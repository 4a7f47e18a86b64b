// The Reports area (view_reports.cpp, docs/reports.md "Views"): turns the form into GET
// /api/reports (the server scopes a lead to their teams), decodes the answer with the core's
// ReportFromJson and keeps the table's sort. Custom dates are checked here first (format, order,
// the range limit of core/report), so most mistakes show at once; the server checks everything
// again and its refusal is shown as it says. Lives beside the live stream: a reconnect of the
// stream leaves the form and the report as they are.
#pragma once
#include <functional>
#include <string>
#include "client/transport.h"
#include "reports_state.h"

namespace cb {

class ReportsController {
public:
    // Tags of its requests (ApiRequest::tag): [kFirstTag, kLastTag].
    static constexpr int kFirstTag = 300, kLastTag = 399;
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
    void OnAnswer(const TransportMessage& answer);
    void Clear();                     // signed out: forget the form and the report

private:
    void Resort();
    Send m_send;
    ReportsState m_state;
    int m_next_tag = kFirstTag;       // answers of older requests are ignored
};

// The API path of a form, e.g. "api/reports?range=last_week&granularity=day&group=queue&queue=sales"
// or "api/reports?from=2026-03-01&to=2026-03-31&granularity=week&group=agent&team=a"; filter keys
// separated by commas, Chinese commas or spaces, percent-encoded.
std::string ReportsPath(const ReportsState& s);

}  // namespace cb
