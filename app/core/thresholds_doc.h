// The thresholds a center keeps on its server (the whole center's set and each team's
// override, with who changed them last), and the document one screen receives: GET
// /api/thresholds and the stream's "thresholds" event (docs/api.md). The contract shared by
// the server (which encodes it per caller) and both front-ends (which decode it). Pure.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "thresholds.h"

namespace cb {

struct TeamThresholds {
    std::string team;              // team key
    ThresholdOverride values;      // never empty: a team without own limits has no entry
    std::string updated_by;        // who changed it last
    int64_t updated_ms = 0;
};

struct ThresholdSets {
    uint64_t version = 0;          // increases with every change (per server run)
    Thresholds center;             // the whole center's set
    std::string center_by;         // who changed it last; empty: the defaults, never changed
    int64_t center_ms = 0;
    std::vector<TeamThresholds> teams;  // by team key

    const TeamThresholds* Team(std::string_view key) const;  // null when the team has no override
};

// The set a screen uses: the center's, with the override of the first of `teams` (in key
// order) that has one; *applied_team gets that team's key ("" when none applies).
Thresholds AppliedThresholds(const ThresholdSets& sets, std::vector<std::string> teams, std::string* applied_team);

// One screen's document: the sets it may see (a lead: the center's and their own teams'),
// what it uses, and what its user may change.
struct ThresholdsDoc {
    ThresholdSets sets;
    std::string applied_team;      // "" = the center's set applies
    Thresholds applied;
    bool may_edit_center = false;
    bool may_edit_all_teams = false;
    std::vector<std::string> editable_teams;  // when not all teams

    bool MayEditTeam(std::string_view key) const;
};

// {"version","defaults","center":{"values","updated_by","updated_ms"},"teams":[{"team",
// "values","updated_by","updated_ms"}],"applied":{"team","values"},"may_edit":{"center",
// "all_teams","teams"}}; updated_by/updated_ms and applied.team are null when there is none.
std::string ThresholdsDocToJson(const ThresholdsDoc& doc);
// Fails (false, *error says why) when the text is not such a document.
bool ThresholdsDocFromJson(std::string_view json, ThresholdsDoc* out, std::string* error);

}  // namespace cb
