// QueueLogMapper::Impl::Map: one parsed queue_log record -> Callboard events, by event kind
// (docs/queue_log.md has the table). Calls and agents keep a little state so that repeated or
// contradicting lines are counted once and the engine is never told an impossible transition.
#include <algorithm>

#include "server/ingest/event_time.h"
#include "server/ingest/queue_log_mapper_impl.h"

namespace cb {

using qlog_detail::AgentSt;
using qlog_detail::CallPhase;
using qlog_detail::CallSt;

namespace {

ExitReason ExitReasonOf(QueueLogEvent e) {
    switch (e) {
    case QueueLogEvent::ExitWithTimeout: return ExitReason::Timeout;
    case QueueLogEvent::ExitEmpty: return ExitReason::Empty;
    case QueueLogEvent::ExitWithKey: return ExitReason::Key;
    case QueueLogEvent::Withdraw: return ExitReason::Withdraw;
    default: return ExitReason::Other;
    }
}

// A duration the line states in ms, -1 when not stated; at most one day (kMaxStatedDurationMs,
// as the event API allows), so an absurd number neither overflows nor skews the sums.
int64_t StatedMs(int64_t ms) { return ms < 0 ? -1 : std::min(ms, kMaxStatedDurationMs); }
// A wait the line states in seconds, in ms (StatedMs); also at most the time since 1970-01-01,
// so the entry it implies stays a valid event time.
int64_t WaitMs(int64_t s, int64_t t_ms) {
    if (s < 0) return -1;
    return std::min(StatedMs(std::min(s, kMaxStatedDurationMs / 1000) * 1000), t_ms);
}
// When a call entered whose entry is not in the log: the line's time minus the stated wait.
int64_t EntryMs(const QueueLogRecord& r) { return r.t_ms - std::max<int64_t>(0, WaitMs(r.hold_s, r.t_ms)); }

// Lines a queue's members write (the agent column names a member of the queuename column's
// queue); a caller's lines (ENTERQUEUE, ABANDON, EXIT*) say nothing about membership.
bool IsMemberLine(QueueLogEvent e) {
    switch (e) {
    case QueueLogEvent::AddMember: case QueueLogEvent::RemoveMember: case QueueLogEvent::Pause:
    case QueueLogEvent::Unpause: case QueueLogEvent::Connect: case QueueLogEvent::RingNoAnswer:
    case QueueLogEvent::RingCanceled: case QueueLogEvent::CompleteAgent: case QueueLogEvent::CompleteCaller:
    case QueueLogEvent::Transfer: case QueueLogEvent::BlindTransfer: case QueueLogEvent::AttendedTransfer:
    case QueueLogEvent::Penalty: case QueueLogEvent::RingInUse:
        return true;
    default:
        return false;
    }
}

}  // namespace

QueueLogLineResult QueueLogMapper::Impl::Map(const QueueLogRecord& r, std::string_view raw, std::vector<Event>* out) {
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    QueueLogLineResult res;
    res.line_number = ++summary.lines_read;
    res.line_hash = QueueLogHash(raw);

    // Identity: occurrence among identical lines and rank within the second (file order).
    const int64_t second = r.t_ms / 1000;
    if (second != cur_second) {
        cur_second = second;
        cur_rank = 0;
        second_lines.clear();
    } else if (cur_rank < qlog_detail::kMaxRank) {
        ++cur_rank;
    }
    uint32_t occurrence = 0;
    auto same = std::find_if(second_lines.begin(), second_lines.end(),
                             [&](const auto& p) { return p.first == res.line_hash; });
    if (same != second_lines.end()) occurrence = same->second++;
    else second_lines.emplace_back(res.line_hash, 1);
    res.occurrence = occurrence;
    res.key = LineKey(res.line_hash, occurrence);
    cur_seed = res.line_hash ^ Mix(uint64_t{occurrence} + 0x9e3779b97f4a7c15ULL);
    cur_sub = 0;

    if (summary.first_t_ms < 0 || r.t_ms < summary.first_t_ms) summary.first_t_ms = r.t_ms;
    summary.last_t_ms = std::max(summary.last_t_ms, r.t_ms);
    Sweep(r.t_ms);

    const size_t before = out->size();
    const uint64_t events_before = summary.events;
    bool changed = true;     // the line changed call or agent state (even without an event)
    bool in_sequence = true;

    const uint16_t q = QueueIndex(r.queue);
    const uint32_t a = AgentIndex(r.agent);
    AgentSt* ag = a != kNoAgent ? &agents[a] : nullptr;

    Event base;
    base.t_ms = r.t_ms;
    base.queue = q;

    auto agent_ready_after_call = [&](AgentSt& s, uint32_t idx, std::vector<Event>* o) {
        // A pause asked for during the call starts when the call ends.
        if (s.pause_pending) {
            s.pause_pending = false;
            Event e = base;
            e.call = 0;
            e.queue = kNoQueue;
            e.kind = EventKind::AgentNotReady;
            e.agent = idx;
            e.reason = s.reason;
            Emit(e, o, nullptr);
        }
    };
    auto login = [&](AgentSt& s, bool paused, NotReadyReason reason) {
        s.login_known = true;
        if (s.logged_in) return false;
        s.logged_in = true;
        Event e = base;
        e.queue = kNoQueue;
        e.agent = a;
        e.kind = EventKind::AgentLogin;
        Emit(e, out, nullptr);
        s.paused = paused;
        s.reason = paused ? reason : NotReadyReason::None;
        if (!paused) {
            e.kind = EventKind::AgentReady;
            Emit(e, out, nullptr);
        }
        return true;
    };
    // Also for a member no line of this run logged in or out: it logged in before the log starts
    // (a rotated file, read by an earlier run), so the engine may still have it logged in. Once.
    auto logout = [&](AgentSt& s) {
        if (!s.logged_in && s.login_known) return false;
        s.login_known = true;
        if (s.on_call != 0) {
            CallSt* open = FindByKey(s.on_call);
            if (open != nullptr && open->phase == CallPhase::Answered) Close(*open, r.t_ms, out);
        }
        s.logged_in = false;
        s.paused = false;
        s.pause_pending = false;
        s.on_call = 0;
        Event e = base;
        e.queue = kNoQueue;
        e.agent = a;
        e.kind = EventKind::AgentLogout;
        Emit(e, out, nullptr);
        return true;
    };

    // Membership (docs/queue_log.md): a member line of a queue (ADDMEMBER, PAUSE in it, a ring,
    // a call answered from it...) makes the agent a member of that queue; REMOVEMEMBER ends it.
    // Per-queue agent counts and time follow it.
    if (ag != nullptr && q != kNoQueue && IsMemberLine(r.event)) {
        auto told = std::find(ag->members_told.begin(), ag->members_told.end(), q);
        const bool remove = r.event == QueueLogEvent::RemoveMember;
        if (remove != (told == ag->members_told.end())) {
            if (remove) ag->members_told.erase(told);
            else ag->members_told.push_back(q);
            Event e = base;
            e.agent = a;
            e.kind = remove ? EventKind::MemberRemoved : EventKind::MemberAdded;
            Emit(e, out, nullptr);
        }
    }

    switch (r.event) {
    case QueueLogEvent::Custom:
        ++summary.lines_custom;
        ++summary.custom_events[std::string(r.event_name)];
        res.kind = QueueLogLineKind::Custom;
        return res;

    case QueueLogEvent::QueueStart:
        ++summary.queue_starts;
        CloseAll(r.t_ms, cur_seed, cur_rank, out);
        break;

    case QueueLogEvent::EnterQueue: {
        CallSt& c = Call(r.callid);
        // A new entry after the call ended in a queue (it goes on to another); never after a close.
        if (c.phase != CallPhase::Ended || c.closed || q == kNoQueue) { in_sequence = false; break; }
        c = CallSt{c.key, CallPhase::Waiting, q, kNoAgent, r.t_ms, 0, {}, true};
        Count(q, [](QueueLogCallCounts& k) { ++k.entered; });
        if (!r.caller_num.empty()) {
            res.caller_call = c.key;
            res.caller_number = std::string(r.caller_num);
        }
        Event e = base;
        e.call = c.key;
        e.kind = EventKind::CallOffered;
        Emit(e, out, &c);
        break;
    }

    case QueueLogEvent::Connect: {
        CallSt& c = Call(r.callid);
        if (c.phase == CallPhase::Answered || ag == nullptr) { in_sequence = false; break; }
        if (c.phase == CallPhase::Ended) {
            // Entry not in this log (it started earlier): the engine takes entry = t - wait. A
            // call this run saw end cannot be answered (without entering a queue again).
            if (c.known || q == kNoQueue) { in_sequence = false; break; }
            c = CallSt{c.key, CallPhase::Waiting, q, kNoAgent, EntryMs(r), 0, {}, true};
            Count(q, [](QueueLogCallCounts& k) { ++k.entered; });
        }
        // The agent's previous call never completed (lost COMPLETE line): close it first.
        if (ag->on_call != 0 && ag->on_call != c.key) {
            CallSt* open = FindByKey(ag->on_call);
            if (open != nullptr && open->phase == CallPhase::Answered) Close(*open, r.t_ms, out);
            ag->on_call = 0;
        }
        c.phase = CallPhase::Answered;
        c.agent = a;
        ag->on_call = c.key;
        Count(c.queue, [](QueueLogCallCounts& k) { ++k.answered; });
        Event e = base;
        e.queue = c.queue;
        e.call = c.key;
        e.agent = a;
        e.kind = EventKind::CallAnswered;
        e.wait_ms = WaitMs(r.hold_s, r.t_ms);
        e.ring_ms = StatedMs(r.ring_ms);
        Emit(e, out, &c);
        break;
    }

    case QueueLogEvent::CompleteAgent:
    case QueueLogEvent::CompleteCaller:
    case QueueLogEvent::Transfer:
    case QueueLogEvent::BlindTransfer:
    case QueueLogEvent::AttendedTransfer: {
        const bool transfer = r.event != QueueLogEvent::CompleteAgent && r.event != QueueLogEvent::CompleteCaller;
        CallSt& c = Call(r.callid);
        if (ag == nullptr) { in_sequence = false; break; }
        // A call this run never saw, for an agent not on a call here: answered before the log
        // starts (a rotated file, read by an earlier run whose engine state was restored). The
        // event has the same call key as when the call was seen; an engine without that call on
        // that agent ignores it.
        const bool earlier = c.phase == CallPhase::Ended && !c.known && ag->on_call == 0 && IsCallId(r.callid);
        if (c.phase == CallPhase::Ended && !earlier) { in_sequence = false; break; }
        if (earlier) {
            c.known = true;
            c.queue = q;
            c.agent = a;
            Count(q, [](QueueLogCallCounts& k) { ++k.answered_earlier; });
        } else if (c.phase == CallPhase::Waiting) {
            // CONNECT missing (asterisk issue 759): the answer is known only now.
            if (ag->on_call != 0) { in_sequence = false; break; }
            c.phase = CallPhase::Answered;
            c.agent = a;
            Count(c.queue, [](QueueLogCallCounts& k) { ++k.answered; });
            Event e = base;
            e.queue = c.queue;
            e.call = c.key;
            e.agent = a;
            e.kind = EventKind::CallAnswered;
            e.wait_ms = WaitMs(r.hold_s, r.t_ms);
            Emit(e, out, &c);
        } else if (c.agent != a) {
            in_sequence = false;
            break;
        }
        if (!earlier) Count(c.queue, [&](QueueLogCallCounts& k) { ++(transfer ? k.transferred : k.completed); });
        Event e = base;
        e.queue = c.queue;
        e.call = c.key;
        e.agent = a;
        e.kind = transfer ? EventKind::CallTransferred : EventKind::CallCompleted;
        if (transfer && !r.exten.empty()) {
            auto it = queue_index.find(r.exten);
            if (it != queue_index.end()) e.target_queue = it->second;
        }
        Emit(e, out, &c);
        Release(c, out);
        MarkEnded(c, r.t_ms);
        ag->on_call = 0;
        agent_ready_after_call(*ag, a, out);
        break;
    }

    case QueueLogEvent::Abandon:
    case QueueLogEvent::ExitWithTimeout:
    case QueueLogEvent::ExitEmpty:
    case QueueLogEvent::ExitWithKey:
    case QueueLogEvent::Withdraw: {
        CallSt& c = Call(r.callid);
        if (c.phase == CallPhase::Answered) { in_sequence = false; break; }
        if (c.phase == CallPhase::Ended) {
            // Entry not in this log: counted as entered here; the engine uses the stated wait. A
            // call this run saw end cannot end again (without entering a queue again).
            if (c.known || q == kNoQueue) { in_sequence = false; break; }
            c = CallSt{c.key, CallPhase::Waiting, q, kNoAgent, EntryMs(r), 0, {}, true};
            Count(q, [](QueueLogCallCounts& k) { ++k.entered; });
        }
        const bool abandon = r.event == QueueLogEvent::Abandon;
        Count(c.queue, [&](QueueLogCallCounts& k) {
            ++(abandon ? k.abandoned : r.event == QueueLogEvent::ExitWithTimeout ? k.timed_out : k.other_exits);
        });
        Event e = base;
        e.queue = c.queue;
        e.call = c.key;
        e.kind = abandon ? EventKind::CallAbandoned : EventKind::CallExited;
        if (!abandon) e.exit_reason = ExitReasonOf(r.event);
        e.wait_ms = WaitMs(r.hold_s, r.t_ms);
        Emit(e, out, &c);
        Release(c, out);
        MarkEnded(c, r.t_ms);
        break;
    }

    case QueueLogEvent::RingNoAnswer: {
        if (ag == nullptr) { in_sequence = false; break; }
        CallSt* c = IsCallId(r.callid) ? &Call(r.callid) : nullptr;
        Count(c != nullptr && c->phase != CallPhase::Ended ? c->queue : q,
              [](QueueLogCallCounts& k) { ++k.ring_noanswer; });
        Event e = base;
        e.call = c != nullptr ? c->key : 0;
        if (c != nullptr && c->phase != CallPhase::Ended) e.queue = c->queue;
        e.agent = a;
        e.kind = EventKind::RingNoAnswer;
        e.ring_ms = StatedMs(r.ring_ms);
        Emit(e, out, c != nullptr && c->phase != CallPhase::Ended ? c : nullptr);
        break;
    }

    case QueueLogEvent::AddMember: {
        if (ag == nullptr) { in_sequence = false; break; }
        if (q != kNoQueue && std::find(ag->queues.begin(), ag->queues.end(), q) == ag->queues.end())
            ag->queues.push_back(q);
        login(*ag, r.paused, NotReadyReason::None);
        break;
    }
    case QueueLogEvent::RemoveMember: {
        if (ag == nullptr) { in_sequence = false; break; }
        ag->queues.erase(std::remove(ag->queues.begin(), ag->queues.end(), q), ag->queues.end());
        if (ag->queues.empty() && !ag->agent_login) logout(*ag);
        break;
    }
    case QueueLogEvent::AgentLogin:
    case QueueLogEvent::AgentCallbackLogin:
        if (ag == nullptr) { in_sequence = false; break; }
        ag->agent_login = true;
        login(*ag, false, NotReadyReason::None);
        break;
    case QueueLogEvent::AgentLogoff:
    case QueueLogEvent::AgentCallbackLogoff:
        if (ag == nullptr) { in_sequence = false; break; }
        ag->agent_login = false;
        ag->queues.clear();
        changed = logout(*ag);
        break;

    case QueueLogEvent::Pause:
    case QueueLogEvent::PauseAll: {
        if (ag == nullptr) { in_sequence = false; break; }
        const NotReadyReason reason = ReasonFor(r.text);
        // Per-queue PAUSE lines and PAUSEALL describe one agent-level pause: counted once.
        if (ag->paused && ag->reason == reason && ag->logged_in) { changed = false; break; }
        ag->paused = true;
        ag->reason = reason;
        if (ag->on_call != 0) { ag->pause_pending = true; break; }
        ag->logged_in = true;  // the engine treats not-ready from logged out as an implied login
        ag->login_known = true;
        Event e = base;
        e.queue = kNoQueue;
        e.agent = a;
        e.kind = EventKind::AgentNotReady;
        e.reason = reason;
        Emit(e, out, nullptr);
        break;
    }
    case QueueLogEvent::Unpause:
    case QueueLogEvent::UnpauseAll: {
        if (ag == nullptr) { in_sequence = false; break; }
        if (!ag->paused && ag->logged_in) { changed = false; break; }
        ag->paused = false;
        if (ag->on_call != 0) { ag->pause_pending = false; break; }
        ag->logged_in = true;
        ag->login_known = true;
        Event e = base;
        e.queue = kNoQueue;
        e.agent = a;
        e.kind = EventKind::AgentReady;
        Emit(e, out, nullptr);
        break;
    }

    default:  // CONFIGRELOAD, RINGCANCELED, AGENTDUMP, SYSCOMPAT, PENALTY, RINGINUSE, OUTCALL
        changed = false;
        break;
    }

    if (!in_sequence) {
        ++summary.out_of_sequence;
        changed = false;
    }
    (void)before;
    if (changed || summary.events != events_before || out->size() != before) {
        ++summary.lines_mapped;
        res.kind = QueueLogLineKind::Mapped;
    } else {
        ++summary.lines_ignored;
        res.kind = QueueLogLineKind::Ignored;
    }
    return res;
}

}  // namespace cb
