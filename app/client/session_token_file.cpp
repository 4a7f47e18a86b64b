// The desktop's token file (session_token_file.h).
#include "session_token_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

namespace cb {
namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

Entries ReadEntries(const std::string& path) {
    Entries entries;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string key, token;
        if (words >> key >> token) entries.emplace_back(key, token);
    }
    return entries;
}

bool HasSpace(std::string_view s) {
    for (char c : s)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
    return false;
}

// Creates every missing directory of path's parent, 0700.
bool MakeParents(const std::string& path, std::string* error) {
    for (size_t at = path.find('/', 1); at != std::string::npos; at = path.find('/', at + 1)) {
        std::string dir = path.substr(0, at);
        if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
            *error = "cannot create " + dir + ": " + std::strerror(errno);
            return false;
        }
    }
    return true;
}

// Writes entries to path through a temporary file created 0600 with O_EXCL, then renames.
bool WriteEntries(const std::string& path, const Entries& entries, std::string* error) {
    if (!MakeParents(path, error)) return false;
    const std::string tmp = path + ".tmp" + std::to_string(::getpid());
    ::unlink(tmp.c_str());  // a leftover of a crashed run
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = "cannot create " + tmp + ": " + std::strerror(errno);
        return false;
    }
    std::string text;
    for (const auto& [key, token] : entries) text += key + " " + token + "\n";
    bool ok = ::fchmod(fd, 0600) == 0;  // whatever the umask did
    for (size_t done = 0; ok && done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += size_t(n);
    }
    ok = ::fsync(fd) == 0 && ok;
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        *error = "cannot write " + path + ": " + std::strerror(errno);
        ::unlink(tmp.c_str());
        return false;
    }
    return true;
}

}  // namespace

std::string DefaultTokenPath() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg == '/') return std::string(xdg) + "/callboard/token";
    const char* home = std::getenv("HOME");
    if (home && *home) return std::string(home) + "/.config/callboard/token";
    return "";
}

std::string TokenKey(std::string_view server_url) {
    while (!server_url.empty() && server_url.back() == '/') server_url.remove_suffix(1);
    return std::string(server_url);
}

std::string LoadToken(const std::string& path, std::string_view server_url) {
    if (path.empty()) return "";
    const std::string key = TokenKey(server_url);
    for (const auto& [k, token] : ReadEntries(path))
        if (k == key) return token;
    return "";
}

bool SaveToken(const std::string& path, std::string_view server_url, std::string_view token, std::string* error) {
    const std::string key = TokenKey(server_url);
    if (path.empty() || key.empty() || token.empty() || HasSpace(key) || HasSpace(token)) {
        *error = "no token file, or a server URL or token that cannot be kept";
        return false;
    }
    Entries entries = ReadEntries(path);
    bool replaced = false;
    for (auto& [k, t] : entries)
        if (k == key) {
            t = std::string(token);
            replaced = true;
        }
    if (!replaced) entries.emplace_back(key, std::string(token));
    return WriteEntries(path, entries, error);
}

bool DeleteToken(const std::string& path, std::string_view server_url, std::string* error) {
    if (path.empty()) return true;
    const std::string key = TokenKey(server_url);
    Entries entries = ReadEntries(path), kept;
    for (auto& e : entries)
        if (e.first != key) kept.push_back(std::move(e));
    if (kept.size() == entries.size()) return true;
    if (kept.empty()) {
        if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
            *error = "cannot delete " + path + ": " + std::strerror(errno);
            return false;
        }
        return true;
    }
    return WriteEntries(path, kept, error);
}

}  // namespace cb
