// Reports, scorecards, incidents, saved reports and notes (report_service.h).
#include "server/admin/report_service.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>
#include <unordered_set>

namespace cb {
namespace {

using K = AdminOutcome::Kind;

AdminOutcome Invalid(std::string field, const std::string& message) {
    return AdminOutcome::Fail(K::Invalid, "invalid", std::move(field), message);
}

AdminOutcome FromProblem(const ReportProblem& p) {
    // The problem's message names its field first ("to: ..."); AdminOutcome adds it again.
    const std::string prefix = p.field + ": ";
    const std::string message = p.message.rfind(prefix, 0) == 0 ? p.message.substr(prefix.size()) : p.message;
    return Invalid(p.field, message);
}

AdminOutcome StoreFailure(const Status& status) {
    return AdminOutcome::Fail(K::Failed, "store", "", "cannot read the reports: " + status.message());
}

std::string Joined(const std::vector<ReportGroupInfo>& groups, size_t max = 20) {
    std::string out;
    for (size_t i = 0; i < groups.size() && i < max; ++i) out += (i ? ", " : "") + groups[i].key;
    if (groups.size() > max) out += ", ...";
    return out;
}

const ReportGroupInfo* FindGroup(const std::vector<ReportGroupInfo>& groups, const std::string& key) {
    for (const ReportGroupInfo& g : groups) {
        if (g.key == key) return &g;
    }
    return nullptr;
}

bool Contains(const std::vector<std::string>& list, const std::string& key) {
    return std::find(list.begin(), list.end(), key) != list.end();
}

// The agents a caller may see: every agent, or a lead's teams' agents.
std::vector<ReportGroupInfo> VisibleAgents(const ReportDirectory& dir, const Caller& caller) {
    const Scope scope = caller.scope();
    if (scope.kind != Scope::Kind::Teams) return dir.agents;
    std::vector<ReportGroupInfo> out;
    for (const ReportGroupInfo& a : dir.agents) {
        if (Contains(scope.teams, a.team)) out.push_back(a);
    }
    return out;
}

bool SeesEverything(const Caller& caller) {
    return caller.local || caller.role == Role::Admin || caller.role == Role::Manager;
}

std::string AuditUser(const Actor& actor) { return actor.user.empty() ? "-" : actor.user; }

CivilDate AddDays(const CivilDate& d, int64_t days) { return CivilFromDays(DaysFromCivil(d) + days); }

// Characters of UTF-8 text (bytes that do not continue a character); false for invalid UTF-8.
bool Utf8Length(std::string_view text, size_t* out) {
    size_t n = 0;
    for (size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > text.size()) return false;
        for (size_t k = 1; k < len; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return false;
        }
        i += len;
        ++n;
    }
    *out = n;
    return true;
}

AdminOutcome CheckText(const std::string& field, const std::string& text, size_t max) {
    size_t length = 0;
    if (!Utf8Length(text, &length)) return Invalid(field, "not valid UTF-8");
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Invalid(field, "empty");
    if (length > max) return Invalid(field, "longer than " + std::to_string(max) + " characters (" + std::to_string(length) + ")");
    for (char c : text) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\n' && c != '\r' && c != '\t') return Invalid(field, "holds a control character");
    }
    return AdminOutcome::Ok();
}

// Single-valued parameters given twice are refused.
class Params {
public:
    explicit Params(const ReportParams& params) : m_params(params) {}
    AdminOutcome One(const char* name, std::string* out, bool* given) const {
        *given = false;
        for (const auto& [k, v] : m_params) {
            if (k != name) continue;
            if (*given) return Invalid(name, "given more than once");
            *out = v;
            *given = true;
        }
        return AdminOutcome::Ok();
    }
    std::vector<std::string> All(const char* name) const {
        std::vector<std::string> out;
        for (const auto& [k, v] : m_params) {
            if (k == name) out.push_back(v);
        }
        return out;
    }
    AdminOutcome Known(std::initializer_list<std::string_view> names) const {
        for (const auto& [k, v] : m_params) {
            bool ok = false;
            for (std::string_view n : names) ok = ok || k == n;
            if (!ok) return Invalid(k, "unknown parameter");
        }
        return AdminOutcome::Ok();
    }

private:
    const ReportParams& m_params;
};

AdminOutcome ParseDate(const char* field, const std::string& text, CivilDate* out) {
    if (!ParseCivilDate(text, out)) return Invalid(field, "'" + text + "' is not a date (YYYY-MM-DD)");
    return AdminOutcome::Ok();
}

AdminOutcome ParseWeekdayParam(const Params& p, int* out) {
    std::string text;
    bool given = false;
    if (AdminOutcome o = p.One("first_weekday", &text, &given); !o.ok()) return o;
    if (given && !ParseWeekday(text, out)) return Invalid("first_weekday", "'" + text + "' is not a weekday (monday ... sunday)");
    return AdminOutcome::Ok();
}

}  // namespace

AdminOutcome ParseDateParams(const ReportParams& params, const CivilDate& today, int first_weekday, CivilDate* from,
                             CivilDate* to) {
    const Params p(params);
    std::string from_text, to_text, range;
    bool has_from = false, has_to = false, has_range = false;
    for (auto [name, text, given] : {std::tuple{"from", &from_text, &has_from}, std::tuple{"to", &to_text, &has_to},
                                     std::tuple{"range", &range, &has_range}}) {
        if (AdminOutcome o = p.One(name, text, given); !o.ok()) return o;
    }
    if (has_range) {
        if (has_from || has_to) return Invalid("range", "give either range or from and to, not both");
        if (!ResolveReportRange(range, today, first_weekday, from, to)) {
            return Invalid("range", "'" + range + "' is not one of today, yesterday, this_week, last_week, this_month, last_month");
        }
        return AdminOutcome::Ok();
    }
    if (!has_from) return Invalid("from", "missing (a date YYYY-MM-DD, or range=last_week ...)");
    if (AdminOutcome o = ParseDate("from", from_text, from); !o.ok()) return o;
    if (!has_to) {
        *to = *from;  // one day
        return AdminOutcome::Ok();
    }
    return ParseDate("to", to_text, to);
}

AdminOutcome ParseReportParams(const ReportParams& params, const CivilDate& today, int stored_interval_minutes,
                               ReportQuery* out) {
    const Params p(params);
    if (AdminOutcome o = p.Known({"from", "to", "range", "granularity", "group", "first_weekday", "queue", "team", "agent"});
        !o.ok())
        return o;
    ReportQuery q;
    if (AdminOutcome o = ParseWeekdayParam(p, &q.first_weekday); !o.ok()) return o;
    if (AdminOutcome o = ParseDateParams(params, today, q.first_weekday, &q.from, &q.to); !o.ok()) return o;
    std::string text;
    bool given = false;
    if (AdminOutcome o = p.One("granularity", &text, &given); !o.ok()) return o;
    if (given && text == "interval") text = std::to_string(stored_interval_minutes) + "min";
    if (given && !ParseReportGranularity(text, &q.granularity)) {
        return Invalid("granularity", "'" + text + "' is not one of 15min, 30min, 60min, interval, day, week, month, range");
    }
    if (AdminOutcome o = p.One("group", &text, &given); !o.ok()) return o;
    if (given && !ParseReportGroup(text, &q.group)) {
        return Invalid("group", "'" + text + "' is not one of center, queue, team, agent");
    }
    q.queues = p.All("queue");
    q.teams = p.All("team");
    q.agents = p.All("agent");
    *out = std::move(q);
    return AdminOutcome::Ok();
}

AdminOutcome ParseIncidentParams(const ReportParams& params, const CivilDate& today, IncidentQuery* out) {
    const Params p(params);
    if (AdminOutcome o = p.Known({"date", "from", "to", "weeks", "queue"}); !o.ok()) return o;
    IncidentQuery q;
    q.date = today;
    std::string text;
    bool given = false;
    if (AdminOutcome o = p.One("date", &text, &given); !o.ok()) return o;
    if (given) {
        if (AdminOutcome o = ParseDate("date", text, &q.date); !o.ok()) return o;
    }
    for (auto [name, minutes] : {std::pair{"from", &q.from_min}, std::pair{"to", &q.to_min}}) {
        if (AdminOutcome o = p.One(name, &text, &given); !o.ok()) return o;
        if (!given) return Invalid(name, "missing (a local time HH:MM)");
        if (!ParseClockTime(text, minutes)) return Invalid(name, "'" + text + "' is not a time of day (HH:MM)");
    }
    if (AdminOutcome o = p.One("weeks", &text, &given); !o.ok()) return o;
    if (given) {
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), q.weeks);
        if (ec != std::errc() || end != text.data() + text.size()) return Invalid("weeks", "'" + text + "' is not a whole number");
    }
    q.queues = p.All("queue");
    *out = std::move(q);
    return AdminOutcome::Ok();
}

// ---------------------------------------------------------------------------------------------

ReportService::ReportService(Clock clock) : m_clock(std::move(clock)) {}

void ReportService::Attach(ReportStore* store, TimeZone zone, int interval_minutes) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_store = store;
    m_zone = std::move(zone);
    m_interval_minutes = interval_minutes;
}

void ReportService::Detach() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_store = nullptr;
    m_qa = nullptr;
}

void ReportService::AttachQa(QaStore* qa) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_qa = qa;
}

void ReportService::SetAdherenceReader(AdherenceReader reader) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_adherence = std::move(reader);
}

bool ReportService::ready() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_store != nullptr;
}

TimeZone ReportService::zone() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_zone;
}

int ReportService::interval_minutes() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_interval_minutes;
}

CivilDate ReportService::Today() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_zone.DateOf(m_clock());
}

AdminOutcome ReportService::Gate(const Caller& caller, Action action) {
    if (!RoleMay(caller.role, action)) {
        return AdminOutcome::Fail(K::Forbidden, "forbidden", "", "not allowed for role '" + std::string(RoleName(caller.role)) + "'");
    }
    if (!m_store) return AdminOutcome::Fail(K::Failed, "not_ready", "", "the reports are not ready yet");
    if (RoleDemoOnly(caller.role)) {
        Result<StoredLayout> layout = m_store->ReadLayout();
        if (!layout.ok()) return StoreFailure(layout.status());
        if (layout.value().data_kind != "demo") {
            return AdminOutcome::Fail(K::Forbidden, "demo_only", "", "trainers see demo data only; this server has real data");
        }
    }
    return AdminOutcome::Ok();
}

AdminOutcome ReportService::RunReport(const ReportQuery& query, const Caller& caller, Report* out) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (AdminOutcome o = Gate(caller, Action::ViewReports); !o.ok()) return o;
    if (std::optional<ReportProblem> p = CheckReportQuery(query, m_interval_minutes)) return FromProblem(*p);
    Result<ReportDirectory> dir = m_store->ReadDirectory();
    if (!dir.ok()) return StoreFailure(dir.status());
    const ReportDirectory& d = dir.value();
    const std::vector<ReportGroupInfo> agents = VisibleAgents(d, caller);
    for (const std::string& k : query.queues) {
        if (!FindGroup(d.queues, k)) return Invalid("queue", "unknown queue '" + k + "' (queues: " + Joined(d.queues) + ")");
    }
    for (const std::string& k : query.teams) {
        if (!FindGroup(d.teams, k)) return Invalid("team", "unknown team '" + k + "' (teams: " + Joined(d.teams) + ")");
    }
    for (const std::string& k : query.agents) {
        if (!FindGroup(agents, k)) return Invalid("agent", "unknown agent '" + k + "'");
    }

    const int64_t from_ms = RangeStartMs(m_zone, query);
    const int64_t to_ms = RangeEndMs(m_zone, query);
    ReportSource src;
    src.interval_minutes = m_interval_minutes;
    CountScope scope = CountScope::Center;
    std::vector<std::string> keys;
    std::unordered_map<std::string, uint32_t> group_of;
    bool all_to_first = false;
    switch (query.group) {
    case ReportGroup::Center:
        src.groups.push_back({"", "Whole center", "全中心", ""});
        all_to_first = true;
        if (!query.queues.empty()) {
            scope = CountScope::Queue;
            keys = query.queues;
        } else if (!query.teams.empty()) {
            scope = CountScope::Team;
            keys = query.teams;
        } else if (!query.agents.empty()) {
            scope = CountScope::Agent;
            keys = query.agents;
        }
        break;
    case ReportGroup::Queue:
        scope = CountScope::Queue;
        for (const ReportGroupInfo& g : d.queues) {
            if (query.queues.empty() || Contains(query.queues, g.key)) src.groups.push_back(g);
        }
        break;
    case ReportGroup::Team:
        scope = CountScope::Team;
        for (const ReportGroupInfo& g : d.teams) {
            if (query.teams.empty() || Contains(query.teams, g.key)) src.groups.push_back(g);
        }
        break;
    case ReportGroup::Agent:
        scope = CountScope::Agent;
        for (const ReportGroupInfo& g : agents) {
            if ((query.agents.empty() || Contains(query.agents, g.key)) && (query.teams.empty() || Contains(query.teams, g.team))) {
                src.groups.push_back(g);
            }
        }
        break;
    case ReportGroup::kCount: break;
    }
    if (!all_to_first) {
        for (size_t g = 0; g < src.groups.size(); ++g) {
            group_of[src.groups[g].key] = static_cast<uint32_t>(g);
            keys.push_back(src.groups[g].key);
        }
    }
    const size_t buckets = MakeReportBuckets(m_zone, query).size();
    const int64_t cells = static_cast<int64_t>(src.groups.size()) * static_cast<int64_t>(buckets);
    if (cells > kMaxReportCells) {
        return Invalid("to", "the report would have " + std::to_string(cells) + " rows (" + std::to_string(src.groups.size()) + " " +
                                 std::string(ReportGroupName(query.group)) + " rows x " + std::to_string(buckets) +
                                 " periods); at most " + std::to_string(kMaxReportCells) +
                                 ": choose a shorter range, a coarser granularity or filters");
    }
    // A group that is all of the caller's scope but not the center (a lead's agents with no
    // agent of theirs): no rows to read.
    const bool nothing = !all_to_first && keys.empty();
    if (!nothing) {
        const auto add = [&](std::string_view key, int64_t start, const KpiCounts& c, const ReportExtras& e) {
            uint32_t g = 0;
            if (!all_to_first) {
                auto it = group_of.find(std::string(key));
                if (it == group_of.end()) return;
                g = it->second;
            }
            src.rows.push_back({g, start, c, e});
        };
        const bool intervals = GranularityMinutes(query.granularity) > 0;
        Status status = intervals ? m_store->ReadIntervals(scope, from_ms, to_ms, keys, add)
                                  : m_store->ReadDays(scope, from_ms, to_ms, keys, add);
        if (!status.ok()) return StoreFailure(status);
    }
    // The queues whose definitions the counts used.
    std::vector<std::string> counted;
    if (query.group == ReportGroup::Queue) {
        for (const ReportGroupInfo& g : src.groups) src.group_queues.push_back({g.key});
    } else {
        if (query.group == ReportGroup::Center && !query.queues.empty()) {
            counted = query.queues;
        } else {
            Result<std::vector<std::string>> q = m_store->QueuesWithCounts(from_ms, to_ms);
            if (!q.ok()) return StoreFailure(q.status());
            counted = std::move(q.value());
        }
        src.group_queues.assign(src.groups.size(), counted);
    }
    Result<std::vector<DefinitionVersion>> defs = m_store->ReadDefinitions();
    if (!defs.ok()) return StoreFailure(defs.status());
    src.definitions = std::move(defs.value());
    Result<StoredLayout> layout = m_store->ReadLayout();
    if (!layout.ok()) return StoreFailure(layout.status());
    if (layout.value().rollups_pending) {
        for (CivilDate day = query.from; day <= query.to; day = AddDays(day, 1)) src.pending_days.push_back(day);
    } else {
        Result<std::vector<int64_t>> pending = m_store->PendingDays(from_ms, to_ms);
        if (!pending.ok()) return StoreFailure(pending.status());
        for (int64_t day : pending.value()) src.pending_days.push_back(m_zone.DateOf(day));
    }
    *out = BuildReport(query, m_zone, src, m_clock());
    return AdminOutcome::Ok();
}

AdminOutcome ReportService::Definitions(const Caller& caller, std::vector<DefinitionVersion>* out) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (AdminOutcome o = Gate(caller, Action::ViewReports); !o.ok()) return o;
    Result<std::vector<DefinitionVersion>> defs = m_store->ReadDefinitions();
    if (!defs.ok()) return StoreFailure(defs.status());
    *out = std::move(defs.value());
    return AdminOutcome::Ok();
}

AdminOutcome ReportService::ReadPeriod(const std::vector<std::string>& agents, const CivilDate& from, const CivilDate& to,
                                       std::vector<AgentPeriodCounts>* out) {
    out->clear();
    std::unordered_map<std::string, size_t> index;
    for (const std::string& a : agents) {
        index[a] = out->size();
        out->push_back(AgentPeriodCounts{a, {}, {}});
    }
    if (agents.empty()) return AdminOutcome::Ok();
    Status status = m_store->ReadDays(CountScope::Agent, m_zone.StartOfDate(from), m_zone.StartOfDate(AddDays(to, 1)), agents,
                                      [&](std::string_view key, int64_t, const KpiCounts& c, const ReportExtras& e) {
                                          auto it = index.find(std::string(key));
                                          if (it == index.end()) return;
                                          (*out)[it->second].counts.Add(c);
                                          (*out)[it->second].extras.Add(e);
                                      });
    if (!status.ok()) return StoreFailure(status);
    if (m_adherence) {
        for (AgentPeriodCounts& p : *out) {
            Result<wfm::AdherenceFigure> f = m_adherence(p.agent, from, to);
            if (!f.ok()) return StoreFailure(f.status());
            p.adherence = f.value();
        }
    }
    return AdminOutcome::Ok();
}

namespace {

std::optional<ReportProblem> CheckRange(const CivilDate& from, const CivilDate& to) {
    ReportQuery q;
    q.from = from;
    q.to = to;
    return CheckReportQuery(q, 15);
}

}  // namespace

AdminOutcome ReportService::CompareTeam(const std::string& team, const CivilDate& from, const CivilDate& to,
                                        const Caller& caller, TeamComparison* out) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (AdminOutcome o = Gate(caller, Action::ViewReports); !o.ok()) return o;
    if (std::optional<ReportProblem> p = CheckRange(from, to)) return FromProblem(*p);
    Result<ReportDirectory> dir = m_store->ReadDirectory();
    if (!dir.ok()) return StoreFailure(dir.status());
    const ReportGroupInfo* info = FindGroup(dir.value().teams, team);
    if (!info) return Invalid("team", "unknown team '" + team + "' (teams: " + Joined(dir.value().teams) + ")");
    const Scope scope = caller.scope();
    if (scope.kind == Scope::Kind::Teams && !Contains(scope.teams, team)) {
        return AdminOutcome::Fail(K::Forbidden, "not_your_team", "team", "team '" + team + "' is not one of your teams");
    }
    std::vector<ReportGroupInfo> agents;
    std::vector<std::string> keys;
    for (const ReportGroupInfo& a : dir.value().agents) {
        if (a.team != team) continue;
        agents.push_back(a);
        keys.push_back(a.key);
    }
    std::vector<AgentPeriodCounts> period;
    if (AdminOutcome o = ReadPeriod(keys, from, to, &period); !o.ok()) return o;
    *out = BuildTeamComparison(*info, agents, period, from, to, m_zone.name());
    return AdminOutcome::Ok();
}

AdminOutcome ReportService::AgentScorecard(const std::string& agent, const CivilDate& from, const CivilDate& to,
                                           int periods, const Caller& caller, Scorecard* out) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (AdminOutcome o = Gate(caller, Action::ViewReports); !o.ok()) return o;
    if (std::optional<ReportProblem> p = CheckRange(from, to)) return FromProblem(*p);
    if (periods < 0 || periods > kMaxScorecardPeriods) {
        return Invalid("periods", std::to_string(periods) + " is not 0-" + std::to_string(kMaxScorecardPeriods));
    }
    Result<ReportDirectory> dir = m_store->ReadDirectory();
    if (!dir.ok()) return StoreFailure(dir.status());
    const std::vector<ReportGroupInfo> visible = VisibleAgents(dir.value(), caller);
    const ReportGroupInfo* me = FindGroup(visible, agent);
    if (!me) return AdminOutcome::Fail(K::NotFound, "no_such_agent", "", "no agent '" + agent + "'");
    const ReportGroupInfo* team = FindGroup(dir.value().teams, me->team);
    const ReportGroupInfo team_info = team ? *team : ReportGroupInfo{me->team, me->team, me->team, ""};
    std::vector<ReportGroupInfo> mates;
    std::vector<std::string> keys;
    size_t my_index = 0;
    for (const ReportGroupInfo& a : dir.value().agents) {
        if (a.team != me->team) continue;
        if (a.key == agent) my_index = mates.size();
        mates.push_back(a);
        keys.push_back(a.key);
    }
    std::vector<AgentPeriodCounts> period;
    if (AdminOutcome o = ReadPeriod(keys, from, to, &period); !o.ok()) return o;
    const TeamComparison comparison = BuildTeamComparison(team_info, mates, period, from, to, m_zone.name());
    const auto previous = PreviousPeriods(from, to, periods);
    std::vector<AgentPeriodCounts> history;
    for (const auto& [pf, pt] : previous) {
        std::vector<AgentPeriodCounts> one;
        if (AdminOutcome o = ReadPeriod({agent}, pf, pt, &one); !o.ok()) return o;
        history.push_back(one.front());
    }
    *out = BuildScorecard(comparison, my_index, previous, history);
    if (m_qa) {
        // Regular evaluations of the agent's calls in the range's local days (calibration never).
        QaEvaluationFilter f;
        CivilTime t;
        t.date = from;
        f.from_ms = m_zone.ToUtc(t);
        t.date = CivilFromDays(DaysFromCivil(to) + 1);
        f.to_ms = m_zone.ToUtc(t);
        f.agent = agent;
        f.limit = 100000;
        Result<std::vector<qa::QaRecord>> recs = m_qa->Records(f);
        if (!recs.ok()) return StoreFailure(recs.status());
        out->qa.available = true;
        for (const qa::QaReportRow& row : qa::BuildQaReport(recs.value(), qa::QaGroup::Agent)) {
            out->qa.evaluations = row.evaluations;
            out->qa.scored = row.scored;
            out->qa.auto_failed = row.auto_failed;
            out->qa.percent = row.percent;
        }
    }
    return AdminOutcome::Ok();
}

AdminOutcome ReportService::Incident(const IncidentQuery& query, const Caller& caller, IncidentReport* out) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (AdminOutcome o = Gate(caller, Action::ViewReports); !o.ok()) return o;
    if (std::optional<ReportProblem> p = CheckIncidentQuery(query)) return FromProblem(*p);
    Result<ReportDirectory> dir = m_store->ReadDirectory();
    if (!dir.ok()) return StoreFailure(dir.status());
    for (const std::string& k : query.queues) {
        if (!FindGroup(dir.value().queues, k)) {
            return Invalid("queue", "unknown queue '" + k + "' (queues: " + Joined(dir.value().queues) + ")");
        }
    }
    IncidentSource src;
    src.interval_minutes = m_interval_minutes;
    const CountScope scope = query.queues.empty() ? CountScope::Center : CountScope::Queue;
    std::vector<CivilDate> days = {query.date};
    for (const CivilDate& w : IncidentWeeks(query.date, query.weeks)) days.push_back(w);
    for (size_t i = 0; i < days.size(); ++i) {
        const int64_t start = m_zone.StartOfDate(days[i]);
        const int64_t end = m_zone.StartOfDate(AddDays(days[i], 1));
        Status status = m_store->ReadIntervals(scope, start, end, query.queues,
                                               [&](std::string_view, int64_t t, const KpiCounts& c, const ReportExtras&) {
                                                   src.rows.push_back({t, c});
                                               });
        if (!status.ok()) return StoreFailure(status);
        if (i > 0) {
            Result<std::vector<int64_t>> with = m_store->DaysWithData(start, end);
            if (!with.ok()) return StoreFailure(with.status());
            src.week_has_data.push_back(!with.value().empty());
        }
    }
    Result<std::vector<DefinitionVersion>> defs = m_store->ReadDefinitions();
    if (!defs.ok()) return StoreFailure(defs.status());
    src.definitions = std::move(defs.value());
    IncidentReport report = BuildIncidentReport(query, m_zone, src);
    Result<std::vector<IncidentNote>> notes = m_store->Notes(report.from_ms, report.to_ms);
    if (!notes.ok()) return StoreFailure(notes.status());
    report.notes = std::move(notes.value());
    *out = std::move(report);
    return AdminOutcome::Ok();
}

// ---------------------------------------------------------------------------------------------

AdminOutcome ReportService::SaveReport(const std::string& name, const ReportQuery& query, const Caller& caller,
                                       const Actor& actor, SavedReport* out) {
    if (AdminOutcome o = CheckText("name", name, kMaxSavedReportName); !o.ok()) return o;
    Report report;
    if (AdminOutcome o = RunReport(query, caller, &report); !o.ok()) return o;
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_store) return AdminOutcome::Fail(K::Failed, "not_ready", "", "the reports are not ready yet");
    SavedReportRow row;
    row.name = name;
    row.owner = caller.user;
    row.created_ms = m_clock();
    row.query_json = ReportQueryToJson(query);
    row.report_json = ReportToJson(report);
    const AuditEntry audit{0, row.created_ms, AuditUser(actor), "report_save", "", actor.address, true};
    Result<int64_t> id = m_store->SaveReport(row, audit);
    if (!id.ok()) return AdminOutcome::Fail(K::Failed, "store", "", id.status().message());
    *out = SavedReport{id.value(), name, row.owner, row.created_ms, std::move(report)};
    return AdminOutcome::Ok();
}

AdminOutcome ReportService::ListSaved(const Caller& caller, std::vector<SavedReport>* out) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (AdminOutcome o = Gate(caller, Action::ViewReports); !o.ok()) return o;
    Result<std::vector<SavedReportRow>> rows = m_store->ListSaved();
    if (!rows.ok()) return StoreFailure(rows.status());
    out->clear();
    for (const SavedReportRow& r : rows.value()) {
        if (!SeesEverything(caller) && r.owner != caller.user) continue;
        SavedReport s{r.id, r.name, r.owner, r.created_ms, {}};
        std::string error;
        ReportQueryFromJson(r.query_json, &s.report.query, &error);
        out->push_back(std::move(s));
    }
    return AdminOutcome::Ok();
}

AdminOutcome ReportService::GetSaved(int64_t id, const Caller& caller, SavedReport* out) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (AdminOutcome o = Gate(caller, Action::ViewReports); !o.ok()) return o;
    Result<std::optional<SavedReportRow>> row = m_store->GetSaved(id);
    if (!row.ok()) return StoreFailure(row.status());
    const auto& r = row.value();
    if (!r || (!SeesEverything(caller) && r->owner != caller.user)) {
        return AdminOutcome::Fail(K::NotFound, "no_such_report", "", "no saved report " + std::to_string(id));
    }
    SavedReport s{r->id, r->name, r->owner, r->created_ms, {}};
    std::string error;
    if (!ReportFromJson(r->report_json, &s.report, &error)) {
        return AdminOutcome::Fail(K::Failed, "store", "", "saved report " + std::to_string(id) + " does not read: " + error);
    }
    *out = std::move(s);
    return AdminOutcome::Ok();
}

AdminOutcome ReportService::DeleteSaved(int64_t id, const Caller& caller, const Actor& actor) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (AdminOutcome o = Gate(caller, Action::ViewReports); !o.ok()) return o;
    Result<std::optional<SavedReportRow>> row = m_store->GetSaved(id);
    if (!row.ok()) return StoreFailure(row.status());
    const auto& r = row.value();
    if (!r || (!SeesEverything(caller) && r->owner != caller.user)) {
        return AdminOutcome::Fail(K::NotFound, "no_such_report", "", "no saved report " + std::to_string(id));
    }
    const AuditEntry audit{0, m_clock(), AuditUser(actor), "report_delete", "report " + std::to_string(id), actor.address, true};
    Result<bool> deleted = m_store->DeleteSaved(id, audit);
    if (!deleted.ok()) return AdminOutcome::Fail(K::Failed, "store", "", deleted.status().message());
    return AdminOutcome::Ok();
}

// ---------------------------------------------------------------------------------------------

namespace {

constexpr int64_t kMinNoteMs = 0;                    // 1970-01-01
constexpr int64_t kMaxNoteMs = 4102444800000;        // 2100-01-01
constexpr int64_t kMaxNoteWindowMs = 31LL * 86400000;

AdminOutcome CheckWindow(int64_t from_ms, int64_t to_ms) {
    if (from_ms < kMinNoteMs || from_ms >= kMaxNoteMs) return Invalid("from_ms", std::to_string(from_ms) + " is outside 1970-2099");
    if (to_ms <= from_ms) return Invalid("to_ms", std::to_string(to_ms) + " is not after from_ms (" + std::to_string(from_ms) + ")");
    if (to_ms > kMaxNoteMs) return Invalid("to_ms", std::to_string(to_ms) + " is outside 1970-2099");
    if (to_ms - from_ms > kMaxNoteWindowMs) return Invalid("to_ms", "a note's window is at most 31 days");
    return AdminOutcome::Ok();
}

}  // namespace

AdminOutcome ReportService::Notes(int64_t from_ms, int64_t to_ms, const Caller& caller, std::vector<IncidentNote>* out) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (AdminOutcome o = Gate(caller, Action::ViewReports); !o.ok()) return o;
    if (to_ms <= from_ms) return Invalid("to_ms", std::to_string(to_ms) + " is not after from_ms (" + std::to_string(from_ms) + ")");
    Result<std::vector<IncidentNote>> notes = m_store->Notes(from_ms, to_ms);
    if (!notes.ok()) return StoreFailure(notes.status());
    *out = std::move(notes.value());
    return AdminOutcome::Ok();
}

AdminOutcome ReportService::AddNote(int64_t from_ms, int64_t to_ms, const std::string& text, const Caller& caller,
                                    const Actor& actor, IncidentNote* out) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (AdminOutcome o = Gate(caller, Action::WriteIncidentNotes); !o.ok()) return o;
    if (AdminOutcome o = CheckWindow(from_ms, to_ms); !o.ok()) return o;
    if (AdminOutcome o = CheckText("text", text, kMaxNoteChars); !o.ok()) return o;
    const int64_t now = m_clock();
    const AuditEntry audit{0, now, AuditUser(actor), "incident_note_add", "", actor.address, true};
    Result<IncidentNote> note = m_store->AddNote(from_ms, to_ms, text, caller.user, now, audit);
    if (!note.ok()) return AdminOutcome::Fail(K::Failed, "store", "", note.status().message());
    *out = std::move(note.value());
    return AdminOutcome::Ok();
}

AdminOutcome ReportService::EditNote(int64_t id, const std::string& text, const Caller& caller, const Actor& actor,
                                     IncidentNote* out) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (AdminOutcome o = Gate(caller, Action::WriteIncidentNotes); !o.ok()) return o;
    Result<std::optional<IncidentNote>> found = m_store->GetNote(id);
    if (!found.ok()) return StoreFailure(found.status());
    if (!found.value()) return AdminOutcome::Fail(K::NotFound, "no_such_note", "", "no note " + std::to_string(id));
    if (!SeesEverything(caller) && found.value()->author != caller.user) {
        return AdminOutcome::Fail(K::Forbidden, "not_your_note", "", "note " + std::to_string(id) +
                                                                         " was written by someone else; only its author, an "
                                                                         "admin or a manager may change it");
    }
    if (AdminOutcome o = CheckText("text", text, kMaxNoteChars); !o.ok()) return o;
    const int64_t now = m_clock();
    const AuditEntry audit{0, now, AuditUser(actor), "incident_note_edit", "", actor.address, true};
    Result<std::optional<IncidentNote>> note = m_store->EditNote(id, text, caller.user, now, audit);
    if (!note.ok()) return AdminOutcome::Fail(K::Failed, "store", "", note.status().message());
    if (!note.value()) return AdminOutcome::Fail(K::NotFound, "no_such_note", "", "no note " + std::to_string(id));
    *out = std::move(*note.value());
    return AdminOutcome::Ok();
}

AdminOutcome ReportService::NoteHistory(int64_t id, const Caller& caller, IncidentNote* note,
                                        std::vector<NoteRevision>* revisions) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (AdminOutcome o = Gate(caller, Action::ViewReports); !o.ok()) return o;
    Result<std::optional<IncidentNote>> found = m_store->GetNote(id);
    if (!found.ok()) return StoreFailure(found.status());
    if (!found.value()) return AdminOutcome::Fail(K::NotFound, "no_such_note", "", "no note " + std::to_string(id));
    *note = *found.value();
    Result<std::vector<NoteRevision>> revs = m_store->NoteRevisions(id);
    if (!revs.ok()) return StoreFailure(revs.status());
    *revisions = std::move(revs.value());
    return AdminOutcome::Ok();
}

}  // namespace cb
