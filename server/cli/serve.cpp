#include "server/cli/serve.h"

#include <csignal>
#include <pthread.h>
#include <sys/resource.h>
#include "server/base/log.h"
#include "server/live/demo_source.h"
#include "server/live/ingest_source.h"

namespace cb {
namespace {

bool IsLoopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

}  // namespace

ServeApp::ServeApp() = default;
ServeApp::~ServeApp() { Stop(); }

Status ServeApp::Start(const ServeOptions& options, HttpConfig http) {
    Scenario scenario;
    if (!ParseScenario(options.demo, &scenario)) return Status::Error("unknown demo scenario '" + options.demo + "'");
    Config config;
    if (!options.config.empty()) {
        Result<Config> loaded = LoadConfig(options.config);
        if (!loaded.ok()) return loaded.status();
        config = std::move(loaded.value());
    }
    // A database of real data served with no live source configured shows its history (and an
    // empty live floor) rather than being refused or mixed with simulated data.
    const bool real = config.has_real_source() ||
                      (!options.demo_given && Store::StoredDataKind(options.db) == DataKind::Real);
    if (real && options.demo_given) {
        return Status::Error("--demo cannot run with the real source configured in '" + options.config +
                             "' (remove --demo, or ingest_token and queue_log.follow)");
    }
    if (config.api_enabled) {
        m_event_api.token = config.ingest_token;
        http.events = &m_event_api;
    }

    http.max_streams = options.max_streams;
    http.api_threads = options.api_threads;
    if (options.tls_cert.empty() != options.tls_key.empty()) {
        return Status::Error("--tls-cert and --tls-key go together: give both for HTTPS, or neither");
    }
    http.tls_cert = options.tls_cert;
    http.tls_key = options.tls_key;
    http.auth.service = &m_auth;
    http.auth.trust_proxy = options.trust_proxy;
    http.calls = &m_calls;
    http.reconcile = &m_reconcile;
    http.wfm = &m_wfm;
    http.demo = &m_demo_api;
    http.thresholds = &m_thresholds;
    http.account_admin = &m_account_admin;
    http.team_admin = &m_team_admin;
    http.roster = &m_roster_api;
    http.qa = &m_qa_api;
    http.reports = &m_reports;
    m_scheduler = std::make_unique<ReportScheduler>(&m_reports, &m_schedule_store, config.reports_folder, config.smtp, WallClockMs);
    http.schedules = m_scheduler.get();
    m_alert_notifier = std::make_unique<AlertNotifier>(config.alerts, config.smtp);
    m_alerts = std::make_unique<AlertService>(&m_alert_store, &m_broadcaster, m_alert_notifier.get(), WallClockMs);
    http.alerts = m_alerts.get();
    m_http = std::make_unique<HttpServer>(&m_broadcaster, http);
    if (Status status = m_http->Bind(options.bind, options.port); !status.ok()) {
        m_http.reset();
        return status;
    }
    // After the bind, so a port in use leaves no database file behind.
    Result<std::unique_ptr<Store>> store = Store::Open(options.db, real ? DataKind::Real : DataKind::Demo);
    if (!store.ok()) {
        m_http.reset();
        return store.status();
    }
    m_store = std::move(store.value());
    Result<std::unique_ptr<SqliteAccountStore>> accounts = SqliteAccountStore::Open(options.db);
    if (!accounts.ok()) {
        m_http.reset();
        m_store.reset();
        return accounts.status();
    }
    m_accounts = std::move(accounts.value());
    Status opened = m_calls.Open(options.db);
    if (opened.ok()) opened = m_reconcile.Open(options.db);
    if (opened.ok()) opened = m_wfm.Open(options.db);
    if (!opened.ok()) {
        m_http.reset();
        m_store.reset();
        m_accounts.reset();
        m_calls.Close();
        m_reconcile.Close();
        return opened;
    }
    if (Status status = m_report_store.Open(options.db); !status.ok()) {
        m_http.reset();
        m_store.reset();
        m_accounts.reset();
        m_calls.Close();
        return status;
    }
    if (Status status = m_alert_store.Open(options.db); !status.ok()) {
        m_http.reset();
        m_store.reset();
        m_accounts.reset();
        m_calls.Close();
        return status;
    }
    if (Status status = m_schedule_store.Open(options.db); !status.ok()) {
        m_http.reset();
        m_store.reset();
        m_accounts.reset();
        m_calls.Close();
        return status;
    }
    // Reports cut days as the store counts them: the configuration's zone and interval length.
    m_reports.Attach(&m_report_store, config.Zone(), config.interval_minutes);
    m_auth.AttachStore(m_accounts.get());
    Result<std::unique_ptr<SqliteAdminStore>> admin = SqliteAdminStore::Open(options.db);
    Status attached = admin.ok() ? m_thresholds.Attach(admin.value().get()) : admin.status();
    if (!attached.ok()) {
        m_http.reset();
        m_store.reset();
        m_accounts.reset();
        m_calls.Close();
        m_reconcile.Close();
        m_wfm.Close();
        return attached;
    }
    m_admin_store = std::move(admin.value());
    SqliteAdminStore* admin_store = m_admin_store.get();
    m_account_admin.Attach(m_accounts.get(), [admin_store]() -> Result<std::vector<std::string>> {
        Result<std::vector<TeamRecord>> teams = admin_store->ListTeams();
        if (!teams.ok()) return teams.status();
        std::vector<std::string> keys;
        for (const TeamRecord& t : teams.value()) keys.push_back(t.key);
        return keys;
    });
    // Local mode (no admin account) serves this machine only.
    Result<int64_t> admins = m_accounts->CountActiveAdmins();
    if (!IsLoopback(options.bind) && (!admins.ok() || admins.value() == 0)) {
        m_http.reset();
        m_store.reset();
        m_accounts.reset();
        return Status::Error("refusing to serve on " + options.bind +
                             " with no admin account: anyone on the network could see the dashboard. "
                             "Create one with 'callboard user add NAME --role admin --db " + options.db +
                             "', or serve on 127.0.0.1");
    }

    IngestSource* ingest = nullptr;
    DemoSource* demo_source = nullptr;
    if (real) {
        auto source = std::make_unique<IngestSource>(config, m_store.get(), &m_broadcaster);
        ingest = source.get();
        m_source = std::move(source);
    } else {
        DemoSourceConfig demo;
        demo.demo.scenario = scenario;
        demo.demo.seed = options.seed;
        demo.demo.speed = options.speed;
        auto source = std::make_unique<DemoSource>(demo, m_store.get(), &m_broadcaster);
        demo_source = source.get();
        m_source = std::move(source);
    }
    if (Status status = m_source->Start(); !status.ok()) {
        m_source.reset();
        m_http.reset();
        m_store.reset();
        return status;
    }
    if (ingest && config.api_enabled) m_event_api.sink.store(ingest);
    if (demo_source) m_demo_api.target.store(demo_source);
    // A team's names have one owner: the configuration file, the simulator, or the
    // administration page (docs/api.md, "Administration").
    TeamOwners owners;
    if (real) {
        for (const QueueLogTeamMap& t : config.teams) owners.config.push_back(t.key);
    } else if (std::shared_ptr<const Publication> first = m_broadcaster.Current()) {
        for (const TeamInfo& t : first->snapshot().directory.teams) owners.simulated.push_back(t.key);
    }
    m_team_admin.Attach(m_admin_store.get(), m_accounts.get(), ingest, std::move(owners));
    m_schedule_stop = false;
    m_schedule_poke = false;
    m_scheduler->SetOnChange([this] {
        std::lock_guard<std::mutex> lock(m_schedule_mutex);
        m_schedule_poke = true;
        m_schedule_wake.notify_all();
    });
    Result<std::unique_ptr<RosterStore>> roster_store = RosterStore::Open(options.db);
    if (!roster_store.ok()) {
        Stop();
        return roster_store.status();
    }
    m_roster_store = std::move(roster_store.value());
    m_roster_api.store.store(m_roster_store.get());
    // Scorecards' adherence: the published rosters against the agents' states, up to now (the
    // reports' clock), with the default exception threshold.
    m_reports.SetAdherenceReader([store = m_roster_store.get(), zone = config.Zone()](const std::string& agent, const CivilDate& from,
                                                                                    const CivilDate& to) {
        return store->AgentAdherence(agent, FormatCivilDate(from), FormatCivilDate(to), zone, wfm::AdherenceOptions{}, WallClockMs());
    });
    Result<std::unique_ptr<QaStore>> qa_store = QaStore::Open(options.db);
    if (!qa_store.ok()) {
        Stop();
        return qa_store.status();
    }
    m_qa_store = std::move(qa_store.value());
    m_qa_api.store.store(m_qa_store.get());
    m_reports.AttachQa(m_qa_store.get());
    if (Status status = m_alerts->Load(); !status.ok()) {
        Stop();
        return status;
    }
    m_http_thread = std::thread([this] { m_http->Run(); });
    // Alerts: every rule evaluated once a second from the live snapshot, the same for every screen.
    m_alert_thread = std::thread([this] {
        std::unique_lock<std::mutex> lock(m_schedule_mutex);
        while (!m_schedule_stop) {
            lock.unlock();
            m_alerts->Tick();
            lock.lock();
            m_schedule_wake.wait_for(lock, std::chrono::seconds(1), [this] { return m_schedule_stop; });
        }
    });
    // Scheduled reports: every 30 s, the reports that are due on the server's clock, and at once
    // after a schedule is added or changed.
    m_schedule_thread = std::thread([this] {
        std::unique_lock<std::mutex> lock(m_schedule_mutex);
        while (!m_schedule_stop) {
            lock.unlock();
            m_scheduler->Tick();
            lock.lock();
            m_schedule_wake.wait_for(lock, std::chrono::seconds(30), [this] { return m_schedule_stop || m_schedule_poke; });
            m_schedule_poke = false;
        }
    });
    return Status::Ok();
}

int ServeApp::port() const { return m_http ? m_http->port() : 0; }

void ServeApp::Stop() {
    // New event requests get 503; one already inside SubmitEvents finishes before the HTTP
    // thread joins, and the source object lives until after that.
    {
        std::lock_guard<std::mutex> lock(m_schedule_mutex);
        m_schedule_stop = true;
    }
    m_schedule_wake.notify_all();
    if (m_schedule_thread.joinable()) m_schedule_thread.join();
    if (m_alert_thread.joinable()) m_alert_thread.join();
    if (m_alert_notifier) m_alert_notifier->Stop();
    m_event_api.sink.store(nullptr);
    m_demo_api.target.store(nullptr);
    if (m_source) m_source->Stop();
    m_broadcaster.Shutdown();
    if (m_http) m_http->Stop();
    if (m_http_thread.joinable()) m_http_thread.join();
    m_source.reset();
    m_http.reset();
    m_team_admin.Attach(nullptr, nullptr, nullptr, {});
    m_thresholds.Detach();
    m_account_admin.Attach(nullptr, {});
    m_reports.Detach();
    m_reports.SetAdherenceReader({});
    m_report_store.Close();
    m_admin_store.reset();
    m_roster_api.store.store(nullptr);
    m_roster_store.reset();
    m_qa_api.store.store(nullptr);
    m_qa_store.reset();
    m_accounts.reset();
    m_calls.Close();
    m_reconcile.Close();
    m_wfm.Close();
    m_store.reset();  // closes the database (WAL checkpointed by SQLite on close)
}

int RunServe(const ServeOptions& options) {
    // Signals are taken synchronously by this thread only (sigwait), never by a worker.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    // Each open stream is a socket: allow as many descriptors as the hard limit permits.
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }

    ServeApp app;
    if (Status status = app.Start(options); !status.ok()) {
        LogError(status.message());
        return 1;
    }
    const std::string source = app.source_name();
    const std::string what = source.rfind("demo:", 0) == 0
                                 ? "demo " + options.demo + ", speed " + std::to_string(options.speed) + "x"
                                 : "real data from " + source;
    LogInfo(std::string("callboard " CALLBOARD_VERSION " serving ") + (options.tls_cert.empty() ? "http://" : "https://") + options.bind + ":" + std::to_string(app.port()) +
            " (" + what + ", database " + options.db + ")");

    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    LogInfo(std::string("received ") + (signal_number == SIGINT ? "SIGINT" : "SIGTERM") + ", stopping");
    app.Stop();
    LogInfo("stopped");
    return 0;
}

}  // namespace cb
