// Reports over stored history (ReportStore + ReportService): the hand-made center of
// report_fixture.cpp in Europe/Berlin with its 23 h day, a 25 h day in New York, weeks and
// months, ratios from summed counts, the center counting each agent's time once, not-ready time
// by reason and callbacks, versioned definitions (a late rebuild keeps the old one; saved reports
// keep theirs), scorecards, incidents and notes, scoping of leads, and the report equal to the
// live engine's numbers for the same events.
#include <doctest/doctest.h>

#include <map>
#include "core/engine.h"
#include "core/report/report_json.h"
#include "core/sim/simulator.h"
#include "server/admin/report_service.h"
#include "server/base/time_zone.h"
#include "server/store/store.h"
#include "server/store/store_reports.h"
#include "report_fixture.h"
#include "server_test_util.h"

using namespace cb;

namespace {

const CivilDate kSat{2026, 3, 28}, kSun{2026, 3, 29};

Caller Admin() {
    Caller c;
    c.local = true;
    return c;
}

Caller Lead(const std::string& name, std::vector<std::string> teams) {
    Caller c;
    c.user = name;
    c.role = Role::Lead;
    c.teams = std::move(teams);
    return c;
}

ReportQuery Q(CivilDate from, CivilDate to, ReportGroup group, ReportGranularity g) {
    ReportQuery q;
    q.from = from;
    q.to = to;
    q.group = group;
    q.granularity = g;
    return q;
}

// A report service over a database file, with the clock at `now`.
struct Reports {
    ReportStore store;
    int64_t now;
    ReportService service{[this] { return now; }};
    Reports(const std::string& path, const TimeZone& zone, int64_t now_ms) : now(now_ms) {
        REQUIRE(store.Open(path).ok());
        service.Attach(&store, zone, 15);
    }
    Report Run(const ReportQuery& q, const Caller& caller = Admin()) {
        Report r;
        const AdminOutcome o = service.RunReport(q, caller, &r);
        REQUIRE_MESSAGE(o.ok(), o.message);
        return r;
    }
};

const ReportRow& Row(const Report& r, const std::string& group, size_t bucket) {
    for (const ReportRow& row : r.rows) {
        if (r.groups[static_cast<size_t>(row.group)].key == group && row.bucket == static_cast<int32_t>(bucket)) return row;
    }
    FAIL("no row " << group << " / " << bucket);
    return r.rows.front();
}

const ReportRow& Total(const Report& r, const std::string& group) {
    for (const ReportRow& row : r.totals) {
        if (r.groups[static_cast<size_t>(row.group)].key == group) return row;
    }
    FAIL("no total " << group);
    return r.totals.front();
}

KpiFigure Kpi(const Report& r, const ReportRow& row, ReportKpi k) { return ReportRowKpis(r, row)[static_cast<size_t>(k)]; }

int64_t NotReady(const ReportRow& row, NotReadyReason reason) { return row.extras.not_ready_ms[static_cast<size_t>(reason)]; }

}  // namespace

TEST_CASE("reports of the hand-made center equal the hand-computed values, across a 23 h day in Europe/Berlin") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/r.db";
    cbtest::ReportDb db = cbtest::OpenReportDb(path, cbtest::BerlinMs({2026, 1, 1}, 0, 0));
    Reports reports(path, cbtest::Berlin(), cbtest::BerlinMs({2026, 3, 30}, 12, 0));

    // Per queue and day.
    Report r = reports.Run(Q(kSat, kSun, ReportGroup::Queue, ReportGranularity::Day));
    REQUIRE(r.groups.size() == 2);
    REQUIRE(r.buckets.size() == 2);
    CHECK(r.buckets[1].end_ms - r.buckets[1].start_ms == 23 * 3600000LL);
    CHECK(r.pending_days.empty());
    const ReportRow& sales = Row(r, "sales", 0);
    CHECK(sales.counts.offered == 4);
    CHECK(sales.counts.answered == 2);
    CHECK(sales.counts.answered_within_t == 1);
    CHECK(sales.counts.abandoned == 2);
    CHECK(sales.counts.abandoned_within_t == 1);
    CHECK(sales.counts.short_abandoned == 1);
    CHECK(sales.counts.handled == 2);
    CHECK(sales.counts.wait_answered_ms == 45000);
    CHECK(sales.counts.wait_abandoned_ms == 64000);
    CHECK(sales.counts.talk_ms == 510000);
    CHECK(sales.counts.hold_ms == 30000);
    CHECK(sales.counts.wrap_ms == 90000);
    CHECK(sales.counts.orders == 1);
    CHECK(sales.counts.order_value_cents == 12000);
    CHECK(sales.counts.longest_wait_ms == 60000);
    CHECK(sales.counts.longest_talk_ms == 270000);
    // Both agents are members of sales: their time, each counted once for the queue.
    CHECK(sales.counts.staffed_ms == 15000000);
    CHECK(sales.counts.busy_ms == 630000);
    CHECK(sales.counts.available_ms == 13170000);
    CHECK(sales.extras.callbacks_promised == 1);
    CHECK(Kpi(r, sales, ReportKpi::ServiceLevel).numerator == 1);
    CHECK(Kpi(r, sales, ReportKpi::ServiceLevel).denominator == 4);
    CHECK(Kpi(r, sales, ReportKpi::AbandonRate).value == doctest::Approx(1.0 / 3.0));
    CHECK(Kpi(r, sales, ReportKpi::Asa).value == doctest::Approx(22500));
    CHECK(Kpi(r, sales, ReportKpi::Aht).value == doctest::Approx(315000));
    CHECK(Kpi(r, sales, ReportKpi::AverageAbandonWait).value == doctest::Approx(32000));
    CHECK(Row(r, "sales", 1).counts == KpiCounts{});
    const ReportRow& support_sat = Row(r, "support", 0);  // no calls, but 1002 is a member
    CHECK(support_sat.counts.offered == 0);
    CHECK(support_sat.counts.staffed_ms == 7500000);
    CHECK(NotReady(support_sat, NotReadyReason::None) == 300000);
    const ReportRow& support = Row(r, "support", 1);
    CHECK(support.counts.offered == 2);
    CHECK(support.counts.answered == 1);
    CHECK(support.counts.answered_within_t == 0);
    CHECK(support.counts.abandoned_within_t == 1);
    CHECK(support.counts.short_abandoned == 1);
    CHECK(support.counts.talk_ms == 860000);
    CHECK(support.counts.wrap_ms == 60000);
    CHECK(support.counts.staffed_ms == 5400000);
    CHECK(support.counts.busy_ms == 920000);
    CHECK(support.extras.callbacks_kept == 1);
    const KpiFigure support_sl = Kpi(r, support, ReportKpi::ServiceLevel);
    CHECK(support_sl.numerator == 0);
    CHECK(support_sl.denominator == 1);  // 2 offered - 1 short abandon
    CHECK(support_sl.variant == SlVariant::AnsweredOverOfferedLessShort);

    // The center: every call once, every agent's time once (not once per queue).
    r = reports.Run(Q(kSat, kSun, ReportGroup::Center, ReportGranularity::Day));
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].counts.offered == 4);
    CHECK(r.rows[0].counts.staffed_ms == 15000000);  // the queues' rows sum to 22,500,000
    CHECK(r.rows[1].counts.staffed_ms == 5400000);
    // Ratios from summed counts: Saturday 1 / (4 - 1), Sunday 0 / (2 - 1); the two days 1 / (6 - 2)
    // = 25 % (each call with its own queue's T), never the 16.7 % of averaged days.
    CHECK(Kpi(r, r.rows[0], ReportKpi::ServiceLevel).value == doctest::Approx(1.0 / 3.0));
    CHECK(Kpi(r, r.rows[1], ReportKpi::ServiceLevel).value == doctest::Approx(0.0));
    const KpiFigure center_sl = Kpi(r, r.totals[0], ReportKpi::ServiceLevel);
    CHECK(center_sl.numerator == 1);
    CHECK(center_sl.denominator == 4);
    CHECK(r.totals[0].mixed_definitions);  // T = 20 s for sales, 30 s for support
    CHECK(r.totals[0].definitions.size() == 2);
    CHECK(r.Definition(r.totals[0].headline_definition)->queue == "*");

    // Agents: not-ready time by reason, orders, callbacks.
    r = reports.Run(Q(kSat, kSun, ReportGroup::Agent, ReportGranularity::Range));
    REQUIRE(r.groups.size() == 3);
    const ReportRow& anna = Total(r, "1001");
    CHECK(NotReady(anna, NotReadyReason::None) == 300000);
    CHECK(NotReady(anna, NotReadyReason::Break) == 600000);
    CHECK(anna.extras.NotReadyTotal() == 900000);
    CHECK(anna.counts.staffed_ms == 7500000);
    CHECK(anna.counts.available_ms == 6300000);
    CHECK(anna.counts.order_value_cents == 12000);
    CHECK(Kpi(r, anna, ReportKpi::ServiceLevel).variant == SlVariant::AnsweredOverAnswered);
    CHECK(Kpi(r, anna, ReportKpi::ServiceLevel).value == doctest::Approx(1.0));
    CHECK(Total(r, "1002").extras.callbacks_promised == 1);
    CHECK(Total(r, "1002").counts.hold_ms == 30000);
    CHECK(Total(r, "1003").extras.callbacks_kept == 1);
    CHECK(Total(r, "1003").counts.busy_ms == 920000);

    r = reports.Run(Q(kSat, kSun, ReportGroup::Team, ReportGranularity::Range));
    CHECK(Total(r, "a").counts.handled == 2);
    CHECK(Total(r, "a").counts.staffed_ms == 15000000);
    CHECK(NotReady(Total(r, "a"), NotReadyReason::Break) == 600000);
    CHECK(Total(r, "b").counts.handled == 1);

    // The 23 h day in 15-minute intervals: 92, the skipped hour has none.
    r = reports.Run(Q(kSun, kSun, ReportGroup::Center, ReportGranularity::Minutes15));
    REQUIRE(r.rows.size() == 92);
    CHECK(r.buckets[7].label == "2026-03-29 01:45 +01:00");
    CHECK(r.rows[7].counts.offered == 1);
    CHECK(r.buckets[9].label == "2026-03-29 03:15 +02:00");
    CHECK(r.rows[9].counts.offered == 1);
    int64_t offered = 0;
    for (const ReportRow& row : r.rows) offered += row.counts.offered;
    CHECK(offered == 2);
    CHECK(r.rows[5].counts.staffed_ms == 0);       // 01:15 local, before the login
    CHECK(r.rows[6].counts.staffed_ms == 900000);  // 01:30-01:45 local
    CHECK(r.rows[8].counts.staffed_ms == 900000);  // 03:00-03:15 local, right after the jump
    CHECK(Kpi(r, r.rows[8], ReportKpi::AgentsStaffed).value == doctest::Approx(1.0));
    r = reports.Run(Q(kSun, kSun, ReportGroup::Queue, ReportGranularity::Minutes60));
    REQUIRE(r.buckets.size() == 23);
    CHECK(Row(r, "support", 1).counts.offered == 1);  // 01:00 +01:00
    CHECK(r.buckets[2].label == "2026-03-29 03:00 +02:00");
    CHECK(Row(r, "support", 2).counts.offered == 1);

    // Weeks: Monday weeks hold both days (ISO week 13); Sunday weeks split them.
    ReportQuery weeks = Q(kSat, kSun, ReportGroup::Center, ReportGranularity::Week);
    r = reports.Run(weeks);
    REQUIRE(r.rows.size() == 1);
    CHECK(r.buckets[0].label == "2026-W13");
    CHECK(r.buckets[0].partial);
    CHECK(r.rows[0].counts.offered == 6);
    weeks.first_weekday = 6;
    r = reports.Run(weeks);
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].counts.offered == 4);
    CHECK(r.rows[1].counts.offered == 2);
    r = reports.Run(Q({2026, 3, 1}, {2026, 4, 30}, ReportGroup::Center, ReportGranularity::Month));
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].counts.offered == 6);
    CHECK(r.rows[0].counts.staffed_ms == 20400000);
    CHECK(r.rows[1].counts == KpiCounts{});

    // Filters: the center of one queue is that queue's rows.
    ReportQuery one = Q(kSat, kSun, ReportGroup::Center, ReportGranularity::Range);
    one.queues = {"support"};
    r = reports.Run(one);
    CHECK(r.totals[0].counts.offered == 2);
    CHECK(r.totals[0].counts.staffed_ms == 12900000);  // 1002 on Saturday, 1003 on Sunday
    ReportQuery team_b = Q(kSat, kSun, ReportGroup::Agent, ReportGranularity::Range);
    team_b.teams = {"b"};
    r = reports.Run(team_b);
    REQUIRE(r.groups.size() == 1);
    CHECK(r.groups[0].key == "1003");
    CHECK(r.groups[0].team == "b");
}

TEST_CASE("a 25 h day in New York: the repeated hour has its own intervals") {
    Result<TimeZone> ny = LoadTimeZone("America/New_York");
    REQUIRE(ny.ok());
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/ny.db";
    {
        auto opened = Store::Open(path, DataKind::Real);
        REQUIRE(opened.ok());
        Store& store = *opened.value();
        DerivedConfig derived;
        derived.zone = ny.value();
        store.SetDerivedConfig(derived);
        Directory d = cbtest::ReportCenter();
        REQUIRE(store.SaveDirectory(d).ok());
        const CivilDate day{2026, 11, 1};
        // 01:30 EDT is 05:30 UTC; an hour later the clock shows 01:30 again (EST).
        const int64_t first = ny.value().ToUtc({day, 1, 30, 0, 0});
        REQUIRE(first == 1793511000000);
        std::vector<StoredEvent> events;
        auto add = [&](const std::string& key, EventKind kind, int64_t t, uint64_t call, uint32_t agent) {
            Event e;
            e.kind = kind;
            e.t_ms = t;
            e.call = call;
            e.agent = agent;
            e.queue = kind == EventKind::CallOffered || kind == EventKind::AgentLogin ? 0 : kNoQueue;
            events.push_back({key, e});
        };
        add("l", EventKind::AgentLogin, ny.value().StartOfDate(day), 0, 0);
        add("r", EventKind::AgentReady, ny.value().StartOfDate(day), 0, 0);
        add("o1", EventKind::CallOffered, first, 1, kNoAgent);
        add("a1", EventKind::CallAnswered, first + 10000, 1, 0);
        add("c1", EventKind::CallCompleted, first + 70000, 1, 0);
        add("w1", EventKind::WrapUpEnded, first + 80000, 0, 0);
        add("o2", EventKind::CallOffered, first + 3600000, 2, kNoAgent);
        add("a2", EventKind::CallAnswered, first + 3600000 + 30000, 2, 0);
        add("c2", EventKind::CallCompleted, first + 3600000 + 90000, 2, 0);
        add("w2", EventKind::WrapUpEnded, first + 3600000 + 100000, 0, 0);
        add("q", EventKind::AgentLogout, ny.value().StartOfDate({2026, 11, 2}), 0, 0);
        REQUIRE(store.Append("api", d, events).ok());
        REQUIRE(store.RebuildIntervals(first + 86400000).ok());
    }
    Reports reports(path, ny.value(), 1793511000000 + 2 * 86400000LL);
    Report r = reports.Run(Q({2026, 11, 1}, {2026, 11, 1}, ReportGroup::Queue, ReportGranularity::Minutes60));
    REQUIRE(r.buckets.size() == 25);
    CHECK(r.buckets[1].label == "2026-11-01 01:00 -04:00");
    CHECK(r.buckets[2].label == "2026-11-01 01:00 -05:00");
    CHECK(Row(r, "sales", 1).counts.offered == 1);
    CHECK(Row(r, "sales", 1).counts.answered_within_t == 1);
    CHECK(Row(r, "sales", 2).counts.offered == 1);
    CHECK(Row(r, "sales", 2).counts.answered_within_t == 0);  // 30 s > 20 s
    r = reports.Run(Q({2026, 11, 1}, {2026, 11, 1}, ReportGroup::Agent, ReportGranularity::Day));
    CHECK(r.buckets[0].end_ms - r.buckets[0].start_ms == 25 * 3600000LL);
    CHECK(Row(r, "1001", 0).counts.staffed_ms == 25 * 3600000LL);  // logged in all of the long day
    CHECK(Kpi(r, Row(r, "1001", 0), ReportKpi::AgentsStaffed).value == doctest::Approx(1.0));
}

TEST_CASE("a day's report equals the sum of the live engine's numbers for the same events") {
    SimConfig config;
    config.seed = 7;
    Simulator sim(config);
    std::vector<Event> events;
    sim.RunUntil(sim.now_ms() + 14 * 3600000, &events);  // 08:00 to 22:00 of one simulated day
    const TimeZone zone = TimeZone::Fixed(config.tz_offset_min);
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/sim.db";
    Engine engine(sim.directory(), EngineConfig{15, config.tz_offset_min, 0, 86400000, zone});
    {
        auto opened = Store::Open(path, DataKind::Real);
        REQUIRE(opened.ok());
        Store& store = *opened.value();
        DerivedConfig derived;
        derived.zone = zone;
        store.SetDerivedConfig(derived);
        REQUIRE(store.SaveDirectory(sim.directory()).ok());
        std::vector<StoredEvent> batch;
        int64_t last = 0;
        for (size_t i = 0; i < events.size(); ++i) {
            batch.push_back({"e" + std::to_string(i), events[i]});
            if (batch.size() == 5000 || i + 1 == events.size()) {
                Result<AppendSummary> stored = store.Append("sim", sim.directory(), batch);
                REQUIRE(stored.ok());
                for (size_t k = 0; k < stored.value().fresh.size(); ++k) {
                    Event e = batch[stored.value().fresh[k]].event;
                    e.id = stored.value().fresh_ids[k];
                    engine.Push(e);
                    last = std::max(last, e.t_ms);
                }
                batch.clear();
            }
        }
        engine.AdvanceTo(last);
        REQUIRE(store.RebuildIntervals(last).ok());
    }
    const Snapshot snap = engine.TakeSnapshot();
    const CivilDate day = zone.DateOf(snap.day_start_ms);
    Reports reports(path, zone, snap.now_ms);
    auto same = [](const KpiCounts& live, const KpiCounts& report) {
        for (const KpiCountField& f : KpiCountFields()) {
            CAPTURE(f.name);
            CHECK(report.*f.member == live.*f.member);
        }
    };
    const Directory& d = snap.directory;
    Report r = reports.Run(Q(day, day, ReportGroup::Queue, ReportGranularity::Day));
    KpiCounts queues;
    for (size_t q = 0; q < d.queues.size(); ++q) {
        CAPTURE(d.queues[q].key);
        same(snap.queues[q].today, Total(r, d.queues[q].key).counts);
        queues.Add(snap.queues[q].today);
    }
    CHECK(queues.handled > 500);
    r = reports.Run(Q(day, day, ReportGroup::Agent, ReportGranularity::Day));
    KpiCounts agents;
    for (size_t a = 0; a < d.agents.size(); ++a) {
        CAPTURE(d.agents[a].key);
        const ReportRow& row = Total(r, d.agents[a].key);
        same(snap.agents[a].today, row.counts);
        agents.Add(snap.agents[a].today);
        // Not-ready time by reason: the engine's reason_ms_today, counted by the store's rule.
        for (size_t reason = 0; reason < kNotReadyReasonCount; ++reason) {
            CAPTURE(reason);
            CHECK(row.extras.not_ready_ms[reason] == snap.agents[a].reason_ms_today[reason]);
        }
    }
    r = reports.Run(Q(day, day, ReportGroup::Team, ReportGranularity::Day));
    for (size_t t = 0; t < d.teams.size(); ++t) same(snap.teams[t].today, Total(r, d.teams[t].key).counts);
    // The center: the queues' calls and the agents' time, each once.
    r = reports.Run(Q(day, day, ReportGroup::Center, ReportGranularity::Day));
    const KpiCounts& center = r.totals[0].counts;
    CHECK(center.offered == queues.offered);
    CHECK(center.answered_within_t == queues.answered_within_t);
    CHECK(center.handled == queues.handled);
    CHECK(center.talk_ms == queues.talk_ms);
    CHECK(center.orders == queues.orders);
    CHECK(center.staffed_ms == agents.staffed_ms);
    CHECK(center.busy_ms == agents.busy_ms);
    CHECK(center.available_ms == agents.available_ms);
    CHECK(center.staffed_ms < queues.staffed_ms);  // queues count a member's time once per queue
    // Every 15-minute center row is the sum of the queues' calls in that interval.
    r = reports.Run(Q(day, day, ReportGroup::Center, ReportGranularity::Minutes15));
    int64_t offered = 0;
    for (const ReportRow& row : r.rows) offered += row.counts.offered;
    CHECK(offered == queues.offered);
}

TEST_CASE("definitions are versioned: a late rebuild of an old day keeps its definition, a saved report keeps its numbers") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/v.db";
    cbtest::ReportDb db = cbtest::OpenReportDb(path, cbtest::BerlinMs({2026, 1, 1}, 0, 0));
    Reports reports(path, cbtest::Berlin(), cbtest::BerlinMs({2026, 3, 30}, 0, 10));
    ReportQuery sat = Q(kSat, kSat, ReportGroup::Queue, ReportGranularity::Day);
    sat.queues = {"sales"};
    Report before = reports.Run(sat);
    CHECK(before.rows[0].counts.answered_within_t == 1);
    REQUIRE(before.definitions.size() == 1);
    const int64_t v1 = before.definitions[0].id;
    CHECK(before.definitions[0].sl.threshold_s == 20);
    SavedReport saved;
    REQUIRE(reports.service.SaveReport("Saturday sales", sat, Admin(), Actor{"", "test", 0}, &saved).ok());

    // Saving the same definition again adds no version; T 20 s -> 40 s from Monday 00:00 does.
    const int64_t change = cbtest::BerlinMs({2026, 3, 30}, 0, 0);
    REQUIRE(db.store->SaveDirectory(db.directory, change - 1000).ok());
    CHECK(cbtest::Query(path, "SELECT COUNT(*) FROM sl_definitions WHERE queue = 'sales'") == "1\n");
    Directory changed = db.directory;
    changed.queues[0].sl.threshold_s = 40;
    REQUIRE(db.store->SaveDirectory(changed, change).ok());
    CHECK(cbtest::Query(path, "SELECT sl_threshold_s, valid_from_ms FROM sl_definitions WHERE queue = 'sales' ORDER BY valid_from_ms") ==
          "20|-9223372036854775808\n40|" + std::to_string(change) + "\n");

    // A late call for Saturday (offered 11:00, abandoned after 30 s) makes the day count again:
    // under T = 20 s, so c2's 30 s wait stays outside T.
    StoredEvent late_in{"late1", {}}, late_out{"late2", {}};
    late_in.event.kind = EventKind::CallOffered;
    late_in.event.t_ms = cbtest::BerlinMs(kSat, 11, 0);
    late_in.event.call = 9;
    late_in.event.queue = 0;
    late_out.event = late_in.event;
    late_out.event.kind = EventKind::CallAbandoned;
    late_out.event.t_ms += 30000;
    REQUIRE(db.store->Append("api", changed, std::vector<StoredEvent>{late_in, late_out}).ok());
    // Monday: a sales call answered after 30 s, within the new T of 40 s.
    const CivilDate mon{2026, 3, 30};
    std::vector<StoredEvent> monday;
    auto add = [&](const std::string& key, EventKind kind, int64_t t, uint64_t call, uint32_t agent, uint16_t queue) {
        Event e;
        e.kind = kind;
        e.t_ms = t;
        e.call = call;
        e.agent = agent;
        e.queue = queue;
        monday.push_back({key, e});
    };
    add("m1", EventKind::AgentLogin, cbtest::BerlinMs(mon, 8, 0), 0, 0, 0);
    add("m2", EventKind::AgentReady, cbtest::BerlinMs(mon, 8, 0), 0, 0, kNoQueue);
    add("m3", EventKind::CallOffered, cbtest::BerlinMs(mon, 8, 10), 7, kNoAgent, 0);
    add("m4", EventKind::CallAnswered, cbtest::BerlinMs(mon, 8, 10, 30), 7, 0, 0);
    add("m5", EventKind::CallCompleted, cbtest::BerlinMs(mon, 8, 12), 7, 0, kNoQueue);
    add("m6", EventKind::AgentLogout, cbtest::BerlinMs(mon, 9, 0), 0, 0, kNoQueue);
    REQUIRE(db.store->Append("api", changed, monday).ok());
    REQUIRE(db.store->RebuildIntervals(cbtest::BerlinMs({2026, 3, 31}, 0, 0)).ok());

    Report after = reports.Run(sat);
    CHECK(after.rows[0].counts.offered == 5);             // counted again...
    CHECK(after.rows[0].counts.answered_within_t == 1);   // ...under the old T: c2's 30 s is not within
    CHECK(after.rows[0].definitions == std::vector<int64_t>{v1});
    ReportQuery mon_q = sat;
    mon_q.from = mon_q.to = mon;
    Report monday_report = reports.Run(mon_q);
    CHECK(monday_report.rows[0].counts.answered_within_t == 1);  // 30 s within T = 40 s
    REQUIRE(monday_report.definitions.size() == 1);
    CHECK(monday_report.definitions[0].sl.threshold_s == 40);
    CHECK(monday_report.definitions[0].valid_from_ms == change);
    ReportQuery both = sat;
    both.to = mon;
    Report span = reports.Run(both);
    CHECK(span.totals[0].mixed_definitions);
    CHECK(span.totals[0].definitions.size() == 2);

    // The saved report is what was computed then, with the definition it used.
    SavedReport reread;
    REQUIRE(reports.service.GetSaved(saved.id, Admin(), &reread).ok());
    CHECK(reread.name == "Saturday sales");
    CHECK(reread.report == before);
    CHECK(reread.report.rows[0].counts.offered == 4);
    CHECK(reread.report.definitions[0].sl.threshold_s == 20);
    CHECK(cbtest::Query(path, "SELECT action, detail FROM audit WHERE action = 'report_save'") ==
          "report_save|report " + std::to_string(saved.id) + "\n");
}

TEST_CASE("scorecards and the team comparison from stored days; a lead sees their own team only") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/s.db";
    cbtest::ReportDb db = cbtest::OpenReportDb(path, cbtest::BerlinMs({2026, 1, 1}, 0, 0));
    Reports reports(path, cbtest::Berlin(), cbtest::BerlinMs({2026, 3, 30}, 12, 0));
    TeamComparison team;
    REQUIRE(reports.service.CompareTeam("a", kSat, kSun, Admin(), &team).ok());
    REQUIRE(team.agents.size() == 2);
    const size_t talk = static_cast<size_t>(FindScoreFigure("talk_avg_ms"));
    const size_t value = static_cast<size_t>(FindScoreFigure("order_value_cents"));
    const size_t brk = static_cast<size_t>(FindScoreFigure("not_ready_ms.break"));
    const size_t promised = static_cast<size_t>(FindScoreFigure("callbacks_promised"));
    CHECK(team.values[0][talk].value == doctest::Approx(240000));
    CHECK(team.values[1][talk].value == doctest::Approx(270000));
    CHECK(team.stats[talk].median == doctest::Approx(255000));
    CHECK(team.values[0][value].total == 12000);
    CHECK(team.values[0][brk].total == 600000);
    CHECK(team.values[1][promised].total == 1);
    CHECK(team.outliers[0][talk] == Outlier::None);  // two agents are too few to judge

    Scorecard card;
    REQUIRE(reports.service.AgentScorecard("1003", kSun, kSun, 2, Admin(), &card).ok());
    CHECK(card.team.key == "b");
    REQUIRE(card.periods.size() == 3);
    CHECK(card.periods[1].first == kSat);  // the day before
    const ScorecardEntry& kept = card.figures[static_cast<size_t>(FindScoreFigure("callbacks_kept"))];
    CHECK(kept.value.total == 1);
    REQUIRE(kept.series.size() == 3);
    CHECK(kept.series[0].total == 0);
    CHECK(kept.series[2].total == 1);
    REQUIRE(reports.service.AgentScorecard("1001", kSun, kSun, 1, Admin(), &card).ok());
    const ScorecardEntry& handled = card.figures[static_cast<size_t>(FindScoreFigure("calls_handled"))];
    CHECK(handled.series[0].total == 1);  // Saturday
    CHECK(handled.value.total == 0);      // Sunday: not active
    CHECK_FALSE(card.active);

    // A lead of team a.
    const Caller wang = Lead("wang", {"a"});
    AdminOutcome o = reports.service.CompareTeam("b", kSat, kSun, wang, &team);
    CHECK(o.kind == AdminOutcome::Kind::Forbidden);
    CHECK(o.message == "team: team 'b' is not one of your teams");
    o = reports.service.AgentScorecard("1003", kSat, kSun, 2, wang, &card);
    CHECK(o.kind == AdminOutcome::Kind::NotFound);
    CHECK(o.message == "no agent '1003'");
    CHECK(reports.service.AgentScorecard("9999", kSat, kSun, 2, wang, &card).message == o.message.substr(0, 10) + "9999'");
    CHECK(reports.service.AgentScorecard("1002", kSat, kSun, 2, wang, &card).ok());
    Report r = reports.Run(Q(kSat, kSun, ReportGroup::Agent, ReportGranularity::Range), wang);
    REQUIRE(r.groups.size() == 2);
    CHECK(r.groups[1].key == "1002");
    ReportQuery other = Q(kSat, kSun, ReportGroup::Agent, ReportGranularity::Range);
    other.agents = {"1003"};
    Report ignored;
    o = reports.service.RunReport(other, wang, &ignored);
    CHECK(o.kind == AdminOutcome::Kind::Invalid);
    CHECK(o.message == "agent: unknown agent '1003'");
    // Queue and team totals are the lead's to see.
    r = reports.Run(Q(kSat, kSun, ReportGroup::Team, ReportGranularity::Range), wang);
    CHECK(Total(r, "b").counts.handled == 1);
    // A wallboard sees no history.
    Caller tv;
    tv.role = Role::Wallboard;
    CHECK(reports.service.RunReport(other, tv, &ignored).kind == AdminOutcome::Kind::Forbidden);
}

TEST_CASE("an incident window against the previous weeks, with notes that are stored, revised and audited without their text") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/i.db";
    cbtest::ReportDb db = cbtest::OpenReportDb(path, cbtest::BerlinMs({2026, 1, 1}, 0, 0));
    // The same Saturday a week earlier, plus four calls abandoned after 30 s (08:05, 08:20, 08:35,
    // 08:50): 8 offered between 08:00 and 09:00, 1 within T, 1 short abandon.
    std::vector<StoredEvent> earlier;
    for (StoredEvent e : cbtest::ReportSaturday()) {
        e.idem_key = "w" + e.idem_key;
        e.event.t_ms -= 7 * 86400000LL;
        if (e.event.call) e.event.call += 100;
        earlier.push_back(e);
    }
    for (int i = 0; i < 4; ++i) {
        const int64_t t = cbtest::BerlinMs({2026, 3, 21}, 8, 5 + 15 * i);
        StoredEvent offered{"x" + std::to_string(i), {}}, gone{"y" + std::to_string(i), {}};
        offered.event.kind = EventKind::CallOffered;
        offered.event.t_ms = t;
        offered.event.call = 200 + static_cast<uint64_t>(i);
        offered.event.queue = 0;
        gone.event = offered.event;
        gone.event.kind = EventKind::CallAbandoned;
        gone.event.t_ms = t + 30000;
        earlier.push_back(offered);
        earlier.push_back(gone);
    }
    std::stable_sort(earlier.begin(), earlier.end(), [](const StoredEvent& a, const StoredEvent& b) { return a.event.t_ms < b.event.t_ms; });
    REQUIRE(db.store->Append("api", db.directory, earlier).ok());
    REQUIRE(db.store->RebuildIntervals(cbtest::BerlinMs({2026, 3, 30}, 0, 0)).ok());
    Reports reports(path, cbtest::Berlin(), cbtest::BerlinMs({2026, 3, 30}, 12, 0));

    IncidentNote note;
    const int64_t from = cbtest::BerlinMs(kSat, 8, 0), to = cbtest::BerlinMs(kSat, 9, 0);
    const std::string text = "Carrier trunk down 08:25-08:45; 王芳 called the carrier (ticket 4711)";
    REQUIRE(reports.service.AddNote(from, to, text, Lead("wang", {"a"}), Actor{"wang", "10.0.0.7", 3}, &note).ok());
    CHECK(note.revision == 1);
    CHECK(note.author == "wang");
    IncidentNote edited;
    AdminOutcome o = reports.service.EditNote(note.id, "changed", Lead("li", {"b"}), Actor{"li", "10.0.0.8", 4}, &edited);
    CHECK(o.kind == AdminOutcome::Kind::Forbidden);  // another lead's note
    Caller manager;
    manager.user = "mona";
    manager.role = Role::Manager;
    REQUIRE(reports.service.EditNote(note.id, text + " - resolved 08:47", manager, Actor{"mona", "10.0.0.9", 5}, &edited).ok());
    CHECK(edited.revision == 2);
    CHECK(edited.updated_by == "mona");
    CHECK(edited.author == "wang");
    IncidentNote got;
    std::vector<NoteRevision> revisions;
    REQUIRE(reports.service.NoteHistory(note.id, Admin(), &got, &revisions).ok());
    REQUIRE(revisions.size() == 2);
    CHECK(revisions[0].text == text);
    CHECK(revisions[1].author == "mona");
    // The audit says who and which note, never the text.
    const std::string audit = cbtest::Query(path, "SELECT user, action, detail, address FROM audit WHERE action LIKE 'incident%' ORDER BY id");
    CHECK(audit == "wang|incident_note_add|note " + std::to_string(note.id) + "|10.0.0.7\nmona|incident_note_edit|note " +
                       std::to_string(note.id) + ", revision 2|10.0.0.9\n");
    CHECK(reports.service.AddNote(from, to, "   ", manager, Actor{}, &note).message == "text: empty");
    CHECK(reports.service.AddNote(to, from, "x", manager, Actor{}, &note).field == "to_ms");
    Caller qa;
    qa.role = Role::Qa;
    CHECK(reports.service.AddNote(from, to, "x", qa, Actor{}, &note).kind == AdminOutcome::Kind::Forbidden);

    IncidentQuery q;
    q.date = kSat;
    q.from_min = 8 * 60;
    q.to_min = 9 * 60;
    q.weeks = 2;
    IncidentReport r;
    REQUIRE(reports.service.Incident(q, Admin(), &r).ok());
    REQUIRE(r.intervals.size() == 4);
    CHECK(r.weeks[0] == CivilDate{2026, 3, 21});
    CHECK(r.week_has_data == std::vector<bool>{true, false});
    size_t offered = 0, sl = 0, staffed = 0;
    for (size_t f = 0; f < IncidentFigures().size(); ++f) {
        if (IncidentFigures()[f].id == "offered") offered = f;
        if (IncidentFigures()[f].id == "service_level") sl = f;
        if (IncidentFigures()[f].id == "agents_staffed") staffed = f;
    }
    // 08:00-08:15 holds c1; 08:30-08:45 holds c3 and c4.
    CHECK(r.intervals[0].figures[offered].now.value == 1);
    CHECK(r.intervals[0].figures[offered].typical.value == doctest::Approx(2.0));
    CHECK(r.intervals[2].figures[offered].now.value == 2);
    CHECK(r.window.figures[offered].now.value == 4);
    CHECK(r.window.figures[offered].typical.value == doctest::Approx(8.0));
    CHECK(r.window.figures[offered].median == doctest::Approx(8.0));
    CHECK(r.window.figures[sl].now.value == doctest::Approx(1.0 / 3.0));  // the center's definition: 1 / (4 - 1)
    CHECK(r.window.figures[sl].typical.value == doctest::Approx(1.0 / 7.0));
    CHECK(r.window.figures[staffed].now.value == doctest::Approx(2.0));
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].revision == 2);
}

TEST_CASE("an upgraded database's days are counted again so the report rollups exist") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/u.db";
    cbtest::ReportDb db = cbtest::OpenReportDb(path, cbtest::BerlinMs({2026, 1, 1}, 0, 0));
    Reports reports(path, cbtest::Berlin(), cbtest::BerlinMs({2026, 3, 30}, 12, 0));
    const Report before = reports.Run(Q(kSat, kSun, ReportGroup::Agent, ReportGranularity::Day));
    // As a database migrated to schema 10 looks: no rollups yet, and the mark that asks for them.
    cbtest::Query(path, "DELETE FROM day_totals");
    cbtest::Query(path, "DELETE FROM center_intervals");
    cbtest::Query(path, "DELETE FROM interval_extras");
    cbtest::Query(path, "UPDATE meta SET value = 'pending' WHERE key = 'report_rollups'");
    Report pending = reports.Run(Q(kSat, kSun, ReportGroup::Agent, ReportGranularity::Day));
    CHECK(pending.pending_days == std::vector<CivilDate>{kSat, kSun});
    CHECK(Total(pending, "1001").counts == KpiCounts{});
    REQUIRE(db.store->RebuildIntervals(cbtest::BerlinMs({2026, 3, 30}, 12, 0)).ok());
    Report after = reports.Run(Q(kSat, kSun, ReportGroup::Agent, ReportGranularity::Day));
    CHECK(after.pending_days.empty());
    CHECK(after.rows == before.rows);
    CHECK(after.totals == before.totals);
    CHECK(cbtest::Query(path, "SELECT value FROM meta WHERE key = 'report_rollups'") == "done\n");
}

TEST_CASE("report requests are checked: what is wrong and where, nothing read") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/b.db";
    cbtest::ReportDb db = cbtest::OpenReportDb(path, cbtest::BerlinMs({2026, 1, 1}, 0, 0));
    Reports reports(path, cbtest::Berlin(), cbtest::BerlinMs({2026, 3, 30}, 12, 0));
    Report r;
    AdminOutcome o = reports.service.RunReport(Q(kSun, kSat, ReportGroup::Center, ReportGranularity::Day), Admin(), &r);
    CHECK(o.kind == AdminOutcome::Kind::Invalid);
    CHECK(o.field == "to");
    CHECK(o.message == "to: 2026-03-28 is before from (2026-03-29)");
    ReportQuery q = Q(kSat, kSun, ReportGroup::Queue, ReportGranularity::Day);
    q.queues = {"billing"};
    o = reports.service.RunReport(q, Admin(), &r);
    CHECK(o.message == "queue: unknown queue 'billing' (queues: sales, support)");
    o = reports.service.RunReport(Q({2026, 1, 1}, {2026, 3, 1}, ReportGroup::Center, ReportGranularity::Minutes15), Admin(), &r);
    CHECK(o.field == "to");
    ReportQuery parsed;
    const CivilDate today{2026, 3, 30};
    o = ParseReportParams({{"from", "2026-02-30"}}, today, 15, &parsed);
    CHECK(o.message == "from: '2026-02-30' is not a date (YYYY-MM-DD)");
    o = ParseReportParams({{"range", "last_week"}, {"from", "2026-03-01"}}, today, 15, &parsed);
    CHECK(o.field == "range");
    o = ParseReportParams({{"from", "2026-03-01"}, {"granularity", "hourly"}}, today, 15, &parsed);
    CHECK(o.message == "granularity: 'hourly' is not one of 15min, 30min, 60min, interval, day, week, month, range");
    REQUIRE(ParseReportParams({{"range", "last_week"}, {"granularity", "interval"}, {"queue", "a"}, {"queue", "b"}}, today, 30, &parsed).ok());
    CHECK(parsed.from == CivilDate{2026, 3, 23});
    CHECK(parsed.to == CivilDate{2026, 3, 29});
    CHECK(parsed.granularity == ReportGranularity::Minutes30);
    CHECK(parsed.queues == std::vector<std::string>{"a", "b"});
    IncidentQuery iq;
    o = ParseIncidentParams({{"from", "10:30"}, {"to", "25:00"}}, today, &iq);
    CHECK(o.message == "to: '25:00' is not a time of day (HH:MM)");
}
