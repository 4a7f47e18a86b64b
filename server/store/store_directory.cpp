// Store: the directory (queues, teams, agents), upserted by key.
#include <algorithm>
#include <chrono>
#include <iterator>
#include <string>
#include <unordered_map>
#include <functional>
#include "server/store/store.h"
#include "server/store/store_impl.h"

namespace cb {

Status PrepareDirectoryStatements(Store::Impl& impl) {
    Status status = impl.db.Prepare(
        "INSERT INTO queues (key, name_en, name_zh, sl_variant, sl_threshold_s, sl_target, short_abandon_s, wrap_up_s)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        " ON CONFLICT (key) DO UPDATE SET name_en = excluded.name_en, name_zh = excluded.name_zh,"
        " sl_variant = excluded.sl_variant, sl_threshold_s = excluded.sl_threshold_s,"
        " sl_target = excluded.sl_target, short_abandon_s = excluded.short_abandon_s, wrap_up_s = excluded.wrap_up_s",
        &impl.upsert_queue);
    if (status.ok()) {
        status = impl.db.Prepare(
            "INSERT INTO teams (key, name_en, name_zh, lead_key) VALUES (?1, ?2, ?3, ?4)"
            " ON CONFLICT (key) DO UPDATE SET name_en = excluded.name_en, name_zh = excluded.name_zh,"
            " lead_key = excluded.lead_key",
            &impl.upsert_team);
    }
    if (status.ok()) {
        status = impl.db.Prepare(
            "INSERT INTO agents (key, name_en, name_zh, team_id, seat_row, seat_col, tenure_months, skills)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
            " ON CONFLICT (key) DO UPDATE SET name_en = excluded.name_en, name_zh = excluded.name_zh,"
            " team_id = excluded.team_id, seat_row = excluded.seat_row, seat_col = excluded.seat_col,"
            " tenure_months = excluded.tenure_months, skills = excluded.skills",
            &impl.upsert_agent);
    }
    if (status.ok()) status = impl.db.Prepare("SELECT id FROM teams WHERE key = ?1", &impl.team_id_by_key);
    if (status.ok()) {
        status = impl.db.Prepare(
            "SELECT sl_variant, sl_threshold_s, sl_target, short_abandon_s FROM sl_definitions WHERE queue = ?1"
            " ORDER BY valid_from_ms DESC LIMIT 1",
            &impl.latest_definition);
    }
    if (status.ok()) {
        status = impl.db.Prepare(
            "INSERT OR REPLACE INTO sl_definitions"
            " (queue, valid_from_ms, sl_variant, sl_threshold_s, sl_target, short_abandon_s, recorded_ms)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            &impl.put_definition);
    }
    return status;
}

namespace {

int64_t WallClockNowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// A new version of key's definition when it differs from the latest one stored: valid from
// now_ms, or from the beginning when the key has none yet (docs/reports.md, "Definitions").
Status RecordDefinition(Store::Impl& impl, const std::string& key, const ServiceLevelDef& sl, int64_t now_ms) {
    sql::Statement& latest = impl.latest_definition;
    latest.BindText(1, key);
    bool has_row = false;
    if (!latest.Step(&has_row)) {
        Status error = Status::Error(latest.error());
        latest.Reset();
        return error;
    }
    bool same = false;
    if (has_row) {
        ServiceLevelDef stored;
        ParseSlVariant(latest.ColumnView(0), &stored.variant);
        stored.threshold_s = static_cast<int>(latest.ColumnInt(1));
        stored.target = latest.ColumnDouble(2);
        stored.short_abandon_s = static_cast<int>(latest.ColumnInt(3));
        same = stored == sl;
    }
    latest.Reset();
    if (same) return Status::Ok();
    sql::Statement& put = impl.put_definition;
    put.BindText(1, key);
    put.BindInt(2, has_row ? now_ms : INT64_MIN);
    put.BindText(3, SlVariantName(sl.variant));
    put.BindInt(4, sl.threshold_s);
    put.BindDouble(5, sl.target);
    put.BindInt(6, sl.short_abandon_s);
    put.BindInt(7, now_ms);
    return put.Run();
}

Status SaveRows(Store::Impl& impl, const Directory& d, int64_t now_ms) {
    for (const QueueInfo& q : d.queues) {
        if (Status st = RecordDefinition(impl, q.key, q.sl, now_ms); !st.ok()) {
            return Status::Error("queue '" + q.key + "': definition: " + st.message());
        }
        sql::Statement& s = impl.upsert_queue;
        s.BindText(1, q.key);
        s.BindText(2, q.name_en);
        s.BindText(3, q.name_zh);
        s.BindText(4, SlVariantName(q.sl.variant));
        s.BindInt(5, q.sl.threshold_s);
        s.BindDouble(6, q.sl.target);
        s.BindInt(7, q.sl.short_abandon_s);
        s.BindInt(8, q.wrap_up_s);
        if (Status st = s.Run(); !st.ok()) return Status::Error("queue '" + q.key + "': " + st.message());
    }
    for (const TeamInfo& t : d.teams) {
        sql::Statement& s = impl.upsert_team;
        s.BindText(1, t.key);
        s.BindText(2, t.name_en);
        s.BindText(3, t.name_zh);
        if (t.lead < d.agents.size()) s.BindText(4, d.agents[t.lead].key);
        else s.BindNull(4);
        if (Status st = s.Run(); !st.ok()) return Status::Error("team '" + t.key + "': " + st.message());
    }
    for (const AgentInfo& a : d.agents) {
        if (a.team >= d.teams.size()) return Status::Error("agent '" + a.key + "': team index out of range");
        sql::Statement& team = impl.team_id_by_key;
        team.BindText(1, d.teams[a.team].key);
        bool has_row = false;
        const bool ok = team.Step(&has_row);
        const int64_t team_id = ok && has_row ? team.ColumnInt(0) : -1;
        team.Reset();
        if (team_id < 0) return Status::Error("agent '" + a.key + "': team not stored");
        sql::Statement& s = impl.upsert_agent;
        s.BindText(1, a.key);
        s.BindText(2, a.name_en);
        s.BindText(3, a.name_zh);
        s.BindInt(4, team_id);
        s.BindInt(5, a.seat_row);
        s.BindInt(6, a.seat_col);
        s.BindInt(7, a.tenure_months);
        s.BindInt(8, a.skills);
        if (Status st = s.Run(); !st.ok()) return Status::Error("agent '" + a.key + "': " + st.message());
    }
    return Status::Ok();
}

}  // namespace

Status Store::SaveDirectory(const Directory& directory, int64_t now_ms) {
    Status status = m_impl->db.Exec("BEGIN IMMEDIATE");
    if (!status.ok()) return status;
    status = SaveRows(*m_impl, directory, now_ms < 0 ? WallClockNowMs() : now_ms);
    if (!status.ok()) {
        m_impl->db.Exec("ROLLBACK");
        return Status::Error("storing the directory failed: " + status.message());
    }
    status = m_impl->db.Exec("COMMIT");
    if (!status.ok()) m_impl->db.Exec("ROLLBACK");
    return status;
}

Status Store::SaveCenterDefinition(const ServiceLevelDef& sl, int64_t now_ms) {
    Status status = m_impl->db.Exec("BEGIN IMMEDIATE");
    if (!status.ok()) return status;
    status = RecordDefinition(*m_impl, std::string(kCenterDefinitionKey), sl, now_ms < 0 ? WallClockNowMs() : now_ms);
    if (status.ok()) status = m_impl->db.Exec("COMMIT");
    if (!status.ok()) {
        m_impl->db.Exec("ROLLBACK");
        return Status::Error("storing the center's definition failed: " + status.message());
    }
    return status;
}

Result<Directory> Store::LoadDirectory() {
    Directory d;
    std::unordered_map<int64_t, uint16_t> team_index;
    std::unordered_map<std::string, uint32_t> agent_index;
    std::vector<std::string> leads;
    auto each = [this](const char* sql_text, const std::function<void(sql::Statement&)>& fn) -> Status {
        sql::Statement s;
        Status status = m_impl->db.Prepare(sql_text, &s);
        if (!status.ok()) return status;
        while (true) {
            bool has_row = false;
            if (!s.Step(&has_row)) return Status::Error(s.error());
            if (!has_row) return Status::Ok();
            fn(s);
        }
    };
    Status status = each(
        "SELECT key, name_en, name_zh, sl_variant, sl_threshold_s, sl_target, short_abandon_s, wrap_up_s FROM queues"
        " ORDER BY id",
        [&](sql::Statement& s) {
            QueueInfo q;
            q.key = s.ColumnText(0);
            q.name_en = s.ColumnText(1);
            q.name_zh = s.ColumnText(2);
            ParseSlVariant(s.ColumnText(3), &q.sl.variant);
            q.sl.threshold_s = static_cast<int>(s.ColumnInt(4));
            q.sl.target = s.ColumnDouble(5);
            q.sl.short_abandon_s = static_cast<int>(s.ColumnInt(6));
            q.wrap_up_s = static_cast<int32_t>(s.ColumnInt(7));
            d.queues.push_back(std::move(q));
        });
    if (status.ok()) {
        status = each("SELECT id, key, name_en, name_zh, lead_key FROM teams ORDER BY id", [&](sql::Statement& s) {
            team_index[s.ColumnInt(0)] = static_cast<uint16_t>(d.teams.size());
            d.teams.push_back(TeamInfo{s.ColumnText(1), s.ColumnText(2), s.ColumnText(3)});
            leads.push_back(s.ColumnText(4));
        });
    }
    if (status.ok()) {
        status = each(
            "SELECT key, name_en, name_zh, team_id, seat_row, seat_col, tenure_months, skills FROM agents ORDER BY id",
            [&](sql::Statement& s) {
                AgentInfo a;
                a.key = s.ColumnText(0);
                a.name_en = s.ColumnText(1);
                a.name_zh = s.ColumnText(2);
                a.team = team_index[s.ColumnInt(3)];
                a.seat_row = static_cast<uint16_t>(s.ColumnInt(4));
                a.seat_col = static_cast<uint16_t>(s.ColumnInt(5));
                a.tenure_months = static_cast<uint16_t>(s.ColumnInt(6));
                a.skills = static_cast<uint32_t>(s.ColumnInt(7));
                agent_index[a.key] = static_cast<uint32_t>(d.agents.size());
                d.agents.push_back(std::move(a));
            });
    }
    if (!status.ok()) return Status::Error("loading the directory failed: " + status.message());
    for (size_t i = 0; i < d.teams.size(); ++i) {
        auto it = agent_index.find(leads[i]);
        if (it != agent_index.end()) d.teams[i].lead = it->second;
    }
    return d;
}

Result<int64_t> Store::CountRows(std::string_view table) {
    static constexpr std::string_view kTables[] = {"queues", "teams", "agents", "calls", "agent_states",
                                                   "interval_counts", "dirty_days", "ingest_files", "ring_noanswers",
                                                   "call_outcomes", "callers", "tracker_state", "tracker_days",
                                                   "sl_definitions", "center_intervals", "interval_extras",
                                                   "day_totals", "saved_reports", "incident_notes"};
    if (std::find(std::begin(kTables), std::end(kTables), table) == std::end(kTables)) {
        return Status::Error("unknown table '" + std::string(table) + "'");
    }
    sql::Statement count;
    Status status = m_impl->db.Prepare("SELECT COUNT(*) FROM " + std::string(table), &count);
    if (!status.ok()) return status;
    bool has_row = false;
    if (!count.Step(&has_row) || !has_row) return Status::Error(count.error());
    return count.ColumnInt(0);
}

}  // namespace cb
