// Browser transport: the page's EventSource on /api/stream, and fetch() for the session
// requests (credentials 'same-origin': the HttpOnly cb_session cookie goes along by itself,
// also on the EventSource; POSTs carry X-CSRF-Token). Messages arrive in JS callbacks on the
// main thread between frames and wait in the inbox until the frame drains them.
#pragma once
#include <string>
#include <vector>
#include "client/transport.h"

namespace cb {

class WebTransport final : public Transport {
public:
    WebTransport();
    ~WebTransport() override;
    void Start() override;
    void Drain(std::vector<TransportMessage>* inbox) override;
    void Resync() override;
    void StopStream() override;
    void FetchSession() override;
    void Login(std::string body) override;
    void Logout(std::string csrf) override;
    void DemoControl(std::string body, std::string csrf) override;
    void Send(ApiRequest request) override;

    // Called from JS (see web_transport.cpp).
    void Receive(int kind, const char* data);
    void ReceiveAnswer(int kind, int status, int retry_after_s, const char* data);
    void ReceiveApi(int tag, int status, const char* data);
    // The browser gave up on the stream: open a new one unless it was closed on purpose.
    void Reopen();

private:
    std::vector<TransportMessage> m_queue;
    bool m_streaming = false;
};

}  // namespace cb
