#include "server/store/store_alerts.h"

#include <algorithm>

#include "server/store/migrations.h"
#include "server/store/store_accounts.h"

namespace cb {
namespace {

template <typename Fn>
Status Each(sql::Statement& s, Fn fn) {
    while (true) {
        bool has_row = false;
        if (!s.Step(&has_row)) return Status::Error(s.error());
        if (!has_row) return Status::Ok();
        fn(s);
    }
}

}  // namespace

const char* AlertsSchema() {
    return R"sql(
CREATE TABLE alert_rules (
    id         INTEGER PRIMARY KEY,
    definition TEXT    NOT NULL,
    changed_by TEXT    NOT NULL,
    changed_ms INTEGER NOT NULL
);
CREATE TABLE alert_history (
    id           INTEGER PRIMARY KEY,
    at_ms        INTEGER NOT NULL,
    rule_id      INTEGER NOT NULL,
    rule_name    TEXT    NOT NULL,
    subject_kind TEXT    NOT NULL,
    subject_key  TEXT    NOT NULL,
    team         TEXT    NOT NULL,
    from_state   TEXT    NOT NULL,
    to_state     TEXT    NOT NULL,
    severity     TEXT    NOT NULL,
    value        REAL    NOT NULL,
    user         TEXT    NOT NULL,
    note         TEXT    NOT NULL,
    notified     INTEGER NOT NULL
);
CREATE INDEX alert_history_by_time ON alert_history (at_ms);
)sql";
}

AlertStore::AlertStore() = default;
AlertStore::~AlertStore() = default;

#define CB_REQUIRE_OPEN() \
    if (!m_db) return Status::Error("the alert store is not open")

Status AlertStore::Open(const std::string& path) {
    auto db = std::make_unique<sql::Db>();
    Status status = db->Open(path);
    if (status.ok()) status = db->Exec("PRAGMA busy_timeout = 5000");
    int version = 0;
    if (status.ok()) status = Migrate(*db, &version);
    if (!status.ok()) return Status::Error("database '" + path + "': " + status.message());
    std::lock_guard<std::mutex> lock(m_mutex);
    m_db = std::move(db);
    return Status::Ok();
}

Result<std::vector<alert::Rule>> AlertStore::Rules() {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare("SELECT id, definition FROM alert_rules ORDER BY id", &s);
    if (!status.ok()) return status;
    std::vector<alert::Rule> out;
    std::string bad;
    status = Each(s, [&](const sql::Statement& r) {
        alert::Rule rule;
        rule.id = r.ColumnInt(0);
        alert::RuleError e;
        if (alert::RuleFromJson(r.ColumnText(1), &rule, &e)) {
            out.push_back(std::move(rule));
        } else if (bad.empty()) {
            bad = "alert rule " + std::to_string(r.ColumnInt(0)) + ": " + e.message;
        }
    });
    if (!status.ok()) return status;
    if (!bad.empty()) return Status::Error(bad);
    return out;
}

Result<int64_t> AlertStore::AddRule(const alert::Rule& rule, const AuditEntry& audit, int64_t now_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    int64_t id = 0;
    Status status = m_db->Transaction([&]() -> Status {
        sql::Statement s;
        Status st = m_db->Prepare(
            "INSERT INTO alert_rules (definition, changed_by, changed_ms) VALUES ('{}', ?1, ?2) RETURNING id", &s);
        if (!st.ok()) return st;
        s.BindText(1, audit.user);
        s.BindInt(2, now_ms);
        bool has_row = false;
        if (!s.Step(&has_row) || !has_row) return Status::Error(s.error());
        id = s.ColumnInt(0);
        s.Reset();
        alert::Rule stored = rule;
        stored.id = id;
        sql::Statement u;
        st = m_db->Prepare("UPDATE alert_rules SET definition = ?2 WHERE id = ?1", &u);
        if (!st.ok()) return st;
        u.BindInt(1, id);
        u.BindText(2, alert::RuleToJson(stored));
        st = u.Run();
        if (!st.ok()) return st;
        AuditEntry entry = audit;
        entry.detail = "alert rule " + std::to_string(id);
        return AppendAuditRow(*m_db, entry);
    });
    if (!status.ok()) return Status::Error("saving the alert rule failed: " + status.message());
    return id;
}

Result<bool> AlertStore::UpdateRule(const alert::Rule& rule, const AuditEntry& audit, int64_t now_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    bool changed = false;
    Status status = m_db->Transaction([&]() -> Status {
        sql::Statement s;
        Status st = m_db->Prepare(
            "UPDATE alert_rules SET definition = ?2, changed_by = ?3, changed_ms = ?4 WHERE id = ?1", &s);
        if (!st.ok()) return st;
        s.BindInt(1, rule.id);
        s.BindText(2, alert::RuleToJson(rule));
        s.BindText(3, audit.user);
        s.BindInt(4, now_ms);
        st = s.Run();
        if (!st.ok()) return st;
        changed = m_db->Changes() > 0;
        AuditEntry entry = audit;
        entry.detail = "alert rule " + std::to_string(rule.id);
        return changed ? AppendAuditRow(*m_db, entry) : Status::Ok();
    });
    if (!status.ok()) return Status::Error("changing the alert rule failed: " + status.message());
    return changed;
}

Result<bool> AlertStore::DeleteRule(int64_t id, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    bool deleted = false;
    Status status = m_db->Transaction([&]() -> Status {
        sql::Statement s;
        Status st = m_db->Prepare("DELETE FROM alert_rules WHERE id = ?1", &s);
        if (!st.ok()) return st;
        s.BindInt(1, id);
        st = s.Run();
        if (!st.ok()) return st;
        deleted = m_db->Changes() > 0;
        AuditEntry entry = audit;
        entry.detail = "alert rule " + std::to_string(id);
        return deleted ? AppendAuditRow(*m_db, entry) : Status::Ok();
    });
    if (!status.ok()) return Status::Error("deleting the alert rule failed: " + status.message());
    return deleted;
}

namespace {

Status InsertHistory(sql::Db& db, const std::vector<alert::Change>& changes) {
    sql::Statement s;
    Status st = db.Prepare(
        "INSERT INTO alert_history (at_ms, rule_id, rule_name, subject_kind, subject_key, team, from_state, to_state,"
        " severity, value, user, note, notified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        &s);
    if (!st.ok()) return st;
    for (const alert::Change& c : changes) {
        s.BindInt(1, c.at_ms);
        s.BindInt(2, c.rule_id);
        s.BindText(3, c.rule_name);
        s.BindText(4, std::string(alert::ScopeKindName(c.subject.kind)));
        s.BindText(5, c.subject.key);
        s.BindText(6, c.subject.team);
        s.BindText(7, std::string(alert::StateName(c.from)));
        s.BindText(8, std::string(alert::StateName(c.to)));
        s.BindText(9, std::string(alert::SeverityName(c.severity)));
        s.BindDouble(10, c.value);
        s.BindText(11, c.user);
        s.BindText(12, c.note);
        s.BindInt(13, c.notify ? 1 : 0);
        st = s.Run();
        if (!st.ok()) return st;
        s.Reset();
    }
    return Status::Ok();
}

}  // namespace

Status AlertStore::AppendHistory(const std::vector<alert::Change>& changes) {
    if (changes.empty()) return Status::Ok();
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    return m_db->Transaction([&]() -> Status { return InsertHistory(*m_db, changes); });
}

Status AlertStore::AppendAction(const alert::Change& change, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    return m_db->Transaction([&]() -> Status {
        Status st = InsertHistory(*m_db, {change});
        return st.ok() ? AppendAuditRow(*m_db, audit) : st;
    });
}

Result<std::vector<AlertHistoryRow>> AlertStore::History(const AlertHistoryQuery& q) {
    std::lock_guard<std::mutex> lock(m_mutex);
    CB_REQUIRE_OPEN();
    sql::Statement s;
    Status status = m_db->Prepare(
        "SELECT id, at_ms, rule_id, rule_name, subject_kind, subject_key, team, from_state, to_state, severity, value,"
        " user, note, notified FROM alert_history WHERE at_ms >= ?1 AND at_ms < ?2 ORDER BY at_ms DESC, id DESC" +
            std::string(q.all ? " LIMIT ?3" : ""),  // a lead's rows are picked below, then counted
        &s);
    if (!status.ok()) return status;
    s.BindInt(1, q.from_ms);
    s.BindInt(2, q.to_ms);
    if (q.all) s.BindInt(3, q.limit);
    std::vector<AlertHistoryRow> out;
    status = Each(s, [&](const sql::Statement& r) {
        if (static_cast<int>(out.size()) >= q.limit) return;
        AlertHistoryRow row;
        row.id = r.ColumnInt(0);
        alert::Change& c = row.change;
        c.at_ms = r.ColumnInt(1);
        c.rule_id = r.ColumnInt(2);
        c.rule_name = r.ColumnText(3);
        alert::ParseScopeKind(r.ColumnText(4), &c.subject.kind);
        c.subject.key = r.ColumnText(5);
        c.subject.team = r.ColumnText(6);
        alert::ParseState(r.ColumnText(7), &c.from);
        alert::ParseState(r.ColumnText(8), &c.to);
        c.severity = r.ColumnText(9) == "critical" ? alert::Severity::Critical : alert::Severity::Warning;
        c.value = r.ColumnDouble(10);
        c.user = r.ColumnText(11);
        c.note = r.ColumnText(12);
        c.notify = r.ColumnInt(13) != 0;
        if (!q.all) {
            const bool center = c.subject.team.empty();
            const bool mine = !center && std::find(q.teams.begin(), q.teams.end(), c.subject.team) != q.teams.end();
            if (!(mine || (center && q.center_too))) return;
        }
        out.push_back(std::move(row));
    });
    if (!status.ok()) return status;
    return out;
}

}  // namespace cb
