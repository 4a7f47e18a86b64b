// Demand curves, queue parameters, scenario factors and tenure effects of the simulated center.
// The numbers are documented in docs/simulator.md; change both together.
#include <cmath>
#include <cstddef>
#include "sim_model.h"

namespace cb {

std::string_view ScenarioName(Scenario s) {
    switch (s) {
    case Scenario::NormalDay: return "normal";
    case Scenario::MondayPeak: return "monday_peak";
    case Scenario::SystemOutage: return "outage";
    case Scenario::NewHireTeam: return "new_hires";
    case Scenario::UnderstaffedLunch: return "lunch_gap";
    case Scenario::kCount: break;
    }
    return "unknown";
}

bool ParseScenario(std::string_view name, Scenario* out) {
    for (int i = 0; i < static_cast<int>(Scenario::kCount); ++i) {
        if (ScenarioName(static_cast<Scenario>(i)) == name) {
            *out = static_cast<Scenario>(i);
            return true;
        }
    }
    return false;
}

}  // namespace cb

namespace cb::sim {
namespace {

struct Knot {
    double minute;
    double value;
};

// Piecewise-linear curve through knots; `outside` before the first and after the last knot.
template <size_t N>
double Interpolate(const Knot (&knots)[N], double minute, double outside) {
    if (minute < knots[0].minute || minute >= knots[N - 1].minute) return outside;
    for (size_t i = 0; i + 1 < N; ++i) {
        if (minute < knots[i + 1].minute) {
            const double f = (minute - knots[i].minute) / (knots[i + 1].minute - knots[i].minute);
            return knots[i].value + f * (knots[i + 1].value - knots[i].value);
        }
    }
    return outside;
}

// Calls by time of day: morning peak at 10:00, lunch dip, afternoon peak 14:30-15:00.
constexpr Knot kIntraday[] = {
    {480, 0.45}, {510, 0.60}, {540, 0.75}, {570, 0.90}, {600, 1.00}, {630, 0.98},
    {660, 0.90}, {690, 0.78}, {720, 0.62}, {750, 0.58}, {780, 0.68}, {810, 0.80},
    {840, 0.90}, {870, 0.97}, {900, 0.97}, {930, 0.90}, {960, 0.80}, {990, 0.72},
    {1020, 0.62}, {1050, 0.52}, {1080, 0.45}, {1110, 0.38}, {1140, 0.32}, {1170, 0.26},
    {1200, 0.22},
};

// Monday-morning surge on top of the Monday weekday factor.
constexpr Knot kMondayPeak[] = {
    {480, 1.25}, {540, 1.45}, {600, 1.55}, {660, 1.35}, {720, 1.10}, {780, 1.00},
};

// Outage 10:00-11:30: customers who cannot log in or pay call; a tail of call-backs after.
constexpr Knot kOutageVolume[] = {
    {600, 1.00}, {615, 1.90}, {675, 1.90}, {690, 1.50}, {720, 1.20}, {750, 1.00},
};

constexpr QueueParams kQueues[kQueueCount] = {
    // share talk  sigma hold  holdm wrap sigma patience timeout priority
    {0.45, 180.0, 0.60, 0.12, 45.0, 30.0, 0.50, 120.0, 600.0, 0.0},   // inquiries
    {0.35, 240.0, 0.55, 0.18, 45.0, 45.0, 0.50, 150.0, 600.0, 5.0},   // orders
    {0.12, 420.0, 0.55, 0.35, 75.0, 60.0, 0.50, 200.0, 600.0, 30.0},  // complaints
    {0.08, 300.0, 0.55, 0.20, 45.0, 40.0, 0.50, 240.0, 600.0, 90.0},  // VIP
};

}  // namespace

const QueueParams& GetQueueParams(int queue) { return kQueues[queue]; }

double IntradayShape(double minute_of_day) {
    if (minute_of_day < kOpenMinute || minute_of_day >= kCloseMinute) return 0.0;
    return Interpolate(kIntraday, minute_of_day, 0.0);
}

double WeekdayFactor(int weekday) {
    constexpr double kFactors[7] = {1.10, 1.02, 1.00, 0.98, 0.95, 0.60, 0.50};
    return kFactors[((weekday % 7) + 7) % 7];
}

double ScenarioVolumeFactor(Scenario s, double minute_of_day) {
    switch (s) {
    case Scenario::MondayPeak: return Interpolate(kMondayPeak, minute_of_day, 1.0);
    case Scenario::SystemOutage: return Interpolate(kOutageVolume, minute_of_day, 1.0);
    default: return 1.0;
    }
}

void QueueShares(Scenario s, double minute_of_day, double shares[kQueueCount]) {
    for (int q = 0; q < kQueueCount; ++q) shares[q] = kQueues[q].share;
    if (s == Scenario::SystemOutage && minute_of_day >= 600 && minute_of_day < 720) {
        shares[kInquiries] = 0.55;
        shares[kOrders] = 0.15;
        shares[kComplaints] = 0.22;
        shares[kVip] = 0.08;
    }
}

double ScenarioHandleFactor(Scenario s, double minute_of_day) {
    if (s == Scenario::SystemOutage && minute_of_day >= 600 && minute_of_day < 705) return 1.7;
    return 1.0;
}

double StaffingDemand(double shape, double scale) {
    const double load = shape * scale;
    return load + std::sqrt(load);
}

double PlanningScale(double shift_minutes) {
    // Erlangs at shape 1 if members spend ~83% of their shifts on the queue at target occupancy.
    double shape_minutes = 0;
    for (int m = kOpenMinute; m < kCloseMinute; ++m) shape_minutes += IntradayShape(m + 0.5);
    return kTargetOccupancy * shift_minutes * 0.83 / shape_minutes;
}

double TalkFactor(int tenure_months) {
    if (tenure_months <= 3) return 1.30;
    if (tenure_months <= 12) return 1.08;
    if (tenure_months <= 36) return 1.00;
    return 0.95;
}
double HoldProbFactor(int tenure_months) { return tenure_months <= 3 ? 2.0 : 1.0; }
double TransferProb(int tenure_months) {
    if (tenure_months <= 3) return 0.08;
    if (tenure_months <= 12) return 0.03;
    return 0.015;
}
double EscalationProb(int tenure_months) {
    if (tenure_months <= 3) return 0.25;
    if (tenure_months <= 12) return 0.15;
    return 0.10;
}
double RingNoAnswerProb(int tenure_months) { return tenure_months <= 3 ? 0.035 : 0.015; }
double OrderConversion(int tenure_months) { return tenure_months <= 3 ? 0.45 : 0.60; }

int64_t LocalDay(int64_t t_ms, int32_t tz_offset_min) {
    const int64_t local = t_ms + static_cast<int64_t>(tz_offset_min) * kMinuteMs;
    return local >= 0 ? local / kDayMs : -((-local + kDayMs - 1) / kDayMs);
}

int64_t LocalDayStartMs(int64_t day, int32_t tz_offset_min) {
    return day * kDayMs - static_cast<int64_t>(tz_offset_min) * kMinuteMs;
}

int WeekdayOfDay(int64_t day) { return static_cast<int>(((day + 3) % 7 + 7) % 7); }  // 1970-01-01: Thursday

double MinuteOfDay(int64_t t_ms, int32_t tz_offset_min) {
    const int64_t day = LocalDay(t_ms, tz_offset_min);
    return static_cast<double>(t_ms - LocalDayStartMs(day, tz_offset_min)) / kMinuteMs;
}

int64_t DefaultStartMs(int32_t tz_offset_min) {
    constexpr int64_t kDay20260105 = 20458;  // days from 1970-01-01 to 2026-01-05, a Monday
    return LocalDayStartMs(kDay20260105, tz_offset_min) + 8 * 60 * kMinuteMs;
}

}  // namespace cb::sim
