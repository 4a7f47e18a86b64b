// JSON of the report family (report_json.h). Decoding checks every type before reading it, so
// malformed input yields an error naming where, never an exception (the web build has none).
#include "core/report/report_json.h"

#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace cb {
namespace {

using nlohmann::json;

constexpr const char* kReportFormat = "callboard.report/1";
constexpr const char* kComparisonFormat = "callboard.team_comparison/1";
constexpr const char* kScorecardFormat = "callboard.scorecard/1";
constexpr const char* kIncidentFormat = "callboard.incident/1";

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// ---- Encoding helpers ----

json CountsJson(const KpiCounts& c) {
    json j = json::object();
    for (const KpiCountField& f : KpiCountFields()) j[std::string(f.name)] = c.*f.member;
    return j;
}

json NotReadyJson(const ReportExtras& e) {
    json j = json::object();
    for (size_t r = 0; r < kNotReadyReasonCount; ++r) {
        j[std::string(NotReadyReasonName(static_cast<NotReadyReason>(r)))] = e.not_ready_ms[r];
    }
    return j;
}

json MsOrNull(int64_t ms, int64_t none) { return ms == none ? json(nullptr) : json(ms); }

json DefinitionJson(const DefinitionVersion& d) {
    return json{{"id", d.id},
                {"queue", d.queue},
                {"valid_from_ms", MsOrNull(d.valid_from_ms, INT64_MIN)},
                {"valid_to_ms", MsOrNull(d.valid_to_ms, INT64_MAX)},
                {"variant", SlVariantName(d.sl.variant)},
                {"threshold_s", d.sl.threshold_s},
                {"target", d.sl.target},
                {"short_abandon_s", d.sl.short_abandon_s},
                {"recorded_ms", d.recorded_ms}};
}

json GroupJson(const ReportGroupInfo& g) {
    return json{{"key", g.key}, {"name_en", g.name_en}, {"name_zh", g.name_zh}, {"team", g.team}};
}

json StringsJson(const std::vector<std::string>& v) {
    json a = json::array();
    for (const std::string& s : v) a.push_back(s);
    return a;
}

json QueryJson(const ReportQuery& q) {
    return json{{"from", FormatCivilDate(q.from)},
                {"to", FormatCivilDate(q.to)},
                {"granularity", ReportGranularityName(q.granularity)},
                {"group", ReportGroupName(q.group)},
                {"first_weekday", WeekdayName(q.first_weekday)},
                {"queues", StringsJson(q.queues)},
                {"teams", StringsJson(q.teams)},
                {"agents", StringsJson(q.agents)}};
}

// ---- The report's rows: written directly (a month by agent per day has ~9,000 rows) ----

// Appends JSON text without building a document: numbers with std::to_chars (doubles in their
// shortest form that reads back exactly), strings escaped (invalid UTF-8 replaced by U+FFFD).
class Out {
public:
    std::string& text() { return m_s; }
    void Raw(std::string_view v) { m_s.append(v); }
    void Int(int64_t v) {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        m_s.append(buf, r.ptr);
    }
    void Num(double v) {
#if defined(__cpp_lib_to_chars)
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        m_s.append(buf, r.ptr);
#else
        // Standard libraries without floating-point to_chars (the web build's): the JSON
        // library's shortest form, which reads back exactly too.
        m_s.append(json(v).dump());
#endif
    }
    void Bool(bool v) { m_s.append(v ? "true" : "false"); }
    void Str(std::string_view v) {
        m_s.push_back('"');
        for (size_t i = 0; i < v.size();) {
            const unsigned char c = static_cast<unsigned char>(v[i]);
            if (c == '"' || c == '\\') {
                m_s.push_back('\\');
                m_s.push_back(static_cast<char>(c));
                ++i;
            } else if (c < 0x20) {
                char buf[16];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                m_s.append(buf);
                ++i;
            } else if (c < 0x80) {
                m_s.push_back(static_cast<char>(c));
                ++i;
            } else {
                const size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
                bool ok = len > 0 && i + len <= v.size();
                for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(v[i + k]) >> 6) == 0x2;
                if (ok) {
                    m_s.append(v.substr(i, len));
                    i += len;
                } else {
                    m_s.append("\xEF\xBF\xBD");  // U+FFFD
                    ++i;
                }
            }
        }
        m_s.push_back('"');
    }
    void Key(std::string_view k) {
        Str(k);
        m_s.push_back(':');
    }

private:
    std::string m_s;
};

// The KPI catalogue: each KPI's kind, formula and parts in count names; the service level's
// parts depend on the row's variant (sl_variants).
json KpiCatalogueJson() {
    json a = json::array();
    for (int k = 0; k < static_cast<int>(ReportKpi::kCount); ++k) {
        const ReportKpi kpi = static_cast<ReportKpi>(k);
        const bool ratio = IsRatioKpi(kpi);
        if (kpi == ReportKpi::ServiceLevel) {
            a.push_back({{"id", ReportKpiName(kpi)}, {"kind", "ratio"}, {"formula", "the row's sl_variant (sl_variants)"},
                         {"numerator", nullptr}, {"denominator", nullptr}});
            continue;
        }
        const KpiParts parts = ReportKpiParts(kpi);
        a.push_back({{"id", ReportKpiName(kpi)}, {"kind", ratio ? "ratio" : "mean"}, {"formula", ReportKpiFormula(kpi)},
                     {"numerator", parts.numerator}, {"denominator", parts.denominator}});
    }
    return a;
}

json SlVariantsJson() {
    json a = json::array();
    for (int v = 0; v < static_cast<int>(SlVariant::kCount); ++v) {
        const SlVariant variant = static_cast<SlVariant>(v);
        const KpiParts parts = SlVariantParts(variant);
        a.push_back({{"variant", SlVariantName(variant)},
                     {"formula", ReportKpiFormula(ReportKpi::ServiceLevel, variant)},
                     {"numerator", parts.numerator},
                     {"denominator", parts.denominator}});
    }
    return a;
}

void WriteDefinitions(Out& o, const ReportRow& row) {
    o.Raw(",\"definitions\":[");
    for (size_t i = 0; i < row.definitions.size(); ++i) {
        if (i) o.Raw(",");
        o.Int(row.definitions[i]);
    }
    o.Raw("],\"headline_definition\":");
    o.Int(row.headline_definition);
    o.Raw(",\"mixed_definitions\":");
    o.Bool(row.mixed_definitions);
}

// A row with no count at all (an agent logged out the whole interval: most rows of a day by
// agent) is written as {"group", "bucket", "empty": true, its definitions}: no counts and no
// KPIs, which would all be 0 or null. ReportFromJson reads it back as zero counts.
bool EmptyRow(const ReportRow& row) { return row.counts == KpiCounts{} && row.extras == ReportExtras{}; }

void WriteRow(Out& o, const Report& report, const ReportRow& row) {
    o.Raw("{\"group\":");
    o.Int(row.group);
    o.Raw(",\"bucket\":");
    if (row.bucket >= 0) o.Int(row.bucket);
    else o.Raw("null");
    if (EmptyRow(row)) {
        o.Raw(",\"empty\":true");
        WriteDefinitions(o, row);
        o.Raw("}");
        return;
    }
    o.Raw(",\"counts\":{");
    bool first = true;
    for (const KpiCountField& f : KpiCountFields()) {
        if (!first) o.Raw(",");
        first = false;
        o.Key(f.name);
        o.Int(row.counts.*f.member);
    }
    o.Raw("},\"not_ready_ms\":{");
    for (size_t r = 0; r < kNotReadyReasonCount; ++r) {
        if (r) o.Raw(",");
        o.Key(NotReadyReasonName(static_cast<NotReadyReason>(r)));
        o.Int(row.extras.not_ready_ms[r]);
    }
    o.Raw("},\"callbacks_promised\":");
    o.Int(row.extras.callbacks_promised);
    o.Raw(",\"callbacks_kept\":");
    o.Int(row.extras.callbacks_kept);
    WriteDefinitions(o, row);
    const ServiceLevelDef sl = report.HeadlineSl(row);
    o.Raw(",\"sl_variant\":");
    o.Str(SlVariantName(sl.variant));
    o.Raw(",\"sl_target\":");
    o.Num(sl.target);
    o.Raw(",\"kpis\":{");
    const int64_t ms = report.BucketMs(row);
    for (int k = 0; k < static_cast<int>(ReportKpi::kCount); ++k) {
        const KpiFigure f = ComputeReportKpi(static_cast<ReportKpi>(k), row.counts, sl, ms);
        if (k) o.Raw(",");
        o.Key(ReportKpiName(f.kpi));
        if (f.valid) o.Num(f.value);
        else o.Raw("null");
    }
    o.Raw("}}");
}

json ScoreValueJson(const ScoreValue& v) {
    return json{{"valid", v.valid}, {"value", v.valid ? json(v.value) : json(nullptr)}, {"total", v.total}, {"count", v.count}};
}

json IncidentValueJson(const IncidentValue& v) {
    return json{{"valid", v.valid},
                {"value", v.valid ? json(v.value) : json(nullptr)},
                {"numerator", v.numerator},
                {"denominator", v.denominator}};
}

json NoteJson(const IncidentNote& n) {
    return json{{"id", n.id},           {"from_ms", n.from_ms},       {"to_ms", n.to_ms},
                {"text", n.text},       {"author", n.author},         {"created_ms", n.created_ms},
                {"updated_by", n.updated_by}, {"updated_ms", n.updated_ms}, {"revision", n.revision}};
}

json IncidentIntervalJson(const IncidentInterval& in) {
    json figures = json::object();
    for (size_t f = 0; f < in.figures.size() && f < IncidentFigures().size(); ++f) {
        const IncidentFigure& fig = in.figures[f];
        json weeks = json::array();
        for (const IncidentValue& v : fig.weeks) weeks.push_back(IncidentValueJson(v));
        figures[std::string(IncidentFigures()[f].id)] =
            json{{"now", IncidentValueJson(fig.now)},
                 {"typical", IncidentValueJson(fig.typical)},
                 {"median", fig.median_valid ? json(fig.median) : json(nullptr)},
                 {"weeks", weeks}};
    }
    return json{{"start_ms", in.start_ms}, {"end_ms", in.end_ms}, {"label", in.label}, {"figures", figures}};
}

// ---- Decoding ----

class Reader {
public:
    explicit Reader(std::string* error) : m_error(error) {}
    bool ok() const { return m_ok; }
    void Fail(const std::string& path, const std::string& what) {
        if (!m_ok) return;
        m_ok = false;
        if (m_error) *m_error = path + ": " + what;
    }
    bool Parse(std::string_view text, json* root) {
        *root = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
        if (root->is_discarded()) {
            Fail("json", "not valid JSON");
            return false;
        }
        if (!root->is_object()) {
            Fail("json", "expected an object");
            return false;
        }
        return true;
    }
    const json* Field(const json& obj, const char* key, const std::string& path, bool optional = false) {
        if (!m_ok) return nullptr;
        if (!obj.is_object()) {
            Fail(path, "expected an object");
            return nullptr;
        }
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (!optional) Fail(Join(path, key), "missing");
            return nullptr;
        }
        return &*it;
    }
    static std::string Join(const std::string& path, const char* key) { return path.empty() ? key : path + "." + key; }

    template <typename T>
    void Int(const json& obj, const char* key, const std::string& path, T* out) {
        const json* v = Field(obj, key, path);
        if (!v) return;
        if (v->is_number_integer()) *out = static_cast<T>(v->get<int64_t>());
        else Fail(Join(path, key), "expected an integer");
    }
    // An integer, or null for `none`.
    void IntOrNull(const json& obj, const char* key, const std::string& path, int64_t none, int64_t* out) {
        const json* v = Field(obj, key, path);
        if (!v) return;
        if (v->is_null()) *out = none;
        else if (v->is_number_integer()) *out = v->get<int64_t>();
        else Fail(Join(path, key), "expected an integer or null");
    }
    void Number(const json& obj, const char* key, const std::string& path, double* out) {
        const json* v = Field(obj, key, path);
        if (!v) return;
        if (v->is_number()) *out = v->get<double>();
        else Fail(Join(path, key), "expected a number");
    }
    // A number or null (invalid): *valid says which.
    void NumberOrNull(const json& obj, const char* key, const std::string& path, double* out, bool* valid) {
        const json* v = Field(obj, key, path);
        if (!v) return;
        if (v->is_null()) {
            *valid = false;
            *out = 0.0;
        } else if (v->is_number()) {
            *valid = true;
            *out = v->get<double>();
        } else {
            Fail(Join(path, key), "expected a number or null");
        }
    }
    void Bool(const json& obj, const char* key, const std::string& path, bool* out) {
        const json* v = Field(obj, key, path);
        if (!v) return;
        if (v->is_boolean()) *out = v->get<bool>();
        else Fail(Join(path, key), "expected true or false");
    }
    void String(const json& obj, const char* key, const std::string& path, std::string* out, bool optional = false) {
        const json* v = Field(obj, key, path, optional);
        if (!v) return;
        if (v->is_string()) *out = v->get<std::string>();
        else Fail(Join(path, key), "expected a string");
    }
    void Date(const json& obj, const char* key, const std::string& path, CivilDate* out) {
        std::string text;
        String(obj, key, path, &text);
        if (m_ok && !ParseCivilDate(text, out)) Fail(Join(path, key), "'" + text + "' is not a date (YYYY-MM-DD)");
    }
    void Strings(const json& obj, const char* key, const std::string& path, std::vector<std::string>* out,
                 bool optional = false) {
        const json* v = Field(obj, key, path, optional);
        if (!v) return;
        if (!v->is_array()) {
            Fail(Join(path, key), "expected an array of strings");
            return;
        }
        out->clear();
        for (size_t i = 0; i < v->size(); ++i) {
            if (!(*v)[i].is_string()) {
                Fail(Join(path, key) + "[" + std::to_string(i) + "]", "expected a string");
                return;
            }
            out->push_back((*v)[i].get<std::string>());
        }
    }
    const json* Array(const json& obj, const char* key, const std::string& path) {
        const json* v = Field(obj, key, path);
        if (v && !v->is_array()) {
            Fail(Join(path, key), "expected an array");
            return nullptr;
        }
        return v;
    }
    void Format(const json& obj, const char* expected) {
        std::string format;
        String(obj, "format", "", &format);
        if (m_ok && format != expected) Fail("format", "'" + format + "' is not " + expected);
    }

private:
    std::string* m_error;
    bool m_ok = true;
};

std::string At(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

void CountsFrom(Reader& r, const json& j, const std::string& p, KpiCounts* c) {
    for (const KpiCountField& f : KpiCountFields()) r.Int(j, std::string(f.name).c_str(), p, &(c->*f.member));
}

void NotReadyFrom(Reader& r, const json& j, const std::string& p, ReportExtras* e) {
    for (size_t i = 0; i < kNotReadyReasonCount; ++i) {
        r.Int(j, std::string(NotReadyReasonName(static_cast<NotReadyReason>(i))).c_str(), p, &e->not_ready_ms[i]);
    }
}

void DefinitionFrom(Reader& r, const json& j, const std::string& p, DefinitionVersion* d) {
    r.Int(j, "id", p, &d->id);
    r.String(j, "queue", p, &d->queue);
    r.IntOrNull(j, "valid_from_ms", p, INT64_MIN, &d->valid_from_ms);
    r.IntOrNull(j, "valid_to_ms", p, INT64_MAX, &d->valid_to_ms);
    std::string variant;
    r.String(j, "variant", p, &variant);
    if (r.ok() && !ParseSlVariant(variant, &d->sl.variant)) r.Fail(p + ".variant", "unknown variant '" + variant + "'");
    r.Int(j, "threshold_s", p, &d->sl.threshold_s);
    r.Number(j, "target", p, &d->sl.target);
    r.Int(j, "short_abandon_s", p, &d->sl.short_abandon_s);
    r.Int(j, "recorded_ms", p, &d->recorded_ms);
}

void DefinitionsFrom(Reader& r, const json& j, const char* key, const std::string& p, std::vector<DefinitionVersion>* out) {
    const json* a = r.Array(j, key, p);
    if (!a) return;
    out->clear();
    for (size_t i = 0; i < a->size() && r.ok(); ++i) {
        DefinitionVersion d;
        DefinitionFrom(r, (*a)[i], At(Reader::Join(p, key), i), &d);
        out->push_back(d);
    }
}

void GroupFrom(Reader& r, const json& j, const std::string& p, ReportGroupInfo* g) {
    r.String(j, "key", p, &g->key);
    r.String(j, "name_en", p, &g->name_en);
    r.String(j, "name_zh", p, &g->name_zh);
    r.String(j, "team", p, &g->team);
}

void QueryFrom(Reader& r, const json& j, const std::string& p, ReportQuery* q) {
    r.Date(j, "from", p, &q->from);
    r.Date(j, "to", p, &q->to);
    std::string text;
    if (r.Field(j, "granularity", p, true)) {
        r.String(j, "granularity", p, &text);
        if (r.ok() && !ParseReportGranularity(text, &q->granularity)) {
            r.Fail(Reader::Join(p, "granularity"), "'" + text + "' is not one of 15min, 30min, 60min, day, week, month, range");
        }
    }
    if (r.Field(j, "group", p, true)) {
        r.String(j, "group", p, &text);
        if (r.ok() && !ParseReportGroup(text, &q->group)) {
            r.Fail(Reader::Join(p, "group"), "'" + text + "' is not one of center, queue, team, agent");
        }
    }
    if (r.Field(j, "first_weekday", p, true)) {
        r.String(j, "first_weekday", p, &text);
        if (r.ok() && !ParseWeekday(text, &q->first_weekday)) {
            r.Fail(Reader::Join(p, "first_weekday"), "'" + text + "' is not a weekday (monday ... sunday)");
        }
    }
    r.Strings(j, "queues", p, &q->queues, true);
    r.Strings(j, "teams", p, &q->teams, true);
    r.Strings(j, "agents", p, &q->agents, true);
}

void RowFrom(Reader& r, const json& j, const std::string& p, ReportRow* row) {
    r.Int(j, "group", p, &row->group);
    int64_t bucket = -1;
    r.IntOrNull(j, "bucket", p, -1, &bucket);
    row->bucket = static_cast<int32_t>(bucket);
    bool empty = false;
    if (r.Field(j, "empty", p, true)) r.Bool(j, "empty", p, &empty);
    if (!empty) {  // an empty row (WriteRow) has zero counts
        if (const json* c = r.Field(j, "counts", p)) CountsFrom(r, *c, p + ".counts", &row->counts);
        if (const json* n = r.Field(j, "not_ready_ms", p)) NotReadyFrom(r, *n, p + ".not_ready_ms", &row->extras);
        r.Int(j, "callbacks_promised", p, &row->extras.callbacks_promised);
        r.Int(j, "callbacks_kept", p, &row->extras.callbacks_kept);
    }
    if (const json* d = r.Array(j, "definitions", p)) {
        for (size_t i = 0; i < d->size(); ++i) {
            if (!(*d)[i].is_number_integer()) {
                r.Fail(At(p + ".definitions", i), "expected an integer");
                return;
            }
            row->definitions.push_back((*d)[i].get<int64_t>());
        }
    }
    r.Int(j, "headline_definition", p, &row->headline_definition);
    r.Bool(j, "mixed_definitions", p, &row->mixed_definitions);
}

void ScoreValueFrom(Reader& r, const json& j, const std::string& p, ScoreValue* v) {
    r.Bool(j, "valid", p, &v->valid);
    bool has = false;
    r.NumberOrNull(j, "value", p, &v->value, &has);
    r.Int(j, "total", p, &v->total);
    r.Int(j, "count", p, &v->count);
}

void IncidentValueFrom(Reader& r, const json& j, const std::string& p, IncidentValue* v) {
    r.Bool(j, "valid", p, &v->valid);
    bool has = false;
    r.NumberOrNull(j, "value", p, &v->value, &has);
    r.Int(j, "numerator", p, &v->numerator);
    r.Int(j, "denominator", p, &v->denominator);
}

void NoteFrom(Reader& r, const json& j, const std::string& p, IncidentNote* n) {
    r.Int(j, "id", p, &n->id);
    r.Int(j, "from_ms", p, &n->from_ms);
    r.Int(j, "to_ms", p, &n->to_ms);
    r.String(j, "text", p, &n->text);
    r.String(j, "author", p, &n->author);
    r.Int(j, "created_ms", p, &n->created_ms);
    r.String(j, "updated_by", p, &n->updated_by);
    r.Int(j, "updated_ms", p, &n->updated_ms);
    r.Int(j, "revision", p, &n->revision);
}

void IncidentIntervalFrom(Reader& r, const json& j, const std::string& p, IncidentInterval* in) {
    r.Int(j, "start_ms", p, &in->start_ms);
    r.Int(j, "end_ms", p, &in->end_ms);
    r.String(j, "label", p, &in->label);
    const json* figures = r.Field(j, "figures", p);
    if (!figures) return;
    for (const IncidentFigureDef& def : IncidentFigures()) {
        const std::string id(def.id);
        const std::string fp = p + ".figures." + id;
        const json* f = r.Field(*figures, id.c_str(), p + ".figures");
        if (!f) return;
        IncidentFigure fig;
        if (const json* v = r.Field(*f, "now", fp)) IncidentValueFrom(r, *v, fp + ".now", &fig.now);
        if (const json* v = r.Field(*f, "typical", fp)) IncidentValueFrom(r, *v, fp + ".typical", &fig.typical);
        r.NumberOrNull(*f, "median", fp, &fig.median, &fig.median_valid);
        if (const json* w = r.Array(*f, "weeks", fp)) {
            for (size_t i = 0; i < w->size() && r.ok(); ++i) {
                IncidentValue v;
                IncidentValueFrom(r, (*w)[i], At(fp + ".weeks", i), &v);
                fig.weeks.push_back(v);
            }
        }
        in->figures.push_back(std::move(fig));
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string ReportQueryToJson(const ReportQuery& q) { return Dump(QueryJson(q)); }

bool ReportQueryFromJson(std::string_view text, ReportQuery* out, std::string* error) {
    Reader r(error);
    json root;
    if (!r.Parse(text, &root)) return false;
    ReportQuery q;
    QueryFrom(r, root, "", &q);
    if (!r.ok()) return false;
    *out = std::move(q);
    return true;
}

std::string ReportToJson(const Report& report) {
    json buckets = json::array();
    for (const ReportBucket& b : report.buckets) {
        buckets.push_back({{"start_ms", b.start_ms},
                           {"end_ms", b.end_ms},
                           {"first_date", FormatCivilDate(b.first_date)},
                           {"last_date", FormatCivilDate(b.last_date)},
                           {"offset_min", b.offset_min},
                           {"partial", b.partial},
                           {"label", b.label}});
    }
    json groups = json::array();
    for (const ReportGroupInfo& g : report.groups) groups.push_back(GroupJson(g));
    json defs = json::array();
    for (const DefinitionVersion& d : report.definitions) defs.push_back(DefinitionJson(d));
    json pending = json::array();
    for (const CivilDate& d : report.pending_days) pending.push_back(FormatCivilDate(d));
    Out o;
    o.text().reserve(2048 + (report.rows.size() + report.totals.size()) * 1300 + report.buckets.size() * 200);
    o.Raw("{\"format\":");
    o.Str(kReportFormat);
    o.Raw(",\"query\":");
    o.Raw(Dump(QueryJson(report.query)));
    o.Raw(",\"zone\":");
    o.Str(report.zone);
    o.Raw(",\"interval_minutes\":");
    o.Int(report.interval_minutes);
    o.Raw(",\"from_ms\":");
    o.Int(report.from_ms);
    o.Raw(",\"to_ms\":");
    o.Int(report.to_ms);
    o.Raw(",\"generated_ms\":");
    o.Int(report.generated_ms);
    o.Raw(",\"kpis\":");
    o.Raw(Dump(KpiCatalogueJson()));
    o.Raw(",\"sl_variants\":");
    o.Raw(Dump(SlVariantsJson()));
    o.Raw(",\"buckets\":");
    o.Raw(Dump(buckets));
    o.Raw(",\"groups\":");
    o.Raw(Dump(groups));
    o.Raw(",\"definitions\":");
    o.Raw(Dump(defs));
    for (const auto& [key, rows] : {std::pair{"rows", &report.rows}, std::pair{"totals", &report.totals}}) {
        o.Raw(",");
        o.Key(key);
        o.Raw("[");
        for (size_t i = 0; i < rows->size(); ++i) {
            if (i) o.Raw(",");
            WriteRow(o, report, (*rows)[i]);
        }
        o.Raw("]");
    }
    o.Raw(",\"pending_days\":");
    o.Raw(Dump(pending));
    o.Raw("}");
    return std::move(o.text());
}

namespace {

bool ReportFrom(Reader& r, const json& root, Report* out) {
    Report rep;
    r.Format(root, kReportFormat);
    if (const json* q = r.Field(root, "query", "")) QueryFrom(r, *q, "query", &rep.query);
    r.String(root, "zone", "", &rep.zone);
    r.Int(root, "interval_minutes", "", &rep.interval_minutes);
    r.Int(root, "from_ms", "", &rep.from_ms);
    r.Int(root, "to_ms", "", &rep.to_ms);
    r.Int(root, "generated_ms", "", &rep.generated_ms);
    if (const json* a = r.Array(root, "buckets", "")) {
        for (size_t i = 0; i < a->size() && r.ok(); ++i) {
            const json& j = (*a)[i];
            const std::string p = At("buckets", i);
            ReportBucket b;
            r.Int(j, "start_ms", p, &b.start_ms);
            r.Int(j, "end_ms", p, &b.end_ms);
            r.Date(j, "first_date", p, &b.first_date);
            r.Date(j, "last_date", p, &b.last_date);
            r.Int(j, "offset_min", p, &b.offset_min);
            r.Bool(j, "partial", p, &b.partial);
            r.String(j, "label", p, &b.label);
            rep.buckets.push_back(std::move(b));
        }
    }
    if (const json* a = r.Array(root, "groups", "")) {
        for (size_t i = 0; i < a->size() && r.ok(); ++i) {
            ReportGroupInfo g;
            GroupFrom(r, (*a)[i], At("groups", i), &g);
            rep.groups.push_back(std::move(g));
        }
    }
    DefinitionsFrom(r, root, "definitions", "", &rep.definitions);
    for (const char* key : {"rows", "totals"}) {
        const json* a = r.Array(root, key, "");
        if (!a) break;
        std::vector<ReportRow>& rows = std::string_view(key) == "rows" ? rep.rows : rep.totals;
        for (size_t i = 0; i < a->size() && r.ok(); ++i) {
            ReportRow row;
            const std::string p = At(key, i);
            RowFrom(r, (*a)[i], p, &row);
            if (r.ok() && (row.group < 0 || static_cast<size_t>(row.group) >= rep.groups.size())) {
                r.Fail(p + ".group", "no such group");
            }
            if (r.ok() && row.bucket >= 0 && static_cast<size_t>(row.bucket) >= rep.buckets.size()) {
                r.Fail(p + ".bucket", "no such bucket");
            }
            rows.push_back(std::move(row));
        }
    }
    if (const json* a = r.Array(root, "pending_days", "")) {
        for (size_t i = 0; i < a->size() && r.ok(); ++i) {
            CivilDate d;
            if (!(*a)[i].is_string() || !ParseCivilDate((*a)[i].get<std::string>(), &d)) {
                r.Fail(At("pending_days", i), "expected a date (YYYY-MM-DD)");
                break;
            }
            rep.pending_days.push_back(d);
        }
    }
    if (!r.ok()) return false;
    *out = std::move(rep);
    return true;
}

}  // namespace

bool ReportFromJson(std::string_view text, Report* out, std::string* error) {
    Reader r(error);
    json root;
    if (!r.Parse(text, &root)) return false;
    return ReportFrom(r, root, out);
}

std::string DefinitionsToJson(const std::vector<DefinitionVersion>& versions) {
    json defs = json::array();
    for (const DefinitionVersion& d : versions) defs.push_back(DefinitionJson(d));
    return Dump(json{{"definitions", defs}});
}

bool DefinitionsFromJson(std::string_view text, std::vector<DefinitionVersion>* out, std::string* error) {
    Reader r(error);
    json root;
    if (!r.Parse(text, &root)) return false;
    std::vector<DefinitionVersion> defs;
    DefinitionsFrom(r, root, "definitions", "", &defs);
    if (!r.ok()) return false;
    *out = std::move(defs);
    return true;
}

std::string SavedReportToJson(const SavedReport& saved) {
    json j{{"id", saved.id}, {"name", saved.name}, {"owner", saved.owner}, {"created_ms", saved.created_ms}};
    j["report"] = json::parse(ReportToJson(saved.report), nullptr, false);
    return Dump(j);
}

bool SavedReportFromJson(std::string_view text, SavedReport* out, std::string* error) {
    Reader r(error);
    json root;
    if (!r.Parse(text, &root)) return false;
    SavedReport s;
    r.Int(root, "id", "", &s.id);
    r.String(root, "name", "", &s.name);
    r.String(root, "owner", "", &s.owner);
    r.Int(root, "created_ms", "", &s.created_ms);
    const json* rep = r.Field(root, "report", "");
    if (!rep) return false;
    std::string inner;
    Reader rr(&inner);
    if (!ReportFrom(rr, *rep, &s.report)) {
        if (error) *error = "report." + inner;
        return false;
    }
    if (!r.ok()) return false;
    *out = std::move(s);
    return true;
}

std::string SavedReportListToJson(const std::vector<SavedReport>& list) {
    json a = json::array();
    for (const SavedReport& s : list) {
        a.push_back({{"id", s.id},
                     {"name", s.name},
                     {"owner", s.owner},
                     {"created_ms", s.created_ms},
                     {"query", QueryJson(s.report.query)}});
    }
    return Dump(json{{"saved", a}});
}

bool SavedReportListFromJson(std::string_view text, std::vector<SavedReport>* out, std::string* error) {
    Reader r(error);
    json root;
    if (!r.Parse(text, &root)) return false;
    std::vector<SavedReport> list;
    if (const json* a = r.Array(root, "saved", "")) {
        for (size_t i = 0; i < a->size() && r.ok(); ++i) {
            const json& j = (*a)[i];
            const std::string p = At("saved", i);
            SavedReport s;
            r.Int(j, "id", p, &s.id);
            r.String(j, "name", p, &s.name);
            r.String(j, "owner", p, &s.owner);
            r.Int(j, "created_ms", p, &s.created_ms);
            if (const json* q = r.Field(j, "query", p)) QueryFrom(r, *q, p + ".query", &s.report.query);
            list.push_back(std::move(s));
        }
    }
    if (!r.ok()) return false;
    *out = std::move(list);
    return true;
}

// ---------------------------------------------------------------------------------------------

namespace {

json FiguresJson() {
    json a = json::array();
    for (const ScoreFigureDef& f : ScoreFigures()) {
        a.push_back({{"id", f.id}, {"unit", f.unit}, {"average", f.average}, {"formula", f.formula}, {"needs_schedule", f.needs_schedule}});
    }
    return a;
}

json StatsJson(const RobustStats& s) {
    return json{{"n", s.n}, {"median", s.n ? json(s.median) : json(nullptr)}, {"mad", s.mad}, {"mean_ad", s.mean_ad}};
}

void StatsFrom(Reader& r, const json& j, const std::string& p, RobustStats* s) {
    int64_t n = 0;
    r.Int(j, "n", p, &n);
    s->n = static_cast<size_t>(n);
    bool has = false;
    r.NumberOrNull(j, "median", p, &s->median, &has);
    r.Number(j, "mad", p, &s->mad);
    r.Number(j, "mean_ad", p, &s->mean_ad);
}

json RuleJson() { return json{{"z", kOutlierZ}, {"min_agents", kMinAgentsForOutliers}}; }

// The figures' ids must be ScoreFigures()' ids in order: a document of another build is refused.
void CheckFigures(Reader& r, const json& root) {
    const json* a = r.Array(root, "figures", "");
    if (!a) return;
    const auto& defs = ScoreFigures();
    if (a->size() != defs.size()) {
        r.Fail("figures", "expected " + std::to_string(defs.size()) + " figures");
        return;
    }
    for (size_t i = 0; i < defs.size() && r.ok(); ++i) {
        std::string id;
        r.String((*a)[i], "id", At("figures", i), &id);
        if (r.ok() && id != defs[i].id) r.Fail(At("figures", i) + ".id", "expected '" + std::string(defs[i].id) + "'");
    }
}

}  // namespace

std::string TeamComparisonToJson(const TeamComparison& t) {
    json stats = json::array();
    for (const RobustStats& s : t.stats) stats.push_back(StatsJson(s));
    json totals = json::array();
    for (const ScoreValue& v : t.team_total) totals.push_back(ScoreValueJson(v));
    json agents = json::array();
    for (size_t a = 0; a < t.agents.size(); ++a) {
        json values = json::array();
        for (size_t f = 0; f < t.values[a].size(); ++f) {
            json v = ScoreValueJson(t.values[a][f]);
            v["z"] = t.z[a][f];
            v["outlier"] = OutlierName(t.outliers[a][f]);
            values.push_back(std::move(v));
        }
        agents.push_back({{"agent", GroupJson(t.agents[a])}, {"active", static_cast<bool>(t.active[a])}, {"values", values}});
    }
    const json j{{"format", kComparisonFormat},
                 {"team", GroupJson(t.team)},
                 {"from", FormatCivilDate(t.from)},
                 {"to", FormatCivilDate(t.to)},
                 {"zone", t.zone},
                 {"outlier_rule", RuleJson()},
                 {"figures", FiguresJson()},
                 {"stats", stats},
                 {"team_total", totals},
                 {"agents", agents}};
    return Dump(j);
}

bool TeamComparisonFromJson(std::string_view text, TeamComparison* out, std::string* error) {
    Reader r(error);
    json root;
    if (!r.Parse(text, &root)) return false;
    TeamComparison t;
    r.Format(root, kComparisonFormat);
    if (const json* g = r.Field(root, "team", "")) GroupFrom(r, *g, "team", &t.team);
    r.Date(root, "from", "", &t.from);
    r.Date(root, "to", "", &t.to);
    r.String(root, "zone", "", &t.zone);
    CheckFigures(r, root);
    const size_t n = ScoreFigures().size();
    if (const json* a = r.Array(root, "stats", "")) {
        for (size_t i = 0; i < a->size() && r.ok(); ++i) {
            RobustStats s;
            StatsFrom(r, (*a)[i], At("stats", i), &s);
            t.stats.push_back(s);
        }
        if (r.ok() && t.stats.size() != n) r.Fail("stats", "expected " + std::to_string(n) + " entries");
    }
    if (const json* a = r.Array(root, "team_total", "")) {
        for (size_t i = 0; i < a->size() && r.ok(); ++i) {
            ScoreValue v;
            ScoreValueFrom(r, (*a)[i], At("team_total", i), &v);
            t.team_total.push_back(v);
        }
        if (r.ok() && t.team_total.size() != n) r.Fail("team_total", "expected " + std::to_string(n) + " entries");
    }
    if (const json* a = r.Array(root, "agents", "")) {
        for (size_t i = 0; i < a->size() && r.ok(); ++i) {
            const json& j = (*a)[i];
            const std::string p = At("agents", i);
            ReportGroupInfo g;
            if (const json* ag = r.Field(j, "agent", p)) GroupFrom(r, *ag, p + ".agent", &g);
            bool active = false;
            r.Bool(j, "active", p, &active);
            std::vector<ScoreValue> values;
            std::vector<Outlier> outliers;
            std::vector<double> zs;
            if (const json* vs = r.Array(j, "values", p)) {
                for (size_t f = 0; f < vs->size() && r.ok(); ++f) {
                    const std::string vp = At(p + ".values", f);
                    ScoreValue v;
                    ScoreValueFrom(r, (*vs)[f], vp, &v);
                    double z = 0.0;
                    r.Number((*vs)[f], "z", vp, &z);
                    std::string mark;
                    r.String((*vs)[f], "outlier", vp, &mark);
                    Outlier o = Outlier::None;
                    if (r.ok() && !ParseOutlier(mark, &o)) r.Fail(vp + ".outlier", "'" + mark + "' is not '', above or below");
                    values.push_back(v);
                    outliers.push_back(o);
                    zs.push_back(z);
                }
                if (r.ok() && values.size() != n) r.Fail(p + ".values", "expected " + std::to_string(n) + " values");
            }
            t.agents.push_back(std::move(g));
            t.active.push_back(active);
            t.values.push_back(std::move(values));
            t.outliers.push_back(std::move(outliers));
            t.z.push_back(std::move(zs));
        }
    }
    if (!r.ok()) return false;
    *out = std::move(t);
    return true;
}

std::string ScorecardToJson(const Scorecard& s) {
    json periods = json::array();
    for (const auto& [from, to] : s.periods) periods.push_back({{"from", FormatCivilDate(from)}, {"to", FormatCivilDate(to)}});
    json figures = json::array();
    const auto& defs = ScoreFigures();
    for (size_t f = 0; f < s.figures.size() && f < defs.size(); ++f) {
        const ScorecardEntry& e = s.figures[f];
        json series = json::array();
        for (const ScoreValue& v : e.series) series.push_back(ScoreValueJson(v));
        figures.push_back({{"id", defs[f].id},
                           {"unit", defs[f].unit},
                           {"average", defs[f].average},
                           {"formula", defs[f].formula},
                           {"needs_schedule", defs[f].needs_schedule},
                           {"value", ScoreValueJson(e.value)},
                           {"team", StatsJson(e.team)},
                           {"team_total", ScoreValueJson(e.team_total)},
                           {"z", e.z},
                           {"outlier", OutlierName(e.outlier)},
                           {"series", series}});
    }
    const json j{{"format", kScorecardFormat},
                 {"agent", GroupJson(s.agent)},
                 {"team", GroupJson(s.team)},
                 {"from", FormatCivilDate(s.from)},
                 {"to", FormatCivilDate(s.to)},
                 {"zone", s.zone},
                 {"active", s.active},
                 {"outlier_rule", RuleJson()},
                 {"periods", periods},
                 {"figures", figures},
                 {"qa", s.qa.available ? json{{"evaluations", s.qa.evaluations}, {"scored", s.qa.scored},
                                              {"auto_failed", s.qa.auto_failed},
                                              {"percent", s.qa.scored > 0 ? json(s.qa.percent) : json(nullptr)},
                                              {"definition", "mean of sum(earned x weight) / sum(possible x weight) over "
                                                             "regular evaluations; N/A = 0 of 0; auto-fail = 0; calibration excluded"}}
                                       : json(nullptr)}};
    return Dump(j);
}

bool ScorecardFromJson(std::string_view text, Scorecard* out, std::string* error) {
    Reader r(error);
    json root;
    if (!r.Parse(text, &root)) return false;
    Scorecard s;
    r.Format(root, kScorecardFormat);
    if (const json* g = r.Field(root, "agent", "")) GroupFrom(r, *g, "agent", &s.agent);
    if (const json* g = r.Field(root, "team", "")) GroupFrom(r, *g, "team", &s.team);
    r.Date(root, "from", "", &s.from);
    r.Date(root, "to", "", &s.to);
    r.String(root, "zone", "", &s.zone);
    r.Bool(root, "active", "", &s.active);
    if (const json* a = r.Array(root, "periods", "")) {
        for (size_t i = 0; i < a->size() && r.ok(); ++i) {
            CivilDate from, to;
            r.Date((*a)[i], "from", At("periods", i), &from);
            r.Date((*a)[i], "to", At("periods", i), &to);
            s.periods.push_back({from, to});
        }
    }
    CheckFigures(r, root);
    if (const json* a = r.Array(root, "figures", "")) {
        for (size_t i = 0; i < a->size() && r.ok(); ++i) {
            const json& j = (*a)[i];
            const std::string p = At("figures", i);
            ScorecardEntry e;
            if (const json* v = r.Field(j, "value", p)) ScoreValueFrom(r, *v, p + ".value", &e.value);
            if (const json* v = r.Field(j, "team", p)) StatsFrom(r, *v, p + ".team", &e.team);
            if (const json* v = r.Field(j, "team_total", p)) ScoreValueFrom(r, *v, p + ".team_total", &e.team_total);
            r.Number(j, "z", p, &e.z);
            std::string mark;
            r.String(j, "outlier", p, &mark);
            if (r.ok() && !ParseOutlier(mark, &e.outlier)) r.Fail(p + ".outlier", "'" + mark + "' is not '', above or below");
            if (const json* v = r.Array(j, "series", p)) {
                for (size_t k = 0; k < v->size() && r.ok(); ++k) {
                    ScoreValue sv;
                    ScoreValueFrom(r, (*v)[k], At(p + ".series", k), &sv);
                    e.series.push_back(sv);
                }
            }
            s.figures.push_back(std::move(e));
        }
    }
    // "qa": absent or null when the server keeps no QA evaluations.
    if (auto q = root.find("qa"); r.ok() && q != root.end() && !q->is_null()) {
        if (!q->is_object()) {
            r.Fail("qa", "must be an object or null");
        } else {
            s.qa.available = true;
            double n = 0;
            r.Number(*q, "evaluations", "qa", &n);
            s.qa.evaluations = static_cast<int64_t>(n);
            r.Number(*q, "scored", "qa", &n);
            s.qa.scored = static_cast<int64_t>(n);
            r.Number(*q, "auto_failed", "qa", &n);
            s.qa.auto_failed = static_cast<int64_t>(n);
            if (auto p = q->find("percent"); p != q->end() && p->is_number()) s.qa.percent = p->get<double>();
        }
    }
    if (!r.ok()) return false;
    *out = std::move(s);
    return true;
}

// ---------------------------------------------------------------------------------------------

std::string IncidentReportToJson(const IncidentReport& rep) {
    json weeks = json::array();
    for (size_t w = 0; w < rep.weeks.size(); ++w) {
        weeks.push_back({{"date", FormatCivilDate(rep.weeks[w])},
                         {"has_data", w < rep.week_has_data.size() && rep.week_has_data[w]}});
    }
    json figures = json::array();
    for (const IncidentFigureDef& f : IncidentFigures()) {
        const char* kind = f.kind == IncidentFigureKind::Count   ? "count"
                           : f.kind == IncidentFigureKind::Ratio ? "ratio"
                           : f.kind == IncidentFigureKind::Mean  ? "mean"
                                                                 : "max";
        figures.push_back({{"id", f.id}, {"kind", kind}, {"formula", f.formula}});
    }
    json defs = json::array();
    for (const DefinitionVersion& d : rep.definitions) defs.push_back(DefinitionJson(d));
    json intervals = json::array();
    for (const IncidentInterval& in : rep.intervals) intervals.push_back(IncidentIntervalJson(in));
    json notes = json::array();
    for (const IncidentNote& n : rep.notes) notes.push_back(NoteJson(n));
    const json j{{"format", kIncidentFormat},
                 {"query",
                  {{"date", FormatCivilDate(rep.query.date)},
                   {"from", FormatClockTime(rep.query.from_min)},
                   {"to", FormatClockTime(rep.query.to_min)},
                   {"weeks", rep.query.weeks},
                   {"queues", StringsJson(rep.query.queues)}}},
                 {"zone", rep.zone},
                 {"interval_minutes", rep.interval_minutes},
                 {"from_ms", rep.from_ms},
                 {"to_ms", rep.to_ms},
                 {"weeks", weeks},
                 {"figures", figures},
                 {"headline_definition", rep.headline_definition},
                 {"definitions", defs},
                 {"intervals", intervals},
                 {"window", IncidentIntervalJson(rep.window)},
                 {"notes", notes}};
    return Dump(j);
}

bool IncidentReportFromJson(std::string_view text, IncidentReport* out, std::string* error) {
    Reader r(error);
    json root;
    if (!r.Parse(text, &root)) return false;
    IncidentReport rep;
    r.Format(root, kIncidentFormat);
    if (const json* q = r.Field(root, "query", "")) {
        r.Date(*q, "date", "query", &rep.query.date);
        std::string from, to;
        r.String(*q, "from", "query", &from);
        r.String(*q, "to", "query", &to);
        if (r.ok() && !ParseClockTime(from, &rep.query.from_min)) r.Fail("query.from", "'" + from + "' is not HH:MM");
        if (r.ok() && !ParseClockTime(to, &rep.query.to_min)) r.Fail("query.to", "'" + to + "' is not HH:MM");
        r.Int(*q, "weeks", "query", &rep.query.weeks);
        r.Strings(*q, "queues", "query", &rep.query.queues);
    }
    r.String(root, "zone", "", &rep.zone);
    r.Int(root, "interval_minutes", "", &rep.interval_minutes);
    r.Int(root, "from_ms", "", &rep.from_ms);
    r.Int(root, "to_ms", "", &rep.to_ms);
    if (const json* a = r.Array(root, "weeks", "")) {
        for (size_t i = 0; i < a->size() && r.ok(); ++i) {
            CivilDate d;
            bool has = false;
            r.Date((*a)[i], "date", At("weeks", i), &d);
            r.Bool((*a)[i], "has_data", At("weeks", i), &has);
            rep.weeks.push_back(d);
            rep.week_has_data.push_back(has);
        }
    }
    r.Int(root, "headline_definition", "", &rep.headline_definition);
    DefinitionsFrom(r, root, "definitions", "", &rep.definitions);
    if (const json* a = r.Array(root, "intervals", "")) {
        for (size_t i = 0; i < a->size() && r.ok(); ++i) {
            IncidentInterval in;
            IncidentIntervalFrom(r, (*a)[i], At("intervals", i), &in);
            rep.intervals.push_back(std::move(in));
        }
    }
    if (const json* w = r.Field(root, "window", "")) IncidentIntervalFrom(r, *w, "window", &rep.window);
    if (const json* a = r.Array(root, "notes", "")) {
        for (size_t i = 0; i < a->size() && r.ok(); ++i) {
            IncidentNote n;
            NoteFrom(r, (*a)[i], At("notes", i), &n);
            rep.notes.push_back(std::move(n));
        }
    }
    if (!r.ok()) return false;
    *out = std::move(rep);
    return true;
}

std::string IncidentNoteToJson(const IncidentNote& note) { return Dump(NoteJson(note)); }

std::string IncidentNotesToJson(const std::vector<IncidentNote>& notes) {
    json a = json::array();
    for (const IncidentNote& n : notes) a.push_back(NoteJson(n));
    return Dump(json{{"notes", a}});
}

bool IncidentNotesFromJson(std::string_view text, std::vector<IncidentNote>* out, std::string* error) {
    Reader r(error);
    json root;
    if (!r.Parse(text, &root)) return false;
    std::vector<IncidentNote> notes;
    if (const json* a = r.Array(root, "notes", "")) {
        for (size_t i = 0; i < a->size() && r.ok(); ++i) {
            IncidentNote n;
            NoteFrom(r, (*a)[i], At("notes", i), &n);
            notes.push_back(std::move(n));
        }
    }
    if (!r.ok()) return false;
    *out = std::move(notes);
    return true;
}

}  // namespace cb
