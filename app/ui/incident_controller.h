// IncidentController: the incident report page's requests and answers (incident_state.h,
// view_incident.cpp): GET /api/incidents for the form's window, and the supervisor's notes,
// POST /api/incidents/notes (new) and PUT /api/incidents/notes/{id} (edit). The form and the
// note are checked here first (date, HH:MM, order, weeks; a note of 1-10,000 characters); the
// server checks again, stores every revision and audits it, and its refusal is shown beside
// the field. The note's text is kept until it is saved or the user cancels.
#pragma once
#include "api_tags.h"
#include <functional>
#include <string>
#include <string_view>
#include "client/transport.h"
#include "incident_state.h"

namespace cb {

class IncidentController {
public:
    static constexpr int kFirstTag = api_tags::kIncident.first, kLastTag = api_tags::kIncident.last;
    static bool OwnsTag(int tag) { return tag >= kFirstTag && tag <= kLastTag; }

    using Send = std::function<void(ApiRequest)>;
    explicit IncidentController(Send send) : m_send(std::move(send)) {}

    IncidentState& state() { return m_state; }
    const IncidentState& state() const { return m_state; }

    // The page opens: an empty form becomes the hour before `now_min` (minutes after local
    // midnight, rounded to `interval_minutes`) on `today`; then it asks.
    void Open(const std::string& today, int now_min, int interval_minutes);
    void Command(int packed);
    void OnAnswer(const TransportMessage& answer);
    void Clear();  // signed out: forget the form, the report and the note

private:
    void Run();
    void SaveNote();

    Send m_send;
    IncidentState m_state;
    int m_tag = kFirstTag;
    int m_report_tag = 0;
    int m_note_tag = 0;
};

// "api/incidents?date=2026-03-10&from=10%3A30&to=11%3A45&weeks=4&queue=sales"
std::string IncidentPath(std::string_view date, std::string_view from, std::string_view to, int weeks,
                         std::string_view queues);
// Characters (code points) of UTF-8 text.
size_t Utf8Chars(std::string_view text);
// The bodies: {"from_ms","to_ms","text"} and {"text"}.
std::string NewNoteJson(int64_t from_ms, int64_t to_ms, std::string_view text);
std::string NoteTextJson(std::string_view text);

}  // namespace cb
