// The live source for real data: the event API and/or a followed queue_log file feed one
// Engine through the store (reader -> mapper -> store -> engine -> broadcaster). On Start it
// restores the live state by replaying today's stored events, so calls in progress and agent
// states survive a restart. A directory that grows (new agent or queue) rebuilds the engine
// from the store. Store access and the engine are serialized by one mutex.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
#include "core/engine.h"
#include "server/config/config.h"
#include "server/live/broadcaster.h"
#include "server/live/event_sink.h"
#include "server/live/live_source.h"
#include "server/ingest/queue_log_feed.h"
#include "server/live/team_sink.h"
#include "server/store/store.h"

namespace cb {

struct IngestSourceOptions {
    int tick_ms = 250;                    // follow the file, advance the clock, publish
    int rebuild_intervals_ms = kIntervalRebuildMs;  // interval_counts refresh while running
    std::function<int64_t()> clock;       // wall clock (Unix ms); default WallClockMs
};

class IngestSource : public LiveSource, public EventSink, public TeamSink {
public:
    // store and broadcaster must outlive the source; the store must be a real-data store.
    IngestSource(Config config, Store* store, Broadcaster* broadcaster, IngestSourceOptions options = {});
    ~IngestSource() override;

    // Loads and completes the directory (configured teams and queues), replays today's
    // stored events into the engine, opens the followed file (resuming at its progress),
    // publishes the first snapshot and starts the thread.
    Status Start() override;
    void Stop() override;
    // "queue_log" when following a file, else "api" when the event API is on, else "history":
    // a database of real data served with no live source (imported history).
    std::string name() const override;

    Result<AppendSummary> SubmitEvents(std::span<const ApiEvent> events) override;
    // A team added or renamed on the administration page: stored, the live state rebuilt with
    // it and published at once (a full snapshot to every stream).
    Status PutTeam(const TeamInfo& team) override;

    uint64_t restored_events() const { return m_restored; }

private:
    void Run();
    Status RestoreEngine();                     // with m_mutex held
    void Tick();                                // with m_mutex held
    uint32_t AgentFor(const std::string& key, uint16_t queue, bool* grew);
    uint16_t QueueFor(const std::string& key, bool* grew);
    uint16_t UnassignedTeam();
    void Feed(const std::vector<Event>& fresh); // pushes into the engine (or marks a rebuild)
    void PublishIfChanged(bool force);

    Config m_config;
    Store* m_store;
    Broadcaster* m_broadcaster;
    IngestSourceOptions m_options;
    std::mutex m_mutex;
    Directory m_dir;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<QueueLogFeed> m_feed;
    std::vector<uint32_t> m_feed_agents;  // mapper agent index -> m_dir index
    std::vector<uint16_t> m_feed_queues;
    bool m_needs_rebuild = false;
    // Following a queue_log file: the phone system ends wrap-up (QueueLogMapperConfig::
    // wrap_up_by_system), for the live engine as for the stored calls.
    bool m_wrap_up_by_system = false;
    uint64_t m_published_version = 0;     // engine version last published
    uint64_t m_version_offset = 0;        // added to engine versions (a rebuilt engine restarts at 0)
    uint64_t m_last_version = 0;          // snapshot version last published
    uint64_t m_restored = 0;
    int64_t m_last_interval_rebuild = 0;
    std::thread m_thread;
    std::mutex m_stop_mutex;
    std::condition_variable m_stop_cv;
    bool m_stop = false;
};

}  // namespace cb
