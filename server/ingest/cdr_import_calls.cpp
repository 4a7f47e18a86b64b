// The per-call import after reading (cdr_import.h): the checks across rows, the directory, the
// events in storing order and the summary.
#include <algorithm>
#include <map>
#include <unordered_set>
#include "server/ingest/cdr_import_impl.h"

namespace cb {

using cdr_detail::kNone;

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

}  // namespace cb
