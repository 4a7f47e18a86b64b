// Incident reports (incident.h): the window in intervals, the compared weeks, and each figure now,
// typical (from summed counts) and median over the previous weeks.
#include "core/report/incident.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace cb {
namespace {

CivilDate AddDays(const CivilDate& d, int64_t days) { return CivilFromDays(DaysFromCivil(d) + days); }

std::string OffsetText(int32_t offset_min) {
    const int32_t a = offset_min < 0 ? -offset_min : offset_min;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_min < 0 ? '-' : '+', a / 60, a % 60);
    return buf;
}

IncidentValue Count(int64_t v) {
    IncidentValue x;
    x.valid = true;
    x.value = static_cast<double>(v);
    x.numerator = v;
    x.denominator = 1;
    return x;
}

IncidentValue FromRatio(const Ratio& r) {
    IncidentValue x;
    x.valid = r.valid;
    x.value = r.value;
    x.numerator = r.numerator;
    x.denominator = r.denominator;
    return x;
}

IncidentValue FromMean(const Mean& m) {
    IncidentValue x;
    x.valid = m.valid;
    x.value = m.value;
    x.numerator = m.total;
    x.denominator = m.count;
    return x;
}

// Figure f of counts over `weeks` periods of interval_ms each (weeks = 1 for one day).
IncidentValue FigureOf(size_t f, const KpiCounts& c, const ServiceLevelDef& sl, int64_t period_ms, int64_t periods) {
    switch (f) {
    case 0: return Count(c.offered);
    case 1: return Count(c.answered);
    case 2: return Count(c.abandoned);
    case 3: return Count(c.exited);
    case 4: return FromRatio(ServiceLevel(c, sl));
    case 5: return FromRatio(AbandonRate(c));
    case 6: return FromMean(Asa(c));
    case 7: return FromMean(AverageAbandonWait(c));
    case 8: return Count(c.longest_wait_ms);
    case 9: {
        Mean m;
        m.total = c.staffed_ms;
        m.count = period_ms * periods;
        m.valid = m.count > 0;
        m.value = m.valid ? static_cast<double>(m.total) / static_cast<double>(m.count) : 0.0;
        return FromMean(m);
    }
    case 10: return FromRatio(Occupancy(c));
    default: return IncidentValue{};
    }
}

double Median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

}  // namespace

const std::vector<IncidentFigureDef>& IncidentFigures() {
    using K = IncidentFigureKind;
    static const std::vector<IncidentFigureDef> figures = {
        {"offered", K::Count, "offered"},
        {"answered", K::Count, "answered"},
        {"abandoned", K::Count, "abandoned"},
        {"exited", K::Count, "exited"},
        {"service_level", K::Ratio, "the definition's variant (see definitions)"},
        {"abandon_rate", K::Ratio, "(abandoned - short_abandoned) / (offered - short_abandoned)"},
        {"asa_ms", K::Mean, "wait_answered_ms / answered"},
        {"avg_abandon_wait_ms", K::Mean, "wait_abandoned_ms / abandoned"},
        {"longest_wait_ms", K::Max, "longest_wait_ms"},
        {"agents_staffed", K::Mean, "staffed_ms / interval_ms"},
        {"occupancy", K::Ratio, "busy_ms / (busy_ms + available_ms)"},
    };
    return figures;
}

bool ParseClockTime(std::string_view t, int* minutes) {
    if (t.size() != 5 || t[2] != ':') return false;
    for (size_t i : {0u, 1u, 3u, 4u}) {
        if (t[i] < '0' || t[i] > '9') return false;
    }
    const int h = (t[0] - '0') * 10 + (t[1] - '0');
    const int m = (t[3] - '0') * 10 + (t[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return false;
    *minutes = h * 60 + m;
    return true;
}

std::string FormatClockTime(int minutes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
    return buf;
}

std::optional<ReportProblem> CheckIncidentQuery(const IncidentQuery& q) {
    auto problem = [](std::string field, const std::string& message) { return ReportProblem{field, field + ": " + message}; };
    if (q.date.year < 1970 || q.date.year > 2099) return problem("date", FormatCivilDate(q.date) + " is outside 1970-2099");
    if (q.from_min < 0 || q.from_min >= 1440) return problem("from", "not a time of day");
    if (q.to_min <= 0 || q.to_min > 1440) return problem("to", "not a time of day");
    if (q.to_min <= q.from_min) {
        return problem("to", FormatClockTime(q.to_min) + " is not after from (" + FormatClockTime(q.from_min) + ")");
    }
    if (q.weeks < 1 || q.weeks > kMaxIncidentWeeks) {
        return problem("weeks", std::to_string(q.weeks) + " is not 1-" + std::to_string(kMaxIncidentWeeks));
    }
    for (const std::string& k : q.queues) {
        if (k.empty()) return problem("queue", "an empty key");
    }
    return std::nullopt;
}

IncidentSpan IncidentWindow(const TimeZone& zone, const CivilDate& date, int from_min, int to_min, int interval_minutes) {
    const int64_t day = zone.StartOfDate(date);
    const int64_t day_end = zone.StartOfDate(AddDays(date, 1));
    const int64_t len = int64_t{interval_minutes} * 60000;
    const int64_t from = zone.ToUtc(CivilTime{date, from_min / 60, from_min % 60, 0, 0});
    const int64_t to = to_min >= 1440 ? day_end : zone.ToUtc(CivilTime{date, to_min / 60, to_min % 60, 0, 0});
    IncidentSpan s;
    s.from_ms = day + (std::max<int64_t>(0, from - day) / len) * len;
    s.to_ms = std::min(day_end, day + ((std::max<int64_t>(0, to - day) + len - 1) / len) * len);
    if (s.to_ms <= s.from_ms) s.to_ms = std::min(day_end, s.from_ms + len);
    return s;
}

std::vector<CivilDate> IncidentWeeks(const CivilDate& date, int weeks) {
    std::vector<CivilDate> out;
    for (int w = 1; w <= weeks; ++w) out.push_back(AddDays(date, -7 * w));
    return out;
}

IncidentReport BuildIncidentReport(const IncidentQuery& query, const TimeZone& zone, const IncidentSource& source) {
    IncidentReport r;
    r.query = query;
    r.zone = zone.name();
    r.interval_minutes = source.interval_minutes;
    const IncidentSpan span = IncidentWindow(zone, query.date, query.from_min, query.to_min, source.interval_minutes);
    r.from_ms = span.from_ms;
    r.to_ms = span.to_ms;
    r.weeks = IncidentWeeks(query.date, query.weeks);
    r.week_has_data = source.week_has_data;
    r.week_has_data.resize(r.weeks.size(), false);

    // The headline definition: the one queue's when exactly one is chosen, else the center's.
    const std::string key = query.queues.size() == 1 ? query.queues[0] : std::string(kCenterDefinitionKey);
    const DefinitionVersion* def = DefinitionAt(source.definitions, key, span.from_ms);
    r.headline_definition = def ? def->id : 0;
    if (def) {
        r.definitions.push_back(*def);
    } else {
        DefinitionVersion builtin;
        builtin.queue = std::string(kCenterDefinitionKey);
        r.definitions.push_back(builtin);
    }
    const ServiceLevelDef sl = r.definitions.front().sl;

    std::map<int64_t, KpiCounts> by_start;
    for (const auto& [start, counts] : source.rows) by_start[start].Add(counts);
    auto counts_in = [&](int64_t from, int64_t to) {
        KpiCounts c;
        for (auto it = by_start.lower_bound(from); it != by_start.end() && it->first < to; ++it) c.Add(it->second);
        return c;
    };

    const size_t n_figures = IncidentFigures().size();
    const size_t n_weeks = r.weeks.size();
    auto make = [&](int64_t start, int64_t end) {
        IncidentInterval in;
        in.start_ms = start;
        in.end_ms = end;
        const CivilTime local = zone.ToCivil(start);
        in.label = FormatClockTime(local.hour * 60 + local.minute) + " " + OffsetText(zone.OffsetMinutesAt(start));
        const int64_t len = end - start;
        const KpiCounts now = counts_in(start, end);
        // The same local clock times on each compared date.
        std::vector<KpiCounts> weekly(n_weeks);
        KpiCounts pooled;
        int64_t present = 0;
        const CivilTime local_end = zone.ToCivil(end);
        const bool ends_at_midnight = local_end.date != local.date;
        for (size_t w = 0; w < n_weeks; ++w) {
            if (!r.week_has_data[w]) continue;
            const int64_t ws = zone.ToUtc(CivilTime{r.weeks[w], local.hour, local.minute, 0, 0});
            const int64_t we = ends_at_midnight ? zone.StartOfDate(AddDays(r.weeks[w], 1))
                                                : zone.ToUtc(CivilTime{r.weeks[w], local_end.hour, local_end.minute, 0, 0});
            weekly[w] = counts_in(ws, we);
            pooled.Add(weekly[w]);
            ++present;
        }
        for (size_t f = 0; f < n_figures; ++f) {
            IncidentFigure fig;
            fig.now = FigureOf(f, now, sl, len, 1);
            std::vector<double> values;
            double max_sum = 0.0;
            for (size_t w = 0; w < n_weeks; ++w) {
                IncidentValue v = r.week_has_data[w] ? FigureOf(f, weekly[w], sl, len, 1) : IncidentValue{};
                if (v.valid) {
                    values.push_back(v.value);
                    max_sum += v.value;
                }
                fig.weeks.push_back(v);
            }
            if (present > 0) {
                const IncidentFigureKind kind = IncidentFigures()[f].kind;
                if (kind == IncidentFigureKind::Count) {
                    IncidentValue v = FigureOf(f, pooled, sl, len, present);
                    v.denominator = present;
                    v.value = static_cast<double>(v.numerator) / static_cast<double>(present);
                    fig.typical = v;
                } else if (kind == IncidentFigureKind::Max) {
                    if (!values.empty()) {
                        fig.typical.valid = true;
                        fig.typical.value = max_sum / static_cast<double>(values.size());
                        fig.typical.numerator = static_cast<int64_t>(max_sum);
                        fig.typical.denominator = static_cast<int64_t>(values.size());
                    }
                } else {
                    fig.typical = FigureOf(f, pooled, sl, len, present);
                }
            }
            fig.median_valid = !values.empty();
            fig.median = values.empty() ? 0.0 : Median(values);
            in.figures.push_back(std::move(fig));
        }
        return in;
    };
    const int64_t len = int64_t{source.interval_minutes} * 60000;
    for (int64_t t = span.from_ms; t < span.to_ms; t += len) r.intervals.push_back(make(t, std::min(span.to_ms, t + len)));
    r.window = make(span.from_ms, span.to_ms);
    return r;
}

}  // namespace cb
