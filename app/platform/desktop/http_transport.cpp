// HttpTransport (http_transport.h).
#include "http_transport.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include "client/session.h"
#include "client/session_token_file.h"
#include "client/sse_parser.h"

namespace cb {
namespace {

int64_t WallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

httplib::Headers AuthHeaders(const std::string& token) {
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    return h;
}

}  // namespace

HttpTransport::HttpTransport(std::string base_url, std::string token_path)
    : m_base_url(std::move(base_url)), m_token_path(std::move(token_path)) {
    m_token = LoadToken(m_token_path, m_base_url);
    m_request_thread = std::thread([this] { RunRequests(); });
}

HttpTransport::~HttpTransport() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_stream_thread.joinable()) m_stream_thread.join();
    if (m_request_thread.joinable()) m_request_thread.join();
}

void HttpTransport::Start() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        ++m_generation;
        m_streaming = true;
    }
    m_wake.notify_all();
    if (!m_stream_thread.joinable()) m_stream_thread = std::thread([this] { RunStream(); });
}

void HttpTransport::StopStream() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        ++m_generation;
        m_streaming = false;
    }
    m_wake.notify_all();
}

void HttpTransport::Drain(std::vector<TransportMessage>* inbox) {
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto& m : m_queue) inbox->push_back(std::move(m));
    m_queue.clear();
}

void HttpTransport::Resync() { m_resync = true; }

void HttpTransport::FetchSession() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_requests.push_back({TransportMessage::Kind::Session, "", ""});
    }
    m_wake.notify_all();
}

void HttpTransport::Login(std::string body) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_requests.push_back({TransportMessage::Kind::Login, std::move(body), ""});
    }
    m_wake.notify_all();
}

void HttpTransport::Logout(std::string /*csrf: Bearer requests need none*/) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_requests.push_back({TransportMessage::Kind::Logout, "", m_token});
        m_token.clear();
    }
    m_wake.notify_all();
}

void HttpTransport::DemoControl(std::string body, std::string /*csrf: Bearer requests need none*/) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_requests.push_back({TransportMessage::Kind::DemoControl, std::move(body), ""});
    }
    m_wake.notify_all();
}

void HttpTransport::Send(ApiRequest request) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_requests.push_back({TransportMessage::Kind::Api, "", "", std::move(request)});
    }
    m_wake.notify_all();
}

std::string HttpTransport::Token() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_token;
}

void HttpTransport::ForgetToken() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_token.clear();
    }
    std::string error;
    if (!DeleteToken(m_token_path, m_base_url, &error)) std::fprintf(stderr, "callboard-desk: %s\n", error.c_str());
}

void HttpTransport::Push(TransportMessage message) {
    std::lock_guard<std::mutex> lock(m_mutex);
    // A full snapshot makes every earlier stream message moot: keep the queue short for a slow UI.
    if (message.kind == TransportMessage::Kind::Snapshot)
        m_queue.erase(std::remove_if(m_queue.begin(), m_queue.end(), [](const TransportMessage& m) {
                          return m.kind == TransportMessage::Kind::Snapshot || m.kind == TransportMessage::Kind::Delta;
                      }), m_queue.end());
    m_queue.push_back(std::move(message));
}

void HttpTransport::Push(TransportMessage::Kind kind, std::string data, int status) {
    Push(TransportMessage{kind, std::move(data), WallMs(), status, 0});
}

void HttpTransport::RunRequests() {
    for (;;) {
        Request request;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop.load() || !m_requests.empty(); });
            if (m_stop) return;
            request = std::move(m_requests.front());
            m_requests.pop_front();
        }
        Answer(request);
    }
}

void HttpTransport::Answer(const Request& request) {
    using K = TransportMessage::Kind;
    httplib::Client client(m_base_url);
    client.set_connection_timeout(3, 0);
    client.set_read_timeout(10, 0);
    auto send = [&]() -> httplib::Result {
        switch (request.kind) {
        case K::Session: {
            const std::string token = Token();
            auto r = client.Get("/api/session", AuthHeaders(token));
            if (r && r->status == 401 && !token.empty()) ForgetToken();  // expired or revoked
            return r;
        }
        case K::Login: {
            auto r = client.Post("/api/login", request.body, "application/json");
            if (r && r->status == 200) {
                SessionInfo info;
                std::string error;
                if (SessionInfoFromJson(r->body, &info, &error) && !info.token.empty()) {
                    {
                        std::lock_guard<std::mutex> lock(m_mutex);
                        m_token = info.token;
                    }
                    if (!SaveToken(m_token_path, m_base_url, info.token, &error))
                        std::fprintf(stderr, "callboard-desk: the session will not outlive this run: %s\n", error.c_str());
                }
            }
            return r;
        }
        case K::DemoControl: return client.Post("/api/demo", AuthHeaders(Token()), request.body, "application/json");
        case K::Api: {
            const ApiRequest& api = request.api;
            const std::string path = "/" + api.path;
            const httplib::Headers headers = AuthHeaders(Token());
            const std::string body = api.body;
            if (api.method == "GET") return client.Get(path, headers);
            if (api.method == "POST") return client.Post(path, headers, body, "application/json");
            if (api.method == "PUT") return client.Put(path, headers, body, "application/json");
            if (api.method == "PATCH") return client.Patch(path, headers, body, "application/json");
            return client.Delete(path, headers, body, "application/json");
        }
        default:  // Logout
            ForgetToken();
            return client.Post("/api/logout", AuthHeaders(request.token), "", "application/json");
        }
    };
    if (request.kind == K::Logout && request.token.empty()) {  // nothing to end on the server
        ForgetToken();
        Push(TransportMessage{K::Logout, "", WallMs(), 204, 0});
        return;
    }
    if (request.kind != K::Session && request.kind != K::Login && request.kind != K::Logout &&
        request.kind != K::DemoControl && request.kind != K::Api)
        return;
    httplib::Result result = send();
    TransportMessage answer{request.kind, "", WallMs(), 0, 0, request.kind == K::Api ? request.api.tag : 0};
    if (result) {
        answer.status = result->status;
        answer.data = result->body;
        answer.retry_after_s = std::atoi(result->get_header_value("Retry-After").c_str());
    }
    Push(std::move(answer));
}

void HttpTransport::RunStream() {
    int backoff_ms = 250;
    while (!m_stop) {
        uint64_t generation = 0;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop.load() || m_streaming.load(); });
            if (m_stop) break;
            generation = m_generation;
        }
        const auto current = [&] { return !m_stop && !m_resync && m_generation == generation; };
        httplib::Client client(m_base_url);
        client.set_connection_timeout(3, 0);
        client.set_read_timeout(30, 0);  // the server sends a heartbeat well within this
        SseParser parser;
        std::vector<SseEvent> events;
        bool connected = false;
        m_resync = false;
        httplib::Headers headers = AuthHeaders(Token());
        headers.emplace("Accept", "text/event-stream");
        auto result = client.Get("/api/stream", headers,
            [&](const httplib::Response& response) {
                if (response.status != 200) return false;
                connected = true;
                Push(TransportMessage::Kind::Connected, "");
                return current();
            },
            [&](const char* data, size_t length) {
                events.clear();
                parser.Feed(std::string_view(data, length), &events);
                for (SseEvent& e : events) {
                    if (e.event == "snapshot") Push(TransportMessage::Kind::Snapshot, std::move(e.data));
                    else if (e.event == "delta") Push(TransportMessage::Kind::Delta, std::move(e.data));
                    else if (e.event == "thresholds") Push(TransportMessage::Kind::Thresholds, std::move(e.data));
                }
                return current();
            });
        if (m_stop) break;
        if (m_generation != generation) continue;  // stopped or restarted: no disconnect notice
        if (m_resync) continue;  // reconnect at once: the next message is a full snapshot
        const int status = result ? result->status : 0;
        std::string reason = result ? "stream ended (HTTP " + std::to_string(status) + ")"
                                    : "connection failed: " + httplib::to_string(result.error());
        Push(TransportMessage::Kind::Disconnected, reason, status == 200 ? 0 : status);
        if (connected) backoff_ms = 250;
        std::unique_lock<std::mutex> lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::milliseconds(backoff_ms),
                        [&] { return m_stop.load() || m_generation != generation; });
        backoff_ms = std::min(backoff_ms * 2, 5000);
    }
}

}  // namespace cb
