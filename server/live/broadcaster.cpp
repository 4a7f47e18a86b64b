#include "server/live/broadcaster.h"

#include "core/snapshot_delta.h"
#include "core/snapshot_json.h"
#include "server/base/gzip.h"
#include "server/live/sse.h"

namespace cb {

int64_t WallClockMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Publication::Publication(uint64_t seq, int64_t publish_ms, std::shared_ptr<const Snapshot> snapshot,
                         std::shared_ptr<const std::string> delta_frame, uint64_t delta_base_version,
                         std::shared_ptr<const Snapshot> previous)
    : m_seq(seq), m_publish_ms(publish_ms), m_snapshot(std::move(snapshot)),
      m_delta_frame(std::move(delta_frame)), m_delta_base_version(delta_base_version),
      m_previous(std::move(previous)) {}

std::shared_ptr<const Publication> Publication::ForScope(const Scope& scope) const {
    if (scope.kind == Scope::Kind::Full) return shared_from_this();
    std::shared_ptr<ScopeSlot> slot;
    {
        std::lock_guard<std::mutex> lock(m_scopes_mutex);
        std::shared_ptr<ScopeSlot>& entry = m_scoped[scope.Key()];
        if (!entry) entry = std::make_shared<ScopeSlot>();
        slot = entry;
    }
    // Encoded by the first caller of this scope; the others wait for it, then share it.
    std::call_once(slot->once, [&] { slot->publication = MakeScoped(scope); });
    return slot->publication;
}

size_t Publication::scoped_count() const {
    std::lock_guard<std::mutex> lock(m_scopes_mutex);
    return m_scoped.size();
}

std::shared_ptr<const Publication> Publication::MakeScoped(const Scope& scope) const {
    auto scoped = std::make_shared<const Snapshot>(ScopeSnapshot(*m_snapshot, scope));
    std::shared_ptr<const std::string> delta_frame;
    uint64_t base_version = 0;
    if (m_delta_frame && m_previous) {
        const Snapshot before = ScopeSnapshot(*m_previous, scope);
        // Same sizes is not enough: the scoped agents must be the same ones, index by index.
        bool same_agents = before.directory.agents.size() == scoped->directory.agents.size();
        for (size_t i = 0; same_agents && i < before.directory.agents.size(); ++i) {
            same_agents = before.directory.agents[i].key == scoped->directory.agents[i].key;
        }
        if (same_agents && SameShape(before, *scoped)) {
            base_version = m_delta_base_version;
            delta_frame = std::make_shared<const std::string>(FormatSseFrame(
                "delta", scoped->version, DeltaToJson(MakeDelta(before, *scoped)), m_publish_ms));
        }
    }
    return std::make_shared<const Publication>(m_seq, m_publish_ms, std::move(scoped), std::move(delta_frame),
                                               base_version);
}

std::shared_ptr<const std::string> Publication::DeltaFrameFrom(uint64_t base) const {
    if (!m_delta_frame || base != m_delta_base_version) return nullptr;
    return m_delta_frame;
}

std::shared_ptr<const std::string> Publication::Json() const {
    std::call_once(m_json_once, [this] {
        m_json = std::make_shared<const std::string>(SnapshotToJson(*m_snapshot));
    });
    return m_json;
}

std::shared_ptr<const std::string> Publication::JsonGzip() const {
    std::call_once(m_gzip_once, [this] {
        m_gzip = std::make_shared<const std::string>(GzipCompress(*Json()));
    });
    return m_gzip;
}

std::shared_ptr<const std::string> Publication::FullFrame() const {
    std::call_once(m_frame_once, [this] {
        m_frame = std::make_shared<const std::string>(
            FormatSseFrame("snapshot", m_snapshot->version, *Json(), m_publish_ms));
    });
    return m_frame;
}

void Broadcaster::Publish(Snapshot snapshot) {
    auto next = std::make_shared<const Snapshot>(std::move(snapshot));
    std::shared_ptr<const Publication> previous = Current();
    const int64_t publish_ms = WallClockMs();
    std::shared_ptr<const std::string> delta_frame;
    std::shared_ptr<const Snapshot> before;
    uint64_t base_version = 0;
    // Encoded here, once, outside the lock: streams keep serving the previous publication.
    if (previous && SameShape(previous->snapshot(), *next)) {
        base_version = previous->version();
        before = previous->m_snapshot;
        delta_frame = std::make_shared<const std::string>(FormatSseFrame(
            "delta", next->version, DeltaToJson(MakeDelta(previous->snapshot(), *next)), publish_ms));
    }
    const uint64_t seq = previous ? previous->seq() + 1 : 1;
    auto publication = std::make_shared<const Publication>(seq, publish_ms, std::move(next),
                                                           std::move(delta_frame), base_version, std::move(before));
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_current = std::move(publication);
    }
    m_changed.notify_all();
}

std::shared_ptr<const Publication> Broadcaster::Current() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_current;
}

std::shared_ptr<const Publication> Broadcaster::WaitNewer(uint64_t after_seq,
                                                          std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait_for(lock, timeout, [&] {
        return m_shut_down || (m_current && m_current->seq() > after_seq);
    });
    return m_current;
}

std::shared_ptr<const Publication> Broadcaster::WaitNewer(uint64_t after_seq, uint64_t after_side,
                                                          std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait_for(lock, timeout, [&] {
        return m_shut_down || (m_current && m_current->seq() > after_seq) || m_side_events.load() > after_side;
    });
    return m_current;
}

void Broadcaster::NotifySideEvent() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);  // a stream between its check and its wait sees it
        m_side_events.fetch_add(1);
    }
    m_changed.notify_all();
}

void Broadcaster::Shutdown() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_shut_down = true;
    }
    m_changed.notify_all();
}

bool Broadcaster::is_shut_down() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_shut_down;
}

bool Broadcaster::TryOpenStream() {
    int open = m_open_streams.load();
    do {
        if (open >= m_max_streams.load()) return false;
    } while (!m_open_streams.compare_exchange_weak(open, open + 1));
    return true;
}

void Broadcaster::CloseStream() { m_open_streams.fetch_sub(1); }

}  // namespace cb
