// A forecast and staffing plan as GET /api/wfm/forecast and /api/wfm/staffing, `callboard forecast
// --json` and the forecast page show it (docs/api.md, "Forecast and staffing"): per queue the
// method and why, the back-test's accuracy of every method, the history behind it, the callers'
// patience, the target and model of the staffing, and per local day and interval the forecast,
// what happened where it is known, and the agents needed. JSON decoding never throws (the web
// build has no exceptions) and names what was wrong.
#pragma once
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "core/wfm/plan.h"

namespace cb::wfm {

struct PlanInterval {
    int64_t start_ms = 0;
    std::string time;                 // local HH:MM of its start
    double calls = 0;                 // forecast
    double aht_s = std::numeric_limits<double>::quiet_NaN();  // forecast handle time; NaN: unknown
    bool has_actual = false;          // the interval is over and its day has stored data
    double actual_calls = 0;
    double actual_aht_s = std::numeric_limits<double>::quiet_NaN();  // NaN: nothing handled
    double actual_agents = 0;         // member agents logged in, on average over the interval
    IntervalStaffing staffing;        // PlanReport::staffing only
};

struct PlanDay {
    std::string date;                 // local YYYY-MM-DD
    int weekday = 0;                  // 0 Monday .. 6 Sunday
    std::string special;              // "holiday" / "campaign" when a special day applies, else empty
    std::optional<double> factor;     // its factor, when it has one (applied to the forecast)
    std::vector<PlanInterval> intervals;
};

struct PlanQueueReport {
    std::string key;
    Method method = Method::WeeklyAverage;
    PlanChoice choice = PlanChoice::NoHistory;
    int origins = 0;                  // weeks back-tested; 0: too little history
    std::array<Accuracy, static_cast<size_t>(Method::kCount)> accuracy{};
    std::array<bool, static_cast<size_t>(Method::kCount)> ran{};
    int history_weeks = 0;
    int missing_days = 0;             // of those weeks: no data, or left out as special days
    int excluded_days = 0;            // of them: special days
    double noise_floor = 0;
    Patience patience;
    StaffModel model = StaffModel::ErlangC;  // staffing: the model used (erlang_c or erlang_a)
    Target target;                           // staffing: the target used
    std::vector<PlanDay> days;
};

struct PlanReport {
    std::string from, to;             // first and last local date forecast
    std::string time_zone;            // "Asia/Shanghai", "UTC+08:00"
    int weeks = kDefaultHorizonWeeks;
    int interval_minutes = 15;
    std::string method = "auto";      // as asked: "auto" or a method name
    std::string history_from;         // first date of history read (empty: none)
    std::string history_to;           // last date of history (the day before `from`, or yesterday)
    int history_weeks = kDefaultHistoryWeeks;  // as asked
    int64_t made_ms = 0;              // when the plan was made (intervals before it have actuals)
    bool staffing = false;            // intervals carry staffing
    std::vector<PlanQueueReport> queues;
};

// Lays a queue's plan onto the real intervals of grid days [from_day, to_day): the plan's calls
// start at grid day plan_day0 (from_day >= plan_day0); actual figures from `actual` for intervals
// over by made_ms whose day has a value; special days of the days laid out named.
void LayOut(const DayGrid& grid, int plan_day0, int from_day, int to_day, const QueuePlan& plan,
            const QueueSeries& actual, int64_t made_ms, const std::vector<SpecialDay>& special, PlanQueueReport* out);
// Staffs every interval of out's days for out->target with the forecast calls and handle time.
void StaffDays(double interval_s, PlanQueueReport* out);

std::string PlanReportToJson(const PlanReport& report);
bool PlanReportFromJson(std::string_view json, PlanReport* report, std::string* error);

// GET /api/wfm/special-days: {"special_days":[{"date","queue","kind","factor","note","updated_by","updated_ms"}]}
std::string SpecialDaysToJson(const std::vector<SpecialDay>& days);
bool SpecialDaysFromJson(std::string_view json, std::vector<SpecialDay>* days, std::string* error);

}  // namespace cb::wfm
