// How a front-end reaches a Callboard server: one small interface, implemented natively with
// cpp-httplib (desktop) and with fetch/EventSource in the browser (web/). Messages arrive on a
// background thread or a JS callback and wait in an inbox the UI thread drains at the top of
// each frame, so views never see concurrency.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace cb {

struct TransportMessage {
    // Connected, Disconnected, Snapshot, Delta: the live stream.
    // Session, Login, Logout: the answer of FetchSession, Login, Logout (docs/auth.md).
    // DemoControl: the answer of DemoControl (POST /api/demo).
    // Thresholds: the stream's "thresholds" event (core/thresholds_doc.h, docs/api.md).
    // Api: the answer of Send (tag says to which request).
    enum class Kind { Connected, Disconnected, Snapshot, Delta, Session, Login, Logout, DemoControl, Thresholds, Api };
    Kind kind = Kind::Connected;
    std::string data;        // JSON for Snapshot/Delta and answers; a reason for Disconnected
    int64_t received_wall_ms = 0;
    // Answers: the HTTP status, 0 when the server could not be reached. Disconnected: the
    // stream's HTTP status when the platform can tell (401: signed out), else 0.
    int status = 0;
    int retry_after_s = 0;   // Retry-After of a 429 answer, seconds
    int tag = 0;             // Api: the tag of the request answered
};

// A request to the server's JSON API (thresholds, administration; docs/api.md).
struct ApiRequest {
    std::string method;      // GET, POST, PUT, PATCH or DELETE
    std::string path;        // relative to the server's root, e.g. "api/thresholds/center"
    std::string body;        // JSON; empty for none
    std::string csrf;        // X-CSRF-Token for a cookie session (the browser); Bearer needs none
    int tag = 0;             // handed back with the answer
};

class Transport {
public:
    virtual ~Transport() = default;
    // Starts streaming from the server (reconnecting by itself until StopStream or destroyed).
    // May be called again after StopStream.
    virtual void Start() = 0;
    // Moves every message received since the last call into *inbox (UI thread only).
    virtual void Drain(std::vector<TransportMessage>* inbox) = 0;
    // Drops the current stream and reconnects, so the next message is a full snapshot.
    virtual void Resync() = 0;
    // Closes the stream and stops reconnecting (signed out).
    virtual void StopStream() = 0;

    // Session requests. Each is answered by exactly one message of the matching kind, in order.
    // GET /api/session -> Kind::Session.
    virtual void FetchSession() = 0;
    // POST /api/login with a JSON body (session.h builds it) -> Kind::Login. A desktop
    // transport keeps the token of a successful answer and sends it from then on.
    virtual void Login(std::string body) = 0;
    // POST /api/logout (X-CSRF-Token: csrf when authenticated by a cookie) -> Kind::Logout.
    // The transport forgets its credentials at once, whatever the answer.
    virtual void Logout(std::string csrf) = 0;
    // POST /api/demo with a JSON body (core/demo_run.h builds it; X-CSRF-Token: csrf when
    // authenticated by a cookie) -> Kind::DemoControl. The server's demo then moves every stream.
    virtual void DemoControl(std::string body, std::string csrf) = 0;
    // Sends an API request with the session's credentials -> one Kind::Api message with the
    // request's tag, the HTTP status (0: unreachable) and the body. Answers come in order.
    virtual void Send(ApiRequest request) = 0;
};

}  // namespace cb
