// Scheduled reports (docs/api.md "Reports", docs/reports.md "Scheduled reports"):
// GET /api/reports/schedules (every role that reads reports; "may_edit" says whether the caller
// may change them), POST, PUT/DELETE /api/reports/schedules/{id} (admins and managers; team
// leads their teams' schedules),
// GET /api/reports/files (the files the server wrote, for everyone who reads reports) and
// GET /api/reports/files/{id} (one PDF or CSV). Thin over ReportScheduler, which checks and audits.
#include <httplib.h>
#include <charconv>
#include "server/export/report_schedule.h"
#include "server/http/admin_http.h"
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"

namespace cb {
namespace {

using nlohmann::json;

json ScheduleJson(const ScheduleRow& s) {
    std::vector<std::string> to;
    for (size_t start = 0; !s.recipients.empty() && start <= s.recipients.size();) {
        const size_t end = std::min(s.recipients.find(',', start), s.recipients.size());
        to.push_back(s.recipients.substr(start, end - start));
        start = end + 1;
    }
    return json{{"id", s.id},
                {"name", s.name},
                {"kind", s.kind},
                {"at", FormatScheduleAt(s.at_min)},
                {"lang", s.lang},
                {"first_weekday", std::string(WeekdayName(s.first_weekday))},
                {"day_of_month", s.day_of_month},
                {"format", s.format},
                {"queue", s.queue.empty() ? json(nullptr) : json(s.queue)},
                {"team", s.team.empty() ? json(nullptr) : json(s.team)},
                {"folder", s.folder},
                {"recipients", to},
                {"enabled", s.enabled},
                {"created_by", s.created_by},
                {"created_ms", s.created_ms},
                {"last_period", s.last_period.empty() ? json(nullptr) : json(s.last_period)}};
}

json FileJson(const ReportFileRow& f) {
    json attempts = json::array();
    json last_error = nullptr;  // the newest failed attempt's reason
    for (const MailAttemptRow& a : f.attempts) {
        attempts.push_back(json{{"attempt", a.attempt}, {"t_ms", a.t_ms}, {"error", a.error.empty() ? json(nullptr) : json(a.error)}});
        if (!a.error.empty()) last_error = a.error;
    }
    return json{{"id", f.id},           {"schedule_id", f.schedule_id}, {"schedule", f.schedule_name},
                {"kind", f.kind},       {"from", f.period_from},        {"to", f.period_to},
                {"lang", f.lang},       {"folder", f.folder},           {"file", f.file_name},
                {"bytes", f.bytes},     {"created_ms", f.created_ms},   {"mail", f.mail},
                {"mail_attempts", f.mail_attempts},
                {"mail_next_ms", f.mail_next_ms > 0 ? json(f.mail_next_ms) : json(nullptr)},
                {"mail_log", attempts},
                {"last_error", last_error},
                {"queue", f.queue.empty() ? json(nullptr) : json(f.queue)},
                {"team", f.team.empty() ? json(nullptr) : json(f.team)},
                {"url", "/api/reports/files/" + std::to_string(f.id)}};
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

bool ReadId(const std::string& text, int64_t* id) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *id);
    return ec == std::errc() && end == text.data() + text.size() && *id > 0;
}

// Applies a body's fields onto *row (POST: onto the defaults; PUT: onto the stored schedule).
AdminOutcome ApplyBody(const json& body, ScheduleRow* row) {
    auto bad = [](const char* field, const std::string& why) { return AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "bad_type", field, why); };
    auto str = [&](const char* name, std::string* out) -> AdminOutcome {
        auto it = body.find(name);
        if (it == body.end()) return AdminOutcome::Ok();
        if (!it->is_string()) return bad(name, "expected a string");
        *out = it->get<std::string>();
        return AdminOutcome::Ok();
    };
    std::string at = FormatScheduleAt(row->at_min), weekday(WeekdayName(row->first_weekday));
    const std::pair<const char*, std::string*> fields[] = {{"name", &row->name},     {"kind", &row->kind},   {"lang", &row->lang},
                                                           {"folder", &row->folder}, {"at", &at},            {"first_weekday", &weekday},
                                                           {"format", &row->format}};
    for (auto [name, out] : fields) {
        if (AdminOutcome o = str(name, out); !o.ok()) return o;
    }
    // queue, team: a key, or null / "" for no limit.
    for (auto [name, out] : {std::pair<const char*, std::string*>{"queue", &row->queue}, {"team", &row->team}}) {
        auto it = body.find(name);
        if (it == body.end()) continue;
        if (it->is_null()) out->clear();
        else if (!it->is_string()) return bad(name, "expected a key or null");
        else *out = it->get<std::string>();
    }
    if (auto it = body.find("day_of_month"); it != body.end()) {
        if (!it->is_number_integer()) return bad("day_of_month", "expected a whole number from 1 to 28");
        const int64_t d = it->get<int64_t>();
        row->day_of_month = d < 0 || d > 1000 ? -1 : static_cast<int>(d);
    }
    int minutes = 0;
    if (std::optional<ScheduleProblem> p = ParseScheduleAt(at, &minutes))
        return AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "invalid", p->field, p->message);
    row->at_min = minutes;
    if (!ParseWeekday(weekday, &row->first_weekday))
        return AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "invalid", "first_weekday", "'" + weekday + "' is not monday ... sunday");
    if (auto it = body.find("recipients"); it != body.end()) {
        if (!it->is_array()) return bad("recipients", "expected a list of mail addresses");
        std::string joined;
        for (const json& a : *it) {
            if (!a.is_string()) return bad("recipients", "expected a list of mail addresses");
            joined += (joined.empty() ? "" : ",") + a.get<std::string>();
        }
        row->recipients = joined;
    }
    if (auto it = body.find("enabled"); it != body.end()) {
        if (!it->is_boolean()) return bad("enabled", "expected true or false");
        row->enabled = it->get<bool>();
    }
    return AdminOutcome::Ok();
}

Actor ActorOf(const Caller& caller, const httplib::Request& req, const AuthHttp& auth) {
    return Actor{caller.local ? std::string() : caller.user, ClientAddress(req, auth.trust_proxy), caller.account_id};
}

bool Ready(ReportScheduler* s, const httplib::Request& req, httplib::Response& res) {
    if (s) return true;
    res.set_header("Retry-After", "1");
    RespondError(res, 503, "scheduled reports are not open yet", req.path);
    return false;
}

#define CB_SCHEDULE_FIELDS \
    {"name", "kind", "at", "lang", "first_weekday", "day_of_month", "format", "queue", "team", "folder", "recipients", "enabled"}

}  // namespace

void AddScheduleRoutes(httplib::Server& server, const RouteContext& context) {
    const AuthHttp auth = context.auth;
    ReportScheduler* scheduler = context.schedules;

    server.Get("/api/reports/schedules", [auth, scheduler](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReports);
        if (!caller || !Ready(scheduler, req, res)) return;
        std::vector<ScheduleRow> rows;
        std::map<int64_t, ReportFileRow> last_mail;
        if (AdminOutcome o = scheduler->List(*caller, &rows, &last_mail); !o.ok()) return RespondOutcome(res, o, req.path);
        json list = json::array();
        for (const ScheduleRow& s : rows) {
            json j = ScheduleJson(s);
            const auto it = last_mail.find(s.id);
            j["last_mail"] = it == last_mail.end() ? json(nullptr) : FileJson(it->second);
            list.push_back(std::move(j));
        }
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, Dump(json{{"schedules", list},
                                        {"writes_files", scheduler->writes_files()},
                                        {"may_edit", ReportScheduler::MayEdit(*caller)}}));
    });
    server.Post("/api/reports/schedules", [auth, scheduler](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ManageReportSchedules);
        if (!caller || !Ready(scheduler, req, res)) return;
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<json> body = ReadJsonBody(req, res, CB_SCHEDULE_FIELDS);
        if (!body) return;
        ScheduleRow row;  // the defaults of ScheduleSpec
        AdminOutcome o = ApplyBody(*body, &row);
        ScheduleRow out;
        if (o.ok()) o = scheduler->Add(row, *caller, ActorOf(*caller, req, auth), &out);
        if (!o.ok()) return RespondOutcome(res, o, req.path);
        RespondJson(res, 201, Dump(ScheduleJson(out)));
    });
    RefuseOtherMethods(server, "/api/reports/schedules", {"GET", "POST"});

    server.Put(R"(/api/reports/schedules/([^/]+))", [auth, scheduler](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ManageReportSchedules);
        if (!caller || !Ready(scheduler, req, res)) return;
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<json> body = ReadJsonBody(req, res, CB_SCHEDULE_FIELDS);
        if (!body) return;
        int64_t id = 0;
        std::vector<ScheduleRow> rows;
        AdminOutcome o = scheduler->List(*caller, &rows);
        const ScheduleRow* found = nullptr;
        if (o.ok() && ReadId(req.matches[1], &id))
            for (const ScheduleRow& r : rows)
                if (r.id == id) found = &r;
        if (o.ok() && !found)
            o = AdminOutcome::Fail(AdminOutcome::Kind::NotFound, "no_such_schedule", "", "no schedule '" + std::string(req.matches[1]) + "'");
        ScheduleRow row, out;
        if (o.ok()) {
            row = *found;
            o = ApplyBody(*body, &row);
        }
        if (o.ok()) o = scheduler->Update(row, *caller, ActorOf(*caller, req, auth), &out);
        if (!o.ok()) return RespondOutcome(res, o, req.path);
        RespondJson(res, 200, Dump(ScheduleJson(out)));
    });
    server.Delete(R"(/api/reports/schedules/([^/]+))", [auth, scheduler](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ManageReportSchedules);
        if (!caller || !Ready(scheduler, req, res)) return;
        if (!CheckQueryParams(req, res, {})) return;
        int64_t id = 0;
        AdminOutcome o = ReadId(req.matches[1], &id)
                             ? scheduler->Delete(id, *caller, ActorOf(*caller, req, auth))
                             : AdminOutcome::Fail(AdminOutcome::Kind::NotFound, "no_such_schedule", "",
                                                  "no schedule '" + std::string(req.matches[1]) + "'");
        if (!o.ok()) return RespondOutcome(res, o, req.path);
        res.status = 204;
    });
    RefuseOtherMethods(server, R"(/api/reports/schedules/([^/]+))", {"PUT", "DELETE"});

    server.Get("/api/reports/files", [auth, scheduler](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReports);
        if (!caller || !Ready(scheduler, req, res)) return;
        std::vector<ReportFileRow> rows;
        if (AdminOutcome o = scheduler->Files(*caller, &rows); !o.ok()) return RespondOutcome(res, o, req.path);
        json list = json::array();
        for (const ReportFileRow& f : rows) list.push_back(FileJson(f));
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, Dump(json{{"files", list}}));
    });
    RefuseOtherMethods(server, "/api/reports/files", {"GET"});

    server.Get(R"(/api/reports/files/([^/]+))", [auth, scheduler](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewReports);
        if (!caller || !Ready(scheduler, req, res)) return;
        int64_t id = 0;
        ReportFileRow row;
        std::string bytes;
        AdminOutcome o = ReadId(req.matches[1], &id) ? scheduler->ReadFile(id, *caller, &row, &bytes)
                                                     : AdminOutcome::Fail(AdminOutcome::Kind::NotFound, "no_such_file", "",
                                                                          "no report file '" + std::string(req.matches[1]) + "'");
        if (!o.ok()) return RespondOutcome(res, o, req.path);
        res.set_header("Cache-Control", "no-store");
        res.set_header("Content-Disposition", "attachment; filename=\"" + row.file_name + "\"");
        res.status = 200;
        const bool csv = row.file_name.size() > 4 && row.file_name.compare(row.file_name.size() - 4, 4, ".csv") == 0;
        res.set_content(bytes, csv ? "text/csv; charset=utf-8" : "application/pdf");
    });
    RefuseOtherMethods(server, R"(/api/reports/files/([^/]+))", {"GET"});
}

}  // namespace cb
