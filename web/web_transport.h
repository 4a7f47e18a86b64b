// Browser transport: the page's EventSource on /api/stream. Messages arrive in JS callbacks
// on the main thread between frames and wait in the inbox until the frame drains them.
#pragma once
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

    // Called from JS (see web_transport.cpp).
    void Receive(int kind, const char* data);

private:
    std::vector<TransportMessage> m_queue;
};

}  // namespace cb
