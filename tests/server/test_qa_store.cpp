// The QA store (schema v15): forms and versions, evaluations of stored calls, acknowledgements,
// disputes with a re-score, calibration sessions (blind until complete, expired ones never count,
// calibration kept out of agents' results) and the audit log.
#include <doctest/doctest.h>

#include "core/qa/qa_json.h"
#include "server/store/sqlite_db.h"
#include "server/store/store_qa.h"
#include "server_test_util.h"

using namespace cb;

namespace {

constexpr int64_t kT0 = 1767225600000;  // 2026-01-01T00:00:00Z

AuditEntry Au(const std::string& user, const std::string& action, int64_t t_ms = kT0) {
    AuditEntry a;
    a.user = user;
    a.action = action;
    a.t_ms = t_ms;
    a.address = "test";
    return a;
}

qa::Form TwoGroups() {
    qa::Form f;
    f.name = "Service";
    qa::Question q1{"greet", "Greets by name"}, q2{"verify", "Verifies identity"}, q3{"close", "Closes properly"};
    q3.auto_fail = true;
    f.sections = {qa::Section{"open", "Opening", 40, {q1, q2}}, qa::Section{"end", "Ending", 20, {q3}}};
    return f;
}

qa::Answer A(const char* q, qa::Choice c, int v = 0) {
    qa::Answer a;
    a.question = q;
    a.choice = c;
    a.value = v;
    return a;
}

// A store with two teams, three agents and four stored calls.
struct Fixture {
    cbtest::TempDir dir;
    std::string path = dir.path() + "/qa.db";
    std::unique_ptr<QaStore> store;
    Fixture() {
        auto s = QaStore::Open(path);
        REQUIRE_MESSAGE(s.ok(), s.status().message());
        store = std::move(s.value());
        sql::Db db;
        REQUIRE(db.Open(path).ok());
        REQUIRE(db.Exec("INSERT INTO teams (id, key, name_en, name_zh) VALUES (1, 'T1', 'Team 1', '一组'), (2, 'T2', 'Team 2', '二组');"
                        "INSERT INTO agents (key, name_en, name_zh, team_id, seat_row, seat_col, tenure_months, skills) VALUES"
                        " ('a1', 'Ann', '安', 1, 0, 0, 3, 1), ('a2', 'Bo', '博', 1, 0, 1, 3, 1), ('b1', 'Cy', '赛', 2, 0, 0, 3, 1);"
                        "INSERT INTO calls (source, call, leg, queue, agent, entered_ms, answered_ms, ended_ms, talk_ms, end_kind, outcome) VALUES"
                        " ('queue_log', 1, 1, 'sales', 'a1', 1767225600000, 1767225610000, 1767225790000, 180000, 'completed', 'order'),"
                        " ('queue_log', 2, 1, 'sales', 'a2', 1767229200000, 1767229205000, 1767229305000, 100000, 'completed', NULL),"
                        " ('queue_log', 3, 1, 'support', 'b1', 1767232800000, 1767232801000, 1767232901000, 100000, 'transferred', NULL),"
                        " ('queue_log', 4, 1, 'support', NULL, 1767236400000, NULL, 1767236430000, NULL, 'abandoned', NULL),"
                        // Two legs: timed out of sales, then answered in support by b1.
                        " ('queue_log', 5, 7, 'support', 'b1', 1767240060000, 1767240070000, 1767240170000, 100000, 'completed', NULL),"
                        " ('queue_log', 5, 6, 'sales', NULL, 1767240000000, NULL, 1767240060000, NULL, 'exited', NULL),"
                        // Answered and still going on.
                        " ('queue_log', 6, 1, 'sales', 'a1', 1767243600000, 1767243605000, NULL, NULL, NULL, NULL);")
                    .ok());
    }
};

}  // namespace

TEST_CASE("qa store: a form keeps its versions; an evaluation keeps its version's score") {
    Fixture fx;
    auto id = fx.store->CreateForm(TwoGroups(), Au("admin", "qa_form_create"));
    REQUIRE(id.ok());
    auto ev = fx.store->AddEvaluation(id.value(), 0, "queue_log", 1, "qa1",
                                      {A("greet", qa::Choice::Yes), A("verify", qa::Choice::No), A("close", qa::Choice::Yes)},
                                      Au("qa1", "qa_evaluation_add"));
    REQUIRE_MESSAGE(ev.ok(), ev.status().message());
    auto loaded = fx.store->LoadEvaluation(ev.value());
    REQUIRE(loaded.ok());
    REQUIRE(loaded.value());
    const QaEvaluation& e = *loaded.value();
    CHECK(e.version == 1);
    CHECK(std::abs(e.score.percent - 60.0) < 1e-9);
    // The call as stored: time, queue, agent, team, talk time, outcome.
    CHECK(e.call.t_ms == 1767225600000);
    CHECK(e.call.queue == "sales");
    CHECK(e.call.agent == "a1");
    CHECK(e.call.team == "T1");
    CHECK(e.call.talk_ms == 180000);
    CHECK(e.call.category == "answered");
    CHECK(e.call.outcome == "order");
    // A call of several legs is the leg an agent answered, whatever order they are stored in.
    auto legs = fx.store->LoadCall("queue_log", 5);
    REQUIRE(legs.ok());
    REQUIRE(legs.value());
    CHECK(legs.value()->agent == "b1");
    CHECK(legs.value()->queue == "support");
    CHECK(legs.value()->t_ms == 1767240060000);

    // Version 2 weighs the opening 10: the old evaluation still scores 60 % with version 1.
    qa::Form v2 = TwoGroups();
    v2.sections[0].weight = 10;
    auto ver = fx.store->SaveFormVersion(id.value(), v2, Au("admin", "qa_form_version"));
    REQUIRE(ver.ok());
    CHECK(ver.value() == 2);
    loaded = fx.store->LoadEvaluation(ev.value());
    CHECK(loaded.value()->version == 1);
    CHECK(std::abs(loaded.value()->score.percent - 60.0) < 1e-9);
    auto ev2 = fx.store->AddEvaluation(id.value(), 0, "queue_log", 2, "qa1",
                                       {A("greet", qa::Choice::Yes), A("verify", qa::Choice::No), A("close", qa::Choice::Yes)},
                                       Au("qa1", "qa_evaluation_add"));
    REQUIRE(ev2.ok());
    loaded = fx.store->LoadEvaluation(ev2.value());
    CHECK(loaded.value()->version == 2);
    CHECK(std::abs(loaded.value()->score.percent - 100.0 * (10 + 20) / (20 + 20)) < 1e-9);
    auto forms = fx.store->ListForms();
    REQUIRE(forms.ok());
    REQUIRE(forms.value().size() == 1);
    CHECK(forms.value()[0].latest_version == 2);
    auto v1 = fx.store->LoadForm(id.value(), 1);
    CHECK(v1.value()->form == TwoGroups());

    // Audited, in the same transaction as the change.
    CHECK(cbtest::Query(fx.path, "SELECT action, detail FROM audit ORDER BY id") ==
          "qa_form_create|form 1 v1 'Service'\n"
          "qa_evaluation_add|evaluation 1 of call queue_log/1 (agent a1, form 1 v1)\n"
          "qa_form_version|form 1 v2 'Service'\n"
          "qa_evaluation_add|evaluation 2 of call queue_log/2 (agent a2, form 1 v2)\n");
}

TEST_CASE("qa store: bad input is refused with its place and changes nothing") {
    Fixture fx;
    qa::Form bad = TwoGroups();
    bad.sections[1].weight = -5;
    CHECK(fx.store->CreateForm(bad, Au("admin", "x")).status().message() == "sections[1].weight: must be greater than 0");
    auto id = fx.store->CreateForm(TwoGroups(), Au("admin", "x"));
    REQUIRE(id.ok());
    const std::vector<qa::Answer> ok{A("greet", qa::Choice::Yes), A("verify", qa::Choice::Yes), A("close", qa::Choice::Yes)};
    CHECK(fx.store->AddEvaluation(id.value(), 0, "queue_log", 99, "qa1", ok, Au("qa1", "x")).status().message() ==
          "call queue_log/99: no such stored call");
    CHECK(fx.store->AddEvaluation(id.value(), 0, "queue_log", 4, "qa1", ok, Au("qa1", "x")).status().message() ==
          "call queue_log/4: the call was not answered by an agent; there is nobody to evaluate");
    CHECK(fx.store->AddEvaluation(id.value(), 0, "queue_log", 6, "qa1", ok, Au("qa1", "x")).status().message() ==
          "call queue_log/6: the call is still going on; evaluate it once it has ended");
    CHECK(fx.store->AddEvaluation(id.value(), 7, "queue_log", 1, "qa1", ok, Au("qa1", "x")).status().message() ==
          "form: 1 v7 is not a stored form");
    CHECK(fx.store->AddEvaluation(id.value(), 0, "queue_log", 1, "qa1", {A("greet", qa::Choice::Yes)}, Au("qa1", "x"))
              .status()
              .message() == "answers: question \"verify\" is not answered");
    CHECK(fx.store->SaveFormVersion(42, TwoGroups(), Au("admin", "x")).status().message() == "form 42: no such form");
    CHECK(cbtest::Query(fx.path, "SELECT COUNT(*) FROM qa_evaluations") == "0\n");
    CHECK(cbtest::Query(fx.path, "SELECT COUNT(*) FROM qa_form_versions") == "1\n");
}

TEST_CASE("qa store: acknowledge, dispute and re-score") {
    Fixture fx;
    auto id = fx.store->CreateForm(TwoGroups(), Au("admin", "x"));
    auto ev = fx.store->AddEvaluation(id.value(), 0, "queue_log", 1, "qa1",
                                      {A("greet", qa::Choice::Yes), A("verify", qa::Choice::Yes), A("close", qa::Choice::No)},
                                      Au("qa1", "x"));
    REQUIRE(ev.ok());
    auto e = fx.store->LoadEvaluation(ev.value());
    CHECK(e.value()->score.auto_failed);
    CHECK(e.value()->score.percent == 0);
    REQUIRE(fx.store->Acknowledge(ev.value(), "lead", "lead1", Au("lead1", "qa_acknowledge", kT0 + 1000)).ok());
    CHECK(fx.store->Acknowledge(ev.value(), "lead", "lead1", Au("lead1", "qa_acknowledge")).message() ==
          "evaluation 1: acknowledged as lead by lead1 already");
    CHECK(fx.store->Acknowledge(ev.value(), "boss", "lead1", Au("lead1", "qa_acknowledge")).message() ==
          "as: must be \"lead\" or \"agent\"");
    // Acknowledged: no more silent changes.
    CHECK(fx.store->UpdateEvaluation(ev.value(), {A("greet", qa::Choice::Yes), A("verify", qa::Choice::Yes), A("close", qa::Choice::Yes)},
                                     Au("qa1", "x"))
              .message() == "evaluation 1 is acknowledged already: open a dispute to re-score it");
    CHECK(fx.store->Dispute(ev.value(), "", "lead1", Au("lead1", "x")).message() == "reason: must not be empty");
    REQUIRE(fx.store->Dispute(ev.value(), "The customer hung up before the closing", "lead1", Au("lead1", "qa_dispute")).ok());
    CHECK(fx.store->Dispute(ev.value(), "again", "lead1", Au("lead1", "x")).message() == "evaluation 1 has an open dispute already");
    // The re-score: closing N/A is not allowed, so the evaluator answers Yes.
    CHECK(fx.store->ResolveDispute(ev.value(), {A("greet", qa::Choice::Yes), A("verify", qa::Choice::Yes), A("close", qa::Choice::NotApplicable)},
                                   "", "qa1", Au("qa1", "x"))
              .message() == "answers[2] (question \"close\"): N/A is not allowed for this question");
    REQUIRE(fx.store->ResolveDispute(ev.value(), {A("greet", qa::Choice::Yes), A("verify", qa::Choice::Yes), A("close", qa::Choice::Yes)},
                                     "agreed", "qa1", Au("qa1", "qa_dispute_resolve"))
                .ok());
    e = fx.store->LoadEvaluation(ev.value());
    CHECK(e.value()->status == "resolved");
    CHECK(e.value()->score.percent == doctest::Approx(100));
    REQUIRE(e.value()->disputes.size() == 1);
    CHECK(e.value()->disputes[0].resolved);
    CHECK(e.value()->disputes[0].percent_before == 0);
    CHECK(e.value()->disputes[0].percent_after == doctest::Approx(100));
    CHECK(e.value()->disputes[0].reason == "The customer hung up before the closing");
    CHECK(e.value()->lead_ack_by == "lead1");
    CHECK(e.value()->lead_ack_ms == kT0 + 1000);
    // The audit says what happened, not the reason (a personal note stays in the QA tables).
    CHECK(cbtest::Query(fx.path, "SELECT detail FROM audit WHERE action = 'qa_dispute'") == "evaluation 1 disputed\n");
}

TEST_CASE("qa store: lists are scoped by team and leave calibration out") {
    Fixture fx;
    auto id = fx.store->CreateForm(TwoGroups(), Au("admin", "x"));
    const std::vector<qa::Answer> all{A("greet", qa::Choice::Yes), A("verify", qa::Choice::Yes), A("close", qa::Choice::Yes)};
    REQUIRE(fx.store->AddEvaluation(id.value(), 0, "queue_log", 1, "qa1", all, Au("qa1", "x")).ok());
    REQUIRE(fx.store->AddEvaluation(id.value(), 0, "queue_log", 3, "qa1", all, Au("qa1", "x")).ok());
    auto s = fx.store->CreateSession(id.value(), 0, "queue_log", 1, {"qa1", "qa2"}, "qa1", kT0 + 86400000, Au("qa1", "x"));
    REQUIRE(s.ok());
    REQUIRE(fx.store->SubmitCalibration(s.value(), "qa1", all, kT0 + 1, Au("qa1", "x")).ok());
    QaEvaluationFilter f;
    CHECK(fx.store->ListEvaluations(f).value().size() == 2);
    f.teams = {"T1"};
    auto t1 = fx.store->ListEvaluations(f).value();
    REQUIRE(t1.size() == 1);
    CHECK(t1[0].call.agent == "a1");
    f.teams.clear();
    f.agent = "a1";
    auto recs = fx.store->Records(f).value();
    REQUIRE(recs.size() == 1);  // the calibration evaluation of a1's call is not a1's result
    CHECK(recs[0].team == "T1");
    CHECK(cbtest::Query(fx.path, "SELECT COUNT(*) FROM qa_evaluations WHERE agent = 'a1'") == "2\n");
}

TEST_CASE("qa store: calibration completes when every evaluator submitted before the due time") {
    Fixture fx;
    auto id = fx.store->CreateForm(TwoGroups(), Au("admin", "x"));
    const int64_t due = kT0 + 86400000;
    CHECK(fx.store->CreateSession(id.value(), 0, "queue_log", 1, {"qa1"}, "qa1", due, Au("qa1", "x")).status().message() ==
          "evaluators: 2 to 20 evaluators");
    CHECK(fx.store->CreateSession(id.value(), 0, "queue_log", 1, {"qa1", "qa1"}, "qa1", due, Au("qa1", "x")).status().message() ==
          "evaluators[1]: 'qa1' is listed twice");
    CHECK(fx.store->CreateSession(id.value(), 0, "queue_log", 1, {"qa1", "qa2"}, "qa9", due, Au("qa1", "x")).status().message() ==
          "reference: 'qa9' is not one of the evaluators");
    CHECK(fx.store->CreateSession(id.value(), 0, "queue_log", 1, {"qa1", "qa2"}, "qa1", kT0 - 1, Au("qa1", "x")).status().message() ==
          "due_ms: the due time must be in the future");
    auto s = fx.store->CreateSession(id.value(), 0, "queue_log", 1, {"qa1", "qa2", "qa3"}, "qa1", due, Au("qa1", "qa_calibration_create"));
    REQUIRE(s.ok());
    const std::vector<qa::Answer> expert{A("greet", qa::Choice::Yes), A("verify", qa::Choice::No), A("close", qa::Choice::Yes)};
    const std::vector<qa::Answer> lenient{A("greet", qa::Choice::Yes), A("verify", qa::Choice::Yes), A("close", qa::Choice::Yes)};
    CHECK(fx.store->SubmitCalibration(s.value(), "qa9", expert, kT0 + 10, Au("qa9", "x")).message() ==
          "calibration 1: 'qa9' is not one of its evaluators");
    REQUIRE(fx.store->SubmitCalibration(s.value(), "qa1", expert, kT0 + 10, Au("qa1", "x")).ok());
    REQUIRE(fx.store->SubmitCalibration(s.value(), "qa2", lenient, kT0 + 20, Au("qa2", "x")).ok());
    // qa2 changes their mind before the session completes: still one evaluation each.
    REQUIRE(fx.store->SubmitCalibration(s.value(), "qa2", expert, kT0 + 30, Au("qa2", "x")).ok());
    auto ses = fx.store->LoadSession(s.value()).value();
    CHECK(ses->StatusAt(kT0 + 40) == "open");
    CHECK(ses->submitted == std::vector<std::string>{"qa1", "qa2"});
    CHECK(fx.store->CompleteSessionTotals(0, INT64_MAX).value().empty());
    REQUIRE(fx.store->SubmitCalibration(s.value(), "qa3", lenient, kT0 + 50, Au("qa3", "x")).ok());
    ses = fx.store->LoadSession(s.value()).value();
    CHECK(ses->StatusAt(kT0 + 60) == "complete");
    CHECK(ses->completed_ms == kT0 + 50);
    CHECK(fx.store->SubmitCalibration(s.value(), "qa3", expert, kT0 + 60, Au("qa3", "x")).message() ==
          "calibration 1 is complete: no more evaluations");
    auto totals = fx.store->CompleteSessionTotals(0, INT64_MAX).value();
    REQUIRE(totals.size() == 1);
    REQUIRE(totals[0].totals.size() == 3);
    CHECK(totals[0].totals[0].second == doctest::Approx(60));
    CHECK(totals[0].totals[2].second == doctest::Approx(100));
    REQUIRE(totals[0].deviations.size() == 2);
    CHECK(totals[0].deviations[0] == std::pair<std::string, double>{"qa2", 0.0});
    CHECK(totals[0].deviations[1].second == doctest::Approx(40));

    // A session whose due time passes before everyone submitted is expired and never counts.
    auto late = fx.store->CreateSession(id.value(), 0, "queue_log", 2, {"qa1", "qa2"}, "qa2", kT0 + 1000, Au("qa1", "x"));
    REQUIRE(late.ok());
    REQUIRE(fx.store->SubmitCalibration(late.value(), "qa1", expert, kT0 + 500, Au("qa1", "x")).ok());
    CHECK(fx.store->SubmitCalibration(late.value(), "qa2", expert, kT0 + 2000, Au("qa2", "x")).message() ==
          "calibration 2 is expired: no more evaluations");
    CHECK(fx.store->LoadSession(late.value()).value()->StatusAt(kT0 + 2000) == "expired");
    CHECK(fx.store->CompleteSessionTotals(0, INT64_MAX).value().size() == 1);
}

TEST_CASE("qa store: the migration adds v15 to a database of an older version") {
    cbtest::TempDir dir;
    const std::string path = dir.path() + "/old.db";
    cbtest::CreateV1Database(path);
    auto s = QaStore::Open(path);
    REQUIRE_MESSAGE(s.ok(), s.status().message());
    CHECK(cbtest::Query(path, "SELECT COUNT(*) FROM schema_version WHERE version = 15") == "1\n");
    CHECK(cbtest::Query(path, "SELECT COUNT(*) FROM qa_forms") == "0\n");
}
