// Each agent's day: login, breaks, lunch, training/coaching/meeting spells, logout. Breaks and
// lunches are placed like a workforce planner would: where the floor can best spare the agent
// (least demand per agent on the queue), with some randomness. Team leads brief their team,
// then coach the floor and take calls in between.
#include <algorithm>
#include <numeric>
#include "sim_model.h"

namespace cb::sim {
namespace {

constexpr int kSlotMin = 5;
constexpr int kSlots = 24 * 60 / kSlotMin;

struct Spell {  // in minutes of the day
    int start;
    int minutes;
    NotReadyReason reason;
};

struct Floor {
    double demand[kSlots] = {};
    double on_queue[kSlots] = {};

    double Harm(int start, int minutes) const {
        double h = 0;
        for (int m = start; m < start + minutes; m += kSlotMin) {
            const int s = m / kSlotMin;
            if (s >= 0 && s < kSlots) h += demand[s] / std::max(on_queue[s], 0.5);
        }
        return h;
    }
    void Take(int start, int minutes) {
        for (int m = start; m < start + minutes; m += kSlotMin) {
            const int s = m / kSlotMin;
            if (s >= 0 && s < kSlots) on_queue[s] -= 1.0;
        }
    }
};

bool Fits(const std::vector<Spell>& spells, int start, int minutes, int gap) {
    for (const Spell& s : spells) {
        if (start < s.start + s.minutes + gap && s.start < start + minutes + gap) return false;
    }
    return true;
}

// Places a spell at the least harmful candidate start in [lo, hi] (step `step`); returns false
// if no candidate fits.
bool PlaceBest(Floor& floor, std::vector<Spell>& spells, Rng& rng, int lo, int hi, int step, int minutes,
               NotReadyReason reason, int gap) {
    int best = -1;
    double best_harm = 0;
    for (int c = lo; c <= hi; c += step) {
        if (!Fits(spells, c, minutes, gap)) continue;
        const double harm = floor.Harm(c, minutes) * (1.0 + 0.15 * rng.Uniform());
        if (best < 0 || harm < best_harm) {
            best = c;
            best_harm = harm;
        }
    }
    if (best < 0) return false;
    spells.push_back({best, minutes, reason});
    floor.Take(best, minutes);
    return true;
}

// A spell at the best of a few random 5-minute-aligned starts in [lo, hi].
void PlaceRandom(Floor& floor, std::vector<Spell>& spells, Rng& rng, int lo, int hi, int minutes,
                 NotReadyReason reason, int tries) {
    if (hi < lo) return;
    int best = -1;
    double best_harm = 0;
    for (int i = 0; i < tries; ++i) {
        const int c = lo + static_cast<int>(rng.Below(static_cast<uint64_t>((hi - lo) / kSlotMin + 1))) * kSlotMin;
        if (!Fits(spells, c, minutes, 15)) continue;
        const double harm = floor.Harm(c, minutes);
        if (best < 0 || harm < best_harm) {
            best = c;
            best_harm = harm;
        }
    }
    if (best < 0) return;
    spells.push_back({best, minutes, reason});
    floor.Take(best, minutes);
}

std::vector<Spell> MemberSpells(const SimModel& model, Floor& floor, Rng& rng, int start, int minutes,
                                int tenure) {
    const int end = start + minutes;
    std::vector<Spell> spells;
    if (minutes < kShiftMinutes) {  // part-time: one break, sometimes a personal minute
        PlaceBest(floor, spells, rng, start + 90, start + 195, 5, 15, NotReadyReason::Break, 30);
        if (rng.Chance(0.2)) {
            PlaceRandom(floor, spells, rng, start + 30, end - 30, static_cast<int>(rng.Between(5, 10)),
                        NotReadyReason::Personal, 1);
        }
        return spells;  // part-timers skip training and coaching spells
    }
    const bool bunched_lunch = model.config.scenario == Scenario::UnderstaffedLunch;
    const bool new_hire = tenure <= 3;
    if (bunched_lunch && start <= 12 * 60 && end >= 13 * 60 + 60) {
        const int lunch = 12 * 60 + static_cast<int>(rng.Between(0, 4));
        spells.push_back({lunch, 60, NotReadyReason::Lunch});
        floor.Take(lunch, 60);
    } else {
        PlaceBest(floor, spells, rng, std::max(start + 180, 11 * 60), std::min(start + 330, 15 * 60), 15, 60,
                  NotReadyReason::Lunch, 0);
    }
    PlaceBest(floor, spells, rng, start + 90, start + 195, 5, 15, NotReadyReason::Break, 30);
    PlaceBest(floor, spells, rng, start + 390, start + 480, 5, 15, NotReadyReason::Break, 30);
    if (rng.Chance(new_hire ? 0.35 : 0.08)) {
        const int training = 30 + 15 * static_cast<int>(rng.Below(3));
        PlaceRandom(floor, spells, rng, start + 60, end - 90, training, NotReadyReason::Training, 6);
    }
    if (rng.Chance(new_hire ? 0.25 : 0.12)) {
        PlaceRandom(floor, spells, rng, start + 60, end - 90, static_cast<int>(rng.Between(20, 30)),
                    NotReadyReason::Coaching, 6);
    }
    if (rng.Chance(0.04)) PlaceRandom(floor, spells, rng, start + 60, end - 90, 30, NotReadyReason::Meeting, 6);
    if (rng.Chance(0.35)) {
        PlaceRandom(floor, spells, rng, start + 30, end - 30, static_cast<int>(rng.Between(5, 10)),
                    NotReadyReason::Personal, 1);
    }
    return spells;
}

// Lead: team briefing at shift start, lunch, then coaching spells with time on the queue between.
std::vector<Spell> LeadSpells(const SimModel& model, Rng& rng, int start) {
    const int end = start + kShiftMinutes;
    std::vector<Spell> spells;
    spells.push_back({start, 15, NotReadyReason::Meeting});
    const int lunch = model.config.scenario == Scenario::UnderstaffedLunch
                          ? 12 * 60 + static_cast<int>(rng.Between(0, 4))
                          : 13 * 60 + static_cast<int>(rng.Between(-15, 15));
    spells.push_back({lunch, 60, NotReadyReason::Lunch});
    int t = start + 15 + static_cast<int>(rng.Between(10, 30));
    while (t + 40 <= end - 30) {
        int minutes = static_cast<int>(rng.Between(40, 80));
        if (t < lunch + 60 && lunch < t + minutes + 10) {
            minutes = std::min(minutes, lunch - 10 - t);
            if (minutes >= 20) spells.push_back({t, minutes, NotReadyReason::Coaching});
            t = lunch + 60 + static_cast<int>(rng.Between(15, 40));
            continue;
        }
        spells.push_back({t, minutes, NotReadyReason::Coaching});
        t += minutes + static_cast<int>(rng.Between(20, 45));
    }
    return spells;
}

}  // namespace

std::vector<AgentDayPlan> PlanDay(const SimModel& model, int64_t day) {
    Rng rng(StreamSeed(model.config.seed, 1000 + static_cast<uint64_t>(day)));
    const size_t n = model.directory.agents.size();
    std::vector<AgentDayPlan> plans(n);
    const int64_t day_start = LocalDayStartMs(day, model.config.tz_offset_min);
    const int weekday = WeekdayOfDay(day);
    const bool monday_peak = model.config.scenario == Scenario::MondayPeak;
    const double weekend_share = (weekday >= 5 && !monday_peak) ? WeekdayFactor(weekday) : 1.0;

    Floor floor;
    double shift_minutes = 0;
    for (size_t i = 0; i < n; ++i) {
        const bool lead = model.profiles[i].is_lead;
        plans[i].works = lead ? weekday <= 5 : rng.Chance(weekend_share);
        if (!plans[i].works || lead) continue;
        shift_minutes += model.profiles[i].shift_minutes;
        const int start = model.profiles[i].shift_start_min;
        const int length = model.profiles[i].shift_minutes;
        for (int m = start; m < start + length; m += kSlotMin) floor.on_queue[m / kSlotMin] += 1.0;
    }
    const double scale = PlanningScale(shift_minutes);
    for (int s = 0; s < kSlots; ++s) {
        const double minute = s * kSlotMin + kSlotMin / 2.0;
        const double volume = monday_peak ? ScenarioVolumeFactor(model.config.scenario, minute) : 1.0;
        floor.demand[s] = StaffingDemand(IntradayShape(minute) * volume, scale);
    }

    std::vector<uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);

    for (uint32_t i : order) {
        AgentDayPlan& plan = plans[i];
        if (!plan.works) continue;
        const bool lead = model.profiles[i].is_lead;
        const int tenure = model.directory.agents[i].tenure_months;
        const int start = model.profiles[i].shift_start_min;
        const int length = model.profiles[i].shift_minutes;
        const int64_t shift_start_ms = day_start + start * kMinuteMs;
        const int64_t shift_end_ms = shift_start_ms + length * kMinuteMs;
        if (!lead && rng.Chance(0.04)) {  // running late
            plan.login_ms = shift_start_ms + rng.Between(180000, 720000);
            plan.ready_ms = plan.login_ms + rng.Between(20000, 90000);
        } else {
            plan.login_ms = shift_start_ms - rng.Between(0, 300000);
            plan.ready_ms = shift_start_ms + rng.Between(0, 120000);
        }
        plan.logout_ms = shift_end_ms + rng.Between(-120000, 240000);

        std::vector<Spell> spells = lead ? LeadSpells(model, rng, start) : MemberSpells(model, floor, rng, start, length, tenure);
        std::sort(spells.begin(), spells.end(), [](const Spell& a, const Spell& b) { return a.start < b.start; });
        for (const Spell& s : spells) {
            Activity act;
            act.reason = s.reason;
            act.start_ms = day_start + s.start * kMinuteMs + (s.start == start ? 0 : rng.Between(0, 59) * 1000);
            act.duration_ms = s.minutes * kMinuteMs;
            if ((s.reason == NotReadyReason::Break || s.reason == NotReadyReason::Lunch) &&
                rng.Chance(tenure <= 3 ? 0.25 : 0.15)) {
                act.overrun_ms = static_cast<int64_t>(rng.LogNormalMean(240.0, 0.6) * 1000.0);
            }
            plan.activities.push_back(act);
        }
    }
    return plans;
}

}  // namespace cb::sim
