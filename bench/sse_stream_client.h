// A minimal raw-socket client for one /api/stream connection, for bench_stream: writes the
// request, reads the HTTP response headers, decodes chunked transfer encoding and the SSE
// frames, and reports each complete event with the server's publish stamp (": t=<ms>").
// Non-blocking; driven by the caller's epoll loop. Header-only so it stays beside the bench.
#pragma once
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>

namespace cbbench {

struct StreamEvent {
    std::string event;    // "snapshot" or "delta"
    int64_t publish_ms = -1;
    size_t bytes = 0;     // size of the data
};

class SseStreamClient {
public:
    enum class Phase { Headers, Body, Failed, Closed };

    // Feeds received bytes; calls on_event for every complete SSE event.
    void Feed(std::string_view bytes, const std::function<void(const StreamEvent&)>& on_event) {
        m_in.append(bytes);
        if (m_phase == Phase::Headers) {
            const size_t end = m_in.find("\r\n\r\n");
            if (end == std::string::npos) return;
            const std::string head = m_in.substr(0, end);
            m_in.erase(0, end + 4);
            m_status = head.size() > 12 ? std::atoi(head.c_str() + 9) : 0;
            if (m_status != 200) {
                m_phase = Phase::Failed;
                return;
            }
            m_phase = Phase::Body;
        }
        while (m_phase == Phase::Body) {
            if (m_chunk_left == 0) {
                const size_t eol = m_in.find("\r\n");
                if (eol == std::string::npos) return;
                if (eol == 0) {  // the CRLF after a chunk's data
                    m_in.erase(0, 2);
                    continue;
                }
                m_chunk_left = std::strtoull(m_in.substr(0, eol).c_str(), nullptr, 16);
                m_in.erase(0, eol + 2);
                if (m_chunk_left == 0) {
                    m_phase = Phase::Closed;
                    return;
                }
            }
            if (m_in.empty()) return;
            const size_t take = std::min<size_t>(m_chunk_left, m_in.size());
            FeedSse(std::string_view(m_in).substr(0, take), on_event);
            m_in.erase(0, take);
            m_chunk_left -= take;
        }
    }

    Phase phase() const { return m_phase; }
    int status() const { return m_status; }

private:
    void FeedSse(std::string_view data, const std::function<void(const StreamEvent&)>& on_event) {
        for (char c : data) {
            if (c != '\n') {
                m_line.push_back(c);
                continue;
            }
            if (m_line.empty()) {
                if (!m_event.event.empty()) on_event(m_event);
                m_event = StreamEvent{};
            } else if (m_line.rfind(": t=", 0) == 0) {
                m_event.publish_ms = std::strtoll(m_line.c_str() + 4, nullptr, 10);
            } else if (m_line.rfind("event: ", 0) == 0) {
                m_event.event = m_line.substr(7);
            } else if (m_line.rfind("data: ", 0) == 0) {
                m_event.bytes += m_line.size() - 6;
            }
            m_line.clear();
        }
    }

    Phase m_phase = Phase::Headers;
    int m_status = 0;
    std::string m_in;
    uint64_t m_chunk_left = 0;
    std::string m_line;
    StreamEvent m_event;
};

}  // namespace cbbench
