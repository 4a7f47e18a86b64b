// Incremental parser of a Server-Sent Events stream (the HTML living standard's framing):
// feed it bytes as they arrive, get whole events out. Used by the desktop transport and the
// stream benchmark; the browser has EventSource.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace cb {

struct SseEvent {
    std::string event = "message";  // the `event:` field
    std::string data;               // `data:` lines joined with '\n'
    std::string id;                 // the `id:` field, if any
    std::string comment;            // last comment line (": ...") seen in this event
};

class SseParser {
public:
    // Appends bytes; complete events (ended by a blank line) are appended to *out.
    void Feed(std::string_view bytes, std::vector<SseEvent>* out);
    void Reset();

private:
    void Line(std::string_view line, std::vector<SseEvent>* out);
    std::string m_pending;   // bytes of an unfinished line
    SseEvent m_current;
    bool m_has_data = false;
};

}  // namespace cb
