// WebTransport (web_transport.h): EventSource and fetch through EM_JS. EventSource reconnects by itself
// after a network error; when the browser gives up (readyState CLOSED) we open a new one.
#include "web_transport.h"

#include <emscripten.h>
#include <algorithm>
#include <string>
#include "platform_web.h"

namespace cb {
namespace {
WebTransport* g_transport = nullptr;  // the one transport JS callbacks reach
}

// kinds: 0 connected, 1 disconnected, 2 snapshot, 3 delta, 4 thresholds
EM_JS(void, cb_stream_open, (), {
    if (Module.cbStream) { Module.cbStream.close(); }
    if (Module.cbRetry) { clearTimeout(Module.cbRetry); Module.cbRetry = 0; }
    function deliver(kind, text) {
        var len = lengthBytesUTF8(text) + 1;
        var ptr = _malloc(len);
        stringToUTF8(text, ptr, len);
        Module._cb_stream_receive(kind, ptr);
        _free(ptr);
    }
    var es = new EventSource('api/stream');
    Module.cbStream = es;
    es.onopen = function () { deliver(0, ""); };
    es.addEventListener('snapshot', function (e) { deliver(2, e.data); });
    es.addEventListener('delta', function (e) { deliver(3, e.data); });
    es.addEventListener('thresholds', function (e) { deliver(4, e.data); });
    es.onerror = function () {
        deliver(1, 'stream error');
        if (es.readyState === 2) {  // CLOSED: the browser will not retry this one
            Module.cbRetry = setTimeout(function () { Module._cb_stream_reopen(); }, 2000);
        }
    };
});

EM_JS(void, cb_stream_close, (), {
    if (Module.cbRetry) { clearTimeout(Module.cbRetry); Module.cbRetry = 0; }
    if (Module.cbStream) { Module.cbStream.close(); Module.cbStream = null; }
});

// A session request; the answer (status 0 when the server could not be reached) goes to
// cb_answer_receive with the request's kind.
EM_JS(void, cb_js_request, (int kind, const char* method, const char* path, const char* body, const char* csrf), {
    var m = UTF8ToString(method);
    var c = UTF8ToString(csrf);
    var init = { method: m, credentials: 'same-origin', cache: 'no-store', headers: {} };
    if (m !== 'GET') { init.headers['Content-Type'] = 'application/json'; init.body = UTF8ToString(body); }
    if (c) init.headers['X-CSRF-Token'] = c;
    function deliver(status, retry, text) {
        var len = lengthBytesUTF8(text) + 1;
        var ptr = _malloc(len);
        stringToUTF8(text, ptr, len);
        Module._cb_answer_receive(kind, status, retry, ptr);
        _free(ptr);
    }
    fetch(UTF8ToString(path), init).then(function (r) {
        var retry = parseInt(r.headers.get('Retry-After') || '0', 10) || 0;
        return r.text().then(function (t) { deliver(r.status, retry, t); });
    }).catch(function () { deliver(0, 0, String()); });
});

// An API request (thresholds, administration); the answer goes to cb_api_receive with the
// request's tag (status 0 when the server could not be reached).
EM_JS(void, cb_js_api, (int tag, const char* method, const char* path, const char* body, const char* csrf), {
    var m = UTF8ToString(method);
    var b = UTF8ToString(body);
    var c = UTF8ToString(csrf);
    var init = { method: m, credentials: 'same-origin', cache: 'no-store', headers: {} };
    if (b) { init.headers['Content-Type'] = 'application/json'; init.body = b; }
    if (c) init.headers['X-CSRF-Token'] = c;
    function deliver(status, text) {
        var len = lengthBytesUTF8(text) + 1;
        var ptr = _malloc(len);
        stringToUTF8(text, ptr, len);
        Module._cb_api_receive(tag, status, ptr);
        _free(ptr);
    }
    fetch(UTF8ToString(path), init).then(function (r) {
        return r.text().then(function (t) { deliver(r.status, t); });
    }).catch(function () { deliver(0, String()); });
});

WebTransport::WebTransport() { g_transport = this; }
WebTransport::~WebTransport() {
    cb_stream_close();
    g_transport = nullptr;
}
void WebTransport::Start() {
    m_streaming = true;
    cb_stream_open();
}
void WebTransport::Resync() {
    if (m_streaming) cb_stream_open();
}
void WebTransport::Reopen() { Resync(); }
void WebTransport::StopStream() {
    m_streaming = false;
    cb_stream_close();
}

void WebTransport::FetchSession() { cb_js_request(int(TransportMessage::Kind::Session), "GET", "api/session", "", ""); }
void WebTransport::Login(std::string body) {
    cb_js_request(int(TransportMessage::Kind::Login), "POST", "api/login", body.c_str(), "");
}
void WebTransport::Logout(std::string csrf) {
    cb_js_request(int(TransportMessage::Kind::Logout), "POST", "api/logout", "{}", csrf.c_str());
}

void WebTransport::DemoControl(std::string body, std::string csrf) {
    cb_js_request(int(TransportMessage::Kind::DemoControl), "POST", "api/demo", body.c_str(), csrf.c_str());
}

void WebTransport::Send(ApiRequest request) {
    cb_js_api(request.tag, request.method.c_str(), request.path.c_str(), request.body.c_str(), request.csrf.c_str());
}

void WebTransport::ReceiveApi(int tag, int status, const char* data) {
    TransportMessage m{TransportMessage::Kind::Api, data ? std::string(data) : std::string(), WebNowMs(), status, 0};
    m.tag = tag;
    m_queue.push_back(std::move(m));
}

void WebTransport::ReceiveAnswer(int kind, int status, int retry_after_s, const char* data) {
    using K = TransportMessage::Kind;
    if (kind != int(K::Session) && kind != int(K::Login) && kind != int(K::Logout) && kind != int(K::DemoControl)) return;
    m_queue.push_back({static_cast<K>(kind), data ? std::string(data) : std::string(), WebNowMs(), status, retry_after_s});
}

void WebTransport::Drain(std::vector<TransportMessage>* inbox) {
    for (auto& m : m_queue) inbox->push_back(std::move(m));
    m_queue.clear();
}

void WebTransport::Receive(int kind, const char* data) {
    using K = TransportMessage::Kind;
    K k = kind == 0   ? K::Connected
          : kind == 1 ? K::Disconnected
          : kind == 2 ? K::Snapshot
          : kind == 3 ? K::Delta
                      : K::Thresholds;
    if (k == K::Snapshot)  // a full snapshot makes queued data moot
        m_queue.erase(std::remove_if(m_queue.begin(), m_queue.end(),
                                     [](const TransportMessage& m) { return m.kind == K::Snapshot || m.kind == K::Delta; }),
                      m_queue.end());
    if (!m_streaming) return;  // a callback of a stream closed on purpose
    m_queue.push_back({k, data ? std::string(data) : std::string(), WebNowMs()});
}

}  // namespace cb

extern "C" {
EMSCRIPTEN_KEEPALIVE void cb_stream_receive(int kind, const char* data) {
    if (cb::g_transport) cb::g_transport->Receive(kind, data);
}
EMSCRIPTEN_KEEPALIVE void cb_stream_reopen() {
    if (cb::g_transport) cb::g_transport->Reopen();
}
EMSCRIPTEN_KEEPALIVE void cb_api_receive(int tag, int status, const char* data) {
    if (cb::g_transport) cb::g_transport->ReceiveApi(tag, status, data);
}
EMSCRIPTEN_KEEPALIVE void cb_answer_receive(int kind, int status, int retry_after_s, const char* data) {
    if (cb::g_transport) cb::g_transport->ReceiveAnswer(kind, status, retry_after_s, data);
}
}
