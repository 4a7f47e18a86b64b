// The event API's request bodies (docs/ingest.md, docs/events.schema.json): JSON lines
// (application/x-ndjson, or application/json holding lines or one array) and CSV with a
// header row (text/csv). Each line becomes an ApiEvent or a rejection with its line number.
// Queues and agents stay keys here; the live source resolves them in its directory.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "core/events.h"

namespace cb {

struct ApiEvent {
    int line = 0;              // 1-based line (array element for a JSON array)
    std::string id;            // idempotency key
    Event event;               // kind, time, call, reason, exit_reason, outcome, waits, value
    std::string queue, agent, target_queue;  // keys; empty = none
    std::string caller;        // call_offered: the caller's phone number; empty = none
};

struct ApiRejection {
    int line = 0;
    std::string reason;
};

struct ApiBatch {
    std::vector<ApiEvent> events;
    std::vector<ApiRejection> rejected;
    std::string error;         // the body as a whole is unusable (e.g. CSV without header)
};

enum class ApiFormat { JsonLines, Csv, Unsupported };
// From a Content-Type value (parameters such as charset ignored).
ApiFormat ApiFormatOf(std::string_view content_type);

ApiBatch ParseApiEvents(std::string_view body, ApiFormat format);

// "2026-01-05T08:00:00Z", "...08:00:00.250+08:00" -> Unix ms. False when not RFC 3339.
bool ParseRfc3339(std::string_view text, int64_t* ms);
// A call key for an external call id (stable 64-bit hash, never 0).
uint64_t ApiCallKey(std::string_view call_id);

}  // namespace cb
