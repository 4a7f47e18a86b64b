#include <ctime>
#include "server_test_util.h"

#include <doctest/doctest.h>

#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include "core/sim/simulator.h"
#include "server/ingest/queue_log_writer.h"
#include "server/store/sqlite_db.h"

namespace cbtest {

cb::StoredEvent Ev(const std::string& key, cb::EventKind kind, int64_t t_ms, uint64_t call, uint32_t agent,
                   uint16_t queue) {
    cb::Event e;
    e.kind = kind;
    e.t_ms = t_ms;
    e.call = call;
    e.agent = agent;
    e.queue = queue;
    return {key, e};
}

SmallCenterStore OpenSmallCenterStore(const std::string& path, int32_t tz_offset_min) {
    SmallCenterStore out;
    auto opened = cb::Store::Open(path, cb::DataKind::Real);
    REQUIRE(opened.ok());
    out.store = std::move(opened.value());
    out.store->SetDerivedConfig({15, tz_offset_min});
    out.directory = SmallCenter(1).directory;
    REQUIRE(out.store->SaveDirectory(out.directory).ok());
    return out;
}

std::vector<cb::Event> MapQueueLogText(cb::QueueLogMapper& mapper, std::string_view text, bool finish) {
    std::vector<cb::Event> out;
    size_t start = 0;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        mapper.MapLine(text.substr(start, nl - start), &out);
        start = nl + 1;
    }
    if (finish) mapper.Finish(&out);
    return out;
}

size_t WriteSimulatedQueueLog(const std::string& path, int hours) {
    cb::SimConfig sim_config;
    sim_config.teams = 20;
    sim_config.agents_per_team = 15;
    cb::Simulator sim(sim_config);
    cb::QueueLogWriter writer(sim.directory());
    std::vector<cb::Event> events;
    sim.RunUntil(sim.now_ms() + static_cast<int64_t>(hours) * 3600000, &events);
    std::string text;
    size_t lines = 0;
    for (const cb::Event& e : events) lines += static_cast<size_t>(writer.Write(e, &text));
    std::ofstream(path, std::ios::binary) << text;
    return lines;
}

std::string Query(const std::string& path, const std::string& sql, int columns) {
    cb::sql::Db db;
    REQUIRE(db.Open(path).ok());
    cb::sql::Statement s;
    REQUIRE(db.Prepare(sql, &s).ok());
    const int n = columns < 0 ? s.ColumnCount() : columns;
    std::string out;
    bool has_row = false;
    while (s.Step(&has_row) && has_row) {
        for (int i = 0; i < n; ++i) {
            if (i) out += "|";
            out += s.ColumnIsNull(i) ? std::string("null") : s.ColumnText(i);
        }
        out += "\n";
    }
    return out;
}

std::string DumpTable(const std::string& path, const std::string& table, const std::string& columns,
                      const std::string& order_by) {
    return Query(path, "SELECT " + columns + " FROM " + table + " ORDER BY " + order_by);
}

void CreateV1Database(const std::string& path) {
    cb::sql::Db db;
    REQUIRE(db.Open(path).ok());
    REQUIRE(db.Exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);"
                    "INSERT INTO schema_version VALUES (1, 0);"
                    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                    "INSERT INTO meta VALUES ('data_kind', 'real');"
                    "CREATE TABLE events (id INTEGER PRIMARY KEY, source TEXT NOT NULL, idem_key TEXT NOT NULL,"
                    " t_ms INTEGER NOT NULL, kind TEXT NOT NULL, call INTEGER, agent TEXT, queue TEXT, reason TEXT,"
                    " exit_reason TEXT, outcome TEXT, target_queue TEXT, wait_ms INTEGER, ring_ms INTEGER,"
                    " value_cents INTEGER, inserted_at INTEGER NOT NULL, UNIQUE (source, idem_key));"
                    "CREATE INDEX events_by_time ON events (t_ms);"
                    "CREATE TABLE queues (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name_en TEXT NOT NULL,"
                    " name_zh TEXT NOT NULL, sl_variant TEXT NOT NULL, sl_threshold_s INTEGER NOT NULL,"
                    " sl_target REAL NOT NULL, short_abandon_s INTEGER NOT NULL);"
                    "CREATE TABLE teams (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name_en TEXT NOT NULL,"
                    " name_zh TEXT NOT NULL, lead_key TEXT);"
                    "CREATE TABLE agents (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name_en TEXT NOT NULL,"
                    " name_zh TEXT NOT NULL, team_id INTEGER NOT NULL REFERENCES teams (id), seat_row INTEGER NOT NULL,"
                    " seat_col INTEGER NOT NULL, tenure_months INTEGER NOT NULL, skills INTEGER NOT NULL);")
                .ok());
}

cb::Snapshot SmallCenter(uint64_t version) {
    cb::Snapshot s;
    s.version = version;
    s.now_ms = 1767585600000 + static_cast<int64_t>(version) * 1000;
    s.tz_offset_min = 480;
    s.interval_minutes = 15;
    s.day_start_ms = 1767542400000;
    s.source = "test";
    s.directory.queues.push_back({"orders", "Orders", "订单", {cb::SlVariant::AnsweredOverOffered, 20, 0.8, 5}});
    s.directory.teams.push_back({"a", "Team A", "一组", 0});
    s.directory.agents.push_back({"1001", "Wang Fang", "王芳", 0, 0, 1, 14, 1});
    s.directory.agents.push_back({"1002", "Li Na", "李娜", 0, 0, 2, 2, 1});
    s.queues.resize(1);
    s.queues[0].waiting = static_cast<int32_t>(version);
    s.teams.resize(1);
    s.agents.resize(2);
    s.agents[0].state = cb::AgentState::Available;
    s.agents[1].state = version % 2 ? cb::AgentState::OnCall : cb::AgentState::WrapUp;
    s.intervals.resize(1);
    return s;
}

TempDir::TempDir() {
    char tmpl[] = "/tmp/cb_server_test_XXXXXX";
    m_path = mkdtemp(tmpl);
}

TempDir::~TempDir() {
    const std::string command = "rm -rf '" + m_path + "'";
    if (std::system(command.c_str()) != 0) {
        // best effort
    }
}

std::vector<std::string> TempDir::List() const {
    std::vector<std::string> names;
    if (DIR* dir = opendir(m_path.c_str())) {
        while (dirent* entry = readdir(dir)) {
            const std::string name = entry->d_name;
            if (name != "." && name != "..") names.push_back(name);
        }
        closedir(dir);
    }
    std::sort(names.begin(), names.end());
    return names;
}

int FreePort() {
    const int sock = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len);
    close(sock);
    return ntohs(addr.sin_port);
}

Child::Child(const std::string& program, const std::vector<std::string>& args, const std::string& cwd) {
    char tmpl[] = "/tmp/cb_child_stderr_XXXXXX";
    const int fd = mkstemp(tmpl);
    m_stderr_path = tmpl;
    m_pid = fork();
    if (m_pid == 0) {
        dup2(fd, 2);
        const int null_fd = open("/dev/null", O_RDWR);
        dup2(null_fd, 0);
        dup2(null_fd, 1);
        if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(program.c_str()));
        for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(program.c_str(), argv.data());
        _exit(127);
    }
    close(fd);
}

Child::~Child() {
    if (running()) {
        kill(m_pid, SIGKILL);
        waitpid(m_pid, &m_status, 0);
    }
    unlink(m_stderr_path.c_str());
}

bool Child::running() {
    if (m_exited || m_pid <= 0) return false;
    if (waitpid(m_pid, &m_status, WNOHANG) == m_pid) m_exited = true;
    return !m_exited;
}

int Child::Wait(int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (running()) {
        if (std::chrono::steady_clock::now() > deadline) return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (WIFEXITED(m_status)) return WEXITSTATUS(m_status);
    return -WTERMSIG(m_status);
}

void Child::Signal(int signal_number) {
    if (running()) kill(m_pid, signal_number);
}

std::string Child::Stderr() const {
    std::ifstream in(m_stderr_path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool Child::WaitHealthy(int port, int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline && running()) {
        httplib::Client client("127.0.0.1", port);
        client.set_connection_timeout(1);
        if (auto res = client.Get("/healthz"); res && res->status == 200) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

std::vector<SseEventRead> ReadSse(int port, const std::string& path, int timeout_ms,
                                  const std::function<bool(const std::vector<SseEventRead>&)>& want,
                                  std::string* raw_out, httplib::Headers* headers_out,
                                  const httplib::Headers& request_headers) {
    std::vector<SseEventRead> events;
    SseEventRead current;
    std::string pending;
    std::string raw;
    bool done = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(std::chrono::milliseconds(timeout_ms));
    auto res = client.Get(
        path, request_headers,
        [&](const httplib::Response& response) {
            if (headers_out) *headers_out = response.headers;
            return response.status == 200;
        },
        [&](const char* data, size_t n) {
            raw.append(data, n);
            pending.append(data, n);
            size_t nl;
            while ((nl = pending.find('\n')) != std::string::npos) {
                std::string line = pending.substr(0, nl);
                pending.erase(0, nl + 1);
                if (line.empty()) {
                    if (!current.event.empty() || !current.data.empty()) events.push_back(current);
                    current = SseEventRead{};
                } else if (line[0] == ':') {
                    current.comments.push_back(line.substr(line.size() > 1 && line[1] == ' ' ? 2 : 1));
                } else if (line.rfind("event: ", 0) == 0) {
                    current.event = line.substr(7);
                } else if (line.rfind("id: ", 0) == 0) {
                    current.id = line.substr(4);
                } else if (line.rfind("data: ", 0) == 0) {
                    current.data += line.substr(6);
                }
            }
            done = want(events);
            return !done && std::chrono::steady_clock::now() < deadline;
        });
    (void)res;
    if (raw_out) *raw_out = raw;
    return events;
}

int NoonOffsetMin() {
    const int64_t now_s = static_cast<int64_t>(std::time(nullptr));
    const int utc_hour = static_cast<int>((now_s / 3600) % 24);
    int off_h = ((12 - utc_hour) % 24 + 24) % 24;
    if (off_h > 14) off_h -= 24;
    return off_h * 60;
}

}  // namespace cbtest
