// How the rows of a per-call record (CDR) file are read: the delimiter, the header, which column
// holds what, the date and time formats and their time zone, the outcome values, and the checks
// a row must pass (docs/ingest.md, "Per-call records"). Given as a JSON file (`--map`) or
// built in (`--format anonymous_bank`). No I/O.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include "server/base/status.h"

namespace cb {

enum class CdrDelimiter : uint8_t { Tab, Comma, Semicolon, Pipe, Whitespace };
enum class CdrOutcome : uint8_t { Answered, Abandoned, Ignore };

std::string_view CdrDelimiterName(CdrDelimiter d);  // "tab", "comma", ...
std::string_view CdrOutcomeName(CdrOutcome o);      // "answered", "abandoned", "ignore"

// A column, by its header name (files with a header row) or by its 1-based position.
struct CdrColumn {
    std::string name;
    int position = 0;
    bool given() const { return !name.empty() || position > 0; }
    std::string Label() const;  // "q_start", or "column 3"
    bool operator==(const CdrColumn&) const = default;
};

// A column stating a duration in whole seconds that must equal `to` - `from` (two time columns).
struct CdrDurationCheck {
    CdrColumn seconds, from, to;
};

struct CdrMapping {
    std::string name;                    // "anonymous_bank", or the mapping file's path
    CdrDelimiter delimiter = CdrDelimiter::Comma;
    bool header = true;                  // the first line of each file names the columns
    int fields = 0;                      // fields every row has; 0: as many as the header (or
                                         // without one, at least up to the last column used)
    std::vector<CdrColumn> call_id;      // the call's id, its values joined with '/'; none: rows
                                         // are told apart by their text
    CdrColumn queue, agent, outcome;     // outcome optional: then an answer time means answered
    CdrColumn date;                      // date of time-of-day columns; none: full timestamps
    CdrColumn date_of;                   // the time column the date belongs to (default: queue
                                         // entry, else answer); a time more than 12 h before it
                                         // is on the next day
    CdrColumn queue_entry, queue_exit;   // the caller joined / left the queue
    CdrColumn answer, end;               // service start and end
    std::string date_format = "%Y-%m-%d";
    std::string time_format = "%Y-%m-%d %H:%M:%S";
    std::string time_zone;               // IANA name of the wall-clock times ("" = give --time-zone)
    std::vector<std::string> absent_times;  // values meaning "did not happen" (an empty cell always does)
    std::vector<std::string> no_agent;      // agent values meaning "no agent" (an empty cell always does)
    std::vector<std::pair<std::string, CdrOutcome>> outcomes;  // outcome value -> what it means
    std::vector<std::string> queues;        // documented queue values; others are kept with a note
    std::vector<CdrDurationCheck> durations;

    // Every column the mapping reads, for checking a header or the field count.
    std::vector<const CdrColumn*> Columns() const;
};

// Parses a mapping file's JSON (`where` names it in errors: "map.json: columns.queue: ...").
// Unknown keys, a column given by name in a file without header (or by number with one), a time
// format without the parts it needs and unknown outcome meanings are errors.
Result<CdrMapping> ParseCdrMapping(std::string_view json_text, const std::string& where);

// The built-in mappings (`--format NAME`): "anonymous_bank" (the Technion's "Anonymous Bank"
// call-center data, Israel 1999; docs/datasets.md).
std::vector<std::string> CdrFormatNames();
Result<CdrMapping> BuiltInCdrMapping(std::string_view format);
// The JSON text of a built-in mapping (the same as a --map file would hold).
std::string_view BuiltInCdrMappingJson(std::string_view format);

}  // namespace cb
