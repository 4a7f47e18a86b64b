#include "server/live/ingest_source.h"

#include <algorithm>
#include <chrono>
#include "core/wfm/live.h"
#include "server/base/log.h"

namespace cb {
namespace {

constexpr size_t kFollowLinesPerTick = 50000;


}  // namespace

IngestSource::IngestSource(Config config, Store* store, Broadcaster* broadcaster, IngestSourceOptions options)
    : m_config(std::move(config)), m_store(store), m_broadcaster(broadcaster), m_options(std::move(options)) {
    if (!m_options.clock) m_options.clock = WallClockMs;
}

IngestSource::~IngestSource() { Stop(); }

std::string IngestSource::name() const {
    if (!m_config.queue_log_follow.empty()) return "queue_log";
    return m_config.api_enabled ? "api" : "history";
}

uint16_t IngestSource::UnassignedTeam() {
    for (size_t i = 0; i < m_dir.teams.size(); ++i) {
        if (m_dir.teams[i].key == kQueueLogUnassignedTeam) return static_cast<uint16_t>(i);
    }
    m_dir.teams.push_back(TeamInfo{std::string(kQueueLogUnassignedTeam), "Unassigned", "未分配"});
    return static_cast<uint16_t>(m_dir.teams.size() - 1);
}

uint16_t IngestSource::QueueFor(const std::string& key, bool* grew) {
    if (key.empty()) return kNoQueue;
    for (size_t i = 0; i < m_dir.queues.size(); ++i) {
        if (m_dir.queues[i].key == key) return static_cast<uint16_t>(i);
    }
    if (m_dir.queues.size() >= kNoQueue - 1) return kNoQueue;
    m_dir.queues.push_back(QueueInfo{key, key, key, m_config.SlFor(key), m_config.WrapUpFor(key), m_wrap_up_by_system});
    *grew = true;
    return static_cast<uint16_t>(m_dir.queues.size() - 1);
}

uint32_t IngestSource::AgentFor(const std::string& key, uint16_t queue, bool* grew) {
    if (key.empty()) return kNoAgent;
    for (size_t i = 0; i < m_dir.agents.size(); ++i) {
        if (m_dir.agents[i].key == key) return static_cast<uint32_t>(i);
    }
    AgentInfo agent;
    agent.key = agent.name_en = agent.name_zh = key;
    agent.team = UnassignedTeam();
    uint16_t in_team = 0;
    for (const AgentInfo& a : m_dir.agents) in_team += a.team == agent.team;
    agent.seat_row = in_team / 10;
    agent.seat_col = in_team % 10;
    if (queue != kNoQueue && queue < 32) agent.skills = 1u << queue;
    m_dir.agents.push_back(std::move(agent));
    *grew = true;
    return static_cast<uint32_t>(m_dir.agents.size() - 1);
}

Status IngestSource::RestoreEngine() {
    EngineConfig engine_config;
    engine_config.interval_minutes = m_config.interval_minutes;
    engine_config.tz_offset_min = m_config.tz_offset_min;
    engine_config.zone = m_config.Zone();
    if (m_engine) m_version_offset = m_last_version + 1;  // versions keep increasing for clients
    m_engine = std::make_unique<Engine>(m_dir, engine_config);
    m_published_version = UINT64_MAX;  // publish the rebuilt state
    const int64_t now = m_options.clock();
    const TimeZone zone = m_config.Zone();
    const int64_t day_start = zone.DayStart(now);
    // The day starts from the state the store's tracker had at midnight (agents logged in since
    // yesterday, calls in progress), then today's events are replayed.
    Result<std::vector<std::pair<std::string, std::string>>> states = m_store->TrackerStatesAt(day_start);
    if (!states.ok()) return states.status();
    std::vector<std::string> saved;
    for (auto& [source, state] : states.value()) saved.push_back(std::move(state));
    std::string error;
    if (!m_engine->Restore(saved, &error)) return Status::Error("restoring the live state: " + error);
    uint64_t count = 0;
    Status status = m_store->ForEachEvent("", m_dir, day_start, zone.NextDayStart(day_start), [&](const Event& e) {
        m_engine->Push(e);
        ++count;
    });
    if (!status.ok()) return status;
    m_engine->AdvanceTo(now);
    m_restored = count;
    m_needs_rebuild = false;
    return Status::Ok();
}

Status IngestSource::Start() {
    if (m_thread.joinable()) return Status::Error("live source already started");
    DerivedConfig derived;
    derived.interval_minutes = m_config.interval_minutes;
    derived.tz_offset_min = m_config.tz_offset_min;
    derived.zone = m_config.Zone();
    m_store->SetDerivedConfig(derived);
    std::lock_guard<std::mutex> lock(m_mutex);
    Result<Directory> dir = m_store->LoadDirectory();
    if (!dir.ok()) return dir.status();
    m_dir = std::move(dir.value());
    m_wrap_up_by_system = !m_config.queue_log_follow.empty() && m_config.MapperConfig().wrap_up_by_system;
    for (QueueInfo& q : m_dir.queues) q.wrap_up_by_system = m_wrap_up_by_system;
    // Configured teams and queues exist from the start (names and service levels updated).
    for (const QueueLogTeamMap& t : m_config.teams) {
        auto it = std::find_if(m_dir.teams.begin(), m_dir.teams.end(), [&](const TeamInfo& x) { return x.key == t.key; });
        TeamInfo& team = it == m_dir.teams.end() ? m_dir.teams.emplace_back() : *it;
        team.key = t.key;
        team.name_en = t.name_en.empty() ? t.key : t.name_en;
        team.name_zh = t.name_zh.empty() ? team.name_en : t.name_zh;
    }
    // Configured agents too, under their names and teams: the floor shows them from the start,
    // and events naming their keys (queue_log members mapped to them, or the event API) find
    // them instead of adding a nameless agent in team "unassigned".
    for (const QueueLogAgentMap& c : m_config.agents) {
        const std::string key = c.key.empty() ? c.member : c.key;
        auto it = std::find_if(m_dir.agents.begin(), m_dir.agents.end(), [&](const AgentInfo& x) { return x.key == key; });
        uint16_t team = 0;
        if (c.team.empty()) {
            team = UnassignedTeam();
        } else {
            for (size_t i = 0; i < m_dir.teams.size(); ++i) {
                if (m_dir.teams[i].key == c.team) team = static_cast<uint16_t>(i);
            }
        }
        const bool added = it == m_dir.agents.end();
        AgentInfo& agent = added ? m_dir.agents.emplace_back() : *it;
        if (added || agent.team != team) {
            uint16_t in_team = 0;
            for (const AgentInfo& a : m_dir.agents) in_team += &a != &agent && a.team == team;
            agent.seat_row = in_team / 10;
            agent.seat_col = in_team % 10;
        }
        agent.key = key;
        agent.team = team;
        // Configured membership (queue names as in the log): its queues from the start.
        for (const std::string& name : c.queues) {
            std::string queue_key = name;
            for (const QueueLogQueueMap& q : m_config.queues) {
                if (q.name == name && !q.key.empty()) queue_key = q.key;
            }
            bool grew = false;
            const uint16_t q = QueueFor(queue_key, &grew);  // may add a queue, never an agent
            if (q < 32) agent.skills |= 1u << q;
        }
        // Names not configured: kept from the store, else the English name, else the key.
        if (!c.name_en.empty()) agent.name_en = c.name_en;
        if (agent.name_en.empty()) agent.name_en = key;
        if (!c.name_zh.empty()) agent.name_zh = c.name_zh;
        if (agent.name_zh.empty()) agent.name_zh = agent.name_en;
    }
    for (const QueueLogQueueMap& q : m_config.queues) {
        bool grew = false;
        QueueInfo& queue = m_dir.queues[QueueFor(q.key, &grew)];
        if (!q.name_en.empty()) queue.name_en = q.name_en;
        if (!q.name_zh.empty()) queue.name_zh = q.name_zh;
        queue.sl = q.sl;
        queue.wrap_up_s = q.wrap_up_s;
    }
    // Team "unassigned" is made only when an agent needs it (AgentFor): an empty team is
    // nothing to show.
    if (Status status = m_store->SaveDirectory(m_dir, m_options.clock()); !status.ok()) return status;
    if (Status status = m_store->SaveCenterDefinition(m_config.default_sl, m_options.clock()); !status.ok()) return status;
    if (m_store->rederive_pending()) {
        LogInfo("the database was written by an older version: deriving calls and agent states again from its events");
        int last_percent = -1;
        Status status = m_store->RederiveIfNeeded(m_dir, [&](int64_t done, int64_t total) {
            const int percent = total > 0 ? static_cast<int>(done * 100 / total) : 100;
            if (percent / 10 != last_percent / 10) LogInfo("derived " + std::to_string(done) + " of " + std::to_string(total) + " events");
            last_percent = percent;
        });
        if (!status.ok()) return status;
    }
    if (Status status = RestoreEngine(); !status.ok()) return status;
    LogInfo("restored " + std::to_string(m_restored) + " events of today into the live state");

    if (!m_config.queue_log_follow.empty()) {
        QueueLogMapperConfig mapper = m_config.MapperConfig();
        mapper.directory = m_dir;
        m_feed = std::make_unique<QueueLogFeed>(m_store, std::move(mapper), "queue_log");
        if (Status status = m_feed->Open(m_config.queue_log_follow); !status.ok()) {
            m_feed.reset();
            return Status::Error("cannot follow queue_log: " + status.message());
        }
        LogInfo("following " + m_config.queue_log_follow +
                (m_feed->resumed() ? " (resuming after byte " + std::to_string(m_feed->resume_offset()) + ")" : ""));
    }
    m_last_interval_rebuild = m_options.clock();
    PublishIfChanged(true);
    {
        std::lock_guard<std::mutex> stop_lock(m_stop_mutex);
        m_stop = false;
    }
    m_thread = std::thread([this] { Run(); });
    return Status::Ok();
}

void IngestSource::Stop() {
    {
        std::lock_guard<std::mutex> lock(m_stop_mutex);
        m_stop = true;
    }
    m_stop_cv.notify_all();
    if (!m_thread.joinable()) return;
    m_thread.join();
    std::lock_guard<std::mutex> lock(m_mutex);
    Result<int64_t> rebuilt = m_store->RebuildIntervals(m_options.clock());
    if (!rebuilt.ok()) LogWarn(rebuilt.status().message());
}

void IngestSource::Feed(const std::vector<Event>& fresh) {
    if (m_needs_rebuild || fresh.empty()) return;
    const uint64_t too_late = m_engine->stats().too_late;
    const int64_t day_start = m_config.Zone().DayStart(m_options.clock());
    bool today = false;
    for (const Event& e : fresh) {
        m_engine->Push(e);
        today = today || e.t_ms >= day_start;
    }
    // An event older than what the engine already applied: replay today from the store,
    // where it now sits in its place.
    if (m_engine->stats().too_late != too_late && today) m_needs_rebuild = true;
}

Result<AppendSummary> IngestSource::SubmitEvents(std::span<const ApiEvent> events) {
    std::lock_guard<std::mutex> lock(m_mutex);
    bool grew = false;
    std::vector<StoredEvent> batch;
    batch.reserve(events.size());
    for (const ApiEvent& api : events) {
        Event e = api.event;
        e.queue = QueueFor(api.queue, &grew);
        e.target_queue = QueueFor(api.target_queue, &grew);
        e.agent = AgentFor(api.agent, e.queue, &grew);
        batch.push_back(StoredEvent{api.id, e, api.caller});
    }
    if (grew) {
        if (Status status = m_store->SaveDirectory(m_dir, m_options.clock()); !status.ok()) return status;
    }
    Result<AppendSummary> stored = m_store->Append("api", m_dir, batch);
    if (!stored.ok()) return stored;
    if (grew) {
        m_needs_rebuild = true;  // the engine's directory is fixed: rebuild with the new one
    } else {
        // Event ids become the stored row ids (as in RestoreEngine's replay).
        std::vector<Event> fresh;
        const AppendSummary& summary = stored.value();
        for (size_t k = 0; k < summary.fresh.size(); ++k) {
            fresh.push_back(batch[summary.fresh[k]].event);
            fresh.back().id = summary.fresh_ids[k];
        }
        Feed(fresh);
    }
    if (m_needs_rebuild) {
        if (Status status = RestoreEngine(); !status.ok()) return status;
    } else {
        m_engine->AdvanceTo(m_options.clock());
    }
    PublishIfChanged(false);
    return stored;
}

Status IngestSource::PutTeam(const TeamInfo& team) {
    std::lock_guard<std::mutex> lock(m_mutex);
    auto it = std::find_if(m_dir.teams.begin(), m_dir.teams.end(), [&](const TeamInfo& t) { return t.key == team.key; });
    if (it == m_dir.teams.end()) {
        m_dir.teams.push_back(TeamInfo{team.key, team.name_en, team.name_zh});
    } else {
        it->name_en = team.name_en;
        it->name_zh = team.name_zh;
    }
    if (Status status = m_store->SaveDirectory(m_dir, m_options.clock()); !status.ok()) return status;
    if (!m_engine) return Status::Ok();  // not started: Start builds the engine from the store
    if (Status status = RestoreEngine(); !status.ok()) return status;
    PublishIfChanged(true);
    return Status::Ok();
}

void IngestSource::Tick() {
    if (m_feed) {
        std::string replaced;
        Result<QueueLogBatchReport> rotated = m_feed->CheckReplaced(true, &replaced);
        Result<QueueLogBatchReport> read = rotated.ok() ? m_feed->Poll(kFollowLinesPerTick, true) : rotated;
        if (!replaced.empty()) LogInfo(m_feed->path() + " was " + replaced + "; reading it from the start");
        if (!read.ok()) {
            LogWarn("queue_log: " + read.status().message());
        } else {
            if (!read.value().damaged.empty()) LogWarn("queue_log: " + read.value().damaged);
            std::vector<Event> fresh = std::move(rotated.value().fresh);
            fresh.insert(fresh.end(), read.value().fresh.begin(), read.value().fresh.end());
            // The mapper's directory indices -> ours, by key.
            const Directory& theirs = m_feed->mapper().directory();
            bool grew = false;
            for (Event& e : fresh) {
                const uint16_t q = e.queue < theirs.queues.size() ? QueueFor(theirs.queues[e.queue].key, &grew) : kNoQueue;
                const uint16_t tq = e.target_queue < theirs.queues.size()
                                        ? QueueFor(theirs.queues[e.target_queue].key, &grew)
                                        : kNoQueue;
                const uint32_t a = e.agent < theirs.agents.size() ? AgentFor(theirs.agents[e.agent].key, q, &grew) : kNoAgent;
                e.queue = q;
                e.target_queue = tq;
                e.agent = a;
            }
            if (grew) {
                if (Status s = m_store->SaveDirectory(m_dir, m_options.clock()); !s.ok()) LogWarn(s.message());
                m_needs_rebuild = true;
            }
            Feed(fresh);
        }
    }
    const int64_t now = m_options.clock();
    if (m_needs_rebuild) {
        if (Status status = RestoreEngine(); !status.ok()) LogWarn("rebuilding the live state: " + status.message());
    } else {
        m_engine->AdvanceTo(now);
    }
    if (now - m_last_interval_rebuild >= m_options.rebuild_intervals_ms) {
        m_last_interval_rebuild = now;
        Result<int64_t> rebuilt = m_store->RebuildIntervals(now);
        if (!rebuilt.ok()) LogWarn(rebuilt.status().message());
    }
    PublishIfChanged(false);
}

void IngestSource::PublishIfChanged(bool force) {
    if (!m_engine) return;
    if (!force && m_engine->version() == m_published_version) return;
    Snapshot snapshot = m_engine->TakeSnapshot();
    snapshot.source = name();
    if (!wfm::HasLiveData(snapshot)) wfm::ClearLiveStaffing(&snapshot);  // history only: nothing to predict from
    m_published_version = m_engine->version();
    snapshot.version += m_version_offset;
    m_last_version = snapshot.version;
    m_broadcaster->Publish(std::move(snapshot));
}

void IngestSource::Run() {
    auto next = std::chrono::steady_clock::now();
    while (true) {
        next += std::chrono::milliseconds(m_options.tick_ms);
        {
            std::unique_lock<std::mutex> lock(m_stop_mutex);
            if (m_stop_cv.wait_until(lock, next, [this] { return m_stop; })) break;
        }
        std::lock_guard<std::mutex> lock(m_mutex);
        Tick();
        const auto now = std::chrono::steady_clock::now();
        if (next < now) next = now;
    }
}

}  // namespace cb
