// GET /api/snapshot: the newest published Snapshot as the caller's scope may see it, as JSON
// (docs/api.md, docs/auth.md), gzip when the client accepts it. Both encodings are made once
// per publication and scope, and shared.
#include <httplib.h>
#include "server/base/gzip.h"
#include "server/http/respond.h"
#include "server/http/routes.h"

namespace cb {

void AddSnapshotRoutes(httplib::Server& server, const RouteContext& context) {
    Broadcaster* broadcaster = context.broadcaster;
    const AuthHttp auth = context.auth;
    server.Get("/api/snapshot", [broadcaster, auth](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewLive);
        if (!caller) return;
        std::shared_ptr<const Publication> current = broadcaster->Current();
        if (!current) {
            res.set_header("Retry-After", "1");
            RespondError(res, 503, "no snapshot yet: the live source is starting", req.path);
            return;
        }
        if (RefuseRealDataToDemoOnly(req, res, *caller, current->snapshot().source)) return;
        current = current->ForScope(caller->scope());
        res.set_header("Cache-Control", "no-store");
        res.set_header("Vary", "Accept-Encoding");
        res.set_header("X-Snapshot-Version", std::to_string(current->version()));
        if (AcceptsGzip(req.get_header_value("Accept-Encoding"))) {
            RespondShared(res, current->JsonGzip(), "application/json", "gzip");
        } else {
            RespondShared(res, current->Json(), "application/json", {});
        }
    });
}

}  // namespace cb
