// Sending alert notifications off the screens (docs/alerts.md, "Notifications"): a JSON POST to
// the configured webhook URL, retried with backoff when the receiver fails or cannot be reached,
// and optionally a short mail through the SMTP relay of the scheduled reports. One worker thread
// with a queue, so the evaluation loop never waits on the network. Nothing sent holds a password,
// a phone number or a personal note.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
#include "core/alert/alert_engine.h"
#include "server/base/status.h"
#include "server/config/config.h"

namespace cb {

struct DeliveryOptions {
    int attempts = 5;                  // tries per webhook notification
    int first_backoff_ms = 1000;       // wait before the 2nd try; doubles each time
    int timeout_ms = 5000;             // per request
};

// The webhook's body for one notification: {"source":"callboard","text":...,"alert":{Change}}.
std::string WebhookBody(const alert::Change& c);
// One line for people: "FIRING critical: Oldest wait (queue orders) = 75 s".
std::string AlertText(const alert::Change& c);

// POSTs `body` as application/json (with "Authorization: Bearer <token>" when token is not
// empty); OK on a 2xx answer, else why (HTTP status or curl's reason; never the URL or token).
Status PostJson(const std::string& url, const std::string& token, const std::string& body, int timeout_ms);


class AlertNotifier {
public:
    AlertNotifier(AlertDelivery delivery, SmtpSettings smtp, DeliveryOptions options = {});
    ~AlertNotifier();
    // Queues the changes that notify; returns at once.
    void Send(const std::vector<alert::Change>& changes);
    // Waits until the queue is empty and nothing is being sent (tests, shutdown), at most timeout_ms.
    bool Drain(int timeout_ms);
    void Stop();

    struct Stats {
        int64_t webhook_sent = 0;
        int64_t webhook_failed = 0;    // given up after every attempt
        int64_t webhook_retries = 0;
        int64_t mail_sent = 0;
        int64_t mail_failed = 0;
        std::string last_error;        // what was logged last (never the URL's token or a password)
    };
    Stats stats() const;
    bool configured() const { return !m_delivery.webhook_url.empty() || !m_delivery.mail_to.empty(); }

private:
    void Run();

    AlertDelivery m_delivery;
    SmtpSettings m_smtp;
    DeliveryOptions m_options;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<alert::Change> m_queue;
    bool m_busy = false;
    bool m_stop = false;
    Stats m_stats;
    std::thread m_thread;
};

}  // namespace cb
