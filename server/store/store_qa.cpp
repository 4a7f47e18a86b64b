#include "server/store/store_qa.h"

#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <set>
#include "core/qa/qa_json.h"
#include "server/store/migrations.h"
#include "server/store/store_accounts.h"

namespace cb {
namespace {

Status EachRow(sql::Statement& s, const std::function<Status()>& row) {
    bool has_row = false;
    while (true) {
        if (!s.Step(&has_row)) return Status::Error(s.error());
        if (!has_row) return Status::Ok();
        Status status = row();
        if (!status.ok()) return status;
    }
}

constexpr const char* kEvalColumns =
    "e.id, e.form, e.version, f.name, e.source, e.call, e.call_ms, e.queue, e.agent, e.team, e.talk_ms, e.category,"
    " e.outcome, e.evaluator, e.kind, e.session, e.status, e.answers, e.created_ms, e.updated_ms, e.lead_ack_by,"
    " e.lead_ack_ms, e.agent_ack_by, e.agent_ack_ms, v.doc";

// Reads a row of kEvalColumns; scores the answers with the kept form version.
Status ReadEvaluation(const sql::Statement& q, QaEvaluation* e) {
    e->id = q.ColumnInt(0);
    e->form_id = q.ColumnInt(1);
    e->version = static_cast<int>(q.ColumnInt(2));
    e->form_name = q.ColumnText(3);
    e->call.source = q.ColumnText(4);
    e->call.call = q.ColumnInt(5);
    e->call.t_ms = q.ColumnInt(6);
    e->call.queue = q.ColumnText(7);
    e->call.agent = q.ColumnText(8);
    e->call.team = q.ColumnText(9);
    e->call.talk_ms = q.ColumnInt(10);
    e->call.category = q.ColumnText(11);
    e->call.outcome = q.ColumnText(12);
    e->evaluator = q.ColumnText(13);
    e->kind = q.ColumnText(14);
    e->session = q.ColumnInt(15);
    e->status = q.ColumnText(16);
    std::string error;
    if (!qa::AnswersFromJson(q.ColumnText(17), &e->answers, &error))
        return Status::Error("evaluation " + std::to_string(e->id) + ": stored answers do not read: " + error);
    e->created_ms = q.ColumnInt(18);
    e->updated_ms = q.ColumnInt(19);
    e->lead_ack_by = q.ColumnText(20);
    e->lead_ack_ms = q.ColumnInt(21);
    e->agent_ack_by = q.ColumnText(22);
    e->agent_ack_ms = q.ColumnInt(23);
    qa::Form form;
    if (!qa::FormFromJson(q.ColumnText(24), &form, &error))
        return Status::Error("form " + std::to_string(e->form_id) + " v" + std::to_string(e->version) + " does not read: " + error);
    e->score = qa::ScoreEvaluation(form, e->answers);
    return Status::Ok();
}

}  // namespace

// v15 (docs/qa.md): QA forms and their versions, evaluations (regular and calibration) with the
// call they score copied from the calls table, disputes, calibration sessions and their
// evaluators. Needs only tables of v1 and v2 (calls, agents, teams).
const char* QaSchema() {
    return R"sql(
CREATE TABLE qa_forms (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    created_by TEXT    NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE TABLE qa_form_versions (
    form       INTEGER NOT NULL REFERENCES qa_forms (id),
    version    INTEGER NOT NULL,
    doc        TEXT    NOT NULL,
    created_by TEXT    NOT NULL,
    created_ms INTEGER NOT NULL,
    PRIMARY KEY (form, version)
) WITHOUT ROWID;
CREATE TABLE qa_sessions (
    id           INTEGER PRIMARY KEY,
    form         INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    source       TEXT    NOT NULL,
    call         INTEGER NOT NULL,
    call_ms      INTEGER NOT NULL,
    queue        TEXT    NOT NULL,
    agent        TEXT    NOT NULL,
    team         TEXT    NOT NULL,
    talk_ms      INTEGER NOT NULL,
    category     TEXT    NOT NULL,
    outcome      TEXT    NOT NULL,
    reference    TEXT    NOT NULL,
    created_by   TEXT    NOT NULL,
    created_ms   INTEGER NOT NULL,
    due_ms       INTEGER NOT NULL,
    completed_ms INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY (form, version) REFERENCES qa_form_versions (form, version)
);
CREATE TABLE qa_session_evaluators (
    session   INTEGER NOT NULL REFERENCES qa_sessions (id),
    position  INTEGER NOT NULL,
    evaluator TEXT    NOT NULL,
    PRIMARY KEY (session, evaluator)
) WITHOUT ROWID;
CREATE TABLE qa_evaluations (
    id           INTEGER PRIMARY KEY,
    form         INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    source       TEXT    NOT NULL,
    call         INTEGER NOT NULL,
    call_ms      INTEGER NOT NULL,
    queue        TEXT    NOT NULL,
    agent        TEXT    NOT NULL,
    team         TEXT    NOT NULL,
    talk_ms      INTEGER NOT NULL,
    category     TEXT    NOT NULL,
    outcome      TEXT    NOT NULL,
    evaluator    TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('regular', 'calibration')),
    session      INTEGER NOT NULL DEFAULT 0,
    status       TEXT    NOT NULL CHECK (status IN ('submitted', 'disputed', 'resolved')),
    answers      TEXT    NOT NULL,
    created_ms   INTEGER NOT NULL,
    updated_ms   INTEGER NOT NULL,
    lead_ack_by  TEXT    NOT NULL DEFAULT '',
    lead_ack_ms  INTEGER NOT NULL DEFAULT 0,
    agent_ack_by TEXT    NOT NULL DEFAULT '',
    agent_ack_ms INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY (form, version) REFERENCES qa_form_versions (form, version)
);
CREATE INDEX qa_evaluations_by_call_time ON qa_evaluations (kind, call_ms);
CREATE UNIQUE INDEX qa_calibration_one_each ON qa_evaluations (session, evaluator) WHERE kind = 'calibration';
CREATE TABLE qa_disputes (
    id             INTEGER PRIMARY KEY,
    evaluation     INTEGER NOT NULL REFERENCES qa_evaluations (id),
    reason         TEXT    NOT NULL,
    raised_by      TEXT    NOT NULL,
    raised_ms      INTEGER NOT NULL,
    resolved       INTEGER NOT NULL DEFAULT 0,
    resolved_by    TEXT    NOT NULL DEFAULT '',
    resolved_ms    INTEGER NOT NULL DEFAULT 0,
    note           TEXT    NOT NULL DEFAULT '',
    percent_before REAL    NOT NULL,
    percent_after  REAL    NOT NULL DEFAULT 0
);
CREATE INDEX qa_disputes_by_evaluation ON qa_disputes (evaluation);
)sql";
}

std::string QaSession::StatusAt(int64_t now_ms) const {
    if (completed_ms > 0) return "complete";
    return now_ms > due_ms ? "expired" : "open";
}

Result<std::unique_ptr<QaStore>> QaStore::Open(const std::string& path) {
    std::unique_ptr<QaStore> store(new QaStore());
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

QaStore::~QaStore() = default;

Result<int64_t> QaStore::CreateForm(const qa::Form& form, const AuditEntry& audit) {
    const std::string bad = qa::ValidateForm(form);
    if (!bad.empty()) return Status::Error(bad);
    std::lock_guard<std::mutex> lock(m_mutex);
    int64_t id = 0;
    Status status = m_db.Transaction([&]() -> Status {
        sql::Statement put;
        Status st = m_db.Prepare("INSERT INTO qa_forms (name, created_by, created_ms) VALUES (?1, ?2, ?3)", &put);
        if (!st.ok()) return st;
        put.BindText(1, form.name);
        put.BindText(2, audit.user);
        put.BindInt(3, audit.t_ms);
        st = put.Run();
        if (!st.ok()) return st;
        id = sqlite3_last_insert_rowid(m_db.handle());
        sql::Statement ver;
        st = m_db.Prepare("INSERT INTO qa_form_versions (form, version, doc, created_by, created_ms) VALUES (?1, 1, ?2, ?3, ?4)", &ver);
        if (!st.ok()) return st;
        ver.BindInt(1, id);
        ver.BindText(2, qa::FormToJson(form));
        ver.BindText(3, audit.user);
        ver.BindInt(4, audit.t_ms);
        st = ver.Run();
        if (!st.ok()) return st;
        AuditEntry a = audit;
        a.detail = "form " + std::to_string(id) + " v1 '" + form.name + "'";
        return AppendAuditRow(m_db, a);
    });
    if (!status.ok()) return status;
    return id;
}

Result<int> QaStore::SaveFormVersion(int64_t form_id, const qa::Form& form, const AuditEntry& audit) {
    const std::string bad = qa::ValidateForm(form);
    if (!bad.empty()) return Status::Error(bad);
    std::lock_guard<std::mutex> lock(m_mutex);
    int version = 0;
    Status status = m_db.Transaction([&]() -> Status {
        sql::Statement q;
        Status st = m_db.Prepare("SELECT MAX(version) FROM qa_form_versions WHERE form = ?1", &q);
        if (!st.ok()) return st;
        q.BindInt(1, form_id);
        st = EachRow(q, [&] {
            version = q.ColumnIsNull(0) ? 0 : static_cast<int>(q.ColumnInt(0));
            return Status::Ok();
        });
        if (!st.ok()) return st;
        if (version == 0) return Status::Error("form " + std::to_string(form_id) + ": no such form");
        ++version;
        sql::Statement ver;
        st = m_db.Prepare("INSERT INTO qa_form_versions (form, version, doc, created_by, created_ms) VALUES (?1, ?2, ?3, ?4, ?5)", &ver);
        if (!st.ok()) return st;
        ver.BindInt(1, form_id);
        ver.BindInt(2, version);
        ver.BindText(3, qa::FormToJson(form));
        ver.BindText(4, audit.user);
        ver.BindInt(5, audit.t_ms);
        st = ver.Run();
        if (!st.ok()) return st;
        sql::Statement name;
        st = m_db.Prepare("UPDATE qa_forms SET name = ?2 WHERE id = ?1", &name);
        if (!st.ok()) return st;
        name.BindInt(1, form_id);
        name.BindText(2, form.name);
        st = name.Run();
        if (!st.ok()) return st;
        AuditEntry a = audit;
        a.detail = "form " + std::to_string(form_id) + " v" + std::to_string(version) + " '" + form.name + "'";
        return AppendAuditRow(m_db, a);
    });
    if (!status.ok()) return status;
    return version;
}

Result<std::vector<QaFormInfo>> QaStore::ListForms() {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement q;
    Status status = m_db.Prepare(
        "SELECT f.id, f.name, v.version, v.created_by, v.created_ms FROM qa_forms f"
        " JOIN qa_form_versions v ON v.form = f.id AND v.version = (SELECT MAX(version) FROM qa_form_versions WHERE form = f.id)"
        " ORDER BY f.id",
        &q);
    if (!status.ok()) return status;
    std::vector<QaFormInfo> out;
    status = EachRow(q, [&] {
        out.push_back({q.ColumnInt(0), q.ColumnText(1), static_cast<int>(q.ColumnInt(2)), q.ColumnText(3), q.ColumnInt(4)});
        return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
}

Result<std::optional<QaFormVersion>> QaStore::LoadForm(int64_t form_id, int version) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return LoadFormLocked(form_id, version);
}

Result<std::optional<QaFormVersion>> QaStore::LoadFormLocked(int64_t form_id, int version) {
    sql::Statement q;
    Status status = m_db.Prepare(
        version > 0 ? "SELECT version, doc, created_by, created_ms FROM qa_form_versions WHERE form = ?1 AND version = ?2"
                    : "SELECT version, doc, created_by, created_ms FROM qa_form_versions WHERE form = ?1 ORDER BY version DESC LIMIT 1",
        &q);
    if (!status.ok()) return status;
    q.BindInt(1, form_id);
    if (version > 0) q.BindInt(2, version);
    std::optional<QaFormVersion> out;
    status = EachRow(q, [&] {
        QaFormVersion v;
        v.form_id = form_id;
        v.version = static_cast<int>(q.ColumnInt(0));
        std::string error;
        if (!qa::FormFromJson(q.ColumnText(1), &v.form, &error))
            return Status::Error("form " + std::to_string(form_id) + " v" + std::to_string(v.version) + " does not read: " + error);
        v.created_by = q.ColumnText(2);
        v.created_ms = q.ColumnInt(3);
        out = std::move(v);
        return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
}

Result<std::optional<QaCall>> QaStore::LoadCall(const std::string& source, int64_t call) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return LoadCallLocked(source, call);
}

Result<std::optional<QaCall>> QaStore::LoadCallLocked(const std::string& source, int64_t call) {
    sql::Statement q;
    Status status = m_db.Prepare(
        "SELECT COALESCE(c.entered_ms, c.answered_ms, c.ended_ms, 0), COALESCE(c.queue, ''), COALESCE(c.agent, ''),"
        " COALESCE(t.key, ''), COALESCE(c.talk_ms, -1), c.category, COALESCE(c.outcome, '')"
        " FROM calls c LEFT JOIN agents a ON a.key = c.agent LEFT JOIN teams t ON t.id = a.team_id"
        " WHERE c.source = ?1 AND c.call = ?2"
        // A call may have several legs (queues): the last row read wins, so the leg an agent
        // answered comes last, the latest answered of them if there are several.
        " ORDER BY (c.agent IS NOT NULL AND c.answered_ms IS NOT NULL), COALESCE(c.answered_ms, 0), c.leg",
        &q);
    if (!status.ok()) return status;
    q.BindText(1, source);
    q.BindInt(2, call);
    std::optional<QaCall> out;
    status = EachRow(q, [&] {
        QaCall c;
        c.source = source;
        c.call = call;
        c.t_ms = q.ColumnInt(0);
        c.queue = q.ColumnText(1);
        c.agent = q.ColumnText(2);
        c.team = q.ColumnText(3);
        c.talk_ms = q.ColumnInt(4);
        c.category = q.ColumnText(5);
        c.outcome = q.ColumnText(6);
        out = std::move(c);
        return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
}

namespace {
// The call of a new evaluation or session: stored and answered by an agent.
Status CallForEvaluation(const std::optional<QaCall>& call, const std::string& source, int64_t key) {
    const std::string name = "call " + source + "/" + std::to_string(static_cast<uint64_t>(key));
    if (!call) return Status::Error(name + ": no such stored call");
    if (call->agent.empty()) return Status::Error(name + ": the call was not answered by an agent; there is nobody to evaluate");
    // Its talk time and outcome are copied when the evaluation is made: a call still going on has
    // neither yet.
    if (call->category == "answered_open" || call->category == "open")
        return Status::Error(name + ": the call is still going on; evaluate it once it has ended");
    return Status::Ok();
}

void BindCall(sql::Statement& s, int first, const QaCall& c) {
    s.BindText(first, c.source);
    s.BindInt(first + 1, c.call);
    s.BindInt(first + 2, c.t_ms);
    s.BindText(first + 3, c.queue);
    s.BindText(first + 4, c.agent);
    s.BindText(first + 5, c.team);
    s.BindInt(first + 6, c.talk_ms);
    s.BindText(first + 7, c.category);
    s.BindText(first + 8, c.outcome);
}
}  // namespace

Result<int64_t> QaStore::AddEvaluation(int64_t form_id, int version, const std::string& source, int64_t call,
                                       const std::string& evaluator, const std::vector<qa::Answer>& answers,
                                       const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    Result<std::optional<QaFormVersion>> form = LoadFormLocked(form_id, version);
    if (!form.ok()) return form.status();
    if (!form.value())
        return Status::Error("form: " + std::to_string(form_id) + (version > 0 ? " v" + std::to_string(version) : "") + " is not a stored form");
    const std::string bad = qa::ValidateAnswers(form.value()->form, answers);
    if (!bad.empty()) return Status::Error(bad);
    Result<std::optional<QaCall>> c = LoadCallLocked(source, call);
    if (!c.ok()) return c.status();
    Status status = CallForEvaluation(c.value(), source, call);
    if (!status.ok()) return status;
    int64_t id = 0;
    status = m_db.Transaction([&]() -> Status {
        sql::Statement put;
        Status st = m_db.Prepare(
            "INSERT INTO qa_evaluations (form, version, source, call, call_ms, queue, agent, team, talk_ms, category, outcome,"
            " evaluator, kind, status, answers, created_ms, updated_ms)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'regular', 'submitted', ?13, ?14, ?14)",
            &put);
        if (!st.ok()) return st;
        put.BindInt(1, form_id);
        put.BindInt(2, form.value()->version);
        BindCall(put, 3, *c.value());
        put.BindText(12, evaluator);
        put.BindText(13, qa::AnswersToJson(answers));
        put.BindInt(14, audit.t_ms);
        st = put.Run();
        if (!st.ok()) return st;
        id = sqlite3_last_insert_rowid(m_db.handle());
        AuditEntry a = audit;
        a.detail = "evaluation " + std::to_string(id) + " of call " + source + "/" + std::to_string(static_cast<uint64_t>(call)) + " (agent " +
                   c.value()->agent + ", form " + std::to_string(form_id) + " v" + std::to_string(form.value()->version) + ")";
        return AppendAuditRow(m_db, a);
    });
    if (!status.ok()) return status;
    return id;
}

Result<std::optional<QaEvaluation>> QaStore::LoadEvaluation(int64_t id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return LoadEvaluationLocked(id);
}

Result<std::optional<QaEvaluation>> QaStore::LoadEvaluationLocked(int64_t id) {
    sql::Statement q;
    Status status = m_db.Prepare(std::string("SELECT ") + kEvalColumns +
                                     " FROM qa_evaluations e JOIN qa_forms f ON f.id = e.form"
                                     " JOIN qa_form_versions v ON v.form = e.form AND v.version = e.version WHERE e.id = ?1",
                                 &q);
    if (!status.ok()) return status;
    q.BindInt(1, id);
    std::optional<QaEvaluation> out;
    status = EachRow(q, [&] {
        QaEvaluation e;
        Status st = ReadEvaluation(q, &e);
        if (st.ok()) out = std::move(e);
        return st;
    });
    if (!status.ok() || !out) return status.ok() ? Result<std::optional<QaEvaluation>>(out) : status;
    sql::Statement d;
    status = m_db.Prepare(
        "SELECT id, reason, raised_by, raised_ms, resolved, resolved_by, resolved_ms, note, percent_before, percent_after"
        " FROM qa_disputes WHERE evaluation = ?1 ORDER BY id",
        &d);
    if (!status.ok()) return status;
    d.BindInt(1, id);
    status = EachRow(d, [&] {
        QaDispute x;
        x.id = d.ColumnInt(0);
        x.reason = d.ColumnText(1);
        x.raised_by = d.ColumnText(2);
        x.raised_ms = d.ColumnInt(3);
        x.resolved = d.ColumnInt(4) != 0;
        x.resolved_by = d.ColumnText(5);
        x.resolved_ms = d.ColumnInt(6);
        x.note = d.ColumnText(7);
        x.percent_before = d.ColumnDouble(8);
        x.percent_after = d.ColumnDouble(9);
        out->disputes.push_back(std::move(x));
        return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
}

Result<std::vector<QaEvaluation>> QaStore::ListEvaluations(const QaEvaluationFilter& filter) {
    std::lock_guard<std::mutex> lock(m_mutex);
    std::string where = " WHERE e.kind = 'regular' AND e.call_ms >= ?1 AND e.call_ms < ?2";
    if (!filter.agent.empty()) where += " AND e.agent = ?3";
    if (filter.form_id > 0) where += " AND e.form = ?4";
    if (!filter.evaluator.empty()) where += " AND e.evaluator = ?5";
    if (!filter.teams.empty()) {
        where += " AND e.team IN (";
        for (size_t i = 0; i < filter.teams.size(); ++i) where += (i ? ", ?" : "?") + std::to_string(10 + i);
        where += ")";
    }
    sql::Statement q;
    Status status = m_db.Prepare(std::string("SELECT ") + kEvalColumns +
                                     " FROM qa_evaluations e JOIN qa_forms f ON f.id = e.form"
                                     " JOIN qa_form_versions v ON v.form = e.form AND v.version = e.version" +
                                     where + " ORDER BY e.call_ms DESC, e.id DESC LIMIT ?6",
                                 &q);
    if (!status.ok()) return status;
    q.BindInt(1, filter.from_ms);
    q.BindInt(2, filter.to_ms);
    if (!filter.agent.empty()) q.BindText(3, filter.agent);
    if (filter.form_id > 0) q.BindInt(4, filter.form_id);
    if (!filter.evaluator.empty()) q.BindText(5, filter.evaluator);
    q.BindInt(6, filter.limit);
    for (size_t i = 0; i < filter.teams.size(); ++i) q.BindText(static_cast<int>(10 + i), filter.teams[i]);
    std::vector<QaEvaluation> out;
    status = EachRow(q, [&] {
        QaEvaluation e;
        Status st = ReadEvaluation(q, &e);
        if (st.ok()) out.push_back(std::move(e));
        return st;
    });
    if (!status.ok()) return status;
    // Disputes of the listed evaluations (few per evaluation).
    for (auto& e : out) {
        sql::Statement d;
        status = m_db.Prepare("SELECT id, reason, raised_by, raised_ms, resolved, resolved_by, resolved_ms, note, percent_before,"
                              " percent_after FROM qa_disputes WHERE evaluation = ?1 ORDER BY id", &d);
        if (!status.ok()) return status;
        d.BindInt(1, e.id);
        status = EachRow(d, [&] {
            e.disputes.push_back({d.ColumnInt(0), d.ColumnText(1), d.ColumnText(2), d.ColumnInt(3), d.ColumnInt(4) != 0,
                                  d.ColumnText(5), d.ColumnInt(6), d.ColumnText(7), d.ColumnDouble(8), d.ColumnDouble(9)});
            return Status::Ok();
        });
        if (!status.ok()) return status;
    }
    return out;
}

Status QaStore::UpdateEvaluation(int64_t id, const std::vector<qa::Answer>& answers, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    Result<std::optional<QaEvaluation>> e = LoadEvaluationLocked(id);
    if (!e.ok()) return e.status();
    if (!e.value() || e.value()->kind != "regular") return Status::Error("evaluation " + std::to_string(id) + ": no such evaluation");
    const QaEvaluation& ev = *e.value();
    if (ev.status != "submitted") return Status::Error("evaluation " + std::to_string(id) + " is " + ev.status + ": change it through its dispute");
    if (!ev.lead_ack_by.empty() || !ev.agent_ack_by.empty())
        return Status::Error("evaluation " + std::to_string(id) + " is acknowledged already: open a dispute to re-score it");
    Result<std::optional<QaFormVersion>> form = LoadFormLocked(ev.form_id, ev.version);
    if (!form.ok() || !form.value()) return form.ok() ? Status::Error("form version missing") : form.status();
    const std::string bad = qa::ValidateAnswers(form.value()->form, answers);
    if (!bad.empty()) return Status::Error(bad);
    return m_db.Transaction([&]() -> Status {
        sql::Statement put;
        Status st = m_db.Prepare("UPDATE qa_evaluations SET answers = ?2, updated_ms = ?3 WHERE id = ?1", &put);
        if (!st.ok()) return st;
        put.BindInt(1, id);
        put.BindText(2, qa::AnswersToJson(answers));
        put.BindInt(3, audit.t_ms);
        st = put.Run();
        if (!st.ok()) return st;
        AuditEntry a = audit;
        a.detail = "evaluation " + std::to_string(id) + " answers changed";
        return AppendAuditRow(m_db, a);
    });
}

Status QaStore::Acknowledge(int64_t id, const std::string& who, const std::string& by, const AuditEntry& audit) {
    if (who != "lead" && who != "agent") return Status::Error("as: must be \"lead\" or \"agent\"");
    std::lock_guard<std::mutex> lock(m_mutex);
    Result<std::optional<QaEvaluation>> e = LoadEvaluationLocked(id);
    if (!e.ok()) return e.status();
    if (!e.value() || e.value()->kind != "regular") return Status::Error("evaluation " + std::to_string(id) + ": no such evaluation");
    const std::string& already = who == "lead" ? e.value()->lead_ack_by : e.value()->agent_ack_by;
    if (!already.empty()) return Status::Error("evaluation " + std::to_string(id) + ": acknowledged as " + who + " by " + already + " already");
    return m_db.Transaction([&]() -> Status {
        sql::Statement put;
        Status st = m_db.Prepare(who == "lead" ? "UPDATE qa_evaluations SET lead_ack_by = ?2, lead_ack_ms = ?3 WHERE id = ?1"
                                               : "UPDATE qa_evaluations SET agent_ack_by = ?2, agent_ack_ms = ?3 WHERE id = ?1",
                                 &put);
        if (!st.ok()) return st;
        put.BindInt(1, id);
        put.BindText(2, by);
        put.BindInt(3, audit.t_ms);
        st = put.Run();
        if (!st.ok()) return st;
        AuditEntry a = audit;
        a.detail = "evaluation " + std::to_string(id) + " acknowledged as " + who;
        return AppendAuditRow(m_db, a);
    });
}

Status QaStore::Dispute(int64_t id, const std::string& reason, const std::string& by, const AuditEntry& audit) {
    if (reason.empty()) return Status::Error("reason: must not be empty");
    if (reason.size() > qa::kMaxTextLength) return Status::Error("reason: at most 500 bytes");
    std::lock_guard<std::mutex> lock(m_mutex);
    Result<std::optional<QaEvaluation>> e = LoadEvaluationLocked(id);
    if (!e.ok()) return e.status();
    if (!e.value() || e.value()->kind != "regular") return Status::Error("evaluation " + std::to_string(id) + ": no such evaluation");
    if (e.value()->status == "disputed") return Status::Error("evaluation " + std::to_string(id) + " has an open dispute already");
    const double before = e.value()->score.percent;
    return m_db.Transaction([&]() -> Status {
        sql::Statement put;
        Status st = m_db.Prepare("INSERT INTO qa_disputes (evaluation, reason, raised_by, raised_ms, percent_before) VALUES (?1, ?2, ?3, ?4, ?5)", &put);
        if (!st.ok()) return st;
        put.BindInt(1, id);
        put.BindText(2, reason);
        put.BindText(3, by);
        put.BindInt(4, audit.t_ms);
        put.BindDouble(5, before);
        st = put.Run();
        if (!st.ok()) return st;
        sql::Statement up;
        st = m_db.Prepare("UPDATE qa_evaluations SET status = 'disputed', updated_ms = ?2 WHERE id = ?1", &up);
        if (!st.ok()) return st;
        up.BindInt(1, id);
        up.BindInt(2, audit.t_ms);
        st = up.Run();
        if (!st.ok()) return st;
        AuditEntry a = audit;
        a.detail = "evaluation " + std::to_string(id) + " disputed";  // the reason stays in the QA tables
        return AppendAuditRow(m_db, a);
    });
}

Status QaStore::ResolveDispute(int64_t id, const std::vector<qa::Answer>& answers, const std::string& note, const std::string& by,
                               const AuditEntry& audit) {
    if (note.size() > qa::kMaxTextLength) return Status::Error("note: at most 500 bytes");
    std::lock_guard<std::mutex> lock(m_mutex);
    Result<std::optional<QaEvaluation>> e = LoadEvaluationLocked(id);
    if (!e.ok()) return e.status();
    if (!e.value() || e.value()->kind != "regular") return Status::Error("evaluation " + std::to_string(id) + ": no such evaluation");
    if (e.value()->status != "disputed") return Status::Error("evaluation " + std::to_string(id) + " has no open dispute");
    Result<std::optional<QaFormVersion>> form = LoadFormLocked(e.value()->form_id, e.value()->version);
    if (!form.ok() || !form.value()) return form.ok() ? Status::Error("form version missing") : form.status();
    const std::string bad = qa::ValidateAnswers(form.value()->form, answers);
    if (!bad.empty()) return Status::Error(bad);
    const double after = qa::ScoreEvaluation(form.value()->form, answers).percent;
    return m_db.Transaction([&]() -> Status {
        sql::Statement up;
        Status st = m_db.Prepare("UPDATE qa_evaluations SET status = 'resolved', answers = ?2, updated_ms = ?3 WHERE id = ?1", &up);
        if (!st.ok()) return st;
        up.BindInt(1, id);
        up.BindText(2, qa::AnswersToJson(answers));
        up.BindInt(3, audit.t_ms);
        st = up.Run();
        if (!st.ok()) return st;
        sql::Statement d;
        st = m_db.Prepare("UPDATE qa_disputes SET resolved = 1, resolved_by = ?2, resolved_ms = ?3, note = ?4, percent_after = ?5"
                          " WHERE evaluation = ?1 AND resolved = 0", &d);
        if (!st.ok()) return st;
        d.BindInt(1, id);
        d.BindText(2, by);
        d.BindInt(3, audit.t_ms);
        d.BindText(4, note);
        d.BindDouble(5, after);
        st = d.Run();
        if (!st.ok()) return st;
        AuditEntry a = audit;
        a.detail = "evaluation " + std::to_string(id) + " dispute resolved";
        return AppendAuditRow(m_db, a);
    });
}

Result<int64_t> QaStore::CreateSession(int64_t form_id, int version, const std::string& source, int64_t call,
                                       const std::vector<std::string>& evaluators, const std::string& reference, int64_t due_ms,
                                       const AuditEntry& audit) {
    if (evaluators.size() < 2 || evaluators.size() > 20) return Status::Error("evaluators: 2 to 20 evaluators");
    std::set<std::string> distinct;
    for (size_t i = 0; i < evaluators.size(); ++i) {
        if (evaluators[i].empty()) return Status::Error("evaluators[" + std::to_string(i) + "]: must not be empty");
        if (!distinct.insert(evaluators[i]).second)
            return Status::Error("evaluators[" + std::to_string(i) + "]: '" + evaluators[i] + "' is listed twice");
    }
    if (!distinct.count(reference)) return Status::Error("reference: '" + reference + "' is not one of the evaluators");
    if (due_ms <= audit.t_ms) return Status::Error("due_ms: the due time must be in the future");
    std::lock_guard<std::mutex> lock(m_mutex);
    Result<std::optional<QaFormVersion>> form = LoadFormLocked(form_id, version);
    if (!form.ok()) return form.status();
    if (!form.value()) return Status::Error("form: " + std::to_string(form_id) + " is not a stored form");
    Result<std::optional<QaCall>> c = LoadCallLocked(source, call);
    if (!c.ok()) return c.status();
    Status status = CallForEvaluation(c.value(), source, call);
    if (!status.ok()) return status;
    int64_t id = 0;
    status = m_db.Transaction([&]() -> Status {
        sql::Statement put;
        Status st = m_db.Prepare(
            "INSERT INTO qa_sessions (form, version, source, call, call_ms, queue, agent, team, talk_ms, category, outcome,"
            " reference, created_by, created_ms, due_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            &put);
        if (!st.ok()) return st;
        put.BindInt(1, form_id);
        put.BindInt(2, form.value()->version);
        BindCall(put, 3, *c.value());
        put.BindText(12, reference);
        put.BindText(13, audit.user);
        put.BindInt(14, audit.t_ms);
        put.BindInt(15, due_ms);
        st = put.Run();
        if (!st.ok()) return st;
        id = sqlite3_last_insert_rowid(m_db.handle());
        for (size_t i = 0; i < evaluators.size(); ++i) {
            sql::Statement m;
            st = m_db.Prepare("INSERT INTO qa_session_evaluators (session, position, evaluator) VALUES (?1, ?2, ?3)", &m);
            if (!st.ok()) return st;
            m.BindInt(1, id);
            m.BindInt(2, static_cast<int64_t>(i));
            m.BindText(3, evaluators[i]);
            st = m.Run();
            if (!st.ok()) return st;
        }
        AuditEntry a = audit;
        a.detail = "calibration " + std::to_string(id) + " of call " + source + "/" + std::to_string(static_cast<uint64_t>(call)) + ", " +
                   std::to_string(evaluators.size()) + " evaluators";
        return AppendAuditRow(m_db, a);
    });
    if (!status.ok()) return status;
    return id;
}

Result<std::optional<QaSession>> QaStore::LoadSession(int64_t id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return LoadSessionLocked(id);
}

Result<std::optional<QaSession>> QaStore::LoadSessionLocked(int64_t id) {
    sql::Statement q;
    Status status = m_db.Prepare(
        "SELECT s.form, s.version, f.name, s.source, s.call, s.call_ms, s.queue, s.agent, s.team, s.talk_ms, s.category, s.outcome,"
        " s.reference, s.created_by, s.created_ms, s.due_ms, s.completed_ms FROM qa_sessions s JOIN qa_forms f ON f.id = s.form"
        " WHERE s.id = ?1",
        &q);
    if (!status.ok()) return status;
    q.BindInt(1, id);
    std::optional<QaSession> out;
    status = EachRow(q, [&] {
        QaSession s;
        s.id = id;
        s.form_id = q.ColumnInt(0);
        s.version = static_cast<int>(q.ColumnInt(1));
        s.form_name = q.ColumnText(2);
        s.call = {q.ColumnText(3), q.ColumnInt(4), q.ColumnInt(5), q.ColumnText(6), q.ColumnText(7),
                  q.ColumnText(8), q.ColumnInt(9), q.ColumnText(10), q.ColumnText(11)};
        s.reference = q.ColumnText(12);
        s.created_by = q.ColumnText(13);
        s.created_ms = q.ColumnInt(14);
        s.due_ms = q.ColumnInt(15);
        s.completed_ms = q.ColumnInt(16);
        out = std::move(s);
        return Status::Ok();
    });
    if (!status.ok() || !out) return status.ok() ? Result<std::optional<QaSession>>(out) : status;
    sql::Statement m;
    status = m_db.Prepare(
        "SELECT m.evaluator, EXISTS (SELECT 1 FROM qa_evaluations e WHERE e.kind = 'calibration' AND e.session = m.session"
        " AND e.evaluator = m.evaluator) FROM qa_session_evaluators m WHERE m.session = ?1 ORDER BY m.position",
        &m);
    if (!status.ok()) return status;
    m.BindInt(1, id);
    status = EachRow(m, [&] {
        out->evaluators.push_back(m.ColumnText(0));
        if (m.ColumnInt(1)) out->submitted.push_back(m.ColumnText(0));
        return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
}

Result<std::vector<QaSession>> QaStore::ListSessions() {
    std::vector<int64_t> ids;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        sql::Statement q;
        Status status = m_db.Prepare("SELECT id FROM qa_sessions ORDER BY id DESC LIMIT 500", &q);
        if (!status.ok()) return status;
        status = EachRow(q, [&] {
            ids.push_back(q.ColumnInt(0));
            return Status::Ok();
        });
        if (!status.ok()) return status;
    }
    std::vector<QaSession> out;
    for (int64_t id : ids) {
        Result<std::optional<QaSession>> s = LoadSession(id);
        if (!s.ok()) return s.status();
        if (s.value()) out.push_back(std::move(*s.value()));
    }
    return out;
}

Status QaStore::SubmitCalibration(int64_t session, const std::string& evaluator, const std::vector<qa::Answer>& answers,
                                  int64_t now_ms, const AuditEntry& audit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    Result<std::optional<QaSession>> s = LoadSessionLocked(session);
    if (!s.ok()) return s.status();
    if (!s.value()) return Status::Error("calibration " + std::to_string(session) + ": no such session");
    const QaSession& ses = *s.value();
    const std::string state = ses.StatusAt(now_ms);
    if (state != "open") return Status::Error("calibration " + std::to_string(session) + " is " + state + ": no more evaluations");
    if (std::find(ses.evaluators.begin(), ses.evaluators.end(), evaluator) == ses.evaluators.end())
        return Status::Error("calibration " + std::to_string(session) + ": '" + evaluator + "' is not one of its evaluators");
    Result<std::optional<QaFormVersion>> form = LoadFormLocked(ses.form_id, ses.version);
    if (!form.ok() || !form.value()) return form.ok() ? Status::Error("form version missing") : form.status();
    const std::string bad = qa::ValidateAnswers(form.value()->form, answers);
    if (!bad.empty()) return Status::Error(bad);
    const bool replaces = std::find(ses.submitted.begin(), ses.submitted.end(), evaluator) != ses.submitted.end();
    const bool completes = !replaces && ses.submitted.size() + 1 == ses.evaluators.size();
    return m_db.Transaction([&]() -> Status {
        sql::Statement put;
        Status st = m_db.Prepare(
            replaces ? "UPDATE qa_evaluations SET answers = ?13, updated_ms = ?14 WHERE kind = 'calibration' AND session = ?15 AND evaluator = ?12"
                     : "INSERT INTO qa_evaluations (form, version, source, call, call_ms, queue, agent, team, talk_ms, category, outcome,"
                       " evaluator, kind, session, status, answers, created_ms, updated_ms)"
                       " VALUES (?16, ?17, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'calibration', ?15, 'submitted', ?13, ?14, ?14)",
            &put);
        if (!st.ok()) return st;
        BindCall(put, 3, ses.call);
        put.BindText(12, evaluator);
        put.BindText(13, qa::AnswersToJson(answers));
        put.BindInt(14, audit.t_ms);
        put.BindInt(15, session);
        if (!replaces) {
            put.BindInt(16, ses.form_id);
            put.BindInt(17, ses.version);
        }
        st = put.Run();
        if (!st.ok()) return st;
        if (completes) {
            sql::Statement done;
            st = m_db.Prepare("UPDATE qa_sessions SET completed_ms = ?2 WHERE id = ?1", &done);
            if (!st.ok()) return st;
            done.BindInt(1, session);
            done.BindInt(2, now_ms);
            st = done.Run();
            if (!st.ok()) return st;
        }
        AuditEntry a = audit;
        a.detail = "calibration " + std::to_string(session) + " evaluation by " + evaluator + (completes ? " (session complete)" : "");
        return AppendAuditRow(m_db, a);
    });
}

Result<std::vector<qa::CalibrationEntry>> QaStore::SessionEntries(int64_t session) {
    std::lock_guard<std::mutex> lock(m_mutex);
    sql::Statement q;
    Status status = m_db.Prepare(
        "SELECT m.evaluator, e.answers FROM qa_session_evaluators m JOIN qa_evaluations e ON e.kind = 'calibration'"
        " AND e.session = m.session AND e.evaluator = m.evaluator WHERE m.session = ?1 ORDER BY m.position",
        &q);
    if (!status.ok()) return status;
    q.BindInt(1, session);
    std::vector<qa::CalibrationEntry> out;
    status = EachRow(q, [&] {
        qa::CalibrationEntry e;
        e.evaluator = q.ColumnText(0);
        std::string error;
        if (!qa::AnswersFromJson(q.ColumnText(1), &e.answers, &error))
            return Status::Error("calibration " + std::to_string(session) + ": stored answers do not read: " + error);
        out.push_back(std::move(e));
        return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
}

Result<std::vector<qa::SessionTotals>> QaStore::CompleteSessionTotals(int64_t from_ms, int64_t to_ms) {
    std::vector<int64_t> ids;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        sql::Statement q;
        Status status = m_db.Prepare(
            "SELECT id FROM qa_sessions WHERE completed_ms > 0 AND completed_ms <= due_ms AND completed_ms >= ?1 AND completed_ms < ?2"
            " ORDER BY completed_ms",
            &q);
        if (!status.ok()) return status;
        q.BindInt(1, from_ms);
        q.BindInt(2, to_ms);
        status = EachRow(q, [&] {
            ids.push_back(q.ColumnInt(0));
            return Status::Ok();
        });
        if (!status.ok()) return status;
    }
    std::vector<qa::SessionTotals> out;
    for (int64_t id : ids) {
        Result<std::optional<QaSession>> s = LoadSession(id);
        if (!s.ok()) return s.status();
        Result<std::optional<QaFormVersion>> form = LoadForm(s.value()->form_id, s.value()->version);
        if (!form.ok() || !form.value()) return form.ok() ? Status::Error("form version missing") : form.status();
        Result<std::vector<qa::CalibrationEntry>> entries = SessionEntries(id);
        if (!entries.ok()) return entries.status();
        const auto& ev = s.value()->evaluators;
        const size_t ref = static_cast<size_t>(std::find(ev.begin(), ev.end(), s.value()->reference) - ev.begin());
        qa::CalibrationResult r = qa::Calibrate(form.value()->form, entries.value(), ref);
        if (!r.error.empty()) return Status::Error("calibration " + std::to_string(id) + ": " + r.error);
        qa::SessionTotals t;
        t.session = id;
        t.completed_ms = s.value()->completed_ms;
        for (const auto& d : r.evaluators) {
            t.totals.emplace_back(d.evaluator, d.score.percent);
            if (!d.reference) t.deviations.emplace_back(d.evaluator, d.total_deviation);
        }
        out.push_back(std::move(t));
    }
    return out;
}

Result<std::vector<qa::QaRecord>> QaStore::Records(const QaEvaluationFilter& filter) {
    Result<std::vector<QaEvaluation>> list = ListEvaluations(filter);
    if (!list.ok()) return list.status();
    std::vector<qa::QaRecord> out;
    for (auto& e : list.value()) {
        qa::QaRecord r;
        r.id = e.id;
        r.agent = e.call.agent;
        r.team = e.call.team;
        r.form = e.form_name;
        r.t_ms = e.call.t_ms;
        r.score = std::move(e.score);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace cb
