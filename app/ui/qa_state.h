// The QA page's state (view_qa.cpp draws it, QaController changes it; docs/qa.md "Views"): the
// forms, the call list to evaluate from with the answers being given, the evaluations with
// acknowledge and dispute, the calibration sessions (a complete one's result is computed here with
// the core's qa::Calibrate from the answers the server sends), and the form builder's draft.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "client/admin_api.h"
#include "core/qa/calibration.h"
#include "core/qa/form.h"

namespace cb {

enum class QaTab : uint8_t { Evaluations, Evaluate, Calibration, Forms, Reports };

// What the view asks for (UiAction::QaCommand: value & 0xFF the command, value >> 8 a row).
enum class QaCommand : int {
    TabEvaluations, TabEvaluate, TabCalibration, TabForms, Refresh,
    SelectForm,        // row: index in forms (Evaluate and Forms)
    SelectCall,        // row: index in calls
    SubmitEvaluation,
    AckLead, AckAgent, Dispute,  // row: index in evaluations (Dispute uses dispute_reason)
    SelectSession,     // row: index in sessions (out of range: none, back to the new-session form)
    SubmitCalibration, // the selected open session, with the answers given
    NewForm, AddSection, AddQuestion /* row: section */, RemoveQuestion /* row: section * 256 + question */, SaveForm,
    TabReports, ReportGroup,  // row: 0 agent, 1 team, 2 form, 3 question (qa::QaGroup order)
    ReportPeriod,      // row: days back from now (7, 30), 0 all time
    NewSession,        // a calibration session on the selected call (session_call) with session_evaluators
    SelectSessionCall, // row: index in calls (the Calibration tab's call list)
    Rescore,           // row: index in evaluations (a disputed one): load it to re-score
    Resolve, CancelRescore,  // the re-score being edited (rescore_id)
};

// The UiAction value of a command on a row.
inline int QaCommandValue(QaCommand c, int row = 0) { return static_cast<int>(c) | (row << 8); }

struct QaFormRow {
    int64_t id = 0;
    std::string name;
    int version = 0;
};

struct QaCallRow {
    std::string source, call, queue, agent, outcome;
    int64_t t_ms = 0;
    int64_t talk_ms = -1;
};

struct QaEvaluationRow {
    int64_t id = 0;
    std::string form_name, agent, team, queue, evaluator, status, lead_ack_by, agent_ack_by;
    int version = 0;
    int64_t call_ms = 0;
    bool scored = false, auto_failed = false;
    double percent = 0;
};

// A row of GET /api/qa/report (qa::QaReportRow).
struct QaReportRowUi {
    std::string key;
    int64_t evaluations = 0, scored = 0, auto_failed = 0;
    double percent = 0, min_percent = 0, max_percent = 0;  // valid when scored > 0
};

// An evaluator's drift across complete sessions (GET /api/qa/agreement, qa::Drift).
struct QaDriftRow {
    std::string evaluator;
    int64_t sessions = 0;
    double mean_deviation = 0, mean_abs_deviation = 0;
    bool slope_valid = false;
    double slope_per_30d = 0;
};

struct QaSessionRow {
    int64_t id = 0;
    std::string form_name, agent, status, reference;
    int64_t call_ms = 0, due_ms = 0;
    std::vector<std::string> evaluators, submitted;
};

// One answer being given (the view edits it in place).
struct QaAnswerDraft {
    int choice = -1;        // -1 none yet, else qa::Choice
    int value = 0;          // a scale's value
    char comment[200] = {};
};

// The builder's editable copy of a question and a section.
struct QaQuestionDraft {
    std::string id;
    char text[200] = {};
    int kind = 0;           // qa::AnswerKind
    float points = 1;
    int scale_max = 5;
    bool allow_na = false, critical = false, auto_fail = false;
};
struct QaSectionDraft {
    std::string id;
    char title[120] = {};
    float weight = 1;
    std::vector<QaQuestionDraft> questions;
};

struct QaPageState {
    QaTab tab = QaTab::Evaluations;
    bool loading = false;
    ApiError error;                 // the last refusal (status 0: none; -1 unreachable)
    std::string notice;             // what the last change did (e.g. "saved v2")
    std::string user;               // the signed-in account ("local" in local mode)

    std::vector<QaFormRow> forms;
    int form = -1;                  // selected in forms
    qa::Form form_doc;              // its latest version
    int form_version = 0;

    std::vector<QaCallRow> calls;
    int call = -1;
    std::vector<QaAnswerDraft> answers;  // one per question of form_doc, in form order

    std::vector<QaEvaluationRow> evaluations;
    char dispute_reason[200] = {};

    // Resolving a dispute (admin, qa): the evaluation being re-scored (0: none), the form version
    // it used, the open dispute's reason and the note; its answers are edited in `answers`.
    int64_t rescore_id = 0;
    qa::Form rescore_form;
    std::string rescore_reason;
    char rescore_note[200] = {};

    std::vector<QaSessionRow> sessions;
    int session = -1;
    qa::Form session_form;
    bool session_complete = false;
    std::vector<qa::CalibrationEntry> session_entries;
    qa::CalibrationResult session_result;  // computed with qa::Calibrate when complete

    // Across complete sessions: ICC(2,1) of the totals and each evaluator's drift.
    bool across_icc_valid = false;
    double across_icc2_1 = 0;
    int64_t across_targets = 0, across_judges = 0;
    std::vector<QaDriftRow> drift;

    // Reports: the grouping (qa::QaGroup as int) and its rows, over every regular evaluation the
    // caller may see.
    int report_group = 0;
    int report_days = 30;           // calls of the last N days (by the call's time); 0 all time
    std::vector<QaReportRowUi> report_rows;

    // A new calibration session: the form (form, form_version), a call from calls, the
    // evaluators (account names, comma separated; the first is the reference) and the hours
    // until it is due.
    int session_call = -1;
    char session_evaluators[200] = {};
    int session_due_hours = 24;

    // The builder: the form being edited (form_id 0: a new one).
    int64_t draft_id = 0;
    char draft_name[120] = {};
    std::vector<QaSectionDraft> draft;
};

}  // namespace cb
