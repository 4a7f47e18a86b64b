// Desktop transport: streams /api/stream from a Callboard server with cpp-httplib on a
// background thread, reconnecting with backoff, and hands messages to the UI thread. Session
// requests (login, logout, session) run in order on a second thread. In accounts mode it signs
// requests with "Authorization: Bearer <token>", the token kept in the token file
// (client/session_token_file.h) under the server's URL, so a restart stays signed in.
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
#include "client/transport.h"

namespace cb {

class HttpTransport final : public Transport {
public:
    // base_url like "http://127.0.0.1:8080". token_path: where tokens are kept ("" keeps
    // them in memory only).
    HttpTransport(std::string base_url, std::string token_path);
    ~HttpTransport() override;

    void Start() override;
    void Drain(std::vector<TransportMessage>* inbox) override;
    void Resync() override;
    void StopStream() override;
    void FetchSession() override;
    void Login(std::string body) override;
    void Logout(std::string csrf) override;
    void DemoControl(std::string body, std::string csrf) override;
    void Send(ApiRequest request) override;

private:
    struct Request {
        TransportMessage::Kind kind;
        std::string body;
        std::string token;    // Logout: the token being ended
        ApiRequest api;       // Api: what to send
    };
    void RunStream();
    void RunRequests();
    void Answer(const Request& request);
    void Push(TransportMessage message);
    void Push(TransportMessage::Kind kind, std::string data, int status = 0);
    std::string Token();
    void ForgetToken();

    std::string m_base_url;
    std::string m_token_path;
    std::thread m_stream_thread;
    std::thread m_request_thread;
    std::mutex m_mutex;                 // guards everything below that is not atomic
    std::condition_variable m_wake;
    std::vector<TransportMessage> m_queue;
    std::deque<Request> m_requests;
    std::string m_token;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_resync{false};
    std::atomic<bool> m_streaming{false};
    std::atomic<uint64_t> m_generation{0};  // bumps on Start/StopStream: an older stream ends
};

}  // namespace cb
