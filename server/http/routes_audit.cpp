// GET /api/audit?from=&to=&limit= (admin only): the audit log, oldest first (docs/auth.md).
#include <httplib.h>
#include <charconv>
#include <climits>
#include "server/auth/audit_format.h"
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"

namespace cb {
namespace {

bool ReadInt(const httplib::Request& req, httplib::Response& res, const char* name, int64_t min, int64_t max,
             int64_t* out) {
    if (!req.has_param(name)) return true;
    const std::string value = req.get_param_value(name);
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), *out);
    if (ec != std::errc() || end != value.data() + value.size() || *out < min || *out > max) {
        RespondError(res, 400,
                     std::string(name) + ": '" + value + "' is not a whole number " + std::to_string(min) + "-" +
                         std::to_string(max),
                     req.path, "query");
        return false;
    }
    return true;
}

}  // namespace

void AddAuditRoutes(httplib::Server& server, const RouteContext& context) {
    const AuthHttp auth = context.auth;
    server.Get("/api/audit", [auth](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"from", "to", "limit"})) return;
        if (!RequireAction(req, res, auth, Action::ViewAudit)) return;
        int64_t from = 0, to = INT64_MAX, limit = 1000;
        if (!ReadInt(req, res, "from", 0, INT64_MAX, &from) || !ReadInt(req, res, "to", 0, INT64_MAX, &to) ||
            !ReadInt(req, res, "limit", 1, 10000, &limit))
            return;
        if (!auth.service) {
            RespondJson(res, 200, AuditToJson({}));
            return;
        }
        Result<std::vector<AuditEntry>> entries = auth.service->store().ListAudit(from, to, limit);
        if (!entries.ok()) {
            RespondError(res, 500, "cannot read the audit log: " + entries.status().message(), req.path);
            return;
        }
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, AuditToJson(entries.value()));
    });
}

}  // namespace cb
