// Rosters, breaks and adherence over HTTP (docs/api.md, "Rosters", "Breaks", "Adherence").
#pragma once
#include <atomic>

namespace cb {

class RosterStore;

// The store the routes read and write, attached once the database is open (null until then, and
// after it is closed: 503).
struct RosterApi {
    std::atomic<RosterStore*> store{nullptr};
};

}  // namespace cb
