#include "server/store/store_roster.h"

#include <sqlite3.h>
#include <algorithm>
#include "core/wfm/roster_breaks.h"
#include "server/store/migrations.h"
#include "server/store/store_accounts.h"

namespace cb {
namespace {

// A step's error as a status.
Status StepError(const sql::Statement& s) { return Status::Error(s.error()); }

// Runs a prepared query, calling row() for each row. False with *status on an error.
Status EachRow(sql::Statement& s, const std::function<Status()>& row) {
    bool has_row = false;
    while (true) {
        if (!s.Step(&has_row)) return StepError(s);
        if (!has_row) return Status::Ok();
        Status status = row();
        if (!status.ok()) return status;
    }
}

bool LocalDay(const std::string& date, const TimeZone& zone, int64_t* start_ms, int64_t* end_ms, CivilDate* civil) {
    if (!ParseCivilDate(date, civil)) return false;
    CivilTime t;
    t.date = *civil;
    *start_ms = zone.ToUtc(t);
    t.date = CivilFromDays(DaysFromCivil(*civil) + 1);
    *end_ms = zone.ToUtc(t);
    return true;
}

}  // namespace

// v13 (docs/wfm.md): a team's setup as the roster problem format (templates, contracts,
// requirement of a week), days off by date, rosters with versions and a change log, break
// requests with the what-if at decision time, and break allowances.
const char* RosterSchema() {
    return R"sql(
CREATE TABLE wfm_setups (
    team       TEXT    PRIMARY KEY,
    problem    TEXT    NOT NULL,
    updated_by TEXT    NOT NULL,
    updated_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE wfm_days_off (
    agent TEXT NOT NULL,
    date  TEXT NOT NULL,
    note  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agent, date)
) WITHOUT ROWID;
CREATE TABLE wfm_rosters (
    id           INTEGER PRIMARY KEY,
    team         TEXT    NOT NULL,
    start_date   TEXT    NOT NULL,
    days         INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
    doc          TEXT    NOT NULL,
    created_by   TEXT    NOT NULL,
    created_ms   INTEGER NOT NULL,
    updated_by   TEXT    NOT NULL,
    updated_ms   INTEGER NOT NULL,
    published_by TEXT    NOT NULL DEFAULT '',
    published_ms INTEGER NOT NULL DEFAULT 0,
    UNIQUE (team, start_date, version)
);
CREATE TABLE wfm_roster_log (
    roster INTEGER NOT NULL REFERENCES wfm_rosters (id),
    t_ms   INTEGER NOT NULL,
    user   TEXT    NOT NULL,
    action TEXT    NOT NULL,
    detail TEXT    NOT NULL
);
CREATE INDEX wfm_roster_log_by_roster ON wfm_roster_log (roster, t_ms);
CREATE TABLE wfm_break_requests (
    id           INTEGER PRIMARY KEY,
    agent        TEXT    NOT NULL,
    team         TEXT    NOT NULL,
    start_ms     INTEGER NOT NULL,
    minutes      INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 240),
    kind         TEXT    NOT NULL CHECK (kind IN ('break', 'lunch')),
    status       TEXT    NOT NULL CHECK (status IN ('requested', 'approved', 'declined')),
    note         TEXT    NOT NULL DEFAULT '',
    requested_by TEXT    NOT NULL,
    requested_ms INTEGER NOT NULL,
    decided_by   TEXT    NOT NULL DEFAULT '',
    decided_ms   INTEGER NOT NULL DEFAULT 0,
    impact       TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX wfm_break_requests_by_start ON wfm_break_requests (start_ms);
CREATE TABLE wfm_break_allowances (
    agent           TEXT    PRIMARY KEY,
    minutes_per_day INTEGER NOT NULL CHECK (minutes_per_day BETWEEN 0 AND 480),
    updated_by      TEXT    NOT NULL,
    updated_ms      INTEGER NOT NULL
) WITHOUT ROWID;
)sql";
}

Result<std::unique_ptr<RosterStore>> RosterStore::Open(const std::string& path) {
    std::unique_ptr<RosterStore> store(new RosterStore());
    const auto fail = [&path](const std::string& why) { return Status::Error("database '" + path + "': " + why); };
    Status status = store->m_db.Open(path);
    if (!status.ok()) return fail("cannot open or create it (" + status.message() + ")");
    status = store->m_db.Exec("PRAGMA busy_timeout = 5000");
    if (status.ok()) status = store->m_db.Exec("PRAGMA foreign_keys = ON");
    if (status.ok() && path != ":memory:") status = store->m_db.Exec("PRAGMA journal_mode = WAL");
    if (!status.ok()) return fail(status.message());
    int version = 0;
    status = Migrate(store->m_db, &version);
    if (!status.ok()) return fail(status.message());
    return store;
}

RosterStore::~RosterStore() = default;

Status RosterStore::InTransaction(const std::function<Status()>& body) {
    return m_db.Transaction(body);
}

Result<std::string> RosterStore::TeamOfAgent(const std::string& agent) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement q;
    Status status = m_db.Prepare("SELECT t.key FROM agents a JOIN teams t ON t.id = a.team_id WHERE a.key = ?1", &q);
    if (!status.ok()) return status;
    q.BindText(1, agent);
    std::string team;
    status = EachRow(q, [&] {
        team = q.ColumnText(0);
        return Status::Ok();
    });
    if (!status.ok()) return status;
    return team;
}

Result<std::vector<std::string>> RosterStore::AgentsOfTeam(const std::string& team) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement q;
    Status status = m_db.Prepare("SELECT a.key FROM agents a JOIN teams t ON t.id = a.team_id WHERE t.key = ?1 ORDER BY a.id", &q);
    if (!status.ok()) return status;
    q.BindText(1, team);
    std::vector<std::string> keys;
    status = EachRow(q, [&] {
        keys.push_back(q.ColumnText(0));
        return Status::Ok();
    });
    if (!status.ok()) return status;
    return keys;
}

Result<std::optional<WfmSetup>> RosterStore::LoadSetup(const std::string& team) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement q;
    Status status = m_db.Prepare("SELECT problem, updated_by, updated_ms FROM wfm_setups WHERE team = ?1", &q);
    if (!status.ok()) return status;
    q.BindText(1, team);
    std::optional<WfmSetup> out;
    status = EachRow(q, [&] {
        WfmSetup s;
        s.team = team;
        std::string error;
        if (!wfm::RosterProblemFromJson(q.ColumnText(0), &s.problem, &error))
            return Status::Error("the stored setup of team '" + team + "' does not read: " + error);
        s.updated_by = q.ColumnText(1);
        s.updated_ms = q.ColumnInt(2);
        out = std::move(s);
        return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
}

Status RosterStore::SaveSetup(const WfmSetup& setup, const AuditEntry& audit) {
    wfm::RosterProblem p = setup.problem;
    if (p.days != 7) return Status::Error("days: a setup is one week (7 days, Monday first)");
    if (!p.fixed.empty()) return Status::Error("fixed: a setup has no days fixed by hand (fix days in a roster)");
    p.start_date.clear();
    p.first_weekday = 0;
    std::string why = wfm::ValidateRoster(p);
    if (!why.empty()) return Status::Error(why);
    Result<std::vector<std::string>> members = AgentsOfTeam(setup.team);
    if (!members.ok()) return members.status();
    if (members.value().empty()) return Status::Error("team: '" + setup.team + "' is not a team with agents");
    for (size_t i = 0; i < p.agents.size(); ++i) {
        const auto& m = members.value();
        if (std::find(m.begin(), m.end(), p.agents[i].key) == m.end())
            return Status::Error("agents[" + std::to_string(i) + "].key: '" + p.agents[i].key + "' is not an agent of team '" + setup.team + "'");
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    return InTransaction([&]() -> Status {
        sql::Statement put;
        Status status = m_db.Prepare(
            "INSERT INTO wfm_setups (team, problem, updated_by, updated_ms) VALUES (?1, ?2, ?3, ?4)"
            " ON CONFLICT (team) DO UPDATE SET problem = excluded.problem, updated_by = excluded.updated_by, updated_ms = excluded.updated_ms",
            &put);
        if (!status.ok()) return status;
        put.BindText(1, setup.team);
        put.BindText(2, wfm::RosterProblemToJson(p));
        put.BindText(3, audit.user);
        put.BindInt(4, audit.t_ms);
        status = put.Run();
        return status.ok() ? AppendAuditRow(m_db, audit) : status;
    });
}

Result<std::vector<WfmDayOff>> RosterStore::DaysOff(const std::string& team, const std::string& from, const std::string& to) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement q;
    Status status = m_db.Prepare(
        "SELECT d.agent, d.date, d.note FROM wfm_days_off d JOIN agents a ON a.key = d.agent JOIN teams t ON t.id = a.team_id"
        " WHERE t.key = ?1 AND d.date >= ?2 AND d.date <= ?3 ORDER BY d.date, d.agent",
        &q);
    if (!status.ok()) return status;
    q.BindText(1, team);
    q.BindText(2, from);
    q.BindText(3, to);
    std::vector<WfmDayOff> out;
    status = EachRow(q, [&] {
        out.push_back({q.ColumnText(0), q.ColumnText(1), q.ColumnText(2)});
        return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
}

Status RosterStore::AddDayOff(const WfmDayOff& off, const AuditEntry& audit) {
    CivilDate d;
    if (!ParseCivilDate(off.date, &d)) return Status::Error("date: '" + off.date + "' is not a date YYYY-MM-DD");
    if (off.note.size() > 200) return Status::Error("note: longer than 200 characters");
    Result<std::string> team = TeamOfAgent(off.agent);
    if (!team.ok()) return team.status();
    if (team.value().empty()) return Status::Error("agent: '" + off.agent + "' is not a known agent");
    std::lock_guard<std::mutex> lock(m_mutex);
    return InTransaction([&]() -> Status {
        sql::Statement put;
        Status status = m_db.Prepare("INSERT OR REPLACE INTO wfm_days_off (agent, date, note) VALUES (?1, ?2, ?3)", &put);
        if (!status.ok()) return status;
        put.BindText(1, off.agent);
        put.BindText(2, off.date);
        put.BindText(3, off.note);
        status = put.Run();
        return status.ok() ? AppendAuditRow(m_db, audit) : status;
    });
}

Status RosterStore::RemoveDayOff(const std::string& agent, const std::string& date, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return InTransaction([&]() -> Status {
        sql::Statement del;
        Status status = m_db.Prepare("DELETE FROM wfm_days_off WHERE agent = ?1 AND date = ?2", &del);
        if (!status.ok()) return status;
        del.BindText(1, agent);
        del.BindText(2, date);
        status = del.Run();
        if (!status.ok()) return status;
        if (m_db.Changes() == 0) return Status::Error("agent '" + agent + "' has no day off on " + date);
        return AppendAuditRow(m_db, audit);
    });
}

namespace {

Status AppendLog(sql::Db& db, int64_t roster, const wfm::RosterLogEntry& e) {
    sql::Statement put;
    Status status = db.Prepare("INSERT INTO wfm_roster_log (roster, t_ms, user, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)", &put);
    if (!status.ok()) return status;
    put.BindInt(1, roster);
    put.BindInt(2, e.t_ms);
    put.BindText(3, e.user);
    put.BindText(4, e.action);
    put.BindText(5, wfm::RosterLogFieldsToJson(e));  // the fields (roster_json.h); read back by LoadRoster
    return put.Run();
}

constexpr const char* kRosterColumns =
    "id, team, start_date, days, version, status, doc, created_by, created_ms, updated_by, updated_ms, published_by, published_ms";

Status ReadRosterRow(const sql::Statement& q, wfm::RosterDoc* doc) {
    std::vector<wfm::RosterLogEntry> ignored;
    std::string error;
    if (!wfm::RosterDocFromJson(q.ColumnText(6), doc, &ignored, &error))
        return Status::Error("stored roster " + std::to_string(q.ColumnInt(0)) + " does not read: " + error);
    doc->id = q.ColumnInt(0);
    doc->team = q.ColumnText(1);
    doc->version = static_cast<int>(q.ColumnInt(4));
    doc->status = q.ColumnText(5);
    doc->created_by = q.ColumnText(7);
    doc->created_ms = q.ColumnInt(8);
    doc->updated_by = q.ColumnText(9);
    doc->updated_ms = q.ColumnInt(10);
    doc->published_by = q.ColumnText(11);
    doc->published_ms = q.ColumnInt(12);
    return Status::Ok();
}

}  // namespace

Result<int64_t> RosterStore::CreateRoster(wfm::RosterDoc doc, const wfm::RosterLogEntry& log, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    int64_t id = 0;
    Status status = InTransaction([&]() -> Status {
        sql::Statement next;
        Status st = m_db.Prepare("SELECT COALESCE(MAX(version), 0) + 1 FROM wfm_rosters WHERE team = ?1 AND start_date = ?2", &next);
        if (!st.ok()) return st;
        next.BindText(1, doc.team);
        next.BindText(2, doc.problem.start_date);
        st = EachRow(next, [&] {
            doc.version = static_cast<int>(next.ColumnInt(0));
            return Status::Ok();
        });
        if (!st.ok()) return st;
        doc.status = "draft";
        doc.created_by = doc.updated_by = log.user;
        doc.created_ms = doc.updated_ms = log.t_ms;
        sql::Statement put;
        st = m_db.Prepare(
            "INSERT INTO wfm_rosters (team, start_date, days, version, status, doc, created_by, created_ms, updated_by, updated_ms)"
            " VALUES (?1, ?2, ?3, ?4, 'draft', ?5, ?6, ?7, ?6, ?7)",
            &put);
        if (!st.ok()) return st;
        put.BindText(1, doc.team);
        put.BindText(2, doc.problem.start_date);
        put.BindInt(3, doc.problem.days);
        put.BindInt(4, doc.version);
        put.BindText(5, wfm::RosterDocToJson(doc, {}));
        put.BindText(6, log.user);
        put.BindInt(7, log.t_ms);
        st = put.Run();
        if (!st.ok()) return st;
        id = sqlite3_last_insert_rowid(m_db.handle());
        st = AppendLog(m_db, id, log);
        return st.ok() ? AppendAuditRow(m_db, audit) : st;
    });
    if (!status.ok()) return status;
    return id;
}

Status RosterStore::SaveRoster(const wfm::RosterDoc& doc, const wfm::RosterLogEntry& log, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return InTransaction([&]() -> Status {
        sql::Statement put;
        Status st = m_db.Prepare("UPDATE wfm_rosters SET doc = ?2, updated_by = ?3, updated_ms = ?4 WHERE id = ?1", &put);
        if (!st.ok()) return st;
        put.BindInt(1, doc.id);
        put.BindText(2, wfm::RosterDocToJson(doc, {}));
        put.BindText(3, log.user);
        put.BindInt(4, log.t_ms);
        st = put.Run();
        if (!st.ok()) return st;
        if (m_db.Changes() == 0) return Status::Error("no roster " + std::to_string(doc.id));
        st = AppendLog(m_db, doc.id, log);
        return st.ok() ? AppendAuditRow(m_db, audit) : st;
    });
}

Status RosterStore::PublishRoster(int64_t id, const std::string& by, int64_t t_ms, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return InTransaction([&]() -> Status {
        sql::Statement find;
        Status st = m_db.Prepare("SELECT team, start_date, status, version FROM wfm_rosters WHERE id = ?1", &find);
        if (!st.ok()) return st;
        find.BindInt(1, id);
        std::string team, start, status;
        int64_t version = 0;
        st = EachRow(find, [&] {
            team = find.ColumnText(0);
            start = find.ColumnText(1);
            status = find.ColumnText(2);
            version = find.ColumnInt(3);
            return Status::Ok();
        });
        if (!st.ok()) return st;
        if (team.empty()) return Status::Error("no roster " + std::to_string(id));
        if (status == "published") return Status::Error("roster " + std::to_string(id) + " is published already");
        sql::Statement old;
        st = m_db.Prepare("UPDATE wfm_rosters SET status = 'superseded' WHERE team = ?1 AND start_date = ?2 AND status = 'published'", &old);
        if (!st.ok()) return st;
        old.BindText(1, team);
        old.BindText(2, start);
        st = old.Run();
        if (!st.ok()) return st;
        sql::Statement pub;
        st = m_db.Prepare("UPDATE wfm_rosters SET status = 'published', published_by = ?2, published_ms = ?3, updated_by = ?2, updated_ms = ?3 WHERE id = ?1", &pub);
        if (!st.ok()) return st;
        pub.BindInt(1, id);
        pub.BindText(2, by);
        pub.BindInt(3, t_ms);
        st = pub.Run();
        if (!st.ok()) return st;
        wfm::RosterLogEntry line;
        line.t_ms = t_ms;
        line.user = by;
        line.action = "publish";
        line.version = version;
        st = AppendLog(m_db, id, line);
        return st.ok() ? AppendAuditRow(m_db, audit) : st;
    });
}

Result<std::optional<wfm::RosterDoc>> RosterStore::LoadRoster(int64_t id, std::vector<wfm::RosterLogEntry>* log) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement q;
    Status st = m_db.Prepare(std::string("SELECT ") + kRosterColumns + " FROM wfm_rosters WHERE id = ?1", &q);
    if (!st.ok()) return st;
    q.BindInt(1, id);
    std::optional<wfm::RosterDoc> out;
    st = EachRow(q, [&] {
        wfm::RosterDoc doc;
        Status s = ReadRosterRow(q, &doc);
        if (s.ok()) out = std::move(doc);
        return s;
    });
    if (!st.ok()) return st;
    if (out && log) {
        sql::Statement l;
        st = m_db.Prepare("SELECT t_ms, user, action, detail FROM wfm_roster_log WHERE roster = ?1 ORDER BY t_ms, rowid", &l);
        if (!st.ok()) return st;
        l.BindInt(1, id);
        log->clear();
        st = EachRow(l, [&] {
            wfm::RosterLogEntry e;
            e.t_ms = l.ColumnInt(0);
            e.user = l.ColumnText(1);
            e.action = l.ColumnText(2);
            wfm::RosterLogFieldsFromJson(l.ColumnText(3), &e);
            log->push_back(std::move(e));
            return Status::Ok();
        });
        if (!st.ok()) return st;
    }
    return out;
}

Result<std::vector<wfm::RosterSummary>> RosterStore::ListRosters(const std::string& team) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement q;
    Status st = m_db.Prepare(
        "SELECT id, team, start_date, status, days, version, updated_by, updated_ms FROM wfm_rosters WHERE team = ?1"
        " ORDER BY start_date DESC, version DESC",
        &q);
    if (!st.ok()) return st;
    q.BindText(1, team);
    std::vector<wfm::RosterSummary> out;
    st = EachRow(q, [&] {
        out.push_back({q.ColumnInt(0), q.ColumnText(1), q.ColumnText(2), q.ColumnText(3), static_cast<int>(q.ColumnInt(4)),
                       static_cast<int>(q.ColumnInt(5)), q.ColumnText(6), q.ColumnInt(7)});
        return Status::Ok();
    });
    if (!st.ok()) return st;
    return out;
}

Result<std::optional<wfm::RosterDoc>> RosterStore::PublishedRosterOnLocked(const std::string& team, const std::string& date) {
    CivilDate d;
    if (!ParseCivilDate(date, &d)) return Status::Error("date: '" + date + "' is not a date YYYY-MM-DD");
    sql::Statement q;
    // Candidates start at most 366 days before; the one whose days cover the date, latest first.
    Status st = m_db.Prepare(std::string("SELECT ") + kRosterColumns +
                                 " FROM wfm_rosters WHERE team = ?1 AND status = 'published' AND start_date <= ?2 ORDER BY start_date DESC",
                             &q);
    if (!st.ok()) return st;
    q.BindText(1, team);
    q.BindText(2, date);
    std::optional<wfm::RosterDoc> out;
    st = EachRow(q, [&] {
        if (out) return Status::Ok();
        CivilDate start;
        if (!ParseCivilDate(q.ColumnText(2), &start)) return Status::Ok();
        if (DaysFromCivil(d) - DaysFromCivil(start) >= q.ColumnInt(3)) return Status::Ok();
        wfm::RosterDoc doc;
        Status s = ReadRosterRow(q, &doc);
        if (s.ok()) out = std::move(doc);
        return s;
    });
    if (!st.ok()) return st;
    return out;
}

Result<std::optional<wfm::RosterDoc>> RosterStore::PublishedRosterOn(const std::string& team, const std::string& date) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return PublishedRosterOnLocked(team, date);
}

namespace {

constexpr const char* kRequestColumns =
    "id, agent, team, start_ms, minutes, kind, status, note, requested_by, requested_ms, decided_by, decided_ms, impact";

wfm::BreakRequest ReadRequest(const sql::Statement& q) {
    wfm::BreakRequest r;
    r.id = q.ColumnInt(0);
    r.agent = q.ColumnText(1);
    r.team = q.ColumnText(2);
    r.start_ms = q.ColumnInt(3);
    r.minutes = static_cast<int>(q.ColumnInt(4));
    r.kind = q.ColumnText(5);
    r.status = q.ColumnText(6);
    r.note = q.ColumnText(7);
    r.requested_by = q.ColumnText(8);
    r.requested_ms = q.ColumnInt(9);
    r.decided_by = q.ColumnText(10);
    r.decided_ms = q.ColumnInt(11);
    wfm::BreakImpactFromJson(q.ColumnText(12), &r.impact);
    return r;
}

}  // namespace

Result<int64_t> RosterStore::AddBreakRequest(const wfm::BreakRequest& r, const AuditEntry& audit) {
    const std::string why = wfm::ValidateBreakRequest(r);
    if (!why.empty()) return Status::Error(why);
    std::lock_guard<std::mutex> lock(m_mutex);
    int64_t id = 0;
    Status st = InTransaction([&]() -> Status {
        sql::Statement put;
        Status s = m_db.Prepare(
            "INSERT INTO wfm_break_requests (agent, team, start_ms, minutes, kind, status, note, requested_by, requested_ms, impact)"
            " VALUES (?1, ?2, ?3, ?4, ?5, 'requested', ?6, ?7, ?8, ?9)",
            &put);
        if (!s.ok()) return s;
        put.BindText(1, r.agent);
        put.BindText(2, r.team);
        put.BindInt(3, r.start_ms);
        put.BindInt(4, r.minutes);
        put.BindText(5, r.kind);
        put.BindText(6, r.note);
        put.BindText(7, r.requested_by);
        put.BindInt(8, r.requested_ms);
        put.BindText(9, wfm::BreakImpactToJson(r.impact));
        s = put.Run();
        if (!s.ok()) return s;
        id = sqlite3_last_insert_rowid(m_db.handle());
        return AppendAuditRow(m_db, audit);
    });
    if (!st.ok()) return st;
    return id;
}

Result<std::optional<wfm::BreakRequest>> RosterStore::LoadBreakRequest(int64_t id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement q;
    Status st = m_db.Prepare(std::string("SELECT ") + kRequestColumns + " FROM wfm_break_requests WHERE id = ?1", &q);
    if (!st.ok()) return st;
    q.BindInt(1, id);
    std::optional<wfm::BreakRequest> out;
    st = EachRow(q, [&] {
        out = ReadRequest(q);
        return Status::Ok();
    });
    if (!st.ok()) return st;
    return out;
}

Result<std::vector<wfm::BreakRequest>> RosterStore::ListBreakRequests(const std::vector<std::string>& agents, int64_t from_ms, int64_t to_ms,
                                                                   const std::string& status) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement q;
    Status st = m_db.Prepare(std::string("SELECT ") + kRequestColumns +
                                 " FROM wfm_break_requests WHERE start_ms >= ?1 AND start_ms < ?2 AND (?3 = '' OR status = ?3) ORDER BY start_ms, id",
                             &q);
    if (!st.ok()) return st;
    q.BindInt(1, from_ms);
    q.BindInt(2, to_ms);
    q.BindText(3, status);
    std::vector<wfm::BreakRequest> out;
    st = EachRow(q, [&] {
        wfm::BreakRequest r = ReadRequest(q);
        if (agents.empty() || std::find(agents.begin(), agents.end(), r.agent) != agents.end()) out.push_back(std::move(r));
        return Status::Ok();
    });
    if (!st.ok()) return st;
    return out;
}

namespace {

Result<wfm::BreakAllowance> AllowanceIn(sql::Db& db, const std::string& agent, int64_t from_ms, int64_t to_ms, int fallback) {
    wfm::BreakAllowance a;
    a.agent = agent;
    a.minutes_per_day = fallback;
    sql::Statement q;
    Status st = db.Prepare("SELECT minutes_per_day FROM wfm_break_allowances WHERE agent = ?1", &q);
    if (!st.ok()) return st;
    q.BindText(1, agent);
    st = EachRow(q, [&] {
        a.minutes_per_day = static_cast<int>(q.ColumnInt(0));
        return Status::Ok();
    });
    if (!st.ok()) return st;
    sql::Statement used;
    st = db.Prepare("SELECT COALESCE(SUM(minutes), 0) FROM wfm_break_requests WHERE agent = ?1 AND status = 'approved'"
                    " AND start_ms >= ?2 AND start_ms < ?3",
                    &used);
    if (!st.ok()) return st;
    used.BindText(1, agent);
    used.BindInt(2, from_ms);
    used.BindInt(3, to_ms);
    st = EachRow(used, [&] {
        a.used_minutes = static_cast<int>(used.ColumnInt(0));
        return Status::Ok();
    });
    if (!st.ok()) return st;
    return a;
}

}  // namespace

Status RosterStore::DecideBreakRequest(int64_t id, bool approve, const std::string& by, int64_t t_ms, const wfm::BreakImpact& impact,
                                    int64_t day_start_ms, int64_t day_end_ms, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return InTransaction([&]() -> Status {
        sql::Statement q;
        Status st = m_db.Prepare(std::string("SELECT ") + kRequestColumns + " FROM wfm_break_requests WHERE id = ?1", &q);
        if (!st.ok()) return st;
        q.BindInt(1, id);
        std::optional<wfm::BreakRequest> r;
        st = EachRow(q, [&] {
            r = ReadRequest(q);
            return Status::Ok();
        });
        if (!st.ok()) return st;
        if (!r) return Status::Error("no break request " + std::to_string(id));
        if (r->status != "requested") return Status::Error("request " + std::to_string(id) + " is " + r->status + " already");
        if (approve) {
            Result<wfm::BreakAllowance> a = AllowanceIn(m_db, r->agent, day_start_ms, day_end_ms, kDefaultAllowanceMin);
            if (!a.ok()) return a.status();
            const std::string why = wfm::AllowanceProblem(a.value(), r->minutes);
            if (!why.empty()) return Status::Error(why);
        }
        sql::Statement put;
        st = m_db.Prepare("UPDATE wfm_break_requests SET status = ?2, decided_by = ?3, decided_ms = ?4, impact = ?5 WHERE id = ?1", &put);
        if (!st.ok()) return st;
        put.BindInt(1, id);
        put.BindText(2, approve ? "approved" : "declined");
        put.BindText(3, by);
        put.BindInt(4, t_ms);
        put.BindText(5, wfm::BreakImpactToJson(impact));
        st = put.Run();
        return st.ok() ? AppendAuditRow(m_db, audit) : st;
    });
}

Result<wfm::BreakAllowance> RosterStore::Allowance(const std::string& agent, int64_t day_start_ms, int64_t day_end_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return AllowanceIn(m_db, agent, day_start_ms, day_end_ms, kDefaultAllowanceMin);
}

Status RosterStore::SetAllowance(const std::string& agent, int minutes_per_day, const AuditEntry& audit) {
    if (minutes_per_day < 0 || minutes_per_day > 480) return Status::Error("minutes_per_day: " + std::to_string(minutes_per_day) + " is not from 0 to 480");
    std::lock_guard<std::mutex> lock(m_mutex);
    return InTransaction([&]() -> Status {
        sql::Statement put;
        Status st = m_db.Prepare(
            "INSERT INTO wfm_break_allowances (agent, minutes_per_day, updated_by, updated_ms) VALUES (?1, ?2, ?3, ?4)"
            " ON CONFLICT (agent) DO UPDATE SET minutes_per_day = excluded.minutes_per_day, updated_by = excluded.updated_by,"
            " updated_ms = excluded.updated_ms",
            &put);
        if (!st.ok()) return st;
        put.BindText(1, agent);
        put.BindInt(2, minutes_per_day);
        put.BindText(3, audit.user);
        put.BindInt(4, audit.t_ms);
        st = put.Run();
        return st.ok() ? AppendAuditRow(m_db, audit) : st;
    });
}

Result<std::vector<wfm::Spell>> RosterStore::AgentSpellsLocked(const std::string& agent, int64_t from_ms, int64_t to_ms) {
    sql::Statement q;
    Status st = m_db.Prepare(
        "SELECT state, COALESCE(reason, ''), start_ms, COALESCE(end_ms, ?3) FROM agent_states"
        " WHERE agent = ?1 AND start_ms < ?3 AND (end_ms IS NULL OR end_ms > ?2) ORDER BY start_ms",
        &q);
    if (!st.ok()) return st;
    q.BindText(1, agent);
    q.BindInt(2, from_ms);
    q.BindInt(3, to_ms);
    std::vector<wfm::Spell> out;
    st = EachRow(q, [&] {
        wfm::Spell s;
        const std::string state = q.ColumnText(0), reason = q.ColumnText(1);
        for (int k = 0; k < static_cast<int>(AgentState::kCount); ++k)
            if (AgentStateName(static_cast<AgentState>(k)) == state) s.state = static_cast<AgentState>(k);
        for (int k = 0; k < static_cast<int>(NotReadyReason::kCount); ++k)
            if (NotReadyReasonName(static_cast<NotReadyReason>(k)) == reason) s.reason = static_cast<NotReadyReason>(k);
        s.start_ms = std::max(from_ms, q.ColumnInt(2));
        s.end_ms = std::min(to_ms, q.ColumnInt(3));
        if (s.end_ms > s.start_ms) out.push_back(s);
        return Status::Ok();
    });
    if (!st.ok()) return st;
    return out;
}

Result<std::vector<wfm::Spell>> RosterStore::AgentSpells(const std::string& agent, int64_t from_ms, int64_t to_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return AgentSpellsLocked(agent, from_ms, to_ms);
}

// Called with the mutex held.
Result<wfm::AgentDayAdherence> RosterStore::AgentDay(const wfm::RosterDoc& doc, size_t agent, int day, const TimeZone& zone,
                                                 const wfm::AdherenceOptions& options, int64_t now_ms) {
    wfm::AgentDayAdherence out;
    out.agent = doc.problem.agents[agent].key;
    CivilDate day0;
    ParseCivilDate(doc.problem.start_date, &day0);
    const int s = doc.roster.shift[agent][static_cast<size_t>(day)];
    if (s >= 0) out.shift = doc.problem.shifts[static_cast<size_t>(s)].name;
    // Approved requests of the agent during the shift.
    std::vector<wfm::Planned> extra;
    int64_t from = wfm::RosterInstant(zone, day0, day, 0), to = wfm::RosterInstant(zone, day0, day + 1, 0);
    if (s >= 0) {
        const wfm::RosterShift& sh = doc.problem.shifts[static_cast<size_t>(s)];
        const int64_t start = wfm::RosterInstant(zone, day0, day, sh.start_min);
        from = std::min(from, start);
        to = std::max(to, start + int64_t{sh.length_min} * 60000);
        sql::Statement q;
        Status st = m_db.Prepare("SELECT start_ms, minutes, kind FROM wfm_break_requests WHERE agent = ?1 AND status = 'approved'"
                                 " AND start_ms >= ?2 AND start_ms < ?3 ORDER BY start_ms",
                                 &q);
        if (!st.ok()) return st;
        q.BindText(1, out.agent);
        q.BindInt(2, start);
        q.BindInt(3, start + int64_t{sh.length_min} * 60000);
        st = EachRow(q, [&] {
            const int64_t b = q.ColumnInt(0);
            extra.push_back({b, b + q.ColumnInt(1) * 60000, q.ColumnText(2) == "lunch" ? wfm::Activity::Lunch : wfm::Activity::Break});
            return Status::Ok();
        });
        if (!st.ok()) return st;
    }
    out.planned = wfm::AgentDayPlan(doc.problem, doc.roster, doc.breaks, static_cast<int>(agent), day, zone, day0, extra);
    // What has not happened yet is not compared.
    to = std::max(from, std::min(to, now_ms));
    std::vector<wfm::Planned> so_far;
    for (wfm::Planned p : out.planned) {
        if (p.start_ms >= to) continue;
        p.end_ms = std::min(p.end_ms, to);
        so_far.push_back(p);
    }
    out.planned = std::move(so_far);
    Result<std::vector<wfm::Spell>> spells = AgentSpellsLocked(out.agent, from, to);
    if (!spells.ok()) return spells.status();
    out.spells = spells.value();
    out.result = wfm::Adherence(out.planned, out.spells, from, to, options);
    return out;
}

Result<wfm::AdherenceDay> RosterStore::TeamAdherence(const std::string& team, const std::string& date, const TimeZone& zone,
                                                  const wfm::AdherenceOptions& options, int64_t now_ms) {
    wfm::AdherenceDay out;
    out.team = team;
    out.date = date;
    out.options = options;
    CivilDate civil;
    if (!LocalDay(date, zone, &out.day_start_ms, &out.day_end_ms, &civil)) return Status::Error("date: '" + date + "' is not a date YYYY-MM-DD");
    std::lock_guard<std::mutex> lock(m_mutex);
    Result<std::optional<wfm::RosterDoc>> doc = PublishedRosterOnLocked(team, date);
    if (!doc.ok()) return doc.status();
    if (!doc.value()) return out;
    const wfm::RosterDoc& r = *doc.value();
    out.roster_id = r.id;
    CivilDate day0;
    ParseCivilDate(r.problem.start_date, &day0);
    const int day = static_cast<int>(DaysFromCivil(civil) - DaysFromCivil(day0));
    for (size_t a = 0; a < r.problem.agents.size(); ++a) {
        Result<wfm::AgentDayAdherence> one = AgentDay(r, a, day, zone, options, now_ms);
        if (!one.ok()) return one.status();
        out.agents.push_back(std::move(one.value()));
    }
    return out;
}

Result<wfm::AdherenceFigure> RosterStore::AgentAdherence(const std::string& agent, const std::string& from, const std::string& to,
                                                      const TimeZone& zone, const wfm::AdherenceOptions& options, int64_t now_ms) {
    CivilDate a, b;
    if (!ParseCivilDate(from, &a)) return Status::Error("from: '" + from + "' is not a date YYYY-MM-DD");
    if (!ParseCivilDate(to, &b)) return Status::Error("to: '" + to + "' is not a date YYYY-MM-DD");
    if (DaysFromCivil(b) < DaysFromCivil(a)) return Status::Error("to: " + to + " is before from " + from);
    if (DaysFromCivil(b) - DaysFromCivil(a) > 366) return Status::Error("to: at most 367 days from from");
    Result<std::string> team = TeamOfAgent(agent);
    if (!team.ok()) return team.status();
    if (team.value().empty()) return Status::Error("agent: '" + agent + "' is not a known agent");
    wfm::AdherenceFigure figure;
    std::lock_guard<std::mutex> lock(m_mutex);
    for (int64_t d = DaysFromCivil(a); d <= DaysFromCivil(b); ++d) {
        const CivilDate date = CivilFromDays(d);
        Result<std::optional<wfm::RosterDoc>> doc = PublishedRosterOnLocked(team.value(), FormatCivilDate(date));
        if (!doc.ok()) return doc.status();
        if (!doc.value()) continue;
        const wfm::RosterDoc& r = *doc.value();
        auto it = std::find_if(r.problem.agents.begin(), r.problem.agents.end(), [&](const wfm::RosterAgent& x) { return x.key == agent; });
        if (it == r.problem.agents.end()) continue;
        CivilDate day0;
        ParseCivilDate(r.problem.start_date, &day0);
        Result<wfm::AgentDayAdherence> one = AgentDay(r, static_cast<size_t>(it - r.problem.agents.begin()),
                                                      static_cast<int>(d - DaysFromCivil(day0)), zone, options, now_ms);
        if (!one.ok()) return one.status();
        wfm::AddDay(&figure, one.value().result);
    }
    return figure;
}

}  // namespace cb
