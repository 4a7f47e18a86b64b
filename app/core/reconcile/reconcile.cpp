// Reconciliation (reconcile.h): names, texts, and the accumulator that counts legs for every tool
// and attributes each difference to its reason.
#include "reconcile.h"

#include <algorithm>

namespace cb {

namespace {

constexpr std::string_view kToolNames[] = {"callboard", "asterisk", "asternic", "wazo"};
constexpr std::string_view kRowNames[] = {"answered",      "abandoned",      "timed_out", "service_level",
                                          "service_level2", "talk",          "wait_answered", "ring_noanswer"};
constexpr std::string_view kReasonNames[] = {
    "answered",  "transfer",   "no_end_line", "abandon",        "short_abandon", "timeout",   "exit_empty",
    "exit_key",  "withdraw",   "exit_other",  "entered_before", "ends_after",    "same_second", "wrap_open",
    "hold",      "ring_noanswer_dropped"};
static_assert(std::size(kToolNames) == size_t(ReconTool::kCount));
static_assert(std::size(kRowNames) == size_t(ReconRow::kCount));
static_assert(std::size(kReasonNames) == size_t(ReconReason::kCount));

constexpr std::string_view kReasonTexts[] = {
    "answered and completed (COMPLETEAGENT / COMPLETECALLER)",
    "ended in a transfer (TRANSFER / BLINDTRANSFER / ATTENDEDTRANSFER)",
    "no end line: still in progress, or answered or waiting when the log ended or Asterisk restarted (Callboard closed it)",
    "abandoned (ABANDON) after the queue's short-abandon threshold",
    "short abandon (ABANDON within the queue's short-abandon threshold)",
    "timed out (EXITWITHTIMEOUT)",
    "left an empty queue (EXITEMPTY)",
    "left with a key (EXITWITHKEY)",
    "withdrawn (WITHDRAW)",
    "another stated exit",
    "entered before the range; the tool counts it at its end or CONNECT line, inside the range (across midnight)",
    "entered in the range; the tool counts it at its end or CONNECT line, after the range",
    "a second entry of one call id in the same second: the tool's pairing loses it",
    "still in wrap-up: Callboard adds its talk once it is handled",
    "hold time: the tool counts it as talk",
    "RINGNOANSWER lines are dropped by the tool's importer",
};
static_assert(std::size(kReasonTexts) == size_t(ReconReason::kCount));

template <typename E, size_t N>
bool ParseName(const std::string_view (&names)[N], std::string_view name, E* out) {
    for (size_t i = 0; i < N; ++i) {
        if (names[i] == name) {
            *out = static_cast<E>(i);
            return true;
        }
    }
    return false;
}

bool InRange(int64_t t, int64_t from, int64_t to) { return t >= from && t < to; }

}  // namespace

std::string_view ReconToolName(ReconTool t) { return size_t(t) < std::size(kToolNames) ? kToolNames[size_t(t)] : ""; }
std::string_view ReconRowName(ReconRow r) { return size_t(r) < std::size(kRowNames) ? kRowNames[size_t(r)] : ""; }
std::string_view ReconReasonName(ReconReason r) {
    return size_t(r) < std::size(kReasonNames) ? kReasonNames[size_t(r)] : "";
}
bool ParseReconTool(std::string_view name, ReconTool* out) { return ParseName(kToolNames, name, out); }
bool ParseReconRow(std::string_view name, ReconRow* out) { return ParseName(kRowNames, name, out); }
bool ParseReconReason(std::string_view name, ReconReason* out) { return ParseName(kReasonNames, name, out); }
std::string_view ReconReasonText(ReconReason r) {
    return size_t(r) < std::size(kReasonTexts) ? kReasonTexts[size_t(r)] : "";
}

std::string_view ReconDefinitionText(ReconRow row, ReconTool tool) {
    using R = ReconRow;
    using T = ReconTool;
    if (!ReconReports(tool, row)) return "not reported by this tool";
    switch (tool) {
    case T::Callboard:
        switch (row) {
        case R::Answered: return "legs answered by an agent, counted on the day they entered the queue";
        case R::Abandoned: return "legs whose caller hung up while waiting (exits are counted apart)";
        case R::TimedOut: return "legs that left on the queue's timeout";
        case R::ServiceLevel:
        case R::ServiceLevel2: return "each queue's own service-level definition (variant, T, short abandons)";
        case R::Talk: return "talk of handled legs (wrap-up ended), hold excluded";
        case R::WaitAnswered: return "queue wait of answered legs";
        case R::RingNoAnswer: return "rings an agent let time out";
        default: break;
        }
        break;
    case T::Asterisk:
        switch (row) {
        case R::Answered: return "callscompleted: answered calls when they end, transfers included";
        case R::Abandoned: return "callsabandoned: ABANDON, EXITWITHTIMEOUT, EXITEMPTY and WITHDRAW";
        case R::ServiceLevel: return "SL = callscompletedinsl / callscompleted (abandons ignored)";
        case R::ServiceLevel2:
            return "SL2 = (callsabandonedinsl + callscompletedinsl) / (callsabandoned + callscompleted)";
        default: break;
        }
        break;
    case T::Asternic:
        switch (row) {
        case R::Answered: return "COMPLETEAGENT / COMPLETECALLER rows; transfers dropped";
        case R::Abandoned: return "ABANDON rows";
        case R::TimedOut: return "EXITWITHTIMEOUT rows (shown as unanswered)";
        case R::ServiceLevel: return "CONNECT rows answered within T / all CONNECT rows, transfers included";
        case R::Talk: return "calltime of COMPLETE rows";
        case R::WaitAnswered: return "holdtime of COMPLETE rows";
        case R::RingNoAnswer: return "RINGNOANSWER lines are dropped: always 0";
        default: break;
        }
        break;
    case T::Wazo:
        switch (row) {
        case R::Answered: return "ENTERQUEUE with an end line (COMPLETE* or a transfer)";
        case R::Abandoned: return "ABANDON paired with its ENTERQUEUE";
        case R::TimedOut: return "EXITWITHTIMEOUT paired with its ENTERQUEUE";
        case R::Talk: return "talk of the end lines, transfers included";
        case R::WaitAnswered: return "wait of the end lines, transfers included";
        default: break;
        }
        break;
    case T::kCount: break;
    }
    return "";
}

ReconUnit ReconRowUnit(ReconRow r) {
    switch (r) {
    case ReconRow::ServiceLevel:
    case ReconRow::ServiceLevel2: return ReconUnit::Ratio;
    case ReconRow::Talk:
    case ReconRow::WaitAnswered: return ReconUnit::Ms;
    default: return ReconUnit::Calls;
    }
}

std::string_view ReconUnitName(ReconUnit u) {
    switch (u) {
    case ReconUnit::Calls: return "calls";
    case ReconUnit::Ms: return "ms";
    case ReconUnit::Ratio: return "ratio";
    }
    return "";
}

bool ReconRangeOf(std::string_view from, std::string_view to, const TimeZone& tz, int64_t* from_ms, int64_t* to_ms,
                  std::string* error) {
    CivilDate first, last;
    if (!ParseCivilDate(from, &first)) {
        *error = "from: '" + std::string(from) + "' is not a date (YYYY-MM-DD)";
        return false;
    }
    if (!ParseCivilDate(to, &last)) {
        *error = "to: '" + std::string(to) + "' is not a date (YYYY-MM-DD)";
        return false;
    }
    if (last < first) {
        *error = "to: " + std::string(to) + " is before from (" + std::string(from) + ")";
        return false;
    }
    const int64_t days = DaysFromCivil(last) - DaysFromCivil(first) + 1;
    if (days > kMaxReconcileDays) {
        *error = "to: " + std::string(from) + " to " + std::string(to) + " is " + std::to_string(days) +
                 " days; at most " + std::to_string(kMaxReconcileDays) + " days at once";
        return false;
    }
    *from_ms = tz.StartOfDate(first);
    *to_ms = tz.StartOfDate(CivilFromDays(DaysFromCivil(last) + 1));
    return true;
}

Ratio ReconCell::ratio() const {
    Ratio r;
    r.numerator = numerator.value;
    r.denominator = denominator.value;
    r.valid = r.denominator > 0;
    r.value = r.valid ? double(r.numerator) / double(r.denominator) : 0.0;
    return r;
}

bool ReconReport::Balanced(std::string* why) const {
    const auto check = [&](const ReconFigure& cb, const ReconFigure& tool, ReconRow row, ReconTool t,
                           std::string_view part) {
        int64_t sum = cb.value;
        for (const ReconDiff& d : tool.diffs) sum += d.delta;
        if (sum == tool.value) return true;
        if (why) {
            *why = std::string(ReconRowName(row)) + " " + std::string(part) + " of " + std::string(ReconToolName(t)) +
                   ": callboard " + std::to_string(cb.value) + " + differences = " + std::to_string(sum) +
                   ", not " + std::to_string(tool.value);
        }
        return false;
    };
    for (const ReconRowResult& r : rows) {
        const ReconCell& cb = r.cells[size_t(ReconTool::Callboard)];
        for (size_t t = 1; t < r.cells.size(); ++t) {
            const ReconCell& c = r.cells[t];
            if (!c.reported) continue;
            const ReconTool tool = static_cast<ReconTool>(t);
            if (ReconRowUnit(r.row) == ReconUnit::Ratio) {
                if (!check(cb.numerator, c.numerator, r.row, tool, "numerator") ||
                    !check(cb.denominator, c.denominator, r.row, tool, "denominator"))
                    return false;
            } else if (!check(cb.value, c.value, r.row, tool, "value")) {
                return false;
            }
        }
    }
    return true;
}

Reconciler::Reconciler(std::vector<ServiceLevelDef> queues, int64_t from_ms, int64_t to_ms)
    : m_queues(std::move(queues)), m_from_ms(from_ms), m_to_ms(to_ms) {}

Reconciler::Acc& Reconciler::At(ReconRow row, ReconPart part, ReconTool tool) {
    return m_acc[size_t(row)][size_t(part)][size_t(tool)];
}

void Reconciler::Count(ReconRow row, ReconPart part, const ReconLeg& leg, const ServiceLevelDef& sl, bool same_second) {
    const int64_t c = CallboardValue(row, part, leg, sl).value;
    const bool in_cb = InRange(leg.leg.home_ms, m_from_ms, m_to_ms);
    if (in_cb) At(row, part, ReconTool::Callboard).value += c;
    for (size_t t = 1; t < size_t(ReconTool::kCount); ++t) {
        const ReconTool tool = static_cast<ReconTool>(t);
        ReconValue p;
        switch (tool) {
        case ReconTool::Asterisk: p = AsteriskValue(row, part, leg, sl); break;
        case ReconTool::Asternic: p = AsternicValue(row, part, leg, sl); break;
        case ReconTool::Wazo: p = WazoValue(row, part, leg, sl, same_second); break;
        default: continue;
        }
        if (!p.reported) continue;
        const bool in_tool = InRange(ReconPlacementMs(tool, row, leg), m_from_ms, m_to_ms);
        Acc& acc = At(row, part, tool);
        if (in_tool) acc.value += p.value;
        // tool - callboard = (p - c) x in_cb  [its rule, on Callboard's legs]
        //                  + p x (in_tool - in_cb)  [the day the tool counts it in]
        const auto add = [&acc](ReconReason reason, int64_t delta) {
            if (delta == 0) return;
            ReconDiff& d = acc.diffs[size_t(reason)];
            d.reason = reason;
            d.delta += delta;
            ++d.calls;
        };
        if (in_cb) add(p.reason, p.value - c);
        if (in_tool != in_cb) add(in_tool ? ReconReason::EnteredBefore : ReconReason::EndsAfter, in_tool ? p.value : -p.value);
    }
}

void Reconciler::Add(const ReconLeg& leg) {
    ++m_legs;
    if (InRange(leg.leg.home_ms, m_from_ms, m_to_ms)) ++m_legs_in_range;
    const ServiceLevelDef sl = leg.leg.queue < m_queues.size() ? m_queues[leg.leg.queue] : ServiceLevelDef{};
    // Wazo pairs entries and ends by call id and time (second precision): the legs of one call
    // that entered in the same second as an earlier one of it are lost.
    const int64_t second = leg.leg.home_ms >= 0 ? leg.leg.home_ms / 1000 : (leg.leg.home_ms - 999) / 1000;
    if (second != m_second) {
        m_second = second;
        m_second_calls.clear();
    }
    const std::pair<uint32_t, uint64_t> id{leg.source, leg.leg.call};
    const bool same_second = leg.leg.call != 0 &&
                             std::find(m_second_calls.begin(), m_second_calls.end(), id) != m_second_calls.end();
    if (leg.leg.call != 0 && !same_second) m_second_calls.push_back(id);

    for (size_t r = 0; r < size_t(ReconRow::kCount); ++r) {
        const ReconRow row = static_cast<ReconRow>(r);
        if (ReconRowUnit(row) == ReconUnit::Ratio) {
            Count(row, ReconPart::Numerator, leg, sl, same_second);
            Count(row, ReconPart::Denominator, leg, sl, same_second);
        } else {
            Count(row, ReconPart::Value, leg, sl, same_second);
        }
    }
}

ReconReport Reconciler::Finish() const {
    ReconReport report;
    report.from_ms = m_from_ms;
    report.to_ms = m_to_ms;
    report.legs = m_legs;
    report.legs_in_range = m_legs_in_range;
    const auto figure = [](const Acc& acc) {
        ReconFigure f;
        f.value = acc.value;
        for (const ReconDiff& d : acc.diffs) {
            if (d.calls > 0) f.diffs.push_back(d);
        }
        return f;
    };
    for (size_t r = 0; r < size_t(ReconRow::kCount); ++r) {
        const ReconRow row = static_cast<ReconRow>(r);
        ReconRowResult& out = report.rows[r];
        out.row = row;
        for (size_t t = 0; t < size_t(ReconTool::kCount); ++t) {
            ReconCell& cell = out.cells[t];
            cell.reported = ReconReports(static_cast<ReconTool>(t), row);
            if (!cell.reported) continue;
            const auto& acc = m_acc[r];
            if (ReconRowUnit(row) == ReconUnit::Ratio) {
                cell.numerator = figure(acc[size_t(ReconPart::Numerator)][t]);
                cell.denominator = figure(acc[size_t(ReconPart::Denominator)][t]);
            } else {
                cell.value = figure(acc[size_t(ReconPart::Value)][t]);
            }
        }
    }
    return report;
}

}  // namespace cb
