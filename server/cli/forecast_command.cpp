// `callboard forecast` (forecast_command.h).
#include "server/cli/forecast_command.h"

#include <sys/stat.h>
#include <cmath>
#include <cstdio>
#include <string>
#include "core/wfm/plan_report.h"
#include "server/base/time_zone.h"
#include "server/config/config.h"
#include "server/live/broadcaster.h"
#include "server/store/store_wfm.h"
#include "server/wfm/plan_service.h"

namespace cb {
namespace {

constexpr const char* kHelp =
    "usage: callboard forecast [--db FILE] [--queue KEY]... [--from YYYY-MM-DD] [--weeks N]\n"
    "                          [--interval 15|30] [--method auto|seasonal_naive|weekly_average|holt_winters]\n"
    "                          [--history-weeks N] [--config FILE | --time-zone ZONE] [--json | --csv]\n"
    "       staffing:          [--sl PERCENT/SECONDS | --asa SECONDS] [--max-occupancy PERCENT]\n"
    "                          [--shrinkage PERCENT] [--model auto|erlang_c|erlang_a] [--patience SECONDS]\n"
    "                          [--staffing]\n"
    "\n"
    "Forecasts each stored queue's calls and handle time per interval from its history in the\n"
    "database (interval counts, as `callboard import` and the live server store them), in the\n"
    "center's time zone (--config's time_zone, or --time-zone Asia/Shanghai; UTC otherwise).\n"
    "\n"
    "  --from DATE        first day forecast (default: next Monday); the history is the\n"
    "                     --history-weeks weeks (default 104, at most 156) before it, or before\n"
    "                     today when DATE is later; days already over show what happened too\n"
    "  --weeks N          weeks forecast, 1-26 (default 1)\n"
    "  --interval M       15 or 30 minutes (default 15; the history must be counted in M or less)\n"
    "  --method M         auto (default): per queue the method with the lowest WAPE when each\n"
    "                     forecasts the last 4 weeks of history one week at a time; or one of\n"
    "                     seasonal_naive (the same interval last week), weekly_average (mean of\n"
    "                     the last 8 weeks), holt_winters (double-seasonal, damped trend)\n"
    "  --queue KEY        only this queue (repeat, or KEY,KEY); default every queue\n"
    "\n"
    "With a target (or --staffing) each interval also gets the agents it needs: the smallest\n"
    "number on the phones meeting --sl (default: the queue's own service level, e.g. 80/20) or\n"
    "--asa, at most --max-occupancy (default 100), then raised for --shrinkage (default 0).\n"
    "--model auto (default) uses Erlang A with the callers' mean patience estimated from the\n"
    "abandons of the last 8 weeks (wait of answered and abandoned callers / abandons), Erlang C\n"
    "when there are fewer than 10; erlang_a with --patience SECONDS uses that patience instead.\n"
    "\n"
    "Output: each queue's method and why, every method's back-test accuracy (WAPE, MAPE over\n"
    "non-zero actuals, bias), the history behind it, and per day the calls, handle time and peak\n"
    "agents. --csv: one line per queue and interval; --json: the whole plan (docs/api.md,\n"
    "\"Forecast and staffing\"). Special days (holidays, campaigns) set on the dashboard or with\n"
    "PUT /api/wfm/special-days are left out of the history and their factors applied.\n"
    "Exit code 0; 1 when the database cannot be read; 2 for a mistake on the command line.\n"
    "Example: callboard forecast --db callboard.db --config callboard.json --weeks 2 --sl 80/20 --shrinkage 30\n";

struct Options {
    std::string db = "callboard.db";
    std::string config, time_zone;
    bool json = false, csv = false, staffing = false, help = false;
    wfm::PlanAsk ask;
};

// --max-occupancy -> max_occupancy; the plan's own option names (core/wfm/plan.h).
bool Parse(const std::vector<std::string_view>& args, Options* o, std::string* why) {
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (a == "--help" || a == "-h") {
            o->help = true;
            return true;
        }
        if (a == "--json") {
            o->json = true;
            continue;
        }
        if (a == "--csv") {
            o->csv = true;
            continue;
        }
        if (a == "--staffing") {
            o->staffing = true;
            continue;
        }
        if (a.rfind("--", 0) != 0) {
            *why = "'" + std::string(a) + "': not an option (callboard forecast --help)";
            return false;
        }
        if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) {
            *why = std::string(a) + ": needs a value (callboard forecast --help)";
            return false;
        }
        const std::string_view value = args[++i];
        if (a == "--db") {
            o->db = std::string(value);
            continue;
        }
        if (a == "--config") {
            o->config = std::string(value);
            continue;
        }
        if (a == "--time-zone") {
            o->time_zone = std::string(value);
            continue;
        }
        std::string name(a.substr(2));
        for (char& c : name)
            if (c == '-') c = '_';
        bool known = false;
        for (std::string_view n : wfm::PlanAskOptionNames()) known |= n == name;
        if (!known) {
            *why = std::string(a) + ": not an option of callboard forecast (callboard forecast --help)";
            return false;
        }
        if (!wfm::SetPlanAskOption(&o->ask, name, value, why)) {
            *why = "--" + *why;
            for (size_t k = 2; k < why->size() && (*why)[k] != ':'; ++k)
                if ((*why)[k] == '_') (*why)[k] = '-';
            return false;
        }
    }
    if (o->json && o->csv) {
        *why = "--json and --csv: give one of them";
        return false;
    }
    if (!o->config.empty() && !o->time_zone.empty()) {
        *why = "--config and --time-zone: give one of them (the center's time zone)";
        return false;
    }
    if (o->ask.sl_fraction && o->ask.asa_s) {
        *why = "--sl and --asa: give one target, a service level or an average speed of answer";
        return false;
    }
    if (!wfm::CheckPlanAsk(o->ask, why)) {
        *why = "--" + *why;
        return false;
    }
    o->staffing |= wfm::AsksStaffing(o->ask);
    return true;
}

std::string Percent(double v) {
    if (!std::isfinite(v)) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", v * 100);
    return buf;
}

std::string Csv(double v, const char* format) {
    if (!std::isfinite(v)) return "";
    char buf[48];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

const char* ChoiceText(const wfm::PlanQueueReport& q) {
    switch (q.choice) {
    case wfm::PlanChoice::Backtest: return "chosen by the back-test (lowest WAPE)";
    case wfm::PlanChoice::Asked: return "as asked";
    case wfm::PlanChoice::ShortHistory: return "too little history for the back-test (6 weeks needed): the weekly average";
    case wfm::PlanChoice::NoHistory: return "no history stored: no calls forecast";
    }
    return "";
}

std::string TextReport(const wfm::PlanReport& r) {
    static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    std::string out = "Forecast " + r.from + " to " + r.to + " (" + r.time_zone + "), " + std::to_string(r.interval_minutes) +
                      "-minute intervals, from the history of " + r.history_from + " to " + r.history_to + "\n";
    if (r.queues.empty()) out += "No queue is stored yet.\n";
    char line[256];
    for (const wfm::PlanQueueReport& q : r.queues) {
        out += "\nQueue " + q.key + ": " + std::string(wfm::MethodName(q.method)) + ", " + ChoiceText(q) + "\n";
        std::snprintf(line, sizeof line, "  history: %d weeks, %d days missing (%d of them special days left out)\n",
                      q.history_weeks, q.missing_days, q.excluded_days);
        out += line;
        if (q.origins > 0) {
            std::snprintf(line, sizeof line, "  back-test over the last %d weeks:  %-15s %9s %9s %9s\n", q.origins, "", "WAPE",
                          "MAPE", "bias");
            out += line;
            for (size_t m = 0; m < q.accuracy.size(); ++m) {
                if (!q.ran[m]) continue;
                const wfm::Accuracy& a = q.accuracy[m];
                std::snprintf(line, sizeof line, "    %-48s %9s %9s %8s%s\n", std::string(wfm::MethodName(static_cast<wfm::Method>(m))).c_str(),
                              Percent(a.wape).c_str(), Percent(a.mape).c_str(), ((a.bias > 0 ? "+" : "") + Percent(a.bias)).c_str(),
                              static_cast<wfm::Method>(m) == q.method ? "  <- used" : "");
                out += line;
            }
            std::snprintf(line, sizeof line, "  Poisson noise floor at these volumes (a perfect forecast): WAPE %s\n",
                          Percent(q.noise_floor).c_str());
            out += line;
        }
        if (r.staffing) {
            std::string target = q.target.kind == wfm::Target::Kind::Asa
                                     ? "ASA " + Csv(q.target.asa_s, "%g") + " s"
                                     : Csv(q.target.service_level * 100, "%g") + " % within " + Csv(q.target.t_s, "%g") + " s";
            std::string model = q.model == wfm::StaffModel::ErlangA
                                    ? "Erlang A, mean patience " + Csv(q.target.patience_s, "%.0f") + " s" +
                                          (q.patience.estimated && std::fabs(q.patience.mean_s - q.target.patience_s) < 1e-9
                                               ? " (from " + std::to_string(q.patience.abandons) + " abandons)"
                                               : " (given)")
                                    : "Erlang C";
            out += "  staffing: " + model + ", " + target + ", max occupancy " + Csv(q.target.max_occupancy * 100, "%g") +
                   " %, shrinkage " + Csv(q.target.shrinkage * 100, "%g") + " %\n";
        }
        std::snprintf(line, sizeof line, "  %-10s %-3s %10s %7s%s\n", "date", "day", "calls", "AHT s",
                      r.staffing ? "  peak agents (scheduled)  agent-hours scheduled" : "");
        out += line;
        for (const wfm::PlanDay& d : q.days) {
            double calls = 0, handle = 0, agent_hours = 0;
            int64_t peak_raw = 0, peak = 0;
            bool failed = false;
            for (const wfm::PlanInterval& p : d.intervals) {
                calls += p.calls;
                if (std::isfinite(p.aht_s)) handle += p.calls * p.aht_s;
                if (r.staffing) {
                    failed |= !p.staffing.ok;
                    peak_raw = std::max(peak_raw, p.staffing.raw_agents);
                    peak = std::max(peak, p.staffing.agents);
                    agent_hours += static_cast<double>(p.staffing.agents) * r.interval_minutes / 60.0;
                }
            }
            std::string staffing;
            if (r.staffing) {
                char buf[96];
                std::snprintf(buf, sizeof buf, "  %5lld (%lld)%s %20.1f", static_cast<long long>(peak_raw), static_cast<long long>(peak),
                              failed ? " *" : "  ", agent_hours);
                staffing = buf;
            }
            std::snprintf(line, sizeof line, "  %-10s %-3s %10.1f %7s%s%s\n", d.date.c_str(), kDays[d.weekday % 7], calls,
                          calls > 0 ? Csv(handle / calls, "%.0f").c_str() : "-", staffing.c_str(),
                          d.special.empty() ? "" : ("  " + d.special + (d.factor ? " x" + Csv(*d.factor, "%g") : "")).c_str());
            out += line;
        }
    }
    out += "\nPer interval: --csv or --json. Definitions: docs/wfm.md.\n";
    return out;
}

std::string CsvReport(const wfm::PlanReport& r) {
    std::string out = "queue,date,time,start_ms,calls,aht_s,actual_calls,actual_aht_s,actual_agents";
    if (r.staffing) out += ",raw_agents,agents,service_level,p_wait,asa_s,occupancy,p_abandon,staffing_error";
    out += "\n";
    for (const wfm::PlanQueueReport& q : r.queues) {
        for (const wfm::PlanDay& d : q.days) {
            for (const wfm::PlanInterval& p : d.intervals) {
                out += q.key + "," + d.date + "," + p.time + "," + std::to_string(p.start_ms) + "," + Csv(p.calls, "%.3f") + "," +
                       Csv(p.aht_s, "%.1f") + ",";
                if (p.has_actual)
                    out += Csv(p.actual_calls, "%.3f") + "," + Csv(p.actual_aht_s, "%.1f") + "," + Csv(p.actual_agents, "%.3f");
                else
                    out += ",,";
                if (r.staffing) {
                    const wfm::IntervalStaffing& s = p.staffing;
                    if (s.ok) {
                        out += "," + std::to_string(s.raw_agents) + "," + std::to_string(s.agents) + "," +
                               Csv(s.at_raw.service_level, "%.6f") + "," + Csv(s.at_raw.p_wait, "%.6f") + "," +
                               Csv(s.at_raw.asa_s, "%.3f") + "," + Csv(s.at_raw.occupancy, "%.6f") + "," +
                               Csv(s.at_raw.p_abandon, "%.6f") + ",";
                    } else {
                        std::string why = s.why;
                        for (char& c : why)
                            if (c == ',' || c == '"') c = ' ';
                        out += ",,,,,,,," + why;
                    }
                }
                out += "\n";
            }
        }
    }
    return out;
}

Result<TimeZone> ZoneFor(const Options& o) {
    if (!o.time_zone.empty()) {
        Result<TimeZone> zone = LoadTimeZone(o.time_zone);
        if (!zone.ok()) return Status::Error("--time-zone: " + zone.status().message());
        return zone;
    }
    if (!o.config.empty()) {
        Result<Config> config = LoadConfig(o.config);
        if (!config.ok()) return Status::Error("--config: " + config.status().message());
        return config.value().Zone();
    }
    return TimeZone();
}

}  // namespace

bool IsForecastCommand(const std::vector<std::string_view>& args) { return !args.empty() && args[0] == "forecast"; }

int RunForecastCommand(const std::vector<std::string_view>& args) {
    Options o;
    std::string why;
    if (!Parse(args, &o, &why)) {
        std::fprintf(stderr, "callboard forecast: %s\n", why.c_str());
        return 2;
    }
    if (o.help) {
        std::fputs(kHelp, stdout);
        return 0;
    }
    Result<TimeZone> zone = ZoneFor(o);
    if (!zone.ok()) {
        std::fprintf(stderr, "callboard forecast: %s\n", zone.status().message().c_str());
        return 2;
    }
    // Reading only: a database that does not exist is a mistake, not one to create.
    struct stat st {};
    if (stat(o.db.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        std::fprintf(stderr, "callboard forecast: --db: '%s' is not a database file\n", o.db.c_str());
        return 2;
    }
    WfmStore store;
    if (Status status = store.Open(o.db, true); !status.ok()) {
        std::fprintf(stderr, "callboard forecast: %s\n", status.message().c_str());
        return 1;
    }
    wfm::PlanReport report;
    const WfmOutcome outcome = MakePlan(store, zone.value(), WallClockMs(), o.ask, o.staffing, &report);
    if (!outcome.ok()) {
        const bool mistake = outcome.kind == WfmOutcome::Kind::Invalid;
        std::string message = outcome.message;
        if (mistake && !outcome.field.empty() && outcome.field.find(' ') == std::string::npos) {
            std::string flag = outcome.field;
            for (char& c : flag)
                if (c == '_') c = '-';
            message = "--" + flag + message.substr(outcome.field.size());
        }
        std::fprintf(stderr, "callboard forecast: %s\n", message.c_str());
        return mistake ? 2 : 1;
    }
    const std::string out = o.json ? wfm::PlanReportToJson(report) + "\n" : o.csv ? CsvReport(report) : TextReport(report);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

}  // namespace cb
