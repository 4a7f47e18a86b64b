// Store: interval_counts rebuilt per marked day from calls and agent_states. A call's counts
// belong to the interval it entered (as in the engine); agent time is cut at interval edges.
#include <algorithm>
#include <map>
#include <tuple>
#include <vector>
#include "core/kpi.h"
#include "server/store/store.h"
#include "server/store/store_impl.h"

namespace cb {
namespace {

constexpr int64_t kDayMs = 86400000;
using CountsKey = std::tuple<int, std::string, int64_t>;  // scope (0 queue, 1 agent, 2 team), key, start
constexpr const char* kScopeNames[] = {"queue", "agent", "team"};

struct DayCounts {
    std::map<CountsKey, KpiCounts> rows;
    KpiCounts& At(int scope, const std::string& key, int64_t start) { return rows[{scope, key, start}]; }
};

Status CountCalls(Store::Impl& impl, int64_t day, int64_t interval_ms, DayCounts* out) {
    sql::Statement s;
    Status status = impl.db.Prepare(
        "SELECT c.queue, c.agent, t.key, c.entered_ms, c.answered_ms, c.wait_ms, c.talk_ms, c.hold_ms, c.wrap_ms,"
        " c.end_kind, c.outcome, c.value_cents, c.ring_noanswer, COALESCE(q.sl_threshold_s, 20),"
        " COALESCE(q.short_abandon_s, 5)"
        " FROM calls c LEFT JOIN queues q ON q.key = c.queue LEFT JOIN agents a ON a.key = c.agent"
        " LEFT JOIN teams t ON t.id = a.team_id WHERE c.entered_ms >= ?1 AND c.entered_ms < ?2",
        &s);
    if (!status.ok()) return status;
    s.BindInt(1, day);
    s.BindInt(2, day + kDayMs);
    while (true) {
        bool has_row = false;
        if (!s.Step(&has_row)) return Status::Error(s.error());
        if (!has_row) break;
        const int64_t entered = s.ColumnInt(3);
        const int64_t start = day + (entered - day) / interval_ms * interval_ms;
        const bool answered = !s.ColumnIsNull(4);
        const int64_t wait = s.ColumnIsNull(5) ? 0 : s.ColumnInt(5);
        const std::string end_kind = s.ColumnText(9);
        const std::string outcome = s.ColumnText(10);
        const int64_t threshold_ms = s.ColumnInt(13) * 1000;
        const int64_t short_ms = s.ColumnInt(14) * 1000;
        KpiCounts c;
        c.offered = 1;
        c.ring_noanswer = s.ColumnInt(12);
        if (answered) {
            c.answered = 1;
            c.answered_within_t = wait <= threshold_ms;
            c.wait_answered_ms = wait;
            c.longest_wait_ms = wait;
        }
        if (end_kind == "abandoned") {
            c.abandoned = 1;
            c.abandoned_within_t = wait <= threshold_ms;
            c.short_abandoned = wait <= short_ms;
            c.wait_abandoned_ms = wait;
            c.longest_wait_ms = wait;
        } else if (end_kind == "exited") {
            c.exited = 1;
        } else if (end_kind == "transferred") {
            c.transferred = 1;
        } else if (end_kind == "completed" && answered) {
            c.handled = 1;
            c.talk_ms = s.ColumnIsNull(6) ? 0 : s.ColumnInt(6);
            c.hold_ms = s.ColumnInt(7);
            c.wrap_ms = s.ColumnIsNull(8) ? 0 : s.ColumnInt(8);
            c.longest_talk_ms = c.talk_ms;
        }
        if (outcome == "order") {
            c.orders = 1;
            c.order_value_cents = s.ColumnIsNull(11) ? 0 : s.ColumnInt(11);
        } else if (outcome == "complaint") {
            c.complaints = 1;
        }
        if (!s.ColumnIsNull(0)) out->At(0, s.ColumnText(0), start).Add(c);
        if (answered && !s.ColumnIsNull(1)) {
            KpiCounts agent = c;
            agent.offered = 0;  // agents answer calls; offers belong to queues
            out->At(1, s.ColumnText(1), start).Add(agent);
            if (!s.ColumnIsNull(2)) out->At(2, s.ColumnText(2), start).Add(agent);
        }
    }
    return Status::Ok();
}

Status CountAgentTime(Store::Impl& impl, int64_t day, int64_t interval_ms, int64_t now_ms, DayCounts* out) {
    // A state still open is counted up to the day's last stored event (or now, if earlier):
    // an imported day without logouts must not look staffed until midnight.
    sql::Statement last;
    Status status = impl.db.Prepare("SELECT MAX(t_ms) FROM events WHERE t_ms >= ?1 AND t_ms < ?2", &last);
    if (!status.ok()) return status;
    last.BindInt(1, day);
    last.BindInt(2, day + kDayMs);
    bool has_last = false;
    if (!last.Step(&has_last)) return Status::Error(last.error());
    const int64_t open_until = std::min(now_ms, has_last && !last.ColumnIsNull(0) ? last.ColumnInt(0) + 1 : day);
    last.Reset();
    sql::Statement s;
    // The rows overlapping the day (start < day end, open or ending after the day start), in
    // two parts that indexes find without reading earlier days: closed rows of at most a day
    // start less than a day before it (agent_states_by_start); open and longer rows are few
    // (the partial index agent_states_open_or_long, schema v5).
    const std::string columns =
        "SELECT s.agent, t.key, s.state, s.start_ms, s.end_ms FROM agent_states s"
        " LEFT JOIN agents a ON a.key = s.agent LEFT JOIN teams t ON t.id = a.team_id";
    status = impl.db.Prepare(
        columns + " WHERE s.start_ms >= ?1 - 86400000 AND s.start_ms < ?2 AND s.end_ms > ?1"
                  " AND s.end_ms - s.start_ms <= 86400000"
                  " UNION ALL " + columns +
                  " WHERE (end_ms IS NULL OR end_ms - start_ms > 86400000) AND s.start_ms < ?2"
                  " AND (s.end_ms IS NULL OR s.end_ms > ?1)",
        &s);
    if (!status.ok()) return status;
    s.BindInt(1, day);
    s.BindInt(2, day + kDayMs);
    while (true) {
        bool has_row = false;
        if (!s.Step(&has_row)) return Status::Error(s.error());
        if (!has_row) break;
        const std::string agent = s.ColumnText(0);
        const bool has_team = !s.ColumnIsNull(1);
        const std::string team = s.ColumnText(1);
        const std::string state = s.ColumnText(2);
        const bool busy = state == "ringing" || state == "on_call" || state == "on_hold" || state == "wrap_up";
        const bool available = state == "available";
        int64_t from = std::max(day, s.ColumnInt(3));
        const int64_t end = s.ColumnIsNull(4) ? std::max(from, std::min(open_until, day + kDayMs))
                                              : std::min(day + kDayMs, s.ColumnInt(4));
        while (from < end) {
            const int64_t start = day + (from - day) / interval_ms * interval_ms;
            const int64_t to = std::min(end, start + interval_ms);
            KpiCounts c;
            c.staffed_ms = to - from;
            if (busy) c.busy_ms = to - from;
            if (available) c.available_ms = to - from;
            out->At(1, agent, start).Add(c);
            if (has_team) out->At(2, team, start).Add(c);
            from = to;
        }
    }
    return Status::Ok();
}

Status WriteDay(Store::Impl& impl, int64_t day, int interval_minutes, const DayCounts& counts) {
    sql::Statement erase;
    Status status = impl.db.Prepare("DELETE FROM interval_counts WHERE start_ms >= ?1 AND start_ms < ?2", &erase);
    if (!status.ok()) return status;
    erase.BindInt(1, day);
    erase.BindInt(2, day + kDayMs);
    if (!(status = erase.Run()).ok()) return status;
    sql::Statement put;
    status = impl.db.Prepare(
        "INSERT INTO interval_counts VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
        " ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
        &put);
    if (!status.ok()) return status;
    for (const auto& [key, c] : counts.rows) {
        put.BindText(1, kScopeNames[std::get<0>(key)]);
        put.BindText(2, std::get<1>(key));
        put.BindInt(3, std::get<2>(key));
        put.BindInt(4, interval_minutes);
        const int64_t values[] = {c.offered, c.answered, c.answered_within_t, c.abandoned, c.abandoned_within_t,
                                  c.short_abandoned, c.exited, c.transferred, c.handled, c.wait_answered_ms,
                                  c.wait_abandoned_ms, c.talk_ms, c.hold_ms, c.wrap_ms, c.ring_noanswer, c.orders,
                                  c.order_value_cents, c.complaints, c.busy_ms, c.available_ms, c.staffed_ms,
                                  c.longest_wait_ms, c.longest_talk_ms};
        for (int i = 0; i < 23; ++i) put.BindInt(5 + i, values[i]);
        if (!(status = put.Run()).ok()) return status;
    }
    return Status::Ok();
}

Status RebuildDays(Store::Impl& impl, int64_t now_ms, int64_t* days_out) {
    std::vector<int64_t> days;
    {
        sql::Statement list;
        Status status = impl.db.Prepare("SELECT day_start_ms FROM dirty_days ORDER BY day_start_ms", &list);
        if (!status.ok()) return status;
        while (true) {
            bool has_row = false;
            if (!list.Step(&has_row)) return Status::Error(list.error());
            if (!has_row) break;
            days.push_back(list.ColumnInt(0));
        }
    }
    const int minutes = impl.derived.interval_minutes;
    const int64_t interval_ms = static_cast<int64_t>(minutes) * 60000;
    for (int64_t day : days) {
        DayCounts counts;
        Status status = CountCalls(impl, day, interval_ms, &counts);
        if (status.ok()) status = CountAgentTime(impl, day, interval_ms, now_ms, &counts);
        if (status.ok()) status = WriteDay(impl, day, minutes, counts);
        if (!status.ok()) return status;
    }
    *days_out = static_cast<int64_t>(days.size());
    return impl.db.Exec("DELETE FROM dirty_days");
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

}  // namespace cb
