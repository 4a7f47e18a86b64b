// The simulated center's parameters and day plans: queues, demand curves, scenarios, tenure
// effects, the directory with its shift roster, and each agent's plan for a day. Pure functions
// of the configuration and seed; the event loop (simulator.cpp) plays them out. Tests use these
// to compute what the simulator should produce.
#pragma once
#include <cstdint>
#include <vector>
#include "simulator.h"
#include "sim_random.h"
#include "core/wfm/schedule.h"

namespace cb::sim {

inline constexpr int kQueueCount = 4;
enum QueueIndex : uint16_t { kInquiries = 0, kOrders = 1, kComplaints = 2, kVip = 3 };

inline constexpr int kOpenMinute = 8 * 60;    // the center takes calls 08:00-20:00 local time
inline constexpr int kCloseMinute = 20 * 60;
inline constexpr int kShiftMinutes = 9 * 60;  // full shifts are 9 h including a 60-min lunch
inline constexpr int kPartTimeMinutes = 5 * 60;  // part-time shifts: 5 h, one break, no lunch
inline constexpr int kLeadShiftStart = 8 * 60 + 30;
inline constexpr int64_t kMinuteMs = 60000;
inline constexpr int64_t kDayMs = 86400000;
inline constexpr int64_t kRingTimeoutMs = 15000;   // a ring not answered in 15 s is a RingNoAnswer
inline constexpr double kTargetOccupancy = 0.80;   // arrival volume is scaled to this at weekday factor 1

struct QueueParams {
    double share;             // share of arrivals on an ordinary day
    double talk_mean_s;       // lognormal talk time (hold excluded) of an experienced agent
    double talk_sigma;
    double hold_prob;         // share of calls put on hold once
    double hold_mean_s;       // lognormal, sigma 0.5
    double wrap_mean_s;       // lognormal after-call work
    double wrap_sigma;
    double patience_mean_s;   // caller patience in queue: exponential
    double timeout_s;         // queue timeout: caller leaves with ExitReason::Timeout
    double priority_bonus_s;  // routing: a waiting call counts as waiting this much longer
};
const QueueParams& GetQueueParams(int queue);

// Demand. Minute of day is center local time (fractional).
double IntradayShape(double minute_of_day);            // 0 when closed; 1.0 at the 10:00 peak
double WeekdayFactor(int weekday);                     // 0 = Monday (1.10) ... 6 = Sunday
double ScenarioVolumeFactor(Scenario s, double minute_of_day);
void QueueShares(Scenario s, double minute_of_day, double shares[kQueueCount]);
// Outage: handle times of calls answered in the outage window are multiplied by this (1 otherwise).
double ScenarioHandleFactor(Scenario s, double minute_of_day);

// Agents needed on the queue at a moment of the day, for planning (roster, breaks): offered
// load A = shape x scale plus sqrt(A) of slack, because small groups need more slack per call
// than big ones. scale = PlanningScale(summed shift minutes of the members on shift).
double StaffingDemand(double shape, double scale);
double PlanningScale(double shift_minutes);

// Tenure effects: new hires (0-3 months) are slower, hold and transfer more.
double TalkFactor(int tenure_months);          // multiplies talk and wrap-up means
double HoldProbFactor(int tenure_months);
double TransferProb(int tenure_months);        // inquiries/orders calls sent to another queue
double EscalationProb(int tenure_months);      // complaints handed to the team lead
double RingNoAnswerProb(int tenure_months);
double OrderConversion(int tenure_months);     // share of orders-queue calls ending in an order

// Time helpers (center local time = UTC + tz_offset_min).
int64_t LocalDay(int64_t t_ms, int32_t tz_offset_min);          // days since 1970-01-01 local
int64_t LocalDayStartMs(int64_t day, int32_t tz_offset_min);    // UTC ms of that local midnight
int WeekdayOfDay(int64_t day);                                  // 0 = Monday
double MinuteOfDay(int64_t t_ms, int32_t tz_offset_min);
int64_t DefaultStartMs(int32_t tz_offset_min);                  // 2026-01-05 (Monday) 08:00 local

// One planned not-ready spell of an agent's day.
struct Activity {
    int64_t start_ms = 0;       // planned start
    int64_t duration_ms = 0;    // planned length
    int64_t overrun_ms = 0;     // how much longer it actually runs (breaks that run over)
    NotReadyReason reason = NotReadyReason::Break;
};

struct AgentDayPlan {
    bool works = false;
    int64_t login_ms = 0;
    int64_t ready_ms = 0;
    int64_t logout_ms = 0;
    std::vector<Activity> activities;  // by start, not overlapping
};

struct AgentProfile {
    int shift_start_min = kOpenMinute;  // roster: the same shift every working day
    int shift_minutes = kShiftMinutes;
    bool is_lead = false;
};

struct SimModel {
    SimConfig config;                 // normalized: start_ms set, sizes clamped
    Directory directory;
    std::vector<AgentProfile> profiles;  // parallel to directory.agents
    int new_hire_team = -1;           // NewHireTeam scenario: the team of new hires
    double base_rate_per_s = 0;       // arrivals per second at shape 1, weekday factor 1, scenario 1
    double rate_bound_per_s = 0;      // upper bound of ArrivalRatePerSecond (thinning)
};

SimModel BuildSimModel(const SimConfig& config);
// Arrival intensity of fresh calls (all queues) at t_ms, calls per second.
double ArrivalRatePerSecond(const SimModel& model, int64_t t_ms);
// Expected fresh arrivals in [from_ms, to_ms), by numerical integration (1 s steps).
double ExpectedArrivals(const SimModel& model, int64_t from_ms, int64_t to_ms);
// Every agent's plan for one local day. Deterministic from (seed, day).
std::vector<AgentDayPlan> PlanDay(const SimModel& model, int64_t day);
// The day's published schedule (sim_schedule.cpp): each working agent's shift on queue with its
// planned breaks, lunch, training, coaching (as training) and meetings at their planned minutes.
// What the agents then do deviates as people do: late logins, spells that wait for a call to end
// or run over, personal minutes nobody scheduled.
wfm::Schedule PublishedSchedule(const SimModel& model, int64_t day, const std::vector<AgentDayPlan>& plans);

// Directory pieces (sim_center.cpp / sim_names.cpp).
struct PersonName {
    std::string zh;
    std::string en;
};
PersonName MakeName(Rng& rng);
std::string ChineseNumber(int n);  // 1..999, e.g. 12 -> "十二", 101 -> "一百零一"

}  // namespace cb::sim
