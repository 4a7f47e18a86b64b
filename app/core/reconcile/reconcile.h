// Reconciliation with the tools centers migrate from (docs/reconciliation.md): the same stored
// call legs counted as Callboard counts them (counting.h, each queue's own service level) and as
// Asterisk's `queue show`, Asternic Call Center Stats and Wazo's statistics count them, side by
// side, with every difference explained by a counted reason. Callboard's figure plus the deltas
// of its listed reasons equals the tool's figure, exactly, for every cell: each leg's difference
// is attributed to one rule reason and, when the tool places the leg in another day, one
// placement reason (the two add up to the leg's difference by construction).
//
// Pure: legs in, a report out; no SQL, clocks or I/O. Legs are fed one at a time in order of
// queue entry (the store's entry-time index), so a quarter of a large center needs no more memory
// than one second's legs.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "core/counting.h"
#include "core/kpi.h"
#include "core/tz.h"

namespace cb {

// The columns: Callboard itself, then the tools it is compared with.
enum class ReconTool : uint8_t { Callboard, Asterisk, Asternic, Wazo, kCount };
// The rows. ServiceLevel and ServiceLevel2 are ratios (numerator and denominator reconciled
// separately); Talk and WaitAnswered are durations in ms; the rest are call counts.
enum class ReconRow : uint8_t { Answered, Abandoned, TimedOut, ServiceLevel, ServiceLevel2, Talk, WaitAnswered,
                                RingNoAnswer, kCount };
// Why a leg counts differently in a tool than in Callboard. The first group names the leg's
// kind (what its end line was); the rest name a property of the leg or of the tool's placement.
enum class ReconReason : uint8_t {
    Answered,             // a call answered and completed (COMPLETEAGENT / COMPLETECALLER)
    Transfer,             // ended in a transfer (TRANSFER / BLINDTRANSFER / ATTENDEDTRANSFER)
    NoEndLine,            // answered or waiting, its end not written (in progress, log ended, Asterisk restarted)
    Abandon,              // ABANDON after the queue's short-abandon threshold
    ShortAbandon,         // ABANDON within the queue's short-abandon threshold
    Timeout,              // EXITWITHTIMEOUT
    ExitEmpty,            // EXITEMPTY
    ExitKey,              // EXITWITHKEY
    Withdraw,             // WITHDRAW
    ExitOther,            // another stated exit (event API)
    EnteredBefore,        // entered before the range; the tool counts it at its end (or CONNECT) line,
                          // which is in the range (a call across midnight)
    EndsAfter,            // entered in the range; the tool counts it at its end (or CONNECT) line, which
                          // is after the range (or was never written)
    SameSecond,           // Wazo pairs entries and ends by call id and time: a second entry of one call
                          // id in the same second is lost
    WrapOpen,             // still in wrap-up: Callboard adds talk once the leg is handled
    Hold,                 // hold time, which the tool counts as talk
    RingNoAnswerDropped,  // the tool's importer drops RINGNOANSWER lines
    kCount
};

std::string_view ReconToolName(ReconTool t);      // "callboard", "asterisk", "asternic", "wazo"
std::string_view ReconRowName(ReconRow r);        // "answered", "abandoned", "timed_out", "service_level", ...
std::string_view ReconReasonName(ReconReason r);  // "answered", "transfer", "no_end_line", ...
bool ParseReconTool(std::string_view name, ReconTool* out);
bool ParseReconRow(std::string_view name, ReconRow* out);
bool ParseReconReason(std::string_view name, ReconReason* out);
// One English sentence per reason and per (row, tool) definition, for the command line and the
// documentation (the UI has its own translations in both languages).
std::string_view ReconReasonText(ReconReason r);
std::string_view ReconDefinitionText(ReconRow row, ReconTool tool);

enum class ReconUnit : uint8_t { Calls, Ms, Ratio };
ReconUnit ReconRowUnit(ReconRow r);
std::string_view ReconUnitName(ReconUnit u);     // "calls", "ms", "ratio"

// The longest range reconciled at once, in local days: a quarter.
inline constexpr int kMaxReconcileDays = 92;
// A leg that ended in the range is found when it entered at most this long before the range
// (the tools that count a call at its end need the legs that entered the day before).
inline constexpr int64_t kReconcileLookbackMs = 86400000;

// The range of local dates from..to (YYYY-MM-DD, both included) in the center's zone: [*from_ms,
// *to_ms) from the first date's midnight to the midnight after the last (23 h and 25 h days
// included). False, with what and where in *error, for a malformed date, to before from, or more
// than kMaxReconcileDays days.
bool ReconRangeOf(std::string_view from, std::string_view to, const TimeZone& tz, int64_t* from_ms, int64_t* to_ms,
                  std::string* error);

// One stored leg as reconciliation reads it (the store's calls row, server/store).
struct ReconLeg {
    CallLeg leg;            // queue = index into the queues given to the Reconciler
    uint32_t source = 0;    // the events' source, as a small number (legs of one call share it)
    bool end_line = true;   // its end was written by the source (false: Callboard closed it, no end line)
};

// What kind of leg it is for the tools: its end as written.
ReconReason LegKindOf(const ReconLeg& leg, const ServiceLevelDef& sl);

// A tool's count of one leg, before placing it in a day, and the reason it may differ from
// Callboard's (the reason is used only when the values differ). One function per tool owns that
// tool's rules (reconcile_peers.cpp); Callboard's own values come from LegQueueCounts.
struct ReconValue {
    bool reported = true;   // the tool has this figure
    int64_t value = 0;
    ReconReason reason = ReconReason::Answered;
};
enum class ReconPart : uint8_t { Value, Numerator, Denominator };
// A tool that does not have a row answers reported = false for every leg (ReconReports).
// wazo_same_second: another entry of the same call id in the same second came before this one.
ReconValue CallboardValue(ReconRow row, ReconPart part, const ReconLeg& leg, const ServiceLevelDef& sl);
ReconValue AsteriskValue(ReconRow row, ReconPart part, const ReconLeg& leg, const ServiceLevelDef& sl);
ReconValue AsternicValue(ReconRow row, ReconPart part, const ReconLeg& leg, const ServiceLevelDef& sl);
ReconValue WazoValue(ReconRow row, ReconPart part, const ReconLeg& leg, const ServiceLevelDef& sl,
                     bool wazo_same_second);
bool ReconReports(ReconTool tool, ReconRow row);
// When a tool counts the leg for a row (its day): entry for Callboard and Wazo, the end line for
// Asterisk's counters and Asternic, the CONNECT line for Asternic's service level. -1: never.
int64_t ReconPlacementMs(ReconTool tool, ReconRow row, const ReconLeg& leg);

// ---- The report --------------------------------------------------------------------------------

struct ReconDiff {
    ReconReason reason = ReconReason::Answered;
    int64_t delta = 0;      // added to Callboard's figure (calls or ms)
    int64_t calls = 0;      // legs behind it
    bool operator==(const ReconDiff&) const = default;
};
// One figure: a value and, for a tool, its differences from Callboard's, ordered by reason.
struct ReconFigure {
    int64_t value = 0;
    std::vector<ReconDiff> diffs;
    bool operator==(const ReconFigure&) const = default;
};
struct ReconCell {
    bool reported = true;   // false: the tool does not report this row
    ReconFigure value;      // counts and durations
    ReconFigure numerator, denominator;  // ratios
    // The ratio (numerator / denominator); valid only with a positive denominator.
    Ratio ratio() const;
    bool operator==(const ReconCell&) const = default;
};
struct ReconRowResult {
    ReconRow row = ReconRow::Answered;
    std::array<ReconCell, size_t(ReconTool::kCount)> cells;
    bool operator==(const ReconRowResult&) const = default;
};
struct ReconReport {
    int64_t from_ms = 0, to_ms = 0;   // [from, to): local midnights of the first and the day after the last date
    int64_t legs = 0;                 // legs read (the range and the look-back before it)
    int64_t legs_in_range = 0;        // legs that entered in the range (Callboard's calls)
    std::array<ReconRowResult, size_t(ReconRow::kCount)> rows;
    bool operator==(const ReconReport&) const = default;
    // The differences add up: for every reported cell, Callboard's figure + its deltas = the
    // tool's figure. False (with which cell in *why) means a bug; tests and the server check it.
    bool Balanced(std::string* why) const;
};

// Counts legs fed in order of entry time (home_ms ascending; ties in any order).
class Reconciler {
public:
    // queues: each queue's service-level definition (ReconLeg::leg.queue indexes it; a leg of an
    // unknown queue uses the default definition). [from_ms, to_ms): the range.
    Reconciler(std::vector<ServiceLevelDef> queues, int64_t from_ms, int64_t to_ms);
    void Add(const ReconLeg& leg);
    ReconReport Finish() const;

private:
    struct Acc {
        int64_t value = 0;
        std::array<ReconDiff, size_t(ReconReason::kCount)> diffs{};
    };
    void Count(ReconRow row, ReconPart part, const ReconLeg& leg, const ServiceLevelDef& sl, bool same_second);
    Acc& At(ReconRow row, ReconPart part, ReconTool tool);

    std::vector<ServiceLevelDef> m_queues;
    int64_t m_from_ms, m_to_ms;
    int64_t m_legs = 0, m_legs_in_range = 0;
    // [row][part][tool]
    std::array<std::array<std::array<Acc, size_t(ReconTool::kCount)>, 3>, size_t(ReconRow::kCount)> m_acc{};
    // Calls (source, key) that entered in the current second, for Wazo's pairing.
    int64_t m_second = INT64_MIN;
    std::vector<std::pair<uint32_t, uint64_t>> m_second_calls;
};

}  // namespace cb
