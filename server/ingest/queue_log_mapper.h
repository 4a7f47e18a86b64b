// Maps parsed queue_log records (queue_log.h) to Callboard events (app/core/events.h): members to
// agents/teams, queue names to queues (growing a Directory for unknown ones), call ids to call
// keys, deterministic event ids and per-line idempotency keys, and a summary of what was read.
// No I/O. One mapper per source and run; feed lines in file order. See docs/queue_log.md.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include "core/directory.h"
#include "core/events.h"
#include "server/ingest/queue_log.h"

namespace cb {

// ---- Configuration the caller fills ----------------------------------------------------------

struct QueueLogAgentMap {
    std::string member;     // as written in the agent column: "SIP/8007", "Agent/3001", "Local/2004@from-internal/n"
    std::string key;        // agent key in the Directory (e.g. "8007"); empty = member
    std::string name_en, name_zh;  // empty = keep the Directory's, or the key for a new agent
    std::string team;       // team key; empty = kQueueLogUnassignedTeam
    // Queues (as written in the queuename column) it is a member of from the start, before the
    // log says so (AgentInfo::skills; the first 32 queues). The log's ADDMEMBER / REMOVEMEMBER
    // and member lines change membership from there.
    std::vector<std::string> queues = {};
};
struct QueueLogTeamMap {
    std::string key, name_en, name_zh;
};
struct QueueLogQueueMap {
    std::string name;       // queue name as written in the queuename column
    std::string key;        // queue key in the Directory; empty = name
    std::string name_en, name_zh;
    ServiceLevelDef sl;
    int32_t wrap_up_s = 0;  // Asterisk's wrapuptime for this queue (QueueInfo::wrap_up_s); 0 = none
};
// A pause reason rule: matches when the reason text contains `text` (ASCII case-insensitive;
// other bytes compared exactly, so "午餐" matches "午餐时间"). First matching rule wins.
struct QueueLogReasonRule {
    std::string text;
    NotReadyReason reason = NotReadyReason::Other;
};
// lunch/午餐/午饭 -> Lunch, break/休息 -> Break, training/培训 -> Training, meeting/会议 -> Meeting,
// coaching/辅导 -> Coaching, personal/私事/toilet/restroom -> Personal, escalation/升级 -> Escalation.
std::vector<QueueLogReasonRule> DefaultQueueLogReasonRules();

inline constexpr std::string_view kQueueLogUnassignedTeam = "unassigned";

// What to do with calls still open when the log says they cannot finish (QUEUESTART: Asterisk
// restarted) or when an import ends (Finish). Either way the summary reports them in their own
// category (left_open / answered_no_completion), never silently.
enum class QueueLogAnsweredOpen : uint8_t {
    CompleteAtClose,  // events flow as read; at close a CallCompleted frees the agent: counted answered
                      // (and, by the engine, handled with talk up to the close)
    Exclude,          // the call's events are held back until it ends; at close they are dropped:
                      // neither offered nor answered (as Wazo's statistics do). Delays live display.
};
enum class QueueLogWaitingOpen : uint8_t {
    Exited,           // events flow as read; at close a CallExited(Other) ends the wait (default)
    Abandoned,        // ... a CallAbandoned (as qpanel counts ENTERQUEUE-only calls)
    Exclude,          // held back until the call ends; dropped at close (not offered)
};

// How call ids become call keys (stored in calls.call and events.call).
enum class QueueLogCallKeys {
    TimeOrdered,  // QueueLogCallKey: Asterisk ids in time order (databases created at schema v6+)
    Hashed,       // QueueLogHash: databases that stored queue_log calls before schema v6 keep it,
                  // so a call in progress across the upgrade keeps its key (meta queue_log_call_keys)
};

struct QueueLogMapperConfig {
    Directory directory;                       // starting directory (may be empty); the mapper extends it
    std::vector<QueueLogTeamMap> teams;
    std::vector<QueueLogAgentMap> agents;
    std::vector<QueueLogQueueMap> queues;
    std::vector<QueueLogReasonRule> reasons = DefaultQueueLogReasonRules();
    ServiceLevelDef default_sl;                // for queues added automatically
    int32_t default_wrap_up_s = 0;             // wrap-up allowance of queues added automatically
    // Asterisk ends an agent's wrap-up itself (the queue's wrapuptime) and queue_log never says
    // when: every queue of the directory gets QueueInfo::wrap_up_by_system. Off for call-detail
    // imports, whose agent is logged out after each call.
    bool wrap_up_by_system = true;
    QueueLogAnsweredOpen answered_open = QueueLogAnsweredOpen::CompleteAtClose;
    QueueLogWaitingOpen waiting_open = QueueLogWaitingOpen::Exited;
    size_t max_rejected_listed = 100;          // rejected lines kept in the summary (all are counted)
    QueueLogCallKeys call_keys = QueueLogCallKeys::TimeOrdered;
};

// ---- Summary -----------------------------------------------------------------------------------

struct QueueLogCallCounts {
    uint64_t entered = 0;         // calls offered (ENTERQUEUE, or first seen answered/ended without one)
    uint64_t answered = 0;        // CONNECT
    uint64_t completed = 0;       // COMPLETEAGENT / COMPLETECALLER
    uint64_t transferred = 0;     // TRANSFER / BLINDTRANSFER / ATTENDEDTRANSFER
    uint64_t abandoned = 0;       // ABANDON
    uint64_t timed_out = 0;       // EXITWITHTIMEOUT
    uint64_t other_exits = 0;     // EXITEMPTY / EXITWITHKEY / WITHDRAW
    uint64_t left_open = 0;       // still waiting at a close (ENTERQUEUE with nothing after it)
    uint64_t answered_no_completion = 0;  // answered, no completion/transfer before a close
    uint64_t excluded = 0;        // of the two above, calls dropped by an Exclude policy
    uint64_t ring_noanswer = 0;   // RINGNOANSWER lines
    uint64_t answered_earlier = 0;  // COMPLETE*/TRANSFER* of a call answered before this log (its
                                    // CONNECT is in a rotated file): CallCompleted/CallTransferred
                                    // emitted; not in entered/answered/completed/transferred
    bool operator==(const QueueLogCallCounts&) const = default;
};

struct QueueLogRejectedLine {
    uint64_t line_number = 0;     // 1-based
    QueueLogStatus status = QueueLogStatus::Ok;
    std::string reason;           // human-readable, e.g. "bad_time: epoch is not a number"
    std::string text;             // the line, cut to 120 bytes, invalid bytes as '?'
};

struct QueueLogSummary {
    uint64_t lines_read = 0;      // every line given, blank ones included
    uint64_t lines_blank = 0;
    uint64_t lines_mapped = 0;    // produced at least one event or changed call/agent state
    uint64_t lines_ignored = 0;   // valid, nothing to show (CONFIGRELOAD, PENALTY, repeats, out of sequence)
    uint64_t lines_custom = 0;    // events Asterisk does not write (see custom_events)
    uint64_t lines_rejected = 0;
    uint64_t out_of_sequence = 0; // valid lines that contradict the call's state (e.g. CONNECT after ABANDON)
    uint64_t queue_starts = 0;
    uint64_t events = 0;          // Callboard events produced (held-back ones once released)
    uint64_t calls = 0;           // distinct call ids seen
    uint64_t agents = 0;          // distinct members seen
    uint64_t queues = 0;          // distinct queue names seen
    int64_t first_t_ms = -1, last_t_ms = -1;  // time range of valid lines (-1 if none; 0 is 1970-01-01)
    QueueLogCallCounts total;
    std::vector<QueueLogCallCounts> per_queue;        // by Directory queue index
    std::vector<QueueLogRejectedLine> rejected;       // first max_rejected_listed
    std::map<std::string, uint64_t> custom_events;    // custom event name -> lines
};

// ---- The mapper ------------------------------------------------------------------------------

enum class QueueLogLineKind : uint8_t { Mapped, Ignored, Custom, Rejected, Blank };

// What one line became. Events are appended to the caller's vector (possibly none; possibly
// events of earlier held-back lines released by this one).
struct QueueLogLineResult {
    QueueLogLineKind kind = QueueLogLineKind::Blank;
    QueueLogStatus status = QueueLogStatus::Ok;
    uint64_t line_number = 0;
    uint64_t line_hash = 0;       // QueueLogHash(line without line terminator)
    uint32_t occurrence = 0;      // how many identical lines came before it in this run
    std::string key;              // idempotency key "ql1:<16 hex hash>:<occurrence>": re-importing
                                  // the same file gives the same keys (store it; skip known keys)
    // An ENTERQUEUE that starts a call and states the caller's number (callerid num, as written):
    // the call's key and the number, for the store's calls.caller_number. The call's CallOffered
    // event carries the same key (it may be released by a later line under an Exclude policy).
    // Otherwise 0 and empty. Never logged in full (MaskPhone).
    uint64_t caller_call = 0;
    std::string caller_number = {};
};

class QueueLogMapper {
public:
    explicit QueueLogMapper(QueueLogMapperConfig config);
    ~QueueLogMapper();
    QueueLogMapper(QueueLogMapper&&) noexcept;
    QueueLogMapper& operator=(QueueLogMapper&&) noexcept;

    // Parses and maps one flat-file line (without '\n'). Appends events to *out in the order the
    // engine must apply them. Event ids are deterministic from the file: a hash of the line and
    // its occurrence, plus the line's rank within its second in the top bits so that the engine's
    // (t_ms, id) order keeps file order for events of the same second. Never fails: bad lines
    // are counted and listed in the summary.
    QueueLogLineResult MapLine(std::string_view line, std::vector<Event>* out);
    // Same for a realtime CSV row (header parsed by the caller with ParseQueueLogCsvHeader).
    QueueLogLineResult MapCsvRow(std::string_view row, const QueueLogCsvLayout& layout,
                                 const QueueLogCsvOptions& options, std::vector<Event>* out);
    // Maps an already parsed record; `raw` is the line it came from (identity and ids).
    QueueLogLineResult MapRecord(const QueueLogRecord& record, std::string_view raw, std::vector<Event>* out);
    // Counts a line the caller could not even read (e.g. from the line reader) as rejected.
    QueueLogLineResult Reject(std::string_view raw, QueueLogStatus status);

    // End of an import: closes calls still open at t_ms (default: the last line's time) by the
    // configured policies. Do not call while following a live file (open calls are normal there).
    void Finish(std::vector<Event>* out, int64_t t_ms = -1);

    const Directory& directory() const;
    uint64_t directory_revision() const;      // increases whenever an agent/queue/team is added
    const QueueLogSummary& summary() const;
    uint64_t CallKey(std::string_view callid); // the call key of a call id (interned; never 0)
    uint32_t AgentIndex(std::string_view member);  // Directory index of a member (added if new)
    uint16_t QueueIndex(std::string_view name);    // Directory index of a queue name (added if new)
    NotReadyReason ReasonFor(std::string_view text) const;  // by the configured rules; "" -> None

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace cb
