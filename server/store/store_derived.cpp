// Store: tables derived from raw events (docs/ingest.md). calls and agent_states are kept up
// to date event by event inside the transaction that stores the events; interval_counts are
// rebuilt per day from them (store_intervals.cpp).
#include <algorithm>
#include <string>
#include "server/store/store.h"
#include "server/store/store_impl.h"

namespace cb {
namespace {

constexpr int64_t kDayMs = 86400000;

enum class AgentStateChange { None, Close, To };

struct StateChange {
    AgentStateChange change = AgentStateChange::None;
    const char* state = "";
};

StateChange StateAfter(EventKind kind) {
    switch (kind) {
    case EventKind::AgentLogin: return {AgentStateChange::To, "not_ready"};
    case EventKind::AgentLogout: return {AgentStateChange::Close, ""};
    case EventKind::AgentReady: return {AgentStateChange::To, "available"};
    case EventKind::AgentNotReady: return {AgentStateChange::To, "not_ready"};
    case EventKind::AgentRinging: return {AgentStateChange::To, "ringing"};
    case EventKind::RingNoAnswer: return {AgentStateChange::To, "available"};
    case EventKind::CallAnswered: return {AgentStateChange::To, "on_call"};
    case EventKind::CallHold: return {AgentStateChange::To, "on_hold"};
    case EventKind::CallResume: return {AgentStateChange::To, "on_call"};
    case EventKind::CallCompleted: return {AgentStateChange::To, "wrap_up"};
    case EventKind::CallTransferred: return {AgentStateChange::To, "wrap_up"};
    case EventKind::WrapUpEnded: return {AgentStateChange::To, "available"};
    default: return {};
    }
}

void BindOptionalText(sql::Statement& s, int index, const std::string* text) {
    if (text) s.BindText(index, *text);
    else s.BindNull(index);
}

void BindOptionalInt(sql::Statement& s, int index, int64_t value) {
    if (value >= 0) s.BindInt(index, value);
    else s.BindNull(index);
}

// Extra hold when a call ends or resumes while on hold: ?3 is the event time.
constexpr const char* kOpenHold = "CASE WHEN calls.hold_since_ms IS NULL THEN 0 ELSE MAX(0, ?3 - calls.hold_since_ms) END";

Status UpdateCall(Store::Impl& impl, std::string_view source, const Event& e, const std::string* agent_key,
                  const std::string* queue_key) {
    sql::Statement* s = nullptr;
    switch (e.kind) {
    case EventKind::CallOffered:
        s = &impl.call_offered;
        break;
    case EventKind::CallAnswered:
        s = &impl.call_answered;
        BindOptionalText(*s, 4, agent_key);
        BindOptionalText(*s, 5, queue_key);
        BindOptionalInt(*s, 6, e.wait_ms);
        break;
    case EventKind::RingNoAnswer: s = &impl.call_ring_noanswer; break;
    case EventKind::CallHold: s = &impl.call_hold; break;
    case EventKind::CallResume: s = &impl.call_resume; break;
    case EventKind::CallCompleted:
    case EventKind::CallTransferred:
    case EventKind::CallAbandoned:
    case EventKind::CallExited: {
        s = &impl.call_ended;
        const char* end_kind = e.kind == EventKind::CallCompleted     ? "completed"
                               : e.kind == EventKind::CallTransferred ? "transferred"
                               : e.kind == EventKind::CallAbandoned   ? "abandoned"
                                                                      : "exited";
        s->BindText(4, end_kind);
        BindOptionalText(*s, 5, agent_key);
        BindOptionalText(*s, 6, queue_key);
        BindOptionalInt(*s, 7, e.wait_ms);
        if (e.kind == EventKind::CallExited) {
            s->BindText(8, ExitReasonName(e.exit_reason == ExitReason::None ? ExitReason::Other : e.exit_reason));
        } else {
            s->BindNull(8);
        }
        break;
    }
    case EventKind::OutcomeTagged:
        s = &impl.call_outcome;
        s->BindText(4, OutcomeName(e.outcome));
        s->BindInt(5, e.value_cents);
        break;
    default: return Status::Ok();
    }
    s->BindText(1, source);
    s->BindInt(2, static_cast<int64_t>(e.call));
    s->BindInt(3, e.t_ms);
    if (e.kind == EventKind::CallOffered) BindOptionalText(*s, 4, queue_key);
    return s->Run();
}

Status UpdateAgentState(Store::Impl& impl, std::string_view source, const Event& e, const std::string& agent_key) {
    const StateChange change = StateAfter(e.kind);
    if (change.change == AgentStateChange::None) return Status::Ok();
    sql::Statement& close = impl.close_agent_state;
    close.BindInt(1, e.t_ms);
    close.BindText(2, source);
    close.BindText(3, agent_key);
    // RETURNING yields the closed row: a closed wrap-up gives its call's after-call work.
    int64_t wrap_call = 0, wrap_start = 0;
    bool has_wrap = false;
    while (true) {
        bool has_row = false;
        if (!close.Step(&has_row)) {
            Status error = Status::Error(close.error());
            close.Reset();
            return error;
        }
        if (!has_row) break;
        if (close.ColumnText(0) == "wrap_up" && !close.ColumnIsNull(1)) {
            has_wrap = true;
            wrap_call = close.ColumnInt(1);
            wrap_start = close.ColumnInt(2);
        }
    }
    close.Reset();
    if (has_wrap) {
        sql::Statement& wrap = impl.call_wrap;
        wrap.BindText(1, source);
        wrap.BindInt(2, wrap_call);
        wrap.BindInt(3, std::max<int64_t>(0, e.t_ms - wrap_start));
        if (Status status = wrap.Run(); !status.ok()) return status;
    }
    if (change.change != AgentStateChange::To) return Status::Ok();
    sql::Statement& open = impl.open_agent_state;
    open.BindText(1, source);
    open.BindText(2, agent_key);
    open.BindText(3, change.state);
    if (e.kind == EventKind::AgentNotReady && e.reason != NotReadyReason::None) open.BindText(4, NotReadyReasonName(e.reason));
    else open.BindNull(4);
    const bool has_call = e.call != 0 && e.kind != EventKind::RingNoAnswer && e.kind != EventKind::WrapUpEnded;
    if (has_call) open.BindInt(5, static_cast<int64_t>(e.call));
    else open.BindNull(5);
    open.BindInt(6, e.t_ms);
    return open.Run();
}

}  // namespace

int64_t DerivedDayStart(const DerivedConfig& config, int64_t t_ms) {
    const int64_t offset = static_cast<int64_t>(config.tz_offset_min) * 60000;
    const int64_t local = t_ms + offset;
    const int64_t day = local >= 0 ? local / kDayMs : -((-local + kDayMs - 1) / kDayMs);
    return day * kDayMs - offset;
}

Status PrepareDerivedStatements(Store::Impl& impl) {
    const std::string open_hold = kOpenHold;
    const std::pair<sql::Statement*, std::string> statements[] = {
        {&impl.call_offered,
         "INSERT INTO calls (source, call, entered_ms, queue) VALUES (?1, ?2, ?3, ?4)"
         " ON CONFLICT (source, call) DO UPDATE SET entered_ms = COALESCE(calls.entered_ms, excluded.entered_ms),"
         " queue = COALESCE(calls.queue, excluded.queue)"},
        {&impl.call_answered,
         "INSERT INTO calls (source, call, answered_ms, agent, queue, wait_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
         " ON CONFLICT (source, call) DO UPDATE SET answered_ms = excluded.answered_ms,"
         " agent = COALESCE(excluded.agent, calls.agent), queue = COALESCE(calls.queue, excluded.queue),"
         " wait_ms = COALESCE(excluded.wait_ms, MAX(0, ?3 - calls.entered_ms))"},
        {&impl.call_ring_noanswer,
         "INSERT INTO calls (source, call, ring_noanswer) VALUES (?1, ?2, 1)"
         " ON CONFLICT (source, call) DO UPDATE SET ring_noanswer = calls.ring_noanswer + 1"},
        {&impl.call_hold,
         "INSERT INTO calls (source, call, hold_since_ms) VALUES (?1, ?2, ?3)"
         " ON CONFLICT (source, call) DO UPDATE SET hold_since_ms = COALESCE(calls.hold_since_ms, excluded.hold_since_ms)"},
        {&impl.call_resume,
         "INSERT INTO calls (source, call) VALUES (?1, ?2)"
         " ON CONFLICT (source, call) DO UPDATE SET hold_ms = calls.hold_ms + " + open_hold + ", hold_since_ms = NULL"},
        {&impl.call_ended,
         "INSERT INTO calls (source, call, ended_ms, end_kind, agent, queue, wait_ms, exit_reason)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
         " ON CONFLICT (source, call) DO UPDATE SET ended_ms = excluded.ended_ms, end_kind = excluded.end_kind,"
         " agent = COALESCE(calls.agent, excluded.agent), queue = COALESCE(calls.queue, excluded.queue),"
         " exit_reason = excluded.exit_reason,"
         " wait_ms = CASE WHEN calls.answered_ms IS NOT NULL THEN calls.wait_ms"
         "   ELSE COALESCE(excluded.wait_ms, MAX(0, ?3 - calls.entered_ms)) END,"
         " hold_ms = calls.hold_ms + " + open_hold + ", hold_since_ms = NULL,"
         " talk_ms = CASE WHEN calls.answered_ms IS NULL THEN NULL"
         "   ELSE MAX(0, ?3 - calls.answered_ms - calls.hold_ms - " + open_hold + ") END"},
        {&impl.call_outcome,
         "INSERT INTO calls (source, call, outcome, value_cents) VALUES (?1, ?2, ?4, ?5)"
         " ON CONFLICT (source, call) DO UPDATE SET outcome = excluded.outcome, value_cents = excluded.value_cents"},
        {&impl.call_wrap, "UPDATE calls SET wrap_ms = ?3 WHERE source = ?1 AND call = ?2"},
        {&impl.close_agent_state,
         "UPDATE agent_states SET end_ms = MAX(start_ms, ?1) WHERE source = ?2 AND agent = ?3 AND end_ms IS NULL"
         " RETURNING state, call, start_ms"},
        {&impl.open_agent_state,
         "INSERT INTO agent_states (source, agent, state, reason, call, start_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
        {&impl.mark_day, "INSERT OR IGNORE INTO dirty_days (day_start_ms) VALUES (?1)"},
    };
    for (const auto& [statement, text] : statements) {
        if (Status status = impl.db.Prepare(text, statement); !status.ok()) return status;
    }
    return Status::Ok();
}

Status ApplyDerived(Store::Impl& impl, std::string_view source, const Event& e, const std::string* agent_key,
                    const std::string* queue_key) {
    if (e.call != 0) {
        if (Status status = UpdateCall(impl, source, e, agent_key, queue_key); !status.ok()) return status;
    }
    if (agent_key) return UpdateAgentState(impl, source, e, *agent_key);
    return Status::Ok();
}

void Store::SetDerivedConfig(const DerivedConfig& config) { m_impl->derived = config; }
const DerivedConfig& Store::derived_config() const { return m_impl->derived; }

}  // namespace cb
