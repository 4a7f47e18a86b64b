#include "server/ingest/cdr_import.h"

#include <sys/stat.h>
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <unordered_map>
#include "server/ingest/queue_log.h"
#include "server/ingest/queue_log_feed.h"
#include "server/ingest/queue_log_reader.h"

namespace cb {
namespace {

constexpr size_t kMaxLineBytes = 65536;
constexpr uint32_t kNone = UINT32_MAX;

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

bool IsAnswered(CdrRowKind k) { return k == CdrRowKind::Answered || k == CdrRowKind::AnsweredDirect; }

}  // namespace

struct CdrImport::Impl {
    // Every data row: where it is, what it became, its queue and outcome values.
    struct Row {
        uint32_t file = 0;
        uint64_t line = 0;
        CdrRowKind kind = CdrRowKind::Rejected;
        uint32_t queue = kNone;    // interned queue value
        uint32_t outcome = kNone;  // interned outcome value
        uint32_t reason = kNone;   // rejected: interned reason
        uint32_t detail = kNone;   // rejected: index into details
        uint32_t call = kNone;     // kept rows: index into calls
    };
    // A kept row (answered, answered without queue, abandoned).
    struct Call {
        uint32_t row = 0;
        uint64_t key = 0;        // Event::call
        uint64_t id_hash = 0;    // of the call's id and start: the idempotency keys
        uint32_t agent = kNone;  // interned agent value
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
    Interned strings;
    std::vector<File> files;
    std::vector<Row> rows;
    std::vector<Call> calls;
    std::vector<Note> notes;
    std::vector<std::string> details;
    std::unordered_map<uint64_t, uint32_t> occurrences;  // line hash -> identical lines so far (no call id)
    std::vector<CdrEvent> events;
    std::vector<uint32_t> event_file;
    std::vector<size_t> call_done_at;  // sorted: positions after each kept call's last event
    CdrSummary summary;
    uint64_t lines = 0, header_lines = 0, blank_lines = 0;

    Impl(CdrRowReader r, QueueLogMapperConfig d, size_t listed)
        : reader(std::move(r)), dir(std::move(d)), max_listed(listed) {}

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

void CdrImport::Impl::Reject(Row& row, const std::string& reason, const std::string& detail) {
    row.kind = CdrRowKind::Rejected;
    row.reason = strings.Id(reason);
    row.detail = static_cast<uint32_t>(details.size());
    details.push_back(detail);
}

void CdrImport::Impl::AddRow(uint32_t file, uint64_t line_number, std::string_view line, const CdrLayout& layout) {
    CdrRow read = reader.Read(line, layout);
    Row row;
    row.file = file;
    row.line = line_number;
    row.kind = read.kind;
    if (!read.queue.empty()) row.queue = strings.Id(read.queue);
    if (!read.outcome.empty()) row.outcome = strings.Id(read.outcome);
    const uint32_t index = static_cast<uint32_t>(rows.size());
    if (read.kind == CdrRowKind::Rejected) {
        Reject(row, read.reason, read.detail);
    } else {
        for (CdrNote& n : read.notes) notes.push_back(Note{index, strings.Id(n.kind), std::move(n.detail)});
    }
    if (read.kind == CdrRowKind::Answered || read.kind == CdrRowKind::AnsweredDirect || read.kind == CdrRowKind::Abandoned) {
        Call call;
        call.row = index;
        call.entry = read.entry_ms;
        call.exit = read.exit_ms;
        if (IsAnswered(read.kind)) {
            call.answer = read.answer_ms;
            call.end = read.end_ms;
            call.agent = strings.Id(read.agent);
        }
        // The call's id: its id columns, or (none mapped) the row's text and how many identical
        // rows came before it in this import.
        std::string id = read.call_id;
        if (id.empty()) {
            const uint64_t h = QueueLogHash(line);
            char buf[48];
            std::snprintf(buf, sizeof buf, "row:%016" PRIx64 ":%u", h, occurrences[h]++);
            id = buf;
        }
        call.key = QueueLogHash(id);
        call.id_hash = QueueLogHash(id + "|" + std::to_string(call.start()));
        row.call = static_cast<uint32_t>(calls.size());
        calls.push_back(call);
    }
    rows.push_back(row);
}

// One call id at two overlapping times (a repeated row, or two exports of one call): the later
// row is refused. The same id at separate times is two legs of one call (or a reused id).
void CdrImport::Impl::CheckCallIds() {
    if (reader.mapping().call_id.empty()) return;
    std::vector<uint32_t> order(calls.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const Call& x = calls[a];
        const Call& y = calls[b];
        if (x.key != y.key) return x.key < y.key;
        if (x.start() != y.start()) return x.start() < y.start();
        if (x.last() != y.last()) return x.last() < y.last();
        return x.row < y.row;
    });
    uint32_t prev = kNone;
    for (uint32_t i : order) {
        Call& c = calls[i];
        if (prev != kNone && calls[prev].key == c.key && c.start() < calls[prev].last() + (c.start() == calls[prev].start() ? 1 : 0)) {
            c.dropped = true;
            Reject(rows[c.row], "duplicate_call_id", "the same call id is on " + Where(calls[prev].row) + " at an overlapping time");
            continue;
        }
        if (prev == kNone || calls[prev].key != c.key || c.last() > calls[prev].last()) prev = i;
    }
}

// An agent serves one call at a time: a call answered before the agent's previous call ended
// is refused (calls taken in order of answer, then end).
void CdrImport::Impl::CheckAgents() {
    std::vector<uint32_t> order;
    for (uint32_t i = 0; i < calls.size(); ++i) {
        if (!calls[i].dropped && calls[i].answer >= 0) order.push_back(i);
    }
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const Call& x = calls[a];
        const Call& y = calls[b];
        if (x.agent != y.agent) return x.agent < y.agent;
        if (x.answer != y.answer) return x.answer < y.answer;
        if (x.end != y.end) return x.end < y.end;
        return x.row < y.row;
    });
    uint32_t prev = kNone;
    for (uint32_t i : order) {
        Call& c = calls[i];
        if (prev != kNone && calls[prev].agent == c.agent && c.answer < calls[prev].end) {
            c.dropped = true;
            Reject(rows[c.row], "agent_busy", strings.Name(c.agent) + " was still serving the call on " +
                                                  Where(calls[prev].row) + " until " + Local(calls[prev].end));
            continue;
        }
        prev = i;
    }
}

void CdrImport::Impl::MakeDirectory() {
    for (Call& c : calls) {  // in row order: the directory grows the same way on every import
        if (c.dropped) continue;
        const std::string& queue = strings.Name(rows[c.row].queue);
        c.queue_index = dir.QueueIndex(queue);
        if (c.queue_index == kNoQueue) {
            c.dropped = true;
            Reject(rows[c.row], "unusable_queue", "queue '" + queue + "' cannot be used as a queue key");
            continue;
        }
        if (c.answer >= 0) {
            const std::string& agent = strings.Name(c.agent);
            c.agent_index = dir.AgentIndex(agent);
            if (c.agent_index == kNoAgent) {
                c.dropped = true;
                Reject(rows[c.row], "unusable_agent", "agent '" + agent + "' cannot be used as an agent key");
            }
        }
    }
}

// Events in storing order: by time; at one millisecond, first the ends of calls that began
// earlier (an agent's previous call), then calls that begin and end in that millisecond, then
// the starts of calls that go on; within each, calls in order of start and a call's own events
// in their order. So an agent's calls never overlap and a call's events never go backwards.
void CdrImport::Impl::MakeEvents() {
    std::vector<uint32_t> kept;
    for (uint32_t i = 0; i < calls.size(); ++i) {
        if (!calls[i].dropped) kept.push_back(i);
    }
    std::sort(kept.begin(), kept.end(), [&](uint32_t a, uint32_t b) {
        const Call& x = calls[a];
        const Call& y = calls[b];
        if (x.start() != y.start()) return x.start() < y.start();
        if (x.last() != y.last()) return x.last() < y.last();
        return x.row < y.row;
    });
    struct Keyed {
        int64_t t;
        int phase;
        uint32_t rank;
        int ordinal;
        CdrEvent e;
    };
    std::vector<Keyed> all;
    all.reserve(kept.size() * 4);
    for (uint32_t rank = 0; rank < kept.size(); ++rank) {
        const Call& c = calls[kept[rank]];
        const uint32_t index = kept[rank];
        int ordinal = 0;
        auto add = [&](EventKind kind, char letter, int64_t t, bool ends) {
            Event e;
            e.kind = kind;
            e.t_ms = t;
            e.call = c.key;
            e.queue = c.queue_index;
            if (kind == EventKind::CallAnswered || kind == EventKind::CallCompleted || kind == EventKind::AgentLogout)
                e.agent = c.agent_index;
            if (kind == EventKind::AgentLogout) {
                e.call = 0;
                e.queue = kNoQueue;
            }
            if (kind == EventKind::CallAnswered) e.wait_ms = c.entry >= 0 ? c.answer - c.entry : 0;
            if (kind == EventKind::CallAbandoned) e.wait_ms = c.exit - c.entry;
            const bool instant = c.start() == t && c.last() == t;
            const int phase = instant ? 1 : (ends && c.start() < t ? 0 : 2);
            // A queued call answered in the millisecond its service ends is "instant" there too.
            const bool service_instant = c.answer >= 0 && c.answer == t && c.end == t;
            all.push_back(Keyed{t, service_instant ? 1 : phase, rank, ordinal++, CdrEvent{e, index, letter}});
        };
        if (c.answer >= 0) {
            add(EventKind::CallOffered, 'o', c.start(), false);
            add(EventKind::CallAnswered, 'a', c.answer, false);
            add(EventKind::CallCompleted, 'c', c.end, true);
            add(EventKind::AgentLogout, 'l', c.end, true);
        } else {
            add(EventKind::CallOffered, 'o', c.entry, false);
            add(EventKind::CallAbandoned, 'b', c.exit, true);
        }
    }
    std::sort(all.begin(), all.end(), [](const Keyed& a, const Keyed& b) {
        if (a.t != b.t) return a.t < b.t;
        if (a.phase != b.phase) return a.phase < b.phase;
        if (a.rank != b.rank) return a.rank < b.rank;
        return a.ordinal < b.ordinal;
    });
    events.clear();
    events.reserve(all.size());
    event_file.clear();
    std::vector<size_t> done(calls.size(), 0);
    for (const Keyed& k : all) {
        events.push_back(k.e);
        const uint32_t file = rows[calls[k.e.call].row].file;
        event_file.push_back(file);
        files[file].events_end = events.size();
        done[k.e.call] = events.size();
    }
    call_done_at.clear();
    for (uint32_t i : kept) call_done_at.push_back(done[i]);
    std::sort(call_done_at.begin(), call_done_at.end());
}

void CdrImport::Impl::MakeSummary() {
    CdrSummary s;
    for (const File& f : files) {
        s.files.push_back(f.path);
        s.per_file.push_back(CdrFileCounts{f.path, {}, {}, {}, {}});
    }
    s.mapping = reader.mapping().name;
    s.time_zone = reader.zone().name();
    s.lines = lines;
    s.header_lines = header_lines;
    s.blank_lines = blank_lines;
    const Directory& d = dir.directory();
    std::vector<bool> agent_seen(d.agents.size()), queue_seen(d.queues.size());
    std::map<std::string, uint64_t> listed;
    for (uint32_t r = 0; r < rows.size(); ++r) {
        const Row& row = rows[r];
        CdrCounts none;
        CdrCounts& q = row.queue != kNone ? s.per_queue[strings.Name(row.queue)] : none;
        CdrFileCounts& in_file = s.per_file[row.file];
        if (row.outcome != kNone) {
            ++s.outcome_values[strings.Name(row.outcome)];
            ++in_file.outcome_values[strings.Name(row.outcome)];
        }
        for (CdrCounts* c : {&s.total, &q, &in_file.counts}) {
            ++c->rows;
            switch (row.kind) {
            case CdrRowKind::Answered: ++c->answered; break;
            case CdrRowKind::AnsweredDirect: ++c->answered_without_queue; break;
            case CdrRowKind::Abandoned: ++c->abandoned; break;
            case CdrRowKind::BeforeQueue: ++c->hung_up_before_queue; break;
            case CdrRowKind::Ignored: ++c->ignored; break;
            case CdrRowKind::Rejected: ++c->rejected; break;
            }
        }
        if (row.kind == CdrRowKind::Rejected) {
            const std::string& reason = strings.Name(row.reason);
            ++s.rejected_by_reason[reason];
            ++in_file.rejected_by_reason[reason];
            if (listed[reason]++ < max_listed)
                s.rejected.push_back(CdrListedRow{files[row.file].path, row.line, reason, details[row.detail]});
            continue;
        }
        if (row.call == kNone) continue;
        const Call& c = calls[row.call];
        q.threshold_s = d.queues[c.queue_index].sl.threshold_s;
        const int64_t t_ms = int64_t{q.threshold_s} * 1000;
        queue_seen[c.queue_index] = true;
        for (CdrCounts* counts : {&s.total, &q, &in_file.counts}) {
            if (c.answer >= 0) {
                const int64_t wait = c.entry >= 0 ? c.answer - c.entry : 0;
                counts->wait_answered_ms += wait;
                counts->answered_within_t += wait <= t_ms;
                counts->talk_ms += c.end - c.answer;
            } else {
                const int64_t wait = c.exit - c.entry;
                counts->wait_abandoned_ms += wait;
                counts->abandoned_within_t += wait <= t_ms;
            }
        }
        if (c.agent_index != kNoAgent) agent_seen[c.agent_index] = true;
    }
    for (const Note& n : notes) {
        if (rows[n.row].kind == CdrRowKind::Rejected) continue;  // refused later (agent busy): no note
        const std::string& kind = strings.Name(n.kind);
        ++s.notes_by_kind[kind];
        ++s.per_file[rows[n.row].file].notes_by_kind[kind];
        if (listed["note:" + kind]++ < max_listed)
            s.notes.push_back(CdrListedRow{files[rows[n.row].file].path, rows[n.row].line, kind, n.detail});
    }
    s.agents = static_cast<uint64_t>(std::count(agent_seen.begin(), agent_seen.end(), true));
    s.queues = static_cast<uint64_t>(std::count(queue_seen.begin(), queue_seen.end(), true));
    s.events = events.size();
    if (!events.empty()) {
        s.first_ms = events.front().event.t_ms;
        s.last_ms = events.back().event.t_ms;
    }
    summary = std::move(s);
}

CdrImport::CdrImport(CdrRowReader reader, QueueLogMapperConfig directory, size_t max_listed)
    : m_impl(std::make_unique<Impl>(std::move(reader), std::move(directory), max_listed)) {}
CdrImport::~CdrImport() = default;

Status CdrImport::AddFile(const std::string& path) {
    Impl& m = *m_impl;
    QueueLogReader reader(kMaxLineBytes);
    if (!reader.Open(path)) return Status::Error(path + ": " + reader.error());
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return Status::Error(path + ": cannot stat the file");
    const uint32_t file = static_cast<uint32_t>(m.files.size());
    m.files.push_back(File{path, FileIdentity(path), static_cast<int64_t>(st.st_size), 0, 0});
    const size_t rows_before = m.rows.size(), calls_before = m.calls.size(), notes_before = m.notes.size();
    const uint64_t lines_before = m.lines, headers_before = m.header_lines, blank_before = m.blank_lines;
    auto undo = [&](const std::string& error) {
        m.rows.resize(rows_before);
        m.calls.resize(calls_before);
        m.notes.resize(notes_before);
        m.lines = lines_before;
        m.header_lines = headers_before;
        m.blank_lines = blank_before;
        m.files.pop_back();
        return Status::Error(path + ": " + error);
    };
    const CdrMapping& mapping = m.reader.mapping();
    CdrLayout layout;
    bool have_layout = !mapping.header;
    if (have_layout) {
        Result<CdrLayout> made = MakeCdrLayout(mapping);
        if (!made.ok()) return undo(made.status().message());
        layout = std::move(made.value());
    }
    auto take = [&](std::string_view line) -> Status {
        ++m.lines;
        const uint64_t number = reader.line_number();
        if (line.find_first_not_of(" \t") == std::string_view::npos) {
            ++m.blank_lines;
            return Status::Ok();
        }
        if (!have_layout) {
            Result<CdrLayout> made = MakeCdrLayout(mapping, line);
            if (!made.ok()) return Status::Error("line " + std::to_string(number) + ": " + made.status().message());
            layout = std::move(made.value());
            have_layout = true;
            ++m.header_lines;
            return Status::Ok();
        }
        m.AddRow(file, number, line, layout);
        return Status::Ok();
    };
    std::string_view line;
    while (true) {
        const QueueLogReadStatus status = reader.Next(&line);
        if (status == QueueLogReadStatus::End) break;
        if (status == QueueLogReadStatus::Error) return undo(reader.error());
        if (status == QueueLogReadStatus::TooLong) {
            ++m.lines;
            Impl::Row row;
            row.file = file;
            row.line = reader.line_number();
            m.Reject(row, "too_long", "longer than " + std::to_string(kMaxLineBytes) + " bytes");
            m.rows.push_back(row);
            continue;
        }
        if (Status s = take(line); !s.ok()) return undo(s.message());
    }
    if (reader.TakePartial(&line)) {
        if (Status s = take(line); !s.ok()) return undo(s.message());
    }
    m.files.back().lines = static_cast<int64_t>(reader.line_number());
    return Status::Ok();
}

void CdrImport::Finish() {
    Impl& m = *m_impl;
    m.CheckCallIds();
    m.CheckAgents();
    m.MakeDirectory();
    m.MakeEvents();
    m.MakeSummary();
}

const CdrSummary& CdrImport::summary() const { return m_impl->summary; }
const Directory& CdrImport::directory() const { return m_impl->dir.directory(); }
const std::vector<CdrEvent>& CdrImport::events() const { return m_impl->events; }
const std::vector<CdrImport::File>& CdrImport::files() const { return m_impl->files; }
uint32_t CdrImport::FileOfEvent(size_t i) const { return m_impl->event_file[i]; }

uint64_t CdrImport::RowsBefore(size_t i) const {
    const std::vector<size_t>& done = m_impl->call_done_at;
    return static_cast<uint64_t>(std::upper_bound(done.begin(), done.end(), i) - done.begin());
}

StoredEvent CdrImport::Stored(size_t i) const {
    const CdrEvent& e = m_impl->events[i];
    char key[64];
    std::snprintf(key, sizeof key, "%013" PRId64 ":cdr1:%016" PRIx64 ":%c", e.event.t_ms, m_impl->calls[e.call].id_hash,
                  e.kind);
    return StoredEvent{key, e.event};
}

}  // namespace cb
