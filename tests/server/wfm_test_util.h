// Databases with queue interval history for the forecast tests: two queues, "sales" (80 % within
// 20 s) and "care" (90 % within 30 s), and interval_counts rows written as the store writes a
// day's counts (Store::WriteIntervalDays), cut from local midnight of the given zone.
#pragma once
#include <cmath>
#include <functional>
#include <random>
#include <string>
#include "core/kpi.h"
#include "core/tz.h"
#include "core/wfm/plan.h"
#include "server/store/store.h"
#include "server_test_util.h"

namespace cbtest {

inline cb::Directory WfmDirectory() {
    cb::Directory d = SmallCenter(1).directory;
    d.queues.clear();
    d.queues.push_back({"sales", "Sales", "销售", {cb::SlVariant::AnsweredOverOffered, 20, 0.8, 5}});
    d.queues.push_back({"care", "Care", "客服", {cb::SlVariant::AnsweredOverOffered, 30, 0.9, 5}});
    return d;
}

// counts(queue index, day index, slot of the local day, start_ms): the row of that interval
// (nothing stored when offered and staffed time are both 0).
using HistoryFn = std::function<cb::KpiCounts(size_t queue, int day, int slot, int64_t start_ms)>;

inline void WriteHistory(cb::Store& store, const cb::TimeZone& zone, const cb::CivilDate& first, int days, int minutes,
                         const HistoryFn& counts) {
    const cb::wfm::DayGrid grid(zone, first, days, minutes);
    const cb::Directory directory = WfmDirectory();
    std::vector<cb::IntervalDay> batch;
    for (int d = 0; d < days; ++d) {
        cb::IntervalDay day;
        day.day_start_ms = grid.DayStart(d);
        day.day_end_ms = d + 1 < days ? grid.DayStart(d + 1) : grid.end_ms();
        day.interval_minutes = minutes;
        for (size_t q = 0; q < directory.queues.size(); ++q) {
            for (const cb::wfm::DayGrid::Interval& iv : grid.Intervals(d)) {
                const cb::KpiCounts c = counts(q, d, iv.slot, iv.start_ms);
                if (c.offered == 0 && c.staffed_ms == 0) continue;
                day.rows.push_back({0, directory.queues[q].key, iv.start_ms, c});
            }
        }
        batch.push_back(std::move(day));
        if (batch.size() == 28 || d + 1 == days) {
            REQUIRE(store.WriteIntervalDays(batch).ok());
            batch.clear();
        }
    }
}

// A stored interval of `offered` calls, all handled in aht_s each, `abandoned` of them hung up
// after waiting wait_s, the answered ones waited 10 s; `agents` logged in all along.
inline cb::KpiCounts Row(int64_t offered, double aht_s, int64_t abandoned = 0, double wait_s = 0, double agents = 0,
                         int minutes = 15) {
    cb::KpiCounts c;
    c.offered = offered;
    c.answered = offered - abandoned;
    c.handled = c.answered;
    c.talk_ms = static_cast<int64_t>(std::llround(static_cast<double>(c.handled) * aht_s * 1000 * 0.8));
    c.wrap_ms = static_cast<int64_t>(std::llround(static_cast<double>(c.handled) * aht_s * 1000)) - c.talk_ms;
    c.abandoned = abandoned;
    c.wait_abandoned_ms = static_cast<int64_t>(std::llround(static_cast<double>(abandoned) * wait_s * 1000));
    c.wait_answered_ms = c.answered * 10000;
    c.staffed_ms = static_cast<int64_t>(std::llround(agents * minutes * 60000));
    return c;
}

// Expected calls per 15-minute interval: open 08:00-20:00, a curve over the day, a weekday
// factor; `level` at the busiest quarter-hour of a Monday.
inline double WfmProfile(int weekday, int slot96, double level) {
    const double hour = slot96 / 4.0;
    if (hour < 8 || hour >= 20) return 0;
    static constexpr double kWeekday[7] = {1.0, 0.96, 0.93, 0.92, 0.86, 0.5, 0.35};
    return level * kWeekday[weekday] * (0.55 + 0.45 * std::sin((hour - 8) / 12.0 * 3.14159265));
}

}  // namespace cbtest
