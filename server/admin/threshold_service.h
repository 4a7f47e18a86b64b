// The thresholds kept on the server (docs/api.md, "Thresholds"): loads them once, answers each
// caller with its document (core/thresholds_doc.h: a lead gets their teams' overrides and the
// set that applies to them), and carries out changes by the roles allowed to make them
// (docs/auth.md): validated, stored with their audit line in one transaction, then announced
// to every open stream (Broadcaster::NotifySideEvent). Thread-safe.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include "core/thresholds_doc.h"
#include "server/admin/admin_outcome.h"
#include "server/auth/auth_service.h"
#include "server/live/broadcaster.h"
#include "server/store/store_admin.h"

namespace cb {

class ThresholdService {
public:
    using Clock = std::function<int64_t()>;
    ThresholdService(Broadcaster* broadcaster, Clock clock);
    // Loads the stored sets (fails naming a row that does not read) and announces them.
    Status Attach(SqliteAdminStore* store);
    void Detach();  // before the store closes: changes fail with "not loaded" from then on
    bool ready() const;

    // The sets as they are now (version 0 before Attach), shared and immutable.
    std::shared_ptr<const ThresholdSets> Current() const;
    // One caller's document of `sets`.
    static ThresholdsDoc DocumentFor(const ThresholdSets& sets, const Caller& caller);

    // PUT /api/thresholds/center: keys given replace the center's, missing keys stay. Every
    // team's set with its override must still be valid.
    AdminOutcome SetCenter(std::string_view body, const Caller& caller, const std::string& address);
    // PUT /api/thresholds/teams/{team}: the team's override becomes exactly the keys given
    // ({} removes it); the team must exist.
    AdminOutcome SetTeam(const std::string& team, std::string_view body, const Caller& caller, const std::string& address);

private:
    AdminOutcome Store(const std::string& team, const ThresholdSets& next, const Caller& caller,
                       const std::string& address, const std::string& detail);

    Broadcaster* m_broadcaster;
    Clock m_clock;
    mutable std::mutex m_mutex;
    SqliteAdminStore* m_store = nullptr;
    std::shared_ptr<const ThresholdSets> m_current = std::make_shared<const ThresholdSets>();
};

// "asa_warn_s 20 -> 25, abandon_bad 0.1 -> 0.12" (team sets: "center" for an inherited value).
std::string ThresholdChanges(const Thresholds& before, const Thresholds& after);
std::string OverrideChanges(const ThresholdOverride& before, const ThresholdOverride& after);

}  // namespace cb
