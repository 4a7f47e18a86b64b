#include "server/http/http_server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <functional>
#include <thread>
#include <cstring>
#include "server/base/log.h"
#include "server/http/respond.h"
#include "server/http/routes.h"
#include "server/live/event_sink.h"

namespace cb {
namespace {

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:";

// httplib's bind_to_port reports only true/false; retry the bind ourselves to learn why.
std::string BindFailureReason(const std::string& host, int port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    if (const int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
        return std::string("cannot resolve address (") + gai_strerror(rc) + ")";
    }
    std::string reason = "unknown error";
    for (addrinfo* ai = found; ai; ai = ai->ai_next) {
        const int sock = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (sock < 0) {
            reason = std::strerror(errno);
            continue;
        }
        const int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (bind(sock, ai->ai_addr, ai->ai_addrlen) != 0) reason = std::strerror(errno);
        else if (listen(sock, 1) != 0) reason = std::strerror(errno);
        close(sock);
    }
    freeaddrinfo(found);
    return reason;
}

// httplib closes its listening socket only from stop() while listening; a server that was
// bound but never run (a later start-up step failed) must close it here.
template <typename Base>
class ListeningServer : public Base {
public:
    using Base::Base;
    void CloseListenSocket() {
        const int sock = this->svr_sock_.exchange(INVALID_SOCKET);
        if (sock != INVALID_SOCKET) close(sock);
    }
};

}  // namespace

struct HttpServer::Impl {
    Broadcaster* broadcaster = nullptr;
    HttpConfig config;
    std::unique_ptr<httplib::Server> server;  // ListeningServer<Server> or ListeningServer<SSLServer>
    std::function<void()> close_listen_socket;
    std::string tls_error;                    // the certificate or key could not be loaded
    int port = 0;
    std::atomic<bool> run_entered{false};
    std::atomic<bool> run_done{false};
};

HttpServer::HttpServer(Broadcaster* broadcaster, HttpConfig config) : m_impl(std::make_unique<Impl>()) {
    m_impl->broadcaster = broadcaster;
    m_impl->config = config;
    broadcaster->set_max_streams(config.max_streams);
    if (!config.tls_cert.empty() || !config.tls_key.empty()) {
        auto tls = std::make_unique<ListeningServer<httplib::SSLServer>>(config.tls_cert.c_str(), config.tls_key.c_str());
        if (!tls->is_valid()) {
            m_impl->tls_error = "cannot load the TLS certificate '" + config.tls_cert + "' or key '" + config.tls_key + "'";
        }
        m_impl->close_listen_socket = [raw = tls.get()] { raw->CloseListenSocket(); };
        m_impl->server = std::move(tls);
        m_impl->config.auth.secure_cookies = true;
    } else {
        auto plain = std::make_unique<ListeningServer<httplib::Server>>();
        m_impl->close_listen_socket = [raw = plain.get()] { raw->CloseListenSocket(); };
        m_impl->server = std::move(plain);
    }
    httplib::Server& server = *m_impl->server;

    // One worker per open connection: every stream may hold one, and API requests keep theirs.
    const size_t workers = static_cast<size_t>(config.max_streams) + static_cast<size_t>(config.api_threads);
    server.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
    server.set_tcp_nodelay(true);
    // httplib's default sets SO_REUSEPORT, which lets a second server bind a port that is in
    // use and silently share it. SO_REUSEADDR alone still allows a quick restart.
    server.set_socket_options([](int sock) {
        const int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // POST /api/events takes the big bodies; the JSON API's are small.
    server.set_payload_max_length(config.events ? config.events->max_body_bytes : 64 * 1024);
    server.set_default_headers({
        {"X-Content-Type-Options", "nosniff"},
        {"Content-Security-Policy", kContentSecurityPolicy},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
    });

    const std::span<const EmbeddedAsset> assets = config.assets;
    const AuthHttp auth = m_impl->config.auth;
    server.set_pre_routing_handler([assets, auth](const httplib::Request& req, httplib::Response& res) {
        if (GateRequest(req, res, auth)) return httplib::Server::HandlerResponse::Handled;
        if (req.method == "GET" || req.method == "HEAD") return httplib::Server::HandlerResponse::Unhandled;
        if (!IsKnownPath(req.path, assets)) return httplib::Server::HandlerResponse::Unhandled;  // -> 404
        res.set_header("Allow", "GET, HEAD");
        RespondError(res, 405, "method " + req.method + " not allowed", req.path);
        return httplib::Server::HandlerResponse::Handled;
    });
    server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;  // a handler already explained the error
        const char* message = res.status == 404   ? "not found"
                              : res.status == 413 ? "request body too large"
                              : res.status == 414 ? "request URI too long"
                              : res.status == 400 ? "bad request"
                                                  : "error";
        RespondError(res, res.status, message, req.path);
    });
    server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        LogError("internal error serving " + req.method + " " + req.path);
        RespondError(res, 500, "internal error", req.path);
    });
    // Path only: query strings may carry tokens and are never logged.
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        LogInfo(req.method + " " + req.path + " " + std::to_string(res.status));
    });

    RouteContext context;
    context.broadcaster = broadcaster;
    context.assets = assets;
    context.events = config.events;
    context.started = std::chrono::steady_clock::now();
    context.auth = auth;
    context.calls = config.calls;
    context.reconcile = config.reconcile;
    context.wfm = config.wfm;
    context.demo = config.demo;
    context.thresholds = config.thresholds;
    context.account_admin = config.account_admin;
    context.team_admin = config.team_admin;
    context.roster = config.roster;
    context.reports = config.reports;
    context.schedules = config.schedules;
    context.qa = config.qa;
    context.alerts = config.alerts;
    AddHealthRoutes(server, context);
    AddSnapshotRoutes(server, context);
    AddStreamRoutes(server, context);
    AddEventRoutes(server, context);
    AddAuthRoutes(server, context);
    AddAuditRoutes(server, context);
    AddAgentRoutes(server, context);
    AddCallsRoutes(server, context);
    AddReconcileRoutes(server, context);
    AddWfmRoutes(server, context);
    AddDemoRoutes(server, context);
    AddThresholdRoutes(server, context);
    AddAdminRoutes(server, context);
    AddRosterRoutes(server, context);
    AddQaRoutes(server, context);
    AddReportRoutes(server, context);
    AddScheduleRoutes(server, context);
    AddAlertRoutes(server, context);
    AddAssetRoutes(server, context);
}

HttpServer::~HttpServer() {
    if (!m_impl->run_entered) m_impl->close_listen_socket();
}

Status HttpServer::Bind(const std::string& host, int port) {
    const std::string where = host + ":" + std::to_string(port);
    if (!m_impl->tls_error.empty()) return Status::Error(m_impl->tls_error);
    if (port == 0) {
        const int bound = m_impl->server->bind_to_any_port(host);
        if (bound <= 0) return Status::Error("cannot listen on " + where + ": " + BindFailureReason(host, 0));
        m_impl->port = bound;
        return Status::Ok();
    }
    if (!m_impl->server->bind_to_port(host, port)) {
        return Status::Error("cannot listen on " + where + ": " + BindFailureReason(host, port));
    }
    m_impl->port = port;
    return Status::Ok();
}

int HttpServer::port() const { return m_impl->port; }

void HttpServer::Run() {
    m_impl->run_entered = true;
    m_impl->server->listen_after_bind();  // returns at once if Stop() came first
    m_impl->run_done = true;
}

void HttpServer::Stop() {
    if (!m_impl->run_entered) {
        m_impl->close_listen_socket();
        return;
    }
    // Run() may not have reached its accept loop yet; httplib's stop() only acts once it has.
    for (int i = 0; i < 5000 && !m_impl->server->is_running() && !m_impl->run_done; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    m_impl->server->stop();
}

}  // namespace cb
