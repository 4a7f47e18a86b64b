// Alert rules and alert history as stored (docs/alerts.md, schema v16): the rules managers edit
// (alert_rules, each the rule's JSON as core/alert/alert_rule.h writes it) and every state change
// of every alert with its user and time (alert_history). Opens its own connection and serialises
// its statements; rule changes are audited in the same transaction. What a valid rule is, and
// when an alert changes state, are the core's (core/alert).
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>
#include "core/alert/alert_engine.h"
#include "server/auth/account_store.h"
#include "server/base/status.h"
#include "server/store/sqlite_db.h"

namespace cb {

// The v16 schema text (migrations.cpp lists it).
const char* AlertsSchema();

struct AlertHistoryRow {
    int64_t id = 0;
    alert::Change change;
};

struct AlertHistoryQuery {
    int64_t from_ms = 0;
    int64_t to_ms = INT64_MAX;
    int limit = 500;
    // Only these teams' alerts (team and agent subjects); with center_too also the center-wide
    // ones. all = true: everything.
    bool all = true;
    bool center_too = false;
    std::vector<std::string> teams;
};

class AlertStore {
public:
    AlertStore();
    ~AlertStore();
    Status Open(const std::string& path);

    Result<std::vector<alert::Rule>> Rules();
    // Stores a new rule (its id is assigned) or replaces one; audited.
    Result<int64_t> AddRule(const alert::Rule& rule, const AuditEntry& audit, int64_t now_ms);
    Result<bool> UpdateRule(const alert::Rule& rule, const AuditEntry& audit, int64_t now_ms);
    Result<bool> DeleteRule(int64_t id, const AuditEntry& audit);

    Status AppendHistory(const std::vector<alert::Change>& changes);
    // A user's acknowledge, snooze or resolve: the history row and the audit line, together.
    Status AppendAction(const alert::Change& change, const AuditEntry& audit);
    // Newest first.
    Result<std::vector<AlertHistoryRow>> History(const AlertHistoryQuery& q);

private:
    std::mutex m_mutex;
    std::unique_ptr<sql::Db> m_db;
};

}  // namespace cb
