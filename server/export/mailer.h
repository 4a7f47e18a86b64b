// Mailing a scheduled report through the configured SMTP relay (docs/operations.md, "Scheduled
// reports") with libcurl's SMTP: one message per file, a short text part and the PDF attached
// (MIME, base64). The relay's password is given to libcurl only; no error text holds it.
#pragma once
#include <string>
#include <vector>
#include "core/report/schedule.h"
#include "server/base/status.h"
#include "server/config/config.h"

namespace cb {

struct MailMessage {
    std::vector<std::string> to;
    std::string subject;              // UTF-8 (encoded as RFC 2047 when not ASCII)
    std::string text;                 // the body's text part, UTF-8
    std::string attachment_name;      // "daily_2026-03-28.pdf" or "..._en.csv" (its type follows the name); empty: no attachment
    std::string attachment;           // the file's bytes
};

// The message as it goes over the wire (headers, text part, base64 attachment), CRLF lines.
std::string ComposeMail(const MailMessage& m, const std::string& from, int64_t date_ms, const std::string& boundary);
// Sends it; a failure says why (libcurl's reason), never the password.
Status SendMail(const SmtpSettings& smtp, const MailMessage& m, int64_t date_ms);
// The recipients' list is checked by ParseRecipients (core/report/schedule.h).

}  // namespace cb
