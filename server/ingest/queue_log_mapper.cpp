// queue_log records -> Callboard events (queue_log_mapper.h): per-call and per-agent state,
// deterministic ids, policies for calls left open, and the summary. Directory growth lives in
// queue_log_directory.cpp.
#include "server/ingest/queue_log_mapper.h"

#include <algorithm>

#include "server/auth/phone.h"
#include "server/ingest/queue_log_mapper_impl.h"

namespace cb {

using qlog_detail::CallSt;
using qlog_detail::CallPhase;

std::vector<QueueLogReasonRule> DefaultQueueLogReasonRules() {
    return {
        {"lunch", NotReadyReason::Lunch},       {"午餐", NotReadyReason::Lunch},
        {"午饭", NotReadyReason::Lunch},        {"break", NotReadyReason::Break},
        {"休息", NotReadyReason::Break},        {"training", NotReadyReason::Training},
        {"培训", NotReadyReason::Training},     {"meeting", NotReadyReason::Meeting},
        {"会议", NotReadyReason::Meeting},      {"coaching", NotReadyReason::Coaching},
        {"辅导", NotReadyReason::Coaching},     {"personal", NotReadyReason::Personal},
        {"私事", NotReadyReason::Personal},     {"toilet", NotReadyReason::Personal},
        {"restroom", NotReadyReason::Personal}, {"escalation", NotReadyReason::Escalation},
        {"升级", NotReadyReason::Escalation},
    };
}

QueueLogMapper::QueueLogMapper(QueueLogMapperConfig config) : m_impl(std::make_unique<Impl>(std::move(config))) {}
QueueLogMapper::~QueueLogMapper() = default;
QueueLogMapper::QueueLogMapper(QueueLogMapper&&) noexcept = default;
QueueLogMapper& QueueLogMapper::operator=(QueueLogMapper&&) noexcept = default;

const Directory& QueueLogMapper::directory() const { return m_impl->dir; }
uint64_t QueueLogMapper::directory_revision() const { return m_impl->revision; }
const QueueLogSummary& QueueLogMapper::summary() const { return m_impl->summary; }
uint32_t QueueLogMapper::AgentIndex(std::string_view member) { return m_impl->AgentIndex(member); }
uint16_t QueueLogMapper::QueueIndex(std::string_view name) { return m_impl->QueueIndex(name); }
NotReadyReason QueueLogMapper::ReasonFor(std::string_view text) const { return m_impl->ReasonFor(text); }
uint64_t QueueLogMapper::CallKey(std::string_view callid) { return m_impl->Call(callid).key; }

QueueLogLineResult QueueLogMapper::MapLine(std::string_view line, std::vector<Event>* out) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    QueueLogRecord rec;
    const QueueLogStatus st = ParseQueueLogLine(line, &rec);
    if (st != QueueLogStatus::Ok) return m_impl->NotMapped(line, st);
    return m_impl->Map(rec, line, out);
}

QueueLogLineResult QueueLogMapper::MapCsvRow(std::string_view row, const QueueLogCsvLayout& layout,
                                             const QueueLogCsvOptions& options, std::vector<Event>* out) {
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    QueueLogRecord rec;
    const QueueLogStatus st = ParseQueueLogCsvRow(row, layout, options, &m_impl->scratch, &rec);
    if (st != QueueLogStatus::Ok) return m_impl->NotMapped(row, st);
    return m_impl->Map(rec, row, out);
}

QueueLogLineResult QueueLogMapper::MapRecord(const QueueLogRecord& record, std::string_view raw,
                                             std::vector<Event>* out) {
    return m_impl->Map(record, raw, out);
}

QueueLogLineResult QueueLogMapper::Reject(std::string_view raw, QueueLogStatus status) {
    return m_impl->NotMapped(raw, status == QueueLogStatus::Ok ? QueueLogStatus::BadEncoding : status);
}

void QueueLogMapper::Finish(std::vector<Event>* out, int64_t t_ms) {
    Impl& m = *m_impl;
    const int64_t t = t_ms >= 0 ? t_ms : std::max<int64_t>(0, m.summary.last_t_ms);
    m.CloseAll(t, /*line_hash=*/QueueLogHash("finish"), /*rank=*/qlog_detail::kMaxRank, out);
}

// ---- Impl ------------------------------------------------------------------------------------

// The summary lists rejected lines and is printed: an ENTERQUEUE line's caller number (the 7th
// '|' field) is masked there (MaskPhone; the text is already cut and ASCII-only).
void QueueLogMapper::Impl::MaskEnterQueueCaller(std::string* text) {
    size_t start = 0;
    std::string_view event;
    for (int field = 0; field < 6; ++field) {
        const size_t bar = text->find('|', start);
        if (bar == std::string::npos) return;
        if (field == 4) event = std::string_view(*text).substr(start, bar - start);
        start = bar + 1;
    }
    if (event != "ENTERQUEUE") return;
    size_t end = text->find('|', start);
    if (end == std::string::npos) end = text->size();
    text->replace(start, end - start, MaskPhone(std::string_view(*text).substr(start, end - start)));
}

QueueLogLineResult QueueLogMapper::Impl::NotMapped(std::string_view raw, QueueLogStatus st) {
    QueueLogLineResult res;
    res.line_number = ++summary.lines_read;
    res.status = st;
    res.line_hash = QueueLogHash(raw);
    res.key = LineKey(res.line_hash, 0);
    if (st == QueueLogStatus::Blank) {
        ++summary.lines_blank;
        res.kind = QueueLogLineKind::Blank;
        return res;
    }
    res.kind = QueueLogLineKind::Rejected;
    ++summary.lines_rejected;
    if (summary.rejected.size() < config.max_rejected_listed) {
        QueueLogRejectedLine r;
        r.line_number = res.line_number;
        r.status = st;
        r.reason = std::string(QueueLogStatusName(st));
        switch (st) {
        case QueueLogStatus::TooLong: r.reason += ": line longer than the limit"; break;
        case QueueLogStatus::BadEncoding: r.reason += ": control bytes or invalid UTF-8"; break;
        case QueueLogStatus::BadTime: r.reason += ": time is not an epoch or date, or not in 1970-2099 (UTC)"; break;
        case QueueLogStatus::TooFewFields: r.reason += ": fewer than 5 fields"; break;
        case QueueLogStatus::BadEventName: r.reason += ": event name empty or invalid"; break;
        case QueueLogStatus::BadData: r.reason += ": a numeric field of the event is not a number"; break;
        default: break;
        }
        const std::string_view cut = raw.substr(0, 120);
        r.text.reserve(cut.size());
        for (unsigned char c : cut) r.text.push_back(c < 0x20 || c >= 0x7F ? '?' : static_cast<char>(c));
        MaskEnterQueueCaller(&r.text);
        summary.rejected.push_back(std::move(r));
    }
    return res;
}

std::string QueueLogMapper::Impl::LineKey(uint64_t hash, uint32_t occurrence) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string key = "ql1:";
    for (int s = 60; s >= 0; s -= 4) key.push_back(kHex[(hash >> s) & 0xF]);
    key.push_back(':');
    key += std::to_string(occurrence);
    return key;
}

uint64_t QueueLogMapper::Impl::Mix(uint64_t x) {
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ULL;
    x ^= x >> 27;
    x *= 0x81dadef4bc2dd44dULL;
    x ^= x >> 33;
    return x;
}

uint64_t QueueLogMapper::Impl::MakeId(uint64_t low_seed, uint32_t rank, uint32_t sub) {
    uint64_t low = Mix(low_seed) & 0xFFFFFFFFFFFFULL;
    if (low == 0) low = 1;
    return (uint64_t{std::min(rank, qlog_detail::kMaxRank)} << 52) | (uint64_t{std::min(sub, 15u)} << 48) | low;
}

void QueueLogMapper::Impl::Emit(Event e, std::vector<Event>* out, CallSt* hold_in) {
    e.id = MakeId(cur_seed, cur_rank, cur_sub++);
    if (hold_in != nullptr && holding) {
        hold_in->held.push_back(e);
        return;
    }
    out->push_back(e);
    ++summary.events;
}

void QueueLogMapper::Impl::Release(CallSt& c, std::vector<Event>* out) {
    for (const Event& e : c.held) out->push_back(e);
    summary.events += c.held.size();
    c.held.clear();
    c.held.shrink_to_fit();
}

QueueLogCallCounts* QueueLogMapper::Impl::QueueCounts(uint16_t q) {
    if (q == kNoQueue) return nullptr;
    if (summary.per_queue.size() <= q) summary.per_queue.resize(size_t{q} + 1);
    return &summary.per_queue[q];
}

// The event that ends an open call at t (kind and details set by the caller). Its id: the
// line's rank, sub-index 15, low bits from the call key, so closes of one line stay unique. Its
// exit reason is `other` whatever its kind: no queue_log line ends a call with that reason, so
// the stored event says the call had no end line (reconciliation, docs/queue_log.md).
Event QueueLogMapper::Impl::ClosingEvent(const CallSt& c, int64_t t) {
    Event e;
    e.t_ms = t;
    e.call = c.key;
    e.queue = c.queue;
    e.exit_reason = ExitReason::Other;
    e.id = MakeId(cur_seed ^ Mix(c.key), cur_rank, 15);
    return e;
}

// Ends an open call at t by the configured policy (QUEUESTART, Finish, or its agent answering
// another call). Counts it in its category once.
void QueueLogMapper::Impl::Close(CallSt& c, int64_t t, std::vector<Event>* out) {
    if (c.phase == CallPhase::Waiting) {
        Count(c.queue, [](QueueLogCallCounts& k) { ++k.left_open; });
        if (config.waiting_open == QueueLogWaitingOpen::Exclude) {
            Count(c.queue, [](QueueLogCallCounts& k) { ++k.excluded; });
            c.held.clear();
        } else {
            Event e = ClosingEvent(c, t);
            e.wait_ms = std::max<int64_t>(0, t - c.entry_ms);
            e.kind = config.waiting_open == QueueLogWaitingOpen::Abandoned ? EventKind::CallAbandoned
                                                                            : EventKind::CallExited;
            Release(c, out);
            out->push_back(e);
            ++summary.events;
        }
    } else if (c.phase == CallPhase::Answered) {
        Count(c.queue, [](QueueLogCallCounts& k) { ++k.answered_no_completion; });
        if (config.answered_open == QueueLogAnsweredOpen::Exclude) {
            Count(c.queue, [](QueueLogCallCounts& k) { ++k.excluded; });
            c.held.clear();
        } else {
            Event e = ClosingEvent(c, t);
            e.agent = c.agent;
            e.kind = EventKind::CallCompleted;
            Release(c, out);
            out->push_back(e);
            ++summary.events;
        }
        if (c.agent < agents.size() && agents[c.agent].on_call == c.key) agents[c.agent].on_call = 0;
    }
    c.closed = true;
    MarkEnded(c, t);
}

void QueueLogMapper::Impl::CloseAll(int64_t t, uint64_t seed, uint32_t rank, std::vector<Event>* out) {
    cur_seed = seed;
    cur_rank = rank;
    cur_sub = 0;
    std::vector<CallSt*> open;
    for (auto& [id, c] : calls)
        if (c.phase != CallPhase::Ended) open.push_back(&c);
    // Deterministic order (hash maps are not): by entry time, then key.
    std::sort(open.begin(), open.end(), [](const CallSt* a, const CallSt* b) {
        return a->entry_ms != b->entry_ms ? a->entry_ms < b->entry_ms : a->key < b->key;
    });
    for (CallSt* c : open) Close(*c, t, out);
}

void QueueLogMapper::Impl::MarkEnded(CallSt& c, int64_t t) {
    c.phase = CallPhase::Ended;
    c.ended_ms = t;
    ended.emplace_back(t, c.key);
}

// Forgets calls that ended more than an hour (log time) ago, so memory stays bounded on long logs.
void QueueLogMapper::Impl::Sweep(int64_t now_ms) {
    while (!ended.empty() && now_ms - ended.front().first > 3600000) {
        const auto [t, key] = ended.front();
        ended.pop_front();
        auto owner = key_owner.find(key);
        if (owner == key_owner.end()) continue;
        auto it = calls.find(owner->second);
        // Still ended, and not re-entered since (a later end is queued again).
        if (it == calls.end() || it->second.phase != CallPhase::Ended || it->second.ended_ms != t) continue;
        key_owner.erase(owner);
        calls.erase(it);
    }
}

CallSt* QueueLogMapper::Impl::FindByKey(uint64_t key) {
    auto owner = key_owner.find(key);
    if (owner == key_owner.end()) return nullptr;
    auto it = calls.find(owner->second);
    return it != calls.end() ? &it->second : nullptr;
}

CallSt& QueueLogMapper::Impl::Call(std::string_view callid) {
    auto it = calls.find(callid);
    if (it != calls.end()) return it->second;
    ++summary.calls;
    uint64_t key = config.call_keys == QueueLogCallKeys::Hashed ? QueueLogHash(callid) : QueueLogCallKey(callid);
    // Collision-safe interning: probe until the key is free (never 0).
    while (key == 0 || key_owner.count(key) != 0) ++key;
    auto [ins, _] = calls.emplace(std::string(callid), CallSt{});
    ins->second.key = key;
    key_owner.emplace(key, ins->first);
    return ins->second;
}

}  // namespace cb
