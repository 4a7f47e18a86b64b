// Alerts on the server (docs/alerts.md): the rules as stored, the one alert engine every screen
// shares (evaluated once a second from the live snapshot by Tick), the history of every state
// change, routing each alert to the people it concerns (core/alert Reaches), the users' actions
// (acknowledge, snooze, resolve; a lead on their own teams' alerts only) and the notifications
// off the screens (alert_delivery.h). Managers and admins edit the rules; every rule change is
// audited and checked by the core's ValidateRule (what and where).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>
#include "core/alert/alert_engine.h"
#include "server/admin/admin_outcome.h"
#include "server/auth/auth_service.h"
#include "server/export/alert_delivery.h"
#include "server/live/broadcaster.h"
#include "server/store/store_alerts.h"

namespace cb {

// The audience of a caller: admins and managers are supervisors, leads with their teams, the
// wallboard role a wallboard, anyone else none.
alert::Audience AudienceOf(const Caller& caller);
// What a caller's screens show: the alerts routed to them (banners) and the center's active
// alerts they may see (the wallboard panel: a lead sees the center-wide ones and their teams').
struct AlertView {
    std::vector<alert::Instance> mine;
    std::vector<alert::Instance> center;
    std::vector<bool> may_act;  // parallel to mine
    uint64_t version = 0;       // grows with every change of any alert
};
bool VisibleTo(const alert::Instance& a, const alert::Audience& who);

class AlertService {
public:
    using Clock = std::function<int64_t()>;
    // notifier may be null (no webhook or mail configured).
    AlertService(AlertStore* store, const Broadcaster* broadcaster, AlertNotifier* notifier, Clock wall_clock);

    // Reads the stored rules into the engine.
    Status Load();
    // One evaluation (the server calls it every second). Stores the changes and sends the
    // notifications. Returns the changes.
    std::vector<alert::Change> Tick();

    AdminOutcome View(const Caller& caller, AlertView* out);
    // action: "ack", "snooze" (minutes: 1-1440, default 15), "resolve".
    AdminOutcome Act(std::string_view action, int64_t rule_id, const alert::Subject& subject, int minutes,
                     const Caller& caller, const Actor& actor, alert::Change* out);

    AdminOutcome Rules(const Caller& caller, std::vector<alert::Rule>* out);
    AdminOutcome AddRule(std::string_view json, const Caller& caller, const Actor& actor, alert::Rule* out);
    AdminOutcome UpdateRule(int64_t id, std::string_view json, const Caller& caller, const Actor& actor, alert::Rule* out);
    AdminOutcome DeleteRule(int64_t id, const Caller& caller, const Actor& actor);

    // The history a caller may see (their teams' and, for supervisors, everything), newest first.
    AdminOutcome History(const Caller& caller, int64_t from_ms, int64_t to_ms, int limit, std::vector<AlertHistoryRow>* out);

private:
    int64_t EngineNow(const Publication* p) const;
    AdminOutcome Reload(int64_t now_ms);

    AlertStore* m_store;
    const Broadcaster* m_broadcaster;
    AlertNotifier* m_notifier;
    Clock m_clock;
    std::mutex m_mutex;
    alert::Engine m_engine;
    uint64_t m_version = 0;
};

}  // namespace cb
