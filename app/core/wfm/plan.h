// Forecast and staffing plans of queues from their stored interval history (docs/wfm.md,
// "Forecast and staffing from history"). The history of each queue, counted per interval from
// local midnight in the center's zone (as interval_counts are), is laid on a regular grid of
// local days x slots of the day: a 23-hour day leaves its skipped slots missing, a 25-hour day
// averages its repeated ones; a day with no stored interval at all is missing, not zero. Then per
// queue: the method chosen by the rolling-origin back-test (forecast.h), handle time per slot from
// the recent weeks, callers' mean patience from the observed abandons, special days left out of
// the history and applied to the days forecast as factors; the forecast laid back onto the real
// intervals of the days asked for, and each interval staffed with erlang.h. Pure computation:
// the server reads the rows and the special days and hands them in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "core/tz.h"
#include "core/wfm/erlang.h"
#include "core/wfm/forecast.h"

namespace cb::wfm {

// Limits and defaults of a plan (one owner: the command line, the API and the page use these).
inline constexpr int kDefaultHorizonWeeks = 1;
inline constexpr int kMaxHorizonWeeks = 26;       // forecasts up to half a year ahead
inline constexpr int kDefaultHistoryWeeks = 104;  // two years of history at most, by default
inline constexpr int kMaxHistoryWeeks = 156;
inline constexpr int kBacktestOrigins = 4;        // the back-test forecasts the last 4 weeks, one at a time
inline constexpr int kRecentWeeks = 8;            // handle time, patience and closed slots: the last 8 weeks
inline constexpr int kMinAhtCalls = 10;           // handled calls behind a slot's AHT before it falls back
inline constexpr int kMinPatienceAbandons = 10;   // abandons needed to estimate patience
inline constexpr double kMaxSpecialFactor = 10.0;

bool ValidIntervalMinutes(int minutes);  // 15 or 30

// The first day a plan forecasts when none is asked for: next Monday (a week from today when
// today is a Monday), so a planner gets next week.
CivilDate DefaultForecastStart(const CivilDate& today);

// ---- The grid of local days ---------------------------------------------------------------

// The local dates [first, first + days) of a zone, each cut into intervals of `minutes` from its
// local midnight in elapsed time (a 23-hour day has 92 intervals of 15 minutes, a 25-hour day
// 100), each interval with its slot of the regular local day (local time of day / minutes).
class DayGrid {
public:
    struct Interval {
        int64_t start_ms = 0;
        int slot = 0;  // 0 .. slots_per_day - 1
    };
    DayGrid(const TimeZone& zone, const CivilDate& first, int days, int minutes);

    int days() const { return static_cast<int>(m_days.size()); }
    int minutes() const { return m_minutes; }
    int slots_per_day() const { return 1440 / m_minutes; }
    const CivilDate& first() const { return m_first; }
    CivilDate DateOf(int day) const;
    int64_t DayStart(int day) const { return m_days[static_cast<size_t>(day)].start_ms; }
    int64_t start_ms() const { return m_days.empty() ? 0 : m_days.front().start_ms; }
    int64_t end_ms() const { return m_end_ms; }
    const std::vector<Interval>& Intervals(int day) const { return m_days[static_cast<size_t>(day)].intervals; }
    // How many intervals of the day fall in each slot (1; 0 for a skipped hour; 2 for a repeated one).
    int Occurrences(int day, int slot) const;
    // The day and the interval of the day holding t_ms; false outside the grid.
    bool Locate(int64_t t_ms, int* day, int* interval) const;

private:
    struct Day {
        int64_t start_ms = 0;
        std::vector<Interval> intervals;
        std::vector<uint8_t> occurrences;  // per slot
    };
    CivilDate m_first;
    int m_minutes = 15;
    int64_t m_end_ms = 0;
    std::vector<Day> m_days;
};

// ---- History on the grid ------------------------------------------------------------------

// What a plan uses of one queue's stored interval (interval_counts, scope queue).
struct IntervalHistory {
    int64_t offered = 0;     // calls that entered the queue in the interval
    int64_t handled = 0;     // answered calls whose handling finished
    int64_t handle_ms = 0;   // their talk + hold + after-call work
    int64_t answered = 0;
    int64_t abandoned = 0;
    int64_t wait_ms = 0;     // summed wait of the answered and the abandoned callers
    int64_t staffed_ms = 0;  // member agents' logged-in time
};

// A queue's series on a grid: one value per slot of every day (days x slots_per_day), NaN where
// the day is missing (no stored interval of any queue that day, before the queue's first stored
// interval, or left out as a special day).
struct QueueSeries {
    std::vector<double> offered, handled, handle_s, abandoned, wait_s, staffed_agents;
};

class HistoryBuilder {
public:
    HistoryBuilder(const DayGrid& grid, size_t queues);
    // A stored interval of queue q starting at start_ms: counts are added to the grid interval
    // holding it (stored intervals may be shorter than the grid's, e.g. 15 into 30 minutes). A q
    // of no queue built (>= queues) only marks its day as one with data (another queue's row).
    // Rows outside the grid are ignored.
    void Add(size_t q, int64_t start_ms, const IntervalHistory& row);
    // Leaves a day out of queue q's history (a special day); every queue's when q is npos.
    void Exclude(int day, size_t q);
    // The days with data, and queue q's series. Days after `through_day` (exclusive) are left
    // missing: today's intervals are incomplete.
    QueueSeries Series(size_t q, int through_day) const;
    int DaysWithData(int from_day, int to_day) const;

private:
    const DayGrid& m_grid;
    size_t m_queues;
    std::vector<uint8_t> m_center_days;        // per day: some queue had a row
    std::vector<int> m_first_day;              // per queue: first day with a row (INT_MAX: none)
    std::vector<uint8_t> m_excluded;           // per queue x day
    std::vector<IntervalHistory> m_cells;      // per queue x day x slot (sums over occurrences)
};

// ---- Special days ---------------------------------------------------------------------------

// A holiday or a campaign (table wfm_special_days): its history is always left out (it is not a
// normal day); with a factor, the forecast of that date is multiplied by it (0: closed, 1.5: a
// campaign bringing half as many calls again); without one, the forecast is left as it is.
enum class SpecialKind : uint8_t { Holiday, Campaign };
std::string_view SpecialKindName(SpecialKind k);  // "holiday", "campaign"
bool ParseSpecialKind(std::string_view name, SpecialKind* out);

struct SpecialDay {
    std::string date;               // local YYYY-MM-DD
    std::string queue;              // a queue key; empty: every queue
    SpecialKind kind = SpecialKind::Holiday;
    std::optional<double> factor;   // none: only left out of the history
    std::string note;
    std::string updated_by;
    int64_t updated_ms = 0;
    bool operator==(const SpecialDay&) const = default;
};
inline constexpr size_t kMaxSpecialNote = 200;  // bytes
// Checks a special day's fields; false with *field ("date", "queue", "kind", "factor", "note")
// and why.
bool CheckSpecialDay(const SpecialDay& day, std::string* field, std::string* why);
// The special day that applies to `queue` on `date`: one of that queue before one of every
// queue; null when none.
const SpecialDay* SpecialDayFor(const std::vector<SpecialDay>& days, std::string_view date, std::string_view queue);

// ---- A queue's forecast ---------------------------------------------------------------------

enum class PlanChoice : uint8_t {
    Backtest,      // the method with the lowest WAPE in the back-test
    Asked,         // the method asked for (the back-test's figures still shown)
    ShortHistory,  // too little history for the back-test: the weekly average of what there is
    NoHistory,     // nothing stored: zero calls
};
std::string_view PlanChoiceName(PlanChoice c);  // "backtest", "asked", "short_history", "no_history"
bool ParsePlanChoice(std::string_view name, PlanChoice* out);

struct Patience {
    bool estimated = false;  // enough abandons (kMinPatienceAbandons) in the recent weeks
    double mean_s = 0;       // (wait of answered + abandoned callers) / abandons
    int64_t abandons = 0;
    double wait_s = 0;
};
// The maximum-likelihood mean of an exponential patience: each caller is exposed to abandoning
// for as long as it waits; answered callers' waits are censored observations.
Patience EstimatePatience(double wait_s, int64_t abandons);

struct QueuePlan {
    Method method = Method::WeeklyAverage;
    PlanChoice choice = PlanChoice::NoHistory;
    Backtest backtest;             // ran[] false when there was too little history
    int first_day = 0;             // the grid day its history begins (a week holding its first value)
    int history_weeks = 0;         // weeks from the queue's first week with data to the forecast
    int missing_days = 0;          // days in those weeks with no data or left out
    double noise_floor = 0;        // WAPE a perfect forecast of these volumes would have (Poisson)
    Patience patience;
    std::vector<double> calls;     // horizon days x slots_per_day, special days applied
    std::vector<double> aht_s;     // per slot of the same days; NaN: no handle time stored
};

// Forecasts `horizon_days` days following the first `history_days` days of the series (slots_per_day
// slots a day; the series starts on the same weekday as the grid). day_factors: one per horizon
// day (1 = normal; a special day's factor). method: fixed, or chosen by the back-test.
QueuePlan PlanQueue(const QueueSeries& series, int slots_per_day, int history_days, int horizon_days,
                    const std::vector<double>& day_factors, std::optional<Method> method,
                    const ForecastOptions& options = {});

// ---- Staffing an interval -------------------------------------------------------------------

enum class StaffModel : uint8_t {
    Auto,     // Erlang A with the estimated patience, Erlang C when it could not be estimated
    ErlangC,  // callers wait as long as it takes
    ErlangA,  // callers abandon after a mean patience (estimated, or given)
};
std::string_view StaffModelName(StaffModel m);  // "auto", "erlang_c", "erlang_a"
bool ParseStaffModel(std::string_view name, StaffModel* out);

struct IntervalStaffing {
    bool ok = false;
    std::string why;          // when !ok
    int64_t raw_agents = 0;   // on the phones
    int64_t agents = 0;       // scheduled (shrinkage)
    QueueResult at_raw;
};
// The agents one interval needs for `calls` at `aht_s` (NaN: no handle time known: not ok).
IntervalStaffing StaffInterval(double calls, double interval_s, double aht_s, const Target& target);

// ---- What a plan is asked for -----------------------------------------------------------------

// The options of GET /api/wfm/forecast and /api/wfm/staffing and of `callboard forecast`, by the
// same names (the command line writes them --max-occupancy for max_occupancy).
struct PlanAsk {
    std::string from;                 // YYYY-MM-DD; empty: DefaultForecastStart(today)
    int weeks = kDefaultHorizonWeeks;
    int interval_minutes = 15;
    std::vector<std::string> queues;  // empty: every queue
    std::optional<Method> method;     // none: auto
    int history_weeks = kDefaultHistoryWeeks;
    // Staffing targets; unset: the queue's own service-level definition, 100 % occupancy, no
    // shrinkage, the model Auto.
    std::optional<double> sl_fraction, sl_t_s, asa_s, max_occupancy, shrinkage, patience_s;
    StaffModel model = StaffModel::Auto;
    bool model_given = false;
};
// Sets one option from its text ("weeks", "4"); false with why naming the value and the range.
// A queue option may list keys separated by commas.
bool SetPlanAskOption(PlanAsk* ask, std::string_view name, std::string_view value, std::string* why);
// Checks what no single option can: --sl and --asa together. False with why.
bool CheckPlanAsk(const PlanAsk& ask, std::string* why);
// True when the ask names a staffing target or model (the command line then adds staffing).
bool AsksStaffing(const PlanAsk& ask);
// Every option name SetPlanAskOption knows, in the order --help lists them.
const std::vector<std::string_view>& PlanAskOptionNames();

// The target of a queue: the ask's where given, else the queue's service level (fraction, T),
// 100 % occupancy and no shrinkage (Target's defaults); the patience of the model used (*model:
// ErlangC or ErlangA): Auto takes Erlang A when patience was estimated; ErlangA without a given
// patience needs the estimate (false with why otherwise).
bool TargetFor(const PlanAsk& ask, double queue_sl_fraction, double queue_sl_t_s, const Patience& estimate,
               Target* target, StaffModel* model, std::string* why);

}  // namespace cb::wfm
