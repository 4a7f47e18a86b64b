// /api/wfm/setup, /api/wfm/days-off, /api/wfm/rosters, /api/wfm/breaks, /api/wfm/allowances,
// /api/wfm/adherence (docs/api.md): thin handlers over RosterStore (store_roster.h), the roster solver
// (server/wfm) and the core's rules. Who may: admins and managers every team, a lead the teams
// they lead (WfmMayPlan); other roles are refused. A change is audited with who and where from.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/tz.h"
#include "core/wfm/live.h"
#include "core/wfm/roster_breaks.h"
#include "core/wfm/roster_json.h"
#include "core/wfm/wfm_requests.h"
#include "server/base/time_zone.h"
#include "server/http/admin_http.h"
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"
#include "server/http/routes_roster.h"
#include "server/store/store_roster.h"
#include "server/wfm/roster_solver.h"

namespace cb {

// Rosters, breaks and adherence of a team: admins and managers any team, a lead the teams they
// lead; qa, trainers and wallboards none (docs/auth.md).
bool WfmMayPlan(const Caller& caller, const std::string& team) {
    if (caller.role == Role::Admin || caller.role == Role::Manager) return true;
    if (caller.role != Role::Lead) return false;
    return std::find(caller.teams.begin(), caller.teams.end(), team) != caller.teams.end();
}

namespace {

using nlohmann::json;

int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

TimeZone ZoneOf(const Snapshot& snapshot) {
    if (IsTimeZoneName(snapshot.tz_name)) {
        Result<TimeZone> zone = LoadTimeZone(snapshot.tz_name);
        if (zone.ok()) return zone.value();
    }
    return TimeZone::Fixed(snapshot.tz_offset_min);
}

struct Ctx {
    Broadcaster* broadcaster;
    RosterApi* api;
    AuthHttp auth;

    RosterStore* Store(const httplib::Request& req, httplib::Response& res) const {
        RosterStore* s = api ? api->store.load() : nullptr;
        if (!s) {
            res.set_header("Retry-After", "1");
            RespondError(res, 503, "the database is not open yet", req.path);
        }
        return s;
    }
    // The caller, allowed for the team. Answers 401/403 and returns none otherwise.
    std::optional<Caller> ForTeam(const httplib::Request& req, httplib::Response& res, const std::string& team) const {
        std::optional<Caller> caller = RequireCaller(req, res, auth);
        if (!caller) return std::nullopt;
        if (team.empty()) {
            RespondError(res, 400, "team: required", req.path, "team");
            return std::nullopt;
        }
        if (!WfmMayPlan(*caller, team)) {
            RespondError(res, 403, "not allowed for role '" + std::string(RoleName(caller->role)) + "' on team '" + team + "'", req.path);
            return std::nullopt;
        }
        return caller;
    }
    AuditEntry Audit(const httplib::Request& req, const Caller& c, const std::string& action, const std::string& detail) const {
        AuditEntry e;
        e.t_ms = NowMs();
        e.user = c.local ? "local" : c.user;
        e.action = action;
        e.detail = detail;
        e.address = ClientAddress(req, auth.trust_proxy);
        return e;
    }
    // The live snapshot (for the zone and the what-if), or none.
    std::shared_ptr<const Publication> Live() const { return broadcaster ? broadcaster->Current() : nullptr; }
    TimeZone Zone() const {
        auto live = Live();
        return live ? ZoneOf(live->snapshot()) : TimeZone();
    }
};

std::string UserOf(const Caller& c) { return c.local ? "local" : c.user; }

void Fail(httplib::Response& res, const Status& status, const httplib::Request& req, int code = 400) {
    RespondError(res, code, status.message(), req.path);
}

std::string RosterDocument(RosterStore& store, int64_t id, std::string* team) {
    std::vector<wfm::RosterLogEntry> log;
    Result<std::optional<wfm::RosterDoc>> doc = store.LoadRoster(id, &log);
    if (!doc.ok() || !doc.value()) return "";
    if (team) *team = doc.value()->team;
    return wfm::RosterDocToJson(*doc.value(), log);
}

// The problem of a week from the team's setup: start date, the days off of the week.
Status WeekProblem(RosterStore& store, const WfmSetup& setup, const std::string& start_date, wfm::RosterProblem* out) {
    CivilDate start;
    if (!ParseCivilDate(start_date, &start)) return Status::Error("start_date: '" + start_date + "' is not a date YYYY-MM-DD");
    wfm::RosterProblem p = setup.problem;
    p.start_date = start_date;
    p.first_weekday = WeekdayOf(start);
    // The setup's requirement is Monday first: rotate it to the week's first day.
    const int ipd = p.intervals_per_day();
    for (auto& [skill, need] : p.required) {
        std::vector<int> rotated(need.size());
        for (int d = 0; d < 7; ++d)
            for (int t = 0; t < ipd; ++t)
                rotated[static_cast<size_t>(d * ipd + t)] = need[static_cast<size_t>(((d + p.first_weekday) % 7) * ipd + t)];
        need = std::move(rotated);
    }
    Result<std::vector<WfmDayOff>> off = store.DaysOff(setup.team, start_date, FormatCivilDate(CivilFromDays(DaysFromCivil(start) + 6)));
    if (!off.ok()) return off.status();
    for (const WfmDayOff& o : off.value()) {
        auto it = std::find_if(p.agents.begin(), p.agents.end(), [&](const wfm::RosterAgent& a) { return a.key == o.agent; });
        CivilDate d;
        if (it == p.agents.end() || !ParseCivilDate(o.date, &d)) continue;
        it->days_off.push_back(static_cast<int>(DaysFromCivil(d) - DaysFromCivil(start)));
    }
    *out = std::move(p);
    return Status::Ok();
}

wfm::BreakImpact ImpactNow(const Ctx& ctx, const wfm::BreakRequest& r) {
    wfm::BreakImpact impact;
    auto live = ctx.Live();
    if (!live) return impact;
    const Snapshot& s = live->snapshot();
    impact.computed = true;
    impact.at_ms = s.now_ms;
    uint32_t index = 0;
    bool found = false;
    for (uint32_t i = 0; i < s.directory.agents.size(); ++i) {
        if (s.directory.agents[i].key == r.agent) {
            index = i;
            found = true;
        }
    }
    if (!found) {
        impact.problem = "unknown_agent";
        return impact;
    }
    const wfm::BreakWhatIf w = wfm::WhatIfBreak(s, index, std::max(r.start_ms, s.now_ms), int64_t{r.minutes} * 60000);
    if (w.problem != wfm::WhatIfProblem::None) {
        impact.problem = std::string(wfm::WhatIfProblemName(w.problem));
        return impact;
    }
    for (const wfm::QueueWhatIf& q : w.queues) {
        wfm::BreakImpactQueue x;
        x.queue = q.queue < s.directory.queues.size() ? s.directory.queues[q.queue].key : std::to_string(q.queue);
        x.known = q.known;
        x.erlangs = q.erlangs;
        x.stable_without = q.without.stable;
        x.stable_with = q.with.stable;
        x.sl_without = q.without.service_level;
        x.sl_with = q.with.service_level;
        impact.queues.push_back(x);
    }
    return impact;
}

bool LocalDayOf(const TimeZone& zone, int64_t t_ms, int64_t* start, int64_t* end, std::string* date) {
    CivilTime c = zone.ToCivil(t_ms);
    CivilTime m;
    m.date = c.date;
    *start = zone.ToUtc(m);
    m.date = CivilFromDays(DaysFromCivil(c.date) + 1);
    *end = zone.ToUtc(m);
    if (date) *date = FormatCivilDate(c.date);
    return true;
}

}  // namespace

void AddRosterRoutes(httplib::Server& server, const RouteContext& context) {
    const Ctx ctx{context.broadcaster, context.roster, context.auth};

    // ---- Setup: templates, contracts, weekly requirement ----
    server.Get("/api/wfm/setup", [ctx](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"team"})) return;
        const std::string team = req.get_param_value("team");
        if (!ctx.ForTeam(req, res, team)) return;
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        Result<std::optional<WfmSetup>> setup = store->LoadSetup(team);
        if (!setup.ok()) return Fail(res, setup.status(), req, 500);
        if (!setup.value()) return RespondError(res, 404, "team '" + team + "' has no roster setup yet (PUT /api/wfm/setup)", req.path);
        json body{{"team", team}, {"updated_by", setup.value()->updated_by}, {"updated_ms", setup.value()->updated_ms},
                  {"problem", json::parse(wfm::RosterProblemToJson(setup.value()->problem))}};
        RespondJson(res, 200, body.dump());
    });
    server.Put("/api/wfm/setup", [ctx](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"team"})) return;
        const std::string team = req.get_param_value("team");
        std::optional<Caller> caller = ctx.ForTeam(req, res, team);
        if (!caller) return;
        if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
            ReadJsonBody(req, res, {});  // answers 415
            return;
        }
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        WfmSetup setup;
        setup.team = team;
        std::string error;
        if (!wfm::RosterProblemFromJson(req.body, &setup.problem, &error)) return RespondError(res, 400, error, req.path);
        const Status saved = store->SaveSetup(setup, ctx.Audit(req, *caller, "wfm_setup", "team " + team + ": " +
                                                                                        std::to_string(setup.problem.shifts.size()) + " shift templates, " +
                                                                                        std::to_string(setup.problem.agents.size()) + " agents"));
        if (!saved.ok()) return Fail(res, saved, req);
        RespondJson(res, 200, json{{"team", team}, {"saved", true}}.dump());
    });
    RefuseOtherMethods(server, "/api/wfm/setup", {"GET", "PUT"});

    // ---- Days off by date ----
    server.Get("/api/wfm/days-off", [ctx](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"team", "from", "to"})) return;
        const std::string team = req.get_param_value("team");
        if (!ctx.ForTeam(req, res, team)) return;
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        const std::string from = req.has_param("from") ? req.get_param_value("from") : "0000-01-01";
        const std::string to = req.has_param("to") ? req.get_param_value("to") : "9999-12-31";
        Result<std::vector<WfmDayOff>> list = store->DaysOff(team, from, to);
        if (!list.ok()) return Fail(res, list.status(), req, 500);
        json rows = json::array();
        for (const WfmDayOff& d : list.value()) rows.push_back({{"agent", d.agent}, {"date", d.date}, {"note", d.note}});
        RespondJson(res, 200, json{{"team", team}, {"days_off", rows}}.dump());
    });
    auto day_off = [ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<json> body = ReadJsonBody(req, res, {"agent", "date", "note"});
        if (!body) return;
        std::optional<std::string> agent = StringField(*body, "agent", res, req.path);
        std::optional<std::string> date = agent ? StringField(*body, "date", res, req.path) : std::nullopt;
        std::optional<std::string> note = date ? StringField(*body, "note", res, req.path) : std::nullopt;
        if (!note) return;
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        Result<std::string> team = store->TeamOfAgent(*agent);
        if (!team.ok()) return Fail(res, team.status(), req, 500);
        if (team.value().empty()) return RespondError(res, 400, "agent: '" + *agent + "' is not a known agent", req.path, "agent");
        std::optional<Caller> caller = ctx.ForTeam(req, res, team.value());
        if (!caller) return;
        const bool add = req.method == "POST";
        const AuditEntry audit = ctx.Audit(req, *caller, add ? "wfm_day_off_add" : "wfm_day_off_remove", *agent + " " + *date);
        const Status st = add ? store->AddDayOff({*agent, *date, *note}, audit) : store->RemoveDayOff(*agent, *date, audit);
        if (!st.ok()) return Fail(res, st, req, add ? 400 : 404);
        RespondJson(res, 200, json{{"agent", *agent}, {"date", *date}, {"day_off", add}}.dump());
    };
    server.Post("/api/wfm/days-off", day_off);
    server.Delete("/api/wfm/days-off", day_off);
    RefuseOtherMethods(server, "/api/wfm/days-off", {"GET", "POST", "DELETE"});

    // ---- Rosters ----
    server.Get("/api/wfm/rosters", [ctx](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"team"})) return;
        const std::string team = req.get_param_value("team");
        if (!ctx.ForTeam(req, res, team)) return;
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        Result<std::vector<wfm::RosterSummary>> list = store->ListRosters(team);
        if (!list.ok()) return Fail(res, list.status(), req, 500);
        RespondJson(res, 200, wfm::RosterListToJson(list.value()));
    });
    server.Post("/api/wfm/rosters", [ctx](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<json> body = ReadJsonBody(req, res, {"team", "start_date", "time_limit_s"});
        if (!body) return;
        std::optional<std::string> team = StringField(*body, "team", res, req.path);
        std::optional<std::string> start = team ? StringField(*body, "start_date", res, req.path) : std::nullopt;
        if (!start) return;
        double limit = 20;
        if (body->contains("time_limit_s")) {
            const json& v = (*body)["time_limit_s"];
            if (!v.is_number() || v.get<double>() < 1 || v.get<double>() > 60)
                return RespondError(res, 400, "time_limit_s: a number of seconds from 1 to 60", req.path, "time_limit_s");
            limit = v.get<double>();
        }
        std::optional<Caller> caller = ctx.ForTeam(req, res, *team);
        if (!caller) return;
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        Result<std::optional<WfmSetup>> setup = store->LoadSetup(*team);
        if (!setup.ok()) return Fail(res, setup.status(), req, 500);
        if (!setup.value()) return RespondError(res, 409, "team '" + *team + "' has no roster setup yet (PUT /api/wfm/setup)", req.path);
        wfm::RosterDoc doc;
        doc.team = *team;
        Status st = WeekProblem(*store, *setup.value(), *start, &doc.problem);
        if (!st.ok()) return Fail(res, st, req);
        const std::string invalid = wfm::ValidateRoster(doc.problem);
        if (!invalid.empty()) return RespondError(res, 400, invalid, req.path);
        wfm::RosterSolveOptions options;
        options.max_seconds = limit;
        const wfm::RosterSolution solved = wfm::SolveRoster(doc.problem, options);
        if (!solved.ok) {
            json why{{"error", "no roster for team '" + *team + "' from " + *start + " (" + solved.info.status + ")"},
                     {"path", req.path}, {"why", solved.why}};
            return RespondJson(res, 422, why.dump());
        }
        doc.roster = solved.roster;
        doc.solve = solved.info;
        doc.breaks = wfm::PlaceRosterBreaks(doc.problem, doc.roster);
        wfm::RosterLogEntry line;
        line.t_ms = NowMs();
        line.user = UserOf(*caller);
        line.action = "solve";
        line.team = *team;
        line.start_date = *start;
        line.status = solved.info.status;
        line.objective = solved.info.objective;
        line.gap = solved.info.gap;
        Result<int64_t> id = store->CreateRoster(doc, line, ctx.Audit(req, *caller, "wfm_roster_solve", wfm::RosterLogText(line)));
        if (!id.ok()) return Fail(res, id.status(), req, 500);
        RespondJson(res, 201, RosterDocument(*store, id.value(), nullptr));
    });
    RefuseOtherMethods(server, "/api/wfm/rosters", {"GET", "POST"});

    const std::string one = R"(/api/wfm/rosters/(\d+))";
    server.Get(one, [ctx](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireCaller(req, res, ctx.auth);
        if (!caller) return;
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        std::string team;
        const std::string body = RosterDocument(*store, std::stoll(req.matches[1].str()), &team);
        if (body.empty()) return RespondError(res, 404, "no roster " + req.matches[1].str(), req.path);
        if (!ctx.ForTeam(req, res, team)) return;
        RespondJson(res, 200, body);
    });
    RefuseOtherMethods(server, one, {"GET"});

    // Hand edits: {"changes": [{"agent": "a1", "day": 2, "shift": "late" | null}, ...]}, all or none.
    const std::string edit = R"(/api/wfm/rosters/(\d+)/assignments)";
    server.Patch(edit, [ctx](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<json> body = ReadJsonBody(req, res, {"changes"});
        if (!body) return;
        std::optional<Caller> caller = RequireCaller(req, res, ctx.auth);
        if (!caller) return;
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        const int64_t id = std::stoll(req.matches[1].str());
        Result<std::optional<wfm::RosterDoc>> loaded = store->LoadRoster(id);
        if (!loaded.ok()) return Fail(res, loaded.status(), req, 500);
        if (!loaded.value()) return RespondError(res, 404, "no roster " + std::to_string(id), req.path);
        wfm::RosterDoc doc = *loaded.value();
        if (!ctx.ForTeam(req, res, doc.team)) return;
        const json& changes = (*body)["changes"];
        if (!changes.is_array() || changes.empty()) return RespondError(res, 400, "changes: a non-empty list of {agent, day, shift}", req.path, "changes");
        const std::vector<std::string> before = wfm::CheckRoster(doc.problem, doc.roster);
        std::vector<int> days;
        wfm::RosterLogEntry line;
        line.user = UserOf(*caller);
        line.action = "edit";
        line.start_date = doc.problem.start_date;
        for (size_t i = 0; i < changes.size(); ++i) {
            const json& c = changes[i];
            const std::string where = "changes[" + std::to_string(i) + "]";
            if (!c.is_object() || !c.contains("agent") || !c["agent"].is_string() || !c.contains("day") || !c["day"].is_number_integer() ||
                !c.contains("shift") || !(c["shift"].is_null() || c["shift"].is_string()))
                return RespondError(res, 400, where + ": expected {\"agent\": key, \"day\": 0-" + std::to_string(doc.problem.days - 1) + ", \"shift\": name or null}", req.path, where);
            const std::string key = c["agent"];
            auto it = std::find_if(doc.problem.agents.begin(), doc.problem.agents.end(), [&](const wfm::RosterAgent& a) { return a.key == key; });
            if (it == doc.problem.agents.end()) return RespondError(res, 400, where + ".agent: '" + key + "' is not in this roster", req.path, where);
            const int day = c["day"];
            if (day < 0 || day >= doc.problem.days) return RespondError(res, 400, where + ".day: " + std::to_string(day) + " is not in the roster", req.path, where);
            int shift = -1;
            if (c["shift"].is_string()) {
                const std::string name = c["shift"];
                auto s = std::find_if(doc.problem.shifts.begin(), doc.problem.shifts.end(), [&](const wfm::RosterShift& x) { return x.name == name; });
                if (s == doc.problem.shifts.end()) return RespondError(res, 400, where + ".shift: '" + name + "' is not a shift of this roster", req.path, where);
                shift = static_cast<int>(s - doc.problem.shifts.begin());
            }
            const size_t a = static_cast<size_t>(it - doc.problem.agents.begin());
            int& cell = doc.roster.shift[a][static_cast<size_t>(day)];
            line.changes.push_back({key, day, cell < 0 ? std::string() : doc.problem.shifts[static_cast<size_t>(cell)].name,
                                    shift < 0 ? std::string() : doc.problem.shifts[static_cast<size_t>(shift)].name});
            cell = shift;
            days.push_back(day);
        }
        // Hard rules (one shift a day, rest, availability, days off, contracted hours): an edit may
        // not break one the roster kept.
        std::vector<std::string> broken;
        for (const std::string& b : wfm::CheckRoster(doc.problem, doc.roster))
            if (std::find(before.begin(), before.end(), b) == before.end()) broken.push_back(b);
        if (!broken.empty()) {
            json why{{"error", "the edit breaks a rule: " + broken[0]}, {"path", req.path}, {"why", broken}};
            return RespondJson(res, 422, why.dump());
        }
        std::sort(days.begin(), days.end());
        days.erase(std::unique(days.begin(), days.end()), days.end());
        for (int day : days) {
            doc.breaks.erase(std::remove_if(doc.breaks.begin(), doc.breaks.end(), [day](const wfm::PlacedBreak& b) { return b.day == day; }),
                             doc.breaks.end());
            std::vector<wfm::PlacedBreak> placed = wfm::PlaceDayBreaks(doc.problem, doc.roster, day);
            doc.breaks.insert(doc.breaks.end(), placed.begin(), placed.end());
        }
        doc.solve.status = "hand";
        doc.solve.objective = wfm::RosterObjective(doc.problem, doc.roster);
        line.t_ms = NowMs();
        const Status st = store->SaveRoster(doc, line, ctx.Audit(req, *caller, "wfm_roster_edit", "roster " + std::to_string(id) + ": " + wfm::RosterLogText(line)));
        if (!st.ok()) return Fail(res, st, req, 500);
        RespondJson(res, 200, RosterDocument(*store, id, nullptr));
    });
    RefuseOtherMethods(server, edit, {"PATCH"});

    const std::string publish = R"(/api/wfm/rosters/(\d+)/publish)";
    server.Post(publish, [ctx](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireCaller(req, res, ctx.auth);
        if (!caller) return;
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        const int64_t id = std::stoll(req.matches[1].str());
        std::string team;
        if (RosterDocument(*store, id, &team).empty()) return RespondError(res, 404, "no roster " + std::to_string(id), req.path);
        if (!ctx.ForTeam(req, res, team)) return;
        const Status st = store->PublishRoster(id, UserOf(*caller), NowMs(), ctx.Audit(req, *caller, "wfm_roster_publish", "roster " + std::to_string(id)));
        if (!st.ok()) return Fail(res, st, req, 409);
        RespondJson(res, 200, RosterDocument(*store, id, nullptr));
    });
    RefuseOtherMethods(server, publish, {"POST"});

    // ---- Breaks ----
    server.Get("/api/wfm/breaks", [ctx](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"team", "date", "status"})) return;
        const std::string team = req.get_param_value("team");
        if (!ctx.ForTeam(req, res, team)) return;
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        const TimeZone zone = ctx.Zone();
        int64_t from = 0, to = 0;
        std::string date;
        if (req.has_param("date")) {
            date = req.get_param_value("date");
            CivilDate d;
            if (!ParseCivilDate(date, &d)) return RespondError(res, 400, "date: '" + date + "' is not a date YYYY-MM-DD", req.path, "date");
            CivilTime t;
            t.date = d;
            LocalDayOf(zone, zone.ToUtc(t) + 3600000, &from, &to, nullptr);
        } else {
            auto live = ctx.Live();
            LocalDayOf(zone, live ? live->snapshot().now_ms : NowMs(), &from, &to, &date);
        }
        const std::string status = req.get_param_value("status");
        if (!status.empty() && status != "requested" && status != "approved" && status != "declined")
            return RespondError(res, 400, "status: '" + status + "' is not requested, approved or declined", req.path, "status");
        Result<std::vector<std::string>> agents = store->AgentsOfTeam(team);
        if (!agents.ok()) return Fail(res, agents.status(), req, 500);
        if (agents.value().empty()) return RespondJson(res, 200, wfm::BreakRequestsToJson({}, {}));
        Result<std::vector<wfm::BreakRequest>> list = store->ListBreakRequests(agents.value(), from, to, status);
        if (!list.ok()) return Fail(res, list.status(), req, 500);
        std::vector<wfm::BreakAllowance> allowances;
        for (const std::string& a : agents.value()) {
            Result<wfm::BreakAllowance> al = store->Allowance(a, from, to);
            if (!al.ok()) return Fail(res, al.status(), req, 500);
            allowances.push_back(al.value());
        }
        json body = json::parse(wfm::BreakRequestsToJson(list.value(), allowances));
        body["team"] = team;
        body["date"] = date;
        RespondJson(res, 200, body.dump());
    });
    server.Post("/api/wfm/breaks", [ctx](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<json> body = ReadJsonBody(req, res, {"agent", "start_ms", "minutes", "kind", "note"});
        if (!body) return;
        wfm::BreakRequest r;
        std::optional<std::string> agent = StringField(*body, "agent", res, req.path);
        std::optional<std::string> kind = agent ? StringField(*body, "kind", res, req.path, "break") : std::nullopt;
        std::optional<std::string> note = kind ? StringField(*body, "note", res, req.path) : std::nullopt;
        if (!note) return;
        r.agent = *agent;
        r.kind = *kind;
        r.note = *note;
        if (!body->contains("start_ms") || !(*body)["start_ms"].is_number_integer())
            return RespondError(res, 400, "start_ms: required, the break's start in ms since 1970 (UTC)", req.path, "start_ms");
        r.start_ms = (*body)["start_ms"];
        if (body->contains("minutes")) {
            if (!(*body)["minutes"].is_number_integer()) return RespondError(res, 400, "minutes: a whole number from 1 to 240", req.path, "minutes");
            r.minutes = (*body)["minutes"];
        }
        const std::string invalid = wfm::ValidateBreakRequest(r);
        if (!invalid.empty()) return RespondError(res, 400, invalid, req.path);
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        Result<std::string> team = store->TeamOfAgent(r.agent);
        if (!team.ok()) return Fail(res, team.status(), req, 500);
        if (team.value().empty()) return RespondError(res, 400, "agent: '" + r.agent + "' is not a known agent", req.path, "agent");
        std::optional<Caller> caller = ctx.ForTeam(req, res, team.value());
        if (!caller) return;
        r.team = team.value();
        r.requested_by = UserOf(*caller);
        r.requested_ms = NowMs();
        r.impact = ImpactNow(ctx, r);
        Result<int64_t> id = store->AddBreakRequest(r, ctx.Audit(req, *caller, "wfm_break_request", r.agent + " " + std::to_string(r.minutes) + " min " + r.kind));
        if (!id.ok()) return Fail(res, id.status(), req);
        r.id = id.value();
        RespondJson(res, 201, json::parse(wfm::BreakRequestsToJson({r}, {}))["requests"][0].dump());
    });
    RefuseOtherMethods(server, "/api/wfm/breaks", {"GET", "POST"});

    const std::string decide = R"(/api/wfm/breaks/(\d+)/(approve|decline))";
    server.Post(decide, [ctx](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireCaller(req, res, ctx.auth);
        if (!caller) return;
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        const int64_t id = std::stoll(req.matches[1].str());
        const bool approve = req.matches[2].str() == "approve";
        Result<std::optional<wfm::BreakRequest>> r = store->LoadBreakRequest(id);
        if (!r.ok()) return Fail(res, r.status(), req, 500);
        if (!r.value()) return RespondError(res, 404, "no break request " + std::to_string(id), req.path);
        if (!ctx.ForTeam(req, res, r.value()->team)) return;
        const wfm::BreakImpact impact = ImpactNow(ctx, *r.value());
        int64_t from = 0, to = 0;
        LocalDayOf(ctx.Zone(), r.value()->start_ms, &from, &to, nullptr);
        const Status st = store->DecideBreakRequest(id, approve, UserOf(*caller), NowMs(), impact, from, to,
                                                    ctx.Audit(req, *caller, approve ? "wfm_break_approve" : "wfm_break_decline", "request " + std::to_string(id) + " of " + r.value()->agent));
        if (!st.ok()) return Fail(res, st, req, 409);
        Result<std::optional<wfm::BreakRequest>> after = store->LoadBreakRequest(id);
        if (!after.ok() || !after.value()) return Fail(res, after.status(), req, 500);
        RespondJson(res, 200, json::parse(wfm::BreakRequestsToJson({*after.value()}, {}))["requests"][0].dump());
    });
    RefuseOtherMethods(server, decide, {"POST"});

    server.Put("/api/wfm/allowances", [ctx](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<json> body = ReadJsonBody(req, res, {"agent", "minutes_per_day"});
        if (!body) return;
        std::optional<std::string> agent = StringField(*body, "agent", res, req.path);
        if (!agent) return;
        if (!body->contains("minutes_per_day") || !(*body)["minutes_per_day"].is_number_integer())
            return RespondError(res, 400, "minutes_per_day: a whole number from 0 to 480", req.path, "minutes_per_day");
        const int minutes = (*body)["minutes_per_day"];
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        Result<std::string> team = store->TeamOfAgent(*agent);
        if (!team.ok()) return Fail(res, team.status(), req, 500);
        if (team.value().empty()) return RespondError(res, 400, "agent: '" + *agent + "' is not a known agent", req.path, "agent");
        std::optional<Caller> caller = ctx.ForTeam(req, res, team.value());
        if (!caller) return;
        const Status st = store->SetAllowance(*agent, minutes, ctx.Audit(req, *caller, "wfm_allowance", *agent + " " + std::to_string(minutes) + " min a day"));
        if (!st.ok()) return Fail(res, st, req);
        RespondJson(res, 200, json{{"agent", *agent}, {"minutes_per_day", minutes}}.dump());
    });
    RefuseOtherMethods(server, "/api/wfm/allowances", {"PUT"});

    // ---- Adherence ----
    server.Get("/api/wfm/adherence", [ctx](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"team", "date", "threshold_s", "severe_s"})) return;
        const std::string team = req.get_param_value("team");
        if (!ctx.ForTeam(req, res, team)) return;
        int64_t threshold = 60, severe = 600;
        if (!ReadIntParam(req, res, "threshold_s", 0, 3600, &threshold) || !ReadIntParam(req, res, "severe_s", 0, 86400, &severe)) return;
        if (severe < threshold) return RespondError(res, 400, "severe_s: below threshold_s", req.path, "severe_s");
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        const TimeZone zone = ctx.Zone();
        std::string date = req.get_param_value("date");
        if (date.empty()) {
            auto live = ctx.Live();
            int64_t a = 0, b = 0;
            LocalDayOf(zone, live ? live->snapshot().now_ms : NowMs(), &a, &b, &date);
        }
        wfm::AdherenceOptions options;
        options.exception_threshold_ms = threshold * 1000;
        options.severe_threshold_ms = severe * 1000;
        auto live = ctx.Live();
        Result<wfm::AdherenceDay> day = store->TeamAdherence(team, date, zone, options, live ? live->snapshot().now_ms : NowMs());
        if (!day.ok()) return Fail(res, day.status(), req);
        RespondJson(res, 200, wfm::AdherenceDayToJson(day.value()));
    });
    RefuseOtherMethods(server, "/api/wfm/adherence", {"GET"});

    server.Get("/api/wfm/adherence/agent", [ctx](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"agent", "from", "to", "threshold_s"})) return;
        std::optional<Caller> caller = RequireCaller(req, res, ctx.auth);
        if (!caller) return;
        RosterStore* store = ctx.Store(req, res);
        if (!store) return;
        const std::string agent = req.get_param_value("agent");
        Result<std::string> team = store->TeamOfAgent(agent);
        if (!team.ok()) return Fail(res, team.status(), req, 500);
        if (team.value().empty()) return RespondError(res, 400, "agent: '" + agent + "' is not a known agent", req.path, "agent");
        if (!ctx.ForTeam(req, res, team.value())) return;
        int64_t threshold = 60;
        if (!ReadIntParam(req, res, "threshold_s", 0, 3600, &threshold)) return;
        wfm::AdherenceOptions options;
        options.exception_threshold_ms = threshold * 1000;
        auto live = ctx.Live();
        Result<wfm::AdherenceFigure> f = store->AgentAdherence(agent, req.get_param_value("from"), req.get_param_value("to"), ctx.Zone(), options,
                                                               live ? live->snapshot().now_ms : NowMs());
        if (!f.ok()) return Fail(res, f.status(), req);
        const wfm::AdherenceFigure& x = f.value();
        json body{{"agent", agent}, {"from", req.get_param_value("from")}, {"to", req.get_param_value("to")}, {"valid", x.valid},
                  {"adherence", x.adherence}, {"conformance", x.conformance}, {"days", x.days}, {"scheduled_ms", x.scheduled_ms},
                  {"exception_ms", x.exception_ms}, {"exception_threshold_s", threshold},
                  {"definition", "adherence = 1 - exception time / scheduled time, summed over the days; conformance = on-queue time / scheduled on-queue time"}};
        RespondJson(res, 200, body.dump());
    });
    RefuseOtherMethods(server, "/api/wfm/adherence/agent", {"GET"});
}

}  // namespace cb
