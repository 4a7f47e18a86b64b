// The incident report page (view_incident.cpp, docs/reports.md "Incidents"): its state, changed by
// IncidentController and drawn by the view. The window form, the last report (each interval now
// against the same weekday and time of the previous weeks) and the supervisor's note being
// written. The note's text lives here, not in the view, so nothing typed is lost when the live
// stream reconnects, the report is asked again or the server refuses the note.
#pragma once
#include <cstdint>
#include "client/admin_api.h"
#include "core/report/incident.h"

namespace cb {

enum class IncidentError : uint8_t { None, BadDate, BadTime, Reversed, BadWeeks, Server, Unreachable };
enum class NoteError : uint8_t { None, Empty, TooLong, NoWindow, Server, Unreachable };

// The user's commands on the page, carried by UiAction::IncidentCommand (value = PackIncidentCommand).
enum class IncidentCommandKind : uint8_t {
    Run,          // ask for the form's window
    NewNote,      // start a new note (the text field empties)
    EditNote,     // arg: index into report.notes: its text goes into the field
    SaveNote,     // POST a new note about the window shown, or PUT the one being edited
    CancelNote,   // stop editing: the field empties
};
inline int PackIncidentCommand(IncidentCommandKind kind, int arg = 0) { return int(kind) | (arg << 8); }
inline IncidentCommandKind IncidentCommandOf(int value) { return static_cast<IncidentCommandKind>(value & 0xFF); }
inline int IncidentArgOf(int value) { return value >> 8; }

// The note field holds up to kMaxNoteChars characters of UTF-8 (4 bytes each at most).
inline constexpr size_t kNoteBufferBytes = kMaxNoteChars * 4 + 1;

struct IncidentState {
    char date[16] = {};               // YYYY-MM-DD, edited in place by the view
    char from[8] = {};                // HH:MM
    char to[8] = {};
    int weeks = 4;                    // 1-12
    char queues[160] = {};            // queue keys, "a, b"; empty = the whole center
    int chart_figure = 0;             // index into IncidentFigures() the chart draws
    bool loading = false;
    IncidentError error = IncidentError::None;
    ApiError server_error;
    bool has_report = false;
    IncidentReport report;

    // The note being written: 0 = a new note about the window shown, else the id being edited.
    int64_t note_id = 0;
    char note[kNoteBufferBytes] = {};
    bool note_saving = false;
    bool note_saved = false;          // the last save went through (cleared when typing resumes)
    NoteError note_error = NoteError::None;
    ApiError note_server_error;
};

}  // namespace cb
