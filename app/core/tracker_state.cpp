// Tracker::Save / Load: the tracker's state as bytes, by agent and queue keys, so that a store
// carries it from one batch of events to the next, across restarts and directory growth.
// Format: "CBT" + format version byte, then varints (signed ones zigzag-encoded) and
// length-prefixed strings; see Writer / Reader below.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "tracker_impl.h"

namespace cb {
namespace {

constexpr char kMagic[] = {'C', 'B', 'T'};
constexpr uint8_t kFormat = 2;  // 2: legs carry their origin (format 1 still loads, origin 0)
constexpr uint32_t kNone32 = 0xFFFFFFFFu;

class Writer {
public:
    void U(uint64_t v) {
        while (v >= 0x80) {
            out.push_back(static_cast<char>((v & 0x7F) | 0x80));
            v >>= 7;
        }
        out.push_back(static_cast<char>(v));
    }
    void S(int64_t v) { U((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
    void Str(std::string_view s) {
        U(s.size());
        out.append(s);
    }
    std::string out;
};

class Reader {
public:
    explicit Reader(std::string_view in) : m_in(in) {}
    bool U(uint64_t* v) {
        uint64_t r = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_pos >= m_in.size()) return Fail("ends early");
            const auto byte = static_cast<uint8_t>(m_in[m_pos++]);
            r |= uint64_t{byte & 0x7Fu} << shift;
            if (!(byte & 0x80)) {
                *v = r;
                return true;
            }
        }
        return Fail("a number is too long");
    }
    bool S(int64_t* v) {
        uint64_t u = 0;
        if (!U(&u)) return false;
        *v = static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
        return true;
    }
    template <typename T>
    bool Small(T* v, uint64_t limit) {
        uint64_t u = 0;
        if (!U(&u)) return false;
        if (u > limit) return Fail("a value is out of range");
        *v = static_cast<T>(u);
        return true;
    }
    bool Str(std::string* s) {
        uint64_t n = 0;
        if (!U(&n)) return false;
        if (n > m_in.size() - m_pos) return Fail("a text runs past the end");
        s->assign(m_in.substr(m_pos, n));
        m_pos += n;
        return true;
    }
    bool Count(size_t* n) {  // a count of items that take at least one byte each
        uint64_t u = 0;
        if (!U(&u)) return false;
        if (u > m_in.size() - m_pos) return Fail("a count is larger than the data");
        *n = static_cast<size_t>(u);
        return true;
    }
    bool Fail(const char* why) {
        if (error.empty()) error = why;
        return false;
    }
    bool done() const { return m_pos == m_in.size(); }
    std::string error;

private:
    std::string_view m_in;
    size_t m_pos = 0;
};

void PutRef(Writer& w, const LegRef& r) {
    w.U(r.call);
    w.U(r.queue);
    w.S(r.home_ms);
    w.U(r.origin);
}

void PutLeg(Writer& w, const CallLeg& l) {
    w.U(l.call);
    w.U(l.origin);
    w.S(l.home_ms);
    w.U(l.queue);
    w.U(l.target_queue);
    w.U(l.agent);
    w.S(l.answered_ms);
    w.S(l.wait_ms);
    w.S(l.ended_ms);
    w.U(static_cast<uint8_t>(l.end));
    w.U(static_cast<uint8_t>(l.exit_reason));
    w.S(l.talk_ms);
    w.S(l.hold_ms);
    w.S(l.spell_since_ms);
    w.U(l.on_hold ? 1 : 0);
    w.S(l.wrap_ms);
    w.S(l.ring_noanswer);
}

// Index maps from the saved state's numbering to the directory's (kNoQueue / kNone32: absent).
struct Mapping {
    uint8_t format = kFormat;
    std::vector<uint16_t> queue;
    std::vector<uint32_t> agent;
    uint16_t Queue(uint64_t saved) const { return saved < queue.size() ? queue[saved] : kNoQueue; }
    uint32_t Agent(uint64_t saved) const { return saved < agent.size() ? agent[saved] : kNone32; }
};

bool GetRef(Reader& r, const Mapping& m, LegRef* ref) {
    uint64_t queue = 0;
    if (!r.U(&ref->call) || !r.U(&queue) || !r.S(&ref->home_ms)) return false;
    if (m.format >= 2 && !r.U(&ref->origin)) return false;
    ref->queue = m.Queue(queue);
    return true;
}

bool GetLeg(Reader& r, const Mapping& m, CallLeg* l) {
    uint64_t queue = 0, target = 0, agent = 0, on_hold = 0;
    int64_t rna = 0;
    if (!r.U(&l->call) || (m.format >= 2 && !r.U(&l->origin)) || !r.S(&l->home_ms) || !r.U(&queue) || !r.U(&target) || !r.U(&agent) ||
        !r.S(&l->answered_ms) || !r.S(&l->wait_ms) || !r.S(&l->ended_ms) ||
        !r.Small(&l->end, static_cast<uint64_t>(LegEnd::kCount) - 1) ||
        !r.Small(&l->exit_reason, static_cast<uint64_t>(ExitReason::Other)) || !r.S(&l->talk_ms) ||
        !r.S(&l->hold_ms) || !r.S(&l->spell_since_ms) || !r.U(&on_hold) || !r.S(&l->wrap_ms) || !r.S(&rna)) {
        return false;
    }
    l->queue = m.Queue(queue);
    l->target_queue = m.Queue(target);
    l->agent = agent == kNone32 ? kNoAgent : m.Agent(agent);
    l->on_hold = on_hold != 0;
    l->ring_noanswer = static_cast<int32_t>(rna);
    return true;
}

}  // namespace

std::string Tracker::Save() const {
    const Impl& m = *m_impl;
    Writer w;
    w.out.append(kMagic, sizeof kMagic);
    w.out.push_back(static_cast<char>(kFormat));
    w.S(m.day_start_ms);
    w.S(m.last_event_ms);
    w.U(m.stats.applied);
    w.U(m.stats.invalid);
    // Key tables first: records refer to queues and agents by their index in these.
    w.U(m.queues.size());
    for (size_t q = 0; q < m.queues.size(); ++q) w.Str(m.dir.queues[q].key);
    w.U(m.agents.size());
    for (size_t i = 0; i < m.agents.size(); ++i) w.Str(m.dir.agents[i].key);
    for (const TrackedAgent& a : m.agents) {
        w.U(static_cast<uint8_t>(a.state));
        w.U(static_cast<uint8_t>(a.reason));
        w.S(a.state_since_ms);
        w.S(a.logged_in_since_ms);
        w.U(a.call);
        w.S(a.call_since_ms);
        PutRef(w, a.ringing);
        PutLeg(w, a.leg);
        PutRef(w, a.last);
        w.U(a.queues.size());
        for (uint16_t q : a.queues) w.U(q);
    }
    w.U(m.waiting.size());
    m.waiting.ForEach([&](uint64_t, const tracker_detail::Waiting& wt) {
        PutLeg(w, wt.leg);
        w.U(wt.ringing_agent);
    });
    auto deadlines = m.deadlines;  // a copy: popped in order
    w.U(deadlines.size());
    while (!deadlines.empty()) {
        const tracker_detail::WrapDeadline& d = deadlines.top();
        w.S(d.at_ms);
        w.U(d.agent);
        w.U(d.call);
        deadlines.pop();
    }
    return std::move(w.out);
}

bool Tracker::Load(std::string_view saved, std::string* error, bool merge) {
    Impl& m = *m_impl;
    auto fail = [&](const std::string& why) {
        if (error) *error = "saved tracker state: " + why;
        return false;
    };
    if (saved.size() < 4 || saved.substr(0, 3) != std::string_view(kMagic, 3)) return fail("not a tracker state");
    const uint8_t format = static_cast<uint8_t>(saved[3]);
    if (format < 1 || format > kFormat) return fail("format " + std::to_string(format) + " is not known");
    Reader r(saved.substr(4));
    // Read into a fresh state; the tracker changes only when all of it was read.
    Impl loaded(m.dir, m.zone, m.sink);
    Mapping map;
    map.format = format;
    std::unordered_map<std::string, uint16_t> queue_by_key;
    for (uint16_t q = 0; q < loaded.queues.size(); ++q) queue_by_key.emplace(m.dir.queues[q].key, q);
    std::unordered_map<std::string, uint32_t> agent_by_key;
    for (uint32_t i = 0; i < loaded.agents.size(); ++i) agent_by_key.emplace(m.dir.agents[i].key, i);

    size_t n = 0;
    std::string key;
    if (!r.S(&loaded.day_start_ms) || !r.S(&loaded.last_event_ms) || !r.U(&loaded.stats.applied) ||
        !r.U(&loaded.stats.invalid) || !r.Count(&n)) {
        return fail(r.error);
    }
    for (size_t q = 0; q < n; ++q) {
        if (!r.Str(&key)) return fail(r.error);
        auto it = queue_by_key.find(key);
        map.queue.push_back(it != queue_by_key.end() ? it->second : kNoQueue);
    }
    if (!r.Count(&n)) return fail(r.error);
    for (size_t i = 0; i < n; ++i) {
        if (!r.Str(&key)) return fail(r.error);
        auto it = agent_by_key.find(key);
        map.agent.push_back(it != agent_by_key.end() ? it->second : kNone32);
    }
    for (size_t i = 0; i < n; ++i) {
        TrackedAgent a;
        size_t queues = 0;
        if (!r.Small(&a.state, static_cast<uint64_t>(AgentState::kCount) - 1) ||
            !r.Small(&a.reason, static_cast<uint64_t>(NotReadyReason::kCount) - 1) || !r.S(&a.state_since_ms) ||
            !r.S(&a.logged_in_since_ms) || !r.U(&a.call) || !r.S(&a.call_since_ms) || !GetRef(r, map, &a.ringing) ||
            !GetLeg(r, map, &a.leg) || !GetRef(r, map, &a.last) || !r.Count(&queues)) {
            return fail(r.error);
        }
        for (size_t k = 0; k < queues; ++k) {
            uint64_t q = 0;
            if (!r.U(&q)) return fail(r.error);
            if (const uint16_t mapped = map.Queue(q); mapped != kNoQueue) a.queues.push_back(mapped);
        }
        std::sort(a.queues.begin(), a.queues.end());
        a.queues.erase(std::unique(a.queues.begin(), a.queues.end()), a.queues.end());
        if (const uint32_t to = map.Agent(i); to != kNone32) loaded.agents[to] = std::move(a);
    }
    if (!r.Count(&n)) return fail(r.error);
    for (size_t i = 0; i < n; ++i) {
        tracker_detail::Waiting w;
        uint64_t ringing = 0;
        if (!GetLeg(r, map, &w.leg) || !r.U(&ringing)) return fail(r.error);
        if (w.leg.queue == kNoQueue) continue;  // its queue is gone from the directory
        w.ringing_agent = ringing == kNone32 ? kNoAgent : map.Agent(ringing);
        bool inserted = false;
        tracker_detail::Waiting& slot = loaded.waiting.Insert(w.leg.call, &inserted);
        if (!inserted) return fail("a call is waiting twice");
        slot = w;
        ++loaded.queues[w.leg.queue].waiting;
        loaded.queues[w.leg.queue].fifo.emplace_back(w.leg.home_ms, w.leg.call);
    }
    if (!r.Count(&n)) return fail(r.error);
    for (size_t i = 0; i < n; ++i) {
        tracker_detail::WrapDeadline d;
        uint64_t agent = 0;
        if (!r.S(&d.at_ms) || !r.U(&agent) || !r.U(&d.call)) return fail(r.error);
        d.agent = map.Agent(agent);
        if (d.agent != kNone32) loaded.deadlines.push(d);
    }
    if (!r.done()) return fail("has bytes after its end");
    if (merge) {
        loaded.day_start_ms = std::max(loaded.day_start_ms, m.day_start_ms);
        loaded.last_event_ms = std::max(loaded.last_event_ms, m.last_event_ms);
        loaded.stats.applied += m.stats.applied;
        loaded.stats.invalid += m.stats.invalid;
        for (size_t i = 0; i < loaded.agents.size(); ++i) {
            TrackedAgent& to = loaded.agents[i];
            const TrackedAgent& here = m.agents[i];
            std::vector<uint16_t> queues = here.queues;
            queues.insert(queues.end(), to.queues.begin(), to.queues.end());
            std::sort(queues.begin(), queues.end());
            queues.erase(std::unique(queues.begin(), queues.end()), queues.end());
            if (!(to.state != AgentState::LoggedOut || here.state == AgentState::LoggedOut)) to = here;
            to.queues = std::move(queues);
        }
        m.waiting.ForEach([&](uint64_t call, const tracker_detail::Waiting& w) {
            bool inserted = false;
            tracker_detail::Waiting& slot = loaded.waiting.Insert(call, &inserted);
            if (!inserted) return;
            slot = w;
            ++loaded.queues[w.leg.queue].waiting;
            loaded.queues[w.leg.queue].fifo.emplace_back(w.leg.home_ms, call);
        });
        auto deadlines = m.deadlines;
        while (!deadlines.empty()) {
            loaded.deadlines.push(deadlines.top());
            deadlines.pop();
        }
    }
    for (tracker_detail::QueueWaiting& q : loaded.queues) std::sort(q.fifo.begin(), q.fifo.end());
    m = std::move(loaded);
    return true;
}

}  // namespace cb
