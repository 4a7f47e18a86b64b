// Live staffing, the break what-if and the schedule they follow (app/core/wfm/live.h, schedule.h):
// figures worked by hand from the published Erlang C cases of shared/reference/erlang_cases.md
// (100 calls in 30 min, AHT 180 s = 10 Erlangs; service level 80 % within 20 s: 11 agents give
// 0.3896138, 12 give 0.640158, 13 give 0.7955948, 14 give 0.88835), and the rules for who is on queue when.
#include <doctest/doctest.h>

#include <climits>

#include "core/wfm/erlang.h"
#include "core/wfm/live.h"

using namespace cb;
using namespace cb::wfm;

namespace {

constexpr int64_t kMin = 60000;
constexpr int64_t kNow = 1767585600000;  // 2026-01-05 04:00 UTC
constexpr double kSl11 = 0.3896138, kSl12 = 0.640158, kSl13 = 0.7955948, kSl14 = 0.88835;

// One queue (80 % within 20 s), `agents` agents, all members, all available; the last 30
// minutes: 100 calls, 100 handled in 180 s each.
Snapshot Center(int agents) {
    Snapshot s;
    s.now_ms = kNow;
    s.day_start_ms = kNow - 12 * 60 * kMin;
    s.day_end_ms = s.day_start_ms + 24 * 60 * kMin;
    s.directory.queues.push_back({"orders", "Orders", "订单", {SlVariant::AnsweredOverOffered, 20, 0.8, 5}});
    s.directory.queues.push_back({"vip", "VIP", "贵宾", {SlVariant::AnsweredOverOffered, 20, 0.8, 5}});
    s.directory.teams.push_back({"a", "Team A", "一组", 0});
    s.queues.resize(2);
    s.teams.resize(1);
    s.intervals.resize(2);
    for (int i = 0; i < agents; ++i) {
        s.directory.agents.push_back({"a" + std::to_string(i), "A", "A", 0, 0, static_cast<uint16_t>(i), 12, 1});
        AgentLive a;
        a.state = AgentState::Available;
        a.member_of = 1;
        s.agents.push_back(a);
    }
    s.queues[0].recent = RecentLoad{30 * kMin, 100, 100, 100 * 180000};
    return s;
}

void Plan(Snapshot* s, uint32_t agent, std::vector<Planned> activities) {
    s->schedule.set = true;
    s->schedule.agents.resize(s->agents.size());
    s->schedule.agents[agent] = std::move(activities);
}

}  // namespace

TEST_CASE("agents needed now and the predicted service level: erlang_cases.md rows 3-5") {
    Snapshot s = Center(14);
    FillLiveStaffing(&s);
    const LiveStaffing& l = s.queues[0].staffing;
    REQUIRE(l.known);
    CHECK(l.erlangs == doctest::Approx(10.0));
    CHECK(l.aht_s == doctest::Approx(180.0));
    CHECK(l.agents_on_queue == 14);
    CHECK(l.agents_needed == 14);  // 13 give 79.6 % < 80 %
    CHECK(l.now.stable);
    CHECK(l.now.service_level == doctest::Approx(kSl14).epsilon(1e-5));
    // No schedule: the agents stay as they are, so both windows equal now.
    CHECK(l.next15.service_level == doctest::Approx(kSl14).epsilon(1e-5));
    CHECK(l.next30.service_level == doctest::Approx(kSl14).epsilon(1e-5));
    CHECK(l.next30.min_agents == 14);
    // One agent fewer for the next 15 minutes: 13 agents.
    CHECK(l.break_next15.stable);
    CHECK(l.break_next15.service_level == doctest::Approx(kSl13).epsilon(1e-6));
    CHECK(l.break_next15.max_agents == 13);
    REQUIRE(l.steps.size() == 1);
    CHECK(l.steps[0] == AgentsStep{kNow, 14});
    // The second queue has seen no calls and has no members: no load, nobody needed.
    const LiveStaffing& vip = s.queues[1].staffing;
    CHECK_FALSE(vip.known);  // nothing seen for 5 minutes (window 0)
}

TEST_CASE("as many agents as Erlangs: the queue grows, no service level is given") {
    Snapshot s = Center(10);
    FillLiveStaffing(&s);
    const LiveStaffing& l = s.queues[0].staffing;
    REQUIRE(l.known);
    CHECK_FALSE(l.now.stable);
    CHECK(l.now.service_level == 0.0);
    CHECK(l.agents_needed == 14);
    Snapshot eleven = Center(11);
    FillLiveStaffing(&eleven);
    CHECK(eleven.queues[0].staffing.now.service_level == doctest::Approx(kSl11).epsilon(1e-6));
    CHECK_FALSE(eleven.queues[0].staffing.break_next15.stable);  // 10 agents for 10 Erlangs
}

TEST_CASE("too little seen, or calls without a handle time: no figures yet") {
    Snapshot s = Center(14);
    s.queues[0].recent = RecentLoad{4 * kMin, 20, 10, 10 * 180000};
    FillLiveStaffing(&s);
    CHECK_FALSE(s.queues[0].staffing.known);
    CHECK(s.queues[0].staffing.agents_on_queue == 14);
    s.queues[0].recent = RecentLoad{30 * kMin, 20, 0, 0};
    FillLiveStaffing(&s);
    CHECK_FALSE(s.queues[0].staffing.known);
    // No calls at all: known, nobody needed, everyone answered at once.
    s.queues[0].recent = RecentLoad{30 * kMin, 0, 0, 0};
    FillLiveStaffing(&s);
    CHECK(s.queues[0].staffing.known);
    CHECK(s.queues[0].staffing.agents_needed == 0);
    CHECK(s.queues[0].staffing.erlangs == 0.0);
    CHECK(s.queues[0].staffing.now.service_level == 1.0);
}

TEST_CASE("the schedule moves agents off and on queue: next 15 and 30 minutes by hand") {
    Snapshot s = Center(14);
    // Agent 3: on queue, a break from +10 to +25 min, then on queue again.
    Plan(&s, 3, {{kNow - 60 * kMin, kNow + 10 * kMin, Activity::OnQueue},
                     {kNow + 10 * kMin, kNow + 25 * kMin, Activity::Break},
                     {kNow + 25 * kMin, kNow + 240 * kMin, Activity::OnQueue}});
    FillLiveStaffing(&s);
    const LiveStaffing& l = s.queues[0].staffing;
    REQUIRE(l.steps.size() == 3);
    CHECK(l.steps[0] == AgentsStep{kNow, 14});
    CHECK(l.steps[1] == AgentsStep{kNow + 10 * kMin, 13});
    CHECK(l.steps[2] == AgentsStep{kNow + 25 * kMin, 14});
    // 10 min of 14 and 5 of 13; 15 min of each.
    CHECK(l.next15.service_level == doctest::Approx((10 * kSl14 + 5 * kSl13) / 15).epsilon(1e-5));
    CHECK(l.next30.service_level == doctest::Approx((kSl14 + kSl13) / 2).epsilon(1e-5));
    CHECK(l.next30.min_agents == 13);
    CHECK(l.next30.max_agents == 14);
    CHECK(l.now.service_level == doctest::Approx(kSl14).epsilon(1e-5));
    CHECK(ProjectAgents(s, s.now_ms, s.now_ms + kOutlookMs)[0] == l.steps);
}

TEST_CASE("an agent keeps what it does until its next scheduled change, then follows the schedule") {
    Snapshot s = Center(3);
    // Agent 0 should be on break now (since -5 min, until +10) but is still available: counted
    // until +10, then on queue as scheduled. Agent 1 is on an unplanned break while scheduled on
    // queue until +20, then scheduled for lunch: off throughout. Agent 2 is logged out before a
    // shift starting at +5.
    Plan(&s, 0, {{kNow - 5 * kMin, kNow + 10 * kMin, Activity::Break}, {kNow + 10 * kMin, kNow + 60 * kMin, Activity::OnQueue}});
    Plan(&s, 1, {{kNow - 60 * kMin, kNow + 20 * kMin, Activity::OnQueue}, {kNow + 20 * kMin, kNow + 80 * kMin, Activity::Lunch}});
    Plan(&s, 2, {{kNow + 5 * kMin, kNow + 300 * kMin, Activity::OnQueue}});
    s.agents[1].state = AgentState::NotReady;
    s.agents[1].reason = NotReadyReason::Break;
    s.agents[2].state = AgentState::LoggedOut;
    CHECK(AgentOnQueueSpans(s, 0, kNow, kNow + 30 * kMin) == std::vector<std::pair<int64_t, int64_t>>{{kNow, kNow + 30 * kMin}});
    CHECK(AgentOnQueueSpans(s, 1, kNow, kNow + 30 * kMin).empty());
    CHECK(AgentOnQueueSpans(s, 2, kNow, kNow + 30 * kMin) == std::vector<std::pair<int64_t, int64_t>>{{kNow + 5 * kMin, kNow + 30 * kMin}});
    // Later: agent 1 back from lunch at +80.
    CHECK(AgentOnQueueSpans(s, 1, kNow + 60 * kMin, kNow + 120 * kMin).empty());
    const auto steps = ProjectAgents(s, kNow, kNow + 30 * kMin)[0];
    REQUIRE(steps.size() == 2);
    CHECK(steps[0] == AgentsStep{kNow, 1});
    CHECK(steps[1] == AgentsStep{kNow + 5 * kMin, 2});
}

TEST_CASE("break what-if for one agent: from X to Y during the break") {
    Snapshot s = Center(15);  // agent 6 at lunch: 14 on queue
    Plan(&s, 5, {{kNow - 60 * kMin, kNow + 5 * kMin, Activity::OnQueue}, {kNow + 5 * kMin, kNow + 20 * kMin, Activity::Break},
                     {kNow + 20 * kMin, kNow + 200 * kMin, Activity::OnQueue}});
    Plan(&s, 6, {{kNow - 30 * kMin, kNow + 30 * kMin, Activity::Lunch}});
    s.agents[6].state = AgentState::NotReady;
    s.agents[6].reason = NotReadyReason::Lunch;
    FillLiveStaffing(&s);

    // Agent 0 has nothing scheduled. Declined: 14 for 5 min, then 13 while agent 5 is on its
    // scheduled break. Approved: one fewer throughout.
    BreakWhatIf w = WhatIfBreak(s, 0, kNow);
    REQUIRE(w.problem == WhatIfProblem::None);
    REQUIRE(w.queues.size() == 1);
    CHECK(w.end_ms == kNow + 15 * kMin);
    CHECK(w.queues[0].known);
    CHECK(w.queues[0].on_queue);
    CHECK(w.queues[0].without.service_level == doctest::Approx((5 * kSl14 + 10 * kSl13) / 15).epsilon(1e-5));
    CHECK(w.queues[0].with.service_level == doctest::Approx((5 * kSl13 + 10 * kSl12) / 15).epsilon(1e-5));
    CHECK(w.queues[0].with.min_agents == 12);

    // Agent 5 goes on its scheduled break at +5: a break now only takes 5 minutes of its time.
    w = WhatIfBreak(s, 5, kNow);
    CHECK(w.queues[0].without.service_level == doctest::Approx((5 * kSl14 + 10 * kSl13) / 15).epsilon(1e-5));
    CHECK(w.queues[0].with.service_level == doctest::Approx(kSl13).epsilon(1e-5));

    // Agent 6 is at lunch: approving changes nothing.
    w = WhatIfBreak(s, 6, kNow);
    CHECK_FALSE(w.queues[0].on_queue);
    CHECK(w.queues[0].with == w.queues[0].without);

    CHECK(WhatIfBreak(s, 99, kNow).problem == WhatIfProblem::UnknownAgent);
    CHECK(WhatIfBreak(s, 0, kNow - kMin).problem == WhatIfProblem::BadStart);
    CHECK(WhatIfBreak(s, 0, s.day_end_ms).problem == WhatIfProblem::BadStart);
    CHECK(WhatIfBreak(s, 0, kNow, 30000).problem == WhatIfProblem::BadDuration);
    CHECK(WhatIfBreak(s, 0, kNow, 5 * 60 * kMin).problem == WhatIfProblem::BadDuration);
    s.agents[0].member_of = 0;
    CHECK(WhatIfBreak(s, 0, kNow).problem == WhatIfProblem::NoQueue);
    CHECK(WhatIfProblemName(WhatIfProblem::NoQueue) == "no_queue");
}

TEST_CASE("a break later in the day projects the whole center; a lead's snapshot answers the same for now") {
    Snapshot s = Center(14);
    Plan(&s, 5, {{kNow - 60 * kMin, kNow + 5 * kMin, Activity::OnQueue}, {kNow + 5 * kMin, kNow + 20 * kMin, Activity::Break},
                     {kNow + 20 * kMin, kNow + 200 * kMin, Activity::OnQueue}});
    FillLiveStaffing(&s);
    // In an hour, for 15 minutes: everyone on queue then (14), 13 with the break.
    const BreakWhatIf later = WhatIfBreak(s, 0, kNow + 60 * kMin);
    CHECK(later.queues[0].without.service_level == doctest::Approx(kSl14).epsilon(1e-5));
    CHECK(later.queues[0].with.service_level == doctest::Approx(kSl13).epsilon(1e-5));
    // A lead sees agent 0 and 1 only (the snapshot cut as the server cuts it): the carried steps
    // still count the whole center.
    const BreakWhatIf full = WhatIfBreak(s, 0, kNow);
    Snapshot lead = s;
    lead.agents.resize(2);
    lead.directory.agents.resize(2);
    lead.schedule.agents.resize(2);
    const BreakWhatIf scoped = WhatIfBreak(lead, 0, kNow);
    REQUIRE(scoped.queues.size() == 1);
    CHECK(scoped.queues[0].with == full.queues[0].with);
    CHECK(scoped.queues[0].without == full.queues[0].without);
}

TEST_CASE("a schedule is checked and resolved by agent key; errors name the agent and activity") {
    Directory d;
    d.agents.push_back({"1001", "Wang Fang", "王芳", 0, 0, 0, 12, 1});
    d.agents.push_back({"1002", "Li Na", "李娜", 0, 0, 1, 3, 1});
    Schedule schedule;
    schedule.agents.push_back({"1002", {{200, 300, Activity::Break}, {100, 200, Activity::OnQueue}}});
    DaySchedule out;
    std::string error;
    REQUIRE(ResolveSchedule(d, schedule, &out, &error));
    CHECK(out.set);
    REQUIRE(out.agents.size() == 2);
    CHECK(out.agents[0].empty());
    REQUIRE(out.agents[1].size() == 2);
    CHECK(out.agents[1][0] == Planned{100, 200, Activity::OnQueue});  // sorted by start

    auto fails = [&](Schedule bad, const std::string& expected) {
        DaySchedule untouched = out;
        std::string why;
        CHECK_FALSE(ResolveSchedule(d, bad, &untouched, &why));
        CHECK(why == expected);
        CHECK(untouched == out);
    };
    Schedule unknown;
    unknown.agents.push_back({"9999", {{0, 10, Activity::OnQueue}}});
    fails(unknown, "agent '9999': not in the directory");
    Schedule twice;
    twice.agents.push_back({"1001", {}});
    twice.agents.push_back({"1001", {}});
    fails(twice, "agent '1001': listed twice");
    Schedule backwards;
    backwards.agents.push_back({"1001", {{0, 10, Activity::OnQueue}, {50, 50, Activity::Break}}});
    fails(backwards, "agent '1001', activity 2: ends at or before it starts");
    Schedule overlap;
    overlap.agents.push_back({"1001", {{0, 100, Activity::OnQueue}, {300, 400, Activity::Lunch}, {90, 120, Activity::Break}}});
    fails(overlap, "agent '1001', activity 3: overlaps activity 1");
    Schedule off;
    off.agents.push_back({"1001", {{0, 100, Activity::Off}}});
    fails(off, "agent '1001', activity 1: the activity must be on_queue, break, lunch, meeting, training or other");
    Schedule thresholds;
    thresholds.options.severe_threshold_ms = 1000;
    fails(thresholds, "severe threshold: must be at least the exception threshold");

    std::vector<std::string> skipped;
    REQUIRE(ResolveSchedule(d, unknown, &out, &error, true, &skipped));
    CHECK(skipped == std::vector<std::string>{"9999"});
    CHECK(out.agents[0].empty());
    CHECK(out.agents[1].empty());
}

TEST_CASE("what is scheduled at a time, and when it next changes") {
    const std::vector<Planned> day{{100, 200, Activity::OnQueue}, {200, 300, Activity::OnQueue}, {300, 350, Activity::Break},
                                   {400, 500, Activity::OnQueue}};
    CHECK(ScheduledAt(day, 50) == Activity::Off);
    CHECK(ScheduledAt(day, 100) == Activity::OnQueue);
    CHECK(ScheduledAt(day, 300) == Activity::Break);
    CHECK(ScheduledAt(day, 370) == Activity::Off);
    CHECK(ScheduledAt(day, 500) == Activity::Off);
    CHECK(NextScheduledChange(day, 50) == 100);
    CHECK(NextScheduledChange(day, 150) == 300);  // two on-queue blocks back to back are one
    CHECK(NextScheduledChange(day, 300) == 350);
    CHECK(NextScheduledChange(day, 360) == 400);
    CHECK(NextScheduledChange(day, 450) == 500);
    CHECK(NextScheduledChange(day, 500) == INT64_MAX);
    const DaySchedule all{true, {day}, {}};
    CHECK(ScheduleOfDay(all, 250, 320).agents[0] == std::vector<Planned>{{200, 300, Activity::OnQueue}, {300, 350, Activity::Break}});
}

TEST_CASE("a server serving stored history only has no live data: no staffing, no what-if") {
    Snapshot s = Center(14);
    FillLiveStaffing(&s);
    REQUIRE(s.queues[0].staffing.known);
    CHECK(HasLiveData(s));
    s.source = "history";
    CHECK_FALSE(HasLiveData(s));
    ClearLiveStaffing(&s);
    CHECK_FALSE(s.queues[0].staffing.known);
    CHECK(s.queues[0].staffing.steps.empty());
    CHECK(s.queues[0].staffing == LiveStaffing{});
    const BreakWhatIf w = WhatIfBreak(s, 0, kNow);
    CHECK(w.problem == WhatIfProblem::NoLiveData);
    CHECK(w.queues.empty());
    CHECK(WhatIfProblemName(WhatIfProblem::NoLiveData) == "no_live_data");
}

TEST_CASE("Erlang C for a range of agent counts at once equals Erlang C one count at a time") {
    for (const double erlangs : {0.9, 10.0, 70.9, 5000.0}) {
        Load load;
        load.aht_s = 180;
        load.interval_s = 1800;
        load.calls = erlangs * load.interval_s / load.aht_s;
        const int64_t n_to = static_cast<int64_t>(erlangs * 1.3) + 3;
        for (const int64_t n_from : {int64_t{0}, static_cast<int64_t>(erlangs * 0.9), n_to}) {
            const std::vector<QueueResult> range = ErlangCRange(n_from, n_to, load, 20);
            REQUIRE(range.size() == static_cast<size_t>(n_to - n_from) + 1);
            for (int64_t n = n_from; n <= n_to; ++n) {
                const QueueResult one = ErlangC(n, load, 20);
                const QueueResult& r = range[static_cast<size_t>(n - n_from)];
                CHECK(r.stable == one.stable);
                CHECK(r.service_level == one.service_level);
                CHECK(r.p_wait == one.p_wait);
            }
        }
    }
    CHECK(ErlangCRange(5, 4, Load{}, 20).empty());
    CHECK(ErlangCRange(-1, 4, Load{}, 20).empty());
}

// Two queues sharing agents, worked by hand: orders 100 calls in 30 min at 180 s = 10 Erlangs,
// vip 50 calls at 180 s = 5 Erlangs; 12 agents serve orders only, 4 vip only, 4 both. A shared
// agent's time goes 10/15 = 2/3 to orders and 5/15 = 1/3 to vip, so orders has
// 12 + 4 x 2/3 = 14.667 agents and vip 4 + 4 x 1/3 = 5.333, 20 together (each agent once).
// Erlang C at 20 s: orders 14 agents 0.8883500, 15 agents 0.9414528; vip 6 agents 0.4742672,
// 5 agents none (as many agents as Erlangs).
namespace {
constexpr double kSl15 = 0.9414528, kVip6 = 0.4742672;

Snapshot Shared() {
    Snapshot s = Center(20);
    for (int i = 12; i < 16; ++i) s.agents[i].member_of = 2;  // vip only
    for (int i = 16; i < 20; ++i) s.agents[i].member_of = 3;  // both
    s.queues[1].recent = RecentLoad{30 * kMin, 50, 50, 50 * 180000};
    return s;
}
}  // namespace

TEST_CASE("a multi-skilled agent's time is split between its queues by their load") {
    CHECK(AgentShares(3, {10.0, 5.0}) == std::vector<double>{10.0 / 15.0, 5.0 / 15.0});
    CHECK(AgentShares(1, {10.0, 5.0}) == std::vector<double>{1.0, 0.0});
    CHECK(AgentShares(2, {10.0, 5.0}) == std::vector<double>{0.0, 1.0});
    // No load in any of its queues: equally.
    CHECK(AgentShares(7, {0.0, 0.0, 0.0, 8.0}) == std::vector<double>{1.0 / 3, 1.0 / 3, 1.0 / 3, 0.0});
    CHECK(AgentShares(0, {1.0, 2.0}) == std::vector<double>{0.0, 0.0});
    // A queue whose load is not known yet (under 5 minutes seen) weighs nothing.
    CHECK(RecentErlangs(RecentLoad{30 * kMin, 100, 100, 100 * 180000}) == doctest::Approx(10.0));
    CHECK(RecentErlangs(RecentLoad{4 * kMin, 20, 20, 20 * 180000}) < 0);
    CHECK(RecentErlangs(RecentLoad{30 * kMin, 20, 0, 0}) < 0);
    CHECK(RecentErlangs(RecentLoad{30 * kMin, 0, 0, 0}) == 0.0);

    Snapshot s = Shared();
    FillLiveStaffing(&s);
    const LiveStaffing& orders = s.queues[0].staffing;
    const LiveStaffing& vip = s.queues[1].staffing;
    REQUIRE(orders.known);
    REQUIRE(vip.known);
    CHECK(vip.erlangs == doctest::Approx(5.0));
    CHECK(orders.agents_on_queue == doctest::Approx(12 + 8.0 / 3));
    CHECK(vip.agents_on_queue == doctest::Approx(4 + 4.0 / 3));
    CHECK(orders.agents_on_queue + vip.agents_on_queue == doctest::Approx(20.0));  // each agent once
    CHECK(orders.members_on_queue == 16);  // the people the shares come from
    CHECK(vip.members_on_queue == 8);
    // 14.667 agents: a third of the way from 15 down to 14 (linear between the whole numbers).
    CHECK(orders.now.service_level == doctest::Approx(kSl14 / 3 + 2 * kSl15 / 3).epsilon(1e-5));
    // 5.333 agents for 5 Erlangs: a third of 6 agents' service level, 5 counting 0.
    CHECK(vip.now.stable);
    CHECK(vip.now.service_level == doctest::Approx(kVip6 / 3).epsilon(1e-5));
    CHECK(vip.agents_needed == 8);  // 7 agents give 74.0 %

    // A break for a shared agent takes its 2/3 off orders and its 1/3 off vip: orders 14 agents,
    // vip 5 for 5 Erlangs (grows).
    const BreakWhatIf w = WhatIfBreak(s, 17, kNow);
    REQUIRE(w.problem == WhatIfProblem::None);
    REQUIRE(w.queues.size() == 2);
    CHECK(w.queues[0].share == doctest::Approx(2.0 / 3));
    CHECK(w.queues[1].share == doctest::Approx(1.0 / 3));
    CHECK(w.queues[0].without.service_level == doctest::Approx(orders.next15.service_level));
    CHECK(w.queues[0].with.service_level == doctest::Approx(kSl14).epsilon(1e-5));
    CHECK(w.queues[0].with.min_agents == doctest::Approx(14.0));
    CHECK(w.queues[1].without.stable);
    CHECK_FALSE(w.queues[1].with.stable);
    CHECK(w.queues[1].with.min_agents == doctest::Approx(5.0));
    // An orders-only agent: a whole agent off orders, vip untouched.
    const BreakWhatIf one = WhatIfBreak(s, 0, kNow);
    REQUIRE(one.queues.size() == 1);
    CHECK(one.queues[0].with.min_agents == doctest::Approx(11 + 8.0 / 3));

    // A scheduled break of a shared agent moves its shares off both queues in the steps.
    Plan(&s, 18, {{kNow - 60 * kMin, kNow + 10 * kMin, Activity::OnQueue}, {kNow + 10 * kMin, kNow + 25 * kMin, Activity::Break},
                  {kNow + 25 * kMin, kNow + 240 * kMin, Activity::OnQueue}});
    FillLiveStaffing(&s);
    REQUIRE(s.queues[1].staffing.steps.size() == 3);
    CHECK(s.queues[1].staffing.steps[1].agents == doctest::Approx(5.0));
    CHECK(s.queues[0].staffing.steps[1].agents == doctest::Approx(14.0));
    CHECK(s.queues[0].staffing.steps[2].agents == doctest::Approx(12 + 8.0 / 3));
}

TEST_CASE("Erlang C at a fractional number of agents: linear between the whole numbers around it") {
    CHECK(SlAt(10.0, 180, 20, 14.0).service_level == doctest::Approx(kSl14).epsilon(1e-6));
    CHECK(SlAt(10.0, 180, 20, 13.5).service_level == doctest::Approx((kSl13 + kSl14) / 2).epsilon(1e-6));
    CHECK(SlAt(10.0, 180, 20, 13.25).service_level == doctest::Approx(0.75 * kSl13 + 0.25 * kSl14).epsilon(1e-6));
    CHECK_FALSE(SlAt(10.0, 180, 20, 10.0).stable);  // as many agents as Erlangs: grows
    CHECK_FALSE(SlAt(10.0, 180, 20, 9.5).stable);
    CHECK(SlAt(10.0, 180, 20, 10.5).stable);       // half of 11 agents' figure, 10 counting 0
    CHECK(SlAt(10.0, 180, 20, 10.5).service_level == doctest::Approx(kSl11 / 2).epsilon(1e-6));
    // Shares that add up to a whole agent are a whole agent (1/3 three times).
    CHECK(SlAt(10.0, 180, 20, 13.0 + 1.0 / 3 + 1.0 / 3 + 1.0 / 3).service_level == doctest::Approx(kSl14).epsilon(1e-6));
    // No calls: nobody is predicted to wait.
    CHECK(SlAt(0.0, 180, 20, 0.0).stable);
    CHECK(SlAt(0.0, 180, 20, 0.0).service_level == 1.0);
}
