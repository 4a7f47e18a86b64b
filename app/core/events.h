// Callboard domain events: the one vocabulary every source speaks (simulator, Asterisk
// queue_log, the JSON/CSV event API). Plain data, no I/O. Agents, queues and teams are
// referred to by index into a Directory (directory.h); calls by a 64-bit key.
#pragma once
#include <cstdint>
#include <string_view>

namespace cb {

inline constexpr uint32_t kNoAgent = 0xFFFFFFFFu;
inline constexpr uint16_t kNoQueue = 0xFFFFu;

enum class EventKind : uint8_t {
    CallOffered,      // caller entered `queue`
    AgentRinging,     // `call` rings `agent`
    RingNoAnswer,     // `agent` let `call` ring out; ring_ms = how long it rang
    CallAnswered,     // `agent` answered `call` from `queue`; wait_ms if the source states it
    CallHold,         // `agent` put `call` on hold
    CallResume,       // `agent` took `call` off hold
    CallTransferred,  // `agent` transferred `call` out (to target_queue if known); ends the agent's part
    CallAbandoned,    // caller hung up while waiting in `queue`; wait_ms if stated
    CallExited,       // caller left `queue` unanswered for another reason (exit_reason)
    CallCompleted,    // conversation of `call` with `agent` ended; agent goes to wrap-up
    WrapUpEnded,      // `agent` finished after-call work
    AgentLogin,       // `agent` logged in (starts not ready until AgentReady, unless ready_on_login)
    AgentLogout,      // `agent` logged out
    AgentReady,       // `agent` available for calls
    AgentNotReady,    // `agent` not ready, with `reason`
    OutcomeTagged,    // `agent` tagged `call` with `outcome` (order value in value_cents)
    MemberAdded,      // `agent` became a member of `queue` (takes its calls when logged in)
    MemberRemoved,    // `agent` stopped being a member of `queue`
    kCount
};

enum class NotReadyReason : uint8_t {
    None, Break, Lunch, Training, Meeting, Coaching, Personal, Escalation, Other, kCount
};

enum class ExitReason : uint8_t {
    None, Timeout, Empty, Key, Withdraw, Other
};

// Outcomes an agent tags a call with. CallbackKept: a callback promised earlier was made (tag
// the callback call, or the call it was promised on); scorecards count promised and kept.
enum class Outcome : uint8_t {
    None, Order, Complaint, CallbackPromised, Resolved, CallbackKept, kCount
};

// One event. 64 bytes; fields not used by a kind stay at their defaults.
struct Event {
    uint64_t id = 0;            // unique per event across all sources; duplicates are dropped
    int64_t t_ms = 0;           // when it happened, Unix epoch milliseconds (UTC)
    uint64_t call = 0;          // call key (0 = none)
    uint32_t agent = kNoAgent;  // index into Directory::agents
    uint16_t queue = kNoQueue;  // index into Directory::queues
    EventKind kind = EventKind::CallOffered;
    NotReadyReason reason = NotReadyReason::None;
    ExitReason exit_reason = ExitReason::None;
    Outcome outcome = Outcome::None;
    uint16_t target_queue = kNoQueue;  // CallTransferred: queue the call went to, if any
    int64_t wait_ms = -1;       // CallAnswered / CallAbandoned / CallExited: queue wait if the source states it
    int64_t ring_ms = -1;       // RingNoAnswer / CallAnswered: ring time at the agent, if stated
    int64_t value_cents = 0;    // OutcomeTagged with Outcome::Order: order value
};

std::string_view EventKindName(EventKind kind);          // stable machine name, e.g. "call_offered"
std::string_view NotReadyReasonName(NotReadyReason r);   // stable machine name, e.g. "lunch"
std::string_view OutcomeName(Outcome o);                 // stable machine name, e.g. "order"
std::string_view ExitReasonName(ExitReason r);           // stable machine name, e.g. "timeout"

}  // namespace cb
