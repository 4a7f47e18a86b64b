// LiveModel (live_model.h).
#include "live_model.h"

#include <algorithm>
#include "core/snapshot_delta.h"
#include "core/snapshot_json.h"

namespace cb {

bool LiveModel::Apply(const TransportMessage& m) {
    switch (m.kind) {
    case TransportMessage::Kind::Connected:
        m_connected = true;
        m_local = false;
        return true;
    case TransportMessage::Kind::Disconnected:
        if (m_connected || m_disconnected_since_ms == 0) m_disconnected_since_ms = m.received_wall_ms;
        m_connected = false;
        return true;
    case TransportMessage::Kind::Session:
    case TransportMessage::Kind::Login:
    case TransportMessage::Kind::Logout:
    case TransportMessage::Kind::DemoControl:
    case TransportMessage::Kind::Thresholds:
    case TransportMessage::Kind::Api:
        return true;
    case TransportMessage::Kind::Snapshot: {
        Snapshot s;
        if (!SnapshotFromJson(m.data, &s, &m_last_error)) return false;
        m_snapshot = std::move(s);
        break;
    }
    case TransportMessage::Kind::Delta: {
        SnapshotDelta d;
        if (!DeltaFromJson(m.data, &d, &m_last_error)) return false;
        if (!m_has_data) {
            m_last_error = "delta before any snapshot";
            return false;
        }
        const int64_t center_before = m_snapshot.now_ms;
        if (!ApplyDelta(d, &m_snapshot)) {
            m_last_error = "delta for version " + std::to_string(d.base_version) + " does not fit version " +
                           std::to_string(m_snapshot.version);
            return false;
        }
        const int64_t wall_dt = m.received_wall_ms - m_last_message_wall_ms;
        const int64_t center_dt = m_snapshot.now_ms - center_before;
        if (wall_dt > 50 && center_dt >= 0)
            m_speed_estimate = std::clamp(0.7 * m_speed_estimate + 0.3 * (double(center_dt) / double(wall_dt)), 0.0, 120.0);
        break;
    }
    }
    m_has_data = true;
    m_connected = true;
    m_local = false;
    m_last_message_wall_ms = m.received_wall_ms;
    m_disconnected_since_ms = 0;
    ++m_messages;
    return true;
}

void LiveModel::SetLocal(Snapshot snapshot, int64_t wall_ms) {
    m_snapshot = std::move(snapshot);
    m_has_data = true;
    m_local = true;
    m_last_message_wall_ms = wall_ms;
    ++m_messages;
}

Freshness LiveModel::FreshnessAt(int64_t wall_now_ms) const {
    Freshness f;
    f.age_ms = m_has_data ? std::max<int64_t>(0, wall_now_ms - m_last_message_wall_ms) : 0;
    if (m_local) f.state = LinkState::LocalDemo;
    else if (!m_connected && (m_has_data || m_disconnected_since_ms)) {
        f.state = LinkState::Disconnected;
        f.since_wall_ms = m_disconnected_since_ms;
    } else if (!m_has_data) f.state = LinkState::Connecting;
    else if (f.age_ms > kStaleAfterMs && !m_snapshot.demo.paused) f.state = LinkState::Stale;  // a paused demo sends nothing new
    else f.state = LinkState::Live;
    return f;
}

int64_t LiveModel::CenterNowMs(int64_t wall_now_ms) const {
    if (!m_has_data) return 0;
    if (m_local) return m_snapshot.now_ms;
    if (m_snapshot.demo.paused) return m_snapshot.now_ms;
    const int64_t wall_dt = std::clamp<int64_t>(wall_now_ms - m_last_message_wall_ms, 0, kStaleAfterMs);
    // A demo says how fast its clock runs; real data runs at the estimated rate (about 1).
    const double speed = m_snapshot.demo.speed > 0 ? double(m_snapshot.demo.speed) : m_speed_estimate;
    return m_snapshot.now_ms + static_cast<int64_t>(double(wall_dt) * (m_connected ? speed : 0.0));
}

}  // namespace cb
