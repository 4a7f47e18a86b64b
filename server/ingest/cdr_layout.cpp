// Splitting per-call record lines and finding the mapping's columns (cdr_rows.h).
#include <algorithm>
#include <functional>
#include "server/ingest/cdr_rows.h"
#include "server/ingest/csv_split.h"

namespace cb {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s, bool tabs) {
    auto blank = [&](char c) { return c == ' ' || (tabs && c == '\t'); };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

bool SameNoCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

}  // namespace

bool SplitCdrLine(CdrDelimiter delimiter, std::string_view line, char usual, std::vector<std::string>* fields,
                  bool* irregular) {
    fields->clear();
    *irregular = false;
    if (delimiter == CdrDelimiter::Whitespace) {
        size_t i = 0;
        while (i < line.size() && IsBlank(line[i])) ++i;
        if (i > 0) *irregular = true;
        while (i < line.size()) {
            const size_t begin = i;
            while (i < line.size() && !IsBlank(line[i])) ++i;
            fields->emplace_back(line.substr(begin, i - begin));
            const size_t gap = i;
            while (i < line.size() && IsBlank(line[i])) ++i;
            if (i - gap > 1 || (i > gap && usual != 0 && line[gap] != usual) || (i > gap && i == line.size()))
                *irregular = true;
        }
        return true;
    }
    const char sep = delimiter == CdrDelimiter::Tab         ? '\t'
                     : delimiter == CdrDelimiter::Semicolon ? ';'
                     : delimiter == CdrDelimiter::Pipe      ? '|'
                                                            : ',';
    std::string storage;
    std::vector<std::pair<size_t, size_t>> spans;
    if (!SplitCsv(line, sep, &storage, &spans)) return false;
    for (const auto& [at, n] : spans) fields->emplace_back(Trim(std::string_view(storage).substr(at, n), sep != '\t'));
    return true;
}
namespace {

// Positions of the mapping's columns; find(column) gives the 0-based index or an error.
Result<CdrLayout> Resolve(const CdrMapping& m, CdrLayout layout,
                          const std::function<Result<int>(const CdrColumn&, const std::string&)>& find) {
    auto one = [&](const CdrColumn& c, const std::string& role, int* out) -> Status {
        if (!c.given()) return Status::Ok();
        Result<int> at = find(c, role);
        if (!at.ok()) return at.status();
        *out = at.value();
        layout.min_fields = std::max(layout.min_fields, static_cast<size_t>(*out) + 1);
        return Status::Ok();
    };
    for (const CdrColumn& c : m.call_id) {
        int at = -1;
        if (Status s = one(c, "call_id", &at); !s.ok()) return s;
        layout.call_id.push_back(at);
    }
    const std::pair<const CdrColumn*, std::pair<const char*, int*>> roles[] = {
        {&m.queue, {"queue", &layout.queue}},
        {&m.agent, {"agent", &layout.agent}},
        {&m.outcome, {"outcome", &layout.outcome}},
        {&m.date, {"date", &layout.date}},
        {&m.date_of, {"date_of", &layout.date_of}},
        {&m.queue_entry, {"queue_entry", &layout.queue_entry}},
        {&m.queue_exit, {"queue_exit", &layout.queue_exit}},
        {&m.answer, {"answer", &layout.answer}},
        {&m.end, {"end", &layout.end}}};
    for (const auto& [column, role] : roles) {
        if (Status s = one(*column, role.first, role.second); !s.ok()) return s;
    }
    for (const CdrDurationCheck& d : m.durations) {
        CdrLayout::Duration out;
        if (Status s = one(d.seconds, "durations", &out.seconds); !s.ok()) return s;
        if (Status s = one(d.from, "durations", &out.from); !s.ok()) return s;
        if (Status s = one(d.to, "durations", &out.to); !s.ok()) return s;
        out.seconds_name = d.seconds.Label();
        out.from_name = d.from.Label();
        out.to_name = d.to.Label();
        layout.durations.push_back(std::move(out));
    }
    return layout;
}

}  // namespace

Result<CdrLayout> MakeCdrLayout(const CdrMapping& m, std::string_view header_line) {
    std::vector<std::string> names;
    bool irregular = false;
    if (!SplitCdrLine(m.delimiter, header_line, 0, &names, &irregular))
        return Status::Error("the header row has an unclosed quote");
    CdrLayout layout;
    if (m.delimiter == CdrDelimiter::Whitespace) {
        const size_t gap = header_line.find_first_of(" \t");
        if (gap != std::string_view::npos) layout.usual_separator = header_line[gap];
    }
    if (m.fields > 0 && names.size() != static_cast<size_t>(m.fields)) {
        return Status::Error("the header row has " + std::to_string(names.size()) + " columns, the mapping says " +
                             std::to_string(m.fields));
    }
    layout.fields = names.size();
    layout.names = names;
    return Resolve(m, std::move(layout), [&](const CdrColumn& c, const std::string& role) -> Result<int> {
        int found = -1;
        for (size_t i = 0; i < names.size(); ++i) {
            if (!SameNoCase(names[i], c.name)) continue;
            if (found >= 0) return Status::Error("the header row has the column '" + c.name + "' (" + role + ") twice");
            found = static_cast<int>(i);
        }
        if (found < 0) {
            std::string list;
            for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
            return Status::Error("the header row has no column '" + c.name + "' (" + role + "); its columns: " + list);
        }
        return found;
    });
}

Result<CdrLayout> MakeCdrLayout(const CdrMapping& m) {
    CdrLayout layout;
    layout.fields = m.fields > 0 ? static_cast<size_t>(m.fields) : 0;
    Result<CdrLayout> out = Resolve(m, std::move(layout), [](const CdrColumn& c, const std::string&) -> Result<int> {
        return c.position - 1;
    });
    if (out.ok()) {
        const size_t n = std::max(out.value().fields, out.value().min_fields);
        for (size_t i = 0; i < n; ++i) out.value().names.push_back("column " + std::to_string(i + 1));
    }
    return out;
}
}  // namespace cb
