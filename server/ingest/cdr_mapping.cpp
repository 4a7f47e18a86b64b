#include "server/ingest/cdr_mapping.h"

#include <nlohmann/json.hpp>
#include "server/base/time_zone.h"
#include "server/ingest/cdr_time.h"

namespace cb {
namespace {

using nlohmann::json;

// The "Anonymous Bank" files (Israel, 1999): 17 fields split by whitespace (a few rows have a
// space after a tab), a header row, dates YYMMDD, times H:MM:SS with 0:00:00 for "did not
// happen", NO_SERVER for no agent, PHANTOM calls to ignore (documentation.pdf; docs/datasets.md).
constexpr std::string_view kAnonymousBankJson = R"json({
  "delimiter": "whitespace",
  "header": true,
  "fields": 17,
  "columns": {
    "call_id": ["vru+line", "call_id"],
    "queue": "type",
    "agent": "server",
    "outcome": "outcome",
    "date": "date",
    "date_of": "vru_entry",
    "queue_entry": "q_start",
    "queue_exit": "q_exit",
    "answer": "ser_start",
    "end": "ser_exit"
  },
  "date_format": "%y%m%d",
  "time_format": "%H:%M:%S",
  "time_zone": "Asia/Jerusalem",
  "absent_times": ["0:00:00", "00:00:00"],
  "no_agent": ["NO_SERVER"],
  "outcomes": {"AGENT": "answered", "HANG": "abandoned", "PHANTOM": "ignore"},
  "queues": ["PS", "PE", "IN", "NE", "NW", "TT"],
  "durations": [
    {"seconds": "vru_time", "from": "vru_entry", "to": "vru_exit"},
    {"seconds": "q_time", "from": "q_start", "to": "q_exit"},
    {"seconds": "ser_time", "from": "ser_start", "to": "ser_exit"}
  ]
}
)json";

class Checker {
public:
    explicit Checker(std::string where) : m_where(std::move(where)) {}
    bool failed() const { return !m_error.empty(); }
    const std::string& error() const { return m_error; }
    void Fail(const std::string& path, const std::string& what) {
        if (m_error.empty()) m_error = m_where + ": " + path + ": " + what;
    }
    void OnlyKeys(const json& object, const std::string& path, std::initializer_list<const char*> keys) {
        for (auto it = object.begin(); it != object.end(); ++it) {
            bool known = false;
            for (const char* k : keys) known = known || it.key() == k;
            if (!known) Fail(path.empty() ? it.key() : path + "." + it.key(), "unknown setting");
        }
    }
    // A non-empty string, if present.
    bool String(const json& object, const char* key, std::string* out) {
        if (!object.contains(key)) return false;
        if (!object[key].is_string() || object[key].get<std::string>().empty()) {
            Fail(key, "must be a non-empty string");
            return false;
        }
        *out = object[key].get<std::string>();
        return true;
    }
    void Strings(const json& object, const char* key, std::vector<std::string>* out) {
        if (!object.contains(key)) return;
        const json& list = object[key];
        if (!list.is_array()) return Fail(key, "must be a list of strings");
        for (size_t i = 0; i < list.size(); ++i) {
            if (!list[i].is_string()) return Fail(std::string(key) + "[" + std::to_string(i) + "]", "must be a string");
            out->push_back(list[i].get<std::string>());
        }
    }
    // A header name (string) or a 1-based position (whole number), as the header setting says.
    CdrColumn Column(const json& v, const std::string& path, bool header) {
        CdrColumn c;
        if (v.is_string() && !v.get<std::string>().empty()) {
            if (!header) Fail(path, "names a column, but the files have no header row (\"header\": false): give its number");
            c.name = v.get<std::string>();
        } else if (v.is_number_integer() && v.get<int64_t>() >= 1 && v.get<int64_t>() <= 1000) {
            if (header) Fail(path, "gives a column number, but the files have a header row: give its name");
            c.position = static_cast<int>(v.get<int64_t>());
        } else {
            Fail(path, header ? "must be a column name from the header row" : "must be a column number 1-1000");
        }
        return c;
    }

private:
    std::string m_where;
    std::string m_error;
};

void ReadColumns(Checker& c, const json& columns, bool header, CdrMapping* m) {
    if (!columns.is_object()) return c.Fail("columns", "must be an object");
    c.OnlyKeys(columns, "columns", {"call_id", "queue", "agent", "outcome", "date", "date_of", "queue_entry",
                                    "queue_exit", "answer", "end"});
    if (columns.contains("call_id")) {
        const json& id = columns["call_id"];
        if (id.is_array()) {
            if (id.empty()) c.Fail("columns.call_id", "must name at least one column");
            for (size_t i = 0; i < id.size(); ++i)
                m->call_id.push_back(c.Column(id[i], "columns.call_id[" + std::to_string(i) + "]", header));
        } else {
            m->call_id.push_back(c.Column(id, "columns.call_id", header));
        }
    }
    const std::pair<const char*, CdrColumn*> single[] = {
        {"queue", &m->queue},           {"agent", &m->agent},           {"outcome", &m->outcome},
        {"date", &m->date},             {"date_of", &m->date_of},       {"queue_entry", &m->queue_entry},
        {"queue_exit", &m->queue_exit}, {"answer", &m->answer},         {"end", &m->end}};
    for (const auto& [key, column] : single) {
        if (columns.contains(key)) *column = c.Column(columns[key], std::string("columns.") + key, header);
    }
    for (const char* required : {"queue", "agent", "answer", "end"}) {
        if (!columns.contains(required)) c.Fail(std::string("columns.") + required, "is required");
    }
}

void ReadDurations(Checker& c, const json& list, bool header, CdrMapping* m) {
    if (!list.is_array()) return c.Fail("durations", "must be a list");
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string path = "durations[" + std::to_string(i) + "]";
        const json& d = list[i];
        if (!d.is_object()) {
            c.Fail(path, "must be an object with seconds, from and to");
            continue;
        }
        c.OnlyKeys(d, path, {"seconds", "from", "to"});
        CdrDurationCheck check;
        for (const char* key : {"seconds", "from", "to"}) {
            if (!d.contains(key)) {
                c.Fail(path + "." + key, "is required");
                continue;
            }
            CdrColumn col = c.Column(d[key], path + "." + key, header);
            if (std::string_view(key) == "seconds") check.seconds = col;
            else if (std::string_view(key) == "from") check.from = col;
            else check.to = col;
        }
        m->durations.push_back(std::move(check));
    }
}

void CheckFormats(Checker& c, const CdrMapping& m) {
    std::string error;
    CdrTimeFormat time, date;
    if (!CdrTimeFormat::Compile(m.time_format, &time, &error)) return c.Fail("time_format", error);
    if (m.date.given()) {
        if (!CdrTimeFormat::Compile(m.date_format, &date, &error)) return c.Fail("date_format", error);
        if (!date.has_date() || date.has_any_time_part())
            return c.Fail("date_format", "'" + m.date_format + "' must give a year, month and day and no time");
        if (!time.has_time() || time.has_any_date_part())
            return c.Fail("time_format", "'" + m.time_format + "' must give hours and minutes and no date (the date is in columns.date)");
    } else if (!time.has_date() || !time.has_time()) {
        c.Fail("time_format", "'" + m.time_format + "' must give a full date and time (or map columns.date)");
    }
}

}  // namespace

std::string_view CdrDelimiterName(CdrDelimiter d) {
    switch (d) {
    case CdrDelimiter::Tab: return "tab";
    case CdrDelimiter::Comma: return "comma";
    case CdrDelimiter::Semicolon: return "semicolon";
    case CdrDelimiter::Pipe: return "pipe";
    case CdrDelimiter::Whitespace: return "whitespace";
    }
    return "comma";
}

std::string_view CdrOutcomeName(CdrOutcome o) {
    switch (o) {
    case CdrOutcome::Answered: return "answered";
    case CdrOutcome::Abandoned: return "abandoned";
    case CdrOutcome::Ignore: return "ignore";
    }
    return "ignore";
}

std::string CdrColumn::Label() const { return name.empty() ? "column " + std::to_string(position) : name; }

std::vector<const CdrColumn*> CdrMapping::Columns() const {
    std::vector<const CdrColumn*> out;
    for (const CdrColumn& c : call_id) out.push_back(&c);
    for (const CdrColumn* c : {&queue, &agent, &outcome, &date, &date_of, &queue_entry, &queue_exit, &answer, &end})
        if (c->given()) out.push_back(c);
    for (const CdrDurationCheck& d : durations)
        for (const CdrColumn* c : {&d.seconds, &d.from, &d.to}) out.push_back(c);
    return out;
}

Result<CdrMapping> ParseCdrMapping(std::string_view json_text, const std::string& where) {
    json root;
    try {
        root = json::parse(json_text);
    } catch (const json::parse_error& e) {
        return Status::Error(where + ": not valid JSON (" + std::string(e.what()) + ")");
    }
    if (!root.is_object()) return Status::Error(where + ": must be a JSON object");
    Checker c(where);
    c.OnlyKeys(root, "", {"delimiter", "header", "fields", "columns", "date_format", "time_format", "time_zone",
                          "absent_times", "no_agent", "outcomes", "queues", "durations"});
    CdrMapping m;
    m.name = where;
    std::string text;
    if (c.String(root, "delimiter", &text)) {
        bool known = false;
        for (CdrDelimiter d : {CdrDelimiter::Tab, CdrDelimiter::Comma, CdrDelimiter::Semicolon, CdrDelimiter::Pipe,
                               CdrDelimiter::Whitespace}) {
            if (text == CdrDelimiterName(d)) {
                m.delimiter = d;
                known = true;
            }
        }
        if (!known) c.Fail("delimiter", "'" + text + "' is not tab, comma, semicolon, pipe or whitespace");
    }
    if (root.contains("header")) {
        if (!root["header"].is_boolean()) c.Fail("header", "must be true or false");
        else m.header = root["header"].get<bool>();
    }
    if (root.contains("fields")) {
        const json& f = root["fields"];
        if (!f.is_number_integer() || f.get<int64_t>() < 1 || f.get<int64_t>() > 1000) c.Fail("fields", "must be a whole number 1-1000");
        else m.fields = static_cast<int>(f.get<int64_t>());
    }
    if (!root.contains("columns")) c.Fail("columns", "is required");
    else ReadColumns(c, root["columns"], m.header, &m);
    c.String(root, "date_format", &m.date_format);
    c.String(root, "time_format", &m.time_format);
    if (c.String(root, "time_zone", &m.time_zone) && !IsTimeZoneName(m.time_zone))
        c.Fail("time_zone", "'" + m.time_zone + "' is not an IANA time zone name (like Europe/Berlin)");
    c.Strings(root, "absent_times", &m.absent_times);
    c.Strings(root, "no_agent", &m.no_agent);
    c.Strings(root, "queues", &m.queues);
    if (root.contains("outcomes")) {
        const json& outcomes = root["outcomes"];
        if (!outcomes.is_object()) c.Fail("outcomes", "must be an object: outcome value -> answered, abandoned or ignore");
        for (auto it = outcomes.begin(); outcomes.is_object() && it != outcomes.end(); ++it) {
            const std::string path = "outcomes." + it.key();
            const std::string meaning = it.value().is_string() ? it.value().get<std::string>() : "";
            CdrOutcome o = CdrOutcome::Ignore;
            if (meaning == "answered") o = CdrOutcome::Answered;
            else if (meaning == "abandoned") o = CdrOutcome::Abandoned;
            else if (meaning != "ignore") c.Fail(path, "must be answered, abandoned or ignore");
            m.outcomes.emplace_back(it.key(), o);
        }
    }
    if (m.outcome.given() && m.outcomes.empty())
        c.Fail("outcomes", "is required with columns.outcome: say what each outcome value means");
    if (root.contains("durations")) ReadDurations(c, root["durations"], m.header, &m);
    if (!m.header && m.fields > 0) {
        for (const CdrColumn* col : m.Columns())
            if (col->position > m.fields) c.Fail("fields", "is " + std::to_string(m.fields) + ", but " + col->Label() + " is used");
    }
    if (!c.failed()) CheckFormats(c, m);
    if (c.failed()) return Status::Error(c.error());
    return m;
}

std::vector<std::string> CdrFormatNames() { return {"anonymous_bank"}; }

std::string_view BuiltInCdrMappingJson(std::string_view format) {
    if (format == "anonymous_bank") return kAnonymousBankJson;
    return {};
}

Result<CdrMapping> BuiltInCdrMapping(std::string_view format) {
    const std::string_view text = BuiltInCdrMappingJson(format);
    if (text.empty()) return Status::Error("unknown format '" + std::string(format) + "' (known: anonymous_bank)");
    Result<CdrMapping> m = ParseCdrMapping(text, std::string(format));
    if (m.ok()) m.value().name = std::string(format);
    return m;
}

}  // namespace cb
