// Snapshot and delta JSON encoding (docs/api.md). Decoding checks every type before reading
// so malformed input yields an error string, never an exception (the web build has none).
#include "snapshot_json.h"

#include <nlohmann/json.hpp>

namespace cb {
namespace {

using nlohmann::json;

// ---- Encoding ----

json CountsToJson(const KpiCounts& c) {
    return json{{"offered", c.offered}, {"answered", c.answered},
                {"answered_within_t", c.answered_within_t}, {"abandoned", c.abandoned},
                {"abandoned_within_t", c.abandoned_within_t}, {"short_abandoned", c.short_abandoned},
                {"exited", c.exited}, {"transferred", c.transferred}, {"handled", c.handled},
                {"wait_answered_ms", c.wait_answered_ms}, {"wait_abandoned_ms", c.wait_abandoned_ms},
                {"talk_ms", c.talk_ms}, {"hold_ms", c.hold_ms}, {"wrap_ms", c.wrap_ms},
                {"ring_noanswer", c.ring_noanswer}, {"orders", c.orders},
                {"order_value_cents", c.order_value_cents}, {"complaints", c.complaints},
                {"busy_ms", c.busy_ms}, {"available_ms", c.available_ms}, {"staffed_ms", c.staffed_ms},
                {"longest_wait_ms", c.longest_wait_ms}, {"longest_talk_ms", c.longest_talk_ms}};
}

// null for the default (no schedule set), else the agent's live adherence.
json AdherenceToJson(const wfm::LiveAdherence& l) {
    if (l == wfm::LiveAdherence{}) return json(nullptr);
    return json{{"status", wfm::LiveStatusName(l.status)}, {"impact", wfm::ImpactName(l.impact)},
                {"scheduled", wfm::ActivityName(l.scheduled)}, {"actual", wfm::ActivityName(l.actual)},
                {"since_ms", l.since_ms}, {"counted", l.counted}, {"severe", l.severe}};
}

json OutlookToJson(const wfm::SlOutlook& o) {
    return json{{"stable", o.stable}, {"service_level", o.service_level}, {"min_agents", o.min_agents},
                {"max_agents", o.max_agents}};
}

json StaffingToJson(const wfm::LiveStaffing& l) {
    json steps = json::array();
    for (const wfm::AgentsStep& st : l.steps) steps.push_back(json::array({st.from_ms, st.agents}));
    return json{{"known", l.known}, {"erlangs", l.erlangs}, {"aht_s", l.aht_s}, {"agents_on_queue", l.agents_on_queue},
                {"members_on_queue", l.members_on_queue},
                {"agents_needed", l.agents_needed}, {"now", OutlookToJson(l.now)}, {"next15", OutlookToJson(l.next15)},
                {"next30", OutlookToJson(l.next30)}, {"break_next15", OutlookToJson(l.break_next15)}, {"steps", steps}};
}

json RecentToJson(const wfm::RecentLoad& r) {
    return json{{"window_ms", r.window_ms}, {"offered", r.offered}, {"handled", r.handled}, {"handle_ms", r.handle_ms}};
}

// null when no schedule is set; else the thresholds and each agent's activities as
// [start_ms, end_ms, "activity"] triples, parallel to the agents.
json ScheduleToJson(const wfm::DaySchedule& d) {
    if (!d.set) return json(nullptr);
    json agents = json::array();
    for (const auto& list : d.agents) {
        json items = json::array();
        for (const wfm::Planned& p : list) items.push_back(json::array({p.start_ms, p.end_ms, wfm::ActivityName(p.activity)}));
        agents.push_back(std::move(items));
    }
    return json{{"exception_threshold_ms", d.options.exception_threshold_ms},
                {"severe_threshold_ms", d.options.severe_threshold_ms},
                {"count_outside_shift", d.options.count_outside_shift}, {"agents", agents}};
}

json AgentLiveToJson(const AgentLive& a) {
    json state_ms = json::object();
    for (int s = 0; s < static_cast<int>(AgentState::kCount); ++s)
        if (a.state_ms_today[s]) state_ms[std::string(AgentStateName(static_cast<AgentState>(s)))] = a.state_ms_today[s];
    json reason_ms = json::object();
    for (int r = 0; r < static_cast<int>(NotReadyReason::kCount); ++r)
        if (a.reason_ms_today[r]) reason_ms[std::string(NotReadyReasonName(static_cast<NotReadyReason>(r)))] = a.reason_ms_today[r];
    return json{{"state", AgentStateName(a.state)}, {"reason", NotReadyReasonName(a.reason)},
                {"state_since_ms", a.state_since_ms}, {"call", a.call},
                {"call_queue", a.call_queue == kNoQueue ? json(nullptr) : json(a.call_queue)},
                {"call_since_ms", a.call_since_ms}, {"logged_in_since_ms", a.logged_in_since_ms},
                {"today", CountsToJson(a.today)}, {"state_ms_today", state_ms},
                {"reason_ms_today", reason_ms}, {"member_of", a.member_of}, {"adherence", AdherenceToJson(a.adherence)}};
}

json QueueLiveToJson(const QueueLive& q) {
    return json{{"waiting", q.waiting}, {"oldest_wait_since_ms", q.oldest_wait_since_ms},
                {"agents_available", q.agents_available}, {"agents_on_call", q.agents_on_call},
                {"agents_wrap_up", q.agents_wrap_up}, {"agents_not_ready", q.agents_not_ready},
                {"today", CountsToJson(q.today)}, {"recent", RecentToJson(q.recent)},
                {"staffing", StaffingToJson(q.staffing)}};
}

json TeamLiveToJson(const TeamLive& t) {
    return json{{"agents_logged_in", t.agents_logged_in}, {"agents_available", t.agents_available},
                {"agents_on_call", t.agents_on_call}, {"agents_wrap_up", t.agents_wrap_up},
                {"agents_not_ready", t.agents_not_ready}, {"today", CountsToJson(t.today)}};
}

json RowsToJson(const std::vector<IntervalRow>& rows) {
    json out = json::array();
    for (const IntervalRow& r : rows)
        out.push_back(json{{"start_ms", r.start_ms}, {"agents_staffed", r.agents_staffed},
                           {"counts", CountsToJson(r.counts)}});
    return out;
}

json DirectoryToJson(const Directory& d) {
    json queues = json::array(), teams = json::array(), agents = json::array();
    for (const QueueInfo& q : d.queues)
        queues.push_back(json{{"key", q.key}, {"name_en", q.name_en}, {"name_zh", q.name_zh},
                              {"sl", {{"variant", SlVariantName(q.sl.variant)},
                                      {"threshold_s", q.sl.threshold_s}, {"target", q.sl.target},
                                      {"short_abandon_s", q.sl.short_abandon_s}}},
                              {"wrap_up_s", q.wrap_up_s}});
    for (const TeamInfo& t : d.teams)
        teams.push_back(json{{"key", t.key}, {"name_en", t.name_en}, {"name_zh", t.name_zh},
                             {"lead", t.lead == 0xFFFFFFFFu ? json(nullptr) : json(t.lead)}});
    for (const AgentInfo& a : d.agents)
        agents.push_back(json{{"key", a.key}, {"name_en", a.name_en}, {"name_zh", a.name_zh},
                              {"team", a.team}, {"seat_row", a.seat_row}, {"seat_col", a.seat_col},
                              {"tenure_months", a.tenure_months}, {"skills", a.skills}});
    return json{{"queues", queues}, {"teams", teams}, {"agents", agents}};
}

// {"speed":10,"paused":false} for a demo, null for real data.
json DemoToJson(const DemoClock& d) {
    if (d.speed <= 0) return json(nullptr);
    return json{{"speed", d.speed}, {"paused", d.paused}};
}

// ---- Decoding ----

// Reads fields with type checks; the first problem is kept with its path.
class Reader {
public:
    explicit Reader(std::string* error) : m_error(error) {}
    bool ok() const { return m_ok; }

    void Fail(const std::string& path, const std::string& what) {
        if (m_ok && m_error) *m_error = path + ": " + what;
        m_ok = false;
    }
    const json* Field(const json& obj, const char* key, const std::string& path) {
        if (!m_ok) return nullptr;
        if (!obj.is_object()) { Fail(path, "expected an object"); return nullptr; }
        auto it = obj.find(key);
        if (it == obj.end()) { Fail(path + "." + key, "missing"); return nullptr; }
        return &*it;
    }
    template <typename T>
    void Int(const json& obj, const char* key, const std::string& path, T* out) {
        const json* v = Field(obj, key, path);
        if (!v) return;
        if (v->is_number_integer()) *out = static_cast<T>(v->get<int64_t>());
        else if (v->is_number_unsigned()) *out = static_cast<T>(v->get<uint64_t>());
        else Fail(path + "." + key, "expected an integer");
    }
    void Number(const json& obj, const char* key, const std::string& path, double* out) {
        const json* v = Field(obj, key, path);
        if (!v) return;
        if (v->is_number()) *out = v->get<double>();
        else Fail(path + "." + key, "expected a number");
    }
    void Bool(const json& obj, const char* key, const std::string& path, bool* out) {
        const json* v = Field(obj, key, path);
        if (!v) return;
        if (v->is_boolean()) *out = v->get<bool>();
        else Fail(path + "." + key, "expected true or false");
    }
    // A field newer servers send: nullptr (and no error) when absent or null.
    const json* Optional(const json& obj, const char* key) {
        if (!m_ok || !obj.is_object()) return nullptr;
        auto it = obj.find(key);
        return it == obj.end() || it->is_null() ? nullptr : &*it;
    }
    void String(const json& obj, const char* key, const std::string& path, std::string* out) {
        const json* v = Field(obj, key, path);
        if (!v) return;
        if (v->is_string()) *out = v->get<std::string>();
        else Fail(path + "." + key, "expected a string");
    }
    template <typename T>
    void OptionalIndex(const json& obj, const char* key, const std::string& path, T none, T* out) {
        const json* v = Field(obj, key, path);
        if (!v) return;
        if (v->is_null()) *out = none;
        else if (v->is_number_unsigned() || v->is_number_integer()) *out = static_cast<T>(v->get<int64_t>());
        else Fail(path + "." + key, "expected an integer or null");
    }
    template <typename E, typename NameFn>
    void Enum(const json& obj, const char* key, const std::string& path, int count, NameFn name, E* out) {
        std::string text;
        String(obj, key, path, &text);
        if (!m_ok) return;
        for (int i = 0; i < count; ++i)
            if (name(static_cast<E>(i)) == text) { *out = static_cast<E>(i); return; }
        Fail(path + "." + key, "unknown value '" + text + "'");
    }
    const json* Array(const json& obj, const char* key, const std::string& path) {
        const json* v = Field(obj, key, path);
        if (v && !v->is_array()) { Fail(path + "." + key, "expected an array"); return nullptr; }
        return v;
    }

private:
    std::string* m_error;
    bool m_ok = true;
};

void CountsFromJson(Reader& r, const json& j, const std::string& p, KpiCounts* c) {
    r.Int(j, "offered", p, &c->offered);
    r.Int(j, "answered", p, &c->answered);
    r.Int(j, "answered_within_t", p, &c->answered_within_t);
    r.Int(j, "abandoned", p, &c->abandoned);
    r.Int(j, "abandoned_within_t", p, &c->abandoned_within_t);
    r.Int(j, "short_abandoned", p, &c->short_abandoned);
    r.Int(j, "exited", p, &c->exited);
    r.Int(j, "transferred", p, &c->transferred);
    r.Int(j, "handled", p, &c->handled);
    r.Int(j, "wait_answered_ms", p, &c->wait_answered_ms);
    r.Int(j, "wait_abandoned_ms", p, &c->wait_abandoned_ms);
    r.Int(j, "talk_ms", p, &c->talk_ms);
    r.Int(j, "hold_ms", p, &c->hold_ms);
    r.Int(j, "wrap_ms", p, &c->wrap_ms);
    r.Int(j, "ring_noanswer", p, &c->ring_noanswer);
    r.Int(j, "orders", p, &c->orders);
    r.Int(j, "order_value_cents", p, &c->order_value_cents);
    r.Int(j, "complaints", p, &c->complaints);
    r.Int(j, "busy_ms", p, &c->busy_ms);
    r.Int(j, "available_ms", p, &c->available_ms);
    r.Int(j, "staffed_ms", p, &c->staffed_ms);
    r.Int(j, "longest_wait_ms", p, &c->longest_wait_ms);
    r.Int(j, "longest_talk_ms", p, &c->longest_talk_ms);
}

template <typename E>
void NamedFromJson(Reader& r, const json& j, const char* key, const std::string& p, bool (*parse)(std::string_view, E*), E* out) {
    std::string text;
    r.String(j, key, p, &text);
    if (r.ok() && !parse(text, out)) r.Fail(p + "." + key, "unknown value '" + text + "'");
}

void AdherenceFromJson(Reader& r, const json& j, const std::string& p, wfm::LiveAdherence* l) {
    NamedFromJson(r, j, "status", p, wfm::ParseLiveStatus, &l->status);
    NamedFromJson(r, j, "impact", p, wfm::ParseImpact, &l->impact);
    NamedFromJson(r, j, "scheduled", p, wfm::ParseActivity, &l->scheduled);
    NamedFromJson(r, j, "actual", p, wfm::ParseActivity, &l->actual);
    r.Int(j, "since_ms", p, &l->since_ms);
    r.Bool(j, "counted", p, &l->counted);
    r.Bool(j, "severe", p, &l->severe);
}

void OutlookFromJson(Reader& r, const json& j, const std::string& p, wfm::SlOutlook* o) {
    r.Bool(j, "stable", p, &o->stable);
    r.Number(j, "service_level", p, &o->service_level);
    r.Number(j, "min_agents", p, &o->min_agents);
    r.Number(j, "max_agents", p, &o->max_agents);
}

void StaffingFromJson(Reader& r, const json& j, const std::string& p, wfm::LiveStaffing* l) {
    r.Bool(j, "known", p, &l->known);
    r.Number(j, "erlangs", p, &l->erlangs);
    r.Number(j, "aht_s", p, &l->aht_s);
    r.Number(j, "agents_on_queue", p, &l->agents_on_queue);
    r.Int(j, "members_on_queue", p, &l->members_on_queue);
    r.Int(j, "agents_needed", p, &l->agents_needed);
    if (const json* o = r.Field(j, "now", p)) OutlookFromJson(r, *o, p + ".now", &l->now);
    if (const json* o = r.Field(j, "next15", p)) OutlookFromJson(r, *o, p + ".next15", &l->next15);
    if (const json* o = r.Field(j, "next30", p)) OutlookFromJson(r, *o, p + ".next30", &l->next30);
    if (const json* o = r.Field(j, "break_next15", p)) OutlookFromJson(r, *o, p + ".break_next15", &l->break_next15);
    const json* steps = r.Array(j, "steps", p);
    if (!steps) return;
    for (size_t i = 0; i < steps->size(); ++i) {
        const json& st = (*steps)[i];
        if (!st.is_array() || st.size() != 2 || !st[0].is_number_integer() || !st[1].is_number()) {
            r.Fail(p + ".steps[" + std::to_string(i) + "]", "expected [from_ms, agents]");
            return;
        }
        l->steps.push_back({st[0].get<int64_t>(), st[1].get<double>()});
    }
}

void RecentFromJson(Reader& r, const json& j, const std::string& p, wfm::RecentLoad* l) {
    r.Int(j, "window_ms", p, &l->window_ms);
    r.Int(j, "offered", p, &l->offered);
    r.Int(j, "handled", p, &l->handled);
    r.Int(j, "handle_ms", p, &l->handle_ms);
}

void ScheduleFromJson(Reader& r, const json& j, const std::string& p, size_t agent_count, wfm::DaySchedule* d) {
    d->set = true;
    r.Int(j, "exception_threshold_ms", p, &d->options.exception_threshold_ms);
    r.Int(j, "severe_threshold_ms", p, &d->options.severe_threshold_ms);
    r.Bool(j, "count_outside_shift", p, &d->options.count_outside_shift);
    const json* agents = r.Array(j, "agents", p);
    if (!agents) return;
    if (agents->size() != agent_count) {
        r.Fail(p + ".agents", "expected one list per agent (" + std::to_string(agent_count) + ")");
        return;
    }
    d->agents.resize(agents->size());
    for (size_t a = 0; a < agents->size() && r.ok(); ++a) {
        const json& list = (*agents)[a];
        const std::string ap = p + ".agents[" + std::to_string(a) + "]";
        if (!list.is_array()) {
            r.Fail(ap, "expected an array");
            return;
        }
        for (size_t i = 0; i < list.size(); ++i) {
            const json& item = list[i];
            wfm::Planned planned;
            if (!item.is_array() || item.size() != 3 || !item[0].is_number_integer() || !item[1].is_number_integer() ||
                !item[2].is_string() || !wfm::ParseActivity(item[2].get<std::string>(), &planned.activity)) {
                r.Fail(ap + "[" + std::to_string(i) + "]", "expected [start_ms, end_ms, activity]");
                return;
            }
            planned.start_ms = item[0].get<int64_t>();
            planned.end_ms = item[1].get<int64_t>();
            d->agents[a].push_back(planned);
        }
    }
}

void AgentLiveFromJson(Reader& r, const json& j, const std::string& p, AgentLive* a) {
    r.Enum(j, "state", p, static_cast<int>(AgentState::kCount), AgentStateName, &a->state);
    r.Enum(j, "reason", p, static_cast<int>(NotReadyReason::kCount), NotReadyReasonName, &a->reason);
    r.Int(j, "state_since_ms", p, &a->state_since_ms);
    r.Int(j, "call", p, &a->call);
    r.OptionalIndex(j, "call_queue", p, kNoQueue, &a->call_queue);
    r.Int(j, "call_since_ms", p, &a->call_since_ms);
    r.Int(j, "logged_in_since_ms", p, &a->logged_in_since_ms);
    if (const json* t = r.Field(j, "today", p)) CountsFromJson(r, *t, p + ".today", &a->today);
    if (const json* s = r.Field(j, "state_ms_today", p); s && s->is_object()) {
        for (int i = 0; i < static_cast<int>(AgentState::kCount); ++i) {
            auto it = s->find(std::string(AgentStateName(static_cast<AgentState>(i))));
            a->state_ms_today[i] = (it != s->end() && it->is_number_integer()) ? it->get<int64_t>() : 0;
        }
    }
    if (const json* s = r.Field(j, "reason_ms_today", p); s && s->is_object()) {
        for (int i = 0; i < static_cast<int>(NotReadyReason::kCount); ++i) {
            auto it = s->find(std::string(NotReadyReasonName(static_cast<NotReadyReason>(i))));
            a->reason_ms_today[i] = (it != s->end() && it->is_number_integer()) ? it->get<int64_t>() : 0;
        }
    }
    if (r.Optional(j, "member_of")) r.Int(j, "member_of", p, &a->member_of);
    if (const json* l = r.Optional(j, "adherence")) AdherenceFromJson(r, *l, p + ".adherence", &a->adherence);
}

void QueueLiveFromJson(Reader& r, const json& j, const std::string& p, QueueLive* q) {
    r.Int(j, "waiting", p, &q->waiting);
    r.Int(j, "oldest_wait_since_ms", p, &q->oldest_wait_since_ms);
    r.Int(j, "agents_available", p, &q->agents_available);
    r.Int(j, "agents_on_call", p, &q->agents_on_call);
    r.Int(j, "agents_wrap_up", p, &q->agents_wrap_up);
    r.Int(j, "agents_not_ready", p, &q->agents_not_ready);
    if (const json* t = r.Field(j, "today", p)) CountsFromJson(r, *t, p + ".today", &q->today);
    if (const json* l = r.Optional(j, "recent")) RecentFromJson(r, *l, p + ".recent", &q->recent);
    if (const json* l = r.Optional(j, "staffing")) StaffingFromJson(r, *l, p + ".staffing", &q->staffing);
}

void TeamLiveFromJson(Reader& r, const json& j, const std::string& p, TeamLive* t) {
    r.Int(j, "agents_logged_in", p, &t->agents_logged_in);
    r.Int(j, "agents_available", p, &t->agents_available);
    r.Int(j, "agents_on_call", p, &t->agents_on_call);
    r.Int(j, "agents_wrap_up", p, &t->agents_wrap_up);
    r.Int(j, "agents_not_ready", p, &t->agents_not_ready);
    if (const json* c = r.Field(j, "today", p)) CountsFromJson(r, *c, p + ".today", &t->today);
}

void RowsFromJson(Reader& r, const json& arr, const std::string& p, std::vector<IntervalRow>* rows) {
    if (!arr.is_array()) { r.Fail(p, "expected an array"); return; }
    rows->resize(arr.size());
    for (size_t i = 0; i < arr.size() && r.ok(); ++i) {
        std::string rp = p + "[" + std::to_string(i) + "]";
        r.Int(arr[i], "start_ms", rp, &(*rows)[i].start_ms);
        r.Number(arr[i], "agents_staffed", rp, &(*rows)[i].agents_staffed);
        if (const json* c = r.Field(arr[i], "counts", rp)) CountsFromJson(r, *c, rp + ".counts", &(*rows)[i].counts);
    }
}

template <typename T, typename Fn>
void ListFromJson(Reader& r, const json& obj, const char* key, const std::string& p, std::vector<T>* out, Fn each) {
    const json* arr = r.Array(obj, key, p);
    if (!arr) return;
    out->resize(arr->size());
    for (size_t i = 0; i < arr->size() && r.ok(); ++i)
        each((*arr)[i], p + "." + key + "[" + std::to_string(i) + "]", &(*out)[i]);
}

void DirectoryFromJson(Reader& r, const json& j, const std::string& p, Directory* d) {
    ListFromJson(r, j, "queues", p, &d->queues, [&](const json& q, const std::string& qp, QueueInfo* out) {
        r.String(q, "key", qp, &out->key);
        r.String(q, "name_en", qp, &out->name_en);
        r.String(q, "name_zh", qp, &out->name_zh);
        if (q.is_object() && q.contains("wrap_up_s")) r.Int(q, "wrap_up_s", qp, &out->wrap_up_s);
        const json* sl = r.Field(q, "sl", qp);
        if (!sl) return;
        std::string variant;
        r.String(*sl, "variant", qp + ".sl", &variant);
        if (r.ok() && !ParseSlVariant(variant, &out->sl.variant)) r.Fail(qp + ".sl.variant", "unknown value '" + variant + "'");
        r.Int(*sl, "threshold_s", qp + ".sl", &out->sl.threshold_s);
        r.Number(*sl, "target", qp + ".sl", &out->sl.target);
        r.Int(*sl, "short_abandon_s", qp + ".sl", &out->sl.short_abandon_s);
    });
    ListFromJson(r, j, "teams", p, &d->teams, [&](const json& t, const std::string& tp, TeamInfo* out) {
        r.String(t, "key", tp, &out->key);
        r.String(t, "name_en", tp, &out->name_en);
        r.String(t, "name_zh", tp, &out->name_zh);
        r.OptionalIndex(t, "lead", tp, 0xFFFFFFFFu, &out->lead);
    });
    ListFromJson(r, j, "agents", p, &d->agents, [&](const json& a, const std::string& ap, AgentInfo* out) {
        r.String(a, "key", ap, &out->key);
        r.String(a, "name_en", ap, &out->name_en);
        r.String(a, "name_zh", ap, &out->name_zh);
        r.Int(a, "team", ap, &out->team);
        r.Int(a, "seat_row", ap, &out->seat_row);
        r.Int(a, "seat_col", ap, &out->seat_col);
        r.Int(a, "tenure_months", ap, &out->tenure_months);
        r.Int(a, "skills", ap, &out->skills);
    });
}

// "demo" is optional (absent or null: real data).
void DemoFromJson(Reader& r, const json& root, const std::string& p, DemoClock* out) {
    auto it = root.find("demo");
    if (it == root.end() || it->is_null()) return;
    r.Int(*it, "speed", p + ".demo", &out->speed);
    const json* paused = r.Field(*it, "paused", p + ".demo");
    if (paused && !paused->is_boolean()) r.Fail(p + ".demo.paused", "expected true or false");
    else if (paused) out->paused = paused->get<bool>();
}

bool ParseRoot(std::string_view text, json* root, std::string* error) {
    *root = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (root->is_discarded()) {
        if (error) *error = "not valid JSON";
        return false;
    }
    if (!root->is_object()) {
        if (error) *error = "expected a JSON object";
        return false;
    }
    return true;
}

}  // namespace

std::string SnapshotToJson(const Snapshot& s) {
    json queues = json::array(), teams = json::array(), agents = json::array(), intervals = json::array();
    for (const QueueLive& q : s.queues) queues.push_back(QueueLiveToJson(q));
    for (const TeamLive& t : s.teams) teams.push_back(TeamLiveToJson(t));
    for (const AgentLive& a : s.agents) agents.push_back(AgentLiveToJson(a));
    for (const auto& rows : s.intervals) intervals.push_back(RowsToJson(rows));
    json offsets = json::array();
    for (const auto& [from, minutes] : s.tz_offsets) offsets.push_back(json::array({from, minutes}));
    json root{{"version", s.version}, {"now_ms", s.now_ms}, {"tz_offset_min", s.tz_offset_min},
              {"tz_name", s.tz_name}, {"tz_offsets", offsets},
              {"interval_minutes", s.interval_minutes}, {"day_start_ms", s.day_start_ms}, {"day_end_ms", s.day_end_ms},
              {"source", s.source}, {"demo", DemoToJson(s.demo)}, {"directory", DirectoryToJson(s.directory)},
              {"queues", queues}, {"teams", teams}, {"agents", agents}, {"intervals", intervals},
              {"schedule", ScheduleToJson(s.schedule)}};
    return root.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool SnapshotFromJson(std::string_view text, Snapshot* out, std::string* error) {
    json root;
    if (!ParseRoot(text, &root, error)) return false;
    Reader r(error);
    Snapshot s;
    r.Int(root, "version", "snapshot", &s.version);
    r.Int(root, "now_ms", "snapshot", &s.now_ms);
    r.Int(root, "tz_offset_min", "snapshot", &s.tz_offset_min);
    r.Int(root, "interval_minutes", "snapshot", &s.interval_minutes);
    r.Int(root, "day_start_ms", "snapshot", &s.day_start_ms);
    r.Int(root, "day_end_ms", "snapshot", &s.day_end_ms);
    r.String(root, "tz_name", "snapshot", &s.tz_name);
    if (const json* offsets = r.Field(root, "tz_offsets", "snapshot")) {
        bool ok = offsets->is_array();
        for (size_t i = 0; ok && i < offsets->size(); ++i) {
            const json& pair = (*offsets)[i];
            ok = pair.is_array() && pair.size() == 2 && pair[0].is_number_integer() && pair[1].is_number_integer();
            if (ok) s.tz_offsets.emplace_back(pair[0].get<int64_t>(), pair[1].get<int32_t>());
        }
        if (!ok) {
            if (error) *error = "snapshot.tz_offsets: must be a list of [ms, minutes] pairs";
            return false;
        }
    }
    r.String(root, "source", "snapshot", &s.source);
    DemoFromJson(r, root, "snapshot", &s.demo);
    if (const json* d = r.Field(root, "directory", "snapshot")) DirectoryFromJson(r, *d, "directory", &s.directory);
    ListFromJson(r, root, "queues", "snapshot", &s.queues, [&](const json& j, const std::string& p, QueueLive* q) { QueueLiveFromJson(r, j, p, q); });
    ListFromJson(r, root, "teams", "snapshot", &s.teams, [&](const json& j, const std::string& p, TeamLive* t) { TeamLiveFromJson(r, j, p, t); });
    ListFromJson(r, root, "agents", "snapshot", &s.agents, [&](const json& j, const std::string& p, AgentLive* a) { AgentLiveFromJson(r, j, p, a); });
    ListFromJson(r, root, "intervals", "snapshot", &s.intervals, [&](const json& j, const std::string& p, std::vector<IntervalRow>* rows) { RowsFromJson(r, j, p, rows); });
    if (const json* d = r.Optional(root, "schedule")) ScheduleFromJson(r, *d, "snapshot.schedule", s.agents.size(), &s.schedule);
    if (!r.ok()) return false;
    if (s.queues.size() != s.directory.queues.size() || s.teams.size() != s.directory.teams.size() ||
        s.agents.size() != s.directory.agents.size() || s.intervals.size() != s.directory.queues.size()) {
        if (error) *error = "snapshot: live lists do not match the directory sizes";
        return false;
    }
    *out = std::move(s);
    return true;
}

std::string DeltaToJson(const SnapshotDelta& d) {
    json agents = json::array(), queues = json::array(), teams = json::array(), intervals = json::array();
    for (const auto& [index, a] : d.agents) {
        json item = AgentLiveToJson(a);
        item["index"] = index;
        agents.push_back(std::move(item));
    }
    for (const QueueLive& q : d.queues) queues.push_back(QueueLiveToJson(q));
    for (const TeamLive& t : d.teams) teams.push_back(TeamLiveToJson(t));
    for (size_t i = 0; i < d.interval_rows.size(); ++i)
        intervals.push_back(json{{"first_row", d.interval_first_row[i]}, {"rows", RowsToJson(d.interval_rows[i])}});
    json root{{"base_version", d.base_version}, {"version", d.version}, {"now_ms", d.now_ms},
              {"day_start_ms", d.day_start_ms}, {"demo", DemoToJson(d.demo)}, {"agents", agents}, {"queues", queues},
              {"teams", teams}, {"intervals", intervals}};
    return root.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool DeltaFromJson(std::string_view text, SnapshotDelta* out, std::string* error) {
    json root;
    if (!ParseRoot(text, &root, error)) return false;
    Reader r(error);
    SnapshotDelta d;
    r.Int(root, "base_version", "delta", &d.base_version);
    r.Int(root, "version", "delta", &d.version);
    r.Int(root, "now_ms", "delta", &d.now_ms);
    r.Int(root, "day_start_ms", "delta", &d.day_start_ms);
    DemoFromJson(r, root, "delta", &d.demo);
    ListFromJson(r, root, "agents", "delta", &d.agents, [&](const json& j, const std::string& p, std::pair<uint32_t, AgentLive>* a) {
        r.Int(j, "index", p, &a->first);
        AgentLiveFromJson(r, j, p, &a->second);
    });
    ListFromJson(r, root, "queues", "delta", &d.queues, [&](const json& j, const std::string& p, QueueLive* q) { QueueLiveFromJson(r, j, p, q); });
    ListFromJson(r, root, "teams", "delta", &d.teams, [&](const json& j, const std::string& p, TeamLive* t) { TeamLiveFromJson(r, j, p, t); });
    const json* iv = r.Array(root, "intervals", "delta");
    if (iv) {
        for (size_t i = 0; i < iv->size() && r.ok(); ++i) {
            std::string p = "delta.intervals[" + std::to_string(i) + "]";
            uint32_t first = 0;
            r.Int((*iv)[i], "first_row", p, &first);
            std::vector<IntervalRow> rows;
            if (const json* rr = r.Field((*iv)[i], "rows", p)) RowsFromJson(r, *rr, p + ".rows", &rows);
            d.interval_first_row.push_back(first);
            d.interval_rows.push_back(std::move(rows));
        }
    }
    if (!r.ok()) return false;
    *out = std::move(d);
    return true;
}

}  // namespace cb
