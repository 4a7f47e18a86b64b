// Reports over history (docs/api.md "Reports", docs/reports.md): GET /api/reports,
// /api/reports/definitions, /api/reports/saved[/{id}] (POST to save, DELETE), GET
// /api/scorecards?team= and /api/scorecards/{agent}, GET /api/incidents, and the incident notes
// at /api/incidents/notes[/{id}] (POST, PUT). Thin over ReportService, which checks every input,
// scopes by role and writes the audit log; these handlers turn parameters into its requests and
// its results into JSON (core/report/report_json.h) or CSV (format=csv, report_csv.h).
#include <httplib.h>
#include <charconv>
#include <climits>
#include "core/report/report_csv.h"
#include "core/report/report_json.h"
#include "server/admin/report_service.h"
#include "server/http/admin_http.h"
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"

namespace cb {
namespace {

using nlohmann::json;

// Query-parameter failures say where: {"error","path","code","field","where":"query"}.
void RespondQueryOutcome(httplib::Response& res, const AdminOutcome& outcome, std::string_view path) {
    RespondOutcome(res, outcome, path);
    if (!outcome.field.empty()) {
        json body = json::parse(res.body, nullptr, false);
        if (body.is_object()) {
            body["where"] = "query";
            res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
        }
    }
}

bool Ready(ReportService* service, const httplib::Request& req, httplib::Response& res) {
    if (service && service->ready()) return true;
    res.set_header("Retry-After", "1");
    RespondError(res, 503, "the reports are not open yet", req.path);
    return false;
}

// The request's query parameters but `format`, in order; *csv: format=csv (json otherwise).
bool ReadParams(const httplib::Request& req, httplib::Response& res, ReportParams* params, bool* csv) {
    *csv = false;
    bool format_seen = false;
    for (const auto& [name, value] : req.params) {
        if (name != "format") {
            params->push_back({name, value});
            continue;
        }
        if (format_seen || (value != "json" && value != "csv")) {
            RespondQueryOutcome(res, AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "invalid", "format", "'" + value + "' is not json or csv"),
                                req.path);
            return false;
        }
        format_seen = true;
        *csv = value == "csv";
    }
    return true;
}

void RespondBody(httplib::Response& res, bool csv, const std::string& json_body, const std::string& csv_body,
                 const std::string& file) {
    res.set_header("Cache-Control", "no-store");
    if (csv) {
        res.set_header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"");
        res.status = 200;
        res.set_content(csv_body, "text/csv; charset=utf-8");
    } else {
        RespondJson(res, 200, json_body);
    }
}

Actor ActorOf(const Caller& caller, const httplib::Request& req, const AuthHttp& auth) {
    return Actor{caller.local ? std::string() : caller.user, ClientAddress(req, auth.trust_proxy), caller.account_id};
}

bool ReadId(const std::string& text, int64_t* id) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *id);
    return ec == std::errc() && end == text.data() + text.size() && *id > 0;
}

// An integer member of a JSON body; answers 400 naming it when missing or not an integer.
bool IntField(const json& body, const char* name, httplib::Response& res, std::string_view path, int64_t* out) {
    auto it = body.find(name);
    if (it == body.end() || !it->is_number_integer()) {
        RespondOutcome(res, AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "bad_type", name, "expected a whole number (epoch ms)"), path);
        return false;
    }
    *out = it->get<int64_t>();
    return true;
}

std::string RangeName(const CivilDate& from, const CivilDate& to) { return FormatCivilDate(from) + "_" + FormatCivilDate(to); }

}  // namespace

void AddReportRoutes(httplib::Server& server, const RouteContext& context) {
    const AuthHttp auth = context.auth;
    ReportService* service = context.reports;

    server.Get("/api/reports", [auth, service](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReports);
        if (!caller || !Ready(service, req, res)) return;
        ReportParams params;
        bool csv = false;
        if (!ReadParams(req, res, &params, &csv)) return;
        ReportQuery query;
        AdminOutcome outcome = ParseReportParams(params, service->Today(), service->interval_minutes(), &query);
        Report report;
        if (outcome.ok()) outcome = service->RunReport(query, *caller, &report);
        if (!outcome.ok()) {
            RespondQueryOutcome(res, outcome, req.path);
            return;
        }
        RespondBody(res, csv, csv ? std::string() : ReportToJson(report), csv ? ReportToCsv(report) : std::string(),
                    "report_" + std::string(ReportGroupName(query.group)) + "_" +
                        std::string(ReportGranularityName(query.granularity)) + "_" + RangeName(query.from, query.to));
    });
    RefuseOtherMethods(server, "/api/reports", {"GET"});

    server.Get("/api/reports/definitions", [auth, service](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReports);
        if (!caller || !Ready(service, req, res)) return;
        std::vector<DefinitionVersion> defs;
        if (AdminOutcome o = service->Definitions(*caller, &defs); !o.ok()) {
            RespondOutcome(res, o, req.path);
            return;
        }
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, DefinitionsToJson(defs));
    });
    RefuseOtherMethods(server, "/api/reports/definitions", {"GET"});

    server.Get("/api/reports/saved", [auth, service](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReports);
        if (!caller || !Ready(service, req, res)) return;
        std::vector<SavedReport> list;
        if (AdminOutcome o = service->ListSaved(*caller, &list); !o.ok()) {
            RespondOutcome(res, o, req.path);
            return;
        }
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, SavedReportListToJson(list));
    });
    server.Post("/api/reports/saved", [auth, service](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReports);
        if (!caller || !Ready(service, req, res)) return;
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<json> body = ReadJsonBody(req, res, {"name", "query"});
        if (!body) return;
        std::optional<std::string> name = StringField(*body, "name", res, req.path);
        if (!name) return;
        auto q = body->find("query");
        ReportQuery query;
        std::string error;
        if (q == body->end() || !ReportQueryFromJson(q->dump(), &query, &error)) {
            RespondOutcome(res, AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "invalid", "query",
                                                   q == body->end() ? "missing" : error),
                           req.path);
            return;
        }
        SavedReport saved;
        if (AdminOutcome o = service->SaveReport(*name, query, *caller, ActorOf(*caller, req, auth), &saved); !o.ok()) {
            RespondOutcome(res, o, req.path);
            return;
        }
        RespondJson(res, 201, SavedReportToJson(saved));
    });
    RefuseOtherMethods(server, "/api/reports/saved", {"GET", "POST"});

    server.Get(R"(/api/reports/saved/([^/]+))", [auth, service](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReports);
        if (!caller || !Ready(service, req, res)) return;
        ReportParams params;
        bool csv = false;
        if (!ReadParams(req, res, &params, &csv)) return;
        if (!params.empty()) {
            RespondError(res, 400, "unknown query parameter '" + params.front().first + "'", req.path, "query");
            return;
        }
        int64_t id = 0;
        SavedReport saved;
        AdminOutcome o = ReadId(req.matches[1], &id)
                             ? service->GetSaved(id, *caller, &saved)
                             : AdminOutcome::Fail(AdminOutcome::Kind::NotFound, "no_such_report", "",
                                                  "no saved report '" + std::string(req.matches[1]) + "'");
        if (!o.ok()) {
            RespondOutcome(res, o, req.path);
            return;
        }
        RespondBody(res, csv, csv ? std::string() : SavedReportToJson(saved), csv ? ReportToCsv(saved.report) : std::string(),
                    "saved_report_" + std::to_string(id));
    });
    server.Delete(R"(/api/reports/saved/([^/]+))", [auth, service](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReports);
        if (!caller || !Ready(service, req, res)) return;
        if (!CheckQueryParams(req, res, {})) return;
        int64_t id = 0;
        AdminOutcome o = ReadId(req.matches[1], &id)
                             ? service->DeleteSaved(id, *caller, ActorOf(*caller, req, auth))
                             : AdminOutcome::Fail(AdminOutcome::Kind::NotFound, "no_such_report", "",
                                                  "no saved report '" + std::string(req.matches[1]) + "'");
        if (!o.ok()) {
            RespondOutcome(res, o, req.path);
            return;
        }
        res.status = 204;
    });
    RefuseOtherMethods(server, R"(/api/reports/saved/([^/]+))", {"GET", "DELETE"});

    // ---- scorecards ----
    server.Get("/api/scorecards", [auth, service](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReports);
        if (!caller || !Ready(service, req, res)) return;
        ReportParams params;
        bool csv = false;
        if (!ReadParams(req, res, &params, &csv)) return;
        std::string team;
        ReportParams dates;
        int first_weekday = 0;
        AdminOutcome o = AdminOutcome::Ok();
        for (const auto& [name, value] : params) {
            if (name == "team") team = value;
            else if (name == "first_weekday" && !ParseWeekday(value, &first_weekday))
                o = AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "invalid", "first_weekday", "'" + value + "' is not a weekday");
            else if (name == "from" || name == "to" || name == "range") dates.push_back({name, value});
            else if (name != "first_weekday") o = AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "invalid", name, "unknown parameter");
        }
        if (o.ok() && team.empty()) o = AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "invalid", "team", "missing (a team key)");
        CivilDate from, to;
        if (o.ok()) o = ParseDateParams(dates, service->Today(), first_weekday, &from, &to);
        TeamComparison table;
        if (o.ok()) o = service->CompareTeam(team, from, to, *caller, &table);
        if (!o.ok()) {
            RespondQueryOutcome(res, o, req.path);
            return;
        }
        RespondBody(res, csv, csv ? std::string() : TeamComparisonToJson(table), csv ? TeamComparisonToCsv(table) : std::string(),
                    "team_" + team + "_" + RangeName(from, to));
    });
    RefuseOtherMethods(server, "/api/scorecards", {"GET"});

    server.Get(R"(/api/scorecards/(.+))", [auth, service](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReports);
        if (!caller || !Ready(service, req, res)) return;
        ReportParams params;
        bool csv = false;
        if (!ReadParams(req, res, &params, &csv)) return;
        const std::string agent = req.matches[1];
        ReportParams dates;
        int first_weekday = 0;
        int periods = kDefaultScorecardPeriods;
        AdminOutcome o = AdminOutcome::Ok();
        for (const auto& [name, value] : params) {
            if (name == "periods") {
                const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), periods);
                if (ec != std::errc() || end != value.data() + value.size())
                    o = AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "invalid", "periods", "'" + value + "' is not a whole number");
            } else if (name == "first_weekday") {
                if (!ParseWeekday(value, &first_weekday))
                    o = AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "invalid", "first_weekday", "'" + value + "' is not a weekday");
            } else if (name == "from" || name == "to" || name == "range") {
                dates.push_back({name, value});
            } else {
                o = AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "invalid", name, "unknown parameter");
            }
        }
        CivilDate from, to;
        if (o.ok()) o = ParseDateParams(dates, service->Today(), first_weekday, &from, &to);
        Scorecard card;
        if (o.ok()) o = service->AgentScorecard(agent, from, to, periods, *caller, &card);
        if (!o.ok()) {
            RespondQueryOutcome(res, o, req.path);
            return;
        }
        RespondBody(res, csv, csv ? std::string() : ScorecardToJson(card), csv ? ScorecardToCsv(card) : std::string(),
                    "scorecard_" + RangeName(from, to));
    });
    RefuseOtherMethods(server, R"(/api/scorecards/(.+))", {"GET"});

    // ---- incidents ----
    server.Get("/api/incidents", [auth, service](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReports);
        if (!caller || !Ready(service, req, res)) return;
        ReportParams params;
        bool csv = false;
        if (!ReadParams(req, res, &params, &csv)) return;
        IncidentQuery query;
        AdminOutcome o = ParseIncidentParams(params, service->Today(), &query);
        IncidentReport report;
        if (o.ok()) o = service->Incident(query, *caller, &report);
        if (!o.ok()) {
            RespondQueryOutcome(res, o, req.path);
            return;
        }
        RespondBody(res, csv, csv ? std::string() : IncidentReportToJson(report), csv ? IncidentReportToCsv(report) : std::string(),
                    "incident_" + FormatCivilDate(query.date));
    });
    RefuseOtherMethods(server, "/api/incidents", {"GET"});

    server.Get("/api/incidents/notes", [auth, service](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"from_ms", "to_ms"})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReports);
        if (!caller || !Ready(service, req, res)) return;
        int64_t from = 0, to = INT64_MAX;
        if (!ReadIntParam(req, res, "from_ms", 0, INT64_MAX, &from) || !ReadIntParam(req, res, "to_ms", 0, INT64_MAX, &to)) return;
        std::vector<IncidentNote> notes;
        if (AdminOutcome o = service->Notes(from, to, *caller, &notes); !o.ok()) {
            RespondQueryOutcome(res, o, req.path);
            return;
        }
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, IncidentNotesToJson(notes));
    });
    server.Post("/api/incidents/notes", [auth, service](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::WriteIncidentNotes);
        if (!caller || !Ready(service, req, res)) return;
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<json> body = ReadJsonBody(req, res, {"from_ms", "to_ms", "text"});
        if (!body) return;
        int64_t from = 0, to = 0;
        if (!IntField(*body, "from_ms", res, req.path, &from) || !IntField(*body, "to_ms", res, req.path, &to)) return;
        std::optional<std::string> text = StringField(*body, "text", res, req.path);
        if (!text) return;
        IncidentNote note;
        if (AdminOutcome o = service->AddNote(from, to, *text, *caller, ActorOf(*caller, req, auth), &note); !o.ok()) {
            RespondOutcome(res, o, req.path);
            return;
        }
        RespondJson(res, 201, IncidentNoteToJson(note));
    });
    RefuseOtherMethods(server, "/api/incidents/notes", {"GET", "POST"});

    server.Get(R"(/api/incidents/notes/([^/]+))", [auth, service](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReports);
        if (!caller || !Ready(service, req, res)) return;
        int64_t id = 0;
        IncidentNote note;
        std::vector<NoteRevision> revisions;
        AdminOutcome o = ReadId(req.matches[1], &id) ? service->NoteHistory(id, *caller, &note, &revisions)
                                                     : AdminOutcome::Fail(AdminOutcome::Kind::NotFound, "no_such_note", "",
                                                                          "no note '" + std::string(req.matches[1]) + "'");
        if (!o.ok()) {
            RespondOutcome(res, o, req.path);
            return;
        }
        json revs = json::array();
        for (const NoteRevision& r : revisions) {
            revs.push_back({{"revision", r.revision}, {"text", r.text}, {"author", r.author}, {"t_ms", r.t_ms}});
        }
        json body{{"note", json::parse(IncidentNoteToJson(note))}, {"revisions", revs}};
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, body.dump(-1, ' ', false, json::error_handler_t::replace));
    });
    server.Put(R"(/api/incidents/notes/([^/]+))", [auth, service](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::WriteIncidentNotes);
        if (!caller || !Ready(service, req, res)) return;
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<json> body = ReadJsonBody(req, res, {"text"});
        if (!body) return;
        std::optional<std::string> text = StringField(*body, "text", res, req.path);
        if (!text) return;
        int64_t id = 0;
        IncidentNote note;
        AdminOutcome o = ReadId(req.matches[1], &id) ? service->EditNote(id, *text, *caller, ActorOf(*caller, req, auth), &note)
                                                     : AdminOutcome::Fail(AdminOutcome::Kind::NotFound, "no_such_note", "",
                                                                          "no note '" + std::string(req.matches[1]) + "'");
        if (!o.ok()) {
            RespondOutcome(res, o, req.path);
            return;
        }
        RespondJson(res, 200, IncidentNoteToJson(note));
    });
    RefuseOtherMethods(server, R"(/api/incidents/notes/([^/]+))", {"GET", "PUT"});
}

}  // namespace cb
