// Desktop transport: streams /api/stream from a Callboard server with cpp-httplib on a
// background thread, reconnecting with backoff, and hands messages to the UI thread.
#pragma once
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
#include "client/transport.h"

namespace cb {

class HttpTransport final : public Transport {
public:
    // base_url like "http://127.0.0.1:8080".
    explicit HttpTransport(std::string base_url);
    ~HttpTransport() override;

    void Start() override;
    void Drain(std::vector<TransportMessage>* inbox) override;
    void Resync() override;

private:
    void Run();
    void Push(TransportMessage::Kind kind, std::string data);

    std::string m_base_url;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<TransportMessage> m_queue;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_resync{false};
};

}  // namespace cb
