// The roster page's state (view_wfm_roster.cpp draws it, RosterController changes it): the team
// and week asked for, the roster as the server last sent it (a hand edit shows at once, before
// the server answers), the break queue with its allowances, and a day's adherence.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "client/admin_api.h"
#include "core/wfm/roster.h"
#include "core/wfm/roster_json.h"
#include "core/wfm/wfm_requests.h"

namespace cb {

enum class RosterTab : uint8_t { Roster, Breaks, Adherence };

// What the view asks for (UiAction::RosterCommand's value).
enum class RosterCommand : int { Load, Solve, Publish, LoadBreaks, LoadAdherence, TabRoster, TabBreaks, TabAdherence };

struct RosterPageState {
    RosterTab tab = RosterTab::Roster;
    char team[64] = {};             // edited in place by the view
    char week[16] = {};             // the week's first day, YYYY-MM-DD
    char day[16] = {};              // the day of the break queue and adherence
    bool loading = false;
    bool bad_date = false;          // a date field is not YYYY-MM-DD
    ApiError error;                 // the last refusal (status 0: none; -1: unreachable)
    std::vector<std::string> why;   // the reasons of a 422 (no roster, a rule an edit breaks)
    bool has_roster = false;
    bool no_roster = false;         // the team has no roster for the week yet
    wfm::RosterDoc doc;
    std::vector<wfm::RosterLogEntry> log;
    wfm::RosterStats stats;         // of doc, recomputed at every change
    std::vector<wfm::BreakRequest> requests;
    std::vector<wfm::BreakAllowance> allowances;
    bool has_breaks = false;
    wfm::AdherenceDay adherence;
    bool has_adherence = false;
};

}  // namespace cb
