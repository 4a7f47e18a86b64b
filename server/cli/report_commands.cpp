// `callboard report ...` (report_commands.h, docs/reports.md "Command line").
#include "server/cli/report_commands.h"

#include <sys/stat.h>
#include <cinttypes>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include "core/report/report_csv.h"
#include "core/report/report_json.h"
#include "server/admin/report_service.h"
#include "server/auth/auth_service.h"
#include "server/base/time_zone.h"
#include "server/cli/cli_password.h"
#include "server/cli/cli_user.h"
#include "server/config/config.h"
#include "server/export/report_pdf.h"
#include "server/live/broadcaster.h"
#include "server/store/store.h"
#include "server/store/store_accounts.h"
#include "server/store/store_reports.h"
#include "server/store/store_roster.h"

namespace cb {
namespace {

enum class Output { Text, Json, Csv };

struct ReportArgs {
    std::string verb = "report";      // report, scorecard, team, incident, definitions
    std::string subject;              // scorecard: the agent; team: the team
    std::string db = "callboard.db";
    std::string config;
    std::string tz;
    std::string user;
    std::string password_file;
    Output output = Output::Text;
    ReportParams params;              // what the API would receive
    int periods = kDefaultScorecardPeriods;
    int first_weekday = 0;
    std::string pdf;                  // --pdf FILE: daily, weekly, monthly, incident
    PdfLanguage lang = PdfLanguage::Zh;
    CivilDate date;                   // daily, weekly, monthly: --date (default today)
    bool date_given = false;
};

int Usage(const std::string& message) {
    std::fprintf(stderr, "callboard: report: %s\n", message.c_str());
    return 2;
}

int Fail(const std::string& message) {
    std::fprintf(stderr, "callboard: report: %s\n", message.c_str());
    return 1;
}

int Finish(const AdminOutcome& outcome) {
    if (outcome.ok()) return 0;
    std::fprintf(stderr, "callboard: report: %s\n", outcome.message.c_str());
    return outcome.kind == AdminOutcome::Kind::Invalid ? 2 : 1;
}

// --by: a grouping (center, queue, team, agent) or a cadence (interval, 15min, 30min, 60min,
// day, week, month, range); at most one of each.
Status AddBy(const std::string& value, bool* has_group, bool* has_cadence, ReportParams* params) {
    ReportGroup group;
    ReportGranularity granularity;
    if (ParseReportGroup(value, &group)) {
        if (*has_group) return Status::Error("--by: two groupings given; choose one of center, queue, team, agent");
        *has_group = true;
        params->push_back({"group", value});
        return Status::Ok();
    }
    if (value == "interval" || ParseReportGranularity(value, &granularity)) {
        if (*has_cadence) return Status::Error("--by: two cadences given; choose one of interval, 15min, 30min, 60min, day, week, month");
        *has_cadence = true;
        params->push_back({"granularity", value});
        return Status::Ok();
    }
    return Status::Error("--by: '" + value +
                         "' is not one of center, queue, team, agent, interval, 15min, 30min, 60min, day, week, month, range");
}

Status ParseArgs(const std::vector<std::string_view>& args, ReportArgs* a) {
    size_t i = 1;
    if (i < args.size() && args[i].rfind("-", 0) != 0) {
        a->verb = std::string(args[i++]);
        if (a->verb != "scorecard" && a->verb != "team" && a->verb != "incident" && a->verb != "definitions" &&
            a->verb != "daily" && a->verb != "weekly" && a->verb != "monthly") {
            return Status::Error("unknown subcommand '" + a->verb +
                                 "' (scorecard, team, incident, definitions, daily, weekly, monthly)");
        }
        if (a->verb == "scorecard" || a->verb == "team") {
            if (i >= args.size() || args[i].rfind("-", 0) == 0) {
                return Status::Error(a->verb + ": missing " + (a->verb == "team" ? "team key" : "agent key"));
            }
            a->subject = std::string(args[i++]);
        }
    }
    bool has_group = false, has_cadence = false, output_given = false;
    const bool is_report = a->verb == "report", is_incident = a->verb == "incident";
    const bool is_period = a->verb == "daily" || a->verb == "weekly" || a->verb == "monthly";
    for (; i < args.size(); ++i) {
        const std::string arg(args[i]);
        if (arg == "--json" || arg == "--csv") {
            if (output_given) return Status::Error("--json and --csv: choose one");
            output_given = true;
            a->output = arg == "--json" ? Output::Json : Output::Csv;
            continue;
        }
        if (i + 1 >= args.size()) return Status::Error(arg + ": missing value (argument " + std::to_string(i + 1) + ")");
        const std::string value(args[++i]);
        if (arg == "--pdf" && (is_period || is_incident)) a->pdf = value;
        else if (arg == "--lang" && (is_period || is_incident)) {
            if (!ParsePdfLanguage(value, &a->lang)) return Status::Error("--lang: '" + value + "' is not zh or en");
        } else if (arg == "--date" && is_period) {
            if (!ParseCivilDate(value, &a->date)) return Status::Error("--date: '" + value + "' is not a date YYYY-MM-DD");
            a->date_given = true;
        } else if (arg == "--first-weekday" && is_period) {
            if (!ParseWeekday(value, &a->first_weekday)) return Status::Error("--first-weekday: '" + value + "' is not monday ... sunday");
        } else if (arg == "--db") a->db = value;
        else if (arg == "--config") a->config = value;
        else if (arg == "--tz") a->tz = value;
        else if (arg == "--user") a->user = value;
        else if (arg == "--password-file") a->password_file = value;
        else if ((arg == "--from" || arg == "--to") && a->verb != "definitions" && !is_period) a->params.push_back({arg.substr(2), value});
        else if (arg == "--range" && !is_incident && !is_period && a->verb != "definitions") a->params.push_back({"range", value});
        else if (arg == "--date" && is_incident) a->params.push_back({"date", value});
        else if (arg == "--weeks" && is_incident) a->params.push_back({"weeks", value});
        else if (arg == "--queue" && (is_report || is_incident)) a->params.push_back({"queue", value});
        else if ((arg == "--team" || arg == "--agent") && is_report) a->params.push_back({arg.substr(2), value});
        else if (arg == "--first-weekday" && a->verb != "incident" && a->verb != "definitions") {
            if (!ParseWeekday(value, &a->first_weekday)) return Status::Error("--first-weekday: '" + value + "' is not monday ... sunday");
            a->params.push_back({"first_weekday", value});
        } else if (arg == "--by" && is_report) {
            if (Status s = AddBy(value, &has_group, &has_cadence, &a->params); !s.ok()) return s;
        } else if (arg == "--periods" && a->verb == "scorecard") {
            try {
                size_t used = 0;
                a->periods = std::stoi(value, &used);
                if (used != value.size()) throw std::invalid_argument(value);
            } catch (...) {
                return Status::Error("--periods: '" + value + "' is not a whole number");
            }
        } else {
            return Status::Error("unknown option '" + arg + "' for " + (a->verb == "report" ? "report" : "report " + a->verb));
        }
    }
    if (is_period && a->pdf.empty()) return Status::Error(a->verb + ": --pdf FILE is missing (where to write the PDF)");
    if (!a->pdf.empty() && output_given) return Status::Error("--pdf and --json/--csv: choose one");
    if (!a->config.empty() && !a->tz.empty()) return Status::Error("--config and --tz: give one (the configuration names the zone)");
    if (is_report) {
        // `--by queue` alone: one row per queue over the range; `--by day` alone: the center by day.
        if (!has_cadence) a->params.push_back({"granularity", "range"});
    }
    return Status::Ok();
}

// The zone the stored days are cut in: the configuration's or --tz, checked against what the
// database recorded; else what it recorded.
Status ResolveZone(const ReportArgs& a, const StoredLayout& layout, TimeZone* zone, int* interval_minutes) {
    std::optional<TimeZone> given;
    int given_minutes = 0;
    if (!a.config.empty()) {
        Result<Config> config = LoadConfig(a.config);
        if (!config.ok()) return config.status();
        given = config.value().Zone();
        given_minutes = config.value().interval_minutes;
    } else if (!a.tz.empty()) {
        Result<TimeZone> z = LoadTimeZone(a.tz);
        if (!z.ok()) return Status::Error("--tz: " + z.status().message());
        given = z.value();
    }
    std::optional<TimeZone> stored;
    if (layout.known) {
        if (layout.zone.empty()) {
            stored = TimeZone::Fixed(layout.tz_offset_min);
        } else {
            Result<TimeZone> z = LoadTimeZone(layout.zone);
            if (!z.ok()) return Status::Error("the database's days are counted in " + layout.zone + ": " + z.status().message());
            stored = z.value();
        }
    }
    if (given && stored && given->name() != stored->name()) {
        return Status::Error("the database's days are counted in " + stored->name() + ", not " + given->name() +
                             " (reports use the zone the days were counted in)");
    }
    if (given_minutes && layout.known && given_minutes != layout.interval_minutes) {
        return Status::Error("the database's intervals are " + std::to_string(layout.interval_minutes) + " minutes, not " +
                             std::to_string(given_minutes) + " as in " + a.config);
    }
    if (!given && !stored) {
        return Status::Error("the database has no counted days yet, so its time zone is not known: give --config FILE or --tz ZONE");
    }
    *zone = stored ? *stored : *given;
    *interval_minutes = layout.known ? layout.interval_minutes : (given_minutes ? given_minutes : 15);
    return Status::Ok();
}

// Counts the days still waiting (as the server does every minute), with the zone they are cut in.
Status CountPendingDays(const ReportArgs& a, const StoredLayout& layout, const TimeZone& zone, int interval_minutes) {
    Result<std::unique_ptr<Store>> store = Store::Open(a.db, layout.data_kind == "demo" ? DataKind::Demo : DataKind::Real);
    if (!store.ok()) return store.status();
    DerivedConfig derived;
    derived.interval_minutes = interval_minutes;
    derived.zone = zone;
    derived.tz_offset_min = zone.is_fixed() ? zone.fixed_offset_min() : 0;
    store.value()->SetDerivedConfig(derived);
    Result<int64_t> rebuilt = store.value()->RebuildIntervals(WallClockMs());
    return rebuilt.ok() ? Status::Ok() : rebuilt.status();
}

// ---- text output ----

std::string Percent(const KpiFigure& f) {
    if (!f.valid) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", f.value * 100.0);
    return buf;
}

std::string Seconds(const KpiFigure& f) {
    if (!f.valid) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", f.value / 1000.0);
    return buf;
}

std::string Fixed1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string Pad(const std::string& s, size_t width) {
    // Width in characters (UTF-8 continuation bytes do not count).
    size_t chars = 0;
    for (char c : s) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return chars >= width ? s + " " : s + std::string(width - chars, ' ');
}

std::string DefinitionText(const DefinitionVersion& d) {
    std::string from = d.valid_from_ms == INT64_MIN ? "the beginning" : std::to_string(d.valid_from_ms);
    return "#" + std::to_string(d.id) + " " + (d.queue == "*" ? std::string("center default") : "queue " + d.queue) + ": " +
           std::string(SlVariantName(d.sl.variant)) + ", T " + std::to_string(d.sl.threshold_s) + " s, target " +
           Fixed1(d.sl.target * 100) + "%, short abandon " + std::to_string(d.sl.short_abandon_s) + " s, valid from " + from;
}

void PrintReport(const Report& r) {
    std::printf("%s to %s, %s by %s, %s (intervals of %d minutes)\n", FormatCivilDate(r.query.from).c_str(),
                FormatCivilDate(r.query.to).c_str(), std::string(ReportGroupName(r.query.group)).c_str(),
                std::string(ReportGranularityName(r.query.granularity)).c_str(), r.zone.c_str(), r.interval_minutes);
    const char* cols[] = {"period", "group", "offered", "answered", "abandoned", "SL", "abandon", "ASA s", "AHT s", "occupancy"};
    const size_t widths[] = {26, 18, 9, 9, 10, 8, 8, 8, 8, 10};
    std::string header;
    for (size_t c = 0; c < std::size(cols); ++c) header += Pad(cols[c], widths[c]);
    std::printf("%s\n", header.c_str());
    auto line = [&](const ReportRow& row) {
        const std::vector<KpiFigure> k = ReportRowKpis(r, row);
        const ReportGroupInfo& g = r.groups[static_cast<size_t>(row.group)];
        const std::string period = row.bucket < 0 ? "total" : r.buckets[static_cast<size_t>(row.bucket)].label;
        const std::string name = g.key.empty() ? "center" : g.key;
        const std::string values[] = {period,
                                      name,
                                      std::to_string(row.counts.offered),
                                      std::to_string(row.counts.answered),
                                      std::to_string(row.counts.abandoned),
                                      Percent(k[static_cast<size_t>(ReportKpi::ServiceLevel)]),
                                      Percent(k[static_cast<size_t>(ReportKpi::AbandonRate)]),
                                      Seconds(k[static_cast<size_t>(ReportKpi::Asa)]),
                                      Seconds(k[static_cast<size_t>(ReportKpi::Aht)]),
                                      Percent(k[static_cast<size_t>(ReportKpi::Occupancy)])};
        std::string text;
        for (size_t c = 0; c < std::size(values); ++c) text += Pad(values[c], widths[c]);
        std::printf("%s%s\n", text.c_str(), row.mixed_definitions ? " (definitions changed in this period)" : "");
    };
    for (const ReportRow& row : r.rows) line(row);
    if (r.buckets.size() > 1) {
        for (const ReportRow& row : r.totals) line(row);
    }
    std::printf("Service level: the headline definition of each row (JSON and CSV carry all six variants).\n");
    for (const DefinitionVersion& d : r.definitions) std::printf("  %s\n", DefinitionText(d).c_str());
    if (!r.pending_days.empty()) {
        std::printf("Still being counted: %zu day(s) from %s\n", r.pending_days.size(), FormatCivilDate(r.pending_days.front()).c_str());
    }
}

std::string ScoreText(const ScoreValue& v, std::string_view unit, bool average, bool needs_schedule = false) {
    if (!v.valid) return needs_schedule ? "no schedule" : "-";
    if (unit == "ms") return Fixed1(v.value / 1000.0) + " s";
    if (unit == "cents") return Fixed1(v.value / 100.0);
    if (unit == "percent") return Fixed1(v.value) + " %";
    return average ? Fixed1(v.value) : std::to_string(v.total);
}

std::string Mark(Outlier o) { return o == Outlier::Above ? " (above team)" : o == Outlier::Below ? " (below team)" : ""; }

void PrintScorecard(const Scorecard& s) {
    std::printf("%s %s (%s), team %s, %s to %s%s\n", s.agent.key.c_str(), s.agent.name_en.c_str(), s.agent.name_zh.c_str(),
                s.team.key.c_str(), FormatCivilDate(s.from).c_str(), FormatCivilDate(s.to).c_str(), s.active ? "" : " (not active)");
    std::printf("%s%s%s%s%s\n", Pad("figure", 26).c_str(), Pad("value", 14).c_str(), Pad("team median", 14).c_str(),
                Pad("team total", 14).c_str(), "previous periods, oldest first");
    const auto& defs = ScoreFigures();
    for (size_t f = 0; f < s.figures.size(); ++f) {
        const ScorecardEntry& e = s.figures[f];
        ScoreValue median;
        median.valid = e.team.n > 0;
        median.value = e.team.median;
        median.total = static_cast<int64_t>(e.team.median);
        std::string series;
        for (size_t p = 0; p + 1 < e.series.size(); ++p) series += (p ? ", " : "") + ScoreText(e.series[p], defs[f].unit, defs[f].average, defs[f].needs_schedule);
        std::printf("%s%s%s%s%s%s\n", Pad(std::string(defs[f].id), 26).c_str(),
                    Pad(ScoreText(e.value, defs[f].unit, defs[f].average, defs[f].needs_schedule), 14).c_str(),
                    Pad(ScoreText(median, defs[f].unit, true), 14).c_str(),
                    Pad(ScoreText(e.team_total, defs[f].unit, defs[f].average, defs[f].needs_schedule), 14).c_str(), series.c_str(), Mark(e.outlier).c_str());
    }
    std::printf("Outliers: modified z-score beyond %.1f over the team's active agents (docs/reports.md).\n", kOutlierZ);
    std::printf("adherence_pct, conformance_pct: from the published rosters, minutes summed over the days (docs/reports.md).\n");
}

void PrintTeam(const TeamComparison& t) {
    std::printf("Team %s (%s), %s to %s: %zu agents\n", t.team.key.c_str(), t.team.name_en.c_str(), FormatCivilDate(t.from).c_str(),
                FormatCivilDate(t.to).c_str(), t.agents.size());
    const auto& defs = ScoreFigures();
    for (size_t a = 0; a < t.agents.size(); ++a) {
        std::printf("%s %s (%s)%s\n", t.agents[a].key.c_str(), t.agents[a].name_en.c_str(), t.agents[a].name_zh.c_str(),
                    t.active[a] ? "" : " - not active");
        for (size_t f = 0; f < defs.size(); ++f) {
            const ScoreValue& v = t.values[a][f];
            if (v.valid && v.total == 0 && !defs[f].average && t.outliers[a][f] == Outlier::None) continue;  // zeros left out
            std::printf("  %s%s%s\n", Pad(std::string(defs[f].id), 26).c_str(), ScoreText(v, defs[f].unit, defs[f].average, defs[f].needs_schedule).c_str(),
                        Mark(t.outliers[a][f]).c_str());
        }
    }
}

void PrintIncident(const IncidentReport& r) {
    std::printf("Incident %s %s-%s (%s), against the previous %d %s\n", FormatCivilDate(r.query.date).c_str(),
                FormatClockTime(r.query.from_min).c_str(), FormatClockTime(r.query.to_min).c_str(), r.zone.c_str(), r.query.weeks,
                r.query.weeks == 1 ? "week" : "weeks");
    const auto& figs = IncidentFigures();
    auto idx = [&](std::string_view id) {
        for (size_t i = 0; i < figs.size(); ++i) {
            if (figs[i].id == id) return i;
        }
        return size_t{0};
    };
    auto value = [&](const IncidentValue& v, IncidentFigureKind kind, std::string_view id) {
        if (!v.valid) return std::string("-");
        if (kind == IncidentFigureKind::Ratio) return Fixed1(v.value * 100) + "%";
        if (id.size() > 3 && id.substr(id.size() - 3) == "_ms") return Fixed1(v.value / 1000.0) + " s";
        return Fixed1(v.value);
    };
    std::printf("%s", Pad("interval", 16).c_str());
    for (const char* id : {"offered", "service_level", "abandoned", "asa_ms", "agents_staffed"}) {
        std::printf("%s", Pad(std::string(id) + " now/typical", 28).c_str());
    }
    std::printf("\n");
    auto line = [&](const IncidentInterval& in) {
        std::printf("%s", Pad(in.label, 16).c_str());
        for (const char* id : {"offered", "service_level", "abandoned", "asa_ms", "agents_staffed"}) {
            const size_t f = idx(id);
            const IncidentFigure& fig = in.figures[f];
            std::printf("%s", Pad(value(fig.now, figs[f].kind, id) + " / " + value(fig.typical, figs[f].kind, id), 28).c_str());
        }
        std::printf("\n");
    };
    for (const IncidentInterval& in : r.intervals) line(in);
    IncidentInterval total = r.window;
    total.label = "whole window";
    line(total);
    for (const IncidentNote& n : r.notes) {
        std::printf("Note %" PRId64 " by %s (revision %d): %s\n", n.id, n.author.empty() ? "-" : n.author.c_str(), n.revision,
                    n.text.c_str());
    }
}

}  // namespace

bool IsReportCommand(const std::vector<std::string_view>& args) { return !args.empty() && args[0] == "report"; }

int RunReportCommand(const std::vector<std::string_view>& args) {
    ReportArgs a;
    if (Status s = ParseArgs(args, &a); !s.ok()) return Usage(s.message());
    struct stat st {};
    if (stat(a.db.c_str(), &st) != 0) return Fail("no database at '" + a.db + "' (--db FILE)");

    ReportStore store;
    if (Status s = store.Open(a.db); !s.ok()) return Fail(s.message());
    Result<StoredLayout> layout = store.ReadLayout();
    if (!layout.ok()) return Fail(layout.status().message());
    TimeZone zone;
    int interval_minutes = 15;
    if (Status s = ResolveZone(a, layout.value(), &zone, &interval_minutes); !s.ok()) return Usage(s.message());

    // Everything asked is read before anything is written (a sign-in, a recount).
    ReportService service(WallClockMs);
    service.Attach(&store, zone, interval_minutes);
    // Scorecards' adherence from the published rosters, as the server reads it.
    Result<std::unique_ptr<RosterStore>> rosters = RosterStore::Open(a.db);
    if (!rosters.ok()) return Fail(rosters.status().message());
    service.SetAdherenceReader([r = rosters.value().get(), zone](const std::string& agent, const CivilDate& from, const CivilDate& to) {
        return r->AgentAdherence(agent, FormatCivilDate(from), FormatCivilDate(to), zone, wfm::AdherenceOptions{}, WallClockMs());
    });
    const CivilDate today = service.Today();
    ReportQuery report_query;
    IncidentQuery incident_query;
    CivilDate from, to;
    if (a.verb == "report") {
        if (AdminOutcome o = ParseReportParams(a.params, today, interval_minutes, &report_query); !o.ok()) return Finish(o);
        if (std::optional<ReportProblem> p = CheckReportQuery(report_query, interval_minutes)) return Usage(p->message);
    } else if (a.verb == "scorecard" || a.verb == "team") {
        if (AdminOutcome o = ParseDateParams(a.params, today, a.first_weekday, &from, &to); !o.ok()) return Finish(o);
    } else if (a.verb == "incident") {
        if (AdminOutcome o = ParseIncidentParams(a.params, today, &incident_query); !o.ok()) return Finish(o);
        if (std::optional<ReportProblem> p = CheckIncidentQuery(incident_query)) return Usage(p->message);
    }

    // Who asks: the account given with --user (its role's scope, docs/auth.md), else whoever can
    // read the database file, with full access (like `callboard audit export`).
    Caller caller;
    caller.local = true;
    std::unique_ptr<SqliteAccountStore> accounts;
    std::unique_ptr<AuthService> auth;
    if (!a.user.empty()) {
        Result<std::unique_ptr<SqliteAccountStore>> opened = SqliteAccountStore::Open(a.db);
        if (!opened.ok()) return Fail(opened.status().message());
        accounts = std::move(opened.value());
        auth = std::make_unique<AuthService>(accounts.get(), WallClockMs);
        Result<std::string> password = ReadAccountPassword(a.password_file);
        if (!password.ok()) return Fail(password.status().message());
        LoginRequest request;
        request.user = a.user;
        request.password = password.value();
        request.client = "desktop";
        request.address = "cli";
        LoginResult login = auth->Login(request);
        if (login.kind == LoginResult::Kind::WrongCredentials) return Fail("wrong user or password");
        if (login.kind == LoginResult::Kind::Throttled) {
            return Fail("too many failed sign-ins; try again in " + std::to_string(login.retry_after_s) + " s");
        }
        if (login.kind != LoginResult::Kind::Ok) return Fail("sign-in failed: " + login.error);
        caller = login.caller;
    }
    struct SignOut {
        AuthService* auth;
        const Caller& caller;
        ~SignOut() {
            if (auth && !caller.local) auth->Logout(caller, "cli");
        }
    } sign_out{auth.get(), caller};

    // Runs the request; days still waiting to be counted are counted first and it runs again.
    // A request refused (unknown key, not allowed) fails before anything is counted.
    auto run = [&](const std::function<AdminOutcome()>& request) -> AdminOutcome {
        AdminOutcome outcome = request();
        if (!outcome.ok()) return outcome;
        Result<std::vector<int64_t>> pending = store.PendingDays(INT64_MIN, INT64_MAX);
        if (!pending.ok()) return AdminOutcome::Fail(AdminOutcome::Kind::Failed, "store", "", pending.status().message());
        if (pending.value().empty() && !layout.value().rollups_pending) return outcome;
        if (Status s = CountPendingDays(a, layout.value(), zone, interval_minutes); !s.ok()) {
            std::fprintf(stderr, "callboard: report: counting the days still waiting failed (%s); numbers of those days may lag\n",
                         s.message().c_str());
            return outcome;
        }
        return request();
    };
    auto write = [](const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); };

    if (a.verb == "report") {
        Report report;
        if (AdminOutcome o = run([&] { return service.RunReport(report_query, caller, &report); }); !o.ok()) return Finish(o);
        if (a.output == Output::Json) write(ReportToJson(report) + "\n");
        else if (a.output == Output::Csv) write(ReportToCsv(report));
        else PrintReport(report);
        return 0;
    }
    if (a.verb == "scorecard") {
        Scorecard card;
        if (AdminOutcome o = run([&] { return service.AgentScorecard(a.subject, from, to, a.periods, caller, &card); }); !o.ok()) {
            return Finish(o);
        }
        if (a.output == Output::Json) write(ScorecardToJson(card) + "\n");
        else if (a.output == Output::Csv) write(ScorecardToCsv(card));
        else PrintScorecard(card);
        return 0;
    }
    if (a.verb == "team") {
        TeamComparison table;
        if (AdminOutcome o = run([&] { return service.CompareTeam(a.subject, from, to, caller, &table); }); !o.ok()) return Finish(o);
        if (a.output == Output::Json) write(TeamComparisonToJson(table) + "\n");
        else if (a.output == Output::Csv) write(TeamComparisonToCsv(table));
        else PrintTeam(table);
        return 0;
    }
    // A PDF goes to --pdf FILE through a temporary file beside it, renamed when complete.
    auto write_pdf = [&](const std::string& bytes) -> int {
        const std::string tmp = a.pdf + ".part";
        FILE* f = std::fopen(tmp.c_str(), "wb");
        if (!f) return Fail("--pdf: cannot write '" + a.pdf + "'");
        const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
        if (std::fclose(f) != 0 || !ok || std::rename(tmp.c_str(), a.pdf.c_str()) != 0) {
            std::remove(tmp.c_str());
            return Fail("--pdf: cannot write '" + a.pdf + "'");
        }
        std::fprintf(stderr, "callboard: report: wrote %s (%zu bytes)\n", a.pdf.c_str(), bytes.size());
        return 0;
    };
    if (a.verb == "daily" || a.verb == "weekly" || a.verb == "monthly") {
        PeriodKind kind = PeriodKind::Daily;
        ParsePeriodKind(a.verb, &kind);
        PeriodDocument doc;
        if (AdminOutcome o = run([&] {
                return BuildPeriodDocument(service, kind, a.date_given ? a.date : today, a.first_weekday, caller, &doc);
            });
            !o.ok()) {
            return Finish(o);
        }
        std::string pdf, error;
        if (!RenderPeriodPdf(doc, a.lang, &pdf, &error)) return Fail(error);
        return write_pdf(pdf);
    }
    if (a.verb == "incident") {
        IncidentReport report;
        if (AdminOutcome o = run([&] { return service.Incident(incident_query, caller, &report); }); !o.ok()) return Finish(o);
        if (!a.pdf.empty()) {
            std::string pdf, error;
            if (!RenderIncidentPdf(report, a.lang, &pdf, &error)) return Fail(error);
            return write_pdf(pdf);
        }
        if (a.output == Output::Json) write(IncidentReportToJson(report) + "\n");
        else if (a.output == Output::Csv) write(IncidentReportToCsv(report));
        else PrintIncident(report);
        return 0;
    }
    std::vector<DefinitionVersion> defs;
    if (AdminOutcome o = service.Definitions(caller, &defs); !o.ok()) return Finish(o);
    if (a.output == Output::Json) {
        write(DefinitionsToJson(defs) + "\n");
    } else {
        for (const DefinitionVersion& d : defs) std::printf("%s\n", DefinitionText(d).c_str());
    }
    return 0;
}

}  // namespace cb
