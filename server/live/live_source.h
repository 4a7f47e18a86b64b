// Where live data comes from. The server runs exactly one source; every source feeds an
// Engine on its own thread and publishes snapshots to the Broadcaster. The demo simulator is
// one; a queue_log follower or the event API plugs in the same way.
#pragma once
#include <string>
#include "server/base/status.h"

namespace cb {

// How often a running source counts the stored calls and agent states of the days it touched
// into interval_counts (Store::RebuildIntervals), so that reports over today follow the floor.
inline constexpr int kIntervalRebuildMs = 60000;

class LiveSource {
public:
    virtual ~LiveSource() = default;
    // Starts the source's thread. Fails (with nothing started) if the source cannot run,
    // e.g. its directory cannot be stored.
    virtual Status Start() = 0;
    // Stops and joins the thread; the last snapshot stays published. Safe to call twice.
    virtual void Stop() = 0;
    // "demo:normal", "queue_log", ... (also Snapshot::source).
    virtual std::string name() const = 0;
};

}  // namespace cb
