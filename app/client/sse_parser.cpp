// SSE framing (sse_parser.h).
#include "sse_parser.h"

namespace cb {

void SseParser::Reset() {
    m_pending.clear();
    m_current = SseEvent{};
    m_has_data = false;
}

void SseParser::Feed(std::string_view bytes, std::vector<SseEvent>* out) {
    size_t start = 0;
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] != '\n') continue;
        std::string_view piece = bytes.substr(start, i - start);
        if (!m_pending.empty()) {
            m_pending.append(piece);
            Line(m_pending, out);
            m_pending.clear();
        } else {
            Line(piece, out);
        }
        start = i + 1;
    }
    m_pending.append(bytes.substr(start));
}

void SseParser::Line(std::string_view line, std::vector<SseEvent>* out) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {  // dispatch
        if (m_has_data) out->push_back(std::move(m_current));
        m_current = SseEvent{};
        m_has_data = false;
        return;
    }
    if (line[0] == ':') {
        line.remove_prefix(1);
        if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
        m_current.comment.assign(line);
        return;
    }
    size_t colon = line.find(':');
    std::string_view field = line.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.remove_prefix(1);
    if (field == "data") {
        if (m_has_data) m_current.data.push_back('\n');
        m_current.data.append(value);
        m_has_data = true;
    } else if (field == "event") {
        m_current.event.assign(value);
    } else if (field == "id") {
        m_current.id.assign(value);
    }
}

}  // namespace cb
