#include "server/ingest/cdr_import.h"

#include <sys/stat.h>
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>
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

// A row's call key (Event::call): the second it started, then 30 bits of its id's hash, so that
// keys follow time and the store's calls index grows at its end (as queue_log's call keys do).
// Every row is a call of its own. Two rows starting in the same second with the same 30 bits
// are told apart when the events are made (Impl::MakeEvents).
constexpr int kCallKeyHashBits = 30;
uint64_t CallKey(int64_t start_ms, uint64_t id_hash) {
    const uint64_t seconds = static_cast<uint64_t>(start_ms / 1000);
    return seconds << kCallKeyHashBits | (id_hash & ((uint64_t{1} << kCallKeyHashBits) - 1));
}

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
        uint64_t id = 0;         // hash of the call's id alone
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
        call.id = QueueLogHash(id);
        call.id_hash = QueueLogHash(id + "|" + std::to_string(call.start()));
        call.key = CallKey(call.start(), call.id_hash);
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
        if (x.id != y.id) return x.id < y.id;
        if (x.start() != y.start()) return x.start() < y.start();
        if (x.last() != y.last()) return x.last() < y.last();
        return x.row < y.row;
    });
    uint32_t prev = kNone;
    for (uint32_t i : order) {
        Call& c = calls[i];
        if (prev != kNone && calls[prev].id == c.id && c.start() < calls[prev].last() + (c.start() == calls[prev].start() ? 1 : 0)) {
            c.dropped = true;
            Reject(rows[c.row], "duplicate_call_id", "the same call id is on " + Where(calls[prev].row) + " at an overlapping time");
            continue;
        }
        if (prev == kNone || calls[prev].id != c.id || c.last() > calls[prev].last()) prev = i;
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
    std::vector<uint32_t> rank(calls.size(), 0);
    std::unordered_set<uint64_t> keys;
    for (uint32_t r = 0; r < kept.size(); ++r) {
        rank[kept[r]] = r;
        Call& c = calls[kept[r]];
        while (!keys.insert(c.key).second) ++c.key;  // the same second and hash bits: the next key
    }
    events.clear();
    for (uint32_t index : kept) {
        const Call& c = calls[index];
        const int64_t times[4] = {c.start(), c.answer >= 0 ? c.answer : c.exit, c.end, c.end};
        const int n = c.answer >= 0 ? 4 : 2;
        for (int k = 0; k < n; ++k) {
            const int64_t t = times[k];
            // 0: the end of a call that began earlier; 1: a call (or its service) that begins and
            // ends in this millisecond; 2: the start of a call that goes on.
            const bool ends = k >= 2 || (k == 1 && c.answer < 0);
            const bool instant = (c.start() == t && c.last() == t) || (c.answer >= 0 && c.answer == t && c.end == t && k >= 1);
            const uint8_t phase = instant ? 1 : ends && c.start() < t ? 0 : 2;
            events.push_back(Ref{t, index, static_cast<uint8_t>(k), phase});
        }
    }
    std::sort(events.begin(), events.end(), [&](const Ref& a, const Ref& b) {
        if (a.t != b.t) return a.t < b.t;
        if (a.phase != b.phase) return a.phase < b.phase;
        if (rank[a.call] != rank[b.call]) return rank[a.call] < rank[b.call];
        return a.ordinal < b.ordinal;
    });
    std::vector<size_t> done(calls.size(), 0);
    for (size_t i = 0; i < events.size(); ++i) {
        files[rows[calls[events[i].call].row].file].events_end = i + 1;
        done[events[i].call] = i + 1;
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
        s.first_ms = events.front().t;
        s.last_ms = events.back().t;
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
size_t CdrImport::event_count() const { return m_impl->events.size(); }
int64_t CdrImport::EventTime(size_t i) const { return m_impl->events[i].t; }
const std::vector<CdrImport::File>& CdrImport::files() const { return m_impl->files; }

uint32_t CdrImport::FileOfEvent(size_t i) const {
    return m_impl->rows[m_impl->calls[m_impl->events[i].call].row].file;
}

uint64_t CdrImport::RowsBefore(size_t i) const {
    const std::vector<size_t>& done = m_impl->call_done_at;
    return static_cast<uint64_t>(std::upper_bound(done.begin(), done.end(), i) - done.begin());
}

StoredEvent CdrImport::Stored(size_t i) const {
    const Impl::Ref& ref = m_impl->events[i];
    const Impl::Call& c = m_impl->calls[ref.call];
    static constexpr EventKind kAnswered[] = {EventKind::CallOffered, EventKind::CallAnswered, EventKind::CallCompleted,
                                              EventKind::AgentLogout};
    static constexpr EventKind kAbandoned[] = {EventKind::CallOffered, EventKind::CallAbandoned};
    static constexpr char kAnsweredLetters[] = "oacl";
    static constexpr char kAbandonedLetters[] = "ob";
    const bool answered = c.answer >= 0;
    Event e;
    e.kind = answered ? kAnswered[ref.ordinal] : kAbandoned[ref.ordinal];
    e.t_ms = ref.t;
    e.call = c.key;
    e.queue = c.queue_index;
    switch (e.kind) {
    case EventKind::CallAnswered:
        e.agent = c.agent_index;
        e.wait_ms = c.entry >= 0 ? c.answer - c.entry : 0;
        break;
    case EventKind::CallCompleted:
        e.agent = c.agent_index;
        break;
    case EventKind::AgentLogout:  // the agent's state after the call is not known: logged out
        e.agent = c.agent_index;
        e.call = 0;
        e.queue = kNoQueue;
        break;
    case EventKind::CallAbandoned:
        e.wait_ms = c.exit - c.entry;
        break;
    default:
        break;
    }
    char key[64];
    std::snprintf(key, sizeof key, "%013" PRId64 ":cdr1:%016" PRIx64 ":%c", ref.t, c.id_hash,
                  answered ? kAnsweredLetters[ref.ordinal] : kAbandonedLetters[ref.ordinal]);
    return StoredEvent{key, e};
}

}  // namespace cb
