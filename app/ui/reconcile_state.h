// The reconciliation page's state (view_reconcile.cpp draws it, ReconcileController changes it):
// the form (edited in place by the view), whether a request is out, what went wrong, and the
// last report as the server sent it.
#pragma once
#include <cstdint>
#include "client/admin_api.h"
#include "core/reconcile/reconcile_json.h"

namespace cb {

enum class ReconcileError : uint8_t { None, BadDate, Reversed, TooLong, Server, Unreachable };

struct ReconcileState {
    char from[16] = {};             // YYYY-MM-DD, edited in place by the view
    char to[16] = {};
    char queues[160] = {};          // queue keys, "a, b"; empty = every queue
    bool loading = false;
    ReconcileError error = ReconcileError::None;
    ApiError server_error;          // ReconcileError::Server: the refusal as the server said it
    bool has_report = false;        // a report arrived (kept while the next one loads)
    ReconRequest request;
    ReconReport report;
};

}  // namespace cb
