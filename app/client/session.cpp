// ClientSession and the login request/answer JSON (session.h).
#include "session.h"

#include <nlohmann/json.hpp>

namespace cb {

using nlohmann::json;

bool SessionInfoFromJson(std::string_view body, SessionInfo* info, std::string* error) {
    json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) {
        *error = "session answer is not a JSON object";
        return false;
    }
    SessionInfo out;
    auto text = [&](const char* key) -> std::string {
        auto it = j.find(key);
        return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
    };
    const std::string mode = text("mode");
    auto user = j.find("user");
    const bool has_user = user != j.end() && user->is_string() && !user->get<std::string>().empty();
    if (mode == "local" || (mode.empty() && !has_user)) {
        out.accounts = false;
    } else if (!has_user) {
        *error = "session answer in accounts mode names no user";
        return false;
    } else {
        out.accounts = true;
        out.user = user->get<std::string>();
    }
    out.role = text("role");
    out.csrf = text("csrf");
    out.token = text("token");
    if (auto teams = j.find("teams"); teams != j.end() && teams->is_array())
        for (const json& t : *teams)
            if (t.is_string()) out.teams.push_back(t.get<std::string>());
    if (auto may = j.find("may_control_demo"); may != j.end() && may->is_boolean()) out.may_control_demo = may->get<bool>();
    if (auto exp = j.find("expires_at_ms"); exp != j.end() && exp->is_number_integer()) out.expires_at_ms = exp->get<int64_t>();
    *info = std::move(out);
    return true;
}

std::string LoginRequestJson(std::string_view user, std::string_view password, bool desktop_client) {
    json j{{"user", std::string(user)}, {"password", std::string(password)}};
    if (desktop_client) j["client"] = "desktop";
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string KioskLoginJson(std::string_view kiosk_token, bool desktop_client) {
    json j{{"kiosk_token", std::string(kiosk_token)}};
    if (desktop_client) j["client"] = "desktop";
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

ClientSession::ClientSession(std::string kiosk_token, bool desktop_client)
    : m_kiosk_token(std::move(kiosk_token)), m_desktop_client(desktop_client) {}

SessionEffects ClientSession::Begin() {
    m_phase = SessionPhase::Checking;
    SessionEffects e;
    e.fetch_session = true;
    return e;
}

SessionEffects ClientSession::OnAnswer(const TransportMessage& m, int64_t now_ms) {
    switch (m.kind) {
    case TransportMessage::Kind::Session: return OnSessionAnswer(m, now_ms);
    case TransportMessage::Kind::Login: return OnLoginAnswer(m, now_ms);
    default: return {};  // Logout: signed out locally already, whatever the server says
    }
}

SessionEffects ClientSession::OnSessionAnswer(const TransportMessage& m, int64_t now_ms) {
    m_probe_pending = false;
    SessionEffects e;
    const bool was_streaming = MayStream();
    if (m_phase == SessionPhase::SigningIn) return e;  // the login answer decides
    if (m.status == 200 || m.status == 404) {
        // 404: a server from before accounts, which serves everyone like local mode.
        SessionInfo info;
        std::string error;
        if (m.status == 404) info.accounts = false;
        else if (!SessionInfoFromJson(m.data, &info, &error)) {
            if (m_phase != SessionPhase::Checking) return e;
            m_notice = SessionNotice::ServerError;
            m_notice_status = m.status;
            m_check_failed = true;
            m_check_failed_at_ms = now_ms;
            return e;
        }
        if (m_phase == SessionPhase::SignedIn && info.accounts && info.user == m_info.user) {
            if (!info.csrf.empty()) m_info.csrf = info.csrf;
            return e;  // a probe after a stream drop: still signed in, the stream reconnects itself
        }
        if (was_streaming && info.accounts != m_info.accounts) {
            e.stop_stream = true;  // the server changed mode under us: start over clean
            e.clear_data = true;
        }
        m_info = std::move(info);
        m_phase = m_info.accounts ? SessionPhase::SignedIn : SessionPhase::Local;
        m_notice = SessionNotice::None;
        m_check_failed = false;
        e.start_stream = !was_streaming || e.stop_stream;
        e.enter_tv_mode = kiosk() && !was_streaming;
        return e;
    }
    if (m.status == 401) {
        if (m_phase == SessionPhase::Checking) {
            m_check_failed = false;
            m_phase = SessionPhase::SignedOut;
            m_info = SessionInfo{};
            m_info.accounts = true;
            if (kiosk() && !m_kiosk_tried) {
                m_kiosk_tried = true;
                m_phase = SessionPhase::SigningIn;
                e.login_body = KioskLoginJson(m_kiosk_token, m_desktop_client);
            }
            return e;
        }
        if (was_streaming) return SignedOutBecause(SessionNotice::Expired, 401);
        return e;
    }
    // Unreachable or an unexpected answer: while checking the mode, retry from Tick; while
    // streaming, the stream's own reconnects carry on.
    if (m_phase == SessionPhase::Checking) {
        m_notice = m.status == 0 ? SessionNotice::Unreachable : SessionNotice::ServerError;
        m_notice_status = m.status;
        m_check_failed = true;
        m_check_failed_at_ms = now_ms;
    }
    return e;
}

SessionEffects ClientSession::OnLoginAnswer(const TransportMessage& m, int64_t now_ms) {
    SessionEffects e;
    if (m_phase != SessionPhase::SigningIn) return e;
    m_notice_status = m.status;
    if (m.status == 200) {
        SessionInfo info;
        std::string error;
        if (SessionInfoFromJson(m.data, &info, &error) && info.accounts) {
            m_info = std::move(info);
            m_phase = SessionPhase::SignedIn;
            m_notice = SessionNotice::None;
            m_kiosk_tried = false;
            e.clear_data = true;
            e.start_stream = true;
            e.enter_tv_mode = kiosk();
            return e;
        }
        m_phase = SessionPhase::SignedOut;
        m_notice = SessionNotice::ServerError;
        return e;
    }
    m_phase = SessionPhase::SignedOut;
    if (m.status == 401) m_notice = kiosk() ? SessionNotice::KioskRejected : SessionNotice::WrongCredentials;
    else if (m.status == 429) {
        m_notice = SessionNotice::TooManyAttempts;
        m_retry_until_ms = now_ms + int64_t(m.retry_after_s > 0 ? m.retry_after_s : 1) * 1000;
    } else if (m.status == 0) m_notice = SessionNotice::Unreachable;
    else m_notice = SessionNotice::ServerError;
    return e;
}

SessionEffects ClientSession::OnStreamLost(int status, int64_t now_ms) {
    SessionEffects e;
    if (!MayStream()) return e;
    if (status == 401) return SignedOutBecause(SessionNotice::Expired, 401);
    if (m_probe_pending || now_ms - m_last_probe_ms < kProbeEveryMs) return e;
    m_probe_pending = true;
    m_last_probe_ms = now_ms;
    e.fetch_session = true;
    return e;
}

SessionEffects ClientSession::SignIn(std::string_view user, std::string_view password, int64_t now_ms) {
    SessionEffects e;
    if (m_phase != SessionPhase::SignedOut || RetryAfterLeftS(now_ms) > 0) return e;
    if (user.empty() || password.empty()) {
        m_notice = SessionNotice::EmptyFields;
        return e;
    }
    m_phase = SessionPhase::SigningIn;
    m_notice = SessionNotice::None;
    e.login_body = LoginRequestJson(user, password, m_desktop_client);
    return e;
}

SessionEffects ClientSession::SignOut() {
    SessionEffects e;
    if (m_phase != SessionPhase::SignedIn || kiosk()) return e;
    e.stop_stream = true;
    e.clear_data = true;
    e.logout = true;
    e.logout_csrf = m_info.csrf;
    m_info = SessionInfo{};
    m_info.accounts = true;
    m_phase = SessionPhase::SignedOut;
    m_notice = SessionNotice::None;
    return e;
}

SessionEffects ClientSession::SignedOutBecause(SessionNotice notice, int status) {
    SessionEffects e;
    e.stop_stream = true;
    e.clear_data = true;
    m_info = SessionInfo{};
    m_info.accounts = true;
    m_notice = notice;
    m_notice_status = status;
    m_phase = SessionPhase::SignedOut;
    if (kiosk() && !m_kiosk_tried) {  // an unattended screen signs itself in again
        m_kiosk_tried = true;
        m_phase = SessionPhase::SigningIn;
        e.login_body = KioskLoginJson(m_kiosk_token, m_desktop_client);
    }
    return e;
}

SessionEffects ClientSession::Tick(int64_t now_ms) {
    SessionEffects e;
    if (m_phase == SessionPhase::Checking && m_check_failed && now_ms - m_check_failed_at_ms >= kRecheckUnreachableMs) {
        m_check_failed = false;
        e.fetch_session = true;
    } else if (kiosk() && m_phase == SessionPhase::SignedOut && m_notice == SessionNotice::TooManyAttempts &&
               RetryAfterLeftS(now_ms) == 0) {
        m_phase = SessionPhase::SigningIn;
        e.login_body = KioskLoginJson(m_kiosk_token, m_desktop_client);
    }
    return e;
}

int ClientSession::RetryAfterLeftS(int64_t now_ms) const {
    if (now_ms >= m_retry_until_ms) return 0;
    return int((m_retry_until_ms - now_ms + 999) / 1000);
}

}  // namespace cb
