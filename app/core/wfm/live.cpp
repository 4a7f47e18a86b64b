// Live staffing and the break what-if (live.h).
#include "live.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <initializer_list>
#include <limits>
#include "adherence.h"
#include "erlang.h"

namespace cb::wfm {
namespace {

using Spans = std::vector<std::pair<int64_t, int64_t>>;

const std::vector<Planned>* ScheduleOf(const Snapshot& s, uint32_t agent) {
    if (!s.schedule.set || agent >= s.schedule.agents.size() || s.schedule.agents[agent].empty()) return nullptr;
    return &s.schedule.agents[agent];
}

void AddSpan(Spans* spans, int64_t a, int64_t b) {
    if (b <= a) return;
    if (!spans->empty() && spans->back().second == a) spans->back().second = b;
    else spans->emplace_back(a, b);
}

// The agent's on-queue spans in [from, to) into *out (cleared first).
void OnQueueSpans(const Snapshot& s, uint32_t agent, int64_t from, int64_t to, Spans* out) {
    out->clear();
    if (agent >= s.agents.size() || to <= from) return;
    const bool on_now = CountsOnQueue(s.agents[agent]);
    const std::vector<Planned>* sched = ScheduleOf(s, agent);
    if (!sched) {
        if (on_now) out->emplace_back(from, to);
        return;
    }
    // What it does now holds until the next scheduled change after now; then the schedule.
    const int64_t change = NextScheduledChange(*sched, s.now_ms);
    if (on_now) AddSpan(out, from, std::min(change, to));
    int64_t t = std::max(from, change);
    while (t < to) {
        const int64_t next = std::min(NextScheduledChange(*sched, t), to);
        if (IsOnQueue(ScheduledAt(*sched, t))) AddSpan(out, t, next);
        t = next;
    }
}

// Sums of fractional shares: kept to 1e-9 so that 1/3 + 1/3 + 1/3 is 1 (a whole agent).
double Tidy(double agents) { return std::round(agents * 1e9) / 1e9; }

std::vector<AgentsStep> StepsFrom(double base, std::vector<std::pair<int64_t, double>>* changes, int64_t from) {
    std::sort(changes->begin(), changes->end());
    std::vector<AgentsStep> steps{{from, base}};
    for (const auto& [t, d] : *changes) {
        if (t <= from) {
            steps.front().agents += d;
            continue;
        }
        if (steps.back().from_ms == t) steps.back().agents += d;
        else steps.push_back({t, steps.back().agents + d});
    }
    // Drop steps that do not change the count.
    std::vector<AgentsStep> out;
    for (AgentsStep st : steps) {
        st.agents = Tidy(st.agents);
        if (out.empty() || out.back().agents != st.agents) out.push_back(st);
    }
    return out;
}

// The whole number of agents at or below n (n's own value when it is whole up to rounding).
int32_t WholeBelow(double n) { return static_cast<int32_t>(std::floor(std::max(0.0, n) + 1e-9)); }

// Erlang C figures for the agent counts [n_from, n_from + size).
struct ByAgents {
    int32_t n_from = 0;
    std::vector<QueueResult> results;
};

// The range of whole agent counts `lists` of steps reach (floor and floor + 1 of each).
ByAgents TableFor(const Load& load, double t_s, std::initializer_list<const std::vector<AgentsStep>*> lists) {
    int32_t n_min = INT32_MAX, n_max = 0;
    for (const std::vector<AgentsStep>* steps : lists)
        for (const AgentsStep& st : *steps) {
            n_min = std::min(n_min, WholeBelow(st.agents));
            n_max = std::max(n_max, WholeBelow(st.agents) + 1);
        }
    ByAgents t;
    if (n_min == INT32_MAX || load.erlangs() <= 0) return t;
    t.n_from = n_min;
    t.results = ErlangCRange(n_min, n_max, load, t_s);  // one recursion for every count
    return t;
}

// SlAt with the table's whole counts: (service level, stable).
std::pair<double, bool> SlOf(const Load& load, const ByAgents& table, double n) {
    n = std::max(0.0, n);
    const double a = load.erlangs();
    if (a <= 0) return {1.0, true};  // no calls in the window: nobody is predicted to wait
    const int32_t lo = WholeBelow(n);
    const double f = std::max(0.0, n - lo) < 1e-9 ? 0.0 : n - lo;
    auto whole = [&](int32_t k) {
        const QueueResult& r = table.results[static_cast<size_t>(k - table.n_from)];
        return r.stable ? r.service_level : 0.0;
    };
    const bool stable = n > a + 1e-12;
    if (!stable) return {0.0, false};
    const double sl = f == 0.0 ? whole(lo) : (1.0 - f) * whole(lo) + f * whole(lo + 1);
    return {sl, true};
}

SlOutlook Outlook(const Load& load, const ByAgents& table, const std::vector<AgentsStep>& steps, int64_t from, int64_t to) {
    SlOutlook o;
    if (to <= from || steps.empty()) return o;
    o.stable = true;
    o.min_agents = std::numeric_limits<double>::max();
    o.max_agents = 0;
    double weighted = 0;
    for (size_t i = 0; i < steps.size(); ++i) {
        const int64_t seg_from = std::max(from, steps[i].from_ms);
        const int64_t seg_to = std::min(to, i + 1 < steps.size() ? steps[i + 1].from_ms : INT64_MAX);
        if (seg_to <= seg_from) continue;
        const double n = std::max(0.0, steps[i].agents);
        o.min_agents = std::min(o.min_agents, n);
        o.max_agents = std::max(o.max_agents, n);
        const auto [sl, stable] = SlOf(load, table, n);
        if (!stable) o.stable = false;
        weighted += sl * static_cast<double>(seg_to - seg_from);
    }
    if (o.min_agents == std::numeric_limits<double>::max()) o.min_agents = 0;
    o.service_level = o.stable ? weighted / static_cast<double>(to - from) : 0.0;
    return o;
}

Load LoadOf(double erlangs, double aht_s) {
    // Any calls/interval pair with this ratio gives the same Erlang C figures.
    Load load;
    load.aht_s = aht_s > 0 ? aht_s : 1.0;
    load.interval_s = 3600;
    load.calls = erlangs * load.interval_s / load.aht_s;
    return load;
}

}  // namespace

bool CountsOnQueue(const AgentLive& agent) { return IsOnQueue(ActivityOf(agent.state, agent.reason)); }

double RecentErlangs(const RecentLoad& recent) {
    if (recent.window_ms < kMinRecentWindowMs) return -1;
    if (recent.offered > 0 && recent.handled == 0) return -1;  // no handle time to go by
    if (recent.offered == 0) return 0;
    const double aht_s = static_cast<double>(recent.handle_ms) / static_cast<double>(recent.handled) / 1000.0;
    return static_cast<double>(recent.offered) * aht_s / (static_cast<double>(recent.window_ms) / 1000.0);
}

std::vector<double> QueueLoads(const Snapshot& s) {
    std::vector<double> loads(s.directory.queues.size(), 0.0);
    for (size_t q = 0; q < loads.size() && q < s.queues.size(); ++q) loads[q] = std::max(0.0, RecentErlangs(s.queues[q].recent));
    return loads;
}

std::vector<double> AgentShares(uint32_t member_of, const std::vector<double>& loads) {
    std::vector<double> shares(loads.size(), 0.0);
    double total = 0;
    int members = 0;
    for (size_t q = 0; q < loads.size() && q < 32; ++q) {
        if (!((member_of >> q) & 1u)) continue;
        ++members;
        total += std::max(0.0, loads[q]);
    }
    if (members == 0) return shares;
    for (size_t q = 0; q < loads.size() && q < 32; ++q) {
        if (!((member_of >> q) & 1u)) continue;
        shares[q] = total > 0 ? std::max(0.0, loads[q]) / total : 1.0 / members;
    }
    return shares;
}

SlOutlook SlAt(double erlangs, double aht_s, double t_s, double n) {
    const std::vector<AgentsStep> steps{{0, n}};
    return OutlookOf(erlangs, aht_s, t_s, steps, 0, 1);
}

std::vector<std::pair<int64_t, int64_t>> AgentOnQueueSpans(const Snapshot& s, uint32_t agent, int64_t from_ms, int64_t to_ms) {
    Spans spans;
    OnQueueSpans(s, agent, from_ms, to_ms, &spans);
    return spans;
}

std::vector<std::vector<AgentsStep>> ProjectAgents(const Snapshot& s, int64_t from_ms, int64_t to_ms) {
    const size_t queues = s.directory.queues.size();
    const std::vector<double> loads = QueueLoads(s);
    std::vector<double> base(queues, 0);
    std::vector<std::vector<std::pair<int64_t, double>>> changes(queues);
    Spans spans;
    for (uint32_t i = 0; i < s.agents.size(); ++i) {
        const uint32_t member_of = s.agents[i].member_of;
        if (member_of == 0) continue;
        const std::vector<double> shares = AgentShares(member_of, loads);
        const std::vector<Planned>* sched = ScheduleOf(s, i);
        if (!sched) {
            if (!CountsOnQueue(s.agents[i])) continue;
            for (size_t q = 0; q < queues; ++q) base[q] += shares[q];
            continue;
        }
        OnQueueSpans(s, i, from_ms, to_ms, &spans);
        for (size_t q = 0; q < queues; ++q) {
            if (shares[q] <= 0) continue;
            for (const auto& [a, b] : spans) {
                changes[q].emplace_back(a, shares[q]);
                if (b < to_ms) changes[q].emplace_back(b, -shares[q]);
            }
        }
    }
    std::vector<std::vector<AgentsStep>> out(queues);
    for (size_t q = 0; q < queues; ++q) out[q] = StepsFrom(base[q], &changes[q], from_ms);
    return out;
}

SlOutlook OutlookOf(double erlangs, double aht_s, double t_s, const std::vector<AgentsStep>& steps, int64_t from_ms,
                    int64_t to_ms) {
    const Load load = LoadOf(erlangs, aht_s);
    return Outlook(load, TableFor(load, t_s, {&steps}), steps, from_ms, to_ms);
}

std::vector<AgentsStep> WithoutAgent(const std::vector<AgentsStep>& steps, const std::vector<std::pair<int64_t, int64_t>>& spans,
                                     double share) {
    if (steps.empty()) return steps;
    std::vector<std::pair<int64_t, double>> changes;
    for (size_t i = 1; i < steps.size(); ++i) changes.emplace_back(steps[i].from_ms, steps[i].agents - steps[i - 1].agents);
    for (const auto& [a, b] : spans) {
        changes.emplace_back(a, -share);
        changes.emplace_back(b, +share);
    }
    std::vector<AgentsStep> out = StepsFrom(steps.front().agents, &changes, steps.front().from_ms);
    for (AgentsStep& st : out) st.agents = std::max(0.0, st.agents);
    return out;
}

LiveStaffing LiveStaffingOf(const QueueInfo& queue, const RecentLoad& recent, std::vector<AgentsStep> steps, int64_t now_ms,
                            int32_t members_on_queue) {
    LiveStaffing ls;
    ls.agents_on_queue = steps.empty() ? 0 : steps.front().agents;
    ls.members_on_queue = members_on_queue >= 0 ? members_on_queue : WholeBelow(ls.agents_on_queue);
    ls.steps = std::move(steps);
    if (recent.window_ms < kMinRecentWindowMs) return ls;
    if (recent.offered > 0 && recent.handled == 0) return ls;  // no handle time to go by
    ls.known = true;
    ls.aht_s = recent.handled > 0 ? static_cast<double>(recent.handle_ms) / static_cast<double>(recent.handled) / 1000.0 : 0.0;
    Load load;
    load.calls = static_cast<double>(recent.offered);
    load.interval_s = static_cast<double>(recent.window_ms) / 1000.0;
    load.aht_s = ls.aht_s;
    ls.erlangs = load.erlangs();
    const double t_s = queue.sl.threshold_s;
    if (recent.offered == 0) {
        ls.agents_needed = 0;
    } else {
        Target target;
        target.service_level = queue.sl.target;
        target.t_s = t_s;
        const Staffing st = RequiredAgents(load, target);
        ls.agents_needed = st.ok ? static_cast<int32_t>(st.raw_agents) : -1;
    }
    const Load flat = LoadOf(ls.erlangs, ls.aht_s);
    const std::vector<AgentsStep> one_fewer = WithoutAgent(ls.steps, {{now_ms, now_ms + kDefaultBreakMs}});
    const ByAgents table = TableFor(flat, t_s, {&ls.steps, &one_fewer});
    ls.now = Outlook(flat, table, ls.steps, now_ms, now_ms + 1);
    ls.next15 = Outlook(flat, table, ls.steps, now_ms, now_ms + 15 * 60000);
    ls.next30 = Outlook(flat, table, ls.steps, now_ms, now_ms + 30 * 60000);
    ls.break_next15 = Outlook(flat, table, one_fewer, now_ms, now_ms + kDefaultBreakMs);
    return ls;
}

void FillLiveStaffing(Snapshot* s) {
    std::vector<std::vector<AgentsStep>> steps = ProjectAgents(*s, s->now_ms, s->now_ms + kOutlookMs);
    std::vector<int32_t> members(s->directory.queues.size(), 0);
    for (const AgentLive& a : s->agents) {
        if (!CountsOnQueue(a)) continue;
        for (size_t q = 0; q < members.size() && q < 32; ++q) members[q] += (a.member_of >> q) & 1u;
    }
    for (size_t q = 0; q < s->queues.size() && q < s->directory.queues.size(); ++q) {
        s->queues[q].staffing =
            LiveStaffingOf(s->directory.queues[q], s->queues[q].recent, std::move(steps[q]), s->now_ms, members[q]);
    }
}

bool HasLiveData(const Snapshot& s) { return s.source != "history"; }

void ClearLiveStaffing(Snapshot* s) {
    for (QueueLive& q : s->queues) q.staffing = LiveStaffing{};
}

std::string_view WhatIfProblemName(WhatIfProblem p) {
    switch (p) {
    case WhatIfProblem::None: return "none";
    case WhatIfProblem::UnknownAgent: return "unknown_agent";
    case WhatIfProblem::BadStart: return "bad_start";
    case WhatIfProblem::BadDuration: return "bad_duration";
    case WhatIfProblem::NoQueue: return "no_queue";
    case WhatIfProblem::NoLiveData: return "no_live_data";
    }
    return "none";
}

BreakWhatIf WhatIfBreak(const Snapshot& s, uint32_t agent, int64_t start_ms, int64_t duration_ms) {
    BreakWhatIf w;
    w.agent = agent;
    w.start_ms = start_ms;
    w.end_ms = start_ms + duration_ms;
    const int64_t day_end = s.day_end_ms > s.day_start_ms ? s.day_end_ms : s.day_start_ms + 86400000;
    if (!HasLiveData(s)) {
        w.problem = WhatIfProblem::NoLiveData;
        return w;
    }
    if (agent >= s.agents.size() || agent >= s.directory.agents.size()) {
        w.problem = WhatIfProblem::UnknownAgent;
        return w;
    }
    if (duration_ms < 60000 || duration_ms > kMaxWhatIfBreakMs) {
        w.problem = WhatIfProblem::BadDuration;
        return w;
    }
    if (start_ms < s.now_ms || start_ms >= day_end) {
        w.problem = WhatIfProblem::BadStart;
        return w;
    }
    const uint32_t member_of = s.agents[agent].member_of;
    if (member_of == 0) {
        w.problem = WhatIfProblem::NoQueue;
        return w;
    }
    // Within the carried outlook: the snapshot's own steps (whole center even when scoped).
    const bool carried = w.end_ms <= s.now_ms + kOutlookMs;
    std::vector<std::vector<AgentsStep>> projected;
    if (!carried) projected = ProjectAgents(s, start_ms, w.end_ms);
    const Spans spans = AgentOnQueueSpans(s, agent, start_ms, w.end_ms);
    const std::vector<double> shares = AgentShares(member_of, QueueLoads(s));
    for (size_t q = 0; q < s.queues.size() && q < s.directory.queues.size() && q < 32; ++q) {
        if (!((member_of >> q) & 1u)) continue;
        const LiveStaffing& ls = s.queues[q].staffing;
        QueueWhatIf qw;
        qw.queue = static_cast<uint16_t>(q);
        qw.known = ls.known;
        qw.share = shares[q];
        qw.on_queue = !spans.empty() && qw.share > 0;
        qw.erlangs = ls.erlangs;
        if (ls.known) {
            const std::vector<AgentsStep>& steps = carried ? ls.steps : projected[q];
            const double t_s = s.directory.queues[q].sl.threshold_s;
            qw.without = OutlookOf(ls.erlangs, ls.aht_s, t_s, steps, start_ms, w.end_ms);
            qw.with = OutlookOf(ls.erlangs, ls.aht_s, t_s, WithoutAgent(steps, spans, qw.share), start_ms, w.end_ms);
        }
        w.queues.push_back(qw);
    }
    return w;
}

}  // namespace cb::wfm
