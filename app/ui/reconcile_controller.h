// The reconciliation page (view_reconcile.cpp, docs/reconciliation.md): its state and the
// controller that turns "Compare" into GET /api/reconcile and the answer into the table. Dates are
// checked here first (format, order, the range limit of core/reconcile), so most mistakes show at
// once; the server checks them again and its refusal is shown as it says.
#pragma once
#include "api_tags.h"
#include <functional>
#include <string>
#include "client/transport.h"
#include "reconcile_state.h"

namespace cb {

class ReconcileController {
public:
    // Tags of its requests (ApiRequest::tag): [kFirstTag, kLastTag].
    static constexpr int kFirstTag = api_tags::kReconcile.first, kLastTag = api_tags::kReconcile.last;
    static bool OwnsTag(int tag) { return tag >= kFirstTag && tag <= kLastTag; }

    using Send = std::function<void(ApiRequest)>;
    explicit ReconcileController(Send send) : m_send(std::move(send)) {}

    ReconcileState& state() { return m_state; }
    const ReconcileState& state() const { return m_state; }

    // The page opens: dates default to `today` (the center's local date, YYYY-MM-DD) when empty,
    // then it compares at once.
    void Open(const std::string& today);
    void Run();                     // checks the form and asks the server
    void OnAnswer(const TransportMessage& answer);
    void Clear();                   // signed out: forget the form and the report

private:
    Send m_send;
    ReconcileState m_state;
    int m_next_tag = kFirstTag;     // answers of older requests are ignored
};

// The API path for the form's dates and queues (keys separated by commas, Chinese commas or
// spaces; percent-encoded), e.g. "api/reconcile?from=2026-01-05&to=2026-01-05&queue=sales".
std::string ReconcilePath(std::string_view from, std::string_view to, std::string_view queues);

}  // namespace cb
