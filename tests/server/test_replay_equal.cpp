// History counts exactly as the live floor: the same event streams run through the live engine
// (as the server feeds it: stored row ids as event ids) and through the store (derived rows,
// interval counts), and every interval of every queue, and every agent's and team's day, must
// hold the same counts - compared after every batch, at the batch's last event.
// Streams: simulated days of every scenario, queue_log files (a real Asterisk 1.4 day with a
// restart, the wazo documentation's rows, a simulated day written as a queue_log), and an
// event-API stream with transfers, ring-no-answers and a server restart in the middle.
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "core/engine.h"
#include "core/sim/simulator.h"
#include "server/ingest/queue_log_mapper.h"
#include "server/ingest/queue_log_writer.h"
#include "server/live/broadcaster.h"
#include "server/live/ingest_source.h"
#include "server/base/time_zone.h"
#include "server/store/sqlite_db.h"
#include "server/store/store.h"
#include "server_test_util.h"

using namespace cb;

namespace {

constexpr int64_t kDay = 86400000;

using RowKey = std::tuple<std::string, std::string, int64_t>;  // scope, key, start

// KpiCounts' fields by name, for messages that say what differs.
struct Field {
    const char* name;
    int64_t KpiCounts::*member;
};
constexpr Field kFields[] = {
    {"offered", &KpiCounts::offered}, {"answered", &KpiCounts::answered},
    {"answered_within_t", &KpiCounts::answered_within_t}, {"abandoned", &KpiCounts::abandoned},
    {"abandoned_within_t", &KpiCounts::abandoned_within_t}, {"short_abandoned", &KpiCounts::short_abandoned},
    {"exited", &KpiCounts::exited}, {"transferred", &KpiCounts::transferred}, {"handled", &KpiCounts::handled},
    {"wait_answered_ms", &KpiCounts::wait_answered_ms}, {"wait_abandoned_ms", &KpiCounts::wait_abandoned_ms},
    {"talk_ms", &KpiCounts::talk_ms}, {"hold_ms", &KpiCounts::hold_ms}, {"wrap_ms", &KpiCounts::wrap_ms},
    {"ring_noanswer", &KpiCounts::ring_noanswer}, {"orders", &KpiCounts::orders},
    {"order_value_cents", &KpiCounts::order_value_cents}, {"complaints", &KpiCounts::complaints},
    {"busy_ms", &KpiCounts::busy_ms}, {"available_ms", &KpiCounts::available_ms},
    {"staffed_ms", &KpiCounts::staffed_ms}, {"longest_wait_ms", &KpiCounts::longest_wait_ms},
    {"longest_talk_ms", &KpiCounts::longest_talk_ms},
};

// Every stored interval row of [from, to), by (scope, key, start), in the column order of kFields.
std::map<RowKey, KpiCounts> StoredRows(const std::string& path, int64_t from, int64_t to) {
    sql::Db db;
    REQUIRE(db.Open(path).ok());
    sql::Statement s;
    std::string columns;
    for (const Field& f : kFields) columns += std::string(", ") + f.name;
    REQUIRE(db.Prepare("SELECT scope, key, start_ms" + columns + " FROM interval_counts WHERE start_ms >= ?1 AND start_ms < ?2", &s)
                .ok());
    s.BindInt(1, from);
    s.BindInt(2, to);
    std::map<RowKey, KpiCounts> out;
    bool has_row = false;
    while (s.Step(&has_row) && has_row) {
        KpiCounts c;
        for (size_t i = 0; i < std::size(kFields); ++i) c.*kFields[i].member = s.ColumnInt(3 + static_cast<int>(i));
        out[{s.ColumnText(0), s.ColumnText(1), s.ColumnInt(2)}] = c;
    }
    return out;
}

void Diff(const std::string& what, const KpiCounts& live, const KpiCounts& stored, std::vector<std::string>* out) {
    for (const Field& f : kFields) {
        if (live.*f.member != stored.*f.member) {
            out->push_back(what + " " + f.name + ": live " + std::to_string(live.*f.member) + ", stored " +
                           std::to_string(stored.*f.member));
        }
    }
}

// What differs between the live snapshot's day and the store's interval counts of that day.
std::vector<std::string> CompareDay(const Snapshot& snap, const std::string& path) {
    const std::map<RowKey, KpiCounts> stored = StoredRows(path, snap.day_start_ms, snap.day_end_ms);
    std::vector<std::string> diffs;
    std::map<RowKey, bool> seen;
    const int64_t interval_ms = int64_t{snap.interval_minutes} * 60000;
    for (size_t q = 0; q < snap.directory.queues.size(); ++q) {
        const std::string& key = snap.directory.queues[q].key;
        for (const IntervalRow& row : snap.intervals[q]) {
            const RowKey k{"queue", key, row.start_ms};
            auto it = stored.find(k);
            seen[k] = true;
            Diff("queue " + key + " interval " + std::to_string((row.start_ms - snap.day_start_ms) / interval_ms), row.counts,
                 it != stored.end() ? it->second : KpiCounts{}, &diffs);
        }
    }
    for (const auto& [k, counts] : stored) {  // a stored queue row the live floor does not have
        if (std::get<0>(k) == "queue" && !seen.count(k)) Diff("queue " + std::get<1>(k) + " (stored only)", KpiCounts{}, counts, &diffs);
    }
    auto day_of = [&](const std::string& scope, const std::string& key) {
        KpiCounts sum;
        for (const auto& [k, counts] : stored) {
            if (std::get<0>(k) == scope && std::get<1>(k) == key) sum.Add(counts);
        }
        return sum;
    };
    for (size_t i = 0; i < snap.directory.agents.size(); ++i) {
        const std::string& key = snap.directory.agents[i].key;
        Diff("agent " + key, snap.agents[i].today, day_of("agent", key), &diffs);
    }
    for (size_t t = 0; t < snap.directory.teams.size(); ++t) {
        const std::string& key = snap.directory.teams[t].key;
        Diff("team " + key, snap.teams[t].today, day_of("team", key), &diffs);
    }
    return diffs;
}

std::string Join(const std::vector<std::string>& lines, size_t max = 20) {
    std::string out;
    for (size_t i = 0; i < lines.size() && i < max; ++i) out += lines[i] + "\n";
    if (lines.size() > max) out += "... " + std::to_string(lines.size() - max) + " more\n";
    return out;
}

// A store and a live engine fed the same batches, as the server feeds them.
class Replay {
public:
    Replay(const Directory& directory, int32_t tz_offset_min, std::string source,
           std::optional<TimeZone> zone = std::nullopt)
        : m_dir(directory), m_source(std::move(source)), m_engine(directory, EngineConfig{15, tz_offset_min, 0, kDay, zone}) {
        m_path = m_tmp.path() + "/replay.db";
        auto opened = Store::Open(m_path, DataKind::Real);
        REQUIRE(opened.ok());
        m_store = std::move(opened.value());
        m_store->SetDerivedConfig({15, tz_offset_min, zone});
        REQUIRE(m_store->SaveDirectory(directory).ok());
    }

    // Stores a batch, feeds its fresh events to the engine with their row ids, brings both to
    // the batch's last event and compares that day.
    void Batch(const std::vector<StoredEvent>& batch) {
        if (batch.empty()) return;
        Result<AppendSummary> stored = m_store->Append(m_source, m_dir, batch);
        REQUIRE(stored.ok());
        int64_t last = INT64_MIN;
        for (size_t k = 0; k < stored.value().fresh.size(); ++k) {
            Event e = batch[stored.value().fresh[k]].event;
            e.id = stored.value().fresh_ids[k];
            m_engine.Push(e);
            last = std::max(last, e.t_ms);
        }
        if (last == INT64_MIN) return;
        m_engine.AdvanceTo(last);
        REQUIRE(m_store->RebuildIntervals(last).ok());
        const Snapshot snap = m_engine.TakeSnapshot();
        const std::vector<std::string> diffs = CompareDay(snap, m_path);
        ++m_comparisons;
        if (!diffs.empty()) {
            INFO("after " << m_events << " events, at " << last << " (day " << snap.day_start_ms << "):\n" << Join(diffs));
            CHECK(diffs.empty());
            ++m_failures;
        }
        m_events += stored.value().inserted;
        m_last_snapshot = snap;
    }

    void All(const std::vector<StoredEvent>& events, size_t batch_size) {
        for (size_t i = 0; i < events.size() && m_failures < 3; i += batch_size) {
            Batch(std::vector<StoredEvent>(events.begin() + static_cast<std::ptrdiff_t>(i),
                                           events.begin() + static_cast<std::ptrdiff_t>(std::min(events.size(), i + batch_size))));
        }
    }

    int comparisons() const { return m_comparisons; }
    const std::string& path() const { return m_path; }
    const Snapshot& last_snapshot() const { return m_last_snapshot; }
    const EngineStats& stats() const { return m_engine.stats(); }

private:
    cbtest::TempDir m_tmp;
    std::string m_path;
    Directory m_dir;
    std::string m_source;
    std::unique_ptr<Store> m_store;
    Engine m_engine;
    Snapshot m_last_snapshot;
    int m_comparisons = 0;
    int m_failures = 0;
    int64_t m_events = 0;
};

std::vector<StoredEvent> Keyed(const std::vector<Event>& events, const std::string& prefix) {
    std::vector<StoredEvent> out;
    out.reserve(events.size());
    for (size_t i = 0; i < events.size(); ++i) out.push_back({prefix + std::to_string(i), events[i]});
    return out;
}

std::string ReadFile(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("every scenario's simulated days count the same live and in history") {
    for (int sc = 0; sc < static_cast<int>(Scenario::kCount); ++sc) {
        const Scenario scenario = static_cast<Scenario>(sc);
        CAPTURE(ScenarioName(scenario));
        SimConfig config;
        config.scenario = scenario;
        config.seed = 41 + static_cast<uint64_t>(sc);
        Simulator sim(config);
        std::vector<Event> events;
        const int days = scenario == Scenario::NormalDay ? 2 : 1;
        sim.RunUntil(sim.now_ms() + days * kDay - 8 * 3600000, &events);
        Replay replay(sim.directory(), config.tz_offset_min, "sim");
        replay.All(Keyed(events, "s"), 997);
        CHECK(replay.comparisons() >= 15);
        // The streams are busy: transfers, missed rings, orders and wrap-up all occur.
        const Snapshot& snap = replay.last_snapshot();
        KpiCounts day;
        for (const QueueLive& q : snap.queues) day.Add(q.today);
        CHECK(day.handled > 1000);
        CHECK(day.transferred > 0);
        CHECK(day.ring_noanswer > 0);
        CHECK(day.orders > 0);
        CHECK(day.busy_ms > 0);
        CHECK(replay.stats().invalid == 0);
    }
}

TEST_CASE("queue_log files count the same live and in history") {
    SUBCASE("an Asterisk 1.4 day: DID, ring-no-answer, abandon, pause, a restart with calls open") {
        QueueLogMapper mapper{QueueLogMapperConfig{}};
        const std::vector<Event> events = cbtest::MapQueueLogText(mapper, ReadFile(CB_TEST_DATA_DIR "/queue_log/asterisk14_day.log"), true);
        REQUIRE(events.size() > 10);
        Replay replay(mapper.directory(), 0, "queue_log");
        replay.All(Keyed(events, "q"), 3);
        CHECK(replay.comparisons() >= 5);
    }
    SUBCASE("a caller who leaves one queue and enters the next in the same second keeps a leg in each") {
        // Times out of sales after 30 s, enters support and finds it empty in that same second,
        // enters billing in that second too and hangs up 10 s later: three legs, two of them
        // entered at the same second.
        const std::string text =
            "1767571200|c1|sales|NONE|ENTERQUEUE||5550001|1\n"
            "1767571230|c1|sales|NONE|EXITWITHTIMEOUT|1|1|30\n"
            "1767571230|c1|support|NONE|ENTERQUEUE||5550001|1\n"
            "1767571230|c1|support|NONE|EXITEMPTY|1|1|0\n"
            "1767571230|c1|billing|NONE|ENTERQUEUE||5550001|1\n"
            "1767571240|c1|billing|NONE|ABANDON|1|1|10\n";
        for (size_t batch : {size_t{1}, size_t{6}}) {
            CAPTURE(batch);
            QueueLogMapper mapper{QueueLogMapperConfig{}};
            const std::vector<Event> events = cbtest::MapQueueLogText(mapper, text, true);
            Replay replay(mapper.directory(), 0, "queue_log");
            replay.All(Keyed(events, "e"), batch);
            int64_t offered = 0, abandoned = 0, exited = 0;
            for (const QueueLive& q : replay.last_snapshot().queues) {
                offered += q.today.offered;
                abandoned += q.today.abandoned;
                exited += q.today.exited;
            }
            CHECK(offered == 3);
            CHECK(abandoned == 1);
            CHECK(exited == 2);
            sql::Db db;
            REQUIRE(db.Open(replay.path()).ok());
            sql::Statement s;
            REQUIRE(db.Prepare("SELECT group_concat(queue || ':' || category || ':' || (entered_ms / 1000), ' ')"
                               " FROM (SELECT * FROM calls ORDER BY leg)", &s).ok());
            bool has_row = false;
            REQUIRE((s.Step(&has_row) && has_row));
            CHECK(s.ColumnText(0) ==
                  "sales:timed_out:1767571200 support:other_exit:1767571230 billing:abandoned:1767571230");
        }
    }
    SUBCASE("a simulated 300-agent morning written as a queue_log by Asterisk's rules") {
        SimConfig config;
        config.teams = 20;
        config.agents_per_team = 15;
        Simulator sim(config);
        std::vector<Event> sim_events;
        sim.RunUntil(sim.now_ms() + 4 * 3600000, &sim_events);
        QueueLogWriter writer(sim.directory());
        std::string text;
        for (const Event& e : sim_events) writer.Write(e, &text);
        QueueLogMapperConfig cfg;
        for (const QueueInfo& q : sim.directory().queues) {
            QueueLogQueueMap map;
            map.name = q.key;
            map.sl = q.sl;
            cfg.queues.push_back(map);
        }
        QueueLogMapper mapper(cfg);
        const std::vector<Event> events = cbtest::MapQueueLogText(mapper, text, true);
        REQUIRE(events.size() > 20000);
        Replay replay(mapper.directory(), 0, "queue_log");
        replay.All(Keyed(events, "g"), 2500);
        CHECK(replay.comparisons() >= 8);
        const Snapshot& snap = replay.last_snapshot();
        int32_t members = 0;
        for (const QueueLive& q : snap.queues) members += q.agents_available + q.agents_on_call + q.agents_wrap_up + q.agents_not_ready;
        CHECK(members > 0);
    }
}

namespace {

ApiEvent Api(const std::string& id, EventKind kind, int64_t t, uint64_t call, const std::string& agent,
             const std::string& queue) {
    ApiEvent a;
    a.id = id;
    a.event.kind = kind;
    a.event.t_ms = t;
    a.event.call = call;
    a.agent = agent;
    a.queue = queue;
    return a;
}

}  // namespace

TEST_CASE("an event-API day with transfers, ring-no-answers and a server restart counts the same live and in history") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/api.db";
    const int64_t t0 = 1767571200000;  // 2026-01-05 08:00 in UTC+8
    std::atomic<int64_t> now{t0};
    Config config;
    config.tz_offset_min = 480;
    config.api_enabled = true;
    config.ingest_token = "t";
    QueueLogQueueMap sales;
    sales.key = sales.name = "sales";
    sales.sl = ServiceLevelDef{SlVariant::AnsweredOverOffered, 20, 0.8, 5};
    QueueLogQueueMap support;
    support.key = support.name = "support";
    support.sl = ServiceLevelDef{SlVariant::AnsweredOverOfferedLessShort, 30, 0.8, 10};
    support.wrap_up_s = 30;  // wrap-up ends by itself after 30 s
    config.queues = {sales, support};
    config.teams = {{"a", "Team A", "一组"}, {"b", "Team B", "二组"}};
    config.agents = {{"", "1001", "Wang Fang", "王芳", "a"}, {"", "1002", "Li Na", "李娜", "a"}, {"", "1003", "Zhang Wei", "张伟", "b"}};
    using K = EventKind;
    const int64_t s = 1000;
    std::vector<ApiEvent> first = {
        Api("l1", K::AgentLogin, t0, 0, "1001", "sales"), Api("r1", K::AgentReady, t0 + s, 0, "1001", ""),
        Api("l2", K::AgentLogin, t0, 0, "1002", "sales"), Api("r2", K::AgentReady, t0 + 2 * s, 0, "1002", ""),
        Api("l3", K::AgentLogin, t0, 0, "1003", "support"), Api("r3", K::AgentReady, t0 + 3 * s, 0, "1003", ""),
        // Call 1: rings 1001 who lets it ring out, answered by 1002, held, transferred to support.
        Api("o1", K::CallOffered, t0 + 10 * s, 1, "", "sales"),
        Api("g1", K::AgentRinging, t0 + 12 * s, 1, "1001", "sales"),
        Api("n1", K::RingNoAnswer, t0 + 27 * s, 1, "1001", "sales"),
        Api("g1b", K::AgentRinging, t0 + 28 * s, 1, "1002", "sales"),
        Api("a1", K::CallAnswered, t0 + 31 * s, 1, "1002", "sales"),
        Api("h1", K::CallHold, t0 + 60 * s, 1, "1002", ""),
        Api("u1", K::CallResume, t0 + 90 * s, 1, "1002", ""),
        // Call 2 waits while 1001 takes a break.
        Api("b1", K::AgentNotReady, t0 + 100 * s, 0, "1001", ""),
        Api("o2", K::CallOffered, t0 + 110 * s, 2, "", "sales"),
    };
    first[13].event.reason = NotReadyReason::Break;
    ApiEvent transfer = Api("x1", K::CallTransferred, t0 + 120 * s, 1, "1002", "sales");
    transfer.target_queue = "support";
    first.push_back(transfer);
    // The call enters support (a second leg of the same call), 1003 answers and tags an order.
    first.push_back(Api("o1b", K::CallOffered, t0 + 121 * s, 1, "", "support"));
    first.push_back(Api("a1b", K::CallAnswered, t0 + 125 * s, 1, "1003", "support"));
    ApiEvent order = Api("t1", K::OutcomeTagged, t0 + 200 * s, 1, "1003", "");
    order.event.outcome = Outcome::Order;
    order.event.value_cents = 45000;
    first.push_back(order);
    first.push_back(Api("w1", K::WrapUpEnded, t0 + 130 * s, 0, "1002", ""));

    std::vector<ApiEvent> second = {
        Api("c1", K::CallCompleted, t0 + 260 * s, 1, "1003", ""),  // support's wrap-up ends by itself at 290 s
        Api("a2", K::CallAnswered, t0 + 270 * s, 2, "1002", "sales"),
        Api("c2", K::CallCompleted, t0 + 400 * s, 2, "1002", ""),
        Api("o3", K::CallOffered, t0 + 410 * s, 3, "", "sales"),
        Api("x3", K::CallAbandoned, t0 + 413 * s, 3, "", "sales"),  // a short abandon
        Api("o4", K::CallOffered, t0 + 420 * s, 4, "", "support"),
        Api("e4", K::CallExited, t0 + 480 * s, 4, "", "support"),
        Api("w2", K::WrapUpEnded, t0 + 430 * s, 0, "1002", ""),
        Api("k2", K::OutcomeTagged, t0 + 440 * s, 2, "1002", ""),  // after the call: counts for it
        Api("y1", K::AgentReady, t0 + 450 * s, 0, "1001", ""),
        Api("q1", K::AgentLogout, t0 + 600 * s, 0, "1001", ""),
        Api("q2", K::AgentLogout, t0 + 601 * s, 0, "1002", ""),
        Api("q3", K::AgentLogout, t0 + 602 * s, 0, "1003", ""),
    };
    second[4].event.wait_ms = -1;
    second[6].event.exit_reason = ExitReason::Timeout;
    second[8].event.outcome = Outcome::Complaint;

    auto open_store = [&] {
        auto opened = Store::Open(path, DataKind::Real);
        REQUIRE(opened.ok());
        return std::move(opened.value());
    };
    IngestSourceOptions options;
    options.tick_ms = 10;
    options.clock = [&] { return now.load(); };
    Broadcaster broadcaster;
    {
        std::unique_ptr<Store> store = open_store();
        IngestSource source(config, store.get(), &broadcaster, options);
        REQUIRE(source.Start().ok());
        now = t0 + 203 * s;
        REQUIRE(source.SubmitEvents(first).ok());
        source.Stop();
    }
    // The server restarts: the live state comes back from the store, then the rest arrives.
    std::unique_ptr<Store> store = open_store();
    IngestSource source(config, store.get(), &broadcaster, options);
    REQUIRE(source.Start().ok());
    CHECK(source.restored_events() == first.size());
    now = t0 + 700 * s;
    REQUIRE(source.SubmitEvents(second).ok());
    source.Stop();
    const Snapshot snap = broadcaster.Current()->snapshot();
    REQUIRE(store->RebuildIntervals(now).ok());
    store.reset();
    const std::vector<std::string> diffs = CompareDay(snap, path);
    INFO(Join(diffs));
    CHECK(diffs.empty());
    // And the counts are the ones this day holds.
    KpiCounts sales_day, support_day;
    for (const IntervalRow& r : snap.intervals[0]) sales_day.Add(r.counts);
    for (const IntervalRow& r : snap.intervals[1]) support_day.Add(r.counts);
    CHECK(sales_day.offered == 3);
    CHECK(sales_day.answered == 2);
    CHECK(sales_day.answered_within_t == 0);   // call 1 waited 21 s, call 2 160 s (T = 20 s)
    CHECK(sales_day.transferred == 1);
    CHECK(sales_day.handled == 2);             // the transferring agent's part is handled too
    CHECK(sales_day.talk_ms == (60 - 31 + 120 - 90) * s + (400 - 270) * s);
    CHECK(sales_day.hold_ms == 30 * s);
    CHECK(sales_day.ring_noanswer == 1);
    CHECK(sales_day.abandoned == 1);
    CHECK(sales_day.short_abandoned == 1);
    CHECK(sales_day.complaints == 1);
    CHECK(support_day.offered == 2);
    CHECK(support_day.answered == 1);
    CHECK(support_day.exited == 1);
    CHECK(support_day.handled == 1);
    CHECK(support_day.wrap_ms == 30 * s);      // the 30 s allowance
    CHECK(support_day.orders == 1);
    CHECK(support_day.order_value_cents == 45000);
    // The missed ring counts for 1001, who let it ring, not for 1002 who answered.
    CHECK(snap.agents[0].today.ring_noanswer == 1);
    CHECK(snap.agents[1].today.ring_noanswer == 0);
    CHECK(snap.agents[1].today.handled == 2);
    CHECK(snap.agents[1].today.transferred == 1);
}

TEST_CASE("days when daylight saving time starts and ends count the same live and in history") {
    Result<TimeZone> loaded = LoadTimeZone("Europe/Berlin");
    REQUIRE(loaded.ok());
    const TimeZone berlin = loaded.value();
    Directory d;
    d.queues.push_back({"support", "Support", "客服", {SlVariant::AnsweredOverOffered, 20, 0.8, 5}});
    d.teams.push_back({"a", "Team A", "一组"});
    d.agents.push_back({"1001", "Anna", "安娜", 0, 0, 0, 12, 1});
    d.agents.push_back({"1002", "Ben", "本", 0, 0, 1, 12, 1});
    for (const CivilDate date : {CivilDate{2026, 3, 29}, CivilDate{2026, 10, 25}}) {
        CAPTURE(FormatCivilDate(date));
        auto at = [&](int h, int m) { return berlin.ToUtc({date, h, m, 0, 0}); };
        const int64_t day = berlin.StartOfDate(date);
        const int64_t hours = (berlin.NextDayStart(day) - day) / 3600000;
        // Agents on from 00:30, calls every 20 minutes of the elapsed day (through the skipped
        // or the repeated hour), each answered after 15 s, talked 5 min and wrapped up 30 s.
        std::vector<StoredEvent> events;
        int n = 0;
        auto add = [&](EventKind kind, int64_t t, uint64_t call, uint32_t agent, uint16_t queue) {
            Event e;
            e.kind = kind;
            e.t_ms = t;
            e.call = call;
            e.agent = agent;
            e.queue = queue;
            events.push_back({"e" + std::to_string(n++), e});
        };
        for (uint32_t a = 0; a < 2; ++a) {
            add(EventKind::AgentLogin, at(0, 30), 0, a, 0);
            add(EventKind::AgentReady, at(0, 30) + 1000, 0, a, kNoQueue);
        }
        uint64_t call = 1;
        for (int64_t t = day + 3600000; t + 600000 < day + hours * 3600000; t += 20 * 60000, ++call) {
            const uint32_t a = static_cast<uint32_t>(call % 2);
            add(EventKind::CallOffered, t, call, kNoAgent, 0);
            add(EventKind::CallAnswered, t + 15000, call, a, 0);
            add(EventKind::CallCompleted, t + 315000, call, a, kNoQueue);
            add(EventKind::WrapUpEnded, t + 345000, 0, a, kNoQueue);
        }
        for (uint32_t a = 0; a < 2; ++a) add(EventKind::AgentLogout, at(23, 50), 0, a, kNoQueue);
        std::stable_sort(events.begin(), events.end(),
                         [](const StoredEvent& x, const StoredEvent& y) { return x.event.t_ms < y.event.t_ms; });
        Replay replay(d, 0, "api", berlin);
        replay.All(events, 17);
        CHECK(replay.comparisons() > 10);
        const Snapshot& snap = replay.last_snapshot();
        CHECK(snap.day_end_ms - snap.day_start_ms == hours * 3600000);
        // History holds the day's own number of intervals: 92 on the short day, 100 on the long one.
        CHECK(cbtest::Query(replay.path(), "SELECT COUNT(DISTINCT start_ms) FROM interval_counts WHERE scope = 'agent'"
                                           " AND start_ms >= " + std::to_string(day) + " AND start_ms < " +
                                           std::to_string(day + hours * 3600000), 1) ==
              std::to_string(hours * 4 - 2) + "\n");  // every interval but the first two (before 00:30)
        CHECK(cbtest::Query(replay.path(), "SELECT SUM(offered) FROM interval_counts WHERE scope = 'queue'", 1) ==
              std::to_string(call - 1) + "\n");
    }
}
