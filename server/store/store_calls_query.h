// Recent calls for GET /api/calls (docs/api.md): a read-only view of the calls table with its
// caller numbers (schema v4). Like the account store it opens its own connection to the
// database file (WAL lets it read while the live source writes) and serialises its queries
// with a mutex, so HTTP workers may share it. Numbers come back as stored: masking by role
// is the caller's job (MaskPhone, RoleSeesPhoneNumbers in server/auth).
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>
#include "server/store/sqlite_db.h"
#include "server/base/status.h"

namespace cb {

// True when `text` can be kept as a caller number: 1-32 bytes of digits, '+', '-', '.', '(',
// ')' and spaces, with at least one digit. "Anonymous", "unknown" or a SIP URI are not kept
// (MaskPhone masks digits only, so letters would pass through it unmasked).
bool IsCallerNumber(std::string_view text);

// Outcome categories of calls.category (docs/ingest.md): "answered", "transferred",
// "abandoned", "timed_out", "other_exit", "answered_open", "open".
bool IsCallCategory(std::string_view text);

struct CallFilter {
    int64_t from_ms = 0;                // time entered, from_ms <= t < to_ms
    int64_t to_ms = INT64_MAX;
    std::string queue;                  // queue key; empty = any
    std::string agent;                  // agent key; empty = any
    std::string outcome;                // a category (IsCallCategory); empty = any
    int64_t limit = 100;                // newest `limit` rows
    bool teams_only = false;            // only calls handled by agents now in `teams`
    std::vector<std::string> teams;     // team keys (teams_only)
};

struct CallRow {
    std::string source;                 // the events' source ("queue_log", "api", "demo:...")
    uint64_t call = 0;                  // call key within the source
    int64_t t_ms = 0;                   // time the leg entered its queue (or answer/end - stated wait)
    std::string queue;                  // keys; empty = none
    std::string agent;
    int64_t wait_ms = -1;               // -1 = not known (yet)
    int64_t talk_ms = -1;
    std::string outcome;                // category
    std::string caller_number;          // as stored, unmasked; empty = none
    bool operator==(const CallRow&) const = default;
};

class CallsQuery {
public:
    CallsQuery();
    ~CallsQuery();

    // Opens the database at path (migrating it like every opener does), then reads only. The
    // server creates the object before it opens its database: until Open succeeds (and after
    // Close) Recent fails with "not open". Fails with one line naming the file and the reason.
    Status Open(const std::string& path);
    void Close();
    bool is_open();

    // The calls matching `filter`, newest first (by time entered, then source and call key).
    // A call counts as handled by the agent stored on it (the one who answered it); the team
    // is the agent's team now. Unanswered calls have no agent: teams_only leaves them out.
    Result<std::vector<CallRow>> Recent(const CallFilter& filter);

private:
    std::mutex m_mutex;
    std::unique_ptr<sql::Db> m_db;
};

}  // namespace cb
