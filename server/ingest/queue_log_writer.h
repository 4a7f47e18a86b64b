// Writes Callboard events as Asterisk queue_log lines (current-version variants), e.g. to let
// the simulator's day be replayed through the queue_log path. Keeps the per-call state the
// format needs (entry time, answer time, call ids). Events must come in time order.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include "core/directory.h"
#include "core/events.h"

namespace cb {

struct QueueLogWriterOptions {
    std::string member_prefix = "PJSIP/";  // agent column = prefix + agent key
};

class QueueLogWriter {
public:
    QueueLogWriter(const Directory& directory, QueueLogWriterOptions options = {});

    // Appends the lines for one event to *out (each ending in '\n'); returns how many. Events with
    // no queue_log form (AgentRinging, CallHold/Resume, WrapUpEnded, OutcomeTagged) write nothing.
    // Times are written as whole seconds (floor). Agent login/logout write one ADDMEMBER/
    // REMOVEMEMBER per queue in the agent's skills (all queues if skills is 0).
    int Write(const Event& event, std::string* out);
    // The call id written for a call key ("<entry epoch>.<key>").
    std::string CallId(uint64_t call) const;

private:
    struct CallState {
        int64_t entry_s = 0;
        int64_t answer_s = -1;
        uint16_t queue = 0;
        uint32_t agent = 0xFFFFFFFFu;
    };
    const Directory& m_dir;
    QueueLogWriterOptions m_options;
    std::unordered_map<uint64_t, CallState> m_calls;
};

}  // namespace cb
