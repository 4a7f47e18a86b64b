// The configuration file (`--config callboard.json`, docs/operations.md): the center's time
// zone and interval length, the event API's ingest token, the queue_log file to follow, the
// member/queue mapping for queue_log and service-level definitions per queue. Loading never
// throws: an error says what is wrong and where ("callboard.json: queues[1].sl.target: ...").
#pragma once
#include "core/tz.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "core/kpi.h"
#include "server/ingest/queue_log_mapper.h"
#include "server/base/status.h"

namespace cb {

struct QueueSl {
    std::string queue;        // queue key
    ServiceLevelDef sl;
};

// Scheduled reports (docs/operations.md, "Scheduled reports"): the folder the server writes them
// to and the SMTP relay that mails them. The relay's credentials live only here, never in logs.
struct SmtpSettings {
    std::string url;                  // smtp://host:port or smtps://host:port; empty: no mail
    std::string from;                 // the sender's address
    std::string user;                 // optional login
    std::string password;             // from password or password_file
    bool configured() const { return !url.empty(); }
};

// Where alert notifications go besides the screens (docs/alerts.md, "Notifications").
struct AlertDelivery {
    std::string webhook_url;          // http:// or https://: a JSON POST per notification; empty: none
    std::string webhook_token;        // sent as "Authorization: Bearer <token>"; a secret, never logged
    std::vector<std::string> mail_to; // mailed through scheduled_reports.smtp; empty: no mail
};

struct Config {
    std::string path;                 // the file it came from (empty: defaults)
    int32_t tz_offset_min = 0;        // center local time = UTC + offset, -720..840 (when no time_zone)
    std::optional<TimeZone> zone;     // time_zone: an IANA zone from the system's tzdata
    // The center's time zone: time_zone, else the fixed tz_offset_min.
    TimeZone Zone() const { return zone ? *zone : TimeZone::Fixed(tz_offset_min); }
    int interval_minutes = 15;        // 15, 30 or 60
    std::string ingest_token;         // event API bearer token (from ingest_token or ingest_token_file)
    bool api_enabled = false;         // true when a token is configured
    std::string queue_log_follow;     // queue_log file the server follows; empty = none
    ServiceLevelDef default_sl;       // for queues not listed
    int32_t default_wrap_up_s = 0;    // wrap-up allowance (Asterisk wrapuptime) of queues not listed
    std::vector<QueueSl> sl;          // per queue key
    std::vector<QueueLogTeamMap> teams;
    std::vector<QueueLogAgentMap> agents;
    std::vector<QueueLogQueueMap> queues;
    QueueLogAnsweredOpen answered_open = QueueLogAnsweredOpen::CompleteAtClose;
    QueueLogWaitingOpen waiting_open = QueueLogWaitingOpen::Exited;
    std::string reports_folder;       // scheduled_reports.folder: where scheduled reports go; empty: none written
    SmtpSettings smtp;                // scheduled_reports.smtp
    AlertDelivery alerts;             // alerts.webhook_url, alerts.mail_to

    // A real source is configured: serve runs it instead of the demo.
    bool has_real_source() const { return api_enabled || !queue_log_follow.empty(); }
    // The service level of a queue key: its own definition, else default_sl.
    ServiceLevelDef SlFor(const std::string& queue_key) const;
    // The wrap-up allowance of a queue key (QueueInfo::wrap_up_s): its own, else the default.
    int32_t WrapUpFor(const std::string& queue_key) const;
    // The mapper configuration for queue_log imports and following.
    QueueLogMapperConfig MapperConfig() const;
};

// Parses configuration JSON; `where` names it in errors, `base_dir` resolves relative paths
// (ingest_token_file, queue_log.follow).
Result<Config> ParseConfig(const std::string& text, const std::string& where, const std::string& base_dir);
// Reads and parses a file.
Result<Config> LoadConfig(const std::string& path);

}  // namespace cb
