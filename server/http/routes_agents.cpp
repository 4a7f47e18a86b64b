// GET /api/agents/{key}: one agent's live state and today's counts, scoped like the snapshot
// (an agent outside a lead's teams is "not found", exactly like an unknown key).
#include <httplib.h>
#include <nlohmann/json.hpp>
#include "core/snapshot_json.h"
#include "server/http/auth_http.h"
#include "server/http/respond.h"
#include "server/http/routes.h"

namespace cb {

void AddAgentRoutes(httplib::Server& server, const RouteContext& context) {
    Broadcaster* broadcaster = context.broadcaster;
    const AuthHttp auth = context.auth;
    server.Get(R"(/api/agents/(.+))", [broadcaster, auth](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewAgentDetail);
        if (!caller) return;
        std::shared_ptr<const Publication> current = broadcaster->Current();
        if (!current) {
            res.set_header("Retry-After", "1");
            RespondError(res, 503, "no snapshot yet: the live source is starting", req.path);
            return;
        }
        if (RefuseRealDataToDemoOnly(req, res, *caller, current->snapshot().source)) return;
        const std::string key = req.matches[1];
        std::shared_ptr<const Publication> scoped = current->ForScope(caller->scope());
        const Snapshot& snapshot = scoped->snapshot();
        const int index = FindAgent(snapshot, key);
        if (index < 0 || static_cast<size_t>(index) >= snapshot.agents.size()) {
            RespondError(res, 404, "no agent '" + key + "'", req.path);
            return;
        }
        // The agent's entries as the snapshot encoder writes them, from a one-agent snapshot.
        Snapshot one;
        one.version = snapshot.version;
        one.directory.agents.push_back(snapshot.directory.agents[static_cast<size_t>(index)]);
        one.agents.push_back(snapshot.agents[static_cast<size_t>(index)]);
        const nlohmann::json encoded = nlohmann::json::parse(SnapshotToJson(one));
        const AgentInfo& info = one.directory.agents[0];
        nlohmann::json body = {
            {"version", snapshot.version},
            {"now_ms", snapshot.now_ms},
            {"agent", encoded["directory"]["agents"][0]},
            {"live", encoded["agents"][0]},
        };
        if (info.team < snapshot.directory.teams.size()) {
            const TeamInfo& team = snapshot.directory.teams[info.team];
            body["team"] = {{"key", team.key}, {"name_en", team.name_en}, {"name_zh", team.name_zh}};
        }
        res.set_header("Cache-Control", "no-store");
        RespondJson(res, 200, body.dump());
    });
}

}  // namespace cb
