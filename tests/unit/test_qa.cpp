// QA scoring and agreement statistics against shared/reference/qa_cases.md (every value to 1e-6),
// form and answer checks, auto-fail propagation and calibration deviations.
#include <doctest/doctest.h>

#include <optional>
#include <vector>

#include "core/qa/agreement.h"
#include "core/qa/calibration.h"
#include "core/qa/form.h"
#include "core/qa/qa_json.h"
#include "core/qa/qa_report.h"
#include "core/report/report_json.h"
#include "core/report/scorecard.h"

using namespace cb::qa;

namespace {
Question YesNo(const char* id, double points = 1) {
    Question q;
    q.id = id;
    q.text = std::string("Question ") + id;
    q.points = points;
    return q;
}
Answer A(const char* q, Choice c, int v = 0) {
    Answer a;
    a.question = q;
    a.choice = c;
    a.value = v;
    return a;
}
// The reference example: group 1 (weight 40) two 1-point questions, group 2 (weight 20) one.
Form GenesysForm() {
    Form f;
    f.name = "Reference";
    Section g1{"g1", "Group 1", 40, {YesNo("q1"), YesNo("q2")}};
    Section g2{"g2", "Group 2", 20, {YesNo("q3")}};
    f.sections = {g1, g2};
    return f;
}
constexpr double kEps = 1e-6;
}  // namespace

TEST_CASE("qa: the reference scoring example gives 60 %") {
    const Form f = GenesysForm();
    REQUIRE(ValidateForm(f).empty());
    const std::vector<Answer> answers{A("q1", Choice::Yes), A("q2", Choice::No), A("q3", Choice::Yes)};
    REQUIRE(ValidateAnswers(f, answers).empty());
    const EvaluationScore s = ScoreEvaluation(f, answers);
    CHECK(s.scored);
    CHECK(s.weighted_earned == doctest::Approx(60).epsilon(1e-12));
    CHECK(s.weighted_possible == doctest::Approx(100).epsilon(1e-12));
    CHECK(std::abs(s.percent - 60.0) < kEps);
    CHECK(std::abs(s.sections[0].percent - 50.0) < kEps);
    CHECK(std::abs(s.sections[1].percent - 100.0) < kEps);
    CHECK_FALSE(s.auto_failed);
}

TEST_CASE("qa: N/A counts 0 of 0") {
    Form f = GenesysForm();
    f.sections[0].questions[1].allow_na = true;
    // q2 N/A: (1x40 + 1x20) / (1x40 + 1x20) = 100 %.
    const std::vector<Answer> answers{A("q1", Choice::Yes), A("q2", Choice::NotApplicable), A("q3", Choice::Yes)};
    REQUIRE(ValidateAnswers(f, answers).empty());
    EvaluationScore s = ScoreEvaluation(f, answers);
    CHECK(std::abs(s.percent - 100.0) < kEps);
    CHECK(s.questions[1].na);
    CHECK(s.questions[1].possible == 0);
    // q1 No and q2 N/A: (0x40 + 1x20) / (1x40 + 1x20) = 33.333 %.
    s = ScoreEvaluation(f, {A("q1", Choice::No), A("q2", Choice::NotApplicable), A("q3", Choice::Yes)});
    CHECK(std::abs(s.percent - 100.0 / 3.0) < kEps);
    // N/A where it is not allowed is refused with its place.
    Form strict = GenesysForm();
    CHECK(ValidateAnswers(strict, answers) == "answers[1] (question \"q2\"): N/A is not allowed for this question");
}

TEST_CASE("qa: every question N/A leaves the evaluation unscored, not 0 or 100") {
    Form f = GenesysForm();
    for (auto& s : f.sections)
        for (auto& q : s.questions) q.allow_na = true;
    const EvaluationScore s = ScoreEvaluation(
        f, {A("q1", Choice::NotApplicable), A("q2", Choice::NotApplicable), A("q3", Choice::NotApplicable)});
    CHECK_FALSE(s.scored);
    CHECK_FALSE(s.sections[0].scored);
}

TEST_CASE("qa: scale questions earn points x value / scale_max") {
    Form f = GenesysForm();
    Question tone = YesNo("tone", 2);
    tone.kind = AnswerKind::Scale;
    tone.scale_max = 4;
    f.sections[1].questions.push_back(tone);
    REQUIRE(ValidateForm(f).empty());
    // g2: q3 yes (1) + tone 3/4 of 2 = 1.5 -> 2.5 of 3, weight 20; g1: 1 of 2, weight 40.
    const EvaluationScore s =
        ScoreEvaluation(f, {A("q1", Choice::Yes), A("q2", Choice::No), A("q3", Choice::Yes), A("tone", Choice::Value, 3)});
    CHECK(std::abs(s.percent - 100.0 * (40.0 + 2.5 * 20) / (2 * 40 + 3 * 20)) < kEps);
    CHECK(ValidateAnswers(f, {A("q1", Choice::Yes), A("q2", Choice::No), A("q3", Choice::Yes), A("tone", Choice::Value, 5)}) ==
          "answers[3] (question \"tone\").value: must be 0 to 4");
    CHECK(ValidateAnswers(f, {A("q1", Choice::Yes), A("q2", Choice::No), A("q3", Choice::Yes), A("tone", Choice::Yes)}) ==
          "answers[3] (question \"tone\"): a scale question takes a value, not yes/no");
    CHECK(ValidateAnswers(f, {A("q1", Choice::Yes), A("q2", Choice::No), A("q3", Choice::Yes)}) ==
          "answers: question \"tone\" is not answered");
}

TEST_CASE("qa: an auto-fail answer fails its section and the form; others stay") {
    Form f = GenesysForm();
    f.sections[1].questions[0].auto_fail = true;  // q3
    const std::vector<Answer> pass{A("q1", Choice::Yes), A("q2", Choice::Yes), A("q3", Choice::Yes)};
    EvaluationScore s = ScoreEvaluation(f, pass);
    CHECK_FALSE(s.auto_failed);
    CHECK(std::abs(s.percent - 100.0) < kEps);
    const std::vector<Answer> fail{A("q1", Choice::Yes), A("q2", Choice::Yes), A("q3", Choice::No)};
    s = ScoreEvaluation(f, fail);
    CHECK(s.questions[2].failed);
    CHECK(s.sections[1].auto_failed);
    CHECK(s.sections[1].percent == 0);
    CHECK_FALSE(s.sections[0].auto_failed);
    CHECK(std::abs(s.sections[0].percent - 100.0) < kEps);
    CHECK(s.auto_failed);
    CHECK(s.percent == 0);
    // The points before the fail are kept (what the evaluation would have scored).
    CHECK(std::abs(s.weighted_earned - 80.0) < kEps);
    // The same No on a question that is not auto-fail only costs its points.
    f.sections[1].questions[0].auto_fail = false;
    s = ScoreEvaluation(f, fail);
    CHECK_FALSE(s.auto_failed);
    CHECK(std::abs(s.percent - 80.0) < kEps);
}

TEST_CASE("qa: auto-fail on a scale fails at 0 only") {
    Form f;
    f.name = "Scale";
    Question q = YesNo("empathy", 1);
    q.kind = AnswerKind::Scale;
    q.scale_max = 5;
    q.auto_fail = true;
    f.sections = {Section{"s", "S", 1, {q, YesNo("close")}}};
    CHECK_FALSE(ScoreEvaluation(f, {A("empathy", Choice::Value, 1), A("close", Choice::Yes)}).auto_failed);
    CHECK(ScoreEvaluation(f, {A("empathy", Choice::Value, 0), A("close", Choice::Yes)}).auto_failed);
}

TEST_CASE("qa: the critical score counts critical questions only") {
    Form f = GenesysForm();
    f.sections[0].questions[0].critical = true;  // q1 (weight 40)
    f.sections[1].questions[0].critical = true;  // q3 (weight 20)
    const EvaluationScore s = ScoreEvaluation(f, {A("q1", Choice::No), A("q2", Choice::Yes), A("q3", Choice::Yes)});
    CHECK(s.has_critical);
    CHECK(std::abs(s.critical_percent - 100.0 * 20 / 60) < kEps);
    CHECK(std::abs(s.percent - 60.0) < kEps);
}

TEST_CASE("qa: form checks name the place") {
    Form f = GenesysForm();
    f.sections[1].weight = 0;
    CHECK(ValidateForm(f) == "sections[1].weight: must be greater than 0");
    f = GenesysForm();
    f.sections[1].questions[0].id = "q1";
    CHECK(ValidateForm(f) == "sections[1].questions[0].id: \"q1\" is used twice");
    f = GenesysForm();
    f.sections[0].questions[1].points = -1;
    CHECK(ValidateForm(f) == "sections[0].questions[1].points: must be greater than 0");
    f = GenesysForm();
    f.sections.clear();
    CHECK(ValidateForm(f) == "sections: a form needs at least one section");
}

TEST_CASE("qa: form and answers JSON round trip; bad JSON names the place") {
    Form f = GenesysForm();
    f.sections[0].questions[0].critical = true;
    f.sections[1].questions[0].auto_fail = true;
    f.sections[1].questions[0].allow_na = true;
    Question tone = YesNo("tone", 2);
    tone.kind = AnswerKind::Scale;
    tone.scale_max = 4;
    f.sections[1].questions.push_back(tone);
    Form back;
    std::string err;
    REQUIRE(FormFromJson(FormToJson(f), &back, &err));
    CHECK(back == f);
    CHECK_FALSE(FormFromJson(R"({"name":"x","sections":[{"id":"a","title":"A","weight":"heavy","questions":[]}]})", &back, &err));
    CHECK(err == "sections[0].weight: must be a number");
    CHECK_FALSE(FormFromJson(R"({"name":"x","sections":[{"id":"a","title":"A","weight":1,"questions":[{"id":"q","text":"t","kind":"stars"}]}]})", &back, &err));
    CHECK(err == "sections[0].questions[0].kind: must be \"yes_no\" or \"scale\"");
    CHECK_FALSE(FormFromJson("not json", &back, &err));
    CHECK(err == "form: not a JSON object");

    std::vector<Answer> answers{A("q1", Choice::Yes), A("q3", Choice::NotApplicable), A("tone", Choice::Value, 3)};
    answers[0].comment = "greeted by name";
    std::vector<Answer> aback;
    REQUIRE(AnswersFromJson(AnswersToJson(answers), &aback, &err));
    CHECK(aback == answers);
    CHECK_FALSE(AnswersFromJson(R"([{"question":"q1","choice":"maybe"}])", &aback, &err));
    CHECK(err == "answers[0].choice: must be \"yes\", \"no\", \"value\" or \"na\"");
    CHECK_FALSE(AnswersFromJson(R"([{"question":"tone","choice":"value"}])", &aback, &err));
    CHECK(err == "answers[0].value: missing");
}

TEST_CASE("qa: Fleiss' kappa, the reference example") {
    const std::vector<std::vector<int64_t>> rows{{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0},
                                                 {2, 2, 8, 1, 1},  {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2},
                                                 {6, 5, 2, 1, 0},  {0, 2, 2, 3, 7}};
    const FleissResult r = FleissKappa(rows);
    REQUIRE(r.valid);
    CHECK(std::abs(r.p_bar - 0.378022) < kEps);
    CHECK(std::abs(r.pe_bar - 0.212755) < kEps);
    CHECK(std::abs(r.kappa - 0.2099307) < kEps);
    CHECK(r.subjects == 10);
    CHECK(r.raters == 14);
    // Unequal rater counts have no kappa.
    CHECK_FALSE(FleissKappa({{1, 1}, {2, 1}}).valid);
}

TEST_CASE("qa: the six ICCs of Shrout and Fleiss") {
    const IccResult r = Icc({{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}});
    REQUIRE(r.valid);
    CHECK(std::abs(r.icc1_1 - 0.165742) < kEps);
    CHECK(std::abs(r.icc2_1 - 0.289764) < kEps);
    CHECK(std::abs(r.icc3_1 - 0.714841) < kEps);
    CHECK(std::abs(r.icc1_k - 0.442797) < kEps);
    CHECK(std::abs(r.icc2_k - 0.620051) < kEps);
    CHECK(std::abs(r.icc3_k - 0.909316) < kEps);
    CHECK_FALSE(Icc({{1, 2}}).valid);
    CHECK_FALSE(Icc({{1, 2}, {3}}).valid);
}

TEST_CASE("qa: Krippendorff's alpha at four levels, with missing values") {
    using O = std::optional<double>;
    const O m = std::nullopt;
    const std::vector<std::vector<O>> coders{
        {1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m},
        {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3},
        {m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m},
        {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m},
    };
    std::vector<std::vector<O>> units(12);
    for (size_t u = 0; u < 12; ++u)
        for (const auto& c : coders) units[u].push_back(c[u]);
    CHECK(std::abs(KrippendorffAlpha(units, Level::Nominal).alpha - 0.743421) < kEps);
    CHECK(std::abs(KrippendorffAlpha(units, Level::Ordinal).alpha - 0.815388) < kEps);
    CHECK(std::abs(KrippendorffAlpha(units, Level::Interval).alpha - 0.849107) < kEps);
    CHECK(std::abs(KrippendorffAlpha(units, Level::Ratio).alpha - 0.797403) < kEps);
    const AlphaResult r = KrippendorffAlpha(units, Level::Nominal);
    CHECK(r.pairable == 40);  // unit 12 has one value: not pairable
    CHECK(r.units == 11);
    Level l;
    CHECK(ParseLevel("ordinal", &l));
    CHECK(l == Level::Ordinal);
    CHECK_FALSE(ParseLevel("cardinal", &l));
}

TEST_CASE("qa: Koo and Li bands") {
    CHECK(KooLiBand(0.289764) == Band::Poor);
    CHECK(KooLiBand(0.49) == Band::Poor);
    CHECK(KooLiBand(0.50) == Band::Moderate);
    CHECK(KooLiBand(0.620051) == Band::Moderate);
    CHECK(KooLiBand(0.75) == Band::Good);
    CHECK(KooLiBand(0.90) == Band::Good);
    CHECK(KooLiBand(0.909316) == Band::Excellent);
    CHECK(BandName(Band::Moderate) == "moderate");
}

TEST_CASE("qa: calibration deviations from the reference, per question and in total") {
    Form f = GenesysForm();
    f.sections[0].questions[1].allow_na = true;
    std::vector<CalibrationEntry> e{
        {"expert", {A("q1", Choice::Yes), A("q2", Choice::No), A("q3", Choice::Yes)}},     // 60 %
        {"li", {A("q1", Choice::Yes), A("q2", Choice::Yes), A("q3", Choice::Yes)}},        // 100 %
        {"wang", {A("q1", Choice::No), A("q2", Choice::NotApplicable), A("q3", Choice::Yes)}},  // 20/60
    };
    const CalibrationResult r = Calibrate(f, e, 0);
    REQUIRE(r.error.empty());
    CHECK(r.evaluators[0].reference);
    CHECK(r.evaluators[0].total_deviation == 0);
    CHECK(std::abs(r.evaluators[1].total_deviation - 40.0) < kEps);
    CHECK(std::abs(r.evaluators[2].total_deviation - (100.0 / 3.0 - 60.0)) < kEps);
    REQUIRE(r.evaluators[1].question_deviation.size() == 3);
    CHECK(*r.evaluators[1].question_deviation[0] == 0);
    CHECK(*r.evaluators[1].question_deviation[1] == 100);
    CHECK(*r.evaluators[2].question_deviation[0] == -100);
    CHECK_FALSE(r.evaluators[2].question_deviation[1].has_value());
    CHECK(r.evaluators[2].choices_differing == 2);
    CHECK(std::abs(r.evaluators[1].mean_abs_question - 100.0 / 3.0) < kEps);
    // Fleiss over q1 and q3 (q2 has an N/A): rows [2,1] and [3,0].
    const FleissResult fk = FleissKappa({{2, 1}, {3, 0}});
    CHECK(r.yes_no.subjects == 2);
    CHECK(std::abs(r.yes_no.kappa - fk.kappa) < 1e-12);
    CHECK(r.ordinal.valid);
    CHECK(r.questions.targets == 2);  // q1 and q3: every evaluator scored them

    CHECK(Calibrate(f, {e[0]}, 0).error == "entries: a calibration needs at least two evaluations");
    CHECK(Calibrate(f, e, 3).error == "reference: no such evaluation");
    auto dup = e;
    dup[2].evaluator = "li";
    CHECK(Calibrate(f, dup, 0).error == "entries[2]: evaluator \"li\" appears twice");
}

TEST_CASE("qa: totals agreement over sessions and evaluator drift") {
    // Shrout & Fleiss' table as six complete sessions of four evaluators.
    const std::vector<std::vector<double>> t{{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}};
    std::vector<SessionTotals> sessions;
    const char* names[] = {"a", "b", "c", "d"};
    for (size_t i = 0; i < t.size(); ++i) {
        SessionTotals s;
        s.session = static_cast<int64_t>(i + 1);
        s.completed_ms = static_cast<int64_t>(i) * 10 * 86400000LL;
        for (size_t j = 0; j < 4; ++j) s.totals.emplace_back(names[j], t[i][j]);
        for (size_t j = 1; j < 4; ++j) s.deviations.emplace_back(names[j], t[i][j] - t[i][0]);
        sessions.push_back(s);
    }
    // One more session with an evaluator "e" only there: e is left out of the ICC.
    const TotalsAgreement a = AgreementOfTotals(sessions);
    CHECK(a.evaluators == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(std::abs(a.icc.icc2_1 - 0.289764) < kEps);
    sessions[0].totals.emplace_back("e", 5);
    CHECK(AgreementOfTotals(sessions).evaluators.size() == 4);

    const std::vector<Drift> d = EvaluatorDrift(sessions);
    REQUIRE(d.size() == 3);
    CHECK(d[0].evaluator == "b");
    CHECK(d[0].sessions == 6);
    // b's deviations: -7 -5 -4 -6 -5 -4 at days 0,10,...,50: mean -31/6.
    CHECK(std::abs(d[0].mean_deviation - (-31.0 / 6.0)) < kEps);
    CHECK(d[0].slope_valid);
    // Least squares by hand: x = 0,1/3,...,5/3 months.
    double xs[6], ys[6] = {-7, -5, -4, -6, -5, -4}, mx = 0, my = -31.0 / 6.0;
    for (int i = 0; i < 6; ++i) { xs[i] = i / 3.0; mx += xs[i] / 6; }
    double sxy = 0, sxx = 0;
    for (int i = 0; i < 6; ++i) { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) * (xs[i] - mx); }
    CHECK(std::abs(d[0].slope_per_30d - sxy / sxx) < kEps);
}

TEST_CASE("qa: reports per agent, team, form and question") {
    const Form f = GenesysForm();
    auto rec = [&](const char* agent, const char* team, std::vector<Answer> a) {
        QaRecord r;
        r.agent = agent;
        r.team = team;
        r.form = f.name;
        r.score = ScoreEvaluation(f, a);
        return r;
    };
    Form af = f;
    af.sections[1].questions[0].auto_fail = true;
    QaRecord failed;
    failed.agent = "a2";
    failed.team = "T1";
    failed.form = "Strict";
    failed.score = ScoreEvaluation(af, {A("q1", Choice::Yes), A("q2", Choice::Yes), A("q3", Choice::No)});
    const std::vector<QaRecord> recs{
        rec("a1", "T1", {A("q1", Choice::Yes), A("q2", Choice::No), A("q3", Choice::Yes)}),   // 60
        rec("a1", "T1", {A("q1", Choice::Yes), A("q2", Choice::Yes), A("q3", Choice::Yes)}),  // 100
        rec("a3", "T2", {A("q1", Choice::No), A("q2", Choice::No), A("q3", Choice::No)}),     // 0
        failed,                                                                              // 0 (auto-fail)
    };
    auto agents = BuildQaReport(recs, QaGroup::Agent);
    REQUIRE(agents.size() == 3);
    CHECK(agents[0].key == "a1");
    CHECK(std::abs(agents[0].percent - 80.0) < kEps);
    CHECK(agents[0].min_percent == doctest::Approx(60));
    CHECK(agents[0].max_percent == doctest::Approx(100));
    CHECK(agents[1].auto_failed == 1);
    CHECK(agents[1].percent == 0);
    auto teams = BuildQaReport(recs, QaGroup::Team);
    REQUIRE(teams.size() == 2);
    CHECK(std::abs(teams[0].percent - 160.0 / 3.0) < kEps);
    auto forms = BuildQaReport(recs, QaGroup::Form);
    REQUIRE(forms.size() == 2);
    CHECK(forms[0].key == "Reference");
    CHECK(forms[0].evaluations == 3);
    auto qs = BuildQaReport(recs, QaGroup::Question);
    REQUIRE(qs.size() == 3);
    CHECK(qs[0].key == "q1");
    CHECK(std::abs(qs[0].percent - 75.0) < kEps);  // 3 of 4
    CHECK(qs[2].auto_failed == 1);
    QaGroup g;
    CHECK(ParseQaGroup("team", &g));
    CHECK_FALSE(ParseQaGroup("queue", &g));
}

TEST_CASE("qa: the scorecard carries the agent's QA score through its JSON") {
    cb::Scorecard card;
    card.figures.resize(cb::ScoreFigures().size());
    card.zone = "Asia/Shanghai";
    card.from = card.to = cb::CivilDate{2026, 1, 5};
    std::string err;
    cb::Scorecard back;
    // Without QA: null, read back as not available.
    REQUIRE_MESSAGE(cb::ScorecardFromJson(cb::ScorecardToJson(card), &back, &err), err);
    CHECK_FALSE(back.qa.available);
    card.qa = {true, 4, 3, 1, 62.5};
    REQUIRE(cb::ScorecardFromJson(cb::ScorecardToJson(card), &back, &err));
    CHECK(back.qa == card.qa);
}
