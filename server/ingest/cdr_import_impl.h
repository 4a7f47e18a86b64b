// Private to server/ingest/cdr_import*.cpp: the per-call import's state (cdr_import.h).
#pragma once
#include <string>
#include <unordered_map>
#include <vector>
#include "server/ingest/cdr_import.h"

namespace cb {
namespace cdr_detail {

inline constexpr uint32_t kNone = UINT32_MAX;

// Strings that repeat on many rows (queue and outcome values, reasons, agents), stored once.
class Interned {
public:
    uint32_t Id(const std::string& s) {
        auto [it, added] = m_ids.emplace(s, static_cast<uint32_t>(m_names.size()));
        if (added) m_names.push_back(s);
        return it->second;
    }
    const std::string& Name(uint32_t id) const { return m_names[id]; }

private:
    std::unordered_map<std::string, uint32_t> m_ids;
    std::vector<std::string> m_names;
};

inline bool IsAnswered(CdrRowKind k) { return k == CdrRowKind::Answered || k == CdrRowKind::AnsweredDirect; }

}  // namespace cdr_detail

struct CdrImport::Impl {
    // Every data row: where it is, what it became, its queue and outcome values.
    struct Row {
        uint32_t file = 0;
        uint64_t line = 0;
        CdrRowKind kind = CdrRowKind::Rejected;
        uint32_t queue = cdr_detail::kNone;    // interned queue value
        uint32_t outcome = cdr_detail::kNone;  // interned outcome value
        uint32_t reason = cdr_detail::kNone;   // rejected: interned reason
        uint32_t detail = cdr_detail::kNone;   // rejected: index into details
        uint32_t call = cdr_detail::kNone;     // kept rows: index into calls
    };
    // A kept row (answered, answered without queue, abandoned).
    struct Call {
        uint32_t row = 0;
        uint64_t key = 0;        // Event::call
        uint64_t id = 0;         // hash of the call's id alone
        uint64_t id_hash = 0;    // of the call's id and start: the idempotency keys
        uint32_t agent = cdr_detail::kNone;  // interned agent value
        int64_t entry = -1, exit = -1, answer = -1, end = -1;
        uint16_t queue_index = kNoQueue;
        uint32_t agent_index = kNoAgent;
        bool dropped = false;
        int64_t start() const { return entry >= 0 ? entry : answer; }
        int64_t last() const { return answer >= 0 ? end : exit; }
    };
    struct Note {
        uint32_t row = 0;
        uint32_t kind = 0;  // interned
        std::string detail;
    };

    CdrRowReader reader;
    QueueLogMapper dir;
    size_t max_listed;
    cdr_detail::Interned strings;
    std::vector<File> files;
    std::vector<Row> rows;
    std::vector<Call> calls;
    std::vector<Note> notes;
    std::vector<std::string> details;
    std::unordered_map<uint64_t, uint32_t> occurrences;  // line hash -> identical lines so far (no call id)
    // An event to store: its time, its call, which of the call's events (0 offered, then answered,
    // completed and logout, or abandoned) and its place among events of the same millisecond.
    struct Ref {
        int64_t t = 0;
        uint32_t call = 0;
        uint8_t ordinal = 0;
        uint8_t phase = 0;
    };
    std::vector<Ref> events;
    std::vector<size_t> call_done_at;  // sorted: positions after each kept call's last event
    CdrSummary summary;
    uint64_t lines = 0, header_lines = 0, blank_lines = 0;

    Impl(CdrRowReader r, QueueLogMapperConfig d, size_t listed)
        : reader(std::move(r)), dir(WithoutSystemWrapUp(std::move(d))), max_listed(listed) {}

    // A call-detail row says nothing of the agent after the call: logged out, not wrapping up.
    static QueueLogMapperConfig WithoutSystemWrapUp(QueueLogMapperConfig config) {
        config.wrap_up_by_system = false;
        return config;
    }

    void AddRow(uint32_t file, uint64_t line_number, std::string_view line, const CdrLayout& layout);
    void Reject(Row& row, const std::string& reason, const std::string& detail);
    void CheckCallIds();
    void CheckAgents();
    void MakeDirectory();
    void MakeEvents();
    void MakeSummary();
    std::string Where(uint32_t row) const { return files[rows[row].file].path + " line " + std::to_string(rows[row].line); }
    std::string Local(int64_t utc_ms) const { return FormatCivilTime(reader.zone().ToCivil(utc_ms)); }
};

}  // namespace cb
