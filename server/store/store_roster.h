// Rosters, breaks and adherence on SQLite (docs/wfm.md, docs/api.md "Rosters", "Breaks",
// "Adherence"). Per team: its setup (shift templates with their breaks, each agent's skills,
// contracted hours, availability and preferences, and the requirement per skill and interval of a
// week, Monday first: the roster problem format of core/wfm/roster_json.h, 7 days), days off by
// date, rosters (draft, published, superseded; a version per team and start date) with their
// change log, break requests with the what-if kept at decision time, and allowances. Every
// change is also appended to the audit log. Like the admin store it opens its own connection
// (WAL lets it share the file with the live source's Store) and serialises its statements with a
// mutex, so HTTP workers and the command line may all use it.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>
#include "core/tz.h"
#include "core/wfm/roster_json.h"
#include "core/wfm/wfm_requests.h"
#include "server/auth/account_store.h"
#include "server/base/status.h"
#include "server/store/sqlite_db.h"

namespace cb {

// The SQL of the workforce-management migration (listed in migrations.cpp).
const char* RosterSchema();

struct WfmSetup {
    std::string team;
    wfm::RosterProblem problem;  // days 7, Monday first; no start date, no fixed days
    std::string updated_by;
    int64_t updated_ms = 0;
};

struct WfmDayOff {
    std::string agent, date, note;
    bool operator==(const WfmDayOff&) const = default;
};

class RosterStore {
public:
    static Result<std::unique_ptr<RosterStore>> Open(const std::string& path);
    ~RosterStore();

    // The team of an agent in the directory ("" when the agent is not known).
    Result<std::string> TeamOfAgent(const std::string& agent);
    // The agent keys of a team, in directory order.
    Result<std::vector<std::string>> AgentsOfTeam(const std::string& team);

    // A team's setup; none when never saved.
    Result<std::optional<WfmSetup>> LoadSetup(const std::string& team);
    // Checks it (ValidateRoster; every agent one of the team's in the directory: "agents[2].key:
    // 'x' is not an agent of team 'T'") and stores it with an audit row, or changes nothing.
    Status SaveSetup(const WfmSetup& setup, const AuditEntry& audit);

    // Days off by date: listed for a team's agents in [from, to] (dates YYYY-MM-DD), added (an
    // agent of the directory, a real date) and removed, each audited.
    Result<std::vector<WfmDayOff>> DaysOff(const std::string& team, const std::string& from, const std::string& to);
    Status AddDayOff(const WfmDayOff& off, const AuditEntry& audit);
    Status RemoveDayOff(const std::string& agent, const std::string& date, const AuditEntry& audit);

    // Rosters. Create: stores a new version (the next for its team and start date) as a draft,
    // with its first log line; returns the id. Save: replaces the roster's content (a hand edit),
    // appending the log line. Publish: the roster becomes the published one of its team and
    // start date; the one published before is superseded.
    Result<int64_t> CreateRoster(wfm::RosterDoc doc, const wfm::RosterLogEntry& log, const AuditEntry& audit);
    Status SaveRoster(const wfm::RosterDoc& doc, const wfm::RosterLogEntry& log, const AuditEntry& audit);
    Status PublishRoster(int64_t id, const std::string& by, int64_t t_ms, const AuditEntry& audit);
    Result<std::optional<wfm::RosterDoc>> LoadRoster(int64_t id, std::vector<wfm::RosterLogEntry>* log = nullptr);
    Result<std::vector<wfm::RosterSummary>> ListRosters(const std::string& team);
    // The published roster of a team that covers a date (its start date <= date < start + days).
    Result<std::optional<wfm::RosterDoc>> PublishedRosterOn(const std::string& team, const std::string& date);

    // Break requests.
    Result<int64_t> AddBreakRequest(const wfm::BreakRequest& r, const AuditEntry& audit);
    Result<std::optional<wfm::BreakRequest>> LoadBreakRequest(int64_t id);
    // Of the agents given (every agent when empty), starting in [from_ms, to_ms), of a status
    // ("" = any), by start.
    Result<std::vector<wfm::BreakRequest>> ListBreakRequests(const std::vector<std::string>& agents, int64_t from_ms, int64_t to_ms,
                                                             const std::string& status);
    // Decides a request still "requested" (else fails "request 7 is approved already"), keeping
    // the impact computed now. Approving checks the allowance of the request's local day
    // [day_start_ms, day_end_ms): fails naming what is left, changing nothing.
    Status DecideBreakRequest(int64_t id, bool approve, const std::string& by, int64_t t_ms, const wfm::BreakImpact& impact,
                              int64_t day_start_ms, int64_t day_end_ms, const AuditEntry& audit);
    // The allowance of an agent (the default when never set) and what approved requests use in
    // [day_start_ms, day_end_ms).
    Result<wfm::BreakAllowance> Allowance(const std::string& agent, int64_t day_start_ms, int64_t day_end_ms);
    Status SetAllowance(const std::string& agent, int minutes_per_day, const AuditEntry& audit);
    static constexpr int kDefaultAllowanceMin = 30;

    // An agent's state spells overlapping [from_ms, to_ms) from agent_states (open ones end at
    // to_ms), cut to the window.
    Result<std::vector<wfm::Spell>> AgentSpells(const std::string& agent, int64_t from_ms, int64_t to_ms);

    // Historical adherence of a team's agents on a local date: the published roster covering it
    // (its shifts and breaks) with the approved break requests laid over, against agent_states.
    // Only time before now_ms counts (a day in progress: adherence so far; states still open end
    // at now_ms).
    Result<wfm::AdherenceDay> TeamAdherence(const std::string& team, const std::string& date, const TimeZone& zone,
                                            const wfm::AdherenceOptions& options, int64_t now_ms = INT64_MAX);
    // The figure an agent scorecard shows: one agent's adherence and conformance over the local
    // dates [from, to], exceptions and scheduled time summed over the days (wfm_requests.h).
    Result<wfm::AdherenceFigure> AgentAdherence(const std::string& agent, const std::string& from, const std::string& to,
                                                const TimeZone& zone, const wfm::AdherenceOptions& options = {},
                                                int64_t now_ms = INT64_MAX);

private:
    RosterStore() = default;
    Status InTransaction(const std::function<Status()>& body);
    Result<wfm::AgentDayAdherence> AgentDay(const wfm::RosterDoc& doc, size_t agent, int day, const TimeZone& zone,
                                           const wfm::AdherenceOptions& options, int64_t now_ms);
    Result<std::optional<wfm::RosterDoc>> PublishedRosterOnLocked(const std::string& team, const std::string& date);
    Result<std::vector<wfm::Spell>> AgentSpellsLocked(const std::string& agent, int64_t from_ms, int64_t to_ms);
    std::mutex m_mutex;
    sql::Db m_db;
};

}  // namespace cb
