// Asterisk queue_log parsing: one flat-file line ("epoch|callid|queue|agent|event|data...") or
// one realtime-table CSV row into a typed record, for every Asterisk version's variants
// (docs/queue_log.md). Pure functions: no I/O, no allocation on the flat-file path, no exceptions.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cb {

// Every event Asterisk itself writes (any version), plus Custom for everything else (FreePBX DID,
// Wazo FULL/CLOSED/JOINEMPTY, QueueLog() app events...): custom events are kept, never fatal.
enum class QueueLogEvent : uint8_t {
    Custom,
    QueueStart, ConfigReload,
    EnterQueue, Connect, CompleteAgent, CompleteCaller,
    Abandon, ExitWithTimeout, ExitWithKey, ExitEmpty, Withdraw,
    RingNoAnswer, RingCanceled, AgentDump, SysCompat,
    Transfer, BlindTransfer, AttendedTransfer,
    AddMember, RemoveMember, Pause, Unpause, PauseAll, UnpauseAll, Penalty, RingInUse,
    AgentLogin, AgentLogoff, AgentCallbackLogin, AgentCallbackLogoff,
    OutCall,
    kCount
};
std::string_view QueueLogEventName(QueueLogEvent e);   // the Asterisk spelling, "CUSTOM" for Custom
QueueLogEvent QueueLogEventFromName(std::string_view name);  // exact, upper case; Custom if unknown

inline constexpr size_t kQueueLogMaxData = 16;          // data fields kept; more are joined into the last
inline constexpr size_t kQueueLogMaxLineBytes = 16384;  // longer lines are rejected

enum class QueueLogStatus : uint8_t {
    Ok,
    Blank,          // empty or whitespace-only line: not an error, not counted as rejected
    TooLong,        // more than kQueueLogMaxLineBytes
    BadEncoding,    // NUL or other control bytes, or invalid UTF-8
    BadTime,        // epoch (or realtime time text) missing, not a number/date, or outside
                    // 1970-01-01 .. 2099-12-31 UTC (event_time.h)
    TooFewFields,   // fewer than the 5 fixed fields (epoch|callid|queue|agent|event)
    BadEventName,   // empty or not [A-Za-z0-9_-]
    BadData,        // a numeric data field of a known event is not a number
};
std::string_view QueueLogStatusName(QueueLogStatus s);  // stable machine name, e.g. "bad_time"

// One parsed line. All string_views point into the line passed to the parser (or, for the CSV
// path, into the caller's scratch string): valid as long as that buffer is unchanged.
// Numeric fields are -1 when the line's variant does not carry them (e.g. 1.4 CONNECT has no
// ringtime, 1.2 EXITWITHTIMEOUT has no waittime).
struct QueueLogRecord {
    int64_t t_ms = 0;            // UTC epoch ms (flat file: epoch * 1000; realtime: to the ms)
    std::string_view callid;     // "1266833905.2", or NONE / REALTIME / MANAGER / CLI
    std::string_view queue;      // queue name, or NONE
    std::string_view agent;      // member name / interface, or NONE
    std::string_view event_name; // as written
    QueueLogEvent event = QueueLogEvent::Custom;
    std::array<std::string_view, kQueueLogMaxData> data{};  // raw data fields
    uint8_t data_count = 0;      // data fields present (trailing empty realtime columns dropped)

    // Typed view of the data, filled per event and variant (see docs/queue_log.md):
    int64_t hold_s = -1;         // CONNECT/COMPLETE*/TRANSFER*: holdtime; ABANDON/EXIT*/WITHDRAW: waittime
    int64_t talk_s = -1;         // COMPLETE*/TRANSFER*: calltime; OUTCALL: talktime
    int64_t ring_ms = -1;        // RINGNOANSWER/RINGCANCELED (ms as written); CONNECT ringtime s * 1000
    int32_t position = -1;       // ABANDON/EXIT*/WITHDRAW: position when leaving
    int32_t orig_position = -1;  // ENTERQUEUE/COMPLETE*/TRANSFER*/ABANDON/EXIT*/WITHDRAW: entry position
    int64_t login_s = -1;        // AGENTLOGOFF/AGENTCALLBACKLOGOFF: logged-in time
    bool paused = false;         // ADDMEMBER with data "PAUSED"
    std::string_view text;       // free text: PAUSE*/UNPAUSE* reason, WITHDRAW info, EXITWITHKEY key,
                                 // ENTERQUEUE url, AGENTLOGIN channel, AGENT*LOGOFF reason, custom info
                                 // (free text may contain '|': it spans the rest of the line)
    std::string_view caller_num;   // ENTERQUEUE callerid number
    std::string_view caller_name;  // ENTERQUEUE callerid name (23+ with log-caller-id-name)
    std::string_view member_uid;   // CONNECT: member channel uniqueid
    std::string_view exten;        // TRANSFER/BLINDTRANSFER: extension; AGENTCALLBACK*: exten@context
    std::string_view context;      // TRANSFER/BLINDTRANSFER: context
    std::string_view method;       // ATTENDEDTRANSFER: BRIDGE / APP / LINK
};

// Parses one flat-file line (no trailing '\n'; a trailing '\r' is ignored). Returns Ok and fills
// *out, or the reason the line is rejected (*out is then unspecified). Never throws, never
// allocates. Unknown event names are Ok with event = Custom.
QueueLogStatus ParseQueueLogLine(std::string_view line, QueueLogRecord* out);

// ---- Realtime-table exports (CSV) ----------------------------------------------------------

// Which CSV column holds what, read from the header row. Columns are matched by name (case
// insensitive): time, callid, queuename, agent, event, data, data1..data5; others (id, serverid)
// are ignored. -1 = column absent.
struct QueueLogCsvLayout {
    int time = -1, callid = -1, queuename = -1, agent = -1, event = -1;
    int data = -1;                       // legacy single column ("a|b|c")
    std::array<int, 5> data_n{-1, -1, -1, -1, -1};
    int columns = 0;
    char separator = ',';
};

struct QueueLogCsvOptions {
    int32_t tz_offset_min = 0;  // the time column is local time = UTC + offset (0 with queue_log_realtime_use_gmt)
};

// Reads the header row (',' or ';' or '\t' separated, detected). Fails (false, *error set) when
// time, callid, queuename, agent or event is missing, or neither data nor data1 exists.
bool ParseQueueLogCsvHeader(std::string_view header, QueueLogCsvLayout* layout, std::string* error);

// Parses one CSV row (RFC 4180 quoting, on one line) into *out. The data fields are rebuilt as the
// flat file would have them (data1..data5 joined with '|', trailing empty columns dropped; so an
// ATTENDEDTRANSFER LINK whose data5 holds "calltime|origposition" reads as its 6-field form; when
// both data and data1..5 exist, data1..5 win unless all empty). *scratch receives the rebuilt
// line that the record's views point into. time: "YYYY-MM-DD HH:MM:SS[.ffffff]", or an epoch.
QueueLogStatus ParseQueueLogCsvRow(std::string_view row, const QueueLogCsvLayout& layout,
                                   const QueueLogCsvOptions& options, std::string* scratch,
                                   QueueLogRecord* out);

// ---- Line identity ---------------------------------------------------------------------------

// Stable 64-bit hash of a line's bytes (8-byte little-endian words, multiply-xorshift mixed;
// never 0). Same on every platform and release: stored idempotency keys depend on it.
uint64_t QueueLogHash(std::string_view bytes);

// Callboard's key of a queue_log call id, ordered by time for Asterisk's own ids so that the
// calls table grows at its end (bench/results/import.md). Asterisk writes the channel's unique
// id, "<epoch seconds>.<sequence>" (channel creation time, then a counter of the process): in
// that exact form (9-11 digit epoch, 1-10 digit sequence, no leading zeros) the key is
// epoch << 26 | (sequence mod 2^26). Two ids of one second differ by less than the channels
// created in that second, far fewer than 2^26, so different ids give different keys. Any other
// id ("NONE", a system-name prefix, a custom one) is QueueLogHash(id) with the top bit set: a
// separate range, never equal to a time-ordered key.
inline constexpr int kCallKeySeqBits = 26;
uint64_t QueueLogCallKey(std::string_view callid);

}  // namespace cb
