// What applies to the center on screen, decided from the data by one rule each, for every
// view: which teams are shown (a lead's snapshot carries every team's totals but only their own
// team's agents; an empty team has nothing to show), which teams get a TV page, and which
// figures the source produces at all (an Asterisk queue_log never tags orders or puts calls on
// hold; a real directory has no tenure). Pure functions of a snapshot.
#pragma once
#include <cstddef>
#include <vector>
#include "core/snapshot.h"

namespace cb {

// A team is shown when at least one agent of the snapshot's directory belongs to it.
bool TeamShown(const Snapshot& snapshot, size_t team);
std::vector<size_t> ShownTeams(const Snapshot& snapshot);
// Teams with a TV page: shown teams where someone is logged in now or was today.
std::vector<size_t> TvTeams(const Snapshot& snapshot);

// The figures this center's data has today. A figure the source never produced is hidden,
// not shown as 0.
struct SourceFigures {
    bool orders = false;       // an order was tagged today (orders, order value)
    bool hold = false;         // a call was put on hold today (average hold)
    bool tenure = false;       // the directory knows agents' tenure
};
SourceFigures FiguresOf(const Snapshot& snapshot);

}  // namespace cb
