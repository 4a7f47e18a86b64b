// The audit log as JSON (GET /api/audit) and CSV (`callboard audit export`).
#pragma once
#include <string>
#include <vector>
#include "server/auth/account_store.h"

namespace cb {

// {"entries":[{"id","t_ms","user","action","detail","address","ok"}...]}
std::string AuditToJson(const std::vector<AuditEntry>& entries);
// Header "id,t_ms,time_utc,user,action,detail,address,ok", then one row per entry (RFC 4180
// quoting; a cell starting with = + - @ gets a leading ' so spreadsheets do not run it).
std::string AuditToCsv(const std::vector<AuditEntry>& entries);

}  // namespace cb
