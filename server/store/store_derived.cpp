// Store: tables derived from raw events (docs/ingest.md, "Derived tables"). A batch's newly
// stored events are run, in time order, through the core's Tracker (app/core/tracker.h) - the
// code the live engine runs - continuing from the state the previous batch left
// (tracker_state). What the tracker tells becomes rows: one calls row per leg, agent state
// spells with the queues the agent was a member of, missed rings and outcome tags. Each touched
// row is written once, inside the transaction that stores the events. interval_counts are
// counted per day from these rows with the core's counting rules (store_intervals.cpp).
#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>
#include "core/counting.h"
#include "core/tracker.h"
#include "server/base/event_names.h"
#include "server/store/store.h"
#include "server/store/store_impl.h"

namespace cb {
namespace {

constexpr size_t kRowsPerInsert = 32;  // rows per multi-row INSERT (fewer statement runs)

using OptInt = std::optional<int64_t>;
using OptText = std::optional<std::string>;

int64_t NowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// "INSERT INTO <table (columns)> VALUES (?, ...), ... <tail>" for `rows` rows.
std::string InsertSql(const char* table, int columns, size_t rows, const char* tail = "") {
    std::string sql = std::string("INSERT INTO ") + table + " VALUES ";
    for (size_t r = 0; r < rows; ++r) {
        sql += r ? ",(" : "(";
        for (int c = 0; c < columns; ++c) sql += c ? ",?" : "?";
        sql += ")";
    }
    return sql + tail;
}

constexpr int kLegColumns = 19;
constexpr const char* kLegColumnList =
    "calls (source, call, leg, entered_ms, queue, agent, answered_ms, ended_ms, wait_ms, talk_ms, hold_ms, hold_since_ms,"
    " wrap_ms, ring_noanswer, end_kind, exit_reason, target_queue, outcome, value_cents)";
// A leg's row is its latest value; outcome columns are kept when the batch names none.
constexpr const char* kLegUpsert =
    " ON CONFLICT (source, call, leg) DO UPDATE SET queue = excluded.queue, agent = excluded.agent,"
    " answered_ms = excluded.answered_ms, ended_ms = excluded.ended_ms, wait_ms = excluded.wait_ms,"
    " talk_ms = excluded.talk_ms, hold_ms = excluded.hold_ms, hold_since_ms = excluded.hold_since_ms,"
    " wrap_ms = excluded.wrap_ms, ring_noanswer = excluded.ring_noanswer, end_kind = excluded.end_kind,"
    " exit_reason = excluded.exit_reason, target_queue = excluded.target_queue,"
    " outcome = COALESCE(excluded.outcome, calls.outcome), value_cents = COALESCE(excluded.value_cents, calls.value_cents)";
constexpr int kSpellColumns = 8;
constexpr const char* kSpellColumnList = "agent_states (source, agent, state, reason, call, start_ms, end_ms, queues)";
constexpr int kMissColumns = 7;
constexpr const char* kMissColumnList = "ring_noanswers (source, t_ms, agent, call, queue, home_ms, ring_ms)";
constexpr int kTagColumns = 8;
constexpr const char* kTagColumnList = "call_outcomes (source, t_ms, agent, call, queue, home_ms, outcome, value_cents)";

void BindOpt(sql::Statement& s, int index, const OptInt& v) {
    if (v) s.BindInt(index, *v);
    else s.BindNull(index);
}
void BindOpt(sql::Statement& s, int index, const OptText& v) {  // v must outlive the step
    if (v) s.BindTextNoCopy(index, *v);
    else s.BindNull(index);
}
void BindKey(sql::Statement& s, int index, const std::string* key) {
    if (key) s.BindTextNoCopy(index, *key);
    else s.BindNull(index);
}
OptInt Known(int64_t v) { return v >= 0 ? OptInt(v) : std::nullopt; }

template <typename Row, typename Bind>
Status WriteRows(const std::vector<Row>& rows, sql::Statement& one, sql::Statement& many, int columns, Bind bind) {
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

Status StepOnce(sql::Statement& s, bool* has_row) {
    if (!s.Step(has_row)) {
        Status error = Status::Error(s.error());
        s.Reset();
        return error;
    }
    return Status::Ok();
}

// One agent_states row the batch closes, changes or opens. Rows stored before keep their text;
// the batch's own rows hold the agent's index and the state, bound by name when written.
struct Spell {
    int64_t id = 0;  // row id when stored before the batch; 0 for a row the batch inserts
    bool changed = false;
    uint32_t agent = kNoAgent;
    std::string state;          // rows stored before: as stored
    AgentState new_state = AgentState::LoggedOut;
    NotReadyReason reason = NotReadyReason::None;
    OptText stored_reason;
    OptInt call;
    int64_t start_ms = 0;
    OptInt end_ms;
    uint32_t queues = 0;  // member queues' keys (kQueueListSeparator between them): an index into the batch's texts
};

struct LegKey {
    uint64_t call;
    uint64_t origin;  // CallLeg::origin: the stored row id of the event that started the leg
    bool operator==(const LegKey&) const = default;
};
struct LegKeyHash {
    size_t operator()(const LegKey& k) const { return std::hash<uint64_t>{}(k.call * 0x9e3779b97f4a7c15ULL ^ k.origin); }
};

// Turns what the tracker tells into the batch's rows.
class DerivedSink final : public TrackerSink {
public:
    DerivedSink(Store::Impl& impl, std::string_view source, const Directory& dir)
        : m_impl(impl), m_source(source), m_dir(dir), m_open(dir.agents.size()), m_queue_text(dir.agents.size()),
          m_queue_text_known(dir.agents.size(), 0) {
        m_texts.emplace_back();  // 0: no queue
    }

    void set_tracker(const Tracker* tracker) { m_tracker = tracker; }

    // The source's open spells, by agent (an agent the directory no longer has keeps its row).
    Status LoadOpenSpells() {
        std::unordered_map<std::string_view, uint32_t> index;
        for (uint32_t i = 0; i < m_dir.agents.size(); ++i) index.emplace(m_dir.agents[i].key, i);
        sql::Statement& s = m_impl.load_open_states;
        s.BindText(1, m_source);
        while (true) {
            bool has_row = false;
            if (Status status = StepOnce(s, &has_row); !status.ok()) return status;
            if (!has_row) break;
            auto it = index.find(s.ColumnView(1));
            if (it == index.end()) continue;
            Spell row;
            row.id = s.ColumnInt(0);
            row.agent = it->second;
            row.state = s.ColumnText(2);
            if (!s.ColumnIsNull(3)) row.stored_reason = s.ColumnText(3);
            if (!s.ColumnIsNull(4)) row.call = s.ColumnInt(4);
            row.start_ms = s.ColumnInt(5);
            row.queues = Text(s.ColumnText(6));
            m_open[row.agent].push_back(m_spells.size());
            m_spells.push_back(std::move(row));
        }
        s.Reset();
        return Status::Ok();
    }

    void OnLeg(const CallLeg*, const CallLeg& after) override {
        const LegKey key{after.call, after.origin};
        auto [it, inserted] = m_leg_index.emplace(key, m_legs.size());
        if (inserted) m_legs.push_back(LegRow{after, std::nullopt, std::nullopt});
        else m_legs[it->second].leg = after;
        m_homes.push_back(after.home_ms);
    }

    void OnRingMiss(const RingMiss& miss) override {
        m_misses.push_back(miss);
        m_homes.push_back(miss.home_ms);
    }

    void OnOutcomeTag(const OutcomeTag& tag) override {
        m_tags.push_back(tag);
        m_homes.push_back(tag.home_ms);
        // The leg's row shows its last outcome.
        auto it = tag.origin != 0 ? m_leg_index.find(LegKey{tag.call, tag.origin}) : m_leg_index.end();
        OptText outcome = std::string(OutcomeName(tag.outcome));
        const OptInt value = tag.value_cents;
        if (it != m_leg_index.end()) {
            m_legs[it->second].outcome = outcome;
            m_legs[it->second].value_cents = value;
        } else if (tag.origin != 0) {
            m_outcome_updates.push_back(tag);
        }
    }

    void OnState(const StateChange& c) override {
        CloseOpen(c.agent, c.t_ms);
        if (c.to == AgentState::LoggedOut) return;
        Spell row;
        row.agent = c.agent;
        row.new_state = c.to;
        row.reason = c.to == AgentState::NotReady ? c.to_reason : NotReadyReason::None;
        if (c.call != 0) row.call = static_cast<int64_t>(c.call);
        row.start_ms = c.t_ms;
        row.queues = QueueText(c.agent);
        Open(std::move(row));
    }

    // A logged-in agent's spell is cut where its membership changes, so each spell names the
    // queues its time counts for; a change at the spell's first moment just renames them.
    void OnMembership(uint32_t agent, uint16_t queue, bool member, int64_t t) override {
        const TrackedAgent& a = m_tracker->agent(agent);
        const uint32_t list = Text(QueueList(a.queues, queue, member));
        m_queue_text[agent] = list;
        m_queue_text_known[agent] = 1;
        if (a.state == AgentState::LoggedOut) return;
        std::vector<size_t>& open = m_open[agent];
        if (open.empty()) return;
        Spell& current = m_spells[open.back()];
        if (current.start_ms >= t) {
            current.queues = list;
            current.changed = true;
            return;
        }
        Spell next = current;
        next.id = 0;
        next.changed = false;
        next.start_ms = t;
        next.end_ms.reset();
        next.queues = list;
        if (current.id != 0) {  // a stored row goes on as the batch's own: state by name
            ParseAgentStateName(current.state, &next.new_state);
            if (current.stored_reason) ParseNotReadyReason(*current.stored_reason, &next.reason);
        }
        CloseOpen(agent, t);
        Open(std::move(next));
    }

    // The days whose interval counts the batch's rows change, besides the days of its events:
    // a leg's, ring's or tag's home day, and every day a closed spell covers.
    void TouchedDays(const DerivedConfig& config, std::vector<int64_t>* days) const {
        auto add = [days](int64_t day) {
            if (days->empty() || days->back() != day) days->push_back(day);
        };
        for (int64_t home : m_homes) add(DerivedDayStart(config, home));
        constexpr int kMaxDays = 400;  // a spell left open for longer is cut there
        for (const Spell& row : m_spells) {
            if (!row.end_ms) continue;
            const int64_t last = DerivedDayStart(config, *row.end_ms);
            int64_t day = DerivedDayStart(config, row.start_ms);
            for (int n = 0; day <= last && n < kMaxDays; ++n, day = DerivedNextDayStart(config, day)) add(day);
        }
    }

    Status Write() {
        std::vector<const LegRow*> legs;
        legs.reserve(m_legs.size());
        for (const LegRow& row : m_legs) legs.push_back(&row);
        // In key order: new rows land at the end of the table's B-tree (time-ordered keys).
        std::sort(legs.begin(), legs.end(), [](const LegRow* a, const LegRow* b) {
            if (a->leg.call != b->leg.call) return static_cast<int64_t>(a->leg.call) < static_cast<int64_t>(b->leg.call);
            return a->leg.origin < b->leg.origin;
        });
        std::vector<LegText> texts(legs.size());
        for (size_t i = 0; i < legs.size(); ++i) texts[i] = LegText::Of(legs[i]->leg);
        std::vector<size_t> leg_order(legs.size());
        for (size_t i = 0; i < legs.size(); ++i) leg_order[i] = i;
        Status status = WriteRows(leg_order, m_impl.put_leg, m_impl.put_legs_many, kLegColumns,
                                  [&](sql::Statement& s, int at, size_t i) { BindLeg(s, at, *legs[i], texts[i]); });
        if (!status.ok()) return status;
        for (const OutcomeTag& tag : m_outcome_updates) {
            sql::Statement& s = m_impl.set_leg_outcome;
            const std::string outcome(OutcomeName(tag.outcome));
            s.BindTextNoCopy(1, outcome);
            s.BindInt(2, tag.value_cents);
            s.BindTextNoCopy(3, m_source);
            s.BindInt(4, static_cast<int64_t>(tag.call));
            s.BindInt(5, static_cast<int64_t>(tag.origin));
            if (!(status = s.Run()).ok()) return status;
        }
        status = WriteRows(m_misses, m_impl.put_miss, m_impl.put_misses_many, kMissColumns,
                           [&](sql::Statement& s, int at, const RingMiss& m) { BindMiss(s, at, m); });
        if (!status.ok()) return status;
        std::vector<std::string> tag_names(m_tags.size());
        for (size_t i = 0; i < m_tags.size(); ++i) tag_names[i] = std::string(OutcomeName(m_tags[i].outcome));
        std::vector<size_t> tag_order(m_tags.size());
        for (size_t i = 0; i < m_tags.size(); ++i) tag_order[i] = i;
        status = WriteRows(tag_order, m_impl.put_tag, m_impl.put_tags_many, kTagColumns,
                           [&](sql::Statement& s, int at, size_t i) { BindTag(s, at, m_tags[i], tag_names[i]); });
        if (!status.ok()) return status;
        // Spells stored before: closed or renamed now. The batch's: inserted in the order opened.
        std::vector<size_t> opened;
        for (size_t i = 0; i < m_spells.size(); ++i) {
            const Spell& row = m_spells[i];
            if (row.id == 0) {
                opened.push_back(i);
                continue;
            }
            if (!row.changed) continue;
            sql::Statement& s = m_impl.update_state;
            BindOpt(s, 1, row.end_ms);
            s.BindTextNoCopy(2, m_texts[row.queues]);
            s.BindInt(3, row.id);
            if (!(status = s.Run()).ok()) return status;
        }
        return WriteRows(opened, m_impl.open_agent_state, m_impl.open_states_many, kSpellColumns,
                         [this](sql::Statement& s, int at, size_t i) { BindSpell(s, at, m_spells[i]); });
    }

private:
    struct LegRow {
        CallLeg leg;
        OptText outcome;
        OptInt value_cents;
    };
    // A leg's text columns, kept alive while its statement runs.
    struct LegText {
        std::string end_kind, exit_reason;
        static LegText Of(const CallLeg& leg) {
            LegText t;
            t.end_kind = std::string(LegEndName(leg.end));
            if (leg.end == LegEnd::Exited) t.exit_reason = std::string(ExitReasonName(leg.exit_reason));
            return t;
        }
    };

    const std::string* QueueKey(uint16_t queue) const {
        return queue < m_dir.queues.size() ? &m_dir.queues[queue].key : nullptr;
    }
    const std::string* AgentKey(uint32_t agent) const {
        return agent < m_dir.agents.size() ? &m_dir.agents[agent].key : nullptr;
    }

    // The agent's member queues as stored (a text of the batch, until its membership changes).
    uint32_t QueueText(uint32_t agent) {
        if (!m_queue_text_known[agent]) {
            m_queue_text[agent] = Text(QueueList(m_tracker->agent(agent).queues, kNoQueue, false));
            m_queue_text_known[agent] = 1;
        }
        return m_queue_text[agent];
    }

    uint32_t Text(std::string text) {
        if (text.empty()) return 0;
        m_texts.push_back(std::move(text));
        return static_cast<uint32_t>(m_texts.size() - 1);
    }

    // The keys of `queues` (ascending indices), with `change` added or removed.
    std::string QueueList(const std::vector<uint16_t>& queues, uint16_t change, bool add) const {
        std::string out;
        auto put = [&](uint16_t q) {
            if (const std::string* key = QueueKey(q)) {
                if (!out.empty()) out += kQueueListSeparator;
                out += *key;
            }
        };
        bool placed = change == kNoQueue || !add;
        for (uint16_t q : queues) {
            if (!placed && change < q) {
                put(change);
                placed = true;
            }
            if (q == change && !add) continue;
            put(q);
        }
        if (!placed) put(change);
        return out;
    }

    void CloseOpen(uint32_t agent, int64_t t) {
        std::vector<size_t>& open = m_open[agent];
        for (size_t i : open) {
            Spell& row = m_spells[i];
            row.end_ms = std::max(row.start_ms, t);
            row.changed = true;
        }
        open.clear();
    }

    void Open(Spell row) {
        m_open[row.agent].push_back(m_spells.size());
        m_spells.push_back(std::move(row));
    }

    // Binds one row at parameters at+1.. (the column order of kLegColumnList).
    void BindLeg(sql::Statement& s, int at, const LegRow& row, const LegText& text) const {
        const CallLeg& l = row.leg;
        s.BindTextNoCopy(at + 1, m_source);
        s.BindInt(at + 2, static_cast<int64_t>(l.call));
        s.BindInt(at + 3, static_cast<int64_t>(l.origin));
        s.BindInt(at + 4, l.home_ms);
        BindKey(s, at + 5, QueueKey(l.queue));
        BindKey(s, at + 6, AgentKey(l.agent));
        BindOpt(s, at + 7, Known(l.answered_ms));
        BindOpt(s, at + 8, Known(l.ended_ms));
        BindOpt(s, at + 9, Known(l.wait_ms));
        BindOpt(s, at + 10, l.answered() && l.ended_ms >= 0 ? OptInt(l.talk_ms) : std::nullopt);  // once talk ended
        s.BindInt(at + 11, l.hold_ms);
        BindOpt(s, at + 12, l.on_hold ? Known(l.spell_since_ms) : std::nullopt);
        BindOpt(s, at + 13, Known(l.wrap_ms));
        s.BindInt(at + 14, l.ring_noanswer);
        if (l.end != LegEnd::None) s.BindTextNoCopy(at + 15, text.end_kind);
        else s.BindNull(at + 15);
        if (l.end == LegEnd::Exited) s.BindTextNoCopy(at + 16, text.exit_reason);
        else s.BindNull(at + 16);
        BindKey(s, at + 17, QueueKey(l.target_queue));
        BindOpt(s, at + 18, row.outcome);
        BindOpt(s, at + 19, row.value_cents);
    }

    void BindMiss(sql::Statement& s, int at, const RingMiss& m) const {
        s.BindTextNoCopy(at + 1, m_source);
        s.BindInt(at + 2, m.t_ms);
        BindKey(s, at + 3, AgentKey(m.agent));
        if (m.call != 0) s.BindInt(at + 4, static_cast<int64_t>(m.call));
        else s.BindNull(at + 4);
        BindKey(s, at + 5, QueueKey(m.queue));
        s.BindInt(at + 6, m.home_ms);
        BindOpt(s, at + 7, Known(m.ring_ms));
    }

    void BindTag(sql::Statement& s, int at, const OutcomeTag& t, const std::string& outcome) const {
        s.BindTextNoCopy(at + 1, m_source);
        s.BindInt(at + 2, t.t_ms);
        BindKey(s, at + 3, AgentKey(t.agent));
        if (t.call != 0) s.BindInt(at + 4, static_cast<int64_t>(t.call));
        else s.BindNull(at + 4);
        BindKey(s, at + 5, QueueKey(t.queue));
        s.BindInt(at + 6, t.home_ms);
        s.BindTextNoCopy(at + 7, outcome);
        if (t.outcome == Outcome::Order) s.BindInt(at + 8, t.value_cents);
        else s.BindNull(at + 8);
    }

    // The column order of kSpellColumnList.
    void BindSpell(sql::Statement& s, int at, const Spell& row) const {
        s.BindTextNoCopy(at + 1, m_source);
        s.BindTextNoCopy(at + 2, m_dir.agents[row.agent].key);
        s.BindTextNoCopy(at + 3, AgentStateName(row.new_state));
        if (row.new_state == AgentState::NotReady && row.reason != NotReadyReason::None) {
            s.BindTextNoCopy(at + 4, NotReadyReasonName(row.reason));
        } else {
            s.BindNull(at + 4);
        }
        BindOpt(s, at + 5, row.call);
        s.BindInt(at + 6, row.start_ms);
        BindOpt(s, at + 7, row.end_ms);
        s.BindTextNoCopy(at + 8, m_texts[row.queues]);
    }

    Store::Impl& m_impl;
    std::string_view m_source;
    const Directory& m_dir;
    const Tracker* m_tracker = nullptr;
    std::unordered_map<LegKey, size_t, LegKeyHash> m_leg_index;
    std::vector<LegRow> m_legs;
    std::vector<RingMiss> m_misses;
    std::vector<OutcomeTag> m_tags;
    std::vector<OutcomeTag> m_outcome_updates;  // tags on legs not written by this batch
    std::vector<int64_t> m_homes;
    std::vector<std::vector<size_t>> m_open;  // by agent: its open spells (indices into m_spells)
    std::vector<uint32_t> m_queue_text;       // by agent: its member queues as stored (m_texts)
    std::vector<std::string> m_texts;         // member queue lists of the batch's spells
    std::vector<char> m_queue_text_known;
    std::vector<Spell> m_spells;  // spells stored before and open, then spells the batch opened
};

}  // namespace

namespace {

Status LoadTrackerState(Store::Impl& impl, std::string_view source, Tracker* tracker) {
    sql::Statement& s = impl.get_tracker_state;
    s.BindText(1, source);
    bool has_row = false;
    if (Status status = StepOnce(s, &has_row); !status.ok()) return status;
    std::string saved = has_row ? s.ColumnBlob(0) : std::string();
    s.Reset();
    if (!has_row) return Status::Ok();
    std::string error;
    if (!tracker->Load(saved, &error)) return Status::Error("source '" + std::string(source) + "': " + error);
    return Status::Ok();
}

}  // namespace

int64_t DerivedDayStart(const DerivedConfig& config, int64_t t_ms) {
    if (config.zone) return config.zone->DayStart(t_ms);
    return TimeZone::Fixed(config.tz_offset_min).DayStart(t_ms);
}

int64_t DerivedNextDayStart(const DerivedConfig& config, int64_t day_start_ms) {
    if (config.zone) return config.zone->NextDayStart(day_start_ms);
    return day_start_ms + kMsPerDay;
}

Status PrepareDerivedStatements(Store::Impl& impl) {
    const std::pair<sql::Statement*, std::string> statements[] = {
        {&impl.put_leg, InsertSql(kLegColumnList, kLegColumns, 1, kLegUpsert)},
        {&impl.put_legs_many, InsertSql(kLegColumnList, kLegColumns, kRowsPerInsert, kLegUpsert)},
        {&impl.set_leg_outcome,
         "UPDATE calls SET outcome = ?1, value_cents = ?2 WHERE source = ?3 AND call = ?4 AND leg = ?5"},
        {&impl.put_miss, InsertSql(kMissColumnList, kMissColumns, 1)},
        {&impl.put_misses_many, InsertSql(kMissColumnList, kMissColumns, kRowsPerInsert)},
        {&impl.put_tag, InsertSql(kTagColumnList, kTagColumns, 1)},
        {&impl.put_tags_many, InsertSql(kTagColumnList, kTagColumns, kRowsPerInsert)},
        {&impl.load_open_states,
         "SELECT id, agent, state, reason, call, start_ms, COALESCE(queues, '') FROM agent_states"
         " WHERE source = ?1 AND end_ms IS NULL ORDER BY id"},
        {&impl.update_state, "UPDATE agent_states SET end_ms = ?1, queues = ?2 WHERE id = ?3"},
        {&impl.open_agent_state, InsertSql(kSpellColumnList, kSpellColumns, 1)},
        {&impl.open_states_many, InsertSql(kSpellColumnList, kSpellColumns, kRowsPerInsert)},
        {&impl.get_tracker_state, "SELECT state FROM tracker_state WHERE source = ?1"},
        {&impl.put_tracker_state,
         "INSERT OR REPLACE INTO tracker_state (source, state, last_event_ms, updated_at) VALUES (?1, ?2, ?3, ?4)"},
        {&impl.put_tracker_day,
         "INSERT OR REPLACE INTO tracker_days (source, day_start_ms, state) VALUES (?1, ?2, ?3)"},
        {&impl.mark_day, "INSERT INTO dirty_days (day_start_ms) VALUES (?1)"
                         " ON CONFLICT (day_start_ms) DO UPDATE SET generation = generation + 1"},
    };
    for (const auto& [statement, text] : statements) {
        if (Status status = impl.db.Prepare(text, statement); !status.ok()) return status;
    }
    return Status::Ok();
}

Status ApplyDerived(Store::Impl& impl, std::string_view source, const Directory& directory,
                    std::span<const StoredEvent> events, std::span<const uint32_t> order, std::span<const int64_t> row_ids,
                    std::vector<int64_t>* days) {
    if (order.empty()) return Status::Ok();
    DerivedSink sink(impl, source, directory);
    if (Status status = sink.LoadOpenSpells(); !status.ok()) return status;
    Tracker tracker(directory, impl.derived.Zone(), &sink);
    if (Status status = LoadTrackerState(impl, source, &tracker); !status.ok()) return status;
    sink.set_tracker(&tracker);
    // The tracker's state at each local midnight the batch crosses (the live engine starts a
    // restored day from it): wrap-ups due before midnight end first.
    std::vector<std::pair<int64_t, std::string>> midnights;
    int64_t last_t = INT64_MIN;
    for (uint32_t i : order) {
        Event e = events[i].event;
        e.id = static_cast<uint64_t>(row_ids[i]);  // as the live engine numbers them: a leg's origin
        const int64_t day = tracker.DayStartOf(e.t_ms);
        if (tracker.day_start_ms() != INT64_MIN && day > tracker.day_start_ms()) {
            tracker.FireWrapDeadlines(day - 1);
            tracker.StartDay(day);
            midnights.emplace_back(day, tracker.Save());
        }
        tracker.Step(e);
        last_t = std::max(last_t, e.t_ms);
    }
    tracker.FireWrapDeadlines(last_t);
    sink.TouchedDays(impl.derived, days);
    if (Status status = sink.Write(); !status.ok()) return status;
    for (const auto& [day, saved] : midnights) {
        sql::Statement& s = impl.put_tracker_day;
        s.BindText(1, source);
        s.BindInt(2, day);
        s.BindBlob(3, saved);
        if (Status status = s.Run(); !status.ok()) return status;
    }
    sql::Statement& put = impl.put_tracker_state;
    put.BindText(1, source);
    put.BindBlob(2, tracker.Save());
    put.BindInt(3, tracker.last_event_ms());
    put.BindInt(4, NowMs());
    return put.Run();
}

void Store::SetDerivedConfig(const DerivedConfig& config) { m_impl->derived = config; }
const DerivedConfig& Store::derived_config() const { return m_impl->derived; }

}  // namespace cb
