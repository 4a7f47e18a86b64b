// QaController (qa_controller.h).
#include "qa_controller.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include "core/qa/qa_json.h"
#include "core/qa/qa_report.h"

namespace cb {

namespace {

using nlohmann::json;

std::string S(const json& o, const char* k) {
    auto it = o.find(k);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}
int64_t I(const json& o, const char* k) {
    auto it = o.find(k);
    return it != o.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}
double D(const json& o, const char* k) {
    auto it = o.find(k);
    return it != o.end() && it->is_number() ? it->get<double>() : 0.0;
}
bool B(const json& o, const char* k) {
    auto it = o.find(k);
    return it != o.end() && it->is_boolean() && it->get<bool>();
}
const json& Obj(const json& o, const char* k) {
    static const json empty = json::object();
    auto it = o.find(k);
    return it != o.end() && it->is_object() ? *it : empty;
}
std::vector<std::string> Strings(const json& o, const char* k) {
    std::vector<std::string> out;
    auto it = o.find(k);
    if (it != o.end() && it->is_array())
        for (const auto& v : *it)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}
void Copy(char* dst, size_t n, const std::string& s) { std::snprintf(dst, n, "%s", s.c_str()); }

}  // namespace

void QaController::Open(const std::string& user) {
    m_state.user = user;
    LoadTab();
}

void QaController::Clear() {
    m_state = QaPageState{};
    m_kind = Kind::Forms;
}

void QaController::Request(Kind kind, std::string method, std::string path, std::string body) {
    m_state.loading = true;
    m_state.error = {};
    m_kind = kind;
    m_next_tag = m_next_tag >= kLastTag ? kFirstTag : m_next_tag + 1;
    ApiRequest r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.body = std::move(body);
    r.tag = m_next_tag;
    m_send(std::move(r));
}

void QaController::LoadTab() {
    switch (m_state.tab) {
    case QaTab::Evaluations: Request(Kind::Evaluations, "GET", "api/qa/evaluations?limit=200"); return;
    case QaTab::Evaluate:
    case QaTab::Forms: Request(Kind::Forms, "GET", "api/qa/forms"); return;
    case QaTab::Calibration: Request(Kind::Sessions, "GET", "api/qa/calibrations"); return;
    case QaTab::Reports: {
        std::string path = "api/qa/report?group=" + std::string(qa::QaGroupName(static_cast<qa::QaGroup>(m_state.report_group)));
        if (m_state.report_days > 0 && m_now_ms > 0)
            path += "&from_ms=" + std::to_string(m_now_ms - static_cast<int64_t>(m_state.report_days) * 86400000);
        Request(Kind::Report, "GET", path);
        return;
    }
    }
}

void QaController::ResetAnswers(const qa::Form& form) {
    m_state.answers.assign(qa::QuestionCount(form), QaAnswerDraft{});
}

// The answers given as the API's JSON; *missing names the first question without an answer.
std::string QaController::AnswersJson(const qa::Form& form, std::string* missing) const {
    std::vector<qa::Answer> out;
    size_t i = 0;
    for (const auto& s : form.sections)
        for (const auto& q : s.questions) {
            const QaAnswerDraft& d = i < m_state.answers.size() ? m_state.answers[i] : QaAnswerDraft{};
            ++i;
            if (d.choice < 0) {
                if (missing->empty()) *missing = q.id;
                continue;
            }
            qa::Answer a;
            a.question = q.id;
            a.choice = static_cast<qa::Choice>(d.choice);
            a.value = d.value;
            a.comment = d.comment;
            out.push_back(std::move(a));
        }
    return qa::AnswersToJson(out);
}

void QaController::DraftFromForm(int64_t id, const qa::Form& form) {
    m_state.draft_id = id;
    Copy(m_state.draft_name, sizeof m_state.draft_name, form.name);
    m_state.draft.clear();
    for (const auto& s : form.sections) {
        QaSectionDraft sd;
        sd.id = s.id;
        Copy(sd.title, sizeof sd.title, s.title);
        sd.weight = static_cast<float>(s.weight);
        for (const auto& q : s.questions) {
            QaQuestionDraft qd;
            qd.id = q.id;
            Copy(qd.text, sizeof qd.text, q.text);
            qd.kind = static_cast<int>(q.kind);
            qd.points = static_cast<float>(q.points);
            qd.scale_max = q.scale_max;
            qd.allow_na = q.allow_na;
            qd.critical = q.critical;
            qd.auto_fail = q.auto_fail;
            sd.questions.push_back(std::move(qd));
        }
        m_state.draft.push_back(std::move(sd));
    }
}

void QaController::Command(QaCommand c, int row, int64_t now_ms) {
    QaPageState& s = m_state;
    s.notice.clear();
    if (now_ms > 0) m_now_ms = now_ms;
    switch (c) {
    case QaCommand::TabEvaluations: s.tab = QaTab::Evaluations; s.rescore_id = 0; LoadTab(); return;
    case QaCommand::TabEvaluate: s.tab = QaTab::Evaluate; s.rescore_id = 0; LoadTab(); return;
    case QaCommand::TabCalibration: s.tab = QaTab::Calibration; s.rescore_id = 0; LoadTab(); return;
    case QaCommand::TabForms: s.tab = QaTab::Forms; s.rescore_id = 0; LoadTab(); return;
    case QaCommand::TabReports: s.tab = QaTab::Reports; s.rescore_id = 0; LoadTab(); return;
    case QaCommand::ReportGroup:
        if (row < 0 || row > static_cast<int>(qa::QaGroup::Question)) return;
        s.report_group = row;
        LoadTab();
        return;
    case QaCommand::Rescore:
        if (row < 0 || row >= static_cast<int>(s.evaluations.size())) return;
        Request(Kind::Rescore, "GET", "api/qa/evaluations/" + std::to_string(s.evaluations[static_cast<size_t>(row)].id));
        return;
    case QaCommand::CancelRescore:
        s.rescore_id = 0;
        s.rescore_form = {};
        s.rescore_note[0] = '\0';
        return;
    case QaCommand::Resolve: {
        if (s.rescore_id <= 0) return;
        std::string missing;
        const std::string answers = AnswersJson(s.rescore_form, &missing);
        if (!missing.empty()) {
            s.error = ApiError{400, "unanswered", "answers", "answers: question \"" + missing + "\" is not answered"};
            return;
        }
        Request(Kind::Resolve, "POST", "api/qa/evaluations/" + std::to_string(s.rescore_id) + "/resolve",
                json{{"answers", json::parse(answers, nullptr, false)}, {"note", std::string(s.rescore_note)}}.dump(
                    -1, ' ', false, json::error_handler_t::replace));
        return;
    }
    case QaCommand::ReportPeriod:
        if (row != 0 && row != 7 && row != 30) return;
        s.report_days = row;
        LoadTab();
        return;
    case QaCommand::SelectSessionCall:
        if (row < 0 || row >= static_cast<int>(s.calls.size())) return;
        s.session_call = row;
        return;
    case QaCommand::NewSession: {
        if (s.form < 0 || s.form >= static_cast<int>(s.forms.size())) {
            s.error = ApiError{400, "form", "form", "form: pick a form"};
            return;
        }
        if (s.session_call < 0 || s.session_call >= static_cast<int>(s.calls.size())) {
            s.error = ApiError{400, "call", "call", "call: pick a call from the list"};
            return;
        }
        // Account names separated by commas or spaces (a Chinese comma too); the first is the
        // reference. The server checks the rest (2-20 distinct names).
        std::vector<std::string> names;
        std::string text = s.session_evaluators, cur;
        for (size_t p; (p = text.find("\xEF\xBC\x8C")) != std::string::npos;) text.replace(p, 3, ",");
        for (char ch : text + ",") {
            if (ch == ',' || ch == ' ' || ch == ';') {
                if (!cur.empty()) names.push_back(cur);
                cur.clear();
            } else {
                cur += ch;
            }
        }
        if (names.size() < 2) {
            s.error = ApiError{400, "evaluators", "evaluators", "evaluators: name at least two accounts, the reference first"};
            return;
        }
        if (s.session_due_hours < 1) {
            s.error = ApiError{400, "due", "due_ms", "due_ms: the session must be due at least one hour from now"};
            return;
        }
        const QaCallRow& call = s.calls[static_cast<size_t>(s.session_call)];
        json body{{"form", s.forms[static_cast<size_t>(s.form)].id}, {"version", s.form_version}, {"source", call.source},
                  {"call", call.call}, {"evaluators", names}, {"reference", names.front()},
                  {"due_ms", now_ms + static_cast<int64_t>(s.session_due_hours) * 3600000}};
        Request(Kind::NewSession, "POST", "api/qa/calibrations", body.dump(-1, ' ', false, json::error_handler_t::replace));
        return;
    }
    case QaCommand::Refresh: LoadTab(); return;
    case QaCommand::SelectForm:
        if (row < 0 || row >= static_cast<int>(s.forms.size())) return;
        s.form = row;
        m_form_for_builder = s.tab == QaTab::Forms;
        m_form_wanted = s.forms[static_cast<size_t>(row)].id;
        Request(Kind::Form, "GET", "api/qa/forms/" + std::to_string(m_form_wanted));
        return;
    case QaCommand::SelectCall:
        if (row < 0 || row >= static_cast<int>(s.calls.size())) return;
        s.call = row;
        ResetAnswers(s.form_doc);
        return;
    case QaCommand::SubmitEvaluation: {
        if (s.form < 0 || s.call < 0) return;
        std::string missing;
        const std::string answers = AnswersJson(s.form_doc, &missing);
        if (!missing.empty()) {
            s.error = ApiError{400, "unanswered", "answers", "answers: question \"" + missing + "\" is not answered"};
            return;
        }
        const QaCallRow& call = s.calls[static_cast<size_t>(s.call)];
        json body{{"form", s.forms[static_cast<size_t>(s.form)].id}, {"version", s.form_version}, {"source", call.source},
                  {"call", call.call}, {"answers", json::parse(answers, nullptr, false)}};
        Request(Kind::Submit, "POST", "api/qa/evaluations", body.dump(-1, ' ', false, json::error_handler_t::replace));
        return;
    }
    case QaCommand::AckLead:
    case QaCommand::AckAgent:
    case QaCommand::Dispute: {
        if (row < 0 || row >= static_cast<int>(s.evaluations.size())) return;
        const std::string path = "api/qa/evaluations/" + std::to_string(s.evaluations[static_cast<size_t>(row)].id);
        if (c == QaCommand::Dispute) {
            if (s.dispute_reason[0] == '\0') {
                s.error = ApiError{400, "reason", "reason", "reason: must not be empty"};
                return;
            }
            Request(Kind::Change, "POST", path + "/dispute", json{{"reason", std::string(s.dispute_reason)}}.dump(-1, ' ', false, json::error_handler_t::replace));
            s.dispute_reason[0] = '\0';
        } else {
            Request(Kind::Change, "POST", path + "/acknowledge", json{{"as", c == QaCommand::AckLead ? "lead" : "agent"}}.dump(-1, ' ', false, json::error_handler_t::replace));
        }
        return;
    }
    case QaCommand::SelectSession:
        if (row < 0 || row >= static_cast<int>(s.sessions.size())) {  // none: the new-session form
            s.session = -1;
            Request(Kind::Agreement, "GET", "api/qa/agreement");  // and the agreement, afresh
            return;
        }
        s.session = row;
        Request(Kind::Session, "GET", "api/qa/calibrations/" + std::to_string(s.sessions[static_cast<size_t>(row)].id));
        return;
    case QaCommand::SubmitCalibration: {
        if (s.session < 0) return;
        std::string missing;
        const std::string answers = AnswersJson(s.session_form, &missing);
        if (!missing.empty()) {
            s.error = ApiError{400, "unanswered", "answers", "answers: question \"" + missing + "\" is not answered"};
            return;
        }
        Request(Kind::SubmitCalibration, "POST",
                "api/qa/calibrations/" + std::to_string(s.sessions[static_cast<size_t>(s.session)].id) + "/evaluations",
                json{{"answers", json::parse(answers, nullptr, false)}}.dump(-1, ' ', false, json::error_handler_t::replace));
        return;
    }
    case QaCommand::NewForm:
        s.form = -1;
        s.draft_id = 0;
        s.draft_name[0] = '\0';
        s.draft.clear();
        Command(QaCommand::AddSection, 0);
        return;
    case QaCommand::AddSection: {
        QaSectionDraft sd;
        int n = static_cast<int>(s.draft.size()) + 1;
        auto taken = [&](const std::string& id) {
            for (const auto& x : s.draft)
                if (x.id == id) return true;
            return false;
        };
        while (taken("s" + std::to_string(n))) ++n;
        sd.id = "s" + std::to_string(n);
        s.draft.push_back(std::move(sd));
        Command(QaCommand::AddQuestion, static_cast<int>(s.draft.size()) - 1);
        return;
    }
    case QaCommand::AddQuestion: {
        if (row < 0 || row >= static_cast<int>(s.draft.size())) return;
        int n = 1;
        auto taken = [&](const std::string& id) {
            for (const auto& x : s.draft)
                for (const auto& q : x.questions)
                    if (q.id == id) return true;
            return false;
        };
        while (taken("q" + std::to_string(n))) ++n;
        QaQuestionDraft qd;
        qd.id = "q" + std::to_string(n);
        s.draft[static_cast<size_t>(row)].questions.push_back(std::move(qd));
        return;
    }
    case QaCommand::RemoveQuestion: {
        const size_t sec = static_cast<size_t>(row >> 8), q = static_cast<size_t>(row & 0xFF);
        if (sec >= s.draft.size() || q >= s.draft[sec].questions.size()) return;
        auto& qs = s.draft[sec].questions;
        qs.erase(qs.begin() + static_cast<std::ptrdiff_t>(q));
        if (qs.empty()) s.draft.erase(s.draft.begin() + static_cast<std::ptrdiff_t>(sec));
        return;
    }
    case QaCommand::SaveForm: {
        qa::Form f;
        f.name = s.draft_name;
        for (const auto& sd : s.draft) {
            qa::Section sec{sd.id, sd.title, sd.weight, {}};
            for (const auto& qd : sd.questions) {
                qa::Question q;
                q.id = qd.id;
                q.text = qd.text;
                q.kind = static_cast<qa::AnswerKind>(qd.kind);
                q.points = qd.points;
                q.scale_max = qd.scale_max;
                q.allow_na = qd.allow_na;
                q.critical = qd.critical;
                q.auto_fail = qd.auto_fail;
                sec.questions.push_back(std::move(q));
            }
            f.sections.push_back(std::move(sec));
        }
        // Checked here with the server's own rule, so the message names the place at once.
        const std::string bad = qa::ValidateForm(f);
        if (!bad.empty()) {
            s.error = ApiError{400, "invalid", "form", bad};
            return;
        }
        if (s.draft_id > 0) Request(Kind::SaveForm, "PUT", "api/qa/forms/" + std::to_string(s.draft_id), qa::FormToJson(f));
        else Request(Kind::SaveForm, "POST", "api/qa/forms", qa::FormToJson(f));
        return;
    }
    }
}

void QaController::OnAnswer(const TransportMessage& m) {
    if (m.kind != TransportMessage::Kind::Api || !OwnsTag(m.tag) || m.tag != m_next_tag || !m_state.loading) return;
    QaPageState& s = m_state;
    s.loading = false;
    if (m.status == 0) {
        s.error = ApiError{-1, "unreachable", "", ""};
        return;
    }
    if (m.status >= 400) {
        s.error = ApiErrorFromJson(m.status, m.data);
        return;
    }
    const json j = json::parse(m.data, nullptr, false);
    if (!j.is_object()) {
        s.error = ApiError{m.status, "bad_answer", "", "the server's answer does not read"};
        return;
    }
    switch (m_kind) {
    case Kind::Forms: {
        s.forms.clear();
        if (j.contains("forms") && j["forms"].is_array())
            for (const auto& f : j["forms"]) s.forms.push_back({I(f, "id"), S(f, "name"), static_cast<int>(I(f, "version"))});
        if (s.form >= static_cast<int>(s.forms.size())) s.form = -1;
        if (s.tab == QaTab::Evaluate || s.tab == QaTab::Calibration) {
            if (s.form < 0 && !s.forms.empty()) {
                Command(QaCommand::SelectForm, 0);
                return;
            }
            if (s.form >= 0) Request(Kind::Calls, "GET", "api/calls?limit=50");
        }
        return;
    }
    case Kind::Form: {
        qa::Form f;
        std::string error;
        auto it = j.find("form");
        if (it == j.end() || !qa::FormFromJson(it->dump(), &f, &error)) {
            s.error = ApiError{m.status, "bad_answer", "", error};
            return;
        }
        if (m_form_for_builder) {
            DraftFromForm(m_form_wanted, f);
            return;
        }
        s.form_doc = std::move(f);
        s.form_version = static_cast<int>(I(j, "version"));
        if (s.tab == QaTab::Evaluate) ResetAnswers(s.form_doc);
        Request(Kind::Calls, "GET", "api/calls?limit=50");
        return;
    }
    case Kind::Calls: {
        s.calls.clear();
        if (j.contains("calls") && j["calls"].is_array())
            for (const auto& c : j["calls"]) {
                if (!c.contains("agent") || !c["agent"].is_string()) continue;  // nobody to evaluate
                if (S(c, "outcome") == "answered_open") continue;                // still going on
                s.calls.push_back({S(c, "source"), S(c, "call"), S(c, "queue"), S(c, "agent"), S(c, "outcome"), I(c, "t_ms"),
                                   c.contains("talk_ms") && c["talk_ms"].is_number_integer() ? I(c, "talk_ms") : -1});
            }
        if (s.call >= static_cast<int>(s.calls.size())) s.call = -1;
        if (s.session_call >= static_cast<int>(s.calls.size())) s.session_call = -1;
        return;
    }
    case Kind::Evaluations: {
        s.evaluations.clear();
        if (j.contains("evaluations") && j["evaluations"].is_array())
            for (const auto& e : j["evaluations"]) {
                const json& call = Obj(e, "call");
                const json& score = Obj(e, "score");
                QaEvaluationRow r;
                r.id = I(e, "id");
                r.form_name = S(e, "form_name");
                r.version = static_cast<int>(I(e, "version"));
                r.agent = S(call, "agent");
                r.team = S(call, "team");
                r.queue = S(call, "queue");
                r.call_ms = I(call, "t_ms");
                r.evaluator = S(e, "evaluator");
                r.status = S(e, "status");
                r.lead_ack_by = S(e, "lead_ack_by");
                r.agent_ack_by = S(e, "agent_ack_by");
                r.scored = B(score, "scored");
                r.auto_failed = B(score, "auto_failed");
                r.percent = D(score, "percent");
                s.evaluations.push_back(std::move(r));
            }
        return;
    }
    case Kind::Submit:
        s.notice = "#" + std::to_string(I(j, "id"));
        s.call = -1;
        ResetAnswers(s.form_doc);
        Request(Kind::Calls, "GET", "api/calls?limit=50");
        return;
    case Kind::Change:
        s.notice = "#" + std::to_string(I(j, "id"));
        Request(Kind::Evaluations, "GET", "api/qa/evaluations?limit=200");
        return;
    case Kind::Sessions: {
        s.sessions.clear();
        if (j.contains("sessions") && j["sessions"].is_array())
            for (const auto& x : j["sessions"]) {
                QaSessionRow r;
                r.id = I(x, "id");
                r.form_name = S(x, "form_name");
                r.agent = S(Obj(x, "call"), "agent");
                r.call_ms = I(Obj(x, "call"), "t_ms");
                r.due_ms = I(x, "due_ms");
                r.status = S(x, "status");
                r.reference = S(x, "reference");
                r.evaluators = Strings(x, "evaluators");
                r.submitted = Strings(x, "submitted");
                s.sessions.push_back(std::move(r));
            }
        if (s.session >= static_cast<int>(s.sessions.size())) s.session = -1;
        // Then the agreement across complete sessions (and the forms and calls the new-session
        // form needs).
        if (s.tab == QaTab::Calibration) Request(Kind::Agreement, "GET", "api/qa/agreement");
        return;
    }
    case Kind::Agreement: {
        const json& icc = Obj(j, "icc_totals");
        s.across_icc_valid = B(icc, "valid");
        s.across_icc2_1 = D(icc, "icc2_1");
        s.across_targets = I(icc, "targets");
        s.across_judges = I(icc, "judges");
        s.drift.clear();
        if (j.contains("drift") && j["drift"].is_array())
            for (const auto& d : j["drift"]) {
                QaDriftRow r;
                r.evaluator = S(d, "evaluator");
                r.sessions = I(d, "sessions");
                r.mean_deviation = D(d, "mean_deviation");
                r.mean_abs_deviation = D(d, "mean_abs_deviation");
                r.slope_valid = d.contains("slope_per_30d") && d["slope_per_30d"].is_number();
                r.slope_per_30d = D(d, "slope_per_30d");
                s.drift.push_back(std::move(r));
            }
        if (s.tab == QaTab::Calibration && (s.forms.empty() || s.calls.empty())) Request(Kind::Forms, "GET", "api/qa/forms");
        return;
    }
    case Kind::Session: {
        std::string error;
        auto fit = j.find("form_doc");
        qa::Form f;
        if (fit == j.end() || !qa::FormFromJson(fit->dump(), &f, &error)) {
            s.error = ApiError{m.status, "bad_answer", "", error};
            return;
        }
        s.session_form = std::move(f);
        s.session_complete = S(j, "status") == "complete";
        s.session_entries.clear();
        s.session_result = {};
        ResetAnswers(s.session_form);
        if (s.session_complete && j.contains("entries") && j["entries"].is_array()) {
            for (const auto& e : j["entries"]) {
                qa::CalibrationEntry ce;
                ce.evaluator = S(e, "evaluator");
                if (e.contains("answers") && !qa::AnswersFromJson(e["answers"].dump(), &ce.answers, &error)) continue;
                s.session_entries.push_back(std::move(ce));
            }
            const std::string ref = S(j, "reference");
            size_t r = 0;
            for (size_t i = 0; i < s.session_entries.size(); ++i)
                if (s.session_entries[i].evaluator == ref) r = i;
            s.session_result = qa::Calibrate(s.session_form, s.session_entries, r);
        } else if (j.contains("mine")) {
            std::vector<qa::Answer> mine;
            if (qa::AnswersFromJson(j["mine"].dump(), &mine, &error)) {
                size_t i = 0;
                for (const auto& sec : s.session_form.sections)
                    for (const auto& q : sec.questions) {
                        for (const auto& a : mine)
                            if (a.question == q.id) {
                                s.answers[i].choice = static_cast<int>(a.choice);
                                s.answers[i].value = a.value;
                                Copy(s.answers[i].comment, sizeof s.answers[i].comment, a.comment);
                            }
                        ++i;
                    }
            }
        }
        return;
    }
    case Kind::SubmitCalibration: {
        const int keep = s.session;
        s.notice = "#" + std::to_string(I(j, "id"));
        Request(Kind::Sessions, "GET", "api/qa/calibrations");
        s.session = keep;
        return;
    }
    case Kind::Rescore: {
        qa::Form f;
        std::string error;
        std::vector<qa::Answer> given;
        auto fit = j.find("form_doc");
        auto ait = j.find("answers");
        if (fit == j.end() || !qa::FormFromJson(fit->dump(), &f, &error) || ait == j.end() ||
            !qa::AnswersFromJson(ait->dump(), &given, &error)) {
            s.error = ApiError{m.status, "bad_answer", "", error};
            return;
        }
        s.rescore_id = I(j, "id");
        s.rescore_form = std::move(f);
        s.rescore_reason.clear();
        if (j.contains("disputes") && j["disputes"].is_array())
            for (const auto& d : j["disputes"])
                if (!B(d, "resolved")) s.rescore_reason = S(d, "reason");
        s.rescore_note[0] = '\0';
        // The answers as they stand, to change or keep.
        ResetAnswers(s.rescore_form);
        size_t i = 0;
        for (const auto& sec : s.rescore_form.sections)
            for (const auto& q : sec.questions) {
                for (const auto& a : given)
                    if (a.question == q.id) {
                        s.answers[i].choice = static_cast<int>(a.choice);
                        s.answers[i].value = a.value;
                        Copy(s.answers[i].comment, sizeof s.answers[i].comment, a.comment);
                    }
                ++i;
            }
        return;
    }
    case Kind::Resolve:
        s.notice = "#" + std::to_string(I(j, "id"));
        s.rescore_id = 0;
        s.rescore_form = {};
        Request(Kind::Evaluations, "GET", "api/qa/evaluations?limit=200");
        return;
    case Kind::Report: {
        s.report_rows.clear();
        if (j.contains("rows") && j["rows"].is_array())
            for (const auto& r : j["rows"]) {
                QaReportRowUi row;
                row.key = S(r, "key");
                row.evaluations = I(r, "evaluations");
                row.scored = I(r, "scored");
                row.auto_failed = I(r, "auto_failed");
                row.percent = D(r, "percent");
                row.min_percent = D(r, "min_percent");
                row.max_percent = D(r, "max_percent");
                s.report_rows.push_back(std::move(row));
            }
        return;
    }
    case Kind::NewSession:
        s.notice = "#" + std::to_string(I(j, "id"));
        s.session_call = -1;
        s.session = -1;
        Request(Kind::Sessions, "GET", "api/qa/calibrations");
        return;
    case Kind::SaveForm:
        s.draft_id = I(j, "id");
        s.notice = "#" + std::to_string(I(j, "id")) + " v" + std::to_string(I(j, "version"));
        Request(Kind::Forms, "GET", "api/qa/forms");
        return;
    }
}

}  // namespace cb
