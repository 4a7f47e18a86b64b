// Who may do what: the roles of docs/auth.md and the permission matrix every route consults.
// Pure: no I/O. Scoping of live data by role and teams is in scope.h.
#pragma once
#include <cstdint>
#include <string_view>

namespace cb {

enum class Role : uint8_t { Admin, Manager, Lead, Qa, Trainer, Wallboard };

std::string_view RoleName(Role role);               // "admin", "manager", "lead", "qa", "trainer", "wallboard"
bool ParseRole(std::string_view name, Role* out);   // false for an unknown name

// What a request asks to do. Each route names one.
enum class Action : uint8_t {
    ViewLive,         // GET /api/snapshot, /api/stream (scoped, see scope.h)
    ViewAgentDetail,  // GET /api/agents/{key} (scoped)
    ViewAudit,        // GET /api/audit
    ManageAccounts,   // add, disable, change passwords (command line today)
    ControlDemo,      // POST /api/demo: scenario, pause, restart, jumps, speed of the server's demo
};

// The permission matrix (docs/auth.md, "Roles"). Scoping still applies to what is allowed.
bool RoleMay(Role role, Action action);
// True when the role sees customer phone numbers unmasked (admin and qa).
bool RoleSeesPhoneNumbers(Role role);
// True when the role may only ever see simulated (demo) data.
bool RoleDemoOnly(Role role);

}  // namespace cb
