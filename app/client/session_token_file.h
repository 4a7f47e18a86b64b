// Where the desktop app keeps its session tokens between runs: one file,
// $XDG_CONFIG_HOME/callboard/token (else ~/.config/callboard/token), one line per server
// ("<server URL> <token>"), so several servers work. The file is created 0600 (never readable
// by others, even for a moment) in a 0700 directory, and replaced atomically.
#pragma once
#include <string>
#include <string_view>

namespace cb {

// The token file's path from the environment; "" when neither XDG_CONFIG_HOME nor HOME is set.
std::string DefaultTokenPath();
// The key a server's token is kept under: the URL without trailing slashes.
std::string TokenKey(std::string_view server_url);

// The token kept for server_url, or "" when there is none (or the file is unreadable).
std::string LoadToken(const std::string& path, std::string_view server_url);
// Keeps token for server_url (replacing an older one). Returns false and says why in *error.
bool SaveToken(const std::string& path, std::string_view server_url, std::string_view token, std::string* error);
// Forgets server_url's token; deletes the file when no other server's token is left. Returns
// false and says why in *error (a missing file or token is not an error).
bool DeleteToken(const std::string& path, std::string_view server_url, std::string* error);

}  // namespace cb
