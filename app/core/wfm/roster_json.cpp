// Rosters <-> JSON (roster_json.h). Never throws: parsing with allow_exceptions = false, every
// value's type checked before it is read.
#include "roster_json.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include "core/tz.h"

namespace cb::wfm {
namespace {

using nlohmann::json;

// Finds where JSON syntax goes wrong: nlohmann's message names the line and column.
class SyntaxProbe : public nlohmann::json_sax<json> {
public:
    std::string message;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) override {
        message = ex.what();
        const size_t close = message.find("] ");
        if (message.rfind("[json.exception", 0) == 0 && close != std::string::npos) message = message.substr(close + 2);
        return false;
    }
};

bool ParseJson(std::string_view text, json* out, std::string* error) {
    *out = json::parse(text.begin(), text.end(), nullptr, false);
    if (!out->is_discarded()) return true;
    SyntaxProbe probe;
    json::sax_parse(text.begin(), text.end(), &probe);
    *error = probe.message.empty() ? "not valid JSON" : probe.message;
    return false;
}

struct Reader {
    std::string* error;

    bool Fail(const std::string& where, const std::string& what) const {
        *error = where + ": " + what;
        return false;
    }
    static std::string At(const std::string& where, const std::string& key) { return where.empty() ? key : where + "." + key; }

    bool Keys(const json& obj, const std::string& where, std::initializer_list<const char*> allowed) const {
        if (!obj.is_object()) return Fail(where.empty() ? "the file" : where, "expected an object {...}");
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            bool known = false;
            for (const char* a : allowed) known |= it.key() == a;
            if (!known) {
                std::string list;
                for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
                return Fail(At(where, it.key()), "not a known field (known: " + list + ")");
            }
        }
        return true;
    }
    bool Number(const json& obj, const std::string& where, const char* key, double* out, bool required, double lo, double hi) const {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return required ? Fail(At(where, key), "required") : true;
        if (!it->is_number()) return Fail(At(where, key), "expected a number");
        const double v = it->get<double>();
        if (!std::isfinite(v) || v < lo || v > hi) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "%g is not from %g to %g", v, lo, hi);
            return Fail(At(where, key), buf);
        }
        *out = v;
        return true;
    }
    bool Int(const json& obj, const std::string& where, const char* key, int* out, bool required, int lo, int hi) const {
        double v = *out;
        if (!Number(obj, where, key, &v, required, lo, hi)) return false;
        if (v != std::floor(v)) return Fail(At(where, key), "expected a whole number");
        *out = static_cast<int>(v);
        return true;
    }
    bool String(const json& obj, const std::string& where, const char* key, std::string* out, bool required) const {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return required ? Fail(At(where, key), "required") : true;
        if (!it->is_string()) return Fail(At(where, key), "expected a string");
        *out = it->get<std::string>();
        return true;
    }
    bool Bool(const json& obj, const std::string& where, const char* key, bool* out) const {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return true;
        if (!it->is_boolean()) return Fail(At(where, key), "expected true or false");
        *out = it->get<bool>();
        return true;
    }
    bool Strings(const json& obj, const std::string& where, const char* key, std::vector<std::string>* out) const {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return true;
        if (!it->is_array()) return Fail(At(where, key), "expected a list of strings");
        out->clear();
        for (size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_string() || (*it)[i].get<std::string>().empty())
                return Fail(At(where, key) + "[" + std::to_string(i) + "]", "expected a non-empty string");
            out->push_back((*it)[i].get<std::string>());
        }
        return true;
    }
};

bool ParseWeekday(const json& v, int* out) {
    if (v.is_number_integer()) {
        const int d = v.get<int>();
        if (d < 0 || d > 6) return false;
        *out = d;
        return true;
    }
    if (!v.is_string()) return false;
    std::string s = v.get<std::string>();
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (int d = 0; d < 7; ++d) {
        std::string name = WeekdayName(d);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (s == name || s == WeekdayShort(d)) {
            *out = d;
            return true;
        }
    }
    return false;
}

// "07:00-15:00" to [from, to) minutes.
bool ParseWindow(std::string_view text, int* from, int* to) {
    const size_t dash = text.find('-');
    if (dash == std::string_view::npos) return false;
    return ParseClock(text.substr(0, dash), from) && ParseClock(text.substr(dash + 1), to) && *from <= *to;
}

// A day of the horizon given as an index or, with a start date, as a date.
bool ParseDay(const Reader& r, const json& v, const std::string& where, const RosterProblem& p, int* out) {
    if (v.is_number_integer()) {
        const int d = v.get<int>();
        if (d < 0 || d >= p.days) return r.Fail(where, "day " + std::to_string(d) + " is not in the horizon (0-" + std::to_string(p.days - 1) + ")");
        *out = d;
        return true;
    }
    if (v.is_string()) {
        CivilDate date, start;
        if (!ParseCivilDate(v.get<std::string>(), &date)) return r.Fail(where, "'" + v.get<std::string>() + "' is not a date YYYY-MM-DD");
        if (p.start_date.empty() || !ParseCivilDate(p.start_date, &start))
            return r.Fail(where, "a date needs the problem's start_date; give a day number 0-" + std::to_string(p.days - 1));
        const int64_t d = DaysFromCivil(date) - DaysFromCivil(start);
        if (d < 0 || d >= p.days) return r.Fail(where, v.get<std::string>() + " is not in the horizon (" + p.start_date + " and " + std::to_string(p.days - 1) + " days after)");
        *out = static_cast<int>(d);
        return true;
    }
    return r.Fail(where, "expected a day number or a date YYYY-MM-DD");
}

bool ParseShift(const Reader& r, const json& j, const std::string& where, RosterShift* s) {
    if (!r.Keys(j, where, {"name", "start", "hours", "night", "breaks"})) return false;
    std::string start;
    double hours = 0;
    if (!r.String(j, where, "name", &s->name, true) || !r.String(j, where, "start", &start, true) ||
        !r.Number(j, where, "hours", &hours, true, 0.25, 24))
        return false;
    if (!ParseClock(start, &s->start_min) || s->start_min >= 1440) return r.Fail(where + ".start", "'" + start + "' is not a time 00:00-23:59");
    const double minutes = hours * 60;
    if (std::fabs(minutes - std::round(minutes)) > 1e-6) return r.Fail(where + ".hours", "not a whole number of minutes");
    s->length_min = static_cast<int>(std::round(minutes));
    s->night = s->start_min + s->length_min > 1440;  // past midnight, unless said otherwise
    if (!r.Bool(j, where, "night", &s->night)) return false;
    auto breaks = j.find("breaks");
    if (breaks != j.end() && !breaks->is_null()) {
        if (!breaks->is_array()) return r.Fail(where + ".breaks", "expected a list");
        for (size_t i = 0; i < breaks->size(); ++i) {
            const std::string bw = where + ".breaks[" + std::to_string(i) + "]";
            const json& b = (*breaks)[i];
            if (!r.Keys(b, bw, {"name", "kind", "minutes", "after_min", "before_end_min"})) return false;
            ShiftBreak br;
            std::string kind = "break";
            if (!r.String(b, bw, "kind", &kind, false)) return false;
            if (kind != "break" && kind != "lunch") return r.Fail(bw + ".kind", "'" + kind + "' is not break or lunch");
            br.lunch = kind == "lunch";
            br.name = kind;
            if (!r.String(b, bw, "name", &br.name, false) || !r.Int(b, bw, "minutes", &br.length_min, true, 1, 1440) ||
                !r.Int(b, bw, "after_min", &br.after_min, false, 0, 1440) ||
                !r.Int(b, bw, "before_end_min", &br.before_end_min, false, 0, 1440))
                return false;
            s->breaks.push_back(br);
        }
    }
    return true;
}

bool ParseAgent(const Reader& r, const json& j, const std::string& where, const RosterProblem& p, RosterAgent* a) {
    if (!r.Keys(j, where, {"key", "name", "skills", "min_hours_week", "max_hours_week", "days_off", "availability",
                           "preferred_shifts", "avoided_shifts"}))
        return false;
    std::string name;
    if (!r.String(j, where, "key", &a->key, true) || !r.String(j, where, "name", &name, false) ||
        !r.Strings(j, where, "skills", &a->skills) ||
        !r.Number(j, where, "min_hours_week", &a->min_hours_week, false, 0, 168) ||
        !r.Number(j, where, "max_hours_week", &a->max_hours_week, false, 0, 168) ||
        !r.Strings(j, where, "preferred_shifts", &a->preferred_shifts) || !r.Strings(j, where, "avoided_shifts", &a->avoided_shifts))
        return false;
    if (a->key.empty()) return r.Fail(where + ".key", "empty");
    auto off = j.find("days_off");
    if (off != j.end() && !off->is_null()) {
        if (!off->is_array()) return r.Fail(where + ".days_off", "expected a list of days");
        for (size_t i = 0; i < off->size(); ++i) {
            int d = 0;
            if (!ParseDay(r, (*off)[i], where + ".days_off[" + std::to_string(i) + "]", p, &d)) return false;
            a->days_off.push_back(d);
        }
    }
    auto av = j.find("availability");
    if (av != j.end() && !av->is_null()) {
        if (!av->is_object()) return r.Fail(where + ".availability", "expected {\"mon\": \"07:00-19:00\", ...}");
        a->available_by_weekday.assign(7, {0, 0});  // a weekday not listed: not available
        for (auto it = av->begin(); it != av->end(); ++it) {
            const std::string aw = where + ".availability." + it.key();
            int wd = 0;
            if (!ParseWeekday(json(it.key()), &wd)) return r.Fail(aw, "not a weekday (mon, tue, wed, thu, fri, sat, sun)");
            if (it->is_null() || (it->is_string() && (it->get<std::string>().empty() || it->get<std::string>() == "off"))) continue;
            int from = 0, to = 0;
            if (!it->is_string() || !ParseWindow(it->get<std::string>(), &from, &to))
                return r.Fail(aw, "expected \"HH:MM-HH:MM\" (up to 48:00 past midnight), \"off\" or null");
            a->available_by_weekday[static_cast<size_t>(wd)] = {from, to};
        }
    }
    return true;
}

json ShiftJson(const RosterShift& s) {
    json j{{"name", s.name}, {"start", ClockText(s.start_min)}, {"hours", s.length_min / 60.0}, {"night", s.night}};
    if (!s.breaks.empty()) {
        json bs = json::array();
        for (const ShiftBreak& b : s.breaks) {
            bs.push_back({{"name", b.name}, {"kind", b.lunch ? "lunch" : "break"}, {"minutes", b.length_min}, {"after_min", b.after_min},
                          {"before_end_min", b.before_end_min}});
        }
        j["breaks"] = bs;
    }
    return j;
}

json ProblemJson(const RosterProblem& p) {
    json j;
    if (!p.start_date.empty()) j["start_date"] = p.start_date;
    else j["first_weekday"] = WeekdayShort(p.first_weekday);
    j["days"] = p.days;
    j["interval_min"] = p.interval_min;
    j["min_rest_h"] = p.min_rest_min / 60.0;
    json shifts = json::array();
    for (const RosterShift& s : p.shifts) shifts.push_back(ShiftJson(s));
    j["shifts"] = shifts;
    json agents = json::array();
    for (const RosterAgent& a : p.agents) {
        json aj{{"key", a.key}, {"skills", a.skills}, {"min_hours_week", a.min_hours_week}, {"max_hours_week", a.max_hours_week}};
        if (!a.days_off.empty()) aj["days_off"] = a.days_off;
        if (!a.available_by_weekday.empty()) {
            json av = json::object();
            for (int d = 0; d < 7 && d < static_cast<int>(a.available_by_weekday.size()); ++d) {
                const auto [from, to] = a.available_by_weekday[static_cast<size_t>(d)];
                av[WeekdayShort(d)] = to > from ? json(ClockText(from) + "-" + ClockText(to)) : json("off");
            }
            aj["availability"] = av;
        }
        if (!a.preferred_shifts.empty()) aj["preferred_shifts"] = a.preferred_shifts;
        if (!a.avoided_shifts.empty()) aj["avoided_shifts"] = a.avoided_shifts;
        agents.push_back(aj);
    }
    j["agents"] = agents;
    json required = json::object();
    const int ipd = p.intervals_per_day();
    for (const auto& [skill, need] : p.required) {
        json days = json::array();
        for (int d = 0; d < p.days; ++d) {
            const auto from = need.begin() + std::min<ptrdiff_t>(static_cast<ptrdiff_t>(need.size()), d * ipd);
            const auto to = need.begin() + std::min<ptrdiff_t>(static_cast<ptrdiff_t>(need.size()), (d + 1) * ipd);
            days.push_back(std::vector<int>(from, to));
        }
        required[skill] = days;
    }
    j["required"] = required;
    j["weights"] = {{"understaffed", p.weights.understaffed},
                    {"staffed_hour", p.weights.staffed_hour},
                    {"night_spread", p.weights.night_spread},
                    {"weekend_spread", p.weights.weekend_spread},
                    {"preference", p.weights.preference}};
    if (!p.fixed.empty()) {
        json fixed = json::array();
        for (const RosterPin& f : p.fixed) {
            fixed.push_back({{"agent", p.agents[static_cast<size_t>(f.agent)].key},
                             {"day", f.day},
                             {"shift", f.shift < 0 ? json(nullptr) : json(p.shifts[static_cast<size_t>(f.shift)].name)}});
        }
        j["fixed"] = fixed;
    }
    return j;
}

bool ProblemFromJson(const json& j, RosterProblem* out, std::string* error) {
    const Reader r{error};
    RosterProblem p;
    if (!r.Keys(j, "", {"start_date", "first_weekday", "days", "interval_min", "min_rest_h", "shifts", "agents", "required", "weights", "fixed"}))
        return false;
    if (!r.String(j, "", "start_date", &p.start_date, false) || !r.Int(j, "", "days", &p.days, false, 1, 366) ||
        !r.Int(j, "", "interval_min", &p.interval_min, false, 15, 60))
        return false;
    if (p.interval_min != 15 && p.interval_min != 30 && p.interval_min != 60) return r.Fail("interval_min", "must be 15, 30 or 60");
    if (!p.start_date.empty()) {
        CivilDate start;
        if (!ParseCivilDate(p.start_date, &start)) return r.Fail("start_date", "'" + p.start_date + "' is not a date YYYY-MM-DD");
        p.first_weekday = WeekdayOf(start);
    }
    auto fw = j.find("first_weekday");
    if (fw != j.end() && !fw->is_null()) {
        int wd = 0;
        if (!ParseWeekday(*fw, &wd)) return r.Fail("first_weekday", "expected a weekday: mon ... sun, or 0 (Monday) to 6");
        if (!p.start_date.empty() && wd != p.first_weekday)
            return r.Fail("first_weekday", std::string("start_date ") + p.start_date + " is a " + WeekdayName(p.first_weekday));
        p.first_weekday = wd;
    }
    double rest_h = 11;
    if (!r.Number(j, "", "min_rest_h", &rest_h, false, 0, 24)) return false;
    p.min_rest_min = static_cast<int>(std::lround(rest_h * 60));
    auto shifts = j.find("shifts");
    if (shifts == j.end() || !shifts->is_array()) return r.Fail("shifts", "required: a list of shift templates");
    for (size_t i = 0; i < shifts->size(); ++i) {
        RosterShift s;
        if (!ParseShift(r, (*shifts)[i], "shifts[" + std::to_string(i) + "]", &s)) return false;
        p.shifts.push_back(std::move(s));
    }
    auto agents = j.find("agents");
    if (agents == j.end() || !agents->is_array()) return r.Fail("agents", "required: a list of agents");
    for (size_t i = 0; i < agents->size(); ++i) {
        RosterAgent a;
        if (!ParseAgent(r, (*agents)[i], "agents[" + std::to_string(i) + "]", p, &a)) return false;
        p.agents.push_back(std::move(a));
    }
    const int ipd = p.intervals_per_day();
    auto req = j.find("required");
    if (req != j.end() && !req->is_null()) {
        if (!req->is_object()) return r.Fail("required", "expected {\"skill\": [[agents per interval of day 0], ...], ...}");
        for (auto it = req->begin(); it != req->end(); ++it) {
            const std::string rw = "required." + it.key();
            if (!it->is_array()) return r.Fail(rw, "expected one list per day");
            if (static_cast<int>(it->size()) != p.days)
                return r.Fail(rw, std::to_string(it->size()) + " days, not " + std::to_string(p.days));
            std::vector<int> need;
            for (size_t d = 0; d < it->size(); ++d) {
                const json& day = (*it)[d];
                const std::string dw = rw + "[" + std::to_string(d) + "]";
                if (!day.is_array() || static_cast<int>(day.size()) != ipd)
                    return r.Fail(dw, (day.is_array() ? std::to_string(day.size()) : std::string("not a list of")) + " values, not " +
                                          std::to_string(ipd) + " (one per " + std::to_string(p.interval_min) + "-minute interval)");
                for (size_t t = 0; t < day.size(); ++t) {
                    if (!day[t].is_number_integer() || day[t].get<int64_t>() < 0 || day[t].get<int64_t>() > 100000)
                        return r.Fail(dw + "[" + std::to_string(t) + "]", "expected a whole number of agents, 0 or more");
                    need.push_back(day[t].get<int>());
                }
            }
            p.required[it.key()] = std::move(need);
        }
    }
    auto w = j.find("weights");
    if (w != j.end() && !w->is_null()) {
        if (!r.Keys(*w, "weights", {"understaffed", "staffed_hour", "night_spread", "weekend_spread", "preference"}) ||
            !r.Number(*w, "weights", "understaffed", &p.weights.understaffed, false, 0, 1e6) ||
            !r.Number(*w, "weights", "staffed_hour", &p.weights.staffed_hour, false, 0, 1e6) ||
            !r.Number(*w, "weights", "night_spread", &p.weights.night_spread, false, 0, 1e6) ||
            !r.Number(*w, "weights", "weekend_spread", &p.weights.weekend_spread, false, 0, 1e6) ||
            !r.Number(*w, "weights", "preference", &p.weights.preference, false, 0, 1e6))
            return false;
    }
    auto fixed = j.find("fixed");
    if (fixed != j.end() && !fixed->is_null()) {
        if (!fixed->is_array()) return r.Fail("fixed", "expected a list of {\"agent\", \"day\", \"shift\"}");
        for (size_t i = 0; i < fixed->size(); ++i) {
            const std::string fw2 = "fixed[" + std::to_string(i) + "]";
            const json& f = (*fixed)[i];
            if (!r.Keys(f, fw2, {"agent", "day", "shift"})) return false;
            std::string key;
            if (!r.String(f, fw2, "agent", &key, true)) return false;
            RosterPin pin;
            auto found = std::find_if(p.agents.begin(), p.agents.end(), [&](const RosterAgent& a) { return a.key == key; });
            if (found == p.agents.end()) return r.Fail(fw2 + ".agent", "'" + key + "' is not one of the agents");
            pin.agent = static_cast<int>(found - p.agents.begin());
            if (!f.contains("day")) return r.Fail(fw2 + ".day", "required");
            if (!ParseDay(r, f["day"], fw2 + ".day", p, &pin.day)) return false;
            if (!f.contains("shift")) return r.Fail(fw2 + ".shift", "required: a shift's name, or null for a day off");
            const json& s = f["shift"];
            if (s.is_null() || (s.is_string() && s.get<std::string>() == "off")) {
                pin.shift = -1;
            } else if (s.is_string()) {
                auto sf = std::find_if(p.shifts.begin(), p.shifts.end(), [&](const RosterShift& x) { return x.name == s.get<std::string>(); });
                if (sf == p.shifts.end()) return r.Fail(fw2 + ".shift", "'" + s.get<std::string>() + "' is not one of the shifts");
                pin.shift = static_cast<int>(sf - p.shifts.begin());
            } else {
                return r.Fail(fw2 + ".shift", "expected a shift's name, or null for a day off");
            }
            p.fixed.push_back(pin);
        }
    }
    *out = std::move(p);
    return true;
}

json SolveJson(const RosterSolveInfo& s) {
    return {{"status", s.status}, {"objective", s.objective}, {"best_bound", s.best_bound}, {"gap", s.gap}, {"seconds", s.seconds}, {"parts", s.parts}};
}

bool SolveFromJson(const Reader& r, const json& j, RosterSolveInfo* s) {
    if (!j.is_object()) return r.Fail("solve", "expected an object");
    return r.String(j, "solve", "status", &s->status, true) && r.Number(j, "solve", "objective", &s->objective, false, -1e300, 1e300) &&
           r.Number(j, "solve", "best_bound", &s->best_bound, false, -1e300, 1e300) && r.Number(j, "solve", "gap", &s->gap, false, -1e300, 1e300) &&
           r.Number(j, "solve", "seconds", &s->seconds, false, 0, 1e9) && r.Int(j, "solve", "parts", &s->parts, false, 0, 10000);
}

json ShiftsOf(const RosterProblem& p, const Roster& r, size_t a) {
    json shifts = json::array();
    for (int d = 0; d < p.days; ++d) {
        const int s = a < r.shift.size() && d < static_cast<int>(r.shift[a].size()) ? r.shift[a][static_cast<size_t>(d)] : -1;
        shifts.push_back(s < 0 ? json(nullptr) : json(p.shifts[static_cast<size_t>(s)].name));
    }
    return shifts;
}

bool ShiftsFrom(const Reader& r, const json& shifts, const std::string& where, const RosterProblem& p, std::vector<int>* out) {
    if (!shifts.is_array() || static_cast<int>(shifts.size()) != p.days)
        return r.Fail(where, "expected a list of " + std::to_string(p.days) + " shift names or nulls");
    out->assign(static_cast<size_t>(p.days), -1);
    for (size_t d = 0; d < shifts.size(); ++d) {
        if (shifts[d].is_null()) continue;
        if (!shifts[d].is_string()) return r.Fail(where + "[" + std::to_string(d) + "]", "expected a shift's name or null");
        auto it = std::find_if(p.shifts.begin(), p.shifts.end(), [&](const RosterShift& s) { return s.name == shifts[d].get<std::string>(); });
        if (it == p.shifts.end()) return r.Fail(where + "[" + std::to_string(d) + "]", "'" + shifts[d].get<std::string>() + "' is not one of the shifts");
        (*out)[d] = static_cast<int>(it - p.shifts.begin());
    }
    return true;
}

json ResultJson(const RosterProblem& p, const Roster& r, const RosterSolveInfo& solve) {
    const RosterStats st = Evaluate(p, r);
    json agents = json::array();
    for (size_t a = 0; a < p.agents.size(); ++a) {
        json hours = json::array();
        for (int w = 0; w < st.weeks; ++w) hours.push_back(st.hours_per_week[a * static_cast<size_t>(st.weeks) + static_cast<size_t>(w)]);
        agents.push_back({{"agent", p.agents[a].key},
                          {"shifts", ShiftsOf(p, r, a)},
                          {"hours_per_week", hours},
                          {"nights", st.nights[a]},
                          {"weekend_shifts", st.weekend_shifts[a]}});
    }
    json coverage = json::object(), understaffed = json::array();
    const int ipd = p.intervals_per_day();
    for (const auto& [skill, cover] : st.coverage) {
        coverage[skill] = cover;
        const std::vector<int>& need = p.required.at(skill);
        for (size_t t = 0; t < cover.size(); ++t) {
            if (need[t] > cover[t]) {
                const int day = static_cast<int>(t) / ipd;
                understaffed.push_back({{"skill", skill},
                                        {"day", day},
                                        {"time", ClockText((static_cast<int>(t) % ipd) * p.interval_min)},
                                        {"need", need[t]},
                                        {"have", cover[t]}});
            }
        }
    }
    coverage["total"] = st.total_coverage;
    return {{"solve", SolveJson(solve)},
            {"objective_check", RosterObjective(p, r)},
            {"checks", CheckRoster(p, r)},
            {"understaffed_agent_intervals", st.understaffed_agent_intervals},
            {"understaffed_total", st.understaffed_total},
            {"preference_misses", st.preference_misses},
            {"interval_min", p.interval_min},
            {"required_total", st.total_required},
            {"coverage", coverage},
            {"understaffed", understaffed},
            {"agents", agents}};
}

}  // namespace

bool ParseClock(std::string_view text, int* minutes) {
    if (text.size() != 5 || text[2] != ':') return false;
    for (const char c : {text[0], text[1], text[3], text[4]}) {
        if (c < '0' || c > '9') return false;
    }
    const int h = (text[0] - '0') * 10 + (text[1] - '0');
    const int m = (text[3] - '0') * 10 + (text[4] - '0');
    if (m > 59 || h * 60 + m > 2880) return false;
    *minutes = h * 60 + m;
    return true;
}

bool RosterProblemFromJson(std::string_view text, RosterProblem* out, std::string* error) {
    json j;
    if (!ParseJson(text, &j, error)) return false;
    return ProblemFromJson(j, out, error);
}

std::string RosterProblemToJson(const RosterProblem& p) { return ProblemJson(p).dump(-1, ' ', false, json::error_handler_t::replace); }

std::string RosterResultJson(const RosterProblem& p, const Roster& r, const RosterSolveInfo& solve) {
    return ResultJson(p, r, solve).dump(2, ' ', false, json::error_handler_t::replace);
}

namespace {

json LogFields(const RosterLogEntry& e) {
    json f = json::object();
    if (e.action == "solve") {
        f = {{"team", e.team}, {"start_date", e.start_date}, {"status", e.status}, {"objective", e.objective}, {"gap", e.gap}};
    } else if (e.action == "edit") {
        json changes = json::array();
        for (const RosterLogChange& c : e.changes)
            changes.push_back({{"agent", c.agent}, {"day", c.day}, {"from", c.from.empty() ? json(nullptr) : json(c.from)},
                               {"to", c.to.empty() ? json(nullptr) : json(c.to)}});
        f = {{"start_date", e.start_date}, {"changes", changes}};
    } else if (e.action == "publish") {
        f = {{"version", e.version}};
    }
    return f;
}

// Reads what it finds (the fields were written by LogFields; a missing or odd one stays empty).
void FieldsFrom(const json& f, RosterLogEntry* e) {
    auto str = [&](const char* k, std::string* out) {
        auto it = f.find(k);
        if (it != f.end() && it->is_string()) *out = it->get<std::string>();
    };
    auto num = [&](const char* k, double* out) {
        auto it = f.find(k);
        if (it != f.end() && it->is_number()) *out = it->get<double>();
    };
    str("team", &e->team);
    str("start_date", &e->start_date);
    str("status", &e->status);
    num("objective", &e->objective);
    num("gap", &e->gap);
    auto v = f.find("version");
    if (v != f.end() && v->is_number_integer()) e->version = v->get<int>();
    auto ch = f.find("changes");
    if (ch != f.end() && ch->is_array()) {
        for (const json& c : *ch) {
            if (!c.is_object()) continue;
            RosterLogChange x;
            auto a = c.find("agent");
            if (a != c.end() && a->is_string()) x.agent = a->get<std::string>();
            auto d = c.find("day");
            if (d != c.end() && d->is_number_integer()) x.day = d->get<int>();
            auto from = c.find("from");
            if (from != c.end() && from->is_string()) x.from = from->get<std::string>();
            auto to = c.find("to");
            if (to != c.end() && to->is_string()) x.to = to->get<std::string>();
            e->changes.push_back(std::move(x));
        }
    }
}

}  // namespace

std::string RosterLogText(const RosterLogEntry& e) {
    if (!e.detail.empty()) return e.detail;
    char buf[256];
    if (e.action == "solve") {
        std::snprintf(buf, sizeof buf, "solved %s from %s: %s, objective %.1f, gap %.2f %%", e.team.c_str(), e.start_date.c_str(),
                      e.status.c_str(), e.objective, e.gap * 100);
        return buf;
    }
    if (e.action == "publish") return "version " + std::to_string(e.version) + " published";
    std::string out;
    for (const RosterLogChange& c : e.changes) {
        if (!out.empty()) out += "; ";
        out += c.agent + " " + e.start_date + "+" + std::to_string(c.day) + ": " + (c.from.empty() ? "off" : c.from) + " -> " +
               (c.to.empty() ? "off" : c.to);
    }
    return out;
}

std::string RosterLogFieldsToJson(const RosterLogEntry& e) {
    if (!e.detail.empty()) return e.detail;
    return LogFields(e).dump(-1, ' ', false, json::error_handler_t::replace);
}

void RosterLogFieldsFromJson(std::string_view stored, RosterLogEntry* e) {
    const json f = json::parse(stored, nullptr, false);
    if (f.is_discarded() || !f.is_object()) {
        e->detail = std::string(stored);
        return;
    }
    e->detail.clear();
    FieldsFrom(f, e);
}

std::string RosterDocToJson(const RosterDoc& doc, const std::vector<RosterLogEntry>& log) {
    json assignments = json::array();
    for (size_t a = 0; a < doc.problem.agents.size(); ++a)
        assignments.push_back({{"agent", doc.problem.agents[a].key}, {"shifts", ShiftsOf(doc.problem, doc.roster, a)}});
    json breaks = json::array();
    for (const PlacedBreak& b : doc.breaks) {
        if (b.agent < 0 || b.agent >= static_cast<int>(doc.problem.agents.size())) continue;
        breaks.push_back({{"agent", doc.problem.agents[static_cast<size_t>(b.agent)].key},
                          {"day", b.day},
                          {"rule", b.rule},
                          {"name", b.name},
                          {"kind", b.lunch ? "lunch" : "break"},
                          {"start", ClockText(b.start_min)},
                          {"minutes", b.length_min}});
    }
    json entries = json::array();
    for (const RosterLogEntry& e : log) {
        json entry{{"t_ms", e.t_ms}, {"user", e.user}, {"action", e.action}, {"detail", RosterLogText(e)}};
        if (e.detail.empty()) entry["fields"] = LogFields(e);
        entries.push_back(std::move(entry));
    }
    json body{{"id", doc.id},
              {"team", doc.team},
              {"version", doc.version},
              {"status", doc.status},
              {"created_by", doc.created_by},
              {"created_ms", doc.created_ms},
              {"updated_by", doc.updated_by},
              {"updated_ms", doc.updated_ms},
              {"published_by", doc.published_by},
              {"published_ms", doc.published_ms},
              {"problem", ProblemJson(doc.problem)},
              {"assignments", assignments},
              {"breaks", breaks},
              {"log", entries},
              {"result", ResultJson(doc.problem, doc.roster, doc.solve)}};
    body["result"]["break_checks"] = CheckRosterBreaks(doc.problem, doc.roster, doc.breaks);
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool RosterDocFromJson(std::string_view text, RosterDoc* doc, std::vector<RosterLogEntry>* log, std::string* error) {
    json j;
    if (!ParseJson(text, &j, error)) return false;
    const Reader r{error};
    RosterDoc d;
    if (!j.is_object()) return r.Fail("roster", "expected an object");
    int64_t id = 0;
    double v = 0;
    if (!r.Number(j, "", "id", &v, true, 0, 9e15)) return false;
    id = static_cast<int64_t>(v);
    d.id = id;
    if (!r.String(j, "", "team", &d.team, true) || !r.Int(j, "", "version", &d.version, true, 0, 1 << 30) ||
        !r.String(j, "", "status", &d.status, true) || !r.String(j, "", "created_by", &d.created_by, false) ||
        !r.String(j, "", "updated_by", &d.updated_by, false) || !r.String(j, "", "published_by", &d.published_by, false))
        return false;
    for (const auto& [key, field] : {std::pair{"created_ms", &d.created_ms}, std::pair{"updated_ms", &d.updated_ms}, std::pair{"published_ms", &d.published_ms}}) {
        double ms = 0;
        if (!r.Number(j, "", key, &ms, false, 0, 9e15)) return false;
        *field = static_cast<int64_t>(ms);
    }
    if (!j.contains("problem")) return r.Fail("problem", "required");
    if (!ProblemFromJson(j["problem"], &d.problem, error)) {
        *error = "problem." + *error;
        return false;
    }
    d.roster.shift.assign(d.problem.agents.size(), std::vector<int>(static_cast<size_t>(d.problem.days), -1));
    auto as = j.find("assignments");
    if (as == j.end() || !as->is_array()) return r.Fail("assignments", "required: a list");
    for (size_t i = 0; i < as->size(); ++i) {
        const json& row = (*as)[i];
        const std::string where = "assignments[" + std::to_string(i) + "]";
        std::string key;
        if (!row.is_object()) return r.Fail(where, "expected an object");
        if (!r.String(row, where, "agent", &key, true)) return false;
        auto it = std::find_if(d.problem.agents.begin(), d.problem.agents.end(), [&](const RosterAgent& a) { return a.key == key; });
        if (it == d.problem.agents.end()) return r.Fail(where + ".agent", "'" + key + "' is not one of the agents");
        if (!row.contains("shifts") || !ShiftsFrom(r, row["shifts"], where + ".shifts", d.problem, &d.roster.shift[static_cast<size_t>(it - d.problem.agents.begin())]))
            return error->empty() ? r.Fail(where + ".shifts", "required") : false;
    }
    auto bs = j.find("breaks");
    if (bs != j.end() && bs->is_array()) {
        for (size_t i = 0; i < bs->size(); ++i) {
            const json& b = (*bs)[i];
            const std::string where = "breaks[" + std::to_string(i) + "]";
            PlacedBreak pb;
            std::string key, kind, start;
            if (!b.is_object() || !r.String(b, where, "agent", &key, true) || !r.Int(b, where, "day", &pb.day, true, 0, d.problem.days - 1) ||
                !r.Int(b, where, "rule", &pb.rule, true, 0, 1000) || !r.String(b, where, "name", &pb.name, true) ||
                !r.String(b, where, "kind", &kind, true) || !r.String(b, where, "start", &start, true) ||
                !r.Int(b, where, "minutes", &pb.length_min, true, 1, 1440))
                return error->empty() ? r.Fail(where, "expected an object") : false;
            auto it = std::find_if(d.problem.agents.begin(), d.problem.agents.end(), [&](const RosterAgent& a) { return a.key == key; });
            if (it == d.problem.agents.end()) return r.Fail(where + ".agent", "'" + key + "' is not one of the agents");
            pb.agent = static_cast<int>(it - d.problem.agents.begin());
            pb.lunch = kind == "lunch";
            if (!ParseClock(start, &pb.start_min)) return r.Fail(where + ".start", "not a time");
            d.breaks.push_back(pb);
        }
    }
    auto res = j.find("result");
    if (res != j.end() && res->is_object() && res->contains("solve")) {
        if (!SolveFromJson(r, (*res)["solve"], &d.solve)) return false;
    }
    std::vector<RosterLogEntry> entries;
    auto lg = j.find("log");
    if (lg != j.end() && lg->is_array()) {
        for (size_t i = 0; i < lg->size(); ++i) {
            const json& e = (*lg)[i];
            const std::string where = "log[" + std::to_string(i) + "]";
            RosterLogEntry entry;
            double t = 0;
            if (!e.is_object() || !r.Number(e, where, "t_ms", &t, true, 0, 9e15) || !r.String(e, where, "user", &entry.user, true) ||
                !r.String(e, where, "action", &entry.action, true) || !r.String(e, where, "detail", &entry.detail, false))
                return error->empty() ? r.Fail(where, "expected an object") : false;
            entry.t_ms = static_cast<int64_t>(t);
            auto fields = e.find("fields");
            if (fields != e.end() && fields->is_object()) {
                entry.detail.clear();
                FieldsFrom(*fields, &entry);
            }
            entries.push_back(std::move(entry));
        }
    }
    *doc = std::move(d);
    if (log) *log = std::move(entries);
    return true;
}

std::string RosterListToJson(const std::vector<RosterSummary>& list) {
    json rows = json::array();
    for (const RosterSummary& s : list) {
        rows.push_back({{"id", s.id},
                        {"team", s.team},
                        {"start_date", s.start_date},
                        {"days", s.days},
                        {"version", s.version},
                        {"status", s.status},
                        {"updated_by", s.updated_by},
                        {"updated_ms", s.updated_ms}});
    }
    return json{{"rosters", rows}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool RosterListFromJson(std::string_view text, std::vector<RosterSummary>* list, std::string* error) {
    json j;
    if (!ParseJson(text, &j, error)) return false;
    const Reader r{error};
    if (!j.is_object() || !j.contains("rosters") || !j["rosters"].is_array()) return r.Fail("rosters", "required: a list");
    list->clear();
    for (size_t i = 0; i < j["rosters"].size(); ++i) {
        const json& e = j["rosters"][i];
        const std::string where = "rosters[" + std::to_string(i) + "]";
        RosterSummary s;
        double id = 0, ms = 0;
        if (!e.is_object() || !r.Number(e, where, "id", &id, true, 0, 9e15) || !r.String(e, where, "team", &s.team, true) ||
            !r.String(e, where, "start_date", &s.start_date, true) || !r.Int(e, where, "days", &s.days, true, 0, 366) ||
            !r.Int(e, where, "version", &s.version, true, 0, 1 << 30) || !r.String(e, where, "status", &s.status, true) ||
            !r.String(e, where, "updated_by", &s.updated_by, false) || !r.Number(e, where, "updated_ms", &ms, false, 0, 9e15))
            return error->empty() ? r.Fail(where, "expected an object") : false;
        s.id = static_cast<int64_t>(id);
        s.updated_ms = static_cast<int64_t>(ms);
        list->push_back(std::move(s));
    }
    return true;
}

}  // namespace cb::wfm
