// ScorecardController: the agent scorecards page's requests and answers (scorecard_state.h,
// view_scorecards.cpp). The form's dates are checked here first, so most mistakes show at once;
// the server checks everything again and scopes by role (a lead sees their own teams only), and
// its refusal is shown as it says.
#pragma once
#include "api_tags.h"
#include <functional>
#include <string>
#include <string_view>
#include <vector>
#include "client/session.h"
#include "client/transport.h"
#include "core/directory.h"
#include "scorecard_state.h"

namespace cb {

class ScorecardController {
public:
    // Tags of its requests (ApiRequest::tag): [kFirstTag, kLastTag].
    static constexpr int kFirstTag = api_tags::kScorecards.first, kLastTag = api_tags::kScorecards.last;
    static bool OwnsTag(int tag) { return tag >= kFirstTag && tag <= kLastTag; }
    static constexpr int kPeriods = 6;  // previous periods in a scorecard's sparklines

    using Send = std::function<void(ApiRequest)>;
    explicit ScorecardController(Send send) : m_send(std::move(send)) {}

    ScorecardState& state() { return m_state; }
    const ScorecardState& state() const { return m_state; }

    // The page opens: empty dates become the month so far (`today` is the center's local date,
    // YYYY-MM-DD), no team chosen yet becomes `first_team` (the first team offered); then it asks.
    void Open(const std::string& today, const std::string& first_team);
    void Command(int packed, const std::vector<const TeamInfo*>& teams);
    void OnAnswer(const TransportMessage& answer);
    void Clear();  // signed out: forget the form and what was shown

private:
    void Run();
    void AskTable();
    void AskCard();
    int NextTag(int* tag);

    Send m_send;
    ScorecardState m_state;
    int m_tag = kFirstTag;  // requests alternate over the range; only the latest of each kind counts
    int m_table_tag = 0;
    int m_card_tag = 0;
};

// The teams the page offers: every team of the directory, but a lead's own teams only (the server
// refuses the others; the page does not offer them).
std::vector<const TeamInfo*> ScorecardTeams(const std::vector<TeamInfo>& teams, const SessionInfo* who);

// Percent-encodes a query value or path segment (RFC 3986 unreserved characters kept).
std::string PercentEncode(std::string_view text);
// "api/scorecards?team=a&from=2026-03-01&to=2026-03-31"
std::string TeamComparisonPath(std::string_view team, std::string_view from, std::string_view to);
// "api/scorecards/1001?from=2026-03-01&to=2026-03-31&periods=6"
std::string ScorecardPath(std::string_view agent, std::string_view from, std::string_view to, int periods);

// The team table's rows in display order for a sort column (0: the agent's name in `zh` or
// English, then key; 1 + figure: the figure's value). Averages without a count ("-") sort last
// either way; ties keep the directory order.
std::vector<size_t> SortedAgents(const TeamComparison& table, int column, bool descending, bool zh);

}  // namespace cb
