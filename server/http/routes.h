// Route registration, one file per resource. Handlers are thin: they read the broadcaster or
// the embedded assets and format a response; errors use respond.h.
#pragma once
#include <chrono>
#include <span>
#include "server/assets/embedded_assets.h"
#include "server/http/auth_http.h"
#include "server/live/broadcaster.h"

namespace httplib {
class Server;
}

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

struct RouteContext {
    Broadcaster* broadcaster = nullptr;
    EventApi* events = nullptr;  // the event API; null = not enabled
    std::span<const EmbeddedAsset> assets;
    std::chrono::steady_clock::time_point started;
    AuthHttp auth;               // accounts, sessions and scoping (docs/auth.md)
    CallsQuery* calls = nullptr; // recent calls (store_calls_query.h); null = 503
    ReconcileQuery* reconcile = nullptr;  // reconciliation (store_reconcile.h); null = 503
    WfmStore* wfm = nullptr;     // forecast, staffing, special days (store_wfm.h); null = 503
    DemoApi* demo = nullptr;     // the demo's controls (live/demo_control.h); null or no target = 409
    ThresholdService* thresholds = nullptr;  // /api/thresholds and the stream's "thresholds"; null = 503, no event
    AccountAdmin* account_admin = nullptr;   // /api/admin/users; null = 503
    TeamAdmin* team_admin = nullptr;         // /api/admin/teams; null = 503
    RosterApi* roster = nullptr;             // /api/wfm/rosters, breaks, adherence (routes_roster.h); null = 503
    ReportService* reports = nullptr;        // /api/reports..., /api/scorecards..., /api/incidents...; null = 503
    ReportScheduler* schedules = nullptr;    // /api/reports/schedules..., /api/reports/files...; null = 503
    QaApi* qa = nullptr;                     // /api/qa/... (routes_qa.h); null = 503
    AlertService* alerts = nullptr;          // /api/alerts... (docs/alerts.md); null = 503
};

void AddAssetRoutes(httplib::Server& server, const RouteContext& context);     // GET /, /index.html, ...
void AddHealthRoutes(httplib::Server& server, const RouteContext& context);    // GET /healthz, /api/version
void AddSnapshotRoutes(httplib::Server& server, const RouteContext& context);  // GET /api/snapshot
void AddStreamRoutes(httplib::Server& server, const RouteContext& context);    // GET /api/stream
void AddEventRoutes(httplib::Server& server, const RouteContext& context);     // POST /api/events
void AddAuthRoutes(httplib::Server& server, const RouteContext& context);      // POST /api/login, /api/logout, GET /api/session
void AddAuditRoutes(httplib::Server& server, const RouteContext& context);     // GET /api/audit
void AddAgentRoutes(httplib::Server& server, const RouteContext& context);     // GET /api/agents/{key}
void AddCallsRoutes(httplib::Server& server, const RouteContext& context);     // GET /api/calls
void AddReconcileRoutes(httplib::Server& server, const RouteContext& context); // GET /api/reconcile
void AddWfmRoutes(httplib::Server& server, const RouteContext& context);       // /api/wfm/forecast, staffing, special-days
void AddDemoRoutes(httplib::Server& server, const RouteContext& context);      // POST /api/demo
void AddThresholdRoutes(httplib::Server& server, const RouteContext& context); // /api/thresholds...
void AddAdminRoutes(httplib::Server& server, const RouteContext& context);     // /api/admin/users..., /api/admin/teams...
void AddRosterRoutes(httplib::Server& server, const RouteContext& context);    // /api/wfm/setup, rosters, breaks, adherence...
void AddReportRoutes(httplib::Server& server, const RouteContext& context);    // /api/reports..., /api/scorecards..., /api/incidents...
void AddScheduleRoutes(httplib::Server& server, const RouteContext& context);  // /api/reports/schedules..., /api/reports/files...
void AddQaRoutes(httplib::Server& server, const RouteContext& context);        // /api/qa/forms, evaluations, report, calibrations, agreement
void AddAlertRoutes(httplib::Server& server, const RouteContext& context);     // /api/alerts, /api/alerts/{ack,snooze,resolve}, history, rules

// True when `path` is served by some route (for 405 versus 404).
bool IsKnownPath(std::string_view path, std::span<const EmbeddedAsset> assets);

}  // namespace cb
