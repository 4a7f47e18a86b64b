// The "Forecast & staffing" page's controller (view_wfm_forecast.cpp, docs/wfm.md "The Forecast
// & staffing page"): turns the form into GET /api/wfm/staffing, and the special-day editor into
// GET/PUT/DELETE /api/wfm/special-days; answers into the state. Dates and numbers are checked
// here first so most mistakes show at once; the server checks them again and its refusal is
// shown as it says.
#pragma once
#include <functional>
#include <string>
#include "client/transport.h"
#include "wfm_forecast_state.h"

namespace cb {

class WfmForecastController {
public:
    // Tags of its requests (ApiRequest::tag): [kFirstTag, kLastTag].
    static constexpr int kFirstTag = 300, kLastTag = 399;
    static bool OwnsTag(int tag) { return tag >= kFirstTag && tag <= kLastTag; }

    using Send = std::function<void(ApiRequest)>;
    explicit WfmForecastController(Send send) : m_send(std::move(send)) {}

    WfmForecastState& state() { return m_state; }
    const WfmForecastState& state() const { return m_state; }

    // The page opens: the first day defaults to the Monday of `today`'s week (the center's local
    // date, YYYY-MM-DD), so this week shows what happened so far next to its forecast; then it
    // asks for the plan and the special days.
    void Open(const std::string& today);
    void Command(WfmForecastCommand command, int value);
    void OnAnswer(const TransportMessage& answer);
    void Clear();                   // signed out: forget everything

private:
    void Run();
    void LoadSpecialDays();
    void SaveSpecialDay();
    void DeleteSpecialDay();
    int NextTag(int* tag, int first, int last);

    Send m_send;
    WfmForecastState m_state;
    int m_plan_tag = kFirstTag;         // [300, 349]: plans; answers of older requests are ignored
    int m_days_tag = kFirstTag + 50;    // [350, 399]: special days
    bool m_days_change = false;         // the special-days request out is a PUT or DELETE
};

// The API path of the form, e.g. "api/wfm/staffing?from=2026-01-05&weeks=2&interval=15&queue=sales&sl=80/20".
// False with *error when a number does not read (sl "P/S", shrinkage 0-99).
bool WfmStaffingPath(const WfmForecastState& s, std::string* path, WfmForecastError* error);
// The PUT body of the special-day form: {"kind","factor","note"}; false when the factor does not read.
bool SpecialDayBody(const WfmForecastState& s, std::string* body);

}  // namespace cb
