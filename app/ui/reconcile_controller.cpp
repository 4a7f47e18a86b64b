// ReconcileController (reconcile_controller.h).
#include "reconcile_controller.h"

#include <cstdio>
#include <cstring>
#include "admin_controller.h"
#include "core/tz.h"

namespace cb {

namespace {

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

void CopyTo(char* dst, size_t size, const std::string& text) {
    std::snprintf(dst, size, "%s", text.c_str());
}

}  // namespace

std::string ReconcilePath(std::string_view from, std::string_view to, std::string_view queues) {
    std::string path = "api/reconcile?from=" + PercentEncode(from) + "&to=" + PercentEncode(to);
    for (const std::string& key : ParseTeamsText(queues)) path += "&queue=" + PercentEncode(key);
    return path;
}

void ReconcileController::Open(const std::string& today) {
    if (m_state.from[0] == '\0') CopyTo(m_state.from, sizeof m_state.from, today);
    if (m_state.to[0] == '\0') CopyTo(m_state.to, sizeof m_state.to, today);
    Run();
}

void ReconcileController::Run() {
    CivilDate from, to;
    m_state.server_error = {};
    if (!ParseCivilDate(m_state.from, &from) || !ParseCivilDate(m_state.to, &to)) {
        m_state.error = ReconcileError::BadDate;
        return;
    }
    if (to < from) {
        m_state.error = ReconcileError::Reversed;
        return;
    }
    if (DaysFromCivil(to) - DaysFromCivil(from) + 1 > kMaxReconcileDays) {
        m_state.error = ReconcileError::TooLong;
        return;
    }
    m_state.error = ReconcileError::None;
    m_state.loading = true;
    // A new request makes every older answer stale.
    m_next_tag = m_next_tag >= kLastTag ? kFirstTag : m_next_tag + 1;
    ApiRequest r;
    r.method = "GET";
    r.path = ReconcilePath(m_state.from, m_state.to, m_state.queues);
    r.tag = m_next_tag;
    m_send(std::move(r));
}

void ReconcileController::OnAnswer(const TransportMessage& m) {
    if (m.kind != TransportMessage::Kind::Api || !OwnsTag(m.tag) || m.tag != m_next_tag || !m_state.loading) return;
    m_state.loading = false;
    if (m.status == 0) {
        m_state.error = ReconcileError::Unreachable;
        return;
    }
    if (m.status != 200) {
        m_state.error = ReconcileError::Server;
        m_state.server_error = ApiErrorFromJson(m.status, m.data);
        return;
    }
    ReconRequest request;
    ReconReport report;
    std::string why;
    if (!ReconReportFromJson(m.data, &request, &report, &why)) {
        m_state.error = ReconcileError::Server;
        m_state.server_error = ApiError{m.status, "server", "", why};
        return;
    }
    m_state.error = ReconcileError::None;
    m_state.request = std::move(request);
    m_state.report = std::move(report);
    m_state.has_report = true;
}

void ReconcileController::Clear() {
    m_state = ReconcileState{};
}

}  // namespace cb
