// Forecast and staffing plans from interval history (plan.h).
#include "plan.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace cb::wfm {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::string_view kChoiceNames[] = {"backtest", "asked", "short_history", "no_history"};
constexpr std::string_view kModelNames[] = {"auto", "erlang_c", "erlang_a"};
constexpr std::string_view kKindNames[] = {"holiday", "campaign"};

template <size_t N, typename E>
bool ParseName(const std::string_view (&names)[N], std::string_view name, E* out) {
    for (size_t i = 0; i < N; ++i) {
        if (names[i] == name) {
            *out = static_cast<E>(i);
            return true;
        }
    }
    return false;
}

bool WholeNumber(std::string_view name, std::string_view text, long low, long high, long* out, std::string* why) {
    const std::string s(text);
    char* end = nullptr;
    const long v = s.empty() ? 0 : std::strtol(s.c_str(), &end, 10);
    if (s.empty() || end != s.c_str() + s.size() || v < low || v > high) {
        *why = std::string(name) + ": '" + s + "' is not a whole number from " + std::to_string(low) + " to " +
               std::to_string(high);
        return false;
    }
    *out = v;
    return true;
}

bool Number(std::string_view name, std::string_view text, double low, double high, const char* unit, double* out,
            std::string* why) {
    const std::string s(text);
    char* end = nullptr;
    const double v = s.empty() ? 0 : std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v) || v < low || v > high) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "%s: '%s' is not a number from %g to %g%s", std::string(name).c_str(), s.c_str(), low,
                      high, unit);
        *why = buf;
        return false;
    }
    *out = v;
    return true;
}

bool IsQueueKeyChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

}  // namespace

bool ValidIntervalMinutes(int minutes) { return minutes == 15 || minutes == 30; }

CivilDate DefaultForecastStart(const CivilDate& today) {
    const int64_t days = DaysFromCivil(today);
    return CivilFromDays(days + 7 - WeekdayOf(today));
}

// ---- DayGrid -----------------------------------------------------------------------------------

DayGrid::DayGrid(const TimeZone& zone, const CivilDate& first, int days, int minutes) : m_first(first), m_minutes(minutes) {
    if (!ValidIntervalMinutes(minutes) && minutes != 60) m_minutes = minutes = 15;
    const int64_t interval_ms = static_cast<int64_t>(minutes) * 60000;
    const int slots = 1440 / minutes;
    int64_t start = zone.StartOfDate(first);
    m_days.reserve(static_cast<size_t>(std::max(0, days)));
    for (int d = 0; d < days; ++d) {
        const int64_t next = zone.NextDayStart(start);
        Day day;
        day.start_ms = start;
        day.occurrences.assign(static_cast<size_t>(slots), 0);
        for (int64_t t = start; t < next; t += interval_ms) {
            const CivilTime c = zone.ToCivil(t);
            const int slot = std::clamp((c.hour * 60 + c.minute) / minutes, 0, slots - 1);
            day.intervals.push_back({t, slot});
            ++day.occurrences[static_cast<size_t>(slot)];
        }
        m_days.push_back(std::move(day));
        start = next;
    }
    m_end_ms = start;
}

CivilDate DayGrid::DateOf(int day) const { return CivilFromDays(DaysFromCivil(m_first) + day); }

int DayGrid::Occurrences(int day, int slot) const {
    return m_days[static_cast<size_t>(day)].occurrences[static_cast<size_t>(slot)];
}

bool DayGrid::Locate(int64_t t_ms, int* day, int* interval) const {
    if (m_days.empty() || t_ms < m_days.front().start_ms || t_ms >= m_end_ms) return false;
    const auto it = std::upper_bound(m_days.begin(), m_days.end(), t_ms,
                                     [](int64_t t, const Day& d) { return t < d.start_ms; });
    const size_t d = static_cast<size_t>(it - m_days.begin()) - 1;
    const int64_t k = (t_ms - m_days[d].start_ms) / (static_cast<int64_t>(m_minutes) * 60000);
    if (k < 0 || static_cast<size_t>(k) >= m_days[d].intervals.size()) return false;
    *day = static_cast<int>(d);
    *interval = static_cast<int>(k);
    return true;
}

// ---- HistoryBuilder ------------------------------------------------------------------------------

HistoryBuilder::HistoryBuilder(const DayGrid& grid, size_t queues)
    : m_grid(grid),
      m_queues(queues),
      m_center_days(static_cast<size_t>(grid.days()), 0),
      m_first_day(queues, INT_MAX),
      m_excluded(queues * static_cast<size_t>(grid.days()), 0),
      m_cells(queues * static_cast<size_t>(grid.days()) * static_cast<size_t>(grid.slots_per_day())) {}

void HistoryBuilder::Add(size_t q, int64_t start_ms, const IntervalHistory& row) {
    int day = 0, interval = 0;
    if (!m_grid.Locate(start_ms, &day, &interval)) return;
    m_center_days[static_cast<size_t>(day)] = 1;
    if (q >= m_queues) return;
    m_first_day[q] = std::min(m_first_day[q], day);
    const int slot = m_grid.Intervals(day)[static_cast<size_t>(interval)].slot;
    IntervalHistory& c =
        m_cells[(q * static_cast<size_t>(m_grid.days()) + static_cast<size_t>(day)) * static_cast<size_t>(m_grid.slots_per_day()) +
                static_cast<size_t>(slot)];
    c.offered += row.offered;
    c.handled += row.handled;
    c.handle_ms += row.handle_ms;
    c.answered += row.answered;
    c.abandoned += row.abandoned;
    c.wait_ms += row.wait_ms;
    c.staffed_ms += row.staffed_ms;
}

void HistoryBuilder::Exclude(int day, size_t q) {
    if (day < 0 || day >= m_grid.days()) return;
    for (size_t i = 0; i < m_queues; ++i)
        if (q == static_cast<size_t>(-1) || q == i) m_excluded[i * static_cast<size_t>(m_grid.days()) + static_cast<size_t>(day)] = 1;
}

int HistoryBuilder::DaysWithData(int from_day, int to_day) const {
    int n = 0;
    for (int d = std::max(0, from_day); d < std::min(to_day, m_grid.days()); ++d) n += m_center_days[static_cast<size_t>(d)];
    return n;
}

QueueSeries HistoryBuilder::Series(size_t q, int through_day) const {
    const size_t slots = static_cast<size_t>(m_grid.slots_per_day());
    const size_t n = static_cast<size_t>(m_grid.days()) * slots;
    QueueSeries s;
    for (auto* v : {&s.offered, &s.handled, &s.handle_s, &s.abandoned, &s.wait_s, &s.staffed_agents}) v->assign(n, kNaN);
    if (q >= m_queues) return s;
    const double interval_ms = m_grid.minutes() * 60000.0;
    for (int d = 0; d < std::min(through_day, m_grid.days()); ++d) {
        const size_t day = static_cast<size_t>(d);
        if (!m_center_days[day] || d < m_first_day[q] || m_excluded[q * static_cast<size_t>(m_grid.days()) + day]) continue;
        for (size_t slot = 0; slot < slots; ++slot) {
            const int occ = m_grid.Occurrences(d, static_cast<int>(slot));
            if (occ == 0) continue;  // the hour skipped when daylight saving time starts
            const IntervalHistory& c = m_cells[(q * static_cast<size_t>(m_grid.days()) + day) * slots + slot];
            const size_t i = day * slots + slot;
            s.offered[i] = static_cast<double>(c.offered) / occ;
            s.handled[i] = static_cast<double>(c.handled) / occ;
            s.handle_s[i] = static_cast<double>(c.handle_ms) / 1000.0 / occ;
            s.abandoned[i] = static_cast<double>(c.abandoned) / occ;
            s.wait_s[i] = static_cast<double>(c.wait_ms) / 1000.0 / occ;
            s.staffed_agents[i] = static_cast<double>(c.staffed_ms) / interval_ms / occ;
        }
    }
    return s;
}

// ---- Special days --------------------------------------------------------------------------------

std::string_view SpecialKindName(SpecialKind k) {
    const auto i = static_cast<size_t>(k);
    return i < std::size(kKindNames) ? kKindNames[i] : "unknown";
}

bool ParseSpecialKind(std::string_view name, SpecialKind* out) { return ParseName(kKindNames, name, out); }

bool CheckSpecialDay(const SpecialDay& day, std::string* field, std::string* why) {
    CivilDate date;
    if (!ParseCivilDate(day.date, &date)) {
        *field = "date";
        *why = "'" + day.date + "' is not a date YYYY-MM-DD";
        return false;
    }
    if (day.queue.size() > 64 || !std::all_of(day.queue.begin(), day.queue.end(), IsQueueKeyChar)) {
        *field = "queue";
        *why = "'" + day.queue + "' is not a queue key (letters, digits, _ - .; at most 64)";
        return false;
    }
    if (day.factor && !(*day.factor >= 0 && *day.factor <= kMaxSpecialFactor)) {
        char buf[120];
        std::snprintf(buf, sizeof buf, "%g is not a factor from 0 to %g (0: closed, 1: a normal day)", *day.factor,
                      kMaxSpecialFactor);
        *field = "factor";
        *why = buf;
        return false;
    }
    if (day.note.size() > kMaxSpecialNote) {
        *field = "note";
        *why = "longer than " + std::to_string(kMaxSpecialNote) + " bytes";
        return false;
    }
    if (std::any_of(day.note.begin(), day.note.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; })) {
        *field = "note";
        *why = "one line, no tabs";
        return false;
    }
    return true;
}

const SpecialDay* SpecialDayFor(const std::vector<SpecialDay>& days, std::string_view date, std::string_view queue) {
    const SpecialDay* all = nullptr;
    for (const SpecialDay& d : days) {
        if (d.date != date) continue;
        if (d.queue == queue) return &d;
        if (d.queue.empty()) all = &d;
    }
    return all;
}

// ---- PlanQueue ------------------------------------------------------------------------------------

std::string_view PlanChoiceName(PlanChoice c) {
    const auto i = static_cast<size_t>(c);
    return i < std::size(kChoiceNames) ? kChoiceNames[i] : "unknown";
}

bool ParsePlanChoice(std::string_view name, PlanChoice* out) { return ParseName(kChoiceNames, name, out); }

Patience EstimatePatience(double wait_s, int64_t abandons) {
    Patience p;
    p.abandons = abandons;
    p.wait_s = wait_s;
    if (abandons >= kMinPatienceAbandons && wait_s > 0) {
        p.estimated = true;
        p.mean_s = wait_s / static_cast<double>(abandons);
    }
    return p;
}

QueuePlan PlanQueue(const QueueSeries& series, int slots_per_day, int history_days, int horizon_days,
                    const std::vector<double>& day_factors, std::optional<Method> method, const ForecastOptions& options) {
    QueuePlan plan;
    if (slots_per_day <= 0 || history_days < 0 || horizon_days <= 0) return plan;
    const size_t spd = static_cast<size_t>(slots_per_day), week = 7 * spd;
    const size_t n_hist = std::min(series.offered.size(), static_cast<size_t>(history_days) * spd);
    const size_t horizon = static_cast<size_t>(horizon_days) * spd;
    plan.calls.assign(horizon, 0.0);
    plan.aht_s.assign(horizon, kNaN);
    plan.method = method.value_or(Method::WeeklyAverage);

    // The queue's history begins with the first week holding a value (weeks from the grid's start,
    // so slots keep their weekday).
    size_t first = 0;
    while (first < n_hist && std::isnan(series.offered[first])) ++first;
    if (first >= n_hist) {
        plan.choice = PlanChoice::NoHistory;
        return plan;
    }
    const size_t start = (first / spd) / 7 * week;
    plan.first_day = static_cast<int>(start / spd);
    const std::vector<double> h(series.offered.begin() + static_cast<std::ptrdiff_t>(start),
                                series.offered.begin() + static_cast<std::ptrdiff_t>(n_hist));
    plan.history_weeks = static_cast<int>((h.size() + week - 1) / week);
    for (size_t d = 0; d * spd < h.size(); ++d) {
        bool any = false;
        for (size_t s = 0; s < spd && d * spd + s < h.size(); ++s) any |= !std::isnan(h[d * spd + s]);
        plan.missing_days += any ? 0 : 1;
    }

    plan.backtest = ChooseMethod(h, slots_per_day, kBacktestOrigins, options);
    if (method) {
        plan.choice = PlanChoice::Asked;
    } else if (plan.backtest.origins > 0) {
        plan.choice = PlanChoice::Backtest;
        plan.method = plan.backtest.best;
    } else {
        plan.choice = PlanChoice::ShortHistory;
    }
    std::vector<double> f = Forecast(plan.method, h, slots_per_day, static_cast<int>(horizon), options);
    f.resize(horizon, 0.0);

    // The recent weeks: handle time, patience and which slots of the week are closed.
    const size_t window = std::min(h.size(), static_cast<size_t>(kRecentWeeks) * week);
    const size_t w0 = start + h.size() - window;  // index into the series
    bool window_has_data = false;
    std::vector<uint8_t> open(week, 0);
    std::vector<double> handled_ws(week, 0.0), handle_ws(week, 0.0);
    double wait = 0, abandons = 0;
    for (size_t i = w0; i < start + h.size(); ++i) {
        const size_t ws = (i - start) % week;
        if (!std::isnan(series.offered[i])) {
            window_has_data = true;
            if (series.offered[i] > 0) open[ws] = 1;
        }
        if (!std::isnan(series.handled[i]) && !std::isnan(series.handle_s[i])) {
            handled_ws[ws] += series.handled[i];
            handle_ws[ws] += series.handle_s[i];
        }
        if (!std::isnan(series.abandoned[i]) && !std::isnan(series.wait_s[i])) {
            abandons += series.abandoned[i];
            wait += series.wait_s[i];
        }
    }
    plan.patience = EstimatePatience(wait, static_cast<int64_t>(std::llround(abandons)));

    // AHT of a slot of the week: its own calls of the recent weeks; with fewer than kMinAhtCalls,
    // the same time of day on every weekday; then the whole queue.
    std::vector<double> handled_tod(spd, 0.0), handle_tod(spd, 0.0);
    double handled_all = 0, handle_all = 0;
    for (size_t ws = 0; ws < week; ++ws) {
        handled_tod[ws % spd] += handled_ws[ws];
        handle_tod[ws % spd] += handle_ws[ws];
        handled_all += handled_ws[ws];
        handle_all += handle_ws[ws];
    }
    std::vector<double> aht_ws(week, kNaN);
    for (size_t ws = 0; ws < week; ++ws) {
        if (handled_ws[ws] >= kMinAhtCalls) aht_ws[ws] = handle_ws[ws] / handled_ws[ws];
        else if (handled_tod[ws % spd] >= kMinAhtCalls) aht_ws[ws] = handle_tod[ws % spd] / handled_tod[ws % spd];
        else if (handled_all > 0) aht_ws[ws] = handle_all / handled_all;
    }

    double sum = 0, weighted = 0;
    for (size_t k = 0; k < horizon; ++k) {
        const size_t ws = (h.size() + k) % week;
        double v = f[k];
        // A slot with no call in any of the recent weeks stays closed, whatever the method says.
        if (window_has_data && !open[ws]) v = 0;
        const size_t day = k / spd;
        if (day < day_factors.size()) v *= day_factors[day];
        plan.calls[k] = v;
        plan.aht_s[k] = aht_ws[ws];
        if (day < 7 && v > 0) {
            sum += v;
            weighted += v * PoissonWapeFloor(v);
        }
    }
    plan.noise_floor = sum > 0 ? weighted / sum : 0;
    return plan;
}

// ---- Staffing --------------------------------------------------------------------------------------

std::string_view StaffModelName(StaffModel m) {
    const auto i = static_cast<size_t>(m);
    return i < std::size(kModelNames) ? kModelNames[i] : "unknown";
}

bool ParseStaffModel(std::string_view name, StaffModel* out) { return ParseName(kModelNames, name, out); }

IntervalStaffing StaffInterval(double calls, double interval_s, double aht_s, const Target& target) {
    IntervalStaffing s;
    if (!(calls > 0)) {
        s.ok = true;
        s.at_raw = QueueResult{true, 0, 1, 0, 0, 0};
        return s;
    }
    if (!(aht_s > 0)) {
        s.why = "no handle time stored for this queue";
        return s;
    }
    const Staffing r = RequiredAgents(Load{calls, interval_s, aht_s}, target);
    s.ok = r.ok;
    s.why = r.why;
    s.raw_agents = r.raw_agents;
    s.agents = r.agents;
    s.at_raw = r.at_raw;
    return s;
}

// ---- PlanAsk ----------------------------------------------------------------------------------------

const std::vector<std::string_view>& PlanAskOptionNames() {
    static const std::vector<std::string_view> kNames = {"from", "weeks", "interval", "queue", "method", "history_weeks",
                                                         "sl", "asa", "max_occupancy", "shrinkage", "model", "patience"};
    return kNames;
}

bool SetPlanAskOption(PlanAsk* ask, std::string_view name, std::string_view value, std::string* why) {
    long whole = 0;
    double number = 0;
    if (name == "from") {
        CivilDate date;
        if (!ParseCivilDate(value, &date)) {
            *why = "from: '" + std::string(value) + "' is not a date YYYY-MM-DD";
            return false;
        }
        ask->from = std::string(value);
    } else if (name == "weeks") {
        if (!WholeNumber(name, value, 1, kMaxHorizonWeeks, &whole, why)) return false;
        ask->weeks = static_cast<int>(whole);
    } else if (name == "interval") {
        if (value != "15" && value != "30") {
            *why = "interval: '" + std::string(value) + "' is not 15 or 30 (minutes)";
            return false;
        }
        ask->interval_minutes = value == "15" ? 15 : 30;
    } else if (name == "queue") {
        size_t start = 0;
        while (start <= value.size()) {
            size_t comma = value.find(',', start);
            if (comma == std::string_view::npos) comma = value.size();
            const std::string key(value.substr(start, comma - start));
            if (!key.empty()) {
                if (key.size() > 64 || !std::all_of(key.begin(), key.end(), IsQueueKeyChar)) {
                    *why = "queue: '" + key + "' is not a queue key";
                    return false;
                }
                if (std::find(ask->queues.begin(), ask->queues.end(), key) == ask->queues.end()) ask->queues.push_back(key);
            }
            start = comma + 1;
        }
    } else if (name == "method") {
        Method m;
        if (value == "auto") {
            ask->method.reset();
        } else if (ParseMethod(value, &m)) {
            ask->method = m;
        } else {
            *why = "method: '" + std::string(value) + "' is not auto, seasonal_naive, weekly_average or holt_winters";
            return false;
        }
    } else if (name == "history_weeks") {
        if (!WholeNumber(name, value, 1, kMaxHistoryWeeks, &whole, why)) return false;
        ask->history_weeks = static_cast<int>(whole);
    } else if (name == "sl") {
        double fraction = 0, t = 0;
        if (!ParseServiceLevelTarget(std::string(value), &fraction, &t, why)) {
            *why = "sl: " + *why;
            return false;
        }
        ask->sl_fraction = fraction;
        ask->sl_t_s = t;
    } else if (name == "asa") {
        if (!Number(name, value, 1, 3600, " seconds", &number, why)) return false;
        ask->asa_s = number;
    } else if (name == "max_occupancy") {
        if (!Number(name, value, 1, 100, " %", &number, why)) return false;
        ask->max_occupancy = number / 100;
    } else if (name == "shrinkage") {
        if (!Number(name, value, 0, 99, " %", &number, why)) return false;
        ask->shrinkage = number / 100;
    } else if (name == "model") {
        if (!ParseStaffModel(value, &ask->model)) {
            *why = "model: '" + std::string(value) + "' is not auto, erlang_c or erlang_a";
            return false;
        }
        ask->model_given = true;
    } else if (name == "patience") {
        if (!Number(name, value, 1, 86400, " seconds", &number, why)) return false;
        ask->patience_s = number;
    } else {
        *why = "'" + std::string(name) + "' is not an option of a forecast";
        return false;
    }
    return true;
}

bool CheckPlanAsk(const PlanAsk& ask, std::string* why) {
    if (ask.sl_fraction && ask.asa_s) {
        *why = "sl and asa: give one target, a service level or an average speed of answer";
        return false;
    }
    if (ask.patience_s && ask.model == StaffModel::ErlangC) {
        *why = "patience: Erlang C has no patience (callers never hang up); use the model erlang_a or auto";
        return false;
    }
    if (ask.sl_fraction && *ask.sl_fraction >= 1.0 && (ask.model != StaffModel::ErlangC || ask.patience_s)) {
        *why = "sl: 100 % is out of reach when callers abandon; lower it or use the model erlang_c";
        return false;
    }
    return true;
}

bool AsksStaffing(const PlanAsk& ask) {
    return ask.sl_fraction || ask.asa_s || ask.max_occupancy || ask.shrinkage || ask.patience_s || ask.model_given;
}

bool TargetFor(const PlanAsk& ask, double queue_sl_fraction, double queue_sl_t_s, const Patience& estimate, Target* target,
               StaffModel* model, std::string* why) {
    Target t;
    t.service_level = ask.sl_fraction.value_or(queue_sl_fraction);
    t.t_s = ask.sl_t_s.value_or(queue_sl_t_s);
    if (ask.asa_s) {
        t.kind = Target::Kind::Asa;
        t.asa_s = *ask.asa_s;
    }
    if (ask.max_occupancy) t.max_occupancy = *ask.max_occupancy;
    if (ask.shrinkage) t.shrinkage = *ask.shrinkage;
    StaffModel used = StaffModel::ErlangC;
    if (ask.model == StaffModel::ErlangC) {
        used = StaffModel::ErlangC;
    } else if (ask.patience_s) {
        used = StaffModel::ErlangA;
        t.patience_s = *ask.patience_s;
    } else if (estimate.estimated) {
        used = StaffModel::ErlangA;
        t.patience_s = estimate.mean_s;
    } else if (ask.model == StaffModel::ErlangA) {
        *why = "model erlang_a: fewer than " + std::to_string(kMinPatienceAbandons) + " abandons in the last " +
               std::to_string(kRecentWeeks) + " weeks of history to estimate the callers' patience from (" +
               std::to_string(estimate.abandons) + "); give patience";
        return false;
    }
    // Erlang A cannot reach 100 % (some callers always abandon first); Erlang C stays exact.
    if (used == StaffModel::ErlangA && t.kind == Target::Kind::ServiceLevel && t.service_level >= 1.0) {
        *why = "sl: 100 % is out of reach when callers abandon; lower it or use the model erlang_c";
        return false;
    }
    *target = t;
    *model = used;
    return true;
}

}  // namespace cb::wfm
