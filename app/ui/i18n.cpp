// Translation lookups (i18n.h).
#include "i18n.h"

namespace cb {
namespace {

struct Entry {
    const char* en;
    const char* zh;
};

#define CB_STR(id, en, zh) {en, zh},
constexpr Entry kTable[] = {
#include "i18n_strings.h"
};
static_assert(sizeof(kTable) / sizeof(kTable[0]) == static_cast<size_t>(Str::kCount));

}  // namespace

const char* I18n::operator()(Str id) const {
    const Entry& e = kTable[static_cast<size_t>(id)];
    return lang == Lang::Zh ? e.zh : e.en;
}

const char* I18n::State(AgentState s) const {
    switch (s) {
    case AgentState::LoggedOut: return (*this)(Str::StateLoggedOut);
    case AgentState::Available: return (*this)(Str::StateAvailable);
    case AgentState::Ringing: return (*this)(Str::StateRinging);
    case AgentState::OnCall: return (*this)(Str::StateOnCall);
    case AgentState::OnHold: return (*this)(Str::StateOnHold);
    case AgentState::WrapUp: return (*this)(Str::StateWrapUp);
    case AgentState::NotReady: return (*this)(Str::StateNotReady);
    case AgentState::kCount: break;
    }
    return "?";
}

const char* I18n::Reason(NotReadyReason r) const {
    switch (r) {
    case NotReadyReason::None: return (*this)(Str::ReasonNone);
    case NotReadyReason::Break: return (*this)(Str::ReasonBreak);
    case NotReadyReason::Lunch: return (*this)(Str::ReasonLunch);
    case NotReadyReason::Training: return (*this)(Str::ReasonTraining);
    case NotReadyReason::Meeting: return (*this)(Str::ReasonMeeting);
    case NotReadyReason::Coaching: return (*this)(Str::ReasonCoaching);
    case NotReadyReason::Personal: return (*this)(Str::ReasonPersonal);
    case NotReadyReason::Escalation: return (*this)(Str::ReasonEscalation);
    case NotReadyReason::Other: return (*this)(Str::ReasonOther);
    case NotReadyReason::kCount: break;
    }
    return "?";
}

const char* I18n::Variant(SlVariant v) const {
    switch (v) {
    case SlVariant::AnsweredOverOffered: return (*this)(Str::SlAnsweredOverOffered);
    case SlVariant::AnsweredOverAnswered: return (*this)(Str::SlAnsweredOverAnswered);
    case SlVariant::RemovedOverQueued: return (*this)(Str::SlRemovedOverQueued);
    case SlVariant::AnsweredAndAbandonedWithinT: return (*this)(Str::SlAnsweredAndAbandonedWithinT);
    case SlVariant::AnsweredOverOfferedLessShort: return (*this)(Str::SlAnsweredOverOfferedLessShort);
    case SlVariant::AnsweredOverAnsweredPlusLateAbandons: return (*this)(Str::SlAnsweredOverAnsweredPlusLate);
    case SlVariant::kCount: break;
    }
    return "?";
}

const char* I18n::Scenario(int scenario) const {
    static constexpr Str kNames[] = {Str::DemoNormal, Str::DemoMondayPeak, Str::DemoOutage,
                                     Str::DemoNewHires, Str::DemoLunchGap};
    if (scenario < 0 || scenario >= static_cast<int>(sizeof(kNames) / sizeof(kNames[0]))) return "?";
    return (*this)(kNames[scenario]);
}

Lang LangFromLocale(std::string_view locale) {
    return (locale.size() >= 2 && (locale.substr(0, 2) == "zh" || locale.substr(0, 2) == "ZH")) ? Lang::Zh : Lang::En;
}

std::string_view LangCode(Lang lang) { return lang == Lang::Zh ? "zh" : "en"; }

}  // namespace cb
