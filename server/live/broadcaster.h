// The one broadcaster of the live stream. A source publishes snapshots; each publication is
// encoded once (the delta against the previous one eagerly, the full JSON lazily on first
// use) and the same immutable strings are shared by every stream client and /api/snapshot.
// Clients never queue: a client asks for the newest publication and gets a delta when it is
// exactly one step behind, else a fresh full snapshot (coalescing for slow clients).
// Scoping (server/auth/scope.h): each publication is also encoded once per distinct scope
// (a lead's teams, the wallboard), on first use by a stream or request of that scope, and
// shared by all callers with that scope; the full scope is the publication itself.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <map>
#include <mutex>
#include <string>
#include "core/snapshot.h"
#include "server/auth/scope.h"

namespace cb {

class Publication : public std::enable_shared_from_this<Publication> {
public:
    // previous: the snapshot the delta frame starts from (kept so scoped deltas can be made
    // from it; null when there is no delta).
    Publication(uint64_t seq, int64_t publish_ms, std::shared_ptr<const Snapshot> snapshot,
                std::shared_ptr<const std::string> delta_frame, uint64_t delta_base_version,
                std::shared_ptr<const Snapshot> previous = nullptr);

    uint64_t seq() const { return m_seq; }             // 1, 2, 3... per publish
    uint64_t version() const { return m_snapshot->version; }
    int64_t publish_ms() const { return m_publish_ms; } // wall clock, Unix ms
    const Snapshot& snapshot() const { return *m_snapshot; }

    // SSE "delta" frame turning version `base` into this one, or null when there is none
    // (first publication, shape change) or base differs.
    std::shared_ptr<const std::string> DeltaFrameFrom(uint64_t base) const;
    // SSE "snapshot" frame with the full JSON; encoded on first call, then shared.
    std::shared_ptr<const std::string> FullFrame() const;
    // The full JSON, and its gzip; each encoded on first call, then shared.
    std::shared_ptr<const std::string> Json() const;
    std::shared_ptr<const std::string> JsonGzip() const;

    // This publication as `scope` may see it: the same seq, version and publish time, the
    // snapshot cut by ScopeSnapshot, and its own delta frame (against the previous snapshot
    // cut the same way, when the full publication has one and the scoped agents are the
    // same). Made on the first call per scope, then shared. The full scope returns this.
    std::shared_ptr<const Publication> ForScope(const Scope& scope) const;
    size_t scoped_count() const;  // scopes encoded so far (tests, benchmark)

private:
    friend class Broadcaster;  // Publish keeps the previous snapshot for scoped deltas
    struct ScopeSlot {
        std::once_flag once;
        std::shared_ptr<const Publication> publication;
    };
    std::shared_ptr<const Publication> MakeScoped(const Scope& scope) const;

    uint64_t m_seq;
    int64_t m_publish_ms;
    std::shared_ptr<const Snapshot> m_snapshot;
    std::shared_ptr<const std::string> m_delta_frame;
    uint64_t m_delta_base_version;
    mutable std::once_flag m_json_once, m_gzip_once, m_frame_once;
    mutable std::shared_ptr<const std::string> m_json, m_gzip, m_frame;
    std::shared_ptr<const Snapshot> m_previous;
    mutable std::mutex m_scopes_mutex;
    mutable std::map<std::string, std::shared_ptr<ScopeSlot>> m_scoped;
};

class Broadcaster {
public:
    // Publishes a new state (from the live source's thread) and wakes every waiting stream.
    void Publish(Snapshot snapshot);
    // The newest publication, or null before the first.
    std::shared_ptr<const Publication> Current() const;
    // Waits until a publication with seq > after_seq exists, `timeout` passes or Shutdown().
    // Returns the newest publication (possibly not newer, or null, on timeout/shutdown).
    std::shared_ptr<const Publication> WaitNewer(uint64_t after_seq, std::chrono::milliseconds timeout) const;
    // The same, also waking when side_events() passes after_side.
    std::shared_ptr<const Publication> WaitNewer(uint64_t after_seq, uint64_t after_side,
                                                 std::chrono::milliseconds timeout) const;
    // Side events: news for the streams besides snapshots (the thresholds changed, docs/api.md).
    // Bumps side_events() and wakes every waiting stream, which then sends what is new to it.
    void NotifySideEvent();
    uint64_t side_events() const { return m_side_events.load(); }
    // Wakes all waiters for good; streams then end.
    void Shutdown();
    bool is_shut_down() const;

    // Stream slots: TryOpenStream fails when max_streams are open.
    void set_max_streams(int max_streams) { m_max_streams.store(max_streams); }
    bool TryOpenStream();
    void CloseStream();
    int open_streams() const { return m_open_streams.load(); }

private:
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::shared_ptr<const Publication> m_current;
    bool m_shut_down = false;
    std::atomic<uint64_t> m_side_events{0};
    std::atomic<int> m_open_streams{0};
    std::atomic<int> m_max_streams{1000};
};

int64_t WallClockMs();

}  // namespace cb
