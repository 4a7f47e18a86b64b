// `callboard serve`: wires the store, the live source, the broadcaster and the HTTP server.
// ServeApp is what main() and the in-process tests run; RunServe adds signal handling.
// With a configuration naming a real source (event API token or queue_log file) it runs the
// IngestSource on a real-data database; otherwise the demo.
#pragma once
#include <memory>
#include <thread>
#include "server/admin/account_admin.h"
#include "server/admin/report_service.h"
#include "server/admin/team_admin.h"
#include "server/export/alert_service.h"
#include "server/export/report_schedule.h"
#include "server/store/store_schedules.h"
#include <condition_variable>
#include <mutex>
#include "server/admin/threshold_service.h"
#include "server/auth/auth_service.h"
#include "server/cli/options.h"
#include "server/config/config.h"
#include "server/live/event_sink.h"
#include "server/http/http_server.h"
#include "server/live/broadcaster.h"
#include "server/live/demo_control.h"
#include "server/live/live_source.h"
#include "server/store/store.h"
#include "server/store/store_accounts.h"
#include "server/store/store_admin.h"
#include "server/store/store_calls_query.h"
#include "server/store/store_reconcile.h"
#include "server/store/store_reports.h"
#include "server/http/routes_qa.h"
#include "server/http/routes_roster.h"
#include "server/store/store_qa.h"
#include "server/store/store_roster.h"
#include "server/store/store_wfm.h"

namespace cb {

class ServeApp {
public:
    ServeApp();
    ~ServeApp();  // Stop()s

    // Opens the database, binds the port, starts the live source and the HTTP thread.
    // On failure nothing keeps running and the Status is the one line to print.
    Status Start(const ServeOptions& options, HttpConfig http = HttpConfig());
    int port() const;
    Broadcaster& broadcaster() { return m_broadcaster; }
    // "demo:<scenario>", "api" or "queue_log" once started.
    std::string source_name() const { return m_source ? m_source->name() : std::string(); }
    // Stops the live source, ends the streams, stops HTTP and closes the database.
    void Stop();

private:
    Broadcaster m_broadcaster;
    EventApi m_event_api;
    DemoApi m_demo_api;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<SqliteAccountStore> m_accounts;
    CallsQuery m_calls;  // GET /api/calls; opened with the database in Start
    ReconcileQuery m_reconcile;  // GET /api/reconcile; opened with the database in Start
    WfmStore m_wfm;              // /api/wfm/...; opened with the database in Start
    AuthService m_auth{nullptr, WallClockMs};  // store attached in Start, before serving
    std::unique_ptr<SqliteAdminStore> m_admin_store;
    RosterApi m_roster_api;                 // /api/wfm/setup, rosters, breaks, adherence; its store attached in Start
    std::unique_ptr<RosterStore> m_roster_store;
    QaApi m_qa_api;                         // /api/qa/...; its store attached in Start
    std::unique_ptr<QaStore> m_qa_store;
    ThresholdService m_thresholds{&m_broadcaster, WallClockMs};  // the admin store attached in Start
    AccountAdmin m_account_admin{WallClockMs};
    TeamAdmin m_team_admin{WallClockMs};
    ReportStore m_report_store;  // reports' reads, saved reports, notes; opened with the database in Start
    ReportService m_reports{WallClockMs};
    ScheduleStore m_schedule_store;  // scheduled reports; opened with the database in Start
    std::unique_ptr<ReportScheduler> m_scheduler;
    std::thread m_schedule_thread;   // writes due scheduled reports every 30 s
    std::mutex m_schedule_mutex;
    std::condition_variable m_schedule_wake;
    bool m_schedule_stop = false;
    bool m_schedule_poke = false;
    AlertStore m_alert_store;        // alert rules and history; opened with the database in Start
    std::unique_ptr<AlertNotifier> m_alert_notifier;  // webhook and mail (alerts in the configuration)
    std::unique_ptr<AlertService> m_alerts;
    std::thread m_alert_thread;      // evaluates the alert rules every second
    std::unique_ptr<LiveSource> m_source;
    std::unique_ptr<HttpServer> m_http;
    std::thread m_http_thread;
};

// Runs until SIGINT or SIGTERM; returns the process exit code (0 after a clean stop, 1 when
// it could not start). Blocks those signals in the calling thread and all threads it starts.
int RunServe(const ServeOptions& options);

}  // namespace cb
