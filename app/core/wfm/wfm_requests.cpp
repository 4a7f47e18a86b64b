// Break requests and historical adherence as data and JSON (wfm_requests.h). Reading never
// throws: parsing with allow_exceptions = false, every value's type checked.
#include "wfm_requests.h"

#include <nlohmann/json.hpp>

namespace cb::wfm {
namespace {

using nlohmann::json;

template <typename T>
bool Get(const json& j, const char* key, T* out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return true;
    if constexpr (std::is_same_v<T, std::string>) {
        if (!it->is_string()) return false;
    } else if constexpr (std::is_same_v<T, bool>) {
        if (!it->is_boolean()) return false;
    } else {
        if (!it->is_number()) return false;
    }
    *out = it->get<T>();
    return true;
}

json ImpactJson(const BreakImpact& i) {
    json queues = json::array();
    for (const BreakImpactQueue& q : i.queues) {
        queues.push_back({{"queue", q.queue}, {"known", q.known}, {"erlangs", q.erlangs}, {"stable_without", q.stable_without},
                          {"stable_with", q.stable_with}, {"sl_without", q.sl_without}, {"sl_with", q.sl_with}});
    }
    return {{"computed", i.computed}, {"at_ms", i.at_ms}, {"problem", i.problem}, {"queues", queues},
            {"definition", "Erlang C over the break, the last 30 minutes' load held flat, the agent off queue (approved) or following the schedule (declined)"}};
}

bool ImpactFrom(const json& j, BreakImpact* i) {
    if (!j.is_object()) return false;
    if (!Get(j, "computed", &i->computed) || !Get(j, "at_ms", &i->at_ms) || !Get(j, "problem", &i->problem)) return false;
    auto qs = j.find("queues");
    if (qs == j.end() || !qs->is_array()) return true;
    for (const json& q : *qs) {
        if (!q.is_object()) return false;
        BreakImpactQueue x;
        if (!Get(q, "queue", &x.queue) || !Get(q, "known", &x.known) || !Get(q, "erlangs", &x.erlangs) ||
            !Get(q, "stable_without", &x.stable_without) || !Get(q, "stable_with", &x.stable_with) ||
            !Get(q, "sl_without", &x.sl_without) || !Get(q, "sl_with", &x.sl_with))
            return false;
        i->queues.push_back(x);
    }
    return true;
}

json PlannedJson(const std::vector<Planned>& list) {
    json out = json::array();
    for (const Planned& p : list) out.push_back({{"start_ms", p.start_ms}, {"end_ms", p.end_ms}, {"activity", std::string(ActivityName(p.activity))}});
    return out;
}

}  // namespace

std::string AllowanceProblem(const BreakAllowance& a, int minutes) {
    if (a.used_minutes + minutes <= a.minutes_per_day) return "";
    return "agent '" + a.agent + "' has " + std::to_string(std::max(0, a.minutes_per_day - a.used_minutes)) + " of " +
           std::to_string(a.minutes_per_day) + " min of requested breaks left that day; this one is " + std::to_string(minutes) + " min";
}

std::string ValidateBreakRequest(const BreakRequest& r) {
    if (r.agent.empty()) return "agent: required";
    if (r.kind != "break" && r.kind != "lunch") return "kind: '" + r.kind + "' is not break or lunch";
    if (r.minutes < 1 || r.minutes > 240) return "minutes: " + std::to_string(r.minutes) + " is not from 1 to 240";
    if (r.start_ms <= 0) return "start: required";
    if (r.note.size() > 200) return "note: longer than 200 characters";
    return "";
}

std::string BreakImpactToJson(const BreakImpact& impact) { return ImpactJson(impact).dump(); }

bool BreakImpactFromJson(std::string_view text, BreakImpact* impact) {
    const json j = json::parse(text.begin(), text.end(), nullptr, false);
    BreakImpact i;
    if (j.is_discarded() || !ImpactFrom(j, &i)) return false;
    *impact = std::move(i);
    return true;
}

std::string BreakRequestsToJson(const std::vector<BreakRequest>& list, const std::vector<BreakAllowance>& allowances) {
    json rows = json::array();
    for (const BreakRequest& r : list) {
        rows.push_back({{"id", r.id},           {"agent", r.agent},           {"team", r.team},
                        {"start_ms", r.start_ms}, {"minutes", r.minutes},     {"kind", r.kind},
                        {"status", r.status},   {"note", r.note},             {"requested_by", r.requested_by},
                        {"requested_ms", r.requested_ms}, {"decided_by", r.decided_by}, {"decided_ms", r.decided_ms},
                        {"impact", ImpactJson(r.impact)}});
    }
    json al = json::array();
    for (const BreakAllowance& a : allowances)
        al.push_back({{"agent", a.agent}, {"minutes_per_day", a.minutes_per_day}, {"used_minutes", a.used_minutes}});
    return json{{"requests", rows}, {"allowances", al}}.dump();
}

bool BreakRequestsFromJson(std::string_view text, std::vector<BreakRequest>* list, std::vector<BreakAllowance>* allowances,
                           std::string* error) {
    const json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("requests") || !j["requests"].is_array()) {
        *error = "not a list of break requests";
        return false;
    }
    std::vector<BreakRequest> out;
    for (size_t i = 0; i < j["requests"].size(); ++i) {
        const json& r = j["requests"][i];
        BreakRequest b;
        if (!r.is_object() || !Get(r, "id", &b.id) || !Get(r, "agent", &b.agent) || !Get(r, "team", &b.team) ||
            !Get(r, "start_ms", &b.start_ms) || !Get(r, "minutes", &b.minutes) || !Get(r, "kind", &b.kind) ||
            !Get(r, "status", &b.status) || !Get(r, "note", &b.note) || !Get(r, "requested_by", &b.requested_by) ||
            !Get(r, "requested_ms", &b.requested_ms) || !Get(r, "decided_by", &b.decided_by) || !Get(r, "decided_ms", &b.decided_ms) ||
            (r.contains("impact") && !ImpactFrom(r["impact"], &b.impact))) {
            *error = "requests[" + std::to_string(i) + "]: does not read";
            return false;
        }
        out.push_back(std::move(b));
    }
    std::vector<BreakAllowance> al;
    if (j.contains("allowances") && j["allowances"].is_array()) {
        for (const json& a : j["allowances"]) {
            BreakAllowance x;
            if (!a.is_object() || !Get(a, "agent", &x.agent) || !Get(a, "minutes_per_day", &x.minutes_per_day) ||
                !Get(a, "used_minutes", &x.used_minutes)) {
                *error = "allowances: do not read";
                return false;
            }
            al.push_back(x);
        }
    }
    *list = std::move(out);
    if (allowances) *allowances = std::move(al);
    return true;
}

std::string AdherenceDayToJson(const AdherenceDay& day) {
    json agents = json::array();
    for (const AgentDayAdherence& a : day.agents) {
        json spells = json::array();
        for (const Spell& s : a.spells) {
            spells.push_back({{"start_ms", s.start_ms}, {"end_ms", s.end_ms}, {"state", std::string(AgentStateName(s.state))},
                              {"activity", std::string(ActivityName(ActivityOf(s.state, s.reason)))}});
        }
        json devs = json::array();
        for (const Deviation& d : a.result.deviations) {
            devs.push_back({{"start_ms", d.start_ms}, {"end_ms", d.end_ms}, {"scheduled", std::string(ActivityName(d.scheduled))},
                            {"actual", std::string(ActivityName(d.actual))}, {"impact", std::string(ImpactName(d.impact))},
                            {"counted", d.counted}, {"severe", d.severe}});
        }
        agents.push_back({{"agent", a.agent},
                          {"shift", a.shift},
                          {"planned", PlannedJson(a.planned)},
                          {"actual", spells},
                          {"valid", a.result.valid},
                          {"adherence", a.result.adherence},
                          {"conformance", a.result.conformance},
                          {"scheduled_ms", a.result.scheduled_ms},
                          {"exception_ms", a.result.exception_ms},
                          {"scheduled_on_queue_ms", a.result.scheduled_on_queue_ms},
                          {"actual_on_queue_ms", a.result.actual_on_queue_ms},
                          {"deviations", devs}});
    }
    return json{{"team", day.team},
                {"date", day.date},
                {"day_start_ms", day.day_start_ms},
                {"day_end_ms", day.day_end_ms},
                {"roster_id", day.roster_id},
                {"exception_threshold_s", day.options.exception_threshold_ms / 1000},
                {"severe_threshold_s", day.options.severe_threshold_ms / 1000},
                {"definition", "adherence = 1 - exception time / scheduled time; conformance = on-queue time / scheduled on-queue time"},
                {"agents", agents}}
        .dump();
}

bool AdherenceDayFromJson(std::string_view text, AdherenceDay* day, std::string* error) {
    const json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("agents") || !j["agents"].is_array()) {
        *error = "not an adherence day";
        return false;
    }
    AdherenceDay d;
    int64_t ex_s = 60, severe_s = 600;
    if (!Get(j, "team", &d.team) || !Get(j, "date", &d.date) || !Get(j, "day_start_ms", &d.day_start_ms) ||
        !Get(j, "day_end_ms", &d.day_end_ms) || !Get(j, "roster_id", &d.roster_id) || !Get(j, "exception_threshold_s", &ex_s) ||
        !Get(j, "severe_threshold_s", &severe_s)) {
        *error = "adherence day: a field does not read";
        return false;
    }
    d.options.exception_threshold_ms = ex_s * 1000;
    d.options.severe_threshold_ms = severe_s * 1000;
    for (const json& a : j["agents"]) {
        AgentDayAdherence x;
        if (!a.is_object() || !Get(a, "agent", &x.agent) || !Get(a, "shift", &x.shift) || !Get(a, "valid", &x.result.valid) ||
            !Get(a, "adherence", &x.result.adherence) || !Get(a, "conformance", &x.result.conformance) ||
            !Get(a, "scheduled_ms", &x.result.scheduled_ms) || !Get(a, "exception_ms", &x.result.exception_ms) ||
            !Get(a, "scheduled_on_queue_ms", &x.result.scheduled_on_queue_ms) || !Get(a, "actual_on_queue_ms", &x.result.actual_on_queue_ms)) {
            *error = "adherence day: an agent does not read";
            return false;
        }
        if (a.contains("planned") && a["planned"].is_array()) {
            for (const json& p : a["planned"]) {
                Planned pl;
                std::string act;
                if (!p.is_object() || !Get(p, "start_ms", &pl.start_ms) || !Get(p, "end_ms", &pl.end_ms) || !Get(p, "activity", &act) ||
                    !ParseActivity(act, &pl.activity)) {
                    *error = "adherence day: agent '" + x.agent + "': a planned activity does not read";
                    return false;
                }
                x.planned.push_back(pl);
            }
        }
        if (a.contains("actual") && a["actual"].is_array()) {
            for (const json& s : a["actual"]) {
                Spell sp;
                std::string state;
                if (!s.is_object() || !Get(s, "start_ms", &sp.start_ms) || !Get(s, "end_ms", &sp.end_ms) || !Get(s, "state", &state)) {
                    *error = "adherence day: agent '" + x.agent + "': a state does not read";
                    return false;
                }
                for (int k = 0; k < static_cast<int>(AgentState::kCount); ++k)
                    if (AgentStateName(static_cast<AgentState>(k)) == state) sp.state = static_cast<AgentState>(k);
                std::string act;
                Activity activity = Activity::OnQueue;
                if (Get(s, "activity", &act) && ParseActivity(act, &activity) && sp.state == AgentState::NotReady) {
                    sp.reason = activity == Activity::Break   ? NotReadyReason::Break
                                : activity == Activity::Lunch ? NotReadyReason::Lunch
                                : activity == Activity::Meeting ? NotReadyReason::Meeting
                                : activity == Activity::Training ? NotReadyReason::Training
                                                                 : NotReadyReason::Other;
                }
                x.spells.push_back(sp);
            }
        }
        if (a.contains("deviations") && a["deviations"].is_array()) {
            for (const json& dv : a["deviations"]) {
                Deviation dev;
                std::string s1, s2, im;
                if (!dv.is_object() || !Get(dv, "start_ms", &dev.start_ms) || !Get(dv, "end_ms", &dev.end_ms) || !Get(dv, "scheduled", &s1) ||
                    !Get(dv, "actual", &s2) || !Get(dv, "impact", &im) || !Get(dv, "counted", &dev.counted) || !Get(dv, "severe", &dev.severe) ||
                    !ParseActivity(s1, &dev.scheduled) || !ParseActivity(s2, &dev.actual) || !ParseImpact(im, &dev.impact)) {
                    *error = "adherence day: agent '" + x.agent + "': a deviation does not read";
                    return false;
                }
                x.result.deviations.push_back(dev);
            }
        }
        d.agents.push_back(std::move(x));
    }
    *day = std::move(d);
    return true;
}

namespace {
void Recompute(AdherenceFigure* f) {
    f->valid = f->scheduled_ms > 0;
    f->adherence = f->valid ? std::max(0.0, 1.0 - static_cast<double>(f->exception_ms) / static_cast<double>(f->scheduled_ms)) : 0;
    f->conformance = f->scheduled_on_queue_ms > 0 ? static_cast<double>(f->actual_on_queue_ms) / static_cast<double>(f->scheduled_on_queue_ms) : 0;
}
}  // namespace

void AddDay(AdherenceFigure* f, const AdherenceResult& day) {
    if (!day.valid) return;
    f->scheduled_ms += day.scheduled_ms;
    f->exception_ms += day.exception_ms;
    f->scheduled_on_queue_ms += day.scheduled_on_queue_ms;
    f->actual_on_queue_ms += day.actual_on_queue_ms;
    f->days += 1;
    Recompute(f);
}

void AddFigure(AdherenceFigure* f, const AdherenceFigure& other) {
    f->scheduled_ms += other.scheduled_ms;
    f->exception_ms += other.exception_ms;
    f->scheduled_on_queue_ms += other.scheduled_on_queue_ms;
    f->actual_on_queue_ms += other.actual_on_queue_ms;
    f->days += other.days;
    Recompute(f);
}

}  // namespace cb::wfm
