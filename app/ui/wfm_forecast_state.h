// The "Forecast & staffing" page's state (view_wfm_forecast.cpp draws it, WfmForecastController
// changes it): the form (edited in place by the view), the special-day form, whether requests
// are out, what went wrong, the last plan (GET /api/wfm/staffing) and the stored special days.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "client/admin_api.h"
#include "core/wfm/plan_report.h"

namespace cb {

enum class WfmForecastError : uint8_t { None, BadDate, BadNumber, Server, Unreachable };

// What the page asks of its controller (UiAction::WfmForecastCommand's value).
enum class WfmForecastCommand : uint8_t { Run, SaveSpecialDay, DeleteSpecialDay, PickSpecialDay };

struct WfmForecastState {
    // The plan's form: first day, weeks, interval (0: 15, 1: 30 minutes), queues ("a, b"; empty
    // = every queue), method (0 auto, then core's Method + 1), the staffing target (SL "80/20" or
    // empty: each queue's own), shrinkage percent (empty: none).
    char from[16] = {};
    int weeks = 2;
    int interval = 0;
    char queues[160] = {};
    int method = 0;
    char sl[16] = {};
    char shrinkage[8] = {};
    bool loading = false;
    WfmForecastError error = WfmForecastError::None;
    ApiError server_error;
    bool has_report = false;
    wfm::PlanReport report;
    int queue = 0;                  // the queue shown (index into report.queues)
    int day = 0;                    // the day whose intervals the table lists (index into days)
    bool scroll_to_open = false;    // the table scrolls to the day's first interval with calls (new plan or day)

    // Special days: the list, and the editor's form.
    std::vector<wfm::SpecialDay> special_days;
    char sd_date[16] = {};
    char sd_queue[64] = {};         // empty: every queue
    int sd_kind = 0;                // 0 holiday, 1 campaign
    char sd_factor[16] = {};        // empty: history left out only
    char sd_note[201] = {};
    int sd_selected = -1;           // PickSpecialDay's row (the action's value)
    bool sd_busy = false;
    WfmForecastError sd_error = WfmForecastError::None;
    ApiError sd_server_error;
    bool sd_saved = false;          // the last change was stored
};

}  // namespace cb
