// The HTTP front of `callboard`: routes (one file per resource, see routes.h), security
// headers, JSON errors and a thread pool sized for many open live streams (cpp-httplib holds
// one worker per open connection, so the pool is max_streams + api_threads workers).
#pragma once
#include <memory>
#include <span>
#include <string>
#include "server/assets/embedded_assets.h"
#include "server/http/auth_http.h"
#include "server/live/broadcaster.h"
#include "server/base/status.h"

namespace cb {

struct EventApi;
struct DemoApi;
class CallsQuery;
class ReconcileQuery;
class WfmStore;
class ThresholdService;
class AccountAdmin;
class TeamAdmin;
struct RosterApi;
struct QaApi;
class ReportService;
class ReportScheduler;
class AlertService;

struct HttpConfig {
    int max_streams = 1000;   // open /api/stream connections; beyond: 503
    int api_threads = 32;     // workers for everything else
    std::span<const EmbeddedAsset> assets = EmbeddedAssets();  // the web app served at /
    EventApi* events = nullptr;  // POST /api/events settings and target (live/event_sink.h); null = 404
    AuthHttp auth;               // sign-in, sessions, scoping; no service = local mode
    CallsQuery* calls = nullptr; // GET /api/calls reads it; null = 503
    ReconcileQuery* reconcile = nullptr;  // GET /api/reconcile reads it; null = 503
    WfmStore* wfm = nullptr;     // /api/wfm/... (forecast, staffing, special days); null = 503
    DemoApi* demo = nullptr;     // POST /api/demo's target (live/demo_control.h); null = 409
    ThresholdService* thresholds = nullptr;  // /api/thresholds, the stream's thresholds event; null = 503
    AccountAdmin* account_admin = nullptr;   // /api/admin/users; null = 503
    TeamAdmin* team_admin = nullptr;         // /api/admin/teams; null = 503
    RosterApi* roster = nullptr;             // /api/wfm/setup, rosters, breaks, adherence (routes_roster.h); null = 503
    ReportService* reports = nullptr;        // reports, scorecards, incidents (docs/reports.md); null = 503
    ReportScheduler* schedules = nullptr;    // scheduled reports and their files (docs/reports.md); null = 503
    QaApi* qa = nullptr;                     // quality checks (routes_qa.h, docs/qa.md); null = 503
    AlertService* alerts = nullptr;          // alerts, their actions, history and rules (docs/alerts.md); null = 503
    std::string tls_cert;        // PEM files: both set = HTTPS (and Secure cookies)
    std::string tls_key;
};

class HttpServer {
public:
    HttpServer(Broadcaster* broadcaster, HttpConfig config);
    ~HttpServer();

    // Binds and listens on host:port (0 = any free port). Fails with one line, e.g.
    // "cannot listen on 127.0.0.1:8080: Address already in use", or when the TLS
    // certificate or key cannot be loaded.
    Status Bind(const std::string& host, int port);
    int port() const;
    // Serves until Stop(); call after a successful Bind, on its own thread.
    void Run();
    // Stops accepting and ends Run(); safe from any thread. Streams end when the broadcaster
    // shuts down.
    void Stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace cb
