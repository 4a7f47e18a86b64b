// Plans laid out on real intervals, staffed, and their JSON (plan_report.h). Shape:
// {"from","to","time_zone","weeks","interval_minutes","method","history_from","history_to",
//  "history_weeks","made_ms","staffing",
//  "queues":[{"queue","method","choice","origins","accuracy":{"<method>":{"wape","mape","smape","bias","n"}},
//   "history_weeks","missing_days","excluded_days","noise_floor",
//   "patience":{"estimated","mean_s","abandons","wait_s"},
//   "target":{"model","service_level","t_s" | "asa_s","max_occupancy","shrinkage","patience_s"},
//   "days":[{"date","weekday","special","factor","intervals":[{"start_ms","time","calls","aht_s",
//     "actual":{"calls","aht_s","agents"},
//     "staffing":{"raw_agents","agents","service_level","p_wait","asa_s","occupancy","p_abandon"} | {"error"}}]}]}]}
#include "plan_report.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace cb::wfm {

namespace {

using nlohmann::json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string Clock(const CivilTime& c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", c.hour, c.minute);
    return buf;
}

// Rounded for the wire: NaN as null.
json Num(double v, double step) {
    if (!std::isfinite(v)) return nullptr;
    return std::round(v / step) * step;
}

}  // namespace

void LayOut(const DayGrid& grid, int plan_day0, int from_day, int to_day, const QueuePlan& plan,
            const QueueSeries& actual, int64_t made_ms, const std::vector<SpecialDay>& special, PlanQueueReport* out) {
    const size_t spd = static_cast<size_t>(grid.slots_per_day());
    const int64_t interval_ms = static_cast<int64_t>(grid.minutes()) * 60000;
    out->days.clear();
    for (int d = std::max(from_day, plan_day0); d < std::min(to_day, grid.days()); ++d) {
        PlanDay day;
        const CivilDate date = grid.DateOf(d);
        day.date = FormatCivilDate(date);
        day.weekday = WeekdayOf(date);
        if (const SpecialDay* s = SpecialDayFor(special, day.date, out->key)) {
            day.special = std::string(SpecialKindName(s->kind));
            day.factor = s->factor;
        }
        const std::vector<DayGrid::Interval>& intervals = grid.Intervals(d);
        const int64_t day_end = d + 1 < grid.days() ? grid.DayStart(d + 1) : grid.end_ms();
        for (size_t k = 0; k < intervals.size(); ++k) {
            const DayGrid::Interval& iv = intervals[k];
            PlanInterval p;
            p.start_ms = iv.start_ms;
            // The local time of the slot (a repeated hour shows its times twice).
            CivilTime c;
            c.hour = iv.slot * grid.minutes() / 60;
            c.minute = iv.slot * grid.minutes() % 60;
            p.time = Clock(c);
            const size_t slot = static_cast<size_t>(iv.slot);
            const size_t at = static_cast<size_t>(d - plan_day0) * spd + slot;
            if (at < plan.calls.size()) {
                p.calls = plan.calls[at];
                p.aht_s = plan.aht_s[at];
            }
            const size_t ai = static_cast<size_t>(d) * spd + slot;
            const int64_t end = std::min(iv.start_ms + interval_ms, day_end);
            if (end <= made_ms && ai < actual.offered.size() && !std::isnan(actual.offered[ai])) {
                // A repeated slot's series value is the mean of its two intervals: each shows that.
                p.has_actual = true;
                p.actual_calls = actual.offered[ai];
                p.actual_aht_s = actual.handled[ai] > 0 ? actual.handle_s[ai] / actual.handled[ai] : kNaN;
                p.actual_agents = actual.staffed_agents[ai];
            }
            day.intervals.push_back(std::move(p));
        }
        out->days.push_back(std::move(day));
    }
}

void StaffDays(double interval_s, PlanQueueReport* out) {
    for (PlanDay& day : out->days)
        for (PlanInterval& p : day.intervals) p.staffing = StaffInterval(p.calls, interval_s, p.aht_s, out->target);
}

// ---- JSON out ------------------------------------------------------------------------------

namespace {

json AccuracyJson(const Accuracy& a) {
    return {{"wape", Num(a.wape, 1e-6)}, {"mape", Num(a.mape, 1e-6)}, {"smape", Num(a.smape, 1e-6)},
            {"bias", Num(a.bias, 1e-6)}, {"n", a.n}};
}

json TargetJson(const Target& t, StaffModel model) {
    json j{{"model", StaffModelName(model)}, {"max_occupancy", t.max_occupancy}, {"shrinkage", t.shrinkage}};
    if (t.kind == Target::Kind::Asa) j["asa_s"] = t.asa_s;
    else j["service_level"] = t.service_level;
    j["t_s"] = t.t_s;
    if (model == StaffModel::ErlangA) j["patience_s"] = Num(t.patience_s, 0.01);
    return j;
}

json StaffingJson(const IntervalStaffing& s) {
    if (!s.ok) return {{"error", s.why}};
    json j{{"raw_agents", s.raw_agents}, {"agents", s.agents}, {"service_level", Num(s.at_raw.service_level, 1e-6)},
           {"p_wait", Num(s.at_raw.p_wait, 1e-6)}, {"asa_s", Num(s.at_raw.asa_s, 1e-3)},
           {"occupancy", Num(s.at_raw.occupancy, 1e-6)}, {"p_abandon", Num(s.at_raw.p_abandon, 1e-6)}};
    return j;
}

}  // namespace

std::string PlanReportToJson(const PlanReport& r) {
    json queues = json::array();
    for (const PlanQueueReport& q : r.queues) {
        json accuracy = json::object();
        for (size_t m = 0; m < q.accuracy.size(); ++m)
            if (q.ran[m]) accuracy[std::string(MethodName(static_cast<Method>(m)))] = AccuracyJson(q.accuracy[m]);
        json days = json::array();
        for (const PlanDay& d : q.days) {
            json intervals = json::array();
            for (const PlanInterval& p : d.intervals) {
                json i{{"start_ms", p.start_ms}, {"time", p.time}, {"calls", Num(p.calls, 1e-3)}, {"aht_s", Num(p.aht_s, 0.1)}};
                if (p.has_actual)
                    i["actual"] = {{"calls", Num(p.actual_calls, 1e-3)}, {"aht_s", Num(p.actual_aht_s, 0.1)},
                                   {"agents", Num(p.actual_agents, 1e-3)}};
                if (r.staffing) i["staffing"] = StaffingJson(p.staffing);
                intervals.push_back(std::move(i));
            }
            json day{{"date", d.date}, {"weekday", d.weekday}, {"intervals", std::move(intervals)}};
            if (!d.special.empty()) {
                day["special"] = d.special;
                day["factor"] = d.factor ? json(*d.factor) : json(nullptr);
            }
            days.push_back(std::move(day));
        }
        json jq{{"queue", q.key},
                {"method", MethodName(q.method)},
                {"choice", PlanChoiceName(q.choice)},
                {"origins", q.origins},
                {"accuracy", std::move(accuracy)},
                {"history_weeks", q.history_weeks},
                {"missing_days", q.missing_days},
                {"excluded_days", q.excluded_days},
                {"noise_floor", Num(q.noise_floor, 1e-6)},
                {"patience",
                 {{"estimated", q.patience.estimated}, {"mean_s", Num(q.patience.mean_s, 0.01)},
                  {"abandons", q.patience.abandons}, {"wait_s", Num(q.patience.wait_s, 0.001)}}}};
        if (r.staffing) jq["target"] = TargetJson(q.target, q.model);
        jq["days"] = std::move(days);
        queues.push_back(std::move(jq));
    }
    json j{{"from", r.from},
           {"to", r.to},
           {"time_zone", r.time_zone},
           {"weeks", r.weeks},
           {"interval_minutes", r.interval_minutes},
           {"method", r.method},
           {"history_from", r.history_from},
           {"history_to", r.history_to},
           {"history_weeks", r.history_weeks},
           {"made_ms", r.made_ms},
           {"staffing", r.staffing},
           {"queues", std::move(queues)}};
    return j.dump();
}

// ---- JSON in --------------------------------------------------------------------------------

namespace {

struct Reader {
    std::string* error;
    bool Fail(const std::string& where, const std::string& what) {
        *error = where + ": " + what;
        return false;
    }
    const json* Find(const json& j, const char* key) {
        auto it = j.find(key);
        return it == j.end() ? nullptr : &*it;
    }
    bool Str(const json& j, const char* key, std::string* out, const std::string& at) {
        const json* v = Find(j, key);
        if (!v || !v->is_string()) return Fail(at + key, "missing or not a string");
        *out = v->get<std::string>();
        return true;
    }
    bool Int(const json& j, const char* key, int64_t* out, const std::string& at) {
        const json* v = Find(j, key);
        if (!v || !v->is_number_integer()) return Fail(at + key, "missing or not a whole number");
        *out = v->get<int64_t>();
        return true;
    }
    bool Int32(const json& j, const char* key, int* out, const std::string& at) {
        int64_t v = 0;
        if (!Int(j, key, &v, at)) return false;
        *out = static_cast<int>(v);
        return true;
    }
    bool Bool(const json& j, const char* key, bool* out, const std::string& at) {
        const json* v = Find(j, key);
        if (!v || !v->is_boolean()) return Fail(at + key, "missing or not true/false");
        *out = v->get<bool>();
        return true;
    }
    // A number or null (NaN).
    bool Dbl(const json& j, const char* key, double* out, const std::string& at) {
        const json* v = Find(j, key);
        if (v && v->is_null()) {
            *out = kNaN;
            return true;
        }
        if (!v || !v->is_number()) return Fail(at + key, "missing or not a number");
        *out = v->get<double>();
        return true;
    }
    bool Arr(const json& j, const char* key, const json** out, const std::string& at) {
        const json* v = Find(j, key);
        if (!v || !v->is_array()) return Fail(at + key, "missing or not an array");
        *out = v;
        return true;
    }
};

bool IntervalFromJson(Reader& rd, const json& j, bool staffing, PlanInterval* p, const std::string& at) {
    if (!j.is_object()) return rd.Fail(at, "not an object");
    if (!rd.Int(j, "start_ms", &p->start_ms, at) || !rd.Str(j, "time", &p->time, at) || !rd.Dbl(j, "calls", &p->calls, at) ||
        !rd.Dbl(j, "aht_s", &p->aht_s, at))
        return false;
    if (const json* a = rd.Find(j, "actual")) {
        if (!a->is_object()) return rd.Fail(at + "actual", "not an object");
        p->has_actual = true;
        if (!rd.Dbl(*a, "calls", &p->actual_calls, at + "actual.") || !rd.Dbl(*a, "aht_s", &p->actual_aht_s, at + "actual.") ||
            !rd.Dbl(*a, "agents", &p->actual_agents, at + "actual."))
            return false;
    }
    if (!staffing) return true;
    const json* s = rd.Find(j, "staffing");
    if (!s || !s->is_object()) return rd.Fail(at + "staffing", "missing or not an object");
    if (const json* e = rd.Find(*s, "error")) {
        if (!e->is_string()) return rd.Fail(at + "staffing.error", "not a string");
        p->staffing.ok = false;
        p->staffing.why = e->get<std::string>();
        return true;
    }
    const std::string st = at + "staffing.";
    IntervalStaffing& f = p->staffing;
    f.ok = true;
    f.at_raw.stable = true;
    return rd.Int(*s, "raw_agents", &f.raw_agents, st) && rd.Int(*s, "agents", &f.agents, st) &&
           rd.Dbl(*s, "service_level", &f.at_raw.service_level, st) && rd.Dbl(*s, "p_wait", &f.at_raw.p_wait, st) &&
           rd.Dbl(*s, "asa_s", &f.at_raw.asa_s, st) && rd.Dbl(*s, "occupancy", &f.at_raw.occupancy, st) &&
           rd.Dbl(*s, "p_abandon", &f.at_raw.p_abandon, st);
}

bool QueueFromJson(Reader& rd, const json& j, bool staffing, PlanQueueReport* q, const std::string& at) {
    if (!j.is_object()) return rd.Fail(at, "not an object");
    std::string method, choice;
    if (!rd.Str(j, "queue", &q->key, at) || !rd.Str(j, "method", &method, at) || !rd.Str(j, "choice", &choice, at) ||
        !rd.Int32(j, "origins", &q->origins, at) || !rd.Int32(j, "history_weeks", &q->history_weeks, at) ||
        !rd.Int32(j, "missing_days", &q->missing_days, at) || !rd.Int32(j, "excluded_days", &q->excluded_days, at) ||
        !rd.Dbl(j, "noise_floor", &q->noise_floor, at))
        return false;
    if (!ParseMethod(method, &q->method)) return rd.Fail(at + "method", "unknown value '" + method + "'");
    if (!ParsePlanChoice(choice, &q->choice)) return rd.Fail(at + "choice", "unknown value '" + choice + "'");
    const json* accuracy = rd.Find(j, "accuracy");
    if (!accuracy || !accuracy->is_object()) return rd.Fail(at + "accuracy", "missing or not an object");
    for (auto it = accuracy->begin(); it != accuracy->end(); ++it) {
        Method m;
        const std::string am = at + "accuracy." + it.key();
        if (!ParseMethod(it.key(), &m)) return rd.Fail(am, "not a method");
        Accuracy& a = q->accuracy[static_cast<size_t>(m)];
        if (!it->is_object()) return rd.Fail(am, "not an object");
        if (!rd.Dbl(*it, "wape", &a.wape, am + ".") || !rd.Dbl(*it, "mape", &a.mape, am + ".") ||
            !rd.Dbl(*it, "smape", &a.smape, am + ".") || !rd.Dbl(*it, "bias", &a.bias, am + ".") ||
            !rd.Int(*it, "n", &a.n, am + "."))
            return false;
        q->ran[static_cast<size_t>(m)] = true;
    }
    const json* pat = rd.Find(j, "patience");
    if (!pat || !pat->is_object()) return rd.Fail(at + "patience", "missing or not an object");
    if (!rd.Bool(*pat, "estimated", &q->patience.estimated, at + "patience.") ||
        !rd.Dbl(*pat, "mean_s", &q->patience.mean_s, at + "patience.") ||
        !rd.Int(*pat, "abandons", &q->patience.abandons, at + "patience.") ||
        !rd.Dbl(*pat, "wait_s", &q->patience.wait_s, at + "patience."))
        return false;
    if (staffing) {
        const json* t = rd.Find(j, "target");
        const std::string tt = at + "target.";
        if (!t || !t->is_object()) return rd.Fail(at + "target", "missing or not an object");
        std::string model;
        if (!rd.Str(*t, "model", &model, tt)) return false;
        if (!ParseStaffModel(model, &q->model)) return rd.Fail(tt + "model", "unknown value '" + model + "'");
        Target& g = q->target;
        if (rd.Find(*t, "asa_s")) {
            g.kind = Target::Kind::Asa;
            if (!rd.Dbl(*t, "asa_s", &g.asa_s, tt)) return false;
        } else {
            g.kind = Target::Kind::ServiceLevel;
            if (!rd.Dbl(*t, "service_level", &g.service_level, tt)) return false;
        }
        if (!rd.Dbl(*t, "t_s", &g.t_s, tt) || !rd.Dbl(*t, "max_occupancy", &g.max_occupancy, tt) ||
            !rd.Dbl(*t, "shrinkage", &g.shrinkage, tt))
            return false;
        g.patience_s = 0;
        if (q->model == StaffModel::ErlangA && !rd.Dbl(*t, "patience_s", &g.patience_s, tt)) return false;
    }
    const json* days = nullptr;
    if (!rd.Arr(j, "days", &days, at)) return false;
    for (size_t d = 0; d < days->size(); ++d) {
        const json& jd = (*days)[d];
        const std::string ad = at + "days[" + std::to_string(d) + "].";
        if (!jd.is_object()) return rd.Fail(ad, "not an object");
        PlanDay day;
        if (!rd.Str(jd, "date", &day.date, ad) || !rd.Int32(jd, "weekday", &day.weekday, ad)) return false;
        if (const json* s = rd.Find(jd, "special")) {
            SpecialKind kind;
            if (!s->is_string() || !ParseSpecialKind(s->get<std::string>(), &kind)) return rd.Fail(ad + "special", "not holiday or campaign");
            day.special = s->get<std::string>();
            double f = kNaN;
            if (!rd.Dbl(jd, "factor", &f, ad)) return false;
            if (!std::isnan(f)) day.factor = f;
        }
        const json* intervals = nullptr;
        if (!rd.Arr(jd, "intervals", &intervals, ad)) return false;
        day.intervals.resize(intervals->size());
        for (size_t k = 0; k < intervals->size(); ++k) {
            if (!IntervalFromJson(rd, (*intervals)[k], staffing, &day.intervals[k], ad + "intervals[" + std::to_string(k) + "]."))
                return false;
        }
        q->days.push_back(std::move(day));
    }
    return true;
}

}  // namespace

bool PlanReportFromJson(std::string_view text, PlanReport* report, std::string* error) {
    const json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        *error = "not a JSON object";
        return false;
    }
    Reader rd{error};
    PlanReport r;
    if (!rd.Str(j, "from", &r.from, "") || !rd.Str(j, "to", &r.to, "") || !rd.Str(j, "time_zone", &r.time_zone, "") ||
        !rd.Int32(j, "weeks", &r.weeks, "") || !rd.Int32(j, "interval_minutes", &r.interval_minutes, "") ||
        !rd.Str(j, "method", &r.method, "") || !rd.Str(j, "history_from", &r.history_from, "") ||
        !rd.Str(j, "history_to", &r.history_to, "") || !rd.Int32(j, "history_weeks", &r.history_weeks, "") ||
        !rd.Int(j, "made_ms", &r.made_ms, "") || !rd.Bool(j, "staffing", &r.staffing, ""))
        return false;
    const json* queues = nullptr;
    if (!rd.Arr(j, "queues", &queues, "")) return false;
    r.queues.resize(queues->size());
    for (size_t i = 0; i < queues->size(); ++i)
        if (!QueueFromJson(rd, (*queues)[i], r.staffing, &r.queues[i], "queues[" + std::to_string(i) + "].")) return false;
    *report = std::move(r);
    return true;
}

std::string SpecialDaysToJson(const std::vector<SpecialDay>& days) {
    json list = json::array();
    for (const SpecialDay& d : days) {
        list.push_back({{"date", d.date},
                        {"queue", d.queue},
                        {"kind", SpecialKindName(d.kind)},
                        {"factor", d.factor ? json(*d.factor) : json(nullptr)},
                        {"note", d.note},
                        {"updated_by", d.updated_by},
                        {"updated_ms", d.updated_ms}});
    }
    return json{{"special_days", std::move(list)}}.dump();
}

bool SpecialDaysFromJson(std::string_view text, std::vector<SpecialDay>* out, std::string* error) {
    const json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        *error = "not a JSON object";
        return false;
    }
    Reader rd{error};
    const json* list = nullptr;
    if (!rd.Arr(j, "special_days", &list, "")) return false;
    std::vector<SpecialDay> days;
    for (size_t i = 0; i < list->size(); ++i) {
        const json& e = (*list)[i];
        const std::string at = "special_days[" + std::to_string(i) + "].";
        if (!e.is_object()) return rd.Fail(at, "not an object");
        SpecialDay d;
        std::string kind;
        double factor = kNaN;
        if (!rd.Str(e, "date", &d.date, at) || !rd.Str(e, "queue", &d.queue, at) || !rd.Str(e, "kind", &kind, at) ||
            !rd.Dbl(e, "factor", &factor, at) || !rd.Str(e, "note", &d.note, at) || !rd.Str(e, "updated_by", &d.updated_by, at) ||
            !rd.Int(e, "updated_ms", &d.updated_ms, at))
            return false;
        if (!ParseSpecialKind(kind, &d.kind)) return rd.Fail(at + "kind", "unknown value '" + kind + "'");
        if (!std::isnan(factor)) d.factor = factor;
        days.push_back(std::move(d));
    }
    *out = std::move(days);
    return true;
}

}  // namespace cb::wfm
