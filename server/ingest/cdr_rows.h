// One row of a per-call record file read by its mapping (cdr_mapping.h): split into fields, the
// columns found, the wall-clock times turned into instants, the row's own checks applied, and
// what it is: a call answered after waiting in its queue, answered without a queue wait,
// abandoned in the queue, a caller who hung up before reaching a queue, a row to ignore, or a
// rejected row with its reason (docs/ingest.md, "Per-call records"). No I/O.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "core/tz.h"
#include "server/base/status.h"
#include "server/ingest/cdr_mapping.h"
#include "server/ingest/cdr_time.h"

namespace cb {

// Where the mapping's columns are in one file (0-based), from its header row or the mapping.
struct CdrLayout {
    std::vector<int> call_id;
    int queue = -1, agent = -1, outcome = -1, date = -1, date_of = -1;
    int queue_entry = -1, queue_exit = -1, answer = -1, end = -1;
    struct Duration {
        int seconds = -1, from = -1, to = -1;
        std::string seconds_name, from_name, to_name;
    };
    std::vector<Duration> durations;
    std::vector<std::string> names;  // column labels by position (header names, or "column N")
    size_t fields = 0;               // every row has exactly this many (0: at least min_fields)
    size_t min_fields = 0;
    char usual_separator = 0;        // whitespace-split files: the one character the header uses
};

// Splits a line by the mapping's delimiter. Whitespace: runs of spaces and tabs, *irregular set
// when a run is not the single character `usual` (0: any single character). Others: RFC 4180
// quoting, spaces and tabs around a field dropped. False on an unclosed quote.
bool SplitCdrLine(CdrDelimiter delimiter, std::string_view line, char usual, std::vector<std::string>* fields,
                  bool* irregular);

// The layout of a file whose header row is `header` (mapping.header), or of the mapping's column
// numbers (header == nullptr). Fails naming the mapping's column the header lacks.
Result<CdrLayout> MakeCdrLayout(const CdrMapping& mapping, std::string_view header_line);
Result<CdrLayout> MakeCdrLayout(const CdrMapping& mapping);

enum class CdrRowKind : uint8_t {
    Answered,        // waited in the queue (queue entry given), then served
    AnsweredDirect,  // served without a queue wait (no queue entry: straight from the IVR to an agent)
    Abandoned,       // hung up while waiting in the queue
    BeforeQueue,     // hung up before reaching a queue (no queue entry): nothing to store
    Ignored,         // an outcome the mapping says to ignore (the bank's PHANTOM calls)
    Rejected,        // bad or contradictory: reason and detail say why
};
std::string_view CdrRowKindName(CdrRowKind kind);

// A kept row's remark: something odd that did not change what is stored.
struct CdrNote {
    std::string kind;    // "negative_duration", "abandoned_with_service", "zero_service_time",
                         // "unlisted_queue", "irregular_separators"
    std::string detail;
};

struct CdrRow {
    CdrRowKind kind = CdrRowKind::Rejected;
    std::string queue;           // as written ("" when the row could not be split)
    std::string agent;           // answered rows
    std::string call_id;         // the call id columns joined with '/' ("" when not mapped)
    std::string outcome;         // as written
    std::string reason;          // rejected: "fields", "bad_time", "answered_without_agent", ...
    std::string detail;          // rejected: what and where, for people
    std::vector<CdrNote> notes;
    int64_t entry_ms = -1, exit_ms = -1, answer_ms = -1, end_ms = -1;  // UTC ms, -1 = not given
};

class CdrRowReader {
public:
    // The mapping must have passed ParseCdrMapping; zone: of the wall-clock times.
    CdrRowReader(const CdrMapping& mapping, TimeZone zone);
    const CdrMapping& mapping() const { return m_mapping; }
    const TimeZone& zone() const { return m_zone; }
    // Reads a data row (not blank, not the header).
    CdrRow Read(std::string_view line, const CdrLayout& layout) const;

private:
    CdrMapping m_mapping;
    TimeZone m_zone;
    CdrTimeFormat m_date, m_time;
};

}  // namespace cb
