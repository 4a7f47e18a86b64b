// Stable machine names of enums (JSON, configuration, API). Changing one is a breaking API change.
#include "events.h"
#include "kpi.h"
#include "snapshot.h"

namespace cb {

std::string_view EventKindName(EventKind kind) {
    switch (kind) {
    case EventKind::CallOffered: return "call_offered";
    case EventKind::AgentRinging: return "agent_ringing";
    case EventKind::RingNoAnswer: return "ring_no_answer";
    case EventKind::CallAnswered: return "call_answered";
    case EventKind::CallHold: return "call_hold";
    case EventKind::CallResume: return "call_resume";
    case EventKind::CallTransferred: return "call_transferred";
    case EventKind::CallAbandoned: return "call_abandoned";
    case EventKind::CallExited: return "call_exited";
    case EventKind::CallCompleted: return "call_completed";
    case EventKind::WrapUpEnded: return "wrap_up_ended";
    case EventKind::AgentLogin: return "agent_login";
    case EventKind::AgentLogout: return "agent_logout";
    case EventKind::AgentReady: return "agent_ready";
    case EventKind::AgentNotReady: return "agent_not_ready";
    case EventKind::OutcomeTagged: return "outcome_tagged";
    case EventKind::MemberAdded: return "member_added";
    case EventKind::MemberRemoved: return "member_removed";
    case EventKind::kCount: break;
    }
    return "unknown";
}

std::string_view NotReadyReasonName(NotReadyReason r) {
    switch (r) {
    case NotReadyReason::None: return "none";
    case NotReadyReason::Break: return "break";
    case NotReadyReason::Lunch: return "lunch";
    case NotReadyReason::Training: return "training";
    case NotReadyReason::Meeting: return "meeting";
    case NotReadyReason::Coaching: return "coaching";
    case NotReadyReason::Personal: return "personal";
    case NotReadyReason::Escalation: return "escalation";
    case NotReadyReason::Other: return "other";
    case NotReadyReason::kCount: break;
    }
    return "unknown";
}

std::string_view OutcomeName(Outcome o) {
    switch (o) {
    case Outcome::None: return "none";
    case Outcome::Order: return "order";
    case Outcome::Complaint: return "complaint";
    case Outcome::CallbackPromised: return "callback_promised";
    case Outcome::Resolved: return "resolved";
    case Outcome::CallbackKept: return "callback_kept";
    case Outcome::kCount: break;
    }
    return "unknown";
}

std::string_view ExitReasonName(ExitReason r) {
    switch (r) {
    case ExitReason::None: return "none";
    case ExitReason::Timeout: return "timeout";
    case ExitReason::Empty: return "empty";
    case ExitReason::Key: return "key";
    case ExitReason::Withdraw: return "withdraw";
    case ExitReason::Other: return "other";
    }
    return "unknown";
}

std::string_view AgentStateName(AgentState s) {
    switch (s) {
    case AgentState::LoggedOut: return "logged_out";
    case AgentState::Available: return "available";
    case AgentState::Ringing: return "ringing";
    case AgentState::OnCall: return "on_call";
    case AgentState::OnHold: return "on_hold";
    case AgentState::WrapUp: return "wrap_up";
    case AgentState::NotReady: return "not_ready";
    case AgentState::kCount: break;
    }
    return "unknown";
}

std::string_view SlVariantName(SlVariant v) {
    switch (v) {
    case SlVariant::AnsweredOverOffered: return "answered_over_offered";
    case SlVariant::AnsweredOverAnswered: return "answered_over_answered";
    case SlVariant::RemovedOverQueued: return "removed_over_queued";
    case SlVariant::AnsweredAndAbandonedWithinT: return "answered_and_abandoned_within_t";
    case SlVariant::AnsweredOverOfferedLessShort: return "answered_over_offered_less_short";
    case SlVariant::AnsweredOverAnsweredPlusLateAbandons: return "answered_over_answered_plus_late_abandons";
    case SlVariant::kCount: break;
    }
    return "unknown";
}

bool ParseSlVariant(std::string_view name, SlVariant* out) {
    for (int i = 0; i < static_cast<int>(SlVariant::kCount); ++i) {
        if (SlVariantName(static_cast<SlVariant>(i)) == name) {
            *out = static_cast<SlVariant>(i);
            return true;
        }
    }
    return false;
}

std::string_view SlVariantFormula(SlVariant v) {
    switch (v) {
    case SlVariant::AnsweredOverOffered: return "answered within T / offered";
    case SlVariant::AnsweredOverAnswered: return "answered within T / answered";
    case SlVariant::RemovedOverQueued: return "(answered + abandoned) within T / offered";
    case SlVariant::AnsweredAndAbandonedWithinT: return "(answered + abandoned) within T / (answered + abandoned)";
    case SlVariant::AnsweredOverOfferedLessShort: return "answered within T / (offered - short abandons)";
    case SlVariant::AnsweredOverAnsweredPlusLateAbandons: return "answered within T / (answered + abandoned after T)";
    case SlVariant::kCount: break;
    }
    return "unknown";
}

}  // namespace cb
