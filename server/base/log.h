// Server log: one line per entry on stderr, "2025-05-20T08:00:00.123Z level message".
// Thread-safe. Callers never pass secrets, query strings or full phone numbers.
#pragma once
#include <string_view>

namespace cb {

enum class LogLevel { Info, Warn, Error };

void Log(LogLevel level, std::string_view message);
inline void LogInfo(std::string_view message) { Log(LogLevel::Info, message); }
inline void LogWarn(std::string_view message) { Log(LogLevel::Warn, message); }
inline void LogError(std::string_view message) { Log(LogLevel::Error, message); }

// Turns logging off (tests that start many servers) or back on.
void SetLogEnabled(bool enabled);

}  // namespace cb
