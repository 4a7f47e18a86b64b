// `callboard report` as a user runs it: the same numbers as the API (JSON and CSV byte for byte),
// the zone the days were counted in, days still waiting counted first, bad input answered with a
// clear message and exit code 2 with nothing changed, and --user scoping a lead to their team.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include "core/report/report_csv.h"
#include "core/report/report_json.h"
#include "server/admin/report_service.h"
#include "server/auth/crypto.h"
#include "server/store/store_accounts.h"
#include "server/store/store_reports.h"
#include "server/store/store_roster.h"
#include "core/wfm/roster_json.h"
#include "report_fixture.h"
#include "server_test_util.h"

namespace {

const std::string kBin = CB_CALLBOARD_BIN;

struct ReportCli {
    cbtest::TempDir dir;
    std::string db = dir.path() + "/r.db";
    std::string password_file = dir.path() + "/pw";
    cbtest::ReportDb data;
    ReportCli() {
        data = cbtest::OpenReportDb(db, cbtest::BerlinMs({2026, 1, 1}, 0, 0));
        std::ofstream(password_file) << "a-long-password\n";
        auto accounts = std::move(cb::SqliteAccountStore::Open(db).value());
        for (const auto& [name, role, teams] : {std::tuple{"root", cb::Role::Admin, std::vector<std::string>{}},
                                                std::tuple{"wang", cb::Role::Lead, std::vector<std::string>{"a"}}}) {
            cb::Account a;
            a.name = name;
            a.role = role;
            a.teams = teams;
            a.password_hash = cb::HashPassword("a-long-password").value();
            REQUIRE(accounts->AddAccount(a).ok());
        }
    }
    int Run(const std::string& args, std::string* out = nullptr, std::string* err = nullptr) {
        const std::string out_file = dir.path() + "/out", err_file = dir.path() + "/err";
        const std::string command = kBin + " report " + args + " > " + out_file + " 2> " + err_file + " < /dev/null";
        const int status = std::system(command.c_str());
        auto read = [](const std::string& path) {
            std::stringstream text;
            text << std::ifstream(path).rdbuf();
            return text.str();
        };
        if (out) *out = read(out_file);
        if (err) *err = read(err_file);
        return WEXITSTATUS(status);
    }
    // What the tables that a report could change hold now.
    std::string State() {
        std::string s;
        for (const char* t : {"audit", "sessions", "saved_reports", "incident_notes", "dirty_days", "day_totals", "interval_counts"}) {
            s += cbtest::Query(db, std::string("SELECT COUNT(*) FROM ") + t);
        }
        return s + cbtest::Query(db, "SELECT SUM(offered) FROM day_totals");
    }
    cb::Report Direct(const cb::ReportQuery& q) {
        cb::ReportStore store;
        REQUIRE(store.Open(db).ok());
        cb::ReportService service([] { return cbtest::BerlinMs({2026, 3, 30}, 12, 0); });
        service.Attach(&store, cbtest::Berlin(), 15);
        cb::Caller admin;
        admin.local = true;
        cb::Report r;
        REQUIRE(service.RunReport(q, admin, &r).ok());
        return r;
    }
};

}  // namespace

TEST_CASE("callboard report: the API's numbers as JSON, CSV and a table, in the zone the days were counted in") {
    ReportCli cli;
    cb::ReportQuery q;
    q.from = {2026, 3, 28};
    q.to = {2026, 3, 29};
    q.group = cb::ReportGroup::Queue;
    q.granularity = cb::ReportGranularity::Day;
    const cb::Report direct = cli.Direct(q);

    std::string out, err;
    REQUIRE(cli.Run("--db " + cli.db + " --from 2026-03-28 --to 2026-03-29 --by queue --by day --json", &out, &err) == 0);
    cb::Report report;
    std::string error;
    REQUIRE_MESSAGE(cb::ReportFromJson(out, &report, &error), error);
    CHECK(report.zone == "Europe/Berlin");
    CHECK(report.buckets == direct.buckets);
    CHECK(report.rows == direct.rows);
    CHECK(report.totals == direct.totals);
    CHECK(report.definitions == direct.definitions);

    REQUIRE(cli.Run("--db " + cli.db + " --from 2026-03-28 --to 2026-03-29 --by day --by queue --csv", &out, &err) == 0);
    CHECK(out == cb::ReportToCsv(direct));

    REQUIRE(cli.Run("--db " + cli.db + " --from 2026-03-28 --to 2026-03-29 --by queue", &out, &err) == 0);
    CHECK(out.find("2026-03-28 to 2026-03-29, queue by range, Europe/Berlin") != std::string::npos);
    CHECK(out.find("sales             4        2        2         25.0%   33.3%   22.5") != std::string::npos);
    CHECK(out.find("#1 queue sales: answered_over_offered, T 20 s") != std::string::npos);

    // Intervals of the 23 h day; an agent's scorecard; the incident; the definitions.
    REQUIRE(cli.Run("--db " + cli.db + " --from 2026-03-29 --by interval --json", &out, &err) == 0);
    REQUIRE(cb::ReportFromJson(out, &report, &error));
    CHECK(report.buckets.size() == 92);
    CHECK(report.rows[9].counts.offered == 1);
    REQUIRE(cli.Run("scorecard 1001 --db " + cli.db + " --from 2026-03-28 --to 2026-03-29 --periods 2 --json", &out, &err) == 0);
    cb::Scorecard card;
    REQUIRE_MESSAGE(cb::ScorecardFromJson(out, &card, &error), error);
    CHECK(card.figures[static_cast<size_t>(cb::FindScoreFigure("order_value_cents"))].value.total == 12000);
    CHECK(card.periods.size() == 3);
    // No roster was published in this database: adherence says so, in the text too.
    CHECK_FALSE(card.figures[static_cast<size_t>(cb::FindScoreFigure("adherence_pct"))].value.valid);
    REQUIRE(cli.Run("scorecard 1001 --db " + cli.db + " --from 2026-03-28 --to 2026-03-29 --periods 1", &out, &err) == 0);
    CHECK(out.find("adherence_pct" + std::string(13, ' ') + "no schedule   -             no schedule   no schedule\n") != std::string::npos);
    CHECK(out.find("adherence_pct, conformance_pct: from the published rosters") != std::string::npos);
    REQUIRE(cli.Run("incident --db " + cli.db + " --date 2026-03-28 --from 08:00 --to 09:00 --weeks 1", &out, &err) == 0);
    CHECK(out.find("Incident 2026-03-28 08:00-09:00 (Europe/Berlin), against the previous 1 week") != std::string::npos);
    CHECK(out.find("08:30 +01:00") != std::string::npos);
    REQUIRE(cli.Run("definitions --db " + cli.db + " --json", &out, &err) == 0);
    std::vector<cb::DefinitionVersion> defs;
    REQUIRE(cb::DefinitionsFromJson(out, &defs, &error));
    CHECK(defs.size() == 3);
}

TEST_CASE("callboard report scorecard: adherence from the database's published roster, as the store computes it") {
    ReportCli cli;
    // 1001 rostered 09:00-10:00 on Saturday 28 March (Berlin), published.
    const std::string problem =
        R"({"start_date": "2026-03-28", "days": 2, "interval_min": 60, "shifts": [{"name": "short", "start": "09:00", "hours": 1}],)"
        R"( "agents": [{"key": "1001", "skills": ["sales"], "min_hours_week": 0, "max_hours_week": 40}],)"
        R"( "required": {"sales": [[0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0], [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]]}})";
    cb::wfm::RosterDoc doc;
    std::string error;
    REQUIRE_MESSAGE(cb::wfm::RosterProblemFromJson(problem, &doc.problem, &error), error);
    doc.team = "a";
    doc.roster.shift = {{0, -1}};
    doc.solve.status = "hand";
    cb::wfm::AdherenceFigure expected;
    {
        auto rosters = std::move(cb::RosterStore::Open(cli.db).value());
        cb::wfm::RosterLogEntry line;
        line.action = "solve";
        cb::Result<int64_t> id = rosters->CreateRoster(doc, line, {});
        REQUIRE(id.ok());
        REQUIRE(rosters->PublishRoster(id.value(), "root", 1, {}).ok());
        cb::Result<cb::wfm::AdherenceFigure> f = rosters->AgentAdherence("1001", "2026-03-28", "2026-03-29", cbtest::Berlin(), {}, INT64_MAX);
        REQUIRE(f.ok());
        expected = f.value();
    }
    REQUIRE(expected.valid);
    CHECK(expected.scheduled_ms == 3600000);
    std::string out, err;
    REQUIRE(cli.Run("scorecard 1001 --db " + cli.db + " --from 2026-03-28 --to 2026-03-29 --periods 1 --json", &out, &err) == 0);
    cb::Scorecard card;
    REQUIRE_MESSAGE(cb::ScorecardFromJson(out, &card, &error), error);
    const cb::ScoreValue& v = card.figures[static_cast<size_t>(cb::FindScoreFigure("adherence_pct"))].value;
    REQUIRE(v.valid);
    CHECK(v.count == 3600000);
    CHECK(v.total == expected.scheduled_ms - expected.exception_ms);
    CHECK(v.value == doctest::Approx(expected.adherence * 100));
    // The period before had nothing scheduled.
    CHECK_FALSE(card.figures[static_cast<size_t>(cb::FindScoreFigure("adherence_pct"))].series[0].valid);
}

TEST_CASE("callboard report counts the days still waiting before it answers") {
    ReportCli cli;
    // A late call for Saturday, stored but not yet counted (as between the server's rebuilds).
    std::vector<cb::StoredEvent> late(2);
    late[0].idem_key = "late1";
    late[0].event.kind = cb::EventKind::CallOffered;
    late[0].event.t_ms = cbtest::BerlinMs({2026, 3, 28}, 11, 0);
    late[0].event.call = 9;
    late[0].event.queue = 0;
    late[1].idem_key = "late2";
    late[1].event = late[0].event;
    late[1].event.kind = cb::EventKind::CallAbandoned;
    late[1].event.t_ms += 30000;
    REQUIRE(cli.data.store->Append("api", cli.data.directory, late).ok());
    cli.data.store.reset();
    CHECK(cbtest::Query(cli.db, "SELECT COUNT(*) FROM dirty_days") == "1\n");
    std::string out, err;
    REQUIRE(cli.Run("--db " + cli.db + " --from 2026-03-28 --json", &out, &err) == 0);
    cb::Report report;
    std::string error;
    REQUIRE(cb::ReportFromJson(out, &report, &error));
    CHECK(report.totals[0].counts.offered == 5);
    CHECK(report.pending_days.empty());
    CHECK(cbtest::Query(cli.db, "SELECT COUNT(*) FROM dirty_days") == "0\n");
}

TEST_CASE("callboard report: bad input gets a clear message and exit code 2, and changes nothing") {
    ReportCli cli;
    const std::string before = cli.State();
    struct Case {
        std::string args;
        std::string message;
    };
    const Case cases[] = {
        {"--from 2026-03-29 --to 2026-03-28", "callboard: report: to: 2026-03-28 is before from (2026-03-29)\n"},
        {"--from 2026-3-28", "callboard: report: from: '2026-3-28' is not a date (YYYY-MM-DD)\n"},
        {"--from 2026-03-28 --by hour",
         "callboard: report: --by: 'hour' is not one of center, queue, team, agent, interval, 15min, 30min, 60min, day, week, "
         "month, range\n"},
        {"--from 2026-01-01 --to 2026-03-01 --by interval",
         "callboard: report: to: the range 2026-01-01 to 2026-03-01 is 60 days; 15-minute reports cover at most 31 days\n"},
        {"--from 2026-03-28 --by queue --queue billing", "callboard: report: queue: unknown queue 'billing' (queues: sales, support)\n"},
        {"--from 2026-03-28 --by queue --by team", "callboard: report: --by: two groupings given; choose one of center, queue, team, agent\n"},
        {"--from 2026-03-28 --tz Asia/Shanghai",
         "callboard: report: the database's days are counted in Europe/Berlin, not Asia/Shanghai (reports use the zone the days were "
         "counted in)\n"},
        {"--from 2026-03-28 --json --csv", "callboard: report: --json and --csv: choose one\n"},
        {"scorecard 1001 --from 2026-03-28 --periods x", "callboard: report: --periods: 'x' is not a whole number\n"},
        {"incident --date 2026-03-28 --from 09:00 --to 08:00", "callboard: report: to: 08:00 is not after from (09:00)\n"},
        {"scorecard --from 2026-03-28", "callboard: report: scorecard: missing agent key\n"},
        {"yearly --from 2026-03-28", "callboard: report: unknown subcommand 'yearly' (scorecard, team, incident, definitions, daily, weekly, monthly)\n"},
        {"weekly --from 2026-03-28", "callboard: report: unknown option '--from' for report weekly\n"},
        {"daily --date 2026-03-28", "callboard: report: daily: --pdf FILE is missing (where to write the PDF)\n"},
        {"daily --date 2026-02-30 --pdf x.pdf", "callboard: report: --date: '2026-02-30' is not a date YYYY-MM-DD\n"},
        {"monthly --lang fr --pdf x.pdf", "callboard: report: --lang: 'fr' is not zh or en\n"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.args);
        std::string out, err;
        CHECK(cli.Run(c.args + " --db " + cli.db, &out, &err) == 2);
        CHECK(err == c.message);
        CHECK(out.empty());
    }
    CHECK(cli.State() == before);
    // No database there: exit 1, and none is created.
    std::string err;
    CHECK(cli.Run("--from 2026-03-28 --db " + cli.dir.path() + "/missing.db", nullptr, &err) == 1);
    CHECK(err == "callboard: report: no database at '" + cli.dir.path() + "/missing.db' (--db FILE)\n");
    struct stat st {};
    CHECK(stat((cli.dir.path() + "/missing.db").c_str(), &st) != 0);
}

TEST_CASE("callboard report --user: a lead reads their own team only") {
    ReportCli cli;
    const std::string as_lead = " --db " + cli.db + " --user wang --password-file " + cli.password_file;
    std::string out, err;
    CHECK(cli.Run("scorecard 1003 --from 2026-03-28 --to 2026-03-29" + as_lead, &out, &err) == 1);
    CHECK(err == "callboard: report: no agent '1003'\n");
    CHECK(out.empty());
    CHECK(cli.Run("team b --from 2026-03-28 --to 2026-03-29" + as_lead, &out, &err) == 1);
    CHECK(err == "callboard: report: team: team 'b' is not one of your teams\n");
    REQUIRE(cli.Run("team a --from 2026-03-28 --to 2026-03-29 --csv" + as_lead, &out, &err) == 0);
    CHECK(out.find("1001") != std::string::npos);
    CHECK(out.find("1003") == std::string::npos);
    REQUIRE(cli.Run("--from 2026-03-28 --to 2026-03-29 --by agent --json" + as_lead, &out, &err) == 0);
    cb::Report report;
    std::string error;
    REQUIRE(cb::ReportFromJson(out, &report, &error));
    CHECK(report.groups.size() == 2);
    // The sign-ins are audited like the dashboard's, and each run signs out again.
    CHECK(cbtest::Query(cli.db, "SELECT COUNT(*) FROM audit WHERE user = 'wang' AND action = 'login'") == "4\n");
    CHECK(cbtest::Query(cli.db, "SELECT COUNT(*) FROM audit WHERE user = 'wang' AND action = 'logout'") == "4\n");
    // A wrong password: refused. Without --user, the command runs with the file's full access.
    std::ofstream(cli.dir.path() + "/wrong") << "not-the-password\n";
    CHECK(cli.Run("scorecard 1001 --from 2026-03-28 --db " + cli.db + " --user wang --password-file " + cli.dir.path() + "/wrong",
                  &out, &err) == 1);
    CHECK(err == "callboard: report: wrong user or password\n");
    CHECK(cli.Run("scorecard 1003 --from 2026-03-28 --db " + cli.db, &out, &err) == 0);
}
