// Builds the simulated center: queues, teams with their leads, agents (names, seats, tenure,
// skills), the shift roster, and the arrival volume that keeps the floor busy but on target.
#include <algorithm>
#include <string>
#include "sim_model.h"

namespace cb::sim {
namespace {

struct ShiftOption {
    int start;
    int minutes;
};
// Full shifts 08:00 ... 11:00 (to 20:00), and part-time shifts for the morning peak and the evening.
constexpr ShiftOption kShiftOptions[] = {
    {480, kShiftMinutes}, {510, kShiftMinutes}, {540, kShiftMinutes}, {570, kShiftMinutes},
    {600, kShiftMinutes}, {630, kShiftMinutes}, {660, kShiftMinutes},
    {540, kPartTimeMinutes}, {900, kPartTimeMinutes},
};
constexpr double kMaxPartTimeShare = 0.2;

void AddQueues(Directory* dir) {
    auto add = [&](const char* key, const char* en, const char* zh, int t, double target) {
        QueueInfo q;
        q.key = key;
        q.name_en = en;
        q.name_zh = zh;
        q.sl.threshold_s = t;
        q.sl.target = target;
        q.sl.short_abandon_s = 5;
        dir->queues.push_back(q);
    };
    add("inquiries", "Inquiries", "咨询", 20, 0.80);
    add("orders", "Orders", "订单", 20, 0.80);
    add("complaints", "Complaints", "投诉", 30, 0.80);
    add("vip", "VIP", "VIP客户", 15, 0.90);
}

std::string TeamNameEn(int index) {
    if (index < 26) return std::string("Team ") + static_cast<char>('A' + index);
    return "Team " + std::to_string(index + 1);
}

int DrawTenure(Rng& rng, bool new_hire_team) {
    if (new_hire_team) {
        return rng.Chance(0.8) ? static_cast<int>(rng.Between(0, 3)) : static_cast<int>(rng.Between(4, 12));
    }
    const double u = rng.Uniform();
    if (u < 0.15) return static_cast<int>(rng.Between(0, 3));
    if (u < 0.40) return static_cast<int>(rng.Between(4, 12));
    if (u < 0.75) return static_cast<int>(rng.Between(13, 36));
    return static_cast<int>(rng.Between(37, 96));
}

// Gives `bit` to the most tenured members of a team who lack it until `minimum` have it.
void EnsureSkill(std::vector<AgentInfo>& agents, size_t first, size_t count, uint32_t bit, size_t minimum) {
    size_t have = 0;
    for (size_t i = first; i < first + count; ++i) have += (agents[i].skills & bit) ? 1 : 0;
    while (have < minimum) {
        size_t best = first + count;
        for (size_t i = first; i < first + count; ++i) {
            if (agents[i].skills & bit) continue;
            if (best == first + count || agents[i].tenure_months > agents[best].tenure_months) best = i;
        }
        if (best == first + count) return;
        agents[best].skills |= bit;
        ++have;
    }
}

void AddTeamsAndAgents(SimModel* model, Rng& rng) {
    Directory& dir = model->directory;
    const int teams = model->config.teams;
    const int per_team = model->config.agents_per_team;
    for (int t = 0; t < teams; ++t) {
        TeamInfo team;
        team.key = "team_" + std::to_string(t + 1);
        team.name_en = TeamNameEn(t);
        team.name_zh = ChineseNumber(t + 1) + "组";
        const int size = per_team + (t % 3) - 1;  // 12, 13, 14, 12, ... around agents_per_team
        const size_t first = dir.agents.size();
        team.lead = static_cast<uint32_t>(first);
        const int cols = (size + 1) / 2;  // two rows of desks
        const bool new_hires = (t == model->new_hire_team);
        for (int i = 0; i < size; ++i) {
            AgentInfo a;
            a.key = std::to_string(1001 + dir.agents.size());
            const PersonName name = MakeName(rng);
            a.name_zh = name.zh;
            a.name_en = name.en;
            a.team = static_cast<uint16_t>(t);
            a.seat_row = static_cast<uint16_t>(i / cols);
            a.seat_col = static_cast<uint16_t>(i % cols);
            const bool lead = (i == 0);
            a.tenure_months = static_cast<uint16_t>(lead ? rng.Between(36, 120) : DrawTenure(rng, new_hires));
            a.skills = (1u << kInquiries) | (1u << kOrders);
            if (lead) {
                a.skills |= (1u << kComplaints) | (1u << kVip);
            } else {
                if (rng.Chance(a.tenure_months >= 6 ? 0.5 : 0.05)) a.skills |= 1u << kComplaints;
                if (a.tenure_months >= 18 && rng.Chance(0.3)) a.skills |= 1u << kVip;
            }
            dir.agents.push_back(a);
            AgentProfile p;
            p.is_lead = lead;
            p.shift_start_min = kLeadShiftStart;
            model->profiles.push_back(p);
        }
        // Members only (the lead is mostly off the queue): enough complaint and VIP coverage.
        EnsureSkill(dir.agents, first + 1, static_cast<size_t>(size - 1), 1u << kComplaints,
                    static_cast<size_t>(size * 35 / 100));
        EnsureSkill(dir.agents, first + 1, static_cast<size_t>(size - 1), 1u << kVip, 2);
        dir.teams.push_back(team);
    }
}

// Expected share of a 15-minute slot an agent on the shift starting at `start` spends on the
// queue, counting the lunch and break windows of sim_plan.cpp as partly absent.
double ExpectedPresence(int start, int minutes, int minute) {
    if (minute < start || minute >= start + minutes) return 0.0;
    double presence = 1.0;
    if (minutes < kShiftMinutes) return minute >= start + 90 && minute < start + 210 ? 1.0 - 15.0 / 120.0 : 1.0;
    const int lunch_lo = std::max(start + 180, 11 * 60);
    const int lunch_hi = std::min(start + 330, 15 * 60) + 60;
    if (minute >= lunch_lo && minute < lunch_hi) presence -= 60.0 / (lunch_hi - lunch_lo);
    if (minute >= start + 90 && minute < start + 210) presence -= 15.0 / 120.0;
    if (minute >= start + 390 && minute < start + 495) presence -= 15.0 / 105.0;
    return presence;
}

// Roster: shifts that make the expected on-queue staff follow the demand curve (least squares,
// relative to demand): members are placed round-robin across teams (so every team has early
// and late people), then each member's shift is re-chosen a few times while it improves.
void AssignShifts(SimModel* model, Rng& rng) {
    constexpr int kSlots = (kCloseMinute - kOpenMinute) / 15;
    constexpr int kOptions = sizeof(kShiftOptions) / sizeof(kShiftOptions[0]);
    double presence[kOptions][kSlots];
    for (int o = 0; o < kOptions; ++o) {
        for (int s = 0; s < kSlots; ++s) {
            presence[o][s] = ExpectedPresence(kShiftOptions[o].start, kShiftOptions[o].minutes, kOpenMinute + 15 * s);
        }
    }
    const Directory& dir = model->directory;
    std::vector<std::vector<uint32_t>> by_team(dir.teams.size());
    for (uint32_t i = 0; i < dir.agents.size(); ++i) {
        if (!model->profiles[i].is_lead) by_team[dir.agents[i].team].push_back(i);
    }
    std::vector<uint32_t> members;
    for (size_t round = 0, added = 1; added > 0; ++round) {
        added = 0;
        for (const auto& team : by_team) {
            if (round < team.size()) {
                members.push_back(team[round]);
                ++added;
            }
        }
    }
    // Target staff per slot: the demand curve scaled to what the members can supply.
    double demand[kSlots];
    double demand_sum = 0;
    const double scale = PlanningScale(static_cast<double>(members.size()) * kShiftMinutes);
    for (int s = 0; s < kSlots; ++s) {
        demand[s] = StaffingDemand(IntradayShape(kOpenMinute + 15.0 * s + 7.5), scale);
        demand_sum += demand[s];
    }
    double full_shift_presence = 0;
    for (int s = 0; s < kSlots; ++s) full_shift_presence += presence[0][s];
    double target[kSlots];
    for (int s = 0; s < kSlots; ++s) target[s] = demand[s] * members.size() * full_shift_presence / demand_sum;

    double staff[kSlots] = {};
    std::vector<int> choice(members.size(), -1);
    size_t part_timers = 0;
    const size_t max_part_timers = static_cast<size_t>(kMaxPartTimeShare * static_cast<double>(members.size()));
    auto pick = [&](size_t m) {
        int best = 0;
        double best_cost = 0;
        for (int o = 0; o < kOptions; ++o) {
            if (kShiftOptions[o].minutes < kShiftMinutes && part_timers >= max_part_timers) continue;
            double cost = 0;
            for (int s = 0; s < kSlots; ++s) {
                const double before = staff[s] - target[s];
                const double after = before + presence[o][s];
                cost += (after * after - before * before) / target[s];
            }
            // Part-timers cover less per head: compare per paid minute of the full shift.
            cost *= static_cast<double>(kShiftMinutes) / kShiftOptions[o].minutes;
            cost += 1e-3 * rng.Uniform();
            if (o == 0 || cost < best_cost) {
                best = o;
                best_cost = cost;
            }
        }
        choice[m] = best;
        if (kShiftOptions[best].minutes < kShiftMinutes) ++part_timers;
        for (int s = 0; s < kSlots; ++s) staff[s] += presence[best][s];
    };
    for (size_t m = 0; m < members.size(); ++m) pick(m);
    for (int pass = 0; pass < 3; ++pass) {
        for (size_t m = 0; m < members.size(); ++m) {
            const int old = choice[m];
            if (kShiftOptions[old].minutes < kShiftMinutes) --part_timers;
            for (int s = 0; s < kSlots; ++s) staff[s] -= presence[old][s];
            pick(m);
        }
    }
    for (size_t m = 0; m < members.size(); ++m) {
        model->profiles[members[m]].shift_start_min = kShiftOptions[choice[m]].start;
        model->profiles[members[m]].shift_minutes = kShiftOptions[choice[m]].minutes;
    }
}

// Overlap of [a0, a1) and [b0, b1).
int64_t Overlap(int64_t a0, int64_t a1, int64_t b0, int64_t b1) {
    const int64_t lo = std::max(a0, b0);
    const int64_t hi = std::min(a1, b1);
    return hi > lo ? hi - lo : 0;
}

// Arrivals per second at shape 1 so that a reference weekday (weekday factor 1) runs at
// kTargetOccupancy: offered workload = target x on-queue agent time of the members' plans.
double BaseRate(const SimModel& model) {
    SimModel ref = model;
    ref.config.scenario = Scenario::NormalDay;
    const int64_t day = LocalDay(DefaultStartMs(model.config.tz_offset_min), model.config.tz_offset_min) + 2;
    const std::vector<AgentDayPlan> plans = PlanDay(ref, day);
    const int64_t day_start = LocalDayStartMs(day, model.config.tz_offset_min);
    const int64_t open = day_start + kOpenMinute * kMinuteMs;
    const int64_t close = day_start + kCloseMinute * kMinuteMs;
    double on_queue_s = 0;
    for (size_t i = 0; i < plans.size(); ++i) {
        if (model.profiles[i].is_lead || !plans[i].works) continue;
        int64_t ms = Overlap(plans[i].ready_ms, plans[i].logout_ms, open, close);
        for (const Activity& act : plans[i].activities) {
            ms -= Overlap(act.start_ms, act.start_ms + act.duration_ms + act.overrun_ms, open, close);
        }
        on_queue_s += static_cast<double>(ms) / 1000.0;
    }
    on_queue_s *= 0.96;  // ring-no-answer pauses, short personal time, ready delays
    double aht_s = 0;
    for (int q = 0; q < kQueueCount; ++q) {
        const QueueParams& p = GetQueueParams(q);
        aht_s += p.share * (p.talk_mean_s + p.hold_prob * p.hold_mean_s + p.wrap_mean_s);
    }
    aht_s = aht_s * 1.03 + 5.0;  // tenure mix, ringing
    double shape_s = 0;
    for (int m = kOpenMinute; m < kCloseMinute; ++m) shape_s += IntradayShape(m + 0.5) * 60.0;
    return kTargetOccupancy * on_queue_s / (aht_s * shape_s);
}

}  // namespace

SimModel BuildSimModel(const SimConfig& config) {
    SimModel model;
    model.config = config;
    if (model.config.start_ms == 0) model.config.start_ms = DefaultStartMs(config.tz_offset_min);
    model.config.teams = std::clamp(config.teams, 1, 999);
    model.config.agents_per_team = std::clamp(config.agents_per_team, 4, 60);
    if (static_cast<int>(model.config.scenario) >= static_cast<int>(Scenario::kCount)) {
        model.config.scenario = Scenario::NormalDay;
    }
    if (model.config.scenario == Scenario::NewHireTeam) model.new_hire_team = std::min(2, model.config.teams - 1);
    Rng rng(StreamSeed(config.seed, 1));
    AddQueues(&model.directory);
    AddTeamsAndAgents(&model, rng);
    AssignShifts(&model, rng);
    model.base_rate_per_s = BaseRate(model);
    double peak = 0;
    for (double m = kOpenMinute; m < kCloseMinute; m += 0.25) {
        peak = std::max(peak, IntradayShape(m) * ScenarioVolumeFactor(model.config.scenario, m));
    }
    model.rate_bound_per_s = model.base_rate_per_s * peak * WeekdayFactor(0) * 1.02;
    return model;
}

double ArrivalRatePerSecond(const SimModel& model, int64_t t_ms) {
    const int32_t tz = model.config.tz_offset_min;
    const double minute = MinuteOfDay(t_ms, tz);
    const double shape = IntradayShape(minute);
    if (shape <= 0.0) return 0.0;
    // Monday peak: every simulated day is a Monday morning.
    const int weekday = model.config.scenario == Scenario::MondayPeak ? 0 : WeekdayOfDay(LocalDay(t_ms, tz));
    return model.base_rate_per_s * shape * WeekdayFactor(weekday) * ScenarioVolumeFactor(model.config.scenario, minute);
}

double ExpectedArrivals(const SimModel& model, int64_t from_ms, int64_t to_ms) {
    double sum = 0;
    for (int64_t t = from_ms; t < to_ms; t += 1000) sum += ArrivalRatePerSecond(model, t + 500);
    return sum;
}

}  // namespace cb::sim
