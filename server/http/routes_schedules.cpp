// Scheduled reports (docs/api.md "Reports", docs/reports.md "Scheduled reports"):
// GET/POST /api/reports/schedules, PUT/DELETE /api/reports/schedules/{id} (admins and managers),
// GET /api/reports/files (the files the server wrote, for everyone who reads reports) and
// GET /api/reports/files/{id} (one PDF). Thin over ReportScheduler, which checks and audits.
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
                {"at", FormatClockTime(s.at_min)},
                {"lang", s.lang},
                {"first_weekday", std::string(WeekdayName(s.first_weekday))},
                {"folder", s.folder},
                {"recipients", to},
                {"enabled", s.enabled},
                {"created_by", s.created_by},
                {"created_ms", s.created_ms},
                {"last_period", s.last_period.empty() ? json(nullptr) : json(s.last_period)}};
}

json FileJson(const ReportFileRow& f) {
    return json{{"id", f.id},           {"schedule_id", f.schedule_id}, {"schedule", f.schedule_name},
                {"kind", f.kind},       {"from", f.period_from},        {"to", f.period_to},
                {"lang", f.lang},       {"folder", f.folder},           {"file", f.file_name},
                {"bytes", f.bytes},     {"created_ms", f.created_ms},   {"mail", f.mail},
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
    std::string at = FormatClockTime(row->at_min), weekday(WeekdayName(row->first_weekday));
    const std::pair<const char*, std::string*> fields[] = {{"name", &row->name}, {"kind", &row->kind}, {"lang", &row->lang},
                                                           {"folder", &row->folder}, {"at", &at}, {"first_weekday", &weekday}};
    for (auto [name, out] : fields) {
        if (AdminOutcome o = str(name, out); !o.ok()) return o;
    }
    int minutes = 0;
    if (!ParseClockTime(at, &minutes) || minutes >= 1440) return AdminOutcome::Fail(AdminOutcome::Kind::Invalid, "invalid", "at", "'" + at + "' is not a local time HH:MM");
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

#define CB_SCHEDULE_FIELDS {"name", "kind", "at", "lang", "first_weekday", "folder", "recipients", "enabled"}

}  // namespace

void AddScheduleRoutes(httplib::Server& server, const RouteContext& context) {
    const AuthHttp auth = context.auth;
    ReportScheduler* scheduler = context.schedules;

    server.Get("/api/reports/schedules", [auth, scheduler](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ManageReportSchedules);
        if (!caller || !Ready(scheduler, req, res)) return;
        std::vector<ScheduleRow> rows;
        if (AdminOutcome o = scheduler->List(*caller, &rows); !o.ok()) return RespondOutcome(res, o, req.path);
        json list = json::array();
        for (const ScheduleRow& s : rows) list.push_back(ScheduleJson(s));
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, Dump(json{{"schedules", list}, {"writes_files", scheduler->writes_files()}}));
    });
    server.Post("/api/reports/schedules", [auth, scheduler](const httplib::Request& req, httplib::Response& res) {
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ManageReportSchedules);
        if (!caller || !Ready(scheduler, req, res)) return;
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<json> body = ReadJsonBody(req, res, CB_SCHEDULE_FIELDS);
        if (!body) return;
        ScheduleRow row;
        row.kind = "daily";
        row.lang = "zh";
        row.at_min = 6 * 60;
        row.folder = "reports";
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
        res.set_content(bytes, "application/pdf");
    });
    RefuseOtherMethods(server, R"(/api/reports/files/([^/]+))", {"GET"});
}

}  // namespace cb
