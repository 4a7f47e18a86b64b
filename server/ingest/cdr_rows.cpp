#include "server/ingest/cdr_rows.h"

#include <algorithm>
#include <charconv>
#include "server/ingest/event_time.h"

namespace cb {
namespace {

constexpr int64_t kHalfDayMs = 12 * 3600 * 1000;

bool Contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}
std::string Seconds(int64_t ms) {
    std::string s = std::to_string(ms / 1000);
    if (ms % 1000 != 0) {
        s.push_back('.');
        s += std::to_string(std::abs(ms % 1000) + 1000).substr(1);
    }
    return s + " s";
}
CdrRow Reject(CdrRow row, std::string reason, std::string detail) {
    row.kind = CdrRowKind::Rejected;
    row.reason = std::move(reason);
    row.detail = std::move(detail);
    row.notes.clear();
    return row;
}
}  // namespace

std::string_view CdrRowKindName(CdrRowKind kind) {
    switch (kind) {
    case CdrRowKind::Answered: return "answered";
    case CdrRowKind::AnsweredDirect: return "answered_without_queue";
    case CdrRowKind::Abandoned: return "abandoned";
    case CdrRowKind::BeforeQueue: return "hung_up_before_queue";
    case CdrRowKind::Ignored: return "ignored";
    case CdrRowKind::Rejected: return "rejected";
    }
    return "rejected";
}

CdrRowReader::CdrRowReader(const CdrMapping& mapping, TimeZone zone) : m_mapping(mapping), m_zone(std::move(zone)) {
    std::string error;
    CdrTimeFormat::Compile(m_mapping.time_format, &m_time, &error);
    if (m_mapping.date.given()) CdrTimeFormat::Compile(m_mapping.date_format, &m_date, &error);
}

namespace {

// The time columns of one row: their text, whether they are given, and their instants.
struct RowTimes {
    struct Slot {
        int column = -1;
        std::string_view text;
        bool present = false;
        CivilTime local;
        int64_t utc_ms = -1;
    };
    std::vector<Slot> slots;
    Slot* Find(int column) {
        for (Slot& s : slots)
            if (s.column == column) return &s;
        return nullptr;
    }
    int64_t At(int column) {
        Slot* s = column >= 0 ? Find(column) : nullptr;
        return s != nullptr && s->present ? s->utc_ms : -1;
    }
};

int64_t TimeOfDayMs(const CivilTime& t) { return ((int64_t{t.hour} * 60 + t.minute) * 60 + t.second) * 1000 + t.ms; }

}  // namespace

CdrRow CdrRowReader::Read(std::string_view line, const CdrLayout& layout) const {
    CdrRow row;
    std::vector<std::string> f;
    bool irregular = false;
    if (!SplitCdrLine(m_mapping.delimiter, line, layout.usual_separator, &f, &irregular))
        return Reject(std::move(row), "fields", "unclosed quote");
    if (layout.fields > 0 && f.size() != layout.fields) {
        return Reject(std::move(row), "fields", std::to_string(layout.fields) + " fields expected, " +
                                                    std::to_string(f.size()) + " found");
    }
    if (f.size() < layout.min_fields) {
        return Reject(std::move(row), "fields", std::string("at least ") += std::to_string(layout.min_fields) + " fields expected, " +
                                                    std::to_string(f.size()) + " found");
    }
    auto name = [&](int column) { return column >= 0 && static_cast<size_t>(column) < layout.names.size() ? layout.names[static_cast<size_t>(column)] : std::string("?"); };
    row.queue = f[static_cast<size_t>(layout.queue)];
    if (irregular) row.notes.push_back({"irregular_separators", std::string("fields not separated by single ") += (layout.usual_separator == '\t' ? "tabs" : "separators")});
    if (row.queue.empty()) return Reject(std::move(row), "missing_queue", name(layout.queue) + " is empty");
    if (!m_mapping.queues.empty() && !Contains(m_mapping.queues, row.queue))
        row.notes.push_back({"unlisted_queue", "queue '" + row.queue + "' is not one of the mapping's queues"});

    // What the row says happened. Without an outcome column: an answer time means answered.
    bool has_outcome = layout.outcome >= 0;
    CdrOutcome outcome = CdrOutcome::Ignore;
    if (has_outcome) {
        row.outcome = f[static_cast<size_t>(layout.outcome)];
        bool known = false;
        for (const auto& [value, meaning] : m_mapping.outcomes) {
            if (value == row.outcome) {
                outcome = meaning;
                known = true;
                break;
            }
        }
        if (!known) return Reject(std::move(row), "unknown_outcome", name(layout.outcome) + " '" + row.outcome + "' is not in the mapping's outcomes");
        if (outcome == CdrOutcome::Ignore) {
            row.kind = CdrRowKind::Ignored;
            return row;
        }
    }
    for (size_t i = 0; i < layout.call_id.size(); ++i) {
        const std::string& part = f[static_cast<size_t>(layout.call_id[i])];
        if (part.empty()) return Reject(std::move(row), "missing_call_id", name(layout.call_id[i]) + " is empty");
        row.call_id += (i > 0 ? "/" : "") + part;
    }
    if (layout.agent >= 0) row.agent = f[static_cast<size_t>(layout.agent)];

    // Time columns and the pairs they form: a value meaning "did not happen" (0:00:00) is a real
    // time (midnight) when the other time of one of its pairs is given.
    RowTimes times;
    std::vector<std::pair<int, int>> pairs = {{layout.queue_entry, layout.queue_exit}, {layout.answer, layout.end}};
    for (const CdrLayout::Duration& d : layout.durations) pairs.emplace_back(d.from, d.to);
    auto add_slot = [&](int column) {
        if (column < 0 || times.Find(column) != nullptr) return;
        RowTimes::Slot slot;
        slot.column = column;
        slot.text = f[static_cast<size_t>(column)];
        times.slots.push_back(slot);
    };
    for (int column : {layout.date_of, layout.queue_entry, layout.queue_exit, layout.answer, layout.end}) add_slot(column);
    for (const CdrLayout::Duration& d : layout.durations) {
        add_slot(d.from);
        add_slot(d.to);
    }
    auto marked = [&](std::string_view text) { return text.empty() || Contains(m_mapping.absent_times, text); };
    for (RowTimes::Slot& slot : times.slots) {
        if (slot.text.empty()) continue;
        if (!marked(slot.text)) {
            slot.present = true;
            continue;
        }
        for (const auto& [a, b] : pairs) {
            const int other = slot.column == a ? b : slot.column == b ? a : -1;
            if (other < 0 || other == slot.column) continue;
            const std::string_view other_text = f[static_cast<size_t>(other)];
            if (!marked(other_text)) slot.present = true;
        }
    }
    CivilDate date;
    if (layout.date >= 0) {
        const std::string& text = f[static_cast<size_t>(layout.date)];
        CivilTime parsed;
        if (!m_date.Parse(text, &parsed))
            return Reject(std::move(row), "bad_date", name(layout.date) + " '" + text + "' is not a date in " + m_mapping.date_format);
        date = parsed.date;
    }
    for (RowTimes::Slot& slot : times.slots) {
        if (!slot.present) continue;
        slot.local.date = date;
        if (!m_time.Parse(slot.text, &slot.local)) {
            return Reject(std::move(row), "bad_time", name(slot.column) + " '" + std::string(slot.text) + "' is not a time in " +
                                                          m_mapping.time_format);
        }
    }
    // The row's date belongs to its first time (date_of); a time-of-day more than 12 h before it
    // is on the next day (a call across midnight). The anchor's instant is the earliest showing
    // its local time; every other time takes the first instant at or after it (the hour repeated
    // when daylight saving time ends).
    RowTimes::Slot* anchor = nullptr;
    for (int column : {layout.date_of, layout.queue_entry, layout.answer}) {
        RowTimes::Slot* s = column >= 0 ? times.Find(column) : nullptr;
        if (anchor == nullptr && s != nullptr && s->present) anchor = s;
    }
    for (RowTimes::Slot& slot : times.slots) {
        if (anchor == nullptr && slot.present) anchor = &slot;
    }
    if (anchor != nullptr) {
        for (RowTimes::Slot* slot : {anchor}) {
            const std::vector<int64_t> at = LocalInstants(m_zone, slot->local);
            if (at.empty()) {
                return Reject(std::move(row), "nonexistent_time", name(slot->column) + " " + FormatCivilTime(slot->local) +
                                                                       " does not exist in " + m_zone.name() + " (clocks moved forward)");
            }
            slot->utc_ms = at.front();
        }
        for (RowTimes::Slot& slot : times.slots) {
            if (!slot.present || &slot == anchor) continue;
            if (layout.date >= 0 && TimeOfDayMs(slot.local) < TimeOfDayMs(anchor->local) - kHalfDayMs)
                slot.local.date = CivilFromDays(DaysFromCivil(slot.local.date) + 1);
            const std::vector<int64_t> at = LocalInstants(m_zone, slot.local);
            if (at.empty()) {
                return Reject(std::move(row), "nonexistent_time", name(slot.column) + " " + FormatCivilTime(slot.local) +
                                                                       " does not exist in " + m_zone.name() + " (clocks moved forward)");
            }
            slot.utc_ms = at.back();
            for (int64_t t : at) {
                if (t >= anchor->utc_ms) {
                    slot.utc_ms = t;
                    break;
                }
            }
        }
        for (const RowTimes::Slot& slot : times.slots) {
            if (slot.present && !EventTimeAccepted(slot.utc_ms)) {
                return Reject(std::move(row), "out_of_range", name(slot.column) + " " + FormatCivilTime(slot.local) + " is outside " +
                                                                   std::string(kEventTimeRangeText));
            }
        }
    }
    row.entry_ms = times.At(layout.queue_entry);
    row.exit_ms = times.At(layout.queue_exit);
    row.answer_ms = times.At(layout.answer);
    row.end_ms = times.At(layout.end);

    // Stated durations must agree with their times. A negative one between columns no event
    // uses (the bank's time in the IVR) is kept with a note; between event times the order
    // checks below refuse the row.
    for (const CdrLayout::Duration& d : layout.durations) {
        const std::string& text = f[static_cast<size_t>(d.seconds)];
        const int64_t from = times.At(d.from), to = times.At(d.to);
        if (text.empty() || from < 0 || to < 0) continue;
        int64_t stated = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), stated);
        if (ec != std::errc() || end != text.data() + text.size())
            return Reject(std::move(row), "bad_duration", d.seconds_name + " '" + text + "' is not a whole number of seconds");
        if (stated * 1000 != to - from) {
            return Reject(std::move(row), "duration_mismatch", d.seconds_name + " says " + text + " s, " + d.to_name + " - " +
                                                                    d.from_name + " is " + Seconds(to - from));
        }
        const bool used = d.from == layout.queue_entry || d.from == layout.queue_exit || d.from == layout.answer ||
                          d.from == layout.end || d.to == layout.queue_entry || d.to == layout.queue_exit ||
                          d.to == layout.answer || d.to == layout.end;
        if (stated < 0 && !used) {
            row.notes.push_back({"negative_duration", d.seconds_name + " is " + text + " s (" + d.to_name + " before " + d.from_name + ")"});
        }
    }

    if (!has_outcome) outcome = row.answer_ms >= 0 ? CdrOutcome::Answered : CdrOutcome::Abandoned;
    const bool served = row.answer_ms >= 0 || row.end_ms >= 0;
    if (outcome == CdrOutcome::Answered) {
        if (row.agent.empty() || Contains(m_mapping.no_agent, row.agent)) {
            return Reject(std::move(row), "answered_without_agent",
                          std::string("answered, but ") += name(layout.agent) + " is '" + row.agent + "'");
        }
        if (row.answer_ms < 0 || row.end_ms < 0) {
            return Reject(std::move(row), "answered_without_service", std::string("answered, but ") += name(layout.answer) + " and " +
                                                                           name(layout.end) + " do not both give a time");
        }
        if (row.end_ms < row.answer_ms) {
            return Reject(std::move(row), "service_end_before_start", name(layout.end) + " is " +
                                                                           Seconds(row.answer_ms - row.end_ms) + " before " + name(layout.answer));
        }
        if (row.entry_ms >= 0 && row.answer_ms < row.entry_ms) {
            return Reject(std::move(row), "answer_before_queue_entry", name(layout.answer) + " is " +
                                                                            Seconds(row.entry_ms - row.answer_ms) + " before " + name(layout.queue_entry));
        }
        if (row.end_ms == row.answer_ms) row.notes.push_back({"zero_service_time", "served for 0 s"});
        row.kind = row.entry_ms >= 0 ? CdrRowKind::Answered : CdrRowKind::AnsweredDirect;
        return row;
    }
    // Abandoned: in the queue when it has a queue entry, else before reaching one.
    if (served) {
        row.notes.push_back({"abandoned_with_service", std::string("hung up, yet ") += name(layout.answer) + "/" + name(layout.end) +
                                                           " give a service" + (row.agent.empty() || Contains(m_mapping.no_agent, row.agent) ? "" : " by " + row.agent) +
                                                           "; the service is not stored"});
    }
    if (row.entry_ms < 0) {
        row.kind = CdrRowKind::BeforeQueue;
        return row;
    }
    if (row.exit_ms < 0) {
        return Reject(std::move(row), "abandoned_without_queue_exit",
                      layout.queue_exit < 0 ? std::string("hung up in the queue, but the mapping has no columns.queue_exit")
                                            : std::string("hung up in the queue, but ") += name(layout.queue_exit) + " gives no time");
    }
    if (row.exit_ms < row.entry_ms) {
        return Reject(std::move(row), "queue_exit_before_entry", name(layout.queue_exit) + " is " +
                                                                     Seconds(row.entry_ms - row.exit_ms) + " before " + name(layout.queue_entry));
    }
    row.kind = CdrRowKind::Abandoned;
    return row;
}

}  // namespace cb
