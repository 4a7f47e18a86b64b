// Round trip: a simulated day -> QueueLogWriter -> queue_log lines -> QueueLogMapper -> Engine
// gives the same per-queue statistics as feeding the simulator's events (rounded to whole
// seconds, since the flat queue_log has 1-second timestamps) to an Engine directly.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/engine.h"
#include "core/sim/simulator.h"
#include "server/ingest/queue_log_mapper.h"
#include "server/ingest/queue_log_writer.h"

using namespace cb;

TEST_CASE("queue_log round trip: simulator day via queue_log equals the simulator's events to the second") {
    SimConfig sc;
    sc.seed = 7;
    Simulator sim(sc);
    std::vector<Event> events;
    sim.RunUntil(sim.now_ms() + 13 * 3600 * 1000LL, &events);  // 08:00 to 21:00: every call has ended
    REQUIRE(events.size() > 5000);
    const Directory& dir = sim.directory();

    // Write the day as queue_log.
    QueueLogWriter writer(dir);
    std::string log;
    size_t lines = 0;
    for (const Event& e : events) lines += static_cast<size_t>(writer.Write(e, &log));
    CHECK(lines > 3000);

    // Read it back with the simulator's directory as configuration.
    QueueLogMapperConfig cfg;
    cfg.directory = dir;
    for (const AgentInfo& a : dir.agents) cfg.agents.push_back({"PJSIP/" + a.key, a.key, "", "", ""});
    QueueLogMapper mapper(cfg);
    std::vector<Event> mapped;
    size_t start = 0;
    while (start < log.size()) {
        const size_t nl = log.find('\n', start);
        mapper.MapLine(std::string_view(log).substr(start, nl - start), &mapped);
        start = nl + 1;
    }
    const QueueLogSummary& s = mapper.summary();
    CHECK(s.lines_read == lines);
    CHECK(s.lines_rejected == 0);
    CHECK(s.out_of_sequence == 0);
    CHECK(s.total.left_open == 0);
    CHECK(s.total.answered_no_completion == 0);
    CHECK(mapper.directory().agents.size() == dir.agents.size());  // every member was configured
    CHECK(mapper.directory().queues.size() == dir.queues.size());

    EngineConfig ec;
    ec.tz_offset_min = sc.tz_offset_min;
    Engine via_log(mapper.directory(), ec);
    for (const Event& e : mapped) via_log.Push(e);
    via_log.Flush();
    Engine direct(dir, ec);
    for (Event e : events) {
        e.t_ms = e.t_ms / 1000 * 1000;
        direct.Push(e);
    }
    direct.Flush();
    CHECK(via_log.stats().invalid == 0);
    CHECK(via_log.stats().too_late == 0);

    const Snapshot a = via_log.TakeSnapshot();
    const Snapshot b = direct.TakeSnapshot();
    REQUIRE(a.queues.size() == b.queues.size());
    int64_t offered = 0;
    for (size_t q = 0; q < a.queues.size(); ++q) {
        CAPTURE(q);
        const KpiCounts& x = a.queues[q].today;
        const KpiCounts& y = b.queues[q].today;
        CHECK(x.offered == y.offered);
        CHECK(x.answered == y.answered);
        CHECK(x.answered_within_t == y.answered_within_t);
        CHECK(x.abandoned == y.abandoned);
        CHECK(x.abandoned_within_t == y.abandoned_within_t);
        CHECK(x.short_abandoned == y.short_abandoned);
        CHECK(x.exited == y.exited);
        CHECK(x.transferred == y.transferred);
        CHECK(x.wait_answered_ms == y.wait_answered_ms);
        CHECK(x.wait_abandoned_ms == y.wait_abandoned_ms);
        CHECK(x.longest_wait_ms == y.longest_wait_ms);
        CHECK(x.ring_noanswer == y.ring_noanswer);
        // The summary agrees with the engine.
        CHECK(s.per_queue[q].entered == static_cast<uint64_t>(x.offered));
        CHECK(s.per_queue[q].answered == static_cast<uint64_t>(x.answered));
        CHECK(s.per_queue[q].abandoned == static_cast<uint64_t>(x.abandoned));
        offered += x.offered;
    }
    CHECK(offered > 1000);
}
