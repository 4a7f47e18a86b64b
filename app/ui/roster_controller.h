// The roster page (view_wfm_roster.cpp, docs/wfm.md "Views"): its state and the controller that
// turns the page's commands into /api/wfm requests (docs/api.md) and the answers into the state.
// A hand edit is applied to the shown roster and its coverage at once, then sent; the server's
// answer (or refusal, with the rule the edit would break) replaces it.
#pragma once
#include "api_tags.h"
#include <functional>
#include <string>
#include "client/transport.h"
#include "i18n.h"
#include "roster_state.h"

namespace cb {

class RosterController {
public:
    // Tags of its requests (ApiRequest::tag): [kFirstTag, kLastTag].
    static constexpr int kFirstTag = api_tags::kRoster.first, kLastTag = api_tags::kRoster.last;
    static bool OwnsTag(int tag) { return tag >= kFirstTag && tag <= kLastTag; }

    using Send = std::function<void(ApiRequest)>;
    explicit RosterController(Send send) : m_send(std::move(send)) {}

    RosterPageState& state() { return m_state; }
    const RosterPageState& state() const { return m_state; }

    // The page opens: the team (when none typed yet), the week of `today` (Monday) and today.
    void Open(const std::string& team, const std::string& today);
    void Command(RosterCommand c);
    // Agent a works shift s (-1: off) on day d of the shown roster.
    void Edit(int agent, int day, int shift);
    // The shown break request with this index approved or declined.
    void Decide(int index, bool approve);
    void OnAnswer(const TransportMessage& answer);
    void Clear();

    // UiAction values of Edit and Decide.
    static int EditValue(int agent, int day, int shift) { return (agent << 12) | (day << 6) | (shift + 1); }
    static void FromEditValue(int v, int* agent, int* day, int* shift) {
        *agent = v >> 12;
        *day = (v >> 6) & 63;
        *shift = (v & 63) - 1;
    }

private:
    enum class Kind { List, Roster, Solve, Edit, Publish, Breaks, Decide, Adherence };
    void Request(Kind kind, std::string method, std::string path, std::string body = {});
    void Recompute();
    Send m_send;
    RosterPageState m_state;
    int m_next_tag = kFirstTag;
    Kind m_kind = Kind::List;
};

// A solve's status in the reader's language ("optimal", "feasible"; any other as the server says).
std::string SolveStatusText(const I18n& tr, const std::string& status);
// One line of a roster's change log in the reader's language, from its fields through the
// translation table (an older line's English text as it is). agent_name: the name shown for an
// agent's key; dates: the roster's start date plus the change's day.
std::string RosterLogLine(const I18n& tr, const wfm::RosterLogEntry& e, const std::function<std::string(const std::string&)>& agent_name);
// The action in the reader's language ("solve" -> "Solved").
const char* RosterLogAction(const I18n& tr, const std::string& action);

}  // namespace cb
