// HttpTransport (http_transport.h).
#include "http_transport.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include "client/sse_parser.h"

namespace cb {
namespace {

int64_t WallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

HttpTransport::HttpTransport(std::string base_url) : m_base_url(std::move(base_url)) {}

HttpTransport::~HttpTransport() {
    m_stop = true;
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void HttpTransport::Start() {
    if (!m_thread.joinable()) m_thread = std::thread([this] { Run(); });
}

void HttpTransport::Drain(std::vector<TransportMessage>* inbox) {
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto& m : m_queue) inbox->push_back(std::move(m));
    m_queue.clear();
}

void HttpTransport::Resync() { m_resync = true; }

void HttpTransport::Push(TransportMessage::Kind kind, std::string data) {
    std::lock_guard<std::mutex> lock(m_mutex);
    // A full snapshot makes every earlier message moot: keep the queue short for a slow UI.
    if (kind == TransportMessage::Kind::Snapshot)
        m_queue.erase(std::remove_if(m_queue.begin(), m_queue.end(), [](const TransportMessage& m) {
                          return m.kind == TransportMessage::Kind::Snapshot || m.kind == TransportMessage::Kind::Delta;
                      }), m_queue.end());
    m_queue.push_back({kind, std::move(data), WallMs()});
}

void HttpTransport::Run() {
    int backoff_ms = 250;
    while (!m_stop) {
        httplib::Client client(m_base_url);
        client.set_connection_timeout(3, 0);
        client.set_read_timeout(30, 0);  // the server sends a heartbeat well within this
        SseParser parser;
        std::vector<SseEvent> events;
        bool connected = false;
        m_resync = false;
        auto result = client.Get("/api/stream", httplib::Headers{{"Accept", "text/event-stream"}},
            [&](const httplib::Response& response) {
                if (response.status != 200) return false;
                connected = true;
                Push(TransportMessage::Kind::Connected, "");
                return true;
            },
            [&](const char* data, size_t length) {
                events.clear();
                parser.Feed(std::string_view(data, length), &events);
                for (SseEvent& e : events) {
                    if (e.event == "snapshot") Push(TransportMessage::Kind::Snapshot, std::move(e.data));
                    else if (e.event == "delta") Push(TransportMessage::Kind::Delta, std::move(e.data));
                }
                return !m_stop && !m_resync;
            });
        if (m_stop) break;
        if (m_resync) continue;  // reconnect at once: the next message is a full snapshot
        std::string reason = result ? "stream ended (HTTP " + std::to_string(result->status) + ")"
                                    : "connection failed: " + httplib::to_string(result.error());
        Push(TransportMessage::Kind::Disconnected, reason);
        if (connected) backoff_ms = 250;
        std::unique_lock<std::mutex> lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::milliseconds(backoff_ms), [this] { return m_stop.load(); });
        backoff_ms = std::min(backoff_ms * 2, 5000);
    }
}

}  // namespace cb
