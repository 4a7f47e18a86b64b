// POST /api/events: real phone-system events as JSON lines or CSV (docs/ingest.md). Bearer
// token from the configuration (compared in constant time, never logged); each line
// validated; the good lines stored in one transaction and fed to the live engine; bad lines
// answered with 422 and their line numbers.
#include <httplib.h>
#include <nlohmann/json.hpp>
#include "server/ingest/event_lines.h"
#include "server/http/respond.h"
#include "server/http/routes.h"
#include "server/live/event_sink.h"

namespace cb {
namespace {

constexpr size_t kMaxErrorsListed = 1000;

// Constant time in the token's content (the length is not secret).
bool TokenMatches(std::string_view given, std::string_view expected) {
    if (given.size() != expected.size()) return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < given.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ expected[i]);
    return diff == 0;
}

bool Authorized(const httplib::Request& req, const std::string& token) {
    const std::string header = req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (header.size() <= kBearer.size() || header.compare(0, kBearer.size(), kBearer) != 0) return false;
    return TokenMatches(std::string_view(header).substr(kBearer.size()), token);
}

}  // namespace

void AddEventRoutes(httplib::Server& server, const RouteContext& context) {
    EventApi* api = context.events;
    server.Post("/api/events", [api](const httplib::Request& req, httplib::Response& res) {
        if (!api || api->token.empty()) {
            RespondError(res, 404, "the event API is not enabled (set ingest_token in the configuration)", req.path);
            return;
        }
        if (!Authorized(req, api->token)) {
            res.set_header("WWW-Authenticate", "Bearer");
            RespondError(res, 401, "missing or wrong bearer token", req.path);
            return;
        }
        if (!CheckQueryParams(req, res, {})) return;
        const ApiFormat format = ApiFormatOf(req.get_header_value("Content-Type"));
        if (format == ApiFormat::Unsupported) {
            RespondError(res, 415, "Content-Type must be application/x-ndjson, application/json or text/csv", req.path);
            return;
        }
        EventSink* sink = api->sink.load();
        if (!sink) {
            res.set_header("Retry-After", "1");
            RespondError(res, 503, "the live source is not running", req.path);
            return;
        }
        ApiBatch batch = ParseApiEvents(req.body, format);
        if (!batch.error.empty()) {
            RespondError(res, 400, batch.error, req.path, "body");
            return;
        }
        if (batch.events.empty() && batch.rejected.empty()) {
            RespondError(res, 400, "no events in the body", req.path, "body");
            return;
        }
        AppendSummary stored;
        if (!batch.events.empty()) {
            Result<AppendSummary> result = sink->SubmitEvents(batch.events);
            if (!result.ok()) {
                RespondError(res, 500, "events not stored: " + result.status().message(), req.path);
                return;
            }
            stored = std::move(result.value());
        }
        nlohmann::json body = {
            {"stored", stored.inserted},
            {"duplicates", stored.duplicates},
            {"rejected", batch.rejected.size()},
            {"errors", nlohmann::json::array()},
        };
        for (size_t i = 0; i < batch.rejected.size() && i < kMaxErrorsListed; ++i) {
            body["errors"].push_back({{"line", batch.rejected[i].line}, {"reason", batch.rejected[i].reason}});
        }
        RespondJson(res, batch.rejected.empty() ? 200 : 422,
                    body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    });
}

}  // namespace cb
