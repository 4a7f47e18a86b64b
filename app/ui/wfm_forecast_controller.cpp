// WfmForecastController (wfm_forecast_controller.h).
#include "wfm_forecast_controller.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
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

void CopyTo(char* dst, size_t size, const std::string& text) { std::snprintf(dst, size, "%s", text.c_str()); }

std::string Trim(std::string_view text) {
    size_t b = 0, e = text.size();
    while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
    return std::string(text.substr(b, e - b));
}

// A whole decimal number in [lo, hi].
bool ReadNumber(const std::string& text, double lo, double hi, double* out) {
    if (text.empty()) return false;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(v) || v < lo || v > hi) return false;
    *out = v;
    return true;
}

}  // namespace

bool WfmStaffingPath(const WfmForecastState& s, std::string* path, WfmForecastError* error) {
    CivilDate from;
    const std::string from_text = Trim(s.from);
    if (!from_text.empty() && !ParseCivilDate(from_text, &from)) {
        *error = WfmForecastError::BadDate;
        return false;
    }
    std::string p = "api/wfm/staffing?weeks=" + std::to_string(s.weeks < 1 ? 1 : s.weeks) +
                    "&interval=" + (s.interval == 1 ? "30" : "15");
    if (!from_text.empty()) p += "&from=" + from_text;
    for (const std::string& key : ParseTeamsText(s.queues)) p += "&queue=" + PercentEncode(key);
    if (s.method > 0 && s.method <= static_cast<int>(wfm::Method::kCount))
        p += "&method=" + std::string(wfm::MethodName(static_cast<wfm::Method>(s.method - 1)));
    const std::string sl = Trim(s.sl);
    if (!sl.empty()) {
        const size_t slash = sl.find('/');
        double percent = 0, seconds = 0;
        if (slash == std::string::npos || !ReadNumber(sl.substr(0, slash), 1, 99.9, &percent) ||
            !ReadNumber(sl.substr(slash + 1), 1, 3600, &seconds)) {
            *error = WfmForecastError::BadNumber;
            return false;
        }
        p += "&sl=" + PercentEncode(sl);
    }
    const std::string shrinkage = Trim(s.shrinkage);
    if (!shrinkage.empty()) {
        double v = 0;
        if (!ReadNumber(shrinkage, 0, 99, &v)) {
            *error = WfmForecastError::BadNumber;
            return false;
        }
        p += "&shrinkage=" + shrinkage;
    }
    *path = p;
    *error = WfmForecastError::None;
    return true;
}

bool SpecialDayBody(const WfmForecastState& s, std::string* body) {
    nlohmann::json j;
    j["kind"] = s.sd_kind == 1 ? "campaign" : "holiday";
    const std::string factor = Trim(s.sd_factor);
    if (factor.empty()) {
        j["factor"] = nullptr;
    } else {
        double v = 0;
        if (!ReadNumber(factor, 0, wfm::kMaxSpecialFactor, &v)) return false;
        j["factor"] = v;
    }
    j["note"] = std::string(s.sd_note);
    *body = j.dump();
    return true;
}

int WfmForecastController::NextTag(int* tag, int first, int last) {
    *tag = *tag >= last || *tag < first ? first : *tag + 1;
    return *tag;
}

void WfmForecastController::Open(const std::string& today) {
    CivilDate date;
    if (m_state.from[0] == '\0' && ParseCivilDate(today, &date)) {
        const int64_t days = DaysFromCivil(date);
        const int64_t weekday = ((days % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday: 0 Monday
        CopyTo(m_state.from, sizeof m_state.from, FormatCivilDate(CivilFromDays(days - weekday)));
    }
    if (m_state.sd_date[0] == '\0') CopyTo(m_state.sd_date, sizeof m_state.sd_date, today);
    Run();
    LoadSpecialDays();
}

void WfmForecastController::Command(WfmForecastCommand command, int value) {
    switch (command) {
    case WfmForecastCommand::Run: Run(); break;
    case WfmForecastCommand::SaveSpecialDay: SaveSpecialDay(); break;
    case WfmForecastCommand::DeleteSpecialDay: DeleteSpecialDay(); break;
    case WfmForecastCommand::PickSpecialDay:
        if (value >= 0 && static_cast<size_t>(value) < m_state.special_days.size()) {
            const wfm::SpecialDay& d = m_state.special_days[static_cast<size_t>(value)];
            m_state.sd_selected = value;
            CopyTo(m_state.sd_date, sizeof m_state.sd_date, d.date);
            CopyTo(m_state.sd_queue, sizeof m_state.sd_queue, d.queue);
            m_state.sd_kind = d.kind == wfm::SpecialKind::Campaign ? 1 : 0;
            char factor[32] = "";
            if (d.factor) std::snprintf(factor, sizeof factor, "%g", *d.factor);
            CopyTo(m_state.sd_factor, sizeof m_state.sd_factor, factor);
            CopyTo(m_state.sd_note, sizeof m_state.sd_note, d.note);
            m_state.sd_saved = false;
            m_state.sd_error = WfmForecastError::None;
        }
        break;
    }
}

void WfmForecastController::Run() {
    std::string path;
    WfmForecastError error = WfmForecastError::None;
    m_state.server_error = {};
    if (!WfmStaffingPath(m_state, &path, &error)) {
        m_state.error = error;
        return;
    }
    m_state.error = WfmForecastError::None;
    m_state.loading = true;
    ApiRequest r;
    r.method = "GET";
    r.path = path;
    r.tag = NextTag(&m_plan_tag, kFirstTag, kFirstTag + 49);
    m_send(std::move(r));
}

void WfmForecastController::LoadSpecialDays() {
    ApiRequest r;
    r.method = "GET";
    r.path = "api/wfm/special-days";
    r.tag = NextTag(&m_days_tag, kFirstTag + 50, kLastTag);
    m_state.sd_busy = true;
    m_days_change = r.method != "GET";
    m_send(std::move(r));
}

void WfmForecastController::SaveSpecialDay() {
    CivilDate date;
    const std::string day = Trim(m_state.sd_date);
    m_state.sd_saved = false;
    m_state.sd_server_error = {};
    if (!ParseCivilDate(day, &date)) {
        m_state.sd_error = WfmForecastError::BadDate;
        return;
    }
    std::string body;
    if (!SpecialDayBody(m_state, &body)) {
        m_state.sd_error = WfmForecastError::BadNumber;
        return;
    }
    m_state.sd_error = WfmForecastError::None;
    ApiRequest r;
    r.method = "PUT";
    r.path = "api/wfm/special-days/" + day;
    const std::string queue = Trim(m_state.sd_queue);
    if (!queue.empty()) r.path += "?queue=" + PercentEncode(queue);
    r.body = std::move(body);
    r.tag = NextTag(&m_days_tag, kFirstTag + 50, kLastTag);
    m_state.sd_busy = true;
    m_days_change = r.method != "GET";
    m_send(std::move(r));
}

void WfmForecastController::DeleteSpecialDay() {
    CivilDate date;
    const std::string day = Trim(m_state.sd_date);
    m_state.sd_saved = false;
    m_state.sd_server_error = {};
    if (!ParseCivilDate(day, &date)) {
        m_state.sd_error = WfmForecastError::BadDate;
        return;
    }
    m_state.sd_error = WfmForecastError::None;
    ApiRequest r;
    r.method = "DELETE";
    r.path = "api/wfm/special-days/" + day;
    const std::string queue = Trim(m_state.sd_queue);
    if (!queue.empty()) r.path += "?queue=" + PercentEncode(queue);
    r.tag = NextTag(&m_days_tag, kFirstTag + 50, kLastTag);
    m_state.sd_busy = true;
    m_days_change = r.method != "GET";
    m_send(std::move(r));
}

void WfmForecastController::OnAnswer(const TransportMessage& m) {
    if (m.kind != TransportMessage::Kind::Api || !OwnsTag(m.tag)) return;
    if (m.tag < kFirstTag + 50) {
        if (m.tag != m_plan_tag || !m_state.loading) return;
        m_state.loading = false;
        if (m.status == 0) {
            m_state.error = WfmForecastError::Unreachable;
            return;
        }
        if (m.status != 200) {
            m_state.error = WfmForecastError::Server;
            m_state.server_error = ApiErrorFromJson(m.status, m.data);
            return;
        }
        wfm::PlanReport report;
        std::string why;
        if (!wfm::PlanReportFromJson(m.data, &report, &why)) {
            m_state.error = WfmForecastError::Server;
            m_state.server_error = ApiError{m.status, "server", "", why};
            return;
        }
        m_state.error = WfmForecastError::None;
        m_state.report = std::move(report);
        m_state.has_report = true;
        if (m_state.queue < 0 || static_cast<size_t>(m_state.queue) >= m_state.report.queues.size()) m_state.queue = 0;
        m_state.day = 0;
        m_state.scroll_to_open = true;
        return;
    }
    if (m.tag != m_days_tag || !m_state.sd_busy) return;
    m_state.sd_busy = false;
    if (m.status == 0) {
        m_state.sd_error = WfmForecastError::Unreachable;
        return;
    }
    if (m.status != 200) {
        m_state.sd_error = WfmForecastError::Server;
        m_state.sd_server_error = ApiErrorFromJson(m.status, m.data);
        return;
    }
    std::vector<wfm::SpecialDay> days;
    std::string why;
    if (!wfm::SpecialDaysFromJson(m.data, &days, &why)) {
        m_state.sd_error = WfmForecastError::Server;
        m_state.sd_server_error = ApiError{m.status, "server", "", why};
        return;
    }
    // A PUT or DELETE answers with the whole list: the change is stored, and the plan shown is
    // asked again (special days change the forecast).
    m_state.special_days = std::move(days);
    m_state.sd_error = WfmForecastError::None;
    m_state.sd_selected = -1;
    if (m_days_change) {
        m_state.sd_saved = true;
        Run();
    }
}

void WfmForecastController::Clear() {
    m_state = WfmForecastState{};
    m_days_change = false;
}

}  // namespace cb
