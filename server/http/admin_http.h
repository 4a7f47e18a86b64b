// What the JSON API's changing routes share (thresholds and administration, docs/api.md):
// reading a JSON object body with known keys only, answering an AdminOutcome's failure as
// {"error","path","code","field","where":"body"}, and 405 for the methods a path does not take.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <nlohmann/json.hpp>
#include "server/admin/admin_outcome.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}

namespace cb {

// 400, 403, 404, 409 or 500 for a failed outcome (200 for Ok).
int HttpStatusOf(AdminOutcome::Kind kind);
void RespondOutcome(httplib::Response& res, const AdminOutcome& outcome, std::string_view path);
// The body as a JSON object whose keys are all in `allowed`. Answers 415 when Content-Type is
// not application/json (so another site's page cannot send it without the browser asking
// first), 400 for anything but such an object. Returns none when it answered.
std::optional<nlohmann::json> ReadJsonBody(const httplib::Request& req, httplib::Response& res,
                                           std::initializer_list<std::string_view> allowed);
// A string field of a body read by ReadJsonBody: absent -> fallback; not a string -> answers
// 400 naming it and returns none.
std::optional<std::string> StringField(const nlohmann::json& body, const char* name, httplib::Response& res,
                                       std::string_view path, std::string fallback = {});
// Registers 405 answers (with Allow) for every method of GET, POST, PUT, PATCH, DELETE on
// `pattern` not in `allowed` ("GET" also allows HEAD).
void RefuseOtherMethods(httplib::Server& server, const std::string& pattern, std::initializer_list<std::string_view> allowed);

}  // namespace cb
