// QA forms, evaluations, disputes and calibration sessions on SQLite (docs/qa.md, docs/api.md
// "Quality"). Forms keep every version; an evaluation keeps the form version it used, so editing
// a form never changes an old score. An evaluation is linked to a stored call (time, queue,
// agent, talk time, outcome are read from the calls table when it is created). Calibration
// evaluations are kept with kind "calibration" and never enter agents' results (ListEvaluations
// and the reports read kind "regular" only). Every change is appended to the audit log in the
// same transaction. Like the other stores it opens its own connection and serialises its
// statements with a mutex.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>
#include "core/qa/calibration.h"
#include "core/qa/form.h"
#include "core/qa/qa_report.h"
#include "server/auth/account_store.h"
#include "server/base/status.h"
#include "server/store/sqlite_db.h"

namespace cb {

// The SQL of the QA migration (v15, listed in migrations.cpp).
const char* QaSchema();

struct QaFormInfo {
    int64_t id = 0;
    std::string name;
    int latest_version = 0;
    std::string updated_by;
    int64_t updated_ms = 0;
};

struct QaFormVersion {
    int64_t form_id = 0;
    int version = 0;
    qa::Form form;
    std::string created_by;
    int64_t created_ms = 0;
};

// A stored call as an evaluation sees it.
struct QaCall {
    std::string source;
    int64_t call = 0;
    int64_t t_ms = 0;          // entered its queue
    std::string queue, agent, team;  // team: the agent's team when the evaluation was made
    int64_t talk_ms = -1;      // -1 unknown
    std::string category;      // calls.category: answered, transferred, abandoned, ...
    std::string outcome;       // calls.outcome (business outcome, e.g. "order"), may be empty
};

struct QaDispute {
    int64_t id = 0;
    std::string reason;
    std::string raised_by;
    int64_t raised_ms = 0;
    bool resolved = false;
    std::string resolved_by;
    int64_t resolved_ms = 0;
    std::string note;
    double percent_before = 0;
    double percent_after = 0;
};

struct QaEvaluation {
    int64_t id = 0;
    int64_t form_id = 0;
    int version = 0;
    std::string form_name;
    QaCall call;
    std::string evaluator;
    std::string kind;          // "regular" or "calibration"
    int64_t session = 0;       // calibration session, 0 for regular
    std::string status;        // "submitted", "disputed", "resolved"
    std::vector<qa::Answer> answers;
    qa::EvaluationScore score; // from the kept form version and the answers
    int64_t created_ms = 0, updated_ms = 0;
    std::string lead_ack_by, agent_ack_by;
    int64_t lead_ack_ms = 0, agent_ack_ms = 0;
    std::vector<QaDispute> disputes;
};

struct QaEvaluationFilter {
    int64_t from_ms = 0, to_ms = INT64_MAX;  // the call's time
    std::string agent;                       // empty = any
    std::vector<std::string> teams;          // empty = any (a lead: their teams)
    int64_t form_id = 0;                     // 0 = any
    std::string evaluator;                   // empty = any
    int64_t limit = 500;
};

struct QaSession {
    int64_t id = 0;
    int64_t form_id = 0;
    int version = 0;
    std::string form_name;
    QaCall call;
    std::vector<std::string> evaluators;
    std::string reference;     // the evaluator whose evaluation is the reference
    std::string created_by;
    int64_t created_ms = 0;
    int64_t due_ms = 0;
    int64_t completed_ms = 0;  // 0 until every evaluator submitted
    std::vector<std::string> submitted;
    // "open" (waiting), "complete" (every evaluator submitted by the due time), "expired" (due
    // time passed first: it never counts).
    std::string StatusAt(int64_t now_ms) const;
};

class QaStore {
public:
    static Result<std::unique_ptr<QaStore>> Open(const std::string& path);
    ~QaStore();

    // Forms: create (version 1) or save a new version; both validate (qa::ValidateForm) and audit.
    Result<int64_t> CreateForm(const qa::Form& form, const AuditEntry& audit);
    Result<int> SaveFormVersion(int64_t form_id, const qa::Form& form, const AuditEntry& audit);
    Result<std::vector<QaFormInfo>> ListForms();
    // version 0 = the latest; none when there is no such form or version.
    Result<std::optional<QaFormVersion>> LoadForm(int64_t form_id, int version = 0);

    // The stored call (source, call key), none when it is not stored.
    Result<std::optional<QaCall>> LoadCall(const std::string& source, int64_t call);

    // Scores a stored call with a form version (0 = latest). The answers must fit the form
    // (qa::ValidateAnswers, the message says where); the call must be stored and answered by an
    // agent. Returns the evaluation's id.
    Result<int64_t> AddEvaluation(int64_t form_id, int version, const std::string& source, int64_t call,
                                  const std::string& evaluator, const std::vector<qa::Answer>& answers, const AuditEntry& audit);
    // Changes the answers of a regular evaluation still "submitted" and not acknowledged.
    Status UpdateEvaluation(int64_t id, const std::vector<qa::Answer>& answers, const AuditEntry& audit);
    Result<std::optional<QaEvaluation>> LoadEvaluation(int64_t id);
    // Regular evaluations only, newest call first.
    Result<std::vector<QaEvaluation>> ListEvaluations(const QaEvaluationFilter& filter);
    // who: "lead" or "agent". Fails when that acknowledgement is there already.
    Status Acknowledge(int64_t id, const std::string& who, const std::string& by, const AuditEntry& audit);
    // Opens a dispute (reason 1-500 bytes) on a regular evaluation without an open one.
    Status Dispute(int64_t id, const std::string& reason, const std::string& by, const AuditEntry& audit);
    // Resolves the open dispute: the evaluation takes the new answers (a re-score; the same answers
    // keep the score) and its status becomes "resolved"; the dispute keeps both percents.
    Status ResolveDispute(int64_t id, const std::vector<qa::Answer>& answers, const std::string& note, const std::string& by,
                          const AuditEntry& audit);

    // Calibration: one stored call, a form version, 2-20 distinct evaluators, the reference one
    // of them, a due time after now.
    Result<int64_t> CreateSession(int64_t form_id, int version, const std::string& source, int64_t call,
                                  const std::vector<std::string>& evaluators, const std::string& reference, int64_t due_ms,
                                  const AuditEntry& audit);
    Result<std::optional<QaSession>> LoadSession(int64_t id);
    Result<std::vector<QaSession>> ListSessions();
    // An evaluator's evaluation in an open session (replaces their earlier one until the session is
    // complete). The session completes when the last evaluator submits before the due time.
    Status SubmitCalibration(int64_t session, const std::string& evaluator, const std::vector<qa::Answer>& answers,
                             int64_t now_ms, const AuditEntry& audit);
    // The evaluations of a session, in the session's evaluator order.
    Result<std::vector<qa::CalibrationEntry>> SessionEntries(int64_t session);
    // Totals and deviations of the complete sessions whose completion is in [from_ms, to_ms).
    Result<std::vector<qa::SessionTotals>> CompleteSessionTotals(int64_t from_ms, int64_t to_ms);

    // Report records of regular evaluations (the filter's scope), and an agent's QA score.
    Result<std::vector<qa::QaRecord>> Records(const QaEvaluationFilter& filter);

private:
    QaStore() = default;
    Result<std::optional<QaFormVersion>> LoadFormLocked(int64_t form_id, int version);
    Result<std::optional<QaCall>> LoadCallLocked(const std::string& source, int64_t call);
    Result<std::optional<QaEvaluation>> LoadEvaluationLocked(int64_t id);
    Result<std::optional<QaSession>> LoadSessionLocked(int64_t id);
    std::mutex m_mutex;
    sql::Db m_db;
};

}  // namespace cb
