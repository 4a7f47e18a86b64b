// GET /api/audit?from=&to=&limit= (admin only): the audit log, oldest first (docs/auth.md).
#include <httplib.h>
#include <charconv>
#include <climits>
#include "server/auth/audit_format.h"
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"

namespace cb {

void AddAuditRoutes(httplib::Server& server, const RouteContext& context) {
    const AuthHttp auth = context.auth;
    server.Get("/api/audit", [auth](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"from", "to", "limit"})) return;
        if (!RequireAction(req, res, auth, Action::ViewAudit)) return;
        int64_t from = 0, to = INT64_MAX, limit = 1000;
        if (!ReadIntParam(req, res, "from", 0, INT64_MAX, &from) || !ReadIntParam(req, res, "to", 0, INT64_MAX, &to) ||
            !ReadIntParam(req, res, "limit", 1, 10000, &limit))
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
