// Store: tables derived from raw events (docs/ingest.md). calls and agent_states are updated
// from a batch's newly stored events inside the transaction that stores them: the rows the
// batch touches are read once, the events applied in time order in memory (with exactly the
// rules below, which the v2 store ran as one SQL statement per event), and each touched row is
// written once. interval_counts are rebuilt per day from them (store_intervals.cpp).
#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>
#include "server/store/store.h"
#include "server/store/store_calls_query.h"
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

using OptInt = std::optional<int64_t>;
using OptText = std::optional<std::string>;

// One calls row (NULL = nullopt), as stored.
struct CallRow {
    uint64_t call = 0;
    bool present = false;  // stored before the batch, or created by one of its events
    bool changed = false;
    OptText queue, agent;
    OptInt entered_ms, answered_ms, ended_ms, wait_ms, talk_ms;
    int64_t hold_ms = 0;
    OptInt hold_since_ms, wrap_ms;
    int64_t ring_noanswer = 0;
    OptText end_kind, exit_reason, outcome;
    OptInt value_cents;
    OptText caller_number;
};

// One agent_states row the batch closes or opens.
struct StateRow {
    int64_t id = 0;  // row id when stored before the batch; 0 for a row the batch inserts
    std::string agent;
    std::string state;
    OptText reason;
    OptInt call;
    int64_t start_ms = 0;
    OptInt end_ms;
};

constexpr size_t kRowsPerInsert = 32;  // rows per multi-row INSERT (fewer statement runs)
constexpr int kCallColumns = 18;
constexpr const char* kCallColumnList =
    "calls (source, call, queue, agent, entered_ms, answered_ms, ended_ms, wait_ms, talk_ms, hold_ms, hold_since_ms,"
    " wrap_ms, ring_noanswer, end_kind, exit_reason, outcome, value_cents, caller_number)";
constexpr int kStateColumns = 7;
constexpr const char* kStateColumnList = "agent_states (source, agent, state, reason, call, start_ms, end_ms)";

// "INSERT [OR REPLACE] INTO <table (columns)> VALUES (?, ...), ..." for `rows` rows.
std::string InsertSql(const char* verb, const char* table, int columns, size_t rows) {
    std::string sql = std::string(verb) + " INTO " + table + " VALUES ";
    for (size_t r = 0; r < rows; ++r) {
        sql += r ? ",(" : "(";
        for (int c = 0; c < columns; ++c) sql += c ? ",?" : "?";
        sql += ")";
    }
    return sql;
}

OptText Text(const std::string* s) { return s ? OptText(*s) : std::nullopt; }
// SQLite's two-argument MAX(0, x): NULL when x is NULL.
OptInt MaxZero(OptInt x) { return x ? OptInt(std::max<int64_t>(0, *x)) : std::nullopt; }
OptInt Minus(int64_t a, OptInt b) { return b ? OptInt(a - *b) : std::nullopt; }

void BindOpt(sql::Statement& s, int index, const OptInt& v) {
    if (v) s.BindInt(index, *v);
    else s.BindNull(index);
}
void BindOpt(sql::Statement& s, int index, const OptText& v) {  // v must outlive the step
    if (v) s.BindTextNoCopy(index, *v);
    else s.BindNull(index);
}
OptInt ColumnOptInt(const sql::Statement& s, int column) {
    return s.ColumnIsNull(column) ? std::nullopt : OptInt(s.ColumnInt(column));
}
OptText ColumnOptText(const sql::Statement& s, int column) {
    return s.ColumnIsNull(column) ? std::nullopt : OptText(s.ColumnText(column));
}

// Hold time still running when a call resumes or ends at t.
int64_t OpenHold(const CallRow& c, int64_t t) {
    return c.hold_since_ms ? std::max<int64_t>(0, t - *c.hold_since_ms) : 0;
}

const std::string* QueueKey(const Directory& d, uint16_t queue) {
    return queue < d.queues.size() ? &d.queues[queue].key : nullptr;
}
const std::string* AgentKey(const Directory& d, uint32_t agent) {
    return agent < d.agents.size() ? &d.agents[agent].key : nullptr;
}

// The batch's working set: touched calls and the agents' open state rows.
class DerivedBatch {
public:
    DerivedBatch(Store::Impl& impl, std::string_view source) : m_impl(impl), m_source(source) {}

    Status LoadOpenStates() {
        sql::Statement& s = m_impl.load_open_states;
        s.BindText(1, m_source);
        while (true) {
            bool has_row = false;
            if (!s.Step(&has_row)) {
                Status error = Status::Error(s.error());
                s.Reset();
                return error;
            }
            if (!has_row) break;
            StateRow row;
            row.id = s.ColumnInt(0);
            row.agent = s.ColumnText(1);
            row.state = s.ColumnText(2);
            row.reason = ColumnOptText(s, 3);
            row.call = ColumnOptInt(s, 4);
            row.start_ms = s.ColumnInt(5);
            m_open[row.agent].push_back(m_states.size());
            m_states.push_back(std::move(row));
        }
        s.Reset();
        return Status::Ok();
    }

    // The largest call key stored for the source (as SQLite orders them: signed): a key above
    // it is not stored, so the batch's new calls (time-ordered keys, QueueLogCallKey) need no read.
    Status LoadMaxCall() {
        sql::Statement& s = m_impl.max_call;
        s.BindText(1, m_source);
        bool has_row = false;
        if (!s.Step(&has_row)) {
            Status error = Status::Error(s.error());
            s.Reset();
            return error;
        }
        m_any_stored = has_row && !s.ColumnIsNull(0);
        m_max_stored = m_any_stored ? s.ColumnInt(0) : 0;
        s.Reset();
        return Status::Ok();
    }

    Status Apply(const StoredEvent& stored, const std::string* agent_key, const std::string* queue_key) {
        const Event& e = stored.event;
        if (e.call != 0) {
            if (Status status = ApplyCall(e, agent_key, queue_key); !status.ok()) return status;
            if (e.kind == EventKind::CallOffered && IsCallerNumber(stored.caller_number)) {
                CallRow& c = m_call_rows[m_calls.at(e.call)];
                if (!c.caller_number) c.caller_number = stored.caller_number;
            }
        }
        if (agent_key) return ApplyAgentState(e, *agent_key);
        return Status::Ok();
    }

    // Writes every touched row once, kRowsPerInsert rows per statement where it can.
    Status Write() {
        std::vector<const CallRow*> calls;
        calls.reserve(m_calls.size());
        for (const CallRow& c : m_call_rows) {
            if (c.changed) calls.push_back(&c);
        }
        std::sort(calls.begin(), calls.end(), [](const CallRow* a, const CallRow* b) { return a->call < b->call; });
        Status status = WriteRows(calls, m_impl.put_call, m_impl.put_calls_many, kCallColumns,
                                  [this](sql::Statement& s, int at, const CallRow* c) { BindCall(s, at, *c); });
        if (!status.ok()) return status;
        // Rows stored before: closed now. Rows of the batch: inserted in the order they were
        // opened, so their ids are the ones one statement per event gave.
        std::vector<const StateRow*> opened;
        sql::Statement& close = m_impl.close_state;
        for (const StateRow& row : m_states) {
            if (row.id == 0) {
                opened.push_back(&row);
                continue;
            }
            if (!row.end_ms) continue;
            close.BindInt(1, *row.end_ms);
            close.BindInt(2, row.id);
            if (!(status = close.Run()).ok()) return status;
        }
        return WriteRows(opened, m_impl.open_agent_state, m_impl.open_states_many, kStateColumns,
                         [this](sql::Statement& s, int at, const StateRow* r) { BindState(s, at, *r); });
    }

    // The days whose interval counts the batch's rows change, besides the days of its events: a
    // call's counts belong to the day it entered (a completion after midnight changes the day
    // before), and a state row closed now counts on every day from its start to its end.
    void TouchedDays(const DerivedConfig& config, std::vector<int64_t>* days) const {
        auto add = [days](int64_t day) {
            if (days->empty() || days->back() != day) days->push_back(day);
        };
        for (const CallRow& c : m_call_rows) {
            if (c.changed && c.entered_ms) add(DerivedDayStart(config, *c.entered_ms));
        }
        constexpr int kMaxDays = 400;  // a state row left open for longer is cut there
        for (const StateRow& row : m_states) {
            if (!row.end_ms) continue;
            const int64_t last = DerivedDayStart(config, *row.end_ms);
            int64_t day = DerivedDayStart(config, row.start_ms);
            for (int n = 0; day <= last && n < kMaxDays; ++n, day += kDayMs) {
                add(day);
            }
        }
    }

private:
    template <typename Row, typename Bind>
    static Status WriteRows(const std::vector<const Row*>& rows, sql::Statement& one, sql::Statement& many,
                            int columns, Bind bind) {
        size_t i = 0;
        for (; i + kRowsPerInsert <= rows.size(); i += kRowsPerInsert) {
            for (size_t k = 0; k < kRowsPerInsert; ++k) bind(many, static_cast<int>(k) * columns, rows[i + k]);
            if (Status status = many.Run(); !status.ok()) return status;
        }
        for (; i < rows.size(); ++i) {
            bind(one, 0, rows[i]);
            if (Status status = one.Run(); !status.ok()) return status;
        }
        return Status::Ok();
    }

    // Binds one row's values at parameters at+1.. (the column order of kCallColumnList).
    void BindCall(sql::Statement& put, int at, const CallRow& c) const {
        put.BindTextNoCopy(at + 1, m_source);
        put.BindInt(at + 2, static_cast<int64_t>(c.call));
        BindOpt(put, at + 3, c.queue);
        BindOpt(put, at + 4, c.agent);
        BindOpt(put, at + 5, c.entered_ms);
        BindOpt(put, at + 6, c.answered_ms);
        BindOpt(put, at + 7, c.ended_ms);
        BindOpt(put, at + 8, c.wait_ms);
        BindOpt(put, at + 9, c.talk_ms);
        put.BindInt(at + 10, c.hold_ms);
        BindOpt(put, at + 11, c.hold_since_ms);
        BindOpt(put, at + 12, c.wrap_ms);
        put.BindInt(at + 13, c.ring_noanswer);
        BindOpt(put, at + 14, c.end_kind);
        BindOpt(put, at + 15, c.exit_reason);
        BindOpt(put, at + 16, c.outcome);
        BindOpt(put, at + 17, c.value_cents);
        BindOpt(put, at + 18, c.caller_number);
    }

    // The column order of kStateColumnList.
    void BindState(sql::Statement& open, int at, const StateRow& row) const {
        open.BindTextNoCopy(at + 1, m_source);
        open.BindTextNoCopy(at + 2, row.agent);
        open.BindTextNoCopy(at + 3, row.state);
        BindOpt(open, at + 4, row.reason);
        BindOpt(open, at + 5, row.call);
        open.BindInt(at + 6, row.start_ms);
        BindOpt(open, at + 7, row.end_ms);
    }

    // The call's row: from the batch, else read from the store (present or not).
    Status Find(uint64_t call, CallRow** out) {
        auto it = m_calls.find(call);
        if (it != m_calls.end()) {
            *out = &m_call_rows[it->second];
            return Status::Ok();
        }
        CallRow row;
        row.call = call;
        if (!m_any_stored || static_cast<int64_t>(call) > m_max_stored) {
            m_calls.emplace(call, m_call_rows.size());
            m_call_rows.push_back(std::move(row));
            *out = &m_call_rows.back();
            return Status::Ok();
        }
        sql::Statement& s = m_impl.get_call;
        s.BindText(1, m_source);
        s.BindInt(2, static_cast<int64_t>(call));
        bool has_row = false;
        if (!s.Step(&has_row)) {
            Status error = Status::Error(s.error());
            s.Reset();
            return error;
        }
        if (has_row) {
            row.present = true;
            row.queue = ColumnOptText(s, 0);
            row.agent = ColumnOptText(s, 1);
            row.entered_ms = ColumnOptInt(s, 2);
            row.answered_ms = ColumnOptInt(s, 3);
            row.ended_ms = ColumnOptInt(s, 4);
            row.wait_ms = ColumnOptInt(s, 5);
            row.talk_ms = ColumnOptInt(s, 6);
            row.hold_ms = s.ColumnInt(7);
            row.hold_since_ms = ColumnOptInt(s, 8);
            row.wrap_ms = ColumnOptInt(s, 9);
            row.ring_noanswer = s.ColumnInt(10);
            row.end_kind = ColumnOptText(s, 11);
            row.exit_reason = ColumnOptText(s, 12);
            row.outcome = ColumnOptText(s, 13);
            row.value_cents = ColumnOptInt(s, 14);
            row.caller_number = ColumnOptText(s, 15);
        }
        s.Reset();
        m_calls.emplace(call, m_call_rows.size());
        m_call_rows.push_back(std::move(row));
        *out = &m_call_rows.back();
        return Status::Ok();
    }

    // The v2 upserts: an event's call row is created with the column defaults if missing, then
    // updated; every right-hand side reads the row as it was before the event.
    Status ApplyCall(const Event& e, const std::string* agent_key, const std::string* queue_key) {
        switch (e.kind) {
        case EventKind::CallOffered: case EventKind::CallAnswered: case EventKind::RingNoAnswer:
        case EventKind::CallHold: case EventKind::CallResume: case EventKind::CallCompleted:
        case EventKind::CallTransferred: case EventKind::CallAbandoned: case EventKind::CallExited:
        case EventKind::OutcomeTagged: break;
        default: return Status::Ok();
        }
        CallRow* row = nullptr;
        if (Status status = Find(e.call, &row); !status.ok()) return status;
        CallRow& c = *row;
        c.present = true;
        c.changed = true;
        const int64_t t = e.t_ms;
        switch (e.kind) {
        case EventKind::CallOffered:
            if (!c.entered_ms) c.entered_ms = t;
            if (!c.queue) c.queue = Text(queue_key);
            break;
        case EventKind::CallAnswered: {
            const OptInt wait = e.wait_ms >= 0 ? OptInt(e.wait_ms) : MaxZero(Minus(t, c.entered_ms));
            c.answered_ms = t;
            if (agent_key) c.agent = *agent_key;
            if (!c.queue) c.queue = Text(queue_key);
            c.wait_ms = wait;
            break;
        }
        case EventKind::RingNoAnswer: ++c.ring_noanswer; break;
        case EventKind::CallHold:
            if (!c.hold_since_ms) c.hold_since_ms = t;
            break;
        case EventKind::CallResume:
            c.hold_ms += OpenHold(c, t);
            c.hold_since_ms.reset();
            break;
        case EventKind::CallCompleted:
        case EventKind::CallTransferred:
        case EventKind::CallAbandoned:
        case EventKind::CallExited: {
            const char* end_kind = e.kind == EventKind::CallCompleted     ? "completed"
                                   : e.kind == EventKind::CallTransferred ? "transferred"
                                   : e.kind == EventKind::CallAbandoned   ? "abandoned"
                                                                          : "exited";
            const int64_t open_hold = OpenHold(c, t);
            const OptInt wait = c.answered_ms ? c.wait_ms
                                : e.wait_ms >= 0 ? OptInt(e.wait_ms)
                                                 : MaxZero(Minus(t, c.entered_ms));
            const OptInt talk = c.answered_ms ? OptInt(std::max<int64_t>(0, t - *c.answered_ms - c.hold_ms - open_hold))
                                              : std::nullopt;
            c.ended_ms = t;
            c.end_kind = std::string(end_kind);
            if (!c.agent) c.agent = Text(agent_key);
            if (!c.queue) c.queue = Text(queue_key);
            if (e.kind == EventKind::CallExited) {
                c.exit_reason = std::string(ExitReasonName(e.exit_reason == ExitReason::None ? ExitReason::Other : e.exit_reason));
            } else {
                c.exit_reason.reset();
            }
            c.wait_ms = wait;
            c.hold_ms += open_hold;
            c.hold_since_ms.reset();
            c.talk_ms = talk;
            break;
        }
        case EventKind::OutcomeTagged:
            c.outcome = std::string(OutcomeName(e.outcome));
            c.value_cents = e.value_cents;
            break;
        default: break;
        }
        return Status::Ok();
    }

    Status ApplyAgentState(const Event& e, const std::string& agent_key) {
        const StateChange change = StateAfter(e.kind);
        if (change.change == AgentStateChange::None) return Status::Ok();
        std::vector<size_t>& open = m_open[agent_key];
        // Closing the open rows; a closed wrap-up gives its call's after-call work.
        OptInt wrap_call;
        int64_t wrap_start = 0;
        for (size_t i : open) {
            StateRow& row = m_states[i];
            row.end_ms = std::max(row.start_ms, e.t_ms);
            if (row.state == "wrap_up" && row.call) {
                wrap_call = row.call;
                wrap_start = row.start_ms;
            }
        }
        open.clear();
        if (wrap_call) {
            CallRow* call = nullptr;
            if (Status status = Find(static_cast<uint64_t>(*wrap_call), &call); !status.ok()) return status;
            if (call->present) {  // an UPDATE: a call never stored stays absent
                call->wrap_ms = std::max<int64_t>(0, e.t_ms - wrap_start);
                call->changed = true;
            }
        }
        if (change.change != AgentStateChange::To) return Status::Ok();
        StateRow row;
        row.agent = agent_key;
        row.state = change.state;
        if (e.kind == EventKind::AgentNotReady && e.reason != NotReadyReason::None) {
            row.reason = std::string(NotReadyReasonName(e.reason));
        }
        if (e.call != 0 && e.kind != EventKind::RingNoAnswer && e.kind != EventKind::WrapUpEnded) {
            row.call = static_cast<int64_t>(e.call);
        }
        row.start_ms = e.t_ms;
        open.push_back(m_states.size());
        m_states.push_back(std::move(row));
        return Status::Ok();
    }

    Store::Impl& m_impl;
    std::string_view m_source;
    bool m_any_stored = true;  // until LoadMaxCall: every key is looked up
    int64_t m_max_stored = 0;
    std::unordered_map<uint64_t, size_t> m_calls;  // call key -> index in m_call_rows
    std::vector<CallRow> m_call_rows;
    std::unordered_map<std::string, std::vector<size_t>> m_open;  // agent -> open rows (m_states)
    std::vector<StateRow> m_states;  // rows stored before and open, then rows the batch opened
};

}  // namespace

int64_t DerivedDayStart(const DerivedConfig& config, int64_t t_ms) {
    const int64_t offset = static_cast<int64_t>(config.tz_offset_min) * 60000;
    const int64_t local = t_ms + offset;
    const int64_t day = local >= 0 ? local / kDayMs : -((-local + kDayMs - 1) / kDayMs);
    return day * kDayMs - offset;
}

Status PrepareDerivedStatements(Store::Impl& impl) {
    const std::pair<sql::Statement*, std::string> statements[] = {
        {&impl.get_call,
         "SELECT queue, agent, entered_ms, answered_ms, ended_ms, wait_ms, talk_ms, hold_ms, hold_since_ms, wrap_ms,"
         " ring_noanswer, end_kind, exit_reason, outcome, value_cents, caller_number FROM calls"
         " WHERE source = ?1 AND call = ?2"},
        {&impl.max_call, "SELECT MAX(call) FROM calls WHERE source = ?1"},
        {&impl.put_call, InsertSql("INSERT OR REPLACE", kCallColumnList, kCallColumns, 1)},
        {&impl.put_calls_many, InsertSql("INSERT OR REPLACE", kCallColumnList, kCallColumns, kRowsPerInsert)},
        {&impl.load_open_states,
         "SELECT id, agent, state, reason, call, start_ms FROM agent_states WHERE source = ?1 AND end_ms IS NULL"
         " ORDER BY id"},
        {&impl.close_state, "UPDATE agent_states SET end_ms = ?1 WHERE id = ?2"},
        {&impl.open_agent_state, InsertSql("INSERT", kStateColumnList, kStateColumns, 1)},
        {&impl.open_states_many, InsertSql("INSERT", kStateColumnList, kStateColumns, kRowsPerInsert)},
        {&impl.mark_day, "INSERT INTO dirty_days (day_start_ms) VALUES (?1)"
                         " ON CONFLICT (day_start_ms) DO UPDATE SET generation = generation + 1"},
    };
    for (const auto& [statement, text] : statements) {
        if (Status status = impl.db.Prepare(text, statement); !status.ok()) return status;
    }
    return Status::Ok();
}

Status ApplyDerived(Store::Impl& impl, std::string_view source, const Directory& directory,
                    std::span<const StoredEvent> events, std::span<const uint32_t> order, std::vector<int64_t>* days) {
    if (order.empty()) return Status::Ok();
    DerivedBatch batch(impl, source);
    if (Status status = batch.LoadOpenStates(); !status.ok()) return status;
    if (Status status = batch.LoadMaxCall(); !status.ok()) return status;
    for (uint32_t i : order) {
        const Event& e = events[i].event;
        if (Status status = batch.Apply(events[i], AgentKey(directory, e.agent), QueueKey(directory, e.queue)); !status.ok()) {
            return status;
        }
    }
    batch.TouchedDays(impl.derived, days);
    return batch.Write();
}

void Store::SetDerivedConfig(const DerivedConfig& config) { m_impl->derived = config; }
const DerivedConfig& Store::derived_config() const { return m_impl->derived; }

}  // namespace cb
