// How a front-end reaches a Callboard server: one small interface, implemented natively with
// cpp-httplib (desktop) and with EventSource in the browser (web/). Messages arrive on a
// background thread or a JS callback and wait in an inbox the UI thread drains at the top of
// each frame, so views never see concurrency.
#pragma once
#include <string>
#include <vector>

namespace cb {

struct TransportMessage {
    enum class Kind { Connected, Disconnected, Snapshot, Delta };
    Kind kind = Kind::Connected;
    std::string data;        // JSON for Snapshot/Delta; a reason for Disconnected
    int64_t received_wall_ms = 0;
};

class Transport {
public:
    virtual ~Transport() = default;
    // Starts streaming from the server (reconnecting by itself until destroyed).
    virtual void Start() = 0;
    // Moves every message received since the last call into *inbox (UI thread only).
    virtual void Drain(std::vector<TransportMessage>* inbox) = 0;
    // Drops the current stream and reconnects, so the next message is a full snapshot.
    virtual void Resync() = 0;
};

}  // namespace cb
