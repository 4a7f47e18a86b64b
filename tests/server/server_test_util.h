// Helpers for the server tests: a small fixed center, a simulated queue_log file, table dumps,
// a child `callboard` process with its stderr captured, free ports, temp folders, and reading
// SSE events from a live stream.
#pragma once
#include "server/ingest/queue_log_mapper.h"
#include <httplib.h>
#include <sys/types.h>
#include <memory>
#include <string>
#include <vector>
#include "core/snapshot.h"
#include "server/store/store.h"

namespace cbtest {

// One queue, one team, two agents; version as given.
cb::Snapshot SmallCenter(uint64_t version);

// Maps every line of a queue_log text (lines without their '\n'); finish: closes what is still
// open at the end, as an import does (QueueLogMapper::Finish).
std::vector<cb::Event> MapQueueLogText(cb::QueueLogMapper& mapper, std::string_view text, bool finish);

// Simulated hours of a 300-agent center (20 teams) written as a queue_log file with the
// queue_log writer; returns the number of lines.
size_t WriteSimulatedQueueLog(const std::string& path, int hours);

// The rows a SELECT returns from the database at path, one line per row ('|' between the
// first `columns` columns, all when -1; "null" for NULL). Fails the test if it cannot run.
std::string Query(const std::string& path, const std::string& sql, int columns = -1);

// Every row of a table of the database at path (as Query), in the order of `order_by`.
std::string DumpTable(const std::string& path, const std::string& table, const std::string& columns,
                      const std::string& order_by);

// A database file at path in the store's schema v1 as shipped (migrations.cpp, kSchemaV1),
// marked as real data and empty: tests of later migrations add their rows and reopen it.
void CreateV1Database(const std::string& path);

// One stored event of the store tests: kind, time, call (0 = none), agent and queue indices.
cb::StoredEvent Ev(const std::string& key, cb::EventKind kind, int64_t t_ms, uint64_t call, uint32_t agent,
                   uint16_t queue = cb::kNoQueue);

// A real-data store file at path with SmallCenter's directory saved and the given interval
// time zone (15-minute intervals); fails the test if it cannot be opened.
struct SmallCenterStore {
    std::unique_ptr<cb::Store> store;
    cb::Directory directory;
};
SmallCenterStore OpenSmallCenterStore(const std::string& path, int32_t tz_offset_min);

// A fresh empty folder under /tmp, removed by the destructor.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::string& path() const { return m_path; }
    std::vector<std::string> List() const;  // file names in it, sorted

private:
    std::string m_path;
};

// A port nothing listens on right now (bound and released).
int FreePort();

// A time-zone offset (minutes) in which it is about noon now, so events from minutes ago are
// "today" for the center whenever the tests run (no failures just after local midnight).
int NoonOffsetMin();

// `callboard` (or another program) as a child process; stderr goes to a file.
class Child {
public:
    Child(const std::string& program, const std::vector<std::string>& args, const std::string& cwd = "");
    ~Child();  // kills (SIGKILL) if still running
    // Waits up to timeout_ms for exit; returns the exit code, or -1 on timeout / -signal.
    int Wait(int timeout_ms);
    void Signal(int signal_number);
    std::string Stderr() const;
    bool running();
    // Polls GET /healthz until it answers (true) or the child exits / timeout_ms passes.
    bool WaitHealthy(int port, int timeout_ms);

private:
    pid_t m_pid = -1;
    int m_status = 0;
    bool m_exited = false;
    std::string m_stderr_path;
};

// Reads whole SSE events from GET path (sending request_headers) until `want`, called after
// each chunk with every event so far, returns true or timeout_ms passes.
struct SseEventRead {
    std::string event;
    std::string id;
    std::string data;
    std::vector<std::string> comments;
};
std::vector<SseEventRead> ReadSse(int port, const std::string& path, int timeout_ms,
                                  const std::function<bool(const std::vector<SseEventRead>&)>& want,
                                  std::string* raw_out = nullptr, httplib::Headers* headers_out = nullptr,
                                  const httplib::Headers& request_headers = httplib::Headers{});

}  // namespace cbtest
