// Server-Sent Events framing of the live stream (docs/api.md). Each frame starts with a
// comment carrying the server's publish time, ": t=<unix ms>", so clients and the stream
// benchmark can measure update delay without touching the snapshot JSON.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace cb {

// ": t=<publish_ms>\nevent: <event>\nid: <id>\ndata: <json>\n\n". A newline inside json
// (none from our encoder) would start another "data:" line, as SSE requires.
std::string FormatSseFrame(std::string_view event, uint64_t id, std::string_view json, int64_t publish_ms);
// A frame without "id:" (the stream's ids are snapshot versions): ": t=<ms>\nevent: <event>\ndata: <json>\n\n".
std::string FormatSseEventFrame(std::string_view event, std::string_view json, int64_t publish_ms);
// The idle keep-alive comment.
std::string_view SseHeartbeat();
// Sent once when a stream opens: how long EventSource waits before reconnecting.
std::string_view SseRetryHint();

}  // namespace cb
