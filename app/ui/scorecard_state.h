// The agent scorecards page (view_scorecards.cpp, docs/reports.md "Scorecards"): its state, changed
// by ScorecardController and drawn by the view. Two screens on one page: a team's comparison table
// (GET /api/scorecards?team=) and one agent's scorecard (GET /api/scorecards/{agent}), both over
// the form's dates. No composite score, no rank: the table sorts by whichever column the user picks.
#pragma once
#include <cstdint>
#include <string>
#include "client/admin_api.h"
#include "core/report/scorecard.h"

namespace cb {

enum class ScorecardError : uint8_t { None, BadDate, Reversed, NoTeam, Server, Unreachable };

// What the page shows: the team table, or the scorecard of one agent.
enum class ScorecardScreen : uint8_t { Team, Agent };

// The user's commands on the page, carried by UiAction::ScorecardCommand (value = PackScorecardCommand).
enum class ScorecardCommandKind : uint8_t {
    Run,          // show the form's team (and the open agent's card again) over the form's dates
    SortBy,       // arg: the column (0 = agent, 1 + figure index); again on the same column flips it
    OpenAgent,    // arg: the agent's row in the team table
    BackToTeam,   // leave the agent's card for the team table
    PickTeam,     // arg: index into the teams offered (ScorecardTeams)
};
inline int PackScorecardCommand(ScorecardCommandKind kind, int arg = 0) { return int(kind) | (arg << 8); }
inline ScorecardCommandKind ScorecardCommandOf(int value) { return static_cast<ScorecardCommandKind>(value & 0xFF); }
inline int ScorecardArgOf(int value) { return value >> 8; }

struct ScorecardState {
    char from[16] = {};               // YYYY-MM-DD, edited in place by the view
    char to[16] = {};
    std::string team;                 // the team key chosen (one of those offered)
    ScorecardScreen screen = ScorecardScreen::Team;
    bool loading = false;
    ScorecardError error = ScorecardError::None;
    ApiError server_error;            // ScorecardError::Server: the refusal as the server said it
    bool has_table = false;           // a team table arrived (kept while the next one loads)
    TeamComparison table;
    int sort_column = 0;              // 0: agent, 1 + figure index
    bool sort_descending = false;
    std::string agent;                // the agent whose card is open (or asked for)
    bool has_card = false;
    Scorecard card;
};

}  // namespace cb
