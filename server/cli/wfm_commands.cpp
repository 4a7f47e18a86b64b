#include "server/cli/wfm_commands.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/wfm/erlang.h"

namespace cb {
namespace {

constexpr const char* kStaffingHelp =
    "usage: callboard staffing --calls N --interval MINUTES --aht SECONDS (--sl PERCENT/SECONDS | --asa SECONDS)\n"
    "                          [--agents N] [--max-occupancy PERCENT] [--shrinkage PERCENT]\n"
    "                          [--patience SECONDS] [--json]\n"
    "\n"
    "Agents needed for N calls arriving in an interval, each handled in AHT seconds on average\n"
    "(talk + hold + after-call work), to answer PERCENT of them within SECONDS (--sl 80/20) or\n"
    "with an average speed of answer (--asa 20). Erlang C (callers wait as long as it takes), or\n"
    "Erlang A with --patience (callers' mean patience before they hang up). --max-occupancy caps\n"
    "the share of time agents are busy; --shrinkage (breaks, training, absence) turns agents on\n"
    "the phones into agents to schedule. With --agents N: the service level, probability of\n"
    "waiting, ASA, occupancy (and abandonment with --patience) that N agents give instead.\n"
    "--json prints the same as one JSON object. Exit code 0; 1 when the target cannot be met;\n"
    "2 for a mistake on the command line.\n"
    "Example: callboard staffing --calls 100 --interval 30 --aht 180 --sl 80/20 --shrinkage 30\n";

struct Args {
    std::optional<double> calls, interval_min, aht_s, asa_s, max_occupancy, shrinkage, patience_s;
    std::optional<long long> agents;
    std::optional<std::pair<double, double>> sl;
    bool json = false;
};

bool Number(std::string_view name, std::string_view text, double low, double high, double* out, std::string* why) {
    const std::string s(text);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v) || v < low || v > high) {
        char buf[200];
        std::snprintf(buf, sizeof buf, "%s: '%s' is not a number from %g to %g", std::string(name).c_str(), s.c_str(), low, high);
        *why = buf;
        return false;
    }
    *out = v;
    return true;
}

bool Parse(const std::vector<std::string_view>& args, Args* a, std::string* why, bool* help) {
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (arg == "--help" || arg == "-h") {
            *help = true;
            return true;
        }
        if (arg == "--json") {
            a->json = true;
            continue;
        }
        if (i + 1 >= args.size()) {
            *why = std::string(arg) + ": needs a value (callboard staffing --help)";
            return false;
        }
        const std::string_view value = args[++i];
        double v = 0;
        if (arg == "--calls") {
            if (!Number(arg, value, 0, 1e9, &v, why)) return false;
            a->calls = v;
        } else if (arg == "--interval") {
            if (!Number(arg, value, 1, 1440, &v, why)) return false;
            a->interval_min = v;
        } else if (arg == "--aht") {
            if (!Number(arg, value, 1, 86400, &v, why)) return false;
            a->aht_s = v;
        } else if (arg == "--asa") {
            if (!Number(arg, value, 0.001, 86400, &v, why)) return false;
            a->asa_s = v;
        } else if (arg == "--max-occupancy") {
            if (!Number(arg, value, 1, 100, &v, why)) return false;
            a->max_occupancy = v / 100;
        } else if (arg == "--shrinkage") {
            if (!Number(arg, value, 0, 99, &v, why)) return false;
            a->shrinkage = v / 100;
        } else if (arg == "--patience") {
            if (!Number(arg, value, 1, 86400, &v, why)) return false;
            a->patience_s = v;
        } else if (arg == "--agents") {
            if (!Number(arg, value, 1, 1e7, &v, why) || v != std::floor(v)) {
                *why = "--agents: '" + std::string(value) + "' is not a whole number from 1";
                return false;
            }
            a->agents = static_cast<long long>(v);
        } else if (arg == "--sl") {
            double fraction = 0, t = 0;
            if (!wfm::ParseServiceLevelTarget(std::string(value), &fraction, &t, why)) {
                *why = "--sl: " + *why;
                return false;
            }
            a->sl = std::make_pair(fraction, t);
        } else {
            *why = std::string(arg) + ": not an option of callboard staffing (callboard staffing --help)";
            return false;
        }
    }
    if (!a->calls || !a->interval_min || !a->aht_s) {
        *why = "--calls, --interval and --aht are required (callboard staffing --help)";
        return false;
    }
    if (!a->sl && !a->asa_s) {
        *why = "give the target: --sl PERCENT/SECONDS or --asa SECONDS";
        return false;
    }
    if (a->sl && a->asa_s) {
        *why = "give --sl or --asa, not both";
        return false;
    }
    return true;
}

nlohmann::json ResultJson(const wfm::QueueResult& r, bool abandons) {
    nlohmann::json j{{"service_level", r.service_level}, {"p_wait", r.p_wait}, {"asa_s", r.asa_s}, {"occupancy", r.occupancy}};
    if (abandons) j["p_abandon"] = r.p_abandon;
    return j;
}

std::string ResultText(const wfm::QueueResult& r, bool abandons) {
    char buf[320];
    std::snprintf(buf, sizeof buf, "service level %.1f %%, probability of waiting %.1f %%, ASA %.1f s, occupancy %.1f %%",
                  r.service_level * 100, r.p_wait * 100, r.asa_s, r.occupancy * 100);
    std::string s = buf;
    if (abandons) {
        std::snprintf(buf, sizeof buf, ", abandoned %.1f %%", r.p_abandon * 100);
        s += buf;
    }
    return s;
}

}  // namespace

bool IsWfmCommand(const std::vector<std::string_view>& args) { return !args.empty() && args[0] == "staffing"; }

int RunWfmCommand(const std::vector<std::string_view>& args) {
    Args a;
    std::string why;
    bool help = false;
    if (!Parse(args, &a, &why, &help)) {
        std::fprintf(stderr, "callboard staffing: %s\n", why.c_str());
        return 2;
    }
    if (help) {
        std::fputs(kStaffingHelp, stdout);
        return 0;
    }
    const wfm::Load load{*a.calls, *a.interval_min * 60, *a.aht_s};
    wfm::Target target;
    if (a.sl) {
        target.kind = wfm::Target::Kind::ServiceLevel;
        target.service_level = a.sl->first;
        target.t_s = a.sl->second;
    } else {
        target.kind = wfm::Target::Kind::Asa;
        target.asa_s = *a.asa_s;
        target.t_s = 0;
    }
    target.max_occupancy = a.max_occupancy.value_or(1.0);
    target.shrinkage = a.shrinkage.value_or(0.0);
    target.patience_s = a.patience_s.value_or(0.0);
    const bool abandons = target.patience_s > 0;
    const char* model = abandons ? "erlang_a" : "erlang_c";
    nlohmann::json out{{"model", model},
                       {"calls", load.calls},
                       {"interval_min", *a.interval_min},
                       {"aht_s", load.aht_s},
                       {"erlangs", load.erlangs()}};
    if (a.sl) out["target"] = {{"service_level", target.service_level}, {"t_s", target.t_s}};
    else out["target"] = {{"asa_s", target.asa_s}};
    out["target"]["max_occupancy"] = target.max_occupancy;
    out["target"]["shrinkage"] = target.shrinkage;
    if (abandons) out["patience_s"] = target.patience_s;
    std::string text;
    char buf[400];
    std::snprintf(buf, sizeof buf, "Load: %g calls in %g min, AHT %g s = %.2f Erlangs (%s)\n", load.calls, *a.interval_min,
                  load.aht_s, load.erlangs(), abandons ? "Erlang A" : "Erlang C");
    text += buf;
    if (a.agents) {
        const double t = a.sl ? target.t_s : 0;
        const wfm::QueueResult r = abandons ? wfm::ErlangA(*a.agents, load, target.patience_s, t) : wfm::ErlangC(*a.agents, load, t);
        out["agents"] = *a.agents;
        if (!r.stable) {
            out["stable"] = false;
            std::snprintf(buf, sizeof buf,
                          "With %lld agents: not stable - %.2f Erlangs need more than %lld agents, or the queue grows without end\n",
                          *a.agents, load.erlangs(), *a.agents);
            text += buf;
        } else {
            out["stable"] = true;
            out["result"] = ResultJson(r, abandons);
            std::snprintf(buf, sizeof buf, "With %lld agents: %s\n", *a.agents, ResultText(r, abandons).c_str());
            text += buf;
        }
        std::fputs(a.json ? (out.dump(2) + "\n").c_str() : text.c_str(), stdout);
        return 0;
    }
    const wfm::Staffing s = wfm::RequiredAgents(load, target);
    if (!s.ok) {
        out["error"] = s.why;
        if (a.json) std::fputs((out.dump(2) + "\n").c_str(), stdout);
        std::fprintf(stderr, "callboard staffing: the target cannot be met: %s\n", s.why.c_str());
        return 1;
    }
    out["raw_agents"] = s.raw_agents;
    out["agents"] = s.agents;
    out["result"] = ResultJson(s.at_raw, abandons);
    std::snprintf(buf, sizeof buf, "Agents needed: %lld on the phones, %lld scheduled (shrinkage %.0f %%)\n",
                  static_cast<long long>(s.raw_agents), static_cast<long long>(s.agents), target.shrinkage * 100);
    text += buf;
    std::snprintf(buf, sizeof buf, "With %lld: %s\n", static_cast<long long>(s.raw_agents), ResultText(s.at_raw, abandons).c_str());
    text += buf;
    std::fputs(a.json ? (out.dump(2) + "\n").c_str() : text.c_str(), stdout);
    return 0;
}

}  // namespace cb
