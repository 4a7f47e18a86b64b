// Forecasts and staffing plans of the stored queues, and the special days they take into account
// (docs/wfm.md, "Forecast and staffing from history"): the rules GET /api/wfm/forecast,
// /api/wfm/staffing, /api/wfm/special-days and `callboard forecast` share. A plan reads the
// queues' interval history through WfmStore, lays it on the local days of the center's zone,
// plans each queue with the core (core/wfm/plan.h: the back-test's method, handle time, patience,
// special days) and lays the plans on the real intervals of the days asked for, staffed when
// asked. Special days are checked (core/wfm/plan.h, the queue must be stored), then stored with
// their audit line. Thread-safe as WfmStore is.
#pragma once
#include <cstdint>
#include <string>
#include "core/tz.h"
#include "core/wfm/plan.h"
#include "core/wfm/plan_report.h"
#include "server/store/store_wfm.h"

namespace cb {

struct WfmOutcome {
    enum class Kind { Ok, Invalid, NotFound, Failed };
    Kind kind = Kind::Ok;
    std::string field;    // the option or field at fault ("queue", "interval", "factor", ...), when one is
    std::string message;  // one English line, naming the field first
    bool ok() const { return kind == Kind::Ok; }
    static WfmOutcome Fail(Kind kind, std::string field, const std::string& message);
};

// A plan of the stored queues for `ask` in `zone`. now_ms: the center's clock: the history ends
// the day before `from` (or yesterday, when `from` is later), and intervals over by now_ms show
// what happened. staffing: every interval staffed for the ask's target (else the queue's own).
// Invalid: an unknown queue, a `from` more than kMaxHorizonWeeks weeks ahead, 15 minutes asked of
// a history counted in 30, a model that cannot be used; Failed: the database.
WfmOutcome MakePlan(WfmStore& store, const TimeZone& zone, int64_t now_ms, const wfm::PlanAsk& ask, bool staffing,
                    wfm::PlanReport* report);

// Who changes a special day, for its audit line.
struct WfmActor {
    std::string user;     // account name, "-" for the local admin, "cli:<login>" for the command line
    std::string address;  // client address, "cli"
};

// Stores a special day (date, queue or "" for every queue, kind, factor or none, note) made by
// `actor` at now_ms. Invalid: a field that does not read (CheckSpecialDay) or a queue not stored.
WfmOutcome SetSpecialDay(WfmStore& store, wfm::SpecialDay day, const WfmActor& actor, int64_t now_ms);
// Removes the special day of (date, queue). NotFound when there is none.
WfmOutcome RemoveSpecialDay(WfmStore& store, const std::string& date, const std::string& queue, const WfmActor& actor,
                            int64_t now_ms);

}  // namespace cb
