// How an administration request ended (accounts, teams, thresholds), independent of HTTP: the
// routes turn Kind into a status (400, 403, 404, 409, 500) and the rest into the JSON error
// {"error":message,"code":code,"field":field} (docs/api.md, "Administration").
#pragma once
#include <cstdint>
#include <string>

namespace cb {

struct AdminOutcome {
    enum class Kind { Ok, Invalid, Forbidden, NotFound, Conflict, Failed };
    Kind kind = Kind::Ok;
    std::string code;     // machine-readable reason, e.g. "name_taken"; front-ends translate it
    std::string field;    // the request field at fault, when one is
    std::string message;  // one English line, naming the field first when there is one

    bool ok() const { return kind == Kind::Ok; }
    static AdminOutcome Ok() { return {}; }
    static AdminOutcome Fail(Kind kind, std::string code, std::string field, const std::string& message) {
        AdminOutcome o;
        o.kind = kind;
        o.code = std::move(code);
        o.message = field.empty() ? message : field + ": " + message;
        o.field = std::move(field);
        return o;
    }
};

// Who asked: an account (or the local admin) over HTTP, or the command line.
struct Actor {
    std::string user;       // account name, "" for the local admin, "cli:<login>" for the command line
    std::string address;    // client address, "cli" for the command line
    int64_t account_id = 0; // 0 for the local admin and the command line
};

}  // namespace cb
