// Store: interval_counts rebuilt per marked day from the derived rows, counted with the core's
// counting rules (app/core/counting.h) exactly as the live engine counts: a leg's, a missed
// ring's and an outcome tag's counts belong to the interval the leg entered its queue (its
// home); agent time is cut at interval edges and counts for the agent, its team and every queue
// the agent was a member of during the spell. Each leg is counted with the service-level
// definition version valid when it entered its queue (sl_definitions, docs/reports.md), so a
// late rebuild of an old day uses the old definition.
//
// With the interval rows, the same pass writes the reports' rollups (schema v10): the center's
// rows (every leg of a queue, every agent's time once: center_intervals), not-ready time by
// reason and callbacks per interval (interval_extras, counted by core/report/report.h's rules)
// and each day's totals per queue, agent, team and the center (day_totals).
//
// Speed (bench/results/import.md): the queues' definitions and the agents' teams are read once
// per rebuild; a day's counts live in one array per key (queue, agent or team) with a cell per
// interval, keys are looked up by the text SQLite returns without copying it, and a day's rows
// are written kRowsPerInsert per statement.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#include "core/counting.h"
#include "core/kpi.h"
#include "core/report/report.h"
#include "server/base/event_names.h"
#include "server/store/store.h"
#include "server/store/store_impl.h"

namespace cb {
namespace {

constexpr const char* kScopeNames[] = {"queue", "agent", "team", "center"};
enum Scope { kQueue = 0, kAgent = 1, kTeam = 2, kCenter = 3 };
constexpr int kScopes = 4;
constexpr int kCountsColumns = 27;
constexpr size_t kRowsPerInsert = 16;  // 16 x 27 = 432 parameters per statement

struct ViewHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using KeyMap = std::unordered_map<std::string, V, ViewHash, std::equal_to<>>;

// Read once per rebuild: the versions of each queue's service-level definition (a queue without
// a stored version: its queues row, else ServiceLevelDef's defaults, as in the engine), each
// agent's team.
struct Definitions {
    KeyMap<std::vector<std::pair<int64_t, ServiceLevelDef>>> versions;  // by valid_from_ms, ascending
    KeyMap<ServiceLevelDef> queues;
    KeyMap<std::string> agent_team;
    // The version valid at t_ms (the first one for a time before it).
    const ServiceLevelDef& Sl(std::string_view queue, int64_t t_ms) const {
        static const ServiceLevelDef kDefault{};
        auto v = versions.find(queue);
        if (v != versions.end() && !v->second.empty()) {
            const auto& list = v->second;
            auto it = std::upper_bound(list.begin(), list.end(), t_ms,
                                       [](int64_t t, const std::pair<int64_t, ServiceLevelDef>& e) { return t < e.first; });
            return it == list.begin() ? list.front().second : std::prev(it)->second;
        }
        auto it = queues.find(queue);
        return it != queues.end() ? it->second : kDefault;
    }
};

Status LoadDefinitions(Store::Impl& impl, Definitions* out) {
    auto read_sl = [](const sql::Statement& q, int at) {
        ServiceLevelDef sl;
        ParseSlVariant(q.ColumnView(at), &sl.variant);
        sl.threshold_s = static_cast<int>(q.ColumnInt(at + 1));
        sl.target = q.ColumnDouble(at + 2);
        sl.short_abandon_s = static_cast<int>(q.ColumnInt(at + 3));
        return sl;
    };
    sql::Statement q;
    Status status = impl.db.Prepare("SELECT key, sl_variant, sl_threshold_s, sl_target, short_abandon_s FROM queues", &q);
    if (!status.ok()) return status;
    while (true) {
        bool has_row = false;
        if (!q.Step(&has_row)) return Status::Error(q.error());
        if (!has_row) break;
        out->queues[q.ColumnText(0)] = read_sl(q, 1);
    }
    sql::Statement v;
    status = impl.db.Prepare(
        "SELECT queue, valid_from_ms, sl_variant, sl_threshold_s, sl_target, short_abandon_s FROM sl_definitions"
        " ORDER BY queue, valid_from_ms",
        &v);
    if (!status.ok()) return status;
    while (true) {
        bool has_row = false;
        if (!v.Step(&has_row)) return Status::Error(v.error());
        if (!has_row) break;
        out->versions[v.ColumnText(0)].emplace_back(v.ColumnInt(1), read_sl(v, 2));
    }
    sql::Statement a;
    status = impl.db.Prepare("SELECT a.key, t.key FROM agents a JOIN teams t ON t.id = a.team_id", &a);
    if (!status.ok()) return status;
    while (true) {
        bool has_row = false;
        if (!a.Step(&has_row)) return Status::Error(a.error());
        if (!has_row) break;
        out->agent_team[a.ColumnText(0)] = a.ColumnText(1);
    }
    return Status::Ok();
}

// One day's counts: per scope, a key's cells (one per interval of the day) in one array, with
// the extras (not-ready time by reason, callbacks) of each cell beside them.
class DayCounts {
public:
    // A day [day, day_end): 96 intervals of 15 minutes, 92 or 100 when daylight saving time
    // starts or ends.
    void Reset(int64_t day, int64_t day_end, int64_t interval_ms) {
        m_day = day;
        m_interval_ms = interval_ms;
        m_cells_per_key = static_cast<size_t>((day_end - day + interval_ms - 1) / interval_ms);
        for (auto& scope : m_slots) scope.clear();
        m_keys.clear();
        m_cells.clear();
        m_extras.clear();
        m_touched.clear();
    }

    // The slot of a key in a scope (its cells follow each other in m_cells).
    size_t Slot(int scope, std::string_view key) {
        auto& slots = m_slots[scope];
        auto it = slots.find(key);
        if (it != slots.end()) return it->second;
        const size_t slot = m_keys.size();
        m_keys.push_back({scope, std::string(key)});
        m_cells.resize(m_cells.size() + m_cells_per_key);
        m_extras.resize(m_extras.size() + m_cells_per_key);
        m_touched.resize(m_touched.size() + m_cells_per_key, 0);
        slots.emplace(std::string(key), slot);
        return slot;
    }

    // The cell of an interval (index within the day) of a slot.
    KpiCounts& At(size_t slot, size_t interval) {
        const size_t cell = slot * m_cells_per_key + interval;
        m_touched[cell] = 1;
        return m_cells[cell];
    }
    ReportExtras& ExtrasAt(size_t slot, size_t interval) {
        const size_t cell = slot * m_cells_per_key + interval;
        m_touched[cell] = 1;
        return m_extras[cell];
    }

    size_t IntervalOf(int64_t t) const { return static_cast<size_t>((t - m_day) / m_interval_ms); }

    // Appends every touched cell, key by key, intervals in time order; the extras that are not
    // all zero; and each touched key's day total.
    void Rows(IntervalDay* out) const {
        for (size_t slot = 0; slot < m_keys.size(); ++slot) {
            IntervalDay::DayRow day{m_keys[slot].scope, m_keys[slot].key, {}, {}};
            bool any = false;
            for (size_t i = 0; i < m_cells_per_key; ++i) {
                const size_t cell = slot * m_cells_per_key + i;
                if (!m_touched[cell]) continue;
                any = true;
                const int64_t start = m_day + static_cast<int64_t>(i) * m_interval_ms;
                out->rows.push_back({m_keys[slot].scope, m_keys[slot].key, start, m_cells[cell]});
                if (!m_extras[cell].Empty()) out->extras.push_back({m_keys[slot].scope, m_keys[slot].key, start, m_extras[cell]});
                day.counts.Add(m_cells[cell]);
                day.extras.Add(m_extras[cell]);
            }
            if (any) out->days.push_back(std::move(day));
        }
    }

private:
    struct Key {
        int scope;
        std::string key;
    };
    int64_t m_day = 0;
    int64_t m_interval_ms = 1;
    size_t m_cells_per_key = 1;
    KeyMap<size_t> m_slots[kScopes];
    std::vector<Key> m_keys;
    std::vector<KpiCounts> m_cells;
    std::vector<ReportExtras> m_extras;
    std::vector<char> m_touched;
};

// The prepared statements of one rebuild.
struct RebuildStatements {
    sql::Statement dirty, calls, misses, tags, last_event, states, erase, put_one, put_many, clear_mark;
    sql::Statement erase_center, erase_extras, erase_days;
    sql::Statement center_one, center_many, extras_one, extras_many, days_one, days_many, put_meta;
};

constexpr int kExtrasColumns = 3 + 11;       // start, scope, key, 9 reasons, 2 callbacks
constexpr int kCenterColumns = 2 + 23;       // start, minutes, counts
constexpr int kDayColumns = 3 + 23 + 11;     // scope, day, key, counts, extras

// "INSERT INTO table VALUES (?,...),(?,...)" with `rows` rows of `columns` parameters.
std::string InsertSql(const char* table, int columns, size_t rows) {
    std::string sql = std::string("INSERT INTO ") + table + " VALUES ";
    for (size_t r = 0; r < rows; ++r) {
        sql += r ? ",(" : "(";
        for (int c = 0; c < columns; ++c) sql += c ? ",?" : "?";
        sql += ")";
    }
    return sql;
}

std::string PutSql(size_t rows) { return InsertSql("interval_counts", kCountsColumns, rows); }

Status Prepare(Store::Impl& impl, RebuildStatements* s) {
    const std::pair<sql::Statement*, std::string> statements[] = {
        {&s->dirty, "SELECT day_start_ms, generation FROM dirty_days WHERE day_start_ms < ?1 ORDER BY day_start_ms"},
        {&s->clear_mark, "DELETE FROM dirty_days WHERE day_start_ms = ?1 AND generation = ?2"},
        {&s->calls,
         "SELECT queue, agent, entered_ms, answered_ms, wait_ms, ended_ms, end_kind, talk_ms, hold_ms, wrap_ms"
         " FROM calls WHERE entered_ms >= ?1 AND entered_ms < ?2"},
        {&s->misses, "SELECT queue, agent, home_ms FROM ring_noanswers WHERE home_ms >= ?1 AND home_ms < ?2"},
        {&s->tags,
         "SELECT queue, agent, home_ms, outcome, value_cents FROM call_outcomes WHERE home_ms >= ?1 AND home_ms < ?2"},
        {&s->last_event, "SELECT MAX(t_ms) FROM events WHERE t_ms >= ?1 AND t_ms < ?2"},
        // The rows overlapping the day (start < day end, open or ending after the day start), in
        // two parts that indexes find without reading earlier days: closed rows of at most a day
        // start less than a day before it (agent_states_by_start); open and longer rows are few
        // (the partial index agent_states_open_or_long, schema v5).
        {&s->states,
         "SELECT agent, state, start_ms, end_ms, queues, reason FROM agent_states"
         " WHERE start_ms >= ?1 - 86400000 AND start_ms < ?2 AND end_ms > ?1 AND end_ms - start_ms <= 86400000"
         " UNION ALL SELECT agent, state, start_ms, end_ms, queues, reason FROM agent_states"
         " WHERE (end_ms IS NULL OR end_ms - start_ms > 86400000) AND start_ms < ?2"
         " AND (end_ms IS NULL OR end_ms > ?1)"},
        {&s->erase, "DELETE FROM interval_counts WHERE start_ms >= ?1 AND start_ms < ?2"},
        {&s->put_one, PutSql(1)},
        {&s->put_many, PutSql(kRowsPerInsert)},
        {&s->erase_center, "DELETE FROM center_intervals WHERE start_ms >= ?1 AND start_ms < ?2"},
        {&s->erase_extras, "DELETE FROM interval_extras WHERE start_ms >= ?1 AND start_ms < ?2"},
        {&s->erase_days, "DELETE FROM day_totals WHERE scope IN ('queue', 'agent', 'team', 'center') AND day_start_ms = ?1"},
        {&s->center_one, InsertSql("center_intervals", kCenterColumns, 1)},
        {&s->center_many, InsertSql("center_intervals", kCenterColumns, kRowsPerInsert)},
        {&s->extras_one, InsertSql("interval_extras", kExtrasColumns, 1)},
        {&s->extras_many, InsertSql("interval_extras", kExtrasColumns, kRowsPerInsert)},
        {&s->days_one, InsertSql("day_totals", kDayColumns, 1)},
        {&s->days_many, InsertSql("day_totals", kDayColumns, kRowsPerInsert)},
        {&s->put_meta, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)"},
    };
    for (const auto& [statement, text] : statements) {
        if (Status status = impl.db.Prepare(text, statement); !status.ok()) return status;
    }
    return Status::Ok();
}

// Runs a prepared SELECT with the day's bounds, calling fn(statement) per row.
template <typename Fn>
Status ForEachRow(sql::Statement& s, int64_t day, int64_t day_end, Fn fn) {
    s.BindInt(1, day);
    s.BindInt(2, day_end);
    while (true) {
        bool has_row = false;
        if (!s.Step(&has_row)) {
            Status error = Status::Error(s.error());
            s.Reset();
            return error;
        }
        if (!has_row) break;
        fn(s);
    }
    s.Reset();
    return Status::Ok();
}

int64_t IntOr0(const sql::Statement& s, int column) { return s.ColumnIsNull(column) ? 0 : s.ColumnInt(column); }

class DayBuilder {
public:
    DayBuilder(const Definitions& defs, DayCounts& counts) : m_defs(defs), m_counts(counts) {
        m_center = m_counts.Slot(kCenter, "");
    }

    // One calls row (the columns of RebuildStatements::calls): a leg, counted as the engine
    // counts it (LegQueueCounts for its queue and the center, the agent's share for the agent who
    // answered), with the definition valid when it entered its queue.
    void AddLeg(const sql::Statement& s) {
        CallLeg leg;
        leg.home_ms = s.ColumnInt(2);
        leg.answered_ms = s.ColumnIsNull(3) ? -1 : s.ColumnInt(3);
        leg.wait_ms = s.ColumnIsNull(4) ? -1 : s.ColumnInt(4);
        leg.ended_ms = s.ColumnIsNull(5) ? -1 : s.ColumnInt(5);
        if (!s.ColumnIsNull(6)) ParseLegEnd(s.ColumnView(6), &leg.end);
        leg.talk_ms = IntOr0(s, 7);
        leg.hold_ms = s.ColumnInt(8);
        leg.wrap_ms = s.ColumnIsNull(9) ? -1 : s.ColumnInt(9);
        const std::string_view queue = s.ColumnView(0);
        const ServiceLevelDef& sl = m_defs.Sl(queue, leg.home_ms);
        const size_t interval = m_counts.IntervalOf(leg.home_ms);
        const KpiCounts counts = LegQueueCounts(leg, sl);
        if (!s.ColumnIsNull(0)) {
            m_counts.At(m_counts.Slot(kQueue, queue), interval).Add(counts);
            m_counts.At(m_center, interval).Add(counts);
        }
        if (leg.answered() && !s.ColumnIsNull(1)) AddForAgent(s.ColumnView(1), interval, LegAgentShare(leg, counts), nullptr);
    }

    // A missed ring or an outcome tag (queue, agent, home first): the same counts (and extras)
    // for the queue of its leg, the center and the agent.
    void AddForLeg(const sql::Statement& s, const KpiCounts& c, const ReportExtras* extras) {
        const size_t interval = m_counts.IntervalOf(s.ColumnInt(2));
        if (!s.ColumnIsNull(0)) {
            for (size_t slot : {m_counts.Slot(kQueue, s.ColumnView(0)), m_center}) {
                m_counts.At(slot, interval).Add(c);
                if (extras) m_counts.ExtrasAt(slot, interval).Add(*extras);
            }
        }
        if (!s.ColumnIsNull(1)) AddForAgent(s.ColumnView(1), interval, c, extras);
    }

    // One agent_states row (the columns of RebuildStatements::states), cut at interval edges:
    // its time counts for the agent, the agent's team, the center and each queue it was a member
    // of; not-ready time also by its reason. A state still open counts up to open_until.
    void AddState(const sql::Statement& s, int64_t day, int64_t day_end, int64_t interval_ms, int64_t open_until) {
        AgentState state = AgentState::LoggedOut;
        if (!ParseAgentStateName(s.ColumnView(1), &state)) return;
        int64_t from = std::max(day, s.ColumnInt(2));
        const int64_t end = s.ColumnIsNull(3) ? std::max(from, std::min(open_until, day_end))
                                              : std::min(day_end, s.ColumnInt(3));
        if (from >= end) return;
        NotReadyReason reason = NotReadyReason::None;
        if (state == AgentState::NotReady && !s.ColumnIsNull(5)) ParseNotReadyReason(s.ColumnView(5), &reason);
        const Slots slots = AgentSlots(s.ColumnView(0));
        const std::vector<size_t>& queue_slots = QueueSlots(s.ColumnView(4));
        while (from < end) {
            const size_t interval = m_counts.IntervalOf(from);
            const int64_t start = day + static_cast<int64_t>(interval) * interval_ms;
            const int64_t to = std::min(end, start + interval_ms);
            auto add = [&](size_t slot) {
                AddStateTime(&m_counts.At(slot, interval), state, to - from);
                if (state == AgentState::NotReady) AddNotReadyTime(&m_counts.ExtrasAt(slot, interval), state, reason, to - from);
            };
            for (size_t slot : {slots.agent, slots.team, m_center}) {
                if (slot != kNone) add(slot);
            }
            for (size_t slot : queue_slots) add(slot);
            from = to;
        }
    }

private:
    static constexpr size_t kNone = static_cast<size_t>(-1);
    struct Slots {
        size_t agent = kNone;
        size_t team = kNone;
    };

    void AddForAgent(std::string_view agent, size_t interval, const KpiCounts& c, const ReportExtras* extras) {
        const Slots slots = AgentSlots(agent);
        for (size_t slot : {slots.agent, slots.team}) {
            if (slot == kNone) continue;
            m_counts.At(slot, interval).Add(c);
            if (extras) m_counts.ExtrasAt(slot, interval).Add(*extras);
        }
    }

    // The slots of a spell's member queues (agent_states.queues), worked out once per list.
    const std::vector<size_t>& QueueSlots(std::string_view list) {
        auto it = m_queue_lists.find(list);
        if (it != m_queue_lists.end()) return it->second;
        std::vector<size_t> slots;
        std::string_view rest = list;
        while (!rest.empty()) {
            const size_t cut = rest.find(kQueueListSeparator);
            const std::string_view key = rest.substr(0, cut);
            if (!key.empty()) slots.push_back(m_counts.Slot(kQueue, key));
            rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
        }
        return m_queue_lists.emplace(std::string(list), std::move(slots)).first->second;
    }

    // The agent's slot and its team's (kNone for an agent without a stored team).
    Slots AgentSlots(std::string_view agent) {
        if (agent == m_last_agent && m_has_last) return m_last_slots;
        Slots slots;
        slots.agent = m_counts.Slot(kAgent, agent);
        auto it = m_defs.agent_team.find(agent);
        if (it != m_defs.agent_team.end()) slots.team = m_counts.Slot(kTeam, it->second);
        m_last_agent.assign(agent);
        m_last_slots = slots;
        m_has_last = true;
        return slots;
    }

    const Definitions& m_defs;
    DayCounts& m_counts;
    size_t m_center = 0;
    std::string m_last_agent;
    Slots m_last_slots;
    bool m_has_last = false;
    KeyMap<std::vector<size_t>> m_queue_lists;
};

// Binds the 23 counts at parameters at+1 .. at+23.
void BindCountValues(sql::Statement& put, int at, const KpiCounts& c) {
    int i = at;
    for (const KpiCountField& f : KpiCountFields()) put.BindInt(++i, c.*f.member);
}

// Binds the 11 extras at parameters at+1 .. at+11.
void BindExtraValues(sql::Statement& put, int at, const ReportExtras& e) {
    int i = at;
    for (int64_t ms : e.not_ready_ms) put.BindInt(++i, ms);
    put.BindInt(++i, e.callbacks_promised);
    put.BindInt(++i, e.callbacks_kept);
}

void BindCounts(sql::Statement& put, int at, int scope, const std::string& key, int64_t start, int minutes,
                const KpiCounts& c) {
    put.BindTextNoCopy(at + 1, kScopeNames[scope]);
    put.BindTextNoCopy(at + 2, key);
    put.BindInt(at + 3, start);
    put.BindInt(at + 4, minutes);
    BindCountValues(put, at + 4, c);
}

// Inserts rows kRowsPerInsert per statement (many), the rest one by one (one); bind(statement,
// first parameter offset, row) binds one row.
template <typename Row, typename Bind>
Status InsertRows(sql::Statement& many, sql::Statement& one, int columns, const std::vector<const Row*>& rows, Bind bind) {
    size_t i = 0;
    for (; i + kRowsPerInsert <= rows.size(); i += kRowsPerInsert) {
        for (size_t k = 0; k < kRowsPerInsert; ++k) bind(many, static_cast<int>(k) * columns, *rows[i + k]);
        if (Status status = many.Run(); !status.ok()) return status;
    }
    for (; i < rows.size(); ++i) {
        bind(one, 0, *rows[i]);
        if (Status status = one.Run(); !status.ok()) return status;
    }
    return Status::Ok();
}

// Computes one day's counts from calls and agent_states into *out (rows of touched cells).
Status ComputeDay(RebuildStatements& st, const Definitions& defs, DayCounts& counts, int64_t day, int64_t day_end,
                  int interval_minutes, int64_t now_ms, IntervalDay* out) {
    const int64_t interval_ms = static_cast<int64_t>(interval_minutes) * 60000;
    counts.Reset(day, day_end, interval_ms);
    DayBuilder builder(defs, counts);
    Status status = ForEachRow(st.calls, day, day_end, [&](const sql::Statement& s) { builder.AddLeg(s); });
    if (!status.ok()) return status;
    const KpiCounts miss = RingMissCounts();
    status = ForEachRow(st.misses, day, day_end, [&](const sql::Statement& s) { builder.AddForLeg(s, miss, nullptr); });
    if (!status.ok()) return status;
    status = ForEachRow(st.tags, day, day_end, [&](const sql::Statement& s) {
        OutcomeTag tag;
        ParseOutcome(s.ColumnText(3), &tag.outcome);
        tag.value_cents = IntOr0(s, 4);
        const ReportExtras extras = OutcomeTagExtras(tag.outcome);
        builder.AddForLeg(s, OutcomeTagCounts(tag), extras.Empty() ? nullptr : &extras);
    });
    if (!status.ok()) return status;
    // A state still open is counted up to the day's last stored event (or now, if earlier).
    int64_t last_event = day;
    status = ForEachRow(st.last_event, day, day_end, [&](const sql::Statement& s) {
        if (!s.ColumnIsNull(0)) last_event = s.ColumnInt(0);
    });
    if (!status.ok()) return status;
    const int64_t open_until = OpenSpellEnd(last_event, now_ms);
    status = ForEachRow(st.states, day, day_end,
                        [&](const sql::Statement& s) { builder.AddState(s, day, day_end, interval_ms, open_until); });
    if (!status.ok()) return status;
    out->day_start_ms = day;
    out->day_end_ms = day_end;
    out->interval_minutes = interval_minutes;
    out->rows.clear();
    out->extras.clear();
    out->days.clear();
    counts.Rows(out);
    // In the tables' key order: (start, scope name, key) for interval rows and extras, (scope
    // name, key) for the day's totals, so the day's rows are appended in place.
    auto by_start = [](const auto& a, const auto& b) {
        if (a.start_ms != b.start_ms) return a.start_ms < b.start_ms;
        const std::string_view sa = kScopeNames[a.scope], sb = kScopeNames[b.scope];
        if (sa != sb) return sa < sb;
        return a.key < b.key;
    };
    std::sort(out->rows.begin(), out->rows.end(), by_start);
    std::sort(out->extras.begin(), out->extras.end(), by_start);
    std::sort(out->days.begin(), out->days.end(), [](const IntervalDay::DayRow& a, const IntervalDay::DayRow& b) {
        const std::string_view sa = kScopeNames[a.scope], sb = kScopeNames[b.scope];
        if (sa != sb) return sa < sb;
        return a.key < b.key;
    });
    return Status::Ok();
}

// Replaces the day's rows (interval counts, the center's intervals, extras and day totals) and
// clears its dirty mark if it is still the one the rows were computed for (a later batch that
// touched the day marked it again).
Status WriteDay(RebuildStatements& st, const IntervalDay& day) {
    for (sql::Statement* erase : {&st.erase, &st.erase_center, &st.erase_extras}) {
        erase->BindInt(1, day.day_start_ms);
        erase->BindInt(2, day.day_end_ms);
        if (Status status = erase->Run(); !status.ok()) return status;
    }
    st.erase_days.BindInt(1, day.day_start_ms);
    if (Status status = st.erase_days.Run(); !status.ok()) return status;
    const int minutes = day.interval_minutes;
    std::vector<const IntervalDay::Row*> rows, center;
    rows.reserve(day.rows.size());
    for (const IntervalDay::Row& r : day.rows) (r.scope == kCenter ? center : rows).push_back(&r);
    Status status = InsertRows(st.put_many, st.put_one, kCountsColumns, rows,
                               [&](sql::Statement& put, int at, const IntervalDay::Row& r) {
                                   BindCounts(put, at, r.scope, r.key, r.start_ms, minutes, r.counts);
                               });
    if (!status.ok()) return status;
    status = InsertRows(st.center_many, st.center_one, kCenterColumns, center,
                        [&](sql::Statement& put, int at, const IntervalDay::Row& r) {
                            put.BindInt(at + 1, r.start_ms);
                            put.BindInt(at + 2, minutes);
                            BindCountValues(put, at + 2, r.counts);
                        });
    if (!status.ok()) return status;
    std::vector<const IntervalDay::ExtraRow*> extras;
    for (const IntervalDay::ExtraRow& e : day.extras) extras.push_back(&e);
    status = InsertRows(st.extras_many, st.extras_one, kExtrasColumns, extras,
                        [&](sql::Statement& put, int at, const IntervalDay::ExtraRow& e) {
                            put.BindInt(at + 1, e.start_ms);
                            put.BindTextNoCopy(at + 2, kScopeNames[e.scope]);
                            put.BindTextNoCopy(at + 3, e.key);
                            BindExtraValues(put, at + 3, e.extras);
                        });
    if (!status.ok()) return status;
    std::vector<const IntervalDay::DayRow*> days;
    for (const IntervalDay::DayRow& d : day.days) days.push_back(&d);
    status = InsertRows(st.days_many, st.days_one, kDayColumns, days,
                        [&](sql::Statement& put, int at, const IntervalDay::DayRow& d) {
                            put.BindTextNoCopy(at + 1, kScopeNames[d.scope]);
                            put.BindInt(at + 2, day.day_start_ms);
                            put.BindTextNoCopy(at + 3, d.key);
                            BindCountValues(put, at + 3, d.counts);
                            BindExtraValues(put, at + 3 + 23, d.extras);
                        });
    if (!status.ok()) return status;
    st.clear_mark.BindInt(1, day.day_start_ms);
    st.clear_mark.BindInt(2, day.generation);
    return st.clear_mark.Run();
}

// Records how the stored days are cut (meta derived_zone, derived_tz_offset_min,
// derived_interval_minutes), so reports and the command line read them in the same zone.
Status RecordLayout(Store::Impl& impl, RebuildStatements& st) {
    const DerivedConfig& d = impl.derived;
    const std::pair<const char*, std::string> values[] = {
        {"derived_zone", d.zone && !d.zone->is_fixed() ? d.zone->name() : std::string()},
        {"derived_tz_offset_min", std::to_string(d.zone && d.zone->is_fixed() ? d.zone->fixed_offset_min() : d.tz_offset_min)},
        {"derived_interval_minutes", std::to_string(d.interval_minutes)},
    };
    for (const auto& [key, value] : values) {
        st.put_meta.BindText(1, key);
        st.put_meta.BindText(2, value);
        if (Status status = st.put_meta.Run(); !status.ok()) return status;
    }
    return Status::Ok();
}

// Schema v10 added the reports' rollups: on the first rebuild after it, every stored day is marked
// so its rollups are written (meta report_rollups: "pending" -> "done").
Status MarkDaysForRollups(Store::Impl& impl) {
    sql::Statement flag;
    Status status = impl.db.Prepare("SELECT value FROM meta WHERE key = 'report_rollups'", &flag);
    if (!status.ok()) return status;
    bool has_row = false;
    if (!flag.Step(&has_row)) return Status::Error(flag.error());
    const bool pending = has_row && flag.ColumnText(0) == "pending";
    flag.Reset();
    if (!pending) return Status::Ok();
    sql::Statement range;
    status = impl.db.Prepare("SELECT MIN(start_ms), MAX(start_ms) FROM interval_counts", &range);
    if (!status.ok()) return status;
    if (!range.Step(&has_row)) return Status::Error(range.error());
    std::vector<int64_t> days;
    if (has_row && !range.ColumnIsNull(0)) {
        const int64_t last = range.ColumnInt(1);
        for (int64_t day = DerivedDayStart(impl.derived, range.ColumnInt(0)); day <= last;
             day = DerivedNextDayStart(impl.derived, day)) {
            days.push_back(day);
        }
    }
    range.Reset();
    if (!days.empty()) {
        if (Status marked = MarkDays(impl, &days); !marked.ok()) return marked;
    }
    return impl.db.Exec("UPDATE meta SET value = 'done' WHERE key = 'report_rollups'");
}

// The dirty days (day start, mark generation) starting before `before_ms`, oldest first.
Status DirtyDays(RebuildStatements& st, int64_t before_ms, std::vector<std::pair<int64_t, int64_t>>* out) {
    st.dirty.BindInt(1, before_ms);
    while (true) {
        bool has_row = false;
        if (!st.dirty.Step(&has_row)) {
            Status error = Status::Error(st.dirty.error());
            st.dirty.Reset();
            return error;
        }
        if (!has_row) break;
        out->emplace_back(st.dirty.ColumnInt(0), st.dirty.ColumnInt(1));
    }
    st.dirty.Reset();
    return Status::Ok();
}

Status RebuildDays(Store::Impl& impl, int64_t now_ms, int64_t* days_out) {
    RebuildStatements st;
    if (Status status = Prepare(impl, &st); !status.ok()) return status;
    if (Status status = MarkDaysForRollups(impl); !status.ok()) return status;
    std::vector<std::pair<int64_t, int64_t>> days;
    if (Status status = DirtyDays(st, INT64_MAX, &days); !status.ok()) return status;
    *days_out = static_cast<int64_t>(days.size());
    if (days.empty()) return Status::Ok();
    if (Status status = RecordLayout(impl, st); !status.ok()) return status;
    Definitions defs;
    if (Status status = LoadDefinitions(impl, &defs); !status.ok()) return status;
    DayCounts counts;
    IntervalDay computed;
    for (const auto& [day, generation] : days) {
        Status status = ComputeDay(st, defs, counts, day, DerivedNextDayStart(impl.derived, day),
                                   impl.derived.interval_minutes, now_ms, &computed);
        computed.generation = generation;
        if (status.ok()) status = WriteDay(st, computed);
        if (!status.ok()) return status;
    }
    return Status::Ok();
}

}  // namespace

Result<int64_t> Store::RebuildIntervals(int64_t now_ms) {
    Status status = m_impl->db.Exec("BEGIN IMMEDIATE");
    if (!status.ok()) return status;
    int64_t days = 0;
    status = RebuildDays(*m_impl, now_ms, &days);
    if (status.ok()) status = m_impl->db.Exec("COMMIT");
    if (!status.ok()) {
        m_impl->db.Exec("ROLLBACK");
        return Status::Error("rebuilding interval counts failed: " + status.message());
    }
    return days;
}

Result<std::vector<IntervalDay>> Store::ComputeDirtyDays(int64_t before_ms, int64_t now_ms, size_t max_days,
                                                         std::span<const std::pair<int64_t, int64_t>> skip) {
    // One read transaction: the days' marks and the rows they are computed from are one snapshot.
    Status status = m_impl->db.Exec("BEGIN");
    if (!status.ok()) return Status::Error("computing interval counts failed: " + status.message());
    std::vector<IntervalDay> out;
    RebuildStatements st;
    std::vector<std::pair<int64_t, int64_t>> days;
    status = Prepare(*m_impl, &st);
    if (status.ok()) status = DirtyDays(st, before_ms, &days);
    Definitions defs;
    if (status.ok() && !days.empty()) status = LoadDefinitions(*m_impl, &defs);
    DayCounts counts;
    for (const auto& mark : days) {
        if (!status.ok() || out.size() >= max_days) break;
        if (std::find(skip.begin(), skip.end(), mark) != skip.end()) continue;
        IntervalDay day;
        status = ComputeDay(st, defs, counts, mark.first, DerivedNextDayStart(m_impl->derived, mark.first),
                            m_impl->derived.interval_minutes, now_ms, &day);
        day.generation = mark.second;
        out.push_back(std::move(day));
    }
    m_impl->db.Exec("COMMIT");
    if (!status.ok()) return Status::Error("computing interval counts failed: " + status.message());
    return out;
}

Result<int64_t> Store::WriteIntervalDays(std::span<const IntervalDay> days) {
    if (days.empty()) return int64_t{0};
    Status status = m_impl->db.Exec("BEGIN IMMEDIATE");
    if (!status.ok()) return Status::Error("writing interval counts failed: " + status.message());
    RebuildStatements st;
    status = Prepare(*m_impl, &st);
    if (status.ok()) status = RecordLayout(*m_impl, st);
    for (const IntervalDay& day : days) {
        if (!status.ok()) break;
        status = WriteDay(st, day);
    }
    if (status.ok()) status = m_impl->db.Exec("COMMIT");
    if (!status.ok()) {
        m_impl->db.Exec("ROLLBACK");
        return Status::Error("writing interval counts failed: " + status.message());
    }
    return static_cast<int64_t>(days.size());
}

}  // namespace cb
