// Each tool's counting rules over one leg (reconcile.h, docs/reconciliation.md): one function per
// tool owns that tool's rules, read from the tools' own code and documentation
// (shared definitions: docs/reconciliation.md, "Each tool's definitions"). Callboard's values are
// its own counting rules (counting.h, kpi.h), not restated here.
#include "reconcile.h"

#include <algorithm>

namespace cb {

namespace {

bool Within(const ReconLeg& l, const ServiceLevelDef& sl) {
    return std::max<int64_t>(0, l.leg.wait_ms) <= int64_t{sl.threshold_s} * 1000;
}
int64_t Wait(const ReconLeg& l) { return std::max<int64_t>(0, l.leg.wait_ms); }
// The talk a tool reads from the end line: the whole bridged time, hold included.
int64_t LineTalk(const ReconLeg& l) { return l.leg.talk_ms + l.leg.hold_ms; }

ReconValue Of(bool counted, ReconReason reason) { return ReconValue{true, counted ? 1 : 0, reason}; }
ReconValue OfMs(int64_t ms, ReconReason reason) { return ReconValue{true, ms, reason}; }
ReconValue NotReported() { return ReconValue{false, 0, ReconReason::Answered}; }

// Why a tool's talk of an answered leg with an end line differs from Callboard's: Callboard adds
// talk once the leg is handled (wrap-up ended) and leaves hold out of it.
ReconReason TalkReason(const ReconLeg& l) { return l.leg.handled() ? ReconReason::Hold : ReconReason::WrapOpen; }

bool IsAbandon(ReconReason kind) { return kind == ReconReason::Abandon || kind == ReconReason::ShortAbandon; }

}  // namespace

ReconReason LegKindOf(const ReconLeg& l, const ServiceLevelDef& sl) {
    const CallLeg& leg = l.leg;
    if (leg.end == LegEnd::None || !l.end_line) return ReconReason::NoEndLine;
    switch (leg.end) {
    case LegEnd::Completed: return ReconReason::Answered;
    case LegEnd::Transferred: return ReconReason::Transfer;
    case LegEnd::Abandoned:
        return Wait(l) <= int64_t{sl.short_abandon_s} * 1000 ? ReconReason::ShortAbandon : ReconReason::Abandon;
    case LegEnd::Exited:
        switch (leg.exit_reason) {
        case ExitReason::Timeout: return ReconReason::Timeout;
        case ExitReason::Empty: return ReconReason::ExitEmpty;
        case ExitReason::Key: return ReconReason::ExitKey;
        case ExitReason::Withdraw: return ReconReason::Withdraw;
        default: return ReconReason::ExitOther;
        }
    default: return ReconReason::NoEndLine;
    }
}

// Callboard: each queue's own definitions (counting.h LegQueueCounts, kpi.h ServiceLevel).
ReconValue CallboardValue(ReconRow row, ReconPart part, const ReconLeg& l, const ServiceLevelDef& sl) {
    const KpiCounts c = LegQueueCounts(l.leg, sl);
    const ReconReason kind = LegKindOf(l, sl);
    switch (row) {
    case ReconRow::Answered: return {true, c.answered, kind};
    case ReconRow::Abandoned: return {true, c.abandoned, kind};
    case ReconRow::TimedOut: return Of(c.exited == 1 && l.leg.exit_reason == ExitReason::Timeout, kind);
    case ReconRow::ServiceLevel:
    case ReconRow::ServiceLevel2: {
        const Ratio r = ServiceLevel(c, sl);
        return {true, part == ReconPart::Numerator ? r.numerator : r.denominator, kind};
    }
    case ReconRow::Talk: return OfMs(c.talk_ms, kind);
    case ReconRow::WaitAnswered: return OfMs(c.wait_answered_ms, kind);
    case ReconRow::RingNoAnswer: return {true, l.leg.ring_noanswer, kind};
    case ReconRow::kCount: break;
    }
    return NotReported();
}

// Asterisk app_queue (`queue show`, AMI QueueParams): callscompleted counts calls a member
// answered when they end (completed or transferred; a call whose end was never written was never
// counted: Asterisk stopped first); callsabandoned counts ABANDON, EXITWITHTIMEOUT, EXITEMPTY and
// WITHDRAW (not EXITWITHKEY). SL = completed in servicelevel / completed; SL2 = (completed +
// abandoned) in servicelevel / (completed + abandoned). No timeouts, talk totals or missed rings
// of its own (talk and hold are running averages).
ReconValue AsteriskValue(ReconRow row, ReconPart part, const ReconLeg& l, const ServiceLevelDef& sl) {
    const ReconReason kind = LegKindOf(l, sl);
    const bool completed = kind == ReconReason::Answered || kind == ReconReason::Transfer;
    const bool abandoned = IsAbandon(kind) || kind == ReconReason::Timeout || kind == ReconReason::ExitEmpty ||
                           kind == ReconReason::Withdraw;
    const bool num = part == ReconPart::Numerator;
    switch (row) {
    case ReconRow::Answered: return Of(completed, kind);
    case ReconRow::Abandoned: return Of(abandoned, kind);
    case ReconRow::ServiceLevel: return Of(completed && (!num || Within(l, sl)), kind);
    case ReconRow::ServiceLevel2: return Of((completed || abandoned) && (!num || Within(l, sl)), kind);
    default: return NotReported();
    }
}

// Asternic Call Center Stats Lite: answered = COMPLETEAGENT / COMPLETECALLER rows (calls ended in
// a transfer are dropped by its importer, as are EXITEMPTY and RINGNOANSWER lines); unanswered =
// ABANDON, with EXITWITHTIMEOUT shown as timed out; talk and wait from the COMPLETE rows; service
// level from every CONNECT row (transfers included) answered within T. Every row is counted on the
// date of its own line.
ReconValue AsternicValue(ReconRow row, ReconPart part, const ReconLeg& l, const ServiceLevelDef& sl) {
    const ReconReason kind = LegKindOf(l, sl);
    const bool completed = kind == ReconReason::Answered;
    switch (row) {
    case ReconRow::Answered: return Of(completed, kind);
    case ReconRow::Abandoned: return Of(IsAbandon(kind), kind);
    case ReconRow::TimedOut: return Of(kind == ReconReason::Timeout, kind);
    case ReconRow::ServiceLevel:
        return Of(l.leg.answered() && (part == ReconPart::Denominator || Within(l, sl)), kind);
    case ReconRow::Talk: return OfMs(completed ? LineTalk(l) : 0, completed ? TalkReason(l) : kind);
    case ReconRow::WaitAnswered: return OfMs(completed ? Wait(l) : 0, kind);
    case ReconRow::RingNoAnswer: return OfMs(0, ReconReason::RingNoAnswerDropped);
    default: return NotReported();
    }
}

// Wazo (wazo-stat, xivo-dao): answered = an ENTERQUEUE with an end line (COMPLETE*, TRANSFER,
// BLINDTRANSFER, ATTENDEDTRANSFER), transfers included, waits and talk summed from the end line;
// abandoned = ABANDON, timeouts (EXITWITHTIMEOUT) separately, each paired with its ENTERQUEUE by
// sorting on call id and time, so a second entry of one call id in the same second is lost;
// EXITWITHKEY, EXITEMPTY and calls with no end line are dropped. Counted at the ENTERQUEUE.
ReconValue WazoValue(ReconRow row, ReconPart part, const ReconLeg& l, const ServiceLevelDef& sl, bool same_second) {
    (void)part;
    const ReconReason kind = LegKindOf(l, sl);
    const bool answered = kind == ReconReason::Answered || kind == ReconReason::Transfer;
    const ReconReason paired = same_second ? ReconReason::SameSecond : kind;
    switch (row) {
    case ReconRow::Answered: return Of(answered, kind);
    case ReconRow::Abandoned: return Of(IsAbandon(kind) && !same_second, IsAbandon(kind) ? paired : kind);
    case ReconRow::TimedOut:
        return Of(kind == ReconReason::Timeout && !same_second, kind == ReconReason::Timeout ? paired : kind);
    case ReconRow::Talk: return OfMs(answered ? LineTalk(l) : 0, answered ? TalkReason(l) : kind);
    case ReconRow::WaitAnswered: return OfMs(answered ? Wait(l) : 0, kind);
    default: return NotReported();
    }
}

bool ReconReports(ReconTool tool, ReconRow row) {
    const ReconLeg none;
    const ServiceLevelDef sl;
    switch (tool) {
    case ReconTool::Callboard: return true;
    case ReconTool::Asterisk: return AsteriskValue(row, ReconPart::Value, none, sl).reported;
    case ReconTool::Asternic: return AsternicValue(row, ReconPart::Value, none, sl).reported;
    case ReconTool::Wazo: return WazoValue(row, ReconPart::Value, none, sl, false).reported;
    case ReconTool::kCount: break;
    }
    return false;
}

int64_t ReconPlacementMs(ReconTool tool, ReconRow row, const ReconLeg& l) {
    switch (tool) {
    case ReconTool::Callboard:
    case ReconTool::Wazo: return l.leg.home_ms;
    case ReconTool::Asterisk: return l.end_line ? l.leg.ended_ms : -1;
    case ReconTool::Asternic:
        if (row == ReconRow::ServiceLevel) return l.leg.answered_ms;
        return l.end_line ? l.leg.ended_ms : -1;
    case ReconTool::kCount: break;
    }
    return -1;
}

}  // namespace cb
