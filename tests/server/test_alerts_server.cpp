// Alerts on the server (docs/alerts.md): rules through the API (managers only, validated with the
// field at fault, audited), routing of live alerts to the lead of the team concerned and not to
// others (and center-wide ones to supervisors), acting on them with the user recorded in the
// stored history (schema v16), and webhook notifications POSTed to a loopback receiver, retried
// with backoff.
#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>
#include "admin_server.h"
#include "smtp_sink.h"
#include "server/export/alert_delivery.h"
#include "server/store/migrations.h"
#include "server/store/sqlite_db.h"
#include "server/store/store_alerts.h"

using namespace cbtest;
using cbtest::SmtpSink;
using nlohmann::json;

namespace {

// The two-team center with callers waiting 90 s in orders and agents 1001 (team a) and 1002
// (team b) not ready for 400 s.
cb::Snapshot Outage(int64_t now) {
    cb::Snapshot s = TwoTeamCenter(2);
    s.now_ms = now;
    s.queues[0].waiting = 3;
    s.queues[0].oldest_wait_since_ms = now - 90000;
    for (int i : {0, 1}) {
        s.agents[i].state = cb::AgentState::NotReady;
        s.agents[i].state_since_ms = now - 400000;
    }
    return s;
}

std::vector<std::string> Subjects(const json& list) {
    std::vector<std::string> out;
    for (const json& a : list) out.push_back(a["subject"]["kind"].get<std::string>() + ":" + a["subject"]["key"].get<std::string>());
    std::sort(out.begin(), out.end());
    return out;
}

const char* kQueueRule = R"({"name":"Callers wait","scope":"queue","scope_key":"orders","pending_s":0,
  "conditions":[{"metric":"oldest_wait_s","warning":60,"critical":120,"clear":45}]})";
const char* kAgentRule = R"({"name":"Not ready too long","scope":"center","pending_s":0,
  "conditions":[{"metric":"agent_state_s","state":"not_ready","warning":300,"critical":900,"clear":300}]})";

}  // namespace

TEST_CASE("schema v16: the alert tables come with the migrations, on a new and on an older database") {
    cbtest::TempDir dir;
    // A database migrated up to v13 (before the alerts), with a team in it.
    const std::string old = dir.path() + "/old.db";
    {
        cb::sql::Db db;
        REQUIRE(db.Open(old).ok());
        int version = 0;
        REQUIRE(cb::Migrate(db, &version, 13).ok());
        CHECK(version == 13);
        REQUIRE(db.Exec("INSERT INTO teams (key, name_en, name_zh) VALUES ('t1', 'Team 1', '一组')").ok());
    }
    CHECK(cbtest::Query(old, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'alert_%'") == "0\n");
    cb::AlertStore store;
    REQUIRE(store.Open(old).ok());
    CHECK(cbtest::Query(old, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'alert_%' ORDER BY name") ==
          "alert_history\nalert_rules\n");
    CHECK(cbtest::Query(old, "SELECT MAX(version) FROM schema_version") == std::to_string(cb::LatestSchemaVersion()) + "\n");
    CHECK(cbtest::Query(old, "SELECT COUNT(*) FROM schema_version WHERE version = 16") == "1\n");
    CHECK(cbtest::Query(old, "SELECT key, name_zh FROM teams") == "t1|一组\n");
    // Opened again: nothing applied twice.
    cb::AlertStore again;
    REQUIRE(again.Open(old).ok());
    CHECK(cbtest::Query(old, "SELECT COUNT(*) FROM schema_version WHERE version = 16") == "1\n");
}

TEST_CASE("alert rules: managers edit them through the API, validated with the field at fault and audited") {
    AdminServer server;
    const std::string mona = server.Token("mona");
    const std::string wang = server.Token("wang");
    Answer a = Call(server, "POST", "/api/alerts/rules", wang, kQueueRule);
    CHECK(a.status == 403);
    a = Call(server, "POST", "/api/alerts/rules", mona,
             R"({"name":"x","scope":"queue","conditions":[{"metric":"oldest_wait_s","warning":60,"critical":30}]})");
    CHECK(a.status == 400);
    CHECK(a.body["field"] == "conditions[0].critical");
    CHECK(a.body["code"] == "order");
    a = Call(server, "POST", "/api/alerts/rules", mona, R"({"name":"x","colour":"red","conditions":[]})");
    CHECK(a.status == 400);
    a = Call(server, "POST", "/api/alerts/rules", mona, kQueueRule);
    REQUIRE(a.status == 201);
    const int64_t id = a.body["id"].get<int64_t>();
    CHECK(id > 0);
    CHECK(a.body["cooldown_s"] == 300);
    a = Call(server, "PUT", "/api/alerts/rules/" + std::to_string(id), mona,
             R"({"name":"Callers wait long","scope":"queue","scope_key":"orders","pending_s":10,
                 "conditions":[{"metric":"oldest_wait_s","warning":90,"critical":180,"clear":60}]})");
    REQUIRE(a.status == 200);
    a = Call(server, "GET", "/api/alerts/rules", wang);
    REQUIRE(a.status == 200);
    REQUIRE(a.body["rules"].size() == 1);
    CHECK(a.body["rules"][0]["name"] == "Callers wait long");
    CHECK(a.body["rules"][0]["pending_s"] == 10);
    CHECK(a.body["may_edit"] == false);
    CHECK(Call(server, "PUT", "/api/alerts/rules/999", mona, kQueueRule).status == 404);
    CHECK(Call(server, "DELETE", "/api/alerts/rules/" + std::to_string(id), mona).status == 204);
    CHECK(Call(server, "GET", "/api/alerts/rules", mona).body["rules"].empty());
    CHECK(server.Audit("alert_rule_add").size() == 1);
    CHECK(server.Audit("alert_rule_change").size() == 1);
    CHECK(server.Audit("alert_rule_delete").size() == 1);
    CHECK(server.Audit("alert_rule_add").at(0).user == "mona");
    // Stored rules survive a restart of the service.
    REQUIRE(Call(server, "POST", "/api/alerts/rules", mona, kAgentRule).status == 201);
    cb::AlertService again(&server.alert_store, &server.broadcaster, nullptr, [] { return int64_t{0}; });
    REQUIRE(again.Load().ok());
    std::vector<cb::alert::Rule> rules;
    cb::Caller root;
    root.role = cb::Role::Admin;
    REQUIRE(again.Rules(root, &rules).ok());
    REQUIRE(rules.size() == 1);
    CHECK(rules[0].conditions[0].state == "not_ready");
}

TEST_CASE("an alert reaches the lead of the team concerned and not the others; center-wide ones the supervisors") {
    AdminServer server;
    server.Add("bao", cb::Role::Lead, {"b"});
    const std::string mona = server.Token("mona");
    const std::string wang = server.Token("wang");
    const std::string bao = server.Token("bao");
    const std::string tv = server.Token("tv");
    const std::string qiu = server.Token("qiu");
    REQUIRE(Call(server, "POST", "/api/alerts/rules", mona, kQueueRule).status == 201);
    REQUIRE(Call(server, "POST", "/api/alerts/rules", mona, kAgentRule).status == 201);
    server.broadcaster.Publish(Outage(server.now));
    std::vector<cb::alert::Change> changes = server.alerts.Tick();
    CHECK(changes.size() == 3);

    Answer a = Call(server, "GET", "/api/alerts", wang);
    REQUIRE(a.status == 200);
    CHECK(Subjects(a.body["alerts"]) == std::vector<std::string>{"agent:1001"});
    CHECK(a.body["alerts"][0]["may_act"] == true);
    CHECK(a.body["alerts"][0]["state"] == "firing");
    CHECK(a.body["alerts"][0]["subject"]["team"] == "a");
    // The wallboard panel of a lead: the center-wide alert and their own team's.
    CHECK(Subjects(a.body["center"]) == std::vector<std::string>{"agent:1001", "queue:orders"});
    a = Call(server, "GET", "/api/alerts", bao);
    CHECK(Subjects(a.body["alerts"]) == std::vector<std::string>{"agent:1002"});
    a = Call(server, "GET", "/api/alerts", mona);
    CHECK(Subjects(a.body["alerts"]) == std::vector<std::string>{"queue:orders"});
    CHECK(Subjects(a.body["center"]) == std::vector<std::string>{"agent:1001", "agent:1002", "queue:orders"});
    a = Call(server, "GET", "/api/alerts", tv);
    CHECK(a.body["alerts"].empty());
    CHECK(Subjects(a.body["center"]) == std::vector<std::string>{"agent:1001", "agent:1002", "queue:orders"});
    CHECK(Call(server, "GET", "/api/alerts", qiu).status == 403);

    // Acting: a lead on their own team's alert only; the user is recorded.
    const std::string agent_rule = std::to_string(changes[1].rule_id);
    a = Call(server, "POST", "/api/alerts/ack", wang, R"({"rule_id":)" + agent_rule + R"(,"subject":{"kind":"agent","key":"1002"}})");
    CHECK(a.status == 403);
    CHECK(a.body["code"] == "not_your_team");
    CHECK(Call(server, "POST", "/api/alerts/ack", tv, R"({"rule_id":)" + agent_rule + R"(,"subject":{"kind":"agent","key":"1002"}})").status == 403);
    a = Call(server, "POST", "/api/alerts/ack", wang, R"({"rule_id":)" + agent_rule + R"(,"subject":{"kind":"agent","key":"1001"}})");
    REQUIRE(a.status == 200);
    CHECK(a.body["to"] == "acknowledged");
    CHECK(a.body["user"] == "wang");
    server.now += 1000;
    a = Call(server, "POST", "/api/alerts/snooze", bao, R"({"rule_id":)" + agent_rule + R"(,"subject":{"kind":"agent","key":"1002"}})");
    REQUIRE(a.status == 200);
    CHECK(a.body["note"] == "snoozed 15 min");
    a = Call(server, "POST", "/api/alerts/snooze", bao, R"({"rule_id":)" + agent_rule + R"(,"subject":{"kind":"agent","key":"1002"},"minutes":0})");
    CHECK(a.status == 400);
    CHECK(a.body["field"] == "minutes");
    a = Call(server, "POST", "/api/alerts/resolve", mona, R"({"rule_id":99,"subject":{"kind":"queue","key":"orders"}})");
    CHECK(a.status == 404);
    a = Call(server, "POST", "/api/alerts/resolve", mona,
             R"({"rule_id":)" + std::to_string(changes[0].rule_id) + R"(,"subject":{"kind":"queue","key":"orders"}})");
    REQUIRE(a.status == 200);
    CHECK(a.body["user"] == "mona");
    // The snooze ends after 15 minutes on the engine's clock: bao's alert fires again.
    server.now += 15 * 60000;
    server.broadcaster.Publish(Outage(server.now));
    changes = server.alerts.Tick();
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].subject.key == "1002");
    CHECK(changes[0].to == cb::alert::State::Firing);

    // History (schema v16): every change with its user and time; a lead sees their teams' and the
    // center-wide ones only.
    a = Call(server, "GET", "/api/alerts/history", mona);
    REQUIRE(a.status == 200);
    CHECK(a.body["history"].size() == 7);  // 3 fired, ack, snooze, resolve, fired again
    bool saw_ack = false;
    for (const json& h : a.body["history"]) {
        if (h["to"] == "acknowledged" && h["user"] == "wang") saw_ack = h["subject"]["key"] == "1001" && h["at_ms"] == server.now - 15 * 60000 - 1000;
    }
    CHECK(saw_ack);
    a = Call(server, "GET", "/api/alerts/history", wang);
    for (const json& h : a.body["history"]) CHECK(h["subject"]["key"] != "1002");
    CHECK(a.body["history"].size() == 4);  // 1001 fired and acknowledged, orders fired and resolved
    CHECK(Call(server, "GET", "/api/alerts/history", tv).status == 403);
    // Each action is in the audit log too, with the user and what it concerned.
    const auto acks = server.Audit("alert_ack");
    REQUIRE(acks.size() == 1);
    CHECK(acks[0].user == "wang");
    CHECK(acks[0].detail == "alert rule " + agent_rule + " agent 1001");
    CHECK(server.Audit("alert_snooze").size() == 1);
    REQUIRE(server.Audit("alert_resolve").size() == 1);
    CHECK(server.Audit("alert_resolve")[0].user == "mona");
    CHECK(Call(server, "GET", "/api/alerts/history?limit=0", mona).status == 400);
}

TEST_CASE("webhook: a JSON POST to a loopback receiver, retried with backoff until it is taken") {
    httplib::Server receiver;
    std::atomic<int> calls{0};
    std::string last_body, content_type, authorization;
    std::mutex mutex;
    receiver.Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
        const int n = ++calls;
        {
            std::lock_guard<std::mutex> lock(mutex);
            last_body = req.body;
            content_type = req.get_header_value("Content-Type");
            authorization = req.get_header_value("Authorization");
        }
        res.status = n <= 2 ? 503 : 200;  // the first two tries fail
    });
    const int port = receiver.bind_to_any_port("127.0.0.1");
    std::thread thread([&] { receiver.listen_after_bind(); });
    while (!receiver.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));

    cb::AlertDelivery delivery;
    delivery.webhook_url = "http://127.0.0.1:" + std::to_string(port) + "/hook";
    delivery.webhook_token = "hook-token-8472-secret";
    cb::DeliveryOptions options;
    options.attempts = 4;
    options.first_backoff_ms = 20;
    cb::AlertNotifier notifier(delivery, {}, options);
    cb::alert::Change c;
    c.at_ms = 1767585600000;
    c.rule_id = 4;
    c.rule_name = "Callers wait";
    c.subject = {cb::alert::ScopeKind::Queue, "orders", ""};
    c.from = cb::alert::State::Pending;
    c.to = cb::alert::State::Firing;
    c.value = 75;
    c.notify = true;
    cb::alert::Change quiet = c;
    quiet.notify = false;  // in cooldown: not sent
    notifier.Send({quiet, c});
    REQUIRE(notifier.Drain(5000));
    CHECK(calls == 3);
    const cb::AlertNotifier::Stats stats = notifier.stats();
    CHECK(stats.webhook_sent == 1);
    CHECK(stats.webhook_retries == 2);
    CHECK(stats.webhook_failed == 0);
    {
        std::lock_guard<std::mutex> lock(mutex);
        CHECK(content_type == "application/json");
        CHECK(authorization == "Bearer hook-token-8472-secret");
        const json body = json::parse(last_body);
        CHECK(body["text"] == "FIRING warning: Callers wait (queue orders) = 75");
        CHECK(body["alert"]["rule_id"] == 4);
        CHECK(body["alert"]["to"] == "firing");
        CHECK(body["alert"]["subject"]["key"] == "orders");
    }
    receiver.stop();
    thread.join();

    // Nobody listening: every attempt fails and it gives up, counted.
    cb::AlertDelivery gone;
    gone.webhook_url = "http://127.0.0.1:" + std::to_string(FreePort()) + "/hook-token-8472-secret";
    gone.webhook_token = "hook-token-8472-secret";
    options.attempts = 3;
    cb::AlertNotifier failing(gone, {}, options);
    failing.Send({c});
    REQUIRE(failing.Drain(5000));
    CHECK(failing.stats().webhook_failed == 1);
    CHECK(failing.stats().webhook_retries == 2);
    // What is logged says why, and carries neither the token nor the URL's path.
    CHECK(failing.stats().last_error.find("giving up after 3 attempts") != std::string::npos);
    CHECK(failing.stats().last_error.find("hook-token-8472") == std::string::npos);
}

TEST_CASE("alert mail: through the SMTP relay of the scheduled reports to a loopback sink") {
    SmtpSink sink;
    cb::SmtpSettings smtp;
    smtp.url = "smtp://127.0.0.1:" + std::to_string(sink.port());
    smtp.from = "callboard@example.org";
    smtp.user = "relay";
    smtp.password = "relay-secret-4711";
    cb::AlertDelivery delivery;
    delivery.mail_to = {"lead@center.example", "duty@center.example"};
    cb::AlertNotifier notifier(delivery, smtp);
    cb::alert::Change c;
    c.at_ms = 1767585600000;
    c.rule_id = 2;
    c.rule_name = "Not ready too long";
    c.subject = {cb::alert::ScopeKind::Agent, "1001", "a"};
    c.from = cb::alert::State::Firing;
    c.to = cb::alert::State::Acknowledged;
    c.severity = cb::alert::Severity::Critical;
    c.value = 950;
    c.user = "wang";
    c.notify = true;
    notifier.Send({c});
    REQUIRE(notifier.Drain(10000));
    CHECK(notifier.stats().mail_sent == 1);
    CHECK(notifier.stats().mail_failed == 0);
    const std::vector<SmtpSink::Mail> mails = sink.mails();
    REQUIRE(mails.size() == 1);
    std::vector<std::string> rcpt;
    for (const std::string& line : mails[0].commands)
        if (line.rfind("RCPT TO:", 0) == 0) rcpt.push_back(line);
    CHECK(rcpt == std::vector<std::string>{"RCPT TO:<lead@center.example>", "RCPT TO:<duty@center.example>"});
    const std::string& data = mails[0].data;
    CHECK(data.find("Subject: [Callboard] ACKNOWLEDGED critical: Not ready too long (agent 1001) = 950 by wang") !=
          std::string::npos);
    CHECK(data.find("relay-secret-4711") == std::string::npos);
    CHECK(data.find("application/pdf") == std::string::npos);  // no attachment

    // The relay gone: counted and logged without the password.
    cb::SmtpSettings gone = smtp;
    gone.url = "smtp://127.0.0.1:" + std::to_string(FreePort());
    cb::AlertNotifier failing(delivery, gone);
    failing.Send({c});
    REQUIRE(failing.Drain(10000));
    CHECK(failing.stats().mail_failed == 1);
    CHECK(failing.stats().last_error.rfind("alert mail: ", 0) == 0);
    CHECK(failing.stats().last_error.find("relay-secret-4711") == std::string::npos);
}

TEST_CASE("alerts configuration: webhook URL and mail recipients are checked") {
    auto parse = [](const std::string& text) { return cb::ParseConfig(text, "cfg.json", "/tmp"); };
    cb::Result<cb::Config> ok = parse(R"({"alerts":{"webhook_url":"https://hooks.example/callboard"}})");
    REQUIRE(ok.ok());
    CHECK(ok.value().alerts.webhook_url == "https://hooks.example/callboard");
    cb::Result<cb::Config> bad = parse(R"({"alerts":{"webhook_url":"ftp://x"}})");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().message().find("alerts.webhook_url: must start with http:// or https://") != std::string::npos);
    bad = parse(R"({"alerts":{"mail_to":["lead@center.example"]}})");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().message().find("alerts.mail_to: needs scheduled_reports.smtp") != std::string::npos);
    bad = parse(R"({"alerts":{"mail_to":["not an address"]}})");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().message().find("alerts.mail_to[0]") != std::string::npos);
    // The webhook's token: needs the URL, and a refusal never repeats it.
    bad = parse(R"({"alerts":{"webhook_token":"tok-123456-secret"}})");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().message().find("alerts.webhook_token: needs webhook_url") != std::string::npos);
    CHECK(bad.status().message().find("tok-123456-secret") == std::string::npos);
    bad = parse(R"({"alerts":{"webhook_url":"https://h.example/x","webhook_token":"tok-123456-secret","webhook_token_file":"t"}})");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().message().find("tok-123456-secret") == std::string::npos);
    ok = parse(R"({"alerts":{"webhook_url":"https://h.example/x","webhook_token":"tok-123456-secret"}})");
    REQUIRE(ok.ok());
    CHECK(ok.value().alerts.webhook_token == "tok-123456-secret");
}
