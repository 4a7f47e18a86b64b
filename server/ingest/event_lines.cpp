#include "server/ingest/event_lines.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include "server/base/event_names.h"
#include "server/ingest/event_time.h"
#include "server/store/store_calls_query.h"

namespace cb {
namespace {

using nlohmann::json;

// One line's fields as text (CSV cells, or JSON values turned to text) before validation.
struct Fields {
    std::vector<std::pair<std::string, std::string>> values;  // name -> text (present only)
    std::vector<std::string> numeric;  // names given as JSON numbers
    const std::string* Get(std::string_view name) const {
        for (const auto& [k, v] : values) {
            if (k == name) return &v;
        }
        return nullptr;
    }
};

constexpr std::string_view kFields[] = {"id",    "time",   "type",    "call",   "queue", "agent",       "reason",
                                        "exit_reason", "outcome", "wait_ms", "ring_ms", "value", "target_queue",
                                        "caller"};

bool KnownField(std::string_view name) {
    for (std::string_view f : kFields) {
        if (f == name) return true;
    }
    return false;
}

bool ParseInt(std::string_view text, int64_t* out) {
    if (text.empty()) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    return ec == std::errc() && end == text.data() + text.size();
}

bool Digits(std::string_view s, size_t at, size_t n, int* out) {
    if (at + n > s.size()) return false;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {  // Howard Hinnant's algorithm
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// Validates the fields of one line into an event.
bool BuildEvent(const Fields& f, int line, ApiEvent* out, std::string* why) {
    for (const auto& [name, value] : f.values) {
        if (!KnownField(name)) {
            *why = "unknown field '" + name + "'";
            return false;
        }
    }
    out->line = line;
    const std::string* id = f.Get("id");
    if (!id || id->empty()) return *why = "id: required (the event's idempotency key)", false;
    if (id->size() > 200) return *why = "id: longer than 200 characters", false;
    out->id = *id;
    const std::string* type = f.Get("type");
    if (!type) return *why = "type: required", false;
    if (!ParseEventKind(*type, &out->event.kind)) return *why = "type: '" + *type + "' is not an event type", false;
    const std::string* time = f.Get("time");
    if (!time) return *why = "time: required", false;
    int64_t t_ms = 0;
    const bool is_number = std::find(f.numeric.begin(), f.numeric.end(), "time") != f.numeric.end();
    if (!(ParseInt(*time, &t_ms) && (is_number || time->find_first_not_of("0123456789") == std::string::npos)) &&
        !ParseRfc3339(*time, &t_ms)) {
        return *why = "time: '" + *time + "' is neither RFC 3339 nor epoch milliseconds", false;
    }
    if (!EventTimeAccepted(t_ms)) return *why = "time: '" + *time + "' is outside " + std::string(kEventTimeRangeText), false;
    out->event.t_ms = t_ms;
    if (const std::string* call = f.Get("call"); call && !call->empty()) out->event.call = ApiCallKey(*call);
    if (const std::string* v = f.Get("queue")) out->queue = *v;
    if (const std::string* v = f.Get("agent")) out->agent = *v;
    if (const std::string* v = f.Get("target_queue")) out->target_queue = *v;
    if (const std::string* v = f.Get("reason"); v && !v->empty()) {
        if (!ParseNotReadyReason(*v, &out->event.reason)) return *why = "reason: '" + *v + "' is not a not-ready reason", false;
    }
    if (const std::string* v = f.Get("exit_reason"); v && !v->empty()) {
        if (!ParseExitReason(*v, &out->event.exit_reason)) return *why = "exit_reason: '" + *v + "' is not an exit reason", false;
    }
    if (const std::string* v = f.Get("outcome"); v && !v->empty()) {
        if (!ParseOutcome(*v, &out->event.outcome)) return *why = "outcome: '" + *v + "' is not an outcome", false;
    }
    for (const char* name : {"wait_ms", "ring_ms"}) {
        const std::string* v = f.Get(name);
        if (!v || v->empty()) continue;
        int64_t ms = 0;
        if (!ParseInt(*v, &ms) || ms < 0 || ms > kMaxStatedDurationMs) {
            return *why = std::string(name) + ": '" + *v + "' is not a whole number of milliseconds 0-" +
                          std::to_string(kMaxStatedDurationMs), false;
        }
        (std::string_view(name) == "wait_ms" ? out->event.wait_ms : out->event.ring_ms) = ms;
    }
    if (const std::string* v = f.Get("value"); v && !v->empty()) {
        char* end = nullptr;
        const double value = std::strtod(v->c_str(), &end);
        if (end != v->c_str() + v->size() || !std::isfinite(value) || value < 0 || value > 1e9) {
            return *why = "value: '" + *v + "' is not an amount 0-1000000000", false;
        }
        out->event.value_cents = std::llround(value * 100.0);
    }
    // What each type needs.
    const EventKind k = out->event.kind;
    const bool membership = k == EventKind::MemberAdded || k == EventKind::MemberRemoved;
    const bool call_kind = k != EventKind::AgentLogin && k != EventKind::AgentLogout && k != EventKind::AgentReady &&
                           k != EventKind::AgentNotReady && k != EventKind::WrapUpEnded && !membership;
    const bool needs_agent = k != EventKind::CallOffered && k != EventKind::CallAbandoned && k != EventKind::CallExited;
    const bool needs_queue =
        k == EventKind::CallOffered || k == EventKind::CallAbandoned || k == EventKind::CallExited || membership;
    if (call_kind && out->event.call == 0) return *why = "call: required for " + *type, false;
    if (const std::string* v = f.Get("caller"); v && !v->empty()) {
        // The number itself is never echoed: answers and logs must not carry it in full.
        if (k != EventKind::CallOffered) return *why = "caller: only for call_offered, not " + *type, false;
        if (!IsCallerNumber(*v)) {
            return *why = "caller: not a phone number (1-32 characters: digits, + - . ( ) and spaces)", false;
        }
        out->caller = *v;
    }
    if (needs_agent && out->agent.empty()) return *why = "agent: required for " + *type, false;
    if (needs_queue && out->queue.empty()) return *why = "queue: required for " + *type, false;
    if (k == EventKind::OutcomeTagged && out->event.outcome == Outcome::None) {
        return *why = "outcome: required for outcome_tagged", false;
    }
    if (k == EventKind::AgentNotReady && out->event.reason == NotReadyReason::None) out->event.reason = NotReadyReason::Other;
    if (k == EventKind::CallExited && out->event.exit_reason == ExitReason::None) out->event.exit_reason = ExitReason::Other;
    return true;
}

bool JsonToFields(const json& object, Fields* f, std::string* why) {
    if (!object.is_object()) return *why = "not a JSON object", false;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const json& v = it.value();
        if (v.is_null()) continue;
        if (v.is_string()) {
            f->values.emplace_back(it.key(), v.get<std::string>());
        } else if (v.is_number_integer()) {
            f->values.emplace_back(it.key(), std::to_string(v.get<int64_t>()));
            f->numeric.push_back(it.key());
        } else if (v.is_number()) {
            f->values.emplace_back(it.key(), v.dump());
            f->numeric.push_back(it.key());
        } else {
            return *why = it.key() + ": must be a string or a number", false;
        }
    }
    return true;
}

void AddJson(const json& object, int line, ApiBatch* batch) {
    Fields f;
    std::string why;
    ApiEvent event;
    if (JsonToFields(object, &f, &why) && BuildEvent(f, line, &event, &why)) batch->events.push_back(std::move(event));
    else batch->rejected.push_back({line, why});
}

// Splits one CSV line (RFC 4180 quoting within the line). False on an unclosed quote.
bool SplitCsv(std::string_view line, std::vector<std::string>* cells) {
    cells->clear();
    std::string cell;
    bool quoted = false, was_quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cell.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell.push_back(c);
            }
        } else if (c == '"' && cell.empty() && !was_quoted) {
            quoted = was_quoted = true;
        } else if (c == ',') {
            cells->push_back(std::move(cell));
            cell.clear();
            was_quoted = false;
        } else {
            cell.push_back(c);
        }
    }
    cells->push_back(std::move(cell));
    return !quoted;
}

template <typename Fn>
void EachLine(std::string_view body, Fn fn) {
    int number = 0;
    size_t start = 0;
    while (start < body.size()) {
        size_t end = body.find('\n', start);
        if (end == std::string_view::npos) end = body.size();
        std::string_view line = body.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        ++number;
        fn(line, number);
        start = end + 1;
    }
}

bool Blank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

}  // namespace

ApiFormat ApiFormatOf(std::string_view content_type) {
    std::string type(content_type.substr(0, content_type.find(';')));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (type == "application/x-ndjson" || type == "application/json" || type == "application/jsonl") {
        return ApiFormat::JsonLines;
    }
    if (type == "text/csv") return ApiFormat::Csv;
    return ApiFormat::Unsupported;
}

ApiBatch ParseApiEvents(std::string_view body, ApiFormat format) {
    ApiBatch batch;
    if (format == ApiFormat::JsonLines) {
        const size_t first = body.find_first_not_of(" \t\r\n");
        if (first != std::string_view::npos && body[first] == '[') {  // one JSON array
            json array = json::parse(body, nullptr, false);
            if (array.is_discarded()) {
                batch.error = "the body starts with '[' but is not a JSON array";
                return batch;
            }
            for (size_t i = 0; i < array.size(); ++i) AddJson(array[i], static_cast<int>(i + 1), &batch);
            return batch;
        }
        EachLine(body, [&](std::string_view line, int number) {
            if (Blank(line)) return;
            json object = json::parse(line, nullptr, false);
            if (object.is_discarded()) batch.rejected.push_back({number, "not valid JSON"});
            else AddJson(object, number, &batch);
        });
        return batch;
    }
    std::vector<std::string> header, cells;
    bool have_header = false;
    EachLine(body, [&](std::string_view line, int number) {
        if (!batch.error.empty() || Blank(line)) return;
        if (!have_header) {
            if (!SplitCsv(line, &header)) {
                batch.error = "line " + std::to_string(number) + ": the header row has an unclosed quote";
                return;
            }
            for (std::string& h : header) {
                while (!h.empty() && h.back() == ' ') h.pop_back();
                if (!KnownField(h)) {
                    batch.error = "line " + std::to_string(number) + ": unknown column '" + h + "'";
                    return;
                }
            }
            have_header = true;
            return;
        }
        if (!SplitCsv(line, &cells)) return batch.rejected.push_back({number, "unclosed quote"});
        if (cells.size() != header.size()) {
            return batch.rejected.push_back({number, std::to_string(cells.size()) + " cells, the header has " +
                                                         std::to_string(header.size())});
        }
        Fields f;
        for (size_t i = 0; i < cells.size(); ++i) {
            if (!cells[i].empty()) f.values.emplace_back(header[i], cells[i]);
        }
        ApiEvent event;
        std::string why;
        if (BuildEvent(f, number, &event, &why)) batch.events.push_back(std::move(event));
        else batch.rejected.push_back({number, why});
    });
    if (!have_header && batch.error.empty()) batch.error = "CSV needs a header row naming the columns";
    return batch;
}

bool ParseRfc3339(std::string_view s, int64_t* ms) {
    int y, mo, d, h, mi, sec;
    if (!Digits(s, 0, 4, &y) || s.size() < 20 || s[4] != '-' || !Digits(s, 5, 2, &mo) || s[7] != '-' ||
        !Digits(s, 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !Digits(s, 11, 2, &h) ||
        s[13] != ':' || !Digits(s, 14, 2, &mi) || s[16] != ':' || !Digits(s, 17, 2, &sec)) {
        return false;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return false;
    size_t i = 19;
    int64_t frac_ms = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        int digits = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            if (digits < 3) frac_ms = frac_ms * 10 + (s[i] - '0');
            ++digits;
            ++i;
        }
        if (digits == 0) return false;
        for (int k = digits; k < 3; ++k) frac_ms *= 10;
    }
    int64_t offset_min = 0;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int oh, om;
        if (!Digits(s, i + 1, 2, &oh) || i + 3 >= s.size() || s[i + 3] != ':' || !Digits(s, i + 4, 2, &om)) return false;
        offset_min = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
        i += 6;
    } else {
        return false;
    }
    if (i != s.size()) return false;
    const int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    *ms = ((days * 86400 + h * 3600 + mi * 60 + std::min(sec, 59)) - offset_min * 60) * 1000 + frac_ms;
    return true;
}

uint64_t ApiCallKey(std::string_view call_id) {
    uint64_t h = 14695981039346656037ULL;  // FNV-1a 64
    for (unsigned char c : call_id) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    h ^= h >> 33;
    return h == 0 ? 1 : h;
}

}  // namespace cb
