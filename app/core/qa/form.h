// QA forms and the score of an evaluation (docs/qa.md, "Scoring"). A form has sections, each
// with a weight and questions; a question is answered yes/no or on a scale 0..scale_max, may
// allow N/A, may be critical (feeds the separate critical score) and may be auto-fail (its
// failing answer fails its section and the whole form). Pure: no SQL, HTTP or UI; the store keeps
// forms in versions and every evaluation the version it used.
//
// score = sum over sections (points earned x weight) / sum over sections (points possible x
// weight), N/A = 0 of 0. Yes/no: Yes earns the question's points, No earns 0. Scale: value v of
// scale_max earns points x v / scale_max. An auto-fail question fails on No, or on 0 of a scale.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cb::qa {

enum class AnswerKind : uint8_t { YesNo, Scale };
std::string_view AnswerKindName(AnswerKind k);  // "yes_no", "scale"
bool ParseAnswerKind(std::string_view name, AnswerKind* out);

inline constexpr int kMaxScale = 10;
inline constexpr size_t kMaxTextLength = 500;

struct Question {
    std::string id;             // unique within the form, [A-Za-z0-9_-], e.g. "greeting"
    std::string text;
    AnswerKind kind = AnswerKind::YesNo;
    double points = 1;          // > 0: points possible
    int scale_max = 5;          // Scale only: answers 0..scale_max (1..kMaxScale)
    bool allow_na = false;
    bool critical = false;
    bool auto_fail = false;
    bool operator==(const Question&) const = default;
};

struct Section {
    std::string id;             // unique within the form
    std::string title;
    double weight = 1;          // > 0
    std::vector<Question> questions;
    bool operator==(const Section&) const = default;
};

struct Form {
    std::string name;
    std::string description;
    std::vector<Section> sections;
    bool operator==(const Form&) const = default;
};

// Empty when the form is valid, else one line saying what and where, e.g.
// "sections[1].questions[0].points: must be greater than 0".
std::string ValidateForm(const Form& form);
// The question with this id, or nullptr.
const Question* FindQuestion(const Form& form, std::string_view id);
size_t QuestionCount(const Form& form);

enum class Choice : uint8_t { Yes, No, Value, NotApplicable };
std::string_view ChoiceName(Choice c);  // "yes", "no", "value", "na"
bool ParseChoice(std::string_view name, Choice* out);

struct Answer {
    std::string question;
    Choice choice = Choice::Yes;
    int value = 0;              // Choice::Value: 0..scale_max
    std::string comment;
    bool operator==(const Answer&) const = default;
};

// Empty when the answers fit the form (every question answered once, the choice fits its kind,
// N/A only where allowed, a scale value in range), else one line with the place, e.g.
// "answers[2] (question \"hold\"): N/A is not allowed for this question".
std::string ValidateAnswers(const Form& form, const std::vector<Answer>& answers);

struct QuestionScore {
    std::string id;
    std::string section;
    bool na = false;
    double earned = 0;
    double possible = 0;
    bool critical = false;
    bool failed = false;        // an auto-fail question given its failing answer
    bool operator==(const QuestionScore&) const = default;
};
struct SectionScore {
    std::string id;
    double weight = 0;
    double earned = 0;          // points, before the weight
    double possible = 0;
    bool auto_failed = false;   // one of its questions failed
    bool scored = false;        // possible > 0
    double percent = 0;         // 0..100; 0 when auto-failed
    bool operator==(const SectionScore&) const = default;
};
struct EvaluationScore {
    bool scored = false;        // some points possible (else every question was N/A)
    double percent = 0;         // 0..100; 0 when auto-failed
    double weighted_earned = 0; // sum earned x weight (before an auto-fail)
    double weighted_possible = 0;
    bool auto_failed = false;
    bool has_critical = false;  // some critical question was answered (not N/A)
    double critical_percent = 0;  // critical questions only, same weights; 0 when auto-failed
    std::vector<SectionScore> sections;
    std::vector<QuestionScore> questions;  // in form order
    bool operator==(const EvaluationScore&) const = default;
};

// The score of answers that passed ValidateAnswers (unanswered questions count as N/A).
EvaluationScore ScoreEvaluation(const Form& form, const std::vector<Answer>& answers);

}  // namespace cb::qa
