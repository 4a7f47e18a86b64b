// ThresholdSets, AppliedThresholds and the thresholds document's JSON (thresholds_doc.h).
// Never throws: every value's type is checked before it is read.
#include "thresholds_doc.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace cb {
namespace {

using nlohmann::json;

json Stamp(const std::string& by) { return by.empty() ? json(nullptr) : json(by); }
json StampMs(const std::string& by, int64_t ms) { return by.empty() ? json(nullptr) : json(ms); }

bool ReadStamp(const json& j, std::string* by, int64_t* ms) {
    auto b = j.find("updated_by");
    auto t = j.find("updated_ms");
    if (b == j.end() || b->is_null()) {
        by->clear();
        *ms = 0;
        return true;
    }
    if (!b->is_string() || t == j.end() || !t->is_number_integer()) return false;
    *by = b->get<std::string>();
    *ms = t->get<int64_t>();
    return true;
}

}  // namespace

const TeamThresholds* ThresholdSets::Team(std::string_view key) const {
    for (const TeamThresholds& t : teams)
        if (t.team == key) return &t;
    return nullptr;
}

Thresholds AppliedThresholds(const ThresholdSets& sets, std::vector<std::string> teams, std::string* applied_team) {
    std::sort(teams.begin(), teams.end());
    applied_team->clear();
    for (const std::string& key : teams) {
        if (const TeamThresholds* t = sets.Team(key)) {
            *applied_team = key;
            return MergeThresholds(sets.center, t->values);
        }
    }
    return sets.center;
}

bool ThresholdsDoc::MayEditTeam(std::string_view key) const {
    return may_edit_all_teams || std::find(editable_teams.begin(), editable_teams.end(), key) != editable_teams.end();
}

std::string ThresholdsDocToJson(const ThresholdsDoc& doc) {
    const ThresholdSets& s = doc.sets;
    json teams = json::array();
    for (const TeamThresholds& t : s.teams)
        teams.push_back({{"team", t.team}, {"values", json::parse(OverrideToJson(t.values))},
                         {"updated_by", Stamp(t.updated_by)}, {"updated_ms", StampMs(t.updated_by, t.updated_ms)}});
    json j = {
        {"version", s.version},
        {"defaults", json::parse(ThresholdsToJson(Thresholds{}))},
        {"center", {{"values", json::parse(ThresholdsToJson(s.center))}, {"updated_by", Stamp(s.center_by)},
                    {"updated_ms", StampMs(s.center_by, s.center_ms)}}},
        {"teams", teams},
        {"applied", {{"team", doc.applied_team.empty() ? json(nullptr) : json(doc.applied_team)},
                     {"values", json::parse(ThresholdsToJson(doc.applied))}}},
        {"may_edit", {{"center", doc.may_edit_center}, {"all_teams", doc.may_edit_all_teams}, {"teams", doc.editable_teams}}},
    };
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool ThresholdsDocFromJson(std::string_view text, ThresholdsDoc* out, std::string* error) {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    auto fail = [error](std::string why) {
        *error = "thresholds document: " + why;
        return false;
    };
    if (j.is_discarded() || !j.is_object()) return fail("not a JSON object");
    ThresholdsDoc doc;
    ThresholdError e;
    auto version = j.find("version");
    if (version == j.end() || !version->is_number_unsigned()) return fail("version: expected a whole number");
    doc.sets.version = version->get<uint64_t>();
    auto center = j.find("center");
    if (center == j.end() || !center->is_object() || !center->contains("values")) return fail("center: expected an object with values");
    if (!ThresholdsFromJson(center->at("values").dump(), &doc.sets.center, &e)) return fail("center: " + e.message);
    if (!ReadStamp(*center, &doc.sets.center_by, &doc.sets.center_ms)) return fail("center: bad updated_by/updated_ms");
    auto teams = j.find("teams");
    if (teams == j.end() || !teams->is_array()) return fail("teams: expected an array");
    for (const json& t : *teams) {
        TeamThresholds team;
        if (!t.is_object() || !t.contains("team") || !t.at("team").is_string() || !t.contains("values"))
            return fail("teams: expected objects with team and values");
        team.team = t.at("team").get<std::string>();
        if (!OverrideFromJson(t.at("values").dump(), &team.values, &e)) return fail("team " + team.team + ": " + e.message);
        if (!ReadStamp(t, &team.updated_by, &team.updated_ms)) return fail("team " + team.team + ": bad updated_by/updated_ms");
        doc.sets.teams.push_back(std::move(team));
    }
    auto applied = j.find("applied");
    if (applied == j.end() || !applied->is_object() || !applied->contains("values")) return fail("applied: expected an object with values");
    if (!ThresholdsFromJson(applied->at("values").dump(), &doc.applied, &e)) return fail("applied: " + e.message);
    if (auto team = applied->find("team"); team != applied->end() && team->is_string()) doc.applied_team = team->get<std::string>();
    auto may = j.find("may_edit");
    if (may == j.end() || !may->is_object()) return fail("may_edit: expected an object");
    auto flag = [&](const char* key) {
        auto it = may->find(key);
        return it != may->end() && it->is_boolean() && it->get<bool>();
    };
    doc.may_edit_center = flag("center");
    doc.may_edit_all_teams = flag("all_teams");
    if (auto list = may->find("teams"); list != may->end() && list->is_array())
        for (const json& k : *list)
            if (k.is_string()) doc.editable_teams.push_back(k.get<std::string>());
    *out = std::move(doc);
    return true;
}

}  // namespace cb
