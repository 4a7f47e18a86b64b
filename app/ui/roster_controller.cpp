// RosterController (roster_controller.h).
#include "roster_controller.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include "core/tz.h"

namespace cb {

namespace {

std::string Encode(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

bool ValidDate(const char* text) {
    CivilDate d;
    return ParseCivilDate(text, &d);
}

}  // namespace

void RosterController::Open(const std::string& team, const std::string& today) {
    if (m_state.team[0] == '\0') std::snprintf(m_state.team, sizeof m_state.team, "%s", team.c_str());
    CivilDate d;
    if (m_state.week[0] == '\0' && ParseCivilDate(today, &d)) {
        const CivilDate monday = CivilFromDays(DaysFromCivil(d) - WeekdayOf(d));
        std::snprintf(m_state.week, sizeof m_state.week, "%s", FormatCivilDate(monday).c_str());
    }
    if (m_state.day[0] == '\0') std::snprintf(m_state.day, sizeof m_state.day, "%s", today.c_str());
    Command(RosterCommand::Load);
}

void RosterController::Request(Kind kind, std::string method, std::string path, std::string body) {
    m_state.loading = true;
    m_state.error = {};
    m_state.why.clear();
    m_kind = kind;
    m_next_tag = m_next_tag >= kLastTag ? kFirstTag : m_next_tag + 1;
    ApiRequest r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.body = std::move(body);
    r.tag = m_next_tag;
    m_send(std::move(r));
}

void RosterController::Command(RosterCommand c) {
    m_state.bad_date = false;
    switch (c) {
    case RosterCommand::TabRoster: m_state.tab = RosterTab::Roster; return;
    case RosterCommand::TabBreaks:
        m_state.tab = RosterTab::Breaks;
        Command(RosterCommand::LoadBreaks);
        return;
    case RosterCommand::TabAdherence:
        m_state.tab = RosterTab::Adherence;
        Command(RosterCommand::LoadAdherence);
        return;
    case RosterCommand::Load:
        if (!ValidDate(m_state.week)) {
            m_state.bad_date = true;
            return;
        }
        Request(Kind::List, "GET", "api/wfm/rosters?team=" + Encode(m_state.team));
        return;
    case RosterCommand::Solve:
        if (!ValidDate(m_state.week)) {
            m_state.bad_date = true;
            return;
        }
        Request(Kind::Solve, "POST", "api/wfm/rosters",
                nlohmann::json{{"team", m_state.team}, {"start_date", m_state.week}, {"time_limit_s", 20}}.dump());
        return;
    case RosterCommand::Publish:
        if (!m_state.has_roster) return;
        Request(Kind::Publish, "POST", "api/wfm/rosters/" + std::to_string(m_state.doc.id) + "/publish");
        return;
    case RosterCommand::LoadBreaks:
        if (!ValidDate(m_state.day)) {
            m_state.bad_date = true;
            return;
        }
        Request(Kind::Breaks, "GET", "api/wfm/breaks?team=" + Encode(m_state.team) + "&date=" + Encode(m_state.day));
        return;
    case RosterCommand::LoadAdherence:
        if (!ValidDate(m_state.day)) {
            m_state.bad_date = true;
            return;
        }
        Request(Kind::Adherence, "GET", "api/wfm/adherence?team=" + Encode(m_state.team) + "&date=" + Encode(m_state.day));
        return;
    }
}

void RosterController::Recompute() {
    m_state.stats = wfm::Evaluate(m_state.doc.problem, m_state.doc.roster);
}

void RosterController::Edit(int agent, int day, int shift) {
    if (!m_state.has_roster || agent < 0 || static_cast<size_t>(agent) >= m_state.doc.roster.shift.size()) return;
    auto& row = m_state.doc.roster.shift[static_cast<size_t>(agent)];
    if (day < 0 || static_cast<size_t>(day) >= row.size() || shift < -1 || shift >= static_cast<int>(m_state.doc.problem.shifts.size())) return;
    row[static_cast<size_t>(day)] = shift;
    Recompute();  // coverage at once
    nlohmann::json change{{"agent", m_state.doc.problem.agents[static_cast<size_t>(agent)].key},
                          {"day", day},
                          {"shift", shift < 0 ? nlohmann::json(nullptr) : nlohmann::json(m_state.doc.problem.shifts[static_cast<size_t>(shift)].name)}};
    Request(Kind::Edit, "PATCH", "api/wfm/rosters/" + std::to_string(m_state.doc.id) + "/assignments",
            nlohmann::json{{"changes", {change}}}.dump());
}

void RosterController::Decide(int index, bool approve) {
    if (index < 0 || static_cast<size_t>(index) >= m_state.requests.size()) return;
    Request(Kind::Decide, "POST", "api/wfm/breaks/" + std::to_string(m_state.requests[static_cast<size_t>(index)].id) + (approve ? "/approve" : "/decline"));
}

void RosterController::OnAnswer(const TransportMessage& m) {
    if (m.kind != TransportMessage::Kind::Api || !OwnsTag(m.tag) || m.tag != m_next_tag || !m_state.loading) return;
    m_state.loading = false;
    if (m.status == 0) {
        m_state.error = ApiError{-1, "unreachable", "", ""};
        return;
    }
    if (m.status >= 400) {
        m_state.error = ApiErrorFromJson(m.status, m.data);
        const nlohmann::json j = nlohmann::json::parse(m.data, nullptr, false);
        if (j.is_object() && j.contains("why") && j["why"].is_array())
            for (const auto& w : j["why"])
                if (w.is_string()) m_state.why.push_back(w.get<std::string>());
        // A refused edit: show the roster as the server keeps it.
        if (m_kind == Kind::Edit) {
            const ApiError refused = m_state.error;
            const std::vector<std::string> why = m_state.why;
            Request(Kind::Roster, "GET", "api/wfm/rosters/" + std::to_string(m_state.doc.id));
            m_state.error = refused;
            m_state.why = why;
        }
        return;
    }
    std::string error;
    switch (m_kind) {
    case Kind::List: {
        std::vector<wfm::RosterSummary> list;
        if (!wfm::RosterListFromJson(m.data, &list, &error)) break;
        // The week's roster: the published one, else the newest version.
        const wfm::RosterSummary* pick = nullptr;
        for (const wfm::RosterSummary& r : list) {
            if (r.start_date != m_state.week) continue;
            if (!pick || (r.status == "published" && pick->status != "published")) pick = &r;
        }
        if (!pick) {
            m_state.has_roster = false;
            m_state.no_roster = true;
            return;
        }
        m_state.no_roster = false;
        Request(Kind::Roster, "GET", "api/wfm/rosters/" + std::to_string(pick->id));
        return;
    }
    case Kind::Roster:
    case Kind::Solve:
    case Kind::Edit:
    case Kind::Publish: {
        wfm::RosterDoc doc;
        std::vector<wfm::RosterLogEntry> log;
        if (!wfm::RosterDocFromJson(m.data, &doc, &log, &error)) break;
        m_state.doc = std::move(doc);
        m_state.log = std::move(log);
        m_state.has_roster = true;
        m_state.no_roster = false;
        Recompute();
        return;
    }
    case Kind::Breaks: {
        if (!wfm::BreakRequestsFromJson(m.data, &m_state.requests, &m_state.allowances, &error)) break;
        m_state.has_breaks = true;
        return;
    }
    case Kind::Decide:
        Command(RosterCommand::LoadBreaks);
        return;
    case Kind::Adherence: {
        if (!wfm::AdherenceDayFromJson(m.data, &m_state.adherence, &error)) break;
        m_state.has_adherence = true;
        return;
    }
    }
    m_state.error = ApiError{m.status, "server", "", error};
}

void RosterController::Clear() { m_state = RosterPageState{}; }

std::string SolveStatusText(const I18n& tr, const std::string& status) {
    if (status == "optimal") return tr(Str::WfmStOptimal);
    if (status == "feasible") return tr(Str::WfmStFeasible);
    return status;
}

const char* RosterLogAction(const I18n& tr, const std::string& action) {
    if (action == "solve") return tr(Str::WfmLogSolve);
    if (action == "edit") return tr(Str::WfmLogEdit);
    if (action == "publish") return tr(Str::WfmPublished);
    return action.c_str();
}

std::string RosterLogLine(const I18n& tr, const wfm::RosterLogEntry& e, const std::function<std::string(const std::string&)>& agent_name) {
    if (!e.detail.empty()) return e.detail;
    char buf[512];
    if (e.action == "solve") {
        std::snprintf(buf, sizeof buf, tr(Str::WfmLogSolveFmt), e.start_date.c_str(), SolveStatusText(tr, e.status).c_str(), e.objective,
                      e.gap * 100);
        return buf;
    }
    if (e.action == "publish") {
        std::snprintf(buf, sizeof buf, tr(Str::WfmLogPublishFmt), e.version);
        return buf;
    }
    CivilDate start;
    const bool dated = ParseCivilDate(e.start_date, &start);
    std::string out;
    for (const wfm::RosterLogChange& c : e.changes) {
        const std::string date = dated ? FormatCivilDate(CivilFromDays(DaysFromCivil(start) + c.day)) : e.start_date + "+" + std::to_string(c.day);
        std::snprintf(buf, sizeof buf, tr(Str::WfmLogChangeFmt), agent_name(c.agent).c_str(), date.c_str(),
                      c.from.empty() ? tr(Str::WfmOff) : c.from.c_str(), c.to.empty() ? tr(Str::WfmOff) : c.to.c_str());
        if (!out.empty()) out += tr(Str::WfmLogSep);
        out += buf;
    }
    return out;
}

}  // namespace cb
