// Quality checks over HTTP (docs/api.md, "Quality"; docs/qa.md).
#pragma once
#include <atomic>

namespace cb {

class QaStore;

// The store the routes read and write, attached once the database is open (null until then, and
// after it is closed: 503).
struct QaApi {
    std::atomic<QaStore*> store{nullptr};
};

}  // namespace cb
