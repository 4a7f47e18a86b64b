// Where the event API hands validated events: the live source for real data. The HTTP layer
// sees only this; ServeApp connects it once the source runs (EventApi::sink) and disconnects
// it before stopping the source.
#pragma once
#include <atomic>
#include <span>
#include <string>
#include "server/ingest/event_lines.h"
#include "server/store/store.h"

namespace cb {

class EventSink {
public:
    virtual ~EventSink() = default;
    // Stores the events in one transaction (all or none) and feeds the live engine with the
    // ones not stored before. Fails when the store fails (then nothing was stored).
    virtual Result<AppendSummary> SubmitEvents(std::span<const ApiEvent> events) = 0;
};

// The event API's settings and target, shared by the HTTP routes and ServeApp.
struct EventApi {
    std::string token;                       // bearer token; empty = API disabled (404)
    std::atomic<EventSink*> sink{nullptr};   // null while no real source runs (503)
    size_t max_body_bytes = 16 * 1024 * 1024;
};

}  // namespace cb
