#include "server/ingest/cdr_import.h"

#include <sys/stat.h>
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include "server/ingest/cdr_import_impl.h"
#include "server/ingest/queue_log.h"
#include "server/ingest/queue_log_feed.h"
#include "server/ingest/queue_log_reader.h"

namespace cb {
namespace {

using cdr_detail::IsAnswered;
using cdr_detail::kNone;
constexpr size_t kMaxLineBytes = 65536;

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