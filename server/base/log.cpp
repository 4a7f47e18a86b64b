#include "server/base/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

namespace cb {
namespace {

std::mutex g_log_mutex;
std::atomic<bool> g_log_enabled{true};

std::string UtcTimestamp() {
    using namespace std::chrono;
    const auto now = system_clock::now();
    const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count();
    const std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm_utc{};
    gmtime_r(&secs, &tm_utc);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm_utc.tm_year + 1900,
                  tm_utc.tm_mon + 1, tm_utc.tm_mday, tm_utc.tm_hour, tm_utc.tm_min, tm_utc.tm_sec,
                  static_cast<int>(ms % 1000));
    return buf;
}

const char* LevelName(LogLevel level) {
    switch (level) {
    case LogLevel::Info: return "info";
    case LogLevel::Warn: return "warn";
    case LogLevel::Error: return "error";
    }
    return "info";
}

}  // namespace

void Log(LogLevel level, std::string_view message) {
    if (!g_log_enabled.load(std::memory_order_relaxed)) return;
    const std::string line = UtcTimestamp() + " " + LevelName(level) + " " + std::string(message) + "\n";
    std::lock_guard<std::mutex> lock(g_log_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

void SetLogEnabled(bool enabled) { g_log_enabled.store(enabled, std::memory_order_relaxed); }

}  // namespace cb
