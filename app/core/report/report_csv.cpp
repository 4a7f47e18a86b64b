// CSV of report tables (report_csv.h).
#include "core/report/report_csv.h"

#include <cstdio>

namespace cb {
namespace {

std::string Decimal(double v, int places) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", places, v);
    return buf;
}

std::string Ratio6OrEmpty(bool valid, double v, bool ratio) { return valid ? Decimal(v, ratio ? 6 : 3) : std::string(); }

class Writer {
public:
    Writer() { m_out.append(kUtf8Bom); }
    void Field(std::string_view text) {
        if (!m_first) m_out += ',';
        m_first = false;
        m_out += CsvField(text);
    }
    void Field(int64_t v) { Field(std::to_string(v)); }
    void EndLine() {
        m_out += "\r\n";
        m_first = true;
    }
    void Line(const std::vector<std::string>& fields) {
        for (const std::string& f : fields) Field(f);
        EndLine();
    }
    std::string Take() { return std::move(m_out); }

private:
    std::string m_out;
    bool m_first = true;
};

}  // namespace

std::string CsvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

bool ParseCsv(std::string_view text, std::vector<std::vector<std::string>>* records, std::string* error) {
    records->clear();
    if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
    size_t i = 0;
    int line = 1;
    std::vector<std::string> record;
    std::string field;
    while (i < text.size()) {
        const int field_line = line;
        field.clear();
        if (text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < text.size()) {
                const char c = text[i];
                if (c == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                if (c == '\n') ++line;
                field += c;
                ++i;
            }
            if (!closed) {
                if (error) *error = "line " + std::to_string(field_line) + ": a quoted field is not closed";
                return false;
            }
            if (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                if (error) *error = "line " + std::to_string(line) + ": text after a closing quote";
                return false;
            }
        } else {
            while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') field += text[i++];
        }
        record.push_back(field);
        if (i < text.size() && text[i] == ',') {
            ++i;
            if (i == text.size()) record.push_back("");
            continue;
        }
        if (i < text.size() && text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        ++line;
        records->push_back(std::move(record));
        record.clear();
    }
    if (!record.empty()) records->push_back(std::move(record));
    return true;
}

std::vector<std::string> ReportCsvColumns() {
    std::vector<std::string> c = {"row_kind", "bucket",  "bucket_start_ms", "bucket_end_ms", "first_date", "last_date",
                                  "group",    "key",     "name_en",         "name_zh",       "team"};
    for (const KpiCountField& f : KpiCountFields()) c.emplace_back(f.name);
    for (size_t r = 0; r < kNotReadyReasonCount; ++r) {
        c.push_back("not_ready_ms." + std::string(NotReadyReasonName(static_cast<NotReadyReason>(r))));
    }
    for (const char* name : {"callbacks_promised", "callbacks_kept", "service_level_variant", "service_level_target",
                             "definitions", "mixed_definitions"}) {
        c.emplace_back(name);
    }
    for (int k = 0; k < static_cast<int>(ReportKpi::kCount); ++k) c.emplace_back(ReportKpiName(static_cast<ReportKpi>(k)));
    return c;
}

std::string ReportToCsv(const Report& report) {
    Writer w;
    w.Line(ReportCsvColumns());
    auto row_line = [&](const ReportRow& row) {
        const bool total = row.bucket < 0;
        const ReportGroupInfo& g = report.groups[static_cast<size_t>(row.group)];
        if (total) {
            w.Field("total");
            w.Field(FormatCivilDate(report.query.from) + "/" + FormatCivilDate(report.query.to));
            w.Field(report.from_ms);
            w.Field(report.to_ms);
            w.Field(FormatCivilDate(report.query.from));
            w.Field(FormatCivilDate(report.query.to));
        } else {
            const ReportBucket& b = report.buckets[static_cast<size_t>(row.bucket)];
            w.Field("row");
            w.Field(b.label);
            w.Field(b.start_ms);
            w.Field(b.end_ms);
            w.Field(FormatCivilDate(b.first_date));
            w.Field(FormatCivilDate(b.last_date));
        }
        w.Field(ReportGroupName(report.query.group));
        w.Field(g.key);
        w.Field(g.name_en);
        w.Field(g.name_zh);
        w.Field(g.team);
        for (const KpiCountField& f : KpiCountFields()) w.Field(row.counts.*f.member);
        for (int64_t ms : row.extras.not_ready_ms) w.Field(ms);
        w.Field(row.extras.callbacks_promised);
        w.Field(row.extras.callbacks_kept);
        const ServiceLevelDef sl = report.HeadlineSl(row);
        w.Field(SlVariantName(sl.variant));
        w.Field(Decimal(sl.target, 4));
        std::string defs;
        for (int64_t id : row.definitions) {
            if (!defs.empty()) defs += ';';
            defs += std::to_string(id);
        }
        w.Field(defs);
        w.Field(row.mixed_definitions ? "true" : "false");
        for (const KpiFigure& f : ReportRowKpis(report, row)) w.Field(Ratio6OrEmpty(f.valid, f.value, f.ratio));
        w.EndLine();
    };
    for (const ReportRow& row : report.rows) row_line(row);
    for (const ReportRow& row : report.totals) row_line(row);
    return w.Take();
}

std::string TeamComparisonToCsv(const TeamComparison& t) {
    Writer w;
    const auto& defs = ScoreFigures();
    std::vector<std::string> header = {"row_kind", "key", "name_en", "name_zh", "active"};
    for (const ScoreFigureDef& f : defs) {
        header.emplace_back(f.id);
        header.push_back(std::string(f.id) + ".outlier");
        if (f.needs_schedule) {
            // The minutes behind a schedule's percentage; status "no_schedule" when nothing was scheduled.
            header.push_back(std::string(f.id) + ".total_ms");
            header.push_back(std::string(f.id) + ".count_ms");
            header.push_back(std::string(f.id) + ".status");
        }
    }
    w.Line(header);
    auto value = [](const ScoreValue& v, bool average) {
        return v.valid ? (average ? Decimal(v.value, 3) : std::to_string(v.total)) : std::string();
    };
    auto schedule_parts = [&w](const ScoreValue& v) {
        w.Field(v.valid ? std::to_string(v.total) : std::string());
        w.Field(v.valid ? std::to_string(v.count) : std::string());
        w.Field(v.valid ? "" : "no_schedule");
    };
    for (size_t a = 0; a < t.agents.size(); ++a) {
        w.Field("agent");
        w.Field(t.agents[a].key);
        w.Field(t.agents[a].name_en);
        w.Field(t.agents[a].name_zh);
        w.Field(t.active[a] ? "true" : "false");
        for (size_t f = 0; f < defs.size(); ++f) {
            const ScoreValue& v = t.values[a][f];
            w.Field(value(v, defs[f].average));
            w.Field(OutlierName(t.outliers[a][f]));
            if (defs[f].needs_schedule) schedule_parts(v);
        }
        w.EndLine();
    }
    w.Field("median");
    w.Field(t.team.key);
    w.Field(t.team.name_en);
    w.Field(t.team.name_zh);
    w.Field("");
    for (size_t f = 0; f < defs.size(); ++f) {
        w.Field(f < t.stats.size() && t.stats[f].n ? Decimal(t.stats[f].median, 3) : std::string());
        w.Field("");
        if (defs[f].needs_schedule) {
            for (int k = 0; k < 3; ++k) w.Field("");
        }
    }
    w.EndLine();
    w.Field("team_total");
    w.Field(t.team.key);
    w.Field(t.team.name_en);
    w.Field(t.team.name_zh);
    w.Field("");
    for (size_t f = 0; f < defs.size(); ++f) {
        w.Field(f < t.team_total.size() ? value(t.team_total[f], defs[f].average) : std::string());
        w.Field("");
        if (defs[f].needs_schedule) schedule_parts(f < t.team_total.size() ? t.team_total[f] : ScoreValue{});
    }
    w.EndLine();
    return w.Take();
}

std::string ScorecardToCsv(const Scorecard& s) {
    Writer w;
    // total and count: what an average divides (a schedule's percentages: minutes in ms); status
    // "no_value" for an average without a count, "no_schedule" for a schedule's figure of an agent
    // with nothing scheduled.
    std::vector<std::string> header = {"figure", "unit", "value", "team_median", "team_total", "z", "outlier", "total", "count", "status"};
    for (const auto& [from, to] : s.periods) header.push_back(FormatCivilDate(from) + "/" + FormatCivilDate(to));
    w.Line(header);
    const auto& defs = ScoreFigures();
    auto value = [](const ScoreValue& v, bool average) {
        return v.valid ? (average ? Decimal(v.value, 3) : std::to_string(v.total)) : std::string();
    };
    for (size_t f = 0; f < s.figures.size() && f < defs.size(); ++f) {
        const ScorecardEntry& e = s.figures[f];
        w.Field(defs[f].id);
        w.Field(defs[f].unit);
        w.Field(value(e.value, defs[f].average));
        w.Field(e.team.n ? Decimal(e.team.median, 3) : std::string());
        w.Field(value(e.team_total, defs[f].average));
        w.Field(Decimal(e.z, 3));
        w.Field(OutlierName(e.outlier));
        w.Field(e.value.valid ? std::to_string(e.value.total) : std::string());
        w.Field(e.value.valid ? std::to_string(e.value.count) : std::string());
        w.Field(e.value.valid ? "" : defs[f].needs_schedule ? "no_schedule" : "no_value");
        for (const ScoreValue& v : e.series) w.Field(value(v, defs[f].average));
        w.EndLine();
    }
    return w.Take();
}

std::string IncidentReportToCsv(const IncidentReport& r) {
    Writer w;
    std::vector<std::string> header = {"row_kind", "interval", "start_ms", "end_ms"};
    for (const IncidentFigureDef& f : IncidentFigures()) {
        for (const char* part : {".now", ".typical", ".median"}) header.push_back(std::string(f.id) + part);
    }
    w.Line(header);
    auto line = [&](const char* kind, const IncidentInterval& in) {
        w.Field(kind);
        w.Field(in.label);
        w.Field(in.start_ms);
        w.Field(in.end_ms);
        for (size_t f = 0; f < in.figures.size(); ++f) {
            const bool ratio = IncidentFigures()[f].kind == IncidentFigureKind::Ratio;
            const IncidentFigure& fig = in.figures[f];
            w.Field(Ratio6OrEmpty(fig.now.valid, fig.now.value, ratio));
            w.Field(Ratio6OrEmpty(fig.typical.valid, fig.typical.value, ratio));
            w.Field(Ratio6OrEmpty(fig.median_valid, fig.median, ratio));
        }
        w.EndLine();
    };
    for (const IncidentInterval& in : r.intervals) line("interval", in);
    line("window", r.window);
    return w.Take();
}

}  // namespace cb
