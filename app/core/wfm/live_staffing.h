// The live staffing figures a snapshot carries per queue (docs/wfm.md, "Live staffing and the
// break what-if"): the load of the last 30 minutes, the agents it needs now against the agents on
// queue, and the service level Erlang C predicts for now, the next 15 and the next 30 minutes and
// with one agent fewer for a break starting now. Plain data: live.h computes it.
#pragma once
#include <cstdint>
#include <vector>

namespace cb::wfm {

inline constexpr int64_t kRecentWindowMs = 30 * 60000;    // "the last 30 minutes"
inline constexpr int64_t kMinRecentWindowMs = 5 * 60000;  // less seen than this: no figures yet
inline constexpr int64_t kOutlookMs = 30 * 60000;         // how far ahead the agents are projected
inline constexpr int64_t kDefaultBreakMs = 15 * 60000;    // a break, for the what-if

// What one queue saw in the last 30 minutes, counted by the minute: the 30 whole minutes before the
// current minute and the current minute so far.
struct RecentLoad {
    int64_t window_ms = 0;  // how long that is (shorter while the engine has seen less since it started)
    int64_t offered = 0;    // calls that entered the queue in it
    int64_t handled = 0;    // answered calls whose handling (talk, hold and wrap-up) ended in it
    int64_t handle_ms = 0;  // their talk + hold + wrap-up
    bool operator==(const RecentLoad&) const = default;
};

// From from_ms on, `agents` are on queue (until the next step). Fractional: a multi-skilled agent
// counts in each of its queues for its share (live.h, AgentShares), so the counts of all queues
// add up to the agents counted once.
struct AgentsStep {
    int64_t from_ms = 0;
    double agents = 0;
    bool operator==(const AgentsStep&) const = default;
};

// The predicted service level over a stretch of time: Erlang C for each part with a constant
// number of agents, weighted by its length (a fractional number of agents: live.h, SlAt).
struct SlOutlook {
    bool stable = false;        // more agents than Erlangs throughout; else the queue grows: no SL
    double service_level = 0;   // callers answered within T / all callers, when stable
    double min_agents = 0;      // fewest and most agents on queue in the stretch
    double max_agents = 0;
    bool operator==(const SlOutlook&) const = default;
};

struct LiveStaffing {
    // Figures exist: at least 5 minutes seen and a handle time known (or no calls at all).
    bool known = false;
    double erlangs = 0;            // offered load: calls / window x AHT
    double aht_s = 0;              // handle_ms / handled of the last 30 minutes
    double agents_on_queue = 0;    // members now available, ringing, on a call, on hold or in wrap-up,
                                   // each for its share of this queue (live.h, AgentShares)
    int32_t members_on_queue = 0;  // the same members counted whole (how many people the share comes from)
    int32_t agents_needed = 0;     // fewest on the phones for the queue's target (Erlang C); -1: none reaches it
    SlOutlook now;                 // with the agents on queue now
    SlOutlook next15, next30;      // the agents following the schedule (steps)
    SlOutlook break_next15;        // next15 with one agent fewer on queue (a 15-minute break starting now)
    // Agents on queue from now to now + 30 minutes: the first step is now; later ones where the
    // schedule changes who is on queue (agents keep what they do until their next scheduled change).
    std::vector<AgentsStep> steps;
    bool operator==(const LiveStaffing&) const = default;
};

}  // namespace cb::wfm
