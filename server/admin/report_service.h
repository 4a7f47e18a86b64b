// Reports, scorecards, incident reports, saved reports and incident notes (docs/reports.md): the
// rules the HTTP API and the command line share. It reads the store (server/store/store_reports.h),
// builds the results with the core (core/report/), checks every input (what and where) and cuts
// what a caller receives to what the caller may see (docs/auth.md): leads see every queue and
// team total but the agents of their own teams only; wallboards see no history; trainers see
// demo data only. Read-only except saved reports and notes, which are audited. Thread-safe.
#pragma once
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>
#include "core/report/incident.h"
#include "core/report/report.h"
#include "core/report/report_json.h"
#include "core/report/scorecard.h"
#include "core/tz.h"
#include "server/admin/admin_outcome.h"
#include "server/auth/auth_service.h"
#include "server/store/store_qa.h"
#include "server/store/store_reports.h"

namespace cb {

// A request's parameters by name, in order (query parameters of the API, options of the
// command line); a name may repeat (queue, team, agent).
using ReportParams = std::vector<std::pair<std::string, std::string>>;

// from and to (YYYY-MM-DD; to defaults to from) or range (today, yesterday, this_week,
// last_week, this_month, last_month, relative to `today`), granularity (15min, 30min, 60min,
// interval = the stored intervals' length, day, week, month, range; default day), group (center,
// queue, team, agent; default center), first_weekday (monday ... sunday; default monday), queue,
// team, agent (repeatable). Fails Invalid naming the parameter.
AdminOutcome ParseReportParams(const ReportParams& params, const CivilDate& today, int stored_interval_minutes,
                               ReportQuery* out);
// from/to or range only (scorecards, team comparisons).
AdminOutcome ParseDateParams(const ReportParams& params, const CivilDate& today, int first_weekday, CivilDate* from,
                             CivilDate* to);
// date (YYYY-MM-DD, default today), from and to (HH:MM), weeks (1-12, default 4), queue (repeatable).
AdminOutcome ParseIncidentParams(const ReportParams& params, const CivilDate& today, IncidentQuery* out);

inline constexpr int kDefaultScorecardPeriods = 6;
inline constexpr int kMaxScorecardPeriods = 12;
inline constexpr size_t kMaxSavedReportName = 200;

class ReportService {
public:
    using Clock = std::function<int64_t()>;
    explicit ReportService(Clock clock);

    // store: open; zone and interval_minutes: how the stored days are cut (the center's).
    void Attach(ReportStore* store, TimeZone zone, int interval_minutes);
    void Detach();
    // Where scorecards read an agent's schedule adherence over local dates [from, to] (the
    // server: RosterStore::AgentAdherence with the default exception threshold, time up to now).
    // Without one (or cleared with an empty function) every agent's adherence is "no schedule".
    using AdherenceReader = std::function<Result<wfm::AdherenceFigure>(const std::string& agent, const CivilDate& from,
                                                                       const CivilDate& to)>;
    void SetAdherenceReader(AdherenceReader reader);
    // The QA evaluations behind the scorecards' QA score (docs/qa.md); null: scorecards show none.
    void AttachQa(QaStore* qa);
    bool ready() const;
    TimeZone zone() const;
    int interval_minutes() const;
    CivilDate Today() const;  // the center's local date now

    AdminOutcome RunReport(const ReportQuery& query, const Caller& caller, Report* out);
    AdminOutcome Definitions(const Caller& caller, std::vector<DefinitionVersion>* out);
    // A team's comparison table; a lead only for their own teams (Forbidden otherwise).
    AdminOutcome CompareTeam(const std::string& team, const CivilDate& from, const CivilDate& to, const Caller& caller,
                             TeamComparison* out);
    // An agent's scorecard with `periods` previous periods (0-12); an agent outside the caller's
    // scope is NotFound exactly like an unknown one.
    AdminOutcome AgentScorecard(const std::string& agent, const CivilDate& from, const CivilDate& to, int periods,
                                const Caller& caller, Scorecard* out);
    AdminOutcome Incident(const IncidentQuery& query, const Caller& caller, IncidentReport* out);

    // Saved reports: computed now, stored with their definitions, read back as stored. Visible
    // to their owner, and to admins and managers.
    AdminOutcome SaveReport(const std::string& name, const ReportQuery& query, const Caller& caller, const Actor& actor,
                            SavedReport* out);
    AdminOutcome ListSaved(const Caller& caller, std::vector<SavedReport>* out);
    AdminOutcome GetSaved(int64_t id, const Caller& caller, SavedReport* out);
    AdminOutcome DeleteSaved(int64_t id, const Caller& caller, const Actor& actor);

    // Incident notes: 1-10,000 characters about a window [from_ms, to_ms). Written by admins,
    // managers and leads; edited by their author, or by an admin or manager; every revision kept;
    // audited without their text.
    AdminOutcome Notes(int64_t from_ms, int64_t to_ms, const Caller& caller, std::vector<IncidentNote>* out);
    AdminOutcome AddNote(int64_t from_ms, int64_t to_ms, const std::string& text, const Caller& caller,
                         const Actor& actor, IncidentNote* out);
    AdminOutcome EditNote(int64_t id, const std::string& text, const Caller& caller, const Actor& actor,
                          IncidentNote* out);
    AdminOutcome NoteHistory(int64_t id, const Caller& caller, IncidentNote* note, std::vector<NoteRevision>* revisions);

private:
    AdminOutcome Gate(const Caller& caller, Action action);
    AdminOutcome ReadPeriod(const std::vector<std::string>& agents, const CivilDate& from, const CivilDate& to,
                            std::vector<AgentPeriodCounts>* out);

    Clock m_clock;
    mutable std::mutex m_mutex;
    ReportStore* m_store = nullptr;
    QaStore* m_qa = nullptr;
    TimeZone m_zone;
    int m_interval_minutes = 15;
    AdherenceReader m_adherence;
};

}  // namespace cb
