// The QA page (view_qa.cpp, docs/qa.md "Views"): the controller that turns the page's commands
// into /api/qa requests (docs/api.md "Quality") and /api/calls (the calls to evaluate), and the
// answers into the state. Scores shown are computed by the core (qa::ScoreEvaluation,
// qa::Calibrate), the same code the server uses.
#pragma once
#include "api_tags.h"
#include <functional>
#include <string>
#include "client/transport.h"
#include "qa_state.h"

namespace cb {

class QaController {
public:
    static constexpr int kFirstTag = api_tags::kQa.first, kLastTag = api_tags::kQa.last;
    static bool OwnsTag(int tag) { return tag >= kFirstTag && tag <= kLastTag; }

    using Send = std::function<void(ApiRequest)>;
    explicit QaController(Send send) : m_send(std::move(send)) {}

    QaPageState& state() { return m_state; }
    const QaPageState& state() const { return m_state; }

    // The page opens for this account ("local" in local mode).
    void Open(const std::string& user);
    // now_ms: the wall clock (a new calibration session's due time is counted from it).
    void Command(QaCommand c, int row, int64_t now_ms = 0);
    void OnAnswer(const TransportMessage& answer);
    void Clear();


private:
    enum class Kind { Forms, Form, Calls, Evaluations, Submit, Change, Sessions, Session, SubmitCalibration, SaveForm, Report, NewSession, Agreement, Rescore, Resolve };
    void Request(Kind kind, std::string method, std::string path, std::string body = {});
    void LoadTab();
    void ResetAnswers(const qa::Form& form);
    std::string AnswersJson(const qa::Form& form, std::string* missing) const;
    void DraftFromForm(int64_t id, const qa::Form& form);
    Send m_send;
    QaPageState m_state;
    int m_next_tag = kFirstTag;
    Kind m_kind = Kind::Forms;
    int64_t m_form_wanted = 0;   // the builder asked for this form's latest version
    bool m_form_for_builder = false;
    int64_t m_now_ms = 0;        // the wall clock of the last command (a report's period ends there)
};

}  // namespace cb
