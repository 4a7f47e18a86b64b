// The QA page, headless over a whole DashboardApp: offered to admins, managers, leads and the qa
// role (not wallboards, not the offline demo); the evaluations list with acknowledge and dispute;
// evaluating a call from the call list (the score shown while answering is the core's); a
// complete calibration session's deviations and agreement with their bands; English and Chinese.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include "core/snapshot_json.h"
#include "scripted_app.h"

using namespace cb;
using namespace cb::test;

namespace {

using K = TransportMessage::Kind;
using nlohmann::json;

const char* kQa = R"({"mode":"accounts","user":"qiu","role":"qa","teams":[],"csrf":"q","expires_at_ms":0})";
const char* kLead = R"({"mode":"accounts","user":"wang","role":"lead","teams":["team_1"],"csrf":"w","expires_at_ms":0})";
const char* kWallboard = R"({"mode":"accounts","user":"tv","role":"wallboard","teams":[],"csrf":"t","expires_at_ms":0})";

const char* kForm = R"({"name":"Service","description":"","sections":[
 {"id":"open","title":"Opening","weight":40,"questions":[{"id":"greet","text":"Greets by name","kind":"yes_no","points":1},
                                                        {"id":"verify","text":"Verifies identity","kind":"yes_no","points":1}]},
 {"id":"end","title":"Ending","weight":20,"questions":[{"id":"close","text":"Closes properly","kind":"yes_no","points":1,"auto_fail":true}]}]})";

const char* kEvaluations = R"({"evaluations":[{"id":3,"form":1,"version":2,"form_name":"Service",
 "call":{"source":"demo","call":"17","t_ms":1767578000000,"queue":"sales","agent":"1001","team":"team_1","talk_ms":120000,"category":"answered","outcome":""},
 "evaluator":"qiu","status":"submitted","answers":[],"score":{"scored":true,"percent":60.0,"auto_failed":false},
 "lead_ack_by":"","agent_ack_by":"","disputes":[]}]})";

struct Screen {
    std::shared_ptr<RecordingTransport::Log> log = std::make_shared<RecordingTransport::Log>();
    std::unique_ptr<DashboardApp> app;
    Screen(const char* session, Lang lang) {
        DashboardOptions options;
        options.transport = std::make_unique<RecordingTransport>(log);
        options.lang = lang;
        app = std::make_unique<DashboardApp>(std::move(options));
        app->SetFonts(Harness::Get().fonts());
        log->inbox.push_back({K::Session, session, kWall, 200, 0});
        Step(*app);
        log->inbox.push_back({K::Connected, "", kWall, 0, 0});
        log->inbox.push_back({K::Snapshot, SnapshotToJson(NormalSnapshot()), kWall, 0, 0});
        Step(*app);
    }
    ApiRequest Last() const { return log->sent.back(); }
    void Answer(int status, const std::string& body) {
        log->inbox.push_back(ApiAnswer(Last().tag, status, body));
        Step(*app);
    }
};

}  // namespace

TEST_CASE("the QA page is offered to the qa role and leads, not to a wallboard or the offline demo") {
    CHECK(Step(*Screen(kQa, Lang::En).app).Text("button.qa") == "Quality");
    CHECK(Step(*Screen(kLead, Lang::Zh).app).Text("button.qa") == "质检");
    CHECK(Step(*Screen(kWallboard, Lang::En).app).Find("button.qa") == nullptr);
    DashboardApp demo{DashboardOptions{}};
    demo.SetFonts(Harness::Get().fonts());
    CHECK(Step(demo).Find("button.qa") == nullptr);
}

TEST_CASE("a lead sees the evaluations, acknowledges one and disputes it with a reason") {
    Screen s(kLead, Lang::En);
    ClickItem(*s.app, "button.qa");
    REQUIRE(s.app->ui().qa_open);
    CHECK(s.Last().method == "GET");
    CHECK(s.Last().path == "api/qa/evaluations?limit=200");
    s.Answer(200, kEvaluations);
    AppView f = Step(*s.app);
    CHECK(f.Text("qa.title") == "Quality checks");
    CHECK(f.Text("qa.evaluation.0.agent") == "1001");
    CHECK(f.Text("qa.evaluation.0.score") == "60.0%");
    CHECK(f.Text("qa.evaluation.0.status") == "submitted");
    CHECK(f.Find("qa.tab.evaluate") != nullptr);  // a lead scores their own team's calls
    ClickItem(*s.app, "qa.evaluation.0.ack_lead");
    CHECK(s.Last().method == "POST");
    CHECK(s.Last().path == "api/qa/evaluations/3/acknowledge");
    CHECK(json::parse(s.Last().body) == json{{"as", "lead"}});
    // A dispute needs a reason: refused on the page, nothing sent.
    const size_t sent = s.log->sent.size();
    s.Answer(200, R"({"id":3})");
    s.Answer(200, kEvaluations);
    ClickItem(*s.app, "qa.evaluation.0.dispute");
    CHECK(s.log->sent.size() == sent + 1);  // only the list reload after the acknowledgement
    CHECK(Step(*s.app).Text("qa.error") == "reason: must not be empty");
}

TEST_CASE("an evaluator scores a call from the call list; the page shows the core's score as they answer") {
    Screen s(kQa, Lang::En);
    ClickItem(*s.app, "button.qa");
    s.Answer(200, R"({"evaluations":[]})");
    ClickItem(*s.app, "qa.tab.evaluate");
    CHECK(s.Last().path == "api/qa/forms");
    s.Answer(200, R"({"forms":[{"id":1,"name":"Service","version":2}]})");
    CHECK(s.Last().path == "api/qa/forms/1");
    s.Answer(200, std::string(R"({"id":1,"version":2,"form":)") + kForm + "}");
    CHECK(s.Last().path == "api/calls?limit=50");
    s.Answer(200, R"({"calls":[{"source":"demo","call":"17","t_ms":1767578000000,"queue":"sales","agent":"1001","wait_ms":5000,"talk_ms":120000,"outcome":"answered","caller":null},
                               {"source":"demo","call":"18","t_ms":1767578100000,"queue":"sales","agent":null,"wait_ms":9000,"talk_ms":null,"outcome":"abandoned","caller":null}]})");
    AppView f = Step(*s.app);
    CHECK(f.Find("qa.call.1") == nullptr);  // an abandoned call has nobody to evaluate
    CHECK(f.Text("qa.call.0.outcome") == "answered, ended");
    ClickItem(*s.app, "qa.call.0");
    ClickItem(*s.app, "qa.evaluate.q.greet.yes");
    ClickItem(*s.app, "qa.evaluate.q.verify.no");
    ClickItem(*s.app, "qa.evaluate.q.close.yes");
    f = Step(*s.app);
    CHECK(f.Text("qa.evaluate.score") == "Score with these answers: 60.0%");
    ClickItem(*s.app, "qa.evaluate.q.close.no");
    CHECK(Step(*s.app).Text("qa.evaluate.score") == "Score with these answers: 0.0% (auto-fail)");
    ClickItem(*s.app, "qa.evaluate.q.close.yes");
    ClickItem(*s.app, "qa.submit");
    CHECK(s.Last().method == "POST");
    CHECK(s.Last().path == "api/qa/evaluations");
    const json body = json::parse(s.Last().body);
    CHECK(body["form"] == 1);
    CHECK(body["version"] == 2);
    CHECK(body["call"] == "17");
    CHECK(body["answers"].size() == 3);
    CHECK(body["answers"][1] == json{{"question", "verify"}, {"choice", "no"}});
}

TEST_CASE("a complete calibration session shows each evaluator's deviation and the agreement with its band") {
    for (Lang lang : {Lang::En, Lang::Zh}) {
        Screen s(kQa, lang);
        ClickItem(*s.app, "button.qa");
        s.Answer(200, R"({"evaluations":[]})");
        ClickItem(*s.app, "qa.tab.calibration");
        CHECK(s.Last().path == "api/qa/calibrations");
        s.Answer(200, R"({"sessions":[{"id":5,"form":1,"version":2,"form_name":"Service","call":{"agent":"1001","t_ms":1767578000000},
            "evaluators":["root","qiu","qin"],"reference":"root","submitted":["root","qiu","qin"],"due_ms":1767664400000,"completed_ms":1767580000000,"status":"complete"}]})");
        ClickItem(*s.app, "qa.session.0");
        CHECK(s.Last().path == "api/qa/calibrations/5");
        s.Answer(200, std::string(R"({"id":5,"status":"complete","reference":"root","form_doc":)") + kForm + R"(,"entries":[
            {"evaluator":"root","answers":[{"question":"greet","choice":"yes"},{"question":"verify","choice":"no"},{"question":"close","choice":"yes"}]},
            {"evaluator":"qiu","answers":[{"question":"greet","choice":"yes"},{"question":"verify","choice":"yes"},{"question":"close","choice":"yes"}]},
            {"evaluator":"qin","answers":[{"question":"greet","choice":"no"},{"question":"verify","choice":"no"},{"question":"close","choice":"yes"}]}]})");
        AppView f = Step(*s.app);
        const bool en = lang == Lang::En;
        CHECK(f.Text("qa.result.0.evaluator") == (en ? "root (reference)" : "root (参考评估)"));
        CHECK(f.Text("qa.result.1.deviation") == (en ? "+40.0 pts" : "+40.0 分"));
        // qin: (0 x 40 + 1 x 20) / (2 x 40 + 1 x 20) = 20 %, 40 points under the reference's 60 %.
        CHECK(f.Text("qa.result.2.deviation") == (en ? "-40.0 pts" : "-40.0 分"));
        // Fleiss' kappa over greet, verify, close: rows [2,1] [1,2] [3,0]: P-bar = 5/9 = Pe-bar -> 0, poor.
        CHECK(f.Text("qa.fleiss") == (en ? "0.000  poor" : "0.000  差"));
    }
}

TEST_CASE("QA reports: per agent, team, form and question, with the definition used") {
    for (Lang lang : {Lang::En, Lang::Zh}) {
        const bool en = lang == Lang::En;
        Screen s(kLead, lang);
        ClickItem(*s.app, "button.qa");
        s.Answer(200, R"({"evaluations":[]})");
        ClickItem(*s.app, "qa.tab.reports");
        CHECK(s.Last().method == "GET");
        // The last 30 days by the call's time, to the page's clock.
        const std::string since = "&from_ms=" + std::to_string(kWall - 30 * 86400000LL);
        CHECK(s.Last().path == "api/qa/report?group=agent" + since);
        s.Answer(200, R"({"group":"agent","rows":[{"key":"1001","evaluations":3,"scored":2,"percent":62.5,"auto_failed":1,"min_percent":25.0,"max_percent":100.0},
                                                  {"key":"1002","evaluations":1,"scored":0,"percent":null,"auto_failed":0,"min_percent":null,"max_percent":null}],
                      "definition":"x"})");
        AppView f = Step(*s.app);
        CHECK(f.Text("qa.tab.reports") == (en ? "QA reports" : "质检报表"));
        CHECK(f.Text("qa.report.0.key") == "1001");
        CHECK(f.Text("qa.report.0.percent") == "62.5%");
        CHECK(f.Text("qa.report.1.percent") == "-");  // every answer N/A: no score, not 0
        ClickItem(*s.app, "qa.report.group.3");
        CHECK(s.Last().path == "api/qa/report?group=question" + since);
        s.Answer(200, R"({"group":"question","rows":[{"key":"verify","evaluations":3,"scored":3,"percent":33.3333333,"auto_failed":0,"min_percent":null,"max_percent":null}]})");
        f = Step(*s.app);
        CHECK(f.Text("qa.report.0.key") == "verify");
        CHECK(f.Text("qa.report.0.percent") == "33.3%");
        ClickItem(*s.app, "qa.report.group.1");
        CHECK(s.Last().path == "api/qa/report?group=team" + since);
        ClickItem(*s.app, "qa.report.period.7");
        CHECK(s.Last().path == "api/qa/report?group=team&from_ms=" + std::to_string(kWall - 7 * 86400000LL));
        ClickItem(*s.app, "qa.report.period.0");
        CHECK(s.Last().path == "api/qa/report?group=team");
    }
}

TEST_CASE("an evaluator starts a calibration session on a call, the reference named first") {
    Screen s(kQa, Lang::En);
    ClickItem(*s.app, "button.qa");
    s.Answer(200, R"({"evaluations":[]})");
    ClickItem(*s.app, "qa.tab.calibration");
    CHECK(s.Last().path == "api/qa/calibrations");
    s.Answer(200, R"({"sessions":[]})");
    // The agreement across complete sessions, then what the new-session form needs.
    CHECK(s.Last().path == "api/qa/agreement");
    s.Answer(200, R"({"evaluators":["root","qiu"],"sessions":[4,5],"icc_totals":{"valid":true,"targets":2,"judges":2,"icc2_1":0.8126,"band":"good"},
                      "drift":[{"evaluator":"qiu","sessions":2,"mean_deviation":-12.5,"mean_abs_deviation":12.5,"slope_per_30d":30.0,"points":[]},
                               {"evaluator":"qin","sessions":1,"mean_deviation":5.0,"mean_abs_deviation":5.0,"slope_per_30d":null,"points":[]}]})");
    CHECK(s.Last().path == "api/qa/forms");
    s.Answer(200, R"({"forms":[{"id":1,"name":"Service","version":2}]})");
    CHECK(s.Last().path == "api/qa/forms/1");
    s.Answer(200, std::string(R"({"id":1,"version":2,"form":)") + kForm + "}");
    CHECK(s.Last().path == "api/calls?limit=50");
    s.Answer(200, R"({"calls":[{"source":"demo","call":"17","t_ms":1767578000000,"queue":"sales","agent":"1001","wait_ms":5000,"talk_ms":120000,"outcome":"answered","caller":null}]})");
    AppView f = Step(*s.app);
    CHECK(f.Text("qa.icc_totals") == "0.813  good");
    CHECK(f.Text("qa.drift.0.evaluator") == "qiu");
    CHECK(f.Text("qa.drift.0.mean") == "-12.5 pts");
    CHECK(f.Text("qa.drift.0.trend") == "+30.0 pts");
    CHECK(f.Text("qa.drift.1.trend") == "needs sessions on two days");
    REQUIRE(f.Find("qa.create_session") != nullptr);
    // One evaluator only: refused on the page, nothing sent.
    ClickItem(*s.app, "qa.session_call.0");
    Fill(*s.app, "qa.session_evaluators", "root");
    const size_t sent = s.log->sent.size();
    ClickItem(*s.app, "qa.create_session");
    CHECK(s.log->sent.size() == sent);
    CHECK(Step(*s.app).Text("qa.error") == "evaluators: name at least two accounts, the reference first");
    Fill(*s.app, "qa.session_evaluators", "root, qiu qin");
    ClickItem(*s.app, "qa.create_session");
    REQUIRE(s.log->sent.size() == sent + 1);
    CHECK(s.Last().method == "POST");
    CHECK(s.Last().path == "api/qa/calibrations");
    const json body = json::parse(s.Last().body);
    CHECK(body["form"] == 1);
    CHECK(body["version"] == 2);
    CHECK(body["source"] == "demo");
    CHECK(body["call"] == "17");
    CHECK(body["evaluators"] == json{"root", "qiu", "qin"});
    CHECK(body["reference"] == "root");
    CHECK(body["due_ms"].get<int64_t>() - kWall == 24 * 3600000);  // due 24 hours after now
    s.Answer(201, R"({"id":9})");
    CHECK(s.Last().path == "api/qa/calibrations");  // the list again, with the new session
    CHECK(Step(*s.app).Text("qa.notice") == "Saved: #9");
}

TEST_CASE("an evaluator resolves a dispute with a re-score; a lead is not offered it") {
    const char* disputed = R"({"evaluations":[{"id":3,"form":1,"version":2,"form_name":"Service",
     "call":{"source":"demo","call":"17","t_ms":1767578000000,"queue":"sales","agent":"1001","team":"team_1","talk_ms":120000,"category":"answered","outcome":""},
     "evaluator":"qiu","status":"disputed","answers":[],"score":{"scored":true,"percent":60.0,"auto_failed":false},
     "lead_ack_by":"","agent_ack_by":"","disputes":[]}]})";
    {
        Screen lead(kLead, Lang::En);
        ClickItem(*lead.app, "button.qa");
        lead.Answer(200, disputed);
        CHECK(Step(*lead.app).Find("qa.evaluation.0.rescore") == nullptr);
    }
    Screen s(kQa, Lang::En);
    ClickItem(*s.app, "button.qa");
    s.Answer(200, disputed);
    AppView f = Step(*s.app);
    CHECK(f.Text("qa.evaluation.0.status") == "disputed");
    ClickItem(*s.app, "qa.evaluation.0.rescore");
    CHECK(s.Last().method == "GET");
    CHECK(s.Last().path == "api/qa/evaluations/3");
    s.Answer(200, std::string(R"({"id":3,"status":"disputed","answers":[{"question":"greet","choice":"yes"},{"question":"verify","choice":"no","comment":"not asked"},{"question":"close","choice":"yes"}],
        "disputes":[{"id":1,"reason":"verified by SMS","resolved":false}],"form_doc":)") + kForm + "}");
    f = Step(*s.app);
    CHECK(f.Text("qa.rescore.title") == "Re-score evaluation #3 (disputed: verified by SMS)");
    CHECK(f.Text("qa.rescore.score") == "Score with these answers: 60.0%");  // the answers as they stand
    ClickItem(*s.app, "qa.rescore.q.verify.yes");
    CHECK(Step(*s.app).Text("qa.rescore.score") == "Score with these answers: 100.0%");
    Fill(*s.app, "qa.rescore.note", "SMS check counts");
    ClickItem(*s.app, "qa.rescore.resolve");
    CHECK(s.Last().method == "POST");
    CHECK(s.Last().path == "api/qa/evaluations/3/resolve");
    const json body = json::parse(s.Last().body);
    CHECK(body["note"] == "SMS check counts");
    CHECK(body["answers"][1] == json{{"question", "verify"}, {"choice", "yes"}, {"comment", "not asked"}});
    s.Answer(200, R"({"id":3})");
    CHECK(s.Last().path == "api/qa/evaluations?limit=200");
    CHECK(Step(*s.app).Find("qa.rescore.title") == nullptr);
}

TEST_CASE("an administrator builds a form on the page; a gap is refused naming its place before anything is sent") {
    const char* admin = R"({"mode":"accounts","user":"root","role":"admin","teams":[],"csrf":"r","expires_at_ms":0})";
    for (Lang lang : {Lang::En, Lang::Zh}) {
        Screen s(admin, lang);
        ClickItem(*s.app, "button.qa");
        s.Answer(200, R"({"evaluations":[]})");
        ClickItem(*s.app, "qa.tab.forms");
        CHECK(s.Last().path == "api/qa/forms");
        s.Answer(200, R"({"forms":[]})");
        ClickItem(*s.app, "qa.new_form");
        Fill(*s.app, "qa.draft.name", "Service");
        Fill(*s.app, "qa.draft.s0.title", "Opening");
        const size_t sent = s.log->sent.size();
        ClickItem(*s.app, "qa.draft.save");
        CHECK(s.log->sent.size() == sent);
        CHECK(Step(*s.app).Text("qa.error") == "sections[0].questions[0].text: must not be empty");
        Fill(*s.app, "qa.draft.s0.q0.text", "Greets by name");
        ClickItem(*s.app, "qa.draft.save");
        REQUIRE(s.log->sent.size() == sent + 1);
        CHECK(s.Last().method == "POST");
        CHECK(s.Last().path == "api/qa/forms");
        const json body = json::parse(s.Last().body);
        CHECK(body["name"] == "Service");
        CHECK(body["sections"][0]["title"] == "Opening");
        CHECK(body["sections"][0]["weight"] == 1);
        CHECK(body["sections"][0]["questions"][0]["text"] == "Greets by name");
        CHECK(body["sections"][0]["questions"][0]["kind"] == "yes_no");
        s.Answer(201, R"({"id":4,"version":1})");
        CHECK(s.Last().path == "api/qa/forms");  // the list again
        CHECK(Step(*s.app).Text("qa.notice") == (lang == Lang::En ? "Saved: #4 v1" : "已保存：#4 v1"));
        // The next save of the same draft is a new version of form 4.
        s.Answer(200, R"({"forms":[{"id":4,"name":"Service","version":1}]})");
        ClickItem(*s.app, "qa.draft.save");
        CHECK(s.Last().method == "PUT");
        CHECK(s.Last().path == "api/qa/forms/4");
    }
}
