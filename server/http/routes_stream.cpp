// GET /api/stream: the live stream (Server-Sent Events, docs/api.md), cut to the caller's
// scope (docs/auth.md): every frame comes from Publication::ForScope. On connect a full
// "snapshot" event, then "delta" events; a client that fell behind gets a new full snapshot
// instead of a backlog. Frames come shared and pre-encoded from the Broadcaster; this worker
// only waits and writes. A ": heartbeat" comment goes out after `heartbeat` idle seconds.
// After the first snapshot, and whenever they change, the caller's thresholds as a
// "thresholds" event (core/thresholds_doc.h).
#include <httplib.h>
#include <charconv>
#include "core/thresholds_doc.h"
#include "server/admin/threshold_service.h"
#include "server/http/respond.h"
#include "server/http/routes.h"
#include "server/live/sse.h"

namespace cb {
namespace {

constexpr int kDefaultHeartbeatS = 10;

struct StreamState {
    Caller caller;               // fixed for the stream's life
    Scope scope;                 // the caller's
    bool demo_only = false;      // a trainer: the stream ends if the data is not simulated
    bool sent_retry = false;
    uint64_t last_seq = 0;
    uint64_t last_version = 0;
    bool sent_any = false;
    std::chrono::steady_clock::time_point last_write = std::chrono::steady_clock::now();
    ThresholdService* thresholds = nullptr;  // null: no thresholds events
    uint64_t thresholds_version = 0;         // of the last thresholds event sent
    uint64_t side_seen = 0;                  // Broadcaster::side_events() when last looked at
};

// The caller's thresholds document when it changed since the last one sent (after the first
// snapshot, so a stream still opens with "snapshot"); else null.
std::shared_ptr<const std::string> ThresholdsNews(Broadcaster& broadcaster, StreamState& state) {
    if (!state.thresholds) return nullptr;
    const uint64_t side = broadcaster.side_events();  // before Current(): a later change wakes the wait
    state.side_seen = side;
    if (!state.sent_any) return nullptr;
    std::shared_ptr<const ThresholdSets> sets = state.thresholds->Current();
    if (sets->version == 0 || sets->version == state.thresholds_version) return nullptr;
    state.thresholds_version = sets->version;
    const std::string json = ThresholdsDocToJson(ThresholdService::DocumentFor(*sets, state.caller));
    return std::make_shared<const std::string>(FormatSseEventFrame("thresholds", json, WallClockMs()));
}

// One call of the content provider: wait for news (or the heartbeat), write one frame.
bool WriteNext(Broadcaster& broadcaster, StreamState& state, std::chrono::seconds heartbeat, httplib::DataSink& sink) {
    using Clock = std::chrono::steady_clock;
    if (!state.sent_retry) {
        state.sent_retry = true;
        const std::string_view hint = SseRetryHint();
        return sink.write(hint.data(), hint.size());
    }
    if (std::shared_ptr<const std::string> news = ThresholdsNews(broadcaster, state)) {
        state.last_write = Clock::now();
        return sink.write(news->data(), news->size());
    }
    const Clock::time_point deadline = state.last_write + heartbeat;
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    std::shared_ptr<const Publication> publication =
        broadcaster.WaitNewer(state.last_seq, state.side_seen, std::max(wait, std::chrono::milliseconds(0)));
    if (broadcaster.is_shut_down()) return false;
    if (state.thresholds && state.sent_any && broadcaster.side_events() > state.side_seen) return true;  // next call sends it
    if (!publication || publication->seq() <= state.last_seq) {
        if (Clock::now() < deadline) return true;  // spurious wake: wait again
        state.last_write = Clock::now();
        const std::string_view beat = SseHeartbeat();
        return sink.write(beat.data(), beat.size());
    }
    if (state.demo_only && publication->snapshot().source.rfind("demo:", 0) != 0) return false;
    publication = publication->ForScope(state.scope);  // once per scope and publication, shared
    std::shared_ptr<const std::string> frame;
    if (state.sent_any) frame = publication->DeltaFrameFrom(state.last_version);
    if (!frame) frame = publication->FullFrame();  // first event, or behind by more than one step
    state.last_seq = publication->seq();
    state.last_version = publication->version();
    state.sent_any = true;
    state.last_write = Clock::now();
    return sink.write(frame->data(), frame->size());
}

}  // namespace

void AddStreamRoutes(httplib::Server& server, const RouteContext& context) {
    Broadcaster* broadcaster = context.broadcaster;
    const AuthHttp auth = context.auth;
    ThresholdService* thresholds = context.thresholds;
    server.Get("/api/stream", [broadcaster, auth, thresholds](const httplib::Request& req, httplib::Response& res) {
        if (!CheckQueryParams(req, res, {"heartbeat"})) return;
        std::optional<Caller> caller = RequireAction(req, res, auth, Action::ViewLive);
        if (!caller) return;
        if (std::shared_ptr<const Publication> current = broadcaster->Current();
            current && RefuseRealDataToDemoOnly(req, res, *caller, current->snapshot().source))
            return;
        int heartbeat_s = kDefaultHeartbeatS;
        if (req.has_param("heartbeat")) {
            const std::string value = req.get_param_value("heartbeat");
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), heartbeat_s);
            if (ec != std::errc() || end != value.data() + value.size() || heartbeat_s < 1 || heartbeat_s > 60) {
                RespondError(res, 400, "heartbeat: '" + value + "' is not a whole number of seconds 1-60", req.path,
                             "query");
                return;
            }
        }
        if (!broadcaster->TryOpenStream()) {
            res.set_header("Retry-After", "5");
            RespondError(res, 503, "too many open streams", req.path);
            return;
        }
        res.set_header("Cache-Control", "no-cache");
        res.set_header("X-Accel-Buffering", "no");
        auto state = std::make_shared<StreamState>();
        state->caller = *caller;
        state->scope = caller->scope();
        state->thresholds = thresholds;
        state->demo_only = RoleDemoOnly(caller->role);
        const std::chrono::seconds heartbeat(heartbeat_s);
        res.set_chunked_content_provider(
            "text/event-stream",
            [broadcaster, state, heartbeat](size_t, httplib::DataSink& sink) {
                return WriteNext(*broadcaster, *state, heartbeat, sink);
            },
            [broadcaster](bool) { broadcaster->CloseStream(); });
    });
}

}  // namespace cb
