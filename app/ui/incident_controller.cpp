// IncidentController (incident_controller.h).
#include "incident_controller.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include "admin_controller.h"
#include "core/report/report_json.h"
#include "core/tz.h"
#include "scorecard_controller.h"

namespace cb {

std::string IncidentPath(std::string_view date, std::string_view from, std::string_view to, int weeks,
                         std::string_view queues) {
    std::string path = "api/incidents?date=" + PercentEncode(date) + "&from=" + PercentEncode(from) +
                       "&to=" + PercentEncode(to) + "&weeks=" + std::to_string(weeks);
    for (const std::string& key : ParseTeamsText(queues)) path += "&queue=" + PercentEncode(key);
    return path;
}

size_t Utf8Chars(std::string_view text) {
    size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string NewNoteJson(int64_t from_ms, int64_t to_ms, std::string_view text) {
    nlohmann::json body{{"from_ms", from_ms}, {"to_ms", to_ms}, {"text", std::string(text)}};
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string NoteTextJson(std::string_view text) {
    nlohmann::json body{{"text", std::string(text)}};
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void IncidentController::Open(const std::string& today, int now_min, int interval_minutes) {
    if (m_state.date[0] == '\0') std::snprintf(m_state.date, sizeof m_state.date, "%s", today.c_str());
    if (m_state.from[0] == '\0' || m_state.to[0] == '\0') {
        const int step = interval_minutes > 0 ? interval_minutes : 15;
        int to = std::clamp((now_min + step - 1) / step * step, 60, 24 * 60);
        std::snprintf(m_state.from, sizeof m_state.from, "%s", FormatClockTime(to - 60).c_str());
        std::snprintf(m_state.to, sizeof m_state.to, "%s", FormatClockTime(to).c_str());
    }
    Run();
}

void IncidentController::Run() {
    m_state.server_error = {};
    CivilDate date;
    int from = 0, to = 0;
    if (!ParseCivilDate(m_state.date, &date)) {
        m_state.error = IncidentError::BadDate;
        return;
    }
    if (!ParseClockTime(m_state.from, &from) || !ParseClockTime(m_state.to, &to)) {
        m_state.error = IncidentError::BadTime;
        return;
    }
    if (to <= from) {
        m_state.error = IncidentError::Reversed;
        return;
    }
    if (m_state.weeks < 1 || m_state.weeks > kMaxIncidentWeeks) {
        m_state.error = IncidentError::BadWeeks;
        return;
    }
    m_state.error = IncidentError::None;
    m_state.loading = true;
    m_tag = m_tag >= kLastTag ? kFirstTag : m_tag + 1;
    m_report_tag = m_tag;
    ApiRequest r;
    r.method = "GET";
    r.path = IncidentPath(m_state.date, m_state.from, m_state.to, m_state.weeks, m_state.queues);
    r.tag = m_report_tag;
    m_send(std::move(r));
}

void IncidentController::SaveNote() {
    if (m_state.note_saving) return;
    m_state.note_saved = false;
    m_state.note_server_error = {};
    const std::string_view text(m_state.note);
    // Blank is empty: a note of spaces says nothing.
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        m_state.note_error = NoteError::Empty;
        return;
    }
    if (Utf8Chars(text) > kMaxNoteChars) {
        m_state.note_error = NoteError::TooLong;
        return;
    }
    if (m_state.note_id == 0 && !m_state.has_report) {
        m_state.note_error = NoteError::NoWindow;
        return;
    }
    m_state.note_error = NoteError::None;
    m_state.note_saving = true;
    m_tag = m_tag >= kLastTag ? kFirstTag : m_tag + 1;
    m_note_tag = m_tag;
    ApiRequest r;
    r.tag = m_note_tag;
    if (m_state.note_id == 0) {
        r.method = "POST";
        r.path = "api/incidents/notes";
        r.body = NewNoteJson(m_state.report.from_ms, m_state.report.to_ms, text);
    } else {
        r.method = "PUT";
        r.path = "api/incidents/notes/" + std::to_string(m_state.note_id);
        r.body = NoteTextJson(text);
    }
    m_send(std::move(r));
}

void IncidentController::Command(int packed) {
    const int arg = IncidentArgOf(packed);
    switch (IncidentCommandOf(packed)) {
    case IncidentCommandKind::Run: Run(); break;
    case IncidentCommandKind::SaveNote: SaveNote(); break;
    case IncidentCommandKind::NewNote:
    case IncidentCommandKind::CancelNote:
        if (m_state.note_saving) break;
        m_state.note_id = 0;
        std::memset(m_state.note, 0, sizeof m_state.note);
        m_state.note_error = NoteError::None;
        m_state.note_saved = false;
        break;
    case IncidentCommandKind::EditNote: {
        if (m_state.note_saving || arg < 0 || size_t(arg) >= m_state.report.notes.size()) break;
        const IncidentNote& n = m_state.report.notes[size_t(arg)];
        m_state.note_id = n.id;
        std::snprintf(m_state.note, sizeof m_state.note, "%s", n.text.c_str());
        m_state.note_error = NoteError::None;
        m_state.note_saved = false;
        break;
    }
    }
}

void IncidentController::OnAnswer(const TransportMessage& m) {
    if (m.kind != TransportMessage::Kind::Api || !OwnsTag(m.tag)) return;
    if (m.tag == m_report_tag) {
        m_report_tag = 0;
        m_state.loading = false;
        if (m.status == 0) {
            m_state.error = IncidentError::Unreachable;
            return;
        }
        IncidentReport report;
        std::string why;
        if (m.status != 200 || !IncidentReportFromJson(m.data, &report, &why)) {
            m_state.error = IncidentError::Server;
            m_state.server_error = m.status != 200 ? ApiErrorFromJson(m.status, m.data) : ApiError{m.status, "server", "", why};
            return;
        }
        m_state.report = std::move(report);
        m_state.has_report = true;
        m_state.chart_figure = std::clamp<int>(m_state.chart_figure, 0, int(IncidentFigures().size()) - 1);
        return;
    }
    if (m.tag != m_note_tag) return;
    m_note_tag = 0;
    m_state.note_saving = false;
    if (m.status == 0) {
        m_state.note_error = NoteError::Unreachable;
        return;
    }
    std::vector<IncidentNote> saved;
    std::string why;
    if ((m.status != 200 && m.status != 201) || !IncidentNotesFromJson("{\"notes\":[" + m.data + "]}", &saved, &why) ||
        saved.size() != 1) {
        m_state.note_error = NoteError::Server;
        m_state.note_server_error = m.status == 200 || m.status == 201 ? ApiError{m.status, "server", "", why}
                                                                      : ApiErrorFromJson(m.status, m.data);
        return;  // the text stays in the field
    }
    // Saved: show it in the list at once, empty the field.
    auto& notes = m_state.report.notes;
    auto it = std::find_if(notes.begin(), notes.end(), [&](const IncidentNote& n) { return n.id == saved[0].id; });
    if (it != notes.end()) *it = saved[0];
    else if (m_state.has_report) notes.push_back(saved[0]);
    m_state.note_id = 0;
    std::memset(m_state.note, 0, sizeof m_state.note);
    m_state.note_error = NoteError::None;
    m_state.note_saved = true;
}

void IncidentController::Clear() {
    m_state = IncidentState{};
    m_report_tag = m_note_tag = 0;
}

}  // namespace cb
