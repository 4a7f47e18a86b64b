#include "server/export/mailer.h"

#include <curl/curl.h>
#include <algorithm>
#include <cstring>
#include <ctime>
#include <mutex>

namespace cb {
namespace {

std::string Base64(const std::string& in, size_t line = 76) {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t col = 0;
    for (size_t i = 0; i < in.size(); i += 3) {
        const uint32_t n = (static_cast<unsigned char>(in[i]) << 16) |
                           (i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) << 8 : 0) |
                           (i + 2 < in.size() ? static_cast<unsigned char>(in[i + 2]) : 0);
        out += k[(n >> 18) & 63];
        out += k[(n >> 12) & 63];
        out += i + 1 < in.size() ? k[(n >> 6) & 63] : '=';
        out += i + 2 < in.size() ? k[n & 63] : '=';
        col += 4;
        if (line && col >= line) {
            out += "\r\n";
            col = 0;
        }
    }
    if (line && col) out += "\r\n";
    return out;
}

// An RFC 2047 encoded word for a header when the text is not plain ASCII.
std::string HeaderText(const std::string& text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return "=?UTF-8?B?" + Base64(text, 0) + "?=";
    return text;
}

struct Upload {
    const std::string* data;
    size_t at = 0;
};
size_t ReadChunk(char* buffer, size_t size, size_t n, void* user) {
    Upload* u = static_cast<Upload*>(user);
    const size_t len = std::min(size * n, u->data->size() - u->at);
    std::memcpy(buffer, u->data->data() + u->at, len);
    u->at += len;
    return len;
}

}  // namespace

std::string ComposeMail(const MailMessage& m, const std::string& from, int64_t date_ms, const std::string& boundary) {
    char date[64];
    const std::time_t t = static_cast<std::time_t>(date_ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    std::string to;
    for (const std::string& a : m.to) to += (to.empty() ? "" : ", ") + a;
    std::string out;
    out += "Date: " + std::string(date) + "\r\n";
    out += "From: " + from + "\r\n";
    out += "To: " + to + "\r\n";
    out += "Subject: " + HeaderText(m.subject) + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
    out += "--" + boundary + "\r\n";
    out += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += Base64(m.text);
    if (!m.attachment_name.empty()) {  // an alert's mail has none
        out += "--" + boundary + "\r\n";
        const bool csv = m.attachment_name.size() > 4 && m.attachment_name.compare(m.attachment_name.size() - 4, 4, ".csv") == 0;
        out += std::string("Content-Type: ") + (csv ? "text/csv; charset=utf-8" : "application/pdf") + "; name=\"" + m.attachment_name + "\"\r\n";
        out += "Content-Disposition: attachment; filename=\"" + m.attachment_name + "\"\r\n";
        out += "Content-Transfer-Encoding: base64\r\n\r\n";
        out += Base64(m.attachment);
    }
    out += "--" + boundary + "--\r\n";
    return out;
}

Status SendMail(const SmtpSettings& smtp, const MailMessage& m, int64_t date_ms) {
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (!smtp.configured()) return Status::Error("no SMTP relay is configured (scheduled_reports.smtp)");
    if (m.to.empty()) return Status::Error("no recipients");
    const std::string boundary = "callboard-" + std::to_string(date_ms);
    const std::string message = ComposeMail(m, smtp.from, date_ms, boundary);
    CURL* curl = curl_easy_init();
    if (!curl) return Status::Error("libcurl could not start");
    curl_slist* rcpt = nullptr;
    for (const std::string& a : m.to) rcpt = curl_slist_append(rcpt, ("<" + a + ">").c_str());
    Upload upload{&message};
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, smtp.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + smtp.from + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadChunk);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 20L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    // Use TLS when the relay offers it (smtps:// always); a plain relay on the LAN still works.
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    if (!smtp.user.empty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, smtp.user.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, smtp.password.c_str());
    }
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) return Status::Error(std::string("mail not sent: ") + (error[0] ? error : curl_easy_strerror(rc)));
    return Status::Ok();
}

}  // namespace cb
