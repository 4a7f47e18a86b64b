#include "server/export/alert_delivery.h"

#include <curl/curl.h>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include "server/base/log.h"
#include "server/export/mailer.h"

namespace cb {
namespace {

size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }

std::string SubjectText(const alert::Subject& s) {
    if (s.kind == alert::ScopeKind::Center) return "center";
    return std::string(alert::ScopeKindName(s.kind)) + " " + s.key;
}

// A message about a failure with any trace of a secret cut out (defence in depth: curl's reasons
// name the host, not the URL's path or the headers).
std::string Scrub(std::string text, const std::string& secret) {
    if (secret.empty()) return text;
    for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) text.replace(at, secret.size(), "***");
    return text;
}

}  // namespace

std::string AlertText(const alert::Change& c) {
    std::string state(alert::StateName(c.to));
    for (char& ch : state) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    char value[32];
    std::snprintf(value, sizeof value, "%g", c.value);
    std::string line = state + " " + std::string(alert::SeverityName(c.severity)) + ": " + c.rule_name + " (" +
                       SubjectText(c.subject) + ") = " + value;
    if (!c.user.empty()) line += " by " + c.user;
    if (!c.note.empty()) line += " [" + c.note + "]";
    return line;
}

std::string WebhookBody(const alert::Change& c) {
    nlohmann::json j{{"source", "callboard"}, {"text", AlertText(c)},
                     {"alert", nlohmann::json::parse(alert::ChangeToJson(c))}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status PostJson(const std::string& url, const std::string& token, const std::string& body, int timeout_ms) {
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    CURL* curl = curl_easy_init();
    if (!curl) return Status::Error("cannot start an HTTP request");
    char error[CURL_ERROR_SIZE] = {0};
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    if (!token.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    const CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) return Status::Error(error[0] ? std::string(error) : curl_easy_strerror(rc));
    if (status < 200 || status > 299) return Status::Error("HTTP " + std::to_string(status));
    return Status::Ok();
}

AlertNotifier::AlertNotifier(AlertDelivery delivery, SmtpSettings smtp, DeliveryOptions options)
    : m_delivery(std::move(delivery)), m_smtp(std::move(smtp)), m_options(options) {
    m_thread = std::thread([this] { Run(); });
}

AlertNotifier::~AlertNotifier() { Stop(); }

void AlertNotifier::Stop() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void AlertNotifier::Send(const std::vector<alert::Change>& changes) {
    if (!configured()) return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (const alert::Change& c : changes) {
            if (c.notify) m_queue.push_back(c);
        }
    }
    m_wake.notify_all();
}

bool AlertNotifier::Drain(int timeout_ms) {
    std::unique_lock<std::mutex> lock(m_mutex);
    return m_idle.wait_for(lock, std::chrono::milliseconds(timeout_ms), [this] { return m_queue.empty() && !m_busy; });
}

AlertNotifier::Stats AlertNotifier::stats() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_stats;
}

void AlertNotifier::Run() {
    std::unique_lock<std::mutex> lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
        if (m_stop) return;
        alert::Change c = std::move(m_queue.front());
        m_queue.pop_front();
        m_busy = true;
        lock.unlock();
        if (!m_delivery.webhook_url.empty()) {
            const std::string body = WebhookBody(c);
            int backoff = m_options.first_backoff_ms;
            Status sent = Status::Error("not sent");
            for (int attempt = 1; attempt <= m_options.attempts; ++attempt) {
                sent = PostJson(m_delivery.webhook_url, m_delivery.webhook_token, body, m_options.timeout_ms);
                if (sent.ok()) break;
                if (attempt == m_options.attempts) break;
                {
                    std::unique_lock<std::mutex> wait(m_mutex);
                    ++m_stats.webhook_retries;
                    if (m_wake.wait_for(wait, std::chrono::milliseconds(backoff), [this] { return m_stop; })) break;
                }
                backoff *= 2;
            }
            std::lock_guard<std::mutex> count(m_mutex);
            if (sent.ok()) {
                ++m_stats.webhook_sent;
            } else {
                ++m_stats.webhook_failed;
                m_stats.last_error = "alert webhook: giving up after " + std::to_string(m_options.attempts) +
                                     " attempts: " + Scrub(sent.message(), m_delivery.webhook_token);
                LogWarn(m_stats.last_error);
            }
        }
        if (!m_delivery.mail_to.empty() && m_smtp.configured()) {
            MailMessage mail;
            mail.to = m_delivery.mail_to;
            mail.subject = "[Callboard] " + AlertText(c);
            mail.text = AlertText(c) + "\r\n";
            const Status sent = SendMail(m_smtp, mail, c.at_ms);
            std::lock_guard<std::mutex> count(m_mutex);
            if (sent.ok()) {
                ++m_stats.mail_sent;
            } else {
                ++m_stats.mail_failed;
                m_stats.last_error = "alert mail: " + Scrub(sent.message(), m_smtp.password);
                LogWarn(m_stats.last_error);
            }
        }
        lock.lock();
        m_busy = false;
        if (m_queue.empty()) m_idle.notify_all();
    }
}

}  // namespace cb
