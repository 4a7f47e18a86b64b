// Plans and special days of the stored queues (plan_service.h).
#include "server/wfm/plan_service.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

namespace cb {

namespace {

using wfm::PlanAsk;
using wfm::PlanReport;
using wfm::SpecialDay;

std::string KnownQueues(const std::vector<WfmQueue>& queues) {
    std::string list;
    for (const WfmQueue& q : queues) list += (list.empty() ? "" : ", ") + q.key;
    return list.empty() ? "none stored yet" : list;
}

std::string SpecialText(const SpecialDay& d) {
    std::string text = std::string(wfm::SpecialKindName(d.kind));
    if (d.factor) {
        char buf[48];
        std::snprintf(buf, sizeof buf, ", factor %g", *d.factor);
        text += buf;
    } else {
        text += ", history left out only";
    }
    return text;
}

std::string Where(const std::string& date, const std::string& queue) {
    return date + (queue.empty() ? ", every queue" : ", queue " + queue);
}

AuditEntry Audit(const WfmActor& actor, int64_t now_ms, const char* action, const std::string& detail) {
    return AuditEntry{0, now_ms, actor.user.empty() ? "-" : actor.user, action, detail, actor.address, true};
}

}  // namespace

WfmOutcome WfmOutcome::Fail(Kind kind, std::string field, const std::string& message) {
    WfmOutcome o;
    o.kind = kind;
    o.message = field.empty() ? message : field + ": " + message;
    o.field = std::move(field);
    return o;
}

WfmOutcome MakePlan(WfmStore& store, const TimeZone& zone, int64_t now_ms, const PlanAsk& ask, bool staffing,
                    PlanReport* report) {
    using K = WfmOutcome::Kind;
    std::string why;
    if (!wfm::CheckPlanAsk(ask, &why)) return WfmOutcome::Fail(K::Invalid, why.substr(0, why.find(':')), why.substr(why.find(':') + 2));
    if (!wfm::ValidIntervalMinutes(ask.interval_minutes))
        return WfmOutcome::Fail(K::Invalid, "interval", std::to_string(ask.interval_minutes) + " is not 15 or 30 (minutes)");
    Result<std::vector<WfmQueue>> stored = store.Queues();
    if (!stored.ok()) return WfmOutcome::Fail(K::Failed, "", stored.status().message());
    std::vector<const WfmQueue*> queues;
    for (const std::string& key : ask.queues) {
        auto it = std::find_if(stored.value().begin(), stored.value().end(), [&](const WfmQueue& q) { return q.key == key; });
        if (it == stored.value().end())
            return WfmOutcome::Fail(K::Invalid, "queue", "'" + key + "' is not a known queue (known: " + KnownQueues(stored.value()) + ")");
        queues.push_back(&*it);
    }
    if (ask.queues.empty())
        for (const WfmQueue& q : stored.value()) queues.push_back(&q);

    // The days: the history window ends the day before `from` or today, whichever is earlier.
    const CivilDate today = zone.DateOf(now_ms);
    CivilDate from = wfm::DefaultForecastStart(today);
    if (!ask.from.empty() && !ParseCivilDate(ask.from, &from))
        return WfmOutcome::Fail(K::Invalid, "from", "'" + ask.from + "' is not a date YYYY-MM-DD");
    const int64_t from_days = DaysFromCivil(from), today_days = DaysFromCivil(today);
    if (from_days - today_days > 7 * wfm::kMaxHorizonWeeks)
        return WfmOutcome::Fail(K::Invalid, "from", FormatCivilDate(from) + " is more than " +
                                                        std::to_string(wfm::kMaxHorizonWeeks) + " weeks ahead");
    const int64_t end_days = std::min(from_days, today_days);  // first day not in the history
    const int history_days = 7 * ask.history_weeks;
    const CivilDate first = CivilFromDays(end_days - history_days);
    const int from_day = static_cast<int>(from_days - (end_days - history_days));
    const int horizon_days = 7 * ask.weeks;
    const wfm::DayGrid grid(zone, first, from_day + horizon_days, ask.interval_minutes);

    std::unordered_map<std::string, size_t> index;
    for (size_t i = 0; i < queues.size(); ++i) index.emplace(queues[i]->key, i);
    wfm::HistoryBuilder history(grid, queues.size());
    std::string interval_error;
    Status status = store.ForEachQueueInterval(
        grid.start_ms(), std::min(grid.end_ms(), now_ms),
        [&](std::string_view key, int64_t start_ms, int minutes, const wfm::IntervalHistory& counts) {
            if (!interval_error.empty()) return;
            if (minutes <= 0 || minutes > ask.interval_minutes || ask.interval_minutes % minutes != 0) {
                interval_error = "the history is counted in " + std::to_string(minutes) + "-minute intervals; ask for " +
                                 (minutes == 15 ? std::string("15 or 30") : std::to_string(minutes));
                return;
            }
            auto it = index.find(std::string(key));
            history.Add(it == index.end() ? queues.size() : it->second, start_ms, counts);
        });
    if (!status.ok()) return WfmOutcome::Fail(K::Failed, "", status.message());
    if (!interval_error.empty()) return WfmOutcome::Fail(K::Invalid, "interval", interval_error);

    Result<std::vector<SpecialDay>> special = store.SpecialDays(FormatCivilDate(first), FormatCivilDate(grid.DateOf(grid.days() - 1)));
    if (!special.ok()) return WfmOutcome::Fail(K::Failed, "", special.status().message());
    // Special days before the forecast: left out of the history of the queues they apply to.
    std::vector<std::vector<uint8_t>> excluded(queues.size(), std::vector<uint8_t>(static_cast<size_t>(history_days), 0));
    for (int d = 0; d < history_days; ++d) {
        const std::string date = FormatCivilDate(grid.DateOf(d));
        for (size_t q = 0; q < queues.size(); ++q) {
            if (wfm::SpecialDayFor(special.value(), date, queues[q]->key)) {
                history.Exclude(d, q);
                excluded[q][static_cast<size_t>(d)] = 1;
            }
        }
    }

    PlanReport r;
    r.from = FormatCivilDate(from);
    r.to = FormatCivilDate(CivilFromDays(from_days + horizon_days - 1));
    r.time_zone = zone.name();
    r.weeks = ask.weeks;
    r.interval_minutes = ask.interval_minutes;
    r.method = ask.method ? std::string(wfm::MethodName(*ask.method)) : "auto";
    r.history_weeks = ask.history_weeks;
    r.history_from = FormatCivilDate(first);
    r.history_to = FormatCivilDate(CivilFromDays(end_days - 1));
    r.made_ms = now_ms;
    r.staffing = staffing;
    const int plan_days = grid.days() - history_days;
    for (size_t q = 0; q < queues.size(); ++q) {
        const wfm::QueueSeries series = history.Series(q, grid.days());
        std::vector<double> factors(static_cast<size_t>(plan_days), 1.0);
        for (int d = 0; d < plan_days; ++d) {
            const SpecialDay* s = wfm::SpecialDayFor(special.value(), FormatCivilDate(grid.DateOf(history_days + d)), queues[q]->key);
            if (s && s->factor) factors[static_cast<size_t>(d)] = *s->factor;
        }
        const wfm::QueuePlan plan = wfm::PlanQueue(series, grid.slots_per_day(), history_days, plan_days, factors, ask.method);
        wfm::PlanQueueReport out;
        out.key = queues[q]->key;
        out.method = plan.method;
        out.choice = plan.choice;
        out.origins = plan.backtest.origins;
        out.accuracy = plan.backtest.by_method;
        out.ran = plan.backtest.ran;
        out.history_weeks = plan.history_weeks;
        out.missing_days = plan.missing_days;
        if (plan.choice != wfm::PlanChoice::NoHistory) {
            for (int d = plan.first_day; d < history_days; ++d) out.excluded_days += excluded[q][static_cast<size_t>(d)];
        }
        out.noise_floor = plan.noise_floor;
        out.patience = plan.patience;
        if (staffing) {
            if (!wfm::TargetFor(ask, queues[q]->sl_target, queues[q]->sl_threshold_s, plan.patience, &out.target, &out.model, &why))
                return WfmOutcome::Fail(K::Invalid, "queue " + queues[q]->key, why);
        }
        wfm::LayOut(grid, history_days, from_day, grid.days(), plan, series, now_ms, special.value(), &out);
        if (staffing) wfm::StaffDays(ask.interval_minutes * 60.0, &out);
        r.queues.push_back(std::move(out));
    }
    *report = std::move(r);
    return WfmOutcome{};
}

WfmOutcome SetSpecialDay(WfmStore& store, SpecialDay day, const WfmActor& actor, int64_t now_ms) {
    using K = WfmOutcome::Kind;
    std::string field, why;
    if (!wfm::CheckSpecialDay(day, &field, &why)) return WfmOutcome::Fail(K::Invalid, field, why);
    if (!day.queue.empty()) {
        Result<std::vector<WfmQueue>> queues = store.Queues();
        if (!queues.ok()) return WfmOutcome::Fail(K::Failed, "", queues.status().message());
        if (std::none_of(queues.value().begin(), queues.value().end(), [&](const WfmQueue& q) { return q.key == day.queue; }))
            return WfmOutcome::Fail(K::Invalid, "queue",
                                    "'" + day.queue + "' is not a known queue (known: " + KnownQueues(queues.value()) + ")");
    }
    Result<std::optional<SpecialDay>> before = store.SpecialDay(day.date, day.queue);
    if (!before.ok()) return WfmOutcome::Fail(K::Failed, "", before.status().message());
    day.updated_by = actor.user.empty() ? "(local)" : actor.user;  // no account name has "("
    day.updated_ms = now_ms;
    // The note is not copied into the audit log (free text); whether it changed is.
    std::string detail = Where(day.date, day.queue) + ": " + SpecialText(day);
    if (before.value()) {
        detail += " (was " + SpecialText(*before.value()) + ")";
        if (before.value()->note != day.note) detail += "; note changed";
    } else if (!day.note.empty()) {
        detail += "; with a note";
    }
    Status status = store.PutSpecialDay(day, Audit(actor, now_ms, "special_day_set", detail));
    if (!status.ok()) return WfmOutcome::Fail(K::Failed, "", status.message());
    return WfmOutcome{};
}

WfmOutcome RemoveSpecialDay(WfmStore& store, const std::string& date, const std::string& queue, const WfmActor& actor,
                            int64_t now_ms) {
    using K = WfmOutcome::Kind;
    SpecialDay probe;
    probe.date = date;
    probe.queue = queue;
    std::string field, why;
    if (!wfm::CheckSpecialDay(probe, &field, &why)) return WfmOutcome::Fail(K::Invalid, field, why);
    Result<std::optional<SpecialDay>> before = store.SpecialDay(date, queue);
    if (!before.ok()) return WfmOutcome::Fail(K::Failed, "", before.status().message());
    if (!before.value()) return WfmOutcome::Fail(K::NotFound, "", "no special day on " + Where(date, queue));
    Result<bool> removed = store.DeleteSpecialDay(
        date, queue, Audit(actor, now_ms, "special_day_delete", Where(date, queue) + ": " + SpecialText(*before.value())));
    if (!removed.ok()) return WfmOutcome::Fail(K::Failed, "", removed.status().message());
    if (!removed.value()) return WfmOutcome::Fail(K::NotFound, "", "no special day on " + Where(date, queue));
    return WfmOutcome{};
}

}  // namespace cb
