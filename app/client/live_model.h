// The client's view of the center: the latest snapshot (from the server's stream or from an
// in-process demo) and how fresh it is. Fed on the UI thread only.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include "core/snapshot.h"
#include "transport.h"

namespace cb {

enum class LinkState {
    Connecting,     // no data yet
    Live,           // streaming, data recent
    Stale,          // connected but no message for a while
    Disconnected,   // lost the server; showing the last data
    LocalDemo       // running a demo in this process / tab
};

struct Freshness {
    LinkState state = LinkState::Connecting;
    int64_t age_ms = 0;            // since the last message
    int64_t since_wall_ms = 0;     // Disconnected: when the link was lost
};

class LiveModel {
public:
    // Applies one stream message (session answers, thresholds and API answers are ignored: the
    // controller handles them). Returns false when the client must resync (a delta did
    // not fit or a message was malformed); last_error() says why.
    bool Apply(const TransportMessage& message);
    // Replaces the data with a locally produced snapshot (in-process demo).
    void SetLocal(Snapshot snapshot, int64_t wall_ms);
    // Forgets everything (signed out: the data belonged to the last user). Connecting again.
    void Reset() { *this = LiveModel{}; }

    bool has_data() const { return m_has_data; }
    const Snapshot& snapshot() const { return m_snapshot; }
    Freshness FreshnessAt(int64_t wall_now_ms) const;
    // The center's clock now, extrapolated from the last message by wall time passed since,
    // so "time in state" keeps ticking between messages (never past a stale link's last data
    // by more than the stale limit). A paused demo's clock stands still; a running demo's
    // advances at its own speed.
    int64_t CenterNowMs(int64_t wall_now_ms) const;
    const std::string& last_error() const { return m_last_error; }
    uint64_t messages() const { return m_messages; }

    static constexpr int64_t kStaleAfterMs = 5000;

private:
    Snapshot m_snapshot;
    bool m_has_data = false;
    bool m_connected = false;
    bool m_local = false;
    int64_t m_last_message_wall_ms = 0;
    int64_t m_disconnected_since_ms = 0;
    double m_speed_estimate = 1.0;
    std::string m_last_error;
    uint64_t m_messages = 0;
};

}  // namespace cb
