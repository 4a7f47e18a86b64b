// Stream load benchmark: a real `callboard serve` child on 127.0.0.1 and, in this process,
// N concurrent SSE streams (raw sockets, one epoll thread, opened in ramped batches) plus an
// API client at a fixed rate. Measures per-message update delay (receive time minus the
// server's ": t=" publish stamp) and API latency, p50/p99. Bounded: stops by itself.
//
// usage: bench_stream CALLBOARD_BIN [--streams 500] [--seconds 60] [--api-rate 20]
//                     [--speed 10] [--batch 25]
#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>
#include "sse_stream_client.h"

namespace {

using Clock = std::chrono::steady_clock;

int64_t WallMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

struct Options {
    std::string bin;
    int streams = 500;
    int seconds = 60;
    int api_rate = 20;
    int speed = 10;
    int batch = 25;
};

double Percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
    return v[i];
}

int FreePort() {
    const int sock = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len);
    close(sock);
    return ntohs(addr.sin_port);
}

pid_t StartServer(const Options& o, int port, const std::string& db) {
    const pid_t pid = fork();
    if (pid == 0) {
        const int null_fd = open("/dev/null", O_WRONLY);
        dup2(null_fd, 2);  // the server logs every request; keep the bench output readable
        const std::string port_s = std::to_string(port), speed_s = std::to_string(o.speed);
        execl(o.bin.c_str(), o.bin.c_str(), "serve", "--bind", "127.0.0.1", "--port", port_s.c_str(), "--db",
              db.c_str(), "--demo", "normal", "--speed", speed_s.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    return pid;
}

struct Conn {
    int fd = -1;
    bool connected = false;
    cbbench::SseStreamClient client;
    int attempts = 0;
};

// All stream connections, one epoll thread.
class StreamFleet {
public:
    StreamFleet(int port, const Options& o) : m_port(port), m_options(o) { m_epoll = epoll_create1(0); }

    void Run(std::atomic<bool>& stop, std::atomic<bool>& measuring) {
        std::vector<epoll_event> ready(256);
        char buf[65536];
        Clock::time_point next_open = Clock::now();
        while (!stop) {
            // Ramp: keep at most `batch` connections waiting for their response headers.
            if (m_opened < m_options.streams && Clock::now() >= next_open) {
                int pending = 0;
                for (auto& [fd, c] : m_conns) pending += c->client.phase() == cbbench::SseStreamClient::Phase::Headers;
                while (pending < m_options.batch && m_opened < m_options.streams) {
                    Open(0);
                    ++m_opened;
                    ++pending;
                }
                next_open = Clock::now() + std::chrono::milliseconds(20);
            }
            const int n = epoll_wait(m_epoll, ready.data(), static_cast<int>(ready.size()), 20);
            const int64_t now_ms = WallMs();
            for (int i = 0; i < n; ++i) {
                auto it = m_conns.find(ready[i].data.fd);
                if (it == m_conns.end()) continue;
                Conn& c = *it->second;
                if (!c.connected) {
                    int err = 0;
                    socklen_t len = sizeof err;
                    getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
                    if (err != 0) {
                        Retry(it->first);
                        continue;
                    }
                    c.connected = true;
                    const char* request =
                        "GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
                    if (send(c.fd, request, std::strlen(request), MSG_NOSIGNAL) < 0) {
                        Retry(it->first);
                        continue;
                    }
                    epoll_event ev{EPOLLIN, {}};
                    ev.data.fd = c.fd;
                    epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev);
                    continue;
                }
                while (true) {
                    const ssize_t got = recv(c.fd, buf, sizeof buf, 0);
                    if (got > 0) {
                        const bool had_headers = c.client.phase() != cbbench::SseStreamClient::Phase::Headers;
                        c.client.Feed(std::string_view(buf, static_cast<size_t>(got)), [&](const cbbench::StreamEvent& e) {
                            if (!measuring || e.publish_ms < 0) return;
                            if (e.event != "snapshot" && e.event != "delta") return;  // thresholds: not live data
                            m_delays.push_back(static_cast<double>(now_ms - e.publish_ms));
                            (e.event == "snapshot" ? m_snapshots : m_deltas)++;
                            m_bytes += e.bytes;
                        });
                        if (!had_headers && c.client.phase() == cbbench::SseStreamClient::Phase::Body) ++m_open;
                        if (c.client.phase() == cbbench::SseStreamClient::Phase::Failed) {
                            ++m_refused;
                            Retry(it->first);
                            break;
                        }
                        continue;
                    }
                    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
                    // Closed by the server: count it and reconnect.
                    if (c.client.phase() == cbbench::SseStreamClient::Phase::Body) --m_open;
                    ++m_dropped;
                    Retry(it->first);
                    break;
                }
            }
        }
        for (auto& [fd, c] : m_conns) close(fd);
    }

    int open() const { return m_open.load(); }
    const std::vector<double>& delays() const { return m_delays; }
    uint64_t snapshots() const { return m_snapshots; }
    uint64_t deltas() const { return m_deltas; }
    uint64_t bytes() const { return m_bytes; }
    int refused() const { return m_refused; }
    int dropped() const { return m_dropped; }
    int retries() const { return m_retries; }

private:
    void Open(int attempts) {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        const int yes = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(m_port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        auto conn = std::make_unique<Conn>();
        conn->fd = fd;
        conn->attempts = attempts;
        epoll_event ev{EPOLLOUT, {}};
        ev.data.fd = fd;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev);
        m_conns[fd] = std::move(conn);
    }

    // Backoff is the ramp itself: the replacement joins the pending batch.
    void Retry(int fd) {
        const int attempts = m_conns[fd]->attempts + 1;
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        close(fd);
        m_conns.erase(fd);
        ++m_retries;
        if (attempts <= 5) Open(attempts);
    }

    int m_port;
    Options m_options;
    int m_epoll;
    int m_opened = 0;
    std::map<int, std::unique_ptr<Conn>> m_conns;
    std::atomic<int> m_open{0};
    std::vector<double> m_delays;
    uint64_t m_snapshots = 0, m_deltas = 0, m_bytes = 0;
    int m_refused = 0, m_dropped = 0, m_retries = 0;
};

struct ApiResults {
    std::vector<double> snapshot_ms, health_ms;
    int errors = 0;
};

void RunApi(int port, const Options& o, std::atomic<bool>& stop, ApiResults* out) {
    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    client.set_decompress(false);
    const auto period = std::chrono::microseconds(1000000 / std::max(1, o.api_rate));
    Clock::time_point next = Clock::now();
    for (int i = 0; !stop; ++i) {
        std::this_thread::sleep_until(next);
        next += period;
        const bool snapshot = i % 2 == 0;
        const Clock::time_point t0 = Clock::now();
        auto res = snapshot ? client.Get("/api/snapshot", {{"Accept-Encoding", "gzip"}}) : client.Get("/healthz");
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (!res || res->status != 200) {
            ++out->errors;
            continue;
        }
        (snapshot ? out->snapshot_ms : out->health_ms).push_back(ms);
    }
}

bool ParseArgs(int argc, char** argv, Options* o) {
    if (argc < 2) return false;
    o->bin = argv[1];
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        const int v = std::atoi(argv[i + 1]);
        if (v <= 0) return false;
        if (k == "--streams") o->streams = v;
        else if (k == "--seconds") o->seconds = std::min(v, 600);
        else if (k == "--api-rate") o->api_rate = v;
        else if (k == "--speed") o->speed = v;
        else if (k == "--batch") o->batch = v;
        else return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    if (!ParseArgs(argc, argv, &o)) {
        std::fprintf(stderr, "usage: bench_stream CALLBOARD_BIN [--streams 500] [--seconds 60] [--api-rate 20] "
                             "[--speed 10] [--batch 25]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    char tmpl[] = "/tmp/cb_bench_stream_XXXXXX";
    const std::string dir = mkdtemp(tmpl);
    const int port = FreePort();
    const pid_t server = StartServer(o, port, dir + "/bench.db");

    bool healthy = false;
    for (int i = 0; i < 300 && !healthy; ++i) {
        httplib::Client probe("127.0.0.1", port);
        auto res = probe.Get("/api/snapshot");
        healthy = res && res->status == 200;
        if (!healthy) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (!healthy) {
        std::fprintf(stderr, "bench_stream: server did not come up on port %d\n", port);
        kill(server, SIGKILL);
        waitpid(server, nullptr, 0);
        return 1;
    }

    std::atomic<bool> stop{false}, measuring{false};
    StreamFleet fleet(port, o);
    const Clock::time_point ramp_start = Clock::now();
    std::thread reader([&] { fleet.Run(stop, measuring); });
    const Clock::time_point ramp_deadline = ramp_start + std::chrono::seconds(60);
    while (fleet.open() < o.streams && Clock::now() < ramp_deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const double ramp_s = std::chrono::duration<double>(Clock::now() - ramp_start).count();
    const int opened = fleet.open();

    ApiResults api;
    measuring = true;
    std::atomic<bool> stop_api{false};
    std::thread api_thread([&] { RunApi(port, o, stop_api, &api); });
    std::this_thread::sleep_for(std::chrono::seconds(o.seconds));
    stop_api = true;
    api_thread.join();
    measuring = false;
    const int open_at_end = fleet.open();
    stop = true;
    reader.join();

    kill(server, SIGTERM);
    int status = 0;
    waitpid(server, &status, 0);
    const std::string cleanup = "rm -rf '" + dir + "'";
    if (std::system(cleanup.c_str()) != 0) std::fprintf(stderr, "could not remove %s\n", dir.c_str());

    const auto& d = fleet.delays();
    std::printf("streams requested %d, open after ramp %d (%.1f s), open at end %d\n", o.streams, opened, ramp_s,
                open_at_end);
    std::printf("connection retries %d, refused (non-200) %d, dropped by server %d\n", fleet.retries(),
                fleet.refused(), fleet.dropped());
    std::printf("measured %d s at --speed %d: %zu messages (%llu delta, %llu full snapshot), %.1f MB of JSON\n",
                o.seconds, o.speed, d.size(), static_cast<unsigned long long>(fleet.deltas()),
                static_cast<unsigned long long>(fleet.snapshots()), static_cast<double>(fleet.bytes()) / 1e6);
    std::printf("update delay ms: p50 %.0f  p99 %.0f  max %.0f\n", Percentile(d, 0.50), Percentile(d, 0.99),
                d.empty() ? 0.0 : *std::max_element(d.begin(), d.end()));
    std::printf("GET /api/snapshot (gzip) ms: n %zu  p50 %.1f  p99 %.1f  max %.1f\n", api.snapshot_ms.size(),
                Percentile(api.snapshot_ms, 0.5), Percentile(api.snapshot_ms, 0.99),
                api.snapshot_ms.empty() ? 0.0 : *std::max_element(api.snapshot_ms.begin(), api.snapshot_ms.end()));
    std::printf("GET /healthz ms: n %zu  p50 %.1f  p99 %.1f  max %.1f\n", api.health_ms.size(),
                Percentile(api.health_ms, 0.5), Percentile(api.health_ms, 0.99),
                api.health_ms.empty() ? 0.0 : *std::max_element(api.health_ms.begin(), api.health_ms.end()));
    std::vector<double> all_api = api.snapshot_ms;
    all_api.insert(all_api.end(), api.health_ms.begin(), api.health_ms.end());
    std::printf("API all ms: p50 %.1f  p99 %.1f  errors %d\n", Percentile(all_api, 0.5), Percentile(all_api, 0.99),
                api.errors);
    std::printf("server exit: %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    const bool ok = opened == o.streams && Percentile(d, 0.99) < 1000 && Percentile(all_api, 0.99) < 100;
    std::printf("targets (all streams open, update p99 < 1000 ms, API p99 < 100 ms): %s\n", ok ? "met" : "NOT met");
    return 0;
}
