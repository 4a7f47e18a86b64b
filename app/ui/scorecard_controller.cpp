// ScorecardController (scorecard_controller.h).
#include "scorecard_controller.h"

#include <algorithm>
#include <cstdio>
#include "admin_controller.h"
#include "core/report/report_json.h"
#include "core/tz.h"

namespace cb {

std::string PercentEncode(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

std::string TeamComparisonPath(std::string_view team, std::string_view from, std::string_view to) {
    return "api/scorecards?team=" + PercentEncode(team) + "&from=" + PercentEncode(from) + "&to=" + PercentEncode(to);
}

std::string ScorecardPath(std::string_view agent, std::string_view from, std::string_view to, int periods) {
    return "api/scorecards/" + PercentEncode(agent) + "?from=" + PercentEncode(from) + "&to=" + PercentEncode(to) +
           "&periods=" + std::to_string(periods);
}

std::vector<const TeamInfo*> ScorecardTeams(const std::vector<TeamInfo>& teams, const SessionInfo* who) {
    std::vector<const TeamInfo*> out;
    const bool lead = who && who->accounts && who->role == "lead";
    for (const TeamInfo& t : teams) {
        if (lead && std::find(who->teams.begin(), who->teams.end(), t.key) == who->teams.end()) continue;
        out.push_back(&t);
    }
    return out;
}

std::vector<size_t> SortedAgents(const TeamComparison& t, int column, bool descending, bool zh) {
    std::vector<size_t> order(t.agents.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    const size_t figure = column > 0 ? size_t(column - 1) : 0;
    if (column > 0 && figure >= ScoreFigures().size()) return order;
    const auto name = [&](size_t i) -> const std::string& {
        const ReportGroupInfo& a = t.agents[i];
        return zh && !a.name_zh.empty() ? a.name_zh : !a.name_en.empty() ? a.name_en : a.key;
    };
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (column == 0) {
            const int c = name(a).compare(name(b));
            if (c != 0) return descending ? c > 0 : c < 0;
            return descending ? t.agents[a].key > t.agents[b].key : t.agents[a].key < t.agents[b].key;
        }
        const bool has_a = a < t.values.size() && figure < t.values[a].size() && t.values[a][figure].valid;
        const bool has_b = b < t.values.size() && figure < t.values[b].size() && t.values[b][figure].valid;
        if (has_a != has_b) return has_a;  // "-" last either way
        if (!has_a) return false;
        const double va = t.values[a][figure].value, vb = t.values[b][figure].value;
        return descending ? va > vb : va < vb;
    });
    return order;
}

void ScorecardController::Open(const std::string& today, const std::string& first_team) {
    if (m_state.to[0] == '\0') std::snprintf(m_state.to, sizeof m_state.to, "%s", today.c_str());
    if (m_state.from[0] == '\0') {
        CivilDate first;
        if (ParseCivilDate(today, &first)) first.day = 1;  // the month so far
        std::snprintf(m_state.from, sizeof m_state.from, "%s", FormatCivilDate(first).c_str());
    }
    if (m_state.team.empty()) m_state.team = first_team;
    Run();
}

int ScorecardController::NextTag(int* tag) {
    m_tag = m_tag >= kLastTag ? kFirstTag : m_tag + 1;
    *tag = m_tag;
    return m_tag;
}

void ScorecardController::Run() {
    CivilDate from, to;
    m_state.server_error = {};
    if (!ParseCivilDate(m_state.from, &from) || !ParseCivilDate(m_state.to, &to)) {
        m_state.error = ScorecardError::BadDate;
        return;
    }
    if (to < from) {
        m_state.error = ScorecardError::Reversed;
        return;
    }
    if (m_state.team.empty()) {
        m_state.error = ScorecardError::NoTeam;
        return;
    }
    m_state.error = ScorecardError::None;
    AskTable();
    if (m_state.screen == ScorecardScreen::Agent && !m_state.agent.empty()) AskCard();
}

void ScorecardController::AskTable() {
    ApiRequest r;
    r.method = "GET";
    r.path = TeamComparisonPath(m_state.team, m_state.from, m_state.to);
    r.tag = NextTag(&m_table_tag);
    m_state.loading = true;
    m_send(std::move(r));
}

void ScorecardController::AskCard() {
    ApiRequest r;
    r.method = "GET";
    r.path = ScorecardPath(m_state.agent, m_state.from, m_state.to, kPeriods);
    r.tag = NextTag(&m_card_tag);
    m_state.loading = true;
    m_send(std::move(r));
}

void ScorecardController::Command(int packed, const std::vector<const TeamInfo*>& teams) {
    const int arg = ScorecardArgOf(packed);
    switch (ScorecardCommandOf(packed)) {
    case ScorecardCommandKind::Run: Run(); break;
    case ScorecardCommandKind::SortBy:
        if (arg < 0 || size_t(arg) > ScoreFigures().size()) break;
        if (m_state.sort_column == arg) {
            m_state.sort_descending = !m_state.sort_descending;
        } else {
            m_state.sort_column = arg;
            m_state.sort_descending = arg > 0;  // figures: largest first, names: A to Z
        }
        break;
    case ScorecardCommandKind::OpenAgent:
        if (!m_state.has_table || arg < 0 || size_t(arg) >= m_state.table.agents.size()) break;
        m_state.agent = m_state.table.agents[size_t(arg)].key;
        m_state.screen = ScorecardScreen::Agent;
        m_state.has_card = false;
        m_state.error = ScorecardError::None;
        AskCard();
        break;
    case ScorecardCommandKind::BackToTeam:
        m_state.screen = ScorecardScreen::Team;
        m_card_tag = 0;
        break;
    case ScorecardCommandKind::PickTeam:
        if (arg < 0 || size_t(arg) >= teams.size() || teams[size_t(arg)]->key == m_state.team) break;
        m_state.team = teams[size_t(arg)]->key;
        m_state.screen = ScorecardScreen::Team;
        m_state.has_table = false;
        m_state.sort_column = 0;
        m_state.sort_descending = false;
        Run();
        break;
    }
}

void ScorecardController::OnAnswer(const TransportMessage& m) {
    if (m.kind != TransportMessage::Kind::Api || !OwnsTag(m.tag)) return;
    const bool table = m.tag == m_table_tag, card = m.tag == m_card_tag;
    if (!table && !card) return;  // an older request's answer
    if (table) m_table_tag = 0;
    if (card) m_card_tag = 0;
    m_state.loading = m_table_tag != 0 || m_card_tag != 0;
    if (m.status == 0) {
        m_state.error = ScorecardError::Unreachable;
        return;
    }
    if (m.status != 200) {
        m_state.error = ScorecardError::Server;
        m_state.server_error = ApiErrorFromJson(m.status, m.data);
        if (table) m_state.has_table = false;  // e.g. 403: not this lead's team; show nothing of it
        if (card) m_state.has_card = false;
        return;
    }
    std::string why;
    if (table) {
        TeamComparison t;
        if (!TeamComparisonFromJson(m.data, &t, &why)) {
            m_state.error = ScorecardError::Server;
            m_state.server_error = ApiError{m.status, "server", "", why};
            return;
        }
        m_state.table = std::move(t);
        m_state.has_table = true;
    } else {
        Scorecard c;
        if (!ScorecardFromJson(m.data, &c, &why)) {
            m_state.error = ScorecardError::Server;
            m_state.server_error = ApiError{m.status, "server", "", why};
            return;
        }
        m_state.card = std::move(c);
        m_state.has_card = true;
    }
}

void ScorecardController::Clear() {
    m_state = ScorecardState{};
    m_table_tag = m_card_tag = 0;
}

}  // namespace cb
