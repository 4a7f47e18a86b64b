#include "server/live/sse.h"

namespace cb {

namespace {

std::string Frame(std::string_view event, const uint64_t* id, std::string_view json, int64_t publish_ms) {
    std::string frame;
    frame.reserve(json.size() + 64);
    frame += ": t=";
    frame += std::to_string(publish_ms);
    frame += "\nevent: ";
    frame += event;
    if (id) {
        frame += "\nid: ";
        frame += std::to_string(*id);
    }
    frame += '\n';
    size_t start = 0;
    while (true) {
        const size_t nl = json.find('\n', start);
        frame += "data: ";
        frame += json.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        frame += '\n';
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    frame += '\n';
    return frame;
}

}  // namespace

std::string FormatSseFrame(std::string_view event, uint64_t id, std::string_view json, int64_t publish_ms) {
    return Frame(event, &id, json, publish_ms);
}

std::string FormatSseEventFrame(std::string_view event, std::string_view json, int64_t publish_ms) {
    return Frame(event, nullptr, json, publish_ms);
}

std::string_view SseHeartbeat() { return ": heartbeat\n\n"; }
std::string_view SseRetryHint() { return "retry: 3000\n\n"; }

}  // namespace cb
